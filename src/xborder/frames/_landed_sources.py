"""What a line's duty is made of: sources, their shapes, line order (private).

See :mod:`xborder.frames._landed_duties`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder.customs import DutyExpression, FlatPerTariffLine, Specific
from xborder.customs import rules as customs_rules
from xborder.errors import MissingFxRateError
from xborder.frames._errors import ROW
from xborder.frames._landed_base import GROUP

if TYPE_CHECKING:
    from xborder.fx import FxTable
    from xborder.money import Currency

__all__ = ["COMPONENT_OF", "Source", "in_line_order", "path_of"]


def in_line_order(items: pl.DataFrame) -> pl.DataFrame:
    """Queued figures in line order: by shipment, line, then measure."""
    ordered = items.sort(GROUP, ROW, "__xb_order")
    return ordered.with_columns(pl.col(GROUP).set_sorted())


COMPONENT_OF = {
    "duty": "duty",
    "additional_duties": "additional duty",
    "excise": "excise",
}


def path_of(
    expression: FlatPerTariffLine, currency: Currency, fx: FxTable | None
) -> Any:  # noqa: ANN401
    """The exchange path of a flat amount into the regime's currency (None: same)."""
    own = expression.amount.currency
    if own == currency:
        return None
    if fx is None:
        raise MissingFxRateError(
            "pass fx=FxTable(...) with the rates of the day",
            field="fx",
            value=f"{own.code}→{currency.code}",
            expected="an FX table to convert with",
        )
    return fx.path(own, currency)


@attrs.frozen
class Source:
    """A duty a line may pay: its expression, rule, family and shape."""

    expression: DutyExpression
    rule: str
    family: str
    label: str
    flat: bool
    shape: tuple[object, ...]
    parameters: tuple[Decimal, ...]
    measures: tuple[str, ...]

    @classmethod
    def of(cls, expression: DutyExpression, rule: str, family: str) -> Source:
        flat = isinstance(expression, FlatPerTariffLine)
        label = f"duty ({rule})" if family == "duty" or flat else rule
        shape = customs_rules.duty_shape(expression)
        parameters = () if flat else customs_rules.duty_parameters(expression)
        return cls(
            expression,
            rule,
            family,
            label,
            flat,
            shape,
            parameters,
            tuple(sorted(_measures(expression))),
        )


def _measures(expression: DutyExpression) -> set[str]:
    if isinstance(expression, Specific):
        return {expression.measure}
    children = [
        getattr(expression, name)
        for name in ("duty", "minimum", "maximum")
        if hasattr(expression, name)
    ]
    children += list(getattr(expression, "parts", ()))
    children += list(getattr(expression, "less", ()))
    found: set[str] = set()
    for child in children:
        found |= _measures(child)
    return found
