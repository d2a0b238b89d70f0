"""Inventory models: demand, lead time, targets, stock positions, distributions."""

from __future__ import annotations

import datetime as dt
import pickle
from datetime import UTC
from decimal import Decimal

import attrs
import pint
import pytest

from xborder.errors import InvalidInputError, InvalidTypeError, UnitError, XborderError
from xborder.inventory import (
    Demand,
    EmpiricalDemand,
    InboundShipment,
    LeadTime,
    LeadTimeLeg,
    LegKind,
    NormalDemand,
    PoissonDemand,
    ServiceMeasure,
    ServiceTarget,
    StockPosition,
)

# -- Demand ----------------------------------------------------------------------------


def test_demand_converts_its_period_to_days_once() -> None:
    weekly = Demand(mean=140, sd=28, period="1 week")
    assert weekly.period_days == 7
    assert weekly.daily_mean == 20
    assert weekly.variance == 784
    assert weekly.daily_sd == Decimal("10.5830052443")  # 28/√7


def test_demand_accepts_a_quantity_from_any_registry() -> None:
    foreign: pint.UnitRegistry[float] = pint.UnitRegistry()
    demand = Demand(mean=30, period=foreign.Quantity(1.5, "day"))
    assert demand.period_days == Decimal("1.5")


def test_standard_deviation_scales_with_the_square_root_of_time() -> None:
    daily = Demand(mean=10, sd=3, period="1 day")
    month = daily.over("30 days")
    assert month.mean == 300
    assert month.sd == Decimal("16.4316767252")  # 3·√30, not 3·30


def test_demand_from_history_uses_the_sample_standard_deviation() -> None:
    demand = Demand.from_history([12, 15, 9, 14], period="1 day")
    assert demand.mean == Decimal("12.5")
    # Σ(x − x̄)² = 0.25 + 6.25 + 12.25 + 2.25 = 21; s = √(21/3) = √7.
    assert demand.sd == Decimal("2.64575131106")


def test_seasonality_multiplies_the_periods_from_its_start() -> None:
    start = dt.date(2026, 11, 2)
    demand = Demand(
        mean=70, sd=14, period="1 week", seasonality=["1", "2.5"], season_start=start
    )
    assert demand.multiplier_on(start - dt.timedelta(days=1)) == 1
    assert demand.multiplier_on(start) == 1
    assert demand.multiplier_on(start + dt.timedelta(days=7)) == Decimal("2.5")
    assert demand.multiplier_on(start + dt.timedelta(days=14)) == 1
    # One week before the season at 10/day, then weeks ×1 and ×2.5.
    mean, variance = demand.moments(
        Decimal(0), Decimal(21), start - dt.timedelta(days=7)
    )
    assert mean == 70 + 70 + 175
    assert variance == 196 + 196 + Decimal("6.25") * 196


def test_seasonal_demand_needs_a_start_date() -> None:
    demand = Demand(
        mean=70, period="1 week", seasonality=["2"], season_start="2026-11-02"
    )
    with pytest.raises(InvalidInputError) as caught:
        demand.over("1 week")
    assert caught.value.field == "as_of"


