"""Step 2: de minimis thresholds and point-of-sale schemes (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder._ops import DECIMALS
from xborder.customs import (
    Collector,
    Fallback,
    PointOfSaleScheme,
    Relief,
    Scope,
    Threshold,
    ValueBasis,
)
from xborder.customs.rules import exceeds

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder.landed_cost._state import LineState, Run
    from xborder.money import Money

__all__ = ["reliefs", "schemes"]


def _value(run: Run, basis: ValueBasis, states: list[LineState]) -> Money:
    if basis is ValueBasis.INTRINSIC:
        if states is run.lines:  # thresholds and schemes both test it
            return run.intrinsic_value()
        return run.total(s.goods for s in states)
    return run.total(s.customs_value for s in states)


def reliefs(run: Run, cliff_margin: Decimal) -> None:
    """Test each threshold and mark the lines it relieves."""
    shipment = run.shipment
    for threshold in run.regime.thresholds:
        if not threshold.applies_to(shipment.mode, shipment.export_country):
            run.decide(
                threshold.id,
                f"not applicable to a {shipment.mode.value} shipment from "
                f"{shipment.export_country}",
                threshold.validity.source,
            )
            continue
        if threshold.scope is Scope.CONSIGNMENT:
            _test(run, threshold, run.lines, cliff_margin, "consignment")
        else:
            per_item = threshold.scope is Scope.ITEM
            for state in run.lines:
                what = f"{'item of ' if per_item else ''}line {state.index}"
                _test(run, threshold, [state], cliff_margin, what, per_item=per_item)


def _test(
    run: Run,
    threshold: Threshold,
    states: list[LineState],
    margin: Decimal,
    what: str,
    *,
    per_item: bool = False,
) -> None:
    value = _value(run, threshold.basis, states)
    quantity = states[0].line.quantity if per_item else None
    met = not exceeds(DECIMALS, value.amount, threshold.amount.amount, quantity)
    if quantity is not None:
        value = value / quantity  # the value of one item, as the decision says
    waived = " and ".join(name for r, name in _RELIEFS if r in threshold.reliefs)
    excluded = (
        [
            s.index
            for s in states
            if threshold.excludes(s.line.hs_code, s.line.origin_country)
        ]
        if met
        else []
    )
    outcome = (
        f"{what} {threshold.basis.value} {value} "
        f"{'≤' if met else '>'} {threshold.amount}: {waived} "
        f"{'waived' if met else 'due'}"
    )
    if met and excluded:
        outcome += f", except on lines {excluded} (excluded goods or origin)"
    run.decide(threshold.id, outcome, threshold.validity.source)
    run.state.append(f"{threshold.id}:{what}:{'met' if met else 'over'}")
    if met:
        for state in states:
            if state.index not in excluded:
                for relief in threshold.reliefs:
                    state.relief.setdefault(relief, threshold.id)
    _cliff(run, threshold, value, met=met, margin=margin, waived=waived)


# In Relief's order, with their names: iterating an enum and reading
# ``.value`` run Python code on every landed cost.
_RELIEFS = tuple((relief, relief.value) for relief in Relief)


def _cliff(
    run: Run,
    threshold: Threshold,
    value: Money,
    *,
    met: bool,
    margin: Decimal,
    waived: str,
) -> None:
    limit = threshold.amount
    if met and value.amount >= _below(limit.amount, margin):
        run.warn(
            "threshold-cliff",
            f"{threshold.name}: the {threshold.basis.value} {value} is within "
            f"{EXACT.multiply(margin, 100):f}% below {limit}; above it the {waived} "
            "fall due",
            threshold.validity.source,
        )
    elif not met and value.amount <= _above(limit.amount, margin):
        run.warn(
            "threshold-cliff",
            f"{threshold.name}: the {threshold.basis.value} {value} is just above "
            f"{limit}; at or below it the {waived} would be waived",
            threshold.validity.source,
        )


def _below(limit: Decimal, margin: Decimal) -> Decimal:
    """``limit - limit × margin``, exactly (a threshold is in the run's currency)."""
    return EXACT.subtract(limit, EXACT.multiply(limit, margin))


def _above(limit: Decimal, margin: Decimal) -> Decimal:
    """``limit + limit × margin``, exactly."""
    return EXACT.add(limit, EXACT.multiply(limit, margin))


def schemes(run: Run, cliff_margin: Decimal) -> None:
    """Decide whether a point-of-sale scheme takes the tax off the border."""
    for scheme in run.regime.schemes:
        _scheme(run, scheme, cliff_margin)


def _scheme(run: Run, scheme: PointOfSaleScheme, margin: Decimal) -> None:
    value = _value(run, ValueBasis.INTRINSIC, run.lines)
    source = scheme.validity.source
    if exceeds(DECIMALS, value.amount, scheme.threshold.amount):
        run.decide(
            scheme.id,
            f"intrinsic value {value} > {scheme.threshold}: import tax at the border",
            source,
        )
        run.state.append(f"{scheme.id}:over")
        if value.amount <= _above(scheme.threshold.amount, margin):
            run.warn(
                "threshold-cliff",
                f"{scheme.name}: the intrinsic value {value} is just above "
                f"{scheme.threshold}; at or below it the tax moves to the sale",
                source,
            )
        return
    collector = run.shipment.collector
    if collector is None:
        if scheme.fallback is Fallback.BORDER:
            run.decide(
                scheme.id,
                f"intrinsic value {value} ≤ {scheme.threshold}, but no collector is "
                "named on the shipment: import tax at the border",
                source,
            )
            run.state.append(f"{scheme.id}:border")
            return
        collector = Collector.BUYER
        run.warn(
            "collector",
            f"{scheme.name}: no collector named; modelled as a reverse charge by a "
            "VAT-registered business buyer. A seller to consumers must charge the "
            "tax at sale (set Shipment.collector)",
            source,
        )
    covered = [s for s in run.lines if not scheme.excludes(s.line.hs_code)]
    for state in covered:
        state.scheme, state.collector = scheme, collector
    outside = [s.index for s in run.lines if s not in covered]
    outcome = (
        f"intrinsic value {value} ≤ {scheme.threshold}: {scheme.tax.name} charged "
        f"at sale by the {collector.value}, no import tax"
    )
    if scheme.duty is not None:
        outcome += f"; duty {scheme.duty}"
    if outside:
        outcome += (
            f"; lines {outside} are outside the scheme (import tax at the border)"
        )
    run.decide(scheme.id, outcome, source)
    run.state.append(f"{scheme.id}:sale:{collector.value}")
