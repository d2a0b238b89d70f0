"""Locale-aware display of Money through babel (private; see :mod:`xborder.money`)."""

from __future__ import annotations

import decimal
import enum
import functools
import re

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_currency

from xborder._exact import EXACT
from xborder._guard import context_free
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money._money import Money
from xborder.money._pattern import currency_pattern, spaced, with_currency_width

__all__ = ["CurrencyDisplay", "format_money"]


class CurrencyDisplay(enum.Enum):
    """How :func:`format_money` names the currency: CLDR's ``¤``, ``¤¤``, ``¤¤¤``.

    Examples:
        >>> CurrencyDisplay.CODE.value
        2
    """

    SYMBOL = 1
    """The locale's symbol: ``€``, ``$``, ``US$`` (``¤``)."""
    CODE = 2
    """The ISO 4217 code, ``EUR``: unambiguous on invoices and exports (``¤¤``)."""
    NAME = 3
    """The locale's name, in the plural the amount takes: ``euros`` (``¤¤¤``)."""


def format_money(
    money: Money,
    *,
    locale: str,
    pattern: str | None = None,
    display: CurrencyDisplay | None = None,
) -> str:
    r"""Format ``money`` for a locale with CLDR's symbols, separators and pattern.

    Formatting never rounds: babel would round half-even on its own
    (``1099.985`` → ``1.099,98 €``), so xborder asks it not to and shows every
    digit the amount has. Quantize with a named mode first. Amounts with
    fewer digits than the currency's minor unit are padded (``5`` → ``$5.00``),
    which changes no value.

    The locale is required: babel's default comes from environment variables,
    an ambient input a pure library must not read.

    ``pattern`` replaces the locale's pattern with a CLDR one (UTS #35,
    "Number Format Patterns"): ``"#,##0.00 ¤¤"`` puts the ISO code after the
    number, ``"¤#,##0.00;(¤#,##0.00)"`` is the accounting style that shows
    negatives in parentheses. The locale still supplies the separators and
    the symbol, and the currency its digits: a pattern never rounds, scales
    (``%``) or drops a sign, and one that would is refused.

    ``display`` names the currency by symbol, ISO code or name, in the
    locale's pattern or the one given; left out, the pattern decides (the
    locale's patterns show the symbol).

    The strings contain the characters CLDR prescribes, such as a no-break
    space (U+00A0) before ``€`` in German and a fullwidth yen sign (U+FFE5) in
    Japanese. They change between CLDR versions; xborder pins babel's minor
    version for that reason.

    Args:
        money: The amount to show.
        locale: A CLDR locale, ``"de_DE"`` or the BCP 47 form ``"de-DE"``.
        pattern: A CLDR currency pattern; the locale's standard one if left out.
        display: Symbol, ISO code or name; the pattern's own if left out.

    Raises:
        InvalidInputError: The locale is unknown to CLDR, or the pattern is
            no currency pattern or would round, scale or drop a sign.
        InvalidTypeError: ``display`` is not a :class:`CurrencyDisplay`.

    Examples:
        >>> format_money(Money("1234.56", "EUR"), locale="de_DE").replace("\xa0", " ")
        '1.234,56 €'
        >>> format_money(Money("1234", "JPY"), locale="ja_JP")
        '￥1,234'
        >>> format_money(Money("0.125", "USD"), locale="en_US")
        '$0.125'
        >>> format_money(Money("-1234.5", "USD"), locale="en_US",
        ...              pattern="¤#,##0.00;(¤#,##0.00)")
        '($1,234.50)'
        >>> format_money(Money("1234.5", "EUR"), locale="en_US",
        ...              display=CurrencyDisplay.CODE).replace("\xa0", " ")
        'EUR 1,234.50'
    """
    if not isinstance(money, Money):
        raise InvalidTypeError(field="money", value=money, expected="Money")
    if not isinstance(locale, str):
        # Checked before the cached look-up, which would fail on a list first.
        raise InvalidTypeError(field="locale", value=locale, expected="a locale tag")
    cldr_locale = locale_of(locale)
    chosen = _pattern(cldr_locale, pattern, display)
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
            chosen,
            locale=cldr_locale,
            currency_digits=True,
            format_type="name" if chosen is None else "standard",
            decimal_quantization=False,
        )


def _pattern(
    locale: Locale, pattern: str | None, display: CurrencyDisplay | None
) -> str | None:
    """The pattern to format with; ``None`` for babel's name format."""
    if display is not None and not isinstance(display, CurrencyDisplay):
        raise InvalidTypeError(
            field="display", value=display, expected="a CurrencyDisplay or None"
        )
    if pattern is None:
        if display is CurrencyDisplay.NAME:
            # CLDR words names in a unit pattern ("{0} {1}", "{1} {0}") and a
            # plural form of its own; babel applies both for "name".
            return None
        pattern = locale.currency_formats["standard"].pattern
    else:
        pattern = currency_pattern(pattern)
    if display is not None:
        pattern = with_currency_width(pattern, display.value)
    return spaced(pattern)


_MAX_INTEGER_DIGITS = 4300  # sys.int_info.default_max_str_digits


# A language, then at most four subtags (script, territory, variants) joined
# by "_" or "-": babel reads anything after a known language leniently
# ("en_USUSUS...", "en_US.UTF-8" would show in English), so a tag that is
# no locale identifier is refused before it is parsed.
_TAG = re.compile(r"[A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8}){0,4}", re.ASCII)
_LOCALE = "a CLDR locale such as 'en_US' or 'de-DE'"


def locale_of(tag: str) -> Locale:
    """Converter: a locale tag (``"de_DE"`` or ``"de-DE"``) as a babel Locale.

    Raises:
        InvalidTypeError: ``tag`` is not a str.
        InvalidInputError: ``tag`` is no CLDR locale.

    Examples:
        >>> locale_of("de-DE").territory
        'DE'
    """
    if not isinstance(tag, str):
        raise InvalidTypeError(field="locale", value=tag, expected=_LOCALE)
    return _parsed(tag)


@functools.lru_cache(maxsize=256)  # bounded: callers may pass any number of tags
def _parsed(tag: str) -> Locale:
    if not _TAG.fullmatch(tag):
        raise InvalidInputError(field="locale", value=tag, expected=_LOCALE)
    try:
        return Locale.parse(tag, sep="-" if "-" in tag else "_")
    except (UnknownLocaleError, ValueError):
        raise InvalidInputError(field="locale", value=tag, expected=_LOCALE) from None


# Written without decimal arithmetic (or with explicit contexts): they run
# unwrapped under any caller's context (see xborder._guard). A call, not a
# decorator, so that mypy's attrs plugin still sees plain converters.
context_free(locale_of)
