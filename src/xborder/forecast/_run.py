"""Running a method on a history: fill in its parameters, forecast (private)."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._validate import require
from xborder.forecast._censored import estimated_units
from xborder.forecast._fit import Given, fit_croston, fit_smoothing, fit_tsb
from xborder.forecast._history import SalesHistory, as_history
from xborder.forecast._intermittent import (
    croston,
    croston_factor,
    naive_croston_states,
    tsb,
    tsb_states,
)
from xborder.forecast._methods import (
    Croston,
    Holt,
    HoltWinters,
    MovingAverage,
    Naive,
    SeasonalNaive,
    SimpleExponentialSmoothing,
    Tsb,
)
from xborder.forecast._numeric import WORKING, report
from xborder.forecast._options import CrostonVariant, Initialisation, TrendForm
from xborder.forecast._result import build_forecast
from xborder.forecast._smoothing import (
    Components,
    States,
    heuristic_states,
    simple_states,
)
from xborder.forecast._smoothing import run as smooth
from xborder.forecast._spec import components_of, parameters_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.forecast._methods import Method
    from xborder.forecast._result import Forecast

__all__ = ["demand_series", "run"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_Fitted = tuple[Decimal | None, ...]


def run(method: Method, history: object, horizon: int) -> Forecast:
    """Forecast ``horizon`` periods after ``history`` with ``method``."""
    checked = as_history(history)
    with localcontext(WORKING):
        values = demand_series(checked, _season_of(method))
        filled, fitted, points = _dispatch(method, values, horizon)
        return build_forecast(
            method=filled,
            history=checked,
            series=values,
            fitted=tuple(None if value is None else report(value) for value in fitted),
            points=tuple(report(value) for value in points),
        )


def _season_of(method: Method) -> int | None:
    if isinstance(method, HoltWinters | SeasonalNaive):
        return method.season_length
    return None


def demand_series(history: SalesHistory, season: int | None) -> tuple[Decimal, ...]:
    """The history's units, each stockout period's replaced by its estimated demand.

    A season is followed when there are two seasons of history.
    """
    if not any(history.stockouts):
        return history.units
    if season is not None and history.periods < 2 * season:
        season = None
    estimates = estimated_units(history, season)
    return tuple(
        max(recorded, estimate) if out else recorded
        for recorded, estimate, out in zip(
            history.units, estimates, history.stockouts, strict=True
        )
    )


def _dispatch(
    method: Method, values: tuple[Decimal, ...], horizon: int
) -> tuple[Method, _Fitted, tuple[Decimal, ...]]:
    if isinstance(method, Naive):
        return method, (None, *values[:-1]), (values[-1],) * horizon
    if isinstance(method, SeasonalNaive):
        return method, *_seasonal_naive(values, method.season_length, horizon)
    if isinstance(method, MovingAverage):
        return method, *_moving_average(values, method.window, horizon)
    if isinstance(method, Croston):
        return _croston(method, values, horizon)
    if isinstance(method, Tsb):
        return _tsb(method, values, horizon)
    return _smoothing(method, values, horizon)


def _need(values: Sequence[Decimal], periods: int, what: str) -> None:
    require(
        len(values) >= periods,
        field="history",
        value=f"{len(values)} periods",
        expected=f"at least {periods} periods ({what})",
    )


def _seasonal_naive(
    values: tuple[Decimal, ...], m: int, horizon: int
) -> tuple[_Fitted, tuple[Decimal, ...]]:
    _need(values, m, "one full season")
    n = len(values)
    fitted = tuple(values[t - m] if t >= m else None for t in range(n))
    points = tuple(values[n - m + (h - 1) % m] for h in range(1, horizon + 1))
    return fitted, points


def _moving_average(
    values: tuple[Decimal, ...], k: int, horizon: int
) -> tuple[_Fitted, tuple[Decimal, ...]]:
    _need(values, k, "one window")
    width = Decimal(k)
    fitted: list[Decimal | None] = [None] * k
    total = sum(values[:k], _ZERO)
    for t in range(k, len(values)):
        fitted.append(total / width)
        total += values[t] - values[t - k]
    return tuple(fitted), (total / width,) * horizon


# -- exponential smoothing ---------------------------------------------------------


def _smoothing(
    method: SimpleExponentialSmoothing | Holt | HoltWinters,
    values: tuple[Decimal, ...],
    horizon: int,
) -> tuple[Method, _Fitted, tuple[Decimal, ...]]:
    components = components_of(method)
    filled = method if method.specified else _fit(method, values, components)
    states = States(
        level=filled.initial_level or _ZERO,
        trend=getattr(filled, "initial_trend", None) or _ZERO,
        seasonal=getattr(filled, "initial_seasonal", None) or (),
    )
    fitted, points = smooth(values, components, parameters_of(filled), states, horizon)
    return filled, fitted, points


def _fit(
    method: SimpleExponentialSmoothing | Holt | HoltWinters,
    values: tuple[Decimal, ...],
    components: Components,
) -> SimpleExponentialSmoothing | Holt | HoltWinters:
    level = method.initial_level
    trend = getattr(method, "initial_trend", None)
    seasonal = getattr(method, "initial_seasonal", None)
    need_trend = components.trend and trend is None
    need_seasonal = components.seasonal is not None and seasonal is None
    if level is None or need_trend or need_seasonal:
        start = _start_states(method.initialisation, values, components)
        level = start.level if level is None else level
        trend = start.trend if trend is None else trend
        seasonal = start.seasonal if seasonal is None else seasonal
    optimise = method.initialisation is Initialisation.OPTIMISED
    given = Given(
        alpha=method.alpha,
        beta=getattr(method, "beta", None),
        gamma=getattr(method, "gamma", None),
        phi=getattr(method, "phi", None) if components.damped else None,
        trend_form=getattr(method, "trend_form", TrendForm.COMPONENT),
        states=States(level=level, trend=trend or _ZERO, seasonal=seasonal or ()),
        free_level=optimise and method.initial_level is None,
        free_trend=optimise and need_trend,
        free_seasonal=optimise and need_seasonal,
    )
    alpha, beta, gamma, phi, states = fit_smoothing(values, components, given)
    changes: dict[str, object] = {"alpha": alpha, "initial_level": states.level}
    if components.trend:
        changes.update(beta=beta, initial_trend=states.trend)
    if components.damped:
        changes["phi"] = phi
    if components.seasonal is not None:
        changes.update(gamma=gamma, initial_seasonal=states.seasonal)
    return attrs.evolve(method, **changes)  # type: ignore[arg-type]


def _start_states(
    initialisation: Initialisation, values: tuple[Decimal, ...], components: Components
) -> States:
    if initialisation is Initialisation.SIMPLE:
        return simple_states(values, components)
    return heuristic_states(values, components)


# -- intermittent demand ----------------------------------------------------------


def _croston(
    method: Croston, values: tuple[Decimal, ...], horizon: int
) -> tuple[Method, _Fitted, tuple[Decimal, ...]]:
    size, interval = naive_croston_states(values)
    size = size if method.initial_size is None else method.initial_size
    interval = interval if method.initial_interval is None else method.initial_interval
    alpha = method.alpha
    if alpha is None:
        sba = method.variant is CrostonVariant.SBA

        def factor(value: float) -> float:
            return 1.0 - value / 2.0 if sba else 1.0

        alpha = fit_croston(values, factor, size=size, interval=interval)
    filled = attrs.evolve(
        method, alpha=alpha, initial_size=size, initial_interval=interval
    )
    fitted, points = croston(
        values,
        alpha=alpha,
        factor=croston_factor(alpha, method.variant),
        size=size,
        interval=interval,
        horizon=horizon,
    )
    return filled, fitted, points


def _tsb(
    method: Tsb, values: tuple[Decimal, ...], horizon: int
) -> tuple[Method, _Fitted, tuple[Decimal, ...]]:
    size, probability = tsb_states(values)
    size = size if method.initial_size is None else method.initial_size
    if method.initial_probability is not None:
        probability = method.initial_probability
    alpha, beta = method.alpha, method.beta
    if alpha is None or beta is None:
        alpha, beta = fit_tsb(values, alpha, beta, size, probability)
    filled = attrs.evolve(
        method,
        alpha=alpha,
        beta=beta,
        initial_size=size,
        initial_probability=probability,
    )
    fitted, points = tsb(
        values,
        alpha=alpha,
        beta=beta,
        size=size,
        probability=probability,
        horizon=horizon,
    )
    return filled, fitted, points
