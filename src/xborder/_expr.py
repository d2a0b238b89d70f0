"""Rounding on polars integer columns, for every columnar engine (private).

The frames calculators (:mod:`xborder.frames`) and the ledger's P&L table
(:mod:`xborder.ledger`) both round exact integer columns with the modes of
:mod:`decimal`; this is the one description of that rounding on columns,
as :func:`xborder._ops.round_ratio` is on Python integers. It imports
polars, so only those engines import it, when a table is given.
"""

from __future__ import annotations

from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
)

import polars as pl

__all__ = ["rounded_ratio", "steps_up"]


def steps_up(
    rounding: str,
    rest: pl.Expr,
    divisor: int | pl.Expr,
    number: pl.Expr,
    floor: pl.Expr,
) -> pl.Expr:
    """Whether ``number ÷ divisor`` rounds to ``floor + 1`` (see ``round_ratio``)."""
    inexact = rest != 0
    negative = number < 0
    directed = {
        ROUND_FLOOR: pl.lit(value=False),
        ROUND_CEILING: inexact,
        ROUND_DOWN: inexact & negative,
        ROUND_UP: inexact & ~negative,
    }
    if rounding in directed:
        return directed[rounding]
    past_half = 2 * rest - divisor
    tie = past_half == 0
    on_a_tie = {
        ROUND_HALF_UP: ~negative,  # away from zero
        ROUND_HALF_DOWN: negative,  # toward zero
        ROUND_HALF_EVEN: (floor - (floor // 2) * 2) == 1,  # to the even one
    }
    return (past_half > 0) | (tie & on_a_tie[rounding])


def rounded_ratio(number: pl.Expr, divisor: int | pl.Expr, rounding: str) -> pl.Expr:
    """``number ÷ divisor`` (integers, the divisor > 0) rounded to an integer.

    The caller keeps ``number`` and ``divisor`` within their integer type.
    """
    floor = number // divisor
    rest = number - floor * divisor
    return floor + steps_up(rounding, rest, divisor, number, floor).cast(pl.Int128)
