from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError, RuleNotApplicableError
from xborder.kpi import (
    AMAZON_US_ACCOUNT_HEALTH,
    UNDEFINED,
    Comparison,
    HealthMetric,
    HealthThreshold,
    check_health,
    thresholds_in_force,
)
from xborder.testing import strategies as xst

DAY = dt.date(2026, 3, 1)


def threshold(
    metric: HealthMetric = HealthMetric.ORDER_DEFECT_RATE,
    comparison: Comparison = Comparison.BELOW,
    limit: str = "0.01",
) -> HealthThreshold:
    return HealthThreshold(
        marketplace="example",
        metric=metric,
        comparison=comparison,
        limit=limit,
        window_days=60,
        scope="all orders",
        enforced=True,
        validity=Validity(valid_from="2020-01-01", valid_to="2030-01-01", source="x"),
    )


def us(metric: HealthMetric, window: int | None = None) -> HealthThreshold:
    found = [
        t
        for t in thresholds_in_force(AMAZON_US_ACCOUNT_HEALTH, as_of=DAY, metric=metric)
        if window is None or t.window_days == window
    ]
    assert len(found) == 1
    return found[0]


# -- presets ----------------------------------------------------------------------


def test_amazon_us_presets_are_dated_sourced_and_enforced() -> None:
    assert {(t.metric, t.window_days) for t in AMAZON_US_ACCOUNT_HEALTH} == {
        (HealthMetric.ORDER_DEFECT_RATE, 60),
        (HealthMetric.CANCELLATION_RATE, 7),
        (HealthMetric.LATE_SHIPMENT_RATE, 10),
        (HealthMetric.LATE_SHIPMENT_RATE, 30),
        (HealthMetric.VALID_TRACKING_RATE, 30),
    }
    for item in AMAZON_US_ACCOUNT_HEALTH:
        assert item.validity.source.startswith("Amazon")
        assert "http" in item.validity.source
        assert item.validity.note
        assert item.enforced
        assert item.marketplace == "amazon.com"
    assert us(HealthMetric.ORDER_DEFECT_RATE).describe() == (
        "order-defect-rate < 1.00% over 60 days (all orders)"
    )


def test_presets_refuse_days_before_their_source() -> None:
    early = dt.date(2019, 1, 1)
    assert thresholds_in_force(AMAZON_US_ACCOUNT_HEALTH, as_of=early) == ()
    odr = us(HealthMetric.ORDER_DEFECT_RATE)
    with pytest.raises(RuleNotApplicableError) as caught:
        check_health(odr, orders=100, defects=0, as_of=early)
    assert caught.value.field == "as_of"
    allowed = check_health(
        odr, orders=100, defects=0, as_of=early, allow_out_of_window=True
    )
    assert allowed.compliant is True


# -- checking a window ---------------------------------------------------------------


def test_one_cancellation_in_forty_orders_breaches_under_two_and_a_half() -> None:
    # help.channelbloom.com: "in a 7-day period ... 1 out of 40 orders".
    cancel = us(HealthMetric.CANCELLATION_RATE)
    fine = check_health(cancel, orders=40, defects=0, as_of=DAY)
    assert fine.compliant is True
    assert fine.defects_to_breach == 1
    breached = check_health(cancel, orders=40, defects=1, as_of=DAY)
    assert breached.compliant is False
    assert breached.rate.value == Fraction(1, 40)
    assert breached.orders_to_recover == 1  # 1 / 41 = 2.44% < 2.5%
    assert breached.explanation == (
        "cancellation-rate 2.50% (1 of 40): breaches < 2.50%; "
        "1 more defect-free order would restore it"
    )


def test_order_defect_rate_headroom() -> None:
    odr = us(HealthMetric.ORDER_DEFECT_RATE)
    status = check_health(odr, orders=500, defects=3, as_of=DAY)
    assert status.compliant is True
    assert status.defects_to_breach == 2  # 5 / 500 = 1.00% is not under 1%
    assert status.explanation == (
        "order-defect-rate 0.60% (3 of 500): within < 1.00%; "
        "2 more defects would breach"
    )
    bad = check_health(odr, orders=500, defects=8, as_of=DAY)
    assert bad.orders_to_recover == 301  # 8 / 801 < 1% <= 8 / 800


