"""xborder's calculators over whole tables: pandas, polars and pyarrow, exactly.

A seller's catalogue, orders and ad reports are tables. Each calculator here
takes a table and returns it with the results as new columns, equal row for
row, to the last digit, to the scalar calculator applied to each row,
because both evaluate the same rules (:mod:`xborder.pricing.rules`,
:mod:`xborder.landed_cost.rules`, :mod:`xborder.customs.rules`):
:func:`unit_economics` for SKU × market rows, :func:`landed_cost` for a
catalogue of lines grouped into shipments (with :func:`to_tables`,
:func:`to_shipments`, :func:`to_results` and :func:`from_results` between
the tables and the scalar models). Throughout:

* money stays exact: Decimal (or integer) columns in, Arrow decimals out,
  never floats; a float column where money belongs is refused by name
  unless ``floats="shortest"`` reads each float as the decimal it prints;
* a row that cannot be computed (a bad cell, a market without rules) keeps
  its place with empty results, and :attr:`Result.errors` says why; with
  ``errors="raise"`` the first such row raises instead;
* the table comes back in the library it came in: polars (eager or lazy),
  pandas (NumPy- or Arrow-backed) or a pyarrow Table.

The calculators:

* :func:`read_report`: an export (Amazon search terms, Business Report,
  settlement, Shopify orders...) read into typed columns, as
  :func:`xborder.reports.read_records` reads it;
* :func:`unit_economics`: the pricing waterfall of every SKU × market row;
* :func:`summarize`, :func:`breakdown`, :func:`harvest` and
  :func:`bid_changes`: a search-term report's totals and KPIs, per group,
  the harvest decisions and the bid changes, equal to
  :mod:`xborder.kpi`'s on the same rows (:mod:`xborder.kpi.rules`).

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
from xborder.frames._convert import LINES, lines_of, results_of, table_of
from xborder.frames._dask import on_dask
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
from xborder.frames._report import ReportTable, read_report
from xborder.frames._search_terms import MATCH_TYPES

__all__ = [
    "BID_CHANGES",
    "ECONOMICS",
    "HARVEST",
    "KPIS",
    "KPI_PLACES",
    "LANDED",
    "LINES",
    "LINE_COLUMNS",
    "MARGIN_PLACES",
    "MATCH_TYPES",
    "PRICES",
    "SHIPMENT_COLUMNS",
    "SUMS",
    "BidResult",
    "LandedCostTables",
    "ReportTable",
    "Result",
    "bid_changes",
    "break_even_prices",
    "breakdown",
    "from_results",
    "harvest",
    "landed_cost",
    "lines_of",
    "on_dask",
    "read_report",
    "results_of",
    "summarize",
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
