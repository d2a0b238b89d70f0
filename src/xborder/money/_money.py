"""Money: an exact Decimal amount in one currency (private; see xborder.money)."""

from __future__ import annotations

from decimal import Decimal, Overflow
from typing import TYPE_CHECKING, overload

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._guard import context_free
from xborder._validate import (
    DecimalInput,
    decimal,
    items_of,
    named_errors,
    to_decimal,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.money._currency import Currency, minor_unit_of, to_currency
from xborder.money._rounding import RoundingMode

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Money",
    "money_value",
    "non_negative_money",
    "optional_money",
    "round_to_step",
    "to_minor_unit",
]

_NUMBER = "a Decimal or int factor (not float, not Money)"


@context_free  # explicit contexts throughout: Money + Money is on every hot path
@attrs.frozen(repr=False, field_transformer=named_errors)
class Money:
    """An exact amount of one currency.

    Amounts are :class:`~decimal.Decimal`; ``int`` and numeric ``str`` are
    accepted, ``float``, ``bool``, NaN and Infinity are refused. Addition,
    subtraction and multiplication are exact at any size; nothing is rounded
    until :meth:`quantize` is called with a named :class:`RoundingMode`.
    Combining two currencies raises :class:`~xborder.errors.CurrencyMismatchError`.

    Args:
        amount: The amount, as ``Decimal``, ``int`` or a numeric ``str``.
        currency: A :class:`Currency` or an ISO 4217 code.

    Examples:
        >>> price = Money("19.99", "EUR")
        >>> str(price * 3)
        '59.97 EUR'
        >>> str((price * Decimal("1.19")).quantize(RoundingMode.HALF_UP))
        '23.79 EUR'
        >>> price + Money("5", "USD")
        Traceback (most recent call last):
        ...
        xborder.errors.CurrencyMismatchError: other: expected an amount in EUR, got ...
    """

    amount: Decimal = attrs.field(converter=decimal)
    currency: Currency = attrs.field(converter=to_currency)

    @classmethod
    def zero(cls, currency: Currency | str) -> Money:
        """Return nothing, in ``currency``: the identity of ``+``."""
        return cls(0, currency)

    @classmethod
    def of_minor_units(cls, units: int, currency: Currency | str) -> Money:
        """Return ``units`` minor units (cents, yen, fils) as Money.

        Examples:
            >>> str(Money.of_minor_units(1999, "USD"))
            '19.99 USD'
        """
        resolved = to_currency(currency)
        count = to_decimal(units, field="units")
        if count != count.to_integral_value(context=EXACT):
            raise InvalidInputError(field="units", value=units, expected="an int")
        return cls(count.scaleb(-resolved.exponent, context=EXACT), resolved)

    @classmethod
    def total(cls, values: Iterable[Money], *, currency: Currency | str) -> Money:
        """Add ``values`` exactly; an empty iterable totals zero in ``currency``.

        The currency is required so an empty total is still typed, and every
        value is checked against it.

        Examples:
            >>> parts = [Money("1.10", "EUR"), Money("2.20", "EUR")]
            >>> str(Money.total(parts, currency="EUR"))
            '3.30 EUR'
        """
        result = cls.zero(currency)
        items = items_of(values, field="values", expected="an iterable of Money")
        for index, value in enumerate(items):
            try:
                result = result + value
            except XborderError as error:
                raise _naming_item(error, f"values[{index}]") from None
        return result

    # -- rounding ---------------------------------------------------------

    def quantize(self, mode: RoundingMode) -> Money:
        """Round to the currency's minor unit (0.01 EUR, 1 JPY, 0.001 KWD).

        Examples:
            >>> str(Money("1234.5", "JPY").quantize(RoundingMode.HALF_UP))
            '1235 JPY'
            >>> str(Money("1234.5", "JPY").quantize(RoundingMode.HALF_EVEN))
            '1234 JPY'
        """
        if mode.__class__ is not RoundingMode:  # an enum with members: no subclass
            _check_mode(mode)  # raises
        currency = self.currency
        return exact_money(to_minor_unit(self.amount, currency, mode), currency)

    def round_to_cash(self, mode: RoundingMode) -> Money:
        """Round to the cash increment (CHF 0.05, SEK 1), or the minor unit if none.

        Examples:
            >>> str(Money("10.03", "CHF").round_to_cash(RoundingMode.HALF_UP))
            '10.05 CHF'
        """
        return self._round(self.currency.cash_unit, mode)

    def _round(self, step: Decimal, mode: RoundingMode) -> Money:
        _check_mode(mode)
        try:
            return exact_money(round_to_step(self.amount, step, mode), self.currency)
        except Overflow:
            raise _out_of_range("amount", self.amount) from None

    def is_quantized(self) -> bool:
        """Whether the amount is a whole number of minor units.

        Examples:
            >>> Money("0.10", "USD").is_quantized()
            True
            >>> Money("0.105", "USD").is_quantized()
            False
        """
        return not EXACT.remainder(self.amount, minor_unit_of(self.currency))

    @property
    def minor_units(self) -> int:
        """The amount as a whole number of minor units (1999 for 19.99 USD).

        Raises:
            InvalidInputError: The amount is not a whole number of minor units;
                quantize first.
        """
        if not self.is_quantized():
            raise InvalidInputError(
                "quantize first",
                field="amount",
                value=self.amount,
                expected=f"a multiple of {self.currency.minor_unit}",
            )
        return int(self.amount.scaleb(self.currency.exponent, context=EXACT))

    # -- arithmetic -------------------------------------------------------

    def __add__(self, other: Money) -> Money:
        currency = self.currency
        if other.__class__ is not Money or other.currency is not currency:
            other = self._same(other)  # the slow path: raises, or equal currencies
        try:
            amount = _exact_add(self.amount, other.amount)
        except Overflow:
            raise _out_of_range("other", other) from None
        # exact_money, inlined: no negative zero to clear, since x + (-x) is +0 when
        # rounding half-even and no Money holds -0.
        result: _Draft = _Draft()
        result.amount = amount
        result.currency = currency
        result.__class__ = Money  # type: ignore[assignment]  # same layout
        return result

    def __sub__(self, other: Money) -> Money:
        currency = self.currency
        if other.__class__ is not Money or other.currency is not currency:
            other = self._same(other)
        try:
            amount = _exact_subtract(self.amount, other.amount)
        except Overflow:
            raise _out_of_range("other", other) from None
        result: _Draft = _Draft()
        result.amount = amount
        result.currency = currency
        result.__class__ = Money  # type: ignore[assignment]  # same layout
        return result

    def __neg__(self) -> Money:
        return exact_money(self.amount.copy_negate(), self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return exact_money(self.amount.copy_abs(), self.currency)

    def __mul__(self, factor: DecimalInput) -> Money:
        number = _factor(factor)
        try:
            return exact_money(EXACT.multiply(self.amount, number), self.currency)
        except Overflow:
            raise _out_of_range("factor", factor) from None

    __rmul__ = __mul__

    @overload
    def __truediv__(self, divisor: Money) -> Decimal: ...
    @overload
    def __truediv__(self, divisor: DecimalInput) -> Money: ...
    def __truediv__(self, divisor: Money | DecimalInput) -> Money | Decimal:
        """Divide by a number (→ Money) or by Money in the same currency (→ ratio).

        Division is not exact in general (1/3), so it keeps 34 significant
        digits, rounding half-even; quantize the result, or use
        :func:`~xborder.money.allocate` to split an amount without losing a cent.
        """
        if isinstance(divisor, Money):
            return _divide(self.amount, self._same(divisor).amount, "divisor")
        number = _factor(divisor, "divisor")
        return exact_money(_divide(self.amount, number, "divisor"), self.currency)

    # -- comparison -------------------------------------------------------

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other).amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same(other).amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same(other).amount

    def is_zero(self) -> bool:
        """Whether the amount is zero."""
        return not self.amount

    def is_negative(self) -> bool:
        """Whether the amount is below zero (a refund, a loss)."""
        return self.amount < 0

    def _same(self, other: object, field: str = "other") -> Money:
        if not isinstance(other, Money):
            raise InvalidTypeError(field=field, value=other, expected="Money")
        if other.currency is not self.currency and other.currency != self.currency:
            raise CurrencyMismatchError(
                "convert with xborder.fx first",
                field=field,
                value=other,
                expected=f"an amount in {self.currency.code}",
            )
        return other

    # -- display ----------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.amount:f} {self.currency.code}"

    def __repr__(self) -> str:
        return f"Money('{self.amount:f}', {self.currency.code!r})"


