"""xborder.frames' search-term KPIs equal xborder.kpi's on the same rows.

Rows are drawn from the shipped strategies (every match type, terms that
differ only in case and spacing, ASINs, zero clicks, zero sales), put in a
table, and every output column of :func:`xborder.frames.summarize`,
:func:`~xborder.frames.breakdown`, :func:`~xborder.frames.harvest` and
:func:`~xborder.frames.bid_changes` is compared with the scalar result on the
same rows, to the last digit: sums exactly, KPIs as the scalar's exact ratio
rounded once, decisions and bids as the scalar decides them.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder import frames, kpi
from xborder._ops import round_ratio
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.kpi import (
    UNDEFINED,
    AdsStats,
    AttributionWindow,
    Bid,
    BidRules,
    Grouping,
    HarvestRules,
    MatchType,
    ReportSemantics,
    SearchTermRow,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.testing import strategies as xst

if TYPE_CHECKING:
    from xborder.kpi import MoneyRatio, Ratio

WEEK = AttributionWindow(click_days=7)
USD = ReportSemantics(currency="USD", attribution=WEEK)
MODES = st.sampled_from(list(RoundingMode))


def _table(rows: list[SearchTermRow]) -> pl.DataFrame:
    """The rows as a report table: text, integers, Decimal amounts."""
    scale = max([0, *(-r.spend.amount.as_tuple().exponent for r in rows)])  # type: ignore[operator]
    money = pl.Decimal(38, max(scale, 0))
    return pl.DataFrame(
        {
            "campaign": [r.campaign for r in rows],
            "ad_group": [r.ad_group for r in rows],
            "targeting": [r.targeting for r in rows],
            "match_type": [r.match_type.value for r in rows],
            "search_term": [r.search_term for r in rows],
            "impressions": [r.impressions for r in rows],
            "clicks": [r.clicks for r in rows],
            "spend": [r.spend.amount for r in rows],
            "orders": [r.orders for r in rows],
            "sales": [r.sales.amount for r in rows],
        },
        schema={
            "campaign": pl.String,
            "ad_group": pl.String,
            "targeting": pl.String,
            "match_type": pl.String,
            "search_term": pl.String,
            "impressions": pl.Int64,
            "clicks": pl.Int64,
            "spend": money,
            "orders": pl.Int64,
            "sales": money,
        },
    )


def _rounded(value: Fraction, places: int, mode: RoundingMode) -> Decimal:
    """The exact ratio rounded once to ``places`` (what the frames promise)."""
    steps = round_ratio(value.numerator * 10**places, value.denominator, mode.value)
    return Decimal(steps).scaleb(-places)


def _kpi_value(
    kpi_value: Ratio | MoneyRatio, places: int, mode: RoundingMode
) -> Decimal | None:
    if isinstance(kpi_value, kpi.Ratio):
        exact = kpi_value.as_fraction()
        if exact is UNDEFINED:
            return None
        assert isinstance(exact, Fraction)
        rounded = _rounded(exact, places, mode)
        # The scalar's own rounding (of its 34-digit value) agrees here.
        assert kpi_value.round(places, mode) == rounded
        return rounded
    if not kpi_value.is_defined:
        return None
    amount = Fraction(kpi_value.amount.amount) * Fraction(kpi_value.scale)
    return _rounded(amount / Fraction(kpi_value.count), places, mode)


def _expected(stats: AdsStats, places: int, mode: RoundingMode) -> dict[str, object]:
    kpis = stats.kpis()
    return {
        "currency": stats.spend.currency.code,
        "impressions": stats.impressions,
        "clicks": stats.clicks,
        "spend": stats.spend.amount,
        "orders": stats.orders,
        "sales": stats.sales.amount,
        **{name: _kpi_value(getattr(kpis, name), places, mode) for name in frames.KPIS},
    }


def _figures(row: dict[str, Any]) -> dict[str, object]:
    return {name: row[name] for name in ("currency", *frames.SUMS, *frames.KPIS)}


def _report_rows(
    currency: Currency,
) -> st.SearchStrategy[list[SearchTermRow]]:
    return st.lists(
        xst.search_term_rows(currency=st.just(currency)), min_size=0, max_size=25
    )


@settings(max_examples=40, deadline=None)
@given(data=st.data(), currency=xst.currencies(), places=st.integers(0, 12))
def test_summary_and_every_breakdown_equal_the_scalar(
    data: st.DataObject, currency: Currency, places: int
) -> None:
    rows = data.draw(_report_rows(currency))
    mode = data.draw(MODES)
    report = ReportSemantics(currency=currency, attribution=WEEK)
    table = _table(rows)
    total = frames.summarize(table, report=report, places=places, rounding=mode)
    assert total.errors.is_empty()
    [row] = total.table.iter_rows(named=True)
    assert _figures(row) == _expected(kpi.summarize(rows, report=report), places, mode)
    for by in Grouping:
        result = frames.breakdown(
            table, report=report, by=by, places=places, rounding=mode
        )
        groups = kpi.breakdown(rows, report=report, by=by)
        assert result.table.height == len(groups)
        for group, out in zip(groups, result.table.iter_rows(named=True), strict=True):
            for key in (
                "campaign",
                "ad_group",
                "targeting",
                "match_type",
                "search_term",
            ):
                if key in out:
                    assert out[key] == getattr(group, key), (by, key)
            assert _figures(out) == _expected(group.stats, places, mode)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), currency=xst.currencies())
def test_harvest_decides_every_term_as_the_scalar(
    data: st.DataObject, currency: Currency
) -> None:
    rows = data.draw(_report_rows(currency))
    rules = data.draw(xst.harvest_rules(currency=st.just(currency)))
    existing = data.draw(st.lists(st.sampled_from(["Phone Holder", "B0ABC12345"])))
    report = ReportSemantics(currency=currency, attribution=WEEK)
    result = frames.harvest(
        _table(rows), report=report, rules=rules, existing_targets=existing, places=6
    )
    plan = kpi.harvest(rows, report=report, rules=rules, existing_targets=existing)
    assert result.table.height == len(plan.decisions)
    for decision, out in zip(
        plan.decisions, result.table.iter_rows(named=True), strict=True
    ):
        assert (out["campaign"], out["ad_group"], out["search_term"]) == (
            decision.campaign,
            decision.ad_group,
            decision.search_term,
        )
        assert out["action"] == decision.action.value
        assert out["reason"] == decision.reason.value
        assert out["negative_purpose"] == _purpose(plan, decision)
        assert out["is_product"] == decision.is_product
        bid = decision.suggested_bid
        assert out["suggested_bid"] == (None if bid is UNDEFINED else bid.amount)
        assert _figures(out) == _expected(decision.stats, 6, RoundingMode.HALF_EVEN)


def _purpose(plan: kpi.HarvestPlan, decision: kpi.TermDecision) -> str | None:
    """The purpose of the scalar plan's negative for this decision, if any."""
    found = [
        negative.purpose.value
        for negative in plan.negatives
        if (negative.campaign, negative.ad_group, negative.term)
        == (decision.campaign, decision.ad_group, decision.search_term)
    ]
    assert len(found) <= 1
    return found[0] if found else None


