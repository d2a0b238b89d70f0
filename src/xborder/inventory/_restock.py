"""A restock recommendation: service target, then case packs, MOQ, floors and caps."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    count,
    date_value,
    named_errors,
    non_negative,
    non_negative_count,
    positive_count,
    require,
    text,
    tuple_of,
)
from xborder.errors import InvalidInputError
from xborder.inventory._args import (
    duration_in_range,
    expect,
    is_a,
    is_a_or_none,
    member,
)
from xborder.inventory._cover import StockoutForecast, day_after, projected_stockout
from xborder.inventory._demand import Demand, as_day, demand_moments
from xborder.inventory._fast import builder
from xborder.inventory._levels import OrderUpToLevel, order_up_to_level
from xborder.inventory._numeric import ceil_units
from xborder.inventory._position import StockPosition
from xborder.inventory._protection import checked_inputs
from xborder.inventory._schedule import OrderDeadline, order_deadline
from xborder.units import as_duration, non_negative_quantity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.inventory._lead_time import LeadTime
    from xborder.inventory._service import ServiceTarget
    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = [
    "OrderConstraints",
    "RestockConstraint",
    "RestockRecommendation",
    "RestockStep",
    "restock_recommendation",
]

_ZERO = Decimal(0)


def _optional_duration(value: QuantityInput | None) -> Quantity | None:
    return None if value is None else as_duration(value)


def _optional_count(value: int | None) -> int | None:
    return None if value is None else non_negative_count(value)


def _check_optional_duration(
    instance: object,
    attribute: attrs.Attribute[Quantity | None],
    value: Quantity | None,
) -> None:
    if value is not None:
        non_negative_quantity(instance, attribute, value)
        duration_in_range(instance, attribute, value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class OrderConstraints:
    """What an order must respect besides the service target.

    Args:
        case_pack: Units per carton; orders are whole cartons (int >= 1).
        minimum_order: The supplier's minimum order quantity (MOQ).
        max_units_stored: A storage cap (warehouse capacity limit) on units
            on hand once the order lands.
        min_days_of_cover: A floor: once the order lands, stock must cover at
            least this many days of demand (e.g. ``"28 days"``, the level
            under which Amazon charges a low-inventory-level fee; check the
            current rule).
        max_days_of_cover: A cap against ageing and storage fees: once the
            order lands, stock must not exceed this many days of demand.

    Examples:
        >>> limits = OrderConstraints(case_pack=40, min_days_of_cover="4 weeks")
        >>> limits.min_days_of_cover
        <Quantity(28, 'day')>
    """

    case_pack: int = attrs.field(default=1, converter=positive_count)
    minimum_order: int = attrs.field(default=0, converter=non_negative_count)
    max_units_stored: int | None = attrs.field(default=None, converter=_optional_count)
    min_days_of_cover: Quantity | None = attrs.field(
        default=None, converter=_optional_duration, validator=_check_optional_duration
    )
    max_days_of_cover: Quantity | None = attrs.field(
        default=None, converter=_optional_duration, validator=_check_optional_duration
    )

    def __attrs_post_init__(self) -> None:
        floor, cap = self.min_days_of_cover, self.max_days_of_cover
        if floor is not None and cap is not None and cap.magnitude < floor.magnitude:
            raise InvalidInputError(
                field="max_days_of_cover",
                value=str(cap),
                expected=f"at least min_days_of_cover ({floor})",
            )


class RestockConstraint(enum.StrEnum):
    """What set (or changed) a restock quantity."""

    NOTHING_NEEDED = "nothing needed"
    """The inventory position already reaches the target: no order."""
    SERVICE_TARGET = "service target"
    """The order-up-to level for the service target."""
    MIN_DAYS_OF_COVER = "minimum days of cover"
    """The floor of days of cover on arrival asked for more."""
    CASE_PACK = "case pack"
    """Rounded up to whole cartons."""
    MINIMUM_ORDER = "minimum order quantity"
    """Raised to the supplier's MOQ."""
    STORAGE_CAP = "storage cap"
    """Cut to fit the warehouse's capacity."""
    MAX_DAYS_OF_COVER = "maximum days of cover"
    """Cut to avoid ageing stock."""


