"""The newsvendor for a seasonal peak: normal, Poisson and empirical demand."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.inventory import (
    Demand,
    EmpiricalDemand,
    NewsvendorCosts,
    NormalDemand,
    PoissonDemand,
    newsvendor,
    newsvendor_outcome,
)
from xborder.money import Money
from xborder.testing import strategies as xst


def usd(amount: str | int | Decimal) -> Money:
    return Money(amount, "USD")


def costs(over: str | int, under: str | int) -> NewsvendorCosts:
    return NewsvendorCosts(overage=usd(over), underage=usd(under))


def test_a_q4_peak_buy_from_prices_and_fees() -> None:
    # A phone holder sells at $19.99 and lands at $6.20; leftovers are
    # liquidated at $2.00 after paying $0.90 each in storage and removal fees;
    # a stockout costs ranking worth $1.50 a unit beyond the lost margin.
    season = Demand(mean=600, sd=150, period="1 week").over("8 weeks")
    assert season.mean == 4800
    assert season.sd == Decimal("424.264068712")
    peak = NewsvendorCosts.from_prices(
        price=usd("19.99"),
        unit_cost=usd("6.20"),
        salvage_value=usd("2.00"),
        leftover_cost=usd("0.90"),
        shortage_cost=usd("1.50"),
    )
    assert peak.underage == usd("15.29")
    assert peak.overage == usd("5.10")
    result = newsvendor(season, peak)
    with localcontext(prec=34):
        assert result.critical_ratio == Decimal("15.29") / Decimal("20.39")
    assert result.z is not None
    assert result.quantity > season.mean
    outcome = result.outcome
    assert outcome.expected_sales + outcome.expected_lost_sales == season.mean
    assert outcome.expected_leftover == result.quantity - outcome.expected_sales
    assert outcome.expected_profit is not None
    revenue = Decimal("19.99") * outcome.expected_sales
    salvage = Decimal("2.00") * outcome.expected_leftover
    purchase = Decimal("6.20") * result.quantity
    fees = Decimal("0.90") * outcome.expected_leftover
    ranking = Decimal("1.50") * outcome.expected_lost_sales
    assert (
        outcome.expected_profit.amount == revenue + salvage - purchase - fees - ranking
    )


def test_direct_costs_give_no_profit() -> None:
    result = newsvendor(NormalDemand(mean=100, sd=20), costs(1, 3))
    assert result.outcome.expected_profit is None
    assert result.critical_ratio == Decimal("0.75")


def test_deterministic_demand_buys_the_mean() -> None:
    result = newsvendor(NormalDemand(mean=100, sd=0), costs(1, 3))
    assert result.quantity == 100
    assert result.z is None
    assert result.outcome.expected_cost.is_zero()
    assert result.outcome.fill_rate == 1


def test_a_tiny_ratio_never_buys_below_zero() -> None:
    result = newsvendor(NormalDemand(mean=2, sd=10), costs(99, 1))
    assert result.quantity == 0
    assert result.units == 0


def test_no_demand_has_no_fill_rate() -> None:
    result = newsvendor(PoissonDemand(mean=0), costs(1, 1))
    assert result.quantity == 0
    assert result.outcome.fill_rate is None


@pytest.mark.parametrize(
    ("over", "under"),
    [(0, 5), (5, 0)],
)
def test_ratios_of_zero_or_one_are_refused_for_normal_demand(
    over: int, under: int
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        newsvendor(NormalDemand(mean=100, sd=20), costs(over, under))
    assert caught.value.field == "critical_ratio"


def test_ratios_of_zero_or_one_are_defined_for_discrete_demand() -> None:
    history = EmpiricalDemand(weights={3: 1, 7: 2, 9: 0, 12: 1})
    assert newsvendor(history, costs(5, 0)).quantity == 3
    assert newsvendor(history, costs(0, 5)).quantity == 12
    assert newsvendor(PoissonDemand(mean=4), costs(5, 0)).quantity == 0
    with pytest.raises(InvalidInputError) as caught:
        newsvendor(PoissonDemand(mean=4), costs(0, 5))
    assert caught.value.field == "critical_ratio"


def test_outcome_at_any_quantity() -> None:
    demand = PoissonDemand(mean="2.5")
    whole = newsvendor_outcome(demand, costs(1, 3), quantity=2)
    part = newsvendor_outcome(demand, costs(1, 3), quantity="2.5")
    # The loss is linear between whole numbers: n(2.5) = n(2) − 0.5·(1 − F(2)).
    gap = Decimal("0.5") * (1 - whole.in_stock_probability)
    assert abs(part.expected_lost_sales - (whole.expected_lost_sales - gap)) < Decimal(
        "1e-11"
    )
    negative = newsvendor_outcome(demand, costs(1, 3), quantity=0)
    assert negative.expected_lost_sales == Decimal("2.5")


@pytest.mark.parametrize(
    ("make", "field", "error"),
    [
        (lambda: costs(0, 0), "underage", InvalidInputError),
        (lambda: costs(-1, 2), "overage", InvalidInputError),
        (
            lambda: NewsvendorCosts(overage=usd(1), underage=Money(2, "EUR")),
            "underage",
            CurrencyMismatchError,
        ),
        (
            lambda: NewsvendorCosts.from_prices(
                price=usd(5), unit_cost=usd(6), salvage_value=usd(1)
            ),
            "price",
            InvalidInputError,
        ),
        (
            lambda: NewsvendorCosts.from_prices(
                price=usd(9), unit_cost=usd(6), salvage_value=usd(7)
            ),
            "salvage_value",
            InvalidInputError,
        ),
        (
            lambda: NewsvendorCosts.from_prices(
                price="9",  # type: ignore[arg-type]
                unit_cost=usd(6),
                salvage_value=usd(1),
            ),
            "price",
            InvalidTypeError,
        ),
        (
            lambda: NewsvendorCosts.from_prices(
                price=usd(9), unit_cost=usd(6), salvage_value=Money(1, "EUR")
            ),
            "salvage_value",
            CurrencyMismatchError,
        ),
        (
            lambda: newsvendor(
                Demand(mean=5, period="1 day"),  # type: ignore[arg-type]
                costs(1, 2),
            ),
            "demand",
            InvalidTypeError,
        ),
        (
            lambda: newsvendor(NormalDemand(mean=5, sd=1), "0.8"),  # type: ignore[arg-type]
            "costs",
            InvalidTypeError,
        ),
        (
            lambda: newsvendor_outcome(
                NormalDemand(mean=5, sd=1), costs(1, 2), quantity=-1
            ),
            "quantity",
            InvalidInputError,
        ),
    ],
)
def test_bad_newsvendor_inputs_name_their_field(
    make: object, field: str, error: type[XborderError]
) -> None:
    with pytest.raises(error) as caught:
        make()  # type: ignore[operator]
    assert caught.value.field == field


ratios = st.tuples(st.integers(1, 1000), st.integers(1, 1000), st.integers(1, 1000))


@given(xst.normal_demands(), ratios)
def test_normal_quantity_rises_with_the_critical_ratio(
    demand: NormalDemand, parts: tuple[int, int, int]
) -> None:
    over, under, extra = parts
    low = newsvendor(demand, costs(over + extra, under))
    high = newsvendor(demand, costs(over, under + extra))
    assert low.critical_ratio < high.critical_ratio
    assert low.quantity <= high.quantity


@given(xst.poisson_demands(max_mean=300), ratios)
def test_poisson_quantity_rises_with_the_ratio_and_brackets_it(
    demand: PoissonDemand, parts: tuple[int, int, int]
) -> None:
    over, under, extra = parts
    low = newsvendor(demand, costs(over + extra, under))
    high = newsvendor(demand, costs(over, under + extra))
    assert low.quantity <= high.quantity
    for result in (low, high):
        in_stock = result.outcome.in_stock_probability
        assert in_stock >= result.critical_ratio - Decimal("1e-11")
        if result.quantity:
            below = demand.in_stock_probability(result.quantity - 1)
            assert below < result.critical_ratio + Decimal("1e-11")


@given(xst.empirical_demands(), ratios)
def test_empirical_quantity_is_the_exact_quantile(
    demand: EmpiricalDemand, parts: tuple[int, int, int]
) -> None:
    # In exact fractions: F(Q) >= CR and F(any smaller outcome) < CR.
    over, under, extra = parts
    total = sum(Fraction(w) for _, w in demand.weights)

    def share(limit: Decimal) -> Fraction:
        return sum((Fraction(w) for u, w in demand.weights if u <= limit), Fraction(0))

    for o, u in ((over + extra, under), (over, under + extra)):
        result = newsvendor(demand, costs(o, u))
        ratio = Fraction(u, o + u)
        assert share(result.quantity) / total >= ratio
        smaller = [x for x, w in demand.weights if w and x < result.quantity]
        if smaller:
            assert share(Decimal(max(smaller))) / total < ratio
    low = newsvendor(demand, costs(over + extra, under))
    high = newsvendor(demand, costs(over, under + extra))
    assert low.quantity <= high.quantity


@given(
    xst.normal_demands(max_mean=10_000),
    ratios,
    st.decimals(min_value=Decimal("0.5"), max_value=2, places=2),
)
def test_the_normal_optimum_costs_no_more_than_other_quantities(
    demand: NormalDemand, parts: tuple[int, int, int], stretch: Decimal
) -> None:
    over, under, _ = parts
    price = costs(over, under)
    best = newsvendor(demand, price)
    other = newsvendor_outcome(demand, price, quantity=best.quantity * stretch)
    slack = Decimal("1e-9") * (1 + best.outcome.expected_cost.amount)
    assert best.outcome.expected_cost.amount <= other.expected_cost.amount + slack


@given(xst.newsvendor_costs())
def test_costs_built_any_way_have_a_ratio_between_zero_and_one(
    price: NewsvendorCosts,
) -> None:
    assert 0 <= price.critical_ratio <= 1
