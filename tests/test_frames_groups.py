"""Group-wise largest-remainder shares equal xborder.money.allocate, group by group."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.frames._engine import NotExact
from xborder.frames._groups import allocate
from xborder.money import Money
from xborder.money import allocate as money_allocate

WEIGHTS = st.one_of(st.integers(0, 3), st.integers(0, 10**6), st.integers(0, 10**15))
GROUP = st.tuples(
    st.one_of(st.integers(-(10**6), 10**6), st.sampled_from([0, 1, 7, 10**20])),
    st.lists(WEIGHTS, min_size=1, max_size=8).filter(any),
)


@settings(max_examples=200)
@given(groups=st.lists(GROUP, min_size=1, max_size=20))
def test_shares_equal_money_allocate(groups: list[tuple[int, list[int]]]) -> None:
    rows = [
        {"shipment": index % 7, "part": index, "units": units, "weight": weight}
        for index, (units, weights) in enumerate(groups)
        for weight in weights
    ]
    frame = pl.DataFrame(rows).with_columns(pl.col("units", "weight").cast(pl.Int128))
    out = allocate(
        frame, group=["shipment", "part"], units="units", weights="weight", into="share"
    )
    got = out.get_column("share").to_list()
    position = 0
    for units, weights in groups:
        money = Money(Decimal(units).scaleb(-2), "USD")
        expected = [int(m.amount.scaleb(2)) for m in money_allocate(money, weights)]
        assert got[position : position + len(weights)] == expected
        position += len(weights)


def test_ties_go_to_the_earlier_line() -> None:
    frame = pl.DataFrame(
        {"g": ["a"] * 3 + ["b"] * 3, "u": [1] * 3 + [2] * 3, "w": [1] * 6}
    ).with_columns(pl.col("u", "w").cast(pl.Int128))
    out = allocate(frame, group=["g"], units="u", weights="w", into="s")
    assert out.get_column("s").to_list() == [1, 0, 0, 1, 1, 0]


def test_a_group_of_zero_weights_gets_no_shares() -> None:
    frame = pl.DataFrame({"g": [1, 1], "u": [5, 5], "w": [0, 0]}).with_columns(
        pl.col("u", "w").cast(pl.Int128)
    )
    assert allocate(frame, group=["g"], units="u", weights="w", into="s").get_column(
        "s"
    ).to_list() == [None, None]


def test_shares_that_could_leave_int128_are_refused() -> None:
    frame = pl.DataFrame({"g": [1], "u": [10**30], "w": [10**30]}).with_columns(
        pl.col("u", "w").cast(pl.Int128)
    )
    with pytest.raises(NotExact):
        allocate(frame, group=["g"], units="u", weights="w", into="s")
