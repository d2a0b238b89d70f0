"""xborder.frames.read_report reads every cell as xborder.reports.read_records does.

Specs, number formats and cells are drawn (numbers written by the format
itself in every negative form, with and without grouping and currency marks,
junk, missing markers, dates in every written form and some that are not),
put in a table of text, and read both ways: each cell equals the scalar's
value, and each row the scalar refuses has its first bad cell, under the
same column, first in the errors frame.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder import frames
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi import MatchType
from xborder.reports import (
    AMAZON_BUSINESS_REPORT,
    AMAZON_SEARCH_TERMS,
    DE_NUMBERS,
    EN_NUMBERS,
    FR_NUMBERS,
    WINDOW,
    Column,
    ColumnKind,
    NumberFormat,
    ReportSpec,
    parse_date,
    read_records,
)
from xborder.testing import strategies as xst

if TYPE_CHECKING:
    from collections.abc import Callable

AMOUNTS = st.decimals(
    min_value=-(10**12), max_value=10**12, places=4, allow_nan=False,
    allow_infinity=False,
) | st.integers(-(10**9), 10**9).map(Decimal)  # fmt: skip
JUNK = st.sampled_from(["abc", "1.2.3", "12,34", "--5", "(5", "5%%", "€", "+(1)"])
MISSING = st.sampled_from(["", "-", "--", "N/A", " n/a ", None, "\u00a0"])
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
WRITTEN_DATES: list[Callable[[dt.date], str]] = [
    lambda d: d.isoformat(),
    lambda d: f"{d.isoformat()} 08:52:26 UTC",
    lambda d: f"{d.day:02}.{d.month:02}.{d.year}",
    lambda d: f"{d:%b} {d.day}, {d.year} 1:05:07 AM PDT",
    lambda d: f"{d.day} {d:%B} {d.year} 01:05:07 GMT+00:00",
    lambda d: f"{d.isoformat()} 25:00",
    lambda d: f"{d.month:02}/{d.day:02}/{d.year}",
]
ODD_DATES = st.sampled_from(
    ["2026-02-30", "0000-01-01", "Sept 4, 2026", "Foo 4, 2026", "2026-04-27T10:00Z"]
)
MATCH_CELLS = st.sampled_from(
    ["BROAD", "exact", "-", "TARGETING_EXPRESSION", "Exakt", " Phrase ", "fuzzy"]
)
TEXTS = st.text(alphabet=st.sampled_from("ab 'é\u00a0\t"), max_size=6).map(
    lambda text: f"{text}x"
)


def _number(
    kind: ColumnKind, number_format: NumberFormat, *, clean: bool
) -> st.SearchStrategy[str | None]:
    forms = ["minus"]
    forms += ["parentheses"] if number_format.parentheses else []
    forms += ["trailing"] if number_format.trailing_minus else []
    marks = [None, *number_format.currencies[:3]]

    def write(value: Decimal, form: Any, mark: str | None, group: object) -> str:
        if kind is ColumnKind.COUNT:
            return number_format.format(int(value), grouping=bool(group), negative=form)
        if kind is ColumnKind.PERCENT:
            return number_format.format(
                value, percent=True, grouping=bool(group), negative=form
            )
        return number_format.format(
            value, currency=mark, grouping=bool(group), negative=form
        )

    written = st.builds(
        write, AMOUNTS, st.sampled_from(forms), st.sampled_from(marks), st.booleans()
    )
    return written if clean else _mostly(written, JUNK | MISSING)


def _mostly(good: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> Any:
    """``good`` six times in seven, so that many rows read whole."""
    return st.integers(0, 6).flatmap(lambda i: good if i else odd)


def _cell(
    kind: ColumnKind, number_format: NumberFormat, *, clean: bool
) -> st.SearchStrategy[Any]:
    if kind in {ColumnKind.COUNT, ColumnKind.AMOUNT, ColumnKind.PERCENT}:
        return _number(kind, number_format, clean=clean)
    if kind is ColumnKind.DATE:
        dates = st.builds(lambda d, w: w(d), DAYS, st.sampled_from(WRITTEN_DATES[:5]))
        return dates if clean else _mostly(dates, ODD_DATES | MISSING)
    if kind is ColumnKind.MATCH_TYPE:
        return MATCH_CELLS.filter(lambda c: c != "fuzzy") if clean else MATCH_CELLS
    return TEXTS if clean else _mostly(TEXTS, MISSING)


def _header(column: Column) -> str:
    return (column.aliases or (column.name,))[0].replace(WINDOW, "7")


@st.composite
def _export(
    draw: st.DrawFn, number_format: NumberFormat, *, clean: bool = False
) -> tuple[ReportSpec, list[str], list[dict[str, Any]]]:
    spec = draw(xst.report_specs())
    present = [
        column for column in spec.columns if column.needs_header or draw(st.booleans())
    ]
    headers = [_header(column) for column in present]
    rows = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    _header(column): _cell(column.kind, number_format, clean=clean)
                    for column in present
                }
            ),
            min_size=1,
            max_size=12,
        )
    )
    return spec, headers, rows


def _scalar(
    record: dict[str, Any], spec: ReportSpec, headers: list[str], fmt: NumberFormat
) -> dict[str, object] | str:
    """The scalar's record, or the canonical name of its first bad cell."""
    try:
        return next(read_records([record], spec, number_format=fmt, headers=headers))
    except XborderError as error:
        return str(error.field).removeprefix("rows[0].")


