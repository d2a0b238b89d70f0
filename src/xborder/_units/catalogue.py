"""What xborder knows of each unit, worked out once (private to ``xborder.units``).

A unit's factor to SI base units is read from pint's *definitions* (an inch
is 2.54 centimeters, a centimeter is centi- of a meter) and multiplied out
here exactly, in explicit contexts. pint's own cache of those factors is
not used: it holds them as computed in whichever decimal context first
asked, so one caller at ``prec=5`` would change every later result.

pint's registry is passed in: only ``xborder.units`` imports pint.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any, NamedTuple

from xborder._exact import DIVISION, EXACT
from xborder._units.text import PINT_CONTEXT, safe_for_pint
from xborder._validate import to_decimal
from xborder.errors import UnitError

__all__ = [
    "TEXTS",
    "Unit",
    "copy_from_defaults",
    "of_container",
    "of_foreign",
    "of_text",
]


class Unit(NamedTuple):
    """A unit of xborder's registry: pint's container of its terms, and its factor.

    The factor to SI base units is ``numerator / denominator`` exactly (an
    inch is 0.0254 m, a pound 0.45359237 kg, an hour 3600 s). Two units
    convert into each other when their ``roots`` (base units and powers)
    are equal.
    """

    units: Any  # pint's UnitsContainer, canonical names
    numerator: Decimal
    denominator: Decimal
    roots: frozenset[tuple[str, Decimal]]
    offset: bool  # degC, degF (or a logarithmic unit): no factor converts it


_ONE = Decimal(1)
MAX_POWER = 16
"""The largest power of a unit read: m**3 is common, m**16 is not, and
``EXACT.power(factor, 10**9)`` would not end."""
_MAX_CACHED = 4096  # distinct unit texts, foreign units, unit containers

TEXTS: dict[str, Unit] = {}
"""Unit text as written ("kg", "cm**3/kg", "kilogram") -> its unit."""
_FOREIGN: dict[tuple[tuple[object, object], ...], Unit] = {}
_CONTAINERS: dict[Any, Unit] = {}
_NAMES: dict[str, tuple[Decimal, Decimal, dict[str, Decimal], bool]] = {}


def _remember(cache: dict[Any, Unit], key: object, unit: Unit) -> Unit:
    if len(cache) < _MAX_CACHED:  # past that, work each new one out each time
        cache[key] = unit
    return unit


def of_text(ureg: Any, text: str) -> Unit | None:  # noqa: ANN401 - pint's registry
    """The unit ``text`` names ("kg", "cm**3/kg"), or None if it names no unit.

    Only the unit text reaches pint's parser (never the number: pint would
    evaluate "1/3" in the caller's context), once per distinct text.
    """
    found = TEXTS.get(text)
    if found is not None:
        return found
    if not safe_for_pint(text):
        return None
    try:
        with localcontext(PINT_CONTEXT):
            units = ureg.parse_units_as_container(text)
        unit = of_container(ureg, units)
    except Exception:  # noqa: BLE001 - pint's parser raises assorted errors
        # Its own errors, ValueError ("2 kg" has a scale), ZeroDivisionError,
        # and on malformed text AssertionError ('**') or tokenize.TokenError
        # ('kg)'); and ours for a power past MAX_POWER. None may escape bare.
        return None
    return _remember(TEXTS, text, unit)


def of_foreign(ureg: Any, key: tuple[tuple[object, object], ...]) -> Unit | None:  # noqa: ANN401
    """The unit of another registry's quantity, from its ``(name, power)`` terms.

    A foreign container may carry float powers, which a Decimal registry
    cannot add to its own: the unit is rebuilt from its names, once.
    """
    found = _FOREIGN.get(key)
    if found is not None:
        return found
    terms = []
    for name, power in key:
        if not isinstance(name, str) or not name.isidentifier():
            return None  # pint names units like identifiers: never "2 ** 9"
        if isinstance(power, bool) or not isinstance(power, int | float | Decimal):
            return None
        terms.append(f"{name} ** {power}")
    unit = of_text(ureg, " * ".join(terms))
    return None if unit is None else _remember(_FOREIGN, key, unit)


def of_container(ureg: Any, units: Any) -> Unit:  # noqa: ANN401 - pint's objects
    """The unit of pint's container ``units``.

    Raises:
        UnitError: A power past :data:`MAX_POWER`, or a unit defined with a
            factor <= 0 (only a unit someone defined so).
    """
    found = _CONTAINERS.get(units)
    if found is not None:
        return found
    numerator, denominator, roots, offset = _product(ureg, units.items())
    unit = Unit(
        units,
        numerator,
        denominator,
        frozenset((name, power) for name, power in roots.items() if power),
        offset,
    )
    return _remember(_CONTAINERS, units, unit)


def _product(
    ureg: Any,  # noqa: ANN401 - pint's registry
    terms: Any,  # noqa: ANN401 - pint's (name, power) pairs
) -> tuple[Decimal, Decimal, dict[str, Decimal], bool]:
    """Named units raised to powers, multiplied: factor, base units, offset."""
    numerator, denominator = _ONE, _ONE
    roots: dict[str, Decimal] = {}
    offset = False
    for name, power in terms:
        exponent = _exponent(power)
        up, down, inner, has_offset = _named(ureg, name)
        up, down = _raised(up, down, exponent)
        numerator = EXACT.multiply(numerator, up)
        denominator = EXACT.multiply(denominator, down)
        for base, base_power in inner.items():
            roots[base] = EXACT.fma(base_power, exponent, roots.get(base, 0))
        offset = offset or has_offset
    return numerator, denominator, roots, offset


def _exponent(power: object) -> Decimal:
    if isinstance(power, bool) or not isinstance(power, int | Decimal):
        raise UnitError(field=None, value=power, expected="an int or Decimal power")
    exponent = to_decimal(power)
    if not -MAX_POWER <= exponent <= MAX_POWER:
        raise UnitError(
            field=None, value=power, expected=f"a power of at most {MAX_POWER}"
        )
    return exponent


def _raised(up: Decimal, down: Decimal, exponent: Decimal) -> tuple[Decimal, Decimal]:
    """``(up / down) ** exponent`` as a fraction, exact for whole powers."""
    whole = int(exponent)
    if whole != exponent:  # cm ** 1.5: 34 digits, as any root would be
        return DIVISION.power(DIVISION.divide(up, down), exponent), _ONE
    if whole < 0:
        up, down, whole = down, up, -whole
    return EXACT.power(up, whole), EXACT.power(down, whole)


def _named(
    ureg: Any,  # noqa: ANN401 - pint's registry
    name: str,
) -> tuple[Decimal, Decimal, dict[str, Decimal], bool]:
    """One unit's factor to SI base units and its base units, from its definition."""
    found = _NAMES.get(name)
    if found is not None:
        return found
    definitions = ureg._units  # noqa: SLF001 - pint has no public look-up
    if name not in definitions:  # a prefixed name such as decimeter
        with localcontext(PINT_CONTEXT):
            ureg.get_name(name)  # defines it from deci- and meter
    definition = definitions[name]
    if definition.is_base:
        result = (_ONE, _ONE, {str(definition.name): _ONE}, False)
    else:
        scale = to_decimal(definition.converter.scale)
        if scale <= 0:
            raise UnitError(field=None, value=name, expected="a factor > 0")
        numerator, denominator, roots, offset = _product(
            ureg, definition.reference.items()
        )
        result = (
            EXACT.multiply(scale, numerator),
            denominator,
            roots,
            offset or not definition.is_multiplicative,
        )
    _NAMES[name] = result
    return result


