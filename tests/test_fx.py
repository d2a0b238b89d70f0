from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import (
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    UnknownCurrencyError,
)
from xborder.fx import FxLeg, FxPath, FxRate, FxTable, _convert_along, convert
from xborder.money import Currency, Money, RoundingMode
from xborder.serialize import from_data, to_data
from xborder.testing import strategies as xst
from xborder.units import quantity

if TYPE_CHECKING:
    from collections.abc import Callable

DAY = dt.date(2026, 11, 2)
HALF_UP = RoundingMode.HALF_UP


def _rate(base: str, quote: str, rate: str) -> FxRate:
    return FxRate(base=base, quote=quote, rate=rate, as_of=DAY)


TABLE = FxTable(
    rates=(_rate("USD", "EUR", "0.8650"), _rate("USD", "JPY", "153.20")),
    pivot="USD",
)


def test_direct_inverse_and_pivot_paths() -> None:
    assert convert(Money("4.20", "USD"), "EUR", table=TABLE, rounding=HALF_UP) == Money(
        "3.63", "EUR"
    )
    # Inverse: divide by the listed rate, never multiply by a rounded inverse.
    assert convert(
        Money("86.50", "EUR"), "USD", table=TABLE, rounding=HALF_UP
    ) == Money("100.00", "USD")
    # Through the pivot: 100 / 0.8650 * 153.20 = 17710.98.. JPY.
    jpy = convert(Money("100.00", "EUR"), "JPY", table=TABLE, rounding=HALF_UP)
    assert jpy == Money("17711", "JPY")
    path = TABLE.path("EUR", "JPY")
    assert [(leg.base.code, leg.quote.code, leg.inverted) for leg in path.legs] == [
        ("EUR", "USD", True),
        ("USD", "JPY", False),
    ]


def test_same_currency_converts_to_itself_without_legs_or_spread() -> None:
    table = FxTable(rates=(), spread="0.03")
    assert convert(Money("9.99", "EUR"), "EUR", table=table, rounding=HALF_UP) == Money(
        "9.99", "EUR"
    )
    assert table.path("EUR", "EUR").legs == ()


def test_rounding_happens_once_at_the_end_with_the_named_mode() -> None:
    money = Money("4.20", "USD")  # 3.633 EUR exactly
    assert convert(money, "EUR", table=TABLE, rounding=RoundingMode.CEILING) == Money(
        "3.64", "EUR"
    )
    assert convert(money, "EUR", table=TABLE, rounding=RoundingMode.FLOOR) == Money(
        "3.63", "EUR"
    )


def test_golden_euro_legacy_triangulation() -> None:
    # Council Regulation (EC) No 2866/98 fixes 1 EUR = 1.95583 DEM = 6.55957
    # FRF; Regulation (EC) No 1103/97, Art. 4(4), converts between two legacy
    # currencies through the euro by dividing by one rate and multiplying by
    # the other, never with inverse rates. Recomputed: 100 / 1.95583 * 6.55957
    # = 335.3854885.. FRF -> 335.39 FRF.
    table = FxTable(
        rates=(
            FxRate(base="EUR", quote="DEM", rate="1.95583", as_of="1999-01-01"),
            FxRate(base="EUR", quote="FRF", rate="6.55957", as_of="1999-01-01"),
        ),
        pivot="EUR",
    )
    frf = convert(Money("100.00", "DEM"), "FRF", table=table, rounding=HALF_UP)
    assert frf == Money("335.39", "FRF")


def test_spread_is_a_cost_to_the_converter() -> None:
    table = FxTable(rates=TABLE.rates, pivot="USD", spread="0.03")
    received = convert(Money("100.00", "USD"), "EUR", table=table, rounding=HALF_UP)
    assert received == Money("83.91", "EUR")  # 86.50 * 0.97 = 83.905
    assert table.path("USD", "EUR").rate == Decimal("0.8650") * Decimal("0.97")


