"""Strategies for the ledger's inputs (private; see xborder.testing.strategies)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.ledger import (
    CampaignOrder,
    ChannelCurve,
    ConversionOption,
    DiscountedLtv,
    EmailCampaign,
    InfluencerDeal,
    PayoutTerms,
    PurchaseOrder,
    Receipt,
    SellThrough,
    SocialChannel,
    SpendStep,
    SupplierTerms,
    Timing,
    Transaction,
    TransactionKind,
)
from xborder.testing.strategies._core import _not_strategies, currencies, money_values

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.money import Currency, Money

__all__ = [
    "campaign_orders",
    "channel_curves",
    "conversion_options",
    "discounted_ltvs",
    "email_campaigns",
    "influencer_deals",
    "ledgers",
    "payout_terms",
    "purchase_orders",
    "receipts",
    "sell_throughs",
    "social_channels",
    "spend_steps",
    "supplier_terms",
    "transactions",
]

_FIRST = dt.date(2024, 1, 1)
_LAST = dt.date(2027, 12, 31)
_SKUS = st.sampled_from(["PH-BLK", "PH-WHT", "BAM-UT", "WAX-3"])
_CHANNELS = st.sampled_from(["Amazon.com", "Amazon.de", "site"])
_FRACTIONS = st.decimals(min_value=0, max_value=1, places=3)
_UNITS = frozenset({TransactionKind.SALE, TransactionKind.REFUND})


def _currency(
    strategy: st.SearchStrategy[Currency] | None,
) -> st.SearchStrategy[Currency]:
    return currencies() if strategy is None else strategy


def _amounts(
    c: Currency, low: int = -(10**6), high: int = 10**6
) -> st.SearchStrategy[Money]:
    return money_values(currency=st.just(c), min_value=low, max_value=high)


def transactions(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    skus: st.SearchStrategy[str | None] | None = None,
    channels: st.SearchStrategy[str] | None = None,
    days: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[Transaction]:
    """Ledger rows of every kind; sales and refunds carry units half the time.

    Args:
        currency: Where to draw the currency from.
        skus: SKUs (``None`` for account-level rows) from a small set by default.
        channels: Channels from a small set by default.
        days: Posting days, 2024–2027 by default.
    """
    if (
        wrong := _not_strategies(
            currency=currency, skus=skus, channels=channels, days=days
        )
    ) is not None:
        return wrong
    sku = st.none() | _SKUS if skus is None else skus
    channel = _CHANNELS if channels is None else channels
    day = st.dates(_FIRST, _LAST) if days is None else days

    @st.composite
    def draw(draw: st.DrawFn) -> Transaction:
        c = draw(_currency(currency))
        kind = draw(st.sampled_from(TransactionKind))
        name = draw(sku)
        units = 0
        if kind in _UNITS and name is not None:
            units = draw(st.integers(0, 20))
        return Transaction(
            kind=kind,
            posted_on=draw(day),
            amount=draw(_amounts(c)),
            channel=draw(channel),
            sku=name,
            quantity=units,
            settlement_id=draw(st.none() | st.sampled_from(["S1", "S2"])),
            campaign=draw(st.none() | st.sampled_from(["auto", "exact"]))
            if kind is TransactionKind.AD_SPEND
            else None,
        )

    return draw()


def receipts(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    skus: st.SearchStrategy[str] | None = None,
    days: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[Receipt]:
    """Receipts of stock at a unit cost, paid before or after (or unknown)."""
    if (wrong := _not_strategies(currency=currency, skus=skus, days=days)) is not None:
        return wrong
    day = st.dates(_FIRST, _LAST) if days is None else days
    return _currency(currency).flatmap(
        lambda c: st.builds(
            Receipt,
            sku=_SKUS if skus is None else skus,
            received_on=day,
            quantity=st.integers(1, 10_000),
            unit_cost=_amounts(c, 0, 10**4),
            paid_on=st.none() | day,
        )
    )


def ledgers(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    unit_costs: st.SearchStrategy[Money] | None = None,
    max_rows: int = 30,
) -> st.SearchStrategy[tuple[tuple[Transaction, ...], tuple[Receipt, ...]]]:
    """A ledger in one currency and receipts that cost every unit it sells.

    Each SKU gets an opening receipt on the first day large enough for
    every unit the ledger sells, plus later receipts, so the cost basis
    never runs short.

    Args:
        currency: Where to draw the ledger's currency from.
        unit_costs: Where to draw unit costs from (``st.just(...)`` for one
            constant cost); in the ledger's currency.
        max_rows: The most transactions.
    """
    if (wrong := _not_strategies(currency=currency, unit_costs=unit_costs)) is not None:
        return wrong

    @st.composite
    def draw(draw: st.DrawFn) -> tuple[tuple[Transaction, ...], tuple[Receipt, ...]]:
        c = draw(_currency(currency))
        start = draw(st.dates(dt.date(2025, 1, 1), dt.date(2026, 6, 30)))
        days = st.integers(0, 120).map(lambda n: start + dt.timedelta(days=n))
        rows = tuple(
            draw(
                st.lists(
                    transactions(currency=st.just(c), days=days, channels=_CHANNELS),
                    max_size=max_rows,
                )
            )
        )
        costs = _amounts(c, 0, 10**3) if unit_costs is None else unit_costs
        stock = []
        for name in sorted({t.sku for t in rows if t.sku is not None}):
            sold = sum(t.quantity for t in rows if t.sku == name)
            stock.append(
                Receipt(
                    sku=name,
                    received_on=start,
                    quantity=sold + 1,
                    unit_cost=draw(costs),
                )
            )
            stock.extend(
                Receipt(
                    sku=name,
                    received_on=draw(days),
                    quantity=draw(st.integers(1, 50)),
                    unit_cost=draw(costs),
                )
                for _ in range(draw(st.integers(0, 2)))
            )
        return rows, tuple(stock)

    return draw()


def supplier_terms() -> st.SearchStrategy[SupplierTerms]:
    """A deposit share, then the balance around any milestone."""
    return st.builds(
        SupplierTerms,
        deposit=_FRACTIONS,
        deposit_days=st.integers(0, 30),
        balance_after=st.sampled_from(["ordered", "shipped", "arrived", "available"]),
        balance_days=st.integers(-30, 60),
    )


def sell_throughs(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[SellThrough]:
    """A rate of 1 to 200 units a day, and proceeds per unit."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda c: st.builds(
            SellThrough,
            per_day=st.decimals(min_value=1, max_value=200, places=2),
            proceeds=_amounts(c, 0, 10**3),
        )
    )


