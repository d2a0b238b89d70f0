"""Published worked examples for the KPI module, recomputed.

Each case cites where the numbers were published. The arithmetic is
recomputed here before it is trusted (published examples are sometimes
rounded or wrong; where they are, the comment says so).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xborder.kpi import (
    AMAZON_US_ACCOUNT_HEALTH,
    UNDEFINED,
    AdsStats,
    AttributionWindow,
    HealthMetric,
    InventoryPeriod,
    Ratio,
    acos,
    check_health,
    ltv_to_cac,
    roas,
    simple_ltv,
    thresholds_in_force,
    wilson_interval,
)
from xborder.money import Money, RoundingMode

HALF_UP = RoundingMode.HALF_UP
WEEK = AttributionWindow(click_days=7)


# -- ACOS and ROAS ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spend", "sales", "acos_percent", "roas_value", "source"),
    [
        # merchjar.com/acos-to-roas-calculator: "$100 to generate $500 ... ACoS
        # 20% ... ROAS 5"
        ("100", "500", "20", "5", "Merch Jar"),
        # wiki.amazowl.com/sop/amazon-advertising/acos (Amazon's wording): "$2 on
        # advertising and those ads resulted in sales of $20, your ACOS would be 10%"
        ("2", "20", "10", "10", "Amazon via amazowl"),
        # calculator.7search.cc/calc/acos-calculator.php: 500 / 2000 x 100 = 25%
        ("500", "2000", "25", "4", "7search ACOS calculator"),
        # amplivus.com/blogpost/roas-acos-smart-advertising: "$50 on ads and earned
        # $200 ... ($50 / $200) x 100 = 25%"; and "$500 ... $2,500 ... 5X"
        ("50", "200", "25", "4", "Amplivus ACoS"),
        ("500", "2500", "20", "5", "Amplivus ROAS"),
        # countingonsales.com and convertcart.com glossaries: $20 for a $50 sale = 40%
        ("20", "50", "40", "2.5", "Counting on Sales / ConvertCart"),
        # research notes §4.1: inbzns.com 50 / 100 → 50%, ROAS 2; Witz Group
        # 100 / 500 = 20%; Sellics 2 / 10 = 20%
        ("50", "100", "50", "2", "inbzns"),
        ("2", "10", "20", "5", "Sellics"),
    ],
)
def test_published_acos_and_roas(
    spend: str, sales: str, acos_percent: str, roas_value: str, source: str
) -> None:
    del source  # named in the parameters so a failure says whose example broke
    a = acos(spend=Money(spend, "USD"), sales=Money(sales, "USD"))
    r = roas(sales=Money(sales, "USD"), spend=Money(spend, "USD"))
    assert a.percent == Decimal(acos_percent)
    assert r.value == Decimal(roas_value)
    fa, fr = a.as_fraction(), r.as_fraction()
    assert fa is not UNDEFINED
    assert fr is not UNDEFINED
    assert fa * fr == 1


def test_sellics_acos_published_rounded() -> None:
    # Research notes §4.1: Sellics shows 63 / 254 and prints "25%"; the exact
    # figure is 24.80...%, which rounds to 25% only at zero decimals.
    a = acos(spend=Money("63", "USD"), sales=Money("254", "USD"))
    assert a.round_percent(0, HALF_UP) == 25
    assert a.round_percent(1, HALF_UP) == Decimal("24.8")


def test_diligent_roas_four_is_acos_quarter() -> None:
    # diligent.biz/glossary/acos: "a 4x ROAS is a 25% ACoS"
    assert Ratio(4, 1).inverse().percent == 25


@pytest.mark.parametrize(
    ("revenue", "spend", "target", "overspend"),
    [
        # help.sellics.com "Overspend & Underspend", example 1: revenue $100,
        # spend $20, ACOS 20%, target 15% → $15 allowed, $5 overspent
        ("100", "20", "0.15", "5"),
        # example 2: revenue $1000, spend $100, ACOS 10%, target 5% → $50
        ("1000", "100", "0.05", "50"),
    ],
)
def test_sellics_overspend(
    revenue: str, spend: str, target: str, overspend: str
) -> None:
    stats = AdsStats(
        impressions=0,
        clicks=0,
        spend=Money(spend, "USD"),
        orders=1,
        sales=Money(revenue, "USD"),
        attribution=WEEK,
    )
    gap = stats.acos_gap(target)
    assert gap.overspend == Money(overspend, "USD")
    assert gap.allowed_spend == Money(revenue, "USD") * Decimal(target)


def test_counting_on_sales_break_even_acos() -> None:
    # countingonsales.com: price $25, COGS 4.10 + shipping 1.20 + FBA 7.70 leave
    # $12, so break-even ACoS is 12 / 25 = 48%. (Pricing computes that figure;
    # the KPI module takes it as an input.) Their $20 on a $50 sale is 40% ACoS:
    # within it, and the ads made 50 x 48% - 20 = $4.
    break_even = (
        Decimal(25 - (Decimal("4.10") + Decimal("1.20") + Decimal("7.70"))) / 25
    )
    assert break_even == Decimal("0.48")
    stats = AdsStats(
        impressions=1,
        clicks=1,
        spend=Money("20", "USD"),
        orders=1,
        sales=Money("50", "USD"),
        attribution=WEEK,
    )
    gap = stats.acos_gap(break_even)
    assert gap.within_limit
    assert -gap.overspend == Money("4.00", "USD")


# -- small samples -------------------------------------------------------------


def test_wilson_score_interval_forty_of_a_hundred() -> None:
    # The wilson-score-interval package's README example (quoted in the
    # Nemotron-CC-Math dataset): 40 of 100 → left 0.3093997461136029,
    # right 0.4979992153815976, with z = 1.96. Recomputed in Decimal; the
    # published digits are doubles, so they agree to about 15 places.
    interval = wilson_interval(40, 100, z="1.96")
    lower, upper = interval.lower, interval.upper
    assert lower is not UNDEFINED
    assert upper is not UNDEFINED
    assert abs(lower - Decimal("0.3093997461136029")) < Decimal("1e-15")
    assert abs(upper - Decimal("0.4979992153815976")) < Decimal("1e-15")
    # With the exact 95% quantile (1.95996...) the bounds move by about 1e-5.
    exact = wilson_interval(40, 100).lower
    assert exact is not UNDEFINED
    assert exact.quantize(Decimal("0.0001")) == Decimal("0.3094")


# -- account health ------------------------------------------------------------

DAY = dt.date(2026, 6, 1)


def test_channelbloom_one_cancellation_in_forty() -> None:
    # help.channelbloom.com: cancellation rate "under 2.5%" over 7 days; "in a
    # 7-day period you can only cancel 1 out of 40 orders". 1 / 40 is exactly
    # 2.5%, which is not under 2.5%: that one cancellation is the breach.
    (cancel,) = thresholds_in_force(
        AMAZON_US_ACCOUNT_HEALTH, as_of=DAY, metric=HealthMetric.CANCELLATION_RATE
    )
    assert check_health(cancel, orders=40, defects=0, as_of=DAY).defects_to_breach == 1
    status = check_health(cancel, orders=40, defects=1, as_of=DAY)
    assert status.rate.percent == Decimal("2.5")
    assert status.compliant is False


def test_amazon_valid_tracking_example() -> None:
    # sellercentral-europe help 201817070: "confirmed delivery for 200 packages,
    # and 190 of those packages had a valid tracking number, your Valid Tracking
    # Rate would be 95% (190 / 200 = .95 or 95%)"
    (vtr,) = thresholds_in_force(
        AMAZON_US_ACCOUNT_HEALTH, as_of=DAY, metric=HealthMetric.VALID_TRACKING_RATE
    )
    status = check_health(vtr, orders=200, defects=10, as_of=DAY)
    assert status.rate.value == Decimal("0.95")
    assert status.compliant is True


def test_amazon_india_total_late_dispatch_example() -> None:
    # sellercentral.amazon.in help W8RLCYLPJVUSKD5: 5 late of 100 orders is 5%;
    # 25 of 100 ES/MFN orders is 25%.
    assert Ratio(5, 100).percent == 5
    assert Ratio(25, 100).percent == 25


# -- lifetime value ------------------------------------------------------------


def test_ecommerceguide_ltv() -> None:
    # ecommerceguide.com/tools/ltv-calculator: AOV $85, 4 orders a year, 55%
    # margin, 3 years → gross $1,020, net $561; $50 CAC → 11.22x
    ltv = simple_ltv(
        average_order_value=Money("85", "USD"),
        orders_per_period=4,
        gross_margin="0.55",
        lifespan_periods=3,
    )
    assert ltv.revenue == Money("1020", "USD")
    assert ltv.value == Money("561", "USD")
    assert ltv_to_cac(ltv=ltv.value, cac=Money(50, "USD")).value == Decimal("11.22")


def test_bizcalctools_fitbox_ltv_with_churn() -> None:
    # bizcalctools.com/marketing/ltv-calculator, "FitBox": $49 a month, 12 a
    # year, 40% annual churn = 2.5 years, 55% margin → $1,470 revenue,
    # $808.50 profit; $210 CAC → 3.85:1. At 30% churn "LTV:CAC rises to 5.1:1":
    # 588 / 0.3 x 0.55 = 1078, / 210 = 5.13.
    ltv = simple_ltv(
        average_order_value=Money("49", "USD"),
        orders_per_period=12,
        gross_margin="0.55",
        churn_rate="0.4",
    )
    assert ltv.lifespan_periods == Decimal("2.5")
    assert ltv.revenue == Money("1470", "USD")
    assert ltv.value == Money("808.50", "USD")
    ratio = ltv_to_cac(ltv=ltv.value, cac=Money("210", "USD"))
    assert ratio.round(2, HALF_UP) == Decimal("3.85")
    lower_churn = simple_ltv(
        average_order_value=Money("49", "USD"),
        orders_per_period=12,
        gross_margin="0.55",
        churn_rate="0.3",
    )
    assert lower_churn.value.quantize(HALF_UP) == Money("1078.00", "USD")
    better = ltv_to_cac(ltv=lower_churn.value, cac=Money("210", "USD"))
    assert better.round(1, HALF_UP) == Decimal("5.1")


def test_trustprofit_and_superglobal_ltv() -> None:
    # trustprofit.io/tools/ltv-calculator: $60 x 3/yr x 2 yrs x 50% = $180
    assert simple_ltv(
        average_order_value=Money(60, "USD"),
        orders_per_period=3,
        gross_margin="0.5",
        lifespan_periods=2,
    ).value == Money(180, "USD")
    # superglobalcalculator.com LTV: $45 x 12 x 2.5 = $1,350; x 60% = $810
    box = simple_ltv(
        average_order_value=Money(45, "USD"),
        orders_per_period=12,
        gross_margin="0.6",
        lifespan_periods="2.5",
    )
    assert box.revenue == Money(1350, "USD")
    assert box.value == Money(810, "USD")


# -- inventory -----------------------------------------------------------------


def test_gauthmath_gmroi_and_turnover() -> None:
    # gauthmath.com: annual sales $40,000, average inventory at cost $6,000,
    # gross margin 45% → margin $18,000, GMROI 3; COGS $22,000, turnover 3.67.
    year = InventoryPeriod(
        days=365,
        opening_units=1000,
        received_units=0,
        sold_units=0,
        revenue=Money(40000, "USD"),
        cogs=Money(22000, "USD"),
        inventory_at_cost=[Money(6000, "USD")],
    )
    assert year.gross_margin == Money(18000, "USD")
    assert year.gmroi.value == 3
    assert year.turnover.round(2, HALF_UP) == Decimal("3.67")


def test_threebuckets_cost_turnover() -> None:
    # threebuckets.com "Inventory Turnover: Retail, Cost, or Unit?": COGS
    # $1,200,000 over average inventory at cost $220,000 "= 5.5"; exactly
    # 5.4545..., so 5.5 at one decimal.
    year = InventoryPeriod(
        days=365,
        opening_units=30000,
        received_units=150000,
        sold_units=180000,
        revenue=Money(2000000, "USD"),
        cogs=Money(1200000, "USD"),
        inventory_at_cost=[Money(220000, "USD")],
    )
    assert year.turnover.round(1, HALF_UP) == Decimal("5.5")
    assert year.turnover.round(4, HALF_UP) == Decimal("5.4545")
