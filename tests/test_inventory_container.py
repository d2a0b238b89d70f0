"""Filling containers: whole cartons, limits, freight by volume, additions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.inventory import (
    CONTAINER_20GP,
    CONTAINER_40GP,
    CONTAINER_40HQ,
    ContainerLimit,
    ContainerPlan,
    ContainerSku,
    ContainerType,
    plan_containers,
)
from xborder.money import Money
from xborder.testing import strategies as xst
from xborder.units import Dimensions


def usd(amount: Decimal | int | str) -> Money:
    return Money(amount, "USD")


def box(length: int, width: int, height: int) -> Dimensions:
    return Dimensions(length=f"{length} cm", width=f"{width} cm", height=f"{height} cm")


# -- worked examples ------------------------------------------------------------------


def test_presets_follow_their_sources() -> None:
    # World Shipping Council internal dimensions; 28/58/66 m³ load volumes.
    assert (
        CONTAINER_20GP.payload_kg,
        CONTAINER_40GP.payload_kg,
        CONTAINER_40HQ.payload_kg,
    ) == (Decimal(28180), Decimal(26730), Decimal(26540))
    assert (
        CONTAINER_20GP.usable_cbm,
        CONTAINER_40GP.usable_cbm,
        CONTAINER_40HQ.usable_cbm,
    ) == (Decimal(28), Decimal(58), Decimal(66))
    assert (
        CONTAINER_40HQ.inside.height.magnitude > CONTAINER_40GP.inside.height.magnitude
    )
    for preset in (CONTAINER_20GP, CONTAINER_40GP, CONTAINER_40HQ):
        assert preset.usable_volume.magnitude < preset.inside.volume.magnitude
        assert "World Shipping Council" in preset.source


def test_heavy_cartons_fill_a_container_by_weight() -> None:
    # 40 kg cartons of 0.06 m³: 26,540 kg / 40 kg = 663 cartons in a 40HQ,
    # only 39.8 m³ of its 66: the weight binds.
    plan = plan_containers(
        [
            ContainerSku(
                sku="STAND",
                units=8000,
                units_per_carton=10,
                carton=box(50, 40, 30),
                carton_weight="40 kg",
            )
        ],
        container=CONTAINER_40HQ,
    )
    assert plan.binding is ContainerLimit.WEIGHT
    assert plan.count == 2
    assert plan.loads[0].cartons == (("STAND", 663),)
    assert plan.loads[0].full is ContainerLimit.WEIGHT
    assert plan.loads[1].cartons == (("STAND", 137),)
    assert plan.loads[1].full is None


def test_freight_is_split_by_volume_to_the_cent() -> None:
    # Two SKUs of 6 and 3 m³ share $1,000 of freight: $666.67 and $333.33.
    plan = plan_containers(
        [
            ContainerSku(
                sku="A",
                units=10,
                units_per_carton=1,
                carton=box(100, 60, 100),
                carton_weight="1 kg",
            ),
            ContainerSku(
                sku="B",
                units=5,
                units_per_carton=1,
                carton=box(100, 60, 100),
                carton_weight="1 kg",
            ),
        ],
        container=CONTAINER_40HQ,
        freight=usd(1000),
    )
    assert plan.freight == usd(1000)
    assert [line.freight for line in plan.lines] == [usd("666.67"), usd("333.33")]


def test_a_shared_minimum_is_spread_by_need_in_whole_cartons() -> None:
    plan = plan_containers(
        [
            ContainerSku(
                sku="A",
                units=300,
                units_per_carton=50,
                carton=box(40, 40, 40),
                carton_weight="5 kg",
            ),
            ContainerSku(
                sku="B",
                units=100,
                units_per_carton=20,
                carton=box(40, 40, 40),
                carton_weight="5 kg",
            ),
        ],
        container=CONTAINER_20GP,
        minimum_units=1000,
    )
    # 600 units missing: 450 to A (9 cartons), 150 to B (8 cartons).
    assert [(line.sku, line.units) for line in plan.lines] == [("A", 750), ("B", 260)]
    assert plan.units >= 1000


# -- laws ----------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(plan=xst.container_plans())
def test_a_plan_keeps_its_promises(plan: ContainerPlan) -> None:
    box_ = plan.container
    for load in plan.loads:
        assert load.cbm <= box_.usable_cbm
        assert load.kg <= box_.payload_kg
    # Cartons loaded are the cartons planned, SKU by SKU.
    loaded: dict[str, int] = {}
    for load in plan.loads:
        for sku, count in load.cartons:
            loaded[sku] = loaded.get(sku, 0) + count
    assert {line.sku: line.cartons for line in plan.lines if line.cartons} == loaded
    # Freight adds up exactly.
    if plan.freight is not None and any(line.cbm for line in plan.lines):
        parts = [line.freight for line in plan.lines]
        assert all(part is not None for part in parts)
        assert sum((p.amount for p in parts if p is not None), Decimal(0)) == (
            plan.freight.amount
        )
    # Every container before the last was full by one limit; the count is
    # within one of the lower bound.
    assert all(load.full is not None for load in plan.loads[:-1])
    by_volume = plan.cbm / box_.usable_cbm
    by_weight = plan.kg / box_.payload_kg
    assert plan.count >= max(by_volume, by_weight)
    # Additions fit in the room left.
    added_cbm = sum((add.cbm for add in plan.additions), Decimal(0))
    added_kg = sum((add.kg for add in plan.additions), Decimal(0))
    assert plan.loads[-1].cbm + added_cbm <= box_.usable_cbm
    assert plan.loads[-1].kg + added_kg <= box_.payload_kg


@settings(max_examples=100, deadline=None)
@given(sku=xst.container_skus(), container=xst.container_types())
def test_needs_become_whole_cartons(
    sku: ContainerSku, container: ContainerType
) -> None:
    plan = plan_containers([sku], container=container)
    (line,) = plan.lines
    assert line.units >= sku.units
    assert line.units - sku.units < sku.units_per_carton
    assert line.units == line.cartons * sku.units_per_carton


# -- bad input ------------------------------------------------------------------------


def test_a_carton_that_fits_no_container_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        plan_containers(
            [
                ContainerSku(
                    sku="BOARD",
                    units=1,
                    units_per_carton=1,
                    carton=box(700, 40, 40),
                    carton_weight="10 kg",
                )
            ],
            container=CONTAINER_20GP,
        )
    assert caught.value.field == "skus[0].carton"


def test_each_sku_once() -> None:
    sku = ContainerSku(
        sku="A",
        units=1,
        units_per_carton=1,
        carton=box(10, 10, 10),
        carton_weight="1 kg",
    )
    with pytest.raises(InvalidInputError) as caught:
        plan_containers([sku, sku], container=CONTAINER_20GP)
    assert caught.value.field == "skus[1].sku"


def test_a_container_is_a_container_type() -> None:
    sku = ContainerSku(
        sku="A",
        units=1,
        units_per_carton=1,
        carton=box(10, 10, 10),
        carton_weight="1 kg",
    )
    with pytest.raises(InvalidTypeError) as caught:
        plan_containers([sku], container="40HQ")  # type: ignore[arg-type]
    assert caught.value.field == "container"


def test_a_load_volume_above_the_inside_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ContainerType(
            name="odd",
            inside=box(100, 100, 100),
            usable_volume="2 m**3",
            max_payload="100 kg",
            source="a test",
        )
    assert caught.value.field == "usable_volume"
