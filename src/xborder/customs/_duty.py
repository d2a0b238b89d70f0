"""Duty expressions and their evaluator (private; see xborder.customs).

A tariff writes a duty as an expression: ``6.5%``, ``35.10 EUR / 100 kg``,
``12% MIN 2 EUR / 100 kg``. Each class here is one node of such an
expression; :func:`evaluate_duty` turns one into an exact amount for a line,
explaining every step. Rates are data the caller supplies from the tariff;
the arithmetic is xborder's.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TypeAlias

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    DecimalInput,
    named_errors,
    non_negative,
    positive,
    positive_count,
    to_decimal,
)
from xborder.customs._conversion import RateUsed, convert_exact, percent
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.fx import FxTable
from xborder.money import Money
from xborder.money._money import _make, non_negative_money

__all__ = [
    "AdValorem",
    "Cap",
    "Compound",
    "DutyBasis",
    "DutyEvaluation",
    "DutyExpression",
    "FlatPerTariffLine",
    "Floor",
    "Measure",
    "Specific",
    "duty_expression",
    "evaluate_duty",
]


class Measure(enum.StrEnum):
    """Common units a specific duty is charged per (any lower-case name works).

    ``KG`` is net mass and defaults to the line's unit weight × quantity;
    ``ITEM`` defaults to the line's quantity. Every other measure must be
    given on the line as a tariff quantity.

    Examples:
        >>> Measure.KG.value, Measure.PAIR.value
        ('kg', 'pair')
    """

    KG = "kg"
    """Kilograms of net mass (the UK/EU tariff's KGM; 100 kg is DTN)."""
    LITRE = "l"
    """Litres of product (LTR; a hectolitre is 100)."""
    ITEM = "item"
    """Number of items (p/st, NAR)."""
    PAIR = "pair"
    """Pairs (NPR): shoes, gloves."""
    LITRE_PURE_ALCOHOL = "l_alc"
    """Litres of pure (100%) alcohol (LPA): spirits."""


_MEASURE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _measure(value: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a measure name")
    if not _MEASURE_NAME.match(value):
        raise InvalidInputError(
            field=None,
            value=value,
            expected="a lower-case measure name such as 'kg', 'l', 'item' or 'pair'",
        )
    return str(value)


@attrs.frozen(kw_only=True)
class DutyBasis:
    """What a duty expression is evaluated on, for one tariff line.

    Args:
        customs_value: The line's customs value in the duty currency (after
            any base rounding the jurisdiction applies).
        quantities: The line's tariff quantities by measure (``"kg"`` net
            mass, ``"item"`` count, ``"l"`` litres...), already in the
            measure's unit.
        fx: Rates for specific duties written in another currency.

    Examples:
        >>> basis = DutyBasis(customs_value=Money("50.00", "EUR"), quantities={})
        >>> str(evaluate_duty(AdValorem("0.10"), basis).amount)
        '5.0000 EUR'
    """

    customs_value: Money
    quantities: Mapping[str, Decimal]
    fx: FxTable | None = None


@attrs.frozen(kw_only=True)
class DutyEvaluation:
    """An exact (unrounded) duty amount and how it was reached.

    Args:
        amount: The duty, unrounded, in the customs value's currency.
        explanation: The arithmetic in words.
        branches: For each floor or cap, which side won (for reverse pricing
            and audit).
        rates: Exchange rates used to convert specific amounts.

    Examples:
        >>> basis = DutyBasis(customs_value=Money("50.00", "EUR"), quantities={})
        >>> evaluate_duty(AdValorem("0.10"), basis).explanation
        '10% × 50.00 EUR'
    """

    amount: Money
    explanation: str
    branches: tuple[str, ...] = ()
    rates: tuple[RateUsed, ...] = ()


def _rate(value: DecimalInput) -> Decimal:
    return non_negative(value)


@attrs.frozen(field_transformer=named_errors)
class AdValorem:
    """A percentage of the customs value: the tariff's ``6.5%``.

    Args:
        rate: The rate as a fraction, ``"0.065"`` for 6.5%; rates above 1
            exist (punitive and retaliatory tariffs).

    Examples:
        >>> basis = DutyBasis(customs_value=Money("115.00", "GBP"), quantities={})
        >>> str(evaluate_duty(AdValorem("0.035"), basis).amount)
        '4.02500 GBP'
    """

    rate: Decimal = attrs.field(converter=_rate)

    def evaluate(self, basis: DutyBasis) -> DutyEvaluation:
        """``rate × customs value``."""
        value = basis.customs_value
        amount = _make(EXACT.multiply(value.amount, self.rate), value.currency)
        return DutyEvaluation(amount=amount, explanation=f"{self} × {value}")

    def __str__(self) -> str:
        return percent(self.rate)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Specific:
    """An amount per unit of a measure: the tariff's ``35.10 EUR / 100 kg``.

    Args:
        amount: The money per ``per`` units, in any currency (converted with
            the FX table if it differs from the duty currency).
        measure: What the duty is charged per: ``"kg"``, ``"l"``, ``"item"``,
            ``"pair"``, ``"l_alc"`` or any lower-case name of your own.
        per: How many units of ``measure`` the amount is for (100 for
            "per 100 kg").

    Raises:
        InvalidInputError: When evaluated for a line that does not give the
            quantity of ``measure`` it needs.

    Examples:
        >>> duty = Specific(amount=Money("35.10", "EUR"), measure="kg", per=100)
        >>> str(duty)
        '35.10 EUR / 100 kg'
        >>> kilograms = {"kg": Decimal(250)}
        >>> basis = DutyBasis(customs_value=Money(0, "EUR"), quantities=kilograms)
        >>> str(evaluate_duty(duty, basis).amount)
        '87.75 EUR'
    """

    amount: Money = attrs.field(converter=non_negative_money)
    measure: str = attrs.field(converter=_measure)
    per: Decimal = attrs.field(default=Decimal(1), converter=positive)

    def evaluate(self, basis: DutyBasis) -> DutyEvaluation:
        """``amount × quantity ÷ per``, converted to the duty currency."""
        quantity = basis.quantities.get(self.measure)
        if quantity is None:
            raise InvalidInputError(
                f"the specific duty {self} needs it",
                field="tariff_quantities",
                value=dict(basis.quantities),
                expected=f"a quantity in {self.measure!r}",
            )
        units = DIVISION.divide(EXACT.multiply(self.amount.amount, quantity), self.per)
        raw = _make(units, self.amount.currency)
        target = basis.customs_value.currency
        converted, used = convert_exact(raw, target, basis.fx, field="fx")
        explanation = f"{self} × {quantity:f} {self.measure}"
        if used is not None:
            explanation += f" at {used}"
        return DutyEvaluation(
            amount=converted,
            explanation=explanation,
            rates=() if used is None else (used,),
        )

    def __str__(self) -> str:
        per = "" if self.per == 1 else f"{self.per:f} "
        return f"{self.amount} / {per}{self.measure}"


def _parts(values: Iterable[DutyExpression]) -> tuple[DutyExpression, ...]:
    given: object = values
    if isinstance(given, str) or not isinstance(values, Iterable):
        raise InvalidTypeError(field=None, value=values, expected="duty expressions")
    parts = tuple(values)
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


@attrs.frozen(field_transformer=named_errors)
class Compound:
    """The sum of several duties: ``6.5% + 2.00 EUR / 100 kg``.

    Args:
        parts: The duties to add (at least one).

    Examples:
        >>> per_item = Specific(amount=Money("1", "EUR"), measure="item")
        >>> duty = Compound([AdValorem("0.05"), per_item])
        >>> items = {"item": Decimal(3)}
        >>> basis = DutyBasis(customs_value=Money(100, "EUR"), quantities=items)
        >>> str(evaluate_duty(duty, basis).amount)
        '8.00 EUR'
    """

    parts: tuple[DutyExpression, ...] = attrs.field(converter=_parts)

    def evaluate(self, basis: DutyBasis) -> DutyEvaluation:
        """The sum of the parts."""
        results = [part.evaluate(basis) for part in self.parts]
        return _combine(results, " + ", basis)

    def __str__(self) -> str:
        return " + ".join(_bracketed(part) for part in self.parts)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Floor:
    """A duty with a minimum: the tariff's ``12% MIN 2.00 EUR / 100 kg``.

    The tariff's ``MIN`` is a floor: the duty is the larger of the two.

    Args:
        duty: The main duty.
        minimum: The least that is charged.

    Examples:
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
        main, least = self.duty.evaluate(basis), self.minimum.evaluate(basis)
        chosen, branch = (
            (least, "minimum") if least.amount > main.amount else (main, "rate")
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
        main, most = self.duty.evaluate(basis), self.maximum.evaluate(basis)
        chosen, branch = (
            (most, "maximum") if most.amount < main.amount else (main, "rate")
        )
        return _chosen(chosen, main, most, branch, f"{self}")

    def __str__(self) -> str:
        return f"{_bracketed(self.duty)} MAX {_bracketed(self.maximum)}"


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FlatPerTariffLine:
    """A flat amount per distinct tariff line of a consignment.

    The EU's temporary customs duty on low-value e-commerce (from 1 July
    2026) is €3 per *item*, where an item is a distinct tariff subheading:
    five T-shirts pay €3, a T-shirt and a watch €6. A landed cost groups the
    consignment's lines by their code cut to ``digits`` and charges the
    amount once per group, shared over the group's lines by value.

    It cannot sit inside another expression.

    Args:
        amount: The amount per tariff line.
        digits: How many digits of the HS code make a tariff line (6: the
            subheading; sources differ on 6 or 10 for full declarations).

    Examples:
        >>> str(FlatPerTariffLine(amount=Money(3, "EUR")))
        '3 EUR per tariff line (6-digit)'
    """

    amount: Money = attrs.field(converter=non_negative_money)
    digits: int = attrs.field(default=6, converter=positive_count)

    def evaluate(self, basis: DutyBasis) -> DutyEvaluation:
        """The flat amount, once (the landed cost shares it over a group)."""
        target = basis.customs_value.currency
        converted, used = convert_exact(self.amount, target, basis.fx, field="fx")
        explanation = f"{self}"
        if used is not None:
            explanation += f" at {used}"
        return DutyEvaluation(
            amount=converted,
            explanation=explanation,
            rates=() if used is None else (used,),
        )

    def __str__(self) -> str:
        return f"{self.amount} per tariff line ({self.digits}-digit)"


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
    return DutyEvaluation(
        amount=total,
        explanation=joiner.join(f"({result.explanation})" for result in results),
        branches=tuple(b for result in results for b in result.branches),
        rates=tuple(r for result in results for r in result.rates),
    )


def _chosen(
    chosen: DutyEvaluation,
    first: DutyEvaluation,
    second: DutyEvaluation,
    branch: str,
    text: str,
) -> DutyEvaluation:
    return DutyEvaluation(
        amount=chosen.amount,
        explanation=(
            f"{text}: {first.explanation} = {first.amount}, "
            f"{second.explanation} = {second.amount}; {branch} applies"
        ),
        branches=(*first.branches, *second.branches, branch),
        rates=(*first.rates, *second.rates),
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
    if not isinstance(basis, DutyBasis):
        raise InvalidTypeError(field="basis", value=basis, expected="a DutyBasis")
    return checked.evaluate(basis)


def quantities(values: Mapping[str, DecimalInput]) -> dict[str, Decimal]:
    """Check a mapping of measure names to quantities (>= 0)."""
    checked: dict[str, Decimal] = {}
    for name, amount in values.items():
        number = to_decimal(amount, field=f"quantities[{name!r}]")
        if number < 0:
            raise InvalidInputError(
                field=f"quantities[{name!r}]", value=amount, expected="a quantity >= 0"
            )
        checked[_measure(name)] = number
    return checked
