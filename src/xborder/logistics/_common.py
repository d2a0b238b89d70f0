"""Converters and small helpers shared by the logistics models (private)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from xborder._country import country_code
from xborder._country import country_code_set as country_codes
from xborder._country import optional_country_code_set as optional_country_codes
from xborder._exact import EXACT
from xborder._validate import flag as to_bool
from xborder._validate import optional_text
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.units import as_duration, as_length, as_mass

if TYPE_CHECKING:
    import attrs

    from xborder.units import Quantity, QuantityInput

__all__ = [
    "Contents",
    "contents_set",
    "country_code",
    "country_codes",
    "enum_set",
    "enum_value",
    "fmt",
    "optional_country_codes",
    "optional_duration",
    "optional_length",
    "optional_mass",
    "optional_text",
    "to_bool",
]

_ONE = Decimal(1)


class Contents(enum.StrEnum):
    """What a parcel holds that carriers restrict, beyond general cargo.

    A parcel with no flags is *general cargo* (普货). The flags follow the
    way forwarders sell lines: battery-capable lines (带电) and "sensitive
    goods" lines (敏感货) cost more, and postal services accept little beyond
    batteries installed in equipment. Which flag a service accepts is the
    carrier's rule and your data: xborder ships no defaults, because the
    rules (IATA DGR packing instructions, UPU rules, each carrier's tariff)
    change and differ by lane.

    Examples:
        >>> Contents.BATTERY_IN_EQUIPMENT.value
        'battery in equipment'
    """

    BATTERY_IN_EQUIPMENT = "battery in equipment"
    """Lithium cells installed in the device (UN3481, IATA PI 967)."""
    BATTERY_WITH_EQUIPMENT = "battery packed with equipment"
    """Spare lithium cells in the same box as the device (UN3481, IATA PI 966)."""
    BATTERY_ALONE = "battery alone"
    """Lithium cells or power banks shipped on their own (UN3480, IATA PI 965)."""
    LIQUID = "liquid"
    """Liquids, gels and pastes."""
    POWDER = "powder"
    """Powders."""
    MAGNETIC = "magnetic"
    """Magnetised material (speakers, magnets)."""
    COSMETICS = "cosmetics"
    """Cosmetics, often sold as "special cargo" even when not dangerous goods."""
    FLAMMABLE = "flammable"
    """Flammable goods (perfume, aerosols, lighters)."""
    OTHER_DANGEROUS_GOODS = "other dangerous goods"
    """Anything else classed as dangerous goods."""


def optional_mass(value: QuantityInput | None) -> Quantity | None:
    """Converter: a mass > 0 in kilograms, or ``None``."""
    return None if value is None else _positive(as_mass(value), value)


def optional_length(value: QuantityInput | None) -> Quantity | None:
    """Converter: a length > 0 in centimetres, or ``None``."""
    return None if value is None else _positive(as_length(value), value)


def optional_duration(value: QuantityInput | None) -> Quantity | None:
    """Converter: a duration >= 0 in days, or ``None``."""
    if value is None:
        return None
    days = as_duration(value)
    if days.magnitude < 0:
        raise InvalidInputError(field=None, value=str(value), expected=">= 0 days")
    return days


def _positive(converted: Quantity, raw: object) -> Quantity:
    if not converted.magnitude > 0:  # str() only on failure: formatting is slow
        raise InvalidInputError(field=None, value=str(raw), expected="> 0")
    return converted


def enum_set(values: object, kind: type[enum.Enum]) -> frozenset[Any]:
    """Return ``values`` as a frozenset after checking each is a ``kind``."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidTypeError(
            field=None, value=values, expected=f"a collection of {kind.__name__}"
        )
    items = tuple(values)
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidTypeError(
                field=f"[{index}]", value=item, expected=kind.__name__
            )
    return frozenset(items)


def contents_set(values: Iterable[Contents]) -> frozenset[Contents]:
    """Converter: a collection of :class:`Contents` as a frozenset."""
    return enum_set(values, Contents)


def enum_value(kind: type[enum.Enum]) -> Any:  # noqa: ANN401 - returns a validator
    """An attrs validator: the value is a member of ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        del instance  # part of the attrs validator protocol
        if not isinstance(value, kind):
            raise InvalidTypeError(
                field=attribute.alias or attribute.name,
                value=value,
                expected=f"a {kind.__name__}",
            )

    return check


def fmt(value: Decimal, places: int | None = None) -> str:
    """Show a Decimal for a human: no exponent, no trailing zeros.

    With ``places``, quantize half-up first (for text only; never for sums).
    """
    if places is not None:
        value = value.quantize(
            _ONE.scaleb(-places), rounding=ROUND_HALF_UP, context=EXACT
        )
    text = f"{value.normalize(EXACT):f}"
    return "0" if text in {"-0", "0E+0"} else text
