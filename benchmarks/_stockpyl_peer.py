"""xborder against stockpyl, function by function, with the inputs a user types.

Every xborder call builds its inputs inside the timed call, as a user's code
would: ``Demand(mean=1300, period="1 year")``, ``Money("0.225", "USD")``, unit
strings for periods and lead times. stockpyl gets plain floats. Both compute
the same quantity on the same instance (Snyder & Shen's examples, where one
exists); the goal is xborder at least 10× faster (a ratio <= 0.1).

Some stockpyl functions are a line of float arithmetic (the EOQ, EPQ, EOQ
with backorders, the (s, S) power approximation, the uniform loss): a
fraction of a microsecond, less than building one ``Money``. Those cases
carry no goal; their ratios are reported as they are.
"""

from __future__ import annotations

import importlib
from typing import Any

from _harness import Case
from xborder.inventory import (
    Demand,
    GammaDemand,
    LeadTime,
    LognormalDemand,
    NewsvendorCosts,
    NormalDemand,
    PoissonDemand,
    PriceBreak,
    UniformDemand,
    base_stock_cost,
    eoq,
    eoq_all_units_discount,
    eoq_cost,
    eoq_incremental_discount,
    eoq_with_backorders,
    epq,
    newsvendor,
    normal_complementary_loss,
    normal_loss,
    rq_cost,
    rq_policy,
    rq_policy_poisson,
    ss_cost,
    ss_policy,
    ss_policy_exact,
)
from xborder.money import Money

GOAL = 0.1  # at least ten times faster


def _module(name: str) -> Any:
    return importlib.import_module(f"stockpyl.{name}")


def usd(amount: str | int) -> Money:
    return Money(amount, "USD")


def _lot_sizing(eoq_: Any) -> list[Case]:
    return [
        Case(
            "eoq vs stockpyl",
            lambda: eoq(
                Demand(mean=1300, period="1 year"),
                order_cost=usd(8),
                holding_cost=usd("0.225"),
                holding_period="1 year",
            ),
            lambda: eoq_.economic_order_quantity(8, 0.225, 1300),
            "stockpyl economic_order_quantity (float one-liner)",
            number=2000,
        ),
        Case(
            "eoq_cost vs stockpyl",
            lambda: eoq_cost(
                Demand(mean=1300, period="1 year"),
                order_quantity=400,
                order_cost=usd(8),
                holding_cost=usd("0.225"),
                holding_period="1 year",
            ),
            lambda: eoq_.economic_order_quantity(8, 0.225, 1300, order_quantity=400),
            "stockpyl economic_order_quantity(Q) (float one-liner)",
            number=2000,
        ),
        Case(
            "eoq_with_backorders vs stockpyl",
            lambda: eoq_with_backorders(
                Demand(mean=1300, period="1 year"),
                order_cost=usd(8),
                holding_cost=usd("0.225"),
                stockout_cost=usd(5),
                holding_period="1 year",
            ),
            lambda: eoq_.economic_order_quantity_with_backorders(8, 0.225, 5, 1300),
            "stockpyl ..._with_backorders (float one-liner)",
            number=2000,
        ),
        Case(
            "epq vs stockpyl",
            lambda: epq(
                Demand(mean=1300, period="1 year"),
                production_rate=1700,
                production_period="1 year",
                order_cost=usd(8),
                holding_cost=usd("0.225"),
                holding_period="1 year",
            ),
            lambda: eoq_.economic_production_quantity(8, 0.225, 1300, 1700),
            "stockpyl economic_production_quantity (float one-liner)",
            number=2000,
        ),
        Case(
            "eoq_all_units_discount vs stockpyl",
            lambda: eoq_all_units_discount(
                Demand(mean=1300, period="1 year"),
                order_cost=usd(8),
                holding_rate="0.3",
                holding_period="1 year",
                price_breaks=[
                    PriceBreak(min_quantity=0, unit_cost=usd("0.75")),
                    PriceBreak(min_quantity=400, unit_cost=usd("0.72")),
                    PriceBreak(min_quantity=800, unit_cost=usd("0.68")),
                ],
            ),
            lambda: eoq_.economic_order_quantity_with_all_units_discounts(
                8, 0.3, 1300, [0, 400, 800], [0.75, 0.72, 0.68]
            ),
            "stockpyl ..._all_units_discounts (float)",
            number=1000,
        ),
        Case(
            "eoq_incremental_discount vs stockpyl",
            lambda: eoq_incremental_discount(
                Demand(mean=2400, period="1 year"),
                order_cost=usd(150),
                holding_rate="0.25",
                holding_period="1 year",
                price_breaks=[
                    PriceBreak(min_quantity=0, unit_cost=usd(100)),
                    PriceBreak(min_quantity=300, unit_cost=usd(90)),
                    PriceBreak(min_quantity=600, unit_cost=usd(80)),
                ],
            ),
            lambda: eoq_.economic_order_quantity_with_incremental_discounts(
                150, 0.25, 2400, [0, 300, 600], [100, 90, 80]
            ),
            "stockpyl ..._incremental_discounts (float)",
            number=1000,
        ),
    ]


