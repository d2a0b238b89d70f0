"""The forecasting methods, as values: each with its parameters, given or to fit."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from xborder._validate import (
    count,
    flag,
    fraction,
    items_of,
    named_errors,
    require,
    to_decimal,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.forecast._decompose import season_length_arg, seasonality_arg
from xborder.forecast._history import MAX_PERIODS
from xborder.forecast._options import (
    CrostonVariant,
    Initialisation,
    Seasonality,
    SeasonalUpdate,
    TrendForm,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder._validate import DecimalInput
    from xborder.forecast._history import SalesHistory
    from xborder.forecast._result import Forecast

__all__ = [
    "MAX_HORIZON",
    "MAX_OPTIMISED_SEASON",
    "Croston",
    "Holt",
    "HoltWinters",
    "MovingAverage",
    "Naive",
    "SeasonalNaive",
    "SimpleExponentialSmoothing",
    "Tsb",
    "horizon_arg",
]

MAX_HORIZON = 10_000
"""The most periods a forecast looks ahead."""

MAX_OPTIMISED_SEASON = 60
"""The longest season whose initial states ``"optimised"`` searches.

Each trial of the fit solves for (additive) or searches over
(multiplicative) every seasonal state, so a fit costs about $n m^2$ per
trial: about a second for three years of weeks ($m = 52$), half a minute
for two years of days with a yearly season ($m = 365$). Longer seasons
(hourly data over a week, daily over a year) take ``"heuristic"`` or
``"simple"`` states, or given ones. R's ``ets()`` refuses seasons above 24
altogether.
"""

_ONE = Decimal(1)


def horizon_arg(value: object) -> int:
    """Periods ahead: an int from 1 to :data:`MAX_HORIZON`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field="horizon", value=value, expected="an int >= 1")
    require(
        1 <= value <= MAX_HORIZON,
        field="horizon",
        value=value,
        expected=f"periods ahead, from 1 to {MAX_HORIZON}",
    )
    return value


def _run(method: Any, history: object, horizon: object) -> Forecast:  # noqa: ANN401
    # The engines build Forecast results, which refer back to these classes.
    from xborder.forecast._run import run  # noqa: PLC0415

    return run(method, history, horizon_arg(horizon))


# -- converters ----------------------------------------------------------------


def _smoothing(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else fraction(value)


def _damping(value: DecimalInput | None) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value)
    require(
        0 < number <= 1,
        field=None,
        value=value,
        expected="a damping factor above 0 and at most 1 (1: no damping)",
    )
    return number


def _state(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else to_decimal(value)


def _positive_state(value: DecimalInput | None) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value)
    require(number >= 0, field=None, value=value, expected="a number >= 0")
    return number


def _interval(value: DecimalInput | None) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value)
    require(number >= 1, field=None, value=value, expected="an interval >= 1 period")
    return number


def _seasonal_states(
    values: Iterable[DecimalInput] | None,
) -> tuple[Decimal, ...] | None:
    if values is None:
        return None
    return tuple(
        to_decimal(value, field=f"[{index}]")
        for index, value in enumerate(items_of(values, field=None))
    )


def _enum_member(kind: type[Any], value: object) -> Any:  # noqa: ANN401
    if isinstance(value, kind):
        return value
    expected = f"one of {[item.value for item in kind]}"
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected=expected)
    try:
        return kind(value)
    except ValueError:
        raise InvalidInputError(field=None, value=value, expected=expected) from None


def _initialisation(value: Initialisation | str) -> Initialisation:
    return _enum_member(Initialisation, value)  # type: ignore[no-any-return]


def _trend_form(value: TrendForm | str) -> TrendForm:
    return _enum_member(TrendForm, value)  # type: ignore[no-any-return]


def _seasonal_update(value: SeasonalUpdate | str) -> SeasonalUpdate:
    return _enum_member(SeasonalUpdate, value)  # type: ignore[no-any-return]


def _variant(value: CrostonVariant | str) -> CrostonVariant:
    return _enum_member(CrostonVariant, value)  # type: ignore[no-any-return]


