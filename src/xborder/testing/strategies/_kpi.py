"""Strategies for the KPI models (private; see xborder.testing.strategies)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from hypothesis import strategies as st

from xborder.dated import Validity
from xborder.kpi import (
    AcosGap,
    AdsKpis,
    AdsStats,
    AttributionWindow,
    Bid,
    BidChange,
    BidPlan,
    BidRules,
    Comparison,
    FunnelStats,
    Grouping,
    HarvestPlan,
    HarvestRules,
    HealthMetric,
    HealthStatus,
    HealthThreshold,
    InventoryPeriod,
    MatchType,
    MoneyRatio,
    NegativeTarget,
    Ratio,
    ReportGroup,
    ReportSemantics,
    ReviewStats,
    SearchTermRow,
    TermDecision,
    WilsonInterval,
    breakdown,
    check_health,
    harvest,
    wilson_interval,
)
from xborder.kpi import bid_changes as _propose_bids
from xborder.testing.strategies._core import _invalid, currencies, money_values

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.money import Currency, Money

__all__ = [
    "acos_gaps",
    "ads_kpis",
    "ads_stats",
    "attribution_windows",
    "bid_changes",
    "bid_plans",
    "bid_rules",
    "bids",
    "funnel_stats",
    "harvest_plans",
    "harvest_rules",
    "health_statuses",
    "health_thresholds",
    "inventory_periods",
    "money_ratios",
    "negative_targets",
    "ratios",
    "report_groups",
    "report_semantics",
    "review_stats",
    "search_term_rows",
    "term_decisions",
    "wilson_intervals",
]

_COUNT = 10**6
_FIRST = dt.date(2020, 1, 1)
_NAMES = st.sampled_from(["Auto", "Manual", "Exact", "Brand", "Phone Holder SP"])
_TERMS = st.sampled_from(
    [
        "phone holder",
        "Phone Holder",
        "car phone mount",
        "magnetic phone holder for car",
        "bike phone holder",
        "b0abc12345",
        "phone  stand",
        "desk stand",
    ]
)
_FRACTIONS = st.decimals(
    min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False
)
_TARGETS = _FRACTIONS.filter(lambda v: v > 0)


def _currency(
    strategy: st.SearchStrategy[Currency] | None,
) -> st.SearchStrategy[Currency]:
    return currencies() if strategy is None else strategy


def _amounts(currency: Currency, high: int = 10**7) -> st.SearchStrategy[Money]:
    return money_values(currency=st.just(currency), min_value=0, max_value=high)


def ratios(*, allow_undefined: bool = True) -> st.SearchStrategy[Ratio]:
    """Ratios of non-negative numbers, with zero denominators unless disallowed."""
    if not isinstance(cast("object", allow_undefined), bool):
        return _invalid(f"allow_undefined must be a bool, got {allow_undefined!r}")
    numbers = st.decimals(
        min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False
    )
    denominators = numbers if allow_undefined else numbers.filter(bool)
    return st.builds(Ratio, numbers, denominators)


def money_ratios(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[MoneyRatio]:
    """Amounts per count (CPC, AOV), sometimes per thousand, counts may be zero."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda amount, count, scale: MoneyRatio(
                amount=amount, count=count, scale=scale
            ),
            _amounts(c),
            st.integers(0, _COUNT),
            st.sampled_from([1, 1000]),
        )
    )


def attribution_windows() -> st.SearchStrategy[AttributionWindow]:
    """Click windows of 1–30 days, with a view window of 0–7 days."""
    return st.builds(
        lambda click, view: AttributionWindow(click_days=click, view_days=view),
        st.sampled_from([7, 14, 1, 30]) | st.integers(1, 30),
        st.just(0) | st.integers(0, 7),
    )