_ONE = Decimal(1)
_exact_add = EXACT.add
_exact_subtract = EXACT.subtract


@context_free  # nothing here computes
class _Draft(Money):
    """A Money under construction: writable, and built without the converters.

    It adds no slots, so it has Money's memory layout and Python allows
    turning it into a Money by assigning ``__class__``. Building a result
    that way (see :func:`exact_money`) costs an allocation, two plain slot
    stores and the assignment, about 110 ns; ``object.__new__(Money)`` and two
    calls of the frozen slots' descriptors cost about 170 ns, more than half
    of what ``Money + Money`` cost. A draft never leaves the function that
    builds it.
    """

    __slots__ = ()
    amount: Decimal  # writable here (for type checkers too)
    currency: Currency
    # object's own slots, so CPython stores attributes and calls the class
    # without a Python-level call (attrs' frozen ones raise, its __init__
    # converts).
    __init__ = object.__init__
    __setattr__ = object.__setattr__
    __delattr__ = object.__delattr__


def _not_exact(amount: object, currency: object) -> InvalidTypeError:
    if currency.__class__ is not Currency:
        return InvalidTypeError(field="currency", value=currency, expected="a Currency")
    return InvalidTypeError(field="amount", value=amount, expected="a finite Decimal")


def exact_money(amount: Decimal, currency: Currency) -> Money:
    """A :class:`Money` without the public constructor's checks, for hot paths.

    ``amount`` must be a finite Decimal the caller has already checked
    (within xborder's bounds) and ``currency`` a :class:`Currency`; only their
    types and finiteness are checked here. The public constructor's checks
    cost about ten times the object itself, and a calculator that rounds
    thousands of figures has done them once on its inputs. A negative zero
    becomes zero. Anything else: use ``Money(...)``.

    Examples:
        >>> from decimal import Decimal
        >>> exact_money(Decimal("-0.00"), Currency("EUR"))
        Money('0.00', 'EUR')
    """
    if (
        amount.__class__ is not Decimal
        or currency.__class__ is not Currency
        or not amount.is_finite()
    ):
        raise _not_exact(amount, currency)  # cheap checks: the hot path's cost
    result: _Draft = _Draft()  # built as a draft, without the converters: see _Draft
    # "-0.00" is an artefact of rounding or negation, never a meaningful amount.
    result.amount = amount or amount.copy_abs()
    result.currency = currency
    result.__class__ = Money  # type: ignore[assignment]  # same layout
    return result


