"""Lot sizing beyond the EOQ: cost at any Q, backorders, EPQ, incremental discounts."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    non_negative,
    non_negative_count,
    require,
)
from xborder.errors import InvalidInputError, XborderError
from xborder.inventory._args import (
    days,
    expect,
    is_a,
    positive_arg,
    whole_units,
)
from xborder.inventory._demand import Demand
from xborder.inventory._eoq import (
    DiscountCandidate,
    DiscountedOrderQuantity,
    OrderQuantityRule,
    PriceBreak,
    build_candidate,
    cheapest_plan,
    demand_over,
    discount_inputs,
    shown,
)
from xborder.inventory._fast import builder
from xborder.inventory._numeric import (
    STATISTICAL,
    ceil_units,
    product,
    ratio,
    sqrt,
)
from xborder.inventory._policy_cost import PolicyCost, same_currency_costs
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.money import Currency
    from xborder.units import QuantityInput

__all__ = [
    "PlannedBackorders",
    "ProductionQuantity",
    "eoq_cost",
    "eoq_incremental_discount",
    "eoq_with_backorders",
    "epq",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_TWO = Decimal(2)
_SOURCE = "Snyder & Shen, Fundamentals of Supply Chain Theory, ch. 3"


def _times(money: Money, factor: Decimal, field: str) -> Money:
    try:
        return money * factor
    except XborderError as error:
        raise error.in_field(field) from None


def _cost(  # noqa: PLR0917 - the parts of a lot-sizing cost, in order
    policy: str,
    formula: str,
    period: Decimal,
    ordering: Money,
    holding: Money,
    shortage: Money,
) -> PolicyCost:
    try:
        return PolicyCost(
            policy=policy,
            formula=formula,
            source=_SOURCE,
            period_days=period,
            ordering_cost=shown(ordering),
            holding_cost=shown(holding),
            shortage_cost=shown(shortage),
        )
    except XborderError as error:  # a cost beyond xborder's range
        raise error.in_field("cost") from None


def eoq_cost(
    demand: Demand,
    *,
    order_quantity: DecimalInput,
    order_cost: Money,
    holding_cost: Money,
    holding_period: QuantityInput,
) -> PolicyCost:
    r"""The cost per holding period of ordering any quantity $Q$ (not only the EOQ).

    $$g(Q) = \frac{KD}{Q} + \frac{hQ}{2}$$

    (Harris 1913; Snyder & Shen, eq. 3.4). Exact Decimal arithmetic up to
    the one division $D/Q$ (34 digits). Useful to price a supplier's MOQ or
    a container-sized lot against the EOQ.

    Args:
        demand: The forecast (its mean).
        order_quantity: $Q$ > 0.
        order_cost: $K$ per order.
        holding_cost: $h$ per unit held one ``holding_period``.
        holding_period: The period $h$ and the cost are per.

    Example (Snyder & Shen, Example 3.1 at Q = 400 instead of 304):

    Examples:
        >>> from xborder.inventory import Demand, eoq_cost
        >>> from xborder.money import Money
        >>> cost = eoq_cost(Demand(mean=1300, period="1 year"), order_quantity=400,
        ...     order_cost=Money(8, "USD"), holding_cost=Money("0.225", "USD"),
        ...     holding_period="1 year")
        >>> str(cost.ordering_cost), str(cost.holding_cost), str(cost.total_cost)
        ('26.00 USD', '45.000 USD', '71.000 USD')
    """
    checked = expect(demand, Demand, "demand")
    setup, holding = same_currency_costs(
        ("order_cost", order_cost),
        ("holding_cost", holding_cost),
        positive_fields=False,
    )
    size = positive_arg(order_quantity, "order_quantity")
    period = days(holding_period, "holding_period", positive=True)
    volume = demand_over(checked, period)
    return _cost(
        f"Q = {size}",
        "g(Q) = KD/Q + hQ/2",
        period,
        _times(setup, ratio(volume, size), "ordering_cost"),
        _times(holding, ratio(size, _TWO), "holding_cost"),
        Money(_ZERO, setup.currency),
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PlannedBackorders:
    r"""An EOQ with planned backorders: the lot, the share of it backordered, the cost.

    Each cycle of $Q$ units, demand is backordered for a fraction $x$ of
    the cycle, so at most $xQ$ units wait and at most $(1 - x)Q$ are held
    (Snyder & Shen, §3.5, eqs. 3.27–3.29):

    $$g(Q, x) = \frac{KD}{Q} + \frac{hQ(1 - x)^2}{2} + \frac{pQx^2}{2},
    \qquad Q^* = \sqrt{\frac{2KD(h + p)}{hp}}, \quad x^* = \frac{h}{h + p}$$

    Attributes:
        quantity: $Q$.
        units: $Q$ rounded up.
        shortage_fraction: $x$.
        cost: Ordering, holding and backorder cost per holding period.

    Built by hand, ``units`` must be the quantity rounded up.

    Examples:
        >>> from xborder.inventory import Demand, eoq_with_backorders
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> plan = eoq_with_backorders(Demand(mean=1300, period="1 year"),
        ...     order_cost=usd(8), holding_cost=usd("0.225"), stockout_cost=usd(5),
        ...     holding_period="1 year")
        >>> plan.planned_shortage, plan.max_inventory
        (Decimal('13.3842727102'), Decimal('297.428282449'))
    """

    quantity: Decimal = attrs.field(converter=non_negative)
    units: int = attrs.field(converter=non_negative_count)
    shortage_fraction: Decimal = attrs.field(converter=fraction)
    cost: PolicyCost = attrs.field(validator=is_a(PolicyCost))

    def __attrs_post_init__(self) -> None:
        whole_units(self.quantity, self.units, "units")

    @property
    def planned_shortage(self) -> Decimal:
        """$xQ$: the most units backordered just before a lot arrives."""
        return STATISTICAL.multiply(self.shortage_fraction, self.quantity)

    @property
    def max_inventory(self) -> Decimal:
        """$(1 - x)Q$: the stock right after a lot arrives and clears backorders."""
        held = EXACT.subtract(_ONE, self.shortage_fraction)
        return STATISTICAL.multiply(held, self.quantity)


_build_backorders = builder(PlannedBackorders)


def eoq_with_backorders(
    demand: Demand,
    *,
    order_cost: Money,
    holding_cost: Money,
    stockout_cost: Money,
    holding_period: QuantityInput,
    order_quantity: DecimalInput | None = None,
    shortage_fraction: DecimalInput | None = None,
) -> PlannedBackorders:
    r"""The EOQ with planned backorders, or the cost of a given $(Q, x)$.

    Without ``order_quantity`` and ``shortage_fraction`` the optimum
    $Q^* = \sqrt{2KD(h+p)/(hp)}$, $x^* = h/(h+p)$ is returned; with both,
    the cost of that plan (see :class:`PlannedBackorders`). A customer who
    waits for a backorder costs $p$ per unit per holding period: lost
    ranking, goodwill, expedited shipping.

    Args:
        demand: The forecast (its mean).
        order_cost: $K$ per order.
        holding_cost: $h$ per unit held one ``holding_period`` (> 0).
        stockout_cost: $p$ per unit backordered one ``holding_period`` (> 0).
        holding_period: The period $h$, $p$ and the cost are per.
        order_quantity: $Q$ > 0 to evaluate (with ``shortage_fraction``).
        shortage_fraction: $x$ in [0, 1] to evaluate (with ``order_quantity``).

    Example (Snyder & Shen, Example 3.8: K = 8, h = 0.225, p = 5,
    1,300 units a year):

    Examples:
        >>> from xborder.inventory import Demand, eoq_with_backorders
        >>> from xborder.money import Money, RoundingMode
        >>> usd = lambda amount: Money(amount, "USD")
        >>> plan = eoq_with_backorders(Demand(mean=1300, period="1 year"),
        ...     order_cost=usd(8), holding_cost=usd("0.225"), stockout_cost=usd(5),
        ...     holding_period="1 year")
        >>> plan.quantity, plan.shortage_fraction
        (Decimal('310.812555159'), Decimal('0.04306220095693779904306220095693780'))
        >>> str(plan.cost.total_cost.quantize(RoundingMode.HALF_UP))
        '66.92 USD'
    """
    checked = expect(demand, Demand, "demand")
    setup, holding, stockout = same_currency_costs(
        ("order_cost", order_cost),
        ("holding_cost", holding_cost),
        ("stockout_cost", stockout_cost),
        positive_fields=False,
    )
    for name, money in (("holding_cost", holding), ("stockout_cost", stockout)):
        require(not money.is_zero(), field=name, value=money, expected="> 0")
    period = days(holding_period, "holding_period", positive=True)
    volume = demand_over(checked, period)
    h, p = holding.amount, stockout.amount
    if (order_quantity is None) != (shortage_fraction is None):
        raise InvalidInputError(
            "a plan to evaluate needs both its quantity and its shortage fraction",
            field="shortage_fraction"
            if shortage_fraction is None
            else "order_quantity",
            value=None,
            expected="both order_quantity and shortage_fraction, or neither",
        )
    if order_quantity is None:
        total = EXACT.add(h, p)
        share = ratio(h, total)
        size = sqrt(
            ratio(
                EXACT.multiply(EXACT.multiply(_TWO * setup.amount, volume), total),
                EXACT.multiply(h, p),
            )
        )
        policy = "optimal Q, x"
    else:
        size = positive_arg(order_quantity, "order_quantity")
        share = _share(shortage_fraction)
        policy = f"Q = {size}, x = {share}"
    held = EXACT.subtract(_ONE, share)
    half = ratio(size, _TWO)
    cost = _cost(
        policy,
        "g(Q, x) = KD/Q + hQ(1 − x)²/2 + pQx²/2",
        period,
        _times(setup, ratio(volume, size) if size else _ZERO, "ordering_cost"),
        _times(holding, product(half, product(held, held)), "holding_cost"),
        _times(stockout, product(half, product(share, share)), "shortage_cost"),
    )
    return _build_backorders(size, ceil_units(size), share, cost)


def _share(value: DecimalInput | None) -> Decimal:
    try:
        return fraction(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field("shortage_fraction") from None


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ProductionQuantity:
    r"""The economic production quantity: a lot produced at a finite rate.

    While a lot of $Q$ is produced at rate $P$, demand $D$ eats into it, so
    stock peaks at $(1 - \rho)Q$ with $\rho = D/P$ (Taft 1918; Snyder &
    Shen, §3.4, eqs. 3.31–3.32):

    $$g(Q) = \frac{KD}{Q} + \frac{h(1 - \rho)Q}{2}, \qquad
    Q^* = \sqrt{\frac{2KD}{h(1 - \rho)}}$$

    Attributes:
        quantity: $Q$.
        units: $Q$ rounded up.
        utilisation: $\rho = D/P$, below 1.
        cost: Setup and holding cost per holding period.

    Built by hand, ``units`` must be the quantity rounded up and the
    utilisation below 1.

    Examples:
        >>> from xborder.inventory import Demand, epq
        >>> from xborder.money import Money
        >>> lot = epq(Demand(mean=1300, period="1 year"), production_rate=1700,
        ...     production_period="1 year", order_cost=Money(8, "USD"),
        ...     holding_cost=Money("0.225", "USD"), holding_period="1 year")
        >>> lot.utilisation, lot.max_inventory
        (Decimal('0.7647058823529411764705882352941176'), Decimal('147.484...'))
    """

    quantity: Decimal = attrs.field(converter=non_negative)
    units: int = attrs.field(converter=non_negative_count)
    utilisation: Decimal = attrs.field(converter=fraction)
    cost: PolicyCost = attrs.field(validator=is_a(PolicyCost))

    def __attrs_post_init__(self) -> None:
        whole_units(self.quantity, self.units, "units")
        require(
            self.utilisation < 1,
            field="utilisation",
            value=self.utilisation,
            expected="demand below the production rate (< 1)",
        )

    @property
    def max_inventory(self) -> Decimal:
        r"""$(1 - \rho)Q$: the stock when a production run ends."""
        return STATISTICAL.multiply(
            EXACT.subtract(_ONE, self.utilisation), self.quantity
        )


_build_production = builder(ProductionQuantity)


def epq(
    demand: Demand,
    *,
    production_rate: DecimalInput,
    production_period: QuantityInput,
    order_cost: Money,
    holding_cost: Money,
    holding_period: QuantityInput,
    order_quantity: DecimalInput | None = None,
) -> ProductionQuantity:
    r"""The economic production quantity, or the cost of a given lot $Q$.

    Args:
        demand: The forecast (its mean).
        production_rate: $P$: units produced per ``production_period``,
            above the demand rate.
        production_period: The period of ``production_rate``.
        order_cost: $K$ per production run (setup).
        holding_cost: $h$ per unit held one ``holding_period`` (> 0).
        holding_period: The period $h$ and the cost are per.
        order_quantity: A lot $Q$ > 0 to evaluate instead of the optimum.

    Example (Snyder & Shen, §3.4: K = 8, h = 0.225, D = 1,300 and
    P = 1,700 a year):

    Examples:
        >>> from xborder.inventory import Demand, epq
        >>> from xborder.money import Money, RoundingMode
        >>> lot = epq(Demand(mean=1300, period="1 year"), production_rate=1700,
        ...     production_period="1 year", order_cost=Money(8, "USD"),
        ...     holding_cost=Money("0.225", "USD"), holding_period="1 year")
        >>> lot.quantity, str(lot.cost.total_cost.quantize(RoundingMode.HALF_UP))
        (Decimal('626.808494589'), '33.18 USD')
    """
    checked = expect(demand, Demand, "demand")
    setup, holding = same_currency_costs(
        ("order_cost", order_cost),
        ("holding_cost", holding_cost),
        positive_fields=False,
    )
    require(not holding.is_zero(), field="holding_cost", value=holding, expected="> 0")
    rate = positive_arg(production_rate, "production_rate")
    made_over = days(production_period, "production_period", positive=True)
    period = days(holding_period, "holding_period", positive=True)
    volume = demand_over(checked, period)
    utilisation = ratio(
        EXACT.multiply(checked.mean, made_over),
        EXACT.multiply(rate, checked.period_days),
    )
    if utilisation >= 1:
        raise InvalidInputError(
            "production no faster than demand never builds a stock",
            field="production_rate",
            value=production_rate,
            expected="a rate above the demand rate",
        )
    idle = EXACT.subtract(_ONE, utilisation)
    if order_quantity is None:
        size = sqrt(
            ratio(
                EXACT.multiply(_TWO * setup.amount, volume),
                EXACT.multiply(holding.amount, idle),
            )
        )
        policy = "optimal Q"
    else:
        size = positive_arg(order_quantity, "order_quantity")
        policy = f"Q = {size}"
    cost = _cost(
        policy,
        "g(Q) = KD/Q + h(1 − ρ)Q/2",
        period,
        _times(setup, ratio(volume, size) if size else _ZERO, "ordering_cost"),
        _times(holding, product(idle, ratio(size, _TWO)), "holding_cost"),
        Money(_ZERO, setup.currency),
    )
    return _build_production(size, ceil_units(size), utilisation, cost)


def eoq_incremental_discount(
    demand: Demand,
    *,
    order_cost: Money,
    holding_rate: DecimalInput,
    holding_period: QuantityInput,
    price_breaks: Iterable[PriceBreak],
    minimum_order: int = 0,
) -> DiscountedOrderQuantity:
    r"""The cheapest order quantity when only the units *above* each break are cheaper.

    Under an incremental discount the $j$-th price $c_j$ applies to the
    units between break $b_j$ and $b_{j+1}$, so an order of $Q$ in range $j$
    costs $\bar c_j + c_j Q$ with $\bar c_j = \sum_{i<j} c_i(b_{i+1} - b_i)
    - c_j b_j$. Per holding period (Snyder & Shen, §3.6.2, eqs. 3.20–3.22;
    Silver, Pyke & Thomas, §5.5):

    $$g_j(Q) = c_j D + \frac{i\bar c_j}{2} + \frac{(K + \bar c_j)D}{Q}
    + \frac{i c_j Q}{2}, \qquad Q_j = \sqrt{\frac{2(K + \bar c_j)D}{i c_j}}$$

    Each range's $Q_j$ is a candidate if it lies in the range, or the
    range's lower end (the break, or the MOQ) if $Q_j$ lies below it. A
    candidate's purchase cost is $c_jD + \bar c_jD/Q$, its holding cost
    $i(\bar c_j + c_jQ)/2$. The first price applies from 0 units; a first
    break above 0 acts as a minimum order.

    Args:
        demand: The forecast.
        order_cost: $K$ per order.
        holding_rate: $i$, holding cost per ``holding_period`` as a fraction
            of the value held.
        holding_period: The period ``holding_rate`` applies to.
        price_breaks: The supplier's incremental price list.
        minimum_order: The supplier's MOQ.

    Example (Snyder & Shen, Example 3.6: K = 150, i = 0.25, D = 2,400,
    $100 / $90 from 300 / $80 from 600):

    Examples:
        >>> from xborder.inventory import (Demand, PriceBreak,
        ...     eoq_incremental_discount)
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> plan = eoq_incremental_discount(Demand(mean=2400, period="1 year"),
        ...     order_cost=usd(150), holding_rate="0.25", holding_period="1 year",
        ...     price_breaks=[PriceBreak(min_quantity=0, unit_cost=usd(100)),
        ...                   PriceBreak(min_quantity=300, unit_cost=usd(90)),
        ...                   PriceBreak(min_quantity=600, unit_cost=usd(80))])
        >>> plan.quantity, str(plan.unit_cost), str(plan.best.total_cost)
        (Decimal('1481.89068423'), '80 USD', '222762.813684353 USD')
    """
    setup, rate, breaks, floor, volume = discount_inputs(
        demand,
        order_cost=order_cost,
        holding_rate=holding_rate,
        holding_period=holding_period,
        price_breaks=price_breaks,
        minimum_order=minimum_order,
        free_orders="with free orders the cheapest lot is a single unit",
    )
    candidates = []
    paid = _ZERO  # Σ_{i<j} c_i (b_{i+1} − b_i): the price of the units below b_j
    for index, price in enumerate(breaks):
        start = Decimal(price.min_quantity) if index else _ZERO
        offset = EXACT.subtract(paid, EXACT.multiply(price.unit_cost.amount, start))
        upper = breaks[index + 1].min_quantity if index + 1 < len(breaks) else None
        if upper is not None:
            paid = EXACT.add(
                paid,
                EXACT.multiply(
                    price.unit_cost.amount, EXACT.subtract(Decimal(upper), start)
                ),
            )
        candidate = _incremental_candidate(
            price, offset, upper, floor=floor, setup=setup, rate=rate, volume=volume
        )
        if candidate is not None:
            candidates.append(candidate)
    if not candidates:  # pragma: no cover - the last range is unbounded
        raise InvalidInputError(field="price_breaks", value=breaks, expected="a range")
    return cheapest_plan(candidates)


def _incremental_candidate(
    price: PriceBreak,
    offset: Decimal,
    upper: int | None,
    *,
    floor: int,
    setup: Money,
    rate: Decimal,
    volume: Decimal,
) -> DiscountCandidate | None:
    lower = max(price.min_quantity, floor)
    if upper is not None and lower >= upper:
        return None  # the MOQ skips this range
    unit = price.unit_cost.amount
    fixed = EXACT.add(setup.amount, offset)
    if fixed <= 0:  # pragma: no cover - offsets are >= 0 for falling prices
        return None
    optimum = sqrt(
        ratio(EXACT.multiply(_TWO * fixed, volume), EXACT.multiply(rate, unit))
    )
    if upper is not None and optimum >= upper:
        return None  # the function falls through this range into the next
    quantity, rule = optimum, OrderQuantityRule.EOQ
    if optimum < lower:
        quantity = Decimal(lower)
        rule = (
            OrderQuantityRule.MINIMUM_ORDER
            if floor > price.min_quantity
            else OrderQuantityRule.PRICE_BREAK
        )
    currency = setup.currency
    per_order = ratio(volume, quantity)
    purchase = EXACT.add(EXACT.multiply(unit, volume), product(offset, per_order))
    held = ratio(
        EXACT.multiply(rate, EXACT.add(offset, EXACT.multiply(unit, quantity))), _TWO
    )
    return build_candidate(
        price,
        quantity,
        rule,
        _money(purchase, currency, "purchase_cost"),
        _times(setup, per_order, "ordering_cost"),
        _money(held, currency, "holding_cost"),
    )


def _money(amount: Decimal, currency: Currency, field: str) -> Money:
    try:
        return Money(amount, currency)
    except XborderError as error:
        raise error.in_field(field) from None
