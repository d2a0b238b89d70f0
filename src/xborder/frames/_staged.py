"""Calculators that aggregate: one stage per partition, one over all of them (private).

RFM scores rank every customer against every other, and a cohort gathers
customers from anywhere in the table, so these calculators cannot run on
each part of a table alone. They run in two stages, on one machine as on
Dask:

1. **partial**, on each partition (the whole table on one machine): the
   rows are read and checked, and aggregated per customer (or per customer
   and month): sums, counts, first and last days. Each is exact, and each
   combines exactly with the same aggregate of another partition.
2. **final**, once, on the partial aggregates of every partition: they are
   combined (sums added, first days kept...) and the figures computed.

One machine runs the same two stages over one partition, so a Dask result
is the one-machine result, row for row. Partial aggregates are much smaller
than the orders (one row per customer), and the final stage runs where Dask
gathers them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

import attrs
import polars as pl

from xborder._guard import guarded
from xborder.errors import InvalidInputError
from xborder.frames._errors import SCHEMA, raise_first
from xborder.frames._native import Native, native
from xborder.frames._pricing import Result

__all__ = [
    "STAGES",
    "Partial",
    "Staged",
    "as_pandas",
    "checked_sums",
    "grouped",
    "out",
    "rescaled",
]

STAGES = "__xborder_stages__"
"""The attribute naming a calculator's :class:`Staged` (read by ``on_dask``)."""


class _Settings(Protocol):
    @property
    def mode(self) -> str: ...


S = TypeVar("S", bound=_Settings)


@attrs.frozen
class Partial:
    """One partition's aggregate, the scales of its unscaled columns, its errors."""

    table: pl.DataFrame
    scales: dict[str, int]
    errors: pl.DataFrame


@attrs.frozen
class Staged(Generic[S]):
    """A calculator in two stages (see the module's docstring).

    Attributes:
        settings: Checks the calculator's arguments (all keyword).
        partial: One partition's aggregate, its rows numbered from ``offset``.
        final: The result table from every partition's aggregate.
    """

    settings: Callable[..., S]
    partial: Callable[[pl.DataFrame, int, S], Partial]
    final: Callable[[Sequence[Partial], S], pl.DataFrame]

    def run(self, frame: object, kwargs: dict[str, Any]) -> Result:
        """Both stages on one machine: the calculator itself."""
        settings = self.settings(**kwargs)
        given = native(frame)
        table, errors = self._finish([self.partial(given.frame, 0, settings)], settings)
        return Result(out(given, table), out(given, errors))

    def on_partition(
        self,
        part: Any,  # noqa: ANN401 - a pandas partition
        offset: int,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Partial:
        """The partial stage of one Dask partition."""
        return guarded(self._on_partition)(part, offset, args, kwargs)

    def combine(
        self, partials: Sequence[Partial], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[Any, Any]:
        """The final stage over every partition: the table and errors, in pandas."""
        return guarded(self._combine)(partials, args, kwargs)

    def _on_partition(
        self,
        part: Any,  # noqa: ANN401
        offset: int,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Partial:
        settings = self.settings(*args, **kwargs)
        return self.partial(native(part).frame, offset, settings)

    def _combine(
        self, partials: Sequence[Partial], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[Any, Any]:
        settings = self.settings(*args, **kwargs)
        table, errors = self._finish(partials, settings)
        return as_pandas(table), as_pandas(errors)

    def _finish(
        self, partials: Sequence[Partial], settings: S
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        found = [p.errors for p in partials if p.errors.height]
        errors = (
            pl.concat(found, how="vertical_relaxed").sort("row", maintain_order=True)
            if found
            else pl.DataFrame(schema=SCHEMA)
        )
        if settings.mode == "raise":
            raise_first(errors)
        return self.final(partials, settings), errors


def out(given: Native, table: pl.DataFrame) -> Any:  # noqa: ANN401 - the caller's kind
    """A new table (not the caller's rows) in the caller's library.

    pandas gets a fresh index: the caller's row labels belong to its rows,
    not to customers or cohorts.
    """
    if given.library == "pandas":
        return as_pandas(table)
    return given.back(table)


def as_pandas(table: pl.DataFrame) -> Any:  # noqa: ANN401 - pandas is optional
    """``table`` as pandas with Arrow-backed columns (what a Dask partition holds)."""
    return table.to_pandas(use_pyarrow_extension_array=True)


def rescaled(
    table: pl.DataFrame, column: str, given: int, scale: int, field: str
) -> pl.DataFrame:
    """``column``'s unscaled integers from scale ``given`` to the finer ``scale``."""
    if given == scale:
        return table
    return checked_sums(
        lambda: table.with_columns(pl.col(column) * 10 ** (scale - given)), field
    )


_T = TypeVar("_T")


def checked_sums(compute: Callable[[], _T], column: str) -> _T:
    """Run ``compute``; a Decimal(38) overflow (polars raises) names ``column``."""
    try:
        return compute()
    except pl.exceptions.ComputeError as error:
        if "overflow" not in str(error):
            raise
        raise InvalidInputError(
            "a total does not fit a 38-digit Decimal column",
            field=column,
            value="a total past 38 digits",
            expected="totals of at most 38 digits at the column's scale",
        ) from None


def grouped(
    table: pl.DataFrame | pl.LazyFrame,
    by: Sequence[str | pl.Expr],
    aggregates: Sequence[pl.Expr],
    field: str,
) -> pl.DataFrame:
    """``table`` grouped ``by`` and aggregated, every Decimal sum checked.

    Run lazily: polars' lazy engine raises when a Decimal(38) sum overflows,
    where an eager group-by can keep a total past 38 digits.
    """
    plan = table.lazy().group_by(*by).agg(*aggregates)
    return checked_sums(plan.collect, field)
