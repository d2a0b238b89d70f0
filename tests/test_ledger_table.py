"""profit_and_loss_table: the P&L by polars, equal to the scalar P&L's frame."""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from ledger_rows import row, stock
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.ledger import (
    Receipt,
    Transaction,
    UncostedSaleError,
    pnl_frame,
    profit_and_loss,
    profit_and_loss_table,
    transactions_frame,
)
from xborder.money import Currency, RoundingMode
from xborder.testing import strategies as xst

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("polars") is None, reason="polars is not installed"
)
EVEN = RoundingMode.HALF_EVEN


def usd(receipts: Any, **more: Any) -> dict[str, Any]:
    """The P&L's options for a ledger in USD, rounding half-even."""
    return {"currency": "USD", "receipts": receipts, "rounding": EVEN, **more}


def same(table: Any, expected: Any) -> bool:
    """Equal row for row and value for value (money compared at one scale)."""
    import polars as pl  # noqa: PLC0415 - optional

    assert table.columns == expected.columns
    money = [n for n, t in expected.schema.items() if isinstance(t, pl.Decimal)]
    widest = max(
        [table.schema[n].scale for n in money]
        + [expected.schema[n].scale for n in money]
    )

    def common(frame: Any) -> Any:
        return frame.with_columns(pl.col(money).cast(pl.Decimal(38, widest)))

    return bool(common(table).equals(common(expected)))


def native(frame: Any, **options: Any) -> Any:
    """The columnar engine alone, with no fallback (None where it steps aside)."""
    import polars as pl  # noqa: PLC0415 - optional

    from xborder.ledger._polars import _check, _lazy  # noqa: PLC0415
    from xborder.ledger._profit import basis_of  # noqa: PLC0415
    from xborder.ledger._table import pnl_table  # noqa: PLC0415

    basis = basis_of(
        **{"period": "month", "method": "fifo", "campaigns": None}
        | {"storage_basis": "unit days", "volumes": None, "fx": None}
        | options
    )
    lazy = _lazy(pl, frame)
    _check(pl, lazy, basis.currency, converts=False)
    return pnl_table(lazy, basis)


# The Mulligan Imports example of FIFO: S. Bragg, AccountingTools, "FIFO
# inventory method" (reproduced at ibeehomeworksolutions.com/?p=1677327,
# read 2026-12-07): 100 units at $210, a sale of 75, 150 units at $280, a
# sale of 100, 50 units at $300. Cost of goods sold $42,000 (100 x 210 +
# 75 x 280); ending inventory 125 units at $36,000.
MULLIGAN = [
    row("sale", "2026-01-02", "30000.00", sku="M", quantity=75),
    row("sale", "2026-01-04", "40000.00", sku="M", quantity=100),
]
MULLIGAN_STOCK = [
    stock("M", "2026-01-01", 100, "210"),
    stock("M", "2026-01-03", 150, "280"),
    stock("M", "2026-01-05", 50, "300"),
]


def test_the_published_fifo_example_costs_42000() -> None:
    options = usd(MULLIGAN_STOCK)
    frame = transactions_frame(MULLIGAN)
    table = native(frame, **options)
    assert table is not None  # the columnar engine ran, not the shared rules
    assert table["cogs"].to_list() == [Decimal("-42000.00")]
    assert table["units_sold"].to_list() == [175]
    assert same(table, pnl_frame(profit_and_loss(MULLIGAN, **options)))


