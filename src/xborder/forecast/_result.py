"""A forecast: the method with its parameters, the fit, the points, the errors."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._validate import LARGEST, items_of, named_errors, require, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.forecast._accuracy import Accuracy, error_sign, measure, naive_scale
from xborder.forecast._decompose import scale_season
from xborder.forecast._history import SalesHistory
from xborder.forecast._methods import (
    MAX_HORIZON,
    METHODS,
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
from xborder.forecast._numeric import WORKING, report, root
from xborder.forecast._options import ErrorSign
from xborder.forecast._smoothing import psi
from xborder.forecast._spec import components_of, parameters_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder._validate import DecimalInput
    from xborder.inventory import Demand, LeadTime, NormalDemand
    from xborder.units import Quantity, QuantityInput

__all__ = ["Forecast", "build_forecast"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _method(value: Method) -> Method:
    if not isinstance(value, METHODS):
        raise InvalidTypeError(field=None, value=value, expected="a forecasting method")
    require(
        value.specified,
        field=None,
        value=value,
        expected="a method with every parameter and initial state given",
    )
    return value


def _history(value: SalesHistory) -> SalesHistory:
    if not isinstance(value, SalesHistory):
        raise InvalidTypeError(field=None, value=value, expected="a SalesHistory")
    return value


def _series(values: Iterable[DecimalInput]) -> tuple[Decimal, ...]:
    result = []
    for index, value in enumerate(items_of(values, field=None)):
        number = to_decimal(value, field=f"[{index}]")
        require(number >= 0, field=f"[{index}]", value=value, expected="units >= 0")
        result.append(number)
    return tuple(result)


def _fitted(values: Iterable[DecimalInput | None]) -> tuple[Decimal | None, ...]:
    return tuple(
        None if value is None else to_decimal(value, field=f"[{index}]")
        for index, value in enumerate(items_of(values, field=None))
    )


def _points(values: Iterable[DecimalInput]) -> tuple[Decimal, ...]:
    result = tuple(
        to_decimal(value, field=f"[{index}]")
        for index, value in enumerate(items_of(values, field=None))
    )
    require(
        1 <= len(result) <= MAX_HORIZON,
        field=None,
        value=f"{len(result)} points",
        expected=f"1 to {MAX_HORIZON} forecasts",
    )
    return result


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Forecast:
    r"""A method's forecast of a history, with its fit and what it implies for stock.

    Attributes:
        method: The method with every parameter and initial state filled
            in: ``forecast.method.forecast(forecast.history, horizon=...)``
            gives this forecast again, digit for digit.
        history: The history as given.
        series: The demand the method saw: the units, with each stockout
            period's estimated demand (see :func:`censored_demand`).
        fitted: Each period's one-step forecast, made the period before
            (``None`` where the method has none yet: the naive forecast's
            first period, a moving average's first window).
        points: The forecasts for the periods after the history, one per
            period ahead (12 significant digits).

    Built by hand, the method must be fully specified, and ``series`` and
    ``fitted`` must have one value per period of the history, ``series``
    equal to the units wherever the shelf was stocked.

    Examples:
        >>> from xborder.forecast import SimpleExponentialSmoothing
        >>> ses = SimpleExponentialSmoothing(alpha="0.5", initial_level=10)
        >>> forecast = ses.forecast([12, 8, 11], horizon=2)
        >>> forecast.fitted
        (Decimal('10'), Decimal('11'), Decimal('9.5'))
        >>> forecast.points
        (Decimal('10.25'), Decimal('10.25'))
        >>> forecast.residuals, forecast.sigma
        ((Decimal('2'), Decimal('-3'), Decimal('1.5')), Decimal('2.25462487641'))
    """

    method: Method = attrs.field(converter=_method)
    history: SalesHistory = attrs.field(converter=_history)
    series: tuple[Decimal, ...] = attrs.field(converter=_series)
    fitted: tuple[Decimal | None, ...] = attrs.field(converter=_fitted)
    points: tuple[Decimal, ...] = attrs.field(converter=_points)

    def __attrs_post_init__(self) -> None:
        periods = self.history.periods
        for name in ("series", "fitted"):
            require(
                len(getattr(self, name)) == periods,
                field=name,
                value=f"{len(getattr(self, name))} values",
                expected=f"one per period of the history ({periods})",
            )
        stockouts = self.history.stockouts or (False,) * periods
        for index, (units, value, out) in enumerate(
            zip(self.history.units, self.series, stockouts, strict=True)
        ):
            if not out:
                require(
                    value == units,
                    field=f"series[{index}]",
                    value=value,
                    expected=f"the units sold ({units}): the shelf was stocked",
                )

    @property
    def horizon(self) -> int:
        """The number of periods forecast."""
        return len(self.points)

    @property
    def residuals(self) -> tuple[Decimal | None, ...]:
        """One-step errors ``series - fitted`` (``None`` where nothing was fitted)."""
        return self.errors()

    def errors(
        self, sign: ErrorSign | str = ErrorSign.ACTUAL_MINUS_FORECAST
    ) -> tuple[Decimal | None, ...]:
        """One-step errors, taken the way ``sign`` says (see :class:`ErrorSign`).

        Examples:
            >>> from xborder.forecast import Naive
            >>> Naive().forecast([5, 7, 4]).errors("forecast - actual")
            (None, Decimal('-2'), Decimal('3'))
        """
        flip = error_sign(sign) is ErrorSign.FORECAST_MINUS_ACTUAL
        with localcontext(WORKING):
            return tuple(
                None if fit is None else report(fit - actual if flip else actual - fit)
                for actual, fit in zip(self.series, self.fitted, strict=True)
            )

    @property
    def sse(self) -> Decimal:
        """The sum of squared one-step errors the fit minimised (12 digits)."""
        with localcontext(WORKING):
            return report(self._squares()[0])

    def _squares(self) -> tuple[Decimal, int]:
        total = _ZERO
        count = 0
        for actual, fit in zip(self.series, self.fitted, strict=True):
            if fit is not None:
                error = actual - fit
                total += error * error
                count += 1
        return total, count

    @property
    def sigma(self) -> Decimal | None:
        r"""$\sigma$: the root mean squared one-step error (``None`` if there is none).

        The standard deviation of the forecast error one period ahead, the
        $\sigma$ safety stock needs (Silver, Pyke & Thomas §4.8), estimated
        in sample.
        """
        with localcontext(WORKING):
            total, count = self._squares()
            return root(total / count) if count else None

    def accuracy(
        self,
        *,
        season_length: int = 1,
        sign: ErrorSign | str = ErrorSign.ACTUAL_MINUS_FORECAST,
    ) -> Accuracy:
        """In-sample accuracy of the one-step forecasts (see :class:`Accuracy`).

        MASE is scaled by the naive (``season_length=1``) or seasonal naive
        forecast's in-sample error on the same series.

        Examples:
            >>> from xborder.forecast import Naive
            >>> Naive().forecast([5, 7, 4, 6]).accuracy().mase
            Decimal('1')
        """
        m = scale_season(season_length)
        checked = error_sign(sign)
        pairs = [
            (actual, fit)
            for actual, fit in zip(self.series, self.fitted, strict=True)
            if fit is not None
        ]
        if not pairs:
            raise InvalidInputError(
                field="fitted", value=self.fitted, expected="at least one fitted value"
            )
        with localcontext(WORKING):
            scale = naive_scale(self.series, m) if len(self.series) > m else None
            return measure(pairs, scale, checked)

    # -- what the forecast means for stock -----------------------------------------

    def error_sd(self, periods: DecimalInput, *, first: int = 1) -> Decimal:
        r"""Standard deviation of the total forecast error over ``periods`` periods.

        The error of a total over periods $a$ to $b$ ahead weighs each future
        shock by how long it is carried: with $c_0 = 1$ and the method's
        weights $c_j$,

        $$\operatorname{Var}\Big(\sum_{h=a}^{b} e_{T+h}\Big) = \sigma^2
        \sum_{j=1}^{b}\Big(\sum_{h=\max(a,j)}^{b} c_{h-j}\Big)^2$$

        (Hyndman, Koehler, Ord & Snyder 2008, ch. 6, on lead-time demand).
        For simple exponential smoothing $c_j = \alpha$; Holt adds
        $\beta\phi_j$; Holt-Winters adds $\gamma$ every $m$ periods; the
        naive forecast has $c_j = 1$, the seasonal naive $c_j = 1$ every $m$
        periods. A moving average, Croston, SBA and TSB have no such model:
        their errors are taken as independent, $c_j = 0$, so the variance
        grows with the number of periods (Silver, Pyke & Thomas §4.8). A
        multiplicative season uses the additive weights, an approximation.
        A fraction of a period is interpolated between whole periods.

        Args:
            periods: How many periods the total covers (> 0; may be a
                fraction, 57 days of weekly forecasts is ``57/7``).
            first: The first period ahead it covers (1 is the next period).

        Raises:
            InvalidInputError: The forecast has no one-step error to measure.

        Examples:
            >>> from xborder.forecast import SimpleExponentialSmoothing
            >>> ses = SimpleExponentialSmoothing(alpha="0.5", initial_level=10)
            >>> forecast = ses.forecast([12, 8, 11])
            >>> forecast.error_sd(1), forecast.error_sd(2)
            (Decimal('2.25462487641'), Decimal('4.06458279942'))
        """
        span = _positive_periods(periods, "periods")
        start = _first(first)
        sigma = self._sigma_or_fail()
        with localcontext(WORKING):
            last = start - 1 + span
            low = int(last)
            weights = self._weights(math.ceil(last))
            variance = _block_variance(weights, start, low)
            fraction = last - low
            if fraction:
                upper = _block_variance(weights, start, low + 1)
                variance += fraction * (upper - variance)
            return root(sigma * sigma * variance)

    def _sigma_or_fail(self) -> Decimal:
        sigma = self.sigma
        if sigma is None:
            raise InvalidInputError(
                "the forecast has no one-step error to measure its spread",
                field="fitted",
                value=self.fitted,
                expected="at least one fitted value",
            )
        return sigma

    def _weights(self, horizon: int) -> tuple[Decimal, ...]:
        method = self.method
        if isinstance(method, Naive):
            return (_ONE,) * horizon
        if isinstance(method, SeasonalNaive):
            m = method.season_length
            return tuple(_ONE if j % m == 0 else _ZERO for j in range(1, horizon + 1))
        if isinstance(method, MovingAverage | Croston | Tsb):
            return (_ZERO,) * horizon
        assert isinstance(method, SimpleExponentialSmoothing | Holt | HoltWinters)  # noqa: S101
        return psi(components_of(method), parameters_of(method), horizon)

    def demand(
        self,
        *,
        lead_time: LeadTime | None = None,
        review_period: QuantityInput | None = None,
    ) -> Demand:
        r"""The forecast as inventory's :class:`~xborder.inventory.Demand`.

        Its mean is the forecast per period; its standard deviation is the
        forecast error's, so that the inventory calculators
        (:func:`~xborder.inventory.safety_stock`,
        :func:`~xborder.inventory.reorder_point`,
        :func:`~xborder.inventory.restock_recommendation`...) protect
        against what the forecast cannot know, not against demand's spread
        around its mean. Given the lead time (and the review period), the
        standard deviation is set so that over the mean protection interval
        $L$ (in periods) it is the forecast's :meth:`error_sd`:
        $\sigma_d = \text{error\_sd}(L)/\sqrt{L}$; the calculators then add
        the lead time's own variability, $d^2\sigma_L^2$. Without them it is
        the one-step $\sigma$.

        A forecast that changes from period to period (a trend, a season)
        becomes seasonality multipliers from the period after the history
        (the history needs its ``start``): cover the protection interval
        with the horizon. Negative forecasts count as 0.

        Args:
            lead_time: The replenishment lead time.
            review_period: The time between reviews (periodic review).

        Raises:
            InvalidInputError: The history has no period (or no start, for
                a forecast that is not flat).

        Examples:
            >>> from xborder.forecast import SalesHistory, SimpleExponentialSmoothing
            >>> from xborder.inventory import LeadTime
            >>> history = SalesHistory(units=[140, 180, 120, 150, 130], period="1 week")
            >>> forecast = SimpleExponentialSmoothing(
            ...     alpha="0.2", initial_level=140).forecast(history)
            >>> weekly = forecast.demand(lead_time=LeadTime.single("8 weeks"))
            >>> weekly.mean, forecast.sigma, weekly.sd
            (Decimal('141.136'), Decimal('22.9587734864'), Decimal('40.4230920142'))
        """
        from xborder.inventory import Demand, LeadTime  # noqa: PLC0415 - on use
        from xborder.units import as_duration  # noqa: PLC0415

        period = self._period()
        days = _ZERO
        if lead_time is not None:
            if not isinstance(lead_time, LeadTime):
                raise InvalidTypeError(
                    field="lead_time", value=lead_time, expected="a LeadTime"
                )
            days += lead_time.mean_days
        if review_period is not None:
            try:
                review = as_duration(review_period).magnitude
            except XborderError as error:
                raise error.in_field("review_period") from None
            require(
                review >= 0,
                field="review_period",
                value=str(review_period),
                expected="a duration >= 0",
            )
            days += review
        with localcontext(WORKING):
            span = days / period.magnitude
        sd = self._spread(span) if span else self._sigma_or_fail()
        points = [max(point, _ZERO) for point in self.points]
        if len(set(points)) == 1:
            return Demand(mean=points[0], sd=sd, period=period)
        with localcontext(WORKING):
            mean = report(sum(points, _ZERO) / len(points))
            multipliers = tuple(
                report(point / mean) if mean else _ZERO for point in points
            )
        return Demand(
            mean=mean,
            sd=sd,
            period=period,
            seasonality=multipliers,
            season_start=self.history.period_start(self.history.periods),
        )

    def _spread(self, span: Decimal) -> Decimal:
        require(
            span <= MAX_HORIZON,
            field="lead_time",
            value=f"{span} periods",
            expected=f"at most {MAX_HORIZON} periods",
        )
        total = self.error_sd(span)
        with localcontext(WORKING):
            return root(total * total / span)

    def _period(self) -> Quantity:
        period = self.history.period
        if period is None:
            raise InvalidInputError(
                "inventory needs to know how long a period is",
                field="history.period",
                value=None,
                expected="the period's length, such as '1 week'",
            )
        return period

    def season_demand(
        self, *, first: int = 1, periods: int | None = None
    ) -> NormalDemand:
        r"""Total demand over some of the forecast periods, for the newsvendor.

        A peak season bought in one order (a Q4 container) is a newsvendor
        problem: the mean is the sum of the forecasts over the season, the
        standard deviation the forecast error's over those periods
        (:meth:`error_sd`). Feed it to :func:`~xborder.inventory.newsvendor`.

        Args:
            first: The first period ahead of the season (1 is the next one).
            periods: How many periods it lasts (to the horizon's end if
                ``None``).

        Examples:
            >>> from xborder.forecast import SimpleExponentialSmoothing
            >>> ses = SimpleExponentialSmoothing(alpha="0.5", initial_level=10)
            >>> season = ses.forecast([12, 8, 11], horizon=4).season_demand(first=3)
            >>> season.mean, season.sd
            (Decimal('20.5'), Decimal('5.16599457994'))
        """
        from xborder.inventory import NormalDemand  # noqa: PLC0415 - on use

        start = _first(first)
        require(
            start <= self.horizon,
            field="first",
            value=first,
            expected=f"a period within the horizon (1 to {self.horizon})",
        )
        span = self.horizon - start + 1 if periods is None else _whole(periods)
        require(
            start - 1 + span <= self.horizon,
            field="periods",
            value=periods,
            expected=f"at most {self.horizon - start + 1} periods (the horizon)",
        )
        block = self.points[start - 1 : start - 1 + span]
        with localcontext(WORKING):
            mean = report(sum((max(point, _ZERO) for point in block), _ZERO))
        return NormalDemand(mean=mean, sd=self.error_sd(span, first=start))


def _block_variance(weights: tuple[Decimal, ...], first: int, last: int) -> Decimal:
    """Sum of each shock's squared weight in periods ``first..last`` (sigma = 1)."""
    if last < first:
        return _ZERO
    prefix = [_ONE]  # prefix[k] = c_0 + ... + c_k
    for weight in weights[: last - 1]:
        prefix.append(prefix[-1] + weight)
    total = _ZERO
    for j in range(1, last + 1):
        high = prefix[last - j]
        below = max(first, j) - j - 1
        coefficient = high - prefix[below] if below >= 0 else high
        total += coefficient * coefficient
    return total


def _positive_periods(value: object, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    require(
        0 < number <= MAX_HORIZON,
        field=field,
        value=value,
        expected=f"a number of periods above 0, at most {MAX_HORIZON}",
    )
    return number


def _first(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field="first", value=value, expected="an int >= 1")
    require(
        1 <= value <= MAX_HORIZON,
        field="first",
        value=value,
        expected=f"a period ahead from 1 to {MAX_HORIZON}",
    )
    return value


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field="periods", value=value, expected="an int >= 1")
    require(
        1 <= value <= MAX_HORIZON,
        field="periods",
        value=value,
        expected=f"a number of periods from 1 to {MAX_HORIZON}",
    )
    return value


def build_forecast(
    *,
    method: Method,
    history: SalesHistory,
    series: tuple[Decimal, ...],
    fitted: tuple[Decimal | None, ...],
    points: tuple[Decimal, ...],
) -> Forecast:
    """A :class:`Forecast` from a run, without checking again what the run checked.

    The method, history and series were checked on the way in, and every
    fitted value and point is rounded to 12 digits (so none has a digit
    below 1E-100); a trend carried far enough can still leave xborder's
    range, which is refused here.
    """
    for name, values in (("fitted", fitted), ("points", points)):
        numbers = [value for value in values if value is not None]
        if numbers and max(map(abs, numbers)) >= LARGEST:
            raise InvalidInputError(
                "the forecast leaves the range of numbers xborder accepts",
                field=name,
                value=max(map(abs, numbers)),
                expected="forecasts smaller than 1E+36 in size",
            )
    forecast = _new(Forecast)
    for setter, value in zip(
        _SETTERS, (method, history, series, fitted, points), strict=True
    ):
        setter(forecast, value)
    return forecast


_new = object.__new__
_SETTERS = tuple(
    Forecast.__dict__[field.name].__set__ for field in attrs.fields(Forecast)
)
