"""Order records, repurchase and frequency, CAC, simple LTV and payback.

(Private; see :mod:`xborder.kpi`.) Order records are plain typed rows the
caller passes in; xborder reads no shop database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    DecimalInput,
    date_value,
    fraction,
    in_range,
    named_errors,
    non_negative,
    non_negative_count,
    optional_text,
    positive,
    text,
    to_decimal,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.kpi._checks import bounded_sum, checked, iterable, same_currency
from xborder.kpi._ratio import MoneyRatio, Ratio, ratio_of_money
from xborder.money import Currency, Money
from xborder.money._currency import to_currency
from xborder.money._money import _make, money_value, non_negative_money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CustomerSummary",
    "Order",
    "SimpleLtv",
    "cac",
    "customer_summary",
    "ltv_to_cac",
    "payback_months",
    "simple_ltv",
]


def _optional_money(value: Money | None) -> Money | None:
    return None if value is None else money_value(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Order:
    """One order, as a customer analysis needs it.

    Args:
        customer: A stable customer key (an id, a hashed email); guest
            checkouts need one too, or each looks like a new customer.
        placed_on: The day the order was placed.
        amount: Net revenue of the order (after discounts and refunds, net of
            VAT), in one currency across the data set (convert first).
        contribution: Contribution margin of the order (revenue minus landed
            COGS, fees, fulfilment, payment), if known; any sign. Cohort LTV
            needs it, or a gross margin to apply to ``amount``.
        order_id: The order's id, for reference.

    Examples:
        >>> order = Order(customer="anna", placed_on="2026-01-08",
        ...     amount=Money("64.00", "EUR"), contribution=Money("35.20", "EUR"))
        >>> order.placed_on
        datetime.date(2026, 1, 8)
        >>> Order(customer="anna", placed_on="2026-01-08", amount=Money("64", "EUR"),
        ...     contribution=Money("35", "USD"))
        Traceback (most recent call last):
        ...
        xborder.errors.CurrencyMismatchError: contribution: expected ..., got ...
    """

    customer: str = attrs.field(converter=text)
    placed_on: dt.date = attrs.field(converter=date_value)
    amount: Money = attrs.field(converter=non_negative_money)
    contribution: Money | None = attrs.field(default=None, converter=_optional_money)
    order_id: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.contribution is not None:
            same_currency(self.amount, self.contribution, "contribution")


def check_order(index: int, order: object, currency: Currency | None) -> Order:
    """Return ``order`` if it is an :class:`Order` in ``currency``, else name it."""
    if not isinstance(order, Order):
        raise InvalidTypeError(
            field=f"orders[{index}]", value=order, expected="an Order"
        )
    if currency is not None:
        own = order.amount.currency
        if own is not currency and own != currency:
            raise CurrencyMismatchError(
                "convert with xborder.fx first",
                field=f"orders[{index}].amount",
                value=order.amount,
                expected=f"an amount in {currency.code}",
            )
    return order


def window(start: dt.date | str, end: dt.date | str) -> tuple[dt.date, dt.date]:
    """A checked half-open window ``[start, end)``."""
    first = _day(start, "start")
    last = _day(end, "end")
    if last <= first:
        raise InvalidInputError(
            field="end", value=last, expected=f"a day after start ({first})"
        )
    return first, last


def _day(value: dt.date | str, field: str) -> dt.date:
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field(field) from None


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CustomerSummary:
    """Customers and orders in one window (see :func:`customer_summary`).

    Attributes:
        start: First day of the window.
        end: First day after it.
        customers: Customers with at least one order in the window.
        new_customers: Of those, customers whose first order ever (among the
            orders given) falls in the window.
        repeat_customers: Customers with two or more orders in the window.
        orders: Orders in the window.
        revenue: Their total amount.

    Examples:
        >>> orders = [Order(customer=who, placed_on=day, amount=Money("40", "EUR"))
        ...     for who, day in [("a", "2026-01-03"), ("a", "2026-01-20"),
        ...                      ("b", "2026-01-09")]]
        >>> january = customer_summary(orders, start="2026-01-01", end="2026-02-01",
        ...     currency="EUR")
        >>> january.repurchase_rate, january.purchase_frequency.value
        (Ratio(Decimal('1'), Decimal('2')), Decimal('1.5'))
    """

    start: dt.date = attrs.field(converter=date_value)
    end: dt.date = attrs.field(converter=date_value)
    customers: int = attrs.field(converter=non_negative_count)
    new_customers: int = attrs.field(converter=non_negative_count)
    repeat_customers: int = attrs.field(converter=non_negative_count)
    orders: int = attrs.field(converter=non_negative_count)
    revenue: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidInputError(
                field="end",
                value=self.end,
                expected=f"a day after start ({self.start})",
            )
        for name in ("new_customers", "repeat_customers"):
            if getattr(self, name) > self.customers:
                raise InvalidInputError(
                    field=name,
                    value=getattr(self, name),
                    expected=f"at most customers ({self.customers})",
                )
        if self.orders < self.customers:
            raise InvalidInputError(
                field="orders",
                value=self.orders,
                expected=f"at least one per customer ({self.customers})",
            )

    @property
    def repurchase_rate(self) -> Ratio:
        """Customers with >= 2 orders / customers with >= 1 order, in the window."""
        return Ratio(self.repeat_customers, self.customers)

    @property
    def purchase_frequency(self) -> Ratio:
        """Orders per customer in the window."""
        return Ratio(self.orders, self.customers)

    @property
    def aov(self) -> MoneyRatio:
        """Revenue / orders."""
        return MoneyRatio(amount=self.revenue, count=self.orders)

    @property
    def returning_customers(self) -> int:
        """Customers in the window who had ordered before it."""
        return self.customers - self.new_customers


def customer_summary(
    orders: Iterable[Order],
    *,
    start: dt.date | str,
    end: dt.date | str,
    currency: Currency | str,
) -> CustomerSummary:
    """Repurchase rate, purchase frequency and new customers of a window, in one pass.

    Pass the whole order history: orders before ``start`` only tell which
    customers are new; orders on or after ``end`` are ignored.

    Examples:
        >>> def order(who, day, amount):
        ...     return Order(customer=who, placed_on=day, amount=Money(amount, "EUR"))
        >>> orders = [
        ...     order("ana", "2026-01-05", "40"),
        ...     order("ana", "2026-02-10", "35"),
        ...     order("ben", "2025-11-20", "60"),
        ...     order("ben", "2026-02-01", "55"),
        ...     order("cai", "2026-03-15", "30"),
        ... ]
        >>> from xborder.money import RoundingMode
        >>> q1 = customer_summary(
        ...     orders, start="2026-01-01", end="2026-04-01", currency="EUR")
        >>> q1.customers, q1.new_customers, q1.repeat_customers
        (3, 2, 1)
        >>> str(q1.repurchase_rate.round(4, RoundingMode.HALF_UP)), str(q1.aov.value)
        ('0.3333', '40 EUR')
    """
    first, last = window(start, end)
    money = checked(to_currency, currency, "currency")
    seen: dict[str, _Seen] = {}
    count = 0
    revenue = Decimal(0)
    with localcontext(EXACT):
        for index, item in enumerate(iterable(orders, "orders")):
            order = check_order(index, item, money)
            day = order.placed_on
            if day >= last:
                continue
            state = seen.get(order.customer)
            if state is None:
                state = seen[order.customer] = _Seen(day)
            elif day < state.first:
                state.first = day
            if day >= first:
                state.orders += 1
                count += 1
                revenue += order.amount.amount
    active = [s for s in seen.values() if s.orders]
    return CustomerSummary(
        start=first,
        end=last,
        customers=len(active),
        new_customers=sum(1 for s in active if s.first >= first),
        repeat_customers=sum(1 for s in active if s.orders >= 2),  # noqa: PLR2004
        orders=count,
        revenue=_make(bounded_sum(revenue, "orders"), money),
    )


class _Seen:
    """A customer's first order day and orders in the window (mutable, private)."""

    __slots__ = ("first", "orders")

    def __init__(self, first: dt.date) -> None:
        self.first = first
        self.orders = 0


