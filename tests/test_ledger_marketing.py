from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.fx import FxRate, FxTable
from xborder.kpi import UNDEFINED
from xborder.ledger import (
    BudgetPlan,
    CampaignOrder,
    ChannelCurve,
    ConversionOption,
    CurrencyExposure,
    DiscountedLtv,
    EmailCampaign,
    InfluencerDeal,
    SpendStep,
    allocate_budget,
    conversion_costs,
    discounted_ltv,
    email_returns,
    fx_exposure,
    influencer_returns,
    social_returns,
)
from xborder.money import Money, RoundingMode
from xborder.serialize import from_data, to_data
from xborder.testing import strategies as xst

UP = RoundingMode.HALF_UP
DAY = dt.date(2026, 9, 15)
RATES = FxTable(
    rates=(
        FxRate(base="USD", quote="EUR", rate="0.8650", as_of=DAY),
        FxRate(base="USD", quote="CNY", rate="7.1200", as_of=DAY),
        FxRate(base="USD", quote="GBP", rate="0.7600", as_of=DAY),
    ),
    pivot="USD",
)


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def placed(
    number: int, *, code: str | None = None, utm: str | None = None
) -> CampaignOrder:
    return CampaignOrder(
        order_id=f"#{number}",
        placed_on="2025-10-07",
        revenue=eur("30.00"),
        contribution=eur("15.00"),
        new_customer=number % 2 == 0,
        code=code,
        utm=utm,
    )


def test_a_code_wins_over_a_link_and_orders_of_no_deal_are_left_out() -> None:
    deals = [
        InfluencerDeal(
            name="Lena",
            fee=eur(300),
            gifted_units=4,
            unit_cost=eur("10.11"),
            commission="0.10",
            code="LENA10",
        ),
        InfluencerDeal(
            name="Jonas",
            fee=eur(180),
            gifted_units=0,
            unit_cost=eur(0),
            commission="0.05",
            utm="jonas",
        ),
    ]
    orders = [
        placed(1, code="lena10", utm="jonas"),  # the code decides
        placed(2, utm="JONAS"),
        placed(3, code="OTHER"),
        placed(4),
    ]
    lena, jonas = influencer_returns(deals, orders, rounding=UP)
    assert (lena.orders, jonas.orders) == (1, 1)
    assert dict(lena.costs) == {
        "fee": eur(300),
        "gifted units": eur("40.44"),
        "commission": eur("3.00"),
    }
    assert lena.profit == eur("-328.44")
    assert lena.cac.value is UNDEFINED  # order 1 was not a first order
    assert jonas.cac.value == eur("181.50")
    with pytest.raises(InvalidInputError) as twice:
        influencer_returns([deals[0], deals[0]], orders, rounding=UP)
    assert twice.value.field == "deals[1].code"
    with pytest.raises(CurrencyMismatchError):
        influencer_returns(
            deals,
            [
                CampaignOrder(
                    order_id="#9",
                    placed_on="2025-10-07",
                    revenue=Money(1, "USD"),
                    contribution=Money(1, "USD"),
                    new_customer=True,
                    code="LENA10",
                )
            ],
            rounding=UP,
        )
    with pytest.raises(InvalidInputError) as unreachable:
        InfluencerDeal(
            name="X", fee=eur(1), gifted_units=0, unit_cost=eur(0), commission="0"
        )
    assert unreachable.value.field == "code"


def test_email_unsubscribes_cost_the_list() -> None:
    email = EmailCampaign(
        name="gift guide",
        kind="campaign",
        recipients=640,
        opens=250,
        clicks=41,
        orders=5,
        new_customers=2,
        revenue=eur("196.10"),
        contribution=eur("112.40"),
        unsubscribes=11,
        cost=eur(25),
    )
    (result,) = email_returns([email], subscriber_value=eur("6.00"))
    assert result.cost == eur("91.00")
    assert result.profit == eur("21.40")
    assert email.open_rate.round(4, UP) == Decimal("0.3906")
    assert email.revenue_per_recipient.round(UP) == eur("0.31")
    with pytest.raises(InvalidInputError) as more:
        EmailCampaign(
            name="x",
            kind="flow",
            recipients=1,
            opens=2,
            clicks=0,
            orders=0,
            new_customers=0,
            revenue=eur(0),
            contribution=eur(0),
            unsubscribes=0,
            cost=eur(0),
        )
    assert more.value.field == "opens"


