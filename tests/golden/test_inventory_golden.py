"""Published worked examples, each recomputed, for xborder.inventory.

Sources:

* FOSCT: L. V. Snyder & Z.-J. M. Shen, *Fundamentals of Supply Chain
  Theory*, 2nd ed. (Wiley, 2019); the expected values are those of the book,
  as reproduced by stockpyl's doctests and instance file
  (``stockpyl/datasets/stockpyl_instances.json``, LarrySnyder/stockpyl).
* C&M: S. Chopra & P. Meindl, *Supply Chain Management: Strategy, Planning,
  and Operation*, chs. 11–12 (the B&M Office Supplies, Dell and Drugs Online
  examples; exercise 11-4, Hewlett Packard at Sam's Club, whose published
  solution spreadsheet prints σ_L = 212, CSL = 0.68, ESC = 43.86, fr = 0.96).
* C&T: G. Cachon & C. Terwiesch, *Matching Supply with Demand*, the O'Neill
  Hammer 3/2 wetsuit newsvendor.

Every expected value below is also recomputed here from the formula with
``statistics.NormalDist``, and the two must agree: a published number that
disagrees with its own formula (it happens) is noted, not trusted.
"""

from __future__ import annotations

import math
from decimal import Decimal
from statistics import NormalDist

import pytest

from xborder.inventory import (
    Demand,
    EmpiricalDemand,
    LeadTime,
    NewsvendorCosts,
    NormalDemand,
    PoissonDemand,
    PriceBreak,
    ServiceTarget,
    eoq,
    eoq_all_units_discount,
    evaluate_reorder_point,
    newsvendor,
    newsvendor_outcome,
    order_up_to_level,
    reorder_point,
    rq_policy,
    safety_stock,
    ss_policy,
)
from xborder.money import Money

N = NormalDist()


def usd(amount: str | int) -> Money:
    return Money(amount, "USD")


def near(actual: Decimal | None, expected: float, tolerance: float = 1e-7) -> bool:
    assert actual is not None
    return math.isclose(float(actual), expected, rel_tol=tolerance, abs_tol=tolerance)


# -- FOSCT chapter 3: EOQ --------------------------------------------------------------


def test_fosct_example_3_1_eoq() -> None:
    # K = 8, h = 0.225 per unit-year, λ = 1,300 a year: Q* = √(2Kλ/h), g* = √(2Kλh).
    result = eoq(
        Demand(mean=1300, period="1 year"),
        order_cost=usd(8),
        holding_cost=usd("0.225"),
        holding_period="1 year",
    )
    assert near(result.quantity, math.sqrt(2 * 8 * 1300 / 0.225))
    assert near(result.quantity, 304.0467800264368)
    assert near(result.total_cost.amount, 68.41052550594829)
    assert near(result.ordering_cost.amount, float(result.holding_cost.amount), 1e-10)


def test_fosct_problem_3_1_eoq() -> None:
    result = eoq(
        Demand(mean=182500, period="1 year"),
        order_cost=usd(2250),
        holding_cost=usd(275),
        holding_period="1 year",
    )
    assert near(result.quantity, 1728.1098449935514)
    assert near(result.total_cost.amount, 475230.20737322664)


def test_fosct_example_3_8_eoq_with_backorders_through_rq_without_variability() -> None:
    # Deterministic demand turns the (r, Q) loss-function model into the EOQ
    # with planned backorders: Q = √(2Kλ(h+p)/(hp)) = 310.81; the backorder
    # share is h/(h+p) = 0.04306, so r = μ_L − 0.04306·Q.
    policy = rq_policy(
        Demand(mean=1300, period="1 year"),
        LeadTime.single("1 month"),
        order_cost=usd(8),
        holding_cost=usd("0.225"),
        stockout_cost=usd(5),
        cost_period="1 year",
    )
    assert near(policy.order_quantity, 310.81255515896464)
    assert near(
        policy.reorder_point, 1300 / 12 - 0.0430622009569378 * 310.81255515896464
    )


# -- FOSCT chapter 4: newsvendor, base stock, (s, S) -----------------------------------


