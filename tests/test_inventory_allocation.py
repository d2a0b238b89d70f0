"""Splitting an order across markets and warehouses; transfers from AWD or a 3PL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.inventory import (
    AllocationRule,
    Demand,
    LeadTime,
    StockNode,
    allocate_order,
    plan_transfers,
)
from xborder.testing import strategies as xst


def node(
    name: str,
    mean: int,
    lead: int,
    *,
    on_hand: int = 0,
    inbound: int = 0,
    sd: int = 0,
) -> StockNode:
    return StockNode(
        name=name,
        demand=Demand(mean=mean, sd=sd, period="1 day"),
        lead_time=LeadTime.single(f"{lead} days"),
        on_hand=on_hand,
        inbound=inbound,
    )


def test_equal_cover_worked_example() -> None:
    # At arrival US holds 2,400 − 60·35 = 300, UK max(500 − 15·42, 0) = 0,
    # DE 1,300 − 25·40 = 300. 100 T − 600 = 6,000 gives T = 66 days:
    # US 3,660, UK 990, DE 1,350.
    split = allocate_order(
        6000,
        [
            node("FBA US", 60, 35, on_hand=2400),
            node("FBA UK", 15, 42, on_hand=500),
            node("FBA DE", 25, 40, on_hand=900, inbound=400),
        ],
    )
    assert split.level == 66
    assert [line.units for line in split.lines] == [3660, 990, 1350]
    assert all(line.cover_days == 66 for line in split.lines)


def test_a_node_with_enough_stock_gets_nothing() -> None:
    split = allocate_order(
        100, [node("A", 10, 10, on_hand=5000), node("B", 10, 10, on_hand=0)]
    )
    assert [line.units for line in split.lines] == [0, 100]


def test_equal_service_gives_every_node_the_same_z() -> None:
    split = allocate_order(
        4000,
        [
            node("FBA US", 60, 35, sd=20, on_hand=1000),
            node("FBA UK", 15, 42, sd=8, on_hand=100),
        ],
        rule="service",
        review_period="30 days",
    )
    assert split.rule is AllocationRule.SERVICE
    assert split.level is not None
    assert sum(line.units for line in split.lines) == 4000


def test_transfers_from_awd_name_their_source() -> None:
    moves = plan_transfers(
        1200,
        [node("FBA ONT8", 40, 7, on_hand=100), node("FBA BNA6", 20, 10, on_hand=400)],
        source="AWD",
    )
    assert moves.source == "AWD"
    assert moves.units_for("FBA ONT8") == 933
    assert moves.units_for("FBA BNA6") == 267


@pytest.mark.parametrize(
    ("node_name", "error"),
    [(None, InvalidTypeError), (["A"], InvalidTypeError), ("LAX9", InvalidInputError)],
)
def test_units_for_names_the_node_it_refuses(
    node_name: object, error: type[XborderError]
) -> None:
    moves = plan_transfers(100, [node("FBA ONT8", 40, 7)], source="AWD")
    with pytest.raises(error) as caught:
        moves.units_for(node_name)  # type: ignore[arg-type]
    assert caught.value.field == "node"
    assert caught.value.value == node_name


@settings(max_examples=100, deadline=None)
@given(
    nodes=st.lists(
        xst.stock_nodes(), min_size=1, max_size=5, unique_by=lambda n: n.name
    ),
    cases=st.integers(0, 2000),
    pack=st.integers(1, 24),
)
def test_the_split_adds_up_in_whole_cases(
    nodes: list[StockNode], cases: int, pack: int
) -> None:
    split = allocate_order(cases * pack, nodes, case_pack=pack)
    assert sum(line.units for line in split.lines) == cases * pack
    assert all(line.units % pack == 0 for line in split.lines)
    # Every node given units ends within a case of the common cover: none
    # is left below the level while another is pushed past it.
    if split.level is not None:
        for line, stock in zip(split.lines, nodes, strict=True):
            rate = stock.demand.mean / stock.demand.period_days
            if line.units and rate:
                assert line.cover_days is not None
                assert abs(line.cover_days - split.level) * rate <= pack + Decimal(
                    "1E-20"
                )


@settings(max_examples=60, deadline=None)
@given(
    nodes=st.lists(
        xst.stock_nodes(), min_size=1, max_size=4, unique_by=lambda n: n.name
    ),
    first=st.integers(0, 20_000),
    more=st.integers(0, 20_000),
)
def test_a_bigger_order_never_gives_a_node_less(
    nodes: list[StockNode], first: int, more: int
) -> None:
    small = allocate_order(first, nodes, rule="service", review_period="2 weeks")
    large = allocate_order(first + more, nodes, rule="service", review_period="2 weeks")
    for a, b in zip(small.lines, large.lines, strict=True):
        # Rounding may move one unit between nodes.
        assert b.units >= a.units - 1


def test_bad_splits_are_refused() -> None:
    nodes = [node("A", 10, 10)]
    with pytest.raises(InvalidInputError) as caught:
        allocate_order(10, nodes, case_pack=3)
    assert caught.value.field == "quantity"
    with pytest.raises(InvalidInputError) as service:
        allocate_order(10, nodes, rule="service")
    assert service.value.field == "review_period"
    with pytest.raises(InvalidInputError) as twice:
        allocate_order(10, [node("A", 1, 1), node("A", 2, 2)])
    assert twice.value.field == "nodes[1].name"
    with pytest.raises(InvalidInputError) as rule:
        allocate_order(10, nodes, rule="fair")
    assert rule.value.field == "rule"
