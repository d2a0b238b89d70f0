"""Exact allocation of an amount across weights (private; see :mod:`xborder.money`)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder._validate import (
    IN_RANGE,
    DecimalInput,
    in_range,
    items_of,
    positive_count,
    to_decimal,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.money._money import Money, _make

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["allocate", "split"]


def allocate(
    money: Money, weights: Sequence[DecimalInput], *, step: DecimalInput | None = None
) -> tuple[Money, ...]:
    r"""Split ``money`` in proportion to ``weights`` so the parts sum to it exactly.

    Freight shared across order lines, a discount spread over items, duty
    split by value: each part is the exact share rounded down to a whole
    ``step`` (the minor unit unless given), then the steps still missing go one
    each to the parts with the largest remainders (the Hamilton, or largest
    remainder, method). Ties go to the earlier part, so the result is
    deterministic.

    Guarantees: the parts sum to ``money`` exactly; each part is within one
    step of its exact share $money \cdot w_i / \sum w$; a zero weight gets
    zero; for a non-negative amount no part is negative (a negative amount
    gives non-positive parts, mirrored).

    Args:
        money: The amount to split; a whole number of steps.
        weights: Non-negative weights, at least one positive: values,
            quantities, kilograms, or any other basis.
        step: The unit to allocate in, such as a cash increment (CHF 0.05).
            Defaults to the currency's minor unit.

    Returns:
        One part per weight, in the same order.

    Raises:
        InvalidInputError: ``money`` is not a whole number of steps (quantize
            first), a weight is negative, or every weight is zero (there is no
            basis to split on, and a silent equal split would hide the bug).

    Examples:
        >>> [str(part) for part in allocate(Money("100.00", "EUR"), [1, 1, 1])]
        ['33.34 EUR', '33.33 EUR', '33.33 EUR']
        >>> [str(part) for part in allocate(Money("10", "JPY"), ["0.5", "0.3", "0.2"])]
        ['5 JPY', '3 JPY', '2 JPY']
    """
    unit = _step(money, step)
    units = _whole_steps(money, unit)
    shares = _largest_remainder(abs(units), _checked_weights(weights))
    sign = -1 if units < 0 else 1
    multiply, currency = EXACT.multiply, money.currency
    return tuple(
        [_make(multiply(Decimal(sign * share), unit), currency) for share in shares]
    )


def split(money: Money, parts: int) -> tuple[Money, ...]:
    """Split ``money`` into ``parts`` equal shares that sum to it exactly.

    The same parts as ``allocate(money, [1] * parts)``: every part gets the
    same whole number of minor units, and the units left over go one each
    to the first parts.

    Args:
        money: The amount to split; a whole number of minor units.
        parts: How many shares, from 1 to 1,000,000.

    Raises:
        InvalidInputError: ``parts`` is below 1 or above 1,000,000 (each
            part is an object in memory), or ``money`` is not a whole number
            of minor units.

    Examples:
        >>> [str(part) for part in split(Money("0.05", "USD"), 3)]
        ['0.02 USD', '0.02 USD', '0.01 USD']
    """
    unit = _step(money, None)
    count = _parts(parts)
    units = _whole_steps(money, unit)
    share, extra = divmod(abs(units), count)
    sign = -1 if units < 0 else 1
    currency = money.currency
    larger = _make(EXACT.multiply(Decimal(sign * (share + 1)), unit), currency)
    smaller = _make(EXACT.multiply(Decimal(sign * share), unit), currency)
    return (larger,) * extra + (smaller,) * (count - extra)


# Each part is an object in memory: a million parts (a cent each of 10,000
# EUR) is more than any invoice, shipment or payout schedule has, while a
# typo such as 2**31 would exhaust memory before anything else was checked.
_MAX_PARTS = 1_000_000


def _parts(parts: int) -> int:
    try:
        count = positive_count(parts)  # NumPy and Arrow ints read as int
    except XborderError as error:
        raise error.in_field("parts") from None
    if count > _MAX_PARTS:
        raise InvalidInputError(
            "each part is a Money in memory",
            field="parts",
            value=parts,
            expected=f"an int from 1 to {_MAX_PARTS:,}",
        )
    return count


def _step(money: Money, step: DecimalInput | None) -> Decimal:
    if not isinstance(money, Money):
        raise InvalidTypeError(field="money", value=money, expected="Money")
    if not in_range(money.amount):
        # Money built by arithmetic (1E+35 × 1E+35) may leave the bounds a
        # constructor enforces; counting its steps could overflow.
        raise InvalidInputError(field="money", value=money, expected=IN_RANGE)
    if step is None:
        return money.currency.minor_unit
    unit = to_decimal(step, field="step")
    if unit <= 0:
        raise InvalidInputError(field="step", value=step, expected="a step > 0")
    return unit


def _whole_steps(money: Money, unit: Decimal) -> int:
    # Exact: the amount and the step are within xborder's bounds (below
    # 1E+36, no digit below 1E-100), so the count of steps is below 1E+136.
    steps, rest = EXACT.divmod(money.amount, unit)
    if rest:
        raise InvalidInputError(
            "quantize or round_to_cash first",
            field="money",
            value=money,
            expected=f"a whole number of {unit} steps",
        )
    return int(steps)


def _checked_weights(weights: Sequence[DecimalInput]) -> list[Decimal]:
    given = items_of(weights, field="weights", expected="a sequence of numbers")
    # Weights are usually Decimals already (values, kilograms): those skip
    # the converter, but not its bounds, and a field name is only built for
    # an error.
    numbers = [
        w
        if type(w) is Decimal and w.is_finite() and in_range(w)
        else to_decimal(w, field=f"weights[{i}]")
        for i, w in enumerate(given)
    ]
    if numbers and min(numbers) < 0:
        index, number = next((i, n) for i, n in enumerate(numbers) if n < 0)
        raise InvalidInputError(
            field=f"weights[{index}]", value=number, expected="a weight >= 0"
        )
    if not any(numbers):
        raise InvalidInputError(
            "there is no basis to split on",
            field="weights",
            value=given,
            expected="at least one weight > 0",
        )
    return numbers


def _largest_remainder(units: int, weights: list[Decimal]) -> list[int]:
    """Each weight's share of ``units`` whole steps, largest remainder first."""
    shares, remainders = _decimal_shares(units, weights)
    missing = units - sum(shares)
    if missing:
        # Largest remainder first, ties to the earlier part: a stable sort in
        # reverse keeps equal remainders in index order.
        by_remainder = sorted(
            range(len(weights)), key=remainders.__getitem__, reverse=True
        )
        for index in by_remainder[:missing]:
            shares[index] += 1
    return shares


def _decimal_shares(
    units: int, weights: list[Decimal]
) -> tuple[list[int], list[Decimal]]:
    # floor(units * w / sum(w)) and its remainder, exactly. Exact always:
    # weights are within xborder's bounds and units below 1E+136, so no
    # product or quotient comes near Decimal's exponent limit.
    add, multiply, divmod_ = EXACT.add, EXACT.multiply, EXACT.divmod
    basis = Decimal(0)
    for weight in weights:
        basis = add(basis, weight)
    whole = Decimal(units)
    shares = []
    remainders = []
    for weight in weights:
        share, remainder = divmod_(multiply(whole, weight), basis)
        shares.append(int(share))
        remainders.append(remainder)
    return shares, remainders
