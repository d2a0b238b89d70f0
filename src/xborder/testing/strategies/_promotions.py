"""Strategies for promotions and deals (private; see xborder.testing.strategies).

Every amount is drawn in the one currency drawn, as the pricing strategies
do, so a drawn promotion can be priced on a drawn listing of that currency.
Results are computed from drawn inputs: a listing, a shelf price of at
least 100 minor units and a share off of at most 90%, so the discounted
price is never zero.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.pricing.promotions import (
    Coupon,
    Deal,
    DemandEffects,
    Discount,
    PromotionLift,
    PromotionOutcome,
    break_even_lift,
    promotion_outcome,
)
from xborder.testing.strategies._pricing import (
    _amounts,
    _currency,
    _fractions,
    listings,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.money import Currency

__all__ = [
    "coupons",
    "deals",
    "demand_effects",
    "discounts",
    "promotion_lifts",
    "promotion_outcomes",
]


def discounts(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Discount]:
    """Discounts: a share off (0-90%), an amount off, or a promotional price."""
    return _currency(currency).flatmap(
        lambda c: st.one_of(
            _fractions("0", "0.9", 2).map(Discount.percent_off),
            _amounts(c, max_units=10_000).map(Discount.amount_off),
            _amounts(c, min_units=1, max_units=10_000).map(Discount.to_price),
        )
    )


def _share_off() -> st.SearchStrategy[Discount]:
    return _fractions("0", "0.9", 2).map(Discount.percent_off)


def coupons(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    discount: st.SearchStrategy[Discount] | None = None,
) -> st.SearchStrategy[Coupon]:
    """Coupons with fees, a redemption rate in (0, 1] and maybe a budget."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda off, fee, rate, event, redeem, budget: Coupon(
                discount=off,
                redemption_fee=fee,
                fee_rate=rate,
                event_fee=event,
                redemption_rate=redeem,
                budget=budget,
            ),
            discounts(currency=st.just(c)) if discount is None else discount,
            st.none() | _amounts(c, max_units=200),
            _fractions("0", "0.05", 3),
            st.none() | _amounts(c, max_units=10_000),
            _fractions("0.01", "1", 2),
            st.none() | _amounts(c, min_units=1, max_units=1_000_000),
        )
    )


def deals(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    discount: st.SearchStrategy[Discount] | None = None,
) -> st.SearchStrategy[Deal]:
    """Deal events with a fee per event and fees per unit."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda off, event, unit, rate: Deal(
                discount=off, event_fee=event, unit_fee=unit, fee_rate=rate
            ),
            discounts(currency=st.just(c)) if discount is None else discount,
            st.none() | _amounts(c, max_units=50_000),
            st.none() | _amounts(c, max_units=200),
            _fractions("0", "0.05", 3),
        )
    )


def demand_effects(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[DemandEffects]:
    """Cannibalisation, dip and halo, with contributions in ``currency``."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda share, lost, dip, halo, gained: DemandEffects(
                cannibalisation=share,
                cannibalised_contribution=lost,
                dip=dip,
                halo=halo,
                halo_contribution=gained if halo else None,
            ),
            _fractions("0", "1", 2),
            st.none() | _amounts(c, max_units=5_000),
            _fractions("0", "1", 2),
            _fractions("0", "2", 2),
            _amounts(c, max_units=5_000),
        )
    )


def _setting(c: Currency) -> st.SearchStrategy[tuple[Any, ...]]:
    promotion = st.one_of(
        coupons(currency=st.just(c), discount=_share_off()),
        deals(currency=st.just(c), discount=_share_off()),
    )
    return st.tuples(
        listings(currency=st.just(c)),
        _amounts(c, min_units=100),
        promotion,
        st.integers(1, 10_000).map(Decimal),
        st.none() | demand_effects(currency=st.just(c)),
    )


def promotion_lifts(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[PromotionLift]:
    """Break-even lifts of drawn promotions on drawn listings (reachable or not)."""
    return (
        _currency(currency)
        .flatmap(_setting)
        .map(
            lambda s: break_even_lift(
                s[0], s[1], s[2], baseline_units=s[3], effects=s[4]
            )
        )
    )


def promotion_outcomes(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[PromotionOutcome]:
    """Outcomes of drawn promotions at drawn lifts (0-300%)."""
    return (
        _currency(currency)
        .flatmap(lambda c: st.tuples(_setting(c), _fractions("0", "3", 2)))
        .map(
            lambda pair: promotion_outcome(
                pair[0][0],
                pair[0][1],
                pair[0][2],
                baseline_units=pair[0][3],
                lift=pair[1],
                effects=pair[0][4],
            )
        )
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Discount: discounts,
    Coupon: coupons,
    Deal: deals,
    DemandEffects: demand_effects,
    PromotionLift: promotion_lifts,
    PromotionOutcome: promotion_outcomes,
}
"""The strategy each promotion model resolves to under ``st.from_type``."""
