"""Amazon settlement and Date Range report lines as ledger rows (private).

The mapping from report lines to :class:`TransactionKind` is data
(:data:`AMAZON_SETTLEMENT_KINDS`, :data:`DATE_RANGE_COLUMNS`), documented
with its sources and tested against the reference headers
(reports-and-fees.md §1.4–1.5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from xborder._exact import EXACT
from xborder._validate import optional_text
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.ledger._checks import checked, iterable
from xborder.ledger._kinds import TransactionKind as K
from xborder.ledger._transaction import Transaction, make_transaction, to_kind
from xborder.money import Currency, Money
from xborder.money.converters import to_currency

__all__ = [
    "AMAZON_SETTLEMENT_KINDS",
    "DATE_RANGE_COLUMNS",
    "transactions_from_date_range",
    "transactions_from_settlement",
]

_Key = tuple[str | None, str | None, str | None]

AMAZON_SETTLEMENT_KINDS: Final[Mapping[_Key, K]] = MappingProxyType(
    {
        # transaction-type, amount-type, amount-description; None: any.
        ("Order", "ItemPrice", "Principal"): K.SALE,
        ("Refund", "ItemPrice", "Principal"): K.REFUND,
        ("Order", "ItemPrice", "Shipping"): K.SHIPPING,
        ("Refund", "ItemPrice", "Shipping"): K.REFUND,
        ("Order", "ItemPrice", "GiftWrap"): K.SHIPPING,
        ("Refund", "ItemPrice", "GiftWrap"): K.REFUND,
        (None, "ItemPrice", "Tax"): K.TAX,
        (None, "ItemPrice", "Product Tax"): K.TAX,
        (None, "ItemPrice", "ShippingTax"): K.TAX,
        (None, "ItemPrice", "GiftWrapTax"): K.TAX,
        (None, "ItemWithheldTax", None): K.MARKETPLACE_TAX,
        (None, "Promotion", None): K.PROMOTION,
        (None, "ItemFees", "Commission"): K.REFERRAL_FEE,
        (None, "ItemFees", "RefundCommission"): K.REFUND_FEE,
        (None, "ItemFees", "FBAPerUnitFulfillmentFee"): K.FULFILMENT_FEE,
        (None, "ItemFees", "FBAPerOrderFulfillmentFee"): K.FULFILMENT_FEE,
        (None, "ItemFees", "FBAWeightBasedFee"): K.FULFILMENT_FEE,
        (None, "ItemFees", "ShippingChargeback"): K.FULFILMENT_FEE,
        (None, "ItemFees", "GiftwrapChargeback"): K.FULFILMENT_FEE,
        (None, "ItemFees", "VariableClosingFee"): K.CLOSING_FEE,
        (None, "ItemFees", "FixedClosingFee"): K.CLOSING_FEE,
        (None, "ItemFees", None): K.OTHER_FEE,
        (None, "other-transaction", "Storage Fee"): K.STORAGE_FEE,
        (None, "other-transaction", "FBA Long-Term Storage"): K.STORAGE_FEE,
        (None, "other-transaction", "Subscription Fee"): K.SUBSCRIPTION_FEE,
        (None, "other-transaction", "Current Reserve Amount"): K.RESERVE,
        (None, "other-transaction", "Previous Reserve Amount Balance"): K.RESERVE,
        (None, "Cost of Advertising", None): K.AD_SPEND,
        (None, "FBA Inventory Reimbursement", None): K.REIMBURSEMENT,
        (None, "CouponRedemptionFee", None): K.OTHER_FEE,
        ("Vine Enrollment Fee", None, None): K.OTHER_FEE,
    }
)
"""How a settlement line (flat file V2) becomes a ledger row.

Keys are (``transaction-type``, ``amount-type``, ``amount-description``),
``None`` matching anything; they are compared case-folded with spaces
collapsed. A line takes the most specific key: all three, then any
transaction type, then any description, then any of both, then the
transaction type alone.

