"""Whole Shopify orders from the line-item export (private; see xborder.reports)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    date_value,
    named_errors,
    non_negative_count,
    optional_date,
    optional_text,
    text,
    tuple_of,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.kpi import Order
from xborder.money import Currency, Money
from xborder.reports._read import iterable, read_records
from xborder.reports._shopify_spec import SHOPIFY_ORDERS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from xborder.reports._numbers import NumberFormat

__all__ = ["ShopifyLine", "ShopifyOrder", "customer_orders", "read_shopify_orders"]


def _optional_money(value: Money | None) -> Money | None:
    if value is not None and not isinstance(value, Money):
        raise InvalidTypeError(field=None, value=value, expected="Money or None")
    return value


def _money(value: Money) -> Money:
    if not isinstance(value, Money):
        raise InvalidTypeError(field=None, value=value, expected="Money")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ShopifyLine:
    """One line item of a Shopify order.

    Args:
        name: The product and variant (``Lineitem name``).
        quantity: Units (``Lineitem quantity``).
        price: Unit price (``Lineitem price``).
        sku: The SKU, if any.
        discount: The line's own discount (``Lineitem discount``), if any.

    Examples:
        >>> line = ShopifyLine(name="Bamboo brush - 4 pack", quantity=2,
        ...     price=Money("12.50", "EUR"))
        >>> str(line.gross)
        '25.00 EUR'
    """

    name: str = attrs.field(converter=text)
    quantity: int = attrs.field(converter=non_negative_count)
    price: Money = attrs.field(converter=_money)
    sku: str | None = attrs.field(default=None, converter=optional_text)
    discount: Money | None = attrs.field(default=None, converter=_optional_money)

    @property
    def gross(self) -> Money:
        """Quantity × unit price, before the line's discount."""
        return self.price * self.quantity


def _lines(values: Iterable[ShopifyLine]) -> tuple[ShopifyLine, ...]:
    return tuple_of(values, ShopifyLine)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ShopifyOrder:
    """One Shopify order, its order-level fields read once, with its lines.

    Args:
        name: The order's name (``#1001``), unique in a store.
        created_on: The day it was placed, as written (the store's offset).
        total: What the customer paid (``Total``: lines after discounts, plus
            shipping and taxes).
        lines: Its line items, in file order.
        email: The customer's email, if any.
        billing_name: The billing name, if any.
        financial_status: ``paid``, ``refunded``, ``partially_refunded``...
        paid_on: The day it was paid, if it was.
        cancelled_on: The day it was cancelled, if it was.
        subtotal: Lines after discounts, before shipping and taxes.
        shipping: Shipping charged.
        taxes: Taxes charged.
        discount: The order's whole discount (``Discount Amount``).
        refunded: Refunded so far (``Refunded Amount``; zero by default).

    Raises:
        CurrencyMismatchError: An amount is not in the total's currency.

    Examples:
        >>> order = ShopifyOrder(name="#1001", created_on="2025-10-07",
        ...     total=Money("64.00", "EUR"), email="anna@example.com")
        >>> order.customer, str(order.total)
        ('anna@example.com', '64.00 EUR')
    """

    name: str = attrs.field(converter=text)
    created_on: dt.date = attrs.field(converter=date_value)
    total: Money = attrs.field(converter=_money)
    refunded: Money = attrs.field(
        default=attrs.Factory(
            lambda self: Money(0, self.total.currency), takes_self=True
        ),
        converter=_money,
    )
    lines: tuple[ShopifyLine, ...] = attrs.field(default=(), converter=_lines)
    email: str | None = attrs.field(default=None, converter=optional_text)
    billing_name: str | None = attrs.field(default=None, converter=optional_text)
    financial_status: str | None = attrs.field(default=None, converter=optional_text)
    paid_on: dt.date | None = attrs.field(default=None, converter=optional_date)
    cancelled_on: dt.date | None = attrs.field(default=None, converter=optional_date)
    subtotal: Money | None = attrs.field(default=None, converter=_optional_money)
    shipping: Money | None = attrs.field(default=None, converter=_optional_money)
    taxes: Money | None = attrs.field(default=None, converter=_optional_money)
    discount: Money | None = attrs.field(default=None, converter=_optional_money)

    def __attrs_post_init__(self) -> None:
        code = self.total.currency
        amounts = {
            "refunded": self.refunded,
            "subtotal": self.subtotal,
            "shipping": self.shipping,
            "taxes": self.taxes,
            "discount": self.discount,
        }
        for index, line in enumerate(self.lines):
            amounts[f"lines[{index}].price"] = line.price
            amounts[f"lines[{index}].discount"] = line.discount
        for field, amount in amounts.items():
            if amount is not None and amount.currency != code:
                raise CurrencyMismatchError(
                    field=field, value=amount, expected=f"an amount in {code.code}"
                )

    @property
    def currency(self) -> Currency:
        """The order's currency."""
        return self.total.currency

    @property
    def customer(self) -> str | None:
        """The customer key: the email, case-folded, else the billing name."""
        if self.email is not None:
            return self.email.strip().casefold()
        return self.billing_name


