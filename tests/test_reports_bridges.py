"""From exports to xborder's models: search-term rows, Shopify orders, settlements."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.kpi import (
    AttributionWindow,
    HarvestRules,
    MatchType,
    ReportSemantics,
    customer_summary,
    harvest,
    rows_from_records,
    summarize,
)
from xborder.money import Money
from xborder.reports import (
    AMAZON_BUSINESS_REPORT,
    AMAZON_SEARCH_TERMS,
    AMAZON_SETTLEMENT_V2,
    DE_NUMBERS,
    SHOPIFY_ORDERS,
    Column,
    SettlementSummary,
    ShopifyOrder,
    customer_orders,
    fba_fees_by_key,
    match_headers,
    read_records,
    read_shopify_orders,
    search_term_rows,
    settlement_lines,
    settlement_summary,
)
from xborder.testing import strategies as xst

# reports-and-fees.md §1.1: headers of the real 2026 export (trailing spaces
# kept); "-" for auto campaigns; the bulk sheet writes match types upper case.
EXPORT = (
    "Campaign Name,Ad Group Name,Targeting,Match Type,Customer Search Term,"
    "Impressions,Clicks,Spend,7 Day Total Sales ,7 Day Total Orders (#),Currency\n"
    "PH Auto,Auto,close-match,-,phone holder for car vent,"
    '"2,000",37,$25.90,$99.96,4,USD\n'
    "PH Auto,Auto,close-match,-,phone stand,2000,22,$15.40,$0.00,0,USD\n"
    "PH Exact,Exact,phone holder,EXACT,phone holder,1500,30,$21.00,$74.97,3,USD\n"
)


def _reader(text: str = EXPORT) -> csv.DictReader[str]:
    return csv.DictReader(io.StringIO(text))


def test_search_term_rows_feed_kpi_summarize_and_harvest() -> None:
    reader = _reader()
    found = match_headers(reader.fieldnames or [], AMAZON_SEARCH_TERMS)
    assert found.attribution is not None
    report = ReportSemantics(currency="USD", attribution=found.attribution)
    rows = list(search_term_rows(reader, currency="USD"))
    assert [r.match_type for r in rows] == [
        MatchType.AUTO,
        MatchType.AUTO,
        MatchType.EXACT,
    ]
    total = summarize(rows, report=report)
    assert total.clicks == 89
    assert total.spend == Money("62.30", "USD")
    assert total.attribution == AttributionWindow(click_days=7)
    plan = harvest(rows, report=report, rules=HarvestRules(target_acos="0.30"))
    decisions = {d.search_term: d.action.value for d in plan.decisions}
    assert decisions == {
        "phone holder for car vent": "promote",
        "phone stand": "negate",
    }


def test_the_bridge_agrees_with_kpi_rows_from_records() -> None:
    # Canonical-keyed plain records read the same through both doors.
    canonical = [
        {"campaign": "A", "targeting": "x", "match_type": "exact", "search_term": "x",
         "impressions": "100", "clicks": "10", "spend": "5.00", "orders": "1",
         "sales": "20.00"},
    ]  # fmt: skip
    ours = list(search_term_rows(canonical, currency="EUR"))
    theirs = list(rows_from_records(canonical, currency="EUR"))
    assert ours == theirs


def test_a_de_search_term_export_becomes_rows() -> None:
    text = (
        "Kampagnenname;Ausrichtung;Übereinstimmungstyp;Suchbegriff des Kunden;"
        "Impressionen;Klicks;Ausgaben;Gesamtumsatz in 14 Tagen;"
        "Gesamtzahl der Bestellungen in 14 Tagen (#)\n"
        "Handyhalter;handyhalter;Exakt;handyhalter auto;1.234;12;6,00;€18,00;1\n"
    )
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    assert match_headers(reader.fieldnames or [], AMAZON_SEARCH_TERMS).click_days == 14
    (row,) = search_term_rows(reader, currency="EUR")
    assert (row.impressions, row.spend, row.sales) == (
        1234, Money("6.00", "EUR"), Money("18.00", "EUR")
    )  # fmt: skip


def test_search_term_rows_name_bad_rows() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        list(search_term_rows(_reader(), currency="EUR"))
    assert caught.value.field == "rows[0].currency"
    negative = EXPORT.replace("$15.40", "($15.40)")
    with pytest.raises(InvalidInputError) as spent:
        list(search_term_rows(_reader(negative), currency="USD"))
    assert spent.value.field == "rows[1].spend"
    with pytest.raises(InvalidInputError) as currency:
        search_term_rows(_reader(), currency="usd")
    assert currency.value.field == "currency"
    with pytest.raises(InvalidInputError, match="SearchTermRow needs"):
        search_term_rows(_reader(), currency="USD", spec=AMAZON_BUSINESS_REPORT)


# reports-and-fees.md §2: one row per line item; order-level fields on the
# first row of each Name only; offsets in timestamps; a zip written '75008.
SHOPIFY = (
    "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,"
    "Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
    "Lineitem sku,Billing Name,Billing Zip,Cancelled at,Refunded Amount,"
    "Lineitem discount,Tax 1 Name,Tax 1 Value\n"
    "#1001,anna@example.com,paid,2025-10-07 09:51:02 +0200,EUR,53.33,6.00,10.67,64.00,"
    "0.00,2025-10-07 09:50:26 +0200,2,Bamboo brush - 4 pack,12.50,BR-4,Anna Berg,"
    "'75008,,0.00,0.00,TVA 20%,10.67\n"
    "#1001,,,,,,,,,,,1,Soap bar - lavender,39.00,SOAP-L,,,,,0.00,,\n"
    "#1002,,refunded,2025-10-08 18:00:00 +0200,EUR,20.00,0.00,3.33,20.00,0.00,"
    "2025-10-08 17:59:00 +0200,1,Soap bar - lavender,20.00,SOAP-L,Bram Vos,1012 AB,"
    ",20.00,0.00,BTW 21%,3.33\n"
    "#1003,Anna@Example.com,paid,,EUR,30.00,0.00,0.00,30.00,5.00,"
    "2025-11-02 08:00:00 +0100,3,Bamboo brush - 4 pack,10.00,BR-4,Anna Berg,,"
    ",,,,\n"
)


def test_shopify_orders_group_line_items_and_read_order_fields_once() -> None:
    orders = list(read_shopify_orders(csv.DictReader(io.StringIO(SHOPIFY))))
    assert [o.name for o in orders] == ["#1001", "#1002", "#1003"]
    first = orders[0]
    assert first.created_on == dt.date(2025, 10, 7)
    assert [line.sku for line in first.lines] == ["BR-4", "SOAP-L"]
    assert sum((line.gross for line in first.lines), Money(0, "EUR")) == Money(
        "64.00", "EUR"
    )
    assert sum(o.total.amount for o in orders) == Decimal("114.00")  # never repeated
    assert orders[1].refunded == Money("20.00", "EUR")
    assert orders[2].refunded == Money(0, "EUR")
    records = list(read_records(csv.DictReader(io.StringIO(SHOPIFY)), SHOPIFY_ORDERS))
    assert records[0]["billing_zip"] == "75008"


def test_shopify_orders_become_kpi_orders_per_customer() -> None:
    orders = read_shopify_orders(csv.DictReader(io.StringIO(SHOPIFY)))
    kpi_orders = list(customer_orders(orders, net_of_refunds=True))
    assert [o.customer for o in kpi_orders] == [
        "anna@example.com", "Bram Vos", "anna@example.com"
    ]  # fmt: skip
    assert [o.amount.amount for o in kpi_orders] == [
        Decimal("64.00"),
        0,
        Decimal("30.00"),
    ]
    summary = customer_summary(
        kpi_orders, start="2025-10-01", end="2025-12-01", currency="EUR"
    )
    assert summary.customers == 2
    assert summary.repeat_customers == 1


def test_a_split_order_or_a_missing_total_is_named() -> None:
    lines = SHOPIFY.splitlines(keepends=True)
    split = "".join([lines[0], lines[1], lines[3], lines[2]])
    with pytest.raises(InvalidInputError, match="must be together") as caught:
        list(read_shopify_orders(csv.DictReader(io.StringIO(split))))
    assert caught.value.field == "rows[2].currency"
    no_total = SHOPIFY.replace(",64.00,", ",,", 1)
    with pytest.raises(InvalidInputError) as total:
        list(read_shopify_orders(csv.DictReader(io.StringIO(no_total))))
    assert total.value.field == "rows[0].total"
    nameless = [ShopifyOrder(name="#1", created_on="2025-01-01", total=Money(5, "EUR"))]
    with pytest.raises(InvalidInputError) as customer:
        list(customer_orders(nameless))
    assert customer.value.field == "orders[0].customer"
    with pytest.raises(InvalidTypeError):
        list(customer_orders(["#1001"]))  # type: ignore[list-item]


def test_shopify_order_currency_must_agree() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        ShopifyOrder(name="#1", created_on="2025-01-01", total=Money(5, "EUR"),
                     taxes=Money(1, "USD"))  # fmt: skip
    assert caught.value.field == "taxes"


@given(xst.shopify_orders())
def test_customer_orders_take_each_total_once(order: ShopifyOrder) -> None:
    if order.customer is None:
        return
    (kpi_order,) = customer_orders([order])
    assert kpi_order.amount == order.total
    assert kpi_order.order_id == order.name


# reports-and-fees.md §1.4: tab-separated; row 1 after the header is the
# summary (first six columns only); later rows leave the settlement dates
# blank; dates like "2026-03-06 08:52:26 UTC"; amounts signed.
SUMMARY_CELLS = [
    "11784561231", "2026-02-20 08:52:26 UTC", "2026-03-06 08:52:26 UTC",
    "2026-03-08 08:52:26 UTC", "1523.07", "EUR",
]  # fmt: skip


def _line(kind: str, amount_type: str, description: str, amount: str, day: str) -> str:
    posted = f"2026-{day} 10:00:00 UTC"
    cells = ["11784561231", "", "", "", "", "", kind, "302-1", "", "", "", "Amazon.de",
             amount_type, description, amount, "AFN", posted, posted, "5555", "", "",
             "PH-01", "1", ""]  # fmt: skip
    return "\t".join(cells)


SETTLEMENT = "\n".join([
    "\t".join(c.aliases[0] for c in AMAZON_SETTLEMENT_V2.columns),
    "\t".join(SUMMARY_CELLS + [""] * 18),
    _line("Order", "ItemPrice", "Principal", "19.99", "02-21"),
    _line("Order", "ItemFees", "Commission", "-3.00", "02-21"),
    _line("Refund", "ItemPrice", "Principal", "(19.99)", "03-01"),
]) + "\n"  # fmt: skip


def test_a_settlement_reads_as_summary_then_filled_lines() -> None:
    delimiter = AMAZON_SETTLEMENT_V2.delimiter
    rows = iter(csv.DictReader(io.StringIO(SETTLEMENT), delimiter=delimiter))
    summary = settlement_summary(next(rows))
    assert summary == SettlementSummary(
        settlement_id="11784561231", start=dt.date(2026, 2, 20),
        end=dt.date(2026, 3, 6), deposit_date=dt.date(2026, 3, 8),
        total=Money("1523.07", "EUR"),
    )  # fmt: skip
    lines = list(settlement_lines(rows, summary=summary))
    assert [line["amount"] for line in lines] == [
        Decimal("19.99"), Decimal("-3.00"), Decimal("-19.99")
    ]  # fmt: skip
    assert {line["settlement_end_date"] for line in lines} == {dt.date(2026, 3, 6)}
    assert {line["currency"] for line in lines} == {"EUR"}
    assert {line["total_amount"] for line in lines} == {None}  # never repeated


def test_settlement_errors_name_the_row() -> None:
    records = list(csv.DictReader(io.StringIO(SETTLEMENT), delimiter="\t"))
    with pytest.raises(InvalidInputError, match="summary") as caught:
        settlement_summary(records[1])
    assert caught.value.field == "rows[0].transaction_type"
    summary = settlement_summary(records[0])
    with pytest.raises(InvalidInputError) as amount:
        list(settlement_lines(records, summary=summary))
    assert amount.value.field == "rows[1].amount"  # the summary passed as a line
    other = [{**records[1], "settlement-id": "999"}]
    with pytest.raises(InvalidInputError) as ident:
        list(settlement_lines(other, summary=summary))
    assert ident.value.field == "rows[1].settlement_id"
    dollars = [{**records[1], "currency": "USD"}]
    with pytest.raises(CurrencyMismatchError):
        list(settlement_lines(dollars, summary=summary))
    no_currency = {**records[0], "currency": ""}
    with pytest.raises(InvalidInputError) as currency:
        settlement_summary(no_currency)
    assert currency.value.field == "rows[0].currency"
    eu = {
        **records[0],
        "settlement-start-date": "20.02.2026",
        "total-amount": "1.523,07",
    }
    assert settlement_summary(eu, number_format=DE_NUMBERS).total == Money(
        "1523.07", "EUR"
    )
    with pytest.raises(InvalidInputError) as backwards:
        SettlementSummary(settlement_id="1", start="2026-03-06", end="2026-02-20",
                          total=Money(1, "EUR"))  # fmt: skip
    assert backwards.value.field == "end"


def test_fba_fee_rows_are_keyed_on_sku_and_store() -> None:
    # reports-and-fees.md §1.6: one file can hold US and CA rows for a SKU.
    header = ["sku", "fnsku", "asin", "amazon-store", "currency", "estimated-fee-total",
              "expected-fulfillment-fee-per-unit"]  # fmt: skip
    rows = [["PH-01", "X001", "B0ABC12345", "US", "USD", "5.12", "3.22"],
            ["PH-01", "X001", "B0ABC12345", "CA", "CAD", "--", "--"]]  # fmt: skip
    fees = fba_fees_by_key(dict(zip(header, r, strict=True)) for r in rows)
    assert fees["PH-01", "US"]["estimated_fee_total"] == Decimal("5.12")
    assert fees["PH-01", "CA"]["expected_fulfillment_fee_per_unit"] is None
    with pytest.raises(InvalidInputError) as caught:
        fba_fees_by_key(dict(zip(header, r, strict=True)) for r in [rows[0], rows[0]])
    assert caught.value.field == "rows[1].sku"


@given(st.sampled_from(["text", "code", "amount", "count"]))
def test_user_columns_extend_a_preset(kind: str) -> None:
    spec = AMAZON_SEARCH_TERMS.with_columns(
        Column(name="note", kind=kind, required=False)
    )
    record = {"Campaign Name": "A", "Targeting": "t", "Match Type": "broad",
              "Customer Search Term": "x", "Impressions": "1", "Clicks": "1",
              "Spend": "1", "7 Day Total Sales": "0", "7 Day Total Orders (#)": "0",
              "Note": "12"}  # fmt: skip
    (row,) = read_records([record], spec)
    assert row["note"] in {"12", 12, Decimal(12)}
