"""The customer formulas, written once over an ops engine (private; see kpi.rules).

:func:`~xborder.kpi.rfm` and :func:`~xborder.kpi.cohort_ltv` evaluate these
with :data:`xborder._ops.DECIMALS`, one customer or order at a time;
:mod:`xborder.frames` evaluates the very same functions on whole columns.
Parameters (the number of bins, the edges) are plain Python values and may
drive Python ``if``s; per-customer values go through the ops only.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder._ops import Ops

__all__ = ["contribution_of", "edge_score", "percentile_score"]

V = TypeVar("V")
C = TypeVar("C")

_ZERO = Decimal(0)
_ONE = Decimal(1)


def percentile_score(
    ops: Ops[V, C], bins: int, worse: V | Decimal, count: V | Decimal
) -> V:
    """``1 + ⌊bins × worse ÷ count⌋``: the score of a customer ``worse`` others beat."""
    product = ops.mul(Decimal(bins), worse)
    return ops.add(_ONE, ops.divide(product, count, _ONE, ROUND_FLOOR))


def edge_score(
    ops: Ops[V, C],
    value: V | Decimal,
    edges: Sequence[Decimal],
    bins: int,
    *,
    higher_is_better: bool,
) -> V:
    """The score fixed by ascending ``edges``.

    Higher is better (frequency, monetary): 1 + the edges at or below the
    value. Lower is better (recency): ``bins`` − the edges below the value,
    so a value at an edge keeps the better score.
    """
    hits: Any = _ZERO
    for edge in edges:
        passed = (
            ops.at_least(value, edge) if higher_is_better else ops.greater(value, edge)
        )
        hits = ops.add(hits, ops.where(passed, _ONE, _ZERO))
    if higher_is_better:
        return ops.add(_ONE, hits)
    return ops.sub(Decimal(bins), hits)


def contribution_of(ops: Ops[V, C], amount: V | Decimal, margin: Decimal) -> V:
    """An order's contribution when only a gross margin is known: amount × margin."""
    return ops.mul(amount, margin)
