from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_rows import row, stock
from xborder._exact import EXACT
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    XborderError,
)
from xborder.fx import FxRate, FxTable
from xborder.kpi import UNDEFINED
from xborder.ledger import (
    LINE_OF,
    PnlLine,
    PnlRow,
    ProfitAndLoss,
    Receipt,
    Transaction,
    TransactionKind,
    UncostedSaleError,
    profit_and_loss,
    profit_and_loss_frame,
    transactions_frame,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.serialize import from_data, to_data
from xborder.testing import strategies as xst

EVEN = RoundingMode.HALF_EVEN
USD = Currency("USD")
FX = FxTable(
    rates=(FxRate(base="USD", quote="EUR", rate="0.8650", as_of=dt.date(2026, 1, 1)),)
)
HAS_POLARS = importlib.util.find_spec("polars") is not None


LEDGER = [
    row("sale", "2026-01-05", "100.00", sku="A", quantity=10),
    row("referral fee", "2026-01-05", "-15.00", sku="A"),
    row("sale", "2026-01-06", "50.00", sku="B", quantity=5),
    row("sale", "2026-02-06", "60.00", "EUR", sku="B", quantity=5, channel="Amazon.de"),
    row("refund", "2026-02-07", "-10.00", sku="A", quantity=1),
    row("storage fee", "2026-01-31", "-7.00"),
    row("ad spend", "2026-01-10", "-9.99", campaign="C1"),
    row("ad spend", "2026-01-10", "-1.00", campaign="unmapped"),
    row("tax", "2026-01-05", "8.00", sku="A"),
    row("payout", "2026-01-20", "-120.00"),
]
RECEIPTS = [
    stock("A", "2026-01-01", 20, "3.00"),
    stock("A", "2026-01-06", 20, "4.00"),
    stock("B", "2026-01-01", 20, "2.00", "EUR"),
]


def pnl_of(method: object = "fifo", **more: object) -> ProfitAndLoss:
    options: dict[str, object] = {
        "currency": "USD",
        "receipts": RECEIPTS,
        "rounding": EVEN,
        "fx": FX,
        "method": method,
        "campaigns": {"C1": ("A", "B")},
    }
    options.update(more)
    return profit_and_loss(LEDGER, **options)  # type: ignore[arg-type]


def find(pnl: ProfitAndLoss, sku: str | None, month: int) -> PnlRow:
    (found,) = [r for r in pnl.rows if r.sku == sku and r.start.month == month]
    return found


def test_every_kind_has_a_line_or_stays_out() -> None:
    assert set(LINE_OF) == set(TransactionKind)
    out = {kind for kind, line in LINE_OF.items() if line is None}
    assert out == {
        TransactionKind.TAX,
        TransactionKind.MARKETPLACE_TAX,
        TransactionKind.RESERVE,
        TransactionKind.PAYOUT,
    }
    assert {line for line in LINE_OF.values() if line} == set(PnlLine) - {PnlLine.COGS}


def test_a_month_by_sku_fifo_hand_computed() -> None:
    pnl = pnl_of()
    a = find(pnl, "A", 1)
    # FIFO: the 10 units sold on 5 January come from the 3.00 layer.
    assert a.cogs == Money("-30.00", "USD")
    assert a.revenue == Money("100.00", "USD")
    assert a.referral_fees == Money("-15.00", "USD")
    # Storage 7.00 by unit-days in January (A 870, B 490 unit-days):
    # 7.00 * 870 / 1360 = 4.478 -> 4.48, the rest to B.
    assert a.storage == Money("-4.48", "USD")
    assert find(pnl, "B", 1).storage == Money("-2.52", "USD")
    # Ads of C1 shared by revenue, 100 : 50.
    assert a.ads == Money("-6.66", "USD")
    assert find(pnl, "B", 1).ads == Money("-3.33", "USD")
    # The unmapped campaign stays on the row with no SKU.
    assert find(pnl, None, 1).ads == Money("-1.00", "USD")
    assert a.contribution == Money("43.86", "USD")
    assert a.units_sold == 10


def test_a_restocked_refund_reverses_the_cost_of_the_units_issued_last() -> None:
    fifo = find(pnl_of(), "A", 2)
    average = find(pnl_of("moving average"), "A", 2)
    assert fifo.units_returned == 1
    assert fifo.cogs == Money("3.00", "USD")
    # Moving average after 6 January: (10 x 3.00 + 20 x 4.00) / 30 = 3.6667.
    assert average.cogs == Money("3.67", "USD")


def test_other_currencies_are_converted_once_per_row_and_line() -> None:
    b = find(pnl_of(), "B", 2)
    assert b.channel == "Amazon.de"
    # 60.00 EUR at 1/0.8650 = 69.364... USD; 5 units at 2.00 EUR = 11.5607 USD.
    assert b.revenue == Money("69.36", "USD")
    assert b.cogs == Money("-11.56", "USD")
    assert pnl_of().native == (Money("60.00", "EUR"), Money("107.01", "USD"))


def test_tax_reserves_and_payouts_stay_out_of_the_pnl() -> None:
    total = pnl_of().total()
    assert total.revenue == Money("219.36", "USD")
    lines = sum((amount.amount for _, amount in total.lines), Decimal(0))
    assert total.contribution.amount == lines


def test_weeks_start_on_monday_and_quarters_hold_three_months() -> None:
    weekly = pnl_of(period="week")
    assert {r.start.weekday() for r in weekly.rows} == {0}
    quarterly = pnl_of(period="quarter")
    assert {(r.start, r.end) for r in quarterly.rows} == {
        (dt.date(2026, 1, 1), dt.date(2026, 4, 1))
    }


def test_storage_bases_share_the_fee_exactly() -> None:
    for basis in ("unit days", "units sold", "revenue"):
        pnl = pnl_of(storage_basis=basis)
        shared = [r.storage for r in pnl.rows if r.start.month == 1]
        assert sum(s.amount for s in shared) == Decimal("-7.00"), basis
    by_units = pnl_of(storage_basis="units sold")
    assert find(by_units, "A", 1).storage == Money("-4.67", "USD")  # 10 : 5
    by_volume = pnl_of(volumes={"A": "100 cm**3", "B": "300 cm**3"})
    # A 870 x 100, B 490 x 300: A takes 87 / 234 of 7.00 = 2.6026 -> 2.60.
    assert find(by_volume, "A", 1).storage == Money("-2.60", "USD")


def test_ads_with_no_campaign_go_to_the_none_key() -> None:
    ledger = [
        row("sale", "2026-01-05", "10.00", sku="A", quantity=1),
        row("ad spend", "2026-01-10", "-3.00"),
    ]
    pnl = profit_and_loss(
        ledger,
        currency="USD",
        receipts=[stock("A", "2026-01-01", 5, "1.00")],
        rounding=EVEN,
        campaigns={None: "A"},
    )
    assert [(r.sku, r.ads) for r in pnl.rows] == [("A", Money("-3.00", "USD"))]
    assert pnl.rows[0].tacos.value == Decimal("0.3")


def test_no_receipts_leaves_the_cost_of_goods_at_zero() -> None:
    pnl = pnl_of(receipts=None)
    assert all(r.cogs.is_zero() for r in pnl.rows)


def test_an_empty_row_has_an_undefined_margin() -> None:
    nothing = PnlRow.zero(start="2026-01-01", end="2026-02-01", currency="USD")
    assert nothing.margin.value is UNDEFINED
    assert nothing.tacos.value is UNDEFINED


def test_the_pnl_and_its_rows_read_back() -> None:
    pnl = pnl_of()
    assert from_data(ProfitAndLoss, to_data(pnl)) == pnl
    rolled = pnl.rollup(["channel", "period"])
    assert {(r.sku, r.channel) for r in rolled} == {
        (None, "Amazon.com"),
        (None, "Amazon.de"),
    }
    assert pnl.total().contribution == Money.total(
        (r.contribution for r in pnl.rows), currency="USD"
    )


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"currency": "XYZ"}, InvalidInputError, "currency"),
        ({"rounding": "half even"}, InvalidTypeError, "rounding"),
        ({"period": "day"}, InvalidInputError, "period"),
        ({"method": "lifo"}, InvalidInputError, "method"),
        ({"storage_basis": 1}, InvalidTypeError, "storage_basis"),
        ({"campaigns": {"C1": ()}}, InvalidInputError, "campaigns['C1']"),
        ({"campaigns": {"C1": ("A", "A")}}, InvalidInputError, "campaigns['C1']"),
        ({"campaigns": ["C1"]}, InvalidTypeError, "campaigns"),
        ({"volumes": {"A": "3 kg"}}, Exception, "volumes['A']"),
        ({"volumes": {"A": "0 cm**3"}}, InvalidInputError, "volumes['A']"),
        ({"fx": "FX"}, InvalidTypeError, "fx"),
        ({"fx": None}, InvalidInputError, "receipts[2].unit_cost"),
        ({"receipts": [1]}, InvalidTypeError, "receipts[0]"),
        (
            {
                "fx": FxTable(
                    rates=(
                        FxRate(base="GBP", quote="USD", rate="1.3", as_of="2026-01-01"),
                    )
                )
            },
            MissingFxRateError,
            "fx.quote",
        ),
    ],
)
def test_bad_options_are_refused_by_name(
    change: dict[str, object], error: type[XborderError], field: str
) -> None:
    with pytest.raises(error) as raised:
        pnl_of(**change)
    assert getattr(raised.value, "field", field) == field


