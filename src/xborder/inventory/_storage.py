"""The storage cost of a restock order while it sits on the shelf."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._exact import DIVISION, EXACT
from xborder._validate import non_negative_count, require
from xborder.errors import XborderError
from xborder.inventory._args import expect
from xborder.inventory._demand import Demand
from xborder.inventory._restock import RestockRecommendation
from xborder.pricing.storage import (
    MAX_STAY_DAYS,
    StorageCost,
    StorageSchedule,
    batch_storage_cost,
)
from xborder.units import DAY
from xborder.units import quantity as quantity_of

if TYPE_CHECKING:
    from xborder._validate import DecimalInput
    from xborder.units import QuantityInput

__all__ = ["order_storage_cost"]


def _quantity(value: int | None, recommended: int) -> int:
    if value is None:
        return recommended
    try:
        return non_negative_count(value)
    except XborderError as error:
        raise error.in_field("quantity") from None


def order_storage_cost(
    recommendation: RestockRecommendation,
    demand: Demand,
    schedule: StorageSchedule,
    *,
    volume: QuantityInput,
    quantity: int | None = None,
    category: str | None = None,
    utilisation_ratio: DecimalInput | None = None,
) -> StorageCost:
    r"""What the recommended order (or ``quantity`` instead) costs to store.

    The order lands on the recommendation's ``arrival`` day behind the
    stock expected then, which sells first; it then sells at the demand's
    daily mean $d$ (seasonality aside), so its $Q$ units sit on average
    $w + Q/(2d)$ days, where $w$ is the stock on arrival over $d$. Every
    month is charged on the units still on hand, at that month's rate, and
    units still there on a snapshot day pay the aged band they have
    reached (:func:`~xborder.pricing.storage.batch_storage_cost`). Price a
    bigger ``quantity`` to see what ordering more costs on the shelf.

    Args:
        recommendation: The restock recommendation.
        demand: The forecast it was made with.
        schedule: The warehouse's storage fees.
        volume: One unit's volume as packed.
        quantity: Units to price instead of the recommended quantity.
        category: The product's category, for aged bands that exempt some.
        utilisation_ratio: The seller's storage utilisation ratio, in weeks.

    Raises:
        InvalidInputError: Demand is zero, or the order would take more
            than ten years to sell.

    Examples:
        >>> from xborder.inventory import (Demand, LeadTime, ServiceTarget,
        ...     StockPosition, restock_recommendation)
        >>> from xborder.money import RoundingMode
        >>> from xborder.pricing.storage import presets
        >>> demand = Demand(mean=20, sd=6, period="1 day")
        >>> rec = restock_recommendation(StockPosition(on_hand=300), demand,
        ...     LeadTime.single("35 days", "5 days"), ServiceTarget.cycle("0.95"),
        ...     as_of="2026-08-01", review_period="1 week")
        >>> rec.quantity, rec.arrival
        (717, datetime.date(2026, 9, 5))
        >>> standard = presets.AMAZON_US_STORAGE_STANDARD
        >>> cost = order_storage_cost(rec, demand, standard, volume="0.05 ft**3")
        >>> str(cost.total.quantize(RoundingMode.HALF_UP))
        '19.20 USD'

        Ordering 3,000 instead keeps the last units into the peak months:
        each unit pays about eight times as much to sit on the shelf.

        >>> bigger = order_storage_cost(rec, demand, standard, volume="0.05 ft**3",
        ...     quantity=3000)
        >>> cents = RoundingMode.HALF_UP
        >>> str(cost.per_unit.quantize(cents)), str(bigger.per_unit.quantize(cents))
        ('0.03 USD', '0.22 USD')
    """
    rec = expect(recommendation, RestockRecommendation, "recommendation")
    forecast = expect(demand, Demand, "demand")
    units = _quantity(quantity, rec.quantity)
    daily = forecast.daily_mean
    require(daily > 0, field="demand", value=forecast, expected="a mean demand > 0")
    wait = DIVISION.divide(rec.expected_on_arrival, daily)
    selling = DIVISION.divide(Decimal(units), daily)
    require(
        EXACT.add(wait, selling) <= MAX_STAY_DAYS,
        field="quantity",
        value=units,
        expected=f"stock sold within {MAX_STAY_DAYS} days of arrival at this demand",
    )
    return batch_storage_cost(
        schedule,
        volume=volume,
        quantity=units,
        daily_demand=daily,
        start=rec.arrival,
        wait=quantity_of(wait, DAY),
        category=category,
        utilisation_ratio=utilisation_ratio,
    )
