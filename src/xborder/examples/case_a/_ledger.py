"""Case A's books: a settlement report of Amazon.com and the stock behind it (private).

The settlement is generated from a fixed, documented pattern (nothing is
drawn at random), in the flat file V2 layout (reports-and-fees.md §1.4):
tab-separated, 24 columns, a summary row, then one line per amount.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from xborder.ledger import Receipt
from xborder.money import Money

__all__ = [
    "OPENING_STOCK",
    "SALES_TAX",
    "SETTLEMENT_COLUMNS",
    "SETTLEMENT_END",
    "SETTLEMENT_ID",
    "SETTLEMENT_START",
    "settlement_report",
]

SETTLEMENT_ID = "11784561231"
"""The settlement's id."""

SETTLEMENT_START = dt.date(2026, 9, 16)
"""The settlement's first day (the day after the case's ``DAY``)."""

SETTLEMENT_END = dt.date(2026, 9, 29)
"""Its last day: two weeks, as Amazon settles."""

DEPOSIT_DATE = dt.date(2026, 10, 1)

SALES_TAX = Decimal("0.08")
"""The sales tax Amazon collects and remits as the marketplace facilitator."""

SETTLEMENT_COLUMNS = (
    "settlement-id", "settlement-start-date", "settlement-end-date",
    "deposit-date", "total-amount", "currency", "transaction-type", "order-id",
    "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name",
    "amount-type", "amount-description", "amount", "fulfillment-id",
    "posted-date", "posted-date-time", "order-item-code",
    "merchant-order-item-id", "merchant-adjustment-item-id", "sku",
    "quantity-purchased", "promotion-id",
)  # fmt: skip
"""The flat file V2's 24 columns, in order (reports-and-fees.md §1.4)."""

OPENING_STOCK = (
    Receipt(
        sku="PH-BLK",
        received_on="2026-08-20",
        quantity=120,
        unit_cost=Money("3.29", "USD"),
        paid_on="2026-07-02",
    ),
    Receipt(
        sku="PH-WHT",
        received_on="2026-08-20",
        quantity=80,
        unit_cost=Money("3.29", "USD"),
        paid_on="2026-07-02",
    ),
)
"""Holders left from the previous shipment, at its landed cost (illustrative)."""

_PRICE = Decimal("13.99")
_REFERRAL = Decimal("2.10")
_FBA = Decimal("3.90")
_COUPON = Decimal("1.40")
_REFUND_ADMIN = Decimal("0.42")  # 20% of the referral fee, under the $5 cap
_ORDERS_PER_DAY = 20  # 140 a week, Case A's demand
_ACCOUNT_LINES = (
    (dt.date(2026, 9, 16), "other-transaction", "other-transaction",
     "Previous Reserve Amount Balance", "412.30"),
    (dt.date(2026, 9, 18), "other-transaction", "other-transaction",
     "Storage Fee", "-9.87"),
    (dt.date(2026, 9, 21), "other-transaction", "FBA Inventory Reimbursement",
     "WAREHOUSE_DAMAGE", "3.29"),
    (dt.date(2026, 9, 22), "other-transaction", "other-transaction",
     "Subscription Fee", "-39.99"),
    (dt.date(2026, 9, 29), "ServiceFee", "Cost of Advertising",
     "TransactionTotalAmount", "-392.15"),
    (dt.date(2026, 9, 29), "other-transaction", "other-transaction",
     "Current Reserve Amount", "-398.11"),
)  # fmt: skip


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def _orders() -> list[list[str]]:
    """The order and refund lines, in posting order.

    Each is ``[day, transaction type, order id, amount type, description,
    amount, sku, quantity]``.
    """
    lines: list[list[str]] = []
    refunds: dict[dt.date, list[tuple[str, str]]] = {}
    number = 0
    day = SETTLEMENT_START
    while day <= SETTLEMENT_END:
        for _ in range(_ORDERS_PER_DAY):
            number += 1
            order = f"114-{number:07d}-{(number * 7919) % 10_000_000:07d}"
            sku = "PH-BLK" if number % 5 < 3 else "PH-WHT"  # noqa: PLR2004 - 3 in 5
            units = 2 if number % 10 == 0 else 1
            rows = _sale(units)
            if number % 25 == 0:
                rows.append(("Promotion", "Principal", -_COUPON))
            lines += [
                [str(day), "Order", order, kind, what, str(amount), sku, str(units)]
                for kind, what, amount in rows
            ]
            if number % 40 == 0:
                refunds.setdefault(day + dt.timedelta(days=3), []).append((order, sku))
        for order, sku in refunds.get(day, []):
            lines += [
                [str(day), "Refund", order, kind, what, str(amount), sku, "1"]
                for kind, what, amount in _refund()
            ]
        day += dt.timedelta(days=1)
    return lines


