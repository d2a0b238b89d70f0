"""Strategies for the forecasting models and results (private).

Re-exported by :mod:`xborder.testing.strategies`; see its docstring. Results
are drawn by running xborder's own methods on drawn histories with every
parameter given, so drawing needs no SciPy and every drawn forecast is one
xborder itself produced.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.errors import XborderError
from xborder.forecast import (
    MAX_OPTIMISED_SEASON,
    Accuracy,
    Backtest,
    CensoredDemand,
    CensoredPeriod,
    Croston,
    CrostonVariant,
    DemandClass,
    ErrorSign,
    Forecast,
    Holt,
    HoltWinters,
    Initialisation,
    MethodScore,
    MovingAverage,
    Naive,
    SalesHistory,
    SeasonalIndices,
    Seasonality,
    SeasonalNaive,
    SeasonalUpdate,
    SimpleExponentialSmoothing,
    SkuForecast,
    TrendForm,
    Tsb,
    accuracy,
    backtest,
    censored_demand,
    classify_demand,
    seasonal_indices,
)
from xborder.forecast import Method as ForecastMethod
from xborder.testing.strategies._core import _invalid
from xborder.units import DAY, WEEK, quantity

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "accuracies",
    "backtests",
    "censored_demands",
    "censored_periods",
    "crostons",
    "demand_classes",
    "forecast_methods",
    "forecasts",
    "holt_winters_methods",
    "holts",
    "method_scores",
    "moving_averages",
    "naive_methods",
    "sales_histories",
    "seasonal_index_sets",
    "seasonal_naive_methods",
    "simple_exponential_smoothings",
    "sku_forecasts",
    "tsbs",
]

_DAY_ONE = dt.date(2000, 1, 1)
_DAY_LAST = dt.date(2099, 12, 31)


def _fractions(low: str = "0", high: str = "1") -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low), max_value=Decimal(high), places=3, allow_nan=False
    )


def _levels() -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False
    )


def _check_int(name: str, value: object, low: int) -> st.SearchStrategy[Any] | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        return _invalid(f"{name} must be an int >= {low}, got {value!r}")
    return None


def sales_histories(
    *,
    min_periods: int = 1,
    max_periods: int = 30,
    max_units: int = 1000,
    positive: bool = False,
) -> st.SearchStrategy[SalesHistory]:
    """Histories of ``min_periods`` to ``max_periods`` periods of 0 to ``max_units``.

    Some have a period and a start, some stockout flags (never all of them).

    Args:
        min_periods: Fewest periods (>= 1).
        max_periods: Most periods (>= ``min_periods``).
        max_units: Largest units in a period (>= 1).
        positive: Whether every period sells at least one unit (for
            multiplicative seasons).
    """
    for name, value in (
        ("min_periods", min_periods),
        ("max_periods", max_periods),
        ("max_units", max_units),
    ):
        bad = _check_int(name, value, 1)
        if bad is not None:
            return bad
    if max_periods < min_periods:
        return _invalid("max_periods must be >= min_periods")
    units = st.lists(
        st.integers(1 if positive else 0, max_units),
        min_size=min_periods,
        max_size=max_periods,
    )

    def build(values: list[int]) -> st.SearchStrategy[SalesHistory]:
        flags = st.one_of(
            st.just(()),
            st.lists(st.booleans(), min_size=len(values), max_size=len(values)).map(
                lambda found: (*found[:-1], False)  # the last period in stock
            ),
        )
        return st.builds(
            SalesHistory,
            units=st.just(values),
            period=st.one_of(
                st.none(), st.sampled_from((quantity(1, WEEK), quantity(1, DAY)))
            ),
            start=st.one_of(st.none(), st.dates(_DAY_ONE, _DAY_LAST)),
            stockouts=flags,
        )

    return units.flatmap(build)


def naive_methods() -> st.SearchStrategy[Naive]:
    """The naive method (there is only one)."""
    return st.just(Naive())


def seasonal_naive_methods(*, max_season: int = 12) -> st.SearchStrategy[SeasonalNaive]:
    """Seasonal naive methods with seasons of 2 to ``max_season`` periods."""
    bad = _check_int("max_season", max_season, 2)
    if bad is not None:
        return bad
    return st.integers(2, max_season).map(lambda m: SeasonalNaive(season_length=m))


def moving_averages(*, max_window: int = 8) -> st.SearchStrategy[MovingAverage]:
    """Moving averages over 1 to ``max_window`` periods."""
    bad = _check_int("max_window", max_window, 1)
    if bad is not None:
        return bad
    return st.integers(1, max_window).map(lambda k: MovingAverage(window=k))


def _maybe(strategy: st.SearchStrategy[Any], specified: bool) -> st.SearchStrategy[Any]:  # noqa: FBT001
    return strategy if specified else st.one_of(st.none(), strategy)


def simple_exponential_smoothings(
    *, specified: bool = False
) -> st.SearchStrategy[SimpleExponentialSmoothing]:
    """Simple exponential smoothing, parameters given or left to fit.

    Args:
        specified: Whether every parameter and initial state is given.
    """
    return st.builds(
        SimpleExponentialSmoothing,
        alpha=_maybe(_fractions(), specified),
        initial_level=_maybe(_levels(), specified),
        initialisation=st.sampled_from(Initialisation),
    )


def holts(*, specified: bool = False) -> st.SearchStrategy[Holt]:
    """Holt's method, damped or not, in either trend form."""

    def build(damped: bool, form: TrendForm) -> st.SearchStrategy[Holt]:  # noqa: FBT001
        alpha = _maybe(_fractions(), specified)
        return alpha.flatmap(
            lambda a: st.builds(
                Holt,
                alpha=st.just(a),
                beta=_maybe(
                    _fractions(
                        high=str(a)
                        if form is TrendForm.ERROR_CORRECTION and a is not None
                        else "1"
                    ),
                    specified,
                ),
                phi=_maybe(_fractions("0.8", "1"), specified) if damped else st.none(),
                damped=st.just(damped),
                trend_form=st.just(form),
                initial_level=_maybe(_levels(), specified),
                initial_trend=_maybe(st.integers(-20, 20).map(Decimal), specified),
                initialisation=st.sampled_from(Initialisation),
            )
        )

    return st.tuples(st.booleans(), st.sampled_from(TrendForm)).flatmap(
        lambda pair: build(*pair)
    )