def ads_stats(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    attribution: st.SearchStrategy[AttributionWindow] | None = None,
) -> st.SearchStrategy[AdsStats]:
    """Any valid ad stats (counts need not nest: clicks may exceed impressions)."""
    windows = attribution_windows() if attribution is None else attribution
    return st.tuples(_currency(currency), windows).flatmap(
        lambda pair: st.builds(
            lambda i, c, s, o, v: AdsStats(
                impressions=i, clicks=c, spend=s, orders=o, sales=v, attribution=pair[1]
            ),
            st.integers(0, _COUNT),
            st.integers(0, _COUNT),
            _amounts(pair[0]),
            st.integers(0, _COUNT),
            _amounts(pair[0]),
        )
    )


def ads_kpis(
    *, stats: st.SearchStrategy[AdsStats] | None = None
) -> st.SearchStrategy[AdsKpis]:
    """The KPIs of drawn stats."""
    return (ads_stats() if stats is None else stats).map(AdsStats.kpis)


def acos_gaps() -> st.SearchStrategy[AcosGap]:
    """Spend against an ACOS limit, for drawn stats and limits."""
    return st.builds(lambda s, limit: s.acos_gap(limit), ads_stats(), _FRACTIONS)


def report_semantics(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    attribution: st.SearchStrategy[AttributionWindow] | None = None,
) -> st.SearchStrategy[ReportSemantics]:
    """Report semantics with every combination of nesting rules."""
    return st.builds(
        lambda c, a, ci, oc: ReportSemantics(
            currency=c, attribution=a, clicks_within_impressions=ci,
            orders_within_clicks=oc,
        ),
        _currency(currency),
        attribution_windows() if attribution is None else attribution,
        st.booleans(),
        st.booleans(),
    )  # fmt: skip


def search_term_rows(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    campaigns: st.SearchStrategy[str] | None = None,
    terms: st.SearchStrategy[str] | None = None,
    match_types: st.SearchStrategy[MatchType] | None = None,
    orders_within_clicks: bool = False,
) -> st.SearchStrategy[SearchTermRow]:
    """Search-term rows with clicks <= impressions (the default semantics).

    Args:
        currency: Where to draw the row's currency from.
        campaigns: Campaign (and ad group) names.
        terms: Search terms and targeting texts.
        match_types: Match types; all of them by default.
        orders_within_clicks: Also keep orders <= clicks.
    """
    if not isinstance(cast("object", orders_within_clicks), bool):
        return _invalid(
            f"orders_within_clicks must be a bool, got {orders_within_clicks!r}"
        )
    names = _NAMES if campaigns is None else campaigns
    words = _TERMS if terms is None else terms
    kinds = st.sampled_from(MatchType) if match_types is None else match_types

    def build(currency_: Currency) -> st.SearchStrategy[SearchTermRow]:
        return st.builds(
            _row,
            names,
            st.none() | names,
            words,
            kinds,
            words,
            st.integers(0, 100_000).flatmap(
                lambda i: st.tuples(st.just(i), st.integers(0, min(i, 5000)))
            ),
            st.integers(0, 60),
            _amounts(currency_, 10**5),
            _amounts(currency_, 10**6),
            st.just(orders_within_clicks),
        )

    return _currency(currency).flatmap(build)


def _row(  # noqa: PLR0917 - one argument per drawn column
    campaign: str,
    ad_group: str | None,
    targeting: str,
    match_type: MatchType,
    term: str,
    counts: tuple[int, int],
    orders: int,
    spend: Money,
    sales: Money,
    nested: bool,  # noqa: FBT001
) -> SearchTermRow:
    impressions, clicks = counts
    return SearchTermRow(
        campaign=campaign,
        ad_group=ad_group,
        targeting=targeting,
        match_type=match_type,
        search_term=term,
        impressions=impressions,
        clicks=clicks,
        spend=spend,
        orders=min(orders, clicks) if nested else orders,
        sales=sales if orders else sales * 0,
    )


def _report_and_rows(
    currency: st.SearchStrategy[Currency] | None = None,
) -> st.SearchStrategy[tuple[ReportSemantics, list[SearchTermRow]]]:
    return _currency(currency).flatmap(
        lambda c: st.tuples(
            st.just(
                ReportSemantics(currency=c, attribution=AttributionWindow(click_days=7))
            ),
            st.lists(search_term_rows(currency=st.just(c)), max_size=12),
        )
    )


