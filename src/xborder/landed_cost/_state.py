"""The working state of one landed-cost computation (private).

Mutable on purpose: a computation fills it step by step, then
``_compute`` freezes it into a :class:`LandedCost`. Nothing here escapes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from xborder._exact import EXACT
from xborder._ops import DECIMALS
from xborder.customs.converters import find_path, rate_used
from xborder.customs.rules import rounded as rounded_figure
from xborder.customs.rules import rounded_total
from xborder.errors import MissingFxRateError
from xborder.landed_cost._build import decision, figure
from xborder.landed_cost._formulas import in_currency
from xborder.landed_cost._result import (
    Component,
    Decision,
    Figure,
    LandedCostWarning,
)
from xborder.money import Currency, Money, allocate
from xborder.money.converters import exact_money

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable

    from xborder.customs import (
        Collector,
        Party,
        PointOfSaleScheme,
        RateUsed,
        Regime,
        Relief,
        RoundingPolicy,
    )
    from xborder.fx import FxPath, FxTable
    from xborder.landed_cost._models import Line, Shipment

__all__ = ["Family", "LineState", "Pending", "Run", "settle"]


@dataclass(slots=True, eq=False)
class LineState:
    """What is known about one line so far."""

    index: int
    line: Line
    goods: Money
    zero: Money
    freight: Money = field(init=False)
    insurance: Money = field(init=False)
    additions: Money = field(init=False)
    onward: Money = field(init=False)
    taxable_charges: Money = field(init=False)
    taxable_fees: Money = field(init=False)
    customs_value: Money = field(init=False)
    duty_base: Money = field(init=False)
    additional_base: Money = field(init=False)
    excise_base: Money = field(init=False)
    tax_bases: dict[str, Money] = field(default_factory=dict)
    relief: dict[Relief, str] = field(default_factory=dict)
    scheme: PointOfSaleScheme | None = None
    collector: Collector | None = None
    figures: list[Figure] = field(default_factory=list)

    def __post_init__(self) -> None:
        zero = self.zero
        self.freight = self.insurance = self.additions = self.onward = zero
        self.taxable_charges = self.taxable_fees = self.customs_value = zero
        self.duty_base = self.additional_base = self.excise_base = zero


@dataclass(slots=True, eq=False)
class Pending:
    """A figure whose amount awaits its family's rounding."""

    state: LineState
    exact: Money
    numerator: Decimal  # exact × divisor: the amount before any division
    divisor: int
    component: Component
    label: str
    payer: Party
    rule: str
    base: Money | None
    rate: str | None
    source: str | None
    detail: str | None


class _Route(NamedTuple):
    """How amounts in one currency reach the run's: nothing to do, or a path."""

    currency: Currency
    path: FxPath | None
    used: RateUsed | None


@dataclass(slots=True, eq=False)
class Run:
    """One computation: inputs, lines, and the audit trail being written."""

    shipment: Shipment
    regime: Regime
    fx: FxTable | None
    as_of: dt.date
    currency: Currency
    zero: Money
    lines: list[LineState] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    warnings: list[LandedCostWarning] = field(default_factory=list)
    rates: dict[tuple[str, str], RateUsed] = field(default_factory=dict)
    state: list[str] = field(default_factory=list)
    routes: dict[int, _Route] = field(default_factory=dict)
    intrinsic: Money | None = None

    def convert(self, money: Money, *, field: str) -> tuple[Money, RateUsed | None]:
        """Convert into the regime's currency, rounded once, recording the rate."""
        rounding = self.regime.fx_rounding
        currency = money.currency
        # Amounts mostly share a currency: how to convert it is found once,
        # and looked up by identity (a route holds its currency, so the id
        # stays that currency's for the run).
        route = self.routes.get(id(currency))
        if route is None or route.currency is not currency:
            route = self.routes[id(currency)] = self._route(currency, field)
        amount = in_currency(
            DECIMALS, money.amount, route.path, self.currency.minor_unit, rounding
        )
        return exact_money(amount, self.currency), route.used

    def _route(self, currency: Currency, field: str) -> _Route:
        if currency == self.currency:
            return _Route(currency, None, None)
        if self.fx is None:
            raise MissingFxRateError(
                "pass fx=FxTable(...) with the rates of the day",
                field=field,
                value=f"{currency.code}→{self.currency.code}",
                expected="an FX table to convert with",
            )
        path = find_path(self.fx, currency, self.currency, field=field)
        key = (currency.code, self.currency.code)
        used = self.rates.get(key)
        if used is None:
            used = self.rates[key] = rate_used(path)
        return _Route(currency, path, used)

    def intrinsic_value(self) -> Money:
        """The consignment's goods value in the run's currency (summed once)."""
        if self.intrinsic is None:
            self.intrinsic = self.total(state.goods for state in self.lines)
        return self.intrinsic

    def total(self, amounts: Iterable[Money]) -> Money:
        """``Money.total`` of amounts already in the run's currency."""
        add = EXACT.add
        total = Decimal(0)
        for money in amounts:
            total = add(total, money.amount)
        return exact_money(total, self.currency)

    def warn(self, code: str, message: str, source: str | None = None) -> None:
        """Record a warning."""
        self.warnings.append(_warning(code, message, source))

    def decide(self, rule: str, outcome: str, source: str | None = None) -> None:
        """Record a consignment-level decision."""
        self.decisions.append(decision(rule, outcome, source))

    def share(
        self, amount: Money, weights: list[Decimal], *, what: str
    ) -> tuple[tuple[Money, ...], str]:
        """Split ``amount`` by ``weights``, or by quantity if every weight is zero.

        Used for amounts the regime charges per consignment (a fee, a flat
        duty): their basis is the customs value, and a consignment whose
        every value is zero still owes a minimum fee, so the fallback is
        explicit and said in the figure's detail.
        """
        if any(weights):
            return allocate(amount, weights), f"{what} shared by customs value"
        quantities = [state.line.quantity for state in self.lines]
        return allocate(amount, quantities), f"{what} shared by quantity (no value)"


