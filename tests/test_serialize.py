"""to_data / from_data / to_json / from_json: the forms, the leniencies, the errors."""

from __future__ import annotations

import datetime as dt
import enum
import json
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs
import pytest

from xborder.customs import (
    AdValorem,
    Cap,
    Compound,
    DutyExpression,
    HsCode,
    Incoterm,
    Specific,
    Tariff,
    TariffMeasure,
    TransportMode,
    presets,
)
from xborder.errors import (
    InvalidInputError,
    InvalidTypeError,
    UnitError,
    UnknownCurrencyError,
    XborderError,
)
from xborder.fx import FxRate, FxTable
from xborder.inventory import EmpiricalDemand
from xborder.kpi import UNDEFINED, Undefined, wilson_interval
from xborder.landed_cost import LandedCost, Line, Shipment, landed_cost
from xborder.logistics import Parcel, RateCard, ZoneRateCard
from xborder.money import Currency, Money
from xborder.pricing import (
    Channel,
    ChannelKind,
    FeeSchedule,
    Listing,
    ReferralFee,
    UnitCosts,
    UnitEconomics,
    VatBasis,
    compare_channels,
)
from xborder.serialize import from_data, from_json, to_data, to_json
from xborder.serialize._codec import MAX_DEPTH
from xborder.units import Dimensions, quantity, registry

if TYPE_CHECKING:
    from collections.abc import Callable

    # As in xborder's own modules: the name exists only for the type checker,
    # and from_data still resolves it.
    from xborder.units import Quantity  # noqa: TC004 - resolved by from_data

DAY = dt.date(2026, 9, 1)


def _line(sku: str, price: str = "2.00") -> Line:
    return Line(
        sku=sku,
        hs_code="392690",
        origin_country="CN",
        quantity=100,
        unit_price=Money(price, "GBP"),
        unit_weight="85 g",
    )


def _shipment() -> Shipment:
    return Shipment(
        lines=[_line("PH-01"), _line("PH-02", "3.10"), _line("PH-03", "1.25")],
        export_country="CN",
        destination_country="GB",
        incoterm=Incoterm.DDP,
        mode=TransportMode.AIR,
        import_date=DAY,
        freight=Money("20.00", "GBP"),
    )


# -- the forms --------------------------------------------------------------


def test_money_is_an_exact_amount_and_a_code() -> None:
    assert to_data(Money("12.50", "EUR")) == {"amount": "12.50", "currency": "EUR"}
    assert to_data(Money("1234", "JPY")) == {"amount": "1234", "currency": "JPY"}


def test_decimals_keep_their_digits_and_exponent() -> None:
    for text in (
        "12.50",
        "0.0000001",
        "0E-7",
        "2.5E+3",
        "1E+2",
        "123456789.123456789",
        "9.99E+35",
        "-1E-100",
    ):
        number = Decimal(text)
        written = to_data(number)
        assert isinstance(written, str)
        back = from_data(Decimal, written)
        assert back == number
        assert back.as_tuple() == number.as_tuple()
    assert to_data(Decimal("0.0000001")) == "0.0000001"  # plain, not '1E-7'


def test_negative_zero_is_written_and_read_as_zero() -> None:
    # xborder holds no negative zero ("-0.00 EUR"): to_decimal drops the sign.
    assert to_data(Decimal("-0.00")) == "0.00"
    assert not from_data(Decimal, "-0").is_signed()


@pytest.mark.parametrize(
    "number",
    [Decimal("1E+36"), Decimal("-9E+999999"), Decimal("1E-101"), Decimal("NaN")],
)
def test_a_decimal_from_data_could_not_read_back_is_not_written(
    number: Decimal,
) -> None:
    # Written, it would make a file that from_data refuses; refused now, it
    # names its path.
    with pytest.raises(InvalidInputError) as caught:
        to_data({"rate": number}, as_type=dict[str, Decimal])
    assert caught.value.field == "['rate']"
    with pytest.raises(InvalidInputError):
        from_data(Decimal, str(number))


def test_a_currency_is_its_code_unless_it_overrides_cldr() -> None:
    assert to_data(Currency("EUR")) == "EUR"
    settled = Currency("HUF", exponent=2, cash_increment=None)
    data = to_data(settled)
    assert data == {"code": "HUF", "exponent": 2, "cash_increment": None}
    assert from_data(Currency, data) == settled
    assert from_data(Money, to_data(Money("10.05", settled))).currency == settled


