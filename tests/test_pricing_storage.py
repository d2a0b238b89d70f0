"""Storage by volume and season: models, calculators, presets, laws and golden cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
    UnitError,
    XborderError,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.pricing import FeeSchedule, UnitCosts, unit_economics
from xborder.pricing.storage import (
    CUBIC_FOOT,
    MAX_STAY_DAYS,
    AgedBand,
    AgedInventorySurcharge,
    StorageCost,
    StorageLine,
    StorageLineKind,
    StorageRate,
    StorageSchedule,
    UtilisationBand,
    UtilisationSurcharge,
    batch_storage_cost,
    presets,
    storage_cost,
    storage_per_unit,
)
from xborder.testing import strategies as xst
from xborder.units import Dimensions, quantity

STANDARD = presets.AMAZON_US_STORAGE_STANDARD
BULKY = presets.AMAZON_US_STORAGE_LARGE_BULKY
CENTS = RoundingMode.HALF_UP


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def cents(money: Money) -> str:
    return str(money.quantize(CENTS))


def flat(off_peak: str = "1.00", peak: str = "3.00") -> StorageSchedule:
    return StorageSchedule(
        name="flat",
        monthly=StorageRate(
            size_tier="Any", unit="ft**3", off_peak=usd(off_peak), peak=usd(peak)
        ),
    )


# -- examples ---------------------------------------------------------------


def test_a_whole_month_charges_the_month_rate() -> None:
    april = storage_cost(STANDARD, volume="1 ft**3", start="2026-04-01", stay="30 days")
    october = storage_cost(
        STANDARD, volume="1 ft**3", start="2026-10-01", stay="31 days"
    )
    assert april.total == usd("0.78")
    assert october.total == usd("2.40")
    assert [line.kind for line in october.lines] == [StorageLineKind.MONTHLY]


def test_part_of_a_month_is_prorated_by_that_months_days() -> None:
    # 14 days of February 2026 (28 days) is half the month.
    cost = storage_cost(flat(), volume="2 ft**3", start="2026-02-15", stay="14 days")
    assert cost.total == usd("1.00")
    (line,) = cost.lines
    assert line.basis == Decimal(1)  # an average of 1 cu ft over February
    assert line.month == dt.date(2026, 2, 1)


def test_a_fraction_of_a_day_counts_as_that_fraction() -> None:
    cost = storage_cost(flat(), volume="1 ft**3", start="2026-04-01", stay="1.5 days")
    assert cost.total == usd("0.05")  # 1.5 / 30 of $1.00


def test_a_stay_crossing_into_the_peak_season() -> None:
    cost = storage_cost(STANDARD, volume="1 ft**3", start="2026-09-16", stay="30 days")
    assert [cents(line.amount) for line in cost.lines] == ["0.39 USD", "1.16 USD"]
    assert cost.monthly == cost.total
    assert "peak rate 2.40 USD per cu ft" in cost.lines[1].note


def test_volume_in_any_unit_and_from_dimensions() -> None:
    box = Dimensions(length="18 in", width="12 in", height="8 in")  # 1 cu ft
    in_feet = storage_cost(
        STANDARD, volume="1 ft**3", start="2026-10-01", stay="1 week"
    )
    from_box = storage_cost(STANDARD, volume=box.volume, start="2026-10-01", stay="7 d")
    in_inches = storage_cost(
        STANDARD, volume="1728 in**3", start="2026-10-01", stay="168 hours"
    )
    assert in_feet.total == from_box.total == in_inches.total


def test_a_rate_per_cubic_metre() -> None:
    schedule = StorageSchedule(
        name="3PL",
        monthly=StorageRate(
            size_tier="Pallet", unit="m**3", off_peak=usd("30"), peak=usd("30")
        ),
    )
    cost = storage_cost(schedule, volume="500 L", start="2026-06-01", stay="30 days")
    assert cost.total == usd("15")
    assert "per m³" in cost.lines[0].note


def test_the_aged_surcharge_is_read_on_the_snapshot_day() -> None:
    # Arrived 1 Jan 2026: 195 days old on 15 July, 226 on 15 August.
    cost = storage_cost(STANDARD, volume="1 ft**3", start="2026-01-01", stay="230 days")
    aged = [line for line in cost.lines if line.kind is StorageLineKind.AGED]
    assert [(line.month.month, line.amount) for line in aged] == [
        (7, usd("0.50")),
        (8, usd("1.00")),
    ]
    assert "aged 195 days on 2026-07-15: band 181–210 days" in aged[0].note


def test_a_unit_gone_before_the_snapshot_pays_no_aged_surcharge() -> None:
    # 195 days reaches 14 July: gone before the 15 July snapshot.
    cost = storage_cost(STANDARD, volume="1 ft**3", start="2026-01-01", stay="194 days")
    assert cost.aged == usd("0")


def test_category_exemptions_apply_to_the_181_to_270_day_bands_only() -> None:
    year = storage_cost(STANDARD, volume="1 ft**3", start="2026-01-01", stay="300 days")
    clothing = storage_cost(
        STANDARD,
        volume="1 ft**3",
        start="2026-01-01",
        stay="300 days",
        category="clothing",
    )
    assert cents(year.aged) == "6.80 USD"  # 0.50 + 1.00 + 1.50 + 3.80
    assert cents(clothing.aged) == "3.80 USD"  # only the 271–300 band


def test_the_365_plus_band_charges_at_least_the_per_unit_minimum() -> None:
    small = storage_cost(
        STANDARD, volume="0.01 ft**3", start="2025-01-01", stay="400 days"
    )
    last = [line for line in small.lines if line.kind is StorageLineKind.AGED][-1]
    assert last.amount == usd("0.15")  # 0.01 x 6.90 = 0.069 < 0.15
    assert "per-unit minimum" in last.note


def test_utilisation_surcharge_by_band_after_exempt_days() -> None:
    surcharge = UtilisationSurcharge(
        unit=CUBIC_FOOT,
        exempt_days=10,
        bands=(
            UtilisationBand(above=22, off_peak=usd("0.30"), peak=usd("0.60")),
            UtilisationBand(above=28, off_peak=usd("0.90"), peak=usd("1.20")),
        ),
    )
    schedule = StorageSchedule(
        name="with utilisation",
        monthly=flat().monthly,
        utilisation=surcharge,
    )
    cost = storage_cost(
        schedule,
        volume="1 ft**3",
        start="2026-06-01",
        stay="30 days",
        utilisation_ratio=30,
    )
    # Ages 0 to 10 are exempt, so 19 of June's 30 days pay the 28-week band.
    assert cents(cost.utilisation) == "0.57 USD"
    assert "above 28 weeks, 19 unit-days older than 10 days" in cost.lines[1].note
    below = storage_cost(
        schedule,
        volume="1 ft**3",
        start="2026-06-01",
        stay="30 days",
        utilisation_ratio=22,
    )
    assert below.utilisation == usd("0")


def test_a_batch_sells_down_linearly() -> None:
    # 60 units selling 2 a day from 1 June: 30 days, 900 unit-days in June.
    cost = batch_storage_cost(
        flat(), volume="1 ft**3", quantity=60, daily_demand=2, start="2026-06-01"
    )
    assert cost.days == Decimal(30)
    assert cost.total == usd("30")  # 900 / 30 x $1.00
    assert cost.per_unit == usd("0.5")


def test_a_batch_waiting_behind_stock_pays_for_the_wait() -> None:
    now = batch_storage_cost(
        flat(), volume="1 ft**3", quantity=60, daily_demand=2, start="2026-06-01"
    )
    later = batch_storage_cost(
        flat(),
        volume="1 ft**3",
        quantity=60,
        daily_demand=2,
        start="2026-06-01",
        wait="10 days",
    )
    assert later.days == now.days + 10
    assert later.total > now.total
    # June: 60 units for 10 days, then 20 days selling 2 a day: 600 + 800.
    assert "June 2026: 1400 unit-days of 30" in later.lines[0].note


def test_bigger_orders_pay_more_per_unit() -> None:
    def per_unit(units: int) -> Money:
        return batch_storage_cost(
            STANDARD,
            volume="0.1 ft**3",
            quantity=units,
            daily_demand=5,
            start="2026-04-01",
        ).per_unit

    assert per_unit(100) < per_unit(1000) < per_unit(3000)


def test_storage_per_unit_feeds_unit_economics() -> None:
    storage = storage_per_unit(
        STANDARD, volume="0.05 ft**3", start="2026-10-01", stay="30 days"
    )
    assert storage == usd("0.12")  # 0.05 x 2.40 x 30/31 = 0.1161...
    fees = FeeSchedule(name="Amazon.com FBA", currency="USD").with_unit_fees(
        fulfilment=usd("3.22"), storage=storage
    )
    result = unit_economics(
        usd("19.99"), fees=fees, costs=UnitCosts(landed=usd("4.10"))
    )
    assert result.line("Storage fee").amount == usd("0.12")


def test_describe_shows_every_line_and_the_total() -> None:
    cost = storage_cost(STANDARD, volume="1 ft**3", start="2026-09-01", stay="61 days")
    text = cost.describe()
    assert text.splitlines()[-1] == "total: 3.18 USD"
    assert len(text.splitlines()) == 4


def test_zero_units_cost_nothing() -> None:
    cost = batch_storage_cost(
        STANDARD, volume="1 ft**3", quantity=0, daily_demand=1, start="2026-01-01"
    )
    assert cost.total == usd("0")
    assert cost.per_unit == usd("0")
    assert cost.lines == ()


# -- golden -----------------------------------------------------------------


def test_golden_amazon_us_monthly_storage_per_cubic_foot() -> None:
    """Amazon's "2024 FBA monthly inventory storage fee and aged inventory
    surcharge changes" (sellercentral GJ9NNG7RK4TU6E3Z, table "April 1, 2024,
    and after"; read 2026): standard-size \\$0.78 per cubic foot January to
    September, \\$2.40 October to December; large bulky \\$0.56 and \\$1.40.
    Help page 200612770: fees are charged on the daily average volume in
    cubic feet, and cubic feet are L x W x H in inches / 1,728.

    An 18 x 12 x 8 in unit is 1,728 in³ = 1 cu ft: a whole month costs the
    rate itself. A 12 x 10 x 8 in unit is 960/1,728 = 0.5556 cu ft:
    \\$0.4333 off-peak, \\$1.3333 peak.
    """
    assert STANDARD.source == presets.STORAGE_FEE_PAGE
    for schedule, april, november in (
        (STANDARD, "0.78 USD", "2.40 USD"),
        (BULKY, "0.56 USD", "1.40 USD"),
    ):
        box = Dimensions(length="18 in", width="12 in", height="8 in").volume
        assert (
            cents(
                storage_cost(
                    schedule, volume=box, start="2026-04-01", stay="30 days"
                ).total
            )
            == april
        )
        assert (
            cents(
                storage_cost(
                    schedule, volume=box, start="2026-11-01", stay="30 days"
                ).total
            )
            == november
        )
    smaller = Dimensions(length="12 in", width="10 in", height="8 in").volume
    may = storage_cost(STANDARD, volume=smaller, start="2026-05-01", stay="31 days")
    december = storage_cost(
        STANDARD, volume=smaller, start="2026-12-01", stay="31 days"
    )
    assert (cents(may.total), cents(december.total)) == ("0.43 USD", "1.33 USD")


def test_golden_aged_inventory_bands_of_15_april_2023() -> None:
    """simple-agency.com.ua's copy of Amazon's announcement (secondary, 2023):
    181–210 days \\$0.50/cu ft ... 331–365 days \\$4.20, 365+ the greater of
    \\$6.90/cu ft or \\$0.15/unit, assessed on the 15th; 181–270 exclude
    clothing, shoes, bags, jewelry and watches."""
    aged = presets.AMAZON_US_AGED_INVENTORY_SURCHARGE
    assert aged.validity is not None
    assert aged.validity.source == presets.AGED_SURCHARGE_PAGE
    assert aged.validity.valid_from == dt.date(2023, 4, 15)
    rates = [(band.label, str(band.rate)) for band in aged.bands]
    assert rates == [
        ("181–210 days", "0.50 USD"),
        ("211–240 days", "1.00 USD"),
        ("241–270 days", "1.50 USD"),
        ("271–300 days", "3.80 USD"),
        ("301–330 days", "4.00 USD"),
        ("331–365 days", "4.20 USD"),
        ("366+ days", "6.90 USD"),
    ]
    # 2 cu ft aged 400 days: 2 x 6.90 = 13.80 > 0.15.
    band = aged.band_for(400)
    assert band is not None
    assert band.rate * 2 == usd("13.80")
    assert [band.exempts("Watches") for band in aged.bands] == [True] * 3 + [False] * 4


def test_presets_are_dated_and_in_force() -> None:
    for preset in presets.ALL:
        assert preset.validity is not None
        assert preset.validity.source.startswith("https://")
        presets.in_force(preset, dt.date(2026, 6, 1))
    assert STANDARD.illustrative
    with pytest.raises(RuleNotApplicableError):
        presets.in_force(STANDARD, dt.date(2024, 3, 31))


# -- laws -------------------------------------------------------------------

days = st.integers(0, 500)
USD_SCHEDULES = xst.storage_schedules(currency=st.just(Currency("USD")))
starts = st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31))
cubic_feet = st.decimals(
    min_value=Decimal("0.001"),
    max_value=Decimal(50),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)


def _cost(
    schedule: StorageSchedule, volume: Decimal, start: dt.date, stay: int
) -> StorageCost:
    return storage_cost(
        schedule,
        volume=quantity(volume, CUBIC_FOOT),
        start=start,
        stay=quantity(stay, "day"),
    )


@settings(max_examples=60, deadline=None)
@given(schedule=USD_SCHEDULES, volume=cubic_feet,
       start=starts, stay=days, more=st.integers(0, 100))  # fmt: skip
def test_cost_is_non_decreasing_in_days(
    schedule: StorageSchedule, volume: Decimal, start: dt.date, stay: int, more: int
) -> None:
    shorter = _cost(schedule, volume, start, stay)
    longer = _cost(schedule, volume, start, stay + more)
    assert shorter.total <= longer.total


@settings(max_examples=60, deadline=None)
@given(schedule=USD_SCHEDULES, volume=cubic_feet,
       start=starts, stay=days, factor=st.integers(1, 5))  # fmt: skip
def test_cost_is_non_decreasing_in_volume(
    schedule: StorageSchedule, volume: Decimal, start: dt.date, stay: int, factor: int
) -> None:
    smaller = _cost(schedule, volume, start, stay)
    bigger = _cost(schedule, volume * factor, start, stay)
    assert smaller.total <= bigger.total


@settings(max_examples=60, deadline=None)
@given(cost=xst.storage_costs())
def test_month_lines_add_up_to_the_total_exactly(cost: StorageCost) -> None:
    assert (
        Money.total([line.amount for line in cost.lines], currency=cost.total.currency)
        == cost.total
    )
    assert cost.monthly + cost.utilisation + cost.aged == cost.total
    months = [line.month for line in cost.lines]
    assert months == sorted(months)


@settings(max_examples=40, deadline=None)
@given(schedule=xst.storage_schedules(), volume=cubic_feet, start=starts)
def test_a_zero_day_stay_costs_zero(
    schedule: StorageSchedule, volume: Decimal, start: dt.date
) -> None:
    cost = _cost(schedule, volume, start, 0)
    assert cost.total.is_zero()
    assert cost.lines == ()


@settings(max_examples=40, deadline=None)
@given(volume=cubic_feet, year=st.integers(2024, 2040), stay=st.integers(1, 30))
def test_peak_months_cost_more_than_off_peak(
    volume: Decimal, year: int, stay: int
) -> None:
    for schedule in (STANDARD, BULKY):
        september = _cost(schedule, volume, dt.date(year, 9, 1), stay)
        october = _cost(schedule, volume, dt.date(year, 10, 1), stay)
        # September and October differ in length, but a stay inside a month
        # is prorated by it: October's rate is higher by more than 31/30.
        assert october.total > september.total


@settings(max_examples=40, deadline=None)
@given(units=st.integers(1, 400), extra=st.integers(0, 400),
       daily=st.integers(1, 20), start=starts)  # fmt: skip
def test_batch_cost_is_non_decreasing_in_quantity(
    units: int, extra: int, daily: int, start: dt.date
) -> None:
    def batch(quantity_: int) -> StorageCost:
        return batch_storage_cost(
            STANDARD,
            volume="0.2 ft**3",
            quantity=quantity_,
            daily_demand=daily,
            start=start,
        )

    assert batch(units).total <= batch(units + extra).total


@settings(max_examples=40, deadline=None)
@given(units=st.integers(1, 300), daily=st.integers(1, 10), wait=st.integers(0, 200),
       start=starts)  # fmt: skip
def test_a_batch_costs_between_its_units_shortest_and_longest_stays(
    units: int, daily: int, wait: int, start: dt.date
) -> None:
    volume = Decimal("0.25")
    batch = batch_storage_cost(
        STANDARD,
        volume=quantity(volume, CUBIC_FOOT),
        quantity=units,
        daily_demand=daily,
        start=start,
        wait=quantity(wait, "day"),
    )
    end = batch.days.to_integral_value(rounding="ROUND_CEILING")
    shortest = _cost(STANDARD, volume, start, wait).total * units
    longest = _cost(STANDARD, volume, start, int(end)).total * units
    slack = usd("1E-20")  # 34-digit quotients on either side
    assert shortest - slack <= batch.total <= longest + slack


# -- strategies ---------------------------------------------------------------

MODELS = (
    StorageRate,
    AgedBand,
    AgedInventorySurcharge,
    UtilisationBand,
    UtilisationSurcharge,
    StorageSchedule,
    StorageCost,
    StorageLine,
)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_from_type_draws_storage_models(model: type) -> None:
    @settings(max_examples=5, deadline=None)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()


# -- bad inputs ---------------------------------------------------------------


def _field(error: pytest.ExceptionInfo[BaseException]) -> object:
    return getattr(error.value, "field", None)


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"volume": "2 kg"}, UnitError, "volume"),
        ({"volume": "0 ft**3"}, InvalidInputError, "volume"),
        ({"volume": 1.5}, UnitError, "volume"),
        ({"stay": "-1 day"}, InvalidInputError, "stay"),
        ({"stay": "3661 days"}, InvalidInputError, "stay"),
        ({"stay": "3 kg"}, UnitError, "stay"),
        ({"start": "2026-13-01"}, InvalidInputError, "start"),
        ({"start": dt.datetime(2026, 1, 1)}, InvalidTypeError, "start"),  # noqa: DTZ001
        ({"category": ""}, InvalidInputError, "category"),
        ({"category": 3}, InvalidTypeError, "category"),
        ({"utilisation_ratio": 30}, InvalidInputError, "utilisation_ratio"),
        ({"utilisation_ratio": 0.5}, InvalidTypeError, "utilisation_ratio"),
        ({"schedule": "Amazon"}, InvalidTypeError, "schedule"),
    ],
)
def test_storage_cost_names_bad_inputs(
    changes: dict[str, object], error: type[Exception], field: str
) -> None:
    arguments: dict[str, object] = {
        "schedule": STANDARD,
        "volume": "1 ft**3",
        "start": "2026-01-01",
        "stay": "30 days",
        **changes,
    }
    schedule = arguments.pop("schedule")
    with pytest.raises(error) as raised:
        storage_cost(schedule, **arguments)  # type: ignore[arg-type]
    assert _field(raised) == field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": -1}, "quantity"),
        ({"quantity": 10**6}, "quantity"),
        ({"daily_demand": 0}, "daily_demand"),
        ({"wait": "4000 days"}, "wait"),
    ],
)
def test_batch_storage_cost_names_bad_inputs(
    changes: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {
        "volume": "1 ft**3",
        "quantity": 10,
        "daily_demand": 1,
        "start": "2026-01-01",
        **changes,
    }
    with pytest.raises(InvalidInputError) as raised:
        batch_storage_cost(STANDARD, **arguments)  # type: ignore[arg-type]
    assert _field(raised) == field


def test_storage_per_unit_needs_a_rounding_mode() -> None:
    with pytest.raises(InvalidTypeError) as raised:
        storage_per_unit(
            STANDARD,
            volume="1 ft**3",
            start="2026-01-01",
            stay="3 days",
            rounding="half-up",  # type: ignore[arg-type]
        )
    assert _field(raised) == "rounding"


def test_models_name_bad_fields() -> None:
    raised: pytest.ExceptionInfo[XborderError]
    with pytest.raises(CurrencyMismatchError) as raised:
        StorageRate(
            size_tier="S", unit="ft**3", off_peak=usd("1"), peak=Money(2, "EUR")
        )
    assert _field(raised) == "peak"
    with pytest.raises(UnitError):
        StorageRate(size_tier="S", unit="kg", off_peak=usd("1"), peak=usd("2"))
    with pytest.raises(InvalidInputError) as raised:
        StorageRate(
            size_tier="S",
            unit="ft**3",
            off_peak=usd("1"),
            peak=usd("2"),
            peak_months=(11, 13),
        )
    assert _field(raised) == "peak_months[1]"
    with pytest.raises(InvalidInputError) as raised:
        AgedBand(from_day=200, to_day=100, rate=usd("1"))
    assert _field(raised) == "to_day"
    with pytest.raises(InvalidInputError) as raised:
        AgedInventorySurcharge(
            unit="ft**3",
            bands=(
                AgedBand(from_day=100, to_day=200, rate=usd("1")),
                AgedBand(from_day=150, rate=usd("2")),
            ),
        )
    assert _field(raised) == "bands[1].from_day"
    with pytest.raises(InvalidInputError) as raised:
        AgedInventorySurcharge(
            unit="ft**3", bands=(AgedBand(from_day=1, rate=usd("1")),), snapshot_day=29
        )
    assert _field(raised) == "snapshot_day"
    with pytest.raises(InvalidInputError) as raised:
        UtilisationSurcharge(
            unit="ft**3",
            bands=(
                UtilisationBand(above=28, off_peak=usd("1"), peak=usd("1")),
                UtilisationBand(above=22, off_peak=usd("1"), peak=usd("1")),
            ),
        )
    assert _field(raised) == "bands[1].above"
    with pytest.raises(CurrencyMismatchError):
        StorageSchedule(
            name="mixed",
            monthly=flat().monthly,
            aged=AgedInventorySurcharge(
                unit="ft**3", bands=(AgedBand(from_day=1, rate=Money(1, "EUR")),)
            ),
        )
    with pytest.raises(InvalidTypeError) as raised:
        StorageSchedule(name="x", monthly="0.78")  # type: ignore[arg-type]
    assert _field(raised) == "monthly"


def test_a_hand_built_cost_must_add_up() -> None:
    raised: pytest.ExceptionInfo[XborderError]
    line = StorageLine(
        kind=StorageLineKind.MONTHLY,
        month="2026-01-01",
        basis=1,
        rate=usd("1"),
        amount=usd("1"),
        note="January",
    )
    with pytest.raises(InvalidInputError) as raised:
        StorageCost(
            schedule="x",
            start="2026-01-01",
            days=31,
            quantity=1,
            volume=1,
            unit="ft**3",
            lines=(line,),
            total=usd("2"),
        )
    assert _field(raised) == "total"
    with pytest.raises(InvalidInputError) as raised:
        StorageLine(
            kind=StorageLineKind.AGED,
            month="2026-01-15",
            basis=1,
            rate=usd("1"),
            amount=usd("1"),
            note="x",
        )
    assert _field(raised) == "month"


def test_max_stay_is_ten_years() -> None:
    assert MAX_STAY_DAYS == 3660
