"""Strategies for the customer models (private; see xborder.testing.strategies)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.kpi import (
    Cohort,
    CohortValue,
    CustomerSummary,
    LtvTable,
    Order,
    Payback,
    RetentionTable,
    RfmCustomer,
    RfmScoring,
    RfmTable,
    SegmentRule,
    SimpleLtv,
    cohort_ltv,
    cohort_retention,
    customer_summary,
    rfm,
    simple_ltv,
)
from xborder.testing.strategies._core import currencies, money_values

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.money import Currency, Money

__all__ = [
    "cohort_values",
    "cohorts",
    "customer_summaries",
    "ltv_tables",
    "orders",
    "paybacks",
    "retention_tables",
    "rfm_customers",
    "rfm_scorings",
    "rfm_tables",
    "segment_rules",
    "simple_ltvs",
]

_FIRST = dt.date(2020, 1, 1)
_LAST = dt.date(2030, 12, 31)
_FRACTIONS = st.decimals(
    min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False
)


def _currency(
    strategy: st.SearchStrategy[Currency] | None,
) -> st.SearchStrategy[Currency]:
    return currencies() if strategy is None else strategy


def _amounts(currency: Currency, high: int = 10**7) -> st.SearchStrategy[Money]:
    return money_values(currency=st.just(currency), min_value=0, max_value=high)


def orders(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    customers: st.SearchStrategy[str] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[Order]:
    """Orders, with a contribution (any sign) half the time.

    Args:
        currency: Where to draw the currency from.
        customers: Customer keys (a few, so customers repeat).
        dates: Order days (2020–2030 by default).
    """
    who = (
        st.sampled_from([f"c{i}" for i in range(8)]) if customers is None else customers
    )
    days = st.dates(_FIRST, _LAST) if dates is None else dates

    def build(c: Currency) -> st.SearchStrategy[Order]:
        return st.builds(
            lambda customer, day, amount, margin: Order(
                customer=customer, placed_on=day, amount=amount,
                contribution=None if margin is None else amount * margin,
            ),
            who, days, _amounts(c, 10**5),
            st.none() | st.decimals(min_value=-1, max_value=1, places=2),
        )  # fmt: skip

    return _currency(currency).flatmap(build)


def _orders_in(c: Currency) -> st.SearchStrategy[list[Order]]:
    return st.lists(
        orders(
            currency=st.just(c),
            dates=st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ),
        max_size=15,
    )


_AS_OF = dt.date(2026, 1, 1)


def customer_summaries() -> st.SearchStrategy[CustomerSummary]:
    """Summaries of drawn orders over the second half of 2025."""
    return currencies().flatmap(
        lambda c: _orders_in(c).map(
            lambda records: customer_summary(
                records, start="2025-07-01", end=_AS_OF, currency=c
            )
        )
    )


def retention_tables() -> st.SearchStrategy[RetentionTable]:
    """Retention tables of drawn orders."""
    return currencies().flatmap(
        lambda c: _orders_in(c).map(lambda o: cohort_retention(o, as_of=_AS_OF))
    )


def cohorts() -> st.SearchStrategy[Cohort]:
    """Cohorts of drawn retention tables."""
    return (
        retention_tables()
        .map(lambda t: t.cohorts)
        .filter(bool)
        .flatmap(st.sampled_from)
    )


def ltv_tables() -> st.SearchStrategy[LtvTable]:
    """Cohort LTV tables of drawn orders (orders without a contribution use 40%)."""
    return currencies().flatmap(
        lambda c: _orders_in(c).map(
            lambda o: cohort_ltv(o, as_of=_AS_OF, currency=c, gross_margin="0.4")
        )
    )


def cohort_values() -> st.SearchStrategy[CohortValue]:
    """Cohorts of drawn LTV tables."""
    return ltv_tables().map(lambda t: t.cohorts).filter(bool).flatmap(st.sampled_from)


def paybacks() -> st.SearchStrategy[Payback]:
    """Paybacks of drawn cohorts against a drawn CAC."""
    return cohort_values().flatmap(
        lambda v: _amounts(v.revenue[0].currency, 1000).map(v.payback)
    )


def simple_ltvs() -> st.SearchStrategy[SimpleLtv]:
    """Simple LTVs from drawn factors."""
    return currencies().flatmap(
        lambda c: st.builds(
            lambda aov, freq, margin, life: simple_ltv(
                average_order_value=aov, orders_per_period=freq,
                gross_margin=margin, lifespan_periods=life,
            ),
            _amounts(c, 10**4),
            st.decimals(min_value=0, max_value=50, places=2),
            _FRACTIONS,
            st.decimals(min_value=0, max_value=20, places=1),
        )
    )  # fmt: skip


def rfm_scorings() -> st.SearchStrategy[RfmScoring]:
    """Percentile scorings of 2–10 bins, sometimes with fixed edges."""

    def build(bins: int) -> st.SearchStrategy[RfmScoring]:
        def edges(high: int) -> st.SearchStrategy[list[int]]:
            return st.lists(
                st.integers(0, high), min_size=bins - 1, max_size=bins - 1, unique=True
            ).map(sorted)

        return st.builds(
            lambda r, f, m: RfmScoring(
                bins=bins, recency_days=r, frequency=f,
                monetary=None if m is None else [Decimal(v) for v in m],
            ),
            st.none() | edges(720),
            st.none() | edges(50),
            st.none() | edges(10_000),
        )  # fmt: skip

    return st.integers(2, 10).flatmap(build)


def segment_rules() -> st.SearchStrategy[SegmentRule]:
    """Segment rules over 1–5 scores."""
    ranges = st.tuples(st.integers(1, 5), st.integers(1, 5)).map(
        lambda pair: (min(pair), max(pair))
    )
    return st.builds(
        lambda name, r, f, m: SegmentRule(
            name=name, recency=r, frequency=f, monetary=m
        ),
        st.sampled_from(["vip", "lapsed", "new", "other"]),
        ranges,
        ranges,
        ranges,
    )


def rfm_tables() -> st.SearchStrategy[RfmTable]:
    """RFM tables of drawn orders and scorings."""
    return currencies().flatmap(
        lambda c: st.builds(
            lambda records, scoring: rfm(
                records, as_of=_AS_OF, currency=c, scoring=scoring
            ),
            _orders_in(c),
            rfm_scorings(),
        )
    )


def rfm_customers() -> st.SearchStrategy[RfmCustomer]:
    """Customers of drawn RFM tables."""
    return rfm_tables().map(lambda t: t.customers).filter(bool).flatmap(st.sampled_from)


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Order: orders,
    CustomerSummary: customer_summaries,
    RetentionTable: retention_tables,
    Cohort: cohorts,
    LtvTable: ltv_tables,
    CohortValue: cohort_values,
    Payback: paybacks,
    SimpleLtv: simple_ltvs,
    RfmScoring: rfm_scorings,
    SegmentRule: segment_rules,
    RfmTable: rfm_tables,
    RfmCustomer: rfm_customers,
}
"""The strategy each customer model resolves to under ``st.from_type``."""
