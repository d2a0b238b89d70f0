"""Case B's books: the first quarter's ledger and marketing, a restock's cash (private).

Everything is generated from the case's documented patterns and prices
(:func:`placements`, the site's waterfalls): nothing is drawn at random.
Illustrative, as the rest of the case.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from xborder._validate import positive_count
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.examples.case_b._catalogue import OFFERS, PRODUCTS, RESTOCK_CARTONS
from xborder.examples.case_b._customers import placements
from xborder.examples.case_b._run import CaseB, run
from xborder.ledger import (
    CampaignOrder,
    EmailCampaign,
    InfluencerDeal,
    PayoutTerms,
    PurchaseOrder,
    Receipt,
    SellThrough,
    SocialChannel,
    SupplierTerms,
    Transaction,
    TransactionKind,
)
from xborder.money import Money, RoundingMode
from xborder.units import as_volume

__all__ = [
    "CAMPAIGNS",
    "EMAILS_Q4",
    "INFLUENCERS",
    "PAYOUTS",
    "QUARTER",
    "SOCIAL_Q4",
    "STRIPE_PAYOUTS",
    "campaign_orders",
    "opening_stock",
    "quarter_ledger",
    "restock_orders",
    "unit_volumes",
]

QUARTER = (dt.date(2025, 10, 1), dt.date(2026, 1, 1))
"""The site's first quarter: October to December 2025 (the end excluded)."""

_K = TransactionKind
_SITE = "site"
_REFUND_EVERY = 15  # one order in 15 comes back, ten days later, resellable
_ASSEMBLED_KITS = 100  # kits the German and US 3PLs assemble from the restock
_MARKETING = {
    # month: (Lena's fee, Jonas's fee, Instagram, Pinterest), euros
    10: ("100", "50", "100", "50"),
    11: ("120", "60", "110", "60"),
    12: ("140", "70", "120", "70"),
}
_STORAGE = {"DE": Money("45.00", "EUR"), "US": Money("60.00", "USD")}


def _sku(offer: str, country: str) -> str:
    return f"{offer}-{country}"


CAMPAIGNS: dict[str | None, tuple[str, ...]] = {
    "lena": (_sku("BAM-UT", "DE"), _sku("KIT-ZW", "DE")),
    "jonas": (_sku("WAX-3", "DE"), _sku("SIS-2", "DE")),
    "instagram": tuple(
        _sku(offer.sku, country) for country in ("DE", "US") for offer in OFFERS
    ),
    "pinterest": tuple(_sku(offer.sku, "US") for offer in OFFERS),
}
"""Campaign → the SKUs it advertises. Each market's stock is its own SKU
(``BAM-UT-DE``, ``BAM-UT-US``): the two warehouses' units cost different
amounts, and a SKU's stock is one cost pool."""


def quarter_ledger(case: CaseB | None = None) -> tuple[Transaction, ...]:
    """The first quarter's ledger, in euros and dollars, day by day.

    Per order: the sale net of VAT, the VAT collected (Germany), the card
    fee, the payout conversion (US), the 3PL's pick-and-pack and the
    recycled packaging, at the figures of the site's waterfalls. One order
    in 15 is refunded ten days later and restocked. Each month: the
    creators' fees and the social ads by campaign, the 3PLs' storage.

    Examples:
        >>> from xborder.examples import case_b
        >>> ledger = case_b.quarter_ledger()
        >>> len(ledger), sum(t.quantity for t in ledger if t.kind.value == "sale")
        (227, 41)
    """
    case = _case(case)
    rows: list[Transaction] = []
    for number, (day, _, offer, country) in enumerate(placements(), start=1):
        if day >= QUARTER[1]:
            break
        economics = case.market(country).price_of(offer)
        order = _Order(day, _sku(offer, country), f"B{number:04d}")
        lines = {line.label.split(" (")[0]: line.amount for line in economics.lines}
        rows.append(order.row(_K.SALE, economics.net_revenue, units=1))
        if "VAT" in lines:
            rows.append(order.row(_K.TAX, lines["VAT"]))
        rows.append(order.row(_K.PAYMENT_FEE, -lines["Payment processing"]))
        if "Payout conversion" in lines:
            rows.append(order.row(_K.OTHER_FEE, -lines["Payout conversion"]))
        rows.append(order.row(_K.THREE_PL_FEE, -lines["Own fulfilment"]))
        rows.append(order.row(_K.THREE_PL_FEE, -lines["Recycled packaging"]))
        back = day + dt.timedelta(days=10)
        if number % _REFUND_EVERY == 0 and back < QUARTER[1]:
            order.day = back
            rows.append(order.row(_K.REFUND, -economics.net_revenue, units=1))
            if "VAT" in lines:
                rows.append(order.row(_K.TAX, -lines["VAT"]))
    rows += _monthly()
    rows.sort(key=lambda t: t.posted_on)
    return tuple(rows)


