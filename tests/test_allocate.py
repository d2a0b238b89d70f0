from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money, allocate, split
from xborder.money._allocate import _decimal_shares
from xborder.testing import strategies as xst


def _amounts(parts: tuple[Money, ...]) -> list[str]:
    return [str(part.amount) for part in parts]


def test_largest_remainder_gives_the_missing_cent_to_the_earliest_tie() -> None:
    assert _amounts(allocate(Money("100.00", "EUR"), [1, 1, 1])) == [
        "33.34",
        "33.33",
        "33.33",
    ]


def test_largest_remainder_prefers_the_largest_fraction() -> None:
    # Exact shares in cents 1428.571.., 2857.142.., 5714.285..: the floors sum
    # to 99.99 and the largest remainder (.571, the first part) gets the cent.
    assert _amounts(allocate(Money("100", "USD"), [1, 2, 4])) == [
        "14.29",
        "28.57",
        "57.14",
    ]
    # Reordered, the cent follows the remainder, not the position.
    assert _amounts(allocate(Money("100", "USD"), [4, 2, 1])) == [
        "57.14",
        "28.57",
        "14.29",
    ]


@pytest.mark.parametrize(
    ("cost", "weights", "expected"),
    [
        ("10.00", [1, 1], ["5.00", "5.00"]),  # equal split
        ("150.00", [5, 10], ["50.00", "100.00"]),  # by quantity: 5 and 10 units
        ("250.00", [5 * 10, 10 * 20], ["50.00", "200.00"]),  # by weight: 10/20 kg
        ("20.00", [5 * 1, 10 * Decimal("1.5")], ["5.00", "15.00"]),  # by volume
    ],
)
def test_golden_odoo_landed_cost_split_methods(
    cost: str, weights: list[int | Decimal], expected: list[str]
) -> None:
    # Odoo 14, addons/stock_landed_costs/tests/test_stock_landed_costs.py,
    # test_stock_landed_costs: moves of 5 and 10 units of products weighing
    # 10 and 20 kg with volumes 1 and 1.5; cost lines 10 (equal), 150 (by
    # quantity), 250 (by weight) and 20 (by volume).
    assert _amounts(allocate(Money(cost, "USD"), weights)) == expected


def test_decimal_weights_are_scaled_exactly() -> None:
    assert _amounts(allocate(Money("10", "JPY"), ["0.5", "0.3", "0.2"])) == [
        "5",
        "3",
        "2",
    ]
    assert _amounts(allocate(Money("1.000", "KWD"), ["1e-30", "2e-30"])) == [
        "0.333",
        "0.667",
    ]


def test_zero_weights_get_nothing() -> None:
    assert _amounts(allocate(Money("0.05", "USD"), [0, 1, 0, 1])) == [
        "0.00",
        "0.03",
        "0.00",
        "0.02",
    ]


def test_negative_amounts_allocate_as_the_mirror_image() -> None:
    assert _amounts(allocate(Money("-100.00", "EUR"), [1, 1, 1])) == [
        "-33.34",
        "-33.33",
        "-33.33",
    ]


def test_allocating_in_cash_steps() -> None:
    parts = allocate(Money("1.00", "CHF"), [1, 1, 1], step="0.05")
    assert _amounts(parts) == ["0.35", "0.35", "0.30"]


def test_split_into_equal_parts() -> None:
    assert _amounts(split(Money("0.05", "USD"), 3)) == ["0.02", "0.02", "0.01"]
    assert _amounts(split(Money("7", "JPY"), 1)) == ["7"]


def test_all_zero_weights_are_an_error_not_an_equal_split() -> None:
    with pytest.raises(InvalidInputError, match="no basis") as caught:
        allocate(Money("10.00", "EUR"), [0, 0])
    assert caught.value.field == "weights"


def test_negative_weight_is_named() -> None:
    with pytest.raises(InvalidInputError) as caught:
        allocate(Money("10.00", "EUR"), [1, -1])
    assert caught.value.field == "weights[1]"


def test_empty_weights_are_refused() -> None:
    with pytest.raises(InvalidInputError):
        allocate(Money("10.00", "EUR"), [])


