"""The bounds of a ledger frame, read in the checks' pass (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

__all__ = ["Window"]


class Window(NamedTuple):
    """The first and last posting days, the rows and the largest amount."""

    first: dt.date | None
    last: dt.date | None
    rows: int
    largest: Decimal | None
