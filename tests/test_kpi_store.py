from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.kpi import (
    UNDEFINED,
    FunnelStats,
    InventoryPeriod,
    Ratio,
    ReviewStats,
    wilson_interval,
)
from xborder.kpi._normal import normal_cdf, z_for_confidence
from xborder.money import Currency, Money, RoundingMode
from xborder.testing import strategies as xst

USD = Currency("USD")


def funnel(**change: object) -> FunnelStats:
    fields: dict[str, object] = {
        "impressions": 20000,
        "sessions": 800,
        "add_to_carts": 96,
        "orders": 40,
        "units": 46,
        "revenue": Money("1035.00", "USD"),
        "refunds": Money("45.00", "USD"),
        "units_returned": 2,
    }
    fields.update(change)
    return FunnelStats(**fields)  # type: ignore[arg-type]


# -- funnel ------------------------------------------------------------------------


def test_funnel_kpis() -> None:
    week = funnel()
    assert week.ctr == Ratio(800, 20000)
    assert week.add_to_cart_rate.value == Decimal("0.12")
    assert week.cvr.value == Decimal("0.05")
    assert week.unit_session_percentage.value == Decimal("0.0575")
    assert week.aov.round(RoundingMode.HALF_UP) == Money("25.88", "USD")
    assert week.units_per_order.value == Decimal("1.15")
    assert week.net_revenue == Money("990.00", "USD")
    assert week.refund_rate.round_percent(2, RoundingMode.HALF_UP) == Decimal("4.35")
    assert week.return_rate.round_percent(2, RoundingMode.HALF_UP) == Decimal("4.35")


def test_an_empty_funnel_is_undefined_everywhere_it_divides() -> None:
    empty = funnel(
        impressions=0,
        sessions=0,
        add_to_carts=0,
        orders=0,
        units=0,
        revenue=Money(0, "USD"),
        refunds=Money(0, "USD"),
        units_returned=0,
    )
    for ratio in (
        empty.ctr,
        empty.add_to_cart_rate,
        empty.cvr,
        empty.unit_session_percentage,
        empty.units_per_order,
        empty.refund_rate,
        empty.return_rate,
    ):
        assert ratio.value is UNDEFINED
    assert empty.aov.value is UNDEFINED


def test_funnels_add_up() -> None:
    double = funnel() + funnel()
    assert double.orders == 80
    assert double.refunds == Money("90.00", "USD")
    assert double.cvr == Ratio.pool([funnel().cvr, funnel().cvr])
    assert funnel().__add__(1) is NotImplemented  # type: ignore[operator]
    with pytest.raises(CurrencyMismatchError) as caught:
        funnel() + funnel(revenue=Money(1, "EUR"), refunds=Money(0, "EUR"))
    assert caught.value.field == "other.revenue"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sessions": -1}, "sessions"),
        ({"units": 2.0}, "units"),
        ({"refunds": Money(1, "EUR")}, "refunds"),
        ({"revenue": Money(-1, "USD")}, "revenue"),
        ({"units_returned": None}, "units_returned"),
    ],
)
def test_funnel_fields_are_checked(change: dict[str, object], field: str) -> None:
    with pytest.raises((InvalidInputError, CurrencyMismatchError)) as caught:
        funnel(**change)
    assert caught.value.field == field


@given(xst.funnel_stats(currency=st.just(USD)), xst.funnel_stats(currency=st.just(USD)))
def test_funnel_kpis_of_a_sum_pool_the_parts(a: FunnelStats, b: FunnelStats) -> None:
    total = a + b
    for name in ("ctr", "add_to_cart_rate", "cvr", "return_rate", "refund_rate"):
        assert getattr(total, name).as_fraction() == (
            getattr(a, name).pooled_with(getattr(b, name)).as_fraction()
        )


# -- reviews and Wilson -------------------------------------------------------------


def test_from_stars_counts_positive_ratings() -> None:
    reviews = ReviewStats.from_stars({5: 30, 4: 8, 3: 2, 2: 1, 1: 3})
    assert (reviews.positive, reviews.total) == (38, 44)
    strict = ReviewStats.from_stars({5: 30, 4: 8, 3: 2}, positive_from=5)
    assert strict.positive_rate == Ratio(30, 40)
    assert ReviewStats.from_stars({}).lower_bound() is UNDEFINED


def test_review_counts_are_checked() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ReviewStats(positive=5, total=4)
    assert caught.value.field == "positive"
    with pytest.raises(InvalidInputError) as star:
        ReviewStats.from_stars({6: 1})
    assert star.value.field == "counts[6]"
    with pytest.raises(InvalidInputError) as count:
        ReviewStats.from_stars({5: -1})
    assert count.value.field == "counts[5]"
    with pytest.raises(InvalidTypeError) as mapping:
        ReviewStats.from_stars([5, 4])  # type: ignore[arg-type]
    assert mapping.value.field == "counts"


def test_small_samples_rank_below_large_ones() -> None:
    # 5 of 5 looks perfect; 95 of 100 is the better bet.
    few = ReviewStats(positive=5, total=5).lower_bound()
    many = ReviewStats(positive=95, total=100).lower_bound()
    assert few is not UNDEFINED
    assert many is not UNDEFINED
    assert few < many