def read_shopify_orders(
    records: Iterable[Mapping[str, object]],
    *,
    number_format: NumberFormat | None = None,
    candidates: Iterable[NumberFormat] | None = None,
    headers: Iterable[str] | None = None,
    sample: int = 1000,
) -> Iterator[ShopifyOrder]:
    """Whole orders from a Shopify orders export, one per ``Name``, lazily.

    The export has one row per line item; order-level fields (Total,
    Refunded Amount, Currency, Created at...) are read from the first row
    of each order only, so they are never counted twice. An order's rows
    must be together, as Shopify writes them; a split order shows up as a
    first row without its Total.

    Raises:
        InvalidInputError: A cell is wrong, or an order's first row lacks
            its total, currency or date (named as ``rows[i].column``).

    Examples:
        >>> rows = [
        ...     {"Name": "#1001", "Email": "anna@example.com", "Currency": "EUR",
        ...      "Total": "64.00", "Refunded Amount": "0.00",
        ...      "Created at": "2025-10-07 09:50:26 +0200",
        ...      "Lineitem quantity": "2", "Lineitem name": "Brush",
        ...      "Lineitem price": "12.50", "Billing Zip": "'75008"},
        ...     {"Name": "#1001", "Email": "", "Currency": "", "Total": "",
        ...      "Refunded Amount": "", "Created at": "",
        ...      "Lineitem quantity": "1", "Lineitem name": "Soap",
        ...      "Lineitem price": "39.00", "Billing Zip": ""},
        ... ]
        >>> [order] = read_shopify_orders(rows)
        >>> str(order.total), [line.name for line in order.lines]
        ('64.00 EUR', ['Brush', 'Soap'])
    """
    rows = read_records(
        records, SHOPIFY_ORDERS, number_format=number_format,
        candidates=candidates, headers=headers, sample=sample,
    )  # fmt: skip
    return _orders(rows)


def _orders(rows: Iterator[dict[str, object]]) -> Iterator[ShopifyOrder]:
    current: list[tuple[int, dict[str, object]]] = []
    for index, row in enumerate(rows):
        if current and row["name"] != current[0][1]["name"]:
            yield _order(current)
            current = []
        current.append((index, row))
    if current:
        yield _order(current)


