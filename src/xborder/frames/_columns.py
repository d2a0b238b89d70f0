"""Reading a table's numbers exactly, and naming the rows that are wrong (private).

A money column enters the engine as whole minor units at the currency's
scale, held in a ``Decimal(38, 0)`` column. Decimal columns are re-read
without a copy (Arrow stores a decimal as its unscaled integer, whatever its
declared precision), integer columns are scaled, text columns are parsed
strictly (ASCII digits, an optional sign and point; no grouping: normalise
report cells first), and float columns are refused by name, as floats are
everywhere in xborder, unless the caller opts in to reading each float as
the shortest decimal that prints it (``2.675`` is read as ``2.675``).

A cell that cannot be read, or that breaks a rule the scalar calculator
checks (a price that is not a whole number of cents, a negative cost), is
not an exception: it becomes a :class:`Problem` for its row, and the row is
reported in the errors frame.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import polars as pl
import pyarrow as pa

from xborder.errors import InvalidInputError, InvalidTypeError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["FLOATS", "Problem", "Read", "read_amount", "read_exact"]

FLOATS = ("refuse", "shortest")
"""How a float column is read: refused (the default), or each float as the
shortest decimal that prints it."""

_WHOLE = pl.Decimal(38, 0)
_TEXT = r"^[+-]?(?:\d+\.?\d*|\.\d+)$"
_MAX_DECIMALS = 30


@attrs.frozen
class Problem:
    """Rows where ``bad`` holds fail with ``expected`` for ``field``.

    ``expected`` is text, or an expression when it names the row's values.
    """

    field: str
    bad: pl.Expr
    expected: str | pl.Expr


@attrs.frozen
class Read:
    """A column read: its Int128 name in the frame, and the rows that failed."""

    name: str
    problems: tuple[Problem, ...]


def read_amount(
    frame: pl.DataFrame,
    column: str,
    *,
    scale: int,
    into: str,
    floats: str,
    unit: str,
) -> tuple[pl.DataFrame, Read]:
    """Add ``into``: ``column`` in steps of ``10**-scale``, or null where unreadable.

    ``unit`` names the step in messages ("0.01 USD").
    """
    _check_exists(frame, column)
    dtype = frame.schema[column]
    series = frame.get_column(column)
    if dtype.is_float():
        if floats != "shortest":
            raise InvalidTypeError(
                "floats are binary approximations of money; read the column as "
                "Decimal or text, or pass floats='shortest' to read each float "
                "as the shortest decimal that prints it",
                field=column,
                value=str(dtype),
                expected="a Decimal, integer or text column",
            )
        series = _shortest(series)
        dtype = series.dtype
    if isinstance(dtype, pl.Decimal):
        integers, given = _unscaled(series), dtype.scale or 0
    elif dtype.is_integer():
        integers, given = series.cast(_WHOLE), 0
    elif dtype == pl.String:
        integers, given = _parsed(series)
    else:
        raise InvalidTypeError(
            field=column,
            value=str(dtype),
            expected="a Decimal, integer or text column",
        )
    frame = frame.with_columns(integers.alias(into))
    return _to_scale(
        frame, column=column, into=into, given=given, scale=scale, unit=unit
    )


def read_exact(
    frame: pl.DataFrame, column: str, *, at_least: int, into: str, floats: str
) -> tuple[pl.DataFrame, Read, int]:
    """Add ``into``: ``column``'s exact values in steps of ``10**-scale``.

    The scale is ``at_least``, or finer if the column's own digits are finer
    (a Decimal column's scale, a text column's longest fraction), so that no
    value is ever rounded. Returns the frame, the read and the scale.
    """
    _check_exists(frame, column)
    dtype = frame.schema[column]
    given = 0
    if isinstance(dtype, pl.Decimal):
        given = dtype.scale or 0
    elif dtype == pl.String:
        given = _text_scale(frame.get_column(column))
    elif dtype.is_float() and floats == "shortest":
        given = _text_scale(_shortest(frame.get_column(column)))
    scale = max(at_least, given)
    frame, read = read_amount(
        frame, column, scale=scale, into=into, floats=floats, unit=f"1E-{scale}"
    )
    return frame, read, scale


def _text_scale(series: pl.Series) -> int:
    fraction = series.str.strip_chars().str.extract(r"\.(\d*)$").str.len_chars()
    return min(int(fraction.max() or 0), _MAX_DECIMALS)  # type: ignore[arg-type]


def _check_exists(frame: pl.DataFrame, column: str) -> None:
    if not isinstance(column, str):
        raise InvalidTypeError(field="column", value=column, expected="a column name")
    if column not in frame.schema:
        raise InvalidInputError(
            field=column,
            value=list(frame.columns)[:20],
            expected=f"a column named {column!r}",
        )


def _unscaled(series: pl.Series) -> pl.Series:
    """A decimal column's unscaled integers, as Decimal(38, 0), without a copy."""
    return _retyped(series, 38, 0)


