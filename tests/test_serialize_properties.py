"""Every registered model survives to_data/from_data and JSON, exactly.

The models come from ``xborder.testing.strategies._registered()``, so a model
added to xborder with a strategy is covered here without another line.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.money import Money
from xborder.serialize import from_data, from_json, to_data, to_json
from xborder.testing.strategies import _registered

if TYPE_CHECKING:
    from collections.abc import Callable

MODELS = sorted(_registered().items(), key=lambda item: item[0].__qualname__)
# Ninety-odd models at the profile's full count (400 in CI) would take
# minutes, most of it drawing large models; an eighth still draws 50 of each.
EXAMPLES = max(10, settings().max_examples // 8)


def _plain(data: object) -> bool:
    if isinstance(data, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in data.items())
    if isinstance(data, list):
        return all(_plain(item) for item in data)
    return data is None or type(data) in {str, int, bool}


@pytest.mark.parametrize(
    ("model", "strategy"), MODELS, ids=[model.__qualname__ for model, _ in MODELS]
)
def test_every_model_round_trips_through_plain_data_and_json(
    model: type, strategy: Callable[[], st.SearchStrategy[Any]]
) -> None:
    @settings(max_examples=EXAMPLES)
    @given(strategy())
    def round_trip(value: object) -> None:
        assert type(value) is model
        data = to_data(value)
        assert _plain(data)
        back = from_data(model, data)
        assert back == value
        # Equal is not enough for Decimals ('1.0' == '1.00'): the data of the
        # rebuilt model is the same data, digit for digit.
        assert to_data(back) == data
        text = to_json(value)
        assert from_json(model, text) == value
        assert json.loads(text) == data

    round_trip()


@given(st.data())
def test_json_numbers_read_as_exact_decimals(data: st.DataObject) -> None:
    amount = data.draw(st.decimals(allow_nan=False, allow_infinity=False, places=4))
    text = json.dumps({"amount": "PLACEHOLDER", "currency": "EUR"}).replace(
        '"PLACEHOLDER"', f"{amount:f}"
    )
    money = from_json(Money, text)
    assert money.amount == amount
    assert (
        money.amount.as_tuple().exponent == Decimal(f"{amount:f}").as_tuple().exponent
    )
