"""Converters shared by the customs models (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from xborder._country import country_code
from xborder._validate import items_of, optional_text
from xborder.customs._hs import HsCode, hs_code
from xborder.customs._incoterm import Party, TransportMode
from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "country_set",
    "hs_codes",
    "key_field",
    "mode_set",
    "optional_party",
    "optional_text",
    "optional_validity",
    "trusted_init",
    "validity_value",
]

_T = TypeVar("_T")


def validity_value(value: Validity) -> Validity:
    """Converter: a :class:`~xborder.dated.Validity`."""
    if not isinstance(value, Validity):
        raise InvalidTypeError(field=None, value=value, expected="a Validity")
    return value


def optional_validity(value: Validity | None) -> Validity | None:
    """Converter: a :class:`~xborder.dated.Validity` or ``None``."""
    return None if value is None else validity_value(value)


def country_set(values: Iterable[str] | None) -> frozenset[str] | None:
    """Converter: ISO country codes as a frozenset, or ``None`` for "any"."""
    if values is None:
        return None
    items = items_of(values, field=None, expected="country codes, or None for any")
    codes = frozenset(_each(country_code, items))
    _not_empty(codes, "one or more country codes, or None for any")
    return codes


def mode_set(
    values: Iterable[TransportMode] | None,
) -> frozenset[TransportMode] | None:
    """Converter: transport modes as a frozenset, or ``None`` for "any"."""
    if values is None:
        return None
    items = items_of(values, field=None, expected="TransportMode members, or None")
    modes = frozenset(_each(_transport_mode, items))  # checked before hashing
    _not_empty(modes, "one or more TransportMode members, or None for any")
    return modes


def _transport_mode(value: TransportMode) -> TransportMode:
    if not isinstance(value, TransportMode):
        raise InvalidTypeError(field=None, value=value, expected="a TransportMode")
    return value


def _each(convert: Callable[[Any], _T], items: tuple[object, ...]) -> list[_T]:
    """``convert`` applied to each item, an error naming the item's index."""
    converted = []
    for index, item in enumerate(items):
        try:
            converted.append(convert(item))
        except XborderError as error:
            raise error.in_field(f"[{index}]") from None
    return converted


def _not_empty(values: frozenset[object], expected: str) -> None:
    # An empty set would match nothing: a rule that silently never applies.
    if not values:
        raise InvalidInputError(field=None, value=values, expected=expected)


def hs_codes(values: Iterable[HsCode | str]) -> tuple[HsCode, ...]:
    """Converter: HS codes or prefixes as a tuple."""
    items = items_of(values, field=None, expected="HS codes")
    return tuple(_each(hs_code, items))


def optional_party(value: Party | None) -> Party | None:
    """Converter: a :class:`Party` or ``None``."""
    if value is not None and not isinstance(value, Party):
        raise InvalidTypeError(field=None, value=value, expected="a Party")
    return value


def key_field(key: object, index: int) -> str:
    """The field of a mapping's entry: ``['4901']``, or ``[2]`` for an odd key.

    A key is shown as written when it is short text (or an HS code); any
    other key (a long string, a tuple nested past repr's reach) by position.
    """
    if isinstance(key, HsCode) or (isinstance(key, str) and len(key) <= _SHORT):
        return f"[{key!r}]"
    return f"[{index}]"


_SHORT = 40


def trusted_init(cls: type[_T], names: tuple[str, ...]) -> Callable[..., _T]:
    """A positional constructor for results built from already checked values.

    A result class's ``__init__`` checks every field (its converters) so
    that a result built by hand, or read back by ``from_data``, is sound.
    The evaluators build results from values they have checked or computed
    themselves, once per line of a landed cost, so they set the slots
    directly, as Money's ``_make`` does. ``names`` must be every field.
    """
    fields = sorted(field.name for field in attrs.fields(cls))  # type: ignore[arg-type]
    if sorted(names) != fields:
        message = f"set every field of {cls.__name__} once: {fields}"
        raise TypeError(message)
    setters = [cls.__dict__[name].__set__ for name in names]
    new = object.__new__

    def init(*values: object) -> _T:
        result = new(cls)
        for setter, value in zip(setters, values, strict=True):
            setter(result, value)
        return result

    return init