@pytest.mark.parametrize(
    ("kwargs", "field", "error"),
    [
        ({"mean": -1, "period": "1 day"}, "mean", InvalidInputError),
        ({"mean": 1.5, "period": "1 day"}, "mean", InvalidTypeError),
        ({"mean": "NaN", "period": "1 day"}, "mean", InvalidInputError),
        ({"mean": True, "period": "1 day"}, "mean", InvalidTypeError),
        ({"mean": 1, "sd": -2, "period": "1 day"}, "sd", InvalidInputError),
        ({"mean": 1, "period": "2 kg"}, "period", UnitError),
        ({"mean": 1, "period": "0 days"}, "period", InvalidInputError),
        ({"mean": 1, "period": 7}, "period", UnitError),
        ({"mean": 1, "period": "1 day", "seasonality": ["1", "-1"],
          "season_start": "2026-01-01"}, "seasonality[1]", InvalidInputError),
        ({"mean": 1, "period": "1 day", "seasonality": "12"}, "seasonality",
         InvalidTypeError),
        ({"mean": 1, "period": "1 day", "seasonality": ["2"]}, "season_start",
         InvalidInputError),
        ({"mean": 1, "period": "1 day", "season_start": "soon"}, "season_start",
         InvalidInputError),
    ],
)  # fmt: skip
def test_bad_demand_inputs_name_their_field(
    kwargs: dict[str, object], field: str, error: type[XborderError]
) -> None:
    with pytest.raises(error) as caught:
        Demand(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_history_needs_two_periods() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Demand.from_history([5], period="1 day")
    assert caught.value.field == "quantities"
    with pytest.raises(InvalidInputError) as caught:
        Demand.from_history([5, -1], period="1 day")
    assert caught.value.field == "quantities[1]"


def test_over_refuses_a_negative_duration() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Demand(mean=1, period="1 day").over("-2 days")
    assert caught.value.field == "duration"


# -- Lead time -------------------------------------------------------------------------


def test_legs_add_in_mean_and_in_variance() -> None:
    route = LeadTime(
        legs=(
            LeadTimeLeg(name="factory", mean="25 days", sd="5 days", kind="production"),
            LeadTimeLeg(name="sea", mean="30 days", sd="6 days"),
            LeadTimeLeg(name="customs", mean="4 days", sd="2 days", kind="handling"),
            LeadTimeLeg(
                name="FBA check-in", mean="1 week", sd="3 days", kind="handling"
            ),
        )
    )
    assert route.mean_days == 66
    assert route.variance == 25 + 36 + 4 + 9
    assert route.sd_days == Decimal("8.60232526704")
    assert str(route.mean) == "66 day"


def test_a_single_leg_route_and_a_fixed_leg() -> None:
    route = LeadTime.single("36 hours")
    assert route.mean_days == Decimal("1.5")
    assert route.variance == 0
    assert route.legs[0].kind is LegKind.TRANSIT


@pytest.mark.parametrize(
    ("make", "field", "error"),
    [
        (lambda: LeadTimeLeg(name="", mean="1 day"), "name", InvalidInputError),
        (lambda: LeadTimeLeg(name="sea", mean="-1 day"), "mean", InvalidInputError),
        (lambda: LeadTimeLeg(name="sea", mean="1 kg"), "mean", UnitError),
        (lambda: LeadTimeLeg(name="sea", mean="1 day", sd="-1 day"), "sd",
         InvalidInputError),
        (lambda: LeadTimeLeg(name="sea", mean="1 day", kind="rail"), "kind",
         InvalidInputError),
        (lambda: LeadTime(legs=()), "legs", InvalidInputError),
        (lambda: LeadTime(legs=["sea"]), "legs[0]", InvalidTypeError),  # type: ignore[list-item]
    ],
)  # fmt: skip
def test_bad_lead_time_inputs_name_their_field(
    make: object, field: str, error: type[XborderError]
) -> None:
    with pytest.raises(error) as caught:
        make()  # type: ignore[operator]
    assert caught.value.field == field


# -- Service targets -------------------------------------------------------------------


def test_a_cycle_service_level_fixes_z_once() -> None:
    target = ServiceTarget.cycle("0.95")
    assert target.measure is ServiceMeasure.CYCLE_SERVICE_LEVEL
    assert target.z == Decimal("1.64485362695")
    assert str(target) == "0.95 cycle service level"
    assert ServiceTarget.fill_rate("0.98").is_fill_rate


def test_a_target_below_one_half_has_a_negative_z() -> None:
    assert ServiceTarget.cycle("0.3").z == Decimal("-0.524400512708")


@pytest.mark.parametrize("level", [0, 1, "1.0", "-0.1", "1.5"])
def test_service_levels_of_zero_or_one_are_refused_clearly(level: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        ServiceTarget.cycle(level)  # type: ignore[arg-type]
    assert caught.value.field == "level"
    with pytest.raises(InvalidInputError):
        ServiceTarget.fill_rate(level)  # type: ignore[arg-type]


def test_service_target_bad_measure_and_float() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ServiceTarget(measure="in stock", level="0.9")
    assert caught.value.field == "measure"
    with pytest.raises(InvalidTypeError) as caught_type:
        ServiceTarget.cycle(0.95)  # type: ignore[arg-type]
    assert caught_type.value.field == "level"


def test_evolving_a_target_recomputes_z() -> None:
    target = attrs.evolve(ServiceTarget.cycle("0.95"), level=Decimal("0.5"))
    assert target.z == 0


# -- Stock position --------------------------------------------------------------------


def test_inventory_position_counts_the_water_and_subtracts_promises() -> None:
    position = StockPosition(
        on_hand=420,
        inbound=[
            InboundShipment(quantity=600, arrival="2026-11-20", reference="PO-2"),
            InboundShipment(quantity=300, arrival="2026-11-05"),
        ],
        backorders=15,
        reserved=20,
    )
    assert position.available == 385
    assert position.on_order == 900
    assert position.inventory_position == 1285
    assert [s.quantity for s in position.inbound] == [300, 600]  # arrival order
    assert position.arriving_by(dt.date(2026, 11, 10)) == 300


A_DATETIME = dt.datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("make", "field", "error"),
    [
        (lambda: StockPosition(on_hand=-1), "on_hand", InvalidInputError),
        (lambda: StockPosition(on_hand=1.0), "on_hand", InvalidTypeError),  # type: ignore[arg-type]
        (lambda: StockPosition(on_hand=5, reserved=6), "reserved", InvalidInputError),
        (lambda: StockPosition(on_hand=5, backorders=-1), "backorders",
         InvalidInputError),
        (lambda: StockPosition(on_hand=5, inbound=[5]), "inbound[0]", InvalidTypeError),  # type: ignore[list-item]
        (lambda: InboundShipment(quantity=0, arrival="2026-01-01"), "quantity",
         InvalidInputError),
        (lambda: InboundShipment(quantity=5, arrival="tomorrow"), "arrival",
         InvalidInputError),
        (lambda: InboundShipment(quantity=5, arrival=A_DATETIME), "arrival",
         InvalidTypeError),
        (lambda: InboundShipment(quantity=5, arrival="2026-01-01", reference=7),  # type: ignore[arg-type]
         "reference", InvalidTypeError),
    ],
)  # fmt: skip
def test_bad_position_inputs_name_their_field(
    make: object, field: str, error: type[XborderError]
) -> None:
    with pytest.raises(error) as caught:
        make()  # type: ignore[operator]
    assert caught.value.field == field


# -- Season distributions --------------------------------------------------------------


def test_empirical_demand_from_a_sample_counts_each_season() -> None:
    history = EmpiricalDemand.from_sample([400, 380, 400, 520])
    assert history.weights == ((380, Decimal(1)), (400, Decimal(2)), (520, Decimal(1)))
    assert history.mean == 425
    assert history.in_stock_probability(Decimal(400)) == Decimal("0.75")
    assert history.expected_shortfall(Decimal(400)) == 30  # (120 + 0) / 4


def test_poisson_handles_large_means_and_refuses_huge_ones() -> None:
    demand = PoissonDemand(mean=250_000)
    quantity, z = demand.quantile(Decimal("0.5"))
    assert z is None
    assert 249_999 <= quantity <= 250_001
    with pytest.raises(InvalidInputError) as caught:
        PoissonDemand(mean=10**8)
    assert caught.value.field == "mean"


def test_zero_mean_poisson_is_always_in_stock() -> None:
    demand = PoissonDemand(mean=0)
    assert demand.quantile(Decimal(1)) == (Decimal(0), None)
    assert demand.in_stock_probability(Decimal(0)) == 1
    assert demand.expected_shortfall(Decimal(0)) == 0


@pytest.mark.parametrize(
    ("make", "field", "error"),
    [
        (lambda: NormalDemand(mean=10, sd=-1), "sd", InvalidInputError),
        (lambda: PoissonDemand(mean=-1), "mean", InvalidInputError),
        (lambda: EmpiricalDemand(weights={1: 0}), "weights", InvalidInputError),
        (lambda: EmpiricalDemand(weights={-1: 1}), "weights[-1]", InvalidInputError),
        (lambda: EmpiricalDemand(weights={1.5: 1}), "weights[1.5]", InvalidInputError),  # type: ignore[dict-item]
        (lambda: EmpiricalDemand(weights={1: "-0.5"}), "weights[1]", InvalidInputError),
        (lambda: EmpiricalDemand(weights=[1, 2]), "weights", InvalidTypeError),  # type: ignore[arg-type]
        (lambda: EmpiricalDemand.from_sample("123"), "observations", InvalidTypeError),  # type: ignore[arg-type]
        (lambda: EmpiricalDemand.from_sample([1, -2]), "observations.weights[-2]",
         InvalidInputError),
    ],
)  # fmt: skip
def test_bad_distribution_inputs_name_their_field(
    make: object, field: str, error: type[XborderError]
) -> None:
    with pytest.raises(error) as caught:
        make()  # type: ignore[operator]
    assert caught.value.field == field


def test_models_survive_pickling() -> None:
    models = [
        Demand(
            mean=70,
            sd=14,
            period="1 week",
            seasonality=["2"],
            season_start="2026-11-02",
        ),
        LeadTime.single("30 days", "5 days"),
        ServiceTarget.cycle("0.95"),
        StockPosition(
            on_hand=3, inbound=[InboundShipment(quantity=2, arrival="2026-01-01")]
        ),
        EmpiricalDemand(weights={1: 2}),
    ]
    for model in models:
        assert pickle.loads(pickle.dumps(model)) == model  # noqa: S301 - our own data
