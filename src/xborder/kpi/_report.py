"""Search-term report rows and one-pass folds over them (private; see xborder.kpi).

A search-term report has one row per (campaign, ad group, targeting, search
term): what shoppers typed, and what it cost and sold. Reports run to
millions of rows, so every function here takes any iterable of rows
(a list, a generator reading a file) and folds it in one pass, keeping
only running sums and one entry per group.
"""

from __future__ import annotations

import enum
import functools
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, TypeVar

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    flag,
    named_errors,
    non_negative_count,
    optional_text,
    text,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
)
from xborder.kpi._ads import AdsStats, AttributionWindow, build_ads_stats, to_window
from xborder.kpi._checks import checked, iterable, same_currency
from xborder.money import Currency, Money
from xborder.money._currency import to_currency
from xborder.money._money import non_negative_money

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable

__all__ = [
    "MatchType",
    "ReportSemantics",
    "SearchTermRow",
    "normalize_term",
    "summarize",
]


class MatchType(enum.StrEnum):
    """How a keyword or target matched the shopper's search.

    Examples:
        >>> MatchType("exact") is MatchType.EXACT
        True
    """

    AUTO = "auto"
    """Automatic targeting: the platform picks the searches (close/loose match...)."""
    BROAD = "broad"
    """The keyword's words in any order, with related terms."""
    PHRASE = "phrase"
    """The keyword's phrase, with words before or after."""
    EXACT = "exact"
    """The keyword itself (and close variants such as plurals)."""
    PRODUCT = "product"
    """A product (ASIN) or category target."""


def to_match_type(value: MatchType | str) -> MatchType:
    if isinstance(value, MatchType):
        return value
    if isinstance(value, str):
        try:
            return MatchType(value)
        except ValueError:
            pass
    raise InvalidInputError(
        field=None,
        value=value,
        expected="a MatchType or one of " + ", ".join(repr(m.value) for m in MatchType),
    )


def normalize_term(term: str) -> str:
    """A search term as a grouping key: case-folded, spaces collapsed.

    Examples:
        >>> normalize_term("  Phone  Holder for CAR ")
        'phone holder for car'
    """
    if not isinstance(term, str):
        raise InvalidTypeError(field="term", value=term, expected="a str")
    return " ".join(term.casefold().split())


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SearchTermRow:
    """One row of a search-term report.

    Args:
        campaign: Campaign name.
        ad_group: Ad group name, if the report has one.
        targeting: The keyword or target that matched (``"phone holder"``,
            ``"close-match"``, ``"asin=B0..."``); bids are set on it.
        match_type: How the targeting matched (:class:`MatchType` or its value).
        search_term: What the shopper typed (or the ASIN they viewed).
        impressions: Times shown.
        clicks: Clicks.
        spend: Cost of the clicks.
        orders: Orders credited within the report's attribution window.
        sales: Revenue of those orders, in the currency of ``spend``.

    Raises:
        InvalidInputError: A count is negative, a text is empty, an amount
            is negative.
        CurrencyMismatchError: ``sales`` is not in the currency of ``spend``.

    Examples:
        >>> from xborder.money import Money
        >>> row = SearchTermRow(campaign="PH Auto", targeting="close-match",
        ...     match_type="auto", search_term="car phone holder", impressions=5200,
        ...     clicks=61, spend=Money("42.70", "USD"), orders=7,
        ...     sales=Money("174.93", "USD"))
        >>> row.match_type, row.clicks
        (<MatchType.AUTO: 'auto'>, 61)
        >>> SearchTermRow(campaign="PH Auto", targeting="close-match",
        ...     match_type="auto", search_term="x", impressions=1, clicks=-2,
        ...     spend=Money("0", "USD"), orders=0, sales=Money("0", "USD"))
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: clicks: expected an int >= 0, got -2
    """

    campaign: str = attrs.field(converter=text)
    ad_group: str | None = attrs.field(default=None, converter=optional_text)
    targeting: str = attrs.field(converter=text)
    match_type: MatchType = attrs.field(converter=to_match_type)
    search_term: str = attrs.field(converter=text)
    impressions: int = attrs.field(converter=non_negative_count)
    clicks: int = attrs.field(converter=non_negative_count)
    spend: Money = attrs.field(converter=non_negative_money)
    orders: int = attrs.field(converter=non_negative_count)
    sales: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        same_currency(self.spend, self.sales, "sales")


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ReportSemantics:
    """What a report promises: its currency, its window, and which counts nest.

    Every fold checks each row against these, and an error names the row
    (``rows[12].clicks``).

    Args:
        currency: The currency of every amount in the report.
        attribution: The attribution window of its orders and sales.
        clicks_within_impressions: Refuse a row with more clicks than
            impressions (true for search ads; turn off for reports that
            count viewable impressions apart from clicks).
        orders_within_clicks: Refuse a row with more orders than clicks. Off
            by default: a shopper can order twice within the window after
            one click, and Amazon's reports credit both.

    Examples:
        >>> ReportSemantics(currency="USD", attribution=AttributionWindow(click_days=7))
        ReportSemantics(currency=Currency('USD'), attribution=AttributionWindow(click_days=7, view_days=0), clicks_within_impressions=True, orders_within_clicks=False)
    """  # noqa: E501 - a doctest output line

    currency: Currency = attrs.field(converter=to_currency)
    attribution: AttributionWindow = attrs.field(converter=to_window)
    clicks_within_impressions: bool = attrs.field(default=True, converter=flag)
    orders_within_clicks: bool = attrs.field(default=False, converter=flag)

    def check(self, index: int, row: object) -> SearchTermRow:
        """Return ``row`` if this report can hold it; else name what is wrong.

        ``index`` is the row's position, used to name it (``rows[12]``).
        """
        checked(non_negative_count, index, "index")
        return _check_row(self, index, row)


