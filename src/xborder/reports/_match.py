"""Match types as Amazon writes them (private; see :mod:`xborder.reports`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi import MatchType
from xborder.reports._spec import normalize_header

__all__ = ["AUTO_TARGETS", "MATCH_TYPE_ALIASES", "parse_match_type"]

MATCH_TYPE_ALIASES: Final[Mapping[str, MatchType | None]] = MappingProxyType({
    "auto": MatchType.AUTO,
    "broad": MatchType.BROAD,
    "phrase": MatchType.PHRASE,
    "exact": MatchType.EXACT,
    "product": MatchType.PRODUCT,
    "targeting_expression_predefined": MatchType.AUTO,
    "targeting_expression": MatchType.PRODUCT,
    "exakt": MatchType.EXACT,
    "-": None,
})  # fmt: skip
"""Match-type cells (normalised: case-folded, spaces collapsed) and what they mean.

* ``BROAD``, ``PHRASE``, ``EXACT`` in any case: keyword targets
  (upper case from a synthetic-data generator, lower case from another
  fixture; reports-and-fees.md §1.1).
* ``TARGETING_EXPRESSION_PREDEFINED``: Amazon's auto targets (close-match,
  loose-match, substitutes, complements) → ``auto``;
  ``TARGETING_EXPRESSION``: manually created product and category targets
  (``asin="B0..."``, ``category="..."``) → ``product``. Amazon's Ads API
  documents the pair ("For manually created expressions, this value is
  TARGETING_EXPRESSION. For auto-targeting expressions this value is
  TARGETING_EXPRESSION_PREDEFINED"), and the v3 search-term report filters
  ``keywordType`` by these five values
  (idealerror/amazon-ads-api-docs,
  ``en-us/guides/reporting/v3/report-types/search-term.md``).
* ``Exakt``: the DE console (a test fixture; **unconfirmed** against a real
  download).
* ``-`` (``None`` here): the console's cell for rows without a keyword, seen
  in auto campaigns; the targeting decides: a product expression
  (``asin=``, ``asin-expanded=``, ``category=``, ``brand=``) is ``product``,
  anything else (close-match, ``*``...) is ``auto``.
"""

AUTO_TARGETS: Final = frozenset(
    {"close-match", "loose-match", "substitutes", "complements"}
)
"""The predefined targets of an auto campaign (Amazon's targeting groups)."""

_PRODUCT_EXPRESSION = re.compile(
    r"(?:asin|asin-expanded|category|brand)\s*=", re.IGNORECASE
)


def parse_match_type(
    cell: str | MatchType,
    *,
    targeting: object = None,
    aliases: Mapping[str, MatchType | None] | None = None,
) -> MatchType:
    """Read a match-type cell as :class:`xborder.kpi.MatchType`.

    See :data:`MATCH_TYPE_ALIASES` for the values and their sources; the
    cell is compared after case folding.

    Args:
        cell: The cell (``"BROAD"``, ``"-"``, ``"TARGETING_EXPRESSION"``).
        targeting: The row's targeting cell, which decides ``-``.
        aliases: More values (normalised text → match type, or ``None`` to
            let the targeting decide), tried before the built-in ones.

    Raises:
        InvalidInputError: An unknown value.
        InvalidTypeError: The cell is not a str.

    Examples:
        >>> parse_match_type("BROAD")
        <MatchType.BROAD: 'broad'>
        >>> parse_match_type("-", targeting="close-match")
        <MatchType.AUTO: 'auto'>
        >>> parse_match_type("-", targeting='asin="B0ABC12345"')
        <MatchType.PRODUCT: 'product'>
        >>> parse_match_type("TARGETING_EXPRESSION_PREDEFINED")
        <MatchType.AUTO: 'auto'>
    """
    return lookup(cell, targeting, match_type_table(aliases))


def match_type_table(
    aliases: Mapping[str, MatchType | None] | None,
) -> Mapping[str, MatchType | None]:
    """The built-in values with the caller's (normalised, checked) first."""
    if aliases is None:
        return MATCH_TYPE_ALIASES
    if not isinstance(aliases, Mapping):
        raise InvalidTypeError(field="match_types", value=aliases, expected="a mapping")
    table = dict(MATCH_TYPE_ALIASES)
    for key, kind in aliases.items():
        if kind is not None and not isinstance(kind, MatchType):
            raise InvalidTypeError(
                field=f"match_types[{key!r}]",
                value=kind,
                expected="a MatchType or None",
            )
        try:
            table[normalize_header(key)] = kind
        except XborderError as error:
            raise error.in_field("match_types") from None
    return table


def lookup(
    cell: object, targeting: object, table: Mapping[str, MatchType | None]
) -> MatchType:
    """Read one match-type cell with a ready table (see :func:`parse_match_type`)."""
    if isinstance(cell, MatchType):
        return cell
    if not isinstance(cell, str):
        raise InvalidTypeError(field=None, value=cell, expected="a str")
    key = normalize_header(cell)
    if key not in table:
        raise InvalidInputError(
            field=None,
            value=cell,
            expected="a match type such as BROAD, PHRASE, EXACT, "
            "TARGETING_EXPRESSION(_PREDEFINED) or '-'",
        )
    kind = table[key]
    if kind is not None:
        return kind
    if isinstance(targeting, str) and _PRODUCT_EXPRESSION.match(targeting.strip()):
        return MatchType.PRODUCT
    return MatchType.AUTO
