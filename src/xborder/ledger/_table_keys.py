"""SKUs and channels as ranks by name, for the P&L table (private).

Every join, group-by and sort of the P&L table runs on integers: a SKU or a
channel is its rank among the names sorted (so rank order is name order,
as the scalar P&L sorts them), and a row of the P&L is one packed key that
also sorts the rows as :class:`xborder.ledger.ProfitAndLoss` does (by
period, channel, then SKU with the account-level row last). Names come
back on the finished rows only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import polars as pl

from xborder.ledger._table_base import Calendar, Fallback

if TYPE_CHECKING:
    import datetime as dt

    from xborder.ledger._assemble import Basis

__all__ = ["Names"]

_KEY_ROOM = 2**62  # a packed key is an Int64
_Frame = TypeVar("_Frame", pl.DataFrame, pl.LazyFrame)


_FEW = 4  # names compared one by one rather than looked up (twice as fast)


def _ranks(column: str, ranks: dict[str, int]) -> pl.Expr:
    if not ranks:  # polars leaves a column as it was for an empty mapping
        return pl.lit(None, dtype=pl.Int64).alias(column)
    if len(ranks) > _FEW:
        return pl.col(column).replace_strict(ranks, return_dtype=pl.Int64)
    rank: pl.Expr = pl.lit(None, dtype=pl.Int64)  # no name (an account's row)
    for name, place in ranks.items():
        rank = pl.when(pl.col(column) == name).then(place).otherwise(rank)
    return rank.cast(pl.Int64).alias(column)


class Names:
    """The SKUs and channels of a ledger, each with its rank by name."""

    __slots__ = ("calendar", "channels", "first", "skus")

    def __init__(
        self,
        money: pl.DataFrame,
        basis: Basis,
        first: dt.date,
        last: dt.date,
        calendar: Calendar,
    ) -> None:
        """``first``, ``last``: the starts of the ledger's first and last periods.

        ``calendar``: each day's period start, for every day the table meets.
        """
        named = set(money["sku"].drop_nulls().unique().to_list())
        named.update(receipt.sku for receipt in basis.receipts or ())
        for skus in basis.campaigns.values():
            named.update(skus)
        self.skus = {sku: rank for rank, sku in enumerate(sorted(named))}
        channels = sorted(money["channel"].unique().to_list())
        self.channels = {channel: rank for rank, channel in enumerate(channels)}
        self.first = first
        self.calendar = calendar
        room = ((last - first).days + 1) * (len(self.channels) or 1)
        if room * (len(self.skus) + 1) >= _KEY_ROOM:
            raise Fallback  # no packed row key

    def ranked(self, frame: _Frame) -> _Frame:
        """``frame`` with its ``sku`` and ``channel`` names replaced by ranks."""
        return frame.with_columns(
            _ranks("sku", self.skus), _ranks("channel", self.channels)
        )

    def row_key(
        self,
        sku: pl.Expr | None = None,
        channel: pl.Expr | None = None,
        start: pl.Expr | None = None,
    ) -> pl.Expr:
        """One Int64 per (period, channel, SKU), in the P&L's row order.

        Of the columns ``sku``, ``channel`` and ``start`` unless other
        expressions are given.
        """
        sku = pl.col("sku") if sku is None else sku
        channel = pl.col("channel") if channel is None else channel
        start = pl.col("start") if start is None else start
        span = len(self.skus) + 1  # the account-level row (no SKU) sorts last
        days = (start - pl.lit(self.first)).dt.total_days()
        return (days * len(self.channels) + channel) * span + sku.fill_null(
            len(self.skus)
        )

    def named_rows(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame``'s packed ``key`` unpacked into names and the period start."""
        span, count = len(self.skus) + 1, len(self.channels)
        key = pl.col("key")
        sku = (key % span).replace_strict(
            {rank: sku for sku, rank in self.skus.items()},
            default=None,
            return_dtype=pl.String,
        )
        channel = (key // span % count).replace_strict(
            {rank: name for name, rank in self.channels.items()},
            return_dtype=pl.String,
        )
        start = pl.lit(self.first) + pl.duration(days=key // span // count)
        return frame.with_columns(
            sku.alias("sku"), channel.alias("channel"), start.alias("start")
        )