def holt_winters_methods(
    *, max_season: int = 6, specified: bool = False
) -> st.SearchStrategy[HoltWinters]:
    """Holt-Winters methods with seasons of 2 to ``max_season`` periods."""
    bad = _check_int("max_season", max_season, 2)
    if bad is not None:
        return bad

    def build(
        shape: tuple[int, Seasonality, bool, bool, TrendForm],
    ) -> st.SearchStrategy[HoltWinters]:
        m, kind, trend, damped, form = shape
        if kind is Seasonality.MULTIPLICATIVE:
            state = _fractions("0.5", "1.5")
        else:
            state = st.integers(-20, 20).map(Decimal)
        alpha = _maybe(_fractions(), specified)
        return alpha.flatmap(
            lambda a: st.builds(
                HoltWinters,
                season_length=st.just(m),
                seasonality=st.just(kind),
                trend=st.just(trend),
                damped=st.just(damped and trend),
                alpha=st.just(a),
                beta=_maybe(
                    _fractions(
                        high=str(a)
                        if form is TrendForm.ERROR_CORRECTION and a is not None
                        else "1"
                    ),
                    specified,
                )
                if trend
                else st.none(),
                gamma=_maybe(_fractions(), specified),
                phi=_maybe(_fractions("0.8", "1"), specified)
                if damped and trend
                else st.none(),
                trend_form=st.just(form),
                seasonal_update=st.sampled_from(SeasonalUpdate),
                initial_level=_maybe(st.integers(50, 500).map(Decimal), specified),
                initial_trend=_maybe(st.integers(-2, 2).map(Decimal), specified)
                if trend
                else st.none(),
                initial_seasonal=_maybe(
                    st.lists(state, min_size=m, max_size=m), specified
                ),
                initialisation=st.sampled_from(
                    Initialisation
                    if m <= MAX_OPTIMISED_SEASON
                    else [Initialisation.SIMPLE, Initialisation.HEURISTIC]
                ),
            )
        )

    return st.tuples(
        st.integers(2, max_season),
        st.sampled_from(Seasonality),
        st.booleans(),
        st.booleans(),
        st.sampled_from(TrendForm),
    ).flatmap(build)


