"""xborder.frames' customer tables equal the scalar customer KPIs, row for row.

Orders are drawn from the shipped strategies (``xborder.testing.strategies``)
into a table, with bad rows mixed in at drawn positions; every column of
``rfm``, ``customer_summary``, ``cohort_retention`` and ``cohort_ltv`` must
equal the scalar function (through :func:`frames.frame_of`) on the good
orders, every bad row must be in the errors frame, and no good row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder import frames, kpi
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.kpi import Order, RfmScoring
from xborder.money import Currency, Money
from xborder.testing import strategies as xst

AS_OF = dt.date(2026, 1, 1)
DAYS = st.dates(dt.date(2024, 6, 1), dt.date(2026, 3, 31))

# Cells the scalar refuses, one column at a time: (column, cell).
BAD_CELLS = st.sampled_from(
    [
        ("customer", ""),
        ("customer", "   "),
        ("customer", None),
        ("placed_on", "2025-13-01"),
        ("placed_on", "yesterday"),
        ("placed_on", None),
        ("amount", "-0.01"),
        ("amount", "12,50"),
        ("amount", None),
    ]
)


def _text(value: Decimal) -> str:
    return format(value, "f")


def _row(order: Order) -> dict[str, Any]:
    contribution = order.contribution
    return {
        "customer": order.customer,
        "placed_on": order.placed_on.isoformat(),
        "amount": _text(order.amount.amount),
        "contribution": None if contribution is None else _text(contribution.amount),
    }


@st.composite
def _orders_table(
    draw: st.DrawFn, currency: Currency
) -> tuple[pl.DataFrame, list[Order], dict[int, str]]:
    """A text table of drawn orders with bad rows mixed in: where, and which cell."""
    orders = draw(
        st.lists(
            xst.orders(currency=st.just(currency), dates=DAYS),
            max_size=40,
        )
    )
    rows = [_row(order) for order in orders]
    bad: dict[int, str] = {}
    for column, cell in draw(st.lists(BAD_CELLS, max_size=4)):
        position = draw(st.integers(0, len(rows)))
        row = {
            "customer": "zed",
            "placed_on": "2025-06-01",
            "amount": "1",
            "contribution": None,
        }
        row[column] = cell
        rows.insert(position, row)
        bad = {b + 1 if b >= position else b: c for b, c in bad.items()}
        bad[position] = column
    schema = dict.fromkeys(
        ("customer", "placed_on", "amount", "contribution"), pl.String
    )
    return pl.DataFrame(rows, schema=schema, orient="row"), orders, bad


def _same(got: pl.DataFrame, want: pl.DataFrame) -> None:
    """Same columns and values (decimals compared as numbers)."""
    assert got.columns == want.columns
    assert got.height == want.height
    for name in got.columns:
        assert got.get_column(name).to_list() == want.get_column(name).to_list(), name


def _error_rows(result: frames.Result) -> set[int]:
    return set(result.errors.get_column("row").to_list())


@given(data=st.data(), currency=xst.currencies())
def test_rfm_equals_the_scalar_customer_for_customer(
    data: st.DataObject, currency: Currency
) -> None:
    table, orders, bad = data.draw(_orders_table(currency))
    scoring = data.draw(xst.rfm_scorings())
    segments = data.draw(
        st.just(kpi.RF_GRID_SEGMENTS) | st.lists(xst.segment_rules(), max_size=4)
    )
    since = data.draw(st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31)))
    result = frames.rfm(
        table, as_of=AS_OF, currency=currency, since=since, scoring=scoring,
        segments=segments,
    )  # fmt: skip
    expected = kpi.rfm(
        orders, as_of=AS_OF, currency=currency, since=since, scoring=scoring,
        segments=segments,
    )  # fmt: skip
    _same(result.table, frames.frame_of(expected))
    assert _error_rows(result) == set(bad)
    assert frames.rfm_table_of(result.table, as_of=AS_OF, scoring=scoring) == expected


@given(data=st.data(), currency=xst.currencies())
def test_customer_summary_equals_the_scalar(
    data: st.DataObject, currency: Currency
) -> None:
    table, orders, bad = data.draw(_orders_table(currency))
    start = data.draw(st.dates(dt.date(2024, 6, 1), dt.date(2025, 12, 31)))
    result = frames.customer_summary(table, start=start, end=AS_OF, currency=currency)
    expected = kpi.customer_summary(orders, start=start, end=AS_OF, currency=currency)
    _same(result.table, frames.frame_of(expected))
    assert _error_rows(result) == set(bad)
    assert frames.summary_of(result.table) == expected


@given(data=st.data(), currency=xst.currencies())
def test_cohort_retention_equals_the_scalar(
    data: st.DataObject, currency: Currency
) -> None:
    table, orders, bad = data.draw(_orders_table(currency))
    result = frames.cohort_retention(table, as_of=AS_OF)
    # Retention reads customers and days only: a row whose only bad cell is
    # its amount is an order of zed's.
    zed = Order(customer="zed", placed_on="2025-06-01", amount=Money(0, currency))
    kept = [zed for column in bad.values() if column == "amount"]
    expected = kpi.cohort_retention([*orders, *kept], as_of=AS_OF)
    _same(result.table, frames.frame_of(expected))
    assert _error_rows(result) == {r for r, c in bad.items() if c != "amount"}
    back = frames.retention_table_of(result.table, as_of=AS_OF)
    assert back == expected
    offset = data.draw(st.integers(0, 30))
    assert back.retention(offset) == expected.retention(offset)


@given(data=st.data(), currency=xst.currencies())
def test_cohort_ltv_equals_the_scalar(data: st.DataObject, currency: Currency) -> None:
    table, orders, bad = data.draw(_orders_table(currency))
    margin = data.draw(st.none() | st.decimals(0, 1, places=3))
    result = frames.cohort_ltv(
        table, as_of=AS_OF, currency=currency, gross_margin=margin
    )
    wrong = set(bad)
    if margin is None:  # orders in the window without a contribution are refused
        wrong |= {
            index
            for index, row in enumerate(table.iter_rows(named=True))
            if index not in bad
            and row["contribution"] is None
            and dt.date.fromisoformat(row["placed_on"]) < AS_OF
        }
        orders = [
            o for o in orders if o.contribution is not None or o.placed_on >= AS_OF
        ]
    expected = kpi.cohort_ltv(
        orders, as_of=AS_OF, currency=currency, gross_margin=margin
    )
    _same(result.table, frames.frame_of(expected))
    assert _error_rows(result) == wrong
    back = frames.ltv_table_of(result.table, as_of=AS_OF, currency=currency)
    assert back == expected


# -- examples -------------------------------------------------------------------------


ORDERS = {
    "customer": ["ana", "ana", "ben", "cai", "cai", "dan"],
    "placed_on": [dt.date(2025, 11, 20), dt.date(2025, 12, 5), dt.date(2025, 7, 1),
                  dt.date(2025, 11, 2), dt.date(2025, 12, 30), dt.date(2025, 12, 31)],
    "amount": [Decimal("80.00"), Decimal("40.00"), Decimal("25.00"),
               Decimal("30.50"), Decimal("10.00"), Decimal("99.99")],
}  # fmt: skip


def _scalar_orders() -> list[Order]:
    return [
        Order(customer=who, placed_on=day, amount=Money(amount, "EUR"))
        for who, day, amount in zip(*ORDERS.values(), strict=True)
    ]


def _typed() -> pl.DataFrame:
    return pl.DataFrame(
        ORDERS,
        schema={
            "customer": pl.String,
            "placed_on": pl.Date,
            "amount": pl.Decimal(18, 2),
        },
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda t: t,
        lambda t: t.lazy(),
        lambda t: t.to_pandas(),
        lambda t: t.to_pandas(use_pyarrow_extension_array=True),
        lambda t: t.to_arrow(),
    ],
    ids=["polars", "polars-lazy", "pandas-numpy", "pandas-arrow", "pyarrow"],
)
def test_every_frame_library_gets_the_same_customers_back_in_kind(make: Any) -> None:
    given_table = make(_typed())
    result = frames.rfm(given_table, as_of=AS_OF, currency="EUR")
    assert type(result.table) is type(given_table)
    table = _as_polars(result.table)
    expected = kpi.rfm(_scalar_orders(), as_of=AS_OF, currency="EUR")
    _same(table, frames.frame_of(expected))
    assert table.schema["monetary"] == pl.Decimal(18, 2)
    assert table.schema["last_order"] == pl.Date


def _as_polars(table: Any) -> pl.DataFrame:
    if isinstance(table, pd.DataFrame):
        return pl.from_pandas(table)
    if isinstance(table, pa.Table):
        return pl.DataFrame(pl.from_arrow(table))
    return table.collect() if isinstance(table, pl.LazyFrame) else table


def test_a_pandas_table_of_customers_gets_its_own_index() -> None:
    # Six orders, four customers: the orders' labels belong to no customer.
    orders = _typed().to_pandas()
    orders.index = [f"order-{i}" for i in range(len(orders))]
    table = frames.rfm(orders, as_of=AS_OF, currency="EUR").table
    assert table.index.tolist() == [0, 1, 2, 3]


def test_ties_share_a_percentile_score() -> None:
    # Three customers with one order each on one day and of one amount: all
    # tie on every dimension, so nobody is strictly worse and all score 1.
    tied = pl.DataFrame(
        {
            "customer": ["a", "b", "c", "d"],
            "placed_on": ["2025-12-01"] * 3 + ["2025-12-20"],
            "amount": ["10", "10", "10", "50"],
        }
    )
    table = frames.rfm(tied, as_of=AS_OF, currency="EUR").table
    assert table.select("r", "f", "m").rows() == [(1, 1, 1)] * 3 + [(4, 1, 4)]


def test_fixed_edges_score_as_the_scalar() -> None:
    scoring = RfmScoring(recency_days=(30, 60, 90, 180), frequency=(2, 3, 4, 5),
                         monetary=(50, 100, 150, 200))  # fmt: skip
    table = frames.rfm(_typed(), as_of=AS_OF, currency="EUR", scoring=scoring).table
    expected = kpi.rfm(_scalar_orders(), as_of=AS_OF, currency="EUR", scoring=scoring)
    _same(table, frames.frame_of(expected))
    assert table.filter(pl.col("customer") == "ana").get_column("segment").item() == (
        "potential loyalists"
    )


def test_edges_finer_than_the_engine_can_hold_are_scored_by_the_scalar_rules() -> None:
    fine = tuple(Decimal(f"{v}.{'0' * 33}1") for v in (50, 100, 150, 200))
    scoring = RfmScoring(monetary=fine)
    table = frames.rfm(_typed(), as_of=AS_OF, currency="EUR", scoring=scoring).table
    expected = kpi.rfm(_scalar_orders(), as_of=AS_OF, currency="EUR", scoring=scoring)
    _same(table, frames.frame_of(expected))


def test_bad_orders_are_reported_and_left_out() -> None:
    table = pl.DataFrame(
        {
            "customer": ["ana", "", "ben", "cai", "dan"],
            "placed_on": ["2025-12-01", "2025-12-01", "2025-02-30", "20251201", "x"],
            "amount": ["10.00", "5", "7", "-3", "4"],
        }
    )
    result = frames.rfm(table, as_of=AS_OF, currency="EUR")
    assert result.table.get_column("customer").to_list() == ["ana"]
    errors = result.errors
    assert errors.select("row", "field").rows() == [
        (1, "customer"), (2, "placed_on"), (3, "amount"), (4, "placed_on")
    ]  # fmt: skip
    message = errors.filter(pl.col("row") == 3).get_column("message").item()
    assert message == "amount: expected an amount >= 0, got -3"


def test_iso_dates_the_scalar_reads_are_read() -> None:
    # date.fromisoformat reads the basic form and week dates too.
    table = pl.DataFrame(
        {"customer": ["a", "b"], "placed_on": ["20251201", "2025-W49-1"],
         "amount": ["1", "1"]}
    )  # fmt: skip
    result = frames.rfm(table, as_of=AS_OF, currency="EUR")
    assert result.errors.is_empty()
    assert result.table.get_column("last_order").to_list() == [
        dt.date(2025, 12, 1), dt.date(2025, 12, 1)
    ]  # fmt: skip


def test_strict_mode_raises_on_the_first_bad_order() -> None:
    table = pl.DataFrame(
        {"customer": ["ana", "ben", ""], "placed_on": ["2025-12-01"] * 3,
         "amount": ["1", "-1", "1"]}
    )  # fmt: skip
    with pytest.raises(InvalidInputError) as caught:
        frames.rfm(table, as_of=AS_OF, currency="EUR", errors="raise")
    assert caught.value.field == "rows[1].amount"
    assert caught.value.value == "-1"


def test_columns_of_the_wrong_kind_are_refused_by_name() -> None:
    typed = _typed()
    with pytest.raises(InvalidTypeError) as floats:
        frames.rfm(typed.with_columns(pl.col("amount").cast(pl.Float64)),
                   as_of=AS_OF, currency="EUR")  # fmt: skip
    assert floats.value.field == "amount"
    read = frames.rfm(
        typed.with_columns(pl.col("amount").cast(pl.Float64)),
        as_of=AS_OF, currency="EUR", floats="shortest",
    )  # fmt: skip
    _same(read.table, frames.rfm(typed, as_of=AS_OF, currency="EUR").table)
    midnights = typed.with_columns(pl.col("placed_on").cast(pl.Datetime))
    at_midnight = frames.rfm(midnights, as_of=AS_OF, currency="EUR")
    _same(at_midnight.table, frames.rfm(typed, as_of=AS_OF, currency="EUR").table)
    noon = midnights.with_columns(pl.col("placed_on") + pl.duration(hours=12))
    with pytest.raises(InvalidTypeError) as times:
        frames.rfm(noon, as_of=AS_OF, currency="EUR")
    assert times.value.field == "placed_on"
    with pytest.raises(InvalidTypeError) as numbers:
        frames.rfm(typed.with_columns(pl.Series("customer", [1, 2, 3, 4, 5, 6])),
                   as_of=AS_OF, currency="EUR")  # fmt: skip
    assert numbers.value.field == "customer"
    with pytest.raises(InvalidInputError) as missing:
        frames.rfm(typed, as_of=AS_OF, currency="EUR", amount="total")
    assert missing.value.field == "total"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"as_of": "soon"}, "as_of"),
        ({"since": "2026-02-01"}, "since"),
        ({"currency": "EURO"}, "currency"),
        ({"scoring": 5}, "scoring"),
        ({"segments": ["vip"]}, "segments[0]"),
        ({"customer": 3}, "customer"),
        ({"errors": "ignore"}, "errors"),
        ({"floats": "round"}, "floats"),
    ],
)
def test_arguments_are_checked_as_the_scalar_checks_them(
    arguments: dict[str, Any], field: str
) -> None:
    given_arguments: dict[str, Any] = {"as_of": AS_OF, "currency": "EUR", **arguments}
    with pytest.raises((InvalidInputError, InvalidTypeError)) as caught:
        frames.rfm(_typed(), **given_arguments)
    assert caught.value.field == field


def test_an_empty_table_gives_empty_tables() -> None:
    empty = _typed().clear()
    assert frames.rfm(empty, as_of=AS_OF, currency="EUR").table.is_empty()
    assert frames.cohort_retention(empty, as_of=AS_OF).table.is_empty()
    ltv = frames.cohort_ltv(
        empty, as_of=AS_OF, currency="EUR", gross_margin="0.3", contribution=None
    )
    assert ltv.table.columns == list(frames.LTV)
    summary = frames.customer_summary(
        empty, start="2025-01-01", end=AS_OF, currency="EUR"
    ).table
    assert summary.get_column("repurchase_rate").to_list() == [None]  # undefined
    assert summary.get_column("aov").to_list() == [None]


def test_totals_past_38_digits_are_refused_by_name() -> None:
    huge = pl.DataFrame(
        {"customer": ["a", "a"], "placed_on": ["2025-12-01"] * 2,
         "amount": ["9" * 35, "9" * 35]},
    )  # fmt: skip
    big = huge.with_columns(pl.col("amount").cast(pl.Decimal(38, 2)))
    total = frames.rfm(big, as_of=AS_OF, currency="EUR").table
    assert total.get_column("monetary").to_list() == [Decimal(int("9" * 35) * 2)]
    with pytest.raises(InvalidInputError) as caught:
        frames.rfm(pl.concat([big] * 6), as_of=AS_OF, currency="EUR")
    assert caught.value.field == "amount"


def test_orders_of_reads_rows_as_orders() -> None:
    table = pl.DataFrame(
        {"customer": ["ana", "ben"], "placed_on": ["2025-12-01", "2025-12-02"],
         "amount": ["12.345", "-1"], "contribution": ["4", None],
         "order_id": ["A-1", "B-2"]}
    )  # fmt: skip
    first, second = frames.orders_of(
        table, currency="EUR", contribution="contribution", order_id="order_id"
    )
    assert first == Order(customer="ana", placed_on="2025-12-01",
                          amount=Money("12.345", "EUR"),
                          contribution=Money("4", "EUR"), order_id="A-1")  # fmt: skip
    assert second is None


def test_frame_of_refuses_what_it_cannot_lay_out() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        frames.frame_of("a table")  # type: ignore[arg-type]
    assert caught.value.field == "result"
    with pytest.raises(InvalidInputError):
        frames.rfm_table_of(pl.DataFrame({"customer": ["a"]}), as_of=AS_OF)


def test_ltv_of_totals_past_the_exact_shortcut_is_the_scalars() -> None:
    # Totals of 34 digits: the scalar rounds a 34-digit quotient, and the
    # frame uses the scalar's ratio for them.
    amounts = ["3" * 33 + ".33", "1" * 33 + ".11", "7.77"]
    table = pl.DataFrame(
        {"customer": ["a", "b", "c"],
         "placed_on": ["2025-12-01", "2025-12-02", "2025-12-03"],
         "amount": amounts}
    )  # fmt: skip
    result = frames.cohort_ltv(
        table, as_of=AS_OF, currency="EUR", gross_margin="0.7", contribution=None
    )
    orders = [
        Order(customer=c, placed_on=d, amount=Money(a, "EUR"))
        for c, d, a in zip(*table.to_dict(as_series=False).values(), strict=True)
    ]
    expected = kpi.cohort_ltv(orders, as_of=AS_OF, currency="EUR", gross_margin="0.7")
    _same(result.table, frames.frame_of(expected))


def test_an_as_of_a_century_away_is_refused_as_the_scalar_refuses_it() -> None:
    with pytest.raises(InvalidInputError) as scalar:
        kpi.cohort_retention(_scalar_orders(), as_of="9999-12-31")
    with pytest.raises(InvalidInputError) as table:
        frames.cohort_retention(_typed(), as_of="9999-12-31")
    assert str(table.value) == str(scalar.value)
    assert table.value.field == "as_of"


def test_an_as_of_before_every_order_gives_no_cohorts() -> None:
    result = frames.cohort_retention(_typed(), as_of="0001-01-01")
    expected = kpi.cohort_retention(_scalar_orders(), as_of="0001-01-01")
    assert expected.cohorts == ()
    assert result.table.height == 0
