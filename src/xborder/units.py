"""Physical quantities: the one module that touches pint.

Weights, lengths, volumes and durations come into xborder as pint quantities
(from any registry, yours included) or as strings such as ``"11.8 in"``. They
are checked for dimension and converted **once**, at the edge, into a
quantity of xborder's own Decimal registry in a canonical unit:

========== ======================= =================
dimension  canonical unit          converter
========== ======================= =================
mass       kilogram                :func:`as_mass`
length     centimetre              :func:`as_length`
volume     cubic centimetre        :func:`as_volume`
time       day                     :func:`as_duration`
========== ======================= =================

Calculators then read ``.magnitude``, a plain :class:`~decimal.Decimal` in
that canonical unit, and never do pint arithmetic in a loop (a pint add that
converts costs ~18 µs; a Decimal add ~0.06 µs).

The registry is ``pint.UnitRegistry(non_int_type=Decimal)``, built lazily on
first use (pint's import and registry build cost ~0.25 s), and xborder does
not make it pint's application registry: that is your application's choice.
Quantities of xborder's registry pickle back into it, so models survive a
process pool.

Examples:
    >>> from xborder.units import as_mass, magnitude, POUND
    >>> weight = as_mass("1.5 lb")
    >>> weight.magnitude
    Decimal('0.680388555')
    >>> magnitude(weight, POUND)
    Decimal('1.5')
    >>> as_mass("30 cm")
    Traceback (most recent call last):
    ...
    xborder.errors.UnitError: expected a quantity of [mass] such as '2.5 kg', got '30
    cm'
"""

from __future__ import annotations

import copyreg
import functools
from decimal import Decimal, Overflow
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._guard import guard_public
from xborder._validate import DecimalInput, named_errors, to_decimal
from xborder.errors import InvalidInputError, UnitError

if TYPE_CHECKING:
    import pint
    from pint.util import UnitsContainer

    Quantity: TypeAlias = pint.Quantity[Decimal]
    """A pint quantity with a Decimal magnitude."""

    QuantityInput: TypeAlias = pint.Quantity[Any] | str
    """What xborder accepts for a physical amount: a pint quantity or a string."""
else:

    def __getattr__(name: str) -> object:
        # The type aliases need pint, whose import is most of xborder's cost;
        # resolve them only when a caller asks (annotations evaluated at
        # runtime, isinstance checks). Hidden from mypy, which sees the
        # aliases above and keeps flagging misspelt attributes.
        if name in {"Quantity", "QuantityInput"}:
            import pint  # noqa: PLC0415

            return pint.Quantity if name == "Quantity" else pint.Quantity | str
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CENTIMETRE",
    "CUBIC_CENTIMETRE",
    "CUBIC_INCH",
    "CUBIC_METRE",
    "DAY",
    "FOOT",
    "GRAM",
    "HOUR",
    "INCH",
    "KILOGRAM",
    "LITRE",
    "METRE",
    "MILLIMETRE",
    "OUNCE",
    "POUND",
    "WEEK",
    "Dimensions",
    "Quantity",
    "QuantityInput",
    "as_duration",
    "as_length",
    "as_mass",
    "as_volume",
    "magnitude",
    "non_negative_quantity",
    "positive_quantity",
    "quantity",
    "registry",
    "to_unit",
    "unit_terms",
]

# Unit names as pint spells them. Strings, not Unit objects, so importing
# xborder builds no registry; each is parsed once and cached (_unit()).
GRAM = "gram"
KILOGRAM = "kilogram"
OUNCE = "avoirdupois_ounce"
POUND = "avoirdupois_pound"
MILLIMETRE = "millimeter"
CENTIMETRE = "centimeter"
METRE = "meter"
INCH = "inch"
FOOT = "foot"
CUBIC_CENTIMETRE = "centimeter ** 3"
CUBIC_INCH = "inch ** 3"
CUBIC_METRE = "meter ** 3"
LITRE = "liter"
HOUR = "hour"
DAY = "day"
WEEK = "week"


