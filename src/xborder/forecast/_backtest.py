"""Choosing a method per SKU: rolling-origin backtests and demand patterns."""

from __future__ import annotations

import enum
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    count,
    flag,
    items_of,
    named_errors,
    non_negative,
    optional_text,
    require,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.forecast._accuracy import Accuracy, measure, naive_scale
from xborder.forecast._decompose import scale_season, season_length_arg
from xborder.forecast._history import SalesHistory, as_history
from xborder.forecast._methods import (
    MAX_HORIZON,
    MAX_OPTIMISED_SEASON,
    METHODS,
    Croston,
    HoltWinters,
    Method,
    Naive,
    SimpleExponentialSmoothing,
    horizon_arg,
)
from xborder.forecast._numeric import WORKING, report
from xborder.forecast._options import (
    CrostonVariant,
    DemandPattern,
    ErrorSign,
    Initialisation,
)
from xborder.forecast._run import demand_series

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder._validate import DecimalInput

__all__ = [
    "Backtest",
    "DemandClass",
    "MethodScore",
    "Metric",
    "backtest",
    "classify_demand",
    "suggest_method",
]

_ZERO = Decimal(0)
ADI_CUT = Decimal("1.32")
"""Average inter-demand interval above which demand is intermittent."""
CV2_CUT = Decimal("0.49")
"""Squared coefficient of variation of sizes above which demand is erratic."""


class Metric(enum.StrEnum):
    """The accuracy measure a backtest ranks methods by (lower is better)."""

    MAE = "mae"
    RMSE = "rmse"
    MASE = "mase"
    WAPE = "wape"
    BIAS = "bias"
    """The size of the mean error, ``|bias|``."""


def _metric(value: Metric | str) -> Metric:
    if isinstance(value, Metric):
        return value
    expected = f"one of {[item.value for item in Metric]}"
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected=expected)
    try:
        return Metric(value)
    except ValueError:
        raise InvalidInputError(field=None, value=value, expected=expected) from None


def _method(value: Method) -> Method:
    if not isinstance(value, METHODS):
        raise InvalidTypeError(field=None, value=value, expected="a forecasting method")
    return value


