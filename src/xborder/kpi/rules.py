r"""The KPI rules, written once, for every engine.

The scalar calculators of :mod:`xborder.kpi` decide one term, bid, customer
or order at a time on Decimals; :mod:`xborder.frames` decides every group of
a table at once on columns. Both evaluate the very same functions, given an
*ops* object that does the arithmetic (exact addition and multiplication,
rounding with a named mode, exact division, conditions).

**Search terms** (:func:`~xborder.kpi.harvest`, :func:`~xborder.kpi.bid_changes`):

* :func:`kpis_of`: CTR, CPC, CPM, CVR, ACOS and ROAS of a group's sums
  (:data:`KPIS`), each rounded once from its exact ratio, with whether it is
  defined (a zero denominator is undefined, never 0);
* :func:`verdict_of`: the harvest rule that decides a term (a code into
  :data:`REASONS`), by exact comparisons only;
* :func:`suggested_bid_of`: a promoted term's starting bid;
* :func:`bid_of`: the new bid toward a target ACOS, with the step and the
  bound that shaped it (codes into :data:`STEPS`, :data:`LIMITS`,
  :data:`ACTIONS`).

The rules' parameters (:class:`~xborder.kpi.HarvestRules`,
:class:`~xborder.kpi.BidRules`) are plain values; the sums (:class:`Sums`)
and the current bid are the values that vary, per call or per row.

**Customers** (:func:`~xborder.kpi.rfm`, :func:`~xborder.kpi.cohort_ltv`):

* :func:`percentile_score`: an RFM score by percentile rank,
  $1 + \lfloor bins \cdot worse / n \rfloor$, where *worse* is the number of
  the *n* customers strictly worse on the dimension (ties share a score);
* :func:`edge_score`: an RFM score by fixed, ascending edges;
* :func:`segment_of`: the first segment rule whose score ranges hold (a
  lookup on three small integers, so it takes plain ints);
* :func:`contribution_of`: an order's contribution when only a gross
  margin is known, $amount \times margin$.

*Worse* is a ranking: for frequency and monetary value, the customers with
a strictly smaller value; for recency, those with strictly more days since
their last order. The scalar counts them by bisection of the sorted values,
a column engine by ranking (the lowest rank of a tie, minus one; or the
number of customers minus the highest rank of a tie).

Examples:
    >>> from decimal import Decimal
    >>> from xborder.kpi import HarvestRules
    >>> sums = Sums(impressions=Decimal(2000), clicks=Decimal(37),
    ...     spend=Decimal("25.90"), orders=Decimal(4), sales=Decimal("99.96"))
    >>> rules = HarvestRules(target_acos="0.30")
    >>> REASONS[int(verdict_of(DECIMALS, rules, sums, already=False))]
    'converting'
    >>> suggested_bid_of(DECIMALS, rules, sums, Decimal("0.01"))
    (Decimal('0.81'), True)
    >>> percentile_score(DECIMALS, 5, Decimal(3), Decimal(4))
    Decimal('4')
    >>> edge_score(DECIMALS, Decimal(45), (Decimal(30), Decimal(60), Decimal(90),
    ...     Decimal(180)), 5, higher_is_better=False)
    Decimal('4')
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from xborder._guard import guard_public
from xborder._ops import DECIMALS, Ops, is_engine
from xborder._validate import count, require, to_decimal, tuple_of
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi import _customer_rules, _rules
from xborder.kpi._bids import BidRules
from xborder.kpi._harvest_rules import ACTIONS as _HARVEST_ACTIONS
from xborder.kpi._harvest_rules import PURPOSES as _PURPOSES
from xborder.kpi._harvest_rules import HarvestRules
from xborder.kpi._rfm import SegmentRule, _segment
from xborder.kpi._rules import (
    ACTIONS,
    ASIN,
    KPIS,
    LIMITS,
    REASONS,
    STEPS,
    BidFigures,
    Kpis,
    Sums,
)
from xborder.money import RoundingMode

__all__ = [
    "ACTIONS",
    "ASIN",
    "DECIMALS",
    "HARVEST_ACTIONS",
    "KPIS",
    "LIMITS",
    "NEGATIVE_PURPOSES",
    "REASONS",
    "STEPS",
    "BidFigures",
    "Kpis",
    "Sums",
    "bid_of",
    "contribution_of",
    "edge_score",
    "kpis_of",
    "last_month",
    "percentile_score",
    "segment_of",
    "suggested_bid_of",
    "verdict_of",
]

V = TypeVar("V")
C = TypeVar("C")

HARVEST_ACTIONS: dict[str, str] = {
    reason.value: action.value for reason, action in _HARVEST_ACTIONS.items()
}
"""What each harvest reason (:data:`REASONS`) does to the term: ``promote``,
``negate`` or ``keep`` (the values of :class:`~xborder.kpi.HarvestReason`
and :class:`~xborder.kpi.HarvestAction`)."""

NEGATIVE_PURPOSES: dict[str, str] = {
    reason.value: purpose.value for reason, purpose in _PURPOSES.items()
}
"""Why each promoting or negating reason adds a negative in the source:
``isolation`` (the term is targeted exactly elsewhere) or ``waste`` (it does
not sell); reasons that keep the term add none (the values of
:class:`~xborder.kpi.HarvestReason` and :class:`~xborder.kpi.NegativePurpose`)."""


def kpis_of(
    ops: Ops[V, C], sums: Sums[V | Decimal], unit: Decimal, rounding: RoundingMode
) -> tuple[Kpis[V], Kpis[C]]:
    r"""The ad KPIs of ``sums``, each rounded once to ``unit``, and which are defined.

    $CTR = clicks / impressions$, $CPC = spend / clicks$,
    $CPM = 1000 \cdot spend / impressions$, $CVR = orders / clicks$,
    $ACOS = spend / sales$, $ROAS = sales / spend$ (:data:`KPIS`), as
    :class:`~xborder.kpi.AdsStats` defines them. Each value is the exact
    ratio rounded once with ``rounding``; where its denominator is 0 the
    KPI is undefined (the second :class:`Kpis` says so) and its value is
    meaningless.

    Args:
        ops: The engine: :data:`DECIMALS`, or a column engine.
        sums: The group's impressions, clicks, spend, orders and sales.
        unit: The step values are rounded to, a power of ten (``1E-10``).
        rounding: How values are rounded to ``unit``.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, ``sums`` not :class:`Sums`,
            ``rounding`` not a :class:`~xborder.money.RoundingMode`.
        InvalidInputError: ``unit`` is not a power of ten.

    Examples:
        >>> from xborder.money import RoundingMode
        >>> sums = Sums(impressions=Decimal(4000), clicks=Decimal(90),
        ...     spend=Decimal(63), orders=Decimal(9), sales=Decimal(0))
        >>> values, defined = kpis_of(DECIMALS, sums, Decimal("0.0001"),
        ...     RoundingMode.HALF_UP)
        >>> values.ctr, values.cpc, defined.acos
        (Decimal('0.0225'), Decimal('0.7000'), False)
    """
    _check(ops, sums=sums)
    return _rules.kpis_of(ops, sums, _unit(unit), _mode(rounding).value)


def verdict_of(
    ops: Ops[V, C], rules: HarvestRules, sums: Sums[V | Decimal], already: C
) -> V:
    """The code, in :data:`REASONS`, of the harvest rule that decides a term.

    The rules of :func:`~xborder.kpi.harvest`, in order: with orders, no
    sales, then an ACOS above target (spend > sales × target), then fewer
    orders than ``min_orders`` keep the term; otherwise it is promoted
    (``converting``), or negated if ``already`` targeted exactly. Without
    orders, clicks at ``negative_min_clicks``, spend at
    ``negative_max_spend``, or a CTR at or below ``low_ctr_max`` over
    ``low_ctr_min_impressions`` negate it; else ``not-enough-data``.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, ``rules`` not
            :class:`~xborder.kpi.HarvestRules`, ``sums`` not :class:`Sums`.

    Examples:
        >>> from xborder.kpi import HarvestRules
        >>> sums = Sums(impressions=Decimal(2000), clicks=Decimal(22),
        ...     spend=Decimal("15.40"), orders=Decimal(0), sales=Decimal(0))
        >>> rules = HarvestRules(target_acos="0.30")
        >>> REASONS[int(verdict_of(DECIMALS, rules, sums, already=False))]
        'clicks-without-orders'
    """
    _check(ops, sums=sums)
    _kind(rules, HarvestRules, "rules")
    _check_condition(ops, already)
    return _rules.verdict_of(ops, rules, sums, already)


def suggested_bid_of(
    ops: Ops[V, C], rules: HarvestRules, sums: Sums[V | Decimal], unit: Decimal
) -> tuple[V, C]:
    r"""A promoted term's starting bid, rounded down to ``unit``, and if it is defined.

    $bid = sales / clicks \times target\ ACOS$: the CPC at which these clicks
    would have met the target. Undefined without clicks.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, ``rules`` not
            :class:`~xborder.kpi.HarvestRules`, ``sums`` not :class:`Sums`.
        InvalidInputError: ``unit`` is not a power of ten.

    Examples:
        >>> from xborder.kpi import HarvestRules
        >>> sums = Sums(impressions=Decimal(900), clicks=Decimal(0),
        ...     spend=Decimal(0), orders=Decimal(2), sales=Decimal("40.00"))
        >>> suggested_bid_of(DECIMALS, HarvestRules(target_acos="0.25"), sums,
        ...     Decimal("0.01"))[1]
        False
    """
    _check(ops, sums=sums)
    _kind(rules, HarvestRules, "rules")
    return _rules.suggested_bid_of(ops, rules, sums, _unit(unit))


def bid_of(
    ops: Ops[V, C],
    rules: BidRules,
    sums: Sums[V | Decimal],
    bid: V | Decimal,
    unit: Decimal,
) -> BidFigures[V]:
    r"""The new bid for a target with these sums, and how it was reached.

    The rule of :func:`~xborder.kpi.bid_changes`: fewer than ``min_clicks``
    clicks keep the bid; clicks without sales cut it by ``max_cut``; sales
    without spend raise it by ``max_raise``; otherwise
    $bid \times target / ACOS = bid \times target \times sales / spend$,
    limited to those steps. Then the bid is kept within
    ``[min_bid, max_bid]`` and rounded to ``unit`` with ``rules.rounding``,
    once, from the exact quotient. Codes: ``action`` into :data:`ACTIONS`,
    ``step`` into :data:`STEPS`, ``limit`` into :data:`LIMITS`.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, ``rules`` not
            :class:`~xborder.kpi.BidRules`, ``sums`` not :class:`Sums`.
        InvalidInputError: ``unit`` is not a power of ten.

    Examples:
        >>> from xborder.kpi import BidRules
        >>> from xborder.money import Money
        >>> rules = BidRules(target_acos="0.25", min_bid=Money("0.20", "USD"),
        ...     max_bid=Money("1.50", "USD"))
        >>> sums = Sums(impressions=Decimal(2500), clicks=Decimal(40),
        ...     spend=Decimal("20.00"), orders=Decimal(4), sales=Decimal("50.00"))
        >>> figures = bid_of(DECIMALS, rules, sums, Decimal("0.80"), Decimal("0.01"))
        >>> figures.new_bid, ACTIONS[int(figures.action)], STEPS[int(figures.step)]
        (Decimal('0.50'), 'lower', 'proportional')
    """
    _check(ops, sums=sums, bid=bid)
    _kind(rules, BidRules, "rules")
    return _rules.bid_of(ops, rules, sums, bid, _unit(unit))


def _check(ops: object, **values: object) -> None:
    if not is_engine(ops):
        raise InvalidTypeError(field="ops", value=ops, expected="an xborder engine")
    sums = values.get("sums")
    if not isinstance(sums, Sums):
        raise InvalidTypeError(field="sums", value=sums, expected="Sums")
    if ops is DECIMALS:  # the scalar engine's values are Decimals
        for name, value in (*sums._asdict().items(), *values.items()):
            if name == "sums":
                continue
            field = name if name == "bid" else f"sums.{name}"
            to_decimal(value, field=field)
            if not isinstance(value, Decimal):
                raise InvalidTypeError(field=field, value=value, expected="a Decimal")


def _check_condition(ops: object, already: object) -> None:
    if ops is DECIMALS and not isinstance(already, bool):
        raise InvalidTypeError(field="already", value=already, expected="True or False")


def _kind(value: object, kind: type, field: str) -> None:
    if not isinstance(value, kind):
        raise InvalidTypeError(field=field, value=value, expected=kind.__name__)


def _unit(value: object) -> Decimal:
    number = to_decimal(value, field="unit")
    digits = number.as_tuple().digits
    if number <= 0 or digits[0] != 1 or any(digits[1:]):
        raise InvalidInputError(
            field="unit", value=value, expected="a power of ten such as Decimal('0.01')"
        )
    return Decimal((0, (1,), number.adjusted()))


def _mode(value: object) -> RoundingMode:
    if not isinstance(value, RoundingMode):
        raise InvalidTypeError(field="rounding", value=value, expected="a RoundingMode")
    return value


def percentile_score(
    ops: Ops[V, C], bins: int, worse: V | Decimal, count: V | Decimal
) -> V:
    r"""An RFM score by percentile rank: $1 + \lfloor bins \cdot worse / n \rfloor$.

    Each score holds about ``1/bins`` of the customers; ties share a score,
    and a better value never scores lower.

    Args:
        ops: The engine: :data:`DECIMALS` for one customer, or a column engine.
        bins: Scores per dimension (2 to 10).
        worse: How many customers are strictly worse on the dimension.
        count: How many customers there are (> 0).

    Raises:
        InvalidTypeError: ``ops`` is not an engine, or a scalar value is not a
            Decimal.
        InvalidInputError: ``bins`` is not 2 to 10, or a scalar ``count`` is
            not above ``worse``.

    Examples:
        >>> from decimal import Decimal
        >>> [int(percentile_score(DECIMALS, 5, Decimal(w), Decimal(10)))
        ...  for w in range(10)]
        [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    """
    _engine(ops)
    number = _bins(bins)
    if _scalar(ops):
        below = _decimal(worse, "worse")
        total = _decimal(count, "count")
        require(below >= 0, field="worse", value=worse, expected="a count >= 0")
        require(
            total > below, field="count", value=count, expected=f"more than {below}"
        )
    return _customer_rules.percentile_score(ops, number, worse, count)


def edge_score(
    ops: Ops[V, C],
    value: V | Decimal,
    edges: Sequence[Decimal],
    bins: int,
    *,
    higher_is_better: bool,
) -> V:
    """An RFM score by fixed edges (``bins − 1`` of them, ascending).

    Higher is better (frequency, monetary value): 1 + the number of edges at
    or below the value. Lower is better (recency in days): ``bins`` − the
    number of edges below the value, so ``(30, 60, 90, 180)`` gives 5 for at
    most 30 days and 1 for more than 180.

    Args:
        ops: The engine.
        value: The customer's value on the dimension.
        edges: Ascending Decimals, ``bins − 1`` of them.
        bins: Scores per dimension (2 to 10).
        higher_is_better: ``False`` for recency.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, an edge or a scalar value
            is not a Decimal.
        InvalidInputError: ``bins`` is not 2 to 10, or the edges are not
            ``bins − 1`` ascending numbers.

    Examples:
        >>> from decimal import Decimal
        >>> edges = tuple(Decimal(e) for e in (2, 3, 4, 5))
        >>> [int(edge_score(DECIMALS, Decimal(v), edges, 5, higher_is_better=True))
        ...  for v in (1, 2, 3, 9)]
        [1, 2, 3, 5]
    """
    _engine(ops)
    number = _bins(bins)
    bounds = _edges(edges, number)
    if not isinstance(higher_is_better, bool):
        raise InvalidTypeError(
            field="higher_is_better", value=higher_is_better, expected="True or False"
        )
    if _scalar(ops):
        _decimal(value, "value")
    return _customer_rules.edge_score(
        ops, value, bounds, number, higher_is_better=higher_is_better
    )


def segment_of(segments: Sequence[SegmentRule], r: int, f: int, m: int) -> str | None:
    """The name of the first segment whose ranges hold scores (r, f, m), or None.

    Args:
        segments: Segment rules, first match wins
            (:data:`~xborder.kpi.RF_GRID_SEGMENTS` for the usual grid).
        r: The recency score.
        f: The frequency score.
        m: The monetary score.

    Raises:
        InvalidTypeError: A rule is not a :class:`~xborder.kpi.SegmentRule`,
            or a score is not an int.

    Examples:
        >>> from xborder.kpi import RF_GRID_SEGMENTS
        >>> segment_of(RF_GRID_SEGMENTS, 5, 5, 1), segment_of(RF_GRID_SEGMENTS, 1, 1, 5)
        ('champions', 'hibernating')
    """
    try:
        rules = tuple_of(segments, SegmentRule)
    except XborderError as error:
        raise error.in_field("segments") from None
    return _segment(rules, _int(r, "r"), _int(f, "f"), _int(m, "m"))


def contribution_of(ops: Ops[V, C], amount: V | Decimal, margin: Decimal) -> V:
    r"""An order's contribution from a gross margin: $amount \times margin$.

    :func:`~xborder.kpi.cohort_ltv` uses it for orders that carry no
    contribution of their own.

    Raises:
        InvalidTypeError: ``ops`` is not an engine, or ``margin`` (or a scalar
            ``amount``) is not a Decimal.

    Examples:
        >>> from decimal import Decimal
        >>> contribution_of(DECIMALS, Decimal("64.00"), Decimal("0.4"))
        Decimal('25.600')
    """
    _engine(ops)
    _decimal(margin, "margin")
    if _scalar(ops):
        _decimal(amount, "amount")
    return _customer_rules.contribution_of(ops, amount, margin)


def last_month(as_of: dt.date, first: int | None) -> int:
    """The last month a cohort table covers, refusing a table over a century wide.

    Months are numbered ``year × 12 + month − 1`` (so they subtract as ints):
    the last is the month of the day before ``as_of``; ``first`` is the
    earliest cohort's month (None without orders). Both engines call it, so
    both refuse the same ``as_of`` with the same message.

    Raises:
        InvalidTypeError: ``as_of`` is not a date or ``first`` not an int.
        InvalidInputError: ``as_of`` is 1,200 months or more after ``first``.

    Examples:
        >>> import datetime as dt
        >>> last_month(dt.date(2026, 4, 1), 2026 * 12)  # March 2026
        24314
        >>> last_month(dt.date(9999, 12, 31), 2026 * 12)
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: as_of: expected a day within 1200 months of the first order (2026-01), got datetime.date(9999, 12, 31)
    """  # noqa: E501
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise InvalidTypeError(field="as_of", value=as_of, expected="a date")
    if first is not None:
        first = _int(first, "first")
    return _customer_rules.last_month(as_of, first)


def _scalar(ops: object) -> bool:
    """Whether ``ops`` is the scalar engine, whose values are Decimals."""
    return ops is DECIMALS


def _engine(ops: object) -> None:
    if not is_engine(ops):
        raise InvalidTypeError(field="ops", value=ops, expected="an xborder engine")


def _bins(value: object) -> int:
    number = _int(value, "bins")
    require(2 <= number <= 10, field="bins", value=value, expected="2 to 10 bins")  # noqa: PLR2004
    return number


def _int(value: object, field: str) -> int:
    try:
        return count(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field(field) from None


def _decimal(value: object, field: str) -> Decimal:
    if not isinstance(value, Decimal):
        raise InvalidTypeError(field=field, value=value, expected="a Decimal")
    return to_decimal(value, field=field)


def _edges(values: object, bins: int) -> tuple[Decimal, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise InvalidTypeError(
            field="edges", value=values, expected="a sequence of Decimals"
        )
    edges = tuple(_decimal(value, f"edges[{i}]") for i, value in enumerate(values))
    if len(edges) != bins - 1 or any(a >= b for a, b in itertools.pairwise(edges)):
        raise InvalidInputError(
            field="edges",
            value=edges,
            expected=f"{bins - 1} ascending edges for {bins} bins",
        )
    return edges


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
