"""Physical quantities: the one module that imports pint.

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

The registry is a ``pint.UnitRegistry(non_int_type=Decimal)`` built on first
use from the hundred-odd units sellers write (mass, length, area, volume,
time, temperature), in a few hundredths of a second where pint's full
registry takes most of one; any other unit pint knows is copied in from
pint's defaults the first time it is named. xborder does not make it pint's
application registry: that is your application's choice. Quantities of
xborder's registry pickle back into it, so models survive a process pool.

A string such as ``"85 g"`` is a decimal number and a unit: the number is
read exactly, and the unit text is parsed by pint once per distinct text
(expressions such as ``"1/2 kg"`` are refused). Each unit's factor to SI
base units is worked out once, exactly. Every pint call runs in a fixed
decimal context, so no result depends on the caller's precision, rounding
or traps, and the caller's decimal flags are left as they were.

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
import threading
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from xborder._exact import EXACT
from xborder._guard import guard_public
from xborder._units import catalogue, read
from xborder._units.definitions import DEFINITIONS, shadowed
from xborder._units.text import MAX_LENGTH, PINT_CONTEXT
from xborder._validate import DecimalInput, in_range, named_errors, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, UnitError

if TYPE_CHECKING:
    import pint

    from xborder._units.catalogue import Unit

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
# xborder builds no registry; each is parsed once and cached (_target()).
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


def registry() -> pint.UnitRegistry[Decimal]:
    """Return xborder's Decimal unit registry, building it on first call.

    Use it to build quantities that need no conversion at the edge.

    Examples:
        >>> registry().Quantity(Decimal("2.5"), "kg")
        <Quantity(2.5, 'kilogram')>
    """
    built = _STATE.registry
    return built if built is not None else _build_registry()


class _State:
    """The registry and its Quantity class once built; pint's defaults once needed."""

    registry: Any = None
    quantity: Any = None
    defaults: Any = None


_STATE = _State()
_LOCK = threading.RLock()  # re-entrant: copying a unit in copies what it names


def _build_registry() -> pint.UnitRegistry[Decimal]:
    with _LOCK:
        if _STATE.registry is None:
            with localcontext(PINT_CONTEXT):
                ureg = _new_registry()
            # Unpickling a pint quantity re-homes it in pint's *application*
            # registry (a float one by default), and a later sum with one of
            # ours fails across registries. Pickle ours by value instead.
            copyreg.pickle(ureg.Quantity, _reduce_quantity)
            _STATE.quantity = ureg.Quantity
            _STATE.registry = ureg
        built: pint.UnitRegistry[Decimal] = _STATE.registry
        return built


def _new_registry() -> pint.UnitRegistry[Decimal]:
    import pint  # noqa: PLC0415 - lazy: pint's import is most of xborder's cost

    class Registry(pint.UnitRegistry[Decimal]):
        """Copies a unit from pint's defaults the first time it is named."""

        def parse_unit_name(
            self,
            unit_name: str,
            case_sensitive: bool | None = None,  # noqa: FBT001 - pint's signature
        ) -> tuple[tuple[str, str, str], ...]:
            if shadowed(unit_name, self._prefixes, self._suffixes, self._units):
                _copy_from_defaults(self, unit_name, case_sensitive)  # kt: a knot
            found = super().parse_unit_name(unit_name, case_sensitive)
            if not found and _copy_from_defaults(self, unit_name, case_sensitive):
                found = super().parse_unit_name(unit_name, case_sensitive)
            return found

    ureg = Registry(None, non_int_type=Decimal, cache_folder=None)
    ureg.load_definitions(DEFINITIONS.splitlines())
    ureg.default_system = "mks"  # to_base_units() in kilograms, as pint's
    return ureg


