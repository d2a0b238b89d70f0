"""Demand forecasts per SKU from a long sales table (private; see xborder.frames).

The work is split where it is cheap and exact:

* **columnar, over every row**: reading and checking the cells (a SKU, a
  period, units >= 0 read exactly, a stockout flag), and grouping the rows
  by SKU in the order SKUs first appear;
* **per SKU**: :func:`xborder.forecast.forecast_skus` itself, on the
  grouped records, so that each SKU's history, method (one for all, one
  per SKU, a function, or :func:`~xborder.forecast.suggest_method`) and
  forecast are the scalar's, digit for digit. The recursions and fits run
  in Decimal per history: there is no columnar shortcut to take.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder._exact import EXACT
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.forecast import SkuForecast, forecast_skus
from xborder.frames._columns import Problem, read_exact
from xborder.frames._errors import (
    ROW,
    SCHEMA,
    bad_rows,
    check_mode,
    errors_frame,
    raise_first,
)
from xborder.frames._native import native, new_table
from xborder.frames._orders import column_name
from xborder.frames._pricing import Result, check_floats

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from xborder.forecast import Method, SalesHistory
    from xborder.units import QuantityInput

__all__ = ["FORECAST", "FORECAST_PLACES", "forecast"]

FORECAST = ("step", "forecast", "sigma", "method", "problem")
"""The columns :func:`forecast` gives after the SKU column, in order."""

FORECAST_PLACES = 6
"""Decimal places of ``forecast`` and ``sigma`` (half-even from the exact values)."""

_UNIT = Decimal(1).scaleb(-FORECAST_PLACES)
_LARGEST = Decimal(10) ** (38 - FORECAST_PLACES)  # what Decimal(38, 6) holds
_NARROW = Decimal(10) ** (18 - FORECAST_PLACES)  # what Decimal(18, 6) holds
_UNITS = "__xb_units"


@attrs.frozen
class _Names:
    """The caller's columns: SKU, period, units and (optional) stockout."""

    sku: str
    time: str
    units: str
    stockout: str | None