def test_quantities_are_an_exact_magnitude_and_a_unit() -> None:
    parcel = Parcel(
        dimensions=Dimensions(length="11.8 in", width="20 cm", height="5 cm"),
        weight="1.5 lb",
    )
    data = to_data(parcel)
    assert isinstance(data, dict)
    assert data["weight"] == "0.680388555 kilogram"
    assert data["dimensions"] == {
        "length": "29.972 centimeter",
        "width": "20 centimeter",
        "height": "5 centimeter",
    }
    assert from_data(Parcel, data) == parcel


def test_compound_units_come_back_in_xborders_registry() -> None:
    density = quantity("5000", "centimeter ** 3 / kilogram")
    assert to_data(density) == "5000 centimeter ** 3 / kilogram"
    back = from_data(type(density), "5000 centimeter ** 3 / kilogram")
    assert back == density
    assert isinstance(back, registry().Quantity)
    assert to_data(quantity("2", "1 / day")) == "2 1 / day"
    assert from_data(type(density), "2 1 / day") == quantity("2", "1 / day")


def test_dates_enums_sets_and_tuples_are_plain() -> None:
    rate = FxRate(base="USD", quote="EUR", rate="0.8650", as_of=DAY, source="ECB")
    assert to_data(rate) == {
        "base": "USD",
        "quote": "EUR",
        "rate": "0.8650",
        "as_of": "2026-09-01",
        "source": "ECB",
    }
    measure = TariffMeasure(hs_code="8517", duty=AdValorem("0"), origins={"VN", "CN"})
    data = to_data(measure)
    assert isinstance(data, dict)
    assert data["hs_code"] == "8517"
    assert data["origins"] == ["CN", "VN"]  # a frozenset, in a stable order
    assert data["kind"] == "third-country duty"


def test_fields_init_does_not_take_are_left_out() -> None:
    table = FxTable(rates=[FxRate(base="USD", quote="EUR", rate="0.9", as_of=DAY)])
    data = to_data(table)
    assert isinstance(data, dict)
    assert set(data) == {"rates", "pivot", "spread"}  # no index, no paths
    assert from_data(FxTable, data).path("EUR", "USD").legs[0].inverted


def test_plain_data_is_what_json_holds() -> None:
    result = _landed()

    def walk(data: object) -> None:
        if isinstance(data, dict):
            assert all(isinstance(key, str) for key in data)
            for item in data.values():
                walk(item)
        elif isinstance(data, list):
            for item in data:
                walk(item)
        else:
            assert data is None or type(data) in {str, int, bool}, data

    walk(to_data(result))


# -- unions -----------------------------------------------------------------


def test_a_union_of_models_says_which_with_a_type_key() -> None:
    duty = Cap(
        duty=Compound(
            parts=[
                AdValorem("0.08"),
                Specific(amount=Money("2.50", "EUR"), measure="kg"),
            ]
        ),
        maximum=AdValorem("0.12"),
    )
    data = to_data(TariffMeasure(hs_code="6403", duty=duty))
    assert isinstance(data, dict)
    assert data["duty"] == {
        "type": "Cap",
        "duty": {
            "type": "Compound",
            "parts": [
                {"type": "AdValorem", "rate": "0.08"},
                {
                    "type": "Specific",
                    "amount": {"amount": "2.50", "currency": "EUR"},
                    "measure": "kg",
                    "per": "1",
                },
            ],
            "less": [],
        },
        "maximum": {"type": "AdValorem", "rate": "0.12"},
    }
    assert from_data(TariffMeasure, data).duty == duty


def test_as_type_writes_the_type_keys_a_declared_union_needs() -> None:
    duties = (AdValorem("0.035"), Specific(amount=Money("1", "EUR"), measure="item"))
    plain = to_data(duties)
    assert plain == [
        {"rate": "0.035"},
        {"amount": {"amount": "1", "currency": "EUR"}, "measure": "item", "per": "1"},
    ]
    with pytest.raises(InvalidInputError) as caught:
        from_data(tuple[DutyExpression, ...], plain)
    assert caught.value.field == "[0]"
    tagged = to_data(duties, as_type=tuple[DutyExpression, ...])
    assert from_data(tuple[DutyExpression, ...], tagged) == duties


