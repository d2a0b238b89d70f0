"""The inventory result strategies yield results that obey the calculators' laws."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from xborder._exact import EXACT
from xborder.inventory import (
    Cover,
    DiscountCandidate,
    DiscountedOrderQuantity,
    EconomicOrderQuantity,
    LegMilestone,
    Newsvendor,
    NewsvendorOutcome,
    OrderDeadline,
    OrderQuantityRule,
    OrderUpToLevel,
    PlannedOrder,
    ProjectedDay,
    ProtectionDemand,
    ReorderPoint,
    RestockConstraint,
    RestockStep,
    RQPolicy,
    SafetyStock,
    ServiceEvaluation,
    ServiceMeasure,
    ServiceOutcome,
    SSPolicy,
    StockoutForecast,
    StockProjection,
)
from xborder.money import Currency
from xborder.testing import strategies as xst
from xborder.testing.strategies._inventory_results import REGISTERED as RESULTS

if TYPE_CHECKING:
    from collections.abc import Callable

# Each draw runs a calculator (a projection steps day by day): keep the
# counts small so the file stays fast under the CI profile.
FEW = settings(max_examples=25)
SOME = settings(max_examples=50)

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _is_probability(value: Decimal) -> bool:
    return _ZERO <= value <= _ONE


@pytest.mark.parametrize("model", list(RESULTS), ids=lambda m: m.__name__)
def test_from_type_resolves_every_inventory_result(model: type) -> None:
    @settings(max_examples=10)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()


@pytest.mark.parametrize(
    ("model", "strategy"), list(RESULTS.items()), ids=lambda m: m.__name__
)
def test_every_calculated_result_passes_its_own_constructor(
    model: type, strategy: Callable[[], st.SearchStrategy[Any]]
) -> None:
    # Calculators build results on a fast path that skips the converters;
    # the public constructor validates. What a calculator builds must be
    # what the constructor accepts, field for field, or it could not be
    # rebuilt (xborder.serialize rebuilds results through the constructor).
    @settings(max_examples=10)
    @given(strategy())
    def check(value: object) -> None:
        rebuilt = attrs.evolve(value)  # type: ignore[misc]
        assert type(rebuilt) is model
        assert rebuilt == value
        assert repr(rebuilt) == repr(value)  # digit for digit

    check()


@SOME
@given(xst.protection_demands())
def test_protection_demand_variance_is_its_two_parts(demand: ProtectionDemand) -> None:
    assert demand.mean >= 0
    assert demand.demand_variance >= 0
    assert demand.lead_time_variance >= 0
    assert demand.variance == EXACT.add(
        demand.demand_variance, demand.lead_time_variance
    )
    assert (demand.sd == 0) == (demand.variance == 0)


@SOME
@given(xst.safety_stocks())
def test_safety_stock_is_zero_without_variability_and_follows_z(
    stock: SafetyStock,
) -> None:
    if stock.demand.variance == 0:
        assert stock.quantity == 0
    elif stock.z is not None:
        assert (stock.quantity > 0) == (stock.z > 0)
        assert (stock.quantity < 0) == (stock.z < 0)
    assert stock.units == math.ceil(stock.quantity)
    assert _is_probability(stock.cycle_service_level)


@SOME
@given(
    xst.safety_stocks(
        targets=xst.service_targets(
            measures=st.just(ServiceMeasure.CYCLE_SERVICE_LEVEL),
            levels=st.decimals("0.5", "0.999", places=3),
        )
    )
)
def test_safety_stock_is_non_negative_from_a_50_percent_cycle_level(
    stock: SafetyStock,
) -> None:
    assert stock.quantity >= 0
    assert stock.units >= 0


@SOME
@given(xst.reorder_points())
def test_reorder_point_is_lead_time_demand_plus_safety_stock(
    point: ReorderPoint,
) -> None:
    assert point.level == EXACT.add(point.demand.mean, point.safety_stock.quantity)
    assert point.demand.review_days == 0
    # Demand is never negative, so the trigger never sits below the buffer.
    assert point.units >= point.safety_stock.units


@SOME
@given(xst.order_up_to_levels())
def test_order_up_to_level_covers_review_plus_lead_time(level: OrderUpToLevel) -> None:
    assert level.demand.review_days > 0
    assert level.demand.interval_days == EXACT.add(
        level.demand.review_days, level.demand.lead_time_days
    )
    assert level.level == EXACT.add(level.demand.mean, level.safety_stock.quantity)
    assert level.units == math.ceil(level.level)


@SOME
@given(xst.economic_order_quantities(currency=st.just(Currency("JPY"))))
def test_eoq_costs_add_up_and_respect_the_rule(result: EconomicOrderQuantity) -> None:
    assert result.total_cost == result.ordering_cost + result.holding_cost
    assert result.ordering_cost.currency == Currency("JPY")
    assert result.quantity >= result.eoq
    if result.rule is OrderQuantityRule.EOQ:
        assert result.quantity == result.eoq
    else:
        assert result.rule is OrderQuantityRule.MINIMUM_ORDER
        assert result.quantity > result.eoq
    assert result.units == math.ceil(result.quantity)


@SOME
@given(xst.discounted_order_quantities())
def test_discount_plan_picks_its_cheapest_candidate(
    plan: DiscountedOrderQuantity,
) -> None:
    assert plan.best in plan.candidates
    assert all(
        plan.best.total_cost.amount <= candidate.total_cost.amount
        for candidate in plan.candidates
    )
    assert plan.units == math.ceil(plan.quantity)


@SOME
@given(xst.discount_candidates())
def test_discount_candidate_costs_add_up(candidate: DiscountCandidate) -> None:
    assert candidate.total_cost == (
        candidate.purchase_cost + candidate.ordering_cost + candidate.holding_cost
    )
    assert candidate.quantity >= candidate.price_break.min_quantity


@SOME
@given(xst.rq_policies())
def test_rq_policy_has_a_z_exactly_when_demand_varies(policy: RQPolicy) -> None:
    assert (policy.z is None) == (policy.demand.sd == 0)
    assert policy.order_quantity >= 0
    assert policy.reorder_point_units == math.ceil(policy.reorder_point)
    assert policy.order_quantity_units == math.ceil(policy.order_quantity)
    assert policy.iterations >= 1


@SOME
@given(xst.ss_policies())
def test_ss_policy_orders_up_to_above_its_trigger(policy: SSPolicy) -> None:
    assert policy.quantity > 0
    assert policy.z > 0
    assert policy.order_up_to > policy.reorder_point
    assert policy.order_up_to_units >= policy.reorder_point_units
    assert policy.demand.sd > 0


@SOME
@given(xst.newsvendors())
def test_newsvendor_quantity_and_its_outcome(result: Newsvendor) -> None:
    assert _is_probability(result.critical_ratio)
    assert result.quantity >= 0
    assert result.units == math.ceil(result.quantity)
    assert result.outcome.quantity == result.quantity
    assert _is_probability(result.outcome.in_stock_probability)


@SOME
@given(xst.newsvendor_outcomes())
def test_newsvendor_outcome_sold_plus_lost_is_demand(
    outcome: NewsvendorOutcome,
) -> None:
    assert (
        EXACT.add(outcome.expected_sales, outcome.expected_lost_sales)
        == outcome.expected_demand
    )
    assert outcome.expected_leftover >= 0
    assert outcome.expected_lost_sales >= 0
    costs = outcome.costs
    assert outcome.expected_cost == (
        costs.overage * outcome.expected_leftover
        + costs.underage * outcome.expected_lost_sales
    )
    assert _is_probability(outcome.in_stock_probability)


@SOME
@given(xst.service_evaluations())
def test_service_evaluation_safety_stock_is_level_minus_mean(
    evaluation: ServiceEvaluation,
) -> None:
    assert evaluation.safety_stock == EXACT.subtract(
        evaluation.level, evaluation.demand.mean
    )
    assert (evaluation.z is None) == (evaluation.demand.sd == 0)
    assert _is_probability(evaluation.cycle_service_level)


@SOME
@given(xst.service_outcomes())
def test_service_outcomes_are_probabilities_and_shortages(
    outcome: ServiceOutcome,
) -> None:
    assert _is_probability(outcome.cycle_service_level)
    assert outcome.expected_shortage >= 0
    assert outcome.fill_rate is None or _is_probability(outcome.fill_rate)


@SOME
@given(xst.covers())
def test_cover_is_zero_days_exactly_for_no_stock(cover: Cover) -> None:
    assert cover.as_of is not None
    if cover.days is None:
        assert cover.stock > 0
    else:
        assert (cover.days == 0) == (cover.stock == 0)
        runs_out = cover.runs_out
        assert runs_out is None or runs_out >= cover.as_of


@SOME
@given(xst.stockout_forecasts())
def test_stockout_forecast_arrivals_come_in_order(forecast: StockoutForecast) -> None:
    if forecast.date is not None:
        assert forecast.date >= forecast.as_of
        assert forecast.days is not None
    arrivals = [shipment.arrival for shipment in forecast.arrivals_before]
    assert arrivals == sorted(arrivals)
    if forecast.next_arrival is not None:
        assert all(day <= forecast.next_arrival.arrival for day in arrivals)
        assert forecast.date is not None
        out = forecast.days_out_of_stock
        assert out is not None
        assert out >= 0


@SOME
@given(xst.order_deadlines())
def test_order_deadline_milestones_chain_back_from_arrival(
    deadline: OrderDeadline,
) -> None:
    assert deadline.order_by <= deadline.ship_by <= deadline.arrive_by
    assert deadline.arrive_by <= deadline.need_by
    assert deadline.buffer_days >= 0
    milestones = deadline.milestones
    assert milestones[0].start == deadline.order_by
    assert milestones[-1].end == deadline.arrive_by
    for before, after in itertools.pairwise(milestones):
        assert before.end == after.start


@SOME
@given(xst.leg_milestones())
def test_leg_milestones_start_before_they_end(milestone: LegMilestone) -> None:
    assert milestone.start <= milestone.end
    assert (milestone.end - milestone.start).days >= milestone.leg.mean_days - 1


@FEW
@given(xst.stock_projections())
def test_stock_projection_days_are_consecutive_and_balance(
    projection: StockProjection,
) -> None:
    days = projection.days
    for before, after in itertools.pairwise(days):
        assert after.day == before.day + dt.timedelta(days=1)
        assert after.opening == before.closing
    for row in days:
        used = row.sales if projection.lost_sales else row.demand
        assert row.closing == EXACT.subtract(EXACT.add(row.opening, row.arrivals), used)
    ordered = {row.day: row.ordered for row in days}
    for order in projection.orders:
        assert ordered[order.placed] == order.quantity
        assert order.arrival >= order.placed


@FEW
@given(xst.projected_days())
def test_projected_day_serves_or_misses_its_demand(row: ProjectedDay) -> None:
    assert EXACT.add(row.sales, row.short) == row.demand
    assert row.sales >= 0
    assert row.short >= 0
    assert row.on_hand >= 0


@FEW
@given(xst.planned_orders())
def test_planned_orders_bring_stock(order: PlannedOrder) -> None:
    assert order.quantity > 0
    assert order.arrival >= order.placed


@SOME
@given(st.data())
def test_restock_quantity_is_whole_cartons_within_the_limits(
    data: st.DataObject,
) -> None:
    limits = data.draw(xst.order_constraints())
    rec = data.draw(xst.restock_recommendations(constraints=st.just(limits)))
    assert rec.quantity >= 0
    assert rec.quantity % limits.case_pack == 0
    assert rec.quantity == rec.steps[-1].quantity
    assert rec.binding is rec.steps[-1].constraint
    assert rec.steps[0].constraint is RestockConstraint.SERVICE_TARGET
    if rec.quantity:
        assert rec.quantity >= limits.minimum_order
        if limits.max_units_stored is not None:
            assert rec.quantity + rec.expected_on_arrival <= limits.max_units_stored
    assert rec.expected_on_arrival >= 0
    assert rec.arrival >= rec.stockout.as_of


@SOME
@given(xst.restock_steps())
def test_restock_steps_never_go_negative(step: RestockStep) -> None:
    assert step.quantity >= 0
    assert step.note


@pytest.mark.parametrize(
    "strategy",
    [
        lambda: xst.safety_stocks(targets=0.95),  # type: ignore[arg-type]
        lambda: xst.covers(dates=dt.date(2026, 1, 1)),  # type: ignore[arg-type]
        lambda: xst.newsvendors(currency="USD"),  # type: ignore[arg-type]
        lambda: xst.stock_projections(max_days=0),
    ],
    ids=["targets", "dates", "currency", "max_days"],
)
def test_bad_options_fail_when_drawn(
    strategy: Callable[[], st.SearchStrategy[object]],
) -> None:
    @given(strategy())
    def draw(value: object) -> None:
        del value

    with pytest.raises(InvalidArgument):
        draw()
