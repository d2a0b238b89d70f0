r"""The expected cost of a given policy: (r, Q) and base stock, normal or Poisson.

Every policy cost here is the sum of three expected costs per cost period:
ordering ($K$ per order), holding ($h$ per unit on hand) and shortage ($p$
per unit backordered), built on the one-period newsvendor cost

$$g(y) = h\,\bar n(y) + p\,n(y), \qquad n(y) = E[(D - y)^+], \quad
\bar n(y) = E[(y - D)^+] = y - \mu + n(y)$$

of the demand $D$ over the protection interval (Snyder & Shen, *Fundamentals
of Supply Chain Theory*, 2nd ed., §4.3 and ch. 5).
"""

from __future__ import annotations

import enum
import functools
import math
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import LARGEST, DecimalInput, named_errors, positive, text
from xborder.errors import CurrencyMismatchError, InvalidInputError, XborderError
from xborder.inventory._args import (
    days,
    member,
    money_arg,
    money_in_range,
    money_result,
    number_arg,
    positive_arg,
)
from xborder.inventory._discrete import Law, poisson_law
from xborder.inventory._fast import builder
from xborder.inventory._numeric import (
    from_float,
    loss,
    ratio,
    second_loss,
)
from xborder.inventory._protection import ProtectionDemand, checked_inputs, protect
from xborder.money import Currency, Money
from xborder.money.converters import exact_money, non_negative_money

if TYPE_CHECKING:
    import datetime as dt

    from xborder.inventory._demand import Demand
    from xborder.inventory._lead_time import LeadTime
    from xborder.units import QuantityInput

__all__ = [
    "DemandModel",
    "PolicyCost",
    "base_stock_cost",
    "build_cost",
    "g_parts",
    "poisson_interval",
    "priced",
    "rq_cost",
    "same_currency_costs",
]

_ZERO = Decimal(0)
_LARGEST_DIGITS = LARGEST.adjusted()


class DemandModel(enum.StrEnum):
    """How demand over the protection interval is distributed."""

    NORMAL = "normal"
    """Normal with the interval's mean and σ (lead-time variability included)."""
    POISSON = "poisson"
    """Poisson with the interval's mean: slow movers, whole units."""


def _model(value: DemandModel | str) -> DemandModel:
    if value is DemandModel.NORMAL or value is DemandModel.POISSON:
        return value
    try:
        return member(DemandModel, value)
    except XborderError as error:
        raise error.in_field("distribution") from None


def _cost(value: Money) -> Money:
    return money_in_range(non_negative_money(value), value, None)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PolicyCost:
    r"""The expected cost per period of running a given inventory policy.

    Attributes:
        policy: The policy evaluated, in words (``"r = 126.8, Q = 328.5"``).
        formula: The cost formula used.
        source: Where the formula is published.
        period_days: The cost period the costs are per, in days.
        ordering_cost: Expected fixed ordering cost per period.
        holding_cost: Expected holding cost per period.
        shortage_cost: Expected backorder (stockout) cost per period.

    Costs that go through the normal distribution, square roots or float
    sums carry 12 significant digits. Built by hand, the costs must be >= 0,
    in one currency, and the texts non-empty.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, rq_cost
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> cost = rq_cost(Demand(mean=1300, sd=150, period="1 year"),
        ...     LeadTime.single("1 month"), reorder_point="126.8",
        ...     order_quantity="328.5", order_cost=usd(8),
        ...     holding_cost=usd("0.225"), stockout_cost=usd("7.5"),
        ...     cost_period="1 year")
        >>> str(cost.total_cost), cost.policy
        ('78.07116250930 USD', 'r = 126.8, Q = 328.5 (normal demand)')
    """

    policy: str = attrs.field(converter=text)
    formula: str = attrs.field(converter=text)
    source: str = attrs.field(converter=text)
    period_days: Decimal = attrs.field(converter=positive)
    ordering_cost: Money = attrs.field(converter=_cost)
    holding_cost: Money = attrs.field(converter=_cost)
    shortage_cost: Money = attrs.field(converter=_cost)

    def __attrs_post_init__(self) -> None:
        currency = self.ordering_cost.currency
        for name in ("holding_cost", "shortage_cost"):
            other: Money = getattr(self, name)
            if other.currency != currency:
                raise CurrencyMismatchError(
                    field=name, value=other, expected=f"an amount in {currency.code}"
                )

    @property
    def total_cost(self) -> Money:
        """Ordering + holding + shortage cost per period, exactly their sum."""
        return self.ordering_cost + self.holding_cost + self.shortage_cost


