from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.kpi import (
    RF_GRID_SEGMENTS,
    UNDEFINED,
    Order,
    Ratio,
    RfmCustomer,
    RfmScoring,
    RfmTable,
    SegmentRule,
    cac,
    cohort_ltv,
    cohort_retention,
    customer_summary,
    ltv_to_cac,
    payback_months,
    rfm,
    simple_ltv,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.serialize import from_data, to_data
from xborder.testing import strategies as xst

EUR = Currency("EUR")
AS_OF = dt.date(2026, 4, 1)


def order(
    who: str, day: str, amount: str = "30", contribution: str | None = None
) -> Order:
    return Order(
        customer=who,
        placed_on=day,
        amount=Money(amount, "EUR"),
        contribution=None if contribution is None else Money(contribution, "EUR"),
    )


HISTORY = [
    order("ana", "2026-01-04", "40", "16"),
    order("ana", "2026-02-11", "40", "16"),
    order("ana", "2026-03-20", "80", "32"),
    order("ben", "2025-11-20", "60", "24"),
    order("ben", "2026-02-01", "55", "22"),
    order("cai", "2026-03-15", "30", "12"),
    order("dee", "2026-01-28", "25", "10"),
    order("eve", "2026-04-02", "99", "40"),  # after as_of: ignored
]

orders_eur = st.lists(
    xst.orders(
        currency=st.just(EUR), dates=st.dates(dt.date(2025, 1, 1), dt.date(2026, 3, 31))
    ),
    max_size=30,
)

# -- orders ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"customer": ""}, "customer", InvalidInputError),
        ({"placed_on": "2026-13-01"}, "placed_on", InvalidInputError),
        ({"placed_on": dt.datetime(2026, 1, 1, 9)}, "placed_on", InvalidTypeError),  # noqa: DTZ001
        ({"amount": Money(-1, "EUR")}, "amount", InvalidInputError),
        ({"amount": Decimal(1)}, "amount", InvalidTypeError),
        ({"contribution": Money(1, "USD")}, "contribution", CurrencyMismatchError),
        ({"order_id": 17}, "order_id", InvalidTypeError),
    ],
)
def test_order_fields_are_checked(
    change: dict[str, object], field: str, error: type[Exception]
) -> None:
    fields: dict[str, object] = {
        "customer": "ana",
        "placed_on": "2026-01-01",
        "amount": Money(10, "EUR"),
    }
    fields.update(change)
    with pytest.raises(error) as caught:
        Order(**fields)  # type: ignore[arg-type]
    assert caught.value.field == field  # type: ignore[attr-defined]


def test_negative_contribution_is_allowed() -> None:
    loss = Order(
        customer="a",
        placed_on="2026-01-01",
        amount=Money(10, "EUR"),
        contribution=Money(-3, "EUR"),
    )
    assert loss.contribution == Money(-3, "EUR")


# -- customer summary ---------------------------------------------------------------


def test_customer_summary_of_a_quarter() -> None:
    q1 = customer_summary(HISTORY, start="2026-01-01", end=AS_OF, currency="EUR")
    assert (q1.customers, q1.new_customers, q1.returning_customers) == (4, 3, 1)
    # ben's November order tells he is not new; only ana orders twice in Q1
    assert (q1.repeat_customers, q1.orders) == (1, 6)
    assert q1.repurchase_rate == Ratio(1, 4)
    assert q1.purchase_frequency.value == Decimal("1.5")
    assert q1.revenue == Money(270, "EUR")
    assert q1.aov.value == Money(45, "EUR")


def test_customer_summary_errors_name_the_order() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        customer_summary(
            [
                *HISTORY[:2],
                Order(customer="x", placed_on="2026-01-01", amount=Money(1, "USD")),
            ],
            start="2026-01-01",
            end=AS_OF,
            currency="EUR",
        )
    assert caught.value.field == "orders[2].amount"
    with pytest.raises(InvalidTypeError) as kind:
        customer_summary(
            [HISTORY[0], ("ana", 1)],  # type: ignore[list-item]
            start="2026-01-01",
            end=AS_OF,
            currency="EUR",
        )
    assert kind.value.field == "orders[1]"
    with pytest.raises(InvalidInputError) as window:
        customer_summary(HISTORY, start=AS_OF, end="2026-01-01", currency="EUR")
    assert window.value.field == "end"
    with pytest.raises(InvalidInputError) as start:
        customer_summary(HISTORY, start="Q1", end=AS_OF, currency="EUR")
    assert start.value.field == "start"


