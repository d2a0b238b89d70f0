"""The customs formulas, written once over an ops engine (private).

Each function is a rule of :mod:`xborder.customs` as arithmetic: the scalar
calculators (:meth:`~xborder.customs.RoundingPolicy.round`, the duty
expressions, :meth:`~xborder.customs.Fee.evaluate`, the landed cost's tax
step) evaluate them on Decimals with :data:`xborder._ops.DECIMALS`, and
``xborder.frames`` evaluates the very same functions on whole columns.
Parameters (a rate, a step, a divisor, a tariff's expression) are plain
Python values that may drive ``if`` statements; what varies per line goes
through ``ops``. Public, checked entry points are in
:mod:`xborder.customs.rules`.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from xborder.customs._conversion import exchange_path
from xborder.customs._duty import AdValorem, Specific
from xborder.customs._expression import Cap, Compound, Floor
from xborder.customs._formulas import (
    FeeAmount,
    FeeTests,
    ad_valorem,
    converted,
    exceeds,
    fee_amount,
    fee_due,
    specific,
    takes_maximum,
    takes_minimum,
    taxed,
)
from xborder.customs._steps import rounded, rounded_base, rounded_total, to_step
from xborder.customs._tax import TaxBase
from xborder.errors import InvalidInputError
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from xborder._ops import Ops
    from xborder.customs._expression import DutyExpression
    from xborder.fx import FxTable
    from xborder.money import Currency

__all__ = [
    "FeeAmount",
    "FeeTests",
    "ad_valorem",
    "converted",
    "duty_amount",
    "duty_parameters",
    "duty_shape",
    "exceeds",
    "fee_amount",
    "fee_due",
    "rounded",
    "rounded_base",
    "rounded_total",
    "specific",
    "takes_maximum",
    "takes_minimum",
    "tax_base",
    "tax_parts",
    "taxed",
    "to_step",
]

V = TypeVar("V")
C = TypeVar("C")


class _Walk:
    """Evaluates one expression's amount, leaf parameters read in order."""

    def __init__(  # noqa: PLR0917 - one walk's state, set once
        self,
        ops: Ops[Any, Any],
        value: object,
        quantities: Mapping[str, object],
        currency: Currency,
        fx: FxTable | None,
        parameters: Iterator[object] | None,
    ) -> None:
        self.ops, self.value, self.quantities = ops, value, quantities
        self.currency, self.fx, self.parameters = currency, fx, parameters

    def parameter(self, own: Decimal) -> object:
        return own if self.parameters is None else next(self.parameters)

    def amount(self, expression: DutyExpression) -> object:
        ops = self.ops
        if isinstance(expression, AdValorem):
            rate = self.parameter(expression.rate)
            return ad_valorem(ops, self.value, rate)
        if isinstance(expression, Specific):
            return self.specific(expression)
        if isinstance(expression, Compound):
            total: object = Money.zero(self.currency).amount
            for part in expression.parts:
                total = ops.add(total, self.amount(part))
            if not expression.less:
                return total
            for part in expression.less:
                total = ops.sub(total, self.amount(part))
            # A duty is never negative (see Compound).
            return ops.maximum(total, Decimal(0))
        if isinstance(expression, Floor):
            main, least = self.amount(expression.duty), self.amount(expression.minimum)
            chosen = takes_minimum(ops, main, least)
            return ops.where(chosen, least, main)
        if isinstance(expression, Cap):
            main, most = self.amount(expression.duty), self.amount(expression.maximum)
            chosen = takes_maximum(ops, main, most)
            return ops.where(chosen, most, main)
        raise InvalidInputError(
            "it is charged once per tariff line of a consignment, not per line",
            field="expression",
            value=expression,
            expected="a per-line duty expression",
        )

    def specific(self, expression: Specific) -> object:
        money = self.parameter(expression.amount.amount)
        quantity = self.quantities.get(expression.measure)
        if quantity is None:
            raise InvalidInputError(
                f"the specific duty {expression} needs it",
                field="tariff_quantities",
                value=sorted(self.quantities),
                expected=f"a quantity in {expression.measure!r}",
            )
        path = exchange_path(
            expression.amount.currency, self.currency, self.fx, field="fx"
        )
        return specific(self.ops, money, quantity, expression.per, path)


