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
    found: dict[str, pl.Expr] = {}
    matched: list[pl.Expr] = []
    chains: dict[str, pl.Expr | None] = dict.fromkeys(_GROUPS)
    for pattern in DATE_PATTERNS:
        names = set(re.compile(pattern).groupindex)
        groups = cell.str.extract_groups(pattern)
        hit = groups.struct.field("year").is_not_null()
        earlier = pl.any_horizontal(matched) if matched else pl.lit(value=False)
        first = hit & ~earlier
        for name in _GROUPS:
            if name not in names:
                continue
            value = groups.struct.field(name)
            previous = chains[name]
            chains[name] = (
                pl.when(first).then(value)
                if previous is None
                else previous.when(first).then(value)  # type: ignore[attr-defined]
            )
        matched.append(hit)
    for name, chain in chains.items():
        found[name] = (
            pl.lit(None, dtype=pl.String)
            if chain is None
            else chain.otherwise(pl.lit(None, dtype=pl.String))  # type: ignore[attr-defined]
        )
    any_match = pl.any_horizontal(matched)
    month = (
        pl.when(found["month"].is_not_null())
        .then(found["month"].cast(pl.Int32))
        .otherwise(
            found["name"]
            .str.to_lowercase()
            .replace_strict(dict(MONTH_NAMES), default=None, return_dtype=pl.Int32)
        )
    )
    clock = _on_the_clock(found)
    readable = any_match & month.is_not_null() & clock
    year = found["year"].cast(pl.Int32)
    text = pl.concat_str(
        found["year"],
        pl.lit("-"),
        month.cast(pl.String).str.zfill(2),
        pl.lit("-"),
        found["day"].str.zfill(2),
    )
    day = pl.when(readable & (year >= 1)).then(
        text.str.to_date("%Y-%m-%d", strict=False)
    )
    long = cell.str.len_chars() > CELL_LIMIT
    message = (
        pl.when(cell.is_null() | day.is_not_null())
        .then(pl.lit(None, dtype=pl.String))
        .when(long)
        .then(pl.lit(f"at most {CELL_LIMIT} characters"))
        .when(readable)
        .then(pl.lit(REAL_DAY))
        .otherwise(pl.lit(DATE_EXPECTED))
    )
    frame = pl.DataFrame({"w": words}).select(
        day=pl.when(~long).then(day), message=message
    )
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
