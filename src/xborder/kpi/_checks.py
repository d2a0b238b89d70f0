"""Small checks the KPI modules share (private).

Converters for attrs fields must be named, annotated functions (mypy's attrs
plugin reads them); these helpers make each one a line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from xborder.errors import CurrencyMismatchError, InvalidTypeError, XborderError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from xborder.money import Money

__all__ = ["checked", "instance", "iterable", "same_currency"]

_T = TypeVar("_T")
_V = TypeVar("_V")


def instance(value: object, kind: type[_T]) -> _T:
    """Return ``value`` if it is a ``kind``, else raise :class:`InvalidTypeError`."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field=None, value=value, expected=f"a {kind.__name__}")
    return value


def iterable(values: Iterable[_T], field: str) -> Iterator[_T]:
    """``iter(values)``; an :class:`InvalidTypeError` naming ``field`` if it is not one.

    A str is refused too: iterating it would yield characters, not rows.
    """
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidTypeError(field=field, value=values, expected="an iterable")
    return iter(values)


def checked(convert: Callable[[_V], _T], value: _V, field: str) -> _T:
    """Run a converter on an argument, naming ``field`` in any error it raises."""
    try:
        return convert(value)
    except XborderError as error:
        raise error.in_field(field) from None


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