@settings(max_examples=40, deadline=None)
@given(data=st.data(), currency=xst.currencies())
def test_bid_changes_equal_the_scalar(data: st.DataObject, currency: Currency) -> None:
    rows = data.draw(_report_rows(currency))
    rules = data.draw(xst.bid_rules(currency=st.just(currency)))
    bids = data.draw(
        st.lists(xst.bids(currency=st.just(currency)), max_size=8, unique_by=_key)
    )
    report = ReportSemantics(currency=currency, attribution=WEEK)
    result = frames.bid_changes(_table(rows), report=report, bids=bids, rules=rules)
    plan = kpi.bid_changes(rows, report=report, bids=bids, rules=rules)
    assert result.table.height == len(plan.changes)
    for change, out in zip(
        plan.changes, result.table.iter_rows(named=True), strict=True
    ):
        assert (out["campaign"], out["ad_group"], out["targeting"]) == (
            change.bid.campaign,
            change.bid.ad_group,
            change.bid.targeting,
        )
        assert out["match_type"] == change.bid.match_type.value
        assert out["bid"] == change.bid.bid.amount
        assert out["new_bid"] == change.new_bid.amount
        assert out["change"] == change.change.amount
        assert out["action"] == change.action.value
        assert _figures(out) == _expected(change.stats, 10, RoundingMode.HALF_EVEN)
    assert result.unbid.height == len(plan.unbid)
    for (campaign, group, targeting, kind, stats), out in zip(
        plan.unbid, result.unbid.iter_rows(named=True), strict=True
    ):
        assert (out["campaign"], out["ad_group"], out["targeting"]) == (
            campaign,
            group,
            targeting,
        )
        assert out["match_type"] == kind.value
        assert _figures(out) == _expected(stats, 10, RoundingMode.HALF_EVEN)


