"""How far forecasts fell from what happened: MAE, RMSE, MAPE, WAPE, MASE..."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    count,
    items_of,
    named_errors,
    non_negative,
    require,
    to_decimal,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.forecast._decompose import scale_season
from xborder.forecast._history import demand_values
from xborder.forecast._numeric import WORKING, report, root
from xborder.forecast._options import ErrorSign

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from xborder._validate import DecimalInput

__all__ = ["Accuracy", "accuracy", "error_sign", "measure", "naive_scale"]

_ZERO = Decimal(0)


def error_sign(value: object, field: str | None = "sign") -> ErrorSign:
    """An :class:`ErrorSign`, or its value as text, naming ``field``."""
    if isinstance(value, ErrorSign):
        return value
    expected = f"one of {[item.value for item in ErrorSign]}"
    if not isinstance(value, str):
        raise InvalidTypeError(field=field, value=value, expected=expected)
    try:
        return ErrorSign(value)
    except ValueError:
        raise InvalidInputError(field=field, value=value, expected=expected) from None


def _sign(value: ErrorSign | str) -> ErrorSign:
    return error_sign(value, None)


def _periods(value: int) -> int:
    number = count(value)
    require(number >= 1, field=None, value=value, expected="an int >= 1")
    return number


def _optional_non_negative(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else non_negative(value)


def _optional_number(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else to_decimal(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Accuracy:
    r"""Accuracy measures of forecasts against what happened.

    With errors $e_t$ (``actual - forecast`` unless ``sign`` says otherwise)
    over $n$ periods with actuals $y_t$ (Hyndman & Koehler 2006, "Another
    look at measures of forecast accuracy", *International Journal of
    Forecasting* 22; *fpp3* §5.8):

    | measure | formula |
    | --- | --- |
    | bias (mean error) | $\frac1n\sum e_t$ |
    | MAE = MAD | $\frac1n\sum \lvert e_t\rvert$ |
    | RMSE | $\sqrt{\frac1n\sum e_t^2}$ |
    | MAPE | $\frac1n\sum \lvert e_t/y_t\rvert$, a fraction |
    | WAPE | $\sum\lvert e_t\rvert / \sum\lvert y_t\rvert$ |
    | tracking signal | $\sum e_t / \text{MAD}$ |
    | MASE | $\text{MAE}\,/\,\frac{1}{T-m}\sum_{t=m+1}^{T}\lvert y_t - y_{t-m}\rvert$ |

    MASE's scale is the in-sample error of the naive ($m = 1$) or seasonal
    naive forecast on the training data. A tracking signal beyond ±4 to ±6
    says the forecast is biased (Silver, Pyke & Thomas §4.9). A measure
    whose denominator is 0 is undefined: ``None`` (MAPE with a zero actual,
    WAPE without demand, the tracking signal with MAD = 0, MASE without
    training data or with a training series that never changed). Each is
    rounded to 12 significant digits.

    Attributes:
        periods: $n$, the number of errors.
        sign: Which way round the errors are taken.
        mean_error: The bias.
        mae: Mean absolute error (MAD).
        mse: Mean squared error.
        rmse: Root mean squared error (the square root of ``mse``).
        mape: Mean absolute percentage error, as a fraction.
        wape: Weighted absolute percentage error, as a fraction.
        tracking_signal: Cumulative error over MAD.
        mase: Mean absolute scaled error (``None`` without training data,
            or if the training data never changed).

    Examples:
        >>> result = accuracy([10, 12, 8], [11, 11, 11])
        >>> result.mae, result.mean_error, result.rmse
        (Decimal('1.66666666667'), Decimal('-1'), Decimal('1.91485421551'))
        >>> result.wape, result.tracking_signal
        (Decimal('0.166666666667'), Decimal('-1.8'))
    """

    periods: int = attrs.field(converter=_periods)
    sign: ErrorSign = attrs.field(converter=_sign)
    mean_error: Decimal = attrs.field(converter=to_decimal)
    mae: Decimal = attrs.field(converter=non_negative)
    mse: Decimal = attrs.field(converter=non_negative)
    rmse: Decimal = attrs.field(converter=non_negative)
    mape: Decimal | None = attrs.field(converter=_optional_non_negative)
    wape: Decimal | None = attrs.field(converter=_optional_non_negative)
    tracking_signal: Decimal | None = attrs.field(converter=_optional_number)
    mase: Decimal | None = attrs.field(converter=_optional_non_negative)

    @property
    def mad(self) -> Decimal:
        """The mean absolute deviation: the MAE under its inventory name."""
        return self.mae

    @property
    def bias(self) -> Decimal:
        """The mean error."""
        return self.mean_error

    def __attrs_post_init__(self) -> None:
        require(
            self.rmse == root(self.mse),
            field="rmse",
            value=self.rmse,
            expected=f"the square root of mse ({root(self.mse)})",
        )


def accuracy(
    actual: Iterable[DecimalInput],
    forecast: Iterable[DecimalInput],
    *,
    training: Iterable[DecimalInput] | None = None,
    season_length: int = 1,
    sign: ErrorSign | str = ErrorSign.ACTUAL_MINUS_FORECAST,
) -> Accuracy:
    """Accuracy of ``forecast`` against ``actual``, period by period.

    Args:
        actual: What happened (units >= 0).
        forecast: What was forecast for the same periods (any sign).
        training: The history the forecasts were made from, for MASE's scale.
        season_length: 1 to scale MASE by the naive forecast's in-sample
            error, $m$ to scale it by the seasonal naive's (R's ``accuracy()``
            uses $m$ for seasonal series).
        sign: :class:`ErrorSign`.

    Raises:
        InvalidInputError: The two sequences differ in length or are empty.

    Examples:
        >>> result = accuracy([52, 50, 55], [51, 51, 51],
        ...                   training=[40, 44, 43, 47, 49, 51])
        >>> result.mae, result.mase
        (Decimal('2'), Decimal('0.769230769231'))
    """
    observed = demand_values(actual, "actual")
    predicted = _numbers(forecast, "forecast")
    require(
        len(observed) == len(predicted) and len(observed) > 0,
        field="forecast",
        value=f"{len(predicted)} values",
        expected=f"one forecast per actual ({len(observed)}), at least one",
    )
    seasonal = scale_season(season_length)
    scale = None
    if training is not None:
        past = demand_values(training, "training")
        require(
            len(past) > seasonal,
            field="training",
            value=f"{len(past)} periods",
            expected=f"more than {seasonal} periods for the naive scale",
        )
        with localcontext(WORKING):
            scale = naive_scale(past, seasonal)
    checked = error_sign(sign)
    with localcontext(WORKING):
        pairs = list(zip(observed, predicted, strict=True))
        return measure(pairs, scale, checked)


def _numbers(values: object, field: str) -> tuple[Decimal, ...]:
    items: tuple[object, ...] = items_of(values, field=field)  # type: ignore[arg-type]
    return tuple(
        to_decimal(value, field=f"{field}[{index}]")
        for index, value in enumerate(items)
    )


def naive_scale(values: Sequence[Decimal], m: int) -> Decimal:
    """Mean absolute change over ``m`` periods (in the working context)."""
    total = sum((abs(values[t] - values[t - m]) for t in range(m, len(values))), _ZERO)
    return total / (len(values) - m)


def measure(
    pairs: Sequence[tuple[Decimal, Decimal]], scale: Decimal | None, sign: ErrorSign
) -> Accuracy:
    """Accuracy of (actual, forecast) pairs (in the working context)."""
    n = len(pairs)
    total = absolute = squares = relative = level = _ZERO
    undefined_mape = False
    for actual, predicted in pairs:
        error = actual - predicted
        total += error
        size = abs(error)
        absolute += size
        squares += error * error
        level += abs(actual)
        if actual:
            relative += size / abs(actual)
        else:
            undefined_mape = True
    if sign is ErrorSign.FORECAST_MINUS_ACTUAL:
        total = -total
    mae = absolute / n
    return Accuracy(
        periods=n,
        sign=sign,
        mean_error=report(total / n),
        mae=report(mae),
        mse=report(squares / n),
        rmse=root(report(squares / n)),
        mape=None if undefined_mape else report(relative / n),
        wape=report(absolute / level) if level else None,
        tracking_signal=report(total / mae) if mae else None,
        mase=report(mae / scale) if scale else None,
    )
