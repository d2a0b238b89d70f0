r"""The landed cost's own formulas, written once, for every engine.

:func:`~xborder.landed_cost.landed_cost` evaluates these on Decimals;
:mod:`xborder.frames` evaluates the very same functions on whole columns
(see :mod:`xborder.customs.rules` for the duty, tax, fee, threshold and
rounding rules they build on):

* :func:`goods_value` and :func:`physical`: a line's goods value, net
  weight and volume;
* :func:`in_currency`: an amount converted into the regime's currency and
  rounded once to its minor unit;
* :func:`customs_value`: goods and additions, plus freight and insurance to
  the border where the regime values CIF;
* :func:`allocation_weight`: a line's weight when a shared cost is split
  (the split itself is :func:`xborder.money.allocate`, largest remainder);
* :func:`per_unit`: the landed cost of one unit, rounded once, exactly;
* :func:`net_of_credits`: the amounts each line must keep at or above zero
  once credits (negative charges) are shared, and when they are tested.

Examples:
    >>> from decimal import Decimal
    >>> from xborder.landed_cost import AllocationBasis
    >>> goods = goods_value(DECIMALS, Decimal("2.35"), Decimal(100))
    >>> customs_value(DECIMALS, cif=True, goods=goods, additions=Decimal(0),
    ...               freight=Decimal("38.00"), insurance=Decimal("2.00"))
    Decimal('275.00')
    >>> allocation_weight(DECIMALS, AllocationBasis.CHARGEABLE_WEIGHT,
    ...                   quantity=Decimal(10), net_weight=Decimal("0.85"),
    ...                   volume=Decimal(12000), volumetric_divisor=Decimal(5000))
    Decimal('2.4')
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

from xborder._guard import guard_public
from xborder._ops import DECIMALS, Ops, check_values
from xborder._validate import to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.fx import FxPath
from xborder.landed_cost import _formulas, _rules
from xborder.landed_cost._models import AllocationBasis
from xborder.landed_cost._rules import NetOfCredits
from xborder.money import RoundingMode

__all__ = [
    "DECIMALS",
    "NetOfCredits",
    "allocation_weight",
    "customs_value",
    "goods_value",
    "in_currency",
    "net_of_credits",
    "per_unit",
    "physical",
]

V = TypeVar("V")
C = TypeVar("C")


def goods_value(ops: Ops[V, C], unit_price: V | Decimal, quantity: V) -> V:
    """``unit price × quantity``, exactly, in the invoice currency.

    Examples:
        >>> goods_value(DECIMALS, Decimal("2.35"), Decimal(200))
        Decimal('470.00')
    """
    check_values(ops, unit_price=unit_price, quantity=quantity)
    return _formulas.goods_value(ops, unit_price, quantity)


def physical(ops: Ops[V, C], per_unit: V | Decimal, quantity: V) -> V:
    """A line's net weight (kg) or volume (cm³): one unit's × quantity.

    Examples:
        >>> physical(DECIMALS, Decimal("0.085"), Decimal(200))
        Decimal('17.000')
    """
    check_values(ops, per_unit=per_unit, quantity=quantity)
    return _formulas.physical(ops, per_unit, quantity)


def in_currency(
    ops: Ops[V, C],
    amount: V | Decimal,
    path: FxPath | None,
    minor_unit: Decimal,
    mode: RoundingMode,
) -> V:
    """An amount converted along ``path`` and rounded once to ``minor_unit``.

    ``path`` is ``None`` for an amount already in the currency.

    Examples:
        >>> import datetime as dt
        >>> from xborder.fx import FxRate, FxTable
        >>> from xborder.money import RoundingMode
        >>> usd = FxRate(base="USD", quote="GBP", rate="0.7610", as_of="2026-09-01")
        >>> path = FxTable(rates=[usd]).path("USD", "GBP")
        >>> in_currency(DECIMALS, Decimal("38.00"), path, Decimal("0.01"),
        ...             RoundingMode.HALF_UP)
        Decimal('28.92')
    """
    check_values(ops, amount=amount)
    if path is not None and not isinstance(path, FxPath):
        raise InvalidTypeError(field="path", value=path, expected="an FxPath or None")
    unit = to_decimal(minor_unit, field="minor_unit")
    _, digits, exponent = unit.as_tuple()
    if digits != (1,) or int(exponent) > 0:
        raise InvalidInputError(
            field="minor_unit", value=minor_unit, expected="a power of ten <= 1"
        )
    return _formulas.in_currency(ops, amount, path, unit, _mode(mode))


def customs_value(
    ops: Ops[V, C],
    *,
    cif: bool,
    goods: V | Decimal,
    additions: V | Decimal,
    freight: V | Decimal,
    insurance: V | Decimal,
) -> V:
    """Goods + additions, plus freight and insurance to the border where ``cif``.

    Examples:
        >>> customs_value(DECIMALS, cif=False, goods=Decimal("235.00"),
        ...               additions=Decimal("5.00"), freight=Decimal("38.00"),
        ...               insurance=Decimal(0))
        Decimal('240.00')
    """
    if not isinstance(cif, bool):
        raise InvalidTypeError(field="cif", value=cif, expected="a bool")
    check_values(
        ops, goods=goods, additions=additions, freight=freight, insurance=insurance
    )
    return _formulas.customs_value(
        ops,
        cif=cif,
        goods=goods,
        additions=additions,
        freight=freight,
        insurance=insurance,
    )


def allocation_weight(
    ops: Ops[V, C],
    basis: AllocationBasis,
    *,
    quantity: V | Decimal,
    value: V | Decimal | None = None,
    duties: V | Decimal | None = None,
    net_weight: V | Decimal | None = None,
    volume: V | Decimal | None = None,
    volumetric_divisor: Decimal | None = None,
) -> V | Decimal:
    """A line's weight when a shared cost is split by ``basis``.

    Equal: 1; quantity; goods value; duties; net weight; volume; chargeable
    weight: the larger of the net weight and volume ÷ divisor.

    Raises:
        InvalidInputError: The basis needs an amount that is not given.

    Examples:
        >>> from xborder.landed_cost import AllocationBasis
        >>> allocation_weight(DECIMALS, AllocationBasis.VALUE, quantity=Decimal(5),
        ...                   value=Decimal("11.75"))
        Decimal('11.75')
    """
    if not isinstance(basis, AllocationBasis):
        raise InvalidTypeError(
            field="basis", value=basis, expected="an AllocationBasis"
        )
    amounts = {
        "quantity": quantity,
        "value": value,
        "duties": duties,
        "net_weight": net_weight,
        "volume": volume,
    }
    check_values(
        ops, **{name: given for name, given in amounts.items() if given is not None}
    )
    divisor = None
    if volumetric_divisor is not None:
        divisor = to_decimal(volumetric_divisor, field="volumetric_divisor")
        if divisor <= 0:
            raise InvalidInputError(
                field="volumetric_divisor", value=divisor, expected="a divisor > 0"
            )
    return _rules.allocation_weight(
        ops,
        basis,
        quantity=quantity,
        value=value,
        duties=duties,
        net_weight=net_weight,
        volume=volume,
        volumetric_divisor=divisor,
    )


def per_unit(
    ops: Ops[V, C],
    landed: V | Decimal,
    quantity: V,
    minor_unit: Decimal,
    mode: RoundingMode,
) -> V:
    """The landed cost of one unit: ``landed ÷ quantity``, rounded once, exactly.

    Raises:
        InvalidInputError: ``quantity`` is not above zero (scalar engine).

    Examples:
        >>> from xborder.money import RoundingMode
        >>> per_unit(DECIMALS, Decimal("279.84"), Decimal(100), Decimal("0.01"),
        ...          RoundingMode.HALF_UP)
        Decimal('2.80')
    """
    check_values(ops, landed=landed, quantity=quantity)
    number: object = quantity
    if isinstance(number, Decimal) and not number > 0:
        raise InvalidInputError(
            field="quantity", value=quantity, expected="a number > 0"
        )
    unit = to_decimal(minor_unit, field="minor_unit")
    _, digits, exponent = unit.as_tuple()
    if digits != (1,) or int(exponent) > 0:
        raise InvalidInputError(
            field="minor_unit", value=minor_unit, expected="a power of ten <= 1"
        )
    return _formulas.per_unit(ops, landed, quantity, unit, _mode(mode))


def net_of_credits(*, by_duty: bool) -> tuple[NetOfCredits, ...]:
    """What each line must keep >= 0 once a pass of charges is shared.

    A credit is shared like a charge and reduces what its kind feeds; it
    may not leave a line with less than nothing of it. Charges are shared
    in two passes (``by_duty``: those split by duty, once duties are
    known). After each pass, each line's amounts below are tested in
    this order, and the first below zero refuses the landed cost with an
    error on ``charges`` whose value is the line's net.

    Raises:
        InvalidTypeError: ``by_duty`` is not a bool.

    Examples:
        >>> [check.amount for check in net_of_credits(by_duty=False)]
        ['additions']
        >>> [check.words for check in net_of_credits(by_duty=True)]
        ['charges', 'onward transport', 'taxable charges']
    """
    if not isinstance(by_duty, bool):
        raise InvalidTypeError(field="by_duty", value=by_duty, expected="a bool")
    return _rules.NET_OF_CREDITS[by_duty]


def _mode(mode: object) -> str:
    if not isinstance(mode, RoundingMode):
        raise InvalidTypeError(field="mode", value=mode, expected="a RoundingMode")
    return mode.value


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
