"""Economic order quantity, with a minimum order and all-units price breaks."""

from __future__ import annotations

import enum
import itertools
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    named_errors,
    non_negative,
    non_negative_count,
    positive,
    require,
    tuple_of,
)
from xborder.errors import CurrencyMismatchError, InvalidInputError, XborderError
from xborder.inventory._args import (
    days,
    expect,
    is_a,
    member,
    money_arg,
    money_in_range,
    positive_arg,
    whole_units,
)
from xborder.inventory._demand import Demand
from xborder.inventory._fast import builder
from xborder.inventory._numeric import ceil_units, ratio, significant, sqrt
from xborder.money import Money
from xborder.money.converters import non_negative_money

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from xborder.units import QuantityInput

__all__ = [
    "DiscountCandidate",
    "DiscountedOrderQuantity",
    "EconomicOrderQuantity",
    "OrderQuantityRule",
    "PriceBreak",
    "eoq",
    "eoq_all_units_discount",
]

_ZERO = Decimal(0)
_TWO = Decimal(2)


class OrderQuantityRule(enum.StrEnum):
    """What set an order quantity."""

    EOQ = "economic order quantity"
    """The unconstrained optimum $\\sqrt{2KD/h}$."""
    MINIMUM_ORDER = "minimum order quantity"
    """The supplier's minimum order was above the optimum."""
    PRICE_BREAK = "price break"
    """Ordering up to a price break's threshold was cheaper overall."""


def _rule(value: OrderQuantityRule | str) -> OrderQuantityRule:
    return member(OrderQuantityRule, value)


def _cost(value: Money) -> Money:
    # A result's cost: Money >= 0 within range (Money arithmetic is exact at
    # any size, so a Money can hold an amount xborder would not read back).
    return money_in_range(non_negative_money(value), value, None)


def _same_currencies(*amounts: tuple[str, Money]) -> None:
    (_, first), *others = amounts
    for field, other in others:
        _same_currency(first, other, field)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class EconomicOrderQuantity:
    r"""The EOQ and its costs per holding period (Harris 1913; Snyder & Shen, §3.2).

    $$Q^* = \sqrt{\frac{2KD}{h}}, \qquad
    g(Q) = \frac{KD}{Q} + \frac{hQ}{2}$$

    with $K$ the cost per order, $D$ the demand and $h$ the holding cost per
    unit over the same holding period. At $Q^*$ the two cost lines are equal.

    Attributes:
        quantity: The order quantity (EOQ, or the minimum order if larger).
        units: ``quantity`` rounded up to whole units.
        rule: What set the quantity.
        eoq: The unconstrained $\sqrt{2KD/h}$ (12 significant digits).
        demand_per_period: $D$, demand over one holding period.
        holding_period_days: The period the holding cost is charged over.
        ordering_cost: $KD/Q$ per holding period.
        holding_cost: $hQ/2$ per holding period.

    The costs carry :data:`SIGNIFICANT_DIGITS` (12) significant digits,
    as the EOQ they price does ($KD/Q$ at $Q^*$ is a quotient by a square
    root); a cost exact in fewer digits is shown exactly.

    Built by hand, quantities and costs must be >= 0, the two costs in one
    currency, and ``units`` the quantity rounded up.

    Examples:
        >>> from xborder.inventory import Demand, eoq
        >>> from xborder.money import Money
        >>> result = eoq(Demand(mean=1000, period="1 year"),
        ...     order_cost=Money(50, "USD"),
        ...     holding_cost=Money(2, "USD"), holding_period="1 year")
        >>> result.eoq, result.units, result.rule.value
        (Decimal('223.606797750'), 224, 'economic order quantity')
        >>> str(result.holding_cost)
        '223.606797750 USD'
    """

    quantity: Decimal = attrs.field(converter=non_negative)
    units: int = attrs.field(converter=non_negative_count)
    rule: OrderQuantityRule = attrs.field(converter=_rule)
    eoq: Decimal = attrs.field(converter=non_negative)
    demand_per_period: Decimal = attrs.field(converter=non_negative)
    holding_period_days: Decimal = attrs.field(converter=positive)
    ordering_cost: Money = attrs.field(converter=_cost)
    holding_cost: Money = attrs.field(converter=_cost)

    def __attrs_post_init__(self) -> None:
        whole_units(self.quantity, self.units, "units")
        _same_currency(self.ordering_cost, self.holding_cost, "holding_cost")

    @property
    def total_cost(self) -> Money:
        """Ordering plus holding cost per holding period (exactly their sum)."""
        return self.ordering_cost + self.holding_cost

    @property
    def orders_per_period(self) -> Decimal:
        """$D/Q$: orders per holding period (0 without demand)."""
        return ratio(self.demand_per_period, self.quantity) if self.quantity else _ZERO

    @property
    def cycle_days(self) -> Decimal | None:
        """$Q/D$ in days: time between orders (``None`` without demand)."""
        if not self.demand_per_period:
            return None
        return ratio(
            EXACT.multiply(self.quantity, self.holding_period_days),
            self.demand_per_period,
        )


