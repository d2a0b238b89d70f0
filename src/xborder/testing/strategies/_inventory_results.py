"""Strategies for the inventory results (private; see xborder.testing.strategies).

Results are drawn by computing them from drawn inputs with xborder's own
calculators, so every drawn safety stock, policy, projection or
recommendation is one xborder itself produced. Dates are drawn arguments
(nothing reads a clock), and projections are kept to a few weeks so draws
stay fast.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from hypothesis import strategies as st

from xborder.inventory import (
    ContinuousReviewPolicy,
    Cover,
    Demand,
    DiscountCandidate,
    DiscountedOrderQuantity,
    EconomicOrderQuantity,
    EmpiricalDemand,
    LegMilestone,
    Newsvendor,
    NewsvendorCosts,
    NewsvendorOutcome,
    NormalDemand,
    OrderConstraints,
    OrderDeadline,
    OrderUpToLevel,
    PeriodicReviewPolicy,
    PlannedOrder,
    PoissonDemand,
    ProjectedDay,
    ProtectionDemand,
    ReorderPoint,
    RestockRecommendation,
    RestockStep,
    RQPolicy,
    SafetyStock,
    ServiceEvaluation,
    ServiceOutcome,
    ServiceTarget,
    SSPolicy,
    StockoutForecast,
    StockPosition,
    StockProjection,
    days_of_cover,
    eoq,
    eoq_all_units_discount,
    evaluate_order_up_to,
    evaluate_reorder_point,
    latest_order_date,
    lead_time_demand,
    newsvendor,
    newsvendor_outcome,
    order_deadline,
    order_up_to_level,
    project_stock,
    projected_stockout,
    reorder_point,
    restock_recommendation,
    rq_policy,
    safety_stock,
    ss_policy,
)
from xborder.money import Currency, Money
from xborder.testing.strategies._core import (
    _invalid,
    _not_strategies,
    currencies,
    quantities,
)
from xborder.testing.strategies._inventory import (
    _amounts,
    demands,
    empirical_demands,
    inbound_shipments,
    lead_times,
    newsvendor_costs,
    normal_demands,
    order_constraints,
    poisson_demands,
    price_breaks,
    service_targets,
    stock_positions,
)
from xborder.units import DAY, WEEK

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.units import Quantity

# The two continuous-review results drawn by :func:`_continuous_review`.
_Level = TypeVar("_Level", SafetyStock, ReorderPoint)

__all__ = [
    "covers",
    "discount_candidates",
    "discounted_order_quantities",
    "economic_order_quantities",
    "leg_milestones",
    "newsvendor_outcomes",
    "newsvendors",
    "order_deadlines",
    "order_up_to_levels",
    "planned_orders",
    "projected_days",
    "protection_demands",
    "reorder_points",
    "restock_recommendations",
    "restock_steps",
    "rq_policies",
    "safety_stocks",
    "service_evaluations",
    "service_outcomes",
    "ss_policies",
    "stock_projections",
    "stockout_forecasts",
]

_FIRST_DAY = dt.date(2000, 1, 1)
_LAST_DAY = dt.date(2099, 12, 31)
_MAX_PROJECTION_DAYS = 28
_COST_CURRENCIES = ("USD", "EUR", "JPY", "GBP", "KWD")


def _as_of(dates: st.SearchStrategy[dt.date] | None) -> st.SearchStrategy[dt.date]:
    return st.dates(_FIRST_DAY, _LAST_DAY) if dates is None else dates


def _currency(
    currency: st.SearchStrategy[Currency] | None,
) -> st.SearchStrategy[Currency]:
    if currency is None:
        return currencies(codes=st.sampled_from(_COST_CURRENCIES))
    return currency


def _costs(
    code: Currency, *, min_units: int = 1, max_units: int = 100_000
) -> st.SearchStrategy[Money]:
    """Money in ``code`` from ``min_units`` to ``max_units`` minor units."""
    return st.integers(min_units, max_units).map(
        lambda units: Money.of_minor_units(units, code)
    )


def _periods() -> st.SearchStrategy[Quantity]:
    """Review or cost periods: 1 to 4 days or weeks."""
    return quantities(st.sampled_from((DAY, WEEK)), min_value=1, max_value=4, places=0)


def _cost_periods() -> st.SearchStrategy[str]:
    return st.sampled_from(("1 day", "1 week", "30 days", "1 year"))


def _order_quantities() -> st.SearchStrategy[int]:
    return st.integers(1, 10_000)


def _positions_near(day: dt.date) -> st.SearchStrategy[StockPosition]:
    """Positions whose shipments land from ten days before ``day`` to six weeks on."""
    arrivals = st.dates(day - dt.timedelta(days=10), day + dt.timedelta(days=42))
    return stock_positions(
        max_units=5000, shipments=inbound_shipments(dates=arrivals, max_quantity=5000)
    )


def protection_demands(
    *, dates: st.SearchStrategy[dt.date] | None = None
) -> st.SearchStrategy[ProtectionDemand]:
    """Demand over drawn lead times, with or without a review period."""
    if (wrong := _not_strategies(dates=dates)) is not None:
        return wrong
    return st.builds(
        lambda demand, route, review, day: lead_time_demand(
            demand, route, review_period=review, as_of=day
        ),
        demands(),
        lead_times(),
        st.one_of(st.none(), _periods()),
        _as_of(dates),
    )


def _per_cycle(target: ServiceTarget, drawn: int | None) -> int | None:
    # A fill rate depends on the units each order brings: give it some.
    return 1 if drawn is None and target.is_fill_rate else drawn


def safety_stocks(
    *,
    targets: st.SearchStrategy[ServiceTarget] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[SafetyStock]:
    """Safety stocks of drawn forecasts and routes for drawn service targets.

    Targets below 50 % give negative safety stocks (xborder keeps them);
    pass ``targets`` to draw only the levels you care about.
    """
    return _continuous_review(safety_stock, targets=targets, dates=dates)


def reorder_points(
    *,
    targets: st.SearchStrategy[ServiceTarget] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[ReorderPoint]:
    """Reorder points of drawn forecasts and routes for drawn service targets."""
    return _continuous_review(reorder_point, targets=targets, dates=dates)


def _continuous_review(
    calculate: Callable[..., _Level],
    *,
    targets: st.SearchStrategy[ServiceTarget] | None,
    dates: st.SearchStrategy[dt.date] | None,
) -> st.SearchStrategy[_Level]:
    # Safety stock and reorder point take the same inputs: a forecast, a
    # route, a target and (for a fill rate) the quantity ordered per cycle.
    if (wrong := _not_strategies(targets=targets, dates=dates)) is not None:
        return wrong
    return st.builds(
        lambda demand, route, target, per_cycle, day: calculate(
            demand,
            route,
            target,
            order_quantity=_per_cycle(target, per_cycle),
            as_of=day,
        ),
        demands(),
        lead_times(),
        service_targets() if targets is None else targets,
        st.one_of(st.none(), _order_quantities()),
        _as_of(dates),
    )


def order_up_to_levels(
    *,
    targets: st.SearchStrategy[ServiceTarget] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[OrderUpToLevel]:
    """Order-up-to levels for reviews every 1 to 4 days or weeks."""
    if (wrong := _not_strategies(targets=targets, dates=dates)) is not None:
        return wrong
    return st.builds(
        lambda demand, route, target, review, day: order_up_to_level(
            demand, route, target, review_period=review, as_of=day
        ),
        demands(),
        lead_times(),
        service_targets() if targets is None else targets,
        _periods(),
        _as_of(dates),
    )


def economic_order_quantities(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[EconomicOrderQuantity]:
    """EOQs of drawn forecasts, costs and minimum orders."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda code: st.builds(
            lambda demand, setup, holding, period, floor: eoq(
                demand,
                order_cost=setup,
                holding_cost=holding,
                holding_period=period,
                minimum_order=floor,
            ),
            demands(),
            _costs(code, min_units=0),
            _costs(code),
            _cost_periods(),
            st.one_of(st.just(0), st.integers(0, 5000)),
        )
    )


