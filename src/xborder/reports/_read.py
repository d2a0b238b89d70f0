"""Typed records out of an export's rows, lazily (private; see xborder.reports)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from itertools import chain, islice

from xborder._validate import (
    count,
    iterator_of,
    non_negative_count,
    positive_count,
    to_decimal,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi import MatchType
from xborder.reports._dates import parse_date
from xborder.reports._detect import Numbers, candidates_of, is_missing
from xborder.reports._grammar import CELL_LIMIT, STRIP_CHARS
from xborder.reports._headers import HeaderMatch, match_headers, record_headers
from xborder.reports._match import lookup, match_type_table
from xborder.reports._numbers import NumberFormat
from xborder.reports._spec import Column, ColumnKind, ReportSpec

__all__ = ["read_records"]

Plan = tuple[tuple[Column, str | None], ...]

Parser = Callable[[NumberFormat, str], Decimal | int]

_PARSERS: dict[ColumnKind, Parser] = {
    ColumnKind.COUNT: NumberFormat.parse_count,
    ColumnKind.AMOUNT: NumberFormat.parse_amount,
    ColumnKind.PERCENT: NumberFormat.parse_percent,
}
_WORDS = frozenset({ColumnKind.TEXT, ColumnKind.CODE, ColumnKind.MATCH_TYPE})
_MAX_INT_BITS = 3322  # about 10**1000: no export writes a longer number
_FLOAT_HINT = (
    "floats are binary approximations: read the column as text "
    "(dtype=str, infer_schema=False) or as Decimal"
)


def read_records(
    records: Iterable[Mapping[str, object]],
    spec: ReportSpec,
    *,
    number_format: NumberFormat | None = None,
    candidates: Iterable[NumberFormat] | None = None,
    headers: Iterable[str] | None = None,
    click_days: int | None = None,
    match_types: Mapping[str, MatchType | None] | None = None,
    sample: int = 1000,
    start: int = 0,
) -> Iterator[dict[str, object]]:
    r"""Typed dicts keyed by the spec's canonical names, one per record, lazily.

    ``records`` is any iterable of mappings: ``csv.DictReader`` rows,
    ``df.to_dicts()``, ``df.to_dict("records")``. The headers (the first
    record's keys unless given) are matched with :func:`match_headers`, and
    every column of the spec is in every dict (``None`` where an optional
    column is absent or empty). Cells are read by their column's kind:
    text stays text; counts, amounts and percents follow the file's
    :class:`NumberFormat`; dates become :class:`datetime.date`; match types
    :class:`xborder.kpi.MatchType` (see :func:`parse_match_type`). Typed
    cells (``int``, ``Decimal``, ``date``) pass through checked; ``float``
    and ``bool`` are refused.

    Without ``number_format``, the first ``sample`` records are read ahead
    and their numeric cells decide it (:func:`detect_number_format`, kinds
    included: a count ``1.234`` is only whole in de); a sample that leaves it
    open is refused, and a later cell that the remaining formats read
    differently is refused too, so no number is ever guessed.

    Args:
        records: The rows, as mappings from header to cell.
        spec: The report's spec.
        number_format: The file's number format, if known.
        candidates: The formats detection may pick (default en, de, fr, ch).
        headers: The header row, if the records' keys are not it.
        click_days: Pick one attribution window (see :func:`match_headers`).
        match_types: More match-type values (see :func:`parse_match_type`).
        sample: How many records detection reads ahead.
        start: The index of the first record in messages (``rows[start]``).

    Raises:
        InvalidInputError: A header is missing, or a cell is wrong: named as
            ``rows[i].column`` with the raw value and the header.
        InvalidTypeError: A record is not a mapping, or a cell has a type
            its column refuses.

    Examples:
        >>> import csv, io
        >>> from xborder.reports import AMAZON_BUSINESS_REPORT
        >>> export = io.StringIO(
        ...     "(Parent) ASIN,(Child) ASIN,Sessions - Total,Units Ordered,"
        ...     "Ordered Product Sales,Unit Session Percentage\n"
        ...     'B0PARENT01,B0CHILD001,"1,204",57,"$1,938.43",4.73%\n')
        >>> row = next(read_records(csv.DictReader(export), AMAZON_BUSINESS_REPORT))
        >>> row["sessions"], row["ordered_product_sales"], row["unit_session_percentage"]
        (1204, Decimal('1938.43'), Decimal('0.0473'))
    """  # noqa: E501 - a doctest line
    if not isinstance(spec, ReportSpec):
        raise InvalidTypeError(field="spec", value=spec, expected="a ReportSpec")
    if number_format is not None and not isinstance(number_format, NumberFormat):
        raise InvalidTypeError(
            field="number_format", value=number_format, expected="a NumberFormat"
        )
    formats = (
        (number_format,)
        if number_format is not None
        else candidates_of(candidates, "candidates")
    )
    table = match_type_table(match_types)
    ahead = _check_count(sample, "sample", 1)
    first = _check_count(start, "start", 0)
    rows = iterable(records, "records")
    plan = None
    if headers is not None:
        plan = _plan(match_headers(headers, spec, click_days=click_days), spec)
    reading = _Reading(spec, Numbers(formats), table, click_days)
    return reading.rows(rows, plan, ahead, first)


def iterable(values: object, field: str) -> Iterator[object]:
    """``iter(values)``, refusing a str (its letters are no rows) and non-iterables."""
    return iterator_of(values, field=field)  # type: ignore[arg-type]


def _check_count(value: int, field: str, low: int) -> int:
    checked = positive_count if low else non_negative_count
    try:
        return checked(value)
    except XborderError as error:
        raise error.in_field(field) from None


def _plan(match: HeaderMatch, spec: ReportSpec) -> Plan:
    found = dict(match.columns)
    return tuple((column, found.get(column.name)) for column in spec.columns)


class _Reading:
    """One pass over one file: its spec, formats and match-type values."""

    def __init__(
        self,
        spec: ReportSpec,
        numbers: Numbers,
        table: Mapping[str, MatchType | None],
        click_days: int | None,
    ) -> None:
        self.spec = spec
        self.names = spec.names
        self.numbers = numbers
        self.table = table
        self.click_days = click_days
        self.targeting: str | None = None

    def rows(
        self, records: Iterator[object], plan: Plan | None, sample: int, start: int
    ) -> Iterator[dict[str, object]]:
        open_formats = len(self.numbers.survivors) > 1
        # islice takes at most sys.maxsize; no iterable yields more records.
        ahead = min(sample, sys.maxsize) if open_formats else 1
        pending = list(islice(records, ahead))
        if not pending:
            return
        if plan is None:
            first = _mapping(pending[0], f"rows[{start}]")
            match = match_headers(
                record_headers(first), self.spec, click_days=self.click_days
            )
            plan = _plan(match, self.spec)
        self.targeting = {c.name: h for c, h in plan}.get("targeting")
        if open_formats:
            self._detect(pending, plan, start)
        for offset, record in enumerate(chain(pending, records)):
            yield self.row(record, plan, f"rows[{start + offset}]")

    def _detect(self, pending: list[object], plan: Plan, start: int) -> None:
        seen: list[tuple[str, str, Parser]] = []
        for offset, record in enumerate(pending):
            if not isinstance(record, Mapping):
                continue
            for column, header in plan:
                parse = _PARSERS.get(column.kind)
                cell = record.get(header) if header is not None else None
                if parse is None or not isinstance(cell, str) or is_missing(cell):
                    continue
                where = f"rows[{start + offset}].{column.name}"
                try:
                    self.numbers.narrow(cell, parse)
                except XborderError as error:
                    raise _located(error, where, header) from None
                seen.append((where, cell, parse))
        for where, cell, parse in seen:
            problem = self.numbers.disagreement(cell, parse)
            if problem is not None:
                raise problem.in_field(where)

    def row(self, record: object, plan: Plan, where: str) -> dict[str, object]:
        """One record as a typed dict; a bad cell names ``rows[i].column``."""
        mapping = _mapping(record, where)
        targeting = mapping.get(self.targeting) if self.targeting else None
        out = dict.fromkeys(self.names)  # absent optional columns stay None
        for column, header in plan:
            if header is None:
                continue
            raw = mapping.get(header)
            try:
                out[column.name] = self.cell(column, raw, targeting)
            except XborderError as error:
                raise _located(error, f"{where}.{column.name}", header) from None
        return out

    def cell(self, column: Column, raw: object, targeting: object) -> object:
        """One cell, read by its column's kind; ``None`` if optional and empty."""
        kind = column.kind
        if raw is not None and not isinstance(raw, str):
            return _typed(kind, raw)
        words = "" if raw is None else raw.strip(STRIP_CHARS)
        if not words or (kind not in _WORDS and is_missing(words)):
            if column.required:
                raise InvalidInputError(
                    field=None, value=raw, expected="a value: the column is required"
                )
            return None
        return self._words(kind, words, targeting)

    def _words(self, kind: ColumnKind, words: str, targeting: object) -> object:
        if kind is ColumnKind.TEXT:
            return words
        if kind is ColumnKind.CODE:
            return words[1:] if words.startswith("'") and len(words) > 1 else words
        if kind is ColumnKind.MATCH_TYPE:
            return lookup(words, targeting, self.table)
        if kind is ColumnKind.DATE:
            return parse_date(words)
        return self.numbers.read(words, _PARSERS[kind])


def _mapping(record: object, where: str) -> Mapping[object, object]:
    if not isinstance(record, Mapping):
        raise InvalidTypeError(
            field=where, value=record, expected="a mapping (a csv.DictReader row)"
        )
    return record


def _typed(kind: ColumnKind, raw: object) -> object:
    """A cell a typed frame already converted: checked, never re-parsed."""
    if isinstance(raw, bool):
        raise InvalidTypeError(field=None, value=raw, expected=f"a {kind.value} cell")
    if isinstance(raw, float):
        raise InvalidTypeError(_FLOAT_HINT, field=None, value=raw, expected="a str")
    if isinstance(raw, int) and raw.bit_length() > _MAX_INT_BITS:
        raise InvalidInputError(
            field=None, value=raw, expected=f"a number of at most {CELL_LIMIT} digits"
        )
    if kind is ColumnKind.CODE and isinstance(raw, int):
        return str(raw)
    if kind is ColumnKind.COUNT and isinstance(raw, int | Decimal):
        return _whole(raw)
    if kind in {ColumnKind.AMOUNT, ColumnKind.PERCENT} and isinstance(
        raw, int | Decimal
    ):
        return to_decimal(raw)
    if kind is ColumnKind.DATE and isinstance(raw, dt.date):
        return raw.date() if isinstance(raw, dt.datetime) else raw
    if kind is ColumnKind.MATCH_TYPE and isinstance(raw, MatchType):
        return raw
    raise InvalidTypeError(field=None, value=raw, expected=f"a str ({kind.value})")


def _whole(raw: int | Decimal) -> int:
    if isinstance(raw, int):
        return count(raw)  # below 1E+36 in size, as every count xborder takes
    number = to_decimal(raw)
    if number != number.to_integral_value():
        raise InvalidInputError(field=None, value=raw, expected="a whole number")
    return int(number)


def _located(error: XborderError, field: str, header: str | None) -> XborderError:
    column = f"header {header!r}" if header is not None else "no header"
    detail = f"{column}; {error.detail}" if error.detail else column
    return type(error)(detail, field=field, value=error.value, expected=error.expected)
