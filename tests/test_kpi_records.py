from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.kpi import (
    AttributionWindow,
    MatchType,
    ReportSemantics,
    orders_from_records,
    rfm,
    rows_from_records,
    summarize,
)
from xborder.money import Money

REPORT = ReportSemantics(currency="USD", attribution=AttributionWindow(click_days=7))
GOOD = {
    "campaign": "PH Auto",
    "ad_group": "",
    "targeting": "close-match",
    "match_type": "auto",
    "search_term": "car phone holder",
    "impressions": "5200",
    "clicks": " 61 ",
    "spend": "42.70",
    "orders": 7,
    "sales": Decimal("174.93"),
}


def test_records_become_typed_rows() -> None:
    (row,) = rows_from_records([GOOD], currency="USD")
    assert row.ad_group is None
    assert row.match_type is MatchType.AUTO
    assert (row.impressions, row.clicks, row.orders) == (5200, 61, 7)
    assert row.spend == Money("42.70", "USD")
    assert row.sales == Money("174.93", "USD")


def test_a_csv_export_streams_through_a_fold() -> None:
    text = "campaign,targeting,match_type,search_term,impressions,clicks,"
    text += "spend,orders,sales\n"
    text += "A,x,exact,x,100,10,5.00,1,20.00\n" * 500
    export = csv.DictReader(io.StringIO(text))
    total = summarize(rows_from_records(export, currency="USD"), report=REPORT)
    assert total.clicks == 5000
    assert total.sales == Money("10000.00", "USD")


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"clicks": "5,200"}, "rows[1].clicks", InvalidInputError),
        ({"clicks": "12.0"}, "rows[1].clicks", InvalidInputError),
        ({"clicks": True}, "rows[1].clicks", InvalidInputError),
        ({"clicks": "-3"}, "rows[1].clicks", InvalidInputError),
        ({"spend": 4.5}, "rows[1].spend", InvalidTypeError),
        ({"spend": "4,50"}, "rows[1].spend", InvalidInputError),
        ({"sales": "-1"}, "rows[1].sales", InvalidInputError),
        ({"match_type": "fuzzy"}, "rows[1].match_type", InvalidInputError),
        ({"campaign": ""}, "rows[1].campaign", InvalidInputError),
        ({"sales": Money(1, "EUR")}, "rows[1].sales", CurrencyMismatchError),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(
    change: dict[str, object], field: str, error: type[Exception]
) -> None:
    records = [GOOD, {**GOOD, **change}]
    with pytest.raises(error) as caught:
        list(rows_from_records(records, currency="USD"))
    assert caught.value.field == field  # type: ignore[attr-defined]


def test_a_missing_column_or_a_non_mapping_is_named() -> None:
    missing = {k: v for k, v in GOOD.items() if k != "orders"}
    with pytest.raises(InvalidInputError) as caught:
        list(rows_from_records([GOOD, GOOD, missing], currency="USD"))
    assert caught.value.field == "rows[2].orders"
    assert "'orders' column" in str(caught.value)
    with pytest.raises(InvalidTypeError) as kind:
        list(rows_from_records([("PH Auto", 1)], currency="USD"))  # type: ignore[list-item]
    assert kind.value.field == "rows[0]"


def test_records_become_orders() -> None:
    records = [
        {
            "customer": "anna",
            "placed_on": "2026-01-08",
            "amount": "64.00",
            "contribution": "",
            "order_id": "1001",
        },
        {
            "customer": "bram",
            "placed_on": "2026-02-15",
            "amount": "45",
            "contribution": "-2.50",
        },
    ]
    anna, bram = orders_from_records(records, currency="EUR")
    assert anna.contribution is None
    assert anna.order_id == "1001"
    assert bram.contribution == Money("-2.50", "EUR")
    table = rfm(
        orders_from_records(records, currency="EUR"), as_of="2026-03-01", currency="EUR"
    )
    assert [c.customer for c in table.customers] == ["anna", "bram"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"placed_on": "08/01/2026"}, "orders[0].placed_on"),
        ({"amount": "sixty"}, "orders[0].amount"),
        ({"contribution": "x"}, "orders[0].contribution"),
        ({"customer": " "}, "orders[0].customer"),
    ],
)
def test_a_bad_order_cell_is_named(change: dict[str, object], field: str) -> None:
    record = {"customer": "anna", "placed_on": "2026-01-08", "amount": "64.00"}
    with pytest.raises(InvalidInputError) as caught:
        list(orders_from_records([{**record, **change}], currency="EUR"))
    assert caught.value.field == field
    with pytest.raises(InvalidInputError) as missing:
        list(orders_from_records([{"customer": "a"}], currency="EUR"))
    assert missing.value.field == "orders[0].placed_on"
