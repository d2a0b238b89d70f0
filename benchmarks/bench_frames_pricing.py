"""Frames benchmarks: unit economics and target-margin prices for SKU × market pairs.

Issue 12 asks, for 1,000,000 pairs on polars: unit economics within 3× of
the same exact formula written by hand as polars Decimal expressions and
≥ 30× faster than the scalar loop; the target-margin price within 3× of a
hand-written polars solver; the same on pandas (Arrow-backed) reported
beside polars.

The listing is Amazon.de-like: VAT included at 19%, a 15% referral fee on
the VAT-inclusive price with a €0.30 minimum, a €2.70 fulfilment fee, and
each row's own landed cost. The hand-written pipelines compute exactly the
same figures (checked equal below) and know everything xborder looks up.
The scalar loop is timed on a sample and scaled to the full size.
"""

from __future__ import annotations

import random
import time
from decimal import Decimal

import attrs
import pandas as pd
import polars as pl

from _harness import Case
from xborder import frames
from xborder.money import Money
from xborder.pricing import FeeSchedule, Listing, ReferralFee, UnitCosts, Vat, VatBasis

LISTING = Listing(
    fees=FeeSchedule(
        name="Amazon.de",
        currency="EUR",
        referral=ReferralFee.flat(
            "0.15", basis=VatBasis.INCLUSIVE, minimum=Money("0.30", "EUR")
        ),
        fulfilment=Money("2.70", "EUR"),
    ),
    costs=UnitCosts(landed=Money("0", "EUR")),
    vat=Vat(rate="0.19"),
)
MARGIN = Decimal("0.20")
MONEY = pl.Decimal(18, 2)


def _catalogue(rows: int) -> pl.DataFrame:
    draw = random.Random(12)
    return pl.DataFrame(
        {
            "sku": [f"SKU-{i}" for i in range(rows)],
            "price": [Decimal(draw.randint(99, 9999)).scaleb(-2) for _ in range(rows)],
            "landed": [Decimal(draw.randint(10, 3000)).scaleb(-2) for _ in range(rows)],
        },
        schema={"sku": pl.String, "price": MONEY, "landed": MONEY},
    )


def _hand_economics(table: pl.DataFrame) -> pl.DataFrame:
    """The same waterfall, written by hand as polars Decimal expressions."""
    price, landed = pl.col("price"), pl.col("landed")
    net = (price.cast(pl.Decimal(38, 8)) / Decimal("1.19")).round(
        2, mode="half_away_from_zero"
    )
    referral = pl.max_horizontal(
        (price.cast(pl.Decimal(38, 4)) * Decimal("0.15")).round(
            2, mode="half_away_from_zero"
        ),
        pl.lit(Decimal("0.30")),
    )
    return (
        table.lazy()
        .with_columns(net_revenue=net.cast(MONEY), referral_fee=referral.cast(MONEY))
        .with_columns(
            tax=price - pl.col("net_revenue"),
            fees=pl.col("referral_fee") + Decimal("2.70"),
        )
        .with_columns(contribution=pl.col("net_revenue") - pl.col("fees") - landed)
        .collect()
    )


def _hand_margin_price(table: pl.DataFrame) -> pl.DataFrame:
    """The target-margin price by hand: the closed form on the 15% piece, checked.

    contribution − m × net ≥ 0 with net = p / 1.19: p ≥ (2.70 + landed) /
    ((1 − m) / 1.19 − 0.15); rounded up to the cent, then the rounded
    waterfall is checked from two cents below to two cents above, lowest
    first, as a careful hand-written solver would (rounding lets a cent or
    two below the algebraic price meet the margin).
    """
    factor = (1 - MARGIN) / Decimal("1.19") - Decimal("0.15")
    start = (pl.col("landed").cast(pl.Decimal(38, 10)) + Decimal("2.70")) / factor
    start = (start * 100).ceil().cast(pl.Int64)
    met = []
    for step in range(-2, 3):
        cents = start + step
        price = cents.cast(pl.Decimal(38, 2)) / 100
        net = (price.cast(pl.Decimal(38, 8)) / Decimal("1.19")).round(
            2, mode="half_away_from_zero"
        )
        referral = pl.max_horizontal(
            (price.cast(pl.Decimal(38, 4)) * Decimal("0.15")).round(
                2, mode="half_away_from_zero"
            ),
            pl.lit(Decimal("0.30")),
        )
        contribution = net - referral - Decimal("2.70") - pl.col("landed")
        ok = contribution >= MARGIN * net
        met.append(pl.when(ok).then(cents))
    solved = pl.coalesce(*met).cast(pl.Decimal(38, 2)) / 100
    return table.lazy().with_columns(price=solved.cast(MONEY)).collect()