class _Order:
    """One order's day, SKU and reference, for its ledger rows (private)."""

    __slots__ = ("day", "reference", "sku")

    def __init__(self, day: dt.date, sku: str, reference: str) -> None:
        self.day, self.sku, self.reference = day, sku, reference

    def row(
        self, kind: TransactionKind, amount: Money, *, units: int = 0
    ) -> Transaction:
        return Transaction(
            kind=kind,
            posted_on=self.day,
            amount=amount,
            channel=_SITE,
            sku=None if kind is _K.TAX else self.sku,
            quantity=units,
            reference=self.reference,
        )


def _monthly() -> list[Transaction]:
    rows = []
    for month, fees in _MARKETING.items():
        day = dt.date(2025, month, 28)
        for campaign, amount in zip(
            ("lena", "jonas", "instagram", "pinterest"), fees, strict=True
        ):
            rows.append(
                Transaction(
                    kind=_K.AD_SPEND,
                    posted_on=day,
                    amount=-Money(amount, "EUR"),
                    channel=_SITE,
                    campaign=campaign,
                )
            )
        for country, fee in _STORAGE.items():
            rows.append(
                Transaction(
                    kind=_K.STORAGE_FEE,
                    posted_on=day,
                    amount=-fee,
                    channel=_SITE,
                    reference=f"3PL {country} storage",
                )
            )
    return rows


def opening_stock(case: CaseB | None = None) -> tuple[Receipt, ...]:
    """Each market's stock when the site opened: the sea restocks, landed.

    The 3PLs assembled 100 zero-waste kits in each market from the
    restock's utensil sets and wraps, so the kit is its own SKU at the sum
    of its parts' landed costs.

    Examples:
        >>> from xborder.examples import case_b
        >>> [(r.sku, r.quantity, str(r.unit_cost)) for r in case_b.opening_stock()][:2]
        [('BAM-UT-DE', 500, '6.42 EUR'), ('WAX-3-DE', 1100, '3.69 EUR')]
    """
    case = _case(case)
    receipts = []
    for country in ("DE", "US"):
        market = case.market(country)
        costs = dict(market.landed)
        for product in PRODUCTS:
            units = RESTOCK_CARTONS[product.sku] * product.units_per_carton
            if product.sku in {"BAM-UT", "WAX-3"}:
                units -= _ASSEMBLED_KITS
            receipts.append(
                Receipt(
                    sku=_sku(product.sku, country),
                    received_on="2025-09-26",
                    quantity=units,
                    unit_cost=costs[product.sku],
                    paid_on="2025-08-15",
                )
            )
        receipts.append(
            Receipt(
                sku=_sku("KIT-ZW", country),
                received_on="2025-09-26",
                quantity=_ASSEMBLED_KITS,
                unit_cost=costs["BAM-UT"] + costs["WAX-3"],
                paid_on="2025-08-15",
            )
        )
    return tuple(receipts)


def unit_volumes() -> dict[str, str]:
    """Each SKU's volume per unit: the storage fee is shared by unit-days × volume.

    Examples:
        >>> unit_volumes()["KIT-ZW-DE"]
        '1900 cm**3'
    """
    volumes = {p.sku: as_volume(p.unit_volume).magnitude for p in PRODUCTS}
    volumes["KIT-ZW"] = volumes["BAM-UT"] + volumes["WAX-3"]
    return {
        _sku(sku, country): f"{volume:f} cm**3"
        for country in ("DE", "US")
        for sku, volume in volumes.items()
    }


