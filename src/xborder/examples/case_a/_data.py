"""Case A's inputs (private; see :mod:`xborder.examples.case_a`)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

from xborder._country import country_code
from xborder._validate import non_negative_count
from xborder.customs import (
    AdValorem,
    Incoterm,
    MeasureKind,
    Tariff,
    TariffMeasure,
    TransportMode,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.forecast import SalesHistory, SimpleExponentialSmoothing
from xborder.fx import FxRate, FxTable
from xborder.inventory import (
    ContainerSku,
    Demand,
    InboundShipment,
    LeadTime,
    LeadTimeLeg,
    OrderConstraints,
    ServiceTarget,
    StockNode,
    StockPosition,
)
from xborder.kpi import (
    AttributionWindow,
    Bid,
    FunnelStats,
    ReviewStats,
    rows_from_records,
)
from xborder.landed_cost import AllocationBasis, Line, Shipment
from xborder.logistics import (
    Band,
    Charging,
    Contents,
    DimRule,
    FirstAdditional,
    FirstMile,
    Flat,
    Fulfilment,
    FulfilmentFeeTable,
    Mode,
    Parcel,
    RateCard,
    Restrictions,
    ServiceOption,
    SizeLimits,
    SizeTier,
    Surcharge,
    SurchargeBasis,
    Tracking,
    TransitTime,
)
from xborder.money import Money, RoundingMode
from xborder.pricing import (
    AdSpend,
    FeeSchedule,
    PriceEnding,
    RateBand,
    ReferralFee,
    ReturnRateBasis,
    Returns,
    TierMode,
    Vat,
    VatBasis,
    presets,
)
from xborder.units import Dimensions

__all__ = [
    "ACCOUNT_ORDERS_60_DAYS",
    "ADS_SHARE",
    "AIR_ROUTE",
    "AMAZON_UK_ELECTRONICS_ACCESSORIES",
    "ATTRIBUTION",
    "BIDS",
    "CARRYING_RATE",
    "CARTON",
    "CONSTRAINTS",
    "DAY",
    "DEFECTS_60_DAYS",
    "DEMAND",
    "FBA_TIERS",
    "FORECAST_METHOD",
    "FULFILMENT_FEES",
    "FUNNEL",
    "FX",
    "HOLDER",
    "LINES",
    "LISTED_PRICE",
    "MARKETS",
    "MARKET_STOCK",
    "OPTIONS",
    "ORDER_COST",
    "ORDER_QUANTITY",
    "PEAK_START",
    "PRICE_ENDING",
    "PURCHASE_ORDER",
    "RETURNS",
    "REVIEWS",
    "SALES",
    "SEARCH_TERMS",
    "SEARCH_TERM_EXPORT",
    "SEA_FREIGHT",
    "SEA_ROUTE",
    "SERVICE",
    "SOURCE",
    "STOCK",
    "TARGET_MARGIN",
    "TARIFFS",
    "UNITS_PER_CARTON",
    "UNIT_COST",
    "VAT",
    "ads",
    "container_skus",
    "shipment",
]

DAY = dt.date(2026, 9, 15)
"""The day of the case: every rate, rule and report is as of this day."""

SOURCE = "illustrative data for xborder's Case A (2026-09), not market data"

UNIT_COST = Money("2.35", "USD")
"""What the factory charges for one holder, ex works Shenzhen."""

MARKETS = ("US", "GB", "DE")


def check_country(country: str) -> str:
    """``country`` if it is one of the case's :data:`MARKETS`, else name it."""
    if not isinstance(country, str):
        raise InvalidTypeError(field="country", value=country, expected=_MARKET_CODES)
    if country not in MARKETS:
        raise InvalidInputError(field="country", value=country, expected=_MARKET_CODES)
    return country


_MARKET_CODES = "'US', 'GB' or 'DE', the case's markets"


def _destination(country: str) -> str:
    # Any destination (the how-to prices for five markets), named as the
    # argument rather than the shipment's field.
    try:
        return country_code(country)
    except XborderError as error:
        raise error.in_field("country") from None


FX = FxTable(
    rates=(
        FxRate(base="USD", quote="EUR", rate="0.8650", as_of=DAY, source=SOURCE),
        FxRate(base="USD", quote="GBP", rate="0.7610", as_of=DAY, source=SOURCE),
        FxRate(base="USD", quote="JPY", rate="153.20", as_of=DAY, source=SOURCE),
        FxRate(base="USD", quote="CNY", rate="7.1200", as_of=DAY, source=SOURCE),
    ),
    pivot="USD",
)

