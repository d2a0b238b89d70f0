"""The rules of a harvesting pass and how they decide a term (private; see xborder.kpi).

Decisions use exact comparisons only (spend <= sales × target, never a
rounded ACOS); the words that explain them are built on demand.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._ops import DECIMALS
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
from xborder.kpi._rules import REASONS, sums_of, verdict_of
from xborder.money import Money, RoundingMode
from xborder.money.converters import optional_money

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.kpi._ads import AdsStats

__all__ = [
    "ACTIONS",
    "PURPOSES",
    "HarvestAction",
    "HarvestReason",
    "HarvestRules",
    "NegativePurpose",
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


class NegativePurpose(enum.StrEnum):
    """Why a term is added as a negative in its source campaign.

    Examples:
        >>> PURPOSES[HarvestReason.CONVERTING].value
        'isolation'
        >>> PURPOSES[HarvestReason.LOW_CTR] is NegativePurpose.WASTE
        True
    """

    ISOLATION = "isolation"
    """The term sells and is targeted exactly elsewhere (promoted now, or
    already): negated in the source so the two campaigns do not bid against
    each other for it. A term worth having, kept in one place."""
    WASTE = "waste"
    """The term takes clicks, spend or impressions and does not sell: negated
    to stop paying for it."""


PURPOSES = {
    HarvestReason.CONVERTING: NegativePurpose.ISOLATION,
    HarvestReason.ALREADY_TARGETED: NegativePurpose.ISOLATION,
    HarvestReason.CLICKS_WITHOUT_ORDERS: NegativePurpose.WASTE,
    HarvestReason.SPEND_WITHOUT_ORDERS: NegativePurpose.WASTE,
    HarvestReason.LOW_CTR: NegativePurpose.WASTE,
}
"""The purpose of the negative each promoting or negating reason adds."""


def verdict(stats: AdsStats, rules: HarvestRules, *, already: bool) -> HarvestReason:
    """The rule that decides a term with these stats (``already``: targeted exactly).

    The rule is :func:`xborder.kpi.rules.verdict_of`, on Decimals: exact
    comparisons only (no division); the words come later, on demand.
    """
    code = verdict_of(DECIMALS, rules, sums_of(stats), already)
    return HarvestReason(REASONS[int(code)])


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
