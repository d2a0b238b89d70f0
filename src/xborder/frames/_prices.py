"""Break-even, target-margin and target-markup prices for every row (private).

The answer, as for the scalar solvers, is the lowest price in whole minor
units at which the rounded waterfall meets the target
(:mod:`xborder.pricing.rules`). The search runs on whole columns:

1. **Where to start.** The target's unrounded value is linear on each piece
   of the fee schedule (:func:`~xborder.pricing.rules.pieces`). Lowered by
   the rounding slack, it says where a price can first meet the target. A
   float estimate of that point, moved down by a margin far wider than any
   float error, only chooses where the exact search starts: at or below the
   answer.
2. **The exact search.** From there the rounded waterfall is evaluated
   exactly on every row that has not met the target yet, one minor unit up
   each round, so each row stops at its lowest price that meets it.
3. **Band edges.** Where a whole-price tier's fee jumps, the prices around
   each edge are tried too, as the scalar solver tries them.

A row that has not met the target after :data:`ROUNDS` rounds, or whose
target no price reaches, is solved by the scalar solver with the same rules,
so every row gets the scalar's answer or its error.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

from xborder.errors import InvalidInputError, XborderError
from xborder.frames._columns import decimals
from xborder.frames._engine import Columns, NotExact, plan
from xborder.frames._errors import (
    ROW,
    SCHEMA,
    bad_rows,
    check_mode,
    errors_frame,
)
from xborder.frames._pricing import (
    ECONOMICS,
    OK,
    Names,
    Result,
    assemble,
    check_floats,
    check_other,
    check_shipping,
    columnar,
    defaults,
    listings_by_market,
    read_inputs,
    refund_policies,
    run_markets,
)
from xborder.money import Money
from xborder.pricing import (
    FixedAmount,
    Listing,
    PriceSolution,
    ShippingCharge,
    UnitCosts,
)
from xborder.pricing.rules import (
    Target,
    break_even,
    costs_of,
    edge_prices,
    margin_of,
    markup_of,
    pieces,
    value_of,
    waterfall_of,
)

if TYPE_CHECKING:
    from xborder._validate import DecimalInput

__all__ = [
    "PRICES",
    "ROUNDS",
    "break_even_prices",
    "target_margin_prices",
    "target_markup_prices",
]

PRICES = ("price", "rule", *ECONOMICS)
"""The columns the price solvers add, in order."""

ROUNDS = 48
"""Rounds of the exact search before a row is left to the scalar solver."""

_PRICE = "__xb_price"
_COSTS = "__xb_costs"
_START = "__xb_start"
_LARGEST = Decimal("1E+21")
_TOLERANCE = 1e-9  # relative: float error is below 1e-15 after a few steps


def break_even_prices(
    frame: object,
    listings: Listing | Mapping[str, Listing],
    *,
    market: str | None = None,
    landed: str | None = "landed",
    fulfilment: str | None = None,
    other: Sequence[str] = (),
    shipping_charged: str | None = None,
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    """The lowest price at which each row's contribution is not negative.

    Each row is one SKU in one market: its costs in columns, the market's
    fees, VAT, returns and ads in its :class:`~xborder.pricing.Listing`
    (one for the table, or one per value of the ``market`` column). The
    answer is :func:`xborder.pricing.break_even_price` for the row, to the
    last digit.

    Args:
        frame: A polars DataFrame or LazyFrame, a pandas DataFrame or a
            pyarrow Table.
        listings: One Listing, or a mapping of market to Listing.
        market: The column naming each row's market (with a mapping).
        landed: The column of landed cost per unit (None: the listing's).
        fulfilment: The column of own fulfilment per unit (None: the
            listing's).
        other: Columns of other per-unit costs.
        shipping_charged: The column of shipping the buyer pays per unit on
            top of the price (None: the listing's charge, if any). The item
            price is solved with it fixed; rows are solved per distinct charge.
        floats: ``"refuse"`` float cost columns, or read each float as its
            ``"shortest"`` decimal.
        errors: ``"report"`` bad rows in :attr:`Result.errors`, or
            ``"raise"`` on the first.

    Returns:
        The table with :data:`PRICES` added: ``price`` (Decimal at the
        currency's scale), ``rule`` (the fees holding at that price), and
        the waterfall at that price (see :func:`unit_economics`).
    """
    return _solve(
        frame, listings, kind="break_even", target=None, market=market,
        landed=landed, fulfilment=fulfilment, other=other,
        shipping_charged=shipping_charged, floats=floats, errors=errors,
    )  # fmt: skip


def target_margin_prices(
    frame: object,
    listings: Listing | Mapping[str, Listing],
    margin: DecimalInput | Mapping[str, DecimalInput],
    *,
    market: str | None = None,
    landed: str | None = "landed",
    fulfilment: str | None = None,
    other: Sequence[str] = (),
    shipping_charged: str | None = None,
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    """The lowest price whose margin reaches ``margin``, for every row.

    ``margin`` is one margin on net revenue (``"0.30"``), or one per market.
    The answer is :func:`xborder.pricing.target_margin_price` for the row;
    a row whose margin no price reaches is reported in
    :attr:`Result.errors` with the scalar solver's reason. Arguments and
    result as :func:`break_even_prices`.
    """
    return _solve(
        frame, listings, kind="margin", target=margin, market=market,
        landed=landed, fulfilment=fulfilment, other=other,
        shipping_charged=shipping_charged, floats=floats, errors=errors,
    )  # fmt: skip


def target_markup_prices(
    frame: object,
    listings: Listing | Mapping[str, Listing],
    markup: DecimalInput | Mapping[str, DecimalInput],
    *,
    market: str | None = None,
    landed: str | None = "landed",
    fulfilment: str | None = None,
    other: Sequence[str] = (),
    shipping_charged: str | None = None,
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    """The lowest price whose markup on total cost reaches ``markup``, for every row.

    The answer is :func:`xborder.pricing.target_markup_price` for the row.
    Arguments and result as :func:`break_even_prices`.
    """
    return _solve(
        frame, listings, kind="markup", target=markup, market=market,
        landed=landed, fulfilment=fulfilment, other=other,
        shipping_charged=shipping_charged, floats=floats, errors=errors,
    )  # fmt: skip


def _solve(
    frame: object,
    listings: Listing | Mapping[str, Listing],
    *,
    kind: str,
    target: DecimalInput | Mapping[str, DecimalInput] | None,
    market: str | None,
    landed: str | None,
    fulfilment: str | None,
    other: Sequence[str],
    shipping_charged: str | None,
    floats: str,
    errors: str,
) -> Result:
    """The solved price of every row (the three public solvers)."""
    mode = check_mode(errors)
    names = Names(
        None, landed, fulfilment, check_other(other), check_floats(floats),
        check_shipping(shipping_charged),
    )  # fmt: skip
    rules = listings_by_market(listings, market)
    refund_policies(rules, names)
    targets = _targets(kind, target, rules)
    runs = run_markets(
        frame,
        lambda key, rows: _market(rows, rules[key], targets[key], kind, names),
        market=market,
        rules=rules,
        added=PRICES,
        mode=mode,
    )
    out = runs.given.frame.hstack(assemble(runs.parts, runs.unmatched, rules, PRICES))
    return Result(runs.given.back(out), runs.given.back(runs.errors))


def _targets(
    kind: str,
    value: DecimalInput | Mapping[str, DecimalInput] | None,
    rules: Mapping[str | None, Listing],
) -> dict[str | None, Target]:
    """The target per market, checked as the scalar solvers check it."""
    if kind == "break_even":
        return dict.fromkeys(rules, break_even())
    build = margin_of if kind == "margin" else markup_of
    if not isinstance(value, Mapping):
        return dict.fromkeys(rules, _named(build, value, kind))
    missing = [key for key in rules if key not in value]
    if missing:
        raise InvalidInputError(
            field=kind,
            value=sorted(map(str, missing)),
            expected=f"a {kind} for every market in listings",
        )
    return {key: _named(build, value[str(key)], f"{kind}[{key!r}]") for key in rules}


def _named(build: Callable[[Any], Target], value: object, field: str) -> Target:
    try:
        return build(value)
    except XborderError as error:
        raise type(error)(
            error.detail, field=field, value=error.value, expected=error.expected
        ) from None


def _market(
    rows: pl.DataFrame, listing: Listing, target: Target, kind: str, names: Names
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One market's solved prices and figures (keyed by row), and its problems."""
    currency = listing.currency
    scale = currency.exponent
    unit = f"{currency.minor_unit} {currency.code}"
    frame, columns, problems = read_inputs(rows, names, scale, unit)
    frame = frame.with_columns(bad_rows(problems).not_().alias(OK))
    good = frame.filter(pl.col(OK))
    costs = {role: name for role, name in columns.items() if role != "shipping"}
    shipping = columns.get("shipping")
    found_prices, failed, rules = [], [], []
    for charged, group, rows_listing in _by_charge(good, listing, shipping, scale):
        try:
            settled, left = _search(group, rows_listing, target, costs, scale)
        except NotExact:
            empty = {ROW: group.schema[ROW], _PRICE: pl.Int64()}
            settled, left = pl.DataFrame(schema=empty), group
        by_scalar, errors = _one_by_one(
            left, listing=rows_listing, kind=kind, target=target, columns=costs,
            scale=scale,
        )  # fmt: skip
        found_prices += [settled.select(ROW, _PRICE), by_scalar]
        failed.append(errors)
        rules.append((charged, _rule(rows_listing, target, scale)))
    prices = pl.concat(found_prices, how="vertical_relaxed")
    frame = frame.join(prices, on=ROW, how="left", maintain_order="left")
    frame = frame.with_columns(pl.col(OK) & pl.col(_PRICE).is_not_null())
    figures = columnar(frame, listing, {**columns, "price": _PRICE}, scale)
    largest = int(frame.select(pl.col(_PRICE).max()).item() or 0)
    solved = figures.with_columns(
        price=decimals(
            frame.get_column(_PRICE).cast(pl.Decimal(38, 0)), scale, largest
        ),
        rule=_rules(frame, shipping, rules),
        currency=pl.when(frame.get_column(OK)).then(pl.lit(currency.code)),
    )
    found = [errors_frame(frame, problems), *failed]
    return solved, pl.concat(found, how="vertical_relaxed")


def _by_charge(
    good: pl.DataFrame, listing: Listing, shipping: str | None, scale: int
) -> list[tuple[int | None, pl.DataFrame, Listing]]:
    """The rows by shipping charged, each with the listing charging it.

    The fee pieces move with the charge (a base reaches each edge sooner),
    so each distinct charge is solved with its own listing, as the scalar
    solver would solve that row.
    """
    if shipping is None or not good.height:
        return [(None, good, listing)]
    import attrs  # noqa: PLC0415 - only with a shipping column

    policy = listing.shipping_charged
    refunded = None if policy is None else policy.refunded_on_return
    groups: list[tuple[int | None, pl.DataFrame, Listing]] = []
    for key, rows in good.partition_by(shipping, as_dict=True).items():
        units = int(key[0])
        amount = Money(Decimal(units).scaleb(-scale), listing.currency)
        charge = ShippingCharge(amount=amount, refunded_on_return=refunded)
        groups.append((units, rows, attrs.evolve(listing, shipping_charged=charge)))
    return groups


def _search(
    good: pl.DataFrame,
    listing: Listing,
    target: Target,
    columns: dict[str, str],
    scale: int,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The rows whose lowest met price the exact search finds, and the rest."""
    good = _with_costs(good, listing, columns, scale)
    good = good.with_columns(_start(listing, target, scale))
    limit = int(_LARGEST.scaleb(scale))
    startable = pl.col(_START).is_not_null() & (pl.col(_START) + ROUNDS < limit)
    active = good.filter(startable).with_columns(pl.col(_START).alias(_PRICE))
    left = [good.filter(~startable)]
    edges = [int(edge.scaleb(scale)) for edge in edge_prices(listing)]
    top = max([int(active.select(pl.col(_PRICE).max()).item() or 0) + ROUNDS, *edges])
    bound = int(good.select(pl.col(_COSTS).abs().max()).item() or 0)
    engine, met = plan(
        lambda e: _met(
            e, listing=listing, target=target, scale=scale, top=top, bound=bound
        )
    )
    settled = []
    for _ in range(ROUNDS):
        if not active.height:
            break
        hit = engine.run(active.lazy(), {"met": met}, where=pl.lit(value=True))
        found = hit.get_column("met")
        settled.append(active.filter(found))
        active = active.filter(~found).with_columns(pl.col(_PRICE) + 1)
    left.append(active)
    solved = pl.concat(settled, how="vertical_relaxed") if settled else active.clear()
    for edge in edges:
        solved = _try_edge(engine, met, solved, edge)
    return solved, pl.concat(left, how="diagonal_relaxed")


def _with_costs(
    good: pl.DataFrame, listing: Listing, columns: dict[str, str], scale: int
) -> pl.DataFrame:
    """Each row's costs per unit in total (returns included), exactly."""
    fallback = defaults(listing)
    largest = good.select(pl.col(c).abs().max() for c in columns.values())
    bounds = {c: int(largest.get_column(c).item() or 0) for c in columns.values()}

    def build(engine: Columns) -> dict[str, Any]:
        inputs = {r: engine.input(c, scale, bounds[c]) for r, c in columns.items()}
        other: Any = Decimal(0)
        for role, value in inputs.items():
            if role.startswith("other"):
                other = engine.add(other, value)
        landed = inputs.get("landed", fallback["landed"])
        fulfilment = inputs.get("fulfilment", fallback["fulfilment"])
        costs = costs_of(engine, listing, landed, fulfilment, other)
        return {
            _COSTS: engine.quantize(
                costs.total, Decimal(1).scaleb(-scale), "ROUND_DOWN"
            )
        }

    engine, outputs = plan(build)
    computed = engine.run(good.lazy(), outputs, where=pl.lit(value=True))
    return good.with_columns(computed.get_column(_COSTS))


def _start(listing: Listing, target: Target, scale: int) -> pl.Expr:
    """Where the exact search starts: at or below the lowest price that can meet it.

    On each piece the loosened target's value is ``intercept + slope × p −
    w × costs``; the first piece where it reaches zero gives the point. In
    floats, every test leans toward an earlier piece and a lower point.
    """
    unit = 10.0**-scale
    weight = float(target.weight_c)
    costs = pl.col(_COSTS).cast(pl.Float64) * unit
    chosen: pl.Expr | None = None
    for piece in reversed(pieces(listing, target, loose=True)):
        low = max(float(piece.low), unit)
        slope, intercept = float(piece.slope), float(piece.intercept)
        value = intercept - weight * costs + slope * low
        room = (
            _TOLERANCE * (abs(intercept) + weight * costs.abs() + abs(slope) * low)
            + unit
        )
        later = chosen if chosen is not None else pl.lit(None, pl.Float64)
        if slope > 0:
            root = (weight * costs - intercept) / slope
            high = math.inf if piece.high is None else float(piece.high)
            later = (
                pl.when(root <= high + room)
                .then(pl.max_horizontal(root, pl.lit(low)))
                .otherwise(later)
            )
        chosen = pl.when(value >= -room).then(pl.lit(low)).otherwise(later)
    point = chosen if chosen is not None else pl.lit(None, pl.Float64)
    lowered = point - point.abs() * _TOLERANCE - 2 * unit
    steps = (lowered / unit).floor().clip(lower_bound=1)
    return pl.when(steps.is_finite()).then(steps.cast(pl.Int64)).alias(_START)


def _met(
    engine: Columns,
    *,
    listing: Listing,
    target: Target,
    scale: int,
    top: int,
    bound: int,
) -> pl.Expr:
    """Whether the rounded waterfall at the row's ``_PRICE`` meets ``target``."""
    price = engine.input(_PRICE, scale, top)
    costs = engine.input(_COSTS, scale, bound)
    amounts = waterfall_of(engine, listing, price, costs)
    return engine.at_least(value_of(engine, target, amounts), Decimal(0)).expr


def _try_edge(
    engine: Columns, met: pl.Expr, solved: pl.DataFrame, edge: int
) -> pl.DataFrame:
    """Rows whose answer is above ``edge`` and that meet the target at ``edge``."""
    above = solved.filter(pl.col(_PRICE) > edge)
    if not above.height:
        return solved
    at_edge = above.with_columns(pl.lit(edge, pl.Int64).alias(_PRICE))
    hit = engine.run(at_edge.lazy(), {"met": met}, where=pl.lit(value=True))
    moved = at_edge.filter(hit.get_column("met")).select(ROW, _PRICE)
    if not moved.height:
        return solved
    return solved.update(moved, on=ROW)


def _one_by_one(
    left: pl.DataFrame,
    *,
    listing: Listing,
    kind: str,
    target: Target,
    columns: dict[str, str],
    scale: int,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows the exact search left, by the scalar solver: prices, and errors."""
    fallback = defaults(listing)
    prices, problems = [], []
    for row in left.select(ROW, *columns.values()).iter_rows(named=True):
        costs = _costs(row, columns, fallback, listing, scale)
        try:
            solution = _scalar(listing, costs, kind, target)
        except XborderError as error:
            problems.append(
                (row[ROW], error.field or kind, str(error.value), str(error))
            )
            continue
        steps = int(solution.price.amount.scaleb(scale))
        prices.append((row[ROW], steps))
    solved = pl.DataFrame(
        prices, schema={ROW: pl.UInt32, _PRICE: pl.Int64}, orient="row"
    )
    errors = pl.DataFrame(problems, schema=SCHEMA, orient="row")
    return solved, errors


def _costs(
    row: dict[str, Any],
    columns: dict[str, str],
    fallback: dict[str, Decimal],
    listing: Listing,
    scale: int,
) -> UnitCosts:
    currency = listing.currency

    def amount(role: str) -> Decimal:
        if role in columns:
            return Decimal(row[columns[role]]).scaleb(-scale)
        return fallback[role]

    other = tuple(
        FixedAmount(label=role, amount=Money(amount(role), currency))
        for role in columns
        if role.startswith("other")
    )
    return UnitCosts(
        landed=Money(amount("landed"), currency),
        fulfilment=Money(amount("fulfilment"), currency),
        other=other,
    )


def _scalar(
    listing: Listing, costs: UnitCosts, kind: str, target: Target
) -> PriceSolution:
    import attrs  # noqa: PLC0415 - only for the rows the search left

    row = attrs.evolve(listing, costs=costs)
    if kind == "break_even":
        return row.break_even_price()
    if kind == "margin":
        return row.price_for_margin(target.weight_n)
    return row.price_for_markup(target.weight_n)


def _rule(listing: Listing, target: Target, scale: int) -> pl.Expr:
    """Which fees hold at each row's price, in words (the piece holding it)."""
    price = pl.col(_PRICE)
    rule: pl.Expr = pl.lit(None, pl.String)
    for piece in reversed(pieces(listing, target)):
        if piece.high is None:
            rule = pl.lit(piece.rule)
            continue
        edge = math.floor(piece.high.scaleb(scale))  # an edge belongs below it
        rule = pl.when(price <= edge).then(pl.lit(piece.rule)).otherwise(rule)
    return rule


def _rules(
    frame: pl.DataFrame, shipping: str | None, rules: list[tuple[int | None, pl.Expr]]
) -> pl.Series:
    """Each row's rule, from the listing charging its shipping."""
    if shipping is None or len(rules) == 1:  # one listing for every row
        rule = rules[0][1]
    else:
        rule = pl.lit(None, pl.String)
        for charged, expr in rules:
            rule = pl.when(pl.col(shipping) == charged).then(expr).otherwise(rule)
    return frame.select(pl.when(pl.col(OK)).then(rule)).to_series()
