from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError, UnitError
from xborder.logistics import TransitTime
from xborder.testing import strategies as xst

POSTAL = TransitTime.from_days(minimum=10, typical=15, p90=22, maximum=30)


def test_percentiles_interpolate_between_known_points() -> None:
    assert POSTAL.quantile(0) == 10
    assert POSTAL.quantile("0.25") == Decimal("12.5")
    assert POSTAL.p50 == 15
    assert POSTAL.quantile("0.7") == Decimal("18.5")
    assert POSTAL.p90 == 22
    assert POSTAL.quantile(1) == 30


def test_min_and_max_alone_make_a_uniform_range() -> None:
    # Easyship's min/max delivery days, or "7–15 working days".
    flat = TransitTime(minimum="7 days", maximum="15 days")
    assert flat.p50 == 11
    assert flat.mean == 11
    assert flat.probability_later_than(13) == Decimal("0.25")
    # E[(T − 13)+] = 0.25 × (15 − 13) / 2 = 0.25 days
    assert flat.expected_days_late(13) == Decimal("0.25")


def test_lateness_against_a_promise() -> None:
    assert POSTAL.probability_later_than(9) == 1
    assert POSTAL.probability_later_than(30) == 0
    assert POSTAL.expected_days_late(30) == 0
    assert POSTAL.expected_days_late(0) == POSTAL.mean


def test_expected_days_late_is_the_area_under_the_survival_curve() -> None:
    promise = Decimal(14)
    step = Decimal("0.01")
    area = Decimal(0)
    day = promise
    while day < 30:
        area += (
            step
            * (
                POSTAL.probability_later_than(day)
                + POSTAL.probability_later_than(day + step)
            )
            / 2
        )
        day += step
    assert abs(area - POSTAL.expected_days_late(promise)) < Decimal("0.0001")


def test_a_fixed_day_is_a_point_mass() -> None:
    fixed = TransitTime(minimum="5 days", maximum="5 days")
    assert fixed.p90 == 5
    assert fixed.probability_later_than("4.9") == 1
    assert fixed.probability_later_than(5) == 0
    assert fixed.expected_days_late(3) == 2


def test_durations_in_other_units() -> None:
    sea = TransitTime(
        minimum="3 weeks", maximum="6 weeks", percentiles={"0.5": "30 days"}
    )
    assert sea.minimum.magnitude == 21
    assert sea.p50 == 30


def test_shifted_adds_days_everywhere() -> None:
    later = POSTAL.shifted(2)
    assert later.p90 == 24
    assert later.mean == POSTAL.mean + 2


def test_describe() -> None:
    assert POSTAL.describe() == "10–30 days (P50 15, P90 22)"


@given(xst.transit_times(), st.decimals(min_value=0, max_value=130, places=2))
def test_survival_and_quantile_agree(transit: TransitTime, days: Decimal) -> None:
    late = transit.probability_later_than(days)
    assert 0 <= late <= 1
    p = Decimal(1) - late
    if 0 < p < 1:
        # The day by which 1 − P(T > d) have arrived is d again (34 digits).
        assert abs(transit.quantile(p) - days) < Decimal("1e-20")


@given(xst.transit_times(), st.decimals(min_value=0, max_value=130, places=1))
def test_lateness_falls_as_the_promise_grows(
    transit: TransitTime, days: Decimal
) -> None:
    assert transit.probability_later_than(days + 1) <= transit.probability_later_than(
        days
    )
    assert transit.expected_days_late(days + 1) <= transit.expected_days_late(days)
    assert transit.expected_days_late(0) == transit.mean
    assert transit.minimum.magnitude <= transit.mean <= transit.maximum.magnitude


@given(xst.transit_times())
def test_quantiles_ascend(transit: TransitTime) -> None:
    points = [transit.quantile(Decimal(p) / 20) for p in range(21)]
    assert points == sorted(points)
    assert transit.p50 <= transit.p90


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"minimum": "-1 day", "maximum": "5 days"}, InvalidInputError, "minimum"),
        ({"minimum": "5 days", "maximum": "4 days"}, InvalidInputError, "maximum"),
        ({"minimum": "5 kg", "maximum": "6 days"}, UnitError, "minimum"),
        ({"minimum": 5, "maximum": "6 days"}, UnitError, "minimum"),
        (
            {"minimum": "1 day", "maximum": "6 days", "percentiles": {"1.5": "3 days"}},
            InvalidInputError,
            "percentiles['1.5']",
        ),
        (
            {"minimum": "1 day", "maximum": "6 days", "percentiles": {"0.5": "9 days"}},
            InvalidInputError,
            "percentiles[0.5]",
        ),
        (
            {
                "minimum": "1 day",
                "maximum": "6 days",
                "percentiles": {"0.5": "4 days", "0.9": "3 days"},
            },
            InvalidInputError,
            "percentiles[0.9]",
        ),
        (
            {"minimum": "1 day", "maximum": "6 days", "percentiles": "0.5"},
            InvalidTypeError,
            "percentiles",
        ),
        (
            {"minimum": "1 day", "maximum": "6 days", "percentiles": {0.5: "3 days"}},
            InvalidTypeError,
            "percentiles[0.5]",
        ),
    ],
)
def test_bad_distributions_are_clear_errors(
    kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as raised:
        TransitTime(**kwargs)  # type: ignore[arg-type]
    assert raised.value.field == field  # type: ignore[attr-defined]


def test_bad_probabilities() -> None:
    with pytest.raises(InvalidInputError) as raised:
        POSTAL.quantile("1.1")
    assert raised.value.field == "probability"
    with pytest.raises(InvalidTypeError):
        POSTAL.probability_later_than(1.5)  # type: ignore[arg-type]
