"""Days of cover and the projected stockout date, stepping through inbound arrivals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    date_value,
    named_errors,
    non_negative,
    optional_date,
    require,
    tuple_of,
)
from xborder.inventory._args import (
    expect,
    is_a_or_none,
    non_negative_arg,
    optional_non_negative,
)
from xborder.inventory._demand import Demand, as_day, demand_moments
from xborder.inventory._fast import builder
from xborder.inventory._numeric import ratio
from xborder.inventory._position import InboundShipment, StockPosition

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from xborder._validate import DecimalInput

__all__ = [
    "Cover",
    "StockoutForecast",
    "consume",
    "day_after",
    "days_of_cover",
    "projected_stockout",
    "whole_days",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def whole_days(value: Decimal) -> int:
    """Whole days elapsed in ``value`` days (the day a fractional time falls in)."""
    return int(value.to_integral_value(rounding="ROUND_FLOOR"))


def day_after(start: dt.date, days: Decimal) -> dt.date | None:
    """The day ``days`` after ``start`` falls in; ``None`` past the calendar's end."""
    offset = whole_days(days)
    if offset > (dt.date.max - start).days:
        return None  # a slow mover's stock can outlast year 9999
    return start + dt.timedelta(days=offset)


def _segments(
    demand: Demand, start: dt.date | None, begin: Decimal
) -> Iterator[tuple[Decimal, Decimal | None, Decimal]]:
    """``(from, to, daily rate)`` pieces of constant demand from day ``begin`` on."""
    base = ratio(demand.mean, demand.period_days)
    if not demand.seasonality:
        yield begin, None, base
        return
    origin = -Decimal((as_day(start, "as_of") - demand.season_start).days)  # type: ignore[operator]
    period = demand.period_days
    season_end = EXACT.add(origin, EXACT.multiply(period, len(demand.seasonality)))
    here = begin
    if here < origin:
        yield here, origin, base
        here = origin
    while here < season_end:
        index = int(EXACT.divide_int(EXACT.subtract(here, origin), period))
        end = EXACT.add(origin, EXACT.multiply(period, index + 1))
        yield here, end, EXACT.multiply(base, demand.seasonality[index])
        here = end
    yield here, None, base


def consume(
    demand: Demand, start: dt.date | None, begin: Decimal, stock: Decimal
) -> Decimal | None:
    """Days from ``begin`` until expected demand uses up ``stock`` (None: never)."""
    if stock <= 0:
        return _ZERO
    left = stock
    for low, high, rate in _segments(demand, start, begin):
        if high is None:
            if not rate:
                return None
            return EXACT.add(EXACT.subtract(low, begin), ratio(left, rate))
        used = EXACT.multiply(rate, EXACT.subtract(high, low))
        if used >= left:
            return EXACT.add(EXACT.subtract(low, begin), ratio(left, rate))
        left = EXACT.subtract(left, used)
    return None  # pragma: no cover - the last segment is open-ended


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Cover:
    r"""How long a stock lasts at the forecast rate.

    Without seasonality, $\text{days} = \text{stock} / d$; with it, the stock
    is drawn down period by period at each period's rate.

    Attributes:
        stock: The units covered.
        days: Days until expected demand uses them up (``None``: no demand,
            the stock never runs out).
        as_of: The first day, if given.

    Examples:
        >>> from xborder.inventory import Demand, days_of_cover
        >>> cover = days_of_cover(300, Demand(mean=140, period="1 week"),
        ...     as_of="2026-10-01")
        >>> cover.days, cover.runs_out
        (Decimal('15'), datetime.date(2026, 10, 16))
    """

    stock: Decimal = attrs.field(converter=non_negative)
    days: Decimal | None = attrs.field(converter=optional_non_negative)
    as_of: dt.date | None = attrs.field(converter=optional_date)

    @property
    def weeks(self) -> Decimal | None:
        """``days / 7``: weeks of cover."""
        return None if self.days is None else ratio(self.days, Decimal(7))

    @property
    def runs_out(self) -> dt.date | None:
        """The day the stock runs out (needs ``as_of``; ``None`` if it never does)."""
        if self.days is None or self.as_of is None:
            return None
        return day_after(self.as_of, self.days)


