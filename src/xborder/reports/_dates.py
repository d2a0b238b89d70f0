"""Dates as exports write them (private; see :mod:`xborder.reports`).

Each form is one anchored regular expression; the date is the local
calendar day as written, whatever the time zone after it says.
"""

from __future__ import annotations

import datetime as dt
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.reports._grammar import CELL_LIMIT, STRIP_CHARS

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CLOCK",
    "DATE_EXPECTED",
    "DATE_PATTERNS",
    "MONTH_NAMES",
    "REAL_DAY",
    "parse_date",
]

_TIME = (
    r"(?:[ T](?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:\.[0-9]{1,9})?)?"
    r"(?: ?(?P<half>[AaPp][Mm]))?"
    r"(?: ?(?P<zone>Z|[+-][0-9]{2}:?[0-9]{2}|(?:GMT|UTC)[+-][0-9]{1,2}(?::?[0-9]{2})?"
    r"|[A-Z]{2,5}))?)?"
)
_MONTH = r"(?P<name>[A-Za-z]{3,9})\.?"

DATE_PATTERNS: Final = (
    # 2026-04-27, 2026-04-27 00:00:00, 2026-03-06 08:52:26 UTC,
    # 2025-10-07 09:50:26 +0200 (settlement, Shopify, the xlsx export)
    rf"^(?P<year>[0-9]{{4}})-(?P<month>[0-9]{{2}})-(?P<day>[0-9]{{2}}){_TIME}$",
    # 01.09.2026: day first, as German exports write it
    rf"^(?P<day>[0-9]{{1,2}})\.(?P<month>[0-9]{{1,2}})\.(?P<year>[0-9]{{4}}){_TIME}$",
    # Sep 4, 2026 1:05:07 AM PDT (the US Date Range report)
    rf"^{_MONTH} (?P<day>[0-9]{{1,2}}), (?P<year>[0-9]{{4}}){_TIME}$",
    # 4 Sep 2026 01:05:07 GMT+00:00
    rf"^(?P<day>[0-9]{{1,2}}) {_MONTH} (?P<year>[0-9]{{4}}){_TIME}$",
)
"""The date forms :func:`parse_date` reads, as regular expressions with the
named groups ``year``, ``month`` or ``name``, ``day`` and, optionally,
``hour``, ``minute``, ``second``, ``half`` (AM/PM) and ``zone``.

Slashed dates (``04/09/2026``) are refused: April 9 in the US and 4
September in Europe, and nothing in the cell says which."""

_COMPILED = tuple(re.compile(pattern) for pattern in DATE_PATTERNS)
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
)  # fmt: skip

MONTH_NAMES: Final[Mapping[str, int]] = MappingProxyType(
    {
        **{month: n for n, month in enumerate(_MONTHS, start=1)},
        **{month[:3]: n for n, month in enumerate(_MONTHS, start=1)},
        "sept": 9,
    }
)
"""The month words a date's ``name`` group may hold (compared case-folded),
and their numbers: full English names, their first three letters, and
``sept``."""

DATE_EXPECTED: Final = (
    "a date such as 2026-04-27, 2026-04-27 08:52:26 UTC, 01.09.2026 "
    "or Sep 4, 2026 1:05:07 AM PDT"
)
"""What a cell that is not a date is told was expected."""

REAL_DAY: Final = "a real calendar day"
"""What a date of a day that does not exist (2026-02-30) is told."""

CLOCK: Final = (24, 60, 12)
"""The time checks: hours below 24 (1 to 12 with AM/PM), minutes and seconds
below 60."""

_HOURS, _MINUTES, _HALF_DAY = CLOCK


def _month(name: str) -> int | None:
    return MONTH_NAMES.get(name.casefold())


def parse_date(cell: str) -> dt.date:
    """The calendar day of a date or timestamp cell, as written.

    The forms are :data:`DATE_PATTERNS`. A time and a time zone may follow
    the date; the day is the one written (``2026-03-06 23:52:26 PDT`` is
    March 6), so a file keeps its own local days. Time fields are checked
    (``25:00`` is refused), then dropped.

    Raises:
        InvalidInputError: Not a date in one of the forms, or no such day.
        InvalidTypeError: The cell is not a str.

    Examples:
        >>> parse_date("Sep 4, 2026 1:05:07 AM PDT")
        datetime.date(2026, 9, 4)
        >>> parse_date("01.09.2026")
        datetime.date(2026, 9, 1)
        >>> parse_date("2025-10-07 09:50:26 +0200")
        datetime.date(2025, 10, 7)
        >>> parse_date("2026-02-30")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: expected a real calendar day, got '2026-02-30'
    """
    if not isinstance(cell, str):
        raise InvalidTypeError(field=None, value=cell, expected="a str")
    if len(cell) > CELL_LIMIT:
        raise InvalidInputError(
            field=None, value=cell, expected=f"at most {CELL_LIMIT} characters"
        )
    text = cell.strip(STRIP_CHARS)
    for pattern in _COMPILED:
        match = pattern.match(text)
        if match is not None:
            return _day(match, cell)
    raise InvalidInputError(field=None, value=cell, expected=DATE_EXPECTED)


def _day(match: re.Match[str], cell: str) -> dt.date:
    groups = match.groupdict()
    name = groups.get("name")
    month = _month(name) if name is not None else int(groups["month"])
    if month is None or not _valid_time(groups):
        raise InvalidInputError(field=None, value=cell, expected=DATE_EXPECTED)
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        raise InvalidInputError(field=None, value=cell, expected=REAL_DAY) from None


def _valid_time(groups: dict[str, str | None]) -> bool:
    hour, minute, second = groups["hour"], groups["minute"], groups["second"]
    if hour is None or minute is None:
        return True
    hours = int(hour)
    twelve = groups["half"] is not None
    ok_hour = 1 <= hours <= _HALF_DAY if twelve else hours < _HOURS
    return ok_hour and int(minute) < _MINUTES and int(second or 0) < _MINUTES
