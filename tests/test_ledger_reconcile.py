"""Reconciliation to payouts, and the report adapters' mapping to transaction kinds.

The settlement below is built by hand from the reference header
(reports-and-fees.md §1.4: the 24 columns of the flat file V2, a summary
row, then one line per amount) and its total computed by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.ledger import (
    AMAZON_SETTLEMENT_KINDS,
    LINE_OF,
    Reconciliation,
    SettlementCheck,
    Transaction,
    TransactionKind,
    reconcile,
    transactions_from_date_range,
    transactions_from_settlement,
    transactions_from_shopify,
)
from xborder.money import Currency, Money
from xborder.reports import (
    AMAZON_DATE_RANGE,
    SettlementSummary,
    ShopifyLine,
    ShopifyOrder,
    read_records,
    read_shopify_orders,
    settlement_lines,
    settlement_summary,
)
from xborder.serialize import from_data, to_data
from xborder.testing import strategies as xst

if TYPE_CHECKING:
    from collections.abc import Sequence

K = TransactionKind

# reports-and-fees.md §1.4, in order.
V2_HEADER = [
    "settlement-id", "settlement-start-date", "settlement-end-date",
    "deposit-date", "total-amount", "currency", "transaction-type", "order-id",
    "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name",
    "amount-type", "amount-description", "amount", "fulfillment-id",
    "posted-date", "posted-date-time", "order-item-code",
    "merchant-order-item-id", "merchant-adjustment-item-id", "sku",
    "quantity-purchased", "promotion-id",
]  # fmt: skip

# One order, its refund, and the account's lines. By hand, the order adds
# 13.77 (19.99 and 1.60 of tax, less the 1.60 withheld, 3.00 of commission
# and 3.22 of FBA fee); the refund takes 17.59 (19.99 and the tax back, the
# 3.00 commission credited, 0.60 kept); storage 1.10, the subscription 39.99
# and the reserve 5.00 net (50.00 held, 45.00 released) are paid. The
# seller owes 49.91: the total is negative.
LINES = [
    ("Order", "111-1", "ItemPrice", "Principal", "19.99", "PH-BLK", "1"),
    ("Order", "111-1", "ItemPrice", "Product Tax", "1.60", "PH-BLK", "1"),
    (
        "Order",
        "111-1",
        "ItemWithheldTax",
        "MarketplaceFacilitatorTax-Principal",
        "-1.60",
        "PH-BLK",
        "1",
    ),
    ("Order", "111-1", "ItemFees", "Commission", "-3.00", "PH-BLK", "1"),
    ("Order", "111-1", "ItemFees", "FBAPerUnitFulfillmentFee", "-3.22", "PH-BLK", "1"),
    ("Refund", "111-1", "ItemPrice", "Principal", "-19.99", "PH-BLK", "1"),
    ("Refund", "111-1", "ItemPrice", "Product Tax", "-1.60", "PH-BLK", "1"),
    (
        "Refund",
        "111-1",
        "ItemWithheldTax",
        "MarketplaceFacilitatorTax-Principal",
        "1.60",
        "PH-BLK",
        "1",
    ),
    ("Refund", "111-1", "ItemFees", "Commission", "3.00", "PH-BLK", "1"),
    ("Refund", "111-1", "ItemFees", "RefundCommission", "-0.60", "PH-BLK", "1"),
    ("other-transaction", "", "other-transaction", "Storage Fee", "-1.10", "", ""),
    (
        "other-transaction",
        "",
        "other-transaction",
        "Subscription Fee",
        "-39.99",
        "",
        "",
    ),
    (
        "other-transaction",
        "",
        "other-transaction",
        "Current Reserve Amount",
        "-50.00",
        "",
        "",
    ),
    (
        "other-transaction",
        "",
        "other-transaction",
        "Previous Reserve Amount Balance",
        "45.00",
        "",
        "",
    ),
]


def settlement_file(
    lines: Sequence[tuple[str, ...]] = LINES, total: str = "-49.91"
) -> str:
    summary = [
        "98765",
        "2026-03-01 08:00:00 UTC",
        "2026-03-15 08:00:00 UTC",
        "2026-03-17 08:00:00 UTC",
        total,
        "EUR",
    ] + [""] * 18
    rows = ["\t".join(V2_HEADER), "\t".join(summary)]
    for kind, order, amount_type, what, amount, sku, units in lines:
        cells = dict.fromkeys(V2_HEADER, "")
        cells.update(
            {
                "settlement-id": "98765",
                "transaction-type": kind,
                "order-id": order,
                "marketplace-name": "Amazon.de",
                "amount-type": amount_type,
                "amount-description": what,
                "amount": amount,
                "posted-date": "2026-03-05 23:30:00 UTC",
                "sku": sku,
                "quantity-purchased": units,
            }
        )
        rows.append("\t".join(cells[c] for c in V2_HEADER))
    return "\n".join(rows) + "\n"


def read(text: str, **options: object) -> tuple[SettlementSummary, list[Transaction]]:
    rows = csv.DictReader(io.StringIO(text), delimiter="\t")
    summary = settlement_summary(next(rows))
    ledger = list(
        transactions_from_settlement(settlement_lines(rows, summary=summary), **options)  # type: ignore[arg-type]
    )
    return summary, ledger


def test_the_hand_built_settlement_reconciles_to_its_payout() -> None:
    summary, ledger = read(settlement_file())
    assert summary.total == Money("-49.91", "EUR")
    (check,) = reconcile(ledger, [summary]).checks
    assert check.is_reconciled
    assert check.ledger_total == Money("-49.91", "EUR")
    assert dict(check.by_kind) == {
        K.SALE: Money("19.99", "EUR"),
        K.REFUND: Money("-19.99", "EUR"),
        K.REFERRAL_FEE: Money("0.00", "EUR"),
        K.FULFILMENT_FEE: Money("-3.22", "EUR"),
        K.REFUND_FEE: Money("-0.60", "EUR"),
        K.SUBSCRIPTION_FEE: Money("-39.99", "EUR"),
        K.STORAGE_FEE: Money("-1.10", "EUR"),
        K.TAX: Money("0.00", "EUR"),
        K.MARKETPLACE_TAX: Money("0.00", "EUR"),
        K.RESERVE: Money("-5.00", "EUR"),
    }
    assert check.explanation == (
        "settlement 98765: payout -49.91 EUR = ledger -49.91 EUR"
    )


def test_the_mapping_reads_units_once_and_the_day_as_written() -> None:
    _, ledger = read(settlement_file())
    assert [t.quantity for t in ledger if t.quantity] == [1]
    assert {t.posted_on for t in ledger} == {dt.date(2026, 3, 5)}  # UTC day
    assert {t.channel for t in ledger} == {"Amazon.de"}
    _, restocked = read(settlement_file(), restock_refunds=True)
    refund = [t for t in restocked if t.kind is K.REFUND]
    assert [t.quantity for t in refund] == [1]
    # Marketplace-facilitated tax never reaches the P&L (reports-and-fees §4.3).
    assert LINE_OF[K.TAX] is None
    assert LINE_OF[K.MARKETPLACE_TAX] is None


def test_a_missing_line_is_named_as_an_unexplained_difference() -> None:
    summary, ledger = read(settlement_file(LINES[:-3] + LINES[-2:]))
    (check,) = reconcile(ledger, [summary]).differences
    assert check.difference == Money("-39.99", "EUR")
    assert check.explanation == (
        "settlement 98765: payout -49.91 EUR, ledger -9.92 EUR: -39.99 EUR unexplained"
    )


def test_lines_outside_the_period_and_transfers_are_named() -> None:
    summary, ledger = read(settlement_file())
    late = Transaction(
        kind="adjustment",
        posted_on="2026-04-02",
        amount=Money("0", "EUR"),
        channel="Amazon.de",
        settlement_id="98765",
    )
    paid = Transaction(
        kind="payout",
        posted_on="2026-03-17",
        amount=Money("-50", "EUR"),
        channel="Amazon.de",
        settlement_id="98765",
    )
    (check,) = reconcile([*ledger, late, paid], [summary]).checks
    assert check.is_reconciled
    assert check.outside_period == 1
    assert check.transferred == Money("50", "EUR")
    assert check.explanation.endswith(
        "1 line(s) posted outside 2026-03-01..2026-03-15; "
        "transfers to the bank 50 EUR ≠ payout"
    )
    assert from_data(SettlementCheck, to_data(check)) == check


def test_unsettled_lines_are_totalled_per_currency() -> None:
    summary, ledger = read(settlement_file())
    loose = [
        Transaction(
            kind="sale", posted_on="2026-03-20", amount=Money(a, c), channel="site"
        )
        for a, c in (("10", "EUR"), ("5", "EUR"), ("7", "USD"))
    ]
    result = reconcile([*ledger, *loose], [summary])
    assert result.unsettled == (Money("15", "EUR"), Money("7", "USD"))
    assert result.unsettled_lines == 3
    assert from_data(Reconciliation, to_data(result)) == result


def test_reconciliation_refuses_bad_input_by_name() -> None:
    summary, ledger = read(settlement_file())
    dollars = Transaction(
        kind="sale",
        posted_on="2026-03-05",
        amount=Money(1, "USD"),
        channel="Amazon.de",
        settlement_id="98765",
    )
    with pytest.raises(CurrencyMismatchError) as other:
        reconcile([*ledger, dollars], [summary])
    assert other.value.field == f"transactions[{len(ledger)}].amount"
    with pytest.raises(InvalidInputError) as twice:
        reconcile(ledger, [summary, summary])
    assert twice.value.field == "settlements[1].settlement_id"
    with pytest.raises(InvalidTypeError) as wrong:
        reconcile(ledger, ["98765"])  # type: ignore[list-item]
    assert wrong.value.field == "settlements[0]"
    with pytest.raises(InvalidInputError) as kinds:
        SettlementCheck(
            settlement=summary, lines=1, by_kind=[(K.PAYOUT, Money("1", "EUR"))]
        )
    assert kinds.value.field == "by_kind"


@given(
    st.lists(
        xst.transactions(currency=st.just(Currency("EUR"))).filter(
            lambda t: t.settlement_id is not None
        ),
        max_size=20,
    )
)
def test_a_consistent_ledger_reconciles_to_zero(ledger: list[Transaction]) -> None:
    summaries = []
    for name in ("S1", "S2"):
        total = sum(
            (
                t.amount.amount
                for t in ledger
                if t.settlement_id == name and t.kind is not K.PAYOUT
            ),
            Decimal(0),
        )
        summaries.append(
            SettlementSummary(
                settlement_id=name,
                start="2024-01-01",
                end="2027-12-31",
                total=Money(total, "EUR"),
            )
        )
    result = reconcile(ledger, summaries)
    assert result.is_reconciled
    assert all(check.difference.is_zero() for check in result.checks)


def test_every_settlement_key_names_real_columns_and_a_kind() -> None:
    for (kind_of, amount_type, description), kind in AMAZON_SETTLEMENT_KINDS.items():
        assert amount_type is not None or kind_of is not None
        assert isinstance(kind, TransactionKind), (kind_of, amount_type, description)


def test_an_unknown_line_is_refused_unless_a_kind_is_given() -> None:
    odd = [
        ("other-transaction", "", "other-transaction", "Something new", "1.00", "", "")
    ]
    text = settlement_file(odd, total="1.00")
    with pytest.raises(InvalidInputError) as unknown:
        read(text)
    assert unknown.value.field == "lines[0].amount_description"
    _, ledger = read(text, unknown="adjustment")
    assert [t.kind for t in ledger] == [K.ADJUSTMENT]


# reports-and-fees.md §1.5: the current US header, after a preamble.
DATE_RANGE = (
    "date/time,settlement id,type,order id,sku,description,quantity,marketplace,"
    "account type,fulfillment,order city,order state,order postal,"
    "tax collection model,product sales,product sales tax,shipping credits,"
    "shipping credits tax,gift wrap credits,giftwrap credits tax,Regulatory Fee,"
    "Tax On Regulatory Fee,promotional rebates,promotional rebates tax,"
    "marketplace withheld tax,selling fees,fba fees,other transaction fees,other,"
    "total\n"
    '"Sep 4, 2026 1:05:07 AM PDT",1001,Order,113-1,PH-BLK,Phone holder,1,'
    "amazon.com,Standard Orders,Amazon,Austin,TX,78701,MarketplaceFacilitator,"
    "13.99,1.15,0,0,0,0,0,0,0,0,-1.15,-2.10,-3.90,0,0,7.99\n"
    '"Sep 6, 2026 9:10:00 PM PDT",1001,Refund,113-1,PH-BLK,Phone holder,1,'
    "amazon.com,Standard Orders,Amazon,Austin,TX,78701,MarketplaceFacilitator,"
    "-13.99,-1.15,0,0,0,0,0,0,0,0,1.15,1.68,0,0,0,-12.31\n"
    '"Sep 8, 2026 4:00:00 PM PDT",1001,Service Fee,,,Cost of Advertising,,'
    "amazon.com,,,,,,,0,0,0,0,0,0,0,0,0,0,0,0,0,-25.00,0,-25.00\n"
    '"Sep 9, 2026 4:00:00 PM PDT",1001,Transfer,,,To account ending in: 123,,'
    "amazon.com,,,,,,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,-5.00,-5.00\n"
)


def date_range_rows(text: str = DATE_RANGE) -> list[dict[str, object]]:
    return list(read_records(csv.DictReader(io.StringIO(text)), AMAZON_DATE_RANGE))


def test_date_range_columns_become_kinds_and_add_up_to_each_total() -> None:
    ledger = list(transactions_from_date_range(date_range_rows(), currency="USD"))
    assert [(t.kind, t.amount.amount) for t in ledger] == [
        (K.SALE, Decimal("13.99")),
        (K.MARKETPLACE_TAX, Decimal("1.15")),
        (K.MARKETPLACE_TAX, Decimal("-1.15")),
        (K.REFERRAL_FEE, Decimal("-2.10")),
        (K.FULFILMENT_FEE, Decimal("-3.90")),
        (K.REFUND, Decimal("-13.99")),
        (K.MARKETPLACE_TAX, Decimal("-1.15")),
        (K.MARKETPLACE_TAX, Decimal("1.15")),
        (K.REFERRAL_FEE, Decimal("1.68")),
        (K.AD_SPEND, Decimal("-25.00")),
        (K.PAYOUT, Decimal("-5.00")),
    ]
    assert ledger[0].posted_on == dt.date(2026, 9, 4)  # the Pacific day, as written
    assert ledger[0].quantity == 1
    assert {t.settlement_id for t in ledger} == {"1001"}


def test_a_date_range_row_that_does_not_add_up_is_refused() -> None:
    wrong = DATE_RANGE.replace(",7.99\n", ",8.99\n")
    with pytest.raises(InvalidInputError) as total:
        list(transactions_from_date_range(date_range_rows(wrong), currency="USD"))
    assert total.value.field == "rows[0].total"
    odd = DATE_RANGE.replace("Transfer", "Liquidations")
    with pytest.raises(InvalidInputError) as kind:
        list(transactions_from_date_range(date_range_rows(odd), currency="USD"))
    assert kind.value.field == "rows[3].type"


# reports-and-fees.md §2: order-level fields on the first row of each order.
SHOPIFY = (
    "Name,Email,Financial Status,Currency,Subtotal,Shipping,Taxes,Total,"
    "Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
    "Lineitem sku,Refunded Amount\n"
    "#1001,anna@example.com,partially_refunded,EUR,50.00,5.00,8.78,55.00,11.00,"
    "2025-10-07 09:50:26 +0200,1,Utensil set,39.00,BAM-UT,22.00\n"
    "#1001,,,,,,,,,,1,Wraps,22.00,WAX-3,\n"
)


def test_shopify_orders_become_rows_that_add_up_to_the_total() -> None:
    orders = list(read_shopify_orders(csv.DictReader(io.StringIO(SHOPIFY))))
    ledger = list(
        transactions_from_shopify(orders, channel="site", taxes_included=True)
    )
    paid = sum((t.amount.amount for t in ledger if t.kind is not K.REFUND), Decimal(0))
    paid -= sum(
        (t.amount.amount for t in ledger if t.kind is K.TAX and t.amount.is_negative()),
        Decimal(0),
    )
    assert paid == Decimal("55.00")
    refunded = sum(
        (
            t.amount.amount
            for t in ledger
            if t.kind is K.REFUND or (t.kind is K.TAX and t.amount.is_negative())
        ),
        Decimal(0),
    )
    assert refunded == Decimal("-22.00")
    assert [t.quantity for t in ledger if t.kind is K.SALE] == [1, 1]
    discounts = [t.amount.amount for t in ledger if t.kind is K.PROMOTION]
    assert sum(discounts) == Decimal("-11.00")  # shared 39 : 22


def test_shopify_taxes_excluded_and_inconsistent_totals() -> None:
    line = ShopifyLine(name="Set", quantity=2, sku="BAM-UT", price=Money("20", "USD"))
    order = ShopifyOrder(
        name="#1",
        created_on="2026-01-02",
        total=Money("43.20", "USD"),
        taxes=Money("3.20", "USD"),
        lines=[line],
    )
    ledger = list(
        transactions_from_shopify([order], channel="site", taxes_included=False)
    )
    assert [(t.kind, t.amount) for t in ledger] == [
        (K.SALE, Money("40", "USD")),
        (K.TAX, Money("3.20", "USD")),
    ]
    wrong = ShopifyOrder(
        name="#2", created_on="2026-01-02", total=Money("44", "USD"), lines=[line]
    )
    with pytest.raises(InvalidInputError) as total:
        list(transactions_from_shopify([wrong], channel="site", taxes_included=False))
    assert total.value.field == "orders[0].total"
    with pytest.raises(InvalidTypeError) as flag:
        transactions_from_shopify([order], channel="site", taxes_included="yes")  # type: ignore[arg-type]
    assert flag.value.field == "taxes_included"
