"""frames.forecast on Dask, SKU by SKU: the same forecasts as one machine.

Each SKU's history must lie in one partition, so ``on_dask`` takes the
calculator only with ``group=`` its SKU column (the frame is shuffled on it).
The SKUs' rows are spread round-robin across partitions on purpose.
"""

from __future__ import annotations

from typing import Any

import dask.dataframe as dd
import pandas as pd
import polars as pl
import pytest
from dask.base import compute
from distributed import Client, LocalCluster

from xborder import frames
from xborder.errors import InvalidInputError
from xborder.forecast import Naive

pytestmark = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


def _sales(skus: int, periods: int) -> pd.DataFrame:
    """Weekly sales of ``skus`` SKUs, period by period (each SKU in every partition)."""
    rows = [
        (f"SKU-{s}", week, (s * 7 + week * 13) % (5 + s), week % 9 == s % 9)
        for week in range(1, periods + 1)
        for s in range(skus)
    ]
    table = pl.DataFrame(
        rows, schema=["code", "week", "sold", "out"], orient="row"
    ).with_columns(pl.col("sold").cast(pl.Decimal(12, 0)))
    table = table.with_columns(
        pl.when((pl.col("code") == "SKU-3") & (pl.col("week") == 4))
        .then(None)
        .otherwise(pl.col("sold"))
        .alias("sold")
    )  # one bad cell: SKU-3 is not forecast
    return table.to_pandas(use_pyarrow_extension_array=True)


def _cells(column: pd.Series[Any]) -> list[object]:
    return [None if pd.isna(value) else value for value in column.tolist()]


@pytest.fixture(scope="module")
def client() -> Any:
    cluster = LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=":0"
    )
    with cluster, Client(cluster) as connected:
        yield connected


ARGUMENTS: dict[str, Any] = {
    "sku": "code",
    "time": "week",
    "units": "sold",
    "stockout": "out",
    "horizon": 2,
    "period": "1 week",
}


@pytest.mark.parametrize("method", [None, Naive()])
def test_group_wise_on_dask_equals_one_machine(client: Any, method: Any) -> None:
    del client
    sales = _sales(skus=12, periods=10)
    one = frames.forecast(sales, method=method, **ARGUMENTS)
    partitioned = dd.from_pandas(sales, npartitions=4)
    result = frames.on_dask(
        frames.forecast, partitioned, method=method, group="code", **ARGUMENTS
    )
    table, errors = compute(result.table, result.errors)
    keys = ["code", "step"]
    got = table.sort_values(keys).reset_index(drop=True)
    want = one.table.sort_values(keys).reset_index(drop=True)
    assert list(got.columns) == list(want.columns)
    for name in want.columns:
        assert _cells(got[name]) == _cells(want[name]), name
    # Rows are numbered in the shuffled frame; the problems are the same.
    shown = ["field", "value", "message"]
    assert sorted(map(tuple, errors[shown].to_numpy().tolist())) == sorted(
        map(tuple, one.errors[shown].to_numpy().tolist())
    )
    assert len(one.errors) == 1


def test_forecast_on_dask_must_be_shuffled_on_its_sku_column() -> None:
    partitioned = dd.from_pandas(_sales(skus=3, periods=2), npartitions=2)
    with pytest.raises(InvalidInputError) as ungrouped:
        frames.on_dask(
            frames.forecast, partitioned, sku="code", time="week", units="sold"
        )
    assert ungrouped.value.field == "calculator"
    with pytest.raises(InvalidInputError) as by_week:
        frames.on_dask(
            frames.forecast,
            partitioned,
            group="week",
            sku="code",
            time="week",
            units="sold",
        )
    assert by_week.value.field == "calculator"
