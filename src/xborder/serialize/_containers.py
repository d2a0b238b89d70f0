"""Codecs for tuples, lists, sets and mappings (private).

An item's error is raised again with its index (``[2]``) or key
(``["EUR"]``), so the path reads whole once every level has added its part.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.serialize._codec import Codec, refuse

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from xborder.serialize._codec import PlainData

__all__ = ["FixedTupleCodec", "MappingCodec", "SequenceCodec", "SetCodec"]

_ARRAY = frozenset({"array"})


def _items(values: Iterable[object], each: Callable[[object], object]) -> list[object]:
    done: list[object] = []
    for index, item in enumerate(values):
        try:
            done.append(each(item))
        except XborderError as error:
            raise error.in_field(f"[{index}]") from None
    return done


def _sequence(data: object, expected: str) -> Sequence[object]:
    if not isinstance(data, list | tuple):
        raise refuse(data, expected)
    return data


_INT = re.compile(r"-?[0-9]+")


def decode_key(codec: Codec, key: object) -> object:
    """A mapping's key: JSON and TOML write every key as text, ``"3"`` for 3."""
    try:
        return codec.decode(key)
    except XborderError:
        if isinstance(key, str) and "int" in codec.kinds and _INT.fullmatch(key):
            return codec.decode(int(key))
        raise


def _pairs(data: Mapping[object, object], codecs: tuple[Codec, ...]) -> list[object]:
    """Pairs written as a mapping: ``{"US": "5"}`` for ``(("US", "5"),)``."""
    key, value = codecs
    pairs: list[object] = []
    for name, item in data.items():
        try:
            pairs.append((decode_key(key, name), value.decode(item)))
        except XborderError as error:
            raise error.in_field(f"[{name!r}]") from None
    return pairs


class SequenceCodec(Codec):
    """``tuple[X, ...]`` or ``list[X]`` as a JSON list."""

    kinds = _ARRAY

    def __init__(
        self, item: Codec, *, container: type[tuple[object, ...] | list[object]]
    ) -> None:
        self.item = item
        self.container = container
        self.name = container.__name__
        self._expected = f"a list of {item.name}"
        # A tuple of (key, value) pairs may be written as a mapping.
        is_pair = isinstance(item, FixedTupleCodec) and len(item.items) == 2  # noqa: PLR2004
        self._pairs = item.items if is_pair else None  # type: ignore[attr-defined]
        self.kinds = _ARRAY | {"object"} if is_pair else _ARRAY

    def matches(self, value: object) -> bool:
        return isinstance(value, self.container)

    def encode(self, value: object) -> PlainData:
        values = _sequence(value, f"a {self.name}")
        return _items(values, self.item.encode)  # type: ignore[return-value] # encoded

    def decode(self, data: object) -> object:
        if self._pairs is not None and isinstance(data, Mapping):
            return self.container(_pairs(data, self._pairs))
        return self.container(_items(_sequence(data, self._expected), self.item.decode))


class FixedTupleCodec(Codec):
    """``tuple[X, Y]`` as a JSON list of exactly that many items."""

    name = "tuple"
    kinds = _ARRAY

    def __init__(self, items: tuple[Codec, ...]) -> None:
        self.items = items
        self._expected = f"a list of {len(items)} items: " + ", ".join(
            item.name for item in items
        )

    def matches(self, value: object) -> bool:
        return isinstance(value, tuple) and len(value) == len(self.items)

    def _check(self, data: object) -> Sequence[object]:
        values = _sequence(data, self._expected)
        if len(values) != len(self.items):
            raise InvalidInputError(field=None, value=data, expected=self._expected)
        return values

    def encode(self, value: object) -> PlainData:
        values = iter(self.items)
        return _items(self._check(value), lambda item: next(values).encode(item))  # type: ignore[return-value]

    def decode(self, data: object) -> object:
        values = iter(self.items)
        return tuple(_items(self._check(data), lambda item: next(values).decode(item)))


def _order(item: PlainData) -> str:
    return json.dumps(item, sort_keys=True)


class SetCodec(Codec):
    """``frozenset[X]`` (or ``set``) as a JSON list in a stable order."""

    kinds = _ARRAY

    def __init__(
        self, item: Codec, *, container: type[frozenset[object] | set[object]]
    ) -> None:
        self.item = item
        self.container = container
        self.name = container.__name__
        self._expected = f"a list of {item.name}"

    def matches(self, value: object) -> bool:
        return isinstance(value, self.container)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, frozenset | set):
            raise refuse(value, f"a {self.name}")
        # Sets have no order; sorting the encoded items makes the output
        # stable from run to run (string hashing is salted per process).
        encoded = _items(value, self.item.encode)
        return sorted(encoded, key=_order)  # type: ignore[arg-type]

    def decode(self, data: object) -> object:
        if isinstance(data, frozenset | set):
            data = list(data)
        return self.container(_items(_sequence(data, self._expected), self.item.decode))


class MappingCodec(Codec):
    """``dict[K, V]`` or ``Mapping[K, V]`` as a JSON object; keys must be text."""

    name = "dict"
    kinds = frozenset({"object"})

    def __init__(self, key: Codec, value: Codec) -> None:
        self.key = key
        self.value = value
        self._expected = f"a mapping of {key.name} to {value.name}"

    def matches(self, value: object) -> bool:
        return isinstance(value, Mapping)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, Mapping):
            raise refuse(value, self._expected)
        encoded: dict[str, PlainData] = {}
        for key, item in value.items():
            text = self.key.encode(key)
            if isinstance(text, int) and not isinstance(text, bool):
                text = str(text)  # as JSON writes it; decode_key reads it back
            if not isinstance(text, str):
                raise InvalidTypeError(
                    field=None, value=key, expected="a key that is encoded as text"
                )
            try:
                encoded[text] = self.value.encode(item)
            except XborderError as error:
                raise error.in_field(f"[{text!r}]") from None
        return encoded

    def decode(self, data: object) -> object:
        if not isinstance(data, Mapping):
            raise refuse(data, self._expected)
        decoded: dict[object, object] = {}
        for key, item in data.items():
            try:
                decoded[decode_key(self.key, key)] = self.value.decode(item)
            except XborderError as error:
                raise error.in_field(f"[{key!r}]") from None
        return decoded
