"""Matching a file's headers to a spec's columns (private; see xborder.reports)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    items_of,
    iterator_of,
    named_errors,
    positive_count,
    require,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi import AttributionWindow
from xborder.reports._spec import Column, ReportSpec, normalize_header

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["HeaderMatch", "find_header", "match_headers"]


def _pairs(values: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    pairs = items_of(values, field=None, expected="(name, header) pairs")
    for index, pair in enumerate(pairs):
        if not (
            isinstance(pair, tuple | list)
            and len(pair) == 2  # noqa: PLR2004 - a pair
            and all(isinstance(part, str) for part in pair)
        ):
            raise InvalidTypeError(
                field=f"[{index}]", value=pair, expected="a (name, header) pair of str"
            )
    return tuple((name, header) for name, header in pairs)


def _headers(values: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(values, str)


def _spec(value: ReportSpec) -> ReportSpec:
    if not isinstance(value, ReportSpec):
        raise InvalidTypeError(field=None, value=value, expected="a ReportSpec")
    return value


def _days(value: int | None) -> int | None:
    return None if value is None else positive_count(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class HeaderMatch:
    """Which header of a file is which canonical column, and the file's window.

    Made by :func:`match_headers`.

    Args:
        spec: The spec matched.
        headers: The file's headers, as written.
        columns: ``(canonical name, header as written)`` for each column found.
        click_days: The attribution window the file's ``{days}`` headers use
            (``7`` for ``7 Day Total Sales``), or ``None`` if it has none.

    Examples:
        >>> from xborder.reports import AMAZON_SEARCH_TERMS
        >>> found = match_headers(["Campaign Name", "Targeting", "Match Type",
        ...     "Customer Search Term", "Impressions", "Clicks", "Spend",
        ...     "14 Day Total Sales", "14 Day Total Orders (#)"], AMAZON_SEARCH_TERMS)
        >>> found.header("sales"), found.attribution
        ('14 Day Total Sales', AttributionWindow(click_days=14, view_days=0))
    """

    spec: ReportSpec = attrs.field(converter=_spec)
    headers: tuple[str, ...] = attrs.field(converter=_headers)
    columns: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs)
    click_days: int | None = attrs.field(default=None, converter=_days)

    def __attrs_post_init__(self) -> None:
        names = set(self.spec.names)
        for index, (name, header) in enumerate(self.columns):
            require(
                name in names,
                field=f"columns[{index}]",
                value=name,
                expected=f"a column of {self.spec.name!r}",
            )
            require(
                header in self.headers,
                field=f"columns[{index}]",
                value=header,
                expected="one of the headers",
            )

    def header(self, name: str) -> str | None:
        """The header as written for canonical column ``name``, or ``None``."""
        self.spec.column(name)
        return dict(self.columns).get(name)

    @property
    def attribution(self) -> AttributionWindow | None:
        """The file's attribution window (click days, no view days), if any."""
        if self.click_days is None:
            return None
        return AttributionWindow(click_days=self.click_days)

    @property
    def unused(self) -> tuple[str, ...]:
        """The file's headers that no column took (shown, never an error)."""
        taken = {header for _, header in self.columns}
        return tuple(h for h in self.headers if h not in taken)


class _Found:
    """One column's best alias rank and the headers (with days) matching it."""

    def __init__(self) -> None:
        self.rank = -1
        self.hits: list[tuple[int, int | None]] = []


def _scan(normalized: Sequence[str], column: Column, click_days: int | None) -> _Found:
    found = _Found()
    for rank, matcher in enumerate(column.matchers):
        for index, header in enumerate(normalized):
            match = matcher.fullmatch(header)
            if match is None:
                continue
            days = int(match[1]) if match.groups() else None
            if click_days is not None and days not in {None, click_days}:
                continue
            found.hits.append((index, days))
        if found.hits:
            found.rank = rank
            return found
    return found


