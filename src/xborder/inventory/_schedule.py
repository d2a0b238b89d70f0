"""Order-by and ship-by dates: a route's legs scheduled backwards from a need date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, overload

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    date_value,
    named_errors,
    non_negative,
    require,
    to_decimal,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.inventory._args import days, expect, is_a, optional_number
from xborder.inventory._cover import StockoutForecast, projected_stockout, whole_days
from xborder.inventory._demand import Demand, as_day
from xborder.inventory._fast import builder
from xborder.inventory._lead_time import LeadTime, LeadTimeLeg, LegKind
from xborder.inventory._numeric import STATISTICAL, z_for

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.inventory._position import StockPosition
    from xborder.units import QuantityInput

__all__ = ["LegMilestone", "OrderDeadline", "latest_order_date", "order_deadline"]

_ZERO = Decimal(0)


def _ceil_days(value: Decimal) -> int:
    return -whole_days(-value)


def _before(day: dt.date, span: Decimal) -> dt.date:
    offset = _ceil_days(span)
    if offset > (day - dt.date.min).days:
        raise InvalidInputError(
            "the route would have to start before the year 1",
            field="need_by",
            value=day,
            expected=f"a date at least {offset} days after 0001-01-01",
        )
    return day - dt.timedelta(days=offset)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LegMilestone:
    """The latest start and end of one leg for the goods to arrive in time.

    Built by hand, the end must be no earlier than the start.

    Examples:
        >>> from xborder.inventory import LeadTime, LeadTimeLeg, order_deadline
        >>> route = LeadTime(legs=(LeadTimeLeg(name="factory", mean="10 days"),
        ...                        LeadTimeLeg(name="sea", mean="30 days")))
        >>> first = order_deadline(route, need_by="2026-11-20").milestones[0]
        >>> first.leg.name, first.start, first.end
        ('factory', datetime.date(2026, 10, 11), datetime.date(2026, 10, 21))
    """

    leg: LeadTimeLeg = attrs.field(validator=is_a(LeadTimeLeg))
    start: dt.date = attrs.field(converter=date_value)
    end: dt.date = attrs.field(converter=date_value)

    def __attrs_post_init__(self) -> None:
        require(
            self.end >= self.start,
            field="end",
            value=self.end,
            expected=f"on or after the start ({self.start})",
        )


_build_milestone = builder(LegMilestone)


def _milestones(values: Iterable[LegMilestone]) -> tuple[LegMilestone, ...]:
    milestones = tuple_of(values, LegMilestone)
    require(bool(milestones), field=None, value=values, expected="at least one leg")
    return milestones


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class OrderDeadline:
    r"""The latest dates to order and to ship so stock is sellable by ``need_by``.

    Legs are scheduled backwards from the arrival date at their mean
    durations, rounded up to whole days over the cumulative total (not leg
    by leg, which would compound the rounding). Lead-time *variability* is
    covered by a buffer before ``need_by``: $z\,\sigma_L$ days for a chosen
    confidence (normal approximation), plus any fixed buffer.

    Attributes:
        need_by: The day the stock must be sellable (e.g. the projected stockout).
        arrive_by: ``need_by`` minus the buffer: the planned arrival.
        ship_by: The latest start of the first transit leg (the day goods
            must leave the factory or the seller's hands).
        order_by: The latest start of the first leg: the purchase-order date.
        buffer_days: The buffer in days ($z\sigma_L$ + fixed).
        z: The confidence's safety factor (``None`` without a confidence).
        milestones: Each leg's latest start and end, in route order.

    Built by hand, ``order_by`` must be the first milestone's start,
    ``arrive_by`` the last one's end and no later than ``need_by``.

    Examples:
        >>> from xborder.inventory import LeadTime, LeadTimeLeg, order_deadline
        >>> route = LeadTime(legs=(
        ...     LeadTimeLeg(name="factory", mean="10 days", kind="production"),
        ...     LeadTimeLeg(name="sea", mean="30 days", sd="5 days")))
        >>> deadline = order_deadline(route, need_by="2026-11-20", confidence="0.9")
        >>> deadline.order_by, deadline.ship_by, deadline.buffer_days
        (datetime.date(2026, 10, 4), datetime.date(2026, 10, 14),
        Decimal('6.40775782770'))
    """

    need_by: dt.date = attrs.field(converter=date_value)
    arrive_by: dt.date = attrs.field(converter=date_value)
    ship_by: dt.date = attrs.field(converter=date_value)
    order_by: dt.date = attrs.field(converter=date_value)
    buffer_days: Decimal = attrs.field(converter=non_negative)
    z: Decimal | None = attrs.field(converter=optional_number)
    milestones: tuple[LegMilestone, ...] = attrs.field(converter=_milestones)

    def __attrs_post_init__(self) -> None:
        first, last = self.milestones[0], self.milestones[-1]
        require(
            self.order_by == first.start,
            field="order_by",
            value=self.order_by,
            expected=f"the first leg's start ({first.start})",
        )
        require(
            self.arrive_by == last.end,
            field="arrive_by",
            value=self.arrive_by,
            expected=f"the last leg's end ({last.end})",
        )
        require(
            self.arrive_by <= self.need_by,
            field="arrive_by",
            value=self.arrive_by,
            expected=f"no later than need_by ({self.need_by})",
        )

    def days_left(self, as_of: dt.date | str) -> int:
        """Days from ``as_of`` to ``order_by`` (negative: already late)."""
        return (self.order_by - as_day(as_of, "as_of")).days


def _confidence(value: DecimalInput | None) -> Decimal | None:
    if value is None:
        return None
    level = to_decimal(value, field="confidence")
    if level < Decimal("0.5"):
        raise InvalidInputError(
            "below 50 % the buffer would be negative: planning to arrive late",
            field="confidence",
            value=value,
            expected="a probability of at least 0.5 and below 1",
        )
    return z_for(level, "confidence")


def order_deadline(
    lead_time: LeadTime,
    *,
    need_by: dt.date | str,
    confidence: DecimalInput | None = None,
    buffer: QuantityInput | None = None,
) -> OrderDeadline:
    r"""Schedule a route backwards from the day its goods must be sellable.

    Args:
        lead_time: The route, legs in order.
        need_by: The day the stock must be sellable.
        confidence: Probability, from 0.5 to below 1, that the goods arrive
            by ``need_by`` (adds $z\sigma_L$ days of buffer); ``None`` plans
            on the mean.
        buffer: A fixed extra margin (``"3 days"``).

    Examples:
        >>> from xborder.inventory import LeadTime, LeadTimeLeg, order_deadline
        >>> route = LeadTime(legs=(
        ...     LeadTimeLeg(name="factory", mean="15 days", kind="production"),
        ...     LeadTimeLeg(name="sea", mean="30 days", sd="6 days"),
        ...     LeadTimeLeg(
        ...         name="receiving", mean="5 days", sd="2 days", kind="handling"
        ...     ),
        ... ))
        >>> deadline = order_deadline(route, need_by="2026-11-15", confidence="0.9")
        >>> deadline.buffer_days
        Decimal('8.10524377213')
        >>> days = (deadline.arrive_by, deadline.ship_by, deadline.order_by)
        >>> [str(day) for day in days]
        ['2026-11-06', '2026-10-02', '2026-09-17']
    """
    route = expect(lead_time, LeadTime, "lead_time")
    target = as_day(need_by, "need_by")
    z = _confidence(confidence)
    extra = _ZERO if buffer is None else days(buffer, "buffer")
    if z is not None and route.variance:
        extra = EXACT.add(extra, STATISTICAL.multiply(z, route.sd_days))
    arrive = _before(target, extra)
    milestones: list[LegMilestone] = []
    remaining = _ZERO
    end = arrive
    for leg in reversed(route.legs):
        remaining = EXACT.add(remaining, leg.mean_days)
        start = _before(arrive, remaining)
        milestones.append(_build_milestone(leg, start, end))
        end = start
    milestones.reverse()
    ship = next(
        (m.start for m in milestones if m.leg.kind is LegKind.TRANSIT),
        milestones[0].start,
    )
    return _build_deadline(
        target, arrive, ship, milestones[0].start, extra, z, tuple(milestones)
    )


_build_deadline = builder(OrderDeadline)


def _never_out(value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(
            field="if_never_out", value=value, expected='"none" or "raise"'
        )
    if value not in {"none", "raise"}:
        raise InvalidInputError(
            field="if_never_out", value=value, expected='"none" or "raise"'
        )


NeverOut = Literal["none", "raise"]
"""What :func:`latest_order_date` does when the stock never runs out."""


@overload
def latest_order_date(
    position: StockPosition,
    demand: Demand,
    lead_time: LeadTime,
    *,
    as_of: dt.date | str,
    confidence: DecimalInput | None = None,
    buffer: QuantityInput | None = None,
    if_never_out: Literal["none"] = "none",
) -> tuple[StockoutForecast, OrderDeadline | None]: ...


@overload
def latest_order_date(
    position: StockPosition,
    demand: Demand,
    lead_time: LeadTime,
    *,
    as_of: dt.date | str,
    confidence: DecimalInput | None = None,
    buffer: QuantityInput | None = None,
    if_never_out: Literal["raise"],
) -> tuple[StockoutForecast, OrderDeadline]: ...


def latest_order_date(
    position: StockPosition,
    demand: Demand,
    lead_time: LeadTime,
    *,
    as_of: dt.date | str,
    confidence: DecimalInput | None = None,
    buffer: QuantityInput | None = None,
    if_never_out: NeverOut = "none",
) -> tuple[StockoutForecast, OrderDeadline | None]:
    """The projected stockout and the order-by and ship-by dates that prevent it.

    Returns the forecast, and the deadline for stock to land by the stockout
    date. If the position never runs out (no demand, or not before the year
    9999) there is no deadline: it is ``None`` by default, typed
    ``OrderDeadline | None``; with ``if_never_out="raise"`` that case is an
    error instead, and the deadline is typed ``OrderDeadline``, so code that
    expects a stockout needs no ``None`` check.

    Raises:
        InvalidInputError: ``if_never_out="raise"`` and the position never
            runs out, or ``if_never_out`` is neither ``"none"`` nor ``"raise"``.

    Examples:
        >>> from xborder.inventory import (Demand, LeadTime, StockPosition,
        ...     latest_order_date)
        >>> forecast, deadline = latest_order_date(
        ...     StockPosition(on_hand=900), Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"), as_of="2026-10-01",
        ...     confidence="0.95", if_never_out="raise")
        >>> forecast.date, deadline.order_by
        (datetime.date(2026, 11, 15), datetime.date(2026, 10, 7))
        >>> idle = Demand(mean=0, period="1 day")
        >>> latest_order_date(StockPosition(on_hand=900), idle,
        ...     LeadTime.single("30 days"), as_of="2026-10-01")[1] is None
        True
    """
    _never_out(if_never_out)
    forecast = projected_stockout(position, demand, as_of=as_of)
    if forecast.date is None:
        expect(lead_time, LeadTime, "lead_time")
        if if_never_out == "raise":
            raise InvalidInputError(
                "the stock never runs out at this demand: no order-by date",
                field="position",
                value=position,
                expected="a position that runs out (by the year 9999) at this demand",
            )
        return forecast, None
    deadline = order_deadline(
        lead_time, need_by=forecast.date, confidence=confidence, buffer=buffer
    )
    return forecast, deadline
