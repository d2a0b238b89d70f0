from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from attrs import evolve

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
)
from xborder.logistics import (
    Consignment,
    Contents,
    Destination,
    DimRule,
    Mode,
    Parcel,
    RateCard,
    Restrictions,
    ServiceOption,
    SizeLimits,
    Surcharge,
    SurchargeBasis,
    SurchargeKind,
    Tracking,
    TransitTime,
    When,
    quote,
)
from xborder.money import Money


def usd(amount: str) -> Money:
    return Money(amount, "USD")


CARD = RateCard.weight_breaks([("5 kg", usd("40.00")), ("30 kg", usd("100.00"))])
BOX = Parcel(dimensions="30 x 20 x 10 cm", weight="2 kg")


def express(*surcharges: Surcharge) -> ServiceOption:
    return ServiceOption(
        name="express",
        mode=Mode.EXPRESS,
        rate_card=CARD,
        dim_rule=DimRule(divisor="5000 cm**3/kg", weight_step="0.5 kg"),
        surcharges=surcharges,
        transit=TransitTime.from_days(minimum=2, maximum=5),
        loss_rate="0.001",
        tracking=Tracking.FULL,
    )


def amounts(option: ServiceOption, **kwargs: object) -> list[tuple[str, Decimal]]:
    priced = quote(BOX, option, destination=kwargs.pop("destination", "US"), **kwargs)  # type: ignore[arg-type]
    return [(line.name, line.amount.amount) for line in priced.lines]


def test_fuel_on_freight_or_on_the_subtotal_so_far() -> None:
    remote = Surcharge.remote_area(usd("10"))
    far = Destination("US", remote_area=True)
    on_subtotal = express(remote, Surcharge.fuel("0.2"))
    on_freight = express(remote, Surcharge.fuel("0.2", on_subtotal=False))
    assert amounts(on_subtotal, destination=far)[-1] == (
        "fuel surcharge",
        Decimal("10.0"),
    )
    assert amounts(on_freight, destination=far)[-1] == (
        "fuel surcharge",
        Decimal("8.0"),
    )


def test_order_is_the_order_listed() -> None:
    remote = Surcharge.remote_area(usd("10"))
    far = Destination("US", remote_area=True)
    fuel_first = express(Surcharge.fuel("0.2"), remote)
    assert amounts(fuel_first, destination=far) == [
        ("freight", Decimal("40.00")),
        ("fuel surcharge", Decimal("8.0")),
        ("remote area surcharge", Decimal(10)),
    ]


def test_remote_and_residential_apply_only_when_flagged() -> None:
    option = express(
        Surcharge.remote_area(usd("10")), Surcharge.residential(usd("4.5"))
    )
    assert len(amounts(option)) == 1
    home = Destination("US", residential=True)
    assert amounts(option, destination=home)[-1] == (
        "residential surcharge",
        Decimal("4.5"),
    )


def test_per_kg_with_a_minimum() -> None:
    # "Remote address fee: 0.4 USD/KG, the minimum charge is 28 USD" (a
    # forwarder's UPS line, china.org.ru listing): 2 kg → 0.80, raised to 28.
    option = express(
        Surcharge.remote_area(
            usd("0.4"), basis=SurchargeBasis.PER_KG, minimum=usd("28")
        )
    )
    far = Destination("US", remote_area=True)
    priced = quote(BOX, option, destination=far)
    line = priced.lines[-1]
    assert line.amount == usd("28")
    assert "raised to the minimum 28 USD" in line.detail


def test_maximum_caps_a_surcharge() -> None:
    capped = Surcharge(
        name="capped fuel",
        kind=SurchargeKind.FUEL,
        basis=SurchargeBasis.PERCENT_OF_FREIGHT,
        rate="0.5",
        maximum=usd("15"),
    )
    assert amounts(express(capped))[-1] == ("capped fuel", Decimal(15))


def test_oversize_counts_only_the_pieces_that_breach() -> None:
    # UPS Large Package: length + girth above 118 in (ups.com/vi).
    large = Surcharge.oversize(usd("95"), limits=SizeLimits(length_plus_girth="118 in"))
    option = express(large)
    shipment = Consignment(
        parcels=(
            Parcel(dimensions="60 x 30 x 30 in", weight="20 kg", pieces=2),
            Parcel(dimensions="30 x 20 x 10 cm", weight="2 kg"),
        )
    )
    big_card = RateCard.weight_breaks([("500 kg", usd("400"))])
    priced = quote(shipment, evolve(option, rate_card=big_card), destination="US")
    assert priced.lines[-1].amount == usd("190")  # 2 big pieces × 95
    assert quote(BOX, option, destination="US").lines[-1].name == "freight"


