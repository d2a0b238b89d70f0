"""ISO 4217 currencies and their CLDR minor units (private; see xborder.money)."""

from __future__ import annotations

import functools
from decimal import Decimal

import attrs
from babel.core import get_global
from babel.numbers import get_currency_precision, is_currency

from xborder._exact import EXACT
from xborder._guard import context_free
from xborder._validate import (
    DecimalInput,
    named_errors,
    non_negative_count,
    positive,
    require,
)
from xborder.errors import InvalidTypeError, UnknownCurrencyError

__all__ = ["Currency", "to_currency"]


def _iso_code(value: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="an ISO 4217 code")
    # babel falls back to 2 digits for *any* unknown code ('XXZ'), so the code
    # must be checked before its precision is read. ISO codes are upper case;
    # 'usd' is refused rather than silently upper-cased.
    if not is_currency(value):
        raise UnknownCurrencyError(
            field=None,
            value=value,
            expected="an upper-case ISO 4217 currency code known to CLDR, e.g. 'EUR'",
        )
    return value


def _optional_increment(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else positive(value)


def _exponent(value: int) -> int:
    # ISO 4217 minor units are 0 to 4 digits; 18 leaves room for settlement
    # in finer units, and keeps 10**exponent a number, not a memory error.
    digits = non_negative_count(value)
    require(digits <= _MAX_EXPONENT, field=None, value=value, expected="0 to 18")
    return digits


_MAX_EXPONENT = 18


def _cldr_exponent(currency: Currency) -> int:
    return get_currency_precision(currency.code)


def _cldr_cash_increment(currency: Currency) -> Decimal | None:
    # CLDR's currencyData holds (digits, rounding, cash digits, cash rounding);
    # babel exposes only the first. CHF is (2, 0, 2, 5): cash in 0.05 steps.
    fractions = get_global("currency_fractions").get(currency.code)
    if fractions is None:
        return None
    digits, rounding, cash_digits, cash_rounding = fractions
    if (cash_digits, cash_rounding) == (digits, rounding):
        return None
    return Decimal(max(cash_rounding, 1)).scaleb(-cash_digits, context=EXACT)


@attrs.frozen(repr=False, cache_hash=True, field_transformer=named_errors)
class Currency:
    """An ISO 4217 currency, with its minor unit and cash increment from CLDR.

    Args:
        code: Upper-case ISO 4217 code known to CLDR (``"EUR"``, ``"JPY"``).
        exponent: Digits after the decimal point in the minor unit: USD 2,
            JPY 0, KWD 3. Defaults to CLDR's value; override it only when a
            counterparty settles differently (some processors use 2 for HUF).
        cash_increment: Smallest step for cash payments where CLDR has one
            that differs from the minor unit (CHF and CAD ``0.05``, SEK ``1``),
            else ``None``.

    Raises:
        UnknownCurrencyError: The code is not an ISO code known to CLDR.

    Examples:
        >>> Currency("JPY").exponent
        0
        >>> Currency("KWD").minor_unit
        Decimal('0.001')
        >>> Currency("CHF").cash_increment
        Decimal('0.05')
        >>> Currency("usd")
        Traceback (most recent call last):
        ...
        xborder.errors.UnknownCurrencyError: code: expected an upper-case ISO 4217 ...
    """

    code: str = attrs.field(converter=_iso_code)
    exponent: int = attrs.field(
        kw_only=True,
        default=attrs.Factory(_cldr_exponent, takes_self=True),
        converter=_exponent,
    )
    cash_increment: Decimal | None = attrs.field(
        kw_only=True,
        default=attrs.Factory(_cldr_cash_increment, takes_self=True),
        converter=_optional_increment,
    )

    @property
    def minor_unit(self) -> Decimal:
        """The smallest amount in this currency: ``Decimal('0.01')`` for EUR."""
        return minor_unit_of(self)

    @property
    def cash_unit(self) -> Decimal:
        """The cash increment if there is one, else the minor unit."""
        return self.cash_increment or self.minor_unit

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        if self == to_currency(self.code):
            return f"Currency({self.code!r})"
        return (
            f"Currency({self.code!r}, exponent={self.exponent}, "
            f"cash_increment={self.cash_increment!r})"
        )


def minor_unit_of(currency: Currency) -> Decimal:
    """:attr:`Currency.minor_unit`, for hot paths in this package.

    The property runs in xborder's context like every public member (a guard
    that costs more than the look-up); this function needs none: it reads an
    int and a cache.
    """
    return _power_of_ten(-currency.exponent)


@functools.cache
def _power_of_ten(exponent: int) -> Decimal:
    # Every rounding reads a minor unit; Decimals are immutable, so one per
    # exponent is shared instead of built on each call (exactly, whatever the
    # caller's decimal context).
    return Decimal(1).scaleb(exponent, context=EXACT)


@functools.cache
def _lookup(code: str) -> Currency:
    return Currency(code)


def to_currency(value: Currency | str) -> Currency:
    """Converter: a :class:`Currency`, or its code looked up once and cached.

    Examples:
        >>> to_currency("JPY").exponent
        0
    """
    if isinstance(value, Currency):
        return value
    if not isinstance(value, str):
        raise InvalidTypeError(
            field=None, value=value, expected="a Currency or an ISO 4217 code"
        )
    try:
        return _lookup(value)
    except UnknownCurrencyError as error:
        # The code *is* the value here; "currency.code" would name a field
        # the caller never wrote.
        raise UnknownCurrencyError(
            field=None, value=value, expected=error.expected
        ) from None


# Written without decimal arithmetic (or with explicit contexts): they run
# unwrapped under any caller's context (see xborder._guard). A call, not a
# decorator, so that mypy's attrs plugin still sees plain converters.
context_free(to_currency)