def report_groups() -> st.SearchStrategy[ReportGroup]:
    """Groups of a breakdown of drawn rows."""
    return (
        st.builds(
            lambda pair, by: breakdown(pair[1] or [], report=pair[0], by=by),
            _report_and_rows(),
            st.sampled_from(Grouping),
        )
        .filter(bool)
        .flatmap(st.sampled_from)
    )


def harvest_rules(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[HarvestRules]:
    """Harvest rules across the practitioners' ranges."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda target, orders, clicks, spend, impressions, ctr: HarvestRules(
                target_acos=target, min_orders=orders, negative_min_clicks=clicks,
                negative_max_spend=spend, low_ctr_min_impressions=impressions,
                low_ctr_max=ctr,
            ),
            _TARGETS,
            st.integers(1, 5),
            st.integers(1, 30),
            st.none() | _amounts(c, 1000),
            st.none() | st.integers(1, 5000),
            st.decimals(min_value=0, max_value="0.01", places=4),
        )
    )  # fmt: skip


def harvest_plans() -> st.SearchStrategy[HarvestPlan]:
    """Plans from drawn rows and rules."""
    return _currency(None).flatmap(
        lambda c: st.builds(
            lambda pair, rules: harvest(pair[1], report=pair[0], rules=rules),
            _report_and_rows(st.just(c)),
            harvest_rules(currency=st.just(c)),
        )
    )


def term_decisions() -> st.SearchStrategy[TermDecision]:
    """Decisions of drawn plans."""
    return (
        harvest_plans().map(lambda p: p.decisions).filter(bool).flatmap(st.sampled_from)
    )


def negative_targets() -> st.SearchStrategy[NegativeTarget]:
    """Negatives of drawn plans."""
    return (
        harvest_plans().map(lambda p: p.negatives).filter(bool).flatmap(st.sampled_from)
    )


def bid_rules(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[BidRules]:
    """Bid rules with a floor below the ceiling, in whole minor units."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda target, low, span, clicks, up, down: BidRules(
                target_acos=target, min_bid=low, max_bid=low + span,
                min_clicks=clicks, max_raise=up, max_cut=down,
            ),
            _TARGETS,
            money_values(currency=st.just(c), min_value=c.minor_unit, max_value=5),
            _amounts(c, 20),
            st.integers(1, 30),
            _TARGETS,
            _TARGETS,
        )
    )  # fmt: skip


def bids(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Bid]:
    """Bids on drawn keywords and targets."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda campaign, group, targeting, kind, amount: Bid(
                campaign=campaign, ad_group=group, targeting=targeting,
                match_type=kind, bid=amount,
            ),
            _NAMES,
            st.none() | _NAMES,
            _TERMS,
            st.sampled_from(MatchType),
            money_values(currency=st.just(c), min_value=c.minor_unit, max_value=20),
        )
    )  # fmt: skip


def bid_plans() -> st.SearchStrategy[BidPlan]:
    """Bid plans from drawn rows, bids and rules."""

    def plan(c: Currency) -> st.SearchStrategy[BidPlan]:
        return st.builds(
            lambda pair, drawn, rules: _propose_bids(
                pair[1], report=pair[0], bids=drawn, rules=rules
            ),
            _report_and_rows(st.just(c)),
            st.lists(bids(currency=st.just(c)), max_size=6, unique_by=lambda b: b.key),
            bid_rules(currency=st.just(c)),
        )

    return _currency(None).flatmap(plan)


def bid_changes() -> st.SearchStrategy[BidChange]:
    """Bid changes of drawn plans."""
    return bid_plans().map(lambda p: p.changes).filter(bool).flatmap(st.sampled_from)


def funnel_stats(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[FunnelStats]:
    """Any valid funnel stats (steps need not nest)."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda i, s, a, o, u, r, f, ret: FunnelStats(
                impressions=i, sessions=s, add_to_carts=a, orders=o, units=u,
                revenue=r, refunds=f, units_returned=ret,
            ),
            *(st.integers(0, _COUNT) for _ in range(5)),
            _amounts(c), _amounts(c), st.integers(0, _COUNT),
        )
    )  # fmt: skip


