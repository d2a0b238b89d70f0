"""Typed rows from plain records, such as the dicts ``csv.DictReader`` yields.

(Private; see :mod:`xborder.kpi`.) xborder reads no files: the caller opens
the export and passes its records. These generators turn each record into a
typed row as it is read, so a million-line export streams through
:func:`summarize` or :func:`rfm` without being held in memory, and a bad cell
is named by its position: ``rows[12].clicks``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi._checks import checked, iterable
from xborder.kpi._customers import Order
from xborder.kpi._report import SearchTermRow
from xborder.money import Currency, Money
from xborder.money._currency import to_currency

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = ["orders_from_records", "rows_from_records"]

_WHOLE = re.compile(r"\s*[+-]?\d+\s*")


def _whole(value: object, field: str) -> int:
    # Exports carry counts as text ("5200"); "5,200" or "12.0" are refused
    # rather than guessed at.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    # int() of text past Python's 4,300-digit limit raises a bare ValueError
    # (and a long one is slow to read): bound the text first, at the length
    # xborder reads any numeric text (to_decimal); the row refuses values
    # of 1E+36 or more by name.
    if (
        isinstance(value, str)
        and len(value) <= _LONGEST_TEXT
        and _WHOLE.fullmatch(value)
    ):
        return int(value)
    raise InvalidInputError(field=field, value=value, expected="a whole number")


_LONGEST_TEXT = 200


def _money(value: object, currency: Currency, field: str) -> Money:
    if isinstance(value, Money):
        return value
    if not isinstance(value, str | int | Decimal) or isinstance(value, bool):
        raise InvalidTypeError(
            field=field, value=value, expected="an amount as text, int or Decimal"
        )
    try:
        return Money(value.strip() if isinstance(value, str) else value, currency)
    except XborderError as error:
        # Money names its own field ("amount"); the cell's name is the one to show.
        raise type(error)(
            error.detail, field=field, value=error.value, expected=error.expected
        ) from None


def _mapping(record: object, where: str) -> None:
    if not hasattr(record, "get"):
        raise InvalidTypeError(field=where, value=record, expected="a mapping")


def _cell(record: Mapping[str, object], name: str, where: str) -> object:
    _mapping(record, where)
    if name not in record:
        raise InvalidInputError(
            field=f"{where}.{name}", value=None, expected=f"a {name!r} column"
        )
    return record[name]


def _optional(record: Mapping[str, object], name: str) -> object:
    value = record.get(name)
    # Only an empty cell means "none": ``value == ""`` on an array is no answer.
    return None if value is None or (isinstance(value, str) and not value) else value


def rows_from_records(
    records: Iterable[Mapping[str, object]], *, currency: Currency | str
) -> Iterator[SearchTermRow]:
    r"""Search-term rows from records with the report's columns, one at a time.

    Each record needs ``campaign``, ``targeting``, ``match_type``,
    ``search_term``, ``impressions``, ``clicks``, ``spend``, ``orders`` and
    ``sales``; ``ad_group`` is optional (missing or empty means none).
    Counts may be ints or whole numbers as text; amounts text, ints or
    Decimals in ``currency``. Nothing is guessed: ``"5,200"`` and ``"12.0"``
    are refused.

    Raises:
        InvalidInputError: A cell is missing or wrong, named as
            ``rows[i].column``.

    Examples:
        >>> import csv, io
        >>> export = io.StringIO(
        ...     "campaign,targeting,match_type,search_term,impressions,clicks,"
        ...     "spend,orders,sales\n"
        ...     "PH Auto,close-match,auto,car phone holder,5200,61,42.70,7,174.93\n"
        ...     "PH Auto,close-match,auto,phone stand,3400,-22,15.40,0,0\n")
        >>> rows = rows_from_records(csv.DictReader(export), currency="USD")
        >>> next(rows).clicks
        61
        >>> next(rows)
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: rows[1].clicks: expected an int >= 0, got -22
    """
    money = checked(to_currency, currency, "currency")
    for index, record in enumerate(iterable(records, "records")):
        where = f"rows[{index}]"
        try:
            yield _row(record, money, where)
        except XborderError as error:
            raise _located(error, where) from None


def _row(record: Mapping[str, object], money: Currency, where: str) -> SearchTermRow:
    def text(name: str) -> str:
        return _cell(record, name, where)  # type: ignore[return-value]

    def whole(name: str) -> int:
        return _whole(_cell(record, name, where), f"{where}.{name}")

    def amount(name: str) -> Money:
        return _money(_cell(record, name, where), money, f"{where}.{name}")

    return SearchTermRow(
        campaign=text("campaign"),
        ad_group=_optional(record, "ad_group"),  # type: ignore[arg-type]
        targeting=text("targeting"),
        match_type=text("match_type"),
        search_term=text("search_term"),
        impressions=whole("impressions"),
        clicks=whole("clicks"),
        spend=amount("spend"),
        orders=whole("orders"),
        sales=amount("sales"),
    )


def _located(error: XborderError, where: str) -> XborderError:
    # Errors raised by the model name only the field ("clicks").
    field = error.field or ""
    if field.startswith(where):
        return error
    return error.in_field(where)


def orders_from_records(
    records: Iterable[Mapping[str, object]], *, currency: Currency | str
) -> Iterator[Order]:
    """Orders from records with ``customer``, ``placed_on`` and ``amount``, lazily.

    ``contribution`` and ``order_id`` are optional (missing or empty means
    none). Dates are ``date`` objects or ``"YYYY-MM-DD"``; amounts text, ints
    or Decimals in ``currency``.

    Raises:
        InvalidInputError: A cell is missing or wrong, named as
            ``orders[i].column``.

    Examples:
        >>> records = [
        ...     {"customer": "anna", "placed_on": "2026-01-08", "amount": "64.00"},
        ...     {"customer": "bram", "placed_on": "2026-01-15", "amount": "4S.00"},
        ... ]
        >>> orders = orders_from_records(records, currency="EUR")
        >>> str(next(orders).amount)
        '64.00 EUR'
        >>> next(orders)
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: orders[1].amount: expected a Decimal, ...
    """
    money = checked(to_currency, currency, "currency")
    for index, record in enumerate(iterable(records, "records")):
        where = f"orders[{index}]"
        try:
            _mapping(record, where)
            contribution = _optional(record, "contribution")
            yield Order(
                customer=_cell(record, "customer", where),  # type: ignore[arg-type]
                placed_on=_cell(record, "placed_on", where),  # type: ignore[arg-type]
                amount=_money(_cell(record, "amount", where), money, f"{where}.amount"),
                contribution=None
                if contribution is None
                else _money(contribution, money, f"{where}.contribution"),
                order_id=_optional(record, "order_id"),  # type: ignore[arg-type]
            )
        except XborderError as error:
            raise _located(error, where) from None
