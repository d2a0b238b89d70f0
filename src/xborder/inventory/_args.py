"""Argument checks shared by the calculators (private)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from xborder._validate import (
    DecimalInput,
    date_value,
    non_negative,
    require,
    to_decimal,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.units import as_duration

if TYPE_CHECKING:
    import attrs

    from xborder.units import Quantity, QuantityInput

__all__ = [
    "LARGEST",
    "SMALLEST",
    "bounded",
    "bounded_duration",
    "bounded_non_negative",
    "days",
    "expect",
    "non_negative_arg",
    "number_arg",
    "optional_day",
    "positive_arg",
]

_T = TypeVar("_T")

LARGEST = Decimal("1E+300")
"""The largest magnitude an inventory input may have."""
SMALLEST = Decimal("1E-300")
"""The smallest non-zero magnitude an inventory input may have."""
_IN_RANGE = (
    "0 or a magnitude from 1E-300 to 1E+300: the normal distribution is "
    "computed in float, and products and quotients of the inputs must stay finite"
)


def bounded(number: Decimal, value: object, field: str | None) -> Decimal:
    """``number`` if it is 0 or within [1E-300, 1E+300] in magnitude.

    Means, variances and intervals multiply and divide these inputs exactly;
    a larger or smaller magnitude would overflow Decimal's exponent range
    deep inside a calculator (``decimal.Overflow``) instead of failing here.
    """
    if number and not SMALLEST <= abs(number) <= LARGEST:
        raise InvalidInputError(field=field, value=value, expected=_IN_RANGE)
    return number


def bounded_non_negative(value: DecimalInput) -> Decimal:
    """A converter: a finite number >= 0 within :func:`bounded`'s range."""
    return bounded(non_negative(value), value, None)


def bounded_duration(
    instance: object,  # noqa: ARG001 - attrs passes the instance to validators
    attribute: attrs.Attribute[Quantity],
    value: Quantity,
) -> None:
    """A validator: a duration (its sign checked elsewhere) within range, in days."""
    bounded(value.magnitude, str(value), attribute.name)


def expect(value: object, kind: type[_T], field: str) -> _T:
    """``value`` if it is a ``kind``; an :class:`InvalidTypeError` naming ``field``."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field=field, value=value, expected=kind.__name__)
    return value


def number_arg(value: object, field: str) -> Decimal:
    """A finite number, or an error naming ``field``.

    Callers inside the package pass finite Decimals (the fast path); a
    user's call gets the same clear error as any other argument.
    """
    if type(value) is Decimal and value.is_finite():
        return value
    return to_decimal(value, field=field)


def non_negative_arg(value: DecimalInput, field: str) -> Decimal:
    """A finite number >= 0, or an error naming ``field``."""
    number = to_decimal(value, field=field)
    require(number >= 0, field=field, value=value, expected="a number >= 0")
    return bounded(number, value, field)


def positive_arg(value: DecimalInput, field: str) -> Decimal:
    """A finite number > 0, or an error naming ``field``."""
    number = to_decimal(value, field=field)
    require(number > 0, field=field, value=value, expected="a number > 0")
    return bounded(number, value, field)


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
    return bounded(number, value, field)


def optional_day(value: dt.date | str | None, field: str) -> dt.date | None:
    """``None``, or a date (``"YYYY-MM-DD"`` accepted), naming ``field``."""
    if value is None or type(value) is dt.date:
        return value
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field(field) from None
