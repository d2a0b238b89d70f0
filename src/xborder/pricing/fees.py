r"""Fee schedules as data: referral fees, fixed fees, payment processing, payouts.

A channel charges a seller in a few recurring shapes, and each is a small,
immutable value here:

* :class:`ReferralFee`: a marketplace's commission, a percentage of the
  total sales price by category, either one rate for the whole price chosen
  by price band (:attr:`TierMode.WHOLE`: Amazon US Beauty, 8% up to \$10 and
  15% above) or a rate per portion of the price (:attr:`TierMode.MARGINAL`:
  Amazon US Electronics Accessories, 15% of the portion up to \$100 and 8% of
  the rest), never less than a per-item minimum, charged on the price with or
  without VAT as the schedule says (:class:`VatBasis`);
* :class:`FixedAmount`: a flat amount per unit, such as a closing fee, the
  per-item fee of a marketplace's individual plan, or a packaging cost;
* :class:`PaymentFee`: an independent site's card processing, a percentage
  plus a fixed amount per transaction, with the international-card and
  currency-conversion surcharges that stack on top of it;
* :class:`FeeSchedule`: one channel's fees together, plus the per-unit
  fulfilment and storage fees a marketplace bills for a SKU and the
  conversion fee charged when the payout is converted to the seller's home
  currency.

The referral fee lives in :mod:`xborder.pricing.referral` and card fees in
:mod:`xborder.pricing.payment`; this module puts them together.

Rates are fractions (15% is ``"0.15"``), amounts are :class:`~xborder.money.Money`
in the schedule's currency, and fees are rounded to the minor unit with the
schedule's named :class:`~xborder.money.RoundingMode` (half-up by default,
which is how the published examples round: 15% × \$29.99 = \$4.4985 → \$4.50).
The illustrative presets in :mod:`xborder.pricing.presets` are built from
these classes; your own schedules are built the same way.

Examples:
    >>> from xborder.money import Money
    >>> from xborder.pricing import ReferralFee, VatBasis
    >>> referral = ReferralFee.flat(
    ...     "0.15", basis=VatBasis.EXCLUSIVE, minimum=Money("0.30", "USD")
    ... )
    >>> amazon = FeeSchedule(
    ...     name="Amazon.com FBA",
    ...     currency="USD",
    ...     referral=referral,
    ...     fulfilment=Money("4.50", "USD"),
    ... )
    >>> str(amazon.referral.fee(Money("29.99", "USD")))
    '4.4985 USD'
    >>> amazon.unit_fees
    Decimal('4.50')
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from xborder._exact import EXACT
from xborder._guard import guard_public
from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    positive_count,
    require,
    text,
    tuple_of,
)
from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import non_negative_money, to_currency
from xborder.pricing._common import (
    flag,
    optional_money,
    optional_text,
    optional_validity,
    rounding,
    same_currency,
)
from xborder.pricing.payment import PaymentFee
from xborder.pricing.referral import ReferralFee
from xborder.pricing.shapes import AttributedFee, FeeTax, OrderFee

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["FeeSchedule", "FixedAmount"]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FixedAmount:
    """A flat amount per unit sold: a closing fee, a per-item fee, a packaging cost.

    Args:
        label: What the amount is ("Closing fee", "Per-item fee").
        amount: The amount per unit, >= 0.
        source: Where it comes from, if it is a published fee.

    Examples:
        >>> fee = FixedAmount(label="Per-item fee", amount=Money("0.99", "USD"))
        >>> str(fee)
        'Per-item fee: 0.99 USD'
    """

    label: str = attrs.field(converter=text)
    amount: Money = attrs.field(converter=non_negative_money)
    source: str | None = attrs.field(default=None, converter=optional_text)

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"


def _fixed(values: Iterable[FixedAmount]) -> tuple[FixedAmount, ...]:
    return tuple_of(values, FixedAmount)


def _optional_referral(value: ReferralFee | None) -> ReferralFee | None:
    if value is not None and not isinstance(value, ReferralFee):
        raise InvalidTypeError(
            field=None, value=value, expected="a ReferralFee or None"
        )
    return value


def _optional_payment(value: PaymentFee | None) -> PaymentFee | None:
    if value is not None and not isinstance(value, PaymentFee):
        raise InvalidTypeError(field=None, value=value, expected="a PaymentFee or None")
    return value


def _per_order(values: Iterable[OrderFee]) -> tuple[OrderFee, ...]:
    return tuple_of(values, OrderFee)


def _optional_attributed(value: AttributedFee | None) -> AttributedFee | None:
    if value is not None and not isinstance(value, AttributedFee):
        raise InvalidTypeError(
            field=None, value=value, expected="an AttributedFee or None"
        )
    return value


def _optional_fee_tax(value: FeeTax | None) -> FeeTax | None:
    if value is not None and not isinstance(value, FeeTax):
        raise InvalidTypeError(field=None, value=value, expected="a FeeTax or None")
    return value


def _units(value: int) -> int:
    number = positive_count(value)
    # An order total is the price times these: keep it within the waterfall's range.
    require(number <= _MOST_UNITS, field=None, value=value, expected="at most 10^6")
    return number


_MOST_UNITS = 10**6


def _payout_rate(value: DecimalInput) -> Decimal:
    number = fraction(value)
    require(number < 1, field=None, value=value, expected="a fraction below 1")
    return number


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FeeSchedule:
    """Everything one channel charges per unit sold, in one currency.

    Args:
        name: The channel ("Amazon.de, Electronics Accessories, FBA").
        currency: The listing currency; every amount here is in it, and so
            must the price be.
        referral: The marketplace referral fee, if any.
        fixed: Flat fees per unit: closing fee, per-item fee.
        fulfilment: The marketplace's fulfilment fee per unit (an FBA fee,
            or an overseas warehouse's pick-and-pack), for this SKU.
        storage: Storage fees per unit sold, for this SKU.
        payment: Card processing (independent sites).
        per_order: Fixed fees per order (:class:`~xborder.pricing.OrderFee`),
            spread over ``units_per_order``.
        attributed: A fee on the orders an ad is credited with
            (:class:`~xborder.pricing.AttributedFee`: Etsy Offsite Ads).
        fee_tax: A tax on the channel's fees the seller cannot reclaim
            (:class:`~xborder.pricing.FeeTax`).
        units_per_order: The units in a typical order, >= 1: per-order fees
            are spread over them and the order total is the gross price
            times them.
        payout_conversion: The fee, as a fraction, on proceeds converted to
            the seller's home currency at payout (net revenue less this
            schedule's fees; VAT is owed in the market's currency and is not
            converted).
        rounding: How each fee is rounded to the minor unit.
        validity: For presets: when the fees applied and where they were read.
        illustrative: True for the examples shipped in
            :mod:`xborder.pricing.presets`; never live truth.

    Raises:
        CurrencyMismatchError: An amount is not in ``currency``.

    Examples:
        >>> stripe = PaymentFee(
        ...     name="Stripe US", rate="0.029", fixed=Money("0.30", "USD")
        ... )
        >>> site = FeeSchedule(name="Own site", currency="USD", payment=stripe)
        >>> site.payment.rate
        Decimal('0.029')
    """

    name: str = attrs.field(converter=text)
    currency: Currency = attrs.field(converter=to_currency)
    referral: ReferralFee | None = attrs.field(
        default=None, converter=_optional_referral
    )
    fixed: tuple[FixedAmount, ...] = attrs.field(default=(), converter=_fixed)
    fulfilment: Money | None = attrs.field(default=None, converter=optional_money)
    storage: Money | None = attrs.field(default=None, converter=optional_money)
    payment: PaymentFee | None = attrs.field(default=None, converter=_optional_payment)
    per_order: tuple[OrderFee, ...] = attrs.field(default=(), converter=_per_order)
    attributed: AttributedFee | None = attrs.field(
        default=None, converter=_optional_attributed
    )
    fee_tax: FeeTax | None = attrs.field(default=None, converter=_optional_fee_tax)
    units_per_order: int = attrs.field(default=1, converter=_units)
    payout_conversion: Decimal = attrs.field(default=Decimal(0), converter=_payout_rate)
    rounding: RoundingMode = attrs.field(
        default=RoundingMode.HALF_UP, converter=rounding
    )
    validity: Validity | None = attrs.field(default=None, converter=optional_validity)
    illustrative: bool = attrs.field(default=False, converter=flag)
    _fixed_total: Decimal = attrs.field(init=False, eq=False, repr=False)
    _unit_fees: Decimal = attrs.field(init=False, eq=False, repr=False)
    _minor_unit: Decimal = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        unit = self.currency.minor_unit
        for field, money in self._amounts():
            same_currency(money, self.currency, field)
            if EXACT.remainder(money.amount, unit):
                raise InvalidInputError(
                    "quantize it with a named RoundingMode first",
                    field=field,
                    value=money,
                    expected=f"a whole number of {unit}",
                )
        fixed = sum((item.amount.amount for item in self.fixed), Decimal(0))
        unit_fees = sum(
            (m.amount for m in (self.fulfilment, self.storage) if m is not None),
            Decimal(0),
        )
        object.__setattr__(self, "_fixed_total", fixed)
        object.__setattr__(self, "_unit_fees", unit_fees)
        object.__setattr__(self, "_minor_unit", unit)

    @property
    def minor_unit(self) -> Decimal:
        """The currency's minor unit (``Decimal('0.01')`` for EUR)."""
        return self._minor_unit

    @property
    def zero(self) -> Decimal:
        """Zero with the currency's decimals (``Decimal('0.00')`` for EUR)."""
        return Decimal(0).quantize(self._minor_unit)

    @property
    def fixed_total(self) -> Decimal:
        """The flat fees per unit added together (closing, per-item)."""
        return self._fixed_total

    @property
    def unit_fees(self) -> Decimal:
        """The SKU's fulfilment and storage fees added together."""
        return self._unit_fees

    def _amounts(self) -> list[tuple[str, Money]]:
        found: list[tuple[str, Money]] = []
        if self.referral is not None:
            if self.referral.minimum is not None:
                found.append(("referral.minimum", self.referral.minimum))
            if self.referral.maximum is not None:
                found.append(("referral.maximum", self.referral.maximum))
            for index, band in enumerate(self.referral.bands):
                if band.up_to is not None:
                    found.append((f"referral.bands[{index}].up_to", band.up_to))
                if band.fixed is not None:
                    found.append((f"referral.bands[{index}].fixed", band.fixed))
        found += self._shape_amounts()
        found += [
            (f"fixed[{i}].amount", item.amount) for i, item in enumerate(self.fixed)
        ]
        if self.fulfilment is not None:
            found.append(("fulfilment", self.fulfilment))
        if self.storage is not None:
            found.append(("storage", self.storage))
        if self.payment is not None:
            found.append(("payment.fixed", self.payment.fixed))
        return found

    def _shape_amounts(self) -> list[tuple[str, Money]]:
        found: list[tuple[str, Money]] = []
        for i, fee in enumerate(self.per_order):
            for j, tier in enumerate(fee.tiers):
                found.append((f"per_order[{i}].tiers[{j}].amount", tier.amount))
                if tier.up_to is not None:
                    found.append((f"per_order[{i}].tiers[{j}].up_to", tier.up_to))
        if self.attributed is not None and self.attributed.maximum is not None:
            found.append(("attributed.maximum", self.attributed.maximum))
        return found

    @property
    def source(self) -> str | None:
        """The preset's source URL, if it has one."""
        return None if self.validity is None else self.validity.source

    def with_unit_fees(
        self, *, fulfilment: Money | None = None, storage: Money | None = None
    ) -> FeeSchedule:
        """The schedule with one SKU's fulfilment and storage fees filled in.

        Examples:
            >>> base = FeeSchedule(name="Amazon.de FBA", currency="EUR")
            >>> str(base.with_unit_fees(fulfilment=Money("2.70", "EUR")).fulfilment)
            '2.70 EUR'
        """
        changes: dict[str, Any] = {}
        if fulfilment is not None:
            changes["fulfilment"] = fulfilment
        if storage is not None:
            changes["storage"] = storage
        return attrs.evolve(self, **changes)

    def with_payment(self, *, international: bool, converted: bool) -> FeeSchedule:
        """The schedule with the payment surcharges that apply to one kind of sale.

        Raises:
            InvalidInputError: The schedule has no payment fee.
        """
        if self.payment is None:
            raise InvalidInputError(
                field="payment", value=None, expected="a schedule with a PaymentFee"
            )
        return attrs.evolve(
            self,
            payment=self.payment.for_sale(
                international=international, converted=converted
            ),
        )


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
