"""Demand in stockout periods: estimated, not read as zero (censored demand)."""

from __future__ import annotations

import itertools
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._validate import count, named_errors, non_negative, require, tuple_of
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.forecast._decompose import classical_indices, season_length_arg
from xborder.forecast._history import SalesHistory, as_history
from xborder.forecast._numeric import WORKING, report
from xborder.forecast._options import Seasonality

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["CensoredDemand", "CensoredPeriod", "censored_demand", "estimated_units"]

_ZERO = Decimal(0)


def _position(value: int) -> int:
    number = count(value)
    require(number >= 0, field=None, value=value, expected="a period number >= 0")
    return number


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CensoredPeriod:
    """One stockout period: what it sold, and the demand estimated for it.

    Attributes:
        index: The period's position in the history (0 is the oldest).
        recorded: The units it sold (a lower bound on its demand).
        estimate: The demand interpolated from the periods in stock.
        demand: The demand used: the larger of the two.

    Built by hand, ``demand`` must be the larger of ``recorded`` and
    ``estimate``.

    Examples:
        >>> CensoredPeriod(index=2, recorded=3, estimate="13.5", demand="13.5").demand
        Decimal('13.5')
    """

    index: int = attrs.field(converter=_position)
    recorded: Decimal = attrs.field(converter=non_negative)
    estimate: Decimal = attrs.field(converter=non_negative)
    demand: Decimal = attrs.field(converter=non_negative)

    def __attrs_post_init__(self) -> None:
        require(
            self.demand == max(self.recorded, self.estimate),
            field="demand",
            value=self.demand,
            expected="the larger of recorded and estimate",
        )


def _periods(values: Iterable[CensoredPeriod]) -> tuple[CensoredPeriod, ...]:
    return tuple_of(values, CensoredPeriod)


def _history(value: SalesHistory) -> SalesHistory:
    if not isinstance(value, SalesHistory):
        raise InvalidTypeError(field=None, value=value, expected="a SalesHistory")
    return value


def _optional_season(value: int | None) -> int | None:
    return None if value is None else season_length_arg(value, field=None)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CensoredDemand:
    """A history with each stockout period's demand estimated.

    Attributes:
        history: The history as recorded.
        periods: Each stockout period with its estimate.
        season_length: The season the estimates followed (``None``: none).

    Built by hand, ``periods`` must name the history's stockout periods, in
    order, with what they recorded.

    Examples:
        >>> history = SalesHistory(units=[12, 15, 3, 14],
        ...                        stockouts=[False, False, True, False])
        >>> CensoredDemand(history=history, periods=[
        ...     CensoredPeriod(index=2, recorded=3, estimate="14.5", demand="14.5")
        ... ]).units
        (Decimal('12'), Decimal('15'), Decimal('14.5'), Decimal('14'))
    """

    history: SalesHistory = attrs.field(converter=_history)
    periods: tuple[CensoredPeriod, ...] = attrs.field(converter=_periods)
    season_length: int | None = attrs.field(default=None, converter=_optional_season)

    def __attrs_post_init__(self) -> None:
        indices = tuple(period.index for period in self.periods)
        require(
            indices == self.history.stockout_periods,
            field="periods",
            value=indices,
            expected=f"the stockout periods {self.history.stockout_periods}",
        )
        for number, period in enumerate(self.periods):
            require(
                period.recorded == self.history.units[period.index],
                field=f"periods[{number}].recorded",
                value=period.recorded,
                expected=f"the units recorded ({self.history.units[period.index]})",
            )

    @property
    def units(self) -> tuple[Decimal, ...]:
        """The history's units with each stockout period's demand in place."""
        units = list(self.history.units)
        for period in self.periods:
            units[period.index] = period.demand
        return tuple(units)