def _scalar_seconds(table: pl.DataFrame, sample: int, *, solve: bool) -> float:
    """The scalar loop on the first ``sample`` rows, scaled to the whole table."""
    rows = table.head(sample).iter_rows(named=True)
    started = time.perf_counter()
    for row in rows:
        costs = UnitCosts(landed=Money(row["landed"], "EUR"))
        listing = attrs.evolve(LISTING, costs=costs)
        if solve:
            listing.price_for_margin(MARGIN)
        else:
            listing.economics(Money(row["price"], "EUR"))
    return (time.perf_counter() - started) * table.height / sample


def _timed(function: object) -> float:
    started = time.perf_counter()
    function()  # type: ignore[operator]
    return time.perf_counter() - started


def _check(table: pl.DataFrame) -> None:
    ours = frames.unit_economics(table, LISTING).table.get_column("contribution")
    theirs = _hand_economics(table).get_column("contribution")
    assert (ours == theirs).all(), "the hand-written waterfall differs"
    solved = frames.target_margin_prices(table.drop("price"), LISTING, MARGIN)
    hand = _hand_margin_price(table.drop("price")).get_column("price")
    assert (solved.table.get_column("price") == hand).all(), "hand solver differs"


def cases(*, quick: bool) -> list[Case]:
    """Unit economics and target-margin prices over 1,000,000 pairs (10,000 quick)."""
    rows = 10_000 if quick else 1_000_000
    table = _catalogue(rows)
    costs_only = table.drop("price")
    arrow_pandas = table.to_pandas(use_pyarrow_extension_array=True)
    _check(table.head(20_000))
    sample = 200 if quick else 2_000
    size = f"{rows:,}"
    return [
        Case(
            f"unit_economics, {size} pairs, polars (s)",
            lambda: _timed(lambda: frames.unit_economics(table, LISTING)),
            lambda: _timed(lambda: _hand_economics(table)),
            "hand-written polars Decimal",
            goal=3,
            self_timed=True,
        ),
        Case(
            f"unit_economics, {size} pairs, vs scalar loop (s)",
            lambda: _timed(lambda: frames.unit_economics(table, LISTING)),
            lambda: _scalar_seconds(table, sample, solve=False),
            "scalar loop (sampled)",
            goal=1 / 30,
            self_timed=True,
        ),
        Case(
            f"unit_economics, {size} pairs, pandas-arrow (s)",
            lambda: _timed(lambda: frames.unit_economics(arrow_pandas, LISTING)),
            lambda: _timed(lambda: _hand_economics(table)),
            "hand-written polars Decimal",
            self_timed=True,
        ),
        Case(
            f"target_margin_prices, {size} pairs (s)",
            lambda: _timed(
                lambda: frames.target_margin_prices(costs_only, LISTING, MARGIN)
            ),
            lambda: _timed(lambda: _hand_margin_price(costs_only)),
            "hand-written polars solver",
            goal=3,
            self_timed=True,
        ),
        Case(
            f"target_margin_prices, {size} pairs, vs scalar (s)",
            lambda: _timed(
                lambda: frames.target_margin_prices(costs_only, LISTING, MARGIN)
            ),
            lambda: _scalar_seconds(table, sample, solve=True),
            "scalar loop (sampled)",
            self_timed=True,
        ),
    ]


__all__ = ["cases"]
_ = pd  # pandas is exercised through table.to_pandas above