def _check_row(report: ReportSemantics, index: int, row: object) -> SearchTermRow:
    # The folds' per-row check: ``index`` is their own count.
    if not isinstance(row, SearchTermRow):
        raise InvalidTypeError(
            field=f"rows[{index}]", value=row, expected="a SearchTermRow"
        )
    currency = row.spend.currency
    if currency is not report.currency and currency != report.currency:
        raise CurrencyMismatchError(
            "one report, one currency: convert with xborder.fx first",
            field=f"rows[{index}].spend",
            value=row.spend,
            expected=f"an amount in {report.currency.code}",
        )
    if report.clicks_within_impressions and row.clicks > row.impressions:
        raise InvalidInputError(
            "or pass clicks_within_impressions=False if the report allows it",
            field=f"rows[{index}].clicks",
            value=row.clicks,
            expected=f"at most the row's impressions ({row.impressions})",
        )
    if report.orders_within_clicks and row.orders > row.clicks:
        raise InvalidInputError(
            "or pass orders_within_clicks=False if the report allows it",
            field=f"rows[{index}].orders",
            value=row.orders,
            expected=f"at most the row's clicks ({row.clicks})",
        )
    return row


def stats_from_sums(  # noqa: PLR0917 - the five sums, in report order
    report: ReportSemantics,
    impressions: int,
    clicks: int,
    spend: Decimal,
    orders: int,
    sales: Decimal,
) -> AdsStats:
    """AdsStats in the report's currency and window from sums of checked rows.

    Skips the model's converters: every part was checked row by row.
    """
    return build_ads_stats(
        impressions=impressions,
        clicks=clicks,
        spend=spend,
        orders=orders,
        sales=sales,
        currency=report.currency,
        attribution=report.attribution,
        field="rows",
    )


def _checker(report: ReportSemantics) -> Callable[[int, object], SearchTermRow]:
    if not isinstance(report, ReportSemantics):
        raise InvalidTypeError(field="report", value=report, expected="ReportSemantics")
    return functools.partial(_check_row, report)


