"""What a transaction is, which P&L line it lands on, and the periods (private).

This module is the one classification of the ledger: :data:`LINE_OF` says,
for every :class:`TransactionKind`, the :class:`PnlLine` it is summed into
(or that it stays out of the P&L). The scalar fold, the polars group-by and
the report adapters all read it; nothing else decides where money goes.
"""

from __future__ import annotations

import datetime as dt
import enum
from types import MappingProxyType
from typing import Final

from xborder.errors import InvalidInputError

__all__ = [
    "LINE_OF",
    "NET_REVENUE_LINES",
    "CostMethod",
    "Period",
    "PnlLine",
    "StorageBasis",
    "TransactionKind",
    "period_end",
    "period_start",
]


class TransactionKind(enum.StrEnum):
    """What one ledger row is, from the seller's side.

    Amounts are signed as the money moves for the seller, as settlement
    reports write them: a sale is positive, a fee negative, a fee credited
    back on a refund positive.

    Examples:
        >>> TransactionKind.SALE.value, TransactionKind("storage fee").name
        ('sale', 'STORAGE_FEE')
    """

    SALE = "sale"
    """The product's price paid by the buyer (its principal), before tax."""
    SHIPPING = "shipping"
    """Shipping or gift wrap charged to the buyer."""
    PROMOTION = "promotion"
    """A discount or promotional rebate funded by the seller (negative)."""
    REFUND = "refund"
    """Price or shipping paid back to a buyer (negative)."""
    REFERRAL_FEE = "referral fee"
    """The marketplace's commission on a sale (negative; credited back on refunds)."""
    CLOSING_FEE = "closing fee"
    """A fixed or variable closing fee per item."""
    FULFILMENT_FEE = "fulfilment fee"
    """The marketplace's fulfilment (FBA pick, pack and ship) fee."""
    PAYMENT_FEE = "payment fee"
    """A card or wallet processor's fee (Stripe, Shopify Payments, PayPal)."""
    REFUND_FEE = "refund fee"
    """A fee kept on a refund (the refund administration fee)."""
    SUBSCRIPTION_FEE = "subscription fee"
    """A monthly selling plan or platform subscription."""
    INBOUND_FEE = "inbound fee"
    """Inbound placement or transport into the marketplace's or a 3PL's warehouse."""
    THREE_PL_FEE = "3pl fee"
    """A third-party warehouse's pick, pack and postage for an order."""
    OTHER_FEE = "other fee"
    """Any other fee the channel charges (regulatory, tax collection, Vine...)."""
    STORAGE_FEE = "storage fee"
    """Warehouse storage, monthly or long-term."""
    AD_SPEND = "ad spend"
    """Advertising, by campaign (sponsored products, social ads)."""
    REIMBURSEMENT = "reimbursement"
    """The marketplace paying for stock it lost or damaged (positive)."""
    ADJUSTMENT = "adjustment"
    """Any other correction of the balance."""
    TAX = "tax"
    """Sales tax or VAT collected with a sale: owed to the state, not revenue."""
    MARKETPLACE_TAX = "marketplace tax"
    """Tax the marketplace collects and remits itself (facilitator, deemed supplier)."""
    RESERVE = "reserve"
    """Proceeds held back by the marketplace (negative) or released (positive)."""
    PAYOUT = "payout"
    """Money transferred out of the channel's balance to the seller's bank."""


class PnlLine(enum.StrEnum):
    """A line of the profit and loss, in the order it is shown.

    Examples:
        >>> [line.value for line in PnlLine][:4]
        ['revenue', 'discounts', 'refunds', 'referral_fees']
    """

    REVENUE = "revenue"
    """Sales and shipping charged, before discounts and refunds."""
    DISCOUNTS = "discounts"
    """Promotions funded by the seller."""
    REFUNDS = "refunds"
    """Money paid back to buyers."""
    REFERRAL_FEES = "referral_fees"
    """Marketplace commissions."""
    CLOSING_FEES = "closing_fees"
    """Closing fees."""
    FULFILMENT_FEES = "fulfilment_fees"
    """Fulfilment by the marketplace."""
    PAYMENT_FEES = "payment_fees"
    """Payment processing."""
    REFUND_FEES = "refund_fees"
    """Fees kept on refunds."""
    SUBSCRIPTION_FEES = "subscription_fees"
    """Selling plans and subscriptions."""
    INBOUND_FEES = "inbound_fees"
    """Inbound placement and transport."""
    THREE_PL_FEES = "three_pl_fees"
    """Third-party warehouse fees."""
    OTHER_FEES = "other_fees"
    """Every other fee."""
    STORAGE = "storage"
    """Storage, allocated to SKUs when charged for the account."""
    ADS = "ads"
    """Advertising, attributed to SKUs through the campaign map."""
    REIMBURSEMENTS = "reimbursements"
    """Reimbursements for lost or damaged stock."""
    ADJUSTMENTS = "adjustments"
    """Other corrections."""
    COGS = "cogs"
    """Cost of goods sold, from the cost basis (negative)."""