def _same(value: object, cell: object) -> bool:
    if isinstance(value, MatchType):
        return cell == value.value
    return value == cell and (value is None) == (cell is None)


@settings(max_examples=150, deadline=None)
@given(number_format=xst.number_formats(), data=st.data())
def test_every_cell_reads_as_read_records_reads_it(
    number_format: NumberFormat, data: st.DataObject
) -> None:
    spec, headers, rows = data.draw(_export(number_format))
    table = pl.DataFrame(rows, schema=dict.fromkeys(headers, pl.String))
    read = frames.read_report(table, spec, number_format=number_format)
    first = read.errors.unique("row", keep="first", maintain_order=True)
    firsts = dict(zip(first["row"].to_list(), first["field"].to_list(), strict=True))
    for index, (record, out) in enumerate(
        zip(rows, read.table.iter_rows(named=True), strict=True)
    ):
        expected = _scalar(record, spec, headers, number_format)
        if isinstance(expected, str):
            assert firsts.get(index) == expected, (index, record, read.errors)
            assert out[expected] is None
            continue
        assert index not in firsts, (record, read.errors)
        for name, value in expected.items():
            assert _same(value, out[name]), (name, record, value, out[name])


@settings(max_examples=60, deadline=None)
@given(number_format=xst.number_formats(), data=st.data())
def test_the_file_format_is_detected_as_read_records_detects_it(
    number_format: NumberFormat, data: st.DataObject
) -> None:
    spec, headers, rows = data.draw(_export(number_format, clean=True))
    sample = data.draw(st.integers(1, 12))
    others = data.draw(st.lists(xst.number_formats(), max_size=3))
    candidates = data.draw(st.permutations([number_format, *others]))
    table = pl.DataFrame(rows, schema=dict.fromkeys(headers, pl.String))
    try:
        expected = list(read_records(rows, spec, candidates=candidates, sample=sample))
    except XborderError:
        return  # the scalar stops at the first bad cell; compared above
    read = frames.read_report(table, spec, candidates=candidates, sample=sample)
    assert read.errors.is_empty()
    for record, out in zip(expected, read.table.iter_rows(named=True), strict=True):
        for name, value in record.items():
            assert _same(value, out[name]), (name, value, out[name])


