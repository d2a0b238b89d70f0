"""Fee schedules as data: referral tiers and minimums, card fees, schedules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.pricing import (
    FeeSchedule,
    FixedAmount,
    PaymentFee,
    RateBand,
    ReferralFee,
    TierMode,
    VatBasis,
)
from xborder.pricing._common import percent
from xborder.testing import strategies as xst

USD = Currency("USD")


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


ELECTRONICS = ReferralFee(
    category="Electronics Accessories",
    bands=(RateBand(rate="0.15", up_to=_usd("100.00")), RateBand(rate="0.08")),
    mode=TierMode.MARGINAL,
    minimum=_usd("0.30"),
    basis=VatBasis.EXCLUSIVE,
)
BEAUTY = ReferralFee(
    category="Beauty",
    bands=(RateBand(rate="0.08", up_to=_usd("10.00")), RateBand(rate="0.15")),
    mode=TierMode.WHOLE,
    minimum=_usd("0.30"),
    basis=VatBasis.EXCLUSIVE,
)


@pytest.mark.parametrize(
    ("fee", "price", "expected"),
    [
        (ELECTRONICS, "1.00", "0.30"),  # the minimum
        (ELECTRONICS, "2.00", "0.30"),  # the kink: 15% of 2.00 is the minimum
        (ELECTRONICS, "2.01", "0.3015"),
        (ELECTRONICS, "100.00", "15.00"),  # the band edge belongs to the band below
        (ELECTRONICS, "100.01", "15.0008"),  # only the portion above at 8%
        (ELECTRONICS, "250.00", "27.00"),  # 15.00 + 8% of 150
        (BEAUTY, "3.00", "0.30"),  # 8% of 3.00 is 0.24: the minimum
        (BEAUTY, "10.00", "0.80"),  # the edge is in the 8% band
        (BEAUTY, "10.01", "1.5015"),  # the whole price at 15%
    ],
)
def test_referral_fee_tiers_and_minimum(
    fee: ReferralFee, price: str, expected: str
) -> None:
    assert fee.fee(_usd(price)) == _usd(expected)


def test_referral_fee_pieces_split_at_the_minimum_and_every_edge() -> None:
    pieces = [
        (str(low), str(high), str(intercept), str(slope))
        for low, high, intercept, slope in ELECTRONICS.pieces()
    ]
    assert pieces == [
        ("0", "2", "0.30", "0"),
        ("2", "100.00", "0.00", "0.15"),
        ("100.00", "None", "7.0000", "0.08"),
    ]


@given(xst.referral_fees(currency=st.just(USD)), st.integers(0, 10**7))
def test_the_pieces_agree_with_the_fee_everywhere(fee: ReferralFee, cents: int) -> None:
    base = Decimal(cents).scaleb(-2)
    for low, high, intercept, slope in fee.pieces():
        inside = low < base and (high is None or base < high)
        if inside:
            assert intercept + slope * base == fee.amount(base)


@given(xst.referral_fees(currency=st.just(USD)), st.integers(0, 10**7))
def test_the_fee_is_never_below_the_minimum(fee: ReferralFee, cents: int) -> None:
    amount = fee.amount(Decimal(cents).scaleb(-2))
    assert amount >= (Decimal(0) if fee.minimum is None else fee.minimum.amount)


@given(st.integers(0, 10**7), st.integers(0, 10**7))
def test_marginal_tiers_are_continuous_and_never_fall(first: int, second: int) -> None:
    low, high = sorted((first, second))
    lower = ELECTRONICS.amount(Decimal(low).scaleb(-2))
    assert ELECTRONICS.amount(Decimal(high).scaleb(-2)) >= lower


def test_descriptions_say_the_rule_in_words() -> None:
    assert BEAUTY.description == (
        "Beauty: 8% up to 10.00, 15% above (of the whole price, by band), "
        "minimum 0.30 USD; on the price excluding VAT"
    )
    flat = ReferralFee.flat("0.1545", basis=VatBasis.INCLUSIVE, category="Car")
    assert flat.description == "Car: 15.45%; on the price including VAT"
    assert percent(Decimal("0.0927")) == "9.27%"


@pytest.mark.parametrize(
    ("bands", "field"),
    [
        ((), "bands"),
        ((RateBand(rate="0.1", up_to=_usd("5.00")),), "bands[0].up_to"),
        ((RateBand(rate="0.1"), RateBand(rate="0.2")), "bands[0].up_to"),
        (
            (
                RateBand(rate="0.1", up_to=_usd("5.00")),
                RateBand(rate="0.2", up_to=_usd("5.00")),
                RateBand(rate="0.3"),
            ),
            "bands[1].up_to",
        ),
    ],
)
def test_bands_must_ascend_and_end_open(
    bands: tuple[RateBand, ...], field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        ReferralFee(category="x", bands=bands, basis=VatBasis.EXCLUSIVE)
    assert caught.value.field == field


def test_band_edges_and_the_minimum_share_a_currency() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        ReferralFee(
            category="x",
            bands=(
                RateBand(rate="0.1", up_to=_usd("5.00")),
                RateBand(rate="0.1", up_to=Money("9.00", "EUR")),
                RateBand(rate="0.2"),
            ),
            basis=VatBasis.EXCLUSIVE,
        )
    assert caught.value.field == "bands[1].up_to"
    with pytest.raises(CurrencyMismatchError) as caught:
        ReferralFee(
            category="x",
            bands=(RateBand(rate="0.1", up_to=_usd("5.00")), RateBand(rate="0.2")),
            minimum=Money("0.30", "EUR"),
            basis=VatBasis.EXCLUSIVE,
        )
    assert caught.value.field == "minimum"
    with pytest.raises(CurrencyMismatchError) as caught:
        ELECTRONICS.fee(Money("5.00", "EUR"))
    assert caught.value.field == "base"


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"rate": "1.5"}, InvalidInputError, "rate"),
        ({"rate": 0.15}, InvalidTypeError, "rate"),
        ({"rate": "0.1", "up_to": _usd("-1")}, InvalidInputError, "up_to"),
        ({"rate": "0.1", "up_to": "5"}, InvalidTypeError, "up_to"),
    ],
)
def test_rate_band_refuses_bad_values(
    kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        RateBand(**kwargs)  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field


def test_referral_fee_refuses_bad_enums_and_bases() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        ReferralFee.flat("0.1", basis="inclusive")  # type: ignore[arg-type]
    assert caught.value.field == "basis"
    with pytest.raises(InvalidTypeError) as caught:
        ReferralFee(
            category="x",
            bands=(RateBand(rate="0.1"),),
            basis=VatBasis.INCLUSIVE,
            mode="whole",  # type: ignore[arg-type]
        )
    assert caught.value.field == "mode"
    with pytest.raises(InvalidTypeError) as caught:
        ELECTRONICS.fee("5.00")  # type: ignore[arg-type]
    assert caught.value.field == "base"


# -- card fees -------------------------------------------------------------------

STRIPE = PaymentFee(
    name="Stripe US",
    rate="0.029",
    fixed=_usd("0.30"),
    international_card="0.015",
    currency_conversion="0.01",
)


def test_card_fee_surcharges_stack_only_when_they_apply() -> None:
    assert STRIPE.total_rate == Decimal("0.029")
    assert STRIPE.for_sale(international=True, converted=False).total_rate == Decimal(
        "0.044"
    )
    both = STRIPE.for_sale(international=True, converted=True)
    assert both.total_rate == Decimal("0.054")
    # 5.4% of 100.00 + 0.30 = 5.70.
    assert both.fee(_usd("100.00")) == _usd("5.70")
    assert [label for label, _ in both.components()] == [
        "Payment processing (2.9% + 0.30 USD)",
        "International card surcharge (1.5%)",
        "Currency conversion surcharge (1%)",
    ]
    assert both.description == (
        "Stripe US: 5.4% of the charge + 0.30 USD per transaction (2.9% + 1.5% + 1%)"
    )


def test_card_fee_rounds_with_its_named_mode() -> None:
    # 2.9% of 0.50 = 0.0145 + 0.30 = 0.3145: half-up 0.31, ceiling 0.32.
    assert STRIPE.fee(_usd("0.50")) == _usd("0.31")
    ceiling = PaymentFee(
        name="x", rate="0.029", fixed=_usd("0.30"), rounding=RoundingMode.CEILING
    )
    assert ceiling.fee(_usd("0.50")) == _usd("0.32")


def test_card_fee_refuses_bad_inputs() -> None:
    caught: pytest.ExceptionInfo[XborderError]
    with pytest.raises(InvalidInputError) as caught:
        PaymentFee(
            name="x",
            rate="0.6",
            fixed=_usd("0.30"),
            international_card="0.5",
            international=True,
        )
    assert caught.value.field == "rate"
    with pytest.raises(InvalidTypeError) as caught:
        PaymentFee(name="x", rate="0.1", fixed=_usd("0.30"), international="yes")  # type: ignore[arg-type]
    assert caught.value.field == "international"
    with pytest.raises(InvalidTypeError) as caught:
        PaymentFee(name="x", rate="0.1", fixed=_usd("0.30"), rounding="half-up")  # type: ignore[arg-type]
    assert caught.value.field == "rounding"
    with pytest.raises(InvalidTypeError) as caught:
        PaymentFee(name="x", rate="0.1", fixed=_usd("0.30"), validity="2025")  # type: ignore[arg-type]
    assert caught.value.field == "validity"
    with pytest.raises(CurrencyMismatchError) as caught:
        STRIPE.fee(Money("1.00", "EUR"))
    assert caught.value.field == "charge"
    with pytest.raises(InvalidTypeError) as caught:
        STRIPE.fee(1)  # type: ignore[arg-type]
    assert caught.value.field == "charge"


# -- schedules --------------------------------------------------------------------


def test_a_schedule_keeps_every_amount_in_its_currency() -> None:
    with pytest.raises(CurrencyMismatchError) as caught:
        FeeSchedule(name="x", currency="EUR", fulfilment=_usd("2.70"))
    assert caught.value.field == "fulfilment"
    with pytest.raises(CurrencyMismatchError) as caught:
        FeeSchedule(name="x", currency="EUR", referral=ELECTRONICS)
    assert caught.value.field == "referral.minimum"
    with pytest.raises(CurrencyMismatchError) as caught:
        FeeSchedule(name="x", currency="EUR", payment=STRIPE)
    assert caught.value.field == "payment.fixed"
    with pytest.raises(CurrencyMismatchError) as caught:
        FeeSchedule(
            name="x",
            currency="EUR",
            fixed=(FixedAmount(label="Closing fee", amount=_usd("1.80")),),
        )
    assert caught.value.field == "fixed[0].amount"


def test_a_schedule_refuses_fractions_of_a_minor_unit() -> None:
    with pytest.raises(InvalidInputError) as caught:
        FeeSchedule(name="x", currency="USD", storage=_usd("0.125"))
    assert caught.value.field == "storage"


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"payout_conversion": "1"}, InvalidInputError, "payout_conversion"),
        ({"payout_conversion": 0.01}, InvalidTypeError, "payout_conversion"),
        ({"referral": "15%"}, InvalidTypeError, "referral"),
        ({"payment": "Stripe"}, InvalidTypeError, "payment"),
        ({"fixed": [1]}, InvalidTypeError, "fixed[0]"),
        ({"fulfilment": _usd("-1.00")}, InvalidInputError, "fulfilment"),
        ({"illustrative": 1}, InvalidTypeError, "illustrative"),
        ({"name": " "}, InvalidInputError, "name"),
    ],
)
def test_schedule_refuses_bad_fields(
    kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        FeeSchedule(**{"name": "x", "currency": "USD", **kwargs})  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field


def test_schedule_helpers() -> None:
    schedule = FeeSchedule(
        name="x",
        currency="USD",
        fixed=(
            FixedAmount(label="Closing fee", amount=_usd("1.80")),
            FixedAmount(label="Per-item fee", amount=_usd("0.99")),
        ),
        payment=STRIPE,
    )
    sku = schedule.with_unit_fees(fulfilment=_usd("3.22"), storage=_usd("0.05"))
    assert sku.fixed_total == Decimal("2.79")
    assert sku.unit_fees == Decimal("3.27")
    assert sku.source is None
    assert str(sku.fixed[0]) == "Closing fee: 1.80 USD"
    abroad = sku.with_payment(international=True, converted=True)
    assert abroad.payment is not None
    assert abroad.payment.total_rate == Decimal("0.054")
    with pytest.raises(InvalidInputError) as caught:
        FeeSchedule(name="x", currency="USD").with_payment(
            international=True, converted=False
        )
    assert caught.value.field == "payment"


@given(xst.fee_schedules())
def test_drawn_schedules_are_consistent(schedule: FeeSchedule) -> None:
    for money in (schedule.fulfilment, schedule.storage):
        assert money is None or money.currency == schedule.currency
    if schedule.referral is not None and schedule.referral.currency is not None:
        assert schedule.referral.currency == schedule.currency


def _any(value: object) -> Any:
    """A deliberately wrong value, typed ``Any`` so the test may pass it."""
    return value
