"""Step 3: duty, additional duties and excise per line (private)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder._ops import DECIMALS
from xborder.customs import (
    AdValorem,
    DutyBasis,
    DutyEvaluation,
    FlatPerTariffLine,
    Relief,
)
from xborder.customs.rules import ad_valorem, rounded_base
from xborder.errors import RuleNotApplicableError, XborderError
from xborder.landed_cost._build import figure
from xborder.landed_cost._result import Component
from xborder.landed_cost._state import Family, LineState, Run
from xborder.money import allocate
from xborder.money.converters import exact_money

if TYPE_CHECKING:
    from xborder.customs import DutyExpression, Party, TariffMeasure
    from xborder.money import Money

__all__ = ["duties", "line_duties"]

_NONE: dict[str, Decimal] = {}
_FAMILY = {
    Component.DUTY: "duty",
    Component.ADDITIONAL_DUTY: "additional duties",
    Component.EXCISE: "excise",
}


@dataclass(slots=True, frozen=True)
class _Flat:
    """A line charged a flat amount per tariff line, awaiting its group."""

    state: LineState
    expression: FlatPerTariffLine
    rule: str
    source: str | None


@dataclass(slots=True, eq=False)
class _Duties:
    """The duties step: queues each line's duties, then rounds and records them."""

    run: Run
    payer: Party
    families: dict[Component, Family] = field(default_factory=dict)
    flat: dict[tuple[str, str], list[_Flat]] = field(default_factory=dict)
    # Texts written once per run and found by identity (the regime holds the
    # objects for the whole run): each expression in words, and each tariff
    # measure's rule label with its duty in words.
    texts: dict[int, str] = field(default_factory=dict)
    measure_texts: dict[int, tuple[str, str]] = field(default_factory=dict)

    def line(self, state: LineState) -> None:
        waived = state.relief.get(Relief.DUTY)
        scheme = state.scheme
        duty = None if scheme is None else scheme.duty
        if waived is not None:
            self.waived(state, waived)
        elif scheme is not None and duty is not None:
            rate = self.rate(duty)
            self.queue(state, duty, scheme.id, scheme.validity.source, rate=rate)
        else:
            self.tariff(state)

    def waived(self, state: LineState, rule: str) -> None:
        run = self.run
        threshold = next(t for t in run.regime.thresholds if t.id == rule)
        state.figures.append(
            figure(
                state.index,
                Component.DUTY,
                "duty",
                run.zero,
                self.payer,
                rule,
                state.customs_value,
                "waived",
                threshold.validity.source,
                threshold.describe(),
            )
        )

    def tariff(self, state: LineState) -> None:
        run, line = self.run, state.line
        match = run.regime.tariff.match(
            line.hs_code, line.origin_country, line.preference_claim, run.as_of
        )
        if match is None:
            raise RuleNotApplicableError(
                "add a TariffMeasure for it with Regime.with_tariff (AdValorem(0) "
                "for duty-free goods)",
                field=f"lines[{state.index}].hs_code",
                value=str(line.hs_code),
                expected=f"a duty rate in the {run.regime.country} tariff for this "
                f"code and origin {line.origin_country}",
            )
        if line.preference_claim is not None:
            _claim(
                run, state, missing=match.preference_missing, source=match.base.source
            )
        self.measure(state, match.base, Component.DUTY)
        for measure in match.additional:
            self.measure(state, measure, Component.ADDITIONAL_DUTY)
        for measure in match.excise:
            self.measure(state, measure, Component.EXCISE)

    def measure(
        self, state: LineState, measure: TariffMeasure, component: Component
    ) -> None:
        texts = self.measure_texts.get(id(measure))
        if texts is None:
            texts = self.measure_texts[id(measure)] = (
                measure.label(),
                self.rate(measure.duty),
            )
        rule, rate = texts
        self.queue(
            state, measure.duty, rule, measure.source, rate=rate, component=component
        )

    def queue(
        self,
        state: LineState,
        expression: DutyExpression,
        rule: str,
        source: str | None,
        *,
        rate: str,
        component: Component = Component.DUTY,
    ) -> None:
        if isinstance(expression, FlatPerTariffLine):
            code = state.line.hs_code.truncate(expression.digits)
            self.flat.setdefault((rule, code.digits), []).append(
                _Flat(state, expression, rule, source)
            )
            return
        run = self.run
        if isinstance(expression, AdValorem):
            # The common case: rate × value, whose explanation the figure's
            # rate and base already give.
            amount, detail = _ad_valorem(run, state, expression), None
        else:
            evaluation = _evaluate(run, state, expression)
            if evaluation.branches:  # a floor's or cap's side: a segment of the cost
                branches = ",".join(evaluation.branches)
                run.state.append(f"duty:{state.index}:{rule}:{branches}")
            for used in evaluation.rates:
                run.rates.setdefault((used.base, used.quote), used)
            amount, detail = evaluation.amount, evaluation.explanation
        self.family(component).add(
            state,
            amount,
            component=component,
            label=_label(component, rule),
            payer=self.payer,
            rule=rule,
            base=state.customs_value,
            rate=rate,
            source=source,
            detail=detail,
        )

    def rate(self, expression: DutyExpression) -> str:
        """The expression in words."""
        found = self.texts.get(id(expression))
        if found is None:
            found = self.texts[id(expression)] = str(expression)
        return found

    def family(self, component: Component) -> Family:
        found = self.families.get(component)
        if found is None:
            found = self.families[component] = Family(
                run=self.run,
                policy=self.run.regime.rounding,
                on_base=_ADD_BASE[component],
            )
        return found

    def finish(self) -> None:
        run = self.run
        for family in self.families.values():
            family.finish()
        for (rule, digits), members in self.flat.items():
            _flat_group(run, rule, digits, members, self.payer)


