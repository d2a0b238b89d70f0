"""Converters and small helpers shared by the logistics models (private)."""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from xborder._country import country_code, country_code_set
from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    date_value,
    items_of,
    optional_text,
    to_decimal,
)
from xborder._validate import flag as to_bool
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.units import as_duration, as_length, as_mass

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable

    from xborder.units import Quantity, QuantityInput

__all__ = [
    "Contents",
    "as_of_date",
    "checked",
    "contents_set",
    "country_code",
    "country_codes",
    "enum_set",
    "enum_value",
    "fmt",
    "key_text",
    "kilograms",
    "optional_country_codes",
    "optional_duration",
    "optional_length",
    "optional_mass",
    "optional_text",
    "strings",
    "to_bool",
    "unchecked",
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
    expected = f"a collection of {kind.__name__}"
    items = items_of(cast("Iterable[object]", values), field=None, expected=expected)
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidTypeError(
                field=f"[{index}]", value=item, expected=kind.__name__
            )
    return frozenset(items)


def contents_set(values: Iterable[Contents]) -> frozenset[Contents]:
    """Converter: a collection of :class:`Contents` as a frozenset."""
    return enum_set(values, Contents)


_T = TypeVar("_T")


def unchecked(cls: type[_T]) -> Callable[..., _T]:
    """A keyword constructor for the attrs model ``cls`` that skips ``__init__``.

    For calculators only: they build results from values they computed from
    checked inputs, while the public constructor checks what a caller gives
    (types, ranges, lines adding up). Those checks would cost a comparison of
    many options a third of its time. Every ``__init__`` field must be given;
    derived fields (caches) are the caller's to set.
    """
    setters = tuple(
        (field.alias or field.name, cls.__dict__[field.name].__set__)
        for field in attrs.fields(cls)  # type: ignore[arg-type]  # an attrs class
        if field.init
    )
    new = object.__new__

    def build(**values: Any) -> _T:  # noqa: ANN401 - each field's own type
        made = new(cls)
        for name, set_value in setters:
            set_value(made, values[name])
        return made

    build.__name__ = f"unchecked_{cls.__name__}"
    return build


def checked(value: _T, kind: type[_T]) -> _T:
    """Return ``value`` if it is a ``kind``, else refuse it (for converters)."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field=None, value=value, expected=f"a {kind.__name__}")
    return value


def country_codes(values: Iterable[str]) -> frozenset[str]:
    """Converter: a collection of country codes as a set (a bare ``str`` is refused)."""
    codes = items_of(values, field=None, expected="a collection of country codes")
    return country_code_set(codes)


def optional_country_codes(values: Iterable[str] | None) -> frozenset[str] | None:
    """Converter: a set of country codes, or ``None`` (meaning "any")."""
    return None if values is None else country_codes(values)


def strings(values: Iterable[str]) -> tuple[str, ...]:
    """Converter: a sequence of ``str`` (reasons, names) as a tuple."""
    items = items_of(values, field=None, expected="a sequence of str")
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise InvalidTypeError(field=f"[{index}]", value=item, expected="a str")
    return items


def kilograms(value: DecimalInput, field: str = "weight_kg") -> Decimal:
    """A weight in kilograms passed to a method: a finite number >= 0."""
    number = to_decimal(value, field=field)
    if number < 0:
        raise InvalidInputError(field=field, value=value, expected="a weight >= 0 kg")
    return number


def as_of_date(value: dt.date | str | None) -> dt.date | None:
    """The shipping date argument ``as_of``: a date, an ISO string, or ``None``."""
    if value is None:
        return None
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field("as_of") from None


def key_text(value: object) -> str:
    """A mapping key as a field name shows it (``'0.9'``); an odd key by its type.

    Keys come from the caller: an int past Python's str limit or a deeply
    nested value cannot be shown, and a long one would swamp the message.
    """
    if isinstance(value, str | Decimal | float | bool) or (
        type(value) is int and -_SHOWN_INT < value < _SHOWN_INT
    ):
        text = repr(value)
        if len(text) <= _SHOWN_KEY:
            return text
    return f"<{type(value).__name__}>"


_SHOWN_INT = 10**36
_SHOWN_KEY = 60


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