@given(orders_eur, st.randoms(use_true_random=False))
def test_customer_summary_counts_are_consistent(
    orders: list[Order], random: object
) -> None:
    start, end = dt.date(2025, 7, 1), dt.date(2026, 1, 1)
    summary = customer_summary(orders, start=start, end=end, currency="EUR")
    inside = [o for o in orders if start <= o.placed_on < end]
    assert summary.orders == len(inside)
    assert summary.customers == len({o.customer for o in inside})
    assert summary.repeat_customers <= summary.customers
    assert summary.new_customers <= summary.customers
    assert summary.revenue == Money.total((o.amount for o in inside), currency="EUR")
    shuffled = list(orders)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert customer_summary(shuffled, start=start, end=end, currency="EUR") == summary


# -- CAC, LTV, payback ---------------------------------------------------------------


def test_cac_ltv_to_cac_and_simple_payback() -> None:
    cost = cac(acquisition_spend=Money("2100", "USD"), new_customers=10)
    assert cost.value == Money(210, "USD")
    assert cac(acquisition_spend=Money(5, "USD"), new_customers=0).value is UNDEFINED
    ratio = ltv_to_cac(ltv=Money("808.50", "USD"), cac=Money(210, "USD"))
    assert ratio.round(2, RoundingMode.HALF_UP) == Decimal("3.85")
    assert ltv_to_cac(ltv=Money(1, "USD"), cac=Money(0, "USD")).value is UNDEFINED
    assert (
        payback_months(cac=Money(60, "EUR"), monthly_contribution=Money(0, "EUR")).value
        is UNDEFINED
    )
    with pytest.raises(CurrencyMismatchError) as caught:
        ltv_to_cac(ltv=Money(1, "USD"), cac=Money(1, "EUR"))
    assert caught.value.field == "cac"
    with pytest.raises(InvalidInputError) as count:
        cac(acquisition_spend=Money(5, "USD"), new_customers=-1)
    assert count.value.field == "new_customers"


def test_simple_ltv_with_lifespan_or_churn() -> None:
    by_life = simple_ltv(
        average_order_value=Money(49, "USD"),
        orders_per_period=12,
        gross_margin="0.55",
        lifespan_periods="2.5",
    )
    by_churn = simple_ltv(
        average_order_value=Money(49, "USD"),
        orders_per_period=12,
        gross_margin="0.55",
        churn_rate="0.4",
    )
    assert by_life.value == by_churn.value == Money("808.5", "USD")
    assert by_life.revenue_per_period == Money(588, "USD")
    assert by_life.contribution_per_period == Money("323.40", "USD")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lifespan_periods": None}, "lifespan_periods"),
        ({"churn_rate": "0.5"}, "lifespan_periods"),
        ({"lifespan_periods": None, "churn_rate": 0}, "churn_rate"),
        ({"lifespan_periods": None, "churn_rate": "1.5"}, "churn_rate"),
        ({"gross_margin": "55"}, "gross_margin"),
        ({"orders_per_period": -1}, "orders_per_period"),
        ({"orders_per_period": 1.5}, "orders_per_period"),
        ({"lifespan_periods": -2}, "lifespan_periods"),
    ],
)
def test_simple_ltv_inputs_are_checked(change: dict[str, object], field: str) -> None:
    fields: dict[str, object] = {
        "average_order_value": Money(49, "USD"),
        "orders_per_period": 12,
        "gross_margin": "0.55",
        "lifespan_periods": 2,
    }
    fields.update(change)
    with pytest.raises(InvalidInputError) as caught:
        simple_ltv(**fields)  # type: ignore[arg-type]
    assert caught.value.field == field


# -- cohorts -----------------------------------------------------------------------


def test_cohort_retention_table() -> None:
    table = cohort_retention(HISTORY, as_of=AS_OF)
    rows = [(c.label, c.size, c.active) for c in table.cohorts]
    assert rows == [
        ("2025-11", 1, (1, 0, 0, 1, 0)),
        ("2026-01", 2, (2, 1, 1)),
        ("2026-03", 1, (1,)),
    ]
    assert table.cohorts[1].retention[1] == Ratio(1, 2)
    # month 1 pools November (0 of 1) and January (1 of 2)
    assert table.retention(1) == Ratio(1, 3)
    assert table.retention(7).value is UNDEFINED