@functools.lru_cache(maxsize=256)
def _warning(code: str, message: str, source: str | None) -> LandedCostWarning:
    # Regime notes repeat on every call; the warning objects are immutable.
    return LandedCostWarning(code=code, message=message, source=source)


def settle(run: Run, policy: RoundingPolicy, pending: list[Pending]) -> list[Money]:
    """Round a family of figures (one duty or tax over all lines) and record them.

    Returns each figure's *base* amount: the line's own rounded figure, which
    later taxes are charged on (see :class:`~xborder.customs.RoundingPolicy`).
    """
    currency = run.currency
    rounded = [
        exact_money(
            rounded_figure(DECIMALS, policy, currency, i.numerator, i.divisor), currency
        )
        for i in pending
    ]
    how = ""
    if policy.total_step is None or not pending:
        amounts = rounded
    else:
        # The declaration's total of the exact figures, rounded once; shared
        # back in proportion to them (a family shares one divisor, which
        # cancels out of the proportions).
        numerators = [item.numerator for item in pending]
        exact_total = Decimal(0)
        for numerator in numerators:
            exact_total = EXACT.add(exact_total, numerator)
        divisor = pending[0].divisor
        total = exact_money(
            rounded_total(DECIMALS, policy, exact_total, divisor), currency
        )
        if any(numerators):
            amounts = list(allocate(total, numerators))
        else:
            amounts = [exact_money(Decimal(0), currency) for _ in pending]
    for item, amount, base_amount in zip(pending, amounts, rounded, strict=True):
        detail = item.detail
        changed = amount.amount != item.exact.amount
        if changed:
            how = how or policy.describe()
            if policy.total_step is not None and base_amount.amount != amount.amount:
                note = (
                    f"the line's own rounded figure, {base_amount}, is the base "
                    "of later taxes"
                )
                detail = f"{detail}; {note}" if detail else note
        item.state.figures.append(
            figure(
                item.state.index,
                item.component,
                item.label,
                amount,
                item.payer,
                item.rule,
                item.base,
                item.rate,
                item.source,
                detail,
                item.exact if changed else None,
                how if changed else None,
            )
        )
    return rounded


@dataclass(slots=True, eq=False)
class Family:
    """One duty or tax over all lines: each line's figure, rounded as a family.

    Without a declaration step the figures are final as they come, so each
    is rounded and recorded at once; with one they wait for :func:`settle`.
    ``on_base`` receives each line's base amount (its own rounded figure).
    """

    run: Run
    policy: RoundingPolicy
    on_base: Callable[[LineState, Money], None]
    pending: list[Pending] = field(default_factory=list)
    how: str = ""

    def __post_init__(self) -> None:
        self.policy.check_payable_in(self.run.currency)

    def add(
        self,
        state: LineState,
        exact: Money,
        *,
        component: Component,
        label: str,
        payer: Party,
        rule: str,
        base: Money | None,
        rate: str | None,
        source: str | None,
        detail: str | None,
        numerator: Decimal | None = None,
        divisor: int = 1,
    ) -> None:
        """Round and record one line's figure (or keep it for the declaration).

        ``exact`` is the figure before rounding; a tax with a divisor passes
        ``numerator`` (``exact × divisor``, exact), which is rounded once.
        """
        policy = self.policy
        top = exact.amount if numerator is None else numerator
        if policy.total_step is not None:
            self.pending.append(
                Pending(
                    state,
                    exact,
                    top,
                    divisor,
                    component,
                    label,
                    payer,
                    rule,
                    base,
                    rate,
                    source,
                    detail,
                )
            )
            return
        currency = self.run.currency
        amount = exact_money(
            rounded_figure(DECIMALS, policy, currency, top, divisor), currency
        )
        changed = amount.amount != exact.amount
        if changed and not self.how:
            self.how = policy.describe()
        state.figures.append(
            figure(
                state.index,
                component,
                label,
                amount,
                payer,
                rule,
                base,
                rate,
                source,
                detail,
                exact if changed else None,
                self.how if changed else None,
            )
        )
        self.on_base(state, amount)

    def finish(self) -> None:
        """Settle the figures kept for a declaration-level rounding."""
        if self.pending:
            bases = settle(self.run, self.policy, self.pending)
            for item, base in zip(self.pending, bases, strict=True):
                self.on_base(item.state, base)
            self.pending.clear()