def days_of_cover(
    stock: DecimalInput, demand: Demand, *, as_of: dt.date | str | None = None
) -> Cover:
    """Days of cover of ``stock`` units against a forecast.

    Args:
        stock: Units (>= 0), e.g. ``position.available``.
        demand: The forecast.
        as_of: The first day (needed for seasonal demand).

    Examples:
        >>> cover = days_of_cover(420, Demand(mean=105, sd=20, period="1 week"))
        >>> cover.days, cover.weeks
        (Decimal('28'), Decimal('4'))
    """
    units = non_negative_arg(stock, "stock")
    checked = expect(demand, Demand, "demand")
    day = None if as_of is None else as_day(as_of, "as_of")
    if checked.seasonality and day is None:
        as_day(None, "as_of")
    return _build_cover(units, consume(checked, day, _ZERO, units), day)


_build_cover = builder(Cover)


def _shipments(values: Iterable[InboundShipment]) -> tuple[InboundShipment, ...]:
    return tuple_of(values, InboundShipment)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StockoutForecast:
    """When a position runs out at the forecast rate, counting inbound arrivals.

    Attributes:
        as_of: The first day.
        days: Days from ``as_of`` to the stockout (``None``: never).
        date: The first day with unmet demand (``None``: never, or after
            the year 9999).
        arrivals_before: Shipments that arrive in time to be used.
        next_arrival: The first shipment arriving after the stockout, which
            ends it (``None`` if none).

    Built by hand, ``date`` must be the day ``days`` after ``as_of`` falls in.

    Examples:
        >>> from xborder.inventory import (Demand, InboundShipment, StockPosition,
        ...     projected_stockout)
        >>> position = StockPosition(on_hand=100,
        ...     inbound=[InboundShipment(quantity=200, arrival="2026-10-05")])
        >>> forecast = projected_stockout(position, Demand(mean=20, period="1 day"),
        ...     as_of="2026-10-01")
        >>> forecast.date, forecast.days_out_of_stock
        (datetime.date(2026, 10, 16), None)
        >>> [s.quantity for s in forecast.arrivals_before]
        [200]
    """

    as_of: dt.date = attrs.field(converter=date_value)
    days: Decimal | None = attrs.field(converter=optional_non_negative)
    date: dt.date | None = attrs.field(converter=optional_date)
    arrivals_before: tuple[InboundShipment, ...] = attrs.field(converter=_shipments)
    next_arrival: InboundShipment | None = attrs.field(
        validator=is_a_or_none(InboundShipment)
    )

    def __attrs_post_init__(self) -> None:
        runs_out = None if self.days is None else day_after(self.as_of, self.days)
        require(
            self.date == runs_out,
            field="date",
            value=self.date,
            expected=f"the day {self.days} days after {self.as_of} ({runs_out})",
        )

    @property
    def days_out_of_stock(self) -> int | None:
        """Days from the stockout to the next arrival (``None`` if either is none)."""
        if self.date is None or self.next_arrival is None:
            return None
        return (self.next_arrival.arrival - self.date).days


def projected_stockout(
    position: StockPosition, demand: Demand, *, as_of: dt.date | str
) -> StockoutForecast:
    """Step through the forecast from ``as_of``, adding shipments as they arrive.

    Starts from the available stock (on hand − reserved − backorders);
    shipments due on or before ``as_of`` count from ``as_of``. The stockout
    date is the first day on which expected demand is not met.

    Examples:
        >>> position = StockPosition(
        ...     on_hand=300,
        ...     inbound=[InboundShipment(quantity=600, arrival="2026-10-10")])
        >>> forecast = projected_stockout(
        ...     position, Demand(mean=20, sd=6, period="1 day"), as_of="2026-10-01")
        >>> forecast.date, forecast.days
        (datetime.date(2026, 11, 15), Decimal('45'))
    """
    checked = expect(position, StockPosition, "position")
    forecast = expect(demand, Demand, "demand")
    start = as_day(as_of, "as_of")
    stock, here = Decimal(checked.available), _ZERO
    used: list[InboundShipment] = []
    for shipment in checked.inbound:
        arrival = Decimal(max((shipment.arrival - start).days, 0))
        if arrival > here:
            need = demand_moments(forecast, here, arrival, start)[0]
            if stock < need:  # runs out (or is already short) before it lands
                short = consume(forecast, start, here, stock)
                return _forecast(start, EXACT.add(here, short or _ZERO), used, shipment)
            stock, here = EXACT.subtract(stock, need), arrival
        stock = EXACT.add(stock, shipment.quantity)
        used.append(shipment)
    left = consume(forecast, start, here, stock)
    days = None if left is None else EXACT.add(here, left)
    return _forecast(start, days, used, None)


def _forecast(
    start: dt.date,
    days: Decimal | None,
    used: list[InboundShipment],
    following: InboundShipment | None,
) -> StockoutForecast:
    date = None if days is None else day_after(start, days)
    return _build_forecast(start, days, date, tuple(used), following)


_build_forecast = builder(StockoutForecast)
