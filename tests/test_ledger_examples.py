"""The worked cases' books: what Tutorial A and Tutorial B compute."""

from __future__ import annotations

import csv
import io

from xborder.examples import case_a, case_b
from xborder.ledger import (
    PnlLine,
    Transaction,
    TransactionKind,
    cash_calendar,
    profit_and_loss,
    receipts_from_landed_cost,
    reconcile,
    transactions_from_settlement,
)
from xborder.money import Money, RoundingMode
from xborder.reports import SettlementSummary, settlement_lines, settlement_summary

EVEN = RoundingMode.HALF_EVEN


def case_a_books() -> tuple[SettlementSummary, list[Transaction]]:
    rows = csv.DictReader(io.StringIO(case_a.settlement_report()), delimiter="\t")
    summary = settlement_summary(next(rows))
    ledger = list(transactions_from_settlement(settlement_lines(rows, summary=summary)))
    return summary, ledger


def test_case_a_settlement_reconciles_and_balances_its_tax() -> None:
    summary, ledger = case_a_books()
    (check,) = reconcile(ledger, [summary]).checks
    assert check.is_reconciled
    kinds = dict(check.by_kind)
    assert kinds[TransactionKind.TAX] == -kinds[TransactionKind.MARKETPLACE_TAX]
    assert check.payout == Money("1959.44", "USD")


def test_case_a_pnl_of_the_settlement() -> None:
    _, ledger = case_a_books()
    landed = case_a.run().landed["US"]
    stock = case_a.OPENING_STOCK + receipts_from_landed_cost(
        landed,
        received_on="2026-09-22",
        reclaim_import_vat=True,
        rounding=RoundingMode.HALF_UP,
    )
    pnl = profit_and_loss(
        ledger,
        currency="USD",
        receipts=stock,
        rounding=EVEN,
        campaigns={None: ("PH-BLK", "PH-WHT")},
    )
    total = pnl.total()
    assert total.units_sold == 308
    assert total.revenue == Money("4308.92", "USD")
    # Every unit costs 3.29 (the older layer) or 3.44 (the new shipment).
    assert -total.cogs.amount / total.units_sold > 3
    lines = dict(total.lines)
    assert lines[PnlLine.ADS] == Money("-392.15", "USD")
    assert {r.sku for r in pnl.rows} == {"PH-BLK", "PH-WHT", None}


def test_case_b_first_quarter_pnl_and_exposure() -> None:
    pnl = profit_and_loss(
        case_b.quarter_ledger(),
        currency="EUR",
        receipts=case_b.opening_stock(),
        rounding=EVEN,
        campaigns=case_b.CAMPAIGNS,
        volumes=case_b.unit_volumes(),
        fx=case_b.FX,
    )
    total = pnl.total()
    assert total.units_sold == 41
    assert total.ads == Money("-1050.00", "EUR")
    assert total.storage.amount < 0
    assert [s.currency.code for s in pnl.native] == ["EUR", "USD"]
    assert not pnl.exposure(case_b.FX).change.is_zero()


def test_case_b_smaller_restocks_need_less_cash_at_the_peak() -> None:
    def plan(split: int) -> object:
        return cash_calendar(
            case_b.restock_orders(split=split),
            payouts=case_b.STRIPE_PAYOUTS,
            currency="EUR",
            rounding=EVEN,
            fx=case_b.FX,
        )

    one, two = plan(1), plan(2)
    assert one.peak is not None  # type: ignore[attr-defined]
    assert two.peak is not None  # type: ignore[attr-defined]
    assert two.peak[1] < one.peak[1]  # type: ignore[attr-defined]
    assert two.payback_on < one.payback_on  # type: ignore[attr-defined]
