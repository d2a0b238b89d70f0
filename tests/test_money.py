from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    UnknownCurrencyError,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.money._money import (
    money_value,
    non_negative_money,
    optional_money,
    round_to_step,
    to_minor_unit,
)
from xborder.testing import strategies as xst
from xborder.units import quantity

if TYPE_CHECKING:
    from collections.abc import Callable

EUR = Currency("EUR")

# -- Currency -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "exponent", "cash"),
    [
        ("USD", 2, None),
        ("EUR", 2, None),
        ("JPY", 0, None),
        ("KWD", 3, None),
        ("BHD", 3, None),
        ("CLF", 4, None),
        ("CHF", 2, Decimal("0.05")),
        ("CAD", 2, Decimal("0.05")),
        ("SEK", 2, Decimal(1)),
        ("HUF", 2, Decimal(1)),
        ("DKK", 2, Decimal("0.50")),
    ],
)
def test_currency_reads_minor_units_and_cash_increments_from_cldr(
    code: str, exponent: int, cash: Decimal | None
) -> None:
    currency = Currency(code)
    assert currency.exponent == exponent
    assert currency.cash_increment == cash
    assert currency.minor_unit == Decimal(1).scaleb(-exponent)
    assert currency.cash_unit == (cash or currency.minor_unit)


@pytest.mark.parametrize("code", ["XXZ", "usd", "EURO", ""])
def test_unknown_or_lower_case_codes_are_refused(code: str) -> None:
    # babel would give 'XXZ' two decimals without complaint.
    with pytest.raises(UnknownCurrencyError) as caught:
        Currency(code)
    assert caught.value.field == "code"
    assert caught.value.value == code


def test_currency_code_must_be_text() -> None:
    with pytest.raises(InvalidTypeError):
        Currency(978)  # type: ignore[arg-type]


def test_exponent_override_is_explicit_and_distinct() -> None:
    two_digit_yen = Currency("JPY", exponent=2)
    assert two_digit_yen != Currency("JPY")
    assert repr(two_digit_yen) == "Currency('JPY', exponent=2, cash_increment=None)"
    assert repr(Currency("JPY")) == "Currency('JPY')"
    with pytest.raises(InvalidInputError, match="exponent"):
        Currency("JPY", exponent=-1)
    with pytest.raises(InvalidInputError, match="cash_increment"):
        Currency("CHF", cash_increment="0")


# -- Money construction --------------------------------------------------------


def test_money_accepts_decimal_int_and_text_and_currency_codes() -> None:
    assert Money("12.50", "EUR") == Money(Decimal("12.50"), EUR)
    assert Money(3, "JPY").amount == Decimal(3)
    assert str(Money("12.50", "EUR")) == "12.50 EUR"
    assert repr(Money("12.50", "EUR")) == "Money('12.50', 'EUR')"


