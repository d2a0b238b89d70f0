"""Case B's goods, exchange rates and tariff, and the sea restocks (private).

Every rate, price and fee here is illustrative, made up on 2026-09-15 for
Tutorial B to have the shape of real data; none is market data or a tariff.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from xborder._validate import named_errors, positive_count, text, tuple_of
from xborder.customs import (
    AdValorem,
    Incoterm,
    MeasureKind,
    Tariff,
    TariffMeasure,
    TransportMode,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.examples._fields import is_a
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import AllocationBasis, Charge, ChargeKind, Line, Shipment
from xborder.logistics import (
    Charging,
    Consignment,
    DimRule,
    Mode,
    Parcel,
    RateCard,
    ServiceOption,
    Tracking,
    TransitTime,
    quote,
)
from xborder.money import Money
from xborder.units import as_mass, as_volume

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "AS_OF",
    "BRUSHES",
    "FX",
    "KIT",
    "MARKETS",
    "OFFERS",
    "PRODUCTS",
    "RESTOCK_CARTONS",
    "SEA_FREIGHT",
    "SOURCE",
    "TARIFFS",
    "UTENSILS",
    "WRAPS",
    "Offer",
    "Product",
    "check_market",
    "restock",
]

AS_OF = dt.date(2026, 9, 15)
"""The day of the case's rates, rules and fees."""

MARKETS = ("DE", "US")
"""The case's markets: Germany for the EU, the United States."""


def check_market(country: str) -> str:
    """``country`` if it is one of the case's :data:`MARKETS`.

    Raises:
        InvalidInputError: Any other value, named ``country``.
    """
    try:
        return market_code(country)
    except XborderError as error:
        raise error.in_field("country") from None


def market_code(value: str) -> str:
    """Converter: one of the case's :data:`MARKETS`."""
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected=_MARKET_CODES)
    if value not in MARKETS:
        raise InvalidInputError(field=None, value=value, expected=_MARKET_CODES)
    return value


_MARKET_CODES = "'DE' or 'US', the case's markets"


SOURCE = "illustrative, 2026-09-15: made up for xborder's Tutorial B, not market data"
"""The label every made-up rate carries."""

FX = FxTable(
    rates=(
        FxRate(base="USD", quote="EUR", rate="0.8650", as_of=AS_OF, source=SOURCE),
        FxRate(base="USD", quote="CNY", rate="7.1200", as_of=AS_OF, source=SOURCE),
    ),
    pivot="USD",
)
"""The brand's rates: 1 USD buys each ``rate`` of the quote currency."""


def _price(value: Money) -> Money:
    if not isinstance(value, Money):
        raise InvalidTypeError(field=None, value=value, expected="Money")
    if value.amount <= 0:
        raise InvalidInputError(field=None, value=value, expected="a price > 0")
    return value


def _mass_text(value: str) -> str:
    as_mass(text(value))  # "340 g": kept as written, checked to be a mass
    return value


def _volume_text(value: str) -> str:
    as_volume(text(value))
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Product:
    """A product the brand has made in China and imports in master cartons.

    Args:
        sku: The stock-keeping unit.
        name: What it is.
        hs_code: Its classification (illustrative: classify your own goods).
        factory_price: The supplier's price per unit, FOB Xiamen.
        unit_weight: One unit, packed for sale.
        unit_volume: Its share of a master carton (which splits the freight).
        carton: One master carton as the forwarder measures it.
        units_per_carton: Sellable units in a carton.
    """

    sku: str = attrs.field(converter=text)
    name: str = attrs.field(converter=text)
    hs_code: str = attrs.field(converter=text)
    factory_price: Money = attrs.field(converter=_price)
    unit_weight: str = attrs.field(converter=_mass_text)
    unit_volume: str = attrs.field(converter=_volume_text)
    carton: Parcel = attrs.field(validator=is_a(Parcel))
    units_per_carton: int = attrs.field(converter=positive_count)