def test_missing_path_names_the_pair_and_what_the_table_has() -> None:
    with pytest.raises(MissingFxRateError) as caught:
        convert(Money("1.00", "EUR"), "GBP", table=TABLE, rounding=HALF_UP)
    message = str(caught.value)
    assert "EUR→GBP" in message
    assert "USD→EUR" in message
    assert "pivots through USD" in message
    assert isinstance(caught.value, KeyError)


def test_without_a_pivot_there_is_no_triangulation() -> None:
    table = FxTable(rates=TABLE.rates)
    with pytest.raises(MissingFxRateError):
        table.path("EUR", "JPY")


def test_both_directions_may_be_listed_and_the_listed_one_wins() -> None:
    table = FxTable(rates=(_rate("USD", "EUR", "0.86"), _rate("EUR", "USD", "1.15")))
    assert table.path("EUR", "USD").rate == Decimal("1.15")
    assert table.path("USD", "EUR").rate == Decimal("0.86")


def test_bad_rates_and_tables() -> None:
    with pytest.raises(InvalidInputError, match="quote"):
        _rate("EUR", "EUR", "1")
    with pytest.raises(InvalidInputError, match="rate"):
        _rate("EUR", "USD", "0")
    with pytest.raises(InvalidTypeError, match="rate"):
        FxRate(base="EUR", quote="USD", rate=1.08, as_of=DAY)  # type: ignore[arg-type]
    with pytest.raises(UnknownCurrencyError, match="base"):
        _rate("EURO", "USD", "1")
    with pytest.raises(InvalidInputError, match=r"rates\[1\].*listed twice"):
        FxTable(rates=(_rate("USD", "EUR", "0.86"), _rate("USD", "EUR", "0.87")))
    with pytest.raises(InvalidInputError, match="spread"):
        FxTable(rates=(), spread="1")
    with pytest.raises(InvalidTypeError, match=r"rates"):
        FxTable(rates=("USD/EUR 0.86",))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="source"):
        FxRate(base="EUR", quote="USD", rate=1, as_of=DAY, source=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="money"):
        convert(Decimal(1), "EUR", table=TABLE, rounding=HALF_UP)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="table"):
        convert(Money(1, "USD"), "EUR", table={}, rounding=HALF_UP)  # type: ignore[arg-type]


def test_inverse_rate_keeps_direction_and_date() -> None:
    rate = FxRate(base="EUR", quote="USD", rate="1.25", as_of=DAY, source="bank")
    inverse = rate.inverse()
    assert (inverse.base.code, inverse.quote.code, inverse.rate) == (
        "USD",
        "EUR",
        Decimal("0.8"),
    )
    assert (inverse.as_of, inverse.source) == (DAY, "bank")


@given(xst.fx_rates(), xst.money_values(min_value=0, max_value=10**9))
def test_round_trip_returns_within_the_rounding_bound(
    rate: FxRate, start: Money
) -> None:
    money = Money(start.amount, rate.base)
    money = money.quantize(HALF_UP)
    table = FxTable(rates=(rate,))
    there = convert(money, rate.quote, table=table, rounding=HALF_UP)
    back = convert(there, rate.base, table=table, rounding=HALF_UP)
    # Half a target minor unit, carried back through the rate, plus half a
    # minor unit for the final rounding.
    bound = rate.quote.minor_unit / 2 / rate.rate + rate.base.minor_unit / 2
    assert abs(back.amount - money.amount) <= bound


