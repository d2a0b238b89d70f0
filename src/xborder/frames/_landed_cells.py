"""Reading a table's cells with the scalar's checks (private; see _landed_read).

Each problem becomes an :class:`Issue` of its rows: a text cell is checked
once per distinct value by the scalar converter itself (so the message is
the scalar's), a number is read exactly at its column's own scale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import polars as pl

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._columns import _shortest, read_amount
from xborder.frames._errors import ROW
from xborder.money import Currency

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "ERRORS_SCHEMA",
    "STRING",
    "Issue",
    "Number",
    "currency_code",
    "distinct",
    "exists",
    "issues_frame",
    "no_null_types",
    "read_number",
    "text_of",
    "within_range",
]

_LARGEST = 10**36  # xborder._validate.LARGEST: numbers are smaller in size
_IN_RANGE = "a number smaller than 1E+36 with no digit below 1E-100"
_TEXTS = (pl.String, pl.Categorical, pl.Enum)
STRING = pl.String()
_STRING = STRING
ERRORS_SCHEMA = {
    "row": pl.Int64,
    "field": pl.String,
    "value": pl.String,
    "message": pl.String,
}


@attrs.frozen
class Issue:
    """Rows where ``bad`` holds fail: ``field`` expected ``expected``, got ``shown``."""

    field: str
    bad: pl.Expr
    expected: str
    shown: pl.Expr


def issues_frame(frame: pl.DataFrame, issues: list[Issue]) -> pl.DataFrame:
    """The first problem of each (row, field), in row order (the errors frame)."""
    parts = [
        frame.filter(issue.bad.fill_null(value=False)).select(
            row=pl.col(ROW).cast(pl.Int64),
            field=pl.lit(issue.field, dtype=_STRING),
            value=issue.shown.cast(_STRING),
            message=pl.concat_str(
                pl.lit(f"{issue.field}: expected {issue.expected}, got "),
                issue.shown.cast(_STRING).fill_null("nothing"),
            ),
        )
        for issue in issues
    ]
    if not parts:
        return pl.DataFrame(schema=ERRORS_SCHEMA)
    found = pl.concat(parts).sort("row", maintain_order=True)
    return found.unique(["row", "field"], keep="first", maintain_order=True)


@attrs.frozen
class Number:
    """A number read: its Int128 working column and its scale."""

    name: str
    scale: int


def no_null_types(frame: pl.DataFrame) -> pl.DataFrame:
    """Columns with no value at all (type Null) read as empty text."""
    empty = [name for name, dtype in frame.schema.items() if dtype == pl.Null]
    return frame.with_columns(pl.col(empty).cast(_STRING)) if empty else frame


def exists(frame: pl.DataFrame, column: str) -> None:
    if column not in frame.schema:
        raise InvalidInputError(
            field=column,
            value=list(frame.columns)[:20],
            expected=f"a column named {column!r}",
        )


def text_of(frame: pl.DataFrame, column: str) -> pl.Expr:
    dtype = frame.schema[column]
    if not isinstance(dtype, _TEXTS):
        raise InvalidTypeError(
            field=column, value=str(dtype), expected="a text (String) column"
        )
    return pl.col(column).cast(_STRING)


def currency_code(value: str) -> str:
    return Currency(value).code


def distinct(  # noqa: PLR0917 - a column, its check, its target
    frame: pl.DataFrame,
    field: str,
    column: str,
    into: str,
    check: Callable[[str], str],
    issues: list[Issue],
    *,
    required: bool,
) -> pl.DataFrame:
    """Check each distinct value once; the checked value (or null) in ``into``."""
    text = text_of(frame, column)
    values = frame.select(text.unique()).to_series().to_list()
    good: dict[str, str] = {}
    bad: dict[str, list[str]] = {}  # expected -> values
    for value in values:
        if value is None:
            continue
        try:
            good[value] = check(value)
        except XborderError as error:
            bad.setdefault(error.expected or "a valid value", []).append(value)
    for expected, found in bad.items():
        issues.append(Issue(field, text.is_in(found), expected, text))
    if required:
        issues.append(Issue(field, text.is_null(), "a value", text))
    mapped = text.replace_strict(good, default=None, return_dtype=_STRING)
    return frame.with_columns(mapped.alias(into))


def _natural_scale(series: pl.Series) -> int:
    dtype = series.dtype
    if isinstance(dtype, pl.Decimal):
        return dtype.scale or 0
    if dtype == pl.String:
        text = series.str.strip_chars()
        fraction = text.str.extract(r"\.(\d*)$").str.len_chars().fill_null(0)
        return min(int(fraction.max() or 0), 30)  # type: ignore[arg-type]
    return 0


def read_number(  # noqa: PLR0917 - a column, its target, how
    frame: pl.DataFrame,
    field: str,
    column: str,
    into: str,
    floats: str,
    issues: list[Issue],
    *,
    required: bool,
) -> tuple[pl.DataFrame, Number]:
    """``column`` exactly at its own scale, as Int128 in ``into``."""
    exists(frame, column)
    source = column
    if frame.schema[column].is_float() and floats == "shortest":
        source = f"{into}__text"
        frame = frame.with_columns(_shortest(frame.get_column(column)).alias(source))
    try:
        scale = _natural_scale(frame.get_column(source))
        frame, _ = read_amount(
            frame, source, scale=scale, into=into, floats=floats, unit="1"
        )
    except XborderError as error:
        if error.field not in (column, source):
            raise
        raise type(error)(
            error.detail, field=field, value=error.value, expected=error.expected
        ) from None
    shown = pl.col(column).cast(_STRING)
    unreadable = pl.col(into).is_null()
    if not required:
        unreadable = unreadable & pl.col(column).is_not_null()
    issues.append(Issue(field, unreadable, "a number", shown))
    frame = frame.with_columns(pl.col(into).cast(pl.Int128))
    return frame, Number(into, scale)


_EXPECTED_BELOW: dict[str, tuple[str | None, bool]] = {
    "quantity": ("a number > 0", True),
    "unit_price": ("an amount >= 0", False),
    "unit_weight": (">= 0", False),
    "unit_volume": (">= 0", False),
    "tariff quantity": ("a quantity >= 0", False),
    "amount": ("an amount >= 0", False),
    "charge": (None, False),  # a negative charge is a credit
}


def within_range(
    field: str, column: str, number: Number, role: str, issues: list[Issue]
) -> None:
    value = pl.col(number.name)
    shown = pl.col(column).cast(_STRING)
    limit = _LARGEST * 10**number.scale
    if limit < 2**127:  # past it, no Int128 (38 digits) reaches it
        too_large = value.abs() >= pl.lit(limit, dtype=pl.Int128)
        issues.append(Issue(field, too_large, _IN_RANGE, shown))
    expected, strict = _EXPECTED_BELOW[role]
    if expected is None:
        return
    zero = pl.lit(0, dtype=pl.Int128)
    below = (value <= zero) if strict else (value < zero)
    issues.append(Issue(field, below, expected, shown))
