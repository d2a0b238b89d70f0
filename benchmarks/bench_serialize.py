"""Serialising a 100-line shipment and its landed cost, against hand-written code.

The baselines are what a user would write without ``xborder.serialize``:
``attrs.asdict`` (which walks the fields but leaves Decimals, Money and
quantities as objects JSON cannot hold), a hand-written encoder to the same
plain data, and a hand-written rebuild that reads that data back through the
models' constructors (passing amounts and quantities as text, as a config
loader would). xborder walks the declared types generically, checks every
kind, and names the path of any error.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs

from _harness import Case
from xborder.customs import AdValorem, Incoterm, Tariff, TariffMeasure, TransportMode
from xborder.customs.presets import regime
from xborder.landed_cost import LandedCost, Line, Shipment, landed_cost
from xborder.money import Money
from xborder.serialize import from_data, from_json, to_data, to_json
from xborder.units import KILOGRAM, magnitude

DAY = dt.date(2026, 9, 1)
GB = regime("GB", as_of=DAY).with_tariff(
    Tariff(measures=[TariffMeasure(hs_code="392690", duty=AdValorem("0.06"))])
)


def _shipment(count: int) -> Shipment:
    lines = [
        Line(
            sku=f"ACC-{i:04d}",
            hs_code="392690",
            origin_country="CN",
            quantity=100 + i,
            unit_price=Money(f"{2 + i % 7}.35", "GBP"),
            description="phone holder",
            unit_weight=f"{40 + i % 300} g",
        )
        for i in range(count)
    ]
    return Shipment(
        lines=lines,
        export_country="CN",
        destination_country="GB",
        incoterm=Incoterm.DDP,
        mode=TransportMode.AIR,
        import_date=DAY,
        freight=Money("38.00", "GBP"),
        insurance=Money("2.00", "GBP"),
    )


def _money(value: Money | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"amount": str(value.amount), "currency": value.currency.code}


def _line_data(line: Line) -> dict[str, Any]:
    weight = line.unit_weight
    return {
        "sku": line.sku,
        "hs_code": line.hs_code.digits,
        "origin_country": line.origin_country,
        "quantity": str(line.quantity),
        "unit_price": _money(line.unit_price),
        "description": line.description,
        "unit_weight": None
        if weight is None
        else f"{magnitude(weight, KILOGRAM)} kilogram",
        "unit_volume": None,
        "tariff_quantities": [],
        "preference_claim": line.preference_claim,
    }


def by_hand(shipment: Shipment) -> dict[str, Any]:
    """The same plain data as ``to_data``, for this model only."""
    return {
        "lines": [_line_data(line) for line in shipment.lines],
        "export_country": shipment.export_country,
        "destination_country": shipment.destination_country,
        "incoterm": shipment.incoterm.value,
        "mode": shipment.mode.value,
        "import_date": shipment.import_date.isoformat(),
        "freight": _money(shipment.freight),
        "insurance": _money(shipment.insurance),
        "charges": [],
        "duties_paid_by": None,
        "collector": None,
        "freight_basis": shipment.freight_basis.value,
        "insurance_basis": shipment.insurance_basis.value,
        "volumetric_divisor": None,
    }


def _money_back(data: dict[str, str] | None) -> Money | None:
    return None if data is None else Money(data["amount"], data["currency"])


def rebuild(data: Any) -> Shipment:
    """What a hand-written loader does: read each key into the constructors."""
    lines = [
        Line(
            sku=item["sku"],
            hs_code=item["hs_code"],
            origin_country=item["origin_country"],
            quantity=Decimal(item["quantity"]),
            unit_price=Money(**item["unit_price"]),
            description=item["description"],
            unit_weight=item["unit_weight"],
        )
        for item in data["lines"]
    ]
    return Shipment(
        lines=lines,
        export_country=data["export_country"],
        destination_country=data["destination_country"],
        incoterm=Incoterm(data["incoterm"]),
        mode=TransportMode(data["mode"]),
        import_date=dt.date.fromisoformat(data["import_date"]),
        freight=_money_back(data["freight"]),
        insurance=_money_back(data["insurance"]),
    )


def _check(shipment: Shipment) -> None:
    data = to_data(shipment)
    assert data == by_hand(shipment), "the baseline writes the same data"
    assert from_data(Shipment, data) == shipment == rebuild(by_hand(shipment))


def cases(*, quick: bool) -> list[Case]:
    """Write and read a 100-line shipment and its landed cost."""
    count = 20 if quick else 100
    shipment = _shipment(count)
    _check(shipment)
    data = to_data(shipment)
    text = to_json(shipment)
    result = landed_cost(shipment, GB, fx=None, as_of=DAY)
    result_data = to_data(result)
    assert from_data(LandedCost, result_data) == result
    return [
        Case(
            f"to_data, shipment of {count} lines",
            lambda: to_data(shipment),
            lambda: by_hand(shipment),
            "hand-written encoder, same data",
            number=50,
        ),
        Case(
            f"to_data, shipment of {count} lines (vs asdict)",
            lambda: to_data(shipment),
            lambda: attrs.asdict(shipment),
            "attrs.asdict (not JSON-ready)",
            number=50,
        ),
        Case(
            f"from_data, shipment of {count} lines",
            lambda: from_data(Shipment, data),
            lambda: rebuild(data),
            "hand-written rebuild",
            number=20,
        ),
        Case(
            f"to_json + from_json, shipment of {count} lines",
            lambda: from_json(Shipment, to_json(shipment)),
            lambda: rebuild(json.loads(json.dumps(by_hand(shipment)))),
            "json + hand-written code",
            number=20,
        ),
        Case(
            f"from_json, shipment of {count} lines",
            lambda: from_json(Shipment, text),
            lambda: rebuild(json.loads(text)),
            "json.loads + hand-written rebuild",
            number=20,
        ),
        Case(
            f"to_data, landed cost of {count} lines",
            lambda: to_data(result),
            lambda: attrs.asdict(result),
            "attrs.asdict (not JSON-ready)",
            number=20,
        ),
        Case(
            f"from_data, landed cost of {count} lines",
            lambda: from_data(LandedCost, result_data),
            lambda: landed_cost(shipment, GB, fx=None, as_of=DAY),
            "computing it again",
            number=20,
        ),
    ]
