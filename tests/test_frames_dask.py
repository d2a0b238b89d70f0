"""xborder.frames on Dask: partition by partition, the same answers as one machine.

A local cluster runs the calculators on a partitioned frame; the table and
the errors must equal the single-machine run row for row. One test uses
worker processes, so that the rules and the calculator cross a pickle.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import dask.dataframe as dd
import pandas as pd
import polars as pl
import pytest
from dask.base import compute
from distributed import Client, LocalCluster

from xborder import frames
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money
from xborder.pricing import FeeSchedule, Listing, ReferralFee, UnitCosts, Vat, VatBasis

# distributed's sockets and threads outlive a test by a moment; its own
# resource warnings are not ours to fix.
pytestmark = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

LISTING = Listing(
    fees=FeeSchedule(
        name="Amazon.de",
        currency="EUR",
        referral=ReferralFee.flat(
            "0.15", basis=VatBasis.INCLUSIVE, minimum=Money("0.30", "EUR")
        ),
        fulfilment=Money("2.70", "EUR"),
    ),
    costs=UnitCosts(landed=Money("0", "EUR")),
    vat=Vat(rate="0.19"),
)


def _catalogue(rows: int) -> pd.DataFrame:
    prices = [f"{9 + (i * 37) % 90}.{(i * 13) % 100:02d}" for i in range(rows)]
    if rows > 7:
        prices[7] = "0"  # a bad row in the middle of a partition
    table = pl.DataFrame(
        {
            "sku": [f"SKU-{i}" for i in range(rows)],
            "price": prices,
            "landed": [f"{1 + (i * 7) % 20}.{(i * 3) % 100:02d}" for i in range(rows)],
        }
    )
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
def test_unit_economics_on_a_local_cluster_equals_one_machine() -> None:
    table = _catalogue(200)
    partitioned = dd.from_pandas(table, npartitions=7)
    result = frames.on_dask(frames.unit_economics, partitioned, LISTING)
    computed, errors = compute(result.table, result.errors)
    local = frames.unit_economics(table, LISTING)
    _same(computed.reset_index(drop=True), local.table.reset_index(drop=True))
    _same(errors.reset_index(drop=True), local.errors.reset_index(drop=True))
    assert errors["row"].tolist() == [7]


@pytest.mark.usefixtures("client")
def test_solved_prices_on_dask_equal_one_machine() -> None:
    table = _catalogue(120).drop(columns=["price"])
    partitioned = dd.from_pandas(table, npartitions=4)
    result = frames.on_dask(
        frames.target_margin_prices, partitioned, LISTING, Decimal("0.20")
    )
    computed = result.table.compute()
    local = frames.target_margin_prices(table, LISTING, Decimal("0.20"))
    _same(computed.reset_index(drop=True), local.table.reset_index(drop=True))


def test_worker_processes_give_the_same_answers() -> None:
    # Separate processes: the listing and the calculator are pickled.
    table = _catalogue(60)
    cluster = LocalCluster(
        processes=True, n_workers=2, threads_per_worker=1, dashboard_address=":0"
    )
    with cluster, Client(cluster):
        partitioned = dd.from_pandas(table, npartitions=3)
        result = frames.on_dask(frames.unit_economics, partitioned, LISTING)
        computed = result.table.compute()
    local = frames.unit_economics(table, LISTING)
    _same(computed.reset_index(drop=True), local.table.reset_index(drop=True))


def test_on_dask_refuses_what_it_cannot_run() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        frames.on_dask(frames.unit_economics, _catalogue(5), LISTING)
    assert caught.value.field == "frame"
    partitioned = dd.from_pandas(_catalogue(5), npartitions=1)
    with pytest.raises(InvalidTypeError) as wrong:
        frames.on_dask(cast("Any", len), partitioned)
    assert wrong.value.field == "calculator"
    with pytest.raises(InvalidInputError) as group:
        frames.on_dask(frames.unit_economics, partitioned, LISTING, group="nope")
    assert group.value.field == "group"


@pytest.mark.parametrize("name", ["summarize", "harvest", "bid_changes", "read_report"])
def test_a_report_wide_calculator_is_refused_on_dask(name: str) -> None:
    # Partition by partition they would give per-partition answers.
    table = dd.from_pandas(pd.DataFrame({"campaign": ["a", "b"]}), npartitions=2)
    with pytest.raises(InvalidInputError) as caught:
        frames.on_dask(getattr(frames, name), table)
    assert caught.value.field == "calculator"


def test_a_breakdown_must_be_shuffled_on_a_column_it_groups_by() -> None:
    table = dd.from_pandas(pd.DataFrame({"campaign": ["a", "b"]}), npartitions=2)
    with pytest.raises(InvalidInputError) as caught:
        frames.on_dask(frames.breakdown, table, by="campaign")
    assert caught.value.field == "calculator"