build_cost = builder(PolicyCost)
"""``PolicyCost(...)`` from computed values, unchecked."""


def priced(value: float, currency: Currency, field: str) -> Money:
    """A float cost as Money of 12 significant digits, or an error naming ``field``."""
    amount = from_float(max(value, 0.0))
    # from_float never leaves a digit below FINEST, so only the size decides
    # whether the amount is within range: money_result's full check reads
    # str() of it, ~0.3 µs of each of the two or three costs a policy has.
    if amount.adjusted() < _LARGEST_DIGITS:
        return exact_money(amount, currency)
    return money_result(amount, currency, field)


def same_currency_costs(
    first: tuple[str, object], *others: tuple[str, object], positive_fields: bool = True
) -> tuple[Money, ...]:
    """Costs as Money in one currency; each > 0 unless ``positive_fields`` is False."""
    amounts: list[Money] = []
    for name, value in (first, *others):
        money = money_arg(value, name)
        if (
            amounts
            and money.currency is not amounts[0].currency  # most often the same
            and money.currency != amounts[0].currency
        ):
            raise CurrencyMismatchError(
                field=name,
                value=money,
                expected=f"an amount in {amounts[0].currency.code}",
            )
        if positive_fields and money.is_zero():
            raise InvalidInputError(field=name, value=money, expected="> 0")
        amounts.append(money)
    return tuple(amounts)


def _float(value: Decimal) -> float:
    number = float(value)
    if not math.isfinite(number):  # pragma: no cover - inputs are bounded
        raise InvalidInputError(field=None, value=value, expected="a finite number")
    return number


def _integral_loss(protection: ProtectionDemand, level: float) -> float:
    r"""$\int_{level}^{\infty} n(y)\,dy$: $\sigma^2 L^{(2)}(z)$, or $((\mu - y)^+)^2/2$.

    The second form is the first's limit as σ → 0.
    """
    mean, sd = float(protection.mean), float(protection.sd)
    if not sd:
        gap = max(mean - level, 0.0)
        return gap * gap / 2
    return sd * sd * second_loss((level - mean) / sd)


def _whole(value: Decimal, field: str) -> int:
    if value != value.to_integral_value():
        raise InvalidInputError(
            field=field, value=value, expected="whole units for Poisson demand"
        )
    return int(value)


def poisson_interval(protection: ProtectionDemand, route: LeadTime) -> Law:
    """The Poisson law of lead-time demand (a fixed lead time, a mean <= 10**7)."""
    if route.variance:
        raise InvalidInputError(
            "lead-time demand is Poisson only for a fixed lead time",
            field="lead_time",
            value=route,
            expected="a lead time without variability (sd 0), or the normal model",
        )
    mean = float(protection.mean)
    if mean > 1e7:  # noqa: PLR2004 - PoissonDemand's limit
        raise InvalidInputError(
            field="demand",
            value=protection.mean,
            expected="a mean over the interval <= 10**7 for the Poisson model",
        )
    return poisson_law(mean)


def g_parts(law: Law, level: int) -> tuple[float, float]:
    """``(n̄(y), n(y))``: expected units on hand and backordered at level ``y``."""
    return law.complementary_loss(level), law.loss(level)


@functools.lru_cache(maxsize=1024)
def _level_sums(law: Law, start: int, count: int) -> tuple[float, float]:
    """``Σ n̄(y)`` and ``Σ n(y)`` for ``y`` from ``start + 1`` to ``start + count``.

    A function of the law (itself cached by mean, and never changed once
    built) and two ints: a planner prices many (r, Q) against one demand,
    and the sum is a third of an ``rq_cost`` (bench_inventory's stockpyl
    cases).
    """
    on_hand = short = 0.0
    for level in range(start + 1, start + count + 1):
        above, below = g_parts(law, level)
        on_hand += above
        short += below
    return on_hand, short


