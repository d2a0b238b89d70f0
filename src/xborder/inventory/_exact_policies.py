"""Exact optimal policies for discrete demand: Poisson (r, Q) and (s, S)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import count, named_errors, non_negative_count, positive_count
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.inventory._args import days, is_a
from xborder.inventory._discrete import Law, law_of
from xborder.inventory._distributions import (
    EmpiricalDemand,
    NormalDemand,
    PoissonDemand,
)
from xborder.inventory._fast import builder
from xborder.inventory._numeric import ratio
from xborder.inventory._policy_cost import (
    PolicyCost,
    build_cost,
    g_parts,
    poisson_interval,
    priced,
    same_currency_costs,
)
from xborder.inventory._protection import checked_inputs, protect

if TYPE_CHECKING:
    import datetime as dt

    from xborder.inventory._demand import Demand
    from xborder.inventory._lead_time import LeadTime
    from xborder.money import Currency, Money
    from xborder.units import QuantityInput

__all__ = [
    "ExactRQPolicy",
    "ExactSSPolicy",
    "rq_policy_poisson",
    "ss_cost",
    "ss_policy_exact",
]

_ZERO = Decimal(0)
_MAX_STEPS = 100_000
_MAX_GAP = 2_000


def _too_far(field: str, value: object, expected: str) -> InvalidInputError:
    return InvalidInputError(
        "the exact search would take too long",
        field=field,
        value=value,
        expected=expected,
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ExactRQPolicy:
    """The optimal whole-unit (r, Q) policy for Poisson demand, and its cost.

    Attributes:
        reorder_point: $r$: order when the inventory position falls to $r$.
        order_quantity: $Q$ >= 1, units per order.
        cost: The expected cost per period at $(r, Q)$.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, rq_policy_poisson
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> policy = rq_policy_poisson(Demand(mean="1.5", period="1 day"),
        ...     LeadTime.single("2 days"), order_cost=usd(100),
        ...     holding_cost=usd(20), stockout_cost=usd(150), cost_period="1 day")
        >>> policy.reorder_point, policy.order_quantity
        (3, 5)
    """

    reorder_point: int = attrs.field(converter=count)
    order_quantity: int = attrs.field(converter=positive_count)
    cost: PolicyCost = attrs.field(validator=is_a(PolicyCost))


_build_rq = builder(ExactRQPolicy)


def rq_policy_poisson(
    demand: Demand,
    lead_time: LeadTime,
    *,
    order_cost: Money,
    holding_cost: Money,
    stockout_cost: Money,
    cost_period: QuantityInput,
    as_of: dt.date | str | None = None,
) -> ExactRQPolicy:
    r"""The optimal (r, Q) for Poisson demand, by Federgruen & Zheng's search.

    With $g(y)$ the newsvendor cost of Poisson lead-time demand and
    $g(r, Q) = (K\lambda + \sum_{y=r+1}^{r+Q} g(y))/Q$ (Snyder & Shen,
    eq. 5.48), the search starts at $Q = 1$, $r = S^* - 1$ ($S^*$ the
    newsvendor level) and raises $Q$ one unit at a time, moving $r$ down
    when $g(r) < g(r + Q + 1)$, until the cost rises (Federgruen & Zheng,
    *Operations Research* 40(4), 1992). Exact: no approximation beyond the
    float sums.

    Args:
        demand: The forecast (its mean; Poisson demand has σ² = μ).
        lead_time: A fixed lead time.
        order_cost: $K$ per order.
        holding_cost: $h$ per unit held one ``cost_period``.
        stockout_cost: $p$ per unit backordered one ``cost_period``.
        cost_period: The period $h$, $p$ and the cost are per.
        as_of: The day the lead time starts (needed for seasonal demand).

    Example (Snyder & Shen, Example 5.8: λ = 1.5 a day, L = 2 days, K = 100,
    h = 20, p = 150):

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, rq_policy_poisson
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> policy = rq_policy_poisson(Demand(mean="1.5", period="1 day"),
        ...     LeadTime.single("2 days"), order_cost=usd(100),
        ...     holding_cost=usd(20), stockout_cost=usd(150), cost_period="1 day")
        >>> policy.reorder_point, policy.order_quantity, str(policy.cost.total_cost)
        (3, 5, '107.9235806332 USD')
    """
    checked, route, day = checked_inputs(demand, lead_time, as_of)
    setup, holding, stockout = same_currency_costs(
        ("order_cost", order_cost),
        ("holding_cost", holding_cost),
        ("stockout_cost", stockout_cost),
    )
    period = days(cost_period, "cost_period", positive=True)
    rate = float(ratio(EXACT.multiply(checked.mean, period), checked.period_days))
    protection = protect(checked, route, _ZERO, day)
    law = poisson_interval(protection, route)
    h, p, k = float(holding.amount), float(stockout.amount), float(setup.amount)
    if rate and math.sqrt(2 * k * rate / h) > _MAX_STEPS:
        raise _too_far(
            "order_cost",
            setup,
            f"costs and demand whose EOQ is below {_MAX_STEPS:,} units",
        )
    level = law.quantile(p / (h + p))

    def cost(y: int) -> float:
        above, below = g_parts(law, y)
        return h * above + p * below

    r, q = level - 1, 1
    above, below = g_parts(law, level)
    sums = [above, below]  # Σ n̄ and Σ n over y = r+1 .. r+Q
    best = (k * rate + h * sums[0] + p * sums[1]) / q
    for _ in range(_MAX_STEPS):
        lower = cost(r) < cost(r + q + 1)
        added = r if lower else r + q + 1
        extra = g_parts(law, added)
        candidate = [sums[0] + extra[0], sums[1] + extra[1]]
        value = (k * rate + h * candidate[0] + p * candidate[1]) / (q + 1)
        if value > best:
            break
        r = r - 1 if lower else r
        q += 1
        sums, best = candidate, value
    else:  # pragma: no cover - the EOQ bound above keeps the search short
        raise _too_far("order_cost", setup, "a shorter search")
    currency = setup.currency
    result = build_cost(
        f"r = {r}, Q = {q} (poisson demand)",
        "(Kλ + Σ_{y=r+1}^{r+Q} g(y)) / Q",
        "Federgruen & Zheng (1992); Snyder & Shen, eq. 5.48",
        period,
        priced(k * rate / q, currency, "ordering_cost"),
        priced(h * sums[0] / q, currency, "holding_cost"),
        priced(p * sums[1] / q, currency, "shortage_cost"),
    )
    return _build_rq(r, q, result)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ExactSSPolicy:
    """The optimal (s, S) policy for discrete demand, and its cost.

    Attributes:
        reorder_point: $s$: at a review, order if the inventory position is
            at or below $s$.
        order_up_to: $S$ > $s$: order up to $S$.
        cost: The expected cost per review period at $(s, S)$.

    Built by hand, ``order_up_to`` must be above ``reorder_point``.

    Examples:
        >>> from xborder.inventory import PoissonDemand, ss_policy_exact
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> policy = ss_policy_exact(PoissonDemand(mean=6), review_period="1 week",
        ...     order_cost=usd(5), holding_cost=usd(1), stockout_cost=usd(4))
        >>> policy.reorder_point, policy.order_up_to
        (4, 10)
    """

    reorder_point: int = attrs.field(converter=count)
    order_up_to: int = attrs.field(converter=count)
    cost: PolicyCost = attrs.field(validator=is_a(PolicyCost))

    def __attrs_post_init__(self) -> None:
        if self.order_up_to <= self.reorder_point:
            raise InvalidInputError(
                field="order_up_to",
                value=self.order_up_to,
                expected=f"a level above the reorder point {self.reorder_point}",
            )


_build_ss = builder(ExactSSPolicy)

_PERIOD_DEMANDS = (PoissonDemand, EmpiricalDemand, NormalDemand)


class _Renewal:
    """Zheng & Federgruen's $m(j)$ and $M(j)$ for one period's demand, grown lazily."""

    def __init__(self, period: Law) -> None:
        zero = period.mass(0)
        if zero >= 1:
            raise InvalidInputError(
                "with no demand, no order is ever needed",
                field="demand",
                value=period.mean,
                expected="a demand that is sometimes > 0",
            )
        self.law = period
        self.first = 1 / (1 - zero)
        self.m = [self.first]
        self.cumulative = [0.0, self.first]

    def grow(self, size: int) -> None:
        if size > _MAX_GAP:
            raise _too_far(
                "order_cost",
                size,
                f"an optimal S − s of at most {_MAX_GAP:,} units",
            )
        mass = self.law.mass
        while len(self.m) < size:
            j = len(self.m)
            total = math.fsum(mass(i) * self.m[j - i] for i in range(1, j + 1))
            self.m.append(self.first * total)
            self.cumulative.append(self.cumulative[-1] + self.m[-1])


class _SSCosts:
    def __init__(
        self, renewal: _Renewal, interval: Law, costs: tuple[float, float, float]
    ) -> None:
        self.renewal = renewal
        self.interval = interval
        self.k, self.h, self.p = costs

    def g(self, y: int) -> float:
        above, below = g_parts(self.interval, y)
        return self.h * above + self.p * below

    def parts(self, s: int, top: int) -> tuple[float, float, float]:
        """Ordering, holding and shortage cost per period of (s, S)."""
        gap = top - s
        self.renewal.grow(gap)
        m = self.renewal.m
        above = below = 0.0
        for d in range(gap):
            a, b = g_parts(self.interval, top - d)
            above += m[d] * a
            below += m[d] * b
        total = self.renewal.cumulative[gap]
        return self.k / total, self.h * above / total, self.p * below / total

    def total(self, s: int, top: int) -> float:
        return sum(self.parts(s, top))


def _discrete_inputs(
    demand: object,
    lead_periods: int,
    costs: tuple[Money, ...],
) -> tuple[_SSCosts, Currency]:
    if not isinstance(demand, _PERIOD_DEMANDS):
        raise InvalidTypeError(
            field="demand",
            value=demand,
            expected="PoissonDemand, EmpiricalDemand or NormalDemand (per period)",
        )
    lead = non_negative_count_arg(lead_periods, "lead_periods")
    period_law = law_of(demand, 1)
    interval = period_law if not lead else law_of(demand, lead + 1)
    setup, holding, stockout = costs
    floats = (float(setup.amount), float(holding.amount), float(stockout.amount))
    return _SSCosts(_Renewal(period_law), interval, floats), setup.currency


def non_negative_count_arg(value: object, field: str) -> int:
    """An int >= 0 (at most 520 periods), or an error naming ``field``."""
    try:
        number = non_negative_count(value)  # type: ignore[arg-type]
    except InvalidInputError as error:
        raise error.in_field(field) from None
    except InvalidTypeError as error:
        raise error.in_field(field) from None
    if number > _MAX_LEAD:
        raise InvalidInputError(
            field=field, value=value, expected=f"at most {_MAX_LEAD} periods"
        )
    return number


_MAX_LEAD = 520


def _ss_result(
    costs: _SSCosts, s: int, top: int, period: Decimal, currency: Currency
) -> PolicyCost:
    ordering, holding, shortage = costs.parts(s, top)
    return build_cost(
        f"s = {s}, S = {top}",
        "(K + Σ_{d=0}^{S−s−1} m(d) g(S − d)) / M(S − s)",
        "Zheng & Federgruen, Operations Research 39(4), 1991; Snyder & Shen, §4.6",
        period,
        priced(ordering, currency, "ordering_cost"),
        priced(holding, currency, "holding_cost"),
        priced(shortage, currency, "shortage_cost"),
    )


def ss_cost(
    demand: PoissonDemand | EmpiricalDemand | NormalDemand,
    *,
    reorder_point: int,
    order_up_to: int,
    review_period: QuantityInput,
    order_cost: Money,
    holding_cost: Money,
    stockout_cost: Money,
    lead_periods: int = 0,
) -> PolicyCost:
    r"""The expected cost per review period of the periodic-review (s, S) policy.

    Zheng & Federgruen (1991), as in Snyder & Shen, eqs. 4.71–4.75:

    $$g(s, S) = \frac{K + \sum_{d=0}^{S-s-1} m(d)\,g(S - d)}{M(S - s)}$$

    with $m(0) = 1/(1 - p_0)$, $m(j) = m(0)\sum_{l=1}^{j} p_l\,m(j - l)$,
    $M(j) = \sum_{i<j} m(i)$ and $g$ the newsvendor cost of demand over
    ``lead_periods`` + 1 periods. Normal demand is rounded to whole units
    first ($P(D = k) = \Phi(k + ½) - \Phi(k - ½)$, the mass below ½ at 0).

    Args:
        demand: Demand per review period: Poisson, empirical or normal.
        reorder_point: $s$.
        order_up_to: $S$ > $s$.
        review_period: The period the demand and the costs are per.
        order_cost: $K$ per order.
        holding_cost: $h$ per unit on hand at the end of a period.
        stockout_cost: $p$ per unit backordered at the end of a period.
        lead_periods: The lead time in whole review periods.

    Example (Snyder & Shen, Example 4.7: Poisson(6), K = 5, h = 1, p = 4,
    (s, S) = (4, 10)):

    Examples:
        >>> from xborder.inventory import PoissonDemand, ss_cost
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> cost = ss_cost(PoissonDemand(mean=6), reorder_point=4, order_up_to=10,
        ...     review_period="1 week", order_cost=usd(5), holding_cost=usd(1),
        ...     stockout_cost=usd(4))
        >>> str(cost.total_cost)
        '8.03411156147 USD'
    """
    money = same_currency_costs(
        ("order_cost", order_cost),
        ("holding_cost", holding_cost),
        ("stockout_cost", stockout_cost),
    )
    period = days(review_period, "review_period", positive=True)
    low = _level(reorder_point, "reorder_point")
    top = _level(order_up_to, "order_up_to")
    if top <= low:
        raise InvalidInputError(
            field="order_up_to",
            value=order_up_to,
            expected=f"a level above the reorder point {low}",
        )
    costs, currency = _discrete_inputs(demand, lead_periods, money)
    return _ss_result(costs, low, top, period, currency)


def _level(value: int, field: str) -> int:
    try:
        number = count(value)
    except (InvalidInputError, InvalidTypeError) as error:
        raise error.in_field(field) from None
    if abs(number) > _MAX_LEVEL:
        raise InvalidInputError(
            field=field, value=value, expected=f"a level within ±{_MAX_LEVEL:,}"
        )
    return number


_MAX_LEVEL = 10**9


def ss_policy_exact(
    demand: PoissonDemand | EmpiricalDemand | NormalDemand,
    *,
    review_period: QuantityInput,
    order_cost: Money,
    holding_cost: Money,
    stockout_cost: Money,
    lead_periods: int = 0,
) -> ExactSSPolicy:
    r"""The optimal (s, S) policy for discrete demand (Zheng & Federgruen 1991).

    Zheng & Federgruen's algorithm (Snyder & Shen, Algorithm 4.2): from the
    newsvendor level $y^*$, find the best $s$ for $S = y^*$, then raise $S$
    while $g(S)$ is at most the best cost found, updating $s$ whenever a
    cheaper $(s, S)$ appears. It finds the optimum while evaluating about as
    many policies as a single evaluation costs.

    Args:
        demand: Demand per review period: Poisson, empirical or normal
            (rounded to whole units, see :func:`ss_cost`).
        review_period: The period the demand and the costs are per.
        order_cost: $K$ per order.
        holding_cost: $h$ per unit on hand at the end of a period.
        stockout_cost: $p$ per unit backordered at the end of a period.
        lead_periods: The lead time in whole review periods.

    Example (Snyder & Shen, Example 4.7; Zheng & Federgruen's table):

    Examples:
        >>> from xborder.inventory import PoissonDemand, ss_policy_exact
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> policy = ss_policy_exact(PoissonDemand(mean=6), review_period="1 week",
        ...     order_cost=usd(5), holding_cost=usd(1), stockout_cost=usd(4))
        >>> policy.reorder_point, policy.order_up_to, str(policy.cost.total_cost)
        (4, 10, '8.03411156147 USD')
    """
    money = same_currency_costs(
        ("order_cost", order_cost),
        ("holding_cost", holding_cost),
        ("stockout_cost", stockout_cost),
    )
    period = days(review_period, "review_period", positive=True)
    costs, currency = _discrete_inputs(demand, lead_periods, money)
    mean = costs.renewal.law.mean
    if mean and math.sqrt(2 * costs.k * mean / costs.h) > _MAX_GAP:
        raise _too_far(
            "order_cost",
            money[0],
            f"costs and demand whose EOQ is below {_MAX_GAP:,} units",
        )
    s, top = _zheng_federgruen(costs)
    return _build_ss(s, top, _ss_result(costs, s, top, period, currency))


def _zheng_federgruen(costs: _SSCosts) -> tuple[int, int]:
    h, p = costs.h, costs.p
    start = costs.interval.quantile(p / (h + p))
    s = start
    for _ in range(_MAX_GAP + 1):
        s -= 1
        if costs.total(s, start) <= costs.g(s):
            break
    best_s, best_top = s, start
    best = costs.total(s, start)
    top = start + 1
    while costs.g(top) <= best:
        if costs.total(best_s, top) < best:
            best_top = top
            # s stays below S: with extreme costs float ties could push it up.
            while s + 1 < best_top and costs.total(s, best_top) <= costs.g(s + 1):
                s += 1
            best_s = s
            best = costs.total(best_s, best_top)
        top += 1
        if top - best_s > _MAX_GAP:
            raise _too_far(
                "order_cost", top - best_s, f"an S − s of at most {_MAX_GAP:,}"
            )
    return best_s, best_top
