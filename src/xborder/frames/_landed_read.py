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
from xborder.customs import Collector, HsCode, TransportMode
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._columns import _shortest, read_amount
from xborder.frames._errors import ROW
from xborder.money import Currency, Money

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from xborder.landed_cost import Shipment

__all__ = [
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
_LARGEST = 10**36  # xborder._validate.LARGEST: numbers are smaller in size
_IN_RANGE = "a number smaller than 1E+36 with no digit below 1E-100"
_TEXT = (pl.String, pl.Categorical, pl.Enum)
_STRING = pl.String()
ERRORS_SCHEMA = {
    "row": pl.Int64,
    "field": pl.String,
    "value": pl.String,
    "message": pl.String,
}


@attrs.frozen
class Issue:
    """Rows where ``bad`` holds fail: ``field`` expected ``expected``, got ``shown``."""

    field: str
    bad: pl.Expr
    expected: str
    shown: pl.Expr


def issues_frame(frame: pl.DataFrame, issues: list[Issue]) -> pl.DataFrame:
    """The first problem of each (row, field), in row order (the errors frame)."""
    parts = [
        frame.filter(issue.bad.fill_null(value=False)).select(
            row=pl.col(ROW).cast(pl.Int64),
            field=pl.lit(issue.field, dtype=_STRING),
            value=issue.shown.cast(_STRING),
            message=pl.concat_str(
                pl.lit(f"{issue.field}: expected {issue.expected}, got "),
                issue.shown.cast(_STRING).fill_null("nothing"),
            ),
        )
        for issue in issues
    ]
    if not parts:
        return pl.DataFrame(schema=ERRORS_SCHEMA)
    found = pl.concat(parts).sort("row", maintain_order=True)
    return found.unique(["row", "field"], keep="first", maintain_order=True)


@attrs.frozen
class Number:
    """A number read: its Int128 working column and its scale."""

    name: str
    scale: int


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
    frame = _no_null_types(lines).with_row_index(ROW)
    if shipments is not None:
        shipments = _no_null_types(shipments)
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
        frame, number = _number(
            frame, column, column, into, floats, issues, required=required
        )
        numbers[role] = number
        _range(column, column, number, role, issues)
    for measure, column in quantities.items():
        _exists(frame, column)
        into = f"__xb_q_{measure}"
        frame, number = _number(
            frame, column, column, into, floats, issues, required=False
        )
        numbers[f"q:{measure}"] = number
        _range(column, column, number, "tariff quantity", issues)
    frame, amounts = _shipments(
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


def _no_null_types(frame: pl.DataFrame) -> pl.DataFrame:
    """Columns with no value at all (type Null) read as empty text."""
    empty = [name for name, dtype in frame.schema.items() if dtype == pl.Null]
    return frame.with_columns(pl.col(empty).cast(_STRING)) if empty else frame


def _exists(frame: pl.DataFrame, column: str) -> None:
    if column not in frame.schema:
        raise InvalidInputError(
            field=column,
            value=list(frame.columns)[:20],
            expected=f"a column named {column!r}",
        )


def _shipment_keys(
    frame: pl.DataFrame, column: str | None, issues: list[Issue]
) -> pl.DataFrame:
    if column is None:  # every line is a shipment of its own
        return frame.with_columns(pl.col(ROW).cast(pl.Int64).alias(SHIP))
    _exists(frame, column)
    shown = pl.col(column).cast(_STRING)
    issues.append(Issue(column, pl.col(column).is_null(), "a shipment id", shown))
    return frame.with_columns(pl.col(column).alias(SHIP))


def _text(frame: pl.DataFrame, column: str) -> pl.Expr:
    dtype = frame.schema[column]
    if not isinstance(dtype, _TEXT):
        raise InvalidTypeError(
            field=column, value=str(dtype), expected="a text (String) column"
        )
    return pl.col(column).cast(_STRING)


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
    _exists(frame, sku)
    text = _text(frame, sku)
    empty = text.is_null() | (text.str.strip_chars() == "")
    issues.append(Issue(sku, empty, "non-empty text", text))
    frame = frame.with_columns(text.alias("__xb_sku"))
    checks: list[tuple[str, str, Callable[[str], str]]] = [
        ("hs_code", "__xb_hs", _hs_digits),
        ("origin_country", "__xb_origin", country_code),
        ("preference_claim", "__xb_claim", _claim),
        ("currency", "__xb_currency", _currency_code),
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
        _exists(frame, column)
        frame = _distinct(frame, column, column, into, check, issues, required=required)
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


def _currency_code(value: str) -> str:
    return Currency(value).code


def _distinct(  # noqa: PLR0917 - a column, its check, its target
    frame: pl.DataFrame,
    field: str,
    column: str,
    into: str,
    check: Callable[[str], str],
    issues: list[Issue],
    *,
    required: bool,
) -> pl.DataFrame:
    """Check each distinct value once; the checked value (or null) in ``into``."""
    text = _text(frame, column)
    values = frame.select(text.unique()).to_series().to_list()
    good: dict[str, str] = {}
    bad: dict[str, list[str]] = {}  # expected -> values
    for value in values:
        if value is None:
            continue
        try:
            good[value] = check(value)
        except XborderError as error:
            bad.setdefault(error.expected or "a valid value", []).append(value)
    for expected, found in bad.items():
        issues.append(Issue(field, text.is_in(found), expected, text))
    if required:
        issues.append(Issue(field, text.is_null(), "a value", text))
    mapped = text.replace_strict(good, default=None, return_dtype=_STRING)
    return frame.with_columns(mapped.alias(into))


def _natural_scale(series: pl.Series) -> int:
    dtype = series.dtype
    if isinstance(dtype, pl.Decimal):
        return dtype.scale or 0
    if dtype == pl.String:
        text = series.str.strip_chars()
        fraction = text.str.extract(r"\.(\d*)$").str.len_chars().fill_null(0)
        return min(int(fraction.max() or 0), 30)  # type: ignore[arg-type]
    return 0


def _number(  # noqa: PLR0917 - a column, its target, how
    frame: pl.DataFrame,
    field: str,
    column: str,
    into: str,
    floats: str,
    issues: list[Issue],
    *,
    required: bool,
) -> tuple[pl.DataFrame, Number]:
    """``column`` exactly at its own scale, as Int128 in ``into``."""
    _exists(frame, column)
    source = column
    if frame.schema[column].is_float() and floats == "shortest":
        source = f"{into}__text"
        frame = frame.with_columns(_shortest(frame.get_column(column)).alias(source))
    try:
        scale = _natural_scale(frame.get_column(source))
        frame, _ = read_amount(
            frame, source, scale=scale, into=into, floats=floats, unit="1"
        )
    except XborderError as error:
        if error.field not in (column, source):
            raise
        raise type(error)(
            error.detail, field=field, value=error.value, expected=error.expected
        ) from None
    shown = pl.col(column).cast(_STRING)
    unreadable = pl.col(into).is_null()
    if not required:
        unreadable = unreadable & pl.col(column).is_not_null()
    issues.append(Issue(field, unreadable, "a number", shown))
    frame = frame.with_columns(pl.col(into).cast(pl.Int128))
    return frame, Number(into, scale)


_EXPECTED_BELOW = {
    "quantity": ("a number > 0", True),
    "unit_price": ("an amount >= 0", False),
    "unit_weight": (">= 0", False),
    "unit_volume": (">= 0", False),
    "tariff quantity": ("a quantity >= 0", False),
    "amount": ("an amount >= 0", False),
}


def _range(
    field: str, column: str, number: Number, role: str, issues: list[Issue]
) -> None:
    value = pl.col(number.name)
    shown = pl.col(column).cast(_STRING)
    limit = _LARGEST * 10**number.scale
    if limit < 2**127:  # past it, no Int128 (38 digits) reaches it
        too_large = value.abs() >= pl.lit(limit, dtype=pl.Int128)
        issues.append(Issue(field, too_large, _IN_RANGE, shown))
    expected, strict = _EXPECTED_BELOW[role]
    zero = pl.lit(0, dtype=pl.Int128)
    below = (value <= zero) if strict else (value < zero)
    issues.append(Issue(field, below, expected, shown))


def _shipments(  # noqa: PLR0917 - the table and its cells
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
        frame, number = _number(
            frame, name, _s(name), into, floats, issues, required=False
        )
        numbers[role] = number
        _range(name, _s(name), number, "amount", issues)
        own = f"{name}_currency"
        for column in (own, "currency"):
            if column in columns:  # the amount's own currency, or the row's
                frame = _distinct(
                    frame,
                    column,
                    _s(column),
                    f"{into}_currency",
                    _currency_code,
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
    _exists(shipments, key)
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
            frame = _distinct(
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
