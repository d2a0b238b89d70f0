"""From group sums to P&L rows: cost basis, attribution, allocation (private).

Shared by the scalar fold and the polars group-by, so both give the same
:class:`ProfitAndLoss` to the last digit.

* Ads with no SKU whose campaign is in the campaign map are shared among
  the campaign's SKUs by their revenue on the ad's channel in the period
  (equally if none sold); other ads stay on the row with no SKU.
* Storage with no SKU is shared by the :class:`StorageBasis`; with nothing
  to share on, it stays on the row with no SKU.
* Shares are exact (:func:`xborder.money.allocate`, largest remainder): the
  parts sum to the amount shared.
* Lines in another currency are converted once per row and line, rounding
  with the caller's mode; the cost of goods sold is rounded once per row.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder.errors import InvalidInputError
from xborder.fx import FxPath, FxTable, convert
from xborder.ledger._checks import bounded, exact_money, shares, within
from xborder.ledger._cost import CostFold, cost_of_sales
from xborder.ledger._kinds import (
    LINE_OF,
    CostMethod,
    Period,
    PnlLine,
    StorageBasis,
    period_end,
    period_start,
)
from xborder.ledger._pnl import PnlRow, ProfitAndLoss, build_pnl, build_row
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import to_currency

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.ledger._fold import Sums
    from xborder.ledger._transaction import Receipt

__all__ = ["Basis", "assemble", "receipts_by_sku"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_RowKey = tuple[str | None, str, dt.date]
_Lines = dict[PnlLine, dict[str, Decimal]]  # currency code → amount


class Basis:
    """The checked choices of a P&L (private): one object both engines pass."""

    __slots__ = (
        "campaigns",
        "currency",
        "fx",
        "method",
        "period",
        "receipts",
        "rounding",
        "storage",
        "volumes",
    )

    def __init__(
        self,
        *,
        currency: Currency,
        period: Period,
        receipts: tuple[Receipt, ...] | None,
        method: CostMethod,
        campaigns: dict[str | None, tuple[str, ...]],
        storage: StorageBasis,
        volumes: dict[str, Decimal],
        fx: FxTable | None,
        rounding: RoundingMode,
    ) -> None:
        self.currency = currency
        self.period = period
        self.receipts = receipts
        self.method = method
        self.campaigns = campaigns
        self.storage = storage
        self.volumes = volumes
        self.fx = fx
        self.rounding = rounding


def assemble(sums: Sums, basis: Basis) -> ProfitAndLoss:
    """The P&L of a ledger's group sums."""
    period = basis.period
    start_of = functools.cache(functools.partial(period_start, period))
    end_of = functools.cache(functools.partial(period_end, period))
    if sums.last is None:
        # No transaction: nothing to report (an empty P&L has no period).
        raise InvalidInputError(
            field="transactions", value=(), expected="a transaction or more"
        )
    window_end = end_of(sums.last)
    sums.settle()
    # Stock held (unit-days) only shares storage by unit-days: skip it otherwise.
    holding = basis.storage is StorageBasis.UNIT_DAYS
    # No receipts: a P&L of the channels only, with no cost basis to run.
    costs = (
        CostFold()
        if basis.receipts is None
        else cost_of_sales(
            sums.moves,
            receipts_by_sku(basis, window_end),
            method=basis.method,
            start_of=start_of,
            end_of=end_of,
            window_end=window_end if holding else None,
        )
    )
    rows: dict[_RowKey, _Lines] = {}
    native, ads, storage = _place(sums, basis, rows)
    _attribute_ads(ads, basis, rows)
    _share_storage(storage, basis, sums, costs.stock, rows)
    for key, cost in costs.cogs.items():
        # copy_negate: a unary minus would round to the context's 28 digits.
        _add(rows, key, PnlLine.COGS, basis.currency.code, cost.copy_negate())
    for key in sums.units:
        rows.setdefault(key, {})
    minor, mode = basis.currency.minor_unit, basis.rounding.value
    return build_pnl(
        currency=basis.currency,
        period=period,
        method=basis.method,
        storage_basis=basis.storage,
        rows=tuple(
            _row(key, lines, sums.units.get(key), basis, end_of, minor=minor, mode=mode)  # type: ignore[arg-type]
            for key, lines in sorted(rows.items(), key=_row_order)
        ),
        native=tuple(
            Money(bounded(native[code], "transactions"), code)
            for code in sorted(native)
        ),
    )


