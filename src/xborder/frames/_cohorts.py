"""Cohort retention and cohort LTV of an orders table (private).

Heavy part in polars: the distinct (customer, month) pairs, or each
customer's amount and contribution per month (exact sums on
``Decimal(38, 0)``); each customer's first month; counts and sums per
cohort × month after it. The result has one row per cohort and month
offset, from 0 to the last month observed (young cohorts have fewer). Its
ratios (retention, LTV per customer) are the exact quotients rounded once
by the column engine, which gives the scalar's ``Ratio.round`` and
``MoneyRatio.round`` digits for every numerator shorter than 33 digits less
the places (see ``_shares``); longer ones use the scalar's ratio itself.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder._exact import EXACT
from xborder._validate import fraction
from xborder.errors import InvalidInputError, XborderError
from xborder.frames._columns import Problem, decimals
from xborder.frames._customers import (
    RATE_PLACES,
    currency_argument,
    day_argument,
    order_names,
)
from xborder.frames._engine import NotExact, plan
from xborder.frames._errors import check_mode
from xborder.frames._orders import (
    AMOUNT,
    CONTRIBUTION,
    CUSTOMER,
    DAY,
    OrderNames,
    read_orders,
)
from xborder.frames._staged import (
    STAGES,
    Partial,
    Staged,
    checked_sums,
    grouped,
    rescaled,
)
from xborder.kpi import Ratio, rules
from xborder.kpi.rules import DECIMALS, contribution_of
from xborder.money import Currency, RoundingMode

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xborder._validate import DecimalInput
    from xborder.frames._pricing import Result

__all__ = ["LTV", "RETENTION", "cohort_ltv", "cohort_retention", "month_of"]

RETENTION = ("cohort", "period", "size", "active", "retention")
"""The columns of :func:`cohort_retention`'s table, one row per cohort × month."""

LTV = ("cohort", "period", "size", "revenue", "contribution",
       "cumulative_contribution", "ltv", "currency")  # fmt: skip
"""The columns of :func:`cohort_ltv`'s table, one row per cohort × month."""

_MONTH, _FIRST, _PERIOD = "__xb_month", "__xb_first", "__xb_period"
_REVENUE, _VALUE = "__xb_revenue", "__xb_value"
_MAX_SCALE = 38  # a Decimal column's


def month_of(day: pl.Expr) -> pl.Expr:
    """A day's month as ``year × 12 + month − 1`` (the scalar's month number)."""
    return day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64) - 1


# -- retention ----------------------------------------------------------------------


@attrs.frozen
class _RetentionSettings:
    names: OrderNames
    as_of: dt.date
    mode: str


def _retention_settings(
    *,
    as_of: object,
    customer: object = "customer",
    placed_on: object = "placed_on",
    errors: object = "report",
) -> _RetentionSettings:
    return _RetentionSettings(
        names=order_names(
            customer, placed_on, None, None, "refuse", amount_optional=True
        ),
        as_of=day_argument(as_of, "as_of"),
        mode=check_mode(errors),
    )


def _retention_partial(
    frame: pl.DataFrame, offset: int, settings: _RetentionSettings
) -> Partial:
    """The distinct (customer, month) pairs with an order before ``as_of``."""
    orders = read_orders(frame, settings.names, None, offset=offset)
    pairs = (
        orders.good()
        .filter(pl.col(DAY) < settings.as_of)
        .select(CUSTOMER, month_of(pl.col(DAY)).alias(_MONTH))
        .unique()
        .collect()
    )
    return Partial(pairs, {}, orders.errors())


def _retention_final(
    partials: Sequence[Partial], settings: _RetentionSettings
) -> pl.DataFrame:
    pairs = pl.concat([p.table for p in partials], how="vertical_relaxed")
    if len(partials) > 1:
        pairs = pairs.unique()
    counts = (
        _with_cohorts(pairs)
        .group_by(_FIRST, _PERIOD)
        .agg(pl.len().cast(pl.Int64).alias("active"))
    )
    grid = _grid(counts, settings.as_of).with_columns(pl.col("active").fill_null(0))
    sizes = grid.filter(pl.col(_PERIOD) == 0).select(
        _FIRST, pl.col("active").alias("size")
    )
    grid = grid.join(sizes, on=_FIRST, how="left", maintain_order="left")
    return pl.DataFrame(
        [
            _cohort_days(grid),
            grid.get_column(_PERIOD).alias("period"),
            grid.get_column("size"),
            grid.get_column("active"),
            _shares(grid, "active", 0, RATE_PLACES).alias("retention"),
        ]
    )