def test_cohort_ltv_and_payback() -> None:
    table = cohort_ltv(HISTORY, as_of=AS_OF, currency="EUR")
    january = table.cohorts[1]
    assert january.label == "2026-01"
    assert january.revenue == (Money(65, "EUR"), Money(40, "EUR"), Money(80, "EUR"))
    assert [v.value for v in january.ltv] == [
        Money(13, "EUR"),
        Money(21, "EUR"),
        Money(37, "EUR"),
    ]
    assert january.payback(Money(20, "EUR")).months_after_first_order == 1
    never = january.payback(Money(50, "EUR"))
    assert never.months_after_first_order is None
    assert never.observed_months == 3
    # month 0 pools every cohort: (24 + 16 + 10 + 12) / 4 customers
    assert table.ltv(0).value == Money("15.5", "EUR")
    # month 2 only November and January: (24 + 64 + 10) / 3
    assert table.ltv(2) == table.ltv(2).__class__(amount=Money(98, "EUR"), count=3)
    with pytest.raises(InvalidInputError) as missing:
        cohort_ltv([order("a", "2026-01-01")], as_of=AS_OF, currency="EUR")
    assert missing.value.field == "orders[0].contribution"
    with pytest.raises(InvalidInputError) as margin:
        cohort_ltv(HISTORY, as_of=AS_OF, currency="EUR", gross_margin=2)
    assert margin.value.field == "gross_margin"
    with pytest.raises(InvalidInputError) as day:
        cohort_retention(HISTORY, as_of="April")
    assert day.value.field == "as_of"


@given(orders_eur, st.randoms(use_true_random=False))
def test_cohorts_partition_customers_and_ignore_order(
    orders: list[Order], random: object
) -> None:
    table = cohort_retention(orders, as_of=AS_OF)
    assert sum(c.size for c in table.cohorts) == len({o.customer for o in orders})
    for cohort in table.cohorts:
        assert cohort.active[0] == cohort.size
        assert all(0 <= n <= cohort.size for n in cohort.active)
    values = cohort_ltv(orders, as_of=AS_OF, currency="EUR", gross_margin="0.4")
    revenue = sum((m.amount for c in values.cohorts for m in c.revenue), Decimal(0))
    assert revenue == sum((o.amount.amount for o in orders), Decimal(0))
    assert [c.size for c in values.cohorts] == [c.size for c in table.cohorts]
    shuffled = list(orders)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert cohort_retention(shuffled, as_of=AS_OF) == table


# -- RFM ---------------------------------------------------------------------------


def test_rfm_with_fixed_edges_and_segments() -> None:
    scoring = RfmScoring(
        recency_days=(30, 60, 90, 180),
        frequency=(2, 3, 4, 5),
        monetary=(50, 100, 150, 200),
    )
    table = rfm(HISTORY, as_of=AS_OF, currency="EUR", scoring=scoring)
    found = {
        c.customer: (c.recency_days, c.frequency, str(c.monetary), c.code, c.segment)
        for c in table.customers
    }
    assert found == {
        "ana": (12, 3, "160 EUR", "534", "potential loyalists"),
        "ben": (59, 2, "115 EUR", "423", "potential loyalists"),
        "cai": (17, 1, "30 EUR", "511", "new"),
        "dee": (63, 1, "25 EUR", "311", "about to sleep"),
    }
    assert table.segment_sizes() == {
        "potential loyalists": 2,
        "about to sleep": 1,
        "new": 1,
    }
    assert [c.customer for c in table.in_segment("new")] == ["cai"]


