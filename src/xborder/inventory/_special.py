"""Special functions in float for the continuous demand laws (private).

The regularized incomplete gamma functions $P(a, x)$ and $Q(a, x) = 1 - P$
by their series and Lentz continued fraction (Press et al., *Numerical
Recipes*, 3rd ed., §6.2), each used where it converges fast and keeps its
digits, their inverse by a safeguarded Newton iteration, and tanh-sinh
quadrature (Takahasi & Mori 1974) for the loss function of a distribution
known only by its quantile function.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from xborder.errors import InvalidInputError
from xborder.inventory._numeric import normal_quantile

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["gamma_p", "gamma_q", "gamma_q_pair", "gamma_quantile", "tanh_sinh"]

_EPSILON = 1e-16
_TINY = 1e-300
_ITERATIONS = 200_000


def _prefactor(a: float, x: float) -> float:
    return math.exp(-x + a * math.log(x) - math.lgamma(a))


def _series(a: float, x: float) -> float:
    term = total = 1 / a
    ap = a
    for _ in range(_ITERATIONS):
        ap += 1
        term *= x / ap
        total += term
        if abs(term) < abs(total) * _EPSILON:
            return total * _prefactor(a, x)
    raise _slow(a)  # pragma: no cover - bounded shapes converge


def _fraction(a: float, x: float) -> float:
    b = x + 1 - a
    c = 1 / _TINY
    d = 1 / b
    h = d
    for i in range(1, _ITERATIONS):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1 / d
        step = d * c
        h *= step
        if abs(step - 1) < _EPSILON:
            return _prefactor(a, x) * h
    raise _slow(a)  # pragma: no cover - bounded shapes converge


def _slow(a: float) -> InvalidInputError:
    return InvalidInputError(
        field="shape", value=a, expected="a shape the incomplete gamma converges for"
    )


def gamma_p(a: float, x: float) -> float:
    """The regularized lower incomplete gamma function ``P(a, x)``."""
    if x <= 0:
        return 0.0
    if x < a + 1:
        return min(_series(a, x), 1.0)
    return max(1.0 - _fraction(a, x), 0.0)


def gamma_q(a: float, x: float) -> float:
    """``Q(a, x) = 1 − P(a, x)``, computed directly in the upper tail."""
    if x <= 0:
        return 1.0
    if x < a + 1:
        return max(1.0 - _series(a, x), 0.0)
    return min(_fraction(a, x), 1.0)


def gamma_q_pair(a: float, x: float) -> tuple[float, float]:
    """``(Q(a, x), Q(a + 1, x))``, the second by a recurrence.

    ``Q(a + 1, x) = Q(a, x) + x^a e^{-x} / Γ(a + 1)``.

    The recurrence (Abramowitz & Stegun 6.5.21) adds a positive term, so it
    keeps the digits of ``Q(a, x)`` at half the cost of a second evaluation.
    """
    upper = gamma_q(a, x)
    if x <= 0:
        return upper, 1.0
    return upper, min(upper + _prefactor(a, x) / a, 1.0)


def gamma_quantile(a: float, lower: float, upper: float) -> float:
    """``x`` with ``P(a, x) = lower`` (``upper = 1 − lower``, given for its digits)."""
    if lower <= 0:
        return 0.0
    z = normal_quantile(min(max(lower, 1e-300), 1 - 1e-16))
    guess = a * (1 - 1 / (9 * a) + z / (3 * math.sqrt(a))) ** 3
    if not guess > 0:
        guess = math.exp((math.log(lower) + math.lgamma(a + 1)) / a)
    low, high = 0.0, max(guess, 1.0)
    while gamma_p(a, high) < lower and high < 1e300:  # noqa: PLR2004
        high *= 2
    x = min(max(guess, low), high)
    for _ in range(200):
        # Solve in the tail that keeps its digits.
        low_tail = lower <= 0.5  # noqa: PLR2004
        error = gamma_p(a, x) - lower if low_tail else upper - gamma_q(a, x)
        if error > 0:
            high = x
        else:
            low = x
        density = math.exp((a - 1) * math.log(x) - x - math.lgamma(a)) if x > 0 else 0
        step = error / density if density > 0 else math.inf
        candidate = x - step
        if not low < candidate < high:
            candidate = (low + high) / 2
        if abs(candidate - x) <= 1e-15 * max(abs(x), 1e-300):
            return candidate
        x = candidate
    return x


def tanh_sinh(function: Callable[[float, float], float], start: float) -> float:
    r"""$\int_{start}^{1} f(u)\,du$ by tanh-sinh quadrature, ``start`` in [0, 1).

    ``function(below, above)`` gets each node by its distances to
    ``start`` and to 1, both computed without cancellation, so nodes near
    either end keep their digits. Nodes closer to an end than 1e-15, where
    a float quantile function returns infinity, are skipped: their weight
    is below 1e-15 of the interval.
    """
    half = (1 - start) / 2
    if half <= 0:
        return 0.0
    step = 1 / 16
    total = 0.0
    for k in range(-64, 65):
        t = k * step
        inner = math.pi / 2 * math.sinh(t)
        if abs(inner) > 350:  # noqa: PLR2004 - cosh would overflow
            continue
        weight = half * (math.pi / 2 * math.cosh(t)) / math.cosh(inner) ** 2
        # 1 ∓ tanh(s) = 2/(1 + e^{±2s}): the distances to the ends without
        # cancellation.
        above = half * 2 / (1 + math.exp(2 * inner))
        below = half * 2 / (1 + math.exp(-2 * inner))
        if min(above, below) < 1e-15:  # noqa: PLR2004
            continue
        total += weight * function(below, above)
    return total * step