def test_bad_ledgers_are_refused_by_name() -> None:
    options = {"currency": "USD", "receipts": RECEIPTS[:2], "rounding": EVEN}
    with pytest.raises(CurrencyMismatchError) as mismatch:
        profit_and_loss(LEDGER, **options)  # type: ignore[arg-type]
    assert mismatch.value.field == "transactions[3].amount"
    with pytest.raises(InvalidTypeError) as wrong:
        profit_and_loss([LEDGER[0], "sale"], **options)  # type: ignore[arg-type, list-item]
    assert wrong.value.field == "transactions[1]"
    with pytest.raises(InvalidInputError) as empty:
        profit_and_loss([], **options)  # type: ignore[arg-type]
    assert empty.value.field == "transactions"
    with pytest.raises(InvalidTypeError) as text:
        profit_and_loss("sale", **options)  # type: ignore[arg-type]
    assert text.value.field == "transactions"
    edge = row("sale", "9999-12-31", "1.00")
    with pytest.raises(InvalidInputError) as late:
        profit_and_loss([edge], **options)  # type: ignore[arg-type]
    assert late.value.field == "transactions[0].posted_on"


def test_units_sold_beyond_the_receipts_are_refused_with_the_sku() -> None:
    ledger = [row("sale", "2026-01-05", "30.00", sku="A", quantity=30)]
    with pytest.raises(UncostedSaleError) as short:
        profit_and_loss(
            ledger,
            currency="USD",
            receipts=[stock("A", "2026-01-01", 20, "3.00")],
            rounding=EVEN,
        )
    assert (short.value.field, short.value.value) == ("transactions", "A")
    assert "30 units sold on 2026-01-05 (20 on hand)" in str(short.value)


