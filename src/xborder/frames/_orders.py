"""An orders table read as :class:`~xborder.kpi.Order` reads one order (private).

One row per order: the customer key, the day it was placed, the amount and,
optionally, its contribution. Each cell is checked as the scalar
:class:`~xborder.kpi.Order` checks its field, and a row that would not make
an ``Order`` is reported in the errors frame and left out of every figure:

* ``customer``: text with a non-space character (a String or Categorical
  column; number keys are refused by name: cast them to text first);
* ``placed_on``: a Date column, or text that ``date.fromisoformat`` reads
  (``"2026-01-08"``); a column of datetimes is read only if every one is at
  midnight without a time zone (pandas keeps dates so), else refused by
  name, as the scalar refuses a datetime;
* ``amount``: a number >= 0 (Decimal, integer or decimal text; floats refused
  unless ``floats="shortest"``), exact at its own scale (``12.345`` EUR is
  12.345 EUR, as ``Money`` keeps it);
* ``contribution``: any number, or empty (the order has none).

Amounts enter the engine as unscaled integers (``Decimal(38, 0)``) at one
scale per column: the currency's minor unit, or the column's own scale if
finer.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import polars as pl

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.frames._columns import Problem, _shortest, read_amount
from xborder.frames._errors import ROW, bad_rows, errors_frame

if TYPE_CHECKING:
    from xborder.money import Currency

__all__ = [
    "AMOUNT",
    "CONTRIBUTION",
    "CUSTOMER",
    "DAY",
    "OK",
    "OrderNames",
    "Orders",
    "column_name",
    "read_orders",
]

CUSTOMER = "__xb_customer"
DAY = "__xb_day"
AMOUNT = "__xb_amount"
CONTRIBUTION = "__xb_contribution"
OK = "__xb_ok"

_BLANK = r"^[\s\x1c-\x1f]*$"  # what str.strip() removes (\s is Unicode here)
_ISO = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_MAX_DECIMALS = 30  # as the frames text reader
_LARGEST_DIGITS = 36  # xborder's numbers are below 1E+36
_DIGITS = 38  # a Decimal(38, 0) column's


@attrs.frozen
class OrderNames:
    """The caller's column for each field of an order, and how floats are read."""

    customer: str
    placed_on: str
    amount: str | None
    contribution: str | None
    floats: str