def _optional_accuracy(value: Accuracy | None) -> Accuracy | None:
    if value is not None and not isinstance(value, Accuracy):
        raise InvalidTypeError(field=None, value=value, expected="Accuracy or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class MethodScore:
    """How one method did in a backtest.

    Attributes:
        method: The method, as it was given to the backtest.
        accuracy: Its accuracy over every origin and step ahead (``None`` if
            it could not forecast).
        problem: Why it could not (``None`` if it could).

    Built by hand, exactly one of ``accuracy`` and ``problem`` is given.

    Examples:
        >>> from xborder.forecast import Naive
        >>> MethodScore(method=Naive(), problem="too short").accuracy is None
        True
    """

    method: Method = attrs.field(converter=_method)
    accuracy: Accuracy | None = attrs.field(default=None, converter=_optional_accuracy)
    problem: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        require(
            (self.accuracy is None) != (self.problem is None),
            field="problem",
            value=self.problem,
            expected="a problem exactly when there is no accuracy",
        )

    def score(self, metric: Metric | str) -> Decimal | None:
        """The value of ``metric`` (``None`` if the method failed or it is undefined).

        Examples:
            >>> from xborder.forecast import Naive, accuracy
            >>> MethodScore(method=Naive(), accuracy=accuracy([3], [2])).score("mae")
            Decimal('1')
        """
        checked = _metric(metric)
        if self.accuracy is None:
            return None
        if checked is Metric.BIAS:
            return abs(self.accuracy.mean_error)
        value: Decimal | None = getattr(self.accuracy, checked.value)
        return value


def _scores(values: Iterable[MethodScore]) -> tuple[MethodScore, ...]:
    scores = tuple_of(values, MethodScore)
    require(len(scores) >= 1, field=None, value=values, expected="at least one score")
    return scores


def _whole(value: int) -> int:
    number = count(value)
    require(number >= 1, field=None, value=value, expected="an int >= 1")
    return number


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Backtest:
    """A rolling-origin backtest of several methods on one history.

    Attributes:
        horizon: Periods forecast from each origin.
        origins: How many origins (the last ones of the history).
        refit: Whether parameters were fitted again at each origin.
        metric: What the methods are ranked by.
        scores: One score per method, in the order given.

    Examples:
        >>> from xborder.forecast import MovingAverage, Naive
        >>> result = backtest([12, 15, 9, 14, 11, 13, 12, 10],
        ...                   [Naive(), MovingAverage(window=2)], origins=4)
        >>> [score.score("mae") for score in result.scores]
        [Decimal('2'), Decimal('0.875')]
        >>> result.best.method
        MovingAverage(window=2)
    """

    horizon: int = attrs.field(converter=_whole)
    origins: int = attrs.field(converter=_whole)
    refit: bool = attrs.field(converter=flag)
    metric: Metric = attrs.field(converter=_metric)
    scores: tuple[MethodScore, ...] = attrs.field(converter=_scores)

    @property
    def best(self) -> MethodScore | None:
        """The method with the lowest metric (the first of equals; ``None`` if none)."""
        ranked = [
            (value, index)
            for index, score in enumerate(self.scores)
            if (value := score.score(self.metric)) is not None
        ]
        return self.scores[min(ranked)[1]] if ranked else None


def backtest(
    history: SalesHistory | Iterable[DecimalInput],
    methods: Iterable[Method],
    *,
    horizon: int = 1,
    origins: int = 8,
    refit: bool = True,
    metric: Metric | str = Metric.MAE,
    season_length: int = 1,
) -> Backtest:
    r"""Score methods by forecasting the history's last periods from earlier ones.

    Time-series cross-validation (Tashman 2000, "Out-of-sample tests of
    forecasting accuracy", *International Journal of Forecasting* 16;
    *fpp3* §5.10): for each of the last ``origins`` origins $T$, the method
    is run on the periods before $T$ and its forecasts for $T+1 \dots T+H$
    are compared with what happened. The errors of every origin and step
    are pooled into one :class:`Accuracy` per method; MASE is scaled by the
    whole history's naive (or seasonal naive) in-sample error. Stockout
    periods are compared with their estimated demand.

    Args:
        history: The sales history.
        methods: The candidates (each as given: parameters left ``None``
            are fitted at each origin).
        horizon: Periods ahead forecast from each origin, $H$.
        origins: Number of origins; the last one leaves ``horizon`` periods.
        refit: ``False`` fits each method once, on the history before the
            first origin, and keeps its parameters and initial states after
            (faster; a little optimistic for the later origins, which it has
            not seen).
        metric: How methods are ranked: ``"mae"`` (the default), ``"rmse"``,
            ``"mase"``, ``"wape"`` or ``"bias"``.
        season_length: MASE's scale (1: naive; $m$: seasonal naive).

    Raises:
        InvalidInputError: The history is too short for the origins asked.
    """
    checked = as_history(history)
    candidates = tuple(
        _method(item) if isinstance(item, METHODS) else _bad_method(index, item)
        for index, item in enumerate(items_of(methods, field="methods"))
    )
    require(len(candidates) >= 1, field="methods", value=methods, expected="a method")
    steps = horizon_arg(horizon)
    count_origins = _origins(origins)
    again = flag(refit) if isinstance(refit, bool) else _bad_flag(refit)
    ranked = _metric_arg(metric)
    m = scale_season(season_length)
    n = checked.periods
    first = n - steps - count_origins + 1
    require(
        first >= 1,
        field="origins",
        value=origins,
        expected=(
            f"at most {n - steps} origins: {n} periods leave one to fit before "
            f"the first origin and {steps} after the last"
        ),
    )
    with localcontext(WORKING):
        series = demand_series(checked, None)
        scale = naive_scale(series, m) if n > m else None
    scores = tuple(
        _score(
            method,
            checked,
            series=series,
            first=first,
            origins=count_origins,
            steps=steps,
            refit=again,
            scale=scale,
        )
        for method in candidates
    )
    return Backtest(
        horizon=steps, origins=count_origins, refit=again, metric=ranked, scores=scores
    )


def _bad_method(index: int, value: object) -> Method:
    raise InvalidTypeError(
        field=f"methods[{index}]", value=value, expected="a forecasting method"
    )


def _bad_flag(value: object) -> bool:
    raise InvalidTypeError(field="refit", value=value, expected="True or False")


def _metric_arg(value: object) -> Metric:
    try:
        return _metric(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field("metric") from None


def _origins(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field="origins", value=value, expected="an int >= 1")
    require(
        1 <= value <= MAX_HORIZON,
        field="origins",
        value=value,
        expected=f"an int from 1 to {MAX_HORIZON}",
    )
    return value


def _prefix(history: SalesHistory, length: int) -> SalesHistory:
    return attrs.evolve(
        history,
        units=history.units[:length],
        stockouts=history.stockouts[:length],
    )


def _score(
    method: Method,
    history: SalesHistory,
    *,
    series: tuple[Decimal, ...],
    first: int,
    origins: int,
    steps: int,
    refit: bool,
    scale: Decimal | None,
) -> MethodScore:
    pairs: list[tuple[Decimal, Decimal]] = []
    current = method
    try:
        for origin in range(first, first + origins):
            forecast = current.forecast(_prefix(history, origin), horizon=steps)
            if not refit:
                current = forecast.method
            pairs.extend(
                zip(series[origin : origin + steps], forecast.points, strict=True)
            )
    except XborderError as error:
        return MethodScore(method=method, problem=str(error))
    with localcontext(WORKING):
        return MethodScore(
            method=method,
            accuracy=measure(pairs, scale, ErrorSign.ACTUAL_MINUS_FORECAST),
        )


# -- demand patterns ----------------------------------------------------------------


def _optional_non_negative(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else non_negative(value)


def _pattern(value: DemandPattern | str) -> DemandPattern:
    if isinstance(value, DemandPattern):
        return value
    expected = f"one of {[item.value for item in DemandPattern]}"
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected=expected)
    try:
        return DemandPattern(value)
    except ValueError:
        raise InvalidInputError(field=None, value=value, expected=expected) from None


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class DemandClass:
    r"""A history's demand pattern, by Syntetos, Boylan & Croston's scheme.

    $\text{ADI} = n / (\text{periods with demand})$ is the average interval
    between demands; $\text{CV}^2 = (s/\bar z)^2$ the squared coefficient of
    variation of the demand sizes (population standard deviation). The
    cut-offs 1.32 and 0.49 separate smooth, erratic, intermittent and lumpy
    demand (Syntetos, Boylan & Croston 2005, "On the categorization of
    demand patterns", *Journal of the Operational Research Society* 56):
    Croston-type methods (SBA) beat simple exponential smoothing beyond
    either cut-off.

    Attributes:
        adi: Average inter-demand interval (``None`` without demand).
        cv2: Squared coefficient of variation of sizes (``None`` without demand).
        pattern: :class:`DemandPattern`.

    Built by hand, the pattern must follow from ``adi`` and ``cv2``.

    Examples:
        >>> DemandClass(adi="2.5", cv2="0.2", pattern="intermittent").pattern
        <DemandPattern.INTERMITTENT: 'intermittent'>
    """

    adi: Decimal | None = attrs.field(converter=_optional_non_negative)
    cv2: Decimal | None = attrs.field(converter=_optional_non_negative)
    pattern: DemandPattern = attrs.field(converter=_pattern)

    def __attrs_post_init__(self) -> None:
        expected = _classify(self.adi, self.cv2)
        require(
            self.pattern is expected,
            field="pattern",
            value=self.pattern,
            expected=f"{expected.value!r} for this ADI and CV²",
        )


def _classify(adi: Decimal | None, cv2: Decimal | None) -> DemandPattern:
    if adi is None or cv2 is None:
        return DemandPattern.NONE
    if adi < ADI_CUT:
        return DemandPattern.SMOOTH if cv2 < CV2_CUT else DemandPattern.ERRATIC
    return DemandPattern.INTERMITTENT if cv2 < CV2_CUT else DemandPattern.LUMPY


def classify_demand(history: SalesHistory | Iterable[DecimalInput]) -> DemandClass:
    """Classify a history's demand: smooth, erratic, intermittent or lumpy.

    Stockout periods are read with their estimated demand.

    Examples:
        >>> classify_demand([0, 0, 3, 0, 0, 0, 2, 0, 5, 0]).pattern
        <DemandPattern.INTERMITTENT: 'intermittent'>
        >>> classify_demand([12, 15, 9, 14]).pattern
        <DemandPattern.SMOOTH: 'smooth'>
    """
    checked = as_history(history)
    with localcontext(WORKING):
        series = demand_series(checked, None)
        sizes = [value for value in series if value > 0]
        if not sizes:
            return DemandClass(adi=None, cv2=None, pattern=DemandPattern.NONE)
        adi = Decimal(len(series)) / len(sizes)
        mean = sum(sizes, _ZERO) / len(sizes)
        spread = sum(((size - mean) ** 2 for size in sizes), _ZERO) / len(sizes)
        cv2 = spread / (mean * mean)
        return DemandClass(
            adi=report(adi), cv2=report(cv2), pattern=_classify(adi, cv2)
        )


def suggest_method(
    history: SalesHistory | Iterable[DecimalInput], *, season_length: int | None = None
) -> Method:
    """A sensible default method for a history, from its demand pattern.

    Smooth and erratic demand: simple exponential smoothing, or additive
    Holt-Winters with a damped trend when ``season_length`` is given and the
    history holds two seasons (its initial states optimised, or heuristic
    for a season longer than :data:`MAX_OPTIMISED_SEASON`). Intermittent
    and lumpy demand: Croston with the Syntetos-Boylan correction
    (Syntetos, Boylan & Croston 2005). No demand at all: the naive forecast
    (0). Parameters are left to fit; for a choice measured on the history
    itself, :func:`backtest` candidates.

    Examples:
        >>> suggest_method([0, 0, 3, 0, 0, 0, 2, 0, 5, 0]).variant
        <CrostonVariant.SBA: 'sba'>
        >>> suggest_method([12, 15, 9, 14])
        SimpleExponentialSmoothing(alpha=None, initial_level=None, initialisation=...)
    """
    checked = as_history(history)
    season = None if season_length is None else season_length_arg(season_length)
    pattern = classify_demand(checked).pattern
    if pattern is DemandPattern.NONE:
        return Naive()
    if pattern in {DemandPattern.INTERMITTENT, DemandPattern.LUMPY}:
        return Croston(variant=CrostonVariant.SBA)
    if season is not None and checked.periods >= 2 * season:
        if season > MAX_OPTIMISED_SEASON:
            return HoltWinters(
                season_length=season,
                damped=True,
                initialisation=Initialisation.HEURISTIC,
            )
        return HoltWinters(season_length=season, damped=True)
    return SimpleExponentialSmoothing()
