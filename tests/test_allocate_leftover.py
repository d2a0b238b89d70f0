"""Allocation conventions: where leftover minor units go (xborder.money.Leftover)."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Leftover, Money, RoundingMode, allocate
from xborder.testing import strategies as xst

_TAKERS = [Leftover.LAST_LINE, Leftover.LARGEST_LINE]


def _amounts(parts: tuple[Money, ...]) -> list[str]:
    return [str(part.amount) for part in parts]


@pytest.mark.parametrize(
    ("total", "leftover", "expected"),
    [
        ("1000.00", Leftover.LAST_LINE, ["333.33", "333.33", "333.34"]),
        ("800.00", Leftover.LAST_LINE, ["266.67", "266.67", "266.66"]),
        ("1000.00", Leftover.LARGEST_LINE, ["333.34", "333.33", "333.33"]),
        ("800.00", Leftover.LARGEST_LINE, ["266.66", "266.67", "266.67"]),
    ],
)
def test_golden_sap_equal_distribution_corrects_one_partner(
    total: str, leftover: Leftover, expected: list[str]
) -> None:
    # SAP RE-FX, data element RETMHASROUNDDIFF ("Rounding Differences"),
    # https://www.sapdatasheet.org/abap/dtel/retmhasrounddiff.html (read
    # 2026-12-07): 1000.00 over three partners is 333.33 each after currency
    # rounding, so one is corrected upward to 333.34; 800.00 is 266.67 each,
    # so one is corrected downward to 266.66. Equal weights: the last line,
    # or the first of the largest, is the corrected one.
    parts = allocate(
        Money(total, "EUR"), [1, 1, 1], leftover=leftover, rounding=RoundingMode.HALF_UP
    )
    assert _amounts(parts) == expected


def test_the_default_is_largest_remainder_unchanged() -> None:
    money = Money("800.00", "EUR")
    assert allocate(money, [1, 1, 1]) == allocate(
        money, [1, 1, 1], leftover=Leftover.LARGEST_REMAINDER
    )
    assert _amounts(allocate(money, [1, 1, 1])) == ["266.67", "266.67", "266.66"]
    # Largest remainder never rounds up a share by more than its remainder:
    # 1000/3 gives the extra cent to the first line.
    assert _amounts(allocate(Money("1000.00", "EUR"), [1, 1, 1])) == [
        "333.34",
        "333.33",
        "333.33",
    ]


def test_the_last_line_is_the_last_with_a_weight() -> None:
    parts = allocate(
        Money("1000.00", "EUR"),
        [1, 1, 1, 0, 0],
        leftover=Leftover.LAST_LINE,
        rounding=RoundingMode.HALF_UP,
    )
    assert _amounts(parts) == ["333.33", "333.33", "333.34", "0.00", "0.00"]


def test_the_largest_line_takes_the_rest_ties_to_the_earlier() -> None:
    # Exact shares 0.1428.. and 0.2857.. three times: rounded half up the
    # others are 0.14 + 0.29 + 0.29 = 0.72, so the first largest takes 0.28.
    parts = allocate(
        Money("1.00", "USD"),
        [1, 2, 2, 2],
        leftover=Leftover.LARGEST_LINE,
        rounding=RoundingMode.HALF_UP,
    )
    assert _amounts(parts) == ["0.14", "0.28", "0.29", "0.29"]


def test_the_rounding_of_the_other_lines_is_named() -> None:
    money = Money("200.00", "EUR")
    down = allocate(
        money, [1, 1, 1], leftover=Leftover.LAST_LINE, rounding=RoundingMode.DOWN
    )
    up = allocate(
        money, [1, 1, 1], leftover=Leftover.LAST_LINE, rounding=RoundingMode.UP
    )
    assert _amounts(down) == ["66.66", "66.66", "66.68"]
    assert _amounts(up) == ["66.67", "66.67", "66.66"]


def test_negative_amounts_mirror_with_a_symmetric_mode() -> None:
    parts = allocate(
        Money("-800.00", "EUR"),
        [1, 1, 1],
        leftover=Leftover.LAST_LINE,
        rounding=RoundingMode.HALF_UP,
    )
    assert _amounts(parts) == ["-266.67", "-266.67", "-266.66"]


def test_ceiling_and_floor_round_by_the_signed_share() -> None:
    # -66.666..: CEILING rounds toward +inf, to -66.66.
    parts = allocate(
        Money("-200.00", "EUR"),
        [1, 1, 1],
        leftover=Leftover.LAST_LINE,
        rounding=RoundingMode.CEILING,
    )
    assert _amounts(parts) == ["-66.66", "-66.66", "-66.68"]


def test_cash_steps() -> None:
    parts = allocate(
        Money("1.00", "CHF"),
        [1, 1, 1],
        step="0.05",
        leftover=Leftover.LAST_LINE,
        rounding=RoundingMode.HALF_UP,
    )
    assert _amounts(parts) == ["0.35", "0.35", "0.30"]


def test_a_taking_line_that_would_change_sign_is_refused_by_name() -> None:
    # Ten lines of half a cent each round up to a cent: nine cents of five.
    with pytest.raises(InvalidInputError) as caught:
        allocate(
            Money("0.05", "EUR"),
            [1] * 10,
            leftover=Leftover.LARGEST_LINE,
            rounding=RoundingMode.HALF_UP,
        )
    assert caught.value.field == "leftover"
    assert caught.value.value is Leftover.LARGEST_LINE
    assert "LARGEST_REMAINDER" in str(caught.value)


@pytest.mark.parametrize(
    ("arguments", "error", "field", "value"),
    [
        ({"leftover": "last_line"}, InvalidTypeError, "leftover", "last_line"),
        ({"leftover": None}, InvalidTypeError, "leftover", None),
        ({"leftover": Leftover.LAST_LINE}, InvalidInputError, "rounding", None),
        (
            {"rounding": RoundingMode.HALF_UP},
            InvalidInputError,
            "rounding",
            RoundingMode.HALF_UP,
        ),
        (
            {"leftover": Leftover.LARGEST_LINE, "rounding": "ROUND_HALF_UP"},
            InvalidTypeError,
            "rounding",
            "ROUND_HALF_UP",
        ),
        (
            {"leftover": Leftover.LARGEST_LINE, "rounding": decimal.ROUND_HALF_UP},
            InvalidTypeError,
            "rounding",
            decimal.ROUND_HALF_UP,
        ),
    ],
    ids=["str", "None", "no-rounding", "rounding-unused", "str-mode", "decimal-mode"],
)
def test_bad_conventions_are_refused_by_name(
    arguments: dict[str, object], error: type[Exception], field: str, value: object
) -> None:
    with pytest.raises(error) as caught:
        allocate(Money("1.00", "EUR"), [1, 2], **arguments)  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field
    assert caught.value.value == value


_weights = st.lists(
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
    min_size=1,
    max_size=30,
).filter(any)

_ORACLE = decimal.Context(prec=300, Emin=-999_999, Emax=999_999)


def _rounded_share(
    money: Money, weight: Decimal, basis: Decimal, mode: RoundingMode
) -> Decimal:
    # An independent oracle: the share to 300 digits, rounded by Decimal.
    # Shares are fractions with denominators below 1E+12, so no digit past
    # the 300th can move a share across a rounding boundary.
    exact = _ORACLE.divide(_ORACLE.multiply(money.amount, weight), basis)
    return exact.quantize(
        money.currency.minor_unit, rounding=mode.value, context=_ORACLE
    )


@given(
    xst.money_values(min_value=-(10**9), max_value=10**9),
    _weights,
    st.sampled_from(_TAKERS),
    st.sampled_from(RoundingMode),
)
def test_one_line_takes_the_rest_the_others_round_by_the_mode(
    money: Money, weights: list[Decimal], leftover: Leftover, mode: RoundingMode
) -> None:
    basis = sum(weights, Decimal(0))
    others = [_rounded_share(money, w, basis, mode) for w in weights]
    positive = [i for i, w in enumerate(weights) if w]
    taker = (
        positive[-1] if leftover is Leftover.LAST_LINE else weights.index(max(weights))
    )
    rest = money.amount - sum(o for i, o in enumerate(others) if i != taker)
    if rest * money.amount < 0:
        # The others, rounded, pass the total: the taking line would change
        # sign, and the call says so instead.
        with pytest.raises(InvalidInputError) as caught:
            allocate(money, weights, leftover=leftover, rounding=mode)
        assert caught.value.field == "leftover"
        return
    parts = allocate(money, weights, leftover=leftover, rounding=mode)
    assert Money.total(parts, currency=money.currency) == money
    for index, (part, weight) in enumerate(zip(parts, weights, strict=True)):
        if index == taker:
            assert part.amount == rest
        else:
            assert part.amount == others[index]
        if weight == 0:
            assert part.is_zero()
        assert part.is_quantized()


@given(
    xst.money_values(min_value=0, max_value=10**9),
    _weights,
    st.sampled_from(_TAKERS),
    st.sampled_from([RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.DOWN]),
)
def test_negative_amounts_are_the_mirror_image_under_a_symmetric_mode(
    money: Money, weights: list[Decimal], leftover: Leftover, mode: RoundingMode
) -> None:
    try:
        parts = allocate(money, weights, leftover=leftover, rounding=mode)
    except InvalidInputError:
        return
    mirrored = allocate(-money, weights, leftover=leftover, rounding=mode)
    assert mirrored == tuple(-part for part in parts)


@given(xst.money_values(min_value=0, max_value=10**9), _weights)
def test_rounding_down_never_refuses_and_the_last_line_gains_under_one_step_a_line(
    money: Money, weights: list[Decimal]
) -> None:
    # DOWN is the "truncate, then put what is left in one place" recipe: the
    # taking line gets at least its exact share, and less than one step more
    # for each other line with a weight.
    parts = allocate(
        money, weights, leftover=Leftover.LAST_LINE, rounding=RoundingMode.DOWN
    )
    taker = max(i for i, w in enumerate(weights) if w)
    exact = _ORACLE.divide(_ORACLE.multiply(money.amount, weights[taker]), sum(weights))
    others = sum(1 for w in weights if w) - 1
    gain = parts[taker].amount - exact
    assert gain >= 0
    assert gain < others * money.currency.minor_unit or gain == 0


@given(st.from_type(Leftover))
def test_leftover_resolves_from_type(leftover: Leftover) -> None:
    # Hypothesis draws any Enum by sampling its members: no registration.
    assert isinstance(leftover, Leftover)