# -- 1. landed cost: the monthly stock shipment to each marketplace warehouse --

HOLDER = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
"""One holder in its retail box, as a carrier or warehouse measures it."""

LINES = tuple(
    Line(
        sku=sku,
        description=f"phone holder, {colour}, ABS",
        hs_code="3926.90",
        origin_country="CN",
        quantity=quantity,
        unit_price=UNIT_COST,
        unit_weight="120 g",
        unit_volume="600 cm**3",
    )
    for sku, colour, quantity in (("PH-BLK", "black", 300), ("PH-WHT", "white", 200))
)
"""A month of stock for one marketplace: 300 black and 200 white holders."""

TARIFFS = {
    "US": Tariff(
        measures=[
            TariffMeasure(hs_code="3926.90", duty=AdValorem("0.053")),
            TariffMeasure(
                hs_code="3926.90",
                duty=AdValorem("0.25"),
                kind=MeasureKind.RETALIATORY,
                origins=["CN"],
            ),
        ]
    ),
    "GB": Tariff(measures=[TariffMeasure(hs_code="3926.90", duty=AdValorem("0.06"))]),
    "DE": Tariff(measures=[TariffMeasure(hs_code="3926.90", duty=AdValorem("0.065"))]),
}
"""Illustrative duty rows for HS 3926.90 (other articles of plastics)."""


def shipment(country: str) -> Shipment:
    """The month's stock flown to the marketplace's warehouse in ``country``.

    The seller is importer of record (DDP to the warehouse) and pays
    US$180 of air freight and US$6 of insurance for the 500 holders.
    """
    return Shipment(
        lines=LINES,
        export_country="CN",
        destination_country=_destination(country),
        incoterm=Incoterm.DDP,
        mode=TransportMode.AIR,
        import_date=DAY,
        freight=Money("180.00", "USD"),
        insurance=Money("6.00", "USD"),
        freight_basis=AllocationBasis.WEIGHT,
    )


# -- 2. logistics: the ways to reach a buyer in the United States ------------


def _cny(amount: str) -> Money:
    return Money(amount, "CNY")


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


_CARDS = "illustrative rate cards for xborder's Case A (2026-09); not a tariff"

_POSTAL = ServiceOption(
    name="Postal small packet",
    mode=Mode.POSTAL,
    rate_card=RateCard.per_weight(
        rate=_cny("70"), item_fee=_cny("10"), max_weight="2 kg", source=_CARDS
    ),
    transit=TransitTime.from_days(minimum=10, typical=16, p90=24, maximum=35),
    loss_rate="0.02",
    tracking=Tracking.PARTIAL,
    restrictions=Restrictions(
        limits=SizeLimits(weight="2 kg", longest="60 cm", sum_of_sides="90 cm"),
        accepts={Contents.BATTERY_IN_EQUIPMENT},
    ),
)

_DEDICATED_LINE = ServiceOption(
    name="Dedicated line",
    mode=Mode.DEDICATED_LINE,
    rate_card=RateCard.per_weight(
        rate=_cny("62"), item_fee=_cny("18"), max_weight="30 kg", source=_CARDS
    ),
    dim_rule=DimRule(divisor="6000 cm**3/kg", longest_side_over="60 cm"),
    transit=TransitTime.from_days(minimum=7, typical=9, p90=12, maximum=18),
    loss_rate="0.005",
    tracking=Tracking.FULL,
    duties_paid=True,
)

_EXPRESS = ServiceOption(
    name="Express",
    mode=Mode.EXPRESS,
    rate_card=RateCard.first_additional(
        first_weight="0.5 kg",
        first_price=_cny("150"),
        step="0.5 kg",
        step_price=_cny("45"),
        max_weight="30 kg",
        source=_CARDS,
    ),
    dim_rule=DimRule(divisor="5000 cm**3/kg", weight_step="0.5 kg"),
    surcharges=(
        Surcharge.remote_area(
            _cny("3"), basis=SurchargeBasis.PER_KG, minimum=_cny("180")
        ),
        Surcharge.fuel("0.2"),
    ),
    transit=TransitTime.from_days(minimum=3, typical=4, p90=6, maximum=9),
    loss_rate="0.002",
    tracking=Tracking.FULL,
    duties_paid=True,
)

