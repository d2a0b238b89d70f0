"""Strategies for the inventory-depth models (private; see xborder.testing.strategies).

Season distributions beyond the normal, container planning, order
allocation, policy costs and the exact discrete policies. Results are drawn
by computing them from drawn inputs with xborder's own calculators.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

import xborder.inventory
from xborder.inventory import (
    Allocation,
    AllocationRule,
    ContainerLine,
    ContainerLoad,
    ContainerPlan,
    ContainerSku,
    ContainerType,
    Demand,
    ExactRQPolicy,
    ExactSSPolicy,
    GammaDemand,
    LeadTime,
    LognormalDemand,
    NodeAllocation,
    PlannedBackorders,
    PoissonDemand,
    PolicyCost,
    ProductionQuantity,
    StockNode,
    UniformDemand,
    allocate_order,
    base_stock_cost,
    eoq_with_backorders,
    epq,
    plan_containers,
    rq_cost,
    rq_policy_poisson,
    ss_policy_exact,
)
from xborder.money import Currency, Money
from xborder.testing.strategies._core import _not_strategies, currencies
from xborder.testing.strategies._inventory import _amounts, demands, lead_times
from xborder.units import Dimensions

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "allocations",
    "container_lines",
    "container_loads",
    "container_plans",
    "container_skus",
    "container_types",
    "exact_rq_policies",
    "exact_ss_policies",
    "gamma_demands",
    "lognormal_demands",
    "node_allocations",
    "planned_backorders",
    "policy_costs",
    "production_quantities",
    "stock_nodes",
    "uniform_demands",
]

_CURRENCIES = ("USD", "EUR", "JPY", "GBP")


def _currency(
    currency: st.SearchStrategy[Currency] | None,
) -> st.SearchStrategy[Currency]:
    if currency is None:
        return currencies(codes=st.sampled_from(_CURRENCIES))
    return currency


def _money(
    code: Currency, low: int = 1, high: int = 100_000
) -> st.SearchStrategy[Money]:
    return st.integers(low, high).map(lambda units: Money.of_minor_units(units, code))


def lognormal_demands() -> st.SearchStrategy[LognormalDemand]:
    """Lognormal season demand with a mean from 1 to 100,000 and CV 0.05 to 2."""
    return st.builds(
        lambda mean, cv: LognormalDemand.from_moments(mean=mean, sd=mean * cv),
        _amounts(1, 100_000),
        _amounts(Decimal("0.05"), 2),
    )


def gamma_demands() -> st.SearchStrategy[GammaDemand]:
    """Gamma season demand with a mean from 1 to 100,000 and CV 0.05 to 2."""
    return st.builds(
        lambda mean, cv: GammaDemand.from_moments(mean=mean, sd=mean * cv),
        _amounts(1, 100_000),
        _amounts(Decimal("0.05"), 2),
    )


def uniform_demands() -> st.SearchStrategy[UniformDemand]:
    """Uniform season demand on [low, high] within 0 to 100,000."""
    return (
        st.tuples(_amounts(0, 100_000), _amounts(0, 100_000))
        .filter(lambda pair: pair[0] != pair[1])
        .map(lambda pair: UniformDemand(low=min(pair), high=max(pair)))
    )


def container_types() -> st.SearchStrategy[ContainerType]:
    """The three presets, or a custom box with a load volume within its inside."""
    custom = st.builds(
        lambda length, width, height, share, payload: ContainerType(
            name="custom",
            inside=Dimensions(
                length=f"{length} cm", width=f"{width} cm", height=f"{height} cm"
            ),
            usable_volume=f"{length * width * height * share / 1_000_000} m**3",
            max_payload=f"{payload} kg",
            source="drawn",
        ),
        st.integers(200, 1400),
        st.integers(200, 260),
        st.integers(200, 300),
        st.sampled_from((Decimal("0.8"), Decimal("0.85"), Decimal(1))),
        st.integers(5_000, 30_000),
    )
    return st.one_of(
        # The presets are named, not imported: building them needs pint, which
        # registering the strategies must not import.
        st.sampled_from(("CONTAINER_20GP", "CONTAINER_40GP", "CONTAINER_40HQ")).map(
            _preset
        ),
        custom,
    )


def _preset(name: str) -> ContainerType:
    preset: ContainerType = getattr(xborder.inventory, name)
    return preset


def container_skus(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[ContainerSku]:
    """SKUs with cartons of 20–80 cm sides and 1–30 kg, with or without a margin."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda code: st.builds(
            lambda name, units, per, sides, weight, margin, extra: ContainerSku(
                sku=f"SKU-{name}",
                units=units,
                units_per_carton=per,
                carton=Dimensions(
                    length=f"{sides[0]} cm",
                    width=f"{sides[1]} cm",
                    height=f"{sides[2]} cm",
                ),
                carton_weight=f"{weight} kg",
                unit_margin=margin,
                max_extra_units=extra,
            ),
            st.integers(1, 10**6),
            st.integers(0, 20_000),
            st.integers(1, 200),
            st.tuples(st.integers(20, 80), st.integers(20, 80), st.integers(20, 80)),
            st.integers(1, 30),
            st.one_of(st.none(), _money(code, 0, 2_000)),
            st.one_of(st.none(), st.integers(0, 5_000)),
        )
    )


