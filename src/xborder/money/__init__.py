"""Currencies, exact money, named rounding, exact allocation and formatting.

Everything here is exact: amounts are :class:`~decimal.Decimal`, arithmetic
never rounds, and the only ways to lose digits are :meth:`Money.quantize`
and :meth:`Money.round_to_cash`, which name their :class:`RoundingMode`.
:func:`allocate` splits an amount into parts that sum to it to the cent, and
:func:`format_money` shows an amount for a locale without rounding it.

Examples:
    >>> from xborder.money import Money, RoundingMode, allocate, format_money
    >>> freight = Money("100.00", "USD")
    >>> [str(part) for part in allocate(freight, [3, 2, 2])]
    ['42.86 USD', '28.57 USD', '28.57 USD']
    >>> format_money(Money("42.86", "USD"), locale="en_US")
    '$42.86'
"""

from xborder._guard import guard_public
from xborder.money._allocate import allocate, split
from xborder.money._currency import Currency
from xborder.money._format import CurrencyDisplay, format_money
from xborder.money._leftover import Leftover
from xborder.money._money import Money
from xborder.money._rounding import RoundingMode
from xborder.money._territory import currencies_in

__all__ = [
    "Currency",
    "CurrencyDisplay",
    "Leftover",
    "Money",
    "RoundingMode",
    "allocate",
    "currencies_in",
    "format_money",
    "split",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
