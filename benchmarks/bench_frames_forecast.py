"""Frames benchmark: forecasting a catalogue from a long sales table.

``frames.forecast`` reads and checks the table in polars, groups it by SKU
and hands the records to :func:`xborder.forecast.forecast_skus`, so its cost
over the records loop is the reading, the grouping and the output table.
Both sides get the same sales (the catalogue of ``bench_forecast``: 156
weeks per SKU, most smooth and seasonal, a tail intermittent), in the same
run, timed in CPU seconds (the machine is shared):

* each SKU's method suggested, fitted and run (the real work): the ratio
  should be close to 1;
* one cheap method for every SKU (``Naive``): the reading and the table
  are the most they can be of the whole.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import polars as pl

from _harness import Case
from bench_forecast import catalogue
from xborder import frames
from xborder.forecast import Naive, forecast_skus

if TYPE_CHECKING:
    from collections.abc import Callable


def _cpu_seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _case(count: int, method: Any, label: str) -> Case:
    records = catalogue(count)
    table = pl.DataFrame(
        records, schema=["sku", "period", "units", "stockout"], orient="row"
    )
    arguments: dict[str, Any] = {"horizon": 12, "period": "1 week", "method": method}
    ours = frames.forecast(table, stockout="stockout", **arguments)
    theirs = forecast_skus(records, **arguments)
    assert ours.table.height == sum(
        len(result.forecast.points) if result.forecast else 1 for result in theirs
    ), "the frame differs from forecast_skus"
    return Case(
        f"frames.forecast, {count:,} SKUs x 156 weeks, {label} (CPU s)",
        lambda: _cpu_seconds(
            lambda: frames.forecast(table, stockout="stockout", **arguments)
        ),
        lambda: _cpu_seconds(lambda: forecast_skus(records, **arguments)),
        "forecast_skus on the records",
        self_timed=True,
        repeat=3,
    )


def cases(*, quick: bool) -> list[Case]:
    """The catalogue through frames.forecast against forecast_skus."""
    suggested = 20 if quick else 500
    naive = 20 if quick else 5_000
    return [
        _case(suggested, None, "methods suggested"),
        _case(naive, Naive(), "Naive for all"),
    ]


__all__ = ["cases"]
