"""Settlement V2 summary and lines (private; see :mod:`xborder.reports`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from xborder._validate import date_value, named_errors, optional_date, text
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.money import Currency, Money
from xborder.reports._amazon_payments import AMAZON_SETTLEMENT_V2
from xborder.reports._read import read_records

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from xborder.reports._numbers import NumberFormat

__all__ = ["SettlementSummary", "settlement_lines", "settlement_summary"]

_FILLED = ("settlement_start_date", "settlement_end_date", "deposit_date")


def _money(value: Money) -> Money:
    if not isinstance(value, Money):
        raise InvalidTypeError(field=None, value=value, expected="Money")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SettlementSummary:
    """The summary row of a settlement report: what the settlement pays.

    Args:
        settlement_id: The settlement's id.
        start: First day of the settlement period.
        end: Last day of the period (not before ``start``).
        deposit_date: The day the money was deposited, if known.
        total: The amount paid out (negative if the seller owes), in the
            settlement's currency.

    Examples:
        >>> summary = SettlementSummary(settlement_id="11784561231",
        ...     start="2026-02-20", end="2026-03-06", deposit_date="2026-03-08",
        ...     total=Money("1523.07", "EUR"))
        >>> summary.currency
        Currency('EUR')
    """

    settlement_id: str = attrs.field(converter=text)
    start: dt.date = attrs.field(converter=date_value)
    end: dt.date = attrs.field(converter=date_value)
    deposit_date: dt.date | None = attrs.field(default=None, converter=optional_date)
    total: Money = attrs.field(converter=_money)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInputError(
                field="end", value=self.end, expected=f"a day on or after {self.start}"
            )

    @property
    def currency(self) -> Currency:
        """The settlement's currency (every line is in it)."""
        return self.total.currency


def settlement_summary(
    record: Mapping[str, object],
    *,
    number_format: NumberFormat | None = None,
    candidates: Iterable[NumberFormat] | None = None,
) -> SettlementSummary:
    """Read the summary row, the first row after a settlement report's header.

    Only its first six columns are filled: id, start and end dates, deposit
    date, total and currency (reports-and-fees.md §1.4).

    Raises:
        InvalidInputError: The row is a line, not a summary, or a summary
            cell is missing or wrong (named as ``rows[0].column``).

    Examples:
        >>> summary = settlement_summary({"settlement-id": "11784561231",
        ...     "settlement-start-date": "2026-02-20 08:52:26 UTC",
        ...     "settlement-end-date": "2026-03-06 08:52:26 UTC",
        ...     "deposit-date": "2026-03-08 08:52:26 UTC", "total-amount": "1523.07",
        ...     "currency": "EUR", "transaction-type": "", "amount": ""})
        >>> str(summary.total), summary.end
        ('1523.07 EUR', datetime.date(2026, 3, 6))
    """
    row = next(
        read_records(
            [record], AMAZON_SETTLEMENT_V2,
            number_format=number_format, candidates=candidates,
        )
    )  # fmt: skip
    for name in ("transaction_type", "amount"):
        if row[name] is not None:
            raise InvalidInputError(
                "the first row after the header is the summary",
                field=f"rows[0].{name}",
                value=row[name],
                expected="an empty cell on the summary row",
            )
    for name in (
        "settlement_start_date",
        "settlement_end_date",
        "total_amount",
        "currency",
    ):
        if row[name] is None:
            raise InvalidInputError(
                field=f"rows[0].{name}",
                value=None,
                expected="a value on the summary row",
            )
    try:
        currency = Currency(row["currency"])  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field("rows[0].currency") from None
    try:
        return SettlementSummary(
            settlement_id=row["settlement_id"],  # type: ignore[arg-type]
            start=row["settlement_start_date"],  # type: ignore[arg-type]
            end=row["settlement_end_date"],  # type: ignore[arg-type]
            deposit_date=row["deposit_date"],  # type: ignore[arg-type]
            total=Money(row["total_amount"], currency),  # type: ignore[arg-type]
        )
    except XborderError as error:
        raise error.in_field("rows[0]") from None


def settlement_lines(
    records: Iterable[Mapping[str, object]],
    *,
    summary: SettlementSummary,
    number_format: NumberFormat | None = None,
    candidates: Iterable[NumberFormat] | None = None,
    headers: Iterable[str] | None = None,
    start: int = 1,
) -> Iterator[dict[str, object]]:
    """The lines of a settlement, after its summary row, forward-filled, lazily.

    Each line is a dict of :data:`AMAZON_SETTLEMENT_V2`'s columns with the
    summary's dates and currency filled in where blank; its settlement id
    must be the summary's. ``amount`` is signed (fees negative), ``None`` is
    refused; ``total_amount`` is left as written (blank on lines), so
    summing lines never repeats the settlement total.

    Args:
        records: The rows after the summary row.
        summary: The summary (:func:`settlement_summary`).
        number_format: The file's number format, if known.
        candidates: The formats detection may pick.
        headers: The header row, if the records' keys are not it.
        start: The index of the first line in messages (1: the summary was 0).

    Raises:
        InvalidInputError: A cell is wrong, named as ``rows[i].column``.
        CurrencyMismatchError: A line names another currency.

    Examples:
        >>> lines = settlement_lines([{"settlement-id": "11784561231",
        ...     "transaction-type": "Order", "amount-type": "ItemFees",
        ...     "amount-description": "Commission", "amount": "-2.25",
        ...     "posted-date": "2026-02-21"}], summary=SettlementSummary(
        ...     settlement_id="11784561231", start="2026-02-20", end="2026-03-06",
        ...     total=Money("1523.07", "EUR")))
        >>> line = next(lines)
        >>> line["amount"], line["currency"], line["settlement_end_date"]
        (Decimal('-2.25'), 'EUR', datetime.date(2026, 3, 6))
    """
    if not isinstance(summary, SettlementSummary):
        raise InvalidInputError(
            field="summary", value=summary, expected="a SettlementSummary"
        )
    rows = read_records(
        records, AMAZON_SETTLEMENT_V2, number_format=number_format,
        candidates=candidates, headers=headers, start=start,
    )  # fmt: skip
    return _filled(rows, summary, start)


def _filled(
    rows: Iterator[dict[str, object]], summary: SettlementSummary, start: int
) -> Iterator[dict[str, object]]:
    fill = dict(
        zip(_FILLED, (summary.start, summary.end, summary.deposit_date), strict=True)
    )
    code = summary.currency.code
    for index, row in enumerate(rows, start=start):
        where = f"rows[{index}]"
        if row["settlement_id"] != summary.settlement_id:
            raise InvalidInputError(
                field=f"{where}.settlement_id",
                value=row["settlement_id"],
                expected=f"the summary's settlement id {summary.settlement_id!r}",
            )
        if row["amount"] is None:
            raise InvalidInputError(
                field=f"{where}.amount", value=None, expected="the line's amount"
            )
        if row["currency"] not in {None, code}:
            raise CurrencyMismatchError(
                field=f"{where}.currency", value=row["currency"], expected=code
            )
        for name, value in fill.items():
            if row[name] is None:
                row[name] = value
        row["currency"] = code
        yield row
