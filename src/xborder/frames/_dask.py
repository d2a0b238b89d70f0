"""Any frames calculator on a Dask DataFrame, partition by partition (private).

Each partition is a pandas DataFrame; the calculator runs on it exactly as
on one machine, so the answers are the same row for row. Row positions in
the errors frame are positions in the whole Dask frame: the partitions'
lengths are counted first. A calculator that needs a group together (the
lines of one shipment) is given ``group=``: the frame is shuffled so that
each group lies in one partition, with the task-based shuffle, which keeps
Arrow decimals intact (the peer-to-peer one turns them into Python objects).

Calculators that aggregate over the whole table (RFM ranks every customer
against all others; a cohort gathers customers from everywhere) run in two
stages instead: each partition is read, checked and aggregated per
customer, then the aggregates are combined once (see ``_staged``). The
result is one partition, equal to the one-machine result; no shuffle is
needed. The search-term report's summary, breakdown, harvest and bid changes
need only the sums per term: each partition is summed per term, and the
calculator runs once on the sums (see ``_reduced``).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, TypeVar, cast

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.frames._bids import BidResult
from xborder.frames._pricing import Result
from xborder.frames._reduced import REDUCIBLE, finish, reduce_partition
from xborder.frames._staged import STAGES
from xborder.kpi import Grouping

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["on_dask"]

R = TypeVar("R", bound=Result | BidResult)


def on_dask(
    calculator: Callable[..., R],
    frame: Any,  # noqa: ANN401 - a dask DataFrame; dask is an optional extra
    /,
    *args: Any,  # noqa: ANN401 - the calculator's own arguments
    group: str | None = None,
    **kwargs: Any,  # noqa: ANN401
) -> R:
    """Run ``calculator(partition, *args, **kwargs)`` on every partition of ``frame``.

    Args:
        calculator: A function of :mod:`xborder.frames` (``unit_economics``,
            ``target_margin_prices``...).
        frame: A ``dask.dataframe.DataFrame``.
        *args: The calculator's positional arguments after the frame.
        group: A column whose groups must be computed together: the frame
            is shuffled on it first.
        **kwargs: The calculator's keyword arguments.

    Returns:
        A :class:`Result` of two lazy Dask DataFrames: the table with the
        calculator's columns, and the errors (``row`` is the position in
        the whole frame). Computing both together computes each partition
        once: ``dask.compute(result.table, result.errors)``.

    Raises:
        InvalidTypeError: ``frame`` is not a Dask DataFrame, or
            ``calculator`` is not one of xborder.frames' calculators.
    """
    dd, delayed = _dask(frame)
    if not callable(calculator) or not getattr(calculator, "__module__", "").startswith(
        "xborder.frames"
    ):
        raise InvalidTypeError(
            field="calculator",
            value=calculator,
            expected="a calculator of xborder.frames",
        )
    if group is not None and (not isinstance(group, str) or group not in frame.columns):
        raise InvalidInputError(field="group", value=group, expected="a column")
    staged = getattr(calculator, STAGES, None)
    reducible = _reducible(calculator, group, kwargs)
    if staged is None and reducible is None:
        _check_partitionable(calculator, group, kwargs)
    if group is not None:
        frame = frame.shuffle(on=group, shuffle_method="tasks")
    lengths = frame.map_partitions(len).compute().tolist()
    offsets = [0, *itertools.accumulate(lengths)][:-1]
    empty = calculator(frame._meta, *args, **kwargs)  # noqa: SLF001 - dask's schema
    if staged is not None:  # an aggregate: per partition, then once over all
        partials = [
            delayed(staged.on_partition)(part, offset, args, kwargs)
            for part, offset in zip(frame.to_delayed(), offsets, strict=True)
        ]
        both = delayed(staged.combine)(partials, args, kwargs)
        table = dd.from_delayed([both[0]], meta=empty.table)
        errors = dd.from_delayed([both[1]], meta=empty.errors)
        return cast("R", Result(table, errors))
    if reducible is not None:  # report-wide: each partition summed, then once
        sums = [
            delayed(reduce_partition)(part, offset, reducible, kwargs)
            for part, offset in zip(frame.to_delayed(), offsets, strict=True)
        ]
        done = delayed(finish)(sums, reducible, kwargs)
        # The amounts' scale is the finest the report's cells have, which an
        # empty frame cannot know: the partition's own types are the answer.
        table = dd.from_delayed([done[0]], meta=empty.table, verify_meta=False)
        errors = dd.from_delayed([done[1]], meta=empty.errors)
        if isinstance(empty, BidResult):
            unbid = dd.from_delayed([done[2]], meta=empty.unbid, verify_meta=False)
            return cast("R", BidResult(table, errors, unbid))
        return cast("R", Result(table, errors))
    results = [
        delayed(_partition)(part, offset, calculator, args, kwargs)
        for part, offset in zip(frame.to_delayed(), offsets, strict=True)
    ]
    table = dd.from_delayed([r[0] for r in results], meta=empty.table)
    errors = dd.from_delayed([r[1] for r in results], meta=empty.errors)
    return cast("R", Result(table, errors))


# Calculators whose rows are independent: any partitioning gives the same rows.
_ROW_WISE = frozenset(
    {
        "unit_economics",
        "break_even_prices",
        "target_margin_prices",
        "target_markup_prices",
        "promotion_lifts",
        "restock_plan",
    }
)
# A breakdown's groups are whole when each lies in one partition: shuffled on
# a column the groups are keyed by as written (search terms and targeting are
# normalised first, so equal groups may differ in the column).
_WHOLE_GROUPS: dict[str, tuple[str, ...]] = {
    Grouping.CAMPAIGN.value: ("campaign",),
    Grouping.AD_GROUP.value: ("campaign", "ad_group"),
    Grouping.TARGETING.value: ("campaign", "ad_group"),
    Grouping.SEARCH_TERM.value: ("campaign", "ad_group"),
    Grouping.MATCH_TYPE.value: (),
}


def _check_partitionable(
    calculator: Callable[..., Any], group: str | None, kwargs: dict[str, Any]
) -> None:
    """Refuse a calculator whose answer partition by partition would be wrong.

    Reading a report (whose format is detected from the whole file)
    belongs on one machine.
    """
    name = getattr(calculator, "__name__", "")
    if name in _ROW_WISE:
        return
    if name == "breakdown" and group is not None and group in _keys(kwargs.get("by")):
        return
    if name == "forecast" and group is not None and group == kwargs.get("sku", "sku"):
        return  # each SKU's history whole in one partition
    raise InvalidInputError(
        field="calculator",
        value=calculator,
        expected=(
            "a calculator whose rows are independent (unit_economics, the solved "
            "prices, promotion_lifts, restock_plan), one computed in two stages "
            "(rfm, customer_summary, cohort_retention, cohort_ltv), one reduced "
            "per partition (summarize, breakdown, harvest, bid_changes), or forecast "
            "with "
            "group= its SKU column; run the others on one machine"
        ),
    )


def _reducible(
    calculator: Callable[..., Any], group: str | None, kwargs: dict[str, Any]
) -> str | None:
    """The name of a report-wide calculator that runs reduced (see ``_reduced``).

    A breakdown shuffled on a column it groups by runs group-wise instead.
    """
    name = getattr(calculator, "__name__", "")
    home = REDUCIBLE.get(name)
    if home is None or calculator.__module__ != home.__name__:
        return None
    if name == "breakdown" and group is not None and group in _keys(kwargs.get("by")):
        return None
    return name


def _keys(by: object) -> tuple[str, ...]:
    """The columns a breakdown's groups are keyed by as written."""
    if isinstance(by, str):
        return _WHOLE_GROUPS.get(by, (by,))
    if isinstance(by, list | tuple) and all(isinstance(c, str) for c in by):
        return tuple(by)
    return ()


def _dask(frame: object) -> tuple[Any, Any]:
    try:
        import dask.dataframe as dd  # noqa: PLC0415 - the optional dask extra
        from dask.delayed import delayed  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the extra is installed in CI
        raise InvalidTypeError(
            'install the extra: pip install "xborder[dask]"',
            field="frame",
            value=frame,
            expected="a Dask DataFrame",
        ) from None
    if not isinstance(frame, dd.DataFrame):
        raise InvalidTypeError(field="frame", value=frame, expected="a Dask DataFrame")
    return dd, delayed


def _partition(
    part: Any,  # noqa: ANN401 - a pandas DataFrame
    offset: int,
    calculator: Callable[..., Result],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> tuple[Any, Any]:
    """One partition's table and errors, rows numbered in the whole frame."""
    result = calculator(part, *args, **kwargs)
    errors = result.errors.copy()
    errors["row"] = errors["row"] + offset
    return result.table, errors
