from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.fx import FxRate, FxTable
from xborder.kpi import UNDEFINED
from xborder.ledger import (
    CashCalendar,
    CashFlowKind,
    PayoutTerms,
    PurchaseOrder,
    Receipt,
    SellThrough,
    SupplierTerms,
    Transaction,
    cash_calendar,
    cash_conversion_cycle,
    cash_cycles,
)
from xborder.money import Money, RoundingMode
from xborder.reports import SettlementSummary
from xborder.serialize import from_data, to_data
from xborder.testing import strategies as xst

EVEN = RoundingMode.HALF_EVEN
FX = FxTable(
    rates=(
        FxRate(base="USD", quote="EUR", rate="0.8650", as_of=dt.date(2026, 1, 1)),
        FxRate(base="USD", quote="CNY", rate="7.1200", as_of=dt.date(2026, 1, 1)),
    ),
    pivot="USD",
)


def usd(amount: str | int) -> Money:
    return Money(amount, "USD")


def order(**more: object) -> PurchaseOrder:
    fields: dict[str, object] = {
        "name": "PO-1",
        "units": 1000,
        "goods": usd("3000.00"),
        "terms": SupplierTerms(
            deposit="0.30", balance_after="shipped", balance_days=-5
        ),
        "ordered_on": "2026-01-05",
        "shipped_on": "2026-02-20",
        "arrives_on": "2026-03-25",
        "available_on": "2026-04-01",
        "freight": usd("800.00"),
        "duty": usd("120.00"),
        "import_vat": usd("700.00"),
        "vat_recovered_on": "2026-05-10",
        "inbound": usd("50.00"),
        "sales": SellThrough(per_day=20, proceeds=usd("7.00")),
    }
    fields.update(more)
    return PurchaseOrder(**fields)  # type: ignore[arg-type]


def calendar(*orders: PurchaseOrder, **terms: object) -> CashCalendar:
    return cash_calendar(
        orders or (order(),),
        payouts=PayoutTerms(**terms),  # type: ignore[arg-type]
        currency="USD",
        rounding=EVEN,
        fx=FX,
    )


def test_the_calendar_of_one_order_hand_computed() -> None:
    plan = calendar(every_days=14, lag_days=3, reserve="0.1")
    costs = [
        (f.day.isoformat(), f.kind.value, str(f.amount))
        for f in plan.flows
        if f.kind is not CashFlowKind.PAYOUT
    ]
    assert costs == [
        ("2026-01-05", "deposit", "-900.0000 USD"),
        ("2026-02-15", "balance", "-2100.0000 USD"),
        ("2026-02-20", "freight", "-800.00 USD"),
        ("2026-03-25", "duty", "-120.00 USD"),
        ("2026-03-25", "import vat", "-700.00 USD"),
        ("2026-04-01", "inbound", "-50.00 USD"),
        ("2026-05-10", "vat refund", "700.00 USD"),
    ]
    payouts = [(f.day, f.amount) for f in plan.flows if f.kind is CashFlowKind.PAYOUT]
    # 20 units a day from 1 April: 280 units (1960.00) a fortnight, 10% held
    # to the next settlement; 1000 units sell out on 20 May.
    assert payouts == [
        (dt.date(2026, 4, 17), usd("1764.00")),
        (dt.date(2026, 5, 1), usd("1960.00")),
        (dt.date(2026, 5, 15), usd("1960.00")),
        (dt.date(2026, 5, 29), usd("1316.00")),
    ]
    assert plan.net == usd("3030.0000")  # 7000 proceeds - 3970 landed
    assert plan.peak == (dt.date(2026, 4, 1), usd("4670.0000"))
    assert plan.payback_on == dt.date(2026, 5, 15)


def test_flows_in_other_currencies_are_converted_once_each() -> None:
    plan = calendar(order(goods=Money("21360", "CNY"), freight=Money("500", "EUR")))
    deposit, balance, freight = plan.flows[:3]
    # 21360 CNY = 3000 USD; 30% = 6408 CNY = 900.00 USD.
    assert deposit.amount == usd("-900.00")
    assert balance.amount == usd("-2100.00")
    assert freight.amount == usd("-578.03")  # 500 / 0.8650
    with pytest.raises(CurrencyMismatchError) as unconverted:
        cash_calendar(
            [order(freight=Money("500", "EUR"))],
            payouts=PayoutTerms(),
            currency="USD",
            rounding=EVEN,
        )
    assert unconverted.value.field == "orders[0].freight"


