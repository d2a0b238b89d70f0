r"""A promotion's rules, written once, for every engine.

:func:`~xborder.pricing.promotions.break_even_lift` and its siblings
evaluate these on Decimals; :func:`xborder.frames.promotion_lifts` evaluates
the per-unit ones on whole columns. So a rule lives in one place only:

* :func:`discounted_of`: the discounted price of a shelf price (a share off
  rounded to the minor unit, an amount off, or a promotional price);
* :func:`promotion_fee_of`: the promotion's fee per redeemed unit (an
  amount, and a share of the discounted price rounded as the schedule
  rounds), charged in the promoted unit's waterfall as a fixed fee
  (:func:`xborder.pricing.rules.waterfall_of` with ``extra_fees``);
* :func:`terms_of` and :func:`period_of`: from the two units' figures
  (:class:`Unit`: price, net revenue, contribution) to the
  :class:`Period`, whose contribution is piecewise linear in the units
  sold; :meth:`Period.lift` is the fewest units that keep the contribution
  or a margin, :meth:`Period.outcome` the period at an expected lift.

Units and lifts are 34-digit Decimals, as the scalar results report them.

Examples:
    >>> from decimal import Decimal
    >>> from xborder.money import Currency
    >>> from xborder.pricing.promotions import Deal, Discount
    >>> deal = Deal(discount=Discount.percent_off("0.20"))
    >>> usd = Currency("USD")
    >>> discounted_of(DECIMALS, deal.discount, Decimal("100.00"), usd)
    Decimal('80.00')
    >>> full = Unit(Decimal("100.00"), Decimal("100.00"), Decimal("40.00"))
    >>> promoted = Unit(Decimal("80.00"), Decimal("80.00"), Decimal("20.00"))
    >>> period = period_of(full, promoted, Decimal(0), terms_of(deal, usd, None),
    ...                    Decimal(100))
    >>> period.lift(None).lift
    Decimal('1')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from xborder._guard import guard_public
from xborder._ops import DECIMALS, Ops
from xborder.errors import InvalidTypeError
from xborder.pricing.listing import Listing
from xborder.pricing.promotions._arith import discounted, rate_fee
from xborder.pricing.promotions._period import (
    Effects,
    Lift,
    Outcome,
    Period,
    Terms,
    Unit,
    period_of,
    terms_of,
    unit_fee_of,
)
from xborder.pricing.promotions.offers import Coupon, Deal, Discount, check_amount

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder.money import Currency
    from xborder.pricing.promotions.offers import Promotion

__all__ = [
    "DECIMALS",
    "Effects",
    "Lift",
    "Outcome",
    "Period",
    "Terms",
    "Unit",
    "discounted_of",
    "period_of",
    "promotion_fee_of",
    "terms_of",
]

V = TypeVar("V")
C = TypeVar("C")


def discounted_of(
    ops: Ops[V, C], discount: Discount, price: V, currency: Currency
) -> V:
    """The discounted price of ``price`` (a value of ``ops``) in ``currency``.

    The discount's amounts are checked (in ``currency``, whole minor units);
    whether the result is above zero and no higher than the price is the
    caller's check, per price (:meth:`~xborder.pricing.promotions.Discount.apply`
    raises; a frame reports the row).

    Raises:
        InvalidTypeError: ``ops`` is no engine or ``discount`` no Discount.
        CurrencyMismatchError: An amount off or a price in another currency.

    Examples:
        >>> from decimal import Decimal
        >>> from xborder.money import Currency, Money
        >>> four_off = Discount.amount_off(Money("4.00", "USD"))
        >>> discounted_of(DECIMALS, four_off, Decimal("25.00"), Currency("USD"))
        Decimal('21.00')
    """
    _check(ops, discount, Discount, "discount")
    amount = fixed = None
    if discount.amount is not None:
        amount = check_amount(discount.amount, currency, "discount.amount").amount
    elif discount.price is not None:
        fixed = check_amount(discount.price, currency, "discount.price").amount
    return discounted(
        ops,
        price,
        share=discount.share,
        amount=amount,
        fixed=fixed,
        unit=currency.minor_unit,
        rounding=discount.rounding.value,
    )


def promotion_fee_of(
    ops: Ops[V, C], promotion: Promotion, discounted: V, listing: Listing
) -> V | Decimal | None:
    """The promotion's fees per redeemed unit at the ``discounted`` price, or None.

    The redemption (or unit) fee, plus ``fee_rate`` × the discounted price
    rounded as ``listing``'s fee schedule rounds; ``None`` when the
    promotion charges nothing per unit.

    Raises:
        InvalidTypeError: ``ops``, ``promotion`` or ``listing`` is not one.
        CurrencyMismatchError: The unit fee is in another currency.

    Examples:
        >>> from decimal import Decimal
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
        ...                   costs=UnitCosts(landed=Money("6.00", "USD")))
        >>> coupon = Coupon(discount=Discount.percent_off("0.20"),
        ...                 redemption_fee=Money("0.60", "USD"), fee_rate="0.025")
        >>> promotion_fee_of(DECIMALS, coupon, Decimal("19.99"), listing)
        Decimal('1.10')
    """
    _check(ops, promotion, Coupon | Deal, "promotion")
    if not isinstance(listing, Listing):
        raise InvalidTypeError(field="listing", value=listing, expected="a Listing")
    fee = unit_fee_of(promotion, listing.currency)
    total: V | Decimal | None = None if fee is None else fee.amount
    if promotion.fee_rate:
        share = rate_fee(
            ops,
            discounted,
            promotion.fee_rate,
            listing.currency.minor_unit,
            listing.fees.rounding.value,
        )
        total = share if total is None else ops.add(total, share)
    return total


def _check(ops: object, value: object, kind: object, field: str) -> None:
    if not isinstance(ops, Ops):
        raise InvalidTypeError(field="ops", value=ops, expected="an xborder engine")
    if not isinstance(value, kind):  # type: ignore[arg-type]
        raise InvalidTypeError(field=field, value=value, expected=f"a {field}")


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