def _copy_from_defaults(ureg: Any, name: str, case_sensitive: bool | None) -> bool:  # noqa: ANN401, FBT001
    """Copy ``name`` from pint's full default registry, built on first need.

    That build takes most of a second, once per process, and only for a unit
    outside xborder's definitions (a furlong, a knot).
    """
    if len(name) > MAX_LENGTH:
        return False
    with _LOCK:
        if _STATE.defaults is None:
            import pint  # noqa: PLC0415

            with localcontext(PINT_CONTEXT):
                _STATE.defaults = pint.UnitRegistry(
                    non_int_type=Decimal, cache_folder=None
                )
        return catalogue.copy_from_defaults(ureg, _STATE.defaults, name, case_sensitive)


def _reduce_quantity(value: Quantity) -> tuple[Any, tuple[str, str]]:
    return (_restore_quantity, (str(value.magnitude), str(value.units)))


def _restore_quantity(amount: str, unit: str) -> Quantity:
    return quantity(Decimal(amount), unit)


def quantity(amount: DecimalInput, unit: str) -> Quantity:
    """Build a quantity of xborder's registry from a number and a unit name.

    Examples:
        >>> quantity("2.5", KILOGRAM)
        <Quantity(2.5, 'kilogram')>

    Raises:
        InvalidInputError: ``amount`` is not a finite number.
        UnitError: ``unit`` is not a unit pint knows.
    """
    target = _target(unit)
    return _make(to_decimal(amount, field="amount"), target.units)


def _target(unit: object) -> Unit:
    """The unit ``unit`` names ("kilogram", "cm**3/kg")."""
    found = catalogue.TEXTS.get(unit) if type(unit) is str else None
    if found is not None:
        return found
    if not isinstance(unit, str):  # a list, None, a signalling NaN
        raise UnitError(field="unit", value=unit, expected="a unit name such as 'kg'")
    found = catalogue.of_text(registry(), str(unit))
    if found is None:
        raise UnitError(
            field="unit", value=unit, expected="a unit pint knows, such as 'kilogram'"
        )
    return found


_new = object.__new__


def _make(amount: Decimal, units: object) -> Quantity:
    # A quantity is its two attributes, ``_magnitude`` and ``_units``:
    # pint's ``Quantity.__new__`` sets exactly those for a Decimal and a
    # units container, after type dispatch and an application-registry
    # look-up that cost ~3.7 µs, a sixth of building a ``Demand`` (bench
    # _stockpyl_peer "base_stock_cost (normal)"). Setting them directly
    # costs ~0.15 µs; tests/test_units.py checks it builds what pint builds.
    made: Any = _new(_STATE.quantity)
    made._magnitude = amount  # noqa: SLF001 - see above
    made._units = units  # noqa: SLF001
    built: Quantity = made
    return built


def to_unit(value: QuantityInput, unit: str, *, field: str | None = None) -> Quantity:
    """Check ``value``'s dimension against ``unit`` and convert it there.

    Accepts a quantity from any pint registry (its magnitude is read through
    ``str``, so a float registry's ``1.1`` arrives as ``Decimal('1.1')``) or
    a string: a decimal number, then a unit (``"11.8 in"``, ``"5000
    cm**3/kg"``). Expressions (``"1/2 kg"``, ``"1 kg + 1 g"``) are refused.

    Each unit's factor to SI base units is exact (an inch is 0.0254 m, a
    pound 0.45359237 kg); a compound unit multiplies them into a numerator
    and a denominator, and the one division happens last, at 34 digits. So
    36 h is exactly 1.5 d, and 5000 cm³/kg in in³/lb is right to 34 digits.

    Raises:
        UnitError: ``value`` is not a quantity, its dimension differs from
            ``unit``'s, or either has an offset (degC, degF), which no
            factor converts.
        InvalidInputError: The magnitude is not a finite number, or is out
            of range as given or once converted.

    Examples:
        >>> to_unit("36 h", DAY)
        <Quantity(1.5, 'day')>
        >>> to_unit("2 kg", CENTIMETRE, field="height")
        Traceback (most recent call last):
        ...
        xborder.errors.UnitError: height: expected a quantity of [length] ...
    """
    target = catalogue.TEXTS.get(unit) if type(unit) is str else None
    if target is None:
        target = _target(unit)
    ureg = _STATE.registry
    own: Quantity | None = None
    key = (value, unit) if type(value) is str and type(unit) is str else None
    if key is not None:  # exact str: no subclass's __eq__ reaches the cache
        known = _READ.get(key)
        if known is not None:
            return _make(known, target.units)
    if isinstance(value, str):
        amount, source = read.text(ureg, value, field)
    else:
        amount, source, own = read.quantity(ureg, value, field)
    # pint's containers compare as dicts: far cheaper than comparing Unit
    # objects, and this runs once per field of every model built.
    if source.units == target.units:
        if own is not None:
            return own
        converted = amount
    else:
        converted = read.converted(ureg, amount, source, target, value, unit, field)
    if key is not None and len(_READ) < _MAX_READ:
        _READ[key] = converted
    return _make(converted, target.units)


