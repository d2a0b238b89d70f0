"""The P&L of a ledger frame, computed by polars into a P&L frame (private).

:func:`xborder.ledger.profit_and_loss_table` gives what
``pnl_frame(profit_and_loss(...))`` gives, with no Python object per row or
per transaction. The rules are :mod:`xborder.ledger._assemble`'s and
:mod:`xborder.ledger._cost`'s, evaluated on columns of integers (amounts
as counts of their finest digit, so every step is exact):

* **FIFO in closed form.** The units issued are always the first N units
  received: a sale issues the next ones, and a restocked return un-issues
  the last ones back to the front of the queue. An event that takes the
  net units issued from $N_0$ to $N_1$ therefore costs $F(N_1) - F(N_0)$,
  where $F(n) = C_k - (R_k - n) c_k$ is the cost of the first $n$ units
  received ($k$ the first receipt whose running units $R_k$ reach $n$, $C_k$
  the running cost, $c_k$ its unit cost). An as-of join finds $k$.
* **Stock held**: with $G(t)$ the unit-days held before day $t$ (a running
  sum of units on hand x days until the next move), a period $[a, b)$
  holds $G(b) - G(a)$; an as-of join gives $G$ at each period's start.
* **Checks** read what the table reads anyway
  (:mod:`xborder.ledger._frame_rules`): the numeric rules in one survey of
  the rows, the text rules on the names its sums are keyed by. A failure
  returns ``None``, and the caller's row-by-row check names the row.
* **Moving average** loops over the receipts only, where the average
  changes (:mod:`xborder.ledger._table_average`).
* **Shares** are largest remainder on integers, as
  :func:`xborder.money.allocate`: floor(units × w / W) each, then one more
  step each to the largest remainders, ties to the earlier part.

What the closed forms do not cover returns ``None``, and the caller runs
the shared rules instead, which give the same table or raise the same
error: amounts in other currencies, a return of units never issued (FIFO),
a sale the receipts do not cover, an empty ledger, sums past what 128-bit
integers hold.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING

import polars as pl

from xborder._exact import EXACT
from xborder._expr import rounded_ratio
from xborder.errors import XborderError
from xborder.ledger._frame_rules import (
    bad_amount,
    bad_units,
    blank,
    count_type,
    missing_channel,
    unknown_kind,
)
from xborder.ledger._kinds import (
    LINE_OF,
    NET_REVENUE_LINES,
    PnlLine,
    StorageBasis,
    TransactionKind,
    period_end,
)
from xborder.ledger._table_base import (
    INT,
    OFFSET,
    ROOM,
    ROW,
    Calendar,
    Fallback,
    Scale,
)
from xborder.ledger._table_cost import cost_basis
from xborder.ledger._table_keys import Names
from xborder.ledger._table_shares import shared_ads, shared_storage

if TYPE_CHECKING:
    from xborder.ledger._assemble import Basis

__all__ = ["pnl_table"]

_LINES = tuple(line.value for line in PnlLine)
# The lines the ledger's own rows are summed into (COGS comes from receipts).
_LEDGER_LINES = [line.value for line in PnlLine if line is not PnlLine.COGS]
# Each kind's line as its position in PnlLine (-1: it stays out of the P&L).
_LINE_OF = {
    kind.value: -1 if line is None else list(PnlLine).index(line)
    for kind, line in LINE_OF.items()
}
_LINE_INDEX = {name: index for index, name in enumerate(_LINES)}
_MARGIN_PLACES = 4
_UNITS = {
    "units_sold": TransactionKind.SALE.value,
    "units_returned": TransactionKind.REFUND.value,
}
_ADS, _STORED, _REVENUE = PnlLine.ADS.value, PnlLine.STORAGE.value, "revenue"


def pnl_table(lazy: pl.LazyFrame, basis: Basis) -> pl.DataFrame | None:
    """The P&L frame of a ledger frame, or ``None`` (see the module).

    ``None`` too where a row is not a ledger row or an amount not in the
    P&L's currency: the caller's row-by-row check names it.
    """
    try:
        return _table(lazy, basis)
    except Fallback:
        return None


def _table(lazy: pl.LazyFrame, basis: Basis) -> pl.DataFrame:
    amounts = lazy.collect_schema()["amount"].scale  # type: ignore[attr-defined]
    scale = Scale(max(amounts, basis.currency.exponent), basis.currency.exponent)
    kinds, numbers, (first, last) = _survey(lazy, basis, scale)
    try:  # a period past the calendar: the shared rules name the day
        window_end = period_end(basis.period, last)
    except XborderError:
        raise Fallback from None
    received = [receipt.received_on for receipt in basis.receipts or ()]
    calendar = Calendar(
        basis.period, min([first, *received]), window_end - dt.timedelta(days=1)
    )
    counted = _counted(pl.col("amount"), amounts, scale.amounts, numbers[0])
    sums = _sums(lazy, calendar, counted, kinds, numbers)
    wide, moves = pl.collect_all(sums)
    _check_names(wide)
    starts = wide["start"].min(), wide["start"].max()
    names = Names(wide, basis, *starts, calendar)  # type: ignore[arg-type]
    wide = names.ranked(wide)
    named = wide.filter(pl.col("sku").is_not_null())
    per_row = _per_row(named, [_REVENUE, "units_sold"])
    cogs, stock = cost_basis(
        names.ranked(moves.lazy()), basis, names, window_end, scale.amounts
    )
    parts = _shares(wide, per_row, stock, basis=basis, names=names, scale=scale)
    direct = _direct(wide, basis)
    return _finished(direct, cogs, parts, basis=basis, names=names, scale=scale.amounts)


def _shares(
    wide: pl.DataFrame,
    per_row: pl.DataFrame,
    stock: pl.DataFrame | None,
    *,
    basis: Basis,
    names: Names,
    scale: Scale,
) -> list[tuple[pl.DataFrame, bool]]:
    """Account-level ads and storage shared, each with whether a row key repeats."""
    revenue = per_row.select(*ROW, pl.col(_REVENUE).clip(lower_bound=0).alias("weight"))
    parts: list[tuple[pl.DataFrame, bool]] = []
    ads = wide.filter(_shared_ads(basis))
    if ads.height:
        spent = ads.select(
            "channel", "start", "campaign", pl.col(_ADS).cast(INT).alias("amount")
        )
        # A SKU in several campaigns has a share of each on its row.
        mapped = [sku for skus in basis.campaigns.values() for sku in skus]
        shares = shared_ads(spent, basis, names, revenue, scale)
        parts.append((shares, len(set(mapped)) != len(mapped)))
    fees = wide.filter(_shared_storage())
    if fees.height:
        weights = {
            StorageBasis.REVENUE: revenue,
            StorageBasis.UNITS_SOLD: per_row.select(
                *ROW, pl.col("units_sold").alias("weight")
            ),
            StorageBasis.UNIT_DAYS: stock,
        }
        charged = fees.group_by("channel", "start").agg(
            pl.col(_STORED).sum().cast(INT).alias("amount")
        )
        parts.append((shared_storage(charged, basis, names, weights, scale), False))
    return parts


def _survey(
    lazy: pl.LazyFrame, basis: Basis, scale: Scale
) -> tuple[
    list[str], tuple[type[pl.DataType], type[pl.DataType]], tuple[dt.date, dt.date]
]:
    """One pass over the rows: their numeric rules, kinds, currencies and bounds.

    The kinds present; the integer types of the money and unit sums (Int64
    where no sum can leave it: it sums twice as fast; else Int128); the
    first and last days.
    """
    column = pl.col
    quantity = lazy.collect_schema()["quantity"]
    numeric = (
        column("posted_on").is_null()
        | bad_amount(column("amount"))
        | bad_units(column("quantity"), quantity)
    )
    found = lazy.select(
        numeric.any().alias("bad"),
        column("kind").unique().implode().alias("kinds"),
        # One currency, the P&L's (null is not it): cheaper than the codes.
        column("currency").eq_missing(basis.currency.code).all().alias("ours"),
        pl.len().alias("rows"),
        column("amount").abs().max().alias("largest"),
        column("quantity").max().alias("most"),
        column("posted_on").min().alias("first"),
        column("posted_on").max().alias("last"),
    ).collect()
    bad, kinds, ours, rows, largest, most, first, last = found.row(0)
    unknown = pl.select(unknown_kind(pl.lit(pl.Series(kinds, dtype=pl.String))).any())
    if bad or unknown.item() or not ours:
        raise Fallback  # the row-by-row check names it, or the shared rules convert
    money = _unscaled_bound(largest, scale.amounts) * rows
    units = (most or 0) * rows
    if not rows or money >= ROOM or units >= ROOM:
        raise Fallback
    narrowest = [pl.Int64 if bound < 2**62 else INT for bound in (money, units)]
    return kinds, (narrowest[0], narrowest[1]), (first, last)


def _sums(
    lazy: pl.LazyFrame,
    calendar: Calendar,
    counted: pl.Expr,
    kinds: list[str],
    numbers: tuple[type[pl.DataType], type[pl.DataType]],
) -> list[pl.LazyFrame]:
    """Lines per row and the rows that move units.

    ``counted``: each amount as an integer count of its finest digit;
    ``kinds``: the kinds present; ``numbers``: the integer types of the
    money and unit sums. Rows are keyed by (SKU, channel, period, campaign), so a mapped
    campaign's ads can be told apart. Each line is its own column before the
    group-by: polars sums plain columns far faster than conditional sums.
    """
    money, counts = numbers
    kind, line = pl.col("kind"), pl.col("line")
    amount = pl.col("amount")  # counted
    present = sorted({_LINE_OF[k] for k in kinds} - {-1})
    quantity = pl.col("quantity").fill_null(0).cast(counts)
    keyed = lazy.with_columns(
        calendar.start(pl.col("posted_on")).alias("start"),
        kind.replace_strict(_LINE_OF, return_dtype=pl.Int8).alias("line"),
        counted.alias("amount"),
    ).with_columns(
        *(
            pl.when(line == index).then(amount).otherwise(0).alias(_LINES[index])
            for index in present
        ),
        *(
            pl.when(kind == which).then(quantity).otherwise(0).alias(name)
            for name, which in _UNITS.items()
        ),
        quantity.alias("moved"),
        (line == _LINE_INDEX[_ADS]).alias("ad_rows"),
        (line == _LINE_INDEX[_STORED]).alias("storage_rows"),
    )
    summed = [_LINES[index] for index in present]
    summed += [*_UNITS, "moved", "ad_rows", "storage_rows"]
    lines = (
        keyed.group_by([*ROW, "campaign"])
        .agg(pl.col(summed).sum(), pl.len().alias("rows"))
        # The lines the shares read; the others are left out when no kind
        # of theirs occurs (the finished table writes them as zeros).
        .with_columns(
            pl.lit(0, dtype=money).alias(name)
            for name in (_REVENUE, _ADS, _STORED)
            if name not in summed
        )
    )
    # Each row that moves units, as it is: FIFO costs consecutive events of
    # one SKU, day, kind and channel the same whether summed first or not.
    sale = kind == TransactionKind.SALE.value
    moves = lazy.filter(pl.col("quantity") > 0).select(
        "sku",
        "channel",
        "posted_on",
        pl.when(sale).then(quantity).otherwise(0).cast(INT).alias("sold"),
        pl.when(sale).then(0).otherwise(quantity).cast(INT).alias("back"),
    )
    return [lines, moves]


def _check_names(wide: pl.DataFrame) -> None:
    """The text rules on the sums' names, and units only where they move stock."""
    column = pl.col
    moved, sku = column("moved"), column("sku")
    # stray_units on sums: units on a row of another kind, or with no SKU.
    stray = (moved > column("units_sold") + column("units_returned")) | (
        sku.is_null() & (moved > 0)
    )
    # Each name once: a few thousand SKUs, not every row of the sums.
    problems = wide.select(
        missing_channel(column("channel").unique()).any(),
        blank(sku.unique()).any(),
        blank(column("campaign").unique()).any(),
        stray.any().alias("stray"),
    )
    if any(problems.row(0)):
        raise Fallback  # the row-by-row check names the row


