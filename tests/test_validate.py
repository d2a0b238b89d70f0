from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder import _validate as v
from xborder.errors import InvalidInputError, InvalidTypeError

if TYPE_CHECKING:
    from collections.abc import Iterable


def test_to_decimal_accepts_decimal_int_and_numeric_text() -> None:
    assert v.to_decimal(Decimal("1.50")) == Decimal("1.50")
    assert v.to_decimal(3) == Decimal(3)
    assert str(v.to_decimal("0.10")) == "0.10"


@pytest.mark.parametrize("value", [0.1, True, None, [1], b"1"])
def test_to_decimal_refuses_wrong_types(value: object) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        v.to_decimal(value, field="rate")
    assert caught.value.field == "rate"
    assert caught.value.value is value


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-inf", "abc", ""])
def test_to_decimal_refuses_non_finite_and_garbage(value: str) -> None:
    with pytest.raises(InvalidInputError, match="rate"):
        v.to_decimal(value, field="rate")


def test_to_decimal_refuses_non_finite_decimals() -> None:
    with pytest.raises(InvalidInputError):
        v.to_decimal(Decimal("NaN"))


@pytest.mark.parametrize(
    ("converter", "good", "bad"),
    [
        (v.non_negative, "0", "-0.01"),
        (v.positive, "0.01", "0"),
        (v.fraction, "1", "1.01"),
        (v.fraction, "0", "-0.5"),
    ],
)
def test_bounded_converters(converter: object, good: str, bad: str) -> None:
    assert callable(converter)
    assert converter(good) == Decimal(good)
    with pytest.raises(InvalidInputError):
        converter(bad)


def test_counts() -> None:
    assert v.non_negative_count(0) == 0
    assert v.positive_count(1) == 1
    with pytest.raises(InvalidInputError):
        v.positive_count(0)
    with pytest.raises(InvalidInputError):
        v.non_negative_count(-1)
    with pytest.raises(InvalidTypeError):
        v.count(True)
    with pytest.raises(InvalidTypeError):
        v.count(1.0)  # type: ignore[arg-type]


def test_text_must_have_content() -> None:
    assert v.text(" a ") == " a "
    with pytest.raises(InvalidInputError):
        v.text("   ")
    with pytest.raises(InvalidTypeError):
        v.text(3)  # type: ignore[arg-type]


def test_date_value() -> None:
    assert v.date_value("2026-07-01") == dt.date(2026, 7, 1)
    assert v.date_value(dt.date(2026, 7, 1)) == dt.date(2026, 7, 1)
    with pytest.raises(InvalidTypeError, match="datetime"):
        v.date_value(dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC))
    with pytest.raises(InvalidInputError):
        v.date_value("1 July 2026")
    with pytest.raises(InvalidInputError):
        v.date_value(20260701)  # type: ignore[arg-type]


def test_tuple_of_checks_each_item() -> None:
    assert v.tuple_of([1, 2], int) == (1, 2)
    assert v.tuple_of(iter(["a"]), (int, str)) == ("a",)
    with pytest.raises(InvalidTypeError):
        v.tuple_of("ab", str)
    with pytest.raises(InvalidTypeError):
        v.tuple_of(3, int)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as caught:
        v.tuple_of([1, "2"], int)
    assert caught.value.field == "[1]"
    with pytest.raises(InvalidTypeError, match="int or str"):
        v.tuple_of([1.5], (int, str))


def _ints(values: Iterable[int]) -> tuple[int, ...]:
    return v.tuple_of(values, int)


@attrs.frozen(field_transformer=v.named_errors)
class _Box:
    items: tuple[int, ...] = attrs.field(converter=_ints)
    label: object = attrs.field(default="x", validator=v.instance_of(str))


def test_tuple_items_and_instance_checks_name_the_field() -> None:
    assert _Box([1, 2]).items == (1, 2)
    with pytest.raises(InvalidTypeError) as caught:
        _Box([1, "2"])  # type: ignore[list-item]
    assert caught.value.field == "items[1]"
    with pytest.raises(InvalidTypeError) as caught:
        _Box([1], label=3)
    assert caught.value.field == "label"
    assert str(caught.value) == "label: expected str, got 3"


@attrs.frozen(kw_only=True, field_transformer=v.named_errors)
class _Model:
    price: Decimal = attrs.field(converter=v.positive)
    note: str = attrs.field(default="x", converter=v.text)


