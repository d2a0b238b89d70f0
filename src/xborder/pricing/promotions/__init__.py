r"""Promotions and deals: is a coupon or a deal event worth it?

* :mod:`~xborder.pricing.promotions.offers`: what is offered and what it
  costs: :class:`Discount`, :class:`Coupon`, :class:`Deal`, and the
  :class:`DemandEffects` on other sales (cannibalisation, dip, halo);
* :mod:`~xborder.pricing.promotions.outcomes`: the lift that keeps the
  contribution (:func:`break_even_lift`) or a margin (:func:`margin_lift`),
  and what a promotion earns at an expected lift with the ad spend it can
  carry (:func:`promotion_outcome`).

Every figure is computed from the waterfalls of
:func:`~xborder.pricing.unit_economics` at the shelf price and at the
discounted price, which the results carry.

Examples:
    >>> from xborder.money import Money
    >>> from xborder.pricing import FeeSchedule, Listing, UnitCosts
    >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="EUR"),
    ...                   costs=UnitCosts(landed=Money("6.00", "EUR")))
    >>> coupon = Coupon(discount=Discount.percent_off("0.10"))
    >>> price = Money("10.00", "EUR")
    >>> lift = break_even_lift(listing, price, coupon, baseline_units=30)
    >>> f"{lift.lift:.2%}", lift.whole_units
    ('33.33%', 40)
"""

from xborder._guard import guard_public
from xborder.pricing.promotions.offers import (
    Coupon,
    Deal,
    DemandEffects,
    Discount,
    Promotion,
)
from xborder.pricing.promotions.outcomes import (
    PromotionLift,
    PromotionOutcome,
    break_even_lift,
    margin_lift,
    promotion_outcome,
)

__all__ = [
    "Coupon",
    "Deal",
    "DemandEffects",
    "Discount",
    "Promotion",
    "PromotionLift",
    "PromotionOutcome",
    "break_even_lift",
    "margin_lift",
    "promotion_outcome",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