_READ: dict[tuple[str, str], Decimal] = {}
"""(quantity text, target unit) -> the magnitude it converts to, once read.

Users type the same few strings ("1 day", "4 weeks") into every model they
build, and reading one (a regular expression, a unit look-up, a factor)
costs ~10 µs, half of building a ``Demand`` (bench _stockpyl_peer
"base_stock_cost (normal)"). Only successful reads are kept, and only the
magnitude, an immutable Decimal: every call still builds its own quantity
(pint quantities change in place with ``ito``), so no call can alter what
another gets. Unit texts are cached the same way (``catalogue.TEXTS``)."""
_MAX_READ = 4096  # distinct texts; past that, each new one is read each time


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
    ureg = registry()
    if isinstance(value, str):
        amount, unit = read.text(ureg, value, field)
    else:
        amount, unit, _ = read.quantity(ureg, value, field)
    terms = tuple((str(name), to_decimal(power)) for name, power in unit.units.items())
    return amount, terms


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


def _check_quantity(attribute: attrs.Attribute[Any], value: object) -> None:
    # A converter runs first in a model (its quantities hold Decimals); called
    # alone, the value may be anything.
    if not isinstance(getattr(value, "magnitude", None), Decimal):
        raise InvalidTypeError(
            field=attribute.alias or attribute.name,
            value=value,
            expected="a quantity (see to_unit)",
        )


def positive_quantity(
    instance: object, attribute: attrs.Attribute[Any], value: Quantity
) -> None:
    """Attrs validator: the quantity's magnitude is > 0."""
    del instance  # part of the attrs validator protocol
    _check_quantity(attribute, value)
    if not value.magnitude > 0:
        raise InvalidInputError(
            field=attribute.alias or attribute.name, value=str(value), expected="> 0"
        )


def non_negative_quantity(
    instance: object, attribute: attrs.Attribute[Any], value: Quantity
) -> None:
    """Attrs validator: the quantity's magnitude is >= 0."""
    del instance  # part of the attrs validator protocol
    _check_quantity(attribute, value)
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
        area = EXACT.multiply(self.length.magnitude, self.width.magnitude)
        product = EXACT.multiply(area, self.height.magnitude)
        if product and not in_range(product):
            raise _out_of_range("volume", self)
        return quantity(read.tidy(product), CUBIC_CENTIMETRE)

    def sorted(self) -> Dimensions:
        """The same box with the longest side as length and the shortest as height."""
        longest, middle, shortest = sorted(self.sides, key=lambda s: s.magnitude)[::-1]
        return Dimensions(length=longest, width=middle, height=shortest)

    @property
    def girth(self) -> Quantity:
        """2 × (width + height) of the sorted box: "girth" in length + girth rules."""
        box = self.sorted()
        girth = EXACT.multiply(2, EXACT.add(box.width.magnitude, box.height.magnitude))
        if not in_range(girth):
            raise _out_of_range("girth", self)
        return quantity(read.tidy(girth), CENTIMETRE)


def _out_of_range(field: str, box: Dimensions) -> InvalidInputError:
    return InvalidInputError(
        "the result would reach xborder's bound of 1E+36",
        field=field,
        value=box,
        expected="sides whose product stays below 1E+36",
    )


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
