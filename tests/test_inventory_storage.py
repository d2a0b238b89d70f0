"""The storage cost of a restock order: inventory.order_storage_cost."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.inventory import (
    Demand,
    LeadTime,
    RestockRecommendation,
    ServiceTarget,
    StockPosition,
    order_storage_cost,
    restock_recommendation,
)
from xborder.pricing.storage import batch_storage_cost
from xborder.pricing.storage.presets import AMAZON_US_STORAGE_STANDARD as STANDARD

DEMAND = Demand(mean=20, sd=6, period="1 day")


def _recommendation(on_hand: int = 300) -> RestockRecommendation:
    return restock_recommendation(
        StockPosition(on_hand=on_hand),
        DEMAND,
        LeadTime.single("35 days", "5 days"),
        ServiceTarget.cycle("0.95"),
        as_of="2026-08-01",
        review_period="1 week",
    )


def test_the_recommended_order_is_priced_as_a_batch_from_arrival() -> None:
    rec = _recommendation()
    cost = order_storage_cost(rec, DEMAND, STANDARD, volume="0.05 ft**3")
    same = batch_storage_cost(
        STANDARD,
        volume="0.05 ft**3",
        quantity=rec.quantity,
        daily_demand=20,
        start=rec.arrival,
    )
    assert cost == same
    assert cost.start == rec.arrival


def test_stock_on_arrival_sells_first() -> None:
    rec = _recommendation(on_hand=1500)  # 800 expected on arrival
    assert rec.expected_on_arrival > 0
    cost = order_storage_cost(rec, DEMAND, STANDARD, volume="0.05 ft**3", quantity=100)
    waiting = rec.expected_on_arrival / 20
    assert cost.days == waiting + 5  # waits, then 100 units at 20 a day


@settings(max_examples=25, deadline=None)
@given(smaller=st.integers(0, 3000), extra=st.integers(0, 3000))
def test_ordering_more_never_costs_less_storage(smaller: int, extra: int) -> None:
    rec = _recommendation()
    low = order_storage_cost(
        rec, DEMAND, STANDARD, volume="0.1 ft**3", quantity=smaller
    )
    high = order_storage_cost(
        rec, DEMAND, STANDARD, volume="0.1 ft**3", quantity=smaller + extra
    )
    assert low.total <= high.total


def test_bad_inputs_are_named() -> None:
    raised: pytest.ExceptionInfo[XborderError]
    rec = _recommendation()
    with pytest.raises(InvalidTypeError) as raised:
        order_storage_cost("rec", DEMAND, STANDARD, volume="1 ft**3")  # type: ignore[arg-type]
    assert raised.value.field == "recommendation"
    with pytest.raises(InvalidTypeError) as raised:
        order_storage_cost(rec, 20, STANDARD, volume="1 ft**3")  # type: ignore[arg-type]
    assert raised.value.field == "demand"
    with pytest.raises(InvalidInputError) as raised:
        order_storage_cost(
            rec, Demand(mean=0, period="1 day"), STANDARD, volume="1 ft**3"
        )
    assert raised.value.field == "demand"
    with pytest.raises(InvalidInputError) as raised:
        order_storage_cost(rec, DEMAND, STANDARD, volume="1 ft**3", quantity=-1)
    assert raised.value.field == "quantity"
    with pytest.raises(InvalidInputError) as raised:
        order_storage_cost(rec, DEMAND, STANDARD, volume="1 ft**3", quantity=10**7)
    assert raised.value.field == "quantity"
    with pytest.raises(InvalidTypeError) as raised:
        order_storage_cost(rec, DEMAND, "Amazon", volume="1 ft**3")  # type: ignore[arg-type]
    assert raised.value.field == "schedule"
