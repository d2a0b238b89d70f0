"""Accuracy measures, backtests, demand patterns and censored (stockout) demand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.forecast import (
    Accuracy,
    CensoredDemand,
    CensoredPeriod,
    Croston,
    DemandPattern,
    ErrorSign,
    HoltWinters,
    MethodScore,
    MovingAverage,
    Naive,
    SalesHistory,
    SeasonalNaive,
    SimpleExponentialSmoothing,
    accuracy,
    backtest,
    censored_demand,
    classify_demand,
    suggest_method,
)

HALF: Any = 0.5  # a float, where xborder refuses one

# -- accuracy ----------------------------------------------------------------------


def test_accuracy_by_hand() -> None:
    # errors (actual - forecast): -10, 10, 20 on actuals 100, 120, 80
    result = accuracy([100, 120, 80], [110, 110, 60], training=[100, 110, 90, 100])
    assert result.periods == 3
    assert result.mean_error == Decimal("6.66666666667")
    assert result.mae == result.mad == Decimal("13.3333333333")
    assert result.rmse == Decimal("14.1421356237")  # sqrt(600 / 3)
    assert result.mse == Decimal(200)
    assert result.mape == Decimal("0.144444444444")  # mean of 1/10, 1/12 and 1/4
    assert result.wape == Decimal("0.133333333333")  # 40 / 300
    assert result.tracking_signal == Decimal("1.5")  # 20 / (40/3)
    assert result.mase == Decimal(1)  # naive scale: (10 + 20 + 10) / 3


def test_the_sign_convention_flips_bias_and_tracking_signal_only() -> None:
    plain = accuracy([100, 120, 80], [110, 110, 60])
    flipped = accuracy([100, 120, 80], [110, 110, 60], sign="forecast - actual")
    assert flipped.sign is ErrorSign.FORECAST_MINUS_ACTUAL
    assert flipped.mean_error == -plain.mean_error
    assert flipped.tracking_signal == -(plain.tracking_signal or 0)
    assert (flipped.mae, flipped.rmse, flipped.mape) == (
        plain.mae,
        plain.rmse,
        plain.mape,
    )


def test_seasonal_mase_scales_by_the_seasonal_naive() -> None:
    training = [10, 20, 12, 22, 14, 24]
    naive = accuracy([16], [15], training=training)
    seasonal = accuracy([16], [15], training=training, season_length=2)
    assert naive.mase == Decimal("0.108695652174")  # 1 / (46 / 5)
    assert seasonal.mase == Decimal("0.5")  # mean |diff over 2| = 2


def test_undefined_measures_are_none() -> None:
    result = accuracy([0, 0], [1, 2])
    assert result.mape is None  # a zero actual
    assert result.wape is None  # no actual demand at all
    assert result.mase is None  # no training data
    assert accuracy([5, 5], [5, 5]).tracking_signal is None  # MAD is 0


def test_in_sample_accuracy_of_a_forecast() -> None:
    forecast = Naive().forecast([5, 7, 4, 6])
    result = forecast.accuracy()
    assert result.periods == 3
    assert result.mase == 1  # the naive forecast's own scale
    assert forecast.accuracy(sign="forecast - actual").mean_error == Decimal(
        "-0.333333333333"
    )


@given(
    st.lists(st.integers(0, 300), min_size=1, max_size=15).flatmap(
        lambda actual: st.tuples(
            st.just(actual),
            st.lists(st.integers(0, 300), min_size=len(actual), max_size=len(actual)),
        )
    )
)
def test_rmse_is_at_least_mae_and_the_tracking_signal_is_bounded(
    pair: tuple[list[int], list[int]],
) -> None:
    actual, predicted = pair
    result = accuracy(actual, predicted)
    assert result.rmse >= result.mae - Decimal("1E-9")
    if result.tracking_signal is not None:
        assert abs(result.tracking_signal) <= result.periods


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: accuracy([1, 2], [1]), InvalidInputError, "forecast"),
        (lambda: accuracy([], []), InvalidInputError, "forecast"),
        (lambda: accuracy([1], [HALF]), InvalidTypeError, "forecast[0]"),
        (lambda: accuracy([-1], [1]), InvalidInputError, "actual[0]"),
        (lambda: accuracy([1], [1], training=[1]), InvalidInputError, "training"),
        (
            lambda: accuracy([1], [1], season_length=0),
            InvalidInputError,
            "season_length",
        ),
        (lambda: accuracy([1], [1], sign="up"), InvalidInputError, "sign"),
    ],
)
def test_bad_accuracy_input_is_named(
    call: object, error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as raised:
        call()  # type: ignore[operator]
    assert getattr(raised.value, "field", None) == field


def test_a_hand_built_accuracy_is_checked() -> None:
    with pytest.raises(InvalidInputError) as raised:
        Accuracy(
            periods=0,
            sign="actual - forecast",
            mean_error=0,
            mae=0,
            mse=0,
            rmse=0,
            mape=None,
            wape=None,
            tracking_signal=None,
            mase=None,
        )
    assert raised.value.field == "periods"


# -- backtests and method choice ----------------------------------------------------

SEASONAL = [30, 19, 25, 28, 32, 23, 28, 35, 37, 25, 31, 29, 36, 24, 29, 32]


def test_backtest_by_hand() -> None:
    sales = [12, 15, 9, 14, 11, 13, 12, 10]
    result = backtest(sales, [Naive(), MovingAverage(window=2)], origins=4)
    naive, moving = result.scores
    assert naive.accuracy is not None
    assert naive.accuracy.periods == 4
    assert naive.score("mae") == 2  # |11-14| |13-11| |12-13| |10-12|
    assert moving.score("mae") == Decimal("0.875")
    assert result.best is moving


def test_a_seasonal_history_chooses_a_seasonal_method() -> None:
    result = backtest(
        SEASONAL,
        [Naive(), SimpleExponentialSmoothing(), SeasonalNaive(season_length=4)],
        horizon=4,
        origins=4,
        metric="mase",
        season_length=4,
    )
    assert result.best is not None
    assert isinstance(result.best.method, SeasonalNaive)
    assert result.horizon == 4
    assert result.scores[2].accuracy is not None
    assert result.scores[2].accuracy.periods == 16


def test_refit_false_keeps_the_first_fit() -> None:
    kept = backtest(SEASONAL, [SimpleExponentialSmoothing()], origins=4, refit=False)
    refitted = backtest(SEASONAL, [SimpleExponentialSmoothing()], origins=4)
    assert kept.refit is False
    assert kept.scores[0].accuracy is not None
    assert refitted.scores[0].accuracy is not None


def test_a_method_that_cannot_forecast_is_scored_with_its_problem() -> None:
    result = backtest(
        [1, 2, 3, 4, 5], [SeasonalNaive(season_length=4), Naive()], origins=2
    )
    failed, naive = result.scores
    assert failed.accuracy is None
    assert "history" in (failed.problem or "")
    assert result.best is naive


def test_bad_backtests_are_named() -> None:
    with pytest.raises(InvalidInputError) as raised:
        backtest([1, 2, 3], [Naive()], origins=5)
    assert raised.value.field == "origins"
    with pytest.raises(InvalidTypeError) as raised:
        backtest([1, 2, 3], [Naive(), "ses"], origins=1)  # type: ignore[list-item]
    assert raised.value.field == "methods[1]"
    with pytest.raises(InvalidInputError) as raised:
        backtest([1, 2, 3], [Naive()], origins=1, metric="r2")
    assert raised.value.field == "metric"
    with pytest.raises(InvalidInputError) as raised:
        MethodScore(method=Naive())
    assert raised.value.field == "problem"


@pytest.mark.parametrize(
    ("sales", "pattern"),
    [
        ([10, 12, 11, 9, 10, 12], DemandPattern.SMOOTH),
        ([1, 30, 2, 40, 1, 35], DemandPattern.ERRATIC),
        ([0, 5, 0, 0, 6, 0, 5, 0], DemandPattern.INTERMITTENT),
        ([0, 1, 0, 0, 40, 0, 2, 0], DemandPattern.LUMPY),
        ([0, 0, 0], DemandPattern.NONE),
    ],
)
def test_demand_patterns(sales: list[int], pattern: DemandPattern) -> None:
    assert classify_demand(sales).pattern is pattern


def test_suggested_methods() -> None:
    assert isinstance(suggest_method([10, 12, 11, 9]), SimpleExponentialSmoothing)
    assert suggest_method([0, 5, 0, 0, 6, 0]) == Croston(variant="sba")
    assert suggest_method([0, 0]) == Naive()
    seasonal = suggest_method(SEASONAL, season_length=4)
    assert seasonal == HoltWinters(season_length=4, damped=True)
    assert isinstance(
        suggest_method(SEASONAL[:6], season_length=4), SimpleExponentialSmoothing
    )


# -- censored demand ---------------------------------------------------------------


def test_stockout_periods_are_interpolated_and_never_lowered() -> None:
    history = SalesHistory(
        units=[12, 15, 3, 14, 0, 2, 16, 20],
        stockouts=[False, False, True, False, True, True, False, True],
    )
    estimated = censored_demand(history)
    demand = {period.index: period.demand for period in estimated.periods}
    assert demand[2] == Decimal("14.5")
    assert demand[4] == Decimal("14.6666666667")
    assert demand[5] == Decimal("15.3333333333")
    assert demand[7] == 20  # recorded 20 beats the nearest in-stock 16
    assert estimated.periods[-1].estimate == 16
    assert estimated.units == (
        Decimal(12), Decimal(15), Decimal("14.5"), Decimal(14),
        Decimal("14.6666666667"), Decimal("15.3333333333"), Decimal(16), Decimal(20),
    )  # fmt: skip


def test_seasonal_interpolation_follows_the_season() -> None:
    # A Q2 stockout in year 3 of a strongly seasonal series: the estimate
    # follows Q2's low season, not the straight line between Q1 and Q3.
    sales = [40, 20, 30, 35, 42, 21, 31, 36, 44, 2, 32, 38]
    flags = [False] * 9 + [True] + [False] * 2
    history = SalesHistory(units=sales, stockouts=flags)
    straight = censored_demand(history).periods[0].demand
    seasonal = censored_demand(history, season_length=4).periods[0].demand
    assert straight == 38
    assert Decimal(20) < seasonal < Decimal(24)


def test_forecasts_see_the_estimated_demand() -> None:
    history = SalesHistory(units=[10, 10, 0, 10], stockouts=[False, False, True, False])
    forecast = Naive().forecast(history)
    assert forecast.series == (Decimal(10),) * 4
    assert forecast.fitted[3] == 10
    assert forecast.history is history


@given(st.lists(st.integers(0, 100), min_size=1, max_size=20))
def test_a_history_without_stockouts_is_left_alone(sales: list[int]) -> None:
    estimated = censored_demand(SalesHistory(units=sales))
    assert estimated.periods == ()
    assert estimated.units == tuple(Decimal(value) for value in sales)


def test_bad_censored_input_is_named() -> None:
    with pytest.raises(InvalidInputError) as raised:
        censored_demand(SalesHistory(units=[1, 2], stockouts=[True, True]))
    assert raised.value.field == "stockouts"
    history = SalesHistory(units=[5, 1], stockouts=[False, True])
    with pytest.raises(InvalidInputError) as raised:
        CensoredDemand(history=history, periods=[])
    assert raised.value.field == "periods"
    with pytest.raises(InvalidInputError) as raised:
        CensoredDemand(
            history=history,
            periods=[CensoredPeriod(index=1, recorded=2, estimate=5, demand=5)],
        )
    assert raised.value.field == "periods[0].recorded"
    with pytest.raises(InvalidInputError) as raised:
        CensoredPeriod(index=1, recorded=2, estimate=5, demand=4)
    assert raised.value.field == "demand"
