"""Shipping charged to the buyer: revenue, VAT, fees on totals, refunds, solvers.

Golden cases from published fee examples with a shipping charge; laws over
drawn listings (a zero charge changes nothing; contribution grows by the
charge net of its VAT, fees and refunds; the solved item price meets the
target with the charge fixed); bad inputs named by field.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import attrs
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder import frames
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Money
from xborder.pricing import (
    FeeSchedule,
    LineKind,
    Listing,
    ReferralFee,
    ReturnRateBasis,
    Returns,
    ShippingCharge,
    UnitCosts,
    UnitEconomics,
    Vat,
    VatBasis,
    marketplaces,
    unit_economics,
)
from xborder.testing import strategies as xst

_usd = functools.partial(Money, currency="USD")


def _charge(amount: Money, *, refunded: bool | None = None) -> ShippingCharge:
    return ShippingCharge(amount=amount, refunded_on_return=refunded)


def _sold(
    price: Money, shipping: Money | None, fees: FeeSchedule, vat: Vat | None = None
) -> UnitEconomics:
    """One unit at ``price`` with ``shipping`` charged, nothing else costing."""
    charge = None if shipping is None else _charge(shipping)
    landed = UnitCosts(landed=Money(0, price.currency))
    return unit_economics(
        price, fees=fees, costs=landed, vat=vat, shipping_charged=charge
    )


def _ebay(rate: str, maximum: Money | None = None) -> FeeSchedule:
    """An eBay-like final value fee on the total the buyer pays."""
    referral = ReferralFee.flat(rate, basis=VatBasis.EXCLUSIVE, maximum=maximum)
    return FeeSchedule(
        name="eBay.com (illustrative)", currency="USD", referral=referral
    )


def _own_site(currency: str) -> FeeSchedule:
    return FeeSchedule(name="Own site", currency=currency)


# -- golden cases ------------------------------------------------------------------


def test_etsy_transaction_fee_is_on_the_item_and_its_shipping() -> None:
    # Illustrative (secondary source): Wise, "How much does Etsy take per
    # sale" (https://wise.com/us/blog/how-much-does-etsy-take-per-sale, read
    # for this test in 2024): "$50 item + $10 shipping = $3.90 transaction fee"
    # (6.5% of $60). Etsy has charged it on item + shipping + gift wrap since
    # July 2018.
    result = _sold(_usd("50.00"), _usd("10.00"), marketplaces.ETSY_US)
    assert result.referral_fee == _usd("3.90")
    assert result.line("Referral fee").base == _usd("60.00")
    # Etsy Payments' 3% is on the order total too: 3% of 60.00.
    assert result.payment_fee == _usd("1.80")
    assert result.net_revenue == _usd("60.00")


def test_ebay_final_value_fee_on_the_total_with_shipping_and_its_cap() -> None:
    # eBay's own fee examples (eBay's cross-border seller site,
    # https://sellers.ebaymag.com/en/start-sell/seller-fees/examples-fee-calculations/,
    # read for this test in 2024; illustrative: the rates are of that page's
    # date): a winning bid of $7,800 with $30 shipping is a $7,830 sale;
    # 10% is $783, capped at $750.
    fees = _ebay("0.10", maximum=_usd("750.00"))
    result = _sold(_usd("7800.00"), _usd("30.00"), fees)
    assert result.line("Referral fee").base == _usd("7830.00")
    assert result.referral_fee == _usd("750.00")


def test_ebay_help_example_splits_the_fee_on_item_and_shipping() -> None:
    # Illustrative (secondary: eBay's former help page "How is the final
    # value fee calculated?", quoted on collectorfreaks.com,
    # https://collectorfreaks.com/threads/hot-toys-tdk-two-face-harvey-dent-photo-thread.46566/page-146):
    # an item sold for $95.00 with $5.00 shipping at 9%: $8.55 on the item
    # and $0.45 on the shipping, $9.00 in all.
    without = _sold(_usd("95.00"), None, _ebay("0.09"))
    with_shipping = _sold(_usd("95.00"), _usd("5.00"), _ebay("0.09"))
    assert without.referral_fee == _usd("8.55")
    assert with_shipping.referral_fee == _usd("9.00")
    # The $5.00 charged leaves $4.55 after the $0.45 fee on it.
    assert with_shipping.contribution - without.contribution == _usd("4.55")


def test_vat_on_shipping_is_at_the_goods_rate() -> None:
    # VAT Directive art. 78(b) and HMRC VAT Notice 700/24: a delivery charge
    # is part of the taxable amount, at the goods' rate. 4.99 EUR with 19%
    # inside: net 4.19, VAT 0.80.
    result = _sold(
        Money("11.99", "EUR"), Money("4.99", "EUR"), _own_site("EUR"),
        vat=Vat(rate="0.19"),
    )  # fmt: skip
    assert result.shipping_tax == Money("0.80", "EUR")
    assert result.tax == Money("1.91", "EUR") + Money("0.80", "EUR")
    assert result.net_revenue == Money("10.08", "EUR") + Money("4.19", "EUR")
    labels = [line.label for line in result.lines]
    assert labels[:3] == ["Shipping charged", "VAT", "VAT on shipping"]
    assert result.line("Shipping charged").kind is LineKind.REVENUE
    assert result.line("Shipping charged").amount == Money("-4.99", "EUR")


def test_tax_added_at_checkout_is_added_to_the_shipping_too() -> None:
    result = _sold(
        _usd("20.00"), _usd("5.00"), _own_site("USD"),
        vat=Vat(rate="0.10", included=False),
    )  # fmt: skip
    assert result.gross == _usd("27.50")  # (20.00 + 5.00) + 10%
    assert result.net_revenue == _usd("25.00")
    assert result.shipping_tax == _usd("0")


def test_a_refund_gives_the_shipping_back_or_keeps_it_as_said() -> None:
    fees = _own_site("USD")
    base = Listing(
        fees=fees,
        costs=UnitCosts(landed=_usd("5.00")),
        returns=Returns(rate="0.10", basis=ReturnRateBasis.PER_UNIT_ORDERED),
        shipping_charged=_charge(_usd("6.00"), refunded=True),
    )
    kept = attrs.evolve(base, shipping_charged=_charge(_usd("6.00"), refunded=False))
    price = _usd("20.00")
    assert base.economics(price).line("Refunded price").amount == _usd("2.60")
    assert kept.economics(price).line("Refunded price").amount == _usd("2.00")
    assert kept.economics(price).contribution - base.economics(
        price
    ).contribution == _usd("0.60")


def test_the_solver_solves_the_item_price_with_the_charge_fixed() -> None:
    listing = Listing(
        fees=marketplaces.ETSY_US,
        costs=UnitCosts(landed=_usd("20.00")),
        shipping_charged=_charge(_usd("10.00")),
    )
    solved = listing.price_for_margin("0.30")
    assert solved.price == _usd("23.80")
    margin = solved.economics.margin
    assert margin is not None
    assert margin >= Decimal("0.30")
    below = listing.economics(solved.price - _usd("0.01")).margin
    assert below is not None
    assert below < Decimal("0.30")


def test_explain_shows_the_charge_added_before_net_revenue() -> None:
    result = _sold(
        Money("11.99", "EUR"), Money("4.99", "EUR"), _own_site("EUR"),
        vat=Vat(rate="0.19"),
    )  # fmt: skip
    rows = result.explain().splitlines()
    assert rows[2].split() == ["Shipping", "charged", "4.99", "EUR"]
    assert [row.split()[0] for row in rows].count("Net") == 1


# -- laws --------------------------------------------------------------------------


def _drawn(data: st.DataObject) -> tuple[Listing, Money]:
    listing = data.draw(xst.listings(shipping=st.none()))
    unit = listing.currency.minor_unit
    price = Money(unit * data.draw(st.integers(1, 200_000)), listing.currency)
    return listing, price


@given(data=st.data(), refunded=st.booleans())
def test_a_zero_charge_changes_nothing(data: st.DataObject, refunded: bool) -> None:  # noqa: FBT001
    listing, price = _drawn(data)
    zero = attrs.evolve(
        listing,
        shipping_charged=_charge(Money(0, listing.currency), refunded=refunded),
    )
    assert zero.economics(price) == listing.economics(price)


@given(data=st.data(), refunded=st.booleans())
def test_contribution_grows_by_the_charge_net_of_vat_fees_and_refunds(
    data: st.DataObject,
    refunded: bool,  # noqa: FBT001
) -> None:
    listing, price = _drawn(data)
    unit = listing.currency.minor_unit
    amount = Money(unit * data.draw(st.integers(0, 20_000)), listing.currency)
    charged = attrs.evolve(listing, shipping_charged=_charge(amount, refunded=refunded))
    before, after = listing.economics(price), charged.economics(price)
    net = after.shipping_charged - after.shipping_tax
    assert after.net_revenue - before.net_revenue == net
    assert after.costs == before.costs
    assert after.advertising == before.advertising
    grown = net - (after.fees - before.fees) - (after.returns - before.returns)
    assert after.contribution - before.contribution == grown


@given(
    data=st.data(),
    margin=st.decimals("-0.3", "0.6", places=2),
)
def test_the_solved_item_price_meets_the_margin_with_the_charge_fixed(
    data: st.DataObject, margin: Decimal
) -> None:
    listing = data.draw(
        xst.listings().filter(lambda drawn: drawn.shipping_charged is not None)
    )
    charge = listing.shipping_charged
    assert charge is not None
    try:
        solved = listing.price_for_margin(margin)
    except InvalidInputError:
        return  # no price reaches it: the scalar says why
    got = solved.economics.margin
    assert got is not None
    assert got >= margin
    assert solved.economics.shipping_charged == charge.amount
    lower = solved.price - Money(listing.currency.minor_unit, listing.currency)
    if lower.amount > 0:
        below = listing.economics(lower).margin
        assert below is None or below < margin


# -- bad input ---------------------------------------------------------------------


def test_a_negative_charge_is_refused_by_name() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ShippingCharge(amount=_usd("-1.00"))
    assert caught.value.field == "amount"


@pytest.mark.parametrize(
    ("charge", "error"),
    [
        (Money("2.00", "EUR"), CurrencyMismatchError),  # another currency, no fx
        (_usd("2.005"), InvalidInputError),  # a fraction of a cent
    ],
)
def test_a_charge_the_listing_cannot_take_is_refused_by_name(
    charge: Money, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        _sold(_usd("10.00"), charge, _own_site("USD"))
    assert getattr(caught.value, "field", None) == "shipping_charged.amount"


def test_returns_need_to_say_whether_the_charge_is_refunded() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Listing(
            fees=_own_site("USD"),
            costs=UnitCosts(landed=_usd("1.00")),
            returns=Returns(rate="0.05", basis=ReturnRateBasis.PER_UNIT_ORDERED),
            shipping_charged=_charge(_usd("3.00")),
        ).economics(_usd("10.00"))
    assert caught.value.field == "shipping_charged.refunded_on_return"


def test_wrong_types_are_refused_by_name() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Listing(
            fees=_own_site("USD"),
            costs=UnitCosts(landed=_usd("1.00")),
            shipping_charged=_usd("3.00"),  # type: ignore[arg-type]
        )
    assert caught.value.field == "shipping_charged"
    with pytest.raises(InvalidTypeError) as caught:
        ShippingCharge(amount=_usd("3.00"), refunded_on_return="yes")  # type: ignore[arg-type]
    assert caught.value.field == "refunded_on_return"


def test_frames_name_a_negative_shipping_column_and_a_missing_refund_policy() -> None:
    listing = Listing(
        fees=_own_site("USD"),
        costs=UnitCosts(landed=_usd("1.00")),
    )
    table = pl.DataFrame({"price": ["10.00"], "landed": ["1.00"], "ship": ["-1.00"]})
    result = frames.unit_economics(table, listing, shipping_charged="ship")
    assert result.errors.get_column("field").to_list() == ["ship"]
    with pytest.raises(InvalidInputError) as caught:
        frames.unit_economics(
            table,
            attrs.evolve(
                listing,
                returns=Returns(rate="0.05", basis=ReturnRateBasis.PER_UNIT_ORDERED),
            ),
            shipping_charged="ship",
        )
    assert caught.value.field == "listings.shipping_charged.refunded_on_return"
    solved = frames.target_margin_prices(
        table.drop("price"), listing, "0.2", shipping_charged="ship"
    )
    assert solved.errors.get_column("field").to_list() == ["ship"]
    assert solved.table.get_column("price").to_list() == [None]
    with pytest.raises(InvalidTypeError) as caught_type:
        frames.unit_economics(table, listing, shipping_charged=3)  # type: ignore[arg-type]
    assert caught_type.value.field == "shipping_charged"


def test_the_strategy_resolves_from_the_type() -> None:
    @given(st.from_type(ShippingCharge))
    def drawn(charge: ShippingCharge) -> None:
        assert not charge.amount.is_negative()

    drawn()
