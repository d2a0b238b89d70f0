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

Rates are fractions (15% is ``"0.15"``), amounts are :class:`~xborder.money.Money`
in the schedule's currency, and fees are rounded to the minor unit with the
schedule's named :class:`~xborder.money.RoundingMode` (half-up by default,
which is how the published examples round: 15% × \$29.99 = \$4.4985 → \$4.50).
The illustrative presets in :mod:`xborder.pricing.presets` are built from
these classes; your own schedules are built the same way.

>>> from xborder.money import Money, RoundingMode
>>> electronics = ReferralFee(
...     category="Electronics Accessories",
...     bands=(RateBand(rate="0.15", up_to=Money("100", "USD")), RateBand(rate="0.08")),
...     mode=TierMode.MARGINAL,
...     minimum=Money("0.30", "USD"),
...     basis=VatBasis.EXCLUSIVE,
... )
>>> str(electronics.fee(Money("150.00", "USD")).quantize(RoundingMode.HALF_UP))
'19.00 USD'
>>> str(electronics.fee(Money("1.50", "USD")))
'0.30 USD'
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    require,
    text,
    tuple_of,
)
from xborder.dated import Validity
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Currency, Money, RoundingMode
from xborder.money._currency import to_currency
from xborder.money._money import _make, non_negative_money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "FeeSchedule",
    "FixedAmount",
    "PaymentFee",
    "RateBand",
    "ReferralFee",
    "TierMode",
    "VatBasis",
    "percent",
]


def percent(rate: Decimal) -> str:
    """Show a fraction as a percentage without rounding: ``0.029`` → ``'2.9%'``.

    >>> percent(Decimal("0.1545")), percent(Decimal("0.08")), percent(Decimal(0))
    ('15.45%', '8%', '0%')
    """
    shown = EXACT.multiply(rate, 100).normalize()
    return f"{shown:f}%"


class VatBasis(enum.StrEnum):
    """Whether a fee is charged on the price including VAT or excluding it.

    Amazon's EU stores charge the referral fee on the total sales price
    *including* VAT (sellercentral.amazon.de help 200336920: "inklusive aller
    Steuern"); Amazon US charges it on the total sales price *excluding* the
    taxes Amazon collects (sellercentral help "How are referral fees
    calculated?"). Where the consumer price has no VAT in it, both read the
    same price.
    """

    INCLUSIVE = "inclusive"
    """The fee is a percentage of the price the buyer pays, VAT included."""
    EXCLUSIVE = "exclusive"
    """The fee is a percentage of the price net of VAT."""


class TierMode(enum.StrEnum):
    """How tiered referral percentages apply to a price.

    Both shapes appear in one marketplace's schedule, so both are needed.
    """

    WHOLE = "whole"
    """One rate for the whole price, chosen by the band the price falls in
    (Amazon US Beauty: 8% when the total is \\$10.00 or less, 15% above). The
    fee jumps at a band edge: \\$0.80 at \\$10.00, \\$1.50 at \\$10.01."""
    MARGINAL = "marginal"
    """Each portion of the price at its band's rate, like income tax brackets
    (Amazon EU Car & Motorbike 2021: 15.45% of the first €50, 9.27% of the
    rest). The fee is continuous."""


def _optional_money(value: Money | None) -> Money | None:
    return None if value is None else non_negative_money(value)


def _rate(value: DecimalInput) -> Decimal:
    return fraction(value)


def _basis(value: VatBasis) -> VatBasis:
    if not isinstance(value, VatBasis):
        raise InvalidTypeError(field=None, value=value, expected="a VatBasis")
    return value


def _mode(value: TierMode) -> TierMode:
    if not isinstance(value, TierMode):
        raise InvalidTypeError(field=None, value=value, expected="a TierMode")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RateBand:
    r"""One band of a referral fee: ``rate`` up to and including ``up_to``.

    Args:
        rate: The percentage as a fraction (``"0.15"``).
        up_to: The band's upper edge, inclusive ("a total sales price of
            \$10.00 or less"); ``None`` for the last, open-ended band.
    """

    rate: Decimal = attrs.field(converter=_rate)
    up_to: Money | None = attrs.field(default=None, converter=_optional_money)