# A month hand-computed in test_ledger_pnl (all in USD here): A sells 10 units
# from its $3.00 layer; storage 7.00 shared by unit-days (A 870, B 490):
# 7.00 x 870 / 1360 = 4.478 -> 4.48, B takes 2.52; ads of C1 by revenue
# 100 : 50 of 9.99 -> 6.66 and 3.33; the unmapped campaign's 1.00 stays on the
# account's row; A's contribution 100 - 15 - 30 - 4.48 - 6.66 = 43.86.
MONTH = [
    row("sale", "2026-01-05", "100.00", sku="A", quantity=10),
    row("referral fee", "2026-01-05", "-15.00", sku="A"),
    row("sale", "2026-01-06", "50.00", sku="B", quantity=5),
    row("storage fee", "2026-01-31", "-7.00"),
    row("ad spend", "2026-01-10", "-9.99", campaign="C1"),
    row("ad spend", "2026-01-10", "-1.00", campaign="unmapped"),
    row("tax", "2026-01-05", "8.00", sku="A"),
    row("payout", "2026-01-20", "-120.00"),
]
MONTH_STOCK = [
    stock("A", "2026-01-01", 20, "3.00"),
    stock("A", "2026-01-06", 20, "4.00"),
    stock("B", "2026-01-01", 20, "2.00"),
]
MONTH_OPTIONS = usd(MONTH_STOCK, campaigns={"C1": ("A", "B")})


def test_a_hand_computed_month_line_by_line() -> None:
    table = native(transactions_frame(MONTH), **MONTH_OPTIONS)
    assert table is not None
    rows = {r["sku"]: r for r in table.iter_rows(named=True)}
    assert [r["sku"] for r in table.iter_rows(named=True)] == ["A", "B", None]
    a, b, account = rows["A"], rows["B"], rows[None]
    assert (a["cogs"], a["storage"], a["ads"]) == (
        Decimal("-30.00"),
        Decimal("-4.48"),
        Decimal("-6.66"),
    )
    assert (b["storage"], b["ads"]) == (Decimal("-2.52"), Decimal("-3.33"))
    assert account["ads"] == Decimal("-1.00")
    assert a["contribution"] == Decimal("43.86")
    assert a["margin"] == Decimal("0.4386")
    assert account["margin"] is None  # no net revenue: undefined, not 0
    expected = pnl_frame(profit_and_loss(MONTH, **MONTH_OPTIONS))
    assert same(table, expected)
    assert same(
        profit_and_loss_table(transactions_frame(MONTH), **MONTH_OPTIONS), expected
    )


CAMPAIGNS = st.sampled_from(
    [
        None,
        {"auto": ("PH-BLK", "BAM-UT")},
        {None: "PH-WHT", "exact": ("WAX-3", "PH-BLK", "PH-WHT")},
    ]
)
VOLUMES = st.sampled_from([None, {"PH-BLK": "100 cm**3", "WAX-3": "2.5 L"}])
ledgers = xst.ledgers(currency=st.sampled_from([Currency("USD"), Currency("JPY")]))


@settings(max_examples=60)
@given(
    ledgers,
    st.sampled_from(["fifo", "moving average"]),
    st.sampled_from(["week", "month", "quarter"]),
    st.sampled_from(["unit days", "units sold", "revenue"]),
    CAMPAIGNS,
    VOLUMES,
    st.sampled_from(list(RoundingMode)),
)
def test_the_table_is_the_scalar_pnl_row_for_row(  # noqa: PLR0917
    drawn: tuple[tuple[Transaction, ...], tuple[Receipt, ...]],
    method: str,
    period: str,
    storage: str,
    campaigns: Any,
    volumes: Any,
    rounding: RoundingMode,
) -> None:
    transactions, receipts = drawn
    if not transactions:
        return
    options: dict[str, Any] = {
        "currency": transactions[0].amount.currency,
        "receipts": receipts,
        "rounding": rounding,
        "method": method,
        "period": period,
        "storage_basis": storage,
        "campaigns": campaigns,
        "volumes": volumes,
    }
    frame = transactions_frame(transactions)
    expected = pnl_frame(profit_and_loss(transactions, **options))
    event("columnar" if native(frame, **options) is not None else "shared rules")
    assert same(profit_and_loss_table(frame, **options), expected)


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["sale", "refund"]),
            st.integers(0, 60),
            st.integers(1, 9),
            st.sampled_from(["A", "B"]),
            st.sampled_from(["Amazon.com", "site"]),
        ),
        min_size=1,
        max_size=25,
    ),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 40), st.integers(1, 999))),
)
def test_fifo_in_closed_form_matches_the_layer_by_layer_fold(
    moves: list[tuple[str, int, int, str, str]],
    later: list[tuple[int, int, int]],
) -> None:
    # Returns never exceed the units issued before their day (a day's returns
    # come before its sales), so the columnar engine runs.
    start = dt.date(2026, 1, 1)
    ledger, issued = [], {"A": 0, "B": 0}
    for kind, day, units, sku, channel in sorted(
        moves, key=lambda m: (m[1], m[0] == "sale")
    ):
        if kind == "refund":
            units = min(units, issued[sku])  # noqa: PLW2901
            if not units:
                continue
        issued[sku] += units if kind == "sale" else -units
        amount = f"{units * 7}.00" if kind == "sale" else f"-{units * 7}.00"
        ledger.append(
            row(kind, str(start + dt.timedelta(days=day)), amount, sku=sku,
                quantity=units, channel=channel)
        )  # fmt: skip
    if not ledger:
        return
    receipts = [stock(s, "2026-01-01", 300, "1.25") for s in ("A", "B")]
    receipts += [
        stock(
            "AB"[units % 2], str(start + dt.timedelta(days=day)), units, f"{cost / 100}"
        )
        for day, units, cost in later
    ]
    options = usd(receipts)
    table = native(transactions_frame(ledger), **options)
    assert table is not None
    assert same(table, pnl_frame(profit_and_loss(ledger, **options)))


