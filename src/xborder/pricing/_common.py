"""Converters and helpers shared by the pricing modules (private)."""

from __future__ import annotations

from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context
from typing import TYPE_CHECKING

from xborder._validate import DecimalInput, flag, fraction, optional_text
from xborder.dated import Validity
from xborder.errors import CurrencyMismatchError, InvalidTypeError
from xborder.money import Currency, Money, RoundingMode
from xborder.money._money import non_negative_money

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "flag",
    "optional_flag",
    "optional_money",
    "optional_text",
    "optional_validity",
    "percent",
    "rate_fraction",
    "rounding",
    "same_currency",
]


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
