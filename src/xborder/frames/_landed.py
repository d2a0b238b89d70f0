"""Landed cost for a catalogue of lines, on any DataFrame (private)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder._validate import date_value
from xborder.customs import Regime, TransportMode
from xborder.customs import rules as customs_rules
from xborder.customs.rules import DECIMALS
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._columns import FLOATS, decimals
from xborder.frames._engine import NotExact
from xborder.frames._errors import ROW, check_mode, raise_first
from xborder.frames._groups import INT
from xborder.frames._landed_compute import COMPONENTS, Landing, Settings
from xborder.frames._landed_read import (
    ERRORS_SCHEMA,
    LINE_COLUMNS,
    SHIP,
    Catalogue,
    Issue,
    Number,
    issues_frame,
    read_catalogue,
)
from xborder.frames._landed_scalar import line_of, rows_of, shipments_of
from xborder.frames._native import native
from xborder.fx import FxTable
from xborder.landed_cost import LandedCost, Shipment
from xborder.landed_cost import landed_cost as scalar_landed_cost
from xborder.money import Currency, RoundingMode

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["LANDED", "LandedCostTables", "landed_cost"]

LANDED = (
    "landed_currency",
    "customs_value",
    *COMPONENTS,
    "landed_cost",
    "landed_cost_per_unit",
    "duty_rule",
    "scheme",
)
"""The columns :func:`landed_cost` adds to each line, before one per tax."""

_MONEY = ("customs_value", *COMPONENTS, "landed_cost", "landed_cost_per_unit")
_TEXT = ("duty_rule", "scheme")
_STRING = pl.String()
_MEASURE = re.compile(r"^[a-z][a-z0-9_]*$")
_EXPLANATION = ("row", "component", "label", "rule", "amount", "currency")


@attrs.frozen
class LandedCostTables:
    """The landed cost of every line of a catalogue, as tables.

    Attributes:
        lines: The lines table with the result columns added (see
            :func:`xborder.frames.landed_cost`), in the caller's library.
        shipments: One row per shipment: its key, currency and the sums of
            its lines' customs value, components and landed cost.
        errors: One row per problem: ``row``, ``field``, ``value``,
            ``message``.
        explanation: With ``explain=True``, one row per figure: ``row``,
            ``component``, ``label``, ``rule``, ``amount``, ``currency``.
    """

    lines: Any
    shipments: Any
    errors: Any
    explanation: Any = None


def landed_cost(
    lines: object,
    regime: Regime,
    *,
    template: Shipment,
    shipments: object | None = None,
    fx: FxTable | None,
    as_of: dt.date,
    rounding: RoundingMode | None = None,
    allow_out_of_window: bool = False,
    columns: Mapping[str, str | None] | None = None,
    quantities: Mapping[str, str] | None = None,
    explain: bool = False,
    floats: str = "refuse",
    errors: str = "report",
) -> LandedCostTables:
    """The landed cost of every line: see :func:`xborder.frames.landed_cost`."""
    mode = check_mode(errors)
    day = _arguments(regime, template, fx, as_of, rounding, allow_out_of_window)
    if floats not in FLOATS:
        raise InvalidInputError(
            field="floats", value=floats, expected="'refuse' or 'shortest'"
        )
    if not isinstance(explain, bool):
        raise InvalidTypeError(field="explain", value=explain, expected="a bool")
    if rounding is not None:
        regime = regime.with_rounding(rounding)
    regime.check_in_force(day, allow_out_of_window=allow_out_of_window)
    names = _names(columns)
    measures = _quantities(quantities)
    given = native(lines, "lines")
    table = given.frame
    _no_clash(table, regime)
    other = None if shipments is None else native(shipments, "shipments").frame
    catalogue = read_catalogue(
        table,
        other,
        template,
        names=names,
        quantities=measures,
        floats=floats,
        regime_currency=regime.currency,
    )
    settings = Settings(
        regime, template, fx, day, catalogue.amounts, names, measures, explain
    )
    computed = _compute(catalogue, settings)
    found_errors = computed.errors
    if mode == "raise":
        raise_first(found_errors)
    out = _lines_table(table, computed, regime)
    totals = _totals(computed, regime, names["shipment"])
    explanation = _explanation(computed, regime) if explain else None
    back = given.back
    return LandedCostTables(
        lines=back(out),
        shipments=back(totals),
        errors=back(found_errors),
        explanation=None if explanation is None else back(explanation),
    )


def _arguments(  # noqa: PLR0917 - the scalar's checks, in its order
    regime: object,
    template: object,
    fx: object,
    as_of: object,
    rounding: object,
    allow_out_of_window: object,
) -> dt.date:
    if not isinstance(template, Shipment):
        raise InvalidTypeError(field="template", value=template, expected="a Shipment")
    if not isinstance(regime, Regime):
        raise InvalidTypeError(field="regime", value=regime, expected="a Regime")
    if fx is not None and not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable or None")
    if not isinstance(allow_out_of_window, bool):
        raise InvalidTypeError(
            field="allow_out_of_window", value=allow_out_of_window, expected="a bool"
        )
    if rounding is not None and not isinstance(rounding, RoundingMode):
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode or None"
        )
    if template.destination_country != regime.country:
        raise InvalidInputError(
            field="regime",
            value=regime.country,
            expected=f"the rules of the destination, {template.destination_country}",
        )
    try:
        return date_value(as_of)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field("as_of") from None


def _names(columns: Mapping[str, str | None] | None) -> dict[str, str | None]:
    names: dict[str, str | None] = {role: role for role in LINE_COLUMNS}
    if columns is None:
        return names
    if not isinstance(columns, Mapping):
        raise InvalidTypeError(
            field="columns", value=columns, expected="a mapping of role to column"
        )
    for role, column in columns.items():
        if role not in names:
            raise InvalidInputError(
                field="columns",
                value=role,
                expected=f"one of the roles {', '.join(LINE_COLUMNS)}",
            )
        if column is not None and not isinstance(column, str):
            raise InvalidTypeError(
                field=f"columns[{role!r}]", value=column, expected="a column name"
            )
        names[role] = column
    return names


def _quantities(quantities: Mapping[str, str] | None) -> dict[str, str]:
    if quantities is None:
        return {}
    if not isinstance(quantities, Mapping):
        raise InvalidTypeError(
            field="quantities",
            value=quantities,
            expected="a mapping of measure to column",
        )
    found = {}
    for measure, column in quantities.items():
        if not isinstance(measure, str) or not _MEASURE.match(measure):
            raise InvalidInputError(
                field="quantities", value=measure, expected="a lower-case measure name"
            )
        if not isinstance(column, str):
            raise InvalidTypeError(
                field=f"quantities[{measure!r}]", value=column, expected="a column name"
            )
        found[measure] = column
    return found


def _tax_columns(regime: Regime) -> list[str]:
    ids = [rule.id for rule in regime.taxes] + [s.tax.id for s in regime.schemes]
    return [f"tax[{tax}]" for tax in dict.fromkeys(ids)]


def _no_clash(table: pl.DataFrame, regime: Regime) -> None:
    taken = [n for n in (*LANDED, *_tax_columns(regime)) if n in table.schema]
    if taken:
        raise InvalidInputError(
            "the result columns would replace them; rename them first",
            field="lines",
            value=taken,
            expected=f"no columns named {', '.join(taken)}",
        )


# -- the computation ---------------------------------------------------------------


@attrs.define
class _Computed:
    """Every line's results (Int128 on the minor unit's scale), figures, errors."""

    frame: pl.DataFrame  # every input line: ROW, SHIP and the key column
    results: pl.DataFrame  # ROW and the result columns
    figures: pl.DataFrame
    errors: pl.DataFrame


def _compute(catalogue: Catalogue, settings: Settings) -> _Computed:
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
    combined = _complete(
        pl.concat(results, how="diagonal_relaxed").sort(ROW)
        if results
        else pl.DataFrame(schema={ROW: pl.UInt32}),
        settings.regime,
    )
    del scale
    return _Computed(
        frame.select(ROW, SHIP),
        combined,
        pl.concat(figures, how="diagonal_relaxed") if figures else pl.DataFrame(),
        found_errors,
    )


def _complete(results: pl.DataFrame, regime: Regime) -> pl.DataFrame:
    """Every result column, empty where no line has it."""
    for name in (*LANDED, *_tax_columns(regime)):
        if name not in results.schema:
            dtype = _STRING if name in ("landed_currency", *_TEXT) else INT
            results = results.with_columns(pl.lit(None, dtype=dtype).alias(name))
    return results


def _collector(value: object) -> Any:  # noqa: ANN401 - a Collector or None
    from xborder.customs import Collector  # noqa: PLC0415 - local to one use

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
    taxes = [c for c in _tax_columns(settings.regime) if c in frame.schema]
    return frame.select(
        ROW,
        pl.lit(settings.currency.code, dtype=_STRING).alias("landed_currency"),
        *(pl.col(name).cast(INT) for name in _MONEY),
        *(pl.col(name).cast(_STRING) for name in _TEXT),
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
    results = _to_integers(records, scale)
    explained = _to_integers(figures, scale, ("amount",)) if figures else pl.DataFrame()
    errors = pl.DataFrame(wrong, schema=ERRORS_SCHEMA)
    return results, explained, errors


def _column(field: str | None, settings: Settings) -> str:
    if field is None:
        return "lines"
    role = field.split(".")[0].split("[")[0]
    return settings.names.get(role) or field


def _to_integers(
    records: list[dict[str, Any]], scale: int, money: tuple[str, ...] = ()
) -> pl.DataFrame:
    if not records:
        return pl.DataFrame(schema={ROW: pl.UInt32})
    columns = money or tuple(
        name for name in records[0] if name in _MONEY or name.startswith("tax[")
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


# -- the tables returned -------------------------------------------------------------


def _money_column(series: pl.Series, scale: int) -> pl.Series:
    bound = int(series.abs().max() or 0)  # type: ignore[arg-type]
    return decimals(series.cast(pl.Decimal(38, 0)), scale, bound)


def _lines_table(
    table: pl.DataFrame, computed: _Computed, regime: Regime
) -> pl.DataFrame:
    scale = regime.currency.exponent
    rows = computed.frame.select(ROW).join(
        computed.results, on=ROW, how="left", maintain_order="left"
    )
    added = []
    for name in (*LANDED, *_tax_columns(regime)):
        series = rows.get_column(name)
        if name in ("landed_currency", *_TEXT):
            added.append(series.cast(_STRING))
        else:
            added.append(_money_column(series.cast(INT), scale).alias(name))
    return table.hstack(added)


def _totals(computed: _Computed, regime: Regime, key: str | None) -> pl.DataFrame:
    scale = regime.currency.exponent
    money = ("customs_value", *COMPONENTS, "landed_cost")
    joined = computed.frame.join(computed.results, on=ROW, how="inner")
    sums = joined.group_by(SHIP, maintain_order=True).agg(
        pl.col(name).cast(pl.Decimal(38, 0)).sum() for name in money
    )
    name = key or "shipment"
    columns = [sums.get_column(SHIP).alias(name)]
    columns.append(pl.Series("currency", [regime.currency.code] * sums.height))
    columns += [
        _money_column(sums.get_column(m).cast(INT), scale).alias(m) for m in money
    ]
    return pl.DataFrame(columns)


def _explanation(computed: _Computed, regime: Regime) -> pl.DataFrame:
    scale = regime.currency.exponent
    figures = computed.figures
    if figures.is_empty():
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
            _money_column(figures.get_column("amount").cast(INT), scale).alias(
                "amount"
            ),
            pl.Series("currency", [regime.currency.code] * figures.height),
        ]
    )