def test_wilson_interval_edges() -> None:
    none = wilson_interval(0, 10)
    assert none.lower == 0
    assert none.observed == Ratio(0, 10)
    all_ = wilson_interval(10, 10)
    assert all_.upper == 1
    assert wilson_interval(0, 0).upper is UNDEFINED
    assert wilson_interval(3, 10, z="1.96").z == Decimal("1.96")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: wilson_interval(3, 2), "successes"),
        (lambda: wilson_interval(-1, 2), "successes"),
        (lambda: wilson_interval(1, 2.0), "trials"),  # type: ignore[arg-type]
        (lambda: wilson_interval(1, 2, confidence=1), "confidence"),
        (lambda: wilson_interval(1, 2, confidence=0.95), "confidence"),  # type: ignore[arg-type]
        (lambda: wilson_interval(1, 2, z=0), "z"),
        (lambda: wilson_interval(1, 2, z="x"), "z"),
    ],
)
def test_wilson_arguments_are_checked(call: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field


@given(
    st.integers(0, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
)
def test_wilson_bounds_bracket_the_observed_rate(pair: tuple[int, int]) -> None:
    k, n = pair
    interval = wilson_interval(k, n)
    if n == 0:
        assert interval.lower is UNDEFINED
        return
    lower, upper = interval.lower, interval.upper
    assert lower is not UNDEFINED
    assert upper is not UNDEFINED
    assert 0 <= lower <= Fraction(k, n) <= upper <= 1


@given(
    st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n - 1), st.just(n)))
)
def test_one_more_positive_never_lowers_the_bound(pair: tuple[int, int]) -> None:
    k, n = pair
    worse, better = wilson_interval(k, n).lower, wilson_interval(k + 1, n).lower
    assert worse is not UNDEFINED
    assert better is not UNDEFINED
    assert worse <= better


def test_normal_quantiles_match_published_values() -> None:
    # Abramowitz & Stegun table 26.5 / NIST: z(0.975) = 1.959963984540054...
    assert str(z_for_confidence(Decimal("0.95")))[:18] == "1.9599639845400542"
    assert str(z_for_confidence(Decimal("0.99")))[:16] == "2.57582930354890"
    assert str(z_for_confidence(Decimal("0.9")))[:16] == "1.64485362695147"
    assert abs(normal_cdf(Decimal(0)) - Decimal("0.5")) < Decimal("1e-50")


# -- inventory ----------------------------------------------------------------------


def quarter(**change: object) -> InventoryPeriod:
    fields: dict[str, object] = {
        "days": 90,
        "opening_units": 400,
        "received_units": 600,
        "sold_units": 700,
        "revenue": Money("17500", "USD"),
        "cogs": Money("5250", "USD"),
        "inventory_at_cost": (Money("3000", "USD"), Money("2250", "USD")),
    }
    fields.update(change)
    return InventoryPeriod(**fields)  # type: ignore[arg-type]


def test_inventory_kpis() -> None:
    period = quarter()
    assert period.sell_through.value == Decimal("0.7")
    assert period.average_inventory == Money("2625", "USD")
    assert period.turnover.value == 2
    assert period.days_of_inventory.value == 45
    assert period.gross_margin == Money("12250", "USD")
    assert period.gmroi.round(2, RoundingMode.HALF_UP) == Decimal("4.67")


def test_more_snapshots_give_a_truer_average() -> None:
    period = quarter(
        inventory_at_cost=[Money(3000, "USD"), Money(1500, "USD"), Money(2250, "USD")]
    )
    assert period.average_inventory == Money(2250, "USD")
    assert period.turnover.round(4, RoundingMode.HALF_UP) == Decimal("2.3333")


def test_no_cogs_or_no_stock_is_undefined() -> None:
    idle = quarter(sold_units=0, revenue=Money(0, "USD"), cogs=Money(0, "USD"))
    assert idle.days_of_inventory.value is UNDEFINED
    assert idle.turnover.value == 0
    empty = quarter(
        opening_units=0,
        received_units=0,
        sold_units=0,
        inventory_at_cost=[Money(0, "USD")],
    )
    assert empty.sell_through.value is UNDEFINED
    assert empty.turnover.value is UNDEFINED
    assert empty.gmroi.value is UNDEFINED


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"sold_units": 1001}, "sold_units", InvalidInputError),
        ({"days": 0}, "days", InvalidInputError),
        ({"inventory_at_cost": []}, "inventory_at_cost", InvalidInputError),
        (
            {"inventory_at_cost": [Money(1, "USD"), Money(-1, "USD")]},
            "inventory_at_cost[1]",
            InvalidInputError,
        ),
        (
            {"inventory_at_cost": [Money(1, "USD"), Money(1, "EUR")]},
            "inventory_at_cost[1]",
            CurrencyMismatchError,
        ),
        (
            {"inventory_at_cost": [Money(1, "EUR")]},
            "inventory_at_cost",
            CurrencyMismatchError,
        ),
        ({"inventory_at_cost": [1000]}, "inventory_at_cost[0]", InvalidTypeError),
        ({"cogs": Money(1, "EUR")}, "cogs", CurrencyMismatchError),
    ],
)
def test_inventory_fields_are_checked(
    change: dict[str, object], field: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        quarter(**change)
    assert caught.value.field == field  # type: ignore[attr-defined]


@given(xst.inventory_periods())
def test_turnover_times_days_of_inventory_is_the_period(
    period: InventoryPeriod,
) -> None:
    turnover, days = (
        period.turnover.as_fraction(),
        period.days_of_inventory.as_fraction(),
    )
    if turnover is UNDEFINED or days is UNDEFINED or turnover == 0:
        return
    assert abs(turnover * days - period.days) < Fraction(1, 10**20)
    sold = period.sell_through.as_fraction()
    assert sold is UNDEFINED or 0 <= sold <= 1
