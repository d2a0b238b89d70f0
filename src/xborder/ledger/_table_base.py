"""What the P&L table's modules share: integer types, the hand-off (private)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from xborder.ledger._kinds import Period, PnlLine

__all__ = [
    "INT",
    "OFFSET",
    "RECEIPT",
    "RETURN",
    "ROOM",
    "ROW",
    "SALE",
    "Calendar",
    "Fallback",
    "Scale",
    "negated",
    "new_sku",
    "no_cogs",
    "running",
]

INT = pl.Int128
ROOM = 2**120  # every integer here stays below this (Int128 holds 2**127)
RECEIPT, RETURN, SALE = 0, 1, 2  # an event's kind, in a day's order
ROW = ["sku", "channel", "start"]  # a P&L row's key (SKU and channel as ranks)
OFFSET = {Period.WEEK: "1w", Period.MONTH: "1mo", Period.QUARTER: "1q"}
"""Each period as a polars duration: its start truncates to it (Monday weeks)."""


class Scale:
    """The amounts' scale and the currency's minor unit (both in places)."""

    __slots__ = ("amounts", "minor")

    def __init__(self, amounts: int, minor: int) -> None:
        self.amounts = amounts
        self.minor = minor


class Calendar:
    """Each day's period start, looked up: far cheaper than truncating every row.

    It covers the days from ``first`` to ``last``; a span too long to list
    truncates instead (the two agree: the table is built by truncating).
    """

    __slots__ = ("base", "period", "starts")

    def __init__(self, period: Period, first: dt.date, last: dt.date) -> None:
        self.period = period
        self.base = (first - _EPOCH).days  # a polars Date counts days from 1970
        self.starts = None
        if (last - first).days < _MOST_DAYS:
            days = pl.date_range(first, last, eager=True)
            self.starts = days.dt.truncate(OFFSET[period])

    def start(self, day: pl.Expr) -> pl.Expr:
        """The first day of the period that holds ``day`` (a day it covers)."""
        if self.starts is None:
            return day.dt.truncate(OFFSET[self.period])
        return pl.lit(self.starts).gather(day.to_physical() - self.base)


_EPOCH = dt.date(1970, 1, 1)
_MOST_DAYS = 2**20


class Fallback(Exception):  # noqa: N818 - a signal, caught by the P&L table
    """The closed forms do not cover this ledger: run the shared rules."""


def negated(value: pl.Expr, number: type[pl.DataType] = INT) -> pl.Expr:
    """``-value`` in the integer type ``number`` (polars has no negation of Int128)."""
    return pl.lit(0, dtype=number) - value


def no_cogs() -> pl.DataFrame:
    """No cost of goods sold: keyed by the P&L's packed row key (``_table_keys``)."""
    return pl.DataFrame(schema={"key": pl.Int64, PnlLine.COGS.value: INT})


def new_sku() -> pl.Expr:
    """The first row of each SKU, in a frame sorted by SKU."""
    return pl.col("sku_id").ne_missing(pl.col("sku_id").shift(1))


def running(column: str | pl.Expr) -> pl.Expr:
    """The running sum of ``column`` within each SKU, in a frame sorted by SKU.

    One pass (``cum_sum().over("sku")`` groups the frame first): the running
    sum over the whole frame, less its value where the SKU began.
    """
    value = pl.col(column) if isinstance(column, str) else column
    total = value.cum_sum()
    before = pl.when(new_sku()).then(total - value).forward_fill()
    return total - before