def test_optional_and_enum_unions_need_no_type_key() -> None:
    interval = wilson_interval(0, 0)
    assert interval.lower is UNDEFINED
    data = to_data(interval)
    assert isinstance(data, dict)
    assert data["lower"] == "undefined"
    assert from_data(type(interval), data) == interval
    known = wilson_interval(38, 44)
    data = to_data(known)
    assert isinstance(data, dict)
    assert isinstance(data["lower"], str)
    assert from_data(type(known), data) == known


@attrs.frozen
class Labelled:
    label: str | Undefined


def test_a_scalar_that_would_read_back_as_another_member_is_wrapped() -> None:
    assert to_data(Labelled("undefined")) == {
        "label": {"type": "str", "value": "undefined"}
    }
    assert to_data(Labelled(UNDEFINED)) == {"label": "undefined"}
    assert to_data(Labelled("other")) == {"label": "other"}
    for value in ("undefined", UNDEFINED, "other"):
        assert from_data(Labelled, to_data(Labelled(value))) == Labelled(value)


def test_rate_card_or_zone_card_is_tagged() -> None:
    card = RateCard.weight_breaks([("0.5 kg", Money("100", "CNY"))])
    zones = ZoneRateCard(zones={"US": "A"}, cards={"A": card})
    for value in (card, zones):
        data = to_data(value, as_type=RateCard | ZoneRateCard | None)
        assert isinstance(data, dict)
        assert data["type"] == type(value).__name__
        assert from_data(RateCard | ZoneRateCard | None, data) == value
    assert from_data(RateCard | ZoneRateCard | None, None) is None


# -- your own models --------------------------------------------------------


class Tier(enum.Enum):
    GOLD = "gold"
    SILVER = "silver"


@attrs.frozen(kw_only=True)
class SkuPlan:
    """A user's model made of xborder values, with every kind of field."""

    sku: str
    price: Money
    weight: Quantity
    tier: Tier
    channel: Literal["amazon", "shopify"]
    landed: Money | None = None
    fees: Mapping[str, Money] = attrs.field(factory=dict)
    by_units: dict[int, Decimal] = attrs.field(factory=dict)
    tags: frozenset[str] = frozenset()
    history: list[dt.date] = attrs.field(factory=list)
    stamped: dt.datetime | None = None
    box: tuple[Decimal, Decimal, Decimal] | None = None
    extra: Any = None
    _note: str = ""
    cache: int = attrs.field(init=False, default=0)


def _plan() -> SkuPlan:
    return SkuPlan(
        sku="ECO-MAT",
        price=Money("24.90", "EUR"),
        weight=quantity("1.2", "kilogram"),
        tier=Tier.GOLD,
        channel="shopify",
        fees={"payment": Money("0.75", "EUR")},
        by_units={1: Decimal("0.5"), 10: Decimal("0.45")},
        tags=frozenset({"eco", "home"}),
        history=[DAY],
        stamped=dt.datetime(2026, 9, 1, 12, 30, tzinfo=dt.UTC),
        box=(Decimal(60), Decimal(40), Decimal("0.5")),
        extra={"campaign": "autumn", "budget": "120"},
        note="bamboo",
    )


def test_your_attrs_models_made_of_xborder_values_round_trip() -> None:
    plan = _plan()
    data = to_data(plan)
    assert data == {
        "sku": "ECO-MAT",
        "price": {"amount": "24.90", "currency": "EUR"},
        "weight": "1.2 kilogram",
        "tier": "gold",
        "channel": "shopify",
        "landed": None,
        "fees": {"payment": {"amount": "0.75", "currency": "EUR"}},
        "by_units": {"1": "0.5", "10": "0.45"},
        "tags": ["eco", "home"],
        "history": ["2026-09-01"],
        "stamped": "2026-09-01T12:30:00+00:00",
        "box": ["60", "40", "0.5"],
        "extra": {"campaign": "autumn", "budget": "120"},
        "note": "bamboo",
    }
    assert from_data(SkuPlan, data) == plan
    assert from_json(SkuPlan, to_json(plan)) == plan


def test_a_literal_refuses_other_values() -> None:
    data = to_data(_plan())
    assert isinstance(data, dict)
    with pytest.raises(InvalidInputError) as caught:
        from_data(SkuPlan, {**data, "channel": "ebay"})
    assert caught.value.field == "channel"
    assert caught.value.value == "ebay"


