"""Packing restock needs into containers: the planner behind ``plan_containers``."""

from __future__ import annotations

import math
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder._validate import non_negative_count, tuple_of
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.inventory._container import (
    ContainerLimit,
    ContainerLine,
    ContainerLoad,
    ContainerPlan,
    ContainerSku,
    ContainerType,
    optional_money,
    total,
)
from xborder.inventory._numeric import ratio
from xborder.money import Money, allocate

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["plan_containers"]

_ZERO = Decimal(0)
_MAX_CONTAINERS = 1000


def _skus(values: Iterable[ContainerSku]) -> tuple[ContainerSku, ...]:
    try:
        skus = tuple_of(values, ContainerSku)
    except XborderError as error:
        raise error.in_field("skus") from None
    if not skus:
        raise InvalidInputError(field="skus", value=values, expected="at least one SKU")
    seen: set[str] = set()
    for index, sku in enumerate(skus):
        if sku.sku in seen:
            raise InvalidInputError(
                field=f"skus[{index}].sku", value=sku.sku, expected="each SKU once"
            )
        seen.add(sku.sku)
    return skus


def _cartons_for_minimum(skus: tuple[ContainerSku, ...], minimum: int) -> list[int]:
    cartons = [sku.cartons_needed for sku in skus]
    units = sum(c * sku.units_per_carton for c, sku in zip(cartons, skus, strict=True))
    if units >= minimum:
        return cartons
    # Spread the units still missing over the SKUs in proportion to their
    # needs (equally if nothing is needed), each rounded up to whole cartons.
    missing = minimum - units
    weights = [sku.units for sku in skus]
    if not any(weights):
        weights = [1] * len(skus)
    total = sum(weights)
    for index, (sku, weight) in enumerate(zip(skus, weights, strict=True)):
        share = -(-missing * weight // total)
        cartons[index] += -(-share // sku.units_per_carton)
    return cartons


def _whole(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def _fit(count: int, sku: ContainerSku, room: Decimal, lift: Decimal) -> int:
    by_volume = _whole(ratio(room, sku.carton_cbm))
    by_weight = _whole(ratio(lift, sku.carton_weight.magnitude))
    return max(min(count, by_volume, by_weight), 0)


def plan_containers(
    skus: Iterable[ContainerSku],
    *,
    container: ContainerType,
    freight: Money | None = None,
    minimum_units: int = 0,
) -> ContainerPlan:
    r"""Pack the SKUs' needs into as few containers as volume and weight allow.

    1. Each SKU's need is rounded up to whole cartons; if the order's units
       fall short of the supplier's shared minimum (``minimum_units``), the
       difference is spread over the SKUs in proportion to their needs,
       again in whole cartons.
    2. Cartons are loaded in the SKUs' order, as many as the volume left
       (the recommended load volume, see the module notes) and the payload
       left allow, into one container after another; a SKU may continue in
       the next container.
    3. Freight (``freight`` per container, times the count) is split over
       the SKUs by volume with :func:`xborder.money.allocate`: the parts sum
       exactly to the total.
    4. The room left in the last container is offered to the SKUs with a
       ``unit_margin``, most margin per cubic metre first (the greedy rule
       for a knapsack by value density; Dantzig 1957), in whole cartons,
       within the volume and weight left and each SKU's
       ``max_extra_units``. The freight is already paid, so any positive
       margin is worth it; the margin should be net of the extra units'
       holding and storage costs.

    Args:
        skus: The restock needs, each SKU once.
        container: The container type (:data:`CONTAINER_40HQ`...).
        freight: The price of one container (in whole minor units).
        minimum_units: The supplier's minimum order across all SKUs.

    Raises:
        InvalidInputError: A carton that fits no container, or is heavier
            than its payload; more than 1,000 containers.

    Examples:
        >>> from xborder.inventory import CONTAINER_20GP, ContainerSku, plan_containers
        >>> from xborder.money import Money
        >>> from xborder.units import Dimensions
        >>> usd = lambda amount: Money(amount, "USD")
        >>> plan = plan_containers([
        ...     ContainerSku(sku="HOLDER", units=2400, units_per_carton=40,
        ...         carton=Dimensions(length="60 cm", width="40 cm", height="40 cm"),
        ...         carton_weight="14 kg", unit_margin=usd("3.10"),
        ...         max_extra_units=1200),
        ...     ContainerSku(sku="CABLE", units=5000, units_per_carton=200,
        ...         carton=Dimensions(length="50 cm", width="40 cm", height="30 cm"),
        ...         carton_weight="11 kg", unit_margin=usd("1.20"),
        ...         max_extra_units=2000)],
        ...     container=CONTAINER_20GP, freight=usd(2400))
        >>> plan.count, plan.cbm, str(plan.spare_cbm)
        (1, Decimal('7.260'), '20.740')
        >>> [(line.sku, line.cartons, str(line.freight)) for line in plan.lines]
        [('HOLDER', 60, '1904.13 USD'), ('CABLE', 25, '495.87 USD')]
        >>> [(add.sku, add.cartons, str(add.margin)) for add in plan.additions]
        [('CABLE', 10, '2400.00 USD'), ('HOLDER', 30, '3720.00 USD')]
    """
    checked = _skus(skus)
    if not isinstance(container, ContainerType):
        raise InvalidTypeError(
            field="container", value=container, expected="ContainerType"
        )
    rate = _rate(freight)
    minimum = _minimum(minimum_units)
    for index, sku in enumerate(checked):
        _check_carton(container, sku, index)
    cartons = _cartons_for_minimum(checked, minimum)
    loads = _load(container, checked, cartons)
    lines = [
        (sku, count, EXACT.multiply(sku.carton_cbm, Decimal(count)))
        for sku, count in zip(checked, cartons, strict=True)
    ]
    total_freight = None
    parts: list[Money | None] = [None] * len(lines)
    if rate is not None:
        total_freight = _times(rate, len(loads))
        volumes = [cbm for _, _, cbm in lines]
        if any(volumes):
            try:
                parts = list(allocate(total_freight, volumes))
            except XborderError as error:
                raise error.in_field("freight") from None
    planned = tuple(
        ContainerLine(
            sku=sku.sku,
            cartons=count,
            units=count * sku.units_per_carton,
            cbm=cbm,
            kg=EXACT.multiply(sku.carton_weight.magnitude, Decimal(count)),
            freight=part,
        )
        for (sku, count, cbm), part in zip(lines, parts, strict=True)
    )
    volume = total(line.cbm for line in planned)
    weight = total(line.kg for line in planned)
    by_volume = ratio(volume, container.usable_cbm)
    by_weight = ratio(weight, container.payload_kg)
    binding = ContainerLimit.VOLUME if by_volume >= by_weight else ContainerLimit.WEIGHT
    return ContainerPlan(
        container=container,
        lines=planned,
        loads=tuple(loads),
        binding=binding,
        additions=_additions(container, checked, loads[-1] if loads else None),
        freight=total_freight,
    )


def _rate(value: Money | None) -> Money | None:
    if value is None:
        return None
    if not isinstance(value, Money):
        raise InvalidTypeError(field="freight", value=value, expected="Money or None")
    try:
        return optional_money(value)
    except XborderError as error:
        raise error.in_field("freight") from None


def _minimum(value: int) -> int:
    try:
        number = non_negative_count(value)
    except XborderError as error:
        raise error.in_field("minimum_units") from None
    if number > _MAX_UNITS:
        raise InvalidInputError(
            field="minimum_units",
            value=value,
            expected=f"at most {_MAX_UNITS:,} units",
        )
    return number


_MAX_UNITS = 10**9


def _times(money: Money, count: int) -> Money:
    try:
        return money * count
    except XborderError as error:
        raise error.in_field("freight") from None


def _check_carton(container: ContainerType, sku: ContainerSku, index: int) -> None:
    field = f"skus[{index}].carton"
    if not container.fits(sku.carton):
        raise InvalidInputError(
            f"a carton of {sku.sku} does not fit inside a {container.name}",
            field=field,
            value=sku.carton,
            expected=f"sides within {container.inside}",
        )
    if sku.carton_cbm > container.usable_cbm:
        raise InvalidInputError(
            field=field, value=sku.carton, expected="a carton within the load volume"
        )
    if sku.carton_weight.magnitude > container.payload_kg:
        raise InvalidInputError(
            field=f"skus[{index}].carton_weight",
            value=str(sku.carton_weight),
            expected=f"at most the payload {container.max_payload}",
        )


def _load(
    container: ContainerType, skus: tuple[ContainerSku, ...], cartons: list[int]
) -> list[ContainerLoad]:
    usable, payload = container.usable_cbm, container.payload_kg
    loads: list[ContainerLoad] = []
    current: list[tuple[str, int]] = []
    room, lift = usable, payload
    full: ContainerLimit | None = None

    def close() -> None:
        if len(loads) >= _MAX_CONTAINERS:
            raise InvalidInputError(
                field="skus",
                value=len(loads) + 1,
                expected=f"an order within {_MAX_CONTAINERS:,} containers",
            )
        loads.append(
            ContainerLoad(
                number=len(loads) + 1,
                cartons=tuple(current),
                cbm=EXACT.subtract(usable, room),
                kg=EXACT.subtract(payload, lift),
                full=full,
            )
        )

    for sku, count in zip(skus, cartons, strict=True):
        left = count
        while left:
            placed = _fit(left, sku, room, lift)
            if placed:
                current.append((sku.sku, placed))
                room = EXACT.subtract(
                    room, EXACT.multiply(sku.carton_cbm, Decimal(placed))
                )
                lift = EXACT.subtract(
                    lift, EXACT.multiply(sku.carton_weight.magnitude, Decimal(placed))
                )
                left -= placed
            if left:
                volume_short = sku.carton_cbm > room
                full = ContainerLimit.VOLUME if volume_short else ContainerLimit.WEIGHT
                close()
                current, room, lift, full = [], usable, payload, None
    if current or not loads:
        close()
    return loads


def _additions(
    container: ContainerType,
    skus: tuple[ContainerSku, ...],
    last: ContainerLoad | None,
) -> tuple[ContainerLine, ...]:
    room = EXACT.subtract(container.usable_cbm, last.cbm if last else _ZERO)
    lift = EXACT.subtract(container.payload_kg, last.kg if last else _ZERO)
    candidates = [
        (sku, sku.unit_margin)
        for sku in skus
        if sku.unit_margin is not None
        and not sku.unit_margin.is_zero()
        and sku.max_extra_units != 0
    ]
    if candidates:
        currency = candidates[0][1].currency
        for _, margin in candidates:
            if margin.currency != currency:
                raise CurrencyMismatchError(
                    field="skus",
                    value=margin,
                    expected=f"margins in {currency.code}",
                )

    def density(pair: tuple[ContainerSku, Money]) -> Decimal:
        sku, margin = pair
        per_carton = EXACT.multiply(margin.amount, Decimal(sku.units_per_carton))
        return ratio(per_carton, sku.carton_cbm)

    added = []
    for sku, margin in sorted(candidates, key=density, reverse=True):
        cap = (
            math.inf
            if sku.max_extra_units is None
            else sku.max_extra_units // sku.units_per_carton
        )
        count = _fit(int(min(cap, 10**9)), sku, room, lift)
        if not count:
            continue
        units = count * sku.units_per_carton
        cbm = EXACT.multiply(sku.carton_cbm, Decimal(count))
        kg = EXACT.multiply(sku.carton_weight.magnitude, Decimal(count))
        room, lift = EXACT.subtract(room, cbm), EXACT.subtract(lift, kg)
        added.append(
            ContainerLine(
                sku=sku.sku,
                cartons=count,
                units=units,
                cbm=cbm,
                kg=kg,
                margin=margin * units,
            )
        )
    return tuple(added)
