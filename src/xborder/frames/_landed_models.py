"""The tables of :func:`xborder.frames.landed_cost` as scalar models (private).

:func:`to_shipments` rebuilds each shipment of the tables;
:func:`to_results` lands the chosen ones with the scalar calculator, every
figure explained.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from xborder.customs import Regime
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._errors import raise_first
from xborder.frames._landed import check_floats, column_names, measure_columns
from xborder.frames._landed_read import issues_frame, read_catalogue
from xborder.frames._landed_scalar import shipments_of
from xborder.frames._native import native
from xborder.landed_cost import LandedCost, Shipment
from xborder.landed_cost import landed_cost as scalar_landed_cost

if TYPE_CHECKING:
    import datetime as dt

    from xborder.fx import FxTable
    from xborder.money import RoundingMode

__all__ = ["to_results", "to_shipments"]


def to_shipments(
    lines: object,
    regime: Regime,
    *,
    template: Shipment,
    shipments: object | None = None,
    columns: Mapping[str, str | None] | None = None,
    quantities: Mapping[str, str] | None = None,
    floats: str = "refuse",
) -> dict[object, Shipment]:
    """The tables :func:`landed_cost` reads, as scalar shipments by key.

    Each key's lines, in table order, with its shipment's amounts and terms
    over ``template``'s: the models :func:`xborder.landed_cost.landed_cost`
    computes, with every figure explained, for the shipments worth a look.
    The tables are read and checked as :func:`landed_cost` reads them.

    Raises:
        InvalidInputError: A cell cannot be read (the first, named
            ``rows[i].column``), or an argument is wrong.

    Examples:
        >>> import datetime as dt
        >>> import polars as pl
        >>> from xborder import customs, frames
        >>> from xborder.customs import presets
        >>> from xborder.landed_cost import Line, Shipment
        >>> from xborder.money import Money
        >>> day = dt.date(2026, 9, 1)
        >>> gb = presets.regime("GB", as_of=day)
        >>> terms = Shipment(
        ...     lines=[Line(sku="-", hs_code="392690", origin_country="CN",
        ...                 quantity=1, unit_price=Money(0, "GBP"))],
        ...     export_country="CN", destination_country="GB",
        ...     incoterm=customs.Incoterm.DDP, mode=customs.TransportMode.AIR,
        ...     import_date=day,
        ... )
        >>> lines = pl.DataFrame({
        ...     "shipment": ["S1", "S1"], "sku": ["PH-01", "PH-02"],
        ...     "hs_code": ["392690", "392690"], "origin_country": ["CN", "CN"],
        ...     "quantity": [100, 40], "unit_price": ["2.35", "3.10"],
        ... })
        >>> found = frames.to_shipments(lines, gb, template=terms)
        >>> [(line.sku, str(line.goods_value)) for line in found["S1"].lines]
        [('PH-01', '235.00 GBP'), ('PH-02', '124.00 GBP')]
    """
    check_floats(floats)
    if not isinstance(template, Shipment):
        raise InvalidTypeError(field="template", value=template, expected="a Shipment")
    if not isinstance(regime, Regime):
        raise InvalidTypeError(field="regime", value=regime, expected="a Regime")
    names = column_names(columns)
    measures = measure_columns(quantities)
    table = native(lines, "lines").frame
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
    raise_first(issues_frame(catalogue.frame, catalogue.issues))
    found: dict[object, Shipment] = {}
    for built in shipments_of(catalogue.frame, catalogue.numbers, template):
        if built.error is not None:
            raise built.error.in_field(f"shipments[{built.key!r}]")
        assert built.shipment is not None  # noqa: S101 - a shipment or its error
        found[built.key] = built.shipment
    return found


def to_results(
    lines: object,
    regime: Regime,
    *,
    template: Shipment,
    shipments: object | None = None,
    fx: FxTable | None,
    as_of: dt.date,
    keys: Sequence[object] | None = None,
    rounding: RoundingMode | None = None,
    allow_out_of_window: bool = False,
    columns: Mapping[str, str | None] | None = None,
    quantities: Mapping[str, str] | None = None,
    floats: str = "refuse",
) -> dict[object, LandedCost]:
    """The scalar landed cost of some shipments of the tables, fully explained.

    :func:`to_shipments`, then :func:`xborder.landed_cost.landed_cost` on
    each shipment in ``keys`` (every shipment if ``None``): the same figures
    :func:`landed_cost` gives those lines, with every decision, figure,
    rule, source and warning of the scalar result.

    Raises:
        InvalidInputError: A key is not a shipment of the tables, a cell
            cannot be read, or the scalar calculator refuses a shipment
            (named ``shipments[key].field``).

    Examples:
        >>> import datetime as dt
        >>> import polars as pl
        >>> from xborder import customs, frames
        >>> from xborder.customs import presets
        >>> from xborder.landed_cost import Line, Shipment
        >>> from xborder.money import Money
        >>> day = dt.date(2026, 9, 1)
        >>> duty = customs.TariffMeasure(hs_code="3926",
        ...                              duty=customs.AdValorem("0.065"))
        >>> gb = presets.regime("GB", as_of=day).with_tariff(
        ...     customs.Tariff(measures=[duty]))
        >>> terms = Shipment(
        ...     lines=[Line(sku="-", hs_code="392690", origin_country="CN",
        ...                 quantity=1, unit_price=Money(0, "GBP"))],
        ...     export_country="CN", destination_country="GB",
        ...     incoterm=customs.Incoterm.DDP, mode=customs.TransportMode.AIR,
        ...     import_date=day, freight=Money("20.00", "GBP"),
        ... )
        >>> lines = pl.DataFrame({
        ...     "shipment": ["S1"], "sku": ["PH-01"], "hs_code": ["392690"],
        ...     "origin_country": ["CN"], "quantity": [100], "unit_price": ["2.00"],
        ... })
        >>> found = frames.to_results(lines, gb, template=terms, fx=None, as_of=day)
        >>> print(found["S1"].decisions[1])
        GB-duty-relief-135: consignment intrinsic value 200.00 GBP > 135 GBP: duty due
    """
    found = to_shipments(
        lines,
        regime,
        template=template,
        shipments=shipments,
        columns=columns,
        quantities=quantities,
        floats=floats,
    )
    if keys is not None:
        if isinstance(keys, str) or not isinstance(keys, Sequence):
            raise InvalidTypeError(
                field="keys", value=keys, expected="a sequence of shipment keys"
            )
        for index, key in enumerate(keys):
            try:
                hash(key)
            except TypeError:  # a list or a dict: no shipment is keyed by it
                raise InvalidTypeError(
                    field=f"keys[{index}]", value=key, expected="a shipment key"
                ) from None
            if key not in found:
                raise InvalidInputError(
                    field="keys", value=key, expected="a shipment of the tables"
                )
    chosen = list(found) if keys is None else list(keys)
    results: dict[object, LandedCost] = {}
    for key in chosen:
        try:
            results[key] = scalar_landed_cost(
                found[key],
                regime,
                fx=fx,
                as_of=as_of,
                rounding=rounding,
                allow_out_of_window=allow_out_of_window,
            )
        except XborderError as error:
            raise error.in_field(f"shipments[{key!r}]") from None
    return results