FBA_TIERS = FulfilmentFeeTable(
    name="FBA-style US fees (illustrative)",
    tiers=(
        SizeTier(
            name="Small standard",
            limits=SizeLimits(
                weight="16 oz", longest="15 in", median="12 in", shortest="0.75 in"
            ),
            fee=RateCard.weight_breaks(
                [("4 oz", _usd("3.06")), ("16 oz", _usd("3.33"))]
            ),
        ),
        SizeTier(
            name="Large standard",
            limits=SizeLimits(
                weight="20 lb", longest="18 in", median="14 in", shortest="8 in"
            ),
            fee=RateCard(
                bands=(
                    Band(up_to="4 oz", price=Flat(_usd("3.68"))),
                    Band(up_to="8 oz", price=Flat(_usd("3.90"))),
                    Band(up_to="16 oz", price=Flat(_usd("4.55"))),
                    Band(
                        up_to="20 lb",
                        price=FirstAdditional(
                            first_weight="1 lb",
                            first_price=_usd("4.55"),
                            step="0.25 lb",
                            step_price=_usd("0.16"),
                        ),
                    ),
                )
            ),
            weight_rule=DimRule(divisor="139 in**3/lb", weight_step="1 oz"),
        ),
    ),
)
"""The geometry of Amazon's US size tiers (2024) with made-up fees."""

CARTON = Parcel(dimensions="60 x 40 x 40 cm", weight="13 kg")
"""A master carton of 100 holders, as the first mile carries it."""

UNITS_PER_CARTON = 100


def _first_mile(
    name: str, mode: Mode, per_kg: str, days: tuple[int, int, int, int]
) -> ServiceOption:
    low, typical, p90, high = days
    return ServiceOption(
        name=name,
        mode=mode,
        loss_rate="0.003",
        tracking=Tracking.FULL,
        rate_card=RateCard.per_weight(
            rate=_cny(per_kg), max_weight="500 kg", charging=Charging.PER_SHIPMENT
        ),
        dim_rule=DimRule(divisor="6000 cm**3/kg", weight_step="1 kg"),
        transit=TransitTime.from_days(
            minimum=low, typical=typical, p90=p90, maximum=high
        ),
    )


def _warehouse(name: str, first_mile: ServiceOption) -> ServiceOption:
    return ServiceOption(
        name=name,
        mode=Mode.OVERSEAS_WAREHOUSE,
        transit=TransitTime.from_days(minimum=1, typical=2, p90=4, maximum=6),
        loss_rate="0.001",
        tracking=Tracking.FULL,
        duties_paid=True,
        fulfilment=Fulfilment(
            fees=FBA_TIERS,
            first_mile=FirstMile(
                service=first_mile,
                carton=CARTON,
                units_per_carton=UNITS_PER_CARTON,
                destination="US",
            ),
            storage_per_unit_month=_usd("0.02"),
            days_in_stock="45 days",
        ),
    )


OPTIONS = (
    _POSTAL,
    _DEDICATED_LINE,
    _EXPRESS,
    _warehouse(
        "FBA, sea first mile",
        _first_mile("Sea first mile", Mode.SEA_FREIGHT, "11", (25, 32, 40, 50)),
    ),
    _warehouse(
        "FBA, air first mile",
        _first_mile("Air first mile", Mode.AIR_FREIGHT, "38", (8, 10, 13, 18)),
    ),
)
"""Postal small packet, dedicated line, express, and the marketplace's
warehouse stocked by sea or by air."""

# -- 3. prices: fees, VAT and allowances per market ----------------------------

AMAZON_UK_ELECTRONICS_ACCESSORIES = FeeSchedule(
    name="Amazon.co.uk, Electronics Accessories (illustrative)",
    currency="GBP",
    referral=ReferralFee(
        category="Electronics Accessories",
        bands=(
            RateBand(rate="0.15", up_to=Money("100.00", "GBP")),
            RateBand(rate="0.08"),
        ),
        mode=TierMode.MARGINAL,
        basis=VatBasis.INCLUSIVE,
    ),
    illustrative=True,
)
"""Made up for the case on the pattern of xborder's Amazon.de preset:
15% of the VAT-inclusive price up to £100, 8% above. Not Amazon's schedule."""

