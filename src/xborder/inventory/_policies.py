"""Cost-driven (r, Q) and (s, S) policies, where a short calculation exists."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    count,
    decimal,
    named_errors,
    non_negative,
    non_negative_count,
    positive,
    positive_count,
)
from xborder.errors import CurrencyMismatchError, InvalidInputError
from xborder.inventory._args import days, is_a, money_arg, optional_number, whole_units
from xborder.inventory._demand import demand_moments
from xborder.inventory._fast import builder
from xborder.inventory._numeric import (
    ceil_units,
    from_float,
    inverse_loss,
    ratio,
    second_loss,
)
from xborder.inventory._protection import ProtectionDemand, checked_inputs, protect

if TYPE_CHECKING:
    import datetime as dt

    from xborder.inventory._demand import Demand
    from xborder.inventory._lead_time import LeadTime
    from xborder.money import Money
    from xborder.units import QuantityInput

__all__ = ["RQPolicy", "SSPolicy", "rq_policy", "ss_policy"]

_ZERO = Decimal(0)
_ITERATIONS = 1000


def _costs(
    order_cost: Money, holding_cost: Money, stockout_cost: Money
) -> tuple[float, float, float]:
    setup = money_arg(order_cost, "order_cost")
    holding = money_arg(holding_cost, "holding_cost")
    stockout = money_arg(stockout_cost, "stockout_cost")
    if setup.is_zero():
        raise InvalidInputError(
            "with free orders, order continuously: there is no (r, Q) or (s, S)",
            field="order_cost",
            value=setup,
            expected="> 0",
        )
    for name, money in (("holding_cost", holding), ("stockout_cost", stockout)):
        if money.currency != setup.currency:
            raise CurrencyMismatchError(
                field=name, value=money, expected=f"an amount in {setup.currency.code}"
            )
        if money.is_zero():
            raise InvalidInputError(field=name, value=money, expected="> 0")
    return float(setup.amount), float(holding.amount), float(stockout.amount)


def _beyond_float(error: ArithmeticError | ValueError) -> InvalidInputError:
    # These policies iterate in float: inputs near float's limits (1e±308)
    # overflow or underflow there, and say so instead of failing deep inside.
    return InvalidInputError(
        f"the float iteration failed ({error})",
        field="demand",
        value=None,
        expected="demand, costs and lead time within float range",
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RQPolicy:
    r"""A continuous-review (r, Q) policy from the loss-function approximation.

    Hadley & Whitin's approximation (Snyder & Shen, §5.2.4, eqs. 5.28–5.29)
    alternates, from $Q$ = EOQ, until both settle:

    $$n(r) = \frac{hQ}{h + p}, \qquad
    Q = \sqrt{\frac{2\,[K\lambda + (h + p)\,n^{(2)}(r)]}{h}}$$

    with $n$ and $n^{(2)}$ the first- and second-order loss functions of
    lead-time demand (normal, with lead-time variability if the route has
    it). With no variability it reduces to the EOQ with planned backorders.

    Attributes:
        reorder_point: $r$ (12 significant digits).
        order_quantity: $Q$.
        reorder_point_units: $r$ rounded up.
        order_quantity_units: $Q$ rounded up.
        z: $(r - \mu_L)/\sigma_L$ (``None`` when σ = 0).
        demand: Lead-time demand.
        iterations: Rounds until $r$ and $Q$ moved less than 1e-12 of themselves.

    Built by hand, the ``_units`` fields must be their levels rounded up.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, rq_policy
        >>> from xborder.money import Money
        >>> policy = rq_policy(Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"),
        ...     order_cost=Money(100, "USD"), holding_cost=Money(2, "USD"),
        ...     stockout_cost=Money(10, "USD"), cost_period="1 year")
        >>> policy.reorder_point_units, policy.order_quantity_units
        (441, 974)
    """

    reorder_point: Decimal = attrs.field(converter=decimal)
    order_quantity: Decimal = attrs.field(converter=non_negative)
    reorder_point_units: int = attrs.field(converter=count)
    order_quantity_units: int = attrs.field(converter=non_negative_count)
    z: Decimal | None = attrs.field(converter=optional_number)
    demand: ProtectionDemand = attrs.field(validator=is_a(ProtectionDemand))
    iterations: int = attrs.field(converter=positive_count)

    def __attrs_post_init__(self) -> None:
        whole_units(self.reorder_point, self.reorder_point_units, "reorder_point_units")
        whole_units(
            self.order_quantity, self.order_quantity_units, "order_quantity_units"
        )


def _cost_scale(demand: Demand, period_days: Decimal) -> float:
    return float(ratio(EXACT.multiply(demand.mean, period_days), demand.period_days))


def rq_policy(
    demand: Demand,
    lead_time: LeadTime,
    *,
    order_cost: Money,
    holding_cost: Money,
    stockout_cost: Money,
    cost_period: QuantityInput,
    as_of: dt.date | str | None = None,
) -> RQPolicy:
    """The (r, Q) policy that (nearly) minimises holding, backorder and ordering cost.

    Args:
        demand: The forecast.
        lead_time: The route.
        order_cost: $K$, per order.
        holding_cost: $h$, per unit held for one ``cost_period``.
        stockout_cost: $p$, per unit backordered for one ``cost_period``.
        cost_period: The period $h$ and $p$ are charged over (``"1 year"``).
        as_of: The day the lead time starts (needed for seasonal demand).

    Example (Snyder & Shen, Example 5.6: h = 0.225, p = 7.50, K = 8,
    demand 1,300 ± 150 a year, lead time 1/12 year):

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, rq_policy
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> policy = rq_policy(Demand(mean=1300, sd=150, period="1 year"),
        ...     LeadTime.single("1 month"), order_cost=usd(8),
        ...     holding_cost=usd("0.225"),
        ...     stockout_cost=usd("7.5"), cost_period="1 year")
        >>> policy.reorder_point, policy.order_quantity
        (Decimal('126.867063368'), Decimal('328.449142278'))
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    setup, holding, stockout = _costs(order_cost, holding_cost, stockout_cost)
    period = days(cost_period, "cost_period", positive=True)
    rate = _cost_scale(checked, period)
    protection = protect(checked, route, _ZERO, day)
    try:
        return _iterate(setup, holding, stockout, rate, protection)
    except (ArithmeticError, ValueError) as error:
        raise _beyond_float(error) from None


