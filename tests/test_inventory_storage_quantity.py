"""eoq_with_storage: the order quantity once a warehouse's storage fees are priced."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, XborderError
from xborder.inventory import (
    MOST_CANDIDATES,
    Demand,
    StorageOrderQuantity,
    eoq_with_storage,
)
from xborder.money import Money
from xborder.pricing.storage import (
    StorageRate,
    StorageSchedule,
    batch_storage_cost,
    presets,
)
from xborder.testing.strategies import storage_schedules
from xborder.units import quantity

USD = "USD"


def _free(currency: str = USD) -> StorageSchedule:
    nothing = Money(0, currency)
    return StorageSchedule(
        name="no fee",
        monthly=StorageRate(
            size_tier="Any", unit="m**3", off_peak=nothing, peak=nothing
        ),
    )


def test_nahmias_pencils_order_the_textbook_eoq() -> None:
    # Nahmias & Olsen, Production and Operations Analysis (7th ed., 2015),
    # Example 4.1: pencils sell 60 a week, cost $0.02, an order costs $12 and
    # holding is 25% a year: h = $0.005, lambda = 3,120 a (52-week) year, and
    # Q* = sqrt(2 x 12 x 3120 / 0.005) = 3,870 pencils. With no storage fee
    # the scan over whole quantities lands on the same order.
    best = eoq_with_storage(
        Demand(mean=60, period="1 week"),
        _free(),
        arrival="2026-01-05",
        volume="0.0001 m**3",
        order_cost=Money(12, USD),
        holding_cost=Money("0.005", USD),
        holding_period="52 weeks",
        minimum=3800,
        most=3950,
    )
    assert best.quantity == 3870
    assert best.eoq == Decimal("3869.88371918")
    assert best.candidates == 151
    assert best.storage.total == Money(0, USD)


def test_peak_months_shrink_the_order() -> None:
    # 20 a day of a 0.2 ft3 unit; Amazon's 2024 standard-size rates (0.78 USD
    # off-peak, 2.40 USD October to December, per cubic foot-month).
    common: dict[str, Any] = {
        "volume": "0.2 ft**3",
        "order_cost": Money(300, USD),
        "holding_cost": Money("1.20", USD),
        "holding_period": "1 year",
        "step": 100,
    }
    schedule = presets.AMAZON_US_STORAGE_STANDARD
    demand = Demand(mean=20, period="1 day")
    september = eoq_with_storage(demand, schedule, arrival="2026-09-01", **common)
    march = eoq_with_storage(demand, schedule, arrival="2026-03-01", **common)
    assert september.quantity < march.quantity < round(march.eoq or 0)
    assert september.per_unit > march.per_unit


@settings(max_examples=40, deadline=None)
@given(
    setup=st.integers(1, 500),
    holding=st.integers(1, 50),
    daily=st.integers(1, 40),
)
def test_without_storage_fees_the_best_is_the_eoq_rounded(
    setup: int, holding: int, daily: int
) -> None:
    demand = Demand(mean=daily, period="1 day")
    eoq = math.sqrt(2 * setup * daily * 365.25 / holding)
    low, high = max(1, math.floor(eoq) - 2), math.ceil(eoq) + 2
    best = eoq_with_storage(
        demand,
        _free(),
        arrival="2026-01-01",
        volume="0.001 m**3",
        order_cost=Money(setup, USD),
        holding_cost=Money(holding, USD),
        holding_period="365.25 days",
        minimum=low,
        most=high,
    )

    def cost(q: int) -> Decimal:  # K/Q + hQ/(2dP), exact enough to rank
        return Decimal(setup) / q + Decimal(holding) * q / (
            2 * daily * Decimal("365.25")
        )

    assert best.quantity in (math.floor(eoq), math.ceil(eoq))
    assert all(cost(best.quantity) <= cost(q) for q in range(low, high + 1))


@settings(max_examples=25, deadline=None)
@given(
    schedule=storage_schedules(currency=st.just(Money(0, USD).currency)),
    start=st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
    daily=st.integers(1, 30),
    shelf=st.integers(0, 300),
    setup=st.integers(0, 400),
    holding=st.integers(0, 10),
)
def test_the_best_is_the_cheapest_candidate_per_unit(  # noqa: PLR0917 - drawn
    schedule: StorageSchedule,
    start: dt.date,
    daily: int,
    shelf: int,
    setup: int,
    holding: int,
) -> None:
    ratio = None if schedule.utilisation is None else 12
    best = eoq_with_storage(
        Demand(mean=daily, period="1 day"),
        schedule,
        arrival=start,
        volume="0.3 ft**3",
        order_cost=Money(setup, USD),
        holding_cost=Money(holding, USD),
        holding_period="1 year",
        on_arrival=shelf,
        minimum=5,
        step=25,
        most=400,
        utilisation_ratio=ratio,
    )

    def per_unit(q: int) -> Decimal:
        stored = batch_storage_cost(
            schedule,
            volume="0.3 ft**3",
            quantity=q,
            daily_demand=daily,
            start=start,
            wait=quantity(Decimal(shelf) / daily, "day"),
            utilisation_ratio=ratio,
        ).total.amount
        other = Decimal(holding) * q * (2 * shelf + q) / (2 * daily * Decimal("365.25"))
        return (setup + stored + other) / q

    candidates = range(25, 401, 25)
    assert best.candidates == len(candidates)
    assert best.quantity in candidates
    cheapest = min(per_unit(q) for q in candidates)
    assert per_unit(best.quantity) == pytest.approx(cheapest, rel=Decimal("1E-20"))
    assert abs(best.per_unit.amount - cheapest) <= cheapest * Decimal("1E-11")
    assert best.total == best.ordering + best.storage.total + best.holding


def test_stock_on_the_shelf_is_waited_behind() -> None:
    best = eoq_with_storage(
        Demand(mean=10, period="1 day"),
        _free(),
        arrival="2026-05-01",
        volume="0.01 m**3",
        order_cost=Money(100, USD),
        holding_cost=Money("3.6525", USD),
        holding_period="365.25 days",
        on_arrival=200,
        minimum=100,
        most=100,
    )
    # h Q (2s + Q) / (2 d P) = 3.6525 x 100 x 500 / (2 x 10 x 365.25) = 25
    assert best.holding == Money(25, USD)
    assert best.per_unit == Money("1.25", USD)  # (100 + 0 + 25) / 100
    assert best.storage.start == dt.date(2026, 5, 1)


def test_a_zero_holding_cost_has_no_eoq_to_compare() -> None:
    best = eoq_with_storage(
        Demand(mean=5, period="1 day"),
        presets.AMAZON_US_STORAGE_STANDARD,
        arrival="2026-02-01",
        volume="0.1 ft**3",
        order_cost=Money(50, USD),
        holding_cost=Money(0, USD),
        holding_period="1 year",
        step=50,
    )
    assert best.eoq is None
    assert best.holding == Money(0, USD)
    # The default range runs to a year of sales: 5 x 365.25 = 1,826.25 -> 1,827.
    assert best.candidates == len(range(50, 1828, 50))


_GOOD = {
    "arrival": "2026-01-01",
    "volume": "0.1 ft**3",
    "order_cost": Money(50, USD),
    "holding_cost": Money(1, USD),
    "holding_period": "1 year",
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"arrival": "someday"}, "arrival"),
        ({"volume": "3 kg"}, "volume"),
        ({"order_cost": Money(5, "EUR")}, "holding_cost"),
        ({"order_cost": -1}, "order_cost"),
        ({"holding_period": "0 days"}, "holding_period"),
        ({"on_arrival": -1}, "on_arrival"),
        ({"minimum": 0}, "minimum"),
        ({"step": 0}, "step"),
        ({"step": 1.5}, "step"),
        ({"most": 0}, "most"),
        ({"minimum": 500, "most": 100}, "most"),
        ({"step": 1, "most": MOST_CANDIDATES + 1}, "step"),
        ({"minimum": 10**6, "most": 10**6}, "most"),  # ten years of sales
    ],
)
def test_bad_inputs_name_their_field(change: dict[str, object], field: str) -> None:
    arguments = {**_GOOD, **change}
    with pytest.raises(XborderError) as caught:
        eoq_with_storage(
            Demand(mean=5, period="1 day"),
            presets.AMAZON_US_STORAGE_STANDARD,
            **arguments,  # type: ignore[arg-type]
        )
    assert caught.value.field == field


def test_the_longest_stay_is_checked_once_on_the_largest_candidate() -> None:
    # 5 a day: 18,300 units take 3,660 days, the longest stay; 18,400 more.
    arguments = {**_GOOD, "minimum": 18_000, "step": 100, "most": 18_450}
    with pytest.raises(InvalidInputError) as caught:
        eoq_with_storage(
            Demand(mean=5, period="1 day"),
            presets.AMAZON_US_STORAGE_STANDARD,
            **arguments,  # type: ignore[arg-type]
        )
    assert caught.value.field == "most"
    assert caught.value.value == 18_400  # the largest candidate, not the first
    assert "3660 days" in str(caught.value)


def test_demand_schedule_and_currency_are_checked() -> None:
    demand = Demand(mean=5, period="1 day")
    with pytest.raises(XborderError) as caught:
        eoq_with_storage(Demand(mean=0, period="1 day"), _free(), **_GOOD)  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == "demand"
    with pytest.raises(XborderError) as caught:
        eoq_with_storage("5 a day", _free(), **_GOOD)  # type: ignore[arg-type]
    assert caught.value.field == "demand"
    with pytest.raises(XborderError) as caught:
        eoq_with_storage(demand, "Amazon", **_GOOD)  # type: ignore[arg-type]
    assert caught.value.field == "schedule"
    with pytest.raises(XborderError) as caught:
        eoq_with_storage(demand, _free("EUR"), **_GOOD)  # type: ignore[arg-type]
    assert isinstance(caught.value, CurrencyMismatchError)
    assert caught.value.field == "schedule"


def test_a_result_built_by_hand_keeps_one_currency() -> None:
    best = eoq_with_storage(
        Demand(mean=5, period="1 day"),
        _free(),
        step=100,
        **_GOOD,  # type: ignore[arg-type]
    )
    fields: dict[str, Any] = {
        "quantity": best.quantity,
        "arrival": best.arrival,
        "ordering": best.ordering,
        "storage": best.storage,
        "holding": best.holding,
        "per_unit": best.per_unit,
    }
    assert StorageOrderQuantity(**fields) == StorageOrderQuantity(**fields)
    with pytest.raises(XborderError) as caught:
        StorageOrderQuantity(**{**fields, "holding": Money(1, "EUR")})
    assert isinstance(caught.value, CurrencyMismatchError)
    assert caught.value.field == "holding"
    with pytest.raises(XborderError) as caught:
        StorageOrderQuantity(**{**fields, "quantity": 0})
    assert caught.value.field == "quantity"
    with pytest.raises(XborderError) as caught:
        StorageOrderQuantity(**{**fields, "storage": "cheap"})
    assert caught.value.field == "storage"
