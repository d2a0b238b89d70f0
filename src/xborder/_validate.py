"""Checks and attrs converters shared by every model (private).

Converters run before the caller's field name is known, so they raise
:class:`~xborder.errors.XborderError` without a field; :func:`named_errors`,
passed to ``attrs.frozen(field_transformer=...)``, wraps each converter so the
error names the field it was converting. Converters are named, annotated
functions because mypy's attrs plugin reads the first parameter's type as the
``__init__`` type.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from xborder._exact import EXACT
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError

if TYPE_CHECKING:
    from collections.abc import Callable

    import attrs

__all__ = [
    "DecimalInput",
    "count",
    "date_value",
    "decimal",
    "flag",
    "fraction",
    "instance_of",
    "named_errors",
    "non_negative",
    "non_negative_count",
    "optional_date",
    "optional_flag",
    "optional_text",
    "positive",
    "positive_count",
    "require",
    "text",
    "to_decimal",
    "tuple_of",
]

DecimalInput: TypeAlias = Decimal | int | str
"""What xborder accepts where it needs an exact number: never ``float``."""

_T = TypeVar("_T")

_NUMBER = "a Decimal, int or numeric str"
_FLOAT_HINT = (
    "floats are binary approximations (0.1 is 0.1000000000000000055...); "
    "pass Decimal('0.1') or the string '0.1'"
)


def to_decimal(value: object, *, field: str | None = None) -> Decimal:
    """Return ``value`` as a finite Decimal, refusing float, bool, NaN and Infinity.

    Examples:
        >>> to_decimal("12.50")
        Decimal('12.50')
        >>> to_decimal(0.1)
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidTypeError: expected a Decimal, int or numeric str, got
        0.1...
    """
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        # bool is an int subclass; True as an amount is always a bug.
        raise InvalidTypeError(field=field, value=value, expected=_NUMBER)
    elif isinstance(value, int):
        if value.bit_length() > _MAX_INT_BITS:
            # Converting a million-digit int takes seconds; it would be
            # refused as out of range just after.
            raise InvalidInputError(field=field, value=value, expected=_IN_RANGE)
        number = Decimal(value)
    elif isinstance(value, str):
        number = _parse(value, field)
    elif isinstance(value, float):
        raise InvalidTypeError(_FLOAT_HINT, field=field, value=value, expected=_NUMBER)
    else:
        raise InvalidTypeError(field=field, value=value, expected=_NUMBER)
    if not number.is_finite():
        raise InvalidInputError(field=field, value=value, expected="a finite number")
    if not _EMIN <= number.adjusted() <= _EMAX:
        # Decimal('1E+999999999999') parses, but every operation on it
        # overflows and printing it in full would take gigabytes.
        raise InvalidInputError(field=field, value=value, expected=_IN_RANGE)
    return number


_EMIN, _EMAX = EXACT.Emin, EXACT.Emax
_MAX_INT_BITS = math.ceil((_EMAX + 1) * math.log2(10))  # ints below 1E+1000000
_IN_RANGE = f"a number between 1E{_EMIN} and 1E+{_EMAX} in size"


def _parse(value: str, field: str | None) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:
        raise InvalidInputError(field=field, value=value, expected=_NUMBER) from None


def require(
    condition: bool,  # noqa: FBT001 - reads as a guard clause: require(x > 0, ...)
    *,
    field: str | None,
    value: object,
    expected: str,
) -> None:
    """Raise :class:`InvalidInputError` naming ``field`` unless ``condition`` holds."""
    if not condition:
        raise InvalidInputError(field=field, value=value, expected=expected)


def decimal(value: DecimalInput) -> Decimal:
    """Converter: any finite number (see :func:`to_decimal`)."""
    return to_decimal(value)


def non_negative(value: DecimalInput) -> Decimal:
    """Converter: a finite number >= 0."""
    number = to_decimal(value)
    require(number >= 0, field=None, value=value, expected="a number >= 0")
    return number


def positive(value: DecimalInput) -> Decimal:
    """Converter: a finite number > 0."""
    number = to_decimal(value)
    require(number > 0, field=None, value=value, expected="a number > 0")
    return number


def fraction(value: DecimalInput) -> Decimal:
    """Converter: a rate between 0 and 1 inclusive (write 19% as ``"0.19"``)."""
    number = to_decimal(value)
    require(
        0 <= number <= 1,
        field=None,
        value=value,
        expected="a fraction between 0 and 1 (19% is '0.19')",
    )
    return number


def count(value: int) -> int:
    """Converter: an ``int`` (not ``bool``, not ``float``), any sign."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field=None, value=value, expected="an int")
    return value


