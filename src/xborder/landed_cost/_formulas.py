"""The landed cost's arithmetic on amounts, over an ops engine (private).

See :mod:`xborder.landed_cost.rules` (allocation weights are in ``_rules``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from xborder.customs.rules import converted

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder._ops import Ops
    from xborder.fx import FxPath

__all__ = ["customs_value", "goods_value", "in_currency", "per_unit", "physical"]

V = TypeVar("V")
C = TypeVar("C")


def goods_value(ops: Ops[V, C], unit_price: V | Decimal, quantity: V | Decimal) -> V:
    """``unit price × quantity``, exactly, in the invoice currency."""
    return ops.mul(unit_price, quantity)


def physical(ops: Ops[V, C], per_unit: V | Decimal, quantity: V | Decimal) -> V:
    """A line's net weight (kg) or volume (cm³): the unit's × quantity, exactly."""
    return ops.mul(per_unit, quantity)


def in_currency(
    ops: Ops[V, C],
    amount: V | Decimal,
    path: FxPath | None,
    minor_unit: Decimal,
    mode: str,
) -> V:
    """An amount in the regime's currency: converted, rounded once to the minor unit."""
    return ops.quantize(converted(ops, amount, path), minor_unit, mode)


def customs_value(
    ops: Ops[V, C],
    *,
    cif: bool,
    goods: V | Decimal,
    additions: V | Decimal,
    freight: V | Decimal,
    insurance: V | Decimal,
) -> V:
    """Goods + additions, plus freight and insurance to the border where CIF."""
    value = ops.add(goods, additions)
    if cif:
        value = ops.add(value, ops.add(freight, insurance))
    return value


def per_unit(
    ops: Ops[V, C],
    landed: V | Decimal,
    quantity: V | Decimal,
    minor_unit: Decimal,
    mode: str,
) -> V:
    """The landed cost of one unit: ``landed ÷ quantity``, rounded once, exactly."""
    return ops.divide(landed, quantity, minor_unit, mode)
