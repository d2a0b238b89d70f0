"""Search-term report stats per campaign, ad group, bid, term or match type.

(Private; see :mod:`xborder.kpi`.)
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, TypeAlias

import attrs

from xborder._validate import named_errors, optional_text
from xborder.errors import InvalidTypeError
from xborder.kpi._ads import AdsStats
from xborder.kpi._checks import builder, is_a
from xborder.kpi._report import (
    MatchType,
    ReportSemantics,
    SearchTermRow,
    TermCache,
    fold_groups,
    sort_key,
    to_match_type,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["Grouping", "ReportGroup", "breakdown"]


class Grouping(enum.StrEnum):
    """What :func:`breakdown` groups a report by.

    Examples:
        >>> [g.value for g in Grouping]
        ['campaign', 'ad_group', 'targeting', 'search_term', 'match_type']
    """

    CAMPAIGN = "campaign"
    """One group per campaign."""
    AD_GROUP = "ad_group"
    """One group per (campaign, ad group)."""
    TARGETING = "targeting"
    """One group per bid: (campaign, ad group, targeting, match type)."""
    SEARCH_TERM = "search_term"
    """One group per (campaign, ad group, normalised search term)."""
    MATCH_TYPE = "match_type"
    """One group per match type."""


def _optional_match_type(value: MatchType | str | None) -> MatchType | None:
    return None if value is None else to_match_type(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ReportGroup:
    """The stats of one group of a :func:`breakdown`.

    Fields outside the grouping are ``None``.

    Attributes:
        campaign: Campaign name.
        ad_group: Ad group name.
        targeting: Targeting, case-folded with spaces collapsed.
        match_type: Match type.
        search_term: Search term, case-folded with spaces collapsed.
        stats: The group's summed stats.

    Examples:
        >>> from xborder.kpi import AttributionWindow
        >>> from xborder.money import Money
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> row = SearchTermRow(campaign="PH Auto", targeting="close-match",
        ...     match_type="auto", search_term="car phone holder", impressions=5200,
        ...     clicks=61, spend=Money("42.70", "USD"), orders=7,
        ...     sales=Money("174.93", "USD"))
        >>> (group,) = breakdown([row], report=report, by=Grouping.CAMPAIGN)
        >>> group.campaign, group.search_term, group.stats.orders
        ('PH Auto', None, 7)
    """

    campaign: str | None = attrs.field(converter=optional_text)
    ad_group: str | None = attrs.field(converter=optional_text)
    targeting: str | None = attrs.field(converter=optional_text)
    match_type: MatchType | None = attrs.field(converter=_optional_match_type)
    search_term: str | None = attrs.field(converter=optional_text)
    stats: AdsStats = attrs.field(validator=is_a(AdsStats))


# breakdown builds one group per key from checked rows: no converters to rerun.
_group = builder(ReportGroup)


_GroupKey: TypeAlias = tuple[
    str | None, str | None, str | None, MatchType | None, str | None
]


def _key(by: Grouping) -> Callable[[SearchTermRow], _GroupKey]:
    normal = TermCache()
    keys: dict[Grouping, Callable[[SearchTermRow], _GroupKey]] = {
        Grouping.CAMPAIGN: lambda r: (r.campaign, None, None, None, None),
        Grouping.AD_GROUP: lambda r: (r.campaign, r.ad_group, None, None, None),
        Grouping.TARGETING: lambda r: (
            r.campaign,
            r.ad_group,
            normal(r.targeting),
            r.match_type,
            None,
        ),
        Grouping.SEARCH_TERM: lambda r: (
            r.campaign,
            r.ad_group,
            None,
            None,
            normal(r.search_term),
        ),
        Grouping.MATCH_TYPE: lambda r: (None, None, None, r.match_type, None),
    }
    return keys[by]


def breakdown(
    rows: Iterable[SearchTermRow], *, report: ReportSemantics, by: Grouping
) -> tuple[ReportGroup, ...]:
    """Stats per campaign, ad group, bid, search term or match type, in one pass.

    Groups come sorted by their key, so the result does not depend on the
    order of the rows, and their stats add up exactly to :func:`summarize`.

    Examples:
        >>> from xborder.kpi import AttributionWindow
        >>> from xborder.money import Money
        >>> week = AttributionWindow(click_days=7)
        >>> report = ReportSemantics(currency="USD", attribution=week)
        >>> row = SearchTermRow(campaign="Auto", targeting="close-match",
        ...     match_type="auto", search_term="Phone Holder", impressions=100,
        ...     clicks=5, spend=Money("3.50", "USD"), orders=1,
        ...     sales=Money("25.00", "USD"))
        >>> [(g.search_term, g.stats.clicks)
        ...  for g in breakdown([row, row], report=report, by=Grouping.SEARCH_TERM)]
        [('phone holder', 10)]
    """
    if not isinstance(by, Grouping):
        raise InvalidTypeError(field="by", value=by, expected="a Grouping")
    groups = fold_groups(rows, report, _key(by))
    result = []
    for parts in sorted(groups, key=sort_key):
        campaign, ad_group, targeting, match_type, term = parts
        result.append(
            _group(
                campaign=campaign,
                ad_group=ad_group,
                targeting=targeting,
                match_type=match_type,
                search_term=term,
                stats=groups[parts].stats(report),
            )
        )
    return tuple(result)
