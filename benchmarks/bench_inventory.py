"""Inventory benchmarks: reorder points and safety stock for many SKUs, the newsvendor.

Each xborder case is timed against baselines doing the same work in the same
run: bare ``Decimal`` arithmetic with ``statistics.NormalDist`` for the
normal quantile and loss (the same numbers, without models, validation or
result objects), plain float ``NormalDist`` arithmetic, and stockpyl's
functions when stockpyl is installed (it is in the ``dev`` extra, not a
dependency; its cases are skipped when it is absent). ``_stockpyl_peer``
pairs every function both libraries have, with the inputs a user types.

The SKU cases time a loop over prepared models (forecasts and routes are the
seller's data, built once) and report seconds *per SKU*.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import math
import random
import time
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Context, Decimal
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

import _stockpyl_peer
from _harness import Case
from xborder._exact import DIVISION, EXACT
from xborder.inventory import (
    Demand,
    LeadTime,
    NewsvendorCosts,
    NormalDemand,
    ServiceTarget,
    newsvendor,
    order_up_to_level,
    reorder_point,
    safety_stock,
)
from xborder.money import Money
from xborder.units import DAY, quantity

if TYPE_CHECKING:
    from collections.abc import Callable

STOCKPYL = importlib.util.find_spec("stockpyl") is not None
STANDARD = NormalDist()
TWELVE = Context(prec=12, rounding=ROUND_HALF_EVEN)
LEVEL = Decimal("0.95")
Z = TWELVE.create_decimal_from_float(STANDARD.inv_cdf(float(LEVEL)))


class Skus:
    """``count`` SKUs with their forecasts and routes, as models and as numbers."""

    def __init__(self, count: int) -> None:
        draw = random.Random(6)  # a fixed seed: the same SKUs every run
        day = quantity(1, DAY)
        self.rows: list[tuple[Decimal, Decimal, Decimal, Decimal]] = []
        self.models: list[tuple[Demand, LeadTime]] = []
        for _ in range(count):
            mean = Decimal(draw.randint(1, 5000)) / 10
            sd = mean * Decimal(draw.randint(10, 80)) / 100
            lead = Decimal(draw.randint(5, 70))
            lead_sd = lead * Decimal(draw.randint(0, 30)) / 100
            self.rows.append((mean, sd, lead, lead_sd))
            self.models.append(
                (
                    Demand(mean=mean, sd=sd, period=day),
                    LeadTime.single(quantity(lead, DAY), quantity(lead_sd, DAY)),
                )
            )
        self.floats = [tuple(float(v) for v in row) for row in self.rows]


def _per_sku(loop: Callable[[], object], count: int) -> Callable[[], float]:
    # Like timeit, time with the garbage collector off: a full collection
    # over 100,000 prepared models would land on whichever side it hits.
    def timed() -> float:
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            loop()
            return (time.perf_counter() - start) / count
        finally:
            gc.enable()

    return timed


# -- reorder point and safety stock: xborder and the bare baselines -------------------


def _xborder_rop(skus: Skus, target: ServiceTarget) -> list[int]:
    return [reorder_point(d, route, target).units for d, route in skus.models]


def _xborder_safety(skus: Skus, target: ServiceTarget) -> list[int]:
    return [safety_stock(d, route, target).units for d, route in skus.models]


def _bare_decimal_rop(skus: Skus) -> list[int]:
    # The same Decimal work: exact mean and variance, a 12-digit square root
    # and product, the level rounded up; z from NormalDist once per SKU.
    levels = []
    for mean, sd, lead, lead_sd in skus.rows:
        z = TWELVE.create_decimal_from_float(STANDARD.inv_cdf(float(LEVEL)))
        variance = EXACT.add(
            EXACT.multiply(lead, EXACT.multiply(sd, sd)),
            EXACT.multiply(
                EXACT.multiply(mean, mean), EXACT.multiply(lead_sd, lead_sd)
            ),
        )
        safety = TWELVE.multiply(z, TWELVE.sqrt(variance))
        level = EXACT.add(EXACT.multiply(mean, lead), safety)
        levels.append(int(level.to_integral_value(rounding=ROUND_CEILING)))
    return levels


def _bare_float_rop(skus: Skus) -> list[int]:
    levels = []
    for mean, sd, lead, lead_sd in skus.floats:
        z = STANDARD.inv_cdf(0.95)
        sigma = math.sqrt(lead * sd * sd + mean * mean * lead_sd * lead_sd)
        levels.append(math.ceil(mean * lead + z * sigma))
    return levels


def _stockpyl_base_stock(skus: Skus) -> list[float]:
    # stockpyl has no service-level reorder point; its base-stock level over
    # L + 1 periods at α = p/(h+p) = 0.95 is the closest same-inputs call.
    newsvendor_normal = _stockpyl_newsvendor()
    levels = []
    for mean, sd, lead, _ in skus.floats:
        level, _cost = newsvendor_normal(0.05, 0.95, mean, sd, lead_time=int(lead))
        levels.append(float(level))
    return levels


def _xborder_base_stock(skus: Skus, target: ServiceTarget, review: object) -> list[int]:
    return [
        order_up_to_level(d, route, target, review_period=review).units  # type: ignore[arg-type]
        for d, route in skus.models
    ]


# -- the newsvendor -------------------------------------------------------------------

MEAN, SD = Decimal(50), Decimal(8)
OVERAGE, UNDERAGE = Decimal("0.18"), Decimal("0.70")
SEASON = NormalDemand(mean=MEAN, sd=SD)
COSTS = NewsvendorCosts(overage=Money(OVERAGE, "USD"), underage=Money(UNDERAGE, "USD"))


def _bare_decimal_newsvendor() -> tuple[Decimal, Decimal, Decimal]:
    # Quantity, expected lost sales and expected cost, as xborder computes them.
    ratio = DIVISION.divide(UNDERAGE, EXACT.add(UNDERAGE, OVERAGE))
    score = STANDARD.inv_cdf(float(ratio))
    z = TWELVE.create_decimal_from_float(score)
    level = EXACT.add(MEAN, TWELVE.multiply(z, SD))
    loss = STANDARD.pdf(score) - score * (1 - STANDARD.cdf(score))
    lost = TWELVE.create_decimal_from_float(float(SD) * loss)
    leftover = EXACT.subtract(level, EXACT.subtract(MEAN, lost))
    cost = EXACT.add(EXACT.multiply(OVERAGE, leftover), EXACT.multiply(UNDERAGE, lost))
    return level, lost, cost


def _bare_float_newsvendor() -> tuple[float, float]:
    ratio = 0.70 / 0.88
    score = STANDARD.inv_cdf(ratio)
    return 50 + 8 * score, 0.88 * STANDARD.pdf(score) * 8


def cases(*, quick: bool) -> list[Case]:
    """Per-SKU cases on 100,000 SKUs (1,000 with ``quick``), and the newsvendor."""
    count = 1_000 if quick else 100_000
    skus = Skus(count)
    target = ServiceTarget.cycle(LEVEL)
    review = quantity(1, DAY)
    label = f"{count:,} SKUs"
    found = [
        Case(
            f"reorder_point, {label} (per SKU)",
            _per_sku(lambda: _xborder_rop(skus, target), count),
            _per_sku(lambda: _bare_decimal_rop(skus), count),
            "Decimal + NormalDist, same work",
            goal=5,
            self_timed=True,
        ),
        Case(
            f"reorder_point, {label} vs float",
            _per_sku(lambda: _xborder_rop(skus, target), count),
            _per_sku(lambda: _bare_float_rop(skus), count),
            "float NormalDist arithmetic",
            self_timed=True,
        ),
        Case(
            f"safety_stock, {label} (per SKU)",
            _per_sku(lambda: _xborder_safety(skus, target), count),
            _per_sku(lambda: _bare_decimal_rop(skus), count),
            "Decimal + NormalDist, same work",
            goal=5,
            self_timed=True,
        ),
        Case(
            "newsvendor(normal)",
            lambda: newsvendor(SEASON, COSTS).outcome.expected_cost,
            _bare_decimal_newsvendor,
            "Decimal + NormalDist, same work",
            goal=5,
            number=20_000,
        ),
        Case(
            "newsvendor(normal) vs float",
            lambda: newsvendor(SEASON, COSTS).outcome.expected_cost,
            _bare_float_newsvendor,
            "float NormalDist arithmetic",
            number=20_000,
        ),
    ]
    if STOCKPYL:
        found.extend(_stockpyl_cases(target, review, count))
        found.extend(_stockpyl_peer.cases())
    return found


def _stockpyl_newsvendor() -> Any:
    return importlib.import_module("stockpyl.newsvendor").newsvendor_normal


def _stockpyl_cases(target: ServiceTarget, review: object, count: int) -> list[Case]:
    newsvendor_normal = _stockpyl_newsvendor()
    small = Skus(min(count, 2_000))  # stockpyl takes ~0.1 ms a call
    return [
        Case(
            "newsvendor(normal) vs stockpyl",
            lambda: newsvendor(SEASON, COSTS).outcome.expected_cost,
            lambda: newsvendor_normal(0.18, 0.70, 50, 8),
            "stockpyl.newsvendor_normal (peer)",
            goal=0.05,
            number=5_000,
        ),
        Case(
            f"order_up_to_level vs stockpyl, {min(count, 2_000):,} SKUs",
            _per_sku(
                lambda: _xborder_base_stock(small, target, review), len(small.rows)
            ),
            _per_sku(lambda: _stockpyl_base_stock(small), len(small.rows)),
            "stockpyl newsvendor_normal(lead_time=L)",
            self_timed=True,
        ),
    ]
