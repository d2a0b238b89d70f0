"""The number grammar of report cells: locales, negatives, detection, hostile input.

Cell shapes come from reports-and-fees.md §1 (compiled 2026): the DE
search-term fixture writes ``1.234``, ``6,00``, ``0,97%``; fixtures mix
``€18,00``, ``$54.20`` and ``70.00``; a settlement validator accepts
``(1,234.50)``; the xlsx export writes CTR as a bare fraction (``0.0909``).
"""

from __future__ import annotations

import contextlib
import decimal
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.reports import (
    CELL_LIMIT,
    CH_NUMBERS,
    DE_NUMBERS,
    EN_NUMBERS,
    FR_NUMBERS,
    NUMBER_FORMATS,
    STRIP_CHARS,
    NumberFormat,
    detect_number_format,
)
from xborder.testing import strategies as xst

if TYPE_CHECKING:
    from xborder.reports._numbers import Negative

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("number_format", "cell", "value"),
    [
        (EN_NUMBERS, "1,234.56", "1234.56"),
        (EN_NUMBERS, "$54.20", "54.20"),
        (EN_NUMBERS, "US$1,234,567.8", "1234567.8"),
        (EN_NUMBERS, " 70.00 ", "70.00"),
        (EN_NUMBERS, "(1,234.50)", "-1234.50"),
        (EN_NUMBERS, "-$5.00", "-5.00"),
        (EN_NUMBERS, "$-5.00", "-5.00"),
        (EN_NUMBERS, "\u22125", "-5"),
        (EN_NUMBERS, "+5", "5"),
        (EN_NUMBERS, "1234.50-", "-1234.50"),
        (EN_NUMBERS, "£1,234", "1234"),
        (EN_NUMBERS, "-0.00", "0.00"),
        (DE_NUMBERS, "1.234,56", "1234.56"),
        (DE_NUMBERS, "€18,00", "18.00"),
        (DE_NUMBERS, "6,00", "6.00"),
        (DE_NUMBERS, "-1.234,56 €", "-1234.56"),
        (DE_NUMBERS, "1.234.567", "1234567"),
        (DE_NUMBERS, "18,00 EUR", "18.00"),
        (FR_NUMBERS, f"1{NNBSP}234,56", "1234.56"),
        (FR_NUMBERS, f"1{NBSP}234{NBSP}567,8{NBSP}€", "1234567.8"),
        (FR_NUMBERS, "1 234,56", "1234.56"),
        (FR_NUMBERS, "(12,5)", "-12.5"),
        (CH_NUMBERS, "1'234.56", "1234.56"),
        (CH_NUMBERS, "CHF 1’234.56", "1234.56"),
        (CH_NUMBERS, "1'234.50-", "-1234.50"),
    ],
)
def test_each_locale_reads_its_amounts_exactly(
    number_format: NumberFormat, cell: str, value: str
) -> None:
    parsed = number_format.parse_amount(cell)
    assert parsed == Decimal(value)
    assert parsed.as_tuple() == Decimal(value).as_tuple()  # every digit kept


@pytest.mark.parametrize(
    ("number_format", "cell", "value"),
    [
        (EN_NUMBERS, "1,234", 1234),
        (EN_NUMBERS, "5200", 5200),
        (DE_NUMBERS, "1.234", 1234),
        (FR_NUMBERS, f"12{NNBSP}345", 12345),
        (CH_NUMBERS, "1'000'000", 1000000),
        (EN_NUMBERS, "-3", -3),
    ],
)
def test_counts_are_whole_numbers_in_the_file_format(
    number_format: NumberFormat, cell: str, value: int
) -> None:
    assert number_format.parse_count(cell) == value


@pytest.mark.parametrize(
    ("number_format", "cell", "value"),
    [
        (DE_NUMBERS, "0,97%", "0.0097"),
        (EN_NUMBERS, "12.34%", "0.1234"),
        (EN_NUMBERS, "250%", "2.5"),
        (FR_NUMBERS, f"12,5{NNBSP}%", "0.125"),
        (EN_NUMBERS, "0.0909", "0.0909"),  # the xlsx writes a bare fraction
        (EN_NUMBERS, "-4.5%", "-0.045"),
    ],
)
def test_percents_become_fractions(
    number_format: NumberFormat, cell: str, value: str
) -> None:
    assert number_format.parse_percent(cell) == Decimal(value)


