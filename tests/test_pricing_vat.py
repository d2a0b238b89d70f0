"""VAT in consumer prices: splitting a shelf price, building one from a net."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode
from xborder.pricing import TaxedPrice, Vat, consumer_price, split_vat
from xborder.testing import strategies as xst

GERMANY = Vat(rate="0.19")


def test_split_keeps_the_gross_and_rounds_the_net() -> None:
    split = split_vat(Money("19.99", "EUR"), GERMANY)
    # 19.99 / 1.19 = 16.798...: net 16.80, VAT 3.19.
    assert (split.net, split.tax) == (Money("16.80", "EUR"), Money("3.19", "EUR"))
    assert split.shelf == split.gross == Money("19.99", "EUR")


def test_split_of_a_price_without_vat_adds_the_tax_on_top() -> None:
    sales_tax = Vat(rate="0.0725", included=False, label="sales tax")
    split = split_vat(Money("24.99", "USD"), sales_tax)
    # 7.25% of 24.99 = 1.8117...: 1.81 on top.
    assert split.gross == Money("26.80", "USD")
    assert split.tax == Money("1.81", "USD")
    assert split.shelf == Money("24.99", "USD")
    assert sales_tax.description == "sales tax 7.25%, added at checkout"


def test_the_vat_rounding_mode_is_named_and_used() -> None:
    down = Vat(rate="0.19", rounding=RoundingMode.DOWN)
    # 16.798.. rounds down to 16.79: VAT 3.20 instead of 3.19.
    assert split_vat(Money("19.99", "EUR"), down).tax == Money("3.20", "EUR")


def test_yen_consumption_tax_has_no_minor_unit() -> None:
    split = split_vat(Money("1980", "JPY"), Vat(rate="0.10", label="consumption tax"))
    # 1980 / 1.1 = 1800 exactly.
    assert (split.net, split.tax) == (Money("1800", "JPY"), Money("180", "JPY"))


@given(xst.taxed_prices())
def test_net_and_tax_always_add_up_to_the_gross(split: TaxedPrice) -> None:
    assert split.net + split.tax == split.gross
    assert not split.tax.is_negative()


@given(xst.money_values(min_value=0, max_value=10**6), xst.vats())
def test_consumer_price_is_the_lowest_shelf_price_that_keeps_the_net(
    net: Money, vat: Vat
) -> None:
    price = consumer_price(net, vat)
    assert price.net >= net
    assert split_vat(price.shelf, vat) == price
    unit = Money(net.currency.minor_unit, net.currency)
    lower = price.shelf - unit
    if vat.included and not lower.is_negative():
        assert split_vat(lower, vat).net < net


def test_consumer_price_examples() -> None:
    # 84.03 x 1.19 = 99.9957 -> 100.00, but 99.99 already splits to 84.03.
    assert consumer_price(Money("84.03", "EUR"), GERMANY).gross == Money("99.99", "EUR")
    assert consumer_price(Money("16.80", "EUR"), GERMANY).gross == Money("19.99", "EUR")
    assert consumer_price(Money("0", "EUR"), GERMANY).gross == Money("0", "EUR")
    us = consumer_price(Money("10.00", "USD"), Vat(rate="0.08", included=False))
    assert (us.shelf, us.gross) == (Money("10.00", "USD"), Money("10.80", "USD"))


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: split_vat(Money("-1.00", "EUR"), GERMANY), InvalidInputError, "price"),
        (lambda: split_vat(Money("1.005", "EUR"), GERMANY), InvalidInputError, "price"),
        (lambda: split_vat(_any("1.00"), GERMANY), InvalidTypeError, "price"),
        (lambda: split_vat(Money("1.00", "EUR"), _any("19%")), InvalidTypeError, "vat"),
        (lambda: consumer_price(Money("-1", "EUR"), GERMANY), InvalidInputError, "net"),
        (lambda: Vat(rate="1.19"), InvalidInputError, "rate"),
        (lambda: Vat(rate=_any(0.19)), InvalidTypeError, "rate"),
        (lambda: Vat(rate="0.19", included=_any("yes")), InvalidTypeError, "included"),
        (lambda: Vat(rate="0.19", rounding=_any("up")), InvalidTypeError, "rounding"),
        (lambda: Vat(rate="0.19", label=""), InvalidInputError, "label"),
    ],
)
def test_bad_vat_inputs_name_their_field(
    call: object, error: type[Exception], field: str
) -> None:
    assert callable(call)
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, InvalidInputError)
    assert caught.value.field == field


ALWAYS = st.just(True)  # noqa: FBT003 - a strategy of one value


@given(xst.vats(included=ALWAYS), xst.money_values(min_value=1, max_value=10**5))
def test_split_of_a_consumer_price_never_loses_a_minor_unit(
    vat: Vat, net: Money
) -> None:
    shelf = consumer_price(net, vat).gross
    split = split_vat(shelf, vat)
    assert split.net + split.tax == shelf


def _any(value: object) -> Any:
    """A deliberately wrong value, typed ``Any`` so the test may pass it."""
    return value
