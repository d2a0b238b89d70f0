"""The codec for attrs models: a mapping of their ``__init__`` arguments (private).

Keys are the arguments' names (attrs' ``alias``: a private ``_rate`` field
is written ``rate``); fields that ``__init__`` does not take (caches,
derived tables) are left out, since the model rebuilds them. Each field is
encoded by its *declared* type, read with :func:`typing.get_type_hints`.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Union

import attrs

from xborder import units
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.serialize._codec import Codec, refuse

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.serialize._codec import PlainData

__all__ = ["ModelCodec", "field_hints"]


class _Field:
    __slots__ = ("alias", "codec", "default", "name")

    def __init__(self, alias: str, name: str, codec: Codec, default: object) -> None:
        self.alias = alias
        self.name = name
        self.codec = codec
        self.default = default  # what a missing key means, or _REQUIRED


_REQUIRED = object()


def field_hints(cls: type) -> dict[str, Any]:
    """The resolved type of each of ``cls``'s fields.

    xborder modules import ``Quantity`` and ``QuantityInput`` only for type
    checkers (``if TYPE_CHECKING:``), so their annotations name something
    the module does not hold at runtime; those names are supplied here,
    unless the model's module has its own.
    """
    try:
        return typing.get_type_hints(cls)
    except NameError:
        pass
    module = getattr(sys.modules.get(cls.__module__), "__dict__", {})
    fallback = {
        name: getattr(units, name)
        for name in ("Quantity", "QuantityInput")
        if name not in module
    }
    try:
        return typing.get_type_hints(cls, localns=fallback)
    except NameError as error:
        raise InvalidTypeError(
            "import the name at runtime, outside `if TYPE_CHECKING:`",
            field=None,
            value=cls,
            expected=f"annotations that resolve ({error})",
        ) from None


def _admits_none(hint: object) -> bool:
    origin = typing.get_origin(hint)
    return origin in {Union, types.UnionType} and type(None) in typing.get_args(hint)


class ModelCodec(Codec):
    """An attrs model as a mapping of its ``__init__`` arguments."""

    kinds = frozenset({"object"})

    def __init__(self, cls: type, resolve: Callable[[object], Codec]) -> None:
        self.cls = cls
        self.name = cls.__name__
        self._resolve = resolve
        self._fields: tuple[_Field, ...] | None = (
            None  # built on first use: models nest themselves
        )
        self._aliases = tuple(
            field.alias or field.name for field in attrs.fields(cls) if field.init
        )
        self._names = frozenset(self._aliases)
        self.tag_inside = "type" not in self._names

    @property
    def fields(self) -> tuple[_Field, ...]:
        """The fields ``__init__`` takes, with their codecs."""
        if self._fields is None:
            self._fields = self._plan()
        return self._fields

    def _plan(self) -> tuple[_Field, ...]:
        hints = field_hints(self.cls)
        planned = []
        for field in attrs.fields(self.cls):
            if not field.init:
                continue
            alias = field.alias or field.name
            hint = hints.get(field.name, Any)
            try:
                codec = self._resolve(hint)
            except XborderError as error:
                raise error.in_field(alias) from None
            default: object
            if field.default is not attrs.NOTHING:
                default = attrs.NOTHING  # the model's own default applies
            elif _admits_none(hint):
                default = None  # TOML has no null: a missing optional is None
            else:
                default = _REQUIRED
            planned.append(_Field(alias, field.name, codec, default))
        return tuple(planned)

    def matches(self, value: object) -> bool:
        return isinstance(value, self.cls)

    def encode(self, value: object) -> PlainData:
        if type(value) is not self.cls:
            if isinstance(value, self.cls) and attrs.has(type(value)):
                return self._resolve(type(value)).encode(value)
            raise refuse(value, self.name)
        encoded: dict[str, PlainData] = {}
        for field in self.fields:
            try:
                encoded[field.alias] = field.codec.encode(getattr(value, field.name))
            except XborderError as error:
                raise error.in_field(field.alias) from None
        return encoded

    def decode(self, data: object) -> object:
        if type(data) is not dict:
            if isinstance(data, self.cls):
                return data
            if not isinstance(data, Mapping):
                raise refuse(data, f"{self.name}: a mapping of its fields")
        self._check_keys(data)
        arguments: dict[str, object] = {}
        for field in self.fields:
            if field.alias in data:
                try:
                    arguments[field.alias] = field.codec.decode(data[field.alias])
                except XborderError as error:
                    raise error.in_field(field.alias) from None
            elif field.default is _REQUIRED:
                raise InvalidInputError(
                    f"missing: {self.name} requires it", field=field.alias
                )
            elif field.default is not attrs.NOTHING:
                arguments[field.alias] = field.default
        return self._build(arguments, data)

    def _check_keys(self, data: Mapping[Any, object]) -> None:
        for key in data:
            if key not in self._names:
                raise InvalidInputError(
                    f"{self.name} takes {', '.join(self._aliases)}",
                    field=str(key),
                    value=data[key],
                    expected="a field of the model",
                )

    def _build(self, arguments: dict[str, object], data: object) -> object:
        try:
            return self.cls(**arguments)
        except XborderError:
            raise  # names the model's own field already
        except (TypeError, ValueError) as error:
            # A user's model checking with plain exceptions.
            raise InvalidInputError(str(error), field=None, value=data) from None
