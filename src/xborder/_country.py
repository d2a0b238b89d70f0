"""ISO 3166-1 alpha-2 country codes, checked against CLDR (private).

One list for every model that names a country (customs regimes, shipments,
rate-card zones, restrictions), so a code one module accepts the others do
too.

babel ships CLDR's territory data, so codes are validated without a new
dependency. CLDR lists more than ISO 3166-1 assigns: groupings (``EU``),
user-assigned codes (``XK``, ``ZZ``), exceptional reservations (``AC``,
``IC``, ``TA``...) and withdrawn codes (``SU``, ``YU``). Those are removed,
leaving the 249 officially assigned codes.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from babel.core import get_global

from xborder._validate import items_of
from xborder.errors import InvalidInputError, InvalidTypeError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "country_code",
    "country_code_set",
    "country_codes",
    "optional_country_code",
    "optional_country_code_set",
]

# CLDR territories that ISO 3166-1 does not assign to a country: the EU,
# user-assigned codes, and the "exceptionally reserved" codes.
_NOT_COUNTRIES = frozenset({"EU", "XK", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA"})

_EXPECTED = "an upper-case ISO 3166-1 alpha-2 country code such as 'DE'"

_HINTS = {
    "UK": "ISO 3166-1 writes the United Kingdom as 'GB'",
    "EU": "the EU is not a country: name the member state of import ('DE', 'FR')",
    "EL": "ISO 3166-1 writes Greece as 'GR' ('EL' is the EU's VAT prefix)",
}


@functools.cache
def country_codes() -> frozenset[str]:
    """The 249 ISO 3166-1 alpha-2 codes, read from CLDR once."""
    territories = get_global("territory_currencies")
    withdrawn = get_global("territory_aliases")
    return frozenset(
        code
        for code in territories
        if len(code) == 2  # noqa: PLR2004 - alpha-2 codes have two letters
        and code.isalpha()
        and code not in _NOT_COUNTRIES
        and code not in withdrawn
    )


def country_code(value: str) -> str:
    """Converter: an ISO 3166-1 alpha-2 code, kept as given (never upper-cased).

    Examples:
        >>> country_code("DE")
        'DE'
        >>> country_code("UK")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: expected an upper-case ISO 3166-1 ... 'GB'
    """
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected=_EXPECTED)
    if value not in country_codes():
        raise InvalidInputError(
            _hint(value), field=None, value=value, expected=_EXPECTED
        )
    return value


def _hint(value: str) -> str | None:
    known = _HINTS.get(value.upper())
    if known is not None:
        return known
    # CLDR's aliases map withdrawn or variant codes to today's ('SU' -> 'RU').
    aliases = get_global("territory_aliases").get(value.upper())
    if aliases and aliases[0] in country_codes():
        return f"did you mean {aliases[0]!r}?"
    return None


def optional_country_code(value: str | None) -> str | None:
    """Converter: a country code, or ``None``."""
    return None if value is None else country_code(value)


def country_code_set(values: Iterable[str]) -> frozenset[str]:
    """Converter: a collection of country codes as a set (a bare ``str`` is refused).

    A wrong code names its position: ``[2]``, which a model's field name
    prefixes (``destinations[2]``).
    """
    items = items_of(values, field=None, expected="a collection of country codes")
    codes = []
    for index, value in enumerate(items):
        try:
            codes.append(country_code(value))
        except InvalidInputError as error:
            raise error.in_field(f"[{index}]") from None
    return frozenset(codes)


def optional_country_code_set(values: Iterable[str] | None) -> frozenset[str] | None:
    """Converter: a set of country codes, or ``None`` (meaning "any")."""
    return None if values is None else country_code_set(values)
