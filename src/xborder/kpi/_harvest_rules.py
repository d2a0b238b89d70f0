"""The rules of a harvesting pass and how they decide a term (private; see xborder.kpi).

Decisions use exact comparisons only (spend <= sales × target, never a
rounded ACOS); the words that explain them are built on demand.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    fraction,
    items_of,
    named_errors,
    positive_count,
    require,
)
from xborder.kpi._checks import checked
from xborder.kpi._ratio import percent_text
from xborder.kpi._report import MatchType, to_match_type
from xborder.money import Money, RoundingMode
from xborder.money._money import optional_money

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.kpi._ads import AdsStats

__all__ = [
    "ACTIONS",
    "HarvestAction",
    "HarvestReason",
    "HarvestRules",
    "explain",
    "verdict",
]

_DISPLAY = RoundingMode.HALF_UP  # for the words in reasons only; decisions are exact


def _target_acos(value: Decimal | int | str) -> Decimal:
    number = fraction(value)
    require(number > 0, field=None, value=value, expected="a fraction > 0")
    return number


def _optional_count(value: int | None) -> int | None:
    return None if value is None else positive_count(value)


def _sources(values: Iterable[MatchType | str]) -> frozenset[MatchType]:
    items = items_of(values, field=None, expected="a set of MatchType")
    result = frozenset(
        checked(to_match_type, value, f"[{index}]") for index, value in enumerate(items)
    )
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


ACTIONS = {
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


def verdict(stats: AdsStats, rules: HarvestRules, *, already: bool) -> HarvestReason:
    """The rule that decides a term with these stats (``already``: targeted exactly)."""
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


def explain(stats: AdsStats, rules: HarvestRules, reason: HarvestReason) -> str:
    """The decision in words, with the numbers it compared."""
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