@pytest.mark.parametrize("amount", [0.1, True, "NaN", "Infinity", "twelve", None])
def test_money_refuses_floats_bools_and_non_finite_amounts(amount: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Money(amount, "EUR")  # type: ignore[arg-type]
    assert caught.value.field == "amount"


def test_money_refuses_unknown_currency_naming_the_field() -> None:
    with pytest.raises(UnknownCurrencyError) as caught:
        Money(1, "XXZ")
    assert caught.value.field == "currency"


def test_str_never_uses_exponent_notation() -> None:
    assert str(Money(Decimal("1E+3"), "USD")) == "1000 USD"


def test_equal_amounts_with_different_exponents_are_equal_and_hash_alike() -> None:
    assert Money("1.0", "EUR") == Money("1.00", "EUR")
    assert hash(Money("1.0", "EUR")) == hash(Money("1.00", "EUR"))
    assert Money("1", "EUR") != Money("1", "USD")
    assert Money("1", "EUR") != Decimal(1)


def test_minor_units_round_trip() -> None:
    assert Money.of_minor_units(1999, "USD") == Money("19.99", "USD")
    assert Money("19.99", "USD").minor_units == 1999
    assert Money.of_minor_units(5, "KWD").amount == Decimal("0.005")
    assert Money.of_minor_units(120, "JPY").minor_units == 120
    with pytest.raises(InvalidInputError, match="quantize first"):
        _ = Money("0.001", "USD").minor_units
    with pytest.raises(InvalidTypeError):
        Money.of_minor_units(1.5, "USD")  # type: ignore[arg-type]


# -- arithmetic ----------------------------------------------------------------


def test_add_subtract_negate_within_a_currency() -> None:
    a, b = Money("10.10", "EUR"), Money("0.95", "EUR")
    assert a + b == Money("11.05", "EUR")
    assert a - b == Money("9.15", "EUR")
    assert -a == Money("-10.10", "EUR")
    assert abs(-a) == a
    assert +a is a


def test_mixing_currencies_raises_a_mismatch_that_callers_of_both_libraries_catch() -> (
    None
):
    with pytest.raises(CurrencyMismatchError) as caught:
        _ = Money(1, "EUR") + Money(1, "USD")
    assert caught.value.field == "other"
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, TypeError)
    for compare in (
        lambda: Money(1, "EUR") < Money(1, "USD"),
        lambda: Money(1, "EUR") - Money(1, "USD"),
        lambda: Money(1, "EUR") / Money(1, "USD"),
    ):
        with pytest.raises(CurrencyMismatchError):
            compare()


@pytest.mark.parametrize("other", [1, Decimal(1), "1", None])
def test_adding_a_non_money_is_refused(other: object) -> None:
    with pytest.raises(InvalidTypeError):
        _ = Money(1, "EUR") + other  # type: ignore[operator]
    with pytest.raises(InvalidTypeError):
        _ = Money(1, "EUR") < other  # type: ignore[operator]


def test_multiplication_is_exact_and_refuses_floats_and_money() -> None:
    assert Money("19.99", "EUR") * 3 == Money("59.97", "EUR")
    assert 3 * Money("19.99", "EUR") == Money("59.97", "EUR")
    assert Money("19.99", "EUR") * Decimal("0.19") == Money("3.7981", "EUR")
    with pytest.raises(InvalidTypeError, match="factor"):
        _ = Money("1", "EUR") * 1.5  # type: ignore[operator]
    with pytest.raises(InvalidTypeError, match="Money times Money"):
        _ = Money("1", "EUR") * Money("1", "EUR")  # type: ignore[operator]


def test_huge_sums_keep_every_digit() -> None:
    # The default decimal context (28 digits) would round this sum silently.
    big = Money(Decimal(10) ** 25, "USD")
    assert (big + Money("0.01", "USD")).amount == Decimal(10) ** 25 + Decimal("0.01")


def test_division_by_number_and_by_money() -> None:
    assert Money("10.00", "USD") / 4 == Money("2.5", "USD")
    assert Money("10.00", "USD") / Money("4", "USD") == Decimal("2.5")
    third = Money("1", "USD") / 3
    assert third.quantize(RoundingMode.HALF_UP) == Money("0.33", "USD")


def test_division_by_zero_is_an_input_error_not_zero_division_error() -> None:
    with pytest.raises(InvalidInputError, match="divisor"):
        _ = Money("1", "USD") / 0
    with pytest.raises(InvalidInputError, match="divisor"):
        _ = Money("1", "USD") / Money("0", "USD")


def test_comparisons() -> None:
    small, large = Money("1.00", "GBP"), Money("2", "GBP")
    assert small < large
    assert small <= Money("1", "GBP")
    assert large > small
    assert large >= Money("2.000", "GBP")
    assert Money.zero("GBP").is_zero()
    assert (-small).is_negative()
    assert not small.is_negative()


def test_total_of_an_empty_iterable_is_zero_in_the_given_currency() -> None:
    assert Money.total([], currency="JPY") == Money(0, "JPY")
    with pytest.raises(CurrencyMismatchError):
        Money.total([Money(1, "USD")], currency="EUR")


def test_negative_zero_is_normalised() -> None:
    assert str(-Money("0.00", "EUR")) == "0.00 EUR"
    rounded = Money("-0.004", "EUR").quantize(RoundingMode.HALF_UP)
    assert str(rounded) == "0.00 EUR"