FULFILMENT_FEES = {
    "GB": Money("2.60", "GBP"),
    "DE": Money("2.70", "EUR"),
}
"""Illustrative per-unit fulfilment fees in the UK and Germany (the US fee
comes from :data:`FBA_TIERS`)."""

VAT = {"US": None, "GB": Vat(rate="0.20"), "DE": Vat(rate="0.19")}
"""Consumer prices include VAT in the UK (20%) and Germany (19%); US sales tax
is added at checkout and collected by the marketplace, so it is not in the
seller's price."""

RETURNS = {
    "US": Returns(
        rate="0.03",
        basis=ReturnRateBasis.PER_UNIT_ORDERED,
        handling=Money("1.50", "USD"),
        refund_fee=presets.AMAZON_US_REFUND_ADMINISTRATION_FEE,
    ),
    "GB": Returns(
        rate="0.03",
        basis=ReturnRateBasis.PER_UNIT_ORDERED,
        handling=Money("1.20", "GBP"),
        refund_fee=presets.AMAZON_UK_REFUND_ADMINISTRATION_FEE,
    ),
    "DE": Returns(
        rate="0.04",
        basis=ReturnRateBasis.PER_UNIT_ORDERED,
        handling=Money("1.30", "EUR"),
        refund_fee=presets.AMAZON_EU_REFUND_ADMINISTRATION_FEE,
    ),
}
"""Returns expected: 3-4% of units ordered, as the marketplaces report them.
Each is refunded in full; Amazon credits the referral fee back less its
refund administration fee; the returned holder is written off (shipping a
US$3 holder back to Shenzhen costs more than it), and the return label and
processing cost its handling."""

ADS_SHARE = "0.10"
"""Advertising budgeted at 10% of sales in every market (a TACoS target)."""

TARGET_MARGIN = "0.20"
"""The contribution margin after ads the seller wants in every market."""

PRICE_ENDING = PriceEnding.ends_in("0.99")


def ads(country: str) -> AdSpend:
    """The advertising allowance in ``country`` (a share of what the buyer pays)."""
    vat = VAT[check_country(country)]
    return AdSpend.of_sales(ADS_SHARE, sales_include_vat=vat is not None)


# -- 4. advertising: last week's search-term report for the US listing --------

ATTRIBUTION = AttributionWindow(click_days=7)

LISTED_PRICE = Money("14.99", "USD")
"""The US price the seller lists at: the price step of the case finds it."""

SEARCH_TERM_EXPORT = """\
campaign,ad_group,targeting,match_type,search_term,impressions,clicks,spend,orders,sales
PH Auto,Auto,close-match,auto,car phone holder,5200,61,18.30,7,104.93
PH Auto,Auto,close-match,auto,phone holder for car vent,2100,28,8.96,3,44.97
PH Auto,Auto,loose-match,auto,phone stand,3400,22,7.04,0,0.00
PH Auto,Auto,substitutes,auto,b0cxyz1234,800,11,3.52,2,29.98
PH Auto,Auto,complements,auto,phone case,6100,4,1.28,0,0.00
PH Auto,Auto,close-match,auto,magnetic car mount,1500,18,6.30,2,29.98
PH Broad,Broad,phone holder,broad,bike phone holder,1200,15,6.00,1,14.99
PH Broad,Broad,phone holder,broad,phone holder,4000,50,22.50,3,44.97
PH Exact,Exact,car phone holder,exact,car phone holder,3000,45,20.25,5,74.95
PH Exact,Exact,car mount,exact,car mount,2500,30,13.50,1,14.99
PH Exact,Exact,dashboard phone holder,exact,dashboard phone holder,700,6,2.70,0,0.00
"""
"""Last week's search-term report for the US listing, as the marketplace
exports it (7-day attribution; an order sells one holder at the listed price)."""

SEARCH_TERMS = tuple(
    rows_from_records(csv.DictReader(SEARCH_TERM_EXPORT.splitlines()), currency="USD")
)
"""The export's rows, typed."""

BIDS = tuple(
    Bid(
        campaign="PH Exact",
        ad_group="Exact",
        targeting=keyword,
        match_type="exact",
        bid=Money(bid, "USD"),
    )
    for keyword, bid in (
        ("car phone holder", "0.55"),
        ("car mount", "0.60"),
        ("dashboard phone holder", "0.40"),
    )
)
"""The exact campaign's current bids."""

