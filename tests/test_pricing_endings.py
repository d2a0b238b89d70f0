"""Price endings and localised prices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    XborderError,
)
from xborder.fx import FxRate, FxTable
from xborder.money import Currency, Money, RoundingMode
from xborder.pricing import (
    EndingDirection,
    FeeSchedule,
    Listing,
    LocalisedPrice,
    Market,
    PriceEnding,
    ReferralFee,
    UnitCosts,
    Vat,
    VatBasis,
    apply_price_ending,
    localise_price,
    localise_prices,
    presets,
    price_for_margin,
)
from xborder.testing import strategies as xst

UP, DOWN, NEAREST = EndingDirection.UP, EndingDirection.DOWN, EndingDirection.NEAREST
CHARM = PriceEnding.ends_in("0.99")


@pytest.mark.parametrize(
    ("price", "ending", "direction", "expected"),
    [
        ("17.62 EUR", CHARM, UP, "17.99 EUR"),
        ("17.62 EUR", CHARM, DOWN, "16.99 EUR"),
        ("17.62 EUR", CHARM, NEAREST, "17.99 EUR"),
        ("17.40 EUR", CHARM, NEAREST, "16.99 EUR"),
        ("17.49 EUR", CHARM, NEAREST, "17.99 EUR"),  # a tie goes up
        ("17.99 EUR", CHARM, DOWN, "17.99 EUR"),  # already on the policy
        ("0.50 EUR", CHARM, DOWN, "0.99 EUR"),  # never down to zero or below
        ("17.62 EUR", PriceEnding.ends_in("0.95"), UP, "17.95 EUR"),
        ("17.62 EUR", PriceEnding.ends_in("0.90"), DOWN, "16.90 EUR"),
        ("17.62 EUR", PriceEnding.multiple_of(1), NEAREST, "18.00 EUR"),
        ("10.03 CHF", PriceEnding.multiple_of("0.05"), NEAREST, "10.05 CHF"),
        ("10.02 CHF", PriceEnding.multiple_of("0.05"), NEAREST, "10.00 CHF"),
        ("1834 JPY", PriceEnding.ends_in("980", step=1000), UP, "1980 JPY"),
        ("1834 JPY", PriceEnding.ends_in("980", step=1000), DOWN, "980 JPY"),
        ("1834 JPY", PriceEnding.ends_in("80", step=100), NEAREST, "1880 JPY"),
        ("1834 JPY", PriceEnding.multiple_of(10), DOWN, "1830 JPY"),
    ],
)
def test_price_endings(
    price: str, ending: PriceEnding, direction: EndingDirection, expected: str
) -> None:
    amount, code = price.split()
    result = apply_price_ending(Money(amount, code), ending, direction=direction)
    assert str(result) == expected


@given(st.data())
def test_an_ending_moves_a_price_onto_the_policy_in_the_direction_asked(
    data: st.DataObject,
) -> None:
    currency = data.draw(xst.currencies())
    ending = data.draw(xst.price_endings(currency=st.just(currency)))
    price = data.draw(xst.money_values(currency=st.just(currency), min_value=0))
    direction = data.draw(st.sampled_from(EndingDirection))
    if price.amount <= 0:
        return
    result = apply_price_ending(price, ending, direction=direction)
    amount, step = result.amount, ending.step
    assert amount > 0
    assert (amount - ending.ending) % step == 0  # on the policy
    # Down and nearest may only go up when no allowed price above zero is
    # at or below the price.
    no_lower = amount - step <= 0
    if direction is UP:
        assert price.amount <= amount < price.amount + step
    elif direction is DOWN:
        assert amount <= price.amount or no_lower
        assert amount > price.amount - step
    else:
        assert abs(amount - price.amount) * 2 <= step or no_lower


def test_an_ending_finer_than_the_currency_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        apply_price_ending(Money("1834", "JPY"), CHARM, direction=UP)
    assert caught.value.field in {"ending.step", "ending.ending"}
    assert "JPY has a minor unit of 1" in str(caught.value)


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: PriceEnding(step="1", ending="1"), InvalidInputError, "ending"),
        (lambda: PriceEnding(step="0"), InvalidInputError, "step"),
        (lambda: PriceEnding(step="1", ending="-0.01"), InvalidInputError, "ending"),
        (lambda: PriceEnding(step=_any(1.0)), InvalidTypeError, "step"),
        (lambda: PriceEnding(step=1, label=_any(3)), InvalidTypeError, "label"),
        (
            lambda: apply_price_ending(_any("1"), CHARM, direction=UP),
            InvalidTypeError,
            "price",
        ),
        (
            lambda: apply_price_ending(Money("1", "EUR"), _any("x"), direction=UP),
            InvalidTypeError,
            "ending",
        ),
        (
            lambda: apply_price_ending(Money("1", "EUR"), CHARM, direction=_any("up")),
            InvalidTypeError,
            "direction",
        ),
        (
            lambda: apply_price_ending(Money("0", "EUR"), CHARM, direction=UP),
            InvalidInputError,
            "price",
        ),
    ],
)
def test_bad_endings_name_their_field(
    call: object, error: type[Exception], field: str
) -> None:
    assert callable(call)
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field


# -- localised prices ------------------------------------------------------------

DAY = dt.date(2026, 11, 2)
FX = FxTable(
    rates=(
        FxRate(base="USD", quote="EUR", rate="0.8650", as_of=DAY),
        FxRate(base="USD", quote="GBP", rate="0.7610", as_of=DAY),
        FxRate(base="USD", quote="JPY", rate="153.20", as_of=DAY),
    ),
    pivot="USD",
)
LANDED = Money("3.40", "USD")


def _amazon(currency: str, vat: Vat | None, rate: str = "0.15") -> Listing:
    basis = VatBasis.INCLUSIVE if vat is not None else VatBasis.EXCLUSIVE
    return Listing(
        fees=FeeSchedule(
            name=f"Amazon {currency}",
            currency=currency,
            referral=ReferralFee.flat(rate, basis=basis),
        ),
        costs=UnitCosts(landed=LANDED),
        vat=vat,
        fx=FX,
    )


GERMANY = Vat(rate="0.19")
JAPAN = Vat(rate="0.10", label="consumption tax")
MARKETS = (
    Market(
        name="Amazon.com",
        currency="USD",
        ending=CHARM,
        listing=_amazon("USD", None),
        target_margin="0.30",
    ),
    Market(
        name="Amazon.de",
        currency="EUR",
        vat=GERMANY,
        ending=CHARM,
        listing=_amazon("EUR", GERMANY),
        target_margin="0.30",
    ),
    Market(
        name="Amazon.co.jp",
        currency="JPY",
        vat=JAPAN,
        ending=PriceEnding.ends_in("80", step=100),
        listing=_amazon("JPY", JAPAN, "0.10"),
    ),
)


def test_one_reference_price_localised_for_three_markets() -> None:
    results = localise_prices(
        Money("9.99", "USD"),
        MARKETS,
        fx=FX,
        fx_rounding=RoundingMode.HALF_UP,
        direction=UP,
    )
    rows = [(str(r.converted), str(r.with_vat), str(r.price)) for r in results]
    assert rows == [
        ("9.99 USD", "9.99 USD", "9.99 USD"),
        # 9.99 x 0.865 = 8.64; + 19% -> 10.28 (10.28 / 1.19 = 8.6386 -> 8.64).
        ("8.64 EUR", "10.28 EUR", "10.99 EUR"),
        # 9.99 x 153.20 = 1530.468 -> 1530; + 10% -> 1683; ends in 80 -> 1780.
        ("1530 JPY", "1683 JPY", "1780 JPY"),
    ]
    us, de, jp = results
    # US: 9.99 - 1.50 referral - 3.40 landed = 5.09 -> 50.95%.
    assert us.economics is not None
    assert us.economics.contribution == Money("5.09", "USD")
    assert us.meets_target is True
    assert us.margin_change == Decimal(0)
    # DE at 10.99: net 9.24, referral 1.65, landed 2.94 -> 4.65 (50.32%).
    assert de.economics is not None
    assert de.economics.contribution == Money("4.65", "EUR")
    change = de.margin_change
    assert change is not None
    assert change > 0
    assert jp.meets_target is None  # no target set for Japan


def test_a_market_without_a_listing_still_gets_a_price() -> None:
    bare = Market(name="UK", currency="GBP", vat=Vat(rate="0.20"), ending=CHARM)
    result = localise_price(
        Money("9.99", "USD"),
        bare,
        fx=FX,
        fx_rounding=RoundingMode.HALF_UP,
        direction=DOWN,
    )
    # 9.99 x 0.7610 = 7.60; + 20% = 9.12; down to 8.99.
    assert (result.with_vat, result.price) == (
        Money("9.12", "GBP"),
        Money("8.99", "GBP"),
    )
    assert result.economics is None
    assert result.margin is None
    assert result.margin_change is None
    assert result.meets_target is None


def test_price_for_margin_solves_then_rounds_up_onto_the_ending() -> None:
    de = MARKETS[1]
    result = price_for_margin(de, "0.30")
    assert result.solution is not None
    assert result.with_vat == result.solution.price
    assert result.price.amount % 1 == Decimal("0.99")
    assert result.meets_target is True
    assert result.margin is not None
    assert result.margin >= Decimal("0.30")


def test_price_for_margin_reports_a_miss_when_the_ending_crosses_a_fee_band() -> None:
    # Beauty: 8% up to $10.00, 15% above. A 41% margin solves to 9.80 on
    # the 8% band (9.80 - 0.78 - 5.00 = 4.02, 41.02%). Rounding up onto .99
    # gives 9.99, still on the band; a policy of x.05 and x.55 gives 10.05,
    # past the edge, where the whole price pays 15%.
    listing = Listing(
        fees=presets.AMAZON_US_BEAUTY, costs=UnitCosts(landed=Money("5.00", "USD"))
    )
    step = Market(
        name="US",
        currency="USD",
        ending=PriceEnding.ends_in("0.05", step="0.50"),
        listing=listing,
        target_margin="0.41",
    )
    result = price_for_margin(step, "0.41")
    assert result.with_vat == Money("9.80", "USD")
    assert result.price == Money("10.05", "USD")
    assert result.meets_target is False  # the 15% band took the margin
    assert result.margin_change is not None
    assert result.margin_change < 0


@given(xst.localised_prices())
def test_drawn_localised_prices_move_up_and_keep_the_waterfall(
    result: LocalisedPrice,
) -> None:
    assert result.price >= result.with_vat
    assert result.economics is not None
    assert result.economics.price == result.price


def test_market_checks_its_listing() -> None:
    caught: pytest.ExceptionInfo[XborderError]
    with pytest.raises(CurrencyMismatchError) as caught:
        Market(name="x", currency="EUR", ending=CHARM, listing=_amazon("USD", None))
    assert caught.value.field == "listing.fees.currency"
    with pytest.raises(InvalidInputError) as caught:
        Market(name="x", currency="EUR", ending=CHARM, listing=_amazon("EUR", GERMANY))
    assert caught.value.field == "listing.vat"
    with pytest.raises(InvalidTypeError) as caught:
        Market(name="x", currency="EUR", ending="0.99")  # type: ignore[arg-type]
    assert caught.value.field == "ending"
    with pytest.raises(InvalidTypeError) as caught:
        Market(name="x", currency="EUR", ending=CHARM, listing="x")  # type: ignore[arg-type]
    assert caught.value.field == "listing"
    with pytest.raises(InvalidTypeError) as caught:
        Market(name="x", currency="EUR", ending=CHARM, vat="x")  # type: ignore[arg-type]
    assert caught.value.field == "vat"
    with pytest.raises(InvalidInputError) as caught:
        Market(name="x", currency="EUR", ending=CHARM, target_margin="1")
    assert caught.value.field == "target_margin"


def test_localise_refuses_bad_arguments() -> None:
    caught: pytest.ExceptionInfo[XborderError]
    market = MARKETS[0]
    with pytest.raises(InvalidTypeError) as caught:
        localise_price(
            _any("9.99"), market, fx=FX, fx_rounding=RoundingMode.HALF_UP, direction=UP
        )
    assert caught.value.field == "reference"
    with pytest.raises(InvalidTypeError) as caught:
        localise_price(
            Money("9.99", "USD"),
            _any("US"),
            fx=FX,
            fx_rounding=RoundingMode.HALF_UP,
            direction=UP,
        )
    assert caught.value.field == "market"
    with pytest.raises(InvalidTypeError) as caught:
        localise_price(
            Money("9.99", "USD"),
            market,
            fx=FX,
            fx_rounding=RoundingMode.HALF_UP,
            direction=_any("up"),
        )
    assert caught.value.field == "direction"
    chf = Market(name="CH", currency="CHF", ending=PriceEnding.multiple_of("0.05"))
    with pytest.raises(MissingFxRateError) as caught:
        localise_price(
            Money("9.99", "USD"),
            chf,
            fx=FX,
            fx_rounding=RoundingMode.HALF_UP,
            direction=UP,
        )
    assert caught.value.field == "quote"
    with pytest.raises(InvalidInputError) as caught:
        price_for_margin(Market(name="x", currency="EUR", ending=CHARM), "0.3")
    assert caught.value.field == "market.listing"
    with pytest.raises(InvalidTypeError) as caught:
        price_for_margin("x", "0.3")  # type: ignore[arg-type]
    assert caught.value.field == "market"
    with pytest.raises(InvalidInputError) as caught:
        price_for_margin(market, "1.2")
    assert caught.value.field == "margin"


def test_currency_constants() -> None:
    assert Currency("JPY").minor_unit == 1


def _any(value: object) -> Any:
    """A deliberately wrong value, typed ``Any`` so the test may pass it."""
    return value