def round_to_step(amount: Decimal, step: Decimal, mode: RoundingMode) -> Decimal:
    """Round ``amount`` to a multiple of ``step`` (0.01, or a cash step like 0.05)."""
    rounding = _decimal_rounding(mode)
    if step.as_tuple().digits == (1,):  # a power of ten: one exact quantize
        return amount.quantize(step, rounding, EXACT)
    steps = EXACT.divide_int(amount, step)
    remainder = EXACT.subtract(amount, EXACT.multiply(steps, step))
    if remainder:
        # |remainder / step| < 1; a non-terminating quotient (step 0.03) cannot
        # be a tie, so 34 digits decide the rounding exactly.
        fraction = DIVISION.divide(remainder, step)
        steps = EXACT.add(steps, fraction.quantize(_ONE, rounding, EXACT))
    return EXACT.multiply(steps, step).quantize(step, None, EXACT)


def to_minor_unit(amount: Decimal, currency: Currency, mode: RoundingMode) -> Decimal:
    """``round_to_step(amount, currency.minor_unit, mode)``, on the hot path.

    A minor unit is always a power of ten, so this is the one exact quantize
    ``round_to_step`` would choose, without testing the step first.
    """
    rounding = _DECIMAL_ROUNDING.get(mode) or mode.value
    return amount.quantize(minor_unit_of(currency), rounding, EXACT)