LINE_OF: Final = MappingProxyType(
    {
        TransactionKind.SALE: PnlLine.REVENUE,
        TransactionKind.SHIPPING: PnlLine.REVENUE,
        TransactionKind.PROMOTION: PnlLine.DISCOUNTS,
        TransactionKind.REFUND: PnlLine.REFUNDS,
        TransactionKind.REFERRAL_FEE: PnlLine.REFERRAL_FEES,
        TransactionKind.CLOSING_FEE: PnlLine.CLOSING_FEES,
        TransactionKind.FULFILMENT_FEE: PnlLine.FULFILMENT_FEES,
        TransactionKind.PAYMENT_FEE: PnlLine.PAYMENT_FEES,
        TransactionKind.REFUND_FEE: PnlLine.REFUND_FEES,
        TransactionKind.SUBSCRIPTION_FEE: PnlLine.SUBSCRIPTION_FEES,
        TransactionKind.INBOUND_FEE: PnlLine.INBOUND_FEES,
        TransactionKind.THREE_PL_FEE: PnlLine.THREE_PL_FEES,
        TransactionKind.OTHER_FEE: PnlLine.OTHER_FEES,
        TransactionKind.STORAGE_FEE: PnlLine.STORAGE,
        TransactionKind.AD_SPEND: PnlLine.ADS,
        TransactionKind.REIMBURSEMENT: PnlLine.REIMBURSEMENTS,
        TransactionKind.ADJUSTMENT: PnlLine.ADJUSTMENTS,
        TransactionKind.TAX: None,
        TransactionKind.MARKETPLACE_TAX: None,
        TransactionKind.RESERVE: None,
        TransactionKind.PAYOUT: None,
    }
)
"""The P&L line of each transaction kind; ``None``: kept out of the P&L.

Tax collected with a sale is owed to the state (and marketplace-facilitated
tax never belonged to the seller: reports-and-fees.md §4.3); reserves and
payouts move the seller's own money between the channel and the bank.
They all count in the reconciliation to payouts, never in profit."""

NET_REVENUE_LINES: Final = (PnlLine.REVENUE, PnlLine.DISCOUNTS, PnlLine.REFUNDS)
"""Net revenue = revenue + discounts + refunds (the last two are negative)."""


class Period(enum.StrEnum):
    """The P&L's periods: calendar weeks (Monday first), months or quarters.

    Examples:
        >>> import datetime as dt
        >>> period_start(Period.WEEK, dt.date(2026, 3, 5))  # a Thursday
        datetime.date(2026, 3, 2)
        >>> period_end(Period.QUARTER, dt.date(2026, 3, 5))
        datetime.date(2026, 4, 1)
    """

    WEEK = "week"
    """ISO weeks, Monday to Sunday."""
    MONTH = "month"
    """Calendar months."""
    QUARTER = "quarter"
    """Calendar quarters (January, April, July, October)."""


def period_start(period: Period, day: dt.date) -> dt.date:
    """The first day of the period that holds ``day``."""
    if period is Period.WEEK:
        try:
            return day - dt.timedelta(days=day.weekday())
        except OverflowError:
            raise _edge(day) from None
    if period is Period.MONTH:
        return day.replace(day=1)
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def period_end(period: Period, day: dt.date) -> dt.date:
    """The first day after the period that holds ``day``."""
    start = period_start(period, day)
    try:
        if period is Period.WEEK:
            return start + dt.timedelta(days=7)
        months = 1 if period is Period.MONTH else 3
        index = start.year * 12 + start.month - 1 + months
        return dt.date(index // 12, index % 12 + 1, 1)
    except (OverflowError, ValueError):
        raise _edge(day) from None


def _edge(day: dt.date) -> InvalidInputError:
    return InvalidInputError(
        field="day", value=day, expected="a day whose period is inside the calendar"
    )


class CostMethod(enum.StrEnum):
    """How units sold are costed from the units received.

    Examples:
        >>> CostMethod("fifo") is CostMethod.FIFO
        True
    """

    FIFO = "fifo"
    """First in, first out: each sale takes the oldest units' cost."""
    MOVING_AVERAGE = "moving average"
    """Each receipt re-averages the unit cost; sales take the average."""


class StorageBasis(enum.StrEnum):
    """How a storage fee charged for the whole account is shared among SKUs.

    Examples:
        >>> StorageBasis.UNIT_DAYS.value
        'unit days'
    """

    UNIT_DAYS = "unit days"
    """Units on hand times days in the period (times each unit's volume, if
    given): what warehouses charge on (Amazon bills the daily average cubic
    feet). Stock on hand comes from the receipts and the sales."""
    UNITS_SOLD = "units sold"
    """Units sold on the fee's channel in the period: when stock is not known."""
    REVENUE = "revenue"
    """Revenue on the fee's channel in the period."""
