"""The unit-economics waterfall: lines, sums, conversions, errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given

from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.fx import FxRate, FxTable
from xborder.money import Money, RoundingMode
from xborder.pricing import (
    AdSpend,
    FeeSchedule,
    FixedAmount,
    LineKind,
    Listing,
    ReferralFee,
    Resale,
    ReturnRateBasis,
    Returns,
    UnitCosts,
    UnitEconomics,
    Vat,
    VatBasis,
    presets,
    unit_economics,
)
from xborder.testing import strategies as xst

DAY = dt.date(2026, 11, 2)
_ORDERED = ReturnRateBasis.PER_UNIT_ORDERED
FX = FxTable(rates=(FxRate(base="USD", quote="EUR", rate="0.8650", as_of=DAY),))


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


AMAZON_DE = presets.AMAZON_DE_ELECTRONICS_ACCESSORIES.with_unit_fees(
    fulfilment=_eur("2.70")
)


def test_a_full_waterfall_line_by_line() -> None:
    economics = unit_economics(
        _eur("12.99"),
        fees=AMAZON_DE,
        costs=UnitCosts(
            landed=_usd("3.40"),
            other=(FixedAmount(label="Packaging", amount=_eur("0.12")),),
        ),
        vat=Vat(rate="0.19"),
        returns=Returns(
            rate="0.03",
            basis=ReturnRateBasis.PER_UNIT_ORDERED,
            handling=_eur("1.50"),
            resale=Resale(new="0.5"),
            refund_fee=presets.AMAZON_EU_REFUND_ADMINISTRATION_FEE,
        ),
        ads=AdSpend.of_sales("0.10", sales_include_vat=True),
        fx=FX,
        fx_rounding=RoundingMode.HALF_UP,
    )
    rows = [(line.label, str(line.amount)) for line in economics.lines]
    assert rows == [
        ("VAT", "2.07 EUR"),  # 12.99 - 12.99 / 1.19 (10.92)
        ("Referral fee", "1.95 EUR"),  # 15% of 12.99, on the VAT-inclusive price
        ("Fulfilment fee", "2.70 EUR"),
        ("Landed cost", "2.94 EUR"),  # 3.40 USD x 0.8650 = 2.941
        ("Packaging", "0.12 EUR"),
        ("Refunded price", "0.33 EUR"),  # 3% of the net 10.92 = 0.3276
        ("Referral fee refunded", "-0.06 EUR"),  # 3% of 1.95 = 0.0585, credited
        ("Refund administration fee", "0.01 EUR"),  # 3% x min(5, 20% x 1.95)
        ("Return shipping and processing", "0.05 EUR"),  # 3% x 1.50 = 0.045
        ("Returned stock resold", "-0.04 EUR"),  # 3% x 50% x 2.94 = 0.0441
        ("Advertising", "1.30 EUR"),  # 10% of 12.99
    ]
    assert economics.net_revenue == _eur("10.92")
    assert economics.contribution == _eur("1.62")
    assert (economics.tax, economics.fees, economics.costs) == (
        _eur("2.07"),
        _eur("4.65"),
        _eur("3.06"),
    )
    assert (economics.returns, economics.advertising) == (_eur("0.29"), _eur("1.30"))
    assert economics.contribution_before_ads == _eur("2.92")
    assert economics.margin is not None
    assert economics.margin.quantize(Decimal("0.0001")) == Decimal("0.1484")
    assert (
        economics.line("Landed cost").rule == "per unit; 3.40 USD converted to 2.94 EUR"
    )
    referral = economics.line("Referral fee")
    assert referral.base == _eur("12.99")
    assert referral.source == presets.AMAZON_DE_ELECTRONICS_ACCESSORIES.source


@given(xst.unit_economics_results())
def test_the_lines_and_the_contribution_add_up_to_the_price(
    economics: UnitEconomics,
) -> None:
    total = Money.total(
        (line.amount for line in economics.lines), currency=economics.price.currency
    )
    assert total + economics.contribution == economics.price
    for line in economics.lines:
        assert line.amount.is_quantized()
        # Only credits are negative: what a return gives back, and the
        # shipping charged (revenue on top of the price).
        credit = line.label in {"Referral fee refunded", "Returned stock resold"}
        credit = credit or line.kind is LineKind.REVENUE
        assert line.amount.is_negative() is False or credit
    paid = economics.price + economics.shipping_charged
    assert economics.tax + economics.net_revenue == paid
    groups = (
        economics.tax,
        economics.fees,
        economics.costs,
        economics.returns,
        economics.advertising,
        economics.contribution,
    )
    assert Money.total(groups, currency=economics.price.currency) == paid


def test_card_fees_split_into_their_stacked_parts_exactly() -> None:
    site = FeeSchedule(
        name="Own site",
        currency="USD",
        payment=presets.STRIPE_US_CARDS.for_sale(international=True, converted=True),
    )
    economics = unit_economics(
        _usd("39.99"), fees=site, costs=UnitCosts(landed=_usd("14.00"))
    )
    payment = [line for line in economics.lines if line.kind is LineKind.FEE]
    # 5.4% of 39.99 + 0.30 = 2.45946 -> 2.46, split 1.46 / 0.60 / 0.40.
    assert [str(line.amount) for line in payment] == [
        "1.46 USD",
        "0.60 USD",
        "0.40 USD",
    ]
    assert economics.fees == _usd("2.46")
    assert payment[0].rate == Decimal("0.029")


def test_tax_added_at_checkout_is_shown_but_not_deducted() -> None:
    economics = unit_economics(
        _usd("20.00"),
        fees=FeeSchedule(name="US site", currency="USD"),
        costs=UnitCosts(landed=_usd("8.00")),
        vat=Vat(rate="0.08", included=False, label="Sales tax"),
    )
    line = economics.line("Sales tax")
    assert line.amount == _usd("0.00")
    assert "the buyer pays 1.60 USD on top" in line.rule
    assert economics.gross == _usd("21.60")
    assert economics.net_revenue == _usd("20.00")
    assert economics.contribution == _usd("12.00")


def test_referral_fee_on_the_net_price_when_the_schedule_says_so() -> None:
    net_based = FeeSchedule(
        name="x",
        currency="EUR",
        referral=ReferralFee.flat("0.10", basis=VatBasis.EXCLUSIVE),
    )
    economics = unit_economics(
        _eur("119.00"),
        fees=net_based,
        costs=UnitCosts(landed=_eur("50.00")),
        vat=Vat(rate="0.19"),
    )
    assert economics.line("Referral fee").amount == _eur("10.00")


def test_the_minimum_and_band_are_explained_on_the_referral_line() -> None:
    fees = presets.AMAZON_US_ELECTRONICS_ACCESSORIES
    economics = unit_economics(
        _usd("1.50"), fees=fees, costs=UnitCosts(landed=_usd("0.50"))
    )
    line = economics.line("Referral fee")
    assert line.rule.endswith("; the minimum applies")
    assert line.rate is None
    flat = FeeSchedule(
        name="x",
        currency="USD",
        referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
    )
    ten = unit_economics(_usd("10.00"), fees=flat, costs=UnitCosts(landed=_usd("1")))
    assert ten.line("Referral fee").explain() == (
        "Referral fee: 1.50 USD = 15% of 10.00 USD "
        "(all categories: 15%; on the price excluding VAT)"
    )


def test_payout_conversion_is_charged_on_the_proceeds_only_when_positive() -> None:
    fees = FeeSchedule(
        name="x",
        currency="EUR",
        fulfilment=_eur("5.00"),
        payout_conversion="0.02",
    )
    loss = unit_economics(_eur("4.00"), fees=fees, costs=UnitCosts(landed=_eur("1.00")))
    assert loss.line("Payout conversion").amount == _eur("0.00")
    gain = unit_economics(
        _eur("25.00"), fees=fees, costs=UnitCosts(landed=_eur("1.00"))
    )
    line = gain.line("Payout conversion")
    assert (line.amount, line.base) == (_eur("0.40"), _eur("20.00"))


def test_ads_from_clicks_and_from_acquisition_cost() -> None:
    fees = FeeSchedule(name="Own site", currency="EUR")
    costs = UnitCosts(landed=_eur("10.00"))
    clicks = unit_economics(
        _eur("30.00"),
        fees=fees,
        costs=costs,
        ads=AdSpend.per_click(_eur("0.35"), conversion_rate="0.03"),
    )
    # 0.35 / 3% = 11.666.. -> 11.67 per unit.
    assert clicks.advertising == _eur("11.67")
    cac = unit_economics(
        _eur("30.00"), fees=fees, costs=costs, ads=AdSpend.per_order(_eur("6.50"))
    )
    assert cac.line("Acquisition cost").amount == _eur("6.50")


def test_explain_prints_the_waterfall() -> None:
    economics = unit_economics(
        _eur("12.99"),
        fees=AMAZON_DE,
        costs=UnitCosts(landed=_eur("2.94")),
        vat=Vat(rate="0.19"),
    )
    assert economics.explain().splitlines() == [
        "Amazon.de, Computer und Elektronik-Zubehör (illustrative) at 12.99 EUR",
        "  Price                           12.99 EUR",
        "  VAT                             -2.07 EUR",
        "  Net revenue                     10.92 EUR",
        "  Referral fee                    -1.95 EUR",
        "  Fulfilment fee                  -2.70 EUR",
        "  Landed cost                     -2.94 EUR",
        "  Contribution                     3.33 EUR  (margin 30.49%)",
    ]


def test_a_listing_runs_the_same_waterfall() -> None:
    listing = Listing(
        fees=AMAZON_DE, costs=UnitCosts(landed=_eur("2.94")), vat=Vat(rate="0.19")
    )
    assert listing.economics(_eur("12.99")) == unit_economics(
        _eur("12.99"),
        fees=AMAZON_DE,
        costs=UnitCosts(landed=_eur("2.94")),
        vat=Vat(rate="0.19"),
    )
    assert listing.currency.code == "EUR"


# -- bad input -------------------------------------------------------------------

FEES = FeeSchedule(name="x", currency="EUR")
COSTS = UnitCosts(landed=_eur("1.00"))


@pytest.mark.parametrize(
    ("price", "error", "field"),
    [
        (_eur("0"), InvalidInputError, "price"),
        (_eur("-1.00"), InvalidInputError, "price"),
        (_eur("1.005"), InvalidInputError, "price"),
        (_usd("1.00"), CurrencyMismatchError, "price"),
        ("1.00", InvalidTypeError, "price"),
    ],
)
def test_bad_prices_are_refused(
    price: object, error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        unit_economics(price, fees=FEES, costs=COSTS)  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError | CurrencyMismatchError)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"fees": "Amazon"}, InvalidTypeError, "fees"),
        ({"costs": _eur("1.00")}, InvalidTypeError, "costs"),
        ({"vat": "0.19"}, InvalidTypeError, "vat"),
        ({"returns": 0.05}, InvalidTypeError, "returns"),
        ({"ads": "0.1"}, InvalidTypeError, "ads"),
        ({"fx": {}}, InvalidTypeError, "fx"),
        ({"fx_rounding": "half-up"}, InvalidTypeError, "fx_rounding"),
        (
            {"costs": UnitCosts(landed=_usd("1.00"))},
            CurrencyMismatchError,
            "costs.landed",
        ),
        (
            {"costs": UnitCosts(landed=_eur("1.00"), fulfilment=_usd("2.00"))},
            CurrencyMismatchError,
            "costs.fulfilment",
        ),
        (
            {
                "returns": Returns(
                    rate="0.1",
                    basis=ReturnRateBasis.PER_UNIT_ORDERED,
                    handling=_usd("1.00"),
                )
            },
            CurrencyMismatchError,
            "returns.handling",
        ),
        (
            {"ads": AdSpend.per_order(_usd("1.00"))},
            CurrencyMismatchError,
            "ads.per_unit",
        ),
        ({"costs": UnitCosts(landed=_eur("1.001"))}, InvalidInputError, "costs.landed"),
        (
            {"ads": AdSpend.of_sales("0.1"), "vat": Vat(rate="0.19")},
            InvalidInputError,
            "ads.sales_include_vat",
        ),
    ],
)
def test_bad_waterfall_inputs_name_their_field(
    kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    arguments: dict[str, object] = {"fees": FEES, "costs": COSTS, **kwargs}
    with pytest.raises(error) as caught:
        unit_economics(_eur("5.00"), **arguments)  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidInputError | CurrencyMismatchError)
    assert caught.value.field == field


def test_a_missing_line_label_says_which_exist() -> None:
    economics = unit_economics(_eur("5.00"), fees=FEES, costs=COSTS)
    with pytest.raises(InvalidInputError) as caught:
        economics.line("Referral")
    assert caught.value.field == "label"
    assert "Landed cost" in str(caught.value)


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: Returns(rate="1", basis=_ORDERED), InvalidInputError, "rate"),
        (
            lambda: Returns(rate="0.1", basis=_ORDERED, handling=_eur("-1")),
            InvalidInputError,
            "handling",
        ),
        (lambda: Resale(new="2"), InvalidInputError, "new"),
        (lambda: AdSpend.of_sales("1"), InvalidInputError, "share_of_sales"),
        (
            lambda: AdSpend.per_click(_eur("0.30"), conversion_rate="0"),
            InvalidInputError,
            "conversion_rate",
        ),
        (
            lambda: AdSpend.per_click(_any("0.30"), conversion_rate="0.1"),
            InvalidTypeError,
            "cost_per_click",
        ),
        (
            lambda: AdSpend.of_sales("0.1", sales_include_vat=_any("yes")),
            InvalidTypeError,
            "sales_include_vat",
        ),
        (lambda: AdSpend.per_order(_eur("-1")), InvalidInputError, "per_unit"),
        (
            lambda: UnitCosts(landed=_eur("1"), other=[_any(1)]),
            InvalidTypeError,
            "other[0]",
        ),
        (lambda: UnitCosts(landed=_any(1)), InvalidTypeError, "landed"),
        (lambda: Listing(fees=_any("x"), costs=COSTS), InvalidTypeError, "fees"),
        (lambda: Listing(fees=FEES, costs=_any("x")), InvalidTypeError, "costs"),
        (
            lambda: Listing(fees=FEES, costs=COSTS, vat=_any("x")),
            InvalidTypeError,
            "vat",
        ),
        (
            lambda: Listing(fees=FEES, costs=COSTS, returns=_any("x")),
            InvalidTypeError,
            "returns",
        ),
        (
            lambda: Listing(fees=FEES, costs=COSTS, ads=_any("x")),
            InvalidTypeError,
            "ads",
        ),
        (lambda: Listing(fees=FEES, costs=COSTS, fx=_any("x")), InvalidTypeError, "fx"),
        (
            lambda: Listing(fees=FEES, costs=COSTS, fx_rounding=_any("x")),
            InvalidTypeError,
            "fx_rounding",
        ),
    ],
)
def test_bad_cost_models_name_their_field(
    call: object, error: type[Exception], field: str
) -> None:
    assert callable(call)
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field


def _any(value: object) -> Any:
    """A deliberately wrong value, typed ``Any`` so the test may pass it."""
    return value