# -- 5. replenishment of the US warehouse -------------------------------------

SEA_ROUTE = LeadTime(
    legs=(
        LeadTimeLeg(name="factory", mean="15 days", sd="3 days", kind="production"),
        LeadTimeLeg(name="first mile to Yantian", mean="3 days", sd="1 day"),
        LeadTimeLeg(name="sea to Los Angeles", mean="4 weeks", sd="6 days"),
        LeadTimeLeg(name="customs", mean="4 days", sd="2 days", kind="handling"),
        LeadTimeLeg(
            name="warehouse receiving", mean="7 days", sd="3 days", kind="handling"
        ),
    )
)

AIR_ROUTE = LeadTime(
    legs=(
        LeadTimeLeg(name="factory", mean="15 days", sd="3 days", kind="production"),
        LeadTimeLeg(name="first mile to the airport", mean="2 days", sd="1 day"),
        LeadTimeLeg(name="air to Los Angeles", mean="5 days", sd="2 days"),
        LeadTimeLeg(name="customs", mean="2 days", sd="1 day", kind="handling"),
        LeadTimeLeg(
            name="warehouse receiving", mean="5 days", sd="2 days", kind="handling"
        ),
    )
)

SALES = SalesHistory(
    units=(
        123,
        134,
        166,
        176,
        201,
        130,
        180,
        210,
        194,
        183,
        175,
        201,
        172,
        156,
        127,
        163,
        133,
        129,
        154,
        123,
        121,
        147,
        149,
        146,
        137,
        156,
        120,
        61,
        0,
        153,
        108,
        134,
        154,
        126,
        173,
        132,
        137,
        122,
        126,
        161,
        120,
        145,
        117,
        192,
        136,
        142,
        201,
        163,
        118,
        149,
        156,
        166,
        133,
        144,
        148,
        148,
        121,
        150,
        110,
        167,
        138,
        141,
        232,
        186,
        69,
        121,
        109,
        150,
        90,
        147,
        164,
        88,
        136,
        138,
        124,
        134,
        162,
        118,
        148,
        201,
        175,
        74,
        159,
        116,
        94,
        106,
        117,
        162,
        131,
        135,
        172,
        143,
        112,
        106,
        123,
        187,
        142,
        123,
        148,
        120,
        140,
        154,
        165,
        140,
    ),
    period="1 week",
    start=dt.date(2024, 9, 16),
    stockouts=[week in {27, 28, 64} for week in range(104)],
)
"""Weekly US sales of the holder the new model replaces: two years of Mondays
from 16 September 2024. Three weeks ran out of stock (24 and 31 March 2025,
8 December 2025): their sales say nothing about demand."""

FORECAST_METHOD = SimpleExponentialSmoothing(
    alpha="0.076101", initial_level="158.106503631"
)
"""The everyday forecast: simple exponential smoothing as
``SimpleExponentialSmoothing().forecast(SALES)`` fits it (least squares),
its parameters kept here so that the report needs no SciPy."""


def _whole(demand: Demand) -> Demand:
    """The forecast's demand in whole holders, as the seller plans with it."""
    whole = Decimal(1)
    return Demand(
        mean=demand.mean.quantize(whole, RoundingMode.HALF_UP),
        sd=demand.sd.quantize(whole, RoundingMode.HALF_UP),
        period=demand.period,
    )


DEMAND = _whole(FORECAST_METHOD.forecast(SALES, horizon=9).demand(lead_time=SEA_ROUTE))
"""US demand for replenishment: the everyday forecast (139.76 holders a week)
with its error's standard deviation over the sea lead time (35.44 a week),
in whole holders: 140 ± 35."""

PEAK_START = dt.date(2026, 11, 2)
"""The first Monday of the November-December peak."""

SERVICE = ServiceTarget.cycle("0.95")
"""Replenishment cycles that end without a stockout: 95%."""

STOCK = StockPosition(
    on_hand=820,
    reserved=30,
    inbound=[InboundShipment(quantity=1000, arrival="2026-10-20", reference="PO-0917")],
)
"""The US warehouse today, and a sea container on its way."""

