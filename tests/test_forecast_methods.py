"""Forecasting methods: examples, the laws between them, fits, and bad input."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.forecast import (
    MAX_OPTIMISED_SEASON,
    Croston,
    Forecast,
    Holt,
    HoltWinters,
    Initialisation,
    MovingAverage,
    Naive,
    SalesHistory,
    SeasonalNaive,
    SimpleExponentialSmoothing,
    Tsb,
    accuracy,
    suggest_method,
)
from xborder.testing import strategies as xst

HALF: Any = 0.5  # a float, where xborder refuses one
ONE: Any = 1  # an int, where a flag belongs

units = st.lists(st.integers(0, 500), min_size=2, max_size=30)
positive_units = st.lists(st.integers(1, 500), min_size=2, max_size=30)
fractions = st.decimals(min_value=0, max_value=1, places=3)


def series(*values: int | str) -> tuple[Decimal, ...]:
    return tuple(Decimal(value) for value in values)


# -- examples ----------------------------------------------------------------------


def test_the_simple_methods_by_hand() -> None:
    sales = [12, 15, 9, 14]
    assert Naive().forecast(sales, horizon=2).fitted == (None, *series(12, 15, 9))
    moving = MovingAverage(window=2).forecast(sales, horizon=3)
    assert moving.fitted == (None, None, Decimal("13.5"), Decimal(12))
    assert moving.points == (Decimal("11.5"),) * 3
    seasonal = SeasonalNaive(season_length=2).forecast(sales, horizon=3)
    assert seasonal.fitted == (None, None, Decimal(12), Decimal(15))
    assert seasonal.points == series(9, 14, 9)


def test_simple_exponential_smoothing_by_hand() -> None:
    # l1 = 0.3 * 20 + 0.7 * 10 = 13; l2 = 0.3 * 10 + 0.7 * 13 = 12.1
    forecast = SimpleExponentialSmoothing(alpha="0.3", initial_level=10).forecast(
        [20, 10], horizon=2
    )
    assert forecast.fitted == series(10, 13)
    assert forecast.points == (Decimal("12.1"), Decimal("12.1"))
    assert forecast.residuals == series(10, -3)
    assert forecast.errors("forecast - actual") == series(-10, 3)


def test_holt_winters_multiplicative_by_hand() -> None:
    # No trend, alpha = 0.5, gamma = 0.5, l0 = 100, s = (1.2, 0.8):
    # y1 = 132: fit 120, e 12, l = 100 + 0.5 * 12 / 1.2 = 105,
    #   s1 = 1.2 + 0.5 * 12 / 100 = 1.26 (Hyndman) or 0.5 * 132/105 + 0.6 (Winters)
    # y2 = 80: fit 105 * 0.8 = 84, e -4, l = 105 - 0.5 * 4 / 0.8 = 102.5
    method = HoltWinters(
        season_length=2,
        seasonality="multiplicative",
        trend=False,
        alpha="0.5",
        gamma="0.5",
        initial_level=100,
        initial_seasonal=["1.2", "0.8"],
    )
    forecast = method.forecast([132, 80], horizon=1)
    assert forecast.fitted == series(120, 84)
    assert forecast.points == (Decimal("102.5") * Decimal("1.26"),)
    winters = HoltWinters(
        season_length=2,
        seasonality="multiplicative",
        trend=False,
        alpha="0.5",
        gamma="0.5",
        seasonal_update="winters",
        initial_level=100,
        initial_seasonal=["1.2", "0.8"],
    ).forecast([132, 80], horizon=1)
    season = Decimal("0.5") * Decimal(132) / Decimal(105) + Decimal("0.6")
    assert winters.points[0] == (Decimal("102.5") * season).quantize(Decimal("1E-9"))


def test_croston_and_tsb_by_hand() -> None:
    # The R forecast package's test series; alpha = 0.1, naive start: z = 3
    # (the first demand) over p = 3 periods (up to it).
    sales = [0, 0, 3, 0, 0, 0, 2, 0, 5, 0, 0, 1, 0, 0, 0, 0, 4, 0, 0, 3]
    croston = Croston(alpha="0.1").forecast(sales)
    assert isinstance(croston.method, Croston)
    assert croston.method.initial_size == croston.method.initial_interval == 3
    size, interval, since = Decimal(3), Decimal(3), 0
    for value in sales:
        since += 1
        if value:
            size += Decimal("0.1") * (value - size)
            interval += Decimal("0.1") * (since - interval)
            since = 0
    assert croston.points[0] == (size / interval).quantize(Decimal("1E-12"))
    tsb = Tsb(alpha="0.1", beta="0.2", initial_size=3, initial_probability="0.3")
    probability, level = Decimal("0.3"), Decimal(3)
    for value in sales:
        if value:
            probability += Decimal("0.2") * (1 - probability)
            level += Decimal("0.1") * (value - level)
        else:
            probability -= Decimal("0.2") * probability
    assert tsb.forecast(sales).points[0] == (probability * level).quantize(
        Decimal("1E-12")
    )


def test_tsb_decays_through_a_run_without_demand_and_croston_does_not() -> None:
    sales = [4, 5, 3, 4] + [0] * 12
    croston = Croston(alpha="0.2").forecast(sales)
    tsb = Tsb(alpha="0.2", beta="0.2").forecast(sales)
    assert croston.points[0] > 1
    assert tsb.points[0] < Decimal("0.5")


# -- laws ------------------------------------------------------------------------------


@given(units, st.integers(0, 500))
def test_ses_with_alpha_one_is_the_naive_forecast(
    values: list[int], level: int
) -> None:
    ses = SimpleExponentialSmoothing(alpha=1, initial_level=level).forecast(
        values, horizon=3
    )
    naive = Naive().forecast(values, horizon=3)
    assert ses.fitted[1:] == naive.fitted[1:]
    assert ses.points == naive.points


@given(
    positive_units,
    fractions,
    fractions,
    st.sampled_from([True, False]),
    st.sampled_from(["additive", "multiplicative"]),
    st.sampled_from(["hyndman", "winters"]),
)
def test_holt_winters_with_a_flat_seasonal_profile_is_holt(  # noqa: PLR0917 - drawn
    values: list[int],
    alpha: Decimal,
    beta: Decimal,
    damped: bool,  # noqa: FBT001
    seasonality: str,
    update: str,
) -> None:
    flat = "1" if seasonality == "multiplicative" else "0"
    phi = "0.9" if damped else None
    holt = Holt(
        alpha=alpha,
        beta=beta,
        phi=phi,
        damped=damped,
        initial_level=100,
        initial_trend=1,
    ).forecast(values, horizon=4)
    try:
        winters = HoltWinters(
            season_length=3,
            seasonality=seasonality,
            seasonal_update=update,
            alpha=alpha,
            beta=beta,
            gamma=0,
            phi=phi,
            damped=damped,
            initial_level=100,
            initial_trend=1,
            initial_seasonal=[flat] * 3,
        ).forecast(values, horizon=4)
    except InvalidInputError:  # a multiplicative level fell to 0: no such Holt run
        return
    assert winters.fitted == holt.fitted
    assert winters.points == holt.points


@given(positive_units, fractions)
def test_croston_on_a_series_without_zeros_is_ses_started_at_the_first_demand(
    values: list[int], alpha: Decimal
) -> None:
    croston = Croston(alpha=alpha).forecast(values, horizon=2)
    ses = SimpleExponentialSmoothing(alpha=alpha, initial_level=values[0]).forecast(
        values, horizon=2
    )
    assert croston.fitted == ses.fitted
    assert croston.points == ses.points


@given(units, fractions)
def test_sba_is_croston_deflated_by_one_minus_half_alpha(
    values: list[int], alpha: Decimal
) -> None:
    croston = Croston(alpha=alpha).forecast(values)
    sba = Croston(alpha=alpha, variant="sba").forecast(values)
    expected = (1 - alpha / 2) * croston.points[0]
    assert abs(sba.points[0] - expected) <= Decimal("1E-11") * max(expected, Decimal(1))


@given(units, fractions, fractions)
def test_the_two_trend_forms_are_one_method(
    values: list[int], alpha: Decimal, share: Decimal
) -> None:
    component = Holt(
        alpha=alpha, beta=share, initial_level=50, initial_trend=2
    ).forecast(values, horizon=3)
    correction = Holt(
        alpha=alpha,
        beta=alpha * share,
        trend_form="error correction",
        initial_level=50,
        initial_trend=2,
    ).forecast(values, horizon=3)
    assert component.fitted == correction.fitted
    assert component.points == correction.points


@given(units, fractions, fractions)
def test_winters_additive_update_is_hyndmans_with_gamma_times_one_minus_alpha(
    values: list[int], alpha: Decimal, gamma: Decimal
) -> None:
    common = {
        "season_length": 2,
        "trend": False,
        "alpha": alpha,
        "initial_level": 100,
        "initial_seasonal": ["5", "-5"],
    }
    winters = HoltWinters(gamma=gamma, seasonal_update="winters", **common).forecast(  # type: ignore[arg-type]
        values, horizon=2
    )
    hyndman = HoltWinters(gamma=gamma * (1 - alpha), **common).forecast(  # type: ignore[arg-type]
        values, horizon=2
    )
    for ours, theirs in zip(winters.points, hyndman.points, strict=True):
        assert abs(ours - theirs) <= Decimal("1E-9")


@settings(max_examples=25, deadline=None)
@given(xst.forecasts())
def test_a_forecasts_method_gives_it_again_digit_for_digit(forecast: Forecast) -> None:
    assert forecast.method.specified
    again = forecast.method.forecast(forecast.history, horizon=forecast.horizon)
    assert again == forecast


@pytest.mark.parametrize(
    "method",
    [
        SimpleExponentialSmoothing(),
        Holt(),
        Holt(damped=True),
        HoltWinters(season_length=4),
        HoltWinters(season_length=4, seasonality="multiplicative"),
        HoltWinters(season_length=4, initialisation="heuristic"),
        HoltWinters(
            season_length=4, seasonal_update="winters", initialisation="simple"
        ),
        Croston(),
        Croston(variant="sba"),
        Tsb(),
    ],
    ids=lambda method: repr(method)[:60],
)
def test_fitted_forecasts_are_reproduced_by_their_reported_parameters(
    method: SimpleExponentialSmoothing | Holt | HoltWinters | Croston | Tsb,
) -> None:
    sales = [42, 24, 32, 37, 46, 29, 36, 43, 49, 31, 38, 40, 51, 32, 41, 44]
    if isinstance(method, Croston | Tsb):
        sales = [0, 3, 0, 0, 2, 0, 5, 0, 0, 1, 0, 4, 0, 0, 3, 0]
    forecast = method.forecast(sales, horizon=5)
    assert forecast.method.specified
    assert forecast.method.forecast(sales, horizon=5) == forecast


def test_a_fit_finds_the_least_squares_alpha() -> None:
    sales = [446, 454, 456, 424, 456, 441, 425, 485, 506, 527, 514, 494]
    fitted = SimpleExponentialSmoothing(initialisation="simple").forecast(sales)
    assert isinstance(fitted.method, SimpleExponentialSmoothing)
    alpha = fitted.method.alpha
    assert alpha is not None
    for step in (Decimal("-0.001"), Decimal("0.001")):
        nearby = SimpleExponentialSmoothing(
            alpha=alpha + step, initial_level=sales[0]
        ).forecast(sales)
        assert nearby.sse >= fitted.sse


def test_optimised_initial_states_beat_the_heuristic_ones() -> None:
    sales = [42, 24, 32, 37, 46, 29, 36, 43, 49, 31, 38, 40, 51, 32, 41, 44]
    heuristic = HoltWinters(season_length=4, initialisation="heuristic").forecast(sales)
    optimised = HoltWinters(season_length=4).forecast(sales)
    assert optimised.sse <= heuristic.sse
    assert isinstance(optimised.method, HoltWinters)
    assert optimised.method.initialisation is Initialisation.OPTIMISED


def test_given_parameters_are_kept_and_the_rest_fitted() -> None:
    sales = [42, 24, 32, 37, 46, 29, 36, 43, 49, 31, 38, 40, 51, 32, 41, 44]
    forecast = HoltWinters(season_length=4, alpha="0.2", initial_level=40).forecast(
        sales
    )
    assert isinstance(forecast.method, HoltWinters)
    assert forecast.method.alpha == Decimal("0.2")
    assert forecast.method.initial_level == 40
    assert forecast.method.gamma is not None
    assert forecast.method.initial_seasonal is not None


def test_simple_initial_states_by_hand() -> None:
    sales = [10, 20, 30, 40, 14, 24, 34, 44]
    found = (
        HoltWinters(
            season_length=4,
            alpha="0.1",
            beta="0.1",
            gamma="0.1",
            initialisation="simple",
        )
        .forecast(sales)
        .method
    )
    assert isinstance(found, HoltWinters)
    method = found
    assert method.initial_level == 25
    assert method.initial_trend == 1  # (29 - 25) / 4
    assert method.initial_seasonal == series(-15, -5, 5, 15)


def test_import_forecast_loads_no_scipy() -> None:
    code = (
        "import sys, xborder.forecast\n"
        "xborder.forecast.Naive().forecast([1, 2])\n"
        "print(sorted({'scipy', 'numpy'} & set(sys.modules)))\n"
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_metrics_are_zero_on_a_perfect_forecast() -> None:
    @given(st.lists(st.integers(1, 500), min_size=1, max_size=20), units)
    def check(values: list[int], training: list[int]) -> None:
        result = accuracy(values, values, training=training)
        assert result.mean_error == result.mae == result.rmse == 0
        assert result.mape == result.wape == 0
        assert result.mase in {Decimal(0), None}
        assert result.tracking_signal is None  # 0 / MAD: undefined

    check()


# -- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: SimpleExponentialSmoothing(alpha="1.5"), InvalidInputError, "alpha"),
        (lambda: SimpleExponentialSmoothing(alpha=HALF), InvalidTypeError, "alpha"),
        (lambda: Holt(phi="0.9"), InvalidInputError, "phi"),
        (lambda: Holt(damped=True, phi=0), InvalidInputError, "phi"),
        (
            lambda: Holt(alpha="0.2", beta="0.3", trend_form="error correction"),
            InvalidInputError,
            "beta",
        ),
        (lambda: Holt(trend_form="beta*"), InvalidInputError, "trend_form"),
        (lambda: HoltWinters(season_length=1), InvalidInputError, "season_length"),
        (
            lambda: HoltWinters(season_length=4, initial_seasonal=[1, 2]),
            InvalidInputError,
            "initial_seasonal",
        ),
        (
            lambda: HoltWinters(
                season_length=2, seasonality="multiplicative", initial_seasonal=[1, 0]
            ),
            InvalidInputError,
            "initial_seasonal[1]",
        ),
        (
            lambda: HoltWinters(season_length=4, trend=False, beta="0.1"),
            InvalidInputError,
            "beta",
        ),
        (lambda: MovingAverage(window=0), InvalidInputError, "window"),
        (
            lambda: Croston(initial_interval="0.5"),
            InvalidInputError,
            "initial_interval",
        ),
        (lambda: Tsb(initial_probability=2), InvalidInputError, "initial_probability"),
        (lambda: SalesHistory(units=[1, -2]), InvalidInputError, "units[1]"),
        (lambda: SalesHistory(units=[1, HALF]), InvalidTypeError, "units[1]"),
        (lambda: SalesHistory(units=[]), InvalidInputError, "units"),
        (
            lambda: SalesHistory(units=[1, 2], stockouts=[True]),
            InvalidInputError,
            "stockouts",
        ),
        (
            lambda: SalesHistory(units=[1], stockouts=[ONE]),
            InvalidTypeError,
            "stockouts[0]",
        ),
        (lambda: SalesHistory(units=[1], period="2 kg"), Exception, "period"),
        (lambda: Naive().forecast([1, 2], horizon=0), InvalidInputError, "horizon"),
        (lambda: Naive().forecast([1, HALF]), InvalidTypeError, "history[1]"),
        (
            lambda: SeasonalNaive(season_length=4).forecast([1, 2]),
            InvalidInputError,
            "history",
        ),
        (
            lambda: HoltWinters(season_length=4, initialisation="heuristic").forecast(
                [1, 2, 3, 4, 5]
            ),
            InvalidInputError,
            "history",
        ),
        (
            lambda: HoltWinters(season_length=2, seasonality="multiplicative").forecast(
                [1, 0, 2, 3]
            ),
            InvalidInputError,
            "history[1]",
        ),
    ],
)
def test_bad_input_is_named(build: object, error: type[Exception], field: str) -> None:
    with pytest.raises(error) as raised:
        build()  # type: ignore[operator]
    assert getattr(raised.value, "field", None) == field


def test_optimised_seasonal_states_are_bounded_where_the_season_enters() -> None:
    # Each trial of the fit solves for every seasonal state (about n m^2 a
    # trial): a 365-period season would take half a minute to fit, so the
    # constructor refuses it unless the states are given or heuristic.
    with pytest.raises(InvalidInputError) as raised:
        HoltWinters(season_length=MAX_OPTIMISED_SEASON + 1)
    assert raised.value.field == "season_length"
    assert raised.value.value == MAX_OPTIMISED_SEASON + 1
    assert HoltWinters(season_length=MAX_OPTIMISED_SEASON).season_length == 60
    for accepted in (
        HoltWinters(season_length=365, initialisation="heuristic"),
        HoltWinters(season_length=365, initialisation="simple"),
        HoltWinters(season_length=365, initial_seasonal=[0] * 365),
    ):
        assert accepted.season_length == 365
    sales = [100 + (week % 104) for week in range(208)]
    suggested = suggest_method(sales, season_length=104)
    assert isinstance(suggested, HoltWinters)
    assert suggested.initialisation is Initialisation.HEURISTIC
    suggested = suggest_method(sales, season_length=52)
    assert isinstance(suggested, HoltWinters)
    assert suggested.initialisation is Initialisation.OPTIMISED


def test_solved_states_for_parameters_whose_model_explodes_are_refused() -> None:
    # beta close to alpha and a large gamma are inside R's usual region but
    # not the forecastable one for a 12-period season: the responses to the
    # initial states grow geometrically, and over 1,000 periods the least
    # squares for the states would cancel to nonsense.
    method = HoltWinters(
        season_length=12,
        alpha="0.36",
        beta="0.33",
        gamma="0.57",
        trend_form="error correction",
    )
    sales = [100 + (7 * week) % 13 for week in range(1000)]
    with pytest.raises(InvalidInputError) as raised:
        method.forecast(sales)
    assert raised.value.field == "history"
    assert raised.value.value == "1000 periods"
    # A forecastable model on the same history solves its states.
    steady = HoltWinters(season_length=12, alpha="0.2", beta="0.01", gamma="0.1")
    forecast = steady.forecast(sales)
    solved = forecast.method
    assert isinstance(solved, HoltWinters)
    assert solved.specified
    assert abs(forecast.points[0] - 106) < 5  # the history's mean is 106


def test_a_level_that_falls_to_zero_under_a_multiplicative_season_is_named() -> None:
    method = HoltWinters(
        season_length=2,
        seasonality="multiplicative",
        trend=True,
        alpha=1,
        beta=1,
        gamma=0,
        initial_level=10,
        initial_trend=-20,
        initial_seasonal=[1, 1],
    )
    with pytest.raises(InvalidInputError) as raised:
        method.forecast([1, 1, 1])
    assert raised.value.field == "history"


def test_a_hand_built_forecast_is_checked() -> None:
    forecast = Naive().forecast([3, 4])
    with pytest.raises(InvalidInputError) as raised:
        Forecast(
            method=SimpleExponentialSmoothing(),
            history=forecast.history,
            series=forecast.series,
            fitted=forecast.fitted,
            points=forecast.points,
        )
    assert raised.value.field == "method"
    with pytest.raises(InvalidInputError) as raised:
        Forecast(
            method=Naive(),
            history=forecast.history,
            series=[3, 5],
            fitted=forecast.fitted,
            points=forecast.points,
        )
    assert raised.value.field == "series[1]"
    with pytest.raises(InvalidInputError) as raised:
        Forecast(
            method=Naive(),
            history=forecast.history,
            series=forecast.series,
            fitted=[None],
            points=forecast.points,
        )
    assert raised.value.field == "fitted"


def test_a_trend_carried_beyond_range_is_refused() -> None:
    holt = Holt(alpha=1, beta=0, initial_level=0, initial_trend="1E+33")
    with pytest.raises(InvalidInputError) as raised:
        holt.forecast([0], horizon=2000)
    assert raised.value.field == "points"
