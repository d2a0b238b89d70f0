"""Croston, SBA and TSB recursions for intermittent demand (private).

Each runs in Decimal (fitted values and forecasts; the working context
must be active) and in float (the squared one-step errors the fit
minimises), with the same steps. States are those *before* a period, so a
period's fitted value is the forecast made the period before.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xborder.forecast._numeric import report
from xborder.forecast._options import CrostonVariant

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "croston",
    "croston_factor",
    "croston_sse",
    "naive_croston_states",
    "tsb",
    "tsb_sse",
    "tsb_states",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_TWO = Decimal(2)


def croston_factor(alpha: Decimal, variant: CrostonVariant) -> Decimal:
    """``1`` for Croston, ``1 - alpha/2`` for the Syntetos-Boylan approximation."""
    return _ONE - alpha / _TWO if variant is CrostonVariant.SBA else _ONE


def naive_croston_states(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    """R forecast's ``init="naive"``: the first demand, and the periods up to it.

    Without any demand, a size of 0 over an interval of 1 (a forecast of 0).
    """
    for index, value in enumerate(values):
        if value > 0:
            return value, Decimal(index + 1)
    return _ZERO, _ONE


def tsb_states(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    """The mean demand size and the share of periods with demand."""
    sizes = [value for value in values if value > 0]
    if not sizes:
        return _ZERO, _ZERO
    return (
        report(sum(sizes, _ZERO) / len(sizes)),
        report(Decimal(len(sizes)) / len(values)),
    )


def croston(
    values: Sequence[Decimal],
    *,
    alpha: Decimal,
    factor: Decimal,
    size: Decimal,
    interval: Decimal,
    horizon: int,
) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...]]:
    """Fitted values and forecasts of Croston's method (times ``factor``)."""
    fitted = []
    since = 0
    for y in values:
        fitted.append(factor * size / interval)
        since += 1
        if y > 0:
            size += alpha * (y - size)
            interval += alpha * (since - interval)
            since = 0
    point = factor * size / interval
    return tuple(fitted), (point,) * horizon


def croston_sse(
    values: Sequence[float],
    alpha: float,
    *,
    factor: float,
    size: float,
    interval: float,
) -> float:
    """Squared one-step errors of Croston's method, in float."""
    total = 0.0
    since = 0
    for y in values:
        error = y - factor * size / interval
        total += error * error
        since += 1
        if y > 0.0:
            size += alpha * (y - size)
            interval += alpha * (since - interval)
            since = 0
    return total


def tsb(
    values: Sequence[Decimal],
    *,
    alpha: Decimal,
    beta: Decimal,
    size: Decimal,
    probability: Decimal,
    horizon: int,
) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...]]:
    """Fitted values and forecasts of the TSB method."""
    fitted = []
    for y in values:
        fitted.append(probability * size)
        if y > 0:
            probability += beta * (_ONE - probability)
            size += alpha * (y - size)
        else:
            probability -= beta * probability
    return tuple(fitted), (probability * size,) * horizon


def tsb_sse(
    values: Sequence[float],
    alpha: float,
    beta: float,
    *,
    size: float,
    probability: float,
) -> float:
    """Squared one-step errors of the TSB method, in float."""
    total = 0.0
    for y in values:
        error = y - probability * size
        total += error * error
        if y > 0.0:
            probability += beta * (1.0 - probability)
            size += alpha * (y - size)
        else:
            probability -= beta * probability
    return total
