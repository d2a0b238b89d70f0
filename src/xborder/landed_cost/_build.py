"""Building result objects fast, for the calculator's own values (private).

A landed cost builds about five figures and one line result per line. Their
public constructors check every field (types, ranges, currencies, sums), so
that a result built by hand or read back by ``from_data`` is sound; the
calculator's own values are sound by construction (its inputs were checked
where they entered), so here their slots are set directly, as
:func:`xborder.money.converters.exact_money` does, skipping the converters,
validators and ``__attrs_post_init__`` of the public ``__init__``.

Still needed, measured: ``benchmarks/bench_landed_cost.py``'s 100-line case
ran at about 84 µs per line through the public constructors against 24 µs
this way (same run, 2026-12-06), so the plainer code would cost 3.5× on
every landed cost. Each constructor checks at import that it sets every
field of its class, so a field added later cannot be left unset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from xborder.landed_cost._result import (
    Component,
    Decision,
    Figure,
    LandedCost,
    LineResult,
    Totals,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from decimal import Decimal

    from xborder.customs import Party
    from xborder.money import Money

__all__ = [
    "COMPONENT_FIELDS",
    "decision",
    "figure",
    "landed_cost",
    "line_result",
    "slot_init",
    "totals",
]

_T = TypeVar("_T")
_new = object.__new__

COMPONENT_FIELDS = {
    Component.GOODS: "goods_value",
    Component.FREIGHT: "freight",
    Component.INSURANCE: "insurance",
    Component.CHARGE: "charges",
    Component.DUTY: "duty",
    Component.ADDITIONAL_DUTY: "additional_duties",
    Component.EXCISE: "excise",
    Component.TAX: "taxes",
    Component.FEE: "fees",
}
"""The field of a line result (and of the totals) for each component, in order."""

if tuple(COMPONENT_FIELDS) != tuple(Component):
    raise TypeError("COMPONENT_FIELDS must list every Component, in order")


def _slot_setters(cls: type, names: Sequence[str]) -> list[Any]:
    fields = attrs.fields(cls)
    if sorted(names) != sorted(field.name for field in fields):
        message = f"set every field of {cls.__name__} once: {[f.name for f in fields]}"
        raise TypeError(message)
    return [cls.__dict__[name].__set__ for name in names]


def slot_init(cls: type[_T], names: Sequence[str]) -> Callable[..., _T]:
    """A positional constructor for ``cls``, setting ``names`` in that order."""
    setters = _slot_setters(cls, names)

    def init(*values: object) -> _T:
        result = _new(cls)
        for setter, value in zip(setters, values, strict=True):
            setter(result, value)
        return result

    return init


totals = slot_init(
    Totals,
    ("customs_value", *COMPONENT_FIELDS.values(), "landed_cost", "recoverable_taxes"),
)
"""``Totals(...)``: the customs value, the components in order, the total, the
recoverable taxes."""

decision = slot_init(Decision, ("rule", "outcome", "source"))
"""``Decision(rule, outcome, source)``."""

landed_cost = slot_init(
    LandedCost,
    (
        "country",
        "regime",
        "currency",
        "as_of",
        "lines",
        "totals",
        "figures",
        "decisions",
        "warnings",
        "rates",
        "state",
    ),
)
"""``LandedCost(...)``, positionally in field order."""

# The two classes built per line set each field by name, written out: a
# loop over the setters costs a third more.
(
    _set_line,
    _set_component,
    _set_label,
    _set_amount,
    _set_payer,
    _set_rule,
    _set_base,
    _set_rate,
    _set_source,
    _set_detail,
    _set_exact,
    _set_rounding,
) = _slot_setters(Figure, [field.name for field in attrs.fields(Figure)])


def figure(  # noqa: PLR0917 - positional, in field order: the point is speed
    line: int,
    component: Component,
    label: str,
    amount: Money,
    payer: Party,
    rule: str,
    base: Money | None = None,
    rate: str | None = None,
    source: str | None = None,
    detail: str | None = None,
    exact: Money | None = None,
    rounding: str | None = None,
) -> Figure:
    """``Figure(...)``, positionally."""
    result = _new(Figure)
    _set_line(result, line)
    _set_component(result, component)
    _set_label(result, label)
    _set_amount(result, amount)
    _set_payer(result, payer)
    _set_rule(result, rule)
    _set_base(result, base)
    _set_rate(result, rate)
    _set_source(result, source)
    _set_detail(result, detail)
    _set_exact(result, exact)
    _set_rounding(result, rounding)
    return result


(
    _set_index,
    _set_sku,
    _set_quantity,
    _set_customs_value,
    _set_goods_value,
    _set_freight,
    _set_insurance,
    _set_charges,
    _set_duty,
    _set_additional_duties,
    _set_excise,
    _set_taxes,
    _set_fees,
    _set_landed_cost,
    _set_landed_cost_per_unit,
    _set_recoverable_taxes,
    _set_landed_cost_net_per_unit,
    _set_figures,
) = _slot_setters(
    LineResult,
    (
        "index",
        "sku",
        "quantity",
        "customs_value",
        *COMPONENT_FIELDS.values(),
        "landed_cost",
        "landed_cost_per_unit",
        "recoverable_taxes",
        "landed_cost_net_per_unit",
        "figures",
    ),
)


def line_result(  # noqa: PLR0917 - positional: the point is speed
    index: int,
    sku: str,
    quantity: Decimal,
    customs_value: Money,
    components: Sequence[Money],
    landed_cost: Money,
    landed_cost_per_unit: Money,
    net: tuple[Money, Money],
    figures: tuple[Figure, ...],
) -> LineResult:
    """``LineResult(...)``, with one amount per component in Component order.

    ``net`` is the recoverable taxes and the net landed cost per unit.
    """
    goods, freight, insurance, charges, duty, additional, excise, taxes, fees = (
        components
    )
    result = _new(LineResult)
    _set_index(result, index)
    _set_sku(result, sku)
    _set_quantity(result, quantity)
    _set_customs_value(result, customs_value)
    _set_goods_value(result, goods)
    _set_freight(result, freight)
    _set_insurance(result, insurance)
    _set_charges(result, charges)
    _set_duty(result, duty)
    _set_additional_duties(result, additional)
    _set_excise(result, excise)
    _set_taxes(result, taxes)
    _set_fees(result, fees)
    _set_landed_cost(result, landed_cost)
    _set_landed_cost_per_unit(result, landed_cost_per_unit)
    _set_recoverable_taxes(result, net[0])
    _set_landed_cost_net_per_unit(result, net[1])
    _set_figures(result, figures)
    return result
