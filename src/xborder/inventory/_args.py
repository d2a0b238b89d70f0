"""Argument checks shared by the calculators (private)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from xborder._validate import DecimalInput, date_value, require, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.units import as_duration

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder.units import QuantityInput

__all__ = ["days", "expect", "non_negative_arg", "optional_day", "positive_arg"]

_T = TypeVar("_T")


def expect(value: object, kind: type[_T], field: str) -> _T:
    """``value`` if it is a ``kind``; an :class:`InvalidTypeError` naming ``field``."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field=field, value=value, expected=kind.__name__)
    return value


def non_negative_arg(value: DecimalInput, field: str) -> Decimal:
    """A finite number >= 0, or an error naming ``field``."""
    number = to_decimal(value, field=field)
    require(number >= 0, field=field, value=value, expected="a number >= 0")
    return number


def positive_arg(value: DecimalInput, field: str) -> Decimal:
    """A finite number > 0, or an error naming ``field``."""
    number = to_decimal(value, field=field)
    require(number > 0, field=field, value=value, expected="a number > 0")
    return number


def days(value: QuantityInput, field: str, *, positive: bool = False) -> Decimal:
    """A duration in days (>= 0, or > 0 with ``positive``), naming ``field``."""
    try:
        number = as_duration(value).magnitude
    except XborderError as error:
        raise error.in_field(field) from None
    if number < 0 or (positive and not number):
        # str() of a pint quantity costs microseconds: only build it to fail.
        expected = "a duration > 0" if positive else "a duration >= 0"
        raise InvalidInputError(field=field, value=str(value), expected=expected)
    return number


def optional_day(value: dt.date | str | None, field: str) -> dt.date | None:
    """``None``, or a date (``"YYYY-MM-DD"`` accepted), naming ``field``."""
    if value is None or type(value) is dt.date:
        return value
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field(field) from None