def _season_length(value: int) -> int:
    return season_length_arg(value, field=None)  # type: ignore[arg-type]


def _seasonality(value: Seasonality | str) -> Seasonality:
    return seasonality_arg(value, field=None)  # type: ignore[arg-type]


def _window(value: int) -> int:
    number = count(value)
    require(
        1 <= number <= MAX_PERIODS,
        field=None,
        value=value,
        expected=f"a window of 1 to {MAX_PERIODS} periods",
    )
    return number


# -- the simple methods ------------------------------------------------------------


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Naive:
    r"""The naive forecast: every future period sells what the last one did.

    $$\hat y_{T+h|T} = y_T$$

    The benchmark every method must beat (*fpp3* §5.2); the random walk's
    forecast. Nothing to fit.

    Examples:
        >>> Naive().forecast([12, 15, 9, 14], horizon=2).points
        (Decimal('14'), Decimal('14'))
    """

    @property
    def specified(self) -> bool:
        """Whether every parameter and initial state is given (always)."""
        return True

    def forecast(
        self, history: SalesHistory | Iterable[DecimalInput], *, horizon: int = 1
    ) -> Forecast:
        """Forecast ``horizon`` periods after ``history`` (see the class)."""
        return _run(self, history, horizon)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SeasonalNaive:
    r"""The seasonal naive forecast: the same period of the last season.

    $$\hat y_{T+h|T} = y_{T+h-m(k+1)},\qquad k = \lfloor (h-1)/m \rfloor$$

    (*fpp3* §5.2.) Needs one full season of history.

    Args:
        season_length: Periods per season $m$ (52 for weeks in a year).

    Examples:
        >>> SeasonalNaive(season_length=4).forecast(
        ...     [30, 19, 25, 28, 32, 23, 28, 35], horizon=5).points
        (Decimal('32'), Decimal('23'), Decimal('28'), Decimal('35'), Decimal('32'))
    """

    season_length: int = attrs.field(converter=_season_length)

    @property
    def specified(self) -> bool:
        """Whether every parameter and initial state is given (always)."""
        return True

    def forecast(
        self, history: SalesHistory | Iterable[DecimalInput], *, horizon: int = 1
    ) -> Forecast:
        """Forecast ``horizon`` periods after ``history`` (see the class)."""
        return _run(self, history, horizon)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class MovingAverage:
    r"""The mean of the last ``window`` periods, for every future period.

    $$\hat y_{T+h|T} = \frac{1}{k}\sum_{j=0}^{k-1} y_{T-j}$$

    (Silver, Pyke & Thomas, *Inventory and Production Management in Supply
    Chains*, 4th ed., §4.5; Nahmias, §2.7.) Needs ``window`` periods.

    Args:
        window: The number of periods averaged, $k$.

    Examples:
        >>> MovingAverage(window=3).forecast([12, 15, 9, 14]).points
        (Decimal('12.6666666667'),)
    """

    window: int = attrs.field(converter=_window)

    @property
    def specified(self) -> bool:
        """Whether every parameter and initial state is given (always)."""
        return True

    def forecast(
        self, history: SalesHistory | Iterable[DecimalInput], *, horizon: int = 1
    ) -> Forecast:
        """Forecast ``horizon`` periods after ``history`` (see the class)."""
        return _run(self, history, horizon)