def _shares(grid: pl.DataFrame, column: str, scale: int, places: int) -> pl.Series:
    r"""``column ÷ size`` rounded half-even to ``places``, exactly, as Decimals.

    The scalar rounds a 34-digit quotient (``Ratio.round``,
    ``MoneyRatio.round``); rounding the exact quotient once gives the same
    digits whenever the numerator's unscaled integer is below
    $10^{33 - places}$ (a quotient that close to a tie would need a longer
    numerator). Retention counts always are; larger totals go through the
    scalar's own ratio, row by row.
    """
    if not grid.height:
        return pl.Series(column, [], pl.Decimal(18, places))
    largest = int(grid.get_column(column).abs().max() or 0)  # type: ignore[arg-type]
    biggest = int(grid.get_column("size").max() or 0)  # type: ignore[arg-type]
    if largest >= 10 ** (33 - places):
        return _scalar_shares(grid, column, scale, places)

    def build(engine: Any) -> dict[str, Any]:  # noqa: ANN401 - the column engine
        total = engine.input(column, scale, largest)
        size = engine.input("size", 0, biggest)
        unit = Decimal(1).scaleb(-places, context=EXACT)
        return {column: engine.divide(total, size, unit, ROUND_HALF_EVEN)}

    try:
        engine, outputs = plan(build)
    except NotExact:
        return _scalar_shares(grid, column, scale, places)
    run = engine.run(grid.lazy(), outputs, where=pl.lit(value=True))
    value = outputs[column]
    return decimals(run.get_column(column), places, value.bound)


def _scalar_shares(
    grid: pl.DataFrame, column: str, scale: int, places: int
) -> pl.Series:
    """The scalar's ratio on each row (totals past the exact shortcut's range)."""
    numbers = []
    for raw, size in zip(
        grid.get_column(column).to_list(),
        grid.get_column("size").to_list(),
        strict=True,
    ):
        total = Decimal(int(raw)).scaleb(-scale, context=EXACT)
        rounded = Ratio(total, size).round(places, RoundingMode.HALF_EVEN)
        numbers.append(rounded if isinstance(rounded, Decimal) else None)
    fits = all(v is None or abs(v) < Decimal(10) ** (18 - places) for v in numbers)
    return pl.Series(column, numbers, pl.Decimal(18 if fits else 38, places))


def _with_cohorts(table: pl.DataFrame) -> pl.DataFrame:
    """Each row's cohort (its customer's first month) and month offset."""
    first = pl.col(_MONTH).min().over(CUSTOMER)
    return table.with_columns(first.alias(_FIRST)).with_columns(
        (pl.col(_MONTH) - pl.col(_FIRST)).alias(_PERIOD)
    )


