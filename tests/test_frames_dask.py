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
from xborder.forecast import Naive
from xborder.kpi import (
    AttributionWindow,
    Bid,
    BidRules,
    Grouping,
    HarvestRules,
    ReportSemantics,
)
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


@pytest.mark.usefixtures("client")
def test_promotion_lifts_on_dask_equal_one_machine() -> None:
    from xborder.pricing.promotions import Coupon, Discount  # noqa: PLC0415

    coupon = Coupon(
        discount=Discount.percent_off("0.20"),
        redemption_fee=Money("0.60", "EUR"),
        budget=Money("200.00", "EUR"),
    )
    table = _catalogue(90)
    table["baseline_units"] = [str(1 + i % 17) for i in range(90)]
    table["lift"] = [f"{i % 5}.5" for i in range(90)]
    partitioned = dd.from_pandas(table, npartitions=4)
    result = frames.on_dask(
        frames.promotion_lifts, partitioned, LISTING, coupon, lift="lift"
    )
    computed, errors = compute(result.table, result.errors)
    local = frames.promotion_lifts(table, LISTING, coupon, lift="lift")
    _same(computed.reset_index(drop=True), local.table.reset_index(drop=True))
    _same(errors.reset_index(drop=True), local.errors.reset_index(drop=True))
    assert 7 in errors["row"].tolist()


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


@pytest.mark.parametrize("name", ["read_report"])
def test_a_report_wide_calculator_is_refused_on_dask(name: str) -> None:
    # Partition by partition they would give per-partition answers.
    table = dd.from_pandas(pd.DataFrame({"campaign": ["a", "b"]}), npartitions=2)
    with pytest.raises(InvalidInputError) as caught:
        frames.on_dask(getattr(frames, name), table)
    assert caught.value.field == "calculator"


# -- search-term reports: each partition summed per key, then finished once -------

REPORT = ReportSemantics(currency="USD", attribution=AttributionWindow(click_days=7))


def _search_terms(rows: int) -> pd.DataFrame:
    """A report whose terms and exact keywords are spread over every partition.

    Row 20 has a negative spend and row 31 more clicks than impressions (both
    reported, not summed); row 13's sales have three decimals, so the
    amounts' scale is 3 on every machine, whichever partition holds it.
    """
    exact = [i % 5 == 0 for i in range(rows)]
    table = pl.DataFrame(
        {
            "campaign": [f"C{i % 3}" for i in range(rows)],
            "ad_group": [f"G{i % 2}" for i in range(rows)],
            "targeting": ["term 2" if e else "close-match" for e in exact],
            "match_type": ["exact" if e else "auto" for e in exact],
            "search_term": [f"Term  {i % 7}" for i in range(rows)],
            "impressions": [1000 + 37 * i for i in range(rows)],
            "clicks": [5000 if i == 31 else 3 * (i % 9) for i in range(rows)],
            "spend": [
                "-1" if i == 20 else f"{i % 9}.{i % 100:02d}" for i in range(rows)
            ],
            "orders": [i % 3 if i % 9 >= 3 else 0 for i in range(rows)],
            "sales": [
                "12.125" if i == 13 else f"{(i % 3) * 25}.50" for i in range(rows)
            ],
        }
    )
    return table.to_pandas(use_pyarrow_extension_array=True)


@pytest.mark.usefixtures("client")
@pytest.mark.parametrize("partitions", [1, 3, 7])
@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("summarize", {}),
        ("breakdown", {"by": Grouping.SEARCH_TERM}),
        ("breakdown", {"by": ["campaign", "targeting"]}),
        ("harvest", {"rules": HarvestRules(target_acos="0.30", min_orders=1)}),
    ],
)
def test_report_wide_kpis_on_dask_equal_one_machine(
    name: str, options: dict[str, Any], partitions: int
) -> None:
    table = _search_terms(90)
    calculator = getattr(frames, name)
    alone = calculator(table, report=REPORT, **options)
    parts = dd.from_pandas(table, npartitions=partitions)
    result = frames.on_dask(calculator, parts, report=REPORT, **options)
    found, errors = compute(result.table, result.errors)
    _same(found.reset_index(drop=True), alone.table)
    _same(errors.reset_index(drop=True), alone.errors)
    assert errors["row"].tolist() == [20, 31]
    assert str(found["sales"].dtype) == "decimal128(18, 3)[pyarrow]"


@pytest.mark.usefixtures("client")
@pytest.mark.parametrize("partitions", [1, 4])
def test_bid_changes_on_dask_equal_one_machine(partitions: int) -> None:
    table = _search_terms(90)
    bids = [
        Bid(
            campaign=f"C{c}",
            ad_group=f"G{g}",
            targeting="term 2",
            match_type="exact",
            bid=Money(f"0.{40 + 10 * c + g}", "USD"),
        )
        for c in range(3)
        for g in range(2)
    ]
    options: dict[str, Any] = {
        "report": REPORT,
        "bids": bids,
        "rules": BidRules(
            target_acos="0.25",
            min_bid=Money("0.20", "USD"),
            max_bid=Money("1.50", "USD"),
        ),
    }
    alone = frames.bid_changes(table, **options)
    parts = dd.from_pandas(table, npartitions=partitions)
    result = frames.on_dask(frames.bid_changes, parts, **options)
    found, errors, unbid = compute(result.table, result.errors, result.unbid)
    _same(found.reset_index(drop=True), alone.table)
    _same(errors.reset_index(drop=True), alone.errors)
    _same(unbid.reset_index(drop=True), alone.unbid)
    assert len(found) == len(bids)
    assert len(unbid) > 0


@pytest.mark.usefixtures("client")
def test_report_wide_kpis_on_dask_raise_the_first_bad_row() -> None:
    parts = dd.from_pandas(_search_terms(90), npartitions=3)
    result = frames.on_dask(frames.summarize, parts, report=REPORT, errors="raise")
    with pytest.raises(InvalidInputError) as caught:
        compute(result.table)
    assert caught.value.field == "rows[20].spend"


# -- forecast: SKU by SKU -----------------------------------------------------------
# Each SKU's history must lie in one partition, so on_dask takes the calculator
# only with group= its SKU column (the frame is shuffled on it). The SKUs' rows
# are spread round-robin across partitions on purpose.


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


ARGUMENTS: dict[str, Any] = {
    "sku": "code",
    "time": "week",
    "units": "sold",
    "stockout": "out",
    "horizon": 2,
    "period": "1 week",
}


@pytest.mark.usefixtures("client")
@pytest.mark.parametrize("method", [None, Naive()])
def test_forecast_group_wise_on_dask_equals_one_machine(method: Any) -> None:
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