def _iterate(
    setup: float,
    holding: float,
    stockout: float,
    rate: float,
    protection: ProtectionDemand,
) -> RQPolicy:
    mean, sd = float(protection.mean), float(protection.sd)
    share = holding / (holding + stockout)
    if not sd:
        # n(r) = (μ - r)⁺ and n²(r) = ((μ - r)⁺)²/2 solve in closed form:
        # the EOQ with planned backorders (Snyder & Shen, §3.5).
        size = math.sqrt(2 * setup * rate * (holding + stockout) / (holding * stockout))
        return _rq(mean - share * size, size, None, protection, 1)
    size, level, z = math.sqrt(2 * setup * rate / holding), 0.0, 0.0
    for iteration in range(1, _ITERATIONS + 1):
        z = inverse_loss(share * size / sd)
        new_level = mean + z * sd
        new_size = math.sqrt(
            2
            * (setup * rate + (holding + stockout) * sd * sd * second_loss(z))
            / holding
        )
        settled = _close(new_size, size) and _close(new_level, level)
        size, level = new_size, new_level
        if settled:
            return _rq(level, size, z, protection, iteration)
    return _rq(level, size, z, protection, _ITERATIONS)  # pragma: no cover


def _close(new: float, old: float) -> bool:
    # Settled when a step moves less than 1e-12 of the value (1e-12 units
    # near zero): far below the 12 digits reported.
    return abs(new - old) <= 1e-12 * max(1.0, abs(new))


def _rq(
    level: float,
    size: float,
    z: float | None,
    protection: ProtectionDemand,
    rounds: int,
) -> RQPolicy:
    point, quantity = from_float(level), from_float(size)
    return _build_rq(
        point,
        quantity,
        ceil_units(point),
        ceil_units(quantity),
        None if z is None else from_float(z),
        protection,
        rounds,
    )