def _constraint(value: RestockConstraint | str) -> RestockConstraint:
    return member(RestockConstraint, value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RestockStep:
    """One step of the recommendation: the rule applied and the quantity after it.

    Examples:
        >>> from xborder.inventory import (Demand, LeadTime, OrderConstraints,
        ...     ServiceTarget, StockPosition, restock_recommendation)
        >>> rec = restock_recommendation(StockPosition(on_hand=300),
        ...     Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"), ServiceTarget.cycle("0.95"),
        ...     as_of="2026-10-01", review_period="1 week",
        ...     constraints=OrderConstraints(case_pack=40, minimum_order=400))
        >>> [(step.constraint.value, step.quantity) for step in rec.steps]
        [('service target', Decimal('616')), ('case pack', Decimal('640'))]
    """

    constraint: RestockConstraint = attrs.field(converter=_constraint)
    quantity: Decimal = attrs.field(converter=non_negative)
    note: str = attrs.field(converter=text)


_build_step = builder(RestockStep)


def _steps(values: Iterable[RestockStep]) -> tuple[RestockStep, ...]:
    steps = tuple_of(values, RestockStep)
    require(bool(steps), field=None, value=values, expected="at least one step")
    return steps


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RestockRecommendation:
    """How much to order today, why, and by when it must be ordered at the latest.

    Attributes:
        quantity: Units to order (whole cartons; 0 for no order).
        binding: The constraint that set ``quantity`` (the last that changed it).
        steps: Each rule applied, in order, with the quantity after it.
        level: The order-up-to level for the service target (audit trail:
            z, σ over R + L).
        inventory_position: On hand + on order − backorders − reserved.
        expected_on_arrival: Expected stock when this order lands, before it
            is added: position − mean lead-time demand, or 0 if that is
            negative (demand unmet before then is lost).
        arrival: The day the order lands at the mean lead time.
        stockout: When the current position runs out without this order.
        deadline: Latest order and ship dates to avoid that stockout
            (``None`` if it never comes).

    Built by hand, ``quantity`` and ``binding`` must be the last step's.

    Examples:
        >>> from xborder.inventory import (Demand, LeadTime, OrderConstraints,
        ...     ServiceTarget, StockPosition, restock_recommendation)
        >>> rec = restock_recommendation(StockPosition(on_hand=300),
        ...     Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"), ServiceTarget.cycle("0.95"),
        ...     as_of="2026-10-01", review_period="1 week",
        ...     constraints=OrderConstraints(case_pack=40, minimum_order=400))
        >>> rec.quantity, rec.binding.value, rec.arrival
        (640, 'case pack', datetime.date(2026, 10, 31))
    """

    quantity: int = attrs.field(converter=non_negative_count)
    binding: RestockConstraint = attrs.field(converter=_constraint)
    steps: tuple[RestockStep, ...] = attrs.field(converter=_steps)
    level: OrderUpToLevel = attrs.field(validator=is_a(OrderUpToLevel))
    inventory_position: int = attrs.field(converter=count)
    expected_on_arrival: Decimal = attrs.field(converter=non_negative)
    arrival: dt.date = attrs.field(converter=date_value)
    stockout: StockoutForecast = attrs.field(validator=is_a(StockoutForecast))
    deadline: OrderDeadline | None = attrs.field(validator=is_a_or_none(OrderDeadline))

    def __attrs_post_init__(self) -> None:
        last = self.steps[-1]
        require(
            self.quantity == last.quantity,
            field="quantity",
            value=self.quantity,
            expected=f"the last step's quantity ({last.quantity})",
        )
        require(
            self.binding is last.constraint,
            field="binding",
            value=self.binding,
            expected=f"the last step's constraint ({last.constraint.value})",
        )


def _cartons(units: Decimal, pack: int, *, up: bool) -> Decimal:
    cartons = EXACT.divide_int(units, pack)
    if up and EXACT.multiply(cartons, pack) < units:
        cartons += 1
    return EXACT.multiply(max(cartons, _ZERO), pack)


def restock_recommendation(
    position: StockPosition,
    demand: Demand,
    lead_time: LeadTime,
    target: ServiceTarget,
    *,
    as_of: dt.date | str,
    review_period: QuantityInput,
    constraints: OrderConstraints | None = None,
) -> RestockRecommendation:
    r"""Recommend today's order for a SKU reviewed every ``review_period``.

    1. **Service target**: order up to $S = d(R+L) + z\sigma_{R+L}$ from
       the inventory position (:func:`order_up_to_level`).
    2. **Minimum days of cover**: if stock on arrival would cover fewer days
       than the floor, order more.
    3. **Case pack**: round up to whole cartons.
    4. **MOQ**: raise to the minimum order (in whole cartons).
    5. **Caps**: cut to the storage cap and the maximum days of cover,
       rounding down to whole cartons; if that leaves less than the MOQ,
       order nothing and say so.

    The ``binding`` constraint is the last one that changed the quantity.

    Args:
        position: Stock today.
        demand: The forecast.
        lead_time: The route for this order.
        target: The service target.
        as_of: Today.
        review_period: Time until the next review (the next chance to order).
        constraints: Case pack, MOQ, storage cap and days-of-cover limits.

    Examples:
        >>> from xborder.inventory import (Demand, LeadTime, OrderConstraints,
        ...     ServiceTarget, StockPosition, restock_recommendation)
        >>> rec = restock_recommendation(
        ...     StockPosition(on_hand=300), Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("35 days", "5 days"), ServiceTarget.cycle("0.95"),
        ...     as_of="2026-10-01", review_period="1 week",
        ...     constraints=OrderConstraints(case_pack=40, minimum_order=400))
        >>> rec.level.units, rec.inventory_position, rec.quantity, rec.binding.value
        (1017, 300, 720, 'case pack')
    """
    checked = expect(position, StockPosition, "position")
    forecast, route, day = checked_inputs(demand, lead_time, as_of)
    limits = (
        OrderConstraints()
        if constraints is None
        else expect(constraints, OrderConstraints, "constraints")
    )
    level = order_up_to_level(
        forecast, route, target, review_period=review_period, as_of=day
    )
    today = day or as_day(as_of, "as_of")
    held = Decimal(checked.inventory_position)
    lead = route.mean_days
    # Floors and caps are about the units physically there when the order
    # lands: a shortfall before then is lost, not carried (marketplace buyers
    # go elsewhere), so stock on arrival is never below zero.
    on_arrival = max(
        EXACT.subtract(held, demand_moments(forecast, _ZERO, lead, today)[0]), _ZERO
    )
    plan = _Plan(
        demand=forecast, day=today, lead=lead, on_arrival=on_arrival, limits=limits
    )
    steps = plan.steps(level, held)
    arrival = day_after(today, Decimal(ceil_units(lead)))
    if arrival is None:
        raise InvalidInputError(
            field="lead_time",
            value=route.mean_days,
            expected="a lead time that ends before 9999-12-31",
        )
    stockout = projected_stockout(checked, forecast, as_of=today)
    deadline = None
    if stockout.date is not None:
        deadline = order_deadline(route, need_by=stockout.date)
    return _build_recommendation(
        int(steps[-1].quantity),
        steps[-1].constraint,
        tuple(steps),
        level,
        checked.inventory_position,
        on_arrival,
        arrival,
        stockout,
        deadline,
    )


_build_recommendation = builder(RestockRecommendation)


@attrs.frozen(kw_only=True)
class _Plan:
    """The facts every step needs: the forecast, today, the lead time, the limits."""

    demand: Demand
    day: dt.date
    lead: Decimal
    on_arrival: Decimal
    limits: OrderConstraints

    def demand_after_arrival(self, span: Quantity) -> Decimal:
        """Expected demand over ``span`` from the day the order lands."""
        end = EXACT.add(self.lead, span.magnitude)
        return demand_moments(self.demand, self.lead, end, self.day)[0]

    def steps(self, level: OrderUpToLevel, held: Decimal) -> list[RestockStep]:
        """Service target, floor, case pack, MOQ, then the caps."""
        need = max(EXACT.subtract(Decimal(level.units), held), _ZERO)
        steps = [
            _step(
                RestockConstraint.SERVICE_TARGET,
                need,
                f"order up to {level.units} from a position of {held}",
            )
        ]
        floor = self.limits.min_days_of_cover
        if floor is not None:
            wanted = EXACT.subtract(self.demand_after_arrival(floor), self.on_arrival)
            if ceil_units(wanted) > need:
                steps.append(
                    _step(
                        RestockConstraint.MIN_DAYS_OF_COVER,
                        Decimal(ceil_units(wanted)),
                        f"{floor.magnitude} days of demand in stock on arrival",
                    )
                )
        if steps[-1].quantity <= 0:
            note = f"the position {held} already reaches the target"
            return [*steps, _step(RestockConstraint.NOTHING_NEEDED, _ZERO, note)]
        return self._capped(self._rounded(steps))

    def _rounded(self, steps: list[RestockStep]) -> list[RestockStep]:
        pack, minimum = self.limits.case_pack, self.limits.minimum_order
        packed = _cartons(steps[-1].quantity, pack, up=True)
        if packed != steps[-1].quantity:
            note = f"whole cartons of {pack}"
            steps.append(_step(RestockConstraint.CASE_PACK, packed, note))
        if packed < minimum:
            packed = _cartons(Decimal(minimum), pack, up=True)
            note = f"the supplier's minimum of {minimum}"
            steps.append(_step(RestockConstraint.MINIMUM_ORDER, packed, note))
        return steps

    def _capped(self, steps: list[RestockStep]) -> list[RestockStep]:
        caps: list[tuple[Decimal, RestockConstraint, str]] = []
        stored, ageing = self.limits.max_units_stored, self.limits.max_days_of_cover
        if stored is not None:
            room = EXACT.subtract(Decimal(stored), self.on_arrival)
            caps.append(
                (room, RestockConstraint.STORAGE_CAP, f"room for {stored} units")
            )
        if ageing is not None:
            room = EXACT.subtract(self.demand_after_arrival(ageing), self.on_arrival)
            note = f"at most {ageing.magnitude} days of demand on arrival"
            caps.append((room, RestockConstraint.MAX_DAYS_OF_COVER, note))
        if not caps:
            return steps
        room, constraint, note = min(caps, key=lambda cap: cap[0])
        if steps[-1].quantity <= room:
            return steps
        allowed = _cartons(max(room, _ZERO), self.limits.case_pack, up=False)
        if not allowed or allowed < self.limits.minimum_order:
            note = f"{note}: leaves {allowed} units, below the minimum order; no order"
            allowed = _ZERO
        return [*steps, _step(constraint, allowed, note)]


def _step(constraint: RestockConstraint, quantity: Decimal, note: str) -> RestockStep:
    return _build_step(constraint, quantity, note)