def test_fosct_examples_4_1_and_4_3_newsvendor_normal() -> None:
    # h = 0.18, p = 0.70, N(50, 8): α = p/(h+p), S* = μ + zσ, g* = (h+p)φ(z)σ.
    costs = NewsvendorCosts(overage=usd("0.18"), underage=usd("0.70"))
    result = newsvendor(NormalDemand(mean=50, sd=8), costs)
    z = N.inv_cdf(0.70 / 0.88)
    assert near(result.quantity, 50 + 8 * z, 1e-9)
    assert near(result.quantity, 56.60395592743389, 1e-9)
    assert near(result.outcome.expected_cost.amount, 0.88 * N.pdf(z) * 8, 1e-9)
    assert near(result.outcome.expected_cost.amount, 1.9976051931766445, 1e-9)


def test_fosct_example_4_1_cost_of_a_given_base_stock_level() -> None:
    costs = NewsvendorCosts(overage=usd("0.18"), underage=usd("0.70"))
    outcome = newsvendor_outcome(NormalDemand(mean=50, sd=8), costs, quantity=60)
    assert near(outcome.expected_cost.amount, 2.156131552870387, 1e-9)


def test_fosct_example_4_2_newsvendor_from_prices() -> None:
    # r = 1, c = 0.3, v = 0.12: C_u = 0.7, C_o = 0.18; π* = (r−c)μ − (r−v)φ(z)σ.
    costs = NewsvendorCosts.from_prices(
        price=usd(1), unit_cost=usd("0.3"), salvage_value=usd("0.12")
    )
    result = newsvendor(NormalDemand(mean=50, sd=8), costs)
    z = N.inv_cdf(0.7 / 0.88)
    assert near(result.quantity, 56.60395592743389, 1e-9)
    profit = result.outcome.expected_profit
    assert profit is not None
    assert near(profit.amount, 0.7 * 50 - 0.88 * N.pdf(z) * 8, 1e-9)
    assert near(profit.amount, 33.002394806823354, 1e-9)


def test_fosct_problem_4_1_newsvendor_normal() -> None:
    costs = NewsvendorCosts(overage=usd(43), underage=usd(79))
    result = newsvendor(NormalDemand(mean=900, sd=60), costs)
    assert near(result.quantity, 922.7214038234755, 1e-9)
    assert near(result.outcome.expected_cost.amount, 2718.196781782411, 1e-9)


def test_fosct_problem_4_3b_newsvendor_from_prices() -> None:
    costs = NewsvendorCosts.from_prices(
        price=usd(7), unit_cost=usd("2.5"), salvage_value=usd("1.5")
    )
    result = newsvendor(NormalDemand(mean=50, sd=10), costs)
    assert near(result.quantity, 59.084578685373856, 1e-9)
    assert result.outcome.expected_profit is not None
    assert near(result.outcome.expected_profit.amount, 210.47680825231475, 1e-9)


def test_fosct_example_4_7_newsvendor_poisson() -> None:
    # Poisson(6), h = 1, p = 4: the least S with F(S) >= 0.8 is 8, cost 3.5701.
    costs = NewsvendorCosts(overage=usd(1), underage=usd(4))
    result = newsvendor(PoissonDemand(mean=6), costs)
    assert result.quantity == 8
    assert near(result.outcome.expected_cost.amount, 3.5701069457709416, 1e-9)
    at_five = newsvendor_outcome(PoissonDemand(mean=6), costs, quantity=5)
    assert near(at_five.expected_cost.amount, 6.590296024616343, 1e-9)


def test_fosct_problem_4_7b_newsvendor_discrete_pmf() -> None:
    # h = 500,000, p = 1,000,000: CR = 2/3; the cdf is .25 .30 .40 .60 .75 ...
    pmf = {
        1: "0.25",
        2: "0.05",
        3: "0.1",
        4: "0.2",
        5: "0.15",
        6: "0.1",
        7: "0.1",
        8: "0.05",
    }
    costs = NewsvendorCosts(overage=usd(500000), underage=usd(1000000))
    result = newsvendor(EmpiricalDemand(weights=pmf), costs)
    assert result.quantity == 5
    assert result.outcome.in_stock_probability == Decimal("0.75")


def test_fosct_problem_4_8a_newsvendor_poisson() -> None:
    costs = NewsvendorCosts(overage=usd(200), underage=usd(270))
    result = newsvendor(PoissonDemand(mean=18), costs)
    assert result.quantity == 19
    assert near(result.outcome.expected_cost.amount, 786.0884409351079, 1e-9)


def test_fosct_example_4_4_base_stock_with_lead_time() -> None:
    # A base-stock level with lead time L periods protects L + 1 periods:
    # S = 5μ + zσ√5; as an order-up-to level with a one-day review and L = 4 days.
    target = ServiceTarget.cycle(Decimal("0.7") / Decimal("0.88"))
    level = order_up_to_level(
        Demand(mean=50, sd=8, period="1 day"),
        LeadTime.single("4 days"),
        target,
        review_period="1 day",
    )
    assert level.demand.interval_days == 5
    assert near(level.level, 250 + N.inv_cdf(0.7 / 0.88) * 8 * math.sqrt(5), 1e-9)
    assert near(level.level, 264.76689437415484, 1e-9)


def test_fosct_example_4_8_ss_power_approximation() -> None:
    policy = ss_policy(
        Demand(mean=50, sd=8, period="1 day"),
        LeadTime.single("0 days"),
        review_period="1 day",
        order_cost=usd("2.5"),
        holding_cost=usd("0.18"),
        stockout_cost=usd("0.70"),
    )
    q = 1.30 * 50**0.494 * (2.5 / 0.18) ** 0.506 * (1 + (8 / 50) ** 2) ** 0.116
    z = math.sqrt(q * 0.18 / (8 * 0.70))
    s = 0.973 * 50 + 8 * (0.183 / z + 1.063 - 2.192 * z)
    assert near(policy.reorder_point, s, 1e-9)
    assert near(policy.reorder_point, 40.19461695647407, 1e-9)
    assert near(policy.order_up_to, 74.29017010980579, 1e-9)


# -- FOSCT chapter 5: (r, Q) -----------------------------------------------------------


def _example_5_demand() -> Demand:
    # λ = 1,300 a year, τ = 150 a year; L = 1/12 year. With the year as the
    # period and the month a twelfth of it, σ_L = τ√(1/12) whatever the unit.
    return Demand(mean=1300, sd=150, period="1 year")


def test_fosct_example_5_5_eoq_plus_safety_stock() -> None:
    # r = μ_L + z_α σ_L with α = p/(p+h); Q = EOQ.
    alpha = Decimal("7.5") / Decimal("7.725")
    rop = reorder_point(
        _example_5_demand(), LeadTime.single("1 month"), ServiceTarget.cycle(alpha)
    )
    size = eoq(
        _example_5_demand(),
        order_cost=usd(8),
        holding_cost=usd("0.225"),
        holding_period="1 year",
    )
    assert near(rop.level, 1300 / 12 + N.inv_cdf(7.5 / 7.725) * 150 / math.sqrt(12))
    assert near(rop.level, 190.3369965715624)
    assert near(size.quantity, 304.0467800264368)


def test_fosct_example_5_6_loss_function_approximation() -> None:
    # stockpyl stops when r and Q move < 1e-6; xborder iterates to 1e-9.
    policy = rq_policy(
        _example_5_demand(),
        LeadTime.single("1 month"),
        order_cost=usd(8),
        holding_cost=usd("0.225"),
        stockout_cost=usd("7.5"),
        cost_period="1 year",
    )
    assert near(policy.reorder_point, 126.8670634479628, 1e-8)
    assert near(policy.order_quantity, 328.4491421980451, 1e-8)


# -- Chopra & Meindl, chapter 12: safety inventory -------------------------------------


def _bm_demand() -> Demand:
    # B&M Office Supplies: weekly demand N(2,500, 500), lead time 2 weeks.
    return Demand(mean=2500, sd=500, period="1 week")


