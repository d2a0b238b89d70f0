"""Whatever the inputs, inventory calculators answer or raise an XborderError.

Extreme magnitudes (tiny, huge, beyond float range), zero demand, zero
variance and unreachable targets must never surface as a bare
``InvalidOperation``, ``ZeroDivisionError``, ``OverflowError`` or
``StatisticsError`` from deep inside.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.inventory import (
    Demand,
    EmpiricalDemand,
    LeadTime,
    LeadTimeLeg,
    NewsvendorCosts,
    NormalDemand,
    OrderConstraints,
    PeriodicReviewPolicy,
    PoissonDemand,
    PriceBreak,
    ServiceTarget,
    StockPosition,
    days_of_cover,
    eoq,
    eoq_all_units_discount,
    evaluate_order_up_to,
    evaluate_reorder_point,
    lead_time_demand,
    newsvendor,
    newsvendor_outcome,
    normal_loss,
    normal_second_loss,
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
from xborder.money import Money
from xborder.serialize import from_data, to_data
from xborder.units import quantity

if TYPE_CHECKING:
    from collections.abc import Callable

TODAY = dt.date(2026, 9, 1)

magnitudes = st.one_of(
    st.sampled_from([Decimal(0), Decimal("1e-30"), Decimal("1e30"), Decimal("1e400")]),
    st.decimals(
        min_value=0, max_value=Decimal("1e12"), allow_nan=False, allow_infinity=False
    ),
)
levels = st.one_of(
    st.sampled_from(
        [Decimal("1e-400"), Decimal("0.5"), Decimal("0.99999999999999999999")]
    ),
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("0.999"), places=3),
)


def _answers_or_explains(call: Callable[[], object]) -> None:
    with contextlib.suppress(XborderError):
        call()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(magnitudes, magnitudes, magnitudes, magnitudes, levels, st.booleans())
def test_service_level_calculators_never_crash(  # noqa: PLR0917 - drawn values
    mean: Decimal,
    sd: Decimal,
    lead: Decimal,
    lead_sd: Decimal,
    level: Decimal,
    fill: bool,  # noqa: FBT001 - a drawn value
) -> None:
    def run() -> None:
        demand = Demand(mean=mean, sd=sd, period="1 day")
        route = LeadTime.single(f"{lead} days", f"{lead_sd} days")
        target = ServiceTarget.fill_rate(level) if fill else ServiceTarget.cycle(level)
        for call in (
            lambda: safety_stock(demand, route, target, order_quantity=mean or 1),
            lambda: reorder_point(demand, route, target, order_quantity=sd or 1),
            lambda: order_up_to_level(demand, route, target, review_period="1 week"),
            lambda: evaluate_reorder_point(
                demand, route, reorder_point=mean, order_quantity=lead or 1
            ),
            lambda: evaluate_order_up_to(
                demand, route, order_up_to=sd, review_period="1 day"
            ),
            lambda: days_of_cover(lead, demand, as_of=TODAY),
            lambda: projected_stockout(StockPosition(on_hand=5), demand, as_of=TODAY),
            lambda: order_deadline(route, need_by=TODAY, confidence=level),
            lambda: restock_recommendation(
                StockPosition(on_hand=5),
                demand,
                route,
                target,
                as_of=TODAY,
                review_period="1 week",
                constraints=OrderConstraints(max_days_of_cover="30 days"),
            ),
        ):
            _answers_or_explains(call)

    _answers_or_explains(run)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(magnitudes, magnitudes, magnitudes, magnitudes)
def test_cost_calculators_never_crash(
    mean: Decimal, sd: Decimal, setup: Decimal, holding: Decimal
) -> None:
    def run() -> None:
        demand = Demand(mean=mean, sd=sd, period="1 week")
        usd = Money(setup, "USD")
        hold = Money(holding, "USD")
        route = LeadTime.single("20 days", "3 days")
        for call in (
            lambda: eoq(
                demand, order_cost=usd, holding_cost=hold, holding_period="1 year"
            ),
            lambda: eoq_all_units_discount(
                demand,
                order_cost=usd,
                holding_rate=holding or 1,
                holding_period="1 year",
                price_breaks=[
                    PriceBreak(min_quantity=0, unit_cost=Money(2, "USD")),
                    PriceBreak(min_quantity=100, unit_cost=Money(1, "USD")),
                ],
            ),
            lambda: rq_policy(
                demand,
                route,
                order_cost=usd,
                holding_cost=hold,
                stockout_cost=Money(sd, "USD"),
                cost_period="1 year",
            ),
            lambda: ss_policy(
                demand,
                route,
                review_period="1 week",
                order_cost=usd,
                holding_cost=hold,
                stockout_cost=Money(sd, "USD"),
            ),
            lambda: newsvendor(
                NormalDemand(mean=mean, sd=sd),
                NewsvendorCosts(overage=hold, underage=usd),
            ),
        ):
            _answers_or_explains(call)

    _answers_or_explains(run)


HUGE = Decimal("1E+999999")
TINY = Decimal("1E-999999")


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Demand(mean=HUGE, period="1 day"), "mean"),
        (lambda: Demand(mean=1, sd=HUGE, period="1 day"), "sd"),
        (lambda: Demand(mean=1, sd="1E+301", period="1 day"), "sd"),
        (lambda: Demand(mean=1, period=f"{TINY} days"), "period"),
        (lambda: Demand(mean=1, period="1E+999999 days"), "period"),
        (
            lambda: Demand(
                mean=1, period="1 week", seasonality=[1, HUGE], season_start=TODAY
            ),
            "seasonality[1]",
        ),
        (lambda: LeadTimeLeg(name="sea", mean="1E+999999 days"), "mean"),
        (lambda: LeadTimeLeg(name="sea", mean="30 days", sd="1E+500000 days"), "sd"),
        (
            lambda: LeadTime(
                legs=[
                    LeadTimeLeg(name="sea", mean="30 days"),
                    cast("Any", {"name": "air"}),
                ]
            ),
            "legs[1]",
        ),
        (lambda: NormalDemand(mean=1, sd=HUGE), "sd"),
        (lambda: PoissonDemand(mean=TINY), "mean"),
        (lambda: EmpiricalDemand(weights={1: HUGE, 2: 1}), "weights[1]"),
        (
            lambda: order_up_to_level(
                Demand(mean=10, sd=3, period="1 day"),
                LeadTime.single("20 days", "3 days"),
                ServiceTarget.cycle("0.95"),
                review_period="1E+999999 days",
            ),
            "review_period",
        ),
        (
            lambda: safety_stock(
                Demand(mean=10, sd=3, period="1 day"),
                LeadTime.single("20 days"),
                ServiceTarget.fill_rate("0.95"),
                order_quantity=HUGE,
            ),
            "order_quantity",
        ),
        # A Money refuses such an amount where it enters...
        (lambda: Money(HUGE, "USD"), "amount"),
        (lambda: Money(TINY, "USD"), "amount"),
        # ...but Money arithmetic is exact at any size, so a computed Money can
        # still carry one: inventory refuses it by the argument's name.
        (
            lambda: eoq(
                Demand(mean=10, period="1 day"),
                order_cost=Money("1E+35", "USD") * 100,
                holding_cost=Money(1, "USD"),
                holding_period="1 year",
            ),
            "order_cost",
        ),
        (
            lambda: eoq(
                Demand(mean=10, period="1 day"),
                order_cost=Money(1, "USD"),
                holding_cost=Money("1E-100", "USD") * Decimal("0.1"),
                holding_period="1 year",
            ),
            "holding_cost",
        ),
        (
            lambda: PriceBreak(
                min_quantity=0, unit_cost=Money("1E-100", "USD") * Decimal("0.1")
            ),
            "unit_cost",
        ),
        (
            lambda: NewsvendorCosts(
                overage=Money("1E+35", "USD") * 100, underage=Money(1, "USD")
            ),
            "overage",
        ),
        (lambda: normal_loss(HUGE), "z"),
        (lambda: normal_second_loss("-1e300"), "z"),
    ],
)
def test_magnitudes_beyond_range_are_refused_by_name(
    make: Callable[[], object], field: str
) -> None:
    # Regression: these overflowed as a bare decimal.Overflow deep inside
    # (sd², the protection interval) or raised with no field.
    with pytest.raises(InvalidInputError) as caught:
        make()
    assert caught.value.field == field


def test_magnitudes_at_the_limits_still_compute() -> None:
    # The largest and finest numbers xborder reads (below 1E+36, down to 1E-100).
    demand = Demand(mean="9.99E+35", sd="1E-100", period="1E-100 days")
    assert days_of_cover(0, demand).days == 0
    assert days_of_cover("9.99E+35", demand).days == Decimal("1E-100")
    assert normal_loss("9.99E+35") == 0
    assert normal_loss("-9.99E+35") == Decimal("9.99E+35")
    route = LeadTime.single("9.99E+35 days", "9.99E+35 days")
    stock = safety_stock(demand, route, ServiceTarget.cycle("0.95"))
    assert stock.demand.mean > 0
    assert stock.units > 0


SEASON = [NormalDemand(mean=100, sd=20), PoissonDemand(mean=4)]
SEASON.append(EmpiricalDemand(weights={1: 1, 5: 1}))


@pytest.mark.parametrize("season", SEASON, ids=lambda d: type(d).__name__)
@pytest.mark.parametrize(
    ("method", "field"),
    [
        ("in_stock_probability", "quantity"),
        ("expected_shortfall", "quantity"),
        ("quantile", "probability"),
    ],
)
def test_distribution_methods_refuse_a_float_by_name(
    season: NormalDemand | PoissonDemand | EmpiricalDemand, method: str, field: str
) -> None:
    # Regression: a float reached Decimal arithmetic (TypeError) or
    # .to_integral_value (AttributeError), or was compared silently.
    with pytest.raises(XborderError) as caught:
        getattr(season, method)(1.5)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (
            lambda: Demand(mean=1, period="1 day").moments(
                cast("Any", 1.5), Decimal(3), None
            ),
            "begin",
        ),
        (
            lambda: Demand(mean=1, period="1 day").moments(
                Decimal(3), Decimal(1), None
            ),
            "end",
        ),
        (lambda: StockPosition(on_hand=1).arriving_by(1.5), "day"),  # type: ignore[arg-type]
        (lambda: EmpiricalDemand.from_sample([3, True]), "observations[1]"),
        (lambda: EmpiricalDemand.from_sample(7), "observations"),  # type: ignore[arg-type]
        (lambda: PoissonDemand(mean=4).expected_shortfall(HUGE), "quantity"),
        (
            lambda: evaluate_reorder_point(
                Demand(mean=10, sd=3, period="1 day"),
                LeadTime.single("20 days", "3 days"),
                reorder_point=HUGE,
                order_quantity=50,
            ),
            "reorder_point",
        ),
        (
            lambda: evaluate_order_up_to(
                Demand(mean=10, sd=3, period="1 day"),
                LeadTime.single("20 days", "3 days"),
                order_up_to=-HUGE,
                review_period="1 week",
            ),
            "order_up_to",
        ),
    ],
)
def test_method_arguments_are_refused_by_name(
    make: Callable[[], object], field: str
) -> None:
    with pytest.raises(XborderError) as caught:
        make()
    assert caught.value.field == field


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _short_id(value: object) -> str | None:
    # pytest would str() 10**5000 for a test id (past the 4,300-digit limit).
    return "huge int" if isinstance(value, int) and value > 10**100 else None


_DAY = quantity(1, "day")
_WEEKLY = Demand(mean=140, sd=28, period="1 week")
_ROUTE = LeadTime.single("30 days", "5 days")


@pytest.mark.parametrize(
    ("make", "error", "field", "value"),
    [
        # A scalar pint quantity where a sequence belongs (it declares
        # __iter__ and raises TypeError from it).
        (
            lambda: Demand(
                mean=1, period="1 day", seasonality=_DAY, season_start=TODAY
            ),
            InvalidTypeError,
            "seasonality",
            _DAY,
        ),
        (
            lambda: Demand.from_history(_DAY, period="1 day"),
            InvalidTypeError,
            "quantities",
            _DAY,
        ),
        (
            lambda: EmpiricalDemand(weights=cast("Any", _DAY)),
            InvalidTypeError,
            "weights",
            _DAY,
        ),
        (
            lambda: EmpiricalDemand.from_sample(_DAY),
            InvalidTypeError,
            "observations",
            _DAY,
        ),
        (lambda: LeadTime(legs=_DAY), InvalidTypeError, "legs", _DAY),
        # An outcome past the int limit is refused before its repr names it.
        (
            lambda: EmpiricalDemand(weights={10**5000: 1}),
            InvalidInputError,
            "weights",
            10**5000,
        ),
        (
            lambda: StockPosition(on_hand=10**5000),
            InvalidInputError,
            "on_hand",
            10**5000,
        ),
        # An enum field given a non-str is refused by type (Enum(value) put the
        # repr of a 5,000-deep list in its message: RecursionError).
        (
            lambda: LeadTimeLeg(
                name="sea", mean="1 day", kind=cast("Any", _nested(5000))
            ),
            InvalidTypeError,
            "kind",
            None,
        ),
        (
            lambda: ServiceTarget(measure=cast("Any", _nested(5000)), level="0.9"),
            InvalidTypeError,
            "measure",
            None,
        ),
        # Public methods bound their arguments where they enter (moments grew
        # quadratically with the exponent; the others overflowed or divided by 0).
        (
            lambda: _WEEKLY.moments(Decimal("-1E+999999"), Decimal(1), None),
            InvalidInputError,
            "begin",
            Decimal("-1E+999999"),
        ),
        (
            lambda: _WEEKLY.over("1 week", start=cast("Any", 1.5)),
            InvalidInputError,
            "start",
            1.5,
        ),
        (
            lambda: NormalDemand(mean=50, sd=8).quantile(Decimal("0.5"), Decimal(0)),
            InvalidInputError,
            "out_of",
            Decimal(0),
        ),
        (
            lambda: PoissonDemand(mean=4).quantile(Decimal(2)),
            InvalidInputError,
            "probability",
            Decimal(2),
        ),
        (
            lambda: EmpiricalDemand(weights={1: 1}).quantile(Decimal("-9.99E+999999")),
            InvalidInputError,
            "probability",
            Decimal("-9.99E+999999"),
        ),
        (
            lambda: newsvendor_outcome(
                NormalDemand(mean=50, sd=8),
                NewsvendorCosts(overage=Money(1, "USD"), underage=Money(3, "USD")),
                quantity=Decimal("9.99E+999999"),
            ),
            InvalidInputError,
            "quantity",
            Decimal("9.99E+999999"),
        ),
        (
            lambda: project_stock(
                StockPosition(on_hand=5),
                _WEEKLY,
                as_of=TODAY,
                days=3,
                lost_sales=cast("Any", "yes"),
            ),
            InvalidTypeError,
            "lost_sales",
            "yes",
        ),
        # A duration within range as a number, beyond it once in days.
        (
            lambda: Demand(mean=1, period="1E+35 years"),
            InvalidInputError,
            "period",
            None,
        ),
        (
            lambda: PeriodicReviewPolicy(order_up_to=1, review_period="1E+35 years"),
            InvalidInputError,
            "review_period",
            None,
        ),
        (
            lambda: NewsvendorCosts.from_prices(
                price=Money(1, "USD"),
                unit_cost=cast("Any", "0.3 USD"),
                salvage_value=Money(0, "USD"),
            ),
            InvalidTypeError,
            "unit_cost",
            "0.3 USD",
        ),
    ],
    ids=_short_id,
)
def test_hostile_arguments_are_refused_by_name(
    make: Callable[[], object], error: type[XborderError], field: str, value: object
) -> None:
    # Regressions from the hostile-input test (issue 13): each escaped as a
    # bare TypeError, RecursionError, decimal signal, or ran for seconds.
    with pytest.raises(error) as caught:
        make()
    assert caught.value.field == field
    if value is not None:
        assert caught.value.value == value


def _results() -> dict[str, object]:
    usd = Money(4, "USD")
    costs = NewsvendorCosts(overage=usd, underage=Money(12, "USD"))
    return {
        "rop": reorder_point(_WEEKLY, _ROUTE, ServiceTarget.cycle("0.95")),
        "outcome": newsvendor_outcome(
            NormalDemand(mean=1000, sd=200), costs, quantity=900
        ),
        "plan": eoq_all_units_discount(
            Demand(mean=1000, period="1 year"),
            order_cost=Money(50, "USD"),
            holding_rate="0.2",
            holding_period="1 year",
            price_breaks=[
                PriceBreak(min_quantity=0, unit_cost=Money(5, "USD")),
                PriceBreak(min_quantity=500, unit_cost=Money("4.5", "USD")),
            ],
        ),
        "projection": project_stock(
            StockPosition(on_hand=25), _WEEKLY, as_of=TODAY, days=3
        ),
        "restock": restock_recommendation(
            StockPosition(on_hand=300),
            _WEEKLY,
            _ROUTE,
            ServiceTarget.cycle("0.95"),
            as_of=TODAY,
            review_period="1 week",
        ),
    }


RESULTS = _results()


@pytest.mark.parametrize(
    ("result", "changes", "error", "field"),
    [
        ("rop", {"level": "x"}, InvalidInputError, "level"),
        ("rop", {"level": Decimal("1E+999999")}, InvalidInputError, "level"),
        ("rop", {"units": 1}, InvalidInputError, "units"),
        ("rop", {"units": True}, InvalidTypeError, "units"),
        ("rop", {"safety_stock": None}, InvalidTypeError, "safety_stock"),
        ("outcome", {"in_stock_probability": "1.5"}, InvalidInputError,
         "in_stock_probability"),
        ("outcome", {"expected_sales": 1}, InvalidInputError, "expected_sales"),
        ("outcome", {"expected_cost": Money(1, "EUR")}, CurrencyMismatchError,
         "expected_cost"),
        ("outcome", {"expected_cost": Money("1E+35", "USD") * 100},
         InvalidInputError, "expected_cost"),
        ("plan", {"candidates": []}, InvalidInputError, "candidates"),
        ("plan", {"candidates": [None]}, InvalidTypeError, "candidates[0]"),
        ("projection", {"days": []}, InvalidInputError, "days"),
        ("projection", {"days": _DAY}, InvalidTypeError, "days"),
        ("projection", {"lost_sales": 1}, InvalidTypeError, "lost_sales"),
        ("restock", {"quantity": 1}, InvalidInputError, "quantity"),
        ("restock", {"binding": _nested(5000)}, InvalidTypeError, "binding"),
        ("restock", {"deadline": "2026-10-01"}, InvalidTypeError, "deadline"),
    ],
)  # fmt: skip
def test_results_refuse_what_they_could_not_read_back(
    result: str, changes: dict[str, object], error: type[XborderError], field: str
) -> None:
    # Regression: result classes took anything, and then to_data/from_data
    # (or pickling) failed on what they had taken.
    with pytest.raises(error) as caught:
        attrs.evolve(RESULTS[result], **changes)  # type: ignore[misc]
    assert caught.value.field == field


@pytest.mark.parametrize(
    "make",
    [
        # d²σ_L² for 20/7 a day and a 5-hour σ: 134 decimals, exactly.
        lambda: lead_time_demand(
            Demand(mean=20, sd=3, period="1 week"),
            LeadTime.single("30 days", "5 hours"),
        ),
        # Φ(z) of a level 29 σ below the mean: 1.4E-191.
        lambda: (
            evaluate_reorder_point(
                Demand(mean=100, sd=1, period="1 day"),
                LeadTime.single("1 day"),
                reorder_point=71,
                order_quantity=10,
            ).outcome
        ),
        # No demand over an hour-long period: 0 / (1/24) was 0E+32.
        lambda: reorder_point(
            Demand(mean="0.00", period="1 hour"),
            LeadTime.single("0.2 days", "0.1 days"),
            ServiceTarget.cycle("0.95"),
        ),
    ],
)
def test_calculated_results_read_back_digit_for_digit(
    make: Callable[[], object],
) -> None:
    # Regression: these results held digits below 1E-100 (or a zero at
    # exponent 32), which xborder.serialize refuses or rewrites.
    result = make()
    data = to_data(result)
    back = from_data(type(result), data)
    assert back == result
    assert to_data(back) == data
    assert pickle.loads(pickle.dumps(result)) == result  # noqa: S301 - our own bytes
