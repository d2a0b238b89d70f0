"""The cost basis: FIFO or moving average over receipts, sales and returns (private).

Both engines of the P&L (the scalar fold and the polars group-by) hand this
module the same thing: each SKU's units sold and restocked per day and
channel, and its receipts. It returns the cost of goods sold per SKU,
channel and period, and the stock each SKU held (unit-days and value-days
per period, for storage allocation and days of inventory).

Within a day, receipts come first, then restocked returns, then sales, and
channels in name order: a fixed order, so FIFO layers are consumed the same
way whichever engine grouped the rows.

* FIFO: each sale takes units from the oldest layer. A restocked return
  un-issues the units issued last, at their cost, back to the front of the
  queue ("last out, first back"): the cost of goods sold is then a function
  of the net units issued, $F(issued) - F(issued - q)$, where $F(n)$ is the
  cost of the first $n$ units received. Units restocked beyond those
  issued (sold before the ledger began) come back at the oldest cost on
  hand.
* Moving average: each receipt re-averages the unit cost,
  $c = (V + q c_r) / (U + q)$, to 34 significant digits; a sale of $q$ units
  costs $q c$ exactly, except the sale that empties the stock, which takes
  the value left, so receipts = COGS + stock value to the last digit. A
  restocked return comes back at the average.

With one unit cost throughout, the two methods give the same COGS.
"""

from __future__ import annotations

import collections
from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._exact import DIVISION, EXACT
from xborder.errors import InvalidInputError
from xborder.ledger._kinds import CostMethod

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable

__all__ = ["CostFold", "UncostedSaleError", "cost_of_sales"]

_ZERO = Decimal(0)
_RECEIPT, _RETURN, _SALE = 0, 1, 2


class UncostedSaleError(InvalidInputError):
    """Units were sold (or restocked) with no receipt to cost them.

    Give the stock on hand when the ledger starts as a receipt on its first
    day (an opening balance), and every receipt since.

    Examples:
        >>> error = UncostedSaleError(field="transactions", value="PH-01",
        ...     expected="receipts covering 5 units sold by 2026-03-02 (0 on hand)")
        >>> isinstance(error, ValueError), error.field
        (True, 'transactions')
    """


class CostFold:
    """What the cost basis found: COGS and stock held, keyed for the P&L.

    ``cogs`` maps (sku, channel, period start) to the cost of the units sold
    less the cost of the units restocked; ``stock`` maps (sku, period start)
    to ``[unit_days, value_days]``; ``issued`` (sku → cost of units sold,
    net of returns) and ``received`` (sku → value received) feed the cash
    cycle.
    """

    __slots__ = ("cogs", "issued", "received", "stock")

    def __init__(self) -> None:
        self.cogs: dict[tuple[str, str, dt.date], Decimal] = {}
        self.stock: dict[tuple[str, dt.date], list[Decimal]] = {}
        self.issued: dict[str, Decimal] = {}
        self.received: dict[str, Decimal] = {}


def cost_of_sales(
    moves: dict[str, dict[dt.date, dict[str, list[int]]]],
    receipts: dict[str, list[tuple[dt.date, int, Decimal]]],
    *,
    method: CostMethod,
    start_of: Callable[[dt.date], dt.date],
    end_of: Callable[[dt.date], dt.date],
    window_end: dt.date | None,
) -> CostFold:
    """Run the cost basis for every SKU.

    Args:
        moves: sku → day → channel → [units sold, units restocked].
        receipts: sku → [(day, units, unit cost)], in any order.
        method: FIFO or moving average.
        start_of: The first day of a day's period.
        end_of: The first day after a day's period.
        window_end: Stock is held until this day (exclusive): the end of the
            ledger's last period. ``None``: no stock-holding figures.
    """
    fold = CostFold()
    for sku in sorted(moves.keys() | receipts.keys()):
        events = _events(moves.get(sku, {}), receipts.get(sku, ()))
        state = _Fifo() if method is CostMethod.FIFO else _Average()
        _run(
            sku,
            events=events,
            state=state,
            fold=fold,
            start_of=start_of,
            end_of=end_of,
            window_end=window_end,
        )
    return fold


def _events(
    days: dict[dt.date, dict[str, list[int]]],
    receipts: Iterable[tuple[dt.date, int, Decimal]],
) -> list[tuple[dt.date, int, str, int, Decimal]]:
    events = [(day, _RECEIPT, "", units, cost) for day, units, cost in receipts]
    for day, channels in days.items():
        for channel, (sold, returned) in channels.items():
            if returned:
                events.append((day, _RETURN, channel, returned, _ZERO))
            if sold:
                events.append((day, _SALE, channel, sold, _ZERO))
    # By day, then receipts, returns, sales, then channel (and, for receipts
    # of one day, units and cost): a total order, so the result is fixed.
    events.sort()
    return events