def test_named_errors_puts_the_field_name_in_converter_errors() -> None:
    with pytest.raises(InvalidInputError) as caught:
        _Model(price="-1")
    assert caught.value.field == "price"
    assert str(caught.value) == "price: expected a number > 0, got '-1'"
    with pytest.raises(InvalidInputError, match="note"):
        _Model(price=1, note="")
    assert _Model(price="2.5").price == Decimal("2.5")


def test_require() -> None:
    v.require(True, field="x", value=1, expected="anything")  # noqa: FBT003
    with pytest.raises(InvalidInputError, match="x: expected more, got 1"):
        v.require(False, field="x", value=1, expected="more")  # noqa: FBT003


# -- numbers beyond Decimal's exponent limits ----------------------------------


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1E+1000000"),
        Decimal("-1E+999999999999999999"),
        Decimal("1E-1000000"),
        "1E+999999999999",
        10**1_100_000,
    ],
    ids=["1E+1000000", "-1E+10^18", "1E-1000000", "str", "int with 1.1e6 digits"],
)
def test_numbers_beyond_the_exponent_limits_are_refused_by_name(value: object) -> None:
    # Every operation on them overflows, and printing one in full would
    # take gigabytes: they are refused where they come in.
    with pytest.raises(InvalidInputError) as caught:
        v.to_decimal(value, field="amount")
    assert caught.value.field == "amount"
    assert caught.value.value is value


@pytest.mark.parametrize(
    "value",
    [
        "9.99E+35",
        "-9.99E+35",
        "1E-100",
        "-1.5E-99",
        str(10**36 - 1),
        "0." + "0" * 99 + "1",
        Decimal("123.45"),
    ],
)
def test_numbers_at_the_bounds_are_kept(value: str | Decimal) -> None:
    assert v.to_decimal(value) == Decimal(value)
    assert str(v.to_decimal(value)) == str(Decimal(value))


@pytest.mark.parametrize(
    "value",
    ["1E+36", "-1E+36", str(10**36), "1E-101", "1.0E-100", Decimal("1.00E-99")],
)
def test_numbers_just_past_the_bounds_are_refused_by_name(
    value: str | Decimal,
) -> None:
    # 1.0E-100 has a digit (a zero) at 1E-101: its exponent is past FINEST.
    with pytest.raises(InvalidInputError) as caught:
        v.to_decimal(value, field="amount")
    assert caught.value.field == "amount"
    assert caught.value.value is value


@given(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.integers(min_value=-130, max_value=40),
    st.sampled_from([0, 1]),
)
def test_in_range_reads_the_exponent_whatever_the_context(
    coefficient: int, exponent: int, capitals: int
) -> None:
    # in_range reads the exponent from str() when it can; a caller's context
    # with capitals=0 prints "e", and scientific notation must still be read.
    digits = tuple(int(d) for d in str(abs(coefficient)))
    number = Decimal((int(coefficient < 0), digits, exponent))
    with localcontext() as context:
        context.capitals = capitals
        assert v.in_range(number) == (number.adjusted() < 36 and exponent >= -100)


class _Text(str):
    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash("1")


_READABLE = 10**36 - 1  # the largest whole number within xborder's range


@given(
    st.decimals(min_value=-_READABLE, max_value=_READABLE, places=4)
    | st.integers(min_value=-_READABLE, max_value=_READABLE)
)
def test_to_decimal_reads_text_the_same_every_time(number: Decimal | int) -> None:
    # Read text is kept (a speed choice, bench_inventory): the second read
    # must give what the first gave, and what the uncached path gives.
    text = str(number)
    first = v.to_decimal(text)
    assert str(v.to_decimal(text)) == str(first)
    assert str(v._checked_decimal(text, None)) == str(first)


def test_to_decimal_caches_neither_errors_nor_str_subclasses() -> None:
    for _ in range(2):
        with pytest.raises(InvalidInputError) as caught:
            v.to_decimal("1e40", field="rate")
        assert caught.value.field == "rate"
    assert v.to_decimal(_Text("2.5")) == Decimal("2.5")
    assert str(v.to_decimal("1")) == "1"
    assert str(v.to_decimal(_Text("7"))) == "7"
    assert str(v.to_decimal("-0.00")) == str(v.to_decimal("-0.00")) == "0.00"


@given(st.integers(min_value=-(10**37), max_value=10**37))
def test_to_decimal_reads_ints_as_the_checked_path_does(number: int) -> None:
    try:
        expected = str(v._checked_decimal(number, "n"))
    except InvalidInputError:
        with pytest.raises(InvalidInputError):
            v.to_decimal(number, field="n")
        return
    assert str(v.to_decimal(number, field="n")) == expected
