"""Recording the exchange rates a calculation used (private)."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._validate import named_errors, optional_date, optional_text, positive, text
from xborder.errors import InvalidTypeError, MissingFxRateError
from xborder.fx import FxPath, FxTable
from xborder.money._money import _make

if TYPE_CHECKING:
    from xborder.money import Currency, Money

__all__ = ["RateUsed", "convert_exact", "find_path", "percent", "rate_used"]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RateUsed:
    """An exchange rate a result depends on: 1 ``base`` = ``rate`` ``quote``.

    Args:
        base: The currency converted from.
        quote: The currency converted to.
        rate: The effective rate, after any pivot legs and spread.
        quoted: The table rates used, as they were quoted ("1 GBP = 1.1577
            EUR" for a rate used inverted: the amount was divided by it).
        as_of: The earliest ``as_of`` of the table rates on the path.
        source: The table rates' sources, joined with "; ".

    Examples:
        >>> from xborder.fx import FxRate, FxTable
        >>> hmrc = FxRate(base="GBP", quote="EUR", rate="1.1577", as_of="2021-03-01")
        >>> table = FxTable(rates=(hmrc,))
        >>> str(rate_used(table.path("EUR", "GBP")))
        'EUR→GBP at 1 GBP = 1.1577 EUR (divided)'
    """

    base: str = attrs.field(converter=text)
    quote: str = attrs.field(converter=text)
    rate: Decimal = attrs.field(converter=positive)
    quoted: str = attrs.field(converter=text)
    as_of: dt.date | None = attrs.field(converter=optional_date)
    source: str | None = attrs.field(converter=optional_text)

    def __str__(self) -> str:
        return f"{self.base}→{self.quote} at {self.quoted}"


def rate_used(path: FxPath) -> RateUsed:
    """Describe ``path`` for an audit trail (cached: paths repeat across calls)."""
    # Equal paths may quote their rates differently (0.865 and 0.8650 are
    # equal Decimals): the key keeps the digits so the text shows each
    # table's own.
    digits = (*(str(leg.rate.rate) for leg in path.legs), str(path.spread))
    return _rate_used(path, digits)


@functools.lru_cache(maxsize=512)
def _rate_used(path: FxPath, digits: tuple[str, ...]) -> RateUsed:
    del digits  # part of the cache key only
    days = [leg.rate.as_of for leg in path.legs]
    sources = [leg.rate.source for leg in path.legs if leg.rate.source]
    legs = []
    for leg in path.legs:
        rate = leg.rate
        text = f"1 {rate.base.code} = {rate.rate:f} {rate.quote.code}"
        legs.append(f"{text} (divided)" if leg.inverted else text)
    quoted = ", then ".join(legs)
    if path.spread:
        quoted += f", less a {percent(path.spread)} spread"
    return RateUsed(
        base=path.base.code,
        quote=path.quote.code,
        rate=path.rate,
        quoted=quoted,
        as_of=min(days) if days else None,
        source="; ".join(dict.fromkeys(sources)) or None,
    )


def convert_exact(
    money: Money, to: Currency, fx: FxTable | None, *, field: str
) -> tuple[Money, RateUsed | None]:
    """Convert without rounding (the caller rounds the figure it builds)."""
    if money.currency == to:
        return money, None
    if fx is None:
        raise MissingFxRateError(
            "pass fx=FxTable(...) with the rates of the day",
            field=field,
            value=f"{money.currency.code}→{to.code}",
            expected="an FX table to convert with",
        )
    if not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable")
    path = find_path(fx, money.currency, to, field=field)
    return _make(path.apply(money.amount), to), rate_used(path)


def find_path(fx: FxTable, base: Currency, quote: Currency, *, field: str) -> FxPath:
    """``fx.path(base, quote)``, a missing rate named after the amount needing it."""
    try:
        return fx.path(base, quote)
    except MissingFxRateError as error:
        # The table names its own argument ("quote"); the caller's field says
        # which amount could not be converted ("freight", "lines[2].unit_price").
        raise MissingFxRateError(
            error.detail, field=field, value=error.value, expected=error.expected
        ) from None


def percent(rate: Decimal) -> str:
    """A fraction as a percentage without float noise: 0.065 -> '6.5%'."""
    # scaleb moves the point without rounding or the default context's 28
    # digits, in a context wide enough for any finite rate (1E+999999).
    value = _PERCENT.normalize(_PERCENT.scaleb(rate, 2))
    return f"{value:f}%"


_PERCENT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
