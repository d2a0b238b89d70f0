"""Duty expressions: compounds, floors and caps, and the evaluator (private).

A tariff writes a duty as an expression: ``6.5%``, ``35.10 EUR / 100 kg``,
``12% MIN 2 EUR / 100 kg``. The leaves are in ``_duty``; here they combine,
and :func:`evaluate_duty` turns an expression into an exact amount for a
line, explaining every step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import attrs

from xborder._ops import DECIMALS
from xborder._validate import items_of, named_errors
from xborder.customs._duty import (
    AdValorem,
    DutyBasis,
    DutyEvaluation,
    FlatPerTariffLine,
    Specific,
    basis_argument,
    evaluation,
)
from xborder.customs._formulas import takes_maximum, takes_minimum
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal

__all__ = [
    "Cap",
    "Compound",
    "DutyExpression",
    "Floor",
    "duty_expression",
    "evaluate_duty",
]


def _parts(values: Iterable[DutyExpression]) -> tuple[DutyExpression, ...]:
    parts = items_of(values, field=None, expected="duty expressions")
    if not parts:
        raise InvalidInputError(field=None, value=parts, expected="at least one part")
    for index, part in enumerate(parts):
        _nested(part, f"[{index}]")
    return parts


def _nested(value: object, field: str | None) -> DutyExpression:
    expression = _expression(value, field)
    if isinstance(expression, FlatPerTariffLine):
        raise InvalidInputError(
            "it is charged once per tariff line of the consignment, not per line",
            field=field,
            value=expression,
            expected="a duty expression other than FlatPerTariffLine",
        )
    return expression


def _inner(value: DutyExpression) -> DutyExpression:
    return _nested(value, None)


def _subtracted(values: Iterable[DutyExpression]) -> tuple[DutyExpression, ...]:
    parts = items_of(values, field=None, expected="duty expressions")
    for index, part in enumerate(parts):
        _nested(part, f"[{index}]")
    return parts


@attrs.frozen(field_transformer=named_errors)
class Compound:
    """The sum of several duties, less any subtracted: ``6.5% + 2.00 EUR / 100 kg``.

    Some tariff lines subtract a specific amount (TARIC's duty expression
    02, "- % or amount"): ``10% - 1.50 EUR / 100 kg`` is
    ``Compound([AdValorem("0.10")], less=[Specific(...)])``. A duty is a
    charge, never a payment to the importer: when the subtracted parts
    outweigh the rest, the duty is zero, and the evaluation says so (its
    branch is ``"zero"``; otherwise ``"difference"``).

    Args:
        parts: The duties to add (at least one).
        less: The duties to subtract from their sum (none by default).

    Examples:
        >>> from decimal import Decimal
        >>> per_item = Specific(amount=Money("1", "EUR"), measure="item")
        >>> duty = Compound([AdValorem("0.05"), per_item])
        >>> items = {"item": Decimal(3)}
        >>> basis = DutyBasis(customs_value=Money(100, "EUR"), quantities=items)
        >>> str(evaluate_duty(duty, basis).amount)
        '8.00 EUR'
        >>> rebate = Compound([AdValorem("0.05")], less=[per_item])
        >>> str(rebate)
        '5% - 1 EUR / item'
        >>> result = evaluate_duty(rebate, basis)
        >>> str(result.amount), result.branches
        ('2.00 EUR', ('difference',))
    """

    parts: tuple[DutyExpression, ...] = attrs.field(converter=_parts)
    less: tuple[DutyExpression, ...] = attrs.field(default=(), converter=_subtracted)

    def evaluate(self, basis: DutyBasis) -> DutyEvaluation:
        """The sum of the parts, less the subtracted ones, never below zero."""
        basis = basis_argument(basis)
        added = _combine([part.evaluate(basis) for part in self.parts], " + ", basis)
        if not self.less:
            return added
        taken = [part.evaluate(basis) for part in self.less]
        return _difference(added, taken)

    def __str__(self) -> str:
        text = " + ".join(_bracketed(part) for part in self.parts)
        return "".join([text, *(f" - {_bracketed(part)}" for part in self.less)])


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Floor:
    """A duty with a minimum: the tariff's ``12% MIN 2.00 EUR / 100 kg``.

    The tariff's ``MIN`` is a floor: the duty is the larger of the two.

    Args:
        duty: The main duty.
        minimum: The least that is charged.

    Examples:
        >>> from decimal import Decimal
        >>> duty = Floor(
        ...     duty=AdValorem("0.12"),
        ...     minimum=Specific(amount=Money("2", "EUR"), measure="kg", per=100),
        ... )
        >>> str(duty)
        '12% MIN 2 EUR / 100 kg'
        >>> kilograms = {"kg": Decimal(500)}
        >>> basis = DutyBasis(customs_value=Money(10, "EUR"), quantities=kilograms)
        >>> evaluation = evaluate_duty(duty, basis)
        >>> str(evaluation.amount), evaluation.branches
        ('10 EUR', ('minimum',))
    """

    duty: DutyExpression = attrs.field(converter=_inner)
    minimum: DutyExpression = attrs.field(converter=_inner)

    def evaluate(self, basis: DutyBasis) -> DutyEvaluation:
        """``max(duty, minimum)``."""
        basis = basis_argument(basis)
        main, least = self.duty.evaluate(basis), self.minimum.evaluate(basis)
        duty: Decimal = main.amount.amount
        minimum: Decimal = least.amount.amount
        chosen, branch = (
            (least, "minimum")
            if takes_minimum(DECIMALS, duty, minimum)
            else (main, "rate")
        )
        return _chosen(chosen, main, least, branch, f"{self}")

    def __str__(self) -> str:
        return f"{_bracketed(self.duty)} MIN {_bracketed(self.minimum)}"


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Cap:
    """A duty with a maximum: the tariff's ``12% MAX 24 EUR / 100 kg``.

    The tariff's ``MAX`` is a ceiling: the duty is the smaller of the two.

    Args:
        duty: The main duty.
        maximum: The most that is charged.

    Examples:
        >>> from decimal import Decimal
        >>> ceiling = Specific(amount=Money(24, "EUR"), measure="kg", per=100)
        >>> duty = Cap(duty=AdValorem("0.12"), maximum=ceiling)
        >>> kilograms = {"kg": Decimal(100)}
        >>> basis = DutyBasis(customs_value=Money(1000, "EUR"), quantities=kilograms)
        >>> str(evaluate_duty(duty, basis).amount)
        '24 EUR'
    """

    duty: DutyExpression = attrs.field(converter=_inner)
    maximum: DutyExpression = attrs.field(converter=_inner)

    def evaluate(self, basis: DutyBasis) -> DutyEvaluation:
        """``min(duty, maximum)``."""
        basis = basis_argument(basis)
        main, most = self.duty.evaluate(basis), self.maximum.evaluate(basis)
        duty: Decimal = main.amount.amount
        maximum: Decimal = most.amount.amount
        chosen, branch = (
            (most, "maximum")
            if takes_maximum(DECIMALS, duty, maximum)
            else (main, "rate")
        )
        return _chosen(chosen, main, most, branch, f"{self}")

    def __str__(self) -> str:
        return f"{_bracketed(self.duty)} MAX {_bracketed(self.maximum)}"


DutyExpression: TypeAlias = (
    AdValorem | Specific | Compound | Floor | Cap | FlatPerTariffLine
)
"""Any duty expression."""

_KINDS = (AdValorem, Specific, Compound, Floor, Cap, FlatPerTariffLine)


def _expression(value: object, field: str | None) -> DutyExpression:
    if not isinstance(value, _KINDS):
        raise InvalidTypeError(
            field=field,
            value=value,
            expected="a duty expression (AdValorem, Specific, Compound, Floor, Cap, "
            "FlatPerTariffLine)",
        )
    return value


def duty_expression(value: DutyExpression) -> DutyExpression:
    """Converter: any :data:`DutyExpression`."""
    return _expression(value, None)


def _bracketed(expression: DutyExpression) -> str:
    text = str(expression)
    return f"({text})" if isinstance(expression, Compound | Floor | Cap) else text


def _combine(
    results: list[DutyEvaluation], joiner: str, basis: DutyBasis
) -> DutyEvaluation:
    total = Money.zero(basis.customs_value.currency)
    for result in results:
        total = total + result.amount
    return evaluation(
        total,
        joiner.join(f"({result.explanation})" for result in results),
        tuple(b for result in results for b in result.branches),
        tuple(r for result in results for r in result.rates),
    )


def _difference(added: DutyEvaluation, taken: list[DutyEvaluation]) -> DutyEvaluation:
    # A duty is never negative: a difference below zero charges nothing.
    total = added.amount
    for result in taken:
        total = total - result.amount
    negative = total.amount < 0
    amount = Money.zero(total.currency) if negative else total
    explanation = " - ".join(
        [added.explanation, *(f"({r.explanation})" for r in taken)]
    )
    if negative:
        explanation += f" = {total}, below zero: no duty (a duty is never negative)"
    branch = "zero" if negative else "difference"
    return evaluation(
        amount,
        explanation,
        (*added.branches, *(b for r in taken for b in r.branches), branch),
        (*added.rates, *(u for r in taken for u in r.rates)),
    )


def _chosen(
    chosen: DutyEvaluation,
    first: DutyEvaluation,
    second: DutyEvaluation,
    branch: str,
    text: str,
) -> DutyEvaluation:
    return evaluation(
        chosen.amount,
        (
            f"{text}: {first.explanation} = {first.amount}, "
            f"{second.explanation} = {second.amount}; {branch} applies"
        ),
        (*first.branches, *second.branches, branch),
        (*first.rates, *second.rates),
    )


def evaluate_duty(expression: DutyExpression, basis: DutyBasis) -> DutyEvaluation:
    """Evaluate a duty expression exactly, explaining each step.

    The result is not rounded: a landed cost rounds each line's duty once,
    with the jurisdiction's :class:`~xborder.customs.RoundingPolicy`.

    Args:
        expression: The duty as the tariff writes it.
        basis: The line's customs value and tariff quantities.

    Raises:
        InvalidInputError: A specific duty needs a quantity the basis lacks.
        MissingFxRateError: A specific amount is in another currency and the
            basis has no FX table (or the table no path).

    Examples:
        >>> basis = DutyBasis(customs_value=Money("100.00", "USD"), quantities={})
        >>> result = evaluate_duty(AdValorem("0.053"), basis)
        >>> str(result.amount), result.explanation
        ('5.30000 USD', '5.3% × 100.00 USD')
    """
    checked = _expression(expression, "expression")
    return checked.evaluate(basis_argument(basis))