INFLUENCERS = (
    InfluencerDeal(
        name="Lena (zero-waste kitchen, 38k followers)",
        fee=Money("360", "EUR"),
        gifted_units=4,
        unit_cost=Money("10.11", "EUR"),
        commission="0.10",
        code="LENA10",
    ),
    InfluencerDeal(
        name="Jonas (plastic-free home, 12k followers)",
        fee=Money("180", "EUR"),
        gifted_units=6,
        unit_cost=Money("3.69", "EUR"),
        commission="0.08",
        utm="jonas-home",
    ),
)
"""The quarter's creators: a fee, gifted product at landed cost, a commission."""


def campaign_orders(case: CaseB | None = None) -> tuple[CampaignOrder, ...]:
    """The quarter's German orders with how they came: a code, a UTM tag, or neither.

    By the pattern: a new customer's first order used Lena's code if the
    customer is number 0, 3, 6... of the month's cohort, came through
    Jonas's links if 1, 4, 7..., and through neither otherwise; repeat
    orders come by email.

    Examples:
        >>> orders = campaign_orders()
        >>> len(orders), sum(o.code == "LENA10" for o in orders)
        (26, 7)
    """
    case = _case(case)
    seen: set[str] = set()
    orders = []
    for number, (day, customer, offer, country) in enumerate(placements(), start=1):
        if day >= QUARTER[1]:
            break
        if country != "DE":
            continue
        economics = case.market(country).price_of(offer)
        new = customer not in seen
        seen.add(customer)
        place = int(customer.rsplit("-", 1)[1])
        orders.append(
            CampaignOrder(
                order_id=f"B{number:04d}",
                placed_on=day,
                revenue=economics.net_revenue,
                contribution=economics.contribution,
                new_customer=new,
                code="LENA10" if new and place % 3 == 0 else None,
                utm="jonas-home" if new and place % 3 == 1 else None,
            )
        )
    return tuple(orders)


EMAILS_Q4 = (
    EmailCampaign(
        name="welcome flow",
        kind="flow",
        recipients=310,
        opens=190,
        clicks=58,
        orders=9,
        new_customers=7,
        revenue=Money("215.40", "EUR"),
        contribution=Money("96.10", "EUR"),
        unsubscribes=4,
        cost=Money("12.00", "EUR"),
    ),
    EmailCampaign(
        name="refill reminder flow",
        kind="flow",
        recipients=42,
        opens=31,
        clicks=17,
        orders=8,
        new_customers=0,
        revenue=Money("147.92", "EUR"),
        contribution=Money("56.80", "EUR"),
        unsubscribes=0,
        cost=Money("3.00", "EUR"),
    ),
    EmailCampaign(
        name="December gift guide",
        kind="campaign",
        recipients=640,
        opens=250,
        clicks=41,
        orders=5,
        new_customers=2,
        revenue=Money("196.10", "EUR"),
        contribution=Money("112.40", "EUR"),
        unsubscribes=11,
        cost=Money("25.00", "EUR"),
    ),
)
"""The quarter's emails as the email platform reports them (illustrative)."""

SOCIAL_Q4 = (
    SocialChannel(
        name="Instagram",
        spend=Money("330", "EUR"),
        content=Money("240", "EUR"),
        impressions=96000,
        clicks=1450,
        orders=11,
        new_customers=10,
        revenue=Money("352.30", "EUR"),
        contribution=Money("168.20", "EUR"),
    ),
    SocialChannel(
        name="Pinterest",
        spend=Money("180", "EUR"),
        content=Money("0", "EUR"),
        impressions=41000,
        clicks=520,
        orders=4,
        new_customers=4,
        revenue=Money("151.70", "EUR"),
        contribution=Money("75.30", "EUR"),
    ),
)
"""The quarter's social channels (illustrative)."""

STRIPE_PAYOUTS = PayoutTerms(every_days=7, lag_days=2, reserve="0")
"""The card processor pays the week's sales two days after it closes."""