@functools.cache
def registry() -> pint.UnitRegistry[Decimal]:
    """Return xborder's Decimal unit registry, building it on first call.

    Use it to build quantities that need no conversion at the edge:
    ``registry().Quantity(Decimal("2.5"), "kg")``.
    """
    import pint  # noqa: PLC0415 - lazy: pint's import is most of xborder's cost

    ureg: pint.UnitRegistry[Decimal] = pint.UnitRegistry(non_int_type=Decimal)
    # Unpickling a pint quantity re-homes it in pint's *application*
    # registry (a float one by default), and a later sum with one of ours
    # fails across registries. Pickle ours by value so they come back home.
    copyreg.pickle(ureg.Quantity, _reduce_quantity)
    return ureg


def _reduce_quantity(value: Quantity) -> tuple[Any, tuple[str, str]]:
    return (_restore_quantity, (str(value.magnitude), str(value.units)))


def _restore_quantity(amount: str, unit: str) -> Quantity:
    return quantity(Decimal(amount), unit)


@functools.cache
def _unit(name: str) -> pint.Unit:
    try:
        return registry().Unit(name)
    except Exception:  # noqa: BLE001 - pint raises assorted errors (see _parse)
        raise UnitError(
            field="unit", value=name, expected="a unit pint knows, such as 'kilogram'"
        ) from None


def quantity(amount: DecimalInput, unit: str) -> Quantity:
    """Build a quantity of xborder's registry from a number and a unit name.

    Examples:
        >>> quantity("2.5", KILOGRAM)
        <Quantity(2.5, 'kilogram')>

    Raises:
        InvalidInputError: ``amount`` is not a finite number.
        UnitError: ``unit`` is not a unit pint knows.
    """
    return registry().Quantity(to_decimal(amount, field="amount"), _unit_of(unit))


def to_unit(value: QuantityInput, unit: str, *, field: str | None = None) -> Quantity:
    """Check ``value``'s dimension against ``unit`` and convert it there.

    Accepts a quantity from any pint registry (its magnitude is read through
    ``str``, so a float registry's ``1.1`` arrives as ``Decimal('1.1')``) or
    a string such as ``"11.8 in"``.

    Raises:
        UnitError: ``value`` is not a quantity, its dimension differs from
            ``unit``'s, or either has an offset (degC, degF), which no
            factor converts.
        InvalidInputError: The magnitude is not a finite number.

    Examples:
        >>> to_unit("36 h", DAY)
        <Quantity(1.5, 'day')>
        >>> to_unit("2 kg", CENTIMETRE, field="height")
        Traceback (most recent call last):
        ...
        xborder.errors.UnitError: height: expected a quantity of [length] ...
    """
    try:
        target = _unit(unit)
    except TypeError as error:  # on the hot path: no wrapper call
        raise _not_a_unit(unit, error) from None
    own = _rehome(value, field)
    # pint's `_units` containers compare as dicts: far cheaper than comparing
    # Unit objects, and this runs once per field of every model built.
    if own._units == target._units:  # noqa: SLF001
        return own
    try:
        factors = _factors(own._units, unit)  # noqa: SLF001
    except _OffsetUnitError:
        # degC → kelvin is not a factor (20 degC is 293.15 K); a factor
        # would silently give 20 K.
        raise UnitError(
            "offset units such as degC do not convert by a factor",
            field=field,
            value=str(value),
            expected=f"a quantity in {target} itself, or in a unit without an offset",
        ) from None
    if factors is None:
        raise UnitError(
            field=field,
            value=str(value),
            expected=f"a quantity of {target.dimensionality} such as {_example(unit)}",
        )
    numerator, denominator = factors
    amount = DIVISION.divide(EXACT.multiply(own.magnitude, numerator), denominator)
    return registry().Quantity(_tidy(amount), target)


