"""What every codec does, and the codecs for plain values (private).

A codec turns one declared type into plain data and back. It says which
*kinds* of data it reads (``"str"``, ``"object"``...), so a union can pick
the member a piece of data belongs to without guessing.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from xborder._validate import count, date_value, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable, Iterable

__all__ = [
    "MAX_DEPTH",
    "AnyCodec",
    "BoolCodec",
    "Codec",
    "DateCodec",
    "DateTimeCodec",
    "DecimalCodec",
    "EnumCodec",
    "IntCodec",
    "LiteralCodec",
    "NoneCodec",
    "PlainData",
    "StrCodec",
    "decimal_text",
    "exact_text",
    "kind_of",
    "refuse",
]

PlainData: TypeAlias = (
    bool | int | str | list["PlainData"] | dict[str, "PlainData"] | None
)
"""What :func:`~xborder.serialize.to_data` returns: JSON's own types, no float."""

_FLOAT_HINT = (
    "floats lose digits (0.1 is 0.1000000000000000055...); write the number "
    "as a string, or load JSON and TOML with parse_float=Decimal"
)


def kind_of(data: object) -> str:  # noqa: C901, PLR0911 - one answer per kind
    """The JSON kind of ``data``: what a union looks at to choose a member.

    ``"number"`` is a Decimal (``json.loads(text, parse_float=Decimal)``),
    ``"date"`` a TOML date; ``"instance"`` anything already built.
    """
    if data is None:
        return "null"
    if isinstance(data, bool):
        return "bool"
    if isinstance(data, int):
        return "int"
    if isinstance(data, str):
        return "str"
    if isinstance(data, Decimal):
        return "number"
    if isinstance(data, float):
        return "float"
    if isinstance(data, list | tuple):
        return "array"
    if isinstance(data, Mapping):
        return "object"
    if isinstance(data, dt.datetime):
        return "datetime"
    if isinstance(data, dt.date):
        return "date"
    return "instance"


def refuse(data: object, expected: str) -> InvalidTypeError:
    """The error for data of the wrong kind (floats get a hint)."""
    detail = _FLOAT_HINT if isinstance(data, float) else None
    return InvalidTypeError(detail, field=None, value=data, expected=expected)


def exact_text(number: Decimal) -> str:
    """A Decimal as text :func:`~xborder.serialize.from_data` reads back.

    The number is held to the bounds every number entering xborder meets
    (:func:`xborder._validate.to_decimal`: smaller than 1E+36, no digit below
    1E-100, no negative zero), so that what is written can be read: a
    value past them is refused here, naming its path, rather than written
    to a file that cannot be loaded.
    """
    return decimal_text(to_decimal(number))


def decimal_text(number: Decimal) -> str:
    """A Decimal as exact text: ``'12.50'``, ``'0.0000001'``, ``'2.5E+3'``.

    Plain notation keeps trailing zeros (the exponent survives the trip);
    a positive exponent stays scientific, because ``'2500'`` would come back
    as a different (if equal) Decimal.
    """
    text = str(number)
    return f"{number:f}" if "E-" in text else text


class Codec:
    """Turns values of one declared type into plain data and back."""

    name: str = "value"
    """How a union's ``"type"`` key and error messages name this type."""
    kinds: frozenset[str] = frozenset()
    """The kinds of data (see :func:`kind_of`) :meth:`decode` reads."""
    closed: bool = False
    """Whether only a few values decode (an enum): a union tries it first."""
    tag_inside: bool = False
    """Whether a union's ``"type"`` key goes inside the encoded mapping."""

    def matches(self, value: object) -> bool:
        """Whether ``value`` is of this codec's type (a union's choice)."""
        raise NotImplementedError

    def encode(self, value: object) -> PlainData:
        """``value`` as plain data."""
        raise NotImplementedError

    def decode(self, data: object) -> object:
        """The value ``data`` describes."""
        raise NotImplementedError


class NoneCodec(Codec):
    """``None`` as JSON ``null``."""

    name = "None"
    kinds = frozenset({"null"})
    closed = True

    def matches(self, value: object) -> bool:
        return value is None

    def encode(self, value: object) -> PlainData:
        if value is not None:
            raise refuse(value, "None")
        return None

    def decode(self, data: object) -> object:
        if data is not None:
            raise refuse(data, "null")
        return None


class BoolCodec(Codec):
    """``True``/``False`` as themselves; no 0/1, no ``"yes"``."""

    name = "bool"
    kinds = frozenset({"bool"})
    closed = True

    def matches(self, value: object) -> bool:
        return isinstance(value, bool)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, bool):
            raise refuse(value, "a bool")
        return value

    def decode(self, data: object) -> object:
        if not isinstance(data, bool):
            raise refuse(data, "true or false")
        return data


class IntCodec(Codec):
    """An ``int`` (never a bool, never ``3.0``)."""

    name = "int"
    kinds = frozenset({"int"})

    def matches(self, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    def encode(self, value: object) -> PlainData:
        if isinstance(value, bool) or not isinstance(value, int):
            raise refuse(value, "an int")
        return count(value)  # below 1E+36 in size, as every int xborder takes

    def decode(self, data: object) -> object:
        if not self.matches(data):
            raise refuse(data, "a whole number")
        return count(data)  # type: ignore[arg-type] # an int, checked above


class StrCodec(Codec):
    """Text as itself."""

    name = "str"
    kinds = frozenset({"str"})

    def matches(self, value: object) -> bool:
        return isinstance(value, str)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, str):
            raise refuse(value, "a str")
        return value

    def decode(self, data: object) -> object:
        if not isinstance(data, str):
            raise refuse(data, "text")
        return data


