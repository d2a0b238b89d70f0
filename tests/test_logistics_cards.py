from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
    UnitError,
)
from xborder.logistics import (
    Band,
    BandEdge,
    FirstAdditional,
    Flat,
    PerWeight,
    RateCard,
    ZoneRateCard,
)
from xborder.money import Currency, Money
from xborder.testing import strategies as xst


def usd(amount: str) -> Money:
    return Money(amount, "USD")


EXPRESS = RateCard.first_additional(
    first_weight="0.5 kg",
    first_price=usd("30"),
    step="0.5 kg",
    step_price=usd("4.50"),
    max_weight="20 kg",
)


@pytest.mark.parametrize(
    ("weight", "price"),
    [
        ("0.1 kg", "30"),
        ("0.5 kg", "30"),  # the first weight covers up to and including 0.5 kg
        ("0.501 kg", "34.50"),  # any part of a step is a whole step
        ("1 kg", "34.50"),
        ("1.2 kg", "39.00"),
        ("20 kg", "205.50"),  # 30 + 39 steps × 4.50
    ],
)
def test_first_weight_plus_additional_steps(weight: str, price: str) -> None:
    assert EXPRESS.price(weight) == usd(price)


def test_weight_breaks_are_flat_within_a_band() -> None:
    card = RateCard.weight_breaks(
        [("1 lb", usd("12.00")), ("2 lb", usd("14.50")), ("3 lb", usd("16.25"))]
    )
    assert card.price("0.2 lb") == usd("12.00")
    assert card.price("1 lb") == usd("12.00")
    assert card.price("1.01 lb") == usd("14.50")
    assert card.price("3 lb") == usd("16.25")
    with pytest.raises(RuleNotApplicableError) as raised:
        card.price("3.01 lb")
    assert raised.value.field == "weight"


def test_per_weight_with_item_fee_and_minimum_charge() -> None:
    line = RateCard.per_weight(
        rate=Money("62", "CNY"),
        item_fee=Money("18", "CNY"),
        minimum_charge=Money("25", "CNY"),
        max_weight="30 kg",
    )
    assert line.price("50 g") == Money("25", "CNY")  # 21.10 raised to 25
    priced = line.price_kg(Decimal("0.05"))
    assert "raised to the minimum charge 25 CNY" in priced.detail
    assert line.price("1 kg") == Money("80", "CNY")


def test_rates_per_pound() -> None:
    pricing = PerWeight(rate=usd("3"), per="1 lb")
    assert pricing.price(Decimal("0.90718474")) == Decimal(6)  # 2 lb


def test_mixed_shapes_on_one_card() -> None:
    # Light parcels by weight break, heavier ones by a base + per-step price.
    card = RateCard(
        bands=(
            Band(up_to="8 oz", price=Flat(usd("3.90"))),
            Band(up_to="16 oz", price=Flat(usd("4.55"))),
            Band(
                up_to="20 lb",
                price=FirstAdditional(
                    first_weight="1 lb",
                    first_price=usd("4.55"),
                    step="0.25 lb",
                    step_price=usd("0.16"),
                ),
            ),
        )
    )
    assert card.price("5 oz") == usd("3.90")
    assert card.price("1.6 lb") == usd("4.55") + usd("0.16") * 3


def test_zone_cards_price_by_destination() -> None:
    chart = ZoneRateCard(
        zones={"US": "8", "CA": "8", "DE": "5"},
        cards={
            "5": RateCard.weight_breaks([("1 kg", usd("20"))]),
            "8": RateCard.weight_breaks([("1 kg", usd("28"))]),
        },
    )
    assert chart.card_for("CA")[1].price("1 kg") == usd("28")
    assert chart.card_for("DE")[0] == "5"
    with pytest.raises(RuleNotApplicableError) as raised:
        chart.card_for("JP")
    assert raised.value.field == "destination"


# -- properties -------------------------------------------------------------

weights = st.decimals(
    min_value=Decimal("0.001"), max_value=Decimal(100), places=3, allow_nan=False
)


@given(xst.rate_cards(monotone=True), weights, weights)
def test_cost_is_monotone_in_weight_within_a_monotone_card(
    card: RateCard, a: Decimal, b: Decimal
) -> None:
    light, heavy = sorted((a, b))
    try:
        heavy_price = card.price_kg(heavy).amount
    except RuleNotApplicableError:
        return
    assert card.price_kg(light).amount <= heavy_price
    assert card.price_drops() == ()


