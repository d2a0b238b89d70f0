"""KPIs: funnel and store, advertising, account health, harvesting, customers.

Every KPI here is a ratio that keeps its parts (:class:`Ratio`,
:class:`MoneyRatio`), so totals are computed as the sum of numerators over the
sum of denominators, never as an average of ratios. A ratio whose denominator
is zero has the value :data:`UNDEFINED`: not 0, not an exception, and not
usable as a number until the caller decides what it means.

* Funnel and store: :class:`FunnelStats` (CTR, add-to-cart rate, CVR, AOV,
  refund and return rates), :class:`ReviewStats` with a Wilson lower bound,
  :class:`InventoryPeriod` (sell-through, turnover, days of inventory, GMROI).
* Advertising: :class:`AdsStats` with its :class:`AttributionWindow` (CTR,
  CPC, CPM, CVR, ACOS, ROAS, TACoS, spend against an ACOS limit).
* Search-term reports: :class:`SearchTermRow` (or :func:`rows_from_records`
  for a CSV export's dicts), :func:`summarize`,
  :func:`breakdown`, :func:`harvest` and :func:`bid_changes`, each one pass
  over any iterable of rows.
* Account health: :class:`HealthThreshold` (dated, sourced;
  :data:`AMAZON_US_ACCOUNT_HEALTH`) and :func:`check_health`.
* Customers: :class:`Order` (or :func:`orders_from_records`),
  :func:`customer_summary`,
  :func:`cohort_retention`, :func:`cohort_ltv`, :func:`rfm`, :func:`cac`,
  :func:`simple_ltv`, :func:`ltv_to_cac`, :func:`payback_months`.

Examples:
    >>> from xborder.kpi import UNDEFINED, acos
    >>> from xborder.money import Money
    >>> acos(spend=Money("100", "USD"), sales=Money("500", "USD")).value
    Decimal('0.2')
    >>> acos(spend=Money("100", "USD"), sales=Money("0", "USD")).value is UNDEFINED
    True
"""

from xborder._guard import guard_public
from xborder.kpi._ads import AcosGap, AdsKpis, AdsStats, AttributionWindow
from xborder.kpi._bids import Bid, BidAction, BidChange, BidPlan, BidRules, bid_changes
from xborder.kpi._breakdown import Grouping, ReportGroup, breakdown
from xborder.kpi._cohorts import (
    Cohort,
    CohortValue,
    LtvTable,
    Payback,
    RetentionTable,
    cohort_ltv,
    cohort_retention,
)
from xborder.kpi._customers import (
    CustomerSummary,
    Order,
    SimpleLtv,
    cac,
    customer_summary,
    ltv_to_cac,
    payback_months,
    simple_ltv,
)
from xborder.kpi._formulas import (
    acos,
    add_to_cart_rate,
    aov,
    cpc,
    cpm,
    ctr,
    cvr,
    roas,
    tacos,
)
from xborder.kpi._harvest import HarvestPlan, NegativeTarget, TermDecision, harvest
from xborder.kpi._harvest_rules import (
    HarvestAction,
    HarvestReason,
    HarvestRules,
    NegativePurpose,
)
from xborder.kpi._health import (
    Comparison,
    HealthMetric,
    HealthStatus,
    HealthThreshold,
    check_health,
    thresholds_in_force,
)
from xborder.kpi._health_presets import AMAZON_US_ACCOUNT_HEALTH
from xborder.kpi._ratio import (
    UNDEFINED,
    MoneyRatio,
    Ratio,
    Undefined,
    UndefinedValueError,
)
from xborder.kpi._records import orders_from_records, rows_from_records
from xborder.kpi._report import (
    MatchType,
    ReportSemantics,
    SearchTermRow,
    normalize_term,
    summarize,
)
from xborder.kpi._rfm import (
    RF_GRID_SEGMENTS,
    RfmCustomer,
    RfmScoring,
    RfmTable,
    SegmentRule,
    rfm,
)
from xborder.kpi._store import (
    FunnelStats,
    InventoryPeriod,
    ReviewStats,
    WilsonInterval,
    wilson_interval,
)

__all__ = [
    "AMAZON_US_ACCOUNT_HEALTH",
    "RF_GRID_SEGMENTS",
    "UNDEFINED",
    "AcosGap",
    "AdsKpis",
    "AdsStats",
    "AttributionWindow",
    "Bid",
    "BidAction",
    "BidChange",
    "BidPlan",
    "BidRules",
    "Cohort",
    "CohortValue",
    "Comparison",
    "CustomerSummary",
    "FunnelStats",
    "Grouping",
    "HarvestAction",
    "HarvestPlan",
    "HarvestReason",
    "HarvestRules",
    "HealthMetric",
    "HealthStatus",
    "HealthThreshold",
    "InventoryPeriod",
    "LtvTable",
    "MatchType",
    "MoneyRatio",
    "NegativePurpose",
    "NegativeTarget",
    "Order",
    "Payback",
    "Ratio",
    "ReportGroup",
    "ReportSemantics",
    "RetentionTable",
    "ReviewStats",
    "RfmCustomer",
    "RfmScoring",
    "RfmTable",
    "SearchTermRow",
    "SegmentRule",
    "SimpleLtv",
    "TermDecision",
    "Undefined",
    "UndefinedValueError",
    "WilsonInterval",
    "acos",
    "add_to_cart_rate",
    "aov",
    "bid_changes",
    "breakdown",
    "cac",
    "check_health",
    "cohort_ltv",
    "cohort_retention",
    "cpc",
    "cpm",
    "ctr",
    "customer_summary",
    "cvr",
    "harvest",
    "ltv_to_cac",
    "normalize_term",
    "orders_from_records",
    "payback_months",
    "rfm",
    "roas",
    "rows_from_records",
    "simple_ltv",
    "summarize",
    "tacos",
    "thresholds_in_force",
    "wilson_interval",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