def _order(rows: list[tuple[int, dict[str, object]]]) -> ShopifyOrder:
    index, first = rows[0]
    where = f"rows[{index}]"
    for name in ("currency", "total", "created_at"):
        if first[name] is None:
            raise InvalidInputError(
                "the rows of one order must be together, as Shopify writes them",
                field=f"{where}.{name}",
                value=None,
                expected="a value on the order's first row",
            )
    try:
        currency = Currency(first["currency"])  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field(f"{where}.currency") from None
    lines = tuple(_line(row, currency, f"rows[{i}]") for i, row in rows)
    try:
        return ShopifyOrder(
            name=first["name"],  # type: ignore[arg-type]
            created_on=first["created_at"],  # type: ignore[arg-type]
            total=Money(first["total"], currency),  # type: ignore[arg-type]
            refunded=_amount(first["refunded_amount"], currency) or Money(0, currency),
            lines=lines,
            email=first["email"],  # type: ignore[arg-type]
            billing_name=first["billing_name"],  # type: ignore[arg-type]
            financial_status=first["financial_status"],  # type: ignore[arg-type]
            paid_on=first["paid_at"],  # type: ignore[arg-type]
            cancelled_on=first["cancelled_at"],  # type: ignore[arg-type]
            subtotal=_amount(first["subtotal"], currency),
            shipping=_amount(first["shipping"], currency),
            taxes=_amount(first["taxes"], currency),
            discount=_amount(first["discount_amount"], currency),
        )
    except XborderError as error:
        raise error.in_field(where) from None


def _line(row: dict[str, object], currency: Currency, where: str) -> ShopifyLine:
    try:
        return ShopifyLine(
            name=row["lineitem_name"],  # type: ignore[arg-type]
            quantity=row["lineitem_quantity"],  # type: ignore[arg-type]
            price=Money(row["lineitem_price"], currency),  # type: ignore[arg-type]
            sku=row["lineitem_sku"],  # type: ignore[arg-type]
            discount=_amount(row["lineitem_discount"], currency),
        )
    except XborderError as error:
        raise error.in_field(where) from None


def _amount(value: object, currency: Currency) -> Money | None:
    return None if value is None else Money(value, currency)  # type: ignore[arg-type]


def customer_orders(
    orders: Iterable[ShopifyOrder], *, net_of_refunds: bool = False
) -> Iterator[Order]:
    """Shopify orders as :class:`xborder.kpi.Order`, for customer analysis.

    The customer is the email (case-folded), else the billing name; the
    amount is the order's Total, once per order, less its refunds if
    ``net_of_refunds``. Shopify's Total includes shipping and taxes: for
    revenue net of VAT, build the orders yourself from the fields of
    :class:`ShopifyOrder`. Filter cancelled orders first if they should not
    count.

    Raises:
        InvalidInputError: An order has neither email nor billing name
            (named as ``orders[i].customer``).
        InvalidTypeError: An item is not a :class:`ShopifyOrder`.

    Examples:
        >>> orders = [ShopifyOrder(name="#1001", created_on="2025-10-07",
        ...     total=Money("64.00", "EUR"), refunded=Money("14.00", "EUR"),
        ...     email="Anna@Example.com")]
        >>> [order] = customer_orders(orders, net_of_refunds=True)
        >>> order.customer, str(order.amount)
        ('anna@example.com', '50.00 EUR')
    """
    if not isinstance(net_of_refunds, bool):
        raise InvalidTypeError(
            field="net_of_refunds", value=net_of_refunds, expected="True or False"
        )
    return _customer_orders(iterable(orders, "orders"), net_of_refunds=net_of_refunds)


def _customer_orders(
    orders: Iterator[object], *, net_of_refunds: bool
) -> Iterator[Order]:
    for index, order in enumerate(orders):
        where = f"orders[{index}]"
        if not isinstance(order, ShopifyOrder):
            raise InvalidTypeError(field=where, value=order, expected="a ShopifyOrder")
        if order.customer is None:
            raise InvalidInputError(
                field=f"{where}.customer",
                value=order.name,
                expected="an order with an email or a billing name",
            )
        amount = order.total - order.refunded if net_of_refunds else order.total
        try:
            yield Order(
                customer=order.customer,
                placed_on=order.created_on,
                amount=amount,
                order_id=order.name,
            )
        except XborderError as error:
            raise error.in_field(where) from None
