"""Shopify orders as ledger rows (private; see :mod:`xborder.ledger`)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder._validate import text
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.ledger._checks import checked, iterable, shares
from xborder.ledger._kinds import TransactionKind as K
from xborder.ledger._transaction import Transaction, make_transaction
from xborder.money import Currency, Money
from xborder.reports import ShopifyOrder

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["transactions_from_shopify"]

_ZERO = Decimal(0)


def transactions_from_shopify(
    orders: Iterable[ShopifyOrder], *, channel: str, taxes_included: bool
) -> Iterator[Transaction]:
    r"""Ledger rows from Shopify orders (:func:`xborder.reports.read_shopify_orders`).

    Per line item: a sale (quantity × price, with its units), the share of
    the order's discount as a promotion and the share of its shipping, each
    shared by the lines' gross amounts (exactly: the shares sum to the
    order's figure). The order's taxes are a tax row; when prices include
    tax (``taxes_included``, usual in EU stores: the export does not say),
    the tax is first taken off the lines and shipping it was part of, in
    proportion to their amounts after discount. A refunded amount is shared
    the same way over what was paid (lines, shipping and tax), as refund
    and tax rows. Every row is posted on the order's day: the orders export
    has no refund date (take refunds from the payouts report if the month
    matters). Checks that the figures add up to the order's ``Total``:

    $$total = \sum gross - discount + shipping + taxes\,[\text{if not included}]$$

    Args:
        orders: Whole orders.
        channel: The channel to book them on (``"site"``).
        taxes_included: Whether the store's prices include tax.

    Raises:
        InvalidInputError: An order with no line items, or whose figures do
            not add up to its total (``orders[i].total``).

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.reports import ShopifyLine
        >>> order = ShopifyOrder(name="#1001", created_on="2025-10-07",
        ...     total=Money("44.00", "EUR"), taxes=Money("7.03", "EUR"),
        ...     shipping=Money("5.00", "EUR"),
        ...     lines=[ShopifyLine(name="Utensils", quantity=1, sku="BAM-UT",
        ...                        price=Money("39.00", "EUR"))])
        >>> rows = transactions_from_shopify([order], channel="site",
        ...     taxes_included=True)
        >>> for row in rows:
        ...     print(row.kind.value, row.sku, row.amount, row.quantity)
        sale BAM-UT 32.77 EUR 1
        shipping BAM-UT 4.20 EUR 0
        tax None 7.03 EUR 0
    """
    name = checked(text, channel, "channel")
    if not isinstance(taxes_included, bool):
        raise InvalidTypeError(
            field="taxes_included", value=taxes_included, expected="a bool"
        )
    return _orders(iterable(orders, "orders"), name, taxes_included)


def _orders(
    orders: Iterator[object],
    channel: str,
    included: bool,  # noqa: FBT001
) -> Iterator[Transaction]:
    for index, order in enumerate(orders):
        where = f"orders[{index}]"
        if not isinstance(order, ShopifyOrder):
            raise InvalidTypeError(field=where, value=order, expected="a ShopifyOrder")
        yield from _order(order, channel, included, where)


def _order(
    order: ShopifyOrder,
    channel: str,
    included: bool,  # noqa: FBT001
    where: str,
) -> Iterator[Transaction]:
    if not order.lines:
        raise InvalidInputError(
            field=f"{where}.lines", value=(), expected="the order's line items"
        )
    code = order.currency
    add, subtract = EXACT.add, EXACT.subtract
    gross = [line.gross.amount for line in order.lines]
    goods = sum(gross, _ZERO)
    line_discounts = sum(
        (line.discount.amount for line in order.lines if line.discount), _ZERO
    )
    discount = order.discount.amount if order.discount is not None else line_discounts
    shipping = order.shipping.amount if order.shipping is not None else _ZERO
    taxes = order.taxes.amount if order.taxes is not None else _ZERO
    expected = add(subtract(goods, discount), shipping)
    if not included:
        expected = add(expected, taxes)
    if expected != order.total.amount:
        raise InvalidInputError(
            "lines - discount + shipping (+ taxes unless included) must be the Total",
            field=f"{where}.total",
            value=order.total,
            expected=f"{expected} {code.code}",
        )
    weights = [max(g, _ZERO) for g in gross]
    off = shares(discount, code, weights)
    carried = shares(shipping, code, weights)
    sales = list(gross)
    if included and taxes:
        paid = [subtract(g, d) for g, d in zip(gross, off, strict=True)]
        in_goods = shares(taxes, code, [*(max(p, _ZERO) for p in paid), shipping])
        sales = [subtract(g, t) for g, t in zip(gross, in_goods[:-1], strict=True)]
        carried = _less(carried, in_goods[-1], code, weights)
    refund = order.refunded.amount
    parts = [
        add(subtract(s, d), c) for s, d, c in zip(sales, off, carried, strict=True)
    ]
    refunds = shares(refund, code, [*(max(p, _ZERO) for p in parts), taxes])
    made = []
    for position, line in enumerate(order.lines):
        sku = line.sku
        units = line.quantity if sku is not None else 0
        made += [
            (K.SALE, sku, sales[position], units),
            (K.PROMOTION, sku, off[position].copy_negate(), 0),
            (K.SHIPPING, sku, carried[position], 0),
            (K.REFUND, sku, refunds[position].copy_negate(), 0),
        ]
    # copy_negate: a unary minus would round to the context's 28 digits.
    made += [(K.TAX, None, taxes, 0), (K.TAX, None, refunds[-1].copy_negate(), 0)]
    for kind, sku, amount, units in made:
        if amount or units:
            yield make_transaction(
                kind=kind,
                posted_on=order.created_on,
                amount=_money(amount, order),
                channel=channel,
                sku=sku,
                quantity=units,
                reference=order.name,
            )


def _less(
    carried: list[Decimal], tax: Decimal, code: Currency, weights: list[Decimal]
) -> list[Decimal]:
    """Shipping's shares less the tax it included, shared the same way."""
    if not tax:
        return carried
    taken = shares(tax, code, weights)
    return [EXACT.subtract(c, t) for c, t in zip(carried, taken, strict=True)]


def _money(amount: Decimal, order: ShopifyOrder) -> Money:
    return Money(amount, order.currency)