def _bands(values: Iterable[RateBand]) -> tuple[RateBand, ...]:
    return tuple_of(values, RateBand)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ReferralFee:
    r"""A marketplace referral fee: a percentage of the price, tiered, with a minimum.

    The fee on a base price $b$ (the total sales price with or without VAT,
    per :attr:`basis`) is

    $$\text{fee}(b) = \max\bigl(\text{minimum},\ \text{tiered}(b)\bigr)$$

    where $\text{tiered}(b) = r_k\,b$ for the band $k$ holding $b$
    (:attr:`TierMode.WHOLE`), or $\sum_i r_i \cdot |\text{portion of } b
    \text{ in band } i|$ (:attr:`TierMode.MARGINAL`). Below the kink
    $b = \text{minimum}/r_1$ (\$0.30 / 15% = \$2.00) the fee is flat.

    Source: Amazon Seller Central, "How are referral fees calculated?" (the
    greater of the percentage and the per-item minimum, on the total sales
    price including shipping and gift wrap, excluding taxes Amazon collects
    in the US); the tier shapes are from Amazon's category fee tables.

    Args:
        category: The fee category the rate belongs to.
        bands: Rate bands in ascending order of ``up_to``; the last has
            ``up_to=None``. One band is a flat percentage.
        mode: How tiers apply (:class:`TierMode`); irrelevant for one band.
        minimum: The per-item minimum fee, or ``None``.
        basis: Whether the percentage is of the price with or without VAT.

    Raises:
        InvalidInputError: No bands, edges not ascending, a closed last band
            or an open band before the last.
        CurrencyMismatchError: Band edges and minimum in different currencies.

    >>> beauty = ReferralFee(
    ...     category="Beauty",
    ...     bands=(
    ...         RateBand(rate="0.08", up_to=Money("10.00", "USD")),
    ...         RateBand(rate="0.15"),
    ...     ),
    ...     mode=TierMode.WHOLE,
    ...     basis=VatBasis.EXCLUSIVE,
    ... )
    >>> str(beauty.fee(Money("10.00", "USD"))), str(beauty.fee(Money("10.01", "USD")))
    ('0.8000 USD', '1.5015 USD')
    """

    category: str = attrs.field(converter=text)
    bands: tuple[RateBand, ...] = attrs.field(converter=_bands)
    basis: VatBasis = attrs.field(converter=_basis)
    mode: TierMode = attrs.field(default=TierMode.WHOLE, converter=_mode)
    minimum: Money | None = attrs.field(default=None, converter=_optional_money)
    description: str = attrs.field(init=False, eq=False, repr=False)
    _pieces: tuple[tuple[Decimal, Decimal | None, Decimal, Decimal], ...] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        require(
            bool(self.bands),
            field="bands",
            value=self.bands,
            expected="at least one RateBand",
        )
        last = len(self.bands) - 1
        previous: Money | None = None
        for index, band in enumerate(self.bands):
            field = f"bands[{index}].up_to"
            if index == last:
                require(
                    band.up_to is None,
                    field=field,
                    value=band.up_to,
                    expected="None: the last band is open-ended",
                )
                continue
            require(
                band.up_to is not None,
                field=field,
                value=None,
                expected="an upper edge (only the last band is open-ended)",
            )
            if previous is not None and band.up_to is not None:
                _same_currency(band.up_to, previous.currency, field)
                require(
                    band.up_to > previous,
                    field=field,
                    value=band.up_to,
                    expected=f"an edge above the previous one ({previous})",
                )
            previous = band.up_to
        if self.minimum is not None and previous is not None:
            _same_currency(self.minimum, previous.currency, "minimum")
        object.__setattr__(self, "description", self._describe())
        object.__setattr__(self, "_pieces", tuple(self._linear_pieces()))

    @classmethod
    def flat(
        cls,
        rate: DecimalInput,
        *,
        basis: VatBasis,
        minimum: Money | None = None,
        category: str = "all categories",
    ) -> ReferralFee:
        """A single percentage for every price, with an optional minimum.

        >>> fee = ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE)
        >>> str(fee.fee(Money("40.00", "USD")))
        '6.0000 USD'
        """
        return cls(
            category=category,
            bands=(RateBand(rate=rate),),
            basis=basis,
            minimum=minimum,
        )

    @property
    def currency(self) -> Currency | None:
        """The currency of the band edges and minimum, if the fee has any."""
        for band in self.bands:
            if band.up_to is not None:
                return band.up_to.currency
        return None if self.minimum is None else self.minimum.currency

    def fee(self, base: Money) -> Money:
        """The fee on ``base`` (the price on this fee's :attr:`basis`), unrounded."""
        if not isinstance(base, Money):
            raise InvalidTypeError(field="base", value=base, expected="Money")
        currency = self.currency
        if currency is not None:
            _same_currency(base, currency, "base")
        return _make(self.amount(base.amount), base.currency)

    def amount(self, base: Decimal) -> Decimal:
        """The fee on a base amount, as an unrounded Decimal (the hot path)."""
        if self.mode is TierMode.WHOLE:
            tiered = EXACT.multiply(self.band_for(base).rate, base)
        else:
            tiered = self._marginal(base)
        if self.minimum is not None and tiered < self.minimum.amount:
            return self.minimum.amount
        return tiered

    def band_for(self, base: Decimal) -> RateBand:
        """The band holding ``base`` (edges belong to the band below them)."""
        for band in self.bands:
            if band.up_to is None or base <= band.up_to.amount:
                return band
        return self.bands[-1]  # pragma: no cover - the last band is open-ended

    def minimum_applies(self, base: Decimal) -> bool:
        """Whether the per-item minimum, not the percentage, sets the fee."""
        if self.minimum is None:
            return False
        if self.mode is TierMode.WHOLE:
            tiered = EXACT.multiply(self.band_for(base).rate, base)
        else:
            tiered = self._marginal(base)
        return tiered < self.minimum.amount

    def _marginal(self, base: Decimal) -> Decimal:
        total = Decimal(0)
        lower = Decimal(0)
        for band in self.bands:
            upper = None if band.up_to is None else band.up_to.amount
            if upper is None or base <= upper:
                return EXACT.add(total, EXACT.multiply(band.rate, base - lower))
            total = EXACT.add(total, EXACT.multiply(band.rate, upper - lower))
            lower = upper
        return total  # pragma: no cover - the last band is open-ended

    def pieces(self) -> tuple[tuple[Decimal, Decimal | None, Decimal, Decimal], ...]:
        """The fee as linear pieces of the base: ``(low, high, intercept, slope)``.

        On ``[low, high]`` the fee is ``intercept + slope × base``; ``high``
        is ``None`` for the last piece. The solvers use these to solve each
        piece algebraically; the minimum's kink and every band edge start a
        new piece.

        >>> fee = ReferralFee.flat(
        ...     "0.15", basis=VatBasis.EXCLUSIVE, minimum=Money("0.30", "USD")
        ... )
        >>> [(str(low), str(high), str(c), str(s)) for low, high, c, s in fee.pieces()]
        [('0', '2', '0.30', '0'), ('2', 'None', '0', '0.15')]
        """
        return self._pieces

    def _linear_pieces(self) -> list[tuple[Decimal, Decimal | None, Decimal, Decimal]]:
        result: list[tuple[Decimal, Decimal | None, Decimal, Decimal]] = []
        lower = Decimal(0)
        carried = Decimal(0)
        for band in self.bands:
            upper = None if band.up_to is None else band.up_to.amount
            if self.mode is TierMode.WHOLE:
                intercept = Decimal(0)
            else:
                intercept = carried - EXACT.multiply(band.rate, lower)
                if upper is not None:
                    carried += EXACT.multiply(band.rate, upper - lower)
            result.extend(self._with_minimum(lower, upper, intercept, band.rate))
            if upper is not None:
                lower = upper
        return result

    def _with_minimum(
        self, lower: Decimal, upper: Decimal | None, intercept: Decimal, slope: Decimal
    ) -> list[tuple[Decimal, Decimal | None, Decimal, Decimal]]:
        floor = None if self.minimum is None else self.minimum.amount
        if floor is None or not floor:
            return [(lower, upper, intercept, slope)]
        if not slope:
            return [(lower, upper, max(floor, intercept), Decimal(0))]
        crossing = DIVISION.divide(floor - intercept, slope)
        if crossing <= lower:
            return [(lower, upper, intercept, slope)]
        if upper is not None and crossing >= upper:
            return [(lower, upper, floor, Decimal(0))]
        return [
            (lower, crossing, floor, Decimal(0)),
            (crossing, upper, intercept, slope),
        ]

    def _describe(self) -> str:
        if len(self.bands) == 1:
            rule = percent(self.bands[0].rate)
        else:
            parts = []
            for band in self.bands:
                if band.up_to is None:
                    parts.append(f"{percent(band.rate)} above")
                else:
                    parts.append(f"{percent(band.rate)} up to {band.up_to.amount}")
            how = (
                "of the portion in each band"
                if self.mode is TierMode.MARGINAL
                else "of the whole price, by band"
            )
            rule = f"{', '.join(parts)} ({how})"
        if self.minimum is not None:
            rule += f", minimum {self.minimum}"
        vat = "including" if self.basis is VatBasis.INCLUSIVE else "excluding"
        return f"{self.category}: {rule}; on the price {vat} VAT"


