r"""Advertising thresholds from the waterfall: break-even ACOS and CAC, max CPC.

A unit's contribution before ads is what advertising may spend on it
before the sale loses money. As a share of sales it is the **break-even
ACOS** (the marketplace seller's bid ceiling, in Amazon's terms); per order
it is the **break-even CAC** (the independent site's); and times a
conversion rate it is the most a click may cost (**max CPC**).

xborder's KPI calculators take these thresholds as plain numbers; the
ratios of actual campaigns (ACOS, ROAS, TACoS) live there, not here.

Examples:
    >>> from xborder.money import Money
    >>> from xborder.pricing import FeeSchedule, UnitCosts, unit_economics
    >>> fees = FeeSchedule(name="Own site", currency="USD")
    >>> costs = UnitCosts(landed=Money("18.00", "USD"))
    >>> e = unit_economics(Money("29.99", "USD"), fees=fees, costs=costs)
    >>> acos = break_even_acos(e)
    >>> f"{acos:.4f}", str(max_cpc(e.price, conversion_rate="0.10", acos=acos))
    ('0.3998', '1.19 USD')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder._exact import DIVISION, EXACT
from xborder._guard import guard_public
from xborder._validate import LARGEST, DecimalInput, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode
from xborder.money.converters import exact_money
from xborder.pricing.economics import UnitEconomics

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = ["break_even_acos", "break_even_cac", "max_cpc"]


def _sales(economics: UnitEconomics, *, sales_include_vat: bool | None) -> Money:
    if sales_include_vat is not None and not isinstance(sales_include_vat, bool):
        raise InvalidTypeError(
            field="sales_include_vat",
            value=sales_include_vat,
            expected="True, False or None",
        )
    rule = economics.vat_rule
    if rule is None or not rule.rate:
        return economics.net_revenue
    if sales_include_vat is None:
        if rule.included:
            raise InvalidInputError(
                "ACOS on VAT-inclusive and on net sales differ by the VAT rate",
                field="sales_include_vat",
                value=None,
                expected="True or False where the price includes VAT",
            )
        return economics.net_revenue
    return economics.gross if sales_include_vat else economics.net_revenue


def break_even_acos(
    economics: UnitEconomics, *, sales_include_vat: bool | None = None
) -> Decimal | None:
    r"""The ACOS at which ads eat the whole contribution: margin before ads on sales.

    $$\text{ACOS}_\text{BE} = \frac{\text{contribution before ads}}{\text{sales}}$$

    Source: Horaizon's glossary (price \$29.99, costs \$18.00, contribution
    \$11.99 → 39.98%); Sellics ("margin before ad spend").

    Args:
        economics: A waterfall (its ads, if any, are added back).
        sales_include_vat: Whether the ad reports' sales include VAT;
            required where the price includes VAT.

    Returns:
        The ratio (0.3998 for 39.98%), negative if the unit loses money
        before any ad; ``None`` if sales are zero.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts, unit_economics
        >>> fees = FeeSchedule(name="Own site", currency="USD")
        >>> costs = UnitCosts(landed=Money("15.00", "USD"))
        >>> e = unit_economics(Money("25.00", "USD"), fees=fees, costs=costs)
        >>> break_even_acos(e)
        Decimal('0.4')
    """
    if not isinstance(economics, UnitEconomics):
        raise InvalidTypeError(
            field="economics", value=economics, expected="UnitEconomics"
        )
    sales = _sales(economics, sales_include_vat=sales_include_vat)
    if sales.is_zero():
        return None
    return DIVISION.divide(economics.contribution_before_ads.amount, sales.amount)


def break_even_cac(economics: UnitEconomics) -> Money:
    """The most an order may cost to acquire before it loses money.

    The contribution before ads, per order of one unit: an independent
    site's counterpart of the break-even ACOS.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts, unit_economics
        >>> fees = FeeSchedule(name="Own site", currency="EUR")
        >>> costs = UnitCosts(landed=Money("14.00", "EUR"))
        >>> e = unit_economics(Money("39.00", "EUR"), fees=fees, costs=costs)
        >>> str(break_even_cac(e))
        '25.00 EUR'
    """
    if not isinstance(economics, UnitEconomics):
        raise InvalidTypeError(
            field="economics", value=economics, expected="UnitEconomics"
        )
    return economics.contribution_before_ads


def max_cpc(
    order_value: Money, *, conversion_rate: DecimalInput, acos: DecimalInput
) -> Money:
    r"""The highest cost per click that keeps ads within an ACOS.

    $$\text{CPC}_\text{max} = \text{order value} \times \text{CVR} \times \text{ACOS}$$

    because ACOS = CPC ÷ (CVR × order value). Rounded *down* to the minor
    unit: a bid one cent higher would break the ACOS. Pass the break-even
    ACOS for the break-even bid, or a target ACOS (break-even minus the
    margin you want to keep after ads).

    Source: Merch Jar's "Ideal CPC" (target ACOS × AOV × CVR);
    calculatorultra.com (\$100 × 5% × 20% = \$1.00).

    Examples:
        >>> from xborder.money import Money
        >>> str(max_cpc(Money("100.00", "USD"), conversion_rate="0.05", acos="0.20"))
        '1.00 USD'
    """
    if not isinstance(order_value, Money):
        raise InvalidTypeError(field="order_value", value=order_value, expected="Money")
    if order_value.is_negative():  # a negative bid is no bid
        raise InvalidInputError(
            field="order_value", value=order_value, expected="an order value >= 0"
        )
    cvr = to_decimal(conversion_rate, field="conversion_rate")
    if not 0 < cvr <= 1:
        raise InvalidInputError(
            field="conversion_rate",
            value=conversion_rate,
            expected="a fraction in (0, 1]",
        )
    share = to_decimal(acos, field="acos")
    if share < 0:
        raise InvalidInputError(field="acos", value=acos, expected="an ACOS >= 0")
    raw = EXACT.multiply(EXACT.multiply(order_value.amount, cvr), share)
    # Each factor is within range, but their product need not be: a bid past
    # every amount xborder reads could be returned and never read back.
    if raw >= LARGEST:
        raise InvalidInputError(
            f"order value x conversion rate x ACOS is {raw:.6E}",
            field="acos",
            value=acos,
            expected="an ACOS that keeps the bid below 1E+36",
        )
    return exact_money(raw, order_value.currency).quantize(RoundingMode.FLOOR)


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