class DecimalCodec(Codec):
    """A Decimal as exact text (``"12.50"``); reads text, ints and Decimals."""

    name = "Decimal"
    kinds = frozenset({"str", "int", "number"})

    def matches(self, value: object) -> bool:
        return isinstance(value, Decimal)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, Decimal):
            raise refuse(value, "a Decimal")
        return exact_text(value)

    def decode(self, data: object) -> object:
        if isinstance(data, float):
            raise refuse(data, "a number as text, such as '12.50'")
        return to_decimal(data)


class DateCodec(Codec):
    """A date as ISO text (``"2026-09-01"``); reads TOML dates too."""

    name = "date"
    kinds = frozenset({"str", "date"})

    def matches(self, value: object) -> bool:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)

    def encode(self, value: object) -> PlainData:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise refuse(value, "a date")
        return value.isoformat()

    def decode(self, data: object) -> object:
        if not isinstance(data, str | dt.date):
            raise refuse(data, "a date as 'YYYY-MM-DD'")
        return date_value(data)


class DateTimeCodec(Codec):
    """A datetime as ISO 8601 text, its offset included when it has one."""

    name = "datetime"
    kinds = frozenset({"str", "datetime"})

    def matches(self, value: object) -> bool:
        return isinstance(value, dt.datetime)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, dt.datetime):
            raise refuse(value, "a datetime")
        return value.isoformat()

    def decode(self, data: object) -> object:
        if isinstance(data, dt.datetime):
            return data
        if isinstance(data, str):
            try:
                return dt.datetime.fromisoformat(data)
            except ValueError:
                pass
        raise refuse(data, "an ISO 8601 date and time")


class EnumCodec(Codec):
    """An enum member as its value (``"air"`` for ``TransportMode.AIR``)."""

    closed = True

    def __init__(self, kind: type[enum.Enum]) -> None:
        self.kind = kind
        self.name = kind.__name__
        self.kinds = frozenset(kind_of(member.value) for member in kind)
        self._values = ", ".join(repr(member.value) for member in kind)

    def matches(self, value: object) -> bool:
        return isinstance(value, self.kind)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, self.kind):
            raise refuse(value, f"a {self.name}")
        encoded: PlainData = value.value
        return encoded

    def decode(self, data: object) -> object:
        if isinstance(data, self.kind):
            return data
        # Enum lookup would match 1 to a member whose value is True; data of
        # another kind than the values' is never one of them.
        if kind_of(data) in self.kinds:
            try:
                return self.kind(data)
            except ValueError:
                pass
        raise InvalidInputError(
            field=None, value=data, expected=f"a {self.name}: one of {self._values}"
        )


class LiteralCodec(Codec):
    """One of a ``Literal[...]``'s values, as itself."""

    name = "Literal"
    closed = True

    def __init__(self, values: Iterable[object]) -> None:
        self.values = tuple(values)
        self.kinds = frozenset(kind_of(value) for value in self.values)
        self._expected = "one of " + ", ".join(repr(value) for value in self.values)

    def matches(self, value: object) -> bool:
        return self._find(value) is not None

    def _find(self, value: object) -> tuple[object] | None:
        for allowed in self.values:
            if type(allowed) is type(value) and allowed == value:
                return (allowed,)
        return None

    def encode(self, value: object) -> PlainData:
        found = self._find(value)
        if found is None or kind_of(value) not in {"null", "bool", "int", "str"}:
            raise InvalidInputError(field=None, value=value, expected=self._expected)
        return value  # type: ignore[return-value] # a JSON scalar, checked above

    def decode(self, data: object) -> object:
        found = self._find(data)
        if found is None:
            raise InvalidInputError(field=None, value=data, expected=self._expected)
        return found[0]


class AnyCodec(Codec):
    """An undeclared type: encoded by what the value is, decoded as given."""

    name = "Any"
    kinds = frozenset(
        {"null", "bool", "int", "str", "number", "array", "object", "date"}
    )

    def __init__(self, by_type: Callable[[object], Codec]) -> None:
        self._by_type = by_type

    def matches(self, value: object) -> bool:
        del value  # anything is an Any
        return True

    def encode(self, value: object) -> PlainData:
        # Undeclared containers nest as deep as the value does, and a list
        # that holds itself never ends: the depth is counted (per thread) and
        # bounded well below Python's recursion limit.
        depth = _nesting.depth
        if depth >= MAX_DEPTH:
            raise InvalidInputError(
                "a list or mapping that contains itself never ends",
                field=None,
                value=value,
                expected=f"data nested at most {MAX_DEPTH} levels deep",
            )
        _nesting.depth = depth + 1
        try:
            return self._by_type(value).encode(value)
        finally:
            _nesting.depth = depth

    def decode(self, data: object) -> object:
        return data


MAX_DEPTH = 64
"""How deep undeclared lists and mappings may nest in :func:`to_data`.

xborder's models nest a few levels; each undeclared level costs several
Python frames, so 64 stays far from the recursion limit."""


class _Nesting(threading.local):
    depth = 0


_nesting = _Nesting()