def test_valid_tracking_counts_untracked_shipments_as_defects() -> None:
    # Amazon EU help 201817070: 190 of 200 tracked is 95%.
    vtr = us(HealthMetric.VALID_TRACKING_RATE)
    status = check_health(vtr, orders=200, defects=10, as_of=DAY)
    assert status.rate.value == Fraction(95, 100)
    assert status.compliant is True
    assert status.defects_to_breach == 1
    below = check_health(vtr, orders=200, defects=11, as_of=DAY)
    assert below.compliant is False
    assert below.orders_to_recover == 20  # 11 / 220 = 5% untracked


def test_no_orders_is_undefined_not_compliant_or_breached() -> None:
    status = check_health(
        us(HealthMetric.LATE_SHIPMENT_RATE, 10), orders=0, defects=0, as_of=DAY
    )
    assert status.compliant is UNDEFINED
    assert status.rate.value is UNDEFINED
    assert status.defects_to_breach is None
    assert status.orders_to_recover is None
    assert (
        status.explanation == "late-shipment-rate undefined (no orders in the window)"
    )


def test_limits_that_cannot_be_crossed_or_recovered() -> None:
    anything = threshold(comparison=Comparison.AT_MOST, limit="1")
    status = check_health(anything, orders=10, defects=3, as_of=DAY)
    assert status.compliant is True
    assert status.defects_to_breach is None
    assert status.explanation.endswith("no further defect can breach it")
    nothing = threshold(comparison=Comparison.BELOW, limit="0")
    never = check_health(nothing, orders=10, defects=0, as_of=DAY)
    assert never.compliant is False
    assert never.orders_to_recover is None
    assert never.explanation.endswith("no number of orders restores it")


def test_thresholds_and_counts_are_checked() -> None:
    with pytest.raises(InvalidInputError) as direction:
        threshold(metric=HealthMetric.VALID_TRACKING_RATE, comparison=Comparison.BELOW)
    assert direction.value.field == "comparison"
    with pytest.raises(InvalidInputError) as other_way:
        threshold(comparison=Comparison.AT_LEAST)
    assert other_way.value.field == "comparison"
    with pytest.raises(InvalidTypeError) as metric:
        threshold(metric="order-defect-rate")  # type: ignore[arg-type]
    assert metric.value.field == "metric"
    with pytest.raises(InvalidInputError) as limit:
        threshold(limit="1.5")
    assert limit.value.field == "limit"
    odr = threshold()
    with pytest.raises(InvalidInputError) as defects:
        check_health(odr, orders=3, defects=4, as_of=DAY)
    assert defects.value.field == "defects"
    with pytest.raises(InvalidInputError) as orders:
        check_health(odr, orders=-3, defects=0, as_of=DAY)
    assert orders.value.field == "orders"
    with pytest.raises(InvalidTypeError) as kind:
        check_health("odr", orders=3, defects=0, as_of=DAY)  # type: ignore[arg-type]
    assert kind.value.field == "threshold"


def test_versions_are_chosen_by_date() -> None:
    old = HealthThreshold(
        marketplace="m",
        metric=HealthMetric.ORDER_DEFECT_RATE,
        comparison=Comparison.BELOW,
        limit="0.02",
        window_days=60,
        scope="all",
        enforced=True,
        validity=Validity(valid_from="2010-01-01", valid_to="2020-01-01", source="s"),
    )
    new = threshold()
    assert thresholds_in_force([old, new], as_of=dt.date(2015, 1, 1)) == (old,)
    assert thresholds_in_force([old, new], as_of=DAY) == (new,)


# -- properties ---------------------------------------------------------------------

windows = st.integers(0, 5000).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(0, n))
)


@given(xst.health_thresholds(), windows)
def test_defects_to_breach_is_the_smallest_count_that_breaches(
    limit: HealthThreshold, counts: tuple[int, int]
) -> None:
    orders, defects = counts
    status = check_health(limit, orders=orders, defects=defects, as_of=DAY)
    if orders == 0:
        assert status.compliant is UNDEFINED
        return
    assert status.compliant is limit.complies(defects, orders)
    k = status.defects_to_breach
    if status.compliant and k is not None:
        assert not limit.complies(defects + k, orders)
        assert k == 1 or limit.complies(defects + k - 1, orders)
    if status.compliant and k is None:
        assert limit.complies(orders, orders)
    m = status.orders_to_recover
    if not status.compliant and m is not None:
        assert limit.complies(defects, orders + m)
        assert m == 1 or not limit.complies(defects, orders + m - 1)
