"""The cash conversion cycle, DIO + DSO − DPO, from balances or the books (private)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    date_value,
    items_of,
    named_errors,
    optional_text,
    positive_count,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.kpi import UNDEFINED, Ratio, Undefined
from xborder.ledger._assemble import receipts_by_sku
from xborder.ledger._checks import checked, in_currency, is_a, iterable
from xborder.ledger._cost import cost_of_sales
from xborder.ledger._fold import Sums
from xborder.ledger._kinds import CostMethod, TransactionKind
from xborder.ledger._profit import basis_of
from xborder.ledger._transaction import Transaction
from xborder.money import Money, RoundingMode
from xborder.reports import SettlementSummary

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.fx import FxTable
    from xborder.ledger._transaction import Receipt
    from xborder.money import Currency

__all__ = ["CashCycle", "cash_conversion_cycle", "cash_cycles"]

_ZERO = Decimal(0)
_SALES = frozenset({TransactionKind.SALE, TransactionKind.SHIPPING})


def _ratio(value: Ratio) -> Ratio:
    return is_a(Ratio, value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CashCycle:
    r"""The cash conversion cycle: days from paying for stock to being paid for it.

    $$CCC = DIO + DSO - DPO$$

    Each part is a :class:`~xborder.kpi.Ratio` of days, undefined with a
    zero denominator (no cost of sales, no sales, no purchases):

    * DIO, days of inventory: $\overline{inventory} \times days / COGS$;
    * DSO, days of sales outstanding: $\overline{receivables} \times days /
      revenue$;
    * DPO, days of payables outstanding: $\overline{payables} \times days /
      COGS$.

    Source: Ross, Westerfield and Jordan, *Fundamentals of Corporate
    Finance*, "The operating cycle and the cash cycle": 111 + 57 − 39 =
    129 days.

    Args:
        sku: The product, or ``None`` for the whole business.
        inventory_days: DIO.
        receivable_days: DSO.
        payable_days: DPO.

    Examples:
        >>> cycle = CashCycle(inventory_days=Ratio(90, 1), receivable_days=Ratio(14, 1),
        ...     payable_days=Ratio(-30, 1))
        >>> cycle.days
        Decimal('134')
    """

    inventory_days: Ratio = attrs.field(converter=_ratio)
    receivable_days: Ratio = attrs.field(converter=_ratio)
    payable_days: Ratio = attrs.field(converter=_ratio)
    sku: str | None = attrs.field(default=None, converter=optional_text)

    @property
    def operating_days(self) -> Decimal | Undefined:
        """DIO + DSO: from receiving stock to being paid for it."""
        return _sum(self.inventory_days.value, self.receivable_days.value)

    @property
    def days(self) -> Decimal | Undefined:
        """DIO + DSO − DPO, or :data:`~xborder.kpi.UNDEFINED` if a part is."""
        operating = self.operating_days
        payable = self.payable_days.value
        if operating is UNDEFINED or payable is UNDEFINED:
            return UNDEFINED
        return _sum(operating, payable.copy_negate())  # a unary minus rounds


def _sum(
    first: Decimal | Undefined, second: Decimal | Undefined
) -> Decimal | Undefined:
    if first is UNDEFINED or second is UNDEFINED:
        return UNDEFINED
    return EXACT.add(first, second)


def cash_conversion_cycle(
    *,
    inventory: Money,
    cost_of_sales: Money,
    receivables: Money,
    revenue: Money,
    payables: Money,
    days: int = 365,
) -> CashCycle:
    r"""The cash conversion cycle from average balances over a period of ``days``.

    $$DIO = \frac{inventory \cdot days}{COGS},\quad
    DSO = \frac{receivables \cdot days}{revenue},\quad
    DPO = \frac{payables \cdot days}{COGS}$$

    Source: Ross, Westerfield and Jordan, *Fundamentals of Corporate
    Finance*, "Calculating the operating and cash cycles" (average inventory
    2,500, COGS 8,200, receivables 1,800, sales 11,500, payables 875:
    a cash cycle of about 129 days).

    Args:
        inventory: Average inventory at cost.
        cost_of_sales: Cost of goods sold over the period.
        receivables: Average receivables.
        revenue: Credit sales over the period.
        payables: Average payables.
        days: Days in the period.

    Examples:
        >>> from xborder.money import RoundingMode
        >>> def usd(amount):
        ...     return Money(amount, "USD")
        >>> cycle = cash_conversion_cycle(inventory=usd(2500), cost_of_sales=usd(8200),
        ...     receivables=usd(1800), revenue=usd(11500), payables=usd(875))
        >>> [cycle.inventory_days.round(1, RoundingMode.HALF_UP),
        ...  cycle.receivable_days.round(1, RoundingMode.HALF_UP),
        ...  cycle.payable_days.round(1, RoundingMode.HALF_UP)]
        [Decimal('111.3'), Decimal('57.1'), Decimal('38.9')]
        >>> cycle.days.quantize(Decimal("0.1"))
        Decimal('129.5')
    """
    period = checked(positive_count, days, "days")
    parts = {
        "inventory": inventory,
        "cost_of_sales": cost_of_sales,
        "receivables": receivables,
        "revenue": revenue,
        "payables": payables,
    }
    for name, amount in parts.items():
        if not isinstance(amount, Money):
            raise InvalidTypeError(field=name, value=amount, expected="Money")
        in_currency(amount, inventory.currency, name)
        if amount.is_negative():
            raise InvalidInputError(field=name, value=amount, expected="an amount >= 0")
    return CashCycle(
        inventory_days=Ratio(
            EXACT.multiply(inventory.amount, period), cost_of_sales.amount
        ),
        receivable_days=Ratio(
            EXACT.multiply(receivables.amount, period), revenue.amount
        ),
        payable_days=Ratio(
            EXACT.multiply(payables.amount, period), cost_of_sales.amount
        ),
    )


def cash_cycles(
    transactions: Iterable[Transaction],
    *,
    receipts: Iterable[Receipt],
    settlements: Iterable[SettlementSummary],
    start: dt.date | str,
    end: dt.date | str,
    currency: Currency | str,
    rounding: RoundingMode,
    method: CostMethod | str = CostMethod.FIFO,
    fx: FxTable | None = None,
) -> tuple[CashCycle, ...]:
    r"""The cash conversion cycle of each SKU and of the whole business, from the books.

    Over the window [``start``, ``end``), each part is a weighted average
    of days read from the ledger, the receipts and the settlements:

    * DIO: the stock's value-days (value at cost on hand each day, from the
      cost basis) over the cost of goods sold:
      $\sum_d value_d / COGS$, the balance formula with the daily average;
    * DSO: sales weighted by the days from posting to their settlement's
      deposit: $\sum amount \cdot days / \sum amount$ (sales with no
      settlement deposit known are left out);
    * DPO: receipts weighted by the days from receiving them to paying the
      supplier (``Receipt.paid_on``): negative when the factory is paid
      before the goods arrive, as with deposits; receipts with no payment
      day are left out.

    The whole business's cycle pools the parts (sums of numerators over
    sums of denominators) and comes last, with ``sku`` ``None``.

    Raises:
        UncostedSaleError: Units sold with no receipt to cost them.
        InvalidInputError: ``end`` not after ``start``, or a bad argument.

    Examples:
        >>> from xborder.ledger import Receipt, Transaction
        >>> sale = Transaction(kind="sale", posted_on="2026-03-10",
        ...     amount=Money("100.00", "USD"), channel="Amazon.com", sku="PH-01",
        ...     quantity=10, settlement_id="S1")
        >>> stock = Receipt(sku="PH-01", received_on="2026-03-01", quantity=20,
        ...     unit_cost=Money("3.00", "USD"), paid_on="2026-01-15")
        >>> paid = SettlementSummary(settlement_id="S1", start="2026-03-01",
        ...     end="2026-03-14", deposit_date="2026-03-17", total=Money("100", "USD"))
        >>> (sku, whole) = cash_cycles([sale], receipts=[stock], settlements=[paid],
        ...     start="2026-03-01", end="2026-04-01", currency="USD",
        ...     rounding=RoundingMode.HALF_EVEN)
        >>> sku.inventory_days.value, sku.receivable_days.value, sku.payable_days.value
        (Decimal('40'), Decimal('7'), Decimal('-45'))
        >>> sku.days
        Decimal('92')
    """
    first = checked(date_value, start, "start")
    last = checked(date_value, end, "end")
    if last <= first:
        raise InvalidInputError(
            field="end", value=last, expected=f"a day after {first}"
        )
    basis = basis_of(
        currency=currency,
        receipts=receipts,
        rounding=rounding,
        period="month",
        method=method,
        campaigns=None,
        storage_basis="unit days",
        volumes=None,
        fx=fx,
    )
    deposits = _deposits(settlements)
    sums, sold = _read(transactions, deposits, basis.currency, fx, (first, last))

    def start_of(day: dt.date) -> dt.date:
        return first if first <= day < last else (dt.date.min if day < first else last)

    def end_of(day: dt.date) -> dt.date:
        return first if day < first else last if day < last else dt.date.max

    sums.settle()
    costs = cost_of_sales(
        sums.moves,
        receipts_by_sku(basis, last),
        method=basis.method,
        start_of=start_of,
        end_of=end_of,
        window_end=last,
    )
    skus = sorted(sums.moves.keys() | {r.sku for r in basis.receipts or ()})
    paying = _paying(basis.receipts or (), basis.currency, fx, (first, last))
    cycles = []
    totals = [[_ZERO, _ZERO] for _ in range(3)]
    for sku in skus:
        parts = (
            (
                costs.stock.get((sku, first), [_ZERO, _ZERO])[1],
                _cogs(costs.cogs, sku, first),
            ),
            _pair(sold.get(sku)),
            _pair(paying.get(sku)),
        )
        for total, (top, bottom) in zip(totals, parts, strict=True):
            total[0] = EXACT.add(total[0], top)
            total[1] = EXACT.add(total[1], bottom)
        cycles.append(_cycle(sku, parts))
    cycles.append(_cycle(None, tuple((t[0], t[1]) for t in totals)))
    return tuple(cycles)


def _pair(weights: list[Decimal] | None) -> tuple[Decimal, Decimal]:
    return (_ZERO, _ZERO) if weights is None else (weights[0], weights[1])


def _cycle(sku: str | None, parts: tuple[tuple[Decimal, Decimal], ...]) -> CashCycle:
    return CashCycle(
        sku=sku,
        inventory_days=Ratio(*parts[0]),
        receivable_days=Ratio(*parts[1]),
        payable_days=Ratio(*parts[2]),
    )


def _cogs(
    cogs: dict[tuple[str, str, dt.date], Decimal], sku: str, first: dt.date
) -> Decimal:
    return sum(
        (v for (s, _, day), v in cogs.items() if s == sku and day == first), _ZERO
    )


def _deposits(settlements: Iterable[SettlementSummary]) -> dict[str, dt.date]:
    found = {}
    for index, summary in enumerate(items_of(settlements, field="settlements")):
        if not isinstance(summary, SettlementSummary):
            raise InvalidTypeError(
                field=f"settlements[{index}]",
                value=summary,
                expected="a SettlementSummary",
            )
        if summary.deposit_date is not None:
            found[summary.settlement_id] = summary.deposit_date
    return found


def _read(
    transactions: Iterable[Transaction],
    deposits: dict[str, dt.date],
    currency: Currency,
    fx: FxTable | None,
    window: tuple[dt.date, dt.date],
) -> tuple[Sums, dict[str, list[Decimal]]]:
    """Units moved per SKU and day, and each SKU's sales weighted by days to cash."""
    sums = Sums()
    sold: dict[str, list[Decimal]] = {}
    first, last = window
    with localcontext(EXACT):
        for index, item in enumerate(iterable(transactions, "transactions")):
            if not isinstance(item, Transaction):
                raise InvalidTypeError(
                    field=f"transactions[{index}]", value=item, expected="a Transaction"
                )
            day = item.posted_on
            if item.quantity:
                own = item.quantity if item.kind is TransactionKind.SALE else 0
                sums.add_units(
                    item.sku,  # type: ignore[arg-type] # units come with a SKU
                    item.channel,
                    day,
                    day,
                    sold=own,
                    back=item.quantity - own,
                )
            paid = deposits.get(item.settlement_id)  # type: ignore[arg-type]
            if (
                item.kind in _SALES
                and item.sku is not None
                and paid is not None
                and first <= day < last
            ):
                amount = _in(item.amount, currency, fx, f"transactions[{index}].amount")
                weights = sold.setdefault(item.sku, [_ZERO, _ZERO])
                weights[0] += amount * (paid - day).days
                weights[1] += amount
    return sums, sold


def _paying(
    receipts: Iterable[Receipt],
    currency: Currency,
    fx: FxTable | None,
    window: tuple[dt.date, dt.date],
) -> dict[str, list[Decimal]]:
    found: dict[str, list[Decimal]] = {}
    with localcontext(EXACT):
        for index, receipt in enumerate(receipts):
            day = receipt.received_on
            if receipt.paid_on is None or not window[0] <= day < window[1]:
                continue
            value = _in(receipt.value, currency, fx, f"receipts[{index}].unit_cost")
            weights = found.setdefault(receipt.sku, [_ZERO, _ZERO])
            weights[0] += value * (receipt.paid_on - day).days
            weights[1] += value
    return found


def _in(amount: Money, currency: Currency, fx: FxTable | None, field: str) -> Decimal:
    if amount.currency == currency:
        return amount.amount
    if fx is None:
        raise InvalidInputError(
            "pass fx= to convert it",
            field=field,
            value=amount,
            expected=f"an amount in {currency.code}",
        )
    return fx.path(amount.currency, currency).apply(amount.amount)
