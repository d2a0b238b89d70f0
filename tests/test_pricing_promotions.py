"""Promotions and deals: break-even lift, margin lift, earnings at a lift."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xborder._exact import DIVISION
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Currency, Money, RoundingMode
from xborder.pricing import (
    FeeSchedule,
    Listing,
    ReferralFee,
    UnitCosts,
    Vat,
    VatBasis,
)
from xborder.pricing.promotions import (
    Coupon,
    Deal,
    DemandEffects,
    Discount,
    PromotionLift,
    PromotionOutcome,
    break_even_lift,
    margin_lift,
    promotion_outcome,
)
from xborder.testing import strategies as xst

if TYPE_CHECKING:
    from collections.abc import Callable

USD = "USD"


def usd(amount: str) -> Money:
    return Money(amount, USD)


def shop(landed: str, *, referral: str | None = None) -> Listing:
    fees = FeeSchedule(
        name="Shop",
        currency=USD,
        referral=None
        if referral is None
        else ReferralFee.flat(referral, basis=VatBasis.EXCLUSIVE),
    )
    return Listing(fees=fees, costs=UnitCosts(landed=usd(landed)))


TWENTY_OFF = Deal(discount=Discount.percent_off("0.20"))


# -- golden cases ---------------------------------------------------------------


def test_growthsuite_twenty_off_a_forty_percent_margin_needs_double_the_units() -> None:
    # GrowthSuite, "Discount Break-Even Calculator: Know Your Numbers Before
    # You Discount" (https://www.growthsuite.net/resources/shopify-discount/
    # percentage-off-discounts-guide/break-even-calculator, read 2026-12-07):
    # price $100, cost $60, 40% margin, 20% off -> "+100% more units";
    # "If You Sell 100 Units Normally... Need 200"; the profit per sale falls
    # by 50% and the new margin is 20% (of the full price, $20 / $100).
    # Their rule, discount / (margin - discount), is ours without fees and
    # effects, with the margin on the full price.
    lift = break_even_lift(shop("60.00"), usd("100.00"), TWENTY_OFF, baseline_units=100)
    assert lift.lift == Decimal("0.2") / (Decimal("0.4") - Decimal("0.2")) == 1
    assert lift.units == 200
    assert lift.whole_units == 200
    assert lift.full.contribution == usd("40.00")
    assert lift.promoted.contribution == usd("20.00")
    assert lift.promoted.contribution / lift.full.price == Decimal("0.2")


@pytest.mark.parametrize(("share", "needed"), [("0.10", 667), ("0.20", 1000)])
def test_growthsuite_break_even_volumes(share: str, needed: int) -> None:
    # GrowthSuite's answer to "How do I calculate break-even points for
    # discounts?" (read 2026-12-07), at www.growthsuite.net/questions/
    # how-do-i-calculate-break-even-points-for-discounts: price $100,
    # variable cost $60; 500 units cover the fixed costs at full price ($40
    # each), 667 units at 10% off ($30 each), 1,000 at 20% off ($20 each).
    deal = Deal(discount=Discount.percent_off(share))
    lift = break_even_lift(shop("60.00"), usd("100.00"), deal, baseline_units=500)
    assert lift.whole_units == needed


def test_amazon_coupon_budget_pays_for_discounts_and_redemption_fees() -> None:
    # Amazon Seller Central, "How do coupon budgets work?" (item 202189370,
    # https://sellercentral.amazon.com/gp/help/external/help.html?itemID=202189370,
    # read 2026-12-07): a $4.00 coupon on a $25.00 product, 50 redemptions,
    # ($4.00 x 50) + ($0.60 x 50) = $230 of budget.
    coupon = Coupon(
        discount=Discount.amount_off(usd("4.00")),
        redemption_fee=usd("0.60"),
        budget=usd("230.00"),
    )
    outcome = promotion_outcome(
        shop("10.00"), usd("25.00"), coupon, baseline_units=40, lift="0.5"
    )
    assert outcome.redemptions == 50
    assert outcome.budget_exhausted
    # 50 redeemed units at $21.00 less $0.60, 10 more at the shelf price.
    assert outcome.promoted.contribution == usd("10.40")
    assert outcome.contribution == usd("520.00") + usd("150.00")
    assert "budget ran out" in outcome.explain()


# -- examples -------------------------------------------------------------------


def test_a_percentage_fee_shrinks_with_the_price_and_a_unit_fee_does_not() -> None:
    listing = shop("6.00", referral="0.15")
    deal = Deal(
        discount=Discount.percent_off("0.20"),
        unit_fee=usd("0.25"),
        fee_rate="0.025",
    )
    lift = break_even_lift(listing, usd("20.00"), deal, baseline_units=100)
    labels = [line.label for line in lift.promoted.lines]
    assert labels[0] == "Referral fee"
    assert lift.promoted.referral_fee == usd("2.40")  # 15% of 16.00, not of 20.00
    assert lift.promoted.line("Deal fee (2.5%").amount == usd("0.40")
    assert lift.promoted.line("Deal fee").amount == usd("0.25")
    # Full price earns 20 less 3 less 6, 11 a unit; the promoted unit 16 less
    # 2.40, 0.25, 0.40 and 6, 6.95 a unit.
    assert lift.units == DIVISION.divide(Decimal(1100), Decimal("6.95"))
    assert lift.whole_units == 159


def test_a_fee_per_event_makes_the_lift_depend_on_the_baseline() -> None:
    deal = attrs.evolve(TWENTY_OFF, event_fee=usd("400.00"))
    small = break_even_lift(shop("60.00"), usd("100.00"), deal, baseline_units=20)
    large = break_even_lift(shop("60.00"), usd("100.00"), deal, baseline_units=200)
    assert small.units == 60  # (20 x 40 + 400) / 20
    assert large.units == 420  # (200 x 40 + 400) / 20
    assert small.lift == 2
    assert large.lift == Decimal("1.1")


def test_the_discount_applies_to_the_vat_inclusive_price() -> None:
    listing = Listing(
        fees=FeeSchedule(name="Shop UK", currency="GBP"),
        costs=UnitCosts(landed=Money("4.00", "GBP")),
        vat=Vat(rate="0.20"),
    )
    coupon = Coupon(discount=Discount.amount_off(Money("2.40", "GBP")))
    lift = break_even_lift(listing, Money("12.00", "GBP"), coupon, baseline_units=10)
    assert lift.promoted.price == Money("9.60", "GBP")
    assert lift.promoted.net_revenue == Money("8.00", "GBP")
    assert lift.full.contribution == Money("6.00", "GBP")
    assert lift.units == 15  # 10 x 6.00 / 4.00


def test_a_coupon_only_clipped_by_some_buyers_discounts_only_theirs() -> None:
    coupon = Coupon(discount=Discount.percent_off("0.20"), redemption_rate="0.5")
    lift = break_even_lift(shop("60.00"), usd("100.00"), coupon, baseline_units=100)
    # Each promoted unit earns half of 40 and half of 20: 30.
    assert lift.units == DIVISION.divide(Decimal(4000), Decimal(30))
    assert lift.outcome is not None
    assert lift.outcome.redemptions == DIVISION.divide(lift.units, Decimal(2))


def test_effects_per_incremental_unit() -> None:
    effects = DemandEffects(
        cannibalisation="0.25",
        dip="0.10",
        halo="0.5",
        halo_contribution=usd("6.00"),
    )
    # e = 0.25 x 40 + 0.10 x 40 - 0.5 x 6 = 11; N = 100 x (40 - 11) / (20 - 11)
    lift = break_even_lift(
        shop("60.00"), usd("100.00"), TWENTY_OFF, baseline_units=100, effects=effects
    )
    assert lift.units == DIVISION.divide(Decimal(2900), Decimal(9))
    outcome = promotion_outcome(
        shop("60.00"), usd("100.00"), TWENTY_OFF, baseline_units=100, lift=2,
        effects=effects,
    )  # fmt: skip
    assert outcome.effects_cost == usd("2200.00")
    assert outcome.incremental_contribution == usd("6000.00") - usd("4000.00") - usd(
        "2200.00"
    )


def test_a_unit_that_loses_money_after_the_discount_is_a_result_not_an_error() -> None:
    lift = break_even_lift(shop("85.00"), usd("100.00"), TWENTY_OFF, baseline_units=5)
    assert not lift.reachable
    assert lift.units is None
    assert lift.lift is None
    assert lift.outcome is None
    assert "no lift recovers" in lift.reason


def test_margin_lift_spreads_a_deal_fee_but_never_passes_the_unit_margin() -> None:
    deal = Deal(discount=Discount.to_price(usd("10.00")), event_fee=usd("100.00"))
    listing = shop("7.00")
    kept = margin_lift(listing, usd("12.00"), deal, baseline_units=50, margin="0.20")
    assert kept.units == 100
    assert kept.outcome is not None
    assert kept.outcome.margin == Decimal("0.2")
    assert kept.target == "margin 20%"
    # The full-price margin (5 / 12) is above the deal unit's (30%): no volume.
    full = margin_lift(listing, usd("12.00"), deal, baseline_units=50)
    assert not full.reachable
    assert "no lift reaches it" in full.reason


def test_ad_capacity_is_what_the_lift_earns_above_the_baseline() -> None:
    outcome = promotion_outcome(
        shop("60.00"), usd("100.00"), TWENTY_OFF, baseline_units=100, lift="1.5"
    )
    assert outcome.ad_capacity == usd("1000.00")
    assert outcome.ad_capacity_per_unit == usd("4.00")
    loss = promotion_outcome(
        shop("60.00"), usd("100.00"), TWENTY_OFF, baseline_units=100, lift="0.5"
    )
    assert loss.ad_capacity == usd("-1000.00")


# -- laws -----------------------------------------------------------------------

prices = st.integers(1_000, 100_000).map(lambda cents: Money.of_minor_units(cents, USD))
shares = st.decimals("0", "0.6", places=2)
costs = st.decimals("0", "0.7", places=2)
baselines = st.integers(1, 5_000).map(Decimal)
event_fees = st.integers(0, 100_000).map(lambda cents: Money.of_minor_units(cents, USD))


def _listing(price: Money, cost_share: Decimal) -> Listing:
    landed = (price * cost_share).quantize(RoundingMode.HALF_UP)
    return shop(str(landed.amount), referral="0.15")


@given(prices, shares, costs, costs, baselines, event_fees)
def test_the_required_lift_falls_as_the_margin_rises(  # noqa: PLR0917 - drawn
    price: Money,
    share: Decimal,
    cost_a: Decimal,
    cost_b: Decimal,
    baseline: Decimal,
    fee: Money,
) -> None:
    deal = Deal(discount=Discount.percent_off(share), event_fee=fee)
    low, high = sorted((cost_a, cost_b), reverse=True)  # more cost: less margin
    thin = break_even_lift(_listing(price, low), price, deal, baseline_units=baseline)
    fat = break_even_lift(_listing(price, high), price, deal, baseline_units=baseline)
    assume(thin.full.contribution.amount > 0)
    if thin.reachable:
        assert fat.reachable
        assert fat.lift is not None
        assert thin.lift is not None
        assert fat.lift <= thin.lift


@given(xst.listings(currency=st.just(Currency(USD))), baselines)
def test_zero_discount_and_no_fees_need_no_lift(
    listing: Listing, baseline: Decimal
) -> None:
    price = usd("50.00")
    deal = Deal(discount=Discount.percent_off("0"))
    lift = break_even_lift(listing, price, deal, baseline_units=baseline)
    assume(lift.full.contribution.amount > 0)
    assert lift.lift == 0
    assert lift.units == baseline


@given(
    prices,
    shares,
    costs,
    st.decimals("0", "1", places=2),
    st.decimals("0", "1", places=2),
    baselines,
)
def test_more_cannibalisation_needs_more_lift(  # noqa: PLR0917 - drawn
    price: Money,
    share: Decimal,
    cost: Decimal,
    k_a: Decimal,
    k_b: Decimal,
    baseline: Decimal,
) -> None:
    listing = _listing(price, cost)
    less, more = sorted((k_a, k_b))
    lifts = [
        break_even_lift(
            listing,
            price,
            Deal(discount=Discount.percent_off(share)),
            baseline_units=baseline,
            effects=DemandEffects(cannibalisation=k),
        )
        for k in (less, more)
    ]
    assume(lifts[0].full.contribution.amount > 0)
    if lifts[1].reachable:
        assert lifts[0].reachable
        assert lifts[0].lift is not None
        assert lifts[1].lift is not None
        assert lifts[1].lift >= lifts[0].lift


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(xst.promotion_lifts())
def test_the_break_even_lift_earns_exactly_nothing(lift: PromotionLift) -> None:
    if not lift.reachable:
        assert lift.units is None
        return
    assert lift.units is not None
    assert lift.whole_units is not None
    assert lift.outcome is not None
    assert lift.whole_units - 1 < lift.units <= lift.whole_units
    earned = lift.outcome.incremental_contribution
    if lift.units > 0:
        assert abs(earned.amount) <= earned.currency.minor_unit
    else:  # no unit needed: selling none keeps at least the baseline's
        assert not earned.is_negative()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(xst.promotion_outcomes())
def test_an_outcome_adds_up(outcome: PromotionOutcome) -> None:
    assert outcome.redemptions <= outcome.units
    assert outcome.incremental_contribution == (
        outcome.contribution - outcome.baseline_contribution
    )
    assert outcome.ad_capacity == outcome.incremental_contribution


@pytest.mark.parametrize(
    "model", [Discount, Coupon, Deal, DemandEffects, PromotionLift, PromotionOutcome]
)
def test_every_model_resolves_from_its_type(model: type) -> None:
    @settings(max_examples=5, suppress_health_check=list(HealthCheck))
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()


# -- bad inputs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Discount(share="1"), "share"),
        (lambda: Discount(share="-0.1"), "share"),
        (Discount, "share"),
        (lambda: Discount(price=usd("0.00")), "price"),
        (lambda: Discount(amount=usd("-1.00")), "amount"),
        (
            lambda: Coupon(discount=TWENTY_OFF.discount, redemption_rate="0"),
            "redemption_rate",
        ),
        (
            lambda: Coupon(discount=TWENTY_OFF.discount, redemption_rate="1.5"),
            "redemption_rate",
        ),
        (lambda: Coupon(discount=TWENTY_OFF.discount, fee_rate="-0.01"), "fee_rate"),
        (lambda: Coupon(discount=TWENTY_OFF.discount, budget=usd("0.00")), "budget"),
        (lambda: Deal(discount="20%"), "discount"),  # type: ignore[arg-type]
        (
            lambda: Deal(discount=TWENTY_OFF.discount, event_fee=usd("-5.00")),
            "event_fee",
        ),
        (lambda: DemandEffects(cannibalisation="1.2"), "cannibalisation"),
        (lambda: DemandEffects(halo="-1"), "halo"),
        (lambda: DemandEffects(halo="0.5"), "halo_contribution"),
    ],
)
def test_bad_models_name_the_field(build: Callable[[], object], field: str) -> None:
    with pytest.raises((InvalidInputError, InvalidTypeError)) as caught:
        build()
    assert caught.value.field == field


def _lift(**changes: object) -> PromotionLift:
    arguments: dict[str, object] = {
        "listing": shop("10.00"),
        "price": usd("25.00"),
        "promotion": TWENTY_OFF,
        "baseline_units": 10,
    }
    arguments.update(changes)
    return break_even_lift(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"baseline_units": 0}, InvalidInputError, "baseline_units"),
        ({"baseline_units": "NaN"}, InvalidInputError, "baseline_units"),
        ({"promotion": "20% off"}, InvalidTypeError, "promotion"),
        ({"listing": None}, InvalidTypeError, "listing"),
        ({"effects": 0.5}, InvalidTypeError, "effects"),
        (
            {"promotion": Deal(discount=Discount.amount_off(usd("25.00")))},
            InvalidInputError,
            "discount",
        ),
        (
            {"promotion": Deal(discount=Discount.to_price(usd("30.00")))},
            InvalidInputError,
            "discount.price",
        ),
        (
            {"promotion": Deal(discount=Discount.amount_off(Money("1.00", "EUR")))},
            CurrencyMismatchError,
            "discount.amount",
        ),
        (
            {"promotion": Deal(discount=Discount.amount_off(usd("1.005")))},
            InvalidInputError,
            "discount.amount",
        ),
        (
            {"promotion": attrs.evolve(TWENTY_OFF, event_fee=Money("70", "EUR"))},
            CurrencyMismatchError,
            "promotion.event_fee",
        ),
        (
            {
                "promotion": Coupon(
                    discount=TWENTY_OFF.discount, redemption_fee=usd("0.605")
                )
            },
            InvalidInputError,
            "promotion.redemption_fee",
        ),
        (
            {
                "effects": DemandEffects(
                    halo="1", halo_contribution=Money("2.00", "EUR")
                )
            },
            CurrencyMismatchError,
            "effects.halo_contribution",
        ),
    ],
)
def test_bad_calls_name_the_field(
    changes: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        _lift(**changes)
    assert getattr(caught.value, "field", None) == field


def test_bad_lift_and_margin() -> None:
    with pytest.raises(InvalidInputError) as caught:
        promotion_outcome(
            shop("10.00"), usd("25.00"), TWENTY_OFF, baseline_units=10, lift="-1.5"
        )
    assert caught.value.field == "lift"
    with pytest.raises(InvalidInputError) as caught:
        margin_lift(
            shop("10.00"), usd("25.00"), TWENTY_OFF, baseline_units=10, margin=1
        )
    assert caught.value.field == "margin"
