"""From forecasts to stock: error over the lead time, inventory's Demand, catalogues."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.forecast import (
    Croston,
    Forecast,
    HoltWinters,
    MovingAverage,
    Naive,
    SalesHistory,
    SeasonalNaive,
    SimpleExponentialSmoothing,
    SkuForecast,
    forecast_frame,
    forecast_skus,
)
from xborder.inventory import (
    LeadTime,
    NewsvendorCosts,
    ServiceTarget,
    newsvendor,
    reorder_point,
    safety_stock,
)
from xborder.money import Money
from xborder.testing import strategies as xst

WEEKLY = SalesHistory(
    units=[140, 180, 120, 150, 130, 160, 145, 135],
    period="1 week",
    start="2026-07-06",
)


def _ses() -> Forecast:
    return SimpleExponentialSmoothing(alpha="0.2", initial_level=140).forecast(
        WEEKLY, horizon=12
    )


# -- the forecast error over several periods ------------------------------------------


@pytest.mark.parametrize("periods", [1, 2, 5, 8, 13])
def test_ses_error_over_l_periods_follows_the_closed_form(periods: int) -> None:
    # Var = sigma^2 * sum_{k=0}^{L-1} (1 + alpha k)^2 (Hyndman et al. 2008, ch. 6)
    forecast = _ses()
    sigma = forecast.sigma
    assert sigma is not None
    expected = (
        sigma
        * Decimal(sum((1 + Decimal("0.2") * k) ** 2 for k in range(periods))).sqrt()
    )
    assert abs(forecast.error_sd(periods) - expected) <= Decimal("1E-9") * expected


def test_the_naive_forecasts_error_grows_like_a_random_walk() -> None:
    forecast = Naive().forecast(WEEKLY)
    sigma = forecast.sigma
    assert sigma is not None
    periods = 6  # coefficients 6, 5, ..., 1: sum of squares L(L+1)(2L+1)/6 = 91
    assert forecast.error_sd(periods) == (sigma * Decimal(91).sqrt()).quantize(
        Decimal("1E-9")
    )


def test_independent_errors_grow_with_the_square_root_of_time() -> None:
    for method in (MovingAverage(window=3), Croston(alpha="0.1")):
        forecast = method.forecast(WEEKLY)
        sigma = forecast.sigma
        assert sigma is not None
        assert abs(forecast.error_sd(4) - 2 * sigma) <= Decimal("1E-9") * sigma


def test_seasonal_naive_errors_repeat_once_a_season() -> None:
    forecast = SeasonalNaive(season_length=4).forecast(WEEKLY)
    sigma = forecast.sigma
    assert sigma is not None
    # Periods 1..5 ahead: the shock of period 1 is carried to period 5, so
    # it weighs 2 in the total: 2^2 + 1 + 1 + 1 + 1 = 8.
    assert abs(forecast.error_sd(5) - sigma * Decimal(8).sqrt()) < Decimal("1E-9")


def test_a_fraction_of_a_period_is_interpolated() -> None:
    forecast = _ses()
    low, high = forecast.error_sd(8) ** 2, forecast.error_sd(9) ** 2
    between = forecast.error_sd(Decimal(57) / 7) ** 2
    assert low < between < high
    assert abs(between - (low + (high - low) / 7)) < Decimal("1E-6")


@given(st.integers(1, 40))
def test_the_error_never_shrinks_with_more_periods(periods: int) -> None:
    forecast = _ses()
    assert forecast.error_sd(periods + 1) >= forecast.error_sd(periods)


# -- into inventory ----------------------------------------------------------------


def test_safety_stock_protects_the_forecast_error_over_the_lead_time() -> None:
    forecast = _ses()
    route = LeadTime.single("8 weeks", "1 week")
    demand = forecast.demand(lead_time=route)
    stock = safety_stock(demand, route, ServiceTarget.cycle("0.95"))
    # z * sqrt(Var(cumulative error over L) + d^2 sigma_L^2), per day
    error = forecast.error_sd(8)
    daily_rate = forecast.points[0] / 7
    spread = (error**2 + daily_rate**2 * 49).sqrt()
    assert stock.z is not None
    assert abs(stock.quantity - stock.z * spread) <= Decimal("1E-8") * stock.quantity
    # Without the lead time, the one-step sigma scaled by sqrt(L): less stock.
    naive = safety_stock(forecast.demand(), route, ServiceTarget.cycle("0.95"))
    assert naive.quantity < stock.quantity


def test_a_flat_forecast_is_a_plain_demand() -> None:
    demand = _ses().demand()
    assert demand.seasonality == ()
    assert demand.period_days == 7
    assert demand.sd == _ses().sigma


def test_a_seasonal_forecast_becomes_seasonality_from_the_next_period() -> None:
    history = SalesHistory(
        units=[30, 19, 25, 28, 32, 23, 28, 35, 37, 25, 31, 29],
        period="1 week",
        start="2026-01-05",
    )
    forecast = SeasonalNaive(season_length=4).forecast(history, horizon=4)
    demand = forecast.demand()
    assert demand.mean == Decimal("30.5")  # (37 + 25 + 31 + 29) / 4
    assert demand.season_start == dt.date(2026, 3, 30)  # 12 weeks on
    for multiplier, point in zip(demand.seasonality, forecast.points, strict=True):
        assert abs(multiplier * demand.mean - point) < Decimal("1E-9")
    level = reorder_point(
        demand,
        LeadTime.single("2 weeks"),
        ServiceTarget.cycle("0.9"),
        as_of=demand.season_start,
    )
    assert abs(level.demand.mean - (37 + 25)) < Decimal("1E-9")  # the next two weeks


def test_the_peak_season_newsvendor_orders_above_the_forecast() -> None:
    forecast = _ses()
    season = forecast.season_demand(first=5, periods=8)
    assert season.mean == 8 * forecast.points[0]
    assert season.sd == forecast.error_sd(8, first=5)
    costs = NewsvendorCosts.from_prices(
        price=Money("14", "USD"),
        unit_cost=Money("4", "USD"),
        salvage_value=Money("1", "USD"),
    )
    order = newsvendor(season, costs)
    assert order.quantity > season.mean


def test_bad_inventory_arguments_are_named() -> None:
    forecast = _ses()
    with pytest.raises(InvalidTypeError) as wrong:
        forecast.demand(lead_time="8 weeks")  # type: ignore[arg-type]
    assert wrong.value.field == "lead_time"
    with pytest.raises(InvalidInputError) as raised:
        Naive().forecast([1, 2]).demand()
    assert raised.value.field == "history.period"
    with pytest.raises(InvalidInputError) as raised:
        forecast.season_demand(first=10, periods=5)
    assert raised.value.field == "periods"
    with pytest.raises(InvalidInputError) as raised:
        forecast.error_sd(0)
    assert raised.value.field == "periods"
    with pytest.raises(InvalidInputError) as raised:
        Naive().forecast([1]).error_sd(1)
    assert raised.value.field == "fitted"
    with pytest.raises(InvalidInputError) as raised:
        SeasonalNaive(season_length=2).forecast(
            SalesHistory(units=[1, 2, 3], period="1 week"), horizon=2
        ).demand()
    assert raised.value.field == "start"


# -- catalogues ---------------------------------------------------------------------


def test_each_sku_gets_its_own_forecast_in_first_seen_order() -> None:
    records: list[dict[str, object] | tuple[object, ...]] = [
        {"sku": "B", "period": 2, "units": 5},
        ("A", 1, 10, False),
        {"sku": "B", "period": 1, "units": 3, "stockout": None},
        ("A", 2, 12),
        ("C", 1, 1),
        ("C", 3, 1),
    ]
    results = forecast_skus(records, method=Naive(), period="1 week")
    assert [result.sku for result in results] == ["B", "A", "C"]
    assert results[0].forecast is not None
    assert results[0].forecast.points == (Decimal(5),)
    assert results[1].forecast is not None
    assert results[1].forecast.history.period is not None
    assert results[2].forecast is None
    assert "consecutive" in (results[2].problem or "")


def test_methods_per_sku_by_mapping_or_function() -> None:
    records = [("A", 1, 10), ("A", 2, 12), ("B", 1, 0), ("B", 2, 4)]
    mapped = forecast_skus(records, method={"A": MovingAverage(window=2)})
    assert isinstance(mapped[0].forecast.method, MovingAverage)  # type: ignore[union-attr]
    assert mapped[1].forecast is not None  # B: the suggested method
    chosen = forecast_skus(records, method=lambda _history: Naive())
    assert all(isinstance(row.forecast.method, Naive) for row in chosen)  # type: ignore[union-attr]
    failing = forecast_skus(records, method=len)  # type: ignore[arg-type]
    assert all("TypeError" in (row.problem or "") for row in failing)


def test_dates_set_the_start() -> None:
    records = [("A", dt.date(2026, 1, 12), 4), ("A", dt.date(2026, 1, 5), 3)]
    result = forecast_skus(records, method=Naive(), period="1 week")[0].forecast
    assert result is not None
    assert result.history.start == dt.date(2026, 1, 5)
    assert result.history.units == (Decimal(3), Decimal(4))


def test_bad_records_are_named() -> None:
    with pytest.raises(InvalidInputError) as raised:
        forecast_skus([{"sku": "A", "units": 1}])
    assert raised.value.field == "records[0]"
    with pytest.raises(InvalidInputError) as raised:
        forecast_skus([("", 1, 1)])
    assert raised.value.field == "records[0].sku"
    with pytest.raises(InvalidTypeError) as wrong:
        forecast_skus([("A", 1, 1)], method="ses")  # type: ignore[arg-type]
    assert wrong.value.field == "method"
    rows = forecast_skus([("A", 1, 1.5)])
    assert "float" in (rows[0].problem or "")
    with pytest.raises(InvalidInputError) as raised:
        SkuForecast(sku="A")
    assert raised.value.field == "problem"


def test_the_polars_entry_point_matches_the_record_loop() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(
        {
            "sku": ["A", "A", "A", "B", "B", "B"],
            "period": [1, 2, 3, 1, 2, 3],
            "units": [5, 7, 6, 0, 3, 0],
            "stockout": [False, False, False, False, False, True],
        }
    )
    result = forecast_frame(frame, method=Naive(), horizon=2)
    assert result.columns == ["sku", "step", "forecast", "sigma", "method", "problem"]
    rows = forecast_skus(frame.rows(), method=Naive(), horizon=2)
    expected = [
        point.quantize(Decimal("0.000001"))
        for row in rows
        for point in row.forecast.points  # type: ignore[union-attr]
    ]
    assert result["forecast"].to_list() == expected
    assert result.lazy().collect().shape == (4, 6)
    lazy = forecast_frame(frame.lazy(), method=Naive())
    assert lazy.height == 2
    floats = frame.with_columns(pl.col("units").cast(pl.Float64))
    with pytest.raises(InvalidTypeError) as wrong:
        forecast_frame(floats)
    assert wrong.value.field == "units"
    with pytest.raises(InvalidInputError) as raised:
        forecast_frame(frame, columns=("sku", "week", "units"))
    assert raised.value.field == "columns"
    failed = forecast_frame(
        frame.filter(pl.col("sku") == "A"), method=SeasonalNaive(season_length=5)
    )
    assert failed["step"].to_list() == [None]
    assert "history" in failed["problem"][0]


# -- strategies ---------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(xst.forecasts(max_horizon=3))
def test_drawn_forecasts_are_fully_specified(forecast: Forecast) -> None:
    assert forecast.method.specified
    assert 1 <= forecast.horizon <= 3


@settings(max_examples=20, deadline=None)
@given(xst.sales_histories(min_periods=5, max_periods=5, positive=True))
def test_drawn_histories_follow_their_options(history: SalesHistory) -> None:
    assert history.periods == 5
    assert min(history.units) >= 1
    assert not history.stockouts or not history.stockouts[-1]


@pytest.mark.parametrize(
    "strategy",
    [
        lambda: xst.sales_histories(min_periods=0),
        lambda: xst.sales_histories(min_periods=5, max_periods=2),
        lambda: xst.seasonal_naive_methods(max_season=1),
        lambda: xst.moving_averages(max_window=0),
        lambda: xst.holt_winters_methods(max_season=True),
        lambda: xst.forecasts(max_horizon=0),
        lambda: xst.forecasts(methods=Naive()),  # type: ignore[arg-type]
        lambda: xst.seasonal_index_sets(max_season=1),
    ],
)
def test_bad_strategy_options_fail_when_drawn(strategy: object) -> None:
    @given(strategy())  # type: ignore[operator]
    def draw(value: object) -> None:
        del value

    with pytest.raises(InvalidArgument):
        draw()


def test_the_demand_sd_matches_the_error_over_the_protection_interval() -> None:
    forecast = HoltWinters(
        season_length=4,
        trend=False,
        alpha="0.3",
        gamma="0.1",
        initial_level=140,
        initial_seasonal=[0, 0, 0, 0],
    ).forecast(WEEKLY, horizon=8)
    route = LeadTime.single("5 weeks")
    demand = forecast.demand(lead_time=route, review_period="1 week")
    assert abs(demand.sd * Decimal(6).sqrt() - forecast.error_sd(6)) < Decimal("1E-9")
    assert math.isclose(float(demand.sd), float(forecast.error_sd(6)) / math.sqrt(6))


def test_case_a_plans_with_its_sales_historys_forecast_in_whole_holders() -> None:
    from xborder.examples import case_a  # noqa: PLC0415 - builds the whole case

    fitted = SimpleExponentialSmoothing().forecast(case_a.SALES, horizon=9)
    assert fitted.method == case_a.FORECAST_METHOD
    demand = fitted.demand(lead_time=case_a.SEA_ROUTE)
    assert case_a.DEMAND.mean == round(demand.mean)
    assert case_a.DEMAND.sd == round(demand.sd)
    assert case_a.SALES.period_start(case_a.SALES.periods + 7) == case_a.PEAK_START
