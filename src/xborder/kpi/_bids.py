r"""Bid changes toward a target ACOS, bounded and explained (private; see xborder.kpi).

Because $ACOS = CPC / (CVR \times AOV)$, a bid moves ACOS in proportion
while conversion and order value hold. So the proportional rule used by bid
tools (Zon Tools' "best bid according to target ACoS", carbon6.io; research
notes §4.3) is

$$new\ bid = bid \times target\ ACOS / actual\ ACOS$$

applied only once a target has had enough clicks, limited to a maximum step
per change, kept within a minimum and maximum bid, and rounded to the minor
unit with a named mode. Targets with clicks and no sales are cut by the
maximum step.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    fraction,
    named_errors,
    optional_text,
    positive_count,
    require,
    text,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.kpi._ads import AdsStats
from xborder.kpi._checks import instance, is_a, iterable, same_currency
from xborder.kpi._ratio import percent_text
from xborder.kpi._report import (
    MatchType,
    ReportSemantics,
    SearchTermRow,
    Sums,
    TermCache,
    fold_groups,
    normalize_term,
    sort_key,
    stats_from_sums,
    to_match_type,
)
from xborder.money import Money, RoundingMode
from xborder.money._money import money_value

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Bid", "BidAction", "BidChange", "BidPlan", "BidRules", "bid_changes"]

_DISPLAY = RoundingMode.HALF_UP  # for the words in explanations only


def _positive_money(value: Money) -> Money:
    money = money_value(value)
    require(money.amount > 0, field=None, value=money, expected="an amount > 0")
    return money


def _bound(value: Money) -> Money:
    money = _positive_money(value)
    require(
        money.is_quantized(),
        field=None,
        value=money,
        expected="a whole number of minor units",
    )
    return money


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Bid:
    """The current bid on one keyword or target.

    Args:
        campaign: Campaign name, as in the report.
        ad_group: Ad group name, as in the report (``None`` if it has none).
        targeting: The keyword or target text, as in the report's targeting
            column (compared case-folded, spaces collapsed).
        match_type: The match type of the keyword or target.
        bid: The current bid (> 0).

    Examples:
        >>> from xborder.money import Money
        >>> bid = Bid(campaign="PH Exact", targeting="Car  Mount", match_type="exact",
        ...     bid=Money("0.80", "USD"))
        >>> bid.key
        ('PH Exact', None, 'car mount', <MatchType.EXACT: 'exact'>)
    """

    campaign: str = attrs.field(converter=text)
    ad_group: str | None = attrs.field(default=None, converter=optional_text)
    targeting: str = attrs.field(converter=text)
    match_type: MatchType = attrs.field(converter=to_match_type)
    bid: Money = attrs.field(converter=_positive_money)

    @property
    def key(self) -> tuple[str, str | None, str, MatchType]:
        """(campaign, ad group, normalised targeting, match type): how rows find it."""
        return (
            self.campaign,
            self.ad_group,
            normalize_term(self.targeting),
            self.match_type,
        )


def _mode(value: RoundingMode) -> RoundingMode:
    return instance(value, RoundingMode)


def _target_acos(value: Decimal | int | str) -> Decimal:
    number = fraction(value)
    require(number > 0, field=None, value=value, expected="a fraction > 0")
    return number


def _step(value: Decimal | int | str) -> Decimal:
    number = fraction(value)
    require(number > 0, field=None, value=value, expected="a fraction > 0 (0.5 is 50%)")
    return number


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class BidRules:
    """The explicit rules of a bid pass.

    Args:
        target_acos: The ACOS to steer toward, as a fraction.
        min_bid: Lowest bid to set (the marketplace minimum or your floor).
        max_bid: Highest bid to set (from pricing: price × CVR × break-even
            ACOS is the most a click is worth).
        min_clicks: Clicks a target needs before its bid is changed.
        max_raise: Largest rise per change, as a fraction of the bid (0.5 = +50%).
        max_cut: Largest cut per change, as a fraction of the bid (0.5 = −50%).
        rounding: How new bids are rounded to the minor unit (down by
            default, so a bid never exceeds what the formula allows).

    Raises:
        InvalidInputError: ``min_bid`` is above ``max_bid``, or the two are in
            different currencies.

    Examples:
        >>> from xborder.money import Money
        >>> rules = BidRules(target_acos="0.25", min_bid=Money("0.20", "USD"),
        ...     max_bid=Money("1.50", "USD"))
        >>> rules.min_clicks, rules.max_raise, rules.rounding
        (10, Decimal('0.5'), <RoundingMode.DOWN: 'ROUND_DOWN'>)
    """

    target_acos: Decimal = attrs.field(converter=_target_acos)
    min_bid: Money = attrs.field(converter=_bound)
    max_bid: Money = attrs.field(converter=_bound)
    min_clicks: int = attrs.field(default=10, converter=positive_count)
    max_raise: Decimal = attrs.field(default=Decimal("0.5"), converter=_step)
    max_cut: Decimal = attrs.field(default=Decimal("0.5"), converter=_step)
    rounding: RoundingMode = attrs.field(default=RoundingMode.DOWN, converter=_mode)

    def __attrs_post_init__(self) -> None:
        if self.max_bid < self.min_bid:  # also checks the currencies
            raise InvalidInputError(
                field="max_bid",
                value=self.max_bid,
                expected=f">= min_bid ({self.min_bid})",
            )


class BidAction(enum.StrEnum):
    """What a bid change does.

    Examples:
        >>> BidAction("raise") is BidAction.RAISE
        True
    """

    RAISE = "raise"
    """The bid goes up."""
    LOWER = "lower"
    """The bid goes down."""
    KEEP = "keep"
    """The bid stays."""


def _bid_action(value: BidAction) -> BidAction:
    return instance(value, BidAction)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class BidChange:
    """The proposal for one bid.

    Attributes:
        bid: The current bid.
        stats: The target's stats, summed over its rows in the report.
        new_bid: The proposed bid (equal to the current one when kept).
        action: Raise, lower or keep.
        explanation: The computation in words: ACOS against target, the raw
            proposal, and any step or bound that limited it.

    Examples:
        >>> from xborder.kpi import AttributionWindow, ReportSemantics, SearchTermRow
        >>> from xborder.money import Money
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> rows = [SearchTermRow(campaign="PH Exact", targeting="car mount",
        ...     match_type="exact", search_term="car mount", impressions=2500,
        ...     clicks=40, spend=Money("20.00", "USD"), orders=4,
        ...     sales=Money("50.00", "USD"))]
        >>> bids = [Bid(campaign="PH Exact", targeting="car mount", match_type="exact",
        ...     bid=Money("0.80", "USD"))]
        >>> rules = BidRules(target_acos="0.25", min_bid=Money("0.20", "USD"),
        ...     max_bid=Money("1.50", "USD"))
        >>> change = bid_changes(rows, report=report, bids=bids, rules=rules).changes[0]
        >>> str(change.change), change.stats.clicks
        ('-0.30 USD', 40)
    """

    bid: Bid = attrs.field(validator=is_a(Bid))
    stats: AdsStats = attrs.field(validator=is_a(AdsStats))
    new_bid: Money = attrs.field(converter=_positive_money)
    action: BidAction = attrs.field(converter=_bid_action)
    explanation: str = attrs.field(converter=text)

    def __attrs_post_init__(self) -> None:
        same_currency(self.bid.bid, self.new_bid, "new_bid")
        if self.action is not _action(self.bid.bid, self.new_bid):
            raise InvalidInputError(
                field="action",
                value=self.action,
                expected=f"{_action(self.bid.bid, self.new_bid)} for this new_bid",
            )

    @property
    def change(self) -> Money:
        """``new_bid − current bid``."""
        return self.new_bid - self.bid.bid


def _changes(values: Iterable[BidChange]) -> tuple[BidChange, ...]:
    return tuple_of(values, BidChange)


_Unbid: TypeAlias = tuple[str, str | None, str, MatchType, AdsStats]
_UNBID = "a (campaign, ad group, targeting, match type, stats) tuple"


def _unbid(values: Iterable[_Unbid]) -> tuple[_Unbid, ...]:
    entries = tuple_of(values, tuple)
    for index, entry in enumerate(entries):
        if not (
            len(entry) == 5  # noqa: PLR2004 - the five parts of the key and stats
            and isinstance(entry[0], str)
            and isinstance(entry[1], str | None)
            and isinstance(entry[2], str)
            and isinstance(entry[3], MatchType)
            and isinstance(entry[4], AdsStats)
        ):
            raise InvalidTypeError(field=f"[{index}]", value=entry, expected=_UNBID)
    return entries


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class BidPlan:
    """The result of :func:`bid_changes`.

    Attributes:
        rules: The rules applied.
        changes: One per bid given, sorted by campaign, ad group, targeting
            and match type.
        unbid: Stats of targets that had rows in the report but no bid given,
            as (campaign, ad group, targeting, match type, stats), sorted; so
            nothing in the report is silently left out.

    Examples:
        >>> from xborder.kpi import AttributionWindow, ReportSemantics, SearchTermRow
        >>> from xborder.money import Money
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> rows = [SearchTermRow(campaign="PH Exact", targeting="car mount",
        ...     match_type="exact", search_term="car mount", impressions=2500,
        ...     clicks=40, spend=Money("20.00", "USD"), orders=4,
        ...     sales=Money("50.00", "USD"))]
        >>> bids = [Bid(campaign="PH Exact", targeting="car mount", match_type="exact",
        ...     bid=Money("0.80", "USD"))]
        >>> rules = BidRules(target_acos="0.25", min_bid=Money("0.20", "USD"),
        ...     max_bid=Money("1.50", "USD"))
        >>> plan = bid_changes(rows, report=report, bids=[], rules=rules)
        >>> plan.changes, [(u[0], u[2], u[4].clicks) for u in plan.unbid]
        ((), [('PH Exact', 'car mount', 40)])
    """

    rules: BidRules = attrs.field(validator=is_a(BidRules))
    changes: tuple[BidChange, ...] = attrs.field(converter=_changes)
    unbid: tuple[tuple[str, str | None, str, MatchType, AdsStats], ...] = attrs.field(
        converter=_unbid
    )


def bid_changes(
    rows: Iterable[SearchTermRow],
    *,
    report: ReportSemantics,
    bids: Iterable[Bid],
    rules: BidRules,
) -> BidPlan:
    r"""Propose a new bid for each keyword or target from a search-term report.

    One pass sums the report's rows per (campaign, ad group, targeting,
    match type); each bid then reads its target's sums:

    * fewer than ``min_clicks`` clicks: **keep** (not enough data);
    * clicks but no sales: **lower** by ``max_cut``;
    * sales but no spend: **raise** by ``max_raise``;
    * otherwise $bid \times target / ACOS$, limited to
      $[bid (1 - max\_cut), bid (1 + max\_raise)]$;

    then kept within ``[min_bid, max_bid]`` and rounded with
    ``rules.rounding``. The result does not depend on the order of the rows
    or of the bids.

    Raises:
        InvalidTypeError: A bid is not a :class:`Bid`, or ``rules`` is not
            :class:`BidRules`.
        InvalidInputError: Two bids share a target (names ``bids[i]``), a row
            breaks the report's semantics.
        CurrencyMismatchError: A bid or row is not in the report's currency.

    Examples:
        >>> from xborder.kpi import AttributionWindow, ReportSemantics, SearchTermRow
        >>> from xborder.money import Money
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> rows = [SearchTermRow(campaign="PH Exact", targeting="car mount",
        ...     match_type="exact", search_term="car mount", impressions=2500,
        ...     clicks=40, spend=Money("20.00", "USD"), orders=4,
        ...     sales=Money("50.00", "USD"))]
        >>> bids = [Bid(campaign="PH Exact", targeting="car mount", match_type="exact",
        ...     bid=Money("0.80", "USD"))]
        >>> rules = BidRules(target_acos="0.25", min_bid=Money("0.20", "USD"),
        ...     max_bid=Money("1.50", "USD"))
        >>> plan = bid_changes(rows, report=report, bids=bids, rules=rules)
        >>> change = plan.changes[0]
        >>> change.action.value, str(change.new_bid)
        ('lower', '0.50 USD')
        >>> print(change.explanation)
        ACOS 40.00% vs target 25.00%: 0.80 x 25.00% / 40.00% = 0.5000 -> 0.50 USD
    """
    if not isinstance(rules, BidRules):
        raise InvalidTypeError(field="rules", value=rules, expected="BidRules")
    if not isinstance(report, ReportSemantics):
        raise InvalidTypeError(field="report", value=report, expected="ReportSemantics")
    if rules.min_bid.currency != report.currency:
        raise InvalidInputError(
            field="rules.min_bid",
            value=rules.min_bid,
            expected=f"an amount in the report's currency, {report.currency.code}",
        )
    by_key = _index_bids(bids, report)
    normal = TermCache()

    def key(row: SearchTermRow) -> _Key:
        return (row.campaign, row.ad_group, normal(row.targeting), row.match_type)

    groups = fold_groups(rows, report, key)
    changes = tuple(
        _propose(by_key[key], _stats(report, groups.get(key)), rules)
        for key in sorted(by_key, key=sort_key)
    )
    unbid = tuple(
        (*key, groups[key].stats(report))
        for key in sorted(groups, key=sort_key)
        if key not in by_key
    )
    return BidPlan(rules=rules, changes=changes, unbid=unbid)


_Key: TypeAlias = tuple[str, str | None, str, MatchType]


def _index_bids(bids: Iterable[Bid], report: ReportSemantics) -> dict[_Key, Bid]:
    by_key: dict[_Key, Bid] = {}
    for index, bid in enumerate(iterable(bids, "bids")):
        if not isinstance(bid, Bid):
            raise InvalidTypeError(field=f"bids[{index}]", value=bid, expected="a Bid")
        if bid.bid.currency != report.currency:
            raise InvalidInputError(
                field=f"bids[{index}].bid",
                value=bid.bid,
                expected=f"an amount in the report's currency, {report.currency.code}",
            )
        if bid.key in by_key:
            raise InvalidInputError(
                field=f"bids[{index}]",
                value=bid.key,
                expected="one bid per (campaign, ad group, targeting, match type)",
            )
        by_key[bid.key] = bid
    return by_key


def _stats(report: ReportSemantics, sums: Sums | None) -> AdsStats:
    if sums is None:
        return stats_from_sums(report, 0, 0, Decimal(0), 0, Decimal(0))
    return sums.stats(report)


def _propose(bid: Bid, stats: AdsStats, rules: BidRules) -> BidChange:
    current = bid.bid.amount
    if stats.clicks < rules.min_clicks:
        why = f"{stats.clicks} clicks < {rules.min_clicks}: not enough data"
        return BidChange(
            bid=bid,
            stats=stats,
            new_bid=bid.bid,
            action=BidAction.KEEP,
            explanation=why,
        )
    low = EXACT.multiply(current, 1 - rules.max_cut)
    high = EXACT.multiply(current, 1 + rules.max_raise)
    if stats.sales.is_zero():
        raw, why = low, f"{stats.clicks} clicks and no sales: cut by the maximum step"
    elif stats.spend.is_zero():
        raw, why = high, "sales without spend: raise by the maximum step"
    else:
        raw, why = _proportional(current, stats, rules, low, high)
    amount, why = _bounded(raw, rules, why)
    # min_bid and max_bid are whole minor units, so rounding stays within them.
    new = Money(amount, bid.bid.currency).quantize(rules.rounding)
    return BidChange(
        bid=bid,
        stats=stats,
        new_bid=new,
        action=_action(bid.bid, new),
        explanation=f"{why} -> {new}",
    )


def _proportional(
    current: Decimal,
    stats: AdsStats,
    rules: BidRules,
    low: Decimal,
    high: Decimal,
) -> tuple[Decimal, str]:
    # bid × target / (spend / sales) = bid × target × sales / spend
    raw = DIVISION.divide(
        EXACT.multiply(EXACT.multiply(current, rules.target_acos), stats.sales.amount),
        stats.spend.amount,
    )
    acos = stats.acos.format_percent(2, _DISPLAY)
    target = f"{percent_text(rules.target_acos)}"
    why = (
        f"ACOS {acos} vs target {target}: {current:f} x {target} / {acos} "
        f"= {_shown(raw)}"
    )
    if raw > high:
        return (
            high,
            f"{why}, limited to +{percent_text(rules.max_raise)} ({_shown(high)})",
        )
    if raw < low:
        return low, f"{why}, limited to -{percent_text(rules.max_cut)} ({_shown(low)})"
    return raw, why


def _bounded(raw: Decimal, rules: BidRules, why: str) -> tuple[Decimal, str]:
    if raw > rules.max_bid.amount:
        return rules.max_bid.amount, f"{why}, capped at max_bid {rules.max_bid}"
    if raw < rules.min_bid.amount:
        return rules.min_bid.amount, f"{why}, raised to min_bid {rules.min_bid}"
    return raw, why


def _shown(value: Decimal) -> str:
    return (
        f"{value.quantize(Decimal('0.0001'), rounding=_DISPLAY.value, context=EXACT):f}"
    )


def _action(current: Money, new: Money) -> BidAction:
    if new > current:
        return BidAction.RAISE
    if new < current:
        return BidAction.LOWER
    return BidAction.KEEP