def review_stats() -> st.SearchStrategy[ReviewStats]:
    """Positive and total review counts (positive <= total)."""
    return st.integers(0, 100_000).flatmap(
        lambda total: st.builds(
            lambda positive: ReviewStats(positive=positive, total=total),
            st.integers(0, total),
        )
    )


def wilson_intervals() -> st.SearchStrategy[WilsonInterval]:
    """Wilson intervals of drawn review counts and confidence levels."""
    return st.builds(
        lambda r, level: wilson_interval(r.positive, r.total, confidence=level),
        review_stats(),
        st.sampled_from(["0.95", "0.9", "0.99", "0.8"]),
    )


def inventory_periods(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[InventoryPeriod]:
    """Inventory periods with sales within the stock available."""

    def build(c: Currency) -> st.SearchStrategy[InventoryPeriod]:
        stock = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)).flatmap(
            lambda pair: st.tuples(st.just(pair), st.integers(0, pair[0] + pair[1]))
        )
        return st.builds(
            lambda days, units, revenue, cogs, snaps: InventoryPeriod(
                days=days,
                opening_units=units[0][0],
                received_units=units[0][1],
                sold_units=units[1],
                revenue=revenue,
                cogs=cogs,
                inventory_at_cost=snaps,
            ),
            st.integers(1, 366),
            stock,
            _amounts(c),
            _amounts(c),
            st.lists(_amounts(c), min_size=1, max_size=5),
        )

    return _currency(currency).flatmap(build)  # fmt: skip


def health_thresholds() -> st.SearchStrategy[HealthThreshold]:
    """Thresholds of every metric, with a comparison that fits it."""

    def build(metric: HealthMetric) -> st.SearchStrategy[HealthThreshold]:
        kinds = (
            [Comparison.ABOVE, Comparison.AT_LEAST]
            if metric.higher_is_better
            else [Comparison.BELOW, Comparison.AT_MOST]
        )
        return st.builds(
            lambda comparison, limit, days: HealthThreshold(
                marketplace="example", metric=metric, comparison=comparison,
                limit=limit, window_days=days, scope="all orders", enforced=True,
                validity=Validity(valid_from=_FIRST, valid_to=None, source="test"),
            ),
            st.sampled_from(kinds),
            _FRACTIONS,
            st.sampled_from([7, 10, 30, 60]),
        )  # fmt: skip

    return st.sampled_from(HealthMetric).flatmap(build)


def health_statuses() -> st.SearchStrategy[HealthStatus]:
    """Statuses of drawn windows against drawn thresholds."""
    return st.builds(
        lambda t, counts: check_health(
            t, orders=counts[0], defects=counts[1], as_of=dt.date(2026, 1, 1)
        ),
        health_thresholds(),
        st.integers(0, 10_000).flatmap(
            lambda n: st.tuples(st.just(n), st.integers(0, n))
        ),
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Ratio: ratios,
    MoneyRatio: money_ratios,
    AttributionWindow: attribution_windows,
    AdsStats: ads_stats,
    AdsKpis: ads_kpis,
    AcosGap: acos_gaps,
    ReportSemantics: report_semantics,
    SearchTermRow: search_term_rows,
    ReportGroup: report_groups,
    HarvestRules: harvest_rules,
    HarvestPlan: harvest_plans,
    TermDecision: term_decisions,
    NegativeTarget: negative_targets,
    Bid: bids,
    BidRules: bid_rules,
    BidPlan: bid_plans,
    BidChange: bid_changes,
    FunnelStats: funnel_stats,
    ReviewStats: review_stats,
    WilsonInterval: wilson_intervals,
    InventoryPeriod: inventory_periods,
    HealthThreshold: health_thresholds,
    HealthStatus: health_statuses,
}
"""The strategy each KPI model resolves to under ``st.from_type``."""
