r"""Advertising thresholds from the waterfall: break-even and target ACOS, CAC, max CPC.

A unit's contribution before ads is what advertising may spend on it
before the sale loses money. As a share of sales it is the **break-even
ACOS** (the marketplace seller's bid ceiling, in Amazon's terms); per order
it is the **break-even CAC** (the independent site's); and times a
conversion rate it is the most a click may cost (**max CPC**). Keep a
margin after ads and what is left for them is the **target ACOS**
(:func:`target_acos`), its account-wide counterpart the **target TACoS**
(:func:`target_tacos`), and the bid that follows :func:`target_max_cpc`.

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

__all__ = [
    "break_even_acos",
    "break_even_cac",
    "max_cpc",
    "target_acos",
    "target_max_cpc",
    "target_tacos",
]


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


def _economics(value: object) -> UnitEconomics:
    if not isinstance(value, UnitEconomics):
        raise InvalidTypeError(field="economics", value=value, expected="UnitEconomics")
    return value


def _keep(value: DecimalInput) -> Decimal:
    margin = to_decimal(value, field="margin")
    if not -1 < margin < 1:
        raise InvalidInputError(
            "a margin is a share of net revenue: 100% would leave nothing for costs",
            field="margin",
            value=value,
            expected="a margin above -1 and below 1 (15% is '0.15')",
        )
    return margin


def _left_for_ads(economics: UnitEconomics, margin: Decimal) -> Decimal:
    """Contribution before ads less the margin kept, per unit (may be negative)."""
    kept = EXACT.multiply(margin, economics.net_revenue.amount)
    return EXACT.subtract(economics.contribution_before_ads.amount, kept)


def target_acos(
    economics: UnitEconomics,
    *,
    margin: DecimalInput,
    sales_include_vat: bool | None = None,
) -> Decimal | None:
    r"""The ACOS at which ads leave the unit a chosen margin after ads.

    The margin is a share of **net revenue** (the price net of VAT, as
    :attr:`UnitEconomics.margin <xborder.pricing.UnitEconomics.margin>`);
    the ACOS is on the ad reports' **sales**, gross or net of VAT as in
    :func:`break_even_acos`:

    $$\text{ACOS}_\text{target} = \frac{\text{contribution before ads}
    - \text{margin} \times \text{net revenue}}{\text{sales}}$$

    At a margin of 0 it is the break-even ACOS; each point of margin kept
    lowers it by net revenue ÷ sales points (one point on net sales, 1 ÷
    (1 + VAT rate) on VAT-inclusive sales). Source: Sellics, "How to set
    the right target ACOS" (target ACOS = margin before ad spend −
    target margin after PPC; 20% − 5% = 15%), retrieved 2026-12-07.

    Args:
        economics: A waterfall (its ads, if any, are added back).
        margin: The share of net revenue to keep after ads, above -1 and
            below 1 (a negative margin is a loss accepted, e.g. at launch).
        sales_include_vat: Whether the ad reports' sales include VAT;
            required where the price includes VAT.

    Returns:
        The ratio (0.15 for 15%); **negative** when the unit cannot reach
        the margin even with no ads (its margin before ads is lower), as
        :func:`break_even_acos` is negative for a unit that loses money
        before ads; ``None`` if sales are zero.

    Raises:
        InvalidInputError: A margin of 1 or more, or of -1 or less.
        InvalidTypeError: ``economics`` is not a waterfall.

    Examples:
        Price \$29.99, costs \$18.00: ads may take 39.98% of sales at
        break-even, 24.98% if 15% of the price is to stay:

        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts, unit_economics
        >>> fees = FeeSchedule(name="Own site", currency="USD")
        >>> costs = UnitCosts(landed=Money("18.00", "USD"))
        >>> e = unit_economics(Money("29.99", "USD"), fees=fees, costs=costs)
        >>> f"{target_acos(e, margin='0.15'):.4f}"
        '0.2498'
    """
    waterfall = _economics(economics)
    keep = _keep(margin)
    sales = _sales(waterfall, sales_include_vat=sales_include_vat)
    if sales.is_zero():
        return None
    return DIVISION.divide(_left_for_ads(waterfall, keep), sales.amount)


def target_tacos(
    economics: UnitEconomics,
    *,
    margin: DecimalInput,
    ad_share: DecimalInput,
    sales_include_vat: bool | None = None,
) -> Decimal | None:
    r"""The TACoS an account shows when every ad-attributed sale keeps the margin.

    TACoS is ad spend over **total** sales (ad-attributed and organic).
    When a share of the units sells through ads, each at the target ACOS,
    and the rest sells without ad spend:

    $$\text{TACoS}_\text{target} = \text{ACOS}_\text{target}
    \times \frac{\text{ad-attributed sales}}{\text{total sales}}$$

    The margin is then kept on every unit, and organic units keep their
    whole margin before ads on top. (To keep the margin only on the blend,
    divide the other way: the blended TACoS may reach
    :func:`target_acos`, and the ACOS on ad sales that ÷ the share.)
    Source: Advigator, "How to choose target ACoS" (total ACoS = ad spend
    ÷ total sales), retrieved 2026-12-07.

    Args:
        economics: A waterfall (its ads, if any, are added back).
        margin: The share of net revenue to keep after ads, in (-1, 1).
        ad_share: Ad-attributed sales ÷ total sales, in [0, 1].
        sales_include_vat: As in :func:`target_acos`.

    Returns:
        The ratio; negative when the margin is out of reach (see
        :func:`target_acos`); ``None`` if sales are zero.

    Raises:
        InvalidInputError: A margin outside (-1, 1) or a share outside [0, 1].

    Examples:
        A target ACOS of 25% with 40% of sales from ads is a 10% TACoS:

        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts, unit_economics
        >>> fees = FeeSchedule(name="Own site", currency="USD")
        >>> costs = UnitCosts(landed=Money("15.00", "USD"))
        >>> e = unit_economics(Money("25.00", "USD"), fees=fees, costs=costs)
        >>> f"{target_tacos(e, margin='0.15', ad_share='0.40'):.2%}"
        '10.00%'
    """
    share = to_decimal(ad_share, field="ad_share")
    if not 0 <= share <= 1:
        raise InvalidInputError(
            field="ad_share",
            value=ad_share,
            expected="a fraction of total sales in [0, 1]",
        )
    acos = target_acos(economics, margin=margin, sales_include_vat=sales_include_vat)
    return None if acos is None else EXACT.multiply(acos, share)


def target_max_cpc(
    economics: UnitEconomics, *, margin: DecimalInput, conversion_rate: DecimalInput
) -> Money:
    r"""The highest bid per click that still keeps a margin after ads.

    $$\text{CPC}_\text{max} = \text{ACOS}_\text{target} \times
    \text{price} \times \text{CVR} = (\text{contribution before ads}
    - \text{margin} \times \text{net revenue}) \times \text{CVR}$$

    The sales basis cancels (ACOS × sales is the same amount gross or net
    of VAT), so none is asked. Rounded *down* to the minor unit, as
    :func:`max_cpc`. Source: Merch Jar's "Ideal CPC" (target ACOS × AOV ×
    CVR); AMZ Ascension ($20 × 25% × 12.5% = $0.625), retrieved 2026-12-07.

    Args:
        economics: A waterfall (its ads, if any, are added back).
        margin: The share of net revenue to keep after ads, in (-1, 1).
        conversion_rate: Orders per click, in (0, 1].

    Raises:
        InvalidInputError: The margin is out of reach (the unit's margin
            before ads is lower, so no bid keeps it; the message gives
            both), or a margin or rate out of range.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts, unit_economics
        >>> fees = FeeSchedule(name="Own site", currency="USD")
        >>> costs = UnitCosts(landed=Money("18.00", "USD"))
        >>> e = unit_economics(Money("29.99", "USD"), fees=fees, costs=costs)
        >>> str(target_max_cpc(e, margin="0.15", conversion_rate="0.10"))
        '0.74 USD'
    """
    waterfall = _economics(economics)
    keep = _keep(margin)
    cvr = to_decimal(conversion_rate, field="conversion_rate")
    if not 0 < cvr <= 1:
        raise InvalidInputError(
            field="conversion_rate",
            value=conversion_rate,
            expected="a fraction in (0, 1]",
        )
    left = _left_for_ads(waterfall, keep)
    if left < 0:
        before = waterfall.margin_before_ads
        reach = "no margin" if before is None else f"{before:.2%}"
        raise InvalidInputError(
            f"the unit keeps {reach} before any ad; no bid keeps {keep:.2%}",
            field="margin",
            value=margin,
            expected="a margin no higher than the margin before ads",
        )
    raw = EXACT.multiply(left, cvr)
    return exact_money(raw, waterfall.price.currency).quantize(RoundingMode.FLOOR)


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
