"""Amazon advertising and Business Report specs (private; see xborder.reports).

Header lists from reports-and-fees.md §1.1 and §1.3 (compiled 2026 from
public parsers, fixtures and a compatibility matrix recording a real 2026
export); each alias's evidence is in the preset's docstring.
"""

from __future__ import annotations

from typing import Final

from xborder.reports._spec import Column, ColumnKind, ReportSpec

__all__ = ["AMAZON_BUSINESS_REPORT", "AMAZON_SEARCH_TERMS"]

TEXT, CODE, COUNT = ColumnKind.TEXT, ColumnKind.CODE, ColumnKind.COUNT
AMOUNT, PERCENT, DATE = ColumnKind.AMOUNT, ColumnKind.PERCENT, ColumnKind.DATE


def column(
    name: str, kind: ColumnKind, *aliases: str, required: bool = False
) -> Column:
    """A column in one line (the presets are long lists)."""
    return Column(name=name, kind=kind, aliases=aliases, required=required)


AMAZON_SEARCH_TERMS: Final = ReportSpec(
    name="Amazon Sponsored Products search-term report",
    source=(
        "Ads console download, headers as recorded from a real 2026 export "
        "(Sponsored_Products_Search_term_report.xlsx) in a public compatibility "
        "matrix; bulk-sheet, 14-day and DE/CN/JP variants from public parsers "
        "and test fixtures (reports-and-fees.md §1.1, compiled 2026)"
    ),
    columns=(
        column("campaign", TEXT, "Campaign Name", "Kampagnenname", required=True),
        column("ad_group", TEXT, "Ad Group Name", "Anzeigengruppenname"),
        column("targeting", TEXT, "Targeting", "Ausrichtung", "投放", required=True),
        column(
            "match_type", ColumnKind.MATCH_TYPE, "Match Type", "Übereinstimmungstyp",
            required=True,
        ),
        column(
            "search_term", TEXT, "Customer Search Term", "Suchbegriff des Kunden",
            "客户搜索词", "カスタマーの検索キーワード", "カスタマーの検索用語",
            required=True,
        ),
        column(
            "impressions", COUNT, "Impressions", "Impressionen", "展示量",
            required=True,
        ),
        column("clicks", COUNT, "Clicks", "Klicks", "点击量", required=True),
        column("spend", AMOUNT, "Spend", "Ausgaben", "花费", required=True),
        column(
            "orders", COUNT, "{days} Day Total Orders (#)",
            "Gesamtzahl der Bestellungen in {days} Tagen (#)", "{days}天总订单数(#)",
            required=True,
        ),
        column(
            "sales", AMOUNT, "{days} Day Total Sales", "Gesamtumsatz in {days} Tagen",
            "{days}天总销售额", "{days}日間の総売上高",
            required=True,
        ),
        column("start_date", DATE, "Start Date"),
        column("end_date", DATE, "End Date"),
        column("date", DATE, "Date", "Datum"),
        column("portfolio", TEXT, "Portfolio name", "Portfolioname"),
        column("currency", TEXT, "Currency", "Währung"),
        column("retailer", TEXT, "Retailer"),
        column("country", TEXT, "Country"),
        column("campaign_id", CODE, "Campaign ID"),
        column("ad_group_id", CODE, "Ad Group ID"),
        column("keyword_id", CODE, "Keyword ID"),
        column("product_targeting_id", CODE, "Product Targeting ID"),
        column("product", TEXT, "Product"),
        column("ctr", PERCENT, "Click-Thru Rate (CTR)", "Klickrate (CTR)"),
        column("cpc", AMOUNT, "Cost Per Click (CPC)", "Kosten pro Klick (CPC)"),
        column(
            "acos", PERCENT, "Total Advertising Cost of Sales (ACOS)",
            "Zugeordnete Umsatzkosten (ACOS) gesamt",
        ),
        column("roas", AMOUNT, "Total Return on Advertising Spend (ROAS)"),
        column(
            "units", COUNT, "{days} Day Total Units (#)",
            "Gesamtzahl der Einheiten in {days} Tagen (#)",
        ),
        column("conversion_rate", PERCENT, "{days} Day Conversion Rate"),
        column("advertised_sku_units", COUNT, "{days} Day Advertised SKU Units (#)"),
        column("other_sku_units", COUNT, "{days} Day Other SKU Units (#)"),
        column("advertised_sku_sales", AMOUNT, "{days} Day Advertised SKU Sales"),
        column("other_sku_sales", AMOUNT, "{days} Day Other SKU Sales"),
    ),
)  # fmt: skip
"""The Sponsored Products search-term report, as the Ads console writes it.

The required columns are exactly what :func:`xborder.kpi.rows_from_records`
reads (``campaign``, ``targeting``, ``match_type``, ``search_term``,
``impressions``, ``clicks``, ``spend``, ``orders``, ``sales``; ``ad_group``
optional); the rest are optional extras (dates, portfolio, currency, ids,
the console's own ratios, units).

Sources (reports-and-fees.md §1.1, compiled 2026):

* English headers from a real 2026 export recorded in a public
  compatibility matrix (a code-index hit): ``Start Date`` … ``7 Day Other
  SKU Sales``. Several exports end headers with a space
  (``7 Day Total Sales ``); :func:`normalize_header` absorbs it.
* The window is a parameter: ``{days} Day Total Sales`` matches the 7- and
  14-day files alike, and :attr:`HeaderMatch.click_days` says which.
* Bulk-file sheet headers carry ``(Informational only)``, which
  normalisation drops, plus ``Campaign ID``, ``Ad Group ID``, ``Keyword
  ID``, ``Product Targeting ID`` and ``Product``.
* **Unconfirmed** (from test fixtures, not real downloads): the DE headers
  (``Kampagnenname``, ``Suchbegriff des Kunden``, ``Gesamtumsatz in 7
  Tagen``...; the file is ``;``-delimited with de numbers), the CN headers
  (``客户搜索词``, ``投放``, ``展示量``, ``点击量``, ``花费``, ``7天总销售额``,
  ``7天总订单数(#)``) and the JP ones (``カスタマーの検索キーワード``,
  ``カスタマーの検索用語``, ``7日間の総売上高``).

Match types: see :data:`MATCH_TYPE_ALIASES`.
"""

