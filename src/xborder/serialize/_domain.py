"""Codecs for xborder's value types: Currency, Money, quantities (private)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from xborder import units
from xborder._validate import to_decimal
from xborder.errors import InvalidInputError, UnitError, XborderError
from xborder.money import Currency, Money
from xborder.money._currency import to_currency
from xborder.serialize._codec import (
    Codec,
    DecimalCodec,
    decimal_text,
    exact_text,
    refuse,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder.serialize._codec import PlainData
    from xborder.units import Quantity

__all__ = ["CurrencyCodec", "MoneyCodec", "QuantityCodec", "ValueObjectCodec"]

_DECIMAL = DecimalCodec()


class CurrencyCodec(Codec):
    """A currency as its code (``"EUR"``).

    A currency whose minor unit or cash increment differs from CLDR's is a
    mapping of its fields instead, so the override survives the trip.
    """

    name = "Currency"
    kinds = frozenset({"str", "object"})
    tag_inside = True

    def __init__(self, fields: Codec) -> None:
        self._fields = fields  # the generic attrs codec, for overridden currencies

    def matches(self, value: object) -> bool:
        return isinstance(value, Currency)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, Currency):
            raise refuse(value, "a Currency")
        if value == to_currency(value.code):
            return value.code
        return self._fields.encode(value)

    def decode(self, data: object) -> object:
        if isinstance(data, Currency):
            return data
        if isinstance(data, str):
            return to_currency(data)
        if isinstance(data, Mapping):
            return self._fields.decode(data)
        raise refuse(data, "an ISO 4217 code such as 'EUR'")


class ValueObjectCodec(Codec):
    """A one-field value object as its one value: an HS code as ``"392690"``.

    The mapping of its field (``{"digits": "392690"}``) reads as well.
    """

    tag_inside = False

    def __init__(self, cls: type, field: str, value: Codec, fields: Codec) -> None:
        self.cls = cls
        self.name = cls.__name__
        self.kinds = value.kinds | {"object"}
        self._field = field
        self._value = value
        self._fields = fields

    def matches(self, value: object) -> bool:
        return isinstance(value, self.cls)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, self.cls):
            raise refuse(value, self.name)
        return self._value.encode(getattr(value, self._field))

    def decode(self, data: object) -> object:
        if isinstance(data, self.cls):
            return data
        if isinstance(data, Mapping):
            return self._fields.decode(data)
        return self.cls(**{self._field: self._value.decode(data)})


class MoneyCodec(Codec):
    """Money as ``{"amount": "12.50", "currency": "EUR"}``.

    It also reads the short form ``"12.50 EUR"``, handy in hand-written
    config files.
    """

    name = "Money"
    kinds = frozenset({"str", "object"})
    tag_inside = True
    _KEYS = frozenset({"amount", "currency"})

    def __init__(self, currency: Codec) -> None:
        self._currency = currency

    def matches(self, value: object) -> bool:
        return isinstance(value, Money)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, Money):
            raise refuse(value, "Money")
        return {
            "amount": exact_text(value.amount),
            "currency": self._currency.encode(value.currency),
        }

    def decode(self, data: object) -> object:
        if type(data) is not dict:
            if isinstance(data, Money):
                return data
            if isinstance(data, str):
                return self._from_text(data)
            if not isinstance(data, Mapping):
                raise refuse(data, "Money: {'amount': '12.50', 'currency': 'EUR'}")
        if len(data) != 2 or "amount" not in data or "currency" not in data:  # noqa: PLR2004
            self._check_keys(data)
        amount = _part(data, "amount", _DECIMAL)
        currency = _part(data, "currency", self._currency)
        return Money(amount, currency)  # type: ignore[arg-type] # decoded above

    def _check_keys(self, data: Mapping[str, object]) -> None:
        for key in data:
            if key not in self._KEYS:
                raise InvalidInputError(
                    field=str(key), value=data[key], expected="only amount, currency"
                )

    def _from_text(self, text: str) -> Money:
        parts = text.split()
        if len(parts) != 2:  # noqa: PLR2004 - an amount and a code
            raise InvalidInputError(
                field=None, value=text, expected="Money such as '12.50 EUR'"
            )
        amount = _part({"amount": parts[0]}, "amount", _DECIMAL)
        currency = _part({"currency": parts[1]}, "currency", self._currency)
        return Money(amount, currency)  # type: ignore[arg-type] # decoded above


def _part(data: Mapping[str, object], key: str, codec: Codec) -> object:
    if key not in data:
        raise InvalidInputError("missing: the field is required", field=key)
    try:
        return codec.decode(data[key])
    except XborderError as error:
        raise error.in_field(key) from None


_QUANTITY = re.compile(
    r"\s*(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?P<unit>.*?)\s*"
)
_EXAMPLE = "a number and a unit, such as '2.5 kilogram'"


class QuantityCodec(Codec):
    """A quantity as ``"2.5 kilogram"``: its exact magnitude, then its unit.

    It comes back in xborder's Decimal registry, in the unit it was written
    in; a model's converter then checks the dimension and converts it.
    """

    name = "Quantity"
    kinds = frozenset({"str"})

    def __init__(self) -> None:
        self._kind: type[Quantity] = units.Quantity  # pint's class, looked up once

    def matches(self, value: object) -> bool:
        return isinstance(value, self._kind)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, self._kind):
            raise refuse(value, "a pint quantity")
        magnitude, terms = units.unit_terms(value)
        return f"{exact_text(magnitude)} {_unit_text(terms)}"

    def decode(self, data: object) -> object:
        if isinstance(data, self._kind):
            return self.decode(self.encode(data))  # re-homed in xborder's registry
        if not isinstance(data, str):
            raise refuse(data, _EXAMPLE)
        match = _QUANTITY.fullmatch(data)
        if match is None or not match["unit"]:
            raise UnitError(field=None, value=data, expected=_EXAMPLE)
        try:
            return units.quantity(to_decimal(match["number"]), match["unit"])
        except UnitError as error:
            raise UnitError(field=None, value=data, expected=error.expected) from None


@functools.cache
def _unit_text(terms: tuple[tuple[str, Decimal], ...]) -> str:
    """Pint's unit terms as text pint parses back: ``centimeter ** 3 / kilogram``.

    Built from the terms rather than ``str(units)``, which follows whatever
    display format a program set on the registry (``cm³`` does not parse).
    """
    above = [_power(name, power) for name, power in terms if power > 0]
    below = [_power(name, -power) for name, power in terms if power < 0]
    text = " * ".join(above) or ("1" if below else "dimensionless")
    return " / ".join([text, *below])


def _power(name: str, power: Decimal) -> str:
    return name if power == 1 else f"{name} ** {decimal_text(power.normalize())}"