def _with_demand(demand: Demand) -> bool:
    return demand.mean > 0


def discounted_order_quantities(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[DiscountedOrderQuantity]:
    """All-units-discount plans over one to four drawn price breaks."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda code: st.builds(
            lambda demand, setup, rate, period, breaks, floor: eoq_all_units_discount(
                demand,
                order_cost=setup,
                holding_rate=rate,
                holding_period=period,
                price_breaks=breaks,
                minimum_order=floor,
            ),
            demands().filter(_with_demand),  # no demand has no cheapest order
            _costs(code),
            _amounts(Decimal("0.001"), 1, 3),
            _cost_periods(),
            st.lists(
                price_breaks(currency=st.just(code)),
                min_size=1,
                max_size=4,
                unique_by=lambda price: price.min_quantity,
            ),
            st.one_of(st.just(0), st.integers(0, 5000)),
        )
    )


def discount_candidates(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[DiscountCandidate]:
    """Candidates of drawn all-units-discount plans (the winner or another)."""
    return discounted_order_quantities(currency=currency).flatmap(
        lambda plan: st.sampled_from(plan.candidates)  # never empty: the last price
    )


def rq_policies(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[RQPolicy]:
    """(r, Q) policies of drawn forecasts, routes and costs."""
    if (wrong := _not_strategies(currency=currency, dates=dates)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda code: st.builds(
            lambda demand, route, setup, holding, stockout, period, day: rq_policy(
                demand,
                route,
                order_cost=setup,
                holding_cost=holding,
                stockout_cost=stockout,
                cost_period=period,
                as_of=day,
            ),
            demands(),
            lead_times(),
            _costs(code),
            _costs(code),
            _costs(code),
            _cost_periods(),
            _as_of(dates),
        )
    )


def _variable(demand: Demand) -> bool:
    return demand.sd > 0


def ss_policies(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[SSPolicy]:
    """(s, S) policies of drawn variable forecasts (σ > 0), routes and costs."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda code: st.builds(
            lambda demand, route, review, setup, holding, stockout: ss_policy(
                demand,
                route,
                review_period=review,
                order_cost=setup,
                holding_cost=holding,
                stockout_cost=stockout,
            ),
            # The power approximation needs variability (σ > 0, so a mean > 0).
            demands(seasonal=False).filter(_variable),
            lead_times(),
            _periods(),
            _costs(code),
            _costs(code),
            _costs(code),
        )
    )