def forecast(
    frame: object,
    *,
    horizon: int = 1,
    method: Method
    | Mapping[str, Method]
    | Callable[[SalesHistory], Method]
    | None = None,
    period: QuantityInput | None = None,
    season_length: int | None = None,
    sku: str = "sku",
    time: str = "period",
    units: str = "units",
    stockout: str | None = None,
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    """Forecast every SKU of a long sales table: :func:`~xborder.forecast.forecast_skus` on a table.

    Each row of ``frame`` is one SKU's sales in one period. Rows are grouped
    by SKU (in the order SKUs first appear) and sorted by period; each SKU
    gets its own method, chosen exactly as
    :func:`~xborder.forecast.forecast_skus` chooses it (``method``: one
    method for all, a mapping from SKU to method with
    :func:`~xborder.forecast.suggest_method` for the others, a function of
    the :class:`~xborder.forecast.SalesHistory`, or ``None``: suggested for
    each). Every forecast is the scalar's, rounded half-even to
    :data:`FORECAST_PLACES` places: the formulas and their sources are each
    method's (see :mod:`xborder.forecast`).

    **Column mapping** (each argument names a column):

    | Argument | Column meaning |
    | --- | --- |
    | ``sku`` | the SKU (text) |
    | ``time`` | the period: integers (consecutive per SKU) or dates (the earliest is the history's start), one row per SKU and period |
    | ``units`` | units sold (>= 0; integer, Decimal or decimal text) |
    | ``stockout`` | ``True`` where the shelf ran empty (optional; empty: ``False``) |

    Output, one row per SKU and period ahead (a SKU that cannot be
    forecast keeps its place: one row, ``step`` empty, with its
    ``problem``):

    | column | type | meaning |
    | --- | --- | --- |
    | the ``sku`` column | String | the SKU |
    | ``step`` | Int64 | periods ahead (1 is the next period) |
    | ``forecast`` | Decimal(18, 6) | the point forecast |
    | ``sigma`` | Decimal(18, 6) | the one-step error's standard deviation |
    | ``method`` | String | the method's class (``Naive``, ``Holt``...) |
    | ``problem`` | String | why the SKU has no forecast |

    ``forecast`` and ``sigma`` hold 38 digits where 18 could overflow. A cell
    that cannot be read (an empty SKU or period, units that are not a
    number >= 0) is reported in :attr:`Result.errors` and its SKU is not
    forecast (a history with a hole is not the SKU's history); a SKU the
    scalar cannot forecast (too short for its method, periods that are not
    consecutive) is reported at its first row.

    Args:
        frame: A polars DataFrame or LazyFrame, a pandas DataFrame or a
            pyarrow Table of sales.
        horizon: Periods ahead to forecast.
        method: As for :func:`~xborder.forecast.forecast_skus`.
        period: The length of a period (``"1 week"``), for inventory.
        season_length: Passed to :func:`~xborder.forecast.suggest_method`.
        sku: See the mapping above.
        time: See the mapping above.
        units: See the mapping above.
        stockout: See the mapping above.
        floats: ``"refuse"`` a float ``units`` column, or read each float as
            its ``"shortest"`` decimal.
        errors: ``"report"`` bad rows and SKUs in :attr:`Result.errors`, or
            ``"raise"`` the first.

    Returns:
        The forecasts (in the caller's frame library) and the errors.

    Raises:
        InvalidInputError: A column is missing, an argument is wrong, or
            (``errors="raise"``) a row or SKU is.
        InvalidTypeError: A column or an argument has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> from xborder.forecast import MovingAverage
        >>> sales = pl.DataFrame({"sku": ["A", "B", "A", "B", "C"],
        ...     "period": [1, 1, 2, 2, 1], "units": [5, 0, 7, 3, 4]})
        >>> result = frames.forecast(sales, method={"C": MovingAverage(window=2)})
        >>> for row in result.table.select("sku", "forecast", "method").iter_rows():
        ...     print(*row)
        A 6.000000 SimpleExponentialSmoothing
        B 1.499925 Croston
        C None None
        >>> result.errors.select("row", "field", "value").rows()
        [(4, 'sku', 'C')]
    """  # noqa: E501 - table rows
    names = _Names(
        sku=_name(sku, "sku"),
        time=_name(time, "time"),
        units=_name(units, "units"),
        stockout=column_name(stockout, "stockout", optional=True),
    )
    chosen_floats, mode = check_floats(floats), check_mode(errors)
    given = native(frame)
    table = given.frame.with_row_index(ROW)
    _check_columns(table, names)
    table, problems, scale = _read(table, names, chosen_floats)
    table = table.with_columns(bad_rows(problems).alias("__xb_bad"))
    cells = errors_frame(table, problems)
    order, records, broken = _grouped(table, names, cells, scale)
    results = forecast_skus(
        records,
        horizon=horizon,
        method=method,
        period=period,
        season_length=season_length,
    )
    by_sku = {result.sku: result for result in results}
    rows: list[tuple[object, ...]] = []
    failed: list[tuple[int, str, str | None, str]] = []
    for key, first in order:
        if key in broken:  # its bad cells are reported already
            rows.append((key, None, None, None, None, broken[key]))
            continue
        found = _rows(by_sku[key])
        if found[0][-1] is not None:
            failed.append(_failure(first, names.sku, key, str(found[0][-1])))
        rows.extend(found)
    found_errors = pl.concat(
        [cells, pl.DataFrame(failed, schema=SCHEMA, orient="row")],
        how="vertical_relaxed",
    ).sort("row", maintain_order=True)
    if mode == "raise":
        raise_first(found_errors)
    out = _table(rows, names.sku)
    return Result(new_table(given, out), new_table(given, found_errors))


def _name(value: object, field: str) -> str:
    name = column_name(value, field)
    assert name is not None  # noqa: S101 - not optional
    return name


# -- reading -------------------------------------------------------------------


def _check_columns(table: pl.DataFrame, names: _Names) -> None:
    for name in (names.sku, names.time, names.units, names.stockout):
        if name is not None and name not in table.schema:
            raise InvalidInputError(
                field=name,
                value=list(table.columns)[:20],
                expected=f"a column named {name!r}",
            )
    if names.sku in FORECAST:
        raise InvalidInputError(
            "the result columns would replace it; rename it first",
            field="sku",
            value=names.sku,
            expected=f"a SKU column not named {', '.join(FORECAST)}",
        )


def _read(
    table: pl.DataFrame, names: _Names, floats: str
) -> tuple[pl.DataFrame, list[Problem], int]:
    """SKUs as text, units exactly; a Problem for every bad cell."""
    table = table.with_columns(_skus(table, names.sku).alias("__xb_sku"))
    blank = pl.col("__xb_sku").str.strip_chars().str.len_chars() == 0
    problems = [
        Problem(names.sku, pl.col("__xb_sku").is_null() | blank, "a SKU"),
        Problem(names.time, _periods(table, names.time).is_null(), "a period"),
    ]
    table, read, scale = read_exact(
        table, names.units, at_least=0, into=_UNITS, floats=floats
    )
    problems.extend(read.problems)
    negative = pl.col(_UNITS) < 0
    problems.append(Problem(names.units, negative, "units sold >= 0"))
    if names.stockout is not None:
        table = table.with_columns(_flags(table, names.stockout))
    return table, problems, scale


def _skus(table: pl.DataFrame, column: str) -> pl.Expr:
    dtype = table.schema[column]
    if dtype in {pl.String, pl.Null} or isinstance(dtype, pl.Categorical | pl.Enum):
        return pl.col(column).cast(pl.String)
    raise InvalidTypeError(field=column, value=str(dtype), expected="a text column")


def _periods(table: pl.DataFrame, column: str) -> pl.Expr:
    dtype = table.schema[column]
    if dtype.is_integer() or dtype in {pl.Date, pl.String, pl.Null}:
        return pl.col(column)
    if isinstance(dtype, pl.Datetime):
        return pl.col(column)
    raise InvalidTypeError(
        field=column,
        value=str(dtype),
        expected="an integer, date or text column of periods",
    )


def _values(unscaled: pl.Series, scale: int) -> Sequence[object]:
    """The units as the scalar takes them: ints, or Decimals at the column's scale."""
    integers: list[int] = unscaled.cast(pl.Int128).to_list()  # ten times faster
    if scale == 0:
        return integers
    return [Decimal(v).scaleb(-scale, context=EXACT) for v in integers]


def _flags(table: pl.DataFrame, column: str) -> pl.Expr:
    dtype = table.schema[column]
    if dtype not in {pl.Boolean, pl.Null}:
        raise InvalidTypeError(
            field=column, value=str(dtype), expected="a boolean column"
        )
    return pl.col(column).cast(pl.Boolean).fill_null(value=False).alias("__xb_out")


# -- per SKU -------------------------------------------------------------------


def _grouped(
    table: pl.DataFrame, names: _Names, cells: pl.DataFrame, scale: int
) -> tuple[list[tuple[str, int]], list[tuple[object, ...]], dict[str, str]]:
    """The SKUs in order, with their first row; the records; what broke a SKU.

    The records are those of the SKUs without a bad cell; each SKU with one
    has its first bad cell's message, and the period it is in.
    """
    known = table.filter(pl.col("__xb_sku").is_not_null())
    firsts = known.group_by("__xb_sku", maintain_order=True).agg(
        pl.col(ROW).first(), pl.col("__xb_bad").any()
    )
    order: list[tuple[str, int]] = []
    broken: dict[str, str] = {}
    first_error: dict[int, str] = {}
    for row, message in cells.select("row", "message").iter_rows():
        first_error.setdefault(row, message)
    bad_of = (
        known.filter(pl.col("__xb_bad"))
        .group_by("__xb_sku", maintain_order=True)
        .agg(pl.col(ROW).first(), pl.col(names.time).first().cast(pl.String))
    )
    for key, row, when in bad_of.iter_rows():
        # Named by its period, not its row: the same wherever the row lies.
        where = "" if when is None else f" ({names.time} {when})"
        broken[key] = first_error[row] + where
    for key, row, _bad in firsts.iter_rows():
        order.append((key, row))
    good = known.filter(~pl.col("__xb_sku").is_in(list(broken)))
    return order, list(_records(good, names, scale)), broken


def _records(
    table: pl.DataFrame, names: _Names, scale: int
) -> Iterator[tuple[object, ...]]:
    skus = table.get_column("__xb_sku").to_list()
    keys = table.get_column(names.time).to_list()
    units = _values(table.get_column(_UNITS), scale)
    if names.stockout is None:
        yield from ((s, k, u, False) for s, k, u in zip(skus, keys, units, strict=True))
        return
    flags = table.get_column("__xb_out").to_list()
    yield from zip(skus, keys, units, flags, strict=True)


def _six(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    rounded = value.quantize(_UNIT, rounding=ROUND_HALF_EVEN, context=EXACT)
    if abs(rounded) >= _LARGEST:
        raise _TooLarge(value)
    return rounded


class _TooLarge(Exception):  # noqa: N818 - turned into the SKU's problem
    def __init__(self, value: Decimal) -> None:
        super().__init__(
            f"forecast: expected figures below 1E+32 (a Decimal(38, 6) column), "
            f"got {value}"
        )


def _rows(result: SkuForecast) -> list[tuple[object, ...]]:
    """The SKU's rows: one per step, or one with its problem."""
    found = result.forecast
    if found is None:
        return [(result.sku, None, None, None, None, result.problem)]
    name = type(found.method).__name__
    try:
        sigma = _six(found.sigma)
        return [
            (result.sku, step, _six(point), sigma, name, None)
            for step, point in enumerate(found.points, start=1)
        ]
    except _TooLarge as error:
        return [(result.sku, None, None, None, None, str(error))]


def _failure(
    row: int, column: str, key: str, problem: str
) -> tuple[int, str, str | None, str]:
    """The errors frame's row for a SKU the scalar could not forecast."""
    return (row, column, key, f"{column} {key}: {problem}")


def _table(rows: list[tuple[object, ...]], sku: str) -> pl.DataFrame:
    """The rows as typed columns (precision 18 where every figure fits)."""
    figures = [v for row in rows for v in row[2:4] if isinstance(v, Decimal)]
    precision = 18 if all(abs(v) < _NARROW for v in figures) else 38
    kind = pl.Decimal(precision, FORECAST_PLACES)
    schema: dict[str, Any] = {
        sku: pl.String,
        "step": pl.Int64,
        "forecast": kind,
        "sigma": kind,
        "method": pl.String,
        "problem": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")
