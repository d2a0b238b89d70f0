"""The newsvendor: how much to buy once for a season (a Q4 peak, Prime Day)."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    decimal,
    fraction,
    named_errors,
    non_negative,
    non_negative_count,
    require,
    to_decimal,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
)
from xborder.inventory._args import (
    is_a,
    money_in_range,
    money_result,
    optional_number,
    whole_units,
)
from xborder.inventory._continuous import GammaDemand, LognormalDemand, UniformDemand
from xborder.inventory._costs import NewsvendorCosts
from xborder.inventory._distributions import (
    EmpiricalDemand,
    NormalDemand,
    PoissonDemand,
    in_stock_of,
    poisson_optimum,
    quantile_of,
    shortfall_of,
)
from xborder.inventory._fast import slot_setters
from xborder.inventory._numeric import (
    SIGNIFICANT_DIGITS,
    STATISTICAL,
    ceil_units,
    from_float,
    loss,
    normal_quantile,
    ratio,
)
from xborder.money import Currency, Money
from xborder.money.converters import non_negative_money

__all__ = [
    "Newsvendor",
    "NewsvendorOutcome",
    "newsvendor",
    "newsvendor_outcome",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_DISTRIBUTIONS = (
    NormalDemand,
    PoissonDemand,
    EmpiricalDemand,
    LognormalDemand,
    GammaDemand,
    UniformDemand,
)
SeasonDistribution = (
    NormalDemand
    | PoissonDemand
    | EmpiricalDemand
    | LognormalDemand
    | GammaDemand
    | UniformDemand
)


def _cost(value: Money) -> Money:
    return money_in_range(non_negative_money(value), value, None)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class NewsvendorOutcome:
    r"""What buying ``quantity`` for the season is expected to give.

    With $n(Q) = E[(D - Q)^+]$ the expected lost sales: expected sales
    $\mu - n(Q)$, expected leftover $Q - \mu + n(Q)$, fill rate
    $1 - n(Q)/\mu$, and expected cost $C_o \cdot \text{leftover} + C_u \cdot
    \text{lost}$ (Snyder & Shen, §4.3; Cachon & Terwiesch, ch. 12).

    Attributes:
        quantity: The quantity evaluated.
        in_stock_probability: $P(D \le Q)$.
        expected_demand: $\mu$, the season's expected demand.
        expected_sales: Units expected to sell.
        expected_leftover: Units expected to be left after the season.
        expected_lost_sales: Demand expected to go unmet.
        expected_cost: Expected overage plus underage cost.
        costs: The costs the outcome was priced with.

    Built by hand, sales plus lost sales must be the expected demand, and
    the cost in the costs' currency.

    Examples:
        >>> from xborder.inventory import (NewsvendorCosts, NormalDemand,
        ...     newsvendor_outcome)
        >>> from xborder.money import Money
        >>> costs = NewsvendorCosts(overage=Money(4, "USD"), underage=Money(12, "USD"))
        >>> outcome = newsvendor_outcome(NormalDemand(mean=1000, sd=200), costs,
        ...     quantity=1000)
        >>> sold_or_lost = outcome.expected_sales + outcome.expected_lost_sales
        >>> sold_or_lost == outcome.expected_demand
        True
        >>> outcome.in_stock_probability, str(outcome.expected_cost)
        (Decimal('0.5'), '1276.6152972848 USD')
    """

    quantity: Decimal = attrs.field(converter=non_negative)
    in_stock_probability: Decimal = attrs.field(converter=fraction)
    expected_demand: Decimal = attrs.field(converter=non_negative)
    expected_sales: Decimal = attrs.field(converter=decimal)
    expected_leftover: Decimal = attrs.field(converter=non_negative)
    expected_lost_sales: Decimal = attrs.field(converter=non_negative)
    expected_cost: Money = attrs.field(converter=_cost)
    costs: NewsvendorCosts = attrs.field(validator=is_a(NewsvendorCosts))

    def __attrs_post_init__(self) -> None:
        require(
            EXACT.add(self.expected_sales, self.expected_lost_sales)
            == self.expected_demand,
            field="expected_sales",
            value=self.expected_sales,
            expected="expected_demand − expected_lost_sales",
        )
        currency = self.costs.overage.currency
        if self.expected_cost.currency != currency:
            raise CurrencyMismatchError(
                field="expected_cost",
                value=self.expected_cost,
                expected=f"an amount in {currency.code}",
            )

    @property
    def fill_rate(self) -> Decimal | None:
        """Expected sales over expected demand (``None`` without demand)."""
        if not self.expected_demand:
            return None
        return EXACT.subtract(
            _ONE, ratio(self.expected_lost_sales, self.expected_demand)
        )

    @property
    def expected_profit(self) -> Money | None:
        r"""Revenue + salvage − purchase − extra costs (``None`` without prices).

        $p \cdot \text{sales} + v \cdot \text{leftover} - cQ
        - \text{leftover cost} \cdot \text{leftover}
        - \text{shortage cost} \cdot \text{lost}$.
        """
        return _profit(
            self.costs,
            self.quantity,
            self.expected_sales,
            self.expected_leftover,
            self.expected_lost_sales,
        )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
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

    Built by hand, ``units`` must be ``quantity`` rounded up and the outcome
    the one at ``quantity``.

    Examples:
        >>> from xborder.inventory import NewsvendorCosts, NormalDemand, newsvendor
        >>> from xborder.money import Money
        >>> costs = NewsvendorCosts(overage=Money(4, "USD"), underage=Money(12, "USD"))
        >>> result = newsvendor(NormalDemand(mean=1000, sd=200), costs)
        >>> result.critical_ratio, result.z, result.units
        (Decimal('0.75'), Decimal('0.674489750196'), 1135)
    """

    critical_ratio: Decimal = attrs.field(converter=fraction)
    z: Decimal | None = attrs.field(converter=optional_number)
    quantity: Decimal = attrs.field(converter=non_negative)
    units: int = attrs.field(converter=non_negative_count)
    outcome: NewsvendorOutcome = attrs.field(validator=is_a(NewsvendorOutcome))

    def __attrs_post_init__(self) -> None:
        whole_units(self.quantity, self.units, "units")
        require(
            self.outcome.quantity == self.quantity,
            field="outcome",
            value=self.outcome,
            expected=f"the outcome of stocking {self.quantity}",
        )


