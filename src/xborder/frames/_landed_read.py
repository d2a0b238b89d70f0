"""Reading a catalogue of lines and its shipments, with the scalar's checks (private).

Every cell is checked as :class:`~xborder.landed_cost.Line` and
:class:`~xborder.landed_cost.Shipment` check their fields, and a cell that
fails becomes a :class:`~xborder.frames._columns.Problem` of its row (a
shipment's cell, of every line of the shipment). Text cells (HS codes,
countries, currencies, claims) are checked once per distinct value, by the
scalar converters themselves, so their messages are the scalar's. Numbers
are read exactly at the column's own scale (a ``Decimal(18, 3)`` column at 3
places, text at its longest fraction, integers at 0) into ``Int128``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import polars as pl

from xborder._country import country_code
from xborder.customs import HsCode
from xborder.errors import InvalidInputError
from xborder.frames._errors import ROW
from xborder.frames._landed_cells import (
    ERRORS_SCHEMA,
    STRING,
    Issue,
    Number,
    currency_code,
    distinct,
    exists,
    issues_frame,
    no_null_types,
    read_number,
    text_of,
    within_range,
)
from xborder.frames._landed_shipments import shipment_inputs

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from xborder.landed_cost import Shipment
    from xborder.money import Currency

__all__ = [
    "ERRORS_SCHEMA",
    "LINE_COLUMNS",
    "SHIP",
    "SHIPMENT_COLUMNS",
    "Catalogue",
    "Issue",
    "Number",
    "issues_frame",
    "read_catalogue",
]

SHIP = "__xb_ship"
"""The working column holding each line's shipment key."""

LINE_COLUMNS = (
    "shipment",
    "sku",
    "hs_code",
    "origin_country",
    "quantity",
    "unit_price",
    "currency",
    "unit_weight",
    "unit_volume",
    "preference_claim",
)
"""The roles of the lines table's columns (named the same by default)."""

SHIPMENT_COLUMNS = (
    "freight",
    "insurance",
    "currency",
    "export_country",
    "mode",
    "collector",
)
"""Columns a shipments table may hold besides its key and charge amounts."""

_REQUIRED = ("sku", "hs_code", "origin_country", "quantity", "unit_price")
_OPTIONAL = ("currency", "unit_weight", "unit_volume", "preference_claim")
_STRING = STRING


@attrs.define
class Catalogue:
    """The lines, each with its shipment's inputs, in one working frame.

    ``frame`` has one row per input line (``ROW`` its position), the
    shipment key ``SHIP``, checked text in ``__xb_hs``, ``__xb_origin``,
    ``__xb_claim``, ``__xb_currency``, ``__xb_export``, ``__xb_mode`` and
    ``__xb_collector``, and the numbers of ``numbers`` by role (each
    shipment amount with its currency in ``<column>_currency``).
    """

    frame: pl.DataFrame
    numbers: dict[str, Number]
    issues: list[Issue]
    amounts: dict[str, str | None]  # shipment amount role -> table column


def read_catalogue(
    lines: pl.DataFrame,
    shipments: pl.DataFrame | None,
    template: Shipment,
    *,
    names: Mapping[str, str | None],
    quantities: Mapping[str, str],
    floats: str,
    regime_currency: Currency,
) -> Catalogue:
    """Read both tables into one working frame of lines, with every problem."""
    frame = no_null_types(lines).with_row_index(ROW)
    if shipments is not None:
        shipments = no_null_types(shipments)
    issues: list[Issue] = []
    numbers: dict[str, Number] = {}
    frame = _shipment_keys(frame, names["shipment"], issues)
    frame = _texts(frame, names, issues, regime_currency)
    for role in ("quantity", "unit_price", "unit_weight", "unit_volume"):
        column = names[role]
        if column is None or (role in _OPTIONAL and column not in frame.schema):
            continue
        required = role in _REQUIRED
        into = f"__xb_{role}"
        frame, number = read_number(
            frame, column, column, into, floats, issues, required=required
        )
        numbers[role] = number
        within_range(column, column, number, role, issues)
    for measure, column in quantities.items():
        exists(frame, column)
        into = f"__xb_q_{measure}"
        frame, number = read_number(
            frame, column, column, into, floats, issues, required=False
        )
        numbers[f"q:{measure}"] = number
        within_range(column, column, number, "tariff quantity", issues)
    frame, amounts = shipment_inputs(
        frame,
        shipments,
        template,
        names["shipment"],
        floats,
        issues,
        numbers,
        regime_currency,
    )
    return Catalogue(frame, numbers, issues, amounts)


def _shipment_keys(
    frame: pl.DataFrame, column: str | None, issues: list[Issue]
) -> pl.DataFrame:
    if column is None:  # every line is a shipment of its own
        return frame.with_columns(pl.col(ROW).cast(pl.Int64).alias(SHIP))
    exists(frame, column)
    shown = pl.col(column).cast(_STRING)
    issues.append(Issue(column, pl.col(column).is_null(), "a shipment id", shown))
    return frame.with_columns(pl.col(column).alias(SHIP))


def _texts(
    frame: pl.DataFrame,
    names: Mapping[str, str | None],
    issues: list[Issue],
    regime_currency: Currency,
) -> pl.DataFrame:
    sku = names["sku"]
    if sku is None:
        raise InvalidInputError(
            field="columns['sku']", value=None, expected="the SKU column's name"
        )
    exists(frame, sku)
    text = text_of(frame, sku)
    empty = text.is_null() | (text.str.strip_chars() == "")
    issues.append(Issue(sku, empty, "non-empty text", text))
    frame = frame.with_columns(text.alias("__xb_sku"))
    checks: list[tuple[str, str, Callable[[str], str]]] = [
        ("hs_code", "__xb_hs", _hs_digits),
        ("origin_country", "__xb_origin", country_code),
        ("preference_claim", "__xb_claim", _claim),
        ("currency", "__xb_currency", currency_code),
    ]
    for role, into, check in checks:
        column = names[role]
        required = role in _REQUIRED
        if column is None or (not required and column not in frame.schema):
            if required:
                raise InvalidInputError(
                    field=f"columns[{role!r}]", value=None, expected="a column name"
                )
            default = regime_currency.code if role == "currency" else None
            frame = frame.with_columns(pl.lit(default, dtype=_STRING).alias(into))
            continue
        exists(frame, column)
        frame = distinct(frame, column, column, into, check, issues, required=required)
    return frame


def _hs_digits(value: str) -> str:
    code = HsCode(value)
    if len(code.digits) < 6:  # noqa: PLR2004 - the harmonised subheading
        raise InvalidInputError(
            field="hs_code", value=value, expected="at least the 6-digit HS subheading"
        )
    return code.digits


def _claim(value: str) -> str:
    if not value.strip():
        raise InvalidInputError(field=None, value=value, expected="non-empty text")
    return value
