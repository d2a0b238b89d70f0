"""convert()'s hot path: a memo keyed by codes, checked by identity (issue 13).

A pair converted once is found again by its two codes, and the memo entry is
used only for the very currencies it was made for, so a currency with an
overridden exponent (same code, different Currency) never borrows another's
path. The hot path runs unguarded: it must give the checked path's answers
under any decimal context and leave the caller's flags alone.
"""

from __future__ import annotations

import datetime as dt
import decimal
import pickle
from decimal import ROUND_FLOOR, Context, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder._exact import EXACT
from xborder.errors import InvalidTypeError, MissingFxRateError
from xborder.fx import FxRate, FxTable, convert
from xborder.money import Currency, Money, RoundingMode
from xborder.testing import strategies as xst

DAY = dt.date(2026, 11, 2)
HALF_UP = RoundingMode.HALF_UP
SIGNALS = [
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.FloatOperation,
    decimal.Inexact,
    decimal.InvalidOperation,
    decimal.Overflow,
    decimal.Rounded,
    decimal.Subnormal,
    decimal.Underflow,
]
HOSTILE = [
    Context(prec=5, rounding=ROUND_FLOOR),
    Context(prec=5, traps=SIGNALS),
    Context(Emax=20, Emin=-20, traps=SIGNALS),
    Context(prec=50, capitals=0, clamp=1),
]


def _table() -> FxTable:
    return FxTable(
        rates=(
            FxRate(base="USD", quote="EUR", rate="0.8650", as_of=DAY),
            FxRate(base="USD", quote="JPY", rate="153.20", as_of=DAY),
        ),
        pivot="USD",
    )


@given(
    xst.money_values(currency=st.sampled_from([Currency("USD"), Currency("EUR")])),
    xst.rounding_modes(),
)
def test_a_repeated_pair_gives_the_first_answer(
    money: Money, mode: RoundingMode
) -> None:
    table = _table()
    target = "JPY" if money.currency.code == "EUR" else "EUR"
    first = convert(money, target, table=table, rounding=mode)
    again = convert(money, target, table=table, rounding=mode)
    by_currency = convert(money, Currency(target), table=table, rounding=mode)
    path = table.path(money.currency, target)
    expected = path.apply(money.amount).quantize(
        Currency(target).minor_unit, rounding=mode.value, context=EXACT
    )
    for result in (first, again, by_currency):
        assert type(result) is Money
        assert repr(result) == repr(Money(expected, target))


def test_a_currency_with_an_overridden_exponent_never_borrows_a_path() -> None:
    # Same code, different currencies: the memo key is the same pair of codes.
    cents_yen = Currency("JPY", exponent=2)
    table = FxTable(
        rates=(FxRate(base=cents_yen, quote="EUR", rate="0.0061", as_of=DAY),)
    )
    for _ in range(2):
        assert convert(
            Money("100.00", cents_yen), "EUR", table=table, rounding=HALF_UP
        ) == Money("0.61", "EUR")
        with pytest.raises(MissingFxRateError):
            convert(Money("100", "JPY"), "EUR", table=table, rounding=HALF_UP)


def test_the_target_currency_is_matched_by_identity_too() -> None:
    # HUF has 2 digits in CLDR; a processor settling in whole forints says 0.
    whole_forints = Currency("HUF", exponent=0)
    table = FxTable(
        rates=(
            FxRate(base="EUR", quote="HUF", rate="390.456", as_of=DAY),
            FxRate(base="EUR", quote=whole_forints, rate="390.456", as_of=DAY),
        )
    )
    euro = Money("1.00", "EUR")
    for _ in range(2):
        assert str(convert(euro, "HUF", table=table, rounding=HALF_UP)) == "390.46 HUF"
        whole = convert(euro, whole_forints, table=table, rounding=HALF_UP)
        assert whole.amount == Decimal(390)
        assert whole.currency is whole_forints


def test_a_pickled_table_converts_alike_and_warms_its_memo_again() -> None:
    table = _table()
    money = Money("4.20", "USD")
    before = convert(money, "EUR", table=table, rounding=HALF_UP)
    copied = pickle.loads(pickle.dumps(table))  # noqa: S301 - our own bytes
    for _ in range(3):
        assert convert(money, "EUR", table=copied, rounding=HALF_UP) == before


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"money": "4.20"}, "money"),
        ({"to": ["EUR"]}, "to"),
        ({"to": 5}, "to"),
        ({"table": None}, "table"),
        ({"rounding": "ROUND_HALF_UP"}, "rounding"),
        ({"rounding": decimal.ROUND_HALF_UP}, "rounding"),
    ],
)
def test_a_warm_memo_still_refuses_bad_arguments_by_name(
    arguments: dict[str, object], field: str
) -> None:
    table = _table()
    call: dict[str, object] = {
        "money": Money("4.20", "USD"),
        "to": "EUR",
        "table": table,
        "rounding": HALF_UP,
    }
    convert(**call)  # type: ignore[arg-type]  # warms the memo for USD→EUR
    with pytest.raises(InvalidTypeError) as raised:
        convert(**(call | arguments))  # type: ignore[arg-type]
    assert raised.value.field == field


@pytest.mark.parametrize("context", HOSTILE, ids=range(len(HOSTILE)))
@given(
    money=xst.money_values(currency=st.just(Currency("EUR"))), mode=xst.rounding_modes()
)
def test_cold_and_warm_conversions_ignore_the_callers_context(
    context: Context, money: Money, mode: RoundingMode
) -> None:
    expected = convert(money, "JPY", table=_table(), rounding=mode)
    caller = context.copy()
    table = _table()
    with decimal.localcontext(caller):
        cold = convert(money, "JPY", table=table, rounding=mode)
        warm = convert(money, "JPY", table=table, rounding=mode)
    assert repr(cold) == repr(warm) == repr(expected)
    assert not any(caller.flags.values())
