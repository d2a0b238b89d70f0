"""Report specs as data: canonical columns, their kinds and header aliases.

(Private; see :mod:`xborder.reports`.)
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from xborder._validate import flag, items_of, named_errors, text, tuple_of
from xborder.errors import InvalidInputError, InvalidTypeError

__all__ = [
    "WINDOW",
    "Column",
    "ColumnKind",
    "ReportSpec",
    "normalize_header",
]

WINDOW: Final = "{days}"
"""The placeholder for the attribution window in an alias:
``"{days} Day Total Sales"`` matches ``7 Day Total Sales`` and
``14 Day Total Sales``, and the match reports the days."""

_HEADER_LIMIT = 1000
_DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)
_INFORMATIONAL = "(informational only)"
_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")


def normalize_header(header: str) -> str:
    r"""A header as matching sees it: the same for every way exports write it.

    In order: a leading byte-order mark is dropped; Unicode compatibility
    forms are folded (NFKC: full-width ``（#）`` is ``(#)``, a no-break space
    is a space); en and em dashes and the minus sign become ``-``; case is
    folded; runs of whitespace become one space and the ends are stripped;
    a bulk-sheet ``(Informational only)`` suffix is dropped
    (reports-and-fees.md §1.8, pitfall 1).

    Raises:
        InvalidTypeError: The header is not a str.
        InvalidInputError: The header is longer than 1,000 characters.

    Examples:
        >>> normalize_header("\ufeff7 Day Total Sales ")
        '7 day total sales'
        >>> normalize_header("Sessions \u2013 Total")
        'sessions - total'
        >>> normalize_header("Campaign Name (Informational only)")
        'campaign name'
    """
    if not isinstance(header, str):
        raise InvalidTypeError(field=None, value=header, expected="a str")
    if len(header) > _HEADER_LIMIT:
        raise InvalidInputError(
            field=None, value=header, expected=f"at most {_HEADER_LIMIT} characters"
        )
    folded = unicodedata.normalize("NFKC", header.lstrip("\ufeff"))
    words = " ".join(folded.translate(_DASHES).casefold().split())
    if words.endswith(_INFORMATIONAL):
        words = words[: -len(_INFORMATIONAL)].rstrip()
    return words


class ColumnKind(enum.StrEnum):
    """What a column holds, and so how its cells are read.

    Examples:
        >>> ColumnKind("amount") is ColumnKind.AMOUNT
        True
    """

    TEXT = "text"
    """Free text, kept as written (ends stripped)."""
    CODE = "code"
    """An identifier, zip or phone: text, with Excel's leading ``'`` guard
    dropped (``'75008`` is ``75008``); an int cell becomes its digits."""
    COUNT = "count"
    """A whole number (``int``): ``1,234`` in en, ``1.234`` in de."""
    AMOUNT = "amount"
    """An exact, signed :class:`~decimal.Decimal`: money or a plain ratio."""
    PERCENT = "percent"
    """A fraction as :class:`~decimal.Decimal`: ``12.5%`` is 0.125; a bare
    ``0.125`` is already a fraction."""
    DATE = "date"
    """A :class:`datetime.date`, the local day as written."""
    MATCH_TYPE = "match_type"
    """An ad match type, as :class:`xborder.kpi.MatchType`."""


def _kind(value: ColumnKind | str) -> ColumnKind:
    if isinstance(value, ColumnKind):
        return value
    if isinstance(value, str):
        try:
            return ColumnKind(value)
        except ValueError:
            pass
    raise InvalidInputError(
        field=None,
        value=value,
        expected="a ColumnKind or one of "
        + ", ".join(repr(k.value) for k in ColumnKind),
    )


def _name(value: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str")
    if not _NAME.fullmatch(value):
        raise InvalidInputError(
            field=None,
            value=value,
            expected="a snake_case name such as 'search_term' (a-z, 0-9, _)",
        )
    return value


def _aliases(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        raise InvalidTypeError(field=None, value=values, expected="a tuple of headers")
    items = tuple_of(values, str)
    for index, item in enumerate(items):
        if not normalize_header(item):
            raise InvalidInputError(
                field=f"[{index}]", value=item, expected="a non-blank header"
            )
        if item.count(WINDOW) > 1:
            raise InvalidInputError(
                field=f"[{index}]", value=item, expected=f"at most one {WINDOW}"
            )
    return items


def _matcher(alias: str) -> re.Pattern[str]:
    """A compiled pattern matching the normalised headers of an alias."""
    before, window, after = normalize_header(alias).partition(WINDOW)
    days = "([0-9]{1,3})" if window else ""
    return re.compile(re.escape(before) + days + re.escape(after))


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Column:
    """One canonical column of a report: its name, kind and headers.

    Args:
        name: The canonical name, snake_case: the key of every record read.
        kind: What the cells hold (:class:`ColumnKind` or its value).
        aliases: Headers the column goes by, any case or spacing (matched
            after :func:`normalize_header`); ``{days}`` stands for the
            attribution window. The name itself always matches too.
        required: Every row has a value (so the header must be there too).
            An optional column may be absent from the file or empty in a
            row (``""``, ``-``, ``--``, ``N/A`` for numbers and dates).
        needs_header: The header must be there even if cells may be empty
            (Shopify's ``Total``, filled on an order's first row only).
            Defaults to ``required``.

    Raises:
        InvalidInputError: A bad name or alias, or a required column that
            does not need its header.

    Examples:
        >>> Column(name="sales", kind="amount", aliases=("{days} Day Total Sales",))
        Column(name='sales', kind=<ColumnKind.AMOUNT: 'amount'>, aliases=('{days} Day Total Sales',), required=True, needs_header=True)
    """  # noqa: E501 - a doctest output line

    name: str = attrs.field(converter=_name)
    kind: ColumnKind = attrs.field(converter=_kind)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)
    required: bool = attrs.field(default=True, converter=flag)
    needs_header: bool = attrs.field(
        default=attrs.Factory(lambda self: self.required, takes_self=True),
        converter=flag,
    )
    _matchers: tuple[re.Pattern[str], ...] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if self.required and not self.needs_header:
            raise InvalidInputError(
                field="needs_header",
                value=self.needs_header,
                expected="True for a required column",
            )
        headers = (*self.aliases, self.name)
        object.__setattr__(self, "_matchers", tuple(map(_matcher, headers)))

    @property
    def matchers(self) -> tuple[re.Pattern[str], ...]:
        """The aliases (then the name), compiled, in order of preference."""
        return self._matchers

    @property
    def example(self) -> str:
        """The first alias with a 7-day window, as a header to show in messages."""
        return (self.aliases or (self.name,))[0].replace(WINDOW, "7")


def _columns(values: Iterable[Column]) -> tuple[Column, ...]:
    return tuple_of(values, Column)


def _source(value: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str")
    return value


def _delimiter(value: str) -> str:
    if not isinstance(value, str) or len(value) != 1:
        raise InvalidInputError(field=None, value=value, expected="one character")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ReportSpec:
    r"""A report format as data: its canonical columns and the headers they go by.

    Users pass their own specs or extend a preset with :meth:`with_aliases`
    and :meth:`with_columns`. xborder reads no files: :attr:`delimiter` is
    the one the export usually uses, for the caller's ``csv`` reader.

    Args:
        name: What the report is.
        columns: Its canonical columns (names unique; no header may be the
            alias of two columns).
        source: Where the header lists come from, with its date.
        delimiter: The usual field delimiter (``","``, ``"\t"``).

    Raises:
        InvalidInputError: Two columns share a name or an alias.

    Examples:
        >>> spec = ReportSpec(name="tiny", columns=(
        ...     Column(name="sku", kind="code", aliases=("SKU",)),
        ...     Column(name="units", kind="count", aliases=("Units Ordered",)),
        ... ))
        >>> spec.with_aliases({"units": "Einheiten"}).column("units").aliases
        ('Einheiten', 'Units Ordered')
    """

    name: str = attrs.field(converter=text)
    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    source: str = attrs.field(default="", converter=_source)
    delimiter: str = attrs.field(default=",", converter=_delimiter)

    def __attrs_post_init__(self) -> None:
        owners: dict[str, str] = {}
        for index, column in enumerate(self.columns):
            if column.name in {c.name for c in self.columns[:index]}:
                raise InvalidInputError(
                    field=f"columns[{index}].name",
                    value=column.name,
                    expected="a name no other column has",
                )
            for header in {normalize_header(a) for a in (*column.aliases, column.name)}:
                owner = owners.setdefault(header, column.name)
                if owner != column.name:
                    raise InvalidInputError(
                        field=f"columns[{index}].aliases",
                        value=header,
                        expected=f"a header that is not already {owner!r}'s",
                    )

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical names, in order."""
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        """The column called ``name``.

        Raises:
            InvalidInputError: No such column.
        """
        if not isinstance(name, str):
            raise InvalidTypeError(field="name", value=name, expected="a str")
        for column in self.columns:
            if column.name == name:
                return column
        raise InvalidInputError(
            field="name", value=name, expected="one of " + ", ".join(self.names)
        )

    def with_aliases(self, aliases: Mapping[str, str | Iterable[str]]) -> ReportSpec:
        """A copy whose columns also go by the given headers (tried first).

        Args:
            aliases: Canonical name → a header, or several.

        Raises:
            InvalidInputError: An unknown column, or a header another
                column already goes by.
        """
        if not isinstance(aliases, Mapping):
            raise InvalidTypeError(field="aliases", value=aliases, expected="a mapping")
        extra: dict[str, tuple[str, ...]] = {}
        for name, headers in aliases.items():
            self.column(name)
            extra[name] = (
                (headers,)
                if isinstance(headers, str)
                else items_of(headers, field=f"aliases[{name!r}]", expected="headers")
            )
        columns = tuple(
            attrs.evolve(c, aliases=(*extra[c.name], *c.aliases))
            if c.name in extra
            else c
            for c in self.columns
        )
        return attrs.evolve(self, columns=columns)

    def with_columns(self, *columns: Column) -> ReportSpec:
        """A copy with more columns (user extras: a custom export's own fields).

        Examples:
            >>> spec = ReportSpec(name="t", columns=(Column(name="a", kind="text"),))
            >>> spec.with_columns(Column(name="b", kind="count")).names
            ('a', 'b')
        """
        return attrs.evolve(self, columns=(*self.columns, *columns))