# -- exponential smoothing ------------------------------------------------------


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SimpleExponentialSmoothing:
    r"""Simple exponential smoothing: a level that follows demand by a share α.

    $$\ell_t = \alpha y_t + (1-\alpha)\ell_{t-1},\qquad
    \hat y_{t+h|t} = \ell_t,\qquad e_t = y_t - \ell_{t-1}$$

    (Brown 1959; *fpp3* §8.1.) With α = 1 it is the naive forecast. A
    parameter or initial state left ``None`` is fitted (least squares of
    the one-step errors), or set by ``initialisation``; the forecast's
    :attr:`~Forecast.method` has them all filled in.

    Args:
        alpha: The level's smoothing parameter, 0 to 1.
        initial_level: $\ell_0$, the level before the first period.
        initialisation: How $\ell_0$ is chosen when not given.

    Examples:
        >>> ses = SimpleExponentialSmoothing(alpha="0.2", initial_level=446)
        >>> ses.forecast([446, 454, 456, 424]).points
        (Decimal('444.224'),)
    """

    alpha: Decimal | None = attrs.field(default=None, converter=_smoothing)
    initial_level: Decimal | None = attrs.field(default=None, converter=_state)
    initialisation: Initialisation = attrs.field(
        default=Initialisation.OPTIMISED, converter=_initialisation
    )

    @property
    def specified(self) -> bool:
        """Whether every parameter and initial state is given."""
        return self.alpha is not None and self.initial_level is not None

    def forecast(
        self, history: SalesHistory | Iterable[DecimalInput], *, horizon: int = 1
    ) -> Forecast:
        """Forecast ``horizon`` periods after ``history`` (see the class)."""
        return _run(self, history, horizon)


def _check_beta(alpha: Decimal | None, beta: Decimal | None, form: TrendForm) -> None:
    if form is TrendForm.ERROR_CORRECTION and None not in (alpha, beta):
        require(
            beta <= alpha,  # type: ignore[operator]
            field="beta",
            value=beta,
            expected=f"at most alpha ({alpha}) in the error-correction form",
        )


