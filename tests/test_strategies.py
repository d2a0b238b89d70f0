from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from xborder.fx import FxRate, FxTable
from xborder.money import Currency, Money, RoundingMode
from xborder.testing import strategies as xst
from xborder.units import Dimensions

if TYPE_CHECKING:
    from xborder.units import Quantity

PUBLIC_MODELS = [Currency, Money, FxRate, FxTable, Dimensions]


@pytest.mark.parametrize("model", PUBLIC_MODELS)
def test_from_type_resolves_every_public_model(model: type) -> None:
    @settings(max_examples=20)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()


@given(xst.money_values())
def test_money_values_are_whole_minor_units(money: Money) -> None:
    assert money.is_quantized()


@given(xst.money_values(currency=st.just(Currency("KWD")), min_value=0, max_value=1))
def test_money_bounds_are_respected(money: Money) -> None:
    assert money.currency.code == "KWD"
    assert 0 <= money.amount <= 1


@given(xst.fx_rates(min_rate="0.5", max_rate=2))
def test_fx_rates_stay_in_range_and_differ_in_currency(rate: FxRate) -> None:
    assert rate.base != rate.quote
    assert rate.rate >= 0.5
    assert rate.rate <= 2


@given(xst.fx_tables(max_size=3))
def test_fx_tables_are_valid(table: FxTable) -> None:
    assert 1 <= len(table.rates) <= 3
    assert table.pivot is not None


@given(xst.rounding_modes())
def test_rounding_modes(mode: RoundingMode) -> None:
    assert isinstance(mode, RoundingMode)


@given(xst.masses(), xst.lengths(), xst.volumes(), xst.durations())
def test_quantities_have_their_dimensions(
    mass: Quantity, length: Quantity, volume: Quantity, duration: Quantity
) -> None:
    assert mass.check("[mass]")
    assert length.check("[length]")
    assert volume.check("[volume]")
    assert duration.check("[time]")


@pytest.mark.parametrize(
    "strategy",
    [
        xst.money_values(min_value=2, max_value=1),
        xst.money_values(min_value=0.5),  # type: ignore[arg-type]
        xst.fx_rates(min_rate=0),
        xst.fx_rates(min_rate="x"),
        xst.fx_tables(max_size=0),
        xst.quantities(st.just("kg"), min_value=3, max_value=1),
        xst.quantities(st.just("kg"), min_value=float("nan")),  # type: ignore[arg-type]
        # Digits below 1E-100 (xborder's FINEST) would be refused when built.
        xst.quantities(st.just("kg"), places=101),
        xst.quantities(st.just("kg"), places=-1),
        xst.money_values(max_value="1E+36"),
        # Values where a strategy belongs: they raised AttributeError at once.
        xst.currencies(codes=["EUR"]),  # type: ignore[arg-type]
        xst.money_values(currency=Currency("EUR")),  # type: ignore[arg-type]
        xst.fx_rates(base=Currency("EUR")),  # type: ignore[arg-type]
        xst.fx_tables(pivot=Currency("USD")),  # type: ignore[arg-type]
        xst.fx_tables(others=[Currency("EUR")]),  # type: ignore[arg-type]
        xst.dimensions(sides="10 cm"),  # type: ignore[arg-type]
    ],
)
def test_bad_arguments_fail_when_drawn_not_when_built(
    strategy: st.SearchStrategy[object],
) -> None:
    @given(strategy)
    def draw(value: object) -> None:
        del value

    with pytest.raises(InvalidArgument):
        draw()


def _run(code: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_the_entry_point_registers_models_without_importing_pint() -> None:
    code = (
        "import sys\n"
        "from hypothesis import strategies as st\n"
        "import xborder\n"
        "st.from_type(xborder.Money).example()\n"
        "print('pint' in sys.modules)\n"
    )
    assert _run(code) == "False"


def test_suite_does_not_depend_on_the_plugin() -> None:
    code = (
        "import os\n"
        "os.environ['HYPOTHESIS_NO_PLUGINS'] = '1'\n"
        "from xborder.testing import strategies as xst\n"
        "print(type(xst.money_values().example()).__name__)\n"
    )
    assert _run(code) == "Money"
