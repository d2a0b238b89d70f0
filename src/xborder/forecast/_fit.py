r"""Fitting parameters and initial states by least squares, with SciPy (private).

The search minimises the sum of squared one-step errors (R forecast's
``ets()`` does the same for additive errors: its likelihood is a function
of that sum) with SciPy's SLSQP, in float (TNC with the exact gradient
when initial states are searched too: many dimensions). It works on
$\alpha$, $\beta^* = \beta/\alpha$, $\gamma^* = \gamma/(1-\alpha)$ and
$\phi$, each in a box, which keeps R's usual region
($0 < \beta < \alpha$, $0 < \gamma < 1 - \alpha$) without constraints; the
bounds are R's: 0.0001 to 0.9999, and 0.8 to 0.98 for $\phi$. Initial
states are searched (when asked) in units of the history's mean, starting
from the heuristic ones; one seasonal state is implied by the others.

Without a multiplicative season the initial states are not searched but
solved for each trial of the parameters (``_concentrate``), so the search
has one to four dimensions.

Why SciPy rather than a hand-written search: R's ``ets()`` uses a
hand-written Nelder-Mead, and on the golden series it stops short of the
least-squares optimum (the golden tests check that these fits reach a sum
of squares at least as low as R's); SciPy's bounded quasi-Newton methods
are maintained, take the box constraints directly and, with the exact
gradient, fit a 52-week Holt-Winters about as fast as statsmodels (see
``benchmarks/bench_forecast.py``).

SciPy is imported on the first fit, never by ``import xborder``: install
the ``forecast`` extra, or give every parameter and state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from xborder.errors import InvalidInputError
from xborder.forecast._concentrate import EXPLOSIVE, concentrated
from xborder.forecast._gradient import Seeds, sse_and_gradient
from xborder.forecast._intermittent import croston_sse, tsb_sse
from xborder.forecast._numeric import from_float, parameter
from xborder.forecast._options import SeasonalUpdate, TrendForm
from xborder.forecast._smoothing import Components, States, sse

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "LOWER",
    "PHI_LOWER",
    "PHI_UPPER",
    "UPPER",
    "Given",
    "fit_croston",
    "fit_smoothing",
    "fit_tsb",
]

LOWER = Decimal("0.0001")
"""The smallest smoothing parameter a fit returns (R's ``ets()`` bound)."""
UPPER = Decimal("0.9999")
"""The largest smoothing parameter a fit returns."""
PHI_LOWER = Decimal("0.8")
"""The smallest damping factor a fit returns (*fpp3* §8.2)."""
PHI_UPPER = Decimal("0.98")
"""The largest damping factor a fit returns."""

_LO, _HI = float(LOWER), float(UPPER)
_BOX = (_LO, _HI)
_PHI_BOX = (float(PHI_LOWER), float(PHI_UPPER))
_GRID = (0.1, 0.3, 0.5, 0.7, 0.9)
_SMALL_GRID = (0.01, 0.1, 0.3)
_OPTIONS = {"maxiter": 2000, "ftol": 1e-14}
_METHOD = "SLSQP"
_SMALL_SEARCH = 8
_JOINT_OPTIONS = {"maxfun": 20000, "ftol": 1e-15, "gtol": 1e-12}


def _minimize_scalar() -> Callable[..., Any]:
    _minimize()  # the same import check
    from scipy.optimize import (  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
        minimize_scalar,
    )

    return minimize_scalar  # type: ignore[no-any-return]


def _minimize() -> Callable[..., Any]:
    try:
        from scipy.optimize import (  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415 - optional, on first fit
            minimize,
        )
    except ImportError as error:  # pragma: no cover - the extra is installed in CI
        raise ImportError(
            "fitting a forecast's parameters needs SciPy: "
            "pip install 'xborder[forecast]', or give every parameter and state"
        ) from error
    return minimize  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Given:
    """What the method fixes: parameters in its own form, and initial states."""

    alpha: Decimal | None
    beta: Decimal | None
    gamma: Decimal | None
    phi: Decimal | None
    trend_form: TrendForm
    states: States
    free_level: bool
    free_trend: bool
    free_seasonal: bool


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where each free quantity sits in the search vector."""

    alpha: int | None
    beta: int | None
    gamma: int | None
    phi: int | None
    level: int | None
    trend: int | None
    seasonal: int | None  # first of m - 1 free seasonal states
    size: int


def _layout(components: Components, given: Given) -> _Layout:
    position = 0

    def take(free: bool, width: int = 1) -> int | None:  # noqa: FBT001
        nonlocal position
        if not free:
            return None
        start = position
        position += width
        return start

    alpha = take(given.alpha is None)
    beta = take(components.trend and given.beta is None)
    gamma = take(components.seasonal is not None and given.gamma is None)
    phi = take(components.damped and given.phi is None)
    level = take(given.free_level)
    trend = take(components.trend and given.free_trend)
    seasonal = take(
        components.seasonal is not None and given.free_seasonal, components.m - 1
    )
    return _Layout(alpha, beta, gamma, phi, level, trend, seasonal, position)


def fit_smoothing(
    values: Sequence[Decimal], components: Components, given: Given
) -> tuple[Decimal, Decimal | None, Decimal | None, Decimal | None, States]:
    """Fitted alpha, beta and gamma (in the method's forms), phi and states.

    Parameters and states that ``given`` fixes come back as given. When
    every initial state is to be found and there is no multiplicative
    season, the states are solved for exactly at each step of the search
    (:mod:`xborder.forecast._concentrate`); otherwise they are searched
    with the parameters.
    """
    data = [float(value) for value in values]
    scale = math.fsum(abs(value) for value in data) / len(data) or 1.0
    every_state = (
        given.free_level
        and (given.free_trend or not components.trend)
        and (given.free_seasonal or components.seasonal is None)
    )
    if every_state and not components.multiplicative:
        return _fit_concentrated(data, components, given, scale)
    layout = _layout(components, given)
    parameters = _parameters(components, given, layout)
    start = given.states
    m = components.m
    multiplicative = components.multiplicative
    seasonal_start = [float(value) for value in start.seasonal]

    def decode(vector: Sequence[float]) -> tuple[float, ...]:
        x = (
            vector.tolist() if hasattr(vector, "tolist") else vector
        )  # NumPy floats are slow
        alpha, beta, gamma, phi = parameters(x)
        level = float(start.level) if layout.level is None else x[layout.level] * scale
        trend = float(start.trend) if layout.trend is None else x[layout.trend] * scale
        return alpha, beta, gamma, phi, level, trend

    def season(vector: Sequence[float]) -> list[float]:
        if layout.seasonal is None:
            return seasonal_start
        x = vector.tolist() if hasattr(vector, "tolist") else vector
        free = list(x[layout.seasonal : layout.seasonal + m - 1])
        if multiplicative:
            return [*free, m - math.fsum(free)]
        free = [value * scale for value in free]
        return [*free, -math.fsum(free)]

    norm = len(data) * scale * scale

    def objective(x: Sequence[float]) -> float:
        alpha, beta, gamma, phi, level, trend = decode(x)
        states = (level, trend, season(x))
        return sse(data, components, (alpha, beta, gamma, phi), states) / norm

    x0, bounds = _start(components, given, layout, scale, objective)
    x = x0
    if layout.size:
        seeds = Seeds(
            size=layout.size,
            alpha=layout.alpha,
            beta=layout.beta,
            gamma=layout.gamma,
            phi=layout.phi,
            level=layout.level,
            trend=layout.trend,
            seasonal=layout.seasonal,
            fixed=(
                0.0 if given.alpha is None else float(given.alpha),
                None if given.beta is None else float(given.beta),
                0.0 if given.gamma is None else float(given.gamma),
                1.0 if given.phi is None else float(given.phi),
            ),
            trend_form=given.trend_form,
            scale=scale,
            states=(float(start.level), float(start.trend), seasonal_start),
        )

        def with_gradient(vector: Any) -> tuple[float, Any]:  # noqa: ANN401
            total, gradient = sse_and_gradient(data, components, seeds, vector)
            return total / norm, gradient / norm

        result = _minimize()(
            with_gradient,
            x0,
            jac=True,
            bounds=bounds,
            **_search(layout.size),
        )
        x = [float(value) for value in result.x]
    return _reported(components, given, layout, decode(x), season(x))


def _search(size: int) -> dict[str, Any]:
    # SLSQP is quickest on a few parameters; past a few dozen its dense
    # subproblems call multithreaded BLAS, which crawls on a busy machine,
    # and TNC (no BLAS) with the exact gradient is quicker.
    if size <= _SMALL_SEARCH:
        return {"method": _METHOD, "options": _OPTIONS}
    return {"method": "TNC", "options": _JOINT_OPTIONS}


def _parameters(
    components: Components, given: Given, layout: _Layout
) -> Callable[[Sequence[float]], tuple[float, float, float, float]]:
    """Reads alpha, beta, gamma and phi (error-correction form) from a vector."""
    winters = components.update is SeasonalUpdate.WINTERS
    fixed_alpha = 0.0 if given.alpha is None else float(given.alpha)
    fixed_beta = None if given.beta is None else float(given.beta)
    fixed_gamma = 0.0 if given.gamma is None else float(given.gamma)
    fixed_phi = 1.0 if given.phi is None else float(given.phi)
    component_beta = given.trend_form is TrendForm.COMPONENT

    def read(x: Sequence[float]) -> tuple[float, float, float, float]:
        alpha = fixed_alpha if layout.alpha is None else x[layout.alpha]
        if layout.beta is not None:
            beta = alpha * x[layout.beta]
        elif fixed_beta is None:
            beta = 0.0
        else:
            beta = alpha * fixed_beta if component_beta else fixed_beta
        if layout.gamma is not None:
            gamma = x[layout.gamma] if winters else x[layout.gamma] * (1.0 - alpha)
        else:
            gamma = fixed_gamma
        phi = fixed_phi if layout.phi is None else x[layout.phi]
        return alpha, beta, gamma, phi

    return read


def _fit_concentrated(
    data: list[float], components: Components, given: Given, scale: float
) -> tuple[Decimal, Decimal | None, Decimal | None, Decimal | None, States]:
    fixed = Given(
        alpha=given.alpha,
        beta=given.beta,
        gamma=given.gamma,
        phi=given.phi,
        trend_form=given.trend_form,
        states=given.states,
        free_level=False,
        free_trend=False,
        free_seasonal=False,
    )
    layout = _layout(components, fixed)
    parameters = _parameters(components, fixed, layout)
    norm = len(data) * scale * scale

    def objective(vector: Sequence[float]) -> float:
        x = vector.tolist() if hasattr(vector, "tolist") else vector
        return concentrated(data, components, parameters(x))[0] / norm

    x0, bounds = _start(
        components, fixed, layout, scale, objective, grid=layout.size > 1
    )
    x = x0
    if layout.size == 1:
        low, high = bounds[0]
        result = _minimize_scalar()(
            lambda value: objective([value]),
            bounds=(low, high),
            method="bounded",
            options={"xatol": 1e-9},
        )
        x = [float(result.x)]
    elif layout.size:
        result = _minimize()(
            objective, x0, method=_METHOD, bounds=bounds, options=_OPTIONS
        )
        x = [float(value) for value in result.x]
        # A search that wandered into parameters whose model explodes (or
        # failed) keeps its better start.
        if not objective(x) <= objective(x0):
            x = x0
    alpha, beta, gamma, phi = parameters(x)
    total, states = concentrated(data, components, (alpha, beta, gamma, phi))
    if total >= EXPLOSIVE:
        raise InvalidInputError(
            "with these smoothing parameters the model's forecasts grow without "
            "bound over the history (outside the forecastable region: Hyndman, "
            "Koehler, Ord & Snyder 2008, ch. 10)",
            field="history",
            value=f"{len(data)} periods",
            expected="smoothing parameters (alpha, beta, gamma) that keep it bounded",
        )
    level = states[0]
    trend = states[1] if components.trend else 0.0
    season = states[1 + components.trend :]
    reported = _reported(
        components, fixed, layout, (alpha, beta, gamma, phi, level, trend), season
    )
    alpha_r, beta_r, gamma_r, phi_r, _ = reported
    return (
        alpha_r,
        beta_r,
        gamma_r,
        phi_r,
        States(
            level=from_float(level, "level"),
            trend=from_float(trend, "trend"),
            seasonal=tuple(from_float(value, "seasonal") for value in season),
        ),
    )


def _alpha_box(components: Components, given: Given) -> tuple[float, float]:
    """Alpha's bounds, given the other parameters.

    At least a given beta (error-correction form), at most one minus a given
    gamma (Hyndman's seasonal update).
    """
    low, high = _BOX
    if given.alpha is not None:
        return low, high
    if given.beta is not None and given.trend_form is TrendForm.ERROR_CORRECTION:
        low = max(low, float(given.beta))
    if given.gamma is not None and components.update is SeasonalUpdate.HYNDMAN:
        high = max(low, min(high, 1 - float(given.gamma)))
    return low, high


def _start(
    components: Components,
    given: Given,
    layout: _Layout,
    scale: float,
    objective: Callable[[Sequence[float]], float],
    *,
    grid: bool = True,
) -> tuple[list[float], list[tuple[float | None, float | None]]]:
    """The search's start (the best of a small grid) and its bounds."""
    x = [0.0] * layout.size
    bounds: list[tuple[float | None, float | None]] = [(None, None)] * layout.size
    grids: list[tuple[int, tuple[float, ...]]] = []
    for position, box, values in (
        (layout.alpha, _alpha_box(components, given), _GRID),
        (layout.beta, _BOX, _SMALL_GRID),
        (layout.gamma, _BOX, _SMALL_GRID),
        (layout.phi, _PHI_BOX, (0.95,)),
    ):
        if position is not None:
            bounds[position] = box
            grids.append((position, values))
    _start_states(components, given.states, layout, scale, x=x, bounds=bounds)
    best = math.inf
    chosen = list(x)
    if not grid:  # a single start: phi at 0.95, the rest as set
        grids = [(index, values) for index, values in grids if index == layout.phi]
    for point in _grid(grids):
        for index, value in point:
            low, high = bounds[index]
            x[index] = min(max(value, low or value), high or value)
        score = objective(x)
        if score < best:
            best, chosen = score, list(x)
    return chosen, bounds


def _start_states(
    components: Components,
    states: States,
    layout: _Layout,
    scale: float,
    *,
    x: list[float],
    bounds: list[tuple[float | None, float | None]],
) -> None:
    """Put the starting states (in units of ``scale``) and their bounds in ``x``."""
    if layout.level is not None:
        x[layout.level] = float(states.level) / scale
    if layout.trend is not None:
        x[layout.trend] = float(states.trend) / scale
    if layout.seasonal is None:
        return
    for offset in range(components.m - 1):
        value = float(states.seasonal[offset])
        if components.multiplicative:
            x[layout.seasonal + offset] = value
            bounds[layout.seasonal + offset] = (1e-3, None)
        else:
            x[layout.seasonal + offset] = value / scale


def _grid(
    grids: list[tuple[int, tuple[float, ...]]],
) -> list[list[tuple[int, float]]]:
    points: list[list[tuple[int, float]]] = [[]]
    for index, values in grids:
        points = [[*point, (index, value)] for point in points for value in values]
    return points


def _reported(
    components: Components,
    given: Given,
    layout: _Layout,
    decoded: tuple[float, ...],
    seasonal: list[float],
) -> tuple[Decimal, Decimal | None, Decimal | None, Decimal | None, States]:
    alpha_f, beta_f, gamma_f, phi_f, level_f, trend_f = decoded
    alpha = parameter(alpha_f, LOWER, UPPER) if given.alpha is None else given.alpha
    beta = given.beta
    if layout.beta is not None:
        if given.trend_form is TrendForm.COMPONENT:
            beta = parameter(beta_f / alpha_f, LOWER, UPPER)
        else:
            beta = parameter(beta_f, LOWER, alpha)
    gamma = given.gamma
    if layout.gamma is not None:
        high = (
            UPPER
            if components.update is SeasonalUpdate.WINTERS
            else max(LOWER, min(UPPER, 1 - alpha))
        )
        gamma = parameter(gamma_f, LOWER, high)
    phi = given.phi
    if layout.phi is not None:
        phi = parameter(phi_f, PHI_LOWER, PHI_UPPER)
    states = given.states
    level = states.level if layout.level is None else from_float(level_f, "level")
    trend = states.trend if layout.trend is None else from_float(trend_f, "trend")
    season = states.seasonal
    if layout.seasonal is not None:
        season = tuple(from_float(value, "seasonal") for value in seasonal)
    return alpha, beta, gamma, phi, States(level=level, trend=trend, seasonal=season)


def fit_croston(
    values: Sequence[Decimal],
    factor_of: Callable[[float], float],
    *,
    size: Decimal,
    interval: Decimal,
) -> Decimal:
    """The alpha minimising Croston's (or SBA's) squared one-step errors."""
    data = [float(value) for value in values]
    z, p = float(size), float(interval)

    def objective(x: Sequence[float]) -> float:
        alpha = float(x[0])
        return croston_sse(data, alpha, factor=factor_of(alpha), size=z, interval=p)

    start = min(_GRID, key=lambda value: objective([value]))
    result = _minimize()(
        objective, [start], method=_METHOD, bounds=[_BOX], options=_OPTIONS
    )
    return parameter(float(result.x[0]), LOWER, UPPER)


def fit_tsb(
    values: Sequence[Decimal],
    alpha: Decimal | None,
    beta: Decimal | None,
    size: Decimal,
    probability: Decimal,
) -> tuple[Decimal, Decimal]:
    """Alpha and beta minimising TSB's squared one-step errors (given ones kept)."""
    data = [float(value) for value in values]
    z, pi = float(size), float(probability)
    free = [alpha is None, beta is None]

    def decode(vector: Sequence[float]) -> tuple[float, float]:
        x = [float(value) for value in vector]
        index = 0
        a = float(alpha) if alpha is not None else x[index]
        index += alpha is None
        b = float(beta) if beta is not None else x[index]
        return a, b

    def objective(x: Sequence[float]) -> float:
        a, b = decode(x)
        return tsb_sse(data, a, b, size=z, probability=pi)

    size_of = sum(free)
    starts = _grid([(index, _GRID) for index in range(size_of)])
    first = [0.0] * size_of
    best = math.inf
    for point in starts:
        x = [value for _, value in point]
        score = objective(x)
        if score < best:
            best, first = score, x
    result = _minimize()(
        objective, first, method=_METHOD, bounds=[_BOX] * size_of, options=_OPTIONS
    )
    a, b = decode([float(value) for value in result.x])
    return (
        alpha if alpha is not None else parameter(a, LOWER, UPPER),
        beta if beta is not None else parameter(b, LOWER, UPPER),
    )