@given(xst.social_channels())
def test_a_social_channel_returns_what_it_contributes_less_its_spend(
    channel: object,
) -> None:
    (result,) = social_returns([channel])  # type: ignore[list-item]
    assert result.cost == channel.spend + channel.content  # type: ignore[attr-defined]
    assert result.profit == channel.contribution - result.cost  # type: ignore[attr-defined]
    assert from_data(type(result), to_data(result)) == result


def test_clv_golden_cases_of_fader_and_hardie() -> None:
    """Fader and Hardie, "Reconciling and Clarifying CLV Formulas" (2012,
    brucehardie.com/notes/024): m(1+d)/(1+d-r) when margins come at the
    start of each period (Blattberg et al.), m/(1+d-r) at the end (Ofek),
    mr/(1+d-r) without the first payment (Capon; Kotler and Keller).
    With m = 100, r = 0.8, d = 0.1: 366.67, 333.33 and 266.67."""
    margin = Money("100", "USD")
    beginning = discounted_ltv(
        margin=margin, retention="0.8", discount_rate="0.1", timing="beginning"
    )
    end = discounted_ltv(
        margin=margin, retention="0.8", discount_rate="0.1", timing="end"
    )
    assert beginning.value.quantize(UP) == Money("366.67", "USD")
    assert end.value.quantize(UP) == Money("333.33", "USD")
    assert beginning.after_first.quantize(UP) == Money("266.67", "USD")


def test_the_margin_multiple_of_gupta_and_lehmann() -> None:
    """Gupta and Lehmann, "Customers as Assets" (Journal of Interactive
    Marketing 17(1), 2003): the margin multiple r / (1 + i - r) is 2.5 for
    80% retention and a 12% discount rate."""
    ltv = DiscountedLtv(
        margin=Money(1, "USD"),
        retention="0.8",
        discount_rate="0.12",
        timing="beginning",
    )
    assert ltv.after_first.amount.quantize(Decimal("0.0001")) == Decimal("2.5000")
    assert ltv.multiple - 1 == ltv.after_first.amount


@given(xst.discounted_ltvs())
def test_a_long_horizon_approaches_the_lifetime_value(ltv: DiscountedLtv) -> None:
    if ltv.periods is not None:
        return
    long = DiscountedLtv(
        margin=ltv.margin,
        retention=ltv.retention,
        discount_rate=ltv.discount_rate,
        timing=ltv.timing,
        periods=5000,
    )
    assert long.value <= ltv.value
    scale = max(ltv.value.amount, Decimal(1))
    assert (ltv.value - long.value).amount <= Decimal("1E-8") * scale
    firsts = [ltv.cumulative(n) for n in range(1, 6)]
    assert firsts == sorted(firsts)


def test_payback_is_the_first_period_covering_the_cac() -> None:
    ltv = DiscountedLtv(
        margin=eur(8), retention="0.9", discount_rate="0.01", timing="end"
    )
    periods = ltv.payback_periods(eur("27.38"))
    assert periods == 5
    assert ltv.cumulative(4) < eur("27.38") <= ltv.cumulative(5)
    assert ltv.payback_periods(eur(0)) == 0
    assert ltv.payback_periods(eur(1000)) is None  # more than a lifetime brings
    short = DiscountedLtv(
        margin=eur(8), retention="0.9", discount_rate="0.01", timing="end", periods=3
    )
    assert short.payback_periods(eur("27.38")) is None
    with pytest.raises(InvalidInputError) as forever:
        DiscountedLtv(margin=eur(8), retention=1, discount_rate=0, timing="end")
    assert forever.value.field == "retention"


def steps(*pairs: tuple[int, int]) -> list[SpendStep]:
    return [SpendStep(spend=eur(spend), customers=count) for spend, count in pairs]


