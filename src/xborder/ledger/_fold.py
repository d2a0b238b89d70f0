"""The group sums both P&L engines produce, and the scalar fold (private).

A P&L is a group-by: money summed by (kind, SKU, channel, period,
currency, campaign), and units by (SKU, day, channel). The scalar fold
below computes those sums in one pass over any iterable of
:class:`Transaction`; the polars entry point computes the same sums with two
``group_by`` calls. Everything after the sums (the cost basis, attribution,
allocation, conversion, the rows) is :func:`xborder.ledger._assemble.assemble`,
shared by both.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.ledger._checks import iterable
from xborder.ledger._kinds import Period, TransactionKind, period_end, period_start
from xborder.ledger._transaction import Transaction

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from xborder.money import Currency

__all__ = ["MoneyKey", "Sums", "fold"]

MoneyKey = tuple[TransactionKind, str | None, str, "dt.date", str, str | None]
_ZERO = Decimal(0)
_AD = TransactionKind.AD_SPEND
_SALE = TransactionKind.SALE


class Sums:
    """The group sums of a ledger (mutable while folding, private).

    ``money``: (kind, sku, channel, period start, currency code, campaign) → sum
    (the campaign only on ad rows). ``units``: (sku, channel, period start)
    → [sold, restocked]. ``moves``: sku → day → channel → [sold, restocked].
    ``first``/``last``: the earliest and latest posting days.
    """

    __slots__ = ("first", "last", "money", "moved", "moves", "units")

    def __init__(self) -> None:
        self.money: dict[MoneyKey, Decimal] = {}
        self.moved: dict[tuple[str, str, dt.date, dt.date], list[int]] = {}
        self.units: dict[tuple[str, str, dt.date], list[int]] = {}
        self.moves: dict[str, dict[dt.date, dict[str, list[int]]]] = {}
        self.first: dt.date | None = None
        self.last: dt.date | None = None

    def add_units(
        self,
        sku: str,
        channel: str,
        day: dt.date,
        start: dt.date,
        *,
        sold: int,
        back: int,
    ) -> None:
        """Count units sold and restocked on a day (both engines call this)."""
        key = (sku, channel, day, start)
        held = self.moved.get(key)
        if held is None:
            self.moved[key] = [sold, back]
        else:
            held[0] += sold
            held[1] += back

    def settle(self) -> None:
        """Derive the units per period and the moves per SKU and day, once."""
        units: dict[tuple[str, str, dt.date], list[int]] = {}
        moves: dict[str, dict[dt.date, dict[str, list[int]]]] = {}
        for (sku, channel, day, start), (sold, back) in self.moved.items():
            key = (sku, channel, start)
            held = units.get(key)
            if held is None:
                units[key] = [sold, back]
            else:
                held[0] += sold
                held[1] += back
            days = moves.get(sku)
            if days is None:
                days = moves[sku] = {}
            channels = days.get(day)
            if channels is None:
                days[day] = {channel: [sold, back]}
            else:
                channels[channel] = [sold, back]
        self.units, self.moves = units, moves

    def see(self, first: dt.date, last: dt.date) -> None:
        """Widen the window to hold ``first`` and ``last``."""
        if self.first is None or first < self.first:
            self.first = first
        if self.last is None or last > self.last:
            self.last = last


def fold(
    transactions: Iterable[Transaction],
    *,
    period: Period,
    currency: Currency,
    converts: bool,
) -> Sums:
    """Sum a ledger in one pass; ``converts``: other currencies are allowed."""
    sums = Sums()
    money = sums.money
    money_get = money.get
    starts: dict[dt.date, dt.date] = {}
    moved = sums.moved
    moved_get = moved.get
    first = last = None
    with localcontext(EXACT):
        for index, item in enumerate(iterable(transactions, "transactions")):
            if type(item) is not Transaction and not isinstance(item, Transaction):
                raise InvalidTypeError(
                    field=f"transactions[{index}]", value=item, expected="a Transaction"
                )
            day = item.posted_on
            start = starts.get(day)
            if start is None:
                start = starts[day] = _start(period, day, index)
                if first is None or day < first:
                    first = day
                if last is None or day > last:
                    last = day
            amount = item.amount
            code = amount.currency
            if code is not currency and not converts and code != currency:
                raise CurrencyMismatchError(
                    "pass fx= to convert it",
                    field=f"transactions[{index}].amount",
                    value=amount,
                    expected=f"an amount in {currency.code}",
                )
            kind = item.kind
            campaign = item.campaign if kind is _AD else None
            key = (kind, item.sku, item.channel, start, code.code, campaign)
            money[key] = money_get(key, _ZERO) + amount.amount
            quantity = item.quantity
            if quantity:
                place = (item.sku, item.channel, day, start)
                held = moved_get(place)  # type: ignore[arg-type] # units have a SKU
                if held is None:
                    held = moved[place] = [0, 0]  # type: ignore[index]
                held[kind is not _SALE] += quantity
    if first is not None and last is not None:
        sums.see(first, last)
    return sums


def _start(period: Period, day: dt.date, index: int) -> dt.date:
    try:
        period_end(period, day)  # the period must end inside the calendar
        return period_start(period, day)
    except XborderError as error:
        raise InvalidInputError(
            field=f"transactions[{index}].posted_on", value=day, expected=error.expected
        ) from None
