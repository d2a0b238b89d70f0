"""Strategies for the foundation models: money, FX, quantities (private).

Re-exported by :mod:`xborder.testing.strategies`; see its docstring.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

from babel.numbers import list_currencies
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from xborder._validate import DecimalInput, to_decimal
from xborder.dated import Validity
from xborder.errors import XborderError
from xborder.fx import FxLeg, FxPath, FxRate, FxTable
from xborder.money import Currency, Money, RoundingMode
from xborder.units import (
    CENTIMETRE,
    CUBIC_CENTIMETRE,
    CUBIC_INCH,
    CUBIC_METRE,
    DAY,
    FOOT,
    GRAM,
    HOUR,
    INCH,
    KILOGRAM,
    LITRE,
    METRE,
    MILLIMETRE,
    OUNCE,
    POUND,
    WEEK,
    Dimensions,
    quantity,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.units import Quantity

__all__ = [
    "COMMON_CURRENCY_CODES",
    "currencies",
    "dimensions",
    "durations",
    "fx_legs",
    "fx_paths",
    "fx_rates",
    "fx_tables",
    "lengths",
    "masses",
    "money_values",
    "quantities",
    "rounding_modes",
    "validities",
    "volumes",
]

COMMON_CURRENCY_CODES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "KWD", "CAD", "AUD", "CHF", "SEK",
    "HKD", "SGD", "KRW", "MXN", "BRL", "INR", "PLN", "HUF", "BHD", "CLP",
)  # fmt: skip
"""Currencies drawn first (and shrunk towards): the trade's usual ones and the
awkward ones (JPY and KRW with 0 decimals, KWD and BHD with 3, CHF with a cash
increment)."""

_HUGE = Decimal(10) ** 15
_PLACES = 100  # xborder reads no digit below 1E-100 (xborder._validate.FINEST)
_DAY_ONE = dt.date(2000, 1, 1)
_DAY_LAST = dt.date(2099, 12, 31)

_UNITS = {
    "mass": (KILOGRAM, GRAM, POUND, OUNCE),
    "length": (CENTIMETRE, MILLIMETRE, METRE, INCH, FOOT),
    "volume": (CUBIC_CENTIMETRE, LITRE, CUBIC_METRE, CUBIC_INCH),
    "time": (DAY, WEEK, HOUR),
}


def _invalid(message: str) -> st.SearchStrategy[NoReturn]:
    # House style: bad arguments fail when drawn from, not when the
    # strategy is built (a module-level strategy must not break imports).
    def fail(_: object) -> NoReturn:
        raise InvalidArgument(message)

    return st.just(None).map(fail)


def _not_strategies(**options: object) -> st.SearchStrategy[NoReturn] | None:
    """A failing strategy naming the first option that is not a strategy."""
    for name, value in options.items():
        if value is not None and not isinstance(value, st.SearchStrategy):
            return _invalid(
                f"{name} must be a strategy such as st.just(...), got {value!r}"
            )
    return None


def _bound(value: DecimalInput | None, name: str, default: Decimal) -> Decimal:
    if value is None:
        return default
    try:
        return to_decimal(value, field=name)
    except XborderError as error:
        raise InvalidArgument(str(error)) from None


def currencies(
    *, codes: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Currency]:
    """Currencies known to CLDR, shrinking towards :data:`COMMON_CURRENCY_CODES`.

    Args:
        codes: Draw codes from here instead (``st.sampled_from(["EUR", "USD"])``).
    """
    if (wrong := _not_strategies(codes=codes)) is not None:
        return wrong
    if codes is None:
        rest = sorted(set(list_currencies()) - set(COMMON_CURRENCY_CODES))
        codes = st.sampled_from(COMMON_CURRENCY_CODES + tuple(rest))
    return codes.map(Currency)


def rounding_modes() -> st.SearchStrategy[RoundingMode]:
    """Every :class:`~xborder.money.RoundingMode`."""
    return st.sampled_from(RoundingMode)


def money_values(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    min_value: DecimalInput | None = None,
    max_value: DecimalInput | None = None,
) -> st.SearchStrategy[Money]:
    """Money with whole minor units of its currency, from -10¹⁵ to 10¹⁵ by default.

    Args:
        currency: Where to draw the currency from; defaults to
            :func:`currencies`.
        min_value: Smallest amount (``0`` for prices and costs).
        max_value: Largest amount.
    """
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    try:
        low = _bound(min_value, "min_value", -_HUGE)
        high = _bound(max_value, "max_value", _HUGE)
    except InvalidArgument as error:
        return _invalid(str(error))
    if low > high:
        return _invalid(f"min_value={low} is greater than max_value={high}")
    return (currencies() if currency is None else currency).flatmap(
        lambda c: st.decimals(
            min_value=low,
            max_value=high,
            places=c.exponent,
            allow_nan=False,
            allow_infinity=False,
        ).map(lambda amount: Money(amount, c))
    )


def fx_rates(
    *,
    base: st.SearchStrategy[Currency] | None = None,
    quote: st.SearchStrategy[Currency] | None = None,
    min_rate: DecimalInput = "0.0001",
    max_rate: DecimalInput = "100000",
    dates: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[FxRate]:
    """Exchange rates between two different currencies.

    Args:
        base: Where to draw the base currency from.
        quote: Where to draw the quote currency from; drawn values equal to
            the base are skipped.
        min_rate: Smallest rate (> 0).
        max_rate: Largest rate.
        dates: Where to draw ``as_of`` from; defaults to 2000–2099.
    """
    if (wrong := _not_strategies(base=base, quote=quote, dates=dates)) is not None:
        return wrong
    try:
        low = _bound(min_rate, "min_rate", Decimal(0))
        high = _bound(max_rate, "max_rate", Decimal(0))
    except InvalidArgument as error:
        return _invalid(str(error))
    if not 0 < low <= high:
        return _invalid(f"need 0 < min_rate <= max_rate, got {low} and {high}")
    pairs = st.tuples(
        currencies() if base is None else base,
        currencies() if quote is None else quote,
    ).filter(lambda pair: pair[0] != pair[1])
    return st.builds(
        lambda pair, rate, day: FxRate(
            base=pair[0], quote=pair[1], rate=rate, as_of=day
        ),
        pairs,
        _rates(low, high),
        st.dates(_DAY_ONE, _DAY_LAST) if dates is None else dates,
    )


def _rates(low: Decimal, high: Decimal) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=low, max_value=high, places=6, allow_nan=False, allow_infinity=False
    ).filter(lambda rate: rate > 0)


def fx_tables(
    *,
    pivot: st.SearchStrategy[Currency] | None = None,
    others: st.SearchStrategy[Currency] | None = None,
    max_size: int = 6,
    spreads: st.SearchStrategy[Decimal] | None = None,
) -> st.SearchStrategy[FxTable]:
    """Tables quoting each of up to ``max_size`` currencies against a pivot.

    Each rate is listed in a random direction, so both direct and inverse
    look-ups are exercised, and every pair of listed currencies converts
    through the pivot.

    Args:
        pivot: Where to draw the pivot currency from.
        others: Where to draw the quoted currencies from.
        max_size: Most rates in a table (at least 1).
        spreads: Where to draw the conversion spread from; defaults to 0.
    """
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1:
        return _invalid(f"max_size must be an int >= 1, got {max_size!r}")
    wrong = _not_strategies(pivot=pivot, others=others, spreads=spreads)
    if wrong is not None:
        return wrong

    def build(center: Currency) -> st.SearchStrategy[FxTable]:
        quoted = st.lists(
            st.tuples(
                (currencies() if others is None else others).filter(
                    lambda c: c != center
                ),
                _rates(Decimal("0.0001"), Decimal(100000)),
                st.booleans(),
            ),
            min_size=1,
            max_size=max_size,
            unique_by=lambda item: item[0],
        )
        return st.builds(
            lambda items, spread, day: FxTable(
                rates=tuple(
                    _rate(center, other, rate, day, flip=flip)
                    for other, rate, flip in items
                ),
                pivot=center,
                spread=spread,
            ),
            quoted,
            st.just(Decimal(0)) if spreads is None else spreads,
            st.dates(_DAY_ONE, _DAY_LAST),
        )

    return (currencies() if pivot is None else pivot).flatmap(build)


def _rate(
    center: Currency, other: Currency, rate: Decimal, day: dt.date, *, flip: bool
) -> FxRate:
    if flip:
        return FxRate(base=other, quote=center, rate=rate, as_of=day)
    return FxRate(base=center, quote=other, rate=rate, as_of=day)


def fx_paths(
    *, tables: st.SearchStrategy[FxTable] | None = None
) -> st.SearchStrategy[FxPath]:
    """Paths of drawn tables between two currencies the table can reach.

    The two currencies are sometimes the same (a path with no legs).

    Args:
        tables: Where to draw the tables from; defaults to :func:`fx_tables`.
    """
    return _table_pairs(tables, distinct=False)


def fx_legs(
    *, tables: st.SearchStrategy[FxTable] | None = None
) -> st.SearchStrategy[FxLeg]:
    """Legs of drawn tables' paths between two different currencies.

    Args:
        tables: Where to draw the tables from; defaults to :func:`fx_tables`.
    """
    return _table_pairs(tables, distinct=True).flatmap(
        lambda path: st.sampled_from(path.legs)
    )


def _table_pairs(
    tables: st.SearchStrategy[FxTable] | None, *, distinct: bool
) -> st.SearchStrategy[FxPath]:
    if (wrong := _not_strategies(tables=tables)) is not None:
        return wrong

    def paths(table: FxTable) -> st.SearchStrategy[FxPath]:
        found = _paths(table, distinct=distinct)
        if not found:
            return _invalid(f"the table {table!r} converts no pair of currencies")
        return st.sampled_from(found)

    return (fx_tables() if tables is None else tables).flatmap(paths)


def _paths(table: FxTable, *, distinct: bool) -> tuple[FxPath, ...]:
    """Every path the table finds between its currencies (each pair once)."""
    listed = dict.fromkeys(c for rate in table.rates for c in (rate.base, rate.quote))
    found = []
    for base in listed:
        for quote in listed:
            if distinct and base == quote:
                continue
            try:
                found.append(table.path(base, quote))
            except XborderError:
                continue  # no direct, inverse or pivot rate: not reachable
    return tuple(found)


def validities(
    *, sources: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Validity]:
    """Windows from 2000–2099, open-ended or closed, with a source and maybe a note.

    Args:
        sources: Where to draw the source from; defaults to a few URLs and
            citations.
    """
    if (wrong := _not_strategies(sources=sources)) is not None:
        return wrong
    return st.builds(
        _window,
        start=st.dates(_DAY_ONE, _DAY_LAST),
        days=st.one_of(st.none(), st.integers(1, 40 * 366)),
        source=st.sampled_from(_SOURCES) if sources is None else sources,
        note=st.one_of(st.none(), st.sampled_from(_NOTES)),
    )


_SOURCES = (
    "https://taxation-customs.ec.europa.eu/",
    "https://www.gov.uk/guidance/",
    "https://www.cbp.gov/",
    "Council Directive 2006/112/EC, art. 143",
)
_NOTES = ("a pending change", "check the rate before use")


def _window(
    *, start: dt.date, days: int | None, source: str, note: str | None
) -> Validity:
    end = None if days is None else start + dt.timedelta(days=days)
    return Validity(valid_from=start, valid_to=end, source=source, note=note)


def quantities(
    units: st.SearchStrategy[str],
    *,
    min_value: DecimalInput = 0,
    max_value: DecimalInput = 10**6,
    places: int = 3,
) -> st.SearchStrategy[Quantity]:
    """Quantities of xborder's registry, in units drawn from ``units``.

    Args:
        units: Where to draw unit names from (``st.just(xborder.units.KILOGRAM)``).
        min_value: Smallest magnitude, in the drawn unit.
        max_value: Largest magnitude.
        places: Decimal places of the magnitude, 0 to 100 (xborder reads no
            digit below 1E-100).
    """
    if (
        isinstance(places, bool)
        or not isinstance(places, int)
        or not 0 <= places <= _PLACES
    ):
        return _invalid(f"places must be an int from 0 to 100, got {places!r}")
    try:
        low = _bound(min_value, "min_value", Decimal(0))
        high = _bound(max_value, "max_value", Decimal(0))
    except InvalidArgument as error:
        return _invalid(str(error))
    if low > high:
        return _invalid(f"min_value={low} is greater than max_value={high}")
    magnitudes = st.decimals(
        min_value=low,
        max_value=high,
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )
    return st.builds(quantity, magnitudes, units)


def _of_dimension(
    dimension: str, minimum: DecimalInput, maximum: DecimalInput
) -> st.SearchStrategy[Quantity]:
    return quantities(
        st.sampled_from(_UNITS[dimension]), min_value=minimum, max_value=maximum
    )


def masses(
    *, min_value: DecimalInput = "0.001", max_value: DecimalInput = 1000
) -> st.SearchStrategy[Quantity]:
    """Masses in kg, g, lb or oz (bounds are in the drawn unit)."""
    return _of_dimension("mass", min_value, max_value)


def lengths(
    *, min_value: DecimalInput = "0.1", max_value: DecimalInput = 500
) -> st.SearchStrategy[Quantity]:
    """Lengths in cm, mm, m, in or ft (bounds are in the drawn unit)."""
    return _of_dimension("length", min_value, max_value)


def volumes(
    *, min_value: DecimalInput = "0.001", max_value: DecimalInput = 10**6
) -> st.SearchStrategy[Quantity]:
    """Volumes in cm³, L, m³ or in³ (bounds are in the drawn unit)."""
    return _of_dimension("volume", min_value, max_value)


def durations(
    *, min_value: DecimalInput = 0, max_value: DecimalInput = 365
) -> st.SearchStrategy[Quantity]:
    """Durations in days, weeks or hours (bounds are in the drawn unit)."""
    return _of_dimension("time", min_value, max_value)


def dimensions(
    *, sides: st.SearchStrategy[Quantity] | None = None
) -> st.SearchStrategy[Dimensions]:
    """Boxes whose sides are drawn from ``sides`` (default: :func:`lengths`)."""
    if (wrong := _not_strategies(sides=sides)) is not None:
        return wrong
    side = lengths() if sides is None else sides
    return st.builds(_box, side, side, side)


def _box(length: Quantity, width: Quantity, height: Quantity) -> Dimensions:
    return Dimensions(length=length, width=width, height=height)


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Currency: currencies,
    Money: money_values,
    FxRate: fx_rates,
    FxTable: fx_tables,
    FxPath: fx_paths,
    FxLeg: fx_legs,
    Validity: validities,
    Dimensions: dimensions,
}
"""The strategy each model resolves to under ``st.from_type`` (see ``_plugin``)."""
