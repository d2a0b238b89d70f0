"""Strategies for the ledger's results (private; see xborder.testing.strategies)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.kpi import Ratio
from xborder.ledger import (
    BudgetPlan,
    CashCalendar,
    CashCycle,
    CashFlow,
    CashFlowKind,
    ChannelKind,
    ChannelReturn,
    ConversionCost,
    CurrencyExposure,
    FundedStep,
    FxExposure,
    PnlLine,
    PnlRow,
    ProfitAndLoss,
    Reconciliation,
    SettlementCheck,
    TransactionKind,
    WorkingCapital,
    allocate_budget,
    cash_calendar,
    profit_and_loss,
    reconcile,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.reports import SettlementSummary
from xborder.testing.strategies._core import currencies, money_values
from xborder.testing.strategies._ledger import (
    channel_curves,
    ledgers,
    payout_terms,
    purchase_orders,
    transactions,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "budget_plans",
    "cash_calendars",
    "cash_cycles",
    "cash_flows",
    "channel_returns",
    "conversion_cost_results",
    "currency_exposures",
    "funded_steps",
    "fx_exposures",
    "pnl_rows",
    "profits_and_losses",
    "reconciliations",
    "settlement_checks",
    "working_capitals",
]

_START = dt.date(2026, 3, 1)


def _amounts(
    c: Currency, low: int = -(10**6), high: int = 10**6
) -> st.SearchStrategy[Money]:
    return money_values(currency=st.just(c), min_value=low, max_value=high)


@st.composite
def _row(draw: st.DrawFn, c: Currency) -> PnlRow:
    start = draw(st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 1)))
    return PnlRow(
        sku=draw(st.none() | st.sampled_from(["PH-BLK", "PH-WHT"])),
        channel=draw(st.none() | st.sampled_from(["Amazon.com", "site"])),
        start=start,
        end=start + dt.timedelta(days=draw(st.integers(1, 92))),
        currency=c,
        units_sold=draw(st.integers(0, 10**4)),
        units_returned=draw(st.integers(0, 100)),
        **{line.value: draw(_amounts(c)) for line in PnlLine},
    )


def pnl_rows() -> st.SearchStrategy[PnlRow]:
    """P&L rows: any signed lines in one currency, any span of days."""
    return currencies().flatmap(_row)


def profits_and_losses() -> st.SearchStrategy[ProfitAndLoss]:
    """P&Ls of drawn ledgers (one currency), FIFO or moving average, any period."""
    return st.tuples(
        ledgers(max_rows=12).filter(lambda drawn: bool(drawn[0])),
        st.sampled_from(["fifo", "moving average"]),
        st.sampled_from(["week", "month", "quarter"]),
        st.sampled_from(["unit days", "units sold", "revenue"]),
    ).map(
        lambda t: profit_and_loss(
            t[0][0],
            currency=t[0][0][0].amount.currency,
            receipts=t[0][1],
            rounding=RoundingMode.HALF_EVEN,
            method=t[1],
            period=t[2],
            storage_basis=t[3],
        )
    )


@st.composite
def _check(draw: st.DrawFn, c: Currency) -> SettlementCheck:
    start = draw(st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 1)))
    summary = SettlementSummary(
        settlement_id=draw(st.sampled_from(["S1", "S2"])),
        start=start,
        end=start + dt.timedelta(days=13),
        deposit_date=draw(st.none() | st.just(start + dt.timedelta(days=16))),
        total=draw(_amounts(c)),
    )
    kinds = draw(
        st.lists(
            st.sampled_from(
                [k for k in TransactionKind if k is not TransactionKind.PAYOUT]
            ),
            unique=True,
            max_size=6,
        )
    )
    lines = draw(st.integers(len(kinds), len(kinds) + 20))
    return SettlementCheck(
        settlement=summary,
        lines=lines,
        by_kind=[(kind, draw(_amounts(c))) for kind in kinds],
        outside_period=draw(st.integers(0, lines)),
        transferred=draw(st.none() | _amounts(c)),
    )


def settlement_checks() -> st.SearchStrategy[SettlementCheck]:
    """Settlement checks, reconciled or not."""
    return currencies().flatmap(_check)


@st.composite
def _reconciliation(draw: st.DrawFn, c: Currency) -> Reconciliation:
    rows = draw(st.lists(transactions(currency=st.just(c)), max_size=15))
    summaries = [
        SettlementSummary(
            settlement_id=name,
            start=dt.date(2024, 1, 1),
            end=dt.date(2027, 12, 31),
            total=draw(_amounts(c)),
        )
        for name in draw(st.lists(st.sampled_from(["S1", "S2"]), unique=True))
    ]
    return reconcile(rows, summaries)


def reconciliations() -> st.SearchStrategy[Reconciliation]:
    """Reconciliations of drawn ledgers against drawn payouts."""
    return currencies().flatmap(_reconciliation)


def cash_flows() -> st.SearchStrategy[CashFlow]:
    """Dated flows of every kind, in or out."""
    return currencies().flatmap(
        lambda c: st.builds(
            CashFlow,
            day=st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
            kind=st.sampled_from(CashFlowKind),
            amount=_amounts(c),
            order=st.none() | st.just("PO-1"),
        )
    )


def working_capitals() -> st.SearchStrategy[WorkingCapital]:
    """Cash tied up, by where it sits, in one currency."""
    return currencies().flatmap(
        lambda c: st.builds(
            WorkingCapital,
            at=st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
            in_production=_amounts(c, 0),
            on_water=_amounts(c, 0),
            on_shelves=_amounts(c, 0),
            receivable=_amounts(c),
            vat_to_recover=_amounts(c, 0),
            payable=_amounts(c, 0),
        )
    )


def _calendar(c: Currency) -> st.SearchStrategy[CashCalendar]:
    orders = st.lists(
        purchase_orders(currency=st.just(c)),
        min_size=1,
        max_size=3,
        unique_by=lambda order: order.name,
    )
    return st.builds(
        lambda plan, terms: cash_calendar(
            plan, payouts=terms, currency=c, rounding=RoundingMode.HALF_EVEN
        ),
        orders,
        payout_terms(),
    )


def cash_calendars() -> st.SearchStrategy[CashCalendar]:
    """Cash calendars of one to three drawn purchase orders, in their currency."""
    return currencies().flatmap(_calendar)


_DAYS = st.decimals(min_value=-1000, max_value=10**6, places=2)
_WEIGHTS = st.decimals(min_value=0, max_value=10**6, places=2)


def cash_cycles() -> st.SearchStrategy[CashCycle]:
    """Cash cycles whose parts are drawn ratios (some undefined)."""
    return st.builds(
        CashCycle,
        inventory_days=st.builds(Ratio, _DAYS, _WEIGHTS),
        receivable_days=st.builds(Ratio, _DAYS, _WEIGHTS),
        payable_days=st.builds(Ratio, _DAYS, _WEIGHTS),
        sku=st.none() | st.sampled_from(["PH-BLK", "BAM-UT"]),
    )


@st.composite
def _exposure(draw: st.DrawFn, base: Currency) -> CurrencyExposure:
    c = draw(currencies().filter(lambda c: c != base))
    return CurrencyExposure(
        currency=c,
        base=base,
        receivable=draw(_amounts(c, 0)),
        payable=draw(_amounts(c, 0)),
        rate=draw(st.decimals(min_value="0.0001", max_value=1000, places=4)),
        move=draw(st.decimals(min_value="0.001", max_value="0.5", places=3)),
    )


def currency_exposures() -> st.SearchStrategy[CurrencyExposure]:
    """Exposures of a foreign currency against a base."""
    return currencies().flatmap(_exposure)


def fx_exposures() -> st.SearchStrategy[FxExposure]:
    """Exposures to a few foreign currencies against one base."""
    return currencies().flatmap(
        lambda base: st.lists(
            _exposure(base), max_size=3, unique_by=lambda e: e.currency.code
        ).map(lambda found: FxExposure(base=base, currencies=found))
    )


def conversion_cost_results() -> st.SearchStrategy[ConversionCost]:
    """Conversions at mid-market against what an option paid."""
    return currencies().flatmap(
        lambda c: st.builds(
            ConversionCost,
            option=st.sampled_from(["marketplace", "account"]),
            payouts=st.integers(0, 100),
            at_mid=_amounts(c, 0),
            received=_amounts(c),
        )
    )


@st.composite
def _return(draw: st.DrawFn, c: Currency) -> ChannelReturn:
    orders = draw(st.integers(0, 1000))
    return ChannelReturn(
        name=draw(st.sampled_from(["Lena", "welcome flow", "Instagram"])),
        kind=draw(st.sampled_from(ChannelKind)),
        costs=[
            (label, draw(_amounts(c, 0)))
            for label in draw(
                st.lists(st.sampled_from(["fee", "ad spend"]), max_size=2)
            )
        ],
        orders=orders,
        new_customers=draw(st.integers(0, orders)),
        revenue=draw(_amounts(c, 0)),
        contribution=draw(_amounts(c)),
    )


def channel_returns() -> st.SearchStrategy[ChannelReturn]:
    """What a marketing channel cost and returned."""
    return currencies().flatmap(_return)


def funded_steps() -> st.SearchStrategy[FundedStep]:
    """Steps a budget funded."""
    return currencies().flatmap(
        lambda c: st.builds(
            FundedStep,
            channel=st.sampled_from(["influencers", "email"]),
            step=st.integers(0, 10),
            spend=_amounts(c, 1),
            customers=st.integers(0, 1000),
        )
    )


def budget_plans() -> st.SearchStrategy[BudgetPlan]:
    """Plans that spread a drawn budget over drawn channel curves."""

    def plan(c: Currency) -> st.SearchStrategy[BudgetPlan]:
        curves = st.lists(
            channel_curves(currency=st.just(c)),
            max_size=3,
            unique_by=lambda curve: curve.channel,
        )
        return st.builds(
            lambda found, budget, cap: allocate_budget(
                found, budget=budget, max_cac=cap
            ),
            curves,
            _amounts(c, 0, 10**5),
            st.none() | _amounts(c, 0, 10**3),
        )

    return currencies().flatmap(plan)


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    PnlRow: pnl_rows,
    ProfitAndLoss: profits_and_losses,
    SettlementCheck: settlement_checks,
    Reconciliation: reconciliations,
    CashFlow: cash_flows,
    WorkingCapital: working_capitals,
    CashCalendar: cash_calendars,
    CashCycle: cash_cycles,
    CurrencyExposure: currency_exposures,
    FxExposure: fx_exposures,
    ConversionCost: conversion_cost_results,
    ChannelReturn: channel_returns,
    FundedStep: funded_steps,
    BudgetPlan: budget_plans,
}
"""The strategy each ledger result resolves to under ``st.from_type``."""