def _policies(rq: Any, ss: Any, nv: Any) -> list[Case]:
    return [
        Case(
            "rq_cost (normal) vs stockpyl",
            lambda: rq_cost(
                Demand(mean=1300, sd=150, period="1 year"),
                LeadTime.single("1 month"),
                reorder_point="126.8",
                order_quantity="328.5",
                order_cost=usd(8),
                holding_cost=usd("0.225"),
                stockout_cost=usd("7.5"),
                cost_period="1 year",
            ),
            lambda: rq.r_q_cost(126.8, 328.5, 0.225, 7.5, 8, 1300, 150, 1 / 12),
            "stockpyl r_q_cost (scipy quad)",
            goal=GOAL,
            number=50,
        ),
        Case(
            "rq_cost (Poisson) vs stockpyl",
            lambda: rq_cost(
                Demand(mean="1.5", period="1 day"),
                LeadTime.single("2 days"),
                reorder_point=3,
                order_quantity=5,
                order_cost=usd(100),
                holding_cost=usd(20),
                stockout_cost=usd(150),
                cost_period="1 day",
                distribution="poisson",
            ),
            lambda: rq.r_q_cost_poisson(3, 5, 20, 150, 100, 1.5, 2),
            "stockpyl r_q_cost_poisson",
            goal=GOAL,
            number=100,
        ),
        Case(
            "rq_policy_poisson vs stockpyl",
            lambda: rq_policy_poisson(
                Demand(mean="1.5", period="1 day"),
                LeadTime.single("2 days"),
                order_cost=usd(100),
                holding_cost=usd(20),
                stockout_cost=usd(150),
                cost_period="1 day",
            ),
            lambda: rq.r_q_poisson_exact(20, 150, 100, 1.5, 2),
            "stockpyl r_q_poisson_exact",
            goal=GOAL,
            number=20,
        ),
        Case(
            "rq_policy vs stockpyl",
            lambda: rq_policy(
                Demand(mean=1300, sd=150, period="1 year"),
                LeadTime.single("1 month"),
                order_cost=usd(8),
                holding_cost=usd("0.225"),
                stockout_cost=usd("7.5"),
                cost_period="1 year",
            ),
            lambda: rq.r_q_loss_function_approximation(
                0.225, 7.5, 8, 1300, 150, 1 / 12
            ),
            "stockpyl r_q_loss_function_approximation",
            goal=GOAL,
            number=20,
        ),
        Case(
            "base_stock_cost (normal) vs stockpyl",
            lambda: base_stock_cost(
                Demand(mean=50, sd=8, period="1 day"),
                LeadTime.single("4 days"),
                level="264.77",
                review_period="1 day",
                holding_cost=usd("0.18"),
                stockout_cost=usd("0.70"),
            ),
            lambda: nv.newsvendor_normal(
                0.18, 0.70, 50, 8, lead_time=4, base_stock_level=264.77
            ),
            "stockpyl newsvendor_normal(S)",
            goal=GOAL,
            number=500,
        ),
        Case(
            "ss_cost vs stockpyl",
            lambda: ss_cost(
                PoissonDemand(mean=6),
                reorder_point=4,
                order_up_to=10,
                review_period="1 week",
                order_cost=usd(5),
                holding_cost=usd(1),
                stockout_cost=usd(4),
            ),
            lambda: ss.s_s_cost_discrete(4, 10, 1, 4, 5, True, 6),  # noqa: FBT003
            "stockpyl s_s_cost_discrete",
            goal=GOAL,
            number=100,
        ),
        Case(
            "ss_policy_exact vs stockpyl",
            lambda: ss_policy_exact(
                PoissonDemand(mean=6),
                review_period="1 week",
                order_cost=usd(5),
                holding_cost=usd(1),
                stockout_cost=usd(4),
            ),
            lambda: ss.s_s_discrete_exact(1, 4, 5, True, 6),  # noqa: FBT003
            "stockpyl s_s_discrete_exact",
            goal=GOAL,
            number=10,
        ),
        Case(
            "ss_policy vs stockpyl",
            lambda: ss_policy(
                Demand(mean=50, sd=8, period="1 day"),
                LeadTime.single("0 days"),
                review_period="1 day",
                order_cost=usd("2.5"),
                holding_cost=usd("0.18"),
                stockout_cost=usd("0.70"),
            ),
            lambda: ss.s_s_power_approximation(0.18, 0.70, 2.5, 50, 8),
            "stockpyl s_s_power_approximation (float one-liner)",
            number=2000,
        ),
    ]


