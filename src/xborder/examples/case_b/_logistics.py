"""Case B's ways to a buyer: from China by express or dedicated line, or a local 3PL.

(Private.) Every rate card and fee is illustrative, made up on 2026-09-15.
"""

from __future__ import annotations

import attrs

from xborder.examples.case_b._catalogue import (
    SEA_FREIGHT,
    SOURCE,
    UTENSILS,
    check_market,
)
from xborder.logistics import (
    DimRule,
    FirstMile,
    Fulfilment,
    FulfilmentFeeTable,
    Mode,
    RateCard,
    ServiceOption,
    SizeLimits,
    SizeTier,
    Surcharge,
    Tracking,
    TransitTime,
)
from xborder.money import Money

__all__ = [
    "COST_OF_CAPITAL",
    "DEDICATED_LINE",
    "EXPRESS",
    "LATE_DELIVERY",
    "LOSS",
    "PROMISED_DAYS",
    "THREE_PL",
    "delivery_options",
]


def _days(low: int, typical: int, p90: int, high: int) -> TransitTime:
    return TransitTime.from_days(minimum=low, typical=typical, p90=p90, maximum=high)


def _cny(amount: str) -> Money:
    return Money(amount, "CNY")


def _express(where: str, first: str, step: str) -> ServiceOption:
    return ServiceOption(
        name="Express from China (DDP)",
        mode=Mode.EXPRESS,
        rate_card=RateCard.first_additional(
            first_weight="0.5 kg",
            first_price=_cny(first),
            step="0.5 kg",
            step_price=_cny(step),
            max_weight="30 kg",
            source=SOURCE,
        ),
        dim_rule=DimRule(divisor="5000 cm**3/kg", weight_step="0.5 kg"),
        surcharges=(Surcharge.fuel("0.18"),),
        transit=_days(3, 5, 7, 10) if where == "DE" else _days(4, 5, 8, 12),
        loss_rate="0.002",
        tracking=Tracking.FULL,
        duties_paid=True,
    )


def _line(rate: str, fee: str, days: TransitTime) -> ServiceOption:
    return ServiceOption(
        name="Dedicated line from China (DDP)",
        mode=Mode.DEDICATED_LINE,
        rate_card=RateCard.per_weight(
            rate=_cny(rate), item_fee=_cny(fee), max_weight="30 kg", source=SOURCE
        ),
        transit=days,
        loss_rate="0.006",
        tracking=Tracking.FULL,
        duties_paid=True,
    )


EXPRESS = {"DE": _express("DE", "105", "32"), "US": _express("US", "118", "36")}
"""Commercial express from the brand's Xiamen stock, duties paid."""

DEDICATED_LINE = {
    "DE": _line("68", "18", _days(6, 9, 13, 20)),
    "US": _line("82", "22", _days(6, 10, 15, 22)),
}
"""A forwarder's consolidated air line to each market, duties paid."""


def _fees(
    where: str, order_fee: Money, breaks: tuple[tuple[str, Money], ...], storage: Money
) -> Fulfilment:
    return Fulfilment(
        fees=FulfilmentFeeTable(
            name=f"3PL in {where}: delivery by parcel ({SOURCE})",
            tiers=(
                SizeTier(
                    name="parcel",
                    limits=SizeLimits(weight="2 kg", longest="60 cm"),
                    fee=RateCard.weight_breaks(breaks, source=SOURCE),
                ),
            ),
        ),
        order_fee=order_fee,
        storage_per_unit_month=storage,
        days_in_stock="60 days",
    )


def _partner(name: str, fulfilment: Fulfilment) -> ServiceOption:
    return ServiceOption(
        name=name,
        mode=Mode.OVERSEAS_WAREHOUSE,
        transit=_days(1, 2, 3, 5),
        loss_rate="0.001",
        tracking=Tracking.FULL,
        duties_paid=True,
        fulfilment=fulfilment,
    )


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


_WHERE = {"DE": "Germany", "US": "the US"}
_FEES = {
    "DE": _fees(
        "Germany",
        _eur("2.20"),
        (("1 kg", _eur("3.95")), ("2 kg", _eur("4.45"))),
        _eur("0.06"),
    ),
    "US": _fees(
        "the US",
        _usd("2.75"),
        (("1 lb", _usd("5.10")), ("2 lb", _usd("5.85")), ("2 kg", _usd("6.90"))),
        _usd("0.08"),
    ),
}

THREE_PL = {
    country: _partner(f"3PL in {where}", _FEES[country])
    for country, where in _WHERE.items()
}
"""The local partners: pick and pack per order, delivery by weight, storage.

Their first mile (the sea restock) is not here: it is in the landed cost.
"""

PROMISED_DAYS = 7
"""The site promises delivery within a week."""

COST_OF_CAPITAL = "0.12"
"""What money tied up in stock costs the brand a year."""

LATE_DELIVERY = {
    "DE": (_eur("2.00"), _eur("0.50")),
    "US": (_usd("2.50"), _usd("0.60")),
}
"""A late order's cost (a goodwill voucher) and its cost per day late."""

LOSS = {"DE": _eur("20.00"), "US": _usd("24.00")}
"""A lost parcel's cost beyond the goods: a second parcel and an apology."""


def delivery_options(country: str) -> tuple[ServiceOption, ...]:
    """Express, dedicated line and the 3PL stocked by sea, for a utensil set."""
    country = check_market(country)
    stocked = attrs.evolve(
        _FEES[country],
        first_mile=FirstMile(
            service=SEA_FREIGHT[country],
            carton=UTENSILS.carton,
            units_per_carton=UTENSILS.units_per_carton,
            destination=country,
        ),
    )
    local = _partner(f"3PL in {_WHERE[country]}, stocked by sea", stocked)
    return (EXPRESS[country], DEDICATED_LINE[country], local)