def _same_currency(first: Money, second: Money, field: str) -> None:
    if first.currency != second.currency:
        raise CurrencyMismatchError(
            field=field, value=second, expected=f"an amount in {first.currency.code}"
        )


def _demand_over(demand: Demand, period_days: Decimal) -> Decimal:
    return ratio(EXACT.multiply(demand.mean, period_days), demand.period_days)


def _minimum(value: int) -> int:
    try:
        return non_negative_count(value)
    except XborderError as error:
        raise error.in_field("minimum_order") from None


def eoq(
    demand: Demand,
    *,
    order_cost: Money,
    holding_cost: Money,
    holding_period: QuantityInput,
    minimum_order: int = 0,
) -> EconomicOrderQuantity:
    """The economic order quantity, respecting a supplier's minimum order.

    The demand's period and the holding cost's period may differ (demand per
    week, holding cost per year): both are converted to days once. The cost
    is convex in $Q$, so a minimum order above the EOQ is itself optimal.

    Args:
        demand: The forecast (only its mean matters).
        order_cost: $K$, the fixed cost of one order (> 0 for a finite EOQ
            to matter; 0 gives 0).
        holding_cost: $h$, the cost of holding one unit for ``holding_period``
            (> 0): storage, capital, insurance, ageing.
        holding_period: The period ``holding_cost`` is charged over
            (``"1 year"``, ``"1 month"``).
        minimum_order: The supplier's minimum order quantity (MOQ).

    Example (Snyder & Shen, Example 3.1: K = 8, h = 0.225 a year,
    1,300 units a year):

    Examples:
        >>> from xborder.inventory import Demand, eoq
        >>> from xborder.money import Money, RoundingMode
        >>> result = eoq(Demand(mean=1300, period="1 year"), order_cost=Money(8, "USD"),
        ...              holding_cost=Money("0.225", "USD"), holding_period="1 year")
        >>> result.quantity, result.units
        (Decimal('304.046780026'), 305)
        >>> str(result.total_cost.quantize(RoundingMode.HALF_UP))
        '68.41 USD'
    """
    checked = expect(demand, Demand, "demand")
    setup = money_arg(order_cost, "order_cost")
    holding = money_arg(holding_cost, "holding_cost")
    _same_currency(setup, holding, "holding_cost")
    if holding.is_zero():
        raise InvalidInputError(
            "with free storage the best order is infinite",
            field="holding_cost",
            value=holding,
            expected="> 0",
        )
    period = days(holding_period, "holding_period", positive=True)
    floor = _minimum(minimum_order)
    volume = _demand_over(checked, period)
    optimum = sqrt(ratio(EXACT.multiply(_TWO * setup.amount, volume), holding.amount))
    rule = OrderQuantityRule.EOQ
    chosen = optimum
    if floor > optimum:
        chosen, rule = Decimal(floor), OrderQuantityRule.MINIMUM_ORDER
    ordering = _priced(
        setup, ratio(volume, chosen) if chosen else _ZERO, "ordering_cost"
    )
    return _build_eoq(
        chosen,
        ceil_units(chosen),
        rule,
        optimum,
        volume,
        period,
        shown(ordering),
        shown(_priced(holding, ratio(chosen, _TWO), "holding_cost")),
    )


def _priced(price: Money, units: Decimal, field: str) -> Money:
    # Within range inputs can price beyond it (a cost of 1E+35 a unit for
    # 1E+35 units): Money refuses the factor, and the error names the cost.
    try:
        return price * units
    except XborderError as error:
        raise error.in_field(field) from None


