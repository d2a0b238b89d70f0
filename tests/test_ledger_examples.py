"""The worked cases' books: what Tutorial A and Tutorial B compute."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
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


BOOKS: Any = case_b  # called with wrong types on purpose


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [
        (
            lambda: BOOKS.quarter_ledger(Decimal(1)),
            InvalidTypeError,
            "case",
            Decimal(1),
        ),
        (lambda: BOOKS.opening_stock("de"), InvalidTypeError, "case", "de"),
        (lambda: BOOKS.campaign_orders(0), InvalidTypeError, "case", 0),
        (lambda: BOOKS.restock_orders(case=[]), InvalidTypeError, "case", []),
        (lambda: BOOKS.restock_orders(split="2"), InvalidTypeError, "split", "2"),
        (lambda: BOOKS.restock_orders(split=0), InvalidInputError, "split", 0),
        (lambda: BOOKS.restock_orders(split=53), InvalidInputError, "split", 53),
        (
            lambda: BOOKS.restock_orders(split=10**35),
            InvalidInputError,
            "split",
            10**35,
        ),
    ],
)
def test_case_b_books_refuse_what_is_not_a_case_or_a_split(
    call: Any,
    error: type[XborderError],
    field: str,
    value: object,
) -> None:
    # Regression: a wrong case escaped as AttributeError, a wrong split as
    # TypeError (and a huge one looped over range(split)).
    with pytest.raises(error) as refused:
        call()
    assert refused.value.field == field
    assert refused.value.value == value
    assert len(case_b.restock_orders(split=52)) == 52
