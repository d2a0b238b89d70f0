"""xborder's calculators over whole tables: pandas, polars and pyarrow, exactly.

A seller's catalogue, orders and ad reports are tables. Each calculator here
takes a table and returns it with the results as new columns, equal row for
row, to the last digit, to the scalar calculator applied to each row,
because both evaluate the same rules (:mod:`xborder.pricing.rules`,
:mod:`xborder.landed_cost.rules`, :mod:`xborder.customs.rules`,
:mod:`xborder.kpi.rules`, :mod:`xborder.reports.rules`). Throughout:

* money stays exact: Decimal (or integer) columns in, Arrow decimals out,
  never floats; a float column where money belongs is refused by name
  unless ``floats="shortest"`` reads each float as the decimal it prints;
* a row that cannot be computed (a bad cell, a market without rules) keeps
  its place with empty results, and :attr:`Result.errors` says why; with
  ``errors="raise"`` the first such row raises instead;
* the table comes back in the library it came in: polars (eager or lazy),
  pandas (NumPy- or Arrow-backed) or a pyarrow Table;
* :func:`on_dask` runs any of them over a Dask DataFrame, partition by
  partition (or group by group), when one machine is not enough.

The calculators:

* :func:`read_report`: an export (Amazon search terms, Business Report,
  settlement, Shopify orders...) read into typed columns, as
  :func:`xborder.reports.read_records` reads it;
* :func:`landed_cost`: a catalogue of lines grouped into shipments (with
  :func:`to_tables`, :func:`to_shipments`, :func:`to_results` and
  :func:`from_results` between the tables and the scalar models);
* :func:`unit_economics`: the pricing waterfall of every SKU × market row;
  :func:`break_even_prices`, :func:`target_margin_prices` and
  :func:`target_markup_prices`: the solved prices (:func:`table_of`,
  :func:`lines_of` and :func:`results_of` convert to and from the scalar
  results);
* :func:`restock_plan`: safety stock, reorder point, days of cover,
  stockout date and restock quantity for SKU × warehouse rows;
* :func:`summarize`, :func:`breakdown`, :func:`harvest` and
  :func:`bid_changes`: a search-term report's totals and KPIs, per group,
  the harvest decisions and the bid changes, equal to
  :mod:`xborder.kpi`'s on the same rows;
* :func:`forecast`: a demand forecast for every SKU of a long sales
  table, each SKU with its own method, equal to
  :func:`xborder.forecast.forecast_skus`'s;
* :func:`rfm`, :func:`customer_summary`, :func:`cohort_retention` and
  :func:`cohort_ltv`: customers from an orders table (:func:`orders_of`,
  :func:`frame_of` and the ``*_table_of``/:func:`summary_of` converters
  between the tables and the scalar models).

Install the extra: ``pip install "xborder[frames]"`` (from a checkout:
``pip install -e ".[frames]"``). ``import xborder`` never imports it.

Examples:
    >>> import polars as pl
    >>> from decimal import Decimal
    >>> from xborder.money import Money
    >>> from xborder.pricing import FeeSchedule, Listing, ReferralFee, UnitCosts
    >>> from xborder.pricing import VatBasis
    >>> from xborder import frames
    >>> listing = Listing(
    ...     fees=FeeSchedule(
    ...         name="Marketplace", currency="USD",
    ...         referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
    ...     ),
    ...     costs=UnitCosts(landed=Money("0", "USD")),
    ... )
    >>> catalogue = pl.DataFrame(
    ...     {"sku": ["PH-1", "PH-2"], "price": ["29.99", "12.50"],
    ...      "landed": ["9.00", "4.20"]},
    ... )
    >>> result = frames.unit_economics(catalogue, listing)
    >>> for sku, fees, contribution in result.table.select(
    ...     "sku", "fees", "contribution"
    ... ).iter_rows():
    ...     print(sku, fees, contribution)
    PH-1 4.50 16.49
    PH-2 1.88 6.42
"""

from __future__ import annotations

from xborder._guard import guard_public
from xborder.frames._bids import BID_CHANGES, BidResult, bid_changes
from xborder.frames._cohorts import LTV, RETENTION, cohort_ltv, cohort_retention
from xborder.frames._convert import LINES, lines_of, results_of, table_of
from xborder.frames._customers import (
    RATE_PLACES,
    RFM,
    SUMMARY,
    customer_summary,
    rfm,
)
from xborder.frames._customers_convert import (
    frame_of,
    ltv_table_of,
    orders_of,
    retention_table_of,
    rfm_table_of,
    summary_of,
)
from xborder.frames._dask import on_dask
from xborder.frames._forecast import FORECAST, FORECAST_PLACES, forecast
from xborder.frames._kpi import (
    HARVEST,
    KPI_PLACES,
    KPIS,
    SUMS,
    breakdown,
    harvest,
    summarize,
)
from xborder.frames._landed import landed_cost
from xborder.frames._landed_models import to_results, to_shipments
from xborder.frames._landed_read import LINE_COLUMNS, SHIPMENT_COLUMNS
from xborder.frames._landed_tables import (
    LANDED,
    LandedCostTables,
    from_results,
    to_tables,
)
from xborder.frames._prices import (
    PRICES,
    break_even_prices,
    target_margin_prices,
    target_markup_prices,
)
from xborder.frames._pricing import ECONOMICS, MARGIN_PLACES, Result, unit_economics
from xborder.frames._promotions import (
    LIFT_PLACES,
    OUTCOME,
    PROMOTION,
    promotion_lifts,
)
from xborder.frames._report import ReportTable, read_report
from xborder.frames._search_terms import MATCH_TYPES
from xborder.frames._stock import STOCK, STOCK_PLACES, restock_plan

__all__ = [
    "BID_CHANGES",
    "ECONOMICS",
    "FORECAST",
    "FORECAST_PLACES",
    "HARVEST",
    "KPIS",
    "KPI_PLACES",
    "LANDED",
    "LIFT_PLACES",
    "LINES",
    "LINE_COLUMNS",
    "LTV",
    "MARGIN_PLACES",
    "MATCH_TYPES",
    "OUTCOME",
    "PRICES",
    "PROMOTION",
    "RATE_PLACES",
    "RETENTION",
    "RFM",
    "SHIPMENT_COLUMNS",
    "STOCK",
    "STOCK_PLACES",
    "SUMMARY",
    "SUMS",
    "BidResult",
    "LandedCostTables",
    "ReportTable",
    "Result",
    "bid_changes",
    "break_even_prices",
    "breakdown",
    "cohort_ltv",
    "cohort_retention",
    "customer_summary",
    "forecast",
    "frame_of",
    "from_results",
    "harvest",
    "landed_cost",
    "lines_of",
    "ltv_table_of",
    "on_dask",
    "orders_of",
    "promotion_lifts",
    "read_report",
    "restock_plan",
    "results_of",
    "retention_table_of",
    "rfm",
    "rfm_table_of",
    "summarize",
    "summary_of",
    "table_of",
    "target_margin_prices",
    "target_markup_prices",
    "to_results",
    "to_shipments",
    "to_tables",
    "unit_economics",
]

# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