def _key(bid: Bid) -> tuple[object, ...]:
    return bid.key


# -- examples ---------------------------------------------------------------------


def _row(
    term: str,
    clicks: int,
    spend: str,
    orders: int,
    sales: str,
    **fields: Any,
) -> SearchTermRow:
    values: dict[str, Any] = {
        "campaign": "PH Auto",
        "targeting": "close-match",
        "match_type": "auto",
        "search_term": term,
        "impressions": 2000,
        "clicks": clicks,
        "spend": Money(spend, "USD"),
        "orders": orders,
        "sales": Money(sales, "USD"),
    }
    return SearchTermRow(**(values | fields))


ROWS = [
    _row("phone holder for car vent", 37, "25.90", 4, "99.96"),
    _row("Phone  Stand", 22, "15.40", 0, "0"),
    _row("STRASSE halter", 3, "1.40", 1, "20.00"),
    _row("straße halter", 4, "1.10", 1, "19.00"),
    _row("car mount", 5, "2.00", 1, "9.00", match_type="exact", targeting="car mount"),
]


@pytest.mark.parametrize(
    "make",
    [
        lambda t: t,
        lambda t: t.lazy(),
        lambda t: t.to_pandas(),
        lambda t: t.to_pandas(use_pyarrow_extension_array=True),
        lambda t: t.to_arrow(),
    ],
    ids=["polars", "polars-lazy", "pandas-numpy", "pandas-arrow", "pyarrow"],
)
def test_every_frame_library_gets_the_same_answers_back_in_kind(make: Any) -> None:
    given_table = make(_table(ROWS))
    result = frames.breakdown(given_table, report=USD, by=Grouping.SEARCH_TERM)
    assert type(result.table) is type(given_table)
    back = _as_polars(result.table)
    expected = kpi.breakdown(ROWS, report=USD, by=Grouping.SEARCH_TERM)
    assert back.get_column("search_term").to_list() == [g.search_term for g in expected]
    assert back.get_column("spend").to_list() == [
        g.stats.spend.amount for g in expected
    ]
    assert back.schema["spend"] == pl.Decimal(18, 2)
    assert back.schema["clicks"] == pl.Int64


def _as_polars(table: Any) -> pl.DataFrame:
    if isinstance(table, pd.DataFrame):
        return pl.from_pandas(table)
    if isinstance(table, pa.Table):
        return pl.DataFrame(pl.from_arrow(table))
    return table.collect() if isinstance(table, pl.LazyFrame) else table


def test_terms_are_compared_as_the_scalar_compares_them() -> None:
    result = frames.breakdown(_table(ROWS), report=USD, by="search_term")
    terms = result.table.get_column("search_term").to_list()
    # "STRASSE" and "straße" case-fold alike (Python's casefold, not lower()).
    assert terms == [
        "car mount",
        "phone holder for car vent",
        "phone stand",
        "strasse halter",
    ]
    assert result.table.get_column("clicks").to_list() == [5, 37, 22, 7]


