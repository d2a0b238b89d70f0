"""Bad inputs found by the hardening sweep: each names its field, none is swallowed."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from typing import TYPE_CHECKING, Any

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
from xborder.fx import FxRate, FxTable
from xborder.money import Money, RoundingMode
from xborder.pricing import (
    Channel,
    ChannelComparison,
    ChannelKind,
    ChannelResult,
    EndingDirection,
    FeeSchedule,
    GrossUp,
    LineKind,
    Listing,
    LocalisedPrice,
    Market,
    PaymentFee,
    PriceEnding,
    PriceSolution,
    RateBand,
    ReferralFee,
    TaxedPrice,
    UnitCosts,
    UnitEconomics,
    Vat,
    VatBasis,
    WaterfallLine,
    apply_price_ending,
    break_even_acos,
    break_even_price,
    compare_channels,
    consumer_price,
    gross_up,
    localise_price,
    localise_prices,
    max_cpc,
    presets,
    split_vat,
    target_margin_price,
    target_markup_price,
    unit_economics,
)
from xborder.serialize import from_data, to_data
from xborder.units import quantity

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


# The largest prices xborder reads: amounts stop below 1E+36 (LARGEST), so
# a price has up to 36 digits before its cents, past 28-digit arithmetic.
LARGE_PRICES = ["1E+24", "1E+30", "1E+35", "9" * 36 + ".99"]


@pytest.mark.parametrize("amount", LARGE_PRICES, ids=["24", "30", "35", "largest"])
def test_vat_splits_large_prices_exactly(amount: str) -> None:
    # The default decimal context (28 digits) used to fail with
    # InvalidOperation when rounding the net of a price this long.
    price = Money(amount, "EUR")
    vat = Vat(rate="0.19")
    split = split_vat(price, vat)
    assert split.net + split.tax == price
    gross = consumer_price(split.net, vat)
    assert gross.net == split.net
    assert gross.gross.amount >= gross.net.amount


def test_prices_past_the_largest_amount_are_refused_where_they_enter() -> None:
    # 10^60 and 10^120 used to be split; now no Money that long is built.
    with pytest.raises(InvalidInputError) as raised:
        Money(Decimal(10) ** 36, "EUR")
    assert raised.value.field == "amount"
    assert raised.value.value == Decimal(10) ** 36


@pytest.mark.parametrize(
    ("call", "field"),
    [
        # Tax added at checkout on the largest price would pass 1E+36.
        (lambda: split_vat(eur("9" * 36), Vat(rate="0.19", included=False)), "price"),
        (lambda: consumer_price(eur("9" * 36), Vat(rate="0.19")), "net"),
        (
            lambda: consumer_price(eur("9" * 36), Vat(rate="0.19", included=False)),
            "net",
        ),
    ],
    ids=["split, added at checkout", "consumer price", "consumer price, on top"],
)
def test_a_price_with_tax_past_the_largest_amount_is_refused(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        call()
    assert raised.value.field == field
    assert raised.value.value == eur("9" * 36)


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


# -- issue 13: exact under any caller ------------------------------------------
# Each cause the hostile-input sweep found, refused where the value enters,
# naming the argument and the value.

STRIPE_USD = PaymentFee(name="card", rate="0.029", fixed=usd("0.30"))
TIERED = ReferralFee(
    category="Beauty",
    bands=(RateBand(rate="0.08", up_to=usd("10.00")), RateBand(rate="0.15")),
    basis=VatBasis.EXCLUSIVE,
    minimum=usd("0.30"),
)


def _eur_waterfall() -> UnitEconomics:
    return unit_economics(eur("10.00"), fees=OWN_SITE, costs=COSTS)


def _usd_waterfall() -> UnitEconomics:
    return unit_economics(
        usd("10.00"),
        fees=FeeSchedule(name="Own site", currency="USD"),
        costs=UnitCosts(landed=usd("3.10")),
    )


def _line(**changed: object) -> WaterfallLine:
    fields: dict[str, Any] = {
        "label": "Referral fee",
        "kind": LineKind.FEE,
        "amount": eur("1.50"),
        "base": eur("10.00"),
        "rate": Decimal("0.15"),
        **changed,
    }
    return WaterfallLine(**fields)


def _split(**changed: Any) -> TaxedPrice:
    split = split_vat(eur("100.00"), Vat(rate="0.19"))
    return attrs.evolve(split, **changed)


def _channel() -> Channel:
    return Channel(
        name="Own site",
        kind=ChannelKind.INDEPENDENT_SITE,
        listing=Listing(fees=OWN_SITE, costs=COSTS),
        price=eur("10.00"),
    )


def _channel_row(**changed: Any) -> ChannelResult:
    return attrs.evolve(compare_channels([_channel()]).rows[0], **changed)


HUGE = Decimal("1E+999999")
NAN = Decimal("NaN")

REGRESSIONS: list[tuple[str, Callable[[], object], type[XborderError], str, object]] = [
    # Result classes: what the constructor accepts must read back and pickle.
    (
        "waterfall of a non-model",
        lambda: UnitEconomics(price=eur("10.00"), model="x"),  # type: ignore[arg-type]
        InvalidTypeError,
        "model",
        "x",
    ),
    (
        "waterfall at a price in another currency",
        lambda: attrs.evolve(_usd_waterfall(), price=eur("10.00")),
        CurrencyMismatchError,
        "price",
        eur("10.00"),
    ),
    (
        "waterfall at a price of zero",
        lambda: attrs.evolve(_usd_waterfall(), price=usd("0")),
        InvalidInputError,
        "price",
        usd("0"),
    ),
    (
        "line looked up by a number",
        lambda: _eur_waterfall().line(HUGE),  # type: ignore[arg-type]
        InvalidTypeError,
        "label",
        HUGE,
    ),
    (
        "line of a bare number",
        lambda: _line(amount=NAN),
        InvalidTypeError,
        "amount",
        NAN,
    ),
    ("line rate past 1E+36", lambda: _line(rate=HUGE), InvalidInputError, "rate", HUGE),
    (
        "line from a base in another currency",
        lambda: _line(base=usd("10.00")),
        CurrencyMismatchError,
        "base",
        usd("10.00"),
    ),
    ("split of a number", lambda: _split(gross=HUGE), InvalidTypeError, "gross", HUGE),
    (
        "split that does not add up",
        lambda: _split(tax=eur("1.00")),
        InvalidInputError,
        "tax",
        eur("1.00"),
    ),
    (
        "gross-up with a NaN solution",
        lambda: attrs.evolve(gross_up(usd("10.00"), STRIPE_USD), exact=NAN),
        InvalidInputError,
        "exact",
        NAN,
    ),
    (
        "gross-up that does not add up",
        lambda: attrs.evolve(gross_up(usd("10.00"), STRIPE_USD), received=usd("10.60")),
        InvalidInputError,
        "received",
        usd("10.60"),
    ),
    (
        "solution with a number for its waterfall",
        lambda: attrs.evolve(
            break_even_price(fees=OWN_SITE, costs=COSTS),
            economics=HUGE,  # type: ignore[arg-type]
        ),
        InvalidTypeError,
        "economics",
        HUGE,
    ),
    (
        "localised price with a number converted",
        lambda: attrs.evolve(
            localise_price(usd("10.00"), GERMANY, **LOCALISE),
            converted=HUGE,  # type: ignore[arg-type]
        ),
        InvalidTypeError,
        "converted",
        HUGE,
    ),
    (
        "comparison of no rows",
        lambda: ChannelComparison(rows=[], currency="EUR"),
        InvalidInputError,
        "rows",
        [],
    ),
    (
        "channel row with Money for a ratio",
        lambda: _channel_row(break_even_acos=eur("1.00")),
        InvalidTypeError,
        "break_even_acos",
        eur("1.00"),
    ),
    # Public methods take arguments too.
    ("referral fee on NaN", lambda: TIERED.amount(NAN), InvalidInputError, "base", NAN),
    (
        "referral fee on None",
        lambda: TIERED.amount(None),  # type: ignore[arg-type]
        InvalidTypeError,
        "base",
        None,
    ),
    ("referral band of -1", lambda: TIERED.band_for(-1), InvalidInputError, "base", -1),
    (
        "referral minimum on a float",
        lambda: TIERED.minimum_applies(0.5),  # type: ignore[arg-type]
        InvalidTypeError,
        "base",
        0.5,
    ),
    (
        "ending candidates of None",
        lambda: PriceEnding.ends_in("0.99").candidates(None),  # type: ignore[arg-type]
        InvalidTypeError,
        "price",
        None,
    ),
    (
        "ending candidates of sNaN",
        lambda: PriceEnding.ends_in("0.99").candidates(Decimal("sNaN")),
        InvalidInputError,
        "price",
        Decimal("sNaN"),
    ),
    # Functions: every argument, and results past 1E+36 refused by name.
    (
        "gross-up of 1E+35 (ran for ever: a cent rounds away at 28 digits)",
        lambda: gross_up(usd("1E+35"), STRIPE_USD),
        InvalidInputError,
        "net",
        usd("1E+35"),
    ),
    (
        "max CPC at an ACOS of 1E+999999 (overflowed later)",
        lambda: max_cpc(usd("10.00"), conversion_rate="0.1", acos=HUGE),
        InvalidInputError,
        "acos",
        HUGE,
    ),
    (
        "max CPC past 1E+36",
        lambda: max_cpc(usd("1E+35"), conversion_rate="1", acos="100"),
        InvalidInputError,
        "acos",
        "100",
    ),
    (
        "price ending past 1E+36",
        lambda: apply_price_ending(
            eur("9" * 35 + "0.00"),
            PriceEnding.ends_in("0", step="1E+35"),
            direction=EndingDirection.UP,
        ),
        InvalidInputError,
        "price",
        eur("9" * 35 + "0.00"),
    ),
    (
        "localise into a scalar quantity",
        lambda: localise_prices(usd("10"), quantity(1, "day"), **LOCALISE),
        InvalidTypeError,
        "markets",
        quantity(1, "day"),
    ),
    (
        "preset in force, flag a list",
        lambda: presets.in_force(
            presets.STRIPE_US_CARDS,
            dt.date(2026, 1, 1),
            allow_out_of_window=[1, 2],  # type: ignore[arg-type]
        ),
        InvalidTypeError,
        "allow_out_of_window",
        [1, 2],
    ),
    (
        "channels compared with a str for fx (used only across currencies)",
        lambda: compare_channels([_channel()], fx="x"),  # type: ignore[arg-type]
        InvalidTypeError,
        "fx",
        "x",
    ),
    (
        "channels compared in a bad currency",
        lambda: compare_channels([_channel()], currency=5),  # type: ignore[arg-type]
        InvalidTypeError,
        "currency",
        5,
    ),
    (
        "preset in force of a non-preset",
        lambda: presets.in_force("x", dt.date(2026, 1, 1)),  # type: ignore[type-var]
        InvalidTypeError,
        "preset",
        "x",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [case[1:] for case in REGRESSIONS],
    ids=[case[0] for case in REGRESSIONS],
)
def test_hostile_inputs_are_refused_where_they_enter(
    call: Callable[[], object], error: type[XborderError], field: str, value: object
) -> None:
    with pytest.raises(error) as raised:
        call()
    assert raised.value.field == field
    assert repr(raised.value.value) == repr(value)  # NaN is not == NaN


def test_ending_candidates_are_exact_past_28_digits() -> None:
    # price - ending used Python's 28-digit operators: at 10^35 it rounded.
    ending = PriceEnding.ends_in("0.99")
    price = Decimal("100000000000000000000000000000000000.62")
    below = Decimal("99999999999999999999999999999999999.99")
    above = Decimal("100000000000000000000000000000000000.99")
    assert ending.candidates(price) == (below, above)
    shelf = apply_price_ending(
        Money(price, "EUR"), ending, direction=EndingDirection.NEAREST
    )
    assert shelf.amount == above


RESULTS = [
    UnitEconomics,
    WaterfallLine,
    PriceSolution,
    TaxedPrice,
    GrossUp,
    LocalisedPrice,
    ChannelComparison,
    ChannelResult,
]


@pytest.mark.parametrize("kind", RESULTS, ids=lambda kind: kind.__name__)
def test_results_rebuilt_by_their_constructor_equal_the_calculators(
    kind: type,
) -> None:
    # Calculators assemble results without the constructor's checks; the
    # constructor must accept every one of them, and give the same result.
    @given(st.from_type(kind))
    def check(result: Any) -> None:
        rebuilt = attrs.evolve(result)
        assert rebuilt == result
        assert from_data(kind, to_data(result)) == result
        assert pickle.loads(pickle.dumps(result)) == result  # noqa: S301 - ours

    check()
