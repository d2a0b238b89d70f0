r"""Filling sea containers from many SKUs' restock needs.

A sea purchase order is shipped in 20- or 40-foot containers, each paid
for whole, so a planner rounds every SKU's need up to whole cartons, packs
the cartons into as few containers as their volume and weight allow, and
then asks what else is worth adding to the space already paid for.

**Stacking, kept simple.** Cartons are counted by volume against the
container's *recommended load volume*, not its full internal volume: hand
stacking cartons of mixed sizes leaves 10–15 % of the box empty (gaps
above the top layer, at the walls and the doors), and the recommended load
volume is what forwarders quote for loose cartons. Each carton must fit
inside the container in some orientation, and the gross weight of the
load may not exceed the container's payload. No layer-by-layer geometry,
no pallets, no load-bearing limits: check a tight plan with the forwarder.

**Presets** (:data:`CONTAINER_20GP`, :data:`CONTAINER_40GP`,
:data:`CONTAINER_40HQ`): internal dimensions from the World Shipping
Council's dry-container table; recommended load volumes of 28, 58 and 66
m³ as published for loose cartons; payloads of typical steel boxes
(28,180, 26,730 and 26,540 kg). The owner's CSC plate and road limits (in
the US about 17 t in a 20-foot and 19 t in a 40-foot box on a standard
chassis) can be lower: pass your own :class:`ContainerType` then.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    items_of,
    named_errors,
    non_negative,
    non_negative_count,
    positive_count,
    require,
    text,
    tuple_of,
)
from xborder.errors import (
    InvalidTypeError,
    XborderError,
)
from xborder.inventory._args import (
    expect,
    is_a,
    is_a_or_none,
    member,
    money_in_range,
)
from xborder.inventory._numeric import ratio
from xborder.money import Money
from xborder.money.converters import non_negative_money
from xborder.units import (
    Dimensions,
    as_mass,
    as_volume,
    positive_quantity,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.units import Quantity  # noqa: TC004 - pint stays lazy

__all__ = [
    "CONTAINER_20GP",
    "CONTAINER_40GP",
    "CONTAINER_40HQ",
    "ContainerLimit",
    "ContainerLine",
    "ContainerLoad",
    "ContainerPlan",
    "ContainerSku",
    "ContainerType",
    "optional_money",
    "total",
]

_ZERO = Decimal(0)
_CBM = Decimal(1_000_000)  # cm³ in a cubic metre
_MAX_CONTAINERS = 1000


class ContainerLimit(enum.StrEnum):
    """Which limit fills a container first."""

    VOLUME = "volume"
    """The recommended load volume (cubic metres)."""
    WEIGHT = "weight"
    """The payload (kilograms)."""


def _limit(value: ContainerLimit | str) -> ContainerLimit:
    return member(ContainerLimit, value)


def _optional_limit(value: ContainerLimit | str | None) -> ContainerLimit | None:
    return None if value is None else _limit(value)


def _dimensions(value: Dimensions) -> Dimensions:
    if not isinstance(value, Dimensions):
        raise InvalidTypeError(field=None, value=value, expected="Dimensions")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ContainerType:
    """A container: its inside, the volume cartons really fill, its payload.

    Args:
        name: ``"40HQ"``.
        inside: Internal length, width and height.
        usable_volume: The recommended load volume for loose cartons
            (at most the internal volume).
        max_payload: The most cargo weight it may carry.
        source: Where the figures come from.

    Examples:
        >>> from xborder.inventory import CONTAINER_40HQ
        >>> CONTAINER_40HQ.usable_cbm, CONTAINER_40HQ.payload_kg
        (Decimal('66'), Decimal('26540'))

        A box whose CSC plate allows less than the preset's payload:

        >>> from xborder.units import Dimensions
        >>> plated = ContainerType(
        ...     name="20GP plated 24t",
        ...     inside=Dimensions(length="5.896 m", width="2.350 m", height="2.393 m"),
        ...     usable_volume="28 m**3",
        ...     max_payload="24000 kg",
        ...     source="owner's CSC plate",
        ... )
        >>> plated.payload_kg, plated.fits(
        ...     Dimensions(length="60 cm", width="40 cm", height="40 cm"))
        (Decimal('24000'), True)
    """

    name: str = attrs.field(converter=text)
    inside: Dimensions = attrs.field(converter=_dimensions)
    usable_volume: Quantity = attrs.field(
        converter=as_volume, validator=positive_quantity
    )
    max_payload: Quantity = attrs.field(converter=as_mass, validator=positive_quantity)
    source: str = attrs.field(converter=text)

    def __attrs_post_init__(self) -> None:
        require(
            self.usable_volume.magnitude <= self.inside.volume.magnitude,
            field="usable_volume",
            value=str(self.usable_volume),
            expected=f"at most the internal volume {self.inside.volume}",
        )

    @property
    def usable_cbm(self) -> Decimal:
        """The recommended load volume in cubic metres."""
        return ratio(self.usable_volume.magnitude, _CBM)

    @property
    def payload_kg(self) -> Decimal:
        """The payload in kilograms."""
        return self.max_payload.magnitude

    def fits(self, carton: Dimensions) -> bool:
        """Whether ``carton`` fits inside in some orientation (sorted sides)."""
        box = sorted(
            side.magnitude for side in expect(carton, Dimensions, "carton").sides
        )
        inside = sorted(side.magnitude for side in self.inside.sides)
        return all(b <= i for b, i in zip(box, inside, strict=True))


_SOURCES = (
    "World Shipping Council, Dry Cargo Containers (internal dimensions); "
    "recommended load volume for loose cartons as published by exporters' "
    "container tables (28/58/66 m³); typical payloads 28,180/26,730/26,540 kg"
)

# The presets are built on first use (module ``__getattr__`` below): their
# quantities need pint, whose import is most of xborder's cost, and importing
# xborder.inventory must not pay it.
_PRESETS: dict[str, dict[str, object]] = {
    "CONTAINER_20GP": {
        "name": "20GP",
        "inside": ("5.896 m", "2.350 m", "2.393 m"),
        "usable_volume": "28 m**3",
        "max_payload": "28180 kg",
    },
    "CONTAINER_40GP": {
        "name": "40GP",
        "inside": ("12.032 m", "2.350 m", "2.392 m"),
        "usable_volume": "58 m**3",
        "max_payload": "26730 kg",
    },
    "CONTAINER_40HQ": {
        "name": "40HQ",
        "inside": ("12.032 m", "2.350 m", "2.697 m"),
        "usable_volume": "66 m**3",
        "max_payload": "26540 kg",
    },
}

if TYPE_CHECKING:
    CONTAINER_20GP: ContainerType
    """A 20-foot general-purpose (dry) container."""

    CONTAINER_40GP: ContainerType
    """A 40-foot general-purpose (dry) container."""

    CONTAINER_40HQ: ContainerType
    """A 40-foot high-cube container (a foot taller than the 40GP)."""
else:

    def __getattr__(name: str) -> ContainerType:
        spec = _PRESETS.get(name)
        if spec is None:
            message = f"module {__name__!r} has no attribute {name!r}"
            raise AttributeError(message)
        length, width, height = spec["inside"]
        value = ContainerType(
            name=spec["name"],
            inside=Dimensions(length=length, width=width, height=height),
            usable_volume=spec["usable_volume"],
            max_payload=spec["max_payload"],
            source=_SOURCES,
        )
        globals()[name] = value  # later look-ups are plain attribute reads
        return value


def optional_money(value: Money | None) -> Money | None:
    """Converter: Money >= 0 within range, or ``None``."""
    if value is None:
        return None
    return money_in_range(non_negative_money(value), value, None)


def _optional_count(value: int | None) -> int | None:
    return None if value is None else non_negative_count(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ContainerSku:
    """One SKU's restock need and how it is packed.

    Args:
        sku: The SKU.
        units: Units needed (rounded up to whole cartons in the plan).
        units_per_carton: Units in one export carton.
        carton: The carton's outside dimensions.
        carton_weight: The carton's gross weight.
        unit_margin: What one extra unit earns when sold, net of its
            purchase, duties and the holding and storage it will cost
            (``None``: never add this SKU to fill space).
        max_extra_units: The most extra units worth adding (``None``: no
            cap), e.g. up to a days-of-cover ceiling or the ageing limit.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.units import Dimensions
        >>> holder = ContainerSku(sku="HOLDER-1", units=3000, units_per_carton=50,
        ...     carton=Dimensions(length="60 cm", width="40 cm", height="40 cm"),
        ...     carton_weight="12 kg", unit_margin=Money("4.20", "USD"))
        >>> holder.carton_cbm, holder.cartons_needed
        (Decimal('0.096'), 60)
    """

    sku: str = attrs.field(converter=text)
    units: int = attrs.field(converter=non_negative_count)
    units_per_carton: int = attrs.field(converter=positive_count)
    carton: Dimensions = attrs.field(converter=_dimensions)
    carton_weight: Quantity = attrs.field(
        converter=as_mass, validator=positive_quantity
    )
    unit_margin: Money | None = attrs.field(default=None, converter=optional_money)
    max_extra_units: int | None = attrs.field(default=None, converter=_optional_count)

    @property
    def carton_cbm(self) -> Decimal:
        """One carton's volume in cubic metres."""
        return ratio(self.carton.volume.magnitude, _CBM)

    @property
    def cartons_needed(self) -> int:
        """Whole cartons covering ``units``: rounded up."""
        return -(-self.units // self.units_per_carton)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ContainerLine:
    """A SKU's share of the plan: cartons, units, volume, weight and freight.

    Attributes:
        sku: The SKU.
        cartons: Whole cartons.
        units: ``cartons`` × units per carton.
        cbm: Volume in cubic metres.
        kg: Gross weight in kilograms.
        freight: Its share of the containers' freight, by volume (``None``
            without a freight rate, and for suggested additions).
        margin: For a suggested addition, what its units earn.

    Examples:
        >>> from xborder.inventory import CONTAINER_20GP, ContainerSku, plan_containers
        >>> from xborder.money import Money
        >>> from xborder.units import Dimensions
        >>> plan = plan_containers([ContainerSku(sku="A", units=100,
        ...     units_per_carton=10, carton_weight="8 kg",
        ...     carton=Dimensions(length="50 cm", width="40 cm", height="30 cm"))],
        ...     container=CONTAINER_20GP, freight=Money(1800, "USD"))
        >>> line = plan.lines[0]
        >>> line.cartons, line.cbm, line.kg
        (10, Decimal('0.60'), Decimal('80'))
        >>> str(line.freight), str(line.freight_per_unit)
        ('1800.00 USD', '18.00 USD')
    """

    sku: str = attrs.field(converter=text)
    cartons: int = attrs.field(converter=non_negative_count)
    units: int = attrs.field(converter=non_negative_count)
    cbm: Decimal = attrs.field(converter=non_negative)
    kg: Decimal = attrs.field(converter=non_negative)
    freight: Money | None = attrs.field(default=None, converter=optional_money)
    margin: Money | None = attrs.field(default=None, converter=optional_money)

    @property
    def freight_per_unit(self) -> Money | None:
        """The line's freight over its units (``None`` without freight or units)."""
        if self.freight is None or not self.units:
            return None
        return Money(
            ratio(self.freight.amount, Decimal(self.units)), self.freight.currency
        )


def _pairs(values: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    pairs = items_of(values, field=None)
    out = []
    for index, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2):  # noqa: PLR2004
            raise InvalidTypeError(
                field=f"[{index}]", value=pair, expected="a (sku, cartons) pair"
            )
        try:
            out.append((text(pair[0]), non_negative_count(pair[1])))
        except XborderError as error:
            raise error.in_field(f"[{index}]") from None
    return tuple(out)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ContainerLoad:
    """One container's load.

    Attributes:
        number: 1 for the first container.
        cartons: ``(sku, cartons)`` pairs in loading order.
        cbm: Volume loaded, in cubic metres.
        kg: Weight loaded, in kilograms.
        full: The limit that stopped the loading (``None``: room left).

    Examples:
        >>> from xborder.inventory import CONTAINER_20GP, ContainerSku, plan_containers
        >>> from xborder.units import Dimensions
        >>> plan = plan_containers([ContainerSku(sku="A", units=100,
        ...     units_per_carton=10, carton_weight="8 kg",
        ...     carton=Dimensions(length="50 cm", width="40 cm", height="30 cm"))],
        ...     container=CONTAINER_20GP)
        >>> plan.loads[0].cartons, plan.loads[0].full is None
        ((('A', 10),), True)
    """

    number: int = attrs.field(converter=positive_count)
    cartons: tuple[tuple[str, int], ...] = attrs.field(converter=_pairs)
    cbm: Decimal = attrs.field(converter=non_negative)
    kg: Decimal = attrs.field(converter=non_negative)
    full: ContainerLimit | None = attrs.field(converter=_optional_limit)


def _lines(values: Iterable[ContainerLine]) -> tuple[ContainerLine, ...]:
    return tuple_of(values, ContainerLine)


def _loads(values: Iterable[ContainerLoad]) -> tuple[ContainerLoad, ...]:
    return tuple_of(values, ContainerLoad)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ContainerPlan:
    """Containers filled from restock needs, what bound them, and what to add.

    Attributes:
        container: The container type used.
        lines: One line per SKU: its needs rounded up to whole cartons (and
            up to the shared minimum order), with freight allocated by volume.
        loads: Each container's cartons.
        binding: The limit that sets the number of containers: volume if
            the cargo's share of the volume limit is at least its share of
            the weight limit, else weight.
        additions: Suggested cartons for the room left in the last
            container, most margin per cubic metre first (see
            :func:`plan_containers`).
        freight: The total freight (``None`` without a rate).

    Examples:
        >>> from xborder.inventory import CONTAINER_40HQ, ContainerSku, plan_containers
        >>> from xborder.units import Dimensions
        >>> box = Dimensions(length="60 cm", width="40 cm", height="40 cm")
        >>> plan = plan_containers([ContainerSku(sku="A", units=30000,
        ...     units_per_carton=50, carton=box, carton_weight="12 kg")],
        ...     container=CONTAINER_40HQ)
        >>> plan.count, plan.binding.value, plan.cbm, plan.kg
        (1, 'volume', Decimal('57.600'), Decimal('7200'))
    """

    container: ContainerType = attrs.field(validator=is_a(ContainerType))
    lines: tuple[ContainerLine, ...] = attrs.field(converter=_lines)
    loads: tuple[ContainerLoad, ...] = attrs.field(converter=_loads)
    binding: ContainerLimit = attrs.field(converter=_limit)
    additions: tuple[ContainerLine, ...] = attrs.field(converter=_lines)
    freight: Money | None = attrs.field(validator=is_a_or_none(Money))

    @property
    def count(self) -> int:
        """The number of containers."""
        return len(self.loads)

    @property
    def cbm(self) -> Decimal:
        """The planned volume in cubic metres (without additions)."""
        return total(line.cbm for line in self.lines)

    @property
    def kg(self) -> Decimal:
        """The planned weight in kilograms (without additions)."""
        return total(line.kg for line in self.lines)

    @property
    def units(self) -> int:
        """The planned units (without additions)."""
        return sum(line.units for line in self.lines)

    @property
    def fill(self) -> Decimal:
        """The planned volume over the containers' usable volume (0 to 1)."""
        usable = EXACT.multiply(self.container.usable_cbm, Decimal(max(self.count, 1)))
        return ratio(self.cbm, usable)

    @property
    def spare_cbm(self) -> Decimal:
        """Usable volume left in the last container before additions."""
        if not self.loads:
            return self.container.usable_cbm
        return max(EXACT.subtract(self.container.usable_cbm, self.loads[-1].cbm), _ZERO)


def total(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of ``values``."""
    result = _ZERO
    for value in values:
        result = EXACT.add(result, value)
    return result
