"""Computing a catalogue's lines: by columns, or by the scalar calculator (private).

See :mod:`xborder.frames._landed`. The lines of shipments that all read
well are computed by :class:`~xborder.frames._landed_compute.Landing`, one
partition (export country, mode, collector) at a time; shipments the column
engine cannot compute exactly (an exchange rate used inverted, an amount
past Int128, a divisor whose inverse does not terminate) are rebuilt as
models and computed by :func:`xborder.landed_cost.landed_cost` itself.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder.customs import Collector, Regime, TransportMode
from xborder.customs import rules as customs_rules
from xborder.customs.rules import DECIMALS
from xborder.errors import InvalidInputError, XborderError
from xborder.frames._engine import NotExact
from xborder.frames._errors import ROW
from xborder.frames._groups import INT
from xborder.frames._landed_compute import COMPONENTS, Landing, Settings
from xborder.frames._landed_read import (
    ERRORS_SCHEMA,
    SHIP,
    Catalogue,
    Issue,
    Number,
    issues_frame,
)
from xborder.frames._landed_scalar import line_of, rows_of, shipments_of
from xborder.landed_cost import LandedCost
from xborder.landed_cost import landed_cost as scalar_landed_cost
from xborder.money import Currency

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "MONEY",
    "TEXT",
    "Computed",
    "complete",
    "compute",
    "tax_columns",
    "to_integers",
]

MONEY = (
    "customs_value",
    *COMPONENTS,
    "landed_cost",
    "landed_cost_per_unit",
    "recoverable_taxes",
    "landed_cost_net",
    "landed_cost_net_per_unit",
)
TEXT = ("duty_rule", "scheme")
_STRING = pl.String()
_LANDED = ("landed_currency", *MONEY, *TEXT)


def tax_columns(regime: Regime) -> list[str]:
    """The per-tax result columns: ``tax[<id>]`` for each border and sale tax."""
    ids = [rule.id for rule in regime.taxes] + [s.tax.id for s in regime.schemes]
    return [f"tax[{tax}]" for tax in dict.fromkeys(ids)]


@attrs.define
class Computed:
    """Every line's results (Int128 on the minor unit's scale), figures, errors."""

    frame: pl.DataFrame  # every input line: ROW, SHIP and the key column
    results: pl.DataFrame  # ROW and the result columns
    figures: pl.DataFrame
    errors: pl.DataFrame


def compute(catalogue: Catalogue, settings: Settings) -> Computed:
    frame, issues, by_scalar = _factors(catalogue, settings)
    scale = settings.currency.exponent
    bad = _bad_rows(frame, issues)
    failed = frame.filter(pl.col(SHIP).is_in(bad.get_column(SHIP).implode()))
    good = frame.filter(~pl.col(SHIP).is_in(bad.get_column(SHIP).implode()))
    errors = [issues_frame(frame, issues)]
    results: list[pl.DataFrame] = []
    figures: list[pl.DataFrame] = []
    scalar = good.filter(pl.col(SHIP).is_in(list(by_scalar)))
    columnar = good.filter(~pl.col(SHIP).is_in(list(by_scalar)))
    keys = ["__xb_export", "__xb_mode", "__xb_collector"]
    for key, part in columnar.partition_by(
        keys, as_dict=True, maintain_order=True
    ).items():
        export, mode, collector = key
        landing = Landing(
            part,
            catalogue.numbers,
            settings,
            str(export),
            TransportMode(mode),
            _collector(collector),
        )
        try:
            landing.run()
        except NotExact:
            scalar = pl.concat([scalar, part], how="vertical_relaxed")
            continue
        results.append(_landing_results(landing, settings))
        figures.extend(landing.explained)
        for rows, issue in landing.issues:
            errors.append(issues_frame(rows, [issue]))
        failed = pl.concat([failed, *landing.failed], how="diagonal_relaxed")
    if not scalar.is_empty():
        found, explained, wrong = _by_scalar(scalar, catalogue.numbers, settings)
        results.append(found)
        figures.append(explained)
        errors.append(wrong)
        failed = pl.concat(
            [
                failed,
                scalar.join(
                    wrong.select(pl.col("row").cast(pl.UInt32).alias(ROW)),
                    on=ROW,
                    how="semi",
                ),
            ],
            how="diagonal_relaxed",
        )
    errors.append(_siblings(frame, failed, errors, settings))
    found_errors = pl.concat(errors, how="vertical_relaxed").sort(
        "row", maintain_order=True
    )
    found_errors = found_errors.unique(
        ["row", "field"], keep="first", maintain_order=True
    )
    combined = complete(
        pl.concat(results, how="diagonal_relaxed").sort(ROW)
        if results
        else pl.DataFrame(schema={ROW: pl.UInt32}),
        settings.regime,
    )
    del scale
    return Computed(
        frame.select(ROW, SHIP),
        combined,
        pl.concat(figures, how="diagonal_relaxed") if figures else pl.DataFrame(),
        found_errors,
    )


def complete(results: pl.DataFrame, regime: Regime) -> pl.DataFrame:
    """Every result column, empty where no line has it."""
    for name in (*_LANDED, *tax_columns(regime)):
        if name not in results.schema:
            dtype = _STRING if name in ("landed_currency", *TEXT) else INT
            results = results.with_columns(pl.lit(None, dtype=dtype).alias(name))
    return results


def _collector(value: object) -> Collector | None:
    return None if value is None else Collector(str(value))


def _bad_rows(frame: pl.DataFrame, issues: list[Issue]) -> pl.DataFrame:
    if not issues:
        return frame.clear().select(SHIP)
    any_bad = pl.any_horizontal(*(i.bad.fill_null(value=False) for i in issues))
    return frame.filter(any_bad).select(SHIP)


def _siblings(
    frame: pl.DataFrame,
    failed: pl.DataFrame,
    errors: list[pl.DataFrame],
    settings: Settings,
) -> pl.DataFrame:
    """Every other line of a shipment that failed: refused with it."""
    if failed.is_empty():
        return pl.DataFrame(schema=ERRORS_SCHEMA)
    reported = pl.concat(errors, how="vertical_relaxed").get_column("row")
    ships = failed.get_column(SHIP).unique().implode()
    rest = frame.filter(
        pl.col(SHIP).is_in(ships)
        & ~pl.col(ROW).cast(pl.Int64).is_in(reported.implode())
    )
    column = settings.names["shipment"] or "shipment"
    issue = Issue(
        column,
        pl.lit(value=True),
        "a shipment whose every line can be computed (another line cannot)",
        pl.col(SHIP).cast(_STRING),
    )
    return issues_frame(rest, [issue])


def _factors(
    catalogue: Catalogue, settings: Settings
) -> tuple[pl.DataFrame, list[Issue], set[object]]:
    """Each amount's exchange factor; missing rates; shipments left to the scalar.

    A currency's factor is its path's rates multiplied out, exactly
    (:func:`~xborder.customs.rules.converted` of 1), so an amount times it
    is the amount converted leg by leg. A path with a rate used inverted
    divides to 34 digits: its shipments are computed by the scalar engine.
    """
    frame = catalogue.frame
    issues = list(catalogue.issues)
    by_scalar: set[object] = set()
    names = settings.names
    roles = [("__xb_currency", "__xb_factor", names["unit_price"] or "unit_price")]
    for role in catalogue.numbers:
        if role in ("freight", "insurance") or role.startswith("charge["):
            field = catalogue.amounts.get(role) or role
            if role.startswith("charge["):
                field = catalogue.amounts.get(role) or f"charges[{role[7:-1]}].amount"
            roles.append((f"__xb_{role}_currency", f"__xb_{role}_factor", field))
    for currency_column, into, field in roles:
        codes = frame.get_column(currency_column).drop_nulls().unique().to_list()
        factors: dict[str, Decimal] = {}
        for code in codes:
            found = _factor(code, settings)
            if isinstance(found, XborderError):
                shown = pl.lit(str(found.value), dtype=_STRING)
                bad = pl.col(currency_column) == code
                issues.append(Issue(field, bad, found.expected or "", shown))
            elif found is None:
                ships = frame.filter(pl.col(currency_column) == code).get_column(SHIP)
                by_scalar |= set(ships.unique().to_list())
            else:
                factors[code] = found
        scale = max(
            (max(-int(f.as_tuple().exponent), 0) for f in factors.values()), default=0
        )
        mapping = {code: int(f.scaleb(scale)) for code, f in factors.items()}
        frame = frame.with_columns(
            pl.col(currency_column)
            .replace_strict(mapping, default=None, return_dtype=INT)
            .alias(into)
        )
        catalogue.numbers[into] = Number(into, scale)
    return frame, issues, by_scalar


def _factor(code: str, settings: Settings) -> Decimal | XborderError | None:
    target = settings.currency
    if code == target.code:
        return Decimal(1)
    fx = settings.fx
    if fx is None:
        return InvalidInputError(
            "pass fx=FxTable(...) with the rates of the day",
            field="fx",
            value=f"{code}→{target.code}",
            expected="an FX table to convert with",
        )
    try:
        path = fx.path(Currency(code), target)
    except XborderError as error:
        return error
    if any(leg.inverted for leg in path.legs):
        return None
    return customs_rules.converted(DECIMALS, Decimal(1), path)


def _landing_results(landing: Landing, settings: Settings) -> pl.DataFrame:
    frame = landing.frame
    if frame.is_empty():
        return pl.DataFrame(schema={ROW: pl.UInt32})
    taxes = [c for c in tax_columns(settings.regime) if c in frame.schema]
    return frame.select(
        ROW,
        pl.lit(settings.currency.code, dtype=_STRING).alias("landed_currency"),
        *(pl.col(name).cast(INT) for name in MONEY),
        *(pl.col(name).cast(_STRING) for name in TEXT),
        *(pl.col(name).cast(INT) for name in taxes),
    )


def _by_scalar(
    rows: pl.DataFrame, numbers: Mapping[str, Number], settings: Settings
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Shipments the column engine leaves aside, by the scalar calculator."""
    scale = settings.currency.exponent
    done: list[tuple[tuple[int, ...], LandedCost]] = []
    wrong: list[dict[str, Any]] = []
    for built in shipments_of(rows, numbers, settings.template):
        error = built.error
        if built.shipment is not None:
            try:
                result = scalar_landed_cost(
                    built.shipment,
                    settings.regime,
                    fx=settings.fx,
                    as_of=settings.as_of,
                    allow_out_of_window=True,
                )
            except XborderError as caught:
                error = caught
            else:
                done.append((built.rows, result))
                continue
        assert error is not None  # noqa: S101 - a shipment or its error
        index, field = line_of(error.field)
        row = (
            built.rows[index]
            if index is not None and index < len(built.rows)
            else built.rows[0]
        )
        name = _column(field, settings)
        wrong.append(
            {
                "row": row,
                "field": name,
                "value": str(error.value),
                "message": f"{name}: expected {error.expected}, got {error.value}",
            }
        )
    records, figures = rows_of(done, settings.regime)
    results = to_integers(records, scale)
    explained = to_integers(figures, scale, ("amount",)) if figures else pl.DataFrame()
    errors = pl.DataFrame(wrong, schema=ERRORS_SCHEMA)
    return results, explained, errors


def _column(field: str | None, settings: Settings) -> str:
    if field is None:
        return "lines"
    role = field.split(".")[0].split("[")[0]
    return settings.names.get(role) or field


def to_integers(
    records: list[dict[str, Any]], scale: int, money: tuple[str, ...] = ()
) -> pl.DataFrame:
    if not records:
        return pl.DataFrame(schema={ROW: pl.UInt32})
    columns = money or tuple(
        name for name in records[0] if name in MONEY or name.startswith("tax[")
    )
    converted = [
        {
            name: (
                None
                if value is None
                else int(value.scaleb(scale))
                if name in columns
                else value
            )
            for name, value in record.items()
        }
        for record in records
    ]
    schema: dict[str, Any] = dict.fromkeys(columns, INT)
    schema[ROW] = pl.UInt32
    for name in records[0]:
        schema.setdefault(name, _STRING)
    return pl.DataFrame(converted, schema=schema)