def cac(*, acquisition_spend: Money, new_customers: int) -> MoneyRatio:
    r"""Customer acquisition cost: $CAC = acquisition\ spend / new\ customers$.

    Count only *new* customers (a returning customer was acquired before),
    and say whether the spend is paid media only (paid CAC) or all marketing
    (blended CAC). Undefined with no new customers.

    Examples:
        >>> str(cac(acquisition_spend=Money("2100", "USD"), new_customers=10).value)
        '210 USD'
    """
    spend = checked(non_negative_money, acquisition_spend, "acquisition_spend")
    return MoneyRatio(amount=spend, count=_count(new_customers, "new_customers"))


def _count(value: int, field: str) -> int:
    try:
        return non_negative_count(value)
    except XborderError as error:
        raise error.in_field(field) from None


def ltv_to_cac(*, ltv: Money, cac: Money) -> Ratio:
    r"""$LTV / CAC$: lifetime contribution per unit of acquisition cost.

    About 3 is the usual rule of thumb for healthy acquisition; below 1 each
    new customer loses money. Undefined when CAC is zero.

    Source: ecommerceguide.com's LTV calculator: $561 LTV over a $50 CAC is
    11.22.

    Examples:
        >>> ltv_to_cac(ltv=Money("561", "USD"), cac=Money("50", "USD")).value
        Decimal('11.22')
    """
    return ratio_of_money(
        checked(money_value, ltv, "ltv"), checked(money_value, cac, "cac"), field="cac"
    )


