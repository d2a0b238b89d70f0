"""KPI benchmarks: a 1,000,000-row search-term report and 1,000,000 orders.

Each case times xborder against a hand-written single-pass loop over the
same rows in the same run (the issue's goal: at most 3x). The rows are built
once as a pool of distinct records and streamed ten times through
``itertools.chain``, so both sides read the same 1,000,000 rows while the
pool stays in memory only once.

The full run also measures, with ``tracemalloc``, the peak memory each
xborder call allocates while streaming (the pool was built before tracing
starts, so it is not counted): it must not grow with the number of rows, only
with the number of groups (search terms, customers). Peaks are printed in
the case names. ``--quick`` uses 1,000 rows and skips the memory runs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import tracemalloc
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from _harness import Case
from xborder._exact import DIVISION, EXACT
from xborder.kpi import (
    AttributionWindow,
    Grouping,
    HarvestRules,
    MatchType,
    Order,
    ReportSemantics,
    SearchTermRow,
    breakdown,
    harvest,
    rfm,
    summarize,
)
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

REPORT = ReportSemantics(currency="USD", attribution=AttributionWindow(click_days=7))
RULES = HarvestRules(target_acos="0.30")
AS_OF = dt.date(2026, 1, 1)
TARGET = Decimal("0.30")
CTR_FLOOR = Decimal("0.0015")


def _report_rows(count: int, rng: random.Random) -> list[SearchTermRow]:
    amounts = [
        Money(Decimal(rng.randint(0, 5000)).scaleb(-2), "USD") for _ in range(500)
    ]
    nothing = Money(0, "USD")
    terms = [f"phone holder {i}" for i in range(max(count // 5, 1))]
    kinds = [MatchType.AUTO, MatchType.BROAD, MatchType.PHRASE, MatchType.EXACT]
    rows = []
    for index in range(count):
        impressions = rng.randint(1, 2000)
        clicks = rng.randint(0, min(impressions, 40))
        orders = rng.randint(0, max(clicks // 5, 0))
        rows.append(
            SearchTermRow(
                campaign=f"Campaign {index % 20}",
                ad_group=f"Group {index % 3}",
                targeting="close-match",
                match_type=kinds[index % 4],
                search_term=rng.choice(terms),
                impressions=impressions,
                clicks=clicks,
                spend=rng.choice(amounts),
                orders=orders,
                sales=rng.choice(amounts) if orders else nothing,
            )
        )
    return rows


def _orders(count: int, rng: random.Random) -> list[Order]:
    amounts = [
        Money(Decimal(rng.randint(500, 20000)).scaleb(-2), "EUR") for _ in range(500)
    ]
    days = [AS_OF - dt.timedelta(days=d) for d in range(1, 731)]
    customers = [f"customer-{i}" for i in range(max(count // 4, 1))]
    return [
        Order(
            customer=rng.choice(customers),
            placed_on=rng.choice(days),
            amount=rng.choice(amounts),
        )
        for _ in range(count)
    ]


# -- hand-written single-pass baselines -----------------------------------------------


def _bare_kpis(rows: Iterator[SearchTermRow]) -> tuple[Decimal | None, ...]:
    impressions = clicks = orders = 0
    spend = sales = Decimal(0)
    with localcontext(EXACT):
        for row in rows:
            impressions += row.impressions
            clicks += row.clicks
            orders += row.orders
            spend += row.spend.amount
            sales += row.sales.amount

    def div(a: Decimal | int, b: Decimal | int) -> Decimal | None:
        return DIVISION.divide(a, b) if b else None

    return (
        div(clicks, impressions),
        div(spend, clicks),
        div(spend * 1000, impressions),
        div(orders, clicks),
        div(spend, sales),
        div(sales, spend),
    )


def _normalizer() -> Callable[[str], str]:
    seen: dict[str, str] = {}

    def normal(term: str) -> str:
        found = seen.get(term)
        if found is None:
            found = seen[term] = " ".join(term.casefold().split())
        return found

    return normal


_Key = tuple[str, str | None, str]


class _Sums:
    __slots__ = ("clicks", "impressions", "orders", "sales", "spend")

    def __init__(self, row: SearchTermRow) -> None:
        self.impressions = row.impressions
        self.clicks = row.clicks
        self.orders = row.orders
        self.spend = row.spend.amount
        self.sales = row.sales.amount


def _bare_groups(
    rows: Iterator[SearchTermRow], sources: frozenset[MatchType] | None
) -> dict[_Key, _Sums]:
    normal = _normalizer()
    groups: dict[_Key, _Sums] = {}
    with localcontext(EXACT):
        for row in rows:
            if sources is not None and row.match_type not in sources:
                continue
            key = (row.campaign, row.ad_group, normal(row.search_term))
            sums = groups.get(key)
            if sums is None:
                groups[key] = _Sums(row)
            else:
                sums.impressions += row.impressions
                sums.clicks += row.clicks
                sums.orders += row.orders
                sums.spend += row.spend.amount
                sums.sales += row.sales.amount
    return groups


def _sorted(groups: dict[_Key, _Sums]) -> list[_Key]:
    return sorted(groups, key=lambda k: (k[0], k[1] or "", k[2]))


def _bare_breakdown(rows: Iterator[SearchTermRow]) -> list[tuple[_Key, _Sums]]:
    groups = _bare_groups(rows, None)
    return [(key, groups[key]) for key in _sorted(groups)]


def _verdict(sums: _Sums) -> str:
    if sums.orders:
        within = sums.spend <= sums.sales * TARGET
        return "promote" if sums.sales and within and sums.orders >= 2 else "keep"
    floor = sums.impressions * CTR_FLOOR
    low_ctr = sums.impressions >= 1000 and sums.clicks <= floor
    return "negate" if sums.clicks >= 10 or low_ctr else "keep"


def _bare_harvest(rows: Iterator[SearchTermRow]) -> list[tuple[_Key, str]]:
    groups = _bare_groups(rows, RULES.sources)
    return [(key, _verdict(groups[key])) for key in _sorted(groups)]


class _Facts:
    __slots__ = ("last", "orders", "total")

    def __init__(self, order: Order) -> None:
        self.last, self.orders, self.total = order.placed_on, 1, order.amount.amount


def _percentile(values: list[int] | list[Decimal], value: int | Decimal) -> int:
    return 1 + 5 * bisect.bisect_left(values, value) // len(values)


def _bare_rfm(orders: Iterator[Order]) -> list[tuple[str, int, int, int]]:
    facts: dict[str, _Facts] = {}
    with localcontext(EXACT):
        for order in orders:
            known = facts.get(order.customer)
            if known is None:
                facts[order.customer] = _Facts(order)
            else:
                known.last = max(known.last, order.placed_on)
                known.orders += 1
                known.total += order.amount.amount
    keys = sorted(facts)
    recency = [(AS_OF - facts[k].last).days for k in keys]
    frequency = [facts[k].orders for k in keys]
    monetary = [facts[k].total for k in keys]
    n = len(keys)
    by_recency = sorted(recency)
    by_frequency, by_money = sorted(frequency), sorted(monetary)
    return [
        (
            key,
            1 + 5 * (n - bisect.bisect_right(by_recency, recency[i])) // n,
            _percentile(by_frequency, frequency[i]),
            _percentile(by_money, monetary[i]),
        )
        for i, key in enumerate(keys)
    ]


# -- memory ----------------------------------------------------------------------------


def _memory(call: Callable[[], object]) -> str:
    """Peak MiB allocated by ``call`` and how many groups it kept."""
    tracemalloc.start()
    try:
        result = call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    groups = getattr(result, "decisions", getattr(result, "customers", result))
    kept = f", {len(groups):,} groups" if isinstance(groups, tuple) else ""
    return f"peak {peak / 2**20:.1f} MiB{kept}"


def cases(*, quick: bool) -> list[Case]:
    """The KPI cases; ``quick`` scales the inputs down to 1,000 rows."""
    rng = random.Random(20260701)
    pool_size, repeats = (1000, 1) if quick else (100_000, 10)
    rows = _report_rows(pool_size, rng)
    orders = _orders(pool_size, rng)
    total = pool_size * repeats

    def report() -> Iterator[SearchTermRow]:
        return itertools.chain.from_iterable(itertools.repeat(rows, repeats))

    def order_stream() -> Iterator[Order]:
        return itertools.chain.from_iterable(itertools.repeat(orders, repeats))

    subjects: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        (
            f"summarize + kpis, {total:,} report rows",
            lambda: summarize(report(), report=REPORT).kpis(),
            lambda: _bare_kpis(report()),
        ),
        (
            f"breakdown by search term, {total:,} rows",
            lambda: breakdown(report(), report=REPORT, by=Grouping.SEARCH_TERM),
            lambda: _bare_breakdown(report()),
        ),
        (
            f"harvest, {total:,} rows",
            lambda: harvest(report(), report=REPORT, rules=RULES),
            lambda: _bare_harvest(report()),
        ),
        (
            f"rfm, {total:,} orders",
            lambda: rfm(order_stream(), as_of=AS_OF, currency="EUR"),
            lambda: _bare_rfm(order_stream()),
        ),
    ]
    result = []
    for name, subject, baseline in subjects:
        label = name if quick else f"{name} ({_memory(subject)})"
        result.append(
            Case(
                label, subject, baseline, "hand-written one-pass loop", goal=3, number=1
            )
        )
    return result
