from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.kpi import (
    UNDEFINED,
    AdsStats,
    AttributionWindow,
    MoneyRatio,
    Ratio,
    acos,
    add_to_cart_rate,
    aov,
    cpc,
    cpm,
    ctr,
    cvr,
    roas,
    tacos,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.testing import strategies as xst

WEEK = AttributionWindow(click_days=7)
FORTNIGHT = AttributionWindow(click_days=14)
USD = Currency("USD")


def _stats(
    *,
    impressions: int = 4000,
    clicks: int = 90,
    spend: str = "63.00",
    orders: int = 9,
    sales: str = "254.00",
    currency: str = "USD",
    attribution: AttributionWindow = WEEK,
) -> AdsStats:
    return AdsStats(
        impressions=impressions,
        clicks=clicks,
        spend=Money(spend, currency),
        orders=orders,
        sales=Money(sales, currency),
        attribution=attribution,
    )


# -- formulas on plain numbers ------------------------------------------------------


def test_formulas_keep_their_parts() -> None:
    assert ctr(clicks=12, impressions=4000) == Ratio(12, 4000)
    assert cvr(orders=9, clicks=90) == Ratio(9, 90)
    assert add_to_cart_rate(add_to_carts=45, sessions=500) == Ratio(45, 500)
    assert cpc(spend=Money("63", "USD"), clicks=90) == MoneyRatio(
        amount=Money("63", "USD"), count=90
    )
    assert cpm(spend=Money("12", "EUR"), impressions=8000).scale == 1000
    assert acos(spend=Money("2", "USD"), sales=Money("10", "USD")) == Ratio(2, 10)
    assert roas(sales=Money("10", "USD"), spend=Money("2", "USD")) == Ratio(10, 2)
    assert tacos(ad_spend=Money(9, "USD"), total_sales=Money(90, "USD")).value == (
        Decimal("0.1")
    )
    assert aov(revenue=Money("100", "EUR"), orders=0).value is UNDEFINED


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: ctr(clicks=-1, impressions=10), "clicks"),
        (lambda: ctr(clicks=1, impressions=True), "impressions"),
        (lambda: cvr(orders=1.0, clicks=2), "orders"),  # type: ignore[arg-type]
        (lambda: cpc(spend=Money("-1", "USD"), clicks=2), "spend"),
        (lambda: cpc(spend=Decimal(1), clicks=2), "spend"),  # type: ignore[arg-type]
        (lambda: cpm(spend=Money(1, "USD"), impressions=-5), "impressions"),
        (lambda: acos(spend=Money(1, "USD"), sales=Money(-1, "USD")), "sales"),
        (lambda: acos(spend=Money(1, "USD"), sales=Money(1, "EUR")), "sales"),
        (lambda: roas(sales=Money(1, "USD"), spend=Money(1, "EUR")), "spend"),
        (
            lambda: tacos(ad_spend=Money(1, "USD"), total_sales=Money(1, "EUR")),
            "total_sales",
        ),
        (lambda: aov(revenue=Money(1, "USD"), orders="3"), "orders"),  # type: ignore[arg-type]
    ],
)
def test_formulas_refuse_bad_parts_naming_them(call: object, field: str) -> None:
    with pytest.raises((InvalidInputError, CurrencyMismatchError)) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field


# -- attribution windows ----------------------------------------------------------


def test_attribution_windows() -> None:
    assert str(WEEK) == "7-day click"
    assert (
        str(AttributionWindow(click_days=1, view_days=1)) == "1-day click, 1-day view"
    )
    assert AttributionWindow(click_days=7) == WEEK
    with pytest.raises(InvalidInputError) as caught:
        AttributionWindow(click_days=0)
    assert caught.value.field == "click_days"


def test_stats_of_different_windows_refuse_to_combine() -> None:
    with pytest.raises(InvalidInputError) as caught:
        _stats() + _stats(attribution=FORTNIGHT)
    assert caught.value.field == "other.attribution"
    assert "14-day click" in str(caught.value)
    with pytest.raises(InvalidInputError) as total:
        AdsStats.total(
            [_stats(), _stats(attribution=FORTNIGHT)], currency="USD", attribution=WEEK
        )
    assert total.value.field == "stats[1].attribution"


def test_stats_refuse_a_window_that_is_not_a_window() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        AdsStats(
            impressions=1,
            clicks=1,
            spend=Money(1, "USD"),
            orders=0,
            sales=Money(0, "USD"),
            attribution=7,  # type: ignore[arg-type]
        )
    assert caught.value.field == "attribution"


# -- AdsStats --------------------------------------------------------------------


def test_ads_kpis() -> None:
    stats = _stats()
    assert stats.ctr == Ratio(90, 4000)
    assert stats.cpc.round(RoundingMode.HALF_UP) == Money("0.70", "USD")
    assert stats.cpm.round(RoundingMode.HALF_UP) == Money("15.75", "USD")
    assert stats.cvr.value == Decimal("0.1")
    assert stats.acos.round_percent(1, RoundingMode.HALF_UP) == Decimal("24.8")
    assert stats.roas.round(2, RoundingMode.HALF_UP) == Decimal("4.03")
    assert stats.sales_per_click.round(RoundingMode.HALF_UP) == Money("2.82", "USD")
    assert stats.tacos(Money("630", "USD")).value == Decimal("0.1")


