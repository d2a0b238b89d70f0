"""Days of cover, stockout dates, order deadlines, projections and restock plans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError, UnitError, XborderError
from xborder.inventory import (
    ContinuousReviewPolicy,
    Demand,
    InboundShipment,
    LeadTime,
    LeadTimeLeg,
    OrderConstraints,
    PeriodicReviewPolicy,
    RestockConstraint,
    ServiceTarget,
    StockPosition,
    days_of_cover,
    latest_order_date,
    order_deadline,
    project_stock,
    projected_stockout,
    restock_recommendation,
)
from xborder.testing import strategies as xst

TODAY = dt.date(2026, 9, 1)
DAILY = Demand(mean=20, sd=6, period="1 day")
SEA = LeadTime(
    legs=(
        LeadTimeLeg(name="factory", mean="15 days", sd="3 days", kind="production"),
        LeadTimeLeg(name="first mile", mean="3 days", sd="1 day"),
        LeadTimeLeg(name="sea", mean="30 days", sd="6 days"),
        LeadTimeLeg(name="receiving", mean="7 days", sd="3 days", kind="handling"),
    )
)


def _ship(quantity: int, day: str) -> InboundShipment:
    return InboundShipment(quantity=quantity, arrival=day)


# -- days of cover ---------------------------------------------------------------------


def test_days_of_cover_and_the_day_it_runs_out() -> None:
    cover = days_of_cover(450, DAILY, as_of=TODAY)
    assert cover.days == Decimal("22.5")
    assert cover.runs_out == dt.date(2026, 9, 23)
    assert days_of_cover(0, DAILY).days == 0
    assert days_of_cover(50, Demand(mean=0, period="1 day")).days is None
    assert days_of_cover(50, Demand(mean=0, period="1 day")).weeks is None
    assert days_of_cover(50, DAILY).runs_out is None


def test_days_of_cover_follows_seasonality() -> None:
    peak = Demand(
        mean=140, period="1 week", seasonality=["1", "3"], season_start="2026-11-02"
    )
    # 20/day for the first week, 60/day in the second: 500 units last 7 + 6 days.
    assert days_of_cover(500, peak, as_of="2026-11-02").days == 13
    with pytest.raises(InvalidInputError) as caught:
        days_of_cover(500, peak)
    assert caught.value.field == "as_of"


@given(
    st.decimals(min_value=0, max_value=10**6, places=0),
    st.decimals(min_value=Decimal("0.01"), max_value=10**4, places=2),
    st.sampled_from(["1 day", "1 week", "1 month", "36 hours"]),
)
def test_days_of_cover_times_daily_demand_is_the_stock(
    stock: Decimal, mean: Decimal, period: str
) -> None:
    demand = Demand(mean=mean, sd=0, period=period)
    cover = days_of_cover(stock, demand)
    assert cover.days is not None
    assert abs(cover.days * demand.daily_mean - stock) <= stock * Decimal("1e-30") + (
        Decimal("1e-28")
    )


@given(xst.demands(), st.integers(0, 10**5), st.dates(TODAY, dt.date(2030, 1, 1)))
def test_cover_uses_up_exactly_the_stock(
    demand: Demand, stock: int, day: dt.date
) -> None:
    cover = days_of_cover(stock, demand, as_of=day)
    if cover.days is None:
        assert demand.mean == 0 or not stock
        return
    used = demand.moments(Decimal(0), cover.days, day)[0]
    assert abs(used - stock) <= Decimal("1e-20") * (1 + stock)


def test_bad_cover_inputs() -> None:
    with pytest.raises(InvalidInputError) as caught:
        days_of_cover(-1, DAILY)
    assert caught.value.field == "stock"
    with pytest.raises(InvalidTypeError) as caught_type:
        days_of_cover(5, "20 a day")  # type: ignore[arg-type]
    assert caught_type.value.field == "demand"


# -- stockout date ---------------------------------------------------------------------


def test_inbound_shipments_push_the_stockout_back() -> None:
    position = StockPosition(
        on_hand=300,
        reserved=20,
        inbound=[_ship(400, "2026-09-10"), _ship(200, "2026-10-30")],
    )
    forecast = projected_stockout(position, DAILY, as_of=TODAY)
    # 280 now; 9 days use 180; +400 = 500 on 10 Sept, which lasts 25 days.
    assert forecast.days == 34
    assert forecast.date == dt.date(2026, 10, 5)
    assert [s.quantity for s in forecast.arrivals_before] == [400]
    assert forecast.next_arrival is not None
    assert forecast.days_out_of_stock == 25


def test_a_shipment_landing_exactly_as_stock_runs_out_avoids_a_stockout() -> None:
    position = StockPosition(on_hand=200, inbound=[_ship(100, "2026-09-11")])
    forecast = projected_stockout(position, DAILY, as_of=TODAY)
    assert forecast.days == 15
    assert forecast.next_arrival is None
    assert forecast.days_out_of_stock is None


def test_backorders_mean_a_stockout_today_unless_stock_lands_today() -> None:
    short = StockPosition(on_hand=10, backorders=30)
    assert projected_stockout(short, DAILY, as_of=TODAY).date == TODAY
    saved = StockPosition(on_hand=10, backorders=30, inbound=[_ship(100, "2026-08-30")])
    assert projected_stockout(saved, DAILY, as_of=TODAY).days == Decimal(4)


def test_without_demand_there_is_no_stockout() -> None:
    forecast = projected_stockout(
        StockPosition(on_hand=5), Demand(mean=0, period="1 day"), as_of=TODAY
    )
    assert forecast.date is None
    assert forecast.days is None


@given(xst.stock_positions(max_units=5000), xst.demands(max_mean=500))
def test_the_stockout_is_never_before_the_available_stock_runs_out(
    position: StockPosition, demand: Demand
) -> None:
    forecast = projected_stockout(position, demand, as_of=TODAY)
    alone = days_of_cover(max(position.available, 0), demand, as_of=TODAY)
    if alone.days is None:
        assert forecast.days is None or position.available < 0
    elif forecast.days is not None and position.available >= 0:
        assert forecast.days >= alone.days


# -- deadlines -------------------------------------------------------------------------


def test_order_deadline_schedules_every_leg_backwards() -> None:
    deadline = order_deadline(SEA, need_by="2026-12-01", buffer="2 days")
    assert deadline.buffer_days == 2
    assert deadline.z is None
    assert deadline.arrive_by == dt.date(2026, 11, 29)
    # Cumulative from the end: 7, 37, 40 and 55 days before 29 November.
    assert [str(m.start) for m in deadline.milestones] == [
        "2026-10-05",
        "2026-10-20",
        "2026-10-23",
        "2026-11-22",
    ]
    assert deadline.milestones[-1].end == deadline.arrive_by
    assert deadline.ship_by == dt.date(2026, 10, 20)
    assert deadline.order_by == dt.date(2026, 10, 5)
    assert deadline.days_left("2026-10-01") == 4


def test_confidence_adds_z_times_the_route_sd() -> None:
    deadline = order_deadline(SEA, need_by="2026-12-01", confidence="0.95")
    # σ_L = √(9 + 1 + 36 + 9) = 7.416 days; 1.645 σ = 12.2 days, rounded up to 13.
    assert deadline.buffer_days == Decimal("12.1985609797")
    assert deadline.arrive_by == dt.date(2026, 11, 18)


def test_fractional_legs_round_once_over_the_total() -> None:
    route = LeadTime(
        legs=(
            LeadTimeLeg(name="a", mean="1.5 days", kind="production"),
            LeadTimeLeg(name="b", mean="1.5 days", kind="handling"),
        )
    )
    deadline = order_deadline(route, need_by="2026-12-10")
    assert deadline.order_by == dt.date(2026, 12, 7)  # 3 days, not 2 + 2
    assert deadline.ship_by == deadline.order_by  # no transit leg


def test_latest_order_date_combines_stockout_and_route() -> None:
    forecast, deadline = latest_order_date(
        StockPosition(on_hand=2000), DAILY, SEA, as_of=TODAY, confidence="0.9"
    )
    assert forecast.date == dt.date(2026, 12, 10)
    assert deadline is not None
    assert deadline.need_by == forecast.date
    never, none = latest_order_date(
        StockPosition(on_hand=1), Demand(mean=0, period="1 day"), SEA, as_of=TODAY
    )
    assert never.date is None
    assert none is None


def test_latest_order_date_can_insist_on_a_stockout() -> None:
    forecast, deadline = latest_order_date(
        StockPosition(on_hand=2000),
        DAILY,
        SEA,
        as_of=TODAY,
        confidence="0.9",
        if_never_out="raise",
    )
    assert deadline.need_by == forecast.date
    idle = Demand(mean=0, period="1 day")
    with pytest.raises(InvalidInputError, match="never runs out") as caught:
        latest_order_date(
            StockPosition(on_hand=1), idle, SEA, as_of=TODAY, if_never_out="raise"
        )
    assert caught.value.field == "position"
    with pytest.raises(InvalidInputError) as wrong:
        latest_order_date(
            StockPosition(on_hand=1),
            idle,
            SEA,
            as_of=TODAY,
            if_never_out="ignore",  # type: ignore[call-overload]
        )
    assert wrong.value.field == "if_never_out"
    with pytest.raises(InvalidTypeError) as typed:
        latest_order_date(
            StockPosition(on_hand=1),
            idle,
            SEA,
            as_of=TODAY,
            if_never_out=True,  # type: ignore[call-overload]
        )
    assert typed.value.field == "if_never_out"


@pytest.mark.parametrize(
    ("arguments", "field", "error"),
    [
        ({"lead_time": "55 days"}, "lead_time", InvalidTypeError),
        ({"need_by": "Christmas"}, "need_by", InvalidInputError),
        ({"confidence": 1}, "confidence", InvalidInputError),
        ({"confidence": 0.9}, "confidence", InvalidTypeError),
        ({"buffer": "-1 day"}, "buffer", InvalidInputError),
        ({"buffer": "1 m"}, "buffer", UnitError),
    ],
)
def test_bad_deadline_inputs_name_their_field(
    arguments: dict[str, object], field: str, error: type[XborderError]
) -> None:
    base: dict[str, object] = {"lead_time": SEA, "need_by": "2026-12-01"}
    with pytest.raises(error) as caught:
        order_deadline(**(base | arguments))  # type: ignore[arg-type]
    assert caught.value.field == field


# -- projection ------------------------------------------------------------------------


def test_projection_without_a_policy_shows_the_stockout() -> None:
    projection = project_stock(
        StockPosition(on_hand=100, inbound=[_ship(50, "2026-09-03")]),
        DAILY,
        as_of=TODAY,
        days=10,
    )
    assert projection.days[2].arrivals == 50
    assert projection.stockout_date == dt.date(2026, 9, 8)
    assert projection.total_short == 50
    assert projection.orders == ()
    first = projection.days[0]
    assert [first.opening, first.demand, first.sales, first.closing] == [
        100,
        20,
        20,
        80,
    ]


def test_backordered_projection_carries_the_shortfall() -> None:
    projection = project_stock(
        StockPosition(on_hand=30, inbound=[_ship(100, "2026-09-04")]),
        DAILY,
        as_of=TODAY,
        days=5,
        lost_sales=False,
    )
    assert [row.closing for row in projection.days] == [10, -10, -30, 50, 30]
    assert projection.days[2].on_hand == 0


def test_periodic_review_orders_up_to_the_level_on_review_days() -> None:
    projection = project_stock(
        StockPosition(on_hand=200),
        DAILY,
        as_of=TODAY,
        days=21,
        lead_time=LeadTime.single("3 days"),
        policy=PeriodicReviewPolicy(order_up_to=300, review_period="1 week"),
    )
    assert [(str(o.placed), o.quantity) for o in projection.orders] == [
        ("2026-09-01", Decimal(120)),
        ("2026-09-08", Decimal(140)),
        ("2026-09-15", Decimal(140)),
    ]
    assert projection.stockout_date is None


def test_continuous_review_orders_enough_batches() -> None:
    projection = project_stock(
        StockPosition(on_hand=10),
        DAILY,
        as_of=TODAY,
        days=3,
        lead_time=LeadTime.single("2 days"),
        policy=ContinuousReviewPolicy(reorder_point=100, order_quantity=40),
    )
    assert projection.orders[0].quantity == 120  # position −10 + 120 > 100


@pytest.mark.parametrize(
    ("arguments", "field", "error"),
    [
        ({"days": 0}, "days", InvalidInputError),
        ({"days": 5.0}, "days", InvalidTypeError),
        ({"policy": "reorder"}, "policy", InvalidTypeError),
        (
            {"policy": ContinuousReviewPolicy(reorder_point=1, order_quantity=2)},
            "lead_time",
            InvalidInputError,
        ),
        ({"position": 5}, "position", InvalidTypeError),
        ({"as_of": "today"}, "as_of", InvalidInputError),
    ],
)
def test_bad_projection_inputs_name_their_field(
    arguments: dict[str, object], field: str, error: type[XborderError]
) -> None:
    base: dict[str, object] = {
        "position": StockPosition(on_hand=5),
        "demand": DAILY,
        "as_of": TODAY,
        "days": 5,
    }
    with pytest.raises(error) as caught:
        project_stock(**(base | arguments))  # type: ignore[arg-type]
    assert caught.value.field == field


def test_policy_validation() -> None:
    with pytest.raises(InvalidInputError) as caught:
        PeriodicReviewPolicy(order_up_to=5, review_period="1.5 days")
    assert caught.value.field == "review_period"
    with pytest.raises(InvalidInputError) as caught:
        ContinuousReviewPolicy(reorder_point=5, order_quantity=0)
    assert caught.value.field == "order_quantity"


@given(
    xst.stock_positions(max_units=2000),
    xst.demands(max_mean=200),
    st.one_of(
        st.none(), xst.continuous_review_policies(), xst.periodic_review_policies()
    ),
    st.booleans(),
)
def test_projection_conserves_stock(
    position: StockPosition,
    demand: Demand,
    policy: ContinuousReviewPolicy | PeriodicReviewPolicy | None,
    lost: bool,  # noqa: FBT001 - a drawn value
) -> None:
    projection = project_stock(
        position,
        demand,
        as_of=TODAY,
        days=40,
        policy=policy,
        lead_time=LeadTime.single("6 days"),
        lost_sales=lost,
    )
    for row in projection.days:
        served = row.sales if lost else row.demand
        with localcontext(prec=200):
            assert row.closing == row.opening + row.arrivals - served
            assert row.sales + row.short == row.demand
        assert row.on_hand >= 0
    for before, after in zip(projection.days, projection.days[1:], strict=False):
        assert after.opening == before.closing


# -- restock ---------------------------------------------------------------------------


def _restock(
    position: StockPosition, limits: OrderConstraints | None = None
) -> RestockConstraint | int:
    result = restock_recommendation(
        position,
        DAILY,
        LeadTime.single("35 days", "5 days"),
        ServiceTarget.cycle("0.95"),
        as_of=TODAY,
        review_period="1 week",
        constraints=limits,
    )
    return result.quantity


def test_restock_walks_through_every_constraint() -> None:
    result = restock_recommendation(
        StockPosition(on_hand=300),
        DAILY,
        LeadTime.single("35 days", "5 days"),
        ServiceTarget.cycle("0.95"),
        as_of=TODAY,
        review_period="1 week",
        constraints=OrderConstraints(case_pack=40, minimum_order=1000),
    )
    assert [s.constraint for s in result.steps] == [
        RestockConstraint.SERVICE_TARGET,
        RestockConstraint.CASE_PACK,
        RestockConstraint.MINIMUM_ORDER,
    ]
    assert result.quantity == 1000
    assert result.binding is RestockConstraint.MINIMUM_ORDER
    assert result.level.demand.interval_days == 42
    assert result.inventory_position == 300
    assert result.expected_on_arrival == 0  # 300 − 35·20 < 0: short before it lands
    assert result.arrival == dt.date(2026, 10, 6)
    assert result.stockout.date == dt.date(2026, 9, 16)
    assert result.deadline is not None
    assert result.deadline.order_by < TODAY  # already late: expedite or air-freight


def test_restock_floor_and_caps() -> None:
    floor = restock_recommendation(
        StockPosition(on_hand=1200),
        DAILY,
        LeadTime.single("35 days", "5 days"),
        ServiceTarget.cycle("0.95"),
        as_of=TODAY,
        review_period="1 week",
        constraints=OrderConstraints(min_days_of_cover="60 days"),
    )
    # 1,200 − 700 = 500 on arrival; 60 days need 1,200: order 700 (the
    # service target alone asks for 1,017 − 1,200 < 0).
    assert floor.binding is RestockConstraint.MIN_DAYS_OF_COVER
    assert floor.quantity == 700
    capped = restock_recommendation(
        StockPosition(on_hand=600),
        DAILY,
        LeadTime.single("35 days", "5 days"),
        ServiceTarget.cycle("0.95"),
        as_of=TODAY,
        review_period="1 week",
        constraints=OrderConstraints(case_pack=50, max_days_of_cover="15 days"),
    )
    # The target asks for 1,017 − 600 = 417 (420 in cartons); stock runs out
    # before the order lands, so 15 days of cover cap it at 300 units.
    assert capped.expected_on_arrival == 0
    assert capped.binding is RestockConstraint.MAX_DAYS_OF_COVER
    assert capped.quantity == 300


def test_restock_nothing_needed_and_a_cap_below_the_moq() -> None:
    plenty = restock_recommendation(
        StockPosition(on_hand=5000),
        DAILY,
        LeadTime.single("35 days", "5 days"),
        ServiceTarget.cycle("0.95"),
        as_of=TODAY,
        review_period="1 week",
    )
    assert plenty.quantity == 0
    assert plenty.binding is RestockConstraint.NOTHING_NEEDED
    blocked = restock_recommendation(
        StockPosition(on_hand=300),
        DAILY,
        LeadTime.single("35 days", "5 days"),
        ServiceTarget.cycle("0.95"),
        as_of=TODAY,
        review_period="1 week",
        constraints=OrderConstraints(minimum_order=500, max_units_stored=400),
    )
    assert blocked.quantity == 0
    assert blocked.binding is RestockConstraint.STORAGE_CAP
    assert "below the minimum order" in blocked.steps[-1].note


@pytest.mark.parametrize(
    ("make", "field", "error"),
    [
        (lambda: OrderConstraints(case_pack=0), "case_pack", InvalidInputError),
        (lambda: OrderConstraints(minimum_order=-1), "minimum_order",
         InvalidInputError),
        (lambda: OrderConstraints(max_units_stored=-1), "max_units_stored",
         InvalidInputError),
        (lambda: OrderConstraints(min_days_of_cover="-3 days"), "min_days_of_cover",
         InvalidInputError),
        (lambda: OrderConstraints(max_days_of_cover="3 kg"), "max_days_of_cover",
         UnitError),
        (lambda: OrderConstraints(min_days_of_cover="5 weeks",
                                  max_days_of_cover="30 days"), "max_days_of_cover",
         InvalidInputError),
        (lambda: _restock(StockPosition(on_hand=1), "none"), "constraints",  # type: ignore[arg-type]
         InvalidTypeError),
        (lambda: _restock("none"), "position", InvalidTypeError),  # type: ignore[arg-type]
    ],
)  # fmt: skip
def test_bad_restock_inputs_name_their_field(
    make: object, field: str, error: type[XborderError]
) -> None:
    with pytest.raises(error) as caught:
        make()  # type: ignore[operator]
    assert caught.value.field == field


@given(
    xst.stock_positions(max_units=3000),
    xst.order_constraints(),
    xst.demands(seasonal=False),
)
def test_restock_respects_packs_moq_and_caps(
    position: StockPosition, limits: OrderConstraints, demand: Demand
) -> None:
    result = restock_recommendation(
        position,
        demand,
        LeadTime.single("20 days", "4 days"),
        ServiceTarget.cycle("0.9"),
        as_of=TODAY,
        review_period="1 week",
        constraints=limits,
    )
    assert result.quantity >= 0
    if result.quantity:
        assert result.quantity % limits.case_pack == 0
        assert result.quantity >= limits.minimum_order
        if limits.max_units_stored is not None:
            stored = result.expected_on_arrival + result.quantity
            assert stored <= limits.max_units_stored
        if limits.max_days_of_cover is not None:
            lead = Decimal(20)
            end = lead + limits.max_days_of_cover.magnitude
            ceiling = demand.moments(lead, end, TODAY)[0]
            assert result.expected_on_arrival + result.quantity <= ceiling
    assert result.binding is result.steps[-1].constraint
