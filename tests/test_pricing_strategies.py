"""The pricing strategies yield valid models and resolve through st.from_type."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.money import Currency
from xborder.testing import strategies as xst
from xborder.testing.strategies._pricing import REGISTERED as INPUTS
from xborder.testing.strategies._pricing_results import REGISTERED as RESULTS

if TYPE_CHECKING:
    from xborder.pricing import FeeSchedule, Listing, Market, UnitEconomics

JPY = Currency("JPY")


@pytest.mark.parametrize("model", [*INPUTS, *RESULTS], ids=lambda m: m.__name__)
def test_from_type_resolves_every_pricing_model(model: type) -> None:
    @settings(max_examples=10)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()


@given(xst.listings(currency=st.just(JPY)))
def test_listings_draw_every_amount_in_one_currency(listing: Listing) -> None:
    fees = listing.fees
    assert fees.currency == JPY
    assert listing.costs.landed.currency == JPY
    if listing.returns is not None and listing.returns.handling is not None:
        assert listing.returns.handling.currency == JPY
    if listing.ads is not None and listing.ads.per_unit is not None:
        assert listing.ads.per_unit.currency == JPY


@given(xst.fee_schedules())
def test_drawn_schedules_keep_proportional_rates_below_one(
    schedule: FeeSchedule,
) -> None:
    rates = schedule.payout_conversion
    if schedule.payment is not None:
        rates += schedule.payment.total_rate
    if schedule.referral is not None:
        rates += max(band.rate for band in schedule.referral.bands)
    assert rates < 1


@given(xst.markets())
def test_markets_carry_a_matching_listing(market: Market) -> None:
    assert market.listing is not None
    assert market.listing.vat == market.vat
    assert market.listing.currency == market.currency


@given(xst.unit_economics_results(currency=st.just(Currency("KWD"))))
def test_waterfalls_in_three_decimal_currencies(economics: UnitEconomics) -> None:
    assert economics.price.currency.exponent == 3
    assert economics.contribution.is_quantized()
