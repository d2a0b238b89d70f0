"""A day-by-day projection of stock under a replenishment policy (the sawtooth)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    date_value,
    decimal,
    flag,
    named_errors,
    non_negative,
    positive,
    require,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.inventory._args import expect, positive_duration
from xborder.inventory._cover import whole_days
from xborder.inventory._demand import Demand, as_day, demand_moments
from xborder.inventory._fast import builder
from xborder.inventory._lead_time import LeadTime
from xborder.inventory._position import StockPosition
from xborder.units import as_duration

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.units import Quantity  # noqa: TC004 - pint stays lazy

__all__ = [
    "ContinuousReviewPolicy",
    "PeriodicReviewPolicy",
    "PlannedOrder",
    "ProjectedDay",
    "StockProjection",
    "project_stock",
]

_ZERO = Decimal(0)
_MAX_DAYS = 3660


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ContinuousReviewPolicy:
    """Order ``order_quantity`` when the inventory position falls to ``reorder_point``.

    Args:
        reorder_point: The trigger level (e.g. ``reorder_point(...).units``).
        order_quantity: Units per order, > 0 (e.g. ``eoq(...).units``).

    Examples:
        >>> from xborder.inventory import ContinuousReviewPolicy
        >>> policy = ContinuousReviewPolicy(reorder_point=120, order_quantity=300)
        >>> policy.reorder_point, policy.order_quantity
        (Decimal('120'), Decimal('300'))
    """

    reorder_point: Decimal = attrs.field(converter=non_negative)
    order_quantity: Decimal = attrs.field(converter=positive)


def _whole_days(value: object) -> Quantity:
    duration = as_duration(value)  # type: ignore[arg-type]
    magnitude = duration.magnitude
    require(
        magnitude == magnitude.to_integral_value(),
        field=None,
        value=str(value),
        expected="a whole number of days",
    )
    return duration


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PeriodicReviewPolicy:
    """Every ``review_period``, order ``order_up_to`` minus the inventory position.

    Args:
        order_up_to: The level $S$ (e.g. ``order_up_to_level(...).units``).
        review_period: Time between reviews, a whole number of days (> 0);
            the first review is on the projection's first day.

    Examples:
        >>> from xborder.inventory import PeriodicReviewPolicy
        >>> policy = PeriodicReviewPolicy(order_up_to=500, review_period="2 weeks")
        >>> policy.order_up_to, policy.review_period
        (Decimal('500'), <Quantity(14, 'day')>)
    """

    order_up_to: Decimal = attrs.field(converter=non_negative)
    review_period: Quantity = attrs.field(
        converter=_whole_days, validator=positive_duration
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PlannedOrder:
    """An order the policy places during the projection.

    Built by hand, the quantity must be > 0 and the arrival no earlier than
    the day the order is placed.

    Examples:
        >>> from xborder.inventory import (ContinuousReviewPolicy, Demand, LeadTime,
        ...     StockPosition, project_stock)
        >>> projection = project_stock(StockPosition(on_hand=100),
        ...     Demand(mean=10, period="1 day"),
        ...     as_of="2026-10-01", days=10, lead_time=LeadTime.single("5 days"),
        ...     policy=ContinuousReviewPolicy(reorder_point=60, order_quantity=80))
        >>> order = projection.orders[0]
        >>> order.placed, order.arrival, order.quantity
        (datetime.date(2026, 10, 4), datetime.date(2026, 10, 9), Decimal('80'))
    """

    placed: dt.date = attrs.field(converter=date_value)
    arrival: dt.date = attrs.field(converter=date_value)
    quantity: Decimal = attrs.field(converter=positive)

    def __attrs_post_init__(self) -> None:
        require(
            self.arrival >= self.placed,
            field="arrival",
            value=self.arrival,
            expected=f"on or after the day the order is placed ({self.placed})",
        )


_build_order = builder(PlannedOrder)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ProjectedDay:
    """One day of the projection: arrivals at the start, demand, orders at the end.

    Attributes:
        day: The date.
        opening: Stock at the start of the day, before arrivals.
        arrivals: Units received that day.
        demand: Expected demand that day.
        sales: Demand served.
        short: Demand not served (lost, or backordered).
        closing: Stock at the end of the day (negative = backorders).
        on_order: Units ordered and not yet received, after the day's orders.
        ordered: Units ordered that day.

    Built by hand, every count but ``opening`` and ``closing`` must be >= 0,
    and ``sales + short`` must be ``demand``.

    Examples:
        >>> from xborder.inventory import Demand, StockPosition, project_stock
        >>> projection = project_stock(StockPosition(on_hand=25),
        ...     Demand(mean=10, period="1 day"), as_of="2026-10-01", days=3)
        >>> last = projection.days[-1]
        >>> last.day, last.opening, last.sales, last.short, last.closing
        (datetime.date(2026, 10, 3), Decimal('5'), Decimal('5'), Decimal('5'),
        Decimal('0'))
    """

    day: dt.date = attrs.field(converter=date_value)
    opening: Decimal = attrs.field(converter=decimal)
    arrivals: Decimal = attrs.field(converter=non_negative)
    demand: Decimal = attrs.field(converter=non_negative)
    sales: Decimal = attrs.field(converter=non_negative)
    short: Decimal = attrs.field(converter=non_negative)
    closing: Decimal = attrs.field(converter=decimal)
    on_order: Decimal = attrs.field(converter=non_negative)
    ordered: Decimal = attrs.field(converter=non_negative)

    def __attrs_post_init__(self) -> None:
        require(
            EXACT.add(self.sales, self.short) == self.demand,
            field="short",
            value=self.short,
            expected=f"demand − sales ({self.demand} − {self.sales})",
        )

    @property
    def on_hand(self) -> Decimal:
        """Units on the shelf at the end of the day (>= 0): what a chart plots."""
        return max(self.closing, _ZERO)


_build_day = builder(ProjectedDay)


def _days(values: Iterable[ProjectedDay]) -> tuple[ProjectedDay, ...]:
    rows = tuple_of(values, ProjectedDay)
    require(bool(rows), field=None, value=values, expected="at least one day")
    return rows


def _orders(values: Iterable[PlannedOrder]) -> tuple[PlannedOrder, ...]:
    return tuple_of(values, PlannedOrder)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StockProjection:
    """A day-by-day projection of expected stock, with the orders a policy places.

    Demand is the forecast's expectation, so the projection shows the
    policy's rhythm (the sawtooth: stock falls at the demand rate and jumps
    when an order lands) rather than a random path.

    Attributes:
        days: One row per day.
        orders: Orders placed by the policy.
        lost_sales: Whether unmet demand was lost (else backordered).

    Examples:
        >>> from xborder.inventory import Demand, StockPosition, project_stock
        >>> projection = project_stock(StockPosition(on_hand=25),
        ...     Demand(mean=10, period="1 day"), as_of="2026-10-01", days=3)
        >>> len(projection.days), projection.orders, projection.lost_sales
        (3, (), True)
    """

    days: tuple[ProjectedDay, ...] = attrs.field(converter=_days)
    orders: tuple[PlannedOrder, ...] = attrs.field(converter=_orders)
    lost_sales: bool = attrs.field(converter=flag)

    @property
    def stockout_date(self) -> dt.date | None:
        """The first day with unmet demand (``None`` if none)."""
        return next((row.day for row in self.days if row.short > 0), None)

    @property
    def total_short(self) -> Decimal:
        """All unmet demand over the projection."""
        total = _ZERO
        for row in self.days:
            total = EXACT.add(total, row.short)
        return total

    def on_hand(self) -> tuple[tuple[dt.date, Decimal], ...]:
        """``(day, units on hand at the end of it)`` pairs, ready for a chart."""
        return tuple((row.day, row.on_hand) for row in self.days)


def project_stock(
    position: StockPosition,
    demand: Demand,
    *,
    as_of: dt.date | str,
    days: int,
    policy: ContinuousReviewPolicy | PeriodicReviewPolicy | None = None,
    lead_time: LeadTime | None = None,
    lost_sales: bool = True,
) -> StockProjection:
    """Project stock day by day from ``as_of`` for ``days`` days.

    Each day: inbound shipments (and the policy's earlier orders) arrive,
    expected demand is served from what is there, then the policy reviews
    the inventory position (stock + on order) and may order. A policy's
    orders arrive after the lead time's mean, rounded up to whole days.

    Args:
        position: Stock today, with its inbound shipments.
        demand: The forecast.
        as_of: The first day.
        days: How many days to project (1 to 3,660).
        policy: A continuous- or periodic-review policy, or ``None`` (no
            new orders: see when the current stock runs out).
        lead_time: The lead time for the policy's orders (required with one).
        lost_sales: Unmet demand is lost (marketplace buyers go elsewhere);
            ``False`` backorders it, so later arrivals serve it first.

    Examples:
        >>> from xborder.inventory import (
        ...     ContinuousReviewPolicy, Demand, LeadTime, StockPosition, project_stock)
        >>> projection = project_stock(
        ...     StockPosition(on_hand=100), Demand(mean=10, period="1 day"),
        ...     as_of="2026-10-01", days=30, lead_time=LeadTime.single("5 days"),
        ...     policy=ContinuousReviewPolicy(reorder_point=50, order_quantity=100))
        >>> [str(order.arrival) for order in projection.orders]
        ['2026-10-10', '2026-10-20', '2026-10-30']
        >>> min(units for _, units in projection.on_hand()), projection.stockout_date
        (Decimal('10'), None)
    """
    checked = expect(position, StockPosition, "position")
    forecast = expect(demand, Demand, "demand")
    start = as_day(as_of, "as_of")
    span = _span(days)
    require(
        span + 366 <= (dt.date.max - start).days,
        field="days",
        value=days,
        expected="a projection that ends a year before 9999-12-31",
    )
    delay = _delay(policy, lead_time)
    lost = _lost_sales(lost_sales)
    arrivals: dict[int, Decimal] = {}
    for shipment in checked.inbound:
        offset = max((shipment.arrival - start).days, 0)
        arrivals[offset] = EXACT.add(arrivals.get(offset, _ZERO), shipment.quantity)
    stock = Decimal(checked.available)
    on_order = Decimal(checked.on_order)
    rows: list[ProjectedDay] = []
    orders: list[PlannedOrder] = []
    for index in range(span):
        day = start + dt.timedelta(days=index)
        landed = arrivals.pop(index, _ZERO)
        on_order = EXACT.subtract(on_order, landed)
        opening, stock = stock, EXACT.add(stock, landed)
        want = demand_moments(forecast, Decimal(index), Decimal(index + 1), start)[0]
        sales = min(want, max(stock, _ZERO))
        short = EXACT.subtract(want, sales)
        stock = EXACT.subtract(stock, sales if lost else want)
        ordered = _review(policy, index, EXACT.add(stock, on_order))
        if ordered:
            on_order = EXACT.add(on_order, ordered)
            arrive = index + delay
            arrivals[arrive] = EXACT.add(arrivals.get(arrive, _ZERO), ordered)
            orders.append(_build_order(day, start + dt.timedelta(days=arrive), ordered))
        rows.append(
            _build_day(
                day, opening, landed, want, sales, short, stock, on_order, ordered
            )
        )
    return _build_projection(tuple(rows), tuple(orders), lost)


_build_projection = builder(StockProjection)


def _lost_sales(value: object) -> bool:
    try:
        return flag(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field("lost_sales") from None


def _span(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int):
        raise InvalidTypeError(field="days", value=days, expected="an int")
    require(1 <= days <= _MAX_DAYS, field="days", value=days, expected="1 to 3660 days")
    return days


def _delay(policy: object, lead_time: object) -> int:
    if policy is None:
        return 0
    if not isinstance(policy, ContinuousReviewPolicy | PeriodicReviewPolicy):
        raise InvalidTypeError(
            field="policy",
            value=policy,
            expected="ContinuousReviewPolicy, PeriodicReviewPolicy or None",
        )
    if lead_time is None:
        raise InvalidInputError(
            field="lead_time",
            value=None,
            expected="the lead time of the policy's orders",
        )
    mean = expect(lead_time, LeadTime, "lead_time").mean_days
    return -whole_days(-mean)  # rounded up: an order is usable the day after it lands


def _review(
    policy: ContinuousReviewPolicy | PeriodicReviewPolicy | None,
    index: int,
    position: Decimal,
) -> Decimal:
    if isinstance(policy, ContinuousReviewPolicy):
        if position > policy.reorder_point:
            return _ZERO
        # Enough multiples of Q to lift the position above the trigger.
        gap = EXACT.subtract(policy.reorder_point, position)
        batches = int(EXACT.divide_int(gap, policy.order_quantity)) + 1
        return EXACT.multiply(policy.order_quantity, batches)
    if isinstance(policy, PeriodicReviewPolicy):
        if index % int(policy.review_period.magnitude):
            return _ZERO
        return max(EXACT.subtract(policy.order_up_to, position), _ZERO)
    return _ZERO
