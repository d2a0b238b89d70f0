"""Each line's shipment inputs: the shipments table's row, else the template (private).

See :func:`xborder.frames.landed_cost`: amounts (freight, insurance, one
column per template charge) with their currencies, and the terms that
choose rules (export country, mode, collector).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from xborder._country import country_code
from xborder.customs import Collector, TransportMode
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.frames._errors import ROW
from xborder.frames._landed_cells import (
    STRING,
    Issue,
    Number,
    currency_code,
    distinct,
    exists,
    read_number,
    within_range,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.landed_cost import Shipment
    from xborder.money import Currency, Money

__all__ = ["shipment_inputs"]

_STRING = STRING


def shipment_inputs(  # noqa: PLR0917 - the table and its cells
    frame: pl.DataFrame,
    shipments: pl.DataFrame | None,
    template: Shipment,
    key: str | None,
    floats: str,
    issues: list[Issue],
    numbers: dict[str, Number],
    regime_currency: Currency,
) -> tuple[pl.DataFrame, dict[str, str | None]]:
    """Each line's shipment inputs: its row of the shipments table, else the template's.

    Amounts are ``freight``, ``insurance`` and one column per template
    charge, named as the charge; ``currency`` gives their currency (else
    the template amount's, else the regime's); ``export_country``, ``mode``
    and ``collector`` override the template's.
    """
    roles = {"freight": "freight", "insurance": "insurance"}
    roles |= {f"charge[{i}]": charge.name for i, charge in enumerate(template.charges)}
    names = [charge.name for charge in template.charges]
    columns: set[str] = set()
    if shipments is not None:
        if key is None:
            raise InvalidInputError(
                "name the lines' shipment column to join a shipments table",
                field="columns['shipment']",
                value=None,
                expected="a column name when shipments is given",
            )
        frame = _shipment_table(frame, shipments, key, issues)
        columns = {name for name in shipments.columns if name != key}
        shared = sorted({n for n in names if names.count(n) > 1 and n in columns})
        if shared:
            raise InvalidInputError(
                "a shipments column gives one charge's amounts",
                field="template.charges",
                value=shared,
                expected="charges named apart",
            )
    frame = _shipment_texts(frame, columns, template, issues)
    given: dict[str, str | None] = {}
    for role, name in roles.items():
        money = _template_amount(template, role)
        into = f"__xb_{role}"
        if name not in columns:
            scale, integer = _scaled_or_none(money)
            code = None if money is None else money.currency.code
            frame = frame.with_columns(
                pl.lit(integer, dtype=pl.Int128).alias(into),
                pl.lit(code, dtype=_STRING).alias(f"{into}_currency"),
            )
            numbers[role] = Number(into, scale)
            given[role] = None
            continue
        frame, number = read_number(
            frame, name, _s(name), into, floats, issues, required=False
        )
        numbers[role] = number
        kind = "charge" if role.startswith("charge[") else "amount"
        within_range(name, _s(name), number, kind, issues)
        own = f"{name}_currency"
        for column in (own, "currency"):
            if column in columns:  # the amount's own currency, or the row's
                frame = distinct(
                    frame,
                    column,
                    _s(column),
                    f"{into}_currency",
                    currency_code,
                    issues,
                    required=False,
                )
                unknown = pl.col(into).is_not_null() & pl.col(_s(column)).is_null()
                shown = pl.col(_s(column)).cast(_STRING)
                expected = f"the currency of {name}"
                issues.append(Issue(column, unknown, expected, shown))
                break
        else:
            code = (money.currency if money is not None else regime_currency).code
            frame = frame.with_columns(
                pl.lit(code, dtype=_STRING).alias(f"{into}_currency")
            )
        given[role] = name
    return frame, given


def _s(name: str) -> str:
    """A shipments table column's name once joined to the lines."""
    return f"__xb_s_{name}"


def _template_amount(template: Shipment, role: str) -> Money | None:
    if role == "freight":
        return template.freight
    if role == "insurance":
        return template.insurance
    index = int(role[len("charge[") : -1])
    return template.charges[index].amount


def _scaled_or_none(money: Money | None) -> tuple[int, int | None]:
    if money is None:
        return 0, None
    amount = money.amount
    scale = max(-int(amount.as_tuple().exponent), 0)
    return scale, int(amount.scaleb(scale))


def _shipment_table(
    frame: pl.DataFrame, shipments: pl.DataFrame, key: str, issues: list[Issue]
) -> pl.DataFrame:
    """Join each line to its shipment's row, the table's columns as ``__xb_s_*``."""
    exists(shipments, key)
    counted = shipments.with_columns(pl.len().over(key).alias("__xb_rows"))
    renamed = counted.rename({n: _s(n) for n in counted.columns if n != key})
    try:
        joined = frame.join(renamed, on=key, how="left", maintain_order="left")
    except pl.exceptions.PolarsError as error:
        raise InvalidTypeError(
            "the two tables' shipment columns must have the same type",
            field=key,
            value=str(shipments.schema[key]),
            expected=str(frame.schema[key]),
        ) from error
    rows = pl.col(_s("__xb_rows"))
    shown = pl.col(key).cast(_STRING)
    issues.append(
        Issue(key, rows.is_null(), "a shipment listed in the shipments table", shown)
    )
    issues.append(Issue(key, rows > 1, "one row per shipment in shipments", shown))
    # A shipment listed twice repeats its lines: keep each line once.
    return joined.unique(ROW, keep="first", maintain_order=True)


def _shipment_texts(
    frame: pl.DataFrame,
    columns: set[str],
    template: Shipment,
    issues: list[Issue],
) -> pl.DataFrame:
    """Export country, mode and collector per line: its shipment's, or the template."""
    collector = None if template.collector is None else template.collector.value
    defaults: dict[str, tuple[str, str | None, Callable[[str], str]]] = {
        "export_country": ("__xb_export", template.export_country, _export(template)),
        "mode": ("__xb_mode", template.mode.value, _mode),
        "collector": ("__xb_collector", collector, _collector),
    }
    for column, (into, default, check) in defaults.items():
        if column in columns:
            frame = distinct(
                frame,
                column,
                _s(column),
                into,
                check,
                issues,
                required=column != "collector",
            )
        else:
            frame = frame.with_columns(pl.lit(default, dtype=_STRING).alias(into))
    return frame


def _export(template: Shipment) -> Callable[[str], str]:
    destination = template.destination_country

    def check(value: str) -> str:
        code = country_code(value)
        if code == destination:
            raise InvalidInputError(
                field="destination_country",
                value=destination,
                expected=f"a country other than the export country {code}",
            )
        return code

    return check


def _mode(value: str) -> str:
    try:
        return TransportMode(value).value
    except ValueError:
        raise InvalidInputError(
            field="mode",
            value=value,
            expected=f"a transport mode ({', '.join(m.value for m in TransportMode)})",
        ) from None


def _collector(value: str) -> str:
    try:
        return Collector(value).value
    except ValueError:
        raise InvalidInputError(
            field="collector",
            value=value,
            expected=f"a collector ({', '.join(c.value for c in Collector)})",
        ) from None
