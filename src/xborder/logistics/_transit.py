"""Transit time as a distribution, not one number (private; see xborder.logistics)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import DecimalInput, items_of, named_errors, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.logistics._common import fmt, key_text
from xborder.units import DAY, as_duration, quantity

if TYPE_CHECKING:
    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = ["TransitTime"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HALF = Decimal("0.5")
_TWO = Decimal(2)
_NINE_TENTHS = Decimal("0.9")


def _days(value: QuantityInput) -> Quantity:
    days = as_duration(value)
    if days.magnitude < 0:
        raise InvalidInputError(field=None, value=str(value), expected=">= 0 days")
    return days


def _percentiles(
    values: Mapping[str, QuantityInput]
    | Mapping[Decimal, QuantityInput]
    | Iterable[tuple[DecimalInput, QuantityInput]],
) -> tuple[tuple[Decimal, Quantity], ...]:
    items = (
        tuple(values.items())
        if isinstance(values, Mapping)
        else items_of(
            values,
            field=None,
            expected="a mapping of probability to duration, e.g. {'0.9': '12 days'}",
        )
    )
    pairs = []
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:  # noqa: PLR2004 - a pair
            raise InvalidTypeError(
                field=None, value=item, expected="(probability, duration)"
            )
        raw_p, raw_days = item
        key = f"[{key_text(raw_p)}]"
        probability = to_decimal(raw_p, field=key)
        if not 0 < probability < 1:
            raise InvalidInputError(
                field=key,
                value=raw_p,
                expected="a probability strictly between 0 and 1 (P90 is '0.9')",
            )
        try:
            pairs.append((probability, _days(raw_days)))
        except InvalidInputError as error:
            raise error.in_field(key) from None
    return tuple(sorted(pairs, key=lambda pair: pair[0]))


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class TransitTime:
    r"""Door-to-door transit time as a distribution: minimum, maximum and percentiles.

    Carriers and aggregators publish a range ("7–15 working days"), some a
    typical day, and a seller's own tracking history gives percentiles.
    xborder joins the known points (0, minimum), (p, day)..., (1, maximum)
    with straight lines on the cumulative distribution: between two points,
    transit is uniform. That is the least it can assume, and it prices
    lateness from the shape rather than from one number:

    $$P(T > d), \qquad E[(T - d)^+] = \int_d^\infty P(T > t)\,dt$$

    Args:
        minimum: Fastest delivery (``"7 days"``).
        maximum: Slowest delivery you plan for.
        percentiles: Known points between: probability → duration
            (``{"0.5": "9 days", "0.9": "13 days"}``).

    Raises:
        InvalidInputError: Durations are negative, out of order, or outside
            [minimum, maximum]; probabilities are not in (0, 1).

    Examples:
        >>> postal = TransitTime.from_days(minimum=10, typical=15, maximum=30, p90=22)
        >>> postal.p50, postal.p90
        (Decimal('15'), Decimal('22'))
        >>> late = postal.probability_later_than(20)  # P(T > 20 days)
        >>> late.quantize(Decimal("0.0001"))  # 0.4 × 2/7 + 0.1
        Decimal('0.2143')
        >>> postal.mean  # 0.5 × 12.5 + 0.4 × 18.5 + 0.1 × 26
        Decimal('16.25')
    """

    minimum: Quantity = attrs.field(converter=_days)
    maximum: Quantity = attrs.field(converter=_days)
    percentiles: tuple[tuple[Decimal, Quantity], ...] = attrs.field(
        default=(), converter=_percentiles
    )
    _points: tuple[tuple[Decimal, Decimal], ...] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    # P50, P90 and the mean, computed once: a comparison reads them per option.
    _summary: tuple[Decimal, Decimal, Decimal] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        low, high = self.minimum.magnitude, self.maximum.magnitude
        if high < low:
            raise InvalidInputError(
                field="maximum",
                value=str(self.maximum),
                expected=f">= minimum ({low} days)",
            )
        points = [(_ZERO, low)]
        for probability, duration in self.percentiles:
            days = duration.magnitude
            if not points[-1][1] <= days <= high:
                raise InvalidInputError(
                    field=f"percentiles[{probability}]",
                    value=str(duration),
                    expected=(
                        f"between the previous point ({fmt(points[-1][1])} days)"
                        f" and the maximum ({fmt(high)} days)"
                    ),
                )
            if probability == points[-1][0]:
                raise InvalidInputError(
                    field="percentiles",
                    value=probability,
                    expected="each probability once",
                )
            points.append((probability, days))
        points.append((_ONE, high))
        object.__setattr__(self, "_points", tuple(points))
        summary = (self.quantile(_HALF), self.quantile(_NINE_TENTHS), self._mean())
        object.__setattr__(self, "_summary", summary)

    @classmethod
    def from_days(
        cls,
        *,
        minimum: DecimalInput,
        maximum: DecimalInput,
        typical: DecimalInput | None = None,
        p90: DecimalInput | None = None,
    ) -> TransitTime:
        """Build from day counts: minimum, typical (P50), P90 and maximum.

        Examples:
            >>> TransitTime.from_days(minimum=3, typical=5, maximum=8).p90
            Decimal('7.4')
        """
        percentiles: dict[str, QuantityInput] = {}
        if typical is not None:
            percentiles["0.5"] = _day_count(typical, "typical")
        if p90 is not None:
            percentiles["0.9"] = _day_count(p90, "p90")
        return cls(
            minimum=_day_count(minimum, "minimum"),
            maximum=_day_count(maximum, "maximum"),
            percentiles=percentiles,
        )

    def _segments(self) -> Iterable[tuple[Decimal, Decimal, Decimal]]:
        """(probability mass, start day, end day) of each straight piece."""
        points = self._points
        for (p0, t0), (p1, t1) in itertools.pairwise(points):
            yield EXACT.subtract(p1, p0), t0, t1

    def quantile(self, probability: DecimalInput) -> Decimal:
        """The day by which ``probability`` of parcels have arrived (P50 is 0.5).

        Raises:
            InvalidInputError: ``probability`` is not in [0, 1].
        """
        p = to_decimal(probability, field="probability")
        if not 0 <= p <= 1:
            raise InvalidInputError(
                field="probability", value=probability, expected="in [0, 1]"
            )
        points = self._points
        for (p0, t0), (p1, t1) in itertools.pairwise(points):
            if p <= p1:
                if t1 == t0 or p == p0:
                    return t0 if p == p0 else t1
                share = DIVISION.divide(EXACT.subtract(p, p0), EXACT.subtract(p1, p0))
                return _tidy(
                    EXACT.add(t0, EXACT.multiply(share, EXACT.subtract(t1, t0)))
                )
        return points[-1][1]

    @property
    def p50(self) -> Decimal:
        """Median transit, in days."""
        return self._summary[0]

    @property
    def p90(self) -> Decimal:
        """Days by which 90% of parcels have arrived."""
        return self._summary[1]

    @property
    def mean(self) -> Decimal:
        """Expected transit, in days (what in-transit carrying cost uses)."""
        return self._summary[2]

    def _mean(self) -> Decimal:
        total = _ZERO
        for mass, start, end in self._segments():
            total = EXACT.add(total, EXACT.multiply(mass, EXACT.add(start, end)))
        return _tidy(DIVISION.divide(total, _TWO))

    def probability_later_than(self, days: DecimalInput) -> Decimal:
        """P(transit > ``days``): the share of parcels missing a ``days`` promise."""
        d = to_decimal(days, field="days")
        total = _ZERO
        for mass, start, end in self._segments():
            if d < start:
                total = EXACT.add(total, mass)
            elif d < end:
                share = DIVISION.divide(
                    EXACT.subtract(end, d), EXACT.subtract(end, start)
                )
                total = EXACT.add(total, EXACT.multiply(mass, share))
        return _tidy(total)

    def expected_days_late(self, promise: DecimalInput) -> Decimal:
        """E[max(transit − ``promise``, 0)]: average days late per parcel sent."""
        d = to_decimal(promise, field="promise")
        total = _ZERO
        for mass, start, end in self._segments():
            if d <= start:
                middle = DIVISION.divide(EXACT.add(start, end), _TWO)
                total = EXACT.add(
                    total, EXACT.multiply(mass, EXACT.subtract(middle, d))
                )
            elif d < end:
                gap = EXACT.subtract(end, d)
                width = EXACT.multiply(_TWO, EXACT.subtract(end, start))
                tail = DIVISION.divide(EXACT.multiply(gap, gap), width)
                total = EXACT.add(total, EXACT.multiply(mass, tail))
        return _tidy(total)

    def shifted(self, days: DecimalInput) -> TransitTime:
        """The same distribution, ``days`` later (a handling or first-mile delay).

        Raises:
            InvalidInputError: ``days`` is not finite, or is so negative that
                the fastest delivery would come before shipping.

        Examples:
            >>> TransitTime.from_days(minimum=3, typical=5, maximum=8).shifted(2).p50
            Decimal('7')
        """
        shift = to_decimal(days, field="days")
        if EXACT.add(self.minimum.magnitude, shift) < 0:
            raise InvalidInputError(
                field="days",
                value=days,
                expected=f">= -{fmt(self.minimum.magnitude)} (the minimum transit)",
            )
        return TransitTime(
            minimum=quantity(EXACT.add(self.minimum.magnitude, shift), DAY),
            maximum=quantity(EXACT.add(self.maximum.magnitude, shift), DAY),
            percentiles=tuple(
                (p, quantity(EXACT.add(d.magnitude, shift), DAY))
                for p, d in self.percentiles
            ),
        )

    def describe(self) -> str:
        """``'10–30 days (P50 15, P90 22)'``."""
        return (
            f"{fmt(self.minimum.magnitude)}–{fmt(self.maximum.magnitude)} days "
            f"(P50 {fmt(self.p50, 2)}, P90 {fmt(self.p90, 2)})"
        )


def _day_count(value: DecimalInput, field: str) -> Quantity:
    return quantity(to_decimal(value, field=field), DAY)


def _tidy(value: Decimal) -> Decimal:
    # Exact results lose their padding zeros (15.000 → 15); 34-digit ones stay.
    normal = value.normalize(EXACT)
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return normal.quantize(_ONE, context=EXACT)
    return normal