def test_what_the_closed_forms_do_not_cover_runs_the_shared_rules() -> None:
    # A refund restocked before any sale comes back at the oldest cost: the
    # shared rules cost it; amounts finer than the minor unit; a huge amount.
    early = [
        row("refund", "2026-01-02", "-10.00", sku="A", quantity=2),
        row("sale", "2026-01-03", "30.005", sku="A", quantity=3),
        row("storage fee", "2026-01-31", "-1.001"),
    ]
    options = usd(MONTH_STOCK)
    frame = transactions_frame(early)
    assert native(frame, **options) is None
    expected = pnl_frame(profit_and_loss(early, **options))
    assert same(profit_and_loss_table(frame, **options), expected)
    average: dict[str, Any] = {**options, "method": "moving average"}
    assert same(
        profit_and_loss_table(transactions_frame(MONTH), **average),
        pnl_frame(profit_and_loss(MONTH, **average)),
    )


def test_finer_amounts_share_by_their_last_digit_in_both_engines() -> None:
    # Regression: the scalar fold shared 5.00 by cents while polars summed it
    # as 5.000 (the column's scale) and shared it by tenths of a cent.
    ledger = [
        row("sale", "2026-01-05", "10.001", sku="A", quantity=1),
        row("sale", "2026-01-05", "20.00", sku="B", quantity=1),
        row("ad spend", "2026-01-10", "-5.00", campaign="C1"),
    ]
    options = usd(MONTH_STOCK, campaigns={"C1": ("A", "B")})
    frame = transactions_frame(ledger)
    expected = pnl_frame(profit_and_loss(ledger, **options))
    assert same(native(frame, **options), expected)
    ads = dict(zip(expected["sku"].to_list(), expected["ads"].to_list(), strict=True))
    assert ads == {"A": Decimal("-1.67"), "B": Decimal("-3.33")}


def test_a_sale_beyond_the_receipts_raises_what_the_scalar_pnl_raises() -> None:
    ledger = [row("sale", "2026-01-05", "100.00", sku="A", quantity=50)]
    options = usd(MONTH_STOCK)
    with pytest.raises(UncostedSaleError) as scalar:
        profit_and_loss(ledger, **options)
    with pytest.raises(UncostedSaleError) as table:
        profit_and_loss_table(transactions_frame(ledger), **options)
    assert (table.value.field, table.value.value) == (
        scalar.value.field,
        scalar.value.value,
    )
    assert str(table.value) == str(scalar.value)