def test_rows_check_their_lines_and_their_period() -> None:
    zero = PnlRow.zero(start="2026-01-01", end="2026-02-01", currency="USD")
    data = to_data(zero)
    assert isinstance(data, dict)
    fields: dict[str, Any] = {name: getattr(zero, name) for name in data}
    with pytest.raises(CurrencyMismatchError) as other:
        PnlRow(**{**fields, "ads": Money(1, "EUR")})
    assert other.value.field == "ads"
    with pytest.raises(InvalidInputError) as backwards:
        PnlRow(**{**fields, "end": dt.date(2025, 12, 1)})
    assert backwards.value.field == "end"
    pnl = pnl_of()
    with pytest.raises(InvalidInputError) as twice:
        ProfitAndLoss(
            currency="USD",
            period="month",
            method="fifo",
            storage_basis="unit days",
            rows=[pnl.rows[0], pnl.rows[0]],
            native=[],
        )
    assert twice.value.field == "rows[1]"
    with pytest.raises(InvalidInputError) as off:
        ProfitAndLoss(
            currency="USD",
            period="week",
            method="fifo",
            storage_basis="unit days",
            rows=[pnl.rows[0]],
            native=[],
        )
    assert off.value.field == "rows[0]"


def _one_currency(drawn: tuple[tuple[Transaction, ...], tuple[Receipt, ...]]) -> bool:
    return bool(drawn[0])


ledgers = xst.ledgers(currency=st.sampled_from([USD, Currency("JPY")])).filter(
    _one_currency
)


@given(ledgers, st.sampled_from(["week", "month", "quarter"]))
def test_the_lines_sum_to_the_ledger(
    drawn: tuple[tuple[Transaction, ...], tuple[Receipt, ...]], period: str
) -> None:
    transactions, receipts = drawn
    currency = transactions[0].amount.currency
    pnl = profit_and_loss(
        transactions,
        currency=currency,
        receipts=receipts,
        rounding=EVEN,
        period=period,
        campaigns={"auto": ("PH-BLK", "BAM-UT")},
    )
    ledger = sum(
        (t.amount.amount for t in transactions if LINE_OF[t.kind] is not None),
        Decimal(0),
    )
    total = pnl.total()
    assert total.contribution.amount - total.cogs.amount == ledger
    for line in PnlLine:
        if line is PnlLine.COGS:
            continue
        kinds = {kind for kind, owner in LINE_OF.items() if owner is line}
        expected = sum(
            (t.amount.amount for t in transactions if t.kind in kinds), Decimal(0)
        )
        assert total.line(line).amount == expected, line
    assert total.units_sold == sum(
        t.quantity for t in transactions if t.kind is TransactionKind.SALE
    )


