"""Target ACOS and TACoS from a margin to keep, and the bid that follows.

Golden figures, sources retrieved 2026-12-07:

* target ACOS = margin before ad spend (break-even ACOS) − target margin after
  PPC; 20% − 5% = 15% (Sellics, "How to set the right target ACOS",
  https://sellics.zendesk.com/hc/en-us/articles/115004241714-How-to-Set-the-Right-Target-ACOS);
* CPC threshold = AOV × target ACOS × CVR; $20 × 25% × 12.5% = $0.625
  (AMZ Ascension, "How to control your ACoS",
  https://www.amzascension.com/post/how-to-control-your-acos);
  Ideal CPC = target ACOS × AOV × CVR (Merch Jar, "Metric definitions",
  https://help.merchjar.com/blog/metric-definitions);
* Total ACoS (TACoS) = ad spend / total sales (Advigator,
  https://docs.advigator.com/docs/how-to-choose/target-acos/);
* Horaizon's glossary (price $29.99, costs $18.00, break-even 39.98%), as
  cited by :func:`xborder.pricing.break_even_acos`.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money
from xborder.pricing import (
    AdSpend,
    FeeSchedule,
    UnitCosts,
    UnitEconomics,
    Vat,
    break_even_acos,
    max_cpc,
    target_acos,
    target_max_cpc,
    target_tacos,
    unit_economics,
)

margins = st.decimals(
    min_value=Decimal("-0.99"),
    max_value=Decimal("0.99"),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)
shares = st.decimals(min_value=0, max_value=1, places=3)
rates = st.decimals(min_value=Decimal("0.001"), max_value=1, places=3)
waterfalls = st.from_type(UnitEconomics)


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


def _horaizon() -> UnitEconomics:
    fees = FeeSchedule(name="Own site", currency="USD")
    return unit_economics(
        _usd("29.99"), fees=fees, costs=UnitCosts(landed=_usd("18.00"))
    )


def _german(ads: AdSpend | None = None) -> UnitEconomics:
    return unit_economics(
        Money("11.90", "EUR"),
        fees=FeeSchedule(name="Own site", currency="EUR"),
        costs=UnitCosts(landed=Money("6.00", "EUR")),
        vat=Vat(rate="0.19"),
        ads=ads,
    )


def _basis(economics: UnitEconomics) -> bool | None:
    rule = economics.vat_rule
    return None if rule is None or not rule.rate else False


# -- golden ----------------------------------------------------------------------


def test_horaizon_break_even_less_the_margin_kept() -> None:
    # 11.99 / 29.99 = 39.98% break-even; keeping 15% leaves 24.98% (Sellics).
    acos = target_acos(_horaizon(), margin="0.15")
    assert acos is not None
    assert acos.quantize(Decimal("0.0001")) == Decimal("0.2498")


def test_the_bid_is_target_acos_times_price_times_conversion() -> None:
    # (11.99 - 4.4985) x 10% = 0.74915 -> 0.74 (Merch Jar: ACOS x AOV x CVR).
    economics = _horaizon()
    bid = target_max_cpc(economics, margin="0.15", conversion_rate="0.10")
    assert bid == _usd("0.74")
    acos = target_acos(economics, margin="0.15")
    assert acos is not None
    assert max_cpc(economics.price, conversion_rate="0.10", acos=acos) == bid


def test_vat_inclusive_sales_need_the_basis_and_the_bid_does_not() -> None:
    # 11.90 incl. 19% VAT = 10.00 net; contribution before ads 4.00.
    economics = _german()
    with pytest.raises(InvalidInputError) as caught:
        target_acos(economics, margin="0.10")
    assert caught.value.field == "sales_include_vat"
    assert target_acos(economics, margin="0.10", sales_include_vat=False) == Decimal(
        "0.3"
    )
    gross = target_acos(economics, margin="0.10", sales_include_vat=True)
    assert gross is not None
    assert gross.quantize(Decimal("0.0001")) == Decimal("0.2521")  # 3.00 / 11.90
    assert target_max_cpc(economics, margin="0.10", conversion_rate="0.5") == Money(
        "1.50", "EUR"
    )


def test_ads_already_in_the_waterfall_are_added_back() -> None:
    with_ads = _german(AdSpend.of_sales("0.10", sales_include_vat=False))
    assert target_acos(with_ads, margin="0", sales_include_vat=False) == Decimal("0.4")


def test_sellics_twenty_percent_before_ads_five_kept_is_fifteen() -> None:
    # Sellics: margin before PPC 20%, target margin after PPC 5% -> target 15%.
    economics = unit_economics(
        _usd("100.00"),
        fees=FeeSchedule(name="Own site", currency="USD"),
        costs=UnitCosts(landed=_usd("80.00")),
    )
    assert break_even_acos(economics) == Decimal("0.2")
    assert target_acos(economics, margin="0.05") == Decimal("0.15")


def test_amzascension_cpc_threshold() -> None:
    # AOV $20, target ACOS 25%, CVR 12.5% -> CPC threshold $0.625 (bid 0.62).
    # A $20 unit costing $12 keeps 40% before ads; keeping 15% leaves 25%.
    economics = unit_economics(
        _usd("20.00"),
        fees=FeeSchedule(name="Own site", currency="USD"),
        costs=UnitCosts(landed=_usd("12.00")),
    )
    assert target_acos(economics, margin="0.15") == Decimal("0.25")
    bid = target_max_cpc(economics, margin="0.15", conversion_rate="0.125")
    assert bid == _usd("0.62")


def test_target_tacos_is_target_acos_over_the_ad_attributed_share() -> None:
    economics = unit_economics(
        _usd("25.00"),
        fees=FeeSchedule(name="Own site", currency="USD"),
        costs=UnitCosts(landed=_usd("15.00")),
    )
    assert target_acos(economics, margin="0.15") == Decimal("0.25")
    assert target_tacos(economics, margin="0.15", ad_share="0.40") == Decimal("0.1")
    assert target_tacos(economics, margin="0.15", ad_share="0") == 0


def test_an_unreachable_margin_is_a_negative_acos_and_no_bid() -> None:
    economics = _horaizon()  # margin before ads 39.98%
    acos = target_acos(economics, margin="0.50")
    assert acos is not None
    assert acos < 0
    with pytest.raises(InvalidInputError) as caught:
        target_max_cpc(economics, margin="0.50", conversion_rate="0.1")
    assert caught.value.field == "margin"
    assert caught.value.value == "0.50"
    assert "39.98%" in str(caught.value)
    assert "50.00%" in str(caught.value)


# -- laws ------------------------------------------------------------------------


@given(waterfalls)
def test_at_margin_zero_the_target_is_break_even(economics: UnitEconomics) -> None:
    basis = _basis(economics)
    assert target_acos(economics, margin=0, sales_include_vat=basis) == (
        break_even_acos(economics, sales_include_vat=basis)
    )


@given(waterfalls, margins, margins)
def test_the_target_falls_as_the_margin_rises(
    economics: UnitEconomics, low: Decimal, high: Decimal
) -> None:
    low, high = sorted((low, high))
    basis = _basis(economics)
    first = target_acos(economics, margin=low, sales_include_vat=basis)
    second = target_acos(economics, margin=high, sales_include_vat=basis)
    if first is None or second is None:
        assert first is second is None
        return
    assert second <= first
    if economics.net_revenue.amount > 0 and high > low:
        assert second < first


@given(waterfalls, margins, shares)
def test_tacos_never_exceeds_acos_in_size(
    economics: UnitEconomics, margin: Decimal, share: Decimal
) -> None:
    basis = _basis(economics)
    acos = target_acos(economics, margin=margin, sales_include_vat=basis)
    tacos = target_tacos(
        economics, margin=margin, ad_share=share, sales_include_vat=basis
    )
    if acos is None:
        assert tacos is None
        return
    assert tacos is not None
    assert abs(tacos) <= abs(acos)


@given(waterfalls, margins, rates)
def test_the_bid_keeps_the_margin_and_a_cent_more_would_not(
    economics: UnitEconomics, margin: Decimal, cvr: Decimal
) -> None:
    left = economics.contribution_before_ads.amount - margin * (
        economics.net_revenue.amount
    )
    if left < 0:
        with pytest.raises(InvalidInputError):
            target_max_cpc(economics, margin=margin, conversion_rate=cvr)
        return
    bid = target_max_cpc(economics, margin=margin, conversion_rate=cvr)
    assert bid.amount <= left * cvr
    assert (bid.amount + bid.currency.minor_unit) > left * cvr


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize("margin", ["1", "-1", "2.5", "-7"])
def test_a_margin_outside_minus_one_to_one_is_refused(margin: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        target_acos(_horaizon(), margin=margin)
    assert (caught.value.field, caught.value.value) == ("margin", margin)


@pytest.mark.parametrize("bad", [0.15, True, "NaN", "Infinity"])
def test_a_float_bool_or_nan_margin_is_refused(bad: object) -> None:
    with pytest.raises((InvalidInputError, InvalidTypeError)) as caught:
        target_acos(_horaizon(), margin=bad)  # type: ignore[arg-type]
    assert caught.value.field == "margin"


@pytest.mark.parametrize("share", ["-0.1", "1.01"])
def test_an_ad_share_outside_zero_to_one_is_refused(share: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        target_tacos(_horaizon(), margin="0.1", ad_share=share)
    assert (caught.value.field, caught.value.value) == ("ad_share", share)


@pytest.mark.parametrize("cvr", ["0", "1.5", "-0.1"])
def test_a_conversion_rate_outside_zero_to_one_is_refused(cvr: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        target_max_cpc(_horaizon(), margin="0.1", conversion_rate=cvr)
    assert (caught.value.field, caught.value.value) == ("conversion_rate", cvr)


def test_a_waterfall_is_required() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        target_acos("29.99", margin="0.1")  # type: ignore[arg-type]
    assert caught.value.field == "economics"
    with pytest.raises(InvalidTypeError) as caught:
        target_max_cpc(None, margin="0.1", conversion_rate="0.1")  # type: ignore[arg-type]
    assert caught.value.field == "economics"
