"""FIFO and the stock held, on columns, for the P&L table (private).

The rules are :mod:`xborder.ledger._cost`'s; this evaluates them without a
loop over events (see :mod:`xborder.ledger._table` for the closed form).
Receipts, restocked returns and sales make one stream per SKU, in the
scalar fold's order (by day; receipts, then returns, then sales; channels
by name), sorted once on a packed integer key. Running sums within each
SKU give the net units issued and the units on hand after every event.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import polars as pl

from xborder._exact import EXACT
from xborder._expr import rounded_ratio
from xborder.ledger._kinds import (
    CostMethod,
    Period,
    PnlLine,
    StorageBasis,
    period_end,
    period_start,
)
from xborder.ledger._table_average import average_cogs
from xborder.ledger._table_base import (
    INT,
    OFFSET,
    RECEIPT,
    RETURN,
    ROOM,
    SALE,
    Fallback,
    negated,
    new_sku,
    no_cogs,
    running,
)

if TYPE_CHECKING:
    from xborder.ledger._assemble import Basis
    from xborder.ledger._table_keys import Names

__all__ = ["cost_basis"]

_KEY_ROOM = 2**62  # a packed sort key is an Int64


def cost_basis(
    moves: pl.LazyFrame, basis: Basis, names: Names, window_end: dt.date, scale: int
) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """COGS per row key (rounded per row) and unit-days per SKU and period.

    ``moves`` holds units sold or restocked by (sku, channel, posted_on),
    SKUs and channels as their ranks, a row per ledger row or per sum. COGS
    amounts are counts of ``10**-scale``. Unit-days are ``None`` unless
    storage is shared by them.
    """
    if basis.receipts is None:
        return no_cogs(), None
    receipts = _receipts(basis, names, window_end)
    stream = _Stream(moves, receipts, len(names.channels), len(names.skus))
    if basis.method is CostMethod.FIFO:
        cogs = _rounded_cogs(stream, basis, names, receipts.places, scale)
    else:
        cogs = average_cogs(
            stream.rows,
            receipts.rows,
            receipts.places,
            basis=basis,
            names=names,
            scale=scale,
        )
    if basis.storage is not StorageBasis.UNIT_DAYS:
        return cogs, None
    return cogs, stream.unit_days(basis.period, window_end)


class _Receipts:
    """Receipts in FIFO order, as a frame of integers (costs in ``10**-places``)."""

    __slots__ = ("frame", "money", "places")

    def __init__(self, frame: pl.DataFrame, places: int, value: int) -> None:
        # sku_id, day, units, cost, order (among the SKU's receipts that day)
        self.frame = frame
        self.places = places
        # Costs of units received (and so of units issued): Int64 if they fit.
        self.money = pl.Int64 if value < 2**62 else INT

    @property
    def rows(self) -> list[tuple[int, dt.date, int, int]]:
        """(SKU rank, day, units, unit cost) in FIFO order."""
        return self.frame.select("sku_id", "day", "units", "cost").rows()


def _receipts(basis: Basis, names: Names, window_end: dt.date) -> _Receipts:
    found = [r for r in basis.receipts or () if r.received_on < window_end]
    if {r.unit_cost.currency.code for r in found} - {basis.currency.code}:
        raise Fallback  # converted by the shared rules
    amounts = [r.unit_cost.amount for r in found]
    places = max([0, *(-int(a.as_tuple().exponent) for a in amounts)])
    costs = [int(a.scaleb(places, context=EXACT)) for a in amounts]
    units = [r.quantity for r in found]
    value = sum(count * abs(cost) for count, cost in zip(units, costs, strict=True))
    if value >= ROOM:
        raise Fallback
    frame = pl.DataFrame(
        {
            "sku_id": [names.skus[r.sku] for r in found],
            "day": [r.received_on for r in found],
            "units": units,
            "cost": costs,
        },
        schema={"sku_id": pl.Int64, "day": pl.Date, "units": INT, "cost": INT},
    ).sort("sku_id", "day", "units", "cost")
    # Each receipt's place among its SKU's that day: rows since its day began.
    place = pl.int_range(pl.len(), dtype=pl.Int64)
    began = new_sku() | (pl.col("day") != pl.col("day").shift(1)).fill_null(value=True)
    order = place - pl.when(began).then(place).forward_fill()
    return _Receipts(frame.with_columns(order.alias("order")), places, value)


class _Stream:
    """Each SKU's receipts, returns and sales, in order, with running sums."""

    def __init__(
        self, moves: pl.LazyFrame, receipts: _Receipts, channels: int, skus: int
    ) -> None:
        """``moves``: as :func:`cost_basis` has them; ``skus``: how many there are."""
        self.receipts = receipts
        received = receipts.frame.select(
            pl.col("day").min().alias("first"),
            pl.col("day").max().alias("last"),
            (pl.col("order").max() + 1).alias("most_a_day"),
            pl.col("units").sum().alias("units"),
        ).row(0, named=True)
        issued = (
            moves.select(
                pl.col("posted_on").min().alias("first"),
                pl.col("posted_on").max().alias("last"),
                (pl.col("sold").sum() + pl.col("back").sum()).alias("units"),
            )
            .collect()
            .row(0, named=True)
        )
        days = [received["first"], received["last"], issued["first"], issued["last"]]
        days = [day for day in days if day is not None]
        self.first = min(days, default=dt.date(2000, 1, 1))
        self.span = (max(days, default=self.first) - self.first).days + 2
        width = max(channels, received["most_a_day"] or 0, 1)
        moved = (received["units"] or 0) + (issued["units"] or 0)
        if moved >= ROOM:
            raise Fallback  # running sums of units past what Int128 holds
        self.units = pl.Int64 if moved < 2**62 else INT
        self.moved = moved
        if (skus + 1) * self.span * 3 * width >= _KEY_ROOM:
            raise Fallback  # no packed key: too many SKUs, days or channels
        self.rows = self._sorted(moves, width)

    def _sorted(self, moves: pl.LazyFrame, width: int) -> pl.DataFrame:
        day = (pl.col("day") - pl.lit(self.first)).dt.total_days()
        key = ((pl.col("sku_id") * self.span + day) * 3 + pl.col("what")) * width
        # A row that moves units either sells them or restocks them.
        sells = pl.col("sold") > 0
        events = pl.concat(
            [
                moves.select(
                    pl.col("sku").alias("sku_id"),
                    pl.col("channel").alias("order"),
                    pl.col("posted_on").alias("day"),
                    pl.when(sells)
                    .then(SALE)
                    .otherwise(RETURN)
                    .cast(pl.Int32)
                    .alias("what"),
                    (pl.col("sold") - pl.col("back")).cast(self.units).alias("issued"),
                    pl.lit(0, dtype=self.units).alias("units"),
                ),
                self._receipt_rows().lazy(),
            ]
        )
        return (
            events.with_columns((key + pl.col("order")).alias("key"))
            .sort("key")
            .with_columns(
                running("issued").alias("net"),
                running(pl.col("units") - pl.col("issued")).alias("level"),
            )
            .collect()
        )

    def _receipt_rows(self) -> pl.DataFrame:
        return self.receipts.frame.select(
            "sku_id",
            "order",
            "day",
            pl.lit(RECEIPT, dtype=pl.Int32).alias("what"),
            pl.lit(0, dtype=self.units).alias("issued"),
            pl.col("units").cast(self.units),
        )

    def costs(self) -> pl.DataFrame:
        """Each return and sale with its cost: F(net after) - F(net before)."""
        events = self.rows.select("sku_id", "order", "day", "what", "net").filter(
            pl.col("what") != RECEIPT
        )
        if not events.height:
            return events.with_columns(pl.lit(0, dtype=INT).alias("cost"))
        least, most = events.select(
            pl.col("net").min().alias("least"), pl.col("net").max().alias("most")
        ).row(0)
        if least < 0:
            raise Fallback  # a return of units never issued: at the oldest cost
        layers, bits = self._layers(self.units, self.receipts.money)
        if most >= 2**bits:
            raise Fallback  # more units issued than received: the shared rules say so
        at = (pl.col("sku_id") * 2**bits + pl.col("net")).cast(pl.Int64).alias("at")
        keyed = events.select(
            pl.int_range(pl.len()).alias("index"), "sku_id", "day", "net", at
        )
        # With no return, net units only grow within a SKU: already in order.
        in_order = keyed.select(pl.col("at").diff().min() >= 0).item() is not False
        keyed = (
            keyed.with_columns(pl.col("at").set_sorted())
            if in_order
            else keyed.sort("at")
        )
        matched = keyed.join_asof(
            layers, on="at", strategy="forward", check_sortedness=False
        )
        uncovered = (pl.col("net") > 0) & (
            pl.col("layer_sku").is_null()
            | (pl.col("layer_sku") != pl.col("sku_id"))
            | (pl.col("received_on") > pl.col("day"))
        )
        first = (
            pl.when(pl.col("net") == 0)
            .then(0)
            .otherwise(
                pl.col("value") - (pl.col("received") - pl.col("net")) * pl.col("cost")
            )
        )
        money = self.receipts.money
        costs = matched.select(
            "index", first.cast(money).alias("first"), uncovered.alias("uncovered")
        )
        if costs["uncovered"].any():
            raise Fallback  # a sale the receipts do not cover: the shared rules say so
        if not in_order:
            costs = costs.sort("index")
        before = pl.when(new_sku()).then(0).otherwise(pl.col("first").shift(1))
        return events.with_columns(costs["first"]).with_columns(
            (pl.col("first") - before).alias("cost")
        )

    def _layers(
        self, counts: type[pl.DataType], money: type[pl.DataType]
    ) -> tuple[pl.DataFrame, int]:
        """Receipts keyed by (SKU, running units), for the as-of join."""
        layers = self.receipts.frame.select(
            "sku_id",
            running("units").cast(counts).alias("received"),
            running(pl.col("units") * pl.col("cost")).cast(money).alias("value"),
            pl.col("cost").cast(money),
            pl.col("day").alias("received_on"),
        )
        most, sku = layers.select(pl.col("received").max(), pl.col("sku_id").max()).row(
            0
        )
        bits = (most or 0).bit_length() + 1
        if ((sku or 0) + 1) * 2**bits >= _KEY_ROOM:
            raise Fallback  # no packed key: too many units
        at = (pl.col("sku_id") * 2**bits + pl.col("received")).cast(pl.Int64)
        return layers.select(
            at.alias("at"),
            pl.col("sku_id").alias("layer_sku"),
            "received",
            "value",
            "cost",
            "received_on",
        ), bits

    def unit_days(self, period: Period, window_end: dt.date) -> pl.DataFrame:
        """Unit-days per (SKU, period start): units on hand, day by day.

        With $G(t)$ the unit-days held before day $t$ (a running sum of
        level x days until the next move), a period $[a, b)$ holds
        $G(b) - G(a)$. $G$ at a period's beginning comes from the last move
        before it, by an as-of join; each SKU is counted from its first move
        to the end of the last period.
        """
        rows = self.rows
        if not rows.height:
            return pl.DataFrame(schema={"sku": pl.Int64, "start": pl.Date, "held": INT})
        span = (window_end - self.first).days + 1
        if (rows["sku_id"].max() + 1) * span >= _KEY_ROOM:  # type: ignore[operator]
            raise Fallback  # no packed (SKU, day) key
        if self.moved * span >= ROOM:
            raise Fallback  # the running unit-days past what Int128 holds
        day = (pl.col("day") - pl.lit(self.first)).dt.total_days()
        key = (pl.col("sku_id") * span + day).alias("key")
        same_sku = pl.col("sku_id").shift(-1) == pl.col("sku_id")
        until = pl.when(same_sku).then(pl.col("day").shift(-1)).otherwise(window_end)
        # Units x days, summed: Int64 where the sum cannot leave it.
        number = pl.Int64 if self.moved * span < 2**62 else INT
        level = pl.col("level").cast(number)
        held = level * (until - pl.col("day")).dt.total_days()
        # A day's moves all come before a period beginning that day: the
        # as-of join takes the last of them, and the moves before it held 0 days.
        moves = rows.select(key, "sku_id", "day", "level", held.alias("held"))
        moves = moves.with_columns(pl.col("held").cum_sum().alias("after"))
        first = moves.filter(new_sku()).select(
            "sku_id", "day", (pl.col("after") - pl.col("held")).alias("g")
        )
        last = moves.filter(~same_sku.fill_null(value=False)).select(
            "sku_id", pl.lit(window_end).alias("day"), pl.col("after").alias("g")
        )
        starts = pl.DataFrame(
            {"day": _period_starts(period, self.first, window_end)},
            schema={"day": pl.Date},
        )
        since = (pl.col("day") - pl.col("moved_on")).dt.total_days()
        beginnings = (
            first.select("sku_id", pl.col("day").alias("since"))
            .join(starts, how="cross")
            .filter(pl.col("day") > pl.col("since"))
            .select("sku_id", "day", key)
            .join_asof(
                moves.select(
                    "key",
                    pl.col("day").alias("moved_on"),
                    "level",
                    (pl.col("after") - pl.col("held")).alias("before"),
                ),
                on="key",
                check_sortedness=False,
            )
            .select("sku_id", "day", (pl.col("before") + level * since).alias("g"))
        )
        points = pl.concat([first, beginnings, last]).sort("sku_id", "day")
        return (
            points.with_columns(
                (pl.col("g").shift(-1) - pl.col("g")).alias("held"),
                same_sku.fill_null(value=False).alias("opens"),
            )
            .filter(pl.col("opens") & (pl.col("held") > 0))
            .select(
                pl.col("sku_id").alias("sku"),
                pl.col("day").dt.truncate(OFFSET[period]).alias("start"),
                "held",
            )
        )


