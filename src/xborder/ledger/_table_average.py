r"""Moving-average cost of goods sold, for the P&L table (private).

The rules are :mod:`xborder.ledger._cost`'s ``_Average``: each receipt
re-averages the unit cost, $c = (V + q c_r) / (U + q)$, to 34 significant
digits; a sale of $q$ costs $q c$, except the sale that empties the stock,
which takes the value left; a restocked return comes back at $q c$.

The average changes only at receipts. Between receipt $k$ and the next, the
value held is $c_k U + \varepsilon_k$, where $\varepsilon_k = V_k - c_k U_k$
is what rounding the average left, until a sale empties the stock and takes
it: that sale costs $q c_k + \varepsilon_k$, and the value is $c_k U$ exactly
afterwards. So only the receipts need a loop (in Python, exact: there are few
of them), and the events are summed by polars per row and segment. A 34-digit
average does not fit a 128-bit column, so each row's cost
$\sum_k c_k \sum q$ is taken in Python too, one product per row and segment.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import polars as pl

from xborder._exact import DIVISION, EXACT
from xborder.ledger._kinds import PnlLine
from xborder.ledger._table_base import (
    INT,
    RECEIPT,
    SALE,
    Fallback,
    no_cogs,
    running,
)

if TYPE_CHECKING:
    import datetime as dt

    from xborder.ledger._assemble import Basis
    from xborder.ledger._table_keys import Names

__all__ = ["average_cogs"]

_ZERO = Decimal(0)
_LARGEST = Decimal("1E+36")  # as the shared rules' bound on a row's line
_Averages = dict[tuple[int, int], tuple[Decimal, Decimal]]


def average_cogs(
    rows: pl.DataFrame,
    receipts: list[tuple[int, dt.date, int, int]],
    places: int,
    *,
    basis: Basis,
    names: Names,
    scale: int,
) -> pl.DataFrame:
    """COGS per row key by moving average, from a SKU-sorted event stream.

    ``rows``: receipts, returns and sales in order, with ``level`` (units on
    hand after each); ``receipts``: the receipts in the same order, unit
    costs in ``10**-places``.
    """
    segment = running((pl.col("what") == RECEIPT).cast(pl.Int64)).alias("segment")
    streamed = rows.with_columns(segment)
    events = streamed.filter(pl.col("what") != RECEIPT)
    if not events.height:
        return no_cogs()
    # A sale beyond the units on hand, or a return before any receipt (no
    # average yet): the shared rules say so.
    refused = (pl.col("level") < 0) | (pl.col("segment") == 0)
    if events.select(refused.any()).item():
        raise Fallback
    keyed = events.with_columns(
        pl.col("sku_id").alias("sku"),
        pl.col("order").alias("channel"),
        names.calendar.start(pl.col("day")).alias("start"),
    ).with_columns(names.row_key().alias("key"))
    emptied = (
        keyed.filter((pl.col("what") == SALE) & (pl.col("level") == 0))
        .unique(["sku_id", "segment"], keep="first", maintain_order=True)
        .select("sku_id", "segment", "key")
    )
    averages = _averages(streamed, receipts, places, emptied)
    totals = _row_costs(keyed, emptied, averages)
    return _rounded(totals, basis, scale)


def _averages(
    streamed: pl.DataFrame,
    receipts: list[tuple[int, dt.date, int, int]],
    places: int,
    emptied: pl.DataFrame,
) -> _Averages:
    """(SKU, segment) → (average, what rounding left), receipt by receipt."""
    on_hand = streamed.filter(pl.col("what") == RECEIPT).select("segment", "level")
    took = set(
        zip(emptied["sku_id"].to_list(), emptied["segment"].to_list(), strict=True)
    )
    found: _Averages = {}
    average, left, current = _ZERO, _ZERO, None
    add, multiply = EXACT.add, EXACT.multiply
    for (sku, _, units, cost), (segment, level) in zip(
        receipts, on_hand.iter_rows(), strict=True
    ):
        if sku != current:
            average, left, current = _ZERO, _ZERO, sku
        before = level - units
        unit_cost = Decimal(cost).scaleb(-places, context=EXACT)
        if not before:  # nothing on hand: the receipt's cost is the average
            average, left = unit_cost, _ZERO
        else:
            kept = left if (sku, segment - 1) not in took else _ZERO
            value = add(
                add(multiply(average, before), kept), multiply(units, unit_cost)
            )
            average = DIVISION.divide(value, level)
            left = EXACT.subtract(value, multiply(average, level))
        found[sku, segment] = (average, left)
    return found


def _row_costs(
    keyed: pl.DataFrame, emptied: pl.DataFrame, averages: _Averages
) -> dict[int, Decimal]:
    """Each row's cost of goods: its units issued at each segment's average."""
    issued = keyed.group_by(["key", "sku_id", "segment"]).agg(pl.col("issued").sum())
    totals: dict[int, Decimal] = {}
    add, multiply = EXACT.add, EXACT.multiply
    for key, sku, segment, units in issued.iter_rows():
        average = averages[sku, segment][0]
        totals[key] = add(totals.get(key, _ZERO), multiply(average, units))
    for sku, segment, key in emptied.iter_rows():
        totals[key] = add(totals[key], averages[sku, segment][1])
    return totals


def _rounded(totals: dict[int, Decimal], basis: Basis, scale: int) -> pl.DataFrame:
    """COGS per row: minus the cost, rounded once to the minor unit."""
    minor = basis.currency.minor_unit
    mode = basis.rounding.value
    keys, amounts = [], []
    for key, total in totals.items():
        # Context-free: copy_abs and copy_negate never round (unary - does).
        if total.copy_abs() >= _LARGEST:
            raise Fallback  # the shared rules refuse the row
        cogs = total.copy_negate().quantize(minor, rounding=mode, context=EXACT)
        keys.append(key)
        amounts.append(int(cogs.scaleb(scale, context=EXACT)))
    return pl.DataFrame(
        {"key": keys, PnlLine.COGS.value: amounts},
        schema={"key": pl.Int64, PnlLine.COGS.value: INT},
    )