def shown(cost: Money) -> Money:
    """A computed cost as results show it: 12 significant digits (see _numeric)."""
    return Money(significant(cost.amount), cost.currency)


_build_eoq = builder(EconomicOrderQuantity)


def _unit_cost(value: Money) -> Money:
    money = _cost(value)
    if money.is_zero():
        raise InvalidInputError(field=None, value=money, expected="a unit cost > 0")
    return money


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PriceBreak:
    """A supplier's unit price from ``min_quantity`` units per order upwards.

    Args:
        min_quantity: The smallest order quantity that gets this price (int >= 0).
        unit_cost: The price of every unit in such an order (all-units discount).

    Examples:
        >>> from xborder.money import Money
        >>> PriceBreak(min_quantity=5000, unit_cost=Money("2.96", "USD"))
        PriceBreak(min_quantity=5000, unit_cost=Money('2.96', 'USD'))
    """

    min_quantity: int = attrs.field(converter=non_negative_count)
    unit_cost: Money = attrs.field(converter=_unit_cost)


def _breaks(values: Iterable[PriceBreak]) -> tuple[PriceBreak, ...]:
    try:
        items = tuple(
            sorted(tuple_of(values, PriceBreak), key=lambda b: b.min_quantity)
        )
    except XborderError as error:
        raise error.in_field("price_breaks") from None
    if not items:
        raise InvalidInputError(
            field="price_breaks", value=values, expected="at least one price break"
        )
    for before, after in itertools.pairwise(items):
        if before.min_quantity == after.min_quantity:
            raise InvalidInputError(
                field="price_breaks",
                value=after.min_quantity,
                expected="one price per min_quantity",
            )
        _same_currency(before.unit_cost, after.unit_cost, "price_breaks")
    return items


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class DiscountCandidate:
    """One quantity the all-units search evaluated, with its cost per holding period.

    Attributes:
        price_break: The price that applies at ``quantity``.
        quantity: The candidate order quantity.
        rule: Why it is a candidate (the region's EOQ, a break, the MOQ).
        purchase_cost: $cD$.
        ordering_cost: $KD/Q$.
        holding_cost: $icQ/2$.

    Costs carry 12 significant digits (exact where they have fewer); the
    search compares the exact costs before they are rounded.

    Built by hand, the quantity and costs must be >= 0 and the costs in the
    price break's currency.

    Examples:
        >>> from xborder.inventory import Demand, PriceBreak, eoq_all_units_discount
        >>> from xborder.money import Money
        >>> plan = eoq_all_units_discount(Demand(mean=1000, period="1 year"),
        ...     order_cost=Money(50, "USD"), holding_rate="0.2",
        ...     holding_period="1 year",
        ...     price_breaks=[
        ...         PriceBreak(min_quantity=0, unit_cost=Money(5, "USD")),
        ...         PriceBreak(min_quantity=500, unit_cost=Money("4.5", "USD")),
        ...     ])
        >>> [(str(c.price_break.unit_cost), c.quantity) for c in plan.candidates]
        [('5 USD', Decimal('316.227766017')), ('4.5 USD', Decimal('500'))]
    """

    price_break: PriceBreak = attrs.field(validator=is_a(PriceBreak))
    quantity: Decimal = attrs.field(converter=non_negative)
    rule: OrderQuantityRule = attrs.field(converter=_rule)
    purchase_cost: Money = attrs.field(converter=_cost)
    ordering_cost: Money = attrs.field(converter=_cost)
    holding_cost: Money = attrs.field(converter=_cost)

    def __attrs_post_init__(self) -> None:
        _same_currencies(
            ("price_break", self.price_break.unit_cost),
            ("purchase_cost", self.purchase_cost),
            ("ordering_cost", self.ordering_cost),
            ("holding_cost", self.holding_cost),
        )

    @property
    def total_cost(self) -> Money:
        """Purchase + ordering + holding, exactly their sum."""
        return self.purchase_cost + self.ordering_cost + self.holding_cost


