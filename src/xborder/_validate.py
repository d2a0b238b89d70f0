"""Checks and attrs converters shared by every model (private).

Converters run before the caller's field name is known, so they raise
:class:`~xborder.errors.XborderError` without a field; :func:`named_errors`,
passed to ``attrs.frozen(field_transformer=...)``, wraps each converter so the
error names the field it was converting. Converters are named, annotated
functions because mypy's attrs plugin reads the first parameter's type as the
``__init__`` type.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import functools
import inspect
import numbers
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError

if TYPE_CHECKING:
    from collections.abc import Callable

    import attrs

__all__ = [
    "FINEST",
    "IN_RANGE",
    "LARGEST",
    "DecimalInput",
    "count",
    "date_value",
    "decimal",
    "flag",
    "fraction",
    "in_range",
    "instance_of",
    "items_of",
    "iterator_of",
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
    """Return ``value`` as a finite Decimal within xborder's range.

    Accepted: ``Decimal``, ``int`` (NumPy integers too), a numeric ``str``
    written with ASCII digits (surrounding spaces allowed; no ``_`` grouping),
    and Arrow integer and decimal scalars. Refused: ``float`` (NumPy floats
    too), ``bool``, NaN, Infinity, digits from other scripts (``"١٢٣"`` is
    not read as 123: a report in another script is a parsing decision for
    the caller), and numbers outside :data:`LARGEST` and :data:`FINEST`,
    which no price, rate or quantity reaches and which would make later
    arithmetic overflow or crawl. Negative zero is returned as zero.
    Nothing here reads or changes the caller's decimal context.

    Examples:
        >>> to_decimal("12.50")
        Decimal('12.50')
        >>> to_decimal("-0.00")
        Decimal('0.00')
        >>> to_decimal(0.1)
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidTypeError: expected a Decimal, int or numeric str, got
        0.1...
    """
    if type(value) is str:  # exact str: no subclass's __eq__ reaches the cache
        known = _PARSED.get(value)
        if known is None:
            known = _checked_decimal(value, field)
            if len(_PARSED) < _MAX_PARSED:
                _PARSED[value] = known
        return known
    if type(value) is int and -_INT_LIMIT < value < _INT_LIMIT:
        # A whole number below 1E+36 is within range: nothing more to check.
        return Decimal(value)
    return _checked_decimal(value, field)


def _checked_decimal(value: object, field: str | None) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        # bool is an int subclass; True as an amount is always a bug.
        raise InvalidTypeError(field=field, value=value, expected=_NUMBER)
    elif isinstance(value, int):
        number = _from_int(value, field)
    elif isinstance(value, str):
        number = _parse(value, field)
    elif isinstance(value, float):
        raise InvalidTypeError(_FLOAT_HINT, field=field, value=value, expected=_NUMBER)
    else:
        return to_decimal(_foreign_number(value, field), field=field)
    if not number.is_finite():
        raise InvalidInputError(field=field, value=value, expected="a finite number")
    if number:
        if not in_range(number):
            raise InvalidInputError(field=field, value=value, expected=_IN_RANGE)
        return number
    # Zero: never negative ("-0 EUR"), and at a sane exponent (0E-999999 is 0).
    return number.copy_abs() if in_range(number) else _ZERO


_PARSED: dict[str, Decimal] = {}
"""Numeric text -> the Decimal :func:`to_decimal` made of it, once checked.

Users type the same amounts again and again (``Money("0.18", "USD")``,
``level="264.77"``); matching, reading and range-checking one costs ~0.75
µs, a cached one ~0.1 µs, half the cost of building a ``Money`` (bench
_stockpyl_peer, bench_inventory). Only exact ``str`` keys (no subclass's
``__eq__``) and only numbers that passed are kept; a Decimal cannot be
changed, so no call can alter what another gets, and none depends on the
decimal context (``Decimal(text)`` is exact)."""
_MAX_PARSED = 4096  # distinct texts; past that, each new one is read each time


LARGEST = Decimal("1E+36")
"""Numbers xborder accepts are smaller than this in size.

Far above any amount, quantity or count in trade (world GDP is about 1E+14
US dollars, or 1E+18 in the smallest currency units), and small enough that
products of a few such numbers stay exact and fast."""

FINEST = Decimal("1E-100")
"""The finest digit xborder accepts: ``1E-100`` is read, ``1E-101`` is not.

