"""Strategies for the report models (private; see xborder.testing.strategies)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.money import Currency, Money
from xborder.reports import (
    CURRENCY_MARKS,
    DECIMAL_SEPARATORS,
    NUMBER_FORMATS,
    THOUSANDS_SEPARATORS,
    WINDOW,
    Column,
    ColumnKind,
    HeaderMatch,
    NumberFormat,
    ReportSpec,
    SettlementSummary,
    ShopifyLine,
    ShopifyOrder,
    match_headers,
)
from xborder.reports.rules import NUMBER_RULES, NumberRule
from xborder.testing.strategies._core import _not_strategies, currencies, money_values

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "header_matches",
    "number_formats",
    "number_rules",
    "report_columns",
    "report_specs",
    "settlement_summaries",
    "shopify_lines",
    "shopify_orders",
]

_FIRST = dt.date(2020, 1, 1)
_WORDS = st.sampled_from(
    ["sales", "orders", "spend", "clicks", "sku", "total", "fee", "units", "rate"]
)


def number_formats() -> st.SearchStrategy[NumberFormat]:
    """Every way a file may write numbers: the presets, then any valid mix.

    Decimal separator, thousands separators (none, one or several, never the
    decimal one), currency marks (none to all), and each negative form.
    """
    presets = st.sampled_from(tuple(dict.fromkeys(NUMBER_FORMATS.values())))
    return presets | st.sampled_from(DECIMAL_SEPARATORS).flatmap(_format_with)


def number_rules() -> st.SearchStrategy[NumberRule]:
    """The kinds' rules (amount, count, percent), then any mix of their options."""
    presets = st.sampled_from(tuple(NUMBER_RULES.values()))
    built = st.builds(
        lambda expected, example, percent, marks, fraction: NumberRule(
            expected=expected, example=example, percent=percent, marks=marks,
            fraction=fraction,
        ),
        st.sampled_from(["a number such as ", "an amount such as "]),
        st.sampled_from([1234, Decimal("1234.56"), Decimal("0.125")]),
        st.booleans(),
        st.booleans(),
        st.booleans(),
    )  # fmt: skip
    return presets | built


def _format_with(decimal: str) -> st.SearchStrategy[NumberFormat]:
    others = [t for t in THOUSANDS_SEPARATORS if t != decimal]
    return st.builds(
        lambda thousands, marks, parens, trailing: NumberFormat(
            name="drawn", decimal=decimal, thousands=tuple(thousands),
            currencies=tuple(marks), parentheses=parens, trailing_minus=trailing,
        ),
        st.lists(st.sampled_from(others), unique=True, max_size=3),
        st.lists(st.sampled_from(CURRENCY_MARKS), unique=True, max_size=5),
        st.booleans(),
        st.booleans(),
    )  # fmt: skip


def report_columns(
    *, names: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Column]:
    """Columns of every kind, with headers in any case, some with a window.

    Args:
        names: Where to draw the snake_case name from.
    """
    if (wrong := _not_strategies(names=names)) is not None:
        return wrong
    drawn = (
        st.tuples(_WORDS, st.integers(0, 99)).map(lambda p: f"{p[0]}_{p[1]}")
        if names is None
        else names
    )
    return drawn.flatmap(_column)


def _column(name: str) -> st.SearchStrategy[Column]:
    words = name.replace("_", " ")
    aliases = st.lists(
        st.sampled_from([
            words.title(), words.upper(), f"{WINDOW} Day {words.title()}",
            f"{words.title()} (#)",
        ]),
        unique=True,
        max_size=3,
    )  # fmt: skip
    needs = st.tuples(st.booleans(), st.booleans()).map(lambda p: (p[0], p[0] or p[1]))
    return st.builds(
        lambda kind, headers, flags: Column(
            name=name, kind=kind, aliases=tuple(headers), required=flags[0],
            needs_header=flags[1],
        ),
        st.sampled_from(ColumnKind),
        aliases,
        needs,
    )  # fmt: skip


