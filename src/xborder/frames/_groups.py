"""Group-wise steps over a table: exact sums and largest-remainder shares (private).

A shipment's freight is shared over its lines, a declaration's duty total
over its figures: :func:`xborder.money.allocate` on one group at a time in
the scalar calculator, every group at once here, over ``Int128`` integers.
:func:`allocate` gives the very shares ``allocate`` gives (its tests draw
groups and compare):

1. each row's floor share ``⌊units × w / Σw⌋`` and its remainder
   ``units × w − share × Σw`` (integers, so exact);
2. the units still missing, ``units − Σ shares``, go one each to the rows
   with the largest remainders, ties to the earlier row: a stable sort by
   group and remainder (descending) keeps tied rows in the table's order,
   which is the group's line order;
3. a negative amount is shared as its size, then negated.

Before any product or sum, the largest values in the table prove that no
integer can leave ``Int128``; otherwise :class:`NotExact` sends the rows to
the scalar engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from xborder.frames._engine import NotExact

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["INT", "allocate", "largest", "largest_of", "safe_sum"]

INT = pl.Int128()
_LIMIT = 2**126  # the engine's margin below Int128's 2**127
_ZERO = pl.lit(0, dtype=INT)


def largest(frame: pl.DataFrame, column: str) -> int:
    """The largest size of an integer in ``column`` (0 for an empty column)."""
    return largest_of(frame, [column])[column]


def largest_of(frame: pl.DataFrame, columns: Sequence[str]) -> dict[str, int]:
    """The largest size of an integer in each of ``columns``, in one pass."""
    names = list(dict.fromkeys(columns))
    if not names:
        return {}
    found = frame.select(
        pl.max_horizontal(
            pl.col(name).cast(INT).max().fill_null(0),
            (_ZERO - pl.col(name).cast(INT).min()).fill_null(0),
        ).alias(name)
        for name in names
    ).row(0)
    return {name: int(value or 0) for name, value in zip(names, found, strict=True)}


def _group_size(frame: pl.DataFrame, group: Sequence[str]) -> int:
    if frame.is_empty():
        return 0
    sizes = frame.group_by(list(group)).len().get_column("len")
    return int(sizes.max() or 0)  # type: ignore[arg-type]


def safe_sum(
    frame: pl.DataFrame, column: str, group: Sequence[str], size: int | None = None
) -> pl.Expr:
    """``column`` summed over each group, once it is proved not to wrap.

    ``size``, when the caller knows it, is the largest group's row count.
    """
    rows = _group_size(frame, group) if size is None else size
    if largest(frame, column) * rows >= _LIMIT:
        raise NotExact(f"a sum of {column} could pass Int128")
    return pl.col(column).cast(INT).sum().over(list(group))


def allocate(
    frame: pl.DataFrame,
    *,
    group: Sequence[str],
    units: str,
    weights: str,
    into: str,
    size: int | None = None,
) -> pl.DataFrame:
    """Add ``into``: each row's largest-remainder share of its group's ``units``.

    ``units`` holds the group's whole number of steps on every row of the
    group; ``weights`` are integers >= 0 on one scale. A group whose
    weights are all zero gets null shares (the caller says what that means:
    an error, a zero, another basis). Ties go to the earlier row in the
    table's order. ``size``, when the caller knows it, is the largest
    group's row count. Window functions are fastest when the table is
    sorted by its first key and the column says so (``set_sorted``).

    Raises:
        NotExact: A product or sum could leave Int128.
    """
    keys = list(group)
    if frame.is_empty():
        return frame.with_columns(pl.lit(None, dtype=INT).alias(into))
    bounds = largest_of(frame, [units, weights])
    biggest_units, biggest_weight = bounds[units], bounds[weights]
    rows = _group_size(frame, keys) if size is None else size
    if biggest_units * biggest_weight >= _LIMIT or biggest_weight * rows >= _LIMIT:
        raise NotExact("a share could pass Int128")
    u, w = pl.col(units).cast(INT), pl.col(weights).cast(INT)
    order, basis, amount = f"{into}__order", f"{into}__basis", f"{into}__units"
    floor, rest, missing = f"{into}__floor", f"{into}__rest", f"{into}__missing"
    steps = frame.with_row_index(order).with_columns(
        w.sum().over(keys).alias(basis),
        pl.when(u < 0).then(_ZERO - u).otherwise(u).alias(amount),
    )
    positive = pl.col(basis) > 0
    steps = steps.with_columns(
        pl.when(positive).then((pl.col(amount) * w) // pl.col(basis)).alias(floor)
    )
    steps = steps.with_columns(
        (pl.col(amount) * w - pl.col(floor) * pl.col(basis)).alias(rest),
        (pl.col(amount) - pl.col(floor).sum().over(keys)).alias(missing),
    )
    share = pl.col(floor)
    if steps.select((pl.col(missing) > 0).any()).item():
        steps = _top_remainders(steps, keys, order, rest, missing, f"{into}__up")
        share = share + pl.col(f"{into}__up").cast(INT)
    result = steps.with_columns(
        pl.when(~positive)
        .then(None)
        .when(u < 0)
        .then(_ZERO - share)
        .otherwise(share)
        .cast(INT)
        .alias(into)
    )
    return result.drop(
        order, basis, amount, floor, rest, missing, f"{into}__up", strict=False
    )


def _top_remainders(  # noqa: PLR0917 - the columns of one step
    steps: pl.DataFrame,
    keys: list[str],
    order: str,
    rest: str,
    missing: str,
    into: str,
) -> pl.DataFrame:
    """``into``: whether a row is among its group's ``missing`` largest remainders.

    One stable sort by group and remainder (largest first), so rows with
    equal remainders stay in the table's order; a row's place in its group
    is its position minus the group's first position.
    """
    ranked = steps.select(*keys, rest, missing, order).sort(
        [*keys, rest],
        descending=[False] * len(keys) + [True],
        maintain_order=True,
        nulls_last=True,
    )
    position = pl.int_range(pl.len(), dtype=pl.Int64)
    first = pl.any_horizontal(
        *(pl.col(key).ne_missing(pl.col(key).shift(1)) for key in keys)
    ) | (position == 0)
    start = pl.when(first).then(position).forward_fill()
    place = position - start
    ranked = ranked.select(
        order, (place.cast(INT) < pl.col(missing)).fill_null(value=False).alias(into)
    ).sort(order)
    return steps.with_columns(ranked.get_column(into))