_Ads = dict[tuple[str, dt.date, str, str | None], Decimal]
_Storage = dict[tuple[str, dt.date, str], Decimal]


def _place(
    sums: Sums, basis: Basis, rows: dict[_RowKey, _Lines]
) -> tuple[dict[str, Decimal], _Ads, _Storage]:
    """Put each group sum on its row's line; ads and storage to share, apart."""
    native: dict[str, Decimal] = {}
    ads: _Ads = {}
    storage: _Storage = {}
    for (kind, sku, channel, start, code, campaign), amount in sums.money.items():
        line = LINE_OF[kind]
        if line is None:
            rows.setdefault((sku, channel, start), {})  # every key has its row
            continue
        native[code] = EXACT.add(native.get(code, _ZERO), amount)
        if sku is None and line is PnlLine.ADS and campaign in basis.campaigns:
            key = (channel, start, code, campaign)
            ads[key] = EXACT.add(ads.get(key, _ZERO), amount)
        elif sku is None and line is PnlLine.STORAGE:
            place = (channel, start, code)
            storage[place] = EXACT.add(storage.get(place, _ZERO), amount)
        else:
            _add(rows, (sku, channel, start), line, code, amount)
    return native, ads, storage


def _attribute_ads(ads: _Ads, basis: Basis, rows: dict[_RowKey, _Lines]) -> None:
    for (channel, start, code, campaign), amount in sorted(ads.items(), key=_by_text):
        skus = basis.campaigns[campaign]
        weights = [_revenue(rows, (s, channel, start), code) for s in skus]
        parts = shares(amount, to_currency(code), weights)
        for sku, part in zip(skus, parts, strict=True):
            _add(rows, (sku, channel, start), PnlLine.ADS, code, part)


def _share_storage(
    storage: _Storage,
    basis: Basis,
    sums: Sums,
    stock: dict[tuple[str, dt.date], list[Decimal]],
    rows: dict[_RowKey, _Lines],
) -> None:
    for place, amount in sorted(storage.items(), key=_by_text):
        channel, start, code = place
        skus, weights = _storage_weights(basis, sums, stock, rows, place)
        if not any(weights):
            _add(rows, (None, channel, start), PnlLine.STORAGE, code, amount)
            continue
        parts = shares(amount, to_currency(code), weights)
        for sku, part in zip(skus, parts, strict=True):
            _add(rows, (sku, channel, start), PnlLine.STORAGE, code, part)


def receipts_by_sku(
    basis: Basis, window_end: dt.date
) -> dict[str, list[tuple[dt.date, int, Decimal]]]:
    """Each SKU's receipts before ``window_end``, unit costs in the P&L currency."""
    found: dict[str, list[tuple[dt.date, int, Decimal]]] = {}
    paths: dict[Currency, FxPath] = {}
    for receipt in basis.receipts or ():
        if receipt.received_on >= window_end:
            continue
        cost = receipt.unit_cost
        if cost.currency == basis.currency:
            unit = cost.amount
        else:
            path = paths.get(cost.currency)
            if path is None:
                table = basis.fx
                assert table is not None  # checked by the caller  # noqa: S101
                path = paths[cost.currency] = table.path(cost.currency, basis.currency)
            unit = path.apply(cost.amount)
        found.setdefault(receipt.sku, []).append(
            (receipt.received_on, receipt.quantity, unit)
        )
    return found


