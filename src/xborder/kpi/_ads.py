"""Ad stats and KPIs with their attribution window (private; see xborder.kpi)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    non_negative_count,
    positive_count,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.kpi import _formulas
from xborder.kpi._checks import (
    bounded_sum,
    checked,
    instance,
    is_a,
    iterable,
    same_currency,
)
from xborder.kpi._ratio import MoneyRatio, Ratio
from xborder.money import Money, RoundingMode
from xborder.money._money import _make, money_value, non_negative_money

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.money import Currency

__all__ = ["AcosGap", "AdsKpis", "AdsStats", "AttributionWindow"]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class AttributionWindow:
    """How long after a click (or a view) a sale is credited to the ad.

    Ad platforms report the same campaign with several windows (orders
    within 7 days of the click, within 14 days...). A longer window credits
    more sales, so a 14-day ACOS looks better than the 7-day one for the
    same spend. The window is part of every :class:`AdsStats`, and stats with
    different windows refuse to combine.

    Args:
        click_days: Days after a click during which a sale counts (>= 1).
        view_days: Days after a view without a click (0 for search ads).

    Examples:
        >>> str(AttributionWindow(click_days=7))
        '7-day click'
        >>> str(AttributionWindow(click_days=7, view_days=1))
        '7-day click, 1-day view'
    """

    click_days: int = attrs.field(converter=positive_count)
    view_days: int = attrs.field(default=0, converter=non_negative_count)

    def __str__(self) -> str:
        view = f", {self.view_days}-day view" if self.view_days else ""
        return f"{self.click_days}-day click{view}"


def to_window(value: AttributionWindow) -> AttributionWindow:
    """Converter: an :class:`AttributionWindow`."""
    return instance(value, AttributionWindow)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class AdsStats:
    """Ad delivery and results over one period, with their attribution window.

    Stats add up (``a + b``, :meth:`total`) by summing every count and
    amount, and the KPIs are computed from the sums, never averaged. Adding
    stats in different currencies or attribution windows is refused.

    The model does not insist that clicks <= impressions or orders <= clicks:
    some reports break those (orders credited over a 14-day window can
    outnumber clicks). :class:`ReportSemantics` says which a report promises.

    Args:
        impressions: Times the ad was shown.
        clicks: Clicks on the ad.
        spend: What the clicks (or impressions) cost.
        orders: Orders credited to the ad within the window.
        sales: Revenue of those orders, in the currency of ``spend``.
        attribution: The attribution window the orders and sales use.

    Examples:
        >>> week = AttributionWindow(click_days=7)
        >>> stats = AdsStats(
        ...     impressions=4000, clicks=90, spend=Money("63.00", "USD"),
        ...     orders=9, sales=Money("254.00", "USD"), attribution=week,
        ... )
        >>> stats.acos.format_percent(1, RoundingMode.HALF_UP)
        '24.8%'
        >>> stats.roas.round(2, RoundingMode.HALF_UP)
        Decimal('4.03')
    """

    impressions: int = attrs.field(converter=non_negative_count)
    clicks: int = attrs.field(converter=non_negative_count)
    spend: Money = attrs.field(converter=non_negative_money)
    orders: int = attrs.field(converter=non_negative_count)
    sales: Money = attrs.field(converter=non_negative_money)
    attribution: AttributionWindow = attrs.field(converter=to_window)

    def __attrs_post_init__(self) -> None:
        same_currency(self.spend, self.sales, "sales")

    @classmethod
    def zero(
        cls, *, currency: Currency | str, attribution: AttributionWindow
    ) -> AdsStats:
        """No impressions, no spend: the identity of ``+``."""
        nothing = Money.zero(currency)
        return cls(
            impressions=0,
            clicks=0,
            spend=nothing,
            orders=0,
            sales=nothing,
            attribution=attribution,
        )

    @classmethod
    def total(
        cls,
        stats: Iterable[AdsStats],
        *,
        currency: Currency | str,
        attribution: AttributionWindow,
    ) -> AdsStats:
        """Add ``stats``; currency and window make an empty total typed."""
        result = cls.zero(currency=currency, attribution=attribution)
        for index, item in enumerate(iterable(stats, "stats")):
            if not isinstance(item, AdsStats):
                raise InvalidTypeError(
                    field=f"stats[{index}]", value=item, expected="AdsStats"
                )
            result = _added(result, item, f"stats[{index}]")
        return result

    def __add__(self, other: AdsStats) -> AdsStats:
        if not isinstance(other, AdsStats):
            return NotImplemented
        return _added(self, other, "other")

    # -- KPIs ---------------------------------------------------------------

    @property
    def ctr(self) -> Ratio:
        """Clicks / impressions (see :func:`ctr`)."""
        return _formulas.ctr(clicks=self.clicks, impressions=self.impressions)

    @property
    def cpc(self) -> MoneyRatio:
        """Spend / clicks (see :func:`cpc`)."""
        return _formulas.cpc(spend=self.spend, clicks=self.clicks)

    @property
    def cpm(self) -> MoneyRatio:
        """Spend per thousand impressions (see :func:`cpm`)."""
        return _formulas.cpm(spend=self.spend, impressions=self.impressions)

    @property
    def cvr(self) -> Ratio:
        """Orders / clicks (see :func:`cvr`)."""
        return _formulas.cvr(orders=self.orders, clicks=self.clicks)

    @property
    def acos(self) -> Ratio:
        """Spend / sales (see :func:`acos`)."""
        return _formulas.acos(spend=self.spend, sales=self.sales)

    @property
    def roas(self) -> Ratio:
        """Sales / spend (see :func:`roas`)."""
        return _formulas.roas(sales=self.sales, spend=self.spend)

    @property
    def sales_per_click(self) -> MoneyRatio:
        r"""Sales / clicks, which is $AOV \times CVR$: what one click brings in."""
        return MoneyRatio(amount=self.sales, count=self.clicks)

    def tacos(self, total_sales: Money) -> Ratio:
        """This spend over the period's organic + ad sales (see :func:`tacos`)."""
        return _formulas.tacos(ad_spend=self.spend, total_sales=total_sales)

    def target_cpc(self, target_acos: DecimalInput) -> MoneyRatio:
        r"""The CPC at which these clicks would have met ``target_acos``.

        $target\ CPC = AOV \times CVR \times target\ ACOS = sales / clicks
        \times target\ ACOS$, because $ACOS = CPC / (CVR \times AOV)$.
        Undefined with no clicks. (The *maximum* CPC from unit economics,
        price × CVR × break-even ACOS, belongs to pricing.)

        Examples:
            >>> week = AttributionWindow(click_days=7)
            >>> stats = AdsStats(impressions=4000, clicks=90, spend=Money("63", "USD"),
            ...     orders=9, sales=Money("254", "USD"), attribution=week)
            >>> str(stats.target_cpc("0.20").round(RoundingMode.DOWN))
            '0.56 USD'
        """
        limit = _acos_limit(target_acos, "target_acos")
        return MoneyRatio(amount=self.sales * limit, count=self.clicks)

    def kpis(self) -> AdsKpis:
        """Every ad KPI of these stats, as one named result."""
        return AdsKpis(
            stats=self,
            ctr=self.ctr,
            cpc=self.cpc,
            cpm=self.cpm,
            cvr=self.cvr,
            acos=self.acos,
            roas=self.roas,
        )

    def acos_gap(self, limit: DecimalInput) -> AcosGap:
        r"""Spend against what an ACOS ``limit`` allows on these sales.

        $allowed\ spend = sales \times limit$ and $overspend = spend -
        allowed\ spend$. With the target ACOS as the limit this is Sellics'
        *overspend*; with the break-even ACOS (from pricing: contribution
        margin before ads over price) $-overspend$ is the profit the ads made
        on the sales they drove. Defined even when ACOS is not: spend with no
        sales is all overspend.

        Source: Sellics help, "Overspend & Underspend": $100 revenue, $20
        spend, 15% target → $15 allowed, $5 overspend.

        Examples:
            >>> stats = AdsStats(impressions=1000, clicks=50, spend=Money("20", "USD"),
            ...     orders=4, sales=Money("100", "USD"),
            ...     attribution=AttributionWindow(click_days=7))
            >>> str(stats.acos_gap("0.15").overspend)
            '5.00 USD'
        """
        limit_value = _acos_limit(limit, "limit")
        allowed = self.sales * limit_value
        return AcosGap(
            acos=self.acos,
            limit=limit_value,
            spend=self.spend,
            allowed_spend=allowed,
            overspend=self.spend - allowed,
        )