def _newsvendors(nv: Any, loss: Any, stats: Any) -> list[Case]:
    lognormal = stats.lognorm(0.3, 0, 403.428793492735)  # e^6
    return [
        Case(
            "newsvendor (Poisson) vs stockpyl",
            lambda: newsvendor(
                PoissonDemand(mean=50),
                NewsvendorCosts(overage=usd("0.18"), underage=usd("0.70")),
            ),
            lambda: nv.newsvendor_poisson(0.18, 0.70, 50),
            "stockpyl newsvendor_poisson",
            goal=GOAL,
            number=500,
        ),
        Case(
            "newsvendor (lognormal) vs stockpyl",
            lambda: newsvendor(
                LognormalDemand(mu=6, sigma="0.3"),
                NewsvendorCosts(overage=usd(1), underage=usd("0.1765")),
            ),
            lambda: nv.newsvendor_continuous(1, 0.1765, lognormal),
            "stockpyl newsvendor_continuous",
            goal=GOAL,
            number=20,
        ),
        Case(
            "newsvendor (normal) cost at S vs stockpyl",
            lambda: (
                newsvendor(
                    NormalDemand(mean=50, sd=8),
                    NewsvendorCosts(overage=usd("0.18"), underage=usd("0.70")),
                ).outcome.expected_cost
            ),
            lambda: nv.newsvendor_normal(0.18, 0.70, 50, 8),
            "stockpyl newsvendor_normal",
            goal=GOAL,
            number=500,
        ),
        Case(
            "normal_loss vs stockpyl",
            lambda: normal_loss("1.28"),
            lambda: loss.standard_normal_loss(1.28),
            "stockpyl standard_normal_loss",
            goal=GOAL,
            number=2000,
        ),
        Case(
            "normal_complementary_loss vs stockpyl",
            lambda: normal_complementary_loss("1.28"),
            lambda: loss.standard_normal_loss(1.28),
            "stockpyl standard_normal_loss (both)",
            goal=GOAL,
            number=2000,
        ),
        Case(
            "lognormal loss vs stockpyl",
            lambda: LognormalDemand(mu="3.9", sigma="0.3").expected_shortfall(50),  # type: ignore[arg-type]
            lambda: loss.lognormal_loss(50, 3.9, 0.3),
            "stockpyl lognormal_loss",
            goal=GOAL,
            number=1000,
        ),
        Case(
            "gamma loss vs stockpyl",
            lambda: GammaDemand(shape=4, scale=12).expected_shortfall(60),  # type: ignore[arg-type]
            lambda: loss.gamma_loss(60, 4, 12),
            "stockpyl gamma_loss",
            goal=GOAL,
            number=1000,
        ),
        Case(
            "uniform loss vs stockpyl",
            lambda: UniformDemand(low=200, high=600).expected_shortfall(500),  # type: ignore[arg-type]
            lambda: loss.uniform_loss(500, 200, 600),
            "stockpyl uniform_loss (float one-liner)",
            number=2000,
        ),
        Case(
            "poisson loss vs stockpyl",
            lambda: PoissonDemand(mean=6).expected_shortfall(8),  # type: ignore[arg-type]
            lambda: loss.poisson_loss(8, 6),
            "stockpyl poisson_loss",
            goal=GOAL,
            number=1000,
        ),
    ]


def cases() -> list[Case]:
    """Every function xborder and stockpyl both have, paired."""
    stats = importlib.import_module("scipy.stats")
    return [
        *_lot_sizing(_module("eoq")),
        *_policies(_module("rq"), _module("ss"), _module("newsvendor")),
        *_newsvendors(_module("newsvendor"), _module("loss_functions"), stats),
    ]
