"""The codec for ``X | Y``: which member does a value, or a piece of data, belong to.

Most unions need no help: ``Money | None`` reads ``null`` or a mapping, and
``Decimal | Undefined`` tells ``"undefined"`` from ``"0.25"`` because the
enum's values are a closed set tried first. A union of several models
(a duty that is ``AdValorem | Specific | Compound...``) is ambiguous: each is
a mapping, so its data carries a ``"type"`` key naming the model:
``{"type": "AdValorem", "rate": "0.035"}``. A scalar that would read back as
another member is wrapped the same way: ``{"type": "str", "value": "undefined"}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from xborder.errors import InvalidInputError, XborderError
from xborder.serialize._codec import Codec, kind_of

if TYPE_CHECKING:
    from xborder.serialize._codec import PlainData

__all__ = ["OptionalCodec", "UnionCodec"]

TYPE_KEY = "type"


class UnionCodec(Codec):
    """One of several declared types."""

    def __init__(self, members: tuple[Codec, ...]) -> None:
        self.members = members
        self.name = " | ".join(member.name for member in members)
        self.kinds = frozenset().union(*(member.kinds for member in members))
        self.closed = all(member.closed for member in members)
        self._by_name = {member.name: member for member in members}
        # Members that are mappings are tagged when more than one is.
        mappings = [m for m in members if "object" in m.kinds]
        self._tagged = (
            frozenset(id(m) for m in mappings) if len(mappings) > 1 else frozenset()
        )
        # Scalars of two members may look alike ("undefined" for a str and an
        # enum): those values are checked, and wrapped when they would not read
        # back as themselves.
        self._check = any(
            (a.kinds & b.kinds) - {"object"}
            for i, a in enumerate(members)
            for b in members[i + 1 :]
        )
        # Closed members (enums, None, bool) first: they refuse what is not theirs.
        self._order = tuple(sorted(members, key=lambda m: not m.closed))
        self._expected = f"one of {self.name}"

    def matches(self, value: object) -> bool:
        return any(member.matches(value) for member in self.members)

    def encode(self, value: object) -> PlainData:
        member = self._member_of(value)
        data = member.encode(value)
        if id(member) in self._tagged:
            if member.tag_inside and isinstance(data, dict):
                return {TYPE_KEY: member.name, **data}
            return {TYPE_KEY: member.name, "value": data}
        if self._check and not self._reads_back(data, member, value):
            return {TYPE_KEY: member.name, "value": data}
        return data

    def _member_of(self, value: object) -> Codec:
        # The member of the value's exact type wins (bool before int).
        found = [member for member in self.members if member.matches(value)]
        if not found:
            raise InvalidInputError(field=None, value=value, expected=self._expected)
        return found[0]

    def _reads_back(self, data: PlainData, member: Codec, value: object) -> bool:
        try:
            chosen, decoded = self._untagged(data)
        except XborderError:
            return False
        return chosen is member and type(decoded) is type(value) and decoded == value

    def decode(self, data: object) -> object:
        if isinstance(data, Mapping):
            tag = data.get(TYPE_KEY)
            member = self._by_name.get(tag) if isinstance(tag, str) else None
            if member is not None and id(member) in self._tagged and member.tag_inside:
                return member.decode({k: v for k, v in data.items() if k != TYPE_KEY})
            if member is not None and data.keys() == {TYPE_KEY, "value"}:
                try:
                    return member.decode(data["value"])
                except XborderError as error:
                    raise error.in_field("value") from None
        return self._untagged(data)[1]

    def _untagged(self, data: object) -> tuple[Codec, object]:
        kind = kind_of(data)
        if kind == "instance":
            candidates = [m for m in self._order if m.matches(data)]
        else:
            candidates = [m for m in self._order if kind in m.kinds]
        if not candidates:
            raise InvalidInputError(field=None, value=data, expected=self._expected)
        if len(candidates) == 1:
            return candidates[0], candidates[0].decode(data)
        tagged = [m for m in candidates if id(m) in self._tagged]
        if kind == "object" and len(tagged) > 1:
            names = ", ".join(repr(m.name) for m in tagged)
            raise InvalidInputError(
                f"the 'type' key says which: {names}",
                field=None,
                value=data,
                expected=f"a mapping with a 'type' key: {self._expected}",
            )
        for member in candidates:
            try:
                return member, member.decode(data)
            except XborderError:
                continue
        raise InvalidInputError(field=None, value=data, expected=self._expected)


class OptionalCodec(Codec):
    """``X | None``, the common union, without a union's search."""

    def __init__(self, member: Codec) -> None:
        self.member = member
        self.name = f"{member.name} | None"
        self.kinds = member.kinds | {"null"}
        self.closed = member.closed

    def matches(self, value: object) -> bool:
        return value is None or self.member.matches(value)

    def encode(self, value: object) -> PlainData:
        return None if value is None else self.member.encode(value)

    def decode(self, data: object) -> object:
        return None if data is None else self.member.decode(data)
