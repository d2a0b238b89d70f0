"""Exact allocation of an amount across weights (private; see :mod:`xborder.money`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, DecimalException

from xborder._exact import EXACT
from xborder._validate import DecimalInput, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money._money import Money, _make

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

    Examples:
        >>> [str(part) for part in split(Money("0.05", "USD"), 3)]
        ['0.02 USD', '0.02 USD', '0.01 USD']
    """
    if isinstance(parts, bool) or not isinstance(parts, int):
        raise InvalidTypeError(field="parts", value=parts, expected="an int >= 1")
    if parts < 1:
        raise InvalidInputError(field="parts", value=parts, expected="an int >= 1")
    return allocate(money, (1,) * parts)


def _step(money: Money, step: DecimalInput | None) -> Decimal:
    if not isinstance(money, Money):
        raise InvalidTypeError(field="money", value=money, expected="Money")
    if step is None:
        return money.currency.minor_unit
    unit = to_decimal(step, field="step")
    if unit <= 0:
        raise InvalidInputError(field="step", value=step, expected="a step > 0")
    return unit


def _whole_steps(money: Money, unit: Decimal) -> int:
    try:
        steps, rest = EXACT.divmod(money.amount, unit)
    except DecimalException:
        # 1E+999999 EUR in cents is past Decimal's exponent limit.
        raise InvalidInputError(
            "too many steps to count",
            field="money",
            value=money,
            expected=f"at most 1E+999999 steps of {unit}",
        ) from None
    if rest:
        raise InvalidInputError(
            "quantize or round_to_cash first",
            field="money",
            value=money,
            expected=f"a whole number of {unit} steps",
        )
    return int(steps)


_EMIN, _EMAX = EXACT.Emin, EXACT.Emax
# Lists and tuples skip the (slower) abstract Sequence check.
_SEQUENCES = (list, tuple)


def _checked_weights(weights: Sequence[DecimalInput]) -> list[Decimal]:
    if type(weights) not in _SEQUENCES and (
        isinstance(weights, str | bytes) or not isinstance(weights, Sequence)
    ):
        raise InvalidTypeError(
            field="weights", value=weights, expected="a sequence of numbers"
        )
    # Weights are usually Decimals already (values, kilograms): those skip
    # the converter, and a field name is only built for an error.
    numbers = [
        w
        if type(w) is Decimal and w.is_finite() and _EMIN <= w.adjusted() <= _EMAX
        else to_decimal(w, field=f"weights[{i}]")
        for i, w in enumerate(weights)
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
            value=tuple(weights),
            expected="at least one weight > 0",
        )
    return numbers


def _largest_remainder(units: int, weights: list[Decimal]) -> list[int]:
    """Each weight's share of ``units`` whole steps, largest remainder first."""
    remainders: list[Decimal] | list[int]
    try:
        shares, remainders = _decimal_shares(units, weights)
    except DecimalException:
        # A weight near the Decimal exponent limits overflows the product;
        # integer weights have no limits (and are slower).
        shares, remainders = _integer_shares(units, _integer_weights(weights))
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
    # floor(units * w / sum(w)) and its remainder, exactly: the same shares
    # and the same order of remainders as the integer weights below (both
    # sides are scaled by one power of ten), without rescaling every weight.
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


def _integer_weights(numbers: list[Decimal]) -> list[int]:
    # Scale every weight by the same power of ten so the shares are exact
    # integer ratios (0.5 : 0.3 : 0.2 becomes 5 : 3 : 2).
    exponent = min(int(number.as_tuple().exponent) for number in numbers)
    return [int(number.scaleb(-exponent, context=EXACT)) for number in numbers]


def _integer_shares(units: int, weights: list[int]) -> tuple[list[int], list[int]]:
    basis = sum(weights)
    shares = []
    remainders = []
    for weight in weights:
        share, remainder = divmod(units * weight, basis)
        shares.append(share)
        remainders.append(remainder)
    return shares, remainders
