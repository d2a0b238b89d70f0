"""Frames benchmarks: RFM and cohort retention over 1,000,000 orders.

Issue 12 asks for customers from an orders table: ``frames.rfm`` and
``frames.cohort_retention`` on polars, against the scalar functions
(``xborder.kpi.rfm``, ``cohort_retention``) on the same orders, and against
the same computations written by hand as a polars group-by (checked equal
below). The hand-written pipelines know the data is clean: they check no
cell, report no bad row, and trust the types; xborder reads and checks every
order as ``Order`` would.

The orders are the KPI benchmark's: a pool of 100,000 orders (25,000
customers, two years, amounts 5.00 to 200.00 EUR) repeated ten times; the
scalar functions stream them as Order objects, the table holds them as
``String``, ``Date`` and ``Decimal(18, 2)`` columns.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from decimal import Decimal
from typing import TYPE_CHECKING

import polars as pl

from _harness import Case
from xborder import frames
from xborder.kpi import RF_GRID_SEGMENTS, Order, cohort_retention, rfm
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

AS_OF = dt.date(2026, 7, 1)
BINS = 5


def _pool(count: int, rng: random.Random) -> list[Order]:
    amounts = [
        Money(Decimal(rng.randint(500, 20000)).scaleb(-2), "EUR") for _ in range(500)
    ]
    days = [AS_OF - dt.timedelta(days=d) for d in range(1, 731)]
    customers = [f"customer-{i}" for i in range(max(count // 4, 1))]
    return [
        Order(
            customer=rng.choice(customers),
            placed_on=rng.choice(days),
            amount=rng.choice(amounts),
        )
        for _ in range(count)
    ]


def _table(pool: list[Order], repeats: int) -> pl.DataFrame:
    one = pl.DataFrame(
        {
            "customer": [o.customer for o in pool],
            "placed_on": [o.placed_on for o in pool],
            "amount": [o.amount.amount for o in pool],
        },
        schema={
            "customer": pl.String,
            "placed_on": pl.Date,
            "amount": pl.Decimal(18, 2),
        },
    )
    return pl.concat([one] * repeats, rechunk=True)


def _segment_expr() -> pl.Expr:
    """The default segment grid as a when/then chain (first match wins)."""
    expr: pl.Expr = pl.lit(None, pl.String)
    for rule in reversed(RF_GRID_SEGMENTS):
        inside = (
            pl.col("r").is_between(*rule.recency)
            & pl.col("f").is_between(*rule.frequency)
            & pl.col("m").is_between(*rule.monetary)
        )
        expr = pl.when(inside).then(pl.lit(rule.name)).otherwise(expr)
    return expr


def _hand_rfm(table: pl.DataFrame) -> pl.DataFrame:
    """RFM by hand: one group-by, ranks with ties as the scalar counts them."""
    n = pl.len()
    return (
        table.lazy()
        .filter(pl.col("placed_on") < AS_OF)
        .group_by("customer")
        .agg(
            last_order=pl.col("placed_on").max(),
            frequency=pl.len(),
            monetary=pl.col("amount").sum(),
        )
        .with_columns(
            recency_days=(pl.lit(AS_OF) - pl.col("last_order")).dt.total_days()
        )
        .with_columns(
            r=1 + BINS * (n - pl.col("recency_days").rank("max")) // n,
            f=1 + BINS * (pl.col("frequency").rank("min") - 1) // n,
            m=1 + BINS * (pl.col("monetary").rank("min") - 1) // n,
        )
        .with_columns(segment=_segment_expr())
        .sort("customer")
        .collect()
    )


def _hand_retention(table: pl.DataFrame) -> pl.DataFrame:
    """Cohort retention by hand: distinct months, first month, counts, the grid."""
    last = (
        (AS_OF - dt.timedelta(days=1)).year * 12
        + (AS_OF - dt.timedelta(days=1)).month
        - 1
    )
    day = pl.col("placed_on")
    pairs = (
        table.lazy()
        .filter(day < AS_OF)
        .select(
            "customer", month=day.dt.year().cast(pl.Int64) * 12 + day.dt.month() - 1
        )
        .unique()
        .with_columns(first=pl.col("month").min().over("customer"))
        .with_columns(period=pl.col("month") - pl.col("first"))
    )
    counts = pairs.group_by("first", "period").agg(active=pl.len())
    grid = (
        counts.select("first")
        .unique()
        .with_columns(period=pl.int_ranges(0, last - pl.col("first") + 1))
        .explode("period")
    )
    table_ = (
        grid.join(counts, on=["first", "period"], how="left")
        .with_columns(pl.col("active").fill_null(0))
        .with_columns(
            size=pl.col("active").filter(pl.col("period") == 0).first().over("first")
        )
        .with_columns(
            retention=(pl.col("active").cast(pl.Decimal(38, 10)) / pl.col("size")).cast(
                pl.Decimal(18, 10)
            )
        )
        .sort("first", "period")
    )
    return table_.collect()


def _check(table: pl.DataFrame) -> None:
    ours = frames.rfm(table, as_of=AS_OF, currency="EUR").table
    hand = _hand_rfm(table)
    for name in ("customer", "monetary", "r", "f", "m", "segment"):
        assert ours.get_column(name).to_list() == hand.get_column(name).to_list(), name
    cohorts = frames.cohort_retention(table, as_of=AS_OF).table
    by_hand = _hand_retention(table)
    for name in ("active", "size", "retention"):
        got = cohorts.get_column(name).to_list()
        assert got == by_hand.get_column(name).to_list(), name


def _timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def cases(*, quick: bool) -> list[Case]:
    """RFM and cohort retention over 1,000,000 orders (10,000 quick)."""
    pool_size, repeats = (1000, 10) if quick else (100_000, 10)
    pool = _pool(pool_size, random.Random(20260701))
    table = _table(pool, repeats)
    _check(table.head(50_000) if not quick else table)
    size = f"{pool_size * repeats:,}"

    def stream() -> Iterator[Order]:
        return itertools.chain.from_iterable(itertools.repeat(pool, repeats))

    def ours_rfm() -> object:
        return frames.rfm(table, as_of=AS_OF, currency="EUR")

    def ours_retention() -> object:
        return frames.cohort_retention(table, as_of=AS_OF)

    return [
        Case(
            f"rfm, {size} orders, polars (s)",
            lambda: _timed(ours_rfm),
            lambda: _timed(lambda: _hand_rfm(table)),
            "hand-written polars group-by",
            self_timed=True,
        ),
        Case(
            f"rfm, {size} orders, vs scalar (s)",
            lambda: _timed(ours_rfm),
            lambda: _timed(lambda: rfm(stream(), as_of=AS_OF, currency="EUR")),
            "xborder.kpi.rfm on Order objects",
            self_timed=True,
            repeat=3,
        ),
        Case(
            f"cohort_retention, {size} orders, polars (s)",
            lambda: _timed(ours_retention),
            lambda: _timed(lambda: _hand_retention(table)),
            "hand-written polars group-by",
            self_timed=True,
        ),
        Case(
            f"cohort_retention, {size} orders, vs scalar (s)",
            lambda: _timed(ours_retention),
            lambda: _timed(lambda: cohort_retention(stream(), as_of=AS_OF)),
            "xborder.kpi.cohort_retention",
            self_timed=True,
            repeat=3,
        ),
    ]


__all__ = ["cases"]