AMAZON_BUSINESS_REPORT: Final = ReportSpec(
    name="Amazon Business Report: Detail Page Sales and Traffic By Child Item",
    source=(
        "Seller Central Business Reports; current, older and UK header "
        "variants from public scripts and models (reports-and-fees.md §1.3, "
        "compiled 2026)"
    ),
    columns=(
        column("parent_asin", CODE, "(Parent) ASIN"),
        column("child_asin", CODE, "(Child) ASIN", required=True),
        column("title", TEXT, "Title"),
        column("sku", CODE, "SKU"),
        column("sessions", COUNT, "Sessions - Total", "Sessions", required=True),
        column("sessions_b2b", COUNT, "Sessions - Total - B2B"),
        column(
            "session_percentage", PERCENT, "Session Percentage - Total",
            "Session Percentage",
        ),
        column("session_percentage_b2b", PERCENT, "Session Percentage - Total - B2B"),
        column("page_views", COUNT, "Page Views - Total", "Page Views"),
        column("page_views_b2b", COUNT, "Page Views - Total - B2B"),
        column(
            "page_views_percentage", PERCENT, "Page Views Percentage - Total",
            "Page Views Percentage",
        ),
        column(
            "page_views_percentage_b2b", PERCENT, "Page Views Percentage - Total - B2B"
        ),
        column(
            "buy_box_percentage", PERCENT, "Featured Offer (Buy Box) Percentage",
            "Buy Box Percentage", "Featured Offer Percentage",
        ),
        column(
            "buy_box_percentage_b2b", PERCENT,
            "Featured Offer (Buy Box) Percentage - B2B",
        ),
        column("unit_session_percentage", PERCENT, "Unit Session Percentage"),
        column("unit_session_percentage_b2b", PERCENT, "Unit Session Percentage - B2B"),
        column("ordered_product_sales", AMOUNT, "Ordered Product Sales", required=True),
        column("ordered_product_sales_b2b", AMOUNT, "Ordered Product Sales - B2B"),
        column("total_order_items", COUNT, "Total Order Items"),
        column("total_order_items_b2b", COUNT, "Total Order Items - B2B"),
        column("units_ordered", COUNT, "Units Ordered", required=True),
        column("units_ordered_b2b", COUNT, "Units Ordered - B2B"),
    ),
)  # fmt: skip
"""The Business Report "Detail Page Sales and Traffic By Child Item".

Sources (reports-and-fees.md §1.3, compiled 2026; all code-index hits):

* Current headers ``Sessions - Total``, ``Page Views - Total``,
  ``Featured Offer (Buy Box) Percentage``, ``Unit Session Percentage``,
  ``Ordered Product Sales``, ``Total Order Items``, ``Units Ordered``, each
  with an optional ``- B2B`` twin; identity ``(Parent) ASIN``,
  ``(Child) ASIN``, ``Title`` (and ``SKU``).
* Older exports: ``Sessions``, ``Page Views``, ``Session Percentage``,
  ``Page Views Percentage``, ``Buy Box Percentage``.
* A UK migration writes ``Sessions – Total`` (en dash) and
  ``Featured Offer (Buy Box) percentage``; another ``Featured Offer
  Percentage``. Normalisation folds dashes and case. Amounts may carry
  ``£``; percents come as ``12.34%``.
* FR aliases seen in one importer (``vues de page``, ``unités commandées``)
  are **unconfirmed** and left out: add them with
  :meth:`ReportSpec.with_aliases`.
"""
