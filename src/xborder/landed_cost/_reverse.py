"""Reverse pricing: the unit price whose landed cost hits a target (private)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal

import attrs

from xborder._exact import DIVISION
from xborder.customs._regime import Regime
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
)
from xborder.fx import FxTable
from xborder.landed_cost._compute import landed_cost
from xborder.landed_cost._models import Shipment
from xborder.landed_cost._result import LandedCost, LandedCostWarning
from xborder.money import Money, RoundingMode

__all__ = ["Cliff", "ReversePrice", "price_for_landed_cost"]

_CEILING = 10**15  # minor units: far above any real unit price
_STALL = 2  # secant steps that fail to halve the bracket before a bisection


@attrs.frozen(kw_only=True)
class Cliff:
    """Where a rule makes the landed cost jump as the price rises by one minor unit.

    Args:
        rules: The rules whose outcome changes between the two prices (a
            threshold crossed, a fee leaving its minimum).
        below: The last unit price before the jump.
        above: The next unit price.
        landed_below: The landed cost at ``below``.
        landed_above: The landed cost at ``above``.

    Examples:
        >>> import datetime as dt
        >>> from xborder import customs
        >>> from xborder.customs import presets
        >>> from xborder.landed_cost import Line, Shipment, landed_cost
        >>> from xborder.money import Money
        >>> day = dt.date(2026, 9, 1)
        >>> duty = customs.AdValorem("0.06")
        >>> rate = customs.TariffMeasure(hs_code="392690", duty=duty)
        >>> gb = presets.regime("GB", as_of=day)
        >>> gb = gb.with_tariff(customs.Tariff(measures=[rate]))
        >>> holder = Line(sku="PH-01", hs_code="392690", origin_country="CN",
        ...               quantity=100, unit_price=Money("2.00", "GBP"))
        >>> shipment = Shipment(
        ...     lines=[holder], export_country="CN", destination_country="GB",
        ...     incoterm=customs.Incoterm.DDP, mode=customs.TransportMode.AIR,
        ...     import_date=day, freight=Money("20.00", "GBP"),
        ... )
        >>> result = landed_cost(shipment, gb, fx=None, as_of=day)

        >>> from xborder.landed_cost import price_for_landed_cost
        >>> target = Money("150.00", "GBP")
        >>> answer = price_for_landed_cost(
        ...     shipment, gb, target=target, fx=None, as_of=day
        ... )

        >>> target = Money("190.00", "GBP")
        >>> answer = price_for_landed_cost(
        ...     shipment, gb, target=target, fx=None, as_of=day
        ... )
        >>> str(answer.unit_price), str(answer.ddp_price)
        ('1.35 GBP', '186.00 GBP')
        >>> answer.cliff.rules, str(answer.cliff.landed_above)
        (('GB-duty-relief-135', 'GB-135'), '198.43 GBP')
    """

    rules: tuple[str, ...]
    below: Money
    above: Money
    landed_below: Money
    landed_above: Money

    @property
    def jump(self) -> Money:
        """How much the landed cost rises across the cliff."""
        return self.landed_above - self.landed_below


@attrs.frozen(kw_only=True)
class ReversePrice:
    """The highest unit price whose landed cost stays within a target.

    Args:
        unit_price: The solved unit price of the chosen line, in its currency.
        target: The landed cost aimed at.
        landed: The full landed cost at ``unit_price`` (≤ ``target``).
        shipment: The shipment with the solved price.
        cliff: The jump the target falls into, if a threshold or another
            rule makes the landed cost skip over it.
        warnings: What to check (a cliff, the forward computation's warnings).

    Examples:
        >>> import datetime as dt
        >>> from xborder import customs
        >>> from xborder.customs import presets
        >>> from xborder.landed_cost import Line, Shipment, landed_cost
        >>> from xborder.money import Money
        >>> day = dt.date(2026, 9, 1)
        >>> duty = customs.AdValorem("0.06")
        >>> rate = customs.TariffMeasure(hs_code="392690", duty=duty)
        >>> gb = presets.regime("GB", as_of=day)
        >>> gb = gb.with_tariff(customs.Tariff(measures=[rate]))
        >>> holder = Line(sku="PH-01", hs_code="392690", origin_country="CN",
        ...               quantity=100, unit_price=Money("2.00", "GBP"))
        >>> shipment = Shipment(
        ...     lines=[holder], export_country="CN", destination_country="GB",
        ...     incoterm=customs.Incoterm.DDP, mode=customs.TransportMode.AIR,
        ...     import_date=day, freight=Money("20.00", "GBP"),
        ... )
        >>> result = landed_cost(shipment, gb, fx=None, as_of=day)

        >>> from xborder.landed_cost import price_for_landed_cost
        >>> target = Money("150.00", "GBP")
        >>> answer = price_for_landed_cost(
        ...     shipment, gb, target=target, fx=None, as_of=day
        ... )

        >>> answer.cliff is None
        True
    """

    unit_price: Money
    target: Money
    landed: LandedCost
    shipment: Shipment
    cliff: Cliff | None
    warnings: tuple[LandedCostWarning, ...]

    @property
    def ddp_price(self) -> Money:
        """The all-in price (goods, freight, duty, tax, fees) at ``unit_price``."""
        return self.landed.total

    @property
    def gap(self) -> Money:
        """``target - ddp_price``: what the target leaves unspent (≥ 0)."""
        return self.target - self.landed.total


@attrs.define
class _Solver:
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


def price_for_landed_cost(
    shipment: Shipment,
    regime: Regime,
    *,
    target: Money,
    fx: FxTable | None,
    as_of: dt.date,
    line: int = 0,
    rounding: RoundingMode | None = None,
    allow_out_of_window: bool = False,
) -> ReversePrice:
    r"""The highest unit price for one line whose landed cost is within ``target``.

    Use it to price for a DDP target ("the customer pays €29.99 all in: what
    may the goods cost?") or to find what a supplier may charge for a target
    landed cost. The landed cost is piecewise affine in the price: within a
    segment (same thresholds met, same floors, caps and fee minimums) it is
    $L(p) = a\,p + b$ up to rounding, so each step solves that line exactly
    from two computed points (a secant), and every candidate is verified by
    recomputing the full landed cost; a bisection step locates the boundary
    between segments. No floating point is used: prices are whole minor
    units.

    A de minimis threshold makes the landed cost jump as the price crosses it;
    a target inside the jump cannot be hit exactly, and the result names the
    :class:`Cliff`.

    Args:
        shipment: The shipment; its other lines keep their prices.
        regime: The destination's rules and tariff.
        target: The landed cost to stay within, in the regime's currency.
        fx: Exchange rates, as for :func:`landed_cost`.
        as_of: The day whose rules apply.
        line: Which line's unit price to solve for.
        rounding: As for :func:`landed_cost`.
        allow_out_of_window: As for :func:`landed_cost`.

    Raises:
        RuleNotApplicableError: Even a price of zero lands above ``target``
            (freight, fees and other lines already exceed it).
        CurrencyMismatchError: ``target`` is not in the regime's currency.

    Examples:
        >>> import datetime as dt
        >>> from xborder import customs
        >>> from xborder.customs import presets
        >>> from xborder.landed_cost import Line, Shipment, landed_cost
        >>> from xborder.money import Money
        >>> day = dt.date(2026, 9, 1)
        >>> duty = customs.AdValorem("0.06")
        >>> rate = customs.TariffMeasure(hs_code="392690", duty=duty)
        >>> gb = presets.regime("GB", as_of=day)
        >>> gb = gb.with_tariff(customs.Tariff(measures=[rate]))
        >>> holder = Line(sku="PH-01", hs_code="392690", origin_country="CN",
        ...               quantity=100, unit_price=Money("2.00", "GBP"))
        >>> shipment = Shipment(
        ...     lines=[holder], export_country="CN", destination_country="GB",
        ...     incoterm=customs.Incoterm.DDP, mode=customs.TransportMode.AIR,
        ...     import_date=day, freight=Money("20.00", "GBP"),
        ... )
        >>> result = landed_cost(shipment, gb, fx=None, as_of=day)

        >>> from xborder.landed_cost import price_for_landed_cost
        >>> target = Money("150.00", "GBP")
        >>> answer = price_for_landed_cost(
        ...     shipment, gb, target=target, fx=None, as_of=day
        ... )

        >>> str(answer.unit_price), str(answer.ddp_price), str(answer.gap)
        ('1.05 GBP', '150.00 GBP', '0.00 GBP')
    """
    solver = _start(
        shipment,
        regime,
        target=target,
        fx=fx,
        as_of=as_of,
        line=line,
        rounding=rounding,
        allow_out_of_window=allow_out_of_window,
    )
    goal = target.amount
    if solver.total(0) > goal:
        raise RuleNotApplicableError(
            "freight, fees and the other lines already cost more",
            field="target",
            value=target,
            expected=f"at least {solver.at(0).total}, the landed cost at a zero price",
        )
    low, high = 0, _upper(solver, goal)
    low, high = _narrow(solver, goal, low, high)
    return _answer(solver, target, low, high)


def _start(
    shipment: Shipment,
    regime: Regime,
    *,
    target: Money,
    fx: FxTable | None,
    as_of: dt.date,
    line: int,
    rounding: RoundingMode | None,
    allow_out_of_window: bool,
) -> _Solver:
    if not isinstance(shipment, Shipment):
        raise InvalidTypeError(field="shipment", value=shipment, expected="a Shipment")
    if isinstance(line, bool) or not isinstance(line, int):
        raise InvalidTypeError(field="line", value=line, expected="a line index")
    if not 0 <= line < len(shipment.lines):
        raise InvalidInputError(
            field="line",
            value=line,
            expected=f"an index from 0 to {len(shipment.lines) - 1}",
        )
    if not isinstance(target, Money):
        raise InvalidTypeError(field="target", value=target, expected="Money")
    if target.currency != regime.currency:
        raise CurrencyMismatchError(
            field="target",
            value=target,
            expected=f"an amount in the regime's currency {regime.currency.code}",
        )
    return _Solver(shipment, regime, fx, as_of, line, rounding, allow_out_of_window)


def _upper(solver: _Solver, goal: Decimal) -> int:
    start = solver.shipment.lines[solver.index].unit_price
    units = max(1, int(start.quantize(RoundingMode.CEILING).minor_units))
    while solver.total(units) <= goal:
        units *= 2
        if units > _CEILING:
            raise RuleNotApplicableError(
                field="target",
                value=solver.at(units // 2).total,
                expected="a target the landed cost reaches as the price rises",
            )
    return units


def _narrow(solver: _Solver, goal: Decimal, low: int, high: int) -> tuple[int, int]:
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


def _secant(solver: _Solver, goal: Decimal, low: int, high: int) -> int:
    """Solve L(p) = goal on the line through (low, L(low)) and (high, L(high))."""
    rise = solver.total(high) - solver.total(low)
    step = DIVISION.divide((goal - solver.total(low)) * (high - low), rise)
    guess = low + int(step.to_integral_value(rounding=ROUND_FLOOR))
    return min(max(guess, low + 1), high - 1)


def _answer(solver: _Solver, target: Money, low: int, high: int) -> ReversePrice:
    result = solver.at(low)
    warnings = list(result.warnings)
    cliff = None
    changed = _changed(solver.segment(low), solver.segment(high))
    if changed and not _smooth(solver, low, high):
        above = solver.at(high)
        cliff = Cliff(
            rules=changed,
            below=solver.price(low),
            above=solver.price(high),
            landed_below=result.total,
            landed_above=above.total,
        )
        warnings.append(
            LandedCostWarning(
                code="threshold-cliff",
                message=(
                    f"the target {target} falls in a jump: at {cliff.below} the landed "
                    f"cost is {cliff.landed_below}, one step higher ({cliff.above}) "
                    f"it is {cliff.landed_above}, because {', '.join(changed)} "
                    "changes"
                ),
            )
        )
    return ReversePrice(
        unit_price=solver.price(low),
        target=target,
        landed=result,
        shipment=solver.with_price(low),
        cliff=cliff,
        warnings=tuple(warnings),
    )


def _smooth(solver: _Solver, low: int, high: int) -> bool:
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


def _changed(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[str, ...]:
    """The rules whose outcome differs between two segments, in computation order."""
    tokens = [t for t in before if t not in after] + [
        t for t in after if t not in before
    ]
    return tuple(dict.fromkeys(token.split(":")[0] for token in tokens))
