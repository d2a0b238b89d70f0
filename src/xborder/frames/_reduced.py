"""Report-wide search-term calculators on Dask: partitions reduced, then once (private).

A summary, a breakdown, a harvest and bid changes look at the whole
report: a term's rows may sit in any partition, and a harvest compares
every term with every exact keyword anywhere. Each of them depends on the
report's rows only through the sums of its valid rows per (campaign, ad
group, targeting, match type, search term) and the columns it groups by:
every figure is a sum, or an exact ratio of sums, and every check of a row
(clicks within impressions, orders within clicks) holds for a sum when it
holds for each row. So each partition is

1. read and checked as on one machine (its errors numbered in the whole
   frame), its valid rows summed per key, and the scale its amounts were
   read at kept (a text column's finest digits count, bad rows' too);

and once, over the partitions' sums,

2. the sums are added per key into a report of the same columns (amounts as
   Decimal at the finest scale any partition read), and the calculator runs
   on it.

The result is the one-machine result, row for row: the same sums, the same
scale, the same groups. The reduced report has one row per key, usually
far fewer than the report's rows; it is gathered where Dask runs step 2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder._guard import guarded
from xborder.errors import InvalidInputError
from xborder.frames import _bids, _kpi
from xborder.frames._columns import decimals
from xborder.frames._errors import SCHEMA, raise_first
from xborder.frames._native import native
from xborder.frames._search_terms import AMOUNTS, COUNTS, TEXTS, read_terms
from xborder.frames._staged import as_pandas, grouped, rescaled

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from xborder.frames._pricing import Result

__all__ = ["REDUCIBLE", "finish", "reduce_partition"]

REDUCIBLE = {
    "summarize": _kpi,
    "breakdown": _kpi,
    "harvest": _kpi,
    "bid_changes": _bids,
}
"""The report-wide calculators that run on Dask reduced, and their modules."""

_KEY = (*TEXTS, "match_type")
_INT64 = 2**63


@attrs.frozen
class Reduced:
    """One partition's sums per key, the scale its amounts were read at, its errors."""

    sums: pl.DataFrame
    scale: int
    errors: pl.DataFrame


def reduce_partition(
    part: Any,  # noqa: ANN401 - a pandas partition
    offset: int,
    name: str,
    kwargs: dict[str, Any],
) -> Reduced:
    """Step 1 on one partition (see the module's docstring)."""
    return guarded(_reduce)(part, offset, name, kwargs)


def finish(
    reduced: Sequence[Reduced], name: str, kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Step 2 once: the calculator's table and every partition's errors, in pandas.

    Bid changes add a third table, the unbid targets.
    """
    return guarded(_finish)(reduced, name, kwargs)


def _extra(name: str, kwargs: dict[str, Any]) -> tuple[str, ...]:
    """The caller's own columns a breakdown groups by (kept in the sums' key)."""
    if name != "breakdown":
        return ()
    return tuple(c for c in _kpi.group_keys(kwargs.get("by")) if c not in _KEY)


def _reduce(part: Any, offset: int, name: str, kwargs: dict[str, Any]) -> Reduced:  # noqa: ANN401
    extra = _extra(name, kwargs)
    terms = read_terms(
        native(part).frame,
        kwargs.get("report"),  # type: ignore[arg-type]  # read_terms checks it
        floats=kwargs.get("floats", "refuse"),
        errors="report",
        extra=extra,
    )
    sums = grouped(
        terms.rows,
        [*_KEY, *extra],
        [
            *(pl.col(c).cast(pl.Int128).sum() for c in COUNTS),
            *(pl.col(c).sum() for c in AMOUNTS),
        ],
        "frame",
    )
    errors = terms.errors.with_columns(pl.col("row") + offset)
    return Reduced(sums, terms.scale, errors)


def _finish(
    reduced: Sequence[Reduced], name: str, kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    found = [r.errors for r in reduced if r.errors.height]
    errors = (
        pl.concat(found, how="vertical_relaxed")
        if found
        else pl.DataFrame(schema=SCHEMA)
    )
    if kwargs.get("errors") == "raise":
        raise_first(errors)  # the first bad row of the whole frame, as one machine
    extra = _extra(name, kwargs)
    scale = max(r.scale for r in reduced)
    parts = [_rescaled(r, scale) for r in reduced]
    sums = grouped(
        pl.concat(parts, how="vertical_relaxed"),
        [*_KEY, *extra],
        [pl.col(c).sum() for c in (*COUNTS, *AMOUNTS)],
        "frame",
    )
    report = sums.with_columns(
        pl.col("match_type").cast(pl.String),
        *(_count(sums, c) for c in COUNTS),
        *(_amount(sums, c, scale) for c in AMOUNTS),
    )
    calculator: Callable[..., Result | _bids.BidResult]
    calculator = getattr(REDUCIBLE[name], name)
    result = calculator(report, **{**kwargs, "errors": "report"})
    if isinstance(result, _bids.BidResult):
        return as_pandas(result.table), as_pandas(errors), as_pandas(result.unbid)
    return as_pandas(result.table), as_pandas(errors)


def _rescaled(part: Reduced, scale: int) -> pl.DataFrame:
    """A partition's amount sums at the finest scale of all (overflow named)."""
    sums = part.sums
    for column in AMOUNTS:
        sums = rescaled(sums, column, part.scale, scale, f"frame.{column}")
    return sums


def _count(sums: pl.DataFrame, column: str) -> pl.Series:
    """A count total as Int64, as one machine reads it; past 2**63, refused."""
    values = sums.get_column(column)
    if values.len() and int(values.max() or 0) >= _INT64:  # type: ignore[arg-type]
        raise InvalidInputError(
            "the reduced report holds counts as Int64",
            field=f"frame.{column}",
            value="a total of 2**63 or more",
            expected="a total below 2**63",
        )
    return values.cast(pl.Int64)


def _amount(sums: pl.DataFrame, column: str, scale: int) -> pl.Series:
    values = sums.get_column(column).cast(pl.Decimal(38, 0))
    bound = int(values.abs().max() or 0)  # type: ignore[arg-type]
    return decimals(values, scale, bound).alias(column)
