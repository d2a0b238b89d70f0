"""Small checks the KPI modules share (private).

Converters for attrs fields must be named, annotated functions (mypy's attrs
plugin reads them); these helpers make each one a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from xborder._validate import LARGEST, instance_of
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from xborder.money import Money

__all__ = [
    "bounded_sum",
    "builder",
    "checked",
    "instance",
    "is_a",
    "iterable",
    "same_currency",
]

_T = TypeVar("_T")
_V = TypeVar("_V")
_N = TypeVar("_N", int, Decimal)


def instance(value: object, kind: type[_T]) -> _T:
    """Return ``value`` if it is a ``kind``, else raise :class:`InvalidTypeError`."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field=None, value=value, expected=f"a {kind.__name__}")
    return value


def is_a(kind: type[_T]) -> Callable[[Any, attrs.Attribute[_T], _T], None]:
    """Validator: the field holds a ``kind``; the error names the field.

    :func:`xborder._validate.instance_of`, typed so that mypy's attrs plugin
    keeps the field's declared type.
    """
    return instance_of(kind)


# Iterators of built-in sequences cannot fail part-way; they are used as they are.
_SAFE_ITERATORS = frozenset({type(iter(())), type(iter([])), type(iter(range(0)))})


def iterable(values: Iterable[_T], field: str) -> Iterator[_T]:
    """``iter(values)``, streamed; an :class:`InvalidTypeError` naming ``field`` if not.

    The KPI folds read million-row exports lazily, so the rows are not
    gathered into a tuple (as :func:`xborder._validate.items_of` does); the
    same values are refused, up front: ``str`` and ``bytes`` (iterating them
    yields characters, not rows), mappings (their keys would be read as rows)
    and non-iterables. An iterable that fails as it is iterated (a scalar
    pint quantity declares ``__iter__`` and raises ``TypeError`` from it) is
    refused by name too, when it fails.
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


def checked(convert: Callable[[_V], _T], value: _V, field: str) -> _T:
    """Run a converter on an argument, naming ``field`` in any error it raises."""
    try:
        return convert(value)
    except XborderError as error:
        raise error.in_field(field) from None


def bounded_sum(value: _N, field: str) -> _N:
    """``value`` (a sum of checked numbers) if it is below LARGEST in size.

    Each part was checked where it entered, but a sum of many can outgrow
    the bound, and a result holding it could not be read back. Sums of
    numbers with no digit below FINEST have none either, so only the size
    is checked.
    """
    if -LARGEST < value < LARGEST:
        return value
    raise InvalidInputError(
        field=field, value=value, expected="totals smaller than 1E+36"
    )


def builder(cls: type[_T]) -> Callable[..., _T]:
    """Build ``cls`` from already-checked fields, skipping its converters.

    For calculators that build many results (one per search term, one per
    customer) from values they computed and checked themselves; the public
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


def same_currency(base: Money, other: Money, field: str) -> Money:
    """Return ``other`` if it is in ``base``'s currency; name ``field`` if not."""
    if other.currency is not base.currency and other.currency != base.currency:
        raise CurrencyMismatchError(
            "convert with xborder.fx first",
            field=field,
            value=other,
            expected=f"an amount in {base.currency.code}",
        )
    return other
