"""Real report tables in, typed columns out, cell for cell as read_records reads.

(Private; see :func:`xborder.frames.read_report`.) Headers are matched by
:func:`xborder.reports.match_headers` itself. Every cell is read by its
column's kind with the grammar of :mod:`xborder.reports.rules` compiled to
polars expressions: text stripped, numbers by the file's
:class:`~xborder.reports.NumberFormat`, dates by the date patterns. Match
types are few distinct values, so each distinct (cell, targeting) pair is
read by :func:`xborder.reports.parse_match_type` itself. A cell that does
not read becomes a row of the errors frame, named ``rows[i].column`` as
:func:`~xborder.reports.read_records` names it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import polars as pl

from xborder._validate import items_of
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._columns import _retyped
from xborder.frames._errors import SCHEMA, check_mode, raise_first
from xborder.frames._native import is_table, native
from xborder.frames._report_dates import parse_dates
from xborder.frames._report_numbers import (
    AMBIGUOUS,
    BAD,
    UNCLEAR,
    Parsed,
    decide,
    narrowed,
    parse,
)
from xborder.frames._search_terms import MATCH_TYPES
from xborder.frames._text import PY_SPACE
from xborder.kpi import MatchType
from xborder.money import Currency
from xborder.reports import (
    ColumnKind,
    HeaderMatch,
    NumberFormat,
    ReportSpec,
    match_headers,
    parse_match_type,
)
from xborder.reports.rules import (
    MISSING,
    NUMBER_RULES,
    PRESETS,
    REQUIRED,
    STRIP_CHARS,
    NumberRule,
    literal,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from xborder.reports import Column

__all__ = ["ReportTable", "read_report"]

_NUMBERS = (ColumnKind.COUNT, ColumnKind.AMOUNT, ColumnKind.PERCENT)
_WORDS = (ColumnKind.TEXT, ColumnKind.CODE, ColumnKind.MATCH_TYPE)
_TEXTUAL = (pl.String, pl.Null, pl.Categorical, pl.Enum)
_LARGEST = 10**36
_LETTERS = sorted({c for marker in MISSING for c in (*marker, *marker.upper())})
_MARKER_LETTERS = rf"^[\s\x1C-\x1F{''.join(literal(c) for c in _LETTERS)}]*$"
_WIDEST = 10**38
_INT64 = 2**63
_FLOAT_HINT = (
    "floats are binary approximations: read the column as text "
    "(infer_schema=False, dtype=str) or as Decimal"
)


def _header_match(value: HeaderMatch) -> HeaderMatch:
    if not isinstance(value, HeaderMatch):
        raise InvalidTypeError(field="headers", value=value, expected="a HeaderMatch")
    return value


def _optional_format(value: NumberFormat | None) -> NumberFormat | None:
    if value is not None and not isinstance(value, NumberFormat):
        raise InvalidTypeError(
            field="number_format", value=value, expected="a NumberFormat or None"
        )
    return value


@attrs.frozen
class ReportTable:
    """A report read into typed columns, and the cells that could not be read.

    Attributes:
        table: One column per column of the spec, named by its canonical
            name, in the spec's order, in the caller's frame library.
        errors: One row per cell that does not read: ``row``, ``field`` (the
            canonical name), ``value`` (the cell as written) and ``message``.
        headers: Which header is which column, and the file's attribution
            window (:attr:`~xborder.reports.HeaderMatch.attribution`).
        number_format: The format the file's numbers were read with, or
            ``None`` if no number cell was text.
    """

    table: Any = attrs.field(validator=is_table)
    errors: Any = attrs.field(validator=is_table)
    headers: HeaderMatch = attrs.field(converter=_header_match)
    number_format: NumberFormat | None = attrs.field(converter=_optional_format)


def read_report(
    frame: object,
    spec: ReportSpec,
    *,
    number_format: NumberFormat | None = None,
    candidates: Iterable[NumberFormat] | None = None,
    click_days: int | None = None,
    match_types: Mapping[str, MatchType | None] | None = None,
    sample: int = 1000,
    currency: Currency | str | None = None,
    errors: str = "report",
) -> ReportTable:
    r"""Read an export's table into typed columns: :func:`xborder.reports.read_records` for tables.

    ``frame`` is the export as the caller read it, best as text
    (``pl.read_csv(path, infer_schema=False)``,
    ``pd.read_csv(path, dtype=str)``); typed columns (integers, Decimals,
    dates) pass through checked; float columns are refused by name. Headers
    are matched to ``spec`` by :func:`xborder.reports.match_headers` (its
    rules: normalised headers, aliases, one attribution window). Each cell
    is then read by its column's kind, with the grammar of
    :mod:`xborder.reports.rules` compiled to polars string expressions:
    the same :class:`~xborder.reports.NumberFormat` data, the same date
    patterns, so every cell reads as ``read_records`` reads it. Match
    types, a handful of distinct values, are read by
    :func:`~xborder.reports.parse_match_type` itself, once per distinct
    (cell, targeting) pair.

    Without ``number_format``, the file's format is decided as
    ``read_records`` decides it: the first ``sample`` rows' number cells
    narrow the candidates (en, de, fr, ch unless given), later cells narrow
    them further in reading order, and a cell the survivors read as different
    numbers is refused; a sample that leaves it open raises.

    A cell that does not read becomes a row of :attr:`ReportTable.errors`
    (``field`` is the canonical name: ``rows[i].column`` in the scalar's
    words) and a null in the table, never a dropped row;
    ``errors="raise"`` raises the first, in reading order.

    Output: one column per column of ``spec``, in its order, named by the
    canonical names (an absent optional column is all nulls):

    | kind | type | value |
    | --- | --- | --- |
    | text | String | the cell, ends stripped; empty is null |
    | code | String | the same, without Excel's leading ``'`` |
    | count | Int64 | the whole number |
    | amount | Decimal(38, s) | exact, s = the finest cell's decimals (at least the currency's) |
    | percent | Decimal(38, s) | the fraction (``12.5%`` is 0.125), exact |
    | date | Date | the calendar day as written |
    | match_type | Enum of :class:`~xborder.kpi.MatchType` values | the match type |

    Where the table cannot hold what ``read_records`` returns, the cell is
    reported instead: a number of more than 38 digits at its column's
    scale, a count past 2**63.

    Args:
        frame: The export: polars (eager or lazy), pandas or pyarrow.
        spec: The report's spec (:data:`xborder.reports.AMAZON_SEARCH_TERMS`...).
        number_format: The file's number format, if known.
        candidates: The formats detection may pick.
        click_days: Pick one attribution window (see ``match_headers``).
        match_types: More match-type values (see ``parse_match_type``).
        sample: How many rows decide the number format.
        currency: Read amounts at least at this currency's scale.
        errors: ``"report"`` bad cells, or ``"raise"`` the first.

    Returns:
        The typed table, the errors, the header match and the number format.

    Raises:
        InvalidInputError: A required header is missing (or headers clash),
            the sample leaves the number format open, an argument is wrong,
            or (``errors="raise"``) a cell is wrong.
        InvalidTypeError: A column has a type its kind cannot read (a float
            amount, an integer date), or an argument has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder.reports import AMAZON_SEARCH_TERMS
        >>> export = pl.DataFrame({
        ...     "Campaign Name": ["PH Auto"], "Targeting": ["close-match"],
        ...     "Match Type": ["-"], "Customer Search Term": ["car phone holder"],
        ...     "Impressions": ["5,200"], "Clicks": ["61"], "Spend": ["$42.70"],
        ...     "7 Day Total Sales ": ["$174.93"], "7 Day Total Orders (#)": ["7"]})
        >>> report = read_report(export, AMAZON_SEARCH_TERMS, currency="USD")
        >>> report.table.select("match_type", "impressions", "spend").row(0)
        ('auto', 5200, Decimal('42.70'))
        >>> report.number_format.name, str(report.headers.attribution)
        ('en', '7-day click')
    """  # noqa: E501 - a table row
    mode = check_mode(errors)
    _check_spec(spec)
    formats = _formats(number_format, candidates)
    _check_sample(sample)
    exponent = _exponent(currency)
    _check_match_types(match_types)
    given = native(frame)
    table = given.frame
    headers = match_headers(table.columns, spec, click_days=click_days)
    found = dict(headers.columns)
    reading = _Reading(table, spec, found, formats, sample, exponent, match_types)
    out, problems, used = reading.run()
    errors_table = _errors(problems, spec)
    if mode == "raise":
        raise_first(errors_table)
    return ReportTable(
        table=_back(given, out),
        errors=_back(given, errors_table),
        headers=headers,
        number_format=used,
    )


# -- arguments ------------------------------------------------------------------------


def _check_spec(spec: object) -> None:
    if not isinstance(spec, ReportSpec):
        raise InvalidTypeError(field="spec", value=spec, expected="a ReportSpec")


def _formats(
    number_format: object, candidates: Iterable[NumberFormat] | None
) -> tuple[NumberFormat, ...]:
    if number_format is not None:
        if not isinstance(number_format, NumberFormat):
            raise InvalidTypeError(
                field="number_format", value=number_format, expected="a NumberFormat"
            )
        return (number_format,)
    if candidates is None:
        return PRESETS
    if isinstance(candidates, NumberFormat):
        raise InvalidTypeError(
            field="candidates", value=candidates, expected="NumberFormats"
        )
    items = items_of(candidates, field="candidates", expected="NumberFormats")
    for index, item in enumerate(items):
        if not isinstance(item, NumberFormat):
            raise InvalidTypeError(
                field=f"candidates[{index}]", value=item, expected="a NumberFormat"
            )
    if not items:
        raise InvalidInputError(
            field="candidates", value=items, expected="one format or more"
        )
    return items


def _check_sample(sample: object) -> None:
    if isinstance(sample, bool) or not isinstance(sample, int) or sample < 1:
        raise InvalidInputError(field="sample", value=sample, expected="an int >= 1")


def _exponent(currency: object) -> int:
    if currency is None:
        return 0
    if isinstance(currency, Currency):
        return currency.exponent
    try:
        return Currency(currency).exponent  # type: ignore[arg-type]
    except XborderError as error:
        raise type(error)(
            error.detail, field="currency", value=currency, expected=error.expected
        ) from None


def _check_match_types(match_types: object) -> None:
    if match_types is None:
        return
    try:
        parse_match_type("auto", aliases=match_types)  # type: ignore[arg-type]
    except XborderError as error:
        if error.field is None or not str(error.field).startswith("match_types"):
            raise error.in_field("match_types") from None
        raise


def _back(given: Any, frame: pl.DataFrame) -> Any:  # noqa: ANN401 - any library
    from xborder.frames._native import new_table  # noqa: PLC0415

    return new_table(given, frame)


# -- reading ---------------------------------------------------------------------------


@attrs.define
class _Problems:
    """The bad cells of one column: rows, the cells as written, messages."""

    column: str
    rows: pl.Series
    values: pl.Series
    messages: pl.Series


class _Reading:
    """One pass over one table: its spec, headers, formats and options."""

    def __init__(  # noqa: PLR0917 - one reading's state
        self,
        table: pl.DataFrame,
        spec: ReportSpec,
        found: dict[str, str],
        formats: tuple[NumberFormat, ...],
        sample: int,
        exponent: int,
        match_types: Mapping[str, MatchType | None] | None,
    ) -> None:
        self.table = table
        self.spec = spec
        self.found = found
        self.formats = formats
        self.sample = sample
        self.exponent = exponent
        self.match_types = match_types
        self.height = table.height
        self.problems: list[_Problems] = []
        self.used: NumberFormat | None = None

    def run(self) -> tuple[pl.DataFrame, list[_Problems], NumberFormat | None]:
        """The typed columns in spec order, the bad cells, the format used.

        Number columns are read together (their cells decide the format, in
        reading order); every other column on its own, so that only one
        column's working copies are alive at a time. An absent column is a
        null constant, not a column of nulls.
        """
        numeric = {
            column.name: self._words(column)
            for column in self.spec.columns
            if self._is_text(column) and column.kind in _NUMBERS
        }
        read = self._numbers(numeric)
        del numeric
        for column in self.spec.columns:
            if column.name in read or self.found.get(column.name) is None:
                continue
            if self._is_text(column):
                read[column.name] = self._text_kind(column, self._words(column))
            else:
                read[column.name] = self._typed(column)
        table = pl.DataFrame(list(read.values())) if read else pl.DataFrame()
        if not read:
            table = pl.select(pl.repeat(None, self.height).alias("__xb_rows"))
        table = table.with_columns(
            _null(column, self.exponent)
            for column in self.spec.columns
            if column.name not in read
        )
        return table.select(self.spec.names), self.problems, self.used

    # -- text cells --

    def _is_text(self, column: Column) -> bool:
        header = self.found.get(column.name)
        if header is None:
            return False
        dtype = self.table.schema[header]
        return isinstance(dtype, _TEXTUAL)

    def _raw(self, column: Column) -> pl.Series:
        return self.table.get_column(self.found[column.name])

    def _words(self, column: Column) -> pl.Series:
        """The cells stripped; null where there is no value (missing, empty).

        A required column's missing cells are problems.
        """
        raw = self._raw(column).cast(pl.String)
        words = raw.str.strip_chars(STRIP_CHARS)
        empty = words.is_null() | (words == "")
        if column.kind not in _WORDS:
            empty = empty | _missing(words)
        if not empty.any():
            return words.alias(column.name)
        if column.required:
            self._report(column, empty, raw, pl.lit(REQUIRED))
        return pl.select(pl.when(~empty).then(words)).to_series().alias(column.name)

    def _report(
        self,
        column: Column,
        bad: pl.Series | pl.Expr,
        raw: pl.Series,
        message: pl.Series | pl.Expr,
    ) -> None:
        if isinstance(bad, pl.Series) and not bad.any():
            return
        frame = pl.DataFrame({"v": raw.cast(pl.String)}).with_row_index("row")
        found = frame.select(
            "row", "v", _expr(bad).alias("bad"), _expr(message).alias("m")
        ).filter(pl.col("bad").fill_null(value=False))
        if found.is_empty():
            return
        self.problems.append(
            _Problems(
                column.name,
                found.get_column("row"),
                found.get_column("v"),
                found.get_column("m").cast(pl.String),
            )
        )

    def _text_kind(self, column: Column, words: pl.Series) -> pl.Series:
        if column.kind is ColumnKind.TEXT:
            return words
        if column.kind is ColumnKind.CODE:
            guarded = words.str.starts_with("'") & (words.str.len_chars() > 1)
            return (
                pl.select(pl.when(guarded).then(words.str.slice(1)).otherwise(words))
                .to_series()
                .alias(column.name)
            )
        if column.kind is ColumnKind.MATCH_TYPE:
            return self._match_types(column, words)
        return self._dates(column, words)

    def _dates(self, column: Column, words: pl.Series) -> pl.Series:
        """Each distinct cell read once (a report repeats its days)."""
        distinct = words.drop_nulls().unique()
        read = parse_dates(distinct)
        table = pl.DataFrame({"w": distinct, "day": read.day, "message": read.message})
        found = pl.DataFrame({"w": words}).join(
            table, on="w", how="left", maintain_order="left"
        )
        dates = type(read)(found.get_column("day"), found.get_column("message"))
        self._report(
            column, dates.message.is_not_null(), self._raw(column), dates.message
        )
        return dates.day.alias(column.name)

    def _match_types(self, column: Column, words: pl.Series) -> pl.Series:
        """Each distinct cell read by parse_match_type; ``-`` by its targeting.

        A cell whose reading does not depend on the targeting (``BROAD``) is
        read once; one that does (``-``) once per distinct targeting.
        """
        targeting = self._targeting()
        read: dict[str, str] = {}
        failed: dict[str, str] = {}
        dependent = []
        for cell in words.drop_nulls().unique().to_list():
            outcome = self._match_type(cell, None)
            if outcome != self._match_type(cell, 'asin="B0"'):
                dependent.append(cell)
            elif isinstance(outcome, MatchType):
                read[cell] = outcome.value
            else:
                failed[cell] = outcome
        kinds = words.replace_strict(read, default=None, return_dtype=pl.String)
        for cell in dependent:
            rows = words == cell
            targets = targeting.filter(rows).drop_nulls().unique().to_list()
            each = {target: self._kind_of(cell, target) for target in targets}
            chosen = targeting.replace_strict(
                each, default=None, return_dtype=pl.String
            ).fill_null(self._kind_of(cell, None))
            kinds = pl.select(pl.when(rows).then(chosen).otherwise(kinds)).to_series()
        if failed:
            messages = words.replace_strict(
                failed, default=None, return_dtype=pl.String
            )
            self._report(column, messages.is_not_null(), self._raw(column), messages)
        return kinds.cast(MATCH_TYPES).alias(column.name)

    def _kind_of(self, cell: str, targeting: str | None) -> str:
        """The match type of a cell that reads (it depends on the targeting)."""
        outcome = self._match_type(cell, targeting)
        assert isinstance(outcome, MatchType)  # noqa: S101 - read for None already
        return outcome.value

    def _targeting(self) -> pl.Series:
        header = self.found.get("targeting")
        if header is None or not isinstance(self.table.schema[header], _TEXTUAL):
            return pl.Series("t", [None] * self.height, dtype=pl.String)
        return self.table.get_column(header).cast(pl.String)

    def _match_type(self, cell: str, targeting: str | None) -> MatchType | str:
        try:
            return parse_match_type(cell, targeting=targeting, aliases=self.match_types)
        except XborderError as error:
            return str(error.expected)

    # -- numbers --

    def _numbers(self, words: dict[str, pl.Series]) -> dict[str, pl.Series]:
        """Every number column read as text, under the file's number format.

        The candidates read the sample; the formats it leaves read every
        cell; the detection then runs over their bit masks, in reading order.
        """
        columns = [
            column
            for column in self.spec.columns
            if column.kind in _NUMBERS and column.name in words
        ]
        if not columns:
            return {}
        rules = [NUMBER_RULES[column.kind.value] for column in columns]
        texts = [words[column.name] for column in columns]
        width = len(columns)
        present = np.column_stack([text.is_not_null().to_numpy() for text in texts])
        decimals = [f.decimal for f in self.formats]
        alive, sample_masks = self._sample(texts, rules, present)
        if alive & (alive - 1) == 0:  # one format reads the file
            return self._one_format(columns, texts, rules, alive.bit_length() - 1)
        parsed = {
            index: [
                parse(text, self.formats[index], rule)
                for text, rule in zip(texts, rules, strict=True)
            ]
            for index in range(len(self.formats))
            if alive >> index & 1
        }
        masks = np.zeros(present.shape, dtype=np.int64)
        for index, reads in parsed.items():
            bits = np.column_stack([p.ok.to_numpy() for p in reads]).astype(np.int64)
            masks |= bits << index
        masks[: sample_masks.shape[0]] |= sample_masks

        def value(index: int, at: int, row: int) -> Decimal | None:
            read = parsed[index][at]
            digits = read.digits[row]
            if digits is None:
                return None
            return Decimal(int(digits)).scaleb(-int(read.scale[row]))

        def agree(survivors: int, index: int) -> bool:
            row, at = divmod(index, width)
            seen = {
                value(i, at, row)
                for i in range(len(self.formats))
                if survivors >> i & 1
            }
            return len(seen) <= 1

        def cell(index: int) -> tuple[str, str]:
            row, at = divmod(index, width)
            return f"rows[{row}].{columns[at].name}", str(texts[at][row])

        decision = decide(
            masks,
            present,
            decimals=decimals,
            sample=self.sample,
            agree=agree,
            cells=cell,
        )
        self.used = self.formats[decision.survivor]
        reader = decision.reader.reshape(-1, width)
        return {
            column.name: self._column(
                column, parsed, texts[at], rules[at], reader[:, at], present[:, at], at
            )
            for at, column in enumerate(columns)
        }

    def _one_format(
        self,
        columns: list[Column],
        texts: list[pl.Series],
        rules: list[NumberRule],
        index: int,
    ) -> dict[str, pl.Series]:
        """Every cell read by the one format left: it reads a cell, or none does."""
        self.used = self.formats[index]
        found = {}
        for column, text, rule in zip(columns, texts, rules, strict=True):
            read = parse(text, self.used, rule)
            bad = text.is_not_null() & ~read.ok
            self._report(column, bad, self._raw(column), read.message)
            found[column.name] = self._scaled(column, read.digits, read.scale)
        return found

    def _sample_masks(
        self, texts: list[pl.Series], rules: list[NumberRule], head: int
    ) -> np.ndarray:
        """Every candidate's bit on the sample rows."""
        masks = np.zeros((head, len(texts)), dtype=np.int64)
        for index, number_format in enumerate(self.formats):
            reads = [
                parse(text.head(head), number_format, rule).ok.to_numpy()
                for text, rule in zip(texts, rules, strict=True)
            ]
            masks |= np.column_stack(reads).astype(np.int64) << index
        return masks

    def _sample(
        self,
        texts: list[pl.Series],
        rules: list[NumberRule],
        present: np.ndarray,
    ) -> tuple[int, np.ndarray]:
        """The candidates (a bit mask) the sample leaves, and its cells' masks.

        As read_records narrows them: each sample cell, in reading order,
        keeps the candidates that read it (a cell none reads is a bad cell).
        """
        head = min(self.sample, self.height)
        if len(self.formats) == 1:
            return 1, np.zeros((head, len(texts)), dtype=np.int64)
        masks = self._sample_masks(texts, rules, head)
        everyone = (1 << len(self.formats)) - 1
        if len(self.formats) == 1:
            return everyone, masks
        alive = narrowed(masks.ravel(), present[:head].ravel(), everyone)
        return alive, masks

    def _column(  # noqa: PLR0917 - one column of the decision
        self,
        column: Column,
        parsed: dict[int, list[Parsed]],
        words: pl.Series,
        rule: NumberRule,
        reader: np.ndarray,
        present: np.ndarray,
        at: int,
    ) -> pl.Series:
        """One number column: each cell from the format that reads it."""
        if len(parsed) == 1:  # one format read the file: its cells, as read
            [read] = [reads[at] for reads in parsed.values()]
            digits, scale = read.digits, read.scale
            if (reader == UNCLEAR).any():  # never with one format; kept exact
                digits = pl.select(
                    pl.when(pl.Series(reader >= 0)).then(digits)
                ).to_series()
        else:
            digits, scale = self._chosen(parsed, reader, at, len(words))
        # A bad cell is told what the surviving format expected.
        survivor = self.formats.index(self.used) if self.used in self.formats else 0
        told = parsed[survivor][at].message if survivor in parsed else None
        if told is None:
            told = parse(words, self.formats[survivor], rule).message
        bad = pl.Series(present & (reader == BAD))
        unclear = pl.Series(present & (reader == UNCLEAR))
        if bad.any() or unclear.any():
            why = pl.select(
                pl.when(unclear).then(pl.lit(AMBIGUOUS)).otherwise(told)
            ).to_series()
            self._report(column, bad | unclear, self._raw(column), why)
        return self._scaled(column, digits, scale)

    @staticmethod
    def _chosen(
        parsed: dict[int, list[Parsed]], reader: np.ndarray, at: int, height: int
    ) -> tuple[pl.Series, pl.Series]:
        """Each cell's digits and scale from the format the decision picked."""
        digits = pl.Series([None] * height, dtype=pl.Int128)
        scale = pl.Series([0] * height, dtype=pl.Int32)
        for index, reads in parsed.items():
            where = pl.Series(reader == index)
            read = reads[at]
            digits = pl.select(
                pl.when(where).then(read.digits).otherwise(digits)
            ).to_series()
            scale = pl.select(
                pl.when(where).then(read.scale).otherwise(scale)
            ).to_series()
        return digits, scale

    def _scaled(self, column: Column, digits: pl.Series, scale: pl.Series) -> pl.Series:
        """Cells as integers at their own scales → one typed column."""
        if column.kind is ColumnKind.COUNT:
            fits = digits.abs() < _INT64
            self._report(
                column,
                digits.is_not_null() & ~fits,
                self._raw(column),
                pl.lit("a whole number below 2**63"),
            )
            return (
                pl.select(pl.when(fits).then(digits).cast(pl.Int64))
                .to_series()
                .alias(column.name)
            )
        given = scale.filter(digits.is_not_null())
        found = given.max()
        least = self.exponent if column.kind is ColumnKind.AMOUNT else 0
        target = max(int(found or 0), least)  # type: ignore[arg-type]
        if given.is_empty() or given.min() == target:  # every cell at the scale
            exact = digits.cast(pl.Decimal(38, 0))
            return _retyped(exact, 38, target).alias(column.name)
        shift = (pl.lit(target, pl.Int32) - pl.col("s")).alias("shift")
        frame = pl.DataFrame({"d": digits, "s": scale}).with_columns(shift)
        factors = {k: 10**k for k in range(target + 1)}
        limits = {k: 10 ** (38 - k) for k in range(target + 1)}
        frame = frame.with_columns(
            f=pl.col("shift").replace_strict(
                factors, default=None, return_dtype=pl.Int128
            ),
            lim=pl.col("shift").replace_strict(
                limits, default=None, return_dtype=pl.Int128
            ),
        )
        within = pl.col("d").abs() < pl.col("lim")
        result = frame.select(
            value=pl.when(within).then(pl.col("d") * pl.col("f")),
            wide=pl.col("d").is_not_null() & ~within,
        )
        self._report(
            column,
            result.get_column("wide"),
            self._raw(column),
            pl.lit(f"a number of at most 38 digits at {target} decimals"),
        )
        exact = result.get_column("value").cast(pl.Decimal(38, 0))
        return _retyped(exact, 38, target).alias(column.name)

    # -- typed cells --

    def _typed(self, column: Column) -> pl.Series:
        """A column a typed frame already converted: checked, never re-parsed."""
        raw = self._raw(column)
        dtype = raw.dtype
        kind = column.kind
        if dtype.is_float():
            raise InvalidTypeError(
                _FLOAT_HINT, field=column.name, value=str(dtype), expected="a str"
            )
        if column.required:
            self._report(column, raw.is_null(), raw, pl.lit(REQUIRED))
        if kind is ColumnKind.CODE and dtype.is_integer():
            return raw.cast(pl.String).alias(column.name)
        if kind is ColumnKind.DATE and dtype in (pl.Date, pl.Datetime):
            return (raw.dt.date() if dtype == pl.Datetime else raw).alias(column.name)
        if kind in _NUMBERS and (dtype.is_integer() or isinstance(dtype, pl.Decimal)):
            return self._typed_number(column, raw)
        raise InvalidTypeError(
            field=column.name,
            value=str(dtype),
            expected=f"a text column ({kind.value}), or a typed one its kind reads",
        )

    def _typed_number(self, column: Column, raw: pl.Series) -> pl.Series:
        """Integer or Decimal cells: within xborder's range, whole for counts."""
        if raw.dtype.is_integer():
            scale = 0
            digits = raw.cast(pl.Int128)
        else:
            scale = raw.dtype.scale or 0  # type: ignore[attr-defined]
            digits = _retyped(raw, 38, 0).cast(pl.Int128)
        value = pl.col("d")
        limit = _LARGEST * 10**scale
        # A Decimal(38, s > 2) column holds nothing that large.
        large = value.abs() >= pl.lit(limit, pl.Int128) if limit < _WIDEST else None
        step = pl.lit(10**scale, pl.Int128)
        checked = pl.DataFrame({"d": digits}).select(
            large=pl.lit(value=False) if large is None else large,
            whole=value - (value // step) * step == 0,
            units=value // step,
        )
        large_cells = checked.get_column("large")
        self._report(
            column,
            large_cells,
            raw,
            pl.lit("a number smaller than 1E+36 with no digit below 1E-100"),
        )
        digits = pl.select(pl.when(~large_cells).then(digits)).to_series()
        if column.kind is not ColumnKind.COUNT:
            scales = pl.Series([scale] * len(digits), dtype=pl.Int32)
            return self._scaled(column, digits, scales)
        whole = checked.get_column("whole") & ~large_cells
        fraction = ~whole & digits.is_not_null()
        self._report(column, fraction, raw, pl.lit("a whole number"))
        units = pl.select(pl.when(whole).then(checked.get_column("units"))).to_series()
        zero = pl.Series([0] * len(units), dtype=pl.Int32)
        return self._scaled(column, units, zero)


def _missing(words: pl.Series) -> pl.Series:
    """Cells that are a missing marker once stripped and case-folded.

    Only cells made of the markers' letters and whitespace can be one; the
    exact check runs on those few.
    """
    maybe = words.str.contains(_MARKER_LETTERS).fill_null(value=False)
    if not maybe.any():
        return maybe
    marker = words.str.strip_chars(PY_SPACE).str.to_lowercase()
    return maybe & marker.is_in(sorted(MISSING)).fill_null(value=False)


def _expr(value: pl.Series | pl.Expr) -> pl.Expr:
    return pl.lit(value) if isinstance(value, pl.Series) else value


def _null(column: Column, exponent: int) -> pl.Expr:
    """An absent optional column: every cell ``None``, typed by its kind."""
    dtypes: dict[ColumnKind, pl.DataType] = {
        ColumnKind.TEXT: pl.String(),
        ColumnKind.CODE: pl.String(),
        ColumnKind.COUNT: pl.Int64(),
        ColumnKind.AMOUNT: pl.Decimal(38, exponent),
        ColumnKind.PERCENT: pl.Decimal(38, 0),
        ColumnKind.DATE: pl.Date(),
        ColumnKind.MATCH_TYPE: MATCH_TYPES,
    }
    return pl.lit(None, dtype=dtypes[column.kind]).alias(column.name)


def _errors(problems: list[_Problems], spec: ReportSpec) -> pl.DataFrame:
    """The bad cells in reading order: row by row, columns in the spec's order."""
    if not problems:
        return pl.DataFrame(schema=SCHEMA)
    order = {name: index for index, name in enumerate(spec.names)}
    parts = [
        pl.DataFrame(
            {
                "row": problem.rows.cast(pl.Int64),
                "field": pl.Series(
                    [problem.column] * len(problem.rows), dtype=pl.String
                ),
                "value": problem.values,
                "message": problem.messages,
                "__at": pl.Series(
                    [order[problem.column]] * len(problem.rows), dtype=pl.Int64
                ),
            }
        )
        for problem in problems
    ]
    found = pl.concat(parts).sort("row", "__at", maintain_order=True)
    found = found.unique(["row", "field"], keep="first", maintain_order=True)
    return found.select(
        "row",
        "field",
        "value",
        message=pl.concat_str(
            pl.col("field"),
            pl.lit(": expected "),
            pl.col("message"),
            pl.lit(", got "),
            pl.col("value").fill_null("nothing"),
        ),
    )