_new = object.__new__
(
    _set_quantity,
    _set_in_stock,
    _set_demand,
    _set_sales,
    _set_leftover,
    _set_lost,
    _set_cost,
    _set_costs,
) = slot_setters(NewsvendorOutcome)
_set_ratio, _set_z, _set_optimum, _set_units, _set_outcome = slot_setters(Newsvendor)


def _make_outcome(  # noqa: PLR0917 - the fields of NewsvendorOutcome, in order
    quantity: Decimal,
    in_stock: Decimal,
    mean: Decimal,
    sales: Decimal,
    leftover: Decimal,
    lost: Decimal,
    cost: Money,
    costs: NewsvendorCosts,
) -> NewsvendorOutcome:
    outcome = _new(NewsvendorOutcome)
    _set_quantity(outcome, quantity)
    _set_in_stock(outcome, in_stock)
    _set_demand(outcome, mean)
    _set_sales(outcome, sales)
    _set_leftover(outcome, leftover)
    _set_lost(outcome, lost)
    _set_cost(outcome, cost)
    _set_costs(outcome, costs)
    return outcome


def _make_result(
    critical: Decimal,
    z: Decimal | None,
    quantity: Decimal,
    units: int,
    outcome: NewsvendorOutcome,
) -> Newsvendor:
    result = _new(Newsvendor)
    _set_ratio(result, critical)
    _set_z(result, z)
    _set_optimum(result, quantity)
    _set_units(result, units)
    _set_outcome(result, outcome)
    return result


def _check(demand: object, costs: object) -> NewsvendorCosts:
    if not isinstance(demand, _DISTRIBUTIONS):
        raise InvalidTypeError(
            field="demand",
            value=demand,
            expected=" or ".join(kind.__name__ for kind in _DISTRIBUTIONS),
        )
    if not isinstance(costs, NewsvendorCosts):
        raise InvalidTypeError(field="costs", value=costs, expected="NewsvendorCosts")
    return costs


_FINEST_UNITS_EXPONENT = -30
_FINEST_UNITS = Decimal(1).scaleb(_FINEST_UNITS_EXPONENT)
_TWELVE_DIGITS_SAFE = _FINEST_UNITS_EXPONENT + SIGNIFICANT_DIGITS - 1


def _outcome(
    mean: Decimal,
    costs: NewsvendorCosts,
    quantity: Decimal,
    lost: Decimal,
    in_stock: Decimal,
    *,
    twelve_digits: bool = False,
) -> NewsvendorOutcome:
    # An expected shortfall summed from exact probabilities can carry a
    # hundred digits, down to a tail's 1E-90 of a unit; past 1E-30 of a unit
    # they are noise, and a cost priced from them could reach below 1E-100,
    # which no Money holds. A shorter number is left as it is. A shortfall
    # of at most 12 digits (from_float's) from 1E-19 up ends at or above
    # 1E-30: adjusted() tells so at a tenth of the cost of as_tuple().
    if (
        not twelve_digits or lost.adjusted() < _TWELVE_DIGITS_SAFE
    ) and lost.as_tuple().exponent < _FINEST_UNITS_EXPONENT:  # type: ignore[operator]
        lost = lost.quantize(_FINEST_UNITS, rounding=ROUND_HALF_EVEN, context=EXACT)
    sales = EXACT.subtract(mean, lost)
    leftover = max(EXACT.subtract(quantity, sales), _ZERO)
    cost = EXACT.add(
        EXACT.multiply(costs.overage.amount, leftover),
        EXACT.multiply(costs.underage.amount, lost),
    )
    return _make_outcome(
        quantity,
        in_stock,
        mean,
        sales,
        leftover,
        lost,
        _money(cost, costs.overage.currency, "expected_cost"),
        costs,
    )


