"""Every public model and result resolves under ``st.from_type``.

Users write property tests over any xborder type; a class without a
registered strategy would fall back to Hypothesis guessing its fields from
attrs, drawing inputs the converters refuse.
"""

from __future__ import annotations

import importlib

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.testing.strategies import _registered

PUBLIC_MODULES = (
    "xborder.money",
    "xborder.fx",
    "xborder.units",
    "xborder.dated",
    "xborder.customs",
    "xborder.landed_cost",
    "xborder.logistics",
    "xborder.pricing",
    "xborder.inventory",
    "xborder.forecast",
    "xborder.kpi",
    "xborder.reports",
    "xborder.ledger",
)


def _public_models() -> list[type]:
    found: dict[str, type] = {}
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for export in module.__all__:
            value = getattr(module, export)
            if isinstance(value, type) and attrs.has(value):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[key] for key in sorted(found)]


MODELS = _public_models()


def test_the_walk_finds_the_models() -> None:
    assert len(MODELS) > 150


def test_every_public_model_has_a_registered_strategy() -> None:
    registered = _registered()
    assert [m.__qualname__ for m in MODELS if m not in registered] == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__qualname__)
def test_from_type_draws_each_model(model: type) -> None:
    @settings(max_examples=3, deadline=None)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()