def purchase_orders(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[PurchaseOrder]:
    """Purchase orders from order to shelf, with or without each cost and sales."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong

    @st.composite
    def draw(draw: st.DrawFn) -> PurchaseOrder:
        c = draw(_currency(currency))
        ordered = draw(st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)))
        steps = [draw(st.integers(0, 60)) for _ in range(3)]
        shipped = ordered + dt.timedelta(days=steps[0])
        arrives = shipped + dt.timedelta(days=steps[1])
        available = arrives + dt.timedelta(days=steps[2])
        cost = st.none() | _amounts(c, 0, 10**4)
        vat = draw(cost)
        return PurchaseOrder(
            name=draw(st.sampled_from(["PO-1", "PO-2", "PO-3"])),
            # At most MAX_SELLING_DAYS units: any drawn rate (>= 1 a day) sells them.
            units=draw(st.integers(1, 3650)),
            goods=draw(_amounts(c, 0, 10**5)),
            terms=draw(supplier_terms()),
            ordered_on=ordered,
            shipped_on=shipped,
            arrives_on=arrives,
            available_on=available,
            freight=draw(cost),
            duty=draw(cost),
            import_vat=vat,
            vat_recovered_on=None
            if vat is None
            else arrives + dt.timedelta(days=draw(st.integers(0, 90))),
            inbound=draw(cost),
            sales=draw(st.none() | sell_throughs(currency=st.just(c))),
        )

    return draw()


def payout_terms() -> st.SearchStrategy[PayoutTerms]:
    """Settlement periods of 1 to 31 days, a lag, a reserve below one half."""
    return st.builds(
        PayoutTerms,
        every_days=st.integers(1, 31),
        lag_days=st.integers(0, 10),
        reserve=st.decimals(min_value=0, max_value="0.5", places=2),
    )


def campaign_orders(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[CampaignOrder]:
    """Orders with a code, a UTM tag, both or neither."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda c: st.builds(
            CampaignOrder,
            order_id=st.sampled_from(["#1001", "#1002", "B0001"]),
            placed_on=st.dates(_FIRST, _LAST),
            revenue=_amounts(c, 0, 10**4),
            contribution=_amounts(c, -(10**3), 10**4),
            new_customer=st.booleans(),
            code=st.none() | st.sampled_from(["LENA10", "lena10", "JONAS"]),
            utm=st.none() | st.sampled_from(["jonas-home", "lena"]),
        )
    )


