"""The Shopify orders export spec (private; see :mod:`xborder.reports`)."""

from __future__ import annotations

from typing import Final

from xborder.reports._amazon_ads import AMOUNT, CODE, COUNT, DATE, TEXT
from xborder.reports._spec import Column, ColumnKind, ReportSpec

__all__ = ["SHOPIFY_ORDERS"]

_FIELDS: tuple[tuple[str, ColumnKind], ...] = (
    ("Name", TEXT), ("Email", TEXT), ("Financial Status", TEXT), ("Paid at", DATE),
    ("Fulfillment Status", TEXT), ("Fulfilled at", DATE), ("Accepts Marketing", TEXT),
    ("Currency", TEXT), ("Subtotal", AMOUNT), ("Shipping", AMOUNT), ("Taxes", AMOUNT),
    ("Total", AMOUNT), ("Discount Code", TEXT), ("Discount Amount", AMOUNT),
    ("Shipping Method", TEXT), ("Created at", DATE), ("Lineitem quantity", COUNT),
    ("Lineitem name", TEXT), ("Lineitem price", AMOUNT),
    ("Lineitem compare at price", AMOUNT), ("Lineitem sku", CODE),
    ("Lineitem requires shipping", TEXT), ("Lineitem taxable", TEXT),
    ("Lineitem fulfillment status", TEXT), ("Billing Name", TEXT),
    ("Billing Street", TEXT), ("Billing Address1", TEXT), ("Billing Address2", TEXT),
    ("Billing Company", TEXT), ("Billing City", TEXT), ("Billing Zip", CODE),
    ("Billing Province", TEXT), ("Billing Country", TEXT), ("Billing Phone", CODE),
    ("Shipping Name", TEXT), ("Shipping Street", TEXT), ("Shipping Address1", TEXT),
    ("Shipping Address2", TEXT), ("Shipping Company", TEXT), ("Shipping City", TEXT),
    ("Shipping Zip", CODE), ("Shipping Province", TEXT), ("Shipping Country", TEXT),
    ("Shipping Phone", CODE), ("Notes", TEXT), ("Note Attributes", TEXT),
    ("Cancelled at", DATE), ("Payment Method", TEXT), ("Payment Reference", CODE),
    ("Refunded Amount", AMOUNT), ("Vendor", TEXT), ("Outstanding Balance", AMOUNT),
    ("Employee", TEXT), ("Location", TEXT), ("Device ID", CODE), ("Id", CODE),
    ("Tags", TEXT), ("Risk Level", TEXT), ("Source", TEXT),
    ("Lineitem discount", AMOUNT),
    *(
        (f"Tax {n} {part}", TEXT if part == "Name" else AMOUNT)
        for n in range(1, 6)
        for part in ("Name", "Value")
    ),
    ("Phone", CODE), ("Receipt Number", CODE),
    # Newer exports (reports-and-fees.md §2: one 2025 fixture).
    ("Duties", AMOUNT), ("Billing Province Name", TEXT),
    ("Shipping Province Name", TEXT),
)  # fmt: skip
_EVERY_ROW = frozenset({"Name", "Lineitem quantity", "Lineitem name", "Lineitem price"})
_FIRST_ROW = frozenset({"Currency", "Total", "Created at"})


def _column(header: str, kind: ColumnKind) -> Column:
    return Column(
        name=header.casefold().replace(" ", "_"),
        kind=kind,
        aliases=(header,),
        required=header in _EVERY_ROW,
        needs_header=header in _EVERY_ROW | _FIRST_ROW,
    )


SHOPIFY_ORDERS: Final = ReportSpec(
    name="Shopify orders export",
    source=(
        "Shopify admin → Orders → Export, 72 columns (trollspank/shopify2woo, "
        "docs/shopify_columns.txt, commit 4342de62), plus Duties and the "
        "province-name columns of newer exports; layout per "
        "docs.xbp.app/docs/development/integrations/shopify/order-format "
        "(reports-and-fees.md §2, compiled 2026)"
    ),
    columns=tuple(_column(header, kind) for header, kind in _FIELDS),
)
"""The Shopify orders export: one row per line item.

Canonical names are the headers in snake_case (``Lineitem price`` is
``lineitem_price``). Order-level fields (Financial Status, Paid at,
Subtotal, Shipping, Taxes, Total, Discount, addresses, Refunded Amount,
Tax N...) are filled on an order's first row only, so they are optional
here, and ``Lineitem *`` columns are required on every row; ``Total``,
``Currency`` and ``Created at`` need their headers. Read whole orders with
:func:`read_shopify_orders`, which never repeats an order's Total or
Refunded Amount. Timestamps carry offsets (``2025-10-07 09:50:26 +0200``);
zips may be written ``'75008`` (Excel's text guard, dropped).

Source: reports-and-fees.md §2 (trollspank/shopify2woo
``docs/shopify_columns.txt``; the one-row-per-line-item layout from
docs.xbp.app; newer columns from a 2025 fixture), compiled 2026.
"""
