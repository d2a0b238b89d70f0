"""Amazon payments and fee report specs (private; see xborder.reports).

Header lists from reports-and-fees.md §1.4–1.6 (compiled 2026).
"""

from __future__ import annotations

from typing import Final

from xborder.reports._amazon_ads import AMOUNT, CODE, COUNT, DATE, TEXT, column
from xborder.reports._spec import ReportSpec

__all__ = ["AMAZON_DATE_RANGE", "AMAZON_FBA_FEE_PREVIEW", "AMAZON_SETTLEMENT_V2"]

AMAZON_SETTLEMENT_V2: Final = ReportSpec(
    name="Amazon settlement report, flat file V2",
    source=(
        "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE: 24 tab-separated columns, "
        "the same order in several independent parsers and tests "
        "(reports-and-fees.md §1.4, compiled 2026)"
    ),
    delimiter="\t",
    columns=(
        column("settlement_id", CODE, "settlement-id", required=True),
        column("settlement_start_date", DATE, "settlement-start-date"),
        column("settlement_end_date", DATE, "settlement-end-date"),
        column("deposit_date", DATE, "deposit-date"),
        column("total_amount", AMOUNT, "total-amount"),
        column("currency", TEXT, "currency"),
        column("transaction_type", TEXT, "transaction-type"),
        column("order_id", CODE, "order-id"),
        column("merchant_order_id", CODE, "merchant-order-id"),
        column("adjustment_id", CODE, "adjustment-id"),
        column("shipment_id", CODE, "shipment-id"),
        column("marketplace_name", TEXT, "marketplace-name"),
        column("amount_type", TEXT, "amount-type"),
        column("amount_description", TEXT, "amount-description"),
        column("amount", AMOUNT, "amount"),
        column("fulfillment_id", CODE, "fulfillment-id"),
        column("posted_date", DATE, "posted-date"),
        column("posted_date_time", DATE, "posted-date-time"),
        column("order_item_code", CODE, "order-item-code"),
        column("merchant_order_item_id", CODE, "merchant-order-item-id"),
        column("merchant_adjustment_item_id", CODE, "merchant-adjustment-item-id"),
        column("sku", CODE, "sku"),
        column("quantity_purchased", COUNT, "quantity-purchased"),
        column("promotion_id", CODE, "promotion-id"),
    ),
)
"""The settlement report, flat file V2 (tab-separated, 24 columns).

The first row after the header is a summary (settlement id, dates, total,
currency; the rest blank): read it with :func:`settlement_summary`, then the
lines with :func:`settlement_lines`, which forward-fills the summary's id,
dates and currency. Amounts are signed as written (fees negative).
Dates such as ``2026-03-06 08:52:26 UTC`` and EU ``06.03.2026`` are read;
``(1,234.50)`` is a negative. Source: reports-and-fees.md §1.4 (code-index
hits, compiled 2026). Never default a missing currency (one EU importer
assumes EUR): it comes from the summary row.
"""

_SHIPPING_CREDITS = ("shipping credits", "postage credits")

AMAZON_DATE_RANGE: Final = ReportSpec(
    name="Amazon Date Range report (transaction view)",
    source=(
        "Payments → Reports Repository, Date Range / transaction view CSV; US "
        "current header consistent across at least three repos, the older US "
        "variant (Maxwarehouse19/ShippingByMarket, Clases/PedidoAmazon.cs) and "
        "UK wording (reports-and-fees.md §1.5, compiled 2026)"
    ),
    columns=(
        column("date_time", DATE, "date/time", required=True),
        column("settlement_id", CODE, "settlement id"),
        column("type", TEXT, "type", "tipo", required=True),
        column("order_id", CODE, "order id"),
        column("sku", CODE, "sku"),
        column("description", TEXT, "description"),
        column("quantity", COUNT, "quantity"),
        column("marketplace", TEXT, "marketplace"),
        column("account_type", TEXT, "account type"),
        column("fulfillment", TEXT, "fulfillment", "fulfilment"),
        column("order_city", TEXT, "order city"),
        column("order_state", TEXT, "order state"),
        column("order_postal", CODE, "order postal"),
        column("tax_collection_model", TEXT, "tax collection model"),
        column("product_sales", AMOUNT, "product sales", "ventas de productos"),
        column("product_sales_tax", AMOUNT, "product sales tax"),
        column("shipping_credits", AMOUNT, *_SHIPPING_CREDITS),
        column(
            "shipping_credits_tax", AMOUNT, "shipping credits tax",
            "postage credits tax",
        ),
        column("gift_wrap_credits", AMOUNT, "gift wrap credits"),
        column(
            "gift_wrap_credits_tax", AMOUNT, "giftwrap credits tax",
            "gift wrap credits tax",
        ),
        column("regulatory_fee", AMOUNT, "Regulatory Fee"),
        column("tax_on_regulatory_fee", AMOUNT, "Tax On Regulatory Fee"),
        column("promotional_rebates", AMOUNT, "promotional rebates"),
        column("promotional_rebates_tax", AMOUNT, "promotional rebates tax"),
        column("marketplace_withheld_tax", AMOUNT, "marketplace withheld tax"),
        column(
            "selling_fees", AMOUNT, "selling fees", "tarifas de venta",
            "verkaufsgebühren", "frais de vente", "手数料",
        ),
        column("fba_fees", AMOUNT, "fba fees", "gebühren zu versand durch amazon"),
        column("other_transaction_fees", AMOUNT, "other transaction fees"),
        column("other", AMOUNT, "other"),
        column("total", AMOUNT, "total", required=True),
        column("transaction_status", TEXT, "transaction status"),
        column("transaction_release_date", DATE, "transaction release date"),
    ),
)  # fmt: skip
"""The Date Range report ("transaction view") of Payments → Reports Repository.

The file opens with preamble lines (``"All amounts in USD, unless
specified"``...): find the header with :func:`find_header`. Columns are
matched by name, not position: the older US file lacks ``account type`` and
the regulatory-fee columns, newer ones add ``transaction status`` and
``transaction release date``, and UK files write ``postage credits`` and
``fulfilment``. Signs are as in the file (fees negative on orders, sales
negative on refunds); dates like ``Sep 4, 2026 1:05:07 AM PDT``.

Source: reports-and-fees.md §1.5 (compiled 2026). **Unconfirmed**: the
``postage credits tax`` twin of the UK wording, and the localised aliases
from one importer (ES ``tipo``, ``ventas de productos``, ``tarifas de
venta``; DE ``verkaufsgebühren``, ``gebühren zu versand durch amazon``; FR
``frais de vente``; JP ``手数料``).
"""

