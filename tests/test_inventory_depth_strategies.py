"""The inventory-depth strategies draw valid models that read back and pickle."""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from xborder.serialize import from_data, to_data
from xborder.testing import strategies as xst
from xborder.testing.strategies._inventory_depth import REGISTERED

if TYPE_CHECKING:
    from collections.abc import Callable

MODELS = sorted(REGISTERED, key=lambda model: model.__qualname__)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__qualname__)
def test_each_strategy_draws_its_model_and_it_reads_back(model: type) -> None:
    @settings(max_examples=15, deadline=None)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)
        back: object = from_data(model, to_data(value))
        assert back == value
        assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 - our own

    check()


OPTIONS: list[Callable[..., st.SearchStrategy[Any]]] = [
    xst.container_skus,
    xst.container_plans,
    xst.policy_costs,
]


@pytest.mark.parametrize("strategy", OPTIONS, ids=lambda s: s.__name__)
def test_options_must_be_strategies(strategy: Callable[..., Any]) -> None:
    @given(strategy(currency="USD"))
    def draw(value: object) -> None:
        del value

    with pytest.raises(InvalidArgument):
        draw()
