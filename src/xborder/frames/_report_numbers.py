"""A report's number cells, read by the grammar compiled to polars (private).

The grammar is :class:`xborder.reports.NumberFormat`'s data and
:mod:`xborder.reports.rules`: the cell stripped of ``STRIP_CHARS``, matched
with the format's :attr:`~xborder.reports.NumberFormat.pattern`
(``str.extract_groups``: the regular expression is written for Python's and
Rust's engines alike), its groups checked as step 3 says, the thousands
separators dropped and the decimal one read as the point, the sign applied,
then the kind's rule (marks, ``%``, decimal separator). A cell comes out as
an exact integer and its scale (digits after the point), never a float.

The file's format is decided as :func:`xborder.reports.read_records`
decides it: the sample narrows the candidates, and later cells narrow them
further, in reading order (row by row, column by column); each cell is read
by the first format still standing.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import attrs
import numpy as np
import polars as pl

from xborder.errors import InvalidInputError
from xborder.reports.rules import CELL_LIMIT, NEGATIVE_SIGNS, NumberRule

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from xborder.reports import NumberFormat

__all__ = ["AMBIGUOUS", "BAD", "UNCLEAR", "Decision", "Parsed", "decide", "parse"]

_WIDEST = 38  # digits a Decimal(38, s) column holds
AMBIGUOUS = (
    "numbers whose format the file makes clear (pass number_format: "
    "xborder.reports.EN_NUMBERS, DE_NUMBERS...)"
)
"""What a cell the surviving formats read as different numbers is told."""


@attrs.frozen
class Parsed:
    """Cells read under one format: whether each reads, its digits and scale.

    ``digits`` is the signed integer ``value × 10**scale`` (Int128), null
    where the cell does not read; ``message`` says what was expected.
    """

    ok: pl.Series
    digits: pl.Series
    scale: pl.Series
    message: pl.Series


def parse(words: pl.Series, number_format: NumberFormat, rule: NumberRule) -> Parsed:
    """Every cell of ``words`` (stripped text; null: no cell) under one format."""
    pattern = number_format.pattern
    names = set(re.compile(pattern).groupindex)
    cell = pl.col("w")
    groups = cell.str.extract_groups(pattern)

    def group(name: str) -> pl.Expr:
        if name in names:
            return groups.struct.field(name)
        return pl.lit(None, dtype=pl.String)

    def present(name: str) -> pl.Expr:
        return group(name).is_not_null()

    number = group("number")
    opened, closed = present("open"), present("close")
    signs = (
        present("lead").cast(pl.Int8)
        + present("inner").cast(pl.Int8)
        + present("trail").cast(pl.Int8)
    )
    marked = present("before") | present("after")
    percent = present("percent")
    long = cell.str.len_chars() > CELL_LIMIT
    shape = (
        number.is_not_null()
        & (opened == closed)
        & (signs + opened.cast(pl.Int8) <= 1)
        & ~(present("before") & present("after"))
        & ~long
    )
    kind = pl.lit(value=True)
    if not rule.percent:
        kind = kind & ~percent
    if not rule.marks:
        kind = kind & ~marked
    if not rule.fraction:
        kind = kind & ~cell.str.contains(number_format.decimal, literal=True)
    plain = number
    for separator in number_format.thousands:
        plain = plain.str.replace_all(separator, "", literal=True)
    point = re.escape(number_format.decimal)
    fraction = plain.str.extract(f"{point}([0-9]+)$", 1).str.len_chars().fill_null(0)
    text = plain.str.replace(number_format.decimal, "", literal=True)
    scale = fraction.cast(pl.Int32)
    if rule.percent:
        scale = scale + pl.when(percent).then(2).otherwise(0).cast(pl.Int32)
    minus = list(NEGATIVE_SIGNS)
    negative = (
        opened
        | group("lead").is_in(minus).fill_null(value=False)
        | group("inner").is_in(minus).fill_null(value=False)
        | present("trail")
    )
    magnitude = text.cast(pl.Int128, strict=False)
    digits = (
        pl.when(negative).then(pl.lit(0, pl.Int128) - magnitude).otherwise(magnitude)
    )
    fits = text.str.len_chars() <= _WIDEST
    ok = (shape & kind & fits & magnitude.is_not_null()).fill_null(value=False)
    expected = number_format.expected(rule)
    message = (
        pl.when(long)
        .then(pl.lit(f"at most {CELL_LIMIT} characters"))
        .when(shape & kind & ~fits)
        .then(pl.lit(f"a number of at most {_WIDEST} digits"))
        .otherwise(pl.lit(expected))
    )
    frame = pl.DataFrame({"w": words}).select(
        ok=ok & cell.is_not_null(),
        digits=pl.when(ok).then(digits),
        scale=scale,
        message=message,
    )
    return Parsed(
        frame.get_column("ok"),
        frame.get_column("digits"),
        frame.get_column("scale"),
        frame.get_column("message"),
    )


@attrs.frozen
class Decision:
    """Which format reads each cell: an index into the candidates, or a flag.

    ``reader`` has one entry per (row, column), row-major: the index of the
    format that reads the cell, :data:`BAD` if none does, or
    :data:`UNCLEAR` if the surviving formats read it differently.
    ``survivor`` is the format reading the file at its end.
    """

    reader: np.ndarray
    survivor: int


BAD = -1
UNCLEAR = -2


def decide(
    masks: np.ndarray,
    present: np.ndarray,
    *,
    decimals: Sequence[str],
    sample: int,
    agree: Callable[[int, int], bool],
    cells: Callable[[int], str],
) -> Decision:
    """Run the detection of :func:`xborder.reports.read_records` over bit masks.

    Args:
        masks: Per cell (row-major), bit ``i`` set if candidate ``i`` reads it.
        present: Per cell, whether there is a number to read (not missing).
        decimals: Each candidate's decimal separator.
        sample: How many rows decide the format before reading.
        agree: Whether every survivor in a set (bit mask) reads cell ``i``
            as the same number.
        cells: Cell ``i``'s text, for messages.

    Raises:
        InvalidInputError: The sample leaves the format open and some sample
            cell reads as different numbers under the survivors.
    """
    total = masks.size
    width = masks.shape[1] if masks.ndim == 2 else 1  # noqa: PLR2004
    flat = masks.ravel().astype(np.int64)
    here = present.ravel()
    alive = (1 << len(decimals)) - 1
    limit = min(sample * width, total)
    position = 0
    while True:  # the sample narrows the candidates, cell by cell
        seen = flat[position:limit] & alive
        events = here[position:limit] & (seen != alive) & (seen != 0)
        if not events.any():
            break
        found = position + int(events.argmax())
        alive &= int(flat[found])
        position = found + 1
    if not _decided(alive, decimals):
        seen = np.flatnonzero(here[:limit] & ((flat[:limit] & alive) != 0))
        for index in seen:
            if not agree(alive, int(index)):
                raise InvalidInputError(
                    "it reads as different numbers in the formats the sample "
                    "leaves, and no other cell tells them apart: pass "
                    "number_format (xborder.reports.EN_NUMBERS, DE_NUMBERS...)",
                    field=f"cells[{index}]",
                    value=cells(int(index)),
                    expected="numbers whose format the file makes clear",
                )
    reader = np.full(total, BAD, dtype=np.int64)
    assign = functools.partial(
        _assign, reader, flat, here, decimals=decimals, agree=agree
    )
    assign(start=0, end=limit, alive=alive)
    position = limit
    while position < total:
        first = _first(alive)
        seen = flat[position:] & alive
        if _decided(alive, decimals):
            events = here[position:] & (((seen >> first) & 1) == 0) & (seen != 0)
        else:
            events = here[position:] & (seen != alive) & (seen != 0)
        end = position + int(events.argmax()) if events.any() else total
        assign(start=position, end=end, alive=alive)
        if end == total:
            break
        alive &= int(flat[end])
        assign(start=end, end=end + 1, alive=alive)
        position = end + 1
    return Decision(reader, _first(alive))


def _assign(
    reader: np.ndarray,
    flat: np.ndarray,
    here: np.ndarray,
    *,
    start: int,
    end: int,
    alive: int,
    decimals: Sequence[str],
    agree: Callable[[int, int], bool],
) -> None:
    """Cells ``start:end`` are read by the first survivor, if it reads them."""
    first = _first(alive)
    reads = here[start:end] & (((flat[start:end] >> first) & 1) == 1)
    reader[start:end][reads] = first
    if _decided(alive, decimals):
        return
    for index in start + np.flatnonzero(reads):
        if not agree(alive, int(index)):
            reader[index] = UNCLEAR


def _first(alive: int) -> int:
    return (alive & -alive).bit_length() - 1


def _decided(alive: int, decimals: Sequence[str]) -> bool:
    separators = {decimals[i] for i in range(len(decimals)) if alive >> i & 1}
    return len(separators) <= 1
