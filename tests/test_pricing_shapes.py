"""Fee shapes: referral caps, per-order fees, attributed-sale fees, tax on fees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder import frames
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode
from xborder.pricing import (
    AttributedFee,
    FeeSchedule,
    FeeTax,
    LineKind,
    Listing,
    OrderFee,
    OrderFeeTier,
    ReferralFee,
    UnitCosts,
    Vat,
    VatBasis,
    marketplaces,
)
from xborder.pricing.presets import in_force
from xborder.testing import strategies as xst

USD = "USD"


def _usd(amount: str) -> Money:
    return Money(amount, USD)


EBAY_TIERS = (
    OrderFeeTier(amount=_usd("0.30"), up_to=_usd("10.00")),
    OrderFeeTier(amount=_usd("0.40")),
)


def _listing(fees: FeeSchedule, landed: str = "0") -> Listing:
    return Listing(fees=fees, costs=UnitCosts(landed=Money(landed, fees.currency)))


# -- golden cases from published fee pages -----------------------------------------


def test_ebay_us_trading_card_example_pays_3_71() -> None:
    # eBay Seller Center, 2024 winter update, "Our per-order fee is changing"
    # (https://www.ebay.com/sellercenter/resources/seller-updates/2024-winter/
    # financials, from 15 March 2024): a trading card sold for $25 including
    # shipping and tax pays $3.71 (13.25% of $25 + $0.40 per order).
    fees = attrs.evolve(
        marketplaces.EBAY_US_PER_ORDER,
        referral=ReferralFee.flat("0.1325", basis=VatBasis.INCLUSIVE),
    )
    result = _listing(fees).economics(_usd("25.00"))
    assert result.fees == _usd("3.71")
    assert result.order_fees == _usd("0.40")
    # "$10 and under ... $0.30": the order of $10.00 pays the lower tier.
    assert _listing(fees).economics(_usd("10.00")).order_fees == _usd("0.30")


def test_ebay_auction_maximum_caps_the_fee() -> None:
    # eBay's "Examples of fee calculations" (https://sellers.ebaymag.com/en/
    # start-sell/seller-fees/examples-fee-calculations/, read 2025): a total of
    # $7,830 pays $750, "10% of $7,830 is $783, but the maximum ... is $750".
    fee = ReferralFee.flat("0.10", basis=VatBasis.INCLUSIVE, maximum=_usd("750.00"))
    fees = FeeSchedule(name="eBay auction", currency=USD, referral=fee)
    result = _listing(fees).economics(_usd("7830.00"))
    assert result.referral_fee == _usd("750.00")
    line = result.line("Referral fee")
    assert "the cap applies" in line.rule
    assert line.rate is None  # the cap, not a rate, explains it


def test_ebay_uk_private_seller_pays_at_most_250_pounds() -> None:
    # eBay UK help 4364 (fees for private sellers): 10% capped at £250 per item.
    schedule = in_force(marketplaces.EBAY_UK_PRIVATE_SELLER, dt.date(2025, 6, 1))
    listing = Listing(
        fees=schedule, costs=UnitCosts(landed=Money("0", "GBP")), vat=Vat(rate="0.2")
    )
    assert listing.economics(Money("2500.00", "GBP")).referral_fee == Money(
        "250.00", "GBP"
    )
    assert listing.economics(Money("2000.00", "GBP")).referral_fee == Money(
        "200.00", "GBP"
    )


def test_etsy_examples_from_wise() -> None:
    # wise.com, "How much does Etsy take per sale" (2023): a $50 item with $10
    # shipping pays a $3.90 transaction fee (6.5% of $60); a $50 sale pays
    # $1.75 processing (3% + $0.25) and $7.50 in Offsite Ads at 15%.
    etsy = marketplaces.ETSY_US
    sixty = _listing(etsy).economics(_usd("60.00"))
    assert sixty.referral_fee == _usd("3.90")
    fifty = _listing(
        marketplaces.with_offsite_ads(etsy, marketplaces.ETSY_OFFSITE_ADS_15, 1)
    ).economics(_usd("50.00"))
    assert fifty.payment_fee + fifty.order_fees == _usd("1.75")
    assert fifty.attributed_fees == _usd("7.50")
    labels = [line.label for line in fifty.lines]
    assert "Offsite Ads fee" in labels
    assert "Payment processing (per order)" in labels


def test_etsy_offsite_ads_are_capped_at_100_dollars_an_order() -> None:
    # Etsy's terms (geeky-gadgets.com, 2020; bengago.com, 2026): at most $100.
    ads = marketplaces.ETSY_OFFSITE_ADS_12
    assert ads.fee(_usd("2000.00")) == _usd("100.00")
    assert ads.fee(_usd("500.00")) == _usd("60.00")


# -- examples ----------------------------------------------------------------------


def test_a_per_order_fee_is_spread_over_the_units_of_an_order() -> None:
    fees = FeeSchedule(
        name="eBay",
        currency=USD,
        per_order=(OrderFee(label="Per-order fee", tiers=EBAY_TIERS),),
        units_per_order=3,
    )
    # Three units at $3.00 make a $9.00 order: $0.30 / 3 = $0.10 a unit.
    assert _listing(fees).economics(_usd("3.00")).order_fees == _usd("0.10")
    # Three at $4.00 make $12.00: $0.40 / 3 = $0.1333 → $0.13 a unit.
    result = _listing(fees).economics(_usd("4.00"))
    assert result.order_fees == _usd("0.13")
    line = result.line("Per-order fee")
    assert line.base == _usd("12.00")
    assert "spread over 3 units" in line.rule


def test_tax_on_fees_is_its_own_line_on_every_fee() -> None:
    fees = FeeSchedule(
        name="Amazon.co.uk",
        currency="GBP",
        referral=ReferralFee.flat("0.153", basis=VatBasis.INCLUSIVE),
        fulfilment=Money("2.50", "GBP"),
        fee_tax=marketplaces.UK_VAT_ON_FEES,
    )
    listing = Listing(
        fees=fees, costs=UnitCosts(landed=Money("5", "GBP")), vat=Vat(rate="0.2")
    )
    result = listing.economics(Money("20.00", "GBP"))
    # 15.3% of £20.00 = £3.06; plus £2.50 fulfilment = £5.56; 20% = £1.112.
    assert result.fee_tax == Money("1.11", "GBP")
    line = result.line("VAT on fees")
    assert line.kind is LineKind.FEE
    assert line.base == Money("5.56", "GBP")
    assert result.fees == Money("6.67", "GBP")


def test_the_cap_adds_a_piece_so_the_solver_stays_exact() -> None:
    fee = ReferralFee.flat("0.10", basis=VatBasis.INCLUSIVE, maximum=_usd("250"))
    assert [piece[:2] for piece in fee.pieces()] == [
        (Decimal(0), Decimal(2500)),
        (Decimal(2500), None),
    ]
    capped = FeeSchedule(name="capped", currency=USD, referral=fee)
    # Below the cap an 88% margin needs 0.9 - 100/P >= 0.88, P >= 5,000: past
    # the cap, where 1 - 350/P >= 0.88 gives P >= 2,916.67.
    solution = _listing(capped, landed="100.00").price_for_margin("0.88")
    assert solution.economics.referral_fee == _usd("250.00")
    assert solution.price == _usd("2916.67")


# -- laws --------------------------------------------------------------------------


@given(
    xst.referral_fees(currency=st.just(Money(0, USD).currency)), st.integers(0, 10**8)
)
def test_a_cap_never_raises_a_fee(fee: ReferralFee, cents: int) -> None:
    base = Money.of_minor_units(cents, USD)
    uncapped = attrs.evolve(fee, maximum=None)
    assert fee.fee(base) <= uncapped.fee(base)
    if fee.maximum is not None:
        assert fee.fee(base) <= fee.maximum


@given(
    st.lists(st.integers(1, 10**6), min_size=2, max_size=2),
    st.decimals("0", "0.3", places=4),
    st.integers(0, 10**5) | st.none(),
)
def test_flat_capped_fees_and_attributed_fees_never_fall_with_the_price(
    prices: list[int], rate: Decimal, cap: int | None
) -> None:
    low, high = sorted(Money.of_minor_units(n, USD) for n in prices)
    maximum = None if cap is None else Money.of_minor_units(cap, USD)
    referral = ReferralFee.flat(rate, basis=VatBasis.EXCLUSIVE, maximum=maximum)
    assert referral.fee(low) <= referral.fee(high)
    attributed = AttributedFee(
        label="ads", rate=rate, share=1, basis=VatBasis.EXCLUSIVE, maximum=maximum
    )
    assert attributed.fee(low) <= attributed.fee(high)


@given(xst.listings(), st.decimals("0", "0.25", places=3), st.integers(1, 10**6))
def test_tax_on_fees_scales_the_fees_by_one_plus_the_rate_before_rounding(
    listing: Listing, rate: Decimal, cents: int
) -> None:
    untaxed = attrs.evolve(listing, fees=attrs.evolve(listing.fees, fee_tax=None))
    taxed = attrs.evolve(
        listing, fees=attrs.evolve(listing.fees, fee_tax=FeeTax(label="t", rate=rate))
    )
    price = Money.of_minor_units(cents, listing.currency)
    before, after = untaxed.economics(price), taxed.economics(price)
    charged = before.fees - before.payout_fee
    assert after.fee_tax == (charged * rate).quantize(RoundingMode.HALF_UP)
    assert after.fees - after.payout_fee == charged + after.fee_tax


def _shaped_listings() -> st.SearchStrategy[Listing]:
    """Listings that always carry the new shapes (the solver's hardest case)."""

    def build(listing: Listing, extra: dict[str, Any]) -> Listing:
        return attrs.evolve(listing, fees=attrs.evolve(listing.fees, **extra))

    def shapes(currency: Any) -> st.SearchStrategy[dict[str, Any]]:
        just = st.just(currency)
        return st.fixed_dictionaries(
            {
                "per_order": st.lists(xst.order_fees(currency=just), min_size=1),
                "attributed": xst.attributed_fees(currency=just),
                "fee_tax": xst.fee_taxes(),
                "units_per_order": st.integers(1, 4),
            }
        )

    return xst.listings().flatmap(
        lambda listing: shapes(listing.currency).map(lambda s: build(listing, s))
    )


@given(_shaped_listings(), st.decimals("-0.5", "0.6", places=2))
def test_solved_prices_with_every_shape_meet_the_target_and_no_lower_price_does(
    listing: Listing, margin: Decimal
) -> None:
    try:
        solution = listing.price_for_margin(margin)
    except InvalidInputError:
        return
    reached = solution.economics.margin
    assert reached is not None
    assert reached >= margin
    unit = listing.currency.minor_unit
    price = solution.price.amount
    for k in range(1, 300):
        lower = price - unit * k
        if lower < unit:
            break
        below = listing.economics(Money(lower, listing.currency)).margin
        assert below is None or below < margin, (lower, price)


@given(data=st.data(), listing=_shaped_listings())
def test_frames_equal_the_scalar_engine_with_every_shape(
    data: st.DataObject, listing: Listing
) -> None:
    currency = listing.currency
    unit = currency.minor_unit
    prices = data.draw(st.lists(st.integers(1, 10**6), min_size=1, max_size=10))
    landed = data.draw(st.integers(0, 10**5)) * unit
    # The table gives every cost, so the listing's own costs are the landed one.
    listing = attrs.evolve(listing, costs=UnitCosts(landed=Money(landed, currency)))
    table = pl.DataFrame(
        {"price": [n * unit for n in prices], "landed": [landed] * len(prices)},
        schema={"price": pl.Decimal(38, 6), "landed": pl.Decimal(38, 6)},
    )
    result = frames.unit_economics(table, listing)
    for cents, out in zip(prices, result.table.iter_rows(named=True), strict=True):
        scalar = listing.economics(Money(cents * unit, currency))
        for name in ("fees", "order_fees", "attributed_fees", "fee_tax"):
            assert out[name] == getattr(scalar, name).amount, name
        assert out["contribution"] == scalar.contribution.amount


# -- strategies and presets --------------------------------------------------------


@pytest.mark.parametrize("kind", [OrderFeeTier, OrderFee, AttributedFee, FeeTax])
@given(data=st.data())
def test_every_shape_has_a_strategy(kind: type, data: st.DataObject) -> None:
    assert isinstance(data.draw(st.from_type(kind)), kind)


@pytest.mark.parametrize("preset", marketplaces.ALL, ids=lambda p: p.name)
def test_every_marketplace_preset_is_dated_sourced_and_illustrative(
    preset: FeeSchedule,
) -> None:
    assert preset.illustrative
    assert "illustrative" in preset.name
    assert preset.validity is not None
    assert preset.source is not None
    assert preset.source.startswith("https://")
    assert "Illustrative" in (preset.validity.note or "")
    assert in_force(preset, dt.date(2026, 1, 10)) is preset


# -- bad inputs --------------------------------------------------------------------


def test_a_cap_below_the_minimum_is_refused_by_name() -> None:
    with pytest.raises(InvalidInputError) as error:
        ReferralFee.flat(
            "0.1", basis=VatBasis.INCLUSIVE, minimum=_usd("1"), maximum=_usd("0.50")
        )
    assert error.value.field == "maximum"


def test_a_cap_in_another_currency_is_refused_by_name() -> None:
    with pytest.raises(CurrencyMismatchError) as error:
        ReferralFee.flat(
            "0.1",
            basis=VatBasis.INCLUSIVE,
            minimum=_usd("1"),
            maximum=Money("5", "EUR"),
        )
    assert error.value.field == "maximum"


@pytest.mark.parametrize(
    ("tiers", "field"),
    [
        ((), "tiers"),
        ((OrderFeeTier(amount=_usd("1"), up_to=_usd("5")),), "tiers[0].up_to"),
        ((OrderFeeTier(amount=_usd("1")), OrderFeeTier(amount=_usd("2"))),
         "tiers[0].up_to"),
        ((OrderFeeTier(amount=_usd("1"), up_to=_usd("5")),
          OrderFeeTier(amount=_usd("1"), up_to=_usd("5")),
          OrderFeeTier(amount=_usd("2"))), "tiers[1].up_to"),
    ],
)  # fmt: skip
def test_bad_order_fee_tiers_are_refused_by_name(
    tiers: tuple[OrderFeeTier, ...], field: str
) -> None:
    with pytest.raises(InvalidInputError) as error:
        OrderFee(label="x", tiers=tiers)
    assert error.value.field == field


def test_order_fee_tiers_in_two_currencies_are_refused() -> None:
    with pytest.raises(CurrencyMismatchError) as error:
        OrderFee(
            label="x",
            tiers=(
                OrderFeeTier(amount=_usd("1"), up_to=Money("5", "EUR")),
                OrderFeeTier(amount=_usd("2")),
            ),
        )
    assert error.value.field == "tiers[0].up_to"


@pytest.mark.parametrize(
    ("kwargs", "field", "error"),
    [
        ({"units_per_order": 0}, "units_per_order", InvalidInputError),
        ({"units_per_order": 10**7}, "units_per_order", InvalidInputError),
        ({"units_per_order": 1.5}, "units_per_order", InvalidTypeError),
        ({"per_order": ("x",)}, "per_order[0]", InvalidTypeError),
        ({"attributed": "x"}, "attributed", InvalidTypeError),
        ({"fee_tax": 0.2}, "fee_tax", InvalidTypeError),
        (
            {"per_order": (OrderFee.flat("x", Money("1", "EUR")),)},
            "per_order[0].tiers[0].amount",
            CurrencyMismatchError,
        ),
        (
            {"per_order": (OrderFee.flat("x", _usd("0.001")),)},
            "per_order[0].tiers[0].amount",
            InvalidInputError,
        ),
    ],
)
def test_bad_shapes_in_a_schedule_are_refused_by_name(
    kwargs: dict[str, Any], field: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        FeeSchedule(name="x", currency=USD, **kwargs)
    assert getattr(raised.value, "field", None) == field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"rate": "1.5"}, "rate"), ({"share": "-0.1"}, "share"), ({"rate": 0.1}, "rate")],
)
def test_bad_attributed_fees_are_refused_by_name(
    kwargs: dict[str, Any], field: str
) -> None:
    given = {"label": "x", "rate": "0.1", "share": "0.5", "basis": VatBasis.EXCLUSIVE}
    with pytest.raises((InvalidInputError, InvalidTypeError)) as error:
        AttributedFee(**(given | kwargs))
    assert error.value.field == field


def test_bad_order_totals_are_refused_by_name() -> None:
    fee = OrderFee(label="x", tiers=EBAY_TIERS)
    with pytest.raises(InvalidInputError) as error:
        fee.fee(_usd("-1"))
    assert error.value.field == "order_total"
    with pytest.raises(CurrencyMismatchError):
        fee.fee(Money("1", "EUR"))
    with pytest.raises(InvalidTypeError):
        fee.fee(Decimal(1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        FeeTax(label="x", rate="-0.2")
