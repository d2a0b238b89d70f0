"""Money's hot paths build results without the constructor (issue 13, performance).

``+``, ``-``, negation and rounding build each result as a writable draft
with Money's layout and turn it into a Money by assigning ``__class__`` (see
``xborder.money._money._Draft``). These tests hold that such a result is in
every way the Money the public constructor would build: same type, value,
hash, immutability, pickling and serialised form, whatever decimal context
the caller runs.
"""

from __future__ import annotations

import copy
import decimal
import pickle
import weakref
from decimal import ROUND_FLOOR, Context, Decimal, Inexact, Rounded

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder._exact import EXACT
from xborder.money import Currency, Money, RoundingMode
from xborder.serialize import from_data, to_data
from xborder.testing import strategies as xst

EUR = Currency("EUR")
SIGNALS = [
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.FloatOperation,
    Inexact,
    decimal.InvalidOperation,
    decimal.Overflow,
    Rounded,
    decimal.Subnormal,
    decimal.Underflow,
]
# Contexts under which a plain Decimal operator would round, trap or print
# differently: Money's hot paths must not notice them.
HOSTILE = [
    Context(prec=5, rounding=ROUND_FLOOR),
    Context(prec=5, traps=SIGNALS),
    Context(Emax=20, Emin=-20, traps=SIGNALS),
    Context(prec=50, capitals=0, clamp=1),
]


def _as_built(amount: Decimal, currency: Currency) -> Money:
    return Money(amount, currency)


def _same_money(result: Money, expected: Money) -> None:
    assert type(result) is Money
    assert result.__class__ is Money
    assert repr(result) == repr(expected)  # the exponent too: 1.0 is not 1.00
    assert result == expected
    assert hash(result) == hash(expected)


@given(xst.money_values(currency=st.just(EUR)), xst.money_values(currency=st.just(EUR)))
def test_sums_and_differences_are_the_money_the_constructor_builds(
    a: Money, b: Money
) -> None:
    _same_money(a + b, _as_built(EXACT.add(a.amount, b.amount), EUR))
    _same_money(a - b, _as_built(EXACT.subtract(a.amount, b.amount), EUR))
    _same_money(-a, _as_built(a.amount.copy_negate(), EUR))


@given(xst.money_values(), xst.rounding_modes())
def test_rounded_results_are_the_money_the_constructor_builds(
    money: Money, mode: RoundingMode
) -> None:
    unit = money.currency.minor_unit
    expected = money.amount.quantize(unit, rounding=mode.value, context=EXACT)
    _same_money(money.quantize(mode), _as_built(expected, money.currency))


def test_a_built_result_is_frozen_slotted_weakly_referable_and_round_trips() -> None:
    total = Money("12.34", "EUR") + Money("56.78", "EUR")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        total.amount = Decimal(1)  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del total.currency
    assert not hasattr(total, "__dict__")
    assert weakref.ref(total)() is total
    assert pickle.loads(pickle.dumps(total)) == total  # noqa: S301 - our own bytes
    assert copy.deepcopy(total) == total
    assert from_data(Money, to_data(total)) == total
    assert attrs.evolve(total, amount="1") == Money("1", "EUR")
    assert [field.name for field in attrs.fields(Money)] == ["amount", "currency"]
    assert Money.__mro__ == (Money, object)  # the draft is a subclass, never seen


def test_negative_zero_is_still_cleared_on_the_hot_paths() -> None:
    small = Money("-0.001", "EUR")
    assert str(small.quantize(RoundingMode.HALF_UP)) == "0.00 EUR"
    assert str(-Money("0.00", "EUR")) == "0.00 EUR"
    assert str(Money("1.10", "EUR") - Money("1.10", "EUR")) == "0.00 EUR"


@pytest.mark.parametrize("context", HOSTILE, ids=range(len(HOSTILE)))
@given(
    a=xst.money_values(currency=st.just(EUR)),
    b=xst.money_values(currency=st.just(EUR)),
    mode=xst.rounding_modes(),
)
def test_hot_paths_ignore_the_callers_context_and_leave_its_flags(
    context: Context, a: Money, b: Money, mode: RoundingMode
) -> None:
    expected = (a + b, a - b, -a, abs(a), (a + b).quantize(mode), a.is_quantized())
    caller = context.copy()
    with decimal.localcontext(caller):
        got = (a + b, a - b, -a, abs(a), (a + b).quantize(mode), a.is_quantized())
    assert [repr(value) for value in got] == [repr(value) for value in expected]
    assert not any(caller.flags.values())
