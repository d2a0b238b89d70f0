"""Between tables and the scalar results (private).

:func:`table_of` lays scalar results (:class:`~xborder.pricing.UnitEconomics`
or :class:`~xborder.pricing.PriceSolution`) out as the same columns the frame
calculators add; :func:`lines_of` explains them, one row per waterfall line
with its base, rate and rule; :func:`results_of` goes the other way: the
scalar result of every row of a table, for the rows a reader wants to see
explained. Both directions meet: ``table_of(results_of(t, ...))`` has the
very values the frame calculator put in ``t``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN
from typing import TYPE_CHECKING, Any

import attrs
import polars as pl

from xborder._validate import items_of
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames._native import native
from xborder.frames._pricing import (
    ECONOMICS,
    MARGIN_PLACES,
    check_other,
    listings_by_market,
)
from xborder.money import Money
from xborder.pricing import (
    FixedAmount,
    Listing,
    PriceSolution,
    UnitCosts,
    UnitEconomics,
    WaterfallLine,
)
from xborder.pricing.rules import Figures

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = ["LINES", "lines_of", "results_of", "table_of"]

LINES = ("result", "label", "kind", "amount", "currency", "base", "rate", "rule",
         "source")  # fmt: skip
"""The columns of :func:`lines_of`, one row per waterfall line."""

_MONEY = Figures._fields  # each is a Money property of UnitEconomics


def table_of(results: Iterable[UnitEconomics | PriceSolution | None]) -> pl.DataFrame:
    """Scalar results as the columns the frame calculators add (one row each).

    A :class:`~xborder.pricing.PriceSolution` adds ``price`` and ``rule``;
    ``None`` (a row that failed) is a row of empty values.

    Raises:
        InvalidTypeError: An item is not a result.
    """
    items = _results(results)
    rows = [_row(item) for item in items]
    solved = any(isinstance(item, PriceSolution) for item in items)
    names = ("price", "rule", *ECONOMICS) if solved else ECONOMICS
    return pl.DataFrame([dict.fromkeys(names) | row for row in rows])


def lines_of(results: Iterable[UnitEconomics | PriceSolution | None]) -> pl.DataFrame:
    """Every waterfall line of every result: the explanation, one row per line.

    Columns (:data:`LINES`): ``result`` (the position in ``results``),
    ``label``, ``kind``, ``amount``, ``currency``, ``base``, ``rate``, ``rule``
    and ``source``.

    Raises:
        InvalidTypeError: An item is not a result.
    """
    records = [
        _line(index, line)
        for index, item in enumerate(_results(results))
        for line in _economics_of(item)
    ]
    # Decimals at the largest scale among the values: 2.70 stays 2.70.
    text, count = pl.String(), pl.Int64()
    schema: dict[str, pl.DataType | None] = {"result": count, "label": text,
              "kind": text, "amount": None, "currency": text, "base": None,
              "rate": None, "rule": text, "source": text}  # fmt: skip
    if not records:
        return pl.DataFrame(
            schema={k: v or pl.Decimal(38, 0) for k, v in schema.items()}
        )
    known = {k: v for k, v in schema.items() if v is not None}
    table = pl.DataFrame(records, schema_overrides=known, infer_schema_length=None)
    return table.select(LINES)


def results_of(
    frame: object,
    listings: Listing | Mapping[str, Listing],
    *,
    market: str | None = None,
    price: str = "price",
    landed: str | None = "landed",
    fulfilment: str | None = None,
    other: Sequence[str] = (),
) -> list[UnitEconomics | None]:
    """The scalar waterfall of every row (``None`` where the row is refused).

    The arguments are those of :func:`xborder.frames.unit_economics`; cells
    are read as the scalar reads them (Decimal, int or decimal text).

    Raises:
        InvalidTypeError: ``listings`` or a column name is wrong.
    """
    rules = listings_by_market(listings, market)
    table = native(frame).frame
    _columns_in(
        table,
        {"market": market, "price": price, "landed": landed, "fulfilment": fulfilment},
        check_other(other),
    )
    results: list[UnitEconomics | None] = []
    for row in table.iter_rows(named=True):
        key = None if market is None else str(row[market])
        listing = rules.get(key)
        results.append(
            None
            if listing is None
            else _economics(
                row,
                listing,
                price=price,
                landed=landed,
                fulfilment=fulfilment,
                other=other,
            )
        )
    return results


def _columns_in(
    table: pl.DataFrame, names: dict[str, str | None], other: tuple[str, ...]
) -> None:
    """Refuse a column argument that is not a name, or names no column of ``table``."""
    roles = {**names, **{f"other[{i}]": name for i, name in enumerate(other)}}
    for role, name in roles.items():
        if name is None and role != "price":
            continue
        if not isinstance(name, str):
            raise InvalidTypeError(field=role, value=name, expected="a column name")
        if name not in table.columns:
            raise InvalidInputError(
                field=role, value=name, expected=f"one of the columns {table.columns}"
            )


def _economics(
    row: dict[str, Any],
    listing: Listing,
    *,
    price: str,
    landed: str | None,
    fulfilment: str | None,
    other: Sequence[str],
) -> UnitEconomics | None:
    currency = listing.currency

    def money(column: str | None, fallback: Money | None) -> Money | None:
        if column is None:
            return fallback
        return Money(row[column], currency)

    try:
        costs = UnitCosts(
            landed=money(landed, listing.costs.landed),  # type: ignore[arg-type]
            fulfilment=money(fulfilment, listing.costs.fulfilment),
            other=tuple(
                FixedAmount(label=name, amount=Money(row[name], currency))
                for name in other
            )
            or listing.costs.other,
        )
        return attrs.evolve(listing, costs=costs).economics(Money(row[price], currency))
    except XborderError:
        return None


def _economics_of(
    item: UnitEconomics | PriceSolution | None,
) -> tuple[WaterfallLine, ...]:
    if item is None:
        return ()
    economics = item.economics if isinstance(item, PriceSolution) else item
    return economics.lines


def _line(index: int, line: WaterfallLine) -> dict[str, object]:
    return {
        "result": index,
        "label": line.label,
        "kind": line.kind.value,
        "amount": line.amount.amount,
        "currency": line.amount.currency.code,
        "base": None if line.base is None else line.base.amount,
        "rate": line.rate,
        "rule": line.rule,
        "source": line.source,
    }


def _results(
    results: Iterable[UnitEconomics | PriceSolution | None],
) -> tuple[UnitEconomics | PriceSolution | None, ...]:
    items = items_of(results, field="results")
    for index, item in enumerate(items):
        if item is not None and not isinstance(item, UnitEconomics | PriceSolution):
            raise InvalidTypeError(
                field=f"results[{index}]",
                value=item,
                expected="UnitEconomics, PriceSolution or None",
            )
    return items


def _row(item: UnitEconomics | PriceSolution | None) -> dict[str, Any]:
    if item is None:
        return {}
    economics = item.economics if isinstance(item, PriceSolution) else item
    row: dict[str, Any] = {name: getattr(economics, name).amount for name in _MONEY}
    margin = economics.margin
    row |= {
        "currency": economics.price.currency.code,
        "margin": None
        if margin is None
        else margin.quantize(MARGIN_PLACES, rounding=ROUND_HALF_EVEN),
    }
    if isinstance(item, PriceSolution):
        row |= {"price": item.price.amount, "rule": item.rule}
    return row
