"""Text building blocks for the terminal reports (private; pure: returns str)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from babel.numbers import format_decimal, format_percent

from xborder.money import RoundingMode, format_money
from xborder.money.converters import locale_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.money import Money

__all__ = ["heading", "money", "number", "percent", "table"]

_INVISIBLE_SPACES = str.maketrans({"\xa0": " ", "\u202f": " "})


def money(amount: Money, locale: str) -> str:
    """Format ``amount`` for ``locale``, with CLDR's no-break spaces made plain.

    A terminal shows U+00A0 and U+202F as ordinary spaces anyway; plain ones
    keep columns aligned and the output easy to grep.
    """
    return format_money(amount, locale=locale).translate(_INVISIBLE_SPACES)


def percent(value: Decimal, places: int = 1, *, locale: str | None = None) -> str:
    """A ratio as a percentage with ``places`` decimals, rounded half-up.

    Without a locale: ``"22.9%"``. With one, CLDR's pattern for it
    (``"22,9 %"`` in German); the value is rounded here first, because
    babel would otherwise round half-even on its own.
    """
    step = Decimal(1).scaleb(-places - 2)
    rounded = Decimal(value).quantize(step, rounding=RoundingMode.HALF_UP)
    if locale is None:
        return f"{rounded:.{places}%}"
    cldr = locale_of(locale)
    text = format_percent(
        rounded, _with_places(cldr.percent_formats[None].pattern, places), locale=cldr
    )
    return text.translate(_INVISIBLE_SPACES)


def number(value: Decimal, locale: str, places: int = 2) -> str:
    """A number rounded half-up to ``places`` decimals, written for ``locale``.

    ``"0.95"`` in English, ``"0,95"`` in German; ``"2,300"`` and ``"2.300"``
    with no decimals.
    """
    rounded = Decimal(value).quantize(
        Decimal(1).scaleb(-places), rounding=RoundingMode.HALF_UP
    )
    decimals = "." + "0" * places if places else ""
    text = format_decimal(rounded, "#,##0" + decimals, locale=locale_of(locale))
    return text.translate(_INVISIBLE_SPACES)


def _with_places(pattern: str, places: int) -> str:
    # CLDR's percent pattern ("#,##0 %" in German) with ``places`` decimals
    # forced after its last integer digit; the value is already rounded, so
    # the pattern only pads (21 % -> 21,0 %), never rounds.
    last = pattern.rindex("0") + 1
    decimals = "." + "0" * places if places else ""
    return pattern[:last] + decimals + pattern[last:]


def heading(title: str) -> list[str]:
    """A section title, underlined, with a blank line before it."""
    return ["", title, "-" * len(title)]


def table(rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> list[str]:
    """Rows of cells as aligned lines; columns in ``right`` are right-aligned.

    The first row is the header.
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines
