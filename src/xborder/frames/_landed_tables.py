"""The tables a catalogue's landed cost returns, and conversions (private).

See :func:`xborder.frames.landed_cost`: the lines table with result columns,
per-shipment totals, the errors, the explanation; and the conversions
between the tables and the scalar models: :func:`to_tables`,
:func:`to_shipments` and :func:`from_results`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder._validate import named_errors
from xborder.customs import Regime
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.frames._columns import decimals
from xborder.frames._errors import ROW
from xborder.frames._groups import INT, largest_of
from xborder.frames._landed_compute import COMPONENTS
from xborder.frames._landed_read import ERRORS_SCHEMA, SHIP
from xborder.frames._landed_run import (
    TEXT,
    Computed,
    complete,
    tax_columns,
    to_integers,
)
from xborder.frames._landed_scalar import rows_of
from xborder.landed_cost import LandedCost, Shipment

if TYPE_CHECKING:
    from xborder.money import Money

__all__ = [
    "LANDED",
    "LandedCostTables",
    "explanation",
    "from_results",
    "lines_table",
    "to_tables",
    "totals",
]

LANDED = (
    "landed_currency",
    "customs_value",
    *COMPONENTS,
    "landed_cost",
    "landed_cost_per_unit",
    "recoverable_taxes",
    "landed_cost_net",
    "landed_cost_net_per_unit",
    "duty_rule",
    "scheme",
)
"""The columns :func:`landed_cost` adds to each line, before one per tax."""

_STRING = pl.String()
_EXPLANATION = ("row", "component", "label", "rule", "amount", "currency")


def _table(value: object) -> object:
    """A table of one of the libraries :mod:`xborder.frames` reads."""
    kind = type(value)
    library = kind.__module__.split(".", 1)[0]
    if (library, kind.__name__) not in _TABLES:
        raise InvalidTypeError(
            field=None,
            value=value,
            expected="a polars DataFrame or LazyFrame, a pandas DataFrame or a "
            "pyarrow Table",
        )
    return value


_TABLES = {
    ("polars", "DataFrame"),
    ("polars", "LazyFrame"),
    ("pandas", "DataFrame"),
    ("pyarrow", "Table"),
}


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LandedCostTables:
    """The landed cost of every line of a catalogue, as tables.

    Each table is in the library the lines came in (polars, pandas or
    pyarrow); see :func:`xborder.frames.landed_cost` for their columns.

    Args:
        lines: The lines table with the result columns added.
        shipments: One row per shipment: its key, ``currency`` and the sums
            of its lines' customs value, components and landed cost.
        errors: One row per problem: ``row``, ``field``, ``value``,
            ``message``.
        explanation: One row per figure: ``row``, ``component``,
            ``label``, ``rule``, ``amount``, ``currency`` (empty unless
            asked for with ``explain=True``).

    Examples:
        >>> import polars as pl
        >>> empty = pl.DataFrame()
        >>> tables = LandedCostTables(lines=empty, shipments=empty, errors=empty,
        ...                           explanation=empty)
        >>> tables.explanation.is_empty()
        True
    """

    lines: Any = attrs.field(converter=_table)
    shipments: Any = attrs.field(converter=_table)
    errors: Any = attrs.field(converter=_table)
    explanation: Any = attrs.field(converter=_table)


def _money_columns(
    frame: pl.DataFrame, names: list[str], scale: int
) -> list[pl.Series]:
    """Integer columns as Arrow decimals at ``scale`` (precision 18 or 38)."""
    bounds = largest_of(frame, names)
    whole = frame.select(pl.col(names).cast(INT).cast(pl.Decimal(38, 0)))
    return [
        decimals(whole.get_column(name), scale, bounds[name]).alias(name)
        for name in names
    ]


def lines_table(
    table: pl.DataFrame, computed: Computed, regime: Regime
) -> pl.DataFrame:
    """The caller's lines with the result columns, in the lines' order."""
    scale = regime.currency.exponent
    rows = computed.frame.select(ROW).join(
        computed.results, on=ROW, how="left", maintain_order="left"
    )
    names = [*LANDED, *tax_columns(regime)]
    text = ("landed_currency", *TEXT)
    money = dict(
        zip(
            (n for n in names if n not in text),
            _money_columns(rows, [n for n in names if n not in text], scale),
            strict=True,
        )
    )
    added = [
        rows.get_column(name).cast(_STRING) if name in text else money[name]
        for name in names
    ]
    return table.hstack(added)


def totals(computed: Computed, regime: Regime, key: str | None) -> pl.DataFrame:
    scale = regime.currency.exponent
    money = (
        "customs_value",
        *COMPONENTS,
        "landed_cost",
        "recoverable_taxes",
        "landed_cost_net",
    )
    joined = computed.frame.join(computed.results, on=ROW, how="inner")
    sums = joined.group_by(SHIP, maintain_order=True).agg(
        pl.col(name).cast(pl.Decimal(38, 0)).sum() for name in money
    )
    name = key or "shipment"
    columns = [sums.get_column(SHIP).alias(name)]
    columns.append(pl.Series("currency", [regime.currency.code] * sums.height))
    columns += _money_columns(sums, list(money), scale)
    return pl.DataFrame(columns)


def explanation(
    computed: Computed, regime: Regime, *, explain: bool = True
) -> pl.DataFrame:
    """Every figure, line by line (an empty table unless ``explain``)."""
    scale = regime.currency.exponent
    figures = computed.figures
    if not explain or figures.is_empty():
        schema: dict[str, Any] = dict.fromkeys(_EXPLANATION, _STRING)
        schema |= {"row": pl.Int64, "amount": pl.Decimal(18, scale)}
        return pl.DataFrame(schema=schema)
    figures = figures.with_row_index("__xb_seq").sort(ROW, "__xb_seq")
    return pl.DataFrame(
        [
            figures.get_column(ROW).cast(pl.Int64).alias("row"),
            figures.get_column("component"),
            figures.get_column("label"),
            figures.get_column("rule"),
            *_money_columns(figures, ["amount"], scale),
            pl.Series("currency", [regime.currency.code] * figures.height),
        ]
    )


def to_tables(
    shipments: Mapping[Any, Shipment],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Scalar shipments as a lines table and a shipments table (polars).

    The tables :func:`xborder.frames.landed_cost` reads, keyed by the
    mapping's keys in a ``shipment`` column: numbers as plain decimal text
    (exact at any scale), unit weights in kg and unit volumes in cm³, tariff
    quantities in ``quantity_<measure>`` columns, and each shipment's
    amounts (freight, insurance, each charge in a column named as the
    charge) with their currencies in ``<amount>_currency``.

    Raises:
        InvalidInputError: Two charges of a shipment share a name.
        InvalidTypeError: ``shipments`` is not a mapping of Shipment.

    Examples:
        >>> import datetime as dt
        >>> from xborder.customs import Incoterm, TransportMode
        >>> from xborder.landed_cost import Line, Shipment
        >>> from xborder.money import Money
        >>> phone_holders = Shipment(
        ...     lines=[Line(sku="PH-01", hs_code="392690", origin_country="CN",
        ...                 quantity=100, unit_price=Money("2.35", "USD"))],
        ...     export_country="CN", destination_country="GB",
        ...     incoterm=Incoterm.DDP, mode=TransportMode.AIR,
        ...     import_date=dt.date(2026, 9, 1), freight=Money("38.00", "USD"),
        ... )
        >>> lines, shipments = to_tables({"S1": phone_holders})
        >>> lines.select("shipment", "sku", "quantity", "unit_price").row(0)
        ('S1', 'PH-01', '100', '2.35')
        >>> shipments.select("shipment", "freight", "freight_currency").row(0)
        ('S1', '38.00', 'USD')
    """
    if not isinstance(shipments, Mapping):
        raise InvalidTypeError(
            field="shipments", value=shipments, expected="a mapping of key to Shipment"
        )
    lines: list[dict[str, object]] = []
    rows: list[dict[str, object]] = []
    for key, shipment in shipments.items():
        if not isinstance(shipment, Shipment):
            raise InvalidTypeError(
                field=f"shipments[{key!r}]", value=shipment, expected="a Shipment"
            )
        names = [charge.name for charge in shipment.charges]
        if len(set(names)) != len(names):
            raise InvalidInputError(
                "each charge's amounts go in a column named as the charge",
                field=f"shipments[{key!r}].charges",
                value=names,
                expected="charges named apart",
            )
        row: dict[str, object] = {
            "shipment": key,
            "export_country": shipment.export_country,
            "mode": shipment.mode.value,
            "collector": None
            if shipment.collector is None
            else shipment.collector.value,
        }
        amounts = {"freight": shipment.freight, "insurance": shipment.insurance}
        amounts |= {charge.name: charge.amount for charge in shipment.charges}
        for name, money in amounts.items():
            row[name] = _text(money)
            row[f"{name}_currency"] = None if money is None else money.currency.code
        rows.append(row)
        for line in shipment.lines:
            quantities = dict(line.tariff_quantities)
            record: dict[str, object] = {
                "shipment": key,
                "sku": line.sku,
                "hs_code": line.hs_code.digits,
                "origin_country": line.origin_country,
                "quantity": f"{line.quantity:f}",
                "unit_price": f"{line.unit_price.amount:f}",
                "currency": line.unit_price.currency.code,
                "unit_weight": _magnitude(line.unit_weight),
                "unit_volume": _magnitude(line.unit_volume),
                "preference_claim": line.preference_claim,
            }
            for measure, amount in quantities.items():
                record[f"quantity_{measure}"] = f"{amount:f}"
            lines.append(record)
    return (
        pl.DataFrame(lines, infer_schema_length=None),
        pl.DataFrame(rows, infer_schema_length=None),
    )


def _text(money: Money | None) -> str | None:
    return None if money is None else f"{money.amount:f}"


def _magnitude(value: Any) -> str | None:  # noqa: ANN401 - a pint quantity or None
    return None if value is None else f"{value.magnitude:f}"


def from_results(
    results: Mapping[Any, LandedCost], regime: Regime, *, explain: bool = False
) -> LandedCostTables:
    """Scalar landed costs as the tables :func:`xborder.frames.landed_cost` returns.

    The lines table has ``shipment`` (the mapping's key), ``line`` (its
    index), ``sku`` and ``quantity``, then the result columns of
    :data:`LANDED` and one ``tax[<id>]`` per tax of ``regime``; the
    shipments table has the totals, the errors table is empty, and with
    ``explain`` each figure is a row of the explanation. All in polars.

    Raises:
        InvalidTypeError: ``results`` is not a mapping of LandedCost, or
            ``regime`` not a Regime.

    Examples:
        >>> import datetime as dt
        >>> from xborder import customs
        >>> from xborder.customs import presets
        >>> from xborder.landed_cost import Line, Shipment, landed_cost
        >>> from xborder.money import Money
        >>> day = dt.date(2026, 9, 1)
        >>> duty = customs.AdValorem("0.06")
        >>> rates = customs.Tariff(measures=[customs.TariffMeasure(hs_code="392690",
        ...                                                        duty=duty)])
        >>> gb = presets.regime("GB", as_of=day).with_tariff(rates)
        >>> shipment = Shipment(
        ...     lines=[Line(sku="PH-01", hs_code="392690", origin_country="CN",
        ...                 quantity=100, unit_price=Money("2.00", "GBP"))],
        ...     export_country="CN", destination_country="GB",
        ...     incoterm=customs.Incoterm.DDP, mode=customs.TransportMode.AIR,
        ...     import_date=day, freight=Money("20.00", "GBP"),
        ... )
        >>> result = landed_cost(shipment, gb, fx=None, as_of=day)
        >>> tables = from_results({"S1": result}, gb)
        >>> tables.lines.select("shipment", "duty", "landed_cost").row(0)
        ('S1', Decimal('13.20'), Decimal('279.84'))
    """
    if not isinstance(results, Mapping):
        raise InvalidTypeError(
            field="results", value=results, expected="a mapping of key to LandedCost"
        )
    if not isinstance(regime, Regime):
        raise InvalidTypeError(field="regime", value=regime, expected="a Regime")
    if not isinstance(explain, bool):
        raise InvalidTypeError(field="explain", value=explain, expected="a bool")
    done: list[tuple[tuple[int, ...], LandedCost]] = []
    keys: list[object] = []
    indices: list[int] = []
    skus: list[str] = []
    quantities: list[str] = []
    for key, result in results.items():
        if not isinstance(result, LandedCost):
            raise InvalidTypeError(
                field=f"results[{key!r}]", value=result, expected="a LandedCost"
            )
        start = len(keys)
        done.append((tuple(range(start, start + len(result.lines))), result))
        for line in result.lines:
            keys.append(key)
            indices.append(line.index)
            skus.append(line.sku)
            quantities.append(f"{line.quantity:f}")
    records, figures = rows_of(done, regime)
    scale = regime.currency.exponent
    found = complete(to_integers(records, scale), regime)
    table = pl.DataFrame(
        {"shipment": keys, "line": indices, "sku": skus, "quantity": quantities},
        schema_overrides={"line": pl.Int64},
    )
    computed = Computed(
        table.with_row_index(ROW).select(ROW, pl.col("shipment").alias(SHIP)),
        found,
        to_integers(figures, scale, ("amount",)) if figures else pl.DataFrame(),
        pl.DataFrame(schema=ERRORS_SCHEMA),
    )
    return LandedCostTables(
        lines=lines_table(table, computed, regime),
        shipments=totals(computed, regime, "shipment"),
        errors=computed.errors,
        explanation=explanation(computed, regime, explain=explain),
    )
