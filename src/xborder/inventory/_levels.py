"""Safety stock, reorder point and order-up-to level for a service target."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import count, decimal, named_errors, require
from xborder.errors import InvalidInputError
from xborder.inventory._args import (
    days,
    expect,
    is_a,
    optional_non_negative,
    optional_number,
    positive_arg,
    whole_units,
)
from xborder.inventory._fast import slot_setters
from xborder.inventory._numeric import (
    STATISTICAL,
    ceil_units,
    from_float,
    inverse_loss,
    ratio,
)
from xborder.inventory._position import StockPosition
from xborder.inventory._protection import ProtectionDemand, checked_inputs, protect
from xborder.inventory._service import ServiceTarget
from xborder.inventory._stats import ServiceOutcome, build_outcome, service_outcome

if TYPE_CHECKING:
    import datetime as dt

    from xborder._validate import DecimalInput
    from xborder.inventory._demand import Demand
    from xborder.inventory._lead_time import LeadTime
    from xborder.units import QuantityInput

__all__ = [
    "OrderUpToLevel",
    "ReorderPoint",
    "SafetyStock",
    "order_up_to_level",
    "reorder_point",
    "safety_stock",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SafetyStock:
    r"""Safety stock for a service target, with everything needed to audit it.

    $SS = z\,\sigma$ over the protection interval. For a cycle service level
    $\alpha$, $z = \Phi^{-1}(\alpha)$. For a fill rate $\beta$ with $Q$ units
    ordered per cycle, $z$ solves $\sigma L(z) = (1 - \beta)\,Q$, where
    $L(z) = \varphi(z) - z\,(1 - \Phi(z))$ is the standard normal loss
    function (Silver, Pyke & Thomas, ch. 6; Chopra & Meindl, ch. 12). A
    target below 50 % gives a negative safety stock, which xborder keeps:
    flooring it at 0 would deliver 50 %, not the target asked for. With no
    variability ($\sigma = 0$) the safety stock is 0 and the service certain.

    Attributes:
        target: The service target.
        demand: Demand over the protection interval (mean, σ, interval).
        z: The safety factor ($\text{None}$ when σ = 0 under a fill rate).
        quantity: $z\sigma$, to 12 significant digits.
        units: ``quantity`` rounded up to whole units (``RoundingMode.CEILING``).
        order_quantity: Units ordered per cycle, for fill rates (``None`` if
            not given).

    Built by hand, ``units`` must be ``quantity`` rounded up.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, ServiceTarget, safety_stock
        >>> stock = safety_stock(Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"), ServiceTarget.cycle("0.95"))
        >>> stock.z, stock.demand.sd, stock.quantity, stock.units
        (Decimal('1.64485362695'), Decimal('105.261578936'), Decimal('173.139889891'),
        174)
    """

    target: ServiceTarget = attrs.field(validator=is_a(ServiceTarget))
    demand: ProtectionDemand = attrs.field(validator=is_a(ProtectionDemand))
    z: Decimal | None = attrs.field(converter=optional_number)
    quantity: Decimal = attrs.field(converter=decimal)
    units: int = attrs.field(converter=count)
    order_quantity: Decimal | None = attrs.field(converter=optional_non_negative)

    def __attrs_post_init__(self) -> None:
        whole_units(self.quantity, self.units, "units")

    @property
    def outcome(self) -> ServiceOutcome:
        """Cycle service level, expected shortage per cycle and fill rate achieved."""
        outcome = service_outcome(
            self.demand.sd, self.quantity, self.z, self.order_quantity
        )
        if self.demand.sd and not self.target.is_fill_rate:
            # Φ(z) of the 12-digit z is the target to 11 digits; report the target.
            return build_outcome(
                self.target.level, outcome.expected_shortage, outcome.fill_rate
            )
        return outcome

    @property
    def cycle_service_level(self) -> Decimal:
        r"""$\Phi(z)$: the probability of no stockout in a cycle."""
        return self.outcome.cycle_service_level

    @property
    def expected_shortage(self) -> Decimal:
        r"""$\sigma L(z)$: expected units short per replenishment cycle."""
        return self.outcome.expected_shortage

    @property
    def fill_rate(self) -> Decimal | None:
        r"""$1 - \sigma L(z)/Q$, if an order quantity is known."""
        return self.outcome.fill_rate

    @property
    def days_of_cover(self) -> Decimal | None:
        """The safety stock in days of average demand (``None`` without demand)."""
        rate = self.demand.daily_mean
        return ratio(self.quantity, rate) if rate else None


_new = object.__new__
(
    _set_target,
    _set_demand,
    _set_z,
    _set_quantity,
    _set_units,
    _set_order_quantity,
) = slot_setters(SafetyStock)


def _safety(
    protection: ProtectionDemand, target: ServiceTarget, per_cycle: Decimal | None
) -> SafetyStock:
    sd = protection.sd
    z = target.z
    if z is not None:  # a cycle service level: z is fixed by the target
        amount = STATISTICAL.multiply(z, sd) if sd else _ZERO
    elif per_cycle is None:
        raise InvalidInputError(
            "a fill rate depends on how much each order brings",
            field="order_quantity",
            value=None,
            expected="the units ordered per cycle",
        )
    elif not sd:
        z, amount = None, _ZERO
    else:
        short = EXACT.multiply(EXACT.subtract(_ONE, target.level), per_cycle)
        if not short:
            raise InvalidInputError(
                "a fill rate needs demand in each cycle",
                field="order_quantity",
                value=per_cycle,
                expected="> 0 units per cycle",
            )
        scaled = float(ratio(short, sd))
        if not 0 < scaled < math.inf:
            raise InvalidInputError(
                "the shortage allowed per cycle is beyond float range next to σ",
                field="target",
                value=target,
                expected="a fill rate, order quantity and σ the normal model can reach",
            )
        z = from_float(inverse_loss(scaled))
        amount = STATISTICAL.multiply(z, sd)
    # Built slot by slot (see _fast): this runs once per SKU.
    stock = _new(SafetyStock)
    _set_target(stock, target)
    _set_demand(stock, protection)
    _set_z(stock, z)
    _set_quantity(stock, amount)
    _set_units(stock, ceil_units(amount))
    _set_order_quantity(stock, per_cycle)
    return stock


def _check_level(stock: SafetyStock, level: Decimal, units: int) -> None:
    require(
        level == EXACT.add(stock.demand.mean, stock.quantity),
        field="level",
        value=level,
        expected="safety_stock.demand.mean + safety_stock.quantity",
    )
    whole_units(level, units, "units")


def _cycle_quantity(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else positive_arg(value, "order_quantity")


def safety_stock(
    demand: Demand,
    lead_time: LeadTime,
    target: ServiceTarget,
    *,
    order_quantity: DecimalInput | None = None,
    as_of: dt.date | str | None = None,
) -> SafetyStock:
    r"""Safety stock for continuous review: $z\sqrt{L\sigma_d^2 + d^2\sigma_L^2}$.

    Args:
        demand: The forecast, any period.
        lead_time: The route (one or more legs).
        target: A cycle service level or a fill rate.
        order_quantity: Units per order; required for a fill rate.
        as_of: The day the lead time starts (needed for seasonal demand).

    Raises:
        InvalidInputError: A fill-rate target without ``order_quantity``, or
            seasonal demand without ``as_of``.

    Example (Chopra & Meindl, Example 12-6: Dell, daily demand 2,500 ± 500,
    lead time 7 ± 7 days, 90 % cycle service level):

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, ServiceTarget, safety_stock
        >>> demand = Demand(mean=2500, sd=500, period="1 day")
        >>> ss = safety_stock(demand, LeadTime.single("7 days", "7 days"),
        ...                   ServiceTarget.cycle("0.90"))
        >>> ss.units, ss.z, ss.demand.sd
        (22492, Decimal('1.28155156554'), Decimal('17549.9287748'))
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    goal = expect(target, ServiceTarget, "target")
    return _safety(
        protect(checked, route, _ZERO, day), goal, _cycle_quantity(order_quantity)
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ReorderPoint:
    r"""A continuous-review reorder point: order when the position falls to it.

    $ROP = \mu_L + SS$ (Chopra & Meindl, eq. 12.3; Silver, Pyke & Thomas, ch. 6).
    Compare it with the **inventory position** (on hand + on order −
    backorders − reserved), not the stock on the shelf.

    Attributes:
        safety_stock: The safety stock and its audit trail.
        level: $\mu_L + SS$.
        units: ``level`` rounded up to whole units.

    Built by hand, ``level`` must be the safety stock's mean demand plus its
    quantity, and ``units`` the level rounded up.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, ServiceTarget, reorder_point
        >>> rop = reorder_point(Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"), ServiceTarget.cycle("0.95"))
        >>> rop.demand.mean, rop.safety_stock.quantity, rop.units
        (Decimal('600'), Decimal('173.139889891'), 774)
    """

    safety_stock: SafetyStock = attrs.field(validator=is_a(SafetyStock))
    level: Decimal = attrs.field(converter=decimal)
    units: int = attrs.field(converter=count)

    def __attrs_post_init__(self) -> None:
        _check_level(self.safety_stock, self.level, self.units)

    @property
    def demand(self) -> ProtectionDemand:
        """Demand over the lead time."""
        return self.safety_stock.demand

    @property
    def z(self) -> Decimal | None:
        """The safety factor."""
        return self.safety_stock.z

    def should_order(self, position: StockPosition) -> bool:
        """Whether ``position``'s inventory position is at or below the level."""
        return (
            expect(position, StockPosition, "position").inventory_position <= self.level
        )


def reorder_point(
    demand: Demand,
    lead_time: LeadTime,
    target: ServiceTarget,
    *,
    order_quantity: DecimalInput | None = None,
    as_of: dt.date | str | None = None,
) -> ReorderPoint:
    """The reorder point for a service target (see :func:`safety_stock`).

    Example (Chopra & Meindl, Example 12-4 style: weekly demand 2,500 ± 500,
    lead time 2 weeks, 90 % cycle service level):

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, ServiceTarget, reorder_point
        >>> demand = Demand(mean=2500, sd=500, period="1 week")
        >>> target = ServiceTarget.cycle("0.9")
        >>> rop = reorder_point(demand, LeadTime.single("2 weeks"), target)
        >>> rop.demand.mean, rop.safety_stock.quantity, rop.units
        (Decimal('5000'), Decimal('906.193802434'), 5907)
    """
    stock = safety_stock(
        demand, lead_time, target, order_quantity=order_quantity, as_of=as_of
    )
    level = EXACT.add(stock.demand.mean, stock.quantity)
    # Built slot by slot (see _fast): this runs once per SKU.
    result = _new(ReorderPoint)
    _set_rop_stock(result, stock)
    _set_rop_level(result, level)
    _set_rop_units(result, ceil_units(level))
    return result


_set_rop_stock, _set_rop_level, _set_rop_units = slot_setters(ReorderPoint)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class OrderUpToLevel:
    r"""A periodic-review order-up-to level $S$: at each review, order $S$ − position.

    The order placed at one review must last until the order of the next
    review arrives, so the protection interval is $R + L$, not $L$ (Snyder &
    Shen 2019, ch. 4; Chopra & Meindl, §12.6):

    $$S = d\,(R + L) + z\sqrt{(R + L)\,\sigma_d^2 + d^2\sigma_L^2}$$

    Attributes:
        safety_stock: The safety stock over $R + L$ and its audit trail.
        level: $S$.
        units: ``level`` rounded up to whole units.

    Built by hand, ``level`` must be the safety stock's mean demand plus its
    quantity, and ``units`` the level rounded up.

    Examples:
        >>> from xborder.inventory import (Demand, LeadTime, ServiceTarget,
        ...     order_up_to_level)
        >>> level = order_up_to_level(Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"), ServiceTarget.cycle("0.95"),
        ...     review_period="1 week")
        >>> level.demand.interval_days, level.level, level.units
        (Decimal('37'), Decimal('915.097739624'), 916)
    """

    safety_stock: SafetyStock = attrs.field(validator=is_a(SafetyStock))
    level: Decimal = attrs.field(converter=decimal)
    units: int = attrs.field(converter=count)

    def __attrs_post_init__(self) -> None:
        _check_level(self.safety_stock, self.level, self.units)

    @property
    def demand(self) -> ProtectionDemand:
        """Demand over the review period plus the lead time."""
        return self.safety_stock.demand

    @property
    def z(self) -> Decimal | None:
        """The safety factor."""
        return self.safety_stock.z

    def order_for(self, position: StockPosition) -> int:
        """Units to order at a review: ``units`` − inventory position, at least 0."""
        checked = expect(position, StockPosition, "position")
        return max(self.units - checked.inventory_position, 0)


def order_up_to_level(
    demand: Demand,
    lead_time: LeadTime,
    target: ServiceTarget,
    *,
    review_period: QuantityInput,
    as_of: dt.date | str | None = None,
) -> OrderUpToLevel:
    """The order-up-to level for a periodic review every ``review_period``.

    For a fill-rate target the units per cycle are the expected demand over
    one review period. A lead time shorter than the review period is fine:
    the interval is still $R + L$.

    Example (Snyder & Shen, Example 4.4's base-stock setting in days: demand
    50 ± 8 a day, a daily review, a 4-day lead time, α = 0.7/0.88):

    Examples:
        >>> from decimal import Decimal
        >>> from xborder.inventory import (Demand, LeadTime, ServiceTarget,
        ...     order_up_to_level)
        >>> demand = Demand(mean=50, sd=8, period="1 day")
        >>> target = ServiceTarget.cycle(Decimal("0.7") / Decimal("0.88"))
        >>> level = order_up_to_level(
        ...     demand, LeadTime.single("4 days"), target, review_period="1 day")
        >>> level.demand.interval_days, level.level
        (Decimal('5'), Decimal('264.7668943742'))
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    goal = expect(target, ServiceTarget, "target")
    review = days(review_period, "review_period", positive=True)
    protection = protect(checked, route, review, day)
    per_cycle = None
    if goal.is_fill_rate:
        rate = protection.daily_mean
        per_cycle = EXACT.multiply(rate, review) if rate is not None else _ZERO
    stock = _safety(protection, goal, per_cycle)
    level = EXACT.add(protection.mean, stock.quantity)
    # Built slot by slot (see _fast): this runs once per SKU.
    result = _new(OrderUpToLevel)
    _set_top_stock(result, stock)
    _set_top_level(result, level)
    _set_top_units(result, ceil_units(level))
    return result


_set_top_stock, _set_top_level, _set_top_units = slot_setters(OrderUpToLevel)
