"""The errors xborder raises.

Every error is an :class:`XborderError` and also subclasses the builtin a
caller already catches (``ValueError``, ``TypeError`` or ``KeyError``), so
``except ValueError`` keeps working around xborder calls. Each carries
structured fields, so a program can react to *which* input was wrong:

* ``field``: the name of the argument or model field (``"quantity"``,
  ``"lines[2].unit_price"``);
* ``value``: the offending value, as received;
* ``expected``: what would have been accepted, in words.

The message is built from those fields, so it always names the field and the
value.

Examples:
    >>> from xborder.errors import InvalidInputError
    >>> error = InvalidInputError(field="quantity", value=-1, expected="a count >= 0")
    >>> str(error)
    'quantity: expected a count >= 0, got -1'
    >>> isinstance(error, ValueError)
    True
"""

from __future__ import annotations

import reprlib
from typing import Any, Self, TypeVar

__all__ = [
    "CurrencyMismatchError",
    "InvalidInputError",
    "InvalidTypeError",
    "MissingFxRateError",
    "RuleNotApplicableError",
    "UnitError",
    "UnknownCurrencyError",
    "XborderError",
]


class XborderError(Exception):
    """Base class of every error raised by xborder.

    Args:
        detail: Free text added after the structured part of the message.
        field: Name of the argument or model field that was wrong.
        value: The offending value, as received.
        expected: What would have been accepted, in words.
    """

    def __init__(
        self,
        detail: str | None = None,
        *,
        field: str | None = None,
        value: object = None,
        expected: str | None = None,
    ) -> None:
        self.detail = detail
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(self._message())

    def _message(self) -> str:
        parts: list[str] = []
        if self.expected is not None:
            parts.append(f"expected {self.expected}, got {_shown(self.value)}")
        if self.detail:
            parts.append(self.detail)
        body = "; ".join(parts) or f"invalid value {_shown(self.value)}"
        return f"{self.field}: {body}" if self.field else body

    def __str__(self) -> str:
        # KeyError would quote the message; every subclass reads the same way.
        return self._message()

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only fields do not survive the default Exception pickling,
        # and results cross process pools (concurrent.futures) in user code.
        return (_rebuild, (type(self), self.detail, self._state()))

    def _state(self) -> dict[str, object]:
        return {"field": self.field, "value": self.value, "expected": self.expected}

    def in_field(self, name: str) -> Self:
        """Return a copy that names ``name`` as the field, prefixing any inner field.

        Used where a value is checked before the caller knows which field it
        fills (attrs converters), so that ``lines[2].quantity`` reads whole.
        """
        state = self._state()
        inner = self.field
        if inner is None:
            state["field"] = name
        else:
            state["field"] = (
                f"{name}{inner}" if inner.startswith("[") else f"{name}.{inner}"
            )
        return _rebuild(type(self), self.detail, state)


_E = TypeVar("_E", bound=XborderError)

_MAX_SHOWN = 1000
"""Characters of a value's repr a message shows; ``.value`` keeps it whole."""


def _shown(value: object) -> str:
    try:
        text = _REPR.repr(value)
    except ValueError:  # an int past Python's 4300-digit str limit
        return f"<{type(value).__name__} too long to show>"
    except RecursionError:  # a value nested thousands deep, below our limit
        return f"<{type(value).__name__} nested too deep to show>"
    if len(text) <= _MAX_SHOWN:
        return text
    half = _MAX_SHOWN // 2
    return f"{text[:half]}...{text[-half:]}"


# reprlib stops at a depth and a length, and shows a list that contains
# itself as [...]: a message about any value can be built.
_REPR = reprlib.Repr()  # keyword settings arrive in Python 3.12
_REPR.maxlevel = 6
for _name in ("maxtuple", "maxlist", "maxarray", "maxdict", "maxset", "maxfrozenset"):
    setattr(_REPR, _name, 50)
_REPR.maxstring = _REPR.maxlong = _REPR.maxother = _MAX_SHOWN


def _rebuild(cls: type[_E], detail: str | None, state: dict[str, object]) -> _E:
    return cls(detail, **state)  # type: ignore[arg-type]


class InvalidInputError(XborderError, ValueError):
    """A value is outside what the calculation accepts (negative, empty, too big)."""


class InvalidTypeError(InvalidInputError, TypeError):
    """A value has a type xborder refuses, such as ``float`` for money or ``bool``.

    It is also a ``TypeError`` because that is what Python raises for a wrong
    type, and an :class:`InvalidInputError` because it is a bad input all the
    same.
    """


class UnknownCurrencyError(InvalidInputError):
    """A currency code is not an ISO 4217 code known to CLDR."""


class CurrencyMismatchError(XborderError, ValueError, TypeError):
    """Two amounts in different currencies were combined.

    It is both a ``ValueError`` (as in Saleor's ``prices``) and a ``TypeError``
    (as in ``py-moneyed``), so code written for either library catches it.
    """


class UnitError(XborderError, TypeError):
    """A quantity has the wrong physical dimension, or is not a quantity at all.

    A ``TypeError`` like pint's own ``DimensionalityError``.
    """


class MissingFxRateError(XborderError, KeyError):
    """An FX table holds no rate, direct, inverse or through its pivot, for a pair."""


class RuleNotApplicableError(XborderError, ValueError):
    """A rule cannot apply to the input: a weight above every band, a stale preset."""