Sources: the reference fixtures (reports-and-fees.md §1.4: ``Order``,
``Refund``, ``other-transaction``, ``ServiceFee``, ``Vine Enrollment Fee``;
``ItemPrice``/``Principal``, ``ItemPrice``/``Product Tax``,
``ItemFees``/``Commission``, ``ItemFees``/``FBAPerUnitFulfillmentFee``,
``TCS-IGST``), and the amount types and descriptions public settlement
parsers read (code-index hits, 2026: shipping and gift-wrap prices and
taxes, ``ItemWithheldTax`` marketplace-facilitator and TCS lines, closing
and chargeback fees, storage, subscription, reserve lines, ``Cost of
Advertising``, ``FBA Inventory Reimbursement``). Marketplace-facilitated tax
is never seller revenue (§4.3): it and the tax it offsets stay out of the
P&L and count in the reconciliation. Lines no key matches are refused
unless an ``unknown`` kind is given.
"""

DATE_RANGE_COLUMNS: Final = (
    ("product_sales", "sales"),
    ("shipping_credits", "shipping"),
    ("gift_wrap_credits", "shipping"),
    ("promotional_rebates", K.PROMOTION.value),
    ("product_sales_tax", "tax"),
    ("shipping_credits_tax", "tax"),
    ("gift_wrap_credits_tax", "tax"),
    ("promotional_rebates_tax", "tax"),
    ("marketplace_withheld_tax", K.MARKETPLACE_TAX.value),
    ("regulatory_fee", K.OTHER_FEE.value),
    ("tax_on_regulatory_fee", K.TAX.value),
    ("selling_fees", "fee"),
    ("fba_fees", "fee"),
    ("other_transaction_fees", "fee"),
    ("other", "fee"),
)
"""The Date Range report's amount columns, in order, and what each holds.

