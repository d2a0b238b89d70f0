r"""Squared one-step errors and their exact gradient, for the joint search (private).

When initial states are searched together with the parameters (a
multiplicative season, or some states given), the search vector has up to
$m + 5$ entries. Differencing the objective for its gradient would cost as
many evaluations per step; carrying each state's derivatives with respect
to every entry through the recursion (forward-mode differentiation) gives
the exact gradient in one pass, with NumPy vectors as long as the search
vector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xborder.forecast._options import SeasonalUpdate, TrendForm

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.forecast._smoothing import Components

__all__ = ["Seeds", "sse_and_gradient"]

Vector = Any
"""A NumPy vector (NumPy comes with SciPy, in the ``forecast`` extra)."""

_PENALTY = 1e300


class Seeds:
    """Where each quantity sits in the search vector, and how it is read.

    ``alpha``... are positions (``None`` when fixed); ``fixed_*`` the fixed
    values; ``scale`` the unit the level, trend and additive season are
    searched in.
    """

    def __init__(
        self,
        *,
        size: int,
        alpha: int | None,
        beta: int | None,
        gamma: int | None,
        phi: int | None,
        level: int | None,
        trend: int | None,
        seasonal: int | None,
        fixed: tuple[float, float | None, float, float],
        trend_form: TrendForm,
        scale: float,
        states: tuple[float, float, list[float]],
    ) -> None:
        self.size = size
        self.alpha, self.beta, self.gamma, self.phi = alpha, beta, gamma, phi
        self.level, self.trend, self.seasonal = level, trend, seasonal
        self.fixed_alpha, self.fixed_beta, self.fixed_gamma, self.fixed_phi = fixed
        self.component_beta = trend_form is TrendForm.COMPONENT
        self.scale = scale
        self.states = states


def sse_and_gradient(
    values: Sequence[float],
    components: Components,
    seeds: Seeds,
    vector: Any,  # noqa: ANN401 - a NumPy array from SciPy
) -> tuple[float, Any]:
    """The sum of squared one-step errors and its gradient by ``vector``."""
    import numpy as np  # noqa: PLC0415 - comes with SciPy, only for fitting

    x = vector.tolist()
    unit = np.eye(seeds.size)
    zero = np.zeros(seeds.size)
    parameters = _parameters(components, seeds, x, unit, zero)
    states = _states(components, seeds, x, unit, zero)
    return _run(values, components, parameters, states, zero)


def _parameters(
    components: Components, seeds: Seeds, x: list[float], unit: Vector, zero: Vector
) -> tuple[Any, ...]:
    """Alpha, beta, gamma and phi, each followed by its gradient."""
    alpha = seeds.fixed_alpha if seeds.alpha is None else x[seeds.alpha]
    d_alpha = zero if seeds.alpha is None else unit[seeds.alpha]
    if seeds.beta is not None:
        beta = alpha * x[seeds.beta]
        d_beta = x[seeds.beta] * d_alpha + alpha * unit[seeds.beta]
    elif seeds.fixed_beta is None:
        beta, d_beta = 0.0, zero
    elif seeds.component_beta:
        beta, d_beta = alpha * seeds.fixed_beta, seeds.fixed_beta * d_alpha
    else:
        beta, d_beta = seeds.fixed_beta, zero
    if seeds.gamma is None:
        gamma, d_gamma = seeds.fixed_gamma, zero
    elif components.update is SeasonalUpdate.WINTERS:
        gamma, d_gamma = x[seeds.gamma], unit[seeds.gamma]
    else:
        share = x[seeds.gamma]
        gamma = share * (1.0 - alpha)
        d_gamma = (1.0 - alpha) * unit[seeds.gamma] - share * d_alpha
    phi = seeds.fixed_phi if seeds.phi is None else x[seeds.phi]
    d_phi = zero if seeds.phi is None else unit[seeds.phi]
    return alpha, d_alpha, beta, d_beta, gamma, d_gamma, phi, d_phi


def _states(
    components: Components, seeds: Seeds, x: list[float], unit: Vector, zero: Vector
) -> tuple[Any, ...]:
    """The initial level, trend and season, each followed by its gradient."""
    level0, trend0, season0 = seeds.states
    scale = seeds.scale
    if seeds.level is None:
        level, d_level = level0, zero
    else:
        level, d_level = x[seeds.level] * scale, scale * unit[seeds.level]
    if seeds.trend is None:
        trend, d_trend = trend0, zero
    else:
        trend, d_trend = x[seeds.trend] * scale, scale * unit[seeds.trend]
    m = components.m
    if components.seasonal is None:
        season, d_season = [0.0], [zero]
    elif seeds.seasonal is None:
        season, d_season = list(season0), [zero] * m
    else:
        first = seeds.seasonal
        factor = 1.0 if components.multiplicative else scale
        free = [x[first + j] * factor for j in range(m - 1)]
        d_free = [factor * unit[first + j] for j in range(m - 1)]
        last = (m if components.multiplicative else 0.0) - sum(free)
        season = [*free, last]
        d_season = [*d_free, -sum(d_free)]
    return level, d_level, trend, d_trend, season, d_season


def _run(  # noqa: C901, PLR0912, PLR0915 - one pass of the recursion, branch per model
    values: Sequence[float],
    components: Components,
    parameters: tuple[Any, ...],
    states: tuple[Any, ...],
    zero: Vector,
) -> tuple[float, Any]:
    alpha, d_alpha, beta, d_beta, gamma, d_gamma, phi, d_phi = parameters
    level, d_level, trend, d_trend, season, d_season = states
    m = components.m
    multiplicative = components.multiplicative
    additive = not multiplicative and components.seasonal is not None
    winters = components.update is SeasonalUpdate.WINTERS
    total = 0.0
    d_total = zero
    i = 0
    for y in values:
        carried = phi * trend
        d_carried = phi * d_trend + trend * d_phi
        base = level + carried
        d_base = d_level + d_carried
        s, d_s = season[i], d_season[i]
        if multiplicative:
            if base <= 0.0 or s <= 0.0:
                return _PENALTY, zero
            fit = base * s
            d_fit = s * d_base + base * d_s
        else:
            fit = base + s
            d_fit = d_base + d_s
        error = y - fit
        d_error = -d_fit
        total += error * error
        d_total = d_total + 2.0 * error * d_error
        if multiplicative:
            share = error / s
            d_share = (d_error - share * d_s) / s
        else:
            share, d_share = error, d_error
        level = base + alpha * share
        d_level = d_base + share * d_alpha + alpha * d_share
        trend = carried + beta * share
        d_trend = d_carried + share * d_beta + beta * d_share
        if multiplicative and winters:
            if level <= 0.0:
                return _PENALTY, zero
            ratio = y / level
            season[i] = gamma * ratio + (1.0 - gamma) * s
            d_season[i] = (
                (ratio - s) * d_gamma
                - gamma * ratio / level * d_level
                + (1.0 - gamma) * d_s
            )
        elif multiplicative:
            step = error / base
            season[i] = s + gamma * step
            d_step = (d_error - step * d_base) / base
            d_season[i] = d_s + step * d_gamma + gamma * d_step
        elif additive and winters:
            gap = y - level
            season[i] = gamma * gap + (1.0 - gamma) * s
            d_season[i] = (gap - s) * d_gamma - gamma * d_level + (1.0 - gamma) * d_s
        elif additive:
            season[i] = s + gamma * error
            d_season[i] = d_s + error * d_gamma + gamma * d_error
        i += 1
        if i == m:
            i = 0
    if not total < _PENALTY:
        return _PENALTY, zero
    return total, d_total
