"""Converters and helpers shared by the pricing modules (private)."""

from __future__ import annotations

from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context
from typing import TYPE_CHECKING, TypeVar

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    FINEST,
    DecimalInput,
    flag,
    fraction,
    in_range,
    optional_text,
    to_decimal,
)
from xborder.dated import Validity, check_in_force
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import non_negative_money

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

__all__ = [
    "assemble",
    "check_window",
    "flag",
    "instance",
    "optional_decimal",
    "optional_flag",
    "optional_money",
    "optional_text",
    "optional_validity",
    "percent",
    "plain_text",
    "rate_fraction",
    "readable",
    "rounding",
    "same_currency",
]

_T = TypeVar("_T")


def percent(share: Decimal) -> str:
    """Show a fraction as a percentage without rounding: ``0.029`` → ``'2.9%'``.

    Examples:
        >>> from decimal import Decimal
        >>> percent(Decimal("0.1545")), percent(Decimal("0.08")), percent(Decimal(0))
        ('15.45%', '8%', '0%')
    """
    shown = _UNBOUNDED.multiply(share, 100).normalize(_UNBOUNDED)
    if abs(shown.adjusted()) > _PLAIN_DIGITS:  # 1E+40% in full is unreadable
        return f"{shown}%"
    return f"{shown:f}%"


# A share at the edge of Decimal's exponent range (markup "1E+999998") must
# still print in an error message: no Overflow from x 100.
_UNBOUNDED = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
_PLAIN_DIGITS = 30


def optional_money(value: Money | None) -> Money | None:
    """Converter: a :class:`Money` >= 0, or ``None``."""
    return None if value is None else non_negative_money(value)


def rate_fraction(value: DecimalInput) -> Decimal:
    """Converter: a fraction in [0, 1]."""
    return fraction(value)


def optional_flag(value: bool | None) -> bool | None:  # noqa: FBT001
    """Converter: ``True``, ``False`` or ``None``."""
    if value is not None and not isinstance(value, bool):
        raise InvalidTypeError(field=None, value=value, expected="True, False or None")
    return value


def optional_validity(value: Validity | None) -> Validity | None:
    """Converter: a :class:`~xborder.dated.Validity` or ``None``."""
    if value is not None and not isinstance(value, Validity):
        raise InvalidTypeError(field=None, value=value, expected="a Validity or None")
    return value


def rounding(value: RoundingMode) -> RoundingMode:
    """Converter: a :class:`~xborder.money.RoundingMode`."""
    if not isinstance(value, RoundingMode):
        raise InvalidTypeError(field=None, value=value, expected="a RoundingMode")
    return value


def same_currency(money: Money, currency: Currency, field: str) -> None:
    """Raise :class:`CurrencyMismatchError` naming ``field`` unless in ``currency``."""
    if money.currency != currency:
        raise CurrencyMismatchError(
            "a fee schedule works in one currency",
            field=field,
            value=money,
            expected=f"an amount in {currency.code}",
        )


def optional_decimal(value: DecimalInput | None) -> Decimal | None:
    """Converter: a finite number within xborder's range, or ``None``."""
    return None if value is None else to_decimal(value)


def plain_text(value: str) -> str:
    """Converter: a ``str``, possibly empty (a rule left blank)."""
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str")
    return value


def instance(value: object, kind: type[_T], field: str, expected: str) -> _T:
    """Return ``value`` if it is a ``kind``; else raise naming ``field``."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field=field, value=value, expected=expected)
    return value


_new = object.__new__
_set = object.__setattr__


def assemble(cls: type[_T], /, **fields: object) -> _T:
    """A result built from parts its calculator has just computed (private).

    A result's public constructor checks what it is given, so that nothing
    it accepts fails to print, serialise or pickle later. A calculator that
    has computed every part from checked inputs skips those checks on its
    hot path: this sets the slots directly. Every field must be given,
    private caches and defaults included.
    """
    result = _new(cls)
    for name, value in fields.items():
        _set(result, name, value)
    return result


def readable(quotient: Decimal) -> Decimal:
    """A computed quotient with no digit below FINEST (1E-100), as results keep.

    A 34-digit quotient of tiny amounts (a fixed fee of 1E-100) carries
    digits below the finest xborder reads, so a result holding it could not
    be read back; those digits are rounded off (half-even). Every real
    quotient is returned as it is, after one cheap exponent test.
    """
    if quotient.adjusted() < _TINY and not in_range(quotient):
        return quotient.quantize(FINEST, context=EXACT)
    return quotient


# Below this exponent a 34-digit quotient may reach past FINEST; above it, it can't.
_TINY = -60


@attrs.frozen
class _Window:
    validity: Validity


def check_window(
    preset: object,
    validity: Validity | None,
    as_of: dt.date,
    allow: bool,  # noqa: FBT001
) -> None:
    """Refuse a preset without a validity window, or outside it on ``as_of``.

    What the presets modules' ``in_force`` share once each has checked the
    preset's type.
    """
    if validity is None:
        raise InvalidInputError(
            field="preset", value=preset, expected="a preset with a validity window"
        )
    check_in_force(_Window(validity), as_of, allow_out_of_window=allow)
