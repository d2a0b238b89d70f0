from __future__ import annotations

import decimal
from decimal import Decimal

import babel
import pytest
from babel.core import get_cldr_version

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode, format_money


def test_pinned_cldr_version() -> None:
    # The golden strings below hold for this CLDR release; an upgrade must be
    # a deliberate change of these tests, not a silent drift (babel #862).
    assert get_cldr_version() == "47"
    assert babel.__version__.startswith("2.18.")


@pytest.mark.parametrize(
    ("amount", "code", "locale", "expected"),
    [
        ("1234.56", "USD", "en_US", "$1,234.56"),
        ("1234.56", "EUR", "de_DE", "1.234,56\u00a0€"),  # NBSP before the sign
        ("1234.56", "EUR", "de_AT", "€\u00a01.234,56"),  # sign first in Austria
        ("1234.56", "GBP", "en_GB", "£1,234.56"),
        ("1234", "JPY", "ja_JP", "\uffe51,234"),  # FULLWIDTH YEN SIGN, not ¥
        ("1234.56", "CNY", "zh_CN", "\u00a51,234.56"),  # YEN SIGN U+00A5 for yuan
        ("1234.56", "USD", "zh_CN", "US$1,234.56"),
        ("1234.56", "CHF", "fr_CH", "1\u202f234,56\u00a0CHF"),  # NNBSP grouping
        ("1234.56", "CHF", "de_CH", "CHF\u00a01’234.56"),
        ("1234.56", "CAD", "fr_CA", "1\u00a0234,56\u00a0$"),
        ("1234.567", "KWD", "en_US", "KWD1,234.567"),
        ("-1099.98", "USD", "en_US", "-$1,099.98"),
        ("1234.56", "EUR", "de-DE", "1.234,56\u00a0€"),  # BCP 47 tag
    ],
)
def test_golden_babel_strings(
    amount: str, code: str, locale: str, expected: str
) -> None:
    assert format_money(Money(amount, code), locale=locale) == expected


@pytest.mark.parametrize(
    ("amount", "code", "locale", "expected"),
    [
        # babel alone would round these half-even: 1.099,98 € and ￥1,234.
        ("1099.985", "EUR", "de_DE", "1.099,985\u00a0€"),
        ("1234.5", "JPY", "ja_JP", "\uffe51,234.5"),
        ("0.125", "USD", "en_US", "$0.125"),
    ],
)
def test_formatting_never_rounds(
    amount: str, code: str, locale: str, expected: str
) -> None:
    assert format_money(Money(amount, code), locale=locale) == expected


def test_quantize_then_format_is_the_documented_path() -> None:
    price = Money("1099.985", "EUR").quantize(RoundingMode.HALF_UP)
    assert format_money(price, locale="de_DE") == "1.099,99\u00a0€"


def test_short_amounts_are_padded_to_the_minor_unit() -> None:
    assert format_money(Money("5", "USD"), locale="en_US") == "$5.00"


@pytest.mark.parametrize("locale", ["xx_YY", "zz", "", "en_US.UTF-8"])
def test_unknown_locale_is_a_clear_error(locale: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        format_money(Money("1", "USD"), locale=locale)
    assert caught.value.field == "locale"


def test_bad_arguments() -> None:
    with pytest.raises(InvalidTypeError):
        format_money("1 USD", locale="en_US")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        format_money(Money("1", "USD"), locale=None)  # type: ignore[arg-type]


def test_a_34_digit_quotient_is_shown_whole_not_cut_to_28() -> None:
    # babel formats in the caller's decimal context (28 digits): the last
    # six digits of Money / 3 were silently rounded away.
    third = Money("1", "EUR") / 3
    assert format_money(third, locale="en_US") == "€0." + "3" * 34


def test_an_amount_of_29_digits_or_more_formats() -> None:
    # It raised a bare decimal.InvalidOperation.
    amount = Money("12345678901234567890123456789.5", "EUR")
    shown = format_money(amount, locale="en_US")
    assert shown == "€12,345,678,901,234,567,890,123,456,789.50"


def test_formatting_leaves_the_callers_decimal_context_alone() -> None:
    before = decimal.getcontext().prec
    format_money(Money("1", "EUR") / 3, locale="en_US")
    assert decimal.getcontext().prec == before


def _grown(amount: str) -> Money:
    # Amounts enter below 1E+36; exact products of them may grow past it.
    money = Money(amount, "EUR")
    for _ in range(122):
        money *= Decimal("1E+35")
    return money  # amount x 1E+4270


def test_an_amount_too_long_to_display_is_refused_by_name() -> None:
    # babel's digit grouping is quadratic: 1E+999999 would take minutes.
    with pytest.raises(InvalidInputError) as caught:
        format_money(_grown("1E+30"), locale="en_US")
    assert caught.value.field == "money"
    assert format_money(_grown("1E+29"), locale="en_US").startswith("€1,000")


@pytest.mark.parametrize(
    "locale",
    [
        "en_USUSUSUSUS",  # babel read it as English
        "en_US.UTF-8",  # a POSIX locale name, not a CLDR one
        "en_US@euro",
        "x" * 100_000,
        "",
        "\u0661\u0662",
        "de-DE-u-nu-arab",
    ],
    ids=["long-territory", "posix", "modifier", "huge", "empty", "digits", "ext"],
)
def test_a_tag_that_is_no_locale_identifier_is_refused_by_name(locale: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        format_money(Money("1", "EUR"), locale=locale)
    assert caught.value.field == "locale"
    assert caught.value.value == locale


@pytest.mark.parametrize(
    ("amount", "locale", "shown"),
    [
        ("9.99E+35", "en_US", "€999,000,000,000,000,000,000,000,000,000,000,000.00"),
        ("1E-100", "en_US", "€0." + "0" * 99 + "1"),
        ("-0.00", "de_DE", "0,00\xa0€"),
    ],
)
def test_amounts_at_the_bounds_show_every_digit(
    amount: str, locale: str, shown: str
) -> None:
    assert format_money(Money(amount, "EUR"), locale=locale) == shown


@pytest.mark.parametrize("locale", [["en_US"], {"en": 1}], ids=["list", "dict"])
def test_an_unhashable_locale_is_a_named_type_error(locale: object) -> None:
    # The cached locale look-up raised a bare "unhashable type" TypeError.
    with pytest.raises(InvalidTypeError) as caught:
        format_money(Money("1", "EUR"), locale=locale)  # type: ignore[arg-type]
    assert caught.value.field == "locale"
