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
* **Stock held** is the units received less the net units issued, day by
  day, held until the next day anything moved or a period begins.
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

from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING

import polars as pl

from xborder._exact import EXACT
from xborder._expr import rounded_ratio
from xborder.errors import XborderError
from xborder.ledger._kinds import (
    LINE_OF,
    NET_REVENUE_LINES,
    PnlLine,
    StorageBasis,
    TransactionKind,
    period_end,
    period_start,
)
from xborder.ledger._table_base import INT, OFFSET, ROOM, ROW, Fallback, Scale
from xborder.ledger._table_cost import cost_basis
from xborder.ledger._table_keys import Names
from xborder.ledger._table_shares import shared_ads, shared_storage

if TYPE_CHECKING:
    from xborder.ledger._assemble import Basis
    from xborder.ledger._table_window import Window

__all__ = ["pnl_table"]

_LINES = tuple(line.value for line in PnlLine)
# The lines the ledger's own rows are summed into (COGS comes from receipts).
_LEDGER_LINES = [line.value for line in PnlLine if line is not PnlLine.COGS]
# Each kind's line as its position in PnlLine (-1: it stays out of the P&L).
_LINE_OF = {
    kind.value: -1 if line is None else list(PnlLine).index(line)
    for kind, line in LINE_OF.items()
}
_MARGIN_PLACES = 4
_AD = TransactionKind.AD_SPEND.value
_STORAGE = TransactionKind.STORAGE_FEE.value
_UNITS = {
    "units_sold": TransactionKind.SALE.value,
    "units_returned": TransactionKind.REFUND.value,
}
_ADS, _STORED, _REVENUE = PnlLine.ADS.value, PnlLine.STORAGE.value, "revenue"


def pnl_table(
    lazy: pl.LazyFrame, basis: Basis, codes: list[str], window: Window
) -> pl.DataFrame | None:
    """The P&L frame of a checked ledger frame, or ``None`` (see the module).

    ``codes``: its currency codes; ``window``: its bounds.
    """
    try:
        return _table(lazy, basis, codes, window)
    except Fallback:
        return None


def _table(
    lazy: pl.LazyFrame, basis: Basis, codes: list[str], window: Window
) -> pl.DataFrame:
    code = basis.currency.code
    if any(c != code for c in codes):
        raise Fallback
    amounts = lazy.collect_schema()["amount"].scale  # type: ignore[attr-defined]
    scale = Scale(max(amounts, basis.currency.exponent), basis.currency.exponent)
    first, last, rows, largest = window
    bound = _unscaled_bound(largest, scale.amounts) * rows
    if first is None or last is None or bound >= ROOM:
        raise Fallback
    try:  # a period past the calendar: the shared rules name the day
        starts = (period_start(basis.period, first), period_start(basis.period, last))
        window_end = period_end(basis.period, last)
    except XborderError:
        raise Fallback from None
    # Integers as narrow as the sums allow: Int64 sums twice as fast.
    number = pl.Int64 if bound < 2**62 else INT
    wide, moves = pl.collect_all(_sums(lazy, basis, scale, amounts, number))
    names = Names(wide, basis, *starts)
    wide = names.ranked(wide)
    named = wide.filter(pl.col("sku").is_not_null() & pl.col("campaign").is_null())
    revenue = named.select(*ROW, pl.col(_REVENUE).clip(lower_bound=0).alias("weight"))
    cogs, stock = cost_basis(
        names.ranked(moves), basis, names, window_end, scale.amounts
    )
    parts = [_direct(wide, basis), cogs]
    ads = wide.filter(_shared_ads(basis))
    if ads.height:
        spent = ads.select("channel", "start", "campaign", pl.col(_ADS).alias("amount"))
        parts.append(shared_ads(spent, basis, names, revenue, scale))
    fees = wide.filter(_shared_storage())
    if fees.height:
        weights = {
            StorageBasis.REVENUE: revenue,
            StorageBasis.UNITS_SOLD: named.select(
                *ROW, pl.col("units_sold").alias("weight")
            ),
            StorageBasis.UNIT_DAYS: stock,
        }
        charged = fees.select("channel", "start", pl.col(_STORED).alias("amount"))
        parts.append(shared_storage(charged, basis, names, weights, scale))
    return _finished(parts, basis, names, scale.amounts)