def rq_cost(
    demand: Demand,
    lead_time: LeadTime,
    *,
    reorder_point: DecimalInput,
    order_quantity: DecimalInput,
    order_cost: Money,
    holding_cost: Money,
    stockout_cost: Money,
    cost_period: QuantityInput,
    distribution: DemandModel | str = DemandModel.NORMAL,
    as_of: dt.date | str | None = None,
) -> PolicyCost:
    r"""The expected cost per period of the continuous-review policy (r, Q).

    Snyder & Shen, eq. (5.7) for continuous demand and (5.48) for Poisson:

    $$g(r, Q) = \frac{K\lambda + \int_r^{r+Q} g(y)\,dy}{Q}, \qquad
    g(r, Q) = \frac{K\lambda + \sum_{y=r+1}^{r+Q} g(y)}{Q}$$

    with $\lambda$ the demand per cost period and $g$ the newsvendor cost
    of lead-time demand. For normal demand the integral is closed:
    $\int_r^{r+Q} n(y)\,dy = \sigma^2[L^{(2)}(z_r) - L^{(2)}(z_{r+Q})]$,
    with $L^{(2)}$ the second-order loss function, so the three parts are

    $$\frac{K\lambda}{Q}, \quad
    \frac{h}{Q}\Big[Q(r - \mu) + \tfrac{Q^2}{2} + I\Big], \quad
    \frac{p}{Q}\,I, \qquad I = \int_r^{r+Q} n(y)\,dy$$

    Args:
        demand: The forecast.
        lead_time: The route (fixed for Poisson demand).
        reorder_point: $r$ (whole units for Poisson demand).
        order_quantity: $Q$ > 0 (whole units for Poisson demand).
        order_cost: $K$ per order.
        holding_cost: $h$ per unit held one ``cost_period``.
        stockout_cost: $p$ per unit backordered one ``cost_period``.
        cost_period: The period $h$, $p$ and the result are per.
        distribution: ``"normal"`` or ``"poisson"`` lead-time demand.
        as_of: The day the lead time starts (needed for seasonal demand).

    Example (Snyder & Shen, Example 5.8: h = 20, p = 150, K = 100,
    Poisson demand 1.5 a day, lead time 2 days, r = 3, Q = 5):

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, rq_cost
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> cost = rq_cost(Demand(mean="1.5", period="1 day"),
        ...     LeadTime.single("2 days"), reorder_point=3, order_quantity=5,
        ...     order_cost=usd(100), holding_cost=usd(20),
        ...     stockout_cost=usd(150), cost_period="1 day",
        ...     distribution="poisson")
        >>> str(cost.total_cost)
        '107.9235806332 USD'
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    model = _model(distribution)
    setup, holding, stockout = same_currency_costs(
        ("order_cost", order_cost),
        ("holding_cost", holding_cost),
        ("stockout_cost", stockout_cost),
        positive_fields=False,
    )
    point = number_arg(reorder_point, "reorder_point")
    size = positive_arg(order_quantity, "order_quantity")
    period = days(cost_period, "cost_period", positive=True)
    rate = _float(ratio(EXACT.multiply(checked.mean, period), checked.period_days))
    protection = protect(checked, route, _ZERO, day)
    h, p, k = _float(holding.amount), _float(stockout.amount), _float(setup.amount)
    currency = setup.currency
    try:
        if model is DemandModel.POISSON:
            law = poisson_interval(protection, route)
            start, count = (
                _whole(point, "reorder_point"),
                _whole(size, "order_quantity"),
            )
            if count > _MAX_SUM:
                raise InvalidInputError(
                    field="order_quantity",
                    value=order_quantity,
                    expected=f"at most {_MAX_SUM:,} units for the Poisson sum",
                )
            on_hand, short = _level_sums(law, start, count)
            quantity = float(count)
            formula = "(Kλ + Σ_{y=r+1}^{r+Q} g(y)) / Q"
        else:
            quantity, low = _float(size), _float(point)
            integral = _integral_loss(protection, low) - _integral_loss(
                protection, low + quantity
            )
            integral = max(integral, 0.0)
            on_hand = (
                quantity * (low - float(protection.mean))
                + quantity * quantity / 2
                + integral
            )
            short = integral
            formula = "(Kλ + ∫_r^{r+Q} g(y) dy) / Q"
        ordering = k * rate / quantity
        holding_part = h * on_hand / quantity
        shortage_part = p * short / quantity
    except XborderError:
        raise
    except (ArithmeticError, ValueError) as error:
        raise _beyond_float(error) from None
    return build_cost(
        f"r = {point}, Q = {size} ({model.value} demand)",
        formula,
        "Snyder & Shen, Fundamentals of Supply Chain Theory, eqs. 5.7 and 5.48",
        period,
        priced(ordering, currency, "ordering_cost"),
        priced(holding_part, currency, "holding_cost"),
        priced(shortage_part, currency, "shortage_cost"),
    )


_MAX_SUM = 1_000_000


def _beyond_float(error: ArithmeticError | ValueError) -> InvalidInputError:
    return InvalidInputError(
        f"the float evaluation failed ({error})",
        field="demand",
        value=None,
        expected="demand, costs and levels within float range",
    )


def base_stock_cost(
    demand: Demand,
    lead_time: LeadTime,
    *,
    level: DecimalInput,
    review_period: QuantityInput,
    holding_cost: Money,
    stockout_cost: Money,
    distribution: DemandModel | str = DemandModel.NORMAL,
    as_of: dt.date | str | None = None,
) -> PolicyCost:
    r"""The expected cost per review period of a base-stock level $S$.

    Reviewing every $R$ and ordering up to $S$, the stock at the end of the
    period an order lands in faces the demand over $R + L$ (Snyder & Shen,
    §4.3.4: a lead time of $L$ periods protects $L + 1$), so the expected
    cost per period is the newsvendor cost of that demand:

    $$g(S) = h\,\bar n(S) + p\,n(S)$$

    For normal demand $n(S) = \sigma L(z)$ with $z = (S - \mu)/\sigma$; for
    Poisson demand the loss is summed exactly over whole units.

    Args:
        demand: The forecast.
        lead_time: The route (fixed for Poisson demand).
        level: $S$ (whole units for Poisson demand).
        review_period: $R$, the time between reviews; $h$ and $p$ are per $R$.
        holding_cost: $h$ per unit on hand at the end of a review period.
        stockout_cost: $p$ per unit backordered at the end of a review period.
        distribution: ``"normal"`` or ``"poisson"``.
        as_of: The day the interval starts (needed for seasonal demand).

    Example (Snyder & Shen, Example 4.4's setting: N(50, 8) a period, a
    4-period lead time, h = 0.18, p = 0.70, S = 264.77):

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, base_stock_cost
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> cost = base_stock_cost(Demand(mean=50, sd=8, period="1 day"),
        ...     LeadTime.single("4 days"), level="264.77", review_period="1 day",
        ...     holding_cost=usd("0.18"), stockout_cost=usd("0.70"))
        >>> str(cost.total_cost)
        '4.46678107146 USD'
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    model = _model(distribution)
    holding, stockout = same_currency_costs(
        ("holding_cost", holding_cost),
        ("stockout_cost", stockout_cost),
        positive_fields=False,
    )
    stock = number_arg(level, "level")
    review = days(review_period, "review_period", positive=True)
    protection = protect(checked, route, review, day)
    h, p = _float(holding.amount), _float(stockout.amount)
    try:
        if model is DemandModel.POISSON:
            law = poisson_interval(protection, route)
            on_hand, short = g_parts(law, _whole(stock, "level"))
        else:
            mean, sd, value = (
                float(protection.mean),
                float(protection.sd),
                _float(stock),
            )
            short = sd * loss((value - mean) / sd) if sd else max(mean - value, 0.0)
            on_hand = value - mean + short
    except XborderError:
        raise
    except (ArithmeticError, ValueError) as error:
        raise _beyond_float(error) from None
    currency = holding.currency
    return build_cost(
        f"S = {stock} ({model.value} demand)",
        "g(S) = h E[(S − D)⁺] + p E[(D − S)⁺]",
        "Snyder & Shen, Fundamentals of Supply Chain Theory, §4.3",
        review,
        exact_money(_ZERO, currency),
        priced(h * max(on_hand, 0.0), currency, "holding_cost"),
        priced(p * short, currency, "shortage_cost"),
    )
