"""Is a promotion worth it, for every SKU × market row of a table (private).

Each row gives a shelf price, its costs and the baseline units it would
sell over the promotion's period; each market's
:class:`~xborder.pricing.Listing` gives the fees, VAT, returns and ads, and
the promotion (one, or one per market) what is offered. Two steps, each
through the rules the scalar calculators evaluate:

1. **The two waterfalls, on columns.** The full-price and the promoted
   unit (:mod:`xborder.pricing.rules` for the waterfall,
   :mod:`xborder.pricing.promotions.rules` for the discounted price and the
   promotion's fee per unit) by the column engine: the part that costs.
   Should a step risk leaving Int128's range, that market's rows are
   evaluated by the same rules on Decimals, one by one.
2. **The period, per row.** From the two units' price, net revenue and
   contribution, :class:`~xborder.pricing.promotions.rules.Period` solves
   the lifts and the outcome on Decimals, as the scalar calculators do: its
   34-digit quotients have no fixed scale, so no integer column could hold
   them. The units and lifts are then rounded half-even to
   :data:`LIFT_PLACES` places.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any, cast

import polars as pl

from xborder._exact import EXACT
from xborder._ops import DECIMALS
from xborder._validate import require, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.frames._columns import Problem, read_exact
from xborder.frames._engine import NotExact, plan
from xborder.frames._errors import (
    ROW,
    SCHEMA,
    bad_rows,
    check_mode,
    errors_frame,
)
from xborder.frames._pricing import (
    OK,
    Names,
    Result,
    check_floats,
    check_other,
    defaults,
    listings_by_market,
    read_inputs,
    run_markets,
)
from xborder.pricing.promotions import Coupon, Deal, DemandEffects, Promotion
from xborder.pricing.promotions.rules import (
    Terms,
    Unit,
    discounted_of,
    period_of,
    promotion_fee_of,
    terms_of,
)
from xborder.pricing.rules import costs_of, waterfall_of

if TYPE_CHECKING:
    from xborder._validate import DecimalInput
    from xborder.money import Currency
    from xborder.pricing import Listing
    from xborder.pricing.promotions.rules import Lift, Outcome

__all__ = ["LIFT_PLACES", "OUTCOME", "PROMOTION", "promotion_lifts"]

LIFT_PLACES = Decimal("1E-10")
"""Units and lifts: the scalar's 34-digit values to ten places, half-even."""

_UNITS = (
    "promoted_price",
    "promotion_fee",
    "full_contribution",
    "promoted_contribution",
)
_LIFTS = ("units", "whole_units", "lift", "sales_lift")
PROMOTION = (
    "currency",
    *_UNITS,
    *(f"break_even_{name}" for name in _LIFTS),
    "margin_kept",
    *(f"margin_{name}" for name in _LIFTS),
)
"""The columns :func:`promotion_lifts` adds, in order."""

OUTCOME = (
    "outcome_units",
    "redemptions",
    "budget_exhausted",
    "outcome_contribution",
    "incremental_contribution",
    "ad_capacity_per_unit",
)
"""The columns added when an expected ``lift`` column is given."""

_MONEY = frozenset(
    {
        *_UNITS,
        "outcome_contribution",
        "incremental_contribution",
        "ad_capacity_per_unit",
    }
)
_WHOLE = frozenset({"break_even_whole_units", "margin_whole_units"})
_FITS = Decimal("1E+28")  # what Decimal(38, 10) holds
_WHOLE_FITS = Decimal(2**63)  # what Int64 holds
# The largest unit or lift each column holds (money and flags: no limit here).
_LIMITS: dict[str, Decimal] = {
    name: _WHOLE_FITS if name in _WHOLE else _FITS
    for name in (*PROMOTION, *OUTCOME)
    if name not in _MONEY and name not in {"currency", "budget_exhausted"}
}
_BASELINE = "__xb_baseline"
_LIFT = "__xb_lift"
# The figures step 1 computes, per row, at the currency's scale.
_FIGURES = tuple(
    f"__xb_unit_{name}"
    for name in ("price", "net", "contribution", "reduced", "promoted_net")
)
_FIGURES += ("__xb_unit_promoted", "__xb_unit_fee")
_PRICE, _REDUCED = _FIGURES[0], _FIGURES[3]