def _rounded_cogs(
    stream: _Stream, basis: Basis, names: Names, cost_places: int, scale: int
) -> pl.DataFrame:
    """COGS per row: the costs summed, negated, rounded once to the minor unit."""
    minor = basis.currency.exponent
    costed = stream.costs()
    amount = pl.col("amount")
    if cost_places > minor:
        rounded = rounded_ratio(
            amount, 10 ** (cost_places - minor), basis.rounding.value
        )
    else:  # widened first: the amount's own type may not hold the product
        rounded = amount.cast(INT) * 10 ** (minor - cost_places)
    key = names.row_key(
        pl.col("sku_id"), pl.col("order"), names.calendar.start(pl.col("day"))
    )
    # Every sum of costs is within the receipts' value: their type holds it.
    cost = negated(pl.col("cost"), stream.receipts.money)
    cogs = rounded.cast(INT) * 10 ** (scale - minor)
    return (
        costed.lazy()  # the lazy engine reads only the columns it needs
        .group_by(key.alias("key"))
        .agg(pl.col("cost").sum())
        .select("key", cost.alias("amount"))
        .select("key", cogs.alias(PnlLine.COGS.value))
        .collect()
    )


def _period_starts(
    period: Period, first: dt.date, window_end: dt.date
) -> list[dt.date]:
    starts = []
    day = period_start(period, first)
    while day < window_end:
        starts.append(day)
        day = period_end(period, day)
    return starts
