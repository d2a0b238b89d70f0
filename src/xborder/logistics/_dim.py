"""Dimensional-weight rules and chargeable weight (private; see xborder.logistics).

The hot path works on Decimal magnitudes only: a rule converts its divisor,
steps and thresholds once, when it is built, and :func:`chargeable_weight`
reads the parcel's cached sides (cm) and weight (kg).
"""

from __future__ import annotations

import enum
import functools
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import DecimalInput, named_errors, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, UnitError
from xborder.logistics._common import (
    enum_value,
    fmt,
    optional_length,
    optional_mass,
    optional_text,
)
from xborder.logistics._parcel import Parcel, Shippable, parcels_of
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
    "ChargeableWeight",
    "DimBasis",
    "DimRule",
    "Governs",
    "PieceWeight",
    "SideRounding",
    "chargeable_weight",
]

_DIVISOR_UNIT = "centimeter ** 3 / kilogram"
_ZERO = Decimal(0)


class DimBasis(enum.StrEnum):
    """Whether a rule weighs each piece or the whole shipment."""

    PER_PIECE = "per piece"
    """Each box gets its own billable weight; the shipment's is their sum
    (DHL Express: "per piece"; UPS: "total the billable weight of all
    packages")."""
    PER_SHIPMENT = "per shipment"
    """Weights and volumes are added first, then rounded and compared once
    (FedEx Express international: "per shipment")."""


class SideRounding(enum.StrEnum):
    """How a rule rounds each measured side before multiplying."""

    NEAREST = "nearest"
    """To the nearest step, halves up: UPS 1.00–1.49 in → 1, 1.50–1.99 → 2."""
    UP = "up"
    """Up to the next step: any fraction counts as a whole step."""


class Governs(enum.StrEnum):
    """Which weight set the billable weight."""

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
            value=str(value),
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
class _Hot:
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
    volume_over: Decimal | None
    side_over: Decimal | None
    side_at_least: Decimal | None
    irregular_factor: Decimal | None


