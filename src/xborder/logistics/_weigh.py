"""Chargeable weight: actual, dimensional and billable, with the working (private).

The hot path works on Decimal magnitudes only: it reads the parcel's cached
sides (cm) and weight (kg) and the rule's pre-converted numbers.
"""

from __future__ import annotations

import functools
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    DecimalInput,
    flag,
    items_of,
    named_errors,
    non_negative,
    positive,
    positive_count,
    to_decimal,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.logistics._common import fmt
from xborder.logistics._dim import (
    DimBasis,
    DimRule,
    Governs,
    HotPath,
    hot_path,
    show_length,
    show_mass,
    show_volume,
    unit_text,
)
from xborder.logistics._parcel import Parcel, Shippable, parcels_of
from xborder.units import KILOGRAM, quantity, to_unit

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.units import Quantity

__all__ = ["ChargeableWeight", "PieceWeight", "chargeable_weight"]

_ZERO = Decimal(0)


def _sides(values: Iterable[DecimalInput]) -> tuple[Decimal, Decimal, Decimal]:
    """Converter: three measured sides in cm, each > 0."""
    return _three(values, Decimal(0), "> 0 cm")


def _rounded_sides(
    values: Iterable[DecimalInput],
) -> tuple[Decimal, Decimal, Decimal]:
    """Converter: three rounded sides in cm, each >= 0 (a 0.4 in side rounds to 0)."""
    return _three(values, None, ">= 0 cm")


def _three(
    values: Iterable[DecimalInput], above: Decimal | None, expected: str
) -> tuple[Decimal, Decimal, Decimal]:
    sides = items_of(values, field=None, expected="three sides in cm")
    if len(sides) != 3:  # noqa: PLR2004 - a box has three sides
        raise InvalidTypeError(field=None, value=values, expected="three sides in cm")
    checked = []
    for index, side in enumerate(sides):
        number = to_decimal(side, field=f"[{index}]")
        if number < 0 or (above is not None and not number > above):
            raise InvalidInputError(field=f"[{index}]", value=side, expected=expected)
        checked.append(number)
    return (checked[0], checked[1], checked[2])


def _optional_kg(value: DecimalInput | None) -> Decimal | None:
    """Converter: a weight in kg >= 0, or ``None``."""
    return None if value is None else non_negative(value)


