"""Budget allocation across channels by marginal CAC (private; see xborder.ledger)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    items_of,
    named_errors,
    non_negative_count,
    text,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.kpi import MoneyRatio
from xborder.ledger._checks import (
    builder,
    checked,
    in_currency,
    money,
    non_negative_money,
    optional_money,
)
from xborder.money import Currency, Money, RoundingMode

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "BudgetPlan",
    "ChannelCurve",
    "FundedStep",
    "SpendStep",
    "allocate_budget",
]


def _positive_money(value: Money) -> Money:
    amount = money(value)
    if amount.amount <= 0:
        raise InvalidInputError(field=None, value=amount, expected="an amount > 0")
    return amount


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SpendStep:
    """One more slice of spend on a channel, and the new customers it brings.

    Args:
        spend: The slice's spend.
        customers: New customers it brings (measured, or from a test).

    Examples:
        >>> step = SpendStep(spend=Money("500", "EUR"), customers=25)
        >>> str(step.marginal_cac.value)
        '20 EUR'
    """

    spend: Money = attrs.field(converter=_positive_money)
    customers: int = attrs.field(converter=non_negative_count)

    @property
    def marginal_cac(self) -> MoneyRatio:
        """Spend / customers: what one more customer costs at this step."""
        return MoneyRatio(amount=self.spend, count=self.customers)


def _steps(values: Iterable[SpendStep]) -> tuple[SpendStep, ...]:
    steps = tuple_of(values, SpendStep)
    if not steps:
        raise InvalidInputError(field=None, value=steps, expected="a step or more")
    return steps


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ChannelCurve:
    """A channel's response to spend: steps taken in order, each dearer than the last.

    Returns diminish: the first €500 on a channel reaches the warmest
    audience, the next €500 a colder one. Give the steps in the order spend
    would buy them.

    Args:
        channel: The channel.
        steps: Its slices of spend, in order.

    Examples:
        >>> curve = ChannelCurve(channel="email", steps=[
        ...     SpendStep(spend=Money("100", "EUR"), customers=10),
        ...     SpendStep(spend=Money("100", "EUR"), customers=4)])
        >>> str(curve.steps[1].marginal_cac.value)
        '25 EUR'
    """

    channel: str = attrs.field(converter=text)
    steps: tuple[SpendStep, ...] = attrs.field(converter=_steps)

    def __attrs_post_init__(self) -> None:
        currency = self.steps[0].spend.currency
        for index, step in enumerate(self.steps):
            in_currency(step.spend, currency, f"steps[{index}].spend")


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FundedStep:
    """A step the allocation funded, in the order it funded them.

    Args:
        channel: The channel.
        step: The step's place on its curve (0 first).
        spend: Its spend.
        customers: Its new customers.

    Examples:
        >>> funded = FundedStep(channel="email", step=0,
        ...     spend=Money("100", "EUR"), customers=10)
        >>> print(funded.explanation)
        email, step 1: 100 EUR for 10 new customers (marginal CAC 10.00 EUR)
    """

    channel: str = attrs.field(converter=text)
    step: int = attrs.field(converter=non_negative_count)
    spend: Money = attrs.field(converter=_positive_money)
    customers: int = attrs.field(converter=non_negative_count)

    @property
    def marginal_cac(self) -> MoneyRatio:
        """Spend / customers."""
        return MoneyRatio(amount=self.spend, count=self.customers)

    @property
    def explanation(self) -> str:
        """The step in words (the marginal CAC rounded half-even to the cent)."""
        cac = self.marginal_cac.format(RoundingMode.HALF_EVEN)
        return (
            f"{self.channel}, step {self.step + 1}: {self.spend} for "
            f"{self.customers} new customers (marginal CAC {cac})"
        )


_funded = builder(FundedStep)


def _funded_steps(values: Iterable[FundedStep]) -> tuple[FundedStep, ...]:
    return tuple_of(values, FundedStep)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class BudgetPlan:
    """How a budget was spread across channels (see :func:`allocate_budget`).

    Args:
        budget: The budget.
        funded: The steps funded, cheapest marginal CAC first.
        max_cac: The dearest marginal CAC the plan would buy, if capped.

    Examples:
        >>> plan = BudgetPlan(budget=Money("150", "EUR"), funded=[FundedStep(
        ...     channel="email", step=0, spend=Money("100", "EUR"), customers=10)])
        >>> str(plan.unspent), plan.spend_by_channel()
        ('50 EUR', (('email', Money('100', 'EUR')),))
    """

    budget: Money = attrs.field(converter=non_negative_money)
    funded: tuple[FundedStep, ...] = attrs.field(converter=_funded_steps)
    max_cac: Money | None = attrs.field(default=None, converter=optional_money)

    def __attrs_post_init__(self) -> None:
        currency = self.budget.currency
        for index, step in enumerate(self.funded):
            in_currency(step.spend, currency, f"funded[{index}].spend")
        if self.max_cac is not None:
            in_currency(self.max_cac, currency, "max_cac")
        if self.spent > self.budget:
            raise InvalidInputError(
                field="funded", value=self.spent, expected=f"at most {self.budget}"
            )

    @property
    def currency(self) -> Currency:
        """The budget's currency."""
        return self.budget.currency

    @property
    def spent(self) -> Money:
        """The funded steps' spend."""
        return Money.total((s.spend for s in self.funded), currency=self.currency)

    @property
    def unspent(self) -> Money:
        """Budget − spent: what no step left could use well enough."""
        return self.budget - self.spent

    @property
    def customers(self) -> int:
        """New customers the plan buys."""
        return sum(step.customers for step in self.funded)

    @property
    def cac(self) -> MoneyRatio:
        """The plan's average CAC: spent / customers."""
        return MoneyRatio(amount=self.spent, count=self.customers)

    def spend_by_channel(self) -> tuple[tuple[str, Money], ...]:
        """Spend per channel, in the order channels were first funded."""
        totals: dict[str, Money] = {}
        for step in self.funded:
            totals[step.channel] = totals.get(step.channel, Money(0, self.currency)) + (
                step.spend
            )
        return tuple(totals.items())

    @property
    def explanation(self) -> str:
        """The plan step by step, then what was left and why."""
        lines = [step.explanation for step in self.funded]
        lines.append(
            f"spent {self.spent} of {self.budget} on {self.customers} new customers"
        )
        if not self.unspent.is_zero():
            cap = f" at a marginal CAC up to {self.max_cac}" if self.max_cac else ""
            lines.append(f"{self.unspent} left: no step left fits it{cap}")
        return "\n".join(lines)