def test_dangerous_goods_surcharge_by_contents() -> None:
    dg = Surcharge(
        name="battery handling",
        kind=SurchargeKind.DANGEROUS_GOODS,
        basis=SurchargeBasis.PER_SHIPMENT,
        amount=usd("6"),
        when=When(contents={Contents.BATTERY_IN_EQUIPMENT}),
    )
    option = evolve(
        express(dg), restrictions=Restrictions(accepts={Contents.BATTERY_IN_EQUIPMENT})
    )
    phone = Parcel(
        dimensions="20 x 10 x 5 cm",
        weight="0.4 kg",
        contents={Contents.BATTERY_IN_EQUIPMENT},
    )
    assert quote(phone, option, destination="US").lines[-1].name == "battery handling"
    assert len(quote(BOX, option, destination="US").lines) == 1


def test_countries_condition() -> None:
    eu_only = Surcharge(
        name="EU handling",
        kind=SurchargeKind.HANDLING,
        basis=SurchargeBasis.PER_PIECE,
        amount=usd("1.25"),
        when=When(countries={"DE", "FR"}),
    )
    assert len(amounts(express(eu_only))) == 1
    assert amounts(express(eu_only), destination="DE")[-1] == (
        "EU handling",
        Decimal("1.25"),
    )


def test_peak_surcharge_needs_the_shipping_date() -> None:
    peak = Surcharge.peak(
        starts="2026-10-04", ends="2027-01-18", amount=usd("1.10"), name="peak"
    )
    option = express(peak)
    assert amounts(option, as_of=dt.date(2026, 12, 1))[-1] == ("peak", Decimal("1.10"))
    assert len(amounts(option, as_of=dt.date(2027, 1, 18))) == 1  # ends is exclusive
    with pytest.raises(RuleNotApplicableError) as raised:
        quote(BOX, option, destination="US")
    assert raised.value.field == "as_of"
    percent = Surcharge.peak(starts="2026-10-04", ends="2027-01-18", rate="0.05")
    assert percent.basis is SurchargeBasis.PERCENT_OF_FREIGHT


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"basis": SurchargeBasis.PER_SHIPMENT}, InvalidInputError, "amount"),
        (
            {"basis": SurchargeBasis.PERCENT_OF_FREIGHT, "amount": usd("1")},
            InvalidInputError,
            "rate",
        ),
        (
            {"basis": SurchargeBasis.PER_SHIPMENT, "amount": usd("1"), "rate": "0.1"},
            InvalidInputError,
            "amount",
        ),
        (
            {"basis": SurchargeBasis.PERCENT_OF_FREIGHT, "rate": "-0.1"},
            InvalidInputError,
            "rate",
        ),
        (
            {"basis": SurchargeBasis.PERCENT_OF_FREIGHT, "rate": 0.1},
            InvalidTypeError,
            "rate",
        ),
        ({"basis": "per shipment", "amount": usd("1")}, InvalidTypeError, "basis"),
        (
            {"basis": SurchargeBasis.PER_SHIPMENT, "amount": usd("-1")},
            InvalidInputError,
            "amount",
        ),
        (
            {
                "basis": SurchargeBasis.PER_SHIPMENT,
                "amount": usd("5"),
                "minimum": usd("3"),
                "maximum": usd("2"),
            },
            InvalidInputError,
            "maximum",
        ),
        (
            {"basis": SurchargeBasis.PER_SHIPMENT, "amount": usd("1"), "when": {}},
            InvalidTypeError,
            "when",
        ),
    ],
)
def test_bad_surcharges_are_clear_errors(
    kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as raised:
        Surcharge(name="x", kind=SurchargeKind.OTHER, **kwargs)  # type: ignore[arg-type]
    assert raised.value.field == field  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "kind",
    [
        SurchargeKind.REMOTE_AREA,
        SurchargeKind.RESIDENTIAL,
        SurchargeKind.OVERSIZE,
        SurchargeKind.PEAK,
        SurchargeKind.DANGEROUS_GOODS,
    ],
)
def test_a_kind_needs_its_condition(kind: SurchargeKind) -> None:
    with pytest.raises(InvalidInputError) as raised:
        Surcharge(
            name="x", kind=kind, basis=SurchargeBasis.PER_SHIPMENT, amount=usd("1")
        )
    assert raised.value.field == "when"


def test_a_surcharge_in_another_currency_is_refused_when_applied() -> None:
    option = express(Surcharge.residential(Money("4", "EUR")))
    with pytest.raises(CurrencyMismatchError):
        quote(BOX, option, destination=Destination("US", residential=True))


def test_seasons_end_after_they_start() -> None:
    with pytest.raises(InvalidInputError) as raised:
        When(starts="2026-12-01", ends="2026-12-01")
    assert raised.value.field == "ends"