def test_the_budget_goes_to_the_cheapest_next_customer_first() -> None:
    curves = [
        ChannelCurve(
            channel="influencers", steps=steps((300, 20), (300, 12), (300, 8))
        ),
        ChannelCurve(channel="social", steps=steps((200, 10), (200, 6))),
        ChannelCurve(channel="email", steps=steps((50, 8), (50, 2))),
    ]
    plan = allocate_budget(curves, budget=eur(1000), max_cac=eur(30))
    assert [(f.channel, f.step) for f in plan.funded] == [
        ("email", 0),
        ("influencers", 0),
        ("social", 0),
        ("influencers", 1),
        ("email", 1),
    ]
    assert plan.spent == eur(900)
    assert plan.customers == 52
    assert plan.spend_by_channel() == (
        ("email", eur(100)),
        ("influencers", eur(600)),
        ("social", eur(200)),
    )
    uncapped = allocate_budget(curves, budget=eur(1000))
    assert uncapped.spent == eur(900)  # social's 200 does not fit the 100 left
    with pytest.raises(InvalidInputError) as twice:
        allocate_budget([curves[0], curves[0]], budget=eur(1))
    assert twice.value.field == "curves[1].channel"
    assert from_data(BudgetPlan, to_data(plan)) == plan


@given(
    st.lists(
        xst.channel_curves(currency=st.just(Money(0, "EUR").currency)),
        max_size=4,
        unique_by=lambda c: c.channel,
    ),
    xst.money_values(
        currency=st.just(Money(0, "EUR").currency), min_value=0, max_value=10**5
    ),
)
def test_a_plan_never_spends_more_than_its_budget(
    curves: list[ChannelCurve], budget: Money
) -> None:
    plan = allocate_budget(curves, budget=budget)
    assert plan.spent <= budget
    for curve in curves:
        taken = [f.step for f in plan.funded if f.channel == curve.channel]
        assert taken == list(range(len(taken)))  # in order, none skipped


def test_exposure_by_currency_and_a_one_percent_move() -> None:
    result = fx_exposure(
        receivables=[eur(8650), Money(1000, "USD")],
        payables=[Money(71200, "CNY")],
        base="USD",
        fx=RATES,
    )
    changes = {e.currency.code: e.change.quantize(UP) for e in result.currencies}
    assert changes == {"CNY": Money("-100.00", "USD"), "EUR": Money("100.00", "USD")}
    assert result.change.quantize(UP).is_zero()
    with pytest.raises(InvalidInputError) as negative:
        fx_exposure(receivables=[eur(-1)], base="USD", fx=RATES)
    assert negative.value.field == "receivables[0]"
    with pytest.raises(InvalidInputError) as same:
        CurrencyExposure(
            currency="USD",
            base="USD",
            receivable=Money(1, "USD"),
            payable=Money(0, "USD"),
            rate=1,
            move="0.01",
        )
    assert same.value.field == "currency"


@given(xst.currency_exposures())
def test_a_move_scales_the_net_position(exposure: CurrencyExposure) -> None:
    assert exposure.change == exposure.net_in_base * exposure.move
    assert (exposure.net.amount >= 0) == (exposure.change.amount >= 0)


def test_converting_payouts_costs_the_spread_and_the_fees() -> None:
    options = [
        ConversionOption(name="marketplace", spread="0.03"),
        ConversionOption(name="account", spread="0.005", fee=Money("2.00", "USD")),
    ]
    payouts = [eur(5000), eur(5000), Money(300, "USD")]
    market, account = conversion_costs(
        payouts, to="USD", rates=RATES, options=options, rounding=RoundingMode.HALF_EVEN
    )
    assert market.payouts == 2
    assert market.at_mid == Money("11560.69", "USD")
    # Each 5000 EUR is 5780.3468 USD at mid; the marketplace keeps 3%
    # (5606.94 paid), the account 0.5% and 2.00 (5749.45 paid).
    assert market.cost == Money("346.81", "USD")
    assert account.cost == Money("61.79", "USD")
    with pytest.raises(CurrencyMismatchError) as fee:
        conversion_costs(
            payouts,
            to="USD",
            rates=RATES,
            rounding=UP,
            options=[ConversionOption(name="x", spread=0, fee=eur(1))],
        )
    assert fee.value.field == "options[0].fee"
    with pytest.raises(InvalidTypeError) as table:
        conversion_costs(payouts, to="USD", rates="ECB", options=options, rounding=UP)  # type: ignore[arg-type]
    assert table.value.field == "rates"
