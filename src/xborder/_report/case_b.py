"""Case B's terminal report: the eco brand's own site (private; pure: builds text).

The sections follow Tutorial B (``docs/tutorials/case-b.md``); every figure
comes from :func:`xborder.examples.case_b.run`, and every amount is
formatted for the locale asked for.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._report._text import heading, money, number, percent, table
from xborder.examples import case_b
from xborder.money import Money, RoundingMode

if TYPE_CHECKING:
    from xborder.examples.case_b import CaseB
    from xborder.kpi import MoneyRatio, Ratio
    from xborder.logistics import Comparison

__all__ = ["render"]

_MARKETS = ("DE", "US")


def render(*, locale: str = "en_US") -> str:
    """Case B as text, amounts formatted for ``locale``."""
    money(Money(0, "EUR"), locale)  # refuse an unknown locale before any work
    case = case_b.run()
    lines = [
        "xborder worked case B: an eco home-goods brand on its own site",
        f"Illustrative data as of {case_b.AS_OF}; amounts formatted for {locale}.",
        "Tutorial B (docs/tutorials/case-b.md) explains every step.",
    ]
    for section in (_direct, _restock, _delivery, _prices, _customers):
        lines += section(case, locale)
    return "\n".join(lines)


def _pct(value: Decimal | None, locale: str, places: int = 1) -> str:
    return "n/a" if value is None else percent(value, places, locale=locale)


def _share(ratio: Ratio, locale: str, places: int = 1) -> str:
    return _pct(ratio.value_or(None), locale, places)


def _average(ratio: MoneyRatio, locale: str) -> str:
    value = ratio.value_or(None)
    return (
        "n/a" if value is None else money(value.quantize(RoundingMode.HALF_UP), locale)
    )


def _direct(case: CaseB, locale: str) -> list[str]:
    rows = [["market", "price", "buyer DDP", "buyer DAP", "brand DDP", "brand DAP"]]
    for country in _MARKETS:
        direct = case.market(country).direct
        rows.append(
            [
                country,
                money(direct.ddp_sale.price, locale),
                money(direct.buyer_pays_ddp, locale),
                money(direct.buyer_pays_dap, locale),
                money(direct.ddp_sale.contribution, locale),
                money(direct.dap_sale.contribution, locale),
            ]
        )
    us = case.us.direct
    return [
        *heading("1. A utensil set sent from China: DDP or DAP"),
        "  What the buyer pays in all, and what the sale leaves the brand:",
        *table(rows, right=range(1, 6)),
        (
            f"  The US parcel pays {money(us.duty, locale)} duty on its retail price "
            f"and a {money(us.ddp.totals.fees, locale)} processing fee:"
        ),
        "  the US has had no de minimis since 2025-08-29.",
        *_ddp_cost(case, locale),
    ]


def _ddp_cost(case: CaseB, locale: str) -> list[str]:
    """How much of the brand's DAP contribution a DDP sale gives up, per market."""
    parts = []
    for country in _MARKETS:
        direct = case.market(country).direct
        dap = direct.dap_sale.contribution
        lost = dap - direct.ddp_sale.contribution
        share = lost.amount / dap.amount if dap.amount > 0 else None
        parts.append(f"{country} {_pct(share, locale, 0)}")
    return [
        "  DAP moves duty and VAT to the buyer's door; paying them under DDP",
        f"  costs the brand this share of its DAP contribution: {', '.join(parts)}.",
    ]


