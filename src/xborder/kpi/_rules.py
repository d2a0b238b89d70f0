r"""The search-term rules as arithmetic, written once for every engine (private).

:func:`~xborder.kpi.harvest` and :func:`~xborder.kpi.bid_changes` decide on
Decimals; :mod:`xborder.frames` decides on whole columns of group sums. Both
call these functions with an *ops* object (:mod:`xborder._ops`), so a rule
exists in one place only. Parameters (a target ACOS, a minimum of clicks)
are plain Decimals; the sums and the current bid go through the ops.

Every comparison is exact: an ACOS is compared with its target by
cross-multiplication ($spend > sales \times target$), never as a rounded
quotient, and a quotient that is shown (a KPI value, a new bid) is rounded
once from the exact ratio (:meth:`~xborder._ops.Ops.divide`).

Decisions come out as small integer codes (an index into :data:`REASONS`,
:data:`STEPS`, :data:`LIMITS` or :data:`ACTIONS`), so that a column engine
can hold them.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

if TYPE_CHECKING:
    from xborder._ops import Ops
    from xborder.kpi._ads import AdsStats
    from xborder.kpi._bids import BidRules
    from xborder.kpi._harvest_rules import HarvestRules

__all__ = [
    "ACTIONS",
    "ASIN",
    "KPIS",
    "LIMITS",
    "REASONS",
    "STEPS",
    "BidFigures",
    "Kpis",
    "Sums",
    "bid_of",
    "kpis_of",
    "suggested_bid_of",
    "sums_of",
    "verdict_of",
]

V = TypeVar("V")
C = TypeVar("C")

_ZERO = Decimal(0)
_ONE = Decimal(1)


class Sums(NamedTuple, Generic[V]):
    """The five sums of a group of search-term rows (Decimals, or columns)."""

    impressions: V
    clicks: V
    spend: V
    orders: V
    sales: V


def sums_of(stats: AdsStats) -> Sums[Decimal]:
    """The sums of a scalar :class:`~xborder.kpi.AdsStats`, as Decimals."""
    return Sums(
        impressions=Decimal(stats.impressions),
        clicks=Decimal(stats.clicks),
        spend=stats.spend.amount,
        orders=Decimal(stats.orders),
        sales=stats.sales.amount,
    )


KPIS: dict[str, tuple[str, str, Decimal]] = {
    "ctr": ("clicks", "impressions", _ONE),
    "cpc": ("spend", "clicks", _ONE),
    "cpm": ("spend", "impressions", Decimal(1000)),
    "cvr": ("orders", "clicks", _ONE),
    "acos": ("spend", "sales", _ONE),
    "roas": ("sales", "spend", _ONE),
}
"""Each ad KPI as ``(numerator sum, denominator sum, factor)``: its value is
numerator × factor ÷ denominator, undefined when the denominator is 0
(as :class:`~xborder.kpi.AdsStats` computes them)."""


class Kpis(NamedTuple, Generic[V]):
    """The ad KPIs of a group, each rounded once from its exact ratio."""

    ctr: V
    cpc: V
    cpm: V
    cvr: V
    acos: V
    roas: V


def kpis_of(
    ops: Ops[V, C], sums: Sums[V | Decimal], unit: Decimal, rounding: str
) -> tuple[Kpis[V], Kpis[C]]:
    """The KPI values rounded to ``unit``, and whether each is defined.

    A value whose denominator is 0 is computed on a denominator of 1 and is
    not defined: the caller shows it as undefined (never as that number).
    """
    values = {}
    defined = {}
    for name, (top, bottom, factor) in KPIS.items():
        numerator = getattr(sums, top)
        if factor != _ONE:
            numerator = ops.mul(numerator, factor)
        denominator = getattr(sums, bottom)
        positive = ops.greater(denominator, _ZERO)
        safe = ops.where(positive, denominator, _ONE)
        values[name] = ops.divide(numerator, safe, unit, rounding)
        defined[name] = positive
    return Kpis(**values), Kpis(**defined)


ASIN = r"\bb0[0-9a-z]{8}\b"
"""An ASIN in a normalised search term or targeting text (``b0`` and eight
letters or digits, a word of its own): a product target, not a keyword.
Python's :mod:`re` and Rust's ``regex`` (polars) read it alike on ASCII text."""

REASONS: tuple[str, ...] = (
    "converting",
    "already-targeted",
    "clicks-without-orders",
    "spend-without-orders",
    "low-ctr",
    "acos-above-target",
    "orders-without-sales",
    "few-orders",
    "not-enough-data",
)
"""The harvest reasons (the values of :class:`~xborder.kpi.HarvestReason`),
in the order of their codes."""


def verdict_of(
    ops: Ops[V, C], rules: HarvestRules, sums: Sums[V | Decimal], already: C
) -> V:
    """The code (in :data:`REASONS`) of the harvest rule that decides a term.

    ``already`` says whether the term is targeted exactly already. The rules,
    in order: with orders, no sales is *orders-without-sales*; spend above
    sales × target ACOS is *acos-above-target*; fewer orders than the minimum
    is *few-orders*; then *already-targeted* or *converting*. Without orders:
    clicks at the threshold, spend at the limit, then a low CTR over enough
    impressions negate; anything else is *not-enough-data*.
    """
    converting = _converting(ops, rules, sums, already)
    bleeding = _bleeding(ops, rules, sums)
    return ops.where(ops.greater(sums.orders, _ZERO), converting, bleeding)


def _reason(ops: Ops[V, C], reason: str) -> V:
    return _code(ops, REASONS, reason)


def _converting(
    ops: Ops[V, C], rules: HarvestRules, sums: Sums[V | Decimal], already: C
) -> V:
    allowed = ops.mul(sums.sales, rules.target_acos)
    promoted = ops.where(
        already,
        _reason(ops, "already-targeted"),
        _reason(ops, "converting"),
    )
    enough = ops.where(
        ops.greater(Decimal(rules.min_orders), sums.orders),
        _reason(ops, "few-orders"),
        promoted,
    )
    within = ops.where(
        ops.greater(sums.spend, allowed),
        _reason(ops, "acos-above-target"),
        enough,
    )
    return ops.where(
        ops.greater(sums.sales, _ZERO),
        within,
        _reason(ops, "orders-without-sales"),
    )


def _bleeding(ops: Ops[V, C], rules: HarvestRules, sums: Sums[V | Decimal]) -> V:
    # From the last rule back to the first, each rule wrapping the ones after it.
    result = _reason(ops, "not-enough-data")
    floor = rules.low_ctr_min_impressions
    if floor is not None:
        # CTR <= limit, exactly: clicks <= impressions × limit.
        ceiling = ops.mul(sums.impressions, rules.low_ctr_max)
        low_ctr = ops.where(
            ops.greater(sums.clicks, ceiling),
            result,
            _reason(ops, "low-ctr"),
        )
        result = ops.where(
            ops.greater(Decimal(floor), sums.impressions), result, low_ctr
        )
    limit = rules.negative_max_spend
    if limit is not None:
        result = ops.where(
            ops.greater(limit.amount, sums.spend),
            result,
            _reason(ops, "spend-without-orders"),
        )
    return ops.where(
        ops.greater(Decimal(rules.negative_min_clicks), sums.clicks),
        result,
        _reason(ops, "clicks-without-orders"),
    )


def suggested_bid_of(
    ops: Ops[V, C], rules: HarvestRules, sums: Sums[V | Decimal], unit: Decimal
) -> tuple[V, C]:
    r"""A promoted term's starting bid, and whether it is defined (clicks > 0).

    $bid = sales / clicks \times target\ ACOS$, the CPC that would have met
    the target on these clicks, rounded down to ``unit`` from the exact ratio.
    """
    clicked = ops.greater(sums.clicks, _ZERO)
    clicks = ops.where(clicked, sums.clicks, _ONE)
    allowed = ops.mul(sums.sales, rules.target_acos)
    return ops.divide(allowed, clicks, unit, ROUND_DOWN), clicked


STEPS: tuple[str, ...] = (
    "not-enough-clicks",
    "no-sales",
    "no-spend",
    "proportional",
    "limited-raise",
    "limited-cut",
)
"""How a bid change was computed, in the order of their codes: kept for too
few clicks, cut by the maximum step for clicks without sales, raised by the
maximum step for sales without spend, or bid × target / ACOS, alone or
limited to the largest raise or cut."""

LIMITS: tuple[str, ...] = ("none", "max-bid", "min-bid")
"""Which bound the new bid met, in the order of their codes."""

ACTIONS: tuple[str, ...] = ("raise", "lower", "keep")
"""What a bid change does, in the order of their codes (the values of
:class:`~xborder.kpi.BidAction`)."""


class BidFigures(NamedTuple, Generic[V]):
    """A bid change: the new bid, and the codes of how it was reached."""

    new_bid: V
    action: V
    step: V
    limit: V


def bid_of(
    ops: Ops[V, C],
    rules: BidRules,
    sums: Sums[V | Decimal],
    bid: V | Decimal,
    unit: Decimal,
) -> BidFigures[V]:
    r"""The new bid for a target with these sums, rounded to ``unit``.

    Fewer clicks than ``min_clicks`` keep the bid. Otherwise the raw bid is
    $bid (1 - max\_cut)$ without sales, $bid (1 + max\_raise)$ without
    spend, else $bid \times target \times sales / spend$ limited to those
    two; then kept within ``[min_bid, max_bid]`` and rounded with the
    rules' mode. The proportional bid is compared with every limit by
    cross-multiplication and rounded once from the exact quotient.
    """
    minimum, maximum = rules.min_bid.amount, rules.max_bid.amount
    low = ops.mul(bid, _ONE - rules.max_cut)
    high = ops.mul(bid, _ONE + rules.max_raise)
    # The proportional bid is top / spend.
    top = ops.mul(ops.mul(bid, rules.target_acos), sums.sales)
    sold = ops.greater(sums.sales, _ZERO)
    spent = ops.greater(sums.spend, _ZERO)
    above = ops.greater(top, ops.mul(high, sums.spend))
    below = ops.greater(ops.mul(low, sums.spend), top)
    # The raw bid of every branch but the proportional one: low or high.
    fixed = ops.where(sold, ops.where(spent, ops.where(above, high, low), high), low)
    fixed_new = ops.quantize(
        ops.where(
            ops.greater(fixed, maximum),
            maximum,
            ops.where(ops.greater(minimum, fixed), minimum, fixed),
        ),
        unit,
        rules.rounding.value,
    )
    fixed_limit = ops.where(
        ops.greater(fixed, maximum),
        _code(ops, LIMITS, "max-bid"),
        ops.where(
            ops.greater(minimum, fixed),
            _code(ops, LIMITS, "min-bid"),
            _code(ops, LIMITS, "none"),
        ),
    )
    # top / spend above max_bid ⇔ top > max_bid × spend (spend > 0 here).
    capped = ops.greater(top, ops.mul(maximum, sums.spend))
    raised = ops.greater(ops.mul(minimum, sums.spend), top)
    spend = ops.where(spent, sums.spend, _ONE)
    quotient = ops.divide(top, spend, unit, rules.rounding.value)
    proportional_new = ops.quantize(
        ops.where(capped, maximum, ops.where(raised, minimum, quotient)),
        unit,
        rules.rounding.value,
    )
    proportional_limit = ops.where(
        capped,
        _code(ops, LIMITS, "max-bid"),
        ops.where(raised, _code(ops, LIMITS, "min-bid"), _code(ops, LIMITS, "none")),
    )
    step = _branch(
        ops,
        (sold, spent, above, below),
        no_sales=_code(ops, STEPS, "no-sales"),
        no_spend=_code(ops, STEPS, "no-spend"),
        limited_raise=_code(ops, STEPS, "limited-raise"),
        limited_cut=_code(ops, STEPS, "limited-cut"),
        proportional=_code(ops, STEPS, "proportional"),
    )
    changed_new = _branch(
        ops,
        (sold, spent, above, below),
        no_sales=fixed_new,
        no_spend=fixed_new,
        limited_raise=fixed_new,
        limited_cut=fixed_new,
        proportional=proportional_new,
    )
    changed_limit = _branch(
        ops,
        (sold, spent, above, below),
        no_sales=fixed_limit,
        no_spend=fixed_limit,
        limited_raise=fixed_limit,
        limited_cut=fixed_limit,
        proportional=proportional_limit,
    )
    few = ops.greater(Decimal(rules.min_clicks), sums.clicks)
    new = ops.where(few, bid, changed_new)
    action = ops.where(
        ops.greater(new, bid),
        _code(ops, ACTIONS, "raise"),
        ops.where(
            ops.greater(bid, new),
            _code(ops, ACTIONS, "lower"),
            _code(ops, ACTIONS, "keep"),
        ),
    )
    return BidFigures(
        new_bid=new,
        action=action,
        step=ops.where(few, _code(ops, STEPS, "not-enough-clicks"), step),
        limit=ops.where(few, _code(ops, LIMITS, "none"), changed_limit),
    )


def _branch(
    ops: Ops[V, C],
    conditions: tuple[C, C, C, C],
    *,
    no_sales: V,
    no_spend: V,
    limited_raise: V,
    limited_cut: V,
    proportional: V,
) -> V:
    """The value of the branch the conditions (sold, spent, above, below) pick."""
    sold, spent, above, below = conditions
    with_spend = ops.where(
        above, limited_raise, ops.where(below, limited_cut, proportional)
    )
    return ops.where(sold, ops.where(spent, with_spend, no_spend), no_sales)


def _code(ops: Ops[V, C], names: tuple[str, ...], name: str) -> V:
    return ops.constant(Decimal(names.index(name)))