@pytest.mark.parametrize(
    ("number_format", "cell"),
    [
        (EN_NUMBERS, "1,2,3"),
        (EN_NUMBERS, "12,34"),
        (EN_NUMBERS, "1.234,56"),
        (EN_NUMBERS, "١٢٣"),  # Arabic-Indic digits: ASCII only
        (EN_NUMBERS, "１２３"),  # full-width digits
        (EN_NUMBERS, "12."),
        (EN_NUMBERS, ".5"),
        (EN_NUMBERS, "(5"),
        (EN_NUMBERS, "5)"),
        (EN_NUMBERS, "-(5)"),
        (EN_NUMBERS, "(-5)"),
        (EN_NUMBERS, "--5"),
        (EN_NUMBERS, "-5-"),
        (EN_NUMBERS, "+(5)"),
        (EN_NUMBERS, "5%"),  # a percent is no amount
        (EN_NUMBERS, "$5$"),
        (EN_NUMBERS, "NaN"),
        (EN_NUMBERS, "Infinity"),
        (EN_NUMBERS, "1e5"),
        (EN_NUMBERS, "0x10"),
        (EN_NUMBERS, ""),
        (EN_NUMBERS, "-"),
        (EN_NUMBERS, "1 234.56"),  # en groups with commas only
        (DE_NUMBERS, "1,234.56"),
        (DE_NUMBERS, "12.34"),
        (CH_NUMBERS, "1,234.56"),
        (NumberFormat(decimal=".", thousands=(), parentheses=False), "(5)"),
        (NumberFormat(decimal=".", thousands=(), trailing_minus=False), "5-"),
        (NumberFormat(decimal=".", thousands=(), currencies=()), "$5"),
    ],
)
def test_anything_else_is_refused_naming_the_cell(
    number_format: NumberFormat, cell: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        number_format.parse_amount(cell)
    assert caught.value.value == cell
    assert number_format.name in str(caught.value)


@pytest.mark.parametrize(
    ("cell", "parse"),
    [
        ("12.5", EN_NUMBERS.parse_count),
        ("12.0", EN_NUMBERS.parse_count),  # as xborder.kpi: no guessing
        ("$12", EN_NUMBERS.parse_count),
        ("12%", EN_NUMBERS.parse_count),
        ("$12%", EN_NUMBERS.parse_percent),
    ],
)
def test_counts_and_percents_refuse_what_does_not_fit(cell: str, parse: object) -> None:
    with pytest.raises(InvalidInputError):
        parse(cell)  # type: ignore[operator]


@pytest.mark.parametrize("cell", [None, 12, Decimal(12), 1.5, b"12", ["1"], {"a": 1}])
def test_non_str_cells_are_a_type_error(cell: object) -> None:
    with pytest.raises(InvalidTypeError):
        EN_NUMBERS.parse_amount(cell)  # type: ignore[arg-type]


def test_huge_cells_are_refused_quickly() -> None:
    # Within the cell limit, a number is still held to xborder's bounds:
    # below 1E+36, no digit below 1E-100.
    assert EN_NUMBERS.parse_amount("9" * 36) == Decimal("9" * 36)
    assert EN_NUMBERS.parse_amount("0." + "0" * 99 + "1") == Decimal("1E-100")
    for number in ("9" * 37, "9" * CELL_LIMIT, "0." + "0" * 100 + "1"):
        with pytest.raises(InvalidInputError, match=r"smaller than 1E\+36") as past:
            EN_NUMBERS.parse_amount(number)
        assert past.value.value == number
    for cell in ("9" * 5000, "9" * 10**6, " " * 10**6 + "1"):
        with pytest.raises(InvalidInputError, match="at most 1000 characters"):
            EN_NUMBERS.parse_amount(cell)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"decimal": ";", "thousands": ()}, "decimal"),
        ({"decimal": ".", "thousands": (".",)}, "thousands"),
        ({"decimal": ".", "thousands": ("_",)}, "thousands[0]"),
        ({"decimal": ".", "thousands": ",."}, "thousands"),
        ({"decimal": ".", "thousands": (",", ",")}, "thousands"),
        ({"decimal": ".", "thousands": (), "currencies": ("1$",)}, "currencies[0]"),
        ({"decimal": ".", "thousands": (), "currencies": ("$ ",)}, "currencies[0]"),
        ({"decimal": ".", "thousands": (), "currencies": "$"}, "currencies"),
        ({"decimal": ".", "thousands": (), "parentheses": 1}, "parentheses"),
        ({"decimal": ".", "thousands": (), "name": ""}, "name"),
    ],
)
def test_a_bad_format_names_its_field(options: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        NumberFormat(**options)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_format_refuses_what_it_could_not_read_back() -> None:
    strict = NumberFormat(decimal=".", thousands=(), parentheses=False)
    with pytest.raises(InvalidInputError) as caught:
        strict.format(Decimal(-1), negative="parentheses")
    assert caught.value.field == "negative"
    with pytest.raises(InvalidInputError) as caught:
        EN_NUMBERS.format(Decimal(1), currency="¤")
    assert caught.value.field == "currency"
    with pytest.raises(InvalidInputError):
        EN_NUMBERS.format(Decimal("NaN"))


def _negatives(number_format: NumberFormat) -> list[Negative]:
    forms: list[Negative] = ["minus"]
    forms += ["parentheses"] if number_format.parentheses else []
    return forms + (["trailing"] if number_format.trailing_minus else [])


DECIMALS = st.decimals(
    min_value=-(10**15), max_value=10**15, allow_nan=False, allow_infinity=False
) | st.integers(-(10**30), 10**30).map(Decimal)


@given(xst.number_formats(), DECIMALS, st.data())
def test_format_then_parse_gives_back_every_digit(
    number_format: NumberFormat, value: Decimal, data: st.DataObject
) -> None:
    negative: Negative = data.draw(st.sampled_from(_negatives(number_format)))
    marks = number_format.currencies
    currency = data.draw(st.none() | st.sampled_from(marks)) if marks else None
    grouping = data.draw(st.booleans())
    written = number_format.format(
        value,
        currency=currency,
        negative=negative,
        grouping=grouping,
    )
    parsed = number_format.parse_amount(written)
    assert parsed == value
    assert parsed.as_tuple()[1:] == value.as_tuple()[1:]
    percent = number_format.format(value, percent=True, grouping=grouping)
    assert number_format.parse_percent(percent) == value
    whole = int(value)
    assert number_format.parse_count(number_format.format(whole)) == whole


def _steps(number_format: NumberFormat, cell: str) -> Decimal | None:
    """The documented grammar, run from the format's data only (as polars would)."""
    text = cell.strip(number_format.strip_chars)
    match = re.fullmatch(number_format.pattern, text)
    if match is None:
        return None
    groups = match.groupdict()
    opened, closed = groups.get("open"), groups.get("close")
    signs = [s for s in (groups["lead"], groups["inner"], groups.get("trail")) if s]
    if (opened is None) != (closed is None) or len(signs) + (opened is not None) > 1:
        return None
    if ("+" in signs and opened) or (groups.get("before") and groups.get("after")):
        return None
    number = groups["number"]
    for separator in number_format.thousands:
        number = number.replace(separator, "")
    value = Decimal(number.replace(number_format.decimal, "."))
    negative = opened is not None or (bool(signs) and signs[0] in "-\u2212")
    value = value.copy_negate() if negative else value
    return value.scaleb(-2) if groups["percent"] else value


CELL_TEXT = st.text(
    alphabet=st.sampled_from("0123456789.,'’ \u00a0\u202f-+−()%$€£A"), max_size=14
)


@given(xst.number_formats(), CELL_TEXT)
def test_the_documented_steps_read_as_the_parser_does(
    number_format: NumberFormat, cell: str
) -> None:
    expected = _steps(number_format, cell)
    try:
        value = number_format.parse_amount(cell)
    except InvalidInputError:
        assert expected is None or "%" in cell
    else:
        assert value == expected


@pytest.mark.parametrize("number_format", list(dict.fromkeys(NUMBER_FORMATS.values())))
def test_patterns_use_only_syntax_polars_reads(number_format: NumberFormat) -> None:
    pattern = number_format.pattern
    for python_only in ("(?=", "(?!", "(?<=", "(?<!", "(?P=", "\\d", "\\w", "\\ "):
        assert python_only not in pattern
    names = set(re.compile(pattern).groupindex)
    assert names == {
        "open", "lead", "before", "inner", "number", "percent", "after", "trail",
        "close",
    }  # fmt: skip
    assert number_format.strip_chars == STRIP_CHARS


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_with_an_xborder_error(cell: str) -> None:
    for number_format in (EN_NUMBERS, DE_NUMBERS, FR_NUMBERS, CH_NUMBERS):
        for parse in (
            number_format.parse_amount,
            number_format.parse_count,
            number_format.parse_percent,
        ):
            with contextlib.suppress(XborderError):
                parse(cell)


# Detection: per file, never per cell.


@pytest.mark.parametrize(
    ("cells", "name"),
    [
        (["1.234", "6,00", "0,97%"], "de"),  # the DE fixture of §1.1
        (["€18,00", "1.234"], "de"),
        (["1,234.56", "$54.20", "70.00"], "en"),
        ([f"1{NNBSP}234,56", "7,50"], "fr"),
        (["1'234.56", "12.00"], "ch"),
        (["12", "0", "-", "", "N/A", "--"], "en"),  # nothing tells: all agree
        ([Decimal("1.5"), 7, None, "1.5"], "en"),  # typed cells say nothing
    ],
)
def test_detection_reads_the_whole_sample(cells: list[object], name: str) -> None:
    assert detect_number_format(cells).name == name


def test_one_ambiguous_cell_alone_asks_for_the_format() -> None:
    with pytest.raises(InvalidInputError, match="pass number_format") as caught:
        detect_number_format(["12", "1.234"])
    assert caught.value.field == "cells[1]"
    assert caught.value.value == "1.234"
    assert "1.234 in en and 1234 in de" in str(caught.value)


def test_a_cell_no_format_reads_is_named() -> None:
    with pytest.raises(InvalidInputError) as caught:
        detect_number_format(["1.234,56", "12.34.5"])
    assert caught.value.field == "cells[1]"


def test_detection_can_be_given_its_candidates() -> None:
    assert detect_number_format(["1.234"], candidates=[DE_NUMBERS]) is DE_NUMBERS
    with pytest.raises(InvalidTypeError) as caught:
        detect_number_format(["1"], candidates=[DE_NUMBERS, "en"])  # type: ignore[list-item]
    assert caught.value.field == "candidates[1]"
    with pytest.raises(InvalidInputError):
        detect_number_format(["1"], candidates=[])
    with pytest.raises(InvalidTypeError):
        detect_number_format("1.234")


def test_results_do_not_depend_on_the_callers_decimal_context() -> None:
    cells = ["1,234,567,890,123.456789", "(0.000001)", "250%"]
    expected = [EN_NUMBERS.parse_amount(cells[0]), EN_NUMBERS.parse_amount(cells[1])]
    with decimal.localcontext() as context:
        context.prec = 3
        context.rounding = decimal.ROUND_FLOOR
        context.traps[decimal.Inexact] = True
        context.traps[decimal.Rounded] = True
        context.clear_flags()
        assert EN_NUMBERS.parse_amount(cells[0]) == expected[0]
        assert EN_NUMBERS.parse_amount(cells[1]) == expected[1]
        assert EN_NUMBERS.parse_percent(cells[2]) == Decimal("2.5")
        assert EN_NUMBERS.parse_count("1,234,567,890,123") == 1234567890123
        assert EN_NUMBERS.format(expected[0]) == cells[0]
        assert EN_NUMBERS.format(Decimal("0.125"), percent=True) == "12.5%"
        assert detect_number_format(cells) is EN_NUMBERS
        assert not any(context.flags.values())