def _same_currency(money: Money, currency: Currency, field: str) -> None:
    if money.currency != currency:
        raise CurrencyMismatchError(
            "a fee schedule works in one currency",
            field=field,
            value=money,
            expected=f"an amount in {currency.code}",
        )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FixedAmount:
    """A flat amount per unit sold: a closing fee, a per-item fee, a packaging cost.

    Args:
        label: What the amount is ("Closing fee", "Per-item fee").
        amount: The amount per unit, >= 0.
        source: Where it comes from, if it is a published fee.

    >>> fee = FixedAmount(label="Per-item fee", amount=Money("0.99", "USD"))
    >>> str(fee)
    'Per-item fee: 0.99 USD'
    """

    label: str = attrs.field(converter=text)
    amount: Money = attrs.field(converter=non_negative_money)
    source: str | None = attrs.field(default=None)

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"


def _fixed(values: Iterable[FixedAmount]) -> tuple[FixedAmount, ...]:
    return tuple_of(values, FixedAmount)


def _surcharge(value: DecimalInput) -> Decimal:
    return fraction(value)


def _flag(value: bool) -> bool:  # noqa: FBT001 - an attrs converter takes the value
    if not isinstance(value, bool):
        raise InvalidTypeError(field=None, value=value, expected="True or False")
    return value


