"""Case B's customers: a year of orders, the marketing spend, email segments.

(Private.) The order history is generated from a fixed, documented pattern,
not drawn at random, so every figure built on it is reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.kpi import Order, RfmScoring
from xborder.money import Money

__all__ = [
    "BOOKS_CLOSED",
    "EMAILS",
    "FIRST_MONTH",
    "FIRST_OFFERS",
    "MARKETING_SPEND",
    "NEW_CUSTOMERS",
    "REPEATS",
    "RFM_SCORING",
    "order_history",
    "placements",
]

FIRST_MONTH = dt.date(2025, 10, 1)
"""The site's first month of sales."""

BOOKS_CLOSED = dt.date(2026, 10, 1)
"""The first day the order history does not cover."""

NEW_CUSTOMERS = (10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32)
"""New customers per month, October 2025 to September 2026."""

MARKETING_SPEND = tuple(
    Money(amount, "EUR")
    for amount in (
        "300", "350", "400", "450", "500", "550",
        "600", "650", "700", "750", "800", "850",
    )
)  # fmt: skip
"""Influencer fees, gifted product and social ads per month (illustrative)."""

FIRST_OFFERS = ("BAM-UT", "KIT-ZW", "WAX-3", "SIS-2")
"""A new customer's first order, by their place in the month's cohort (mod 4)."""

_EVERY_TWO = tuple((months, "WAX-3") for months in range(2, 12, 2))
_EVERY_THREE = tuple((months, "WAX-3") for months in range(2, 12, 3))

REPEATS: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = (
    ("refills wraps every two months", _EVERY_TWO),
    ("refills wraps every two months", _EVERY_TWO),
    ("refills wraps every three months", _EVERY_THREE),
    ("adds brushes, then wraps", ((3, "SIS-2"), (7, "WAX-3"))),
    ("gives a kit, then wraps", ((1, "KIT-ZW"), (9, "WAX-3"))),
    ("adds brushes once", ((5, "SIS-2"),)),
    ("buys once", ()),
    ("buys once", ()),
    ("buys once", ()),
    ("buys once", ()),
)
"""What a customer does after the first order, by place in the cohort (mod 10).

Each entry lists (months after the first order, SKU): three in ten refill
their wraps every two or three months, three come back once or twice, and
four never do. Orders on or after :data:`BOOKS_CLOSED` are not placed.
"""

RFM_SCORING = RfmScoring(
    recency_days=(45, 90, 150, 240),
    frequency=(2, 3, 4, 6),
    monetary=(30, 60, 100, 150),
)
"""Fixed edges: R 5 is an order in the last 45 days, F 5 six orders, M 5 €150."""

EMAILS = (
    ("champions", "early access to the new collection"),
    ("loyal", "a wraps subscription at 10% off"),
    ("potential loyalists", "a refill reminder with the brushes"),
    ("new", "a care guide for what they bought"),
    ("promising", "the zero-waste kit, bundled"),
    ("needs attention", "what other customers pair with it"),
    ("about to sleep", "a seasonal guide and a small gift"),
    ("cannot lose", "a personal note from the founders"),
    ("at risk", "a win-back offer, once"),
    ("hibernating", "the newsletter only"),
)
"""The email each RFM segment gets."""


def _month(start: dt.date, months: int) -> dt.date:
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _check_value(
    values: Mapping[tuple[str, str], tuple[Money, Money]], sku: str, country: str
) -> None:
    field = f"values[{sku!r}, {country!r}]"
    expected = "the net revenue and contribution of one order, as two Money"
    value = values.get((sku, country))
    if value is None:
        raise InvalidInputError(field=field, value=None, expected=expected)
    if not (
        type(value) is tuple
        and len(value) == 2  # noqa: PLR2004 - revenue and contribution
        and isinstance(value[0], Money)
        and isinstance(value[1], Money)
    ):
        raise InvalidTypeError(field=field, value=value, expected=expected)


def placements() -> list[tuple[dt.date, str, str, str]]:
    """Every order the pattern places: (day, customer, offer SKU, country), by day.

    Customer ``k`` (0, 1, ...) of the month ``m`` cohort (0 is October 2025)
    is ``"c2510-07"``-style; buys from Germany if ``k % 5 < 3``, else from
    the US; orders first :data:`FIRST_OFFERS` ``[k % 4]`` on day
    ``1 + (7k + 3m) % 28``, then follows :data:`REPEATS` ``[k % 10]`` on
    the same day of later months, until :data:`BOOKS_CLOSED`.
    """
    placed: list[tuple[dt.date, str, str, str]] = []
    for m, count in enumerate(NEW_CUSTOMERS):
        cohort = _month(FIRST_MONTH, m)
        for k in range(count):
            customer = f"c{cohort:%y%m}-{k:02d}"
            country = "DE" if k % 5 < 3 else "US"  # noqa: PLR2004 - 3 in 5
            day = 1 + (7 * k + 3 * m) % 28
            plan = ((0, FIRST_OFFERS[k % 4]), *REPEATS[k % 10][1])
            for after, sku in plan:
                when = _month(cohort, after).replace(day=day)
                if when < BOOKS_CLOSED:
                    placed.append((when, customer, sku, country))
    placed.sort()
    return placed


def order_history(
    values: Mapping[tuple[str, str], tuple[Money, Money]],
) -> tuple[Order, ...]:
    """The site's orders, from the documented pattern (:func:`placements`), by day.

    Args:
        values: For each (SKU, country), one order's net revenue and its
            contribution before acquisition cost, both in euros.
    """
    placed = placements()
    if not isinstance(values, Mapping):
        raise InvalidTypeError(
            field="values", value=values, expected="a mapping of (SKU, country)"
        )
    for _, _, sku, country in placed:
        _check_value(values, sku, country)
    return tuple(
        Order(
            customer=customer,
            placed_on=when,
            amount=values[sku, country][0],
            contribution=values[sku, country][1],
            order_id=f"B{number:04d}",
        )
        for number, (when, customer, sku, country) in enumerate(placed, start=1)
    )
