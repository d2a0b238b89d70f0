"""Hypothesis strategies for xborder's models, for your own property-based tests.

Requires the ``testing`` extra (``pip install "xborder[testing]"``). The
strategies follow Hypothesis's own API style: keyword-only options, options
that vary are *strategies* (pass ``st.just("EUR")`` for a fixed value), the
defaults cover every valid value (JPY with no decimals, KWD with three, zero,
huge amounts, odd units), and bad options raise ``InvalidArgument`` when the
strategy is drawn from.

They are also registered with Hypothesis through an entry point, so
``st.from_type(Money)`` and ``st.builds()`` of your own models that hold
xborder values work without importing this module.

>>> from hypothesis import given, strategies as st
>>> from xborder.money import Currency
>>> from xborder.testing import strategies as xst
>>> @given(xst.money_values(currency=st.just(Currency("JPY")), min_value=0))
... def test_never_negative(price):
...     assert not price.is_negative()
>>> test_never_negative()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xborder.testing.strategies import _core, _pricing, _pricing_results
from xborder.testing.strategies._core import (
    COMMON_CURRENCY_CODES,
    currencies,
    dimensions,
    durations,
    fx_rates,
    fx_tables,
    lengths,
    masses,
    money_values,
    quantities,
    rounding_modes,
    volumes,
)
from xborder.testing.strategies._pricing import (
    ad_spends,
    channels,
    fee_schedules,
    fixed_amounts,
    listings,
    markets,
    payment_fees,
    price_endings,
    rate_bands,
    referral_fees,
    returns_models,
    unit_costs,
    vats,
)
from xborder.testing.strategies._pricing_results import (
    channel_comparisons,
    gross_ups,
    localised_prices,
    price_solutions,
    taxed_prices,
    unit_economics_results,
    waterfall_lines,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis import strategies as st

__all__ = [
    "COMMON_CURRENCY_CODES",
    "ad_spends",
    "channel_comparisons",
    "channels",
    "currencies",
    "dimensions",
    "durations",
    "fee_schedules",
    "fixed_amounts",
    "fx_rates",
    "fx_tables",
    "gross_ups",
    "lengths",
    "listings",
    "localised_prices",
    "markets",
    "masses",
    "money_values",
    "payment_fees",
    "price_endings",
    "price_solutions",
    "quantities",
    "rate_bands",
    "referral_fees",
    "returns_models",
    "rounding_modes",
    "taxed_prices",
    "unit_costs",
    "unit_economics_results",
    "vats",
    "volumes",
    "waterfall_lines",
]


def _registered() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    """Every model's strategy, for the Hypothesis entry point (``_plugin``).

    Each area's module keeps its own ``REGISTERED`` table; add yours here.
    """
    return {**_core.REGISTERED, **_pricing.REGISTERED, **_pricing_results.REGISTERED}
