"""Dimensional-weight rules (private; see xborder.logistics).

A rule converts its divisor, steps and thresholds once, when it is built, so
that weighing (``_weigh``) works on Decimal magnitudes only.
"""

from __future__ import annotations

import enum
import functools
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import DecimalInput, named_errors, to_decimal
from xborder.errors import InvalidInputError, UnitError
from xborder.logistics._common import (
    enum_value,
    fmt,
    optional_length,
    optional_mass,
    optional_text,
)
from xborder.logistics._pricing import weight_text
from xborder.units import (
    CENTIMETRE,
    CUBIC_CENTIMETRE,
    KILOGRAM,
    as_volume,
    magnitude,
    quantity,
    to_unit,
    unit_terms,
)

if TYPE_CHECKING:
    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = [
    "DimBasis",
    "DimRule",
    "Governs",
    "HotPath",
    "SideRounding",
    "hot_path",
    "show_length",
    "show_mass",
    "show_volume",
    "unit_text",
]

_DIVISOR_UNIT = "centimeter ** 3 / kilogram"
_ZERO = Decimal(0)


class DimBasis(enum.StrEnum):
    """Whether a rule weighs each piece or the whole shipment.

    Examples:
        >>> DimRule(divisor="5000 cm**3/kg", basis=DimBasis.PER_SHIPMENT).basis.value
        'per shipment'
    """

    PER_PIECE = "per piece"
    """Each box gets its own billable weight; the shipment's is their sum
    (DHL Express: "per piece"; UPS: "total the billable weight of all
    packages")."""
    PER_SHIPMENT = "per shipment"
    """Weights and volumes are added first, then rounded and compared once
    (FedEx Express international: "per shipment")."""


class SideRounding(enum.StrEnum):
    """How a rule rounds each measured side before multiplying.

    Examples:
        >>> from xborder.logistics import Parcel, chargeable_weight
        >>> up = DimRule(
        ...     divisor="5000 cm**3/kg", dimension_step="1 cm",
        ...     dimension_rounding=SideRounding.UP,
        ... )
        >>> box = Parcel(dimensions="10.1 x 10 x 10 cm", weight="1 kg")
        >>> chargeable_weight(box, up).pieces[0].rounded_sides_cm[0]
        Decimal('11')
    """

    NEAREST = "nearest"
    """To the nearest step, halves up: UPS 1.00–1.49 in → 1, 1.50–1.99 → 2."""
    UP = "up"
    """Up to the next step: any fraction counts as a whole step."""


class Governs(enum.StrEnum):
    """Which weight set the billable weight.

    Examples:
        >>> from xborder.logistics import Parcel, chargeable_weight
        >>> rule = DimRule(divisor="5000 cm**3/kg")
        >>> dense = Parcel(dimensions="10 x 10 x 10 cm", weight="5 kg")
        >>> chargeable_weight(dense, rule).governed_by
        <Governs.ACTUAL: 'actual'>
    """

    ACTUAL = "actual"
    DIMENSIONAL = "dimensional"
    MINIMUM = "minimum"


def _divisor(value: QuantityInput | None) -> Quantity | None:
    """Converter: a volume per mass (``"5000 cm**3/kg"``), kept in its own units."""
    if value is None:
        return None
    try:
        to_unit(value, _DIVISOR_UNIT)
    except UnitError:
        raise UnitError(
            "a divisor is a volume per mass; 5000 cm³/kg is not 139 in³/lb",
            field=None,
            value=value,  # not str(): it may be anything (a huge int, a deep list)
            expected="a volume per mass such as '5000 cm**3/kg' or '139 in**3/lb'",
        ) from None
    amount, terms = unit_terms(value)
    if amount <= 0:
        raise InvalidInputError(field=None, value=str(value), expected="> 0")
    expression = " * ".join(f"{name} ** {power}" for name, power in terms)
    return quantity(amount, expression)


def _optional_volume(value: QuantityInput | None) -> Quantity | None:
    if value is None:
        return None
    volume = as_volume(value)
    if volume.magnitude <= 0:
        raise InvalidInputError(field=None, value=str(value), expected="> 0")
    return volume


def _optional_factor(value: DecimalInput | None) -> Decimal | None:
    if value is None:
        return None
    factor = to_decimal(value)
    if not 0 < factor <= 1:
        raise InvalidInputError(
            field=None, value=value, expected="a factor in (0, 1], e.g. '0.785'"
        )
    return factor


