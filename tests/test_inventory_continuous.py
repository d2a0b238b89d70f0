"""Lognormal, gamma, uniform and CDF-given season demand; the complementary loss."""

from __future__ import annotations

import decimal
import math
from decimal import Decimal, getcontext, setcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.inventory import (
    GammaDemand,
    LognormalDemand,
    NewsvendorCosts,
    NormalDemand,
    UniformDemand,
    complementary_loss,
    newsvendor,
    newsvendor_from_cdf,
    newsvendor_outcome,
    newsvendor_outcome_from_cdf,
    normal_complementary_loss,
    normal_loss,
)
from xborder.money import Money


def usd(amount: Decimal | int | str) -> Money:
    return Money(amount, "USD")


COSTS = NewsvendorCosts(overage=usd(1), underage=usd(3))


def exponential_cdf(q: Decimal) -> Decimal:
    return 1 - (-q / 100).exp() if q > 0 else Decimal(0)


def exponential_quantile(u: Decimal) -> Decimal:
    return -100 * (1 - u).ln()


# -- golden cases ----------------------------------------------------------------------


def test_lognormal_newsvendor_snyder_shen() -> None:
    # Snyder & Shen's lognormal newsvendor (stockpyl's documented example):
    # ln D ~ N(6, 0.3²), h = 1, p = 0.1765: S* = 295.627, cost 29.443.
    result = newsvendor(
        LognormalDemand(mu=6, sigma="0.3"),
        NewsvendorCosts(overage=usd(1), underage=usd("0.1765")),
    )
    assert round(result.quantity, 3) == Decimal("295.627")
    assert round(result.outcome.expected_cost.amount, 3) == Decimal("29.443")


def test_uniform_newsvendor_is_exact() -> None:
    # U[200, 600] with Cu/(Cu + Co) = 3/4: Q* = 500, lost sales 100²/800.
    result = newsvendor(UniformDemand(low=200, high=600), COSTS)
    assert result.quantity == 500
    assert result.outcome.expected_lost_sales == Decimal("12.5")
    assert result.outcome.expected_leftover == Decimal("112.5")


def test_exponential_by_its_functions_is_gamma_of_shape_one() -> None:
    by_functions = newsvendor_from_cdf(
        COSTS, cdf=exponential_cdf, quantile=exponential_quantile
    )
    by_model = newsvendor(GammaDemand(shape=1, scale=100), COSTS)
    assert math.isclose(by_functions.quantity, by_model.quantity, rel_tol=1e-11)
    assert math.isclose(
        by_functions.outcome.expected_lost_sales,
        by_model.outcome.expected_lost_sales,
        rel_tol=1e-10,
    )
    # Exponential: Q* = 100 ln 4 and n(Q*) = 100 e^{−Q*/100} = 25.
    assert round(by_functions.outcome.expected_lost_sales, 9) == 25
    outcome = newsvendor_outcome_from_cdf(
        COSTS, cdf=exponential_cdf, quantile=exponential_quantile, quantity=100
    )
    assert round(outcome.expected_lost_sales, 9) == round(100 * Decimal(-1).exp(), 9)


# -- laws ------------------------------------------------------------------------------

means = st.decimals(Decimal(1), Decimal(10_000), places=2)
spreads = st.decimals(Decimal("0.05"), Decimal(2), places=2)
shares = st.decimals(Decimal("0.01"), Decimal("0.99"), places=3)

seasons = st.one_of(
    st.builds(
        lambda m, cv: LognormalDemand.from_moments(mean=m, sd=m * cv), means, spreads
    ),
    st.builds(
        lambda m, cv: GammaDemand.from_moments(mean=m, sd=m * cv), means, spreads
    ),
    st.builds(lambda a, w: UniformDemand(low=a, high=a + w), means, means),
)


@settings(max_examples=150)
@given(demand=seasons, share=shares)
def test_the_quantile_inverts_the_cdf(
    demand: LognormalDemand | GammaDemand | UniformDemand, share: Decimal
) -> None:
    level, z = demand.quantile(share)
    assert z is None
    assert math.isclose(demand.in_stock_probability(level), share, rel_tol=1e-9)


@settings(max_examples=150)
@given(demand=seasons, first=shares, second=shares)
def test_the_loss_falls_and_its_complement_rises(
    demand: LognormalDemand | GammaDemand | UniformDemand,
    first: Decimal,
    second: Decimal,
) -> None:
    low, _ = demand.quantile(min(first, second))
    high, _ = demand.quantile(max(first, second))
    assert demand.expected_shortfall(high) <= demand.expected_shortfall(low)
    assert complementary_loss(demand, high) >= complementary_loss(demand, low)
    # n(Q) − n̄(Q) = μ − Q.
    gap = demand.expected_shortfall(low) - complementary_loss(demand, low)
    assert math.isclose(
        gap, demand.mean - low, rel_tol=1e-9, abs_tol=1e-9 * float(demand.mean)
    )


