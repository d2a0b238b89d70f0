"""format_money with a CLDR pattern and a currency display (symbol, code, name)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.core import Locale
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import CurrencyDisplay, Money, format_money
from xborder.testing import strategies as xst

NBSP = "\u00a0"
ACCOUNTING = "¤#,##0.00;(¤#,##0.00)"


def test_golden_cldr_accounting_pattern_of_en_us() -> None:
    # CLDR 47, common/main/en.xml, currencyFormatLength type "accounting":
    # the pattern xborder's docs teach is the one CLDR ships for English.
    assert Locale.parse("en_US").currency_formats["accounting"].pattern == ACCOUNTING
    money = Money("-1234.5", "USD")
    assert format_money(money, locale="en_US", pattern=ACCOUNTING) == "($1,234.50)"
    assert format_money(-money, locale="en_US", pattern=ACCOUNTING) == "$1,234.50"


@pytest.mark.parametrize(
    ("amount", "code", "locale", "display", "expected"),
    [
        ("1234.5", "EUR", "en_US", CurrencyDisplay.SYMBOL, "€1,234.50"),
        # UTS #35 Part 3, currencySpacing: a code ending in a letter is kept
        # apart from a digit by a no-break space.
        ("1234.5", "EUR", "en_US", CurrencyDisplay.CODE, f"EUR{NBSP}1,234.50"),
        ("1234.5", "EUR", "de_DE", CurrencyDisplay.CODE, f"1.234,50{NBSP}EUR"),
        ("-1234.5", "JPY", "ja_JP", CurrencyDisplay.CODE, f"-JPY{NBSP}1,234.5"),
        # Names take the plural the amount needs, in the locale's order.
        ("1", "EUR", "en_US", CurrencyDisplay.NAME, "1.00 euro"),
        ("1234.5", "EUR", "en_US", CurrencyDisplay.NAME, "1,234.50 euros"),
        ("1234.5", "EUR", "de_DE", CurrencyDisplay.NAME, "1.234,50 Euro"),
    ],
)
def test_golden_displays(
    amount: str, code: str, locale: str, display: CurrencyDisplay, expected: str
) -> None:
    assert format_money(Money(amount, code), locale=locale, display=display) == expected


@pytest.mark.parametrize(
    ("pattern", "display", "expected"),
    [
        ("#,##0.00 ¤¤", None, "-1.234,50 EUR"),  # the pattern's own code
        ("#,##0.00 ¤", CurrencyDisplay.CODE, "-1.234,50 EUR"),
        ("#,##0.00 ¤¤", CurrencyDisplay.SYMBOL, "-1.234,50 €"),
        ("#,##0.00 ¤¤¤", None, "-1.234,50 Euro"),
        (ACCOUNTING, CurrencyDisplay.CODE, f"(EUR{NBSP}1.234,50)"),
        ("'Total: '¤#,##0.00", None, "-Total: €1.234,50"),  # quoted literal
    ],
)
def test_a_pattern_places_the_currency_and_the_locale_its_symbols(
    pattern: str, display: CurrencyDisplay | None, expected: str
) -> None:
    money = Money("-1234.5", "EUR")
    assert format_money(money, locale="de_DE", pattern=pattern, display=display) == (
        expected
    )


def test_a_pattern_never_rounds_the_currency_sets_the_digits() -> None:
    # The pattern asks for two decimals; the amounts keep theirs.
    assert format_money(
        Money("1099.985", "EUR"), locale="en_US", pattern="#,##0.00 ¤¤"
    ) == ("1,099.985 EUR")
    assert format_money(
        Money("1234", "JPY"), locale="en_US", pattern="#,##0.00 ¤¤"
    ) == ("1,234 JPY")
    assert format_money(Money("5", "EUR"), locale="en_US", pattern="0 ¤¤") == (
        "5.00 EUR"
    )


@given(xst.money_values(), st.sampled_from(["#,##0.00 ¤¤", "¤¤ 0.00", "¤¤#,##0"]))
def test_every_digit_survives_a_pattern(money: Money, pattern: str) -> None:
    shown = format_money(money, locale="en_US", pattern=pattern)
    number = shown.replace(money.currency.code, "")
    number = number.replace(",", "").replace(" ", "").replace(NBSP, "")
    assert Decimal(number) == money.amount


@given(xst.money_values(), st.sampled_from(CurrencyDisplay))
def test_every_display_shows_every_digit(
    money: Money, display: CurrencyDisplay
) -> None:
    shown = format_money(money, locale="en_US", display=display, pattern="#,##0.00 ¤")
    assert shown.split()[0].replace(",", "").lstrip("-") == str(abs(money.amount))


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("#,##0.00%", "multiplies the amount by 100"),
        ("#,##0.00‰ ¤", "by 1000"),
        ("@@@ ¤", "significant digits"),
        ("0.###E0 ¤", "scientific"),
        ("*x#,##0.00 ¤", "padding"),
        ("#,##0.05 ¤", "rounding increment"),
        ("#,##0.00", "'¤'"),
        ("¤", "number part"),
        ("", "number part"),
        ("¤ 0 0", "number part"),
        ("#,##0.0.0 ¤", "at most one '.'"),
        ("¤#,##0.00;¤#,##0.00", "negatives as positives"),
        ("¤#,##0.00;(#,##0.00)", "'¤'"),
        ("0 ¤;-0 ¤;0 ¤", "more than one ';'"),
        ("'x #,##0.00 ¤", "unclosed quote"),
        ("0 ¤¤¤¤", "three long"),
        ("0 ¤" + " " * 100, "longer than 100"),
    ],
)
def test_a_pattern_that_would_change_the_number_is_refused_by_name(
    pattern: str, reason: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        format_money(Money("1.00", "EUR"), locale="en_US", pattern=pattern)
    assert caught.value.field == "pattern"
    assert caught.value.value == pattern
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"pattern": 5}, "pattern"),
        ({"pattern": b"0 \xa4"}, "pattern"),
        ({"display": "code"}, "display"),
        ({"display": 2}, "display"),
    ],
)
def test_bad_argument_types_are_named(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        format_money(Money("1.00", "EUR"), locale="en_US", **arguments)  # type: ignore[arg-type]
    assert caught.value.field == field


@given(st.from_type(CurrencyDisplay))
def test_currency_display_resolves_from_type(display: CurrencyDisplay) -> None:
    assert isinstance(display, CurrencyDisplay)
