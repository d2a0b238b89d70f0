"""A search-term report as a table: read once, checked as the scalar checks rows.

(Private.) A row of the table is a :class:`xborder.kpi.SearchTermRow`: the
checks here are the model's converters and
:meth:`xborder.kpi.ReportSemantics.check`, written over columns, and each
row that fails one is reported under the same field, with the rest of its
problems, instead of stopping the pass. Good rows go on to the sums.

Text checks run on each column's distinct values (a report repeats its
campaigns and terms), so a million rows cost a handful of hash passes; the
numeric checks are comparisons over whole columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import polars as pl

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.frames._columns import FLOATS, Problem, read_exact
from xborder.frames._errors import ROW, bad_rows, check_mode, errors_frame, raise_first
from xborder.frames._native import Native, native
from xborder.frames._text import blank
from xborder.kpi import MatchType, ReportSemantics

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.money import Currency

__all__ = [
    "AMOUNTS",
    "COUNTS",
    "MATCH_TYPES",
    "TEXTS",
    "Terms",
    "read_terms",
]

TEXTS = ("campaign", "ad_group", "targeting", "search_term")
COUNTS = ("impressions", "clicks", "orders")
AMOUNTS = ("spend", "sales")
MATCH_TYPES = pl.Enum([kind.value for kind in MatchType])
"""The match-type column's type: :class:`xborder.kpi.MatchType` values."""

_LARGEST = 10**36  # xborder's numbers are below 1E+36 (xborder._validate)
_WIDEST = 10**38  # a Decimal(38, 0) column holds less
_FIELDS = ("campaign", "ad_group", "targeting", "match_type", "search_term",
           "impressions", "clicks", "spend", "orders", "sales")  # fmt: skip
_KINDS = ", ".join(repr(kind.value) for kind in MatchType)


@attrs.frozen
class Terms:
    """The checked rows of a report.

    Attributes:
        given: The caller's frame, and the way back to its library.
        rows: The rows that passed every check (input order), with the text
            columns, ``match_type`` as :data:`MATCH_TYPES`, the counts as
            Int64 and the amounts as unscaled integers at ``scale``, plus
            the extra columns asked for.
        scale: The amounts' scale: the currency's, or finer if the table's
            amounts have finer digits.
        errors: The errors frame (``row``, ``field``, ``value``, ``message``).
        report: The report's semantics.
    """

    given: Native
    rows: pl.DataFrame
    scale: int
    errors: pl.DataFrame
    report: ReportSemantics

    @property
    def currency(self) -> Currency:
        """The report's currency."""
        return self.report.currency


def read_terms(
    frame: object,
    report: ReportSemantics,
    *,
    floats: str,
    errors: str,
    extra: Sequence[str] = (),
) -> Terms:
    """Read and check a search-term table; raise the first problem if asked to."""
    mode = check_mode(errors)
    if not isinstance(report, ReportSemantics):
        raise InvalidTypeError(field="report", value=report, expected="ReportSemantics")
    if not isinstance(floats, str) or floats not in FLOATS:
        raise InvalidInputError(
            field="floats", value=floats, expected="'refuse' or 'shortest'"
        )
    given = native(frame)
    table = given.frame
    _check_columns(table, extra)
    table = table.with_row_index(ROW)
    scale = report.currency.exponent
    table, problems, scale = _checked(table, report, scale, floats)
    found = errors_frame(table, problems) if problems else errors_frame(table, [])
    if mode == "raise":
        raise_first(found)
    rows = table.filter(~bad_rows(problems)) if not found.is_empty() else table
    typed = ("match_type", *COUNTS, *AMOUNTS)
    rows = rows.select(
        ROW,
        *TEXTS,
        *(pl.col(f"__xb_{name}").alias(name) for name in typed),
        *(name for name in dict.fromkeys(extra) if name not in _FIELDS),
    )
    return Terms(given, rows, scale, found, report)


def _check_columns(table: pl.DataFrame, extra: Sequence[str]) -> None:
    needed = [name for name in _FIELDS if name != "ad_group"]
    others = [name for name in extra if name not in _FIELDS]
    missing = [name for name in (*needed, *others) if name not in table.schema]
    if missing:
        raise InvalidInputError(
            "name the columns as xborder.frames.read_report does",
            field="frame",
            value=list(table.columns)[:20],
            expected="the columns " + ", ".join(missing),
        )


