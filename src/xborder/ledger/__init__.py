"""From transactions to profit and cash: the books of a cross-border seller.

What happened, turned into decisions:

* The ledger: :class:`Transaction` rows of every :class:`TransactionKind`
  (orders, refunds, each fee, storage, ads, reimbursements, tax, reserves,
  payouts) in any currency; :data:`LINE_OF`, the one table that puts each
  kind on a :class:`PnlLine`; adapters from Amazon's settlement and Date
  Range reports (:data:`AMAZON_SETTLEMENT_KINDS`,
  :data:`DATE_RANGE_COLUMNS`) and Shopify's orders export.
* The P&L: :func:`profit_and_loss` by SKU × channel × week, month or
  quarter, the cost of goods sold from :class:`Receipt` s (FIFO or moving
  average, fed by :func:`receipts_from_landed_cost`), ads put on SKUs by
  campaign, storage shared by a stated basis; the same over a polars frame
  (:func:`profit_and_loss_frame`).
* Payouts: :func:`reconcile` checks each settlement's payout against its
  lines and names any difference.
* Cash: :func:`cash_calendar` dates a purchase order's flows from the
  factory's deposit to the marketplace's payouts, with the peak working
  capital and the cash tied up at a date; :func:`cash_conversion_cycle`
  and :func:`cash_cycles`.
* Exchange rates: :func:`fx_exposure`, :meth:`ProfitAndLoss.exposure`,
  :func:`conversion_costs`.
* Marketing: :func:`influencer_returns`, :func:`email_returns`,
  :func:`social_returns`, :func:`discounted_ltv` (both timing conventions,
  payback) and :func:`allocate_budget` by marginal CAC.

Examples:
    >>> from xborder.ledger import Receipt, Transaction, profit_and_loss
    >>> from xborder.money import Money, RoundingMode
    >>> sale = Transaction(kind="sale", posted_on="2026-03-02",
    ...     amount=Money("13.99", "USD"), channel="Amazon.com", sku="PH-BLK",
    ...     quantity=1)
    >>> fee = Transaction(kind="referral fee", posted_on="2026-03-02",
    ...     amount=Money("-2.10", "USD"), channel="Amazon.com", sku="PH-BLK")
    >>> stock = Receipt(sku="PH-BLK", received_on="2026-02-20", quantity=100,
    ...     unit_cost=Money("3.44", "USD"))
    >>> pnl = profit_and_loss([sale, fee], currency="USD", receipts=[stock],
    ...     rounding=RoundingMode.HALF_EVEN)
    >>> str(pnl.total().contribution)
    '8.45 USD'
"""

from xborder._guard import guard_public
from xborder.ledger._amazon import (
    AMAZON_SETTLEMENT_KINDS,
    DATE_RANGE_COLUMNS,
    transactions_from_date_range,
    transactions_from_settlement,
)
from xborder.ledger._budget import (
    BudgetPlan,
    ChannelCurve,
    FundedStep,
    SpendStep,
    allocate_budget,
)
from xborder.ledger._cash import (
    CashCalendar,
    CashFlow,
    CashFlowKind,
    WorkingCapital,
    cash_calendar,
)
from xborder.ledger._cost import UncostedSaleError
from xborder.ledger._cycle import CashCycle, cash_conversion_cycle, cash_cycles
from xborder.ledger._exposure import (
    ConversionCost,
    ConversionOption,
    CurrencyExposure,
    FxExposure,
    conversion_costs,
    fx_exposure,
)
from xborder.ledger._kinds import (
    LINE_OF,
    CostMethod,
    Period,
    PnlLine,
    StorageBasis,
    TransactionKind,
)
from xborder.ledger._ltv import DiscountedLtv, Timing, discounted_ltv
from xborder.ledger._marketing import (
    CampaignOrder,
    ChannelKind,
    ChannelReturn,
    EmailCampaign,
    EmailKind,
    InfluencerDeal,
    SocialChannel,
    email_returns,
    influencer_returns,
    social_returns,
)
from xborder.ledger._orders import (
    Milestone,
    PayoutTerms,
    PurchaseOrder,
    SellThrough,
    SupplierTerms,
)
from xborder.ledger._pnl import PnlRow, ProfitAndLoss
from xborder.ledger._polars import (
    COLUMNS,
    FramesUnavailableError,
    pnl_frame,
    profit_and_loss_frame,
    profit_and_loss_table,
    transactions_frame,
)
from xborder.ledger._profit import profit_and_loss
from xborder.ledger._reconcile import Reconciliation, SettlementCheck, reconcile
from xborder.ledger._shopify import transactions_from_shopify
from xborder.ledger._transaction import Receipt, Transaction, receipts_from_landed_cost

__all__ = [
    "AMAZON_SETTLEMENT_KINDS",
    "COLUMNS",
    "DATE_RANGE_COLUMNS",
    "LINE_OF",
    "BudgetPlan",
    "CampaignOrder",
    "CashCalendar",
    "CashCycle",
    "CashFlow",
    "CashFlowKind",
    "ChannelCurve",
    "ChannelKind",
    "ChannelReturn",
    "ConversionCost",
    "ConversionOption",
    "CostMethod",
    "CurrencyExposure",
    "DiscountedLtv",
    "EmailCampaign",
    "EmailKind",
    "FramesUnavailableError",
    "FundedStep",
    "FxExposure",
    "InfluencerDeal",
    "Milestone",
    "PayoutTerms",
    "Period",
    "PnlLine",
    "PnlRow",
    "ProfitAndLoss",
    "PurchaseOrder",
    "Receipt",
    "Reconciliation",
    "SellThrough",
    "SettlementCheck",
    "SocialChannel",
    "SpendStep",
    "StorageBasis",
    "SupplierTerms",
    "Timing",
    "Transaction",
    "TransactionKind",
    "UncostedSaleError",
    "WorkingCapital",
    "allocate_budget",
    "cash_calendar",
    "cash_conversion_cycle",
    "cash_cycles",
    "conversion_costs",
    "discounted_ltv",
    "email_returns",
    "fx_exposure",
    "influencer_returns",
    "pnl_frame",
    "profit_and_loss",
    "profit_and_loss_frame",
    "profit_and_loss_table",
    "receipts_from_landed_cost",
    "reconcile",
    "social_returns",
    "transactions_frame",
    "transactions_from_date_range",
    "transactions_from_settlement",
    "transactions_from_shopify",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