def non_negative_count(value: int) -> int:
    """Converter: an ``int`` >= 0."""
    number = count(value)
    require(number >= 0, field=None, value=value, expected="an int >= 0")
    return number


def positive_count(value: int) -> int:
    """Converter: an ``int`` >= 1."""
    number = count(value)
    require(number >= 1, field=None, value=value, expected="an int >= 1")
    return number


def text(value: str) -> str:
    """Converter: a ``str`` with at least one non-space character, kept as given."""
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str")
    require(bool(value.strip()), field=None, value=value, expected="non-empty text")
    return value


def optional_text(value: str | None) -> str | None:
    """Converter: non-empty text, or ``None``."""
    return None if value is None else text(value)


def flag(value: bool) -> bool:  # noqa: FBT001 - a converter takes one value
    """Converter: ``True`` or ``False``; ``1``, ``"yes"`` and such are refused."""
    if not isinstance(value, bool):
        raise InvalidTypeError(field=None, value=value, expected="True or False")
    return value


def optional_flag(value: bool | None) -> bool | None:  # noqa: FBT001
    """Converter: ``True``, ``False`` or ``None``."""
    return None if value is None else flag(value)


def date_value(value: dt.date | str) -> dt.date:
    """Converter: a ``date`` or an ISO ``"YYYY-MM-DD"`` string; datetimes refused.

    A ``datetime`` is a ``date`` subclass, but comparing one with a ``date``
    raises ``TypeError`` deep inside a calculation, so it is refused here.
    """
    if isinstance(value, dt.datetime):
        raise InvalidTypeError(
            "pass value.date() if the time of day does not matter",
            field=None,
            value=value,
            expected="a date, not a datetime",
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInputError(field=None, value=value, expected="a date or 'YYYY-MM-DD'")


def optional_date(value: dt.date | str | None) -> dt.date | None:
    """Converter: a date (see :func:`date_value`), or ``None``."""
    return None if value is None else date_value(value)


def named_errors(
    cls: type, fields: list[attrs.Attribute[Any]]
) -> list[attrs.Attribute[Any]]:
    """Attrs ``field_transformer`` that makes converter errors name their field."""
    del cls  # the transformer protocol passes it; the wrapping needs only fields
    return [
        field.evolve(converter=_naming(field.converter, field.alias or field.name))
        if callable(field.converter)
        else field
        for field in fields
    ]


def _naming(converter: Callable[[Any], _T], name: str) -> Callable[[Any], _T]:
    def convert(value: Any) -> _T:  # noqa: ANN401 - converters see raw input
        try:
            return converter(value)
        except XborderError as error:
            raise error.in_field(name) from None

    convert.__name__ = getattr(converter, "__name__", "convert")
    convert.__doc__ = converter.__doc__
    return convert


def tuple_of(values: Iterable[_T], kind: type[_T] | tuple[type, ...]) -> tuple[_T, ...]:
    """Return ``values`` as a tuple after checking each item is a ``kind``.

    Models store tuples, never lists. A bare ``str`` is refused (it is an
    iterable of letters); a wrong item names its index (``[2]``), which
    :func:`named_errors` prefixes with the field: ``lines[2]``.

    A typed converter for a field is then one line (mypy's attrs plugin
    cannot use a generic converter, so each field gets its own)::

        def _lines(values: Iterable[Line]) -> tuple[Line, ...]:
            return tuple_of(values, Line)
    """
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidTypeError(field=None, value=values, expected="a sequence")
    items = tuple(values)
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidTypeError(
                field=f"[{index}]", value=item, expected=f"{_name(kind)}"
            )
    return items


def _name(kind: type | tuple[type, ...]) -> str:
    if isinstance(kind, tuple):
        return " or ".join(k.__name__ for k in kind)
    return kind.__name__


def instance_of(kind: type | tuple[type, ...]) -> Callable[[object, Any, object], None]:
    """An attrs validator: the value is a ``kind``; the error names the field.

    attrs' own ``instance_of`` puts the whole ``Attribute(...)`` repr in its
    message; this one says ``unit_price: expected Money, got '1.00'``.
    """

    def check(instance: object, attribute: Any, value: object) -> None:  # noqa: ANN401
        del instance  # part of the attrs validator protocol
        if not isinstance(value, kind):
            raise InvalidTypeError(
                field=attribute.alias or attribute.name,
                value=value,
                expected=_name(kind),
            )

    return check
