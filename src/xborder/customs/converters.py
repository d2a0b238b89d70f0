"""Converters and helpers for models and calculators built on customs rules.

:mod:`xborder.landed_cost` builds on these, and so can your own models:

* :func:`hs_code`: an :class:`~xborder.customs.HsCode` or its digits;
* :func:`optional_party`: a :class:`~xborder.customs.Party` or None;
* :func:`find_path`: the exchange path between two currencies in an FX
  table, a missing rate named after the amount that needs it;
* :func:`rate_used`: that path as the :class:`~xborder.customs.RateUsed` an
  audit trail shows;
* :func:`percent`: a rate as a percentage without float noise.

Examples:
    >>> from decimal import Decimal
    >>> str(hs_code("392690")), percent(Decimal("0.025"))
    ('3926.90', '2.5%')
"""

from __future__ import annotations

from xborder._guard import guard_public
from xborder.customs._conversion import find_path, percent, rate_used
from xborder.customs._convert import optional_party
from xborder.customs._hs import hs_code

__all__ = ["find_path", "hs_code", "optional_party", "percent", "rate_used"]

# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