def test_any_columns_group_a_report() -> None:
    table = _table(ROWS).with_columns(
        week=pl.Series(["2026-W01", "2026-W02", "2026-W01", None, "2026-W02"])
    )
    result = frames.breakdown(table, report=USD, by=("week", "match_type"))
    out = result.table.select("week", "match_type", "clicks", "spend").rows()
    assert out == [
        (None, "auto", 4, Decimal("1.10")),
        ("2026-W01", "auto", 40, Decimal("27.30")),
        ("2026-W02", "auto", 22, Decimal("15.40")),
        ("2026-W02", "exact", 5, Decimal("2.00")),
    ]
    assert result.table.schema["match_type"] == frames.MATCH_TYPES


def test_harvest_counts_exact_and_product_targets_as_targeted() -> None:
    rows = [
        _row("b0abc12345", 30, "5.00", 3, "60.00"),
        _row("phone holder", 30, "5.00", 3, "60.00"),
        _row(
            "x", 1, "0.10", 0, "0", match_type="product", targeting='asin="B0ABC12345"'
        ),
        _row(
            "phone holder",
            1,
            "0.10",
            0,
            "0",
            match_type="exact",
            targeting="Phone Holder",
        ),
    ]
    rules = HarvestRules(target_acos="0.30")
    result = frames.harvest(_table(rows), report=USD, rules=rules)
    shown = ("search_term", "action", "reason", "negative_purpose", "is_product")
    out = result.table.select(shown).rows()
    assert out == [
        ("b0abc12345", "negate", "already-targeted", "isolation", True),
        ("phone holder", "negate", "already-targeted", "isolation", False),
    ]
    plan = kpi.harvest(rows, report=USD, rules=rules)
    assert [d.reason.value for d in plan.decisions] == ["already-targeted"] * 2


def test_an_empty_report_has_zero_sums_and_undefined_kpis() -> None:
    total = frames.summarize(_table(ROWS).clear(), report=USD)
    assert total.table.row(0) == ("USD", 0, 0, Decimal("0.00"), 0, Decimal("0.00"),
                                  None, None, None, None, None, None)  # fmt: skip
    groups = frames.breakdown(_table(ROWS).clear(), report=USD, by=Grouping.CAMPAIGN)
    assert groups.table.is_empty()
    assert groups.table.columns == ["campaign", "currency", *frames.SUMS, *frames.KPIS]


# -- bad rows ---------------------------------------------------------------------

GOOD = {
    "campaign": "Auto", "ad_group": None, "targeting": "close-match",
    "match_type": "auto", "search_term": "phone holder", "impressions": 100,
    "clicks": 5, "spend": Decimal("3.50"), "orders": 1, "sales": Decimal("25.00"),
}  # fmt: skip
BAD = [
    ("campaign", " "),
    ("campaign", None),
    ("ad_group", ""),
    ("targeting", "\x1c"),
    ("match_type", "Exact"),
    ("match_type", None),
    ("search_term", "\u3000"),
    ("impressions", -1),
    ("impressions", None),
    ("clicks", 101),
    ("spend", Decimal("-0.01")),
    ("orders", -2),
    ("sales", None),
]


def _scalar_field(record: dict[str, Any]) -> str | None:
    """The field the scalar names for one record, or None if it takes it."""
    amounts: dict[str, Money | None] = {}
    for name in ("spend", "sales"):
        try:
            amounts[name] = Money(record[name], "USD")
        except XborderError:
            amounts[name] = None  # the model refuses it under its own name
    try:
        USD.check(0, SearchTermRow(**(record | amounts)))
    except XborderError as error:
        return str(error.field).removeprefix("rows[0].")
    return None


def _records() -> list[dict[str, Any]]:
    return [GOOD, *({**GOOD, field: value} for field, value in BAD), GOOD]


