"""Bad inputs found by the hardening sweep: each names its field, none is swallowed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.fx import FxRate, FxTable
from xborder.money import Money, RoundingMode
from xborder.pricing import (
    EndingDirection,
    FeeSchedule,
    Market,
    PaymentFee,
    PriceEnding,
    ReferralFee,
    UnitCosts,
    Vat,
    VatBasis,
    break_even_acos,
    break_even_price,
    consumer_price,
    localise_price,
    localise_prices,
    max_cpc,
    split_vat,
    target_margin_price,
    target_markup_price,
    unit_economics,
)

if TYPE_CHECKING:
    from collections.abc import Callable


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def usd(amount: str) -> Money:
    return Money(amount, "USD")


OWN_SITE = FeeSchedule(name="Own site", currency="EUR")
COSTS = UnitCosts(landed=eur("3.10"))
STRIPE = PaymentFee(name="card", rate="0.029", fixed=usd("0.30"))
FX = FxTable(
    rates=(FxRate(base="USD", quote="EUR", rate="0.8650", as_of=dt.date(2026, 11, 2)),)
)
GERMANY = Market(
    name="DE", currency="EUR", vat=Vat(rate="0.19"), ending=PriceEnding.ends_in("0.99")
)
LOCALISE: dict[str, Any] = {
    "fx": FX,
    "fx_rounding": RoundingMode.HALF_UP,
    "direction": EndingDirection.UP,
}


def _waterfall() -> object:
    return unit_economics(eur("10.00"), fees=OWN_SITE, costs=COSTS)


CASES: list[tuple[str, Callable[[], object], type[XborderError], str]] = [
    # No VAT or GST is 100%: "1" is a slip for 1% and would halve every net.
    ("VAT rate 1", lambda: Vat(rate="1"), InvalidInputError, "rate"),
    ("VAT rate 1.5", lambda: Vat(rate="1.5"), InvalidInputError, "rate"),
    (
        "max CPC on a negative order",
        lambda: max_cpc(eur("-20"), conversion_rate="0.1", acos="0.2"),
        InvalidInputError,
        "order_value",
    ),
    (
        "break-even ACOS flag 1",
        lambda: break_even_acos(_waterfall(), sales_include_vat=1),  # type: ignore[arg-type]
        InvalidTypeError,
        "sales_include_vat",
    ),
    (
        "referral fee on a negative price",
        lambda: ReferralFee.flat(
            "0.15", basis=VatBasis.EXCLUSIVE, minimum=usd("0.30")
        ).fee(usd("-1")),
        InvalidInputError,
        "base",
    ),
    (
        "card fee on a negative charge",
        lambda: STRIPE.fee(usd("-10")),
        InvalidInputError,
        "charge",
    ),
    (
        "localise a negative reference",
        lambda: localise_price(usd("-10"), GERMANY, **LOCALISE),
        InvalidInputError,
        "reference",
    ),
    (
        "localise a zero reference",
        lambda: localise_price(usd("0"), GERMANY, **LOCALISE),
        InvalidInputError,
        "reference",
    ),
    (
        "localise into a string of markets",
        lambda: localise_prices(usd("10"), "DE", **LOCALISE),  # type: ignore[arg-type]
        InvalidTypeError,
        "markets",
    ),
    (
        "localise into a non-market",
        lambda: localise_prices(usd("10"), [GERMANY, "FR"], **LOCALISE),  # type: ignore[list-item]
        InvalidTypeError,
        "markets[1]",
    ),
    # Used to escape as decimal.Overflow while printing the markup as a percentage.
    (
        "markup at the exponent limit",
        lambda: target_markup_price(Decimal("1E+999998"), fees=OWN_SITE, costs=COSTS),
        InvalidInputError,
        "markup",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_is_refused_by_name(
    call: Callable[[], object], error: type[XborderError], field: str
) -> None:
    with pytest.raises(error) as raised:
        call()
    assert raised.value.field == field


@pytest.mark.parametrize(
    ("referral", "payment"),
    [("0.60", "0.40"), ("0.70", "0.40"), ("0.99", "0.01")],
    ids=["exactly 100%", "above 100%", "99% + 1%"],
)
def test_fees_that_take_the_whole_price_have_no_break_even(
    referral: str, payment: str
) -> None:
    # Percentages of the price that add up to 100% or more leave nothing of
    # an extra euro: a clear error, never a division by zero or a negative price.
    fees = FeeSchedule(
        name="greedy",
        currency="EUR",
        referral=ReferralFee.flat(referral, basis=VatBasis.EXCLUSIVE),
        payment=PaymentFee(name="card", rate=payment, fixed=eur("0.30")),
    )
    with pytest.raises(InvalidInputError) as raised:
        break_even_price(fees=fees, costs=COSTS)
    assert raised.value.field == "fees"
    assert "no price reaches it" in str(raised.value)
    with pytest.raises(InvalidInputError) as raised:
        target_margin_price("0.10", fees=fees, costs=COSTS)
    assert raised.value.field == "margin"


@pytest.mark.parametrize("digits", [30, 60, 120])
def test_vat_splits_large_prices_exactly(digits: int) -> None:
    # The default decimal context (28 digits) used to fail with
    # InvalidOperation when rounding the net of a price this long.
    price = Money(Decimal(10) ** digits, "EUR")
    vat = Vat(rate="0.19")
    split = split_vat(price, vat)
    assert split.net + split.tax == price
    gross = consumer_price(split.net, vat)
    assert gross.net == split.net
    assert gross.gross.amount >= gross.net.amount


def test_a_vat_rate_just_below_one_is_still_a_rate() -> None:
    assert Vat(rate="0.999").rate == Decimal("0.999")


MARKETPLACE = FeeSchedule(
    name="Marketplace",
    currency="EUR",
    referral=ReferralFee.flat("0.15", basis=VatBasis.INCLUSIVE),
    fulfilment=eur("2.70"),
    payment=PaymentFee(name="card", rate="0.029", fixed=eur("0.30")),
)


def test_the_waterfall_adds_up_just_below_its_range() -> None:
    price = eur("999999999999999999999.99")
    economics = unit_economics(
        price, fees=MARKETPLACE, costs=COSTS, vat=Vat(rate="0.19")
    )
    lines = Money.total((line.amount for line in economics.lines), currency="EUR")
    assert lines + economics.contribution == price


RANGE_CASES: list[tuple[str, Callable[[], object], str]] = [
    # Past 10^21 the waterfall's 28-digit sums used to round: at 10^30 its
    # lines missed the price by 6.10 EUR, silently.
    (
        "price",
        lambda: unit_economics(eur("1E+30"), fees=MARKETPLACE, costs=COSTS),
        "price",
    ),
    (
        "landed cost",
        lambda: unit_economics(
            eur("10.00"), fees=MARKETPLACE, costs=UnitCosts(landed=eur("1E+21"))
        ),
        "costs.landed",
    ),
    (
        "fees",
        lambda: unit_economics(
            eur("10.00"),
            fees=FeeSchedule(name="x", currency="EUR", fulfilment=eur("1E+22")),
            costs=COSTS,
        ),
        "fees",
    ),
    (
        "solved price",
        lambda: break_even_price(
            fees=FeeSchedule(
                name="x",
                currency="EUR",
                referral=ReferralFee.flat(
                    "0.99999999999999999999", basis=VatBasis.EXCLUSIVE
                ),
            ),
            costs=UnitCosts(landed=eur("100.00")),
        ),
        "fees",
    ),
]


@pytest.mark.parametrize(
    ("call", "field"),
    [case[1:] for case in RANGE_CASES],
    ids=[case[0] for case in RANGE_CASES],
)
def test_amounts_beyond_the_exact_range_are_refused(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        call()
    assert raised.value.field == field
    assert "10^21" in str(raised.value)