def _newsvendor_demands(
    costs: NewsvendorCosts,
) -> st.SearchStrategy[NormalDemand | PoissonDemand | EmpiricalDemand]:
    # A critical ratio of 0 or 1 has an infinite normal (and Poisson) quantile.
    if 0 < costs.critical_ratio_float < 1:
        return st.one_of(normal_demands(), poisson_demands(), empirical_demands())
    return empirical_demands()


def newsvendors(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Newsvendor]:
    """Newsvendor quantities for drawn normal, Poisson and empirical season demand."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return newsvendor_costs(currency=currency).flatmap(
        lambda costs: _newsvendor_demands(costs).map(
            lambda demand: newsvendor(demand, costs)
        )
    )


def newsvendor_outcomes(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[NewsvendorOutcome]:
    """Expected outcomes of buying 0 to 200,000 units against drawn season demand."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return st.builds(
        lambda demand, costs, quantity: newsvendor_outcome(
            demand, costs, quantity=quantity
        ),
        st.one_of(normal_demands(), poisson_demands(), empirical_demands()),
        newsvendor_costs(currency=currency),
        st.integers(0, 200_000),
    )


def service_evaluations(
    *, dates: st.SearchStrategy[dt.date] | None = None
) -> st.SearchStrategy[ServiceEvaluation]:
    """The service drawn reorder points and order-up-to levels give."""
    if (wrong := _not_strategies(dates=dates)) is not None:
        return wrong
    continuous = st.builds(
        lambda demand, route, level, per_cycle, day: evaluate_reorder_point(
            demand, route, reorder_point=level, order_quantity=per_cycle, as_of=day
        ),
        demands(),
        lead_times(),
        st.integers(0, 100_000),
        _order_quantities(),
        _as_of(dates),
    )
    periodic = st.builds(
        lambda demand, route, level, review, day: evaluate_order_up_to(
            demand, route, order_up_to=level, review_period=review, as_of=day
        ),
        demands(),
        lead_times(),
        st.integers(0, 100_000),
        _periods(),
        _as_of(dates),
    )
    return st.one_of(continuous, periodic)


