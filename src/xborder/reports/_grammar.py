"""The characters and checks of the number grammar (private; see xborder.reports)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from xborder._validate import count, flag, named_errors, text, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CELL_LIMIT",
    "CURRENCY_MARKS",
    "DECIMAL_SEPARATORS",
    "GROUPS",
    "MISSING",
    "NEGATIVE_SIGNS",
    "NUMBER_RULES",
    "REQUIRED",
    "STRIP_CHARS",
    "THOUSANDS_SEPARATORS",
    "NumberRule",
    "literal",
    "to_currencies",
    "to_decimal_separator",
    "to_label",
    "to_thousands",
]

CELL_LIMIT: Final = 1000
"""Longest cell (in characters) a parser reads; longer ones are refused.

No amount, count, percent or date is written in more than a few dozen
characters; the cap keeps a hostile cell (``"9" * 10**6``) from costing
quadratic time in :class:`~decimal.Decimal` or memory in an error message.
"""

STRIP_CHARS: Final = " \t\r\n\u00a0\u202f"
"""Step 1 of the grammar: characters stripped from both ends of a cell
(space, tab, line ends, no-break space, narrow no-break space)."""

DECIMAL_SEPARATORS: Final = (".", ",")
"""The decimal separators a :class:`NumberFormat` may use."""

THOUSANDS_SEPARATORS: Final = (",", ".", " ", "\u00a0", "\u202f", "'", "\u2019")
"""The thousands separators a :class:`NumberFormat` may use: comma, dot, space,
no-break space, narrow no-break space (CLDR's French), apostrophe and right
single quote (CLDR's Swiss ``1’234.56``)."""

CURRENCY_MARKS: Final = (
    "US$", "CA$", "AU$", "NZ$", "HK$", "MX$", "R$", "S$", "A$", "C$",
    "€", "$", "£", "¥", "￥", "₹", "₩", "zł", "kr", "Kč",
    "EUR", "USD", "GBP", "JPY", "CNY", "RMB", "CAD", "AUD", "CHF", "SEK", "NOK",
    "DKK", "PLN", "CZK", "MXN", "BRL", "INR", "SGD", "AED", "SAR", "TRY",
)  # fmt: skip
"""Currency symbols and codes a cell may carry before or after its number
(``€18,00``, ``$54.20``, ``18,00 EUR``); seen in Amazon and Shopify exports
and fixtures (reports-and-fees.md §1.1). The grammar checks the mark's
place, not which currency it names: the report's currency is an argument."""

GROUPS: Final = (
    "open", "lead", "before", "inner", "number", "percent", "after", "trail",
    "close",
)  # fmt: skip
"""The named groups of :attr:`NumberFormat.pattern`, in order: the ``open``
and ``close`` parentheses, a sign (``lead`` before a currency mark, ``inner``
after it, ``trail`` at the end), the mark (``before`` or ``after`` the
number), the ``number`` and a ``percent`` sign."""

NEGATIVE_SIGNS: Final = "-\u2212"
"""Step 5 of the grammar: a cell is negative if its one sign is one of these
(hyphen-minus or the minus sign ``−``), or if it is in parentheses."""

MISSING: Final = frozenset({"", "-", "--", "n/a"})
"""Cells that mean *nothing* in a number or date column: compared after
stripping whitespace (``str.strip()``) and case folding, so ``N/A`` and
`` -- `` are missing too."""

REQUIRED: Final = "a value: the column is required"
"""What a missing cell of a required column is told it lacks."""


def _example(value: Decimal | int) -> Decimal | int:
    if isinstance(value, int) and not isinstance(value, bool):
        return count(value)
    return to_decimal(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class NumberRule:
    """How one kind of number cell reads, after the grammar's five steps.

    Attributes:
        expected: The start of the message for a cell that does not read.
        example: The value the message shows, written in the file's format.
        percent: A ``%`` sign is allowed, and divides the number by 100.
        marks: A currency mark is allowed.
        fraction: The decimal separator may appear (it may not in a count).

    Examples:
        >>> NUMBER_RULES["count"].fraction
        False
        >>> NumberRule(expected="a rate such as ", example=Decimal("0.5"),
        ...     percent=True, marks=False, fraction=True).percent
        True
    """

    expected: str = attrs.field(converter=text)
    example: Decimal | int = attrs.field(converter=_example)
    percent: bool = attrs.field(converter=flag)
    marks: bool = attrs.field(converter=flag)
    fraction: bool = attrs.field(converter=flag)


NUMBER_RULES: Final = {
    "amount": NumberRule(
        expected="an amount such as ", example=Decimal("1234.56"),
        percent=False, marks=True, fraction=True,
    ),
    "count": NumberRule(
        expected="a whole number such as ", example=1234,
        percent=False, marks=False, fraction=False,
    ),
    "percent": NumberRule(
        expected="a percent such as ", example=Decimal("0.125"),
        percent=True, marks=False, fraction=True,
    ),
}  # fmt: skip
"""The rule of each kind of number cell, by :class:`ColumnKind` value: an
amount may carry a currency mark, never ``%``; a count neither, nor a
decimal separator; a percent ``%`` (or none: then it is a fraction already),
never a mark."""

_META = frozenset("\\.^$|?*+()[]{}-&~#")


def literal(text: str) -> str:
    r"""``text`` as a regular expression matching it, in Python's and Rust's syntax.

    :func:`re.escape` also escapes spaces, which Rust's ``regex`` (polars)
    refuses outside verbose mode; this escapes only the metacharacters both
    engines share.

    Raises:
        InvalidTypeError: ``text`` is not a str.

    Examples:
        >>> literal("US$ 1.5")
        'US\\$ 1\\.5'
    """
    if not isinstance(text, str):
        raise InvalidTypeError(field="text", value=text, expected="a str")
    return "".join(f"\\{char}" if char in _META else char for char in text)


def to_decimal_separator(value: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str")
    if value not in DECIMAL_SEPARATORS:
        raise InvalidInputError(field=None, value=value, expected="'.' or ','")
    return value


def to_thousands(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        # "., " would otherwise read as three separators.
        raise InvalidTypeError(
            field=None, value=values, expected="a tuple of separators"
        )
    items = _strings(values)
    for index, item in enumerate(items):
        if item not in THOUSANDS_SEPARATORS:
            raise InvalidInputError(
                field=f"[{index}]",
                value=item,
                expected="one of " + ", ".join(map(repr, THOUSANDS_SEPARATORS)),
            )
    if len(set(items)) != len(items):
        raise InvalidInputError(field=None, value=items, expected="no repeats")
    return items


_MARK = re.compile(r"[^\s0-9.,'\u2019()%+\-\u2212]{1,8}")


def to_currencies(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        raise InvalidTypeError(field=None, value=values, expected="a tuple of marks")
    items = _strings(values)
    for index, item in enumerate(items):
        if not _MARK.fullmatch(item):
            raise InvalidInputError(
                field=f"[{index}]",
                value=item,
                expected="a currency mark of 1 to 8 characters without digits, "
                "spaces, separators, signs, parentheses or '%'",
            )
    if len(set(items)) != len(items):
        raise InvalidInputError(field=None, value=items, expected="no repeats")
    return items


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    try:
        items = tuple(values)
    except TypeError:
        raise InvalidTypeError(field=None, value=values, expected="a tuple") from None
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise InvalidTypeError(field=f"[{index}]", value=item, expected="a str")
    return items


def to_label(value: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str")
    if not 1 <= len(value) <= 40:  # noqa: PLR2004 - a short label
        raise InvalidInputError(field=None, value=value, expected="1 to 40 characters")
    return value
