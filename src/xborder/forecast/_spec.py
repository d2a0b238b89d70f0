"""A smoothing method's components and parameters, for the engine (private)."""

from __future__ import annotations

from decimal import Decimal

from xborder.forecast._methods import Holt, HoltWinters, SimpleExponentialSmoothing
from xborder.forecast._options import TrendForm
from xborder.forecast._smoothing import Components, Parameters

__all__ = ["components_of", "parameters_of"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def components_of(
    method: SimpleExponentialSmoothing | Holt | HoltWinters,
) -> Components:
    """The components a smoothing method has."""
    if isinstance(method, SimpleExponentialSmoothing):
        return Components(trend=False, damped=False, seasonal=None, m=1)
    if isinstance(method, Holt):
        return Components(trend=True, damped=method.damped, seasonal=None, m=1)
    return Components(
        trend=method.trend,
        damped=method.damped,
        seasonal=method.seasonality,
        m=method.season_length,
        update=method.seasonal_update,
    )


def parameters_of(
    method: SimpleExponentialSmoothing | Holt | HoltWinters,
) -> Parameters:
    """A specified method's parameters in the error-correction form (β = αβ*)."""
    alpha = method.alpha or _ZERO
    if isinstance(method, SimpleExponentialSmoothing):
        return Parameters(alpha=alpha)
    beta = method.beta or _ZERO
    if method.trend_form is TrendForm.COMPONENT:
        beta = alpha * beta
    gamma = (method.gamma or _ZERO) if isinstance(method, HoltWinters) else _ZERO
    phi = method.phi if method.damped and method.phi is not None else _ONE
    return Parameters(alpha=alpha, beta=beta, gamma=gamma, phi=phi)
