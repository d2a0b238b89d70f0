"""Converters and a trusted constructor for models and calculators built on Money.

xborder's own packages build their attrs models with these, and so can
yours: each converter takes what a user may pass and returns the checked
value, or raises an :class:`~xborder.errors.XborderError` naming the value
(the model's ``field_transformer`` adds the field). They are written
without decimal arithmetic, so they run as they are, under any caller's
decimal context, at no cost on a hot path.

* :func:`to_currency`: a :class:`~xborder.money.Currency` or its ISO code;
* :func:`money_value`, :func:`non_negative_money`, :func:`optional_money`:
  a :class:`~xborder.money.Money` (any, >= 0, or >= 0 or None);
* :func:`rounding_mode`: a :class:`~xborder.money.RoundingMode`;
* :func:`locale_of`: a CLDR locale tag, parsed once;
* :func:`exact_money`: a Money from a Decimal already checked, without the
  public constructor's checks (a calculator's rounded figures).

Examples:
    >>> import attrs
    >>> from xborder.money import Money
    >>> @attrs.frozen
    ... class Fee:
    ...     amount: Money = attrs.field(converter=non_negative_money)
    >>> Fee(amount=Money("2.70", "EUR")).amount
    Money('2.70', 'EUR')
    >>> Fee(amount=Money("-1", "EUR"))
    Traceback (most recent call last):
    ...
    xborder.errors.InvalidInputError: expected an amount >= 0, got Money('-1', 'EUR')
"""

from __future__ import annotations

from xborder._guard import guard_public
from xborder.money._currency import to_currency
from xborder.money._format import locale_of
from xborder.money._money import (
    exact_money,
    money_value,
    non_negative_money,
    optional_money,
    rounding_mode,
)

__all__ = [
    "exact_money",
    "locale_of",
    "money_value",
    "non_negative_money",
    "optional_money",
    "rounding_mode",
    "to_currency",
]

# Every public name runs in xborder's own decimal context (see xborder._guard);
# these are context-free and stay as they are.
guard_public(__name__)
