r"""What a promotion offers and costs: discounts, coupons, deals, demand effects.

* :class:`Discount`: a share off, an amount off, or a promotional price. It
  applies to the **shelf price**, the price the buyer sees: VAT included
  where the market includes it (20% off £11.99 is £9.59, VAT and all).
* :class:`Coupon`: a discount that only the buyers who clip it get
  (``redemption_rate``), a fee per redemption (an amount, a share of the
  discounted price, or both), a fee per coupon run, and an optional budget
  that the discounts and redemption fees draw down.
* :class:`Deal`: a deal event (a Lightning Deal, a Prime Day deal): every
  buyer gets the price; a fixed fee per event and fees per unit sold.
* :class:`DemandEffects`: what the promotion does to other sales, per
  **incremental** unit (a unit sold above the baseline): cannibalisation of
  the seller's other full-price sales, the post-promotion dip, and halo.

The calculators in :mod:`xborder.pricing.promotions.outcomes` price these on
a :class:`~xborder.pricing.Listing`.

Examples:
    >>> from xborder.money import Money
    >>> str(Discount.percent_off("0.20").apply(Money("11.99", "GBP")))
    '9.59 GBP'
    >>> coupon = Coupon(discount=Discount.amount_off(Money("4.00", "USD")),
    ...                 redemption_fee=Money("0.60", "USD"))
    >>> coupon.description
    '4.00 USD off; 0.60 USD per redemption; every buyer redeems'
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

import attrs

from xborder._guard import guard_public
from xborder._ops import DECIMALS
from xborder._validate import DecimalInput, fraction, named_errors, non_negative, text
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode
from xborder.money.converters import exact_money, non_negative_money
from xborder.pricing._common import optional_money, percent, rounding
from xborder.pricing.promotions import _arith

if TYPE_CHECKING:
    from xborder.money import Currency

__all__ = ["Coupon", "Deal", "DemandEffects", "Discount", "Promotion"]


def _optional_share(value: DecimalInput | None) -> Decimal | None:
    if value is None:
        return None
    share = fraction(value)
    if share >= 1:
        raise InvalidInputError(
            field=None, value=value, expected="a share off below 1 (20% is '0.20')"
        )
    return share


def _optional_positive_money(value: Money | None) -> Money | None:
    money = optional_money(value)
    if money is not None and money.is_zero():
        raise InvalidInputError(field=None, value=value, expected="an amount > 0")
    return money


def check_amount(money: Money, currency: Currency, field: str) -> Money:
    """``money`` in ``currency`` and in whole minor units, or a named error."""
    if money.currency != currency:
        raise CurrencyMismatchError(
            "a promotion is priced in the listing's currency",
            field=field,
            value=money,
            expected=f"an amount in {currency.code}",
        )
    if not money.is_quantized():
        raise InvalidInputError(
            "quantize it with a named RoundingMode first",
            field=field,
            value=money,
            expected=f"a whole number of {currency.minor_unit}",
        )
    return money


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Discount:
    """A discount on the shelf price: a share off, an amount off, or a new price.

    Give exactly one of ``share``, ``amount`` and ``price`` (or use
    :meth:`percent_off`, :meth:`amount_off`, :meth:`to_price`). The
    discount applies to the listing price, the one the buyer sees: VAT
    included where the market includes it, so an amount off is an amount
    off the VAT-inclusive price.

    Args:
        share: The share off, in [0, 1) (20% off is ``"0.20"``).
        amount: The amount off, >= 0.
        price: The promotional price itself, > 0.
        rounding: How a share off is rounded to the minor unit (half-up
            unless you name another mode).

    Raises:
        InvalidInputError: None or more than one of the three is given.

    Examples:
        >>> str(Discount.to_price(Money("9.99", "USD")).apply(Money("13.99", "USD")))
        '9.99 USD'
        >>> from xborder.errors import InvalidInputError
        >>> try:
        ...     Discount(share="0.20", amount=Money("1.00", "USD"))
        ... except InvalidInputError as error:
        ...     print(error.field, "-", error.expected)
        share - exactly one of share, amount and price
    """

    share: Decimal | None = attrs.field(default=None, converter=_optional_share)
    amount: Money | None = attrs.field(default=None, converter=optional_money)
    price: Money | None = attrs.field(default=None, converter=_optional_positive_money)
    rounding: RoundingMode = attrs.field(
        default=RoundingMode.HALF_UP, converter=rounding
    )

    def __attrs_post_init__(self) -> None:
        given = [v for v in (self.share, self.amount, self.price) if v is not None]
        if len(given) != 1:
            raise InvalidInputError(
                field="share",
                value=self.share,
                expected="exactly one of share, amount and price",
            )

    @classmethod
    def percent_off(cls, share: DecimalInput) -> Discount:
        """A share off the shelf price: ``percent_off("0.20")`` is 20% off.

        Examples:
            >>> Discount.percent_off("0.20").description
            '20% off'
        """
        return cls(share=share)

    @classmethod
    def amount_off(cls, amount: Money) -> Discount:
        """An amount off the shelf price.

        Examples:
            >>> Discount.amount_off(Money("4.00", "USD")).description
            '4.00 USD off'
        """
        return cls(amount=amount)

    @classmethod
    def to_price(cls, price: Money) -> Discount:
        """A promotional price (a deal price), whatever the shelf price was.

        Examples:
            >>> Discount.to_price(Money("9.99", "USD")).description
            'price 9.99 USD'
        """
        return cls(price=price)

    @property
    def description(self) -> str:
        """The discount in words."""
        if self.share is not None:
            return f"{percent(self.share)} off"
        if self.amount is not None:
            return f"{self.amount} off"
        return f"price {self.price}"

    def apply(self, price: Money) -> Money:
        """The discounted price of a shelf price ``price`` (in its currency).

        Raises:
            InvalidInputError: The discount leaves no price (it reaches the
                price), or a promotional price above the shelf price.
            CurrencyMismatchError: The amount or price is in another currency.

        Examples:
            >>> four_off = Discount.amount_off(Money("4.00", "USD"))
            >>> str(four_off.apply(Money("25.00", "USD")))
            '21.00 USD'
        """
        if not isinstance(price, Money):
            raise InvalidTypeError(field="price", value=price, expected="Money")
        currency = price.currency
        amount = fixed = None
        if self.amount is not None:
            amount = check_amount(self.amount, currency, "discount.amount").amount
        elif self.price is not None:
            fixed = check_amount(self.price, currency, "discount.price")
            if fixed > price:
                raise InvalidInputError(
                    field="discount.price",
                    value=self.price,
                    expected=f"a promotional price no higher than {price}",
                )
        kept = _arith.discounted(
            DECIMALS,
            price.amount,
            share=self.share,
            amount=amount,
            fixed=None if fixed is None else fixed.amount,
            unit=currency.minor_unit,
            rounding=self.rounding.value,
        )
        discounted = exact_money(kept, currency)
        if not discounted.amount > 0:
            raise InvalidInputError(
                field="discount",
                value=self.description,
                expected=f"a discount that leaves a price above zero on {price}",
            )
        return discounted


def _discount(value: Discount) -> Discount:
    if not isinstance(value, Discount):
        raise InvalidTypeError(field=None, value=value, expected="a Discount")
    return value


def _redemption_rate(value: DecimalInput) -> Decimal:
    rate = fraction(value)
    if rate == 0:
        raise InvalidInputError(
            field=None,
            value=value,
            expected="a share of buyers in (0, 1]: a coupon no one clips sells nothing",
        )
    return rate


def _fees_in_words(unit_fee: Money | None, fee_rate: Decimal, unit: str) -> list[str]:
    parts = []
    if unit_fee is not None:
        parts.append(f"{unit_fee} per {unit}")
    if fee_rate:
        parts.append(f"{percent(fee_rate)} of the discounted price per {unit}")
    return parts


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Coupon:
    r"""A clip-to-save coupon: a discount for the buyers who clip it, and its fees.

    Amazon's coupon budget is shared by the discounts and the redemption
    fees ("($4.00 × 50) + ($0.60 × 50) = $230", Seller Central help,
    "How do coupon budgets work?", item 202189370, read 2026-12-07); once
    it is spent the coupon goes offline and the listing sells at its shelf
    price again. Amazon US moved in 2025 from \$0.60 per redemption to \$5
    per coupon plus 2.5% of coupon sales (secondary sources): that is
    ``event_fee`` and ``fee_rate``. No preset is shipped: check your
    marketplace's current fees.

    Args:
        discount: What a redeeming buyer saves.
        redemption_fee: A fee per redemption (an amount).
        fee_rate: A fee per redemption as a share of the discounted price.
        event_fee: A fee per coupon run, whatever it sells.
        redemption_rate: The share of the promotion's buyers who clip the
            coupon, in (0, 1]; the rest pay the shelf price.
        budget: What the discounts and redemption fees may spend, or
            ``None`` for no limit.
        label: What the coupon is called in the waterfall.

    Examples:
        >>> coupon = Coupon(discount=Discount.percent_off("0.20"),
        ...                 event_fee=Money("5.00", "USD"), fee_rate="0.025",
        ...                 redemption_rate="0.6")
        >>> print(coupon.description.replace("; ", "\n"))
        20% off
        2.5% of the discounted price per redemption
        5.00 USD per run
        60% of buyers redeem
    """

    discount: Discount = attrs.field(converter=_discount)
    redemption_fee: Money | None = attrs.field(default=None, converter=optional_money)
    fee_rate: Decimal = attrs.field(default=Decimal(0), converter=fraction)
    event_fee: Money | None = attrs.field(default=None, converter=optional_money)
    redemption_rate: Decimal = attrs.field(
        default=Decimal(1), converter=_redemption_rate
    )
    budget: Money | None = attrs.field(default=None, converter=_optional_positive_money)
    label: str = attrs.field(default="Coupon", converter=text)

    @property
    def unit_fee(self) -> Money | None:
        """The fee per redeemed unit as an amount (the redemption fee)."""
        return self.redemption_fee

    @property
    def description(self) -> str:
        """The coupon in words."""
        parts = [self.discount.description]
        parts += _fees_in_words(self.redemption_fee, self.fee_rate, "redemption")
        if self.event_fee is not None:
            parts.append(f"{self.event_fee} per run")
        rate = self.redemption_rate
        parts.append(
            "every buyer redeems" if rate == 1 else f"{percent(rate)} of buyers redeem"
        )
        if self.budget is not None:
            parts.append(f"budget {self.budget}")
        return "; ".join(parts)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Deal:
    """A deal event: every buyer gets the deal price; a fee per event and per unit.

    Args:
        discount: The deal price (:meth:`Discount.to_price`) or the discount.
        event_fee: The fee per event (Amazon's Lightning Deal or Prime Day
            deal fee), whatever it sells.
        unit_fee: A fee per unit sold during the event, as an amount.
        fee_rate: A fee per unit as a share of the deal price.
        label: What the deal is called in the waterfall.

    Examples:
        >>> deal = Deal(discount=Discount.to_price(Money("9.99", "USD")),
        ...             event_fee=Money("70.00", "USD"))
        >>> deal.description
        'price 9.99 USD; 70.00 USD per event'
    """

    discount: Discount = attrs.field(converter=_discount)
    event_fee: Money | None = attrs.field(default=None, converter=optional_money)
    unit_fee: Money | None = attrs.field(default=None, converter=optional_money)
    fee_rate: Decimal = attrs.field(default=Decimal(0), converter=fraction)
    label: str = attrs.field(default="Deal", converter=text)

    @property
    def redemption_rate(self) -> Decimal:
        """Every buyer of a deal gets its price: 1."""
        return Decimal(1)

    @property
    def budget(self) -> Money | None:
        """A deal has no budget: ``None``."""
        return None

    @property
    def description(self) -> str:
        """The deal in words."""
        parts = [self.discount.description]
        parts += _fees_in_words(self.unit_fee, self.fee_rate, "unit")
        if self.event_fee is not None:
            parts.append(f"{self.event_fee} per event")
        return "; ".join(parts)


Promotion: TypeAlias = Coupon | Deal
"""A coupon or a deal: what the promotion calculators take."""


def _optional_contribution(value: Money | None) -> Money | None:
    return None if value is None else non_negative_money(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class DemandEffects:
    """What a promotion does to other sales, per incremental unit it sells.

    An **incremental** unit is one sold above the baseline (the units the
    listing would have sold at its shelf price over the same period).
    Each effect is a number of full-price units per incremental unit:

    Args:
        cannibalisation: The share of incremental units taken from the
            seller's other full-price sales (a sibling SKU, the same item
            on another channel), in [0, 1].
        cannibalised_contribution: What each of those lost sales earned;
            ``None`` for the listing's own full-price contribution.
        dip: Full-price units lost after the event per incremental unit
            (buyers who stocked up), in [0, 1]; each loses the listing's
            full-price contribution.
        halo: Extra full-price units of other products per incremental
            unit (>= 0).
        halo_contribution: The contribution of each halo unit; required
            when ``halo`` is above zero.

    Examples:
        >>> effects = DemandEffects(cannibalisation="0.25", dip="0.10")
        >>> effects.description
        '25% cannibalised; 10% dip after the event'
    """

    cannibalisation: Decimal = attrs.field(default=Decimal(0), converter=fraction)
    cannibalised_contribution: Money | None = attrs.field(
        default=None, converter=_optional_contribution
    )
    dip: Decimal = attrs.field(default=Decimal(0), converter=fraction)
    halo: Decimal = attrs.field(default=Decimal(0), converter=non_negative)
    halo_contribution: Money | None = attrs.field(
        default=None, converter=_optional_contribution
    )

    def __attrs_post_init__(self) -> None:
        if self.halo and self.halo_contribution is None:
            raise InvalidInputError(
                field="halo_contribution",
                value=None,
                expected="the contribution of each halo unit when halo > 0",
            )

    @property
    def description(self) -> str:
        """The effects in words."""
        parts = []
        if self.cannibalisation:
            parts.append(f"{percent(self.cannibalisation)} cannibalised")
        if self.dip:
            parts.append(f"{percent(self.dip)} dip after the event")
        if self.halo:
            parts.append(f"{self.halo} halo units at {self.halo_contribution}")
        return "; ".join(parts) or "none"


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
