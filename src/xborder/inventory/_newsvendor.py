"""The newsvendor: how much to buy once for a season (a Q4 peak, Prime Day)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from xborder._exact import EXACT
from xborder._validate import DecimalInput, named_errors, to_decimal
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.inventory._distributions import (
    EmpiricalDemand,
    NormalDemand,
    PoissonDemand,
)
from xborder.inventory._numeric import ceil_units, ratio
from xborder.money import Money
from xborder.money._money import _make, non_negative_money, optional_money

__all__ = [
    "Newsvendor",
    "NewsvendorCosts",
    "NewsvendorOutcome",
    "newsvendor",
    "newsvendor_outcome",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_DISTRIBUTIONS = (NormalDemand, PoissonDemand, EmpiricalDemand)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class NewsvendorCosts:
    r"""What one unit too many and one unit too few cost.

    The critical ratio $C_u / (C_u + C_o)$ is the in-stock probability that
    balances them (Snyder & Shen, §4.3; Porteus 2002; Cachon & Terwiesch,
    ch. 12). Build it from prices with :meth:`from_prices`, or give the two
    costs directly (a holding cost $h$ and a stockout cost $p$).

    Args:
        overage: $C_o$, the loss on a unit left over (>= 0).
        underage: $C_u$, the loss on a unit short (>= 0); ``overage +
            underage`` must be > 0.

    >>> from xborder.money import Money
    >>> usd = lambda amount: Money(amount, "USD")
    >>> NewsvendorCosts(overage=usd("0.18"), underage=usd("0.70")).critical_ratio
    Decimal('0.7954545454545454545454545454545455')
    """

    overage: Money = attrs.field(converter=non_negative_money)
    underage: Money = attrs.field(converter=non_negative_money)
    price: Money | None = attrs.field(default=None, converter=optional_money)
    unit_cost: Money | None = attrs.field(default=None, converter=optional_money)
    salvage_value: Money | None = attrs.field(default=None, converter=optional_money)
    leftover_cost: Money | None = attrs.field(default=None, converter=optional_money)
    shortage_cost: Money | None = attrs.field(default=None, converter=optional_money)
    critical_ratio: Decimal = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        for name in (
            "underage",
            "price",
            "unit_cost",
            "salvage_value",
            "leftover_cost",
            "shortage_cost",
        ):
            other = getattr(self, name)
            if other is not None and other.currency != self.overage.currency:
                raise CurrencyMismatchError(
                    field=name,
                    value=other,
                    expected=f"an amount in {self.overage.currency.code}",
                )
        total = EXACT.add(self.overage.amount, self.underage.amount)
        if not total:
            raise InvalidInputError(
                "with nothing to lose either way, any quantity is optimal",
                field="underage",
                value=self.underage,
                expected="overage + underage > 0",
            )
        object.__setattr__(self, "critical_ratio", ratio(self.underage.amount, total))

    @classmethod
    def from_prices(
        cls,
        *,
        price: Money,
        unit_cost: Money,
        salvage_value: Money,
        leftover_cost: Money | None = None,
        shortage_cost: Money | None = None,
    ) -> NewsvendorCosts:
        r"""Costs of a seasonal buy from its prices.

        $C_u = \text{price} - \text{cost} + \text{shortage cost}$ and
        $C_o = \text{cost} - \text{salvage} + \text{leftover cost}$.

        Args:
            price: What a unit sells for.
            unit_cost: What a unit costs landed.
            salvage_value: What an unsold unit fetches after the season
                (liquidation, outlet, return to supplier), >= 0.
            leftover_cost: Extra cost of each unsold unit: storage through the
                off-season, aged-inventory surcharges, removal or disposal fees.
            shortage_cost: Extra cost of each unit short beyond the lost
                margin: lost ranking, goodwill.

        Raises:
            InvalidInputError: The price is below the unit cost, or the
                salvage value above it.

        >>> from xborder.money import Money
        >>> costs = NewsvendorCosts.from_prices(
        ...     price=Money(1, "USD"), unit_cost=Money("0.3", "USD"),
        ...     salvage_value=Money("0.12", "USD"))
        >>> str(costs.underage), str(costs.overage)
        ('0.7 USD', '0.18 USD')
        """
        for name, value in (
            ("price", price),
            ("unit_cost", unit_cost),
            ("salvage_value", salvage_value),
        ):
            if not isinstance(value, Money):
                raise InvalidTypeError(field=name, value=value, expected="Money")
        for name, value in (("unit_cost", unit_cost), ("salvage_value", salvage_value)):
            if value.currency != price.currency:
                raise CurrencyMismatchError(
                    field=name,
                    value=value,
                    expected=f"an amount in {price.currency.code}",
                )
        if price < unit_cost:
            raise InvalidInputError(
                "a unit that sells at a loss should not be stocked",
                field="price",
                value=price,
                expected=f"at least the unit cost {unit_cost}",
            )
        if salvage_value > unit_cost:
            raise InvalidInputError(
                "salvage above cost would make overstock profitable",
                field="salvage_value",
                value=salvage_value,
                expected=f"at most the unit cost {unit_cost}",
            )
        underage = price - unit_cost
        overage = unit_cost - salvage_value
        if shortage_cost is not None:
            underage = underage + non_negative_money(shortage_cost)
        if leftover_cost is not None:
            overage = overage + non_negative_money(leftover_cost)
        return cls(
            overage=overage,
            underage=underage,
            price=price,
            unit_cost=unit_cost,
            salvage_value=salvage_value,
            leftover_cost=leftover_cost,
            shortage_cost=shortage_cost,
        )


@attrs.frozen(kw_only=True)
class NewsvendorOutcome:
    r"""What buying ``quantity`` for the season is expected to give.

    With $n(Q) = E[(D - Q)^+]$ the expected lost sales: expected sales
    $\mu - n(Q)$, expected leftover $Q - \mu + n(Q)$, fill rate
    $1 - n(Q)/\mu$, and expected cost $C_o \cdot \text{leftover} + C_u \cdot
    \text{lost}$ (Snyder & Shen, §4.3; Cachon & Terwiesch, ch. 12).

    Attributes:
        quantity: The quantity evaluated.
        in_stock_probability: $P(D \le Q)$.
        expected_sales: Units expected to sell.
        expected_leftover: Units expected to be left after the season.
        expected_lost_sales: Demand expected to go unmet.
        fill_rate: Expected sales over expected demand (``None`` without demand).
        expected_cost: Expected overage plus underage cost.
        expected_profit: Revenue + salvage − purchase − extra costs, when the
            costs were built from prices (else ``None``).
    """

    quantity: Decimal
    in_stock_probability: Decimal
    expected_sales: Decimal
    expected_leftover: Decimal
    expected_lost_sales: Decimal
    fill_rate: Decimal | None
    expected_cost: Money
    expected_profit: Money | None


@attrs.frozen(kw_only=True)
class Newsvendor:
    """The newsvendor quantity, its critical ratio and its expected outcome.

    Attributes:
        critical_ratio: $C_u/(C_u + C_o)$.
        z: The safety factor, for normal demand (``None`` otherwise).
        quantity: The optimal quantity (continuous for normal demand, whole
            for Poisson and empirical demand), never below 0.
        units: ``quantity`` rounded up to whole units.
        outcome: Expected sales, leftover, lost sales, cost and profit at
            ``quantity``.
    """

    critical_ratio: Decimal
    z: Decimal | None
    quantity: Decimal
    units: int
    outcome: NewsvendorOutcome


def _check(demand: object, costs: object) -> NewsvendorCosts:
    if not isinstance(demand, _DISTRIBUTIONS):
        raise InvalidTypeError(
            field="demand",
            value=demand,
            expected="NormalDemand, PoissonDemand or EmpiricalDemand",
        )
    if not isinstance(costs, NewsvendorCosts):
        raise InvalidTypeError(field="costs", value=costs, expected="NewsvendorCosts")
    return costs


def _outcome(
    demand: NormalDemand | PoissonDemand | EmpiricalDemand,
    costs: NewsvendorCosts,
    quantity: Decimal,
    in_stock: Decimal | None = None,
) -> NewsvendorOutcome:
    mean = demand.mean
    lost = demand.expected_shortfall(quantity)
    sales = EXACT.subtract(mean, lost)
    leftover = max(EXACT.subtract(quantity, sales), _ZERO)
    currency = costs.overage.currency
    cost = EXACT.add(
        EXACT.multiply(costs.overage.amount, leftover),
        EXACT.multiply(costs.underage.amount, lost),
    )
    return NewsvendorOutcome(
        quantity=quantity,
        in_stock_probability=(
            demand.in_stock_probability(quantity) if in_stock is None else in_stock
        ),
        expected_sales=sales,
        expected_leftover=leftover,
        expected_lost_sales=lost,
        fill_rate=EXACT.subtract(_ONE, ratio(lost, mean)) if mean else None,
        expected_cost=_make(cost, currency),
        expected_profit=_profit(costs, quantity, sales, leftover, lost),
    )


def _profit(
    costs: NewsvendorCosts,
    quantity: Decimal,
    sales: Decimal,
    leftover: Decimal,
    lost: Decimal,
) -> Money | None:
    if costs.price is None or costs.unit_cost is None or costs.salvage_value is None:
        return None
    amount = EXACT.add(
        EXACT.multiply(costs.price.amount, sales),
        EXACT.multiply(costs.salvage_value.amount, leftover),
    )
    amount = EXACT.subtract(amount, EXACT.multiply(costs.unit_cost.amount, quantity))
    if costs.leftover_cost is not None:
        amount = EXACT.subtract(
            amount, EXACT.multiply(costs.leftover_cost.amount, leftover)
        )
    if costs.shortage_cost is not None:
        amount = EXACT.subtract(
            amount, EXACT.multiply(costs.shortage_cost.amount, lost)
        )
    return _make(amount, costs.price.currency)


def newsvendor(
    demand: NormalDemand | PoissonDemand | EmpiricalDemand, costs: NewsvendorCosts
) -> Newsvendor:
    r"""The quantity to buy once for a season: the critical-ratio quantile of demand.

    $$F(Q^*) = \frac{C_u}{C_u + C_o}$$

    For normal demand $Q^* = \mu + z\sigma$ with $z = \Phi^{-1}(CR)$ (floored
    at 0); for Poisson and empirical demand $Q^*$ is the least whole
    quantity whose cumulative probability reaches the ratio, never a rounded
    continuous answer (Snyder & Shen, Theorem 4.1 and §4.3.3).

    Args:
        demand: Demand over the season.
        costs: Overage and underage costs (or prices).

    Raises:
        InvalidInputError: A critical ratio of 0 or 1 with normal demand
            (an infinite quantile), or of 1 with Poisson demand.

    Example (Snyder & Shen, Examples 4.1–4.3: h = 0.18, p = 0.70, N(50, 8)):

    >>> from xborder.inventory import NewsvendorCosts, NormalDemand, newsvendor
    >>> from xborder.money import Money, RoundingMode
    >>> usd = lambda amount: Money(amount, "USD")
    >>> costs = NewsvendorCosts(overage=usd("0.18"), underage=usd("0.70"))
    >>> result = newsvendor(NormalDemand(mean=50, sd=8), costs)
    >>> result.quantity, result.units, result.z
    (Decimal('56.60395592743'), 57, Decimal('0.825494490929'))
    >>> result.outcome.expected_cost.quantize(RoundingMode.HALF_UP)
    Money('2.00', 'USD')
    """
    checked = _check(demand, costs)
    total = EXACT.add(checked.underage.amount, checked.overage.amount)
    quantity, z = demand.quantile(checked.underage.amount, total)
    in_stock = checked.critical_ratio if z is not None else None
    return Newsvendor(
        critical_ratio=checked.critical_ratio,
        z=z,
        quantity=quantity,
        units=ceil_units(quantity),
        outcome=_outcome(demand, checked, quantity, in_stock),
    )


def newsvendor_outcome(
    demand: NormalDemand | PoissonDemand | EmpiricalDemand,
    costs: NewsvendorCosts,
    *,
    quantity: DecimalInput,
) -> NewsvendorOutcome:
    """The expected outcome of buying ``quantity`` (any quantity, not just the optimum).

    Example (Snyder & Shen, Example 4.1: the cost of stocking 60 against N(50, 8)):

    >>> from xborder.inventory import NewsvendorCosts, NormalDemand, newsvendor_outcome
    >>> from xborder.money import Money, RoundingMode
    >>> usd = lambda amount: Money(amount, "USD")
    >>> costs = NewsvendorCosts(overage=usd("0.18"), underage=usd("0.70"))
    >>> outcome = newsvendor_outcome(NormalDemand(mean=50, sd=8), costs, quantity=60)
    >>> outcome.expected_cost.quantize(RoundingMode.HALF_UP)
    Money('2.16', 'USD')
    """
    checked = _check(demand, costs)
    amount = to_decimal(quantity, field="quantity")
    if amount < 0:
        raise InvalidInputError(
            field="quantity", value=quantity, expected="a quantity >= 0"
        )
    return _outcome(demand, checked, amount)