@attrs.frozen
class Typed:
    type: str
    amount: Money


@attrs.frozen
class Holder:
    item: Typed | Money


def test_a_model_with_its_own_type_field_is_wrapped_in_a_union() -> None:
    for item in (Typed("sample", Money("1", "EUR")), Money("2", "EUR")):
        data = to_data(Holder(item))
        assert from_data(Holder, data) == Holder(item)
    assert to_data(Holder(Typed("x", Money("1", "EUR"))))["item"] == {  # type: ignore[index,call-overload]
        "type": "Typed",
        "value": {"type": "x", "amount": {"amount": "1", "currency": "EUR"}},
    }


# -- reading hand-written data ----------------------------------------------


def test_numbers_may_be_ints_or_decimals_but_never_floats() -> None:
    assert from_data(Money, {"amount": 12, "currency": "EUR"}) == Money(12, "EUR")
    exact = json.loads('{"amount": 0.1, "currency": "EUR"}', parse_float=Decimal)
    assert from_data(Money, exact).amount == Decimal("0.1")
    with pytest.raises(InvalidTypeError) as caught:
        from_data(Money, {"amount": 0.1, "currency": "EUR"})
    assert caught.value.field == "amount"
    assert "parse_float=Decimal" in str(caught.value)


def test_money_may_be_written_as_amount_and_code() -> None:
    assert from_data(Money, "12.50 EUR") == Money("12.50", "EUR")
    with pytest.raises(InvalidInputError) as caught:
        from_data(Money, "12.50")
    assert caught.value.value == "12.50"
    with pytest.raises(UnknownCurrencyError) as unknown:
        from_data(Money, "12.50 eur")
    assert unknown.value.field == "currency"


def test_missing_keys_take_the_default_or_none() -> None:
    line = from_data(
        Line,
        {
            "sku": "PH-01",
            "hs_code": "392690",
            "origin_country": "CN",
            "quantity": 100,
            "unit_price": "2.00 GBP",
        },
    )
    assert line.unit_weight is None
    assert line.tariff_quantities == ()


def test_toml_dates_and_tables_read_as_they_load() -> None:
    text = """
    base = "USD"
    quote = "EUR"
    rate = 0.8650
    as_of = 2026-09-01
    """
    data = tomllib.loads(text, parse_float=Decimal)
    rate = from_data(FxRate, data)
    assert rate.rate == Decimal("0.8650")
    assert rate.as_of == DAY
    assert rate.source is None  # TOML has no null: the key is simply left out


def test_pairs_may_be_written_as_a_mapping() -> None:
    card = RateCard.weight_breaks([("0.5 kg", Money("100", "CNY"))])
    zones = from_data(
        ZoneRateCard,
        {"zones": {"US": "A", "DE": "A"}, "cards": {"A": to_data(card)}},
    )
    assert zones.card_for("DE") == ("A", card)
    demand = from_data(EmpiricalDemand, {"weights": {"0": "0.2", "3": "0.8"}})
    assert demand.weights == ((0, Decimal("0.2")), (3, Decimal("0.8")))


def test_an_hs_code_reads_as_text_or_as_its_field() -> None:
    assert from_data(HsCode, "392690") == HsCode("392690")
    assert from_data(HsCode, {"digits": "392690"}) == HsCode("392690")


def test_models_already_built_are_taken_as_they_are() -> None:
    line = _line("PH-01")
    shipment = _shipment()
    data = to_data(shipment)
    assert isinstance(data, dict)
    assert from_data(Shipment, {**data, "lines": [line]}).lines == (line,)


# -- results ----------------------------------------------------------------


def _landed() -> LandedCost:
    gb = presets.regime("GB", as_of=DAY).with_tariff(
        Tariff(measures=[TariffMeasure(hs_code="392690", duty=AdValorem("0.06"))])
    )
    return landed_cost(_shipment(), gb, fx=None, as_of=DAY)


def test_a_landed_cost_is_stored_as_json_and_read_back_whole() -> None:
    result = _landed()
    text = to_json(result, indent=2)
    back = from_json(LandedCost, text)
    assert back == result
    assert back.totals == result.totals
    assert [str(figure) for figure in back.figures] == [
        str(figure) for figure in result.figures
    ]


def _listing() -> Listing:
    return Listing(
        fees=FeeSchedule(
            name="Marketplace",
            currency="USD",
            referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
            fulfilment=Money("4.50", "USD"),
        ),
        costs=UnitCosts(landed=Money("9.00", "USD")),
    )


