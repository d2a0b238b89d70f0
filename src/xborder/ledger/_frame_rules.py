"""What a row of a ledger frame must be, as polars expressions (private).

This is the one description of a ledger row on columns. It is evaluated
two ways:

* row by row, to name the first row that breaks it
  (:mod:`xborder.ledger._polars`);
* by the P&L table (:mod:`xborder.ledger._table`), on what it reads
  anyway: the numeric rules on the rows in its one survey, the text rules
  on the few distinct names its sums are keyed by. Anything either finds
  sends the frame to the row-by-row check, which names the row.

It also says which integer type holds a frame's unit counts.

It imports polars, so only the frame engines import it, when a frame is given.
"""

from __future__ import annotations

import polars as pl

from xborder._validate import LARGEST
from xborder.ledger._kinds import TransactionKind

__all__ = [
    "KINDS",
    "MOST_UNITS",
    "UNIT_KINDS",
    "bad_amount",
    "bad_row",
    "bad_units",
    "blank",
    "count_type",
    "missing_channel",
    "stray_units",
    "unknown_kind",
]

KINDS = [kind.value for kind in TransactionKind]
UNIT_KINDS = (TransactionKind.SALE.value, TransactionKind.REFUND.value)
MOST_UNITS = int(LARGEST)  # as Transaction.quantity (xborder._validate.count)


def count_type(most: int) -> type[pl.DataType]:
    """The type of a frame's unit counts: Int64, or Int128 past what Int64 holds.

    ``most``: the largest count (units go to 1E+36, as Transaction's).
    """
    return pl.Int64 if most < 2**63 else pl.Int128


def unknown_kind(kind: pl.Expr) -> pl.Expr:
    """No kind, or a kind that is not a :class:`TransactionKind` value."""
    # is_in gives null on a null kind, which a filter or any() would skip.
    return kind.is_null() | ~kind.is_in(KINDS)


def blank(text: pl.Expr) -> pl.Expr:
    """Text of nothing but whitespace (null where the text is null)."""
    return text.str.strip_chars() == ""


def missing_channel(channel: pl.Expr) -> pl.Expr:
    """Every row is posted on a channel."""
    return channel.is_null() | blank(channel)


def bad_amount(amount: pl.Expr) -> pl.Expr:
    """No amount, or one of 1E+36 or more (as :class:`xborder.money.Money`)."""
    return amount.is_null() | (
        amount.abs() >= pl.lit(int(LARGEST), dtype=pl.Decimal(38, 0))
    )


def bad_units(quantity: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """Units below zero or of 1E+36 or more (a null count is none).

    ``dtype``: the quantity column's type. The bound is compared in a type
    that holds both 1E+36 and every value of the column (a UInt128 does not
    cast to Int128).
    """
    wide = pl.UInt128 if dtype == pl.UInt128 else pl.Int128
    units = quantity.fill_null(0)
    return (units < 0) | (units >= pl.lit(MOST_UNITS, dtype=wide))


def stray_units(quantity: pl.Expr, kind: pl.Expr, sku: pl.Expr) -> pl.Expr:
    """Units on a row that cannot move them: not a sale or refund, or no SKU."""
    return (quantity.fill_null(0) > 0) & (~kind.is_in(UNIT_KINDS) | sku.is_null())


def bad_row(quantity_dtype: pl.DataType) -> pl.Expr:
    """True on a row of a ledger frame that is not a ledger row."""
    column = pl.col
    return (
        unknown_kind(column("kind"))
        | missing_channel(column("channel"))
        | column("posted_on").is_null()
        | bad_amount(column("amount"))
        | column("currency").is_null()
        | blank(column("sku"))
        | blank(column("campaign"))
        | bad_units(column("quantity"), quantity_dtype)
        | stray_units(column("quantity"), column("kind"), column("sku"))
    )
