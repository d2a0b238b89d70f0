"""Duty expressions: the leaves (ad valorem, specific, flat), their basis and result.

Private; see :mod:`xborder.customs`. Compounds, floors, caps and the
evaluator are in ``_expression``.

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

import attrs

from xborder._ops import DECIMALS
from xborder._validate import (
    DecimalInput,
    named_errors,
    non_negative,
    positive,
    positive_count,
    text,
    tuple_of,
)
from xborder.customs._conversion import (
    RateUsed,
    convert_exact,
    exchange_path,
    percent,
    rate_used,
)
from xborder.customs._convert import key_field, trusted_init
from xborder.customs._formulas import ad_valorem, specific
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.fx import FxTable
from xborder.money import Money
from xborder.money.converters import exact_money, non_negative_money

__all__ = [
    "AdValorem",
    "DutyBasis",
    "DutyEvaluation",
    "FlatPerTariffLine",
    "Measure",
    "Specific",
    "basis_argument",
    "evaluation",
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


def _basis_quantities(values: Mapping[str, DecimalInput]) -> dict[str, Decimal]:
    if not isinstance(values, Mapping):
        raise InvalidTypeError(
            field=None, value=values, expected="a mapping of measure name to quantity"
        )
    quantities = {}
    for index, (name, value) in enumerate(values.items()):
        field = key_field(name, index)
        try:
            measure = _measure(name)
            amount = non_negative(value)
        except XborderError as error:
            raise error.in_field(field) from None
        quantities[measure] = amount
    return quantities


def _optional_fx(value: FxTable | None) -> FxTable | None:
    if value is not None and not isinstance(value, FxTable):
        raise InvalidTypeError(field=None, value=value, expected="an FxTable or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class DutyBasis:
    """What a duty expression is evaluated on, for one tariff line.

    Args:
        customs_value: The line's customs value in the duty currency (after
            any base rounding the jurisdiction applies).
        quantities: The line's tariff quantities by measure (``"kg"`` net
            mass, ``"item"`` count, ``"l"`` litres...), already in the
            measure's unit.
        fx: Rates for specific duties written in another currency.

    Raises:
        InvalidInputError: A negative customs value or quantity, a measure
            name that is not lower-case.
        InvalidTypeError: Not Money, not a mapping, a float quantity, an
            ``fx`` that is not an FxTable.

    Examples:
        >>> basis = DutyBasis(customs_value=Money("50.00", "EUR"), quantities={})
        >>> str(AdValorem("0.10").evaluate(basis).amount)
        '5.0000 EUR'
    """

    customs_value: Money = attrs.field(converter=non_negative_money)
    quantities: Mapping[str, Decimal] = attrs.field(converter=_basis_quantities)
    fx: FxTable | None = attrs.field(default=None, converter=_optional_fx)


def basis_argument(basis: DutyBasis) -> DutyBasis:
    """A method's ``basis`` argument: a :class:`DutyBasis`, else an error naming it."""
    if not isinstance(basis, DutyBasis):
        raise InvalidTypeError(field="basis", value=basis, expected="a DutyBasis")
    return basis


def _branches(values: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(values, str)


def _rates(values: Iterable[RateUsed]) -> tuple[RateUsed, ...]:
    return tuple_of(values, RateUsed)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class DutyEvaluation:
    """An exact (unrounded) duty amount and how it was reached.

    Args:
        amount: The duty, unrounded, in the customs value's currency.
        explanation: The arithmetic in words.
        branches: For each floor or cap, which side won; for each
            subtraction, ``"difference"`` or ``"zero"`` (for reverse pricing
            and audit).
        rates: Exchange rates used to convert specific amounts.

    Raises:
        InvalidInputError: A negative customs value or quantity, a measure
            name that is not lower-case.
        InvalidTypeError: Not Money, not a mapping, a float quantity, an
            ``fx`` that is not an FxTable.

    Examples:
        >>> basis = DutyBasis(customs_value=Money("50.00", "EUR"), quantities={})
        >>> AdValorem("0.10").evaluate(basis).explanation
        '10% × 50.00 EUR'
    """

    amount: Money = attrs.field(converter=non_negative_money)
    explanation: str = attrs.field(converter=text)
    branches: tuple[str, ...] = attrs.field(default=(), converter=_branches)
    rates: tuple[RateUsed, ...] = attrs.field(default=(), converter=_rates)


evaluation = trusted_init(
    DutyEvaluation, ("amount", "explanation", "branches", "rates")
)
"""``DutyEvaluation(...)`` from an evaluator's own values, positionally."""


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
        >>> str(AdValorem("0.035").evaluate(basis).amount)
        '4.02500 GBP'
    """

    rate: Decimal = attrs.field(converter=_rate)

    def evaluate(self, basis: DutyBasis) -> DutyEvaluation:
        """``rate × customs value``."""
        basis = basis_argument(basis)
        value = basis.customs_value
        amount = exact_money(
            ad_valorem(DECIMALS, value.amount, self.rate), value.currency
        )
        return evaluation(amount, f"{self} × {value}", (), ())

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
        >>> str(duty.evaluate(basis).amount)
        '87.75 EUR'
    """

    amount: Money = attrs.field(converter=non_negative_money)
    measure: str = attrs.field(converter=_measure)
    per: Decimal = attrs.field(default=Decimal(1), converter=positive)

    def evaluate(self, basis: DutyBasis) -> DutyEvaluation:
        """``amount × quantity ÷ per``, converted to the duty currency."""
        basis = basis_argument(basis)
        quantity = basis.quantities.get(self.measure)
        if quantity is None:
            raise InvalidInputError(
                f"the specific duty {self} needs it",
                field="tariff_quantities",
                value=dict(basis.quantities),
                expected=f"a quantity in {self.measure!r}",
            )
        target = basis.customs_value.currency
        path = exchange_path(self.amount.currency, target, basis.fx, field="fx")
        amount = specific(DECIMALS, self.amount.amount, quantity, self.per, path)
        explanation = f"{self} × {quantity:f} {self.measure}"
        used = None if path is None else rate_used(path)
        if used is not None:
            explanation += f" at {used}"
        converted = exact_money(amount, target)
        return evaluation(converted, explanation, (), () if used is None else (used,))

    def __str__(self) -> str:
        per = "" if self.per == 1 else f"{self.per:f} "
        return f"{self.amount} / {per}{self.measure}"


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
        basis = basis_argument(basis)
        target = basis.customs_value.currency
        converted, used = convert_exact(self.amount, target, basis.fx, field="fx")
        explanation = f"{self}"
        if used is not None:
            explanation += f" at {used}"
        return evaluation(converted, explanation, (), () if used is None else (used,))

    def __str__(self) -> str:
        return f"{self.amount} per tariff line ({self.digits}-digit)"