def report_specs(
    *, columns: st.SearchStrategy[Column] | None = None
) -> st.SearchStrategy[ReportSpec]:
    """Specs of one to eight columns with distinct names (so distinct headers).

    Args:
        columns: Where to draw each column from.
    """
    if (wrong := _not_strategies(columns=columns)) is not None:
        return wrong
    drawn = report_columns() if columns is None else columns
    return st.builds(
        lambda name, cols, delimiter: ReportSpec(
            name=name, columns=tuple(cols), delimiter=delimiter
        ),
        st.sampled_from(["search terms", "business report", "custom export"]),
        st.lists(drawn, min_size=1, max_size=8, unique_by=lambda c: c.name),
        st.sampled_from([",", ";", "\t"]),
    )


def header_matches() -> st.SearchStrategy[HeaderMatch]:
    """Matches of drawn specs against headers the way files write them."""
    return st.builds(
        lambda spec, days: match_headers(_headers(spec, days), spec),
        report_specs(),
        st.sampled_from([7, 14, 1, 30]),
    )


def _headers(spec: ReportSpec, days: int) -> list[str]:
    return [
        (column.aliases or (column.name,))[0].replace(WINDOW, str(days))
        for column in spec.columns
    ]


def settlement_summaries(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[SettlementSummary]:
    """Settlement summaries of 1 to 31 days, paid out or owed."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return (currencies() if currency is None else currency).flatmap(
        lambda c: st.builds(
            lambda ident, start, length, deposit, total: SettlementSummary(
                settlement_id=str(ident), start=start,
                end=start + dt.timedelta(days=length),
                deposit_date=deposit, total=total,
            ),
            st.integers(10**9, 10**12),
            st.dates(_FIRST, dt.date(2099, 11, 30)),
            st.integers(0, 30),
            st.none() | st.dates(_FIRST, dt.date(2099, 12, 31)),
            money_values(currency=st.just(c), min_value=-(10**6), max_value=10**7),
        )
    )  # fmt: skip


def shopify_lines(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[ShopifyLine]:
    """Line items with a unit price, maybe a SKU and a discount."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return (currencies() if currency is None else currency).flatmap(_line)


def _line(currency: Currency) -> st.SearchStrategy[ShopifyLine]:
    amounts = money_values(currency=st.just(currency), min_value=0, max_value=10**4)
    return st.builds(
        lambda name, quantity, price, sku, discount: ShopifyLine(
            name=name, quantity=quantity, price=price, sku=sku, discount=discount
        ),
        st.sampled_from(["Bamboo brush", "Soap bar - lavender", "Phone holder"]),
        st.integers(0, 50),
        amounts,
        st.none() | st.sampled_from(["BR-4", "SOAP-L", "PH-01"]),
        st.none() | amounts,
    )


def shopify_orders(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[ShopifyOrder]:
    """Orders with zero to four lines, one currency, some refunded or cancelled."""
    if (wrong := _not_strategies(currency=currency)) is not None:
        return wrong
    return (currencies() if currency is None else currency).flatmap(_order)


def _order(currency: Currency) -> st.SearchStrategy[ShopifyOrder]:
    amounts = money_values(currency=st.just(currency), min_value=0, max_value=10**5)
    return st.builds(
        lambda number, day, total, refunded, lines, email, name, gone: ShopifyOrder(
            name=f"#{number}", created_on=day, total=total,
            refunded=refunded or Money(0, currency), lines=tuple(lines),
            email=email, billing_name=name, cancelled_on=gone,
        ),
        st.integers(1000, 10**6),
        st.dates(_FIRST, dt.date(2099, 12, 31)),
        amounts,
        st.none() | amounts,
        st.lists(_line(currency), max_size=4),
        st.none() | st.sampled_from(["anna@example.com", "Bram@Example.org"]),
        st.none() | st.sampled_from(["Anna Berg", "Bram Vos"]),
        st.none() | st.dates(_FIRST, dt.date(2099, 12, 31)),
    )  # fmt: skip


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    NumberFormat: number_formats,
    NumberRule: number_rules,
    Column: report_columns,
    ReportSpec: report_specs,
    HeaderMatch: header_matches,
    SettlementSummary: settlement_summaries,
    ShopifyLine: shopify_lines,
    ShopifyOrder: shopify_orders,
}
"""The strategy each report model resolves to under ``st.from_type``."""
