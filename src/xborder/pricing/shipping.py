r"""Shipping charged to the buyer: revenue on top of the item price.

On eBay, Etsy, Walmart, Mercado Libre and a seller's own site the buyer
often pays a shipping (and handling) charge on top of the item price. It
is revenue the seller collects, and it is not free of what the price bears:

* **VAT.** In the EU and the UK a delivery charge is part of the taxable
  amount of the goods and carries their VAT rate: the VAT Directive
  (2006/112/EC, art. 78(b), in force since 1 January 2007) includes
  "incidental expenses, such as commission, packing, transport and
  insurance costs, charged by the supplier to the customer"; HMRC's VAT
  Notice 700/24 "Postage, delivery charges and direct marketing" (section
  2, updated 9 June 2015 and, for supplies from 1 January 2021, December
  2020) treats goods delivered for a charge as one supply of delivered
  goods.
* **Fees.** eBay charges its final value fee on the total the buyer pays,
  shipping included (since 19 April 2011 for auctions); Etsy's transaction
  fee is on the item price plus shipping and gift wrap (since 2018);
  Amazon's referral fee is on the total sales price, shipping charged
  included; card processors charge on the whole order.
* **Returns.** A refund may give the shipping charge back (the seller at
  fault: damaged, not as described) or keep it (a change of mind, where the
  policy lets the seller keep it). Say which with ``refunded_on_return``.

The charge is given per unit sold, stated as the price is stated: VAT
included where the market's prices include it, net where tax is added at
checkout. The waterfall shows it as a "Shipping charged" line that *adds*
to the price (a negative deduction), and its VAT as "VAT on shipping".

Examples:
    >>> from xborder.money import Money
    >>> charge = ShippingCharge(amount=Money("4.99", "USD"), refunded_on_return=True)
    >>> str(charge.amount), charge.refunded_on_return
    ('4.99 USD', True)
"""

from __future__ import annotations

import attrs

from xborder._guard import guard_public
from xborder._validate import named_errors, optional_flag
from xborder.money import Money
from xborder.money.converters import non_negative_money

__all__ = ["ShippingCharge"]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ShippingCharge:
    """What the buyer pays for shipping and handling, per unit, on top of the price.

    Attributes:
        amount: The charge per unit sold (an order's charge ÷ its units),
            >= 0, in the listing currency and whole minor units; VAT
            included where the market's prices include it.
        refunded_on_return: Whether a returned unit's refund gives the
            charge back (``True``: refunded with the price, as when the
            seller is at fault) or not (``False``: kept). ``None`` is
            allowed only where the listing has no returns.

    Raises:
        InvalidInputError: ``amount`` is negative.
        InvalidTypeError: ``amount`` is not Money, ``refunded_on_return``
            not a bool or ``None``.

    Examples:
        >>> from xborder.money import Money
        >>> ShippingCharge(amount=Money("3.50", "EUR")).refunded_on_return is None
        True
    """

    amount: Money = attrs.field(converter=non_negative_money)
    refunded_on_return: bool | None = attrs.field(default=None, converter=optional_flag)


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