@given(xst.money_values(currency=st.just(EUR)), xst.money_values(currency=st.just(EUR)))
def test_addition_is_commutative(a: Money, b: Money) -> None:
    assert a + b == b + a


@given(
    xst.money_values(currency=st.just(EUR)),
    xst.money_values(currency=st.just(EUR)),
    xst.money_values(currency=st.just(EUR)),
)
def test_addition_is_associative(a: Money, b: Money, c: Money) -> None:
    assert (a + b) + c == a + (b + c)


@given(xst.money_values())
def test_zero_is_the_identity_and_negation_the_inverse(a: Money) -> None:
    assert a + Money.zero(a.currency) == a
    assert (a - a).is_zero()
    assert a + (-a) == Money.zero(a.currency)


# -- rounding ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "code", "mode", "expected"),
    [
        # The three defaults that disagree across money libraries (see the
        # research notes): half-up vs half-even on the same ties.
        ("10.005", "USD", RoundingMode.HALF_UP, "10.01"),
        ("10.005", "USD", RoundingMode.HALF_EVEN, "10.00"),
        ("10.015", "USD", RoundingMode.HALF_EVEN, "10.02"),
        ("1234.5", "JPY", RoundingMode.HALF_UP, "1235"),
        ("1234.5", "JPY", RoundingMode.HALF_EVEN, "1234"),
        ("1.0005", "KWD", RoundingMode.HALF_UP, "1.001"),
        ("-2.5", "JPY", RoundingMode.HALF_UP, "-3"),
        ("-2.5", "JPY", RoundingMode.HALF_DOWN, "-2"),
        ("2.01", "JPY", RoundingMode.UP, "3"),
        ("-2.01", "JPY", RoundingMode.UP, "-3"),
        ("2.99", "JPY", RoundingMode.DOWN, "2"),
        ("-2.99", "JPY", RoundingMode.CEILING, "-2"),
        ("-2.01", "JPY", RoundingMode.FLOOR, "-3"),
        # One UK worked example rounds £4.025 of duty down (landed-cost notes).
        ("4.025", "GBP", RoundingMode.DOWN, "4.02"),
    ],
)
def test_quantize_rounds_with_the_named_mode(
    amount: str, code: str, mode: RoundingMode, expected: str
) -> None:
    rounded = Money(amount, code).quantize(mode)
    assert str(rounded.amount) == expected
    assert rounded.is_quantized()


def test_quantize_requires_a_rounding_mode() -> None:
    with pytest.raises(InvalidTypeError, match="mode"):
        Money("1.005", "USD").quantize("ROUND_HALF_UP")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "code", "mode", "expected"),
    [
        ("10.03", "CHF", RoundingMode.HALF_UP, "10.05"),
        ("10.02", "CHF", RoundingMode.HALF_UP, "10.00"),
        ("10.025", "CHF", RoundingMode.HALF_UP, "10.05"),
        ("10.025", "CHF", RoundingMode.HALF_DOWN, "10.00"),
        ("-10.03", "CHF", RoundingMode.FLOOR, "-10.05"),
        ("99.50", "SEK", RoundingMode.HALF_EVEN, "100"),
        ("10.24", "DKK", RoundingMode.HALF_UP, "10.00"),
        ("10.25", "DKK", RoundingMode.HALF_UP, "10.50"),
        ("10.03", "EUR", RoundingMode.HALF_UP, "10.03"),  # no cash step: minor unit
    ],
)
def test_round_to_cash_uses_the_cash_increment(
    amount: str, code: str, mode: RoundingMode, expected: str
) -> None:
    assert str(Money(amount, code).round_to_cash(mode).amount) == expected


def test_cash_rounding_with_a_non_terminating_step() -> None:
    odd = Currency("EUR", cash_increment="0.03")
    assert str(Money("0.05", odd).round_to_cash(RoundingMode.HALF_UP).amount) == "0.06"
    assert str(Money("0.04", odd).round_to_cash(RoundingMode.HALF_UP).amount) == "0.03"