@attrs.frozen
class _Native:
    """The divisor in the carrier's own units, as exact factors."""

    numerator: Decimal  # cm³ per native mass unit (139 in³ → 2277.801896 cm³)
    denominator: Decimal  # kg per native mass unit (1 lb → 0.45359237 kg)
    length_unit: str  # for traces: "inch"
    length_cm: Decimal  # cm per native length unit (2.54)
    mass_unit: str  # "pound"
    mass_kg: Decimal  # kg per native mass unit (0.45359237)


def _native(divisor: Quantity | None) -> _Native | None:
    if divisor is None:
        return None
    amount, terms = unit_terms(divisor)
    numerator, denominator = amount, Decimal(1)
    length_unit, length_cm = "centimeter", Decimal(1)
    mass_unit, mass_kg = "kilogram", Decimal(1)
    for name, power in terms:
        factor, kind = _factor(name)
        exponent = int(power)
        if exponent != power:
            raise InvalidInputError(
                field="divisor", value=str(divisor), expected="whole powers of units"
            )
        scale = EXACT.power(factor, abs(exponent))
        if exponent > 0:
            numerator = EXACT.multiply(numerator, scale)
        else:
            denominator = EXACT.multiply(denominator, scale)
        if kind == "length":
            length_unit, length_cm = name, factor
        elif kind == "mass":
            mass_unit, mass_kg = name, factor
    return _Native(numerator, denominator, length_unit, length_cm, mass_unit, mass_kg)


@functools.cache
def _factor(name: str) -> tuple[Decimal, str]:
    one = quantity(1, name)
    for unit, kind in ((CENTIMETRE, "length"), (CUBIC_CENTIMETRE, "volume")):
        try:
            return magnitude(one, unit), kind
        except UnitError:
            continue
    return magnitude(one, KILOGRAM), "mass"


def _magnitude(value: Quantity | None) -> Decimal | None:
    return None if value is None else value.magnitude


@attrs.frozen
class HotPath:
    """A rule's numbers as plain Decimals, read once per chargeable weight."""

    side_step: Decimal | None
    side_rounding: str
    minimum_side: Decimal | None
    weight_step: Decimal | None
    minimum: Decimal | None
    per_piece: bool
    numerator: Decimal | None  # dimensional kg = volume × denominator / numerator
    denominator: Decimal
    stepped: Decimal | None  # numerator × weight step: one division per piece
    always: bool
    plain_sides: bool  # sides used as measured: no rounding, no minimum side
    volume_over: Decimal | None
    side_over: Decimal | None
    side_at_least: Decimal | None
    irregular_factor: Decimal | None


