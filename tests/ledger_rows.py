"""Ledger rows and receipts in a line each, for the ledger tests (shared)."""

from __future__ import annotations

from typing import Any

from xborder.ledger import Receipt, Transaction
from xborder.money import Money


def row(
    kind: str,
    day: str,
    amount: str,
    currency: str = "USD",
    **more: Any,
) -> Transaction:
    """A transaction on Amazon.com unless ``channel=`` says otherwise."""
    channel = more.pop("channel", "Amazon.com")
    return Transaction(
        kind=kind,
        posted_on=day,
        amount=Money(amount, currency),
        channel=channel,
        **more,
    )


def stock(sku: str, day: str, units: int, cost: str, currency: str = "USD") -> Receipt:
    """Units of ``sku`` received on ``day`` at a unit cost."""
    return Receipt(
        sku=sku, received_on=day, quantity=units, unit_cost=Money(cost, currency)
    )