def column_name(value: object, field: str, *, optional: bool = False) -> str | None:
    """A column name argument: text (or ``None`` where the column is optional)."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(
            field=field,
            value=value,
            expected="a column name" + (" or None" if optional else ""),
        )
    return value


@attrs.frozen
class Orders:
    """The orders read: working columns beside the caller's, and every problem.

    ``frame`` holds :data:`ROW` (the row's position in the whole table),
    :data:`CUSTOMER`, :data:`DAY`, :data:`AMOUNT` and :data:`CONTRIBUTION`
    (unscaled, at ``amount_scale`` and ``contribution_scale``; absent when
    not read) and :data:`OK` (the row makes an Order).
    """

    frame: pl.DataFrame
    amount_scale: int
    contribution_scale: int
    problems: tuple[Problem, ...]

    @property
    def clean(self) -> bool:
        """Whether every row makes an Order (the usual case: nothing to filter)."""
        return bool(self.frame.get_column(OK).all())

    def errors(self) -> pl.DataFrame:
        """The errors frame: one row per bad cell, in input order."""
        if self.clean:
            return errors_frame(self.frame.clear(), ())
        return errors_frame(self.frame, self.problems)

    def good(self) -> pl.LazyFrame:
        """The rows that make an Order, with the working columns only (lazily)."""
        names = [n for n in (CUSTOMER, DAY, AMOUNT, CONTRIBUTION) if n in self.frame]
        rows = self.frame.lazy().select(ROW, *names, OK)
        if not self.clean:
            rows = rows.filter(pl.col(OK))
        return rows.drop(OK)


def read_orders(
    frame: pl.DataFrame,
    names: OrderNames,
    currency: Currency | None,
    *,
    offset: int = 0,
    more: tuple[Problem, ...] = (),
) -> Orders:
    """Read and check every order; ``offset`` numbers the rows (Dask partitions).

    ``more`` are problems the calculator adds (written over the working
    columns), checked like the others.
    """
    table = frame.with_row_index(ROW, offset=offset)
    problems: list[Problem] = []
    table = _customers(table, names.customer, problems)
    table = _days(table, names.placed_on, problems)
    amount_scale = contribution_scale = 0 if currency is None else currency.exponent
    if names.amount is not None and currency is not None:
        table, amount_scale = _amounts(
            table, names.amount, AMOUNT, currency, names.floats, problems, signed=False
        )
    if names.contribution is not None and currency is not None:
        table, contribution_scale = _amounts(
            table,
            names.contribution,
            CONTRIBUTION,
            currency,
            names.floats,
            problems,
            signed=True,
        )
    problems.extend(more)
    table = table.with_columns(bad_rows(problems).not_().alias(OK))
    return Orders(table, amount_scale, contribution_scale, tuple(problems))


def _exists(frame: pl.DataFrame, column: str) -> None:
    if column not in frame.schema:
        raise InvalidInputError(
            field=column,
            value=list(frame.columns)[:20],
            expected=f"a column named {column!r}",
        )


def _customers(
    frame: pl.DataFrame, column: str, problems: list[Problem]
) -> pl.DataFrame:
    _exists(frame, column)
    dtype = frame.schema[column]
    if isinstance(dtype, pl.Categorical | pl.Enum) or dtype == pl.String:
        values = pl.col(column).cast(pl.String)
    else:
        raise InvalidTypeError(
            "customer keys are text, as in Order; cast number ids with "
            ".cast(pl.String) (or .astype(str))",
            field=column,
            value=str(dtype),
            expected="a text column",
        )
    blank = pl.col(CUSTOMER).is_null() | pl.col(CUSTOMER).str.contains(_BLANK)
    problems.append(Problem(column, blank, "non-empty text"))
    return frame.with_columns(values.alias(CUSTOMER))


def _days(frame: pl.DataFrame, column: str, problems: list[Problem]) -> pl.DataFrame:
    _exists(frame, column)
    dtype = frame.schema[column]
    if dtype == pl.Date:
        frame = frame.with_columns(pl.col(column).alias(DAY))
    elif dtype == pl.String:
        frame = frame.with_columns(_parsed_days(frame.get_column(column)).alias(DAY))
    elif isinstance(dtype, pl.Datetime) and _midnights(frame, column):
        # pandas holds dates as datetime64: at midnight and without a time
        # zone, each is a day and nothing else.
        frame = frame.with_columns(pl.col(column).dt.date().alias(DAY))
    elif isinstance(dtype, pl.Datetime):
        raise InvalidTypeError(
            "times of day (or a time zone) are refused, as Order refuses a "
            "datetime: pass .dt.date() if the time of day does not matter",
            field=column,
            value=str(dtype),
            expected="a Date or text column (or datetimes at midnight)",
        )
    else:
        raise InvalidTypeError(
            field=column, value=str(dtype), expected="a Date or text column"
        )
    day = pl.col(DAY)
    outside = day.is_null() | (day < dt.date.min) | (day > dt.date.max)
    problems.append(Problem(column, outside, "a date or 'YYYY-MM-DD'"))
    return frame


def _midnights(frame: pl.DataFrame, column: str) -> bool:
    """Whether a naive datetime column holds only midnights (dates, in effect)."""
    dtype = frame.schema[column]
    if getattr(dtype, "time_zone", None) is not None:
        return False
    values = pl.col(column)
    late = frame.select((values != values.dt.truncate("1d")).any()).item()
    return not late


def _parsed_days(text: pl.Series) -> pl.Series:
    """Text as dates, as ``date.fromisoformat`` reads it; null where it cannot.

    The plain form is parsed by polars; anything else (``20260108``,
    ``2026-W02-4``, or a typo) is given to Python, once per distinct value.
    """
    plain = text.str.contains(_ISO).fill_null(value=False)
    parsed = text.str.to_date("%Y-%m-%d", strict=False)
    rest = text.filter(~plain & text.is_not_null()).unique()
    if not rest.len():
        return pl.select(pl.when(plain).then(parsed)).to_series()
    known = pl.DataFrame(
        {"text": rest, "day": [_iso_day(value) for value in rest.to_list()]},
        schema={"text": pl.String, "day": pl.Date},
    )
    others = pl.DataFrame({"text": text}).join(
        known, on="text", how="left", maintain_order="left"
    )
    return pl.select(
        pl.when(plain).then(parsed).otherwise(others.get_column("day"))
    ).to_series()


def _iso_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _amounts(  # noqa: PLR0917 - one reader for both amount columns
    frame: pl.DataFrame,
    column: str,
    into: str,
    currency: Currency,
    floats: str,
    problems: list[Problem],
    *,
    signed: bool,
) -> tuple[pl.DataFrame, int]:
    """``column`` as unscaled integers at its own scale (at least the currency's)."""
    _exists(frame, column)
    if frame.schema[column].is_float() and floats == "shortest":
        frame = frame.with_columns(_shortest(frame.get_column(column)))
    scale = max(currency.exponent, _scale_of(frame.get_column(column)))
    unit = f"{currency.minor_unit} {currency.code}"
    frame, read = read_amount(
        frame, column, scale=scale, into=into, floats=floats, unit=unit
    )
    value = pl.col(read.name)
    if signed:  # an optional column: an empty cell means none, not a bad one
        given = pl.col(column).is_not_null()
        problems.extend(attrs.evolve(p, bad=p.bad & given) for p in read.problems)
    else:
        problems.extend(read.problems)
    if _LARGEST_DIGITS + scale < _DIGITS:  # else 38 digits are within the range
        limit = 10 ** (_LARGEST_DIGITS + scale)
        problems.append(
            Problem(column, value.abs() >= limit, "a number smaller than 1E+36")
        )
    if not signed:
        problems.append(Problem(column, value < 0, "an amount >= 0"))
    return frame, scale


def _scale_of(series: pl.Series) -> int:
    """The scale a column's values are exact at (text: its longest fraction)."""
    dtype = series.dtype
    if isinstance(dtype, pl.Decimal):
        return dtype.scale or 0
    if dtype == pl.String:
        fraction = series.str.strip_chars().str.extract(r"\.(\d*)$").str.len_chars()
        return min(int(fraction.max() or 0), _MAX_DECIMALS)  # type: ignore[arg-type]
    return 0
