r"""The waterfall's rules, written once, for every engine.

:func:`~xborder.pricing.unit_economics` evaluates the waterfall on Decimals;
:mod:`xborder.frames` evaluates the very same functions on whole columns.
Both pass an *ops* object that does the arithmetic (exact addition and
multiplication, rounding with a named mode, exact division, conditions), so
a rule exists in one place only and the two engines cannot drift apart:

* :func:`costs_of`: the seller's costs per unit: landed cost, own
  fulfilment, other costs and the return allowance
  $r \cdot (h + (1 - \rho) L)$, rounded to the minor unit;
* :func:`waterfall_of`: the rounded waterfall at a price: VAT, referral fee,
  payment fee, payout conversion, ads and the contribution left;
* :func:`figures_of`: the figures :class:`~xborder.pricing.UnitEconomics`
  reports (fees, costs, returns...), from a waterfall and its costs.

The listing's fees, VAT rule, returns and ads are its parameters; the price
and the costs are the values that vary, per call or per row.

Examples:
    >>> from decimal import Decimal
    >>> from xborder.money import Money
    >>> from xborder.pricing import FeeSchedule, Listing, ReferralFee, UnitCosts
    >>> from xborder.pricing import VatBasis
    >>> listing = Listing(
    ...     fees=FeeSchedule(
    ...         name="Marketplace", currency="USD",
    ...         referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
    ...     ),
    ...     costs=UnitCosts(landed=Money("9.00", "USD")),
    ... )
    >>> costs = costs_of(DECIMALS, listing, Decimal("9.00"), Decimal(0), Decimal(0))
    >>> amounts = waterfall_of(DECIMALS, listing, Decimal("29.99"), costs.total)
    >>> amounts.contribution
    Decimal('16.49')
    >>> figures_of(DECIMALS, listing, amounts, costs).fees
    Decimal('4.50')
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

from xborder._guard import guard_public
from xborder._ops import DECIMALS, Ops
from xborder._validate import to_decimal
from xborder.errors import InvalidTypeError
from xborder.pricing._model import (
    Amounts,
    Costs,
    Figures,
    figures,
    unit_costs,
    waterfall,
)
from xborder.pricing.economics import model_of
from xborder.pricing.listing import Listing

__all__ = [
    "DECIMALS",
    "Amounts",
    "Costs",
    "Figures",
    "costs_of",
    "figures_of",
    "waterfall_of",
]

V = TypeVar("V")
C = TypeVar("C")


def costs_of(
    ops: Ops[V, C],
    listing: Listing,
    landed: V | Decimal,
    fulfilment: V | Decimal,
    other: V | Decimal,
) -> Costs[V]:
    """The seller's costs per unit under ``listing``'s returns rule.

    Args:
        ops: The engine: :data:`DECIMALS` for one unit, or a column engine.
        listing: The listing whose returns rule applies (its own costs are
            replaced by the three amounts given).
        landed: The landed cost per unit, in the listing currency.
        fulfilment: The seller's own fulfilment per unit.
        other: Every other per-unit cost, summed.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, ``listing`` not a Listing.
    """
    _check(ops, listing, landed=landed, fulfilment=fulfilment, other=other)
    return unit_costs(ops, model_of(listing), landed, fulfilment, other)


def waterfall_of(
    ops: Ops[V, C], listing: Listing, price: V, costs: V | Decimal
) -> Amounts[V]:
    """The rounded waterfall at ``price`` with ``costs`` per unit in total.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, ``listing`` not a Listing.
    """
    _check(ops, listing, price=price, costs=costs)
    return waterfall(ops, model_of(listing), price, costs)


def figures_of(
    ops: Ops[V, C], listing: Listing, amounts: Amounts[V], costs: Costs[V]
) -> Figures[V]:
    """The figures of a waterfall as :class:`~xborder.pricing.UnitEconomics` names them.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, ``listing`` not a Listing,
            ``amounts`` or ``costs`` not what :func:`waterfall_of` and
            :func:`costs_of` return.
    """
    _check(ops, listing)
    if not isinstance(amounts, Amounts):
        raise InvalidTypeError(field="amounts", value=amounts, expected="Amounts")
    if not isinstance(costs, Costs):
        raise InvalidTypeError(field="costs", value=costs, expected="Costs")
    return figures(ops, model_of(listing), amounts, costs)


def _check(ops: object, listing: object, **values: object) -> None:
    if not isinstance(ops, Ops):
        raise InvalidTypeError(field="ops", value=ops, expected="an xborder engine")
    if not isinstance(listing, Listing):
        raise InvalidTypeError(field="listing", value=listing, expected="a Listing")
    if ops is DECIMALS:  # the scalar engine's values are Decimals
        for field, value in values.items():
            to_decimal(value, field=field)
            if not isinstance(value, Decimal):
                raise InvalidTypeError(field=field, value=value, expected="a Decimal")


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