def test_cash_tied_up_moves_from_the_water_to_the_shelves_to_receivables() -> None:
    plan = calendar()
    on_water = plan.tied_up("2026-03-01")
    assert on_water.on_water == usd("3800.0000")
    assert on_water.total == usd("3800.0000")
    shelved = plan.tied_up("2026-04-10")  # 200 of 1000 units sold
    assert shelved.on_shelves == usd("3176.00")  # 80% of 3970 landed
    assert shelved.receivable == usd("1400.00")
    assert shelved.vat_to_recover == usd("700.00")
    assert plan.tied_up("2026-06-30").total.is_zero()


def test_a_balance_due_after_arrival_is_payable() -> None:
    terms = SupplierTerms(deposit="0.3", balance_after="available", balance_days=30)
    plan = calendar(order(terms=terms))
    tied = plan.tied_up("2026-04-10")
    assert tied.payable == usd("2100.0000")
    assert tied.total == tied.on_shelves + tied.receivable + tied.vat_to_recover - (
        tied.payable
    )


@settings(max_examples=40)
@given(xst.cash_calendars())
def test_a_calendar_adds_up_and_reads_back(plan: CashCalendar) -> None:
    assert plan.net == Money.total(
        (f.amount for f in plan.flows), currency=plan.currency
    )
    days = [f.day for f in plan.flows]
    assert days == sorted(days)
    if plan.peak is not None:
        assert not plan.peak[1].is_negative()
        assert min(b.amount for _, b in plan.balances) == -plan.peak[1].amount
    paid_in = sum(
        (f.amount.amount for f in plan.flows if f.kind is CashFlowKind.PAYOUT),
        Decimal(0),
    )
    proceeds = sum(
        (
            o.units * unit.amount
            for o, unit in zip(plan.orders, plan.proceeds, strict=True)
            if o.sales is not None
        ),
        Decimal(0),
    )
    # Every unit sells and is paid out, reserves released: rounding aside.
    assert abs(paid_in - proceeds) <= len(plan.flows) * plan.currency.minor_unit
    assert from_data(CashCalendar, to_data(plan)) == plan


def test_orders_and_terms_refuse_bad_input_by_name() -> None:
    with pytest.raises(InvalidInputError) as order_of_days:
        order(arrives_on="2026-02-01")
    assert order_of_days.value.field == "arrives_on"
    with pytest.raises(InvalidInputError) as no_refund:
        order(vat_recovered_on=None)
    assert no_refund.value.field == "vat_recovered_on"
    with pytest.raises(InvalidInputError) as slow:
        order(sales=SellThrough(per_day="0.1", proceeds=usd(1)))
    assert slow.value.field == "sales.per_day"
    with pytest.raises(InvalidInputError) as reserve:
        PayoutTerms(reserve=1)
    assert reserve.value.field == "reserve"
    with pytest.raises(InvalidInputError) as twice:
        calendar(order(), order())
    assert twice.value.field == "orders"
    with pytest.raises(InvalidInputError) as anchor:
        calendar(anchor="2026-05-01")
    assert anchor.value.field == "payouts.anchor"
    with pytest.raises(InvalidTypeError) as mode:
        cash_calendar([order()], payouts=PayoutTerms(), currency="USD", rounding="up")  # type: ignore[arg-type]
    assert mode.value.field == "rounding"
    with pytest.raises(InvalidInputError) as edge:
        cash_calendar(
            [
                order(
                    ordered_on="9999-12-20",
                    shipped_on="9999-12-25",
                    arrives_on="9999-12-30",
                    available_on="9999-12-31",
                    vat_recovered_on="9999-12-31",
                    terms=SupplierTerms(deposit="0.3", balance_days=30),
                )
            ],
            payouts=PayoutTerms(),
            currency="USD",
            rounding=EVEN,
            fx=FX,
        )
    assert edge.value.field == "orders[0].terms.balance_days"