@given(
    xst.money_values(),
    st.decimals(places=6, min_value=-1000, max_value=1000, allow_nan=False),
    xst.rounding_modes(),
)
def test_quantize_is_idempotent_and_within_one_minor_unit(
    base: Money, extra: Decimal, mode: RoundingMode
) -> None:
    money = base * (1 + extra)
    once = money.quantize(mode)
    assert once.quantize(mode) == once
    assert once.is_quantized()
    assert abs(once.amount - money.amount) < money.currency.minor_unit


@given(xst.money_values(currency=st.just(Currency("CHF"))), xst.rounding_modes())
def test_cash_rounding_lands_on_the_cash_step(money: Money, mode: RoundingMode) -> None:
    rounded = money.round_to_cash(mode)
    assert rounded.amount % Decimal("0.05") == 0
    assert abs(rounded.amount - money.amount) < Decimal("0.05")


@pytest.mark.parametrize("exponent", [0, 1, 2, 3, 4, 8])
def test_the_minor_unit_is_one_power_of_ten_shared_by_currencies(exponent: int) -> None:
    # Read on every rounding, so it is computed once per exponent: the same
    # Decimal, digit for digit, as 1 scaled by the exponent.
    unit = Currency("EUR", exponent=exponent).minor_unit
    assert unit.as_tuple() == Decimal(1).scaleb(-exponent).as_tuple()
    assert Currency("USD", exponent=exponent).minor_unit is unit


@given(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from(["USD", "JPY", "KWD", "CLF", "CHF"]),
    st.integers(min_value=0, max_value=6),
    xst.rounding_modes(),
)
def test_rounding_to_the_minor_unit_is_round_to_step_to_the_exponent(
    amount: Decimal, code: str, exponent: int, mode: RoundingMode
) -> None:
    # The fast path under Money.quantize, fx.convert and every landed-cost
    # figure: the same Decimal, coefficient and exponent, as the general
    # rounding, for CLDR's minor units and for overridden ones.
    for currency in (Currency(code), Currency(code, exponent=exponent)):
        fast = to_minor_unit(amount, currency, mode)
        general = round_to_step(amount, currency.minor_unit, mode)
        assert fast.as_tuple() == general.as_tuple()
        quantized = Money(amount, currency).quantize(mode).amount
        assert quantized.as_tuple() == (fast or fast.copy_abs()).as_tuple()


