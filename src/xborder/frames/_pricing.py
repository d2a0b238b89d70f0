"""Unit economics for every SKU × market row of a table (private).

Each market's :class:`~xborder.pricing.Listing` gives the rules (fees, VAT,
returns, ads); the table gives, per row, the price and the costs. The
waterfall is :mod:`xborder.pricing.rules`, evaluated by the column engine.
Should a step risk leaving Int128's range (values near 10^21 with long
rates), that market's rows are computed by the scalar engine, one by one,
with the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import attrs
import polars as pl

from xborder._ops import DECIMALS, divide_exactly
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.frames._columns import FLOATS, Problem, decimals, read_amount
from xborder.frames._engine import Columns, NotExact, plan
from xborder.frames._errors import ROW, bad_rows, check_mode, errors_frame, raise_first
from xborder.frames._native import Native, is_table, native
from xborder.pricing import Listing
from xborder.pricing.rules import Figures, costs_of, figures_of, waterfall_of

__all__ = [
    "ECONOMICS",
    "MARGIN_PLACES",
    "OK",
    "Names",
    "Result",
    "by_market",
    "check_floats",
    "check_other",
    "check_shipping",
    "columnar",
    "defaults",
    "listings_by_market",
    "no_clash",
    "read_inputs",
    "refund_policies",
    "unit_economics",
]

ECONOMICS = ("currency", *Figures._fields, "margin")
"""The columns :func:`unit_economics` adds, in order."""

MARGIN_PLACES = Decimal("1E-10")
"""The margin column: contribution ÷ net revenue to ten places, half-even."""

OK = "__xb_ok"
"""The column marking rows that passed every check."""
_LARGEST = Decimal("1E+21")  # the waterfall's own range (pricing's check_range)


@attrs.frozen
class Result:
    """A table computed row by row, and the rows that could not be.

    Attributes:
        table: The input table with the result columns added, in the
            caller's frame library; rows that failed have empty results.
        errors: One row per problem: ``row`` (the input row's position),
            ``field``, ``value`` and ``message``.
    """

    table: Any = attrs.field(validator=is_table)
    errors: Any = attrs.field(validator=is_table)


@attrs.frozen
class Names:
    """The caller's column names for each input, and how floats are read."""

    price: str | None  # None where the price is what is solved for
    landed: str | None
    fulfilment: str | None
    other: tuple[str, ...]
    floats: str
    shipping: str | None = None  # the shipping charged per unit, if a column

    def roles(self) -> dict[str, str | None]:
        extra = {f"other[{i}]": name for i, name in enumerate(self.other)}
        return {
            "price": self.price,
            "landed": self.landed,
            "fulfilment": self.fulfilment,
            **extra,
            "shipping": self.shipping,
        }


def unit_economics(
    frame: object,
    listings: Listing | Mapping[str, Listing],
    *,
    market: str | None = None,
    price: str = "price",
    landed: str | None = "landed",
    fulfilment: str | None = None,
    other: Sequence[str] = (),
    shipping_charged: str | None = None,
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    """The waterfall of every row: see :func:`xborder.frames.unit_economics`.

    ``shipping_charged`` names a column of the shipping the buyer pays per
    unit on top of the price (the listing's
    :class:`~xborder.pricing.ShippingCharge` says whether a refund gives it
    back); without one, the listing's charge, if any, applies to every row.
    """
    mode = check_mode(errors)
    if not isinstance(price, str):
        raise InvalidTypeError(field="price", value=price, expected="a column name")
    names = Names(
        price, landed, fulfilment, check_other(other), check_floats(floats),
        check_shipping(shipping_charged),
    )  # fmt: skip
    rules = listings_by_market(listings, market)
    refund_policies(rules, names)
    runs = run_markets(
        frame,
        lambda key, rows: _economics(rows, rules[key], names),
        market=market,
        rules=rules,
        added=ECONOMICS,
        mode=mode,
    )
    results = assemble(runs.parts, runs.unmatched, rules, ECONOMICS)
    out = runs.given.frame.hstack(results)
    return Result(runs.given.back(out), runs.given.back(runs.errors))


TEXT = frozenset({"currency", "rule"})
"""The text columns among the results; the others are decimals."""


def assemble(
    parts: list[pl.DataFrame],
    unmatched: pl.DataFrame,
    rules: Mapping[str | None, Listing],
    names: Sequence[str],
) -> pl.DataFrame:
    """Each market's results in the input's order, with one type per column.

    Money has the largest scale among the listings' currencies (every
    amount is exact at it), precision 18 where every value fits, else 38;
    ``margin`` has ten places. The types depend on the listings, not on
    which rows a table (or a Dask partition) happens to hold.
    """
    if unmatched.height or not parts:
        parts = [*parts, unmatched.select(ROW)]
    results = pl.concat(parts, how="diagonal_relaxed")
    if len(parts) > 1:  # markets computed apart: back to the input's order
        results = results.sort(ROW)
    scale = max(listing.currency.exponent for listing in rules.values())

    def places(name: str) -> int:
        return 10 if name == "margin" else scale

    # A Decimal(18, places) column fits by its type; the others are measured,
    # all in one parallel pass over the frame.
    measured = [
        n
        for n in names
        if n in results.schema
        and n not in TEXT
        and results.schema[n] != pl.Decimal(18, places(n))
    ]
    largest = (
        results.select(pl.col(measured).abs().max()).row(0, named=True)
        if measured
        else {}
    )
    typed = []
    for name in names:
        column = results.get_column(name) if name in results.schema else None
        if name in TEXT:
            kind: pl.DataType = pl.String()
        else:
            fits = int(largest.get(name) or 0) < 10 ** (18 - places(name))
            kind = pl.Decimal(18 if fits else 38, places(name))
        if column is None:
            column = pl.Series(name, [None] * results.height, dtype=kind)
        elif column.dtype != kind:
            column = column.cast(kind)
        typed.append(column)
    return pl.DataFrame(typed)


def check_other(other: object) -> tuple[str, ...]:
    if isinstance(other, str) or not isinstance(other, Sequence):
        raise InvalidTypeError(
            field="other", value=other, expected="a list of column names"
        )
    for index, name in enumerate(other):
        if not isinstance(name, str):
            raise InvalidTypeError(
                field=f"other[{index}]", value=name, expected="a column name"
            )
    return tuple(other)


def check_shipping(column: object) -> str | None:
    """The shipping-charged column's name, or ``None``."""
    if column is not None and not isinstance(column, str):
        raise InvalidTypeError(
            field="shipping_charged", value=column, expected="a column name or None"
        )
    return column


def refund_policies(rules: Mapping[str | None, Listing], names: Names) -> None:
    """Refuse a shipping column where a listing's returns don't say who keeps it."""
    if names.shipping is None:
        return
    for key, listing in rules.items():
        charge = listing.shipping_charged
        said = charge is not None and charge.refunded_on_return is not None
        if listing.returns is not None and listing.returns.rate and not said:
            field = "listings" if key is None else f"listings[{key!r}]"
            raise InvalidInputError(
                "a refund gives the shipping charge back or keeps it; give the "
                "listing a ShippingCharge that says which",
                field=f"{field}.shipping_charged.refunded_on_return",
                value=None,
                expected="True or False where the listing has returns",
            )


def check_floats(floats: object) -> str:
    if not isinstance(floats, str) or floats not in FLOATS:
        raise InvalidInputError(
            field="floats", value=floats, expected="'refuse' or 'shortest'"
        )
    return str(floats)


def listings_by_market(
    listings: Listing | Mapping[str, Listing], market: str | None
) -> dict[str | None, Listing]:
    if isinstance(listings, Listing):
        return {None: listings}
    if not isinstance(listings, Mapping) or not listings:
        raise InvalidTypeError(
            field="listings",
            value=listings,
            expected="a Listing, or a mapping of market to Listing",
        )
    if not isinstance(market, str):
        raise InvalidInputError(
            "name the column that holds each row's market",
            field="market",
            value=market,
            expected="a column name when listings is a mapping",
        )
    for key, listing in listings.items():
        if not isinstance(key, str):
            raise InvalidTypeError(
                field="listings", value=key, expected="market names as str"
            )
        if not isinstance(listing, Listing):
            raise InvalidTypeError(
                field=f"listings[{key!r}]", value=listing, expected="a Listing"
            )
    return {str(key): listing for key, listing in listings.items()}


def no_clash(table: pl.DataFrame, added: Sequence[str] = ECONOMICS) -> None:
    """Refuse a table that already has a column the result would add."""
    taken = [name for name in added if name in table.schema]
    if taken:
        raise InvalidInputError(
            "the result columns would replace them; rename them first",
            field="frame",
            value=taken,
            expected=f"no columns named {', '.join(added)}",
        )


def by_market(
    table: pl.DataFrame, market: str | None, rules: Mapping[str | None, Listing]
) -> tuple[list[tuple[str | None, pl.DataFrame]], list[pl.DataFrame], pl.DataFrame]:
    """Each market's rows, the problems found, and the rows of unknown markets."""
    if market is None:
        return [(None, table)], [errors_frame(table, [])], table.clear()
    if not isinstance(market, str) or market not in table.schema:
        raise InvalidInputError(
            field="market", value=market, expected="a column of the table"
        )
    names = pl.col(market).cast(pl.String)
    known = names.is_in([key for key in rules if key is not None])
    choices = ", ".join(repr(key) for key in rules)
    unknown = Problem(
        market, ~known.fill_null(value=False), f"a market in listings ({choices})"
    )
    groups = table.filter(known).partition_by(market, as_dict=True, maintain_order=True)
    return (
        [(str(key[0]), rows) for key, rows in groups.items()],
        [errors_frame(table, [unknown])],
        table.filter(~known.fill_null(value=False)),
    )


@attrs.frozen
class MarketRuns:
    """Every market's rows computed apart (see :func:`run_markets`).

    Attributes:
        given: The caller's frame, and the way back to its library.
        parts: Each market's results, keyed by row.
        unmatched: The rows of no known market.
        errors: Every problem of every row, in row order.
    """

    given: Native
    parts: list[pl.DataFrame]
    unmatched: pl.DataFrame
    errors: pl.DataFrame


def run_markets(
    frame: object,
    compute: Callable[[str | None, pl.DataFrame], tuple[pl.DataFrame, pl.DataFrame]],
    *,
    market: str | None,
    rules: Mapping[str | None, Listing],
    added: Sequence[str],
    mode: str,
) -> MarketRuns:
    """Split a table by market, ``compute`` each market's rows, gather the problems.

    ``compute`` gets a market's key and rows and returns its results and
    problems. With ``mode == "raise"`` the first problem of the table is
    raised once every market has been checked.
    """
    given = native(frame)
    table = given.frame.with_row_index(ROW)
    no_clash(table, added)
    groups, problems, unmatched = by_market(table, market, rules)
    parts = []
    for key, rows in groups:
        found, failed = compute(key, rows)
        parts.append(found)
        problems.append(failed)
    errors = pl.concat(problems, how="vertical_relaxed").sort(
        "row", maintain_order=True
    )
    if mode == "raise":
        raise_first(errors)
    return MarketRuns(given, parts, unmatched, errors)


def _economics(
    rows: pl.DataFrame, listing: Listing, names: Names
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One market's figures (keyed by row) and problems."""
    currency = listing.currency
    scale = currency.exponent
    unit = f"{currency.minor_unit} {currency.code}"
    frame, columns, problems = read_inputs(rows, names, scale, unit)
    frame = frame.with_columns(bad_rows(problems).not_().alias(OK))
    try:
        figures = columnar(frame, listing, columns, scale)
    except NotExact:
        valid = frame.filter(pl.col(OK))
        computed = _one_by_one(valid, listing, columns, scale)
        figures = frame.select(ROW).join(computed, on=ROW, how="left")
    currency_code = pl.when(pl.col(OK)).then(pl.lit(currency.code))
    figures = figures.with_columns(
        frame.select(currency_code).to_series().alias("currency")
    )
    return figures, errors_frame(frame, problems)


def read_inputs(
    rows: pl.DataFrame, names: Names, scale: int, unit: str
) -> tuple[pl.DataFrame, dict[str, str], list[Problem]]:
    """Each named column as Int128 minor units, and every check the scalar makes."""
    limit = int(_LARGEST.scaleb(scale))
    frame = rows
    columns: dict[str, str] = {}
    problems: list[Problem] = []
    for role, column in names.roles().items():
        if column is None:
            continue
        frame, read = read_amount(
            frame,
            column,
            scale=scale,
            into=f"__xb_{role}",
            floats=names.floats,
            unit=unit,
        )
        value = pl.col(read.name)
        problems.extend(read.problems)
        problems.append(Problem(column, value.abs() >= limit, "an amount below 10^21"))
        if role == "price":
            problems.append(Problem(column, value <= 0, "a price > 0"))
        else:
            problems.append(Problem(column, value < 0, "an amount >= 0"))
        columns[role] = read.name
    return frame, columns, problems


def defaults(listing: Listing) -> dict[str, Decimal]:
    """The listing's own costs, for the roles the table gives no column for."""
    costs = listing.costs
    found = {"landed": costs.landed, "fulfilment": costs.fulfilment}
    values = {}
    for role, money in found.items():
        if money is None:
            values[role] = Decimal(0)
        elif money.currency != listing.currency:
            raise InvalidInputError(
                "give the costs as a column in the listing currency",
                field=f"listings.costs.{role}",
                value=money,
                expected=f"an amount in {listing.currency.code}",
            )
        else:
            values[role] = money.amount
    return values


def columnar(
    frame: pl.DataFrame, listing: Listing, columns: dict[str, str], scale: int
) -> pl.DataFrame:
    """The figures of every row by the column engine (empty on rows not ``OK``).

    Rows that failed a check are computed too, and masked: their values
    bound nothing (the bounds are taken over good rows), so what the plan
    makes of them is never shown.
    """
    fallback = defaults(listing)
    ok = pl.col(OK)
    largest = frame.select(
        pl.when(ok).then(pl.col(c)).abs().max() for c in columns.values()
    )
    bounds = {
        name: int(largest.get_column(name).item() or 0) for name in columns.values()
    }

    def build(engine: Columns) -> dict[str, Any]:
        inputs = {
            role: engine.input(name, scale, bounds[name])
            for role, name in columns.items()
        }
        other: Any = Decimal(0)
        for role, value in inputs.items():
            if role.startswith("other"):
                other = engine.add(other, value)
        costs = costs_of(
            engine,
            listing,
            inputs.get("landed", fallback["landed"]),
            inputs.get("fulfilment", fallback["fulfilment"]),
            other,
        )
        amounts = waterfall_of(
            engine,
            listing,
            inputs["price"],
            costs.total,
            shipping=inputs.get("shipping"),
        )
        figures = figures_of(engine, listing, amounts, costs)
        margin = engine.divide(
            figures.contribution, figures.net_revenue, MARGIN_PLACES, ROUND_HALF_EVEN
        )
        # Every money figure at the currency's scale, a fixed fee of 0 too
        # (adding a zero of that scale changes no value, only the scale).
        zero = Decimal(0).scaleb(-scale)
        money = {name: engine.add(v, zero) for name, v in figures._asdict().items()}
        return {**money, "margin": margin}

    engine, outputs = plan(build)
    computed = engine.run(frame.lazy(), outputs, where=ok)
    return pl.DataFrame(
        [
            frame.get_column(ROW),
            *(
                decimals(computed.get_column(n), v.scale, v.bound)
                for n, v in outputs.items()
            ),
        ]
    )


def _one_by_one(
    valid: pl.DataFrame, listing: Listing, columns: dict[str, str], scale: int
) -> pl.DataFrame:
    """The figures of the valid rows, by the scalar engine (same rules)."""
    fallback = defaults(listing)
    rows = valid.select(ROW, *columns.values()).iter_rows(named=True)
    records = [_scalar_row(row, listing, columns, fallback, scale) for row in rows]
    schema: dict[str, pl.DataType] = {ROW: pl.UInt32()}
    schema |= dict.fromkeys(Figures._fields, pl.Decimal(38, scale))
    schema["margin"] = pl.Decimal(38, 10)
    return pl.DataFrame(records, schema=schema, orient="row")


def _scalar_row(
    row: dict[str, Any],
    listing: Listing,
    columns: dict[str, str],
    fallback: dict[str, Decimal],
    scale: int,
) -> list[object]:
    def amount(role: str) -> Decimal:
        if role in columns:
            return Decimal(row[columns[role]]).scaleb(-scale)
        return fallback[role]

    other = sum(
        (amount(role) for role in columns if role.startswith("other")), Decimal(0)
    )
    costs = costs_of(DECIMALS, listing, amount("landed"), amount("fulfilment"), other)
    shipping = amount("shipping") if "shipping" in columns else None
    amounts = waterfall_of(
        DECIMALS, listing, amount("price"), costs.total, shipping=shipping
    )
    figures = figures_of(DECIMALS, listing, amounts, costs)
    net = figures.net_revenue
    margin = (
        divide_exactly(figures.contribution, net, MARGIN_PLACES, ROUND_HALF_EVEN)
        if net
        else None
    )
    return [row[ROW], *figures, margin]