def promotion_lifts(
    frame: object,
    listings: Listing | Mapping[str, Listing],
    promotion: Promotion | Mapping[str, Promotion],
    *,
    market: str | None = None,
    price: str = "price",
    baseline: str = "baseline_units",
    lift: str | None = None,
    margin: DecimalInput | None = None,
    effects: DemandEffects | None = None,
    landed: str | None = "landed",
    fulfilment: str | None = None,
    other: Sequence[str] = (),
    floats: str = "refuse",
    errors: str = "report",
) -> Result:
    r"""Is a coupon or a deal worth it, for every SKU × market row?

    Each row is one SKU in one market: its shelf price, its costs and the
    units it would sell at that price over the promotion's period (the
    baseline). For each row the answer is
    :func:`~xborder.pricing.promotions.break_even_lift`,
    :func:`~xborder.pricing.promotions.margin_lift` and (with ``lift``)
    :func:`~xborder.pricing.promotions.promotion_outcome` for the row: money
    to the last digit, units and lifts (34-digit Decimals in the scalar
    results) rounded half-even to :data:`LIFT_PLACES` places. Both evaluate
    :mod:`xborder.pricing.promotions.rules` and :mod:`xborder.pricing.rules`.

    Args:
        frame: A polars DataFrame or LazyFrame, a pandas DataFrame or a
            pyarrow Table.
        listings: One Listing, or a mapping of market to Listing.
        promotion: A :class:`~xborder.pricing.promotions.Coupon` or
            :class:`~xborder.pricing.promotions.Deal`, or a mapping of
            market to one.
        market: The column naming each row's market (with mappings).
        price: The column of shelf prices (whole minor units, > 0).
        baseline: The column of baseline units over the period (> 0).
        lift: A column of expected lifts (>= -1; ``0.5`` is 50% more
            units): adds :data:`OUTCOME`.
        margin: The margin to keep for the ``margin_*`` columns, in (-1, 1);
            ``None`` for each row's full-price margin.
        effects: Cannibalisation, dip and halo for every row, or ``None``.
        landed: The column of landed cost per unit (None: the listing's).
        fulfilment: The column of own fulfilment per unit (None: the
            listing's).
        other: Columns of other per-unit costs.
        floats: ``"refuse"`` float columns, or read each float as its
            ``"shortest"`` decimal.
        errors: ``"report"`` bad rows in :attr:`Result.errors`, or
            ``"raise"`` on the first.

    Returns:
        The table with :data:`PROMOTION` added: ``currency``, the promoted
        unit (``promoted_price``, ``promotion_fee`` per redeemed unit,
        ``full_contribution`` and ``promoted_contribution``), then for
        keeping the contribution (``break_even_*``) and a margin
        (``margin_kept``, ``margin_*``): ``units``, ``whole_units``,
        ``lift`` and ``sales_lift``, empty where no lift reaches the
        target. With ``lift``, :data:`OUTCOME`: the period's units,
        redemptions, whether the budget ran out, its contribution, the
        incremental contribution (the ad spend the period can carry) and
        that per unit.

    Raises:
        InvalidTypeError: A column argument is not a name, a promotion is
            not a Coupon or a Deal.
        InvalidInputError: A margin outside (-1, 1); a mapping without a
            promotion for some market; a fee or budget in another currency
            than its market's listing.

    Examples:
        >>> import polars as pl
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, Listing, UnitCosts
        >>> from xborder.pricing.promotions import Deal, Discount
        >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
        ...                   costs=UnitCosts(landed=Money("60.00", "USD")))
        >>> deal = Deal(discount=Discount.percent_off("0.20"))
        >>> table = pl.DataFrame({"price": ["100.00", "80.00"],
        ...                       "landed": ["60.00", "40.00"],
        ...                       "baseline_units": [100, 40]})
        >>> result = promotion_lifts(table, listing, deal)
        >>> result.table.select("break_even_whole_units", "break_even_lift").rows()
        [(200, Decimal('1.0000000000')), (67, Decimal('0.6666666667'))]
    """
    mode = check_mode(errors)
    for field, value in (("price", price), ("baseline", baseline)):
        if not isinstance(value, str):
            raise InvalidTypeError(field=field, value=value, expected="a column name")
    if lift is not None and not isinstance(lift, str):
        raise InvalidTypeError(field="lift", value=lift, expected="a column name")
    names = Names(price, landed, fulfilment, check_other(other), check_floats(floats))
    rules = listings_by_market(listings, market)
    offers = _promotions(promotion, rules)
    kept = _margin(margin)
    if effects is not None and not isinstance(effects, DemandEffects):
        raise InvalidTypeError(
            field="effects", value=effects, expected="DemandEffects or None"
        )
    added = (*PROMOTION, *(OUTCOME if lift is not None else ()))

    def compute(
        key: str | None, rows: pl.DataFrame
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        setting = _Setting(rules[key], offers[key], effects, kept, names)
        return _market(rows, setting, baseline, lift)

    runs = run_markets(
        frame, compute, market=market, rules=rules, added=added, mode=mode
    )
    scale = max(listing.currency.exponent for listing in rules.values())
    results = _assemble(runs.parts, runs.unmatched, added, scale)
    out = runs.given.frame.hstack(results)
    return Result(runs.given.back(out), runs.given.back(runs.errors))


def _promotions(
    promotion: object, rules: Mapping[str | None, Listing]
) -> dict[str | None, Promotion]:
    """The promotion of each market: one for all, or one per market."""
    if isinstance(promotion, Coupon | Deal):
        return dict.fromkeys(rules, promotion)
    if not isinstance(promotion, Mapping) or None in rules:
        raise InvalidTypeError(
            field="promotion",
            value=promotion,
            expected="a Coupon or a Deal (a mapping of market to one with a "
            "mapping of listings)",
        )
    missing = sorted(str(key) for key in rules if key not in promotion)
    if missing:
        raise InvalidInputError(
            field="promotion", value=missing, expected="a promotion for every market"
        )
    found: dict[str | None, Promotion] = {}
    for key in rules:
        offer = promotion[key]
        if not isinstance(offer, Coupon | Deal):
            raise InvalidTypeError(
                field=f"promotion[{key!r}]", value=offer, expected="a Coupon or a Deal"
            )
        found[key] = offer
    return found


def _margin(value: DecimalInput | None) -> Decimal | None:
    """The margin to keep, checked as the scalar ``margin_lift`` checks it."""
    if value is None:
        return None
    margin = to_decimal(value, field="margin")
    require(
        -1 < margin < 1,
        field="margin",
        value=value,
        expected="a margin above -1 and below 1",
    )
    return margin


class _Setting:
    """One market's rules: listing, promotion and its terms, margin, columns."""

    def __init__(
        self,
        listing: Listing,
        promotion: Promotion,
        effects: DemandEffects | None,
        margin: Decimal | None,
        names: Names,
    ) -> None:
        self.listing = listing
        self.promotion = promotion
        self.currency: Currency = listing.currency
        self.scale = self.currency.exponent
        # Checked once: a fee or budget in another currency fails every row.
        self.terms: Terms = terms_of(promotion, self.currency, effects)
        self.margin = margin
        self.names = names

    def units(self, ops: Any, inputs: Mapping[str, Any]) -> dict[str, Any]:  # noqa: ANN401
        """The full-price and promoted units of a row (or of every row)."""
        fallback = defaults(self.listing)
        other: Any = Decimal(0)
        for role, value in inputs.items():
            if role.startswith("other"):
                other = ops.add(other, value)
        costs = costs_of(
            ops,
            self.listing,
            inputs.get("landed", fallback["landed"]),
            inputs.get("fulfilment", fallback["fulfilment"]),
            other,
        )
        price = inputs["price"]
        full = waterfall_of(ops, self.listing, price, costs.total)
        discount = self.promotion.discount
        reduced = discounted_of(ops, discount, price, self.currency)
        fee = promotion_fee_of(ops, self.promotion, reduced, self.listing)
        promoted = waterfall_of(ops, self.listing, reduced, costs.total, extra_fees=fee)
        # Every figure at the currency's scale (adding a zero of it).
        zero = Decimal(0).scaleb(-self.scale)
        values = (
            price,
            full.net,
            full.contribution,
            reduced,
            promoted.net,
            promoted.contribution,
            Decimal(0) if fee is None else fee,
        )
        return {
            name: ops.add(value, zero)
            for name, value in zip(_FIGURES, values, strict=True)
        }


def _market(
    rows: pl.DataFrame, setting: _Setting, baseline: str, lift: str | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One market's results (keyed by row) and problems."""
    currency, scale = setting.currency, setting.scale
    unit = f"{currency.minor_unit} {currency.code}"
    frame, columns, problems = read_inputs(rows, setting.names, scale, unit)
    frame, counts = _counts(frame, setting.names.floats, baseline, lift, problems)
    frame = frame.with_columns(bad_rows(problems).not_().alias(OK))
    units = _units(frame, setting, columns)
    frame = frame.hstack(units.drop(ROW))
    checks = _discount_checks(setting)
    problems.extend(checks)
    frame = frame.with_columns((pl.col(OK) & ~bad_rows(checks)).alias(OK))
    records, failed = _periods(frame.filter(pl.col(OK)), setting, counts)
    results = frame.select(ROW).join(records, on=ROW, how="left")
    found = [errors_frame(frame, problems), failed]
    return results, pl.concat(found, how="vertical_relaxed")


def _counts(
    frame: pl.DataFrame,
    floats: str,
    baseline: str,
    lift: str | None,
    problems: list[Problem],
) -> tuple[pl.DataFrame, dict[str, int]]:
    """The baseline units (> 0) and the expected lift (>= -1), read exactly."""
    frame, read, scale = read_exact(
        frame, baseline, at_least=0, into=_BASELINE, floats=floats
    )
    problems.extend(read.problems)
    problems.append(Problem(baseline, pl.col(_BASELINE) <= 0, "a number > 0"))
    scales = {_BASELINE: scale}
    if lift is not None:
        frame, read, scale = read_exact(
            frame, lift, at_least=0, into=_LIFT, floats=floats
        )
        problems.extend(read.problems)
        floor = -(10**scale)
        problems.append(
            Problem(
                lift, pl.col(_LIFT) < floor, "a lift >= -1 (30% more units is '0.30')"
            )
        )
        scales[_LIFT] = scale
    return frame, scales


def _units(
    frame: pl.DataFrame, setting: _Setting, columns: dict[str, str]
) -> pl.DataFrame:
    """Step 1: each row's two units, in minor units (empty where not ``OK``)."""
    scale = setting.scale
    ok = pl.col(OK)
    largest = frame.select(
        pl.when(ok).then(pl.col(c)).abs().max() for c in columns.values()
    )
    bounds = {c: int(largest.get_column(c).item() or 0) for c in columns.values()}
    try:
        engine, outputs = plan(
            lambda e: setting.units(
                e, {r: e.input(c, scale, bounds[c]) for r, c in columns.items()}
            )
        )
        computed = engine.run(frame.lazy(), outputs, where=ok)
    except NotExact:
        return _units_one_by_one(frame, setting, columns)
    return pl.concat([frame.select(ROW), computed], how="horizontal").with_columns(
        pl.col(name).cast(pl.Int128) for name in _FIGURES
    )


def _units_one_by_one(
    frame: pl.DataFrame, setting: _Setting, columns: dict[str, str]
) -> pl.DataFrame:
    """Step 1 by the same rules on Decimals, one row at a time."""
    scale = setting.scale
    records = []
    for row in frame.select(ROW, OK, *columns.values()).iter_rows(named=True):
        if not row[OK]:
            records.append([row[ROW], *([None] * len(_FIGURES))])
            continue
        inputs = {
            role: Decimal(int(row[name])).scaleb(-scale)
            for role, name in columns.items()
        }
        values = setting.units(DECIMALS, inputs)
        records.append([row[ROW], *(int(values[n].scaleb(scale)) for n in _FIGURES)])
    schema: dict[str, pl.DataType] = {ROW: pl.UInt32()}
    schema |= dict.fromkeys(_FIGURES, pl.Int128())
    return pl.DataFrame(records, schema=schema, orient="row")


def _discount_checks(setting: _Setting) -> list[Problem]:
    """The rows whose discount Discount.apply refuses, named by the price column."""
    column = setting.names.price or "price"
    # Rows that failed a check before have no discounted price (null).
    reduced = pl.col(_REDUCED)
    discount = setting.promotion.discount
    checks = []
    if discount.price is not None:
        checks.append(
            Problem(
                column,
                reduced > pl.col(_PRICE),
                f"a price no lower than the promotional price {discount.price}",
            )
        )
    checks.append(
        Problem(
            column,
            reduced <= 0,
            f"a price that {discount.description} leaves above zero",
        )
    )
    return checks


def _periods(
    good: pl.DataFrame, setting: _Setting, counts: dict[str, int]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Step 2: each good row's lifts and outcome, by the scalar's period rules."""
    scale = setting.scale
    names = [*PROMOTION[1:], *(OUTCOME if _LIFT in counts else ())]
    records: list[list[object]] = []
    problems: list[tuple[int, str, str, str]] = []
    for row in good.select(ROW, *_FIGURES, *counts).iter_rows():
        amounts = [Decimal(int(v)).scaleb(-scale) for v in row[1:8]]
        baseline = Decimal(int(row[8])).scaleb(-counts[_BASELINE])
        expected = None
        if _LIFT in counts:
            expected = Decimal(int(row[9])).scaleb(-counts[_LIFT])
        values = _period_row(setting, amounts, baseline, expected)
        records.append([row[0], *_fitted(row[0], names, values, problems)])
    columns = list(zip(*records, strict=True)) or [()] * (len(names) + 1)
    typed = pl.DataFrame(
        [
            pl.Series(ROW, columns[0], dtype=pl.UInt32()),
            *(
                pl.Series(name, column, dtype=_kind(name, scale))
                for name, column in zip(names, columns[1:], strict=True)
            ),
        ]
    ).with_columns(currency=pl.lit(setting.currency.code))
    return typed, pl.DataFrame(problems, schema=SCHEMA, orient="row")


def _period_row(
    setting: _Setting,
    amounts: list[Decimal],
    baseline: Decimal,
    expected: Decimal | None,
) -> list[object]:
    """One row's figures, as the scalar results hold them."""
    price, net, contribution, reduced, promoted_net, promoted, fee = amounts
    full_unit = Unit(price, net, contribution)
    promoted_unit = Unit(reduced, promoted_net, promoted)
    period = period_of(full_unit, promoted_unit, fee, setting.terms, baseline)
    kept = period.kept(setting.margin)
    values: list[object] = [reduced, fee, contribution, promoted]
    values += [*_lift(period.lift(None)), kept, *_lift(period.lift(kept))]
    if expected is not None:
        values += _outcome(period.outcome(expected))
    return values


def _lift(found: Lift | None) -> list[object]:
    if found is None:
        return [None] * len(_LIFTS)
    return [found.units, found.whole_units, found.lift, found.sales_lift]


def _outcome(found: Outcome) -> list[object]:
    return [
        found.units,
        found.redemptions,
        found.capped,
        found.contribution,
        found.incremental,
        found.per_unit,
    ]


def _fitted(
    row: int,
    names: Sequence[str],
    values: Sequence[object],
    problems: list[tuple[int, str, str, str]],
) -> list[object]:
    """Units and lifts to :data:`LIFT_PLACES`, the rest as they are.

    A figure too large for its column is left empty and reported (the
    scalar result holds it: a lift that needs 10^30 units).
    """
    fitted: list[object] = []
    for name, value in zip(names, values, strict=True):
        limit = _LIMITS.get(name)
        if limit is None or value is None:
            fitted.append(value)
            continue
        number = cast("int | Decimal", value)  # a unit or lift figure
        if abs(Decimal(number)) >= limit:
            message = (
                f"{name}: expected a figure below {limit}, got {value}; too large "
                "for its result column"
            )
            problems.append((row, name, str(value), message))
            fitted.append(None)
        elif isinstance(number, int):
            fitted.append(number)
        else:
            fitted.append(
                number.quantize(LIFT_PLACES, rounding=ROUND_HALF_EVEN, context=EXACT)
            )
    return fitted


def _kind(name: str, scale: int) -> pl.DataType:
    """A column's type, which depends on the listings, never on the rows."""
    if name == "currency":
        return pl.String()
    if name == "budget_exhausted":
        return pl.Boolean()
    if name in _WHOLE:
        return pl.Int64()
    return pl.Decimal(38, scale if name in _MONEY else 10)


def _assemble(
    parts: list[pl.DataFrame], unmatched: pl.DataFrame, names: Sequence[str], scale: int
) -> pl.DataFrame:
    """Every market's results in the input's order, one type per column.

    Money has the largest scale among the listings' currencies; the types
    depend on the listings, never on which rows a table holds.
    """
    rows = unmatched.select(pl.col(ROW).cast(pl.UInt32))
    results = pl.concat([*parts, rows], how="diagonal_relaxed").sort(ROW)
    return pl.DataFrame(
        [
            results.get_column(n).cast(_kind(n, scale))
            if n in results.schema
            else pl.Series(n, [None] * results.height, dtype=_kind(n, scale))
            for n in names
        ]
    )