def test_rfm_window_and_custom_segments() -> None:
    rules = [SegmentRule(name="vip", recency=(3, 5), frequency=(2, 5))]
    table = rfm(
        HISTORY,
        as_of=AS_OF,
        currency="EUR",
        since="2026-01-01",
        scoring=RfmScoring(bins=3),
        segments=rules,
    )
    by_name = {c.customer: c for c in table.customers}
    assert by_name["ben"].frequency == 1  # the November order is before `since`
    assert by_name["ana"].segment == "vip"
    assert by_name["dee"].segment is None
    assert table.in_segment(None)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: RfmScoring(bins=1), "bins"),
        (lambda: RfmScoring(bins=5, frequency=(1, 2)), "frequency"),
        (lambda: RfmScoring(bins=3, recency_days=(30, 10)), "recency_days"),
        (lambda: RfmScoring(bins=3, monetary=(10, "x")), "monetary[1]"),
        (lambda: RfmScoring(bins=3, monetary="10"), "monetary"),
        (lambda: SegmentRule(name="x", recency=(3, 1), frequency=(1, 5)), "recency"),
        (lambda: SegmentRule(name="x", recency=(1, 5), frequency=[1, 5]), "frequency"),  # type: ignore[arg-type]
    ],
)
def test_rfm_settings_are_checked(build: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        build()  # type: ignore[operator]
    assert caught.value.field == field


def test_rfm_arguments_are_checked() -> None:
    with pytest.raises(InvalidTypeError) as scoring:
        rfm(HISTORY, as_of=AS_OF, currency="EUR", scoring=5)  # type: ignore[arg-type]
    assert scoring.value.field == "scoring"
    with pytest.raises(InvalidTypeError) as segments:
        rfm(HISTORY, as_of=AS_OF, currency="EUR", segments=["vip"])  # type: ignore[list-item]
    assert segments.value.field == "segments[0]"
    with pytest.raises(CurrencyMismatchError) as currency:
        rfm(HISTORY, as_of=AS_OF, currency="USD")
    assert currency.value.field == "orders[0].amount"
    with pytest.raises(InvalidInputError) as since:
        rfm(HISTORY, as_of=AS_OF, currency="EUR", since="soon")
    assert since.value.field == "since"


def test_the_default_grid_gives_every_five_bin_score_a_segment() -> None:
    for r in range(1, 6):
        for f in range(1, 6):
            matches = [rule.name for rule in RF_GRID_SEGMENTS if rule.matches(r, f, 3)]
            assert len(matches) == 1, (r, f, matches)


@given(orders_eur, xst.rfm_scorings())
def test_rfm_scores_are_in_range_and_monotone(
    orders: list[Order], scoring: RfmScoring
) -> None:
    table = rfm(orders, as_of=AS_OF, currency="EUR", scoring=scoring)
    customers = table.customers
    for c in customers:
        assert 1 <= c.r <= scoring.bins
        assert 1 <= c.f <= scoring.bins
        assert 1 <= c.m <= scoring.bins
        assert c.recency_days >= 1
    for a in customers:
        for b in customers:
            if a.recency_days <= b.recency_days:
                assert a.r >= b.r
            if a.frequency >= b.frequency:
                assert a.f >= b.f
            if a.monetary.amount >= b.monetary.amount:
                assert a.m >= b.m


@given(orders_eur.filter(bool), st.data())
def test_another_order_never_lowers_a_customers_scores(
    orders: list[Order], data: st.DataObject
) -> None:
    scoring = data.draw(xst.rfm_scorings())
    before = {
        c.customer: c
        for c in rfm(orders, as_of=AS_OF, currency="EUR", scoring=scoring).customers
    }
    who = data.draw(st.sampled_from(sorted(before)))
    extra = Order(
        customer=who,
        placed_on=before[who].last_order,
        amount=data.draw(
            xst.money_values(currency=st.just(EUR), min_value=0, max_value=1000)
        ),
    )
    after = {
        c.customer: c
        for c in rfm(
            [*orders, extra], as_of=AS_OF, currency="EUR", scoring=scoring
        ).customers
    }
    assert after[who].r == before[who].r
    assert after[who].f >= before[who].f
    assert after[who].m >= before[who].m


def _members_by_scan(table: RfmTable, name: object) -> tuple[RfmCustomer, ...]:
    """A segment's customers by a linear scan (what ``in_segment`` did)."""
    members = [c for c in table.customers if c.segment == name]
    members.sort(key=lambda c: (-c.monetary.amount, c.customer))
    return tuple(members)


@given(xst.rfm_tables())
def test_a_segment_looked_up_by_name_is_the_segment_a_scan_finds(
    table: RfmTable,
) -> None:
    names = [*table.segment_sizes(), "no such segment", None]
    for name in names * 2:  # the second round reads the grouping kept
        assert table.in_segment(name) == _members_by_scan(table, name)
    assert table.in_segment(["not", "a", "name"]) == ()  # type: ignore[arg-type]


def test_the_kept_segments_are_left_out_of_equality_repr_and_data() -> None:
    used = rfm(HISTORY, as_of=AS_OF, currency="EUR")
    fresh = rfm(HISTORY, as_of=AS_OF, currency="EUR")
    assert used.in_segment("new") == fresh.in_segment("new")  # groups ``used``
    assert used == rfm(HISTORY, as_of=AS_OF, currency="EUR")
    assert hash(used) == hash(fresh)
    assert repr(used) == repr(rfm(HISTORY, as_of=AS_OF, currency="EUR"))
    assert "segments" not in to_data(used)  # type: ignore[operator]
    assert from_data(RfmTable, to_data(used)) == used