@pytest.mark.parametrize(
    "cell",
    [
        "2026-04-27", "2026-03-06 08:52:26 UTC", "2025-10-07 09:50:26 +0200",
        "01.09.2026", "Sep 4, 2026 1:05:07 AM PDT", "4 Sep 2026 01:05:07 GMT+00:00",
        "Sept 4, 2026", "2026-02-29", "2028-02-29", "2026-13-01", "13:00 2026",
        "Sep 4, 2026 13:05:07 AM", "2026-04-27 23:59:60", "04/09/2026", "x" * 1001,
    ],
)  # fmt: skip
def test_dates_read_as_parse_date_reads_them(cell: str) -> None:
    spec = ReportSpec(name="d", columns=(Column(name="day", kind="date"),))
    read = frames.read_report(pl.DataFrame({"day": [cell]}), spec)
    expected: dt.date | None = None
    message = None
    try:
        expected = parse_date(cell)
    except XborderError as error:
        message = f"day: expected {error.expected}, got {cell}"
    assert read.table.get_column("day").item() == expected
    assert read.errors.get_column("message").to_list() == (
        [] if message is None else [message]
    )


# -- examples ---------------------------------------------------------------------

EXPORT = {
    "Campaign Name": ["PH Auto", "PH Exact", "PH Auto"],
    "Targeting": ["close-match", "car mount", 'asin="B0ABCDE123"'],
    "Match Type": ["-", "EXACT", "-"],
    "Customer Search Term": ["car phone holder", "car mount", "b0abcde123"],
    "Impressions": ["5,200", "61", "1,204"],
    "Clicks": ["61", "1", "20"],
    "Spend": ["$42.70", "(1.50)", "$3"],
    "7 Day Total Sales ": ["$174.93", "0", "$20.00"],
    "7 Day Total Orders (#)": ["7", "0", "1"],
    "Click-Thru Rate (CTR)": ["1.17%", "1.64%", "0.0166"],
    "Start Date": ["Sep 4, 2026 1:05:07 AM PDT", "2026-09-04", "04.09.2026"],
}


@pytest.mark.parametrize(
    "make",
    [pl.DataFrame, lambda d: pl.DataFrame(d).lazy(), pd.DataFrame, pa.table],
    ids=["polars", "polars-lazy", "pandas", "pyarrow"],
)
def test_an_export_reads_in_every_frame_library(make: Any) -> None:
    given_table = make(EXPORT)
    read = frames.read_report(given_table, AMAZON_SEARCH_TERMS, currency="USD")
    assert type(read.table) is type(given_table)
    table = _as_polars(read.table)
    columns = zip(*EXPORT.values(), strict=True)
    records = [dict(zip(EXPORT, row, strict=True)) for row in columns]
    expected = list(read_records(records, AMAZON_SEARCH_TERMS))
    for record, out in zip(expected, table.iter_rows(named=True), strict=True):
        for name, value in record.items():
            assert _same(value, out[name]), name
    assert table.get_column("match_type").to_list() == ["auto", "exact", "product"]
    assert table.schema["spend"] == pl.Decimal(38, 2)
    assert table.schema["ctr"] == pl.Decimal(38, 4)
    assert read.number_format == EN_NUMBERS
    assert read.headers.click_days == 7


def _as_polars(table: Any) -> pl.DataFrame:
    if isinstance(table, pd.DataFrame):
        return pl.from_pandas(table)
    if isinstance(table, pa.Table):
        return pl.DataFrame(pl.from_arrow(table))
    return table.collect() if isinstance(table, pl.LazyFrame) else table