def _restock(case: CaseB, locale: str) -> list[str]:
    rows = [["SKU", "units", "DE, VAT paid", "DE, reclaimed", "US"]]
    for line, us_line in zip(case.de.restock.lines, case.us.restock.lines, strict=True):
        rows.append(
            [
                line.sku,
                _count(line.quantity, locale),
                money(line.landed_cost_per_unit, locale),
                money(case.de.landed_cost_of(line.sku), locale),
                money(case.us.landed_cost_of(us_line.sku), locale),
            ]
        )
    us_duty = case.us.duty_per_unit(case_b.UTENSILS.sku)
    units = sum(line.quantity for line in case.us.restock.lines)
    return [
        *heading("2. Stock in the market: a sea restock, landed per unit"),
        *table(rows, right=range(1, 5)),
        (
            f"  US duty on a utensil set: {money(us_duty, locale)} in the restock, "
            f"{money(case.us.direct.duty, locale)} in a parcel;"
        ),
        (
            f"  the entry's fees, {money(case.us.restock.totals.fees, locale)}, "
            f"are shared by {_count(units, locale)} units."
        ),
        "  Bulk imports pay duty on the factory price, and the EU import VAT is",
        "  reclaimed, so prices are set from the cost net of it.",
    ]


def _delivery(case: CaseB, locale: str) -> list[str]:
    lines = heading("3. Delivering a utensil set within a week (* Pareto front)")
    for country in _MARKETS:
        lines.append(f"  {country}:")
        lines += _options(case.market(country).delivery, locale)
    lines.append(
        "  Expected cost = freight + carrying cost + expected loss + expected lateness."
    )
    for country in _MARKETS:
        lines.append(f"  {country}: {_front(case.market(country).delivery)}")
    return lines


def _front(comparison: Comparison) -> str:
    """Who is on the Pareto front, and how many options it beats outright."""
    names = [assessment.name for assessment in comparison.front]
    beaten = len(comparison.dominated)
    if len(names) == 1:
        return f"alone on the front: {names[0]} (it beats the other {beaten})."
    return f"{len(names)} options on the front; {beaten} beaten on every count."


def _options(comparison: Comparison, locale: str) -> list[str]:
    front = {assessment.name for assessment in comparison.front}
    header = ["", "option", "expected cost", "P50 days", "P90 days", "reliability"]
    ranked = sorted(comparison.assessments, key=lambda a: a.expected_cost)
    rows = [
        [
            "*" if assessment.name in front else "",
            assessment.name,
            money(assessment.expected_cost.quantize(RoundingMode.HALF_UP), locale),
            number(assessment.option.transit.p50, locale, 0),
            number(assessment.option.transit.p90, locale, 0),
            percent(assessment.reliability, 1, locale=locale),
        ]
        for assessment in ranked
    ]
    return table([header, *rows], right=range(2, 6))


def _prices(case: CaseB, locale: str) -> list[str]:
    rows = [["market", "offer", "price", "net revenue", "contribution", "margin"]]
    for country in _MARKETS:
        for offer, economics in zip(
            case_b.OFFERS, case.market(country).prices, strict=True
        ):
            rows.append(
                [
                    country,
                    offer.sku,
                    money(economics.price, locale),
                    money(economics.net_revenue, locale),
                    money(economics.contribution, locale),
                    _pct(economics.margin, locale),
                ]
            )
    surcharge = case.foreign_card.line("International card surcharge").amount
    payout = case.us.price_of("BAM-UT").line("Payout conversion").amount
    return [
        *heading("4. Prices on the own site, after card fees, returns and VAT"),
        *table(rows, right=range(2, 6)),
        f"  A card from outside the EEA costs {money(surcharge, locale)} more;",
        f"  converting a US set's payout to euros costs {money(payout, locale)}.",
        *_margins(case, locale),
    ]


def _margins(case: CaseB, locale: str) -> list[str]:
    """Which offers keep over half of net revenue in every market, and the thinnest."""
    lowest: dict[str, Decimal] = {}
    for country in _MARKETS:
        for offer, economics in zip(
            case_b.OFFERS, case.market(country).prices, strict=True
        ):
            margin = economics.margin
            if margin is None:
                continue  # no net revenue: no margin to rank
            lowest[offer.name] = min(margin, lowest.get(offer.name, margin))
    if not lowest:
        return []
    half = Decimal("0.5")
    rich = [name for name, margin in lowest.items() if margin > half]
    thinnest = min(lowest, key=lambda name: lowest[name])
    keep = " and ".join(rich) if rich else "no offer"
    return [
        f"  Over half of net revenue kept in every market: {keep};",
        f"  the thinnest is {thinnest}: {_pct(lowest[thinnest], locale)} at worst.",
    ]


