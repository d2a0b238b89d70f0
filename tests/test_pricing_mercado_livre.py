"""Mercado Livre Brasil's selling fee: a percentage plus a fixed amount per price band.

Source for every golden case here: ecommercezeiros.blog, "Novas taxas
Mercado Livre 2026" (third party, 31 January 2026;
https://ecommercezeiros.blog/2026/01/31/novas-taxas-mercado-livre-2026):
from 2 March 2026 a fixed cost per unit sold below R$79 on top of the
category percentage, at most 50% of the price up to R$12.50 ("if you sell
for R$10, the fixed fee is R$5"), R$6.25 from R$12.51 to R$29.00, R$6.50
from R$29.01 to R$50.00, R$6.75 from R$50.01 to R$78.99. The category
percentage (Clássico 10-14%, Premium 15-19%) is from webco.joaovmoreira.com
(third party, undated).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder import frames
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
)
from xborder.money import Money
from xborder.pricing import (
    FeeSchedule,
    Listing,
    RateBand,
    ReferralFee,
    TierMode,
    UnitCosts,
    VatBasis,
    marketplaces,
)
from xborder.pricing.presets import in_force

BRL = "BRL"


def _brl(amount: str) -> Money:
    return Money(amount, BRL)


def _listing(fees: FeeSchedule, landed: str = "0") -> Listing:
    return Listing(fees=fees, costs=UnitCosts(landed=_brl(landed)))


CLASSICO_14 = marketplaces.mercado_livre_br("0.14")

# -- golden cases from the published table -----------------------------------------


def test_a_ten_real_sale_pays_half_its_price_as_the_fixed_fee() -> None:
    # "Se vende por R$ 10, a taxa fixa é R$ 5, além da comissão percentual":
    # 14% of R$10 (R$1.40) + R$5.00.
    result = _listing(CLASSICO_14).economics(_brl("10.00"))
    assert result.referral_fee == _brl("6.40")
    assert result.contribution == _brl("3.60")


@pytest.mark.parametrize(
    ("price", "fixed"),
    [
        ("12.50", "6.25"),  # "até R$ 12,50": half of 12.50
        ("12.51", "6.25"),  # "De R$ 12,51 a R$ 29,00: R$ 6,25"
        ("29.00", "6.25"),
        ("29.01", "6.50"),  # "De R$ 29,01 a R$ 50,00: R$ 6,50"
        ("50.00", "6.50"),
        ("50.01", "6.75"),  # "De R$ 50,01 a R$ 78,99: R$ 6,75"
        ("78.99", "6.75"),
        ("79.00", "0"),  # "Produtos < R$ 79": none from R$79
        ("150.00", "0"),
    ],
)
def test_each_band_adds_its_published_fixed_amount(price: str, fixed: str) -> None:
    fee = CLASSICO_14.referral
    assert fee is not None
    expected = Decimal("0.14") * Decimal(price) + Decimal(fixed)
    assert fee.fee(_brl(price)).amount == expected


def test_the_waterfall_line_names_the_rule_and_the_source() -> None:
    result = _listing(CLASSICO_14, "20.00").economics(_brl("40.00"))
    line = next(line for line in result.lines if line.label == "Referral fee")
    assert line.amount == _brl("12.10")  # 14% of 40 = 5.60, + 6.50
    assert line.rate is None  # a rate and a fixed amount: no single rate
    assert "14% + 6.50 up to 50.00" in line.rule
    assert line.source == marketplaces.mercado_livre_br("0.14").source


def test_premium_names_the_listing_and_charges_its_own_rate() -> None:
    premium = marketplaces.mercado_livre_br("0.19", listing="Premium")
    assert premium.name == "Mercado Livre Brasil, Premium at 19% (illustrative)"
    result = _listing(premium).economics(_brl("60.00"))
    assert result.referral_fee == _brl("18.15")  # 19% of 60 = 11.40, + 6.75


def test_the_preset_is_dated_sourced_and_illustrative() -> None:
    validity = CLASSICO_14.validity
    assert validity is not None
    assert validity.valid_from == dt.date(2026, 3, 2)
    assert validity.source is not None
    assert validity.source.startswith("https://ecommercezeiros.blog/2026/01/31/")
    assert validity.note is not None
    assert "Illustrative" in validity.note
    assert CLASSICO_14.illustrative
    assert "(illustrative)" in CLASSICO_14.name
    assert in_force(CLASSICO_14, dt.date(2026, 6, 1)) is CLASSICO_14
    with pytest.raises(RuleNotApplicableError):
        in_force(CLASSICO_14, dt.date(2026, 3, 1))


# -- the solvers read the jumps ------------------------------------------------------


def test_break_even_price_of_a_cheap_item_clears_the_fixed_fee() -> None:
    # A R$20.00 landed item: break-even is (20 + 6.50) / (1 - 0.14) = R$30.81,
    # inside the R$29.01-50.00 band whose fixed amount it pays.
    listing = _listing(CLASSICO_14, "20.00")
    solution = listing.break_even_price()
    assert solution.price == _brl("30.81")
    assert solution.economics.contribution == _brl("0.00")
    assert listing.economics(_brl("30.80")).contribution.is_negative()


def test_a_margin_target_just_above_the_band_edge_is_found_exactly() -> None:
    # At R$78.99 the fee is 14% + 6.75; at R$79.00 it drops to 14%. A 30%
    # margin on a R$40.00 item: 0.56 p - 6.75 >= 40 needs p >= 83.48 with
    # the fixed fee, which is past its band; without it 0.56 p >= 40 needs
    # p >= 71.43, inside the band. The solver finds R$79.00.
    listing = _listing(CLASSICO_14, "40.00")
    solution = listing.price_for_margin("0.30")
    assert solution.price == _brl("79.00")
    reached = solution.economics.margin
    assert reached is not None
    assert reached >= Decimal("0.30")
    for cents in range(7800, 7900):
        margin = listing.economics(Money.of_minor_units(cents, BRL)).margin
        assert margin is not None
        assert margin < Decimal("0.30")


def test_frames_equal_the_scalar_engine_on_every_band() -> None:
    listing = _listing(CLASSICO_14, "5.00")
    prices = ["1.00", "10.00", "12.50", "12.51", "29.00", "29.01", "78.99", "79.00"]
    table = pl.DataFrame(
        {"price": [Decimal(p) for p in prices], "landed": [Decimal(5)] * len(prices)},
        schema={"price": pl.Decimal(38, 6), "landed": pl.Decimal(38, 6)},
    )
    result = frames.unit_economics(table, listing)
    for price, row in zip(prices, result.table.iter_rows(named=True), strict=True):
        scalar = listing.economics(_brl(price))
        assert row["referral_fee"] == scalar.referral_fee.amount, price
        assert row["contribution"] == scalar.contribution.amount, price


# -- laws ------------------------------------------------------------------------------


@given(
    st.decimals("0", "0.5", places=4),
    st.integers(1, 10**7),
)
def test_the_fee_is_the_percentage_plus_at_most_six_seventy_five(
    rate: Decimal, cents: int
) -> None:
    fee = marketplaces.mercado_livre_br(rate).referral
    assert fee is not None
    price = Money.of_minor_units(cents, BRL)
    charged = fee.fee(price).amount
    percentage = rate * price.amount
    assert percentage <= charged <= percentage + Decimal("6.75")
    if price.amount >= 79:
        assert charged == percentage


@given(st.decimals("0", "0.5", places=4), st.integers(1, 7899))
def test_the_fixed_part_never_exceeds_half_the_price(rate: Decimal, cents: int) -> None:
    fee = marketplaces.mercado_livre_br(rate).referral
    assert fee is not None
    price = Money.of_minor_units(cents, BRL)
    fixed = fee.fee(price).amount - rate * price.amount
    assert fixed <= price.amount / 2 or fixed in {Decimal("6.25"), Decimal("6.50")}
    assert fixed <= Decimal("6.75")


@given(st.from_type(RateBand))
def test_a_band_strategy_draws_fixed_amounts_that_are_never_negative(
    band: RateBand,
) -> None:
    assert band.fixed is None or not band.fixed.is_negative()
    assert band.fixed_amount >= 0


def test_the_referral_strategy_draws_fixed_amounts() -> None:
    seen: list[bool] = []

    @given(st.from_type(ReferralFee))
    def collect(fee: ReferralFee) -> None:
        seen.append(fee.has_fixed)

    collect()
    assert any(seen)
    assert not all(seen)


@given(
    st.decimals("0", "0.3", places=3),
    st.integers(0, 500),
    st.integers(1, 10**6),
    st.sampled_from(TierMode),
)
def test_a_fixed_amount_adds_itself_to_the_fee_in_its_band(
    rate: Decimal, fixed_cents: int, cents: int, mode: TierMode
) -> None:
    edge = _brl("50.00")
    plain = ReferralFee(
        category="x",
        bands=(RateBand(rate=rate, up_to=edge), RateBand(rate=rate)),
        mode=mode,
        basis=VatBasis.INCLUSIVE,
    )
    fixed = Money.of_minor_units(fixed_cents, BRL)
    banded = ReferralFee(
        category="x",
        bands=(RateBand(rate=rate, up_to=edge, fixed=fixed), RateBand(rate=rate)),
        mode=mode,
        basis=VatBasis.INCLUSIVE,
    )
    price = Money.of_minor_units(cents, BRL)
    added = fixed.amount if price <= edge else 0
    assert banded.fee(price).amount == plain.fee(price).amount + added


# -- bad inputs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "error"),
    [
        ("0.51", InvalidInputError),
        ("-0.01", InvalidInputError),
        ("abc", InvalidInputError),
        (None, InvalidTypeError),
        (0.14, InvalidTypeError),
    ],
)
def test_a_bad_rate_is_refused_by_name(rate: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="rate"):
        marketplaces.mercado_livre_br(rate)  # type: ignore[arg-type]


@pytest.mark.parametrize("listing", ["Gold", "", "classico", None, 1])
def test_a_bad_listing_type_is_refused_by_name(listing: object) -> None:
    with pytest.raises(InvalidInputError, match="listing"):
        marketplaces.mercado_livre_br("0.14", listing=listing)  # type: ignore[arg-type]


def test_a_negative_fixed_amount_is_refused_by_name() -> None:
    with pytest.raises(InvalidInputError, match="fixed"):
        RateBand(rate="0.1", fixed=_brl("-1.00"))


def test_a_fixed_amount_that_is_not_money_is_refused_by_name() -> None:
    with pytest.raises(InvalidTypeError, match="fixed"):
        RateBand(rate="0.1", fixed="6.25")  # type: ignore[arg-type]


def test_a_fixed_amount_in_another_currency_is_refused_by_name() -> None:
    with pytest.raises(CurrencyMismatchError, match=r"bands\[0\]\.fixed"):
        ReferralFee(
            category="x",
            bands=(
                RateBand(rate="0.1", up_to=_brl("10"), fixed=Money("1", "USD")),
                RateBand(rate="0.1"),
            ),
            basis=VatBasis.INCLUSIVE,
        )
    with pytest.raises(CurrencyMismatchError, match=r"bands\[0\]\.fixed"):
        ReferralFee(
            category="x",
            bands=(
                RateBand(rate="0.1", up_to=Money("10", "USD"), fixed=_brl("1")),
                RateBand(rate="0.1", fixed=_brl("1")),
            ),
            basis=VatBasis.INCLUSIVE,
        )


def test_a_fixed_amount_in_another_currency_than_the_schedule_is_refused() -> None:
    fee = ReferralFee.flat("0.1", basis=VatBasis.INCLUSIVE)
    foreign = ReferralFee(
        category="x", bands=(RateBand(rate="0.1", fixed=_brl("1")),), basis=fee.basis
    )
    with pytest.raises(CurrencyMismatchError, match=r"referral\.bands\[0\]\.fixed"):
        FeeSchedule(name="x", currency="USD", referral=foreign)


def test_a_fixed_amount_finer_than_the_minor_unit_is_refused_by_name() -> None:
    fee = ReferralFee(
        category="x",
        bands=(RateBand(rate="0.1", fixed=_brl("0.005")),),
        basis=VatBasis.INCLUSIVE,
    )
    with pytest.raises(InvalidInputError, match=r"referral\.bands\[0\]\.fixed"):
        FeeSchedule(name="x", currency=BRL, referral=fee)
