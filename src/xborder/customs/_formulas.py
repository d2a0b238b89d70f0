"""Duties, fees, thresholds, taxes and exchange as arithmetic over ops (private).

Each function is one formula of :mod:`xborder.customs`: the duty
expressions, :class:`~xborder.customs.Fee` and the landed cost evaluate it
on Decimals with :data:`xborder._ops.DECIMALS`; ``xborder.frames`` on
columns (see :mod:`xborder.customs.rules`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from xborder._ops import Ops
    from xborder.customs._fee import Fee
    from xborder.fx import FxPath

__all__ = [
    "FeeAmount",
    "FeeTests",
    "ad_valorem",
    "converted",
    "exceeds",
    "fee_amount",
    "fee_due",
    "specific",
    "takes_maximum",
    "takes_minimum",
    "taxed",
]

V = TypeVar("V")
C = TypeVar("C")


# -- exchange ------------------------------------------------------------------


def converted(ops: Ops[V, C], amount: V | Decimal, path: FxPath | None) -> V:
    """``amount`` along an exchange path, unrounded: each leg, then the spread.

    A leg used forwards multiplies by its rate (exact); one used inverted
    divides by it, as Decimal division does (34 digits).
    """
    value: object = amount
    if path is None:
        return value  # type: ignore[return-value]
    for leg in path.legs:
        rate = leg.rate.rate
        value = (
            ops.quotient(value, rate)  # type: ignore[arg-type]
            if leg.inverted
            else ops.mul(value, rate)  # type: ignore[arg-type]
        )
    if path.spread:
        value = ops.mul(value, 1 - path.spread)  # type: ignore[arg-type]
    return value  # type: ignore[return-value]


# -- duties --------------------------------------------------------------------


def takes_minimum(ops: Ops[V, C], duty: V, minimum: V) -> C:
    """Whether a floor's minimum applies: ``minimum > duty`` (else the duty)."""
    return ops.greater(minimum, duty)


def takes_maximum(ops: Ops[V, C], duty: V, maximum: V) -> C:
    """Whether a cap's maximum applies: ``duty > maximum`` (else the duty)."""
    return ops.greater(duty, maximum)


def ad_valorem(ops: Ops[V, C], value: V, rate: V | Decimal) -> V:
    """``rate × value``, exactly."""
    return ops.mul(value, rate)


def specific(
    ops: Ops[V, C],
    amount: V | Decimal,
    quantity: V,
    per: Decimal,
    path: FxPath | None,
) -> V:
    """``amount × quantity ÷ per``, converted into the duty currency."""
    units = ops.quotient(ops.mul(amount, quantity), per)
    return converted(ops, units, path)


# -- thresholds and fees ---------------------------------------------------------


def exceeds(
    ops: Ops[V, C],
    value: V,
    limit: Decimal,
    quantity: V | None = None,
) -> C:
    """Whether ``value`` is over ``limit`` (at or below it, a relief applies).

    With ``quantity``, the test is per item: ``value ÷ quantity > limit``,
    tested exactly as ``value > limit × quantity`` (quantities are > 0).
    """
    if quantity is None:
        return ops.greater(value, limit)
    return ops.greater(value, ops.mul(quantity, limit))


class FeeTests(NamedTuple):
    """A fee's value tests (``None`` where the fee sets no such limit)."""

    over_floor: object | None
    """``value > above``: due only if it holds."""
    over_ceiling: object | None
    """``value > at_or_below``: due only if it does not hold."""


class FeeAmount(NamedTuple):
    """A fee's unrounded amount, and whether its minimum or maximum set it."""

    amount: object
    below_minimum: object | None
    above_maximum: object | None


def fee_amount(ops: Ops[V, C], fee: Fee, value: V) -> FeeAmount:
    """``rate × value`` held between its minimum and maximum, or the flat amount.

    The minimum is tested first: a fee under its minimum is the minimum.
    """
    if fee.amount is not None:
        return FeeAmount(ops.constant(fee.amount.amount), None, None)
    charged = ops.mul(value, fee.rate or Decimal(0))
    amount: object = charged
    below = above = None
    if fee.maximum is not None:
        above = ops.greater(charged, fee.maximum.amount)
        amount = ops.where(above, fee.maximum.amount, charged)
    if fee.minimum is not None:
        below = ops.greater(fee.minimum.amount, charged)
        amount = ops.where(below, fee.minimum.amount, amount)  # type: ignore[arg-type]
    return FeeAmount(amount, below, above)


def fee_due(ops: Ops[V, C], fee: Fee, value: V) -> FeeTests:
    """The value tests of a fee: ``(value > above, value > at_or_below)``.

    The fee is due when the first holds (or is ``None``) and the second does
    not (or is ``None``); its transport modes are tested apart.
    """
    over_floor = None if fee.above is None else ops.greater(value, fee.above.amount)
    over_ceiling = (
        None if fee.at_or_below is None else ops.greater(value, fee.at_or_below.amount)
    )
    return FeeTests(over_floor, over_ceiling)


# -- taxes ---------------------------------------------------------------------


def taxed(ops: Ops[V, C], base: V | Decimal, rate: V | Decimal) -> V:
    """A tax before rounding: ``rate × base`` (a divisor applies as it is rounded)."""
    return ops.mul(base, rate)