_build_rq = builder(RQPolicy)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SSPolicy:
    r"""A periodic-review (s, S) policy from the power approximation.

    Ehrhardt & Mosier's revised power approximation, as given by Snyder &
    Shen (§4.6, eqs. 4.77–4.80), with $\mu$ the demand per review period and
    $\mu_{R+L}$, $\sigma_{R+L}$ over the review period plus the lead time:

    $$Q_p = 1.30\,\mu^{0.494}\left(\tfrac{K}{h}\right)^{0.506}
    \left(1 + \tfrac{\sigma_{R+L}^2}{\mu^2}\right)^{0.116}, \qquad
    z = \sqrt{\tfrac{Q_p\,h}{\sigma_{R+L}\,p}}$$

    $$s = 0.973\,\mu_{R+L}
    + \sigma_{R+L}\left(\tfrac{0.183}{z} + 1.063 - 2.192\,z\right),
    \qquad S = s + Q_p$$

    At each review, if the inventory position is at or below $s$, order up
    to $S$. The constants are a regression fit, so the result is a good
    heuristic, not an optimum.

    Attributes:
        reorder_point: $s$.
        order_up_to: $S$.
        reorder_point_units: $s$ rounded up.
        order_up_to_units: $S$ rounded up.
        quantity: $Q_p$.
        z: The power approximation's $z$.
        demand: Demand over $R + L$.

    Built by hand, the ``_units`` fields must be their levels rounded up.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, ss_policy
        >>> from xborder.money import Money
        >>> policy = ss_policy(Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"),
        ...     review_period="1 week", order_cost=Money(100, "USD"),
        ...     holding_cost=Money("0.05", "USD"), stockout_cost=Money(10, "USD"))
        >>> policy.reorder_point_units, policy.order_up_to_units
        (895, 1632)
    """

    reorder_point: Decimal = attrs.field(converter=decimal)
    order_up_to: Decimal = attrs.field(converter=decimal)
    reorder_point_units: int = attrs.field(converter=count)
    order_up_to_units: int = attrs.field(converter=count)
    quantity: Decimal = attrs.field(converter=non_negative)
    z: Decimal = attrs.field(converter=positive)
    demand: ProtectionDemand = attrs.field(validator=is_a(ProtectionDemand))

    def __attrs_post_init__(self) -> None:
        whole_units(self.reorder_point, self.reorder_point_units, "reorder_point_units")
        whole_units(self.order_up_to, self.order_up_to_units, "order_up_to_units")


def ss_policy(
    demand: Demand,
    lead_time: LeadTime,
    *,
    review_period: QuantityInput,
    order_cost: Money,
    holding_cost: Money,
    stockout_cost: Money,
    as_of: dt.date | str | None = None,
) -> SSPolicy:
    """The (s, S) power approximation for a review every ``review_period``.

    Args:
        demand: The forecast (needs variability: σ > 0).
        lead_time: The route.
        review_period: Time between reviews; $h$ and $p$ are per review period.
        order_cost: $K$, per order.
        holding_cost: $h$, per unit on hand at the end of a review period.
        stockout_cost: $p$, per unit backordered at the end of a review period.
        as_of: The day the interval starts (needed for seasonal demand).

    Example (Snyder & Shen, Example 4.8: h = 0.18, p = 0.70, K = 2.5,
    demand 50 ± 8 per period, no lead time):

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, ss_policy
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> policy = ss_policy(Demand(mean=50, sd=8, period="1 day"),
        ...     LeadTime.single("0 days"), review_period="1 day", order_cost=usd("2.5"),
        ...     holding_cost=usd("0.18"), stockout_cost=usd("0.70"))
        >>> policy.reorder_point, policy.order_up_to
        (Decimal('40.1946169565'), Decimal('74.2901701098'))
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    setup, holding, stockout = _costs(order_cost, holding_cost, stockout_cost)
    review = days(review_period, "review_period", positive=True)
    protection = protect(checked, route, review, day)
    per_review = float(demand_moments(checked, _ZERO, review, day)[0])
    sd = float(protection.sd)
    if not sd or not per_review:
        raise InvalidInputError(
            "the power approximation needs demand with some variability",
            field="demand",
            value=checked,
            expected="a mean and a standard deviation > 0 (use eoq for steady demand)",
        )
    try:
        return _power(setup, holding, stockout, per_review, protection)
    except (ArithmeticError, ValueError) as error:
        raise _beyond_float(error) from None


def _power(
    setup: float,
    holding: float,
    stockout: float,
    per_review: float,
    protection: ProtectionDemand,
) -> SSPolicy:
    sd = float(protection.sd)
    quantity = (
        1.30
        * per_review**0.494
        * (setup / holding) ** 0.506
        * (1 + sd * sd / (per_review * per_review)) ** 0.116
    )
    z = math.sqrt(quantity * holding / (sd * stockout))
    level = 0.973 * float(protection.mean) + sd * (0.183 / z + 1.063 - 2.192 * z)
    point, top = from_float(level), from_float(level + quantity)
    return _build_ss(
        point,
        top,
        ceil_units(point),
        ceil_units(top),
        from_float(quantity),
        from_float(z),
        protection,
    )


_build_ss = builder(SSPolicy)
