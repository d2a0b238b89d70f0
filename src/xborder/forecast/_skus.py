"""Forecasting a whole catalogue: one history per SKU from a long sales table."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from xborder._validate import (
    items_of,
    named_errors,
    optional_text,
    require,
    text,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.forecast._backtest import suggest_method
from xborder.forecast._history import SalesHistory
from xborder.forecast._methods import METHODS, Method, horizon_arg
from xborder.forecast._result import Forecast

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.units import QuantityInput

__all__ = ["COLUMNS", "SkuForecast", "forecast_frame", "forecast_skus"]

COLUMNS = ("sku", "period", "units", "stockout")
"""The columns (or record keys) of a sales table, in the order tuples give them."""

MethodChoice = Method | Mapping[str, Method] | Callable[[SalesHistory], Method] | None
"""How to choose each SKU's method: one for all, one per SKU, or a function."""


def _optional_forecast(value: Forecast | None) -> Forecast | None:
    if value is not None and not isinstance(value, Forecast):
        raise InvalidTypeError(field=None, value=value, expected="a Forecast or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SkuForecast:
    """One SKU's forecast, or why it has none.

    Attributes:
        sku: The SKU.
        forecast: Its forecast (``None`` if it could not be made).
        problem: The error that prevented it (``None`` if none).

    Built by hand, exactly one of ``forecast`` and ``problem`` is given.

    Examples:
        >>> SkuForecast(sku="PH-BLK", problem="no sales").forecast is None
        True
    """

    sku: str = attrs.field(converter=text)
    forecast: Forecast | None = attrs.field(default=None, converter=_optional_forecast)
    problem: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        require(
            (self.forecast is None) != (self.problem is None),
            field="problem",
            value=self.problem,
            expected="a problem exactly when there is no forecast",
        )


def forecast_skus(
    records: Iterable[Mapping[str, object] | Sequence[object]],
    *,
    horizon: int = 1,
    method: MethodChoice = None,
    period: QuantityInput | None = None,
    season_length: int | None = None,
) -> tuple[SkuForecast, ...]:
    """Forecast every SKU of a long sales table, each with its own method.

    Each record is one SKU's sales in one period: a mapping with the keys
    ``sku``, ``period``, ``units`` and optionally ``stockout``, or a tuple
    in that order. Records are grouped by SKU (in the order SKUs first
    appear) and sorted by ``period`` (ints, or dates: then the earliest is
    the history's ``start``); each SKU's periods must be consecutive, one
    record each. A SKU whose history cannot be forecast keeps its place with
    the ``problem``; it is never dropped.

    Args:
        records: The sales table, as records.
        horizon: Periods ahead to forecast.
        method: One method for every SKU; a mapping from SKU to method
            (others get :func:`suggest_method`'s); a function from a
            :class:`SalesHistory` to a method; or ``None`` for
            :func:`suggest_method`.
        period: The length of a period (``"1 week"``), for inventory.
        season_length: Passed to :func:`suggest_method`.

    Raises:
        InvalidInputError: A record without a SKU, period or units.

    Examples:
        >>> from xborder.forecast import Naive
        >>> sales = [("A", 1, 5), ("B", 1, 0), ("A", 2, 7), ("B", 2, 3)]
        >>> rows = forecast_skus(sales, method=Naive())
        >>> [(row.sku, row.forecast.points) for row in rows]
        [('A', (Decimal('7'),)), ('B', (Decimal('3'),))]
    """
    steps = horizon_arg(horizon)
    _check_choice(method)
    groups: dict[str, list[tuple[object, object, object]]] = {}
    for index, record in enumerate(items_of(records, field="records")):
        sku, key, units, out = _fields(record, index)
        groups.setdefault(sku, []).append((key, units, out))
    return tuple(
        _one(
            sku,
            rows,
            horizon=steps,
            choice=method,
            period=period,
            season_length=season_length,
        )
        for sku, rows in groups.items()
    )


def _check_choice(method: object) -> None:
    if method is None or isinstance(method, METHODS) or callable(method):
        return
    if isinstance(method, Mapping):
        for sku, choice in method.items():
            if not isinstance(choice, METHODS):
                raise InvalidTypeError(
                    field=f"method[{sku!r}]", value=choice, expected="a method"
                )
        return
    raise InvalidTypeError(
        field="method",
        value=method,
        expected="a method, a mapping of SKUs to methods, a function or None",
    )


def _fields(record: object, index: int) -> tuple[str, object, object, object]:
    where = f"records[{index}]"
    if type(record) is tuple and len(record) == 4:  # noqa: PLR2004 - the fast path
        values = record
    elif isinstance(record, Mapping):
        missing = [key for key in COLUMNS[:3] if key not in record]
        if missing:
            raise InvalidInputError(
                field=where, value=record, expected=f"the keys {list(COLUMNS[:3])}"
            )
        values = (
            record["sku"],
            record["period"],
            record["units"],
            record.get("stockout", False),
        )
    elif isinstance(record, Sequence) and not isinstance(record, str | bytes):
        if len(record) not in {3, 4}:
            raise InvalidInputError(
                field=where, value=record, expected="(sku, period, units[, stockout])"
            )
        values = (*record, False) if len(record) == 3 else tuple(record)  # noqa: PLR2004
    else:
        raise InvalidTypeError(
            field=where, value=record, expected="a mapping or a tuple"
        )
    sku, key, units, out = values
    if not isinstance(sku, str) or not sku.strip():
        raise InvalidInputError(field=f"{where}.sku", value=sku, expected="a SKU")
    if out is None:
        out = False
    return sku, key, units, out


def _one(
    sku: str,
    rows: list[tuple[object, object, object]],
    *,
    horizon: int,
    choice: MethodChoice,
    period: QuantityInput | None,
    season_length: int | None,
) -> SkuForecast:
    try:
        history = _history(rows, period)
        method = _choose(choice, sku, history, season_length)
        return SkuForecast(sku=sku, forecast=method.forecast(history, horizon=horizon))
    except XborderError as error:
        return SkuForecast(sku=sku, problem=str(error))


def _history(
    rows: list[tuple[object, object, object]], period: QuantityInput | None
) -> SalesHistory:
    keys = [key for key, _, _ in rows]
    try:
        ordered = sorted(range(len(rows)), key=keys.__getitem__)  # type: ignore[arg-type]
    except TypeError:
        raise InvalidInputError(
            field="period", value=keys[:3], expected="periods of one sortable kind"
        ) from None
    first = keys[ordered[0]]
    _consecutive([keys[index] for index in ordered], period)
    return SalesHistory(
        units=[rows[index][1] for index in ordered],  # type: ignore[misc]
        stockouts=[rows[index][2] for index in ordered],  # type: ignore[misc]
        period=period,
        start=first if type(first) is dt.date else None,
    )


def _consecutive(keys: list[object], period: QuantityInput | None) -> None:
    del period  # dates are checked for duplicates; their spacing is the caller's
    for before, after in itertools.pairwise(keys):
        if before == after:
            raise InvalidInputError(
                field="period", value=after, expected="one record per period"
            )
        if isinstance(before, int) and isinstance(after, int) and after != before + 1:
            raise InvalidInputError(
                field="period",
                value=after,
                expected=f"consecutive periods ({before} is followed by {before + 1})",
            )


def _choose(
    choice: MethodChoice, sku: str, history: SalesHistory, season_length: int | None
) -> Method:
    if isinstance(choice, METHODS):
        return choice
    if isinstance(choice, Mapping):
        picked = choice.get(sku)
        if picked is not None:
            return picked
    elif callable(choice):
        try:
            picked = choice(history)
        except XborderError:
            raise
        except Exception as error:  # the caller's function: its failure is this SKU's
            raise InvalidInputError(
                f"the method function raised {type(error).__name__}: {error}",
                field="method",
                value=choice,
                expected="a function from a SalesHistory to a method",
            ) from error
        if not isinstance(picked, METHODS):
            raise InvalidTypeError(
                field="method", value=picked, expected="a method from the function"
            )
        return picked
    return suggest_method(history, season_length=season_length)


# -- polars ---------------------------------------------------------------------


def forecast_frame(
    frame: Any,  # noqa: ANN401 - a polars DataFrame (optional dependency)
    *,
    horizon: int = 1,
    method: MethodChoice = None,
    period: QuantityInput | None = None,
    season_length: int | None = None,
    columns: Sequence[str] = COLUMNS,
) -> Any:  # noqa: ANN401
    """:func:`forecast_skus` over a polars DataFrame, grouped by SKU in polars.

    A thin wrapper over :func:`xborder.frames.forecast` (which also takes
    pandas and pyarrow tables, runs on Dask, and reports bad rows in an
    errors table): the result is its table, a long polars DataFrame with
    one row per SKU and period ahead: ``sku``, ``step`` (1 is the next
    period), ``forecast`` and ``sigma`` (the one-step error's standard
    deviation) as ``Decimal(38, 6)`` (rounded half-even from the exact
    forecasts), ``method`` (the method's class) and ``problem``. A SKU that
    could not be forecast (or has a bad cell) has a single row with
    ``step`` null and its ``problem``. Units must be integer, decimal or
    text columns: floats are refused. A row without a SKU raises.

    Args:
        frame: A polars DataFrame (or LazyFrame) of sales.
        horizon: Periods ahead to forecast.
        method: As for :func:`forecast_skus`.
        period: The length of a period.
        season_length: Passed to :func:`suggest_method`.
        columns: The names of the SKU, period, units and (optional)
            stockout columns.

    Examples:
        >>> import polars as pl
        >>> from xborder.forecast import Naive
        >>> sales = pl.DataFrame({"sku": ["A", "A", "B", "B"], "period": [1, 2, 1, 2],
        ...                       "units": [5, 7, 0, 3]})
        >>> forecast_frame(sales, method=Naive()).select("sku", "forecast").rows()
        [('A', Decimal('7.000000')), ('B', Decimal('3.000000'))]
    """
    try:
        import polars as pl  # type: ignore[import-not-found, unused-ignore]  # noqa: PLC0415

        from xborder import frames  # noqa: PLC0415 - the optional frames extra
    except ImportError as error:  # pragma: no cover - polars is in the frames extra
        raise ImportError(
            "forecast_frame needs polars: pip install 'xborder[frames]'"
        ) from error
    names = tuple(items_of(columns, field="columns"))
    require(
        len(names) in {3, 4} and all(isinstance(name, str) for name in names),
        field="columns",
        value=columns,
        expected="the names of the sku, period, units and (optional) stockout columns",
    )
    if not isinstance(frame, pl.DataFrame | pl.LazyFrame):
        raise InvalidTypeError(
            field="frame", value=frame, expected="a polars DataFrame"
        )
    data = frame.collect() if isinstance(frame, pl.LazyFrame) else frame
    sku, key, units = names[:3]
    for name in (sku, key, units):
        if name not in data.columns:
            raise InvalidInputError(
                field="columns",
                value=name,
                expected=f"a column of the frame ({data.columns[:10]})",
            )
    stockout = names[3] if len(names) == 4 and names[3] in data.columns else None  # noqa: PLR2004
    result = frames.forecast(
        data,
        horizon=horizon,
        method=method,
        period=period,
        season_length=season_length,
        sku=sku,
        time=key,
        units=units,
        stockout=stockout,
    )
    unowned = result.errors.filter(
        (pl.col("field") == sku)
        & pl.col("value").str.strip_chars().str.len_chars().fill_null(0).eq(0)
    )
    if unowned.height:
        row, value = unowned.row(0)[:2]
        raise InvalidInputError(
            field=f"records[{row}].sku", value=value, expected="a SKU"
        )
    decimal = pl.Decimal(38, 6)
    return result.table.rename({sku: "sku"}).with_columns(
        pl.col("forecast").cast(decimal), pl.col("sigma").cast(decimal)
    )
