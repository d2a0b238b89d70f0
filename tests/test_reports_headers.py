"""Header matching against the header lists of real exports.

Every golden list here is copied from reports-and-fees.md (§1.1–1.6, §2;
compiled 2026 from public parsers, fixtures and a compatibility matrix that
records a real 2026 export); the section is cited at each list.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.kpi import AttributionWindow
from xborder.reports import (
    AMAZON_BUSINESS_REPORT,
    AMAZON_DATE_RANGE,
    AMAZON_FBA_FEE_PREVIEW,
    AMAZON_SEARCH_TERMS,
    AMAZON_SETTLEMENT_V2,
    SHOPIFY_ORDERS,
    Column,
    ReportSpec,
    find_header,
    match_headers,
    normalize_header,
)

# §1.1: "Headers from a real 2026 export" (Sponsored_Products_Search_term_report
# (2).xlsx, as recorded in a compatibility matrix), in order, trailing spaces kept.
SEARCH_TERMS_2026 = [
    "Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name",
    "Ad Group Name", "Retailer", "Country", "Targeting", "Match Type",
    "Customer Search Term", "Impressions", "Clicks", "Click-Thru Rate (CTR)",
    "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ",
    "Total Advertising Cost of Sales (ACOS) ",
    "Total Return on Advertising Spend (ROAS)", "7 Day Total Orders (#)",
    "7 Day Total Units (#)", "7 Day Conversion Rate",
    "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)",
    "7 Day Advertised SKU Sales ", "7 Day Other SKU Sales ",
]  # fmt: skip

# §1.1: the bulk-file "SP Search Term Report" sheet.
SEARCH_TERMS_BULK = [
    "Campaign ID", "Ad Group ID", "Keyword ID", "Product Targeting ID",
    "Campaign Name (Informational only)", "Ad Group Name (Informational only)",
    "Targeting (Informational only)", "Match Type (Informational only)",
    "Customer Search Term", "Product", "Impressions", "Clicks", "Spend",
    "14 Day Total Sales", "14 Day Total Orders (#)",
]  # fmt: skip

# §1.1: the DE fixture (semicolon-delimited) [unconfirmed against real downloads].
SEARCH_TERMS_DE = [
    "Datum",
    "Portfolioname",
    "Währung",
    "Kampagnenname",
    "Anzeigengruppenname",
    "Ausrichtung",
    "Übereinstimmungstyp",
    "Suchbegriff des Kunden",
    "Impressionen",
    "Klicks",
    "Klickrate (CTR)",
    "Kosten pro Klick (CPC)",
    "Ausgaben",
    "Gesamtumsatz in 7 Tagen",
    "Zugeordnete Umsatzkosten (ACOS) gesamt",
    "Gesamtzahl der Bestellungen in 7 Tagen (#)",
    "Gesamtzahl der Einheiten in 7 Tagen (#)",
]

# §1.1: CN and JP headers [unconfirmed]; Campaign/Match Type columns are not
# given in the reference, so the English ones stand in for them.
SEARCH_TERMS_CN = [
    "Campaign Name", "Match Type", "客户搜索词", "投放", "展示量", "点击量", "花费",
    "7天总销售额", "7天总订单数(#)",
]  # fmt: skip

# §1.3: current-style Business Report headers, identity columns first.
BUSINESS_CURRENT = [
    "(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions - Total",
    "Sessions - Total - B2B", "Session Percentage - Total",
    "Session Percentage - Total - B2B", "Page Views - Total",
    "Page Views - Total - B2B", "Page Views Percentage - Total",
    "Page Views Percentage - Total - B2B", "Featured Offer (Buy Box) Percentage",
    "Featured Offer (Buy Box) Percentage - B2B", "Unit Session Percentage",
    "Unit Session Percentage - B2B", "Ordered Product Sales",
    "Ordered Product Sales - B2B", "Total Order Items", "Total Order Items - B2B",
    "Units Ordered", "Units Ordered - B2B",
]  # fmt: skip
# §1.3: the older export, and the UK migration's en dash and lower case.
BUSINESS_OLDER = [
    "(Parent) ASIN", "(Child) ASIN", "Title", "Sessions", "Page Views",
    "Session Percentage", "Page Views Percentage", "Buy Box Percentage",
    "Unit Session Percentage", "Ordered Product Sales", "Units Ordered",
    "Total Order Items",
]  # fmt: skip
BUSINESS_UK = [
    "(Child) ASIN", "Sessions \u2013 Total", "Units ordered",
    "Featured Offer (Buy Box) percentage", "Ordered Product Sales",
]  # fmt: skip

# §1.4: the 24 columns of the settlement flat file V2, in order.
SETTLEMENT_V2 = [
    "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date",
    "total-amount", "currency", "transaction-type", "order-id", "merchant-order-id",
    "adjustment-id", "shipment-id", "marketplace-name", "amount-type",
    "amount-description", "amount", "fulfillment-id", "posted-date",
    "posted-date-time", "order-item-code", "merchant-order-item-id",
    "merchant-adjustment-item-id", "sku", "quantity-purchased", "promotion-id",
]  # fmt: skip

# §1.5: the Date Range report, US current (with the newer trailing columns).
DATE_RANGE_US = [
    "date/time", "settlement id", "type", "order id", "sku", "description",
    "quantity", "marketplace", "account type", "fulfillment", "order city",
    "order state", "order postal", "tax collection model", "product sales",
    "product sales tax", "shipping credits", "shipping credits tax",
    "gift wrap credits", "giftwrap credits tax", "Regulatory Fee",
    "Tax On Regulatory Fee", "promotional rebates", "promotional rebates tax",
    "marketplace withheld tax", "selling fees", "fba fees",
    "other transaction fees", "other", "total", "transaction status",
    "transaction release date",
]  # fmt: skip
# §1.5: the older US variant lacks account type and the regulatory fees; UK
# files write postage credits and fulfilment.
DATE_RANGE_OLDER = [
    h for h in DATE_RANGE_US[:30]
    if h not in {"account type", "Regulatory Fee", "Tax On Regulatory Fee"}
]  # fmt: skip
DATE_RANGE_UK = [
    {"shipping credits": "postage credits", "fulfillment": "fulfilment"}.get(h, h)
    for h in DATE_RANGE_OLDER
]

# §1.6: the 31 fields of the US 2026 FBA fee preview sample.
FBA_US_2026 = [
    "sku",
    "fnsku",
    "asin",
    "amazon-store",
    "product-name",
    "product-group",
    "brand",
    "fulfilled-by",
    "your-price",
    "sales-price",
    "longest-side",
    "median-side",
    "shortest-side",
    "length-and-girth",
    "unit-of-dimension",
    "item-package-weight",
    "unit-of-weight",
    "product-size-tier",
    "currency",
    "estimated-fee-total",
    "estimated-referral-fee-per-unit",
    "estimated-variable-closing-fee",
    "estimated-order-handling-fee-per-order",
    "estimated-pick-pack-fee-per-unit",
    "estimated-weight-handling-fee-per-unit",
    "expected-fulfillment-fee-per-unit",
    "estimated-future-fee (Current Selling on Amazon + Future Fulfillment fees)",
    "estimated-future-order-handling-fee-per-order",
    "estimated-future-pick-pack-fee-per-unit",
    "estimated-future-weight-handling-fee-per-unit",
    "expected-future-fulfillment-fee-per-unit",
]

# §2: the 72 Shopify columns (trollspank/shopify2woo docs/shopify_columns.txt,
# commit 4342de62), then the newer ones.
SHOPIFY_72 = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Tax 1 Name",
    "Tax 1 Value",
    "Tax 2 Name",
    "Tax 2 Value",
    "Tax 3 Name",
    "Tax 3 Value",
    "Tax 4 Name",
    "Tax 4 Value",
    "Tax 5 Name",
    "Tax 5 Value",
    "Phone",
    "Receipt Number",
]
SHOPIFY_NEWER = [
    *SHOPIFY_72,
    "Duties",
    "Billing Province Name",
    "Shipping Province Name",
]

GOLDEN = [
    (AMAZON_SEARCH_TERMS, SEARCH_TERMS_2026, 7),
    (AMAZON_SEARCH_TERMS, SEARCH_TERMS_BULK, 14),
    (AMAZON_SEARCH_TERMS, SEARCH_TERMS_DE, 7),
    (AMAZON_SEARCH_TERMS, SEARCH_TERMS_CN, 7),
    (AMAZON_BUSINESS_REPORT, BUSINESS_CURRENT, None),
    (AMAZON_BUSINESS_REPORT, BUSINESS_OLDER, None),
    (AMAZON_BUSINESS_REPORT, BUSINESS_UK, None),
    (AMAZON_SETTLEMENT_V2, SETTLEMENT_V2, None),
    (AMAZON_DATE_RANGE, DATE_RANGE_US, None),
    (AMAZON_DATE_RANGE, DATE_RANGE_OLDER, None),
    (AMAZON_DATE_RANGE, DATE_RANGE_UK, None),
    (AMAZON_FBA_FEE_PREVIEW, FBA_US_2026, None),
    (SHOPIFY_ORDERS, SHOPIFY_72, None),
    (SHOPIFY_ORDERS, SHOPIFY_NEWER, None),
]


@pytest.mark.parametrize(("spec", "headers", "days"), GOLDEN)
def test_every_header_of_a_real_export_finds_its_column(
    spec: ReportSpec, headers: list[str], days: int | None
) -> None:
    found = match_headers(headers, spec)
    assert found.unused == ()  # every header is a known column
    assert len(found.columns) == len(headers)
    assert found.click_days == days
    for name, header in found.columns:
        assert found.header(name) == header


def test_the_search_term_report_names_what_kpi_reads() -> None:
    found = match_headers(SEARCH_TERMS_2026, AMAZON_SEARCH_TERMS)
    assert found.header("sales") == "7 Day Total Sales "
    assert found.header("search_term") == "Customer Search Term"
    assert found.attribution == AttributionWindow(click_days=7)
    required = [c.name for c in AMAZON_SEARCH_TERMS.columns if c.required]
    assert required == [
        "campaign", "targeting", "match_type", "search_term", "impressions",
        "clicks", "spend", "orders", "sales",
    ]  # fmt: skip


def test_the_counts_of_the_reference_lists() -> None:
    assert len(SETTLEMENT_V2) == len(AMAZON_SETTLEMENT_V2.columns) == 24
    assert len(FBA_US_2026) == len(AMAZON_FBA_FEE_PREVIEW.columns) == 31
    assert len(SHOPIFY_72) == 72


def test_business_report_variants_land_on_the_same_columns() -> None:
    current = dict(match_headers(BUSINESS_CURRENT, AMAZON_BUSINESS_REPORT).columns)
    older = dict(match_headers(BUSINESS_OLDER, AMAZON_BUSINESS_REPORT).columns)
    uk = dict(match_headers(BUSINESS_UK, AMAZON_BUSINESS_REPORT).columns)
    assert current["sessions"] == "Sessions - Total"
    assert older["sessions"] == "Sessions"
    assert uk["sessions"] == "Sessions \u2013 Total"
    assert older["buy_box_percentage"] == "Buy Box Percentage"
    assert uk["units_ordered"] == "Units ordered"


@pytest.mark.parametrize(
    ("header", "normal"),
    [
        ("\ufeffsettlement-id", "settlement-id"),
        ("7 Day Total Sales ", "7 day total sales"),
        ("  Click-Thru   Rate\u00a0(CTR) ", "click-thru rate (ctr)"),
        ("Sessions \u2014 Total", "sessions - total"),
        ("Sessions \u2013 Total \u2013 B2B", "sessions - total - b2b"),
        ("Match Type (Informational only)", "match type"),
        ("7天总订单数（#）", "7天总订单数(#)"),
        ("WÄHRUNG", "währung"),
    ],
)
def test_normalize_header(header: str, normal: str) -> None:
    assert normalize_header(header) == normal


_DASHES = ("-", "\u2013", "\u2014")
_SPACES = (" ", "  ", "\u00a0", "\t")


@st.composite
def _written(draw: st.DrawFn, header: str) -> str:
    """The header as an export might write it: case, spaces and dashes vary."""
    out = []
    for char in header:
        if char == " ":
            out.append(draw(st.sampled_from(_SPACES)))
        elif char == "-" and header.count(" - "):
            out.append(draw(st.sampled_from(_DASHES)))
        else:
            out.append(draw(st.sampled_from([char.lower(), char.upper()])))
    before = draw(st.sampled_from(["", " ", "\u00a0"]))
    after = draw(st.sampled_from(["", " ", "  ", "\u00a0"]))
    return before + "".join(out) + after


@given(st.sampled_from(GOLDEN).flatmap(
    lambda g: st.tuples(
        st.just(g[0]), st.tuples(*(_written(h) for h in g[1])), st.booleans()
    )
))  # fmt: skip
def test_headers_in_any_case_spacing_or_dash_still_match(
    case: tuple[ReportSpec, tuple[str, ...], bool],
) -> None:
    spec, headers, bom = case
    written = list(headers)
    if bom:
        written[0] = "\ufeff" + written[0]
    found = match_headers(written, spec)
    assert found.unused == ()
    assert len(found.columns) == len(written)


def test_a_missing_column_shows_the_closest_header() -> None:
    headers = [h for h in SEARCH_TERMS_2026 if "Total Sales" not in h]
    headers.append("7 Day Totl Sales")
    with pytest.raises(InvalidInputError) as caught:
        match_headers(headers, AMAZON_SEARCH_TERMS)
    assert caught.value.field == "headers"
    assert caught.value.value == "7 Day Totl Sales"
    assert "'sales'" in str(caught.value)
    with pytest.raises(InvalidInputError, match="no header comes close"):
        match_headers(["x", "y"], AMAZON_SEARCH_TERMS)


def test_a_file_mixing_windows_is_refused_unless_one_is_picked() -> None:
    mixed = [*SEARCH_TERMS_2026, "14 Day Total Sales", "14 Day Total Orders (#)"]
    with pytest.raises(InvalidInputError, match="one attribution window"):
        match_headers(mixed, AMAZON_SEARCH_TERMS)
    crossed = [
        h.replace("7 Day Total Orders", "14 Day Total Orders")
        for h in SEARCH_TERMS_2026
    ]
    with pytest.raises(InvalidInputError, match="one attribution window"):
        match_headers(crossed, AMAZON_SEARCH_TERMS)
    found = match_headers(mixed, AMAZON_SEARCH_TERMS, click_days=14)
    assert found.header("sales") == "14 Day Total Sales"
    assert found.click_days == 14
    with pytest.raises(InvalidInputError) as caught:
        match_headers(mixed, AMAZON_SEARCH_TERMS, click_days=0)
    assert caught.value.field == "click_days"


def test_a_header_twice_or_for_two_columns_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        match_headers([*SEARCH_TERMS_2026, "spend"], AMAZON_SEARCH_TERMS)
    assert caught.value.field == f"headers[{len(SEARCH_TERMS_2026)}]"
    spec = ReportSpec(
        name="overlap",
        columns=(
            Column(name="a", kind="text", aliases=("{days} day x",)),
            Column(name="b", kind="text", aliases=("7 day x",)),
        ),
    )
    with pytest.raises(InvalidInputError, match="one column's header"):
        match_headers(["7 Day X"], spec)


def test_bad_headers_are_type_errors() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        match_headers(["Spend", 3], AMAZON_SEARCH_TERMS)  # type: ignore[list-item]
    assert caught.value.field == "headers[1]"
    with pytest.raises(InvalidTypeError):
        match_headers("Spend", AMAZON_SEARCH_TERMS)
    with pytest.raises(InvalidTypeError):
        match_headers(["Spend"], "search terms")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        normalize_header("x" * 1001)


# §1.5: the fixture's preamble lines before the header.
PREAMBLE = [
    [("Includes Amazon Marketplace, Fulfillment by Amazon (FBA), "
      "and Amazon Webstore transactions")],
    ["All amounts in USD, unless specified"],
    ["Definitions:"],
    [("Sales tax collected: Includes sales tax collected from buyers for product "
      "sales, shipping, and gift wrap.")],
    [],
]  # fmt: skip


def test_find_header_skips_the_preamble() -> None:
    rows = [*PREAMBLE, DATE_RANGE_US, ["Sep 4, 2026 1:05:07 AM PDT"]]
    assert find_header(rows, AMAZON_DATE_RANGE) == len(PREAMBLE)
    assert find_header([DATE_RANGE_UK], AMAZON_DATE_RANGE) == 0
    assert find_header([["x" * 5000], SETTLEMENT_V2], AMAZON_SETTLEMENT_V2) == 1


def test_find_header_says_what_the_best_row_lacks() -> None:
    rows = [*PREAMBLE, ["date/time", "type"]]
    with pytest.raises(InvalidInputError, match="lacks total") as caught:
        find_header(rows, AMAZON_DATE_RANGE)
    assert caught.value.field == "rows"
    with pytest.raises(InvalidInputError, match="within the first 2 rows"):
        find_header([*PREAMBLE, DATE_RANGE_US], AMAZON_DATE_RANGE, limit=2)
    with pytest.raises(InvalidTypeError) as type_error:
        find_header([["x"], "date/time,type,total"], AMAZON_DATE_RANGE)
    assert type_error.value.field == "rows[1]"
    with pytest.raises(InvalidInputError) as limit_error:
        find_header([DATE_RANGE_US], AMAZON_DATE_RANGE, limit=0)
    assert limit_error.value.field == "limit"


def test_spec_extension_and_its_checks() -> None:
    extended = AMAZON_BUSINESS_REPORT.with_aliases({"sessions": "Sitzungen - Summe"})
    found = match_headers(["(Child) ASIN", "Sitzungen – Summe", "Units Ordered",
                           "Ordered Product Sales"], extended)  # fmt: skip
    assert found.header("sessions") == "Sitzungen – Summe"
    with pytest.raises(InvalidInputError) as caught:
        AMAZON_BUSINESS_REPORT.with_aliases({"sessions": "Units Ordered"})
    assert caught.value.field == "columns[20].aliases"  # units_ordered's own header
    assert caught.value.value == "units ordered"
    with pytest.raises(InvalidInputError):
        AMAZON_BUSINESS_REPORT.with_aliases({"visits": "Visits"})
    with pytest.raises(InvalidInputError) as duplicate:
        AMAZON_BUSINESS_REPORT.with_columns(Column(name="sku", kind="text"))
    assert (
        duplicate.value.field == f"columns[{len(AMAZON_BUSINESS_REPORT.columns)}].name"
    )


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"name": "Sales", "kind": "amount"}, "name"),
        ({"name": "sales", "kind": "money"}, "kind"),
        ({"name": "sales", "kind": "amount", "aliases": "Sales"}, "aliases"),
        ({"name": "sales", "kind": "amount", "aliases": ("  ",)}, "aliases[0]"),
        (
            {"name": "sales", "kind": "amount", "aliases": ("{days}{days}",)},
            "aliases[0]",
        ),
        ({"name": "sales", "kind": "amount", "needs_header": False}, "needs_header"),
        ({"name": "sales", "kind": "amount", "required": "yes"}, "required"),
    ],
)
def test_a_bad_column_names_its_field(options: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Column(**options)  # type: ignore[arg-type]
    assert caught.value.field == field
