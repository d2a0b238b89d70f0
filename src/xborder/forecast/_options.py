"""The choices a forecast takes by name: conventions that textbooks differ on."""

from __future__ import annotations

import enum

__all__ = [
    "CrostonVariant",
    "DemandPattern",
    "ErrorSign",
    "Initialisation",
    "SeasonalUpdate",
    "Seasonality",
    "TrendForm",
]


class Initialisation(enum.StrEnum):
    """How a smoothing method's initial states are chosen when not given.

    The initial level, trend and seasonal states are the states *before* the
    first period; each period's one-step forecast is made from the states
    before it.
    """

    SIMPLE = "simple"
    r"""From the first observations (Hyndman & Athanasopoulos, *fpp2* §7.2,
    §7.3; R forecast's ``initial="simple"``). Without seasonality
    $\ell_0 = y_1$ and $b_0 = y_2 - y_1$; with a season of $m$ periods
    $\ell_0$ is the first season's mean, $b_0$ the change of the seasons'
    means divided by $m$, and $s_i = y_i - \ell_0$ (or $y_i/\ell_0$)."""
    HEURISTIC = "heuristic"
    r"""Hyndman, Koehler, Ord & Snyder (2008), *Forecasting with Exponential
    Smoothing*, §2.6.1, as R forecast's ``ets()`` computes its starting
    states: seasonal indices by classical decomposition of the first three
    (at least two) seasons, normalised; then a straight line through the
    first $\max(10, 2m)$ seasonally adjusted values gives $\ell_0$ (its
    intercept) and $b_0$ (its slope), or $\ell_0$ is their mean without a
    trend."""
    OPTIMISED = "optimised"
    """Estimated together with the smoothing parameters by minimising the
    squared one-step errors (R forecast's default ``initial="optimal"``,
    statsmodels' ``"estimated"``), starting from the heuristic states. One
    seasonal state is implied by the others (they sum to 0, or to ``m``).
    For seasons of at most 60 periods (``MAX_OPTIMISED_SEASON``): each
    trial of the fit solves for every seasonal state."""


class Seasonality(enum.StrEnum):
    """How the seasonal effect combines with the level."""

    ADDITIVE = "additive"
    """A season adds a number of units: ``level + s``."""
    MULTIPLICATIVE = "multiplicative"
    """A season multiplies the level: ``level × s`` (``1.4`` is a 40 % peak)."""


class TrendForm(enum.StrEnum):
    r"""What the trend parameter ``beta`` of Holt and Holt-Winters means.

    The two forms give the same forecasts with $\beta = \alpha\beta^*$.
    """

    COMPONENT = "component"
    r"""$\beta^*$ smooths the change in level:
    $b_t = \beta^*(\ell_t - \ell_{t-1}) + (1 - \beta^*)\phi b_{t-1}$
    (Holt 1957; *fpp3* component form; R's ``HoltWinters()``; statsmodels'
    ``smoothing_trend``). Between 0 and 1."""
    ERROR_CORRECTION = "error correction"
    r"""$\beta$ multiplies the one-step error:
    $b_t = \phi b_{t-1} + \beta e_t$ (Hyndman et al. 2008; R forecast's
    ``ets()``, whose ``beta`` is this one). Between 0 and $\alpha$."""


class SeasonalUpdate(enum.StrEnum):
    """Which seasonal smoothing equation Holt-Winters uses."""

    HYNDMAN = "hyndman"
    r"""Against the previous level and trend:
    $s_t = \gamma(y_t - \ell_{t-1} - \phi b_{t-1}) + (1 - \gamma)s_{t-m}$,
    or $\gamma\,y_t/(\ell_{t-1} + \phi b_{t-1}) + (1 - \gamma)s_{t-m}$
    (*fpp3* §8.3; R forecast's ``ets()``; statsmodels). Between 0 and
    $1 - \alpha$."""
    WINTERS = "winters"
    r"""Against the new level, as Winters (1960) wrote it:
    $s_t = \gamma(y_t - \ell_t) + (1 - \gamma)s_{t-m}$, or
    $\gamma\,y_t/\ell_t + (1 - \gamma)s_{t-m}$ (R's ``HoltWinters()``;
    Silver, Pyke & Thomas). Additive, it equals the Hyndman form with
    $\gamma_H = \gamma(1 - \alpha)$. Between 0 and 1."""


class ErrorSign(enum.StrEnum):
    """Which way round a forecast error is taken; it decides the sign of a bias."""

    ACTUAL_MINUS_FORECAST = "actual - forecast"
    r"""$e_t = y_t - \hat y_t$: a positive bias means the forecast was too low
    (Hyndman & Athanasopoulos; R; Silver, Pyke & Thomas)."""
    FORECAST_MINUS_ACTUAL = "forecast - actual"
    r"""$e_t = \hat y_t - y_t$: a positive bias means the forecast was too
    high (Nahmias, *Production and Operations Analysis*, ch. 2)."""


class CrostonVariant(enum.StrEnum):
    """Croston's method as published, or with Syntetos & Boylan's correction."""

    CROSTON = "croston"
    r"""$\hat y = z/p$ (Croston 1972)."""
    SBA = "sba"
    r"""$\hat y = (1 - \alpha/2)\,z/p$: the Syntetos-Boylan approximation
    (Syntetos & Boylan 2005), which removes most of Croston's upward bias."""


class DemandPattern(enum.StrEnum):
    """A demand history's pattern (Syntetos, Boylan & Croston 2005)."""

    SMOOTH = "smooth"
    """Demand in most periods (ADI < 1.32), sizes steady (CV² < 0.49)."""
    ERRATIC = "erratic"
    """Demand in most periods, sizes that vary a lot (CV² >= 0.49)."""
    INTERMITTENT = "intermittent"
    """Many periods without demand (ADI >= 1.32), steady sizes."""
    LUMPY = "lumpy"
    """Many periods without demand, sizes that vary a lot."""
    NONE = "no demand"
    """No period with demand."""