def duty_amount(
    ops: Ops[V, C],
    expression: DutyExpression,
    value: V | Decimal,
    quantities: Mapping[str, V | Decimal],
    *,
    currency: Currency,
    fx: FxTable | None = None,
    parameters: Sequence[V | Decimal] | None = None,
) -> V:
    """A per-line duty expression's exact (unrounded) amount in ``currency``.

    ``quantities`` gives specific duties their quantity by measure; ``fx``
    converts specific amounts in another currency. ``parameters``, when
    given, replace the leaves' own rates and amounts in
    :func:`duty_parameters` order (a column engine evaluating many tariff
    rows of one :func:`duty_shape` at once).
    """
    given = None if parameters is None else iter(parameters)
    walk = _Walk(ops, value, quantities, currency, fx, given)
    return walk.amount(expression)  # type: ignore[return-value]


def duty_parameters(expression: DutyExpression) -> tuple[Decimal, ...]:
    """The leaves' rates and specific amounts, depth first."""
    if isinstance(expression, AdValorem):
        return (expression.rate,)
    if isinstance(expression, Specific):
        return (expression.amount.amount,)
    if isinstance(expression, Compound):
        parts = (*expression.parts, *expression.less)
        return tuple(p for part in parts for p in duty_parameters(part))
    if isinstance(expression, Floor):
        return duty_parameters(expression.duty) + duty_parameters(expression.minimum)
    if isinstance(expression, Cap):
        return duty_parameters(expression.duty) + duty_parameters(expression.maximum)
    return ()


def duty_shape(expression: DutyExpression) -> tuple[object, ...]:
    """What an expression computes, without its rates and amounts (hashable).

    Two expressions of one shape differ only in :func:`duty_parameters`.
    """
    if isinstance(expression, AdValorem):
        return ("ad valorem",)
    if isinstance(expression, Specific):
        money = expression.amount
        return ("specific", expression.measure, expression.per, money.currency.code)
    if isinstance(expression, Compound):
        added = tuple(duty_shape(part) for part in expression.parts)
        taken = tuple(duty_shape(part) for part in expression.less)
        return ("difference", added, taken) if taken else ("compound", *added)
    if isinstance(expression, Floor):
        return ("floor", duty_shape(expression.duty), duty_shape(expression.minimum))
    if isinstance(expression, Cap):
        return ("cap", duty_shape(expression.duty), duty_shape(expression.maximum))
    return ("flat per tariff line",)


# -- taxes ---------------------------------------------------------------------

# In TaxBase's order; FEES adds two amounts of the line (taxable government
# fees, taxable charges).
_TAX_BASES = tuple(TaxBase)
_PART = {
    TaxBase.GOODS_VALUE: ("goods",),
    TaxBase.CUSTOMS_VALUE: ("customs_value",),
    TaxBase.FREIGHT: ("freight",),
    TaxBase.INSURANCE: ("insurance",),
    TaxBase.DUTY: ("duty_base",),
    TaxBase.ADDITIONAL_DUTIES: ("additional_base",),
    TaxBase.EXCISE: ("excise_base",),
    TaxBase.ONWARD_TRANSPORT: ("onward",),
    TaxBase.FEES: ("taxable_fees", "taxable_charges"),
}


@functools.lru_cache(maxsize=256)
def tax_parts(base: frozenset[TaxBase], *, cif: bool) -> tuple[str, ...]:
    """The line amounts a tax base adds up, in a fixed order.

    A CIF customs value already holds freight and insurance to the border,
    so a base with both adds them once.
    """
    cif_value = TaxBase.CUSTOMS_VALUE in base and cif
    skip = {TaxBase.FREIGHT, TaxBase.INSURANCE} if cif_value else set()
    return tuple(
        name
        for part in _TAX_BASES
        if part in base and part not in skip
        for name in _PART[part]
    )


def tax_base(ops: Ops[V, C], amounts: Iterable[V | Decimal]) -> V:
    """A tax's unrounded base: the sum of its amounts, in order.

    The amounts are the line's :func:`tax_parts` of the rule's base, then
    the base amounts of the earlier taxes it is charged on (``on_taxes``):
    each the line's own rounded figure.
    """
    total: object = Decimal(0)
    for amount in amounts:
        total = ops.add(total, amount)  # type: ignore[arg-type]
    return total  # type: ignore[return-value]
