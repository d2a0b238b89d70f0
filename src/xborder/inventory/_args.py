"""Argument checks and result-field converters shared by the calculators (private).

Numbers are bounded where they enter, once for every package, by
:func:`xborder._validate.to_decimal` (smaller than ``LARGEST``, 1E+36, no
digit below ``FINEST``, 1E-100). Within those bounds every inventory
calculation stays finite: the largest intermediate, a daily rate squared
times a lead-time variance, is below 1E+350 in Decimal (whose limit is
1E+999999), and whatever goes through float (the normal distribution) is a
ratio of two bounded numbers, below 1E+136. So no tighter bound is needed
here; durations and Money amounts, which reach inventory already converted
(``"1E+35 years"`` is 3.65E+37 days) or computed (Money arithmetic is exact
at any size), are checked against the same bounds.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from xborder._validate import (
    FINEST,
    LARGEST,
    DecimalInput,
    date_value,
    fraction,
    in_range,
    non_negative,
    require,
    to_decimal,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.money import Money
from xborder.money.converters import exact_money, non_negative_money
from xborder.units import as_duration, non_negative_quantity, positive_quantity

if TYPE_CHECKING:
    from collections.abc import Callable

    import attrs

    from xborder.money import Currency
    from xborder.units import Quantity, QuantityInput

__all__ = [
    "days",
    "duration_in_range",
    "expect",
    "is_a",
    "is_a_or_none",
    "member",
    "money_arg",
    "money_in_range",
    "money_result",
    "non_negative_arg",
    "non_negative_duration",
    "number_arg",
    "optional_day",
    "optional_fraction",
    "optional_non_negative",
    "optional_number",
    "positive_arg",
    "positive_duration",
    "whole_units",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)

_DURATION_RANGE = (
    f"a duration shorter than {LARGEST} days, with no digit below {FINEST} days"
)
_AMOUNT_RANGE = f"an amount smaller than {LARGEST} with no digit below {FINEST}"


def duration_in_range(
    instance: object,  # noqa: ARG001 - attrs passes the instance to validators
    attribute: attrs.Attribute[Any],
    value: Quantity,
) -> None:
    """A validator: a duration (its sign checked elsewhere) within range, in days."""
    if not in_range(value.magnitude):
        raise InvalidInputError(
            field=attribute.alias or attribute.name,
            value=str(value),
            expected=_DURATION_RANGE,
        )


def non_negative_duration(
    instance: object, attribute: attrs.Attribute[Any], value: Quantity
) -> None:
    """A validator: ``non_negative_quantity`` then ``duration_in_range``, in one call.

    Every lead-time leg checks two durations this way; the pair through
    attrs' ``and_`` and the public validator's context guard cost ~1 µs a
    field (bench_inventory's stockpyl cases). A valid duration is told by
    one read of its magnitude; anything else runs the two validators in
    their order, so it fails with exactly the error it always did.
    """
    number = getattr(value, "magnitude", None)
    if number.__class__ is Decimal and number >= 0 and in_range(number):
        return
    non_negative_quantity(instance, attribute, value)
    duration_in_range(instance, attribute, value)


def positive_duration(
    instance: object, attribute: attrs.Attribute[Any], value: Quantity
) -> None:
    """A validator: ``positive_quantity`` then ``duration_in_range`` (see above)."""
    number = getattr(value, "magnitude", None)
    if number.__class__ is Decimal and number > 0 and in_range(number):
        return
    positive_quantity(instance, attribute, value)
    duration_in_range(instance, attribute, value)


def expect(value: object, kind: type[_T], field: str) -> _T:
    """``value`` if it is a ``kind``; an :class:`InvalidTypeError` naming ``field``."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field=field, value=value, expected=kind.__name__)
    return value


def number_arg(value: object, field: str) -> Decimal:
    """A finite number within xborder's range, or an error naming ``field``."""
    return to_decimal(value, field=field)


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
    if not in_range(number):
        raise InvalidInputError(field=field, value=str(value), expected=_DURATION_RANGE)
    return number


def optional_day(value: dt.date | str | None, field: str) -> dt.date | None:
    """``None``, or a date (``"YYYY-MM-DD"`` accepted), naming ``field``."""
    if value is None or type(value) is dt.date:
        return value
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field(field) from None


def money_in_range(money: Money, value: object, field: str | None) -> Money:
    """``money`` if its amount is within xborder's range (Money arithmetic is not)."""
    if not in_range(money.amount):
        raise InvalidInputError(field=field, value=value, expected=_AMOUNT_RANGE)
    return money


def money_arg(value: object, field: str) -> Money:
    """A :class:`Money` >= 0 within range, or an error naming ``field``."""
    try:
        money = non_negative_money(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field(field) from None
    return money_in_range(money, value, field)


def money_result(amount: Decimal, currency: Currency, field: str) -> Money:
    """A computed amount as Money, or Money's own error naming ``field``.

    An amount within range (no digit below 1E-100, below 1E+36) is exactly
    what ``Money()`` accepts, so it is built without the constructor's
    checks, ~0.5 µs of every cost a calculator returns (bench_inventory's
    stockpyl cases); one beyond range still goes through ``Money()`` to fail
    as it always did.
    """
    if in_range(amount):
        return exact_money(amount, currency)
    try:
        return Money(amount, currency)
    except XborderError as error:
        raise error.in_field(field) from None


@functools.cache
def _members(kind: type[_E]) -> dict[str, _E]:
    # ``kind(value)`` goes through EnumMeta.__call__ and Enum.__new__, ~0.6 µs
    # of every calculator that takes a ``distribution="poisson"``; a plain
    # dict of the (fixed) members' values finds the same member.
    return {item.value: item for item in kind}


def member(kind: type[_E], value: object) -> _E:
    """``value`` as a member of the str enum ``kind`` (a member, or its value).

    Anything but a ``str`` is refused by type first: ``Enum(value)`` would
    compare it with every member and put its ``repr`` in a ``ValueError``.
    """
    if isinstance(value, kind):
        return value
    if type(value) is str:  # exact str: no subclass's __eq__ reaches the table
        found: _E | None = _members(kind).get(value)
        if found is not None:
            return found
    elif isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    # The list of members is only written out for an error (~1 µs).
    expected = f"one of {[item.value for item in kind]}"
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected=expected)
    raise InvalidInputError(field=None, value=value, expected=expected)


# -- converters and validators for result fields ----------------------------------


def is_a(kind: type[_T]) -> Callable[[object, attrs.Attribute[_T], _T], None]:
    """A validator: the value is a ``kind``; the error names the field.

    Typed by ``kind``, so mypy's attrs plugin reads the field's type from it.
    """

    def check(instance: object, attribute: attrs.Attribute[_T], value: _T) -> None:
        del instance  # part of the attrs validator protocol
        if not isinstance(value, kind):
            raise InvalidTypeError(
                field=attribute.alias or attribute.name,
                value=value,
                expected=kind.__name__,
            )

    return check


def is_a_or_none(
    kind: type[_T],
) -> Callable[[object, attrs.Attribute[_T | None], _T | None], None]:
    """A validator: the value is a ``kind`` or ``None``; the error names the field."""

    def check(
        instance: object, attribute: attrs.Attribute[_T | None], value: _T | None
    ) -> None:
        del instance  # part of the attrs validator protocol
        if value is not None and not isinstance(value, kind):
            raise InvalidTypeError(
                field=attribute.alias or attribute.name,
                value=value,
                expected=f"{kind.__name__} or None",
            )

    return check


def optional_number(value: DecimalInput | None) -> Decimal | None:
    """Converter: a finite number, or ``None``."""
    return None if value is None else to_decimal(value)


def optional_non_negative(value: DecimalInput | None) -> Decimal | None:
    """Converter: a finite number >= 0, or ``None``."""
    return None if value is None else non_negative(value)


def optional_fraction(value: DecimalInput | None) -> Decimal | None:
    """Converter: a fraction between 0 and 1, or ``None``."""
    return None if value is None else fraction(value)


def whole_units(level: Decimal, units: int, field: str) -> None:
    """Check that ``units`` is ``level`` rounded up (``RoundingMode.CEILING``)."""
    require(
        units == math.ceil(level),
        field=field,
        value=units,
        expected=f"{level} rounded up to whole units",
    )