def _checked(
    table: pl.DataFrame, report: ReportSemantics, scale: int, floats: str
) -> tuple[pl.DataFrame, list[Problem], int]:
    """Typed columns in place of the caller's, and every problem, in field order."""
    problems: list[Problem] = []
    if "ad_group" not in table.schema:
        table = table.with_columns(ad_group=pl.lit(None, dtype=pl.String))
    table = table.with_columns(_texts(table))
    for name in ("campaign", "ad_group", "targeting"):
        problems.extend(_text_problems(table, name, optional=name == "ad_group"))
    table, kind = _match_types(table)
    problems.append(kind)
    problems.extend(_text_problems(table, "search_term", optional=False))
    table = table.with_columns(_count(table, name) for name in COUNTS)
    table, amounts, scale = _amounts(table, scale, floats)
    problems.extend(_count_problems("impressions"))
    problems.extend(_count_problems("clicks"))
    problems.extend(amounts["spend"])
    problems.extend(_count_problems("orders"))
    problems.extend(amounts["sales"])
    if report.clicks_within_impressions:
        problems.append(
            _beyond("clicks", "impressions", "pass clicks_within_impressions=False")
        )
    if report.orders_within_clicks:
        problems.append(_beyond("orders", "clicks", "pass orders_within_clicks=False"))
    return table, problems, scale


def _texts(table: pl.DataFrame) -> list[pl.Expr]:
    exprs = []
    for name in (*TEXTS, "match_type"):
        dtype = table.schema[name]
        if dtype == pl.String:
            continue
        if isinstance(dtype, pl.Categorical | pl.Enum | pl.Null):
            exprs.append(pl.col(name).cast(pl.String))
            continue
        raise InvalidTypeError(
            field=name, value=str(dtype), expected="a text column (String)"
        )
    return exprs


def _text_problems(table: pl.DataFrame, name: str, *, optional: bool) -> list[Problem]:
    """Null (unless optional) or blank text, found on the column's distinct values."""
    values = table.get_column(name).unique()
    problems = []
    if not optional and values.null_count():
        problems.append(Problem(name, pl.col(name).is_null(), "a str"))
    blanks = pl.DataFrame({name: values}).filter(blank(pl.col(name))).to_series()
    if not blanks.is_empty():
        found = pl.col(name).is_in(blanks.to_list())
        problems.append(Problem(name, found, "non-empty text"))
    return problems


def _match_types(table: pl.DataFrame) -> tuple[pl.DataFrame, Problem]:
    column = pl.col("match_type")
    known = column.is_in([kind.value for kind in MatchType])
    problem = Problem(
        "match_type",
        ~known.fill_null(value=False),
        f"a MatchType or one of {_KINDS}",
    )
    typed = pl.when(known).then(column).cast(MATCH_TYPES).alias("__xb_match_type")
    return table.with_columns(typed), problem


def _count(table: pl.DataFrame, name: str) -> pl.Expr:
    dtype = table.schema[name]
    if not dtype.is_integer():
        raise InvalidTypeError(
            "counts are whole numbers: read text columns with "
            "xborder.frames.read_report",
            field=name,
            value=str(dtype),
            expected="an integer column",
        )
    wide = pl.Int128 if dtype == pl.UInt64 else pl.Int64
    return pl.col(name).cast(wide).alias(f"__xb_{name}")


def _count_problems(name: str) -> list[Problem]:
    value = pl.col(f"__xb_{name}")
    return [
        Problem(name, value.is_null(), "an int"),
        Problem(name, value < 0, "an int >= 0"),
    ]


def _amounts(
    table: pl.DataFrame, scale: int, floats: str
) -> tuple[pl.DataFrame, dict[str, list[Problem]], int]:
    """Spend and sales as unscaled integers at one scale, and their problems.

    The scale is the currency's, or the finer one a column's digits need.
    """
    found: dict[str, int] = {}
    problems: dict[str, list[Problem]] = {}
    for name in AMOUNTS:
        into = f"__xb_{name}"
        table, read, found[name] = read_exact(
            table, name, at_least=scale, into=into, floats=floats
        )
        # Checked at the scale read, before any rescaling can overflow.
        limit = _LARGEST * 10 ** found[name]
        big = pl.col(into).abs() >= limit if limit < _WIDEST else pl.lit(value=False)
        table = table.with_columns(big.alias(f"{into}_big"))
        problems[name] = [
            *read.problems,
            Problem(name, pl.col(into) < 0, "an amount >= 0"),
            Problem(
                name,
                pl.col(f"{into}_big"),
                "a number smaller than 1E+36 with no digit below 1E-100",
            ),
        ]
    final = max(found.values())
    for name in AMOUNTS:
        into = f"__xb_{name}"
        if found[name] < final:
            # A value too large for 38 digits at the finer scale is unreadable
            # here (null, reported as "a number"); the rest scale exactly.
            shift = final - found[name]
            value = pl.col(into)
            fits = value.abs() < 10 ** (38 - shift)
            table = table.with_columns(
                pl.when(fits).then(value * 10**shift).alias(into)
            )
    return table, problems, final


def _beyond(name: str, limit: str, hint: str) -> Problem:
    """``name`` above ``limit`` on the same row, as ReportSemantics.check refuses."""
    over = pl.col(f"__xb_{name}") > pl.col(f"__xb_{limit}")
    expected = pl.concat_str(
        pl.lit(f"at most the row's {limit} ("),
        pl.col(f"__xb_{limit}").cast(pl.String),
        pl.lit(f"); {hint} if the report allows it"),
    )
    return Problem(name, over, expected)
