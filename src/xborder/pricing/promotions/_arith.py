"""A promotion's per-unit arithmetic, written once for every engine (private).

The discounted price and the promotion's fee per redeemed unit are written
as functions of an :class:`~xborder._ops.Ops`: :class:`~.offers.Discount`
and the scalar calculators pass the Decimal engine, ``xborder.frames`` its
column engine (through :mod:`xborder.pricing.promotions.rules`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from xborder._exact import EXACT

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder._ops import Ops

V = TypeVar("V")
C = TypeVar("C")

__all__ = ["discounted", "rate_fee"]


def discounted(
    ops: Ops[V, C],
    price: V,
    *,
    share: Decimal | None,
    amount: Decimal | None,
    fixed: Decimal | None,
    unit: Decimal,
    rounding: str,
) -> V:
    """The discounted price: a share off (rounded), an amount off, or a new price."""
    if share is not None:
        return ops.quantize(ops.mul(price, EXACT.subtract(1, share)), unit, rounding)
    if amount is not None:
        return ops.sub(price, amount)
    assert fixed is not None  # noqa: S101 - a Discount holds one of the three
    return ops.constant(fixed)


def rate_fee(
    ops: Ops[V, C], discounted: V, rate: Decimal, unit: Decimal, rounding: str
) -> V:
    """A fee of ``rate`` × the discounted price, rounded to the minor unit."""
    return ops.quantize(ops.mul(discounted, rate), unit, rounding)
