"""Overseas-warehouse fulfilment: size tiers and fee tables as user data (private).

Amazon-style fee tables sort a unit into a *size tier* by its dimensions and
a shipping weight (unit weight, or the greater of unit and dimensional
weight, depending on the tier), then look the fee up by weight inside the
tier. The geometry and the fees change every year and differ by
marketplace, so both are your data; a tier's fee is a :class:`RateCard`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    items_of,
    named_errors,
    positive_count,
    text,
    tuple_of,
)
from xborder.dated import Validity
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
)
from xborder.logistics._cards import CardPrice, RateCard
from xborder.logistics._common import checked, fmt, strings, unchecked
from xborder.logistics._dim import DimRule
from xborder.logistics._limits import SizeLimits, size_breaches
from xborder.logistics._parcel import Parcel
from xborder.logistics._weigh import ChargeableWeight, chargeable_weight
from xborder.money import Money
from xborder.money._money import _make, money_value
from xborder.units import KILOGRAM, quantity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.money import Currency
    from xborder.units import Quantity

__all__ = [
    "FulfilmentFee",
    "FulfilmentFeeTable",
    "SizeTier",
    "TierMatch",
    "fulfilment_fee",
    "size_tier",
]


def _limits(value: SizeLimits) -> SizeLimits:
    if not isinstance(value, SizeLimits):
        raise InvalidTypeError(field=None, value=value, expected="SizeLimits")
    return value


def _card(value: RateCard) -> RateCard:
    if not isinstance(value, RateCard):
        raise InvalidTypeError(field=None, value=value, expected="a RateCard")
    return value


def _optional_rule(value: DimRule | None) -> DimRule | None:
    if value is not None and not isinstance(value, DimRule):
        raise InvalidTypeError(field=None, value=value, expected="a DimRule or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SizeTier:
    """One size tier: its size limits, how it weighs a unit, and its fee by weight.

    Args:
        name: The tier's name (``"Small standard"``, ``"Large envelope"``).
        limits: Largest unit in the tier; the weight limit is tested against
            the tier's *shipping weight*.
        fee: Fee per unit by shipping weight (weight bands, or a base fee
            plus a per-pound step: :meth:`RateCard.first_additional`).
        weight_rule: How the tier weighs a unit: ``None`` for unit weight
            only (Amazon's small standard and envelope tiers), a
            :class:`DimRule` for the greater of unit and dimensional weight,
            rounded as it says.

    Examples:
        >>> from xborder.logistics import (
        ...     FulfilmentFeeTable, Parcel, RateCard, SizeLimits, SizeTier, DimRule,
        ... )
        >>> from xborder.money import Money
        >>> standard = SizeTier(
        ...     name="Standard",
        ...     limits=SizeLimits(weight="20 lb", longest="18 in", median="14 in"),
        ...     fee=RateCard.weight_breaks([("1 lb", Money("3.90", "USD"))]),
        ...     weight_rule=DimRule(divisor="139 in**3/lb", weight_step="1 oz"),
        ... )
        >>> table = FulfilmentFeeTable(name="made-up fees", tiers=(standard,))
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> standard.weight_rule.describe()
        'DIM rule, divisor 139 in³/lb, weights up to 1 oz, per piece'
    """

    name: str = attrs.field(converter=text)
    limits: SizeLimits = attrs.field(converter=_limits)
    fee: RateCard = attrs.field(converter=_card)
    weight_rule: DimRule | None = attrs.field(default=None, converter=_optional_rule)


def _tiers(values: Iterable[SizeTier]) -> tuple[SizeTier, ...]:
    tiers = tuple_of(values, SizeTier)
    if not tiers:
        raise InvalidInputError(
            field=None, value=tiers, expected="at least one SizeTier"
        )
    return tiers


def _optional_validity(value: Validity | None) -> Validity | None:
    if value is not None and not isinstance(value, Validity):
        raise InvalidTypeError(field=None, value=value, expected="a Validity or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FulfilmentFeeTable:
    """A warehouse's fulfilment fees: size tiers tried smallest first.

    Args:
        name: What the table is (``"FBA US 2026, non-apparel"``).
        tiers: Tiers from the smallest; a unit falls in the first it fits.
        validity: When the fees apply and where they were read, if known.

    Raises:
        CurrencyMismatchError: Tiers charge in different currencies.

    References:
        Amazon US size tiers (from February 2024): small standard ≤ 16 oz
        unit weight, 15 × 12 × 0.75 in; large standard ≤ 20 lb shipping
        weight, 18 × 14 × 8 in; shipping weight is the greater of unit and
        dimensional weight (divisor 139) except for small standard.
        Seller Central help 201105770 and "2024 US FBA fulfillment fee
        changes"; the fees themselves are yours to enter.

    Examples:
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> small = SizeTier(
        ...     name="Small standard",
        ...     limits=SizeLimits(
        ...         weight="16 oz", longest="15 in", median="12 in", shortest="0.75 in"
        ...     ),
        ...     fee=RateCard.weight_breaks(
        ...         [("8 oz", usd("3.22")), ("16 oz", usd("3.60"))]
        ...     ),
        ... )
        >>> large = SizeTier(
        ...     name="Large standard",
        ...     limits=SizeLimits(
        ...         weight="20 lb", longest="18 in", median="14 in", shortest="8 in"
        ...     ),
        ...     fee=RateCard.first_additional(
        ...         first_weight="1 lb", first_price=Money("4.75", "USD"),
        ...         step="0.25 lb", step_price=Money("0.16", "USD"), max_weight="20 lb",
        ...     ),
        ...     weight_rule=DimRule(divisor="139 in**3/lb", weight_step="1 oz"),
        ... )
        >>> table = FulfilmentFeeTable(name="made-up fees", tiers=(small, large))
        >>> from xborder.logistics import Parcel
        >>> case = Parcel(dimensions="6 x 4 x 1.5 in", weight="5 oz")
        >>> fee = fulfilment_fee(case, table)
        >>> fee.tier, str(fee.per_unit)
        ('Large standard', '4.75 USD')
    """

    name: str = attrs.field(converter=text)
    tiers: tuple[SizeTier, ...] = attrs.field(converter=_tiers)
    validity: Validity | None = attrs.field(default=None, converter=_optional_validity)

    def __attrs_post_init__(self) -> None:
        first = self.tiers[0].fee.currency
        for index, tier in enumerate(self.tiers):
            if tier.fee.currency != first:
                raise CurrencyMismatchError(
                    field=f"tiers[{index}].fee",
                    value=tier.fee.currency.code,
                    expected=f"fees in one currency ({first.code})",
                )

    @property
    def currency(self) -> Currency:
        """The currency of every fee."""
        return self.tiers[0].fee.currency


def _tier(value: SizeTier) -> SizeTier:
    return checked(value, SizeTier)


def _weight(value: ChargeableWeight) -> ChargeableWeight:
    return checked(value, ChargeableWeight)


def _passed_over(
    values: Iterable[tuple[str, Iterable[str]]],
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    expected = "(tier name, reasons) pairs"
    passed = []
    for index, pair in enumerate(items_of(values, field=None, expected=expected)):
        if not isinstance(pair, tuple) or len(pair) != 2:  # noqa: PLR2004 - a pair
            raise InvalidTypeError(field=f"[{index}]", value=pair, expected=expected)
        name, reasons = pair
        try:
            passed.append((text(name), strings(reasons)))
        except InvalidInputError as error:
            raise error.in_field(f"[{index}]") from None
    return tuple(passed)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class TierMatch:
    """The tier a unit falls in, its shipping weight, and why smaller tiers refused it.

    Attributes:
        tier: The first tier the unit fits.
        weight: How the tier weighed the unit (its billable weight is the
            shipping weight).
        passed_over: ``(tier name, reasons)`` for each smaller tier tried.

    Examples:
        >>> from xborder.logistics import (
        ...     FulfilmentFeeTable, Parcel, RateCard, SizeLimits, SizeTier, DimRule,
        ... )
        >>> from xborder.money import Money
        >>> standard = SizeTier(
        ...     name="Standard",
        ...     limits=SizeLimits(weight="20 lb", longest="18 in", median="14 in"),
        ...     fee=RateCard.weight_breaks([("1 lb", Money("3.90", "USD"))]),
        ...     weight_rule=DimRule(divisor="139 in**3/lb", weight_step="1 oz"),
        ... )
        >>> table = FulfilmentFeeTable(name="made-up fees", tiers=(standard,))
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> match = size_tier(holder, table)
        >>> match.tier.name, str(match.shipping_weight)  # 120 g = 4.23 oz → 5 oz
        ('Standard', '0.141747615625 kilogram')
    """

    tier: SizeTier = attrs.field(converter=_tier)
    weight: ChargeableWeight = attrs.field(converter=_weight)
    passed_over: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(
        converter=_passed_over
    )

    @property
    def shipping_weight(self) -> Quantity:
        """The weight the fee is looked up by."""
        return quantity(self.weight.billable_kg, KILOGRAM)


_tier_match = unchecked(TierMatch)  # size_tier()'s own results


def size_tier(parcel: Parcel, table: FulfilmentFeeTable) -> TierMatch:
    """Find the smallest tier one unit of ``parcel`` fits.

    Each tier weighs the unit its own way (unit weight only, or the greater
    of unit and dimensional weight) before its weight limit is tested.

    Raises:
        RuleNotApplicableError: The unit fits no tier.

    Examples:
        >>> from xborder.logistics import (
        ...     FulfilmentFeeTable, Parcel, RateCard, SizeLimits, SizeTier, DimRule,
        ... )
        >>> from xborder.money import Money
        >>> standard = SizeTier(
        ...     name="Standard",
        ...     limits=SizeLimits(weight="20 lb", longest="18 in", median="14 in"),
        ...     fee=RateCard.weight_breaks([("1 lb", Money("3.90", "USD"))]),
        ...     weight_rule=DimRule(divisor="139 in**3/lb", weight_step="1 oz"),
        ... )
        >>> table = FulfilmentFeeTable(name="made-up fees", tiers=(standard,))
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> size_tier(holder, table).tier.name
        'Standard'
    """
    if not isinstance(parcel, Parcel):
        raise InvalidTypeError(field="parcel", value=parcel, expected="a Parcel")
    if not isinstance(table, FulfilmentFeeTable):
        raise InvalidTypeError(
            field="table", value=table, expected="a FulfilmentFeeTable"
        )
    unit = parcel if parcel.pieces == 1 else attrs.evolve(parcel, pieces=1)
    passed: list[tuple[str, tuple[str, ...]]] = []
    for tier in table.tiers:
        weight = chargeable_weight(unit, tier.weight_rule)
        # The weight limit is tested against the tier's shipping weight.
        reasons = size_breaches(tier.limits, unit.sides, weight.billable_kg)
        if not reasons:
            return _tier_match(tier=tier, weight=weight, passed_over=tuple(passed))
        passed.append((tier.name, reasons))
    summary = "; ".join(f"{name}: {', '.join(why)}" for name, why in passed)
    raise RuleNotApplicableError(
        summary,
        field="parcel",
        value=parcel.describe(),
        expected=f"a unit that fits a tier of {table.name}",
    )


def _match(value: TierMatch) -> TierMatch:
    return checked(value, TierMatch)


def _card_price(value: CardPrice) -> CardPrice:
    return checked(value, CardPrice)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FulfilmentFee:
    """A fulfilment fee: the tier, the shipping weight, the fee per unit and in all.

    Attributes:
        match: The tier and how the unit was weighed.
        price: The tier's fee-card look-up for one unit.
        units: Units fulfilled (the parcel's pieces).
        total: Fee for all units.

    Examples:
        >>> from xborder.logistics import (
        ...     FulfilmentFeeTable, Parcel, RateCard, SizeLimits, SizeTier, DimRule,
        ... )
        >>> from xborder.money import Money
        >>> standard = SizeTier(
        ...     name="Standard",
        ...     limits=SizeLimits(weight="20 lb", longest="18 in", median="14 in"),
        ...     fee=RateCard.weight_breaks([("1 lb", Money("3.90", "USD"))]),
        ...     weight_rule=DimRule(divisor="139 in**3/lb", weight_step="1 oz"),
        ... )
        >>> table = FulfilmentFeeTable(name="made-up fees", tiers=(standard,))
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> fee = fulfilment_fee(holder, table)
        >>> fee.describe()
        'Standard, shipping weight 0.1417 kg: flat 3.90 USD; 1 × 3.90 USD'
    """

    match: TierMatch = attrs.field(converter=_match)
    price: CardPrice = attrs.field(converter=_card_price)
    units: int = attrs.field(converter=positive_count)
    total: Money = attrs.field(converter=money_value)

    def __attrs_post_init__(self) -> None:
        per_unit = self.price.amount
        expected = EXACT.multiply(per_unit.amount, self.units)
        if self.total.currency != per_unit.currency or self.total.amount != expected:
            raise InvalidInputError(
                field="total",
                value=self.total,
                expected=f"units × the price per unit ({fmt(expected)}"
                f" {per_unit.currency.code})",
            )

    @property
    def tier(self) -> str:
        """Name of the tier."""
        return self.match.tier.name

    @property
    def per_unit(self) -> Money:
        """Fee for one unit."""
        return self.price.amount

    def describe(self) -> str:
        """One line: tier, shipping weight, fee."""
        return (
            f"{self.tier}, shipping weight {fmt(self.match.weight.billable_kg, 4)} kg: "
            f"{self.price.detail}; {self.units} × {self.per_unit}"
        )


_fulfilment_fee = unchecked(FulfilmentFee)  # fulfilment_fee()'s own results


def fulfilment_fee(parcel: Parcel, table: FulfilmentFeeTable) -> FulfilmentFee:
    """The fulfilment fee for each piece of ``parcel`` (each piece is one unit).

    This is the function to call for a per-unit fulfilment cost in a price
    calculation.

    Raises:
        RuleNotApplicableError: The unit fits no tier, or weighs more than
            the tier's fee card covers.

    Examples:
        >>> from xborder.logistics import (
        ...     FulfilmentFeeTable, Parcel, RateCard, SizeLimits, SizeTier, DimRule,
        ... )
        >>> from xborder.money import Money
        >>> standard = SizeTier(
        ...     name="Standard",
        ...     limits=SizeLimits(weight="20 lb", longest="18 in", median="14 in"),
        ...     fee=RateCard.weight_breaks([("1 lb", Money("3.90", "USD"))]),
        ...     weight_rule=DimRule(divisor="139 in**3/lb", weight_step="1 oz"),
        ... )
        >>> table = FulfilmentFeeTable(name="made-up fees", tiers=(standard,))
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> pair = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g", pieces=2)
        >>> str(fulfilment_fee(pair, table).total)
        '7.80 USD'
    """
    match = size_tier(parcel, table)
    price = match.tier.fee.price_kg(match.weight.billable_kg)
    total = EXACT.multiply(price.amount.amount, parcel.pieces)
    return _fulfilment_fee(
        match=match,
        price=price,
        units=parcel.pieces,
        total=_make(total, price.amount.currency),
    )
