"""Parcels, consignments and destinations (private; see xborder.logistics)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import named_errors, positive_count, tuple_of
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.logistics._common import (
    Contents,
    contents_set,
    country_code,
    fmt,
    optional_text,
    to_bool,
)
from xborder.units import (
    KILOGRAM,
    Dimensions,
    as_mass,
    positive_quantity,
    quantity,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.units import Quantity  # noqa: TC004 - pint stays lazy

__all__ = [
    "Consignment",
    "Destination",
    "Parcel",
    "Shippable",
    "parcels_of",
    "to_destination",
]

_BOX = re.compile(
    r"^\s*(?P<l>[0-9.]+)\s*[x×*]\s*(?P<w>[0-9.]+)\s*[x×*]\s*(?P<h>[0-9.]+)"
    r"\s*(?P<unit>[^\s0-9.].*?)\s*$"
)


def _dimensions(value: Dimensions | str) -> Dimensions:
    """Converter: a :class:`Dimensions`, or text such as ``"15 x 10 x 4 cm"``."""
    if isinstance(value, Dimensions):
        return value
    if isinstance(value, str):
        match = _BOX.match(value)
        if match is None:
            raise InvalidInputError(
                field=None,
                value=value,
                expected="'L x W x H unit', e.g. '15 x 10 x 4 cm'",
            )
        unit = match["unit"]
        return Dimensions(
            length=f"{match['l']} {unit}",
            width=f"{match['w']} {unit}",
            height=f"{match['h']} {unit}",
        )
    raise InvalidTypeError(
        field=None, value=value, expected="Dimensions or a str like '15 x 10 x 4 cm'"
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Parcel:
    """One or more identical boxes sent together: what a carrier measures and weighs.

    Args:
        dimensions: Outside size of **one** box: a
            :class:`~xborder.units.Dimensions` or text such as
            ``"15 x 10 x 4 cm"`` or ``"11.8 x 7.9 x 3.1 in"``.
        weight: Scale weight of **one** box, packaging included (any mass:
            ``"120 g"``, ``"0.26 lb"``, a pint quantity).
        pieces: How many identical boxes (>= 1). Boxes of different sizes
            form a :class:`Consignment`.
        contents: What the boxes hold beyond general cargo (batteries,
            liquids...), as a set of :class:`Contents`; empty for general cargo.
        irregular: Whether the box is not rectangular (a tube, a bag): some
            rules scale its measured volume (USPS: × 0.785).

    Raises:
        InvalidInputError: A side or the weight is not > 0, or ``pieces`` < 1.
        UnitError: A size is not a length or the weight not a mass.

    Examples:
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> str(holder.volume), str(holder.total_weight)
        ('600 centimeter ** 3', '0.12 kilogram')
        >>> Parcel(dimensions="15 x 10 x 0 cm", weight="120 g")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: dimensions.height: expected > 0, got ...
    """

    dimensions: Dimensions = attrs.field(converter=_dimensions)
    weight: Quantity = attrs.field(converter=as_mass, validator=positive_quantity)
    pieces: int = attrs.field(default=1, converter=positive_count)
    contents: frozenset[Contents] = attrs.field(
        default=frozenset(), converter=contents_set
    )
    irregular: bool = attrs.field(default=False, converter=to_bool)
    # Hot-path magnitudes, read once: sides in cm, longest first; weight in kg.
    _sides: tuple[Decimal, Decimal, Decimal] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        box = self.dimensions
        sides = sorted(
            (box.length.magnitude, box.width.magnitude, box.height.magnitude),
            reverse=True,
        )
        object.__setattr__(self, "_sides", (sides[0], sides[1], sides[2]))

    @property
    def sides(self) -> tuple[Decimal, Decimal, Decimal]:
        """The three sides in centimetres, longest first (carriers' L, W, H)."""
        return self._sides

    @property
    def weight_kg(self) -> Decimal:
        """Scale weight of one box in kilograms."""
        return self.weight.magnitude

    @property
    def volume(self) -> Quantity:
        """Outside volume of one box, in cubic centimetres."""
        return self.dimensions.volume

    @property
    def total_weight(self) -> Quantity:
        """Scale weight of all the boxes, in kilograms."""
        return quantity(EXACT.multiply(self.weight_kg, self.pieces), KILOGRAM)

    @property
    def length_plus_girth(self) -> Quantity:
        """Longest side + 2 × (the other two), in centimetres, for one box."""
        length, width, height = self._sides
        total = EXACT.add(length, EXACT.multiply(2, EXACT.add(width, height)))
        return quantity(total, "centimeter")

    def describe(self) -> str:
        """One line: ``'1 × 15 × 10 × 4 cm, 0.12 kg'``."""
        length, width, height = (fmt(side) for side in self._sides)
        return (
            f"{self.pieces} × {length} × {width} × {height} cm, "
            f"{fmt(self.weight_kg)} kg"
        )


def _parcels(values: Iterable[Parcel]) -> tuple[Parcel, ...]:
    parcels = tuple_of(values, Parcel)
    if not parcels:
        raise InvalidInputError(
            field=None, value=parcels, expected="at least one Parcel"
        )
    return parcels


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Consignment:
    """Boxes of different sizes sent together under one waybill.

    Carriers price a multi-piece shipment either per piece or on the
    shipment's total (a :class:`DimRule` and a :class:`RateCard` each say
    which), so a consignment keeps its boxes apart.

    Args:
        parcels: The boxes, each a :class:`Parcel` (which may itself hold
            several identical pieces).

    Examples:
        >>> pair = Consignment(parcels=(
        ...     Parcel(dimensions="40 x 30 x 20 cm", weight="6 kg"),
        ...     Parcel(dimensions="30 x 20 x 10 cm", weight="2 kg", pieces=2),
        ... ))
        >>> pair.pieces, str(pair.total_weight)
        (3, '10 kilogram')
    """

    parcels: tuple[Parcel, ...] = attrs.field(converter=_parcels)

    @property
    def pieces(self) -> int:
        """How many boxes in all."""
        return sum(parcel.pieces for parcel in self.parcels)

    @property
    def total_weight(self) -> Quantity:
        """Scale weight of every box, in kilograms."""
        total = sum(
            (EXACT.multiply(p.weight_kg, p.pieces) for p in self.parcels), Decimal(0)
        )
        return quantity(total, KILOGRAM)

    @property
    def contents(self) -> frozenset[Contents]:
        """Every restricted kind of content in any box."""
        return frozenset().union(*(parcel.contents for parcel in self.parcels))


Shippable = Parcel | Consignment
"""What a carrier can carry: one :class:`Parcel` or a :class:`Consignment`."""


def parcels_of(shipment: Shippable, field: str = "shipment") -> tuple[Parcel, ...]:
    """The parcels of a :class:`Parcel` (itself) or a :class:`Consignment`."""
    if isinstance(shipment, Parcel):
        return (shipment,)
    if isinstance(shipment, Consignment):
        return shipment.parcels
    raise InvalidTypeError(
        field=field, value=shipment, expected="a Parcel or Consignment"
    )


@attrs.frozen(field_transformer=named_errors)
class Destination:
    """Where a parcel goes, as far as a price depends on it.

    Args:
        country: ISO 3166-1 alpha-2 code known to CLDR (``"US"``, ``"DE"``;
            the United Kingdom is ``"GB"``).
        remote_area: Whether the address is in the carrier's remote or
            extended area (carriers publish postcode lists; look it up and
            pass the answer).
        residential: Whether the address is a home rather than a business.
        postcode: The postcode, for your records (xborder does not look it up).

    Examples:
        >>> Destination("US", residential=True)
        Destination(country='US', remote_area=False, residential=True, postcode=None)
        >>> Destination("UK")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: country: expected an upper-case ISO 3166-1 ...
        got 'UK'; ISO 3166-1 writes the United Kingdom as 'GB'
    """

    country: str = attrs.field(converter=country_code)
    remote_area: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    residential: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    postcode: str | None = attrs.field(
        default=None, converter=optional_text, kw_only=True
    )


def to_destination(value: Destination | str, field: str = "destination") -> Destination:
    """Return ``value`` as a :class:`Destination` (a bare code: a business address)."""
    if isinstance(value, Destination):
        return value
    if isinstance(value, str):
        try:
            return Destination(value)
        except InvalidInputError as error:
            raise error.in_field(field) from None
    raise InvalidTypeError(
        field=field, value=value, expected="a Destination or a country code"
    )