@given(xst.rate_cards(), weights)
def test_every_priced_weight_is_in_exactly_its_band(
    card: RateCard, weight: Decimal
) -> None:
    edges = [band.up_to.magnitude for band in card.bands]
    try:
        index = card.band_index(weight)
    except RuleNotApplicableError:
        assert weight >= edges[-1]
        return
    lower = edges[index - 1] if index else Decimal(0)
    upper = edges[index]
    if card.edge is BandEdge.UP_TO_AND_INCLUDING:
        assert lower < weight <= upper
    else:
        assert lower <= weight < upper


@given(xst.rate_cards())
def test_each_edge_belongs_to_the_band_its_convention_says(card: RateCard) -> None:
    last = len(card.bands) - 1
    for index, band in enumerate(card.bands):
        edge = band.up_to.magnitude
        if card.edge is BandEdge.UP_TO_AND_INCLUDING:
            assert card.band_index(edge) == index
        elif index < last:
            assert card.band_index(edge) == index + 1
        else:
            with pytest.raises(RuleNotApplicableError):
                card.band_index(edge)


@given(xst.rate_cards(), weights)
def test_prices_are_never_below_the_minimum(card: RateCard, weight: Decimal) -> None:
    try:
        price = card.price_kg(weight)
    except RuleNotApplicableError:
        return
    assert price.amount.currency == card.currency
    if card.minimum_charge is not None:
        assert price.amount >= card.minimum_charge
    assert not price.amount.is_negative()


# -- bad input --------------------------------------------------------------


def test_bands_must_ascend() -> None:
    with pytest.raises(InvalidInputError) as raised:
        RateCard.weight_breaks([("2 kg", usd("1")), ("1 kg", usd("2"))])
    assert raised.value.field == "bands[1].up_to"


def test_a_card_has_one_currency() -> None:
    with pytest.raises(CurrencyMismatchError) as raised:
        RateCard.weight_breaks([("1 kg", usd("1")), ("2 kg", Money("2", "EUR"))])
    assert raised.value.field == "bands"
    with pytest.raises(CurrencyMismatchError) as raised:
        PerWeight(rate=usd("1"), item_fee=Money("1", "EUR"))
    assert raised.value.field == "item_fee"


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: RateCard(bands=()), InvalidInputError, "bands"),
        (lambda: RateCard(bands=[Flat(usd("1"))]), InvalidTypeError, "bands[0]"),  # type: ignore[list-item]
        (lambda: Band(up_to="1 kg", price=usd("1")), InvalidTypeError, "price"),  # type: ignore[arg-type]
        (lambda: Band(up_to="1 m", price=Flat(usd("1"))), UnitError, "up_to"),
        (lambda: Band(up_to="0 kg", price=Flat(usd("1"))), InvalidInputError, "up_to"),
        (lambda: Flat(usd("-1")), InvalidInputError, "amount"),
        (lambda: Flat("1"), InvalidTypeError, "amount"),  # type: ignore[arg-type]
        (lambda: PerWeight(rate=usd("1"), per="0 kg"), InvalidInputError, "per"),
        (
            lambda: FirstAdditional(
                first_weight="0.5 kg",
                first_price=usd("1"),
                step="0 kg",
                step_price=usd("1"),
            ),
            InvalidInputError,
            "step",
        ),
        (lambda: ZoneRateCard(zones={"US": "1"}, cards={}), InvalidTypeError, "cards"),
        (
            lambda: ZoneRateCard(
                zones={"US": "2"},
                cards={"1": RateCard.weight_breaks([("1 kg", usd("1"))])},
            ),
            InvalidInputError,
            "zones['US']",
        ),
        (
            lambda: ZoneRateCard(
                zones={"UK": "1"},
                cards={"1": RateCard.weight_breaks([("1 kg", usd("1"))])},
            ),
            InvalidInputError,
            "zones",
        ),
    ],
)
def test_bad_cards_are_clear_errors(
    build: object, error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as raised:
        build()  # type: ignore[operator]
    assert raised.value.field == field  # type: ignore[attr-defined]


def test_a_weight_of_zero_has_no_price() -> None:
    with pytest.raises(InvalidInputError) as raised:
        EXPRESS.price_kg(Decimal(0))
    assert raised.value.field == "weight"
    with pytest.raises(UnitError):
        EXPRESS.price("3 cm")


def test_zone_cards_share_a_currency() -> None:
    with pytest.raises(CurrencyMismatchError):
        ZoneRateCard(
            zones={"US": "1", "DE": "2"},
            cards={
                "1": RateCard.weight_breaks([("1 kg", usd("1"))]),
                "2": RateCard.weight_breaks([("1 kg", Money("1", "EUR"))]),
            },
        )


def test_currency_property() -> None:
    assert EXPRESS.currency == Currency("USD")
    assert str(EXPRESS.max_weight) == "20 kilogram"
