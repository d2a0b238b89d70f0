"""Which codec serves a declared type, built once per type and cached (private)."""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import types
import typing
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

import attrs

from xborder import units
from xborder.customs import HsCode
from xborder.errors import InvalidTypeError
from xborder.money import Currency, Money
from xborder.pricing import Listing, UnitEconomics, WaterfallLine
from xborder.serialize._codec import (
    AnyCodec,
    BoolCodec,
    Codec,
    DateCodec,
    DateTimeCodec,
    DecimalCodec,
    EnumCodec,
    IntCodec,
    LiteralCodec,
    NoneCodec,
    StrCodec,
    refuse,
)
from xborder.serialize._containers import (
    FixedTupleCodec,
    MappingCodec,
    SequenceCodec,
    SetCodec,
)
from xborder.serialize._domain import (
    CurrencyCodec,
    MoneyCodec,
    QuantityCodec,
    ValueObjectCodec,
)
from xborder.serialize._models import ModelCodec
from xborder.serialize._pricing import EconomicsCodec
from xborder.serialize._union import OptionalCodec, UnionCodec

if typing.TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["codec_for", "codec_of_value"]

_PLAIN: dict[object, Codec] = {
    type(None): NoneCodec(),
    None: NoneCodec(),
    bool: BoolCodec(),
    int: IntCodec(),
    str: StrCodec(),
    Decimal: DecimalCodec(),
    dt.date: DateCodec(),
    dt.datetime: DateTimeCodec(),
}
_TUPLES = {tuple, collections.abc.Sequence}
_LISTS = {list, collections.abc.MutableSequence}
_SETS = {frozenset, collections.abc.Set}
_MUTABLE_SETS = {set, collections.abc.MutableSet}
_MAPPINGS = {dict, collections.abc.Mapping, collections.abc.MutableMapping}
_UNIONS = {Union, types.UnionType}

_cache: dict[object, Codec] = {}


def codec_for(hint: object) -> Codec:
    """The codec for a declared type: a class, ``X | None``, ``tuple[X, ...]``..."""
    if not _is_type_hint(hint):
        # Data passed where the type belongs (from_data(data, Cls)) is no
        # key to look up: a dict is unhashable, an array has no truth value.
        raise _unsupported(hint)
    try:
        return _cache[hint]
    except KeyError:
        pass
    except TypeError:  # an unhashable hint, such as Literal of a list
        return _build(hint)
    codec = _cache[hint] = _build(hint)
    return codec


def _is_type_hint(hint: object) -> bool:
    """Whether ``hint`` is something a type annotation can be."""
    return (
        hint is None
        or isinstance(hint, type | typing.NewType)
        or typing.get_origin(hint) is not None
        or hint is Any
    )


def codec_of_value(value: object) -> Codec:
    """The codec for what ``value`` is, when no type was declared."""
    if isinstance(value, float):
        raise refuse(value, "a Decimal, never a float")
    kind = type(value)
    if kind is tuple:
        return codec_for(tuple[Any, ...])
    if kind in {list, frozenset, set}:
        return codec_for(kind[Any])
    if kind is dict:
        return codec_for(dict[Any, Any])
    if kind is object:
        raise _unsupported(kind)
    return codec_for(kind)


def _build(hint: object) -> Codec:
    if hint is Any or hint is object:
        return AnyCodec(codec_of_value)
    # Only classes and None are plain (a Literal of a list is unhashable).
    plain = _PLAIN.get(hint) if hint is None or isinstance(hint, type) else None
    if plain is not None:
        return plain
    origin = typing.get_origin(hint)
    if origin is not None:
        return _generic(hint, origin, typing.get_args(hint))
    if isinstance(hint, typing.NewType):
        return codec_for(hint.__supertype__)
    if isinstance(hint, type):
        return _class(hint)
    raise _unsupported(hint)


def _generic(hint: object, origin: object, args: tuple[Any, ...]) -> Codec:  # noqa: PLR0911
    if origin in _UNIONS:
        return _union(args)
    if origin is Literal:
        return LiteralCodec(args)
    if origin is Annotated:
        return codec_for(args[0])
    item = codec_for(args[0]) if args else codec_for(Any)
    if origin in _TUPLES:
        if origin is tuple and args and args[-1] is not Ellipsis:
            return FixedTupleCodec(tuple(codec_for(arg) for arg in args))
        return SequenceCodec(item, container=tuple)
    if origin in _LISTS:
        return SequenceCodec(item, container=list)
    if origin in _SETS:
        return SetCodec(item, container=frozenset)
    if origin in _MUTABLE_SETS:
        return SetCodec(item, container=set)
    if origin in _MAPPINGS:
        value = codec_for(args[1]) if len(args) > 1 else codec_for(Any)
        return MappingCodec(item, value)
    raise _unsupported(hint)


def _union(args: tuple[Any, ...]) -> Codec:
    if len(args) == 2 and type(None) in args:  # noqa: PLR2004 - X | None
        (member,) = (arg for arg in args if arg is not type(None))
        return OptionalCodec(codec_for(member))
    return UnionCodec(tuple(codec_for(arg) for arg in args))


def _class(hint: type) -> Codec:
    if issubclass(hint, enum.Enum):
        return EnumCodec(hint)
    special = _SPECIAL.get(hint)
    if special is not None:
        return special()
    if attrs.has(hint):
        return ModelCodec(hint, codec_for)
    if hint in {tuple, list, frozenset, set, dict}:
        return _generic(hint, hint, ())
    if hint.__module__.split(".")[0] == "pint" and issubclass(hint, units.Quantity):
        return QuantityCodec()
    if hint is float:
        raise InvalidTypeError(
            "floats lose digits; declare Decimal",
            field=None,
            value=hint,
            expected="a type without float",
        )
    raise _unsupported(hint)


def _economics() -> Codec:
    codecs = {
        "price": codec_for(Money),
        "listing": codec_for(Listing),
        "gross": codec_for(Money),
        "net_revenue": codec_for(Money),
        "contribution": codec_for(Money),
        "channel": codec_for(str),
        "lines": codec_for(tuple[WaterfallLine, ...]),
    }
    return EconomicsCodec(codecs)


# Types whose plain form is not simply their fields.
_SPECIAL: dict[type, Callable[[], Codec]] = {
    Money: lambda: MoneyCodec(codec_for(Currency)),
    Currency: lambda: CurrencyCodec(ModelCodec(Currency, codec_for)),
    HsCode: lambda: ValueObjectCodec(
        HsCode, "digits", codec_for(str), ModelCodec(HsCode, codec_for)
    ),
    UnitEconomics: _economics,
}


def _unsupported(hint: object) -> InvalidTypeError:
    return InvalidTypeError(
        "to_data and from_data know attrs models, Money, Currency, quantities, "
        "Decimal, int, str, bool, None, dates, enums, Literal, unions, tuples, "
        "lists, sets and mappings",
        field=None,
        value=hint,
        expected="a type they can convert",
    )
