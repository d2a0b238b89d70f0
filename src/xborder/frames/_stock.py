"""Safety stock, reorder point, cover and restock per SKU × warehouse (private).

Square roots and normal quantiles cannot be evaluated exactly on columns,
and the issue sets no speed target here, so each row is computed by the
scalar calculators of :mod:`xborder.inventory` themselves:
:func:`~xborder.inventory.reorder_point` (with its safety stock),
:func:`~xborder.inventory.days_of_cover` and
:func:`~xborder.inventory.restock_recommendation` (with its stockout
forecast and order-by date). What many rows share is built once: the
service target (its z) per distinct level, the route per distinct lead time
(or per lane), the forecast per distinct mean and sd, the order constraints
per distinct case pack and MOQ. Reading the columns and writing the results
are columnar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import polars as pl

from xborder._exact import EXACT
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._columns import Problem, _shortest, read_amount
from xborder.frames._customers import day_argument
from xborder.frames._errors import (
    ROW,
    SCHEMA,
    bad_rows,
    check_mode,
    errors_frame,
    raise_first,
)
from xborder.frames._native import native
from xborder.frames._orders import column_name
from xborder.frames._pricing import Result, check_floats, no_clash
from xborder.inventory import (
    Demand,
    InboundShipment,
    LeadTime,
    OrderConstraints,
    ServiceMeasure,
    ServiceTarget,
    StockPosition,
    days_of_cover,
    reorder_point,
    restock_recommendation,
)
from xborder.units import DAY, as_duration, quantity

if TYPE_CHECKING:
    from collections.abc import Iterator

    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = ["STOCK", "STOCK_PLACES", "restock_plan"]

STOCK = ("lead_time_demand", "lead_time_demand_sd", "z", "safety_stock",
         "safety_stock_units", "reorder_point", "reorder_point_units",
         "inventory_position", "days_of_cover", "stockout_date", "order_by",
         "order_up_to_units", "restock_quantity", "restock_binding",
         "restock_arrival")  # fmt: skip
"""The columns :func:`restock_plan` adds, in order."""

STOCK_PLACES = 6
"""Decimal places of the continuous figures (half-even from the scalar's value)."""

_DECIMALS = ("lead_time_demand", "lead_time_demand_sd", "z", "safety_stock",
             "reorder_point", "days_of_cover")  # fmt: skip
_COUNTS = ("safety_stock_units", "reorder_point_units", "inventory_position",
           "order_up_to_units", "restock_quantity")  # fmt: skip
_DATES = ("stockout_date", "order_by", "restock_arrival")
_UNIT = Decimal(1).scaleb(-STOCK_PLACES)
_LARGEST = Decimal(10) ** (38 - STOCK_PLACES)  # what Decimal(38, 6) holds
_INT64 = 2**63


@attrs.frozen
class _Roles:
    """The caller's column for each input (None: not given)."""

    decimals: dict[str, str | None]  # demand_mean, demand_sd, lead times, level, Q
    counts: dict[str, str | None]  # on_hand, on_order, backorders, reserved, pack, MOQ
    arrival: str | None
    route: str | None


@attrs.frozen
class _Settings:
    as_of: dt.date
    review: Quantity
    period: Quantity
    lead_time: LeadTime | dict[str, LeadTime] | None
    target: ServiceTarget | None
    measure: ServiceMeasure
    constraints: OrderConstraints
    roles: _Roles
    floats: str
    mode: str


def restock_plan(
    frame: object,
    *,
    as_of: dt.date | str,
    review_period: QuantityInput,
    period: QuantityInput = "1 day",
    lead_time: LeadTime | Mapping[str, LeadTime] | None = None,
    target: ServiceTarget | None = None,
    constraints: OrderConstraints | None = None,
    route: str | None = None,
    demand_mean: str = "demand_mean",
    demand_sd: str | None = "demand_sd",
    lead_time_days: str | None = None,
    lead_time_sd_days: str | None = None,
    service_level: str | None = None,
    measure: ServiceMeasure | str = ServiceMeasure.CYCLE_SERVICE_LEVEL,
    order_quantity: str | None = None,
    on_hand: str = "on_hand",
    on_order: str | None = None,
    arrival: str | None = None,
    backorders: str | None = None,
    reserved: str | None = None,
    case_pack: str | None = None,
    minimum_order: str | None = None,
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    """Safety stock, reorder point, cover, stockout and restock for every row.

    Each row is one SKU at one warehouse. The columns give its forecast and
    its stock; the arguments give what rows share (or name more columns).
    Every figure is the scalar calculator's for the row, to the last digit
    (the continuous ones rounded half-even to :data:`STOCK_PLACES` places).

    **Column mapping** (each argument names a column; ``None``: not given;
    ``on_order`` and ``arrival`` go together):

    | Argument | Column meaning |
    | --- | --- |
    | ``demand_mean`` | mean demand per ``period`` (units, >= 0) |
    | ``demand_sd`` | its standard deviation per ``period`` (empty: 0) |
    | ``lead_time_days`` | mean lead time in days, if not ``lead_time=`` |
    | ``lead_time_sd_days`` | its standard deviation in days (empty: 0) |
    | ``route`` | each row's key in a ``lead_time`` mapping (a lane) |
    | ``service_level`` | each row's level (0 to 1), if not ``target=`` |
    | ``order_quantity`` | units per order, for a fill-rate reorder point |
    | ``on_hand`` | units in the warehouse (whole, >= 0) |
    | ``on_order``, ``arrival`` | units on order and the day they can be sold |
    | ``backorders``, ``reserved`` | owed and promised units (empty: 0) |
    | ``case_pack``, ``minimum_order`` | per-row carton, MOQ (empty: the constraints') |

    Computed per row: ``reorder_point(demand, lead time, target)`` (continuous
    review over the lead time), ``days_of_cover`` of the available stock
    (on hand − reserved − backorders, 0 if negative) and
    ``restock_recommendation`` (periodic review every ``review_period``,
    with ``constraints``), all as of ``as_of``. Demand is not seasonal here
    (a seasonal forecast needs the scalar :class:`~xborder.inventory.Demand`).

    Args:
        frame: A polars DataFrame or LazyFrame, a pandas DataFrame or a
            pyarrow Table, one row per SKU × warehouse.
        as_of: Today: when the lead time starts and cover is counted from.
        review_period: Time until the next review (``"1 week"``).
        period: The period of ``demand_mean`` and ``demand_sd``
            (``"1 day"``, ``"1 week"``).
        lead_time: One route for every row, or a mapping of ``route`` values
            to routes (legs), instead of the lead-time columns.
        target: One service target for every row, instead of
            ``service_level``.
        constraints: Case pack, MOQ, storage cap and days-of-cover limits
            for every row (the columns override the first two).
        route: See the mapping above.
        demand_mean: See the mapping above.
        demand_sd: See the mapping above.
        lead_time_days: See the mapping above.
        lead_time_sd_days: See the mapping above.
        service_level: See the mapping above.
        measure: What ``service_level`` measures: a cycle service level
            (the default) or a fill rate.
        order_quantity: See the mapping above.
        on_hand: See the mapping above.
        on_order: See the mapping above.
        arrival: See the mapping above.
        backorders: See the mapping above.
        reserved: See the mapping above.
        case_pack: See the mapping above.
        minimum_order: See the mapping above.
        floats: ``"refuse"`` float columns, or read each float as its
            ``"shortest"`` decimal.
        errors: ``"report"`` bad rows in :attr:`Result.errors`, or ``"raise"``
            on the first.

    Returns:
        The table with :data:`STOCK` added: ``lead_time_demand`` and
        ``lead_time_demand_sd`` (demand over the lead time), ``z``,
        ``safety_stock``, ``reorder_point`` and ``days_of_cover``
        (Decimal at :data:`STOCK_PLACES`; ``z`` empty where σ = 0 under a
        fill rate, ``days_of_cover`` empty with no demand),
        ``safety_stock_units``, ``reorder_point_units``,
        ``inventory_position``, ``order_up_to_units`` and
        ``restock_quantity`` (Int64, whole units rounded up as the scalar
        rounds them), ``stockout_date`` and ``order_by`` (Date, empty if the
        stock never runs out), ``restock_binding`` (the constraint that set
        the quantity) and ``restock_arrival`` (Date). A row the scalar
        refuses has empty results and is in :attr:`Result.errors`.

    Raises:
        InvalidInputError: An argument is wrong, a column is missing, both or
            neither of ``lead_time`` and ``lead_time_days`` (or ``target`` and
            ``service_level``) are given, or (``errors="raise"``) a row is bad.
        InvalidTypeError: An argument or a column has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> from xborder.inventory import LeadTime, OrderConstraints, ServiceTarget
        >>> stock = pl.DataFrame({
        ...     "sku": ["PH-CLIP", "PH-VENT"], "warehouse": ["DE", "DE"],
        ...     "demand_mean": [20, 8], "demand_sd": [6, 3], "on_hand": [300, 900],
        ... })
        >>> plan = frames.restock_plan(stock, as_of="2026-10-01",
        ...     review_period="1 week", lead_time=LeadTime.single("35 days", "5 days"),
        ...     target=ServiceTarget.cycle("0.95"),
        ...     constraints=OrderConstraints(case_pack=40, minimum_order=400))
        >>> for row in plan.table.select("sku", "safety_stock_units",
        ...         "reorder_point_units", "stockout_date", "restock_quantity",
        ...         "restock_binding").iter_rows():
        ...     print(*row)
        PH-CLIP 175 875 2026-10-16 720 case pack
        PH-VENT 72 352 2027-01-21 0 nothing needed
    """
    settings = _settings(
        as_of=as_of, review_period=review_period, period=period,
        lead_time=lead_time, target=target, constraints=constraints, route=route,
        demand_mean=demand_mean, demand_sd=demand_sd, lead_time_days=lead_time_days,
        lead_time_sd_days=lead_time_sd_days, service_level=service_level,
        measure=measure, order_quantity=order_quantity, on_hand=on_hand,
        on_order=on_order, arrival=arrival, backorders=backorders,
        reserved=reserved, case_pack=case_pack, minimum_order=minimum_order,
        floats=floats, errors=errors,
    )  # fmt: skip
    given = native(frame)
    table = given.frame.with_row_index(ROW)
    no_clash(table, STOCK)
    read, scales, problems = _read(table, settings)
    ok = bad_rows(problems).not_()
    read = read.with_columns(ok.alias("__xb_ok"))
    results, failed = _rows(read, scales, settings)
    found = pl.concat(
        [errors_frame(read, problems), failed], how="vertical_relaxed"
    ).sort("row", maintain_order=True)
    if settings.mode == "raise":
        raise_first(found)
    return Result(given.back(given.frame.hstack(results)), given.back(found))


# -- arguments -----------------------------------------------------------------


def _settings(**given: Any) -> _Settings:  # noqa: ANN401
    as_of = day_argument(given["as_of"], "as_of")
    review = _duration(given["review_period"], "review_period")
    period = _duration(given["period"], "period")
    names = {
        key: column_name(given[key], key, optional=key not in _REQUIRED)
        for key in (*_DECIMAL_ROLES, *_COUNT_ROLES, "arrival", "route")
    }
    lead_time = _lead_time(given["lead_time"], names)
    target = given["target"]
    if (target is None) == (names["service_level"] is None):
        raise InvalidInputError(
            field="target",
            value=target,
            expected="a ServiceTarget, or service_level= naming a column (one of them)",
        )
    if target is not None and not isinstance(target, ServiceTarget):
        raise InvalidTypeError(field="target", value=target, expected="ServiceTarget")
    limits = (
        OrderConstraints() if given["constraints"] is None else given["constraints"]
    )
    if not isinstance(limits, OrderConstraints):
        raise InvalidTypeError(
            field="constraints", value=limits, expected="OrderConstraints"
        )
    if (names["on_order"] is None) != (names["arrival"] is None):
        raise InvalidInputError(
            field="arrival",
            value=names["arrival"],
            expected="a column of arrival days with on_order (both or neither)",
        )
    return _Settings(
        as_of=as_of,
        review=review,
        period=period,
        lead_time=lead_time,
        target=target,
        measure=_measure(given["measure"]),
        constraints=limits,
        roles=_Roles(
            decimals={key: names[key] for key in _DECIMAL_ROLES},
            counts={key: names[key] for key in _COUNT_ROLES},
            arrival=names["arrival"],
            route=names["route"],
        ),
        floats=check_floats(given["floats"]),
        mode=check_mode(given["errors"]),
    )


_DECIMAL_ROLES = ("demand_mean", "demand_sd", "lead_time_days", "lead_time_sd_days",
                  "service_level", "order_quantity")  # fmt: skip
_COUNT_ROLES = ("on_hand", "on_order", "backorders", "reserved", "case_pack",
                "minimum_order")  # fmt: skip
_REQUIRED = frozenset({"demand_mean", "on_hand"})


def _duration(value: object, field: str) -> Quantity:
    try:
        days = as_duration(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field(field) from None
    if days.magnitude <= 0:
        raise InvalidInputError(
            field=field, value=str(value), expected="a duration > 0"
        )
    return days


def _measure(value: object) -> ServiceMeasure:
    if not isinstance(value, str):  # a ServiceMeasure is a str too
        raise InvalidTypeError(
            field="measure", value=value, expected="a ServiceMeasure or its value"
        )
    try:
        return ServiceMeasure(value)
    except ValueError:
        raise InvalidInputError(
            field="measure",
            value=value,
            expected=f"one of {[m.value for m in ServiceMeasure]}",
        ) from None


def _lead_time(
    value: object, names: dict[str, str | None]
) -> LeadTime | dict[str, LeadTime] | None:
    column = names["lead_time_days"]
    if (value is None) == (column is None):
        raise InvalidInputError(
            field="lead_time",
            value=value,
            expected="a LeadTime (or a mapping of routes), or lead_time_days= "
            "naming a column (one of them)",
        )
    if value is None or isinstance(value, LeadTime):
        return value
    if not isinstance(value, Mapping) or not value:
        raise InvalidTypeError(
            field="lead_time",
            value=value,
            expected="a LeadTime, or a mapping of route to LeadTime",
        )
    if names["route"] is None:
        raise InvalidInputError(
            "name the column that holds each row's route",
            field="route",
            value=None,
            expected="a column name when lead_time is a mapping",
        )
    for key, route in value.items():
        if not isinstance(key, str):
            raise InvalidTypeError(field="lead_time", value=key, expected="route names")
        if not isinstance(route, LeadTime):
            raise InvalidTypeError(
                field=f"lead_time[{key!r}]", value=route, expected="a LeadTime"
            )
    return dict(value)


# -- reading -------------------------------------------------------------------


def _read(
    table: pl.DataFrame, settings: _Settings
) -> tuple[pl.DataFrame, dict[str, int], list[Problem]]:
    """Every named column as unscaled integers (and its scale); every cell problem."""
    roles = settings.roles
    problems: list[Problem] = []
    scales: dict[str, int] = {}
    for role, column in {**roles.decimals, **roles.counts}.items():
        if column is None:
            continue
        whole = role in roles.counts
        table, scale = _number(table, column, role, whole, settings.floats, problems)
        scales[role] = scale
    if roles.arrival is not None:
        table = _dates(table, roles.arrival, problems)
    if roles.route is not None:
        table = _routes(table, roles.route, settings, problems)
    return table, scales, problems


def _number(  # noqa: PLR0917
    table: pl.DataFrame,
    column: str,
    role: str,
    whole: bool,  # noqa: FBT001
    floats: str,
    problems: list[Problem],
) -> tuple[pl.DataFrame, int]:
    if column not in table.schema:
        raise InvalidInputError(
            field=column,
            value=list(table.columns)[:20],
            expected=f"a column named {column!r}",
        )
    if table.schema[column].is_float() and floats == "shortest":
        table = table.with_columns(_shortest(table.get_column(column)))
    dtype = table.schema[column]
    scale = 0
    if not whole:
        if isinstance(dtype, pl.Decimal):
            scale = dtype.scale or 0
        elif dtype == pl.String:
            text = table.get_column(column).str.strip_chars()
            digits = text.str.extract(r"\.(\d*)$").str.len_chars()
            scale = min(int(digits.max() or 0), 30)  # type: ignore[arg-type]
    unit = "1 unit" if whole else f"{Decimal(1).scaleb(-scale)}"
    table, read = read_amount(
        table, column, scale=scale, into=f"__xb_{role}", floats=floats, unit=unit
    )
    if role in _REQUIRED or role in {"lead_time_days", "service_level"}:
        problems.extend(read.problems)
    else:  # an empty cell means the scalar's default
        given = pl.col(column).is_not_null()
        problems.extend(attrs.evolve(p, bad=p.bad & given) for p in read.problems)
    return table, scale


def _dates(table: pl.DataFrame, column: str, problems: list[Problem]) -> pl.DataFrame:
    if column not in table.schema:
        raise InvalidInputError(
            field=column,
            value=list(table.columns)[:20],
            expected=f"a column named {column!r}",
        )
    dtype = table.schema[column]
    if dtype == pl.Date:
        days = pl.col(column)
    elif dtype == pl.String:
        days = pl.col(column).str.to_date("%Y-%m-%d", strict=False)
    else:
        raise InvalidTypeError(
            field=column, value=str(dtype), expected="a Date or 'YYYY-MM-DD' column"
        )
    table = table.with_columns(days.alias("__xb_arrival"))
    unread = pl.col(column).is_not_null() & pl.col("__xb_arrival").is_null()
    problems.append(Problem(column, unread, "a date or 'YYYY-MM-DD'"))
    return table


def _routes(
    table: pl.DataFrame, column: str, settings: _Settings, problems: list[Problem]
) -> pl.DataFrame:
    if column not in table.schema:
        raise InvalidInputError(
            field="route", value=column, expected="a column of the table"
        )
    keys = pl.col(column).cast(pl.String)
    table = table.with_columns(keys.alias("__xb_route"))
    if isinstance(settings.lead_time, dict):
        known = pl.col("__xb_route").is_in(list(settings.lead_time))
        choices = ", ".join(repr(key) for key in settings.lead_time)
        problems.append(
            Problem(column, ~known.fill_null(value=False), f"a route in ({choices})")
        )
    return table


# -- the scalar calculators, row by row ----------------------------------------


@attrs.define
class _Shared:
    """What rows share, built once (routes, targets, forecasts, constraints)."""

    settings: _Settings
    routes: dict[object, LeadTime] = attrs.field(factory=dict)
    targets: dict[Decimal, ServiceTarget] = attrs.field(factory=dict)
    demands: dict[tuple[Decimal, Decimal], Demand] = attrs.field(factory=dict)
    limits: dict[tuple[int | None, int | None], OrderConstraints] = attrs.field(
        factory=dict
    )

    def demand(self, mean: Decimal, sd: Decimal) -> Demand:
        key = (mean, sd)
        found = self.demands.get(key)
        if found is None:
            found = Demand(mean=mean, sd=sd, period=self.settings.period)
            self.demands[key] = found
        return found

    def route(self, row: dict[str, Any]) -> LeadTime:
        lead_time = self.settings.lead_time
        if isinstance(lead_time, LeadTime):
            return lead_time
        if isinstance(lead_time, dict):
            return lead_time[row["__xb_route"]]
        key = (row["lead_time_days"], row["lead_time_sd_days"])
        found = self.routes.get(key)
        if found is None:
            mean, sd = key
            found = LeadTime.single(quantity(mean, DAY), quantity(sd, DAY))
            self.routes[key] = found
        return found

    def target(self, level: Decimal | None) -> ServiceTarget:
        if self.settings.target is not None:
            return self.settings.target
        assert level is not None  # noqa: S101 - the column is read when there is none
        found = self.targets.get(level)
        if found is None:
            found = ServiceTarget(measure=self.settings.measure, level=level)
            self.targets[level] = found
        return found

    def constraints(self, pack: int | None, minimum: int | None) -> OrderConstraints:
        key = (pack, minimum)
        found = self.limits.get(key)
        if found is None:
            base = self.settings.constraints
            found = attrs.evolve(
                base,
                case_pack=base.case_pack if pack is None else pack,
                minimum_order=base.minimum_order if minimum is None else minimum,
            )
            self.limits[key] = found
        return found


def _rows(
    read: pl.DataFrame, scales: dict[str, int], settings: _Settings
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The results of every row (empty where it fails) and the failures."""
    shared = _Shared(settings)
    records: list[dict[str, object]] = []
    failures: list[tuple[int, str, str | None, str]] = []
    for row in _inputs(read, scales, settings):
        if not row["__xb_ok"]:
            records.append({})
            continue
        try:
            records.append(_checked(_plan(row, shared)))
        except _Located as located:
            failures.append(_failure(row, located, settings.roles))
            records.append({})
        except XborderError as error:
            failures.append(_failure(row, _Located(error, None), settings.roles))
            records.append({})
    return _table(records), pl.DataFrame(failures, schema=SCHEMA, orient="row")


def _inputs(
    read: pl.DataFrame, scales: dict[str, int], settings: _Settings
) -> Iterator[dict[str, Any]]:
    """Each row's inputs as the scalar takes them: Decimals, ints, dates."""
    roles = settings.roles
    columns: dict[str, list[Any]] = {
        "row": read.get_column(ROW).to_list(),
        "__xb_ok": read.get_column("__xb_ok").to_list(),
    }
    for role, column in {**roles.decimals, **roles.counts}.items():
        if column is None:
            continue
        values = read.get_column(f"__xb_{role}").to_list()
        if role in roles.counts:
            columns[role] = [None if v is None else int(v) for v in values]
        else:
            scale = scales[role]
            columns[role] = [
                None if v is None else Decimal(int(v)).scaleb(-scale, context=EXACT)
                for v in values
            ]
        columns[f"{role}__cell"] = read.get_column(column).cast(pl.String).to_list()
    if roles.arrival is not None:
        columns["arrival"] = read.get_column("__xb_arrival").to_list()
    if roles.route is not None:
        columns["__xb_route"] = read.get_column("__xb_route").to_list()
    names = list(columns)
    for cells in zip(*columns.values(), strict=True):
        row = dict(zip(names, cells, strict=True))
        for role in (*_DECIMAL_ROLES, *_COUNT_ROLES, "arrival"):
            row.setdefault(role, None)
        yield row


class _Located(Exception):  # noqa: N818 - carries a scalar error to its column
    """A scalar error, and the role whose column it is about (None: no column)."""

    def __init__(self, error: XborderError, role: str | None) -> None:
        super().__init__(str(error))
        self.error = error
        self.role = role


def _built(roles: dict[str, str], build: Callable[[], _T]) -> _T:
    """``build()``; an error names the column of the field it is about."""
    try:
        return build()
    except XborderError as error:
        raise _Located(error, roles.get(error.field or "")) from None


_T = TypeVar("_T")


def _plan(row: dict[str, Any], shared: _Shared) -> dict[str, object]:
    """The scalar calculators on one row."""
    settings = shared.settings
    zero = Decimal(0)
    sd = zero if row["demand_sd"] is None else row["demand_sd"]
    demand = _built(
        {"mean": "demand_mean", "sd": "demand_sd"},
        lambda: shared.demand(row["demand_mean"], sd),
    )
    route = _built(
        {"mean": "lead_time_days", "sd": "lead_time_sd_days"},
        lambda: shared.route(row),
    )
    target = _built(
        {"level": "service_level"}, lambda: shared.target(row["service_level"])
    )
    position = _built(_POSITION, lambda: _position(row))
    limits = _built(
        {"case_pack": "case_pack", "minimum_order": "minimum_order"},
        lambda: shared.constraints(row["case_pack"], row["minimum_order"]),
    )
    rop = _built(
        {"order_quantity": "order_quantity"},
        lambda: reorder_point(
            demand, route, target, order_quantity=row["order_quantity"],
            as_of=settings.as_of,
        ),
    )  # fmt: skip
    cover = days_of_cover(max(position.available, 0), demand, as_of=settings.as_of).days
    plan = restock_recommendation(
        position, demand, route, target, as_of=settings.as_of,
        review_period=settings.review, constraints=limits,
    )  # fmt: skip
    stock = rop.safety_stock
    return {
        "lead_time_demand": stock.demand.mean,
        "lead_time_demand_sd": stock.demand.sd,
        "z": stock.z,
        "safety_stock": stock.quantity,
        "safety_stock_units": stock.units,
        "reorder_point": rop.level,
        "reorder_point_units": rop.units,
        "inventory_position": position.inventory_position,
        "days_of_cover": cover,
        "stockout_date": plan.stockout.date,
        "order_by": None if plan.deadline is None else plan.deadline.order_by,
        "order_up_to_units": plan.level.units,
        "restock_quantity": plan.quantity,
        "restock_binding": plan.binding.value,
        "restock_arrival": plan.arrival,
    }


_POSITION = {
    "on_hand": "on_hand", "backorders": "backorders", "reserved": "reserved",
    "quantity": "on_order", "arrival": "arrival",
}  # fmt: skip


def _position(row: dict[str, Any]) -> StockPosition:
    units = row["on_order"]
    inbound: tuple[InboundShipment, ...] = ()
    if units:  # 0 or empty: nothing on order
        inbound = (InboundShipment(quantity=units, arrival=row["arrival"]),)
    return StockPosition(
        on_hand=row["on_hand"],
        inbound=inbound,
        backorders=row["backorders"] or 0,
        reserved=row["reserved"] or 0,
    )


def _checked(values: dict[str, object]) -> dict[str, object]:
    """The row's figures as the table holds them, or an error naming the figure."""
    out: dict[str, object] = {}
    for name, value in values.items():
        if name in _DECIMALS and isinstance(value, Decimal):
            rounded = value.quantize(_UNIT, rounding=ROUND_HALF_EVEN, context=EXACT)
            if abs(rounded) >= _LARGEST:
                raise InvalidInputError(
                    "the figure does not fit a Decimal(38, 6) column",
                    field=name,
                    value=value,
                    expected="figures below 1E+32",
                )
            out[name] = rounded
            continue
        if name in _COUNTS and isinstance(value, int) and abs(value) >= _INT64:
            raise InvalidInputError(
                field=name, value=value, expected="whole units that fit Int64"
            )
        out[name] = value
    return out


def _failure(
    row: dict[str, Any], located: _Located, roles: _Roles
) -> tuple[int, str, str | None, str]:
    """The errors frame's row for a row the scalar refused."""
    error, role = located.error, located.role
    column = None
    if role == "arrival":
        column = roles.arrival
    elif role is not None:
        column = roles.decimals.get(role) or roles.counts.get(role)
    if column is not None and role is not None:
        cell = row.get(f"{role}__cell")
        if role == "arrival":
            cell = None if row["arrival"] is None else str(row["arrival"])
        field, value = column, cell
    else:
        field = error.field or "row"
        value = None if error.value is None else str(error.value)
    shown = "nothing" if value is None else value
    return (
        row["row"],
        field,
        value,
        f"{field}: expected {error.expected}, got {shown}",
    )


def _table(records: list[dict[str, object]]) -> pl.DataFrame:
    """The figures as typed columns (precision 18 where every value fits)."""
    columns = []
    for name in STOCK:
        values = [record.get(name) for record in records]
        if name in _DECIMALS:
            known = [v for v in values if isinstance(v, Decimal)]
            fits = all(abs(v) < Decimal(10) ** (18 - STOCK_PLACES) for v in known)
            kind: pl.DataType = pl.Decimal(18 if fits else 38, STOCK_PLACES)
        elif name in _COUNTS:
            kind = pl.Int64()
        elif name in _DATES:
            kind = pl.Date()
        else:
            kind = pl.String()
        columns.append(pl.Series(name, values, kind))
    return pl.DataFrame(columns)
