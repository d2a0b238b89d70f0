"""Small checks the ledger modules share (private).

Converters for attrs fields must be named, annotated functions (mypy's attrs
plugin reads them); these helpers make each one a line.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from xborder._exact import EXACT
from xborder._validate import LARGEST, in_range
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.money import Currency, Money, allocate

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

__all__ = [
    "add_days",
    "bounded",
    "builder",
    "checked",
    "enum_of",
    "exact_money",
    "in_currency",
    "is_a",
    "iterable",
    "money",
    "non_negative_money",
    "optional_money",
    "shares",
    "within",
]

_T = TypeVar("_T")
_V = TypeVar("_V")
_E = TypeVar("_E", bound=enum.Enum)


def checked(convert: Callable[[_V], _T], value: _V, field: str) -> _T:
    """Run a converter on an argument, naming ``field`` in any error it raises."""
    try:
        return convert(value)
    except XborderError as error:
        raise error.in_field(field) from None


def builder(cls: type[_T]) -> Callable[..., _T]:
    """Build ``cls`` from already-checked fields, skipping its converters.

    For calculators that build many results (one P&L row per SKU, channel
    and period) from values they computed and checked themselves; the public
    constructor keeps validating what a caller passes.
    """
    attributes = attrs.fields(cls)  # type: ignore[arg-type] # an attrs class
    slots = {a.name: cls.__dict__[a.name].__set__ for a in attributes}
    new = object.__new__

    def build(**fields: Any) -> _T:  # noqa: ANN401 - checked by the caller
        result = new(cls)
        for name, value in fields.items():
            slots[name](result, value)
        return result

    return build


# Iterators of built-in sequences cannot fail part-way; they are used as they are.
_SAFE_ITERATORS = frozenset({type(iter(())), type(iter([])), type(iter(range(0)))})


def iterable(values: Iterable[_T], field: str) -> Iterator[_T]:
    """``iter(values)``, streamed; an :class:`InvalidTypeError` naming ``field`` if not.

    The ledger folds read a year of transactions lazily, so the rows are not
    gathered into a tuple. ``str``, ``bytes`` and mappings are refused (their
    items are letters or keys, not rows), and so is an iterable that fails as
    it is iterated (a scalar pint quantity declares ``__iter__``).
    """
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidTypeError(field=field, value=values, expected="an iterable")
    try:
        iterator = iter(values)
    except TypeError:
        raise InvalidTypeError(
            field=field, value=values, expected="an iterable"
        ) from None
    if type(iterator) in _SAFE_ITERATORS:
        return iterator
    return _named_failures(iterator, field, values)


def _named_failures(iterator: Iterator[_T], field: str, values: object) -> Iterator[_T]:
    # Only the iterator's own next() runs inside this try: the caller's loop
    # body runs outside the generator, so its errors are not relabelled.
    try:
        yield from iterator
    except TypeError:
        raise InvalidTypeError(
            field=field, value=values, expected="an iterable"
        ) from None


def money(value: Money) -> Money:
    """Converter: a :class:`Money` (an amount needs its currency)."""
    if not isinstance(value, Money):
        raise InvalidTypeError(field=None, value=value, expected="Money")
    return value


def non_negative_money(value: Money) -> Money:
    """Converter: a :class:`Money` >= 0."""
    amount = money(value)
    if amount.is_negative():
        raise InvalidInputError(field=None, value=amount, expected="an amount >= 0")
    return amount


def optional_money(value: Money | None) -> Money | None:
    """Converter: a :class:`Money` >= 0, or ``None``."""
    return None if value is None else non_negative_money(value)


def in_currency(amount: Money, currency: Currency, field: str) -> Money:
    """``amount`` if it is in ``currency``; a named error if not."""
    if amount.currency != currency:
        raise CurrencyMismatchError(
            "convert with xborder.fx first",
            field=field,
            value=amount,
            expected=f"an amount in {currency.code}",
        )
    return amount


def bounded(value: Decimal, field: str) -> Decimal:
    """``value`` (a sum or product of checked numbers) if xborder can read it back.

    Each part was checked where it entered, but a sum of many can outgrow
    :data:`~xborder._validate.LARGEST`, and a product can gain digits below
    FINEST; a result holding either could not be read back.
    """
    if in_range(value) or not value:
        return value
    raise InvalidInputError(
        field=field,
        value=value,
        expected=f"totals smaller than {LARGEST:E} with no digit below 1E-100",
    )


def enum_of(kind: type[_E]) -> Callable[[Any], _E]:
    """A converter to ``kind``: a member, or one of its values as ``str``."""
    choices = ", ".join(repr(member.value) for member in kind)

    def convert(value: Any) -> _E:  # noqa: ANN401 - converters see raw input
        if isinstance(value, kind):
            return value
        if isinstance(value, str):
            try:
                return kind(value)
            except ValueError:
                pass
            raise InvalidInputError(
                field=None, value=value, expected=f"a {kind.__name__}: {choices}"
            )
        raise InvalidTypeError(
            field=None, value=value, expected=f"a {kind.__name__} or its value"
        )

    convert.__name__ = f"to_{kind.__name__.lower()}"
    return convert


def add_days(day: dt.date, days: int, field: str) -> dt.date:
    """``day + days``, or an error naming ``field`` past the calendar's ends."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise InvalidInputError(
            field=field,
            value=day,
            expected=f"a day at least {abs(days)} days from the calendar's end",
        ) from None


def shares(
    amount: Decimal, currency: Currency, weights: Sequence[Decimal]
) -> list[Decimal]:
    """``amount`` split by ``weights`` exactly (equally if every weight is 0).

    The step is the currency's minor unit, or the amount's last digit if it
    has finer ones, so any amount splits with no remainder lost.
    """
    if not any(weights):
        weights = [Decimal(1)] * len(weights)
    # The value's last digit, not its written exponent: 5.000 and 5.00 split
    # alike, whichever engine summed them (polars sums at the column's scale).
    last = amount.normalize(EXACT) if amount else amount
    exponent = min(int(last.as_tuple().exponent), -currency.exponent)
    step = Decimal(1).scaleb(exponent, context=EXACT)
    return [
        part.amount for part in allocate(Money(amount, currency), weights, step=step)
    ]


def is_a(kind: type[_T], value: object) -> _T:
    """``value`` if it is a ``kind``; an :class:`InvalidTypeError` if not."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field=None, value=value, expected=f"a {kind.__name__}")
    return value


_NEW = object.__new__
_SET = object.__setattr__


def exact_money(amount: Decimal, currency: Currency) -> Money:
    """``Money(amount, currency)`` for an amount already known to be in range.

    The P&L builds hundreds of thousands of amounts from sums it checked
    itself (:func:`within`); this skips the converters, as Money's own
    arithmetic does, and clears a negative zero as Money does.
    """
    money = _NEW(Money)
    _SET(money, "amount", amount or amount.copy_abs())
    _SET(money, "currency", currency)
    return money


def within(value: Decimal, field: str) -> Decimal:
    """``value`` if smaller than LARGEST in size: a sum of checked amounts.

    Sums of amounts with no digit below FINEST have none either, so only
    the size is checked (cheaply, on the hot path).
    """
    if -LARGEST < value < LARGEST:
        return value
    raise InvalidInputError(
        field=field, value=value, expected=f"totals smaller than {LARGEST:E}"
    )
