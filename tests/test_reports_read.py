"""read_records: typed dicts from real exports, lazily, bad cells named."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi import MatchType
from xborder.money import Money
from xborder.reports import (
    AMAZON_BUSINESS_REPORT,
    AMAZON_DATE_RANGE,
    AMAZON_SEARCH_TERMS,
    CH_NUMBERS,
    DE_NUMBERS,
    EN_NUMBERS,
    SHOPIFY_ORDERS,
    Column,
    HeaderMatch,
    ReportSpec,
    customer_orders,
    detect_number_format,
    find_header,
    match_headers,
    parse_date,
    parse_match_type,
    read_records,
)
from xborder.units import quantity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

# reports-and-fees.md §1.1: the 2026 export's headers (trailing spaces kept),
# auto campaigns' "-" match type, CTR as a bare fraction, ACOS empty on no
# sales, dates as "2026-04-27 00:00:00".
EXPORT = (
    "Start Date,End Date,Currency,Campaign Name,Ad Group Name,Targeting,Match Type,"
    "Customer Search Term,Impressions,Clicks,Click-Thru Rate (CTR),"
    "Cost Per Click (CPC),Spend,7 Day Total Sales ,"
    "Total Advertising Cost of Sales (ACOS) ,7 Day Total Orders (#)\n"
    "2026-04-27 00:00:00,2026-05-03 00:00:00,USD,PH Auto,Auto group,close-match,-,"
    'car phone holder,"5,200",61,0.0117,$0.70,$42.70,$174.93,0.2441,7\n'
    "2026-04-27 00:00:00,2026-05-03 00:00:00,USD,PH Auto,Auto group,"
    'asin="B0ABC12345",-,b0abc12345,900,12,0.0133,$0.70,$8.40,$0.00,,0\n'
    "2026-04-27 00:00:00,2026-05-03 00:00:00,USD,PH Exact,Exact group,phone holder,"
    "EXACT,phone holder,800,40,0.05,$1.10,$44.00,$99.80,0.4409,4\n"
)
# §1.1: the DE fixture: ";"-delimited, de numbers, "Exakt", dd.mm.yyyy.
EXPORT_DE = (
    "Datum;Währung;Kampagnenname;Anzeigengruppenname;Ausrichtung;Übereinstimmungstyp;"
    "Suchbegriff des Kunden;Impressionen;Klicks;Klickrate (CTR);Ausgaben;"
    "Gesamtumsatz in 7 Tagen;Gesamtzahl der Bestellungen in 7 Tagen (#)\n"
    "01.09.2026;EUR;Handyhalter;Gruppe;handyhalter;Exakt;handyhalter auto;1.234;12;"
    "0,97%;6,00;€18,00;1\n"
)


def _rows(
    text: str, delimiter: str = ",", **options: object
) -> list[dict[str, object]]:
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return list(read_records(reader, AMAZON_SEARCH_TERMS, **options))  # type: ignore[arg-type]


def test_the_2026_export_reads_as_typed_records() -> None:
    first, product, exact = _rows(EXPORT)
    assert first["impressions"] == 5200
    assert first["spend"] == Decimal("42.70")
    assert first["ctr"] == Decimal("0.0117")
    assert first["start_date"] == dt.date(2026, 4, 27)
    assert first["match_type"] is MatchType.AUTO
    assert product["match_type"] is MatchType.PRODUCT  # "-" with an asin= target
    assert product["acos"] is None
    assert exact["match_type"] is MatchType.EXACT
    assert set(first) == set(AMAZON_SEARCH_TERMS.names)
    assert first["portfolio"] is None  # an optional column the file lacks


def test_the_de_fixture_reads_with_its_own_numbers() -> None:
    (row,) = _rows(EXPORT_DE, ";")
    assert row["impressions"] == 1234  # "1.234" is whole only in de
    assert row["spend"] == Decimal("6.00")
    assert row["sales"] == Decimal("18.00")
    assert row["ctr"] == Decimal("0.0097")
    assert row["date"] == dt.date(2026, 9, 1)
    assert row["match_type"] is MatchType.EXACT


@pytest.mark.parametrize(
    ("column", "cell", "error"),
    [
        ("Clicks", "12.5", InvalidInputError),
        ("Clicks", "", InvalidInputError),
        ("Clicks", "N/A", InvalidInputError),
        ("Spend", "42,70", InvalidInputError),
        ("Spend", "abc", InvalidInputError),
        ("Spend", "9" * 5000, InvalidInputError),
        ("Match Type", "FUZZY", InvalidInputError),
        ("Start Date", "04/27/2026", InvalidInputError),
        ("Start Date", "2026-13-01", InvalidInputError),
        ("Campaign Name", "  ", InvalidInputError),
    ],
)
def test_a_bad_cell_names_its_row_column_and_raw_value(
    column: str, cell: str, error: type[Exception]
) -> None:
    reader = csv.DictReader(io.StringIO(EXPORT))
    records = [dict(r) for r in reader]
    records[2][column] = cell
    with pytest.raises(error) as caught:
        list(read_records(records, AMAZON_SEARCH_TERMS))
    name = AMAZON_SEARCH_TERMS.names[
        [c.example.casefold() for c in AMAZON_SEARCH_TERMS.columns].index(
            column.casefold()
        )
    ]
    assert caught.value.field == f"rows[2].{name}"  # type: ignore[attr-defined]
    assert caught.value.value == cell  # type: ignore[attr-defined]
    assert repr(column) in str(caught.value)  # the header as written


@pytest.mark.parametrize("cell", ["", "-", "--", "N/A", "n/a", " "])
def test_missing_markers_are_none_where_a_column_is_optional(cell: str) -> None:
    records = [dict(r) for r in csv.DictReader(io.StringIO(EXPORT))]
    records[0]["Total Advertising Cost of Sales (ACOS) "] = cell
    records[0]["Start Date"] = cell
    (row, *_) = read_records(records, AMAZON_SEARCH_TERMS)
    assert row["acos"] is None
    assert row["start_date"] is None


def test_typed_cells_from_a_frame_pass_through_checked() -> None:
    record = {
        "Campaign Name": "PH Auto", "Targeting": "close-match",
        "Match Type": MatchType.AUTO, "Customer Search Term": "x",
        "Impressions": 5200, "Clicks": Decimal(61), "Spend": Decimal("42.70"),
        "7 Day Total Sales": 175, "7 Day Total Orders (#)": 7,
        "Start Date": dt.datetime(2026, 4, 27, 23, 59),  # noqa: DTZ001 - as a frame holds it
        "End Date": dt.date(2026, 5, 3),
        "Campaign ID": 123456789012345, "Click-Thru Rate (CTR)": Decimal("0.0117"),
    }  # fmt: skip
    (row,) = read_records([record], AMAZON_SEARCH_TERMS)
    assert row["clicks"] == 61
    assert row["sales"] == Decimal(175)
    assert row["start_date"] == dt.date(2026, 4, 27)
    assert row["campaign_id"] == "123456789012345"


@pytest.mark.parametrize(
    ("column", "cell", "error"),
    [
        ("Spend", 42.7, InvalidTypeError),
        ("Clicks", True, InvalidTypeError),
        ("Clicks", Decimal("61.5"), InvalidInputError),
        ("Clicks", Decimal("NaN"), InvalidInputError),
        ("Spend", Decimal("sNaN"), InvalidInputError),
        ("Spend", 10**1200, InvalidInputError),
        ("Spend", {"amount": "1"}, InvalidTypeError),
        ("Spend", ["1"], InvalidTypeError),
        ("Campaign Name", 12, InvalidTypeError),
        ("Start Date", 20260427, InvalidTypeError),
        ("Match Type", 1, InvalidTypeError),
    ],
)
def test_wrong_typed_cells_are_refused(
    column: str, cell: object, error: type[Exception]
) -> None:
    records = [dict(r) for r in csv.DictReader(io.StringIO(EXPORT))]
    records[1] = {**records[1], column: cell}
    with pytest.raises(error) as caught:
        list(read_records(records, AMAZON_SEARCH_TERMS))
    assert caught.value.field.startswith("rows[1].")  # type: ignore[attr-defined]


class _Counting:
    """An iterator of records that counts how many were taken."""

    def __init__(self, record: dict[str, str], total: int) -> None:
        self.record, self.total, self.taken = record, total, 0

    def __iter__(self) -> Iterator[dict[str, str]]:
        return self

    def __next__(self) -> dict[str, str]:
        if self.taken >= self.total:
            raise StopIteration
        self.taken += 1
        return self.record


def test_reading_is_lazy() -> None:
    record = next(csv.DictReader(io.StringIO(EXPORT)))
    known = _Counting(record, 10**9)
    rows = read_records(known, AMAZON_SEARCH_TERMS, number_format=EN_NUMBERS)
    assert known.taken == 0  # nothing happens until the first row is asked for
    next(rows)
    next(rows)
    assert known.taken == 2
    detected = _Counting(record, 10**9)
    rows = read_records(detected, AMAZON_SEARCH_TERMS, sample=50)
    next(rows)
    assert detected.taken == 50  # the sample is read ahead to decide the format


def test_a_long_export_streams_in_constant_memory() -> None:
    record = next(csv.DictReader(io.StringIO(EXPORT)))
    total = sum(row["clicks"] for row in read_records(_Counting(record, 20_000),  # type: ignore[misc]
                AMAZON_SEARCH_TERMS))  # fmt: skip
    assert total == 61 * 20_000


def _record(spend: str) -> dict[str, str]:
    return {
        "Campaign Name": "A", "Targeting": "t", "Match Type": "broad",
        "Customer Search Term": "x", "Impressions": "10", "Clicks": "1",
        "Spend": spend, "7 Day Total Sales": "0", "7 Day Total Orders (#)": "0",
    }  # fmt: skip


def test_the_sample_decides_the_format_for_the_file() -> None:
    records = [_record("1.234"), _record("12"), _record("6,00")]
    spends = [r["spend"] for r in read_records(records, AMAZON_SEARCH_TERMS)]
    assert spends == [Decimal(1234), Decimal(12), Decimal("6.00")]


def test_an_undecided_sample_refuses_a_later_ambiguous_cell() -> None:
    records = [_record("12"), _record("13"), _record("1.234")]
    rows = read_records(records, AMAZON_SEARCH_TERMS, sample=2)
    assert [r["spend"] for r in (next(rows), next(rows))] == [12, 13]
    with pytest.raises(InvalidInputError, match="pass number_format") as caught:
        next(rows)
    assert caught.value.field == "rows[2].spend"
    with pytest.raises(InvalidInputError, match=r"1\.234 in en and 1234 in de"):
        list(read_records([_record("1.234")], AMAZON_SEARCH_TERMS))
    given_format = read_records([_record("1.234")], AMAZON_SEARCH_TERMS,
                                number_format=DE_NUMBERS)  # fmt: skip
    assert next(given_format)["spend"] == 1234


def test_a_later_cell_can_still_narrow_same_decimal_formats() -> None:
    records = [_record("12.50"), _record("1'234.50")]
    rows = list(read_records(records, AMAZON_SEARCH_TERMS, sample=1))
    assert rows[1]["spend"] == Decimal("1234.50")  # en failed, ch read it
    with pytest.raises(InvalidInputError) as caught:
        list(read_records([_record("1'234.50"), _record("1,234.50")],
                          AMAZON_SEARCH_TERMS, number_format=CH_NUMBERS))  # fmt: skip
    assert caught.value.field == "rows[1].spend"


def test_options_headers_start_and_match_types() -> None:
    rows = [["A", "t", "Weitgehend", "x", "10", "1", "5", "0", "0"]]
    headers = list(_record("0"))
    reader = (dict(zip(headers, row, strict=True)) for row in rows)
    (row,) = read_records(
        reader, AMAZON_SEARCH_TERMS, headers=headers, start=7,
        match_types={"Weitgehend": MatchType.BROAD},
    )  # fmt: skip
    assert row["match_type"] is MatchType.BROAD
    bad = [{**_record("5"), "Clicks": "x"}]
    with pytest.raises(InvalidInputError) as caught:
        list(read_records(bad, AMAZON_SEARCH_TERMS, start=7))
    assert caught.value.field == "rows[7].clicks"
    with pytest.raises(InvalidInputError) as header_error:
        read_records([], AMAZON_SEARCH_TERMS, headers=["Spend"])
    assert header_error.value.field == "headers"  # checked at the call


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"spec": "search terms"}, "spec"),
        ({"number_format": "en"}, "number_format"),
        ({"sample": 0}, "sample"),
        ({"start": -1}, "start"),
        ({"records": "a,b\n1,2"}, "records"),
        ({"records": 3}, "records"),
        ({"match_types": {"x": "broad"}}, "match_types['x']"),
        ({"candidates": []}, "candidates"),
    ],
)
def test_bad_arguments_are_refused_at_the_call(
    options: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {"records": [], "spec": AMAZON_SEARCH_TERMS}
    arguments.update(options)
    with pytest.raises(InvalidInputError) as caught:
        read_records(**arguments)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_a_record_that_is_no_mapping_is_named() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        list(read_records([_record("1"), ["A", "t"]], AMAZON_SEARCH_TERMS))  # type: ignore[list-item]
    assert caught.value.field == "rows[1]"
    with pytest.raises(InvalidTypeError):
        list(read_records([("A", "t")], AMAZON_SEARCH_TERMS))  # type: ignore[list-item]


def test_extra_cells_under_the_none_key_are_ignored() -> None:
    text = EXPORT.replace(",7\n", ",7,extra\n", 1)
    rows = list(read_records(csv.DictReader(io.StringIO(text)), AMAZON_SEARCH_TERMS))
    assert rows[0]["orders"] == 7


def test_business_report_percent_and_currency_cells() -> None:
    text = (
        "(Parent) ASIN,(Child) ASIN,Title,Sessions – Total,Units ordered,"
        "Ordered Product Sales,Unit Session Percentage,"
        "Featured Offer (Buy Box) percentage\n"
        'B0P,B0C,Holder,"1,204",57,"£1,938.43",4.73%,100.00%\n'
    )
    (row,) = read_records(csv.DictReader(io.StringIO(text)), AMAZON_BUSINESS_REPORT)
    assert row["sessions"] == 1204
    assert row["ordered_product_sales"] == Decimal("1938.43")
    assert row["buy_box_percentage"] == Decimal(1)


def test_date_range_signs_are_as_in_the_file() -> None:
    # §1.5: fees negative on orders, sales negative on refunds.
    lines = [
        ["All amounts in USD, unless specified"],
        ["date/time", "settlement id", "type", "order id", "sku", "quantity",
         "product sales", "selling fees", "fba fees", "total"],
        ["Sep 4, 2026 1:05:07 AM PDT", "1", "Order", "111", "PH-01", "1", "19.99",
         "-3.00", "-3.22", "13.77"],
        ["Sep 9, 2026 11:15:00 PM PDT", "1", "Refund", "111", "PH-01", "1", "-19.99",
         "2.40", "0", "-17.59"],
        ["Sep 10, 2026 12:00:00 AM PDT", "1", "Service Fee", "", "", "",
         "0", "0", "0", "-12.50"],
    ]  # fmt: skip
    start = find_header(lines, AMAZON_DATE_RANGE)
    records = (dict(zip(lines[start], r, strict=True)) for r in lines[start + 1 :])
    order, refund, fee = read_records(records, AMAZON_DATE_RANGE)
    assert (order["selling_fees"], refund["product_sales"]) == (
        Decimal("-3.00"),
        Decimal("-19.99"),
    )
    assert refund["date_time"] == dt.date(2026, 9, 9)
    assert fee["order_id"] is None
    assert fee["quantity"] is None


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2026-04-27", dt.date(2026, 4, 27)),
        ("2026-04-27 00:00:00", dt.date(2026, 4, 27)),
        ("2026-04-27T23:59:59.123Z", dt.date(2026, 4, 27)),
        ("2026-03-06 08:52:26 UTC", dt.date(2026, 3, 6)),
        ("2025-10-07 09:50:26 +0200", dt.date(2025, 10, 7)),
        ("2025-10-07 09:50:26 -07:00", dt.date(2025, 10, 7)),
        ("01.09.2026", dt.date(2026, 9, 1)),
        ("1.9.2026 14:03", dt.date(2026, 9, 1)),
        ("Sep 4, 2026 1:05:07 AM PDT", dt.date(2026, 9, 4)),
        ("September 4, 2026", dt.date(2026, 9, 4)),
        ("Sept 30, 2026 12:00:00 PM PST", dt.date(2026, 9, 30)),
        ("4 Sep 2026 01:05:07 GMT+00:00", dt.date(2026, 9, 4)),
    ],
)
def test_dates_as_exports_write_them(cell: str, day: dt.date) -> None:
    assert parse_date(cell) == day


@pytest.mark.parametrize(
    "cell",
    ["04/09/2026", "2026-02-30", "2026-04-27 25:00:00", "Sep 4, 2026 13:05:07 PM",
     "Sepx 4, 2026", "2026-4-27", "27.04.26", "", "tomorrow", "2026-04-27 00:60"],
)  # fmt: skip
def test_other_dates_are_refused(cell: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_date(cell)
    assert caught.value.value == cell


@pytest.mark.parametrize(
    ("cell", "targeting", "kind"),
    [
        ("BROAD", None, MatchType.BROAD),
        ("broad", None, MatchType.BROAD),
        ("Phrase", None, MatchType.PHRASE),
        ("EXACT", None, MatchType.EXACT),
        ("Exakt", None, MatchType.EXACT),
        ("-", "close-match", MatchType.AUTO),
        ("-", "*", MatchType.AUTO),
        ("-", None, MatchType.AUTO),
        ("-", 'asin="B0ABC12345"', MatchType.PRODUCT),
        ("-", 'asin-expanded="B0ABC12345"', MatchType.PRODUCT),
        ("-", 'category="4860253031"', MatchType.PRODUCT),
        ("TARGETING_EXPRESSION", 'asin="B0ABC12345"', MatchType.PRODUCT),
        ("TARGETING_EXPRESSION_PREDEFINED", "loose-match", MatchType.AUTO),
        ("targeting_expression_predefined", None, MatchType.AUTO),
    ],
)
def test_match_types_as_amazon_writes_them(
    cell: str, targeting: str | None, kind: MatchType
) -> None:
    assert parse_match_type(cell, targeting=targeting) is kind


def test_match_types_refuse_unknown_values() -> None:
    with pytest.raises(InvalidInputError):
        parse_match_type("fuzzy")
    with pytest.raises(InvalidTypeError):
        parse_match_type(3)  # type: ignore[arg-type]
    assert (
        parse_match_type("Genau", aliases={"GENAU": MatchType.EXACT}) is MatchType.EXACT
    )


CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.decimals(), st.dates(), st.datetimes(), st.binary(max_size=4),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
    st.sampled_from(["1,234.56", "(5)", "1.234", "6,00", "0,97%", "-", "9" * 2000]),
)  # fmt: skip
SPEC = ReportSpec(
    name="every kind",
    columns=tuple(
        Column(name=kind, kind=kind, required=required)
        for kind in ("text", "code", "count", "amount", "percent", "date", "match_type")
        for required in (False,)
    ),
)


@given(
    st.lists(
        st.dictionaries(st.sampled_from(SPEC.names), CELLS), min_size=1, max_size=5
    )
)
def test_hostile_records_raise_only_xborder_errors(
    records: list[dict[str, object]],
) -> None:
    records[0] = dict.fromkeys(SPEC.names, None) | records[0]
    try:
        for row in read_records(records, SPEC, sample=3):
            assert set(row) == set(SPEC.names)
    except XborderError:
        pass


# -- hostile arguments (issue 13) ----------------------------------------------

_DAY = quantity(1, "day")  # a scalar pint quantity declares __iter__, then fails
_ROWS = [{"Name": "#1001"}]


def _any(value: object) -> Any:
    return value  # typed Any: the calls below break the annotations on purpose


_MATCH = match_headers(
    ["Campaign Name", "Targeting", "Match Type", "Customer Search Term",
     "Impressions", "Clicks", "Spend", "7 Day Total Sales", "7 Day Total Orders (#)"],
    AMAZON_SEARCH_TERMS,
)  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [
        (lambda: list(read_records(_any(_DAY), SHOPIFY_ORDERS)), InvalidTypeError,
         "records", _DAY),
        (lambda: list(read_records(_ROWS, SHOPIFY_ORDERS, sample=10**36)),
         InvalidInputError, "sample", 10**36),  # past the bounds
        (lambda: list(read_records(_ROWS, SHOPIFY_ORDERS, start=10**5000)),
         InvalidInputError, "start", 10**5000),  # int-to-str's ValueError
        (lambda: list(read_records(_ROWS, SHOPIFY_ORDERS, headers=_any(_DAY))),
         InvalidTypeError, "headers", _DAY),
        (lambda: list(read_records(_ROWS, SHOPIFY_ORDERS, candidates=_any(_DAY))),
         InvalidTypeError, "candidates", _DAY),
        (lambda: detect_number_format(_any(_DAY)), InvalidTypeError, "cells", _DAY),
        (lambda: find_header(_any(_DAY), AMAZON_DATE_RANGE), InvalidTypeError,
         "rows", _DAY),
        (lambda: find_header([], AMAZON_DATE_RANGE, limit=_any(1.5)),
         InvalidTypeError, "limit", 1.5),
        (lambda: match_headers(_any(_DAY), AMAZON_SEARCH_TERMS), InvalidTypeError,
         "headers", _DAY),
        (lambda: list(customer_orders(_any(_DAY))), InvalidTypeError, "orders", _DAY),
        (lambda: _MATCH.header(_any(["sales"])), InvalidTypeError, "name", ["sales"]),
        (lambda: AMAZON_SEARCH_TERMS.column(_any(b"sales")), InvalidTypeError,
         "name", b"sales"),
        (lambda: ReportSpec(name="x", columns=(), source=_any(10**5000)),
         InvalidTypeError, "source", 10**5000),  # str()'s ValueError
        (lambda: HeaderMatch(spec=AMAZON_SEARCH_TERMS, headers=_any(Decimal(1)),
                             columns=()),
         InvalidTypeError, "headers", Decimal(1)),
        (lambda: HeaderMatch(spec=AMAZON_SEARCH_TERMS, headers=["a"],
                             columns=_any("ab")),
         InvalidTypeError, "columns", "ab"),  # unpacked "a", "b" silently
        (lambda: HeaderMatch(spec=AMAZON_SEARCH_TERMS, headers=["a"],
                             columns=[("sales", "b")]),
         InvalidInputError, "columns[0]", "b"),
        (lambda: HeaderMatch(spec=AMAZON_SEARCH_TERMS, headers=["a"],
                             columns=[("nope", "a")]),
         InvalidInputError, "columns[0]", "nope"),
        (lambda: HeaderMatch(spec=AMAZON_SEARCH_TERMS, headers=[], columns=(),
                             click_days=10**5000),
         InvalidInputError, "click_days", 10**5000),
        (lambda: EN_NUMBERS.format(_any("x")), InvalidInputError, "value", "x"),
        (lambda: EN_NUMBERS.format(_any(Money("1", "EUR"))), InvalidTypeError,
         "value", None),
        (lambda: EN_NUMBERS.format(Decimal("1E+999999")), InvalidInputError,
         "value", Decimal("1E+999999")),
        (lambda: EN_NUMBERS.format(1, negative=_any({})), InvalidInputError,
         "negative", {}),  # unhashable
        (lambda: EN_NUMBERS.format(1, currency=_any(["$"])), InvalidInputError,
         "currency", ["$"]),
        (lambda: EN_NUMBERS.format(1, grouping=_any(1)), InvalidTypeError,
         "grouping", 1),
        (lambda: EN_NUMBERS.format(1, percent=_any("yes")), InvalidTypeError,
         "percent", "yes"),
    ],
    ids=[
        "records-pint", "sample-10**36", "start-10**5000", "headers-pint",
        "candidates-pint", "cells-pint", "rows-pint", "limit-float",
        "match-headers-pint", "orders-pint", "header-name-list", "column-bytes",
        "source-int", "match-headers-decimal", "match-columns-str",
        "match-unknown-header", "match-unknown-column", "click-days",
        "format-str", "format-money", "format-huge", "format-negative",
        "format-currency", "format-grouping", "format-percent",
    ],
)  # fmt: skip
def test_hostile_arguments_are_refused_by_name(
    call: Callable[[], object],
    error: type[Exception],
    field: str,
    value: object,
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field
    if value is not None:
        assert caught.value.value == value


def test_a_sample_larger_than_any_file_reads_the_whole_file() -> None:
    # islice takes at most sys.maxsize: a sample of 10**35 was a bare ValueError.
    def rows() -> list[dict[str, object]]:
        return list(
            read_records(csv.DictReader(io.StringIO(EXPORT)), AMAZON_SEARCH_TERMS)
        )

    huge = read_records(
        csv.DictReader(io.StringIO(EXPORT)), AMAZON_SEARCH_TERMS, sample=10**35
    )
    assert list(huge) == rows()
