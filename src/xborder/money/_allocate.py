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
from xborder.money._leftover import Leftover
from xborder.money._money import Money, exact_money, rounding_mode

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.money._rounding import RoundingMode

__all__ = ["allocate", "split"]


def allocate(
    money: Money,
    weights: Sequence[DecimalInput],
    *,
    step: DecimalInput | None = None,
    leftover: Leftover = Leftover.LARGEST_REMAINDER,
    rounding: RoundingMode | None = None,
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

    ERP systems place the leftover differently, and ``leftover`` reproduces
    them (see :class:`Leftover` for the sources): with
    ``Leftover.LAST_LINE`` or ``Leftover.LARGEST_LINE`` every other line is
    its exact share rounded to a step by ``rounding`` (a mode you name,
    ``HALF_UP`` in most ERPs), and one line takes what is left: the last
    line with a non-zero weight, or the line with the largest weight (ties
    to the earlier). The parts still sum to ``money`` and zero weights still
    get zero; the taking line may be several steps from its exact share.

    Args:
        money: The amount to split; a whole number of steps.
        weights: Non-negative weights, at least one positive: values,
            quantities, kilograms, or any other basis.
        step: The unit to allocate in, such as a cash increment (CHF 0.05).
            Defaults to the currency's minor unit.
        leftover: Which lines take the steps that rounded shares leave over.
        rounding: How the other lines round, for ``LAST_LINE`` and
            ``LARGEST_LINE`` (required there, refused otherwise).

    Returns:
        One part per weight, in the same order.

    Raises:
        InvalidInputError: ``money`` is not a whole number of steps (quantize
            first), a weight is negative, or every weight is zero (there is no
            basis to split on, and a silent equal split would hide the bug);
            ``rounding`` is missing for a convention that rounds lines, or
            given for one that does not; the lines rounded by ``rounding``
            add up to more than ``money``, so the taking line would change
            sign (a few cents over many lines: use ``LARGEST_REMAINDER``).

    Examples:
        >>> [str(part) for part in allocate(Money("100.00", "EUR"), [1, 1, 1])]
        ['33.34 EUR', '33.33 EUR', '33.33 EUR']
        >>> [str(part) for part in allocate(Money("10", "JPY"), ["0.5", "0.3", "0.2"])]
        ['5 JPY', '3 JPY', '2 JPY']
        >>> from xborder.money import RoundingMode
        >>> parts = allocate(
        ...     Money("200.00", "EUR"),
        ...     [1, 1, 1],
        ...     leftover=Leftover.LAST_LINE,
        ...     rounding=RoundingMode.HALF_UP,
        ... )
        >>> [str(part) for part in parts]
        ['66.67 EUR', '66.67 EUR', '66.66 EUR']
    """
    unit = _step(money, step)
    units = _whole_steps(money, unit)
    numbers = _checked_weights(weights)
    sign = -1 if units < 0 else 1
    mode = _rounding_for(leftover, rounding)
    if mode is None:
        shares = _largest_remainder(abs(units), numbers)
    else:
        shares = _one_line_takes_the_rest(abs(units), numbers, leftover, mode, sign)
    multiply, currency = EXACT.multiply, money.currency
    return tuple(
        [
            exact_money(multiply(Decimal(sign * share), unit), currency)
            for share in shares
        ]
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
    larger = exact_money(EXACT.multiply(Decimal(sign * (share + 1)), unit), currency)
    smaller = exact_money(EXACT.multiply(Decimal(sign * share), unit), currency)
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


def _rounding_for(
    leftover: Leftover, rounding: RoundingMode | None
) -> RoundingMode | None:
    """The mode the other lines round by, or ``None`` for largest remainder."""
    if not isinstance(leftover, Leftover):
        raise InvalidTypeError(field="leftover", value=leftover, expected="a Leftover")
    if leftover is Leftover.LARGEST_REMAINDER:
        # Its shares round down by construction: a mode would be ignored.
        if rounding is not None:
            raise InvalidInputError(
                "largest remainder rounds every share down",
                field="rounding",
                value=rounding,
                expected="None with Leftover.LARGEST_REMAINDER",
            )
        return None
    if rounding is None:
        raise InvalidInputError(
            "name how the other lines round (most ERPs round HALF_UP)",
            field="rounding",
            value=rounding,
            expected=f"a RoundingMode with Leftover.{leftover.name}",
        )
    return rounding_mode(rounding, field="rounding")


def _taker(leftover: Leftover, weights: list[Decimal]) -> int:
    """The index of the line that takes the rest: last or largest, never a zero."""
    if leftover is Leftover.LAST_LINE:
        return max(i for i, weight in enumerate(weights) if weight)
    # max() keeps the first of equal keys: ties go to the earlier line.
    return max(range(len(weights)), key=weights.__getitem__)


def _one_line_takes_the_rest(
    units: int,
    weights: list[Decimal],
    leftover: Leftover,
    mode: RoundingMode,
    sign: int,
) -> list[int]:
    """Every share but the taker's rounded by ``mode``; the taker gets the rest."""
    taker = _taker(leftover, weights)
    shares, remainders = _decimal_shares(units, weights)
    basis = _sum(weights)
    rounded = [
        _round_share(share, remainder, basis, mode, sign)
        for share, remainder in zip(shares, remainders, strict=True)
    ]
    rounded[taker] = 0
    rest = units - sum(rounded)
    if rest < 0:
        # Rounding many small shares up can pass the total: the taking line
        # would turn negative, a credit on a line that owes a charge.
        raise InvalidInputError(
            "the other lines, rounded, add up to more than the amount; "
            "use Leftover.LARGEST_REMAINDER",
            field="leftover",
            value=leftover,
            expected="a taking line with the amount's sign",
        )
    rounded[taker] = rest
    return rounded


def _round_share(
    share: int, remainder: Decimal, basis: Decimal, mode: RoundingMode, sign: int
) -> int:
    """``share + remainder / basis`` of the amount's sign, rounded by ``mode``.

    Only the remainder's place counts (none, below, at or above half a
    step), so a stand-in fraction decides exactly what the true one would.
    """
    if not remainder:
        return share
    twice = EXACT.multiply(remainder, 2)
    part = _BELOW_HALF if twice < basis else _HALF if twice == basis else _ABOVE_HALF
    exact = EXACT.multiply(Decimal(sign), EXACT.add(Decimal(share), part))
    whole = exact.quantize(_ONE, rounding=mode.value, context=EXACT)
    return sign * int(whole)


_ONE = Decimal(1)
_BELOW_HALF = Decimal("0.25")
_HALF = Decimal("0.5")
_ABOVE_HALF = Decimal("0.75")


def _sum(weights: list[Decimal]) -> Decimal:
    add = EXACT.add
    basis = Decimal(0)
    for weight in weights:
        basis = add(basis, weight)
    return basis


def _decimal_shares(
    units: int, weights: list[Decimal]
) -> tuple[list[int], list[Decimal]]:
    # floor(units * w / sum(w)) and its remainder, exactly. Exact always:
    # weights are within xborder's bounds and units below 1E+136, so no
    # product or quotient comes near Decimal's exponent limit.
    multiply, divmod_ = EXACT.multiply, EXACT.divmod
    basis = _sum(weights)
    whole = Decimal(units)
    shares = []
    remainders = []
    for weight in weights:
        share, remainder = divmod_(multiply(whole, weight), basis)
        shares.append(int(share))
        remainders.append(remainder)
    return shares, remainders
