"""Frames benchmark: a restock plan for 100,000 SKU × warehouse rows.

Issue 12 asks for safety stock, reorder point, days of cover, stockout date
and restock quantity on every row of a SKU × warehouse table, against the
scalar loop. Square roots and normal quantiles cannot be vectorised exactly
and the issue sets no speed target: ``frames.restock_plan`` evaluates the
scalar calculators on each row, building once what rows share (a target's
z per level, a route per lead time, a forecast per mean and sd, constraints
per case pack and MOQ). The baseline is the loop a planner would write: for
each row, the models, then ``reorder_point``, ``days_of_cover`` and
``restock_recommendation``; it is timed on a sample and scaled to the table.

Rows: demand 0 to 500 a day with a standard deviation up to 200, lead times
of 20 to 60 days (four lanes) with 2 to 10 days of spread, three service
levels, stock on hand and, on half the rows, a shipment on the way.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

import polars as pl

from _harness import Case
from xborder import frames
from xborder.inventory import (
    Demand,
    InboundShipment,
    LeadTime,
    OrderConstraints,
    ServiceTarget,
    StockPosition,
    days_of_cover,
    reorder_point,
    restock_recommendation,
)
from xborder.units import DAY, WEEK, quantity

AS_OF = dt.date(2026, 10, 1)
REVIEW = quantity(1, WEEK)
LIMITS = OrderConstraints(case_pack=12, minimum_order=48)


def _table(rows: int) -> pl.DataFrame:
    draw = random.Random(12)
    return pl.DataFrame(
        {
            "sku": [f"SKU-{i // 4}" for i in range(rows)],
            "warehouse": [("DE", "FR", "US", "JP")[i % 4] for i in range(rows)],
            "demand_mean": [
                Decimal(draw.randint(0, 5000)).scaleb(-1) for _ in range(rows)
            ],
            "demand_sd": [
                Decimal(draw.randint(0, 2000)).scaleb(-1) for _ in range(rows)
            ],
            "lead_time_days": [Decimal((20, 30, 45, 60)[i % 4]) for i in range(rows)],
            "lead_time_sd_days": [
                Decimal(draw.choice((2, 5, 10))) for _ in range(rows)
            ],
            "service_level": [
                Decimal(draw.choice(("0.9", "0.95", "0.98"))) for _ in range(rows)
            ],
            "on_hand": [draw.randint(0, 20_000) for _ in range(rows)],
            "on_order": [draw.choice((0, 500, 2000)) for _ in range(rows)],
            "arrival": [
                AS_OF + dt.timedelta(days=draw.randint(1, 60)) for _ in range(rows)
            ],
        },
        schema_overrides={
            "demand_mean": pl.Decimal(18, 1),
            "demand_sd": pl.Decimal(18, 1),
            "lead_time_days": pl.Decimal(18, 0),
            "lead_time_sd_days": pl.Decimal(18, 0),
            "service_level": pl.Decimal(18, 2),
        },
    )


def _plan(table: pl.DataFrame) -> frames.Result:
    return frames.restock_plan(
        table, as_of=AS_OF, review_period=REVIEW, lead_time_days="lead_time_days",
        lead_time_sd_days="lead_time_sd_days", service_level="service_level",
        on_order="on_order", arrival="arrival", constraints=LIMITS,
    )  # fmt: skip


def _scalar(table: pl.DataFrame) -> list[tuple[int, int, int]]:
    """The planner's loop: the models of each row, then the three calculators."""
    results = []
    for row in table.iter_rows(named=True):
        demand = Demand(mean=row["demand_mean"], sd=row["demand_sd"], period="1 day")
        route = LeadTime.single(
            quantity(row["lead_time_days"], DAY),
            quantity(row["lead_time_sd_days"], DAY),
        )
        target = ServiceTarget.cycle(row["service_level"])
        inbound: tuple[InboundShipment, ...] = ()
        if row["on_order"]:
            inbound = (
                InboundShipment(quantity=row["on_order"], arrival=row["arrival"]),
            )
        position = StockPosition(on_hand=row["on_hand"], inbound=inbound)
        rop = reorder_point(demand, route, target, as_of=AS_OF)
        days_of_cover(max(position.available, 0), demand, as_of=AS_OF)
        plan = restock_recommendation(
            position, demand, route, target, as_of=AS_OF, review_period=REVIEW,
            constraints=LIMITS,
        )  # fmt: skip
        results.append((rop.units, plan.level.units, plan.quantity))
    return results


def _check(table: pl.DataFrame) -> None:
    ours = _plan(table).table.select(
        "reorder_point_units", "order_up_to_units", "restock_quantity"
    )
    assert ours.rows() == _scalar(table), "the frame differs from the scalar loop"


def _scalar_seconds(table: pl.DataFrame, sample: int) -> float:
    """The scalar loop on the first ``sample`` rows, scaled to the whole table."""
    head = table.head(sample)
    started = time.perf_counter()
    _scalar(head)
    return (time.perf_counter() - started) * table.height / sample


def _timed(table: pl.DataFrame) -> float:
    started = time.perf_counter()
    _plan(table)
    return time.perf_counter() - started


def cases(*, quick: bool) -> list[Case]:
    """A restock plan for 100,000 rows (1,000 quick) against the scalar loop."""
    rows = 1_000 if quick else 100_000
    table = _table(rows)
    _check(table.head(500))
    sample = 200 if quick else 5_000
    return [
        Case(
            f"restock_plan, {rows:,} SKU x warehouse rows (s)",
            lambda: _timed(table),
            lambda: _scalar_seconds(table, sample),
            "scalar loop (sampled)",
            self_timed=True,
            repeat=1,  # a minute each: one timing is steady enough
        ),
    ]


__all__ = ["cases"]
