"""CLDR currency patterns that show every digit of an amount (private).

A CLDR number pattern (Unicode Technical Standard #35, Part 3, "Number
Format Patterns") can do more than place digits: ``%`` multiplies by 100,
``‰`` by 1000, ``@`` rounds to significant digits, ``E`` switches to
scientific notation, a digit 1-9 sets a rounding increment, and a
negative subpattern may drop the sign. :func:`format_money` promises to
show an amount as it is, so those are refused here, by name, before babel
reads the pattern.
"""

from __future__ import annotations

import re
from typing import NoReturn

from babel.numbers import NumberPattern, parse_pattern

from xborder.errors import InvalidInputError, InvalidTypeError

__all__ = ["currency_pattern", "spaced", "with_currency_width"]

_EXPECTED = "a CLDR currency pattern such as '#,##0.00 ¤¤' or '¤#,##0.00;(¤#,##0.00)'"
_MAX_LENGTH = 100  # CLDR's longest currency pattern is under 30 characters

# Pattern characters that would change the number shown, and why.
_REFUSED = {
    "%": "'%' multiplies the amount by 100",
    "‰": "'‰' multiplies the amount by 1000",
    "@": "'@' rounds to significant digits",
    "E": "'E' shows the amount in scientific notation",
    "*": "'*' padding is not supported by babel",
    **dict.fromkeys("123456789", "digits 1-9 set a rounding increment"),
}
_NUMBER = re.compile(r"[#0,.]*[#0][#0,.]*")
_SIGNS = re.compile(r"¤+")


def currency_pattern(value: str) -> str:
    """Converter: a CLDR currency pattern that cannot round, scale or drop a sign.

    Each subpattern has one number part (``#``, ``0``, ``,`` and at most
    one ``.``) and at least one currency sign: ``¤`` the symbol, ``¤¤`` the
    ISO code, ``¤¤¤`` the name. A negative subpattern, after ``;``, must
    look different from the positive one. Text in single quotes is literal.

    Raises:
        InvalidTypeError: ``value`` is not a str.
        InvalidInputError: ``value`` is no such pattern; the message says why.

    Examples:
        >>> currency_pattern("¤#,##0.00;(¤#,##0.00)")
        '¤#,##0.00;(¤#,##0.00)'
        >>> currency_pattern("#,##0.00%")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: pattern: expected a CLDR currency ...
    """
    if not isinstance(value, str):
        raise InvalidTypeError(field="pattern", value=value, expected=_EXPECTED)
    if len(value) > _MAX_LENGTH:
        _refuse(value, f"longer than {_MAX_LENGTH} characters")
    skeleton = _skeleton(value)
    subpatterns = skeleton.split(";")
    if len(subpatterns) > 2:  # noqa: PLR2004 - a positive and a negative subpattern
        _refuse(value, "more than one ';'")
    for subpattern in subpatterns:
        _check_subpattern(value, subpattern)
    parsed = _parsed(value)
    if len(subpatterns) == 2 and _affixes(parsed, 0) == _affixes(parsed, 1):  # noqa: PLR2004
        _refuse(value, "the negative subpattern shows negatives as positives")
    return value


def with_currency_width(pattern: str, width: int) -> str:
    """``pattern`` with every unquoted run of ``¤`` made ``width`` long.

    Examples:
        >>> with_currency_width("#,##0.00 ¤", 2)
        '#,##0.00 ¤¤'
    """
    pieces = pattern.split("'")
    # Even pieces lie outside quotes; odd ones are quoted literals.
    return "'".join(
        _SIGNS.sub("¤" * width, piece) if index % 2 == 0 else piece
        for index, piece in enumerate(pieces)
    )


def spaced(pattern: str) -> str:
    r"""``pattern`` with a no-break space between a code or name and a digit.

    CLDR's ``currencySpacing`` (UTS #35, Part 3) separates a currency that
    ends in a letter from an adjacent digit: ``EUR\u00a01.00``, not
    ``EUR1.00``. babel leaves that to the pattern, so it is written in here
    for ``¤¤`` and ``¤¤¤``; a symbol (``¤``) keeps the locale's pattern.

    Examples:
        >>> spaced("¤¤#,##0.00")
        '¤¤\xa0#,##0.00'
    """
    pieces = pattern.split("'")
    return "'".join(
        _WORD_BEFORE.sub("\\1\xa0", _WORD_AFTER.sub("\xa0\\1", piece))
        if index % 2 == 0
        else piece
        for index, piece in enumerate(pieces)
    )


_WORD_BEFORE = re.compile(r"(¤¤+)(?=[#0])")
_WORD_AFTER = re.compile(r"(?<=[#0])(¤¤+)")


def _skeleton(value: str) -> str:
    pieces = value.split("'")
    if len(pieces) % 2 == 0:
        _refuse(value, "an unclosed quote")
    # Quoted text is literal: a placeholder keeps it out of every check.
    return "".join(
        piece if index % 2 == 0 else "~" for index, piece in enumerate(pieces)
    )


def _check_subpattern(value: str, subpattern: str) -> None:
    for char in subpattern:
        reason = _REFUSED.get(char)
        if reason is not None:
            _refuse(value, reason)
    numbers = _NUMBER.findall(subpattern)
    if len(numbers) != 1:
        _refuse(value, "each subpattern needs one number part, such as '#,##0.00'")
    if numbers[0].count(".") > 1:
        _refuse(value, "a number part has at most one '.'")
    signs = _SIGNS.findall(subpattern)
    if not signs:
        _refuse(value, "each subpattern shows the currency with '¤', '¤¤' or '¤¤¤'")
    if max(len(sign) for sign in signs) > 3:  # noqa: PLR2004 - ¤, ¤¤ or ¤¤¤
        _refuse(value, "babel reads '¤' up to three long")


def _parsed(value: str) -> NumberPattern:
    try:
        return parse_pattern(value)
    except ValueError as error:
        _refuse(value, f"babel cannot read it ({error})")


def _affixes(parsed: NumberPattern, index: int) -> tuple[str, str]:
    return parsed.prefix[index], parsed.suffix[index]


def _refuse(value: str, reason: str) -> NoReturn:
    raise InvalidInputError(reason, field="pattern", value=value, expected=_EXPECTED)