@given(
    st.tuples(xst.currencies(), xst.currencies(), xst.currencies()).filter(
        lambda c: len(set(c)) == 3
    ),
    st.decimals(min_value="0.001", max_value=1000, places=3),
    st.decimals(min_value="0.001", max_value=1000, places=3),
    xst.money_values(min_value=0, max_value=10**9),
)
def test_pivot_conversion_matches_the_direct_cross_rate(
    trio: tuple[Currency, Currency, Currency],
    first: Decimal,
    second: Decimal,
    start: Money,
) -> None:
    source, pivot, target = trio
    money = Money(start.amount, source).quantize(HALF_UP)
    via = FxTable(
        rates=(
            FxRate(base=pivot, quote=source, rate=first, as_of=DAY),  # used inverted
            FxRate(base=pivot, quote=target, rate=second, as_of=DAY),
        ),
        pivot=pivot,
    )
    cross = via.path(source, target).rate
    direct = FxTable(rates=(FxRate(base=source, quote=target, rate=cross, as_of=DAY),))
    one = convert(money, target, table=via, rounding=HALF_UP)
    other = convert(money, target, table=direct, rounding=HALF_UP)
    assert abs(one.amount - other.amount) <= target.minor_unit


@given(xst.fx_tables(), xst.money_values(min_value=0, max_value=10**6))
def test_every_listed_pair_converts_through_the_pivot(
    table: FxTable, start: Money
) -> None:
    listed = {rate.base for rate in table.rates} | {rate.quote for rate in table.rates}
    for source in listed:
        for target in listed:
            money = Money(start.amount, source).quantize(HALF_UP)
            assert (
                convert(money, target, table=table, rounding=HALF_UP).currency == target
            )


@given(
    xst.fx_tables(),
    st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False),
)
def test_convert_is_the_path_applied_then_rounded_once(
    table: FxTable, amount: Decimal
) -> None:
    # Calculators converting many amounts find the path once and convert
    # along it; the figure is the one convert gives, to the exponent.
    for rate in table.rates:
        money, path = Money(amount, rate.base), table.path(rate.base, rate.quote)
        for mode in (RoundingMode.HALF_UP, RoundingMode.DOWN):
            converted = convert(money, rate.quote, table=table, rounding=mode)
            assert repr(_convert_along(path, money, mode)) == repr(converted)
            exact = Money(path.apply(amount), rate.quote)
            assert repr(converted) == repr(exact.quantize(mode))


def test_a_bad_rounding_mode_is_refused_before_the_path_is_looked_up() -> None:
    # Every argument is checked before any work: a missing pair comes second.
    for money in (Money("1.00", "GBP"), Money("1.00", "USD")):
        with pytest.raises(InvalidTypeError) as caught:
            convert(money, "EUR", table=TABLE, rounding="up")  # type: ignore[arg-type]
        assert caught.value.field == "rounding"
        assert caught.value.value == "up"


def test_a_path_keeps_its_hash_and_survives_pickling() -> None:
    # Paths key the audit trail's rate descriptions, so their hash is cached.
    path = TABLE.path("EUR", "JPY")
    assert TABLE.path("EUR", "JPY") is path
    copy = pickle.loads(pickle.dumps(path))  # noqa: S301 - our own object
    assert copy == path
    assert hash(copy) == hash(path)


