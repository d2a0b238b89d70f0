"""Strategies for the pricing results (private; see xborder.testing.strategies).

Results are drawn by computing them from drawn inputs, so every drawn
waterfall, solution or comparison is one xborder itself produced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from xborder.pricing import (
    ChannelComparison,
    ChannelResult,
    EndingDirection,
    GrossUp,
    LocalisedPrice,
    PriceSolution,
    SolvedLocalisedPrice,
    TaxedPrice,
    UnitEconomics,
    WaterfallLine,
    compare_channels,
    gross_up,
    price_for_margin,
    split_vat,
)
from xborder.testing.strategies._pricing import (
    _amounts,
    _currency,
    channels,
    listings,
    markets,
    payment_fees,
    vats,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.money import Currency

__all__ = [
    "channel_comparisons",
    "gross_ups",
    "localised_prices",
    "price_solutions",
    "solved_localised_prices",
    "taxed_prices",
    "unit_economics_results",
    "waterfall_lines",
]


def unit_economics_results(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[UnitEconomics]:
    """Waterfalls of drawn listings at drawn prices."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda listing, price: listing.economics(price),
            listings(currency=st.just(c)),
            _amounts(c, min_units=1),
        )
    )


def waterfall_lines() -> st.SearchStrategy[WaterfallLine]:
    """Lines of drawn waterfalls."""
    return unit_economics_results().flatmap(lambda e: st.sampled_from(e.lines))


def price_solutions(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[PriceSolution]:
    """Break-even prices of drawn listings (the drawn rates always allow one)."""
    return listings(currency=currency).map(lambda listing: listing.break_even_price())


def taxed_prices(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[TaxedPrice]:
    """Prices split by drawn VAT rules."""
    return _currency(currency).flatmap(
        lambda c: st.builds(split_vat, _amounts(c), vats())
    )


def gross_ups(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[GrossUp]:
    """Charges grossed up over drawn card fees."""
    return _currency(currency).flatmap(
        lambda c: st.builds(gross_up, _amounts(c), payment_fees(currency=st.just(c)))
    )


def localised_prices(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[LocalisedPrice]:
    """Break-even prices of drawn markets, moved up onto their endings.

    Drawn as plain :class:`LocalisedPrice` values (what :func:`localise_price`
    returns), not the :class:`SolvedLocalisedPrice` subclass they are solved as.
    """
    return markets(currency=currency).map(
        lambda market: _plain(price_for_margin(market, 0, direction=EndingDirection.UP))
    )


def _plain(solved: SolvedLocalisedPrice) -> LocalisedPrice:
    fields = attrs.fields(LocalisedPrice)
    return LocalisedPrice(**{f.name: getattr(solved, f.name) for f in fields})


def solved_localised_prices(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[SolvedLocalisedPrice]:
    """Break-even prices of drawn markets, moved either way onto their endings.

    (Break-even, because every drawn listing reaches it; a higher target can
    be out of reach of a drawn fee schedule.)
    """
    return st.builds(
        lambda market, direction: price_for_margin(market, 0, direction=direction),
        markets(currency=currency),
        st.sampled_from(EndingDirection),
    )


def channel_comparisons(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[ChannelComparison]:
    """Comparisons of one to three drawn channels in one currency."""
    return _currency(currency).flatmap(
        lambda c: st.lists(channels(currency=st.just(c)), min_size=1, max_size=3).map(
            compare_channels
        )
    )


def _channel_results() -> st.SearchStrategy[ChannelResult]:
    return channel_comparisons().flatmap(lambda c: st.sampled_from(c.rows))


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    UnitEconomics: unit_economics_results,
    WaterfallLine: waterfall_lines,
    PriceSolution: price_solutions,
    TaxedPrice: taxed_prices,
    GrossUp: gross_ups,
    LocalisedPrice: localised_prices,
    SolvedLocalisedPrice: solved_localised_prices,
    ChannelComparison: channel_comparisons,
    ChannelResult: _channel_results,
}
"""The strategy each pricing result resolves to under ``st.from_type``."""