def match_headers(
    headers: Iterable[str], spec: ReportSpec, *, click_days: int | None = None
) -> HeaderMatch:
    """Find each of the spec's columns among a file's headers.

    Headers are compared after :func:`normalize_header`; a column's aliases
    are tried in order, then its canonical name. ``{days}`` aliases match
    any window; all of a file's windowed headers must share one (a file
    mixing 7- and 14-day columns is refused unless ``click_days`` picks one).

    Args:
        headers: The file's header row (``csv.DictReader(...).fieldnames``).
        spec: The report's spec.
        click_days: Only accept windowed headers of this many days.

    Raises:
        InvalidInputError: A required column has no header (the message shows
            the closest header found), a header appears twice, one header
            fits two columns, or the windows differ.
        InvalidTypeError: A header is not a str.

    Examples:
        >>> from xborder.reports import AMAZON_SEARCH_TERMS
        >>> match_headers(["Campaign Name", "Customer Search Term"],
        ...     AMAZON_SEARCH_TERMS)
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: headers: expected a header for 'targeting' such as 'Targeting', got None; ...
    """  # noqa: E501 - a doctest output line
    if not isinstance(spec, ReportSpec):
        raise InvalidTypeError(field="spec", value=spec, expected="a ReportSpec")
    checked = _checked_days(click_days)
    written = items_of(headers, field="headers")
    normalized = []
    for index, header in enumerate(written):
        try:
            normalized.append(normalize_header(header))
        except XborderError as error:
            raise error.in_field(f"headers[{index}]") from None
    columns, days, missing = _resolve(written, normalized, spec, checked)
    if missing:
        raise _missing(missing, written, normalized)
    return HeaderMatch(spec=spec, headers=written, columns=columns, click_days=days)


def _checked_days(value: int | None) -> int | None:
    try:
        return _days(value)
    except XborderError as error:
        raise error.in_field("click_days") from None


def _resolve(
    written: Sequence[str],
    normalized: Sequence[str],
    spec: ReportSpec,
    click_days: int | None,
) -> tuple[list[tuple[str, str]], int | None, list[Column]]:
    columns: list[tuple[str, str]] = []
    owners: dict[int, str] = {}
    windows: dict[int, str] = {}
    missing: list[Column] = []
    for column in spec.columns:
        found = _scan(normalized, column, click_days)
        if not found.hits:
            if column.needs_header:
                missing.append(column)
            continue
        index, days = _single(found, written, column)
        owner = owners.setdefault(index, column.name)
        if owner != column.name:
            raise InvalidInputError(
                field=f"headers[{index}]",
                value=written[index],
                expected=f"one column's header, not both {owner!r} and {column.name!r}",
            )
        if days is not None:
            windows.setdefault(days, written[index])
        columns.append((column.name, written[index]))
    if len(windows) > 1:
        raise InvalidInputError(
            "a report has one attribution window: pass click_days to pick one",
            field="headers",
            value=tuple(windows.values()),
            expected="headers with the same window",
        )
    return columns, next(iter(windows), None), missing


def _single(
    found: _Found, written: Sequence[str], column: Column
) -> tuple[int, int | None]:
    first, days = found.hits[0]
    for index, other_days in found.hits[1:]:
        if other_days != days:
            raise InvalidInputError(
                "a report has one attribution window: pass click_days to pick one",
                field="headers",
                value=(written[first], written[index]),
                expected=f"one window for {column.name!r}",
            )
        raise InvalidInputError(
            field=f"headers[{index}]",
            value=written[index],
            expected=f"one header for {column.name!r}, not also {written[first]!r}",
        )
    return first, days


def _missing(
    missing: Sequence[Column], written: Sequence[str], normalized: Sequence[str]
) -> InvalidInputError:
    column = missing[0]
    closest = _closest(column, written, normalized)
    names = ", ".join(repr(c.name) for c in missing)
    detail = (
        f"closest header found: {closest!r}"
        if closest is not None
        else "no header comes close"
    )
    return InvalidInputError(
        f"{detail}; missing: {names}",
        field="headers",
        value=closest,
        expected=f"a header for {column.name!r} such as {column.example!r}",
    )


