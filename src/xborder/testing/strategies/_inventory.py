"""Strategies for the inventory models (private).

Re-exported by :mod:`xborder.testing.strategies`; see its docstring.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.inventory import (
    ContinuousReviewPolicy,
    Demand,
    EmpiricalDemand,
    InboundShipment,
    LeadTime,
    LeadTimeLeg,
    LegKind,
    NewsvendorCosts,
    NormalDemand,
    OrderConstraints,
    PeriodicReviewPolicy,
    PoissonDemand,
    PriceBreak,
    ServiceMeasure,
    ServiceTarget,
    StockPosition,
)
from xborder.money import Currency, Money
from xborder.testing.strategies._core import _invalid, currencies, quantities
from xborder.units import DAY, HOUR, WEEK

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.units import Quantity

__all__ = [
    "continuous_review_policies",
    "demands",
    "empirical_demands",
    "inbound_shipments",
    "lead_time_legs",
    "lead_times",
    "newsvendor_costs",
    "normal_demands",
    "order_constraints",
    "periodic_review_policies",
    "poisson_demands",
    "price_breaks",
    "service_levels",
    "service_targets",
    "stock_positions",
]

_DAY_ONE = dt.date(2000, 1, 1)
_DAY_LAST = dt.date(2099, 12, 31)


def _amounts(
    low: Decimal | int, high: Decimal | int, places: int = 2
) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=low,
        max_value=high,
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def _periods() -> st.SearchStrategy[Quantity]:
    return st.one_of(
        quantities(st.sampled_from((DAY, WEEK)), min_value=1, max_value=4, places=0),
        quantities(st.just(HOUR), min_value=1, max_value=48, places=0),
    )


def demands(
    *,
    max_mean: int = 10_000,
    periods: st.SearchStrategy[Quantity] | None = None,
    seasonal: bool = True,
) -> st.SearchStrategy[Demand]:
    """Forecasts: mean 0 to ``max_mean`` per period, sd up to the mean, any period.

    Args:
        max_mean: Largest mean per period (an int >= 0).
        periods: Where to draw periods from (days, weeks or hours by default).
        seasonal: Whether some forecasts carry seasonality multipliers.
    """
    if isinstance(max_mean, bool) or not isinstance(max_mean, int) or max_mean < 0:
        return _invalid(f"max_mean must be an int >= 0, got {max_mean!r}")

    def build(mean: Decimal) -> st.SearchStrategy[Demand]:
        multipliers = st.just(())
        if seasonal:
            multipliers = st.one_of(
                st.just(()), st.lists(_amounts(0, 3), min_size=1, max_size=12)
            )
        return st.builds(
            _demand,
            st.just(mean),
            _amounts(0, mean) if mean else st.just(Decimal(0)),
            _periods() if periods is None else periods,
            multipliers,
            st.dates(_DAY_ONE, _DAY_LAST),
        )

    return _amounts(0, max_mean).flatmap(build)


def _demand(
    mean: Decimal,
    sd: Decimal,
    period: Quantity,
    multipliers: list[Decimal] | tuple[()],
    start: dt.date,
) -> Demand:
    if not multipliers:
        return Demand(mean=mean, sd=sd, period=period)
    return Demand(
        mean=mean, sd=sd, period=period, seasonality=multipliers, season_start=start
    )


def lead_time_legs(
    *, max_days: int = 120, kinds: st.SearchStrategy[LegKind] | None = None
) -> st.SearchStrategy[LeadTimeLeg]:
    """Legs of 0 to ``max_days`` days with a standard deviation up to half the mean."""
    if isinstance(max_days, bool) or not isinstance(max_days, int) or max_days < 0:
        return _invalid(f"max_days must be an int >= 0, got {max_days!r}")
    return _amounts(0, max_days, 1).flatmap(
        lambda mean: st.builds(
            _leg,
            st.sampled_from(
                ("factory", "first mile", "sea", "air", "customs", "receiving")
            ),
            st.just(mean),
            _amounts(0, mean / 2, 1),
            st.sampled_from(LegKind) if kinds is None else kinds,
        )
    )


def _leg(name: str, mean: Decimal, sd: Decimal, kind: LegKind) -> LeadTimeLeg:
    return LeadTimeLeg(name=name, mean=f"{mean} days", sd=f"{sd} days", kind=kind)


def lead_times(
    *, legs: st.SearchStrategy[LeadTimeLeg] | None = None, max_legs: int = 5
) -> st.SearchStrategy[LeadTime]:
    """Routes of 1 to ``max_legs`` legs drawn from ``legs``."""
    if isinstance(max_legs, bool) or not isinstance(max_legs, int) or max_legs < 1:
        return _invalid(f"max_legs must be an int >= 1, got {max_legs!r}")
    return st.lists(
        lead_time_legs(max_days=60) if legs is None else legs,
        min_size=1,
        max_size=max_legs,
    ).map(lambda items: LeadTime(legs=items))


def service_levels() -> st.SearchStrategy[Decimal]:
    """Levels strictly between 0 and 1, three decimals, shrinking towards 0.95."""
    return st.one_of(
        st.sampled_from([Decimal(v) for v in ("0.95", "0.9", "0.98", "0.99", "0.5")]),
        _amounts(Decimal("0.001"), Decimal("0.999"), 3),
    )


def service_targets(
    *,
    measures: st.SearchStrategy[ServiceMeasure] | None = None,
    levels: st.SearchStrategy[Decimal] | None = None,
) -> st.SearchStrategy[ServiceTarget]:
    """Cycle-service-level and fill-rate targets."""
    return st.builds(
        lambda measure, level: ServiceTarget(measure=measure, level=level),
        st.sampled_from(ServiceMeasure) if measures is None else measures,
        service_levels() if levels is None else levels,
    )


def inbound_shipments(
    *, dates: st.SearchStrategy[dt.date] | None = None, max_quantity: int = 100_000
) -> st.SearchStrategy[InboundShipment]:
    """Shipments of 1 to ``max_quantity`` units."""
    if (
        isinstance(max_quantity, bool)
        or not isinstance(max_quantity, int)
        or max_quantity < 1
    ):
        return _invalid(f"max_quantity must be an int >= 1, got {max_quantity!r}")
    return st.builds(
        lambda quantity, arrival: InboundShipment(quantity=quantity, arrival=arrival),
        st.integers(1, max_quantity),
        st.dates(_DAY_ONE, _DAY_LAST) if dates is None else dates,
    )


def stock_positions(
    *,
    max_units: int = 100_000,
    shipments: st.SearchStrategy[InboundShipment] | None = None,
) -> st.SearchStrategy[StockPosition]:
    """Positions: up to ``max_units`` on hand, reserved within it, backorders."""
    if isinstance(max_units, bool) or not isinstance(max_units, int) or max_units < 0:
        return _invalid(f"max_units must be an int >= 0, got {max_units!r}")

    @st.composite
    def build(draw: st.DrawFn) -> StockPosition:
        on_hand = draw(st.integers(0, max_units))
        return StockPosition(
            on_hand=on_hand,
            inbound=draw(
                st.lists(
                    inbound_shipments() if shipments is None else shipments, max_size=4
                )
            ),
            backorders=draw(st.integers(0, max_units)),
            reserved=draw(st.integers(0, on_hand)),
        )

    return build()


def normal_demands(*, max_mean: int = 100_000) -> st.SearchStrategy[NormalDemand]:
    """Season demand, normal: mean up to ``max_mean``, sd up to the mean."""
    return _amounts(0, max_mean).flatmap(
        lambda mean: st.builds(
            lambda sd: NormalDemand(mean=mean, sd=sd),
            _amounts(0, mean) if mean else st.just(Decimal(0)),
        )
    )


def poisson_demands(*, max_mean: int = 1000) -> st.SearchStrategy[PoissonDemand]:
    """Season demand, Poisson with a mean up to ``max_mean``."""
    return _amounts(0, max_mean).map(lambda mean: PoissonDemand(mean=mean))


def empirical_demands(*, max_units: int = 1000) -> st.SearchStrategy[EmpiricalDemand]:
    """Observed season demand: up to 12 outcomes with weights (at least one > 0)."""
    return (
        st.dictionaries(
            st.integers(0, max_units), st.integers(0, 20), min_size=1, max_size=12
        )
        .filter(lambda weights: any(weights.values()))
        .map(lambda weights: EmpiricalDemand(weights=weights))
    )


def newsvendor_costs(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[NewsvendorCosts]:
    """Costs from prices (price >= cost >= salvage) or from overage and underage."""

    def build(code: Currency) -> st.SearchStrategy[NewsvendorCosts]:
        places = code.exponent

        def from_prices(unit: Decimal) -> st.SearchStrategy[NewsvendorCosts]:
            parts = st.tuples(
                _amounts(0, 1000, places),
                _amounts(0, unit, places),
                _amounts(0, 10, places),
            ).filter(lambda p: p[0] + unit - p[1] + p[2] > 0)
            return parts.map(
                lambda p: NewsvendorCosts.from_prices(
                    price=Money(unit + p[0], code),
                    unit_cost=Money(unit, code),
                    salvage_value=Money(p[1], code),
                    leftover_cost=Money(p[2], code),
                )
            )

        direct = (
            st.tuples(_amounts(0, 100, places), _amounts(0, 100, places))
            .filter(lambda p: p[0] + p[1] > 0)
            .map(
                lambda p: NewsvendorCosts(
                    overage=Money(p[0], code), underage=Money(p[1], code)
                )
            )
        )
        return st.one_of(_amounts(1, 1000, places).flatmap(from_prices), direct)

    return (
        currencies(codes=st.sampled_from(("USD", "EUR", "JPY", "GBP")))
        if currency is None
        else currency
    ).flatmap(build)


def price_breaks(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[PriceBreak]:
    """One price break: from 0 to 100,000 units, a unit cost > 0."""
    return (currencies(codes=st.just("USD")) if currency is None else currency).flatmap(
        lambda code: st.builds(
            lambda quantity, cost: PriceBreak(
                min_quantity=quantity, unit_cost=Money(cost, code)
            ),
            st.integers(0, 100_000),
            _amounts(Decimal(1).scaleb(-code.exponent), 1000, code.exponent),
        )
    )


def order_constraints() -> st.SearchStrategy[OrderConstraints]:
    """Case packs, MOQs, storage caps and days-of-cover floors and caps."""
    optional_days = st.one_of(
        st.none(), quantities(st.just(DAY), min_value=0, max_value=180, places=0)
    )

    def ordered(
        pair: tuple[Quantity | None, Quantity | None],
    ) -> tuple[Quantity | None, Quantity | None]:
        low, high = pair
        if low is not None and high is not None and high.magnitude < low.magnitude:
            return high, low
        return low, high

    return st.builds(
        lambda pack, moq, cap, days: OrderConstraints(
            case_pack=pack,
            minimum_order=moq,
            max_units_stored=cap,
            min_days_of_cover=days[0],
            max_days_of_cover=days[1],
        ),
        st.integers(1, 200),
        st.integers(0, 5000),
        st.one_of(st.none(), st.integers(0, 100_000)),
        st.tuples(optional_days, optional_days).map(ordered),
    )


def continuous_review_policies() -> st.SearchStrategy[ContinuousReviewPolicy]:
    """(r, Q) policies with a reorder point up to 10,000 and Q from 1 to 10,000."""
    return st.builds(
        lambda point, size: ContinuousReviewPolicy(
            reorder_point=point, order_quantity=size
        ),
        st.integers(0, 10_000),
        st.integers(1, 10_000),
    )


def periodic_review_policies() -> st.SearchStrategy[PeriodicReviewPolicy]:
    """Order-up-to policies reviewed every 1 to 28 days."""
    return st.builds(
        lambda level, review: PeriodicReviewPolicy(
            order_up_to=level, review_period=f"{review} days"
        ),
        st.integers(0, 20_000),
        st.integers(1, 28),
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Demand: demands,
    LeadTimeLeg: lead_time_legs,
    LeadTime: lead_times,
    ServiceTarget: service_targets,
    InboundShipment: inbound_shipments,
    StockPosition: stock_positions,
    NormalDemand: normal_demands,
    PoissonDemand: poisson_demands,
    EmpiricalDemand: empirical_demands,
    NewsvendorCosts: newsvendor_costs,
    PriceBreak: price_breaks,
    OrderConstraints: order_constraints,
    ContinuousReviewPolicy: continuous_review_policies,
    PeriodicReviewPolicy: periodic_review_policies,
}
"""The strategy each inventory model resolves to under ``st.from_type``."""
