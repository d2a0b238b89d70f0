r"""Discrete demand laws in float for the exact policy searches (private).

The Poisson (r, Q) search and Zheng & Federgruen's (s, S) algorithm evaluate
the one-period newsvendor cost $g(y) = h\\,\\bar n(y) + p\\,n(y)$ at many
whole levels $y$, with $n(y) = E[(D - y)^+]$ the loss function and
$\\bar n(y) = E[(y - D)^+] = y - \\mu + n(y)$ its complement. A :class:`Law`
holds a probability mass function over whole units from ``start`` on, with
its tail probabilities and loss function precomputed from the top down
(sums of non-negative terms, so the far tail keeps its digits).
"""

from __future__ import annotations

import functools
import itertools
import math
from typing import TYPE_CHECKING

from xborder.errors import InvalidInputError
from xborder.inventory._distributions import (
    EmpiricalDemand,
    NormalDemand,
    PoissonDemand,
)
from xborder.inventory._numeric import normal_cdf

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["MAX_SUPPORT", "Law", "law_of", "poisson_law"]

MAX_SUPPORT = 200_000
"""The most whole outcomes a law may span: bounds the time and memory of a search."""


class Law:
    """A demand distribution on whole units ``start, start + 1, ...``.

    Outside the support the loss function is exact: ``n(y) = μ − y`` below
    it (all demand exceeds y) and 0 above it.
    """

    __slots__ = ("_loss", "_tail", "mean", "pmf", "start")

    def __init__(self, start: int, pmf: Sequence[float]) -> None:
        total = math.fsum(pmf)
        self.start = start
        self.pmf = [p / total for p in pmf]
        tail = [0.0] * len(self.pmf)  # P(D > start + i)
        loss = [0.0] * len(self.pmf)  # n(start + i)
        above = 0.0
        shortfall = 0.0
        for index in range(len(self.pmf) - 1, -1, -1):
            tail[index] = above
            loss[index] = shortfall
            # n(y - 1) = n(y) + P(D > y - 1) = n(y) + P(D > y) + p(y)
            above += self.pmf[index]
            shortfall += above
        self._tail = tail
        self._loss = loss
        # n(start) = E[(D − start)⁺] = μ − start, since D >= start.
        self.mean = start + loss[0]

    def loss(self, y: int) -> float:
        """``n(y) = E[(D − y)⁺]``."""
        index = y - self.start
        if index < 0:
            return self.mean - y
        if index >= len(self._loss):
            return 0.0
        return self._loss[index]

    def complementary_loss(self, y: int) -> float:
        """``n̄(y) = E[(y − D)⁺] = y − μ + n(y)``."""
        return max(y - self.mean + self.loss(y), 0.0)

    def cdf(self, y: int) -> float:
        """``P(D <= y)``."""
        index = y - self.start
        if index < 0:
            return 0.0
        if index >= len(self._tail):
            return 1.0
        return 1.0 - self._tail[index]

    def mass(self, y: int) -> float:
        """``P(D = y)``."""
        index = y - self.start
        return self.pmf[index] if 0 <= index < len(self.pmf) else 0.0

    def quantile(self, probability: float) -> int:
        """The least ``y`` with ``P(D <= y) >= probability``."""
        for index in range(len(self.pmf)):
            if 1.0 - self._tail[index] >= probability:
                return self.start + index
        return self.start + len(self.pmf) - 1


@functools.lru_cache(maxsize=256)
def poisson_law(mean: float) -> Law:
    """Poisson(``mean``) on ``[μ ± 12√μ + 20]``, where all but 1e-30 of it lies.

    Cached by mean (a law is never changed once built): a planner evaluates
    many policies against the same demand.
    """
    if mean <= 0:
        return Law(0, [1.0])
    spread = 12 * math.sqrt(mean) + 20
    start = max(0, math.floor(mean - spread))
    end = math.ceil(mean + spread)
    _check_size(end - start + 1)
    pmf = []
    value = math.exp(start * math.log(mean) - mean - math.lgamma(start + 1))
    for k in range(start, end + 1):
        pmf.append(value)
        value *= mean / (k + 1)
    return Law(start, pmf)


def _check_size(size: int) -> None:
    if size > MAX_SUPPORT:
        raise InvalidInputError(
            "the exact discrete search would span too many whole units",
            field="demand",
            value=size,
            expected=f"a demand spanning at most {MAX_SUPPORT:,} whole units "
            "(use the normal approximations for fast movers)",
        )


@functools.lru_cache(maxsize=256)
def _normal_law(mean: float, sd: float) -> Law:
    # Demand rounded to whole units: P(D = k) = Φ((k + ½ − μ)/σ) − Φ((k − ½ − μ)/σ),
    # with the mass below ½ at 0.
    if sd <= 0:
        whole = max(round(mean), 0)
        return Law(whole, [1.0])
    low = max(0, math.floor(mean - 12 * sd))
    high = max(math.ceil(mean + 12 * sd), low)
    _check_size(high - low + 1)
    edges = [normal_cdf((k + 0.5 - mean) / sd) for k in range(low, high + 1)]
    pmf = [edges[0]] + [b - a for a, b in itertools.pairwise(edges)]
    return Law(low, [max(p, 0.0) for p in pmf])


def law_of(
    demand: PoissonDemand | EmpiricalDemand | NormalDemand, periods: int = 1
) -> Law:
    """The law of demand over ``periods`` independent periods of ``demand``."""
    if isinstance(demand, PoissonDemand):
        return poisson_law(float(demand.mean) * periods)
    if isinstance(demand, NormalDemand):
        return _normal_law(
            float(demand.mean) * periods, float(demand.sd) * math.sqrt(periods)
        )
    outcomes = demand.weights
    size = outcomes[-1][0] + 1
    _check_size(size * periods)
    if size * size * (periods - 1) > _CONVOLUTION_WORK:
        raise InvalidInputError(
            "summing an empirical demand over many periods is too much work",
            field="lead_periods",
            value=periods - 1,
            expected="fewer lead periods for this support (or PoissonDemand)",
        )
    single = [0.0] * (outcomes[-1][0] + 1)
    for units, weight in outcomes:
        single[units] = float(weight)
    total = math.fsum(single)
    single = [w / total for w in single]
    pmf = single
    for _ in range(periods - 1):
        pmf = _convolve(pmf, single)
    return Law(0, pmf)


_CONVOLUTION_WORK = 4_000_000


def _convolve(first: list[float], second: list[float]) -> list[float]:
    out = [0.0] * (len(first) + len(second) - 1)
    for i, a in enumerate(first):
        if a:
            for j, b in enumerate(second):
                out[i + j] += a * b
    return out
