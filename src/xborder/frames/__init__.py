"""xborder's calculators over whole tables: pandas, polars and pyarrow, exactly.

A seller's catalogue, orders and ad reports are tables. Each calculator here
takes a table and returns it with the results as new columns, equal row for
row, to the last digit, to the scalar calculator applied to each row,
because both evaluate the same rules (:mod:`xborder.pricing.rules`...):

* money stays exact: Decimal (or integer) columns in, Arrow decimals out,
  never floats; a float column where money belongs is refused by name
  unless ``floats="shortest"`` reads each float as the decimal it prints;
* a row that cannot be computed (a bad cell, a market without rules) keeps
  its place with empty results, and :attr:`Result.errors` says why; with
  ``errors="raise"`` the first such row raises instead;
* the table comes back in the library it came in: polars (eager or lazy),
  pandas (NumPy- or Arrow-backed) or a pyarrow Table.

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
from xborder.frames._prices import (
    PRICES,
    break_even_prices,
    target_margin_prices,
    target_markup_prices,
)
from xborder.frames._pricing import ECONOMICS, MARGIN_PLACES, Result, unit_economics
from xborder.frames._stock import STOCK, STOCK_PLACES, restock_plan

__all__ = [
    "ECONOMICS",
    "LINES",
    "LTV",
    "MARGIN_PLACES",
    "PRICES",
    "RATE_PLACES",
    "RETENTION",
    "RFM",
    "STOCK",
    "STOCK_PLACES",
    "SUMMARY",
    "Result",
    "break_even_prices",
    "cohort_ltv",
    "cohort_retention",
    "customer_summary",
    "frame_of",
    "lines_of",
    "ltv_table_of",
    "on_dask",
    "orders_of",
    "restock_plan",
    "results_of",
    "retention_table_of",
    "rfm",
    "rfm_table_of",
    "summary_of",
    "table_of",
    "target_margin_prices",
    "target_markup_prices",
    "unit_economics",
]

# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
