from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.kpi import UNDEFINED, MoneyRatio, Ratio, Undefined, UndefinedValueError
from xborder.kpi._ratio import ratio_of_money
from xborder.money import Money, RoundingMode
from xborder.testing import strategies as xst

counts = st.integers(min_value=0, max_value=10**9)
amounts = st.decimals(
    min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False
)

# -- Undefined ------------------------------------------------------------------


def test_a_zero_denominator_is_undefined_not_zero_and_not_an_error() -> None:
    ratio = Ratio(5, 0)
    assert ratio.value is UNDEFINED
    value: object = ratio.value
    assert value != 0  # an undefined KPI never equals zero
    assert not ratio.is_defined
    assert ratio.percent is UNDEFINED
    assert ratio.round(2, RoundingMode.HALF_UP) is UNDEFINED
    assert ratio.as_fraction() is UNDEFINED
    assert ratio.format_percent(1, RoundingMode.HALF_UP) == "undefined"


def test_undefined_has_no_truth_value() -> None:
    with pytest.raises(UndefinedValueError) as caught:
        bool(UNDEFINED)
    assert isinstance(caught.value, TypeError)
    assert "value_or" in str(caught.value)


@pytest.mark.parametrize(
    "misuse",
    [
        lambda u: u + 1,
        lambda u: 1 + u,
        lambda u: u * Decimal(2),
        lambda u: u - 1,
        lambda u: u / 2,
        lambda u: -u,
        lambda u: u < 0,
        lambda u: u >= Decimal(0),
        float,
        int,
        Decimal,
        lambda u: round(u, 2),
        lambda u: sum([u, u]),
        lambda u: max(u, 0),
    ],
)
def test_undefined_cannot_be_used_as_a_number(misuse: object) -> None:
    with pytest.raises(TypeError):
        misuse(UNDEFINED)  # type: ignore[operator]


def test_undefined_prints_as_undefined_even_with_a_number_format() -> None:
    assert str(UNDEFINED) == "undefined"
    assert repr(UNDEFINED) == "UNDEFINED"
    assert f"{UNDEFINED:.2f}" == "undefined"
    assert f"{UNDEFINED:>11}" == "  undefined"
    assert f"{UNDEFINED:*^13.1%}" == "**undefined**"


def test_undefined_is_one_value_that_survives_pickling() -> None:
    assert Undefined("undefined") is UNDEFINED
    assert pickle.loads(pickle.dumps(UNDEFINED)) is UNDEFINED  # noqa: S301


def test_value_or_makes_the_stand_in_explicit() -> None:
    assert Ratio(0, 0).value_or(Decimal(0)) == 0
    assert Ratio(0, 0).value_or(None) is None
    assert Ratio(1, 4).value_or(None) == Decimal("0.25")
    assert MoneyRatio(amount=Money("5", "USD"), count=0).value_or(None) is None


# -- Ratio ------------------------------------------------------------------------


def test_ratio_value_percent_and_rounding() -> None:
    acos = Ratio(63, 254)
    assert acos.value == Decimal("0.2480314960629921259842519685039370")
    assert acos.round(3, RoundingMode.HALF_UP) == Decimal("0.248")
    assert acos.round_percent(1, RoundingMode.HALF_UP) == Decimal("24.8")
    assert acos.format_percent(0, RoundingMode.HALF_UP) == "25%"
    assert acos.as_fraction() == Fraction(63, 254)
    assert str(Ratio(1, 4)) == "0.25 (1/4)"
    assert repr(Ratio(1, 4)) == "Ratio(Decimal('1'), Decimal('4'))"


def test_division_keeps_34_significant_digits() -> None:
    third = Ratio(1, 3).value
    assert isinstance(third, Decimal)
    assert len(third.as_tuple().digits) == 34


def test_ratio_parts_are_checked() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Ratio(0.5, 1)  # type: ignore[arg-type]
    assert caught.value.field == "numerator"
    with pytest.raises(InvalidInputError) as nan:
        Ratio(1, "NaN")
    assert nan.value.field == "denominator"


def test_rounding_needs_a_named_mode_and_int_places() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Ratio(1, 3).round(2, "half-up")  # type: ignore[arg-type]
    assert caught.value.field == "mode"
    with pytest.raises(InvalidTypeError) as places:
        Ratio(1, 3).round(2.0, RoundingMode.HALF_UP)  # type: ignore[arg-type]
    assert places.value.field == "places"


def test_inverse_swaps_parts() -> None:
    assert Ratio(2, 10).inverse() == Ratio(10, 2)
    assert Ratio(0, 10).inverse().value is UNDEFINED


def test_pool_sums_parts_and_keeps_the_undefined_ones_numerator() -> None:
    # Spend with no sales (ACOS undefined) still raises the pooled ACOS.
    pooled = Ratio.pool([Ratio(20, 100), Ratio(5, 0)])
    assert pooled == Ratio(25, 100)
    assert Ratio.pool([]).value is UNDEFINED
    assert Ratio(1, 2).pooled_with(Ratio(3, 4)) == Ratio(4, 6)