def _candidates(values: Iterable[DiscountCandidate]) -> tuple[DiscountCandidate, ...]:
    candidates = tuple_of(values, DiscountCandidate)
    require(
        bool(candidates), field=None, value=values, expected="at least one candidate"
    )
    return candidates


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class DiscountedOrderQuantity:
    """The cheapest order quantity under all-units price breaks, and what was compared.

    Attributes:
        best: The winning candidate.
        candidates: Every candidate evaluated, in price-break order.
        units: The best quantity rounded up to whole units.

    Built by hand, ``best`` must be one of the candidates.

    Examples:
        >>> from xborder.inventory import Demand, PriceBreak, eoq_all_units_discount
        >>> from xborder.money import Money
        >>> plan = eoq_all_units_discount(Demand(mean=1000, period="1 year"),
        ...     order_cost=Money(50, "USD"), holding_rate="0.2",
        ...     holding_period="1 year",
        ...     price_breaks=[
        ...         PriceBreak(min_quantity=0, unit_cost=Money(5, "USD")),
        ...         PriceBreak(min_quantity=500, unit_cost=Money("4.5", "USD")),
        ...     ])
        >>> plan.units, str(plan.best.price_break.unit_cost), len(plan.candidates)
        (500, '4.5 USD', 2)
    """

    best: DiscountCandidate = attrs.field(validator=is_a(DiscountCandidate))
    candidates: tuple[DiscountCandidate, ...] = attrs.field(converter=_candidates)
    units: int = attrs.field(converter=non_negative_count)

    def __attrs_post_init__(self) -> None:
        require(
            self.best in self.candidates,
            field="best",
            value=self.best,
            expected="one of the candidates",
        )
        whole_units(self.best.quantity, self.units, "units")

    @property
    def quantity(self) -> Decimal:
        """The best order quantity."""
        return self.best.quantity

    @property
    def unit_cost(self) -> Money:
        """The unit price paid at the best quantity."""
        return self.best.price_break.unit_cost

    @property
    def rule(self) -> OrderQuantityRule:
        """What set the best quantity."""
        return self.best.rule


def eoq_all_units_discount(
    demand: Demand,
    *,
    order_cost: Money,
    holding_rate: DecimalInput,
    holding_period: QuantityInput,
    price_breaks: Iterable[PriceBreak],
    minimum_order: int = 0,
) -> DiscountedOrderQuantity:
    r"""The order quantity that minimises purchase + ordering + holding cost.

    Under an all-units discount the price of *every* unit drops once the
    order reaches a break. For each price $c_j$ the best quantity is its EOQ
    $\sqrt{2KD/(i c_j)}$ moved up into the price's range (to the break, or
    the MOQ) when it falls below; a range whose EOQ lies above it is beaten
    by the next, cheaper range. The candidate with the lowest
    $c_j D + KD/Q + i c_j Q/2$ wins (Snyder & Shen, §3.6; Chopra & Meindl,
    ch. 11; Silver, Pyke & Thomas, ch. 5). A first break above 0 acts as a
    minimum order.

    Args:
        demand: The forecast.
        order_cost: $K$ per order.
        holding_rate: $i$, the holding cost per ``holding_period`` as a
            fraction of the unit cost (``"0.20"`` a year).
        holding_period: The period ``holding_rate`` applies to.
        price_breaks: The supplier's price list.
        minimum_order: The supplier's MOQ.

    Example (Chopra & Meindl, "Drugs Online": 120,000 bottles a year,
    K = $100, i = 20 %, $3.00 / $2.96 from 5,000 / $2.92 from 10,000):

    Examples:
        >>> from xborder.inventory import Demand, PriceBreak, eoq_all_units_discount
        >>> from xborder.money import Money
        >>> usd = lambda amount: Money(amount, "USD")
        >>> result = eoq_all_units_discount(
        ...     Demand(mean=10000, period="1 month"), order_cost=usd(100),
        ...     holding_rate="0.2", holding_period="1 year",
        ...     price_breaks=[PriceBreak(min_quantity=0, unit_cost=usd("3.00")),
        ...                   PriceBreak(min_quantity=5000, unit_cost=usd("2.96")),
        ...                   PriceBreak(min_quantity=10000, unit_cost=usd("2.92"))])
        >>> result.quantity, result.rule.value, str(result.best.total_cost)
        (Decimal('10000'), 'price break', '354520.000 USD')
    """
    setup, rate, breaks, floor, volume = discount_inputs(
        demand,
        order_cost=order_cost,
        holding_rate=holding_rate,
        holding_period=holding_period,
        price_breaks=price_breaks,
        minimum_order=minimum_order,
        free_orders=(
            "with free orders the cheapest lot is a single unit at the best price"
        ),
    )
    candidates = []
    for index, price in enumerate(breaks):
        upper = breaks[index + 1].min_quantity if index + 1 < len(breaks) else None
        candidate = _candidate(
            price, upper, floor=floor, setup=setup, rate=rate, volume=volume
        )
        if candidate is not None:
            candidates.append(candidate)
    # The last price has no upper bound, so it always gives a candidate.
    return cheapest_plan(candidates)


