from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.kpi import (
    AdsStats,
    AttributionWindow,
    Grouping,
    MatchType,
    ReportSemantics,
    SearchTermRow,
    breakdown,
    normalize_term,
    summarize,
)
from xborder.money import Currency, Money
from xborder.testing import strategies as xst

if TYPE_CHECKING:
    from collections.abc import Iterator

WEEK = AttributionWindow(click_days=7)
USD = Currency("USD")
REPORT = ReportSemantics(currency="USD", attribution=WEEK)


def row(
    term: str = "phone holder",
    *,
    campaign: str = "Auto",
    ad_group: str | None = None,
    targeting: str = "close-match",
    match_type: MatchType | str = MatchType.AUTO,
    impressions: int = 1000,
    clicks: int = 20,
    spend: str = "14.00",
    orders: int = 2,
    sales: str = "50.00",
    currency: str = "USD",
) -> SearchTermRow:
    return SearchTermRow(
        campaign=campaign,
        ad_group=ad_group,
        targeting=targeting,
        match_type=match_type,
        search_term=term,
        impressions=impressions,
        clicks=clicks,
        spend=Money(spend, currency),
        orders=orders,
        sales=Money(sales, currency),
    )


rows_usd = st.lists(xst.search_term_rows(currency=st.just(USD)), max_size=25)

# -- rows -------------------------------------------------------------------------


