"""Splitting shared costs over a shipment's lines (private; see landed_cost)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._exact import DIVISION
from xborder._validate import DecimalInput, items_of, to_decimal, tuple_of
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.landed_cost._models import AllocationBasis, Line
from xborder.money import Money, allocate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.money import Currency

__all__ = ["allocate_charge", "allocation_weights"]


def allocation_weights(
    lines: Sequence[Line],
    basis: AllocationBasis,
    *,
    values: Sequence[Money] | None = None,
    duties: Sequence[Money] | None = None,
    volumetric_divisor: DecimalInput | None = None,
) -> list[Decimal]:
    """The weight of each line under ``basis``.

    Raises:
        InvalidInputError: A line lacks what the basis needs (a weight, a
            volume), or the basis needs ``values``, ``duties`` or a divisor
            that was not given.

    Examples:
        >>> from xborder.money import Money
        >>> lines = [
        ...     Line(sku="a", hs_code="392690", origin_country="CN", quantity=5,
        ...          unit_price=Money(1, "USD"), unit_weight="2 kg"),
        ...     Line(sku="b", hs_code="392690", origin_country="CN", quantity=1,
        ...          unit_price=Money(1, "USD"), unit_weight="500 g"),
        ... ]
        >>> allocation_weights(lines, AllocationBasis.WEIGHT)
        [Decimal('10'), Decimal('0.5')]
    """
    lines = _checked_lines(lines)
    if not isinstance(basis, AllocationBasis):
        raise InvalidTypeError(
            field="basis", value=basis, expected="an AllocationBasis"
        )
    return weights_of(
        lines,
        basis,
        values=_checked_amounts(values, "values", None),
        duties=_checked_amounts(duties, "duties", None),
        volumetric_divisor=volumetric_divisor,
    )


def _checked_lines(lines: Sequence[Line]) -> tuple[Line, ...]:
    try:
        checked = tuple_of(lines, Line)
    except XborderError as error:
        raise error.in_field("lines") from None
    if not checked:
        raise InvalidInputError(
            field="lines", value=lines, expected="at least one line"
        )
    return checked


def weights_of(
    lines: Sequence[Line],
    basis: AllocationBasis,
    *,
    values: Sequence[Money] | None = None,
    duties: Sequence[Money] | None = None,
    volumetric_divisor: DecimalInput | None = None,
) -> list[Decimal]:
    """:func:`allocation_weights` for arguments already checked (landed_cost's)."""
    if basis is AllocationBasis.EQUAL:
        return [Decimal(1)] * len(lines)
    if basis is AllocationBasis.QUANTITY:
        return [line.quantity for line in lines]
    if basis is AllocationBasis.VALUE:
        return [money.amount for money in _given(values, "values", lines)]
    if basis is AllocationBasis.DUTY:
        return [money.amount for money in _given(duties, "duties", lines)]
    if basis is AllocationBasis.CHARGEABLE_WEIGHT:
        return _chargeable(lines, volumetric_divisor)
    return _physical(lines, weight=basis is AllocationBasis.WEIGHT)


def _physical(lines: Sequence[Line], *, weight: bool) -> list[Decimal]:
    name = "unit_weight" if weight else "unit_volume"
    return [
        _needed(line.net_weight if weight else line.volume, index, name)
        for index, line in enumerate(lines)
    ]


def _given(
    amounts: Sequence[Money] | None, name: str, lines: Sequence[Line]
) -> Sequence[Money]:
    if amounts is None or len(amounts) != len(lines):
        raise InvalidInputError(
            field=name,
            value=amounts,
            expected=f"one amount per line ({len(lines)}) for this basis",
        )
    return amounts


def _needed(value: Decimal | None, index: int, field: str) -> Decimal:
    if value is None:
        raise InvalidInputError(
            "the allocation basis needs it",
            field=f"lines[{index}].{field}",
            value=None,
            expected="a quantity",
        )
    return value


def _chargeable(
    lines: Sequence[Line], volumetric_divisor: DecimalInput | None
) -> list[Decimal]:
    if volumetric_divisor is None:
        raise InvalidInputError(
            "set Shipment.volumetric_divisor (cm³ per kg, e.g. 5000 for express)",
            field="volumetric_divisor",
            value=None,
            expected="a divisor to split by chargeable weight",
        )
    divisor = to_decimal(volumetric_divisor, field="volumetric_divisor")
    if divisor <= 0:
        raise InvalidInputError(
            field="volumetric_divisor", value=divisor, expected="a divisor > 0"
        )
    weights = []
    for index, line in enumerate(lines):
        actual = _needed(line.net_weight, index, "unit_weight")
        volume = _needed(line.volume, index, "unit_volume")
        weights.append(max(actual, DIVISION.divide(volume, divisor)))
    return weights


def allocate_charge(
    amount: Money,
    lines: Sequence[Line],
    basis: AllocationBasis,
    *,
    values: Sequence[Money] | None = None,
    duties: Sequence[Money] | None = None,
    volumetric_divisor: DecimalInput | None = None,
) -> tuple[Money, ...]:
    r"""Split a shared cost over shipment lines, exactly, by ``basis``.

    Each line's share is $amount \cdot w_i / \sum w$ rounded to the minor
    unit by the largest-remainder method (:func:`xborder.money.allocate`):
    the shares add up to ``amount`` to the cent, none is negative for a
    positive amount, and ties go to the earlier line.

    Args:
        amount: The cost, a whole number of minor units.
        lines: The shipment lines.
        basis: Equal, quantity, value, weight, chargeable weight, volume or
            duty.
        values: Each line's goods value, for ``VALUE``.
        duties: Each line's duties, for ``DUTY``.
        volumetric_divisor: cm³ per kg, for ``CHARGEABLE_WEIGHT``.

    Raises:
        InvalidInputError: The basis is zero for every line (no silent equal
            split) while the amount is not, a line lacks what the basis
            needs, a value or duty is negative, or there are no lines.
        CurrencyMismatchError: ``values`` or ``duties`` are not in the
            amount's currency.

    Examples:
        >>> from xborder.money import Money
        >>> lines = [
        ...     Line(sku="fridge", hs_code="841821", origin_country="CN", quantity=5,
        ...          unit_price=Money(100, "EUR"), unit_weight="10 kg"),
        ...     Line(sku="oven", hs_code="851660", origin_country="CN", quantity=10,
        ...          unit_price=Money(100, "EUR"), unit_weight="20 kg"),
        ... ]
        >>> freight = Money("250.00", "EUR")
        >>> [str(s) for s in allocate_charge(freight, lines, AllocationBasis.WEIGHT)]
        ['50.00 EUR', '200.00 EUR']
    """
    if not isinstance(amount, Money):
        raise InvalidTypeError(field="amount", value=amount, expected="Money")
    lines = _checked_lines(lines)
    if not isinstance(basis, AllocationBasis):
        raise InvalidTypeError(
            field="basis", value=basis, expected="an AllocationBasis"
        )
    return split_charge(
        amount,
        lines,
        basis,
        values=_checked_amounts(values, "values", amount.currency),
        duties=_checked_amounts(duties, "duties", amount.currency),
        volumetric_divisor=volumetric_divisor,
    )


def _checked_amounts(
    amounts: Sequence[Money] | None, name: str, currency: Currency | None
) -> tuple[Money, ...] | None:
    """``amounts`` as a tuple of Money >= 0 in ``currency`` (the first's if None)."""
    whose = "the charge's currency" if currency else "the first amount"
    # Weights read .amount: amounts in another currency would mix units.
    if amounts is None:
        return None
    checked = items_of(amounts, field=name, expected="a sequence of Money, or None")
    for index, money in enumerate(checked):
        field = f"{name}[{index}]"
        if not isinstance(money, Money):
            raise InvalidTypeError(field=field, value=money, expected="Money")
        if currency is None:
            currency = money.currency
        if money.currency != currency:
            raise CurrencyMismatchError(
                field=field,
                value=money,
                expected=f"an amount in {currency.code}, {whose}",
            )
        if money.is_negative():
            raise InvalidInputError(field=field, value=money, expected="an amount >= 0")
    return checked


def split_charge(
    amount: Money,
    lines: Sequence[Line],
    basis: AllocationBasis,
    *,
    values: Sequence[Money] | None = None,
    duties: Sequence[Money] | None = None,
    volumetric_divisor: DecimalInput | None = None,
) -> tuple[Money, ...]:
    """:func:`allocate_charge` for arguments already checked (landed_cost's)."""
    weights = weights_of(
        lines,
        basis,
        values=values,
        duties=duties,
        volumetric_divisor=volumetric_divisor,
    )
    if amount.is_zero():
        # Nothing to share (free samples with no freight): zero for every
        # line, whatever the basis, once the basis is known to be available.
        return (amount,) * len(weights)
    try:
        return allocate(amount, weights)
    except XborderError as error:
        if error.field == "weights":
            raise InvalidInputError(
                "a zero basis is refused rather than split equally",
                field="basis",
                value=basis,
                expected=f"a basis that is not zero for every line ({basis.value})",
            ) from None
        raise