_build_plan = builder(DiscountedOrderQuantity)


def cheapest_plan(candidates: Sequence[DiscountCandidate]) -> DiscountedOrderQuantity:
    """The plan whose candidate costs least, chosen on the exact costs.

    Each candidate's costs are then shown to 12 significant digits
    (:func:`shown`): rounding never decides between two near-equal lots.
    """
    index = min(
        range(len(candidates)),
        key=lambda i: (candidates[i].total_cost.amount, candidates[i].quantity),
    )
    rounded = tuple(_shown_candidate(candidate) for candidate in candidates)
    return _build_plan(rounded[index], rounded, ceil_units(candidates[index].quantity))


def _shown_candidate(candidate: DiscountCandidate) -> DiscountCandidate:
    return _build_candidate(
        candidate.price_break,
        candidate.quantity,
        candidate.rule,
        shown(candidate.purchase_cost),
        shown(candidate.ordering_cost),
        shown(candidate.holding_cost),
    )


def _candidate(
    price: PriceBreak,
    upper: int | None,
    *,
    floor: int,
    setup: Money,
    rate: Decimal,
    volume: Decimal,
) -> DiscountCandidate | None:
    lower = max(price.min_quantity, floor)
    if upper is not None and lower >= upper:
        return None  # the MOQ skips this price range entirely
    holding = price.unit_cost * rate
    optimum = sqrt(ratio(EXACT.multiply(_TWO * setup.amount, volume), holding.amount))
    if upper is not None and optimum >= upper:
        return None  # the next, cheaper range does better
    quantity, rule = optimum, OrderQuantityRule.EOQ
    if optimum < lower:
        quantity = Decimal(lower)
        rule = (
            OrderQuantityRule.MINIMUM_ORDER
            if floor > price.min_quantity
            else OrderQuantityRule.PRICE_BREAK
        )
    return _build_candidate(
        price,
        quantity,
        rule,
        _priced(price.unit_cost, volume, "purchase_cost"),
        _priced(setup, ratio(volume, quantity), "ordering_cost"),
        _priced(holding, ratio(quantity, _TWO), "holding_cost"),
    )


class DiscountInputs(NamedTuple):
    """A quantity-discount problem's inputs, checked (both discount searches)."""

    setup: Money
    rate: Decimal
    breaks: tuple[PriceBreak, ...]
    floor: int
    volume: Decimal


def discount_inputs(
    demand: Demand,
    *,
    order_cost: Money,
    holding_rate: DecimalInput,
    holding_period: QuantityInput,
    price_breaks: Iterable[PriceBreak],
    minimum_order: int,
    free_orders: str,
) -> DiscountInputs:
    """Check a discount search's arguments by name; ``free_orders`` says why 0 fails."""
    checked = expect(demand, Demand, "demand")
    setup = money_arg(order_cost, "order_cost")
    if setup.is_zero():
        raise InvalidInputError(
            free_orders,
            field="order_cost",
            value=setup,
            expected="a cost per order > 0",
        )
    rate = positive_arg(holding_rate, "holding_rate")
    period = days(holding_period, "holding_period", positive=True)
    breaks = _breaks(price_breaks)
    _same_currency(setup, breaks[0].unit_cost, "price_breaks")
    floor = _minimum(minimum_order)
    volume = _demand_over(checked, period)
    if not volume:
        raise InvalidInputError(
            "without demand the cheapest order is none at all",
            field="demand",
            value=checked.mean,
            expected="a mean demand > 0",
        )
    return DiscountInputs(setup, rate, breaks, floor, volume)


_build_candidate = builder(DiscountCandidate)


# Shared with the incremental-discount search (xborder.inventory._lot_sizing).
build_candidate = _build_candidate
demand_over = _demand_over