def _optional_rule(value: DimRule | None) -> DimRule | None:
    if value is not None and not isinstance(value, DimRule):
        raise InvalidTypeError(field=None, value=value, expected="a DimRule or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
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

    Examples:
        >>> from xborder.logistics import DimRule, Parcel
        >>> rule = DimRule(
        ...     divisor="139 in**3/lb", dimension_step="1 in", weight_step="1 lb"
        ... )
        >>> box = Parcel(dimensions="11.8 x 7.9 x 3.1 in", weight="1.2 lb")
        >>> piece = chargeable_weight(box, rule).pieces[0]
        >>> piece.rounded_sides_cm  # 12 × 8 × 3 in
        (Decimal('30.48'), Decimal('20.32'), Decimal('7.62'))
    """

    # chargeable_weight() builds these from checked magnitudes without
    # __init__ (see _make_piece); the constructor checks what a caller gives.
    count: int = attrs.field(converter=positive_count)
    sides_cm: tuple[Decimal, Decimal, Decimal] = attrs.field(converter=_sides)
    rounded_sides_cm: tuple[Decimal, Decimal, Decimal] = attrs.field(
        converter=_rounded_sides
    )
    volume_cm3: Decimal = attrs.field(converter=non_negative)
    dim_applies: bool = attrs.field(converter=flag)
    actual_kg: Decimal = attrs.field(converter=positive)
    rounded_actual_kg: Decimal = attrs.field(converter=positive)
    dimensional_kg: Decimal | None = attrs.field(converter=_optional_kg)
    billable_kg: Decimal = attrs.field(converter=positive)


def _pieces(values: Iterable[PieceWeight]) -> tuple[PieceWeight, ...]:
    pieces = tuple_of(values, PieceWeight)
    if not pieces:
        raise InvalidInputError(
            field=None, value=pieces, expected="at least one PieceWeight"
        )
    return pieces


@attrs.frozen(kw_only=True, field_transformer=named_errors)
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

    Examples:
        >>> from xborder.logistics import DimRule, Parcel
        >>> rule = DimRule(divisor="5000 cm**3/kg", weight_step="0.5 kg")
        >>> pair = Parcel(dimensions="30 x 20 x 15 cm", weight="2.2 kg", pieces=2)
        >>> weight = chargeable_weight(pair, rule)
        >>> str(weight.actual), str(weight.billable), weight.governed_by.value
        ('4.4 kilogram', '5.0 kilogram', 'actual')
    """

    # Built without __init__ on the hot path (see _make_weight).
    rule: DimRule | None = attrs.field(converter=_optional_rule)
    pieces: tuple[PieceWeight, ...] = attrs.field(converter=_pieces)
    actual_kg: Decimal = attrs.field(converter=positive)
    dimensional_kg: Decimal | None = attrs.field(converter=_optional_kg)
    billable_kg: Decimal = attrs.field(converter=positive)

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
    step = hot_path(rule).weight_step
    if step is None:
        return kg
    return _ceil(kg, step)


# Bound once: the hot path calls these a few times per box.
_divide = DIVISION.divide
_multiply = EXACT.multiply
_integral = Decimal.to_integral_value


def _ceil(value: Decimal, step: Decimal) -> Decimal:
    return _multiply(_integral(_divide(value, step), ROUND_CEILING), step)


def _measure(
    hot: HotPath, sides: tuple[Decimal, Decimal, Decimal]
) -> tuple[Decimal, Decimal, Decimal]:
    step = hot.side_step
    if step is None:
        length, width, height = sides
    else:
        mode = hot.side_rounding
        length, width, height = (
            _multiply(_integral(_divide(side, step), mode), step) for side in sides
        )
    low = hot.minimum_side
    if low is not None:
        width, height = max(width, low), max(height, low)
    return (length, width, height)


def _applies(hot: HotPath, longest: Decimal, volume: Decimal) -> bool:
    if hot.always:
        return True
    if hot.volume_over is not None and volume > hot.volume_over:
        return True
    if hot.side_over is not None and longest > hot.side_over:
        return True
    return hot.side_at_least is not None and longest >= hot.side_at_least


def _dimensional(hot: HotPath, volume: Decimal) -> Decimal:
    """Volume (cm³) → dimensional kg, rounded up, in one exact division.

    ``volume × kg-per-native-mass-unit ÷ (divisor in cm³ per native mass
    unit × step)`` keeps 139 in³/lb exact: converting the divisor to cm³/kg
    first would leave a 28-digit tail that can tip a whole number of pounds
    over a rounding step.
    """
    numerator = hot.numerator
    assert numerator is not None  # noqa: S101 - callers check the divisor
    scaled = _multiply(volume, hot.denominator)
    step = hot.weight_step
    if step is None or hot.stepped is None:
        return _divide(scaled, numerator)
    return _multiply(_integral(_divide(scaled, hot.stepped), ROUND_CEILING), step)


_new = object.__new__
_NO = False  # "dimensional weight does not apply", positionally
_PIECE_SLOTS = tuple(
    PieceWeight.__dict__[name].__set__ for name in attrs.fields_dict(PieceWeight)
)
_WEIGHT_SLOTS = tuple(
    ChargeableWeight.__dict__[name].__set__
    for name in attrs.fields_dict(ChargeableWeight)
)


(
    _set_count,
    _set_sides,
    _set_rounded_sides,
    _set_volume,
    _set_applies,
    _set_actual,
    _set_rounded_actual,
    _set_dimensional,
    _set_billable,
) = _PIECE_SLOTS
_set_rule, _set_pieces, _set_total_actual, _set_total_dim, _set_total_billable = (
    _WEIGHT_SLOTS
)


def _make_piece(  # noqa: PLR0917 - one argument per field, positionally
    count: int,
    sides: tuple[Decimal, Decimal, Decimal],
    rounded_sides: tuple[Decimal, Decimal, Decimal],
    volume: Decimal,
    applies: bool,  # noqa: FBT001
    actual: Decimal,
    rounded_actual: Decimal,
    dimensional: Decimal | None,
    billable: Decimal,
) -> PieceWeight:
    # Results are built from checked magnitudes; skipping attrs' __init__
    # keeps chargeable_weight within a few times bare Decimal arithmetic.
    piece = _new(PieceWeight)
    _set_count(piece, count)
    _set_sides(piece, sides)
    _set_rounded_sides(piece, rounded_sides)
    _set_volume(piece, volume)
    _set_applies(piece, applies)
    _set_actual(piece, actual)
    _set_rounded_actual(piece, rounded_actual)
    _set_dimensional(piece, dimensional)
    _set_billable(piece, billable)
    return piece


def _make_weight(
    rule: DimRule | None,
    pieces: tuple[PieceWeight, ...],
    actual: Decimal,
    dimensional: Decimal | None,
    billable: Decimal,
) -> ChargeableWeight:
    weight = _new(ChargeableWeight)
    _set_rule(weight, rule)
    _set_pieces(weight, pieces)
    _set_total_actual(weight, actual)
    _set_total_dim(weight, dimensional)
    _set_total_billable(weight, billable)
    return weight


def _piece(rule: DimRule | None, parcel: Parcel) -> PieceWeight:
    sides = parcel._sides  # noqa: SLF001 - the cached hot-path magnitudes
    weight = parcel.weight._magnitude  # noqa: SLF001 - pint's plain attribute
    if rule is None:
        volume = EXACT.multiply(EXACT.multiply(sides[0], sides[1]), sides[2])
        return _make_piece(
            parcel.pieces, sides, sides, volume, _NO, weight, weight, None, weight
        )
    hot = rule._hot  # noqa: SLF001 - the rule's hot-path numbers (see hot_path)
    measured = sides if hot.plain_sides else _measure(hot, sides)
    volume = _multiply(_multiply(measured[0], measured[1]), measured[2])
    if parcel.irregular and hot.irregular_factor is not None:
        volume = _multiply(volume, hot.irregular_factor)
    step = hot.weight_step
    rounded_actual = weight if step is None else _ceil(weight, step)
    applies = hot.numerator is not None and (
        hot.always or _applies(hot, measured[0], volume)
    )
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

    Examples:
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
    if (
        len(parcels) == 1
        and parcels[0].pieces == 1
        and (
            rule is None or rule._hot.per_piece  # noqa: SLF001 - see hot_path
        )
    ):
        only = _piece(rule, parcels[0])  # the common case: one box
        return _make_weight(
            rule, (only,), only.actual_kg, only.dimensional_kg, only.billable_kg
        )
    pieces = tuple([_piece(rule, parcel) for parcel in parcels])
    if rule is not None and not hot_path(rule).per_piece:
        return _per_shipment(rule, pieces)
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
    dimensional = None if volume is None else _dimensional(hot_path(rule), volume)
    billable = _round_weight(rule, actual)
    if dimensional is not None:
        billable = max(billable, dimensional)
    if rule.minimum is not None:
        billable = max(billable, rule.minimum.magnitude)
    return _make_weight(rule, pieces, actual, dimensional, billable)


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
        lines.append(f"minimum {show_mass(rule, rule.minimum.magnitude)}")
    lines.append(
        f"billable {show_mass(rule, weight.billable_kg)} ({weight.governed_by})"
    )
    return tuple(lines)


def _piece_trace(rule: DimRule, piece: PieceWeight) -> list[str]:
    length = functools.partial(show_length, rule)
    mass = functools.partial(show_mass, rule)
    measured = " × ".join(length(s).rsplit(" ", 1)[0] for s in piece.sides_cm)
    unit = length(piece.sides_cm[0]).rsplit(" ", 1)[1]
    head = f"{piece.count} × {measured} {unit}"
    if piece.rounded_sides_cm != piece.sides_cm:
        rounded = " × ".join(
            length(s).rsplit(" ", 1)[0] for s in piece.rounded_sides_cm
        )
        head += f" → {rounded} {unit}"
    volume = show_volume(rule, piece.volume_cm3)
    if rule.divisor is None:
        dim = "no dimensional weight"
    elif not piece.dim_applies:
        dim = f"volume {volume}: below the rule's size threshold, no dimensional weight"
    else:
        raw = _dimensional_raw(rule, piece.volume_cm3)
        dim = f"volume {volume} ÷ {unit_text(rule.divisor)} = {mass(raw)}"
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
    hot = hot_path(rule)
    assert hot.numerator is not None  # noqa: S101
    return DIVISION.divide(EXACT.multiply(volume, hot.denominator), hot.numerator)


def _piece_governs(piece: PieceWeight) -> Governs:
    if piece.billable_kg == piece.rounded_actual_kg:
        return Governs.ACTUAL
    if piece.billable_kg == piece.dimensional_kg:
        return Governs.DIMENSIONAL
    return Governs.MINIMUM


def _shipment_trace(rule: DimRule, weight: ChargeableWeight) -> str:
    mass = functools.partial(show_mass, rule)
    text = f"shipment: actual {mass(weight.actual_kg)}"
    rounded = _round_weight(rule, weight.actual_kg)
    if rounded != weight.actual_kg:
        text += f" → {mass(rounded)}"
    if weight.dimensional_kg is not None:
        text += f", dimensional {mass(weight.dimensional_kg)}"
    return text