def _contents(values: Iterable[Product]) -> tuple[Product, ...]:
    products = tuple_of(values, Product)
    if not products:
        raise InvalidInputError(
            field=None, value=products, expected="a product or more"
        )
    return products


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Offer:
    """What the site sells: one product or a bundle, in one parcel.

    Args:
        sku: The site's SKU.
        name: The name on the site.
        contents: The products in it.
        parcel: The parcel as packed for the buyer.
        price_de: The German shelf price, 19% VAT included.
        price_us: The US price, before sales tax.
    """

    sku: str = attrs.field(converter=text)
    name: str = attrs.field(converter=text)
    contents: tuple[Product, ...] = attrs.field(converter=_contents)
    parcel: Parcel = attrs.field(validator=is_a(Parcel))
    price_de: Money = attrs.field(converter=_price)
    price_us: Money = attrs.field(converter=_price)

    def __attrs_post_init__(self) -> None:
        for name, code in (("price_de", "EUR"), ("price_us", "USD")):
            price = getattr(self, name)
            if price.currency.code != code:
                raise CurrencyMismatchError(
                    field=name, value=price, expected=f"an amount in {code}"
                )


UTENSILS = Product(
    sku="BAM-UT",
    name="bamboo utensil set, 6 pieces in a cotton pouch",
    hs_code="4419.19",
    factory_price=Money("6.80", "USD"),
    unit_weight="340 g",
    unit_volume="1400 cm**3",
    carton=Parcel(dimensions="60 x 40 x 35 cm", weight="21 kg"),
    units_per_carton=60,
)
WRAPS = Product(
    sku="WAX-3",
    name="beeswax food wraps, set of 3",
    hs_code="5907.00",
    factory_price=Money("3.90", "USD"),
    unit_weight="110 g",
    unit_volume="500 cm**3",
    carton=Parcel(dimensions="50 x 40 x 30 cm", weight="14 kg"),
    units_per_carton=120,
)
BRUSHES = Product(
    sku="SIS-2",
    name="sisal and beech dish brushes, set of 2",
    hs_code="9603.90",
    factory_price=Money("2.60", "USD"),
    unit_weight="160 g",
    unit_volume="800 cm**3",
    carton=Parcel(dimensions="50 x 40 x 40 cm", weight="17 kg"),
    units_per_carton=100,
)
PRODUCTS = (UTENSILS, WRAPS, BRUSHES)
"""What the brand imports, in restock order."""

KIT = Offer(
    sku="KIT-ZW",
    name="zero-waste kitchen kit (utensils + wraps)",
    contents=(UTENSILS, WRAPS),
    parcel=Parcel(dimensions="30 x 22 x 8 cm", weight="520 g"),
    price_de=Money("55.00", "EUR"),
    price_us=Money("62.00", "USD"),
)
OFFERS = (
    Offer(
        sku="BAM-UT",
        name="bamboo utensil set",
        contents=(UTENSILS,),
        parcel=Parcel(dimensions="28 x 12 x 6 cm", weight="380 g"),
        price_de=Money("39.00", "EUR"),
        price_us=Money("44.00", "USD"),
    ),
    Offer(
        sku="WAX-3",
        name="beeswax wraps, set of 3",
        contents=(WRAPS,),
        parcel=Parcel(dimensions="25 x 18 x 3 cm", weight="150 g"),
        price_de=Money("22.00", "EUR"),
        price_us=Money("25.00", "USD"),
    ),
    Offer(
        sku="SIS-2",
        name="dish brushes, set of 2",
        contents=(BRUSHES,),
        parcel=Parcel(dimensions="25 x 12 x 8 cm", weight="200 g"),
        price_de=Money("16.00", "EUR"),
        price_us=Money("18.00", "USD"),
    ),
    KIT,
)
"""The site's catalogue: three products and a bundle."""

_CN = ("CN",)


