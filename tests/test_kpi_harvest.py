from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.kpi import (
    UNDEFINED,
    AdsStats,
    AttributionWindow,
    Bid,
    BidAction,
    BidRules,
    HarvestAction,
    HarvestReason,
    HarvestRules,
    MatchType,
    NegativePurpose,
    ReportSemantics,
    SearchTermRow,
    bid_changes,
    harvest,
    summarize,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.testing import strategies as xst

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder.kpi import HarvestPlan, NegativeTarget

WEEK = AttributionWindow(click_days=7)
USD = Currency("USD")
REPORT = ReportSemantics(currency="USD", attribution=WEEK)
RULES = HarvestRules(target_acos="0.30")


def row(
    term: str,
    *,
    campaign: str = "PH-Auto",
    targeting: str = "close-match",
    match_type: MatchType = MatchType.AUTO,
    impressions: int = 1000,
    clicks: int = 20,
    spend: str = "10.00",
    orders: int = 0,
    sales: str = "0",
    ad_group: str | None = None,
) -> SearchTermRow:
    return SearchTermRow(
        campaign=campaign,
        ad_group=ad_group,
        targeting=targeting,
        match_type=match_type,
        search_term=term,
        impressions=impressions,
        clicks=clicks,
        spend=Money(spend, "USD"),
        orders=orders,
        sales=Money(sales, "USD"),
    )


# -- harvesting -----------------------------------------------------------------------

REPORT_ROWS = [
    # converting at 20% ACOS across two auto targets: promote
    row("phone holder for car", clicks=15, spend="6.00", orders=2, sales="40.00"),
    row(
        "Phone Holder for Car",
        targeting="loose-match",
        clicks=10,
        spend="4.00",
        orders=1,
        sales="20.00",
    ),
    # converting but above target: keep
    row("phone stand", clicks=30, spend="20.00", orders=2, sales="40.00"),
    # one order only: keep
    row("desk phone holder", clicks=5, spend="2.00", orders=1, sales="20.00"),
    # 12 clicks, no order: negate
    row("phone case", clicks=12, spend="7.20"),
    # few clicks, no order: keep
    row("charger", clicks=3, spend="1.50"),
    # many impressions, almost no clicks: negate for low CTR
    row("iphone", impressions=5000, clicks=2, spend="1.20"),
    # an ASIN converting well: promote as a product target
    row("b0abc12345", clicks=10, spend="3.00", orders=3, sales="60.00"),
    # converting and already an exact keyword: negate in the source only
    row("car mount", clicks=10, spend="3.00", orders=2, sales="30.00"),
    row(
        "car mount",
        campaign="PH-Exact",
        targeting="car mount",
        match_type=MatchType.EXACT,
        clicks=40,
        spend="12.00",
        orders=6,
        sales="90.00",
    ),
]


def _decision(plan: object, term: str) -> object:
    return next(d for d in plan.decisions if d.search_term == term)  # type: ignore[attr-defined]


def test_harvest_decides_every_source_term() -> None:
    plan = harvest(REPORT_ROWS, report=REPORT, rules=RULES)
    decided = {d.search_term: (d.action, d.reason) for d in plan.decisions}
    assert decided == {
        "phone holder for car": (HarvestAction.PROMOTE, HarvestReason.CONVERTING),
        "phone stand": (HarvestAction.KEEP, HarvestReason.ACOS_ABOVE_TARGET),
        "desk phone holder": (HarvestAction.KEEP, HarvestReason.FEW_ORDERS),
        "phone case": (HarvestAction.NEGATE, HarvestReason.CLICKS_WITHOUT_ORDERS),
        "charger": (HarvestAction.KEEP, HarvestReason.NOT_ENOUGH_DATA),
        "iphone": (HarvestAction.NEGATE, HarvestReason.LOW_CTR),
        "b0abc12345": (HarvestAction.PROMOTE, HarvestReason.CONVERTING),
        "car mount": (HarvestAction.NEGATE, HarvestReason.ALREADY_TARGETED),
    }
    # exact rows are not harvested, and the decisions add up to the source rows
    sources = [r for r in REPORT_ROWS if r.match_type is MatchType.AUTO]
    assert plan.total == summarize(sources, report=REPORT)


def test_promotions_negatives_and_kept() -> None:
    plan = harvest(REPORT_ROWS, report=REPORT, rules=RULES)
    assert [d.search_term for d in plan.promotions] == [
        "b0abc12345",
        "phone holder for car",
    ]
    assert [(n.term, n.is_product) for n in plan.negatives] == [
        ("b0abc12345", True),
        ("car mount", False),
        ("iphone", False),
        ("phone case", False),
        ("phone holder for car", False),
    ]
    assert {n.campaign for n in plan.negatives} == {"PH-Auto"}
    assert [d.search_term for d in plan.kept] == [
        "charger",
        "desk phone holder",
        "phone stand",
    ]


def test_negatives_are_split_by_purpose() -> None:
    plan = harvest(REPORT_ROWS, report=REPORT, rules=RULES)
    # Sellers' terms isolated in one campaign: promoted now, or exact already.
    assert [(n.term, n.reason) for n in plan.isolating_negatives] == [
        ("b0abc12345", HarvestReason.CONVERTING),
        ("car mount", HarvestReason.ALREADY_TARGETED),
        ("phone holder for car", HarvestReason.CONVERTING),
    ]
    # Terms that take clicks or impressions and never sell.
    assert [(n.term, n.reason) for n in plan.wasteful_negatives] == [
        ("iphone", HarvestReason.LOW_CTR),
        ("phone case", HarvestReason.CLICKS_WITHOUT_ORDERS),
    ]
    assert {n.purpose for n in plan.isolating_negatives} == {NegativePurpose.ISOLATION}
    assert {n.purpose for n in plan.wasteful_negatives} == {NegativePurpose.WASTE}


def test_promotion_carries_a_starting_bid_and_words() -> None:
    plan = harvest(REPORT_ROWS, report=REPORT, rules=RULES)
    promoted = _decision(plan, "phone holder for car")
    # sales per click 60 / 25 = 2.40; x 30% = 0.72
    assert promoted.suggested_bid == Money("0.72", "USD")  # type: ignore[attr-defined]
    assert promoted.explanation == (  # type: ignore[attr-defined]
        "3 orders >= 2 and ACOS 16.67% <= target 30.00%: add as exact, "
        "negate in the source"
    )
    kept = _decision(plan, "phone stand")
    assert kept.suggested_bid is UNDEFINED  # type: ignore[attr-defined]
    assert kept.explanation == (  # type: ignore[attr-defined]
        "2 orders, but ACOS 50.00% > target 30.00%: tune the bid instead"
    )


@pytest.mark.parametrize(
    ("term", "words"),
    [
        ("phone case", "12 clicks >= 10 and no order (7.20 USD spent)"),
        ("charger", "3 clicks < 10, no order yet"),
        ("iphone", "5000 impressions, CTR 0.04% <= 0.15% and no order"),
        ("desk phone holder", "1 order < 2 at ACOS 10.00%: wait for more"),
        (
            "car mount",
            (
                "2 orders >= 2 and ACOS 10.00% <= target 30.00%, already targeted "
                "exactly: negate in the source so the campaigns do not compete"
            ),
        ),
    ],
)
def test_every_decision_explains_itself(term: str, words: str) -> None:
    plan = harvest(REPORT_ROWS, report=REPORT, rules=RULES)
    assert _decision(plan, term).explanation == words  # type: ignore[attr-defined]


def test_spend_rule_and_orders_without_sales() -> None:
    rules = HarvestRules(target_acos="0.3", negative_max_spend=Money("5", "USD"))
    plan = harvest(
        [row("a", clicks=4, spend="5.00"), row("b", clicks=4, orders=1, sales="0")],
        report=REPORT,
        rules=rules,
    )
    reasons = [(d.search_term, d.reason) for d in plan.decisions]
    assert reasons == [
        ("a", HarvestReason.SPEND_WITHOUT_ORDERS),
        ("b", HarvestReason.ORDERS_WITHOUT_SALES),
    ]
    assert plan.decisions[0].explanation == "5.00 USD spent >= 5 USD and no order"
    assert plan.decisions[1].explanation == "1 order but no sales: ACOS undefined"


def test_existing_targets_and_product_targets_count_as_targeted() -> None:
    rows = [
        row("car mount", clicks=10, spend="3.00", orders=2, sales="30.00"),
        row("b0abc12345", clicks=10, spend="3.00", orders=2, sales="30.00"),
        row(
            "x",
            campaign="PT",
            targeting='asin="B0ABC12345"',
            match_type=MatchType.PRODUCT,
        ),
    ]
    plan = harvest(rows, report=REPORT, rules=RULES, existing_targets=["Car  Mount"])
    assert [d.reason for d in plan.decisions] == [
        HarvestReason.ALREADY_TARGETED,
        HarvestReason.ALREADY_TARGETED,
    ]


def test_ad_groups_are_kept_apart() -> None:
    rows = [row("a", ad_group="g1", clicks=6), row("a", ad_group="g2", clicks=6)]
    plan = harvest(rows, report=REPORT, rules=RULES)
    assert [(d.ad_group, d.action) for d in plan.decisions] == [
        ("g1", HarvestAction.KEEP),
        ("g2", HarvestAction.KEEP),
    ]


def test_harvest_rules_are_checked() -> None:
    with pytest.raises(InvalidInputError) as target:
        HarvestRules(target_acos=0)
    assert target.value.field == "target_acos"
    with pytest.raises(InvalidInputError) as sources:
        HarvestRules(target_acos="0.3", sources={MatchType.EXACT})
    assert sources.value.field == "sources"
    with pytest.raises(InvalidInputError) as empty:
        HarvestRules(target_acos="0.3", sources=[])
    assert empty.value.field == "sources"
    with pytest.raises(InvalidInputError) as kind:
        HarvestRules(target_acos="0.3", sources=["fuzzy"])
    assert kind.value.field == "sources[0]"  # the item is named
    with pytest.raises(InvalidTypeError) as text:
        HarvestRules(target_acos="0.3", sources="auto")
    assert text.value.field == "sources"
    with pytest.raises(InvalidInputError) as clicks:
        HarvestRules(target_acos="0.3", negative_min_clicks=0)
    assert clicks.value.field == "negative_min_clicks"
    assert HarvestRules(target_acos="0.3", sources=["auto"]).sources == {MatchType.AUTO}


def test_harvest_refuses_bad_arguments() -> None:
    with pytest.raises(InvalidTypeError) as rules:
        harvest([], report=REPORT, rules="0.3")  # type: ignore[arg-type]
    assert rules.value.field == "rules"
    with pytest.raises(InvalidTypeError) as targets:
        harvest([], report=REPORT, rules=RULES, existing_targets="car mount")
    assert targets.value.field == "existing_targets"
    with pytest.raises(InvalidTypeError) as item:
        harvest([], report=REPORT, rules=RULES, existing_targets=["a", 3])  # type: ignore[list-item]
    assert item.value.field == "existing_targets[1]"
    eur = ReportSemantics(currency="EUR", attribution=WEEK)
    with pytest.raises(CurrencyMismatchError) as currency:
        harvest(REPORT_ROWS, report=eur, rules=RULES)
    assert currency.value.field == "rows[0].spend"


rows_usd = st.lists(xst.search_term_rows(currency=st.just(USD)), max_size=25)


@given(
    rows_usd,
    xst.harvest_rules(currency=st.just(USD)),
    st.randoms(use_true_random=False),
)
def test_harvesting_is_invariant_to_row_order(
    rows: list[SearchTermRow], rules: HarvestRules, random: object
) -> None:
    plan = harvest(rows, report=REPORT, rules=rules)
    shuffled = list(rows)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    again = harvest(shuffled, report=REPORT, rules=rules)
    assert again == plan
    assert [d.explanation for d in again.decisions] == [
        d.explanation for d in plan.decisions
    ]


@given(rows_usd, xst.harvest_rules(currency=st.just(USD)))
def test_decisions_add_up_and_follow_their_rule(
    rows: list[SearchTermRow], rules: HarvestRules
) -> None:
    plan = harvest(rows, report=REPORT, rules=rules)
    sources = [r for r in rows if r.match_type in rules.sources]
    assert plan.total == summarize(sources, report=REPORT)
    assert (
        AdsStats.total(
            (d.stats for d in plan.decisions), currency="USD", attribution=WEEK
        )
        == plan.total
    )
    for decision in plan.decisions:
        stats = decision.stats
        if decision.action is HarvestAction.PROMOTE:
            assert stats.orders >= rules.min_orders
            assert stats.spend.amount <= stats.sales.amount * rules.target_acos
        if decision.reason is HarvestReason.CLICKS_WITHOUT_ORDERS:
            assert stats.orders == 0
            assert stats.clicks >= rules.negative_min_clicks
        assert decision.explanation
    _negatives_partition_by_purpose(plan)


def _negatives_partition_by_purpose(plan: HarvestPlan) -> None:
    isolating, wasteful = plan.isolating_negatives, plan.wasteful_negatives
    # The two lists split the negatives: nothing lost, nothing in both.
    assert sorted(plan.negatives, key=_negative_key) == sorted(
        isolating + wasteful, key=_negative_key
    )
    # An isolating negative is a term that sells (promoted, or exact already);
    # a wasteful one never sold.
    sold = {
        (d.campaign, d.ad_group, d.search_term): d.stats.orders for d in plan.decisions
    }
    for negative in isolating:
        assert sold[negative.campaign, negative.ad_group, negative.term] > 0
    for negative in wasteful:
        assert sold[negative.campaign, negative.ad_group, negative.term] == 0


def _negative_key(negative: NegativeTarget) -> tuple[str, str, str]:
    return (negative.campaign, negative.ad_group or "", negative.term)


# -- bids -----------------------------------------------------------------------------

BID_RULES = BidRules(
    target_acos="0.25", min_bid=Money("0.10", "USD"), max_bid=Money("3.00", "USD")
)


def exact(term: str, **columns: object) -> SearchTermRow:
    return row(
        term,
        campaign="PH-Exact",
        targeting=term,
        match_type=MatchType.EXACT,
        **columns,  # type: ignore[arg-type]
    )


def bid(term: str, amount: str) -> Bid:
    return Bid(
        campaign="PH-Exact",
        targeting=term,
        match_type="exact",
        bid=Money(amount, "USD"),
    )


def test_bid_changes_follow_target_over_actual_acos() -> None:
    rows = [
        exact("phone holder", clicks=40, spend="20.00", orders=4, sales="50.00"),
        exact("car mount", clicks=40, spend="8.00", orders=4, sales="64.00"),
        exact("desk stand", clicks=30, spend="12.00"),
        exact("bike mount", clicks=4, spend="2.00"),
        exact("magnet", clicks=20, spend="5.00", orders=2, sales="20.00"),
    ]
    plan = bid_changes(
        rows,
        report=REPORT,
        bids=[
            bid("phone holder", "0.80"),
            bid("car mount", "0.50"),
            bid("desk stand", "0.60"),
            bid("bike mount", "0.40"),
            bid("magnet", "2.80"),
            bid("nothing yet", "0.30"),
        ],
        rules=BID_RULES,
    )
    changes = {c.bid.targeting: (c.new_bid, c.action) for c in plan.changes}
    assert changes == {
        # ACOS 40%: 0.80 x 25/40 = 0.50
        "phone holder": (Money("0.50", "USD"), BidAction.LOWER),
        # ACOS 12.5%: 0.50 x 2 = 1.00, limited to +50% = 0.75
        "car mount": (Money("0.75", "USD"), BidAction.RAISE),
        # 30 clicks, no sales: cut by 50%
        "desk stand": (Money("0.30", "USD"), BidAction.LOWER),
        # 4 clicks: not enough data
        "bike mount": (Money("0.40", "USD"), BidAction.KEEP),
        # ACOS 25%: on target
        "magnet": (Money("2.80", "USD"), BidAction.KEEP),
        # no rows at all
        "nothing yet": (Money("0.30", "USD"), BidAction.KEEP),
    }
    by_term = {c.bid.targeting: c for c in plan.changes}
    assert by_term["phone holder"].explanation == (
        "ACOS 40.00% vs target 25.00%: 0.80 x 25.00% / 40.00% = 0.5000 -> 0.50 USD"
    )
    assert by_term["car mount"].explanation == (
        "ACOS 12.50% vs target 25.00%: 0.50 x 25.00% / 12.50% = 1.0000, "
        "limited to +50.00% (0.7500) -> 0.75 USD"
    )
    assert by_term["phone holder"].change == Money("-0.30", "USD")


def test_bids_stay_within_the_bounds_and_round_down() -> None:
    rows = [
        exact("a", clicks=40, spend="1.00", orders=4, sales="100.00"),
        exact("b", clicks=40, spend="100.00", orders=1, sales="10.00"),
        exact("c", clicks=40, spend="9.00", orders=3, sales="30.00"),
        exact("d", clicks=40, spend="0", orders=3, sales="30.00"),
    ]
    plan = bid_changes(
        rows,
        report=REPORT,
        bids=[bid("a", "2.50"), bid("b", "0.15"), bid("c", "1.00"), bid("d", "1.00")],
        rules=BID_RULES,
    )
    new = {c.bid.targeting: c.new_bid for c in plan.changes}
    assert new["a"] == Money("3.00", "USD")  # +50% = 3.75, capped at max_bid
    assert new["b"] == Money("0.10", "USD")  # -50% = 0.075, raised to min_bid
    # 1.00 x 25/30 = 0.8333..., rounded down
    assert new["c"] == Money("0.83", "USD")
    assert new["d"] == Money("1.50", "USD")  # sales without spend: max raise
    words = {c.bid.targeting: c.explanation for c in plan.changes}
    assert "capped at max_bid 3.00 USD" in words["a"]
    assert "raised to min_bid 0.10 USD" in words["b"]
    assert words["d"].startswith("sales without spend")


def test_unbid_targets_are_reported_not_dropped() -> None:
    rows = [exact("a", clicks=40), row("auto term")]
    plan = bid_changes(rows, report=REPORT, bids=[], rules=BID_RULES)
    assert [(u[0], u[2], u[3]) for u in plan.unbid] == [
        ("PH-Auto", "close-match", MatchType.AUTO),
        ("PH-Exact", "a", MatchType.EXACT),
    ]
    assert plan.unbid[1][4].clicks == 40


def test_bid_rules_and_bids_are_checked() -> None:
    with pytest.raises(InvalidInputError) as order:
        BidRules(target_acos="0.2", min_bid=Money(2, "USD"), max_bid=Money(1, "USD"))
    assert order.value.field == "max_bid"
    with pytest.raises(CurrencyMismatchError):
        BidRules(target_acos="0.2", min_bid=Money(1, "USD"), max_bid=Money(2, "EUR"))
    with pytest.raises(InvalidInputError) as whole:
        BidRules(
            target_acos="0.2", min_bid=Money("0.105", "USD"), max_bid=Money(2, "USD")
        )
    assert whole.value.field == "min_bid"
    with pytest.raises(InvalidInputError) as step:
        BidRules(
            target_acos="0.2",
            min_bid=Money(1, "USD"),
            max_bid=Money(2, "USD"),
            max_raise=0,
        )
    assert step.value.field == "max_raise"
    with pytest.raises(InvalidTypeError) as mode:
        BidRules(
            target_acos="0.2",
            min_bid=Money(1, "USD"),
            max_bid=Money(2, "USD"),
            rounding="down",  # type: ignore[arg-type]
        )
    assert mode.value.field == "rounding"
    with pytest.raises(InvalidInputError) as zero:
        bid("a", "0")
    assert zero.value.field == "bid"


def test_bid_changes_refuse_bad_arguments_naming_them() -> None:
    with pytest.raises(InvalidInputError) as duplicate:
        bid_changes(
            [], report=REPORT, bids=[bid("a", "1"), bid("A ", "2")], rules=BID_RULES
        )
    assert duplicate.value.field == "bids[1]"
    with pytest.raises(InvalidTypeError) as kind:
        bid_changes([], report=REPORT, bids=[bid("a", "1"), "b"], rules=BID_RULES)  # type: ignore[list-item]
    assert kind.value.field == "bids[1]"
    euro = Bid(campaign="x", targeting="a", match_type="exact", bid=Money(1, "EUR"))
    with pytest.raises(InvalidInputError) as currency:
        bid_changes([], report=REPORT, bids=[euro], rules=BID_RULES)
    assert currency.value.field == "bids[0].bid"
    with pytest.raises(InvalidTypeError) as rules:
        bid_changes([], report=REPORT, bids=[], rules=None)  # type: ignore[arg-type]
    assert rules.value.field == "rules"
    eur = ReportSemantics(currency="EUR", attribution=WEEK)
    with pytest.raises(InvalidInputError) as mixed:
        bid_changes([], report=eur, bids=[], rules=BID_RULES)
    assert mixed.value.field == "rules.min_bid"


bid_lists = st.lists(
    xst.bids(currency=st.just(USD)), max_size=8, unique_by=lambda b: b.key
)


@given(
    rows_usd,
    bid_lists,
    xst.bid_rules(currency=st.just(USD)),
    st.randoms(use_true_random=False),
)
def test_bid_changes_are_bounded_and_order_free(
    rows: list[SearchTermRow], bids: list[Bid], rules: BidRules, random: object
) -> None:
    plan = bid_changes(rows, report=REPORT, bids=bids, rules=rules)
    assert len(plan.changes) == len(bids)
    for change in plan.changes:
        assert change.new_bid.is_quantized()
        if change.action is BidAction.KEEP:
            assert change.new_bid == change.bid.bid
            continue
        assert rules.min_bid <= change.new_bid <= rules.max_bid
        current = change.bid.bid.amount
        low = max(current * (1 - rules.max_cut), rules.min_bid.amount)
        high = min(current * (1 + rules.max_raise), rules.max_bid.amount)
        unit = USD.minor_unit
        if low <= high:  # the step range and the bounds overlap
            assert low - unit <= change.new_bid.amount <= high + unit
    shuffled_rows, shuffled_bids = list(rows), list(bids)
    random.shuffle(shuffled_rows)  # type: ignore[attr-defined]
    random.shuffle(shuffled_bids)  # type: ignore[attr-defined]
    again = bid_changes(shuffled_rows, report=REPORT, bids=shuffled_bids, rules=rules)
    assert again == plan


@given(st.decimals(min_value="0.01", max_value=10, places=2), st.integers(1, 100))
def test_proportional_bid_moves_toward_the_target(
    bid_amount: Decimal, clicks: int
) -> None:
    rules = BidRules(
        target_acos="0.25",
        min_bid=Money("0.01", "USD"),
        max_bid=Money(100, "USD"),
        min_clicks=1,
        rounding=RoundingMode.HALF_UP,
    )
    high_acos = [exact("t", clicks=clicks, spend="40.00", orders=1, sales="100.00")]
    plan = bid_changes(
        high_acos, report=REPORT, bids=[bid("t", str(bid_amount))], rules=rules
    )
    assert plan.changes[0].new_bid <= Money(bid_amount, "USD")
