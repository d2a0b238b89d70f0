"""Frames benchmark: the lifts a promotion needs, for 100,000 SKU × market rows.

Issue 14 asks that promotions work on frames; this measures
:func:`xborder.frames.promotion_lifts` against the loop a user would write
around the scalar calculators (``break_even_lift`` and ``margin_lift`` per
row, the same figures the frame function returns), and against the
break-even lift written by hand as polars expressions.

The listing is the Amazon.de-like one of ``bench_frames_pricing``: VAT
included at 19%, a 15% referral fee on the VAT-inclusive price with a €0.30
minimum, a €2.70 fulfilment fee, each row's landed cost; the promotion is a
20%-off deal with a €50 event fee, and each row has its baseline units.

The hand-written pipeline computes less: the two waterfalls and the
break-even units ``N* = (B c0 + F) / cp`` with their ceiling, exactly in
integer cents (checked equal to xborder's below), and the lift in polars
Decimals; xborder also solves the margin lift and keeps every figure equal
to the scalar results. The scalar loop is timed on a sample and scaled.
"""

from __future__ import annotations

import random
import time
from decimal import Decimal

import attrs
import polars as pl

from _harness import Case
from bench_frames_pricing import LISTING, MONEY  # the same Amazon.de-like listing
from xborder import frames
from xborder.money import Money
from xborder.pricing import UnitCosts
from xborder.pricing.promotions import Deal, Discount, break_even_lift, margin_lift

DEAL = Deal(discount=Discount.percent_off("0.20"), event_fee=Money("50.00", "EUR"))


def _catalogue(rows: int) -> pl.DataFrame:
    draw = random.Random(14)
    return pl.DataFrame(
        {
            "sku": [f"SKU-{i}" for i in range(rows)],
            "price": [Decimal(draw.randint(999, 9999)).scaleb(-2) for _ in range(rows)],
            "landed": [Decimal(draw.randint(10, 2000)).scaleb(-2) for _ in range(rows)],
            "baseline_units": [draw.randint(1, 500) for _ in range(rows)],
        },
        schema={
            "sku": pl.String,
            "price": MONEY,
            "landed": MONEY,
            "baseline_units": pl.Int64,
        },
    )


def _cents_contribution(price: pl.Expr, landed: pl.Expr) -> pl.Expr:
    """The waterfall's contribution in cents (Int64), rounded as the rules round."""
    # net = round_half_up(price / 1.19): in cents, (200 p + 119) // 238.
    net = (price * 200 + 119) // 238
    referral = pl.max_horizontal((price * 15 + 50) // 100, pl.lit(30))
    return net - referral - 270 - landed


def _hand_lifts(table: pl.DataFrame) -> pl.DataFrame:
    """The break-even units and lift by hand, in integer cents."""
    cents = (pl.col("price") * 100).cast(pl.Int64)
    landed = (pl.col("landed") * 100).cast(pl.Int64)
    reduced = (cents * 80 + 50) // 100  # 20% off, half-up
    full = _cents_contribution(cents, landed)
    promoted = _cents_contribution(reduced, landed)
    base = pl.col("baseline_units")
    numerator = base * full + 5000
    # No units needed when the baseline and the fee leave nothing to recover.
    units = (
        pl.when((numerator < 0) | ((numerator == 0) & (promoted >= 0)))
        .then(0)
        .when(promoted > 0)
        .then(-((-numerator) // promoted))
    )
    lift = numerator.cast(pl.Decimal(38, 12)) / promoted.cast(pl.Decimal(38, 0))
    return (
        table.lazy()
        .with_columns(
            promoted_contribution=(promoted.cast(pl.Decimal(38, 2)) / 100).cast(MONEY),
            break_even_whole_units=units,
            break_even_lift=pl.when(promoted > 0).then(lift / base - 1),
        )
        .collect()
    )


def _scalar_seconds(table: pl.DataFrame, sample: int) -> float:
    """The scalar loop on the first ``sample`` rows, scaled to the whole table."""
    rows = table.head(sample).iter_rows(named=True)
    started = time.perf_counter()
    for row in rows:
        listing = attrs.evolve(
            LISTING, costs=UnitCosts(landed=Money(row["landed"], "EUR"))
        )
        price = Money(row["price"], "EUR")
        base = row["baseline_units"]
        break_even_lift(listing, price, DEAL, baseline_units=base)
        margin_lift(listing, price, DEAL, baseline_units=base)
    return (time.perf_counter() - started) * table.height / sample


def _timed(function: object) -> float:
    started = time.perf_counter()
    function()  # type: ignore[operator]
    return time.perf_counter() - started


def _check(table: pl.DataFrame) -> None:
    ours = frames.promotion_lifts(table, LISTING, DEAL).table
    hand = _hand_lifts(table)
    for name in ("promoted_contribution", "break_even_whole_units"):
        same = ours.get_column(name).eq_missing(hand.get_column(name))
        assert same.all(), f"the hand-written {name} differs"


def cases(*, quick: bool) -> list[Case]:
    """Promotion lifts over 100,000 rows (2,000 quick)."""
    rows = 2_000 if quick else 100_000
    table = _catalogue(rows)
    arrow_pandas = table.to_pandas(use_pyarrow_extension_array=True)
    _check(table.head(5_000))
    sample = 100 if quick else 1_000
    size = f"{rows:,}"
    return [
        Case(
            f"promotion_lifts, {size} rows, vs scalar loop (s)",
            lambda: _timed(lambda: frames.promotion_lifts(table, LISTING, DEAL)),
            lambda: _scalar_seconds(table, sample),
            "scalar loop (sampled)",
            self_timed=True,
            repeat=3,
        ),
        Case(
            f"promotion_lifts, {size} rows, vs hand polars (s)",
            lambda: _timed(lambda: frames.promotion_lifts(table, LISTING, DEAL)),
            lambda: _timed(lambda: _hand_lifts(table)),
            "hand-written polars (break-even only)",
            self_timed=True,
            repeat=3,
        ),
        Case(
            f"promotion_lifts, {size} rows, pandas-arrow (s)",
            lambda: _timed(lambda: frames.promotion_lifts(arrow_pandas, LISTING, DEAL)),
            lambda: _timed(lambda: _hand_lifts(table)),
            "hand-written polars (break-even only)",
            self_timed=True,
            repeat=3,
        ),
    ]


__all__ = ["cases"]
