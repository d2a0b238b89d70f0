"""Customer tables on Dask equal the one-machine tables, row for row.

RFM ranks every customer against every other and a cohort gathers customers
from anywhere, so ``on_dask`` runs them in two stages: each partition is
read, checked and aggregated per customer, then the aggregates are combined
once. Partitions here split customers' orders on purpose.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import dask.dataframe as dd
import polars as pl
import pytest
from dask.base import compute
from distributed import Client, LocalCluster

from xborder import frames
from xborder.kpi import RfmScoring

if TYPE_CHECKING:
    import pandas as pd

pytestmark = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

AS_OF = dt.date(2026, 1, 1)


def _orders(rows: int) -> pd.DataFrame:
    """Orders of 37 customers over two years, round-robin across partitions."""
    days = [AS_OF - dt.timedelta(days=1 + (i * 53) % 700) for i in range(rows)]
    amounts = [f"{5 + (i * 31) % 200}.{(i * 7) % 100:02d}" for i in range(rows)]
    customers = [f"c{(i * 11) % 37}" for i in range(rows)]
    customers[5] = ""  # a bad order in the first partition
    amounts[140] = "-2.00"  # and one in a later one
    table = pl.DataFrame(
        {"customer": customers, "placed_on": days, "amount": amounts}
    ).with_columns(pl.col("amount").cast(pl.Decimal(18, 2)))
    return table.to_pandas(use_pyarrow_extension_array=True)


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    assert list(left.columns) == list(right.columns)
    for name in left.columns:
        assert left[name].tolist() == right[name].tolist(), name


@pytest.fixture(scope="module")
def client() -> Any:
    cluster = LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=":0"
    )
    with cluster, Client(cluster) as connected:
        yield connected


@pytest.mark.usefixtures("client")
@pytest.mark.parametrize(
    ("calculator", "arguments"),
    [
        (frames.rfm, {"as_of": AS_OF, "currency": "EUR"}),
        (
            frames.rfm,
            {"as_of": AS_OF, "currency": "EUR", "scoring": RfmScoring(bins=3)},
        ),
        (frames.cohort_retention, {"as_of": AS_OF}),
        (
            frames.cohort_ltv,
            {
                "as_of": AS_OF,
                "currency": "EUR",
                "gross_margin": "0.35",
                "contribution": None,
            },
        ),
        (
            frames.customer_summary,
            {"start": "2025-07-01", "end": AS_OF, "currency": "EUR"},
        ),
    ],
    ids=["rfm", "rfm-3-bins", "retention", "ltv", "summary"],
)
def test_customers_on_dask_equal_one_machine(
    calculator: Any, arguments: dict[str, Any]
) -> None:
    table = _orders(300)
    partitioned = dd.from_pandas(table, npartitions=4)
    result = frames.on_dask(calculator, partitioned, **arguments)
    computed, errors = compute(result.table, result.errors)
    local = calculator(table, **arguments)
    _same(computed.reset_index(drop=True), local.table)
    _same(errors.reset_index(drop=True), local.errors)
    assert errors["row"].tolist()[:1] == [5]


def test_a_shuffle_by_customer_changes_nothing() -> None:
    table = _orders(300)
    partitioned = dd.from_pandas(table, npartitions=3)
    arguments: dict[str, Any] = {"as_of": AS_OF, "currency": "EUR"}
    result = frames.on_dask(frames.rfm, partitioned, group="customer", **arguments)
    computed = result.table.compute(scheduler="sync")
    local = frames.rfm(table, **arguments)
    _same(computed.reset_index(drop=True), local.table)
