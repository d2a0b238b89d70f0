from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from xborder.logistics import (
    Band,
    Consignment,
    Destination,
    DimRule,
    FirstAdditional,
    FirstMile,
    Flat,
    Fulfilment,
    FulfilmentFeeTable,
    Mode,
    Parcel,
    PerWeight,
    RateCard,
    Restrictions,
    ServiceOption,
    SizeLimits,
    SizeTier,
    Surcharge,
    TransitTime,
    Weights,
    When,
    ZoneRateCard,
)
from xborder.money import Currency
from xborder.testing import strategies as xst
from xborder.testing.strategies import _registered

MODELS = [
    Parcel,
    Consignment,
    Destination,
    DimRule,
    Flat,
    PerWeight,
    FirstAdditional,
    Band,
    RateCard,
    ZoneRateCard,
    SizeLimits,
    Restrictions,
    When,
    Surcharge,
    TransitTime,
    ServiceOption,
    SizeTier,
    FulfilmentFeeTable,
    FirstMile,
    Fulfilment,
    Weights,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_from_type_resolves_every_logistics_model(model: type) -> None:
    @settings(max_examples=10)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()


def test_every_model_is_registered() -> None:
    assert set(MODELS) <= set(_registered())


@given(xst.parcels(pieces=st.just(2)))
def test_parcel_options_are_used(parcel: Parcel) -> None:
    assert parcel.pieces == 2


@given(xst.rate_cards(currency=st.just(Currency("JPY")), max_bands=2))
def test_rate_card_options_are_used(card: RateCard) -> None:
    assert card.currency.code == "JPY"
    assert len(card.bands) <= 2


@given(xst.service_options(modes=st.just(Mode.POSTAL)))
def test_service_option_modes_are_used(option: ServiceOption) -> None:
    assert option.mode is Mode.POSTAL


@given(xst.fulfilments(currency=st.just(Currency("EUR"))))
def test_fulfilments_have_a_price(fulfilment: Fulfilment) -> None:
    assert fulfilment.fees is not None or fulfilment.order_fee is not None


@given(xst.transit_times(max_days=10))
def test_transit_times_respect_their_bound(transit: TransitTime) -> None:
    assert transit.maximum.magnitude <= 10


@given(xst.destinations(countries=st.just("JP")))
def test_destination_countries_are_used(destination: Destination) -> None:
    assert destination.country == "JP"


@pytest.mark.parametrize(
    "strategy",
    [
        xst.consignments(max_size=0),
        xst.rate_cards(max_bands=0),
        xst.transit_times(max_days=-1),
    ],
)
def test_bad_arguments_fail_when_drawn(strategy: st.SearchStrategy[object]) -> None:
    @given(strategy)
    def draw(value: object) -> None:
        del value

    with pytest.raises(InvalidArgument):
        draw()