def _added(base: AdsStats, other: AdsStats, field: str) -> AdsStats:
    if other.attribution != base.attribution:
        raise InvalidInputError(
            "7-day and 14-day figures measure different things",
            field=f"{field}.attribution",
            value=str(other.attribution),
            expected=f"the same window, {base.attribution}",
        )
    same_currency(base.spend, other.spend, f"{field}.spend")
    return build_ads_stats(
        impressions=base.impressions + other.impressions,
        clicks=base.clicks + other.clicks,
        spend=EXACT.add(base.spend.amount, other.spend.amount),
        orders=base.orders + other.orders,
        sales=EXACT.add(base.sales.amount, other.sales.amount),
        currency=base.spend.currency,
        attribution=base.attribution,
        field=field,
    )


def _acos_limit(value: DecimalInput, field: str) -> Decimal:
    return checked(fraction, value, field)


_new = object.__new__
_SETTERS = {
    name: AdsStats.__dict__[name].__set__ for name in attrs.fields_dict(AdsStats)
}


def build_ads_stats(
    *,
    impressions: int,
    clicks: int,
    spend: Decimal,
    orders: int,
    sales: Decimal,
    currency: Currency,
    attribution: AttributionWindow,
    field: str,
) -> AdsStats:
    """Build AdsStats from sums of already-validated rows, skipping converters.

    Each sum is checked against the bound every number has (a total of many
    rows can outgrow it); ``field`` names what was summed (``rows``).
    """
    result = _new(AdsStats)
    _SETTERS["impressions"](result, bounded_sum(impressions, field))
    _SETTERS["clicks"](result, bounded_sum(clicks, field))
    _SETTERS["spend"](result, _make(bounded_sum(spend, field), currency))
    _SETTERS["orders"](result, bounded_sum(orders, field))
    _SETTERS["sales"](result, _make(bounded_sum(sales, field), currency))
    _SETTERS["attribution"](result, attribution)
    return result


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class AdsKpis:
    """Every ad KPI of one :class:`AdsStats`, each keeping its parts.

    Attributes:
        stats: The stats the KPIs come from.
        ctr: Clicks / impressions.
        cpc: Spend / clicks.
        cpm: Spend per thousand impressions.
        cvr: Orders / clicks.
        acos: Spend / sales.
        roas: Sales / spend.

    Examples:
        >>> from xborder.money import Money, RoundingMode
        >>> stats = AdsStats(impressions=4000, clicks=90, spend=Money("63", "USD"),
        ...     orders=9, sales=Money("254", "USD"),
        ...     attribution=AttributionWindow(click_days=7))
        >>> kpis = stats.kpis()
        >>> kpis.cvr.value, kpis.cpc.format(RoundingMode.HALF_UP)
        (Decimal('0.1'), '0.70 USD')
    """

    stats: AdsStats = attrs.field(validator=is_a(AdsStats))
    ctr: Ratio = attrs.field(validator=is_a(Ratio))
    cpc: MoneyRatio = attrs.field(validator=is_a(MoneyRatio))
    cpm: MoneyRatio = attrs.field(validator=is_a(MoneyRatio))
    cvr: Ratio = attrs.field(validator=is_a(Ratio))
    acos: Ratio = attrs.field(validator=is_a(Ratio))
    roas: Ratio = attrs.field(validator=is_a(Ratio))

    def table(self, mode: RoundingMode) -> tuple[tuple[str, str], ...]:
        """``(name, text)`` pairs for a report, rounded with ``mode``.

        Rates show two decimals of a percent, ROAS two decimals, money the
        currency's minor unit; undefined KPIs show ``'undefined'``.
        """
        if not isinstance(mode, RoundingMode):
            raise InvalidTypeError(field="mode", value=mode, expected="a RoundingMode")
        roas = self.roas.round(2, mode)
        return (
            ("CTR", self.ctr.format_percent(2, mode)),
            ("CPC", self.cpc.format(mode)),
            ("CPM", self.cpm.format(mode)),
            ("CVR", self.cvr.format_percent(2, mode)),
            ("ACOS", self.acos.format_percent(2, mode)),
            ("ROAS", str(roas)),
        )


