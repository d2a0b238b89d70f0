"""Landed cost for a catalogue of lines, on any DataFrame (private).

See :func:`xborder.frames.landed_cost`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from xborder._validate import date_value
from xborder.customs import Regime
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._columns import FLOATS
from xborder.frames._errors import check_mode, raise_first
from xborder.frames._landed_compute import Settings
from xborder.frames._landed_read import LINE_COLUMNS, read_catalogue
from xborder.frames._landed_run import compute, tax_columns
from xborder.frames._landed_tables import (
    LANDED,
    LandedCostTables,
    explanation,
    lines_table,
    totals,
)
from xborder.frames._native import native
from xborder.fx import FxTable
from xborder.landed_cost import Shipment
from xborder.money import RoundingMode

if TYPE_CHECKING:
    import datetime as dt

    import polars as pl

__all__ = ["check_floats", "column_names", "landed_cost", "measure_columns"]

_MEASURE = re.compile(r"^[a-z][a-z0-9_]*$")


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
    r"""The landed cost of every line of a catalogue, on any DataFrame.

    Each line is computed exactly as :func:`xborder.landed_cost.landed_cost`
    computes it in its shipment, to the last digit: the same rules
    (:mod:`xborder.landed_cost.rules`, :mod:`xborder.customs.rules`)
    evaluated over whole columns. Lines are grouped into shipments by a
    key column; freight, insurance, charges, fees, flat duties and
    declaration totals are shared over each shipment's lines by the
    largest-remainder method, thresholds are tested on each shipment's
    sums, each in the scalar calculator's order and rounding.

    **The lines table** has one row per line; the columns are named by
    role, and ``columns`` renames any role (``{"origin_country":
    "origin"}``; ``{"shipment": None}`` makes each line a shipment of its
    own):

    | column | what it holds |
    | --- | --- |
    | ``shipment`` | the shipment key (any type; lines in table order) |
    | ``sku`` | text |
    | ``hs_code`` | text, at least 6 digits (``3926.90.97``) |
    | ``origin_country`` | ISO 3166 alpha-2 text |
    | ``quantity`` | number > 0 |
    | ``unit_price`` | number >= 0, in ``currency`` |
    | ``currency`` | ISO 4217 text (optional: the regime's currency) |
    | ``unit_weight`` | kg per unit (optional; for weight bases and ``kg`` duties) |
    | ``unit_volume`` | cm³ per unit (optional; for volume bases) |
    | ``preference_claim`` | text (optional): a tariff preference claimed |

    ``quantities`` names the columns of tariff quantities by measure
    (``{"l": "litres"}``); ``kg`` defaults to net weight and ``item`` to the
    quantity, as on a :class:`~xborder.landed_cost.Line`. Numbers are
    Decimal, integer or text columns (text read exactly: ``"2.35"``);
    floats are refused unless ``floats="shortest"``.

    **Per-shipment inputs.** ``template`` is a
    :class:`~xborder.landed_cost.Shipment` whose terms apply to every
    shipment (its own lines are not used): destination, Incoterm, mode,
    export country, collector, allocation bases, volumetric divisor,
    charges, freight and insurance. The optional ``shipments`` table (one
    row per key, keyed by the lines' shipment column) overrides them per
    shipment: ``freight``, ``insurance``, one column per template charge
    named as the charge (its amount), ``currency`` (of those amounts, or
    ``<amount>_currency`` per amount), ``export_country``, ``mode`` and
    ``collector``. An empty amount cell means no such cost; a negative
    charge is a credit, shared and tested as the scalar calculator does
    (a line it would leave with less than nothing of what its kind feeds
    is refused on ``charges``, the value the line's net). Terms that
    decide which rules apply are per call so each partition of shipments
    (export country, mode, collector) is planned once.

    **Columns added** to the lines table (money as Arrow decimals,
    ``Decimal(18, s)`` or ``Decimal(38, s)`` at the regime currency's
    scale ``s``; empty on a line that could not be computed):

    | column | meaning |
    | --- | --- |
    | ``landed_currency`` | String: the regime's currency code |
    | ``customs_value`` | the value duty is charged on |
    | ``goods_value`` | goods, converted and rounded (FX rounding) |
    | ``freight``, ``insurance`` | the line's shares of them |
    | ``charges`` | its shares of every charge |
    | ``duty`` | base duty: the tariff's, a scheme's, or flat per tariff line |
    | ``additional_duties`` | anti-dumping, countervailing, safeguard, retaliatory |
    | ``excise`` | excise duties |
    | ``taxes`` | every import tax (at the border and at the point of sale) |
    | ``fees`` | its share of the entry's government fees |
    | ``landed_cost`` | the sum of the components above |
    | ``landed_cost_per_unit`` | landed cost ÷ quantity, rounded once (regime's mode) |
    | ``recoverable_taxes`` | the taxes a registered importer deducts |
    | ``landed_cost_net`` | landed cost − recoverable taxes |
    | ``landed_cost_net_per_unit`` | net landed cost ÷ quantity, rounded once |
    | ``duty_rule`` | String: the base duty's rule (measure, scheme, or waiver) |
    | ``scheme`` | String: the point-of-sale scheme taxing the line, if any |
    | ``tax[<id>]`` | one per tax of the regime: the line's figure (see below) |

    A ``tax[<id>]`` is 0 where a threshold waives the tax and empty where
    the tax is not charged on the line (a border tax on a line taxed at the
    point of sale). Duties and taxes are rounded as the regime declares,
    per line or per declaration (Japan's totals to ¥100).

    $$\text{landed} = \text{goods} + \text{freight} + \text{insurance} +
      \text{charges} + \text{duty} + \text{additional} + \text{excise} +
      \text{taxes} + \text{fees}$$

    **What runs where.** Per line, on columns: conversion, customs value,
    threshold tests, each duty expression (ad valorem, specific, compound,
    floor, cap; evaluated once per expression *shape* with its rates as
    columns), rounding policies, tax bases and taxes, totals. Per
    shipment, on window functions: sums for thresholds and fees, every
    largest-remainder share, declaration-level rounding. Per distinct key,
    in Python: text checks, tariff look-ups (:meth:`~xborder.customs.Tariff.match`
    per HS code × origin × claim), reduced tax rates per HS code, threshold
    exclusions per HS code × origin. By the scalar calculator, per
    shipment: shipments whose amounts are in a currency reached only by
    dividing by a rate (give the rate from that currency instead), and
    partitions where a step could leave Int128 or divide by a parameter
    whose inverse does not terminate (a volumetric divisor of 6000).

    Args:
        lines: The lines: polars (eager or lazy), pandas (NumPy- or
            Arrow-backed) or a pyarrow Table.
        regime: The destination's rules, with your tariff.
        template: The terms every shipment shares (see above).
        shipments: Per-shipment amounts and terms, in any library.
        fx: Exchange rates for amounts not in the regime's currency.
        as_of: The day whose rules apply.
        rounding: Round every duty, tax and fee with this mode instead.
        allow_out_of_window: Use rules outside their validity window.
        columns: The lines table's column for each role.
        quantities: The columns of tariff quantities, by measure.
        explain: Fill the explanation table (a row per figure:
            ``row``, ``component``, ``label``, ``rule``, ``amount``,
            ``currency``).
        floats: ``"refuse"`` float columns (the default) or read each as
            the ``"shortest"`` decimal that prints it.
        errors: ``"report"`` bad lines in the errors table (the default), or
            ``"raise"`` the first.

    Returns:
        The lines with their landed cost, the totals per shipment
        (``shipments``: key, ``currency``, customs value, components,
        landed cost), the errors (``row``, ``field``, ``value``,
        ``message``) and the explanation, in the caller's library.

    Raises:
        InvalidInputError: An argument is wrong (a missing column, a regime
            for another country, a rule out of its window); with
            ``errors="raise"``, the first line that cannot be computed,
            named ``rows[i].column``.
        InvalidTypeError: A table of another kind, or a float money column.
        RuleNotApplicableError: A rule is out of its window on ``as_of``.

    A line the scalar calculator would refuse (an HS code the tariff lacks,
    a bad cell, a basis of zeros) is in the errors table with empty
    results, and so is every other line of its shipment, which the scalar
    calculator refuses with it; other shipments are computed.

    Examples:
        >>> import datetime as dt
        >>> import polars as pl
        >>> from xborder import customs, frames
        >>> from xborder.customs import presets
        >>> from xborder.fx import FxRate, FxTable
        >>> from xborder.landed_cost import Line, Shipment
        >>> from xborder.money import Money
        >>> day = dt.date(2026, 9, 1)
        >>> plastics = customs.TariffMeasure(hs_code="3926",
        ...                                  duty=customs.AdValorem("0.065"))
        >>> gb = presets.regime("GB", as_of=day).with_tariff(
        ...     customs.Tariff(measures=[plastics]))
        >>> fx = FxTable(rates=[FxRate(base="USD", quote="GBP", rate="0.7610",
        ...                            as_of=day)])
        >>> terms = Shipment(
        ...     lines=[Line(sku="-", hs_code="392690", origin_country="CN",
        ...                 quantity=1, unit_price=Money(0, "USD"))],
        ...     export_country="CN", destination_country="GB",
        ...     incoterm=customs.Incoterm.DDP, mode=customs.TransportMode.AIR,
        ...     import_date=day,
        ... )
        >>> lines = pl.DataFrame({
        ...     "shipment": ["S1", "S1", "S2"],
        ...     "sku": ["PH-01", "PH-02", "PH-01"],
        ...     "hs_code": ["392690", "392690", "392690"],
        ...     "origin_country": ["CN", "CN", "CN"],
        ...     "quantity": [100, 40, 500],
        ...     "unit_price": ["2.35", "3.10", "2.35"],
        ...     "currency": ["USD", "USD", "USD"],
        ... })
        >>> freight = pl.DataFrame({"shipment": ["S1", "S2"],
        ...                         "freight": ["38.00", "95.00"],
        ...                         "currency": ["USD", "USD"]})
        >>> result = frames.landed_cost(lines, gb, template=terms,
        ...                             shipments=freight, fx=fx, as_of=day)
        >>> chosen = ("sku", "freight", "duty", "taxes", "landed_cost_per_unit")
        >>> for row in result.lines.select(chosen).iter_rows():
        ...     print(*row)
        PH-01 18.93 12.86 42.13 2.53
        PH-02 9.99 6.78 22.23 3.33
        PH-01 72.30 62.82 205.86 2.47
        >>> result.shipments.select("shipment", "landed_cost").rows()
        [('S1', Decimal('386.12')), ('S2', Decimal('1235.16'))]
    """
    mode = check_mode(errors)
    day = _arguments(regime, template, fx, as_of, rounding, allow_out_of_window)
    check_floats(floats)
    if not isinstance(explain, bool):
        raise InvalidTypeError(field="explain", value=explain, expected="a bool")
    if rounding is not None:
        regime = regime.with_rounding(rounding)
    regime.check_in_force(day, allow_out_of_window=allow_out_of_window)
    names = column_names(columns)
    measures = measure_columns(quantities)
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
    computed = compute(catalogue, settings)
    found_errors = computed.errors
    if mode == "raise":
        raise_first(found_errors)
    out = lines_table(table, computed, regime)
    found_totals = totals(computed, regime, names["shipment"])
    explained = explanation(computed, regime, explain=explain)
    back = given.back
    return LandedCostTables(
        lines=back(out),
        shipments=back(found_totals),
        errors=back(found_errors),
        explanation=back(explained),
    )


def check_floats(floats: object) -> None:
    if not isinstance(floats, str) or floats not in FLOATS:
        raise InvalidInputError(
            field="floats", value=floats, expected="'refuse' or 'shortest'"
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


def column_names(columns: Mapping[str, str | None] | None) -> dict[str, str | None]:
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


def measure_columns(quantities: Mapping[str, str] | None) -> dict[str, str]:
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


def _no_clash(table: pl.DataFrame, regime: Regime) -> None:
    taken = [n for n in (*LANDED, *tax_columns(regime)) if n in table.schema]
    if taken:
        raise InvalidInputError(
            "the result columns would replace them; rename them first",
            field="lines",
            value=taken,
            expected=f"no columns named {', '.join(taken)}",
        )