@settings(max_examples=60)
@given(share=shares, z=st.decimals(Decimal(-6), Decimal(6), places=3))
def test_normal_complementary_loss_is_z_plus_the_loss(
    share: Decimal, z: Decimal
) -> None:
    del share
    assert math.isclose(
        normal_complementary_loss(z), z + normal_loss(z), rel_tol=1e-10, abs_tol=1e-10
    )


@settings(max_examples=60)
@given(mean=means, cv=spreads)
def test_a_normal_through_its_functions_agrees_with_normal_demand(
    mean: Decimal, cv: Decimal
) -> None:
    # The quadrature against the closed form: N(μ, σ) given as functions.
    from statistics import NormalDist  # noqa: PLC0415

    sd = mean * cv / 4  # little mass below 0, which the functions clamp
    law = NormalDist(float(mean), float(sd))
    by_model = newsvendor(NormalDemand(mean=mean, sd=sd), COSTS)
    by_functions = newsvendor_from_cdf(
        COSTS,
        cdf=lambda q: Decimal(repr(law.cdf(float(q)))),
        quantile=lambda u: Decimal(repr(law.inv_cdf(float(u)))),
    )
    assert math.isclose(by_functions.quantity, by_model.quantity, rel_tol=1e-9)
    assert math.isclose(
        by_functions.outcome.expected_lost_sales,
        by_model.outcome.expected_lost_sales,
        rel_tol=1e-8,
    )


# -- the caller's functions ------------------------------------------------------------


def test_the_functions_run_in_xborders_context() -> None:
    seen: list[int] = []

    def cdf(q: Decimal) -> Decimal:
        seen.append(getcontext().prec)
        return exponential_cdf(q)

    with decimal.localcontext(prec=5):
        newsvendor_outcome_from_cdf(
            COSTS, cdf=cdf, quantile=exponential_quantile, quantity=50
        )
        assert getcontext().prec == 5
    assert seen == [28]


def test_a_function_cannot_change_the_context() -> None:
    def greedy(u: Decimal) -> Decimal:
        getcontext().prec = 5
        return exponential_quantile(u)

    with pytest.raises(InvalidInputError) as caught:
        newsvendor_from_cdf(COSTS, cdf=exponential_cdf, quantile=greedy)
    assert caught.value.field == "quantile"
    assert getcontext().prec == 28

    def swapper(u: Decimal) -> Decimal:
        setcontext(decimal.Context(prec=3))
        return exponential_quantile(u)

    before = getcontext()
    with pytest.raises(InvalidInputError) as swapped:
        newsvendor_from_cdf(COSTS, cdf=exponential_cdf, quantile=swapper)
    assert swapped.value.field == "quantile"
    assert getcontext() is before


def test_what_a_function_raises_is_reported_by_name() -> None:
    def broken(q: Decimal) -> Decimal:
        raise ZeroDivisionError(q)

    with pytest.raises(InvalidInputError) as caught:
        newsvendor_outcome_from_cdf(
            COSTS, cdf=broken, quantile=exponential_quantile, quantity=5
        )
    assert caught.value.field == "cdf"


def test_a_function_returning_a_float_is_refused() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        newsvendor_from_cdf(COSTS, cdf=exponential_cdf, quantile=lambda _: 0.5)  # type: ignore[arg-type,return-value]
    assert caught.value.field == "quantile"


def test_a_cdf_must_return_a_probability() -> None:
    with pytest.raises(InvalidInputError) as caught:
        newsvendor_outcome_from_cdf(
            COSTS, cdf=lambda _: 2, quantile=exponential_quantile, quantity=5
        )
    assert caught.value.field == "cdf"


def test_functions_must_be_functions() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        newsvendor_from_cdf(COSTS, cdf="cdf", quantile=exponential_quantile)  # type: ignore[arg-type]
    assert caught.value.field == "cdf"


# -- bad models ------------------------------------------------------------------------


def test_distribution_parameters_are_checked() -> None:
    with pytest.raises(InvalidInputError) as caught:
        UniformDemand(low=10, high=5)
    assert caught.value.field == "high"
    with pytest.raises(InvalidInputError) as sigma:
        LognormalDemand(mu=1, sigma=0)
    assert sigma.value.field == "sigma"
    with pytest.raises(InvalidInputError) as shape:
        GammaDemand(shape="1E+7", scale=1)
    assert shape.value.field == "shape"
    with pytest.raises(InvalidInputError) as moments:
        GammaDemand.from_moments(mean=10, sd=0)
    assert moments.value.field == "sd"


def test_an_unbounded_quantile_is_refused_at_one() -> None:
    with pytest.raises(InvalidInputError) as caught:
        newsvendor(
            LognormalDemand(mu=1, sigma=1),
            NewsvendorCosts(overage=usd(0), underage=usd(1)),
        )
    assert caught.value.field == "critical_ratio"
    # A bounded demand has a quantile at 1: its top.
    top = newsvendor_outcome(
        UniformDemand(low=0, high=10),
        NewsvendorCosts(overage=usd(0), underage=usd(1)),
        quantity=10,
    )
    assert top.expected_lost_sales == 0
