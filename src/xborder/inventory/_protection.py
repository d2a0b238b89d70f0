"""Demand over the protection interval: the lead time, plus a review period."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import named_errors, non_negative, require
from xborder.errors import InvalidInputError
from xborder.inventory._args import days, expect, optional_day
from xborder.inventory._demand import Demand, demand_moments
from xborder.inventory._fast import slot_setters
from xborder.inventory._lead_time import LeadTime
from xborder.inventory._numeric import ratio, sqrt
from xborder.units import DAY, quantity

if TYPE_CHECKING:
    import datetime as dt

    from xborder.units import Quantity, QuantityInput

__all__ = ["ProtectionDemand", "checked_inputs", "lead_time_demand", "protect"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ProtectionDemand:
    r"""Demand over the interval a stocking decision must cover.

    For a reorder point the interval is the lead time $L$; for an order-up-to
    level it is the review period plus the lead time, $R + L$. With demand
    and lead time independent (Silver, Pyke & Thomas 2017, ch. 6; Chopra &
    Meindl, ch. 12):

    $$\mu = d\,(R + L), \qquad
    \sigma = \sqrt{(R + L)\,\sigma_d^2 + d^2\,\sigma_L^2}$$

    Attributes:
        lead_time_days: Mean lead time $L$ in days.
        review_days: Review period $R$ in days (0 for continuous review).
        mean: Expected demand over the interval, exact.
        demand_variance: $(R + L)\sigma_d^2$, the part from demand.
        lead_time_variance: $d^2\sigma_L^2$, the part from lead time.
        sd: $\sigma$, to 12 significant digits.

    The mean and the two variances are exact up to one division each (by
    the forecast's period, or its square for $d^2\sigma_L^2$, computed as
    $\text{mean}^2\sigma_L^2 / \text{period}^2$), kept to 34 significant
    digits: exact whenever the quotient is (100 a week with $\sigma_L$ of
    one week gives exactly 10000), never a squared rounded rate.

    Built by hand, every field must be >= 0 and ``sd`` the square root of
    the two variances' sum, to 12 digits.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, lead_time_demand
        >>> demand = lead_time_demand(Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"))
        >>> demand.mean, demand.demand_variance, demand.lead_time_variance, demand.sd
        (Decimal('600'), Decimal('1080'), Decimal('10000'), Decimal('105.261578936'))
    """

    lead_time_days: Decimal = attrs.field(converter=non_negative)
    review_days: Decimal = attrs.field(converter=non_negative)
    mean: Decimal = attrs.field(converter=non_negative)
    demand_variance: Decimal = attrs.field(converter=non_negative)
    lead_time_variance: Decimal = attrs.field(converter=non_negative)
    sd: Decimal = attrs.field(converter=non_negative)

    def __attrs_post_init__(self) -> None:
        root = sqrt(self.variance)
        require(
            self.sd == root,
            field="sd",
            value=self.sd,
            expected=f"the square root of the variances' sum ({root})",
        )

    @property
    def interval_days(self) -> Decimal:
        """The protection interval $R + L$ in days."""
        return EXACT.add(self.review_days, self.lead_time_days)

    @property
    def interval(self) -> Quantity:
        """The protection interval as a quantity in days."""
        return quantity(self.interval_days, DAY)

    @property
    def variance(self) -> Decimal:
        r"""$\sigma^2$, exact: the two parts' sum."""
        return EXACT.add(self.demand_variance, self.lead_time_variance)

    @property
    def daily_mean(self) -> Decimal | None:
        """Average demand per day over the interval (``None`` for an empty interval)."""
        interval = self.interval_days
        return ratio(self.mean, interval) if interval else None


_new = object.__new__
(
    _set_lead,
    _set_review,
    _set_mean,
    _set_from_demand,
    _set_from_lead,
    _set_sd,
) = slot_setters(ProtectionDemand)


def protect(
    demand: Demand, lead_time: LeadTime, review_days: Decimal, as_of: dt.date | None
) -> ProtectionDemand:
    """:class:`ProtectionDemand` from checked arguments (the calculators' core)."""
    lead = lead_time.mean_days
    interval = EXACT.add(lead, review_days)
    # The daily rate d is a quotient (units over days); d²σ_L² is computed as
    # units² × σ_L² over days², one division at the end, so that exact
    # inputs give an exact variance (100 a week, σ_L 1 week: 10000, not
    # 10000.00000000000000000000000000001 from squaring a rounded 100/7).
    if not demand.seasonality:
        period = demand.period_days
        mean = ratio(EXACT.multiply(demand.mean, interval), period)
        from_demand = ratio(EXACT.multiply(demand.variance, interval), period)
        units, over = demand.mean, period
    else:
        mean, from_demand = demand_moments(demand, _ZERO, interval, as_of)
        if interval:
            units, over = mean, interval
        else:
            rate = EXACT.multiply(demand.daily_mean, demand.multiplier_on(as_of))  # type: ignore[arg-type]
            units, over = rate, _ONE
    spread = lead_time.variance
    from_lead = _rate_variance(units, over, spread) if spread else _ZERO
    # Built slot by slot (see _fast): this runs once per SKU.
    result = _new(ProtectionDemand)
    _set_lead(result, lead)
    _set_review(result, review_days)
    _set_mean(result, mean)
    _set_from_demand(result, from_demand)
    _set_from_lead(result, from_lead)
    _set_sd(result, sqrt(EXACT.add(from_demand, from_lead)))
    return result


def _rate_variance(units: Decimal, days: Decimal, spread: Decimal) -> Decimal:
    """``(units / days)² × spread`` as ``units² × spread / days²``: one rounding."""
    numerator = EXACT.multiply(EXACT.multiply(units, units), spread)
    return ratio(numerator, EXACT.multiply(days, days))


def checked_inputs(
    demand: object, lead_time: object, as_of: dt.date | str | None
) -> tuple[Demand, LeadTime, dt.date | None]:
    """The calculators' common arguments, checked; ``as_of`` if seasonality needs it."""
    checked = expect(demand, Demand, "demand")
    route = expect(lead_time, LeadTime, "lead_time")
    day = optional_day(as_of, "as_of")
    if checked.seasonality and day is None:
        raise InvalidInputError(
            "the demand is seasonal, so the interval's start matters",
            field="as_of",
            value=None,
            expected="the date the protection interval starts",
        )
    return checked, route, day


def lead_time_demand(
    demand: Demand,
    lead_time: LeadTime,
    *,
    review_period: QuantityInput | None = None,
    as_of: dt.date | str | None = None,
) -> ProtectionDemand:
    """Mean and standard deviation of demand over the lead time (plus a review period).

    Args:
        demand: The forecast.
        lead_time: The route's lead time.
        review_period: For periodic review, the time between reviews.
        as_of: The day the interval starts (needed for seasonal demand).

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, lead_time_demand
        >>> demand = Demand(mean=2500, sd=500, period="1 day")
        >>> ltd = lead_time_demand(demand, LeadTime.single("7 days", "7 days"))
        >>> ltd.demand_variance, ltd.lead_time_variance
        (Decimal('1750000'), Decimal('306250000'))
        >>> ltd.mean, ltd.sd
        (Decimal('17500'), Decimal('17549.9287748'))
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    review = _ZERO if review_period is None else days(review_period, "review_period")
    return protect(checked, route, review, day)