def _per_row(named: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """``columns`` summed per P&L row (a row's campaigns are apart in the sums)."""
    if named["campaign"].null_count() == named.height:
        return named.select(*ROW, *columns)  # one sum per row already
    return named.group_by(ROW).agg(pl.col(columns).sum())


def _counted(
    value: pl.Expr, amounts: int, scale: int, number: type[pl.DataType]
) -> pl.Expr:
    """A Decimal column of scale ``amounts`` as a count of ``10**-scale`` (exact).

    A polars Decimal is its unscaled value in an Int128: read as it is (30
    times faster than splitting whole and fraction), then rescaled.
    """
    unscaled: pl.Expr = value.to_physical()
    rescaled: pl.Expr = unscaled * 10 ** (scale - amounts)
    return rescaled.cast(number)


def _unscaled_bound(value: Decimal | None, scale: int) -> int:
    if value is None:
        return 0
    return int(value.scaleb(scale, context=EXACT).to_integral_value(context=EXACT)) + 1


def _shared_ads(basis: Basis) -> pl.Expr:
    """The account-level rows whose ads go to a mapped campaign's SKUs."""
    campaign = pl.col("campaign").is_in([c for c in basis.campaigns if c is not None])
    if None in basis.campaigns:
        campaign = campaign | pl.col("campaign").is_null()
    return pl.col("sku").is_null() & (pl.col("ad_rows") > 0) & campaign


def _shared_storage() -> pl.Expr:
    return pl.col("sku").is_null() & (pl.col("storage_rows") > 0)


def _direct(wide: pl.DataFrame, basis: Basis) -> pl.DataFrame:
    """What stays on its own row; a row of shared amounts only is no row."""
    ads, storage = _shared_ads(basis), _shared_storage()
    left = (
        pl.col("rows")
        - pl.when(ads).then(pl.col("ad_rows")).otherwise(0)
        - pl.when(storage).then(pl.col("storage_rows")).otherwise(0)
    )
    kept = [name for name in (*_LEDGER_LINES, *_UNITS) if name in wide.columns]
    return wide.filter(left > 0).select(
        *ROW,
        "campaign",
        *(name for name in kept if name not in {_ADS, _STORED}),
        pl.when(ads).then(0).otherwise(pl.col(_ADS)).alias(_ADS),
        pl.when(storage).then(0).otherwise(pl.col(_STORED)).alias(_STORED),
    )


def _finished(
    direct: pl.DataFrame,
    cogs: pl.DataFrame,
    shares: list[tuple[pl.DataFrame, bool]],
    *,
    basis: Basis,
    names: Names,
    scale: int,
) -> pl.DataFrame:
    """One row per (SKU, channel, period), as pnl_frame has them.

    ``direct``: the ledger's own lines, by (SKU, channel, period, campaign);
    ``cogs``: by packed row key, on rows of the ledger's own (every sale or
    return is one); ``shares``: ads and storage shared, one line each, with
    whether a row key may come more than once. Every row key, sorted, takes
    each part by a join that keeps its order: cheaper than summing one long
    frame of every part, or than joining them all and sorting after.
    """
    columns = [name for name in (*_LEDGER_LINES, *_UNITS) if name in direct.columns]
    key = names.row_key().alias("key")
    lines = direct.select(key, *columns)
    if direct["campaign"].null_count() != direct.height:  # a row's campaigns apart
        lines = lines.group_by("key").agg(pl.col(columns).sum())
    parts = [(cogs, False), *shares]
    keyed = []
    for part, repeats in parts:
        line = next(c for c in part.columns if c in _LINES)
        found = part if "key" in part.columns else part.select(key, line)
        if repeats:
            found = found.group_by("key").agg(pl.col(line).sum())
        keyed.append(found.rename({line: f"shared {line}"}))
    rows = pl.concat([lines.select("key"), *(k.select("key") for k in keyed[1:])])
    wide = rows.unique().sort("key")
    for found in [lines, *keyed]:
        wide = wide.join(found, on="key", how="left", maintain_order="left")
    present = set(wide.columns)
    written = [
        line
        for line in (*_LINES, *_UNITS)
        if line in present or f"shared {line}" in present
    ]
    wide = wide.with_columns(
        pl.sum_horizontal(
            pl.col(name).fill_null(0)
            for name in (line, f"shared {line}")
            if name in present
        ).alias(line)
        for line in written
    )
    net = pl.sum_horizontal(line.value for line in NET_REVENUE_LINES if line in written)
    contribution = pl.sum_horizontal(line for line in _LINES if line in written)
    wide = wide.with_columns(
        net.alias("net_revenue"), contribution.alias("contribution")
    )
    money = [*_LINES, "net_revenue", "contribution"]
    largest = dict.fromkeys((*money, *_UNITS), 0)
    kept = [name for name in largest if name in wide.columns]
    largest |= wide.select(pl.col(*kept).abs().max()).row(0, named=True)
    ratios = _check_room(max(largest[name] or 0 for name in money), scale)
    counts = count_type(max(largest[name] or 0 for name in _UNITS))  # as pnl_frame
    unit = pl.lit(Decimal(1).scaleb(-scale), dtype=pl.Decimal(38, scale))
    zero = pl.lit(Decimal(0).scaleb(-scale), dtype=pl.Decimal(38, scale))
    return names.named_rows(wide).select(
        "sku",
        "channel",
        "start",
        pl.col("start").dt.offset_by(OFFSET[basis.period]).alias("end"),
        pl.lit(basis.currency.code).alias("currency"),
        *(
            pl.col(name).cast(counts) if name in written else pl.lit(0, dtype=counts)
            for name in _UNITS
        ),
        # A line of zeros (no such kind in the ledger) needs no conversion.
        *(
            (
                pl.col(name).cast(pl.Decimal(38, 0)) * unit if largest[name] else zero
            ).alias(name)
            for name in money
        ),
        _margin(ratios).alias("margin"),
    )


def _check_room(largest: int, scale: int) -> type[pl.DataType]:
    """Refuse (to the shared rules) a line the P&L's bounds or 38 digits cannot hold.

    ``largest``: the largest line, in absolute value. The integer type the
    margin's ratio is taken in: Int64 where it fits (it divides several
    times faster).
    """
    # A line reaches 1E+36 (the shared rules raise), or the margin's
    # contribution x 10**4 would leave the Int128 it is computed in.
    room = largest * 10**_MARGIN_PLACES
    if largest >= 10 ** (36 + scale) or room >= ROOM:
        raise Fallback
    return pl.Int64 if room < 2**62 else INT


def _margin(number: type[pl.DataType]) -> pl.Expr:
    """Contribution over net revenue, 4 places half-even; null with no net revenue."""
    net = pl.col("net_revenue").cast(number)
    contribution = pl.col("contribution").cast(number)
    sign = pl.when(net < 0).then(-1).otherwise(1).cast(number)
    ratio = rounded_ratio(
        contribution * sign * 10**_MARGIN_PLACES, net * sign, ROUND_HALF_EVEN
    )
    places = pl.lit(Decimal(1).scaleb(-_MARGIN_PLACES), dtype=pl.Decimal(38, 4))
    return pl.when(net != 0).then(ratio.cast(pl.Decimal(38, 0)) * places)
