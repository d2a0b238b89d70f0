r"""The waterfall's rules, written once, for every engine.

:func:`~xborder.pricing.unit_economics` evaluates the waterfall on Decimals;
:mod:`xborder.frames` evaluates the very same functions on whole columns.
Both pass an *ops* object that does the arithmetic (exact addition and
multiplication, rounding with a named mode, exact division, conditions), so
a rule exists in one place only and the two engines cannot drift apart:

* :func:`costs_of`: the seller's costs per unit: landed cost, own
  fulfilment, other costs and the return allowance
  $r \cdot (h + (1 - \rho) L)$, rounded to the minor unit;
* :func:`waterfall_of`: the rounded waterfall at a price: the shipping
  charged on top of it, VAT, referral fee, payment fee, payout conversion,
  ads and the contribution left;
* :func:`figures_of`: the figures :class:`~xborder.pricing.UnitEconomics`
  reports (fees, costs, returns...), from a waterfall and its costs;
* for the solvers: a :class:`Target` (:func:`break_even`, :func:`margin_of`,
  :func:`markup_of`) and its :func:`value_of` on a waterfall (>= 0 where the
  target is met); the unrounded target as linear :func:`pieces` of the
  price; :func:`rounding_slack`, how far rounding can move the target's
  value; and :func:`edge_prices`, where a whole-price tier jumps. The
  solvers' answer is the lowest price, in whole minor units, at which the
  rounded waterfall meets the target.

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
from typing import NamedTuple, TypeVar

from xborder._guard import guard_public
from xborder._ops import DECIMALS, Ops, is_engine
from xborder._validate import DecimalInput, require, to_decimal
from xborder.errors import InvalidTypeError
from xborder.pricing._model import (
    Amounts,
    Costs,
    Figures,
    figures,
    unit_costs,
    waterfall,
)
from xborder.pricing._solve import Target, loosened, segments
from xborder.pricing._solve import edge_prices as _edges
from xborder.pricing._solve import rounding_slack as _slack
from xborder.pricing._solve import value_of as _value
from xborder.pricing.economics import model_of
from xborder.pricing.listing import Listing
from xborder.pricing.solvers import _margin, margin_target, markup_target

__all__ = [
    "DECIMALS",
    "Amounts",
    "Costs",
    "Figures",
    "Piece",
    "Target",
    "break_even",
    "costs_of",
    "edge_prices",
    "figures_of",
    "margin_of",
    "markup_of",
    "pieces",
    "rounding_slack",
    "value_of",
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
    ops: Ops[V, C],
    listing: Listing,
    price: V,
    costs: V | Decimal,
    *,
    shipping: V | Decimal | None = None,
    extra_fees: V | Decimal | None = None,
) -> Amounts[V]:
    """The rounded waterfall at ``price`` with ``costs`` per unit in total.

    ``shipping`` is the shipping charged per unit on top of the price; by
    default the listing's :class:`~xborder.pricing.ShippingCharge`, if any.
    ``extra_fees`` are fixed fees per unit beyond the listing's (a
    promotion's fee per redemption, which varies with the discounted
    price), charged as its fixed fees are.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, ``listing`` not a Listing.
    """
    values: dict[str, object] = {"price": price, "costs": costs}
    if shipping is not None:
        values["shipping"] = shipping
    if extra_fees is not None:
        values["extra_fees"] = extra_fees
    _check(ops, listing, **values)
    model = model_of(listing)
    if shipping is None and model.shipping is not None:
        shipping = model.ship_charge
    return waterfall(ops, model, price, costs, shipping, extra_fees=extra_fees)


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


class Piece(NamedTuple):
    """A target's unrounded value on a piece: ``intercept + slope × price − w × costs``.

    ``w`` is the target's weight on the contribution, and costs are the
    seller's costs per unit (as :func:`costs_of` totals them); ``high`` is
    ``None`` for the last piece; ``rule`` says which fees hold there.
    """

    low: Decimal
    high: Decimal | None
    intercept: Decimal
    slope: Decimal
    rule: str


def break_even() -> Target:
    """The target of a break-even price: a contribution of at least zero."""
    return Target(_ONE, _ZERO, _ZERO)


def margin_of(margin: DecimalInput) -> Target:
    """The target of a margin on net revenue (``"0.30"``), below 1.

    Raises:
        InvalidInputError: ``margin`` is 1 or more.
    """
    return margin_target(_margin(margin))


def markup_of(markup: DecimalInput) -> Target:
    """The target of a markup on everything taken from net revenue, above −1.

    Raises:
        InvalidInputError: ``markup`` is −1 or less.
    """
    k = to_decimal(markup, field="markup")
    require(k > -1, field="markup", value=markup, expected="a markup > -1")
    return markup_target(k)


def value_of(ops: Ops[V, C], target: Target, amounts: Amounts[V]) -> V:
    """How far a waterfall is above (>= 0) or below ``target``, exactly.

    Raises:
        InvalidTypeError: ``target`` or ``amounts`` is not what it should be.
    """
    if not is_engine(ops):
        raise InvalidTypeError(field="ops", value=ops, expected="an xborder engine")
    _check_target(target)
    _check_amounts(amounts)
    return _value(ops, target, amounts)


def pieces(
    listing: Listing, target: Target, *, loose: bool = False
) -> tuple[Piece, ...]:
    """``target``'s unrounded value under ``listing`` as linear pieces of the price.

    With ``loose``, the target is lowered by :func:`rounding_slack`: no price
    whose loose value is negative can meet the target on the rounded
    waterfall, so the solvers start where it turns non-negative.

    Raises:
        InvalidTypeError: ``listing`` or ``target`` is not what it should be,
            or ``loose`` is not a bool.
    """
    _check(DECIMALS, listing)
    _check_target(target)
    if not isinstance(loose, bool):
        raise InvalidTypeError(field="loose", value=loose, expected="True or False")
    model = model_of(listing)
    goal = loosened(model, target) if loose else target
    own = model.costs_total
    found = []
    for segment in segments(model):
        # alpha = (what the price leaves) − the listing's own costs; net
        # revenue includes the net shipping charged, fixed.
        intercept = (
            goal.weight_c * (segment.alpha + own)
            - goal.weight_n * model.ship_net
            - goal.constant
        )
        slope = goal.weight_c * segment.beta - goal.weight_n * model.net_factor
        found.append(Piece(segment.low, segment.high, intercept, slope, segment.rule))
    return tuple(found)


def rounding_slack(listing: Listing, target: Target) -> Decimal:
    """How far rounding each line can move ``target``'s value from the unrounded one.

    Raises:
        InvalidTypeError: ``listing`` or ``target`` is not what it should be.
    """
    _check(DECIMALS, listing)
    _check_target(target)
    return _slack(model_of(listing), target)


def edge_prices(listing: Listing) -> tuple[Decimal, ...]:
    """The prices around each whole-price band edge, where the fee jumps.

    Raises:
        InvalidTypeError: ``listing`` is not a Listing.
    """
    _check(DECIMALS, listing)
    return _edges(model_of(listing))


def _check_amounts(amounts: object) -> None:
    if not isinstance(amounts, Amounts):
        raise InvalidTypeError(field="amounts", value=amounts, expected="Amounts")


def _check_target(target: object) -> None:
    if not isinstance(target, Target):
        raise InvalidTypeError(field="target", value=target, expected="a Target")


_ZERO = Decimal(0)
_ONE = Decimal(1)


def _check(ops: object, listing: object, **values: object) -> None:
    if not is_engine(ops):
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
