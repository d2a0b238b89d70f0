"""A SKU's sales history: units per period, and the periods it was out of stock."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    flag,
    in_range,
    items_of,
    named_errors,
    optional_date,
    require,
    to_decimal,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.units import as_duration

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder._validate import DecimalInput
    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = ["SalesHistory", "as_history", "demand_values"]

MAX_PERIODS = 100_000
"""The longest history accepted (about 270 years of days)."""

_INT_LIMIT = 10**36  # ints below LARGEST, as to_decimal checks them


def _units(values: Iterable[DecimalInput]) -> tuple[Decimal, ...]:
    result = demand_values(values, None)
    require(
        len(result) >= 1,
        field=None,
        value=values,
        expected="the units sold in at least one period",
    )
    return result


def demand_values(values: object, field: str | None) -> tuple[Decimal, ...]:
    """Units >= 0 from a sequence or a :class:`SalesHistory`, naming ``field``.

    A bad item names its index: ``units[3]``.
    """
    if isinstance(values, SalesHistory):
        return values.units
    items: tuple[object, ...] = items_of(values, field=field)  # type: ignore[arg-type]
    require(
        len(items) <= MAX_PERIODS,
        field=field,
        value=f"{len(items)} periods",
        expected=f"at most {MAX_PERIODS} periods",
    )
    result = []
    for index, value in enumerate(items):
        if type(value) is int and 0 <= value < _INT_LIMIT:  # the common case, quickly
            result.append(Decimal(value))
            continue
        where = f"{field}[{index}]" if field else f"[{index}]"
        number = to_decimal(value, field=where)
        require(number >= 0, field=where, value=value, expected="units sold >= 0")
        result.append(number)
    return tuple(result)


def _flags(values: Iterable[bool]) -> tuple[bool, ...]:
    result = []
    for index, value in enumerate(items_of(values, field=None)):
        try:
            result.append(flag(value))
        except XborderError as error:
            raise error.in_field(f"[{index}]") from None
    return tuple(result)


def _period(value: QuantityInput | None) -> Quantity | None:
    if value is None:
        return None
    period = as_duration(value)
    days = period.magnitude
    if days <= 0 or not in_range(days):
        raise InvalidInputError(
            field=None,
            value=str(value),
            expected="a duration > 0 days, smaller than 1E+36 days",
        )
    return period


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SalesHistory:
    """Units sold per period, oldest first, with the periods that ran out of stock.

    A week in which the shelf was empty for some days sold less than was
    demanded: its sales are a lower bound on its demand (they are
    *censored*). Mark it in ``stockouts`` and the forecasts estimate its
    demand instead of reading the low sales as low demand (see
    :func:`~xborder.forecast.censored_demand`).

    Args:
        units: Units sold in each period, oldest first (>= 0, at least one).
        period: The length of a period (``"1 week"``); needed to turn a
            forecast into inventory's :class:`~xborder.inventory.Demand`.
        start: The first day of the first period; needed for a seasonal
            forecast's calendar.
        stockouts: ``True`` for each period with a stockout, one flag per
            period (or none at all).

    Examples:
        >>> history = SalesHistory(units=[12, 15, 3, 14], period="1 week",
        ...                        stockouts=[False, False, True, False])
        >>> history.stockout_periods, history.periods
        ((2,), 4)
    """

    units: tuple[Decimal, ...] = attrs.field(converter=_units)
    period: Quantity | None = attrs.field(default=None, converter=_period)
    start: dt.date | None = attrs.field(default=None, converter=optional_date)
    stockouts: tuple[bool, ...] = attrs.field(default=(), converter=_flags)

    def __attrs_post_init__(self) -> None:
        require(
            not self.stockouts or len(self.stockouts) == len(self.units),
            field="stockouts",
            value=f"{len(self.stockouts)} flags",
            expected=f"one flag per period ({len(self.units)}), or none",
        )

    @property
    def periods(self) -> int:
        """The number of periods."""
        return len(self.units)

    @property
    def stockout_periods(self) -> tuple[int, ...]:
        """The positions (0 is the oldest) of the periods marked as stockouts."""
        return tuple(index for index, out in enumerate(self.stockouts) if out)

    def period_start(self, index: int) -> dt.date:
        """The first day of period ``index`` (0 is the first; it may be in the future).

        A period that is not a whole number of days starts on the day its
        start falls in.

        Raises:
            InvalidInputError: The history has no ``start`` or no ``period``.

        Examples:
            >>> SalesHistory(units=[1, 2], period="1 week",
            ...              start="2026-01-05").period_start(3)
            datetime.date(2026, 1, 26)
        """
        number = _index(index)
        if self.start is None or self.period is None:
            raise InvalidInputError(
                "a calendar needs the first period's start and the period's length",
                field="start" if self.start is None else "period",
                value=None,
                expected="a date" if self.start is None else "a duration",
            )
        days = math.floor(self.period.magnitude * number)
        try:
            return self.start + dt.timedelta(days=days)
        except OverflowError:
            raise InvalidInputError(
                field="index",
                value=index,
                expected="a period that starts before the year 10000",
            ) from None


def _index(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field="index", value=value, expected="an int >= 0")
    require(
        0 <= value <= MAX_PERIODS * 10,
        field="index",
        value=value,
        expected=f"an int from 0 to {MAX_PERIODS * 10}",
    )
    return value


def as_history(value: object, field: str = "history") -> SalesHistory:
    """``value`` if it is a :class:`SalesHistory`, else its units as one."""
    if isinstance(value, SalesHistory):
        return value
    return SalesHistory(units=demand_values(value, field))
