"""EOQ with a minimum order and all-units discounts; (r, Q) and (s, S) policies."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    UnitError,
    XborderError,
)
from xborder.inventory import (
    SIGNIFICANT_DIGITS,
    Demand,
    LeadTime,
    OrderQuantityRule,
    PriceBreak,
    RQPolicy,
    eoq,
    eoq_all_units_discount,
    rq_policy,
    ss_policy,
)
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.inventory import DiscountCandidate


def usd(amount: str | int | Decimal) -> Money:
    return Money(amount, "USD")


YEARLY = Demand(mean=1200, sd=200, period="1 year")
BREAKS = [
    PriceBreak(min_quantity=0, unit_cost=usd("10.00")),
    PriceBreak(min_quantity=500, unit_cost=usd("9.50")),
]

# -- EOQ -------------------------------------------------------------------------------


def test_eoq_mixes_periods_safely() -> None:
    # 100 a month with holding cost per year = 1,200 a year.
    monthly = eoq(
        Demand(mean=100, period="1 month"),
        order_cost=usd(50),
        holding_cost=usd(3),
        holding_period="1 year",
    )
    yearly = eoq(
        YEARLY, order_cost=usd(50), holding_cost=usd(3), holding_period="1 year"
    )
    assert monthly.quantity == yearly.quantity == 200
    assert monthly.rule is OrderQuantityRule.EOQ
    assert monthly.orders_per_period == 6
    assert monthly.cycle_days == Decimal("60.875")  # 365.25 / 6
    assert monthly.ordering_cost == monthly.holding_cost == usd(300)
    assert monthly.total_cost == usd(600)


def test_a_minimum_order_above_the_eoq_sets_the_quantity() -> None:
    result = eoq(
        YEARLY,
        order_cost=usd(50),
        holding_cost=usd(3),
        holding_period="1 year",
        minimum_order=500,
    )
    assert result.eoq == 200
    assert result.quantity == 500
    assert result.rule is OrderQuantityRule.MINIMUM_ORDER
    assert result.ordering_cost == usd(120)
    assert result.holding_cost == usd(750)


def test_eoq_without_demand_or_order_cost_is_zero() -> None:
    none = eoq(
        Demand(mean=0, period="1 day"),
        order_cost=usd(50),
        holding_cost=usd(3),
        holding_period="1 year",
    )
    assert none.quantity == 0
    assert none.cycle_days is None
    assert none.orders_per_period == 0
    assert none.total_cost.is_zero()
    free = eoq(YEARLY, order_cost=usd(0), holding_cost=usd(3), holding_period="1 year")
    assert free.quantity == 0


@pytest.mark.parametrize(
    ("arguments", "field", "error"),
    [
        ({"demand": "1200"}, "demand", InvalidTypeError),
        ({"order_cost": 50}, "order_cost", InvalidTypeError),
        ({"order_cost": usd(-1)}, "order_cost", InvalidInputError),
        ({"holding_cost": usd(0)}, "holding_cost", InvalidInputError),
        ({"holding_cost": Money(3, "EUR")}, "holding_cost", CurrencyMismatchError),
        ({"holding_period": "0 days"}, "holding_period", InvalidInputError),
        ({"holding_period": "1 kg"}, "holding_period", UnitError),
        ({"minimum_order": -1}, "minimum_order", InvalidInputError),
        ({"minimum_order": 2.5}, "minimum_order", InvalidTypeError),
    ],
)
def test_bad_eoq_inputs_name_their_field(
    arguments: dict[str, object], field: str, error: type[XborderError]
) -> None:
    base: dict[str, object] = {
        "demand": YEARLY,
        "order_cost": usd(50),
        "holding_cost": usd(3),
        "holding_period": "1 year",
    }
    with pytest.raises(error) as caught:
        eoq(**(base | arguments))  # type: ignore[arg-type]
    assert caught.value.field == field


@given(
    st.decimals(min_value=1, max_value=10**6, places=2),
    st.integers(2, 100),
    st.decimals(min_value=1, max_value=1000, places=2),
    st.decimals(min_value=Decimal("0.01"), max_value=100, places=2),
)
def test_eoq_scales_with_the_square_root_of_demand(
    mean: Decimal, factor: int, setup: Decimal, holding: Decimal
) -> None:
    def size(volume: Decimal) -> Decimal:
        return eoq(
            Demand(mean=volume, period="1 year"),
            order_cost=usd(setup),
            holding_cost=usd(holding),
            holding_period="1 year",
        ).quantity

    scaled = float(size(mean * factor * factor))
    assert scaled == pytest.approx(factor * float(size(mean)), rel=1e-10)


@given(
    st.decimals(min_value=1, max_value=10**5, places=0),
    st.decimals(min_value=1, max_value=500, places=2),
    st.decimals(min_value=Decimal("0.1"), max_value=50, places=2),
    st.floats(min_value=0.2, max_value=5),
)
def test_eoq_minimises_ordering_plus_holding_cost(
    mean: Decimal, setup: Decimal, holding: Decimal, stretch: float
) -> None:
    best = eoq(
        Demand(mean=mean, period="1 year"),
        order_cost=usd(setup),
        holding_cost=usd(holding),
        holding_period="1 year",
    )
    other = best.quantity * Decimal(str(round(stretch, 3)))
    with localcontext(prec=60):
        cost = setup * mean / other + holding * other / 2
        assert best.total_cost.amount <= cost * (1 + Decimal("1e-10"))


def _digits(amount: Decimal) -> int:
    return len(amount.normalize().as_tuple().digits)


def _within_rounding(shown: Decimal, exact: Fraction) -> bool:
    """``shown`` is ``exact`` rounded to 12 significant digits (half an ulp)."""
    if not exact:
        return shown == 0
    ulp = Fraction(10) ** (Decimal(float(exact)).adjusted() - SIGNIFICANT_DIGITS + 1)
    return abs(Fraction(shown) - exact) <= ulp  # half an ulp, plus the float guess


def test_eoq_costs_are_shown_to_twelve_digits() -> None:
    # Issue 18: K D / Q* printed with 36 digits.
    result = eoq(
        Demand(mean=1000, sd=0, period="1 year"),
        order_cost=usd(50),
        holding_cost=usd("0.925"),
        holding_period="1 year",
    )
    assert str(result.ordering_cost) == "152.069063257 USD"
    assert str(result.holding_cost) == "152.069063258 USD"
    assert result.units == 329  # the decision is unchanged
    assert result.quantity == Decimal("328.797974611")


@given(
    st.decimals(min_value=1, max_value=10**6, places=2),
    st.decimals(min_value=Decimal("0.01"), max_value=1000, places=2),
    st.decimals(min_value=Decimal("0.001"), max_value=100, places=3),
    st.sampled_from(["1 week", "1 month", "1 year"]),
    st.integers(0, 5000),
)
def test_eoq_costs_are_the_exact_costs_to_twelve_digits(
    mean: Decimal, setup: Decimal, holding: Decimal, period: str, minimum: int
) -> None:
    result = eoq(
        Demand(mean=mean, period=period),
        order_cost=usd(setup),
        holding_cost=usd(holding),
        holding_period="1 year",
        minimum_order=minimum,
    )
    quantity = Fraction(result.quantity)
    volume = Fraction(result.demand_per_period)
    ordering = Fraction(setup) * volume / quantity
    assert _within_rounding(result.ordering_cost.amount, ordering)
    assert _within_rounding(
        result.holding_cost.amount, Fraction(holding) * quantity / 2
    )
    for cost in (result.ordering_cost, result.holding_cost):
        assert _digits(cost.amount) <= SIGNIFICANT_DIGITS
    # The decision is the square root's, rounded up, whatever the costs show.
    assert result.units == max(math.ceil(result.eoq), minimum)


@given(
    st.lists(
        st.tuples(st.integers(0, 5000), st.decimals(1, 100, places=2)),
        min_size=1,
        max_size=4,
        unique_by=lambda pair: pair[0],
    ),
    st.decimals(min_value=1, max_value=10**5, places=2),
)
def test_the_discount_choice_is_made_on_exact_costs(
    prices: list[tuple[int, Decimal]], mean: Decimal
) -> None:
    breaks = [PriceBreak(min_quantity=q, unit_cost=usd(c)) for q, c in prices]
    result = eoq_all_units_discount(
        Demand(mean=mean, period="1 year"),
        order_cost=usd(40),
        holding_rate="0.25",
        holding_period="1 year",
        price_breaks=breaks,
    )

    def exact_total(candidate: DiscountCandidate) -> tuple[Fraction, Decimal]:
        price = Fraction(candidate.price_break.unit_cost.amount)
        quantity, demand = Fraction(candidate.quantity), Fraction(mean)
        holding = Fraction(1, 4) * price * quantity / 2
        return price * demand + 40 * demand / quantity + holding, candidate.quantity

    cheapest = min(result.candidates, key=exact_total)
    assert result.best == cheapest
    for candidate in result.candidates:
        for cost in (
            candidate.purchase_cost,
            candidate.ordering_cost,
            candidate.holding_cost,
        ):
            assert _digits(cost.amount) <= SIGNIFICANT_DIGITS


# -- All-units discounts ---------------------------------------------------------------


def test_discounts_compare_every_price_and_keep_the_working() -> None:
    result = eoq_all_units_discount(
        YEARLY,
        order_cost=usd(50),
        holding_rate="0.3",
        holding_period="1 year",
        price_breaks=BREAKS,
    )
    assert [c.rule for c in result.candidates] == [
        OrderQuantityRule.EOQ,
        OrderQuantityRule.PRICE_BREAK,
    ]
    first, second = result.candidates
    assert round(first.quantity, 2) == Decimal("200.00")
    assert first.total_cost.amount == pytest.approx(12600, rel=1e-9)
    assert second.quantity == 500
    # 9.50·1,200 + 50·1,200/500 + 0.3·9.50·500/2 = 11,400 + 120 + 712.5
    assert second.total_cost == usd("12232.5")
    assert result.best is second
    assert result.units == 500
    assert second.total_cost == (
        second.purchase_cost + second.ordering_cost + second.holding_cost
    )


def test_a_minimum_order_skips_prices_below_it() -> None:
    result = eoq_all_units_discount(
        YEARLY,
        order_cost=usd(50),
        holding_rate="0.3",
        holding_period="1 year",
        price_breaks=BREAKS,
        minimum_order=600,
    )
    assert [c.quantity for c in result.candidates] == [600]
    assert result.rule is OrderQuantityRule.MINIMUM_ORDER


def test_a_first_break_above_zero_acts_as_a_minimum() -> None:
    result = eoq_all_units_discount(
        Demand(mean=10, period="1 year"),
        order_cost=usd(50),
        holding_rate="0.3",
        holding_period="1 year",
        price_breaks=[PriceBreak(min_quantity=100, unit_cost=usd(4))],
    )
    assert result.quantity == 100
    assert result.rule is OrderQuantityRule.PRICE_BREAK


def test_no_demand_and_no_minimum_cannot_be_priced() -> None:
    with pytest.raises(InvalidInputError) as caught:
        eoq_all_units_discount(
            Demand(mean=0, period="1 year"),
            order_cost=usd(50),
            holding_rate="0.3",
            holding_period="1 year",
            price_breaks=BREAKS,
        )
    assert caught.value.field == "demand"


@pytest.mark.parametrize(
    ("arguments", "field", "error"),
    [
        ({"price_breaks": []}, "price_breaks", InvalidInputError),
        ({"price_breaks": ["10"]}, "price_breaks[0]", InvalidTypeError),
        ({"price_breaks": [BREAKS[0], BREAKS[0]]}, "price_breaks", InvalidInputError),
        (
            {
                "price_breaks": [
                    BREAKS[0],
                    PriceBreak(min_quantity=5, unit_cost=Money(9, "EUR")),
                ]
            },
            "price_breaks",
            CurrencyMismatchError,
        ),
        ({"order_cost": Money(50, "EUR")}, "price_breaks", CurrencyMismatchError),
        ({"holding_rate": 0}, "holding_rate", InvalidInputError),
        ({"holding_rate": 0.2}, "holding_rate", InvalidTypeError),
    ],
)
def test_bad_discount_inputs_name_their_field(
    arguments: dict[str, object], field: str, error: type[XborderError]
) -> None:
    base: dict[str, object] = {
        "demand": YEARLY,
        "order_cost": usd(50),
        "holding_rate": "0.3",
        "holding_period": "1 year",
        "price_breaks": BREAKS,
    }
    with pytest.raises(error) as caught:
        eoq_all_units_discount(**(base | arguments))  # type: ignore[arg-type]
    assert caught.value.field == field


def test_price_break_validation() -> None:
    with pytest.raises(InvalidInputError) as caught:
        PriceBreak(min_quantity=5, unit_cost=usd(0))
    assert caught.value.field == "unit_cost"
    with pytest.raises(InvalidInputError) as caught:
        PriceBreak(min_quantity=-5, unit_cost=usd(1))
    assert caught.value.field == "min_quantity"


@given(
    st.lists(
        st.tuples(
            st.integers(0, 5000), st.decimals(min_value=1, max_value=100, places=2)
        ),
        min_size=1,
        max_size=5,
        unique_by=lambda item: item[0],
    ),
    st.decimals(min_value=1, max_value=10**5, places=0),
    st.integers(0, 3000),
)
def test_the_best_discount_candidate_is_the_cheapest(
    prices: list[tuple[int, Decimal]], mean: Decimal, minimum: int
) -> None:
    breaks = [PriceBreak(min_quantity=q, unit_cost=usd(c)) for q, c in prices]
    result = eoq_all_units_discount(
        Demand(mean=mean, period="1 year"),
        order_cost=usd(40),
        holding_rate="0.25",
        holding_period="1 year",
        price_breaks=breaks,
        minimum_order=minimum,
    )
    # Shown costs carry 12 digits; the choice was made on the exact ones.
    slack = Decimal("1e-10") * result.best.total_cost.amount
    assert all(
        result.best.total_cost.amount <= c.total_cost.amount + slack
        for c in result.candidates
    )
    assert result.quantity >= minimum
    assert result.quantity >= min(q for q, _ in prices)


# -- (r, Q) and (s, S) -----------------------------------------------------------------


def _rq(**changes: object) -> Callable[[], RQPolicy]:
    base: dict[str, object] = {
        "demand": YEARLY,
        "lead_time": LeadTime.single("2 weeks", "3 days"),
        "order_cost": usd(50),
        "holding_cost": usd(3),
        "stockout_cost": usd(30),
        "cost_period": "1 year",
    }
    return lambda: rq_policy(**(base | changes))  # type: ignore[arg-type]


def test_rq_policy_converges_and_reports_its_working() -> None:
    policy = _rq()()
    assert policy.iterations > 1
    assert policy.z is not None
    assert policy.reorder_point_units == math.ceil(policy.reorder_point)
    # Lead-time variability is part of σ_L.
    assert policy.demand.lead_time_variance > 0
    assert policy.order_quantity > 200  # above the plain EOQ √(2·50·1200/3)


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"holding_cost": usd(0)}, "holding_cost", InvalidInputError),
        ({"stockout_cost": Money(30, "EUR")}, "stockout_cost", CurrencyMismatchError),
        ({"order_cost": "50"}, "order_cost", InvalidTypeError),
        ({"cost_period": "0 days"}, "cost_period", InvalidInputError),
        ({"lead_time": "2 weeks"}, "lead_time", InvalidTypeError),
    ],
)
def test_bad_rq_inputs_name_their_field(
    changes: dict[str, object], field: str, error: type[XborderError]
) -> None:
    with pytest.raises(error) as caught:
        _rq(**changes)()
    assert caught.value.field == field


def test_ss_policy_needs_variability() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ss_policy(
            Demand(mean=50, period="1 day"),
            LeadTime.single("2 days"),
            review_period="1 day",
            order_cost=usd(5),
            holding_cost=usd(1),
            stockout_cost=usd(4),
        )
    assert caught.value.field == "demand"


def test_ss_policy_with_a_lead_time_protects_review_plus_lead_time() -> None:
    policy = ss_policy(
        Demand(mean=50, sd=8, period="1 day"),
        LeadTime.single("3 days"),
        review_period="1 day",
        order_cost=usd("2.5"),
        holding_cost=usd("0.18"),
        stockout_cost=usd("0.70"),
    )
    assert policy.demand.interval_days == 4
    assert policy.order_up_to > policy.reorder_point > 150
    assert policy.order_up_to_units == math.ceil(policy.order_up_to)