PAYOUTS = STRIPE_PAYOUTS


def restock_orders(
    *, split: int = 1, case: CaseB | None = None
) -> tuple[PurchaseOrder, ...]:
    """The German sea restock as purchase orders: one, or ``split`` smaller ones.

    The factory is paid 30% with the order and 70% before loading; the
    forwarder at departure; duty, the broker and import VAT at entry, the
    VAT back with the next month's return; the 3PL's receiving on arrival.
    The units sell at the brand's plan of a year for the restock, and each
    brings what is left of its sale after VAT, the card fee, the 3PL and
    the packaging (the mix's average). With ``split`` orders, each is
    ``1/split`` of the restock, ordered when the one before has sold for
    ``52 / split`` weeks.

    Raises:
        InvalidTypeError: ``split`` is not an int, or ``case`` not a CaseB.
        InvalidInputError: ``split`` is not from 1 to 52.

    Examples:
        >>> (order,) = restock_orders()
        >>> order.units, str(order.goods), str(order.sales.proceeds)
        (2300, '10060.00 USD', '13.62 EUR')
    """
    case = _case(case)
    split = _split(split)
    restock = case.de.restock
    totals = restock.totals
    units = sum(RESTOCK_CARTONS[p.sku] * p.units_per_carton for p in PRODUCTS)
    goods = Money.total(
        (
            p.factory_price * (RESTOCK_CARTONS[p.sku] * p.units_per_carton)
            for p in PRODUCTS
        ),
        currency="USD",
    )
    proceeds = Money.total(
        (
            _proceeds(case, p.sku) * (RESTOCK_CARTONS[p.sku] * p.units_per_carton)
            for p in PRODUCTS
        ),
        currency="EUR",
    )
    per_unit = (proceeds / units).quantize(RoundingMode.HALF_UP)
    freight = Money("2944.00", "CNY")
    orders = []
    for index in range(split):
        lag = dt.timedelta(weeks=52 // split * index)
        ordered = dt.date(2025, 7, 1) + lag
        arrives = dt.date(2025, 9, 19) + lag
        orders.append(
            PurchaseOrder(
                name=f"PO-DE-{index + 1}",
                units=units // split,
                goods=_share(goods, split),
                terms=SupplierTerms(
                    deposit="0.30", balance_after="shipped", balance_days=-3
                ),
                ordered_on=ordered,
                shipped_on=dt.date(2025, 8, 15) + lag,
                arrives_on=arrives,
                available_on=dt.date(2025, 9, 26) + lag,
                freight=_share(freight, split),
                duty=_share(
                    totals.duty + totals.additional_duties + totals.charges, split
                ),
                import_vat=_share(totals.taxes, split),
                vat_recovered_on=arrives + dt.timedelta(days=52),
                inbound=_share(Money("62.50", "EUR"), split),
                sales=SellThrough(
                    per_day=Decimal(units) / 365,
                    proceeds=per_unit,
                ),
            )
        )
    return tuple(orders)


def _case(case: CaseB | None) -> CaseB:
    """``case``, or the case run afresh; a named error for anything else."""
    if case is None:
        return run()
    if not isinstance(case, CaseB):
        raise InvalidTypeError(
            field="case", value=case, expected="a CaseB (case_b.run()) or None"
        )
    return case


_MOST_ORDERS = 52  # one order a week: the lag between orders is 52 // split weeks


def _split(split: int) -> int:
    try:
        orders = positive_count(split)
    except XborderError as error:
        raise error.in_field("split") from None
    if orders > _MOST_ORDERS:
        raise InvalidInputError(
            field="split", value=split, expected=f"at most {_MOST_ORDERS} orders"
        )
    return orders


def _share(amount: Money, split: int) -> Money:
    return (amount / split).quantize(RoundingMode.HALF_UP)


def _proceeds(case: CaseB, sku: str) -> Money:
    economics = case.de.price_of(sku)
    lines = {line.label.split(" (")[0]: line.amount for line in economics.lines}
    return (
        economics.price
        - lines["VAT"]
        - lines["Payment processing"]
        - lines["Own fulfilment"]
        - lines["Recycled packaging"]
    )