def m_constant(currency: Currency) -> Money:
    return Money("2.37", currency) if currency.exponent else Money(237, currency)


constant_costs = st.sampled_from([USD, Currency("EUR"), Currency("JPY")]).flatmap(
    lambda c: st.tuples(
        st.just(c), xst.ledgers(currency=st.just(c), unit_costs=st.just(m_constant(c)))
    )
)


@given(constant_costs)
def test_fifo_and_moving_average_agree_when_costs_are_constant(
    drawn: tuple[Currency, tuple[tuple[Transaction, ...], tuple[Receipt, ...]]],
) -> None:
    currency, (transactions, receipts) = drawn
    if not transactions:
        return
    results = [
        profit_and_loss(
            transactions,
            currency=currency,
            receipts=receipts,
            rounding=EVEN,
            method=method,
        )
        for method in ("fifo", "moving average")
    ]
    assert results[0].rows == results[1].rows


@settings(max_examples=30)
@given(ledgers, st.randoms(use_true_random=False))
def test_the_pnl_does_not_depend_on_the_order_of_the_rows(
    drawn: tuple[tuple[Transaction, ...], tuple[Receipt, ...]], rng: object
) -> None:
    transactions, receipts = drawn
    shuffled = list(transactions)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    currency = transactions[0].amount.currency
    options = {"currency": currency, "receipts": receipts, "rounding": EVEN}
    assert profit_and_loss(shuffled, **options) == profit_and_loss(  # type: ignore[arg-type]
        transactions,
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.skipif(not HAS_POLARS, reason="polars is not installed")
@settings(max_examples=25)
@given(
    ledgers,
    st.sampled_from(["fifo", "moving average"]),
    st.sampled_from(["week", "month"]),
)
def test_the_polars_group_by_gives_the_scalar_pnl(
    drawn: tuple[tuple[Transaction, ...], tuple[Receipt, ...]], method: str, period: str
) -> None:
    transactions, receipts = drawn
    options = {
        "currency": transactions[0].amount.currency,
        "receipts": receipts,
        "rounding": EVEN,
        "method": method,
        "period": period,
        "campaigns": {"exact": "PH-WHT"},
    }
    scalar = profit_and_loss(transactions, **options)  # type: ignore[arg-type]
    frame = profit_and_loss_frame(transactions_frame(transactions), **options)  # type: ignore[arg-type]
    assert frame == scalar


@pytest.mark.skipif(not HAS_POLARS, reason="polars is not installed")
def test_the_polars_entry_point_refuses_bad_frames_by_name() -> None:
    import polars as pl  # noqa: PLC0415 - optional

    frame = transactions_frame(LEDGER)
    options = {"currency": "USD", "receipts": RECEIPTS, "rounding": EVEN, "fx": FX}
    assert profit_and_loss_frame(frame, **options) == pnl_of(campaigns=None)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as floats:
        profit_and_loss_frame(
            frame.with_columns(pl.col("amount").cast(pl.Float64)),
            **options,  # type: ignore[arg-type]
        )
    assert floats.value.field == "frame.amount"
    with pytest.raises(InvalidInputError) as missing:
        profit_and_loss_frame(frame.drop("channel"), **options)  # type: ignore[arg-type]
    assert missing.value.field == "frame.channel"
    bad = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 2)
        .then(pl.lit("bonus"))
        .otherwise(pl.col("kind"))
        .alias("kind")
    )
    with pytest.raises(InvalidInputError) as kind:
        profit_and_loss_frame(bad, **options)  # type: ignore[arg-type]
    assert kind.value.field == "frame[2]"
    with pytest.raises(InvalidTypeError) as other:
        profit_and_loss_frame({"kind": []}, **options)  # type: ignore[arg-type]
    assert other.value.field == "frame"