def _customers(case: CaseB, locale: str) -> list[str]:
    customers = case.customers
    year = customers.year
    return [
        *heading("5. Customers, October 2025 to September 2026"),
        (
            f"  {_count(year.customers, locale)} customers placed "
            f"{_count(year.orders, locale)} orders; "
            f"{_share(year.repurchase_rate, locale)} ordered more than once; "
            f"AOV {_average(year.aov, locale)}."
        ),
        "",
        "  Customers ordering again, by months after the first order:",
        *_retention(case, locale),
        "",
        "  RFM segments and the email each gets:",
        *_segments(case),
        "",
        *_value(case, locale),
    ]


def _retention(case: CaseB, locale: str) -> list[str]:
    cohorts = case.customers.retention.cohorts
    width = max(len(cohort.active) for cohort in cohorts)
    rows = [["cohort", "size", *(str(month) for month in range(width))]]
    for cohort in cohorts:
        cells = [_share(r, locale, 0) for r in cohort.retention]
        blank = [""] * (width - len(cells))
        rows.append([cohort.label, str(cohort.size), *cells, *blank])
    return table(rows, right=range(1, width + 2))


def _segments(case: CaseB) -> list[str]:
    emails = dict(case_b.EMAILS)
    rows = [["segment", "customers", "email"]]
    for name, size in case.customers.segments.segment_sizes().items():
        label = name or "(none)"
        rows.append([label, str(size), emails.get(label, "")])
    return table(rows, right=(1,))


def _value(case: CaseB, locale: str) -> list[str]:
    customers = case.customers
    months = range(case_b.LTV_MONTHS + 1)
    curve = [_average(customers.values.ltv(month), locale) for month in months]
    pairs = tuple(zip(customers.values.cohorts, customers.paybacks, strict=True))
    paid = ", ".join(
        f"{cohort.label} {payback.months_after_first_order}"
        for cohort, payback in pairs
        if payback.months_after_first_order is not None
    )
    waiting = sum(1 for _, payback in pairs if payback.months_after_first_order is None)
    return [
        (
            f"  CAC: {money(customers.spend, locale)} of marketing for "
            f"{_count(customers.year.new_customers, locale)} new customers = "
            f"{money(customers.cac, locale)}."
        ),
        "  Contribution per customer since the first order (LTV), by month:",
        *table([[str(month) for month in months], curve], right=months),
        (
            f"  LTV after {case_b.LTV_MONTHS} months / CAC = "
            f"{_ratio(customers.ltv_to_cac, locale)}. Payback in months after the "
            "first order:"
        ),
        f"  {paid}; the {waiting} younger cohorts not yet.",
        *_first_order(case, locale),
    ]


def _first_order(case: CaseB, locale: str) -> list[str]:
    """Whether the first order pays for acquisition, and the largest segment's email."""
    customers = case.customers
    first = customers.values.ltv(0).value_or(None)
    lines = []
    if first is not None and customers.cac.amount > 0:
        share = first.amount / customers.cac.amount
        lines.append(
            f"  The first order returns {_pct(share, locale, 0)} of CAC; the rest "
            "must come from orders after it."
        )
    sizes = customers.segments.segment_sizes()
    if sizes:
        largest = max(sizes, key=lambda name: sizes[name])
        email = dict(case_b.EMAILS).get(largest or "", "no email")
        lines.append(
            f"  The largest segment, {largest or '(none)'} ({sizes[largest]}), "
            f"gets {email}."
        )
    return lines


def _count(value: Decimal | int, locale: str) -> str:
    return number(Decimal(value), locale, 0)


def _ratio(ratio: Ratio, locale: str) -> str:
    value = ratio.value_or(None)
    return "n/a" if value is None else number(value, locale)
