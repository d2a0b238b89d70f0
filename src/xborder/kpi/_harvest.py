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

import re
from typing import TYPE_CHECKING

import attrs

from xborder._ops import DECIMALS
from xborder._validate import (
    flag,
    named_errors,
    optional_text,
    text,
    tuple_of,
)
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.kpi._ads import AdsStats
from xborder.kpi._checks import builder, instance, is_a, iterable
from xborder.kpi._harvest_rules import (
    ACTIONS,
    PURPOSES,
    HarvestAction,
    HarvestReason,
    HarvestRules,
    NegativePurpose,
    explain,
    verdict,
)
from xborder.kpi._ratio import UNDEFINED, Undefined
from xborder.kpi._report import (
    MatchType,
    ReportSemantics,
    SearchTermRow,
    TermCache,
    fold_groups,
    normalize_term,
    sort_key,
    total_of,
)
from xborder.kpi._rules import ASIN, suggested_bid_of, sums_of
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["HarvestPlan", "NegativeTarget", "TermDecision", "harvest"]

_ASIN = re.compile(ASIN)


def _action(value: HarvestAction) -> HarvestAction:
    return instance(value, HarvestAction)


def _reason(value: HarvestReason) -> HarvestReason:
    return instance(value, HarvestReason)


def _check_action(action: HarvestAction, reason: HarvestReason) -> None:
    if action is not ACTIONS[reason]:
        raise InvalidInputError(
            field="action",
            value=action,
            expected=f"{ACTIONS[reason].value}, the action of {reason.value}",
        )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
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

    campaign: str = attrs.field(converter=text)
    ad_group: str | None = attrs.field(converter=optional_text)
    search_term: str = attrs.field(converter=text)
    stats: AdsStats = attrs.field(validator=is_a(AdsStats))
    action: HarvestAction = attrs.field(converter=_action)
    reason: HarvestReason = attrs.field(converter=_reason)
    rules: HarvestRules = attrs.field(validator=is_a(HarvestRules))
    is_product: bool = attrs.field(converter=flag)

    def __attrs_post_init__(self) -> None:
        _check_action(self.action, self.reason)

    @property
    def explanation(self) -> str:
        """The decision in words, with the numbers it compared."""
        return explain(self.stats, self.rules, self.reason)

    @property
    def suggested_bid(self) -> Money | Undefined:
        """For a promotion, a starting bid; :data:`UNDEFINED` for other decisions.

        The CPC that would have met the target ACOS on these clicks, sales
        per click × target ACOS, rounded down to the minor unit.
        """
        if self.action is not HarvestAction.PROMOTE:
            return UNDEFINED
        currency = self.stats.spend.currency
        bid, defined = suggested_bid_of(
            DECIMALS, self.rules, sums_of(self.stats), currency.minor_unit
        )
        return Money(bid, currency) if defined else UNDEFINED


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class NegativeTarget:
    """A negative exact keyword (or negative product target) to add.

    Attributes:
        campaign: Where to add it (the source campaign).
        ad_group: The source ad group.
        term: The keyword text or ASIN.
        is_product: Whether it is an ASIN (a negative product target).
        reason: The rule that decided (:class:`HarvestReason`); its
            :attr:`purpose` says whether the negative isolates a promoted
            term or cuts waste.

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
        ...     print(negative.term, negative.reason, negative.purpose, sep=" | ")
        phone holder for car vent | converting | isolation
        phone stand | clicks-without-orders | waste
    """

    campaign: str = attrs.field(converter=text)
    ad_group: str | None = attrs.field(converter=optional_text)
    term: str = attrs.field(converter=text)
    is_product: bool = attrs.field(converter=flag)
    reason: HarvestReason = attrs.field(converter=_reason)

    def __attrs_post_init__(self) -> None:
        if ACTIONS[self.reason] is HarvestAction.KEEP:
            raise InvalidInputError(
                field="reason",
                value=self.reason,
                expected="a reason to promote or negate (not one to keep)",
            )

    @property
    def purpose(self) -> NegativePurpose:
        """Why it is negated: isolation (a promoted term) or waste."""
        return PURPOSES[self.reason]


def _decisions(values: Iterable[TermDecision]) -> tuple[TermDecision, ...]:
    return tuple_of(values, TermDecision)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
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
        >>> [n.term for n in plan.isolating_negatives]
        ['phone holder for car vent']
        >>> [n.term for n in plan.wasteful_negatives]
        ['phone stand']
        >>> plan.total.clicks
        59
    """

    rules: HarvestRules = attrs.field(validator=is_a(HarvestRules))
    decisions: tuple[TermDecision, ...] = attrs.field(converter=_decisions)
    total: AdsStats = attrs.field(validator=is_a(AdsStats))

    @property
    def promotions(self) -> tuple[TermDecision, ...]:
        """Terms to add as exact keywords (or product targets)."""
        return tuple(d for d in self.decisions if d.action is HarvestAction.PROMOTE)

    @property
    def negatives(self) -> tuple[NegativeTarget, ...]:
        """Every negative to add in the source campaigns, in decision order.

        The union of :attr:`isolating_negatives` and :attr:`wasteful_negatives`
        (each negative's :attr:`~NegativeTarget.purpose` says which).
        """
        return tuple(
            _negative(
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
    def isolating_negatives(self) -> tuple[NegativeTarget, ...]:
        """Negatives that keep a term in one campaign: promoted or already exact.

        The term sells; negating it where it was found stops the source
        campaign from bidding against its exact keyword (or product target).
        """
        return self._negatives(NegativePurpose.ISOLATION)

    @property
    def wasteful_negatives(self) -> tuple[NegativeTarget, ...]:
        """Negatives that cut spend: clicks or spend without orders, or a low CTR."""
        return self._negatives(NegativePurpose.WASTE)

    def _negatives(self, purpose: NegativePurpose) -> tuple[NegativeTarget, ...]:
        return tuple(n for n in self.negatives if n.purpose is purpose)

    @property
    def kept(self) -> tuple[TermDecision, ...]:
        """Terms left running."""
        return tuple(d for d in self.decisions if d.action is HarvestAction.KEEP)


# harvest builds one decision per term from checked rows, and a negative per
# decision on demand: no converters to rerun.
_decision = builder(TermDecision)
_negative = builder(NegativeTarget)


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
    if not isinstance(report, ReportSemantics):
        raise InvalidTypeError(field="report", value=report, expected="ReportSemantics")
    limit = rules.negative_max_spend
    if limit is not None and limit.currency != report.currency:
        # Compared with each term's spend later: refuse it before the pass.
        raise CurrencyMismatchError(
            field="rules.negative_max_spend",
            value=limit,
            expected=f"an amount in the report's currency, {report.currency.code}",
        )
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
    for index, value in enumerate(iterable(values, "existing_targets")):
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
    reason = verdict(stats, rules, already=_target_key(term) in targeted)
    return _decision(
        campaign=campaign,
        ad_group=ad_group,
        search_term=term,
        stats=stats,
        action=ACTIONS[reason],
        reason=reason,
        rules=rules,
        is_product=_ASIN.fullmatch(term) is not None,
    )
