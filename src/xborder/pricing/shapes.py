r"""Fee shapes beyond the referral percentage: per order, on attributed sales, taxed.

Marketplaces charge in more shapes than a percentage of the price, and the
same price nets differently on each channel because of them:

* :class:`OrderFee`: a fixed fee per *order*, possibly tiered by the order
  total (eBay US from 15 March 2024: \$0.30 for an order of \$10 or less,
  \$0.40 above; Etsy US payment processing: \$0.25 per order). A
  :class:`~xborder.pricing.FeeSchedule` spreads it over the units of an
  order (:attr:`~xborder.pricing.FeeSchedule.units_per_order`), each unit's
  share rounded to the minor unit;
* :class:`AttributedFee`: a percentage of the order total charged only on
  the orders an ad is credited with, capped per order (Etsy Offsite Ads:
  15% or 12%, at most \$100 an order); its expected cost per unit is the
  attributed share × min(rate × order total, cap) ÷ units per order;
* :class:`FeeTax`: a tax charged on the channel's fees themselves (VAT on
  fees quoted ex-VAT for a seller who cannot reclaim it, Malaysia's SST on
  commission), shown as its own line.

The order total is what the buyer pays for the order's units: the price
with the tax in it (:attr:`~xborder.pricing.VatBasis.INCLUSIVE`) times the
units per order, as eBay US counts sales tax in it; an attributed fee says
its own basis. A referral fee's per-item cap (eBay UK private sellers: 10%,
at most £250 an item) is :attr:`~xborder.pricing.ReferralFee.maximum`.

Examples:
    >>> from xborder.money import Money
    >>> ebay = OrderFee(
    ...     label="Per-order fee",
    ...     tiers=(
    ...         OrderFeeTier(amount=Money("0.30", "USD"), up_to=Money("10.00", "USD")),
    ...         OrderFeeTier(amount=Money("0.40", "USD")),
    ...     ),
    ... )
    >>> str(ebay.fee(Money("10.00", "USD"))), str(ebay.fee(Money("10.01", "USD")))
    ('0.30 USD', '0.40 USD')
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._guard import guard_public
from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    optional_text,
    positive_count,
    require,
    text,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Currency, Money
from xborder.money.converters import exact_money, non_negative_money
from xborder.pricing._common import optional_money, percent, same_currency
from xborder.pricing.referral import VatBasis

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["AttributedFee", "FeeTax", "OrderFee", "OrderFeeTier"]


def _total(value: Money, currency: Currency | None) -> Decimal:
    """An order total given to a public method: Money >= 0 in the fee's currency."""
    if not isinstance(value, Money):
        raise InvalidTypeError(field="order_total", value=value, expected="Money")
    if value.is_negative():
        raise InvalidInputError(
            field="order_total", value=value, expected="an amount >= 0"
        )
    if currency is not None:
        same_currency(value, currency, "order_total")
    return value.amount


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class OrderFeeTier:
    r"""One tier of a per-order fee: ``amount`` for orders up to ``up_to``.

    Args:
        amount: The fee per order in this tier, >= 0.
        up_to: The tier's upper edge on the order total, inclusive ("\$10 or
            less"); ``None`` for the last, open-ended tier.

    Examples:
        >>> tier = OrderFeeTier(amount=Money("0.30", "USD"), up_to=Money("10", "USD"))
        >>> str(tier.amount), str(tier.up_to)
        ('0.30 USD', '10 USD')
    """

    amount: Money = attrs.field(converter=non_negative_money)
    up_to: Money | None = attrs.field(default=None, converter=optional_money)


