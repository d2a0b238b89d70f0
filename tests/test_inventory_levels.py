"""Safety stock, reorder points, order-up-to levels and the service they give."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal, localcontext
from fractions import Fraction
from statistics import NormalDist
from typing import TYPE_CHECKING

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError, UnitError, XborderError
from xborder.inventory import (
    Demand,
    InboundShipment,
    LeadTime,
    LeadTimeLeg,
    ServiceTarget,
    StockPosition,
    evaluate_order_up_to,
    evaluate_reorder_point,
    lead_time_demand,
    normal_loss,
    normal_second_loss,
    order_up_to_level,
    reorder_point,
    safety_stock,
)
from xborder.testing import strategies as xst

if TYPE_CHECKING:
    from collections.abc import Callable

N = NormalDist()

levels = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("0.999"), places=3)
means = st.decimals(min_value=Decimal("0.1"), max_value=10_000, places=2)
spreads = st.decimals(min_value=0, max_value=5_000, places=2)
lead_days = st.decimals(min_value=0, max_value=200, places=1)


def _demand(mean: Decimal, sd: Decimal, period: str = "1 day") -> Demand:
    return Demand(mean=mean, sd=sd, period=period)


def _lead(mean: Decimal, sd: Decimal) -> LeadTime:
    return LeadTime.single(f"{mean} days", f"{sd} days")


daily_demands = st.builds(_demand, means, spreads)
routes = st.builds(_lead, lead_days, lead_days)


# -- examples --------------------------------------------------------------------------


def test_safety_stock_carries_its_working() -> None:
    demand = Demand(mean=140, sd=35, period="1 week")
    result = safety_stock(
        demand, LeadTime.single("8 weeks", "2 weeks"), ServiceTarget.cycle("0.95")
    )
    protection = result.demand
    assert protection.lead_time_days == 56
    assert protection.review_days == 0
    assert protection.mean == 1120
    assert protection.demand_variance == 56 * 175  # 35²/7 a day
    assert protection.lead_time_variance == 400 * 196  # 20² · 14²
    assert protection.variance == 9800 + 78400
    assert protection.sd == Decimal("296.984848098")
    assert str(protection.interval) == "56 day"
    assert result.z == Decimal("1.64485362695")
    assert result.quantity == Decimal("488.496604543")  # 1.64485362695 × 296.98...
    assert result.units == 489
    assert result.cycle_service_level == Decimal("0.95")
    assert result.fill_rate is None
    assert result.days_of_cover == Decimal("24.42483022715")


def test_reorder_point_is_mean_lead_time_demand_plus_safety_stock() -> None:
    rop = reorder_point(
        Demand(mean=20, sd=6, period="1 day"),
        LeadTime.single("30 days", "5 days"),
        ServiceTarget.cycle("0.9"),
    )
    sigma = math.sqrt(30 * 36 + 400 * 25)
    assert rop.demand.mean == 600
    assert float(rop.level) == pytest.approx(600 + N.inv_cdf(0.9) * sigma, rel=1e-11)
    assert rop.units == math.ceil(600 + N.inv_cdf(0.9) * sigma)
    assert rop.z == ServiceTarget.cycle("0.9").z
    assert rop.should_order(StockPosition(on_hand=700))
    assert not rop.should_order(
        StockPosition(
            on_hand=700, inbound=[InboundShipment(quantity=200, arrival="2026-01-01")]
        )
    )


def test_order_up_to_protects_review_period_plus_lead_time() -> None:
    demand = Demand(mean=20, sd=6, period="1 day")
    level = order_up_to_level(
        demand,
        LeadTime.single("30 days"),
        ServiceTarget.cycle("0.95"),
        review_period="2 weeks",
    )
    assert level.demand.interval_days == 44
    assert level.demand.mean == 880
    assert float(level.demand.sd) == pytest.approx(6 * math.sqrt(44), rel=1e-11)
    assert level.z == ServiceTarget.cycle("0.95").z
    assert level.order_for(StockPosition(on_hand=500)) == level.units - 500
    assert level.order_for(StockPosition(on_hand=5000)) == 0


def test_lead_time_shorter_than_the_review_period_is_fine() -> None:
    level = order_up_to_level(
        Demand(mean=10, sd=3, period="1 day"),
        LeadTime.single("2 days"),
        ServiceTarget.cycle("0.9"),
        review_period="1 week",
    )
    assert level.demand.interval_days == 9
    assert level.demand.mean == 90


def test_fill_rate_target_for_a_periodic_review_uses_demand_per_review() -> None:
    level = order_up_to_level(
        Demand(mean=10, sd=4, period="1 day"),
        LeadTime.single("5 days"),
        ServiceTarget.fill_rate("0.99"),
        review_period="1 week",
    )
    stock = level.safety_stock
    assert stock.order_quantity == 70
    assert float(stock.expected_shortage) == pytest.approx(0.7, rel=1e-9)
    assert float(stock.fill_rate or 0) == pytest.approx(0.99, rel=1e-10)


def test_a_cycle_level_below_one_half_gives_negative_safety_stock() -> None:
    result = safety_stock(
        Demand(mean=10, sd=4, period="1 day"),
        LeadTime.single("4 days"),
        ServiceTarget.cycle("0.3"),
    )
    assert result.quantity < 0
    assert result.units == -4  # ceil(−4.1952...)


def test_lead_time_demand_accepts_a_review_period() -> None:
    ltd = lead_time_demand(
        Demand(mean=7, sd=7, period="1 week"),
        LeadTime.single("3 days"),
        review_period="4 days",
    )
    assert ltd.mean == 7
    assert ltd.variance == 49
    assert ltd.daily_mean == 1


def test_seasonal_demand_over_the_protection_interval() -> None:
    start = dt.date(2026, 11, 2)
    demand = Demand(
        mean=70, sd=14, period="1 week", seasonality=["2"], season_start=start
    )
    result = safety_stock(
        demand,
        LeadTime.single("14 days", "7 days"),
        ServiceTarget.cycle("0.95"),
        as_of=start,
    )
    protection = result.demand
    assert protection.mean == 140 + 70
    assert protection.demand_variance == 4 * 196 + 196
    # The average daily rate over the interval, 15, carries the lead-time spread.
    assert protection.lead_time_variance == 15 * 15 * 49
    later = safety_stock(
        demand,
        LeadTime.single("14 days", "7 days"),
        ServiceTarget.cycle("0.95"),
        as_of=start + dt.timedelta(days=30),
    )
    assert later.demand.mean == 140


def test_zero_lead_time_with_seasonal_demand_uses_the_day_rate() -> None:
    start = dt.date(2026, 11, 2)
    demand = Demand(mean=7, sd=0, period="1 day", seasonality=["3"], season_start=start)
    result = lead_time_demand(demand, LeadTime.single("0 days", "2 days"), as_of=start)
    assert result.mean == 0
    assert result.lead_time_variance == 21 * 21 * 4


# -- evaluation ------------------------------------------------------------------------


def test_evaluating_a_level_with_no_variability() -> None:
    demand = Demand(mean=10, period="1 day")
    route = LeadTime.single("5 days")
    above = evaluate_reorder_point(demand, route, reorder_point=60, order_quantity=100)
    assert above.z is None
    assert above.cycle_service_level == 1
    assert above.expected_shortage == 0
    assert above.fill_rate == 1
    below = evaluate_reorder_point(demand, route, reorder_point=40, order_quantity=100)
    assert below.cycle_service_level == 0
    assert below.expected_shortage == 10
    assert below.fill_rate == Decimal("0.9")


def test_evaluating_an_order_up_to_level_without_demand() -> None:
    result = evaluate_order_up_to(
        Demand(mean=0, period="1 day"),
        LeadTime.single("5 days"),
        order_up_to=0,
        review_period="1 week",
    )
    assert result.fill_rate is None
    assert result.cycle_service_level == 1


def test_a_fill_rate_far_below_the_shortage_is_floored_at_zero() -> None:
    result = evaluate_reorder_point(
        Demand(mean=100, sd=10, period="1 day"),
        LeadTime.single("10 days"),
        reorder_point=0,
        order_quantity=10,
    )
    assert result.fill_rate == 0


def test_normal_loss_functions() -> None:
    assert normal_loss(0) == Decimal("0.398942280401")
    assert normal_loss("-3") == Decimal("3.00038215432")  # L(−z) = z + L(z)
    assert normal_second_loss("1") == Decimal("0.0376698916719")
    with pytest.raises(InvalidTypeError) as caught:
        normal_loss(0.5)  # type: ignore[arg-type]
    assert caught.value.field == "z"


# -- edge cases: zero demand, zero variance, bad inputs --------------------------------


def test_zero_variance_gives_zero_safety_stock_for_either_target() -> None:
    demand = Demand(mean=10, period="1 day")
    route = LeadTime.single("5 days")
    cycle = safety_stock(demand, route, ServiceTarget.cycle("0.99"))
    assert cycle.quantity == 0
    assert cycle.cycle_service_level == 1
    assert cycle.expected_shortage == 0
    fill = safety_stock(
        demand, route, ServiceTarget.fill_rate("0.99"), order_quantity=50
    )
    assert fill.quantity == 0
    assert fill.z is None
    assert fill.fill_rate == 1


def test_zero_demand_gives_zero_levels() -> None:
    demand = Demand(mean=0, period="1 day")
    rop = reorder_point(
        demand, LeadTime.single("30 days", "5 days"), ServiceTarget.cycle("0.95")
    )
    assert rop.level == 0
    assert rop.units == 0
    assert rop.safety_stock.days_of_cover is None


def test_fill_rate_needs_an_order_quantity_and_demand_per_cycle() -> None:
    demand = Demand(mean=10, sd=3, period="1 day")
    with pytest.raises(InvalidInputError) as caught:
        safety_stock(demand, LeadTime.single("5 days"), ServiceTarget.fill_rate("0.98"))
    assert caught.value.field == "order_quantity"
    with pytest.raises(InvalidInputError) as caught:
        order_up_to_level(
            Demand(mean=0, sd=3, period="1 day"),
            LeadTime.single("5 days"),
            ServiceTarget.fill_rate("0.98"),
            review_period="1 week",
        )
    assert caught.value.field == "order_quantity"


DEMAND = Demand(mean=10, sd=3, period="1 day")
ROUTE = LeadTime.single("5 days")
TARGET = ServiceTarget.cycle("0.95")
BASE = {"demand": DEMAND, "lead_time": ROUTE}


@pytest.mark.parametrize(
    ("function", "arguments", "field", "error"),
    [
        (safety_stock, {"demand": "x", "target": TARGET}, "demand", InvalidTypeError),
        (safety_stock, {"lead_time": "30 days", "target": TARGET}, "lead_time",
         InvalidTypeError),
        (safety_stock, {"target": "0.95"}, "target", InvalidTypeError),
        (safety_stock, {"target": TARGET, "order_quantity": 0}, "order_quantity",
         InvalidInputError),
        (safety_stock, {"target": TARGET, "order_quantity": 1.5}, "order_quantity",
         InvalidTypeError),
        (safety_stock, {"target": TARGET, "as_of": "someday"}, "as_of",
         InvalidInputError),
        (order_up_to_level, {"target": TARGET, "review_period": "0 days"},
         "review_period", InvalidInputError),
        (order_up_to_level, {"target": TARGET, "review_period": "3 kg"},
         "review_period", UnitError),
        (lead_time_demand, {"review_period": "-1 day"}, "review_period",
         InvalidInputError),
        (evaluate_reorder_point, {"reorder_point": "x", "order_quantity": 5},
         "reorder_point", InvalidInputError),
        (evaluate_reorder_point, {"reorder_point": 5, "order_quantity": -5},
         "order_quantity", InvalidInputError),
        (evaluate_order_up_to, {"order_up_to": 5.0, "review_period": "1 day"},
         "order_up_to", InvalidTypeError),
    ],
)  # fmt: skip
def test_bad_calculator_inputs_name_their_field(
    function: Callable[..., object],
    arguments: dict[str, object],
    field: str,
    error: type[XborderError],
) -> None:
    with pytest.raises(error) as caught:
        function(**(BASE | arguments))
    assert caught.value.field == field


def test_should_order_checks_its_argument() -> None:
    rop = reorder_point(DEMAND, ROUTE, TARGET)
    with pytest.raises(InvalidTypeError) as caught:
        rop.should_order("100")  # type: ignore[arg-type]
    assert caught.value.field == "position"


def test_seasonal_demand_without_as_of_is_a_clear_error() -> None:
    demand = Demand(
        mean=7, period="1 day", seasonality=["2"], season_start="2026-01-01"
    )
    with pytest.raises(InvalidInputError) as caught:
        reorder_point(demand, LeadTime.single("5 days"), ServiceTarget.cycle("0.9"))
    assert caught.value.field == "as_of"


# -- properties ------------------------------------------------------------------------


@given(daily_demands, routes, levels, levels)
def test_safety_stock_and_rop_rise_with_the_service_level(
    demand: Demand, route: LeadTime, a: Decimal, b: Decimal
) -> None:
    low, high = sorted((a, b))
    first = reorder_point(demand, route, ServiceTarget.cycle(low))
    second = reorder_point(demand, route, ServiceTarget.cycle(high))
    assert first.safety_stock.quantity <= second.safety_stock.quantity
    assert first.level <= second.level


@given(means, spreads, spreads, routes, levels)
def test_safety_stock_rises_with_demand_variability(
    mean: Decimal, a: Decimal, b: Decimal, route: LeadTime, level: Decimal
) -> None:
    low, high = sorted((a, b))
    target = ServiceTarget.cycle(level)
    first = safety_stock(_demand(mean, low), route, target)
    second = safety_stock(_demand(mean, high), route, target)
    assert first.quantity <= second.quantity


@given(daily_demands, lead_days, lead_days, lead_days, levels)
def test_safety_stock_rises_with_lead_time_variability(
    demand: Demand, lead: Decimal, a: Decimal, b: Decimal, level: Decimal
) -> None:
    low, high = sorted((a, b))
    target = ServiceTarget.cycle(level)
    first = reorder_point(demand, _lead(lead, low), target)
    second = reorder_point(demand, _lead(lead, high), target)
    assert first.safety_stock.quantity <= second.safety_stock.quantity
    assert first.level <= second.level


@given(xst.demands(seasonal=False), xst.lead_times(), xst.service_targets())
def test_no_variability_means_no_safety_stock(
    demand: Demand, route: LeadTime, target: ServiceTarget
) -> None:
    still = Demand(mean=demand.mean, sd=0, period=demand.period)
    fixed = LeadTime(
        legs=[LeadTimeLeg(name=leg.name, mean=leg.mean) for leg in route.legs]
    )
    result = safety_stock(still, fixed, target, order_quantity=100)
    assert result.quantity == 0
    assert result.demand.sd == 0


@given(means, spreads, st.integers(0, 30), st.integers(0, 10), levels)
def test_weekly_demand_with_days_equals_converting_by_hand_first(
    mean: Decimal, sd: Decimal, lead: int, lead_sd: int, level: Decimal
) -> None:
    # A weekly forecast with a lead time in days, or the same in weeks, or the
    # forecast converted to days by hand (mean/7, variance/7): one answer.
    target = ServiceTarget.cycle(level)
    weekly = Demand(mean=mean, sd=sd, period="1 week")
    in_days = reorder_point(
        weekly, LeadTime.single(f"{lead} days", f"{lead_sd} days"), target
    )
    in_weeks = reorder_point(
        weekly,
        LeadTime.single(f"{Decimal(lead) / 7} weeks", f"{Decimal(lead_sd) / 7} weeks"),
        target,
    )
    by_hand = Demand(mean=mean / 7, sd=(sd * sd / 7).sqrt(), period="1 day")
    converted = reorder_point(
        by_hand, LeadTime.single(f"{lead} days", f"{lead_sd} days"), target
    )
    for other in (in_weeks, converted):
        assert float(other.level) == pytest.approx(
            float(in_days.level), rel=1e-9, abs=1e-9
        )


@given(daily_demands, routes, levels)
def test_evaluating_a_reorder_point_gives_back_its_cycle_service_level(
    demand: Demand, route: LeadTime, level: Decimal
) -> None:
    rop = reorder_point(demand, route, ServiceTarget.cycle(level))
    assume(rop.demand.sd > 0)
    check = evaluate_reorder_point(
        demand, route, reorder_point=rop.level, order_quantity=100
    )
    assert float(check.cycle_service_level) == pytest.approx(float(level), abs=1e-9)


@given(
    means,
    st.decimals(min_value=1, max_value=5_000, places=2),
    lead_days,
    st.decimals(min_value=Decimal("0.5"), max_value=Decimal("0.999"), places=3),
    st.integers(1, 100_000),
)
def test_a_fill_rate_safety_stock_delivers_its_fill_rate(
    mean: Decimal, sd: Decimal, lead: Decimal, level: Decimal, quantity: int
) -> None:
    demand, route = _demand(mean, sd), _lead(lead, Decimal(0))
    rop = reorder_point(
        demand, route, ServiceTarget.fill_rate(level), order_quantity=quantity
    )
    assume(rop.demand.sd > 0)
    check = evaluate_reorder_point(
        demand, route, reorder_point=rop.level, order_quantity=quantity
    )
    expected = (1 - float(level)) * quantity
    assert float(check.expected_shortage) == pytest.approx(expected, rel=1e-6, abs=1e-6)


@given(
    xst.demands(), xst.lead_times(), st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1))
)
def test_protection_variance_is_the_sum_of_its_parts(
    demand: Demand, route: LeadTime, day: dt.date
) -> None:
    result = lead_time_demand(demand, route, review_period="1 week", as_of=day)
    with localcontext(prec=200):
        assert result.variance == result.demand_variance + result.lead_time_variance
    assert result.mean >= 0
    assert abs(result.sd * result.sd - result.variance) <= result.variance * Decimal(
        "1e-10"
    )


def test_weekly_demand_over_a_lead_time_in_weeks_has_an_exact_variance() -> None:
    # Issue 18: squaring the rounded daily rate 100/7 gave 10000.000...0001.
    demand = Demand(mean=100, sd=20, period="1 week")
    sea = LeadTime(legs=[LeadTimeLeg(name="sea", mean="6 weeks", sd="1 week")])
    result = lead_time_demand(demand, sea)
    assert result.lead_time_variance == 10000
    assert str(result.lead_time_variance) == "10000"
    assert result.demand_variance == 6 * 20**2
    assert result.mean == 600


@given(
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.decimals(min_value=0, max_value=10**4, places=2),
    st.integers(1, 52),
    st.integers(0, 12),
)
def test_lead_time_variance_in_whole_weeks_is_exact(
    mean: Decimal, sd: Decimal, weeks: int, sd_weeks: int
) -> None:
    # d = mean/7 a day and sigma_L = 7 sd_weeks days: d² sigma_L² = mean² sd_weeks²,
    # and (L in days) sd²/period = weeks × sd², both exactly.
    demand = Demand(mean=mean, sd=sd, period="1 week")
    route = LeadTime.single(f"{weeks} weeks", f"{sd_weeks} weeks")
    result = lead_time_demand(demand, route)
    assert Fraction(result.lead_time_variance) == Fraction(mean) ** 2 * sd_weeks**2
    assert Fraction(result.demand_variance) == weeks * Fraction(sd) ** 2
    assert Fraction(result.mean) == weeks * Fraction(mean)


@given(
    st.decimals(min_value=0, max_value=10**5, places=2),
    st.integers(1, 400),
    st.decimals(min_value=0, max_value=60, places=1),
)
def test_lead_time_variance_is_one_rounding_from_the_exact_value(
    mean: Decimal, period_days: int, sd_days: Decimal
) -> None:
    # (mean/period)² sigma_L², exactly in fractions; xborder divides once, so
    # the result is the exact value to 34 significant digits.
    demand = Demand(mean=mean, period=f"{period_days} days")
    route = LeadTime.single("30 days", f"{sd_days} days")
    result = lead_time_demand(demand, route)
    exact = (Fraction(mean) / period_days) ** 2 * Fraction(sd_days) ** 2
    error = abs(Fraction(result.lead_time_variance) - exact)
    assert error <= exact * Fraction(1, 10**33)
    if (exact * 10**4).denominator == 1:  # a short decimal: no rounding at all
        assert Fraction(result.lead_time_variance) == exact