def copy_from_defaults(
    ureg: Any,  # noqa: ANN401 - pint's registries
    defaults: Any,  # noqa: ANN401
    name: str,
    case_sensitive: bool | None,  # noqa: FBT001 - pint's own signature
) -> bool:
    """Copy the unit ``name`` names from pint's defaults; whether there was one.

    What its definition refers to (a stone is 14 pounds) is copied first,
    through ``ureg.parse_unit_name``, which calls back here for a name it
    lacks. The caller holds a lock: this changes ``ureg``.
    """
    with localcontext(PINT_CONTEXT):
        candidates = defaults.parse_unit_name(name, case_sensitive)
        for prefix, unit, _ in candidates:
            if prefix not in ureg._prefixes:  # noqa: SLF001 - no public look-up
                ureg.define(defaults._prefixes[prefix])  # noqa: SLF001
            _copy_unit(ureg, defaults, unit)
    return bool(candidates)


def _copy_unit(ureg: Any, defaults: Any, name: str) -> None:  # noqa: ANN401
    if name in ureg._units:  # noqa: SLF001 - pint has no public look-up
        return
    definition = defaults._units[name]  # noqa: SLF001
    if not definition.is_base:
        for reference in definition.reference:
            ureg.parse_unit_name(reference)  # copies it first, if missing
    ureg.define(definition)
