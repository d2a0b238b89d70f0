"""Step 4: government fees, then import taxes per line (private)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from xborder._exact import DIVISION
from xborder._ops import DECIMALS
from xborder.customs import Collector, Party, Relief, TaxBase, TaxRule, Valuation
from xborder.customs.converters import percent
from xborder.customs.rules import rounded_base, tax_base, tax_parts, taxed
from xborder.landed_cost._build import figure
from xborder.landed_cost._result import Component
from xborder.landed_cost._state import Family, LineState, Run
from xborder.money.converters import exact_money

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder.money import Money

__all__ = ["fees", "taxes"]


def fees(run: Run) -> None:
    """Charge the regime's government fees on the entry and share them by value."""
    shipment, regime = run.shipment, run.regime
    if not regime.fees:
        return
    value = run.total(s.customs_value for s in run.lines)
    relieved = [s.relief.get(Relief.FEES) for s in run.lines]
    payer = shipment.import_payer
    for fee in regime.fees:
        source = fee.validity.source
        if all(relieved):
            run.decide(fee.id, f"waived ({relieved[0]})", source)
            run.state.append(f"{fee.id}:waived")
            continue
        if not fee.applies(value, shipment.mode):
            run.decide(
                fee.id,
                f"not due: {shipment.mode.value} entry, customs value {value}",
                source,
            )
            run.state.append(f"{fee.id}:not-due")
            continue
        exact, branch = fee.evaluate(value)
        amount = regime.rounding.round(exact)
        run.state.append(f"{fee.id}:{branch}")
        run.decide(
            fee.id, f"{fee.describe()} on {value} = {amount} ({branch} applies)", source
        )
        shares, how = run.share(
            amount, [s.customs_value.amount for s in run.lines], what=fee.name
        )
        rate = fee.describe()
        for state, share in zip(run.lines, shares, strict=True):
            if fee.taxable:
                state.taxable_fees = state.taxable_fees + share
            state.figures.append(
                figure(
                    state.index,
                    Component.FEE,
                    fee.name,
                    share,
                    payer,
                    fee.id,
                    value,
                    rate,
                    source,
                    how,
                )
            )


def taxes(run: Run) -> None:
    """Compute the border taxes in order, and point-of-sale taxes where they apply."""
    regime = run.regime
    border = [s for s in run.lines if s.scheme is None]
    for rule in regime.taxes:
        _family(run, rule, border, run.shipment.import_payer)
    by_scheme: dict[str, list[LineState]] = {}
    for state in run.lines:
        if state.scheme is not None:
            by_scheme.setdefault(state.scheme.id, []).append(state)
    for states in by_scheme.values():
        scheme = states[0].scheme
        if scheme is not None:
            _family(run, scheme.tax, states, Party.BUYER)


def _family(run: Run, rule: TaxRule, states: list[LineState], payer: Party) -> None:
    policy = rule.rounding or run.regime.rounding

    def on_base(state: LineState, base: Money) -> None:
        state.tax_bases[rule.id] = base

    family = Family(run=run, policy=policy, on_base=on_base)
    cif = run.regime.valuation is Valuation.CIF
    rates: dict[Decimal, str] = {}  # by value, as lines share a rate
    divisor = rule.divisor
    for state in states:
        waived = state.relief.get(Relief.TAX)
        if waived is not None and state.scheme is None:
            _waived(run, state, rule, waived, payer)
            continue
        base = rounded_base(DECIMALS, policy, _base(run, rule, state, cif))
        rate = rule.rate_for(state.line.hs_code)
        numerator = taxed(DECIMALS, base, rate)
        exact = numerator if divisor == 1 else DIVISION.divide(numerator, divisor)
        family.add(
            state,
            exact_money(exact, run.currency),
            component=Component.TAX,
            label=rule.name,
            payer=payer,
            rule=rule.id,
            base=exact_money(base, run.currency),
            rate=rates.get(rate) or rates.setdefault(rate, _rate_text(rule, rate)),
            source=rule.validity.source,
            detail=_detail(rule.base, rule.on_taxes, state.collector),
            numerator=numerator,
            divisor=divisor,
        )
    family.finish()


def _rate_text(rule: TaxRule, rate: Decimal) -> str:
    if rule.divisor != 1:
        return f"{rate:f}/{rule.divisor}"
    return percent(rate)


# The detail, like the parts below, depends on a rule's base alone (frozen
# sets, tuples and enums: equal keys print alike) and repeats on every landed
# cost, so it is written once.
@functools.lru_cache(maxsize=256)
def _detail(
    base: frozenset[TaxBase], on_taxes: tuple[str, ...], collector: Collector | None
) -> str:
    text = f"base: {' + '.join(str(p) for p in _TAX_BASES if p in base)}"
    if on_taxes:
        text += f" + {' + '.join(on_taxes)}" if base else " ".join(on_taxes)
    if collector is not None:
        how = (
            "reverse charge by the buyer"
            if collector is Collector.BUYER
            else (f"charged at sale by the {collector.value}")
        )
        text += f"; {how}"
    return text


# In TaxBase's order (iterating the enum itself runs Python code each time).
_TAX_BASES = tuple(TaxBase)


def _base(run: Run, rule: TaxRule, state: LineState, cif: bool) -> Decimal:  # noqa: FBT001
    zero = run.zero
    found = state.tax_bases
    parts = tax_parts(rule.base, cif=cif)
    amounts = {name: getattr(state, name).amount for name in parts}
    earlier = {tax: found.get(tax, zero).amount for tax in rule.on_taxes}
    base: Decimal = tax_base(DECIMALS, rule, amounts, earlier, cif=cif)
    return base


def _waived(
    run: Run, state: LineState, rule: TaxRule, threshold_id: str, payer: Party
) -> None:
    threshold = next(t for t in run.regime.thresholds if t.id == threshold_id)
    state.tax_bases[rule.id] = run.zero
    state.figures.append(
        figure(
            state.index,
            Component.TAX,
            rule.name,
            run.zero,
            payer,
            threshold_id,
            None,
            "waived",
            threshold.validity.source,
            threshold.describe(),
        )
    )