def crostons(*, specified: bool = False) -> st.SearchStrategy[Croston]:
    """Croston's method and SBA."""
    return st.builds(
        Croston,
        alpha=_maybe(_fractions(), specified),
        variant=st.sampled_from(CrostonVariant),
        initial_size=_maybe(_levels(), specified),
        initial_interval=_maybe(st.integers(1, 10).map(Decimal), specified),
    )


def tsbs(*, specified: bool = False) -> st.SearchStrategy[Tsb]:
    """The Teunter-Syntetos-Babai method."""
    return st.builds(
        Tsb,
        alpha=_maybe(_fractions(), specified),
        beta=_maybe(_fractions(), specified),
        initial_size=_maybe(_levels(), specified),
        initial_probability=_maybe(_fractions(), specified),
    )


def forecast_methods(*, specified: bool = False) -> st.SearchStrategy[ForecastMethod]:
    """Any forecasting method."""
    return st.one_of(
        naive_methods(),
        seasonal_naive_methods(),
        moving_averages(),
        simple_exponential_smoothings(specified=specified),
        holts(specified=specified),
        holt_winters_methods(specified=specified),
        crostons(specified=specified),
        tsbs(specified=specified),
    )


def _run(
    method: ForecastMethod, history: SalesHistory, horizon: int
) -> Forecast | None:
    try:
        return method.forecast(history, horizon=horizon)
    except XborderError:  # a multiplicative level fell to 0: draw again
        return None


def forecasts(
    *,
    methods: st.SearchStrategy[ForecastMethod] | None = None,
    max_horizon: int = 6,
) -> st.SearchStrategy[Forecast]:
    """Forecasts xborder made, with every parameter given, on drawn histories.

    Args:
        methods: Fully specified methods to draw from (every kind by default).
        max_horizon: Most periods forecast (>= 1).
    """
    bad = _check_int("max_horizon", max_horizon, 1)
    if bad is not None:
        return bad
    given: object = methods
    if given is not None and not isinstance(given, st.SearchStrategy):
        return _invalid(f"methods must be a strategy, got {given!r}")
    chosen = forecast_methods(specified=True) if methods is None else methods

    def build(method: ForecastMethod) -> st.SearchStrategy[Forecast | None]:
        shortest = max(
            getattr(method, "season_length", 1), getattr(method, "window", 1), 1
        )
        positive = getattr(method, "seasonality", None) is Seasonality.MULTIPLICATIVE
        return st.builds(
            _run,
            st.just(method),
            sales_histories(
                min_periods=shortest, max_periods=shortest + 12, positive=positive
            ),
            st.integers(1, max_horizon),
        )

    drawn = chosen.flatmap(build).filter(lambda forecast: forecast is not None)
    return drawn.map(_known)


def _known(forecast: Forecast | None) -> Forecast:
    assert forecast is not None  # noqa: S101 - filtered just before
    return forecast


def accuracies() -> st.SearchStrategy[Accuracy]:
    """Accuracy of drawn forecasts against drawn actuals."""

    def build(size: int) -> st.SearchStrategy[Accuracy]:
        numbers = st.lists(st.integers(0, 500), min_size=size, max_size=size)
        return st.builds(
            accuracy,
            numbers,
            st.lists(st.integers(-10, 500), min_size=size, max_size=size),
            training=st.one_of(
                st.none(), st.lists(st.integers(0, 500), min_size=2, max_size=12)
            ),
            sign=st.sampled_from(ErrorSign),
        )

    return st.integers(1, 12).flatmap(build)