@pytest.mark.parametrize(
    "rates",
    [None, 5, Decimal("1.08"), "USD/EUR", b"rates"],
    ids=["None", "int", "Decimal", "str", "bytes"],
)
def test_rates_that_are_not_a_sequence_are_named(rates: object) -> None:
    # A non-iterable was a bare TypeError; a str was silently read as letters.
    with pytest.raises(InvalidTypeError) as caught:
        FxTable(rates=rates)  # type: ignore[arg-type]
    assert caught.value.field == "rates"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: convert(Money(1, "USD"), 5, table=TABLE, rounding=HALF_UP), "to"),  # type: ignore[arg-type]
        (lambda: convert(Money(1, "USD"), "eur", table=TABLE, rounding=HALF_UP), "to"),
        (lambda: TABLE.path(5, "EUR"), "base"),  # type: ignore[arg-type]
        (lambda: TABLE.path("USD", "EURO"), "quote"),
    ],
    ids=["to int", "to lower case", "path base", "path quote"],
)
def test_a_bad_target_currency_names_its_argument(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        call()
    assert caught.value.field == field


@pytest.mark.parametrize("rate", ["-1.08", "0", "-0"])
def test_a_rate_must_be_positive(rate: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        _rate("EUR", "USD", rate)
    assert caught.value.field == "rate"


@pytest.mark.parametrize("spread", ["1", "1.5", "-0.01"])
def test_a_spread_must_be_in_zero_to_one(spread: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        FxTable(rates=(), spread=spread)
    assert caught.value.field == "spread"


def test_a_cycle_of_rates_resolves_each_pair_directly() -> None:
    # EUR→USD→JPY→EUR: the three rates disagree (1.10 × 150 × 0.005 = 0.825);
    # the table never walks the cycle, it uses the listed leg for each pair.
    cycle = FxTable(
        rates=(
            _rate("EUR", "USD", "1.10"),
            _rate("USD", "JPY", "150"),
            _rate("JPY", "EUR", "0.005"),
        ),
        pivot="USD",
    )
    assert cycle.path("EUR", "JPY").rate == Decimal(200)  # inverse of JPY→EUR
    assert len(cycle.path("EUR", "JPY").legs) == 1
    assert cycle.path("JPY", "USD").legs[0].inverted


def test_a_direct_rate_wins_over_the_pivot_when_they_disagree() -> None:
    table = FxTable(
        rates=(
            _rate("USD", "EUR", "0.8650"),
            _rate("USD", "JPY", "153.20"),
            _rate("EUR", "JPY", "180"),  # the pivot would say 177.11...
        ),
        pivot="USD",
    )
    assert table.path("EUR", "JPY").rate == Decimal(180)
    assert convert(Money("100", "EUR"), "JPY", table=table, rounding=HALF_UP) == Money(
        "18000", "JPY"
    )


def test_a_conversion_past_the_bounds_is_an_input_error() -> None:
    # Rates and amounts enter below 1E+36, but their product may not: a
    # converted Money of 1E+70 could not be read back by from_data.
    table = FxTable(rates=(_rate("EUR", "USD", "9E+35"),))
    with pytest.raises(InvalidInputError) as caught:
        convert(Money("1E+35", "EUR"), "USD", table=table, rounding=HALF_UP)
    assert caught.value.field == "money"
    assert caught.value.value == Money("1E+35", "EUR")
    # Below the bound, it converts.
    small = convert(Money("1", "EUR"), "USD", table=table, rounding=HALF_UP)
    assert small == Money("9E+35", "USD").quantize(HALF_UP)


def test_a_conversion_past_the_exponent_limit_is_an_input_error() -> None:
    # Only Money grown by arithmetic reaches Decimal's own limit (1E+999999).
    huge = Money("9", "EUR")
    for _ in range(28_571):  # 9E+999985
        huge *= Decimal("1E+35")
    table = FxTable(rates=(_rate("EUR", "USD", "9E+35"),))
    with pytest.raises(InvalidInputError) as caught:
        convert(huge, "USD", table=table, rounding=HALF_UP)
    assert caught.value.field == "money"


@pytest.mark.parametrize("rate", ["1E-36", "1E-37", "1E-100"])
def test_a_rate_whose_inverse_is_past_the_bounds_is_refused(rate: str) -> None:
    # inverse() and inverted legs divide by the rate: 1/rate must stay below
    # 1E+36, or the inverse rate could not be built.
    with pytest.raises(InvalidInputError) as caught:
        _rate("EUR", "USD", rate)
    assert caught.value.field == "rate"
    assert caught.value.value == rate
    smallest = _rate("EUR", "USD", "1.000001E-36")
    assert smallest.inverse().rate < Decimal("1E+36")


# -- public methods and result classes check their arguments -------------------

_EUR_USD = _rate("EUR", "USD", "1.25")
_LEG = FxLeg(_EUR_USD, inverted=True)  # USD -> EUR
# Typed Any: the calls below break the annotations on purpose.
_ANY_LEG: Any = _LEG
_ANY_PATH: Any = TABLE.path("USD", "EUR")
_LEG_CLASS: Any = FxLeg
_PATH_CLASS: Any = FxPath


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [
        (lambda: _ANY_LEG.apply({}), InvalidTypeError, "amount", {}),  # a TypeError
        (lambda: _LEG.apply(Decimal("sNaN")), InvalidInputError, "amount", None),
        (lambda: _ANY_LEG.apply(Money("1", "USD")), InvalidTypeError, "amount", None),
        (lambda: _LEG.apply("\u0661"), InvalidInputError, "amount", "\u0661"),
        (lambda: _ANY_PATH.apply([]), InvalidTypeError, "amount", []),
        (lambda: _LEG_CLASS(_EUR_USD, inverted=1), InvalidTypeError, "inverted", 1),
        (lambda: _LEG_CLASS("EUR/USD", inverted=False), InvalidTypeError, "rate", None),
        (
            lambda: FxTable(rates=quantity(1, "day")),  # a scalar declares __iter__
            InvalidTypeError,
            "rates",
            None,
        ),
        (
            lambda: FxPath(base="EUR", quote="USD", legs=(_LEG,), spread=0),
            InvalidInputError,
            "legs[0]",
            _LEG,
        ),
        (
            lambda: FxPath(base="USD", quote="JPY", legs=(_LEG,), spread=0),
            InvalidInputError,
            "legs",
            (_LEG,),
        ),
        (
            lambda: FxPath(base="EUR", quote="USD", legs=(), spread=0),
            InvalidInputError,
            "legs",
            (),
        ),
        (
            lambda: FxPath(base="USD", quote="EUR", legs=(_LEG,), spread=1),
            InvalidInputError,
            "spread",
            1,
        ),
        (
            lambda: _PATH_CLASS(base="USD", quote="EUR", legs=[{}], spread=0),
            InvalidTypeError,
            "legs[0]",
            {},
        ),
    ],
    ids=[
        "apply-dict",
        "apply-sNaN",
        "apply-Money",
        "apply-arabic",
        "path-apply-list",
        "leg-inverted",
        "leg-rate",
        "table-pint",
        "path-wrong-start",
        "path-wrong-end",
        "path-no-legs",
        "path-spread",
        "path-leg-type",
    ],
)
def test_bad_arguments_to_fx_classes_and_methods_are_named(
    call: Callable[[], object], error: type[Exception], field: str, value: object
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field
    if value is not None:
        assert caught.value.value == value


@given(xst.fx_paths())
def test_paths_and_legs_read_back_from_plain_data(path: FxPath) -> None:
    # FxPath took anything (legs=[] stayed a list, so from_data's tuple
    # differed); now its fields are checked and it reads back equal.
    assert from_data(FxPath, to_data(path)) == path
    for leg in path.legs:
        assert from_data(FxLeg, to_data(leg)) == leg
    assert FxPath(base=path.base, quote=path.quote, legs=list(path.legs),
                  spread=path.spread) == path  # fmt: skip


@given(
    xst.fx_tables(),
    st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False),
)
def test_convert_is_the_public_path_applied_then_rounded(
    table: FxTable, amount: Decimal
) -> None:
    # convert() runs a prepared plan of the path (and remembers it by the
    # currencies' identities); it must equal the public path's answer.
    listed = {c for rate in table.rates for c in (rate.base, rate.quote)}
    for base in listed:
        for quote in listed:
            try:
                path = table.path(base, quote)
            except MissingFxRateError:
                continue
            money = Money(amount, base)
            exact = Money(path.apply(money.amount), quote).quantize(HALF_UP)
            for target in (quote, quote.code, quote):  # memos answer the repeats
                assert convert(money, target, table=table, rounding=HALF_UP) == exact