@pytest.mark.skipif(not HAS_POLARS, reason="polars is not installed")
def test_the_polars_sums_stay_exact_where_a_group_by_would_overflow() -> None:
    # polars sums a Decimal column in 38 digits (an i128) and Int64 units in 64
    # bits, and a group-by's sum wraps around silently when it overflows. Each
    # amount here fills 38 digits at scale 10 and each quantity is 2**62: 200
    # of them on one key overflow both, though the totals are valid P&L sums.
    big = "1234567890123456789012345678.0123456789"
    units = 2**62
    ledger = [
        row("sale", "2026-01-05", big, sku="A", quantity=units) for _ in range(200)
    ]
    options = {
        "currency": "USD",
        "receipts": [stock("A", "2026-01-01", 200 * units, "0")],
        "rounding": EVEN,
    }
    scalar = profit_and_loss(ledger, **options)  # type: ignore[arg-type]
    (only,) = scalar.rows
    assert only.revenue.amount == EXACT.multiply(Decimal(big), 200)
    assert only.units_sold == 200 * units
    frame = transactions_frame(ledger)
    assert profit_and_loss_frame(frame, **options) == scalar  # type: ignore[arg-type]


@pytest.mark.skipif(not HAS_POLARS, reason="polars is not installed")
def test_the_polars_entry_point_reads_text_columns_only() -> None:
    import polars as pl  # noqa: PLC0415 - optional

    ledger = [row("sale", "2026-01-05", "10.00", quantity=0)]
    frame = transactions_frame(ledger)
    options = {"currency": "USD", "receipts": None, "rounding": EVEN}
    scalar = profit_and_loss(ledger, **options)  # type: ignore[arg-type]
    # Columns of nothing but nulls (polars' Null type) are text with no value.
    nulls = frame.with_columns(
        pl.lit(None).alias("sku"), pl.lit(None).alias("campaign")
    )
    assert nulls.schema["sku"] == pl.Null
    assert profit_and_loss_frame(nulls, **options) == scalar  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as numbers:
        profit_and_loss_frame(
            frame.with_columns(pl.lit(7).alias("channel")),
            **options,  # type: ignore[arg-type]
        )
    assert numbers.value.field == "frame.channel"
    assert numbers.value.value == "Int32"
    blank = frame.with_columns(pl.lit(" ").alias("sku"))
    with pytest.raises(InvalidInputError) as empty:
        profit_and_loss_frame(blank, **options)  # type: ignore[arg-type]
    assert empty.value.field == "frame[0]"


@pytest.mark.parametrize(
    ("by", "error", "field", "value"),
    [
        ([["sku"]], InvalidTypeError, "by[0]", ["sku"]),
        (["sku", 3], InvalidTypeError, "by[1]", 3),
        ("sku", InvalidTypeError, "by", "sku"),
        (["month"], InvalidInputError, "by", ["month"]),
    ],
)
def test_rollup_refuses_what_is_not_a_grouping_by_name(
    by: object, error: type[XborderError], field: str, value: object
) -> None:
    # Regression: a list among the keys escaped as "unhashable type: 'list'".
    pnl = pnl_of()
    with pytest.raises(error) as refused:
        pnl.rollup(by)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert refused.value.value == value


@pytest.mark.skipif(not HAS_POLARS, reason="polars is not installed")
@pytest.mark.parametrize(
    ("dtype", "units", "refused"),
    [
        ("UInt8", 3, False),
        ("UInt64", 2**64 - 1, False),
        ("UInt128", 5, False),
        ("UInt128", 2**127 + 5, True),
        ("Int128", 10**36, True),
    ],
)
def test_the_polars_entry_point_reads_units_of_any_integer_type(
    dtype: str,
    units: int,
    refused: bool,  # noqa: FBT001 - a pytest parameter
) -> None:
    # Regression: a UInt128 column beyond Int128 escaped as polars' own error.
    import polars as pl  # noqa: PLC0415 - optional

    ledger = [row("sale", "2026-01-05", "10.00", sku="A", quantity=1)]
    frame = transactions_frame(ledger).with_columns(
        pl.lit(units, dtype=getattr(pl, dtype)).alias("quantity")
    )
    options = {"currency": "USD", "receipts": None, "rounding": EVEN}
    if refused:
        with pytest.raises(InvalidInputError) as error:
            profit_and_loss_frame(frame, **options)  # type: ignore[arg-type]
        assert error.value.field == "frame[0]"
        assert error.value.value["quantity"] == units  # type: ignore[index]
    else:
        pnl = profit_and_loss_frame(frame, **options)  # type: ignore[arg-type]
        assert pnl.rows[0].units_sold == units
