"""Decimal contexts for exact arithmetic (private).

xborder never touches the global decimal context, and no result depends on
the caller's. Three contexts, every setting spelled out so that nothing is
inherited from :data:`decimal.DefaultContext` (which a caller may have
changed before importing xborder):

- :data:`EXACT` for addition, subtraction, multiplication and quantize: exact
  at any size, since the default 28 digits would round
  ``10**25 + Decimal("0.001")`` silently;
- :data:`DIVISION` for division, which cannot be exact in general (1/3):
  34 significant digits, and the caller rounds the result with a named mode;
- :data:`OWN`, the context every public name runs in (see
  :mod:`xborder._guard`): Python's default settings, fixed, so that code
  using plain operators computes the same whatever context the caller set.
"""

from __future__ import annotations

from decimal import (
    MAX_PREC,
    ROUND_HALF_EVEN,
    Context,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import NoReturn

__all__ = ["DIVISION", "EMAX", "EMIN", "EXACT", "OWN"]

EMAX = 999_999
EMIN = -999_999
_TRAPS = [InvalidOperation, DivisionByZero, Overflow]


def _context(prec: int) -> Context:
    return Context(
        prec=prec,
        rounding=ROUND_HALF_EVEN,
        Emin=EMIN,
        Emax=EMAX,
        capitals=1,
        clamp=0,
        flags=[],
        traps=_TRAPS,
    )


EXACT = _context(MAX_PREC)
"""Exact +, −, ×, quantize and remainder: never rounds (never divide with it)."""

DIVISION = _context(34)
"""Division with 34 significant digits (IEEE decimal128), rounded half-even."""


class _Fixed(Context):
    """A context whose settings cannot be reassigned.

    :data:`OWN` is shared by every call (copying a context per call doubles
    the cost of entering it), so code that runs inside it, a caller's
    generator passed as a sequence for one, must not be able to change it for
    everyone else with ``getcontext().prec = 5``.
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"xborder's decimal context is fixed ({name})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"xborder's decimal context is fixed ({name})")


OWN: Context = _Fixed(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=EMIN,
    Emax=EMAX,
    capitals=1,
    clamp=0,
    flags=[],
    traps=_TRAPS,
)
"""The context public names run in: Python's defaults (28 digits, half-even,
traps on InvalidOperation, DivisionByZero and Overflow), fixed."""