def _add(
    rows: dict[_RowKey, _Lines],
    key: _RowKey,
    line: PnlLine,
    code: str,
    amount: Decimal,
) -> None:
    lines = rows.get(key)
    if lines is None:
        lines = rows[key] = {}
    amounts = lines.get(line)
    if amounts is None:
        amounts = lines[line] = {}
    amounts[code] = EXACT.add(amounts.get(code, _ZERO), amount)


def _revenue(rows: dict[_RowKey, _Lines], key: _RowKey, code: str) -> Decimal:
    revenue = rows.get(key, {}).get(PnlLine.REVENUE, {}).get(code, _ZERO)
    return max(revenue, _ZERO)


def _storage_weights(
    basis: Basis,
    sums: Sums,
    stock: dict[tuple[str, dt.date], list[Decimal]],
    rows: dict[_RowKey, _Lines],
    place: tuple[str, dt.date, str],
) -> tuple[list[str], list[Decimal]]:
    channel, start, code = place
    if basis.storage is StorageBasis.UNIT_DAYS:
        skus = sorted(sku for sku, day in stock if day == start)
        volumes = basis.volumes
        return skus, [
            EXACT.multiply(stock[sku, start][0], volumes.get(sku, _ONE)) for sku in skus
        ]
    if basis.storage is StorageBasis.UNITS_SOLD:
        skus = sorted(
            sku for sku, where, day in sums.units if where == channel and day == start
        )
        return skus, [Decimal(sums.units[sku, channel, start][0]) for sku in skus]
    named = sorted(
        sku
        for sku, where, day in rows
        if sku is not None and where == channel and day == start
    )
    return named, [_revenue(rows, (sku, channel, start), code) for sku in named]


def _by_text(item: tuple[tuple[object, ...], Decimal]) -> tuple[str, ...]:
    return tuple(str(part) for part in item[0])


def _row_order(item: tuple[_RowKey, _Lines]) -> tuple[dt.date, str, bool, str]:
    sku, channel, start = item[0]
    return start, channel, sku is None, sku or ""


def _row(
    key: _RowKey,
    lines: _Lines,
    units: list[int] | None,
    basis: Basis,
    end_of: Callable[[dt.date], dt.date],
    *,
    minor: Decimal,
    mode: str,
) -> PnlRow:
    sku, channel, start = key
    currency = basis.currency
    code = currency.code
    amounts: dict[PnlLine, Money] = {}
    for line, by_code in lines.items():
        if len(by_code) == 1 and code in by_code:
            total = by_code[code]  # the usual case: nothing to convert
        else:
            total = _converted(by_code, basis)
        total = within(total, "transactions")
        if line is _COGS:
            # Money.quantize, without a guarded call per row: the minor unit
            # is a power of ten, so one exact quantize rounds it.
            total = total.quantize(minor, rounding=mode, context=EXACT)
        amounts[line] = exact_money(total, currency)
    sold, back = units or (0, 0)
    return build_row(
        sku=sku,
        channel=channel,
        start=start,
        end=end_of(start),
        currency=currency,
        units=(_count(sold), _count(back)),
        amounts=amounts,
    )


def _converted(by_code: dict[str, Decimal], basis: Basis) -> Decimal:
    """One line's amounts in each currency, converted once each and summed."""
    currency = basis.currency
    total = _ZERO
    for code, amount in by_code.items():
        if code == currency.code:
            total = EXACT.add(total, amount)
            continue
        table = basis.fx
        assert table is not None  # checked by the caller  # noqa: S101
        converted = convert(
            Money(bounded(amount, "transactions"), to_currency(code)),
            currency,
            table=table,
            rounding=basis.rounding,
        )
        total = EXACT.add(total, converted.amount)
    return total


_COGS = PnlLine.COGS


def _count(units: int) -> int:
    if units < _MOST_UNITS:
        return units
    raise InvalidInputError(
        field="transactions", value=units, expected="fewer than 1E+36 units"
    )


_MOST_UNITS = 10**36
