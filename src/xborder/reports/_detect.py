"""Deciding a file's number format from its cells (private; see xborder.reports).

The format is a property of the file, never of a cell: ``1.234`` alone is
1.234 in en and 1234 in de. Detection keeps every candidate format that
reads all cells seen so far, and refuses to guess when the survivors read
some cell differently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder._validate import items_of, iterator_of
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.reports._numbers import NUMBER_FORMATS, NumberFormat

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from decimal import Decimal

__all__ = ["Numbers", "detect_number_format"]

_MISSING = frozenset({"", "-", "--", "n/a"})
_PRESETS = tuple(dict.fromkeys(NUMBER_FORMATS.values()))


def is_missing(cell: str) -> bool:
    """An empty cell, or one of the markers exports write for nothing."""
    return cell.strip().casefold() in _MISSING


def amount_or_percent(number_format: NumberFormat, cell: str) -> Decimal:
    """An amount, or a percent cell's fraction: what detection reads."""
    if "%" in cell:
        return number_format.parse_percent(cell)
    return number_format.parse_amount(cell)


def candidates_of(
    values: Iterable[NumberFormat] | None, field: str
) -> tuple[NumberFormat, ...]:
    """The candidate formats, checked: a non-empty sequence of NumberFormat."""
    if values is None:
        return _PRESETS
    if isinstance(values, NumberFormat):
        raise InvalidTypeError(field=field, value=values, expected="NumberFormats")
    items = items_of(values, field=field, expected="NumberFormats")
    for index, item in enumerate(items):
        if not isinstance(item, NumberFormat):
            raise InvalidTypeError(
                field=f"{field}[{index}]", value=item, expected="a NumberFormat"
            )
    if not items:
        raise InvalidInputError(field=field, value=items, expected="one format or more")
    return items


class Numbers:
    """The formats still possible for one file, narrowed cell by cell.

    Same-decimal formats never read a cell differently (thousands separators
    are only dropped), so once every survivor shares the decimal separator,
    the first one reads each cell and the others are only tried when it
    fails.
    """

    def __init__(self, candidates: tuple[NumberFormat, ...]) -> None:
        self.survivors = candidates
        self.decided = len({f.decimal for f in candidates}) == 1

    def narrow(self, cell: str, parse: Callable[[NumberFormat, str], object]) -> None:
        """Drop the formats that cannot read ``cell``; raise if none can."""
        kept = tuple(f for f in self.survivors if _reads(parse, f, cell))
        if not kept:
            parse(self.survivors[0], cell)  # raises the first format's error
        self.survivors = kept
        self.decided = len({f.decimal for f in kept}) == 1

    def disagreement(
        self, cell: str, parse: Callable[[NumberFormat, str], object]
    ) -> InvalidInputError | None:
        """An error if the survivors read ``cell`` as different numbers."""
        if self.decided:
            return None
        readings: dict[object, str] = {}
        for number_format in self.survivors:
            readings.setdefault(parse(number_format, cell), number_format.name)
        if len(readings) < 2:  # noqa: PLR2004 - two readings make an ambiguity
            return None
        shown = " and ".join(f"{value} in {name}" for value, name in readings.items())
        return InvalidInputError(
            f"it reads as {shown}, and no other cell tells the formats apart: "
            "pass number_format (xborder.reports.EN_NUMBERS, DE_NUMBERS...)",
            field=None,
            value=cell,
            expected="numbers whose format the file makes clear",
        )

    def read(
        self, cell: str, parse: Callable[[NumberFormat, str], Decimal | int]
    ) -> Decimal | int:
        """Read ``cell`` with the surviving formats, narrowing them."""
        if self.decided:
            try:
                return parse(self.survivors[0], cell)
            except XborderError:
                if len(self.survivors) == 1:
                    raise
        self.narrow(cell, parse)
        problem = self.disagreement(cell, parse)
        if problem is not None:
            raise problem
        return parse(self.survivors[0], cell)


def _reads(
    parse: Callable[[NumberFormat, str], object], f: NumberFormat, cell: str
) -> bool:
    try:
        parse(f, cell)
    except XborderError:
        return False
    return True


def detect_number_format(
    cells: Iterable[object], *, candidates: Iterable[NumberFormat] | None = None
) -> NumberFormat:
    """The number format of a file, decided from all of its sample cells.

    Each candidate (by default en, de, fr, ch, in that order) that reads
    every cell as an amount or a percent survives; cells that are not str
    (a ``Decimal`` from a typed frame) and missing markers (``""``, ``-``,
    ``--``, ``N/A``) say nothing. The first survivor is returned, unless
    survivors read some cell as different numbers: then the sample cannot
    tell, and the error asks for the format. Survivors that agree on every
    cell (``12``, ``42.70``) are equally right for these cells.

    Raises:
        InvalidInputError: No candidate reads some cell (named as
            ``cells[i]``), or the cells leave the format ambiguous.

    Examples:
        >>> detect_number_format(["1.234", "6,00", "0,97%"]).name
        'de'
        >>> detect_number_format(["1,234.56", "$54.20"]).name
        'en'
        >>> detect_number_format(["1.234", "12"])
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: cells[0]: expected numbers whose format the file makes clear, got '1.234'; it reads as 1.234 in en and 1234 in de, ...
    """  # noqa: E501 - a doctest output line
    numbers = Numbers(candidates_of(candidates, "candidates"))
    given = iterator_of(cells, field="cells", expected="an iterable of cells")
    seen: list[tuple[int, str]] = []
    for index, cell in enumerate(given):
        if not isinstance(cell, str) or is_missing(cell):
            continue
        try:
            numbers.narrow(cell, amount_or_percent)
        except XborderError as error:
            raise error.in_field(f"cells[{index}]") from None
        seen.append((index, cell))
    for index, cell in seen:
        problem = numbers.disagreement(cell, amount_or_percent)
        if problem is not None:
            raise problem.in_field(f"cells[{index}]")
    return numbers.survivors[0]