def test_bad_frames_are_refused_by_name() -> None:
    import polars as pl  # noqa: PLC0415 - optional

    frame = transactions_frame(MONTH)
    options = usd(MONTH_STOCK)
    with pytest.raises(InvalidTypeError) as floats:
        profit_and_loss_table(
            frame.with_columns(pl.col("amount").cast(pl.Float64)),
            **options,
        )
    assert (floats.value.field, floats.value.value) == ("frame.amount", "Float64")
    with pytest.raises(InvalidInputError) as missing:
        profit_and_loss_table(frame.drop("posted_on"), **options)
    assert missing.value.field == "frame.posted_on"
    with pytest.raises(InvalidTypeError) as other:
        profit_and_loss_table([1, 2], **options)
    assert other.value.field == "frame"
    with pytest.raises(InvalidInputError) as empty:
        profit_and_loss_table(frame.head(0), **options)
    assert empty.value.field == "transactions"
    negative = frame.with_columns(pl.lit(-1).alias("quantity"))
    with pytest.raises(InvalidInputError) as units:
        profit_and_loss_table(negative, **options)
    assert units.value.field == "frame[0]"


def test_a_lazy_frame_gives_the_same_table() -> None:
    frame = transactions_frame(MONTH)
    eager = profit_and_loss_table(frame, **MONTH_OPTIONS)
    lazy = profit_and_loss_table(frame.lazy(), **MONTH_OPTIONS)
    assert eager.equals(lazy)


def test_a_day_at_the_end_of_the_calendar_is_refused_as_the_scalar_pnl_does() -> None:
    ledger = [row("sale", "9999-12-31", "10.00", sku="A", quantity=1)]
    options = usd(None)
    with pytest.raises(InvalidInputError) as scalar:
        profit_and_loss(ledger, period="week", **options)
    with pytest.raises(InvalidInputError) as table:
        profit_and_loss_table(transactions_frame(ledger), period="week", **options)
    assert table.value.field == "frame.posted_on"
    assert table.value.value == scalar.value.value


def test_a_frame_without_the_optional_columns_reads_as_account_level_rows() -> None:
    ledger = [
        row("sale", "2026-01-05", "10.00"),
        row("storage fee", "2026-01-31", "-2.00"),
        row("ad spend", "2026-01-10", "-3.00"),
    ]
    options = usd(None)
    frame = transactions_frame(ledger).drop("sku", "quantity", "campaign")
    table = profit_and_loss_table(frame, **options)
    assert same(table, pnl_frame(profit_and_loss(ledger, **options)))
    assert table["contribution"].to_list() == [Decimal("5.00")]


# Moving average on the data of interunet.com, "Inventory cost flow methods -
# weighted, moving average" (read 2026-12-07): 100 units at $16, 50 sold,
# 200 units at $22, 160 sold. Worked here: the 50 cost 50 x 16 = 800; the
# average becomes (50 x 16 + 200 x 22) / 250 = 20.80, so the 160 cost 3,328;
# COGS 4,128, and the 90 left hold 1,872 (6,000 received in all).
def test_a_moving_average_example_costs_4128() -> None:
    ledger = [
        row("sale", "2026-02-02", "1500.00", sku="M", quantity=50),
        row("sale", "2026-03-04", "4800.00", sku="M", quantity=160),
    ]
    receipts = [
        stock("M", "2026-02-01", 100, "16"),
        stock("M", "2026-03-01", 200, "22"),
    ]
    options = usd(receipts, method="moving average")
    table = native(transactions_frame(ledger), **options)
    assert table is not None  # the columnar engine ran, not the shared rules
    assert table["cogs"].to_list() == [Decimal("-800.00"), Decimal("-3328.00")]
    assert same(table, pnl_frame(profit_and_loss(ledger, **options)))


