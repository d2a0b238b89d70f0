"""Purchase orders, supplier and payout terms: the cash calendar's inputs (private)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    count,
    date_value,
    fraction,
    named_errors,
    non_negative_count,
    optional_date,
    optional_text,
    positive,
    positive_count,
    require,
    text,
)
from xborder.errors import InvalidInputError
from xborder.ledger._checks import (
    checked,
    enum_of,
    is_a,
    non_negative_money,
    optional_money,
)
from xborder.money import Money

__all__ = [
    "MAX_SELLING_DAYS",
    "Milestone",
    "PayoutTerms",
    "PurchaseOrder",
    "SellThrough",
    "SupplierTerms",
]

MAX_SELLING_DAYS = 3650
"""A purchase order sells out within ten years, or the plan is refused."""


class Milestone(enum.StrEnum):
    """A purchase order's dated steps, which supplier payments follow.

    Examples:
        >>> Milestone("shipped") is Milestone.SHIPPED
        True
    """

    ORDERED = "ordered"
    """The order is placed with the factory."""
    SHIPPED = "shipped"
    """The goods leave (loaded on the vessel: the bill of lading's date)."""
    ARRIVED = "arrived"
    """The goods enter the destination's customs territory."""
    AVAILABLE = "available"
    """The goods are received and sellable in the warehouse."""


_milestone = enum_of(Milestone)


def _to_milestone(value: Milestone | str) -> Milestone:
    return _milestone(value)


def _deposit(value: Decimal | int | str) -> Decimal:
    return fraction(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SupplierTerms:
    """When the factory is paid: a deposit, then the balance after a milestone.

    The common terms of Chinese factories, 30% with the order and 70%
    before shipment against the bill of lading's copy, are
    ``SupplierTerms(deposit="0.30", balance_after="shipped")``.

    Args:
        deposit: The share paid with the order, in [0, 1].
        deposit_days: Days after the order the deposit is paid.
        balance_after: The milestone the balance follows.
        balance_days: Days after it (negative: before; ``-5`` before
            shipment is "balance 5 days before loading").

    Examples:
        >>> terms = SupplierTerms(deposit="0.30", balance_after="shipped")
        >>> terms.balance_share
        Decimal('0.70')
    """

    deposit: Decimal = attrs.field(converter=_deposit)
    deposit_days: int = attrs.field(default=0, converter=non_negative_count)
    balance_after: Milestone = attrs.field(
        default=Milestone.SHIPPED, converter=_to_milestone
    )
    balance_days: int = attrs.field(default=0, converter=count)

    def __attrs_post_init__(self) -> None:
        require(
            abs(self.balance_days) <= MAX_SELLING_DAYS,
            field="balance_days",
            value=self.balance_days,
            expected=f"at most {MAX_SELLING_DAYS} days either way",
        )
        require(
            self.deposit_days <= MAX_SELLING_DAYS,
            field="deposit_days",
            value=self.deposit_days,
            expected=f"at most {MAX_SELLING_DAYS} days",
        )

    @property
    def balance_share(self) -> Decimal:
        """1 − deposit."""
        return EXACT.subtract(1, self.deposit)


def _units_per_day(value: Decimal | int | str) -> Decimal:
    return positive(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SellThrough:
    """How an order's units sell once available: a steady rate, and what each brings.

    Args:
        per_day: Units sold per day (an average; fractions allowed).
        proceeds: What the channel credits the seller per unit sold, after
            its fees and the VAT it passes on (a waterfall's net payout).

    Examples:
        >>> rate = SellThrough(per_day=20, proceeds=Money("7.26", "USD"))
        >>> rate.days_to_sell(1500)
        75
    """

    per_day: Decimal = attrs.field(converter=_units_per_day)
    proceeds: Money = attrs.field(converter=non_negative_money)

    def days_to_sell(self, units: int) -> int:
        """Days until ``units`` are sold: ⌈units / per day⌉.

        Raises:
            InvalidTypeError: ``units`` is not an int.
            InvalidInputError: ``units`` is negative.
        """
        units = checked(non_negative_count, units, "units")
        quotient = EXACT.divide_int(units, self.per_day)
        whole = int(quotient)
        if EXACT.multiply(quotient, self.per_day) < units:
            whole += 1
        return whole


def _terms(value: SupplierTerms) -> SupplierTerms:
    return is_a(SupplierTerms, value)


def _sales(value: SellThrough | None) -> SellThrough | None:
    return None if value is None else is_a(SellThrough, value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PurchaseOrder:
    """A purchase order from the factory to the shelf, with its costs and dates.

    Args:
        name: The order's reference.
        units: Units ordered.
        goods: The factory's invoice (CNY, USD...).
        terms: When the factory is paid.
        ordered_on: The day the order is placed.
        shipped_on: The day the goods leave (freight is paid then, plus
            ``freight_days``).
        arrives_on: The day they enter customs (duty and import VAT paid).
        available_on: The day they are sellable (the 3PL's inbound paid).
        sku: The product, if the order is for one.
        freight: Freight to the warehouse.
        freight_days: Days after shipment the freight is paid.
        duty: Duty and customs fees at entry.
        import_vat: Import VAT at entry, recovered later.
        vat_recovered_on: The day the VAT return refunds it (or lowers the
            VAT paid): required with ``import_vat``.
        inbound: The warehouse's receiving fee.
        sales: How the units sell; ``None``: the calendar stops at the shelf.

    Raises:
        InvalidInputError: Dates out of order, a VAT refund before its
            payment, or import VAT with no refund day.

    Examples:
        >>> order = PurchaseOrder(name="PO-1", units=1500,
        ...     goods=Money("24675", "CNY"),
        ...     terms=SupplierTerms(deposit="0.30", balance_after="shipped"),
        ...     ordered_on="2026-01-05", shipped_on="2026-02-20",
        ...     arrives_on="2026-03-25", available_on="2026-04-01")
        >>> order.lead_days
        86
    """

    name: str = attrs.field(converter=text)
    units: int = attrs.field(converter=positive_count)
    goods: Money = attrs.field(converter=non_negative_money)
    terms: SupplierTerms = attrs.field(converter=_terms)
    ordered_on: dt.date = attrs.field(converter=date_value)
    shipped_on: dt.date = attrs.field(converter=date_value)
    arrives_on: dt.date = attrs.field(converter=date_value)
    available_on: dt.date = attrs.field(converter=date_value)
    sku: str | None = attrs.field(default=None, converter=optional_text)
    freight: Money | None = attrs.field(default=None, converter=optional_money)
    freight_days: int = attrs.field(default=0, converter=non_negative_count)
    duty: Money | None = attrs.field(default=None, converter=optional_money)
    import_vat: Money | None = attrs.field(default=None, converter=optional_money)
    vat_recovered_on: dt.date | None = attrs.field(
        default=None, converter=optional_date
    )
    inbound: Money | None = attrs.field(default=None, converter=optional_money)
    sales: SellThrough | None = attrs.field(default=None, converter=_sales)

    def __attrs_post_init__(self) -> None:
        steps = (
            ("shipped_on", self.ordered_on, self.shipped_on),
            ("arrives_on", self.shipped_on, self.arrives_on),
            ("available_on", self.arrives_on, self.available_on),
        )
        for name, before, after in steps:
            if after < before:
                raise InvalidInputError(
                    field=name, value=after, expected=f"a day on or after {before}"
                )
        if (self.available_on - self.ordered_on).days > MAX_SELLING_DAYS:
            raise InvalidInputError(
                field="available_on",
                value=self.available_on,
                expected=f"within {MAX_SELLING_DAYS} days of the order",
            )
        require(
            self.freight_days <= MAX_SELLING_DAYS,
            field="freight_days",
            value=self.freight_days,
            expected=f"at most {MAX_SELLING_DAYS} days",
        )
        if self.import_vat is not None and self.vat_recovered_on is None:
            raise InvalidInputError(
                field="vat_recovered_on",
                value=None,
                expected="the day the import VAT comes back",
            )
        if (
            self.vat_recovered_on is not None
            and not 0
            <= (self.vat_recovered_on - self.arrives_on).days
            <= MAX_SELLING_DAYS
        ):
            raise InvalidInputError(
                field="vat_recovered_on",
                value=self.vat_recovered_on,
                expected=f"a day from {self.arrives_on}, within ten years",
            )
        if (
            self.sales is not None
            and self.sales.days_to_sell(self.units) > MAX_SELLING_DAYS
        ):
            raise InvalidInputError(
                field="sales.per_day",
                value=self.sales.per_day,
                expected=f"a rate that sells {self.units} units within "
                f"{MAX_SELLING_DAYS} days",
            )

    @property
    def lead_days(self) -> int:
        """Days from the order to the shelf."""
        return (self.available_on - self.ordered_on).days

    def milestone(self, which: Milestone) -> dt.date:
        """The day of a milestone.

        Examples:
            >>> terms = SupplierTerms(deposit="0.3")
            >>> order = PurchaseOrder(name="PO-1", units=10, goods=Money("10", "USD"),
            ...     terms=terms, ordered_on="2026-01-05", shipped_on="2026-02-20",
            ...     arrives_on="2026-03-25", available_on="2026-04-01")
            >>> order.milestone(Milestone.ARRIVED)
            datetime.date(2026, 3, 25)
        """
        days = {
            Milestone.ORDERED: self.ordered_on,
            Milestone.SHIPPED: self.shipped_on,
            Milestone.ARRIVED: self.arrives_on,
            Milestone.AVAILABLE: self.available_on,
        }
        return days[_milestone(which)]


def _every(value: int) -> int:
    number = positive_count(value)
    require(number <= 366, field=None, value=value, expected="1 to 366 days")  # noqa: PLR2004
    return number


def _lag(value: int) -> int:
    number = non_negative_count(value)
    require(number <= 366, field=None, value=value, expected="0 to 366 days")  # noqa: PLR2004
    return number


def _reserve(value: Decimal | int | str) -> Decimal:
    number = fraction(value)
    require(number < 1, field=None, value=value, expected="a share below 1")
    return number


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PayoutTerms:
    """When a channel pays out what it sold: settlement periods, lag and reserve.

    Sales settle in periods of ``every_days`` days from ``anchor`` (the
    first day stock is available, if not given); each settlement is
    deposited ``lag_days`` after it closes. It holds back ``reserve`` of
    its period's proceeds and releases the previous settlement's reserve,
    as Amazon's settlement lines "Current Reserve Amount" and "Previous
    Reserve Amount Balance" do. A final settlement releases the last reserve.

    Args:
        every_days: Days per settlement period (Amazon: 14).
        lag_days: Days from a period's close to the deposit.
        reserve: The share of a period's proceeds held until the next one.
        anchor: The first settlement period's first day.

    Examples:
        >>> PayoutTerms(every_days=14, lag_days=3, reserve="0.1").reserve
        Decimal('0.1')
    """

    every_days: int = attrs.field(default=14, converter=_every)
    lag_days: int = attrs.field(default=3, converter=_lag)
    reserve: Decimal = attrs.field(default=Decimal(0), converter=_reserve)
    anchor: dt.date | None = attrs.field(default=None, converter=optional_date)