def _money(value: Money) -> Money:
    return money_value(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class AcosGap:
    """Spend against an ACOS limit (see :meth:`AdsStats.acos_gap`).

    Attributes:
        acos: The actual ACOS (may be undefined).
        limit: The ACOS limit (target or break-even), a fraction.
        spend: The actual spend.
        allowed_spend: ``sales × limit``.
        overspend: ``spend − allowed_spend``; negative is headroom (with the
            break-even ACOS, the profit the ads made).

    Examples:
        >>> from xborder.money import Money
        >>> stats = AdsStats(impressions=4000, clicks=90, spend=Money("63", "USD"),
        ...     orders=9, sales=Money("254", "USD"),
        ...     attribution=AttributionWindow(click_days=7))
        >>> gap = stats.acos_gap("0.38")  # a break-even ACOS of 38%
        >>> str(gap.allowed_spend), str(gap.overspend), gap.within_limit
        ('96.52 USD', '-33.52 USD', True)
    """

    acos: Ratio = attrs.field(validator=is_a(Ratio))
    limit: Decimal = attrs.field(converter=fraction)
    spend: Money = attrs.field(converter=non_negative_money)
    allowed_spend: Money = attrs.field(converter=non_negative_money)
    overspend: Money = attrs.field(converter=_money)

    def __attrs_post_init__(self) -> None:
        same_currency(self.spend, self.allowed_spend, "allowed_spend")
        if self.overspend != self.spend - self.allowed_spend:
            raise InvalidInputError(
                field="overspend",
                value=self.overspend,
                expected=f"spend - allowed_spend ({self.spend - self.allowed_spend})",
            )

    @property
    def within_limit(self) -> bool:
        """Whether the spend is at or below what the limit allows."""
        return not self.overspend.amount > 0