def test_the_sale_that_empties_the_stock_takes_the_value_left() -> None:
    # 1 unit at 1.00 and 2 at 2.00: the average is 5 / 3 to 34 digits. The
    # Amazon.com sale comes first (channels by name): 2 units cost 3.333...34.
    # The site's sale empties the stock and takes the value left, 1.666...66:
    # rows of 3.33 and 1.67 that add up to the 5.00 received, as the shared
    # rules give.
    ledger = [
        row("sale", "2026-01-05", "9.00", sku="A", quantity=1, channel="site"),
        row("sale", "2026-01-05", "18.00", sku="A", quantity=2),
    ]
    receipts = [
        stock("A", "2026-01-01", 1, "1.00"),
        stock("A", "2026-01-01", 2, "2.00"),
    ]
    options = usd(receipts, method="moving average")
    table = native(transactions_frame(ledger), **options)
    assert table is not None
    cogs = dict(zip(table["channel"].to_list(), table["cogs"].to_list(), strict=True))
    assert cogs == {"Amazon.com": Decimal("-3.33"), "site": Decimal("-1.67")}
    assert same(table, pnl_frame(profit_and_loss(ledger, **options)))


@pytest.mark.parametrize("method", ["fifo", "moving average"])
def test_costs_of_thirty_digits_are_not_rounded(method: str) -> None:
    # Regression: scaleb and a unary minus round to the context's 28 digits;
    # the scalar P&L negated the cost of goods that way and lost the .04.
    cost = "1234567890123456789012345678.91"
    ledger = [row("sale", "2026-01-05", "10.00", sku="A", quantity=1)]
    receipts = [stock("A", "2026-01-01", 1, "1.00"), stock("A", "2026-01-02", 2, cost)]
    options = usd(receipts, method=method)
    frame = transactions_frame(ledger)
    expected = pnl_frame(profit_and_loss(ledger, **options))
    assert same(profit_and_loss_table(frame, **options), expected)
    # FIFO sells the 1.00 unit; the average is (1 + 2 x cost) / 3 exactly.
    cogs = "-1.00" if method == "fifo" else "-823045260082304526008230452.94"
    assert expected["cogs"].to_list() == [Decimal(cogs)]


def test_campaigns_on_rows_that_are_not_ads_change_nothing() -> None:
    # The table keys its sums by each row's own campaign; the scalar P&L
    # reads a campaign on ad spend only. A sale, a storage fee and a payout
    # carrying one must land where the scalar P&L puts them.
    ledger = [
        *MONTH,
        row("sale", "2026-01-07", "30.00", sku="A", quantity=3, campaign="C1"),
        row("storage fee", "2026-01-31", "-2.00", campaign="C1"),
        row("storage fee", "2026-01-31", "-1.00", campaign="C9"),
        row("payout", "2026-01-20", "-40.00", campaign="C1"),
        row("ad spend", "2026-01-08", "-1.50", sku="B", campaign="C9"),
    ]
    frame = transactions_frame(ledger)
    expected = pnl_frame(profit_and_loss(ledger, **MONTH_OPTIONS))
    table = native(frame, **MONTH_OPTIONS)
    assert table is not None  # the columnar engine, not the shared rules
    assert same(table, expected)


def _bad(column: str, value: Any) -> Any:
    """MONTH as a frame with row 2's ``column`` set to ``value``."""
    import polars as pl  # noqa: PLC0415 - optional

    frame = transactions_frame(MONTH).with_row_index("at")
    dtype = frame.schema[column]
    changed = pl.when(pl.col("at") == 2).then(pl.lit(value, dtype=dtype))
    return frame.with_columns(changed.otherwise(pl.col(column)).alias(column)).drop(
        "at"
    )


BAD_ROWS = [
    ("kind", None),  # regression: a null kind was skipped by the checks
    ("kind", "sales"),
    ("channel", None),
    ("channel", "  "),
    ("currency", None),
    ("posted_on", None),
    ("amount", None),
    ("sku", " "),
    ("campaign", ""),
    ("quantity", -1),
]


@pytest.mark.parametrize(("column", "value"), BAD_ROWS)
def test_each_bad_row_is_named_as_the_row_check_names_it(
    column: str, value: Any
) -> None:
    from xborder.ledger import profit_and_loss_frame  # noqa: PLC0415

    frame = _bad(column, value)
    with pytest.raises(InvalidInputError) as table:
        profit_and_loss_table(frame, **MONTH_OPTIONS)
    with pytest.raises(InvalidInputError) as sums:
        profit_and_loss_frame(frame, **MONTH_OPTIONS)
    assert table.value.field == sums.value.field == "frame[2]"
    named = table.value.value
    assert isinstance(named, dict)
    assert named[column] == value