def _check_phi(damped: bool, phi: Decimal | None) -> None:  # noqa: FBT001
    if not damped and phi is not None and phi != _ONE:
        raise InvalidInputError(
            "a damping factor below 1 damps the trend",
            field="phi",
            value=phi,
            expected="None or 1 unless damped=True",
        )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Holt:
    r"""Holt's linear trend method, optionally with a damped trend.

    $$\begin{aligned}
    \ell_t &= \alpha y_t + (1-\alpha)(\ell_{t-1} + \phi b_{t-1})\\
    b_t &= \beta^*(\ell_t - \ell_{t-1}) + (1-\beta^*)\phi b_{t-1}
        \;=\; \phi b_{t-1} + \beta e_t,\quad \beta = \alpha\beta^*\\
    \hat y_{t+h|t} &= \ell_t + (\phi + \phi^2 + \dots + \phi^h)\,b_t
    \end{aligned}$$

    (Holt 1957; Gardner & McKenzie 1985 for the damping; *fpp3* §8.2.)
    Without damping $\phi = 1$. ``trend_form`` says whether ``beta`` is
    $\beta^*$ (the default) or R ``ets()``'s $\beta$. A damping factor
    fitted is kept between 0.8 and 0.98, as R does (*fpp3* §8.2).

    Args:
        alpha: The level's smoothing parameter, 0 to 1.
        beta: The trend's smoothing parameter (see ``trend_form``).
        phi: The damping factor, above 0 and at most 1.
        damped: Whether the trend is damped.
        trend_form: :class:`TrendForm`: what ``beta`` means.
        initial_level: $\ell_0$.
        initial_trend: $b_0$.
        initialisation: How missing initial states are chosen.

    Examples:
        >>> holt = Holt(alpha="0.8", beta="0.2", initial_level="17.55",
        ...             initial_trend="4.31")
        >>> holt.forecast(["17.55", "21.86", "23.89", "26.93"], horizon=2).points
        (Decimal('30.2919169536'), Decimal('33.5304923392'))
    """

    alpha: Decimal | None = attrs.field(default=None, converter=_smoothing)
    beta: Decimal | None = attrs.field(default=None, converter=_smoothing)
    phi: Decimal | None = attrs.field(default=None, converter=_damping)
    damped: bool = attrs.field(default=False, converter=flag)
    trend_form: TrendForm = attrs.field(
        default=TrendForm.COMPONENT, converter=_trend_form
    )
    initial_level: Decimal | None = attrs.field(default=None, converter=_state)
    initial_trend: Decimal | None = attrs.field(default=None, converter=_state)
    initialisation: Initialisation = attrs.field(
        default=Initialisation.OPTIMISED, converter=_initialisation
    )

    def __attrs_post_init__(self) -> None:
        _check_phi(self.damped, self.phi)
        _check_beta(self.alpha, self.beta, self.trend_form)

    @property
    def specified(self) -> bool:
        """Whether every parameter and initial state is given."""
        return None not in (
            self.alpha,
            self.beta,
            self.initial_level,
            self.initial_trend,
        ) and (self.phi is not None or not self.damped)

    def forecast(
        self, history: SalesHistory | Iterable[DecimalInput], *, horizon: int = 1
    ) -> Forecast:
        """Forecast ``horizon`` periods after ``history`` (see the class)."""
        return _run(self, history, horizon)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class HoltWinters:
    r"""Holt-Winters: a level, an optional (damped) trend and a season.

    Additive seasonality, with $\tilde\ell = \ell_{t-1} + \phi b_{t-1}$ and
    $e_t = y_t - \tilde\ell - s_{t-m}$:

    $$\begin{aligned}
    \ell_t &= \alpha(y_t - s_{t-m}) + (1-\alpha)\tilde\ell\\
    b_t &= \beta^*(\ell_t - \ell_{t-1}) + (1-\beta^*)\phi b_{t-1}\\
    s_t &= \gamma(y_t - \tilde\ell) + (1-\gamma)s_{t-m}\\
    \hat y_{t+h|t} &= \ell_t + \phi_h b_t + s_{t+h-m(k+1)}
    \end{aligned}$$

    Multiplicative seasonality divides where the additive form subtracts:
    $\ell_t = \alpha\,y_t/s_{t-m} + (1-\alpha)\tilde\ell$,
    $s_t = \gamma\,y_t/\tilde\ell + (1-\gamma)s_{t-m}$ and
    $\hat y_{t+h|t} = (\ell_t + \phi_h b_t)\,s_{t+h-m(k+1)}$, with
    $\phi_h = \phi + \dots + \phi^h$ (Winters 1960; *fpp3* §8.3). The
    seasonal equation above is Hyndman's; ``seasonal_update="winters"``
    uses Winters' own, against the new level $\ell_t$ (see
    :class:`SeasonalUpdate`). ``trend=False`` drops the trend.

    Args:
        season_length: Periods per season $m$; at most
            :data:`MAX_OPTIMISED_SEASON` (60) when the initial seasonal
            states are optimised, since each trial of the fit solves for
            all of them.
        seasonality: :class:`Seasonality` (additive by default).
        trend: Whether there is a trend.
        damped: Whether the trend is damped.
        alpha: Level smoothing, 0 to 1.
        beta: Trend smoothing (see ``trend_form``).
        gamma: Seasonal smoothing, 0 to 1 (see ``seasonal_update``).
        phi: Damping factor.
        trend_form: :class:`TrendForm`: what ``beta`` means.
        seasonal_update: :class:`SeasonalUpdate`: which seasonal equation.
        initial_level: $\ell_0$.
        initial_trend: $b_0$.
        initial_seasonal: The $m$ seasonal states before the first period,
            in the order of the periods they apply to: the first is the
            first period's ($s_{1-m}$), the last $s_0$. R's ``ets()`` lists
            them the other way round.
        initialisation: How missing initial states are chosen.

    Examples:
        >>> hw = HoltWinters(season_length=4, trend=False, alpha="0.3",
        ...                  gamma="0.1", initial_level=100,
        ...                  initial_seasonal=[10, -5, -10, 5])
        >>> hw.forecast([112, 94, 91, 106], horizon=2).points
        (Decimal('110.7688'), Decimal('95.4088'))
        >>> HoltWinters(season_length=365)
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: season_length: expected at most 60 ...
        >>> HoltWinters(season_length=365, initialisation="heuristic").season_length
        365
    """

    season_length: int = attrs.field(converter=_season_length)
    seasonality: Seasonality = attrs.field(
        default=Seasonality.ADDITIVE, converter=_seasonality
    )
    trend: bool = attrs.field(default=True, converter=flag)
    damped: bool = attrs.field(default=False, converter=flag)
    alpha: Decimal | None = attrs.field(default=None, converter=_smoothing)
    beta: Decimal | None = attrs.field(default=None, converter=_smoothing)
    gamma: Decimal | None = attrs.field(default=None, converter=_smoothing)
    phi: Decimal | None = attrs.field(default=None, converter=_damping)
    trend_form: TrendForm = attrs.field(
        default=TrendForm.COMPONENT, converter=_trend_form
    )
    seasonal_update: SeasonalUpdate = attrs.field(
        default=SeasonalUpdate.HYNDMAN, converter=_seasonal_update
    )
    initial_level: Decimal | None = attrs.field(default=None, converter=_state)
    initial_trend: Decimal | None = attrs.field(default=None, converter=_state)
    initial_seasonal: tuple[Decimal, ...] | None = attrs.field(
        default=None, converter=_seasonal_states
    )
    initialisation: Initialisation = attrs.field(
        default=Initialisation.OPTIMISED, converter=_initialisation
    )

    def __attrs_post_init__(self) -> None:
        if not self.trend:
            for name in ("beta", "initial_trend"):
                if getattr(self, name) is not None:
                    raise InvalidInputError(
                        "there is no trend to smooth",
                        field=name,
                        value=getattr(self, name),
                        expected="None when trend=False",
                    )
            require(
                not self.damped,
                field="damped",
                value=self.damped,
                expected="False when trend=False",
            )
        _check_phi(self.damped, self.phi)
        _check_beta(self.alpha, self.beta, self.trend_form)
        seasonal = self.initial_seasonal
        # Bounds the fit's time where the season enters (see MAX_OPTIMISED_SEASON).
        require(
            seasonal is not None
            or self.initialisation is not Initialisation.OPTIMISED
            or self.season_length <= MAX_OPTIMISED_SEASON,
            field="season_length",
            value=self.season_length,
            expected=(
                f"at most {MAX_OPTIMISED_SEASON} periods per season when the "
                "initial seasonal states are optimised (give initial_seasonal, "
                "or initialisation='heuristic')"
            ),
        )
        if seasonal is not None:
            require(
                len(seasonal) == self.season_length,
                field="initial_seasonal",
                value=f"{len(seasonal)} states",
                expected=f"one state per period of the season ({self.season_length})",
            )
            if self.seasonality is Seasonality.MULTIPLICATIVE:
                for index, state in enumerate(seasonal):
                    require(
                        state > 0,
                        field=f"initial_seasonal[{index}]",
                        value=state,
                        expected="a multiplicative seasonal state > 0",
                    )

    @property
    def specified(self) -> bool:
        """Whether every parameter and initial state is given."""
        needed: list[object] = [
            self.alpha,
            self.gamma,
            self.initial_level,
            self.initial_seasonal,
        ]
        if self.trend:
            needed += [self.beta, self.initial_trend]
        if self.damped:
            needed.append(self.phi)
        return None not in needed

    def forecast(
        self, history: SalesHistory | Iterable[DecimalInput], *, horizon: int = 1
    ) -> Forecast:
        """Forecast ``horizon`` periods after ``history`` (see the class)."""
        return _run(self, history, horizon)


