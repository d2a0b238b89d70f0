r"""The Pareto front over three objectives, in O(n log n) (private).

Every objective is minimised (cost, P90 days, unreliability). A point is
*dominated* when another is no worse in all three and better in at least
one. The sweep sorts points lexicographically, so any dominator of a point
comes before it, then keeps the front found so far in a Fenwick tree indexed
by the rank of the second objective, holding the least third objective of
each prefix: one query and at most one update per point, each
$O(\log n)$.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._validate import items_of, named_errors, non_negative_count
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.logistics._common import key_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["ParetoFront", "pareto_front"]

Point = tuple[Decimal, Decimal, Decimal]


def _indices(values: Iterable[int]) -> tuple[int, ...]:
    """Converter: indices (ints >= 0), each once."""
    checked = []
    for index, value in enumerate(
        items_of(values, field=None, expected="a sequence of indices")
    ):
        try:
            checked.append(non_negative_count(value))
        except XborderError as error:
            raise error.in_field(f"[{index}]") from None
    indices = tuple(checked)
    if len(set(indices)) != len(indices):
        raise InvalidInputError(field=None, value=indices, expected="each index once")
    return indices


def _dominators(values: Mapping[int, int]) -> dict[int, int]:
    """Converter: a mapping of index to index, copied (ints >= 0)."""
    if not isinstance(values, Mapping):
        raise InvalidTypeError(
            field=None, value=values, expected="a mapping of index to index"
        )
    checked: dict[int, int] = {}
    for key, value in values.items():
        try:
            checked[non_negative_count(key)] = non_negative_count(value)
        except XborderError as error:
            raise error.in_field(f"[{key_text(key)}]") from None
    return checked


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ParetoFront:
    """Indices of the non-dominated points, and a dominator for every other one.

    Attributes:
        front: Indices of non-dominated points, in the sweep's order
            (lexicographic by objectives, then by the tie-break key).
        dominated_by: Index of a dominated point → index of a point on the
            front that dominates it.

    Examples:
        >>> from decimal import Decimal as D
        >>> pareto_front([(D(1), D(9), D(0)), (D(2), D(9), D(0))]).dominated_by
        {1: 0}
    """

    # pareto_front() builds its result without __init__ (see _result).
    front: tuple[int, ...] = attrs.field(converter=_indices)
    dominated_by: dict[int, int] = attrs.field(converter=_dominators)

    def __attrs_post_init__(self) -> None:
        on_front = set(self.front)
        for dominated, by in self.dominated_by.items():
            if dominated in on_front or by not in on_front:
                raise InvalidInputError(
                    field=f"dominated_by[{dominated}]",
                    value=by,
                    expected="a point on the front, dominating one off it",
                )


_new = object.__new__
_set_front = ParetoFront.__dict__["front"].__set__
_set_dominated_by = ParetoFront.__dict__["dominated_by"].__set__


def _result(front: tuple[int, ...], dominated_by: dict[int, int]) -> ParetoFront:
    # The sweep's own indices need no checks; skipping __init__ keeps the
    # front of 1,000 points within its O(n log n) budget.
    result = _new(ParetoFront)
    _set_front(result, front)
    _set_dominated_by(result, dominated_by)
    return result


class _MinTree:
    """Fenwick tree answering "least value among ranks ≤ r" with its owner."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._best: list[tuple[Decimal, int] | None] = [None] * (size + 1)

    def insert(self, rank: int, value: Decimal, order: int) -> None:
        entry = (value, order)
        index = rank + 1
        best = self._best
        while index <= self._size:
            current = best[index]
            if current is None or entry < current:
                best[index] = entry
            index += index & -index

    def least(self, rank: int) -> tuple[Decimal, int] | None:
        found: tuple[Decimal, int] | None = None
        index = rank + 1
        best = self._best
        while index > 0:
            current = best[index]
            if current is not None and (found is None or current < found):
                found = current
            index -= index & -index
        return found


def pareto_front(
    points: Sequence[Point], keys: Sequence[str] | None = None
) -> ParetoFront:
    """Split ``points`` (each three objectives, all minimised) into front and dominated.

    Args:
        points: ``(cost, days, unreliability)`` per candidate.
        keys: A unique tie-break key per candidate (its name), so the result
            does not depend on the order of ``points``; defaults to the index.

    Returns:
        A :class:`ParetoFront`. Identical points do not dominate each other.

    Raises:
        InvalidTypeError: A point is not three Decimals, or ``keys`` are not str.
        InvalidInputError: A point holds NaN or an infinity, or ``keys`` do
            not give each point its own key.

    Examples:
        >>> from decimal import Decimal as D
        >>> result = pareto_front(
        ...     [(D(10), D(5), D(0)), (D(12), D(6), D(0)), (D(8), D(9), D(0))],
        ...     keys=["express", "slower and dearer", "postal"],
        ... )
        >>> result.front, result.dominated_by
        ((2, 0), {1: 0})
    """
    points = _check_points(points)
    count = len(points)
    names = (
        _check_keys(keys, count)
        if keys is not None
        else [f"{index:012d}" for index in range(count)]
    )
    order = sorted(range(count), key=lambda i: (points[i], names[i]))
    ranks = {days: rank for rank, days in enumerate(sorted({p[1] for p in points}))}
    tree = _MinTree(len(ranks))
    front: list[int] = []
    dominated: dict[int, int] = {}
    start = 0
    while start < count:
        end = start
        while end < count and points[order[end]] == points[order[start]]:
            end += 1
        group = order[start:end]
        _cost, days, risk = points[group[0]]
        best = tree.least(ranks[days])
        if best is not None and best[0] <= risk:
            for index in group:
                dominated[index] = order[best[1]]
        else:
            front.extend(group)
            tree.insert(ranks[days], risk, start)
        start = end
    return _result(tuple(front), dominated)


_TRIPLE = "(cost, days, unreliability) as three Decimals"


def _check_points(values: Sequence[Point]) -> tuple[Point, ...]:
    # One pass before the sweep: a float, NaN or a short tuple would fail
    # inside sorted() or the tree with no word of which point was wrong.
    points = items_of(values, field="points", expected="a sequence of points")
    for index, point in enumerate(points):
        if not isinstance(point, tuple) or len(point) != 3:  # noqa: PLR2004
            raise InvalidTypeError(
                field=f"points[{index}]", value=point, expected=_TRIPLE
            )
        for value in point:
            if type(value) is not Decimal:
                raise InvalidTypeError(
                    field=f"points[{index}]", value=point, expected=_TRIPLE
                )
            if not value.is_finite():
                raise InvalidInputError(
                    field=f"points[{index}]", value=point, expected="finite objectives"
                )
    return points


def _check_keys(values: Sequence[str], count: int) -> tuple[str, ...]:
    keys = items_of(values, field="keys", expected="a sequence of str keys")
    if len(keys) != count:
        raise InvalidInputError(
            field="keys", value=values, expected=f"one key per point ({count})"
        )
    for index, key in enumerate(keys):
        if not isinstance(key, str):
            raise InvalidTypeError(field=f"keys[{index}]", value=key, expected="a str")
    if len(set(keys)) != count:
        raise InvalidInputError(field="keys", value=values, expected="unique keys")
    return keys
