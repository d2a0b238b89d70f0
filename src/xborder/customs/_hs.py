"""HS codes: the Harmonized System classification as a value type (private)."""

from __future__ import annotations

import functools

import attrs

from xborder._validate import named_errors
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError

__all__ = ["HsCode", "code_argument", "hs_code"]

_MIN_DIGITS = 2
_MAX_DIGITS = 14
_SEPARATORS = str.maketrans("", "", ". ")
_EXPECTED = "2 to 14 digits, optionally grouped with '.' or spaces ('3926.90.97')"


def _digits(value: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str of digits")
    digits = value.translate(_SEPARATORS)
    if not (digits.isascii() and digits.isdigit()) or not (
        _MIN_DIGITS <= len(digits) <= _MAX_DIGITS
    ):
        raise InvalidInputError(field=None, value=value, expected=_EXPECTED)
    return digits


@attrs.frozen(repr=False, field_transformer=named_errors)
class HsCode:
    r"""A Harmonized System code, or a prefix of one.

    The WCO's Harmonized System fixes the first six digits worldwide: chapter
    (2), heading (4), subheading (6). Each country extends them for its own
    tariff (the EU's CN to 8 digits and TARIC to 10, the US HTS to 10, Japan's
    statistical code to 9). A shorter code is a prefix: a tariff measure on
    ``"3926"`` covers every code that starts with those digits.

    Dots and spaces are read as grouping and dropped (``"3926.90.97"`` is
    ``"39269097"``); any other character is refused, nothing is guessed.

    Args:
        digits: 2 to 14 digits.

    Examples:
        >>> code = HsCode("3926.90.97")
        >>> code.digits, code.chapter, code.heading, code.subheading
        ('39269097', '39', '3926', '392690')
        >>> code.startswith(HsCode("3926"))
        True
        >>> str(code)
        '3926.90.97'
    """

    digits: str = attrs.field(converter=_digits)

    @property
    def chapter(self) -> str:
        """The first two digits (chapter 39: plastics and articles thereof)."""
        return self.digits[:2]

    @property
    def heading(self) -> str:
        """The first four digits."""
        return self.digits[:4]

    @property
    def subheading(self) -> str:
        """The first six digits, the internationally harmonised level."""
        return self.digits[:6]

    def truncate(self, digits: int) -> HsCode:
        """The code cut to its first ``digits`` digits (a coarser tariff line).

        Examples:
            >>> str(HsCode("6109100010").truncate(6))
            '6109.10'
        """
        if isinstance(digits, bool) or not isinstance(digits, int):
            raise InvalidTypeError(field="digits", value=digits, expected="an int")
        if not digits >= _MIN_DIGITS:
            raise InvalidInputError(
                field="digits", value=digits, expected=f"an int >= {_MIN_DIGITS}"
            )
        return HsCode(self.digits[:digits])

    def startswith(self, prefix: HsCode) -> bool:
        """Whether ``prefix`` covers this code (a measure on 3926 covers 3926.90)."""
        return self.digits.startswith(code_argument(prefix, "prefix").digits)

    def __str__(self) -> str:
        return _dotted(self.digits)

    def __repr__(self) -> str:
        return f"HsCode({self.digits!r})"


@functools.lru_cache(maxsize=1024)
def _dotted(digits: str) -> str:
    # Audit trails print the same few codes on every landed cost.
    head, rest = digits[:4], digits[4:]
    groups = [rest[i : i + 2] for i in range(0, len(rest), 2)]
    return ".".join([head, *groups])


def hs_code(value: HsCode | str) -> HsCode:
    """Converter: an :class:`HsCode`, or its digits as a string."""
    if isinstance(value, HsCode):
        return value
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="an HsCode or a str")
    # Check here so an error names the caller's field, not HsCode's own.
    return HsCode(_digits(value))


def code_argument(value: HsCode | str, field: str = "code") -> HsCode:
    """A method's HS code argument: an :class:`HsCode` or its digits (``field``)."""
    if isinstance(value, HsCode):
        return value  # the common case, a line's code: one isinstance check
    try:
        return hs_code(value)
    except XborderError as error:
        raise error.in_field(field) from None