def censored_demand(
    history: SalesHistory, *, season_length: int | None = None
) -> CensoredDemand:
    r"""Estimate the demand of the periods marked as stockouts.

    A period that ran out of stock sold less than it would have: its sales
    are a *censored* observation of demand, a lower bound (Nahmias 1994,
    "Demand estimation in lost sales inventory systems", *Naval Research
    Logistics* 41). Taking them as demand teaches a forecast that demand
    falls whenever stock does. Each stockout period's demand is estimated
    from the periods in stock around it, as R forecast's ``na.interp()``
    fills missing values (Hyndman & Athanasopoulos, *fpp2* §12.9):

    * without a season, by linear interpolation between the nearest periods
      in stock before and after it (the nearest one alone at either end);
    * with a season of $m$ periods, on the seasonally adjusted series: the
      in-stock periods are divided by classical multiplicative seasonal
      indices (:func:`seasonal_indices`, computed once the stockout periods
      are filled by linear interpolation; ``na.interp()`` uses an STL
      decomposition here), interpolated, and multiplied back.

    The demand used is the larger of the estimate and the recorded sales.

    Args:
        history: The sales, with ``stockouts`` marked.
        season_length: Periods per season, to follow the season (needs two
            seasons of history); ``None`` to interpolate straight.

    Raises:
        InvalidInputError: Every period is marked as a stockout.

    Examples:
        >>> history = SalesHistory(units=[12, 15, 3, 14, 0, 2, 16],
        ...     stockouts=[False, False, True, False, True, True, False])
        >>> estimated = censored_demand(history)
        >>> [(p.index, p.recorded, p.demand) for p in estimated.periods]
        [(2, Decimal('3'), Decimal('14.5')),
         (4, Decimal('0'), Decimal('14.6666666667')),
         (5, Decimal('2'), Decimal('15.3333333333'))]
    """
    checked = as_history(history)
    season = None if season_length is None else season_length_arg(season_length)
    with localcontext(WORKING):
        estimates = estimated_units(checked, season)
    periods = tuple(
        CensoredPeriod(
            index=index,
            recorded=checked.units[index],
            estimate=estimates[index],
            demand=max(checked.units[index], estimates[index]),
        )
        for index in checked.stockout_periods
    )
    return CensoredDemand(history=checked, periods=periods, season_length=season)


def estimated_units(history: SalesHistory, season: int | None) -> tuple[Decimal, ...]:
    """Each period's units, a stockout period's replaced by its estimate alone.

    Runs in the working context; periods in stock keep their units.
    """
    units = history.units
    flags = history.stockouts
    if not any(flags):
        return units
    known = [index for index, out in enumerate(flags) if not out]
    if not known:
        raise InvalidInputError(
            "with every period out of stock there is nothing to estimate from",
            field="stockouts",
            value="every period",
            expected="at least one period in stock",
        )
    filled = _interpolate(units, known)
    if season is None:
        return filled
    stockouts = frozenset(index for index, out in enumerate(flags) if out)
    try:
        indices = classical_indices(
            filled, season, Seasonality.MULTIPLICATIVE, stockouts
        )
    except XborderError:  # a position seen only out of stock: no season to follow
        return filled
    adjusted = list(units)
    anchors = []
    for index in known:
        factor = indices[index % season]
        if factor:
            adjusted[index] = units[index] / factor
            anchors.append(index)
    if not anchors:
        return filled
    smooth = _interpolate(adjusted, anchors)
    return tuple(
        report(smooth[index] * indices[index % season]) if flags[index] else value
        for index, value in enumerate(units)
    )


def _interpolate(
    values: Sequence[Decimal], known: Sequence[int]
) -> tuple[Decimal, ...]:
    """``values`` with every position not in ``known`` interpolated linearly."""
    result = list(values)
    first, last = known[0], known[-1]
    for index in range(first):
        result[index] = values[first]
    for index in range(last + 1, len(values)):
        result[index] = values[last]
    for left, right in itertools.pairwise(known):
        gap = right - left
        if gap > 1:
            step = (values[right] - values[left]) / gap
            for offset in range(1, gap):
                result[left + offset] = report(values[left] + step * offset)
    return tuple(result)