def test_rows_accept_match_type_values() -> None:
    assert row(match_type="exact").match_type is MatchType.EXACT


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"clicks": -1}, "clicks", InvalidInputError),
        ({"impressions": 1.5}, "impressions", InvalidTypeError),
        ({"orders": True}, "orders", InvalidTypeError),
        ({"spend": "-1"}, "spend", InvalidInputError),
        ({"match_type": "exakt"}, "match_type", InvalidInputError),
        ({"campaign": " "}, "campaign", InvalidInputError),
        ({"ad_group": ""}, "ad_group", InvalidInputError),
        ({"term": ""}, "search_term", InvalidInputError),
    ],
)
def test_bad_row_fields_are_named(
    change: dict[str, object], field: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        row(**change)  # type: ignore[arg-type]
    assert caught.value.field == field  # type: ignore[attr-defined]


def test_a_row_has_one_currency() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        SearchTermRow(
            campaign="A",
            targeting="x",
            match_type="auto",
            search_term="x",
            impressions=1,
            clicks=0,
            spend=Money(0, "USD"),
            orders=0,
            sales=Money(0, "EUR"),
        )
    assert caught.value.field == "sales"


def test_normalize_term() -> None:
    assert normalize_term("  Phone\tHOLDER  ") == "phone holder"
    assert normalize_term("Straße") == "strasse"  # casefold, not lower


# -- semantics and errors naming the row --------------------------------------------


def test_report_semantics_check_their_fields() -> None:
    with pytest.raises(InvalidTypeError) as flag:
        ReportSemantics(currency="USD", attribution=WEEK, orders_within_clicks=1)  # type: ignore[arg-type]
    assert flag.value.field == "orders_within_clicks"
    with pytest.raises(InvalidInputError) as code:
        ReportSemantics(currency="usd", attribution=WEEK)
    assert code.value.field == "currency"


def test_clicks_above_impressions_name_the_row() -> None:
    rows = [row(), row(), row(impressions=10, clicks=11)]
    with pytest.raises(InvalidInputError) as caught:
        summarize(rows, report=REPORT)
    assert caught.value.field == "rows[2].clicks"
    assert caught.value.value == 11
    assert "impressions (10)" in str(caught.value)
    lenient = ReportSemantics(
        currency="USD", attribution=WEEK, clicks_within_impressions=False
    )
    assert summarize(rows, report=lenient).clicks == 51


def test_orders_above_clicks_are_refused_only_when_the_report_says_so() -> None:
    rows = [row(clicks=1, orders=2)]
    assert summarize(rows, report=REPORT).orders == 2
    strict = ReportSemantics(
        currency="USD", attribution=WEEK, orders_within_clicks=True
    )
    with pytest.raises(InvalidInputError) as caught:
        summarize(rows, report=strict)
    assert caught.value.field == "rows[0].orders"


def test_mixed_currencies_name_the_row() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        summarize([row(), row(currency="EUR")], report=REPORT)
    assert caught.value.field == "rows[1].spend"
    assert isinstance(caught.value, ValueError)


def test_a_row_that_is_not_a_row_is_named() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        summarize([row(), {"clicks": 3}], report=REPORT)  # type: ignore[list-item]
    assert caught.value.field == "rows[1]"
    with pytest.raises(InvalidTypeError) as report:
        summarize([row()], report="USD")  # type: ignore[arg-type]
    assert report.value.field == "report"
    with pytest.raises(InvalidTypeError) as by:
        breakdown([row()], report=REPORT, by="campaign")  # type: ignore[arg-type]
    assert by.value.field == "by"


# -- summarize and breakdown ----------------------------------------------------------


def test_summarize_streams_a_generator_once() -> None:
    def lines() -> Iterator[SearchTermRow]:
        for _ in range(1000):
            yield row()

    total = summarize(lines(), report=REPORT)
    assert total.impressions == 1_000_000
    assert total.spend == Money("14000.00", "USD")
    assert total.attribution == WEEK
    empty = summarize([], report=REPORT)
    assert empty == AdsStats.zero(currency="USD", attribution=WEEK)


def test_sums_never_round_whatever_their_size() -> None:
    huge = row(spend="1" + "0" * 30 + ".01", sales="0.01", impressions=10**6)
    total = summarize([huge, huge], report=REPORT)
    assert str(total.spend) == "2" + "0" * 30 + ".02 USD"


def test_breakdown_groups_and_sorts() -> None:
    rows = [
        row("Phone Holder", campaign="B"),
        row("phone holder", campaign="A"),
        row("car mount", campaign="A", orders=0, sales="0"),
        row("PHONE  holder", campaign="A"),
    ]
    groups = breakdown(rows, report=REPORT, by=Grouping.SEARCH_TERM)
    keys = [(g.campaign, g.search_term, g.stats.clicks) for g in groups]
    assert keys == [
        ("A", "car mount", 20),
        ("A", "phone holder", 40),
        ("B", "phone holder", 20),
    ]
    assert {g.match_type for g in groups} == {None}
    by_type = breakdown(rows, report=REPORT, by=Grouping.MATCH_TYPE)
    assert [(g.match_type, g.stats.orders) for g in by_type] == [(MatchType.AUTO, 6)]
    targets = breakdown(rows, report=REPORT, by=Grouping.TARGETING)
    assert [(g.campaign, g.targeting) for g in targets] == [
        ("A", "close-match"),
        ("B", "close-match"),
    ]
    groups_ = breakdown(rows, report=REPORT, by=Grouping.AD_GROUP)
    assert [(g.campaign, g.ad_group) for g in groups_] == [("A", None), ("B", None)]


# -- properties -----------------------------------------------------------------------


@given(rows_usd)
def test_summarize_equals_the_sum_of_the_rows(rows: list[SearchTermRow]) -> None:
    per_row = [
        AdsStats(
            impressions=r.impressions,
            clicks=r.clicks,
            spend=r.spend,
            orders=r.orders,
            sales=r.sales,
            attribution=WEEK,
        )
        for r in rows
    ]
    assert summarize(rows, report=REPORT) == AdsStats.total(
        per_row, currency="USD", attribution=WEEK
    )


@given(rows_usd, rows_usd)
def test_aggregating_by_sums_equals_computing_on_the_merged_rows(
    first: list[SearchTermRow], second: list[SearchTermRow]
) -> None:
    merged = summarize(first + second, report=REPORT)
    assert merged == summarize(first, report=REPORT) + summarize(second, report=REPORT)
    assert (
        merged.acos.as_fraction()
        == (
            summarize(first, report=REPORT).acos.pooled_with(
                summarize(second, report=REPORT).acos
            )
        ).as_fraction()
    )


@given(rows_usd, st.sampled_from(Grouping), st.randoms(use_true_random=False))
def test_breakdown_adds_up_and_ignores_row_order(
    rows: list[SearchTermRow], by: Grouping, random: object
) -> None:
    groups = breakdown(rows, report=REPORT, by=by)
    total = AdsStats.total((g.stats for g in groups), currency="USD", attribution=WEEK)
    assert total == summarize(rows, report=REPORT)
    shuffled = list(rows)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert breakdown(shuffled, report=REPORT, by=by) == groups
