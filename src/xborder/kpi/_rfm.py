"""RFM scores and segments from order records (private; see xborder.kpi).

Recency (days since the last order), frequency (orders) and monetary value
(total spent) are the three facts about a customer that best predict the
next order in direct marketing. Each is scored 1 (worst) to ``bins``
(best), either by percentile rank among the customers (so each score holds
about 1/bins of them) or by fixed edges that stay put from month to month;
a segment map then names groups for emails and offers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, TypeVar

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    count,
    date_value,
    items_of,
    named_errors,
    non_negative,
    non_negative_count,
    optional_text,
    positive_count,
    require,
    text,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi._checks import bounded_sum, builder, checked, is_a, iterable
from xborder.kpi._customers import check_order
from xborder.money import Currency, Money
from xborder.money._currency import to_currency
from xborder.money._money import _make, non_negative_money

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from xborder.kpi._customers import Order

__all__ = [
    "RF_GRID_SEGMENTS",
    "RfmCustomer",
    "RfmScoring",
    "RfmTable",
    "SegmentRule",
    "rfm",
]


def _bins(value: int) -> int:
    number = count(value)
    require(2 <= number <= 10, field=None, value=value, expected="2 to 10 bins")  # noqa: PLR2004
    return number


def _ascending(values: Sequence[object]) -> bool:
    return all(a < b for a, b in itertools.pairwise(values))  # type: ignore[operator]


def _day_edges(values: Iterable[int] | None) -> tuple[int, ...] | None:
    if values is None:
        return None
    edges = tuple(
        checked(non_negative_count, value, f"[{index}]")
        for index, value in enumerate(tuple_of(values, int))
    )
    require(
        _ascending(edges), field=None, value=edges, expected="strictly ascending edges"
    )
    return edges


def _money_edges(
    values: Iterable[Decimal | int | str] | None,
) -> tuple[Decimal, ...] | None:
    if values is None:
        return None
    items = items_of(values, field=None, expected="a sequence of numbers")
    edges = tuple(
        checked(non_negative, value, f"[{index}]") for index, value in enumerate(items)
    )
    require(
        _ascending(edges), field=None, value=edges, expected="strictly ascending edges"
    )
    return edges


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RfmScoring:
    r"""How R, F and M become scores from 1 to ``bins``.

    A dimension without edges is scored by percentile rank: a customer's
    score is $1 + \lfloor bins \cdot below / n \rfloor$, where *below* is
    the number of customers strictly worse on that dimension and *n* all
    customers. Ties share a score, and a better value never scores lower.
    Ranks only compare customers with one another: with a single customer,
    or when every customer ties on a dimension, nobody is strictly worse,
    so everyone scores 1 on it whatever the values (a lone customer who
    ordered yesterday lands in *hibernating*). For a small or uniform
    customer base, give edges.
    With edges (``bins − 1`` of them, ascending) the score is fixed by
    thresholds instead, comparable from one month to the next:

    * recency: 1 + the number of edges a customer's days since the last
      order does *not* exceed, so ``(30, 60, 90, 180)`` gives 5 for at most
      30 days and 1 for more than 180;
    * frequency and monetary: 1 + the number of edges at or below the value.

    Args:
        bins: Scores per dimension (5 is the convention).
        recency_days: Edges in days, or ``None`` for percentile ranks.
        frequency: Edges in orders, or ``None``.
        monetary: Edges in the currency's units, or ``None``.

    Examples:
        >>> scoring = RfmScoring(recency_days=(30, 60, 90, 180))
        >>> scoring.bins, scoring.recency_days, scoring.frequency
        (5, (30, 60, 90, 180), None)
        >>> RfmScoring(bins=3, frequency=(2, 3, 4))
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: frequency: expected 2 edges for 3 bins, ...
    """

    bins: int = attrs.field(default=5, converter=_bins)
    recency_days: tuple[int, ...] | None = attrs.field(
        default=None, converter=_day_edges
    )
    frequency: tuple[int, ...] | None = attrs.field(default=None, converter=_day_edges)
    monetary: tuple[Decimal, ...] | None = attrs.field(
        default=None, converter=_money_edges
    )

    def __attrs_post_init__(self) -> None:
        for name in ("recency_days", "frequency", "monetary"):
            edges = getattr(self, name)
            if edges is not None and len(edges) != self.bins - 1:
                raise InvalidInputError(
                    field=name,
                    value=edges,
                    expected=f"{self.bins - 1} edges for {self.bins} bins",
                )


def _score_range(value: tuple[int, int]) -> tuple[int, int]:
    if not isinstance(value, tuple) or len(value) != 2:  # noqa: PLR2004
        raise InvalidTypeError(field=None, value=value, expected="a (low, high) pair")
    low, high = (count(v) for v in value)
    require(1 <= low <= high, field=None, value=value, expected="1 <= low <= high")
    return low, high


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SegmentRule:
    """A named segment: inclusive score ranges a customer must fall in.

    Args:
        name: The segment's name.
        recency: (low, high) R scores.
        frequency: (low, high) F scores.
        monetary: (low, high) M scores; any by default.

    Examples:
        >>> vip = SegmentRule(name="vip", recency=(4, 5), frequency=(4, 5),
        ...     monetary=(5, 5))
        >>> vip.matches(5, 4, 5), vip.matches(5, 4, 4)
        (True, False)
    """

    name: str = attrs.field(converter=text)
    recency: tuple[int, int] = attrs.field(converter=_score_range)
    frequency: tuple[int, int] = attrs.field(converter=_score_range)
    monetary: tuple[int, int] = attrs.field(default=(1, 10), converter=_score_range)

    def matches(self, r: int, f: int, m: int) -> bool:
        """Whether scores (r, f, m) fall in every range."""
        return _matches(
            self,
            checked(count, r, "r"),
            checked(count, f, "f"),
            checked(count, m, "m"),
        )


def _matches(rule: SegmentRule, r: int, f: int, m: int) -> bool:
    # Scores computed by rfm are ints already: no argument checks.
    return (
        rule.recency[0] <= r <= rule.recency[1]
        and rule.frequency[0] <= f <= rule.frequency[1]
        and rule.monetary[0] <= m <= rule.monetary[1]
    )


def _rule(
    name: str, recency: tuple[int, int], frequency: tuple[int, int]
) -> SegmentRule:
    return SegmentRule(name=name, recency=recency, frequency=frequency)


RF_GRID_SEGMENTS: tuple[SegmentRule, ...] = (
    _rule("champions", (5, 5), (4, 5)),
    _rule("loyal", (3, 4), (4, 5)),
    _rule("potential loyalists", (4, 5), (2, 3)),
    _rule("new", (5, 5), (1, 1)),
    _rule("promising", (4, 4), (1, 1)),
    _rule("needs attention", (3, 3), (3, 3)),
    _rule("about to sleep", (3, 3), (1, 2)),
    _rule("cannot lose", (1, 2), (5, 5)),
    _rule("at risk", (1, 2), (3, 4)),
    _rule("hibernating", (1, 2), (1, 2)),
)
"""A recency × frequency grid for five bins that gives every customer one segment.

