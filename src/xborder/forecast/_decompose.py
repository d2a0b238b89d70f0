"""Classical decomposition: seasonal indices by ratio to a centred moving average."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._validate import count, items_of, named_errors, require, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.forecast._history import demand_values
from xborder.forecast._numeric import WORKING, report
from xborder.forecast._options import Seasonality

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from xborder._validate import DecimalInput

__all__ = [
    "MAX_SEASON",
    "SeasonalIndices",
    "classical_indices",
    "scale_season",
    "season_length_arg",
    "seasonal_indices",
    "seasonality_arg",
]

MAX_SEASON = 1000
"""The longest season accepted, in periods (daily data over a year is 365)."""

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HALF = Decimal("0.5")


def season_length_arg(value: object, field: str = "season_length") -> int:
    """A season length: an int from 2 to :data:`MAX_SEASON`, naming ``field``."""
    try:
        number = count(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field(field) from None
    require(
        2 <= number <= MAX_SEASON,  # noqa: PLR2004 - a season has two periods at least
        field=field,
        value=value,
        expected=f"periods per season, from 2 to {MAX_SEASON} (52 for weeks in a year)",
    )
    return number


def seasonality_arg(value: object, field: str = "seasonality") -> Seasonality:
    """A :class:`Seasonality`, or its value as text, naming ``field``."""
    if isinstance(value, Seasonality):
        return value
    expected = f"one of {[item.value for item in Seasonality]}"
    if not isinstance(value, str):
        raise InvalidTypeError(field=field, value=value, expected=expected)
    try:
        return Seasonality(value)
    except ValueError:
        raise InvalidInputError(field=field, value=value, expected=expected) from None


def scale_season(value: object) -> int:
    """MASE's season: 1 (naive) or a season length, naming ``season_length``."""
    if type(value) is int and value == 1:
        return 1
    return season_length_arg(value)


def _season_length(value: int) -> int:
    return season_length_arg(value, field=None)  # type: ignore[arg-type]


def _seasonality(value: Seasonality | str) -> Seasonality:
    return seasonality_arg(value, field=None)  # type: ignore[arg-type]