def payback_months(*, cac: Money, monthly_contribution: Money) -> Ratio:
    r"""Simple payback: $CAC / monthly\ contribution\ per\ customer$, in months.

    The cohort version (:meth:`CohortValue.payback`) reads the real
    cumulative contribution instead of assuming a flat monthly one.
    Undefined when the monthly contribution is zero: payback never comes. A
    negative contribution (each month loses money) is refused rather than
    given a negative number of months.

    Examples:
        >>> monthly = Money("8", "EUR")
        >>> payback_months(cac=Money("60", "EUR"), monthly_contribution=monthly).value
        Decimal('7.5')
    """
    return ratio_of_money(
        checked(non_negative_money, cac, "cac"),
        checked(non_negative_money, monthly_contribution, "monthly_contribution"),
        field="monthly_contribution",
    )


def _money(value: Money) -> Money:
    return money_value(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SimpleLtv:
    """A simple lifetime value and its factors (see :func:`simple_ltv`).

    Attributes:
        average_order_value: AOV.
        orders_per_period: Purchase frequency per period (a year, a month).
        gross_margin: Contribution margin as a fraction of revenue.
        lifespan_periods: Expected periods a customer keeps buying.
        revenue_per_period: AOV × frequency.
        contribution_per_period: Revenue per period × margin.
        revenue: Lifetime revenue (revenue per period × lifespan).
        value: The LTV: contribution per period × lifespan.

    Examples:
        >>> ltv = simple_ltv(average_order_value=Money("60", "USD"),
        ...     orders_per_period=3, gross_margin="0.5", lifespan_periods=2)
        >>> [str(ltv.revenue_per_period), str(ltv.contribution_per_period),
        ...  str(ltv.value)]
        ['180 USD', '90.0 USD', '180.0 USD']
    """

    average_order_value: Money = attrs.field(converter=non_negative_money)
    orders_per_period: Decimal = attrs.field(converter=non_negative)
    gross_margin: Decimal = attrs.field(converter=fraction)
    lifespan_periods: Decimal = attrs.field(converter=non_negative)
    revenue_per_period: Money = attrs.field(converter=_money)
    contribution_per_period: Money = attrs.field(converter=_money)
    revenue: Money = attrs.field(converter=_money)
    value: Money = attrs.field(converter=_money)

    def __attrs_post_init__(self) -> None:
        # Every figure is an exact product of the factors: check it is that one.
        per_period = self.average_order_value * self.orders_per_period
        contribution = per_period * self.gross_margin
        for name, expected in (
            ("revenue_per_period", per_period),
            ("contribution_per_period", contribution),
            ("revenue", per_period * self.lifespan_periods),
            ("value", contribution * self.lifespan_periods),
        ):
            given = getattr(self, name)
            if given != expected:
                raise InvalidInputError(
                    field=name, value=given, expected=f"{expected}, from the factors"
                )


def simple_ltv(
    *,
    average_order_value: Money,
    orders_per_period: DecimalInput,
    gross_margin: DecimalInput,
    lifespan_periods: DecimalInput | None = None,
    churn_rate: DecimalInput | None = None,
) -> SimpleLtv:
    r"""Simple LTV: $AOV \times frequency \times margin \times lifespan$.

    The lifespan is given, or derived as $1 / churn$ (churn per period).
    The margin makes it a profit figure, the one to compare with CAC.
    Simple LTV assumes every customer behaves like the average; the cohort
    LTV (:func:`cohort_ltv`) measures what cohorts actually did.

    Source: ecommerceguide.com's LTV calculator: AOV $85, 4 orders a year,
    3 years, 55% margin → $1,020 revenue, $561 LTV.

    Args:
        average_order_value: AOV.
        orders_per_period: Orders per customer per period.
        gross_margin: Contribution margin, a fraction of revenue.
        lifespan_periods: Periods a customer stays (give this or churn).
        churn_rate: Share of customers lost per period, in (0, 1].

    Examples:
        >>> ltv = simple_ltv(average_order_value=Money("85", "USD"),
        ...     orders_per_period=4, gross_margin="0.55", lifespan_periods=3)
        >>> str(ltv.revenue), str(ltv.value)
        ('1020 USD', '561.00 USD')
    """
    aov = checked(non_negative_money, average_order_value, "average_order_value")
    frequency = _non_negative(orders_per_period, "orders_per_period")
    margin = _margin(gross_margin)
    lifespan = _lifespan(lifespan_periods, churn_rate)
    per_period = _product(aov, frequency, "orders_per_period")
    contribution = _product(per_period, margin, "gross_margin")
    return SimpleLtv(
        average_order_value=aov,
        orders_per_period=frequency,
        gross_margin=margin,
        lifespan_periods=lifespan,
        revenue_per_period=per_period,
        contribution_per_period=contribution,
        revenue=_product(per_period, lifespan, "lifespan_periods"),
        value=_product(contribution, lifespan, "lifespan_periods"),
    )


def _product(amount: Money, factor: Decimal, field: str) -> Money:
    # Each factor is within xborder's bounds, but their product may not be
    # (1E+30 orders of 1E+30 EUR): the result would hold a number that could
    # not be read back, so the factor that took it out of range is named.
    result = amount * factor
    if not result.is_zero() and not in_range(result.amount):
        raise InvalidInputError(
            field=field,
            value=factor,
            expected="a factor that keeps the LTV below 1E+36, no digit below 1E-100",
        )
    return result


_SMALLEST_CHURN = Decimal("1E-36")


def _non_negative(value: DecimalInput, field: str) -> Decimal:
    number = _number(value, field)
    if number < 0:
        raise InvalidInputError(field=field, value=value, expected="a number >= 0")
    return number


def _number(value: DecimalInput, field: str) -> Decimal:
    return to_decimal(value, field=field)


def _margin(value: DecimalInput) -> Decimal:
    try:
        return fraction(value)
    except XborderError as error:
        raise error.in_field("gross_margin") from None


def _lifespan(lifespan: DecimalInput | None, churn: DecimalInput | None) -> Decimal:
    if (lifespan is None) == (churn is None):
        raise InvalidInputError(
            field="lifespan_periods",
            value=lifespan,
            expected="exactly one of lifespan_periods and churn_rate",
        )
    if lifespan is not None:
        return _non_negative(lifespan, "lifespan_periods")
    try:
        rate = positive(churn)  # type: ignore[arg-type]
        rate = fraction(rate)
    except XborderError as error:
        raise error.in_field("churn_rate") from None
    if rate <= _SMALLEST_CHURN:
        # The lifespan 1 / churn must stay below 1E+36, like every number.
        raise InvalidInputError(
            field="churn_rate",
            value=churn,
            expected="a rate > 1E-36 (a lifespan below 1E+36 periods)",
        )
    return DIVISION.divide(1, rate)