A convention, not a standard: vendors name and cut segments differently
(Shopify's ``CustomerRfmGroup``, Klaviyo's, many blog grids). It segments on R
and F; M ranks customers inside a segment. Pass your own rules to
:func:`rfm` to change it.
"""


def _score_value(value: int) -> int:
    number = positive_count(value)
    require(number <= _MOST_BINS, field=None, value=value, expected="a score 1 to 10")
    return number


_MOST_BINS = 10


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RfmCustomer:
    """One customer's RFM values, scores and segment.

    Attributes:
        customer: The customer key.
        last_order: Day of the last order.
        recency_days: Days from the last order to ``as_of``.
        frequency: Orders.
        monetary: Total amount.
        r: Recency score (``bins`` is the most recent).
        f: Frequency score.
        m: Monetary score.
        segment: The first rule that matches, or ``None`` if none does.

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> orders = [Order(customer=who, placed_on=day, amount=Money(amount, "EUR"))
        ...     for who, day, amount in [("ana", "2026-03-20", "80"),
        ...         ("ana", "2026-02-01", "40"), ("ben", "2025-10-01", "25")]]
        >>> fixed = RfmScoring(recency_days=(30, 60, 90, 180), frequency=(2, 3, 4, 5),
        ...     monetary=(50, 100, 150, 200))
        >>> table = rfm(orders, as_of="2026-04-01", currency="EUR", scoring=fixed)
        >>> ana = table.customers[0]
        >>> ana.customer, ana.recency_days, ana.frequency, str(ana.monetary)
        ('ana', 12, 2, '120 EUR')
        >>> ana.code, ana.segment
        ('523', 'potential loyalists')
    """

    customer: str = attrs.field(converter=text)
    last_order: dt.date = attrs.field(converter=date_value)
    recency_days: int = attrs.field(converter=positive_count)
    frequency: int = attrs.field(converter=positive_count)
    monetary: Money = attrs.field(converter=non_negative_money)
    r: int = attrs.field(converter=_score_value)
    f: int = attrs.field(converter=_score_value)
    m: int = attrs.field(converter=_score_value)
    segment: str | None = attrs.field(converter=optional_text)

    @property
    def code(self) -> str:
        """``'545'``: R, F and M scores (for bins up to 9)."""
        return f"{self.r}{self.f}{self.m}"


def _customers(values: Iterable[RfmCustomer]) -> tuple[RfmCustomer, ...]:
    customers = tuple_of(values, RfmCustomer)
    for index in range(1, len(customers)):
        if customers[index].customer <= customers[index - 1].customer:
            raise InvalidInputError(
                field=f"[{index}].customer",
                value=customers[index].customer,
                expected="customers sorted by key, each once",
            )
    return customers


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RfmTable:
    """The result of :func:`rfm`.

    Attributes:
        as_of: The day recency is measured to.
        scoring: The scoring used.
        customers: One per customer, sorted by customer key.

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> orders = [Order(customer=who, placed_on=day, amount=Money(amount, "EUR"))
        ...     for who, day, amount in [("ana", "2026-03-20", "80"),
        ...         ("ana", "2026-02-01", "40"), ("ben", "2025-10-01", "25")]]
        >>> fixed = RfmScoring(recency_days=(30, 60, 90, 180), frequency=(2, 3, 4, 5),
        ...     monetary=(50, 100, 150, 200))
        >>> table = rfm(orders, as_of="2026-04-01", currency="EUR", scoring=fixed)
        >>> table.segment_sizes()
        {'hibernating': 1, 'potential loyalists': 1}
        >>> [c.customer for c in table.in_segment("hibernating")]
        ['ben']
    """

    as_of: dt.date = attrs.field(converter=date_value)
    scoring: RfmScoring = attrs.field(validator=is_a(RfmScoring))
    customers: tuple[RfmCustomer, ...] = attrs.field(converter=_customers)
    # Each segment's customers in in_segment's order, grouped on the first
    # call (one pass for every segment) and kept: derived from ``customers``,
    # left out of equality, hashing, repr and serialised data.
    _segments: dict[str | None, tuple[RfmCustomer, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        bins = self.scoring.bins
        for index, customer in enumerate(self.customers):
            days = (self.as_of - customer.last_order).days
            if customer.recency_days != days:
                raise InvalidInputError(
                    field=f"customers[{index}].recency_days",
                    value=customer.recency_days,
                    expected=f"{days}, the days from last_order to as_of",
                )
            for name in ("r", "f", "m"):
                if getattr(customer, name) > bins:
                    raise InvalidInputError(
                        field=f"customers[{index}].{name}",
                        value=getattr(customer, name),
                        expected=f"a score 1 to {bins}, the scoring's bins",
                    )

    def segment_sizes(self) -> dict[str | None, int]:
        """Customers per segment, largest first (ties by name)."""
        sizes: dict[str | None, int] = {}
        for customer in self.customers:
            sizes[customer.segment] = sizes.get(customer.segment, 0) + 1
        return dict(sorted(sizes.items(), key=lambda item: (-item[1], item[0] or "")))

    def in_segment(self, name: str | None) -> tuple[RfmCustomer, ...]:
        """The customers of one segment, highest M first (then by key).

        The first call groups every segment in one pass; later calls, for
        any segment, are a dict look-up.
        """
        if not self._segments and self.customers:
            self._segments.update(_grouped(self.customers))
        try:
            return self._segments.get(name, ())
        except TypeError:  # an unhashable name: no segment is called that
            return ()


def _grouped(
    customers: tuple[RfmCustomer, ...],
) -> dict[str | None, tuple[RfmCustomer, ...]]:
    groups: dict[str | None, list[RfmCustomer]] = {}
    for customer in customers:
        groups.setdefault(customer.segment, []).append(customer)
    return {
        segment: tuple(sorted(members, key=lambda c: (-c.monetary.amount, c.customer)))
        for segment, members in groups.items()
    }


def rfm(
    orders: Iterable[Order],
    *,
    as_of: dt.date | str,
    currency: Currency | str,
    since: dt.date | str | None = None,
    scoring: RfmScoring | None = None,
    segments: Sequence[SegmentRule] = RF_GRID_SEGMENTS,
) -> RfmTable:
    """RFM values, scores and segments for every customer with an order in the window.

    One pass over ``orders`` keeps three numbers per customer; scoring then
    sorts the customers once per dimension. Orders before ``since`` or on or
    after ``as_of`` are ignored, so recency is at least one day.

    Args:
        orders: Order records, in any order, from any iterable.
        as_of: First day after the data; recency is counted to it.
        currency: The currency of every order.
        since: First day of the window (all history if ``None``).
        scoring: How scores are assigned (five percentile bins by default).
        segments: Segment rules, first match wins.

    Raises:
        InvalidTypeError: An order is not an :class:`Order` (names ``orders[i]``).
        CurrencyMismatchError: An order is not in ``currency``.

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> def order(who, day, amount):
        ...     return Order(customer=who, placed_on=day, amount=Money(amount, "EUR"))
        >>> orders = [
        ...     order("ana", "2026-03-20", "80"),
        ...     order("ana", "2026-02-01", "40"),
        ...     order("ben", "2025-10-01", "25"),
        ... ]
        >>> table = rfm(orders, as_of="2026-04-01", currency="EUR",
        ...     scoring=RfmScoring(bins=2))
        >>> [(c.customer, c.recency_days, c.frequency, str(c.monetary), c.code)
        ...  for c in table.customers]
        [('ana', 12, 2, '120 EUR', '222'), ('ben', 182, 1, '25 EUR', '111')]
    """
    end = _day(as_of, "as_of")
    start = None if since is None else _day(since, "since")
    if start is not None and start >= end:
        raise InvalidInputError(
            field="since", value=start, expected=f"a day before as_of ({end})"
        )
    money = checked(to_currency, currency, "currency")
    plan = RfmScoring() if scoring is None else scoring
    if not isinstance(plan, RfmScoring):
        raise InvalidTypeError(field="scoring", value=plan, expected="RfmScoring")
    rules = checked(_rules, segments, "segments")
    facts = _fold(orders, end, start, money)
    return _table(
        as_of=end,
        scoring=plan,
        customers=_score(facts, end, money, plan, rules),
        _segments={},
    )


def _rules(values: Sequence[SegmentRule]) -> tuple[SegmentRule, ...]:
    return tuple_of(values, SegmentRule)


def _day(value: dt.date | str, field: str) -> dt.date:
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field(field) from None


class _Facts:
    """A customer's last order day, order count and total (mutable, private)."""

    __slots__ = ("last", "orders", "total")

    def __init__(self, last: dt.date, total: Decimal) -> None:
        self.last = last
        self.orders = 1
        self.total = total


