"""xborder.frames.restock_plan equals the scalar inventory calculators, row for row.

Forecasts, routes, targets, positions and constraints are drawn from the
shipped strategies; each row of the table must carry exactly what
``reorder_point``, ``days_of_cover`` and ``restock_recommendation`` give for
it (continuous figures rounded half-even to six places), and a row the
scalar refuses must be in the errors frame with empty results.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import attrs
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder import frames
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.inventory import (
    Demand,
    LeadTime,
    OrderConstraints,
    ServiceMeasure,
    ServiceTarget,
    StockPosition,
    days_of_cover,
    reorder_point,
    restock_recommendation,
)
from xborder.testing import strategies as xst
from xborder.units import DAY, WEEK, quantity

AS_OF = dt.date(2026, 10, 1)
REVIEW = quantity(1, WEEK)
PLACES = Decimal(1).scaleb(-frames.STOCK_PLACES)


def _expected(
    demand: Demand,
    route: LeadTime,
    target: ServiceTarget,
    position: StockPosition,
    *,
    limits: OrderConstraints,
    order_quantity: Decimal | None = None,
) -> dict[str, object] | None:
    """What the scalar calculators say for one row, or None if they refuse it."""
    try:
        rop = reorder_point(
            demand, route, target, order_quantity=order_quantity, as_of=AS_OF
        )
        cover = days_of_cover(max(position.available, 0), demand, as_of=AS_OF)
        plan = restock_recommendation(
            position, demand, route, target, as_of=AS_OF, review_period=REVIEW,
            constraints=limits,
        )  # fmt: skip
    except XborderError:
        return None
    stock = rop.safety_stock

    def rounded(value: Decimal | None) -> Decimal | None:
        if value is None:
            return None
        return value.quantize(PLACES, rounding=ROUND_HALF_EVEN)

    return {
        "lead_time_demand": rounded(stock.demand.mean),
        "lead_time_demand_sd": rounded(stock.demand.sd),
        "z": rounded(stock.z),
        "safety_stock": rounded(stock.quantity),
        "safety_stock_units": stock.units,
        "reorder_point": rounded(rop.level),
        "reorder_point_units": rop.units,
        "inventory_position": position.inventory_position,
        "days_of_cover": rounded(cover.days),
        "stockout_date": plan.stockout.date,
        "order_by": None if plan.deadline is None else plan.deadline.order_by,
        "order_up_to_units": plan.level.units,
        "restock_quantity": plan.quantity,
        "restock_binding": plan.binding.value,
        "restock_arrival": plan.arrival,
    }


@st.composite
def _sku(draw: st.DrawFn, period: Any) -> tuple[Demand, StockPosition]:
    demand = draw(xst.demands(periods=st.just(period), seasonal=False))
    position = draw(xst.stock_positions(max_units=5000))
    return demand, attrs.evolve(position, inbound=position.inbound[:1])


def _row(demand: Demand, position: StockPosition) -> dict[str, object]:
    shipment = position.inbound[0] if position.inbound else None
    return {
        "demand_mean": demand.mean,
        "demand_sd": demand.sd,
        "on_hand": position.on_hand,
        "on_order": None if shipment is None else shipment.quantity,
        "arrival": None if shipment is None else shipment.arrival,
        "backorders": position.backorders,
        "reserved": position.reserved,
    }


COLUMNS: dict[str, Any] = {
    "on_order": "on_order",
    "arrival": "arrival",
    "backorders": "backorders",
    "reserved": "reserved",
}


def _table(rows: list[dict[str, object]]) -> pl.DataFrame:
    schema: dict[str, Any] = {
        "demand_mean": pl.Decimal(38, 2), "demand_sd": pl.Decimal(38, 2),
        "on_hand": pl.Int64, "on_order": pl.Int64, "arrival": pl.Date,
        "backorders": pl.Int64, "reserved": pl.Int64,
    }  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def _check(result: frames.Result, expected: list[dict[str, object] | None]) -> None:
    errors = set(result.errors.get_column("row").to_list())
    for index, (want, got) in enumerate(
        zip(expected, result.table.iter_rows(named=True), strict=True)
    ):
        if want is None:
            assert index in errors
            assert got["restock_quantity"] is None
            continue
        assert index not in errors
        assert {name: got[name] for name in want} == want


@given(
    data=st.data(),
    period=st.sampled_from([quantity(1, DAY), quantity(1, WEEK)]),
    route=xst.lead_times(max_legs=3),
    target=xst.service_targets(),
    limits=xst.order_constraints(),
)
def test_every_column_equals_the_scalar_calculators(
    data: st.DataObject,
    period: Any,
    route: LeadTime,
    target: ServiceTarget,
    limits: OrderConstraints,
) -> None:
    skus = data.draw(st.lists(_sku(period), min_size=1, max_size=12))
    quantities = data.draw(
        st.lists(
            st.none() | st.decimals(1, 5000, places=0),
            min_size=len(skus),
            max_size=len(skus),
        )
    )
    table = _table([_row(d, p) for d, p in skus]).with_columns(
        pl.Series("order_quantity", quantities, pl.Decimal(38, 0))
    )
    result = frames.restock_plan(
        table, as_of=AS_OF, review_period=REVIEW, period=period, lead_time=route,
        target=target, constraints=limits, order_quantity="order_quantity",
        **COLUMNS,
    )  # fmt: skip
    expected = [
        _expected(d, route, target, p, limits=limits, order_quantity=q)
        for (d, p), q in zip(skus, quantities, strict=True)
    ]
    _check(result, expected)


@given(
    data=st.data(),
    legs=st.lists(xst.lead_time_legs(max_days=90), min_size=1, max_size=12),
    measure=st.sampled_from(ServiceMeasure),
)
def test_lead_times_and_levels_from_columns_equal_the_scalar(
    data: st.DataObject, legs: list[Any], measure: ServiceMeasure
) -> None:
    day = quantity(1, DAY)
    skus = data.draw(st.lists(_sku(day), min_size=len(legs), max_size=len(legs)))
    levels = data.draw(
        st.lists(xst.service_levels(), min_size=len(legs), max_size=len(legs))
    )
    packs = data.draw(
        st.lists(st.none() | st.integers(0, 48), min_size=len(legs), max_size=len(legs))
    )
    rows = [
        {**_row(d, p), "lead": leg.mean_days, "lead_sd": leg.sd.magnitude,
         "level": level, "pack": pack}
        for (d, p), leg, level, pack in zip(skus, legs, levels, packs, strict=True)
    ]  # fmt: skip
    table = _table([{k: r[k] for k in list(r)[:7]} for r in rows]).with_columns(
        pl.Series("lead", [r["lead"] for r in rows], pl.Decimal(38, 1)),
        pl.Series("lead_sd", [r["lead_sd"] for r in rows], pl.Decimal(38, 1)),
        pl.Series("level", [r["level"] for r in rows], pl.Decimal(38, 3)),
        pl.Series("pack", [r["pack"] for r in rows], pl.Int64),
    )
    result = frames.restock_plan(
        table, as_of=AS_OF, review_period=REVIEW, lead_time_days="lead",
        lead_time_sd_days="lead_sd", service_level="level", measure=measure,
        case_pack="pack", **COLUMNS,
    )  # fmt: skip
    expected: list[dict[str, object] | None] = []
    for (demand, position), leg, level, pack in zip(
        skus, legs, levels, packs, strict=True
    ):
        try:
            route = LeadTime.single(leg.mean, leg.sd)
            target = ServiceTarget(measure=measure, level=level)
            limits = OrderConstraints(case_pack=1 if pack is None else pack)
        except XborderError:
            expected.append(None)
            continue
        expected.append(_expected(demand, route, target, position, limits=limits))
    _check(result, expected)


# -- examples -------------------------------------------------------------------------

STOCK: dict[str, list[Any]] = {
    "sku": ["PH-CLIP", "PH-CLIP", "PH-VENT"],
    "warehouse": ["DE", "US", "DE"],
    "demand_mean": ["20", "35.5", "8"],
    "demand_sd": ["6", "9", "3"],
    "on_hand": [300, 120, 900],
}
SEA = LeadTime.single("35 days", "5 days")
AIR = LeadTime.single("9 days", "2 days")
TARGET = ServiceTarget.cycle("0.95")


def _scalar_rows() -> list[dict[str, object] | None]:
    routes = {"DE": SEA, "US": AIR}
    return [
        _expected(
            Demand(mean=mean, sd=sd, period="1 day"), routes[warehouse], TARGET,
            StockPosition(on_hand=units), limits=OrderConstraints(),
        )
        for warehouse, mean, sd, units in zip(
            STOCK["warehouse"], STOCK["demand_mean"], STOCK["demand_sd"],
            STOCK["on_hand"], strict=True,
        )
    ]  # fmt: skip


@pytest.mark.parametrize(
    "make",
    [
        pl.DataFrame,
        lambda rows: pl.DataFrame(rows).lazy(),
        pd.DataFrame,
        lambda rows: pd.DataFrame(rows).convert_dtypes(dtype_backend="pyarrow"),
        pa.table,
    ],
    ids=["polars", "polars-lazy", "pandas-numpy", "pandas-arrow", "pyarrow"],
)
def test_routes_by_warehouse_in_every_frame_library(make: Any) -> None:
    given_table = make(STOCK)
    result = frames.restock_plan(
        given_table, as_of=AS_OF, review_period=REVIEW,
        lead_time={"DE": SEA, "US": AIR}, route="warehouse", target=TARGET,
    )  # fmt: skip
    assert type(result.table) is type(given_table)
    back = _as_polars(result.table)
    _check(frames.Result(back, pl.DataFrame({"row": []})), _scalar_rows())
    assert back.schema["safety_stock"] == pl.Decimal(18, 6)
    assert back.schema["stockout_date"] == pl.Date


def _as_polars(table: Any) -> pl.DataFrame:
    if isinstance(table, pd.DataFrame):
        return pl.from_pandas(table)
    if isinstance(table, pa.Table):
        return pl.DataFrame(pl.from_arrow(table))
    return table.collect() if isinstance(table, pl.LazyFrame) else table


def test_bad_rows_are_reported_with_the_scalars_reason() -> None:
    table = pl.DataFrame(
        {
            "demand_mean": ["20", "-1", "abc", "20", "20", "20"],
            "on_hand": [300, 300, 300, -5, 10, 10],
            "reserved": [0, 0, 0, 0, 20, None],
            "warehouse": ["DE", "DE", "DE", "DE", "DE", "FR"],
        }
    )
    result = frames.restock_plan(
        table, as_of=AS_OF, review_period=REVIEW, lead_time={"DE": SEA},
        route="warehouse", target=TARGET, demand_sd=None, reserved="reserved",
    )  # fmt: skip
    quantities = result.table.get_column("restock_quantity").to_list()
    assert quantities[0] is not None
    assert quantities[1:] == [None] * 5
    assert result.errors.select("row", "field").rows() == [
        (1, "demand_mean"), (2, "demand_mean"), (3, "on_hand"), (4, "reserved"),
        (5, "warehouse"),
    ]  # fmt: skip
    messages = result.errors.get_column("message").to_list()
    assert messages[1] == "demand_mean: expected a number, got abc"
    assert messages[3].startswith("reserved: expected at most the 10 units on hand")


def test_a_fill_rate_needs_an_order_quantity_per_row() -> None:
    table = pl.DataFrame({"demand_mean": ["20"], "demand_sd": ["6"], "on_hand": [300]})
    result = frames.restock_plan(
        table, as_of=AS_OF, review_period=REVIEW, lead_time=SEA,
        target=ServiceTarget.fill_rate("0.98"),
    )  # fmt: skip
    assert result.errors.get_column("field").to_list() == ["order_quantity"]
    with pytest.raises(InvalidInputError) as caught:
        frames.restock_plan(
            table, as_of=AS_OF, review_period=REVIEW, lead_time=SEA,
            target=ServiceTarget.fill_rate("0.98"), errors="raise",
        )  # fmt: skip
    assert caught.value.field == "rows[0].order_quantity"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"lead_time": None}, "lead_time"),
        ({"lead_time_days": "lead"}, "lead_time"),
        ({"target": None}, "target"),
        ({"service_level": "level"}, "target"),
        ({"lead_time": {"DE": SEA}}, "route"),
        ({"lead_time": {"DE": "sea"}, "route": "warehouse"}, "lead_time['DE']"),
        ({"review_period": "0 days"}, "review_period"),
        ({"review_period": "1 kg"}, "review_period"),
        ({"as_of": "2026-13-01"}, "as_of"),
        ({"on_order": "on_hand"}, "arrival"),
        ({"measure": "always"}, "measure"),
        ({"constraints": 40}, "constraints"),
        ({"demand_mean": 3}, "demand_mean"),
        ({"demand_mean": "mean"}, "mean"),
    ],
)
def test_arguments_are_checked_by_name(arguments: dict[str, Any], field: str) -> None:
    table = pl.DataFrame(STOCK)
    given_arguments: dict[str, Any] = {
        "as_of": AS_OF, "review_period": REVIEW, "lead_time": SEA,
        "target": TARGET, **arguments,
    }  # fmt: skip
    with pytest.raises(XborderError) as caught:
        frames.restock_plan(table, **given_arguments)
    assert caught.value.field == field


def test_float_columns_are_refused_unless_asked() -> None:
    table = pl.DataFrame({"demand_mean": [20.5], "demand_sd": [6.0], "on_hand": [300]})
    with pytest.raises(InvalidTypeError) as caught:
        frames.restock_plan(
            table, as_of=AS_OF, review_period=REVIEW, lead_time=SEA, target=TARGET
        )
    assert caught.value.field == "demand_mean"
    read = frames.restock_plan(
        table, as_of=AS_OF, review_period=REVIEW, lead_time=SEA, target=TARGET,
        floats="shortest",
    )  # fmt: skip
    want = _expected(
        Demand(mean="20.5", sd=6, period="1 day"), SEA, TARGET,
        StockPosition(on_hand=300), limits=OrderConstraints(),
    )  # fmt: skip
    assert want is not None
    got = read.table.row(0, named=True)
    assert {name: got[name] for name in want} == want


def test_result_columns_never_replace_the_callers() -> None:
    table = pl.DataFrame({**STOCK, "safety_stock": [1, 2, 3]})
    with pytest.raises(InvalidInputError) as caught:
        frames.restock_plan(
            table, as_of=AS_OF, review_period=REVIEW, lead_time=SEA, target=TARGET
        )
    assert caught.value.field == "frame"
