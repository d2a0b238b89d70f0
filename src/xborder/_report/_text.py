"""Text building blocks for the terminal reports (private; pure: returns str)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder.money import format_money

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.money import Money

__all__ = ["heading", "money", "percent", "table"]

_INVISIBLE_SPACES = str.maketrans({"\xa0": " ", "\u202f": " "})


def money(amount: Money, locale: str) -> str:
    """Format ``amount`` for ``locale``, with CLDR's no-break spaces made plain.

    A terminal shows U+00A0 and U+202F as ordinary spaces anyway; plain ones
    keep columns aligned and the output easy to grep.
    """
    return format_money(amount, locale=locale).translate(_INVISIBLE_SPACES)


def percent(value: object, places: int = 1) -> str:
    """A ratio shown as a percentage with ``places`` decimals ("22.9%")."""
    return f"{value:.{places}%}"


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
