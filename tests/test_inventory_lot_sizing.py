"""EOQ cost at any Q, planned backorders, EPQ and incremental discounts."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder._exact import DIVISION
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.inventory import (
    Demand,
    OrderQuantityRule,
    PriceBreak,
    eoq,
    eoq_cost,
    eoq_incremental_discount,
    eoq_with_backorders,
    epq,
)
from xborder.money import Money, RoundingMode

YEAR = "1 year"


def usd(amount: Decimal | int | str) -> Money:
    return Money(amount, "USD")


def per_year(mean: Decimal | int | str) -> Demand:
    return Demand(mean=mean, period=YEAR)


def cents(money: Money) -> str:
    return str(money.quantize(RoundingMode.HALF_UP))


# -- golden cases ----------------------------------------------------------------------


def test_eoq_with_backorders_snyder_shen_example_3_8() -> None:
    # Snyder & Shen, Fundamentals of Supply Chain Theory (2nd ed.), Example 3.8:
    # K = 8, h = 0.225, p = 5, λ = 1300: Q* = 310.81, x* = 0.0431, g* = 66.92.
    plan = eoq_with_backorders(
        per_year(1300),
        order_cost=usd(8),
        holding_cost=usd("0.225"),
        stockout_cost=usd(5),
        holding_period=YEAR,
    )
    assert round(plan.quantity, 2) == Decimal("310.81")
    assert round(plan.shortage_fraction, 4) == Decimal("0.0431")
    assert cents(plan.cost.total_cost) == "66.92 USD"
    # Recomputed: g* = √(2Kλhp/(h + p)).
    exact = math.sqrt(2 * 8 * 1300 * 0.225 * 5 / 5.225)
    assert math.isclose(float(plan.cost.total_cost.amount), exact, rel_tol=1e-11)


def test_epq_snyder_shen_problem_3_22() -> None:
    # Snyder & Shen, Problem 3.22: K = 4, h = 0.08, λ = 80, μ = 110; the
    # answer recomputed from eq. 3.31, Q* = √(2Kλ/(h(1 − λ/μ))).
    lot = epq(
        per_year(80),
        production_rate=110,
        production_period=YEAR,
        order_cost=usd(4),
        holding_cost=usd("0.08"),
        holding_period=YEAR,
    )
    rho = 80 / 110
    quantity = math.sqrt(2 * 4 * 80 / (0.08 * (1 - rho)))
    assert math.isclose(float(lot.quantity), quantity, rel_tol=1e-11)
    assert math.isclose(
        float(lot.cost.total_cost.amount),
        math.sqrt(2 * 4 * 80 * 0.08 * (1 - rho)),
        rel_tol=1e-11,
    )
    assert lot.units == math.ceil(quantity)


def test_incremental_discount_documented_example() -> None:
    # stockpyl's documented example of incremental discounts (the setting of
    # Snyder & Shen, §3.6.2): K = 150, i = 0.25, λ = 2400, $100 below 300,
    # $90 from 300, $80 from 600: Q* = 1481.89 in the last range, g = 222,762.81.
    plan = eoq_incremental_discount(
        per_year(2400),
        order_cost=usd(150),
        holding_rate="0.25",
        holding_period=YEAR,
        price_breaks=[
            PriceBreak(min_quantity=0, unit_cost=usd(100)),
            PriceBreak(min_quantity=300, unit_cost=usd(90)),
            PriceBreak(min_quantity=600, unit_cost=usd(80)),
        ],
    )
    assert round(plan.quantity, 2) == Decimal("1481.89")
    assert plan.unit_cost == usd(80)
    assert cents(plan.best.total_cost) == "222762.81 USD"
    # Recomputed: c̄₂ = 100·300 + 90·300 − 80·600 = 9,000.
    offset = 100 * 300 + 90 * 300 - 80 * 600
    quantity = math.sqrt(2 * (150 + offset) * 2400 / (0.25 * 80))
    assert math.isclose(float(plan.quantity), quantity, rel_tol=1e-11)


def test_eoq_cost_at_the_eoq_is_the_eoqs_cost() -> None:
    # Snyder & Shen, Example 3.1: at Q* both ways give g* = √(2Kλh) = 68.41.
    demand = per_year(1300)
    best = eoq(
        demand, order_cost=usd(8), holding_cost=usd("0.225"), holding_period=YEAR
    )
    cost = eoq_cost(
        demand,
        order_quantity=best.quantity,
        order_cost=usd(8),
        holding_cost=usd("0.225"),
        holding_period=YEAR,
    )
    assert cost.total_cost == best.total_cost
    assert cents(cost.total_cost) == "68.41 USD"


# -- laws ------------------------------------------------------------------------------

amounts = st.decimals(Decimal("0.5"), Decimal(10_000), places=2)


@settings(max_examples=100)
@given(
    demand=amounts,
    setup=amounts,
    holding=amounts,
    factor=st.decimals(Decimal("0.2"), Decimal(5), places=2),
)
def test_the_eoq_is_cheapest(
    demand: Decimal, setup: Decimal, holding: Decimal, factor: Decimal
) -> None:
    forecast = per_year(demand)
    best = eoq(
        forecast, order_cost=usd(setup), holding_cost=usd(holding), holding_period=YEAR
    )
    other = eoq_cost(
        forecast,
        order_quantity=best.quantity * factor,
        order_cost=usd(setup),
        holding_cost=usd(holding),
        holding_period=YEAR,
    )
    # g(Q) is convex with its minimum at Q*; Q* carries 12 digits.
    assert other.total_cost.amount >= best.total_cost.amount * (1 - Decimal("1E-11"))


@settings(max_examples=100)
@given(demand=amounts, setup=amounts, holding=amounts, stockout=amounts)
def test_backorders_never_cost_more_than_the_eoq(
    demand: Decimal, setup: Decimal, holding: Decimal, stockout: Decimal
) -> None:
    forecast = per_year(demand)
    plain = eoq(
        forecast, order_cost=usd(setup), holding_cost=usd(holding), holding_period=YEAR
    )
    plan = eoq_with_backorders(
        forecast,
        order_cost=usd(setup),
        holding_cost=usd(holding),
        stockout_cost=usd(stockout),
        holding_period=YEAR,
    )
    assert plan.quantity >= plain.quantity * (1 - Decimal("1E-11"))
    assert plan.cost.total_cost.amount <= plain.total_cost.amount * (
        1 + Decimal("1E-11")
    )
    # At the optimum the planned shortage is x*Q* and x* = h/(h + p).
    assert plan.shortage_fraction == DIVISION.divide(holding, holding + stockout)
    # Evaluating the optimum as a given plan gives its cost back.
    again = eoq_with_backorders(
        forecast,
        order_cost=usd(setup),
        holding_cost=usd(holding),
        stockout_cost=usd(stockout),
        holding_period=YEAR,
        order_quantity=plan.quantity,
        shortage_fraction=plan.shortage_fraction,
    )
    assert again.cost.total_cost == plan.cost.total_cost


@settings(max_examples=100)
@given(demand=amounts, spare=amounts, setup=amounts, holding=amounts)
def test_production_lots_are_larger_than_purchased_ones(
    demand: Decimal, spare: Decimal, setup: Decimal, holding: Decimal
) -> None:
    forecast = per_year(demand)
    lot = epq(
        forecast,
        production_rate=demand + spare,
        production_period=YEAR,
        order_cost=usd(setup),
        holding_cost=usd(holding),
        holding_period=YEAR,
    )
    plain = eoq(
        forecast, order_cost=usd(setup), holding_cost=usd(holding), holding_period=YEAR
    )
    assert lot.quantity >= plain.quantity
    assert lot.cost.total_cost.amount <= plain.total_cost.amount * (
        1 + Decimal("1E-11")
    )
    assert lot.max_inventory <= lot.quantity


@settings(max_examples=100)
@given(
    demand=amounts,
    setup=amounts,
    price=st.decimals(Decimal(10), Decimal(100), places=2),
    cut=st.decimals(Decimal("0.01"), Decimal(5), places=2),
    at=st.integers(1, 5000),
)
def test_incremental_best_beats_every_candidate(
    demand: Decimal, setup: Decimal, price: Decimal, cut: Decimal, at: int
) -> None:
    plan = eoq_incremental_discount(
        per_year(demand),
        order_cost=usd(setup),
        holding_rate="0.2",
        holding_period=YEAR,
        price_breaks=[
            PriceBreak(min_quantity=0, unit_cost=usd(price)),
            PriceBreak(min_quantity=at, unit_cost=usd(price - cut)),
        ],
    )
    assert plan.best in plan.candidates
    assert all(c.total_cost >= plan.best.total_cost for c in plan.candidates)
    assert plan.rule is OrderQuantityRule.EOQ or plan.quantity == at


# -- bad input -------------------------------------------------------------------------


def test_a_plan_needs_both_its_quantity_and_its_shortage() -> None:
    with pytest.raises(InvalidInputError) as caught:
        eoq_with_backorders(
            per_year(100),
            order_cost=usd(8),
            holding_cost=usd(1),
            stockout_cost=usd(5),
            holding_period=YEAR,
            order_quantity=50,
        )
    assert caught.value.field == "shortage_fraction"


def test_a_shortage_fraction_is_a_fraction() -> None:
    with pytest.raises(InvalidInputError) as caught:
        eoq_with_backorders(
            per_year(100),
            order_cost=usd(8),
            holding_cost=usd(1),
            stockout_cost=usd(5),
            holding_period=YEAR,
            order_quantity=50,
            shortage_fraction="1.5",
        )
    assert caught.value.field == "shortage_fraction"
    assert caught.value.value == "1.5"


def test_production_must_outpace_demand() -> None:
    with pytest.raises(InvalidInputError) as caught:
        epq(
            per_year(100),
            production_rate=100,
            production_period=YEAR,
            order_cost=usd(8),
            holding_cost=usd(1),
            holding_period=YEAR,
        )
    assert caught.value.field == "production_rate"


def test_costs_share_a_currency() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        eoq_cost(
            per_year(100),
            order_quantity=10,
            order_cost=usd(8),
            holding_cost=Money(1, "EUR"),
            holding_period=YEAR,
        )
    assert caught.value.field == "holding_cost"


def test_an_order_quantity_is_a_number_above_zero() -> None:
    with pytest.raises(InvalidInputError) as caught:
        eoq_cost(
            per_year(100),
            order_quantity=0,
            order_cost=usd(8),
            holding_cost=usd(1),
            holding_period=YEAR,
        )
    assert caught.value.field == "order_quantity"
    with pytest.raises(InvalidTypeError) as typed:
        eoq_cost(
            per_year(100),
            order_quantity=1.5,  # type: ignore[arg-type]
            order_cost=usd(8),
            holding_cost=usd(1),
            holding_period=YEAR,
        )
    assert typed.value.field == "order_quantity"