def _sums(
    lazy: pl.LazyFrame,
    basis: Basis,
    scale: Scale,
    amounts: int,
    number: type[pl.DataType],
) -> list[pl.LazyFrame]:
    """Lines per row (counts of 10**-scale) and the rows that move units.

    Rows are keyed by (SKU, channel, period, campaign): the campaign only on
    ad-spend rows, so a mapped campaign's ads can be told apart.
    """
    kind = pl.col("kind")
    keyed = lazy.with_columns(
        pl.col("posted_on").dt.truncate(OFFSET[basis.period]).alias("start"),
        pl.when(kind == _AD).then(pl.col("campaign")).alias("campaign"),
        kind.replace_strict(_LINE_OF, return_dtype=pl.Int8).alias("line"),
        _counted(pl.col("amount"), amounts, scale.amounts, number).alias("amount"),
    )
    units = pl.col("quantity").cast(INT)
    line, amount = pl.col("line"), pl.col("amount")
    lines = keyed.group_by([*ROW, "campaign"]).agg(
        *(
            pl.when(line == index).then(amount).otherwise(0).sum().cast(INT).alias(name)
            for index, name in enumerate(_LINES)
            if name != PnlLine.COGS.value
        ),
        *(
            pl.when(kind == which).then(units).otherwise(0).sum().alias(name)
            for name, which in _UNITS.items()
        ),
        pl.len().alias("rows"),
        (kind == _AD).sum().alias("ad_rows"),
        (kind == _STORAGE).sum().alias("storage_rows"),
    )
    # Each row that moves units, as it is: FIFO costs consecutive events of
    # one SKU, day, kind and channel the same whether summed first or not.
    sale = kind == TransactionKind.SALE.value
    moves = lazy.filter(pl.col("quantity") > 0).select(
        "sku",
        "channel",
        "posted_on",
        pl.when(sale).then(units).otherwise(0).alias("sold"),
        pl.when(sale).then(0).otherwise(units).alias("back"),
    )
    return [lines, moves]


def _counted(
    value: pl.Expr, amounts: int, scale: int, number: type[pl.DataType]
) -> pl.Expr:
    """A Decimal column as an integer count of ``10**-scale`` (exact)."""
    whole: pl.Expr = value.cast(number)
    fraction = ((value - whole.cast(pl.Decimal(38, 0))) * 10**amounts).cast(number)
    counted: pl.Expr = whole * 10**scale + fraction * 10 ** (scale - amounts)
    return counted


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
    return wide.filter(left > 0).select(
        *ROW,
        *(name for name in (*_LEDGER_LINES, *_UNITS) if name not in {_ADS, _STORED}),
        pl.when(ads).then(0).otherwise(pl.col(_ADS)).cast(INT).alias(_ADS),
        pl.when(storage).then(0).otherwise(pl.col(_STORED)).cast(INT).alias(_STORED),
    )


def _finished(
    parts: list[pl.DataFrame], basis: Basis, names: Names, scale: int
) -> pl.DataFrame:
    """One row per (SKU, channel, period), as pnl_frame has them."""
    columns = [*_LINES, *_UNITS]
    keyed = [
        part.select(
            names.row_key().alias("key"), *(c for c in columns if c in part.columns)
        )
        if "key" not in part.columns
        else part
        for part in parts
    ]
    lines = pl.concat(keyed, how="diagonal")
    lines = lines.with_columns(pl.col(columns).cast(_narrowest(lines, columns)))
    wide = lines.group_by("key").agg(pl.col(columns).sum()).sort("key")
    net = pl.sum_horizontal(line.value for line in NET_REVENUE_LINES)
    wide = wide.with_columns(
        net.alias("net_revenue"), pl.sum_horizontal(_LINES).alias("contribution")
    )
    money = [*_LINES, "net_revenue", "contribution"]
    _check_room(wide, money, scale)
    unit = pl.lit(Decimal(1).scaleb(-scale), dtype=pl.Decimal(38, scale))
    return names.named_rows(wide).select(
        "sku",
        "channel",
        "start",
        pl.col("start").dt.offset_by(OFFSET[basis.period]).alias("end"),
        pl.lit(basis.currency.code).alias("currency"),
        *(pl.col(name).cast(pl.Int64) for name in _UNITS),
        *(pl.col(name).cast(pl.Decimal(38, 0)) * unit for name in money),
        _margin().alias("margin"),
    )


def _narrowest(lines: pl.DataFrame, columns: list[str]) -> type[pl.DataType]:
    """Int64 when no sum of ``lines`` can leave it (it sums twice as fast)."""
    largest = lines.select(pl.max_horizontal(pl.col(columns).abs().max())).item()
    return pl.Int64 if (largest or 0) * max(lines.height, 1) < 2**62 else INT


def _check_room(wide: pl.DataFrame, money: list[str], scale: int) -> None:
    """Refuse (to the shared rules) a line the P&L's bounds or 38 digits cannot hold."""
    largest = wide.select(pl.max_horizontal(pl.col(money).abs().max())).item()
    # A line reaches 1E+36 (the shared rules raise), or the margin's
    # contribution x 10**4 would leave the Int128 it is computed in.
    if largest is not None and (
        largest >= 10 ** (36 + scale) or largest * 10**_MARGIN_PLACES >= ROOM
    ):
        raise Fallback


def _margin() -> pl.Expr:
    """Contribution over net revenue, 4 places half-even; null with no net revenue."""
    net, contribution = pl.col("net_revenue"), pl.col("contribution")
    sign = pl.when(net < 0).then(-1).otherwise(1).cast(INT)
    ratio = rounded_ratio(
        contribution * sign * 10**_MARGIN_PLACES, net * sign, ROUND_HALF_EVEN
    )
    places = pl.lit(Decimal(1).scaleb(-_MARGIN_PLACES), dtype=pl.Decimal(38, 4))
    return pl.when(net != 0).then(ratio.cast(pl.Decimal(38, 0)) * places)
