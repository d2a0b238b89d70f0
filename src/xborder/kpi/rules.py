r"""The customer rules, written once, for every engine.

:func:`~xborder.kpi.rfm` and :func:`~xborder.kpi.cohort_ltv` evaluate these
on Decimals, one customer or one order at a time; :mod:`xborder.frames`
evaluates the very same functions on whole columns. Both pass an *ops* object
that does the arithmetic (exact addition and multiplication, exact division
rounded with a named mode, conditions), so each rule exists in one place:

* :func:`percentile_score`: an RFM score by percentile rank,
  $1 + \lfloor bins \cdot worse / n \rfloor$, where *worse* is the number of
  the *n* customers strictly worse on the dimension (ties share a score);
* :func:`edge_score`: an RFM score by fixed, ascending edges;
* :func:`segment_of`: the first segment rule whose score ranges hold (a
  lookup on three small integers, so it takes plain ints);
* :func:`contribution_of`: an order's contribution when only a gross
  margin is known, $amount \times margin$.

*Worse* is a ranking: for frequency and monetary value, the customers with
a strictly smaller value; for recency, those with strictly more days since
their last order. The scalar counts them by bisection of the sorted values,
a column engine by ranking (the lowest rank of a tie, minus one; or the
number of customers minus the highest rank of a tie).

Examples:
    >>> from decimal import Decimal
    >>> percentile_score(DECIMALS, 5, Decimal(3), Decimal(4))
    Decimal('4')
    >>> edge_score(DECIMALS, Decimal(45), (Decimal(30), Decimal(60), Decimal(90),
    ...     Decimal(180)), 5, higher_is_better=False)
    Decimal('4')
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from xborder._guard import guard_public
from xborder._ops import DECIMALS, Ops
from xborder._validate import count, require, to_decimal, tuple_of
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi import _customer_rules
from xborder.kpi._rfm import SegmentRule, _segment

__all__ = [
    "DECIMALS",
    "contribution_of",
    "edge_score",
    "percentile_score",
    "segment_of",
]

V = TypeVar("V")
C = TypeVar("C")


def percentile_score(
    ops: Ops[V, C], bins: int, worse: V | Decimal, count: V | Decimal
) -> V:
    r"""An RFM score by percentile rank: $1 + \lfloor bins \cdot worse / n \rfloor$.

    Each score holds about ``1/bins`` of the customers; ties share a score,
    and a better value never scores lower.

    Args:
        ops: The engine: :data:`DECIMALS` for one customer, or a column engine.
        bins: Scores per dimension (2 to 10).
        worse: How many customers are strictly worse on the dimension.
        count: How many customers there are (> 0).

    Raises:
        InvalidTypeError: ``ops`` is not an engine, or a scalar value is not a
            Decimal.
        InvalidInputError: ``bins`` is not 2 to 10, or a scalar ``count`` is
            not above ``worse``.

    Examples:
        >>> from decimal import Decimal
        >>> [int(percentile_score(DECIMALS, 5, Decimal(w), Decimal(10)))
        ...  for w in range(10)]
        [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    """
    _engine(ops)
    number = _bins(bins)
    if _scalar(ops):
        below = _decimal(worse, "worse")
        total = _decimal(count, "count")
        require(below >= 0, field="worse", value=worse, expected="a count >= 0")
        require(
            total > below, field="count", value=count, expected=f"more than {below}"
        )
    return _customer_rules.percentile_score(ops, number, worse, count)


def edge_score(
    ops: Ops[V, C],
    value: V | Decimal,
    edges: Sequence[Decimal],
    bins: int,
    *,
    higher_is_better: bool,
) -> V:
    """An RFM score by fixed edges (``bins − 1`` of them, ascending).

    Higher is better (frequency, monetary value): 1 + the number of edges at
    or below the value. Lower is better (recency in days): ``bins`` − the
    number of edges below the value, so ``(30, 60, 90, 180)`` gives 5 for at
    most 30 days and 1 for more than 180.

    Args:
        ops: The engine.
        value: The customer's value on the dimension.
        edges: Ascending Decimals, ``bins − 1`` of them.
        bins: Scores per dimension (2 to 10).
        higher_is_better: ``False`` for recency.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, an edge or a scalar value
            is not a Decimal.
        InvalidInputError: ``bins`` is not 2 to 10, or the edges are not
            ``bins − 1`` ascending numbers.

    Examples:
        >>> from decimal import Decimal
        >>> edges = tuple(Decimal(e) for e in (2, 3, 4, 5))
        >>> [int(edge_score(DECIMALS, Decimal(v), edges, 5, higher_is_better=True))
        ...  for v in (1, 2, 3, 9)]
        [1, 2, 3, 5]
    """
    _engine(ops)
    number = _bins(bins)
    bounds = _edges(edges, number)
    if not isinstance(higher_is_better, bool):
        raise InvalidTypeError(
            field="higher_is_better", value=higher_is_better, expected="True or False"
        )
    if _scalar(ops):
        _decimal(value, "value")
    return _customer_rules.edge_score(
        ops, value, bounds, number, higher_is_better=higher_is_better
    )


def segment_of(segments: Sequence[SegmentRule], r: int, f: int, m: int) -> str | None:
    """The name of the first segment whose ranges hold scores (r, f, m), or None.

    Args:
        segments: Segment rules, first match wins
            (:data:`~xborder.kpi.RF_GRID_SEGMENTS` for the usual grid).
        r: The recency score.
        f: The frequency score.
        m: The monetary score.

    Raises:
        InvalidTypeError: A rule is not a :class:`~xborder.kpi.SegmentRule`,
            or a score is not an int.

    Examples:
        >>> from xborder.kpi import RF_GRID_SEGMENTS
        >>> segment_of(RF_GRID_SEGMENTS, 5, 5, 1), segment_of(RF_GRID_SEGMENTS, 1, 1, 5)
        ('champions', 'hibernating')
    """
    try:
        rules = tuple_of(segments, SegmentRule)
    except XborderError as error:
        raise error.in_field("segments") from None
    return _segment(rules, _int(r, "r"), _int(f, "f"), _int(m, "m"))


def contribution_of(ops: Ops[V, C], amount: V | Decimal, margin: Decimal) -> V:
    r"""An order's contribution from a gross margin: $amount \times margin$.

    :func:`~xborder.kpi.cohort_ltv` uses it for orders that carry no
    contribution of their own.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, or ``margin`` (or a scalar
            ``amount``) is not a Decimal.

    Examples:
        >>> from decimal import Decimal
        >>> contribution_of(DECIMALS, Decimal("64.00"), Decimal("0.4"))
        Decimal('25.600')
    """
    _engine(ops)
    _decimal(margin, "margin")
    if _scalar(ops):
        _decimal(amount, "amount")
    return _customer_rules.contribution_of(ops, amount, margin)


def _scalar(ops: object) -> bool:
    """Whether ``ops`` is the scalar engine, whose values are Decimals."""
    return ops is DECIMALS


def _engine(ops: object) -> None:
    if not isinstance(ops, Ops):
        raise InvalidTypeError(field="ops", value=ops, expected="an xborder engine")


def _bins(value: object) -> int:
    number = _int(value, "bins")
    require(2 <= number <= 10, field="bins", value=value, expected="2 to 10 bins")  # noqa: PLR2004
    return number


def _int(value: object, field: str) -> int:
    try:
        return count(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field(field) from None


def _decimal(value: object, field: str) -> Decimal:
    if not isinstance(value, Decimal):
        raise InvalidTypeError(field=field, value=value, expected="a Decimal")
    return to_decimal(value, field=field)


def _edges(values: object, bins: int) -> tuple[Decimal, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise InvalidTypeError(
            field="edges", value=values, expected="a sequence of Decimals"
        )
    edges = tuple(_decimal(value, f"edges[{i}]") for i, value in enumerate(values))
    if len(edges) != bins - 1 or any(a >= b for a, b in itertools.pairwise(edges)):
        raise InvalidInputError(
            field="edges",
            value=edges,
            expected=f"{bins - 1} ascending edges for {bins} bins",
        )
    return edges


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
