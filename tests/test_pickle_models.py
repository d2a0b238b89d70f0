"""Every registered model pickles back equal, in xborder's registry, and still computes.

Process pools (``concurrent.futures``, ``multiprocessing``) pickle arguments
and results. A pint quantity unpickled the default way lands in pint's
*application* registry, and adding it to one of xborder's then fails; these
tests check that nothing a model holds comes back that way.
"""

from __future__ import annotations

import concurrent.futures
import copy
import datetime as dt
import multiprocessing
import pickle
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.customs import (
    AdValorem,
    Incoterm,
    Tariff,
    TariffMeasure,
    TransportMode,
    presets,
)
from xborder.inventory import reorder_point
from xborder.landed_cost import Line, Shipment, landed_cost
from xborder.logistics import DimRule, Parcel, chargeable_weight
from xborder.money import Money
from xborder.serialize import to_data
from xborder.testing import strategies as xst
from xborder.testing.strategies import _registered
from xborder.units import registry

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

_PINT_QUANTITY = registry().Quantity.__mro__[1]  # pint's Quantity, any registry
MODELS = sorted(_registered().items(), key=lambda item: item[0].__qualname__)
# See test_serialize_properties: ninety-odd models, an eighth of the profile each.
EXAMPLES = max(10, settings().max_examples // 8)


def _restored(value: object) -> Any:
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - our own bytes


def _quantities(value: object) -> Iterator[object]:
    """Every pint quantity inside a model, however deep."""
    if isinstance(value, _PINT_QUANTITY):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type] # attrs.has
            yield from _quantities(getattr(value, field.name))
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _quantities(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _quantities(item)


@pytest.mark.parametrize(
    ("model", "strategy"), MODELS, ids=[model.__qualname__ for model, _ in MODELS]
)
def test_every_model_pickles_back_equal_and_at_home(
    model: type, strategy: Callable[[], st.SearchStrategy[Any]]
) -> None:
    @settings(max_examples=EXAMPLES)
    @given(strategy())
    def survives(value: object) -> None:
        assert type(value) is model
        restored = _restored(value)
        assert restored == value
        assert copy.deepcopy(value) == value
        home = registry().Quantity
        for before, after in zip(
            _quantities(value), _quantities(restored), strict=True
        ):
            assert isinstance(after, home)
            assert after + before == before + after  # one registry: no ValueError
        # Every field still reads and converts: the data is the same data.
        assert to_data(restored) == to_data(value)
        try:
            expected = hash(value)
        except TypeError:
            return  # a model holding a dict is not hashable, pickled or not
        assert hash(restored) == expected

    survives()


@given(xst.parcels(), xst.dim_rules())
def test_an_unpickled_parcel_and_rule_weigh_the_same(
    parcel: Parcel, rule: DimRule
) -> None:
    expected = chargeable_weight(parcel, rule)
    result = chargeable_weight(_restored(parcel), _restored(rule))
    assert result == expected
    assert _restored(result) == expected


@given(xst.demands(), xst.lead_times(), xst.service_targets())
def test_an_unpickled_demand_and_lead_time_give_the_same_reorder_point(
    demand: Any,
    lead_time: Any,
    target: Any,
) -> None:
    day = dt.date(2026, 9, 1)
    expected = reorder_point(demand, lead_time, target, order_quantity=100, as_of=day)
    restored = reorder_point(
        _restored(demand),
        _restored(lead_time),
        _restored(target),
        order_quantity=100,
        as_of=day,
    )
    assert restored == expected
    assert _restored(expected) == expected


def _gb_landed_cost_inputs() -> tuple[Shipment, Any]:
    day = dt.date(2026, 9, 1)
    gb = presets.regime("GB", as_of=day).with_tariff(
        Tariff(measures=[TariffMeasure(hs_code="392690", duty=AdValorem("0.06"))])
    )
    holder = Line(
        sku="PH-01",
        hs_code="392690",
        origin_country="CN",
        quantity=100,
        unit_price=Money("2.00", "GBP"),
        unit_weight="85 g",
    )
    shipment = Shipment(
        lines=[holder],
        export_country="CN",
        destination_country="GB",
        incoterm=Incoterm.DDP,
        mode=TransportMode.AIR,
        import_date=day,
        freight=Money("20.00", "GBP"),
    )
    return shipment, gb


def test_an_unpickled_shipment_and_regime_land_at_the_same_cost() -> None:
    shipment, gb = _gb_landed_cost_inputs()
    day = shipment.import_date
    expected = landed_cost(shipment, gb, fx=None, as_of=day)
    result = landed_cost(_restored(shipment), _restored(gb), fx=None, as_of=day)
    assert result == expected
    assert _restored(result) == expected


def test_models_cross_a_fresh_process_and_come_back_at_home() -> None:
    # A spawned worker is a new interpreter: it unpickles the parcel into
    # its own xborder registry, and the result comes back into ours.
    parcel = Parcel(
        dimensions="30 x 20 x 10 cm",
        weight="1.5 lb",
    )
    rule = DimRule(divisor="5000 cm**3/kg")
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        result = pool.submit(chargeable_weight, parcel, rule).result()
    assert result == chargeable_weight(parcel, rule)
    assert result.rule is not None
    assert result.rule.divisor is not None
    assert rule.divisor is not None
    assert isinstance(result.rule.divisor, registry().Quantity)
    assert result.rule.divisor + rule.divisor == 2 * rule.divisor
    assert all(isinstance(q, registry().Quantity) for q in _quantities(result))