def _duty(hs_code: str, rate: str) -> TariffMeasure:
    return TariffMeasure(hs_code=hs_code, duty=AdValorem(rate))


def _on_china(hs_code: str, rate: str) -> TariffMeasure:
    return TariffMeasure(
        hs_code=hs_code,
        duty=AdValorem(rate),
        kind=MeasureKind.RETALIATORY,
        origins=_CN,
    )


TARIFFS = {
    "DE": Tariff(
        measures=(
            _duty("4419.19", "0.03"),
            _duty("5907.00", "0.049"),
            _duty("9603.90", "0.037"),
        )
    ),
    "US": Tariff(
        measures=(
            _duty("4419.19", "0.032"),
            _duty("5907.00", "0.068"),
            _duty("9603.90", "0.028"),
            _on_china("4419.19", "0.25"),
            _on_china("5907.00", "0.25"),
            _on_china("9603.90", "0.25"),
        )
    ),
}
"""Illustrative duty rates (not the EU's TARIC or the US HTS: look yours up).

The US rows add a 25% additional duty on Chinese origin, the shape of the
Section 301 duties; which apply to your goods, and at what rate, changes.
"""

SEA_FREIGHT = {
    country: ServiceOption(
        name=f"Sea LCL to the {where} warehouse",
        mode=Mode.SEA_FREIGHT,
        rate_card=RateCard.per_weight(
            rate=Money(rate, "CNY"),
            max_weight="20000 kg",
            charging=Charging.PER_SHIPMENT,
            source=SOURCE,
        ),
        # LCL is billed weight or measure: a cubic metre counts as 1,000 kg.
        dim_rule=DimRule(divisor="1000 cm**3/kg", weight_step="1 kg"),
        transit=TransitTime.from_days(
            minimum=low, typical=typical, p90=p90, maximum=high
        ),
        loss_rate="0.002",
        tracking=Tracking.FULL,
    )
    for country, where, rate, (low, typical, p90, high) in (
        ("DE", "German", "1.60", (28, 35, 44, 60)),
        ("US", "US", "1.90", (20, 25, 32, 45)),
    )
}
"""The forwarder's door-to-warehouse sea freight (LCL), per market."""

RESTOCK_CARTONS = {UTENSILS.sku: 10, WRAPS.sku: 10, BRUSHES.sku: 5}
"""Master cartons per SKU in one restock booking."""

_INSURANCE = Money("30.00", "USD")
_BROKER = {"DE": Money("95.00", "EUR"), "US": Money("150.00", "USD")}


def restock(country: str) -> Shipment:
    """One sea restock of the brand's warehouse in ``country`` ("DE" or "US").

    The brand imports in its own name (DDP to its warehouse): it pays freight,
    the customs broker, duty and, in Germany, import VAT, which it reclaims.
    Freight is the forwarder's quote for the cartons, in yuan.
    """
    country = check_market(country)
    cartons = Consignment(
        parcels=tuple(
            attrs.evolve(p.carton, pieces=RESTOCK_CARTONS[p.sku]) for p in PRODUCTS
        )
    )
    freight = quote(cartons, SEA_FREIGHT[country], destination=country).total
    return Shipment(
        lines=tuple(
            Line(
                sku=p.sku,
                description=p.name,
                hs_code=p.hs_code,
                origin_country="CN",
                quantity=RESTOCK_CARTONS[p.sku] * p.units_per_carton,
                unit_price=p.factory_price,
                unit_weight=p.unit_weight,
                unit_volume=p.unit_volume,
            )
            for p in PRODUCTS
        ),
        export_country="CN",
        destination_country=country,
        incoterm=Incoterm.DDP,
        mode=TransportMode.OCEAN,
        import_date=AS_OF,
        freight=freight,
        insurance=_INSURANCE,
        charges=(
            Charge(
                name="customs broker", amount=_BROKER[country], kind=ChargeKind.BROKER
            ),
        ),
        freight_basis=AllocationBasis.VOLUME,
    )