def test_kpis_snapshot_table() -> None:
    table = dict(_stats().kpis().table(RoundingMode.HALF_UP))
    assert table == {
        "CTR": "2.25%",
        "CPC": "0.70 USD",
        "CPM": "15.75 USD",
        "CVR": "10.00%",
        "ACOS": "24.80%",
        "ROAS": "4.03",
    }
    empty = dict(
        _stats(impressions=0, clicks=0, spend="0", orders=0, sales="0")
        .kpis()
        .table(RoundingMode.HALF_UP)
    )
    assert set(empty.values()) == {"undefined"}


def test_target_cpc_and_acos_gap() -> None:
    stats = _stats()
    assert stats.target_cpc("0.2").round(RoundingMode.DOWN) == Money("0.56", "USD")
    gap = stats.acos_gap("0.30")
    assert gap.allowed_spend == Money("76.2", "USD")
    assert gap.overspend == Money("-13.2", "USD")
    assert gap.within_limit
    assert not stats.acos_gap("0.20").within_limit
    with pytest.raises(InvalidInputError) as caught:
        stats.acos_gap("1.5")
    assert caught.value.field == "limit"
    with pytest.raises(InvalidInputError) as target:
        stats.target_cpc(-1)
    assert target.value.field == "target_acos"


def test_spend_without_sales_is_all_overspend_and_acos_is_undefined() -> None:
    stats = _stats(orders=0, sales="0")
    assert stats.acos.value is UNDEFINED
    assert stats.roas.value == 0
    assert stats.acos_gap("0.3").overspend == Money("63.00", "USD")


def test_stats_check_their_fields() -> None:
    with pytest.raises(InvalidInputError) as negative:
        _stats(clicks=-1)
    assert negative.value.field == "clicks"
    with pytest.raises(CurrencyMismatchError) as mixed:
        AdsStats(
            impressions=1,
            clicks=1,
            spend=Money(1, "USD"),
            orders=0,
            sales=Money(0, "EUR"),
            attribution=WEEK,
        )
    assert mixed.value.field == "sales"
    with pytest.raises(CurrencyMismatchError) as added:
        _stats() + _stats(currency="EUR")
    assert added.value.field == "other.spend"
    with pytest.raises(InvalidTypeError) as item:
        AdsStats.total([_stats(), "x"], currency="USD", attribution=WEEK)  # type: ignore[list-item]
    assert item.value.field == "stats[1]"
    assert _stats().__add__(3) is NotImplemented  # type: ignore[operator]


def test_zero_and_total() -> None:
    zero = AdsStats.zero(currency="USD", attribution=WEEK)
    assert zero + _stats() == _stats()
    assert AdsStats.total([], currency="USD", attribution=WEEK) == zero
    assert AdsStats.total([_stats(), _stats()], currency="USD", attribution=WEEK) == (
        _stats() + _stats()
    )


# -- properties ---------------------------------------------------------------------

stats_strategy = st.builds(
    lambda i, c, s, o, v: AdsStats(
        impressions=i, clicks=c, spend=s, orders=o, sales=v, attribution=WEEK
    ),
    st.integers(0, 10**7),
    st.integers(0, 10**6),
    xst.money_values(currency=st.just(USD), min_value=0, max_value=10**6),
    st.integers(0, 10**4),
    xst.money_values(currency=st.just(USD), min_value=0, max_value=10**7),
)


@given(stats_strategy)
def test_acos_times_roas_is_one_where_both_are_defined(stats: AdsStats) -> None:
    a, r = stats.acos.as_fraction(), stats.roas.as_fraction()
    if a is UNDEFINED or r is UNDEFINED:
        assert stats.spend.is_zero() or stats.sales.is_zero()
        return
    assert a * r == 1
    # and with the 34-digit decimals, to within their rounding
    av, rv = stats.acos.value, stats.roas.value
    assert av is not UNDEFINED
    assert rv is not UNDEFINED
    assert abs(av * rv - 1) < Decimal("1e-30")


@given(st.lists(stats_strategy, max_size=8))
def test_kpis_of_summed_stats_pool_the_parts(items: list[AdsStats]) -> None:
    total = AdsStats.total(items, currency="USD", attribution=WEEK)
    assert total.ctr == Ratio.pool(s.ctr for s in items)
    assert total.acos.as_fraction() == Ratio.pool(s.acos for s in items).as_fraction()
    clicks = sum(s.clicks for s in items)
    spend = sum((s.spend.amount for s in items), Decimal(0))
    expected = UNDEFINED if clicks == 0 else Fraction(spend) / clicks
    cost = total.cpc.value
    got = UNDEFINED if cost is UNDEFINED else Fraction(cost.amount)
    if expected is UNDEFINED:
        assert got is UNDEFINED
    else:
        assert isinstance(got, Fraction)
        assert abs(got - expected) <= Fraction(1, 10**25) * max(Fraction(1), expected)


@given(stats_strategy, stats_strategy, stats_strategy)
def test_adding_stats_is_associative_and_commutative(
    a: AdsStats, b: AdsStats, c: AdsStats
) -> None:
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