@functools.cache
def _factors(source: UnitsContainer, unit: str) -> tuple[Decimal, Decimal] | None:
    """The conversion factor from ``source`` to ``unit`` as an exact fraction.

    Each simple unit's factor to SI base units is exact (an inch is 0.0254 m,
    a pound 0.45359237 kg, an hour 3600 s); a compound unit multiplies them
    into a numerator and a denominator, and the one division happens last,
    at 34 digits. So 36 h is exactly 1.5 d, and 5000 cm³/kg in in³/lb is
    right to 34 digits, where pint's own 28-digit factors would not be.
    Returns None when the dimensions differ.
    """
    ureg = registry()
    target = _unit(unit)
    if _has_offset(source) or _has_offset(target._units):  # noqa: SLF001
        raise _OffsetUnitError  # not cached: raised each time, rarely
    if ureg.get_base_units(source)[1] != ureg.get_base_units(target)[1]:
        return None
    source_up, source_down = _base_fraction(source)
    target_up, target_down = _base_fraction(target._units)  # noqa: SLF001
    return (
        EXACT.multiply(source_up, target_down),
        EXACT.multiply(source_down, target_up),
    )


class _OffsetUnitError(Exception):
    """A unit with an offset (degC) met a conversion; to_unit names the field."""


def _unit_of(name: str) -> pint.Unit:
    try:
        return _unit(name)
    except TypeError as error:
        raise _not_a_unit(name, error) from None


def _not_a_unit(name: object, error: TypeError) -> UnitError:
    if isinstance(error, UnitError):
        return error
    # The cache hashes its argument first: a list, or a signalling NaN,
    # fails there before pint could refuse it.
    return UnitError(field="unit", value=name, expected="a unit name such as 'kg'")


def _has_offset(units: UnitsContainer) -> bool:
    """Whether ``units`` names a unit with an offset (degC, degF)."""
    definitions = registry()._units  # noqa: SLF001 - pint has no public look-up
    return any(
        not definitions[name].is_multiplicative for name in units if name in definitions
    )


def _base_fraction(units: UnitsContainer) -> tuple[Decimal, Decimal]:
    """A unit's factor to SI base units as (numerator, denominator)."""
    ureg = registry()
    numerator, denominator = Decimal(1), Decimal(1)
    for name, exponent in units.items():
        factor = to_decimal(str(ureg.get_base_units(name)[0]))
        written = to_decimal(str(exponent))
        power = int(written)
        if power != written:  # a fractional power: pint's factor will do
            factor = to_decimal(str(ureg.get_base_units({name: exponent})[0]))
            numerator = EXACT.multiply(numerator, factor)
        elif power > 0:
            numerator = EXACT.multiply(numerator, EXACT.power(factor, power))
        else:
            denominator = EXACT.multiply(denominator, EXACT.power(factor, -power))
    return numerator, denominator


def _tidy(amount: Decimal) -> Decimal:
    # pint's Decimal factors carry 28 digits, so 12 in arrives as
    # 30.48000000000000000000000000 cm; drop the zeros, keep plain notation.
    tidy = amount.normalize(EXACT)
    exponent = tidy.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return tidy.quantize(Decimal(1), context=EXACT)
    return tidy


def magnitude(value: QuantityInput, unit: str, *, field: str | None = None) -> Decimal:
    """Return ``value`` in ``unit`` as a plain Decimal (see :func:`to_unit`).

    Examples:
        >>> magnitude("11.8 in", CENTIMETRE)
        Decimal('29.972')
    """
    return to_unit(value, unit, field=field).magnitude


def unit_terms(
    value: QuantityInput, *, field: str | None = None
) -> tuple[Decimal, tuple[tuple[str, Decimal], ...]]:
    """Return ``value``'s magnitude and units *as given*, unconverted.

    The units come as ``(name, power)`` pairs, as pint names them. A rule
    stated in a carrier's own units (139 in³/lb) can then keep computing in
    them: converting 139 in³/lb to cm³/kg divides by 0.45359237 and leaves a
    28-digit tail that can tip a result across a rounding step.

    Examples:
        >>> unit_terms("139 in**3/lb")
        (Decimal('139'), (('inch', Decimal('3')), ('pound', Decimal('-1'))))

    Raises:
        UnitError: ``value`` is not a quantity.
        InvalidInputError: The magnitude is not a finite number.
    """
    own = _rehome(value, field)
    terms = tuple(
        (str(name), to_decimal(str(power))) for name, power in own.unit_items()
    )
    return own.magnitude, terms