def test_a_waterfall_is_written_with_its_figures_and_rebuilt_from_its_listing() -> None:
    result = _listing().economics(Money("29.99", "USD"))
    data = to_data(result)
    assert isinstance(data, dict)
    assert list(data) == [
        "price",
        "listing",
        "gross",
        "net_revenue",
        "contribution",
        "channel",
        "lines",
    ]
    assert data["contribution"] == {"amount": "11.99", "currency": "USD"}
    assert [line["label"] for line in data["lines"]] == [  # type: ignore[call-overload,index,union-attr]
        line.label for line in result.lines
    ]
    back = from_data(UnitEconomics, data)
    assert back == result
    assert back.explain() == result.explain()
    # The figures are for the reader: price and listing are enough.
    assert (
        from_data(UnitEconomics, {"price": data["price"], "listing": data["listing"]})
        == result
    )


def test_an_edited_waterfall_figure_is_refused() -> None:
    data = to_data(_listing().economics(Money("29.99", "USD")))
    assert isinstance(data, dict)
    with pytest.raises(InvalidInputError) as caught:
        from_data(UnitEconomics, {**data, "contribution": "15.00 USD"})
    assert caught.value.field == "contribution"
    assert caught.value.value == "15.00 USD"
    with pytest.raises(InvalidInputError) as missing:
        from_data(UnitEconomics, {"price": data["price"]})
    assert missing.value.field == "listing"
    with pytest.raises(InvalidInputError) as price:
        from_data(UnitEconomics, {**data, "price": "29.999 USD"})
    assert price.value.field == "price"


def test_a_channel_comparison_stores_and_reads_back() -> None:
    own = Listing(
        fees=FeeSchedule(name="Own site", currency="USD"),
        costs=UnitCosts(landed=Money("9.00", "USD")),
    )
    comparison = compare_channels(
        [
            Channel(
                name="Marketplace",
                kind=ChannelKind.MARKETPLACE_FULFILLED,
                listing=_listing(),
                price=Money("29.99", "USD"),
            ),
            Channel(
                name="Own site",
                kind=ChannelKind.INDEPENDENT_SITE,
                listing=own,
                price=Money("27.99", "USD"),
            ),
        ],
        target_margin="0.25",
    )
    assert from_json(type(comparison), to_json(comparison)) == comparison


# -- errors name the path and the value -------------------------------------


def test_a_bad_amount_deep_down_names_its_path() -> None:
    data = to_data(_shipment())
    assert isinstance(data, dict)
    data["lines"][2]["unit_price"]["amount"] = "1,25"  # type: ignore[call-overload,index]
    with pytest.raises(InvalidInputError) as caught:
        from_data(Shipment, data)
    assert caught.value.field == "lines[2].unit_price.amount"
    assert caught.value.value == "1,25"
    assert str(caught.value).startswith("lines[2].unit_price.amount: expected")


