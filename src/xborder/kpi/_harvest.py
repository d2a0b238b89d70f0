"""Search-term harvesting: promote converting terms, negate the ones that bleed.

(Private; see :mod:`xborder.kpi`.)

The practice (hilohamarketing.com, help.intentwise.com, docs.vortexiq.ai,
ppcscope, summarised in the research notes): run automatic and broad/phrase
campaigns to discover what shoppers type; move terms that convert at an
acceptable ACOS into manual exact-match campaigns, where their bids can be
tuned one by one, and add them as negative exact in the campaign they came
from so the two do not compete; add as negatives the terms that take clicks
and never sell, or that are shown often and rarely clicked.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    fraction,
    named_errors,
    positive_count,
    require,
)
from xborder.errors import InvalidTypeError
from xborder.kpi._ads import AdsStats
from xborder.kpi._ratio import UNDEFINED, Undefined, percent_text
from xborder.kpi._report import (
    MatchType,
    ReportSemantics,
    SearchTermRow,
    TermCache,
    fold_groups,
    normalize_term,
    sort_key,
    to_match_type,
    total_of,
)
from xborder.money import Money, RoundingMode
from xborder.money._money import optional_money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "HarvestAction",
    "HarvestPlan",
    "HarvestReason",
    "HarvestRules",
    "NegativeTarget",
    "TermDecision",
    "harvest",
]

_ASIN = re.compile(r"\bb0[0-9a-z]{8}\b")
_DISPLAY = RoundingMode.HALF_UP  # for the words in reasons only; decisions are exact


def _target_acos(value: Decimal | int | str) -> Decimal:
    number = fraction(value)
    require(number > 0, field=None, value=value, expected="a fraction > 0")
    return number


def _optional_count(value: int | None) -> int | None:
    return None if value is None else positive_count(value)


def _sources(values: Iterable[MatchType | str]) -> frozenset[MatchType]:
    if isinstance(values, str) or not hasattr(values, "__iter__"):
        raise InvalidTypeError(field=None, value=values, expected="a set of MatchType")
    result = frozenset(to_match_type(value) for value in values)
    require(bool(result), field=None, value=values, expected="at least one MatchType")
    require(
        MatchType.EXACT not in result,
        field=None,
        value=values,
        expected="source match types other than EXACT (exact terms are the harvest)",
    )
    return result


_DEFAULT_SOURCES = frozenset({MatchType.AUTO, MatchType.BROAD, MatchType.PHRASE})


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class HarvestRules:
    """The explicit rules of a harvesting pass.

    Defaults are the practitioners' common values (research notes §4.3);
    the target ACOS has no default because it comes from the product's
    margin (the pricing module's break-even ACOS minus the margin wanted
    after ads).

    Args:
        target_acos: Highest ACOS at which a term is worth promoting, as a
            fraction (25% is ``"0.25"``).
        min_orders: Orders a term needs before it is promoted (2–3 in practice).
        negative_min_clicks: Clicks without an order after which a term is
            negated (10 in practice; 1/CVR of the product is the principled
            value: the clicks that should have brought an order).
        negative_max_spend: Spend without an order after which a term is
            negated, if set.
        low_ctr_min_impressions: Impressions after which a term with no orders
            and a CTR at or below ``low_ctr_max`` is negated; ``None`` turns
            the rule off.
        low_ctr_max: The CTR at or below which that rule applies (0.15%).
        sources: Match types whose search terms are harvested (automatic,
            broad and phrase by default; never exact).

    Examples:
        >>> rules = HarvestRules(target_acos="0.30")
        >>> rules.min_orders, rules.negative_min_clicks, rules.low_ctr_max
        (2, 10, Decimal('0.0015'))
        >>> HarvestRules(target_acos="30")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: target_acos: expected a fraction ..., got '30'
    """

    target_acos: Decimal = attrs.field(converter=_target_acos)
    min_orders: int = attrs.field(default=2, converter=positive_count)
    negative_min_clicks: int = attrs.field(default=10, converter=positive_count)
    negative_max_spend: Money | None = attrs.field(
        default=None, converter=optional_money
    )
    low_ctr_min_impressions: int | None = attrs.field(
        default=1000, converter=_optional_count
    )
    low_ctr_max: Decimal = attrs.field(default=Decimal("0.0015"), converter=fraction)
    sources: frozenset[MatchType] = attrs.field(
        default=_DEFAULT_SOURCES, converter=_sources
    )


class HarvestAction(enum.StrEnum):
    """What to do with a search term.

    Examples:
        >>> HarvestAction("promote") is HarvestAction.PROMOTE
        True
    """

    PROMOTE = "promote"
    """Add it as an exact keyword (or product target), and negate it in the source."""
    NEGATE = "negate"
    """Add it as a negative exact in the source campaign."""
    KEEP = "keep"
    """Leave it running: not enough evidence either way yet."""


class HarvestReason(enum.StrEnum):
    """Which rule decided a term (``TermDecision.explanation`` says it in words).

    Examples:
        >>> HarvestReason.LOW_CTR.value
        'low-ctr'
    """

    CONVERTING = "converting"
    """Enough orders at or under the target ACOS."""
    ALREADY_TARGETED = "already-targeted"
    """Would be promoted, but is already an exact keyword or product target."""
    CLICKS_WITHOUT_ORDERS = "clicks-without-orders"
    """At least ``negative_min_clicks`` clicks and no order."""
    SPEND_WITHOUT_ORDERS = "spend-without-orders"
    """At least ``negative_max_spend`` spent and no order."""
    LOW_CTR = "low-ctr"
    """Many impressions, a CTR at or below ``low_ctr_max`` and no order."""
    ACOS_ABOVE_TARGET = "acos-above-target"
    """Converting, but above the target ACOS: a bid question, not a harvest."""
    ORDERS_WITHOUT_SALES = "orders-without-sales"
    """Orders with no sales value (free or fully discounted): ACOS undefined."""
    FEW_ORDERS = "few-orders"
    """Some orders, fewer than ``min_orders``."""
    NOT_ENOUGH_DATA = "not-enough-data"
    """No order yet, below every negation threshold."""


@attrs.frozen(kw_only=True)
class TermDecision:
    """The decision on one search term of one source campaign and ad group.

    Attributes:
        campaign: Source campaign.
        ad_group: Source ad group (``None`` if the report has none).
        search_term: The term, case-folded with spaces collapsed.
        stats: The term's stats summed over its rows in that ad group.
        action: Promote, negate or keep.
        reason: The rule that decided (:class:`HarvestReason`).
        rules: The rules applied.
        is_product: Whether the term is a product (an ASIN), to promote as a
            product target rather than a keyword.

    Examples:
        >>> from xborder.kpi import AttributionWindow, ReportSemantics, SearchTermRow
        >>> from xborder.money import Money
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> def row(term, clicks, spend, orders, sales):
        ...     return SearchTermRow(campaign="PH Auto", targeting="close-match",
        ...         match_type="auto", search_term=term, impressions=2000,
        ...         clicks=clicks, spend=Money(spend, "USD"), orders=orders,
        ...         sales=Money(sales, "USD"))
        >>> rows = [row("phone holder for car vent", 37, "25.90", 4, "99.96"),
        ...         row("phone stand", 22, "15.40", 0, "0")]
        >>> plan = harvest(rows, report=report, rules=HarvestRules(target_acos="0.30"))
        >>> decision = plan.decisions[0]
        >>> decision.reason.value, str(decision.suggested_bid)
        ('converting', '0.81 USD')
    """

    campaign: str
    ad_group: str | None
    search_term: str
    stats: AdsStats
    action: HarvestAction
    reason: HarvestReason
    rules: HarvestRules
    is_product: bool

    @property
    def explanation(self) -> str:
        """The decision in words, with the numbers it compared."""
        return _explain(self.stats, self.rules, self.reason)

    @property
    def suggested_bid(self) -> Money | Undefined:
        """For a promotion, a starting bid; :data:`UNDEFINED` for other decisions.

        The CPC that would have met the target ACOS on these clicks, sales
        per click × target ACOS, rounded down to the minor unit.
        """
        if self.action is not HarvestAction.PROMOTE:
            return UNDEFINED
        return self.stats.target_cpc(self.rules.target_acos).round(RoundingMode.DOWN)


@attrs.frozen(kw_only=True)
class NegativeTarget:
    """A negative exact keyword (or negative product target) to add.

    Attributes:
        campaign: Where to add it (the source campaign).
        ad_group: The source ad group.
        term: The keyword text or ASIN.
        is_product: Whether it is an ASIN (a negative product target).
        reason: Why (:class:`HarvestReason`).

    Examples:
        >>> from xborder.kpi import AttributionWindow, ReportSemantics, SearchTermRow
        >>> from xborder.money import Money
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> def row(term, clicks, spend, orders, sales):
        ...     return SearchTermRow(campaign="PH Auto", targeting="close-match",
        ...         match_type="auto", search_term=term, impressions=2000,
        ...         clicks=clicks, spend=Money(spend, "USD"), orders=orders,
        ...         sales=Money(sales, "USD"))
        >>> rows = [row("phone holder for car vent", 37, "25.90", 4, "99.96"),
        ...         row("phone stand", 22, "15.40", 0, "0")]
        >>> plan = harvest(rows, report=report, rules=HarvestRules(target_acos="0.30"))
        >>> for negative in plan.negatives:
        ...     print(negative.term, negative.reason.value, sep=" | ")
        phone holder for car vent | converting
        phone stand | clicks-without-orders
    """

    campaign: str
    ad_group: str | None
    term: str
    is_product: bool
    reason: HarvestReason


@attrs.frozen(kw_only=True)
class HarvestPlan:
    """The result of :func:`harvest`: a decision per term, and the lists to act on.

    Attributes:
        rules: The rules applied.
        decisions: One per (source campaign, ad group, term), sorted by
            campaign, ad group and term.
        total: The source rows' stats; the decisions' stats add up to it.

    Examples:
        >>> from xborder.kpi import AttributionWindow, ReportSemantics, SearchTermRow
        >>> from xborder.money import Money
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> def row(term, clicks, spend, orders, sales):
        ...     return SearchTermRow(campaign="PH Auto", targeting="close-match",
        ...         match_type="auto", search_term=term, impressions=2000,
        ...         clicks=clicks, spend=Money(spend, "USD"), orders=orders,
        ...         sales=Money(sales, "USD"))
        >>> rows = [row("phone holder for car vent", 37, "25.90", 4, "99.96"),
        ...         row("phone stand", 22, "15.40", 0, "0")]
        >>> plan = harvest(rows, report=report, rules=HarvestRules(target_acos="0.30"))
        >>> len(plan.promotions), len(plan.negatives), len(plan.kept)
        (1, 2, 0)
        >>> plan.total.clicks
        59
    """

    rules: HarvestRules
    decisions: tuple[TermDecision, ...]
    total: AdsStats

    @property
    def promotions(self) -> tuple[TermDecision, ...]:
        """Terms to add as exact keywords (or product targets)."""
        return tuple(d for d in self.decisions if d.action is HarvestAction.PROMOTE)

    @property
    def negatives(self) -> tuple[NegativeTarget, ...]:
        """Negatives to add in source campaigns: bleeders and promoted terms alike."""
        return tuple(
            NegativeTarget(
                campaign=d.campaign,
                ad_group=d.ad_group,
                term=d.search_term,
                is_product=d.is_product,
                reason=d.reason,
            )
            for d in self.decisions
            if d.action is not HarvestAction.KEEP
        )

    @property
    def kept(self) -> tuple[TermDecision, ...]:
        """Terms left running."""
        return tuple(d for d in self.decisions if d.action is HarvestAction.KEEP)


def harvest(
    rows: Iterable[SearchTermRow],
    *,
    report: ReportSemantics,
    rules: HarvestRules,
    existing_targets: Iterable[str] = (),
) -> HarvestPlan:
    """Decide, for each search term of the source campaigns, to promote, negate or keep.

    One pass over ``rows`` sums each (campaign, ad group, term) of the
    source match types (terms are compared case-folded with spaces
    collapsed) and notes every term already targeted: exact keywords and
    ASINs of product targets in the report, plus ``existing_targets``. Then,
    per term, the first rule that applies decides:

    1. orders >= ``min_orders`` and ACOS <= ``target_acos`` (compared
       exactly: spend <= sales × target): **promote**, or **negate** only if
       it is already targeted;
    2. some orders: **keep** (too few orders, or ACOS above target);
    3. no orders and clicks >= ``negative_min_clicks``, or spend >=
       ``negative_max_spend``, or impressions >= ``low_ctr_min_impressions``
       with CTR <= ``low_ctr_max``: **negate**;
    4. otherwise **keep** (not enough data yet).

    The result is sorted and depends only on the rows' sums, so it is the
    same whatever the order of the rows.

    Raises:
        InvalidTypeError: ``rules`` is not :class:`HarvestRules`, or a row is
            not a :class:`SearchTermRow`.
        CurrencyMismatchError: A row is not in the report's currency.
        InvalidInputError: A row breaks the report's semantics.

    Examples:
        >>> from xborder.kpi import AttributionWindow, ReportSemantics, SearchTermRow
        >>> from xborder.money import Money
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> def row(term, clicks, spend, orders, sales):
        ...     return SearchTermRow(campaign="PH Auto", targeting="close-match",
        ...         match_type="auto", search_term=term, impressions=2000,
        ...         clicks=clicks, spend=Money(spend, "USD"), orders=orders,
        ...         sales=Money(sales, "USD"))
        >>> rows = [row("phone holder for car vent", 37, "25.90", 4, "99.96"),
        ...         row("phone stand", 22, "15.40", 0, "0")]
        >>> plan = harvest(rows, report=report, rules=HarvestRules(target_acos="0.30"))
        >>> [(d.search_term, d.action.value) for d in plan.decisions]
        [('phone holder for car vent', 'promote'), ('phone stand', 'negate')]
        >>> print(plan.decisions[1].explanation)
        22 clicks >= 10 and no order (15.40 USD spent)
    """
    if not isinstance(rules, HarvestRules):
        raise InvalidTypeError(field="rules", value=rules, expected="HarvestRules")
    targeted = {_target_key(term) for term in _texts(existing_targets)}
    sources = rules.sources

    normal = TermCache()

    seen_targets: set[str] = set()

    def key(row: SearchTermRow) -> tuple[str, str | None, str] | None:
        kind = row.match_type
        if kind is MatchType.EXACT or kind is MatchType.PRODUCT:
            text = row.targeting
            if text not in seen_targets:  # each targeting text is parsed once
                seen_targets.add(text)
                targeted.add(_target_key(text))
        if kind not in sources:
            return None
        return (row.campaign, row.ad_group, normal(row.search_term))

    groups = fold_groups(rows, report, key)
    keys = sorted(groups, key=sort_key)
    decisions = tuple(
        _decide(parts, groups[parts].stats(report), rules, targeted) for parts in keys
    )
    return HarvestPlan(rules=rules, decisions=decisions, total=total_of(groups, report))


def _texts(values: Iterable[str]) -> Iterable[str]:
    if isinstance(values, str):
        raise InvalidTypeError(
            field="existing_targets", value=values, expected="a collection of str"
        )
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise InvalidTypeError(
                field=f"existing_targets[{index}]", value=value, expected="a str"
            )
        yield value


def _target_key(text: str) -> str:
    # Product targets read 'asin="B0ABCDE123"'; keep just the ASIN.
    normal = normalize_term(text)
    found = _ASIN.search(normal)
    return found.group(0) if found else normal


def _decide(
    parts: tuple[str, str | None, str],
    stats: AdsStats,
    rules: HarvestRules,
    targeted: set[str],
) -> TermDecision:
    campaign, ad_group, term = parts
    reason = _verdict(stats, rules, already=_target_key(term) in targeted)
    return TermDecision(
        campaign=campaign,
        ad_group=ad_group,
        search_term=term,
        stats=stats,
        action=_ACTIONS[reason],
        reason=reason,
        rules=rules,
        is_product=_ASIN.fullmatch(term) is not None,
    )


_ACTIONS = {
    HarvestReason.CONVERTING: HarvestAction.PROMOTE,
    HarvestReason.ALREADY_TARGETED: HarvestAction.NEGATE,
    HarvestReason.CLICKS_WITHOUT_ORDERS: HarvestAction.NEGATE,
    HarvestReason.SPEND_WITHOUT_ORDERS: HarvestAction.NEGATE,
    HarvestReason.LOW_CTR: HarvestAction.NEGATE,
    HarvestReason.ACOS_ABOVE_TARGET: HarvestAction.KEEP,
    HarvestReason.ORDERS_WITHOUT_SALES: HarvestAction.KEEP,
    HarvestReason.FEW_ORDERS: HarvestAction.KEEP,
    HarvestReason.NOT_ENOUGH_DATA: HarvestAction.KEEP,
}


def _verdict(stats: AdsStats, rules: HarvestRules, *, already: bool) -> HarvestReason:
    # Exact comparisons only (no division); the words come later, on demand.
    if stats.orders:
        return _converting(stats, rules, already=already)
    return _bleeding(stats, rules)


def _converting(
    stats: AdsStats, rules: HarvestRules, *, already: bool
) -> HarvestReason:
    if stats.sales.is_zero():
        return HarvestReason.ORDERS_WITHOUT_SALES
    allowed = EXACT.multiply(stats.sales.amount, rules.target_acos)
    if stats.spend.amount > allowed:
        return HarvestReason.ACOS_ABOVE_TARGET
    if stats.orders < rules.min_orders:
        return HarvestReason.FEW_ORDERS
    if already:
        return HarvestReason.ALREADY_TARGETED
    return HarvestReason.CONVERTING


def _bleeding(stats: AdsStats, rules: HarvestRules) -> HarvestReason:
    if stats.clicks >= rules.negative_min_clicks:
        return HarvestReason.CLICKS_WITHOUT_ORDERS
    limit = rules.negative_max_spend
    if limit is not None and stats.spend >= limit:
        return HarvestReason.SPEND_WITHOUT_ORDERS
    if _low_ctr(stats, rules):
        return HarvestReason.LOW_CTR
    return HarvestReason.NOT_ENOUGH_DATA


def _low_ctr(stats: AdsStats, rules: HarvestRules) -> bool:
    floor = rules.low_ctr_min_impressions
    if floor is None or stats.impressions < floor:
        return False
    # CTR <= limit, compared exactly without dividing.
    return stats.clicks <= EXACT.multiply(Decimal(stats.impressions), rules.low_ctr_max)


def _explain(stats: AdsStats, rules: HarvestRules, reason: HarvestReason) -> str:
    orders = f"{stats.orders} order{'s' if stats.orders != 1 else ''}"
    acos = stats.acos.format_percent(2, _DISPLAY)
    target = f"{percent_text(rules.target_acos)}"
    evidence = f"{orders} >= {rules.min_orders} and ACOS {acos} <= target {target}"
    words = {
        HarvestReason.CONVERTING: f"{evidence}: add as exact, negate in the source",
        HarvestReason.ALREADY_TARGETED: (
            f"{evidence}, already targeted exactly: negate in the source "
            "so the campaigns do not compete"
        ),
        HarvestReason.ORDERS_WITHOUT_SALES: f"{orders} but no sales: ACOS undefined",
        HarvestReason.ACOS_ABOVE_TARGET: (
            f"{orders}, but ACOS {acos} > target {target}: tune the bid instead"
        ),
        HarvestReason.FEW_ORDERS: (
            f"{orders} < {rules.min_orders} at ACOS {acos}: wait for more"
        ),
        HarvestReason.CLICKS_WITHOUT_ORDERS: (
            f"{stats.clicks} clicks >= {rules.negative_min_clicks} and no order "
            f"({stats.spend} spent)"
        ),
        HarvestReason.SPEND_WITHOUT_ORDERS: (
            f"{stats.spend} spent >= {rules.negative_max_spend} and no order"
        ),
        HarvestReason.LOW_CTR: (
            f"{stats.impressions} impressions, CTR "
            f"{stats.ctr.format_percent(2, _DISPLAY)} <= "
            f"{percent_text(rules.low_ctr_max)} and no order"
        ),
        HarvestReason.NOT_ENOUGH_DATA: (
            f"{stats.clicks} clicks < {rules.negative_min_clicks}, no order yet"
        ),
    }
    return words[reason]
