"""Forecast benchmarks: a Holt-Winters fit against statsmodels, and a catalogue.

* Fitting Holt-Winters (trend and a 52-week season) on three years of weekly
  sales, against statsmodels' ``ExponentialSmoothing(...).fit()`` on the same
  series in the same run, with the matching initialisation (xborder's
  ``"optimised"`` against statsmodels' ``"estimated"``, ``"heuristic"``
  against ``"heuristic"``). The issue's goal: within 3x.
* Forecasting 10,000 SKUs of three years of weekly sales (50 with
  ``--quick``) with :func:`xborder.forecast.forecast_skus`:
  each SKU's stockout weeks estimated, its demand classified, its method
  suggested (simple exponential smoothing or SBA), fitted and run. The goal
  is absolute, at most 60 s on one core: the "baseline" column is that
  budget scaled to the SKUs run, and the time is the process's CPU time
  (the machine the benchmarks run on is shared, and wall time would count
  the other processes' turns).
* Per SKU, xborder's fitted simple exponential smoothing against
  statsmodels' ``SimpleExpSmoothing(...).fit()`` in the same run.

statsmodels is in the ``dev`` extra only; its cases are skipped without it.
"""

from __future__ import annotations

import importlib.util
import math
import random
import time
import warnings
from typing import TYPE_CHECKING, Any

from _harness import Case
from xborder.forecast import (
    HoltWinters,
    SalesHistory,
    SimpleExponentialSmoothing,
    forecast_skus,
)

if TYPE_CHECKING:
    from collections.abc import Callable

STATSMODELS = importlib.util.find_spec("statsmodels") is not None
BUDGET_SECONDS = 60.0  # for 10,000 SKUs
BUDGET_SKUS = 10_000


def weekly_sales(seed: int, weeks: int = 156) -> list[int]:
    """Three years of weekly sales with a trend and a yearly season (a fixed seed)."""
    draw = random.Random(seed)
    return [
        max(
            1,
            round(
                100
                + 0.2 * week
                + 30 * math.sin(2 * math.pi * week / 52)
                + draw.gauss(0, 10)
            ),
        )
        for week in range(weeks)
    ]


def catalogue(count: int) -> list[tuple[str, int, int, bool]]:
    """``count`` SKUs of 156 weeks: most smooth and seasonal, a tail intermittent."""
    draw = random.Random(5)
    records = []
    for number in range(count):
        base = draw.uniform(0.2, 200)
        for week in range(156):
            rate = base * (1 + 0.3 * math.sin(2 * math.pi * week / 52))
            if base > 5:
                units = max(0, round(draw.gauss(rate, math.sqrt(rate) + 1)))
            else:
                units = draw.randint(1, 5) if draw.random() < base / 5 else 0
            records.append((f"SKU{number:05d}", week, units, draw.random() < 0.02))
    return records


def _cpu_seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _statsmodels_holt_winters(
    values: list[int], seasonal: str, initialization: str
) -> Callable[[], object]:
    import numpy as np  # noqa: PLC0415 - optional
    from statsmodels.tsa.holtwinters import (  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: PLC0415
        ExponentialSmoothing,
    )

    series = np.array(values, dtype=float)

    def fit() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ExponentialSmoothing(
                series,
                trend="add",
                seasonal=seasonal,
                seasonal_periods=52,
                initialization_method=initialization,
            ).fit()

    return fit


def _statsmodels_ses(series: list[list[float]]) -> Callable[[], object]:
    import numpy as np  # noqa: PLC0415 - optional
    from statsmodels.tsa.holtwinters import (  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: PLC0415
        SimpleExpSmoothing,
    )

    arrays = [np.array(values) for values in series]

    def fit() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for values in arrays:
                SimpleExpSmoothing(values, initialization_method="estimated").fit()
        return None

    return fit


def _holt_winters_cases(values: list[int]) -> list[Case]:
    history = SalesHistory(units=values, period="1 week")
    found = []
    for seasonal, name in (("add", "additive"), ("mul", "multiplicative")):
        for ours, theirs in (("optimised", "estimated"), ("heuristic", "heuristic")):
            method = HoltWinters(
                season_length=52, seasonality=name, initialisation=ours
            )
            found.append(
                Case(
                    f"Holt-Winters fit, {name}, {ours}",
                    lambda method=method: method.forecast(history, horizon=52),  # type: ignore[misc]
                    _statsmodels_holt_winters(values, seasonal, theirs),
                    f"statsmodels ExponentialSmoothing, {theirs}",
                    goal=3,
                    number=1,
                )
            )
    return found


def _per_sku_ses_case(count: int) -> Case:
    series = [weekly_sales(seed) for seed in range(count)]
    histories = [SalesHistory(units=values) for values in series]
    floats = [[float(value) for value in values] for values in series]
    method = SimpleExponentialSmoothing()

    def ours() -> float:
        return (
            _cpu_seconds(
                lambda: [method.forecast(history, horizon=12) for history in histories]
            )
            / count
        )

    def theirs() -> float:
        return _cpu_seconds(_statsmodels_ses(floats)) / count

    return Case(
        f"fitted SES, per SKU ({count} SKUs of 156 weeks)",
        ours,
        theirs,
        "statsmodels SimpleExpSmoothing.fit()",
        self_timed=True,
    )


def _catalogue_case(count: int) -> Case:
    records = catalogue(count)
    timed: list[float] = []

    def ours() -> float:
        # Timed once (the harness asks seven times): 10,000 SKUs take a minute.
        if not timed:
            results: list[Any] = []
            timed.append(
                _cpu_seconds(
                    lambda: results.extend(
                        forecast_skus(records, horizon=12, period="1 week")
                    )
                )
            )
            assert len(results) == count
            assert all(result.forecast is not None for result in results)
        return timed[0]

    def budget() -> float:
        return BUDGET_SECONDS * count / BUDGET_SKUS

    return Case(
        f"forecast_skus, {count:,} SKUs x 156 weeks (CPU s)",
        ours,
        budget,
        "the 60 s budget for 10,000 SKUs, scaled",
        goal=1,
        self_timed=True,
    )


def cases(*, quick: bool) -> list[Case]:
    """The Holt-Winters fits, the per-SKU SES fit and the 10,000-SKU catalogue."""
    found = [_catalogue_case(50 if quick else BUDGET_SKUS)]
    if STATSMODELS:
        found[:0] = _holt_winters_cases(weekly_sales(1))
        found.append(_per_sku_ses_case(5 if quick else 50))
    return found