def line_duties(run: Run, state: LineState) -> Money:
    """A line's duty, additional duties and excise (to split charges by duty)."""
    total = Decimal(0)
    for item in state.figures:
        if item.component in _FAMILY:
            total = EXACT.add(total, item.amount.amount)
    return exact_money(total, run.currency)


def duties(run: Run) -> None:
    """Compute every line's duties, then round each family and record it."""
    step = _Duties(run=run, payer=run.shipment.import_payer)
    for state in run.lines:
        step.line(state)
    step.finish()


def _claim(run: Run, state: LineState, *, missing: bool, source: str | None) -> None:
    line = state.line
    if missing:
        run.warn(
            "preference-claim",
            f"line {state.index}: the tariff lists no {line.preference_claim!r} "
            f"preference for {line.hs_code} from {line.origin_country}; the "
            "third-country duty applies",
        )
    else:
        run.warn(
            "preference-claim",
            f"line {state.index}: preference {line.preference_claim!r} claimed; "
            "it needs proof of origin at import",
            source,
        )


def _add_duty(state: LineState, base: Money) -> None:
    state.duty_base = state.duty_base + base


def _add_additional(state: LineState, base: Money) -> None:
    state.additional_base = state.additional_base + base


def _add_excise(state: LineState, base: Money) -> None:
    state.excise_base = state.excise_base + base


# Where each family's base amounts go: the taxes charged on duties read them.
_ADD_BASE = {
    Component.DUTY: _add_duty,
    Component.ADDITIONAL_DUTY: _add_additional,
    Component.EXCISE: _add_excise,
}


@functools.lru_cache(maxsize=256)
def _label(component: Component, rule: str) -> str:
    if component is Component.DUTY:
        return f"duty ({rule})"
    return rule


def _ad_valorem(run: Run, state: LineState, expression: AdValorem) -> Money:
    value = rounded_base(DECIMALS, run.regime.rounding, state.customs_value.amount)
    return exact_money(ad_valorem(DECIMALS, value, expression.rate), run.currency)


def _evaluate(run: Run, state: LineState, expression: DutyExpression) -> DutyEvaluation:
    value = run.regime.rounding.round_base(state.customs_value)
    basis = DutyBasis(customs_value=value, quantities=state.line.measures(), fx=run.fx)
    try:
        return expression.evaluate(basis)
    except XborderError as error:
        raise error.in_field(f"lines[{state.index}]") from None


def _flat_group(
    run: Run, rule: str, digits: str, members: list[_Flat], payer: Party
) -> None:
    """Charge a flat amount once for a tariff line and share it over its lines."""
    states = [member.state for member in members]
    expression, source = members[0].expression, members[0].source
    evaluation = expression.evaluate(
        DutyBasis(customs_value=run.zero, quantities=_NONE, fx=run.fx)
    )
    for used in evaluation.rates:
        run.rates.setdefault((used.base, used.quote), used)
    amount = run.regime.rounding.round(evaluation.amount)
    weights = [s.customs_value.amount for s in states]
    if any(weights):
        shares, how = allocate(amount, weights), "by customs value"
    else:
        shares, how = allocate(amount, [s.line.quantity for s in states]), "by quantity"
    run.decide(
        rule,
        f"tariff line {digits}: {expression} once, shared over lines "
        f"{[s.index for s in states]} {how}",
        source,
    )
    run.state.append(f"flat:{rule}:{digits}")
    for state, share in zip(states, shares, strict=True):
        state.duty_base = state.duty_base + share
        state.figures.append(
            figure(
                state.index,
                Component.DUTY,
                f"duty ({rule})",
                share,
                payer,
                rule,
                amount,
                str(expression),
                source,
                f"tariff line {digits} shared {how}",
            )
        )
