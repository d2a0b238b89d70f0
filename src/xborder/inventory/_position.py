"""Where the stock is: on hand, on the water, owed and promised."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    date_value,
    named_errors,
    non_negative_count,
    positive_count,
    require,
    tuple_of,
)
from xborder.errors import InvalidTypeError, XborderError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["InboundShipment", "StockPosition"]


def _reference(value: str | None) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class InboundShipment:
    """Units on order or in transit, with the day they become sellable.

    Args:
        quantity: Units (an int >= 1).
        arrival: The first day the units can be sold (after receiving).
        reference: A PO, booking or shipment id, for the audit trail.

    Examples:
        >>> shipment = InboundShipment(quantity=600, arrival="2026-11-20",
        ...     reference="PO-7")
        >>> shipment.arrival
        datetime.date(2026, 11, 20)
    """

    quantity: int = attrs.field(converter=positive_count)
    arrival: dt.date = attrs.field(converter=date_value)
    reference: str | None = attrs.field(default=None, converter=_reference)


def _shipments(values: Iterable[InboundShipment]) -> tuple[InboundShipment, ...]:
    # Kept in arrival order (stable for equal days) so projections step
    # through them as they come.
    return tuple(
        sorted(tuple_of(values, InboundShipment), key=lambda item: item.arrival)
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StockPosition:
    """A SKU's stock at one warehouse on one day.

    Reorder decisions use the **inventory position**, not the stock on hand:
    counting only the shelf orders again for goods already on the water.

    Args:
        on_hand: Units physically in the warehouse (int >= 0).
        inbound: Shipments on order or in transit, each with its arrival day.
        backorders: Units sold but not yet shipped for lack of stock (>= 0).
        reserved: Units on hand already promised (pending orders, transfers);
            at most ``on_hand``.

    Examples:
        >>> position = StockPosition(
        ...     on_hand=420,
        ...     inbound=[InboundShipment(quantity=600, arrival="2026-11-20")],
        ...     reserved=20,
        ... )
        >>> position.available, position.on_order, position.inventory_position
        (400, 600, 1000)
    """

    on_hand: int = attrs.field(converter=non_negative_count)
    inbound: tuple[InboundShipment, ...] = attrs.field(default=(), converter=_shipments)
    backorders: int = attrs.field(default=0, converter=non_negative_count)
    reserved: int = attrs.field(default=0, converter=non_negative_count)

    def __attrs_post_init__(self) -> None:
        require(
            self.reserved <= self.on_hand,
            field="reserved",
            value=self.reserved,
            expected=f"at most the {self.on_hand} units on hand",
        )

    @property
    def available(self) -> int:
        """On hand − reserved − backorders: what can serve new demand (may be < 0)."""
        return self.on_hand - self.reserved - self.backorders

    @property
    def on_order(self) -> int:
        """Units in all inbound shipments."""
        return sum(shipment.quantity for shipment in self.inbound)

    @property
    def inventory_position(self) -> int:
        """Available + on order: the number a reorder rule compares with its level."""
        return self.available + self.on_order

    def arriving_by(self, day: dt.date) -> int:
        """Units in shipments that arrive on or before ``day``."""
        try:
            limit = date_value(day)
        except XborderError as error:
            raise error.in_field("day") from None
        return sum(s.quantity for s in self.inbound if s.arrival <= limit)