_FBA_FIELDS = (
    ("sku", CODE), ("fnsku", CODE), ("asin", CODE), ("amazon-store", TEXT),
    ("product-name", TEXT), ("product-group", TEXT), ("brand", TEXT),
    ("fulfilled-by", TEXT), ("your-price", AMOUNT), ("sales-price", AMOUNT),
    ("longest-side", AMOUNT), ("median-side", AMOUNT), ("shortest-side", AMOUNT),
    ("length-and-girth", AMOUNT), ("unit-of-dimension", TEXT),
    ("item-package-weight", AMOUNT), ("unit-of-weight", TEXT),
    ("product-size-tier", TEXT), ("currency", TEXT), ("estimated-fee-total", AMOUNT),
    ("estimated-referral-fee-per-unit", AMOUNT),
    ("estimated-variable-closing-fee", AMOUNT),
    ("estimated-order-handling-fee-per-order", AMOUNT),
    ("estimated-pick-pack-fee-per-unit", AMOUNT),
    ("estimated-weight-handling-fee-per-unit", AMOUNT),
    ("expected-fulfillment-fee-per-unit", AMOUNT),
    ("estimated-future-order-handling-fee-per-order", AMOUNT),
    ("estimated-future-pick-pack-fee-per-unit", AMOUNT),
    ("estimated-future-weight-handling-fee-per-unit", AMOUNT),
    ("expected-future-fulfillment-fee-per-unit", AMOUNT),
)  # fmt: skip
_FBA_REQUIRED = frozenset({"sku", "amazon-store"})

AMAZON_FBA_FEE_PREVIEW: Final = ReportSpec(
    name="Amazon FBA fee preview (GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA)",
    source=(
        "US 2026 sample, 31 tab-separated fields, cp1252-encoded "
        "(reports-and-fees.md §1.6, compiled 2026)"
    ),
    delimiter="\t",
    columns=(
        *(
            column(name.replace("-", "_"), kind, name, required=name in _FBA_REQUIRED)
            for name, kind in _FBA_FIELDS[:26]
        ),
        column(
            "estimated_future_fee", AMOUNT,
            "estimated-future-fee (Current Selling on Amazon"
            " + Future Fulfillment fees)",
        ),
        *(
            column(name.replace("-", "_"), kind, name)
            for name, kind in _FBA_FIELDS[26:]
        ),
    ),
)  # fmt: skip
"""The FBA fee preview: Amazon's estimate of each SKU's fees, per store.

31 tab-separated fields in the US 2026 sample (cp1252; the caller decodes).
``amazon-store`` can hold ``US`` and ``CA`` in one file, so rows are keyed
on (sku, amazon-store): :func:`fba_fees_by_key`. Fees Amazon cannot
estimate are written ``--`` (missing). Only ``sku`` and ``amazon-store`` are
required, since older regional files have other field sets (UK 29, EUR 28,
US 25, CA 22 in an MWS-era parser; the UK adds
``expected-domestic-fulfilment-fee-per-unit`` and EFN fees: add them with
:meth:`ReportSpec.with_columns`). Source: reports-and-fees.md §1.6
(compiled 2026).
"""
