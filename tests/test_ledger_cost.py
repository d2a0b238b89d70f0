"""The cost basis: FIFO layers, moving average, restocked returns."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xborder.ledger import Receipt, Transaction, UncostedSaleError, profit_and_loss
from xborder.money import Money, RoundingMode

EVEN = RoundingMode.HALF_EVEN


def sale(day: str, units: int, kind: str = "sale") -> Transaction:
    amount = Money(units * 10 * (-1 if kind == "refund" else 1), "USD")
    return Transaction(
        kind=kind, posted_on=day, amount=amount, channel="site", sku="A", quantity=units
    )


RECEIPTS = [
    Receipt(sku="A", received_on="2026-01-01", quantity=10, unit_cost=Money(1, "USD")),
    Receipt(sku="A", received_on="2026-01-01", quantity=10, unit_cost=Money(2, "USD")),
    Receipt(sku="A", received_on="2026-02-01", quantity=10, unit_cost=Money(4, "USD")),
]


def cogs(ledger: list[Transaction], method: str) -> list[Decimal]:
    pnl = profit_and_loss(
        ledger, currency="USD", receipts=RECEIPTS, rounding=EVEN, method=method
    )
    return [row.cogs.amount for row in pnl.rows]


def test_fifo_takes_the_oldest_layers_and_a_return_undoes_the_last_units() -> None:
    # January: 15 units = 10 x 1 + 5 x 2 = 20; 7 come back: 5 x 2 + 2 x 1 = 12.
    # February: 12 units = 2 x 1 + 10 x 2 = 22 (the returned units go out first).
    ledger = [
        sale("2026-01-05", 15),
        sale("2026-01-20", 7, "refund"),
        sale("2026-02-10", 12),
    ]
    assert cogs(ledger, "fifo") == [Decimal(-8), Decimal(-22)]


def test_moving_average_reaverages_on_each_receipt() -> None:
    # January: average 1.5; 15 out = 22.5, 7 back = 10.5 (12 on hand, 18.0).
    # February: (18.0 + 40) / 22 = 2.6364; 12 out = 31.64.
    ledger = [
        sale("2026-01-05", 15),
        sale("2026-01-20", 7, "refund"),
        sale("2026-02-10", 12),
    ]
    assert cogs(ledger, "moving average") == [Decimal("-12.00"), Decimal("-31.64")]


def test_the_sale_that_empties_the_stock_takes_the_value_left() -> None:
    ledger = [sale("2026-02-10", 30)]
    # 10 x 1 + 10 x 2 + 10 x 4 = 70 either way: receipts = COGS + stock.
    assert cogs(ledger, "moving average") == [Decimal(-70)]
    assert cogs(ledger, "fifo") == [Decimal(-70)]


def test_a_return_before_any_sale_comes_back_at_the_oldest_cost() -> None:
    ledger = [sale("2026-01-02", 3, "refund"), sale("2026-01-05", 4)]
    # FIFO: 3 back at 1.00 to the front, then 4 out at 1.00: a net cost of 1.
    assert cogs(ledger, "fifo") == [Decimal(-1)]


def test_a_return_with_no_stock_ever_is_uncosted() -> None:
    ledger = [
        Transaction(
            kind="refund",
            posted_on="2026-01-05",
            amount=Money(-10, "USD"),
            channel="site",
            sku="B",
            quantity=1,
        )
    ]
    with pytest.raises(UncostedSaleError) as error:
        profit_and_loss(ledger, currency="USD", receipts=RECEIPTS, rounding=EVEN)
    assert error.value.value == "B"
