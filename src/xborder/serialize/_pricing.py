"""The codec for a unit-economics waterfall (private).

A :class:`~xborder.pricing.UnitEconomics` is computed from a listing at a
price; what its constructor takes is a compiled model, not data. So it is
written as its price and its listing (what it is rebuilt from) with its
figures and lines beside them for the reader, and read back by computing
the waterfall again and checking it against the figures written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from xborder.errors import InvalidInputError, XborderError
from xborder.pricing import UnitEconomics
from xborder.serialize._codec import Codec, refuse

if TYPE_CHECKING:
    from xborder.pricing import Listing
    from xborder.serialize._codec import PlainData

__all__ = ["EconomicsCodec"]

_FIGURES = ("gross", "net_revenue", "contribution", "channel", "lines")


class EconomicsCodec(Codec):
    """A waterfall as its price, listing, figures and lines."""

    name = "UnitEconomics"
    kinds = frozenset({"object"})
    tag_inside = True

    def __init__(self, codecs: dict[str, Codec]) -> None:
        self._codecs = codecs  # price, listing and each figure's codec

    def matches(self, value: object) -> bool:
        return isinstance(value, UnitEconomics)

    def encode(self, value: object) -> PlainData:
        if not isinstance(value, UnitEconomics):
            raise refuse(value, self.name)
        parts = {"price": value.price, "listing": value.listing}
        parts.update({name: getattr(value, name) for name in _FIGURES})
        encoded: dict[str, PlainData] = {}
        for name, part in parts.items():
            try:
                encoded[name] = self._codecs[name].encode(part)
            except XborderError as error:
                raise error.in_field(name) from None
        return encoded

    def decode(self, data: object) -> object:
        if isinstance(data, UnitEconomics):
            return data
        if not isinstance(data, Mapping):
            raise refuse(data, "UnitEconomics: its price and listing")
        for key in data:
            if key not in self._codecs:
                raise InvalidInputError(
                    f"UnitEconomics takes price, listing, {', '.join(_FIGURES)}",
                    field=str(key),
                    value=data[key],
                    expected="a field of the waterfall",
                )
        listing: Listing = self._part(data, "listing")  # type: ignore[assignment]
        price = self._part(data, "price")
        # A price the listing refuses raises naming "price" already.
        result = listing.economics(price)  # type: ignore[arg-type]
        self._check_figures(data, result)
        return result

    def _part(self, data: Mapping[str, object], key: str) -> object:
        if key not in data:
            raise InvalidInputError("missing: UnitEconomics requires it", field=key)
        try:
            return self._codecs[key].decode(data[key])
        except XborderError as error:
            raise error.in_field(key) from None

    def _check_figures(self, data: Mapping[str, object], result: UnitEconomics) -> None:
        # The figures are written for the reader; the listing is the truth.
        # Figures that disagree with it were edited, and are refused.
        for name in _FIGURES:
            computed = getattr(result, name)
            if name in data and self._part(data, name) != computed:
                written = self._codecs[name].encode(computed)
                raise InvalidInputError(
                    "the waterfall is computed from price and listing",
                    field=name,
                    value=data[name],
                    expected=f"what they give: {written!r}",
                )