def test_pool_names_a_wrong_item() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Ratio.pool([Ratio(1, 2), Decimal("0.5")])  # type: ignore[list-item]
    assert caught.value.field == "ratios[1]"
    with pytest.raises(InvalidTypeError):
        Ratio(1, 2).pooled_with(Decimal(1))  # type: ignore[arg-type]


@given(st.lists(st.tuples(counts, counts), max_size=20))
def test_pooling_equals_dividing_the_sums(parts: list[tuple[int, int]]) -> None:
    pooled = Ratio.pool(Ratio(n, d) for n, d in parts)
    total_d = sum(d for _, d in parts)
    if total_d == 0:
        assert pooled.value is UNDEFINED
    else:
        assert pooled.as_fraction() == Fraction(sum(n for n, _ in parts), total_d)


@given(st.lists(st.tuples(counts, counts.filter(bool)), min_size=1, max_size=10))
def test_pooled_defined_ratios_lie_between_the_extremes(
    parts: list[tuple[int, int]],
) -> None:
    # A weighted mean of the parts (an undefined part may push it beyond them,
    # since its numerator still counts: see the test above).
    values = [Fraction(n, d) for n, d in parts]
    pooled = Ratio.pool(Ratio(n, d) for n, d in parts).as_fraction()
    assert isinstance(pooled, Fraction)
    assert min(values) <= pooled <= max(values)


@given(counts, counts)
def test_undefined_iff_denominator_is_zero(n: int, d: int) -> None:
    ratio = Ratio(n, d)
    assert (ratio.value is UNDEFINED) == (d == 0)
    value = ratio.value
    if value is not UNDEFINED:
        assert isinstance(value, Decimal)


# -- ratios of money ---------------------------------------------------------------


def test_ratio_of_money_refuses_two_currencies() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        ratio_of_money(Money("1", "USD"), Money("2", "EUR"), field="sales")
    assert caught.value.field == "sales"
    with pytest.raises(InvalidTypeError) as bare:
        ratio_of_money(Money("1", "USD"), Decimal(2), field="sales")  # type: ignore[arg-type]
    assert bare.value.field == "sales"


# -- MoneyRatio ------------------------------------------------------------------


def test_money_ratio_value_rounding_and_scale() -> None:
    cpc = MoneyRatio(amount=Money("63.00", "USD"), count=90)
    assert cpc.value == Money("0.7", "USD")
    assert cpc.round(RoundingMode.HALF_UP) == Money("0.70", "USD")
    assert cpc.format(RoundingMode.HALF_UP) == "0.70 USD"
    cpm = MoneyRatio(amount=Money("12", "EUR"), count=8000, scale=1000)
    assert cpm.value == Money("1.5", "EUR")
    assert repr(cpm) == (
        "MoneyRatio(amount=Money('12', 'EUR'), count=Decimal('8000'), "
        "scale=Decimal('1000'))"
    )
    assert str(MoneyRatio(amount=Money("5", "USD"), count=0)).startswith("undefined")


def test_money_ratio_undefined_and_pooling() -> None:
    empty = MoneyRatio(amount=Money("5", "JPY"), count=0)
    assert empty.value is UNDEFINED
    assert empty.round(RoundingMode.HALF_UP) is UNDEFINED
    assert empty.format(RoundingMode.HALF_UP) == "undefined"
    pooled = empty.pooled_with(MoneyRatio(amount=Money("15", "JPY"), count=4))
    assert pooled.value == Money(5, "JPY")


def test_money_ratio_checks_its_parts() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        MoneyRatio(amount=Decimal(5), count=1)  # type: ignore[arg-type]
    assert caught.value.field == "amount"
    with pytest.raises(InvalidInputError) as scale:
        MoneyRatio(amount=Money("5", "USD"), count=1, scale=0)
    assert scale.value.field == "scale"
    cpc = MoneyRatio(amount=Money("5", "USD"), count=1)
    with pytest.raises(InvalidInputError) as mixed:
        cpc.pooled_with(MoneyRatio(amount=Money("5", "USD"), count=1, scale=1000))
    assert mixed.value.field == "other.scale"
    with pytest.raises(CurrencyMismatchError):
        cpc.pooled_with(MoneyRatio(amount=Money("5", "EUR"), count=1))
    with pytest.raises(InvalidTypeError):
        cpc.pooled_with(Ratio(1, 2))  # type: ignore[arg-type]


@given(xst.money_values(min_value=0, max_value=10**6), counts)
def test_money_ratio_value_times_count_is_the_amount(money: Money, n: int) -> None:
    ratio = MoneyRatio(amount=money, count=n)
    value = ratio.value
    if n == 0:
        assert value is UNDEFINED
    else:
        assert isinstance(value, Money)
        tolerance = Decimal("1e-20") * max(Decimal(1), money.amount)
        assert abs((value * n - money).amount) <= tolerance
