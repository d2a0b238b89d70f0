"""Case B's own site: card fees, VAT, returns, and parcels sent straight from China.

(Private.) Stripe's rates are xborder's illustrative presets, each with its
source; everything else is illustrative, made up on 2026-09-15.
"""

from __future__ import annotations

from xborder.customs import Collector, Incoterm, TransportMode
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.examples.case_b._catalogue import AS_OF, Offer, check_market
from xborder.landed_cost import Charge, ChargeKind, Line, Shipment
from xborder.money import Money
from xborder.pricing import (
    FeeSchedule,
    FixedAmount,
    Resale,
    ReturnRateBasis,
    Returns,
    Vat,
    presets,
    split_vat,
)

__all__ = [
    "CLEARANCE_FEE",
    "PACKAGING",
    "RETURNS",
    "SITE_FEES",
    "VAT",
    "direct_parcel",
    "goods_price",
]

SITE_FEES = {
    "DE": FeeSchedule(
        name="Own site, Germany",
        currency="EUR",
        payment=presets.in_force(presets.STRIPE_EEA_CARDS, AS_OF),
    ),
    "US": FeeSchedule(
        name="Own site, US",
        currency="USD",
        payment=presets.in_force(presets.STRIPE_US_CARDS, AS_OF),
        # The US account pays out dollars; the brand's bank converts them to
        # euros at 1% below the market rate (illustrative).
        payout_conversion="0.01",
    ),
}
"""Card processing per store: Stripe's EEA and US pricing (illustrative presets)."""

VAT = {"DE": Vat(rate="0.19")}
"""Germany's shelf prices include 19% VAT. US prices are shown before sales
tax, which is added at checkout where the brand must collect it and passed on:
it is not in the waterfall."""

RETURNS = {
    "DE": Returns(
        rate="0.04",
        basis=ReturnRateBasis.PER_UNIT_ORDERED,
        handling=Money("5.50", "EUR"),
        resale=Resale(new="0.8"),
    ),
    "US": Returns(
        rate="0.05",
        basis=ReturnRateBasis.PER_UNIT_ORDERED,
        handling=Money("7.00", "USD"),
        resale=Resale(new="0.8"),
    ),
}
"""4% (5% in the US) of units ordered come back and are refunded; 80% are
resold as new, the rest written off (illustrative). The card processor keeps
its fee on a refund."""

PACKAGING = {
    "DE": FixedAmount(label="Recycled packaging", amount=Money("0.60", "EUR")),
    "US": FixedAmount(label="Recycled packaging", amount=Money("0.70", "USD")),
}
"""A recycled-cardboard mailer and paper fill per order (illustrative)."""

CLEARANCE_FEE = {"DE": Money("6.00", "EUR"), "US": Money("10.00", "USD")}
"""What the carrier bills a buyer for clearing a DAP parcel (illustrative)."""


def _offer(value: Offer) -> None:
    if not isinstance(value, Offer):
        raise InvalidTypeError(field="offer", value=value, expected="an Offer")


def goods_price(offer: Offer, country: str) -> Money:
    """The offer's price without VAT: what a parcel's goods are worth to customs."""
    _offer(offer)
    if check_market(country) == "DE":
        return split_vat(offer.price_de, VAT["DE"]).net
    return offer.price_us


def direct_parcel(offer: Offer, country: str, incoterm: Incoterm) -> Shipment:
    """One buyer's parcel sent from the brand's stock in China by dedicated line.

    Under DDP the brand pays duty and, in the EU, charges VAT at checkout
    (IOSS); under DAP the buyer pays both at the door, plus the carrier's
    clearance fee. The price includes delivery, so the customs value is the
    price paid (no freight is added to it).
    """
    _offer(offer)
    check_market(country)
    if not isinstance(incoterm, Incoterm):
        raise InvalidTypeError(field="incoterm", value=incoterm, expected="an Incoterm")
    if len(offer.contents) != 1:
        raise InvalidInputError(
            field="offer", value=offer.sku, expected="an offer of one product"
        )
    product = offer.contents[0]
    ddp = incoterm is Incoterm.DDP
    return Shipment(
        lines=(
            Line(
                sku=offer.sku,
                hs_code=product.hs_code,
                origin_country="CN",
                quantity=1,
                unit_price=goods_price(offer, country),
                unit_weight=offer.parcel.weight,
            ),
        ),
        export_country="CN",
        destination_country=country,
        incoterm=incoterm,
        mode=TransportMode.COURIER,
        import_date=AS_OF,
        charges=()
        if ddp
        else (
            Charge(
                name="carrier's clearance fee",
                amount=CLEARANCE_FEE[country],
                kind=ChargeKind.BROKER,
            ),
        ),
        collector=Collector.SELLER if ddp else None,
    )
