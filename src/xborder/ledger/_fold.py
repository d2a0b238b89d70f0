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

MoneyKey = tuple[TransactionKind, str | None, str, "dt.date", "Currency", str | None]
_ZERO = Decimal(0)
_AD = TransactionKind.AD_SPEND
_SALE = TransactionKind.SALE


class Sums:
    """The group sums of a ledger (mutable while folding, private).

    ``money``: (kind, sku, channel, period start, currency, campaign) → sum
    (the campaign only on ad rows). ``units``: (sku, channel, period start)
    → [sold, restocked]. ``moves``: sku → day → channel → [sold, restocked].
    ``first``/``last``: the earliest and latest posting days.
    """

    __slots__ = ("first", "last", "money", "moves", "units")

    def __init__(self) -> None:
        self.money: dict[MoneyKey, Decimal] = {}
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
        key = (sku, channel, start)
        held = self.units.get(key)
        if held is None:
            held = self.units[key] = [0, 0]
        held[0] += sold
        held[1] += back
        days = self.moves.get(sku)
        if days is None:
            days = self.moves[sku] = {}
        channels = days.get(day)
        if channels is None:
            channels = days[day] = {}
        moved = channels.get(channel)
        if moved is None:
            moved = channels[channel] = [0, 0]
        moved[0] += sold
        moved[1] += back

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
    starts: dict[dt.date, dt.date] = {}
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
            if code is not currency and code != currency and not converts:
                raise CurrencyMismatchError(
                    "pass fx= to convert it",
                    field=f"transactions[{index}].amount",
                    value=amount,
                    expected=f"an amount in {currency.code}",
                )
            kind = item.kind
            key = (
                kind,
                item.sku,
                item.channel,
                start,
                code,
                item.campaign if kind is _AD else None,
            )
            money[key] = money.get(key, _ZERO) + amount.amount
            if item.quantity:
                sold = item.quantity if kind is _SALE else 0
                sums.add_units(
                    item.sku,  # type: ignore[arg-type] # a Transaction with units has one
                    item.channel,
                    day,
                    start,
                    sold=sold,
                    back=item.quantity - sold,
                )
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
