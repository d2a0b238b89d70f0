r"""Demand from history: forecasts, their errors, stockout weeks, the stock they imply.

A seller's weekly sales have a level, often a trend and a season (a Q4
peak, deal days), intermittent demand on the long tail, and weeks in which
the shelf was empty and sales said nothing about demand. This package
forecasts them, measures how wrong the forecasts are, and hands inventory
the standard deviation safety stock needs: that of the *forecast error*
over the lead time, not that of demand around its mean.

**Histories.** :class:`SalesHistory` holds units per period, oldest first,
with the periods that ran out of stock; :func:`censored_demand` estimates
those periods' demand instead of reading their low sales as low demand.

**Methods**, as values whose parameters are given or fitted:
:class:`Naive`, :class:`SeasonalNaive`, :class:`MovingAverage`,
:class:`SimpleExponentialSmoothing`, :class:`Holt` (linear or damped
trend), :class:`HoltWinters` (additive or multiplicative season),
:class:`Croston` (and SBA) and :class:`Tsb` for intermittent demand;
:func:`seasonal_indices` for classical decomposition. Each method's
``forecast(history, horizon=...)`` returns a :class:`Forecast`.

**Accuracy.** :func:`accuracy` (MAE/MAD, RMSE, MAPE, WAPE, bias, tracking
signal, MASE), :func:`backtest` (rolling origin) to choose a method per
SKU, :func:`classify_demand` and :func:`suggest_method`;
:func:`forecast_skus` and :func:`forecast_frame` for a whole catalogue
(:func:`xborder.frames.forecast` for any table, on Dask too).

**Into inventory.** :meth:`Forecast.demand` is inventory's
:class:`~xborder.inventory.Demand` with the forecast error's standard
deviation over the lead time; :meth:`Forecast.season_demand` is the
peak-season newsvendor's demand.

**Numbers.** Histories and parameters are ``Decimal`` (int and str
accepted, floats refused). The recursions run in Decimal with 34
significant digits, so the same history, parameters and initial states
give the same forecast, digit for digit, on every machine; results are
reported to 12 significant digits. Parameters and initial states left
``None`` are fitted by least squares of the one-step errors, in float,
with SciPy (the ``forecast`` extra; ``import xborder`` never imports it);
the fitted parameters are reported to 6 decimals, the states to 12
digits, and the forecast is computed from exactly those, so
``forecast.method`` reproduces it.

Examples:
    >>> from xborder.forecast import SalesHistory, SimpleExponentialSmoothing
    >>> history = SalesHistory(units=[140, 180, 120, 150, 130], period="1 week")
    >>> forecast = SimpleExponentialSmoothing(alpha="0.2", initial_level=140).forecast(
    ...     history, horizon=3)
    >>> forecast.points
    (Decimal('141.136'), Decimal('141.136'), Decimal('141.136'))
    >>> forecast.sigma
    Decimal('22.9587734864')
"""

from xborder._guard import guard_public
from xborder.forecast._accuracy import Accuracy, accuracy
from xborder.forecast._backtest import (
    Backtest,
    DemandClass,
    MethodScore,
    Metric,
    backtest,
    classify_demand,
    suggest_method,
)
from xborder.forecast._censored import CensoredDemand, CensoredPeriod, censored_demand
from xborder.forecast._decompose import SeasonalIndices, seasonal_indices
from xborder.forecast._history import SalesHistory
from xborder.forecast._methods import (
    MAX_OPTIMISED_SEASON,
    Croston,
    Holt,
    HoltWinters,
    Method,
    MovingAverage,
    Naive,
    SeasonalNaive,
    SimpleExponentialSmoothing,
    Tsb,
)
from xborder.forecast._numeric import PARAMETER_PLACES, SIGNIFICANT_DIGITS
from xborder.forecast._options import (
    CrostonVariant,
    DemandPattern,
    ErrorSign,
    Initialisation,
    Seasonality,
    SeasonalUpdate,
    TrendForm,
)
from xborder.forecast._result import Forecast
from xborder.forecast._skus import SkuForecast, forecast_frame, forecast_skus

__all__ = [
    "MAX_OPTIMISED_SEASON",
    "PARAMETER_PLACES",
    "SIGNIFICANT_DIGITS",
    "Accuracy",
    "Backtest",
    "CensoredDemand",
    "CensoredPeriod",
    "Croston",
    "CrostonVariant",
    "DemandClass",
    "DemandPattern",
    "ErrorSign",
    "Forecast",
    "Holt",
    "HoltWinters",
    "Initialisation",
    "Method",
    "MethodScore",
    "Metric",
    "MovingAverage",
    "Naive",
    "SalesHistory",
    "SeasonalIndices",
    "SeasonalNaive",
    "SeasonalUpdate",
    "Seasonality",
    "SimpleExponentialSmoothing",
    "SkuForecast",
    "TrendForm",
    "Tsb",
    "accuracy",
    "backtest",
    "censored_demand",
    "classify_demand",
    "forecast_frame",
    "forecast_skus",
    "seasonal_indices",
    "suggest_method",
]

# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