def _tiers(values: Iterable[OrderFeeTier]) -> tuple[OrderFeeTier, ...]:
    return tuple_of(values, OrderFeeTier)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class OrderFee:
    r"""A fixed fee per order, possibly tiered by the order total.

    Source for the tiered shape: eBay Seller Center, 2024 winter update
    (from 15 March 2024 the per-order fee is \$0.40 for orders over \$10 and
    \$0.30 for orders of \$10 or less).

    Args:
        label: What the fee is ("Per-order fee").
        tiers: Tiers in ascending order of ``up_to``; the last has
            ``up_to=None``. One tier is a flat fee per order.
        source: Where the fee was read, if it is a published fee.

    Raises:
        InvalidInputError: No tiers, edges not ascending, a closed last tier
            or an open tier before the last.
        CurrencyMismatchError: Amounts in different currencies.

    Examples:
        >>> etsy = OrderFee.flat("Payment processing (fixed)", Money("0.25", "USD"))
        >>> str(etsy.fee(Money("40.00", "USD")))
        '0.25 USD'
    """

    label: str = attrs.field(converter=text)
    tiers: tuple[OrderFeeTier, ...] = attrs.field(converter=_tiers)
    source: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        require(
            bool(self.tiers),
            field="tiers",
            value=self.tiers,
            expected="at least one OrderFeeTier",
        )
        currency = self.tiers[0].amount.currency
        last = len(self.tiers) - 1
        previous: Money | None = None
        for index, tier in enumerate(self.tiers):
            same_currency(tier.amount, currency, f"tiers[{index}].amount")
            field = f"tiers[{index}].up_to"
            if index == last:
                require(
                    tier.up_to is None,
                    field=field,
                    value=tier.up_to,
                    expected="None: the last tier is open-ended",
                )
                continue
            require(
                tier.up_to is not None,
                field=field,
                value=None,
                expected="an upper edge (only the last tier is open-ended)",
            )
            if tier.up_to is not None:
                same_currency(tier.up_to, currency, field)
                if previous is not None:
                    require(
                        tier.up_to > previous,
                        field=field,
                        value=tier.up_to,
                        expected=f"an edge above the previous one ({previous})",
                    )
                previous = tier.up_to

    @classmethod
    def flat(cls, label: str, amount: Money, source: str | None = None) -> OrderFee:
        """One fee for every order.

        Examples:
            >>> str(OrderFee.flat("Per-order fee", Money("0.30", "GBP")).currency)
            'GBP'
        """
        return cls(label=label, tiers=(OrderFeeTier(amount=amount),), source=source)

    @property
    def currency(self) -> Currency:
        """The currency of the fee's amounts."""
        return self.tiers[0].amount.currency

    def tier_for(self, order_total: Money) -> OrderFeeTier:
        """The tier holding ``order_total`` (an edge belongs to the tier below).

        Examples:
            >>> fee = OrderFee(label="x", tiers=(
            ...     OrderFeeTier(amount=Money("0.30", "USD"), up_to=Money("10", "USD")),
            ...     OrderFeeTier(amount=Money("0.40", "USD")),
            ... ))
            >>> str(fee.tier_for(Money("10.00", "USD")).amount)
            '0.30 USD'
        """
        return self._tier_for(_total(order_total, self.currency))

    def _tier_for(self, total: Decimal) -> OrderFeeTier:
        for tier in self.tiers:
            if tier.up_to is None or total <= tier.up_to.amount:
                return tier
        return self.tiers[-1]  # pragma: no cover - the last tier is open-ended

    def fee(self, order_total: Money) -> Money:
        """The fee on one order of ``order_total``.

        Examples:
            >>> str(OrderFee.flat("x", Money("0.25", "USD")).fee(Money("5", "USD")))
            '0.25 USD'
        """
        return self.tier_for(order_total).amount

    def describe(self, units: int) -> str:
        """The fee in words, spread over ``units`` per order.

        Examples:
            >>> print(OrderFee.flat("x", Money("0.25", "USD")).describe(2))
            0.25 USD per order, spread over 2 units per order
        """
        units = positive_count(units)
        if len(self.tiers) == 1:
            rule = f"{self.tiers[0].amount} per order"
        else:
            parts = []
            for tier in self.tiers:
                if tier.up_to is None:
                    parts.append(f"{tier.amount} above")
                else:
                    parts.append(f"{tier.amount} up to {tier.up_to.amount}")
            rule = f"{', '.join(parts)} per order, by order total"
        if units == 1:
            return rule
        return f"{rule}, spread over {units} units per order"