def _rehome(value: object, field: str | None) -> Quantity:
    ureg = registry()
    if isinstance(value, ureg.Quantity):
        own = cast("Quantity", value)
    elif isinstance(value, str):
        own = _parse(value, field)
    elif hasattr(value, "magnitude") and hasattr(value, "units"):
        own = _from_foreign(value, field)
    else:
        raise UnitError(
            field=field, value=value, expected="a pint quantity or a string like '2 kg'"
        )
    _check_magnitude(own, value, field)
    return own


def _parse(value: str, field: str | None) -> Quantity:
    try:
        parsed: object = registry().Quantity(value)
    except Exception:  # noqa: BLE001 - pint's parser raises assorted errors
        # Its own errors, ValueError, and on malformed text AssertionError
        # ('2 **') or tokenize.TokenError ('2 kg)'): none may escape bare.
        raise UnitError(
            field=field, value=value, expected="a quantity such as '2.5 kg'"
        ) from None
    if not isinstance(parsed, registry().Quantity):
        raise UnitError(field=field, value=value, expected="a number with a unit")
    return cast("Quantity", parsed)


def _from_foreign(value: Any, field: str | None) -> Quantity:  # noqa: ANN401
    raw = value.magnitude
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise InvalidInputError(field=field, value=value, expected="a scalar magnitude")
    amount = to_decimal(str(raw), field=field)
    try:
        unit = _own_unit(tuple(value.units._units.items()))  # noqa: SLF001
    except (AttributeError, TypeError, ValueError):
        # pint's own errors subclass AttributeError (undefined unit) or
        # ValueError (definition errors); anything else is not a pint unit.
        raise UnitError(
            field=field, value=str(value), expected="units xborder's registry knows"
        ) from None
    return registry().Quantity(amount, unit)


@functools.cache
def _own_unit(items: tuple[tuple[str, object], ...]) -> pint.Unit:
    # A foreign registry's unit container may carry float exponents, which a
    # Decimal registry cannot add to its own; rebuild the unit from its names
    # (once per distinct unit: parsing costs tens of microseconds).
    expression = " * ".join(f"{name} ** {exponent}" for name, exponent in items)
    return registry().Unit(expression or "dimensionless")


def _check_magnitude(own: Quantity, value: object, field: str | None) -> None:
    amount = own.magnitude
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise InvalidInputError(
            field=field, value=str(value), expected="a finite number"
        )


def _example(unit: str) -> str:
    examples = {
        KILOGRAM: "'2.5 kg'",
        CENTIMETRE: "'30 cm'",
        CUBIC_CENTIMETRE: "'1200 cm**3'",
        DAY: "'14 days'",
    }
    return examples.get(unit, f"'1 {unit}'")


def as_mass(value: QuantityInput) -> Quantity:
    """Converter: any mass, as kilograms (``"1 lb"`` → 0.45359237 kg).

    Examples:
        >>> as_mass("1 lb")
        <Quantity(0.45359237, 'kilogram')>
    """
    return to_unit(value, KILOGRAM)


def as_length(value: QuantityInput) -> Quantity:
    """Converter: any length, as centimetres (``"1 in"`` → 2.54 cm).

    Examples:
        >>> as_length("1 in")
        <Quantity(2.54, 'centimeter')>
    """
    return to_unit(value, CENTIMETRE)


def as_volume(value: QuantityInput) -> Quantity:
    """Converter: any volume, as cubic centimetres (``"1 L"`` → 1000 cm³).

    Examples:
        >>> as_volume("1 L")
        <Quantity(1000, 'centimeter ** 3')>
    """
    return to_unit(value, CUBIC_CENTIMETRE)


