"""Between the catalogue's tables and the scalar calculator's models (private).

:func:`shipments_of` turns the working frame's rows back into
:class:`~xborder.landed_cost.Shipment` models (lines in table order), and
:func:`rows_of` turns :class:`~xborder.landed_cost.LandedCost` results into
the frame's result columns, figures and errors. The frames calculator uses
both for the shipments its column engine leaves to the scalar one (amounts
past Int128, exchange rates used inverted), and they are the public
conversions :func:`xborder.frames.to_shipments` and
:func:`xborder.frames.from_results`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from xborder import units
from xborder.customs import Collector, TransportMode
from xborder.errors import XborderError
from xborder.frames._errors import ROW
from xborder.frames._landed_read import SHIP, Number
from xborder.landed_cost import Component, Line, Shipment
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    import polars as pl

    from xborder.customs import Regime
    from xborder.landed_cost import LandedCost

__all__ = ["Built", "line_of", "rows_of", "shipments_of"]

_COMPONENT_NAME = {
    Component.GOODS: "goods",
    Component.FREIGHT: "freight",
    Component.INSURANCE: "insurance",
    Component.CHARGE: "charge",
    Component.DUTY: "duty",
    Component.ADDITIONAL_DUTY: "additional duty",
    Component.EXCISE: "excise",
    Component.TAX: "tax",
    Component.FEE: "fee",
}
_LINE_FIELD = re.compile(r"^lines\[(\d+)\]\.?(.*)$")


@attrs.frozen
class Built:
    """A shipment rebuilt from its rows: the model, and each line's input row."""

    key: object
    shipment: Shipment | None
    rows: tuple[int, ...]
    error: XborderError | None = None


def _decimal(value: object, scale: int) -> Decimal | None:
    if value is None:
        return None
    return Decimal(int(value)).scaleb(-scale)  # type: ignore[call-overload]


def shipments_of(
    frame: pl.DataFrame,
    numbers: Mapping[str, Number],
    template: Shipment,
) -> list[Built]:
    """The working frame's rows as shipments, in order of first appearance."""
    built = []
    for (key,), rows in frame.partition_by(
        SHIP, as_dict=True, maintain_order=True
    ).items():
        records = rows.sort(ROW).to_dicts()
        positions = tuple(int(record[ROW]) for record in records)
        try:
            shipment = _shipment(records, numbers, template)
        except XborderError as error:
            built.append(Built(key, None, positions, error))
            continue
        built.append(Built(key, shipment, positions))
    return built


def _amount(record: Mapping[str, Any], numbers: Mapping[str, Number], role: str) -> Any:  # noqa: ANN401
    number = numbers.get(role)
    return None if number is None else _decimal(record[number.name], number.scale)


def _line(record: Mapping[str, Any], numbers: Mapping[str, Number]) -> Line:
    quantities = {
        role[2:]: value
        for role in numbers
        if role.startswith("q:")
        and (value := _amount(record, numbers, role)) is not None
    }
    weight = _amount(record, numbers, "unit_weight")
    volume = _amount(record, numbers, "unit_volume")
    return Line(
        sku=record["__xb_sku"],
        hs_code=record["__xb_hs"],
        origin_country=record["__xb_origin"],
        quantity=_amount(record, numbers, "quantity"),
        unit_price=Money(
            _amount(record, numbers, "unit_price"), record["__xb_currency"]
        ),
        unit_weight=None if weight is None else units.quantity(weight, units.KILOGRAM),
        unit_volume=(
            None if volume is None else units.quantity(volume, "centimeter ** 3")
        ),
        tariff_quantities=quantities,
        preference_claim=record["__xb_claim"],
    )


def _money(
    record: Mapping[str, Any], numbers: Mapping[str, Number], role: str
) -> Money | None:
    amount = _amount(record, numbers, role)
    if amount is None:
        return None
    return Money(amount, record[f"__xb_{role}_currency"])


def _shipment(
    records: list[dict[str, Any]],
    numbers: Mapping[str, Number],
    template: Shipment,
) -> Shipment:
    first = records[0]
    charges = []
    for position, charge in enumerate(template.charges):
        amount = _money(first, numbers, f"charge[{position}]")
        if amount is not None:
            charges.append(attrs.evolve(charge, amount=amount))
    collector = first["__xb_collector"]
    return attrs.evolve(
        template,
        lines=[_line(record, numbers) for record in records],
        export_country=first["__xb_export"],
        mode=TransportMode(first["__xb_mode"]),
        collector=None if collector is None else Collector(collector),
        freight=_money(first, numbers, "freight"),
        insurance=_money(first, numbers, "insurance"),
        charges=charges,
    )


def rows_of(
    results: Iterable[tuple[tuple[int, ...], LandedCost]],
    regime: Regime,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each line's result columns and each figure of the explanation.

    ``results`` pairs each scalar result with its lines' input rows.
    """
    taxes = [rule.id for rule in regime.taxes] + [s.tax.id for s in regime.schemes]
    by_name = {rule.name: rule.id for rule in regime.taxes}
    by_name |= {s.tax.name: s.tax.id for s in regime.schemes}
    scheme_of = {s.tax.id: s.id for s in regime.schemes}
    lines: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    for rows, result in results:
        for line in result.lines:
            row = rows[line.index]
            record: dict[str, Any] = {
                ROW: row,
                "landed_currency": result.currency.code,
                "customs_value": line.customs_value.amount,
                "goods_value": line.goods_value.amount,
                "freight": line.freight.amount,
                "insurance": line.insurance.amount,
                "charges": line.charges.amount,
                "duty": line.duty.amount,
                "additional_duties": line.additional_duties.amount,
                "excise": line.excise.amount,
                "taxes": line.taxes.amount,
                "fees": line.fees.amount,
                "landed_cost": line.landed_cost.amount,
                "landed_cost_per_unit": line.landed_cost_per_unit.amount,
                "recoverable_taxes": line.recoverable_taxes.amount,
                "landed_cost_net": line.landed_cost_net.amount,
                "landed_cost_net_per_unit": line.landed_cost_net_per_unit.amount,
                "duty_rule": None,
                "scheme": None,
            }
            for tax in taxes:
                record[f"tax[{tax}]"] = None
            for figure in line.figures:
                component = figure.component
                amount = figure.amount.amount
                if component is Component.DUTY and record["duty_rule"] is None:
                    record["duty_rule"] = figure.rule
                if component is Component.TAX:
                    tax = figure.rule if figure.rule in taxes else by_name[figure.label]
                    column = f"tax[{tax}]"
                    record[column] = (record[column] or Decimal(0)) + amount
                    if tax in scheme_of:
                        record["scheme"] = scheme_of[tax]
                figures.append(
                    {
                        ROW: row,
                        "component": _COMPONENT_NAME[component],
                        "label": figure.label,
                        "rule": figure.rule,
                        "amount": amount,
                    }
                )
            lines.append(record)
    return lines, figures


def line_of(field: str | None) -> tuple[int | None, str | None]:
    """``lines[3].unit_price`` → (3, "unit_price"); other fields → (None, field)."""
    if field is None:
        return None, None
    found = _LINE_FIELD.match(field)
    if found is None:
        return None, field
    return int(found.group(1)), found.group(2) or None
