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
from xborder.reports.rules import CELL_LIMIT, NEGATIVE_SIGNS, NumberRule, literal

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from xborder.reports import NumberFormat

__all__ = [
    "AMBIGUOUS",
    "BAD",
    "UNCLEAR",
    "Decision",
    "Parsed",
    "decide",
    "narrowed",
    "parse",
]

_WIDEST = 38  # digits a Decimal(38, s) column holds
_REPEATS = 10_000  # columns this long are worth reading once per distinct cell
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
    """Every cell of ``words`` (stripped text; null: no cell) under one format.

    A column that repeats its values (clicks, orders: a few thousand
    distinct numbers in a million rows) is read once per distinct cell, and
    the readings are joined back: a cell's reading depends on its text only.
    """
    if len(words) >= _REPEATS:
        distinct = words.drop_nulls().unique()
        if 2 * len(distinct) <= len(words):
            read = _parsed(distinct, number_format, rule)
            table = pl.DataFrame(
                {
                    "w": distinct,
                    "ok": read.ok,
                    "digits": read.digits,
                    "scale": read.scale,
                    "message": read.message,
                }
            )
            back = pl.DataFrame({"w": words}).join(
                table, on="w", how="left", maintain_order="left"
            )
            return Parsed(
                back.get_column("ok").fill_null(value=False),
                back.get_column("digits"),
                back.get_column("scale").fill_null(0),
                back.get_column("message"),
            )
    return _parsed(words, number_format, rule)


def _parsed(words: pl.Series, number_format: NumberFormat, rule: NumberRule) -> Parsed:
    """Every cell of ``words`` under one format, one by one (see :func:`parse`).

    Most cells are a bare number, perhaps after a currency mark (``5,200``,
    ``$42.70``): for them the pattern's groups are known without capturing
    them (no sign, no parentheses, no ``%``; a mark if the cell does not
    start with a digit), so a capture-free match decides them, and only the
    other cells go through the pattern's groups (:func:`_by_groups`).
    """
    cell = pl.col("w")
    frame = pl.DataFrame({"w": words}).with_row_index("i")
    # Each step a column, computed once.
    frame = frame.with_columns(
        simple=cell.str.contains(_bare(number_format)).fill_null(value=False),
        number=cell.str.strip_chars_start(_mark_characters(number_format)),
    ).with_columns(plain=_without(pl.col("number"), number_format.thousands))
    others = frame.filter(~pl.col("simple") & cell.is_not_null())
    marked = pl.col("number").str.len_bytes() < cell.str.len_bytes()
    kind = pl.lit(value=True)
    if not rule.marks:
        kind = kind & ~marked
    if not rule.fraction:
        kind = kind & ~pl.col("plain").str.contains(number_format.decimal, literal=True)
    # Digits and the decimal separator only, once a bare cell is cleaned: a
    # byte offset is a character offset. Signed, so no row can wrap.
    frame = frame.select(
        "i",
        "simple",
        long=_long(cell),
        kind=kind,
        point=pl.col("plain")
        .str.find(number_format.decimal, literal=True)
        .cast(pl.Int64),
        length=pl.col("plain").str.len_bytes().cast(pl.Int64),
        text=pl.col("plain").str.replace(number_format.decimal, "", literal=True),
    )
    point, length, text = pl.col("point"), pl.col("length"), pl.col("text")
    scale = pl.when(point.is_null()).then(0).otherwise(length - point - 1)
    fits = text.str.len_chars() <= _WIDEST
    magnitude = text.cast(pl.Int128, strict=False)
    read = pl.col("simple") & pl.col("kind") & ~pl.col("long")
    ok = read & fits & magnitude.is_not_null()
    expected = number_format.expected(rule)
    easy = frame.select(
        "i",
        ok=ok,
        digits=pl.when(ok).then(magnitude),
        scale=scale.cast(pl.Int32).fill_null(0),
        message=pl.when(ok)
        .then(pl.lit(None, dtype=pl.String))
        .when(pl.col("long"))
        .then(pl.lit(f"at most {CELL_LIMIT} characters"))
        .when(read & ~fits)
        .then(pl.lit(f"a number of at most {_WIDEST} digits"))
        .otherwise(pl.lit(expected)),
    )
    if not others.is_empty():
        hard = _by_groups(others.get_column("w"), number_format, rule)
        hard = hard.with_columns(others.get_column("i"))
        easy = easy.update(hard, on="i", include_nulls=True)
    return Parsed(
        easy.get_column("ok"),
        easy.get_column("digits"),
        easy.get_column("scale"),
        easy.get_column("message"),
    )


def _long(cell: pl.Expr) -> pl.Expr:
    """Longer than CELL_LIMIT characters (bytes first: a character is 1 to 4)."""
    return (cell.str.len_bytes() > CELL_LIMIT) & (cell.str.len_chars() > CELL_LIMIT)


def _without(text: pl.Expr, separators: tuple[str, ...]) -> pl.Expr:
    for separator in separators:
        text = text.str.replace_all(separator, "", literal=True)
    return text


def _bare(number_format: NumberFormat) -> str:
    """A cell that is just a number, perhaps after a mark: no captures needed."""
    marks = "|".join(
        literal(mark)
        for mark in sorted(number_format.currencies, key=len, reverse=True)
    )
    before = f"(?:(?:{marks})[ \t\u00a0\u202f]*)?" if marks else ""
    return f"^{before}{number_format.number_pattern}$"


def _mark_characters(number_format: NumberFormat) -> str:
    """Every character of the format's marks, and the spaces after one.

    No mark holds a digit, so stripping these from a bare cell's start leaves
    its number.
    """
    return "".join(sorted(set("".join(number_format.currencies)))) + " \t\u00a0\u202f"


