"""The ops engines agree: DECIMALS and the column engine, on drawn values.

``DecimalOps.divide`` (a ROUND_05UP quotient rounded once more) is the
exactly rounded quotient of :func:`xborder._ops.divide_exactly`; the
column engine's :meth:`~xborder.frames._engine.Columns.quotient` is Decimal
division wherever it claims to be exact, and says so elsewhere.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder._ops import DECIMALS, divide_exactly
from xborder.frames._engine import Columns, NotExact
from xborder.money import RoundingMode

NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(Decimal),
    st.decimals(min_value=-(10**12), max_value=10**12, places=6, allow_nan=False),
    st.sampled_from([Decimal(s) for s in ("0", "0.5", "-0.5", "2.5", "-2.5", "1E-20")]),
)
UNITS = st.integers(-12, 3).map(lambda exponent: Decimal(1).scaleb(exponent))


@settings(max_examples=500)
@given(
    a=NUMBERS,
    b=NUMBERS.filter(bool),
    unit=UNITS,
    mode=st.sampled_from(list(RoundingMode)),
)
def test_divide_is_the_exactly_rounded_quotient(
    a: Decimal, b: Decimal, unit: Decimal, mode: RoundingMode
) -> None:
    got = DECIMALS.divide(a, b, unit, mode.value)
    expected = divide_exactly(a, b, unit, mode.value)
    assert got == expected
    assert str(got) == str(expected)  # exponent and sign alike (no -0)


@pytest.mark.parametrize(
    ("a", "b", "unit", "mode", "expected"),
    [
        ("1", "8", "0.01", RoundingMode.HALF_EVEN, "0.12"),  # 0.125: a tie
        ("-1", "8", "0.01", RoundingMode.HALF_UP, "-0.13"),
        ("1", "3", "0.01", RoundingMode.CEILING, "0.34"),
        ("-1", "3", "0.01", RoundingMode.DOWN, "-0.33"),
        ("0", "7", "0.01", RoundingMode.UP, "0.00"),
        ("-0.001", "1", "0.01", RoundingMode.HALF_UP, "0.00"),
    ],
)
def test_divide_on_ties_negatives_and_zero(
    a: str, b: str, unit: str, mode: RoundingMode, expected: str
) -> None:
    got = DECIMALS.divide(Decimal(a), Decimal(b), Decimal(unit), mode.value)
    assert str(got) == expected


PARAMETERS = st.sampled_from(
    [Decimal(s) for s in ("100", "5000", "1.25", "-8", "0.4", "1E+3", "2", "0.001")]
)


SIX_PLACES = st.one_of(
    st.integers(-(10**24), 10**24).map(Decimal),
    st.decimals(min_value=-(10**12), max_value=10**12, places=6, allow_nan=False),
)


@settings(max_examples=100)
@given(values=st.lists(SIX_PLACES, min_size=1, max_size=20), b=PARAMETERS)
def test_quotient_on_columns_is_decimal_division(
    values: list[Decimal], b: Decimal
) -> None:
    scale = 6
    integers = [int(v.scaleb(scale)) for v in values]
    frame = pl.DataFrame({"x": integers}, schema={"x": pl.Int128})
    engine = Columns(wide=True)
    column = engine.input("x", scale, max(abs(i) for i in integers))
    try:
        result = engine.quotient(column, b)
    except NotExact:
        return  # past 34 digits: the rows go to the scalar engine
    out = engine.run(frame.lazy(), {"q": result}, where=pl.lit(value=True))
    got = [Decimal(int(i)).scaleb(-result.scale) for i in out.get_column("q").to_list()]
    assert got == [DECIMALS.quotient(v, b) for v in values]


@pytest.mark.parametrize("divisor", ["3", "6000", "0.3", "7"])
def test_quotient_by_a_divisor_whose_inverse_does_not_terminate_is_refused(
    divisor: str,
) -> None:
    engine = Columns()
    column = engine.input("x", 2, 100)
    with pytest.raises(NotExact):
        engine.quotient(column, Decimal(divisor))


def test_a_condition_runs_after_the_columns_it_reads() -> None:
    # A where whose two sides are parameters still waits for its condition.
    engine = Columns()
    x = engine.input("x", 0, 10)
    chosen = engine.where(engine.greater(x, Decimal(5)), Decimal(1), Decimal(0))
    frame = pl.DataFrame({"x": [3, 7]})
    out = engine.run(frame.lazy(), {"y": chosen}, where=pl.lit(value=True))
    assert out.get_column("y").to_list() == [Decimal(0), Decimal(1)]