def test_a_model_check_names_the_path_too() -> None:
    data = to_data(_shipment())
    assert isinstance(data, dict)
    data["lines"][1]["unit_weight"] = "30 cm"  # type: ignore[call-overload,index]
    with pytest.raises(UnitError) as caught:
        from_data(Shipment, data)
    assert caught.value.field == "lines[1].unit_weight"
    data["lines"][1]["unit_weight"] = "-1 kg"  # type: ignore[call-overload,index]
    with pytest.raises(InvalidInputError) as negative:
        from_data(Shipment, data)
    assert negative.value.field == "lines[1].unit_weight"


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"amount": "1"}, "currency", InvalidInputError),
        ({"amount": "1", "currency": "EUR", "tax": "0"}, "tax", InvalidInputError),
        ({"amount": True, "currency": "EUR"}, "amount", InvalidTypeError),
        ({"amount": "NaN", "currency": "EUR"}, "amount", InvalidInputError),
        ({"amount": "1", "currency": 978}, "currency", InvalidTypeError),
        ([1, "EUR"], None, InvalidTypeError),
    ],
)
def test_bad_money_data(
    data: object, field: str | None, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        from_data(Money, data)
    assert isinstance(caught.value, XborderError)
    assert caught.value.field == field


def test_unknown_and_missing_keys_are_named() -> None:
    data = to_data(_line("PH-01"))
    assert isinstance(data, dict)
    with pytest.raises(InvalidInputError) as unknown:
        from_data(Line, {**data, "colour": "red"})
    assert unknown.value.field == "colour"
    assert unknown.value.value == "red"
    assert "Line takes sku, hs_code" in str(unknown.value)
    del data["sku"]
    with pytest.raises(InvalidInputError) as missing:
        from_data(Line, data)
    assert missing.value.field == "sku"
    assert "missing" in str(missing.value)


def test_a_union_of_models_without_a_type_key_says_so() -> None:
    with pytest.raises(InvalidInputError) as caught:
        from_data(TariffMeasure, {"hs_code": "6403", "duty": {"rate": "0.08"}})
    assert caught.value.field == "duty"
    assert "'type' key" in str(caught.value)
    with pytest.raises(InvalidInputError) as unknown:
        from_data(
            TariffMeasure, {"hs_code": "6403", "duty": {"type": "Ad", "rate": "0.08"}}
        )
    assert unknown.value.field == "duty"


def test_bad_enum_dates_and_quantities_are_named() -> None:
    data = to_data(_shipment())
    assert isinstance(data, dict)
    cases: list[tuple[str, object, type[XborderError]]] = [
        ("mode", "plane", InvalidInputError),
        ("mode", 1, InvalidInputError),
        ("import_date", "01/09/2026", InvalidInputError),
        ("import_date", dt.datetime(2026, 9, 1, tzinfo=dt.UTC), InvalidTypeError),
        ("lines", "PH-01", InvalidTypeError),
        ("freight", 20, InvalidInputError),
    ]
    for key, value, error in cases:
        with pytest.raises(error) as caught:
            from_data(Shipment, {**data, key: value})
        assert caught.value.field == key, (key, value)
        assert caught.value.value == value


def test_bad_quantity_text_names_the_field() -> None:
    box = {"length": "30 cm", "width": "20 cm", "height": "5 cm"}
    for text in ("2.5", "kg", "2.5 blorbs", "2 kg)", "2 **", "1/3 kg"):
        with pytest.raises(UnitError) as bad:
            from_data(Parcel, {"dimensions": box, "weight": text})
        assert bad.value.field == "weight"
        assert bad.value.value == text
    with pytest.raises(UnitError) as area:
        from_data(Parcel, {"dimensions": box, "weight": "2.5 furlongs²"})
    assert area.value.field == "weight"
    assert area.value.value == "2.5 furlong ** 2"  # parsed, then the wrong dimension


def test_floats_and_unknown_types_are_refused_when_writing() -> None:
    @attrs.frozen
    class Loose:
        share: Any

    with pytest.raises(InvalidTypeError) as caught:
        to_data(Loose({"a": [0.5]}))
    assert caught.value.field == "share['a'][0]"
    with pytest.raises(InvalidTypeError):
        to_data(object())
    with pytest.raises(InvalidTypeError):
        to_data(1.5)


@attrs.frozen
class Floaty:
    share: float


def test_a_float_field_is_refused_with_a_reason() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        from_data(Floaty, {"share": "0.5"})
    assert caught.value.field == "share"
    assert "declare Decimal" in str(caught.value)


def test_unresolvable_annotations_are_reported() -> None:
    @attrs.frozen
    class Local:
        price: Missing  # type: ignore[name-defined]  # noqa: F821

    with pytest.raises(InvalidTypeError) as caught:
        from_data(Local, {"price": "1 EUR"})
    assert "annotations that resolve" in str(caught.value)


@attrs.frozen
class Checked:
    count: int = attrs.field(validator=attrs.validators.ge(0))


def test_a_users_validator_error_becomes_an_xborder_error() -> None:
    with pytest.raises(InvalidInputError) as caught:
        from_data(tuple[Checked, ...], [{"count": 1}, {"count": -1}])
    assert caught.value.field == "[1]"
    assert caught.value.value == {"count": -1}


def test_bad_json_says_where() -> None:
    with pytest.raises(InvalidInputError) as caught:
        from_json(Money, '{"amount": "1", "currency": "EUR",}')
    assert "not JSON" in str(caught.value)
    assert "line 1" in str(caught.value)
    with pytest.raises(InvalidTypeError) as nan:
        from_json(Money, '{"amount": NaN, "currency": "EUR"}')
    assert nan.value.field == "amount"


def test_to_json_is_one_line_or_indented() -> None:
    price = Money("12.50", "EUR")
    assert to_json(price) == '{"amount": "12.50", "currency": "EUR"}'
    assert to_json(price, indent=2).count("\n") == 3
    assert to_json("Zürich") == '"Zürich"'


def test_bytes_that_are_not_utf8_are_not_json() -> None:
    # A bare UnicodeDecodeError escaped.
    with pytest.raises(InvalidInputError) as caught:
        from_json(Money, b'{"amount": "1", "currency": "\xff"}')
    assert "not UTF-8" in str(caught.value)


# -- hostile arguments ----------------------------------------------------------


def _nested(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


def _self_referencing() -> list[object]:
    value: list[object] = [1]
    value.append(value)
    return value


_PRICE = Money("12.50", "EUR")


def _any(value: object) -> Any:
    return value


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        # A bare TypeError from json.loads.
        (lambda: from_json(Money, _any(5)), InvalidTypeError, "text"),
        # RecursionError from json's parser.
        (
            lambda: from_json(Money, "[" * 100_000 + "]" * 100_000),
            InvalidInputError,
            "text",
        ),
        # Python's 4,300-digit int limit: a bare ValueError.
        (lambda: from_json(Money, "9" * 5000), InvalidTypeError, None),
        (
            lambda: from_json(
                Money, '{"amount": ' + "9" * 5000 + ', "currency": "EUR"}'
            ),
            InvalidInputError,
            "amount",
        ),
        (lambda: from_json(int, "9" * 37), InvalidInputError, None),
        # RecursionError while walking the value.
        (
            lambda: to_data(_self_referencing()),
            InvalidInputError,
            "[1]" * MAX_DEPTH + "[0]",  # the 1 at [0] is one level too deep
        ),
        (lambda: to_data(_nested(5000)), InvalidInputError, "[0]" * (MAX_DEPTH + 1)),
        # OverflowError; 2**31 ran 10 s and took 6 GB.
        (lambda: to_json(_PRICE, indent=10**30), InvalidInputError, "indent"),
        (lambda: to_json(_PRICE, indent=2**31), InvalidInputError, "indent"),
        (lambda: to_json(_PRICE, indent=17), InvalidInputError, "indent"),
        (
            lambda: to_json(_PRICE, indent=_any(Decimal(2))),
            InvalidTypeError,
            "indent",
        ),
        (lambda: to_json(10**5000), InvalidInputError, None),
        # Arguments swapped: a bare "unhashable type: 'dict'".
        (lambda: from_data(_any({"amount": "1"}), Money), InvalidTypeError, "cls"),
        (lambda: from_data(_any([1]), _any({"a": 1})), InvalidTypeError, "cls"),
        (
            lambda: to_data(_PRICE, as_type=_any({"a": 1})),
            InvalidTypeError,
            "as_type",
        ),
        (lambda: from_data(Money, "\u0661\u0662 EUR"), InvalidInputError, "amount"),
        (lambda: from_data(Decimal, "1E+36"), InvalidInputError, None),
        (lambda: from_data(int, 10**36), InvalidInputError, None),
    ],
    ids=[
        "json-int",
        "json-deep",
        "json-5000-digits",
        "json-5000-digit-amount",
        "json-37-digit-int",
        "self-referencing",
        "nested-5000",
        "indent-10**30",
        "indent-2**31",
        "indent-17",
        "indent-Decimal",
        "to-json-huge-int",
        "swapped",
        "swapped-list",
        "as-type-dict",
        "arabic-amount",
        "decimal-1E+36",
        "int-1E+36",
    ],
)
def test_hostile_arguments_are_refused_by_name(
    call: Callable[[], object], error: type[Exception], field: str | None
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field


def test_swapped_arguments_say_the_type_comes_first() -> None:
    data = to_data(_PRICE)
    with pytest.raises(InvalidTypeError, match=r"from_data\(Money, data\)") as caught:
        from_data(data, Money)
    assert caught.value.value == data


def test_indent_from_zero_to_sixteen_is_taken() -> None:
    assert to_json(_PRICE, indent=0).count("\n") == 3
    assert '\n                "currency"' in to_json(_PRICE, indent=16)


def test_data_nested_to_the_limit_is_written() -> None:
    assert to_data(_nested(MAX_DEPTH)) == _nested(MAX_DEPTH)