CONSTRAINTS = OrderConstraints(
    case_pack=UNITS_PER_CARTON, minimum_order=500, max_units_stored=4000
)
"""Whole cartons, the factory's minimum order, and the warehouse's storage cap."""

ORDER_QUANTITY = 1500
"""What the seller orders when stock reaches the reorder point: 15 cartons,
about eleven weeks of sales, the size that is cheapest per unit once FBA's
storage fees are priced (:func:`xborder.inventory.eoq_with_storage`, with
:data:`ORDER_COST` and :data:`CARRYING_RATE`)."""

ORDER_COST = Money("150", "USD")
"""What placing a sea order costs besides freight and duty: the factory
inspection, the booking and the broker's entry fee (illustrative)."""

CARRYING_RATE = Decimal("0.20")
"""The yearly cost of capital and insurance on stock, as a share of its
landed unit cost (illustrative)."""

PURCHASE_ORDER = 3600
"""The next sea order of holders, for all three marketplaces: 36 cartons."""

MARKET_STOCK = (
    StockNode(
        name="US",
        demand=DEMAND,
        lead_time=SEA_ROUTE,
        on_hand=790,  # 820 on the shelf, 30 reserved for open orders
        inbound=1000,
    ),
    StockNode(
        name="GB",
        demand=Demand(mean=45, sd=15, period="1 week"),
        lead_time=LeadTime.single("52 days", "6 days"),
        on_hand=380,
    ),
    StockNode(
        name="DE",
        demand=Demand(mean=70, sd=20, period="1 week"),
        lead_time=LeadTime.single("50 days", "6 days"),
        on_hand=520,
        inbound=300,
    ),
)
"""Each marketplace's warehouse: its sales, its sea route and its stock."""

SEA_FREIGHT = Money(3100, "USD")
"""Illustrative ocean freight for a 20-foot container, Yantian to Los Angeles."""


def container_skus(holders: int) -> tuple[ContainerSku, ...]:
    """The US container: its share of the holders and the two newer accessories.

    Holders split 60 % black, 40 % white in whole cartons. The seller has
    copied the holder's approach to a car vent mount and a tripod stand,
    which travel in the same container. Margins are per unit beyond landed
    cost and fees, net of half a year's storage; extra cartons are worth
    shipping up to the units each SKU sells in a quarter.

    Raises:
        InvalidInputError: ``holders`` is not a whole number >= 0.
    """
    try:
        holders = non_negative_count(holders)
    except XborderError as error:
        raise error.in_field("holders") from None
    black = holders * 3 // 5 // UNITS_PER_CARTON * UNITS_PER_CARTON
    return (
        *(
            ContainerSku(
                sku=sku,
                units=units,
                units_per_carton=UNITS_PER_CARTON,
                carton=CARTON.dimensions,
                carton_weight=CARTON.weight,
                unit_margin=Money("3.10", "USD"),
                max_extra_units=1200,
            )
            for sku, units in (("PH-BLK", black), ("PH-WHT", holders - black))
        ),
        ContainerSku(
            sku="VENT-MOUNT",
            units=2400,
            units_per_carton=80,
            carton=Dimensions(length="50 cm", width="40 cm", height="35 cm"),
            carton_weight="12 kg",
            unit_margin=Money("2.20", "USD"),
            max_extra_units=2400,
        ),
        ContainerSku(
            sku="TRIPOD",
            units=1200,
            units_per_carton=20,
            carton=Dimensions(length="60 cm", width="45 cm", height="40 cm"),
            carton_weight="16 kg",
            unit_margin=Money("5.40", "USD"),
            max_extra_units=600,
        ),
    )


# -- 6. the store: last week in the US -----------------------------------------

FUNNEL = FunnelStats(
    impressions=14_200,
    sessions=1_140,
    add_to_carts=175,
    orders=141,
    units=144,
    revenue=LISTED_PRICE * 144,
    refunds=LISTED_PRICE * 3,
    units_returned=3,
)
"""The US listing's funnel last week, the week of the search-term report."""

REVIEWS = ReviewStats(positive=212, total=236)
"""Ratings of four or five stars among all ratings."""

ACCOUNT_ORDERS_60_DAYS = 1190
DEFECTS_60_DAYS = 7
"""Orders and order defects (negative feedback, A-to-z claims, chargebacks)
in the 60-day window Amazon's order defect rate uses."""
