"""Locale-aware display of Money through babel (private; see :mod:`xborder.money`)."""

from __future__ import annotations

import decimal
import functools
import re

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_currency

from xborder._exact import EXACT
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money._money import Money

__all__ = ["format_money"]


def format_money(money: Money, *, locale: str) -> str:
    r"""Format ``money`` for a locale with CLDR's symbols, separators and pattern.

    Formatting never rounds: babel would round half-even on its own
    (``1099.985`` → ``1.099,98 €``), so xborder asks it not to and shows every
    digit the amount has. Quantize with a named mode first. Amounts with
    fewer digits than the currency's minor unit are padded (``5`` → ``$5.00``),
    which changes no value.

    The locale is required: babel's default comes from environment variables,
    an ambient input a pure library must not read.

    The strings contain the characters CLDR prescribes, such as a no-break
    space (U+00A0) before ``€`` in German and a fullwidth yen sign (U+FFE5) in
    Japanese. They change between CLDR versions; xborder pins babel's minor
    version for that reason.

    Args:
        money: The amount to show.
        locale: A CLDR locale, ``"de_DE"`` or the BCP 47 form ``"de-DE"``.

    Raises:
        InvalidInputError: The locale is unknown to CLDR.

    Examples:
        >>> format_money(Money("1234.56", "EUR"), locale="de_DE").replace("\xa0", " ")
        '1.234,56 €'
        >>> format_money(Money("1234", "JPY"), locale="ja_JP")
        '￥1,234'
        >>> format_money(Money("0.125", "USD"), locale="en_US")
        '$0.125'
    """
    if not isinstance(money, Money):
        raise InvalidTypeError(field="money", value=money, expected="Money")
    if not isinstance(locale, str):
        # Checked before the cached look-up, which would fail on a list first.
        raise InvalidTypeError(field="locale", value=locale, expected="a locale tag")
    cldr_locale = _locale(locale)
    if money.amount.adjusted() >= _MAX_INTEGER_DIGITS:
        # babel groups digits by repeated string concatenation, quadratic in
        # length: 1E+999999 would take minutes. Python caps int-to-str at the
        # same number of digits for the same reason.
        raise InvalidInputError(
            field="money",
            value=money,
            expected=f"an amount below 1E+{_MAX_INTEGER_DIGITS} to display",
        )
    # babel normalizes and quantizes in the caller's decimal context (28
    # digits by default): it would round a 34-digit quotient, and fail on an
    # amount of 29 digits or more. An exact local context shows every digit.
    with decimal.localcontext(EXACT):
        return format_currency(
            money.amount,
            money.currency.code,
            locale=cldr_locale,
            currency_digits=True,
            decimal_quantization=False,
        )


_MAX_INTEGER_DIGITS = 4300  # sys.int_info.default_max_str_digits


# A language, then at most four subtags (script, territory, variants) joined
# by "_" or "-": babel reads anything after a known language leniently
# ("en_USUSUS...", "en_US.UTF-8" would show in English), so a tag that is
# no locale identifier is refused before it is parsed.
_TAG = re.compile(r"[A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8}){0,4}", re.ASCII)
_LOCALE = "a CLDR locale such as 'en_US' or 'de-DE'"


@functools.lru_cache(maxsize=256)  # bounded: callers may pass any number of tags
def _locale(tag: str) -> Locale:
    if not _TAG.fullmatch(tag):
        raise InvalidInputError(field="locale", value=tag, expected=_LOCALE)
    try:
        return Locale.parse(tag, sep="-" if "-" in tag else "_")
    except (UnknownLocaleError, ValueError):
        raise InvalidInputError(field="locale", value=tag, expected=_LOCALE) from None
