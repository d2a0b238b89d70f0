"""Rows that cannot be computed: reported, never dropped (private).

Each calculator checks every row as the scalar calculator checks its
arguments. A row that fails is kept in the result with empty figures, and
the errors frame says why: one row per problem, with the input row's
position, the column, the cell as text and the message. With
``errors="raise"`` the first problem raises instead, as an
:class:`~xborder.errors.InvalidInputError` naming ``rows[i].column``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from xborder.errors import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.frames._columns import Problem

__all__ = ["ERRORS", "ROW", "bad_rows", "check_mode", "errors_frame", "raise_first"]

ROW = "__xb_row"
"""The engine's row-position column."""

ERRORS = ("report", "raise")

SCHEMA = {"row": pl.Int64, "field": pl.String, "value": pl.String, "message": pl.String}


def check_mode(errors: object) -> str:
    """``errors`` is ``"report"`` or ``"raise"``."""
    if not isinstance(errors, str) or errors not in ERRORS:
        raise InvalidInputError(
            field="errors", value=errors, expected="'report' or 'raise'"
        )
    return str(errors)


def bad_rows(problems: Sequence[Problem]) -> pl.Expr:
    """True on the rows with at least one problem."""
    if not problems:
        return pl.lit(value=False)
    return pl.any_horizontal(*(p.bad.fill_null(value=False) for p in problems))


def errors_frame(frame: pl.DataFrame, problems: Sequence[Problem]) -> pl.DataFrame:
    """The first problem of each cell found in ``frame``, in input order.

    A check on a cell that could not be read at all is null, not a second
    problem: the cell is reported once, as unreadable.
    """
    if problems:
        # One pass finds the rows with a problem (usually none); each
        # problem is then looked for among those rows only.
        frame = frame.filter(bad_rows(problems))
    parts = [
        frame.filter(problem.bad.fill_null(value=False)).select(
            row=pl.col(ROW).cast(pl.Int64),
            field=pl.lit(problem.field),
            value=_shown(problem.field, frame),
            message=pl.concat_str(
                pl.lit(f"{problem.field}: expected "),
                _expected(problem.expected),
                pl.lit(", got "),
                _shown(problem.field, frame).fill_null("nothing"),
            ),
        )
        for problem in problems
    ]
    if not parts:
        return pl.DataFrame(schema=SCHEMA)
    found = pl.concat(parts).sort("row", maintain_order=True)
    return found.unique(["row", "field"], keep="first", maintain_order=True)


def _expected(expected: str | pl.Expr) -> pl.Expr:
    """What was expected: the same text on every row, or per row (an expression)."""
    return expected if isinstance(expected, pl.Expr) else pl.lit(expected)


def _shown(column: str, frame: pl.DataFrame) -> pl.Expr:
    if column in frame.schema:
        return pl.col(column).cast(pl.String)
    return pl.lit(None, dtype=pl.String)


def raise_first(errors: pl.DataFrame) -> None:
    """Raise the first problem as an InvalidInputError naming ``rows[i].column``."""
    if errors.is_empty():
        return
    row, field, value, message = errors.row(0)
    expected = message.split(": expected ", 1)[-1].rsplit(", got ", 1)[0]
    raise InvalidInputError(
        field=f"rows[{row}].{field}", value=value, expected=expected
    )
