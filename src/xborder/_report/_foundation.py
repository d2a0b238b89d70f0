"""The worked example behind ``python -m xborder`` (private; pure: builds text).

The data are embedded and illustrative: a Shenzhen seller's phone holder
(the primer's Case A) and a stated FX table. Nothing is fetched.
"""

from __future__ import annotations

import datetime as dt

from xborder.fx import FxRate, FxTable, convert
from xborder.money import Money, RoundingMode, allocate, format_money

__all__ = ["EXAMPLE_FX", "report"]

_AS_OF = dt.date(2026, 11, 2)
_SOURCE = "illustrative rates for the worked example, not market data"

EXAMPLE_FX = FxTable(
    rates=(
        FxRate(base="USD", quote="EUR", rate="0.8650", as_of=_AS_OF, source=_SOURCE),
        FxRate(base="USD", quote="GBP", rate="0.7610", as_of=_AS_OF, source=_SOURCE),
        FxRate(base="USD", quote="JPY", rate="153.20", as_of=_AS_OF, source=_SOURCE),
        FxRate(base="USD", quote="CNY", rate="7.1200", as_of=_AS_OF, source=_SOURCE),
    ),
    pivot="USD",
)
"""The FX table the example states: 1 USD buys each ``rate`` of the quote currency."""

_UNIT_COST = Money("2.35", "USD")
_CARTON_UNITS = 100
_MARKETS = (
    ("en_US", "USD"),
    ("de_DE", "EUR"),
    ("en_GB", "GBP"),
    ("ja_JP", "JPY"),
    ("zh_CN", "CNY"),
)
_CARTON_SKUS = (("holder-black", 60), ("holder-white", 30), ("holder-pink", 10))
_CARTON_FREIGHT = Money("38.00", "USD")


def report() -> str:
    """Return the worked example as text, one line per figure."""
    lines = [
        "xborder worked example: a phone holder made in Shenzhen",
        "",
        f"Unit cost ex works {_UNIT_COST}; a carton holds {_CARTON_UNITS} units.",
        f"FX as of {_AS_OF} ({_SOURCE}):",
    ]
    lines += [f"  1 {r.base} = {r.rate} {r.quote}" for r in EXAMPLE_FX.rates]
    lines += [
        "",
        "Cost in each market's currency, formatted for its locale (half-up):",
        f"  {'locale':<7}{'unit':>12}{'carton':>14}{'100 x unit':>14}",
    ]
    carton = _UNIT_COST * _CARTON_UNITS
    for locale, code in _MARKETS:
        unit = _convert(_UNIT_COST, code)
        lines.append(
            f"  {locale:<7}{_show(unit, locale):>12}"
            f"{_show(_convert(carton, code), locale):>14}"
            f"{_show(unit * _CARTON_UNITS, locale):>14}"
        )
    lines += [
        "  Converting the carton once and multiplying a rounded unit cost",
        "  differ: round once, at the end.",
        "",
        f"Carton freight {_CARTON_FREIGHT} shared by units, to the cent:",
    ]
    shares = allocate(_CARTON_FREIGHT, [units for _, units in _CARTON_SKUS])
    for (sku, units), share in zip(_CARTON_SKUS, shares, strict=True):
        lines.append(f"  {sku:<13}{units:>4} units {share!s:>12}")
    total = Money.total(shares, currency=_CARTON_FREIGHT.currency)
    lines.append(f"  {'total':<13}{'':>10} {total!s:>12}")
    return "\n".join(lines)


def _convert(money: Money, code: str) -> Money:
    return convert(money, code, table=EXAMPLE_FX, rounding=RoundingMode.HALF_UP)


def _show(money: Money, locale: str) -> str:
    # Show CLDR's invisible spaces as plain spaces in a terminal report.
    text = format_money(money, locale=locale)
    return text.replace("\xa0", " ").replace("\u202f", " ")
