r"""Real seller reports in: Amazon and Shopify exports as typed records.

Sellers export reports from Seller Central, the Ads console and Shopify and
read them with ``csv``, pandas or polars. Their headers and cells are
written for people: ``7 Day Total Sales `` with a trailing space,
``Sessions – Total`` with an en dash, ``1.234,56 €``, ``(1,234.50)``,
``0,97%``, ``Sep 4, 2026 1:05:07 AM PDT``. This package turns them into
records keyed by canonical names with exact values. It does no I/O: the
caller opens the file and passes its rows (any iterable of mappings).

* Headers: :func:`normalize_header`, :func:`match_headers` (the attribution
  window is a parameter of the headers, reported in :class:`HeaderMatch`),
  :func:`find_header` for files with a preamble.
* Cells: one number grammar described as data, :class:`NumberFormat`
  (presets :data:`EN_NUMBERS`, :data:`DE_NUMBERS`, :data:`FR_NUMBERS`,
  :data:`CH_NUMBERS`) and each kind's :class:`NumberRule`, decided per file
  by :func:`detect_number_format`; the whole grammar as data for other
  evaluators in :mod:`xborder.reports.rules`;
  :func:`parse_date`; :func:`parse_match_type`.
* Specs as data: :class:`ReportSpec` of :class:`Column` objects, with presets for
  the Sponsored Products search-term report, the Business Report, the
  settlement flat file V2, the Date Range report, the FBA fee preview and
  the Shopify orders export.
* Records out: :func:`read_records`, lazily; bridges to xborder's models:
  :func:`search_term_rows` (:class:`xborder.kpi.SearchTermRow`),
  :func:`read_shopify_orders` and :func:`customer_orders`
  (:class:`xborder.kpi.Order`), :func:`settlement_summary` and
  :func:`settlement_lines`, :func:`fba_fees_by_key`.

Examples:
    >>> import csv, io
    >>> from xborder.reports import search_term_rows
    >>> export = io.StringIO(
    ...     "Campaign Name,Targeting,Match Type,Customer Search Term,Impressions,"
    ...     "Clicks,Spend,7 Day Total Sales ,7 Day Total Orders (#)\n"
    ...     'PH Auto,close-match,-,car phone holder,"5,200",61,$42.70,$174.93,7\n')
    >>> [row] = search_term_rows(csv.DictReader(export), currency="USD")
    >>> row.search_term, row.impressions, str(row.spend)
    ('car phone holder', 5200, '42.70 USD')
"""

from xborder._guard import guard_public
from xborder.reports._amazon_ads import AMAZON_BUSINESS_REPORT, AMAZON_SEARCH_TERMS
from xborder.reports._amazon_payments import (
    AMAZON_DATE_RANGE,
    AMAZON_FBA_FEE_PREVIEW,
    AMAZON_SETTLEMENT_V2,
)
from xborder.reports._bridges import fba_fees_by_key, search_term_rows
from xborder.reports._dates import DATE_PATTERNS, parse_date
from xborder.reports._detect import detect_number_format
from xborder.reports._grammar import (
    CELL_LIMIT,
    CURRENCY_MARKS,
    DECIMAL_SEPARATORS,
    STRIP_CHARS,
    THOUSANDS_SEPARATORS,
    NumberRule,
)
from xborder.reports._headers import HeaderMatch, find_header, match_headers
from xborder.reports._match import AUTO_TARGETS, MATCH_TYPE_ALIASES, parse_match_type
from xborder.reports._numbers import (
    CH_NUMBERS,
    DE_NUMBERS,
    EN_NUMBERS,
    FR_NUMBERS,
    NUMBER_FORMATS,
    NumberFormat,
)
from xborder.reports._read import read_records
from xborder.reports._settlement import (
    SettlementSummary,
    settlement_lines,
    settlement_summary,
)
from xborder.reports._shopify import (
    ShopifyLine,
    ShopifyOrder,
    customer_orders,
    read_shopify_orders,
)
from xborder.reports._shopify_spec import SHOPIFY_ORDERS
from xborder.reports._spec import (
    WINDOW,
    Column,
    ColumnKind,
    ReportSpec,
    normalize_header,
)

__all__ = [
    "AMAZON_BUSINESS_REPORT",
    "AMAZON_DATE_RANGE",
    "AMAZON_FBA_FEE_PREVIEW",
    "AMAZON_SEARCH_TERMS",
    "AMAZON_SETTLEMENT_V2",
    "AUTO_TARGETS",
    "CELL_LIMIT",
    "CH_NUMBERS",
    "CURRENCY_MARKS",
    "DATE_PATTERNS",
    "DECIMAL_SEPARATORS",
    "DE_NUMBERS",
    "EN_NUMBERS",
    "FR_NUMBERS",
    "MATCH_TYPE_ALIASES",
    "NUMBER_FORMATS",
    "SHOPIFY_ORDERS",
    "STRIP_CHARS",
    "THOUSANDS_SEPARATORS",
    "WINDOW",
    "Column",
    "ColumnKind",
    "HeaderMatch",
    "NumberFormat",
    "NumberRule",
    "ReportSpec",
    "SettlementSummary",
    "ShopifyLine",
    "ShopifyOrder",
    "customer_orders",
    "detect_number_format",
    "fba_fees_by_key",
    "find_header",
    "match_headers",
    "normalize_header",
    "parse_date",
    "parse_match_type",
    "read_records",
    "read_shopify_orders",
    "search_term_rows",
    "settlement_lines",
    "settlement_summary",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
