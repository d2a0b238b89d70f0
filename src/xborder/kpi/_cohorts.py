"""Cohorts by first-order month: retention, LTV, payback (private; see xborder.kpi).

A cohort is every customer whose first order fell in one calendar month.
Following each cohort month by month separates "customers come back" from
"we bought many new customers this month", which a store-wide repurchase
rate mixes up. Young cohorts have fewer months observed (they are
right-censored): the tables stop each cohort at the last month observed and
pool a month offset only over the cohorts that reached it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    date_value,
    fraction,
    named_errors,
    non_negative_count,
    positive_count,
    tuple_of,
)
from xborder.errors import CurrencyMismatchError, InvalidInputError, XborderError
from xborder.kpi._checks import bounded_sum, checked, iterable, same_currency
from xborder.kpi._customers import check_order
from xborder.kpi._ratio import MoneyRatio, Ratio
from xborder.money import Currency, Money
from xborder.money._currency import to_currency
from xborder.money._money import _make, non_negative_money

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from xborder.kpi._customers import Order

__all__ = [
    "Cohort",
    "CohortValue",
    "LtvTable",
    "Payback",
    "RetentionTable",
    "cohort_ltv",
    "cohort_retention",
]


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _first_day(month: int) -> dt.date:
    return dt.date(month // 12, month % 12 + 1, 1)


def _last_month(end: dt.date, customers: Iterable[Collection[int]]) -> int:
    """The month of the day before ``end``, once the table's width is checked.

    No date arithmetic: the day before 0001-01-01 does not exist (and no
    order falls before it). Each cohort's row runs from its month to this
    one, so the table grows with the months between the first order and
    ``as_of``; it is bounded at :data:`_MOST_MONTHS` (a century) so that an
    ``as_of`` in 9999, or a placeholder order date in year 1, is refused by
    name instead of building rows of a hundred thousand months.
    """
    last = _month(end) - (end.day == 1)
    first = min((min(months) for months in customers), default=last)
    if last - first >= _MOST_MONTHS:
        raise InvalidInputError(
            field="as_of",
            value=end,
            expected=(
                f"a day within {_MOST_MONTHS} months of the first order "
                f"({_first_day(first):%Y-%m})"
            ),
        )
    return last


_MOST_MONTHS = 1200


def _month_start(value: dt.date | str) -> dt.date:
    day = date_value(value)
    if day.day != 1:
        raise InvalidInputError(
            field=None, value=day, expected="the first day of a month"
        )
    return day


def _counts(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(
        checked(non_negative_count, value, f"[{index}]")
        for index, value in enumerate(tuple_of(values, int))
    )


class _Monthly(Protocol):
    @property
    def month(self) -> dt.date: ...


_C = TypeVar("_C", bound=_Monthly)


def _before(cohorts: tuple[_Monthly, ...], end: dt.date) -> None:
    for index, cohort in enumerate(cohorts):
        if cohort.month >= end:
            raise InvalidInputError(
                field=f"cohorts[{index}].month",
                value=cohort.month,
                expected=f"a month before as_of ({end})",
            )


def _offset(value: int) -> int:
    return checked(non_negative_count, value, "offset")


def _as_of(value: dt.date | str) -> dt.date:
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field("as_of") from None


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Cohort:
    """Customers whose first order fell in one month, and how many came back.

    Attributes:
        month: First day of the cohort's month.
        size: Customers in the cohort.
        active: Customers with an order in month 0 (all of them), 1, 2, ...
            after the first, up to the last month observed.

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> orders = [Order(customer=who, placed_on=day, amount=Money("50", "EUR"))
        ...     for who, day in [("ana", "2026-01-04"), ("ana", "2026-02-11"),
        ...                      ("ben", "2026-01-20"), ("cai", "2026-02-02")]]
        >>> from xborder.money import RoundingMode
        >>> january = cohort_retention(orders, as_of="2026-03-01").cohorts[0]
        >>> january.label, january.size, january.active
        ('2026-01', 2, (2, 1))
        >>> [r.format_percent(0, RoundingMode.HALF_UP) for r in january.retention]
        ['100%', '50%']
    """

    month: dt.date = attrs.field(converter=_month_start)
    size: int = attrs.field(converter=positive_count)
    active: tuple[int, ...] = attrs.field(converter=_counts)

    def __attrs_post_init__(self) -> None:
        if not self.active or self.active[0] != self.size:
            raise InvalidInputError(
                field="active",
                value=self.active,
                expected=f"month 0 first, with every customer ({self.size})",
            )
        for index, active in enumerate(self.active):
            if active > self.size:
                raise InvalidInputError(
                    field=f"active[{index}]",
                    value=active,
                    expected=f"at most size ({self.size})",
                )

    @property
    def label(self) -> str:
        """``'2026-01'``."""
        return f"{self.month:%Y-%m}"

    @property
    def retention(self) -> tuple[Ratio, ...]:
        """Active / size for each month offset (month 0 is 100%)."""
        return tuple(Ratio(count, self.size) for count in self.active)


def _cohorts(values: Iterable[Cohort]) -> tuple[Cohort, ...]:
    return _oldest_first(tuple_of(values, Cohort))


def _oldest_first(cohorts: tuple[_C, ...]) -> tuple[_C, ...]:
    for index in range(1, len(cohorts)):
        if cohorts[index].month <= cohorts[index - 1].month:
            raise InvalidInputError(
                field=f"[{index}].month",
                value=cohorts[index].month,
                expected=f"a month after the previous one ({cohorts[index - 1].month})",
            )
    return cohorts


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RetentionTable:
    """A cohort retention table (see :func:`cohort_retention`).

    Attributes:
        as_of: First day not covered by the data.
        cohorts: One per first-order month, oldest first.

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> orders = [Order(customer=who, placed_on=day, amount=Money("50", "EUR"))
        ...     for who, day in [("ana", "2026-01-04"), ("ana", "2026-02-11"),
        ...                      ("ben", "2026-01-20"), ("cai", "2026-02-02")]]
        >>> table = cohort_retention(orders, as_of="2026-03-01")
        >>> [c.label for c in table.cohorts], table.retention(0)
        (['2026-01', '2026-02'], Ratio(Decimal('3'), Decimal('3')))
    """

    as_of: dt.date = attrs.field(converter=date_value)
    cohorts: tuple[Cohort, ...] = attrs.field(converter=_cohorts)

    def __attrs_post_init__(self) -> None:
        _before(self.cohorts, self.as_of)

    def retention(self, offset: int) -> Ratio:
        """Retention ``offset`` months on, pooled over the cohorts observed that far.

        Sum of active customers over sum of cohort sizes, counting only the
        cohorts that have reached ``offset``; undefined if none has.
        """
        offset = _offset(offset)
        observed = [c for c in self.cohorts if offset < len(c.active)]
        return Ratio(
            sum(c.active[offset] for c in observed), sum(c.size for c in observed)
        )


def cohort_retention(
    orders: Iterable[Order], *, as_of: dt.date | str
) -> RetentionTable:
    """Cohorts by first-order month, and who ordered again in each later month.

    One pass over ``orders`` (any order, any iterable) keeps the months each
    customer ordered in. Orders on or after ``as_of`` are ignored; the last
    month is partial unless ``as_of`` is the first of a month.

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> def order(who, day):
        ...     return Order(customer=who, placed_on=day, amount=Money("30", "EUR"))
        >>> table = cohort_retention(
        ...     [order("ana", "2026-01-04"), order("ana", "2026-02-11"),
        ...      order("ben", "2026-01-20"), order("cai", "2026-02-02"),
        ...      order("cai", "2026-03-30")],
        ...     as_of="2026-04-01")
        >>> [(c.label, c.size, c.active) for c in table.cohorts]
        [('2026-01', 2, (2, 1, 0)), ('2026-02', 1, (1, 1))]
        >>> table.retention(1)  # pooled: (1 + 1) / (2 + 1)
        Ratio(Decimal('2'), Decimal('3'))
        >>> table.retention(2)  # only January has reached month 2
        Ratio(Decimal('0'), Decimal('2'))
    """
    end = _as_of(as_of)
    months: dict[str, set[int]] = {}
    for index, item in enumerate(iterable(orders, "orders")):
        order = check_order(index, item, None)
        if order.placed_on >= end:
            continue
        seen = months.get(order.customer)
        if seen is None:
            months[order.customer] = {_month(order.placed_on)}
        else:
            seen.add(_month(order.placed_on))
    last = _last_month(end, months.values())
    counts: dict[int, list[int]] = {}
    for active in months.values():
        first = min(active)
        row = counts.setdefault(first, [0] * (last - first + 1))
        for month in active:
            row[month - first] += 1
    cohorts = tuple(
        Cohort(month=_first_day(first), size=row[0], active=tuple(row))
        for first, row in sorted(counts.items())
    )
    return RetentionTable(as_of=end, cohorts=cohorts)


def _optional_count(value: int | None) -> int | None:
    return None if value is None else non_negative_count(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Payback:
    """When a cohort's contribution per customer covers its CAC.

    Attributes:
        cac: The acquisition cost per customer compared against.
        months_after_first_order: The first month offset at which the
            cumulative contribution per customer reaches the CAC (0 = in the
            first-order month itself); ``None`` if not within the months
            observed, which may mean "not yet" for a young cohort.
        observed_months: How many month offsets were observed.

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> orders = [Order(customer=who, placed_on=day, amount=Money("50", "EUR"))
        ...     for who, day in [("ana", "2026-01-04"), ("ana", "2026-02-11"),
        ...                      ("ben", "2026-01-20"), ("cai", "2026-02-02")]]
        >>> table = cohort_ltv(orders, as_of="2026-03-01", currency="EUR",
        ...     gross_margin="0.4")
        >>> payback = table.cohorts[0].payback(Money("25", "EUR"))
        >>> payback.months_after_first_order, payback.observed_months
        (1, 2)
    """

    cac: Money = attrs.field(converter=non_negative_money)
    months_after_first_order: int | None = attrs.field(converter=_optional_count)
    observed_months: int = attrs.field(converter=positive_count)

    def __attrs_post_init__(self) -> None:
        reached = self.months_after_first_order
        if reached is not None and reached >= self.observed_months:
            raise InvalidInputError(
                field="months_after_first_order",
                value=reached,
                expected=f"one of the months observed (< {self.observed_months})",
            )


def _amounts(values: Iterable[Money]) -> tuple[Money, ...]:
    return tuple_of(values, Money)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CohortValue:
    """A cohort's revenue and contribution, month by month after its first order.

    Attributes:
        month: First day of the cohort's month.
        size: Customers in the cohort.
        revenue: The cohort's order amounts in month 0, 1, 2, ...
        contribution: The cohort's contribution in month 0, 1, 2, ...

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> orders = [Order(customer=who, placed_on=day, amount=Money("50", "EUR"))
        ...     for who, day in [("ana", "2026-01-04"), ("ana", "2026-02-11"),
        ...                      ("ben", "2026-01-20"), ("cai", "2026-02-02")]]
        >>> table = cohort_ltv(orders, as_of="2026-03-01", currency="EUR",
        ...     gross_margin="0.4")
        >>> january = table.cohorts[0]
        >>> [str(m) for m in january.cumulative_contribution]
        ['40.0 EUR', '60.0 EUR']
    """

    month: dt.date = attrs.field(converter=_month_start)
    size: int = attrs.field(converter=positive_count)
    revenue: tuple[Money, ...] = attrs.field(converter=_amounts)
    contribution: tuple[Money, ...] = attrs.field(converter=_amounts)

    def __attrs_post_init__(self) -> None:
        if not self.revenue or len(self.contribution) != len(self.revenue):
            raise InvalidInputError(
                field="contribution",
                value=self.contribution,
                expected=f"one amount per month of revenue ({len(self.revenue)}, >= 1)",
            )
        currency = self.revenue[0].currency
        for name in ("revenue", "contribution"):
            for index, amount in enumerate(getattr(self, name)):
                if amount.currency != currency:
                    raise CurrencyMismatchError(
                        field=f"{name}[{index}]",
                        value=amount,
                        expected=f"an amount in {currency.code}",
                    )
                if name == "revenue" and amount.is_negative():
                    raise InvalidInputError(
                        field=f"revenue[{index}]", value=amount, expected=">= 0"
                    )

    @property
    def label(self) -> str:
        """``'2026-01'``."""
        return f"{self.month:%Y-%m}"

    @property
    def cumulative_contribution(self) -> tuple[Money, ...]:
        """The contribution summed from month 0 through each month."""
        totals = []
        running = self.contribution[0] * 0
        for amount in self.contribution:
            running = running + amount
            totals.append(running)
        return tuple(totals)

    @property
    def ltv(self) -> tuple[MoneyRatio, ...]:
        r"""Cohort LTV: $\sum_{t \le k} contribution_t / size$ at each offset $k$."""
        return tuple(
            MoneyRatio(amount=total, count=self.size)
            for total in self.cumulative_contribution
        )

    def payback(self, cac: Money) -> Payback:
        """The first month the cumulative contribution per customer covers ``cac``.

        Compared exactly: cumulative contribution >= CAC × cohort size.
        """
        cost = checked(non_negative_money, cac, "cac")
        same_currency(self.revenue[0], cost, "cac")
        target = cost * self.size
        reached = next(
            (
                k
                for k, total in enumerate(self.cumulative_contribution)
                if total >= target
            ),
            None,
        )
        return Payback(
            cac=cost,
            months_after_first_order=reached,
            observed_months=len(self.contribution),
        )


def _cohort_values(values: Iterable[CohortValue]) -> tuple[CohortValue, ...]:
    return _oldest_first(tuple_of(values, CohortValue))


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LtvTable:
    """Cohort revenue and contribution by month offset (see :func:`cohort_ltv`).

    Attributes:
        as_of: First day not covered by the data.
        currency: The currency of every amount.
        cohorts: One per first-order month, oldest first.

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> orders = [Order(customer=who, placed_on=day, amount=Money("50", "EUR"))
        ...     for who, day in [("ana", "2026-01-04"), ("ana", "2026-02-11"),
        ...                      ("ben", "2026-01-20"), ("cai", "2026-02-02")]]
        >>> table = cohort_ltv(orders, as_of="2026-03-01", currency="EUR",
        ...     gross_margin="0.4")
        >>> str(table.ltv(0).value), str(table.ltv(1).value)
        ('20.0 EUR', '30.0 EUR')
    """

    as_of: dt.date = attrs.field(converter=date_value)
    currency: Currency = attrs.field(converter=to_currency)
    cohorts: tuple[CohortValue, ...] = attrs.field(converter=_cohort_values)

    def __attrs_post_init__(self) -> None:
        _before(self.cohorts, self.as_of)
        for index, cohort in enumerate(self.cohorts):
            if cohort.revenue[0].currency != self.currency:
                raise CurrencyMismatchError(
                    field=f"cohorts[{index}]",
                    value=cohort.revenue[0],
                    expected=f"amounts in {self.currency.code}",
                )

    def ltv(self, offset: int) -> MoneyRatio:
        """Contribution per customer through ``offset``, pooled over those cohorts."""
        offset = _offset(offset)
        observed = [c for c in self.cohorts if offset < len(c.contribution)]
        total = Money.total(
            (c.cumulative_contribution[offset] for c in observed),
            currency=self.currency,
        )
        return MoneyRatio(amount=total, count=sum(c.size for c in observed))


def _margin(value: DecimalInput | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return fraction(value)
    except XborderError as error:
        raise error.in_field("gross_margin") from None


def cohort_ltv(
    orders: Iterable[Order],
    *,
    as_of: dt.date | str,
    currency: Currency | str,
    gross_margin: DecimalInput | None = None,
) -> LtvTable:
    """Cohorts by first-order month, with their revenue and contribution month by month.

    An order's contribution is its ``contribution`` if given, else
    ``amount × gross_margin``; with neither, the order is refused (LTV is a
    margin, not revenue). Orders on or after ``as_of`` are ignored.

    Raises:
        InvalidInputError: An order has no contribution and no
            ``gross_margin`` was given (names ``orders[i].contribution``).
        CurrencyMismatchError: An order is not in ``currency``.

    Examples:
        >>> from xborder.kpi import Order
        >>> from xborder.money import Money
        >>> def order(who, day, amount):
        ...     return Order(customer=who, placed_on=day, amount=Money(amount, "EUR"))
        >>> orders = [
        ...     order("ana", "2026-01-04", "40"),
        ...     order("ana", "2026-03-11", "40"),
        ...     order("ben", "2026-01-20", "60"),
        ... ]
        >>> table = cohort_ltv(
        ...     orders, as_of="2026-04-01", currency="EUR", gross_margin="0.5")
        >>> january = table.cohorts[0]
        >>> [str(v.value) for v in january.ltv]
        ['25.0 EUR', '25.0 EUR', '35.0 EUR']
        >>> january.payback(Money("30", "EUR")).months_after_first_order
        2
    """
    end = _as_of(as_of)
    money = checked(to_currency, currency, "currency")
    margin = _margin(gross_margin)
    per_customer: dict[str, dict[int, list[Decimal]]] = {}
    with localcontext(EXACT):
        for index, item in enumerate(iterable(orders, "orders")):
            order = check_order(index, item, money)
            if order.placed_on >= end:
                continue
            value = _contribution(index, order, margin)
            months = per_customer.setdefault(order.customer, {})
            sums = months.get(_month(order.placed_on))
            if sums is None:
                months[_month(order.placed_on)] = [order.amount.amount, value]
            else:
                sums[0] += order.amount.amount
                sums[1] += value
    return LtvTable(
        as_of=end, currency=money, cohorts=_values(per_customer, end, money)
    )


def _contribution(index: int, order: Order, margin: Decimal | None) -> Decimal:
    if order.contribution is not None:
        return order.contribution.amount
    if margin is None:
        raise InvalidInputError(
            "or pass gross_margin= to apply one margin to every order",
            field=f"orders[{index}].contribution",
            value=None,
            expected="the order's contribution margin",
        )
    return EXACT.multiply(order.amount.amount, margin)


def _values(
    per_customer: dict[str, dict[int, list[Decimal]]], end: dt.date, money: Currency
) -> tuple[CohortValue, ...]:
    last = _last_month(end, per_customer.values())
    cohorts: dict[int, tuple[list[int], list[Decimal], list[Decimal]]] = {}
    with localcontext(EXACT):
        for months in per_customer.values():
            first = min(months)
            width = last - first + 1
            size, revenue, contribution = cohorts.setdefault(
                first, ([0], [Decimal(0)] * width, [Decimal(0)] * width)
            )
            size[0] += 1
            for month, (amount, value) in months.items():
                revenue[month - first] += amount
                contribution[month - first] += value
    return tuple(
        CohortValue(
            month=_first_day(first),
            size=size[0],
            revenue=tuple(_make(bounded_sum(a, "orders"), money) for a in revenue),
            contribution=tuple(
                _make(bounded_sum(v, "orders"), money) for v in contribution
            ),
        )
        for first, (size, revenue, contribution) in sorted(cohorts.items())
    )
