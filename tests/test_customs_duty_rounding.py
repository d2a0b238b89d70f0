"""Regime.with_duty_rounding: duties and fees round one way, each tax its own."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.customs import Regime, presets
from xborder.errors import InvalidTypeError
from xborder.money import RoundingMode

DAY = dt.date(2026, 9, 1)
MODES = st.sampled_from(list(RoundingMode))


@given(MODES)
def test_taxes_keep_the_rounding_they_had(mode: RoundingMode) -> None:
    for country in ("GB", "DE", "JP", "AU", "CA", "US"):
        regime = presets.regime(country, as_of=DAY)
        changed = regime.with_duty_rounding(mode)
        assert changed.rounding == regime.rounding.with_mode(mode)
        for before, after in zip(regime.taxes, changed.taxes, strict=True):
            assert after.rounding == (before.rounding or regime.rounding)
        for before_s, after_s in zip(regime.schemes, changed.schemes, strict=True):
            assert after_s.tax.rounding == (before_s.tax.rounding or regime.rounding)


def test_japan_keeps_its_steps_and_its_taxes_their_own_rules() -> None:
    japan = presets.regime("JP", as_of=DAY)
    half_up = japan.with_duty_rounding(RoundingMode.HALF_UP)
    assert half_up.rounding.step == japan.rounding.step
    assert half_up.rounding.mode is RoundingMode.HALF_UP
    assert half_up.taxes == japan.taxes  # each had its own rounding


def test_everything_else_is_unchanged() -> None:
    gb = presets.regime("GB", as_of=DAY)
    down = gb.with_duty_rounding(RoundingMode.DOWN)
    assert (down.thresholds, down.fees, down.tariff) == (
        gb.thresholds,
        gb.fees,
        gb.tariff,
    )
    assert [t.id for t in down.taxes] == [t.id for t in gb.taxes]


@pytest.mark.parametrize("mode", ["down", None, 1, RoundingMode.DOWN.value])
def test_a_mode_that_is_not_a_rounding_mode_is_refused(mode: object) -> None:
    regime: Regime = presets.regime("GB", as_of=DAY)
    with pytest.raises(InvalidTypeError) as caught:
        regime.with_duty_rounding(mode)  # type: ignore[arg-type]
    assert caught.value.field == "mode"
    assert caught.value.value == mode
