"""Case A's terminal report: the phone-holder seller (private; pure).

Each section mirrors a step of Tutorial A and ends with what the numbers say.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._report._text import heading, money, number, percent, table
from xborder.examples import case_a
from xborder.fx import convert
from xborder.kpi import MoneyRatio, Ratio
from xborder.money import Money, RoundingMode

if TYPE_CHECKING:
    from xborder.examples.case_a import CaseA
    from xborder.logistics import Assessment, Comparison

__all__ = ["render"]

_HALF_UP = RoundingMode.HALF_UP


def render(*, locale: str = "en_US") -> str:
    """Case A as text, every amount formatted for ``locale``."""
    show = _Show(locale)
    result = case_a.run()
    lines = [
        (
            "xborder worked case A: a Shenzhen seller of phone holders on a global "
            "marketplace"
        ),
        f"Illustrative data as of {case_a.DAY}; amounts formatted for {locale}.",
        f"A holder costs {show(case_a.UNIT_COST)} ex works.",
    ]
    for section in (
        _currencies,
        _landed,
        _logistics,
        _prices,
        _advertising,
        _stock,
        _store,
    ):
        lines += section(result, show)
    return "\n".join(lines)


class _Show:
    """Formats amounts and ratios for one locale, rounding half-up first."""

    def __init__(self, locale: str) -> None:
        money(Money(0, "USD"), locale)  # refuse an unknown locale before any work
        self.locale = locale

    def __call__(self, amount: Money) -> str:
        return money(amount.quantize(_HALF_UP), self.locale)

    def per(self, ratio: MoneyRatio) -> str:
        """An amount per something (CPC, AOV), or "undefined" over nothing."""
        value = ratio.value
        return self(value) if isinstance(value, Money) else "undefined"

    def figure(self, value: Decimal, places: int | None = None) -> str:
        """A number with the locale's separators (``0,8650`` / ``0.8650``).

        Its own digits are kept (an FX rate's ``0.8650`` keeps its zero);
        with ``places``, rounded half-up to at most that many decimals
        (``13.6`` days, ``4`` days).
        """
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places), rounding=_HALF_UP)
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
        return number(
            value, self.locale, places=max(0, -int(value.as_tuple().exponent))
        )

    def count(self, value: int | Decimal) -> str:
        """A whole count with the locale's grouping (``1,442`` / ``1.442``)."""
        return number(Decimal(value), self.locale, places=0)

    def pct(self, value: object, places: int = 1) -> str:
        """A ratio (Decimal, KPI ``Ratio`` or undefined) as a percentage."""
        ratio = value.value if isinstance(value, Ratio) else value
        if not isinstance(ratio, Decimal):
            return "undefined"  # a KPI over nothing, never a silent 0%
        return percent(ratio, places, locale=self.locale)


_HOME_LOCALES = (
    ("USD", "en_US"),
    ("EUR", "de_DE"),
    ("GBP", "en_GB"),
    ("JPY", "ja_JP"),
    ("CNY", "zh_CN"),
)


def _currencies(result: CaseA, show: _Show) -> list[str]:
    del result  # each amount below is shown the way its own market writes it
    rates = [f"  1 {r.base} = {show.figure(r.rate)} {r.quote}" for r in case_a.FX.rates]
    rows = [["currency", "locale", "one holder", "a carton of 100"]]
    carton = case_a.UNIT_COST * case_a.UNITS_PER_CARTON
    for code, locale in _HOME_LOCALES:
        unit, boxed = (
            convert(amount, code, table=case_a.FX, rounding=_HALF_UP)
            for amount in (case_a.UNIT_COST, carton)
        )
        rows.append([code, locale, money(unit, locale), money(boxed, locale)])
    return [
        *heading("0. The holder's cost in each market's currency"),
        f"  FX as of {case_a.DAY} ({case_a.SOURCE}):",
        *rates,
        *table(rows, right=(2, 3)),
        "  Each amount is converted once and rounded once (half-up), and",
        "  written the way its own market writes money.",
    ]


def _landed(result: CaseA, show: _Show) -> list[str]:
    rows = [["market", "landed total", "duty", "import VAT", "per unit", "net of VAT"]]
    for country, landed in result.landed.items():
        totals = landed.totals
        rows.append(
            [
                country,
                show(landed.total),
                show(totals.duty + totals.additional_duties),
                show(totals.taxes),
                show(landed.lines[0].landed_cost_per_unit),
                show(result.unit_costs[country]),
            ]
        )
    return [
        *heading("1. Landed cost of a month's stock (500 holders by air, DDP)"),
        *table(rows, right=range(1, 6)),
        "  Import VAT is recovered by a VAT-registered importer, so prices are",
        "  set from the cost net of it.",
        *_dearest(result, show),
    ]


def _dearest(result: CaseA, show: _Show) -> list[str]:
    """Which market costs most to land in, compared in US dollars, and why."""
    in_usd = {
        country: convert(cost, "USD", table=case_a.FX, rounding=_HALF_UP)
        for country, cost in result.unit_costs.items()
    }
    dearest = max(in_usd, key=lambda country: in_usd[country])
    others = ", ".join(
        f"{country} {show(cost)}"
        for country, cost in in_usd.items()
        if country != dearest
    )
    totals = result.landed[dearest].totals
    duties = totals.duty + totals.additional_duties
    share = duties.amount / totals.landed_cost.amount
    return [
        f"  In dollars, net of VAT, {dearest} is the dearest market to land in:",
        f"  {show(in_usd[dearest])} a unit against {others};",
        f"  its duties, {show(duties)}, are {show.pct(share)} of its landed total.",
    ]


def _logistics(result: CaseA, show: _Show) -> list[str]:
    comparison = result.logistics
    front = {option.name for option in comparison.front}
    rows = [["", "option", "expected cost", "P50 days", "P90 days", "reliability"]]
    rows += [
        [
            "*" if assessment.name in front else "",
            assessment.name,
            show(assessment.expected_cost),
            show.figure(assessment.p50_days, 1),
            show.figure(assessment.p90_days, 1),
            show.pct(assessment.reliability),
        ]
        for assessment in sorted(comparison.assessments, key=lambda a: a.expected_cost)
    ]
    beaten = [_beaten(d.by, d.option, show) for d in comparison.dominated]
    return [
        *heading(
            f"2. Reaching a US buyer with a {case_a.PROMISED_DAYS}-day promise "
            "(* Pareto front)"
        ),
        *table(rows, right=range(2, 6)),
        *beaten,
        "  Expected cost = freight + carrying cost + expected loss + expected",
        "  lateness.",
        *_all_rounder(comparison),
    ]


def _all_rounder(comparison: Comparison) -> list[str]:
    """The front option that beats the most others on every count, if one does."""
    wins: dict[str, int] = {}
    for dominated in comparison.dominated:
        wins[dominated.by.name] = wins.get(dominated.by.name, 0) + 1
    if not wins:
        return ["  No option beats another on every count: each is a trade-off."]
    best = max(wins.values())
    leaders = [name for name, count in wins.items() if count == best]
    if len(leaders) > 1:
        return [f"  {' and '.join(leaders)} each beat {best} options on every count."]
    beaten = "option" if best == 1 else "options"
    return [f"  {leaders[0]} beats the most options on every count: {best} {beaten}."]


def _prices(result: CaseA, show: _Show) -> list[str]:
    rows = [["market", "price", "VAT", "contribution", "margin"]]
    for country, priced in result.prices.items():
        economics = priced.economics  # solved on a listing: never None
        rows.append(
            [
                case_a.MARKETPLACES[country],
                show(priced.price),
                show(economics.tax),
                show(economics.contribution),
                show.pct(economics.margin),
            ]
        )
    us = result.prices["US"].economics
    waterfall = []
    if us is not None:
        waterfall = [
            f"  Where {show(us.price)} goes on Amazon.com:",
            *table(
                [["Price", show(us.price)]]
                + [[line.label, _signed(line.amount, show)] for line in us.lines]
                + [["Contribution", show(us.contribution)]],
                right=(1,),
            ),
        ]
    target = show.pct(Decimal(case_a.TARGET_MARGIN), 0)
    return [
        *heading(f"3. Prices for a {target} margin after ads, ending in .99"),
        *table(rows, right=range(1, 5)),
        *waterfall,
    ]


def _signed(cost: Money, show: _Show) -> str:
    """A waterfall line as it moves the price: a cost down, a credit up."""
    return "+" + show(-cost) if cost.is_negative() else "-" + show(cost)


def _advertising(result: CaseA, show: _Show) -> list[str]:
    stats = result.ads
    kpis = {
        "CTR": show.pct(stats.ctr, 2),
        "CPC": show.per(stats.cpc),
        "CVR": show.pct(stats.cvr, 2),
        "ACOS": show.pct(stats.acos, 2),
        "ROAS": show.figure(stats.roas.value_or(Decimal(0)), 2),
    }
    lines = [
        *heading("4. Advertising on Amazon.com (last week, 7-day attribution)"),
        (
            f"  break-even ACOS {show.pct(result.break_even_acos, 2)}; target ACOS "
            f"{show.pct(result.target_acos, 2)} (keep "
            f"{show.pct(case_a.KEEP_AFTER_ADS, 0)} of an ad-driven sale); "
            f"max CPC {show(result.max_cpc)}"
        ),
        "  " + ", ".join(f"{name} {value}" for name, value in kpis.items()),
        *_acos_verdict(result),
        "  Search terms:",
    ]
    lines += [
        f"    {decision.action:<8} {decision.search_term:<26} {decision.reason}"
        for decision in result.harvest.decisions
    ]
    lines.append("  Exact-match bids:")
    lines += [
        f"    {change.action:<8} {change.bid.targeting:<26} "
        f"{show(change.bid.bid)} -> {show(change.new_bid)}"
        for change in result.bids.changes
    ]
    return lines


def _acos_verdict(result: CaseA) -> list[str]:
    """Where the account's ACOS sits against the target and break-even."""
    acos = result.ads.acos.value_or(None)
    if acos is None:
        return ["  No ad sales last week: ACOS is undefined, so nothing to judge."]
    if acos > result.break_even_acos:
        verdict = "above break-even (each ad-driven sale loses money)"
    elif acos > result.target_acos:
        verdict = "above target, below break-even (ads pay, the margin does not)"
    else:
        return ["  The account's ACOS is within target: keep bids where they are."]
    return [
        f"  The account's ACOS is {verdict}.",
        "  Harvest the terms that convert cheaply, cut the rest, and bid no more",
        "  than a click is worth.",
    ]


def _beaten(better: Assessment, worse: Assessment, show: _Show) -> str:
    """Why an option is dominated, each figure written for the locale.

    The same comparison as ``Dominated.reasons``, whose text is plain
    (``4.30 USD``, ``0.996``); here amounts, days and reliabilities read as
    the table above them does.
    """
    cost = "cheaper" if better.expected_cost < worse.expected_cost else "costs the same"
    time = "faster" if better.p90_days < worse.p90_days else "as fast"
    sure = "more reliable" if better.reliability > worse.reliability else "as reliable"
    return (
        f"  {worse.name} is beaten by {better.name}:"
        f" {cost}: expected {show(better.expected_cost)}"
        f" vs {show(worse.expected_cost)};"
        f" {time}: P90 {show.figure(better.p90_days, 1)}"
        f" vs {show.figure(worse.p90_days, 1)} days;"
        f" {sure}: {show.pct(better.reliability)} vs {show.pct(worse.reliability)}"
    )


def _stock(result: CaseA, show: _Show) -> list[str]:
    sea, air = result.reorder_points["sea"], result.reorder_points["air"]
    restock = result.restock
    deadline = restock.deadline
    position = case_a.STOCK.inventory_position
    lines = [
        *heading("5. Replenishing the US warehouse (95% cycle service level)"),
        *table(
            [
                ["route", "lead time", "safety stock", "reorder point"],
                [
                    "sea",
                    f"{case_a.SEA_ROUTE.mean_days} days",
                    show.count(sea.safety_stock.units),
                    show.count(sea.units),
                ],
                [
                    "air",
                    f"{case_a.AIR_ROUTE.mean_days} days",
                    show.count(air.safety_stock.units),
                    show.count(air.units),
                ],
            ],
            right=(1, 2, 3),
        ),
        (
            f"  Inventory position {show.count(position)} (on hand + inbound"
            f" - reserved) is {_against(position, sea.units)} the sea reorder"
            f" point: {restock.binding}."
        ),
    ]
    if restock.stockout is not None and restock.stockout.date is not None:
        lines.append(
            f"  Without a new order the shelf is empty on {restock.stockout.date}."
        )
    if deadline is not None:
        lines.append(
            f"  To refill it by then by sea, order by {deadline.order_by} "
            f"(ship by {deadline.ship_by})."
        )
    orders = ", ".join(
        f"{order.placed} (arrives {order.arrival})"
        for order in result.projection.orders
    )
    size = show.count(case_a.ORDER_QUANTITY)
    lines.append(f"  Projected orders of {size} holders: {orders}.")
    best = result.storage_order
    eoq = (
        ""
        if best.eoq is None
        else f"; the EOQ, blind to storage fees, says {show.count(round(best.eoq))}"
    )
    lines.append(
        f"  Cheapest order per unit with FBA storage priced, landing {best.arrival}:"
        f" {show.count(best.quantity)} holders at {show(best.per_unit)} a unit{eoq}."
    )
    return lines


def _against(position: int | Decimal, reorder_point: int | Decimal) -> str:
    # An (s, Q) policy orders when the position falls to the reorder point.
    return "above" if position > reorder_point else "at or below"


def _store(result: CaseA, show: _Show) -> list[str]:
    funnel = case_a.FUNNEL
    reviews = case_a.REVIEWS.wilson()
    return [
        *heading("6. The store last week (Amazon.com)"),
        (
            f"  {show.count(funnel.impressions)} impressions,"
            f" {show.count(funnel.sessions)} sessions,"
            f" {show.count(funnel.orders)} orders; CTR {show.pct(funnel.ctr)},"
            f" conversion {show.pct(funnel.cvr)},"
            f" AOV {show.per(funnel.aov)}"
        ),
        (
            f"  TACoS {show.pct(result.tacos)} of sales against a "
            f"{show.pct(Decimal(case_a.ADS_SHARE), 0)} budget"
        ),
        (
            f"  positive reviews {case_a.REVIEWS.positive} of {case_a.REVIEWS.total} "
            f"(95% lower bound {show.pct(reviews.lower)})"
        ),
        f"  {result.order_defects.explanation}",
    ]