def as_duration(value: QuantityInput) -> Quantity:
    """Converter: any duration, as days (``"2 weeks"`` → 14 days).

    Examples:
        >>> as_duration("2 weeks")
        <Quantity(14, 'day')>
    """
    return to_unit(value, DAY)


def positive_quantity(
    instance: object, attribute: attrs.Attribute[Any], value: Quantity
) -> None:
    """Attrs validator: the quantity's magnitude is > 0."""
    del instance  # part of the attrs validator protocol
    if not value.magnitude > 0:
        raise InvalidInputError(
            field=attribute.alias or attribute.name, value=str(value), expected="> 0"
        )


def non_negative_quantity(
    instance: object, attribute: attrs.Attribute[Any], value: Quantity
) -> None:
    """Attrs validator: the quantity's magnitude is >= 0."""
    del instance  # part of the attrs validator protocol
    if value.magnitude < 0:
        raise InvalidInputError(
            field=attribute.alias or attribute.name, value=str(value), expected=">= 0"
        )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Dimensions:
    """A box's outside length, width and height, each > 0.

    Stored in centimetres whatever unit they came in. Carriers measure the
    longest side as length, so :meth:`sorted` puts them in that order.

    Args:
        length: Any length (``"30 cm"``, ``"11.8 in"``, a pint quantity).
        width: Any length.
        height: Any length.

    Examples:
        >>> box = Dimensions(length="12 in", width="30 cm", height="10 cm")
        >>> box.volume
        <Quantity(9144, 'centimeter ** 3')>
        >>> [str(side) for side in box.sorted().sides]
        ['30.48 centimeter', '30 centimeter', '10 centimeter']
    """

    length: Quantity = attrs.field(converter=as_length, validator=positive_quantity)
    width: Quantity = attrs.field(converter=as_length, validator=positive_quantity)
    height: Quantity = attrs.field(converter=as_length, validator=positive_quantity)

    @classmethod
    def from_magnitudes(
        cls,
        length: DecimalInput,
        width: DecimalInput,
        height: DecimalInput,
        *,
        unit: str,
    ) -> Dimensions:
        """Build from three numbers in one unit, without parsing a string per side.

        Examples:
            >>> Dimensions.from_magnitudes(30, 20, 10, unit=CENTIMETRE).volume
            <Quantity(6000, 'centimeter ** 3')>
        """
        return cls(
            length=quantity(length, unit),
            width=quantity(width, unit),
            height=quantity(height, unit),
        )

    @property
    def sides(self) -> tuple[Quantity, Quantity, Quantity]:
        """The three sides, in the order given."""
        return (self.length, self.width, self.height)

    @property
    def volume(self) -> Quantity:
        """Length × width × height, in cubic centimetres."""
        try:
            area = EXACT.multiply(self.length.magnitude, self.width.magnitude)
            product = EXACT.multiply(area, self.height.magnitude)
        except Overflow:
            raise _out_of_range("volume", self) from None
        return quantity(_tidy(product), CUBIC_CENTIMETRE)

    def sorted(self) -> Dimensions:
        """The same box with the longest side as length and the shortest as height."""
        longest, middle, shortest = sorted(self.sides, key=lambda s: s.magnitude)[::-1]
        return Dimensions(length=longest, width=middle, height=shortest)

    @property
    def girth(self) -> Quantity:
        """2 × (width + height) of the sorted box: "girth" in length + girth rules."""
        box = self.sorted()
        try:
            girth = EXACT.multiply(
                2, EXACT.add(box.width.magnitude, box.height.magnitude)
            )
        except Overflow:
            raise _out_of_range("girth", self) from None
        return quantity(_tidy(girth), CENTIMETRE)


def _out_of_range(field: str, box: Dimensions) -> InvalidInputError:
    return InvalidInputError(
        "the result would exceed Decimal's limit of 1E+999999",
        field=field,
        value=box,
        expected="sides whose product stays in range",
    )


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