``sales``: a sale on an ``Order`` row, a refund on a ``Refund`` row.
``shipping``: shipping charged, or refunded. ``tax``: tax collected, which
is marketplace tax when the row's ``tax collection model`` is
``MarketplaceFacilitator`` (§4.3). ``fee``: on orders and refunds,
``selling fees`` are referral (and closing) fees, ``fba fees`` fulfilment,
``other transaction fees`` other fees and ``other`` an adjustment; on other
rows the row's ``type`` and ``description`` decide (a ``Service Fee`` for
``Cost of Advertising`` is ad spend, an ``FBA Inventory Fee`` for storage is
storage, a ``Transfer`` is a payout...). Source: reports-and-fees.md §1.5.
"""


def _normal(text: str | None) -> str | None:
    return None if text is None else " ".join(text.casefold().split())


_LOOKUP: dict[_Key, K] = {
    (_normal(t), _normal(a), _normal(d)): kind
    for (t, a, d), kind in AMAZON_SETTLEMENT_KINDS.items()
}


def settlement_kind(
    transaction_type: str | None, amount_type: str | None, description: str | None
) -> K | None:
    """The kind of a settlement line, by the most specific key that matches."""
    t, a, d = _normal(transaction_type), _normal(amount_type), _normal(description)
    for key in (
        (t, a, d),
        (None, a, d),
        (t, a, None),
        (None, a, None),
        (t, None, None),
    ):
        kind = _LOOKUP.get(key)
        if kind is not None:
            return kind
    return None


def transactions_from_settlement(
    lines: Iterable[Mapping[str, object]],
    *,
    channel: str | None = None,
    restock_refunds: bool = False,
    unknown: K | str | None = None,
) -> Iterator[Transaction]:
    """Ledger rows from a settlement report's lines, lazily.

    Pass the lines :func:`xborder.reports.settlement_lines` reads (their
    settlement id, dates and currency filled in from the summary). Each line
    becomes one :class:`Transaction` of the kind
    :data:`AMAZON_SETTLEMENT_KINDS` gives it, posted on its ``posted-date``
    (the day as written: settlement files write UTC), on its marketplace
    (``marketplace-name``, else ``channel``), with its settlement id.
    Units sold are read from the ``Principal`` line of an order only;
    refunded units count as restocked only with ``restock_refunds``.

    Args:
        lines: The settlement's lines (dicts with canonical column names).
        channel: The channel for lines with no marketplace name.
        restock_refunds: Whether refunded units came back to sellable stock.
        unknown: The kind for lines no key matches (``"adjustment"``), or
            ``None`` to refuse them.

    Raises:
        InvalidInputError: A line no key matches (with ``unknown=None``), or
            one with no amount, day or channel (named ``lines[i].column``).

    Examples:
        >>> line = {"settlement-id": "1", "transaction-type": "Order",
        ...     "amount-type": "ItemFees", "amount-description": "Commission",
        ...     "amount": Decimal("-2.10"), "currency": "USD",
        ...     "posted-date": dt.date(2026, 3, 2), "marketplace-name": "Amazon.com",
        ...     "sku": "PH-01", "order-id": "111-1"}
        >>> from xborder.reports import AMAZON_SETTLEMENT_V2, read_records
        >>> [row] = read_records([{k: str(v) for k, v in line.items()}],
        ...     AMAZON_SETTLEMENT_V2)
        >>> [fee] = transactions_from_settlement([row])
        >>> fee.kind, str(fee.amount), fee.channel, fee.settlement_id
        (<TransactionKind.REFERRAL_FEE: 'referral fee'>, '-2.10 USD', 'Amazon.com', '1')
    """
    fallback = checked(optional_text, channel, "channel")
    if not isinstance(restock_refunds, bool):
        raise InvalidTypeError(
            field="restock_refunds", value=restock_refunds, expected="a bool"
        )
    other = None if unknown is None else checked(to_kind, unknown, "unknown")
    return _settlement(iterable(lines, "lines"), fallback, restock_refunds, other)


def _settlement(
    lines: Iterator[Mapping[str, object]],
    fallback: str | None,
    restock: bool,  # noqa: FBT001
    unknown: K | None,
) -> Iterator[Transaction]:
    for index, line in enumerate(lines):
        where = f"lines[{index}]"
        row = _mapping(line, where)
        kind = settlement_kind(
            _text(row, "transaction_type", where),
            _text(row, "amount_type", where),
            _text(row, "amount_description", where),
        )
        if kind is None:
            if unknown is None:
                raise InvalidInputError(
                    "add it with unknown= or build the Transaction yourself",
                    field=f"{where}.amount_description",
                    value=(
                        row.get("transaction_type"),
                        row.get("amount_type"),
                        row.get("amount_description"),
                    ),
                    expected="a line AMAZON_SETTLEMENT_KINDS classifies",
                )
            kind = unknown
        sku = _text(row, "sku", where)
        principal = _normal(_text(row, "amount_description", where)) == "principal"
        units = 0
        if principal and (kind is K.SALE or (kind is K.REFUND and restock)):
            units = _count(row, "quantity_purchased", where)
        yield _transaction(
            row,
            where,
            kind=kind,
            day_column="posted_date",
            amount_column="amount",
            fallback=fallback,
            sku=sku,
            units=units if sku is not None else 0,
            reference=_text(row, "order_id", where)
            or _text(row, "adjustment_id", where),
        )


def _mapping(line: object, where: str) -> Mapping[str, object]:
    if not isinstance(line, Mapping):
        raise InvalidTypeError(field=where, value=line, expected="a report line (dict)")
    return line


def _text(row: Mapping[str, object], column: str, where: str) -> str | None:
    value = row.get(column)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(
            field=f"{where}.{column}", value=value, expected="text or None"
        )
    return value if value.strip() else None


def _count(row: Mapping[str, object], column: str, where: str) -> int:
    value = row.get(column)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(
            field=f"{where}.{column}", value=value, expected="a count of units"
        )
    return value


def _transaction(
    row: Mapping[str, object],
    where: str,
    *,
    kind: K,
    day_column: str,
    amount_column: str,
    fallback: str | None,
    sku: str | None,
    units: int,
    reference: str | None,
) -> Transaction:
    amount = _amount(row, amount_column, where)
    day = row.get(day_column)
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidInputError(
            field=f"{where}.{day_column}", value=day, expected="the day it was posted"
        )
    channel = _text(row, "marketplace_name", where) or _text(row, "marketplace", where)
    channel = channel or fallback
    if channel is None:
        raise InvalidInputError(
            "pass channel= for lines with no marketplace",
            field=f"{where}.marketplace_name",
            value=None,
            expected="the marketplace",
        )
    return make_transaction(
        kind=kind,
        posted_on=day,
        amount=amount,
        channel=channel,
        sku=sku,
        quantity=units,
        settlement_id=_text(row, "settlement_id", where),
        reference=reference,
    )


def _amount(row: Mapping[str, object], column: str, where: str) -> Money:
    value = row.get(column)
    code = row.get("currency")
    if not isinstance(value, Decimal):
        raise InvalidInputError(
            field=f"{where}.{column}", value=value, expected="the line's amount"
        )
    try:
        currency = Currency(code)  # type: ignore[arg-type]
        return Money(value, currency)
    except XborderError as error:
        raise error.in_field(f"{where}.currency") from None


def transactions_from_date_range(
    rows: Iterable[Mapping[str, object]],
    *,
    currency: Currency | str,
    channel: str | None = None,
    restock_refunds: bool = False,
    unknown: K | str | None = None,
) -> Iterator[Transaction]:
    r"""Ledger rows from a Date Range (transaction view) report, lazily.

    Pass the rows :func:`xborder.reports.read_records` reads with
    :data:`xborder.reports.AMAZON_DATE_RANGE`. Each non-zero amount column
    of a row becomes one :class:`Transaction` (:data:`DATE_RANGE_COLUMNS`),
    posted on the row's ``date/time`` (the day as written, in the
    marketplace's time zone: a day can differ from the settlement file's
    UTC day), and the row's columns must add up to its ``total``. The file
    states its currency in its preamble (``All amounts in USD``), so it is
    an argument.

    Raises:
        InvalidInputError: A row whose columns do not add up to its total,
            a ``type`` the mapping does not know (with ``unknown=None``), or
            a missing day or channel (named ``rows[i].column``).

    Examples:
        >>> import csv, io
        >>> from xborder.reports import AMAZON_DATE_RANGE, read_records
        >>> text = ("date/time,settlement id,type,order id,sku,description,quantity,"
        ...     "marketplace,product sales,selling fees,fba fees,total\n"
        ...     '"Mar 2, 2026 1:05:07 AM PST",1,Order,111-1,PH-01,Holder,1,'
        ...     "amazon.com,13.99,-2.10,-3.66,8.23\n")
        >>> reader = csv.DictReader(io.StringIO(text))
        >>> rows = list(read_records(reader, AMAZON_DATE_RANGE))
        >>> for t in transactions_from_date_range(rows, currency="USD"):
        ...     print(t.kind.value, t.amount, t.sku, t.quantity)
        sale 13.99 USD PH-01 1
        referral fee -2.10 USD PH-01 0
        fulfilment fee -3.66 USD PH-01 0
    """
    code = checked(to_currency, currency, "currency")
    fallback = checked(optional_text, channel, "channel")
    if not isinstance(restock_refunds, bool):
        raise InvalidTypeError(
            field="restock_refunds", value=restock_refunds, expected="a bool"
        )
    other = None if unknown is None else checked(to_kind, unknown, "unknown")
    return _date_range(
        iterable(rows, "rows"), code.code, fallback, restock_refunds, other
    )


_OTHER_TYPES = {
    "transfer": K.PAYOUT,
    "adjustment": K.ADJUSTMENT,
    "service fee": K.OTHER_FEE,
    "fba inventory fee": K.OTHER_FEE,
}
_ORDER_FEES = {
    "selling_fees": K.REFERRAL_FEE,
    "fba_fees": K.FULFILMENT_FEE,
    "other_transaction_fees": K.OTHER_FEE,
    "other": K.ADJUSTMENT,
}


def _date_range(
    rows: Iterator[Mapping[str, object]],
    code: str,
    fallback: str | None,
    restock: bool,  # noqa: FBT001
    unknown: K | None,
) -> Iterator[Transaction]:
    for index, raw in enumerate(rows):
        where = f"rows[{index}]"
        row = dict(_mapping(raw, where))
        row["currency"] = code
        kind_of_type = _normal(_text(row, "type", where)) or ""
        description = _normal(_text(row, "description", where)) or ""
        facilitated = "marketplacefacilitator" in (
            _normal(_text(row, "tax_collection_model", where)) or ""
        ).replace(" ", "")
        is_order = kind_of_type == "order"
        is_refund = kind_of_type == "refund"
        fee_kind = _fee_kind(kind_of_type, description, unknown, where, row)
        sku = _text(row, "sku", where)
        total = Decimal(0)
        made = []
        for column, holds in DATE_RANGE_COLUMNS:
            value = row.get(column)
            if value is None or value == 0:
                continue
            if holds == "sales":
                kind = K.SALE if is_order else K.REFUND if is_refund else fee_kind
            elif holds == "shipping":
                kind = K.SHIPPING if is_order else K.REFUND if is_refund else fee_kind
            elif holds == "tax":
                kind = K.MARKETPLACE_TAX if facilitated else K.TAX
            elif holds == "fee":
                kind = _ORDER_FEES[column] if is_order or is_refund else fee_kind
            else:
                kind = K(holds)
            moves = kind is K.SALE or (kind is K.REFUND and restock)
            units = 0
            if column == "product_sales" and sku is not None and moves:
                units = _count(row, "quantity", where)
            transaction = _transaction(
                row,
                where,
                kind=kind,
                day_column="date_time",
                amount_column=column,
                fallback=fallback,
                sku=sku,
                units=units,
                reference=_text(row, "order_id", where),
            )
            total = EXACT.add(total, transaction.amount.amount)
            made.append(transaction)
        stated = row.get("total")
        if not isinstance(stated, Decimal) or stated != total:
            raise InvalidInputError(
                "a column the mapping does not read, or a wrong total",
                field=f"{where}.total",
                value=stated,
                expected=f"the sum of the row's amounts ({total})",
            )
        yield from made


_FEE_RULES = (
    ("service fee", "advertising", K.AD_SPEND),
    ("service fee", "subscription", K.SUBSCRIPTION_FEE),
    ("fba inventory fee", "storage", K.STORAGE_FEE),
    ("fba inventory fee", "inbound", K.INBOUND_FEE),
    ("fba inventory fee", "placement", K.INBOUND_FEE),
    ("adjustment", "reimburse", K.REIMBURSEMENT),
)
"""(type, a word of the description, kind) for the fee columns of other rows."""


def _fee_kind(
    kind_of_type: str,
    description: str,
    unknown: K | None,
    where: str,
    row: Mapping[str, object],
) -> K:
    if kind_of_type in {"order", "refund"}:
        return K.ADJUSTMENT
    for type_, word, kind in _FEE_RULES:
        if kind_of_type == type_ and word in description:
            return kind
    found = _OTHER_TYPES.get(kind_of_type, unknown)
    if found is None:
        raise InvalidInputError(
            "add it with unknown= or build the Transaction yourself",
            field=f"{where}.type",
            value=row.get("type"),
            expected="Order, Refund, Service Fee, FBA Inventory Fee, Adjustment "
            "or Transfer",
        )
    return found
