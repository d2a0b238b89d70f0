"""Plain data and JSON for every xborder model, and back.

A landed cost you want to keep, a rate card in your own config file, a
quote to send to another service: :func:`to_data` turns any xborder model
(or your own attrs model made of them) into plain data, the types JSON and
TOML hold, and :func:`from_data` rebuilds the model from it, through the
model's own checks. :func:`to_json` and :func:`from_json` do the same with
JSON text. Nothing here reads or writes files: you hold the text.

How each value is written:

| value | plain data |
| --- | --- |
| ``Decimal`` | exact text: ``"12.50"`` (never a float) |
| ``Money`` | ``{"amount": "12.50", "currency": "EUR"}`` |
| ``Currency`` | its code, ``"EUR"`` |
| ``HsCode`` | its digits, ``"392690"`` |
| quantity | ``"2.5 kilogram"``: exact magnitude, then unit |
| ``date`` | ISO text, ``"2026-09-01"`` |
| enum | its value, ``"air"`` |
| tuple, frozenset | a list (a frozenset's in a stable order) |
| attrs model | a mapping of its ``__init__`` arguments |
| ``UnitEconomics`` | its price and listing, with its figures and lines |

Where a field's declared type is a union of several models (a duty is
``AdValorem | Specific | Compound | ...``), the mapping says which with a
``"type"`` key: ``{"type": "AdValorem", "rate": "0.035"}``. Nowhere else.

Reading is lenient only where it costs nothing: numbers may be ints or
Decimals (``json.loads(text, parse_float=Decimal)``), dates may be TOML
dates, Money may be written ``"12.50 EUR"``, a tuple of pairs (a zone
chart) may be written as a mapping, and a missing key takes the
model's default (or ``None`` for an optional field, as TOML has no null).
Floats are refused; bad data raises an
:class:`~xborder.errors.XborderError` whose ``field`` is the path to it.

Examples:
    >>> from xborder.money import Money
    >>> from xborder.landed_cost import Line
    >>> line = Line(sku="PH-01", hs_code="392690", origin_country="CN",
    ...             quantity=100, unit_price=Money("2.00", "GBP"), unit_weight="85 g")
    >>> data = to_data(line)
    >>> data["unit_price"], data["unit_weight"]
    ({'amount': '2.00', 'currency': 'GBP'}, '0.085 kilogram')
    >>> from_data(Line, data) == line
    True
    >>> from_json(Line, to_json(line)) == line
    True
    >>> from_data(Line, {**data, "unit_price": {"amount": "2,00", "currency": "GBP"}})
    Traceback (most recent call last):
    ...
    xborder.errors.InvalidInputError: unit_price.amount: expected a Decimal, ... got
    '2,00'
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, TypeVar, overload

from xborder._guard import guard_public
from xborder._validate import non_negative_count, require
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.serialize._build import codec_for, codec_of_value
from xborder.serialize._codec import Codec, PlainData

__all__ = ["PlainData", "from_data", "from_json", "to_data", "to_json"]

_T = TypeVar("_T")


def to_data(value: object, *, as_type: object = None) -> PlainData:
    """Return ``value`` as plain data: dicts, lists, str, int, bool and None.

    Args:
        value: An xborder model, your own attrs model, or a tuple, list or
            mapping of them (or a Decimal, date, quantity...).
        as_type: The type to write ``value`` as, when it is not simply its
            own class: ``tuple[DutyExpression, ...]`` writes each duty with
            the ``"type"`` key that :func:`from_data` needs to tell them
            apart. By default, ``type(value)``.

    Raises:
        InvalidTypeError: Something in ``value`` has no plain form (a float);
            ``field`` is its path, such as ``lines[2].unit_price``.

    Examples:
        >>> from xborder.money import Money
        >>> to_data(Money("12.50", "EUR"))
        {'amount': '12.50', 'currency': 'EUR'}
        >>> from xborder.customs import AdValorem, DutyExpression
        >>> to_data((AdValorem("0.035"),), as_type=tuple[DutyExpression, ...])
        [{'type': 'AdValorem', 'rate': '0.035'}]
    """
    codec = codec_of_value(value) if as_type is None else _codec(as_type, "as_type")
    return codec.encode(value)


@overload
def from_data(cls: type[_T], data: object) -> _T: ...
@overload
def from_data(cls: object, data: object) -> Any: ...  # noqa: ANN401 - a union or alias
def from_data(cls: object, data: object) -> Any:
    """Rebuild a ``cls`` from plain data, through its own checks.

    Args:
        cls: What to build: an xborder model, your attrs model, or a type
            such as ``tuple[Line, ...]`` or ``Money | None``.
        data: Plain data as :func:`to_data` writes it, or as JSON and TOML
            load it (``json.loads(text, parse_float=Decimal)``,
            ``tomllib.loads(text, parse_float=Decimal)``).

    Raises:
        XborderError: The data does not describe a ``cls``; ``field`` is the
            path to the bad part (``lines[2].unit_price.amount``) and
            ``value`` the part itself.

    Examples:
        >>> from xborder.money import Money
        >>> from_data(Money, {"amount": "12.50", "currency": "EUR"})
        Money('12.50', 'EUR')
        >>> from_data(Money, "12.50 EUR")
        Money('12.50', 'EUR')
        >>> from_data(Money, {"amount": 12.5, "currency": "EUR"})
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidTypeError: amount: expected a number as text, ...
    """
    if isinstance(data, type) and not isinstance(cls, type):
        raise InvalidTypeError(
            f"the type comes first: from_data({data.__name__}, data)",
            field="cls",
            value=cls,
            expected="a type such as Money or tuple[Line, ...]",
        )
    return _codec(cls, "cls").decode(data)


def _codec(hint: object, field: str) -> Codec:
    try:
        return codec_for(hint)
    except XborderError as error:
        raise error.in_field(field) from None


def to_json(value: object, *, as_type: object = None, indent: int | None = None) -> str:
    """Return ``value`` as JSON text (see :func:`to_data`).

    Args:
        value: What to write.
        as_type: The type to write it as (see :func:`to_data`).
        indent: Spaces per level (0 to 16), for a human reader; ``None`` for
            one line.

    Raises:
        InvalidInputError: ``indent`` is not ``None`` or an int from 0 to 16
            (a wider indent is no easier to read, and ``2**31`` spaces per
            level would take gigabytes), or ``value`` has no plain form.

    Examples:
        >>> from xborder.money import Money
        >>> to_json(Money("12.50", "EUR"))
        '{"amount": "12.50", "currency": "EUR"}'
    """
    spaces = None if indent is None else _indent(indent)
    return json.dumps(
        to_data(value, as_type=as_type), indent=spaces, ensure_ascii=False
    )


_MAX_INDENT = 16


def _indent(value: int) -> int:
    try:
        spaces = non_negative_count(value)
    except XborderError as error:
        raise error.in_field("indent") from None
    require(
        spaces <= _MAX_INDENT,
        field="indent",
        value=value,
        expected=f"an int from 0 to {_MAX_INDENT}, or None",
    )
    return spaces


@overload
def from_json(cls: type[_T], text: str | bytes) -> _T: ...
@overload
def from_json(cls: object, text: str | bytes) -> Any: ...  # noqa: ANN401 - a union or alias
def from_json(cls: object, text: str | bytes) -> Any:
    """Rebuild a ``cls`` from JSON text (see :func:`from_data`).

    Numbers in the text are read as exact Decimals, never as floats; an
    integer of more than 37 characters (past any int xborder takes, and
    Python's own 4,300-digit limit soon after) is read as a Decimal too, for
    the model's checks to refuse by its path.

    Raises:
        InvalidTypeError: ``text`` is not a str or bytes, or ``cls`` is not a
            type.
        InvalidInputError: The text is not JSON (``value`` is the text near
            the mistake) or is nested past Python's recursion limit (``field``
            is ``text``), or it does not describe a ``cls``.

    Examples:
        >>> from xborder.money import Money
        >>> from_json(Money, '{"amount": 12.50, "currency": "EUR"}')
        Money('12.50', 'EUR')
    """
    if not isinstance(text, str | bytes | bytearray):
        raise InvalidTypeError(
            field="text", value=text, expected="JSON text: a str or UTF-8 bytes"
        )
    codec = _codec(cls, "cls")  # every argument is checked before parsing
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=_json_int)
    except UnicodeDecodeError as error:
        raise InvalidInputError(
            f"not UTF-8 text: {error.reason} at byte {error.start}",
            field="text",
            value=error.object[max(error.start - 20, 0) : error.start + 20],
        ) from None
    except json.JSONDecodeError as error:
        near = error.doc[max(error.pos - 20, 0) : error.pos + 20]
        raise InvalidInputError(
            f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}",
            field="text",
            value=near,
        ) from None
    except RecursionError:
        # json's parser recurses once per level of [ and {; no xborder model
        # nests anywhere near Python's recursion limit.
        raise InvalidInputError(
            "nested deeper than Python's recursion limit",
            field="text",
            value=text[:40],
            expected="JSON nested a few levels deep",
        ) from None
    return codec.decode(data)


def _json_int(text: str) -> int | Decimal:
    """A JSON integer: an int, or a Decimal past the size of any int xborder takes.

    Python refuses to read an int of more than 4,300 digits (the conversion
    is quadratic); every int xborder takes is below 1E+36, so a longer one
    is read as a Decimal, which the codecs then refuse with its path.
    """
    return int(text) if len(text) <= _INT_TEXT else Decimal(text)


_INT_TEXT = 37  # a sign and 36 digits


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
