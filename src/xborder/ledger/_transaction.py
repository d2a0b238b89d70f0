"""Ledger rows and stock receipts (private; see :mod:`xborder.ledger`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION
from xborder._validate import (
    date_value,
    named_errors,
    non_negative_count,
    optional_date,
    optional_text,
    positive_count,
    text,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.landed_cost import LandedCost
from xborder.ledger._checks import (
    builder,
    checked,
    enum_of,
    money,
    non_negative_money,
)
from xborder.ledger._kinds import TransactionKind
from xborder.money import Money, RoundingMode

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "Receipt",
    "Transaction",
    "make_transaction",
    "receipts_from_landed_cost",
    "to_kind",
]

_to_kind = enum_of(TransactionKind)
_UNITS = frozenset({TransactionKind.SALE, TransactionKind.REFUND})


def to_kind(value: TransactionKind | str) -> TransactionKind:
    """Converter: a :class:`TransactionKind`, or its value."""
    return _to_kind(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Transaction:
    """One row of the ledger: money that moved on a channel, on a day.

    Amounts are signed from the seller's side, as settlement reports write
    them (a sale positive, a fee negative). Quantities move stock: units
    sold on a :attr:`TransactionKind.SALE` row, units back in sellable stock
    on a :attr:`TransactionKind.REFUND` row (0 when the buyer kept the item
    or it was written off); other rows carry none, so a sale split into
    several rows (price, tax, fees) counts its units once.

    Args:
        kind: What the row is.
        posted_on: The day the money moved, as the report writes it (see
            the guide on time zones).
        amount: The signed amount, in any currency.
        channel: Where it happened: ``"Amazon.com"``, ``"site"``.
        sku: The product, or ``None`` for account-level rows.
        quantity: Units sold (SALE) or restocked (REFUND); 0 otherwise.
        settlement_id: The payout the row is settled in, if known.
        campaign: The advertising campaign (AD_SPEND rows), for attribution.
        reference: The order or adjustment id.

    Raises:
        InvalidInputError: Units on a row that cannot carry them, or units
            without a SKU.

    Examples:
        >>> sale = Transaction(kind="sale", posted_on="2026-03-02",
        ...     amount=Money("13.99", "USD"), channel="Amazon.com", sku="PH-01",
        ...     quantity=1)
        >>> sale.kind, str(sale.amount)
        (<TransactionKind.SALE: 'sale'>, '13.99 USD')
    """

    kind: TransactionKind = attrs.field(converter=to_kind)
    posted_on: dt.date = attrs.field(converter=date_value)
    amount: Money = attrs.field(converter=money)
    channel: str = attrs.field(converter=text)
    sku: str | None = attrs.field(default=None, converter=optional_text)
    quantity: int = attrs.field(default=0, converter=non_negative_count)
    settlement_id: str | None = attrs.field(default=None, converter=optional_text)
    campaign: str | None = attrs.field(default=None, converter=optional_text)
    reference: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.quantity and self.kind not in _UNITS:
            raise InvalidInputError(
                field="quantity",
                value=self.quantity,
                expected="0 on a row that is not a sale or a refund",
            )
        if self.quantity and self.sku is None:
            raise InvalidInputError(
                field="sku", value=None, expected="the SKU whose units move"
            )


_build = builder(Transaction)


def make_transaction(
    *,
    kind: TransactionKind,
    posted_on: dt.date,
    amount: Money,
    channel: str,
    sku: str | None,
    quantity: int = 0,
    settlement_id: str | None = None,
    campaign: str | None = None,
    reference: str | None = None,
) -> Transaction:
    """A :class:`Transaction` from values the report adapters checked already."""
    return _build(
        kind=kind,
        posted_on=posted_on,
        amount=amount,
        channel=channel,
        sku=sku,
        quantity=quantity,
        settlement_id=settlement_id,
        campaign=campaign,
        reference=reference,
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Receipt:
    """Units of a SKU received into sellable stock, at a unit cost.

    The cost basis (FIFO or moving average) is fed by receipts; build them
    from a landed-cost result with :func:`receipts_from_landed_cost`, or
    give an opening stock as a receipt on the ledger's first day.

    Args:
        sku: The product.
        received_on: The day the units became sellable.
        quantity: Units received (> 0).
        unit_cost: What one unit cost, landed (goods, freight, duty, fees;
            import VAT only if the seller cannot reclaim it).
        paid_on: The day the supplier was paid for them, if known: the cash
            conversion cycle reads it (a deposit paid before the units
            arrive counts as negative payable days).

    Examples:
        >>> receipt = Receipt(sku="PH-01", received_on="2026-02-20", quantity=1500,
        ...     unit_cost=Money("3.12", "USD"))
        >>> str(receipt.value)
        '4680.00 USD'
    """

    sku: str = attrs.field(converter=text)
    received_on: dt.date = attrs.field(converter=date_value)
    quantity: int = attrs.field(converter=positive_count)
    unit_cost: Money = attrs.field(converter=non_negative_money)
    paid_on: dt.date | None = attrs.field(default=None, converter=optional_date)

    @property
    def value(self) -> Money:
        """Quantity × unit cost."""
        return self.unit_cost * self.quantity


def receipts_from_landed_cost(
    result: LandedCost,
    *,
    received_on: dt.date | str,
    reclaim_import_vat: bool,
    rounding: RoundingMode,
    paid_on: dt.date | str | None = None,
) -> tuple[Receipt, ...]:
    r"""One :class:`Receipt` per line of a landed-cost result.

    The unit cost is the line's landed cost per unit:
    $(landed - taxes) / quantity$ when the seller reclaims import VAT (a
    VAT-registered importer deducts it in its return, so it is not a cost),
    $landed / quantity$ when it cannot; rounded to the currency's minor unit
    with ``rounding``.

    Args:
        result: A :func:`xborder.landed_cost.landed_cost` result.
        received_on: The day the units became sellable.
        reclaim_import_vat: Whether import taxes come back in a VAT return.
        rounding: How to round the unit cost.
        paid_on: The day the supplier was paid, if known.

    Raises:
        InvalidInputError: A line has no SKU.

    Examples:
        >>> from xborder.examples import case_b
        >>> restock = case_b.run().de.restock
        >>> receipts = receipts_from_landed_cost(restock, received_on="2026-10-20",
        ...     reclaim_import_vat=True, rounding=RoundingMode.HALF_UP)
        >>> for receipt in receipts:
        ...     print(receipt.sku, receipt.quantity, receipt.unit_cost)
        BAM-UT 600 6.42 EUR
        WAX-3 1200 3.69 EUR
        SIS-2 500 2.52 EUR
    """
    if not isinstance(result, LandedCost):
        raise InvalidTypeError(field="result", value=result, expected="a LandedCost")
    day = checked(date_value, received_on, "received_on")
    paid = checked(optional_date, paid_on, "paid_on")
    if not isinstance(reclaim_import_vat, bool):
        raise InvalidTypeError(
            field="reclaim_import_vat", value=reclaim_import_vat, expected="a bool"
        )
    if not isinstance(rounding, RoundingMode):
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode"
        )
    receipts = []
    for index, line in enumerate(result.lines):
        if line.sku is None or line.quantity != line.quantity.to_integral_value():
            raise InvalidInputError(
                field=f"result.lines[{index}]",
                value=line.sku,
                expected="a line with a SKU and a whole number of units",
            )
        cost = line.landed_cost - line.taxes if reclaim_import_vat else line.landed_cost
        unit = _per_unit(cost, line.quantity).quantize(rounding)
        receipts.append(
            Receipt(
                sku=line.sku,
                received_on=day,
                quantity=int(line.quantity),
                unit_cost=unit,
                paid_on=paid,
            )
        )
    return tuple(receipts)


def _per_unit(cost: Money, quantity: Decimal) -> Money:
    return Money(DIVISION.divide(cost.amount, quantity), cost.currency)
