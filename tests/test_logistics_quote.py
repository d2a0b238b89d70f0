from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from xborder._exact import DIVISION
from xborder.errors import (
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    RuleNotApplicableError,
)
from xborder.fx import FxRate, FxTable
from xborder.logistics import (
    Charging,
    Consignment,
    Contents,
    Destination,
    DimRule,
    FirstMile,
    Fulfilment,
    FulfilmentFeeTable,
    LineKind,
    Mode,
    Parcel,
    RateCard,
    Restrictions,
    ServiceOption,
    SizeLimits,
    SizeTier,
    Surcharge,
    Tracking,
    TransitTime,
    ZoneRateCard,
    check_eligibility,
    first_mile_cost,
    fulfilment_fee,
    quote,
    size_tier,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.testing import strategies as xst


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


FX = FxTable(
    rates=(FxRate(base="USD", quote="CNY", rate="7.12", as_of=dt.date(2026, 11, 2)),)
)
HOLDER = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
DAYS = TransitTime.from_days(minimum=7, typical=9, p90=12, maximum=18)


def line(**changes: Any) -> ServiceOption:
    option = ServiceOption(
        name="dedicated line",
        mode=Mode.DEDICATED_LINE,
        rate_card=RateCard.per_weight(
            rate=cny("62"), item_fee=cny("18"), max_weight="30 kg"
        ),
        transit=DAYS,
        loss_rate="0.005",
        tracking=Tracking.FULL,
        restrictions=Restrictions(limits=SizeLimits(weight="30 kg", longest="120 cm")),
    )
    return evolve(option, **changes)


def test_a_quote_itemises_and_adds_up() -> None:
    priced = quote(HOLDER, line(surcharges=(Surcharge.fuel("0.1"),)), destination="US")
    assert [item.kind for item in priced.lines] == [
        LineKind.FREIGHT,
        LineKind.SURCHARGE,
    ]
    assert priced.total == cny("27.984")  # (7.44 + 18) × 1.1
    assert priced.freight == cny("25.44")
    assert priced.weight is not None
    assert priced.weight.billable_kg == Decimal("0.12")
    assert "total: 27.98 CNY (exact: 27.984 CNY)" in priced.explain()


def test_per_piece_cards_charge_each_item_fee() -> None:
    three = evolve(HOLDER, pieces=3)
    per_piece = quote(three, line(), destination="US")
    assert per_piece.total == cny("25.44") * 3
    per_shipment_card = RateCard.per_weight(
        rate=cny("62"),
        item_fee=cny("18"),
        max_weight="30 kg",
        charging=Charging.PER_SHIPMENT,
    )
    per_shipment = quote(three, line(rate_card=per_shipment_card), destination="US")
    assert per_shipment.total == cny("18") + cny("62") * Decimal("0.36")


def test_zone_charts_choose_the_card_by_destination() -> None:
    chart = ZoneRateCard(
        zones={"US": "A", "DE": "B"},
        cards={
            "A": RateCard.first_additional(
                first_weight="0.5 kg",
                first_price=cny("150"),
                step="0.5 kg",
                step_price=cny("45"),
                max_weight="30 kg",
            ),
            "B": RateCard.first_additional(
                first_weight="0.5 kg",
                first_price=cny("130"),
                step="0.5 kg",
                step_price=cny("40"),
                max_weight="30 kg",
            ),
        },
    )
    express = line(
        rate_card=chart, dim_rule=DimRule(divisor="5000 cm**3/kg", weight_step="0.5 kg")
    )
    priced = quote(HOLDER, express, destination="DE")
    assert (priced.zone, priced.total) == ("B", cny("130"))
    assert "(zone B)" in priced.explain()
    refused = check_eligibility(HOLDER, express, destination="JP")
    assert refused.reasons == ("no zone for JP",)


def test_rounding_each_line_as_an_invoice_does() -> None:
    option = line(surcharges=(Surcharge.fuel("0.1234"),))
    exact = quote(HOLDER, option, destination="US")
    rounded = quote(HOLDER, option, destination="US", rounding=RoundingMode.HALF_UP)
    assert [item.amount for item in rounded.lines] == [cny("25.44"), cny("3.14")]
    assert rounded.total == cny("28.58")
    assert exact.total != rounded.total


def test_an_ineligible_service_lists_every_reason() -> None:
    battery = Parcel(
        dimensions="130 x 10 x 4 cm", weight="120 g", contents={Contents.BATTERY_ALONE}
    )
    with pytest.raises(RuleNotApplicableError) as raised:
        quote(battery, line(), destination="US")
    assert raised.value.field == "option"
    assert "does not accept battery alone" in str(raised.value)
    assert "longest side 130 cm > 120 cm" in str(raised.value)
    assert check_eligibility(battery, line(), destination="US").reasons == (
        "does not accept battery alone",
        "longest side 130 cm > 120 cm",
    )


def test_too_heavy_for_the_card_is_ineligible_with_a_reason() -> None:
    heavy = Parcel(dimensions="40 x 40 x 40 cm", weight="25 kg", pieces=2)
    card = RateCard.per_weight(
        rate=cny("62"), max_weight="30 kg", charging=Charging.PER_SHIPMENT
    )
    eligibility = check_eligibility(heavy, line(rate_card=card), destination="US")
    assert not eligibility.eligible
    assert eligibility.reasons[0].startswith("weight 50 kg is above the card")


def test_declared_value_limit() -> None:
    capped = line(restrictions=Restrictions(max_value=cny("300")))
    assert check_eligibility(
        HOLDER, capped, destination="US", value=cny("500")
    ).reasons == ("declared value 500 CNY > 300 CNY",)


# -- overseas warehouses ----------------------------------------------------

TIERS = FulfilmentFeeTable(
    name="FBA-style (made-up fees)",
    tiers=(
        SizeTier(
            name="Small standard",
            limits=SizeLimits(
                weight="16 oz", longest="15 in", median="12 in", shortest="0.75 in"
            ),
            fee=RateCard.weight_breaks([("8 oz", usd("3.06")), ("16 oz", usd("3.33"))]),
        ),
        SizeTier(
            name="Large standard",
            limits=SizeLimits(
                weight="20 lb", longest="18 in", median="14 in", shortest="8 in"
            ),
            fee=RateCard.first_additional(
                first_weight="1 lb",
                first_price=usd("3.90"),
                step="0.25 lb",
                step_price=usd("0.16"),
                max_weight="20 lb",
            ),
            weight_rule=DimRule(divisor="139 in**3/lb", weight_step="1 oz"),
        ),
    ),
)


def test_size_tiers_use_unit_weight_or_dimensional_weight() -> None:
    book = Parcel(dimensions="12 x 9 x 0.5 in", weight="12 oz")
    assert size_tier(book, TIERS).tier.name == "Small standard"
    pillow = Parcel(dimensions="17 x 13 x 7.9 in", weight="1 lb")
    match = size_tier(pillow, TIERS)
    assert match.tier.name == "Large standard"
    # 17 × 13 × 7.9 = 1,745.9 in³ ÷ 139 = 12.56 lb → 201 oz (up to the ounce)
    assert match.weight.billable_kg == Decimal(201) * Decimal("0.028349523125")
    assert match.passed_over == (
        (
            "Small standard",
            (
                "longest side 43.18 cm > 38.1 cm",
                "median side 33.02 cm > 30.48 cm",
                "shortest side 20.066 cm > 1.905 cm",
            ),
        ),
    )
    fee = fulfilment_fee(pillow, TIERS)
    # 201 oz = 12.5625 lb: 1 lb + ceil(11.5625 / 0.25) = 47 steps × 0.16
    assert fee.per_unit == usd("3.90") + usd("0.16") * 47
    assert fee.total == fee.per_unit


def test_a_unit_that_fits_no_tier() -> None:
    sofa = Parcel(dimensions="80 x 40 x 40 in", weight="60 lb")
    with pytest.raises(RuleNotApplicableError) as raised:
        size_tier(sofa, TIERS)
    assert raised.value.field == "parcel"
    assert "Large standard: " in str(raised.value)


def sea(**changes: Any) -> ServiceOption:
    option = ServiceOption(
        name="sea",
        mode=Mode.SEA_FREIGHT,
        rate_card=RateCard.per_weight(
            rate=cny("11"), max_weight="500 kg", charging=Charging.PER_SHIPMENT
        ),
        dim_rule=DimRule(divisor="6000 cm**3/kg", weight_step="1 kg"),
        transit=TransitTime.from_days(minimum=25, typical=32, p90=40, maximum=50),
        loss_rate="0.003",
        tracking=Tracking.FULL,
    )
    return evolve(option, **changes)


CARTON = Parcel(dimensions="60 x 40 x 40 cm", weight="13 kg")
FIRST_MILE = FirstMile(
    service=sea(), carton=CARTON, units_per_carton=100, destination="US"
)


def warehouse(**changes: Any) -> ServiceOption:
    option = ServiceOption(
        name="FBA by sea",
        mode=Mode.OVERSEAS_WAREHOUSE,
        transit=TransitTime.from_days(minimum=1, typical=2, p90=4, maximum=6),
        loss_rate="0.001",
        tracking=Tracking.FULL,
        duties_paid=True,
        fulfilment=Fulfilment(
            fees=TIERS,
            first_mile=FIRST_MILE,
            storage_per_unit_month=usd("0.0365"),
            days_in_stock="100 days",
        ),
    )
    return evolve(option, **changes)


def test_first_mile_cost_per_unit() -> None:
    # 60 × 40 × 40 cm = 96,000 cm³ ÷ 6000 = 16 kg (13 kg actual): 16 × 11 =
    # 176 CNY a carton of 100 units.
    assert first_mile_cost(FIRST_MILE) == cny("1.76")


def test_an_overseas_warehouse_quote() -> None:
    priced = quote(HOLDER, warehouse(), destination="US", fx=FX)
    kinds = [item.kind for item in priced.lines]
    assert kinds == [LineKind.FIRST_MILE, LineKind.FULFILMENT, LineKind.STORAGE]
    first, fee, storage = (item.amount for item in priced.lines)
    assert first.amount == DIVISION.divide(Decimal("1.76"), Decimal("7.12"))
    # 4 cm is 1.57 in, thicker than small standard's 0.75 in: large standard,
    # shipping weight 5 oz (120 g = 4.23 oz up to the ounce), first pound.
    assert fee == usd("3.90")
    months = DIVISION.divide(Decimal(100), DIVISION.divide(365, 12))
    assert storage == usd("0.0365") * months
    assert priced.weight is None
    assert priced.total == Money.total((i.amount for i in priced.lines), currency="USD")


def test_a_warehouse_needs_fx_for_a_first_mile_in_another_currency() -> None:
    with pytest.raises(MissingFxRateError) as raised:
        quote(HOLDER, warehouse(), destination="US")
    assert raised.value.field == "fx"
    assert check_eligibility(HOLDER, warehouse(), destination="US").eligible


def test_a_warehouse_order_fee_alone() -> None:
    third_party = warehouse(fulfilment=Fulfilment(order_fee=usd("2.50")))
    assert quote(HOLDER, third_party, destination="US").total == usd("2.50")


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: warehouse(fulfilment=None), InvalidInputError, "fulfilment"),
        (
            lambda: line(fulfilment=Fulfilment(order_fee=usd("1"))),
            InvalidInputError,
            "fulfilment",
        ),
        (lambda: line(rate_card=None), InvalidInputError, "rate_card"),
        (Fulfilment, InvalidInputError, "fees"),
        (lambda: line(loss_rate="1.5"), InvalidInputError, "loss_rate"),
        (lambda: line(on_time_rate=0.9), InvalidTypeError, "on_time_rate"),
        (lambda: line(tracking="full"), InvalidTypeError, "tracking"),
        (lambda: line(mode="postal"), InvalidTypeError, "mode"),
        (lambda: line(name=" "), InvalidInputError, "name"),
        (
            lambda: line(surcharges=[Money("1", "USD")]),
            InvalidTypeError,
            "surcharges[0]",
        ),
        (lambda: line(rate_card=TIERS), InvalidTypeError, "rate_card"),
        (
            lambda: FirstMile(
                service=sea(), carton=CARTON, units_per_carton=0, destination="US"
            ),
            InvalidInputError,
            "units_per_carton",
        ),
        (
            lambda: FirstMile(
                service=sea(), carton=CARTON, units_per_carton=1, destination="XX"
            ),
            InvalidInputError,
            "destination.country",
        ),
        (lambda: FulfilmentFeeTable(name="x", tiers=()), InvalidInputError, "tiers"),
    ],
)
def test_bad_options_are_clear_errors(
    build: object, error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as raised:
        build()  # type: ignore[operator]
    assert raised.value.field == field  # type: ignore[attr-defined]


def test_quote_refuses_wrong_arguments() -> None:
    with pytest.raises(InvalidTypeError) as raised:
        quote(HOLDER, "express", destination="US")  # type: ignore[arg-type]
    assert raised.value.field == "option"
    with pytest.raises(InvalidTypeError) as raised:
        quote(HOLDER, line(), destination="US", rounding="half up")  # type: ignore[arg-type]
    assert raised.value.field == "rounding"
    with pytest.raises(InvalidInputError) as bad_country:
        quote(HOLDER, line(), destination="USA")
    assert bad_country.value.field == "destination.country"


@given(
    xst.parcels(weights=st.sampled_from(["120 g", "2 kg", "12 lb"])),
    xst.service_options(currency=st.just(Currency("USD"))),
    xst.destinations(),
)
def test_lines_always_add_up_to_the_total(
    parcel: Parcel, option: ServiceOption, destination: Destination
) -> None:
    try:
        priced = quote(
            parcel, option, destination=destination, as_of=dt.date(2026, 11, 2)
        )
    except RuleNotApplicableError:
        assert not check_eligibility(parcel, option, destination=destination).eligible
        return
    assert priced.total == Money.total((i.amount for i in priced.lines), currency="USD")
    assert not priced.total.is_negative()
    rounded = quote(
        parcel,
        option,
        destination=destination,
        as_of=dt.date(2026, 11, 2),
        rounding=RoundingMode.HALF_EVEN,
    )
    assert rounded.total.is_quantized()


@given(xst.consignments(max_size=3))
def test_consignments_quote_like_their_parts_on_a_per_piece_card(
    shipment: Consignment,
) -> None:
    card = RateCard.per_weight(rate=usd("5"), item_fee=usd("1"), max_weight="10000 kg")
    option = line(rate_card=card, restrictions=Restrictions(accepts=set(Contents)))
    whole = quote(shipment, option, destination="US").total
    parts = [quote(p, option, destination="US").total for p in shipment.parcels]
    assert whole == Money.total(parts, currency="USD")


def test_a_first_mile_that_refuses_the_cartons_makes_the_warehouse_ineligible() -> None:
    tiny_sea = sea(restrictions=Restrictions(limits=SizeLimits(weight="10 kg")))
    first = FirstMile(
        service=tiny_sea, carton=CARTON, units_per_carton=100, destination="US"
    )
    option = warehouse(fulfilment=Fulfilment(fees=TIERS, first_mile=first))
    assert check_eligibility(HOLDER, option, destination="US").reasons == (
        "sea cannot carry it: weight 13 kg > 10 kg",
    )


def test_models_and_results_survive_pickling() -> None:
    import pickle  # noqa: PLC0415 - only this test needs it

    option = warehouse()
    assert pickle.loads(pickle.dumps(option)) == option  # noqa: S301 - our own bytes
    priced = quote(HOLDER, option, destination="US", fx=FX)
    again = pickle.loads(pickle.dumps(priced))  # noqa: S301
    assert again.total == priced.total
    assert pickle.loads(pickle.dumps(HOLDER)).sides == HOLDER.sides  # noqa: S301