def seasonal_index_sets(*, max_season: int = 6) -> st.SearchStrategy[SeasonalIndices]:
    """Seasonal indices of drawn histories (multiplicative ones from positive sales)."""
    bad = _check_int("max_season", max_season, 2)
    if bad is not None:
        return bad

    def build(m: int, kind: Seasonality) -> st.SearchStrategy[SeasonalIndices]:
        low = 1 if kind is Seasonality.MULTIPLICATIVE else 0
        return st.builds(
            lambda values: seasonal_indices(values, season_length=m, seasonality=kind),
            st.lists(st.integers(low, 300), min_size=2 * m, max_size=4 * m),
        )

    return st.tuples(st.integers(2, max_season), st.sampled_from(Seasonality)).flatmap(
        lambda pair: build(*pair)
    )


def censored_demands() -> st.SearchStrategy[CensoredDemand]:
    """Histories with stockouts, their demand estimated."""
    return sales_histories(min_periods=2).map(censored_demand)


def censored_periods() -> st.SearchStrategy[CensoredPeriod]:
    """Stockout periods with their estimated demand."""

    def build(recorded: Decimal, estimate: Decimal, index: int) -> CensoredPeriod:
        return CensoredPeriod(
            index=index,
            recorded=recorded,
            estimate=estimate,
            demand=max(recorded, estimate),
        )

    return st.builds(build, _levels(), _levels(), st.integers(0, 200))


def method_scores() -> st.SearchStrategy[MethodScore]:
    """Scores of methods, with an accuracy or a problem."""
    return st.one_of(
        st.builds(MethodScore, method=forecast_methods(), accuracy=accuracies()),
        st.builds(
            MethodScore,
            method=forecast_methods(),
            problem=st.sampled_from(("history: too short", "level fell to 0")),
        ),
    )


def backtests() -> st.SearchStrategy[Backtest]:
    """Backtests of the simple methods on drawn histories."""
    candidates = st.lists(
        st.one_of(naive_methods(), moving_averages(max_window=3)),
        min_size=1,
        max_size=3,
    )
    return st.builds(
        lambda history, methods, origins: backtest(history, methods, origins=origins),
        sales_histories(min_periods=6, max_periods=20),
        candidates,
        st.integers(1, 3),
    )


def demand_classes() -> st.SearchStrategy[DemandClass]:
    """Demand patterns of drawn histories."""
    return sales_histories(max_units=20).map(classify_demand)


def sku_forecasts() -> st.SearchStrategy[SkuForecast]:
    """A SKU's forecast, or the problem that stopped it."""
    skus = st.sampled_from(("PH-BLK", "PH-WHT", "CASE-01"))
    return st.one_of(
        st.builds(SkuForecast, sku=skus, forecast=forecasts(max_horizon=3)),
        st.builds(SkuForecast, sku=skus, problem=st.just("history: too short")),
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    SalesHistory: sales_histories,
    Naive: naive_methods,
    SeasonalNaive: seasonal_naive_methods,
    MovingAverage: moving_averages,
    SimpleExponentialSmoothing: simple_exponential_smoothings,
    Holt: holts,
    HoltWinters: holt_winters_methods,
    Croston: crostons,
    Tsb: tsbs,
    Forecast: forecasts,
    Accuracy: accuracies,
    SeasonalIndices: seasonal_index_sets,
    CensoredDemand: censored_demands,
    CensoredPeriod: censored_periods,
    MethodScore: method_scores,
    Backtest: backtests,
    DemandClass: demand_classes,
    SkuForecast: sku_forecasts,
}
"""The strategy each forecasting model resolves to under ``st.from_type``."""
