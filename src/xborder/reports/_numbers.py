"""The number grammar of report cells (private; see :mod:`xborder.reports`).

One grammar, described once as data (:class:`NumberFormat`), read by the
scalar parsers here and, later, compiled to column expressions by the
frames layer: every step is a character set, a literal or a regular
expression in the syntax Python's :mod:`re` and Rust's ``regex`` crate
(polars' ``str.extract_groups``) both read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final, Literal

import attrs

from xborder._exact import EXACT
from xborder._validate import IN_RANGE, flag, in_range, named_errors, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.reports._grammar import (
    CELL_LIMIT,
    CURRENCY_MARKS,
    STRIP_CHARS,
    literal,
    to_currencies,
    to_decimal_separator,
    to_label,
    to_thousands,
)

__all__ = [
    "CH_NUMBERS",
    "DE_NUMBERS",
    "EN_NUMBERS",
    "FR_NUMBERS",
    "NUMBER_FORMATS",
    "NumberFormat",
]

_AMOUNT = "an amount such as "
_COUNT = "a whole number such as "
_PERCENT = "a percent such as "
_MINUSES = frozenset("-\u2212")
_SPACE_CLASS = "[ \t\u00a0\u202f]*"
_SIGN_CLASS = "[-+\u2212]"

Negative = Literal["minus", "parentheses", "trailing"]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class NumberFormat:
    r"""How one file writes its numbers: separators, currency marks, negatives.

    Exports write ``1,234.56`` (en), ``1.234,56`` (de, es, it), ``1 234,56``
    (fr, with a no-break space) or ``1'234.56`` (ch), with a currency mark
    inside the cell (``€18,00``), a percent sign (``0,97%``) and negatives
    as ``-5``, ``5-`` or ``(5.00)``. The format is decided once per file
    (:func:`detect_number_format`), never per cell: ``1.234`` alone is 1.234
    in en and 1234 in de.

    **The grammar**, as steps a columnar engine can run too:

    1. strip :data:`STRIP_CHARS` from both ends;
    2. match :attr:`pattern` (named groups ``open``, ``lead``, ``before``,
       ``inner``, ``number``, ``percent``, ``after``, ``trail``, ``close``);
       no match means a bad cell;
    3. ``open`` and ``close`` are both there or both absent, and at most one
       sign is written (``lead``, ``inner``, ``trail`` or the parentheses);
       ``+`` only leads; at most one currency mark (``before`` or ``after``);
    4. in ``number``, remove the :attr:`thousands` separators and replace
       :attr:`decimal` by ``.``: the text is now a plain ASCII decimal
       (``[0-9]+(\.[0-9]+)?``), read exactly;
    5. negate it for ``(``…``)`` or a minus; a percent divides by 100.

    Thousands separators must group digits by three (``1,234,567``, not
    ``12,34``), which is what tells formats apart. Digits are ASCII only.

    Args:
        name: A label for messages (``"en"``).
        decimal: The decimal separator, ``"."`` or ``","``.
        thousands: The thousands separators the file may use (any of
            :data:`THOUSANDS_SEPARATORS`, not the decimal one); the first
            is the one :meth:`format` writes.
        currencies: Currency marks a cell may carry before or after the
            number (default :data:`CURRENCY_MARKS`).
        parentheses: Accept ``(1,234.50)`` as a negative.
        trailing_minus: Accept ``1,234.50-`` as a negative.

    Raises:
        InvalidInputError: A separator is not allowed, or is both decimal and
            thousands.

    Examples:
        >>> DE_NUMBERS.parse_amount("-1.234,56 €")
        Decimal('-1234.56')
        >>> EN_NUMBERS.parse_amount("(1,234.50)")
        Decimal('-1234.50')
        >>> FR_NUMBERS.parse_percent("12,5\u202f%")
        Decimal('0.125')
        >>> EN_NUMBERS.parse_count("1.5")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: expected a whole number such as 1,234 (en), got '1.5'
    """  # noqa: E501 - a doctest output line

    name: str = attrs.field(default="custom", converter=to_label)
    decimal: str = attrs.field(converter=to_decimal_separator)
    thousands: tuple[str, ...] = attrs.field(converter=to_thousands)
    currencies: tuple[str, ...] = attrs.field(
        default=CURRENCY_MARKS, converter=to_currencies
    )
    parentheses: bool = attrs.field(default=True, converter=flag)
    trailing_minus: bool = attrs.field(default=True, converter=flag)
    _compiled: re.Pattern[str] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _digits: dict[int, str | None] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if self.decimal in self.thousands:
            raise InvalidInputError(
                field="thousands",
                value=self.thousands,
                expected=f"separators other than the decimal {self.decimal!r}",
            )
        object.__setattr__(self, "_compiled", re.compile(self.pattern))
        table: dict[int, str | None] = dict.fromkeys(map(ord, self.thousands))
        table[ord(self.decimal)] = "."
        object.__setattr__(self, "_digits", table)

    @property
    def strip_chars(self) -> str:
        """Step 1: the characters stripped from both ends (:data:`STRIP_CHARS`)."""
        return STRIP_CHARS

    @property
    def number_pattern(self) -> str:
        r"""The regex of the number alone: ``1,234.56``, ``1234.56``, ``12``.

        Examples:
            >>> CH_NUMBERS.number_pattern
            "(?:[0-9]{1,3}(?:'[0-9]{3})+|[0-9]{1,3}(?:’[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?"
        """
        grouped = [f"[0-9]{{1,3}}(?:{literal(t)}[0-9]{{3}})+" for t in self.thousands]
        integer = "|".join([*grouped, "[0-9]+"])
        return f"(?:{integer})(?:{literal(self.decimal)}[0-9]+)?"

    @property
    def pattern(self) -> str:
        """Step 2: the regex a stripped cell must match, with named groups.

        Written for both Python's :mod:`re` and Rust's ``regex`` (polars):
        no look-around, no back-references, ASCII digit classes.
        """
        space = _SPACE_CLASS
        marks = sorted(self.currencies, key=len, reverse=True)
        mark = "|".join(literal(m) for m in marks)
        before = f"(?:(?P<before>{mark}){space})?" if mark else ""
        after = f"(?:(?P<after>{mark}){space})?" if mark else ""
        return "".join([
            "^",
            r"(?P<open>\()?" if self.parentheses else "",
            space,
            f"(?P<lead>{_SIGN_CLASS})?",
            space,
            before,
            f"(?P<inner>{_SIGN_CLASS})?",
            space,
            f"(?P<number>{self.number_pattern})",
            space,
            "(?P<percent>%)?",
            space,
            after,
            r"(?P<trail>\-)?" if self.trailing_minus else "",
            space,
            r"(?P<close>\))?" if self.parentheses else "",
            "$",
        ])  # fmt: skip

    def parse_amount(self, cell: str) -> Decimal:
        """Read an amount, exactly: ``"€1.234,56"`` in de is ``Decimal('1234.56')``.

        A currency mark is allowed, a percent sign is not.

        Raises:
            InvalidInputError: The cell is not an amount in this format.
            InvalidTypeError: The cell is not a str.

        Examples:
            >>> EN_NUMBERS.parse_amount("$54.20")
            Decimal('54.20')
            >>> CH_NUMBERS.parse_amount("1'234.50-")
            Decimal('-1234.50')
        """
        value, percent, _ = self._read(cell, _AMOUNT)
        if percent:
            raise self._refused(cell, _AMOUNT)
        return value

    def parse_count(self, cell: str) -> int:
        """Read a whole number: ``"1,234"`` in en is 1234; ``"12.5"`` is refused.

        Raises:
            InvalidInputError: The cell is not a whole number in this format.
            InvalidTypeError: The cell is not a str.

        Examples:
            >>> DE_NUMBERS.parse_count("1.234")
            1234
        """
        value, percent, marked = self._read(cell, _COUNT)
        if percent or marked or self.decimal in cell:
            raise self._refused(cell, _COUNT)
        return int(value)

    def parse_percent(self, cell: str) -> Decimal:
        """Read a percent as a fraction: ``"0,97%"`` in de is ``Decimal('0.0097')``.

        A cell without ``%`` is taken as a fraction already, as the xlsx
        export writes it (``0.0909`` for 9.09%): the sign, not the size,
        decides, because ACOS above 100% is real.

        Raises:
            InvalidInputError: The cell is not a percent in this format.
            InvalidTypeError: The cell is not a str.

        Examples:
            >>> DE_NUMBERS.parse_percent("0,97%")
            Decimal('0.0097')
            >>> EN_NUMBERS.parse_percent("0.0909")
            Decimal('0.0909')
        """
        value, percent, marked = self._read(cell, _PERCENT)
        if marked:
            raise self._refused(cell, _PERCENT)
        return value.scaleb(-2, context=EXACT) if percent else value

    def _read(self, cell: str, expected: str) -> tuple[Decimal, bool, bool]:
        """The value, whether a percent sign and a currency mark were written."""
        if not isinstance(cell, str):
            raise InvalidTypeError(field=None, value=cell, expected="a str")
        if len(cell) > CELL_LIMIT:
            raise InvalidInputError(
                field=None, value=cell, expected=f"at most {CELL_LIMIT} characters"
            )
        match = self._compiled.match(cell.strip(STRIP_CHARS))
        if match is None:
            raise self._refused(cell, expected)
        groups = match.groupdict()
        opened = groups.get("open") is not None
        signs = [s for s in (groups["lead"], groups["inner"], groups.get("trail")) if s]
        if opened != (groups.get("close") is not None) or len(signs) + opened > 1:
            raise self._refused(cell, expected)
        marks = (groups.get("before"), groups.get("after"))
        if ("+" in signs and opened) or None not in marks:
            raise self._refused(cell, expected)
        value = Decimal(groups["number"].translate(self._digits))
        if not in_range(value):
            # Within CELL_LIMIT a cell can still hold 999 digits: numbers are
            # held to the bounds every number entering xborder meets.
            raise InvalidInputError(field=None, value=cell, expected=IN_RANGE)
        if opened or (signs and signs[0] in _MINUSES):
            value = value.copy_negate()
        if value.is_zero():
            value = value.copy_abs()  # "-0.00" is 0.00
        marked = marks != (None, None)
        return value, groups["percent"] is not None, marked

    def _refused(self, cell: str, expected: str) -> InvalidInputError:
        return InvalidInputError(
            field=None,
            value=cell,
            expected=f"{expected}{self._examples[expected]} ({self.name})",
        )

    @property
    def _examples(self) -> dict[str, str]:
        return {
            _AMOUNT: self.format(Decimal("1234.56")),
            _COUNT: self.format(1234),
            _PERCENT: self.format(Decimal("0.125"), percent=True),
        }

    def format(
        self,
        value: Decimal | int,
        *,
        currency: str | None = None,
        negative: Negative = "minus",
        grouping: bool = True,
        percent: bool = False,
    ) -> str:
        """Write ``value`` as this format does, every digit kept (no rounding).

        The inverse of the parsers: ``parse_amount(format(x)) == x``.

        Args:
            value: The number (a fraction if ``percent``).
            currency: A mark of :attr:`currencies` to write before it.
            negative: How to write a negative: ``"minus"`` (``-5``),
                ``"parentheses"`` (``(5)``) or ``"trailing"`` (``5-``).
            grouping: Group the integer digits by three.
            percent: Write ``value`` × 100 followed by ``%``.

        Raises:
            InvalidInputError: An option this format does not read back.

        Examples:
            >>> FR_NUMBERS.format(Decimal("-1234567.8"))
            '-1\u202f234\u202f567,8'
            >>> EN_NUMBERS.format(Decimal("-1234.5"), currency="$", negative="parentheses")
            '($1,234.5)'
            >>> DE_NUMBERS.format(Decimal("0.0097"), percent=True)
            '0,97%'
        """  # noqa: E501 - a doctest line
        number = to_decimal(value, field="value")  # finite, within the bounds
        self._check_options(currency, negative)
        grouping = _flag(grouping, "grouping")
        if _flag(percent, "percent"):
            number = number.scaleb(2, context=EXACT)
        digits = format(number.copy_abs(), "f")
        whole, _, fraction = digits.partition(".")
        if grouping and self.thousands:
            head = len(whole) % 3 or 3
            groups = [whole[:head]] + [
                whole[i : i + 3] for i in range(head, len(whole), 3)
            ]
            whole = self.thousands[0].join(groups)
        text = whole + (self.decimal + fraction if fraction else "")
        text = (currency or "") + text + ("%" if percent else "")
        if not number.is_signed() or number.is_zero():
            return text
        if negative == "parentheses":
            return f"({text})"
        return f"{text}-" if negative == "trailing" else f"-{text}"

    def _check_options(self, currency: str | None, negative: str) -> None:
        if currency is not None and (
            not isinstance(currency, str) or currency not in self.currencies
        ):
            raise InvalidInputError(
                field="currency", value=currency, expected="one of the format's marks"
            )
        allowed = {"minus": True, "parentheses": self.parentheses}
        allowed["trailing"] = self.trailing_minus
        if not isinstance(negative, str) or not allowed.get(negative, False):
            raise InvalidInputError(
                field="negative",
                value=negative,
                expected="a negative form this format reads back",
            )


def _flag(value: bool, field: str) -> bool:  # noqa: FBT001 - one checked value
    try:
        return flag(value)
    except XborderError as error:
        raise error.in_field(field) from None


EN_NUMBERS: Final = NumberFormat(name="en", decimal=".", thousands=(",",))
"""``1,234.56``: English (US, UK), Amazon's .com, .co.uk and the Ads console."""

DE_NUMBERS: Final = NumberFormat(name="de", decimal=",", thousands=(".",))
"""``1.234,56``: German, Spanish and Italian (de, es, it), as in the DE
search-term fixture of reports-and-fees.md §1.1 (``1.234``, ``6,00``)."""

FR_NUMBERS: Final = NumberFormat(
    name="fr", decimal=",", thousands=("\u202f", "\u00a0", " ")
)
"""``1 234,56``: French, grouped by a narrow no-break space (CLDR), a
no-break space or a plain space."""

CH_NUMBERS: Final = NumberFormat(name="ch", decimal=".", thousands=("'", "\u2019"))
"""``1'234.56``: Swiss (de-CH, fr-CH), with an apostrophe or CLDR's ``’``."""

NUMBER_FORMATS: Final = {
    "en": EN_NUMBERS,
    "de": DE_NUMBERS,
    "es": DE_NUMBERS,
    "it": DE_NUMBERS,
    "fr": FR_NUMBERS,
    "ch": CH_NUMBERS,
}
"""The presets by language code; :func:`detect_number_format` tries them in
this order (es and it write numbers as de does)."""