# ``mode.value`` runs enum's Python-level property on every rounding; a dict
# look-up gives the same decimal constant, the very str object ``decimal``
# matches by identity (a RoundingMode is only equal to it: decimal compares it
# with each of its eight names). Decimal.quantize takes its arguments
# positionally at under half the cost of keywords: (exp, rounding, context).
_DECIMAL_ROUNDING: dict[RoundingMode, str] = {mode: mode.value for mode in RoundingMode}


def _decimal_rounding(mode: RoundingMode) -> str:
    return _DECIMAL_ROUNDING.get(mode) or mode.value


def _check_mode(mode: object) -> None:
    rounding_mode(mode, field="mode")


def rounding_mode(value: object, field: str | None = None) -> RoundingMode:
    """Converter: a :class:`RoundingMode` (strings and ``decimal`` constants refused).

    Examples:
        >>> rounding_mode(RoundingMode.HALF_EVEN)
        <RoundingMode.HALF_EVEN: 'ROUND_HALF_EVEN'>
    """
    if not isinstance(value, RoundingMode):
        raise InvalidTypeError(field=field, value=value, expected="a RoundingMode")
    return value


def _factor(value: object, field: str = "factor") -> Decimal:
    if isinstance(value, Money):
        raise InvalidTypeError(
            "Money times Money has no meaning; use a Decimal factor",
            field=field,
            value=value,
            expected=_NUMBER,
        )
    return to_decimal(value, field=field)


def _divide(dividend: Decimal, divisor: Decimal, field: str) -> Decimal:
    if not divisor:
        raise InvalidInputError(
            field=field, value=divisor, expected="a non-zero divisor"
        )
    try:
        return DIVISION.divide(dividend, divisor)
    except Overflow:
        raise _out_of_range(field, divisor) from None


def _naming_item(error: XborderError, field: str) -> XborderError:
    # ``other`` is the + operand; a caller of Money.total wrote a list.
    return type(error)(
        error.detail, field=field, value=error.value, expected=error.expected
    )


def _out_of_range(field: str, value: object) -> InvalidInputError:
    # EXACT and DIVISION keep Decimal's default exponent limit (1E+999999):
    # a result beyond it is an input error, never a bare decimal.Overflow.
    return InvalidInputError(
        "the result would exceed Decimal's limit of 1E+999999",
        field=field,
        value=value,
        expected="an operand that keeps the result in range",
    )


# -- converters other models use for Money fields ------------------------------


def money_value(value: Money) -> Money:
    """Converter: a :class:`Money` (no numbers: an amount needs its currency)."""
    if not isinstance(value, Money):
        raise InvalidTypeError(field=None, value=value, expected="Money")
    return value


def non_negative_money(value: Money) -> Money:
    """Converter: a :class:`Money` >= 0 (a price, a cost, a fee)."""
    money = money_value(value)
    if money.is_negative():
        raise InvalidInputError(field=None, value=money, expected="an amount >= 0")
    return money


def optional_money(value: Money | None) -> Money | None:
    """Converter: a :class:`Money` >= 0, or ``None``."""
    return None if value is None else non_negative_money(value)


# Written without decimal arithmetic (or with explicit contexts): they run
# unwrapped under any caller's context (see xborder._guard). A call, not a
# decorator, so that mypy's attrs plugin still sees plain converters.
context_free(exact_money)
context_free(rounding_mode)
context_free(money_value)
context_free(non_negative_money)
context_free(optional_money)