def test_money_converters_for_other_models() -> None:
    price = Money("1.00", "EUR")
    assert money_value(price) is price
    assert optional_money(None) is None
    assert non_negative_money(Money.zero("EUR")) == Money.zero("EUR")
    with pytest.raises(InvalidTypeError):
        money_value(Decimal(1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        non_negative_money(-price)
    with pytest.raises(InvalidInputError):
        optional_money(-price)


# -- results beyond Decimal's exponent limit -----------------------------------


@functools.cache
def _past_the_bounds(currency: str) -> Money:
    """9E+999999: no constructor takes it, but exact arithmetic can reach it.

    Amounts enter below 1E+36; products of them are exact at any size, up to
    Decimal's own exponent limit.
    """
    amount = Money("9", currency)
    for _ in range(28_571):  # 35 x 28,571 = 999,985
        amount *= Decimal("1E+35")
    return amount * Decimal("1E+14")


@pytest.mark.parametrize(
    ("operation", "field"),
    [
        (lambda huge: huge + huge, "other"),
        (lambda huge: -huge - huge, "other"),
        (lambda huge: huge * 10, "factor"),
        (lambda huge: huge / Decimal("0.1"), "divisor"),
        (
            lambda _: _past_the_bounds("CHF").round_to_cash(RoundingMode.HALF_UP),
            "amount",
        ),
    ],
    ids=["add", "subtract", "multiply", "divide", "round_to_cash"],
)
def test_a_result_past_the_exponent_limit_is_an_input_error(
    operation: Callable[[Money], object], field: str
) -> None:
    # It was a bare decimal.Overflow.
    huge = _past_the_bounds("EUR")
    assert huge.amount == Decimal("9E+999999")
    with pytest.raises(InvalidInputError) as caught:
        operation(huge)
    assert caught.value.field == field


def test_amounts_at_the_bounds_still_add_and_quantize_exactly() -> None:
    total = Money("9.99E+35", "EUR") + Money("1E-100", "EUR")
    assert total.amount == Decimal("999" + "0" * 33 + "." + "0" * 99 + "1")
    assert total.quantize(RoundingMode.HALF_UP).amount == Decimal("9.99E+35")
    rounded_up = total.quantize(RoundingMode.UP).amount
    assert rounded_up == Decimal("999" + "0" * 33 + ".01")


@pytest.mark.parametrize(
    ("amount", "value"),
    [
        ("1E+36", "1E+36"),
        ("-1E+36", "-1E+36"),
        ("9E+999999", "9E+999999"),
        ("1E-101", "1E-101"),
        (Decimal("1E-999999"), Decimal("1E-999999")),
        (10**36, 10**36),
        ("9" * 5000, "9" * 5000),
        ("\u0661\u0662\u0663", "\u0661\u0662\u0663"),  # Arabic-Indic 123
    ],
    ids=["1E+36", "-1E+36", "9E+999999", "1E-101", "tiny", "int", "long", "arabic"],
)
def test_an_amount_out_of_bounds_is_refused_where_it_enters(
    amount: object, value: object
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Money(amount, "EUR")  # type: ignore[arg-type]
    assert caught.value.field == "amount"
    assert caught.value.value == value


def test_negative_zero_is_zero() -> None:
    assert str(Money("-0.00", "EUR")) == "0.00 EUR"
    assert not Money(Decimal("-0"), "EUR").amount.is_signed()
    assert not (-Money("0.00", "EUR")).amount.is_signed()


def test_total_names_the_bad_item_and_refuses_a_non_iterable() -> None:
    with pytest.raises(CurrencyMismatchError) as mismatch:
        Money.total([Money(1, "EUR"), Money(1, "USD")], currency="EUR")
    assert mismatch.value.field == "values[1]"
    with pytest.raises(InvalidTypeError) as wrong:
        Money.total([Money(1, "EUR"), 5], currency="EUR")  # type: ignore[list-item]
    assert wrong.value.field == "values[1]"
    with pytest.raises(InvalidTypeError) as scalar:
        Money.total(5, currency="EUR")  # type: ignore[arg-type]
    assert scalar.value.field == "values"


@pytest.mark.parametrize(
    "values",
    [quantity(1, "day"), "1.00", {"a": Money(1, "EUR")}, b"12"],
    ids=["pint-scalar", "str", "mapping", "bytes"],
)
def test_total_refuses_what_is_no_sequence_by_name(values: object) -> None:
    # A scalar pint quantity declares __iter__ and raised a bare TypeError.
    with pytest.raises(InvalidTypeError) as caught:
        Money.total(values, currency="EUR")  # type: ignore[arg-type]
    assert caught.value.field == "values"
    assert caught.value.value is values


@pytest.mark.parametrize(
    ("build", "field", "value"),
    [
        (lambda: Money(1, Currency("XTS", exponent=2**63)), "exponent", 2**63),
        (lambda: Money(1, Currency("XTS", exponent=19)), "exponent", 19),
        (lambda: Money.of_minor_units(10**40, "EUR"), "units", 10**40),
        (lambda: Money("1", "EUR") * Decimal("1E-101"), "factor", Decimal("1E-101")),
        (lambda: Money("1", "EUR") / Decimal("1E+36"), "divisor", Decimal("1E+36")),
        (
            lambda: Money("1", "EUR").quantize("HALF_UP"),  # type: ignore[arg-type]
            "mode",
            "HALF_UP",
        ),
    ],
    ids=["exponent-2**63", "exponent-19", "minor-units", "factor", "divisor", "mode"],
)
def test_arguments_past_the_bounds_are_refused_where_they_enter(
    build: Callable[[], object], field: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        build()
    assert caught.value.field == field
    assert caught.value.value == value