def service_outcomes() -> st.SearchStrategy[ServiceOutcome]:
    """Outcomes of drawn service evaluations and safety stocks."""
    return st.one_of(
        service_evaluations().map(lambda evaluation: evaluation.outcome),
        safety_stocks().map(lambda stock: stock.outcome),
    )


def covers(
    *, dates: st.SearchStrategy[dt.date] | None = None
) -> st.SearchStrategy[Cover]:
    """Days of cover of 0 to 100,000 units against drawn forecasts."""
    if (wrong := _not_strategies(dates=dates)) is not None:
        return wrong
    return st.builds(
        lambda stock, demand, day: days_of_cover(stock, demand, as_of=day),
        st.integers(0, 100_000),
        demands(),
        _as_of(dates),
    )


def stockout_forecasts(
    *, dates: st.SearchStrategy[dt.date] | None = None
) -> st.SearchStrategy[StockoutForecast]:
    """Projected stockouts of drawn positions whose shipments land near ``as_of``."""
    if (wrong := _not_strategies(dates=dates)) is not None:
        return wrong
    return _as_of(dates).flatmap(
        lambda day: st.builds(
            lambda position, demand: projected_stockout(position, demand, as_of=day),
            _positions_near(day),
            demands(),
        )
    )


def order_deadlines(
    *, dates: st.SearchStrategy[dt.date] | None = None
) -> st.SearchStrategy[OrderDeadline]:
    """Routes scheduled back from a drawn need-by day or a projected stockout."""
    if (wrong := _not_strategies(dates=dates)) is not None:
        return wrong
    confidences = st.one_of(st.none(), _amounts(Decimal("0.5"), Decimal("0.999"), 3))
    buffers = st.one_of(st.none(), st.integers(0, 14).map(lambda n: f"{n} days"))
    direct = st.builds(
        lambda route, day, confidence, buffer: order_deadline(
            route, need_by=day, confidence=confidence, buffer=buffer
        ),
        lead_times(),
        _as_of(dates),
        confidences,
        buffers,
    )

    @st.composite
    def from_stockout(draw: st.DrawFn) -> OrderDeadline:
        day = draw(_as_of(dates))
        route = draw(lead_times())
        confidence = draw(confidences)
        _, deadline = latest_order_date(
            draw(_positions_near(day)),
            draw(demands()),
            route,
            as_of=day,
            confidence=confidence,
        )
        if deadline is None:  # the stock never runs out: plan for today instead
            deadline = order_deadline(route, need_by=day, confidence=confidence)
        return deadline

    return st.one_of(direct, from_stockout())


def leg_milestones() -> st.SearchStrategy[LegMilestone]:
    """Milestones of drawn order deadlines."""
    return order_deadlines().flatmap(
        lambda deadline: st.sampled_from(deadline.milestones)  # a route has a leg
    )


def _policies(
    position: StockPosition,
) -> st.SearchStrategy[ContinuousReviewPolicy | PeriodicReviewPolicy | None]:
    # The last kind orders up to above the position, so it orders on day one.
    above = max(position.inventory_position, 0)
    return st.one_of(
        st.none(),
        st.builds(
            lambda point, size: ContinuousReviewPolicy(
                reorder_point=point, order_quantity=size
            ),
            st.integers(0, 5000),
            st.integers(1, 5000),
        ),
        st.builds(
            lambda extra, review: PeriodicReviewPolicy(
                order_up_to=above + extra, review_period=f"{review} days"
            ),
            st.integers(1, 5000),
            st.integers(1, 14),
        ),
    )


