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

from xborder.errors import InvalidInputError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from xborder._ops import Ops

__all__ = [
    "MOST_MONTHS",
    "contribution_of",
    "edge_score",
    "last_month",
    "month_number",
    "percentile_score",
]

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


MOST_MONTHS = 1200
"""The widest cohort table: a century of months."""


def month_number(day: dt.date) -> int:
    """A day's month as ``year × 12 + month − 1``: months subtract as ints."""
    return day.year * 12 + day.month - 1


def last_month(as_of: dt.date, first: int | None) -> int:
    """The month of the day before ``as_of``, once the table's width is checked.

    No date arithmetic: the day before 0001-01-01 does not exist (and no
    order falls before it). Each cohort's row runs from its month (the
    earliest is ``first``, None without orders) to this one, so the table
    grows with the months between the first order and ``as_of``; it is
    bounded at :data:`MOST_MONTHS` so that an ``as_of`` in 9999, or a
    placeholder order date in year 1, is refused by name instead of building
    rows of a hundred thousand months.
    """
    last = month_number(as_of) - (as_of.day == 1)
    earliest = last if first is None else first
    if last - earliest >= MOST_MONTHS:
        start = f"{earliest // 12:04d}-{earliest % 12 + 1:02d}"
        raise InvalidInputError(
            field="as_of",
            value=as_of,
            expected=f"a day within {MOST_MONTHS} months of the first order ({start})",
        )
    return last
