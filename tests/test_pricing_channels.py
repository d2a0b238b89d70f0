"""Channel comparison and the illustrative presets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
    XborderError,
)
from xborder.fx import FxRate, FxTable
from xborder.money import Money
from xborder.pricing import (
    AdSpend,
    Channel,
    ChannelComparison,
    ChannelKind,
    FeeSchedule,
    Listing,
    PaymentFee,
    UnitCosts,
    Vat,
    compare_channels,
    presets,
)
from xborder.testing import strategies as xst

DAY = dt.date(2026, 11, 2)
FX = FxTable(rates=(FxRate(base="USD", quote="EUR", rate="0.8650", as_of=DAY),))
GERMANY = Vat(rate="0.19")


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _channels() -> list[Channel]:
    costs = UnitCosts(landed=Money("3.40", "USD"))
    fba = Listing(
        fees=presets.AMAZON_DE_ELECTRONICS_ACCESSORIES.with_unit_fees(
            fulfilment=_eur("2.70")
        ),
        costs=costs,
        vat=GERMANY,
        fx=FX,
    )
    self_fulfilled = Listing(
        fees=presets.AMAZON_DE_ELECTRONICS_ACCESSORIES,
        costs=UnitCosts(landed=costs.landed, fulfilment=_eur("3.10")),
        vat=GERMANY,
        fx=FX,
    )
    site = Listing(
        fees=FeeSchedule(
            name="Own site (Stripe EEA)",
            currency="EUR",
            payment=presets.STRIPE_EEA_CARDS,
        ),
        costs=UnitCosts(landed=costs.landed, fulfilment=_eur("3.10")),
        vat=GERMANY,
        ads=AdSpend.per_order(_eur("4.00")),
        fx=FX,
    )
    price = _eur("14.99")
    return [
        Channel(
            name="Amazon.de FBA",
            kind=ChannelKind.MARKETPLACE_FULFILLED,
            listing=fba,
            price=price,
            sales_include_vat=True,
        ),
        Channel(
            name="Amazon.de self-fulfilled",
            kind=ChannelKind.MARKETPLACE_SELF_FULFILLED,
            listing=self_fulfilled,
            price=price,
            sales_include_vat=True,
        ),
        Channel(
            name="Own site",
            kind=ChannelKind.INDEPENDENT_SITE,
            listing=site,
            price=price,
            sales_include_vat=True,
        ),
    ]


def test_three_channels_side_by_side() -> None:
    comparison = compare_channels(_channels(), target_margin="0.25")
    fba, own_shipping, site = comparison.rows
    # Net 14.99 / 1.19 = 12.60; referral 15% of 14.99 = 2.25; landed 2.94.
    assert fba.contribution == _eur("4.71")  # 12.60 - 2.25 - 2.70 - 2.94
    assert own_shipping.contribution == _eur("4.31")  # ... - 3.10 instead of 2.70
    # Card: 1.5% of 14.99 + 0.25 = 0.47485 -> 0.47; acquisition 4.00.
    assert site.contribution == _eur("2.09")  # 12.60 - 0.47 - 2.94 - 3.10 - 4.00
    assert site.break_even_cac == _eur("6.09")
    assert fba.break_even_acos is not None
    assert fba.break_even_acos.quantize(Decimal("0.0001")) == Decimal("0.3142")
    assert comparison.best().channel.name == "Amazon.de FBA"
    assert all(row.target_price is not None for row in comparison.rows)
    target = site.target_price
    assert target is not None
    assert target.economics.margin is not None
    assert target.economics.margin >= Decimal("0.25")
    assert comparison.table().splitlines()[0].split() == [
        "channel",
        "price",
        "contribution",
        "margin",
        "BE",
        "ACOS",
        "BE",
        "CAC",
        "price",
        "@",
        "25.0%",
    ]
    assert "Amazon.de FBA" in comparison.table()


def test_channels_in_two_currencies_compare_in_one() -> None:
    us_site = Listing(
        fees=FeeSchedule(
            name="US site", currency="USD", payment=presets.STRIPE_US_CARDS
        ),
        costs=UnitCosts(landed=Money("3.40", "USD")),
    )
    channels = [
        *_channels()[:1],
        Channel(
            name="US site",
            kind=ChannelKind.INDEPENDENT_SITE,
            listing=us_site,
            price=Money("16.99", "USD"),
        ),
    ]
    with pytest.raises(CurrencyMismatchError) as caught:
        compare_channels(channels)
    assert caught.value.field == "channels[1].price"
    comparison = compare_channels(channels, currency="EUR", fx=FX)
    us = comparison.rows[1]
    # 16.99 - (2.9% of 16.99 + 0.30 = 0.79) - 3.40 = 12.80 USD = 11.07 EUR.
    assert us.contribution == Money("12.80", "USD")
    assert us.contribution_reported == _eur("11.07")
    assert comparison.best() is us


def test_a_vat_inclusive_channel_must_say_how_its_ads_count_sales() -> None:
    channel = _channels()[0]
    unsure = Channel(
        name=channel.name,
        kind=channel.kind,
        listing=channel.listing,
        price=channel.price,
    )
    with pytest.raises(InvalidInputError) as caught:
        compare_channels([unsure])
    assert caught.value.field == "channels[0].sales_include_vat"


def test_comparison_refuses_bad_input() -> None:
    caught: pytest.ExceptionInfo[XborderError]
    with pytest.raises(InvalidInputError) as caught:
        compare_channels([])
    assert caught.value.field == "channels"
    with pytest.raises(InvalidTypeError) as caught:
        compare_channels(["Amazon"])  # type: ignore[list-item]
    assert caught.value.field == "channels[0]"
    channel = _channels()[0]
    wrong = Channel(
        name="x",
        kind=channel.kind,
        listing=channel.listing,
        price=Money("14.99", "USD"),
        sales_include_vat=True,
    )
    with pytest.raises(CurrencyMismatchError) as caught:
        compare_channels([wrong])
    assert caught.value.field == "channels[0].price"
    with pytest.raises(InvalidInputError) as caught:
        compare_channels(_channels(), target_margin="1")
    assert caught.value.field == "target_margin"
    with pytest.raises(InvalidTypeError) as caught:
        Channel(name="x", kind="site", listing=channel.listing, price=channel.price)  # type: ignore[arg-type]
    assert caught.value.field == "kind"
    with pytest.raises(InvalidTypeError) as caught:
        Channel(name="x", kind=channel.kind, listing="x", price=channel.price)  # type: ignore[arg-type]
    assert caught.value.field == "listing"
    with pytest.raises(InvalidTypeError) as caught:
        Channel(
            name="x",
            kind=channel.kind,
            listing=channel.listing,
            price=channel.price,
            sales_include_vat=_any("yes"),
        )
    assert caught.value.field == "sales_include_vat"
    zero = Channel(
        name="x",
        kind=channel.kind,
        listing=channel.listing,
        price=_eur("0"),
        sales_include_vat=True,
    )
    with pytest.raises(InvalidInputError) as caught:
        compare_channels([zero])
    assert caught.value.field == "channels[0].price"


@given(xst.channel_comparisons())
def test_the_best_channel_has_the_highest_contribution(
    comparison: ChannelComparison,
) -> None:
    best = comparison.best()
    for row in comparison.rows:
        assert row.contribution_reported <= best.contribution_reported
        assert row.break_even_cac == row.economics.contribution_before_ads
        assert row.margin == row.economics.margin


# -- presets ---------------------------------------------------------------------


@pytest.mark.parametrize("preset", presets.ALL, ids=lambda p: p.name)
def test_every_preset_is_labelled_illustrative_with_a_source_and_a_date(
    preset: FeeSchedule | PaymentFee,
) -> None:
    assert "illustrative" in preset.name
    validity = preset.validity
    assert validity is not None
    assert validity.note is not None
    assert validity.note.startswith("Illustrative example, not live truth.")
    assert validity.source.startswith("https://")
    assert validity.valid_from.year >= 2020
    if isinstance(preset, FeeSchedule):
        assert preset.illustrative


def test_presets_are_selected_by_date() -> None:
    preset = presets.AMAZON_EU_CAR_AND_MOTORBIKE_2021
    assert presets.in_force(preset, dt.date(2021, 6, 8)) is preset
    with pytest.raises(RuleNotApplicableError) as caught:
        presets.in_force(preset, dt.date(2021, 6, 7))
    assert caught.value.field == "as_of"


def test_marketplace_presets_are_in_their_own_currency_and_basis() -> None:
    assert presets.AMAZON_US_ELECTRONICS_ACCESSORIES.currency.code == "USD"
    de = presets.AMAZON_DE_ELECTRONICS_ACCESSORIES
    assert de.currency.code == "EUR"
    assert de.referral is not None
    assert de.referral.minimum is None
    assert de.referral.basis.value == "inclusive"


def _any(value: object) -> Any:
    """A deliberately wrong value, typed ``Any`` so the test may pass it."""
    return value