def test_float_weight_is_refused() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        allocate(Money("10.00", "EUR"), [1, 0.5])  # type: ignore[list-item]
    assert caught.value.field == "weights[1]"


def test_unquantized_amount_must_be_rounded_first() -> None:
    with pytest.raises(InvalidInputError, match="quantize"):
        allocate(Money("10.005", "EUR"), [1, 1])


@pytest.mark.parametrize("parts", [0, -1])
def test_split_needs_at_least_one_part(parts: int) -> None:
    with pytest.raises(InvalidInputError, match="parts"):
        split(Money("1.00", "EUR"), parts)


def test_bad_arguments() -> None:
    with pytest.raises(InvalidTypeError):
        split(Money("1.00", "EUR"), 2.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        allocate(Decimal(1), [1])  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        allocate(Money("1.00", "EUR"), "12")
    with pytest.raises(InvalidInputError, match="step"):
        allocate(Money("1.00", "EUR"), [1], step=0)


_weights = st.lists(
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
    min_size=1,
    max_size=30,
).filter(any)


@given(xst.money_values(), _weights)
def test_allocation_conserves_the_total_and_stays_within_one_minor_unit(
    money: Money, weights: list[Decimal]
) -> None:
    parts = allocate(money, weights)
    assert len(parts) == len(weights)
    assert Money.total(parts, currency=money.currency) == money
    basis = sum(weights)
    unit = money.currency.minor_unit
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(money.amount) * Fraction(weight) / Fraction(basis)
        assert abs(Fraction(part.amount) - exact) < Fraction(unit)
        assert part.is_quantized()
        if weight == 0:
            assert part.is_zero()


@given(xst.money_values(min_value=0), _weights)
def test_non_negative_amounts_never_get_negative_parts(
    money: Money, weights: list[Decimal]
) -> None:
    assert all(not part.is_negative() for part in allocate(money, weights))


@given(xst.money_values(), _weights)
def test_allocation_is_deterministic(money: Money, weights: list[Decimal]) -> None:
    assert allocate(money, weights) == allocate(money, list(weights))


# Weights of any exponent (0.5, 12, 3E+2, 0.0001): the two ways of computing
# the shares must agree on every weight mix.
_mixed_weights = st.lists(
    st.decimals(min_value=0, max_value=10**9, allow_nan=False).map(
        lambda d: d.normalize() if d else d
    )
    | st.integers(min_value=0, max_value=10**6).map(Decimal),
    min_size=1,
    max_size=20,
).filter(any)


def _integer_weights(numbers: list[Decimal]) -> list[int]:
    # Every weight scaled by the same power of ten: 0.5 : 0.3 : 0.2 is 5 : 3 : 2.
    exponent = min(int(number.as_tuple().exponent) for number in numbers)
    return [int(number.scaleb(-exponent)) for number in numbers]


def _integer_shares(units: int, weights: list[int]) -> tuple[list[int], list[int]]:
    basis = sum(weights)
    shares = [units * weight // basis for weight in weights]
    return shares, [units * weight % basis for weight in weights]


@given(st.integers(min_value=0, max_value=10**12), _mixed_weights)
def test_decimal_shares_are_the_integer_shares(
    units: int, weights: list[Decimal]
) -> None:
    # allocate divides Decimals; the textbook way scales the weights to
    # integers. Both give the same shares and rank the remainders alike, so
    # the missing steps go to the same parts.
    shares, remainders = _decimal_shares(units, weights)
    int_shares, int_remainders = _integer_shares(units, _integer_weights(weights))
    assert shares == int_shares
    by_remainder = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    assert by_remainder == sorted(
        range(len(weights)), key=lambda i: (-int_remainders[i], i)
    )


@pytest.mark.parametrize(
    "weights",
    [
        [Decimal("9E+35"), Decimal("1E+35")],
        [Decimal("9E-100"), Decimal("1E-100")],
        [Decimal("9.99999E+35"), Decimal("1.11111E+35")],
    ],
    ids=["largest", "finest", "largest-digits"],
)
def test_weights_at_the_bounds_split_like_small_ones(weights: list[Decimal]) -> None:
    money = Money("10.00", "EUR")
    small = [w.scaleb(-w.adjusted() + 5) for w in weights]
    assert allocate(money, weights) == allocate(money, small)


def test_a_negative_weight_is_named_even_after_positive_ones() -> None:
    with pytest.raises(InvalidInputError) as caught:
        allocate(Money("10.00", "EUR"), [Decimal(3), 2, Decimal(-1), Decimal(-2)])
    assert caught.value.field == "weights[2]"


def test_weights_may_be_any_sequence() -> None:
    money = Money("10.00", "EUR")
    expected = allocate(money, [1, 3])
    assert allocate(money, (1, 3)) == expected
    assert allocate(money, range(1, 5, 2)) == expected


def test_an_amount_past_the_bounds_is_refused_by_name() -> None:
    # 9E+999999 EUR would be 9E+1000001 cents, past Decimal's exponent limit:
    # no constructor takes it, and an amount grown past the bounds by
    # arithmetic is refused before its steps are counted.
    with pytest.raises(InvalidInputError) as entering:
        Money("9E+999999", "EUR")
    assert entering.value.field == "amount"
    grown = Money("9E+35", "EUR") * Decimal("1E+35")
    with pytest.raises(InvalidInputError) as caught:
        allocate(grown, [1, 2])
    assert caught.value.field == "money"
    assert caught.value.value == grown


@pytest.mark.parametrize(
    ("arguments", "error", "field", "value"),
    [
        # It took 77 s: every quantize made half a million digits.
        (
            {"weights": [1], "step": Decimal("1E-500000")},
            InvalidInputError,
            "step",
            Decimal("1E-500000"),
        ),
        ({"weights": [None]}, InvalidTypeError, "weights[0]", None),
        (
            {"weights": [Decimal(1), Decimal("1E+999999999999999999")]},
            InvalidInputError,
            "weights[1]",
            Decimal("1E+999999999999999999"),
        ),
        ({"weights": [1, Decimal("1E+36")]}, InvalidInputError, "weights[1]", None),
        ({"weights": [1, Decimal("1E-101")]}, InvalidInputError, "weights[1]", None),
        ({"weights": "12"}, InvalidTypeError, "weights", "12"),
        ({"weights": {1: 2}}, InvalidTypeError, "weights", {1: 2}),
        ({"weights": 5}, InvalidTypeError, "weights", 5),
    ],
    ids=["fine-step", "None", "past-Emax", "1E+36", "1E-101", "str", "dict", "int"],
)
def test_bad_weights_and_steps_are_refused_by_name(
    arguments: dict[str, object], error: type[Exception], field: str, value: object
) -> None:
    with pytest.raises(error) as caught:
        allocate(Money("1.00", "EUR"), **arguments)  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field
    if value is not None:
        assert caught.value.value == value


@pytest.mark.parametrize(
    ("money", "parts", "error", "field"),
    [
        # The tuple of parts was built first: a MemoryError.
        (Money("1.00", "EUR"), 2**31, InvalidInputError, "parts"),
        (Money("1.00", "EUR"), 10**400, InvalidInputError, "parts"),  # OverflowError
        (Money("1.00", "EUR"), 1_000_001, InvalidInputError, "parts"),
        (Money("1.00", "EUR"), True, InvalidTypeError, "parts"),
        (5, 2**31, InvalidTypeError, "money"),  # money is checked first
        (Money("1.005", "EUR"), 2, InvalidInputError, "money"),
    ],
    ids=["2**31", "10**400", "million+1", "bool", "money-first", "unquantized"],
)
def test_split_checks_every_argument_before_any_work(
    money: object, parts: object, error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        split(money, parts)  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field
    assert caught.value.value in (money, parts)


def test_split_takes_up_to_a_million_parts() -> None:
    parts = split(Money("10000.00", "EUR"), 1_000_000)
    assert len(parts) == 1_000_000
    assert set(parts) == {Money("0.01", "EUR")}


@given(
    xst.money_values(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=1, max_value=50),
)
def test_split_is_allocate_with_equal_weights(money: Money, parts: int) -> None:
    assert split(money, parts) == allocate(money, [1] * parts)