def _sale(units: int) -> list[tuple[str, str, Decimal]]:
    price = _PRICE * units
    tax = _cents(price * SALES_TAX)
    return [
        ("ItemPrice", "Principal", price),
        ("ItemPrice", "Tax", tax),
        ("ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", -tax),
        ("ItemFees", "Commission", -_REFERRAL * units),
        ("ItemFees", "FBAPerUnitFulfillmentFee", -_FBA * units),
    ]


def _refund() -> list[tuple[str, str, Decimal]]:
    """A one-unit refund's lines.

    The price and tax go back; the referral fee is credited, less the
    refund administration fee Amazon keeps.
    """
    tax = _cents(_PRICE * SALES_TAX)
    return [
        ("ItemPrice", "Principal", -_PRICE),
        ("ItemPrice", "Tax", -tax),
        ("ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", tax),
        ("ItemFees", "Commission", _REFERRAL),
        ("ItemFees", "RefundCommission", -_REFUND_ADMIN),
    ]


def settlement_report() -> str:
    r"""The settlement's flat file V2, as the text Seller Central downloads.

    Two weeks of Amazon.com: about 20 orders a day of the black (3 in 5)
    and white holders at $13.99 (one order in ten of two units), 8% sales
    tax collected and withheld by Amazon as the marketplace facilitator,
    the referral and FBA fees, a $1.40 coupon on one order in 25, a refund
    of one order in 40 three days later (the fees credited back less the
    refund administration fee), then the account's lines: last period's
    reserve released, storage, a reimbursement for a damaged unit, the
    subscription, advertising and this period's reserve. The summary's
    total is the sum of the lines, so the settlement reconciles.

    Examples:
        >>> lines = settlement_report().splitlines()
        >>> lines[0].split("\t")[:3]
        ['settlement-id', 'settlement-start-date', 'settlement-end-date']
        >>> len(lines)
        1444
    """
    lines = _orders()
    rows = []
    total = Decimal(0)
    for day, kind, order, amount_type, what, amount, sku, units in lines:
        total += Decimal(amount)
        rows.append(
            _row(
                day=day,
                transaction=kind,
                order=order,
                amount_type=amount_type,
                description=what,
                amount=amount,
                sku=sku,
                units=units,
            )
        )
    for posted, kind, amount_type, what, amount in _ACCOUNT_LINES:
        total += Decimal(amount)
        rows.append(
            _row(
                day=str(posted),
                transaction=kind,
                order="",
                amount_type=amount_type,
                description=what,
                amount=amount,
                sku="",
                units="",
            )
        )
    summary = [
        SETTLEMENT_ID,
        f"{SETTLEMENT_START} 07:00:00 UTC",
        f"{SETTLEMENT_END} 07:00:00 UTC",
        f"{DEPOSIT_DATE} 07:00:00 UTC",
        str(total),
        "USD",
    ] + [""] * 18
    text = ["\t".join(SETTLEMENT_COLUMNS), "\t".join(summary)]
    text += ["\t".join(row) for row in rows]
    return "\n".join(text) + "\n"


def _row(
    *,
    day: str,
    transaction: str,
    order: str,
    amount_type: str,
    description: str,
    amount: str,
    sku: str,
    units: str,
) -> list[str]:
    cells = dict.fromkeys(SETTLEMENT_COLUMNS, "")
    cells.update(
        {
            "settlement-id": SETTLEMENT_ID,
            "transaction-type": transaction,
            "order-id": order,
            "marketplace-name": "Amazon.com",
            "amount-type": amount_type,
            "amount-description": description,
            "amount": amount,
            "fulfillment-id": "AFN" if order else "",
            "posted-date": day,
            "posted-date-time": f"{day} 08:52:26 UTC",
            "sku": sku,
            "quantity-purchased": units,
        }
    )
    return [cells[column] for column in SETTLEMENT_COLUMNS]