def _money(amount: Decimal, currency: Currency, field: str) -> Money:
    # Within range inputs can price beyond it (1E+35 units at 1E+35 each):
    # the Money refuses the amount, and the error says which result it was.
    return money_result(amount, currency, field)


def _evaluate(
    demand: SeasonDistribution,
    costs: NewsvendorCosts,
    quantity: Decimal,
) -> NewsvendorOutcome:
    lost = shortfall_of(demand, quantity)
    in_stock = in_stock_of(demand, quantity)
    return _outcome(demand.mean, costs, quantity, lost, in_stock)


@functools.lru_cache(maxsize=1024)
def _standard_terms(probability: float) -> tuple[Decimal, float]:
    """``z = Φ⁻¹(probability)`` to 12 digits, and ``L(z)`` of the unrounded ``z``.

    A function of the critical ratio alone, which many SKUs and seasons
    share: the quantile, its conversion to Decimal and the loss function
    cost ~1 µs of a normal newsvendor (bench_inventory's stockpyl cases).
    """
    score = normal_quantile(probability)
    return from_float(score), loss(score)


def _normal(demand: NormalDemand, costs: NewsvendorCosts) -> Newsvendor | None:
    """The normal newsvendor from its z alone (the common, hot case), if Q* >= 0."""
    probability = costs.critical_ratio
    if not 0 < costs.critical_ratio_float < 1:
        return None  # the general path raises the clear error
    z, standard_loss = _standard_terms(costs.critical_ratio_float)
    quantity = EXACT.add(demand.mean, STATISTICAL.multiply(z, demand.sd))
    if quantity < 0:
        return None
    lost = from_float(demand.sd_float * standard_loss)
    outcome = _outcome(
        demand.mean, costs, quantity, lost, probability, twelve_digits=True
    )
    return _make_result(probability, z, quantity, ceil_units(quantity), outcome)


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
    return _money(amount, costs.price.currency, "expected_profit")


def newsvendor(demand: SeasonDistribution, costs: NewsvendorCosts) -> Newsvendor:
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

    Examples:
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
    if type(demand) is NormalDemand and demand.sd:
        fast = _normal(demand, checked)
        if fast is not None:
            return fast
    total = EXACT.add(checked.underage.amount, checked.overage.amount)
    # Exactly a PoissonDemand: a subclass may override the methods it combines.
    poisson = isinstance(demand, PoissonDemand) and type(demand) is PoissonDemand
    if poisson and isinstance(demand, PoissonDemand):  # the second narrows the type
        quantity, in_stock, lost = poisson_optimum(
            demand, checked.underage.amount, total
        )
        z = None
    else:
        quantity, z = quantile_of(demand, checked.underage.amount, total)
        in_stock = in_stock_of(demand, quantity)
        lost = shortfall_of(demand, quantity)
    outcome = _outcome(
        demand.mean, checked, quantity, lost, in_stock, twelve_digits=poisson
    )
    return _make_result(
        checked.critical_ratio, z, quantity, ceil_units(quantity), outcome
    )


def newsvendor_outcome(
    demand: SeasonDistribution,
    costs: NewsvendorCosts,
    *,
    quantity: DecimalInput,
) -> NewsvendorOutcome:
    """The expected outcome of buying ``quantity`` (any quantity, not just the optimum).

    Example (Snyder & Shen, Example 4.1: the cost of stocking 60 against N(50, 8)):

    Examples:
        >>> from xborder.inventory import (NewsvendorCosts, NormalDemand,
        ...     newsvendor_outcome)
        >>> from xborder.money import Money, RoundingMode
        >>> usd = lambda amount: Money(amount, "USD")
        >>> costs = NewsvendorCosts(overage=usd("0.18"), underage=usd("0.70"))
        >>> outcome = newsvendor_outcome(NormalDemand(mean=50, sd=8), costs,
        ...     quantity=60)
        >>> outcome.expected_cost.quantize(RoundingMode.HALF_UP)
        Money('2.16', 'USD')
    """
    checked = _check(demand, costs)
    amount = to_decimal(quantity, field="quantity")
    if amount < 0:
        raise InvalidInputError(
            field="quantity", value=quantity, expected="a quantity >= 0"
        )
    return _evaluate(demand, checked, amount)
