"""Between customer tables and the scalar results (private).

:func:`frame_of` lays a scalar result (:class:`~xborder.kpi.RfmTable`,
:class:`~xborder.kpi.RetentionTable`, :class:`~xborder.kpi.LtvTable`,
:class:`~xborder.kpi.CustomerSummary`) out as the columns the frame
calculator returns; :func:`rfm_table_of`, :func:`retention_table_of`,
:func:`ltv_table_of` and :func:`summary_of` go the other way, so a table can
be explained, pooled (``RetentionTable.retention(offset)``) or segmented
(``RfmTable.in_segment``) with the scalar's methods. :func:`orders_of` reads
an orders table into :class:`~xborder.kpi.Order` objects.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._cohorts import LTV, RETENTION
from xborder.frames._customers import (
    RFM,
    SUMMARY,
    currency_argument,
    day_argument,
    summary_row,
)
from xborder.frames._native import native
from xborder.frames._orders import column_name
from xborder.kpi import (
    Cohort,
    CohortValue,
    CustomerSummary,
    LtvTable,
    Order,
    RetentionTable,
    RfmCustomer,
    RfmScoring,
    RfmTable,
)
from xborder.money import Currency, Money, RoundingMode

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = [
    "frame_of",
    "ltv_table_of",
    "orders_of",
    "retention_table_of",
    "rfm_table_of",
    "summary_of",
]


def frame_of(
    result: RfmTable | RetentionTable | LtvTable | CustomerSummary,
) -> pl.DataFrame:
    """A scalar customer result as the table the frame calculator returns.

    :class:`~xborder.kpi.RfmTable` gives :data:`RFM` columns (one row per
    customer), :class:`~xborder.kpi.RetentionTable` :data:`RETENTION` and
    :class:`~xborder.kpi.LtvTable` :data:`LTV` (one row per cohort × month),
    :class:`~xborder.kpi.CustomerSummary` :data:`SUMMARY` (one row). Values
    are the scalar's, rounded as the calculators round them.

    Raises:
        InvalidTypeError: ``result`` is none of those.

    Examples:
        >>> from xborder.kpi import Order, cohort_retention
        >>> from xborder.money import Money
        >>> orders = [Order(customer=who, placed_on=day, amount=Money("30", "EUR"))
        ...     for who, day in [("ana", "2026-01-04"), ("ana", "2026-02-11"),
        ...                      ("ben", "2026-01-20")]]
        >>> table = frame_of(cohort_retention(orders, as_of="2026-03-01"))
        >>> table.get_column("active").to_list()
        [2, 1]
    """
    if isinstance(result, RfmTable):
        return _rfm_frame(result)
    if isinstance(result, RetentionTable):
        return _retention_frame(result)
    if isinstance(result, LtvTable):
        return _ltv_frame(result)
    if isinstance(result, CustomerSummary):
        scale = max(_scale(result.revenue.amount), result.revenue.currency.exponent)
        return summary_row(result, scale)
    raise InvalidTypeError(
        field="result",
        value=result,
        expected="an RfmTable, RetentionTable, LtvTable or CustomerSummary",
    )


def _scale(value: Decimal) -> int:
    return max(-int(value.as_tuple().exponent), 0)


def _money_column(name: str, values: Sequence[Decimal | None], least: int) -> pl.Series:
    known = [v for v in values if v is not None]
    scale = max([least, *(_scale(v) for v in known)])
    fits = all(abs(v) < Decimal(10) ** (18 - scale) for v in known)
    return pl.Series(name, values, pl.Decimal(18 if fits else 38, scale))


def _rfm_frame(table: RfmTable) -> pl.DataFrame:
    rows = table.customers
    exponent = rows[0].monetary.currency.exponent if rows else 0
    return pl.DataFrame(
        [
            pl.Series("customer", [c.customer for c in rows], pl.String),
            pl.Series("last_order", [c.last_order for c in rows], pl.Date),
            pl.Series("recency_days", [c.recency_days for c in rows], pl.Int64),
            pl.Series("frequency", [c.frequency for c in rows], pl.Int64),
            _money_column("monetary", [c.monetary.amount for c in rows], exponent),
            pl.Series("currency", [c.monetary.currency.code for c in rows], pl.String),
            pl.Series("r", [c.r for c in rows], pl.Int64),
            pl.Series("f", [c.f for c in rows], pl.Int64),
            pl.Series("m", [c.m for c in rows], pl.Int64),
            pl.Series("segment", [c.segment for c in rows], pl.String),
        ]
    ).select(RFM)


def _retention_frame(table: RetentionTable) -> pl.DataFrame:
    records = [
        (cohort.month, period, cohort.size, active, rate)
        for cohort in table.cohorts
        for period, (active, rate) in enumerate(
            zip(cohort.active, cohort.retention, strict=True)
        )
    ]
    rates = [r.round(10, RoundingMode.HALF_EVEN) for *_, r in records]
    return pl.DataFrame(
        [
            pl.Series("cohort", [r[0] for r in records], pl.Date),
            pl.Series("period", [r[1] for r in records], pl.Int64),
            pl.Series("size", [r[2] for r in records], pl.Int64),
            pl.Series("active", [r[3] for r in records], pl.Int64),
            pl.Series(
                "retention",
                [v if isinstance(v, Decimal) else None for v in rates],
                pl.Decimal(18, 10),
            ),
        ]
    ).select(RETENTION)


def _ltv_frame(table: LtvTable) -> pl.DataFrame:
    currency = table.currency
    records = [
        (cohort.month, period, cohort.size, revenue, value, running, ltv)
        for cohort in table.cohorts
        for period, (revenue, value, running, ltv) in enumerate(
            zip(
                cohort.revenue,
                cohort.contribution,
                cohort.cumulative_contribution,
                cohort.ltv,
                strict=True,
            )
        )
    ]
    per_customer = [r[6].round(RoundingMode.HALF_EVEN) for r in records]
    exponent = currency.exponent
    return pl.DataFrame(
        [
            pl.Series("cohort", [r[0] for r in records], pl.Date),
            pl.Series("period", [r[1] for r in records], pl.Int64),
            pl.Series("size", [r[2] for r in records], pl.Int64),
            _money_column("revenue", [r[3].amount for r in records], exponent),
            _money_column("contribution", [r[4].amount for r in records], exponent),
            _money_column(
                "cumulative_contribution", [r[5].amount for r in records], exponent
            ),
            _money_column(
                "ltv",
                [v.amount if isinstance(v, Money) else None for v in per_customer],
                exponent,
            ),
            pl.Series("currency", [currency.code] * len(records), pl.String),
        ]
    ).select(LTV)


# -- back to the scalar results ----------------------------------------------------


def _rows(table: object, names: Sequence[str]) -> Iterator[dict[str, Any]]:
    frame = native(table, "table").frame
    missing = [name for name in names if name not in frame.schema]
    if missing:
        raise InvalidInputError(
            field="table",
            value=list(frame.columns)[:20],
            expected=f"the columns {', '.join(missing)}",
        )
    for index, row in enumerate(frame.select(names).iter_rows(named=True)):
        for name, kind in _KINDS.items():
            if name in row and not isinstance(row[name], kind):
                raise InvalidTypeError(
                    field=f"rows[{index}].{name}",
                    value=row[name],
                    expected=f"a {kind.__name__}",
                )
        yield row


_KINDS: dict[str, type] = {
    "customer": str, "last_order": dt.date, "recency_days": int, "frequency": int,
    "monetary": Decimal, "currency": str, "r": int, "f": int, "m": int,
    "cohort": dt.date, "period": int, "size": int, "active": int,
    "revenue": Decimal, "contribution": Decimal, "start": dt.date, "end": dt.date,
    "customers": int, "new_customers": int, "repeat_customers": int, "orders": int,
}  # fmt: skip


def rfm_table_of(
    table: object, *, as_of: dt.date | str, scoring: RfmScoring | None = None
) -> RfmTable:
    """The :class:`~xborder.kpi.RfmTable` of an :func:`rfm` table.

    Args:
        table: A table with the :data:`RFM` columns, in any frame library.
        as_of: The day recency was measured to.
        scoring: The scoring used (five percentile bins by default).

    Raises:
        InvalidInputError: A column is missing.
        InvalidTypeError: A cell has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> orders = pl.DataFrame({"customer": ["ana", "ben"],
        ...     "placed_on": ["2026-03-20", "2025-10-01"], "amount": ["80", "25"]})
        >>> result = frames.rfm(orders, as_of="2026-04-01", currency="EUR")
        >>> rfm_table_of(result.table, as_of="2026-04-01").segment_sizes()
        {'about to sleep': 1, 'hibernating': 1}
    """
    end = day_argument(as_of, "as_of")
    plan = RfmScoring() if scoring is None else scoring
    if not isinstance(plan, RfmScoring):
        raise InvalidTypeError(field="scoring", value=plan, expected="RfmScoring")
    customers = tuple(
        RfmCustomer(
            customer=row["customer"],
            last_order=row["last_order"],
            recency_days=row["recency_days"],
            frequency=row["frequency"],
            monetary=Money(row["monetary"], row["currency"]),
            r=row["r"],
            f=row["f"],
            m=row["m"],
            segment=row["segment"],
        )
        for row in _rows(table, RFM)
    )
    return RfmTable(as_of=end, scoring=plan, customers=customers)


def _cohort_rows(table: object, names: Sequence[str]) -> list[list[dict[str, Any]]]:
    """The rows of each cohort, periods 0, 1, 2... in order."""
    groups: list[list[dict[str, Any]]] = []
    for index, row in enumerate(_rows(table, names)):
        same = groups and groups[-1][0]["cohort"] == row["cohort"]
        if not same:
            groups.append([])
        if row["period"] != len(groups[-1]):
            raise InvalidInputError(
                field=f"rows[{index}].period",
                value=row["period"],
                expected=f"the next month offset of the cohort ({len(groups[-1])})",
            )
        groups[-1].append(row)
    return groups


def retention_table_of(table: object, *, as_of: dt.date | str) -> RetentionTable:
    """The :class:`~xborder.kpi.RetentionTable` of a :func:`cohort_retention` table.

    Raises:
        InvalidInputError: A column is missing, or a cohort's periods are not
            0, 1, 2... in order.
        InvalidTypeError: A cell has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> orders = pl.DataFrame({"customer": ["ana", "ana", "ben", "cai"],
        ...     "placed_on": ["2026-01-04", "2026-02-11", "2026-01-20", "2026-02-02"]})
        >>> result = frames.cohort_retention(orders, as_of="2026-03-01")
        >>> retention_table_of(result.table, as_of="2026-03-01").retention(1)
        Ratio(Decimal('1'), Decimal('2'))
    """
    end = day_argument(as_of, "as_of")
    cohorts = tuple(
        Cohort(
            month=rows[0]["cohort"],
            size=rows[0]["size"],
            active=tuple(row["active"] for row in rows),
        )
        for rows in _cohort_rows(table, RETENTION[:-1])
    )
    return RetentionTable(as_of=end, cohorts=cohorts)


def ltv_table_of(
    table: object, *, as_of: dt.date | str, currency: Currency | str
) -> LtvTable:
    """The :class:`~xborder.kpi.LtvTable` of a :func:`cohort_ltv` table.

    Raises:
        InvalidInputError: A column is missing, or a cohort's periods are not
            0, 1, 2... in order.
        InvalidTypeError: A cell has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> orders = pl.DataFrame({"customer": ["ana", "ana", "ben"],
        ...     "placed_on": ["2026-01-04", "2026-02-11", "2026-01-20"],
        ...     "amount": ["50", "50", "50"]})
        >>> result = frames.cohort_ltv(orders, as_of="2026-03-01", currency="EUR",
        ...     gross_margin="0.4", contribution=None)
        >>> table = ltv_table_of(result.table, as_of="2026-03-01", currency="EUR")
        >>> str(table.ltv(1).value)
        '30.000 EUR'
    """
    end = day_argument(as_of, "as_of")
    money = currency_argument(currency)
    names = ("cohort", "period", "size", "revenue", "contribution")
    cohorts = tuple(
        CohortValue(
            month=rows[0]["cohort"],
            size=rows[0]["size"],
            revenue=tuple(Money(row["revenue"], money) for row in rows),
            contribution=tuple(Money(row["contribution"], money) for row in rows),
        )
        for rows in _cohort_rows(table, names)
    )
    return LtvTable(as_of=end, currency=money, cohorts=cohorts)


def summary_of(table: object) -> CustomerSummary:
    """The :class:`~xborder.kpi.CustomerSummary` of a :func:`customer_summary` table.

    Raises:
        InvalidInputError: A column is missing, or the table is not one row.
        InvalidTypeError: A cell has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> orders = pl.DataFrame({"customer": ["ana", "ana", "ben"],
        ...     "placed_on": ["2026-01-03", "2026-01-20", "2026-01-09"],
        ...     "amount": ["40", "40", "40"]})
        >>> result = frames.customer_summary(orders, start="2026-01-01",
        ...     end="2026-02-01", currency="EUR")
        >>> summary_of(result.table).repurchase_rate
        Ratio(Decimal('1'), Decimal('2'))
    """
    names = (*SUMMARY[:8], "currency")
    rows = list(_rows(table, names))
    if len(rows) != 1:
        raise InvalidInputError(field="table", value=len(rows), expected="one row")
    row = rows[0]
    return CustomerSummary(
        start=row["start"],
        end=row["end"],
        customers=row["customers"],
        new_customers=row["new_customers"],
        repeat_customers=row["repeat_customers"],
        orders=row["orders"],
        revenue=Money(row["revenue"], row["currency"]),
    )


def orders_of(
    frame: object,
    *,
    currency: Currency | str,
    customer: str = "customer",
    placed_on: str = "placed_on",
    amount: str = "amount",
    contribution: str | None = None,
    order_id: str | None = None,
) -> list[Order | None]:
    """Each row as the :class:`~xborder.kpi.Order` it makes (``None`` if it makes none).

    Cells are read as the scalar reads them: dates or ``"YYYY-MM-DD"`` text,
    amounts as Decimal, int or decimal text in ``currency``. The frame
    calculators report exactly the rows that are ``None`` here (and count
    exactly the others).

    Raises:
        InvalidInputError: A column is missing.
        InvalidTypeError: A column name is not text.

    Examples:
        >>> import polars as pl
        >>> orders = pl.DataFrame({"customer": ["ana", "ben"],
        ...     "placed_on": ["2026-01-08", "2026-01-15"], "amount": ["64.00", "-1"]})
        >>> [None if o is None else str(o.amount) for o in orders_of(orders,
        ...     currency="EUR")]
        ['64.00 EUR', None]
    """
    money = currency_argument(currency)
    names = {
        "customer": column_name(customer, "customer"),
        "placed_on": column_name(placed_on, "placed_on"),
        "amount": column_name(amount, "amount"),
        "contribution": column_name(contribution, "contribution", optional=True),
        "order_id": column_name(order_id, "order_id", optional=True),
    }
    table = native(frame).frame
    wanted = list(dict.fromkeys(name for name in names.values() if name is not None))
    missing = [name for name in wanted if name not in table.schema]
    if missing:
        raise InvalidInputError(
            field=missing[0],
            value=list(table.columns)[:20],
            expected=f"a column named {missing[0]!r}",
        )
    return [
        _order(row, names, money) for row in table.select(wanted).iter_rows(named=True)
    ]


def _order(
    row: dict[str, Any], names: dict[str, str | None], money: Currency
) -> Order | None:
    def cell(role: str) -> Any:  # noqa: ANN401 - a cell of any type
        name = names[role]
        return None if name is None else row[name]

    given = cell("contribution")
    try:
        return Order(
            customer=cell("customer"),
            placed_on=cell("placed_on"),
            amount=Money(cell("amount"), money),
            contribution=None if given is None else Money(given, money),
            order_id=cell("order_id"),
        )
    except XborderError:
        return None