def _hot(rule: DimRule, native: _Native | None) -> HotPath:
    step = _magnitude(rule.weight_step)
    numerator = None if native is None else native.numerator
    stepped = None
    if numerator is not None and step is not None:
        stepped = EXACT.multiply(numerator, step)
    return HotPath(
        side_step=_magnitude(rule.dimension_step),
        side_rounding=(
            ROUND_HALF_UP
            if rule.dimension_rounding is SideRounding.NEAREST
            else ROUND_CEILING
        ),
        minimum_side=_magnitude(rule.minimum_side),
        weight_step=step,
        minimum=_magnitude(rule.minimum),
        per_piece=rule.basis is DimBasis.PER_PIECE,
        numerator=numerator,
        denominator=Decimal(1) if native is None else native.denominator,
        stepped=stepped,
        always=rule.always_applies,
        plain_sides=rule.dimension_step is None and rule.minimum_side is None,
        volume_over=_magnitude(rule.volume_over),
        side_over=_magnitude(rule.longest_side_over),
        side_at_least=_magnitude(rule.longest_side_at_least),
        irregular_factor=rule.irregular_factor,
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class DimRule:
    r"""A carrier's dimensional-weight rule: how it turns a box into a billable weight.

    The dimensional (volumetric) weight of a box is its volume divided by
    the carrier's *divisor*; the billable weight is the greater of the
    actual and the dimensional weight, each rounded up as the carrier says:

    $$W_\text{dim} = \frac{L \times W \times H}{\text{divisor}}, \qquad
    W_\text{billable} = \max\bigl(\lceil W_\text{actual} \rceil,
    \lceil W_\text{dim} \rceil, W_\text{min}\bigr)$$

    Each carrier's divisor is kept **in its own units**: 5000 cm³/kg is
    138.4 in³/lb, not 139, and 139 in³/lb is 5021.7 cm³/kg, so the two differ
    by 0.4% and can land on different sides of a rounding step. A rule in
    inches and pounds measures and rounds in inches and pounds (exactly: an
    11.8 in side is 29.972 cm, which is 11.8 in again).

    Args:
        divisor: Volume per mass, in the carrier's units (``"5000 cm**3/kg"``,
            ``"6000 cm**3/kg"``, ``"139 in**3/lb"``, ``"166 in**3/lb"``).
            ``None`` for a rule that only rounds the actual weight.
        weight_step: Round actual and dimensional weights **up** to a
            multiple of this (``"0.5 kg"``, ``"1 lb"``); ``None`` keeps them exact.
        dimension_step: Round each side to a multiple of this (``"1 in"``,
            ``"1 cm"``) before multiplying; ``None`` keeps the measured sides.
        dimension_rounding: How sides are rounded: to the nearest step
            (UPS, FedEx, USPS) or up.
        minimum: Lowest billable weight per piece (or per shipment, with
            :attr:`DimBasis.PER_SHIPMENT`).
        minimum_side: The two shorter sides count as at least this long
            (Amazon FBA assumes a 2 in minimum width and height for oversize).
        volume_over: Dimensional weight applies only to boxes whose (rounded)
            volume is strictly above this (USPS: 1,728 in³, one cubic foot).
        longest_side_over: ... or whose longest side is strictly above this.
        longest_side_at_least: ... or whose longest side is at least this
            (China Post EMS since June 2022: any side from 40 cm).
            With none of the three, dimensional weight always applies; with
            several, it applies when any holds.
        irregular_factor: Multiplies the volume of irregular parcels
            (USPS: 0.785).
        basis: Per piece (the default) or per shipment.
        name: A label for traces (``"UPS international"``).
        source: Where the rule was read (URL and date).

    Raises:
        UnitError: The divisor is not a volume per mass, or a step or limit
            has the wrong dimension.
        InvalidInputError: A value is not > 0.

    References:
        UPS "Determine billable weight" (ups.com help center, US page): sides
        to the nearest inch, divide by 139 (export/import) or 166
        (domestic), increase any fraction to the next pound. FedEx:
        "Dimensions of one-half inch or greater are rounded up ... The final
        calculation is rounded up to the next whole pound". DHL Express
        (dhlexpressestonia.ee): L × W × H / 5000 cm³/kg or /139 in³/lb per
        piece. USPS DMM Advisory, 30 October 2006: round off each side,
        dimensional weight only above 1,728 in³, irregular parcels × 0.785.

    Examples:
        >>> from xborder.logistics import Parcel, chargeable_weight
        >>> ups = DimRule(
        ...     divisor="139 in**3/lb", dimension_step="1 in", weight_step="1 lb",
        ...     name="UPS international",
        ... )
        >>> box = Parcel(dimensions="12 x 12 x 14 in", weight="2 lb")
        >>> weight = chargeable_weight(box, ups)
        >>> str(weight.billable_in("lb")), weight.governed_by
        ('15 pound', <Governs.DIMENSIONAL: 'dimensional'>)
    """

    divisor: Quantity | None = attrs.field(converter=_divisor)
    weight_step: Quantity | None = attrs.field(default=None, converter=optional_mass)
    dimension_step: Quantity | None = attrs.field(
        default=None, converter=optional_length
    )
    dimension_rounding: SideRounding = attrs.field(
        default=SideRounding.NEAREST, validator=enum_value(SideRounding)
    )
    minimum: Quantity | None = attrs.field(default=None, converter=optional_mass)
    minimum_side: Quantity | None = attrs.field(default=None, converter=optional_length)
    volume_over: Quantity | None = attrs.field(default=None, converter=_optional_volume)
    longest_side_over: Quantity | None = attrs.field(
        default=None, converter=optional_length
    )
    longest_side_at_least: Quantity | None = attrs.field(
        default=None, converter=optional_length
    )
    irregular_factor: Decimal | None = attrs.field(
        default=None, converter=_optional_factor
    )
    basis: DimBasis = attrs.field(
        default=DimBasis.PER_PIECE, validator=enum_value(DimBasis)
    )
    name: str | None = attrs.field(default=None, converter=optional_text)
    source: str | None = attrs.field(default=None, converter=optional_text)
    _native: _Native | None = attrs.field(init=False, repr=False, eq=False, hash=False)
    _hot: HotPath = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        native = _native(self.divisor)
        object.__setattr__(self, "_native", native)
        object.__setattr__(self, "_hot", _hot(self, native))

    @property
    def canonical_divisor(self) -> Quantity | None:
        """The divisor in cm³/kg (139 in³/lb → 5021.69... cm³/kg), for display."""
        native = self._native
        if native is None:
            return None
        return quantity(
            DIVISION.divide(native.numerator, native.denominator), _DIVISOR_UNIT
        )

    @property
    def always_applies(self) -> bool:
        """Whether dimensional weight applies to every box (no size threshold)."""
        return (
            self.volume_over is None
            and self.longest_side_over is None
            and self.longest_side_at_least is None
        )

    def describe(self) -> str:
        """The rule in one line, in the carrier's units."""
        parts = [self.name or "DIM rule"]
        if self.divisor is not None:
            parts.append(f"divisor {unit_text(self.divisor)}")
        else:
            parts.append("no dimensional weight")
        if self.dimension_step is not None:
            step = _length_text(self.dimension_step.magnitude)
            parts.append(f"sides to the {self.dimension_rounding} {step}")
        if self.weight_step is not None:
            parts.append(f"weights up to {weight_text(self.weight_step)}")
        parts.append(str(self.basis))
        return ", ".join(parts)


_SHORT = {
    "inch": "in",
    "foot": "ft",
    "centimeter": "cm",
    "millimeter": "mm",
    "meter": "m",
    "pound": "lb",
    "avoirdupois_pound": "lb",
    "kilogram": "kg",
    "gram": "g",
    "ounce": "oz",
    "avoirdupois_ounce": "oz",
    "liter": "L",
}


def _short(name: str) -> str:
    return _SHORT.get(name, name)


_POWERS = {Decimal(2): "²", Decimal(3): "³"}


_INCH_CM = Decimal("2.54")


def _length_text(cm: Decimal) -> str:
    inches = DIVISION.divide(cm, _INCH_CM)
    if inches == inches.to_integral_value():
        return f"{fmt(inches)} in"
    return f"{fmt(cm)} cm"


def unit_text(divisor: Quantity) -> str:
    """A divisor as carriers write it: ``139 in³/lb``."""
    amount, terms = unit_terms(divisor)
    top = [f"{_short(n)}{_POWERS.get(p, '')}" for n, p in terms if p > 0]
    bottom = [_short(n) for n, p in terms if p < 0]
    return f"{fmt(amount)} {'·'.join(top)}/{'·'.join(bottom)}"


# -- for the chargeable-weight module: hot-path numbers and native units ------


def hot_path(rule: DimRule) -> HotPath:
    """The rule's numbers as plain Decimals (built once, with the rule)."""
    return rule._hot  # noqa: SLF001 - the rule's own cache, read by _weigh


def show_length(rule: DimRule, cm: Decimal) -> str:
    """A length in the rule's own unit: ``12 in`` for 30.48 cm under 139 in³/lb."""
    native = rule._native  # noqa: SLF001 - see hot_path
    if native is None or native.length_cm == 1:
        return f"{fmt(cm, 4)} cm"
    amount = DIVISION.divide(cm, native.length_cm)
    return f"{fmt(amount, 4)} {_short(native.length_unit)}"


def show_volume(rule: DimRule, cm3: Decimal) -> str:
    """A volume in the rule's own unit (in³ or cm³)."""
    native = rule._native  # noqa: SLF001 - see hot_path
    if native is None or native.length_cm == 1:
        return f"{fmt(cm3, 4)} cm³"
    cube = EXACT.power(native.length_cm, 3)
    return f"{fmt(DIVISION.divide(cm3, cube), 4)} {_short(native.length_unit)}³"


def show_mass(rule: DimRule, kg: Decimal) -> str:
    """A weight in the rule's own unit (lb or kg)."""
    native = rule._native  # noqa: SLF001 - see hot_path
    if native is None or native.mass_kg == 1:
        return f"{fmt(kg, 4)} kg"
    amount = DIVISION.divide(kg, native.mass_kg)
    return f"{fmt(amount, 4)} {_short(native.mass_unit)}"