def _grid(per_cohort: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """Every cohort × month offset up to the last month observed, in order."""
    if not per_cohort.height:
        last = 0
    else:  # the scalar's rule: the same refusal of a table over a century wide
        first = per_cohort.get_column(_FIRST).min()
        last = rules.last_month(as_of, int(first))  # type: ignore[arg-type]
    grid = (
        per_cohort.select(pl.col(_FIRST).unique().sort())
        .with_columns(pl.int_ranges(0, last - pl.col(_FIRST) + 1).alias(_PERIOD))
        .explode(_PERIOD)
        .with_columns(pl.col(_FIRST).cast(pl.Int64), pl.col(_PERIOD).cast(pl.Int64))
    )
    return grid.join(
        per_cohort, on=[_FIRST, _PERIOD], how="left", maintain_order="left"
    )


def _cohort_days(grid: pl.DataFrame) -> pl.Series:
    """Each cohort's month as its first day."""
    month = pl.col(_FIRST)
    first = pl.date(month // 12, month % 12 + 1, 1)
    return grid.select(first.alias("cohort")).to_series()


_RETENTION_STAGES = Staged(_retention_settings, _retention_partial, _retention_final)


def cohort_retention(
    frame: object,
    *,
    as_of: dt.date | str,
    customer: str = "customer",
    placed_on: str = "placed_on",
    errors: str = "report",
) -> Result:
    """Cohorts by first-order month, and how many customers ordered in each later month.

    Equal to :func:`xborder.kpi.cohort_retention` on the same orders: a
    cohort is every customer whose first order (before ``as_of``) fell in one
    month, followed month by month up to the month of the day before
    ``as_of``. Only the customer and day of each order are read.

    Args:
        frame: One row per order (see :func:`rfm`).
        as_of: First day not covered by the data.
        customer: The column of customer keys.
        placed_on: The column of order days.
        errors: ``"report"`` or ``"raise"`` (see :func:`rfm`).

    Returns:
        A :class:`Result` whose table has the columns :data:`RETENTION`, one
        row per cohort and month offset, oldest cohort first: ``cohort``
        (Date, first day of its month), ``period`` (Int64, months after the
        first), ``size`` and ``active`` (Int64) and ``retention``
        (``active ÷ size`` as ``Decimal(18, 10)``, half-even, as
        ``Ratio.round``).

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> orders = pl.DataFrame({
        ...     "customer": ["ana", "ana", "ben", "cai", "cai"],
        ...     "placed_on": ["2026-01-04", "2026-02-11", "2026-01-20",
        ...                   "2026-02-02", "2026-03-30"],
        ... })
        >>> table = frames.cohort_retention(orders, as_of="2026-04-01").table
        >>> for row in table.iter_rows():
        ...     print(*row)
        2026-01-01 0 2 2 1.0000000000
        2026-01-01 1 2 1 0.5000000000
        2026-01-01 2 2 0 0E-10
        2026-02-01 0 1 1 1.0000000000
        2026-02-01 1 1 1 1.0000000000
    """
    return _RETENTION_STAGES.run(
        frame,
        {"as_of": as_of, "customer": customer, "placed_on": placed_on,
         "errors": errors},
    )  # fmt: skip


setattr(cohort_retention, STAGES, _RETENTION_STAGES)


# -- LTV --------------------------------------------------------------------------


@attrs.frozen
class _LtvSettings:
    names: OrderNames
    currency: Currency
    as_of: dt.date
    margin: Decimal | None
    mode: str


def _ltv_settings(
    *,
    as_of: object,
    currency: object,
    gross_margin: object = None,
    customer: object = "customer",
    placed_on: object = "placed_on",
    amount: object = "amount",
    contribution: object = "contribution",
    floats: object = "refuse",
    errors: object = "report",
) -> _LtvSettings:
    end = day_argument(as_of, "as_of")
    money = currency_argument(currency)
    margin = None
    if gross_margin is not None:
        try:
            margin = fraction(gross_margin)  # type: ignore[arg-type]
        except XborderError as error:
            raise error.in_field("gross_margin") from None
    return _LtvSettings(
        names=order_names(customer, placed_on, amount, contribution, floats),
        currency=money,
        as_of=end,
        margin=margin,
        mode=check_mode(errors),
    )


def _ltv_partial(frame: pl.DataFrame, offset: int, settings: _LtvSettings) -> Partial:
    """Each customer's amounts and contributions per month before ``as_of``."""
    names = settings.names
    missing: tuple[Problem, ...] = ()
    if settings.margin is None:
        # As the scalar: an order in the window without a contribution, and
        # no margin to apply, is refused.
        given = (
            pl.col(CONTRIBUTION).is_null() if names.contribution else pl.lit(value=True)
        )
        missing = (
            Problem(
                names.contribution or "contribution",
                (pl.col(DAY) < settings.as_of) & given,
                "the order's contribution margin (or pass gross_margin=)",
            ),
        )
    orders = read_orders(frame, names, settings.currency, offset=offset, more=missing)
    good = orders.good().filter(pl.col(DAY) < settings.as_of).collect()
    good, scale = _contributions(
        good, orders.amount_scale, orders.contribution_scale, settings
    )
    field = names.amount or "amount"
    sums = grouped(
        good,
        [CUSTOMER, month_of(pl.col(DAY)).alias(_MONTH)],
        [pl.col(AMOUNT).sum().alias(_REVENUE), pl.col(_VALUE).sum()],
        field,
    )
    return Partial(
        sums, {_REVENUE: orders.amount_scale, _VALUE: scale}, orders.errors()
    )


def _contributions(
    good: pl.DataFrame, amount_scale: int, given_scale: int, settings: _LtvSettings
) -> tuple[pl.DataFrame, int]:
    """Each order's contribution: its own, else amount × margin (kpi.rules), exactly."""
    has_column = CONTRIBUTION in good.schema
    margin = settings.margin
    if margin is None:  # every order kept has its own (or there is none kept)
        own = pl.col(CONTRIBUTION) if has_column else pl.lit(None, pl.Decimal(38, 0))
        return good.with_columns(own.alias(_VALUE)), given_scale
    exponent = -int(margin.as_tuple().exponent)
    scale = max(given_scale if has_column else 0, amount_scale + max(exponent, 0))
    if scale > _MAX_SCALE:  # amount × margin would need more decimals than a column
        raise InvalidInputError(
            "amount × gross_margin would need more decimal places than a "
            "Decimal column holds",
            field="gross_margin",
            value=margin,
            expected=f"a margin of at most {_MAX_SCALE - amount_scale} decimals",
        )
    product = _products(good, amount_scale, margin, scale)
    field = settings.names.contribution or "contribution"
    good = good.with_columns(product.alias(_VALUE))
    if has_column:
        good = rescaled(good, CONTRIBUTION, given_scale, scale, field)
        good = good.with_columns(pl.coalesce(CONTRIBUTION, _VALUE).alias(_VALUE))
    return good, scale


def _products(
    good: pl.DataFrame, amount_scale: int, margin: Decimal, scale: int
) -> pl.Series:
    """Amount × margin for every order, unscaled at ``scale`` (Decimal(38, 0))."""
    largest = int(good.get_column(AMOUNT).abs().max() or 0)  # type: ignore[arg-type]

    def build(engine: Any) -> dict[str, Any]:  # noqa: ANN401 - the column engine
        amount = engine.input(AMOUNT, amount_scale, largest)
        product = contribution_of(engine, amount, margin)
        return {_VALUE: engine.add(product, Decimal(0).scaleb(-scale, context=EXACT))}

    try:
        engine, outputs = plan(build)
        run = engine.run(good.lazy(), outputs, where=pl.lit(value=True))
        return run.get_column(_VALUE)
    except NotExact:  # a margin of many digits on large amounts: one by one
        values = []
        for raw in good.get_column(AMOUNT).to_list():
            amount = Decimal(int(raw)).scaleb(-amount_scale, context=EXACT)
            exact = contribution_of(DECIMALS, amount, margin)
            values.append(int(exact.scaleb(scale, context=EXACT)))
        return pl.Series(_VALUE, values, pl.Decimal(38, 0))


def _ltv_final(partials: Sequence[Partial], settings: _LtvSettings) -> pl.DataFrame:
    field = settings.names.amount or "amount"
    revenue_scale = max(p.scales[_REVENUE] for p in partials)
    value_scale = max(p.scales[_VALUE] for p in partials)
    tables = [
        rescaled(
            rescaled(p.table, _REVENUE, p.scales[_REVENUE], revenue_scale, field),
            _VALUE,
            p.scales[_VALUE],
            value_scale,
            settings.names.contribution or "contribution",
        )
        for p in partials
    ]
    sums = pl.concat(tables, how="vertical_relaxed")
    if len(partials) > 1:
        money = [pl.col(_REVENUE).sum(), pl.col(_VALUE).sum()]
        sums = grouped(sums, [CUSTOMER, _MONTH], money, field)
    cohorts = _with_cohorts(sums)
    money = [pl.col(_REVENUE).sum(), pl.col(_VALUE).sum()]
    per_cohort = grouped(cohorts, [_FIRST, _PERIOD], money, field)
    sizes = (
        cohorts.filter(pl.col(_PERIOD) == 0)
        .group_by(_FIRST)
        .agg(pl.len().cast(pl.Int64).alias("size"))
    )
    grid = _grid(per_cohort, settings.as_of).join(
        sizes, on=_FIRST, how="left", maintain_order="left"
    )
    return _ltv_table(grid, revenue_scale, value_scale, settings.currency)


def _ltv_table(
    grid: pl.DataFrame, revenue_scale: int, value_scale: int, currency: Currency
) -> pl.DataFrame:
    """The grid's sums as money, cumulated per cohort, and LTV per customer."""
    zero = pl.lit(0, pl.Decimal(38, 0))
    grid = grid.with_columns(
        pl.col(_REVENUE).fill_null(zero), pl.col(_VALUE).fill_null(zero)
    )
    # No running total is larger than the sum of the sizes: check that sum.
    checked_sums(grid.lazy().select(pl.col(_VALUE).abs().sum()).collect, "contribution")
    grid = grid.with_columns(pl.col(_VALUE).cum_sum().over(_FIRST).alias("cumulative"))
    running = grid.get_column("cumulative")
    largest = int(running.abs().max() or 0)  # type: ignore[arg-type]
    ltv = _shares(
        grid.rename({"cumulative": "ltv"}), "ltv", value_scale, currency.exponent
    )
    return pl.DataFrame(
        [
            _cohort_days(grid),
            grid.get_column(_PERIOD).alias("period"),
            grid.get_column("size"),
            _money(grid.get_column(_REVENUE), revenue_scale).alias("revenue"),
            _money(grid.get_column(_VALUE), value_scale).alias("contribution"),
            decimals(running, value_scale, largest).alias("cumulative_contribution"),
            ltv.alias("ltv"),
            pl.Series("currency", [currency.code] * grid.height, pl.String),
        ]
    )


def _money(column: pl.Series, scale: int) -> pl.Series:
    largest = int(column.abs().max() or 0)  # type: ignore[arg-type]
    return decimals(column.cast(pl.Decimal(38, 0)), scale, largest)


_LTV_STAGES = Staged(_ltv_settings, _ltv_partial, _ltv_final)


def cohort_ltv(
    frame: object,
    *,
    as_of: dt.date | str,
    currency: Currency | str,
    gross_margin: DecimalInput | None = None,
    customer: str = "customer",
    placed_on: str = "placed_on",
    amount: str = "amount",
    contribution: str | None = "contribution",
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    """Cohorts by first-order month, with revenue, contribution and LTV month by month.

    Equal to :func:`xborder.kpi.cohort_ltv` on the same orders. An order's
    contribution is its ``contribution`` cell if given, else
    ``amount × gross_margin`` (:func:`xborder.kpi.rules.contribution_of`);
    an order before ``as_of`` with neither is reported, as the scalar
    refuses it.

    Args:
        frame: One row per order (see :func:`rfm`).
        as_of: First day not covered by the data.
        currency: The currency of every amount.
        gross_margin: A margin (0 to 1) for orders without a contribution.
        customer: The column of customer keys.
        placed_on: The column of order days.
        amount: The column of order amounts.
        contribution: The column of order contributions (any sign, empty
            where unknown), or ``None``.
        floats: ``"refuse"`` or ``"shortest"`` (see :func:`rfm`).
        errors: ``"report"`` or ``"raise"`` (see :func:`rfm`).

    Returns:
        A :class:`Result` whose table has the columns :data:`LTV`, one row
        per cohort and month offset: ``cohort`` (Date), ``period`` and
        ``size`` (Int64), ``revenue``, ``contribution`` and
        ``cumulative_contribution`` (exact Decimals), ``ltv`` (the
        cumulative contribution per customer, ``MoneyRatio.round`` half-even
        to the currency's minor unit) and ``currency``.

    Examples:
        >>> import polars as pl
        >>> from xborder import frames
        >>> orders = pl.DataFrame({
        ...     "customer": ["ana", "ana", "ben"],
        ...     "placed_on": ["2026-01-04", "2026-03-11", "2026-01-20"],
        ...     "amount": ["40.00", "40.00", "60.00"],
        ... })
        >>> table = frames.cohort_ltv(orders, as_of="2026-04-01", currency="EUR",
        ...     gross_margin="0.5", contribution=None).table
        >>> print(table.select("period", "cumulative_contribution", "ltv"))
        shape: (3, 3)
        ┌────────┬─────────────────────────┬───────────────┐
        │ period ┆ cumulative_contribution ┆ ltv           │
        │ ---    ┆ ---                     ┆ ---           │
        │ i64    ┆ decimal[18,3]           ┆ decimal[18,2] │
        ╞════════╪═════════════════════════╪═══════════════╡
        │ 0      ┆ 50.000                  ┆ 25.00         │
        │ 1      ┆ 50.000                  ┆ 25.00         │
        │ 2      ┆ 70.000                  ┆ 35.00         │
        └────────┴─────────────────────────┴───────────────┘
    """
    return _LTV_STAGES.run(
        frame,
        {
            "as_of": as_of, "currency": currency, "gross_margin": gross_margin,
            "customer": customer, "placed_on": placed_on, "amount": amount,
            "contribution": contribution, "floats": floats, "errors": errors,
        },
    )  # fmt: skip


setattr(cohort_ltv, STAGES, _LTV_STAGES)
