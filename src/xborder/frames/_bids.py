"""Bid changes for every keyword and target of a report table (private).

The report's rows are summed per target (campaign, ad group, normalised
targeting, match type) in columns; the bids are joined to their targets, and
:func:`xborder.kpi.rules.bid_of` gives each new bid, by the column engine
(exact, cross-multiplied comparisons, one rounding of the exact quotient).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder._validate import items_of
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._columns import decimals
from xborder.frames._figures import Input, evaluate
from xborder.frames._kpi import (
    KPIS,
    SUMS,
    grouped,
    in_order,
    kpi_column,
    places_unit,
    rounding_mode,
    sum_column,
    with_kpis,
)
from xborder.frames._native import is_table, native, new_table
from xborder.frames._search_terms import MATCH_TYPES, read_terms
from xborder.frames._text import normalized
from xborder.kpi import Bid, BidRules, ReportSemantics
from xborder.kpi import rules as kpi_rules
from xborder.money import Money, RoundingMode

if TYPE_CHECKING:
    from xborder._ops import Ops
    from xborder.frames._search_terms import Terms

__all__ = ["BID_CHANGES", "BidResult", "bid_changes"]

BID_CHANGES = ("new_bid", "change", "action", "step", "limit")
"""The columns :func:`bid_changes` adds after the KPIs."""

_KEYS = ("campaign", "ad_group", "targeting", "match_type")
_NORMAL = "__xb_normal"


@attrs.frozen
class BidResult:
    """Bid changes, the report rows that could not be read, and unbid targets.

    Attributes:
        table: One row per bid, sorted by campaign, ad group, targeting and
            match type: the bid, its target's sums and KPIs, and the change.
        errors: One row per problem in the report: ``row``, ``field``,
            ``value``, ``message``.
        unbid: The targets with rows in the report and no bid: their keys
            (targeting normalised), sums and KPIs, sorted.
    """

    table: Any = attrs.field(validator=is_table)
    errors: Any = attrs.field(validator=is_table)
    unbid: Any = attrs.field(validator=is_table)


def bid_changes(
    frame: object,
    *,
    report: ReportSemantics,
    bids: object,
    rules: BidRules,
    places: int = 10,
    rounding: RoundingMode = RoundingMode.HALF_EVEN,
    floats: str = "refuse",
    errors: str = "report",
) -> BidResult:
    r"""A new bid for each keyword or target: :func:`xborder.kpi.bid_changes` on a table.

    The report's rows are summed per target (campaign, ad group, targeting
    normalised, match type), each bid is joined to its target's sums (none:
    zero), and the scalar's rule (:func:`xborder.kpi.rules.bid_of`) gives
    the new bid: kept under ``min_clicks``; cut by ``max_cut`` for clicks
    without sales; raised by ``max_raise`` for sales without spend; else
    bid × target / ACOS, limited to those steps, kept within
    ``[min_bid, max_bid]`` and rounded with ``rules.rounding``. Every
    comparison is a cross-multiplication and the quotient is rounded once,
    exactly, so each new bid equals the scalar's.

    ``bids`` is an iterable of :class:`~xborder.kpi.Bid`, or a table with
    columns ``campaign``, ``ad_group`` (optional), ``targeting``,
    ``match_type`` and ``bid`` (an amount in the report's currency). Bids
    are arguments: a wrong one raises, naming ``bids[i]``. Report rows are
    read and checked as :func:`summarize` does.

    What runs where: checks and sums in columns over every row; the rule by
    the column engine over the bids (exactly; the same rule on Decimals,
    bid by bid, should a step risk leaving Int128's range).

    Output, one row per bid, sorted by campaign, ad group, targeting and
    match type: ``campaign``, ``ad_group``, ``targeting`` (as the bid
    gives it), ``match_type`` (Enum), ``bid`` (Decimal), then ``currency``,
    the target's sums and KPIs as in :func:`summarize`, and:

    | column | type | meaning |
    | --- | --- | --- |
    | ``new_bid`` | Decimal(18, s) | the proposed bid (the current one when kept) |
    | ``change`` | Decimal(18, s) | new_bid − bid |
    | ``action`` | String | ``raise``, ``lower`` or ``keep`` |
    | ``step`` | String | how the raw bid was found (:data:`xborder.kpi.rules.STEPS`) |
    | ``limit`` | String | the bound it met: ``none``, ``max-bid`` or ``min-bid`` |

    Args:
        frame: The report: polars (eager or lazy), pandas or pyarrow.
        report: Its currency, attribution window and nesting rules.
        bids: The current bids.
        rules: The bid rules.
        places: Decimal places of the KPI values (0 to 30).
        rounding: How KPI values are rounded to ``places``.
        floats: ``"refuse"`` a float amount column, or ``"shortest"``.
        errors: ``"report"`` or ``"raise"``.

    Returns:
        The changes, the errors and the unbid targets (:class:`BidResult`).

    Raises:
        InvalidInputError: Two bids share a target, a bid or the rules are
            not in the report's currency, a column is missing, or
            (``errors="raise"``) a row is wrong.
        InvalidTypeError: A bid is not a :class:`~xborder.kpi.Bid`, or a
            column or argument has the wrong type.

    Examples:
        >>> import polars as pl
        >>> from xborder.kpi import AttributionWindow, Bid, BidRules, ReportSemantics
        >>> from xborder.money import Money
        >>> report = ReportSemantics(currency="USD",
        ...     attribution=AttributionWindow(click_days=7))
        >>> rows = pl.DataFrame({
        ...     "campaign": ["PH Exact"], "targeting": ["car mount"],
        ...     "match_type": ["exact"], "search_term": ["car mount"],
        ...     "impressions": [2500], "clicks": [40], "spend": ["20.00"],
        ...     "orders": [4], "sales": ["50.00"]})
        >>> bids = [Bid(campaign="PH Exact", targeting="car mount",
        ...     match_type="exact", bid=Money("0.80", "USD"))]
        >>> rules = BidRules(target_acos="0.25", min_bid=Money("0.20", "USD"),
        ...     max_bid=Money("1.50", "USD"))
        >>> plan = bid_changes(rows, report=report, bids=bids, rules=rules)
        >>> plan.table.select("bid", "new_bid", "action", "step").row(0)
        (Decimal('0.80'), Decimal('0.50'), 'lower', 'proportional')
    """  # noqa: E501 - a table row
    unit, mode = places_unit(places), rounding_mode(rounding)
    if not isinstance(rules, BidRules):
        raise InvalidTypeError(field="rules", value=rules, expected="BidRules")
    if not isinstance(report, ReportSemantics):
        raise InvalidTypeError(field="report", value=report, expected="ReportSemantics")
    if rules.min_bid.currency != report.currency:
        raise InvalidInputError(
            field="rules.min_bid",
            value=rules.min_bid,
            expected=f"an amount in the report's currency, {report.currency.code}",
        )
    given = _bids(bids, report)
    terms = read_terms(frame, report, floats=floats, errors=errors)
    groups = grouped(terms.rows, _KEYS)
    exponent = report.currency.exponent
    scale = max([exponent, *(_scale(bid.bid.amount) for bid in given)])
    table = _bid_table(given, scale)
    joined = table.join(
        groups,
        left_on=["campaign", "ad_group", _NORMAL, "match_type"],
        right_on=list(_KEYS),
        how="left",
        nulls_equal=True,
        maintain_order="left",
    ).with_columns(pl.col(name).fill_null(0) for name in SUMS)
    changes = _changes(joined, terms, rules, scale=scale, unit=unit, rounding=mode)
    bid_keys = table.select(
        pl.col("campaign"),
        pl.col("ad_group"),
        pl.col(_NORMAL).alias("targeting"),
        pl.col("match_type"),
    )
    unbid_groups = groups.join(bid_keys, on=list(_KEYS), how="anti", nulls_equal=True)
    unbid = with_kpis(in_order(unbid_groups, _KEYS), _KEYS, terms, unit, mode)
    return BidResult(
        new_table(terms.given, changes),
        new_table(terms.given, terms.errors),
        new_table(terms.given, unbid),
    )


def _scale(amount: Decimal) -> int:
    return max(0, -int(amount.as_tuple().exponent))


def _bids(bids: object, report: ReportSemantics) -> list[Bid]:
    """The bids, checked as the scalar checks them (one per target)."""
    if isinstance(bids, str | bytes):
        raise InvalidTypeError(field="bids", value=bids, expected="an iterable of Bid")
    try:
        frame = native(bids, "bids").frame
    except XborderError:
        frame = None
    items = _from_frame(frame, report) if frame is not None else _iterable(bids)
    seen: set[tuple[object, ...]] = set()
    for index, bid in enumerate(items):
        if not isinstance(bid, Bid):
            raise InvalidTypeError(field=f"bids[{index}]", value=bid, expected="a Bid")
        if bid.bid.currency != report.currency:
            raise InvalidInputError(
                field=f"bids[{index}].bid",
                value=bid.bid,
                expected=f"an amount in the report's currency, {report.currency.code}",
            )
        if bid.key in seen:
            raise InvalidInputError(
                field=f"bids[{index}]",
                value=bid.key,
                expected="one bid per (campaign, ad group, targeting, match type)",
            )
        seen.add(bid.key)
    return items


def _iterable(bids: object) -> list[Any]:
    found: tuple[object, ...] = items_of(
        bids,  # type: ignore[arg-type]
        field="bids",
        expected="an iterable of Bid",
    )
    return list(found)


def _from_frame(frame: pl.DataFrame, report: ReportSemantics) -> list[Bid]:
    needed = ("campaign", "targeting", "match_type", "bid")
    missing = [name for name in needed if name not in frame.schema]
    if missing:
        raise InvalidInputError(
            field="bids",
            value=list(frame.columns)[:20],
            expected="the columns " + ", ".join(missing),
        )
    if frame.schema["bid"].is_float():
        raise InvalidTypeError(
            "floats are binary approximations of money",
            field="bids.bid",
            value=str(frame.schema["bid"]),
            expected="a Decimal, integer or text column",
        )
    names = [*needed, *(["ad_group"] if "ad_group" in frame.schema else [])]
    found = []
    for index, row in enumerate(frame.select(names).iter_rows(named=True)):
        try:
            found.append(
                Bid(
                    campaign=row["campaign"],
                    ad_group=row.get("ad_group"),
                    targeting=row["targeting"],
                    match_type=row["match_type"],
                    bid=Money(row["bid"], report.currency),
                )
            )
        except XborderError as error:
            raise error.in_field(f"bids[{index}]") from None
    return found


def _bid_table(bids: list[Bid], scale: int) -> pl.DataFrame:
    """The bids as columns: keys as given, the normalised targeting, the bid."""
    table = pl.DataFrame(
        {
            "campaign": [bid.campaign for bid in bids],
            "ad_group": [bid.ad_group for bid in bids],
            "targeting": [bid.targeting for bid in bids],
            "match_type": [bid.match_type.value for bid in bids],
            "__xb_bid": [int(bid.bid.amount.scaleb(scale)) for bid in bids],
        },
        schema={
            "campaign": pl.String,
            "ad_group": pl.String,
            "targeting": pl.String,
            "match_type": MATCH_TYPES,
            "__xb_bid": pl.Decimal(38, 0),
        },
    )
    table = table.with_columns(normalized(table.get_column("targeting")).alias(_NORMAL))
    return in_order(table, ("campaign", "ad_group", _NORMAL, "match_type"))


def _changes(
    joined: pl.DataFrame,
    terms: Terms,
    rules: BidRules,
    *,
    scale: int,
    unit: Decimal,
    rounding: str,
) -> pl.DataFrame:
    """Each bid with its target's sums, KPIs and the new bid."""
    amounts = terms.scale
    minor = terms.currency.minor_unit
    inputs = {
        name: Input(name, amounts if name in ("spend", "sales") else 0) for name in SUMS
    }
    inputs["bid"] = Input("__xb_bid", scale)
    places = -int(unit.as_tuple().exponent)
    scales = dict.fromkeys(KPIS, places) | {f"defined_{k}": 0 for k in KPIS}
    scales |= {"new_bid": scale, "change": scale, "action": 0, "step": 0, "limit": 0}

    def build(
        ops: Ops[Any, Any], values: dict[str, Any], flags: dict[str, Any]
    ) -> dict[str, Any]:
        del flags
        sums = kpi_rules.Sums(**{name: values[name] for name in SUMS})
        kpis, defined = kpi_rules.kpis_of(ops, sums, unit, RoundingMode(rounding))
        outputs = kpis._asdict()
        for name, condition in defined._asdict().items():
            outputs[f"defined_{name}"] = ops.where(condition, Decimal(1), Decimal(0))
        figures = kpi_rules.bid_of(ops, rules, sums, values["bid"], minor)
        outputs |= figures._asdict()
        outputs["change"] = ops.sub(figures.new_bid, values["bid"])
        return outputs

    evaluated = evaluate(joined, inputs, {}, scales, build)
    codes = {
        "action": dict(enumerate(kpi_rules.ACTIONS)),
        "step": dict(enumerate(kpi_rules.STEPS)),
        "limit": dict(enumerate(kpi_rules.LIMITS)),
    }
    bid_bound = int(joined.get_column("__xb_bid").abs().max() or 0)  # type: ignore[arg-type]

    return pl.DataFrame(
        [
            joined.get_column("campaign"),
            joined.get_column("ad_group"),
            joined.get_column("targeting"),
            joined.get_column("match_type"),
            decimals(joined.get_column("__xb_bid"), scale, bid_bound).alias("bid"),
            pl.Series("currency", [terms.currency.code] * joined.height, pl.String),
            *(sum_column(joined, name, amounts) for name in SUMS),
            *(kpi_column(evaluated, name) for name in KPIS),
            evaluated.decimal("new_bid").alias("new_bid"),
            evaluated.decimal("change").alias("change"),
            *(
                evaluated.code(name)
                .replace_strict(table, return_dtype=pl.String)
                .alias(name)
                for name, table in codes.items()
            ),
        ]
    )
