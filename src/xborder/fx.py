"""Foreign exchange: dated rates with an explicit direction, tables, conversion.

A rate says "1 ``base`` = ``rate`` ``quote``", never the reverse, so a quoted
"EUR/USD 1.08" is ``FxRate(base="EUR", quote="USD", rate="1.08", ...)``.
An :class:`FxTable` holds the rates a seller uses on a day (from its bank, its
payment processor or a central bank: xborder fetches nothing). It finds a
path for a pair: the direct rate, the inverse of the opposite rate, or two
legs through a pivot currency, and it can apply a processor's conversion
spread. :func:`convert` multiplies exactly along the path and rounds once, at
the end, with the mode the caller names.

Examples:
    >>> import datetime as dt
    >>> from xborder.money import Money, RoundingMode
    >>> day = dt.date(2026, 11, 2)
    >>> table = FxTable(
    ...     rates=(
    ...         FxRate(base="USD", quote="EUR", rate="0.8650", as_of=day),
    ...         FxRate(base="USD", quote="JPY", rate="153.20", as_of=day),
    ...     ),
    ...     pivot="USD",
    ... )
    >>> half_up = RoundingMode.HALF_UP
    >>> str(convert(Money("4.20", "USD"), "EUR", table=table, rounding=half_up))
    '3.63 EUR'
    >>> str(convert(Money("100.00", "EUR"), "JPY", table=table, rounding=half_up))
    '17711 JPY'
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, Overflow
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._guard import context_free, guard_public, guarded
from xborder._validate import (
    LARGEST,
    DecimalInput,
    date_value,
    flag,
    named_errors,
    positive,
    require,
    to_decimal,
    tuple_of,
)
from xborder.errors import (
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    XborderError,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import exact_money, rounding_mode, to_currency

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["FxLeg", "FxPath", "FxRate", "FxTable", "convert"]


def _optional_text(value: str | None) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str or None")
    return value


def _rate_value(value: DecimalInput) -> Decimal:
    number = positive(value)
    # inverse() and inverted legs divide by the rate, so 1/rate must be within
    # xborder's bounds too (below 1E+36): the rate must be above 1E-36.
    require(
        number > _SMALLEST_RATE,
        field=None,
        value=value,
        expected="a rate above 1E-36 (its inverse must be below 1E+36)",
    )
    return number


_SMALLEST_RATE = Decimal("1E-36")


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FxRate:
    """One exchange rate: 1 ``base`` = ``rate`` ``quote``, observed on ``as_of``.

    Args:
        base: The currency being priced (the "1").
        quote: The currency the price is in.
        rate: How many units of ``quote`` one ``base`` buys; above 1E-36, so
            that its inverse is below 1E+36 too.
        as_of: The day the rate applies to.
        source: Where it came from, for the audit trail ("ECB reference rate").

    Examples:
        >>> import datetime as dt
        >>> day = dt.date(2026, 11, 2)
        >>> rate = FxRate(base="EUR", quote="USD", rate="1.08", as_of=day)
        >>> rate.inverse().rate
        Decimal('0.9259259259259259259259259259259259')
    """

    base: Currency = attrs.field(converter=to_currency)
    quote: Currency = attrs.field(converter=to_currency)
    rate: Decimal = attrs.field(converter=_rate_value)
    as_of: dt.date = attrs.field(converter=date_value)
    source: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        require(
            self.base != self.quote,
            field="quote",
            value=self.quote.code,
            expected=f"a currency other than the base {self.base.code}",
        )

    def inverse(self) -> FxRate:
        """The same rate seen from the other side: 1 ``quote`` = 1/``rate`` ``base``."""
        return FxRate(
            base=self.quote,
            quote=self.base,
            rate=DIVISION.divide(1, self.rate),
            as_of=self.as_of,
            source=self.source,
        )


def _fx_rate(value: FxRate) -> FxRate:
    if not isinstance(value, FxRate):
        raise InvalidTypeError(field=None, value=value, expected="an FxRate")
    return value


@attrs.frozen(field_transformer=named_errors)
class FxLeg:
    """One step of a conversion path: a table rate, used forwards or inverted.

    Args:
        rate: The table's rate.
        inverted: Use it from ``quote`` to ``base`` (divide by the rate).

    Examples:
        >>> import datetime as dt
        >>> day = dt.date(2026, 1, 2)
        >>> rate = FxRate(base="EUR", quote="USD", rate="1.25", as_of=day)
        >>> leg = FxLeg(rate, inverted=True)
        >>> leg.base.code, leg.quote.code, leg.apply(Decimal(10))
        ('USD', 'EUR', Decimal('8'))
    """

    rate: FxRate = attrs.field(converter=_fx_rate)
    inverted: bool = attrs.field(converter=flag)

    @property
    def base(self) -> Currency:
        """The currency this leg converts from."""
        return self.rate.quote if self.inverted else self.rate.base

    @property
    def quote(self) -> Currency:
        """The currency this leg converts to."""
        return self.rate.base if self.inverted else self.rate.quote

    def apply(self, amount: DecimalInput) -> Decimal:
        """Convert an amount of :attr:`base` into :attr:`quote`, unrounded."""
        number = to_decimal(amount, field="amount")
        if self.inverted:
            return _divide(number, self.rate.rate)
        return _multiply(number, self.rate.rate)


_multiply = EXACT.multiply
_divide = DIVISION.divide


def _legs(values: Iterable[FxLeg]) -> tuple[FxLeg, ...]:
    return tuple_of(values, FxLeg)


def _spread(value: DecimalInput) -> Decimal:
    number = to_decimal(value)
    require(0 <= number < 1, field=None, value=value, expected="a fraction in [0, 1)")
    return number


# The hash is cached: a table hands out the same path for a pair every time,
# and callers key audit-trail caches on it.
@attrs.frozen(kw_only=True, cache_hash=True, field_transformer=named_errors)
class FxPath:
    """How a table converts ``base`` into ``quote``: its legs and its spread.

    An empty ``legs`` means the two currencies are the same (nothing to do).
    Made by :meth:`FxTable.path`; built by hand, its legs must chain from
    ``base`` to ``quote``.

    Args:
        base: The currency converted from.
        quote: The currency converted to.
        legs: The rates used, in order, each from the previous one's quote.
        spread: The conversion markup, a fraction in [0, 1).

    Raises:
        InvalidInputError: The legs do not lead from ``base`` to ``quote``.

    Examples:
        >>> import datetime as dt
        >>> day = dt.date(2026, 1, 2)
        >>> rate = FxRate(base="EUR", quote="USD", rate="1.25", as_of=day)
        >>> path = FxPath(base="USD", quote="EUR", legs=(FxLeg(rate, inverted=True),),
        ...               spread="0.02")
        >>> path.rate  # 1 / 1.25 × (1 − 0.02)
        Decimal('0.784')
    """

    base: Currency = attrs.field(converter=to_currency)
    quote: Currency = attrs.field(converter=to_currency)
    legs: tuple[FxLeg, ...] = attrs.field(converter=_legs)
    spread: Decimal = attrs.field(converter=_spread)
    # The legs as (divide?, rate) steps, the share kept after the spread, the
    # quote's minor unit and the quote, prepared once: convert() runs them
    # with one attribute read, without properties or calls per leg.
    _plan: tuple[
        tuple[tuple[bool, Decimal], ...], Decimal | None, Decimal, Currency
    ] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        at = self.base
        for index, leg in enumerate(self.legs):
            require(
                leg.base == at,
                field=f"legs[{index}]",
                value=leg,
                expected=f"a leg from {at.code}",
            )
            at = leg.quote
        require(
            at == self.quote,
            field="legs",
            value=self.legs,
            expected=f"legs leading from {self.base.code} to {self.quote.code}",
        )
        steps = tuple((leg.inverted, leg.rate.rate) for leg in self.legs)
        kept = EXACT.subtract(1, self.spread) if self.legs and self.spread else None
        plan = (steps, kept, self.quote.minor_unit, self.quote)
        object.__setattr__(self, "_plan", plan)

    @property
    def rate(self) -> Decimal:
        """The effective rate, after the spread: 1 ``base`` buys this many ``quote``."""
        return _along(self, _ONE)

    def apply(self, amount: DecimalInput) -> Decimal:
        """Convert an amount along the path, unrounded."""
        return _along(self, to_decimal(amount, field="amount"))


_ONE = Decimal(1)


def _along(path: FxPath, amount: Decimal) -> Decimal:
    """``amount`` converted along ``path``, unrounded (``amount`` is checked)."""
    steps, kept, _, _ = path._plan  # noqa: SLF001 - the path's own plan
    for divide, rate in steps:
        amount = _divide(amount, rate) if divide else _multiply(amount, rate)
    return amount if kept is None else _multiply(amount, kept)


def _rates(values: Iterable[FxRate]) -> tuple[FxRate, ...]:
    return tuple_of(values, FxRate)


def _optional_currency(value: Currency | str | None) -> Currency | None:
    return None if value is None else to_currency(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FxTable:
    """The rates a seller converts with, and how to reach pairs it does not list.

    Args:
        rates: One rate per ordered pair; both directions of a pair may be
            listed (a bank's buy and sell rates), but not the same direction
            twice.
        pivot: Currency to triangulate through when a pair has no direct or
            inverse rate (``"USD"`` or ``"EUR"``, as banks do).
        spread: The conversion markup charged on top of the rates, as a
            fraction: ``"0.03"`` for a 3% payment-processor FX fee. The
            effective rate is ``rate × (1 − spread)``: the converted amount is
            what the seller actually receives.

    Raises:
        InvalidInputError: A direction is listed twice, or the spread is not
            in [0, 1).

    Examples:
        >>> import datetime as dt
        >>> day = dt.date(2026, 11, 2)
        >>> table = FxTable(
        ...     rates=(
        ...         FxRate(base="USD", quote="EUR", rate="0.8650", as_of=day),
        ...         FxRate(base="USD", quote="GBP", rate="0.7600", as_of=day),
        ...     ),
        ...     pivot="USD",
        ...     spread="0.03",
        ... )
        >>> [leg.rate.quote.code for leg in table.path("EUR", "GBP").legs]
        ['EUR', 'GBP']
        >>> table.path("USD", "EUR").rate  # 0.8650 × (1 − 0.03)
        Decimal('0.839050')
    """

    rates: tuple[FxRate, ...] = attrs.field(converter=_rates)
    pivot: Currency | None = attrs.field(default=None, converter=_optional_currency)
    spread: Decimal = attrs.field(default=Decimal(0), converter=_spread)
    _index: dict[tuple[Currency, Currency], FxRate] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    # Paths found so far: a memo, invisible from outside (the table is frozen
    # and its answers never change), so a repeated pair costs a dict look-up.
    _paths: dict[tuple[Currency, Currency], FxPath] = attrs.field(
        init=False, repr=False, eq=False, hash=False, factory=dict
    )
    # The same paths for convert()'s hot path, keyed by the two codes (a str
    # hashes in C; a Currency's attrs __hash__ is a Python call, and a pair of
    # them cost more than the conversion) and holding the two currencies the
    # path was found for, which convert() checks by identity before use.
    _by_code: dict[tuple[str, str], tuple[Currency, Currency, FxPath]] = attrs.field(
        init=False, repr=False, eq=False, hash=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        index: dict[tuple[Currency, Currency], FxRate] = {}
        for position, rate in enumerate(self.rates):
            key = (rate.base, rate.quote)
            if key in index:
                raise InvalidInputError(
                    field=f"rates[{position}]",
                    value=rate,
                    expected=f"one rate per direction; {_pair(*key)} is listed twice",
                )
            index[key] = rate
        object.__setattr__(self, "_index", index)

    def path(self, base: Currency | str, quote: Currency | str) -> FxPath:
        """Find how to convert ``base`` into ``quote``.

        The order is: same currency (no legs); the direct rate; the inverse
        of the opposite rate; two legs through :attr:`pivot`.

        Raises:
            MissingFxRateError: No path exists.
        """
        return self._path(_currency(base, "base"), _currency(quote, "quote"))

    def _path(self, source: Currency, target: Currency) -> FxPath:
        known = self._paths.get((source, target))
        if known is None:
            known = self._paths[source, target] = self._find(source, target)
        return known

    def _find(self, source: Currency, target: Currency) -> FxPath:
        if source == target:
            return FxPath(base=source, quote=target, legs=(), spread=Decimal(0))
        legs = self._leg(source, target) or self._via_pivot(source, target)
        if legs is None:
            raise MissingFxRateError(
                f"the table lists {self._listed()}"
                + (f" and pivots through {self.pivot.code}" if self.pivot else ""),
                field="quote",
                value=_pair(source, target),
                expected="a pair with a direct, inverse or pivot rate",
            )
        return FxPath(base=source, quote=target, legs=legs, spread=self.spread)

    def _leg(self, base: Currency, quote: Currency) -> tuple[FxLeg, ...] | None:
        direct = self._index.get((base, quote))
        if direct is not None:
            return (FxLeg(direct, inverted=False),)
        opposite = self._index.get((quote, base))
        if opposite is not None:
            return (FxLeg(opposite, inverted=True),)
        return None

    def _via_pivot(self, base: Currency, quote: Currency) -> tuple[FxLeg, ...] | None:
        if self.pivot is None or self.pivot in (base, quote):
            return None
        first = self._leg(base, self.pivot)
        second = self._leg(self.pivot, quote)
        if first is None or second is None:
            return None
        return first + second

    def _listed(self) -> str:
        return ", ".join(_pair(*key) for key in self._index) or "no rates"


def _currency(value: Currency | str, field: str) -> Currency:
    try:
        return to_currency(value)
    except XborderError as error:
        raise error.in_field(field) from None


def _pair(base: Currency, quote: Currency) -> str:
    return f"{base.code}→{quote.code}"


def convert(
    money: Money,
    to: Currency | str,
    *,
    table: FxTable,
    rounding: RoundingMode,
) -> Money:
    """Convert ``money`` into ``to`` with ``table``, rounding once at the end.

    Each leg multiplies (or, for an inverted rate, divides) without rounding;
    the spread is applied; then the result is quantized to ``to``'s minor
    unit with ``rounding``. Rounding per leg would lose up to half a minor
    unit per leg.

    Args:
        money: The amount to convert.
        to: The target currency.
        table: The rates to use.
        rounding: How to round to the target's minor unit.

    Raises:
        MissingFxRateError: The table has no path from ``money``'s currency.
        InvalidTypeError: An argument has the wrong type (checked before any
            work).
        InvalidInputError: The converted amount would be 1E+36 or more, past
            what xborder reads back.

    Examples:
        >>> import datetime as dt
        >>> from xborder.money import Money, RoundingMode
        >>> day = dt.date(2026, 11, 2)
        >>> rate = FxRate(base="EUR", quote="USD", rate="1.08", as_of=day)
        >>> table = FxTable(rates=(rate,))
        >>> half_up = RoundingMode.HALF_UP
        >>> str(convert(Money("10.00", "USD"), "EUR", table=table, rounding=half_up))
        '9.26 EUR'
    """
    # The hot path: a pair this table has converted before, every argument of
    # its exact type. It is context-free (no plain Decimal operator: explicit
    # contexts, see _converted), so it runs unguarded; anything else takes the
    # guarded, fully checked path. The memo entry is used only if it was made
    # for these very currencies; ``to`` given as a code is compared with the
    # Currency convert() resolved it to, once (_CODES).
    if (
        money.__class__ is Money
        and table.__class__ is FxTable
        and rounding.__class__ is RoundingMode
    ):
        source = money.currency
        target = _CODES.get(to) if to.__class__ is str else to
        if target is not None and target.__class__ is Currency:
            entry = table._by_code.get((source.code, target.code))  # noqa: SLF001
            if entry is not None and entry[0] is source and entry[1] is target:
                return _converted(entry[2], money, rounding)
    return _checked_convert(money, to, table, rounding)


def _convert(
    money: Money, to: Currency | str, table: FxTable, rounding: RoundingMode
) -> Money:
    """:func:`convert` with every check, and the memo of its hot path filled."""
    # Every argument is checked before any work, each by the cheapest test
    # that is still complete.
    if money.__class__ is not Money and not isinstance(money, Money):
        raise InvalidTypeError(field="money", value=money, expected="Money")
    if table.__class__ is not FxTable and not isinstance(table, FxTable):
        raise InvalidTypeError(field="table", value=table, expected="an FxTable")
    if rounding.__class__ is not RoundingMode:
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode"
        )
    target = _CODES.get(to) if to.__class__ is str else None
    if target is None:
        target = _target(to)
    source = money.currency
    path = table._path(source, target)  # noqa: SLF001 - its memo of paths
    table._by_code[source.code, target.code] = (source, target, path)  # noqa: SLF001
    return _converted(path, money, rounding)


# Run in xborder's context: the first use of a pair builds models and may
# raise errors, which is no hot path.
_checked_convert = guarded(_convert)


# Currencies convert() has resolved from a code, read without a Python call.
# Only codes known to CLDR get in, so it holds a few hundred at most.
_CODES: dict[str, Currency] = {}


def _target(to: Currency | str) -> Currency:
    target = _currency(to, "to")
    if to.__class__ is str:
        _CODES[to] = target  # the Currency to_currency caches for the code
    return target


def _convert_along(path: FxPath, money: Money, rounding: RoundingMode) -> Money:
    """:func:`convert` on a path already found (``money`` is not checked).

    A calculator converting many amounts of one currency finds the path once.
    """
    rounding_mode(rounding)
    return _converted(path, money, rounding)


def _converted(path: FxPath, money: Money, rounding: RoundingMode) -> Money:
    # _along, inlined: this is convert()'s hot path.
    steps, kept, unit, quote = path._plan  # noqa: SLF001 - the path's own plan
    amount = money.amount
    try:
        for divide, rate in steps:
            amount = _divide(amount, rate) if divide else _multiply(amount, rate)
        if kept is not None:
            amount = _multiply(amount, kept)
        # Positional arguments, and the decimal constant the mode stands for
        # (which decimal matches by identity): half the cost of keywords.
        amount = amount.quantize(unit, _DECIMAL_ROUNDING[rounding], EXACT)
    except Overflow:
        # Only Money built by arithmetic gets here: a constructor refuses
        # amounts of 1E+36 or more.
        raise _too_large(money) from None
    if amount.adjusted() >= _LARGEST_DIGITS:
        # A Money that from_data could not read back: 1E+35 at a rate of
        # 1E+35 is past any amount in trade.
        raise _too_large(money)
    return exact_money(amount, quote)


_LARGEST_DIGITS = LARGEST.adjusted()
_DECIMAL_ROUNDING = {mode: mode.value for mode in RoundingMode}


def _too_large(money: Money) -> InvalidInputError:
    return InvalidInputError(
        "the converted amount would be 1E+36 or more",
        field="money",
        value=money,
        expected="an amount whose conversion stays below 1E+36",
    )


# Every public name runs in xborder's own decimal context (see xborder._guard),
# but convert(), whose hot path is context-free and whose other paths are
# guarded above.
context_free(convert)
guard_public(__name__)