def test_a_de_export_is_detected_from_its_cells() -> None:
    export = {
        "Kampagnenname": ["PH Auto"], "Ausrichtung": ["close-match"],
        "Übereinstimmungstyp": ["Exakt"], "Suchbegriff des Kunden": ["halter"],
        "Impressionen": ["1.234"], "Klicks": ["12"], "Ausgaben": ["6,00 €"],
        "Gesamtumsatz in 7 Tagen": ["18,00 €"],
        "Gesamtzahl der Bestellungen in 7 Tagen (#)": ["2"],
        "Klickrate (CTR)": ["0,97%"],
    }  # fmt: skip
    read = frames.read_report(pl.DataFrame(export), AMAZON_SEARCH_TERMS)
    assert read.number_format == DE_NUMBERS
    row = read.table.row(0, named=True)
    assert (row["impressions"], row["spend"], row["ctr"]) == (
        1234, Decimal("6.00"), Decimal("0.0097"),
    )  # fmt: skip
    assert row["match_type"] == "exact"


def test_a_sample_that_leaves_the_format_open_raises() -> None:
    export = {"Sessions - Total": ["12"], "(Child) ASIN": ["B0"],
              "Ordered Product Sales": ["1.234"], "Units Ordered": ["3"]}  # fmt: skip
    with pytest.raises(InvalidInputError, match="pass number_format"):
        frames.read_report(pl.DataFrame(export), AMAZON_BUSINESS_REPORT)
    read = frames.read_report(
        pl.DataFrame(export), AMAZON_BUSINESS_REPORT, number_format=FR_NUMBERS
    )
    assert read.errors.get_column("field").to_list() == ["ordered_product_sales"]


def test_typed_columns_pass_through_checked() -> None:
    spec = ReportSpec(
        name="typed",
        columns=(
            Column(name="n", kind="count", required=False),
            Column(name="amount", kind="amount"),
            Column(name="code", kind="code"),
            Column(name="day", kind="date", required=False),
        ),
    )
    table = pl.DataFrame(
        {
            "n": [Decimal(3), Decimal("2.5"), None],
            "amount": [1, 2, 3],
            "code": [75008, 1, 2],
            "day": [dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC), None, None],
        }
    )
    read = frames.read_report(table, spec, currency="EUR")
    assert read.table.rows() == [
        (3, Decimal("1.00"), "75008", dt.date(2026, 1, 2)),
        (None, Decimal("2.00"), "1", None),
        (None, Decimal("3.00"), "2", None),
    ]
    assert read.errors.select("row", "field").rows() == [(1, "n")]
    with pytest.raises(InvalidTypeError) as caught:
        frames.read_report(table.with_columns(amount=pl.lit(0.5)), spec)
    assert caught.value.field == "amount"


def test_strict_mode_raises_the_first_bad_cell_in_reading_order() -> None:
    export = dict(EXPORT, Clicks=["61", "x", "y"], Spend=["$42.70", "(1.50)", "?"])
    with pytest.raises(InvalidInputError) as caught:
        frames.read_report(pl.DataFrame(export), AMAZON_SEARCH_TERMS, errors="raise")
    assert caught.value.field == "rows[1].clicks"
    read = frames.read_report(pl.DataFrame(export), AMAZON_SEARCH_TERMS)
    assert read.errors.select("row", "field").rows() == [
        (1, "clicks"), (2, "clicks"), (2, "spend"),
    ]  # fmt: skip
    message = read.errors.get_column("message").to_list()[0]
    assert message == "clicks: expected a whole number such as 1,234 (en), got x"


def test_arguments_are_checked() -> None:
    table = pl.DataFrame(EXPORT)
    with pytest.raises(InvalidTypeError) as spec:
        frames.read_report(table, "search terms")  # type: ignore[arg-type]
    assert spec.value.field == "spec"
    with pytest.raises(InvalidInputError) as missing:
        frames.read_report(table.drop("Clicks"), AMAZON_SEARCH_TERMS)
    assert missing.value.field == "headers"
    with pytest.raises(InvalidInputError) as sample:
        frames.read_report(table, AMAZON_SEARCH_TERMS, sample=0)
    assert sample.value.field == "sample"
    with pytest.raises(InvalidTypeError) as formats:
        frames.read_report(table, AMAZON_SEARCH_TERMS, candidates=["en"])  # type: ignore[list-item]
    assert formats.value.field == "candidates[0]"
    with pytest.raises(XborderError) as currency:
        frames.read_report(table, AMAZON_SEARCH_TERMS, currency="XXX1")
    assert currency.value.field == "currency"
    with pytest.raises(InvalidInputError):
        frames.read_report(table, AMAZON_SEARCH_TERMS, errors="ignore")


