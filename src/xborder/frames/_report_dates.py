"""A report's date cells, read by the date patterns compiled to polars (private).

:func:`xborder.reports.parse_date` tries :data:`~xborder.reports.DATE_PATTERNS`
in order and the first that matches decides; the month comes from its digits
or from :data:`xborder.reports.rules.MONTH_NAMES`; a time must be on the
clock (:data:`~xborder.reports.rules.CLOCK`); the day must exist. The same
steps here run over a whole column: each pattern is a
``str.extract_groups`` (the patterns use only syntax Python's and Rust's
engines read alike), the first match's groups are kept, and the day is
built and checked by polars' calendar.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import polars as pl

from xborder.reports.rules import (
    CELL_LIMIT,
    CLOCK,
    DATE_EXPECTED,
    DATE_PATTERNS,
    MONTH_NAMES,
    REAL_DAY,
)

__all__ = ["Dates", "parse_dates"]

_GROUPS = ("year", "month", "name", "day", "hour", "minute", "second", "half")


@attrs.frozen
class Dates:
    """Each cell's day (null where it does not read) and, if not, why."""

    day: pl.Series
    message: pl.Series


def parse_dates(words: pl.Series) -> Dates:
    """Every cell of ``words`` (stripped text; null: no cell) as a date."""
    cell = pl.col("w")
    frame = pl.DataFrame({"w": words}).with_columns(
        cell.str.extract_groups(pattern).alias(f"p{index}")
        for index, pattern in enumerate(DATE_PATTERNS)
    )
    matched = [
        pl.col(f"p{index}").struct.field("year").is_not_null()
        for index in range(len(DATE_PATTERNS))
    ]
    found: dict[str, pl.Expr] = {}
    for name in _GROUPS:
        chain: Any = None
        for index, pattern in enumerate(DATE_PATTERNS):
            if name not in re.compile(pattern).groupindex:
                continue
            value = pl.col(f"p{index}").struct.field(name)
            chain = (pl.when if chain is None else chain.when)(matched[index]).then(
                value
            )
        found[name] = (
            pl.lit(None, dtype=pl.String)
            if chain is None
            else chain.otherwise(pl.lit(None, dtype=pl.String))
        )
    # The first pattern that matches decides: its groups, in pattern order.
    frame = frame.select("w", any_match=pl.any_horizontal(matched), **found)
    columns = {name: pl.col(name) for name in _GROUPS}
    month = (
        pl.when(columns["month"].is_not_null())
        .then(columns["month"].cast(pl.Int32))
        .otherwise(
            columns["name"]
            .str.to_lowercase()
            .replace_strict(dict(MONTH_NAMES), default=None, return_dtype=pl.Int32)
        )
    )
    readable = pl.col("any_match") & month.is_not_null() & _on_the_clock(columns)
    text = pl.concat_str(
        columns["year"],
        pl.lit("-"),
        month.cast(pl.String).str.zfill(2),
        pl.lit("-"),
        columns["day"].str.zfill(2),
    )
    year = columns["year"].cast(pl.Int32)
    day = pl.when(readable & (year >= 1)).then(
        text.str.to_date("%Y-%m-%d", strict=False)
    )
    long = cell.str.len_chars() > CELL_LIMIT
    frame = frame.select(
        day=pl.when(~long).then(day),
        readable=readable,
        long=long,
        given=cell.is_not_null(),
    )
    message = (
        pl.when(~pl.col("given") | pl.col("day").is_not_null())
        .then(pl.lit(None, dtype=pl.String))
        .when(pl.col("long"))
        .then(pl.lit(f"at most {CELL_LIMIT} characters"))
        .when(pl.col("readable"))
        .then(pl.lit(REAL_DAY))
        .otherwise(pl.lit(DATE_EXPECTED))
    )
    frame = frame.select("day", message=message)
    return Dates(frame.get_column("day"), frame.get_column("message"))


def _on_the_clock(found: dict[str, pl.Expr]) -> pl.Expr:
    """A time, if written, within the clock: hours, minutes, seconds, AM/PM."""
    hours, minutes, half_day = CLOCK
    hour = found["hour"].cast(pl.Int32)
    minute = found["minute"].cast(pl.Int32)
    second = found["second"].cast(pl.Int32).fill_null(0)
    twelve = found["half"].is_not_null()
    good_hour = (
        pl.when(twelve).then((hour >= 1) & (hour <= half_day)).otherwise(hour < hours)
    )
    good = good_hour & (minute < minutes) & (second < minutes)
    untimed = found["hour"].is_null() | found["minute"].is_null()
    return untimed | good
