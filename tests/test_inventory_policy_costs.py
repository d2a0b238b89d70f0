"""Policy costs ((r, Q), base stock, (s, S)) and the exact discrete optima."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.inventory import (
    Demand,
    EmpiricalDemand,
    LeadTime,
    NewsvendorCosts,
    NormalDemand,
    PoissonDemand,
    base_stock_cost,
    newsvendor_outcome,
    rq_cost,
    rq_policy,
    rq_policy_poisson,
    ss_cost,
    ss_policy_exact,
)
from xborder.money import Money, RoundingMode


def usd(amount: Decimal | int | str) -> Money:
    return Money(amount, "USD")


def rounded(money: Money, places: str = "0.001") -> Decimal:
    return money.amount.quantize(Decimal(places))


# -- golden cases ----------------------------------------------------------------------


def test_rq_cost_snyder_shen_example_5_1() -> None:
    # Snyder & Shen, Example 5.1: h = 0.225, p = 7.5, K = 8, λ = 1300 ± 150 a
    # year, L = 1/12 year; (r, Q) = (126.8, 328.5) costs 78.07 a year.
    cost = rq_cost(
        Demand(mean=1300, sd=150, period="1 year"),
        LeadTime.single("1 month"),
        reorder_point="126.8",
        order_quantity="328.5",
        order_cost=usd(8),
        holding_cost=usd("0.225"),
        stockout_cost=usd("7.5"),
        cost_period="1 year",
    )
    assert str(cost.total_cost.quantize(RoundingMode.HALF_UP)) == "78.07 USD"
    parts = cost.ordering_cost + cost.holding_cost + cost.shortage_cost
    assert cost.total_cost == parts


def test_rq_policy_poisson_snyder_shen_example_5_8() -> None:
    # Snyder & Shen, Example 5.8: λ = 1.5, L = 2, K = 100, h = 20, p = 150:
    # (r*, Q*) = (3, 5), g = 107.92.
    policy = rq_policy_poisson(
        Demand(mean="1.5", period="1 day"),
        LeadTime.single("2 days"),
        order_cost=usd(100),
        holding_cost=usd(20),
        stockout_cost=usd(150),
        cost_period="1 day",
    )
    assert (policy.reorder_point, policy.order_quantity) == (3, 5)
    assert rounded(policy.cost.total_cost, "0.01") == Decimal("107.92")


def test_ss_snyder_shen_example_4_7() -> None:
    # Snyder & Shen, Example 4.7: Poisson(6), K = 5, h = 1, p = 4: the
    # optimal (s, S) = (4, 10) costs 8.034; (6, 18) costs 10.194.
    policy = ss_policy_exact(
        PoissonDemand(mean=6),
        review_period="1 week",
        order_cost=usd(5),
        holding_cost=usd(1),
        stockout_cost=usd(4),
    )
    assert (policy.reorder_point, policy.order_up_to) == (4, 10)
    assert rounded(policy.cost.total_cost) == Decimal("8.034")
    other = ss_cost(
        PoissonDemand(mean=6),
        reorder_point=6,
        order_up_to=18,
        review_period="1 week",
        order_cost=usd(5),
        holding_cost=usd(1),
        stockout_cost=usd(4),
    )
    assert rounded(other.total_cost) == Decimal("10.194")


# Zheng & Federgruen (1991), Operations Research 39(4), Table I: h = 1,
# p = 9, K = 64, Poisson demand; the optimal (s, S) and its cost.
ZHENG_FEDERGRUEN = [
    (10, 6, 40, "35.022"),
    (15, 10, 49, "42.698"),
    (20, 14, 62, "49.173"),
    (25, 19, 56, "54.262"),
    (30, 23, 66, "57.819"),
    (35, 28, 77, "61.215"),
    (40, 33, 87, "64.512"),
    (21, 15, 65, "50.406"),
    (23, 17, 52, "52.757"),
    (52, 44, 112, "72.246"),
]


@pytest.mark.parametrize(("mean", "low", "top", "cost"), ZHENG_FEDERGRUEN)
def test_zheng_federgruen_table(mean: int, low: int, top: int, cost: str) -> None:
    policy = ss_policy_exact(
        PoissonDemand(mean=mean),
        review_period="1 day",
        order_cost=usd(64),
        holding_cost=usd(1),
        stockout_cost=usd(9),
    )
    assert (policy.reorder_point, policy.order_up_to) == (low, top)
    assert rounded(policy.cost.total_cost) == Decimal(cost)


# -- laws ------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    mean=st.decimals(Decimal("0.5"), Decimal(15), places=1),
    setup=st.integers(5, 500),
    holding=st.integers(1, 20),
    stockout=st.integers(1, 200),
)
def test_the_exact_ss_policy_beats_its_neighbours(
    mean: Decimal, setup: int, holding: int, stockout: int
) -> None:
    demand = PoissonDemand(mean=mean)
    prices: dict[str, Any] = {
        "order_cost": usd(setup),
        "holding_cost": usd(holding),
        "stockout_cost": usd(stockout),
    }
    best = ss_policy_exact(demand, review_period="1 week", **prices)
    s, top = best.reorder_point, best.order_up_to
    for ds, dtop in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1)):
        if top + dtop <= s + ds:
            continue
        other = ss_cost(
            demand,
            reorder_point=s + ds,
            order_up_to=top + dtop,
            review_period="1 week",
            **prices,
        )
        assert other.total_cost.amount >= best.cost.total_cost.amount * (
            1 - Decimal("1E-10")
        )


@settings(max_examples=60, deadline=None)
@given(
    mean=st.decimals(Decimal("0.2"), Decimal(8), places=1),
    lead=st.integers(1, 8),
    setup=st.integers(5, 500),
    holding=st.integers(1, 20),
    stockout=st.integers(1, 200),
)
def test_the_exact_poisson_rq_policy_beats_its_neighbours(
    mean: Decimal, lead: int, setup: int, holding: int, stockout: int
) -> None:
    demand, route = Demand(mean=mean, period="1 day"), LeadTime.single(f"{lead} days")
    prices: dict[str, Any] = {
        "order_cost": usd(setup),
        "holding_cost": usd(holding),
        "stockout_cost": usd(stockout),
        "cost_period": "1 day",
    }
    best = rq_policy_poisson(demand, route, **prices)
    for dr, dq in ((-1, 0), (1, 0), (0, 1), (0, -1), (1, -1), (-1, 1)):
        size = best.order_quantity + dq
        if size < 1:
            continue
        other = rq_cost(
            demand,
            route,
            reorder_point=best.reorder_point + dr,
            order_quantity=size,
            distribution="poisson",
            **prices,
        )
        assert other.total_cost.amount >= best.cost.total_cost.amount * (
            1 - Decimal("1E-10")
        )


@settings(max_examples=60, deadline=None)
@given(
    mean=st.decimals(Decimal(1), Decimal(500), places=1),
    cv=st.decimals(Decimal("0.1"), Decimal(1), places=2),
    setup=st.integers(5, 500),
    holding=st.integers(1, 20),
    stockout=st.integers(5, 200),
)
def test_the_loss_function_rq_policy_is_near_the_cheapest(
    mean: Decimal, cv: Decimal, setup: int, holding: int, stockout: int
) -> None:
    # Hadley & Whitin's (r, Q) is an approximation: nudging r or Q by 1 %
    # never saves more than a sliver of its exact cost g(r, Q).
    demand, route = (
        Demand(mean=mean, sd=mean * cv, period="1 day"),
        LeadTime.single("10 days"),
    )
    prices: dict[str, Any] = {
        "order_cost": usd(setup),
        "holding_cost": usd(holding),
        "stockout_cost": usd(stockout),
        "cost_period": "1 year",
    }
    policy = rq_policy(demand, route, **prices)
    here = rq_cost(
        demand,
        route,
        reorder_point=policy.reorder_point,
        order_quantity=policy.order_quantity,
        **prices,
    ).total_cost.amount
    for factor_r, factor_q in ((Decimal("1.01"), 1), (1, Decimal("1.01"))):
        there = rq_cost(
            demand,
            route,
            reorder_point=policy.reorder_point * factor_r,
            order_quantity=policy.order_quantity * factor_q,
            **prices,
        ).total_cost.amount
        assert there >= here * Decimal("0.99")


@settings(max_examples=80, deadline=None)
@given(
    mean=st.decimals(Decimal(1), Decimal(500), places=1),
    cv=st.decimals(Decimal(0), Decimal(1), places=2),
    lead=st.integers(0, 30),
    level=st.decimals(Decimal(-100), Decimal(20_000), places=1),
)
def test_base_stock_cost_is_the_newsvendor_cost_over_r_plus_l(
    mean: Decimal, cv: Decimal, lead: int, level: Decimal
) -> None:
    cost = base_stock_cost(
        Demand(mean=mean, sd=mean * cv, period="1 day"),
        LeadTime.single(f"{lead} days"),
        level=level,
        review_period="1 day",
        holding_cost=usd(1),
        stockout_cost=usd(9),
    )
    periods = lead + 1
    interval = NormalDemand(
        mean=mean * periods, sd=(mean * cv) * Decimal(periods).sqrt()
    )
    season = newsvendor_outcome(
        interval,
        NewsvendorCosts(overage=usd(1), underage=usd(9)),
        quantity=max(level, Decimal(0)),
    )
    assert cost.ordering_cost.is_zero()
    if level >= 0:
        assert math.isclose(
            cost.total_cost.amount,
            season.expected_cost.amount,
            rel_tol=1e-9,
            abs_tol=1e-9 * float(interval.mean),
        )
    if not cv:  # deterministic: exactly (S − μ)⁺ held and (μ − S)⁺ short
        assert cost.holding_cost.amount == max(level - interval.mean, Decimal(0))
        assert cost.shortage_cost.amount == 9 * max(interval.mean - level, Decimal(0))


def test_normal_ss_cost_rounds_demand_to_whole_units() -> None:
    # N(50, 8) a day, Snyder & Shen Example 4.8's data: the exact (s, S) on
    # demand rounded to whole units costs less than the power approximation's.
    prices: dict[str, Any] = {
        "order_cost": usd("2.5"),
        "holding_cost": usd("0.18"),
        "stockout_cost": usd("0.70"),
    }
    demand = NormalDemand(mean=50, sd=8)
    best = ss_policy_exact(demand, review_period="1 day", **prices)
    power = ss_cost(
        demand, reorder_point=40, order_up_to=74, review_period="1 day", **prices
    )
    assert best.cost.total_cost.amount <= power.total_cost.amount


def test_empirical_ss_with_a_lead_time_sums_its_periods() -> None:
    two = EmpiricalDemand(weights={0: 1, 2: 1})
    cost = ss_cost(
        two,
        reorder_point=1,
        order_up_to=5,
        review_period="1 day",
        order_cost=usd(1),
        holding_cost=usd(1),
        stockout_cost=usd(1),
        lead_periods=1,
    )
    same = ss_cost(
        PoissonDemand(mean=1),
        reorder_point=1,
        order_up_to=5,
        review_period="1 day",
        order_cost=usd(1),
        holding_cost=usd(1),
        stockout_cost=usd(1),
        lead_periods=1,
    )
    assert cost.total_cost != same.total_cost
    assert cost.total_cost.amount > 0


# -- bad input -------------------------------------------------------------------------


def test_poisson_needs_whole_levels_and_a_fixed_lead_time() -> None:
    prices: dict[str, Any] = {
        "order_cost": usd(100),
        "holding_cost": usd(20),
        "stockout_cost": usd(150),
        "cost_period": "1 day",
        "distribution": "poisson",
    }
    demand = Demand(mean="1.5", period="1 day")
    with pytest.raises(InvalidInputError) as caught:
        rq_cost(
            demand,
            LeadTime.single("2 days"),
            reorder_point="3.5",
            order_quantity=5,
            **prices,
        )
    assert caught.value.field == "reorder_point"
    with pytest.raises(InvalidInputError) as variable:
        rq_cost(
            demand,
            LeadTime.single("2 days", "1 day"),
            reorder_point=3,
            order_quantity=5,
            **prices,
        )
    assert variable.value.field == "lead_time"


def test_an_unknown_distribution_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        base_stock_cost(
            Demand(mean=5, period="1 day"),
            LeadTime.single("2 days"),
            level=10,
            review_period="1 day",
            holding_cost=usd(1),
            stockout_cost=usd(9),
            distribution="gamma",
        )
    assert caught.value.field == "distribution"
    assert caught.value.value == "gamma"


def test_ss_needs_s_below_the_level_and_per_period_demand() -> None:
    prices: dict[str, Any] = {
        "order_cost": usd(5),
        "holding_cost": usd(1),
        "stockout_cost": usd(4),
        "review_period": "1 week",
    }
    with pytest.raises(InvalidInputError) as caught:
        ss_cost(PoissonDemand(mean=6), reorder_point=10, order_up_to=10, **prices)
    assert caught.value.field == "order_up_to"
    with pytest.raises(InvalidTypeError) as typed:
        ss_cost(
            Demand(mean=6, period="1 week"),  # type: ignore[arg-type]
            reorder_point=4,
            order_up_to=10,
            **prices,
        )
    assert typed.value.field == "demand"
    with pytest.raises(InvalidInputError) as never:
        ss_policy_exact(EmpiricalDemand(weights={0: 1}), **prices)
    assert never.value.field == "demand"


def test_policy_costs_share_a_currency() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        ss_policy_exact(
            PoissonDemand(mean=6),
            review_period="1 week",
            order_cost=usd(5),
            holding_cost=usd(1),
            stockout_cost=Money(4, "EUR"),
        )
    assert caught.value.field == "stockout_cost"


def test_an_exact_search_that_would_run_long_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        rq_policy_poisson(
            Demand(mean=1000, period="1 day"),
            LeadTime.single("2 days"),
            order_cost=usd("1E+20"),
            holding_cost=usd(1),
            stockout_cost=usd(9),
            cost_period="1 day",
        )
    assert caught.value.field == "order_cost"