def allocate_budget(
    curves: Iterable[ChannelCurve],
    *,
    budget: Money,
    max_cac: Money | None = None,
) -> BudgetPlan:
    """Spread a budget across channels, cheapest next customer first.

    The rule, greedy and explainable: look at each channel's next step;
    fund the one with the lowest marginal CAC (spend / new customers) that
    fits the budget left and costs at most ``max_cac`` per customer; repeat
    until no step fits. Each channel's steps are taken in order. When
    returns diminish (each step dearer than the last), this is the best
    split of the budget in whole steps' terms: the last euro on every
    channel buys customers at about the same marginal CAC. Set ``max_cac``
    from what a customer is worth (an LTV over 3 is the usual rule of
    thumb) so the plan stops buying customers at a loss. Ties go to the
    channel listed first; steps that bring no customer are never funded.

    Raises:
        CurrencyMismatchError: A curve in another currency than the budget.
        InvalidInputError: Two curves for one channel.

    Examples:
        >>> def steps(*pairs):
        ...     return [SpendStep(spend=Money(s, "EUR"), customers=c) for s, c in pairs]
        >>> curves = [ChannelCurve(channel="influencers", steps=steps((300, 20),
        ...     (300, 12), (300, 8))), ChannelCurve(channel="social",
        ...     steps=steps((200, 10), (200, 6))), ChannelCurve(channel="email",
        ...     steps=steps((50, 8), (50, 2)))]
        >>> plan = allocate_budget(curves, budget=Money("1000", "EUR"),
        ...     max_cac=Money("30", "EUR"))
        >>> print(plan.explanation)
        email, step 1: 50 EUR for 8 new customers (marginal CAC 6.25 EUR)
        influencers, step 1: 300 EUR for 20 new customers (marginal CAC 15.00 EUR)
        social, step 1: 200 EUR for 10 new customers (marginal CAC 20.00 EUR)
        influencers, step 2: 300 EUR for 12 new customers (marginal CAC 25.00 EUR)
        email, step 2: 50 EUR for 2 new customers (marginal CAC 25.00 EUR)
        spent 900 EUR of 1000 EUR on 52 new customers
        100 EUR left: no step left fits it at a marginal CAC up to 30 EUR
    """
    total = checked(non_negative_money, budget, "budget")
    cap = checked(optional_money, max_cac, "max_cac")
    if cap is not None:
        in_currency(cap, total.currency, "max_cac")
    listed = _curves(curves, total.currency)
    taken = [0] * len(listed)
    left = total
    funded = []
    while True:
        best: int | None = None
        for index, curve in enumerate(listed):
            if taken[index] >= len(curve.steps):
                continue
            step = curve.steps[taken[index]]
            if not step.customers or step.spend > left:
                continue
            if cap is not None and step.spend.amount > EXACT.multiply(
                cap.amount, step.customers
            ):
                continue
            if best is None or _cheaper(step, listed[best].steps[taken[best]]):
                best = index
        if best is None:
            break
        step = listed[best].steps[taken[best]]
        funded.append(
            _funded(
                channel=listed[best].channel,
                step=taken[best],
                spend=step.spend,
                customers=step.customers,
            )
        )
        left -= step.spend
        taken[best] += 1
    return BudgetPlan(budget=total, funded=funded, max_cac=cap)


def _curves(
    curves: Iterable[ChannelCurve], currency: Currency
) -> tuple[ChannelCurve, ...]:
    listed = items_of(curves, field="curves")
    names: set[str] = set()
    for index, curve in enumerate(listed):
        if not isinstance(curve, ChannelCurve):
            raise InvalidTypeError(
                field=f"curves[{index}]", value=curve, expected="a ChannelCurve"
            )
        if curve.channel in names:
            raise InvalidInputError(
                field=f"curves[{index}].channel",
                value=curve.channel,
                expected="each channel once",
            )
        names.add(curve.channel)
        in_currency(curve.steps[0].spend, currency, f"curves[{index}]")
    return listed


def _cheaper(step: SpendStep, other: SpendStep) -> bool:
    """Whether ``step``'s marginal CAC is below ``other``'s, exactly."""
    multiply = EXACT.multiply
    return multiply(step.spend.amount, other.customers) < multiply(
        other.spend.amount, step.customers
    )