def _indices(values: Iterable[DecimalInput]) -> tuple[Decimal, ...]:
    return tuple(
        to_decimal(value, field=f"[{index}]")
        for index, value in enumerate(items_of(values, field=None))
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SeasonalIndices:
    r"""Seasonal indices of a history, one per position in the season.

    Classical decomposition (Hyndman & Athanasopoulos, *fpp3* §3.4; R's
    ``decompose()``): the trend-cycle $T_t$ is a centred moving average over
    one season (a $2\times m$ average when $m$ is even); each period's
    ratio $y_t/T_t$ (multiplicative) or difference $y_t - T_t$ (additive)
    is averaged by position in the season, and the averages are normalised
    to average 1 (or to sum to 0). Position 0 is the first period of the
    history.

    Attributes:
        season_length: Periods per season, $m$.
        seasonality: Whether the indices multiply or add.
        indices: One index per position, to 12 significant digits.

    Built by hand, there must be exactly ``season_length`` indices, and
    multiplicative ones must be >= 0.

    Examples:
        >>> SeasonalIndices(season_length=2, seasonality="multiplicative",
        ...                 indices=["1.2", "0.8"]).index(3)
        Decimal('0.8')
    """

    season_length: int = attrs.field(converter=_season_length)
    seasonality: Seasonality = attrs.field(converter=_seasonality)
    indices: tuple[Decimal, ...] = attrs.field(converter=_indices)

    def __attrs_post_init__(self) -> None:
        require(
            len(self.indices) == self.season_length,
            field="indices",
            value=self.indices,
            expected=f"{self.season_length} indices, one per position",
        )
        if self.seasonality is Seasonality.MULTIPLICATIVE:
            for position, index in enumerate(self.indices):
                require(
                    index >= 0,
                    field=f"indices[{position}]",
                    value=index,
                    expected="a multiplicative index >= 0",
                )

    def index(self, period: int) -> Decimal:
        """The index of the history's period ``period`` (0 is the first period).

        Args:
            period: A period number, counted from the first period of the
                history (>= 0; it may run past the history's end).
        """
        number = count(period)
        require(number >= 0, field="period", value=period, expected="an int >= 0")
        return self.indices[number % self.season_length]


def seasonal_indices(
    values: Iterable[DecimalInput],
    *,
    season_length: int,
    seasonality: Seasonality | str = Seasonality.MULTIPLICATIVE,
) -> SeasonalIndices:
    r"""Seasonal indices by classical decomposition (ratio to centred moving average).

    $$T_t = \frac{1}{m}\Big(\tfrac12 y_{t-m/2} + \sum_{j=-m/2+1}^{m/2-1} y_{t+j}
    + \tfrac12 y_{t+m/2}\Big)\ (m\text{ even}),\qquad
    \bar s_i = \operatorname{mean}_{t \equiv i}\frac{y_t}{T_t},\qquad
    s_i = \frac{\bar s_i}{\frac1m\sum_j \bar s_j}$$

    Sources: Makridakis, Wheelwright & Hyndman (1998), *Forecasting: Methods
    and Applications*, §4/2 (ratio-to-moving-averages); Hyndman &
    Athanasopoulos, *fpp3* §3.4; R's ``decompose()``, which this matches.

    Args:
        values: At least two full seasons of demand (>= 0), oldest first;
            a :class:`~xborder.forecast.SalesHistory` is read as its units.
        season_length: Periods per season $m$ (4 for quarters, 52 for weeks).
        seasonality: ``"multiplicative"`` (ratios, the default) or
            ``"additive"`` (differences).

    Raises:
        InvalidInputError: Fewer than two seasons of values, or (for ratios)
            a position whose moving averages are all 0.

    Examples:
        >>> sales = [30, 19, 25, 28, 32, 23, 28, 35, 37, 25, 31, 29]
        >>> seasonal_indices(sales, season_length=4).indices
        (Decimal('1.16532200338'), Decimal('0.798913170143'),
        Decimal('0.946809077352'), Decimal('1.08895574912'))
    """
    m = season_length_arg(season_length)
    kind = seasonality_arg(seasonality)
    series = demand_values(values, "values")
    with localcontext(WORKING):
        return SeasonalIndices(
            season_length=m,
            seasonality=kind,
            indices=classical_indices(series, m, kind),
        )


def classical_indices(
    values: Sequence[Decimal],
    m: int,
    seasonality: Seasonality,
    skip: frozenset[int] = frozenset(),
) -> tuple[Decimal, ...]:
    """The indices of ``values`` (in the working context), 12 digits each.

    Periods in ``skip`` take part in the moving averages but give no ratio.
    """
    n = len(values)
    require(
        n >= 2 * m,
        field="values",
        value=f"{n} periods",
        expected=f"at least two full seasons ({2 * m} periods)",
    )
    ratios: list[list[Decimal]] = [[] for _ in range(m)]
    half = m // 2
    even = m % 2 == 0
    width = Decimal(m)
    # A running sum over the full window; the two ends weigh half when m is even.
    window = sum(values[: 2 * half + 1], _ZERO)
    for t in range(half, n - half):
        if t > half:
            window += values[t + half] - values[t - half - 1]
        total = (
            window - _HALF * (values[t - half] + values[t + half]) if even else window
        )
        trend = total / width
        if t in skip:
            continue
        if seasonality is Seasonality.MULTIPLICATIVE:
            if trend:
                ratios[t % m].append(values[t] / trend)
        else:
            ratios[t % m].append(values[t] - trend)
    figure = []
    for position, found in enumerate(ratios):
        if not found:
            raise InvalidInputError(
                "every moving average around this position of the season is 0",
                field="values",
                value=f"season position {position}",
                expected="some demand around each position of the season",
            )
        figure.append(sum(found, _ZERO) / len(found))
    mean = sum(figure, _ZERO) / width
    if seasonality is Seasonality.MULTIPLICATIVE:
        if not mean:
            return tuple(_ONE for _ in figure)
        return tuple(report(value / mean) for value in figure)
    return tuple(report(value - mean) for value in figure)
