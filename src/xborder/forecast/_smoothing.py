r"""The exponential smoothing recursions, in Decimal and in float (private).

One engine runs simple exponential smoothing, Holt and Holt-Winters: a
level, an optional (damped) trend and an optional additive or
multiplicative season. The parameters reach it in the error-correction
form (Hyndman, Koehler, Ord & Snyder 2008, ch. 2), where the trend's
parameter is $\beta = \alpha\beta^*$:

    base  = level + phi * trend
    fit   = base (+ s | * s)
    e     = y - fit
    level = base + alpha * e (/ s)
    trend = phi * trend + beta * e (/ s)
    s     = s + gamma * e (/ base)            Hyndman's seasonal update
    s     = gamma * (y - level) + (1 - gamma) * s       Winters' (y / level)

:func:`run` computes the fitted values and forecasts in Decimal (the
working context must be active); :func:`sse` the sum of squared one-step
errors in float, for the fit's search. They follow the same steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._validate import require
from xborder.errors import InvalidInputError
from xborder.forecast._decompose import classical_indices
from xborder.forecast._numeric import report
from xborder.forecast._options import Seasonality, SeasonalUpdate

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "Components",
    "Parameters",
    "States",
    "heuristic_states",
    "psi",
    "run",
    "simple_states",
    "sse",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_PENALTY = 1e300  # what the search sees where the recursion cannot continue


@dataclass(frozen=True, slots=True)
class Components:
    """Which components a model has."""

    trend: bool
    damped: bool
    seasonal: Seasonality | None
    m: int  # season length; 1 without a season
    update: SeasonalUpdate = SeasonalUpdate.HYNDMAN

    @property
    def multiplicative(self) -> bool:
        """Whether the season multiplies."""
        return self.seasonal is Seasonality.MULTIPLICATIVE


@dataclass(frozen=True, slots=True)
class Parameters:
    """Smoothing parameters in the error-correction form (beta = alpha * beta*)."""

    alpha: Decimal
    beta: Decimal = _ZERO
    gamma: Decimal = _ZERO
    phi: Decimal = _ONE


@dataclass(frozen=True, slots=True)
class States:
    """The states before the first period."""

    level: Decimal
    trend: Decimal = _ZERO
    seasonal: tuple[Decimal, ...] = ()


def _cannot_continue(period: int, what: str) -> InvalidInputError:
    return InvalidInputError(
        f"the {what} reached 0 at period {period}, and a multiplicative season "
        "divides by it",
        field="history",
        value=f"period {period}",
        expected="demand and parameters that keep the level and season above 0",
    )


def run(
    values: Sequence[Decimal],
    components: Components,
    parameters: Parameters,
    states: States,
    horizon: int,
) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...]]:
    """One-step fitted values and the ``horizon`` forecasts, unrounded.

    Runs in the caller's (the working) context.
    """
    alpha, beta, gamma, phi = (
        parameters.alpha,
        parameters.beta,
        parameters.gamma,
        parameters.phi,
    )
    level, trend = states.level, states.trend
    m = components.m
    season = list(states.seasonal) if components.seasonal else [_ZERO]
    additive = components.seasonal is Seasonality.ADDITIVE
    multiplicative = components.multiplicative
    winters = components.update is SeasonalUpdate.WINTERS
    fitted = []
    for t, y in enumerate(values):
        i = t % m
        carried = phi * trend
        base = level + carried
        s = season[i]
        if multiplicative:
            if not s:
                raise _cannot_continue(t, "seasonal state")
            if base <= 0:
                raise _cannot_continue(t, "level")
            fit = base * s
            error = y - fit
            level = base + alpha * error / s
            trend = carried + beta * error / s
            if winters:
                if level <= 0:
                    raise _cannot_continue(t, "level")
                season[i] = gamma * y / level + (_ONE - gamma) * s
            else:
                season[i] = s + gamma * error / base
        else:
            fit = base + s
            error = y - fit
            level = base + alpha * error
            trend = carried + beta * error
            if additive:
                if winters:
                    season[i] = gamma * (y - level) + (_ONE - gamma) * s
                else:
                    season[i] = s + gamma * error
        fitted.append(fit)
    points = []
    damping = _ZERO
    power = _ONE
    n = len(values)
    for h in range(1, horizon + 1):
        power *= phi
        damping += power
        base = level + damping * trend
        s = season[(n + h - 1) % m]
        points.append(base * s if multiplicative else base + s)
    return tuple(fitted), tuple(points)


def sse(
    values: Sequence[float],
    components: Components,
    parameters: tuple[float, float, float, float],
    states: tuple[float, float, Sequence[float]],
) -> float:
    """The sum of squared one-step errors, in float (the search's objective).

    ``parameters`` are alpha, beta (error-correction form), gamma and phi;
    ``states`` the initial level, trend and seasonal states.
    """
    alpha, beta, gamma, phi = parameters
    level, trend, seasonal = states
    total = 0.0
    if components.seasonal is None:
        for y in values:
            carried = phi * trend
            error = y - level - carried
            total += error * error
            level += carried + alpha * error
            trend = carried + beta * error
        return total
    season = list(seasonal)
    m = components.m
    winters = components.update is SeasonalUpdate.WINTERS
    if components.multiplicative:
        return _sse_multiplicative(
            values, m, parameters, (level, trend, season), winters=winters
        )
    i = 0
    for y in values:
        carried = phi * trend
        base = level + carried
        s = season[i]
        error = y - base - s
        total += error * error
        level = base + alpha * error
        trend = carried + beta * error
        if winters:
            season[i] = gamma * (y - level) + (1.0 - gamma) * s
        else:
            season[i] = s + gamma * error
        i += 1
        if i == m:
            i = 0
    return total


def _sse_multiplicative(
    values: Sequence[float],
    m: int,
    parameters: tuple[float, float, float, float],
    states: tuple[float, float, list[float]],
    *,
    winters: bool,
) -> float:
    alpha, beta, gamma, phi = parameters
    level, trend, season = states
    total = 0.0
    i = 0
    for y in values:
        carried = phi * trend
        base = level + carried
        s = season[i]
        if base <= 0.0 or s <= 0.0:
            return _PENALTY
        error = y - base * s
        total += error * error
        level = base + alpha * error / s
        trend = carried + beta * error / s
        if winters:
            if level <= 0.0:
                return _PENALTY
            season[i] = gamma * y / level + (1.0 - gamma) * s
        else:
            season[i] = s + gamma * error / base
        i += 1
        if i == m:
            i = 0
    return min(_PENALTY, total)


def psi(
    components: Components, parameters: Parameters, horizon: int
) -> tuple[Decimal, ...]:
    r"""The weights $c_1 \dots c_H$ of past errors in the $h$-step forecast error.

    $y_{T+h} - \hat y_{T+h|T} = \varepsilon_{T+h} + \sum_{j=1}^{h-1}
    c_j\,\varepsilon_{T+h-j}$ with $c_j = \alpha + \beta\phi_j +
    \gamma\,[j \bmod m = 0]$ for the additive models (Hyndman et al. 2008,
    Table 6.2). Winters' seasonal update is Hyndman's with
    $\gamma(1-\alpha)$; a multiplicative season is approximated by the
    additive weights.
    """
    alpha, beta, gamma, phi = (
        parameters.alpha,
        parameters.beta,
        parameters.gamma,
        parameters.phi,
    )
    if components.update is SeasonalUpdate.WINTERS:
        gamma *= _ONE - alpha
    weights = []
    damping = _ZERO
    power = _ONE
    for j in range(1, horizon + 1):
        power *= phi
        damping += power
        weight = alpha + beta * damping if components.trend else alpha
        if components.seasonal and j % components.m == 0:
            weight += gamma
        weights.append(weight)
    return tuple(weights)


# -- initial states --------------------------------------------------------------------


def _need(values: Sequence[Decimal], periods: int, why: str) -> None:
    require(
        len(values) >= periods,
        field="history",
        value=f"{len(values)} periods",
        expected=f"at least {periods} periods ({why})",
    )


def _positive(values: Sequence[Decimal]) -> None:
    for index, value in enumerate(values):
        require(
            value > 0,
            field=f"history[{index}]",
            value=value,
            expected="demand > 0 in every period (a multiplicative season)",
        )


def simple_states(values: Sequence[Decimal], components: Components) -> States:
    r"""R forecast's ``initial="simple"`` states (*fpp2* §7.2, §7.3).

    Without a season: $\ell_0 = y_1$, $b_0 = y_2 - y_1$. With one: the first
    season's mean, the mean change per period between the first two
    seasons, and each first-season period against the mean.
    """
    m = components.m
    if components.seasonal is None:
        if components.trend:
            _need(values, 2, "the simple trend is the first change")
            return States(level=values[0], trend=values[1] - values[0])
        _need(values, 1, "the simple level is the first period")
        return States(level=values[0])
    if components.multiplicative:
        _positive(values)
    _need(values, 2 * m if components.trend else m, "full seasons")
    level = report(sum(values[:m], _ZERO) / m)
    trend = _ZERO
    if components.trend:
        second = sum(values[m : 2 * m], _ZERO) / m
        trend = report((second - level) / m)
    if components.multiplicative:
        seasonal = tuple(report(value / level) for value in values[:m])
    else:
        seasonal = tuple(report(value - level) for value in values[:m])
    return States(level=level, trend=trend, seasonal=seasonal)


def heuristic_states(values: Sequence[Decimal], components: Components) -> States:
    r"""Hyndman et al. (2008) §2.6.1, as R forecast's ``ets()`` starts its search.

    Seasonal indices by classical decomposition of the first three seasons
    (two when there are only two), normalised; the first
    $\max(10, 2m)$ seasonally adjusted values then give $\ell_0$ and $b_0$
    as a least-squares line's intercept and slope at $t = 0$, or $\ell_0$
    as their mean without a trend.
    """
    m = components.m
    seasonal: tuple[Decimal, ...] = ()
    adjusted = list(values)
    if components.seasonal is not None:
        if components.multiplicative:
            _positive(values)
        _need(values, 2 * m, "two full seasons")
        seasons = min(len(values) // m, 3)
        seasonal = classical_indices(values[: seasons * m], m, components.seasonal)
        for t, value in enumerate(values):
            index = seasonal[t % m]
            adjusted[t] = value / index if components.multiplicative else value - index
    span = min(max(10, 2 * m), len(values))
    head = adjusted[:span]
    if not components.trend:
        _need(values, 1, "a level")
        return States(level=report(sum(head, _ZERO) / span), seasonal=seasonal)
    _need(values, 2, "a trend")
    middle = Decimal(span + 1) / 2
    mean = sum(head, _ZERO) / span
    spread = covariance = _ZERO
    for t, value in enumerate(head, start=1):
        gap = t - middle
        spread += gap * gap
        covariance += gap * (value - mean)
    slope = covariance / spread
    return States(
        level=report(mean - slope * middle), trend=report(slope), seasonal=seasonal
    )