def summarize(rows: Iterable[SearchTermRow], *, report: ReportSemantics) -> AdsStats:
    """Total a report in one pass: every count and amount summed, every row checked.

    Memory stays constant whatever the number of rows.

    Raises:
        InvalidTypeError: A row is not a :class:`SearchTermRow` (names ``rows[i]``).
        CurrencyMismatchError: A row's amounts are not in the report's currency.
        InvalidInputError: A row breaks the report's semantics
            (``rows[i].clicks`` above its impressions...).

    Examples:
        >>> week = AttributionWindow(click_days=7)
        >>> report = ReportSemantics(currency="USD", attribution=week)
        >>> rows = [
        ...     SearchTermRow(campaign="Auto", targeting="close-match",
        ...         match_type="auto", search_term="phone holder",
        ...         impressions=1000, clicks=20, spend=Money("14.00", "USD"),
        ...         orders=2, sales=Money("50.00", "USD")),
        ...     SearchTermRow(campaign="Auto", targeting="close-match",
        ...         match_type="auto", search_term="car mount",
        ...         impressions=500, clicks=10, spend=Money("7.00", "USD"),
        ...         orders=0, sales=Money("0", "USD")),
        ... ]
        >>> total = summarize(rows, report=report)
        >>> total.clicks, str(total.spend), total.acos.value
        (30, '21.00 USD', Decimal('0.42'))
    """
    check = _checker(report)
    impressions = clicks = orders = 0
    spend = sales = Decimal(0)
    with localcontext(EXACT):  # sums never round, whatever their size
        for index, item in enumerate(iterable(rows, "rows")):
            row = check(index, item)
            impressions += row.impressions
            clicks += row.clicks
            orders += row.orders
            spend += row.spend.amount
            sales += row.sales.amount
    return stats_from_sums(report, impressions, clicks, spend, orders, sales)


class Sums:
    """Running sums of one group (mutable, private to the folds)."""

    __slots__ = ("clicks", "impressions", "orders", "sales", "spend")

    def __init__(self, row: SearchTermRow) -> None:
        self.impressions = row.impressions
        self.clicks = row.clicks
        self.orders = row.orders
        self.spend = row.spend.amount
        self.sales = row.sales.amount

    def stats(self, report: ReportSemantics) -> AdsStats:
        """The sums as AdsStats in the report's currency and window."""
        return stats_from_sums(
            report, self.impressions, self.clicks, self.spend, self.orders, self.sales
        )


_K = TypeVar("_K", bound="Hashable")


class TermCache:
    """:func:`normalize_term` with memory: reports repeat terms across rows."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def __call__(self, term: str) -> str:
        """The normalised term."""
        normal = self._seen.get(term)
        if normal is None:
            normal = self._seen[term] = normalize_term(term)
        return normal


def total_of(groups: dict[_K, Sums], report: ReportSemantics) -> AdsStats:
    """The groups' sums added up, as AdsStats."""
    impressions = clicks = orders = 0
    spend = sales = Decimal(0)
    with localcontext(EXACT):
        for sums in groups.values():
            impressions += sums.impressions
            clicks += sums.clicks
            orders += sums.orders
            spend += sums.spend
            sales += sums.sales
    return stats_from_sums(report, impressions, clicks, spend, orders, sales)


def fold_groups(
    rows: Iterable[SearchTermRow],
    report: ReportSemantics,
    key: Callable[[SearchTermRow], _K | None],
) -> dict[_K, Sums]:
    """Sums per ``key(row)`` in one pass; rows keyed ``None`` are checked, not kept."""
    check = _checker(report)
    groups: dict[_K, Sums] = {}
    with localcontext(EXACT):
        for index, item in enumerate(iterable(rows, "rows")):
            row = check(index, item)
            group_key = key(row)
            if group_key is None:
                continue
            sums = groups.get(group_key)
            if sums is None:
                groups[group_key] = Sums(row)
            else:
                sums.impressions += row.impressions
                sums.clicks += row.clicks
                sums.orders += row.orders
                sums.spend += row.spend.amount
                sums.sales += row.sales.amount
    return groups


def sort_key(parts: Hashable) -> tuple[str, ...]:
    """Order tuple group keys deterministically, ``None`` first."""
    assert isinstance(parts, tuple)  # noqa: S101 - every fold keys by tuples
    return tuple("" if part is None else str(part) for part in parts)
