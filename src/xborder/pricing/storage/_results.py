"""What a stay in storage costs, month by month (private)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    date_value,
    named_errors,
    non_negative,
    require,
    text,
    tuple_of,
)
from xborder.errors import CurrencyMismatchError, InvalidTypeError
from xborder.money import Money
from xborder.money.converters import exact_money, non_negative_money
from xborder.pricing._common import readable
from xborder.pricing.storage._models import unit_label, volume_unit

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["StorageCost", "StorageLine", "StorageLineKind"]


class StorageLineKind(enum.StrEnum):
    """What a line of a storage cost charges."""

    MONTHLY = "monthly storage"
    """The monthly storage fee on the month's average volume."""
    UTILISATION = "storage utilisation surcharge"
    """The utilisation surcharge on the month's average volume."""
    AGED = "aged inventory surcharge"
    """The surcharge on the volume in stock, by age, on the snapshot day."""


def _kind(value: StorageLineKind) -> StorageLineKind:
    if not isinstance(value, StorageLineKind):
        raise InvalidTypeError(field=None, value=value, expected="a StorageLineKind")
    return value


def _first_of_month(value: dt.date | str) -> dt.date:
    day = date_value(value)
    require(day.day == 1, field=None, value=value, expected="the first day of a month")
    return day


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StorageLine:
    """One month's charge: ``amount = rate × basis``.

    Args:
        kind: The fee the line charges.
        month: The first day of the month charged.
        basis: The volume charged, in the rate's unit: for the monthly fee
            and the utilisation surcharge, the month's average volume
            (volume × unit-days ÷ days in the month); for the aged
            surcharge, the volume in stock on the snapshot day.
        rate: The rate per unit of volume.
        amount: What the line charges (>= ``rate × basis``: more only when a
            per-unit minimum applies).
        note: The working in words.

    Examples:
        >>> line = StorageLine(kind=StorageLineKind.MONTHLY, month="2026-10-01",
        ...     basis="0.5", rate=Money("2.40", "USD"), amount=Money("1.2", "USD"),
        ...     note="31 of 31 days at the peak rate")
        >>> str(line)
        '2026-10 monthly storage: 1.2 USD (31 of 31 days at the peak rate)'
    """

    kind: StorageLineKind = attrs.field(converter=_kind)
    month: dt.date = attrs.field(converter=_first_of_month)
    basis: Decimal = attrs.field(converter=non_negative)
    rate: Money = attrs.field(converter=non_negative_money)
    amount: Money = attrs.field(converter=non_negative_money)
    note: str = attrs.field(converter=text)

    def __attrs_post_init__(self) -> None:
        if self.amount.currency != self.rate.currency:
            raise CurrencyMismatchError(
                field="amount",
                value=self.amount,
                expected=f"an amount in {self.rate.currency.code}",
            )

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind.value}: {self.amount} ({self.note})"


def _lines(values: Iterable[StorageLine]) -> tuple[StorageLine, ...]:
    return tuple_of(values, StorageLine)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StorageCost:
    """The storage cost of stock over a stay, with each month's lines.

    Attributes:
        schedule: The storage schedule's name.
        start: The day the stock arrived.
        days: Days until the last unit leaves.
        quantity: Units that arrived (1 for one unit's stay).
        volume: One unit's volume, in ``unit``.
        unit: The volume unit of the rates.
        lines: Each month's charges, in order.
        total: The lines added up, exactly (not rounded).

    Examples:
        >>> from xborder.money import RoundingMode
        >>> from xborder.pricing.storage import presets, storage_cost
        >>> cost = storage_cost(presets.AMAZON_US_STORAGE_STANDARD,
        ...     volume="0.5 ft**3", start="2026-09-16", stay="30 days")
        >>> [line.note for line in cost.lines]  # doctest: +NORMALIZE_WHITESPACE
        ['September 2026: 15 unit-days of 30, off-peak rate 0.78 USD per cu ft',
         'October 2026: 15 unit-days of 31, peak rate 2.40 USD per cu ft']
        >>> str(cost.lines[0].amount), str(cost.total.quantize(RoundingMode.HALF_UP))
        ('0.1950 USD', '0.78 USD')
    """

    schedule: str = attrs.field(converter=text)
    start: dt.date = attrs.field(converter=date_value)
    days: Decimal = attrs.field(converter=non_negative)
    quantity: Decimal = attrs.field(converter=non_negative)
    volume: Decimal = attrs.field(converter=non_negative)
    unit: str = attrs.field(converter=volume_unit)
    lines: tuple[StorageLine, ...] = attrs.field(converter=_lines)
    total: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        added = self.total.currency
        for index, line in enumerate(self.lines):
            if line.amount.currency != added:
                raise CurrencyMismatchError(
                    field=f"lines[{index}].amount",
                    value=line.amount,
                    expected=f"an amount in {added.code}",
                )
        summed = Money.total([line.amount for line in self.lines], currency=added)
        require(
            summed == self.total,
            field="total",
            value=self.total,
            expected=f"the lines added up ({summed})",
        )

    def _of(self, kind: StorageLineKind) -> Money:
        amount = Decimal(0)
        for line in self.lines:
            if line.kind is kind:
                amount = EXACT.add(amount, line.amount.amount)
        return exact_money(amount, self.total.currency)

    @property
    def monthly(self) -> Money:
        """The monthly storage fee lines added up."""
        return self._of(StorageLineKind.MONTHLY)

    @property
    def utilisation(self) -> Money:
        """The utilisation surcharge lines added up."""
        return self._of(StorageLineKind.UTILISATION)

    @property
    def aged(self) -> Money:
        """The aged-inventory surcharge lines added up."""
        return self._of(StorageLineKind.AGED)

    @property
    def per_unit(self) -> Money:
        """The total over the units that arrived (zero if none did); not rounded."""
        if not self.quantity:
            return exact_money(Decimal(0), self.total.currency)
        share = readable(DIVISION.divide(self.total.amount, self.quantity))
        return exact_money(share, self.total.currency)

    def describe(self) -> str:
        """The working, one line per charge, then the total."""
        head = (
            f"{self.schedule}: {self.quantity} unit(s) of {self.volume} "
            f"{unit_label(self.unit)} from {self.start}, {self.days} days"
        )
        return "\n".join([head, *map(str, self.lines), f"total: {self.total}"])