def _closest(
    column: Column, written: Sequence[str], normalized: Sequence[str]
) -> str | None:
    wanted = [normalize_header(a.replace("{days}", "7")) for a in column.aliases]
    best: tuple[float, int] | None = None
    for index, header in enumerate(normalized):
        for alias in (*wanted, column.name):
            ratio = difflib.SequenceMatcher(None, alias, header).ratio()
            if ratio >= 0.6 and (best is None or ratio > best[0]):  # noqa: PLR2004
                best = (ratio, index)
    return None if best is None else written[best[1]]


def find_header(
    rows: Iterable[Sequence[object]], spec: ReportSpec, *, limit: int = 100
) -> int:
    """The index of the header row among raw rows that may start with a preamble.

    A Date Range report opens with lines such as ``"All amounts in USD,
    unless specified"`` before its header (reports-and-fees.md §1.5); the
    header is the first row that has every header the spec needs.

    Args:
        rows: Raw rows (``list(csv.reader(file))``); only the first
            ``limit`` are looked at.
        spec: The report's spec.
        limit: How many rows to look at.

    Raises:
        InvalidInputError: No row within ``limit`` is a header (the message
            names what the best row lacks).
        InvalidTypeError: A row is not a sequence.

    Examples:
        >>> from xborder.reports import AMAZON_DATE_RANGE
        >>> rows = [["Includes Amazon Marketplace, Fulfillment by Amazon (FBA)"],
        ...         ["All amounts in USD, unless specified"],
        ...         ["date/time", "settlement id", "type", "order id", "total"],
        ...         ["Sep 4, 2026 1:05:07 AM PDT", "1", "Order", "111", "9.99"]]
        >>> find_header(rows, AMAZON_DATE_RANGE)
        2
    """
    if not isinstance(spec, ReportSpec):
        raise InvalidTypeError(field="spec", value=spec, expected="a ReportSpec")
    try:
        positive_count(limit)
    except XborderError as error:
        raise error.in_field("limit") from None
    lines = iterator_of(rows, field="rows", expected="an iterable of rows")
    best: tuple[int, list[Column], object] | None = None
    for index, row in enumerate(lines):
        if index >= limit:
            break
        missing = _row_missing(row, spec, f"rows[{index}]")
        if missing is not None and not missing:
            return index
        if missing is not None and (best is None or len(missing) < len(best[1])):
            best = (index, missing, row)
    if best is None:
        raise InvalidInputError(
            field="rows",
            value=None,
            expected=f"a header row for {spec.name!r} within the first {limit} rows",
        )
    index, missing, closest = best
    example = missing[0].example
    raise InvalidInputError(
        f"the closest row, rows[{index}], lacks {', '.join(c.name for c in missing)}",
        field="rows",
        value=closest,
        expected=f"a header row within the first {limit} rows (with {example!r})",
    )


def _row_missing(row: object, spec: ReportSpec, where: str) -> list[Column] | None:
    """The columns a row lacks to be the header, or ``None`` if it cannot be one."""
    if isinstance(row, str) or not isinstance(row, Sequence):
        raise InvalidTypeError(field=where, value=row, expected="a sequence of cells")
    cells = [c if isinstance(c, str) else "" for c in row]
    normalized = [_normalized_cell(c) for c in cells]
    try:
        return _resolve(cells, normalized, spec, None)[2]
    except XborderError:
        return None  # a duplicate header or a mix of windows: not this row


def _normalized_cell(cell: str) -> str:
    try:
        return normalize_header(cell)
    except XborderError:
        return ""  # a long preamble line is no header


def record_headers(record: Mapping[object, object]) -> list[str]:
    """The str keys of a record, as its file's headers (``None`` keys dropped).

    ``csv.DictReader`` files a row's extra cells under the key ``None``.
    """
    return [key for key in record if isinstance(key, str)]
