"""Returns as refunds: the return lines of the waterfall, their laws and sources."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.money import Money, RoundingMode
from xborder.pricing import (
    FeeSchedule,
    Listing,
    ReferralFee,
    RefundAdministrationFee,
    Resale,
    ReturnRateBasis,
    Returns,
    UnitCosts,
    UnitEconomics,
    VatBasis,
    presets,
    target_margin_price,
    unit_economics,
)
from xborder.testing import strategies as xst

ORDERED = ReturnRateBasis.PER_UNIT_ORDERED
KEPT = ReturnRateBasis.PER_UNIT_KEPT


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


AMAZON = FeeSchedule(
    name="Amazon.com",
    currency="USD",
    referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE, minimum=_usd("0.30")),
    fulfilment=_usd("2.41"),
)


def _returns_lines(economics: UnitEconomics) -> dict[str, Money]:
    return {
        line.label: line.amount
        for line in economics.lines
        if line.kind.value == "returns"
    }


# -- golden cases ---------------------------------------------------------------


def test_amazon_eu_sample_calculation_caps_the_fee_at_five_euros() -> None:
    # Amazon Seller Central (.fr/.es/.nl), "Refund administration fee sample
    # calculations" (itemID 200387220, read 2026-12-07): item A 300 + shipping
    # 40 + gift wrap 5 at 15%: 20% x 51.75 = 10.35, capped at 5 EUR; item B
    # 50 + 5 + 2: 20% x 8.55 = 1.71, taken as is; 6.71 EUR in all.
    fee = presets.AMAZON_EU_REFUND_ADMINISTRATION_FEE
    item_a = fee.amount(Money("51.75", "EUR"))
    item_b = fee.amount(Money("8.55", "EUR"))
    assert item_a == Money("5.00", "EUR")
    assert item_b.quantize(RoundingMode.HALF_UP) == Money("1.71", "EUR")
    assert (item_a + item_b).quantize(RoundingMode.HALF_UP) == Money("6.71", "EUR")


def test_amazon_us_refund_fee_is_the_lesser_of_five_dollars_or_a_fifth() -> None:
    # Amazon Seller Central, "Refund administration fee" (GDC3U6FWF4JJJJC7,
    # read 2026-12-07): "Lesser of $5 or 20% of referral fees", per unit.
    fee = presets.AMAZON_US_REFUND_ADMINISTRATION_FEE
    assert fee.amount(_usd("51.75")) == _usd("5.00")
    assert fee.amount(_usd("7.50")) == _usd("1.5000")
    assert fee.per == "unit"
    assert fee.source is not None
    assert "GDC3U6FWF4JJJJC7" in fee.source


def test_a_refunded_fifty_dollar_sale_takes_forty_four_dollars_back() -> None:
    # help.sellerzen.com, "What is a returns processing fee?" (read
    # 2026-12-07): a $50 FBA sale pays a $7.50 referral fee; refunded, the
    # seller pays back $50, is credited $7.50 and charged $1.50 (20% of it):
    # "$44 out of your account"; the $2.41 fulfilment fee is not refunded.
    # At a return rate of one half, each return line is half of that.
    returns = Returns(
        rate="0.5",
        basis=ORDERED,
        refund_fee=presets.AMAZON_US_REFUND_ADMINISTRATION_FEE,
    )
    economics = unit_economics(
        _usd("50.00"),
        fees=AMAZON,
        costs=UnitCosts(landed=_usd("0")),
        returns=returns,
    )
    assert _returns_lines(economics) == {
        "Refunded price": _usd("25.00"),
        "Referral fee refunded": _usd("-3.75"),
        "Refund administration fee": _usd("0.75"),
    }
    assert economics.returns * 2 == _usd("44.00")
    assert economics.line("Fulfilment fee").amount == _usd("2.41")


# -- examples -------------------------------------------------------------------


def test_each_return_line_explains_its_base_and_rate() -> None:
    returns = Returns(
        rate="0.03",
        basis=ORDERED,
        handling=_usd("1.50"),
        resale=Resale(new="0.5", refurbished="0.25", refurbished_value="0.4"),
        refund_fee=presets.AMAZON_US_REFUND_ADMINISTRATION_FEE,
    )
    economics = unit_economics(
        _usd("12.99"),
        fees=AMAZON,
        costs=UnitCosts(landed=_usd("3.40")),
        returns=returns,
    )
    assert _returns_lines(economics) == {
        "Refunded price": _usd("0.39"),  # 3% x 12.99 = 0.3897
        "Referral fee refunded": _usd("-0.06"),  # 3% x 1.95 = 0.0585
        "Refund administration fee": _usd("0.01"),  # 3% x 20% x 1.95 = 0.0117
        "Return shipping and processing": _usd("0.05"),  # 3% x 1.50 = 0.045
        "Returned stock resold": _usd("-0.06"),  # 3% x 60% x 3.40 = 0.0612
    }
    refunded = economics.line("Refunded price")
    assert (refunded.base, refunded.rate) == (_usd("12.99"), Decimal("0.03"))
    resold = economics.line("Returned stock resold")
    assert resold.rule == (
        "50% resold as new, 25% refurbished at 40% of the landed cost, 25% written off"
    )
    assert economics.returns == _usd("0.33")


def test_a_rate_per_unit_kept_is_divided_once_per_line() -> None:
    # 25% per unit kept is 20% per unit ordered: 0.25 / 1.25.
    kept = Returns(rate="0.25", basis=KEPT, handling=_usd("2.00"))
    ordered = Returns(rate="0.20", basis=ORDERED, handling=_usd("2.00"))
    listing = Listing(fees=AMAZON, costs=UnitCosts(landed=_usd("3.40")))
    one = attrs.evolve(listing, returns=kept).economics(_usd("19.99"))
    other = attrs.evolve(listing, returns=ordered).economics(_usd("19.99"))
    assert one.contribution == other.contribution
    assert _returns_lines(one) == _returns_lines(other)
    assert kept.per_unit_ordered == Decimal("0.2")
    assert ordered.per_unit_kept == Decimal("0.25")
    assert "25% of units kept (~20% ordered)" in one.line("Refunded price").rule


def test_a_solved_price_carries_its_returns() -> None:
    returns = Returns(
        rate="0.05",
        basis=ORDERED,
        handling=_usd("1.50"),
        refund_fee=presets.AMAZON_US_REFUND_ADMINISTRATION_FEE,
    )
    costs = UnitCosts(landed=_usd("3.40"))
    with_returns = target_margin_price(
        "0.20", fees=AMAZON, costs=costs, returns=returns
    )
    without = target_margin_price("0.20", fees=AMAZON, costs=costs)
    assert with_returns.price > without.price
    assert with_returns.economics.margin is not None
    assert with_returns.economics.margin >= Decimal("0.20")
    cent_less = with_returns.economics.listing.economics(
        with_returns.price - _usd("0.01")
    )
    assert cent_less.margin is not None
    assert cent_less.margin < Decimal("0.20")


def test_the_cap_binds_above_its_crossing_and_the_solver_sees_it() -> None:
    # 20% of a 15% referral fee reaches a 0.50 cap at a price of 16.67.
    capped = RefundAdministrationFee(share="0.20", cap=_usd("0.50"))
    returns = Returns(rate="0.10", basis=ORDERED, refund_fee=capped)
    listing = Listing(
        fees=AMAZON, costs=UnitCosts(landed=_usd("3.40")), returns=returns
    )
    below = listing.economics(_usd("10.00"))
    above = listing.economics(_usd("40.00"))
    assert below.line("Refund administration fee").amount == _usd("0.03")
    assert above.line("Refund administration fee").amount == _usd("0.05")
    for margin in ("0.10", "0.30", "0.45"):
        solution = listing.price_for_margin(margin)
        assert solution.economics.margin is not None
        assert solution.economics.margin >= Decimal(margin)
        lower = listing.economics(solution.price - _usd("0.01")).margin
        assert lower is not None
        assert lower < Decimal(margin)


# -- laws -----------------------------------------------------------------------


def _tolerance(economics: UnitEconomics) -> Money:
    # Five return lines each round once, by half a minor unit at most.
    currency = economics.price.currency
    return Money(currency.minor_unit * 3, currency)


@given(xst.listings(), st.data())
def test_a_return_rate_of_zero_leaves_the_waterfall_unchanged(
    listing: Listing, data: st.DataObject
) -> None:
    currency = listing.fees.currency
    price = data.draw(xst.money_values(currency=st.just(currency), min_value=1))
    zero = data.draw(xst.returns_models(currency=st.just(currency)))
    zero = attrs.evolve(zero, rate=Decimal(0))
    plain = attrs.evolve(listing, returns=None)
    before = plain.economics(price)
    after = attrs.evolve(plain, returns=zero).economics(price)
    assert after.contribution == before.contribution
    assert (after.fees, after.costs, after.advertising) == (
        before.fees,
        before.costs,
        before.advertising,
    )
    assert after.returns.is_zero()


@given(xst.returns_models(currency=st.just(AMAZON.currency)))
def test_returns_lower_the_contribution_when_the_sale_covers_what_a_return_recovers(
    returns: Returns,
) -> None:
    listing = Listing(fees=AMAZON, costs=UnitCosts(landed=_usd("3.40")))
    price = _usd("19.99")  # net after referral 16.99 > any recovered landed cost
    without = listing.economics(price)
    with_returns = attrs.evolve(listing, returns=returns).economics(price)
    assert with_returns.contribution <= without.contribution + _tolerance(without)


@given(st.decimals(min_value=0, max_value=Decimal("0.9"), places=4))
def test_more_returns_never_raise_the_contribution(rate: Decimal) -> None:
    listing = Listing(fees=AMAZON, costs=UnitCosts(landed=_usd("3.40")))
    higher = min(rate + Decimal("0.05"), Decimal("0.95"))

    def at(value: Decimal) -> Money:
        returns = Returns(
            rate=value,
            basis=ORDERED,
            handling=_usd("1.50"),
            refund_fee=presets.AMAZON_US_REFUND_ADMINISTRATION_FEE,
        )
        return (
            attrs.evolve(listing, returns=returns).economics(_usd("19.99")).contribution
        )

    assert at(higher) <= at(rate) + _usd("0.03")


@given(
    st.decimals(min_value=0, max_value=Decimal("0.95"), places=4),
    st.integers(min_value=1, max_value=10_000_000),
)
def test_a_kept_rate_refunds_exactly_k_over_one_plus_k_of_the_net(
    rate: Decimal, cents: int
) -> None:
    price = Money(Decimal(cents).scaleb(-2), "USD")
    returns = Returns(rate=rate, basis=KEPT)
    economics = unit_economics(
        price, fees=AMAZON, costs=UnitCosts(landed=_usd("1.00")), returns=returns
    )
    with localcontext(prec=60):
        expected = (price.amount * rate / (1 + rate)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    assert economics.line("Refunded price").amount == _usd(str(expected))


@given(
    st.from_type(Returns), st.from_type(Resale), st.from_type(RefundAdministrationFee)
)
def test_every_returns_model_resolves_from_its_type(
    returns: Returns, resale: Resale, fee: RefundAdministrationFee
) -> None:
    assert 0 <= returns.per_unit_ordered < 1
    assert resale.recovered + resale.written_off <= 1 + resale.refurbished
    assert fee.share <= 1


# -- bad inputs -----------------------------------------------------------------


def _any(value: object) -> Any:
    return value


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: Returns(rate="1", basis=ORDERED), InvalidInputError, "rate"),
        (lambda: Returns(rate="-0.1", basis=ORDERED), InvalidInputError, "rate"),
        (
            lambda: Returns(rate="0.1", basis=_any("per unit ordered")),
            InvalidTypeError,
            "basis",
        ),
        (
            lambda: Returns(rate="0.1", basis=ORDERED, handling=_usd("-1")),
            InvalidInputError,
            "handling",
        ),
        (
            lambda: Returns(rate="0.1", basis=ORDERED, resale=_any(0.5)),
            InvalidTypeError,
            "resale",
        ),
        (
            lambda: Returns(rate="0.1", basis=ORDERED, refund_fee=_any("20%")),
            InvalidTypeError,
            "refund_fee",
        ),
        (
            lambda: Returns(rate="0.1", basis=ORDERED, referral_refunded=_any("yes")),
            InvalidTypeError,
            "referral_refunded",
        ),
        (lambda: Resale(new="1.5"), InvalidInputError, "new"),
        (
            lambda: Resale(new="0.7", refurbished="0.5"),
            InvalidInputError,
            "refurbished",
        ),
        (lambda: RefundAdministrationFee(share="1.2"), InvalidInputError, "share"),
        (
            lambda: RefundAdministrationFee(share="0.2", cap=_usd("-5")),
            InvalidInputError,
            "cap",
        ),
        (
            lambda: RefundAdministrationFee(share="0.2", per="order"),
            InvalidInputError,
            "per",
        ),
        (
            lambda: presets.AMAZON_US_REFUND_ADMINISTRATION_FEE.amount(
                Money("7.50", "EUR")
            ),
            CurrencyMismatchError,
            "referral_fee",
        ),
        (
            lambda: presets.AMAZON_US_REFUND_ADMINISTRATION_FEE.amount(_any("7.50")),
            InvalidTypeError,
            "referral_fee",
        ),
        (
            lambda: unit_economics(
                Money("10.00", "EUR"),
                fees=presets.AMAZON_DE_ELECTRONICS_ACCESSORIES,
                costs=UnitCosts(landed=Money("3.00", "EUR")),
                returns=Returns(
                    rate="0.03",
                    basis=ORDERED,
                    refund_fee=presets.AMAZON_US_REFUND_ADMINISTRATION_FEE,
                ),
            ),
            CurrencyMismatchError,
            "returns.refund_fee.cap",
        ),
    ],
)
def test_bad_returns_are_refused_by_name(
    call: Any, error: type[XborderError], field: str
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert caught.value.field == field
