"""Ratios that keep their parts, and the Undefined value (private; see xborder.kpi).

A KPI is a ratio: clicks over impressions, spend over sales. Two rules make
them safe to aggregate and to read:

* a ratio keeps its numerator and denominator, so totals are re-computed as
  *sum of numerators over sum of denominators* (never an average of ratios);
* a ratio whose denominator is zero has the value :data:`UNDEFINED`, which is
  not 0, not an exception, and cannot be used as a number by accident.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal, Overflow
from fractions import Fraction
from typing import TYPE_CHECKING, Final, NoReturn, TypeVar

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import DecimalInput, decimal, named_errors, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi._checks import bounded_sum, checked, iterable, same_currency
from xborder.money import Money, RoundingMode
from xborder.money._money import money_value

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "UNDEFINED",
    "MoneyRatio",
    "Ratio",
    "Undefined",
    "UndefinedValueError",
    "money_ratio",
    "percent_text",
    "ratio_of_money",
]

_T = TypeVar("_T")


class UndefinedValueError(XborderError, TypeError):
    """An :data:`UNDEFINED` KPI was used where a number or a truth value was needed.

    A ``TypeError``, like any other misuse of a value of the wrong type.

    Examples:
        >>> try:
        ...     bool(UNDEFINED)
        ... except UndefinedValueError as error:
        ...     isinstance(error, TypeError)
        True
    """


class Undefined(enum.Enum):
    """The value of a ratio whose denominator is zero: CTR with no impressions.

    It is a single value, :data:`UNDEFINED`. It is not 0 and is never turned
    into one: it has no arithmetic and no ordering (mypy rejects
    ``acos.value + 1`` and ``acos.value < target`` until the caller has ruled
    it out), and asking whether it is true raises
    :class:`UndefinedValueError` instead of reading as zero. Compare with
    ``is UNDEFINED``, or use :meth:`Ratio.value_or` to choose a stand-in.

    Examples:
        >>> from xborder.kpi import Ratio
        >>> ctr = Ratio(0, 0)
        >>> ctr.value is UNDEFINED
        True
        >>> str(ctr.value), ctr.value == 0
        ('undefined', False)
        >>> bool(ctr.value)
        Traceback (most recent call last):
        ...
        xborder.kpi._ratio.UndefinedValueError: undefined has no truth value; ...
    """

    UNDEFINED = "undefined"

    def __bool__(self) -> NoReturn:
        raise UndefinedValueError(
            "undefined has no truth value; compare with `is UNDEFINED` "
            "or use value_or(default)"
        )

    def __str__(self) -> str:
        return "undefined"

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __format__(self, spec: str) -> str:
        # Reports put KPIs in f-strings ("{ctr:>8}"); keep the fill, alignment
        # and width, drop number formatting, and never print a 0.
        match = _TEXT_SPEC.match(spec)
        return format("undefined", match.group(0) if match else "")


_TEXT_SPEC = re.compile(r"(.?[<>^])?\d*")

UNDEFINED: Final = Undefined.UNDEFINED
"""The one :class:`Undefined` value."""


def _denominator(value: DecimalInput) -> Decimal:
    return decimal(value)


@attrs.frozen(repr=False, field_transformer=named_errors)
class Ratio:
    r"""A ratio that keeps its numerator and denominator: $value = n / d$.

    Its :attr:`value` is :data:`UNDEFINED` when the denominator is zero.
    Ratios of the same KPI over different rows combine with :meth:`pool`
    (sum of numerators over sum of denominators), which is how a KPI over
    merged data is computed; averaging the values would weight a campaign
    with 10 clicks like one with 10,000, and would drop an undefined ratio's
    numerator (spend with no sales still counts in a pooled ACOS).

    Division keeps 34 significant digits, rounded half-even; exact
    comparisons use :meth:`as_fraction`. Nothing else rounds: use
    :meth:`round` or :meth:`format_percent`, which name their mode.

    Args:
        numerator: What is counted (clicks, spend), as Decimal, int or str.
        denominator: What it is counted against (impressions, sales).

    Examples:
        >>> acos = Ratio(63, 254)
        >>> acos.format_percent(1, RoundingMode.HALF_UP)
        '24.8%'
        >>> Ratio.pool([Ratio(1, 10), Ratio(5, 0), Ratio(4, 90)]).value
        Decimal('0.1')
    """

    numerator: Decimal = attrs.field(converter=decimal)
    denominator: Decimal = attrs.field(converter=_denominator)

    @property
    def value(self) -> Decimal | Undefined:
        """``numerator / denominator`` to 34 digits, or :data:`UNDEFINED` if d = 0."""
        if not self.denominator:
            return UNDEFINED
        try:
            return DIVISION.divide(self.numerator, self.denominator)
        except Overflow:
            raise self._out_of_range() from None

    def _out_of_range(self) -> InvalidInputError:
        # Only at magnitudes near Decimal's exponent limit (1E+999999 over
        # 1E-999999): name the part instead of leaking decimal.Overflow.
        return InvalidInputError(
            field="numerator",
            value=self.numerator,
            expected=(
                f"a quotient by {self.denominator} within Decimal's exponent "
                "range (|n / d| * 100 < 1E+1000000)"
            ),
        )

    @property
    def is_defined(self) -> bool:
        """Whether the denominator is non-zero."""
        return bool(self.denominator)

    def value_or(self, default: _T) -> Decimal | _T:
        """The value, or ``default`` when undefined (the caller's explicit choice).

        Examples:
            >>> Ratio(0, 0).value_or(None) is None
            True
        """
        value = self.value
        return default if value is UNDEFINED else value

    @property
    def percent(self) -> Decimal | Undefined:
        """The value times 100 (0.248 → 24.8), or :data:`UNDEFINED`."""
        value = self.value
        if value is UNDEFINED:
            return UNDEFINED
        try:
            # EXACT: the caller's decimal context must not round the digits.
            return value.scaleb(2, context=EXACT)
        except Overflow:
            raise self._out_of_range() from None

    def round(self, places: int, mode: RoundingMode) -> Decimal | Undefined:
        """The value rounded to ``places`` decimals with a named mode."""
        return _round(self.value, places, mode)

    def round_percent(self, places: int, mode: RoundingMode) -> Decimal | Undefined:
        """The percentage rounded to ``places`` decimals with a named mode."""
        return _round(self.percent, places, mode)

    def format_percent(self, places: int, mode: RoundingMode) -> str:
        """``'24.8%'``, or ``'undefined'`` (never ``'0%'``)."""
        rounded = self.round_percent(places, mode)
        return "undefined" if rounded is UNDEFINED else f"{rounded:f}%"

    def as_fraction(self) -> Fraction | Undefined:
        """The exact rational value, for exact comparisons; or :data:`UNDEFINED`.

        Examples:
            >>> Ratio(63, 254).as_fraction() * Ratio(254, 63).as_fraction()
            Fraction(1, 1)
        """
        if not self.denominator:
            return UNDEFINED
        return Fraction(self.numerator) / Fraction(self.denominator)

    def inverse(self) -> Ratio:
        """The ratio upside down (ROAS from ACOS); undefined if the numerator is 0."""
        return _make_ratio(self.denominator, self.numerator)

    def pooled_with(self, other: Ratio) -> Ratio:
        """Sum of numerators over sum of denominators."""
        if not isinstance(other, Ratio):
            raise InvalidTypeError(field="other", value=other, expected="a Ratio")
        return _make_ratio(
            bounded_sum(EXACT.add(self.numerator, other.numerator), "other"),
            bounded_sum(EXACT.add(self.denominator, other.denominator), "other"),
        )

    @classmethod
    def pool(cls, ratios: Iterable[Ratio]) -> Ratio:
        r"""Pool ratios of one KPI: $\sum n_i / \sum d_i$ (empty → 0/0, undefined)."""
        numerator = denominator = Decimal(0)
        for index, item in enumerate(iterable(ratios, "ratios")):
            if not isinstance(item, Ratio):
                raise InvalidTypeError(
                    field=f"ratios[{index}]", value=item, expected="a Ratio"
                )
            numerator = EXACT.add(numerator, item.numerator)
            denominator = EXACT.add(denominator, item.denominator)
        # EXACT sums never round; a total past the bound is refused once, here.
        return _make_ratio(
            bounded_sum(numerator, "ratios"), bounded_sum(denominator, "ratios")
        )

    def __str__(self) -> str:
        return f"{self.value} ({self.numerator:f}/{self.denominator:f})"

    def __repr__(self) -> str:
        return f"Ratio({self.numerator!r}, {self.denominator!r})"


def percent_text(fraction: Decimal) -> str:
    """A fraction as a percentage for explanations: two decimals, more if needed.

    Shows every digit it has (0.0015 → ``'0.15%'``, 0.123456 → ``'12.3456%'``)
    and never rounds: explanations must show the numbers that were compared.
    """
    percent = fraction.scaleb(2, context=EXACT)
    two = percent.quantize(_HUNDREDTH, context=EXACT)
    return f"{two if two == percent else percent.normalize(EXACT):f}%"


_HUNDREDTH = Decimal("0.01")


def _round(
    value: Decimal | Undefined, places: int, mode: RoundingMode
) -> Decimal | Undefined:
    if isinstance(places, bool) or not isinstance(places, int):
        raise InvalidTypeError(field="places", value=places, expected="an int")
    if not _FEWEST_PLACES <= places <= _MOST_PLACES:
        # Values are below 1E+36 with no digit below 1E-100 (LARGEST, FINEST):
        # rounding outside those places means nothing, and a huge ``places``
        # would ask quantize for more digits than any context holds.
        raise InvalidInputError(
            field="places", value=places, expected="an int from -36 to 100"
        )
    if not isinstance(mode, RoundingMode):
        raise InvalidTypeError(field="mode", value=mode, expected="a RoundingMode")
    if value is UNDEFINED:
        return UNDEFINED
    return value.quantize(
        Decimal(1).scaleb(-places), rounding=mode.value, context=EXACT
    )


_FEWEST_PLACES = -36
_MOST_PLACES = 100

_new = object.__new__
_set_numerator = Ratio.__dict__["numerator"].__set__
_set_denominator = Ratio.__dict__["denominator"].__set__


def _make_ratio(numerator: Decimal, denominator: Decimal) -> Ratio:
    # Built from already-validated Decimals, skipping the converters.
    result = _new(Ratio)
    _set_numerator(result, numerator)
    _set_denominator(result, denominator)
    return result


def ratio_of_money(numerator: Money, denominator: Money, *, field: str) -> Ratio:
    """A unitless ratio of two amounts in one currency (ACOS: spend / sales).

    Raises:
        CurrencyMismatchError: The amounts are in different currencies.
    """
    top = money_value(numerator)
    bottom = checked(money_value, denominator, field)
    return _make_ratio(top.amount, same_currency(top, bottom, field).amount)


def _money_numerator(value: Money) -> Money:
    return money_value(value)


def _scale(value: DecimalInput) -> Decimal:
    number = to_decimal(value)
    if number <= 0:
        raise InvalidInputError(field=None, value=value, expected="a number > 0")
    return number


@attrs.frozen(kw_only=True, repr=False, field_transformer=named_errors)
class MoneyRatio:
    r"""An amount per count that keeps its parts: CPC, CPM, AOV, CAC.

    $value = amount \times scale / count$, in the amount's currency, or
    :data:`UNDEFINED` when the count is zero (CPC with no clicks). ``scale``
    is 1000 for CPM (cost per thousand impressions). Like :class:`Ratio`,
    money ratios pool by summing parts. The value keeps 34 significant digits;
    :meth:`round` rounds to the currency's minor unit with a named mode.

    Args:
        amount: The money (spend, revenue, acquisition cost).
        count: What it is spread over (clicks, orders, new customers).
        scale: Multiplier of the result (1000 for CPM); 1 by default.

    Examples:
        >>> cpc = MoneyRatio(amount=Money("63.00", "USD"), count=90)
        >>> str(cpc.round(RoundingMode.HALF_UP))
        '0.70 USD'
        >>> MoneyRatio(amount=Money("5", "USD"), count=0).value
        UNDEFINED
    """

    amount: Money = attrs.field(converter=_money_numerator)
    count: Decimal = attrs.field(converter=_denominator)
    scale: Decimal = attrs.field(default=Decimal(1), converter=_scale)

    @property
    def value(self) -> Money | Undefined:
        """``amount × scale / count``, or :data:`UNDEFINED` when the count is 0."""
        if not self.count:
            return UNDEFINED
        return self.amount * self.scale / self.count

    @property
    def is_defined(self) -> bool:
        """Whether the count is non-zero."""
        return bool(self.count)

    def value_or(self, default: _T) -> Money | _T:
        """The value, or ``default`` when undefined."""
        value = self.value
        return default if value is UNDEFINED else value

    def round(self, mode: RoundingMode) -> Money | Undefined:
        """The value rounded to the currency's minor unit with a named mode."""
        value = self.value
        return UNDEFINED if value is UNDEFINED else value.quantize(mode)

    def format(self, mode: RoundingMode) -> str:
        """``'0.70 USD'``, or ``'undefined'``."""
        return str(self.round(mode))

    def pooled_with(self, other: MoneyRatio) -> MoneyRatio:
        """Sum of amounts over sum of counts (same currency and scale)."""
        if not isinstance(other, MoneyRatio):
            raise InvalidTypeError(field="other", value=other, expected="a MoneyRatio")
        if other.scale != self.scale:
            raise InvalidInputError(
                field="other.scale", value=other.scale, expected=f"{self.scale}"
            )
        total = self.amount + same_currency(self.amount, other.amount, "other.amount")
        bounded_sum(total.amount, "other")
        return MoneyRatio(
            amount=total,
            count=bounded_sum(EXACT.add(self.count, other.count), "other"),
            scale=self.scale,
        )

    def __str__(self) -> str:
        return f"{self.value} ({self.amount} x {self.scale:f} / {self.count:f})"

    def __repr__(self) -> str:
        scale = "" if self.scale == 1 else f", scale={self.scale!r}"
        return f"MoneyRatio(amount={self.amount!r}, count={self.count!r}{scale})"


def money_ratio(
    amount: Money, count: DecimalInput, *, scale: DecimalInput = 1
) -> MoneyRatio:
    """Shorthand for :class:`MoneyRatio` (``money_ratio(spend, clicks)``)."""
    return MoneyRatio(amount=amount, count=count, scale=scale)