def influencer_deals(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[InfluencerDeal]:
    """Creators' deals with a code or a UTM tag (or both)."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    codes = st.sampled_from(["LENA10", "JONAS"])
    return _currency(currency).flatmap(
        lambda c: st.builds(
            InfluencerDeal,
            name=st.sampled_from(["Lena", "Jonas"]),
            fee=_amounts(c, 0, 10**4),
            gifted_units=st.integers(0, 50),
            unit_cost=_amounts(c, 0, 100),
            commission=_FRACTIONS,
            code=codes,
            utm=st.none() | st.sampled_from(["jonas-home", "lena"]),
        )
    )


@st.composite
def _email(draw: st.DrawFn, c: Currency) -> EmailCampaign:
    recipients = draw(st.integers(0, 10_000))
    orders = draw(st.integers(0, 500))
    return EmailCampaign(
        name=draw(st.sampled_from(["welcome flow", "gift guide"])),
        kind=draw(st.sampled_from(["campaign", "flow"])),
        recipients=recipients,
        opens=draw(st.integers(0, recipients)),
        clicks=draw(st.integers(0, recipients)),
        orders=orders,
        new_customers=draw(st.integers(0, orders)),
        revenue=draw(_amounts(c, 0, 10**5)),
        contribution=draw(_amounts(c, -(10**4), 10**5)),
        unsubscribes=draw(st.integers(0, recipients)),
        cost=draw(_amounts(c, 0, 10**3)),
    )


def email_campaigns(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[EmailCampaign]:
    """Email campaigns and flows with consistent counts."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(_email)


@st.composite
def _social(draw: st.DrawFn, c: Currency) -> SocialChannel:
    orders = draw(st.integers(0, 500))
    return SocialChannel(
        name=draw(st.sampled_from(["Instagram", "Pinterest", "TikTok"])),
        spend=draw(_amounts(c, 0, 10**4)),
        content=draw(_amounts(c, 0, 10**4)),
        impressions=draw(st.integers(0, 10**7)),
        clicks=draw(st.integers(0, 10**5)),
        orders=orders,
        new_customers=draw(st.integers(0, orders)),
        revenue=draw(_amounts(c, 0, 10**5)),
        contribution=draw(_amounts(c, -(10**4), 10**5)),
    )


def social_channels(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[SocialChannel]:
    """Social channels with spend, content and the orders they brought."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(_social)


def discounted_ltvs(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[DiscountedLtv]:
    """Lifetime values: retention below 1, a discount rate up to 20%, either timing."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda c: st.builds(
            DiscountedLtv,
            margin=_amounts(c, 0, 10**4),
            retention=st.decimals(min_value=0, max_value="0.99", places=2),
            discount_rate=st.decimals(min_value=0, max_value="0.2", places=3),
            timing=st.sampled_from(Timing),
            periods=st.none() | st.integers(1, 120),
        )
    )


def spend_steps(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[SpendStep]:
    """Slices of spend and the customers they bring."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda c: st.builds(
            SpendStep,
            spend=_amounts(c, 1, 10**4),
            customers=st.integers(0, 500),
        )
    )


def channel_curves(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[ChannelCurve]:
    """A channel's steps in one currency."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda c: st.builds(
            ChannelCurve,
            channel=st.sampled_from(["influencers", "social", "email"]),
            steps=st.lists(spend_steps(currency=st.just(c)), min_size=1, max_size=4),
        )
    )


def conversion_options(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[ConversionOption]:
    """Ways to convert payouts: a spread below 10%, a fee or none."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return _currency(currency).flatmap(
        lambda c: st.builds(
            ConversionOption,
            name=st.sampled_from(["marketplace", "account"]),
            spread=st.decimals(min_value=0, max_value="0.1", places=4),
            fee=st.none() | _amounts(c, 0, 10),
        )
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Transaction: transactions,
    Receipt: receipts,
    SupplierTerms: supplier_terms,
    SellThrough: sell_throughs,
    PurchaseOrder: purchase_orders,
    PayoutTerms: payout_terms,
    CampaignOrder: campaign_orders,
    InfluencerDeal: influencer_deals,
    EmailCampaign: email_campaigns,
    SocialChannel: social_channels,
    DiscountedLtv: discounted_ltvs,
    SpendStep: spend_steps,
    ChannelCurve: channel_curves,
    ConversionOption: conversion_options,
}
"""The strategy each ledger input model resolves to under ``st.from_type``."""
