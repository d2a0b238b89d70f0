"""RFM and the customer summary of an orders table (private).

The orders are read and checked as :class:`~xborder.kpi.Order` (see
``_orders``), then aggregated per customer in polars: last order day, orders,
total (exact integer sums on ``Decimal(38, 0)``, which raise rather than
wrap). Scores are the rules of :mod:`xborder.kpi.rules` on the column engine;
ranks are polars ranks with ties as the scalar counts them; a segment is
:func:`xborder.kpi.rules.segment_of`, evaluated once per distinct
(R, F, M), at most ``bins³`` of them. The summary's ratios are the scalar
:class:`~xborder.kpi.CustomerSummary`'s own, computed on its one row.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder._exact import EXACT
from xborder._validate import date_value, tuple_of
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._columns import decimals
from xborder.frames._engine import Columns, NotExact, plan
from xborder.frames._errors import check_mode
from xborder.frames._orders import (
    AMOUNT,
    CUSTOMER,
    DAY,
    OrderNames,
    column_name,
    read_orders,
)
from xborder.frames._pricing import check_floats
from xborder.frames._staged import (
    STAGES,
    Partial,
    Staged,
    checked_sums,
    grouped,
    rescaled,
)
from xborder.kpi import (
    RF_GRID_SEGMENTS,
    CustomerSummary,
    RfmScoring,
    SegmentRule,
)
from xborder.kpi.rules import DECIMALS, edge_score, percentile_score, segment_of
from xborder.money import Currency, Money, RoundingMode

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder.frames._pricing import Result

__all__ = ["RATE_PLACES", "RFM", "SUMMARY", "customer_summary", "rfm"]

RFM = ("customer", "last_order", "recency_days", "frequency", "monetary",
       "currency", "r", "f", "m", "segment")  # fmt: skip
"""The columns of :func:`rfm`'s table, one row per customer."""

SUMMARY = ("start", "end", "customers", "new_customers", "returning_customers",
           "repeat_customers", "orders", "revenue", "currency", "repurchase_rate",
           "purchase_frequency", "aov")  # fmt: skip
"""The columns of :func:`customer_summary`'s one-row table."""

RATE_PLACES = 10
"""Decimal places of every ratio column, rounded half-even (``Ratio.round``)."""

_LAST, _ORDERS, _TOTAL = "__xb_last", "__xb_orders", "__xb_total"
_FIRST = "__xb_first"


# -- arguments ------------------------------------------------------------------


