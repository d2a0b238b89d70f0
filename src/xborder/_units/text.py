"""Splitting ``"2.5 kg"`` into its number and its unit text, strictly (private).

A quantity string is a decimal number (ASCII digits, an optional sign,
point, exponent and ``_`` between digits; or ``nan``/``inf``, refused later
by name) followed by a unit expression. Only the unit text ever reaches
pint's parser, once per distinct text; the number goes to
:func:`xborder._validate.to_decimal`. Expressions pint would evaluate
(``"1/2 kg"``, ``"2 * 3 kg"``, ``"1 kg + 1 g"``) are refused: their
arithmetic would run in the caller's decimal context.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

from xborder._validate import to_decimal

__all__ = ["MAX_LENGTH", "PINT_CONTEXT", "number", "safe_for_pint", "split"]

MAX_LENGTH = 200
"""Characters of a quantity string or unit name xborder reads; longer is refused."""

PINT_CONTEXT = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The decimal context every pint call of xborder runs in, whoever calls.

pint does Decimal arithmetic while it builds the registry and parses unit
text (``5 / 9`` in degF's definition, ``cm ** 1.5``); it would otherwise use
the caller's context. Python's default context, spelt out field by field, so
results are those of a caller who never changed it.
"""

_DIGITS = r"[0-9](?:_?[0-9])*"
_NUMBER = (
    rf"[+-]?(?:(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?[0-9]+)?"
    r"|(?i:s?nan|inf(?:inity)?))"
)
_QUANTITY = re.compile(rf"\s*({_NUMBER})\s*(.*?)\s*", re.DOTALL)

_NUMERIC_POWER = re.compile(r"[0-9.)]\s*(?:\*\*|\^|[⁻⁰¹²³⁴⁵⁶⁷⁸⁹])")
"""A power whose base is a number or a bracket: ``9**9**9`` would run for ever."""


def split(text: str) -> tuple[str, str] | None:
    """``"2.5 kg"`` → ``("2.5", "kg")``; None if ``text`` does not start with a number.

    Examples:
        >>> split(" 1.5e3 cm**3/kg ")
        ('1.5e3', 'cm**3/kg')
        >>> split("2kg"), split("5"), split("two kg")
        (('2', 'kg'), ('5', ''), None)
    """
    match = _QUANTITY.fullmatch(text)
    if match is None:
        return None
    number, unit = match.groups()
    return number, unit


def safe_for_pint(unit_text: str) -> bool:
    """Whether pint may parse ``unit_text`` in bounded time.

    pint evaluates integer powers with Python ints, so ``2 ** 9 ** 9`` in a
    unit expression would compute a number with millions of digits. A unit
    raised to a power (``m**3``, ``m³``) is fine; a number or a bracket
    raised to one is refused.

    Examples:
        >>> safe_for_pint("cm**3/kg"), safe_for_pint("m³"), safe_for_pint("m**9**9")
        (True, True, False)
    """
    return len(unit_text) <= MAX_LENGTH and _NUMERIC_POWER.search(unit_text) is None


_SHORT = 20  # "1e" and an 18-digit exponent: Decimal() reads it without a signal


def number(text: str) -> Decimal:
    """The number ``split`` found, exactly, within :func:`to_decimal`'s bounds.

    Raises:
        InvalidInputError: NaN, Infinity, or a number out of range.

    Examples:
        >>> number("1000.50"), number("-2e3")
        (Decimal('1000.50'), Decimal('-2E+3'))
        >>> number("1_000.50")  # Python's grouping is not how exports write numbers
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: expected a Decimal, ... got '1_000.50'
    """
    if len(text) <= _SHORT:
        return to_decimal(text)
    # Decimal("1e" + 19 digits) signals InvalidOperation in the *current*
    # context, setting the caller's flag: let the context be ours.
    with localcontext(PINT_CONTEXT):
        return to_decimal(text)
