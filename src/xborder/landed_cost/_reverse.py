"""Reverse pricing: the unit price whose landed cost hits a target (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from xborder._validate import named_errors, tuple_of
from xborder.customs._regime import Regime
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
)
from xborder.landed_cost._models import Shipment
from xborder.landed_cost._result import LandedCost, LandedCostWarning
from xborder.landed_cost._solver import Solver, changed, narrow, smooth, upper
from xborder.money import Money, RoundingMode
from xborder.money._money import money_value, non_negative_money

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from xborder.fx import FxTable

__all__ = ["Cliff", "ReversePrice", "price_for_landed_cost"]


def _rules(values: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(values, str)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
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

    rules: tuple[str, ...] = attrs.field(converter=_rules)
    below: Money = attrs.field(converter=non_negative_money)
    above: Money = attrs.field(converter=non_negative_money)
    landed_below: Money = attrs.field(converter=non_negative_money)
    landed_above: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        for name, first in (("above", "below"), ("landed_above", "landed_below")):
            money, other = getattr(self, name), getattr(self, first)
            if money.currency != other.currency:
                raise CurrencyMismatchError(
                    field=name,
                    value=money,
                    expected=f"an amount in {other.currency.code}, as {first}",
                )

    @property
    def jump(self) -> Money:
        """How much the landed cost rises across the cliff."""
        return self.landed_above - self.landed_below


def _landed(value: LandedCost) -> LandedCost:
    if not isinstance(value, LandedCost):
        raise InvalidTypeError(field=None, value=value, expected="a LandedCost")
    return value


def _shipment(value: Shipment) -> Shipment:
    if not isinstance(value, Shipment):
        raise InvalidTypeError(field=None, value=value, expected="a Shipment")
    return value


def _cliff(value: Cliff | None) -> Cliff | None:
    if value is not None and not isinstance(value, Cliff):
        raise InvalidTypeError(field=None, value=value, expected="a Cliff or None")
    return value


def _warnings(values: Iterable[LandedCostWarning]) -> tuple[LandedCostWarning, ...]:
    return tuple_of(values, LandedCostWarning)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
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

    unit_price: Money = attrs.field(converter=non_negative_money)
    target: Money = attrs.field(converter=money_value)
    landed: LandedCost = attrs.field(converter=_landed)
    shipment: Shipment = attrs.field(converter=_shipment)
    cliff: Cliff | None = attrs.field(converter=_cliff)
    warnings: tuple[LandedCostWarning, ...] = attrs.field(converter=_warnings)

    def __attrs_post_init__(self) -> None:
        if self.target.currency != self.landed.currency:
            raise CurrencyMismatchError(
                field="target",
                value=self.target,
                expected=f"an amount in {self.landed.currency.code}, as landed",
            )

    @property
    def ddp_price(self) -> Money:
        """The all-in price (goods, freight, duty, tax, fees) at ``unit_price``."""
        return self.landed.total

    @property
    def gap(self) -> Money:
        """``target - ddp_price``: what the target leaves unspent (≥ 0)."""
        return self.target - self.landed.total


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
    low, high = 0, upper(solver, target)
    low, high = narrow(solver, goal, low, high)
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
) -> Solver:
    if not isinstance(shipment, Shipment):
        raise InvalidTypeError(field="shipment", value=shipment, expected="a Shipment")
    if not isinstance(regime, Regime):
        raise InvalidTypeError(field="regime", value=regime, expected="a Regime")
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
    return Solver(shipment, regime, fx, as_of, line, rounding, allow_out_of_window)


def _answer(solver: Solver, target: Money, low: int, high: int) -> ReversePrice:
    result = solver.at(low)
    warnings = list(result.warnings)
    cliff = None
    rules = changed(solver.segment(low), solver.segment(high))
    if rules and not smooth(solver, low, high):
        above = solver.at(high)
        cliff = Cliff(
            rules=rules,
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
                    f"it is {cliff.landed_above}, because {', '.join(rules)} "
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
