r"""Optimal initial states of the additive models, by linear least squares (private).

Without a multiplicative season the smoothing recursions are linear in the
initial states, so each one-step fitted value is
$\hat y_t = c_t + d_t^\top x_0$: $c_t$ is the fit started from zero
states, $d_t$ the fit of a history of zeros started from each unit state.
For given smoothing parameters, the initial states that minimise the
squared one-step errors then solve a small linear least-squares problem
(the concentrated sum of squares; Hyndman et al. 2008, §5.2 on the initial
states), and the search needs only the smoothing parameters: exact states,
far fewer dimensions. With a season the states sum to zero (one is implied
by the others), as R's ``ets()`` normalises them.

The non-seasonal models run in plain floats; the seasonal ones carry the
$m + 3$ recursions side by side in NumPy arrays (NumPy comes with SciPy,
in the ``forecast`` extra).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xborder.forecast._options import SeasonalUpdate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.forecast._smoothing import Components

__all__ = ["EXPLOSIVE", "concentrated"]

_TINY = 1e-300
_BLOCK = 256  # periods a block (see _seasonal)
_LARGEST_GAIN = 1e7  # 100 times an undamped trend's after 100,000 periods
EXPLOSIVE = 1e300
"""The sum of squares given to parameters whose model explodes (see ``_explosive``)."""


def concentrated(
    values: Sequence[float],
    components: Components,
    parameters: tuple[float, float, float, float],
) -> tuple[float, list[float]]:
    """The least sum of squared one-step errors, and the initial states giving it.

    ``parameters`` are alpha, beta (error-correction form), gamma and phi.
    States come back as ``[level, trend, s_1 ... s_m]`` (the trend only with
    a trend, the season only with a season).
    """
    alpha, beta, _, phi = parameters
    if components.seasonal is None:
        if components.trend:
            return _level_and_trend(values, alpha, beta, phi)
        return _level(values, alpha)
    return _seasonal(values, components, parameters)


def _level(values: Sequence[float], alpha: float) -> tuple[float, list[float]]:
    # Fit = c + w * level0, with w = (1 - alpha)^(t - 1).
    level = 0.0
    weight = 1.0
    keep = 1.0 - alpha
    ww = wr = rr = 0.0
    for y in values:
        residual = y - level
        ww += weight * weight
        wr += weight * residual
        rr += residual * residual
        level += alpha * residual
        weight *= keep
    start = wr / ww
    return max(rr - wr * start, 0.0), [start]


def _level_and_trend(
    values: Sequence[float], alpha: float, beta: float, phi: float
) -> tuple[float, list[float]]:
    # Three recursions side by side: the data from zero states, and a
    # history of zeros from a unit level and from a unit trend.
    l0 = b0 = 0.0
    l1, b1 = 1.0, 0.0
    l2, b2 = 0.0, 1.0
    a11 = a12 = a22 = v1 = v2 = rr = 0.0
    for y in values:
        c0 = l0 + phi * b0
        c1 = l1 + phi * b1
        c2 = l2 + phi * b2
        residual = y - c0
        a11 += c1 * c1
        a12 += c1 * c2
        a22 += c2 * c2
        v1 += c1 * residual
        v2 += c2 * residual
        rr += residual * residual
        l0 = c0 + alpha * residual
        b0 = phi * b0 + beta * residual
        l1 = c1 - alpha * c1
        b1 = phi * b1 - beta * c1
        l2 = c2 - alpha * c2
        b2 = phi * b2 - beta * c2
    det = a11 * a22 - a12 * a12
    if abs(det) <= 1e-12 * max(a11 * a22, _TINY):
        start = v1 / a11 if a11 > _TINY else 0.0
        return max(rr - v1 * start, 0.0), [start, 0.0]
    level = (v1 * a22 - v2 * a12) / det
    trend = (a11 * v2 - a12 * v1) / det
    return max(rr - v1 * level - v2 * trend, 0.0), [level, trend]


def _seasonal(
    values: Sequence[float],
    components: Components,
    parameters: tuple[float, float, float, float],
) -> tuple[float, list[float]]:
    import numpy as np  # noqa: PLC0415 - comes with SciPy, only for fitting

    alpha, beta, gamma, phi = parameters
    m = components.m
    trend = components.trend
    width = 1 + trend + m  # unit states, then the data's own recursion
    level = np.zeros(width + 1)
    slope = np.zeros(width + 1)
    season = np.zeros((m, width + 1))
    level[0] = 1.0
    if trend:
        slope[1] = 1.0
    first = 1 + trend
    for position in range(m):
        season[position, first + position] = 1.0
    winters = components.update is SeasonalUpdate.WINTERS
    data = np.zeros(width + 1)
    products = np.zeros((width + 1, width + 1))  # of the gains and the residual
    # Each period's fit (its gains from the unit states, then the data's
    # own), kept a block of rows at a time: one matrix product per block
    # instead of an outer product per period.
    rows = np.empty((min(_BLOCK, max(len(values), 1)), width + 1))
    kept = 0
    i = 0
    for y in values:
        base = level + phi * slope
        fit = base + season[i]
        rows[kept, :width] = fit[:width]
        rows[kept, width] = y - fit[width]
        kept += 1
        if kept == len(rows):
            if _explosive(rows):
                return EXPLOSIVE, [0.0] * width
            products += rows.T @ rows
            kept = 0
        data[width] = y
        error = data - fit
        level = base + alpha * error
        slope = phi * slope + beta * error
        if winters:
            season[i] = gamma * (data - level) + (1.0 - gamma) * season[i]
        else:
            season[i] = season[i] + gamma * error
        i += 1
        if i == m:
            i = 0
    if _explosive(rows[:kept]):
        return EXPLOSIVE, [0.0] * width
    products += rows[:kept].T @ rows[:kept]
    return _solve(products, first, m)


def _explosive(rows: Any) -> bool:  # noqa: ANN401 - a NumPy array
    """Whether the fits' responses to a unit initial state have blown up.

    They do not depend on the data. A forecastable model's stay near 1
    (the level's, the season's) or grow like $t$ (an undamped trend's, at
    most the 100,000 periods of a history); parameters inside R's usual
    region can still be outside the forecastable one for a seasonal model
    (Hyndman et al. 2008, ch. 10), and there they grow geometrically. Over
    tens of thousands of periods the normal equations then cancel to
    nonsense (a sum of squares of 0), so such parameters are scored
    :data:`EXPLOSIVE` instead.
    """
    if not len(rows):
        return False
    gains = rows[:, :-1]
    return not bool(abs(gains).max() < _LARGEST_GAIN)


def _solve(products: Any, first: int, m: int) -> tuple[float, list[float]]:  # noqa: ANN401 - a NumPy array
    """The least squares from the cross products of the gains and the residual."""
    import numpy as np  # noqa: PLC0415 - comes with SciPy, only for fitting

    width = first + m
    cross = products[:width, width]
    rr = float(products[width, width])
    normal = products[:width, :width]
    # The season sums to zero: s_m = -(s_1 + ... + s_(m-1)).
    transform = np.zeros((width, width - 1))
    transform[:first, :first] = np.eye(first)
    transform[first : first + m - 1, first:] = np.eye(m - 1)
    transform[width - 1, first:] = -1.0
    reduced = transform.T @ normal @ transform
    target = transform.T @ cross
    solution = np.linalg.lstsq(reduced, target, rcond=None)[0]
    states = transform @ solution
    sse = rr - 2.0 * float(cross @ states) + float(states @ normal @ states)
    return max(sse, 0.0), [float(value) for value in states]
