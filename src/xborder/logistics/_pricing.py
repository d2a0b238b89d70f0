"""Band pricings: flat, per weight with an item fee, first + additional steps.

Private; see :mod:`xborder.logistics`.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, TypeAlias

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import DecimalInput, named_errors
from xborder.errors import CurrencyMismatchError, InvalidTypeError
from xborder.logistics._common import fmt, kilograms
from xborder.money import Money
from xborder.money._money import non_negative_money, optional_money
from xborder.units import KILOGRAM, as_mass, positive_quantity, quantity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.money import Currency
    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = [
    "FirstAdditional",
    "Flat",
    "PerWeight",
    "Pricing",
    "positive_mass",
    "pricing",
    "same_currency",
    "weight_text",
]

_ZERO = Decimal(0)


def positive_mass(value: QuantityInput) -> Quantity:
    """Converter: a mass, in kilograms."""
    return as_mass(value)


def _per(value: QuantityInput | None) -> Quantity:
    """Converter: the weight a rate is quoted for; ``None`` means 1 kg."""
    return quantity(1, KILOGRAM) if value is None else as_mass(value)


@attrs.frozen(field_transformer=named_errors)
class Flat:
    """One price for any weight in the band (a weight-break table row).

    Examples:
        >>> Flat(Money("8.55", "CNY")).price(Decimal("0.01"))
        Decimal('8.55')
    """

    amount: Money = attrs.field(converter=non_negative_money)

    @property
    def currency(self) -> Currency:
        """The currency of the price."""
        return self.amount.currency

    def price(self, weight_kg: DecimalInput) -> Decimal:
        """The amount for ``weight_kg`` (the same for every weight)."""
        kilograms(weight_kg)  # flat: the weight only chose the band
        return self.amount.amount

    def describe(self, weight_kg: DecimalInput) -> str:
        """The arithmetic, in words."""
        kilograms(weight_kg)
        return f"flat {self.amount}"


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PerWeight:
    r"""A rate per unit of weight plus a fee per item: $p = f + r \cdot W / u$.

    The whole weight is charged at the band's rate (not only the part above
    the band's lower edge), as Chinese postal and dedicated-line cards do.

    Args:
        rate: Price per ``per`` of weight.
        per: The weight the rate is quoted for (``"1 kg"``, ``"1 lb"``).
        item_fee: Fee per item (挂号费/处理费), or ``None``.

    Examples:
        >>> band = PerWeight(rate=Money("92.988", "CNY"), item_fee=Money("5.76", "CNY"))
        >>> band.price(Decimal("0.05"))
        Decimal('10.40940')
    """

    rate: Money = attrs.field(converter=non_negative_money)
    per: Quantity = attrs.field(
        default=None, converter=_per, validator=positive_quantity
    )
    item_fee: Money | None = attrs.field(default=None, converter=optional_money)

    def __attrs_post_init__(self) -> None:
        same_currency((self.rate, self.item_fee), field="item_fee")

    @property
    def currency(self) -> Currency:
        """The currency of the price."""
        return self.rate.currency

    def price(self, weight_kg: DecimalInput) -> Decimal:
        """The amount for ``weight_kg``: item fee + rate × weight / per."""
        weight_kg = kilograms(weight_kg)
        per = self.per.magnitude
        units = weight_kg if per == 1 else DIVISION.divide(weight_kg, per)
        amount = EXACT.multiply(self.rate.amount, units)
        if self.item_fee is not None:
            amount = EXACT.add(amount, self.item_fee.amount)
        return amount

    def describe(self, weight_kg: DecimalInput) -> str:
        """The arithmetic, in words."""
        weight_kg = kilograms(weight_kg)
        text = f"{fmt(weight_kg)} kg × {self.rate} per {_per_text(self.per)}"
        if self.item_fee is not None:
            text += f" + item fee {self.item_fee}"
        return text


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FirstAdditional:
    r"""First weight + additional weight steps (首重 + 续重), as express cards quote.

    $$p = p_1 + \left\lceil \frac{W - w_1}{s} \right\rceil p_s
    \quad (W > w_1), \qquad p = p_1 \quad (W \le w_1)$$

    Args:
        first_weight: Weight covered by the first price (``"0.5 kg"``).
        first_price: Price of the first weight.
        step: Each additional step of weight (``"0.5 kg"``); a part step
            counts as a whole one.
        step_price: Price of each additional step.

    Examples:
        >>> card = FirstAdditional(
        ...     first_weight="0.5 kg", first_price=Money("120", "CNY"),
        ...     step="0.5 kg", step_price=Money("30", "CNY"),
        ... )
        >>> card.price(Decimal("1.2"))  # 0.5 kg + 2 steps (0.7 kg → 2 × 0.5 kg)
        Decimal('180')
    """

    first_weight: Quantity = attrs.field(
        converter=positive_mass, validator=positive_quantity
    )
    first_price: Money = attrs.field(converter=non_negative_money)
    step: Quantity = attrs.field(converter=positive_mass, validator=positive_quantity)
    step_price: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        same_currency((self.first_price, self.step_price), field="step_price")

    @property
    def currency(self) -> Currency:
        """The currency of the price."""
        return self.first_price.currency

    def steps(self, weight_kg: DecimalInput) -> Decimal:
        """How many additional steps ``weight_kg`` takes (0 within the first weight)."""
        weight_kg = kilograms(weight_kg)
        excess = EXACT.subtract(weight_kg, self.first_weight.magnitude)
        if excess <= 0:
            return _ZERO
        return DIVISION.divide(excess, self.step.magnitude).to_integral_value(
            rounding=ROUND_CEILING
        )

    def price(self, weight_kg: DecimalInput) -> Decimal:
        """The amount for ``weight_kg``."""
        extra = EXACT.multiply(self.steps(weight_kg), self.step_price.amount)
        return EXACT.add(self.first_price.amount, extra)

    def describe(self, weight_kg: DecimalInput) -> str:
        """The arithmetic, in words."""
        steps = self.steps(weight_kg)
        text = f"first {weight_text(self.first_weight)} {self.first_price}"
        if steps:
            step = weight_text(self.step)
            text += f" + {fmt(steps)} × {step} at {self.step_price}"
        return text


Pricing: TypeAlias = Flat | PerWeight | FirstAdditional
"""How a band turns a weight into a price."""

_PRICINGS = (Flat, PerWeight, FirstAdditional)


_POUND_KG = Decimal("0.45359237")


def weight_text(value: Quantity) -> str:
    """A step or edge as people write it: 1 lb, 250 g, 0.5 kg."""
    kg = value.magnitude
    if kg == kg.to_integral_value():
        return f"{fmt(kg)} kg"
    pounds = DIVISION.divide(kg, _POUND_KG)
    if pounds == pounds.to_integral_value():
        return f"{fmt(pounds)} lb"
    ounces = EXACT.multiply(pounds, 16)
    if ounces == ounces.to_integral_value():
        return f"{fmt(ounces)} oz"
    grams = EXACT.multiply(kg, 1000)
    if grams == grams.to_integral_value() and grams % 100:
        return f"{fmt(grams)} g"
    return f"{fmt(kg)} kg"


def _per_text(value: Quantity) -> str:
    """Kg for 1 kg, lb for 1 lb, else the weight ("per kg", "per 500 g")."""
    return weight_text(value).removeprefix("1 ")


def same_currency(values: Iterable[Money | None], *, field: str) -> None:
    """Refuse amounts in more than one currency, naming ``field``."""
    present = [value for value in values if value is not None]
    for value in present[1:]:
        if value.currency != present[0].currency:
            raise CurrencyMismatchError(
                field=field,
                value=value,
                expected=f"an amount in {present[0].currency.code}, like the rest",
            )


def pricing(value: Pricing) -> Pricing:
    """Converter: a :class:`Flat`, :class:`PerWeight` or :class:`FirstAdditional`."""
    if not isinstance(value, _PRICINGS):
        raise InvalidTypeError(
            field=None, value=value, expected="Flat, PerWeight or FirstAdditional"
        )
    return value