def test_cm_bm_evaluating_csl_and_fill_rate_of_a_policy() -> None:
    # ROP 6,000, Q 10,000: ss = 6,000 − 5,000 = 1,000, σ_L = 500√2 = 707,
    # CSL = Φ(1,000/707) = 0.92, ESC = σ_L·L(1.414) = 25.13, fr = 0.9975.
    result = evaluate_reorder_point(
        _bm_demand(),
        LeadTime.single("2 weeks"),
        reorder_point=6000,
        order_quantity=10000,
    )
    sigma = 500 * math.sqrt(2)
    z = 1000 / sigma
    loss = N.pdf(z) - z * (1 - N.cdf(z))
    assert result.safety_stock == 1000
    assert near(result.demand.sd, sigma, 1e-11)
    assert near(result.cycle_service_level, N.cdf(z), 1e-10)
    assert round(result.cycle_service_level, 2) == Decimal("0.92")
    assert near(result.expected_shortage, sigma * loss, 1e-10)
    assert round(result.expected_shortage, 2) == Decimal("25.13")
    assert round(result.fill_rate or 0, 4) == Decimal("0.9975")


def test_cm_bm_safety_inventory_for_a_cycle_service_level() -> None:
    # CSL 0.90: ss = Φ⁻¹(0.9)·707 = 906.
    result = safety_stock(
        _bm_demand(), LeadTime.single("2 weeks"), ServiceTarget.cycle("0.9")
    )
    assert near(result.quantity, N.inv_cdf(0.9) * 500 * math.sqrt(2), 1e-10)
    assert round(result.quantity) == 906


def test_cm_bm_safety_inventory_for_a_fill_rate() -> None:
    # fr 0.975 with Q = 10,000: ESC = 250 = σ_L·L(z) gives ss = 67.
    result = safety_stock(
        _bm_demand(),
        LeadTime.single("2 weeks"),
        ServiceTarget.fill_rate("0.975"),
        order_quantity=10000,
    )
    assert round(result.quantity) == 67
    assert near(result.expected_shortage, 250, 1e-9)
    assert near(result.fill_rate, 0.975, 1e-10)


@pytest.mark.parametrize(
    ("sd_days", "sigma", "units"),
    [
        (7, 17550, 22491),
        (6, 15058, 19298),
        (5, 12570, 16109),
        (4, 10087, 12927),
        (3, 7616, 9760),
        (2, 5172, 6628),
        (1, 2828, 3625),
        (0, 1323, 1695),
    ],
)
def test_cm_dell_safety_inventory_with_lead_time_uncertainty(
    sd_days: int, sigma: int, units: int
) -> None:
    # Daily demand N(2,500, 500), lead time 7 days ± s_L, CSL 0.90:
    # σ_L = √(L·σ_D² + D²·s_L²); the table rounds σ_L and ss to units.
    result = safety_stock(
        Demand(mean=2500, sd=500, period="1 day"),
        LeadTime.single("7 days", f"{sd_days} days"),
        ServiceTarget.cycle("0.90"),
    )
    exact = math.sqrt(7 * 500**2 + 2500**2 * sd_days**2)
    assert near(result.demand.sd, exact, 1e-11)
    assert round(result.demand.sd) == sigma
    assert round(result.quantity) == units
    assert result.units == math.ceil(N.inv_cdf(0.9) * exact)


def test_cm_exercise_11_4_hewlett_packard_cycle_service_vs_fill_rate() -> None:
    result = evaluate_reorder_point(
        Demand(mean=250, sd=150, period="1 week"),
        LeadTime.single("2 weeks"),
        reorder_point=600,
        order_quantity=1000,
    )
    assert result.safety_stock == 100
    assert round(result.demand.sd) == 212
    assert round(result.cycle_service_level, 2) == Decimal("0.68")
    assert round(result.expected_shortage, 2) == Decimal("43.86")
    assert round(result.fill_rate or 0, 2) == Decimal("0.96")


