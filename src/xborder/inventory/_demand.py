"""Demand: a mean and standard deviation per period, with optional seasonality."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    date_value,
    items_of,
    named_errors,
    non_negative,
    optional_date,
    require,
    to_decimal,
)
from xborder.errors import InvalidInputError, XborderError
from xborder.inventory._args import days as span
from xborder.inventory._args import optional_day, positive_duration
from xborder.inventory._distributions import NormalDemand
from xborder.inventory._numeric import ratio, sqrt
from xborder.units import as_duration

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = ["Demand", "as_day", "demand_moments", "non_negative_numbers"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def non_negative_numbers(
    values: Iterable[DecimalInput], what: str = "a number >= 0"
) -> tuple[Decimal, ...]:
    """A sequence of finite numbers >= 0 as a tuple; a bad item names its index."""
    result = []
    for index, value in enumerate(items_of(values, field=None)):
        number = to_decimal(value, field=f"[{index}]")
        require(number >= 0, field=f"[{index}]", value=value, expected=what)
        result.append(number)
    return tuple(result)


def _multipliers(values: Iterable[DecimalInput]) -> tuple[Decimal, ...]:
    if type(values) is tuple and not values:
        return ()  # the default, on every Demand built: nothing to walk
    return non_negative_numbers(values, "a multiplier >= 0 (1.5 is a 50% uplift)")


def _sd(value: DecimalInput) -> Decimal:
    if value is _ZERO:
        return _ZERO  # the default, on most Demands built: a known valid number
    return non_negative(value)


def as_day(value: object, field: str) -> dt.date:
    """``value`` as a date, or an error naming ``field``."""
    if value is None:
        raise InvalidInputError(
            "seasonal demand depends on the calendar",
            field=field,
            value=None,
            expected="the date the interval starts",
        )
    if type(value) is dt.date:
        return value
    try:
        return date_value(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field(field) from None


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Demand:
    r"""Forecast demand: a mean and a standard deviation per period.

    The period is a time quantity (``"1 day"``, ``"1 week"``, ``"1 month"``),
    so a weekly forecast can never be mistaken for a daily one: every
    calculator converts it once to days. Over an interval of ``T`` days the
    mean scales with time and the *variance* does (days independent), so the
    standard deviation scales with $\sqrt{T}$, never with ``T``:

    $$\mu_T = \mu \frac{T}{P}, \qquad \sigma_T = \sigma \sqrt{T / P}$$

    Seasonality multiplies the mean of consecutive periods starting on
    ``season_start`` (``1.5`` is a 50 % uplift); days outside them use 1. It
    scales the standard deviation by the same factor (a constant coefficient
    of variation). A seasonal forecast needs the day an interval starts, so
    calculators then ask for ``as_of``.

    Args:
        mean: Mean demand per period, in units (>= 0).
        sd: Standard deviation of demand per period (>= 0; 0 = deterministic).
        period: The period, any time quantity (``"1 week"``); > 0. A pint
            month is a twelfth of a Julian year (30.4375 days), not a
            calendar month.
        seasonality: Multipliers (>= 0) for consecutive periods.
        season_start: The first day of the first seasonal period; required
            with ``seasonality``.

    Examples:
        >>> weekly = Demand(mean=140, sd=28, period="1 week")
        >>> weekly.daily_mean
        Decimal('20')
        >>> weekly.over("3 weeks").mean, weekly.over("3 weeks").sd
        (Decimal('420'), Decimal('48.4974226119'))
    """

    mean: Decimal = attrs.field(converter=non_negative)
    sd: Decimal = attrs.field(default=_ZERO, converter=_sd)
    period: Quantity = attrs.field(converter=as_duration, validator=positive_duration)
    seasonality: tuple[Decimal, ...] = attrs.field(default=(), converter=_multipliers)
    season_start: dt.date | None = attrs.field(default=None, converter=optional_date)
    period_days: Decimal = attrs.field(init=False, repr=False, eq=False)
    """The period in days (derived from ``period``)."""
    variance: Decimal = attrs.field(init=False, repr=False, eq=False)
    """Variance of demand per period, ``sd²``, exact (derived)."""

    def __attrs_post_init__(self) -> None:
        if self.seasonality and self.season_start is None:
            raise InvalidInputError(
                field="season_start",
                value=None,
                expected="the first day of the first seasonal period",
            )
        object.__setattr__(self, "period_days", self.period.magnitude)
        object.__setattr__(self, "variance", EXACT.multiply(self.sd, self.sd))

    @classmethod
    def from_history(
        cls, quantities: Iterable[DecimalInput], *, period: QuantityInput
    ) -> Demand:
        r"""Estimate mean and sample standard deviation from past periods' sales.

        $$\bar{x} = \frac{1}{n}\sum x_i, \qquad
        s = \sqrt{\frac{1}{n-1}\sum (x_i - \bar{x})^2}$$

        Args:
            quantities: Units sold in each of at least two past periods.
            period: The length of each period.

        Examples:
            >>> Demand.from_history([12, 15, 9, 14], period="1 day").mean
            Decimal('12.5')
        """
        try:
            values = non_negative_numbers(quantities, "units sold >= 0")
        except XborderError as error:
            raise error.in_field("quantities") from None
        require(
            len(values) >= 2,  # noqa: PLR2004 - a sample sd needs two values
            field="quantities",
            value=quantities,
            expected="at least two periods of history",
        )
        count = Decimal(len(values))
        total = squares = _ZERO
        for value in values:
            total = EXACT.add(total, value)
        mean = ratio(total, count)
        for value in values:
            gap = EXACT.subtract(value, mean)
            squares = EXACT.add(squares, EXACT.multiply(gap, gap))
        return cls(mean=mean, sd=sqrt(ratio(squares, count - 1)), period=period)

    @property
    def daily_mean(self) -> Decimal:
        """Mean demand per day outside any seasonal uplift."""
        return ratio(self.mean, self.period_days)

    @property
    def daily_sd(self) -> Decimal:
        """Standard deviation of one day's demand, ``σ/√P`` (12 digits)."""
        return sqrt(ratio(self.variance, self.period_days))

    def multiplier_on(self, day: dt.date) -> Decimal:
        """The seasonal multiplier of the period that contains ``day`` (1 if none).

        Examples:
            >>> import datetime as dt
            >>> peak = Demand(mean=10, period="1 week", seasonality=[1, 2],
            ...               season_start=dt.date(2026, 11, 2))
            >>> peak.multiplier_on(dt.date(2026, 11, 10))
            Decimal('2')
        """
        if not self.seasonality:
            return _ONE
        offset = self._origin(as_day(day, "day"))
        if offset < 0:
            return _ONE
        index = int(EXACT.divide_int(offset, self.period_days))
        return self.seasonality[index] if index < len(self.seasonality) else _ONE

    def over(
        self, duration: QuantityInput, *, start: dt.date | str | None = None
    ) -> NormalDemand:
        """Mean and standard deviation of total demand over ``duration`` from ``start``.

        Args:
            duration: The length of the interval (any time quantity).
            start: Its first day; required when the demand is seasonal.
        """
        days = span(duration, "duration")
        day = optional_day(start, "start")
        mean, variance = demand_moments(self, _ZERO, days, day)
        return NormalDemand(mean=mean, sd=sqrt(variance))

    def moments(
        self, begin: Decimal, end: Decimal, start: dt.date | str | None
    ) -> tuple[Decimal, Decimal]:
        """Mean and variance of demand from day ``begin`` to ``end``.

        Days are measured from ``start`` (fractions allowed); ``start`` is
        only needed, and only read, when the demand is seasonal. Exact up to
        the division by the period (34 significant digits). ``begin`` and
        ``end`` are bounded where they enter (below 1E+36 in size): a
        seasonal interval walks only the periods it overlaps, so the time
        taken is at most one step per seasonal multiplier.

        Examples:
            >>> from decimal import Decimal
            >>> Demand(mean=140, sd=28, period="1 week").moments(
            ...     Decimal(0), Decimal(14), None)
            (Decimal('280'), Decimal('1568'))
        """
        first = to_decimal(begin, field="begin")
        last = to_decimal(end, field="end")
        require(last >= first, field="end", value=end, expected=f"at least {first}")
        return demand_moments(self, first, last, optional_day(start, "start"))

    def _origin(self, day: dt.date) -> Decimal:
        # Days from the start of the first seasonal period to ``day``
        # (season_start is set whenever there is seasonality).
        return Decimal((day - (self.season_start or day)).days)

    def _seasonal_weights(
        self, begin: Decimal, end: Decimal
    ) -> tuple[Decimal, Decimal]:
        # Days weighted by their period's multiplier m (mean) and m² (variance):
        # the plain length plus (m - 1) or (m² - 1) times each overlap.
        weight_mean = weight_variance = EXACT.subtract(end, begin)
        period = self.period_days
        first = max(int(EXACT.divide_int(begin, period)), 0)
        for index in range(first, len(self.seasonality)):
            low = EXACT.multiply(period, index)
            if low >= end:
                break
            high = EXACT.add(low, period)
            overlap = EXACT.subtract(min(high, end), max(low, begin))
            if overlap <= 0:
                continue
            factor = self.seasonality[index]
            weight_mean = EXACT.add(weight_mean, EXACT.multiply(factor - 1, overlap))
            square = EXACT.multiply(factor, factor)
            weight_variance = EXACT.add(
                weight_variance, EXACT.multiply(square - 1, overlap)
            )
        return weight_mean, weight_variance


def demand_moments(
    demand: Demand, begin: Decimal, end: Decimal, start: dt.date | None
) -> tuple[Decimal, Decimal]:
    """:meth:`Demand.moments` for checked days ``begin <= end`` (the calculators')."""
    length = EXACT.subtract(end, begin)
    if not demand.seasonality:
        weight_mean = weight_variance = length
    else:
        origin = demand._origin(as_day(start, "as_of"))  # noqa: SLF001 - same module
        weight_mean, weight_variance = demand._seasonal_weights(  # noqa: SLF001
            EXACT.add(origin, begin), EXACT.add(origin, end)
        )
    mean = ratio(EXACT.multiply(demand.mean, weight_mean), demand.period_days)
    variance = ratio(
        EXACT.multiply(demand.variance, weight_variance), demand.period_days
    )
    return mean, variance
