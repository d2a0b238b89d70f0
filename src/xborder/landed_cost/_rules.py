"""The landed cost's own formulas, written once over an ops engine (private).

:func:`~xborder.landed_cost.landed_cost` evaluates them on Decimals with
:data:`xborder._ops.DECIMALS`; ``xborder.frames`` on whole columns. The
duty, tax, fee, threshold and rounding formulas they build on are
:mod:`xborder.customs.rules`. Public, checked entry points are in
:mod:`xborder.landed_cost.rules`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from xborder.errors import InvalidInputError
from xborder.landed_cost._formulas import (
    customs_value,
    goods_value,
    in_currency,
    per_unit,
    physical,
)
from xborder.landed_cost._models import AllocationBasis

if TYPE_CHECKING:
    from xborder._ops import Ops

__all__ = [
    "NET_OF_CREDITS",
    "NetOfCredits",
    "allocation_weight",
    "customs_value",
    "goods_value",
    "in_currency",
    "per_unit",
    "physical",
]

V = TypeVar("V")
C = TypeVar("C")

_ONE = Decimal(1)


def allocation_weight(  # noqa: PLR0911 - one return per basis
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

    Equal: 1; quantity; goods value; duties; net weight; volume; or the
    chargeable weight, the larger of the net weight and volume ÷ divisor.
    An input the basis does not need may be ``None``; one it needs must be
    given (the callers check, naming the line's missing field).
    """
    if basis is AllocationBasis.EQUAL:
        return _ONE
    if basis is AllocationBasis.QUANTITY:
        return quantity
    if basis is AllocationBasis.VALUE:
        return _given("value", value, basis)
    if basis is AllocationBasis.DUTY:
        return _given("duties", duties, basis)
    if basis is AllocationBasis.WEIGHT:
        return _given("net_weight", net_weight, basis)
    if basis is AllocationBasis.VOLUME:
        return _given("volume", volume, basis)
    actual = _given("net_weight", net_weight, basis)
    space = _given("volume", volume, basis)
    divisor = _given("volumetric_divisor", volumetric_divisor, basis)
    return ops.maximum(actual, ops.quotient(space, divisor))


def _given(name: str, value: V | Decimal | None, basis: AllocationBasis) -> V | Decimal:
    if value is None:
        raise InvalidInputError(
            field=name, value=None, expected=f"an amount to split by {basis}"
        )
    return value


class NetOfCredits(NamedTuple):
    """One amount a line must keep >= 0 net of credits, and its refusal.

    ``amount`` names the line's amount as both engines hold it
    (``additions``, ``charges``, ``onward``, ``taxable_charges``: the
    scalar's working figures and :func:`xborder.frames.landed_cost`'s
    working columns); ``words`` says it in a message ("onward transport").

    Examples:
        >>> NetOfCredits("onward", "onward transport").expected
        "the line's onward transport net of credits >= 0"
    """

    amount: str
    words: str

    @property
    def expected(self) -> str:
        """What a refusal expected (the error's ``expected``)."""
        return f"the line's {self.words} net of credits >= 0"


NET_OF_CREDITS: dict[bool, tuple[NetOfCredits, ...]] = {
    # Tested once the charges feeding them are all shared: additions after
    # the first pass (no addition is split by duty), the rest after the
    # second, the charges split by duty.
    False: (NetOfCredits("additions", "additions"),),
    True: (
        NetOfCredits("charges", "charges"),
        NetOfCredits("onward", "onward transport"),
        NetOfCredits("taxable_charges", "taxable charges"),
    ),
}
