"""Models cross process pools (concurrent.futures) intact."""

from __future__ import annotations

import copy
import pickle

from hypothesis import given
from hypothesis import strategies as st

from xborder.fx import FxRate, FxTable
from xborder.money import Currency, Money
from xborder.units import Dimensions


@given(
    st.one_of(
        st.from_type(Currency),
        st.from_type(Money),
        st.from_type(FxRate),
        st.from_type(FxTable),
        st.from_type(Dimensions),
    )
)
def test_models_round_trip_through_pickle_and_deepcopy(value: object) -> None:
    assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 - our own object
    assert copy.deepcopy(value) == value


def test_an_unpickled_table_still_converts() -> None:
    table = FxTable(
        rates=(FxRate(base="USD", quote="EUR", rate="0.9", as_of="2026-01-02"),)
    )
    restored = pickle.loads(pickle.dumps(table))  # noqa: S301 - our own object
    assert restored.path("EUR", "USD").legs[0].inverted
    assert hash(restored) == hash(table)