A step of ``1E-500000`` would make every quantize produce half a million
digits."""

_LARGEST_DIGITS = 36  # adjusted() of LARGEST
_FINEST_EXPONENT = -100
_ZERO = Decimal(0)
_MAX_TEXT = 200  # characters: 36 digits, 100 decimals, sign, point, exponent
_IN_RANGE = "a number smaller than 1E+36 with no digit below 1E-100"
_NUMERIC_TEXT = re.compile(
    r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?(?P<exponent>\d+))?\s*", re.ASCII
)
_EXPONENT_DIGITS = 9


IN_RANGE = _IN_RANGE
"""What :func:`in_range` holds, in words, for error messages."""


def in_range(number: Decimal) -> bool:
    """Whether a finite Decimal is below :data:`LARGEST` with no digit below FINEST."""
    if number.adjusted() >= _LARGEST_DIGITS:
        return False
    # The exponent, read from the text when it is in plain notation (every
    # exponent from 0 down to a few digits past the point): str() costs a
    # twentieth of as_tuple(), and every number entering xborder is checked.
    text = str(number)
    if "E" in text or "e" in text:  # the caller's context may print "e"
        return number.as_tuple().exponent >= _FINEST_EXPONENT  # type: ignore[operator]
    point = text.find(".")
    return point < 0 or len(text) - point - 1 <= -_FINEST_EXPONENT


def _from_int(value: int, field: str | None) -> Decimal:
    # Compare before converting: a million-digit int takes seconds to convert.
    if -_INT_LIMIT < value < _INT_LIMIT:
        return Decimal(value)
    raise InvalidInputError(field=field, value=value, expected=_IN_RANGE)


_INT_LIMIT = 10**_LARGEST_DIGITS


def _parse(value: str, field: str | None) -> Decimal:
    # The pattern admits exactly the finite numbers Decimal() reads in ASCII,
    # so Decimal() below never signals (it would signal in the caller's
    # context, or return NaN where the caller does not trap).
    match = _NUMERIC_TEXT.fullmatch(value) if len(value) <= _MAX_TEXT else None
    if match:
        if len(match["exponent"] or "") > _EXPONENT_DIGITS:
            # Decimal() itself signals past an exponent of 10**18.
            raise InvalidInputError(field=field, value=value, expected=_IN_RANGE)
        return Decimal(value)
    if value.strip().lower().lstrip("+-") in _NOT_FINITE:
        raise InvalidInputError(field=field, value=value, expected="a finite number")
    raise InvalidInputError(field=field, value=value, expected=_NUMBER)


_NOT_FINITE = frozenset({"nan", "snan", "inf", "infinity"})


def _foreign_number(value: object, field: str | None) -> int | Decimal:
    """An int or Decimal from a NumPy integer or an Arrow scalar, else an error.

    DataFrames hand out NumPy and Arrow scalars (``df["qty"][0]`` is a
    ``numpy.int64``); they are exact, so they are read like ``int`` and
    ``Decimal``. NumPy floats subclass ``float`` (float64) or are refused
    below (float32, float16), like floats.
    """
    if isinstance(value, numbers.Integral):  # bool was refused before
        return int(value)
    kind = type(value)
    if kind.__module__.startswith("pyarrow") and kind.__name__ in _ARROW_EXACT:
        number = value.as_py()  # type: ignore[attr-defined]
        if isinstance(number, int | Decimal) and not isinstance(number, bool):
            return number
    raise InvalidTypeError(field=field, value=value, expected=_NUMBER)


_ARROW_EXACT = frozenset(
    {
        "Int8Scalar",
        "Int16Scalar",
        "Int32Scalar",
        "Int64Scalar",
        "UInt8Scalar",
        "UInt16Scalar",
        "UInt32Scalar",
        "UInt64Scalar",
        "Decimal32Scalar",
        "Decimal64Scalar",
        "Decimal128Scalar",
        "Decimal256Scalar",
    }
)


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
    """Converter: an ``int`` (not ``bool``, not ``float``) smaller than 1E+36.

    NumPy and Arrow integers are read as ``int``.
    """
    given: object = value  # annotated int for mypy's attrs plugin; anything arrives
    if isinstance(given, bool):
        raise InvalidTypeError(field=None, value=given, expected="an int")
    if not isinstance(given, int):
        if not isinstance(given, numbers.Integral) and not _is_arrow_int(given):
            raise InvalidTypeError(field=None, value=given, expected="an int")
        given = int(_foreign_number(given, None))
    if not -_INT_LIMIT < given < _INT_LIMIT:
        raise InvalidInputError(field=None, value=given, expected=_IN_RANGE)
    return given


def _is_arrow_int(value: object) -> bool:
    kind = type(value)
    return kind.__module__.startswith("pyarrow") and kind.__name__.startswith(
        ("Int", "UInt")
    )


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
    convert.__annotations__ = dict(_annotations_of(converter))
    return convert


# Converters annotate with collections.abc names imported for type checkers only.
_ABC_NAMES = {name: getattr(collections.abc, name) for name in collections.abc.__all__}


@functools.cache  # one converter serves many fields; import time stays flat
def _annotations_of(converter: Callable[..., Any]) -> dict[str, Any]:
    """The converter's own input and output types, for the wrapper that names errors.

    attrs types each ``__init__`` parameter with its converter's first
    parameter, so without this every field of every model reads ``Any`` in
    ``inspect.signature``, ``help()`` and Jupyter's ``?``. Annotations are
    evaluated where they can be (``Decimal | int | str``), kept as written
    where a name exists only for type checkers.
    """
    try:
        signature = inspect.signature(converter, eval_str=True, locals=_ABC_NAMES)
    except (NameError, TypeError, ValueError, SyntaxError, AttributeError):
        try:
            signature = inspect.signature(converter)
        except (TypeError, ValueError):
            return {}
    first = next(iter(signature.parameters.values()), None)
    annotations: dict[str, Any] = {}
    if first is not None and first.annotation is not inspect.Parameter.empty:
        annotations["value"] = first.annotation
    if signature.return_annotation is not inspect.Signature.empty:
        annotations["return"] = signature.return_annotation
    return annotations


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
    items = items_of(values, field=None)
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidTypeError(
                field=f"[{index}]", value=item, expected=f"{_name(kind)}"
            )
    return items


def items_of(
    values: Iterable[_T], *, field: str | None, expected: str = "a sequence"
) -> tuple[_T, ...]:
    """Return the items of ``values`` as a tuple, or raise naming ``field``.

    The one check of "a sequence of things" every argument and converter uses.
    Refused: ``str`` and ``bytes`` (iterables of letters), mappings (their
    keys would be taken silently), and anything that is not iterable or
    fails while being iterated: a scalar pint quantity declares ``__iter__``
    and raises ``TypeError`` from it.

    Examples:
        >>> items_of([1, 2], field="weights")
        (1, 2)
        >>> items_of("12", field="weights")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidTypeError: weights: expected a sequence, got '12'
    """
    if type(values) is tuple:
        return values
    if type(values) is list:  # the common case, without the slower ABC checks
        return tuple(values)
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidTypeError(field=field, value=values, expected=expected)
    try:
        return tuple(values)
    except TypeError:
        raise InvalidTypeError(field=field, value=values, expected=expected) from None


def iterator_of(
    values: Iterable[_T], *, field: str | None, expected: str = "an iterable"
) -> Iterator[_T]:
    """An iterator over ``values``, none of them read yet, or an error naming ``field``.

    :func:`items_of` for lazy readers: rows of an export may not fit in
    memory (a ``csv.reader`` over a large file), so they are not collected
    into a tuple. Refused alike: ``str`` and ``bytes``, mappings, and what is
    not iterable or fails as iteration starts (a scalar pint quantity).

    Examples:
        >>> next(iterator_of(iter([{"sku": "A"}]), field="records"))
        {'sku': 'A'}
        >>> iterator_of({"sku": "A"}, field="records")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidTypeError: records: expected an iterable, got {'sku': 'A'}
    """
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidTypeError(field=field, value=values, expected=expected)
    try:
        return iter(values)
    except TypeError:
        raise InvalidTypeError(field=field, value=values, expected=expected) from None


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
