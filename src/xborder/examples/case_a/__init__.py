"""Case A: a Shenzhen seller of phone holders on a global marketplace.

The primer's first case. An exporter of phone accessories moves from
traditional trade onto a global marketplace with a niche phone holder. It
stocks the marketplace's warehouses in the United States, the United Kingdom
and Germany, prices for a target margin in each, grows with search ads, and
replenishes the US warehouse across a long, variable lead time. Its books
start from the marketplace's settlement report (:func:`settlement_report`,
with :data:`OPENING_STOCK`).

Everything here is **illustrative**: made up in September 2026 to have the
shape of real data (tariff rates, FX rates, carrier cards, marketplace fees,
a search-term report, sales figures). Rules that change on known dates (VAT
rates, thresholds, US fees) come from xborder's dated presets, which carry
their sources. The module holds the inputs and :func:`run` computes the case
from them; Tutorial A makes the same calls one by one, and
``python -m xborder`` prints the result.

Examples:
    >>> from xborder.examples import case_a
    >>> str(case_a.UNIT_COST), case_a.DAY.isoformat()
    ('2.35 USD', '2026-09-15')
    >>> str(case_a.run().prices["US"].price)
    '14.99 USD'
"""

from xborder._guard import guard_public
from xborder.examples.case_a._data import (
    ACCOUNT_ORDERS_60_DAYS,
    ADS_SHARE,
    AIR_ROUTE,
    AMAZON_UK_ELECTRONICS_ACCESSORIES,
    ATTRIBUTION,
    BIDS,
    CARRYING_RATE,
    CARTON,
    CONSTRAINTS,
    DAY,
    DEFECTS_60_DAYS,
    DEMAND,
    FBA_TIERS,
    FORECAST_METHOD,
    FULFILMENT_FEES,
    FUNNEL,
    FX,
    HOLDER,
    LINES,
    LISTED_PRICE,
    MARKET_STOCK,
    MARKETS,
    OPTIONS,
    ORDER_COST,
    ORDER_QUANTITY,
    PEAK_START,
    PRICE_ENDING,
    PURCHASE_ORDER,
    RETURNS,
    REVIEWS,
    SALES,
    SEA_FREIGHT,
    SEA_ROUTE,
    SEARCH_TERM_EXPORT,
    SEARCH_TERMS,
    SERVICE,
    SOURCE,
    STOCK,
    TARGET_MARGIN,
    TARIFFS,
    UNIT_COST,
    UNITS_PER_CARTON,
    VAT,
    ads,
    container_skus,
    shipment,
)
from xborder.examples.case_a._ledger import (
    OPENING_STOCK,
    SALES_TAX,
    SETTLEMENT_COLUMNS,
    SETTLEMENT_END,
    SETTLEMENT_ID,
    SETTLEMENT_START,
    settlement_report,
)
from xborder.examples.case_a._run import (
    KEEP_AFTER_ADS,
    MARKETPLACES,
    PROMISED_DAYS,
    CaseA,
    fee_schedule,
    landed_costs,
    listing,
    market,
    run,
    unit_cost,
)

__all__ = [
    "ACCOUNT_ORDERS_60_DAYS",
    "ADS_SHARE",
    "AIR_ROUTE",
    "AMAZON_UK_ELECTRONICS_ACCESSORIES",
    "ATTRIBUTION",
    "BIDS",
    "CARRYING_RATE",
    "CARTON",
    "CONSTRAINTS",
    "DAY",
    "DEFECTS_60_DAYS",
    "DEMAND",
    "FBA_TIERS",
    "FORECAST_METHOD",
    "FULFILMENT_FEES",
    "FUNNEL",
    "FX",
    "HOLDER",
    "KEEP_AFTER_ADS",
    "LINES",
    "LISTED_PRICE",
    "MARKETPLACES",
    "MARKETS",
    "MARKET_STOCK",
    "OPENING_STOCK",
    "OPTIONS",
    "ORDER_COST",
    "ORDER_QUANTITY",
    "PEAK_START",
    "PRICE_ENDING",
    "PROMISED_DAYS",
    "PURCHASE_ORDER",
    "RETURNS",
    "REVIEWS",
    "SALES",
    "SALES_TAX",
    "SEARCH_TERMS",
    "SEARCH_TERM_EXPORT",
    "SEA_FREIGHT",
    "SEA_ROUTE",
    "SERVICE",
    "SETTLEMENT_COLUMNS",
    "SETTLEMENT_END",
    "SETTLEMENT_ID",
    "SETTLEMENT_START",
    "SOURCE",
    "STOCK",
    "TARGET_MARGIN",
    "TARIFFS",
    "UNITS_PER_CARTON",
    "UNIT_COST",
    "VAT",
    "CaseA",
    "ads",
    "container_skus",
    "fee_schedule",
    "landed_costs",
    "listing",
    "market",
    "run",
    "settlement_report",
    "shipment",
    "unit_cost",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
