"""Rounding to a step, written once over an ops engine (private).

:class:`~xborder.customs.RoundingPolicy` rounds with these on Decimals;
``xborder.frames`` with the same functions on columns (see
:mod:`xborder.customs.rules`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from xborder._exact import EXACT
from xborder.errors import InvalidInputError
from xborder.money import RoundingMode

if TYPE_CHECKING:
    from xborder._ops import Ops
    from xborder.customs._rounding import RoundingPolicy
    from xborder.money import Currency

__all__ = ["rounded", "rounded_base", "rounded_total", "to_step"]

V = TypeVar("V")
C = TypeVar("C")

_ONE = Decimal(1)
# A mode's decimal constant: ``mode.value`` runs enum code on every figure.
_MODES = {mode: mode.value for mode in RoundingMode}


def to_step(
    ops: Ops[V, C], value: V | Decimal, step: Decimal, mode: str, divisor: int = 1
) -> V:
    """``value ÷ divisor`` rounded to a multiple of ``step`` with ``mode``, exactly.

    A step written as a power of ten at or below 1 (``0.01``, ``1``) is one
    quantize; any other step (``100``, ``0.05``, ``1E+3``) counts whole
    steps, so the result keeps the step's exponent either way, as
    ``round_to_step`` always has.
    """
    _, digits, exponent = step.as_tuple()
    power_of_ten = digits == (1,) and int(exponent) <= 0
    if divisor == 1:
        if power_of_ten:
            return ops.quantize(value, step, mode)
        return ops.mul(ops.divide(value, step, _ONE, mode), step)
    if power_of_ten:
        return ops.divide(value, Decimal(divisor), step, mode)
    steps = ops.divide(value, EXACT.multiply(Decimal(divisor), step), _ONE, mode)
    return ops.mul(steps, step)


def rounded(
    ops: Ops[V, C],
    policy: RoundingPolicy,
    currency: Currency,
    value: V | Decimal,
    divisor: int = 1,
) -> V:
    """One figure rounded by ``policy``: to its step, or the currency's minor unit.

    ``divisor`` divides first (a tax of 22/78 is rounded once, exactly).
    """
    mode = _MODES[policy.mode]
    if policy.step is not None:
        return to_step(ops, value, policy.step, mode, divisor)
    # The minor unit is a power of ten: what to_step would choose, directly.
    if divisor == 1:
        return ops.quantize(value, currency.minor_unit, mode)
    return ops.divide(value, Decimal(divisor), currency.minor_unit, mode)


def rounded_base(ops: Ops[V, C], policy: RoundingPolicy, value: V) -> V:
    """A base rounded to ``policy.base_step`` before a rate applies (or as is)."""
    if policy.base_step is None:
        return value
    return to_step(ops, value, policy.base_step, _MODES[policy.mode])


def rounded_total(
    ops: Ops[V, C], policy: RoundingPolicy, value: V | Decimal, divisor: int = 1
) -> V:
    """A declaration's total of one duty or tax, rounded to ``policy.total_step``."""
    if policy.total_step is None:
        raise InvalidInputError(
            field="policy.total_step",
            value=None,
            expected="a step (only a declaration-level policy rounds totals)",
        )
    return to_step(ops, value, policy.total_step, _MODES[policy.mode], divisor)
