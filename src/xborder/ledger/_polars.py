"""The P&L over a polars frame: two group-bys, then the scalar rules (private).

polars is optional (the ``frames`` extra): it is imported when one of these
functions is called, never when :mod:`xborder.ledger` is.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

from xborder._exact import EXACT
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.ledger._assemble import assemble
from xborder.ledger._checks import iterable
from xborder.ledger._fold import Sums
from xborder.ledger._kinds import (
    Period,
    PnlLine,
    TransactionKind,
    period_end,
    period_start,
)
from xborder.ledger._pnl import ProfitAndLoss
from xborder.ledger._profit import basis_of
from xborder.ledger._transaction import Transaction
from xborder.money import Currency, RoundingMode

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping

    from xborder.fx import FxTable
    from xborder.ledger._kinds import CostMethod, StorageBasis
    from xborder.ledger._transaction import Receipt
    from xborder.units import QuantityInput

__all__ = [
    "COLUMNS",
    "FramesUnavailableError",
    "pnl_frame",
    "profit_and_loss_frame",
    "profit_and_loss_table",
    "transactions_frame",
]

COLUMNS = (
    ("kind", "String: a TransactionKind value ('sale', 'referral fee'...)"),
    ("posted_on", "Date"),
    ("amount", "Decimal: the signed amount"),
    ("currency", "String: an ISO 4217 code"),
    ("channel", "String"),
    ("sku", "String, null for account-level rows"),
    ("quantity", "integer, 0 if absent: units sold (sale) or restocked (refund)"),
    ("campaign", "String, null if absent: the campaign of an ad-spend row"),
)
"""The columns a ledger frame holds: the fields of :class:`Transaction`."""

_MARGIN_PLACES = 4
_ZERO = Decimal(0)
_DIGITS = 38  # a polars Decimal holds 38 digits (an i128 of unscaled value)
_TEXT = ("kind", "currency", "channel", "sku", "campaign")
_MONEY_KEY = ["kind", "sku", "channel", "start", "currency", "campaign"]
_UNITS_KEY = ["sku", "channel", "posted_on", "start", "kind"]


class FramesUnavailableError(XborderError, ImportError):
    """polars is not installed: ``pip install "xborder[frames]"`` (or polars).

    Examples:
        >>> isinstance(FramesUnavailableError(field="frame"), ImportError)
        True
    """


def _polars() -> Any:  # noqa: ANN401 - the polars module, optional
    try:
        import polars as pl  # noqa: PLC0415 - optional: only when a frame is given
    except ImportError:
        raise FramesUnavailableError(
            'install the frames extra: pip install "xborder[frames]"',
            field="frame",
            expected="polars installed",
        ) from None
    return pl


def transactions_frame(transactions: Iterable[Transaction]) -> Any:  # noqa: ANN401
    """A ledger as a polars DataFrame with :data:`COLUMNS` (amounts exact).

    The amount column is a Decimal with the scale of the finest amount.

    Raises:
        FramesUnavailableError: polars is not installed.

    Examples:
        >>> from xborder.money import Money
        >>> sale = Transaction(kind="sale", posted_on="2026-03-02",
        ...     amount=Money("13.99", "USD"), channel="Amazon.com", sku="PH-01",
        ...     quantity=1)
        >>> try:
        ...     frame = transactions_frame([sale])
        ... except FramesUnavailableError:
        ...     frame = None  # polars is not installed
        >>> frame is None or frame["amount"].to_list() == [sale.amount.amount]
        True
    """
    pl = _polars()
    rows = []
    scale = whole = most = 0
    for index, item in enumerate(iterable(transactions, "transactions")):
        if not isinstance(item, Transaction):
            raise InvalidTypeError(
                field=f"transactions[{index}]", value=item, expected="a Transaction"
            )
        amount = item.amount.amount
        scale = max(scale, -int(amount.as_tuple().exponent))
        whole = max(whole, amount.adjusted() + 1)
        most = max(most, item.quantity)
        rows.append(
            (
                item.kind.value,
                item.posted_on,
                amount,
                item.amount.currency.code,
                item.channel,
                item.sku,
                item.quantity,
                item.campaign,
            )
        )
    if whole + scale > _DIGITS:
        raise InvalidInputError(
            "a polars Decimal holds 38 digits",
            field="transactions",
            value=(whole, scale),
            expected="amounts whose digits before and after the point fit in 38",
        )
    schema = {
        "kind": pl.String,
        "posted_on": pl.Date,
        "amount": pl.Decimal(38, scale),
        "currency": pl.String,
        "channel": pl.String,
        "sku": pl.String,
        "quantity": _counts(most),
        "campaign": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def profit_and_loss_frame(
    frame: Any,  # noqa: ANN401 - a polars DataFrame or LazyFrame
    *,
    currency: Currency | str,
    receipts: Iterable[Receipt] | None,
    rounding: RoundingMode,
    period: Period | str = Period.MONTH,
    method: CostMethod | str = "fifo",
    campaigns: Mapping[str | None, str | Iterable[str]] | None = None,
    storage_basis: StorageBasis | str = "unit days",
    volumes: Mapping[str, QuantityInput] | None = None,
    fx: FxTable | None = None,
) -> ProfitAndLoss:
    """:func:`profit_and_loss` over a polars frame, as two group-bys.

    The frame holds a ledger (:data:`COLUMNS`). polars sums money by (kind,
    SKU, channel, period, currency, campaign) and units by (SKU, day,
    channel), exactly, on Decimal columns; the same rules as the scalar
    fold then turn the sums into the P&L (the cost basis, attribution,
    allocation, conversion: :data:`LINE_OF` and the P&L's line formulas are
    written once). The result equals :func:`profit_and_loss` on the same
    transactions.

    Raises:
        FramesUnavailableError: polars is not installed.
        InvalidInputError: A missing column, a float amount column, a kind
            or currency that is not one, units on a row that cannot carry
            them (named ``frame[row].column``); and what
            :func:`profit_and_loss` raises.

    Examples:
        >>> from xborder.ledger import Receipt, profit_and_loss
        >>> from xborder.money import Money, RoundingMode
        >>> ledger = [Transaction(kind=kind, posted_on="2026-03-02",
        ...     amount=Money(amount, "USD"), channel="Amazon.com", sku="PH-01",
        ...     quantity=units) for kind, amount, units in [("sale", "27.98", 2),
        ...     ("referral fee", "-4.20", 0), ("fulfilment fee", "-7.32", 0)]]
        >>> stock = [Receipt(sku="PH-01", received_on="2026-02-20", quantity=100,
        ...     unit_cost=Money("3.12", "USD"))]
        >>> options = dict(currency="USD", receipts=stock,
        ...     rounding=RoundingMode.HALF_EVEN)
        >>> pnl = profit_and_loss(ledger, **options)
        >>> try:
        ...     frame = transactions_frame(ledger)
        ... except FramesUnavailableError:  # without polars, the scalar fold
        ...     frame = None
        >>> frame is None or profit_and_loss_frame(frame, **options) == pnl
        True
        >>> str(pnl.total().contribution)
        '10.22 USD'
    """
    pl = _polars()
    basis = basis_of(
        currency=currency,
        receipts=receipts,
        rounding=rounding,
        period=period,
        method=method,
        campaigns=campaigns,
        storage_basis=storage_basis,
        volumes=volumes,
        fx=fx,
    )
    lazy = _lazy(pl, frame)
    _check(pl, lazy, basis.currency, converts=basis.fx is not None)
    return assemble(_sums(pl, lazy, basis.period), basis)


def profit_and_loss_table(
    frame: Any,  # noqa: ANN401 - a polars DataFrame or LazyFrame
    *,
    currency: Currency | str,
    receipts: Iterable[Receipt] | None,
    rounding: RoundingMode,
    period: Period | str = Period.MONTH,
    method: CostMethod | str = "fifo",
    campaigns: Mapping[str | None, str | Iterable[str]] | None = None,
    storage_basis: StorageBasis | str = "unit days",
    volumes: Mapping[str, QuantityInput] | None = None,
    fx: FxTable | None = None,
) -> Any:  # noqa: ANN401 - a polars DataFrame
    """The P&L of a ledger frame as a frame, computed by polars: no object per row.

    The result is :func:`pnl_frame` of :func:`profit_and_loss` on the same
    transactions, value for value, row for row (every money column holds
    the finer of the ledger's amount scale and the currency's minor unit).
    polars sums the ledger, costs it FIFO in closed form (each sale or
    return costs $F(N_1) - F(N_0)$, $F(n)$ the cost of the first $n$ units
    received) or by moving average (a loop over the receipts alone), shares
    ads and storage by largest remainder on integers and pivots the lines,
    so a year of two million rows takes well under a second.

    Amounts in other currencies (``fx=``), a FIFO return of units never
    issued and the refusals run the shared rules instead
    (:func:`profit_and_loss_frame`, then :func:`pnl_frame`): the same table,
    or the same error, at the speed of the scalar P&L.

    Raises:
        FramesUnavailableError: polars is not installed.
        InvalidInputError: what :func:`profit_and_loss_frame` raises.

    Examples:
        >>> from xborder.ledger import Receipt, profit_and_loss
        >>> from xborder.money import Money, RoundingMode
        >>> ledger = [Transaction(kind=kind, posted_on="2026-03-02",
        ...     amount=Money(amount, "USD"), channel="Amazon.com", sku="PH-01",
        ...     quantity=units) for kind, amount, units in [("sale", "27.98", 2),
        ...     ("referral fee", "-4.20", 0), ("fulfilment fee", "-7.32", 0)]]
        >>> stock = [Receipt(sku="PH-01", received_on="2026-02-20", quantity=100,
        ...     unit_cost=Money("3.12", "USD"))]
        >>> options = dict(currency="USD", receipts=stock,
        ...     rounding=RoundingMode.HALF_EVEN)
        >>> try:
        ...     table = profit_and_loss_table(transactions_frame(ledger), **options)
        ... except FramesUnavailableError:  # polars is not installed
        ...     table = None
        >>> table is None or table.equals(pnl_frame(profit_and_loss(ledger, **options)))
        True
        >>> table is None or str(table["contribution"][0]) == "10.22"
        True
    """
    pl = _polars()
    basis = basis_of(
        currency=currency,
        receipts=receipts,
        rounding=rounding,
        period=period,
        method=method,
        campaigns=campaigns,
        storage_basis=storage_basis,
        volumes=volumes,
        fx=fx,
    )
    lazy = _lazy(pl, frame)
    _check_schema(pl, lazy)
    from xborder.ledger._table import pnl_table  # noqa: PLC0415 - imports polars

    table = pnl_table(lazy, basis)
    if table is None:  # a bad row or currency is named here, or the shared rules run
        _check(pl, lazy, basis.currency, converts=basis.fx is not None)
        return pnl_frame(assemble(_sums(pl, lazy, basis.period), basis))
    return table


def _lazy(pl: Any, frame: object) -> Any:  # noqa: ANN401
    if isinstance(frame, pl.DataFrame):
        frame = frame.lazy()
    if not isinstance(frame, pl.LazyFrame):
        raise InvalidTypeError(
            field="frame", value=frame, expected="a polars DataFrame or LazyFrame"
        )
    names = frame.collect_schema().names()
    for column, _ in COLUMNS[:5]:
        if column not in names:
            raise InvalidInputError(
                field=f"frame.{column}", value=None, expected="a column of the ledger"
            )
    extra = []
    if "sku" not in names:
        extra.append(pl.lit(None, dtype=pl.String).alias("sku"))
    if "quantity" not in names:
        extra.append(pl.lit(0, dtype=pl.Int64).alias("quantity"))
    if "campaign" not in names:
        extra.append(pl.lit(None, dtype=pl.String).alias("campaign"))
    # A text column of nothing but nulls reads as the Null type: text with no value.
    schema = frame.collect_schema()
    extra += [pl.col(c).cast(pl.String) for c in _TEXT if schema.get(c) == pl.Null]
    return frame.with_columns(extra) if extra else frame


def _check(pl: Any, lazy: Any, currency: Currency, *, converts: bool) -> list[str]:  # noqa: ANN401
    """Refuse a frame that is not a ledger, by name; its currency codes."""
    _check_schema(pl, lazy)
    _check_rows(lazy)
    codes = lazy.select(pl.col("currency").unique()).collect()["currency"].to_list()
    _check_codes(codes, currency, converts=converts)
    return codes  # type: ignore[no-any-return]


def _check_schema(pl: Any, lazy: Any) -> None:  # noqa: ANN401
    schema = lazy.collect_schema()
    if schema["posted_on"] != pl.Date:
        raise InvalidTypeError(
            field="frame.posted_on",
            value=str(schema["posted_on"]),
            expected="a Date column",
        )
    if not isinstance(schema["amount"], pl.Decimal):
        raise InvalidTypeError(
            "amounts are exact: cast text with pl.Decimal, never from floats",
            field="frame.amount",
            value=str(schema["amount"]),
            expected="a Decimal column",
        )
    if not schema["quantity"].is_integer():
        raise InvalidTypeError(
            field="frame.quantity", value=str(schema["quantity"]), expected="integers"
        )
    for column in _TEXT:
        if schema[column] != pl.String:
            raise InvalidTypeError(
                field=f"frame.{column}", value=str(schema[column]), expected="a String"
            )


def _problem(lazy: Any) -> Any:  # noqa: ANN401 - a polars expression
    """True on a row that is not a ledger row (see :func:`_check_rows`)."""
    from xborder.ledger._frame_rules import bad_row  # noqa: PLC0415 - imports polars

    return bad_row(lazy.collect_schema()["quantity"])


def _check_rows(lazy: Any) -> None:  # noqa: ANN401
    found = lazy.with_row_index("row").filter(_problem(lazy)).head(1).collect()
    if found.height:
        row = found.row(0, named=True)
        raise InvalidInputError(
            field=f"frame[{row['row']}]",
            value={k: v for k, v in row.items() if k != "row"},
            expected="a ledger row: a known kind, a day, an amount below 1E+36, "
            "a currency, a channel, no blank SKU or campaign, fewer than 1E+36 "
            "units, and units only on sale or refund rows with a SKU",
        )


def _check_codes(codes: list[str], currency: Currency, *, converts: bool) -> None:
    for code in codes:
        try:
            found_currency = Currency(code)
        except XborderError as error:
            raise error.in_field("frame.currency") from None
        if found_currency != currency and not converts:
            raise CurrencyMismatchError(
                "pass fx= to convert it",
                field="frame.currency",
                value=code,
                expected=currency.code,
            )


def _sums(pl: Any, lazy: Any, period: Period) -> Sums:  # noqa: ANN401
    """The group sums, exact: by polars when no sum can overflow, else by Python.

    polars sums a Decimal column in an i128 of unscaled value (38 digits) and
    integers in their own width, and a group-by's sum wraps around silently
    when it overflows. No partial sum exceeds (rows × the largest value) in
    size, so when that bound fits in 38 digits (Decimal, at the column's
    scale; units summed as Int128) the group-by is exact; otherwise the rows
    are summed in Python's exact Decimal arithmetic instead.
    """
    from xborder.ledger._table_base import OFFSET  # noqa: PLC0415 - imports polars

    start = pl.col("posted_on").dt.truncate(OFFSET[period]).alias("start")
    ads = pl.when(pl.col("kind") == TransactionKind.AD_SPEND.value)
    keyed = lazy.with_columns(
        start, ads.then(pl.col("campaign")).otherwise(None).alias("campaign")
    )
    window = keyed.select(
        pl.col("posted_on").min().alias("first"),
        pl.col("posted_on").max().alias("last"),
        pl.len().alias("rows"),
        pl.col("amount").abs().max().alias("amount"),
        pl.col("quantity").cast(pl.Int128).abs().max().alias("quantity"),
    ).collect()
    sums = Sums()
    first, last, count, largest, most = window.row(0)
    if first is None:
        return sums
    for day in (first, last):
        _in_calendar(period, day)
    sums.see(first, last)
    scale = lazy.collect_schema()["amount"].scale
    fits = (
        EXACT.multiply(largest, count) < Decimal(1).scaleb(_DIGITS - scale)
        and (most or 0) * count < 10**_DIGITS
    )
    kinds = {kind.value: kind for kind in TransactionKind}
    money = sums.money
    if fits:
        by_key = keyed.group_by(_MONEY_KEY).agg(pl.col("amount").sum())
        sale = pl.col("kind") == TransactionKind.SALE.value
        quantity = pl.col("quantity").cast(pl.Int128)
        units = (
            keyed.filter(pl.col("quantity") > 0)
            .group_by(_UNITS_KEY[:4])
            .agg(
                quantity.filter(sale).sum().alias("sold"),
                quantity.filter(~sale).sum().alias("back"),
            )
        )
        by_key, units = pl.collect_all([by_key, units])
        # Column by column: far fewer Python objects than row tuples.
        keys = zip(
            [kinds[kind] for kind in by_key["kind"].to_list()],
            *(by_key[name].to_list() for name in _MONEY_KEY[1:]),
            strict=True,
        )
        money.update(zip(keys, by_key["amount"].to_list(), strict=True))
        places = zip(*(units[name].to_list() for name in _UNITS_KEY[:4]), strict=True)
        counts = zip(units["sold"].to_list(), units["back"].to_list(), strict=True)
        sums.moved.update(zip(places, map(list, counts), strict=True))
        return sums
    rows = keyed.select([*_MONEY_KEY, "amount"]).collect()
    get = money.get
    with localcontext(EXACT):
        for kind, sku, channel, day, code, campaign, amount in rows.iter_rows():
            key = (kinds[kind], sku, channel, day, code, campaign)
            money[key] = get(key, _ZERO) + amount
    moves = (
        keyed.filter(pl.col("quantity") > 0)
        .select([*_UNITS_KEY, "quantity"])
        .collect()
        .iter_rows()
    )
    for sku, channel, day, begins, kind, quantity in moves:
        sold = quantity if kind == "sale" else 0
        sums.add_units(sku, channel, day, begins, sold=sold, back=quantity - sold)
    return sums


def _counts(most: int) -> Any:  # noqa: ANN401 - a polars type
    """The type of unit counts up to ``most`` (see ``_frame_rules.count_type``)."""
    from xborder.ledger._frame_rules import count_type  # noqa: PLC0415 - imports polars

    return count_type(most)


def _in_calendar(period: Period, day: dt.date) -> None:
    try:
        period_end(period, day)
        period_start(period, day)
    except XborderError as error:
        raise InvalidInputError(
            field="frame.posted_on", value=day, expected=error.expected
        ) from None


def pnl_frame(pnl: ProfitAndLoss) -> Any:  # noqa: ANN401 - a polars DataFrame
    """A P&L as a polars DataFrame: one row per :class:`PnlRow`.

    Columns: ``sku``, ``channel`` (String), ``start``, ``end`` (Date),
    ``currency`` (String), ``units_sold``, ``units_returned`` (Int64, or
    Int128 where a count passes what Int64 holds), one
    Decimal column per :class:`PnlLine` (by its value), then ``net_revenue``
    and ``contribution`` (Decimal) and ``margin`` (Decimal with 4 places,
    rounded half-even; null where undefined).

    Raises:
        FramesUnavailableError: polars is not installed.

    Examples:
        >>> from xborder.ledger import PnlRow
        >>> row = PnlRow.zero(sku="PH-01", channel="Amazon.com", start="2026-03-01",
        ...     end="2026-04-01", currency="USD")
        >>> pnl = ProfitAndLoss(currency="USD", period="month", method="fifo",
        ...     storage_basis="unit days", rows=[row], native=[])
        >>> try:
        ...     height = pnl_frame(pnl).height
        ... except FramesUnavailableError:
        ...     height = len(pnl.rows)  # polars is not installed
        >>> height
        1
    """
    pl = _polars()
    if not isinstance(pnl, ProfitAndLoss):
        raise InvalidTypeError(field="pnl", value=pnl, expected="a ProfitAndLoss")
    money = [line.value for line in PnlLine] + ["net_revenue", "contribution"]
    columns: dict[str, list[object]] = {
        name: []
        for name in ("sku", "channel", "start", "end", "currency", "units_sold")
    }
    columns["units_returned"] = []
    for name in [*money, "margin"]:
        columns[name] = []
    for row in pnl.rows:
        for name in ("sku", "channel", "start", "end", "units_sold", "units_returned"):
            columns[name].append(getattr(row, name))
        columns["currency"].append(row.currency.code)
        for name in money:
            columns[name].append(getattr(row, name).amount)
        columns["margin"].append(
            row.margin.round(_MARGIN_PLACES, RoundingMode.HALF_EVEN)
        )
    schema: dict[str, object] = {
        "sku": pl.String,
        "channel": pl.String,
        "start": pl.Date,
        "end": pl.Date,
        "currency": pl.String,
        "units_sold": _counts(max((r.units_sold for r in pnl.rows), default=0)),
        "units_returned": _counts(max((r.units_returned for r in pnl.rows), default=0)),
    }
    for name in money:
        schema[name] = pl.Decimal(38, _scale(columns[name]))
    schema["margin"] = pl.Decimal(38, _MARGIN_PLACES)
    columns["margin"] = [
        v if isinstance(v, Decimal) else None for v in columns["margin"]
    ]
    return pl.DataFrame(columns, schema=schema)


def _scale(values: list[object]) -> int:
    places = [
        -int(value.as_tuple().exponent)
        for value in values
        if isinstance(value, Decimal)
    ]
    scale = max([0, *places])
    if scale > _DIGITS:
        raise InvalidInputError(
            field="pnl", value=scale, expected="amounts with at most 38 decimals"
        )
    return scale
