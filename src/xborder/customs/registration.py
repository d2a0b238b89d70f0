r"""Seller-side VAT registration: where a cross-border seller must register, and why.

Import taxes (the rest of :mod:`xborder.customs`) are what a parcel pays at
the border. This module answers the seller's question: given where I am
established, what I sold where and through which channel, and where I hold
stock, **in which countries must I register for VAT, from when, and why** —
and which of my sales a marketplace accounts for instead.

The rules (each a dated, sourced :class:`RegistrationRule` in
:data:`RULES`):

* **EU distance sales (OSS).** An EU seller established in one member state
  charges its own VAT on cross-border sales to consumers in other member
  states while their total, net of VAT, stays within **EUR 10,000** in the
  current and in the previous calendar year; past it, the customer's
  member state's VAT applies from the supply that crossed it (Directive
  2006/112/EC, Art. 59c, from 2021-07-01). The seller registers in each
  destination or declares them all through the One-Stop Shop. Sellers not
  established in the EU, and goods dispatched from a member state other than
  the seller's, have no threshold.
* **Stock in a country.** Goods held in an EU member state or in the UK make
  their sales there domestic supplies (and moving or importing them there is
  itself taxable there): register from the first day stock is held.
* **UK overseas sellers.** A seller not established in the UK that sells
  goods in the UK registers from its first taxable supply: there is no
  threshold (HMRC). Consignments of at most GBP 135 sent from abroad
  directly to UK consumers are UK supplies too (VATA 1994 s.7).
* **Marketplace as deemed supplier.** The marketplace, not the seller,
  accounts for VAT on: EU imports in consignments of at most EUR 150 and
  non-EU sellers' sales of goods within the EU (Art. 14a); UK consignments
  of at most GBP 135 sent from abroad and overseas sellers' goods already
  in the UK (VATA 1994 s.5A). These sales are listed apart and counted for
  nothing else.

Scope: goods sold to consumers (B2C), excise goods excluded. Not modelled:
domestic thresholds for a seller in its own country (the UK's GBP 90,000,
EU small-business schemes), Northern Ireland's EU rules, IOSS (optional),
and services. Country codes are ISO 3166-1: the UK is ``"GB"``, Greece
``"GR"``.

Examples:
    A German seller's own-site sales to France and Italy pass EUR 10,000 in
    March; it also keeps stock in Poland:

    >>> import datetime as dt
    >>> from xborder.money import Money, RoundingMode
    >>> sales = [
    ...     DestinationSales(destination="FR", ships_from="DE",
    ...         channel=SalesChannel.OWN_SITE, start="2026-01-01", end="2026-02-01",
    ...         amount=Money("6000", "EUR")),
    ...     DestinationSales(destination="IT", ships_from="DE",
    ...         channel=SalesChannel.OWN_SITE, start="2026-03-01", end="2026-04-01",
    ...         amount=Money("5000", "EUR")),
    ... ]
    >>> stock = [StockHolding(country="PL", since="2026-02-15")]
    >>> check = registration_checks(
    ...     established="DE", sales=sales, stock=stock, as_of=dt.date(2026, 4, 1)
    ... )
    >>> for finding in check.findings:
    ...     print(finding.describe())
    Register in PL from 2026-02-15 because stock is held there (EU-STOCK)
    Register in IT or declare through the OSS from 2026-03-01 because intra-EU
    distance sales passed 10000.00 EUR in 2026 (11000.00 EUR) (EU-OSS-THRESHOLD)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._country import country_code
from xborder._guard import guard_public
from xborder._validate import date_value, items_of
from xborder.customs._registration_models import (
    DestinationSales,
    MarketplaceSales,
    Obligation,
    RegistrationCheck,
    RegistrationFinding,
    SalesChannel,
    StockHolding,
)
from xborder.customs._registration_rules import (
    EU_MEMBER_STATES,
    RULES,
    RegistrationRule,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.money import Money, RoundingMode

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "EU_MEMBER_STATES",
    "RULES",
    "DestinationSales",
    "MarketplaceSales",
    "Obligation",
    "RegistrationCheck",
    "RegistrationFinding",
    "RegistrationRule",
    "SalesChannel",
    "StockHolding",
    "registration_checks",
]

_GB = "GB"


def _in_force(rule_id: str, day: dt.date) -> bool:
    return RULES[rule_id].validity.covers(day)


def _finding(
    country: str, day: dt.date, rule_id: str, obligation: Obligation, reason: str
) -> RegistrationFinding:
    rule = RULES[rule_id]
    return RegistrationFinding(
        country=country,
        from_date=day,
        rule=rule_id,
        obligation=obligation,
        reason=reason,
        source=rule.validity.source,
    )


def _within(limit: Money | None, row: DestinationSales) -> bool:
    cap = row.consignment_max
    return limit is not None and cap is not None and cap.amount <= limit.amount


def _deemed_rule(row: DestinationSales, established: str) -> str | None:
    """The deemed-supplier rule a marketplace row falls under, if any."""
    if row.channel is not SalesChannel.MARKETPLACE:
        return None
    if row.destination in EU_MEMBER_STATES:
        if row.ships_from not in EU_MEMBER_STATES:
            rule = "EU-MARKETPLACE-IMPORTS"
            ok = _within(RULES[rule].limit, row)
        else:
            rule = "EU-MARKETPLACE-NON-EU-SELLER"
            ok = established not in EU_MEMBER_STATES
    elif row.destination == _GB:
        if row.ships_from != _GB:
            rule = "GB-MARKETPLACE-LOW-VALUE"
            ok = _within(RULES[rule].limit, row)
        else:
            rule = "GB-MARKETPLACE-OVERSEAS-SELLER"
            ok = established != _GB
    else:
        return None
    return rule if ok and _in_force(rule, row.start) else None


def _eu_distance(
    rows: list[DestinationSales], established: str, as_of: dt.date
) -> list[RegistrationFinding]:
    distance = [
        r
        for r in rows
        if r.destination in EU_MEMBER_STATES
        and r.ships_from in EU_MEMBER_STATES
        and r.destination != r.ships_from
        and _in_force("EU-OSS-THRESHOLD", r.start)
    ]
    threshold = established in EU_MEMBER_STATES and all(
        r.ships_from == established for r in distance
    )
    if not threshold:
        return [
            _finding(
                r.destination,
                r.start,
                "EU-DISTANCE-NO-THRESHOLD",
                Obligation.REGISTER_OR_OSS,
                f"distance sales from {r.ships_from} by a seller established in "
                f"{established} have no threshold",
            )
            for r in distance
        ]
    by_year: dict[int, Decimal] = {}
    for r in distance:
        by_year[r.start.year] = by_year.get(r.start.year, Decimal(0)) + r.amount.amount
    found: list[RegistrationFinding] = []
    for year in sorted({r.start.year for r in distance if r.start <= as_of}):
        in_year = sorted((r for r in distance if r.start.year == year), key=_start)
        crossed, reason = _crossing(year, in_year, by_year)
        if crossed is None:
            continue
        found.extend(
            _finding(
                r.destination,
                max(r.start, crossed),
                "EU-OSS-THRESHOLD",
                Obligation.REGISTER_OR_OSS,
                reason,
            )
            for r in in_year
            if r.end > crossed
        )
    return found


def _eur(amount: Decimal) -> Money:
    # For the reason text only: the sum, shown to the cent.
    return Money(amount, "EUR").quantize(RoundingMode.HALF_EVEN)


def _start(row: DestinationSales) -> dt.date:
    return row.start


def _crossing(
    year: int, in_year: list[DestinationSales], by_year: dict[int, Decimal]
) -> tuple[dt.date | None, str]:
    """When in ``year`` the EU threshold applied (Art. 59c(1)(c) and (2)), and why."""
    limit = RULES["EU-OSS-THRESHOLD"].limit
    if limit is None:  # pragma: no cover - the preset has one
        return None, ""
    previous = by_year.get(year - 1, Decimal(0))
    if previous > limit.amount:
        reason = (
            f"intra-EU distance sales passed {limit} in {year - 1} ({_eur(previous)})"
        )
        return dt.date(year, 1, 1), reason
    reason = f"intra-EU distance sales passed {limit} in {year} ({_eur(by_year[year])})"
    running = Decimal(0)
    for r in in_year:
        running += r.amount.amount
        if running > limit.amount:
            return r.start, reason
    return None, reason


def _gb_direct(
    rows: list[DestinationSales], established: str
) -> list[RegistrationFinding]:
    if established == _GB:
        return []
    limit = RULES["GB-LOW-VALUE-DIRECT"].limit
    found: list[RegistrationFinding] = []
    for r in rows:
        if r.destination != _GB:
            continue
        if r.ships_from == _GB and _in_force("GB-OVERSEAS-SELLER", r.start):
            found.append(
                _finding(
                    _GB,
                    r.start,
                    "GB-OVERSEAS-SELLER",
                    Obligation.REGISTER,
                    f"an overseas seller ({established}) sells goods located in the UK "
                    "outside a marketplace, and no threshold applies",
                )
            )
        elif _within(limit, r) and _in_force("GB-LOW-VALUE-DIRECT", r.start):
            found.append(
                _finding(
                    _GB,
                    r.start,
                    "GB-LOW-VALUE-DIRECT",
                    Obligation.REGISTER,
                    f"consignments of at most {limit} are sent from {r.ships_from} "
                    "directly to UK consumers",
                )
            )
    return found


def _stock(
    holdings: tuple[StockHolding, ...], established: str
) -> list[RegistrationFinding]:
    found: list[RegistrationFinding] = []
    for h in holdings:
        if h.country == established:
            continue
        if h.country in EU_MEMBER_STATES and _in_force("EU-STOCK", h.since):
            rule = "EU-STOCK"
        elif h.country == _GB and _in_force("GB-STOCK", h.since):
            rule = "GB-STOCK"
        else:
            continue
        found.append(
            _finding(
                h.country, h.since, rule, Obligation.REGISTER, "stock is held there"
            )
        )
    return found


def _earliest(findings: list[RegistrationFinding]) -> tuple[RegistrationFinding, ...]:
    first: dict[tuple[str, str], RegistrationFinding] = {}
    for f in findings:
        key = (f.country, f.rule)
        if key not in first or f.from_date < first[key].from_date:
            first[key] = f
    return tuple(sorted(first.values(), key=lambda f: (f.from_date, f.country, f.rule)))


def registration_checks(
    *,
    established: str,
    sales: Iterable[DestinationSales],
    stock: Iterable[StockHolding] = (),
    as_of: dt.date | str,
) -> RegistrationCheck:
    r"""Where a seller must register for VAT, from when and why.

    Each finding is the earliest day an obligation arose in a country under
    one rule; sales the marketplace accounts for are listed apart and count
    towards nothing. See the module docstring for the rules and their
    sources, and :data:`RULES`.

    Args:
        established: The country where the seller is established.
        sales: Its sales to consumers, by destination, channel and period.
            Periods must start on or before ``as_of``.
        stock: Where it holds stock, and since when.
        as_of: The day of the check: findings up to its calendar year.

    Raises:
        InvalidInputError: A period starts after ``as_of``.
        InvalidTypeError: An item that is not a :class:`DestinationSales` or
            :class:`StockHolding`.

    Examples:
        A Chinese seller: Amazon.co.uk stock (the marketplace accounts for
        its VAT) and own-site parcels of at most GBP 135 sent from Shenzhen:

        >>> import datetime as dt
        >>> from xborder.money import Money, RoundingMode
        >>> uk = [
        ...     DestinationSales(destination="GB", ships_from="GB",
        ...           channel=SalesChannel.MARKETPLACE, start="2026-01-01",
        ...           end="2026-02-01", amount=Money("4000", "GBP")),
        ...     DestinationSales(destination="GB", ships_from="CN",
        ...           channel=SalesChannel.OWN_SITE, start="2026-02-01",
        ...           end="2026-03-01", amount=Money("300", "GBP"),
        ...           consignment_max=Money("60", "GBP")),
        ... ]
        >>> held = [StockHolding(country="GB", since="2025-12-01")]
        >>> check = registration_checks(
        ...     established="CN", sales=uk, stock=held, as_of=dt.date(2026, 3, 1)
        ... )
        >>> print(check.explain())
        VAT registration for a seller established in CN
          Register in GB from 2025-12-01 because stock is held there (GB-STOCK)
          Register in GB from 2026-02-01 because consignments of at most 135.00 GBP
          are sent from CN directly to UK consumers (GB-LOW-VALUE-DIRECT)
          Marketplace accounts for 4000.00 GBP (GB-MARKETPLACE-OVERSEAS-SELLER)
    """
    try:
        home = country_code(established)
    except XborderError as error:
        raise error.in_field("established") from None
    try:
        day = date_value(as_of)
    except XborderError as error:
        raise error.in_field("as_of") from None
    rows = tuple(
        _sales_item(item, index)
        for index, item in enumerate(items_of(sales, field="sales"))
    )
    holdings = tuple(
        _stock_item(item, index)
        for index, item in enumerate(items_of(stock, field="stock"))
    )
    for index, row in enumerate(rows):
        if row.start > day:
            raise InvalidInputError(
                field=f"sales[{index}].start",
                value=row.start,
                expected=f"a period starting on or before as_of ({day})",
            )
    deemed: list[MarketplaceSales] = []
    own: list[DestinationSales] = []
    for row in rows:
        rule = _deemed_rule(row, home)
        if rule is None:
            own.append(row)
        else:
            source = RULES[rule].validity.source
            deemed.append(MarketplaceSales(sales=row, rule=rule, source=source))
    findings = [
        *_eu_distance(own, home, day),
        *_gb_direct(own, home),
        *_stock(tuple(h for h in holdings if h.since <= day), home),
    ]
    return RegistrationCheck(
        established=home,
        as_of=day,
        findings=_earliest(findings),
        marketplace=tuple(deemed),
    )


def _sales_item(item: object, index: int) -> DestinationSales:
    if not isinstance(item, DestinationSales):
        raise InvalidTypeError(
            field=f"sales[{index}]", value=item, expected="a DestinationSales"
        )
    return item


def _stock_item(item: object, index: int) -> StockHolding:
    if not isinstance(item, StockHolding):
        raise InvalidTypeError(
            field=f"stock[{index}]", value=item, expected="a StockHolding"
        )
    return item


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
