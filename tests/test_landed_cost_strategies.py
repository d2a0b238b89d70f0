from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from xborder._country import country_codes
from xborder.customs import (
    AdValorem,
    Cap,
    Compound,
    Fee,
    FlatPerTariffLine,
    Floor,
    HsCode,
    PointOfSaleScheme,
    Regime,
    RoundingPolicy,
    Specific,
    Tariff,
    TariffMeasure,
    TaxRule,
    Threshold,
)
from xborder.landed_cost import Charge, LandedCost, Line, Shipment
from xborder.testing import strategies as xst
from xborder.testing.strategies import _registered

MODELS = [
    HsCode,
    AdValorem,
    Specific,
    Compound,
    Floor,
    Cap,
    FlatPerTariffLine,
    TariffMeasure,
    Tariff,
    RoundingPolicy,
    TaxRule,
    Threshold,
    Fee,
    PointOfSaleScheme,
    Regime,
    Line,
    Charge,
    Shipment,
    LandedCost,
]


def test_every_model_has_a_registered_strategy() -> None:
    assert set(MODELS) <= set(_registered())


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_from_type_resolves_and_models_round_trip(model: type) -> None:
    @settings(max_examples=10)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)
        assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 - our own
        assert copy.deepcopy(value) == value

    check()


@given(xst.country_codes(), xst.hs_codes(digits=st.integers(2, 14)))
def test_codes_are_valid(country: str, code: HsCode) -> None:
    assert country in country_codes()
    assert 2 <= len(code.digits) <= 14


@given(xst.shipments(max_lines=3))
def test_shipments_are_valid_imports(shipment: Shipment) -> None:
    assert 1 <= len(shipment.lines) <= 3
    assert shipment.export_country != shipment.destination_country
    assert shipment.destination_country == "US"


@settings(max_examples=50)
@given(xst.regimes(country=st.just("JP")))
def test_regimes_have_unique_rule_ids(regime: Regime) -> None:
    assert regime.country == "JP"
    ids = [tax.id for tax in regime.taxes]
    assert len(ids) == len(set(ids))
    assert regime.check_in_force(regime.validity.valid_from) == ()


@pytest.mark.parametrize(
    "strategy",
    [xst.hs_codes(digits=st.just(1)), xst.shipments(max_lines=0)],
)
def test_bad_arguments_fail_when_drawn(strategy: st.SearchStrategy[object]) -> None:
    @given(strategy)
    def draw(value: object) -> None:
        del value

    with pytest.raises(InvalidArgument):
        draw()
