"""Converters shared by the customs models (private)."""

from __future__ import annotations

from collections.abc import Iterable

from xborder._country import country_code
from xborder._validate import optional_text
from xborder.customs._hs import HsCode, hs_code
from xborder.customs._incoterm import Party, TransportMode
from xborder.dated import Validity
from xborder.errors import InvalidTypeError

__all__ = [
    "country_set",
    "hs_codes",
    "mode_set",
    "optional_party",
    "optional_text",
    "optional_validity",
    "validity_value",
]


def validity_value(value: Validity) -> Validity:
    """Converter: a :class:`~xborder.dated.Validity`."""
    if not isinstance(value, Validity):
        raise InvalidTypeError(field=None, value=value, expected="a Validity")
    return value


def optional_validity(value: Validity | None) -> Validity | None:
    """Converter: a :class:`~xborder.dated.Validity` or ``None``."""
    return None if value is None else validity_value(value)


def _iterable(values: object, expected: str) -> Iterable[object]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidTypeError(field=None, value=values, expected=expected)
    return values


def country_set(values: Iterable[str] | None) -> frozenset[str] | None:
    """Converter: ISO country codes as a frozenset, or ``None`` for "any"."""
    if values is None:
        return None
    items = _iterable(values, "country codes")
    return frozenset(country_code(value) for value in items)  # type: ignore[arg-type]


def mode_set(
    values: Iterable[TransportMode] | None,
) -> frozenset[TransportMode] | None:
    """Converter: transport modes as a frozenset, or ``None`` for "any"."""
    if values is None:
        return None
    modes = frozenset(_iterable(values, "TransportMode members"))
    for mode in modes:
        if not isinstance(mode, TransportMode):
            raise InvalidTypeError(field=None, value=mode, expected="a TransportMode")
    return modes  # type: ignore[return-value]


def hs_codes(values: Iterable[HsCode | str]) -> tuple[HsCode, ...]:
    """Converter: HS codes or prefixes as a tuple."""
    items = _iterable(values, "HS codes")
    return tuple(hs_code(value) for value in items)  # type: ignore[arg-type]


def optional_party(value: Party | None) -> Party | None:
    """Converter: a :class:`Party` or ``None``."""
    if value is not None and not isinstance(value, Party):
        raise InvalidTypeError(field=None, value=value, expected="a Party")
    return value