def test_cm_drugs_online_all_units_discount() -> None:
    # 10,000 bottles a month, K = $100, 20 % a year, $3.00 / $2.96 from 5,000 /
    # $2.92 from 10,000: the $2.96 EOQ (6,367) costs $358,969 a year; ordering
    # 10,000 at $2.92 costs 350,400 + 1,200 + 2,920 = $354,520 and wins.
    result = eoq_all_units_discount(
        Demand(mean=10000, period="1 month"),
        order_cost=usd(100),
        holding_rate="0.2",
        holding_period="1 year",
        price_breaks=[
            PriceBreak(min_quantity=0, unit_cost=usd("3.00")),
            PriceBreak(min_quantity=5000, unit_cost=usd("2.96")),
            PriceBreak(min_quantity=10000, unit_cost=usd("2.92")),
        ],
    )
    assert result.quantity == 10000
    assert result.unit_cost == usd("2.92")
    assert result.best.total_cost.amount == 354520
    middle = result.candidates[0]
    assert round(middle.quantity) == 6367
    assert round(middle.total_cost.amount) == 358969


def test_stockpyl_all_units_discount_example() -> None:
    # stockpyl's economic_order_quantity_with_all_units_discounts doctest:
    # K = 200, i = 0.2, λ = 1,000, breaks 0/200/500 at 500/475/450 → (500, 472,900).
    result = eoq_all_units_discount(
        Demand(mean=1000, period="1 year"),
        order_cost=usd(200),
        holding_rate="0.2",
        holding_period="1 year",
        price_breaks=[
            PriceBreak(min_quantity=0, unit_cost=usd(500)),
            PriceBreak(min_quantity=200, unit_cost=usd(475)),
            PriceBreak(min_quantity=500, unit_cost=usd(450)),
        ],
    )
    assert result.quantity == 500
    assert result.best.total_cost.amount == 472900


# -- Cachon & Terwiesch: the O'Neill Hammer 3/2 ----------------------------------------


def test_ct_oneill_hammer_newsvendor() -> None:
    # Price $180, cost $110, end-of-season price $90, demand N(3,192, 1,181):
    # C_u = 70, C_o = 20, CR = 0.7778. The book reads z = 0.77 from its table
    # (the first z whose Φ exceeds the ratio) and orders 3,192 + 0.77·1,181 =
    # 4,101; the exact z is 0.7647, so the exact quantity is 4,095.
    costs = NewsvendorCosts.from_prices(
        price=usd(180), unit_cost=usd(110), salvage_value=usd(90)
    )
    result = newsvendor(NormalDemand(mean=3192, sd=1181), costs)
    assert round(result.critical_ratio, 4) == Decimal("0.7778")
    assert result.z is not None
    assert math.ceil(float(result.z) * 100) / 100 == 0.77
    assert near(result.quantity, 3192 + N.inv_cdf(7 / 9) * 1181, 1e-10)
    assert result.units == 4096


# -- Practitioner examples recomputed --------------------------------------------------


def test_inventorize_lead_time_variability_example_recomputed() -> None:
    # inventorize's reorderpoint_leadtime_variability(50, 5, 6, 2, 0.90) returns
    # σ 71.78 and ROP 391.99 because `^` is XOR in Python; the formula gives
    # σ = √(6·25 + 50²·4) = 100.75 and ROP = 300 + 1.2816·100.75 = 429.11.
    rop = reorder_point(
        Demand(mean=50, sd=5, period="1 day"),
        LeadTime.single("6 days", "2 days"),
        ServiceTarget.cycle("0.90"),
    )
    assert round(rop.demand.sd, 2) == Decimal("100.75")
    assert round(rop.level, 2) == Decimal("429.11")


def test_calculator_page_example_recomputed() -> None:
    # A calculator page's "Example 3" (d = 30 ± 6 a day, L = 7 ± 1.5 days,
    # z = 1.28) prints ROP 274.6; its own formula gives 210 + 1.28·√2,277 =
    # 271.08. With the exact z for 90 % the level is 271.15.
    result = reorder_point(
        Demand(mean=30, sd=6, period="1 day"),
        LeadTime.single("7 days", "1.5 days"),
        ServiceTarget.cycle("0.9"),
    )
    assert result.demand.variance == 2277
    assert round(210 + Decimal("1.28") * result.demand.sd, 2) == Decimal("271.08")
    assert round(result.level, 2) == Decimal("271.15")