def test_units_where_they_cannot_move_stock_are_named() -> None:
    import polars as pl  # noqa: PLC0415 - optional

    fee = transactions_frame(MONTH).with_columns(
        pl.when(pl.col("kind") == "referral fee")
        .then(1)
        .otherwise(pl.col("quantity"))
        .alias("quantity")
    )
    with pytest.raises(InvalidInputError) as on_a_fee:
        profit_and_loss_table(fee, **MONTH_OPTIONS)
    assert on_a_fee.value.field == "frame[1]"
    no_sku = _bad("sku", None)  # row 2 sells 5 units
    assert no_sku["quantity"][2] == 5
    with pytest.raises(InvalidInputError) as account_level:
        profit_and_loss_table(no_sku, **MONTH_OPTIONS)
    assert account_level.value.field == "frame[2]"


@pytest.mark.parametrize("units", [2**127 + 5, 10**36])
def test_units_past_what_a_signed_128_bit_integer_holds_are_named(units: int) -> None:
    # Regression: the table's survey cast the largest count to Int128, which
    # a UInt128 column past 2**127 does not fit: polars raised its own error.
    import polars as pl  # noqa: PLC0415 - optional

    frame = transactions_frame(MONTH).with_columns(
        pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit(units, dtype=pl.UInt128))
        .otherwise(pl.col("quantity").cast(pl.UInt128))
        .alias("quantity")
    )
    with pytest.raises(InvalidInputError) as refused:
        profit_and_loss_table(frame, **MONTH_OPTIONS)
    assert refused.value.field == "frame[0]"


def test_counts_past_64_bits_are_summed_and_held_exactly() -> None:
    # Moving average: FIFO's packed (SKU, units) key steps aside at such
    # counts. First, units that fit an Int64 while units x days held do not;
    # then units past 2**63, summed and shown as Int128 (as pnl_frame does).
    for many, per_unit in ((10**18, "0.0001"), (2**63, "0.01")):
        ledger = [
            row("sale", "2026-01-05", "1000.00", sku="A", quantity=many),
            row("storage fee", "2026-01-31", "-7.00"),
            row("storage fee", "2026-02-28", "-7.00"),
            row("sale", "2026-02-09", "10.00", sku="B", quantity=1),
        ]
        receipts = [
            stock("A", "2026-01-01", 2 * many, per_unit),
            stock("B", "2026-01-01", 9, "1"),
        ]
        options = usd(receipts, method="moving average")
        frame = transactions_frame(ledger)
        expected = pnl_frame(profit_and_loss(ledger, **options))
        table = native(frame, **options)
        assert table is not None
        assert same(table, expected)
        assert table.schema["units_sold"] == expected.schema["units_sold"]


def test_amounts_in_another_currency_are_refused_or_converted() -> None:
    from xborder.errors import CurrencyMismatchError  # noqa: PLC0415
    from xborder.fx import FxRate, FxTable  # noqa: PLC0415

    euros = row("sale", "2026-01-08", "20.00", "EUR", sku="B", channel="Amazon.de")
    ledger = [*MONTH, euros]
    frame = transactions_frame(ledger)
    with pytest.raises(CurrencyMismatchError) as mismatch:
        profit_and_loss_table(frame, **MONTH_OPTIONS)
    assert (mismatch.value.field, mismatch.value.value) == ("frame.currency", "EUR")
    rate = FxRate(base="USD", quote="EUR", rate="0.8650", as_of=dt.date(2026, 1, 1))
    options = {**MONTH_OPTIONS, "fx": FxTable(rates=(rate,))}
    assert same(
        profit_and_loss_table(frame, **options),
        pnl_frame(profit_and_loss(ledger, **options)),
    )
