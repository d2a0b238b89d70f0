"""The service a given policy delivers: cycle service level, shortage, fill rate."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    decimal,
    named_errors,
    non_negative,
    require,
    to_decimal,
)
from xborder.inventory._args import days, is_a, optional_number, positive_arg
from xborder.inventory._fast import builder
from xborder.inventory._numeric import from_float, ratio
from xborder.inventory._protection import ProtectionDemand, checked_inputs, protect
from xborder.inventory._stats import ServiceOutcome, service_outcome

if TYPE_CHECKING:
    import datetime as dt

    from xborder.inventory._demand import Demand
    from xborder.inventory._lead_time import LeadTime
    from xborder.units import QuantityInput

__all__ = ["ServiceEvaluation", "evaluate_order_up_to", "evaluate_reorder_point"]

_ZERO = Decimal(0)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ServiceEvaluation:
    r"""The service a stock level gives, with the working.

    $SS = \text{level} - \mu$, $z = SS/\sigma$, then
    $CSL = \Phi(z)$, $ESC = \sigma L(z)$ and $\text{fill rate} = 1 - ESC/Q$
    (Chopra & Meindl, eqs. 12.3–12.5). With $\sigma = 0$, $z$ is ``None``,
    the service is certain when the level covers the mean, and the shortage
    is what the level misses otherwise.

    Attributes:
        demand: Demand over the protection interval.
        level: The reorder point or order-up-to level evaluated.
        order_quantity: Units per cycle ($Q$, or expected demand per review).
        safety_stock: $\text{level} - \mu$.
        z: $SS/\sigma$ (``None`` when σ = 0).
        outcome: Cycle service level, expected shortage per cycle, fill rate.

    Built by hand, ``safety_stock`` must be ``level`` − ``demand.mean``.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, evaluate_reorder_point
        >>> check = evaluate_reorder_point(Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"), reorder_point=800,
        ...     order_quantity=600)
        >>> check.safety_stock, check.z, check.outcome.cycle_service_level
        (Decimal('200'), Decimal('1.90002850063'), Decimal('0.971285310226'))
    """

    demand: ProtectionDemand = attrs.field(validator=is_a(ProtectionDemand))
    level: Decimal = attrs.field(converter=decimal)
    order_quantity: Decimal = attrs.field(converter=non_negative)
    safety_stock: Decimal = attrs.field(converter=decimal)
    z: Decimal | None = attrs.field(converter=optional_number)
    outcome: ServiceOutcome = attrs.field(validator=is_a(ServiceOutcome))

    def __attrs_post_init__(self) -> None:
        require(
            self.safety_stock == EXACT.subtract(self.level, self.demand.mean),
            field="safety_stock",
            value=self.safety_stock,
            expected="level − demand.mean",
        )

    @property
    def cycle_service_level(self) -> Decimal:
        """The probability of no stockout in a cycle."""
        return self.outcome.cycle_service_level

    @property
    def expected_shortage(self) -> Decimal:
        """Expected units short per cycle."""
        return self.outcome.expected_shortage

    @property
    def fill_rate(self) -> Decimal | None:
        """The share of demand served from stock (``None`` with no demand per cycle)."""
        return self.outcome.fill_rate


def _evaluate(
    protection: ProtectionDemand, level: Decimal, per_cycle: Decimal
) -> ServiceEvaluation:
    safety = EXACT.subtract(level, protection.mean)
    z = from_float(float(ratio(safety, protection.sd))) if protection.sd else None
    outcome = service_outcome(protection.sd, safety, None, per_cycle)
    return _build_evaluation(protection, level, per_cycle, safety, z, outcome)


_build_evaluation = builder(ServiceEvaluation)


def evaluate_reorder_point(
    demand: Demand,
    lead_time: LeadTime,
    *,
    reorder_point: DecimalInput,
    order_quantity: DecimalInput,
    as_of: dt.date | str | None = None,
) -> ServiceEvaluation:
    """The service a continuous-review (r, Q) policy gives.

    Args:
        demand: The forecast.
        lead_time: The route.
        reorder_point: The level that triggers an order.
        order_quantity: Units per order (> 0).
        as_of: The day the lead time starts (needed for seasonal demand).

    Example (Chopra & Meindl, exercise 11-4: weekly demand 250 ± 150, lead
    time 2 weeks, order 1,000 at 600):

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, evaluate_reorder_point
        >>> result = evaluate_reorder_point(
        ...     Demand(mean=250, sd=150, period="1 week"), LeadTime.single("2 weeks"),
        ...     reorder_point=600, order_quantity=1000)
        >>> result.safety_stock, result.z
        (Decimal('100'), Decimal('0.471404520791'))
        >>> round(result.cycle_service_level, 4), round(result.fill_rate, 4)
        (Decimal('0.6813'), Decimal('0.9561'))
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    level = to_decimal(reorder_point, field="reorder_point")
    per_cycle = positive_arg(order_quantity, "order_quantity")
    return _evaluate(protect(checked, route, _ZERO, day), level, per_cycle)


def evaluate_order_up_to(
    demand: Demand,
    lead_time: LeadTime,
    *,
    order_up_to: DecimalInput,
    review_period: QuantityInput,
    as_of: dt.date | str | None = None,
) -> ServiceEvaluation:
    """The service a periodic-review order-up-to level gives over $R + L$.

    The units per cycle are the expected demand over one review period
    (``None`` fill rate if there is none).

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, evaluate_order_up_to
        >>> result = evaluate_order_up_to(
        ...     Demand(mean=50, sd=8, period="1 day"), LeadTime.single("4 days"),
        ...     order_up_to=264, review_period="1 day")
        >>> result.safety_stock, round(result.cycle_service_level, 4)
        (Decimal('14'), Decimal('0.7831'))
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    level = to_decimal(order_up_to, field="order_up_to")
    review = days(review_period, "review_period", positive=True)
    protection = protect(checked, route, review, day)
    rate = protection.daily_mean
    per_cycle = EXACT.multiply(rate, review) if rate is not None else _ZERO
    return _evaluate(protection, level, per_cycle)
