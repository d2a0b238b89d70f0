"""Converters shared by the customs models (private)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from xborder._country import country_code
from xborder._validate import DecimalInput, non_negative, optional_text, positive
from xborder.customs._hs import HsCode, hs_code
from xborder.customs._incoterm import Party, TransportMode
from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money._money import non_negative_money

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder.money import Money

__all__ = [
    "country_set",
    "hs_codes",
    "in_reach",
    "mode_set",
    "optional_party",
    "optional_reachable_money",
    "optional_text",
    "optional_validity",
    "reachable_money",
    "reachable_non_negative",
    "reachable_positive",
    "validity_value",
]

# A landed cost multiplies a handful of inputs (quantity x price x rate x rate,
# a tax on a tax) and divides by a quantity. Inputs within 10**±100,000 keep
# every such product, sum and quotient inside Decimal's exponent range
# (±999,999), where 1E+999999 x 2 or 1 / 1E-999999 would overflow mid-way.
_REACH = 100_000
_IN_REACH = "a number no larger than 1E+100000 and, unless 0, no smaller than 1E-100000"


def in_reach(number: Decimal, value: object, *, field: str | None = None) -> Decimal:
    """Refuse a number too large or too small for a landed cost to compute with.

    Examples:
        >>> from decimal import Decimal
        >>> in_reach(Decimal("2.35"), "2.35")
        Decimal('2.35')
    """
    if number and not -_REACH <= number.adjusted() <= _REACH:
        raise InvalidInputError(field=field, value=value, expected=_IN_REACH)
    return number


def reachable_positive(value: DecimalInput) -> Decimal:
    """Converter: a number > 0 within reach (see :func:`in_reach`)."""
    return in_reach(positive(value), value)


def reachable_non_negative(value: DecimalInput) -> Decimal:
    """Converter: a number >= 0 within reach (see :func:`in_reach`)."""
    return in_reach(non_negative(value), value)


def reachable_money(value: Money) -> Money:
    """Converter: a :class:`Money` >= 0 whose amount is within reach."""
    money = non_negative_money(value)
    in_reach(money.amount, money)
    return money


def optional_reachable_money(value: Money | None) -> Money | None:
    """Converter: :func:`reachable_money`, or ``None``."""
    return None if value is None else reachable_money(value)


def validity_value(value: Validity) -> Validity:
    """Converter: a :class:`~xborder.dated.Validity`."""
    if not isinstance(value, Validity):
        raise InvalidTypeError(field=None, value=value, expected="a Validity")
    return value


def optional_validity(value: Validity | None) -> Validity | None:
    """Converter: a :class:`~xborder.dated.Validity` or ``None``."""
    return None if value is None else validity_value(value)


def _iterable(values: object, expected: str) -> Iterable[object]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidTypeError(field=None, value=values, expected=expected)
    return values


def country_set(values: Iterable[str] | None) -> frozenset[str] | None:
    """Converter: ISO country codes as a frozenset, or ``None`` for "any"."""
    if values is None:
        return None
    items = _iterable(values, "country codes")
    codes = frozenset(country_code(value) for value in items)  # type: ignore[arg-type]
    _not_empty(codes, "one or more country codes, or None for any")
    return codes


def mode_set(
    values: Iterable[TransportMode] | None,
) -> frozenset[TransportMode] | None:
    """Converter: transport modes as a frozenset, or ``None`` for "any"."""
    if values is None:
        return None
    modes = frozenset(_iterable(values, "TransportMode members"))
    for mode in modes:
        if not isinstance(mode, TransportMode):
            raise InvalidTypeError(field=None, value=mode, expected="a TransportMode")
    _not_empty(modes, "one or more TransportMode members, or None for any")
    return modes  # type: ignore[return-value]


def _not_empty(values: frozenset[object], expected: str) -> None:
    # An empty set would match nothing: a rule that silently never applies.
    if not values:
        raise InvalidInputError(field=None, value=values, expected=expected)


def hs_codes(values: Iterable[HsCode | str]) -> tuple[HsCode, ...]:
    """Converter: HS codes or prefixes as a tuple."""
    items = _iterable(values, "HS codes")
    return tuple(hs_code(value) for value in items)  # type: ignore[arg-type]


def optional_party(value: Party | None) -> Party | None:
    """Converter: a :class:`Party` or ``None``."""
    if value is not None and not isinstance(value, Party):
        raise InvalidTypeError(field=None, value=value, expected="a Party")
    return value
