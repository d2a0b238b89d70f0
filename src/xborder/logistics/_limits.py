"""Size limits and the restrictions that make a service ineligible (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import DecimalInput, items_of, named_errors, to_decimal
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.logistics._common import (
    Contents,
    contents_set,
    country_codes,
    fmt,
    kilograms,
    optional_country_codes,
    optional_length,
    optional_mass,
)
from xborder.logistics._parcel import (
    Destination,
    Parcel,
    Shippable,
    parcels_of,
    to_destination,
)
from xborder.money import Money, RoundingMode
from xborder.money._money import optional_money
from xborder.units import KILOGRAM, to_unit

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = ["Restrictions", "SizeLimits", "size_breaches"]


def _kg(value: Quantity | None) -> Decimal | None:
    return None if value is None else value.magnitude


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SizeLimits:
    """Largest box a rule allows, per piece; every limit is inclusive.

    A box *breaches* the limits when any measure is strictly above its
    limit. Sides are sorted first (longest, median, shortest), and
    length + girth is ``longest + 2 × (median + shortest)``, as UPS, FedEx
    and the postal services measure it.

    Args:
        weight: Heaviest piece.
        longest: Longest side.
        median: Second-longest side.
        shortest: Shortest side.
        length_plus_girth: Longest side + 2 × (the other two).
        sum_of_sides: Length + width + height (postal small packets).

    References:
        UPS: up to 150 lb, 108 in long, 165 in length + girth
        (ups.com "Weight and Size"). China Post ePacket: 2 kg,
        L + W + H ≤ 90 cm, longest ≤ 60 cm (China Post ePacket description).

    Examples:
        >>> epacket = SizeLimits(weight="2 kg", longest="60 cm", sum_of_sides="90 cm")
        >>> from xborder.logistics import Parcel
        >>> epacket.breaches(Parcel(dimensions="65 x 20 x 10 cm", weight="1 kg"))
        ('longest side 65 cm > 60 cm', 'length + width + height 95 cm > 90 cm')
    """

    weight: Quantity | None = attrs.field(default=None, converter=optional_mass)
    longest: Quantity | None = attrs.field(default=None, converter=optional_length)
    median: Quantity | None = attrs.field(default=None, converter=optional_length)
    shortest: Quantity | None = attrs.field(default=None, converter=optional_length)
    length_plus_girth: Quantity | None = attrs.field(
        default=None, converter=optional_length
    )
    sum_of_sides: Quantity | None = attrs.field(default=None, converter=optional_length)

    def breaches(
        self, parcel: Parcel, *, weight: QuantityInput | None = None
    ) -> tuple[str, ...]:
        """Say which limits one box of ``parcel`` breaks (empty if none).

        Args:
            parcel: The parcel to measure (each of its pieces is the same box).
            weight: Weight to test instead of the scale weight (a fulfilment
                tier tests its shipping weight).

        Raises:
            InvalidTypeError: ``parcel`` is not a :class:`Parcel`.
            UnitError: ``weight`` is not a mass.
        """
        if not isinstance(parcel, Parcel):
            raise InvalidTypeError(field="parcel", value=parcel, expected="a Parcel")
        if weight is None:
            weight_kg = parcel.weight_kg
        else:
            weight_kg = to_unit(weight, KILOGRAM, field="weight").magnitude
        return size_breaches(self, parcel.sides, weight_kg)

    def breaches_of(
        self, sides: Sequence[DecimalInput], weight_kg: DecimalInput
    ) -> tuple[str, ...]:
        """:meth:`breaches` on magnitudes: sides in cm (longest first), weight in kg.

        Raises:
            InvalidTypeError: ``sides`` is not three numbers, or a number is
                not a Decimal, int or numeric str.
            InvalidInputError: A side or the weight is negative.

        Examples:
            >>> epacket = SizeLimits(weight="2 kg", sum_of_sides="90 cm")
            >>> epacket.breaches_of(("50", "30", "20"), "2.5")
            ('weight 2.5 kg > 2 kg', 'length + width + height 100 cm > 90 cm')
        """
        return size_breaches(self, _sides(sides), kilograms(weight_kg))


def size_breaches(
    limits: SizeLimits, sides: tuple[Decimal, Decimal, Decimal], weight_kg: Decimal
) -> tuple[str, ...]:
    """:meth:`SizeLimits.breaches_of` on checked magnitudes (the hot path)."""
    longest, median, shortest = sides
    found: list[str] = []
    checks = (
        ("weight", weight_kg, _kg(limits.weight), "kg"),
        ("longest side", longest, _kg(limits.longest), "cm"),
        ("median side", median, _kg(limits.median), "cm"),
        ("shortest side", shortest, _kg(limits.shortest), "cm"),
    )
    for what, measured, limit, unit in checks:
        if limit is not None and measured > limit:
            found.append(f"{what} {fmt(measured)} {unit} > {fmt(limit)} {unit}")
    if limits.length_plus_girth is not None:
        girth = EXACT.multiply(2, EXACT.add(median, shortest))
        total = EXACT.add(longest, girth)
        limit = limits.length_plus_girth.magnitude
        if total > limit:
            found.append(f"length + girth {fmt(total)} cm > {fmt(limit)} cm")
    if limits.sum_of_sides is not None:
        total = EXACT.add(EXACT.add(longest, median), shortest)
        limit = limits.sum_of_sides.magnitude
        if total > limit:
            found.append(f"length + width + height {fmt(total)} cm > {fmt(limit)} cm")
    return tuple(found)


def _sides(values: Sequence[DecimalInput]) -> tuple[Decimal, Decimal, Decimal]:
    expected = "three sides in cm, longest first"
    sides = items_of(values, field="sides", expected=expected)
    if len(sides) != 3:  # noqa: PLR2004 - a box has three sides
        raise InvalidTypeError(field="sides", value=values, expected=expected)
    checked = []
    for index, side in enumerate(sides):
        field = f"sides[{index}]"
        number = to_decimal(side, field=field)
        if number < 0:
            raise InvalidInputError(field=field, value=side, expected="a side >= 0 cm")
        checked.append(number)
    return (checked[0], checked[1], checked[2])


def optional_limits(value: SizeLimits | None) -> SizeLimits | None:
    """Converter: :class:`SizeLimits` or ``None``, nothing else."""
    if value is not None and not isinstance(value, SizeLimits):
        raise InvalidTypeError(field=None, value=value, expected="SizeLimits or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Restrictions:
    """What a service refuses to carry; each refusal is a reason, not a crash.

    Args:
        limits: Size and weight limits per piece.
        countries: Countries the service delivers to; ``None`` means any.
        prohibited_countries: Countries it does not deliver to.
        accepts: Restricted contents it accepts (batteries, liquids...);
            anything a parcel holds that is not listed makes it ineligible.
            Empty (the default) means general cargo only.
        max_value: Highest declared value of goods per shipment.

    Examples:
        >>> from xborder.logistics import Contents, Parcel
        >>> postal = Restrictions(
        ...     limits=SizeLimits(weight="2 kg"),
        ...     accepts={Contents.BATTERY_IN_EQUIPMENT},
        ...     prohibited_countries={"AU"},
        ... )
        >>> power_bank = Parcel(
        ...     dimensions="15 x 8 x 3 cm",
        ...     weight="300 g",
        ...     contents={Contents.BATTERY_ALONE},
        ... )
        >>> postal.reasons(power_bank, destination="AU")
        ('does not deliver to AU', 'does not accept battery alone')
    """

    limits: SizeLimits | None = attrs.field(default=None, converter=optional_limits)
    countries: frozenset[str] | None = attrs.field(
        default=None, converter=optional_country_codes
    )
    prohibited_countries: frozenset[str] = attrs.field(
        default=frozenset(), converter=country_codes
    )
    accepts: frozenset[Contents] = attrs.field(
        default=frozenset(), converter=contents_set
    )
    max_value: Money | None = attrs.field(default=None, converter=optional_money)

    def reasons(
        self,
        shipment: Shippable,
        *,
        destination: Destination | str,
        value: Money | None = None,
    ) -> tuple[str, ...]:
        """Every reason the service cannot carry ``shipment``; empty if it can.

        Args:
            shipment: A :class:`Parcel` or :class:`Consignment`.
            destination: Where it goes.
            value: Declared value of the goods, checked against ``max_value``,
                in its currency.

        Raises:
            InvalidTypeError: ``value`` is not Money.
            InvalidInputError: ``value`` is negative.
            CurrencyMismatchError: ``value`` is not in ``max_value``'s currency.
        """
        _check_value(value, self.max_value)
        parcels = parcels_of(shipment)
        where = to_destination(destination)
        found: list[str] = []
        country = where.country
        served = self.countries is None or country in self.countries
        if not served or country in self.prohibited_countries:
            found.append(f"does not deliver to {country}")
        refused = sorted(
            {c for p in parcels for c in p.contents} - self.accepts, key=str
        )
        found.extend(f"does not accept {content}" for content in refused)
        if self.limits is not None:
            for parcel in parcels:
                found.extend(self.limits.breaches(parcel))
        if self.max_value is not None and value is not None and value > self.max_value:
            # A converted value has many digits; shown rounded up, it still reads >.
            rounded = value.quantize(RoundingMode.CEILING)
            shown = value if rounded == value else rounded
            found.append(f"declared value {shown} > {self.max_value}")
        return tuple(dict.fromkeys(found))


def _check_value(value: Money | None, limit: Money | None) -> None:
    """A declared value is Money >= 0, in the limit's currency when there is one."""
    if value is None:
        return
    if not isinstance(value, Money):
        raise InvalidTypeError(field="value", value=value, expected="Money or None")
    if value.is_negative():
        raise InvalidInputError(field="value", value=value, expected="Money >= 0")
    if limit is not None and value.currency != limit.currency:
        raise CurrencyMismatchError(
            "convert it with xborder.fx first",
            field="value",
            value=value,
            expected=f"an amount in {limit.currency.code}, like max_value",
        )