def container_plans(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[ContainerPlan]:
    """Plans of one to five drawn SKUs (distinct names) in a drawn container."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda code: st.builds(
            lambda skus, box, freight, minimum: plan_containers(
                skus, container=box, freight=freight, minimum_units=minimum
            ),
            st.lists(
                container_skus(currency=st.just(code)),
                min_size=1,
                max_size=5,
                unique_by=lambda sku: sku.sku,
            ),
            container_types(),
            st.one_of(st.none(), _money(code, 0, 1_000_000)),
            st.integers(0, 30_000),
        )
    )


def container_lines() -> st.SearchStrategy[ContainerLine]:
    """Lines of drawn plans (shipped lines and suggested additions)."""
    return container_plans().flatmap(
        lambda plan: st.sampled_from(plan.lines + plan.additions)
    )


def container_loads() -> st.SearchStrategy[ContainerLoad]:
    """Loads of drawn plans."""
    return container_plans().flatmap(lambda plan: st.sampled_from(plan.loads))


def stock_nodes() -> st.SearchStrategy[StockNode]:
    """Stock points with non-seasonal demand, a route, stock and inbound units."""
    return st.builds(
        lambda name, demand, route, on_hand, inbound: StockNode(
            name=name, demand=demand, lead_time=route, on_hand=on_hand, inbound=inbound
        ),
        st.sampled_from(("FBA US", "FBA UK", "FBA DE", "AWD", "3PL", "FBA JP")),
        demands(seasonal=False),
        lead_times(),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
    )


def allocations() -> st.SearchStrategy[Allocation]:
    """Orders of up to 50,000 units split over one to four distinct nodes."""
    return st.builds(
        lambda quantity, nodes, rule: allocate_order(
            quantity, nodes, rule=rule, review_period="30 days"
        ),
        st.integers(0, 50_000),
        st.lists(stock_nodes(), min_size=1, max_size=4, unique_by=lambda n: n.name),
        st.sampled_from(tuple(AllocationRule)),
    )


def node_allocations() -> st.SearchStrategy[NodeAllocation]:
    """Lines of drawn allocations."""
    return allocations().flatmap(lambda split: st.sampled_from(split.lines))


def _small_demands() -> st.SearchStrategy[Demand]:
    return st.builds(
        lambda mean, sd: Demand(mean=mean, sd=sd, period="1 day"),
        _amounts(0, 500),
        _amounts(0, 100),
    )


def policy_costs(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[PolicyCost]:
    """Costs of drawn (r, Q) and base-stock policies, normal or Poisson."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong

    def build(code: Currency) -> st.SearchStrategy[PolicyCost]:
        rq = st.builds(
            lambda demand, lead, r, q, setup, h, p, model: rq_cost(
                demand,
                LeadTime.single(f"{lead} days"),
                reorder_point=r,
                order_quantity=q,
                order_cost=setup,
                holding_cost=h,
                stockout_cost=p,
                cost_period="1 year",
                distribution=model,
            ),
            _small_demands(),
            st.integers(0, 60),
            st.integers(-100, 20_000),
            st.integers(1, 10_000),
            _money(code),
            _money(code),
            _money(code),
            st.sampled_from(("normal", "poisson")),
        )
        base = st.builds(
            lambda demand, lead, level, h, p: base_stock_cost(
                demand,
                LeadTime.single(f"{lead} days"),
                level=level,
                review_period="1 day",
                holding_cost=h,
                stockout_cost=p,
            ),
            _small_demands(),
            st.integers(0, 60),
            st.integers(0, 40_000),
            _money(code),
            _money(code),
        )
        return st.one_of(rq, base)

    return _currency(currency).flatmap(build)


def exact_rq_policies() -> st.SearchStrategy[ExactRQPolicy]:
    """Optimal Poisson (r, Q) policies for slow movers."""
    code = Currency("USD")
    return st.builds(
        lambda mean, lead, setup, h, p: rq_policy_poisson(
            Demand(mean=mean, period="1 day"),
            LeadTime.single(f"{lead} days"),
            order_cost=setup,
            holding_cost=h,
            stockout_cost=p,
            cost_period="1 day",
        ),
        _amounts(Decimal("0.1"), 20),
        st.integers(0, 20),
        _money(code, 100, 50_000),
        _money(code, 100, 5_000),
        _money(code, 100, 50_000),
    )


def exact_ss_policies() -> st.SearchStrategy[ExactSSPolicy]:
    """Optimal (s, S) policies for Poisson demand per period."""
    code = Currency("USD")
    return st.builds(
        lambda mean, setup, h, p: ss_policy_exact(
            PoissonDemand(mean=mean),
            review_period="1 week",
            order_cost=setup,
            holding_cost=h,
            stockout_cost=p,
        ),
        _amounts(Decimal("0.5"), 40),
        _money(code, 100, 20_000),
        _money(code, 100, 1_000),
        _money(code, 100, 10_000),
    )


def planned_backorders() -> st.SearchStrategy[PlannedBackorders]:
    """Optimal EOQs with planned backorders, or the cost of a drawn plan."""
    code = Currency("USD")
    return st.builds(
        lambda mean, setup, h, p, plan: eoq_with_backorders(
            Demand(mean=mean, period="1 year"),
            order_cost=setup,
            holding_cost=h,
            stockout_cost=p,
            holding_period="1 year",
            order_quantity=None if plan is None else plan[0],
            shortage_fraction=None if plan is None else plan[1],
        ),
        _amounts(0, 10**6),
        _money(code, 0),
        _money(code),
        _money(code),
        st.one_of(
            st.none(), st.tuples(st.integers(1, 10**5), _amounts(0, 1, places=3))
        ),
    )


def production_quantities() -> st.SearchStrategy[ProductionQuantity]:
    """Economic production quantities with production faster than demand."""
    code = Currency("USD")
    return st.builds(
        lambda mean, extra, setup, h: epq(
            Demand(mean=mean, period="1 year"),
            production_rate=mean + extra,
            production_period="1 year",
            order_cost=setup,
            holding_cost=h,
            holding_period="1 year",
        ),
        _amounts(0, 10**6),
        _amounts(1, 10**6),
        _money(code, 0),
        _money(code),
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    LognormalDemand: lognormal_demands,
    GammaDemand: gamma_demands,
    UniformDemand: uniform_demands,
    ContainerType: container_types,
    ContainerSku: container_skus,
    ContainerPlan: container_plans,
    ContainerLine: container_lines,
    ContainerLoad: container_loads,
    StockNode: stock_nodes,
    Allocation: allocations,
    NodeAllocation: node_allocations,
    PolicyCost: policy_costs,
    ExactRQPolicy: exact_rq_policies,
    ExactSSPolicy: exact_ss_policies,
    PlannedBackorders: planned_backorders,
    ProductionQuantity: production_quantities,
}
"""The strategy each inventory-depth model resolves to under ``st.from_type``."""