def stock_projections(
    *,
    dates: st.SearchStrategy[dt.date] | None = None,
    max_days: int = _MAX_PROJECTION_DAYS,
) -> st.SearchStrategy[StockProjection]:
    """Projections of 1 to ``max_days`` days under no policy, (r, Q) or order-up-to."""
    if (wrong := _not_strategies(dates=dates)) is not None:
        return wrong
    if isinstance(max_days, bool) or not isinstance(max_days, int) or max_days < 1:
        return _invalid(f"max_days must be an int >= 1, got {max_days!r}")

    @st.composite
    def build(draw: st.DrawFn) -> StockProjection:
        day = draw(_as_of(dates))
        position = draw(_positions_near(day))
        return project_stock(
            position,
            draw(demands(max_mean=1000)),
            as_of=day,
            days=draw(st.integers(1, max_days)),
            policy=draw(_policies(position)),
            lead_time=draw(lead_times(max_legs=2)),
            lost_sales=draw(st.booleans()),
        )

    return build()


def projected_days() -> st.SearchStrategy[ProjectedDay]:
    """Days of drawn projections."""
    return stock_projections().flatmap(
        lambda projection: st.sampled_from(projection.days)  # at least one day
    )


def planned_orders() -> st.SearchStrategy[PlannedOrder]:
    """Orders placed in drawn projections under an order-up-to policy."""

    @st.composite
    def build(draw: st.DrawFn) -> StockProjection:
        day = draw(_as_of(None))
        position = draw(_positions_near(day))
        # Up to above today's position: the first review (day one) orders.
        policy = PeriodicReviewPolicy(
            order_up_to=max(position.inventory_position, 0)
            + draw(st.integers(1, 5000)),
            review_period=f"{draw(st.integers(1, 14))} days",
        )
        return project_stock(
            position,
            draw(demands(max_mean=1000)),
            as_of=day,
            days=draw(st.integers(1, _MAX_PROJECTION_DAYS)),
            policy=policy,
            lead_time=draw(lead_times(max_legs=2)),
            lost_sales=draw(st.booleans()),
        )

    return build().flatmap(lambda projection: st.sampled_from(projection.orders))


def restock_recommendations(
    *,
    constraints: st.SearchStrategy[OrderConstraints | None] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[RestockRecommendation]:
    """Today's restock for drawn positions, forecasts, routes, targets and limits."""
    if (wrong := _not_strategies(constraints=constraints, dates=dates)) is not None:
        return wrong
    limits = (
        st.one_of(st.none(), order_constraints())
        if constraints is None
        else constraints
    )
    return _as_of(dates).flatmap(
        lambda day: st.builds(
            lambda position, demand, route, target, review, rules: (
                restock_recommendation(
                    position,
                    demand,
                    route,
                    target,
                    as_of=day,
                    review_period=review,
                    constraints=rules,
                )
            ),
            _positions_near(day),
            demands(),
            lead_times(),
            service_targets(),
            _periods(),
            limits,
        )
    )


def restock_steps() -> st.SearchStrategy[RestockStep]:
    """Steps of drawn restock recommendations."""
    return restock_recommendations().flatmap(
        lambda recommendation: st.sampled_from(recommendation.steps)  # never empty
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    ProtectionDemand: protection_demands,
    SafetyStock: safety_stocks,
    ReorderPoint: reorder_points,
    OrderUpToLevel: order_up_to_levels,
    EconomicOrderQuantity: economic_order_quantities,
    DiscountedOrderQuantity: discounted_order_quantities,
    DiscountCandidate: discount_candidates,
    RQPolicy: rq_policies,
    SSPolicy: ss_policies,
    Newsvendor: newsvendors,
    NewsvendorOutcome: newsvendor_outcomes,
    ServiceEvaluation: service_evaluations,
    ServiceOutcome: service_outcomes,
    Cover: covers,
    StockoutForecast: stockout_forecasts,
    OrderDeadline: order_deadlines,
    LegMilestone: leg_milestones,
    StockProjection: stock_projections,
    ProjectedDay: projected_days,
    PlannedOrder: planned_orders,
    RestockRecommendation: restock_recommendations,
    RestockStep: restock_steps,
}
"""The strategy each inventory result resolves to under ``st.from_type``."""
