"""Wrong inputs to the KPI functions raise an XborderError naming the field.

Regression table from the hardening sweep: each of these used to escape as a
bare ``TypeError``, ``AttributeError`` or ``decimal.Overflow``, raise with no
field, or give a silent wrong answer (a negative payback, a spend limit in
another currency, an empty RFM window).
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any, cast

import pytest

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.kpi import (
    AMAZON_US_ACCOUNT_HEALTH,
    AdsKpis,
    AdsStats,
    AttributionWindow,
    BidRules,
    Cohort,
    FunnelStats,
    Grouping,
    HarvestRules,
    LtvTable,
    MoneyRatio,
    Order,
    Ratio,
    ReportSemantics,
    RetentionTable,
    ReviewStats,
    RfmScoring,
    SegmentRule,
    bid_changes,
    breakdown,
    cac,
    check_health,
    cohort_ltv,
    cohort_retention,
    customer_summary,
    harvest,
    ltv_to_cac,
    normalize_term,
    orders_from_records,
    payback_months,
    rfm,
    rows_from_records,
    simple_ltv,
    summarize,
    thresholds_in_force,
    wilson_interval,
)
from xborder.money import Money, RoundingMode
from xborder.serialize import from_data, to_data
from xborder.units import quantity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

DAY = dt.date(2026, 9, 1)
EVE = dt.date(2026, 8, 31)
REPORT = ReportSemantics(currency="USD", attribution=AttributionWindow(click_days=7))
RULES = HarvestRules(target_acos="0.30")
BIDS = BidRules(
    target_acos="0.30", min_bid=Money("0.20", "USD"), max_bid=Money(3, "USD")
)
USD = Money(10, "USD")


def _not_rows(value: object) -> list[tuple[Callable[[], object], str]]:
    return [
        (lambda: summarize(value, report=REPORT), "rows"),  # type: ignore[arg-type]
        (
            lambda: breakdown(value, report=REPORT, by=Grouping.CAMPAIGN),  # type: ignore[arg-type]
            "rows",
        ),
        (lambda: harvest(value, report=REPORT, rules=RULES), "rows"),  # type: ignore[arg-type]
        (
            lambda: harvest([], report=REPORT, rules=RULES, existing_targets=value),  # type: ignore[arg-type]
            "existing_targets",
        ),
        (lambda: bid_changes(value, report=REPORT, bids=[], rules=BIDS), "rows"),  # type: ignore[arg-type]
        (lambda: bid_changes([], report=REPORT, bids=value, rules=BIDS), "bids"),  # type: ignore[arg-type]
        (lambda: rfm(value, as_of=DAY, currency="USD"), "orders"),  # type: ignore[arg-type]
        (lambda: cohort_retention(value, as_of=DAY), "orders"),  # type: ignore[arg-type]
        (lambda: cohort_ltv(value, as_of=DAY, currency="USD"), "orders"),  # type: ignore[arg-type]
        (
            lambda: customer_summary(value, start=EVE, end=DAY, currency="USD"),  # type: ignore[arg-type]
            "orders",
        ),
        (lambda: list(rows_from_records(value, currency="USD")), "records"),  # type: ignore[arg-type]
        (lambda: list(orders_from_records(value, currency="USD")), "records"),  # type: ignore[arg-type]
        (lambda: thresholds_in_force(value, as_of=DAY), "thresholds"),  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        *_not_rows(None),
        *_not_rows(5),
        # A scalar pint quantity declares __iter__ and raises TypeError from it;
        # a mapping's keys, or the letters of bytes, would be read as rows.
        *_not_rows(quantity(1, "day")),
        *_not_rows({"rows": 1}),
        *_not_rows(b"rows"),
    ],
)
def test_a_non_iterable_input_is_refused_by_name(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        call()
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (
            lambda: list(orders_from_records([None], currency="USD")),  # type: ignore[list-item]
            InvalidTypeError,
            "orders[0]",
        ),
        (
            lambda: thresholds_in_force(["x"], as_of=DAY),  # type: ignore[list-item]
            InvalidTypeError,
            "thresholds[0]",
        ),
        (lambda: normalize_term(None), InvalidTypeError, "term"),  # type: ignore[arg-type]
        (lambda: rfm([], as_of=DAY, currency=None), InvalidTypeError, "currency"),  # type: ignore[arg-type]
        (lambda: cohort_ltv([], as_of=DAY, currency="usd"), XborderError, "currency"),
        (
            lambda: customer_summary([], start=EVE, end=DAY, currency=5),  # type: ignore[arg-type]
            InvalidTypeError,
            "currency",
        ),
        (
            lambda: list(rows_from_records([], currency=None)),  # type: ignore[arg-type]
            InvalidTypeError,
            "currency",
        ),
        (
            lambda: rfm([], as_of=DAY, currency="USD", segments=None),  # type: ignore[arg-type]
            InvalidTypeError,
            "segments",
        ),
        (
            lambda: rfm(
                [],
                as_of=DAY,
                currency="USD",
                segments=[
                    SegmentRule(name="all", recency=(1, 5), frequency=(1, 5)),
                    cast("Any", "vip"),
                ],
            ),
            InvalidTypeError,
            "segments[1]",
        ),
        (
            lambda: rfm([], as_of=DAY, since=DAY, currency="USD"),
            InvalidInputError,
            "since",
        ),
        (
            lambda: check_health(
                AMAZON_US_ACCOUNT_HEALTH[0],
                orders=1,
                defects=0,
                as_of=cast("Any", "someday"),
            ),
            InvalidInputError,
            "as_of",
        ),
        (
            lambda: cac(acquisition_spend=None, new_customers=1),  # type: ignore[arg-type]
            InvalidTypeError,
            "acquisition_spend",
        ),
        (lambda: ltv_to_cac(ltv="561", cac=USD), InvalidTypeError, "ltv"),  # type: ignore[arg-type]
        (lambda: ltv_to_cac(ltv=USD, cac=5), InvalidTypeError, "cac"),  # type: ignore[arg-type]
        (
            lambda: payback_months(cac=None, monthly_contribution=USD),  # type: ignore[arg-type]
            InvalidTypeError,
            "cac",
        ),
        (
            lambda: payback_months(cac=USD, monthly_contribution=Money(-8, "USD")),
            InvalidInputError,
            "monthly_contribution",
        ),
        (
            lambda: simple_ltv(
                average_order_value=85,  # type: ignore[arg-type]
                orders_per_period=4,
                gross_margin="0.55",
                lifespan_periods=3,
            ),
            InvalidTypeError,
            "average_order_value",
        ),
        (
            lambda: harvest(
                [],
                report=REPORT,
                rules=HarvestRules(
                    target_acos="0.30", negative_max_spend=Money(20, "EUR")
                ),
            ),
            CurrencyMismatchError,
            "rules.negative_max_spend",
        ),
        (lambda: harvest([], report=None, rules=RULES), InvalidTypeError, "report"),  # type: ignore[arg-type]
        (
            lambda: bid_changes([], report=None, bids=[], rules=BIDS),  # type: ignore[arg-type]
            InvalidTypeError,
            "report",
        ),
        (lambda: wilson_interval(1, 3, z="1E+999999"), InvalidInputError, "z"),
        # Parts whose quotient would leave Decimal's range used to be named
        # when divided; now every number is bounded (below 1E+36, no digit
        # below 1E-100), so such a part is refused by name where it enters.
        (lambda: Ratio("1E+999999", "1E-999999").value, InvalidInputError, "numerator"),
        (lambda: Ratio("1E+36", 1).percent, InvalidInputError, "numerator"),
        (lambda: Ratio(1, "1E-101").percent, InvalidInputError, "denominator"),
    ],
)
def test_a_wrong_argument_is_refused_by_name(
    call: Callable[[], object], error: type[XborderError], field: str
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert caught.value.field == field


def test_payback_without_contribution_is_undefined_not_an_error() -> None:
    never = payback_months(cac=USD, monthly_contribution=Money(0, "USD"))
    assert not never.is_defined


def test_percentages_ignore_the_callers_decimal_context() -> None:
    # Regression: percent used the thread's context, so under prec=3 a
    # 1/7 ratio formatted as 14.30% instead of 14.29%.
    seventh = Ratio(1, 7)
    expected = seventh.format_percent(2, RoundingMode.HALF_UP)
    precise = seventh.percent
    with localcontext() as context:
        context.prec = 3
        assert seventh.format_percent(2, RoundingMode.HALF_UP) == expected == "14.29%"
        assert seventh.percent == precise
        assert seventh.round_percent(4, RoundingMode.DOWN) == Decimal("14.2857")


def test_rfm_ranks_of_a_lone_or_uniform_base_are_all_ones_edges_are_not() -> None:
    # Documented: percentile ranks carry no information without a spread.
    orders = [
        Order(customer=name, placed_on=EVE, amount=Money(40, "USD"))
        for name in ("ana", "ben", "cy")
    ]
    for base in (orders[:1], orders):
        ranked = rfm(base, as_of=DAY, currency="USD")
        assert {(c.r, c.f, c.m) for c in ranked.customers} == {(1, 1, 1)}
    edges = RfmScoring(recency_days=(30, 60, 90, 180))
    lone = rfm(orders[:1], as_of=DAY, currency="USD", scoring=edges).customers[0]
    assert lone.recency_days == 1
    assert lone.r == 5


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: Ratio.pool(5), "ratios"),  # type: ignore[arg-type]
        (
            lambda: AdsStats.total(
                None,  # type: ignore[arg-type]
                currency="USD",
                attribution=AttributionWindow(click_days=7),
            ),
            "stats",
        ),
        (lambda: _retention().retention(1.5), "offset"),  # type: ignore[arg-type]
        (lambda: _retention().retention(True), "offset"),  # noqa: FBT003 - the bad input
        (lambda: _ltv().ltv(-1), "offset"),
        (lambda: _ltv().cohorts[0].payback(1000), "cac"),  # type: ignore[arg-type]
        (lambda: AMAZON_US_ACCOUNT_HEALTH[0].complies(None, 10), "defects"),  # type: ignore[arg-type]
        (lambda: AMAZON_US_ACCOUNT_HEALTH[0].complies(1, Decimal(10)), "orders"),  # type: ignore[arg-type]
        (lambda: AMAZON_US_ACCOUNT_HEALTH[0].complies(1, 0), "orders"),
        (lambda: RfmScoring(monetary=Decimal(500)), "monetary"),  # type: ignore[arg-type]
        (
            lambda: thresholds_in_force(
                AMAZON_US_ACCOUNT_HEALTH, as_of=cast("Any", "soon")
            ),
            "as_of",
        ),
        (lambda: _ltv_with(orders_per_period="1E+999999"), "orders_per_period"),
        (lambda: _ltv_with(lifespan_periods="1E+999999"), "lifespan_periods"),
        (
            lambda: _ltv_with(lifespan_periods=None, churn_rate="1E-999999"),
            "churn_rate",
        ),
        (lambda: RfmScoring(monetary=[10, 20, "lots", 40]), "monetary[2]"),
    ],
)
def test_method_arguments_are_refused_by_name(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(XborderError) as caught:
        call()
    assert caught.value.field == field


def _history() -> list[Order]:
    return [Order(customer="ana", placed_on=EVE, amount=Money(40, "USD"))]


def _retention() -> RetentionTable:
    return cohort_retention(_history(), as_of=DAY)


def _ltv() -> LtvTable:
    return cohort_ltv(_history(), as_of=DAY, currency="USD", gross_margin="0.5")


def _ltv_with(**changes: object) -> object:
    options: dict[str, object] = {
        "average_order_value": Money(85, "USD"),
        "orders_per_period": 4,
        "gross_margin": "0.55",
        "lifespan_periods": 3,
    }
    options.update(changes)
    return simple_ltv(**options)  # type: ignore[arg-type]


# -- issue 13: every public name refuses bad input by name, within bounds --------

_ROW = {
    "campaign": "PH Auto",
    "targeting": "close-match",
    "match_type": "auto",
    "search_term": "phone holder",
    "impressions": "5200",
    "clicks": "61",
    "spend": "42.70",
    "orders": "7",
    "sales": "174.93",
}
_NINES = "9" * 5000  # past Python's 4,300-digit int/str limit
_BIG = Decimal("9E+35")  # in range; two of them are not
_HUGE = 10**5000
_FUNNEL = FunnelStats(
    impressions=9 * 10**35,
    sessions=1,
    add_to_carts=1,
    orders=1,
    units=1,
    revenue=Money(1, "USD"),
    refunds=Money(0, "USD"),
)
_WEEK = AttributionWindow(click_days=7)
_STATS = AdsStats(
    impressions=9 * 10**35,
    clicks=1,
    spend=Money(1, "USD"),
    orders=0,
    sales=Money(0, "USD"),
    attribution=_WEEK,
)


def _first_row(**cells: object) -> object:
    return next(rows_from_records([{**_ROW, **cells}], currency="USD"))


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [
        (
            lambda: _first_row(impressions=_NINES),
            InvalidInputError,
            "rows[0].impressions",
            _NINES,
        ),
        (
            lambda: cohort_retention(_history(), as_of=dt.date.max),
            InvalidInputError,
            "as_of",
            dt.date.max,
        ),
        (
            lambda: cohort_ltv(
                _history(), as_of=dt.date.max, currency="USD", gross_margin="0.5"
            ),
            InvalidInputError,
            "as_of",
            dt.date.max,
        ),
        (
            lambda: Ratio(1, 3).round(10**35, RoundingMode.HALF_UP),
            InvalidInputError,
            "places",
            10**35,
        ),
        (
            lambda: Ratio(1, 3).format_percent(101, RoundingMode.HALF_UP),
            InvalidInputError,
            "places",
            101,
        ),
        (
            lambda: Ratio.pool([Ratio(_BIG, 1), Ratio(_BIG, 1)]),
            InvalidInputError,
            "ratios",
            2 * _BIG,
        ),
        (
            lambda: Ratio(_BIG, 1).pooled_with(Ratio(_BIG, 1)),
            InvalidInputError,
            "other",
            2 * _BIG,
        ),
        (
            lambda: MoneyRatio(amount=USD, count=1).pooled_with("x"),  # type: ignore[arg-type]
            InvalidTypeError,
            "other",
            "x",
        ),
        (lambda: _FUNNEL + _FUNNEL, InvalidInputError, "other", 18 * 10**35),
        (
            lambda: AdsStats.total([_STATS, _STATS], currency="USD", attribution=_WEEK),
            InvalidInputError,
            "stats[1]",
            18 * 10**35,
        ),
        (
            lambda: SegmentRule(name="all", recency=(1, 5), frequency=(1, 5)).matches(
                None,  # type: ignore[arg-type]
                1,
                1,
            ),
            InvalidTypeError,
            "r",
            None,
        ),
        (
            lambda: check_health(
                AMAZON_US_ACCOUNT_HEALTH[0],
                orders=1,
                defects=0,
                as_of=DAY,
                allow_out_of_window="yes",  # type: ignore[arg-type]
            ),
            InvalidTypeError,
            "allow_out_of_window",
            "yes",
        ),
        (
            lambda: HarvestRules(target_acos="0.3", sources=quantity(1, "day")),
            InvalidTypeError,
            "sources",
            quantity(1, "day"),
        ),
        (
            lambda: _ltv_with(
                average_order_value=Money("1E+30", "USD"), orders_per_period="1E+10"
            ),
            InvalidInputError,
            "orders_per_period",
            Decimal("1E+10"),
        ),
        (
            lambda: _ltv_with(lifespan_periods=None, churn_rate="1E-36"),
            InvalidInputError,
            "churn_rate",
            "1E-36",
        ),
        (
            lambda: AdsKpis(  # a result class refuses the wrong types by name
                stats="x",  # type: ignore[arg-type]
                ctr=Ratio(1, 2),
                cpc=MoneyRatio(amount=USD, count=1),
                cpm=MoneyRatio(amount=USD, count=1),
                cvr=Ratio(1, 2),
                acos=Ratio(1, 2),
                roas=Ratio(2, 1),
            ),
            InvalidTypeError,
            "stats",
            "x",
        ),
        (
            # Within 1E-50 of 1 the 60-digit quantile search ran for seconds,
            # then raised a bare decimal.Overflow.
            lambda: wilson_interval(1, 3, confidence="0." + "9" * 56),
            InvalidInputError,
            "confidence",
            "0." + "9" * 56,
        ),
        pytest.param(
            lambda: REPORT.check(_HUGE, None),
            InvalidInputError,
            "index",
            _HUGE,
            id="check-huge-index",  # such an int has no str(): name the case
        ),
        pytest.param(
            lambda: ReviewStats.from_stars({_HUGE: 1}),
            InvalidInputError,
            "counts",
            _HUGE,
            id="from_stars-huge-key",
        ),
        (
            lambda: Cohort(month=dt.date(2026, 1, 1), size=2, active=[2, 3]),
            InvalidInputError,
            "active[1]",
            3,
        ),
    ],
)
def test_issue_13_causes_are_refused_by_name(
    call: Callable[[], object], error: type[XborderError], field: str, value: object
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert caught.value.field == field
    assert caught.value.value == value


def test_a_cohort_table_as_of_the_first_day_of_the_calendar_is_empty() -> None:
    # Regression: the last month observed was computed as as_of - 1 day,
    # which does not exist before 0001-01-01 (a bare OverflowError).
    start = dt.date.min
    assert cohort_retention(_history(), as_of=start).cohorts == ()
    assert cohort_ltv(_history(), as_of=start, currency="USD").cohorts == ()


def test_folds_stream_and_name_an_iterable_that_fails_part_way() -> None:
    # Streaming: an endless iterable of non-rows is refused at its first item,
    # so the folds never gather their input before reading it.
    with pytest.raises(InvalidTypeError) as endless:
        summarize(itertools.repeat(None), report=REPORT)  # type: ignore[arg-type]
    assert endless.value.field == "rows[0]"

    def failing() -> Iterator[object]:
        yield _first_row()
        raise TypeError("a broken reader")

    with pytest.raises(InvalidTypeError) as broken:
        summarize(failing(), report=REPORT)  # type: ignore[arg-type]
    assert broken.value.field == "rows"


def test_results_keep_what_to_data_wrote() -> None:
    # Result classes convert their fields, so a list becomes the tuple that
    # from_data builds, and the model reads back equal.
    cohort = Cohort(month=dt.date(2026, 1, 1), size=2, active=[2, 1])
    assert cohort.active == (2, 1)
    assert from_data(Cohort, to_data(cohort)) == cohort
    table = _retention()
    assert from_data(RetentionTable, to_data(table)) == table