def _fold(
    orders: Iterable[Order], end: dt.date, start: dt.date | None, money: Currency
) -> dict[str, _Facts]:
    facts: dict[str, _Facts] = {}
    with localcontext(EXACT):
        for index, item in enumerate(iterable(orders, "orders")):
            order = check_order(index, item, money)
            day = order.placed_on
            if day >= end or (start is not None and day < start):
                continue
            known = facts.get(order.customer)
            if known is None:
                facts[order.customer] = _Facts(day, order.amount.amount)
            else:
                known.last = max(known.last, day)
                known.orders += 1
                known.total += order.amount.amount
    return facts


def _score(
    facts: dict[str, _Facts],
    end: dt.date,
    money: Currency,
    plan: RfmScoring,
    rules: tuple[SegmentRule, ...],
) -> tuple[RfmCustomer, ...]:
    keys = sorted(facts)
    rows = [facts[k] for k in keys]
    recency = [(end - row.last).days for row in rows]
    r = _scores(recency, plan.recency_days, plan.bins, higher_is_better=False)
    f = _scores(
        [row.orders for row in rows], plan.frequency, plan.bins, higher_is_better=True
    )
    m = _scores(
        [row.total for row in rows], plan.monetary, plan.bins, higher_is_better=True
    )
    return tuple(
        _customer(
            customer=key,
            last_order=row.last,
            recency_days=recency[i],
            frequency=row.orders,
            monetary=_make(bounded_sum(row.total, "orders"), money),
            r=r[i],
            f=f[i],
            m=m[i],
            segment=_segment(rules, r[i], f[i], m[i]),
        )
        for i, (key, row) in enumerate(zip(keys, rows, strict=True))
    )


_N = TypeVar("_N", int, Decimal)


def _scores(
    values: list[_N], edges: Sequence[_N] | None, bins: int, *, higher_is_better: bool
) -> list[int]:
    if edges is not None:
        if higher_is_better:
            return [1 + bisect.bisect_right(edges, v) for v in values]
        return [bins - bisect.bisect_left(edges, v) for v in values]
    ordered = sorted(values)
    n = len(ordered)
    if higher_is_better:  # worse = strictly smaller
        return [1 + bins * bisect.bisect_left(ordered, v) // n for v in values]
    # worse = strictly more days since the last order
    return [1 + bins * (n - bisect.bisect_right(ordered, v)) // n for v in values]


def _segment(rules: tuple[SegmentRule, ...], r: int, f: int, m: int) -> str | None:
    for rule in rules:
        if _matches(rule, r, f, m):
            return rule.name
    return None


# rfm builds one customer per key, and the table, from checked orders and
# computed scores: no converters to rerun (a million orders, a quarter
# million customers).
_customer = builder(RfmCustomer)
_table = builder(RfmTable)