def _by_groups(
    words: pl.Series, number_format: NumberFormat, rule: NumberRule
) -> pl.DataFrame:
    """Steps 2 to 5 with the pattern's groups: any cell, at the cost of captures.

    Each step is a column computed once (the groups, then the checks, then
    the digits), so the regular expression runs once per cell.
    """
    pattern = number_format.pattern
    names = set(re.compile(pattern).groupindex)
    cell = pl.col("w")
    frame = (
        pl.DataFrame({"w": words})
        .with_columns(cell.str.extract_groups(pattern).alias("g"))
        .unnest("g")
    )

    def present(name: str) -> pl.Expr:
        if name not in names:
            return pl.lit(value=False)
        return pl.col(name).is_not_null()

    def minus(name: str) -> pl.Expr:
        if name not in names:
            return pl.lit(value=False)
        return pl.col(name).is_in(list(NEGATIVE_SIGNS)).fill_null(value=False)

    opened, closed = present("open"), present("close")
    signs = (
        present("lead").cast(pl.Int8)
        + present("inner").cast(pl.Int8)
        + present("trail").cast(pl.Int8)
    )
    kind = pl.lit(value=True)
    if not rule.percent:
        kind = kind & ~present("percent")
    if not rule.marks:
        kind = kind & ~(present("before") | present("after"))
    if not rule.fraction:
        kind = kind & ~cell.str.contains(number_format.decimal, literal=True)
    plain = pl.col("number")
    for separator in number_format.thousands:
        plain = plain.str.replace_all(separator, "", literal=True)
    point = re.escape(number_format.decimal)
    scale = plain.str.extract(f"{point}([0-9]+)$", 1).str.len_chars().fill_null(0)
    scale = scale.cast(pl.Int32)
    if rule.percent:
        scale = scale + pl.when(present("percent")).then(2).otherwise(0)
    frame = frame.select(
        long=cell.str.len_chars() > CELL_LIMIT,
        shape=(
            pl.col("number").is_not_null()
            & (opened == closed)
            & (signs + opened.cast(pl.Int8) <= 1)
            & ~(present("before") & present("after"))
        ),
        kind=kind,
        negative=opened | minus("lead") | minus("inner") | present("trail"),
        text=plain.str.replace(number_format.decimal, "", literal=True),
        scale=scale.cast(pl.Int32),
        given=cell.is_not_null(),
    )
    text = pl.col("text")
    magnitude = text.cast(pl.Int128, strict=False)
    fits = text.str.len_chars() <= _WIDEST
    read = pl.col("shape") & pl.col("kind") & ~pl.col("long")
    ok = (read & fits & magnitude.is_not_null()).fill_null(value=False)
    negated = pl.lit(0, pl.Int128) - magnitude  # Int128 has no unary minus
    expected = number_format.expected(rule)
    return frame.select(
        ok=ok & pl.col("given"),
        digits=pl.when(ok).then(
            pl.when(pl.col("negative")).then(negated).otherwise(magnitude)
        ),
        scale="scale",
        message=pl.when(pl.col("long"))
        .then(pl.lit(f"at most {CELL_LIMIT} characters"))
        .when(read & ~fits)
        .then(pl.lit(f"a number of at most {_WIDEST} digits"))
        .otherwise(pl.lit(expected)),
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
    cells: Callable[[int], tuple[str, str]],
) -> Decision:
    """Run the detection of :func:`xborder.reports.read_records` over bit masks.

    Args:
        masks: Per cell (row-major), bit ``i`` set if candidate ``i`` reads it.
        present: Per cell, whether there is a number to read (not missing).
        decimals: Each candidate's decimal separator.
        sample: How many rows decide the format before reading.
        agree: Whether every survivor in a set (bit mask) reads cell ``i``
            as the same number.
        cells: Cell ``i``'s name (``rows[r].column``) and text, for messages.

    Raises:
        InvalidInputError: The sample leaves the format open and some sample
            cell reads as different numbers under the survivors.
    """
    total = masks.size
    width = masks.shape[1] if masks.ndim == 2 else 1  # noqa: PLR2004
    if len(decimals) == 1:  # one format: it reads a cell, or the cell is bad
        reader = np.where(masks.ravel() & 1, 0, BAD)
        return Decision(reader, 0)
    flat = masks.ravel().astype(np.int64)
    here = present.ravel()
    limit = min(sample * width, total)
    alive = narrowed(flat[:limit], here[:limit], (1 << len(decimals)) - 1)
    if alive & (alive - 1) == 0:  # one format left: it reads a cell, or none does
        first = _first(alive)
        reader = np.where(((flat >> first) & 1).astype(bool) & here, first, BAD)
        return Decision(reader, first)
    if not _decided(alive, decimals):
        seen = np.flatnonzero(here[:limit] & ((flat[:limit] & alive) != 0))
        for index in seen:
            if not agree(alive, int(index)):
                field, cell = cells(int(index))
                raise InvalidInputError(
                    "it reads as different numbers in the formats the sample "
                    "leaves, and no other cell tells them apart: pass "
                    "number_format (xborder.reports.EN_NUMBERS, DE_NUMBERS...)",
                    field=field,
                    value=cell,
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


def narrowed(flat: np.ndarray, here: np.ndarray, alive: int) -> int:
    """The candidates left once each cell keeps those that read it, in order.

    A cell no candidate left reads is a bad cell: it narrows nothing.
    """
    position = 0
    while True:
        seen = flat[position:] & alive
        events = here[position:] & (seen != alive) & (seen != 0)
        if not events.any():
            return alive
        found = position + int(events.argmax())
        alive &= int(flat[found])
        position = found + 1


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
