"""The profit and loss: rows per SKU, channel and period, and their totals (private)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    date_value,
    items_of,
    named_errors,
    non_negative_count,
    optional_text,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.kpi import Ratio
from xborder.ledger._checks import builder, enum_of, in_currency, money
from xborder.ledger._exposure import FxExposure, fx_exposure
from xborder.ledger._kinds import (
    NET_REVENUE_LINES,
    CostMethod,
    Period,
    PnlLine,
    StorageBasis,
    period_end,
    period_start,
)
from xborder.money import Currency, Money
from xborder.money.converters import to_currency

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.fx import FxTable

__all__ = ["PnlRow", "ProfitAndLoss", "build_pnl", "build_row"]

_NAMES = {line: line.value for line in PnlLine}
_ALL = tuple(PnlLine)
_FEES = (
    PnlLine.REFERRAL_FEES,
    PnlLine.CLOSING_FEES,
    PnlLine.FULFILMENT_FEES,
    PnlLine.PAYMENT_FEES,
    PnlLine.REFUND_FEES,
    PnlLine.SUBSCRIPTION_FEES,
    PnlLine.INBOUND_FEES,
    PnlLine.THREE_PL_FEES,
    PnlLine.OTHER_FEES,
)
_GROUPINGS = frozenset({"sku", "channel", "period"})


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PnlRow:
    r"""One row of the P&L: a SKU on a channel over a period, line by line.

    Every line is signed as money moves for the seller: revenue positive;
    discounts, refunds, fees, storage, ads and the cost of goods sold
    negative; reimbursements positive. So

    $$contribution = \sum_{lines} amount, \qquad
    margin = contribution / net\ revenue$$

    with $net\ revenue = revenue + discounts + refunds$. ``sku`` is ``None``
    for what could not be put on a SKU (account-level fees, ads of an
    unmapped campaign, storage with no basis to share it); ``channel`` is
    ``None`` in a roll-up across channels.

    Args:
        sku: The product, or ``None``.
        channel: The channel, or ``None`` (all channels).
        start: First day of the period.
        end: First day after it.
        currency: The currency of every line.
        units_sold: Units on the period's sale rows.
        units_returned: Units restocked on its refund rows.
        revenue: One argument per :class:`PnlLine`, named by its value.

    Examples:
        >>> from xborder.money import RoundingMode
        >>> zero = Money(0, "USD")
        >>> row = PnlRow(sku="PH-01", channel="Amazon.com", start="2026-03-01",
        ...     end="2026-04-01", currency="USD", units_sold=10, units_returned=0,
        ...     revenue=Money("139.90", "USD"), discounts=zero, refunds=zero,
        ...     referral_fees=Money("-20.99", "USD"), closing_fees=zero,
        ...     fulfilment_fees=Money("-36.60", "USD"), payment_fees=zero,
        ...     refund_fees=zero, subscription_fees=zero, inbound_fees=zero,
        ...     three_pl_fees=zero, other_fees=zero, storage=zero,
        ...     ads=Money("-14.00", "USD"), reimbursements=zero, adjustments=zero,
        ...     cogs=Money("-31.20", "USD"))
        >>> str(row.contribution), row.margin.round(4, RoundingMode.HALF_UP)
        ('37.11 USD', Decimal('0.2653'))
        >>> str(row.tacos.round(4, RoundingMode.HALF_UP))
        '0.1001'
    """

    sku: str | None = attrs.field(converter=optional_text)
    channel: str | None = attrs.field(converter=optional_text)
    start: dt.date = attrs.field(converter=date_value)
    end: dt.date = attrs.field(converter=date_value)
    currency: Currency = attrs.field(converter=to_currency)
    units_sold: int = attrs.field(converter=non_negative_count)
    units_returned: int = attrs.field(converter=non_negative_count)
    revenue: Money = attrs.field(converter=money)
    discounts: Money = attrs.field(converter=money)
    refunds: Money = attrs.field(converter=money)
    referral_fees: Money = attrs.field(converter=money)
    closing_fees: Money = attrs.field(converter=money)
    fulfilment_fees: Money = attrs.field(converter=money)
    payment_fees: Money = attrs.field(converter=money)
    refund_fees: Money = attrs.field(converter=money)
    subscription_fees: Money = attrs.field(converter=money)
    inbound_fees: Money = attrs.field(converter=money)
    three_pl_fees: Money = attrs.field(converter=money)
    other_fees: Money = attrs.field(converter=money)
    storage: Money = attrs.field(converter=money)
    ads: Money = attrs.field(converter=money)
    reimbursements: Money = attrs.field(converter=money)
    adjustments: Money = attrs.field(converter=money)
    cogs: Money = attrs.field(converter=money)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidInputError(
                field="end", value=self.end, expected=f"a day after {self.start}"
            )
        for line in PnlLine:
            in_currency(getattr(self, line.value), self.currency, line.value)

    def line(self, line: PnlLine) -> Money:
        """The amount of one line.

        Examples:
            >>> from xborder.ledger import PnlLine
            >>> row = PnlRow.zero(channel="site", start="2026-01-01",
            ...     end="2026-02-01", currency="EUR")
            >>> str(row.line(PnlLine.ADS))
            '0 EUR'
        """
        if not isinstance(line, PnlLine):
            raise InvalidTypeError(field="line", value=line, expected="a PnlLine")
        return getattr(self, line.value)  # type: ignore[no-any-return]

    @property
    def lines(self) -> tuple[tuple[PnlLine, Money], ...]:
        """Every line with its amount, in :class:`PnlLine` order."""
        return tuple((line, getattr(self, line.value)) for line in PnlLine)

    @property
    def net_revenue(self) -> Money:
        """Revenue + discounts + refunds."""
        return self._sum(NET_REVENUE_LINES)

    @property
    def fees(self) -> Money:
        """Every channel fee line, summed (storage and ads apart)."""
        return self._sum(_FEES)

    @property
    def contribution(self) -> Money:
        """The sum of every line: what the row leaves after its direct costs."""
        return self._sum(_ALL)

    @property
    def margin(self) -> Ratio:
        """Contribution over net revenue (undefined with no net revenue)."""
        return Ratio(self.contribution.amount, self.net_revenue.amount)

    @property
    def tacos(self) -> Ratio:
        """Total ACOS: ad spend over revenue (xborder.kpi.tacos, on the P&L)."""
        return Ratio(self.ads.amount.copy_negate(), self.revenue.amount)

    def _sum(self, lines: Iterable[PnlLine]) -> Money:
        total = Decimal(0)
        for line in lines:
            total = EXACT.add(total, getattr(self, _NAMES[line]).amount)
        return Money(total, self.currency)

    @classmethod
    def zero(
        cls,
        *,
        start: dt.date | str,
        end: dt.date | str,
        currency: Currency | str,
        sku: str | None = None,
        channel: str | None = None,
    ) -> PnlRow:
        """A row with every line zero (the start of a sum)."""
        nothing = Money(0, currency)
        return cls(
            sku=sku,
            channel=channel,
            start=start,
            end=end,
            currency=currency,
            units_sold=0,
            units_returned=0,
            **{line.value: nothing for line in PnlLine},
        )


_row = builder(PnlRow)
_ZEROS: dict[Currency, Money] = {}


def _zero(currency: Currency) -> Money:
    found = _ZEROS.get(currency)
    if found is None:
        found = _ZEROS[currency] = Money(0, currency)
    return found


_LINE_FIELDS = tuple((line, line.value) for line in PnlLine)


def build_row(
    *,
    sku: str | None,
    channel: str | None,
    start: dt.date,
    end: dt.date,
    currency: Currency,
    units: tuple[int, int],
    amounts: dict[PnlLine, Money],
) -> PnlRow:
    """A row from checked parts; lines not in ``amounts`` are zero."""
    nothing = _zero(currency)
    return _row(
        sku=sku,
        channel=channel,
        start=start,
        end=end,
        currency=currency,
        units_sold=units[0],
        units_returned=units[1],
        **{name: amounts.get(line, nothing) for line, name in _LINE_FIELDS},
    )


def _rows(values: Iterable[PnlRow]) -> tuple[PnlRow, ...]:
    return tuple_of(values, PnlRow)


def _shares(values: Iterable[Money]) -> tuple[Money, ...]:
    return tuple_of(values, Money)


_period = enum_of(Period)
_method = enum_of(CostMethod)
_basis = enum_of(StorageBasis)


def _to_period(value: Period | str) -> Period:
    return _period(value)


def _to_method(value: CostMethod | str) -> CostMethod:
    return _method(value)


def _to_basis(value: StorageBasis | str) -> StorageBasis:
    return _basis(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ProfitAndLoss:
    """A P&L by SKU × channel × period, in one currency (see :func:`profit_and_loss`).

    Args:
        currency: The currency of every row.
        period: The periods of the rows.
        method: How the cost of goods sold was found.
        storage_basis: How account-level storage was shared among SKUs.
        rows: One row per (SKU, channel, period), sorted by period, channel
            and SKU (``None`` last).
        native: What the channels' lines (every line but COGS) came to in
            each currency before conversion: the contribution's exposure to
            exchange rates (see :meth:`exposure`).

    Raises:
        InvalidInputError: No rows, a row twice, a row in another currency
            or not on the period's boundaries, or a currency twice in
            ``native``.

    Examples:
        >>> row = PnlRow.zero(sku="PH-01", channel="Amazon.com", start="2026-03-01",
        ...     end="2026-04-01", currency="USD")
        >>> pnl = ProfitAndLoss(currency="USD", period="month", method="fifo",
        ...     storage_basis="unit days", rows=[row], native=[])
        >>> pnl.total().start, len(pnl.rollup(["channel"]))
        (datetime.date(2026, 3, 1), 1)
    """

    currency: Currency = attrs.field(converter=to_currency)
    period: Period = attrs.field(converter=_to_period)
    method: CostMethod = attrs.field(converter=_to_method)
    storage_basis: StorageBasis = attrs.field(converter=_to_basis)
    rows: tuple[PnlRow, ...] = attrs.field(converter=_rows)
    native: tuple[Money, ...] = attrs.field(converter=_shares)

    def __attrs_post_init__(self) -> None:
        if not self.rows:
            raise InvalidInputError(field="rows", value=(), expected="a row or more")
        seen: set[tuple[str | None, str | None, dt.date]] = set()
        for index, row in enumerate(self.rows):
            where = f"rows[{index}]"
            if row.currency != self.currency:
                raise InvalidInputError(
                    field=f"{where}.currency",
                    value=row.currency,
                    expected=self.currency.code,
                )
            if (
                period_start(self.period, row.start) != row.start
                or period_end(self.period, row.start) != row.end
            ):
                raise InvalidInputError(
                    field=where,
                    value=(row.start, row.end),
                    expected=f"the first and last days of a {self.period.value}",
                )
            key = (row.sku, row.channel, row.start)
            if key in seen:
                raise InvalidInputError(
                    field=where, value=key, expected="one row per SKU, channel, period"
                )
            seen.add(key)
        codes = [share.currency for share in self.native]
        if len(set(codes)) != len(codes):
            raise InvalidInputError(
                field="native", value=self.native, expected="one amount per currency"
            )

    def exposure(
        self, fx: FxTable, move: Decimal | int | str = Decimal("0.01")
    ) -> FxExposure:
        """The contribution's exposure to each currency the channels paid in.

        What the channels' lines came to in each foreign currency
        (:attr:`native`) is long (positive) or short (negative) against the
        P&L's currency; the cost of goods sold was paid when the stock was
        bought and does not move. See :func:`fx_exposure`.

        Examples:
            >>> import datetime as dt
            >>> from xborder.fx import FxRate, FxTable
            >>> table = FxTable(rates=(FxRate(base="EUR", quote="USD", rate="1.16",
            ...     as_of=dt.date(2026, 9, 15)),))
            >>> row = PnlRow.zero(sku="PH-01", channel="Amazon.de",
            ...     start="2026-03-01", end="2026-04-01", currency="USD")
            >>> pnl = ProfitAndLoss(currency="USD", period="month", method="fifo",
            ...     storage_basis="unit days", rows=[row],
            ...     native=[Money("1000.00", "EUR")])
            >>> str(pnl.exposure(table).change)
            '11.600000 USD'
        """
        positive = [share for share in self.native if not share.is_negative()]
        negative = [-share for share in self.native if share.is_negative()]
        return fx_exposure(
            receivables=positive,
            payables=negative,
            base=self.currency,
            fx=fx,
            move=move,
        )

    def total(self) -> PnlRow:
        """Every row summed: all SKUs and channels over the whole window."""
        (row,) = self.rollup(())
        return row

    def rollup(self, by: Iterable[str]) -> tuple[PnlRow, ...]:
        """Rows summed over what ``by`` leaves out (of sku, channel and period).

        A dropped key reads ``None`` (SKU, channel); dropping the period
        spans the whole window. Rows come out in first-seen order.

        Examples:
            >>> row = PnlRow.zero(sku="PH-01", channel="Amazon.com",
            ...     start="2026-03-01", end="2026-04-01", currency="USD")
            >>> pnl = ProfitAndLoss(currency="USD", period="month", method="fifo",
            ...     storage_basis="unit days", rows=[row], native=[])
            >>> [(r.sku, r.channel) for r in pnl.rollup(["sku"])]
            [('PH-01', None)]
        """
        given = items_of(by, field="by")
        for index, name in enumerate(given):
            if not isinstance(name, str):
                raise InvalidTypeError(
                    field=f"by[{index}]",
                    value=name,
                    expected="'sku', 'channel' or 'period'",
                )
        keys = frozenset(given)
        if not keys <= _GROUPINGS:
            raise InvalidInputError(
                field="by",
                value=sorted(keys, key=str),
                expected="some of 'sku', 'channel', 'period'",
            )
        first = min(row.start for row in self.rows)
        last = max(row.end for row in self.rows)
        groups: dict[tuple[object, ...], list[PnlRow]] = {}
        for row in self.rows:
            key = (
                row.sku if "sku" in keys else None,
                row.channel if "channel" in keys else None,
                row.start if "period" in keys else first,
            )
            groups.setdefault(key, []).append(row)
        return tuple(
            _summed(rows, first, last, keys, self.currency) for rows in groups.values()
        )


_pnl = builder(ProfitAndLoss)


def build_pnl(
    *,
    currency: Currency,
    period: Period,
    method: CostMethod,
    storage_basis: StorageBasis,
    rows: tuple[PnlRow, ...],
    native: tuple[Money, ...],
) -> ProfitAndLoss:
    """A P&L from rows its calculator built on the period's boundaries, one per key."""
    if not rows:
        raise InvalidInputError(
            field="transactions", value=(), expected="a row or more"
        )
    return _pnl(
        currency=currency,
        period=period,
        method=method,
        storage_basis=storage_basis,
        rows=rows,
        native=native,
    )


def _summed(
    rows: list[PnlRow],
    first: dt.date,
    last: dt.date,
    keys: frozenset[str],
    currency: Currency,
) -> PnlRow:
    head = rows[0]
    amounts: dict[PnlLine, Money] = {}
    for line in PnlLine:
        total = Decimal(0)
        for row in rows:
            total = EXACT.add(total, getattr(row, line.value).amount)
        amounts[line] = Money(total, currency)
    return build_row(
        sku=head.sku if "sku" in keys else None,
        channel=head.channel if "channel" in keys else None,
        start=head.start if "period" in keys else first,
        end=head.end if "period" in keys else last,
        currency=currency,
        units=(sum(r.units_sold for r in rows), sum(r.units_returned for r in rows)),
        amounts=amounts,
    )