def test_a_report_read_feeds_the_kpis() -> None:
    read = frames.read_report(pl.DataFrame(EXPORT), AMAZON_SEARCH_TERMS)
    report = read.headers.attribution
    assert report is not None
    from xborder.kpi import ReportSemantics  # noqa: PLC0415

    semantics = ReportSemantics(currency="USD", attribution=report)
    total = frames.summarize(read.table, report=semantics)
    # The refund row (-1.50) is refused as a KPI row, as SearchTermRow would.
    assert total.errors.select("row", "field").rows() == [(1, "spend")]
    assert total.table.get_column("spend").item() == Decimal("45.70")


def test_later_cells_narrow_an_open_sample_in_reading_order() -> None:
    spec = ReportSpec(name="s", columns=(Column(name="amount", kind="amount"),))
    options: dict[str, Any] = {"candidates": (EN_NUMBERS, DE_NUMBERS), "sample": 1}
    cells = ["12", "1,5", "1.234"]
    records = [{"amount": cell} for cell in cells]
    expected = [row["amount"] for row in read_records(records, spec, **options)]
    read = frames.read_report(pl.DataFrame({"amount": cells}), spec, **options)
    assert read.table.get_column("amount").to_list() == expected
    assert expected == [Decimal(12), Decimal("1.5"), Decimal(1234)]
    assert read.number_format == DE_NUMBERS
    # The other way round, "1.234" comes while en and de both stand.
    cells = ["12", "1.234", "1,5"]
    with pytest.raises(InvalidInputError, match="pass number_format"):
        list(read_records([{"amount": c} for c in cells], spec, **options))
    read = frames.read_report(pl.DataFrame({"amount": cells}), spec, **options)
    assert read.table.get_column("amount").to_list() == [
        Decimal(12), None, Decimal("1.5"),
    ]  # fmt: skip
    assert read.errors.select("row", "field").rows() == [(1, "amount")]
    assert "makes clear" in read.errors.get_column("message").item()


def test_a_long_export_reads_each_distinct_cell_once_and_equally() -> None:
    # Past 10,000 rows a column that repeats its values is read once per
    # distinct cell and joined back: the same readings, bad cells included.
    copies = 4_000
    export = {header: cells * copies for header, cells in EXPORT.items()}
    export["Spend"][5] = "4,2"
    export["Clicks"][7_001] = "1.5"
    table = pl.DataFrame(export)
    read = frames.read_report(table, AMAZON_SEARCH_TERMS, number_format=EN_NUMBERS)
    assert read.errors.select("row", "field").rows() == [
        (5, "spend"), (7_001, "clicks"),
    ]  # fmt: skip
    records = table.to_dicts()
    for index in (0, 1, 2, 7_002, len(records) - 1):
        out = read.table.row(index, named=True)
        [expected] = read_records(
            [records[index]], AMAZON_SEARCH_TERMS, number_format=EN_NUMBERS
        )
        for name, value in expected.items():
            assert _same(value, out[name]), (index, name)
    for index, column in ((5, "spend"), (7_001, "clicks")):
        with pytest.raises(InvalidInputError) as caught:
            list(read_records([records[index]], AMAZON_SEARCH_TERMS,
                              number_format=EN_NUMBERS))  # fmt: skip
        assert caught.value.field == f"rows[0].{column}"
        assert read.table.row(index, named=True)[column] is None
    assert read.table.get_column("impressions").sum() == (5_200 + 61 + 1_204) * copies
