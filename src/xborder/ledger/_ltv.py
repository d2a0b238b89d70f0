"""Discounted customer lifetime value, both timing conventions, payback (private)."""

from __future__ import annotations

import enum
from decimal import Decimal, Overflow
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    fraction,
    named_errors,
    non_negative,
    positive_count,
    require,
)
from xborder.errors import InvalidInputError
from xborder.ledger._checks import (
    checked,
    enum_of,
    in_currency,
    money,
    non_negative_money,
)
from xborder.money import Money

if TYPE_CHECKING:
    from xborder._validate import DecimalInput

__all__ = ["DiscountedLtv", "Timing", "discounted_ltv"]

_ONE = Decimal(1)
_MOST_PERIODS = 100_000


class Timing(enum.StrEnum):
    """When a period's margin is booked: at its beginning or at its end.

    Fader and Hardie ("Reconciling and Clarifying CLV Formulas", 2012)
    show that the textbook formulas differ by this choice, and by whether
    the first payment counts.

    Examples:
        >>> Timing("beginning").name
        'BEGINNING'
    """

    BEGINNING = "beginning"
    r"""At the start of each period: the first margin comes at once, undiscounted,
    $CLV = \sum_{t=0}^{T-1} m\,r^t / (1+d)^t$, infinite horizon
    $m(1+d)/(1+d-r)$ (Blattberg et al.; Steenburgh and Avery)."""
    END = "end"
    r"""At the end of each period: the first margin is discounted one period,
    $CLV = \sum_{t=1}^{T} m\,r^{t-1} / (1+d)^t$, infinite horizon
    $m/(1+d-r)$ (Ofek; Davis)."""


_timing = enum_of(Timing)


def _to_timing(value: Timing | str) -> Timing:
    return _timing(value)


def _periods(value: int | None) -> int | None:
    if value is None:
        return None
    number = positive_count(value)
    require(
        number <= _MOST_PERIODS,
        field=None,
        value=value,
        expected=f"at most {_MOST_PERIODS} periods (None for a lifetime)",
    )
    return number