def test_bad_rows_are_reported_with_the_scalars_field_never_dropped() -> None:
    records = _records()
    schema: dict[str, pl.DataType] = {
        "ad_group": pl.String(), "campaign": pl.String(), "match_type": pl.String(),
        "spend": pl.Decimal(38, 2), "sales": pl.Decimal(38, 2),
    }  # fmt: skip
    table = pl.DataFrame(records, schema_overrides=schema)
    result = frames.summarize(table, report=USD)
    errors = result.errors
    first = errors.unique("row", keep="first", maintain_order=True)
    assert first.get_column("row").to_list() == list(range(1, len(BAD) + 1))
    for index, record in enumerate(records):
        field = _scalar_field(record)
        found = first.filter(pl.col("row") == index).get_column("field").to_list()
        assert found == ([] if field is None else [field]), (index, record)
    assert result.table.get_column("clicks").item() == 10  # the two good rows
    clicks = 1 + BAD.index(("clicks", 101))
    message = errors.filter(pl.col("row") == clicks).get_column("message").item()
    assert message.startswith("clicks: expected at most the row's impressions (100)")


def test_strict_mode_raises_the_first_bad_row() -> None:
    table = pl.DataFrame(_records()[:3], schema_overrides={"ad_group": pl.String})
    with pytest.raises(InvalidInputError) as caught:
        frames.harvest(
            table, report=USD, rules=HarvestRules(target_acos="0.3"), errors="raise"
        )
    assert caught.value.field == "rows[1].campaign"


def test_nesting_rules_follow_the_report() -> None:
    table = pl.DataFrame(
        [{**GOOD, "clicks": 200, "orders": 300}],
        schema_overrides={"ad_group": pl.String},
    )
    loose = ReportSemantics(
        currency="USD", attribution=WEEK, clicks_within_impressions=False
    )
    assert frames.summarize(table, report=loose).errors.is_empty()
    strict = ReportSemantics(
        currency="USD", attribution=WEEK, clicks_within_impressions=False,
        orders_within_clicks=True,
    )  # fmt: skip
    errors = frames.summarize(table, report=strict).errors
    assert errors.get_column("field").to_list() == ["orders"]


def test_amounts_as_text_integers_and_floats() -> None:
    base = _table(ROWS[:2])
    text = base.with_columns(pl.col("spend", "sales").cast(pl.String))
    assert frames.summarize(text, report=USD).table.row(0)[3] == Decimal("41.30")
    floats = base.with_columns(pl.col("spend", "sales").cast(pl.Float64))
    with pytest.raises(InvalidTypeError) as caught:
        frames.summarize(floats, report=USD)
    assert caught.value.field == "spend"
    shortest = frames.summarize(floats, report=USD, floats="shortest")
    assert shortest.table.row(0)[3] == Decimal("41.30")
    fine = base.with_columns(spend=pl.Series(["25.905", "15.4"]))
    total = frames.summarize(fine, report=USD).table
    assert total.get_column("spend").item() == Decimal("41.305")  # never rounded
    assert total.schema["spend"] == pl.Decimal(18, 3)


def test_column_types_and_arguments_are_checked() -> None:
    table = _table(ROWS)
    with pytest.raises(InvalidTypeError) as caught:
        frames.summarize(
            table.with_columns(pl.col("clicks").cast(pl.String)), report=USD
        )
    assert caught.value.field == "clicks"
    with pytest.raises(InvalidInputError) as missing:
        frames.summarize(table.drop("sales"), report=USD)
    assert missing.value.field == "frame"
    with pytest.raises(InvalidTypeError):
        frames.summarize(table, report="USD")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError) as places:
        frames.summarize(table, report=USD, places=31)
    assert places.value.field == "places"
    with pytest.raises(InvalidTypeError):
        frames.summarize(table, report=USD, rounding="half_up")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError) as by:
        frames.breakdown(table, report=USD, by=("campaign", "clicks"))
    assert by.value.field == "by[1]"
    with pytest.raises(InvalidInputError) as absent:
        frames.breakdown(table, report=USD, by="week")
    assert absent.value.field == "frame"
    with pytest.raises(CurrencyMismatchError):
        frames.harvest(
            table,
            report=USD,
            rules=HarvestRules(target_acos="0.3", negative_max_spend=Money(5, "EUR")),
        )
    with pytest.raises(InvalidTypeError) as targets:
        frames.harvest(
            table, report=USD, rules=HarvestRules(target_acos="0.3"),
            existing_targets="phone",
        )  # fmt: skip
    assert targets.value.field == "existing_targets"