def day_argument(value: object, field: str) -> dt.date:
    """A date argument, checked as the scalar checks it."""
    try:
        return date_value(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field(field) from None


def currency_argument(value: object) -> Currency:
    """A currency argument: a Currency or an ISO code."""
    return Money.zero(value).currency  # type: ignore[arg-type]


def order_names(
    customer: object,
    placed_on: object,
    amount: object,
    contribution: object,
    floats: object,
    *,
    amount_optional: bool = False,
) -> OrderNames:
    """The column arguments, each a name (``contribution`` may be None)."""
    return OrderNames(
        customer=column_name(customer, "customer"),  # type: ignore[arg-type]
        placed_on=column_name(placed_on, "placed_on"),  # type: ignore[arg-type]
        amount=column_name(amount, "amount", optional=amount_optional),
        contribution=column_name(contribution, "contribution", optional=True),
        floats=check_floats(floats),
    )


@attrs.frozen
class _RfmSettings:
    names: OrderNames
    currency: Currency
    as_of: dt.date
    since: dt.date | None
    scoring: RfmScoring
    segments: tuple[SegmentRule, ...]
    mode: str


def _rfm_settings(
    *,
    as_of: object,
    currency: object,
    since: object = None,
    scoring: object = None,
    segments: object = RF_GRID_SEGMENTS,
    customer: object = "customer",
    placed_on: object = "placed_on",
    amount: object = "amount",
    floats: object = "refuse",
    errors: object = "report",
) -> _RfmSettings:
    end = day_argument(as_of, "as_of")
    start = None if since is None else day_argument(since, "since")
    if start is not None and start >= end:
        raise InvalidInputError(
            field="since", value=start, expected=f"a day before as_of ({end})"
        )
    money = currency_argument(currency)
    plan_ = RfmScoring() if scoring is None else scoring
    if not isinstance(plan_, RfmScoring):
        raise InvalidTypeError(field="scoring", value=plan_, expected="RfmScoring")
    try:
        rules = tuple_of(segments, SegmentRule)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field("segments") from None
    return _RfmSettings(
        names=order_names(customer, placed_on, amount, None, floats),
        currency=money,
        as_of=end,
        since=start,
        scoring=plan_,
        segments=rules,
        mode=check_mode(errors),
    )


# -- RFM --------------------------------------------------------------------------


def _rfm_partial(frame: pl.DataFrame, offset: int, settings: _RfmSettings) -> Partial:
    """Each customer's last order day, orders and total in the window."""
    orders = read_orders(frame, settings.names, settings.currency, offset=offset)
    window = pl.col(DAY) < settings.as_of
    if settings.since is not None:
        window &= pl.col(DAY) >= settings.since
    facts = grouped(
        orders.good().filter(window),
        [CUSTOMER],
        [
            pl.col(DAY).max().alias(_LAST),
            pl.len().cast(pl.Int64).alias(_ORDERS),
            pl.col(AMOUNT).sum().alias(_TOTAL),
        ],
        settings.names.amount or "amount",
    )
    return Partial(facts, {_TOTAL: orders.amount_scale}, orders.errors())


def _combined(
    partials: Sequence[Partial], column: str, field: str, **merge: pl.Expr
) -> tuple[pl.DataFrame, int]:
    """Every partition's aggregate at one scale, merged per customer."""
    scale = max(p.scales[column] for p in partials)
    tables = [
        rescaled(p.table, column, p.scales[column], scale, field) for p in partials
    ]
    table = pl.concat(tables, how="vertical_relaxed")
    if len(tables) > 1:
        aggregates = [expr.alias(name) for name, expr in merge.items()]
        table = grouped(table, [CUSTOMER], aggregates, field)
    return table, scale


def _rfm_final(partials: Sequence[Partial], settings: _RfmSettings) -> pl.DataFrame:
    field = settings.names.amount or "amount"
    facts, scale = _combined(
        partials,
        _TOTAL,
        field,
        **{
            _LAST: pl.col(_LAST).max(),
            _ORDERS: pl.col(_ORDERS).sum(),
            _TOTAL: pl.col(_TOTAL).sum(),
        },
    )
    facts = facts.sort(CUSTOMER).with_columns(
        (pl.lit(settings.as_of) - pl.col(_LAST)).dt.total_days().alias("recency_days")
    )
    scores = _scores(facts, settings, scale)
    segments = _segments(scores, settings.segments)
    largest = int(facts.get_column(_TOTAL).abs().max() or 0)  # type: ignore[arg-type]
    return pl.DataFrame(
        [
            facts.get_column(CUSTOMER).alias("customer"),
            facts.get_column(_LAST).alias("last_order"),
            facts.get_column("recency_days").cast(pl.Int64),
            facts.get_column(_ORDERS).alias("frequency"),
            decimals(facts.get_column(_TOTAL), scale, largest).alias("monetary"),
            pl.Series("currency", [settings.currency.code] * facts.height, pl.String),
            *scores,
            segments,
        ]
    )


_DIMENSIONS = (
    ("r", "recency_days", "recency_days", False),
    ("f", _ORDERS, "frequency", True),
    ("m", _TOTAL, "monetary", True),
)


def _scores(facts: pl.DataFrame, settings: _RfmSettings, scale: int) -> list[pl.Series]:
    """R, F and M of every customer, by :mod:`xborder.kpi.rules`."""
    n = facts.height
    scoring = settings.scoring
    if not n:
        return [pl.Series(name, [], pl.Int64) for name, *_ in _DIMENSIONS]
    scales = {"recency_days": 0, _ORDERS: 0, _TOTAL: scale}
    worse = facts.select(
        *(
            (
                pl.col(column).rank("min") - 1
                if higher
                else n - pl.col(column).rank("max")
            )
            .cast(pl.Int64)
            .alias(f"__xb_worse_{name}")
            for name, column, _, higher in _DIMENSIONS
        ),
        *(pl.col(column) for _, column, _, _ in _DIMENSIONS),
    )
    edges = {
        "r": _as_decimals(scoring.recency_days),
        "f": _as_decimals(scoring.frequency),
        "m": scoring.monetary,
    }
    bounds = {
        column: int(worse.get_column(column).abs().max() or 0)  # type: ignore[arg-type]
        for _, column, _, _ in _DIMENSIONS
    }

    def build(engine: Columns) -> dict[str, Any]:
        out = {}
        for name, column, _, higher in _DIMENSIONS:
            cut = edges[name]
            if cut is None:
                count = engine.input(f"__xb_worse_{name}", 0, n)
                out[name] = percentile_score(engine, scoring.bins, count, Decimal(n))
            else:
                value = engine.input(column, scales[column], bounds[column])
                out[name] = edge_score(
                    engine, value, cut, scoring.bins, higher_is_better=higher
                )
        return out

    try:
        engine, outputs = plan(build)
        computed = engine.run(worse.lazy(), outputs, where=pl.lit(value=True))
        return [computed.get_column(name).cast(pl.Int64) for name in outputs]
    except NotExact:  # edges far finer than the amounts: Decimals, once per value
        return _scalar_scores(worse, scoring, scales, edges)


def _as_decimals(values: tuple[int, ...] | None) -> tuple[Decimal, ...] | None:
    return None if values is None else tuple(Decimal(v) for v in values)


def _scalar_scores(
    worse: pl.DataFrame,
    scoring: RfmScoring,
    scales: dict[str, int],
    edges: dict[str, tuple[Decimal, ...] | None],
) -> list[pl.Series]:
    n = Decimal(worse.height)
    found = []
    for name, column, _, higher in _DIMENSIONS:
        cut = edges[name]
        source = f"__xb_worse_{name}" if cut is None else column
        scale = 0 if cut is None else scales[column]
        scored: dict[int, int] = {}
        for raw in worse.get_column(source).unique().to_list():
            value = Decimal(int(raw)).scaleb(-scale, context=EXACT)
            score = (
                percentile_score(DECIMALS, scoring.bins, value, n)
                if cut is None
                else edge_score(
                    DECIMALS, value, cut, scoring.bins, higher_is_better=higher
                )
            )
            scored[int(raw)] = int(score)
        values = worse.get_column(source).cast(pl.Int128).to_list()
        found.append(pl.Series(name, [scored[int(v)] for v in values], pl.Int64))
    return found


def _segments(scores: list[pl.Series], rules: tuple[SegmentRule, ...]) -> pl.Series:
    """Each customer's segment: the rules, once per distinct (R, F, M)."""
    table = pl.DataFrame(scores)
    distinct = table.unique(maintain_order=True)
    names = [segment_of(rules, *triple) for triple in distinct.iter_rows()]
    lookup = distinct.with_columns(pl.Series("segment", names, pl.String))
    joined = table.join(lookup, on=["r", "f", "m"], how="left", maintain_order="left")
    return joined.get_column("segment")


_RFM_STAGES = Staged(_rfm_settings, _rfm_partial, _rfm_final)


def rfm(
    frame: object,
    *,
    as_of: dt.date | str,
    currency: Currency | str,
    since: dt.date | str | None = None,
    scoring: RfmScoring | None = None,
    segments: Sequence[SegmentRule] = RF_GRID_SEGMENTS,
    customer: str = "customer",
    placed_on: str = "placed_on",
    amount: str = "amount",
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    """RFM values, scores and segments of every customer of an orders table.

    One row per order in ``frame`` (any order); the result has one row per
    customer with an order in the window, sorted by customer key, equal to
    :func:`xborder.kpi.rfm` on the same orders, customer for customer.
    Orders before ``since`` or on or after ``as_of`` are left out; scores
    are by percentile rank among the customers unless ``scoring`` gives
    edges (ties share a score, exactly as the scalar ranks them).

    Per-customer sums, counts and last days are polars group-bys (exact
    integer sums); scores are :mod:`xborder.kpi.rules` on the column engine;
    each distinct (R, F, M) gets its segment from
    :func:`xborder.kpi.rules.segment_of`.

    Args:
        frame: One row per order: a polars DataFrame or LazyFrame, a pandas
            DataFrame or a pyarrow Table.
        as_of: First day after the data; recency is counted to it.
        currency: The currency of every amount.
        since: First day of the window (all history if ``None``).
        scoring: How scores are assigned (five percentile bins by default).
        segments: Segment rules, first match wins.
        customer: The column of customer keys (text).
        placed_on: The column of order days (Date, or ``"YYYY-MM-DD"`` text).
        amount: The column of order amounts (>= 0).
        floats: ``"refuse"`` a float amount column, or read each float as its
            ``"shortest"`` decimal.
        errors: ``"report"`` bad orders in :attr:`Result.errors` (they count
            nowhere), or ``"raise"`` on the first.

    Returns:
        A :class:`Result` whose table has the columns :data:`RFM`:
        ``customer`` (String), ``last_order`` (Date), ``recency_days`` and
        ``frequency`` (Int64), ``monetary`` (Decimal at the currency's scale,
        or the amounts' if finer), ``currency`` (String), ``r``, ``f``, ``m``
        (Int64 scores) and ``segment`` (String, empty where no rule matches).

    Raises:
        InvalidInputError: An argument is wrong (named as the scalar names
            it), a column is missing, or (``errors="raise"``) an order is bad,
            named ``rows[i].column``.
        InvalidTypeError: A column has the wrong type (floats, datetimes,
            number customer keys), named by the column.

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> from xborder.kpi import RfmScoring
        >>> orders = pl.DataFrame({
        ...     "customer": ["ana", "ana", "ben"],
        ...     "placed_on": ["2026-03-20", "2026-02-01", "2025-10-01"],
        ...     "amount": ["80.00", "40.00", "25.00"],
        ... })
        >>> table = frames.rfm(orders, as_of="2026-04-01", currency="EUR",
        ...     scoring=RfmScoring(bins=2)).table
        >>> for row in table.select("customer", "recency_days", "frequency",
        ...         "monetary", "r", "f", "m").iter_rows():
        ...     print(*row)
        ana 12 2 120.00 2 2 2
        ben 182 1 25.00 1 1 1
    """
    return _RFM_STAGES.run(
        frame,
        {
            "as_of": as_of, "currency": currency, "since": since,
            "scoring": scoring, "segments": segments, "customer": customer,
            "placed_on": placed_on, "amount": amount, "floats": floats,
            "errors": errors,
        },
    )  # fmt: skip


setattr(rfm, STAGES, _RFM_STAGES)


# -- the customer summary ----------------------------------------------------------


@attrs.frozen
class _SummarySettings:
    names: OrderNames
    currency: Currency
    start: dt.date
    end: dt.date
    mode: str


def _summary_settings(
    *,
    start: object,
    end: object,
    currency: object,
    customer: object = "customer",
    placed_on: object = "placed_on",
    amount: object = "amount",
    floats: object = "refuse",
    errors: object = "report",
) -> _SummarySettings:
    first = day_argument(start, "start")
    last = day_argument(end, "end")
    if last <= first:
        raise InvalidInputError(
            field="end", value=last, expected=f"a day after start ({first})"
        )
    return _SummarySettings(
        names=order_names(customer, placed_on, amount, None, floats),
        currency=currency_argument(currency),
        start=first,
        end=last,
        mode=check_mode(errors),
    )


def _summary_partial(
    frame: pl.DataFrame, offset: int, settings: _SummarySettings
) -> Partial:
    """Each customer's first order day, and orders and total in the window."""
    orders = read_orders(frame, settings.names, settings.currency, offset=offset)
    inside = pl.col(DAY) >= settings.start
    facts = grouped(
        orders.good().filter(pl.col(DAY) < settings.end),
        [CUSTOMER],
        [
            pl.col(DAY).min().alias(_FIRST),
            inside.sum().cast(pl.Int64).alias(_ORDERS),
            pl.col(AMOUNT).filter(inside).sum().alias(_TOTAL),
        ],
        settings.names.amount or "amount",
    )
    return Partial(facts, {_TOTAL: orders.amount_scale}, orders.errors())


def _summary_final(
    partials: Sequence[Partial], settings: _SummarySettings
) -> pl.DataFrame:
    field = settings.names.amount or "amount"
    facts, scale = _combined(
        partials,
        _TOTAL,
        field,
        **{
            _FIRST: pl.col(_FIRST).min(),
            _ORDERS: pl.col(_ORDERS).sum(),
            _TOTAL: pl.col(_TOTAL).sum(),
        },
    )
    active = pl.col(_ORDERS) > 0
    totals = facts.lazy().select(
        customers=active.sum(),
        new=(active & (pl.col(_FIRST) >= settings.start)).sum(),
        repeat=(pl.col(_ORDERS) >= 2).sum(),  # noqa: PLR2004
        orders=pl.col(_ORDERS).sum(),
        revenue=pl.col(_TOTAL).sum(),
    )
    counts = checked_sums(totals.collect, field).row(0, named=True)
    revenue = Decimal(int(counts["revenue"] or 0)).scaleb(-scale, context=EXACT)
    summary = CustomerSummary(
        start=settings.start,
        end=settings.end,
        customers=int(counts["customers"] or 0),
        new_customers=int(counts["new"] or 0),
        repeat_customers=int(counts["repeat"] or 0),
        orders=int(counts["orders"] or 0),
        revenue=Money(revenue, settings.currency),
    )
    return summary_row(summary, scale)


def summary_row(summary: CustomerSummary, scale: int) -> pl.DataFrame:
    """The one-row table of a :class:`~xborder.kpi.CustomerSummary`.

    Ratios are the summary's own, rounded half-even to :data:`RATE_PLACES`
    (``None`` where undefined); the AOV to the currency's minor unit.
    """
    currency = summary.revenue.currency
    rate = RoundingMode.HALF_EVEN
    aov = summary.aov.round(rate)
    counts = {
        "customers": summary.customers,
        "new_customers": summary.new_customers,
        "returning_customers": summary.returning_customers,
        "repeat_customers": summary.repeat_customers,
        "orders": summary.orders,
    }
    return pl.DataFrame(
        [
            pl.Series("start", [summary.start], pl.Date),
            pl.Series("end", [summary.end], pl.Date),
            *(pl.Series(name, [value], pl.Int64) for name, value in counts.items()),
            _decimal_series("revenue", [summary.revenue.amount], scale),
            pl.Series("currency", [currency.code], pl.String),
            _decimal_series(
                "repurchase_rate",
                [summary.repurchase_rate.round(RATE_PLACES, rate)],
                RATE_PLACES,
            ),
            _decimal_series(
                "purchase_frequency",
                [summary.purchase_frequency.round(RATE_PLACES, rate)],
                RATE_PLACES,
            ),
            _decimal_series(
                "aov",
                [None if not isinstance(aov, Money) else aov.amount],
                currency.exponent,
            ),
        ]
    )


def _decimal_series(name: str, values: Sequence[object], scale: int) -> pl.Series:
    """Decimals (``UNDEFINED`` and ``None`` are empty) in one column at ``scale``.

    Precision 18 where every value fits, else 38 (as the other calculators).
    """
    unit = Decimal(1).scaleb(-scale)
    numbers = [
        value.quantize(unit, rounding=ROUND_HALF_EVEN, context=EXACT)
        if isinstance(value, Decimal)
        else None
        for value in values
    ]
    fits = all(v is None or abs(v) < Decimal(10) ** (18 - scale) for v in numbers)
    return pl.Series(name, numbers, pl.Decimal(18 if fits else 38, scale))


_SUMMARY_STAGES = Staged(_summary_settings, _summary_partial, _summary_final)


def customer_summary(
    frame: object,
    *,
    start: dt.date | str,
    end: dt.date | str,
    currency: Currency | str,
    customer: str = "customer",
    placed_on: str = "placed_on",
    amount: str = "amount",
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    """Customers, new, repeat and returning customers, orders and revenue of a window.

    Pass the whole order history: orders before ``start`` only tell which
    customers are new; orders on or after ``end`` are left out. Equal to
    :func:`xborder.kpi.customer_summary` on the same orders.

    Args:
        frame: One row per order (see :func:`rfm`).
        start: First day of the window.
        end: First day after it.
        currency: The currency of every amount.
        customer: The column of customer keys.
        placed_on: The column of order days.
        amount: The column of order amounts.
        floats: ``"refuse"`` or ``"shortest"`` (see :func:`rfm`).
        errors: ``"report"`` or ``"raise"`` (see :func:`rfm`).

    Returns:
        A :class:`Result` whose table is one row with the columns
        :data:`SUMMARY`: ``start`` and ``end`` (Date), the counts (Int64),
        ``revenue`` (Decimal), ``currency``, ``repurchase_rate`` and
        ``purchase_frequency`` (Decimal, :data:`RATE_PLACES` places,
        half-even; empty where undefined) and ``aov`` (Decimal at the
        currency's minor unit, half-even; empty with no orders).

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> orders = pl.DataFrame({
        ...     "customer": ["ana", "ana", "ben", "ben", "cai"],
        ...     "placed_on": ["2026-01-05", "2026-02-10", "2025-11-20",
        ...                   "2026-02-01", "2026-03-15"],
        ...     "amount": ["40", "35", "60", "55", "30"],
        ... })
        >>> q1 = frames.customer_summary(orders, start="2026-01-01",
        ...     end="2026-04-01", currency="EUR").table
        >>> print(*q1.select("customers", "new_customers", "repeat_customers",
        ...     "repurchase_rate", "aov").row(0))
        3 2 1 0.3333333333 40.00
    """
    return _SUMMARY_STAGES.run(
        frame,
        {
            "start": start, "end": end, "currency": currency,
            "customer": customer, "placed_on": placed_on, "amount": amount,
            "floats": floats, "errors": errors,
        },
    )  # fmt: skip


setattr(customer_summary, STAGES, _SUMMARY_STAGES)
