r"""The reading rules of report cells, as data, for every evaluator.

:func:`~xborder.reports.read_records` reads one cell at a time with Python;
:func:`xborder.frames.read_report` reads whole columns with polars' string
expressions. Both read the grammar from here (and from
:class:`~xborder.reports.NumberFormat`, whose :attr:`~NumberFormat.pattern`,
:attr:`~NumberFormat.thousands` and :attr:`~NumberFormat.decimal` are data
too), so a cell reads the same in both:

* numbers: strip :data:`STRIP_CHARS`; match the format's pattern (its
  :data:`GROUPS`); at most one sign, parentheses paired, one currency mark;
  drop the thousands separators and read the decimal one as ``.``; negate
  for parentheses or a sign in :data:`NEGATIVE_SIGNS`; then the kind's
  :data:`NUMBER_RULES` (marks, ``%``, decimal separator allowed or not);
* missing cells: :data:`MISSING` markers in number and date columns, empty
  text anywhere; a required column refuses them (:data:`REQUIRED`);
* dates: the first of :data:`DATE_PATTERNS` that matches decides; month
  names from :data:`MONTH_NAMES`; times within :data:`CLOCK`; the day must
  exist;
* detection tries :data:`PRESETS` unless given candidates;
* :func:`literal` writes text into a pattern both engines read.

Examples:
    >>> NUMBER_RULES["count"].marks, NUMBER_RULES["percent"].percent
    (False, True)
    >>> MONTH_NAMES["sept"], sorted(MISSING)
    (9, ['', '-', '--', 'n/a'])
"""

from __future__ import annotations

from xborder._guard import guard_public
from xborder.reports._dates import (
    CLOCK,
    DATE_EXPECTED,
    DATE_PATTERNS,
    MONTH_NAMES,
    REAL_DAY,
)
from xborder.reports._detect import PRESETS
from xborder.reports._grammar import (
    CELL_LIMIT,
    GROUPS,
    MISSING,
    NEGATIVE_SIGNS,
    NUMBER_RULES,
    REQUIRED,
    STRIP_CHARS,
    NumberRule,
    literal,
)

__all__ = [
    "CELL_LIMIT",
    "CLOCK",
    "DATE_EXPECTED",
    "DATE_PATTERNS",
    "GROUPS",
    "MISSING",
    "MONTH_NAMES",
    "NEGATIVE_SIGNS",
    "NUMBER_RULES",
    "PRESETS",
    "REAL_DAY",
    "REQUIRED",
    "STRIP_CHARS",
    "NumberRule",
    "literal",
]

# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