def _retyped(series: pl.Series, precision: int, scale: int) -> pl.Series:
    """The same 128-bit integers read as decimals of another precision and scale.

    Arrow's decimal128 stores the unscaled integer in 16 bytes whatever the
    type says, so changing the type moves the point without touching a value.
    """
    # Through a one-column frame: Series.to_arrow concatenates the chunks
    # (a copy of every value), a frame's column keeps them as they are.
    array = series.to_frame().to_arrow().column(0)
    chunks = array.chunks
    kind = pa.decimal128(precision, scale)
    typed = [
        pa.Array.from_buffers(
            kind,
            len(chunk),
            chunk.buffers(),
            null_count=chunk.null_count,
            offset=chunk.offset,
        )
        for chunk in chunks
    ]
    result = pl.from_arrow(pa.chunked_array(typed, kind))
    return result.alias(series.name)  # type: ignore[union-attr]


def _parsed(series: pl.Series) -> tuple[pl.Series, int]:
    """Strict decimal text: at most 30 decimals; anything else is null."""
    text = series.str.strip_chars()
    fraction = text.str.extract(r"\.(\d*)$").str.len_chars().fill_null(0)
    scale = min(int(fraction.max() or 0), _MAX_DECIMALS)  # type: ignore[arg-type]
    valid = text.str.contains(_TEXT) & (fraction <= _MAX_DECIMALS)
    numbers = text.cast(pl.Decimal(38, scale), strict=False)
    kept = pl.select(pl.when(valid).then(numbers)).to_series()
    return _unscaled(kept), scale


def _shortest(series: pl.Series) -> pl.Series:
    """Each float as the shortest decimal that prints it (exponents included)."""
    values = [None if x is None else _decimal_or_none(x) for x in series.to_list()]
    return pl.Series(series.name, [None if v is None else str(v) for v in values])


def _decimal_or_none(value: float) -> Decimal | None:
    number = Decimal(repr(value))
    return number if number.is_finite() else None


def _to_scale(
    frame: pl.DataFrame,
    *,
    column: str,
    into: str,
    given: int,
    scale: int,
    unit: str,
) -> tuple[pl.DataFrame, Read]:
    raw = pl.col(into)
    # A null the reader made from a cell that was there is a bad cell; a
    # cell that was empty is missing. Both fail the row.
    problems = [Problem(column, raw.is_null(), "a number")]
    if given < scale:
        # Scaled up, a 38-digit integer could overflow (polars raises): the
        # cells too long for the scale are reported, the rest are scaled.
        flag = f"{into}_fits"
        fits = raw.abs() < 10 ** (38 - (scale - given))
        frame = frame.with_columns(fits.alias(flag))
        kept = pl.when(pl.col(flag) | raw.is_null()).then(raw).otherwise(0)
        frame = frame.with_columns(kept * 10 ** (scale - given))
        digits = f"at most {38 - scale} digits before the point"
        problems.append(Problem(column, ~pl.col(flag), digits))
    elif given > scale:
        step = 10 ** (given - scale)
        # Checked on the digits as given, before they are scaled down.
        flag = f"{into}_whole"
        frame = frame.with_columns((raw - (raw // step) * step == 0).alias(flag))
        frame = frame.with_columns(raw // step)
        problems.append(Problem(column, ~pl.col(flag), f"a whole number of {unit}"))
    return frame, Read(into, tuple(problems))


def problems_in(reads: Iterator[Read]) -> list[Problem]:
    """Every problem of every read, in order."""
    return [problem for read in reads for problem in read.problems]


def decimals(series: pl.Series, scale: int, bound: int) -> pl.Series:
    """Unscaled Decimal(38, 0) integers as decimals at ``scale``, without a copy.

    The precision is 18 where the values allow it, so that pandas and Arrow
    users can add two result columns (Arrow refuses a sum of two 38-digit
    decimal types), else 38.
    """
    return _retyped(series, 18 if bound < 10**18 else 38, scale)