def _run(
    sku: str,
    *,
    events: list[tuple[dt.date, int, str, int, Decimal]],
    state: _Fifo | _Average,
    fold: CostFold,
    start_of: Callable[[dt.date], dt.date],
    end_of: Callable[[dt.date], dt.date],
    window_end: dt.date | None,
) -> None:
    add, multiply = EXACT.add, EXACT.multiply
    cogs = fold.cogs
    issued = received = _ZERO
    held_since: dt.date | None = None
    stock = fold.stock
    for day, what, channel, units, cost in events:
        if window_end is not None and held_since is not None and day > held_since:
            if day <= end_of(held_since):  # within one period: one step
                if state.units:
                    begins = start_of(held_since)
                    days = (day - held_since).days
                    held = stock.get((sku, begins))
                    if held is None:
                        held = stock[sku, begins] = [_ZERO, _ZERO]
                    held[0] = add(held[0], state.units * days)
                    held[1] = add(held[1], multiply(state.value, days))
            else:
                _hold(
                    fold, sku, state, held_since, day, start_of=start_of, end_of=end_of
                )
        held_since = day
        if what == _RECEIPT:
            state.receive(units, cost)
            received = add(received, multiply(units, cost))
            continue
        key = (sku, channel, start_of(day))
        if what == _SALE:
            if units > state.units:
                raise _shortfall(sku, day, units, state.units, "sold")
            amount = state.issue(units)
        else:
            amount = state.restock(units, sku, day).copy_negate()  # never rounds
        cogs[key] = add(cogs.get(key, _ZERO), amount)
        issued = add(issued, amount)
    if window_end is not None and held_since is not None and window_end > held_since:
        _hold(
            fold,
            sku,
            state,
            held_since,
            window_end,
            start_of=start_of,
            end_of=end_of,
        )
    fold.issued[sku] = issued
    fold.received[sku] = received


def _hold(
    fold: CostFold,
    sku: str,
    state: _Fifo | _Average,
    first: dt.date,
    last: dt.date,
    *,
    start_of: Callable[[dt.date], dt.date],
    end_of: Callable[[dt.date], dt.date],
) -> None:
    """Add the stock held from ``first`` to ``last`` (exclusive), period by period."""
    if not state.units:
        return
    units, value = Decimal(state.units), state.value
    day = first
    while day < last:
        stop = min(end_of(day), last)
        days = (stop - day).days
        key = (sku, start_of(day))
        held = fold.stock.get(key)
        if held is None:
            held = fold.stock[key] = [_ZERO, _ZERO]
        held[0] = EXACT.add(held[0], EXACT.multiply(units, days))
        held[1] = EXACT.add(held[1], EXACT.multiply(value, days))
        day = stop


def _shortfall(
    sku: str, day: dt.date, units: int, on_hand: int, what: str
) -> UncostedSaleError:
    return UncostedSaleError(
        "give the opening stock as a receipt on the ledger's first day",
        field="transactions",
        value=sku,
        expected=f"receipts covering {units} units {what} on {day} ({on_hand} on hand)",
    )


class _Layer:
    """Units received at one unit cost (mutable, private)."""

    __slots__ = ("cost", "units")

    def __init__(self, units: int, cost: Decimal) -> None:
        self.units = units
        self.cost = cost


class _Fifo:
    """Layers of units at a unit cost, oldest first; the units issued, last first."""

    __slots__ = ("issued", "layers", "units", "value")

    def __init__(self) -> None:
        self.layers: collections.deque[_Layer] = collections.deque()
        self.issued: list[_Layer] = []
        self.units = 0
        self.value = _ZERO

    def receive(self, units: int, cost: Decimal) -> None:
        self.layers.append(_Layer(units, cost))
        self.units += units
        self.value = EXACT.add(self.value, EXACT.multiply(units, cost))

    def issue(self, units: int) -> Decimal:
        total = _ZERO
        layers, issued = self.layers, self.issued
        wanted = units
        while wanted:
            layer = layers[0]
            take = min(wanted, layer.units)
            total = EXACT.add(total, EXACT.multiply(take, layer.cost))
            wanted -= take
            if issued and issued[-1].cost == layer.cost:
                issued[-1].units += take
            else:
                issued.append(_Layer(take, layer.cost))
            if take == layer.units:
                layers.popleft()
            else:
                layer.units -= take
        self.units -= units
        self.value = EXACT.subtract(self.value, total)
        return total

    def restock(self, units: int, sku: str, day: dt.date) -> Decimal:
        """Un-issue the last ``units`` issued, at their cost, to the front."""
        total = _ZERO
        issued, layers = self.issued, self.layers
        wanted = units
        while wanted:
            if not issued:
                # Units sold before the ledger began: back at the oldest cost.
                if not layers:
                    raise _shortfall(sku, day, units, self.units, "restocked")
                issued.append(_Layer(wanted, layers[0].cost))
            last = issued[-1]
            take = min(wanted, last.units)
            total = EXACT.add(total, EXACT.multiply(take, last.cost))
            wanted -= take
            if layers and layers[0].cost == last.cost:
                layers[0].units += take
            else:
                layers.appendleft(_Layer(take, last.cost))
            if take == last.units:
                issued.pop()
            else:
                last.units -= take
        self.units += units
        self.value = EXACT.add(self.value, total)
        return total


class _Average:
    """Units, their value and the moving average unit cost."""

    __slots__ = ("average", "units", "value")

    def __init__(self) -> None:
        self.units = 0
        self.value = _ZERO
        self.average: Decimal | None = None

    def receive(self, units: int, cost: Decimal) -> None:
        if not self.units:
            self.value = EXACT.multiply(units, cost)
            self.average = cost
        else:
            self.value = EXACT.add(self.value, EXACT.multiply(units, cost))
            self.average = DIVISION.divide(self.value, self.units + units)
        self.units += units

    def issue(self, units: int) -> Decimal:
        if units == self.units:
            total, self.value = self.value, _ZERO
        else:
            total = EXACT.multiply(units, self.average)  # type: ignore[arg-type]
            self.value = EXACT.subtract(self.value, total)
        self.units -= units
        return total

    def restock(self, units: int, sku: str, day: dt.date) -> Decimal:
        if self.average is None:
            raise _shortfall(sku, day, units, self.units, "restocked")
        amount = EXACT.multiply(units, self.average)
        self.units += units
        self.value = EXACT.add(self.value, amount)
        return amount
