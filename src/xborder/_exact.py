"""Decimal contexts for exact arithmetic (private).

xborder never touches the global decimal context. The default context keeps 28
significant digits and would round ``10**25 + Decimal("0.001")`` silently, so
addition, subtraction, multiplication and quantize go through :data:`EXACT`,
which is exact at any size. Division cannot be exact in general (1/3), so it
goes through :data:`DIVISION` and the caller rounds the result with a named
mode.
"""

from __future__ import annotations

from decimal import MAX_PREC, ROUND_HALF_EVEN, Context

__all__ = ["DIVISION", "EXACT"]

EXACT = Context(prec=MAX_PREC)
"""Exact +, −, ×, quantize and remainder: never rounds (never divide with it)."""

DIVISION = Context(prec=34, rounding=ROUND_HALF_EVEN)
"""Division with 34 significant digits (IEEE decimal128), rounded half-even."""