def test_bids_as_a_table_and_bad_bids_raise() -> None:
    rules = BidRules(
        target_acos="0.25", min_bid=Money("0.20", "USD"), max_bid=Money("1.50", "USD")
    )
    bids = pl.DataFrame(
        {
            "campaign": ["PH Auto"], "targeting": ["Close-Match"],
            "match_type": ["auto"], "bid": ["0.80"],
        }
    )  # fmt: skip
    result = frames.bid_changes(_table(ROWS), report=USD, bids=bids, rules=rules)
    plan = kpi.bid_changes(
        ROWS,
        report=USD,
        bids=[Bid(campaign="PH Auto", targeting="Close-Match", match_type="auto",
                  bid=Money("0.80", "USD"))],
        rules=rules,
    )  # fmt: skip
    [change] = plan.changes
    assert result.table.select("clicks", "new_bid", "action", "limit").row(0) == (
        change.stats.clicks, change.new_bid.amount, change.action.value, "none",
    )  # fmt: skip
    assert change.new_bid == Money("0.63", "USD")  # 0.80 x 30% / 37.69% = 0.6367
    twice = pl.concat([bids, bids])
    with pytest.raises(InvalidInputError) as caught:
        frames.bid_changes(_table(ROWS), report=USD, bids=twice, rules=rules)
    assert caught.value.field == "bids[1]"
    with pytest.raises(InvalidInputError) as wrong:
        frames.bid_changes(
            _table(ROWS), report=USD, bids=bids.with_columns(bid=pl.lit("-1")),
            rules=rules,
        )  # fmt: skip
    assert str(wrong.value.field).startswith("bids[0]")


def test_huge_amounts_sum_on_int128_and_kpis_fall_back_to_decimals() -> None:
    big = Decimal("9" * 20) + Decimal("0.99")
    rows = [
        _row("phone holder", 10, str(big), 2, str(big)),
        _row("phone holder", 10, str(big), 2, str(big)),
    ]
    table = _table(rows)
    # At 16 places acos's numerator passes 2**126: the rules run on Decimals.
    total = frames.summarize(table, report=USD, places=16)
    scalar = kpi.summarize(rows, report=USD)
    out = total.table.row(0, named=True)
    assert out["spend"] == scalar.spend.amount
    assert out["acos"] == Decimal(1)
    assert out["cpc"] == _kpi_value(scalar.kpis().cpc, 16, RoundingMode.HALF_EVEN)
    assert out["cpm"] == _kpi_value(scalar.kpis().cpm, 16, RoundingMode.HALF_EVEN)


def test_rules_codes_name_the_scalar_enums() -> None:
    assert tuple(reason.value for reason in kpi.HarvestReason) == kpi.rules.REASONS
    assert set(kpi.rules.ACTIONS) == {action.value for action in kpi.BidAction}
    assert set(kpi.rules.HARVEST_ACTIONS) == set(kpi.rules.REASONS)
    negating = {r for r, a in kpi.rules.HARVEST_ACTIONS.items() if a != "keep"}
    assert set(kpi.rules.NEGATIVE_PURPOSES) == negating
    purposes = {purpose.value for purpose in kpi.NegativePurpose}
    assert set(kpi.rules.NEGATIVE_PURPOSES.values()) == purposes
    assert MatchType.EXACT.value in frames.MATCH_TYPES.categories.to_list()