def test_the_cash_cycle_of_the_textbook_example() -> None:
    """Ross, Westerfield and Jordan, *Fundamentals of Corporate Finance*,
    "Calculating the operating and cash cycles": average inventory 2,500,
    COGS 8,200 (inventory period 111.3 days), average receivables 1,800 on
    sales of 11,500 (57 days), average payables 875 (39 days): a cash cycle
    of 129 days. Recomputed exactly: 111.28 + 57.13 - 38.95 = 129.46."""
    cycle = cash_conversion_cycle(
        inventory=usd(2500),
        cost_of_sales=usd(8200),
        receivables=usd(1800),
        revenue=usd(11500),
        payables=usd(875),
    )
    places = Decimal("0.01")
    assert cycle.inventory_days.value.quantize(places) == Decimal("111.28")  # type: ignore[union-attr]
    assert cycle.receivable_days.value.quantize(places) == Decimal("57.13")  # type: ignore[union-attr]
    assert cycle.payable_days.value.quantize(places) == Decimal("38.95")  # type: ignore[union-attr]
    assert cycle.operating_days.quantize(places) == Decimal("168.41")  # type: ignore[union-attr]
    assert cycle.days.quantize(places) == Decimal("129.46")  # type: ignore[union-attr]
    assert round(cycle.days) == 129  # type: ignore[arg-type]
    nothing = cash_conversion_cycle(
        inventory=usd(0),
        cost_of_sales=usd(0),
        receivables=usd(0),
        revenue=usd(0),
        payables=usd(0),
    )
    assert nothing.days is UNDEFINED
    with pytest.raises(CurrencyMismatchError) as other:
        cash_conversion_cycle(
            inventory=usd(1),
            cost_of_sales=Money(1, "EUR"),
            receivables=usd(1),
            revenue=usd(1),
            payables=usd(1),
        )
    assert other.value.field == "cost_of_sales"


def test_the_cash_cycle_per_sku_from_the_books() -> None:
    def sale(sku: str, day: str, units: int, settlement: str) -> Transaction:
        return Transaction(
            kind="sale",
            posted_on=day,
            amount=usd(units * 10),
            channel="Amazon.com",
            sku=sku,
            quantity=units,
            settlement_id=settlement,
        )

    ledger = [sale("A", "2026-03-10", 10, "S1"), sale("B", "2026-03-20", 5, "S2")]
    stock = [
        Receipt(
            sku="A",
            received_on="2026-03-01",
            quantity=20,
            unit_cost=usd(3),
            paid_on="2026-01-15",
        ),
        Receipt(
            sku="B",
            received_on="2026-03-01",
            quantity=10,
            unit_cost=usd(4),
            paid_on="2026-03-31",
        ),
    ]
    deposits = [
        SettlementSummary(
            settlement_id="S1",
            start="2026-03-01",
            end="2026-03-14",
            deposit_date="2026-03-17",
            total=usd(100),
        ),
        SettlementSummary(
            settlement_id="S2",
            start="2026-03-15",
            end="2026-03-28",
            deposit_date="2026-03-31",
            total=usd(50),
        ),
    ]
    a, b, whole = cash_cycles(
        ledger,
        receipts=stock,
        settlements=deposits,
        start="2026-03-01",
        end="2026-04-01",
        currency="USD",
        rounding=EVEN,
    )
    # A: value-days 60 x 9 + 30 x 22 = 1200 over COGS 30 = 40 days; paid
    # 7 days after the sale; the factory paid 45 days before receipt.
    assert (a.sku, a.days) == ("A", Decimal(92))
    # B: 40 x 19 + 20 x 12 = 1000 over 20 = 50; 11 days to cash; paid 30 after.
    assert (b.inventory_days.value, b.receivable_days.value, b.payable_days.value) == (
        Decimal(50),
        Decimal(11),
        Decimal(30),
    )
    # Pooled: (1200 + 1000) / 50 = 44; (700 + 550) / 150 = 8.33; (-2700 + 1200) / 100.
    assert whole.sku is None
    assert whole.inventory_days.value == Decimal(44)
    assert whole.payable_days.value == Decimal(-15)


@pytest.mark.parametrize(
    ("units", "error"),
    [
        (Decimal("Infinity"), InvalidTypeError),
        (Decimal("1E+999999"), InvalidTypeError),
        ("1500", InvalidTypeError),
        (usd(1), InvalidTypeError),
        (1.5, InvalidTypeError),
        (True, InvalidTypeError),
        (-1, InvalidInputError),
        (10**36, InvalidInputError),
    ],
)
def test_days_to_sell_refuses_what_is_not_a_count_of_units(
    units: object, error: type[XborderError]
) -> None:
    # Regression: units reached Decimal arithmetic unchecked (a bare
    # TypeError, an OverflowError from int(Infinity), or minutes on 1E+999999).
    rate = SellThrough(per_day=20, proceeds=usd("7.26"))
    assert rate.days_to_sell(1500) == 75
    assert rate.days_to_sell(1501) == 76
    with pytest.raises(error) as refused:
        rate.days_to_sell(units)  # type: ignore[arg-type]
    assert refused.value.field == "units"
    assert refused.value.value is units
