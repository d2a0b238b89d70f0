"""frames.forecast: every SKU of a sales table, equal to forecast_skus SKU for SKU."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder import frames
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.forecast import (
    Croston,
    MovingAverage,
    Naive,
    SalesHistory,
    SeasonalNaive,
    SkuForecast,
    forecast_frame,
    forecast_skus,
)

if TYPE_CHECKING:
    from xborder.forecast import Method

SIX = Decimal("0.000001")


def _expected(results: tuple[SkuForecast, ...]) -> list[tuple[object, ...]]:
    """forecast_skus's answers as the table's rows (rounded half-even to 6 places)."""
    rows: list[tuple[object, ...]] = []
    for result in results:
        found = result.forecast
        if found is None:
            rows.append((result.sku, None, None, None, None, result.problem))
            continue
        sigma = (
            None if found.sigma is None else found.sigma.quantize(SIX, ROUND_HALF_EVEN)
        )
        rows.extend(
            (
                result.sku,
                step,
                point.quantize(SIX, ROUND_HALF_EVEN),
                sigma,
                type(found.method).__name__,
                None,
            )
            for step, point in enumerate(found.points, start=1)
        )
    return rows


def _by_size(history: SalesHistory) -> Method:
    return Naive() if history.periods < 4 else MovingAverage(window=3)


CHOICES: list[Any] = [
    None,
    Naive(),
    MovingAverage(window=2),
    {"B": Naive(), "C": Croston()},
    _by_size,
    SeasonalNaive(season_length=3),
]


@st.composite
def sales_tables(draw: st.DrawFn) -> list[tuple[str, object, int, bool]]:
    """A few SKUs, each with a short run of periods (ints or dates), shuffled."""
    skus = draw(st.lists(st.sampled_from("ABCDE"), min_size=1, max_size=4, unique=True))
    dated = draw(st.booleans())
    records: list[tuple[str, object, int, bool]] = []
    for sku in skus:
        units = draw(st.lists(st.integers(0, 60), min_size=1, max_size=7))
        first = draw(st.integers(-3, 3))
        for index, sold in enumerate(units):
            key: object = first + index
            if dated:
                key = dt.date(2026, 1, 5) + dt.timedelta(weeks=first + index)
            records.append((sku, key, sold, draw(st.booleans())))
    return draw(st.permutations(records))


@settings(max_examples=40, deadline=None)
@given(
    sales_tables(),
    st.sampled_from(range(len(CHOICES))),
    st.integers(1, 3),
)
def test_equals_forecast_skus_sku_for_sku(
    records: list[tuple[str, object, int, bool]], choice: int, horizon: int
) -> None:
    method = CHOICES[choice]
    table = pl.DataFrame(
        records, schema=["sku", "period", "units", "out"], orient="row"
    )
    result = frames.forecast(table, method=method, horizon=horizon, stockout="out")
    expected = _expected(forecast_skus(records, method=method, horizon=horizon))
    assert result.table.rows() == expected
    failed = [row[0] for row in expected if row[-1] is not None]
    assert result.errors.get_column("value").to_list() == failed
    assert set(result.errors.get_column("field")) <= {"sku"}


SALES: dict[str, list[Any]] = {
    "sku": ["PH-BLK", "PH-RED", "PH-BLK", "PH-RED", "PH-BLK", "PH-RED", "PH-NEW"],
    "period": [1, 1, 2, 2, 3, 3, 1],
    "units": [140, 0, 152, 3, 147, 0, 12],
}


def _records(columns: dict[str, list[Any]]) -> list[tuple[object, ...]]:
    return list(zip(columns["sku"], columns["period"], columns["units"], strict=True))


@pytest.mark.parametrize("arrow", [False, True])
def test_pandas_gives_pandas_with_the_same_rows(arrow: bool) -> None:  # noqa: FBT001
    given_frame = pd.DataFrame(SALES, index=[10, 11, 12, 13, 14, 15, 16])
    if arrow:
        given_frame = given_frame.convert_dtypes(dtype_backend="pyarrow")
    result = frames.forecast(given_frame, method=MovingAverage(window=2), horizon=2)
    assert isinstance(result.table, pd.DataFrame)
    assert str(result.table["forecast"].dtype) == "decimal128(18, 6)[pyarrow]"
    rows = [
        tuple(None if pd.isna(v) else v for v in row)
        for row in result.table.itertuples(index=False)
    ]
    expected = _expected(
        forecast_skus(_records(SALES), method=MovingAverage(window=2), horizon=2)
    )
    assert rows == expected
    assert result.errors["row"].tolist() == [6]
    assert result.errors["value"].tolist() == ["PH-NEW"]


def test_pyarrow_and_lazy_polars_come_back_in_their_library() -> None:
    polars_result = frames.forecast(pl.DataFrame(SALES))
    arrow = frames.forecast(pa.table(SALES))
    assert isinstance(arrow.table, pa.Table)
    assert pl.from_arrow(arrow.table).rows() == polars_result.table.rows()  # type: ignore[union-attr]
    lazy = frames.forecast(pl.DataFrame(SALES).lazy())
    assert isinstance(lazy.table, pl.LazyFrame)
    assert lazy.table.collect().rows() == polars_result.table.rows()


def test_a_bad_cell_reports_the_row_and_leaves_its_sku_unforecast() -> None:
    table = pl.DataFrame(
        {
            "code": ["A", "A", "A", None, "B", "B", "C", "C"],
            "week": [1, 2, 3, 1, 1, 2, 1, None],
            "sold": ["4", "x", "5", "2", "3", "-1", "1", "2"],
        }
    )
    result = frames.forecast(
        table, method=Naive(), sku="code", time="week", units="sold"
    )
    errors = result.errors.select("row", "field", "value").rows()
    assert errors == [
        (1, "sold", "x"),
        (3, "code", None),
        (5, "sold", "-1"),
        (7, "week", None),
    ]
    assert result.table.get_column("code").to_list() == ["A", "B", "C"]
    assert result.table.get_column("step").to_list() == [None, None, None]
    problems = result.table.get_column("problem").to_list()
    assert problems[0] == "sold: expected a number, got x (week 2)"
    assert problems[1] == "sold: expected units sold >= 0, got -1 (week 2)"
    assert problems[2] == "week: expected a period, got nothing"
    with pytest.raises(InvalidInputError) as raised:
        frames.forecast(table, sku="code", time="week", units="sold", errors="raise")
    assert raised.value.field == "rows[1].sold"
    assert raised.value.value == "x"


def test_a_sku_the_scalar_refuses_is_reported_at_its_first_row() -> None:
    table = pl.DataFrame(
        {"sku": ["A", "B", "A"], "period": [1, 1, 3], "units": [1, 2, 3]}
    )
    result = frames.forecast(table, method=Naive())
    assert result.errors.rows() == [
        (
            0,
            "sku",
            "A",
            "sku A: period: expected consecutive periods (1 is followed by 2), got 3",
        )
    ]
    with pytest.raises(InvalidInputError) as raised:
        frames.forecast(table, method=Naive(), errors="raise")
    assert raised.value.field == "rows[0].sku"
    assert raised.value.value == "A"
    assert raised.value.expected == "consecutive periods (1 is followed by 2)"


def test_floats_are_refused_unless_read_as_their_shortest_decimal() -> None:
    table = pl.DataFrame({"sku": ["A", "A"], "period": [1, 2], "units": [1.5, 2.25]})
    with pytest.raises(InvalidTypeError) as refused:
        frames.forecast(table)
    assert refused.value.field == "units"
    shortest = frames.forecast(table, method=Naive(), floats="shortest")
    assert shortest.table.get_column("forecast").to_list() == [Decimal("2.250000")]
    expected = forecast_skus([("A", 1, "1.5"), ("A", 2, "2.25")], method=Naive())
    assert shortest.table.rows() == _expected(expected)


def test_dates_decimals_and_stockouts_are_read_as_the_scalar_takes_them() -> None:
    weeks = [dt.date(2026, 1, 5) + dt.timedelta(weeks=i) for i in range(6)]
    sold = [
        Decimal("12.5"),
        Decimal("3.0"),
        Decimal("14.25"),
        Decimal(13),
        Decimal(0),
        Decimal(15),
    ]
    out = [False, True, False, None, False, False]
    table = pl.DataFrame(
        {"sku": ["A"] * 6, "period": weeks, "units": sold, "stockout": out},
        schema_overrides={"units": pl.Decimal(10, 2)},
    )
    result = frames.forecast(table, stockout="stockout", horizon=3, period="1 week")
    records = [("A", w, u, bool(o)) for w, u, o in zip(weeks, sold, out, strict=True)]
    expected = forecast_skus(records, horizon=3, period="1 week")
    assert result.table.rows() == _expected(expected)


@pytest.mark.parametrize(
    ("arguments", "exception", "field"),
    [
        ({"sku": "nope"}, InvalidInputError, "nope"),
        ({"time": 3}, InvalidTypeError, "time"),
        ({"stockout": "units"}, InvalidTypeError, "units"),
        ({"errors": "ignore"}, InvalidInputError, "errors"),
        ({"floats": "round"}, InvalidInputError, "floats"),
        ({"horizon": 0}, InvalidInputError, "horizon"),
        ({"method": "naive"}, InvalidTypeError, "method"),
    ],
)
def test_wrong_arguments_name_their_field(
    arguments: dict[str, Any], exception: type[Exception], field: str
) -> None:
    with pytest.raises(exception) as raised:
        frames.forecast(pl.DataFrame(SALES), **arguments)
    assert raised.value.field == field  # type: ignore[attr-defined]


def test_columns_of_the_wrong_kind_are_refused_by_name() -> None:
    numbered = pl.DataFrame({"sku": [1, 2], "period": [1, 1], "units": [1, 1]})
    with pytest.raises(InvalidTypeError) as sku:
        frames.forecast(numbered)
    assert sku.value.field == "sku"
    floated = pl.DataFrame({"sku": ["A"], "period": [1.0], "units": [1]})
    with pytest.raises(InvalidTypeError) as period:
        frames.forecast(floated)
    assert period.value.field == "period"
    clash = pl.DataFrame({"step": ["A"], "period": [1], "units": [1]})
    with pytest.raises(InvalidInputError) as taken:
        frames.forecast(clash, sku="step")
    assert taken.value.field == "sku"


def test_an_empty_table_has_the_schema() -> None:
    empty = pl.DataFrame(
        schema={"sku": pl.String, "period": pl.Int64, "units": pl.Int64}
    )
    result = frames.forecast(empty)
    assert result.table.columns == ["sku", *frames.FORECAST]
    assert result.table.height == 0
    assert result.errors.height == 0


def test_forecast_frame_wraps_it_and_still_refuses_a_row_without_a_sku() -> None:
    table = pl.DataFrame(SALES)
    wrapped = forecast_frame(table, method=Naive())
    direct = frames.forecast(table, method=Naive()).table
    assert (
        wrapped.get_column("forecast").to_list()
        == direct.get_column("forecast").to_list()
    )
    assert wrapped.schema["forecast"] == pl.Decimal(38, 6)
    blank = table.with_columns(
        pl.when(pl.col("units") == 3)
        .then(pl.lit(" "))
        .otherwise(pl.col("sku"))
        .alias("sku")
    )
    with pytest.raises(InvalidInputError) as raised:
        forecast_frame(blank)
    assert raised.value.field == "records[3].sku"


def test_figures_past_38_digits_are_a_problem_and_past_18_widen_the_column() -> None:
    table = pl.DataFrame(
        {
            "sku": ["A", "A", "B", "B"],
            "period": [1, 2, 1, 2],
            "units": ["1" + "0" * 33, "1" + "0" * 33, "1" + "0" * 13, "2" + "0" * 13],
        }
    )
    result = frames.forecast(table, method=Naive())
    assert result.table.schema["forecast"] == pl.Decimal(38, 6)
    assert result.table.get_column("forecast").to_list() == [None, Decimal("2E+13")]
    assert result.errors.select("row", "field", "value").rows() == [(0, "sku", "A")]
    assert "below 1E+32" in result.table.get_column("problem")[0]
