"""The inventory strategies yield valid models and back ``st.from_type``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from xborder.inventory import (
    ContinuousReviewPolicy,
    Demand,
    EmpiricalDemand,
    InboundShipment,
    LeadTime,
    LeadTimeLeg,
    LegKind,
    NewsvendorCosts,
    NormalDemand,
    OrderConstraints,
    PeriodicReviewPolicy,
    PoissonDemand,
    PriceBreak,
    ServiceMeasure,
    ServiceTarget,
    StockPosition,
)
from xborder.testing import strategies as xst
from xborder.testing.strategies import _registered

MODELS = [
    Demand,
    LeadTimeLeg,
    LeadTime,
    ServiceTarget,
    InboundShipment,
    StockPosition,
    NormalDemand,
    PoissonDemand,
    EmpiricalDemand,
    NewsvendorCosts,
    PriceBreak,
    OrderConstraints,
    ContinuousReviewPolicy,
    PeriodicReviewPolicy,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_from_type_resolves_every_inventory_model(model: type) -> None:
    assert model in _registered()

    @settings(max_examples=25)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()


@given(xst.demands(max_mean=50, seasonal=False))
def test_demands_respect_their_options(demand: Demand) -> None:
    assert 0 <= demand.mean <= 50
    assert demand.sd <= demand.mean
    assert demand.seasonality == ()


@given(
    xst.lead_times(legs=xst.lead_time_legs(kinds=st.just(LegKind.TRANSIT)), max_legs=2)
)
def test_lead_times_respect_their_options(route: LeadTime) -> None:
    assert 1 <= len(route.legs) <= 2
    assert all(leg.kind is LegKind.TRANSIT for leg in route.legs)


@given(xst.service_targets(measures=st.just(ServiceMeasure.FILL_RATE)))
def test_service_targets_are_strictly_between_zero_and_one(
    target: ServiceTarget,
) -> None:
    assert target.is_fill_rate
    assert 0 < target.level < 1


@given(xst.stock_positions(max_units=10))
def test_stock_positions_keep_reserved_within_on_hand(position: StockPosition) -> None:
    assert position.reserved <= position.on_hand <= 10


@pytest.mark.parametrize(
    "strategy",
    [
        xst.demands(max_mean=-1),
        xst.lead_time_legs(max_days=-1),
        xst.lead_times(max_legs=0),
        xst.inbound_shipments(max_quantity=0),
        xst.stock_positions(max_units=-5),
    ],
)
def test_bad_arguments_fail_when_drawn(strategy: st.SearchStrategy[object]) -> None:
    @given(strategy)
    def draw(value: object) -> None:
        del value

    with pytest.raises(InvalidArgument):
        draw()
