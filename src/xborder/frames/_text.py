r"""Text the way the scalar calculators compare it, over whole columns (private).

:func:`xborder.kpi.normalize_term` case-folds a term and collapses Python's
whitespace. On ASCII text that is exactly lower-casing and collapsing the
ten ASCII whitespace characters, which polars does over the whole column;
any other text (``ß`` case-folds to ``ss``, polars' ``\\s`` lacks
``\x1c``-``\x1f``) is normalised by the scalar function itself, once per
distinct value. So the column gives, value for value, what the scalar gives.
"""

from __future__ import annotations

import re

import polars as pl

from xborder.kpi import normalize_term
from xborder.kpi.rules import ASIN

__all__ = ["PY_SPACE", "blank", "is_product_term", "normalized", "target_keys"]

PY_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
r"""Every character ``str.isspace`` holds true for (what ``str.split()`` and
``str.strip()`` remove): Unicode's White_Space plus ``\x1c``-``\x1f``."""

_ASCII_SPACE = r"[\t\n\x0B\x0C\r\x1C-\x1F ]+"
_BLANK = r"^[\s\x1C-\x1F]*$"  # Rust's \s is White_Space; Python adds \x1c-\x1f
_PRODUCT = f"^(?:{ASIN})$"  # the whole term is an ASIN (re.fullmatch)


def blank(column: pl.Expr) -> pl.Expr:
    """True where the text is empty or all whitespace (``not text.strip()``)."""
    return column.str.contains(_BLANK)


def normalized(series: pl.Series) -> pl.Series:
    """Each value as :func:`~xborder.kpi.normalize_term` gives it (nulls stay)."""
    is_ascii = series.str.len_bytes() == series.str.len_chars()
    fast = (
        series.str.to_lowercase()
        .str.replace_all(_ASCII_SPACE, " ")
        .str.strip_chars(" ")
    )
    others = series.filter(~is_ascii.fill_null(value=True)).unique()
    if others.is_empty():
        return fast.alias(series.name)
    table = {value: normalize_term(value) for value in others.to_list()}
    slow = series.replace_strict(table, default=None, return_dtype=pl.String)
    return (
        pl.select(pl.when(is_ascii).then(fast).otherwise(slow))
        .to_series()
        .alias(series.name)
    )


def target_keys(normal: pl.Series) -> pl.Series:
    r"""A normalised targeting text as harvesting compares it: its ASIN, if any.

    ``asin="B0ABCDE123"`` targets the ASIN ``b0abcde123`` (as
    :func:`xborder.kpi.harvest` reads product targets). ``\b`` means the
    same in Python's and Rust's regular expressions on ASCII text; other
    text is read by Python's.
    """
    is_ascii = normal.str.len_bytes() == normal.str.len_chars()
    found = normal.str.extract(ASIN, 0)
    fast = pl.select(pl.coalesce(found, normal)).to_series()
    others = normal.filter(~is_ascii.fill_null(value=True)).unique()
    if others.is_empty():
        return fast.alias(normal.name)
    pattern = re.compile(ASIN)

    def key(text: str) -> str:
        match = pattern.search(text)
        return match.group(0) if match else text

    table = {value: key(value) for value in others.to_list()}
    slow = normal.replace_strict(table, default=None, return_dtype=pl.String)
    return (
        pl.select(pl.when(is_ascii).then(fast).otherwise(slow))
        .to_series()
        .alias(normal.name)
    )


def is_product_term(normal: pl.Expr) -> pl.Expr:
    """True where a normalised search term is an ASIN (a product, not a keyword)."""
    return normal.str.contains(_PRODUCT)
