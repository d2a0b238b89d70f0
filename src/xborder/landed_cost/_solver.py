"""The search behind reverse pricing (private; see ``_reverse``).

The landed cost as a function of one line's unit price (in whole minor
units) is piecewise affine: within a segment (the same thresholds met, the
same floors, caps and fee branches) it is ``a·p + b`` up to rounding. A
segment is solved exactly from two computed points; a bisection step finds
the boundary between segments; every candidate is a full recomputation.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal

import attrs

from xborder._exact import DIVISION
from xborder.customs import Regime
from xborder.errors import RuleNotApplicableError
from xborder.fx import FxTable
from xborder.landed_cost._compute import landed_cost
from xborder.landed_cost._models import Shipment
from xborder.landed_cost._result import LandedCost
from xborder.money import Money, RoundingMode

__all__ = ["Solver", "changed", "narrow", "smooth", "upper"]

_CEILING = 10**15  # minor units: far above any real unit price
_STALL = 2  # secant steps that fail to halve the bracket before a bisection


@attrs.define
class Solver:
    """Evaluates the landed cost as a function of one line's unit price."""

    shipment: Shipment
    regime: Regime
    fx: FxTable | None
    as_of: dt.date
    index: int
    rounding: RoundingMode | None
    allow_out_of_window: bool
    cache: dict[int, LandedCost] = attrs.field(factory=dict)

    def price(self, units: int) -> Money:
        currency = self.shipment.lines[self.index].unit_price.currency
        return Money.of_minor_units(units, currency)

    def at(self, units: int) -> LandedCost:
        found = self.cache.get(units)
        if found is None:
            found = self.cache[units] = landed_cost(
                self.with_price(units),
                self.regime,
                fx=self.fx,
                as_of=self.as_of,
                rounding=self.rounding,
                allow_out_of_window=self.allow_out_of_window,
            )
        return found

    def with_price(self, units: int) -> Shipment:
        lines = list(self.shipment.lines)
        lines[self.index] = attrs.evolve(
            lines[self.index], unit_price=self.price(units)
        )
        return attrs.evolve(self.shipment, lines=tuple(lines))

    def total(self, units: int) -> Decimal:
        return self.at(units).total.amount

    def segment(self, units: int) -> tuple[str, ...]:
        return self.at(units).state


def upper(solver: Solver, target: Money) -> int:
    start = solver.shipment.lines[solver.index].unit_price
    units = max(1, int(start.quantize(RoundingMode.CEILING).minor_units))
    while solver.total(units) <= target.amount:
        units *= 2
        if units > _CEILING:
            tried = units // 2
            raise RuleNotApplicableError(
                field="target",
                value=target,  # the caller's value; the bound is in `expected`
                expected=(
                    f"at most {solver.at(tried).total}, the landed cost at the "
                    f"highest unit price searched ({solver.price(tried)})"
                ),
            )
    return units


def narrow(solver: Solver, goal: Decimal, low: int, high: int) -> tuple[int, int]:
    """Shrink [low, high] to adjacent prices with L(low) <= goal < L(high)."""
    stalls = 0
    while high - low > 1:
        width = high - low
        if stalls < _STALL and solver.segment(low) == solver.segment(high):
            guess = _secant(solver, goal, low, high)
        else:
            guess = (low + high) // 2
        if solver.total(guess) <= goal:
            low = guess
        else:
            high = guess
        stalls = stalls + 1 if (high - low) * 2 > width else 0
    return low, high


def _secant(solver: Solver, goal: Decimal, low: int, high: int) -> int:
    """Solve L(p) = goal on the line through (low, L(low)) and (high, L(high))."""
    rise = solver.total(high) - solver.total(low)
    step = DIVISION.divide((goal - solver.total(low)) * (high - low), rise)
    guess = low + int(step.to_integral_value(rounding=ROUND_FLOOR))
    return min(max(guess, low + 1), high - 1)


def smooth(solver: Solver, low: int, high: int) -> bool:
    """Whether L rises from low to high by about its slope: a kink, not a jump."""
    rise = solver.total(high) - solver.total(low)
    span = max(1, low // 100)
    if low - span >= 0 and solver.segment(low - span) == solver.segment(low):
        slope = (solver.total(low) - solver.total(low - span)) / span
    else:
        span = max(1, high // 100)
        slope = (solver.total(high + span) - solver.total(high)) / span
    # Rounding moves each figure by up to one minor unit.
    noise = solver.regime.currency.minor_unit * 4 * len(solver.shipment.lines)
    return rise <= 2 * slope + noise


def changed(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[str, ...]:
    """The rules whose outcome differs between two segments, in computation order."""
    tokens = [t for t in before if t not in after] + [
        t for t in after if t not in before
    ]
    return tuple(dict.fromkeys(token.split(":")[0] for token in tokens))