# -- intermittent demand ----------------------------------------------------------


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Croston:
    r"""Croston's method for intermittent demand, or its SBA correction.

    Demand sizes $z$ and the intervals $p$ between demands are smoothed
    separately, only in periods with demand ($q$ is the number of periods
    since the previous demand):

    $$z_t = z_{t-1} + \alpha(y_t - z_{t-1}),\qquad
    p_t = p_{t-1} + \alpha(q_t - p_{t-1})\qquad (y_t > 0)$$

    and both are carried unchanged otherwise; the forecast is $c\,z/p$ with
    $c = 1$ (Croston 1972) or $c = 1 - \alpha/2$ for the Syntetos-Boylan
    approximation (Syntetos & Boylan 2005, *International Journal of
    Forecasting* 21). Left ``None``, α is fitted and the initial states are
    R forecast's ``"naive"`` ones: the first demand and the number of
    periods up to it. With demand in every period it is simple exponential
    smoothing started at the first demand.

    Args:
        alpha: The smoothing parameter of both sizes and intervals.
        variant: :class:`CrostonVariant` (``"croston"`` or ``"sba"``).
        initial_size: $z_0$ (>= 0).
        initial_interval: $p_0$ (>= 1).

    Examples:
        >>> Croston(alpha="0.1").forecast([0, 0, 3, 0, 0, 0, 2, 0, 5, 0]).points
        (Decimal('1.04013377926'),)
    """

    alpha: Decimal | None = attrs.field(default=None, converter=_smoothing)
    variant: CrostonVariant = attrs.field(
        default=CrostonVariant.CROSTON, converter=_variant
    )
    initial_size: Decimal | None = attrs.field(default=None, converter=_positive_state)
    initial_interval: Decimal | None = attrs.field(default=None, converter=_interval)

    @property
    def specified(self) -> bool:
        """Whether every parameter and initial state is given."""
        return None not in (self.alpha, self.initial_size, self.initial_interval)

    def forecast(
        self, history: SalesHistory | Iterable[DecimalInput], *, horizon: int = 1
    ) -> Forecast:
        """Forecast ``horizon`` periods after ``history`` (see the class)."""
        return _run(self, history, horizon)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Tsb:
    r"""Teunter-Syntetos-Babai: a demand size and a probability of demand.

    The probability $\pi$ of demand in a period is smoothed every period,
    the size $z$ only when there is demand:

    $$\pi_t = \pi_{t-1} + \beta(\mathbb 1[y_t > 0] - \pi_{t-1}),\qquad
    z_t = z_{t-1} + \alpha(y_t - z_{t-1})\ (y_t > 0),\qquad
    \hat y = \pi_t z_t$$

    (Teunter, Syntetos & Babai 2011, "Intermittent demand: linking
    forecasting to inventory obsolescence", *European Journal of
    Operational Research* 214.) Unlike Croston's, its forecast decays
    through a run of periods without demand, so an item that stopped
    selling stops being stocked. Left ``None``, α and β are fitted; the
    initial size is the mean demand size and the initial probability the
    share of periods with demand.

    Args:
        alpha: Smoothing of the demand size.
        beta: Smoothing of the probability of demand.
        initial_size: $z_0$ (>= 0).
        initial_probability: $\pi_0$, 0 to 1.

    Examples:
        >>> Tsb(alpha="0.1", beta="0.1").forecast([0, 0, 3, 0, 0, 0, 2, 0, 5, 0]).points
        (Decimal('1.05731229347'),)
    """

    alpha: Decimal | None = attrs.field(default=None, converter=_smoothing)
    beta: Decimal | None = attrs.field(default=None, converter=_smoothing)
    initial_size: Decimal | None = attrs.field(default=None, converter=_positive_state)
    initial_probability: Decimal | None = attrs.field(
        default=None, converter=_smoothing
    )

    @property
    def specified(self) -> bool:
        """Whether every parameter and initial state is given."""
        return None not in (
            self.alpha,
            self.beta,
            self.initial_size,
            self.initial_probability,
        )

    def forecast(
        self, history: SalesHistory | Iterable[DecimalInput], *, horizon: int = 1
    ) -> Forecast:
        """Forecast ``horizon`` periods after ``history`` (see the class)."""
        return _run(self, history, horizon)


Method = (
    Naive
    | SeasonalNaive
    | MovingAverage
    | SimpleExponentialSmoothing
    | Holt
    | HoltWinters
    | Croston
    | Tsb
)
"""Any forecasting method."""

METHODS = (
    Naive,
    SeasonalNaive,
    MovingAverage,
    SimpleExponentialSmoothing,
    Holt,
    HoltWinters,
    Croston,
    Tsb,
)
"""Every method class, for isinstance checks."""