def _retention(value: DecimalInput) -> Decimal:
    return fraction(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class DiscountedLtv:
    r"""A customer's lifetime value: margins kept by retention, discounted.

    With margin $m$ per period, retention $r$ (the share of customers who
    stay each period), discount rate $d$ per period and $q = r / (1+d)$:

    $$CLV_{beginning} = m\,\frac{1 - q^T}{1 - q},\qquad
    CLV_{end} = \frac{CLV_{beginning}}{1+d}$$

    and over a lifetime ($T \to \infty$, $q < 1$) $m(1+d)/(1+d-r)$ and
    $m/(1+d-r)$. The value of a customer *after* the current period's margin
    (Gupta and Lehmann's "margin multiple" $r/(1+d-r)$; Capon; Kotler and
    Keller) is the beginning value less $m$.

    Source: Fader and Hardie, "Reconciling and Clarifying CLV Formulas"
    (2012), brucehardie.com/notes/024; Gupta and Lehmann, "Customers as
    Assets", Journal of Interactive Marketing 17(1), 2003.

    Args:
        margin: The contribution of an active customer per period.
        retention: The share of customers kept from one period to the next.
        discount_rate: The cost of capital per period (annual 12% is about
            0.0095 a month).
        timing: When margins are booked.
        periods: The horizon, or ``None`` for a lifetime.

    Raises:
        InvalidInputError: A lifetime with $r \ge 1 + d$ (the sum would not
            end).

    Examples:
        >>> from xborder.money import RoundingMode
        >>> ltv = DiscountedLtv(margin=Money("100", "USD"), retention="0.8",
        ...     discount_rate="0.1", timing="beginning")
        >>> str(ltv.value.quantize(RoundingMode.HALF_UP))
        '366.67 USD'
        >>> str(ltv.after_first.quantize(RoundingMode.HALF_UP))
        '266.67 USD'
    """

    margin: Money = attrs.field(converter=money)
    retention: Decimal = attrs.field(converter=_retention)
    discount_rate: Decimal = attrs.field(converter=non_negative)
    timing: Timing = attrs.field(converter=_to_timing)
    periods: int | None = attrs.field(default=None, converter=_periods)

    def __attrs_post_init__(self) -> None:
        require(
            self.discount_rate <= _ONE,
            field="discount_rate",
            value=self.discount_rate,
            expected="at most 1 (100% a period)",
        )
        if self.periods is None and self.retention >= 1 + self.discount_rate:
            raise InvalidInputError(
                field="retention",
                value=self.retention,
                expected="below 1 + discount_rate over a lifetime (or give periods)",
            )

    @property
    def _growth(self) -> Decimal:
        return DIVISION.divide(self.retention, EXACT.add(_ONE, self.discount_rate))

    @property
    def multiple(self) -> Decimal:
        """The value as a multiple of one period's margin (34 digits)."""
        return self._multiple(self.periods)

    def _multiple(self, periods: int | None) -> Decimal:
        q = self._growth
        if periods is None:
            factor = DIVISION.divide(_ONE, EXACT.subtract(_ONE, q))
        elif q == _ONE:
            factor = Decimal(periods)
        else:
            try:
                power = DIVISION.power(q, periods)
            except Overflow:
                raise InvalidInputError(
                    field="periods", value=periods, expected="a horizon in range"
                ) from None
            factor = DIVISION.divide(
                EXACT.subtract(_ONE, power), EXACT.subtract(_ONE, q)
            )
        if self.timing is Timing.END:
            factor = DIVISION.divide(factor, EXACT.add(_ONE, self.discount_rate))
        return factor

    @property
    def value(self) -> Money:
        """The lifetime value (unrounded: quantize it to show it)."""
        return self.margin * self.multiple

    @property
    def after_first(self) -> Money:
        """The value less the first period's margin as booked (beginning: $m$)."""
        first = self.margin
        if self.timing is Timing.END:
            first = self.margin / EXACT.add(_ONE, self.discount_rate)
        return self.value - first

    def cumulative(self, periods: int) -> Money:
        """The discounted margins of the first ``periods`` periods.

        Examples:
            >>> ltv = DiscountedLtv(margin=Money("10", "EUR"), retention="0.9",
            ...     discount_rate="0", timing="end")
            >>> str(ltv.cumulative(2))
            '19.0 EUR'
        """
        count = checked(_periods, periods, "periods")
        if count is None:
            raise InvalidInputError(field="periods", value=None, expected="an int >= 1")
        return self._cumulative(count)

    def _cumulative(self, periods: int) -> Money:
        if self.periods is not None:
            periods = min(periods, self.periods)
        return self.margin * self._multiple(periods)

    def payback_periods(self, cac: Money) -> int | None:
        r"""The first period whose cumulative discounted margin covers ``cac``.

        Solves $m'\,(1 - q^n)/(1 - q) \ge CAC$ for the smallest whole $n$
        ($m'$ is $m$, or $m/(1+d)$ at the end of periods); ``None`` if the
        horizon (or a lifetime, or 100,000 periods) never covers it; 0 for a
        CAC of zero.

        Examples:
            >>> ltv = DiscountedLtv(margin=Money("8", "EUR"), retention="0.9",
            ...     discount_rate="0.01", timing="end")
            >>> ltv.payback_periods(Money("27.38", "EUR"))
            5
        """
        cost = checked(non_negative_money, cac, "cac")
        in_currency(cost, self.margin.currency, "cac")
        if cost.is_zero():
            return 0
        if self.margin.amount <= 0:
            return None
        guess = self._guess(cost)
        if guess is None:
            return None
        limit = _MOST_PERIODS if self.periods is None else self.periods
        periods = max(guess - 1, 1)
        while self._cumulative(periods) < cost:
            if periods >= limit:
                return None
            periods += 1
        while periods > 1 and self._cumulative(periods - 1) >= cost:
            periods -= 1
        return periods

    def _guess(self, cost: Money) -> int | None:
        """About the payback period: ⌈ln x / ln q⌉ with $x = 1 - CAC (1 - q) / m'$.

        ``None`` when no horizon covers the cost.
        """
        q = self._growth
        first = self._cumulative(1).amount
        if q == 0:
            return 1 if first >= cost.amount else None
        if q == _ONE:
            return int(DIVISION.divide(cost.amount, first)) + 1
        x = EXACT.subtract(
            _ONE,
            DIVISION.divide(
                EXACT.multiply(cost.amount, EXACT.subtract(_ONE, q)), first
            ),
        )
        if x <= 0:
            return None
        steps = DIVISION.divide(DIVISION.ln(x), DIVISION.ln(q))
        return min(int(steps) + 1, _MOST_PERIODS)


def discounted_ltv(
    *,
    margin: Money,
    retention: DecimalInput,
    discount_rate: DecimalInput,
    timing: Timing | str,
    periods: int | None = None,
) -> DiscountedLtv:
    """A customer's discounted lifetime value (see :class:`DiscountedLtv`).

    Examples:
        >>> from xborder.money import RoundingMode
        >>> ltv = discounted_ltv(margin=Money("100", "USD"), retention="0.8",
        ...     discount_rate="0.1", timing="end")
        >>> str(ltv.value.quantize(RoundingMode.HALF_UP))
        '333.33 USD'
    """
    return DiscountedLtv(
        margin=margin,
        retention=retention,
        discount_rate=discount_rate,
        timing=timing,
        periods=periods,
    )