def _optional_basis(value: VatBasis) -> VatBasis:
    if not isinstance(value, VatBasis):
        raise InvalidTypeError(field=None, value=value, expected="a VatBasis")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class AttributedFee:
    r"""A percentage of the order total on the orders an ad is credited with.

    The expected fee per unit is

    $$\frac{s \cdot \min(r \cdot T,\ \text{cap})}{n}$$

    for an attributed share $s$ of orders, rate $r$, order total $T$ of $n$
    units. Source for the shape: Etsy Offsite Ads (15% of the order total
    for sellers below \$10,000 of sales in the last 12 months, 12% above;
    at most \$100 per order; Etsy's terms as quoted by geeky-gadgets.com,
    2020, and bengago.com, 2026).

    Args:
        label: What the fee is ("Offsite Ads fee").
        rate: The percentage of the order total, as a fraction.
        share: The share of orders the ad is credited with, in [0, 1]
            (your own history: Etsy's Offsite Ads dashboard).
        basis: Whether the order total includes VAT or sales tax.
        maximum: The cap per order, or ``None``.
        source: Where the fee was read, if it is a published fee.

    Examples:
        >>> ads = AttributedFee(
        ...     label="Offsite Ads fee", rate="0.15", share="0.2",
        ...     basis=VatBasis.EXCLUSIVE, maximum=Money("100", "USD"),
        ... )
        >>> str(ads.fee(Money("1000.00", "USD")))
        '100 USD'
        >>> str(ads.fee(Money("40.00", "USD")))
        '6.0000 USD'
    """

    label: str = attrs.field(converter=text)
    rate: Decimal = attrs.field(converter=fraction)
    share: Decimal = attrs.field(converter=fraction)
    basis: VatBasis = attrs.field(converter=_optional_basis)
    maximum: Money | None = attrs.field(default=None, converter=optional_money)
    source: str | None = attrs.field(default=None, converter=optional_text)

    def fee(self, order_total: Money) -> Money:
        """The fee on one attributed order of ``order_total``, unrounded.

        Examples:
            >>> ads = AttributedFee(label="x", rate="0.12", share=1,
            ...                     basis=VatBasis.EXCLUSIVE)
            >>> str(ads.fee(Money("50.00", "USD")))
            '6.0000 USD'
        """
        cap = self.maximum
        total = _total(order_total, None if cap is None else cap.currency)
        fee = EXACT.multiply(self.rate, total)
        if cap is not None and fee > cap.amount:
            fee = cap.amount
        return exact_money(fee, order_total.currency)

    @property
    def description(self) -> str:
        """The fee in words.

        Examples:
            >>> ads = AttributedFee(label="x", rate="0.15", share="0.1",
            ...                     basis=VatBasis.EXCLUSIVE)
            >>> print(ads.description)
            15% of the order total excluding VAT, on 10% of orders
        """
        vat = "including" if self.basis is VatBasis.INCLUSIVE else "excluding"
        rule = f"{percent(self.rate)} of the order total {vat} VAT"
        if self.maximum is not None:
            rule += f", at most {self.maximum} per order"
        return f"{rule}, on {percent(self.share)} of orders"


def _tax_rate(value: DecimalInput) -> Decimal:
    return fraction(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FeeTax:
    """A tax charged on the channel's fees, which the seller cannot reclaim.

    EU and UK marketplaces quote fees without VAT and add it on the
    invoice: a seller registered for VAT there reclaims it, one who is not
    pays it (Etsy's Fees & Payments Policy: fees are exclusive of VAT;
    Amazon.co.uk's fee schedule: all fees VAT-exclusive). Malaysia adds 6%
    SST to Shopee's commission. The tax is ``rate`` × every fee the
    channel charges per unit (referral, fixed, fulfilment, storage,
    per-order, attributed and payment fees; not the payout conversion),
    rounded once to the minor unit.

    Args:
        label: The line's label ("VAT on fees").
        rate: The tax rate as a fraction.
        source: Where the rule was read, if anywhere.

    Examples:
        >>> print(FeeTax(label="VAT on fees", rate="0.20").description)
        20% of the channel's fees, not reclaimable
    """

    label: str = attrs.field(converter=text)
    rate: Decimal = attrs.field(converter=_tax_rate)
    source: str | None = attrs.field(default=None, converter=optional_text)

    @property
    def description(self) -> str:
        """The tax in words."""
        return f"{percent(self.rate)} of the channel's fees, not reclaimable"


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
