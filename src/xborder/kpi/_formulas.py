"""The KPI formulas on plain numbers (private; see xborder.kpi).

Each function takes keyword arguments so the parts cannot be swapped by
accident (``acos(spend=..., sales=...)``), checks them, and returns a
:class:`~xborder.kpi.Ratio` or :class:`~xborder.kpi.MoneyRatio` that keeps
them. The stats models (:class:`~xborder.kpi.AdsStats`,
:class:`~xborder.kpi.FunnelStats`) call these.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._validate import non_negative_count
from xborder.errors import XborderError
from xborder.kpi._ratio import MoneyRatio, Ratio, _make_ratio, ratio_of_money
from xborder.money.converters import non_negative_money

if TYPE_CHECKING:
    from xborder.money import Money

__all__ = [
    "acos",
    "add_to_cart_rate",
    "aov",
    "cpc",
    "cpm",
    "ctr",
    "cvr",
    "roas",
    "tacos",
]


def _count(value: int, field: str) -> int:
    try:
        return non_negative_count(value)
    except XborderError as error:
        raise error.in_field(field) from None


def _amount(value: Money, field: str) -> Money:
    try:
        return non_negative_money(value)
    except XborderError as error:
        raise error.in_field(field) from None


def _counts(numerator: int, denominator: int, names: tuple[str, str]) -> Ratio:
    top = _count(numerator, names[0])
    bottom = _count(denominator, names[1])
    return _make_ratio(_decimal(top), _decimal(bottom))


def _decimal(value: int) -> Decimal:
    return Decimal(value)


def ctr(*, clicks: int, impressions: int) -> Ratio:
    r"""Click-through rate: $CTR = clicks / impressions$.

    How often a shown ad or listing is clicked. Listing quality (title,
    main image, price, rating) drives it. Undefined with no impressions.

    Examples:
        >>> from xborder.money import RoundingMode
        >>> ctr(clicks=12, impressions=4000).format_percent(2, RoundingMode.HALF_UP)
        '0.30%'
    """
    return _counts(clicks, impressions, ("clicks", "impressions"))


def cvr(*, orders: int, clicks: int) -> Ratio:
    r"""Conversion rate: $CVR = orders / clicks$ (or orders / sessions for a store).

    Amazon's listing report also gives *unit session percentage*, units over
    sessions; :attr:`FunnelStats.unit_session_percentage` is that one.
    Undefined with no clicks.

    Examples:
        >>> from xborder.money import RoundingMode
        >>> cvr(orders=9, clicks=90).format_percent(1, RoundingMode.HALF_UP)
        '10.0%'
    """
    return _counts(orders, clicks, ("orders", "clicks"))


def add_to_cart_rate(*, add_to_carts: int, sessions: int) -> Ratio:
    r"""Add-to-cart rate: $sessions\ with\ an\ add\text{-}to\text{-}cart / sessions$.

    Examples:
        >>> add_to_cart_rate(add_to_carts=45, sessions=500).value
        Decimal('0.09')
    """
    return _counts(add_to_carts, sessions, ("add_to_carts", "sessions"))


def cpc(*, spend: Money, clicks: int) -> MoneyRatio:
    r"""Cost per click: $CPC = spend / clicks$.

    Undefined when there are no clicks, even if there is spend (ads billed
    per viewable impression spend without clicks).

    Examples:
        >>> from xborder.money import Money, RoundingMode
        >>> str(cpc(spend=Money("63.00", "USD"), clicks=90).round(RoundingMode.HALF_UP))
        '0.70 USD'
    """
    return MoneyRatio(amount=_amount(spend, "spend"), count=_count(clicks, "clicks"))


def cpm(*, spend: Money, impressions: int) -> MoneyRatio:
    r"""Cost per thousand impressions: $CPM = spend / impressions \times 1000$.

    Examples:
        >>> from xborder.money import Money
        >>> str(cpm(spend=Money("12.00", "EUR"), impressions=8000).value)
        '1.50 EUR'
    """
    return MoneyRatio(
        amount=_amount(spend, "spend"),
        count=_count(impressions, "impressions"),
        scale=1000,
    )


def acos(*, spend: Money, sales: Money) -> Ratio:
    r"""Advertising cost of sales: $ACOS = ad\ spend / ad\text{-}attributed\ sales$.

    The share of ad-driven revenue paid for the ads. Undefined when the ads
    sold nothing (not 0%, which would read as free sales). Compare it with
    the break-even ACOS (the contribution margin before ads over the price)
    to know whether the ads make money.

    Source: Merch Jar's worked example, $100 spend for $500 sales is 20%.

    Examples:
        >>> from xborder.money import Money
        >>> acos(spend=Money("100", "USD"), sales=Money("500", "USD")).value
        Decimal('0.2')

    Raises:
        CurrencyMismatchError: Spend and sales are in different currencies.
    """
    return ratio_of_money(
        _amount(spend, "spend"), _amount(sales, "sales"), field="sales"
    )


def roas(*, sales: Money, spend: Money) -> Ratio:
    r"""Return on ad spend: $ROAS = ad\text{-}attributed\ sales / ad\ spend = 1 / ACOS$.

    The same data as ACOS, upside down, so $ACOS \times ROAS = 1$ whenever
    both are defined. Undefined with no spend.

    Examples:
        >>> from xborder.money import Money
        >>> roas(sales=Money("500", "USD"), spend=Money("100", "USD")).value
        Decimal('5')
    """
    return ratio_of_money(
        _amount(sales, "sales"), _amount(spend, "spend"), field="spend"
    )


def tacos(*, ad_spend: Money, total_sales: Money) -> Ratio:
    r"""Total ACOS: $TACoS = ad\ spend / total\ sales$ (organic and ad-attributed).

    How much of *all* revenue goes to ads; a falling TACoS with steady ACOS
    means organic sales are growing. Both figures must cover the same period
    and both be net (or both gross) of VAT.

    Examples:
        >>> from xborder.money import Money
        >>> tacos(ad_spend=Money("900", "USD"), total_sales=Money("9000", "USD")).value
        Decimal('0.1')
    """
    return ratio_of_money(
        _amount(ad_spend, "ad_spend"),
        _amount(total_sales, "total_sales"),
        field="total_sales",
    )


def aov(*, revenue: Money, orders: int) -> MoneyRatio:
    r"""Average order value: $AOV = revenue / orders$.

    Say which revenue: gross ordered sales or net of refunds. xborder's
    stats models use gross ordered revenue and give the net one separately.

    Examples:
        >>> from xborder.money import Money
        >>> str(aov(revenue=Money("1250", "EUR"), orders=50).value)
        '25 EUR'
    """
    return MoneyRatio(
        amount=_amount(revenue, "revenue"), count=_count(orders, "orders")
    )