def _optional_validity(value: Validity | None) -> Validity | None:
    if value is not None and not isinstance(value, Validity):
        raise InvalidTypeError(field=None, value=value, expected="a Validity or None")
    return value


def _rounding(value: RoundingMode) -> RoundingMode:
    if not isinstance(value, RoundingMode):
        raise InvalidTypeError(field=None, value=value, expected="a RoundingMode")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PaymentFee:
    r"""Card processing on an independent site: a percentage plus a fixed amount.

    $$\text{fee} = \operatorname{round}\bigl(c\,(r + s_i + s_x) + f\bigr)$$

    where $c$ is the amount charged, $r$ the base rate, $f$ the fixed fee per
    transaction, and the surcharges count only when they apply to the sale:
    $s_i$ for a card issued outside the account's country,
    $s_x$ when the charge is converted to another currency. They
    stack: Stripe US is 2.9% + 1.5% + 1% + \$0.30 = 5.4% + \$0.30 for a
    foreign card charged in a foreign currency (fundmore.finance and
    getfreelancecalc.com summaries of stripe.com/pricing).

    Args:
        name: The processor and plan ("Stripe US, online cards").
        rate: The base percentage as a fraction.
        fixed: The fixed fee per transaction.
        international_card: The surcharge for a card issued abroad.
        currency_conversion: The surcharge when the charge is converted.
        international: Whether this sale's card is international.
        converted: Whether this sale's charge is converted.
        rounding: How the fee is rounded to the minor unit.
        validity: When the rates applied and where they were read.

    >>> stripe = PaymentFee(name="card", rate="0.029", fixed=Money("0.30", "USD"))
    >>> str(stripe.fee(Money("100.00", "USD")))
    '3.20 USD'
    """

    name: str = attrs.field(converter=text)
    rate: Decimal = attrs.field(converter=_rate)
    fixed: Money = attrs.field(converter=non_negative_money)
    international_card: Decimal = attrs.field(default=Decimal(0), converter=_surcharge)
    currency_conversion: Decimal = attrs.field(default=Decimal(0), converter=_surcharge)
    international: bool = attrs.field(default=False, converter=_flag)
    converted: bool = attrs.field(default=False, converter=_flag)
    rounding: RoundingMode = attrs.field(
        default=RoundingMode.HALF_UP, converter=_rounding
    )
    validity: Validity | None = attrs.field(default=None, converter=_optional_validity)
    description: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        require(
            self.total_rate < 1,
            field="rate",
            value=self.total_rate,
            expected="rates that add up to less than 1",
        )
        object.__setattr__(self, "description", self._describe())

    @property
    def currency(self) -> Currency:
        """The currency of the fixed fee and of the charges it applies to."""
        return self.fixed.currency

    @property
    def total_rate(self) -> Decimal:
        """The percentage charged on this sale, surcharges that apply included."""
        total = self.rate
        if self.international:
            total += self.international_card
        if self.converted:
            total += self.currency_conversion
        return total

    def components(self) -> tuple[tuple[str, Decimal], ...]:
        """The percentages that apply, each with a label, base rate first."""
        parts = [(f"{self.name} ({percent(self.rate)} + {self.fixed})", self.rate)]
        if self.international and self.international_card:
            parts.append(
                (f"International card surcharge ({percent(self.international_card)})",
                 self.international_card)
            )  # fmt: skip
        if self.converted and self.currency_conversion:
            parts.append(
                (f"Currency conversion surcharge ({percent(self.currency_conversion)})",
                 self.currency_conversion)
            )  # fmt: skip
        return tuple(parts)

    def for_sale(self, *, international: bool, converted: bool) -> PaymentFee:
        """The same plan with the surcharges that apply to one kind of sale.

        >>> us = PaymentFee(
        ...     name="card", rate="0.029", fixed=Money("0.30", "USD"),
        ...     international_card="0.015", currency_conversion="0.01",
        ... )
        >>> us.for_sale(international=True, converted=True).total_rate
        Decimal('0.054')
        """
        return attrs.evolve(self, international=international, converted=converted)

    def fee(self, charge: Money) -> Money:
        """The fee on one charge, rounded to the minor unit with :attr:`rounding`."""
        if not isinstance(charge, Money):
            raise InvalidTypeError(field="charge", value=charge, expected="Money")
        _same_currency(charge, self.currency, "charge")
        raw = EXACT.add(
            EXACT.multiply(charge.amount, self.total_rate), self.fixed.amount
        )
        return _make(raw, charge.currency).quantize(self.rounding)

    def _describe(self) -> str:
        rule = (
            f"{percent(self.total_rate)} of the charge + {self.fixed} per transaction"
        )
        if self.total_rate != self.rate:
            stacked = " + ".join(percent(rate) for _, rate in self.components())
            rule += f" ({stacked})"
        return rule


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

    >>> stripe = PaymentFee(name="Stripe US", rate="0.029", fixed=Money("0.30", "USD"))
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
    fulfilment: Money | None = attrs.field(default=None, converter=_optional_money)
    storage: Money | None = attrs.field(default=None, converter=_optional_money)
    payment: PaymentFee | None = attrs.field(default=None, converter=_optional_payment)
    payout_conversion: Decimal = attrs.field(default=Decimal(0), converter=_payout_rate)
    rounding: RoundingMode = attrs.field(
        default=RoundingMode.HALF_UP, converter=_rounding
    )
    validity: Validity | None = attrs.field(default=None, converter=_optional_validity)
    illustrative: bool = attrs.field(default=False, converter=_flag)
    _fixed_total: Decimal = attrs.field(init=False, eq=False, repr=False)
    _unit_fees: Decimal = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        unit = self.currency.minor_unit
        for field, money in self._amounts():
            _same_currency(money, self.currency, field)
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
            for index, band in enumerate(self.referral.bands):
                if band.up_to is not None:
                    found.append((f"referral.bands[{index}].up_to", band.up_to))
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

    @property
    def source(self) -> str | None:
        """The preset's source URL, if it has one."""
        return None if self.validity is None else self.validity.source

    def with_unit_fees(
        self, *, fulfilment: Money | None = None, storage: Money | None = None
    ) -> FeeSchedule:
        """The schedule with one SKU's fulfilment and storage fees filled in.

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