def _hot(rule: DimRule, native: _Native | None) -> _Hot:
    step = _magnitude(rule.weight_step)
    numerator = None if native is None else native.numerator
    stepped = None
    if numerator is not None and step is not None:
        stepped = EXACT.multiply(numerator, step)
    return _Hot(
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
    _hot: _Hot = attrs.field(init=False, repr=False, eq=False, hash=False)

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
            parts.append(f"divisor {_unit_text(self.divisor)}")
        else:
            parts.append("no dimensional weight")
        if self.dimension_step is not None:
            parts.append(
                f"sides to the {self.dimension_rounding} "
                f"{self._native_length(self.dimension_step.magnitude)}"
            )
        if self.weight_step is not None:
            parts.append(
                f"weights up to {self._native_mass(self.weight_step.magnitude)}"
            )
        parts.append(str(self.basis))
        return ", ".join(parts)

    # -- native units, for traces ------------------------------------------

    def _native_length(self, cm: Decimal) -> str:
        native = self._native
        if native is None or native.length_cm == 1:
            return f"{fmt(cm, 4)} cm"
        amount = DIVISION.divide(cm, native.length_cm)
        return f"{fmt(amount, 4)} {_short(native.length_unit)}"

    def _native_volume(self, cm3: Decimal) -> str:
        native = self._native
        if native is None or native.length_cm == 1:
            return f"{fmt(cm3, 4)} cm³"
        cube = EXACT.power(native.length_cm, 3)
        return f"{fmt(DIVISION.divide(cm3, cube), 4)} {_short(native.length_unit)}³"

    def _native_mass(self, kg: Decimal) -> str:
        native = self._native
        if native is None or native.mass_kg == 1:
            return f"{fmt(kg, 4)} kg"
        amount = DIVISION.divide(kg, native.mass_kg)
        return f"{fmt(amount, 4)} {_short(native.mass_unit)}"


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


def _unit_text(divisor: Quantity) -> str:
    amount, terms = unit_terms(divisor)
    top = [f"{_short(n)}{_POWERS.get(p, '')}" for n, p in terms if p > 0]
    bottom = [_short(n) for n, p in terms if p < 0]
    return f"{fmt(amount)} {'·'.join(top)}/{'·'.join(bottom)}"


@attrs.frozen(kw_only=True)
class PieceWeight:
    """One kind of box in a chargeable-weight calculation (magnitudes in cm, kg).

    Attributes:
        count: How many identical boxes.
        sides_cm: Measured sides, longest first.
        rounded_sides_cm: Sides after the rule's rounding and minimum side.
        volume_cm3: Volume used for dimensional weight (× the irregular factor).
        dim_applies: Whether the rule's size threshold was met.
        actual_kg: Scale weight of one box.
        rounded_actual_kg: Scale weight rounded up to the rule's step.
        dimensional_kg: Dimensional weight of one box, rounded up; ``None``
            when dimensional weight does not apply.
        billable_kg: Billable weight of one box (what a per-piece rule bills).
    """

    count: int
    sides_cm: tuple[Decimal, Decimal, Decimal]
    rounded_sides_cm: tuple[Decimal, Decimal, Decimal]
    volume_cm3: Decimal
    dim_applies: bool
    actual_kg: Decimal
    rounded_actual_kg: Decimal
    dimensional_kg: Decimal | None
    billable_kg: Decimal


@attrs.frozen(kw_only=True)
class ChargeableWeight:
    """Actual, dimensional and billable weight of a shipment, with the working.

    Magnitudes are in kilograms (``*_kg``); the properties without the
    suffix give pint quantities, and :meth:`billable_in` converts.

    Attributes:
        rule: The rule applied, or ``None`` (billable = actual).
        pieces: One entry per kind of box.
        actual_kg: Total scale weight, unrounded.
        dimensional_kg: Total dimensional weight after rounding, over the
            boxes it applies to; ``None`` if it applies to none.
        billable_kg: Total billable weight.
    """

    rule: DimRule | None
    pieces: tuple[PieceWeight, ...]
    actual_kg: Decimal
    dimensional_kg: Decimal | None
    billable_kg: Decimal

    @property
    def actual(self) -> Quantity:
        """Total scale weight, in kilograms."""
        return quantity(self.actual_kg, KILOGRAM)

    @property
    def dimensional(self) -> Quantity | None:
        """Total dimensional weight after rounding, or ``None``."""
        if self.dimensional_kg is None:
            return None
        return quantity(self.dimensional_kg, KILOGRAM)

    @property
    def billable(self) -> Quantity:
        """Total billable weight, in kilograms."""
        return quantity(self.billable_kg, KILOGRAM)

    def billable_in(self, unit: str) -> Quantity:
        """The billable weight in ``unit`` (``"lb"``, ``"g"``)."""
        return to_unit(self.billable, unit)

    @property
    def governed_by(self) -> Governs:
        """Which weight set the bill: actual, dimensional or the rule's minimum.

        A tie between actual and dimensional counts as actual: the box's
        size added nothing to the bill.
        """
        rule = self.rule
        if rule is not None and rule.basis is DimBasis.PER_SHIPMENT:
            if self.billable_kg == _round_weight(rule, self.actual_kg):
                return Governs.ACTUAL
            if self.billable_kg == self.dimensional_kg:
                return Governs.DIMENSIONAL
            return Governs.MINIMUM
        kinds = {_piece_governs(piece) for piece in self.pieces}
        if kinds == {Governs.ACTUAL}:
            return Governs.ACTUAL
        if Governs.DIMENSIONAL in kinds:
            return Governs.DIMENSIONAL
        return Governs.MINIMUM

    @property
    def trace(self) -> tuple[str, ...]:
        """The working, one step a line, in the rule's own units."""
        return _trace(self)


def _round_weight(rule: DimRule, kg: Decimal) -> Decimal:
    step = rule._hot.weight_step  # noqa: SLF001 - same module
    if step is None:
        return kg
    return _ceil(kg, step)


def _ceil(value: Decimal, step: Decimal) -> Decimal:
    steps = DIVISION.divide(value, step).to_integral_value(rounding=ROUND_CEILING)
    return EXACT.multiply(steps, step)


def _measure(
    hot: _Hot, sides: tuple[Decimal, Decimal, Decimal]
) -> tuple[Decimal, Decimal, Decimal]:
    step = hot.side_step
    if step is None:
        length, width, height = sides
    else:
        mode = hot.side_rounding
        divide, integral, multiply = (
            DIVISION.divide,
            Decimal.to_integral_value,
            EXACT.multiply,
        )
        length, width, height = (
            multiply(integral(divide(side, step), rounding=mode), step)
            for side in sides
        )
    low = hot.minimum_side
    if low is not None:
        width, height = max(width, low), max(height, low)
    return (length, width, height)


def _applies(hot: _Hot, longest: Decimal, volume: Decimal) -> bool:
    if hot.always:
        return True
    if hot.volume_over is not None and volume > hot.volume_over:
        return True
    if hot.side_over is not None and longest > hot.side_over:
        return True
    return hot.side_at_least is not None and longest >= hot.side_at_least


def _dimensional(hot: _Hot, volume: Decimal) -> Decimal:
    """Volume (cm³) → dimensional kg, rounded up, in one exact division.

    ``volume × kg-per-native-mass-unit ÷ (divisor in cm³ per native mass
    unit × step)`` keeps 139 in³/lb exact: converting the divisor to cm³/kg
    first would leave a 28-digit tail that can tip a whole number of pounds
    over a rounding step.
    """
    numerator = hot.numerator
    assert numerator is not None  # noqa: S101 - callers check the divisor
    scaled = EXACT.multiply(volume, hot.denominator)
    step = hot.weight_step
    if step is None or hot.stepped is None:
        return DIVISION.divide(scaled, numerator)
    steps = DIVISION.divide(scaled, hot.stepped)
    return EXACT.multiply(steps.to_integral_value(rounding=ROUND_CEILING), step)


_new = object.__new__
_NO = False  # "dimensional weight does not apply", positionally
_PIECE_SLOTS = tuple(
    PieceWeight.__dict__[name].__set__ for name in attrs.fields_dict(PieceWeight)
)
_WEIGHT_SLOTS = tuple(
    ChargeableWeight.__dict__[name].__set__
    for name in attrs.fields_dict(ChargeableWeight)
)


def _make_piece(*values: object) -> PieceWeight:
    # Results are built from checked magnitudes; skipping attrs' __init__
    # keeps chargeable_weight within a few times bare Decimal arithmetic.
    piece = _new(PieceWeight)
    for setter, value in zip(_PIECE_SLOTS, values, strict=True):
        setter(piece, value)
    return piece


def _make_weight(*values: object) -> ChargeableWeight:
    weight = _new(ChargeableWeight)
    for setter, value in zip(_WEIGHT_SLOTS, values, strict=True):
        setter(weight, value)
    return weight


def _piece(rule: DimRule | None, parcel: Parcel) -> PieceWeight:
    sides = parcel._sides  # noqa: SLF001 - the cached hot-path magnitudes
    weight = parcel.weight._magnitude  # noqa: SLF001 - pint's plain attribute
    if rule is None:
        volume = EXACT.multiply(EXACT.multiply(sides[0], sides[1]), sides[2])
        return _make_piece(
            parcel.pieces, sides, sides, volume, _NO, weight, weight, None, weight
        )
    hot = rule._hot  # noqa: SLF001 - same module
    measured = _measure(hot, sides)
    volume = EXACT.multiply(EXACT.multiply(measured[0], measured[1]), measured[2])
    if parcel.irregular and hot.irregular_factor is not None:
        volume = EXACT.multiply(volume, hot.irregular_factor)
    step = hot.weight_step
    rounded_actual = weight if step is None else _ceil(weight, step)
    applies = hot.numerator is not None and _applies(hot, measured[0], volume)
    dimensional = _dimensional(hot, volume) if applies else None
    billable = rounded_actual
    if dimensional is not None and dimensional > billable:
        billable = dimensional
    if hot.minimum is not None and hot.per_piece and hot.minimum > billable:
        billable = hot.minimum
    return _make_piece(
        parcel.pieces,
        sides,
        measured,
        volume,
        applies,
        weight,
        rounded_actual,
        dimensional,
        billable,
    )


def chargeable_weight(
    shipment: Shippable, rule: DimRule | None = None
) -> ChargeableWeight:
    """Actual, dimensional and billable weight of a shipment under ``rule``.

    Per piece (the default), each box is measured, rounded and compared on
    its own and the billable weights are added; per shipment, scale weights
    and volumes are added first and the totals rounded and compared once.
    Without a rule the billable weight is the actual weight.

    Args:
        shipment: A :class:`Parcel` or :class:`Consignment`.
        rule: The carrier's :class:`DimRule`, or ``None``.

    Returns:
        A :class:`ChargeableWeight` whose :attr:`~ChargeableWeight.trace`
        shows the working in the rule's own units.

    Raises:
        InvalidTypeError: ``shipment`` or ``rule`` has the wrong type.

    >>> dhl = DimRule(divisor="5000 cm**3/kg", weight_step="0.5 kg")
    >>> box = Parcel(dimensions="40 x 30 x 20 cm", weight="3.2 kg")
    >>> weight = chargeable_weight(box, dhl)
    >>> str(weight.actual), str(weight.dimensional), str(weight.billable)
    ('3.2 kilogram', '5.0 kilogram', '5.0 kilogram')
    >>> for line in weight.trace:
    ...     print(line)
    DIM rule, divisor 5000 cm³/kg, weights up to 0.5 kg, per piece
    1 × 40 × 30 × 20 cm: volume 24000 cm³ ÷ 5000 cm³/kg = 4.8 kg → 5 kg
      actual 3.2 kg → 3.5 kg; billable 5 kg each (dimensional)
    billable 5 kg (dimensional)
    """
    if isinstance(shipment, Parcel):
        parcels: tuple[Parcel, ...] = (shipment,)
    else:
        parcels = parcels_of(shipment)
    if rule is not None and not isinstance(rule, DimRule):
        raise InvalidTypeError(field="rule", value=rule, expected="a DimRule or None")
    pieces = tuple([_piece(rule, parcel) for parcel in parcels])
    if rule is not None and not rule._hot.per_piece:  # noqa: SLF001
        return _per_shipment(rule, pieces)
    if len(pieces) == 1 and pieces[0].count == 1:
        only = pieces[0]
        return _make_weight(
            rule, pieces, only.actual_kg, only.dimensional_kg, only.billable_kg
        )
    actual = _ZERO
    billable = _ZERO
    dimensional: Decimal | None = None
    for piece in pieces:
        count = piece.count
        actual = EXACT.add(actual, EXACT.multiply(piece.actual_kg, count))
        billable = EXACT.add(billable, EXACT.multiply(piece.billable_kg, count))
        if piece.dimensional_kg is not None:
            weight = EXACT.multiply(piece.dimensional_kg, count)
            dimensional = (
                weight if dimensional is None else EXACT.add(dimensional, weight)
            )
    return _make_weight(rule, pieces, actual, dimensional, billable)


def _per_shipment(rule: DimRule, pieces: tuple[PieceWeight, ...]) -> ChargeableWeight:
    actual = _ZERO
    volume: Decimal | None = None
    for piece in pieces:
        actual = EXACT.add(actual, EXACT.multiply(piece.actual_kg, piece.count))
        if piece.dim_applies:
            cube = EXACT.multiply(piece.volume_cm3, piece.count)
            volume = cube if volume is None else EXACT.add(volume, cube)
    dimensional = None if volume is None else _dimensional(rule._hot, volume)  # noqa: SLF001
    billable = _round_weight(rule, actual)
    if dimensional is not None:
        billable = max(billable, dimensional)
    if rule.minimum is not None:
        billable = max(billable, rule.minimum.magnitude)
    return ChargeableWeight(
        rule=rule,
        pieces=pieces,
        actual_kg=actual,
        dimensional_kg=dimensional,
        billable_kg=billable,
    )


def _trace(weight: ChargeableWeight) -> tuple[str, ...]:
    rule = weight.rule
    if rule is None:
        return (
            "no DIM rule: billable weight = actual weight",
            f"billable {fmt(weight.billable_kg)} kg (actual)",
        )
    lines = [rule.describe()]
    for piece in weight.pieces:
        lines.extend(_piece_trace(rule, piece))
    if rule.basis is DimBasis.PER_SHIPMENT:
        lines.append(_shipment_trace(rule, weight))
    if rule.minimum is not None:
        lines.append(f"minimum {rule._native_mass(rule.minimum.magnitude)}")  # noqa: SLF001
    lines.append(
        f"billable {rule._native_mass(weight.billable_kg)} ({weight.governed_by})"  # noqa: SLF001
    )
    return tuple(lines)


def _piece_trace(rule: DimRule, piece: PieceWeight) -> list[str]:
    length = rule._native_length  # noqa: SLF001
    mass = rule._native_mass  # noqa: SLF001
    measured = " × ".join(length(s).rsplit(" ", 1)[0] for s in piece.sides_cm)
    unit = length(piece.sides_cm[0]).rsplit(" ", 1)[1]
    head = f"{piece.count} × {measured} {unit}"
    if piece.rounded_sides_cm != piece.sides_cm:
        rounded = " × ".join(
            length(s).rsplit(" ", 1)[0] for s in piece.rounded_sides_cm
        )
        head += f" → {rounded} {unit}"
    volume = rule._native_volume(piece.volume_cm3)  # noqa: SLF001
    if rule.divisor is None:
        dim = "no dimensional weight"
    elif not piece.dim_applies:
        dim = f"volume {volume}: below the rule's size threshold, no dimensional weight"
    else:
        raw = _dimensional_raw(rule, piece.volume_cm3)
        dim = f"volume {volume} ÷ {_unit_text(rule.divisor)} = {mass(raw)}"
        if piece.dimensional_kg is not None and piece.dimensional_kg != raw:
            dim += f" → {mass(piece.dimensional_kg)}"
    actual = f"actual {mass(piece.actual_kg)}"
    if piece.rounded_actual_kg != piece.actual_kg:
        actual += f" → {mass(piece.rounded_actual_kg)}"
    line = f"  {actual}"
    if rule.basis is DimBasis.PER_PIECE:
        line += f"; billable {mass(piece.billable_kg)} each ({_piece_governs(piece)})"
    return [f"{head}: {dim}", line]


def _dimensional_raw(rule: DimRule, volume: Decimal) -> Decimal:
    hot = rule._hot  # noqa: SLF001
    assert hot.numerator is not None  # noqa: S101
    return DIVISION.divide(EXACT.multiply(volume, hot.denominator), hot.numerator)


def _piece_governs(piece: PieceWeight) -> Governs:
    if piece.billable_kg == piece.rounded_actual_kg:
        return Governs.ACTUAL
    if piece.billable_kg == piece.dimensional_kg:
        return Governs.DIMENSIONAL
    return Governs.MINIMUM


def _shipment_trace(rule: DimRule, weight: ChargeableWeight) -> str:
    mass = rule._native_mass  # noqa: SLF001
    text = f"shipment: actual {mass(weight.actual_kg)}"
    rounded = _round_weight(rule, weight.actual_kg)
    if rounded != weight.actual_kg:
        text += f" → {mass(rounded)}"
    if weight.dimensional_kg is not None:
        text += f", dimensional {mass(weight.dimensional_kg)}"
    return text
