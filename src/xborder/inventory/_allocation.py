r"""Splitting a purchase order, or a warehouse's stock, across markets and warehouses.

A seller buys once from the factory and sells through several stock
points: Amazon US, EU and UK fulfilment centres, Amazon Warehousing and
Distribution (AWD) feeding FBA, a third-party warehouse for the own site.
Each has its own demand, stock, inbound shipments and route. Two rules:

- **Equal days of cover** (:attr:`AllocationRule.DAYS_OF_COVER`): every
  node should run out on the same day. At arrival, after its lead time
  $L_i$, node $i$ expects a position $p_i = (\text{on hand} + \text{inbound}
  - d_i L_i)^+$ (sales lost while out of stock, not backordered). The
  order is split so that $(p_i + x_i)/d_i$ is the same $T$ for every node
  that gets units: $\sum_i (T d_i - p_i)^+ = Q$.
- **Equal service** (:attr:`AllocationRule.SERVICE`): every node gets the
  same safety factor $z$ over its lead time plus the time until the next
  order lands (``review_period``): $\sum_i (\mu_i + z\sigma_i - q_i)^+ = Q$
  with $q_i$ = on hand + inbound, $\mu_i$ and $\sigma_i$ the demand over
  $L_i + R$ (lead-time variability included). With the same $z$, each node
  has the same cycle service level $\Phi(z)$.

Both are "water filling": the left side is piecewise linear and rising in
the level, so the level is found exactly between sorted breakpoints. Units
are then whole cases by the largest-remainder method (Hamilton), so the
parts add up to the order exactly. Transfers (:func:`plan_transfers`, e.g.
AWD → FBA, or a 3PL → Amazon) are the same split of the stock a source
warehouse holds, with each node's transfer lead time.
"""

from __future__ import annotations

import enum
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    named_errors,
    non_negative,
    non_negative_count,
    positive_count,
    text,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.inventory._args import (
    days,
    expect,
    is_a,
    member,
    optional_non_negative,
    optional_number,
)
from xborder.inventory._demand import Demand
from xborder.inventory._lead_time import LeadTime
from xborder.inventory._numeric import ratio
from xborder.inventory._protection import checked_inputs, protect

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from xborder.units import QuantityInput

__all__ = [
    "Allocation",
    "AllocationRule",
    "NodeAllocation",
    "StockNode",
    "allocate_order",
    "plan_transfers",
]

_ZERO = Decimal(0)
_MAX_UNITS = 10**12


class AllocationRule(enum.StrEnum):
    """How an order is split across stock points."""

    DAYS_OF_COVER = "days of cover"
    """Every node runs out on the same day."""
    SERVICE = "service"
    """Every node gets the same safety factor z (cycle service level)."""


def _rule(value: AllocationRule | str) -> AllocationRule:
    return member(AllocationRule, value)


def _text(value: str) -> str:
    return text(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StockNode:
    """A stock point: a marketplace's warehouse, AWD, a 3PL.

    Args:
        name: ``"FBA US"``.
        demand: Its demand forecast.
        lead_time: From the order (or transfer) being shipped to the stock
            being sellable there.
        on_hand: Units available now.
        inbound: Units already on their way that arrive before this order.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, StockNode
        >>> StockNode(name="FBA UK", demand=Demand(mean=20, sd=6, period="1 day"),
        ...     lead_time=LeadTime.single("40 days"), on_hand=900).name
        'FBA UK'
    """

    name: str = attrs.field(converter=_text)
    demand: Demand = attrs.field(validator=is_a(Demand))
    lead_time: LeadTime = attrs.field(validator=is_a(LeadTime))
    on_hand: int = attrs.field(default=0, converter=non_negative_count)
    inbound: int = attrs.field(default=0, converter=non_negative_count)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class NodeAllocation:
    """A node's share of the order.

    Attributes:
        node: The node's name.
        units: Units allocated.
        position: Expected stock when the units arrive, before them (cover
            rule: on hand + inbound − lead-time demand, at least 0; service
            rule: on hand + inbound).
        cover_days: Days the node's stock lasts once the units arrive
            (``None`` for a node without demand).

    Examples:
        >>> from xborder.inventory import NodeAllocation
        >>> NodeAllocation(node="FBA US", units=1200, position=300,
        ...     cover_days=75).units
        1200
    """

    node: str = attrs.field(converter=_text)
    units: int = attrs.field(converter=non_negative_count)
    position: Decimal = attrs.field(converter=non_negative)
    cover_days: Decimal | None = attrs.field(converter=optional_non_negative)


def _lines(values: Iterable[NodeAllocation]) -> tuple[NodeAllocation, ...]:
    return tuple_of(values, NodeAllocation)


def _optional_text(value: str | None) -> str | None:
    return None if value is None else text(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Allocation:
    """An order (or a warehouse's stock) split across nodes.

    Attributes:
        rule: The rule used.
        quantity: Units split; the lines add up to it.
        level: The common level reached: days of cover $T$, or the safety
            factor $z$ (``None`` when the units do not reach any level).
        lines: One line per node, in the nodes' order.
        source: The warehouse transfers come from (``None`` for an order).

    Built by hand, the lines must add up to ``quantity``.

    Examples:
        >>> from xborder.inventory import (Allocation, AllocationRule,
        ...     NodeAllocation)
        >>> Allocation(rule=AllocationRule.DAYS_OF_COVER, quantity=100, level=30,
        ...     lines=[NodeAllocation(node="A", units=100, position=0,
        ...     cover_days=30)]).quantity
        100
    """

    rule: AllocationRule = attrs.field(converter=_rule)
    quantity: int = attrs.field(converter=non_negative_count)
    level: Decimal | None = attrs.field(converter=optional_number)
    lines: tuple[NodeAllocation, ...] = attrs.field(converter=_lines)
    source: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        total = sum(line.units for line in self.lines)
        if total != self.quantity:
            raise InvalidInputError(
                field="lines",
                value=total,
                expected=f"units adding up to {self.quantity}",
            )

    def units_for(self, node: str) -> int:
        """The units allocated to ``node``."""
        expect(node, str, "node")
        for line in self.lines:
            if line.node == node:
                return line.units
        raise InvalidInputError(
            field="node", value=node, expected=f"one of {[x.node for x in self.lines]}"
        )


def _nodes(values: object) -> tuple[StockNode, ...]:
    try:
        nodes = tuple_of(values, StockNode)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field("nodes") from None
    if not nodes:
        raise InvalidInputError(
            field="nodes", value=values, expected="at least one node"
        )
    names = [node.name for node in nodes]
    for index, name in enumerate(names):
        if name in names[:index]:
            raise InvalidInputError(
                field=f"nodes[{index}].name", value=name, expected="each node once"
            )
    return nodes


def _level(needs: list[tuple[Decimal, Decimal]], total: Decimal) -> Decimal | None:
    """The ``t`` with ``Σ (a + t b)⁺ = total`` over ``(a, b)`` with ``b > 0``."""
    slopes = [(a, b) for a, b in needs if b > 0]
    if not slopes or total <= 0:
        return None
    # a + t b > 0 from t > −a/b on: sort by that breakpoint.
    ordered = sorted(slopes, key=lambda pair: ratio(-pair[0], pair[1]))
    offset = slope = _ZERO
    for index, (a, b) in enumerate(ordered):
        offset = EXACT.add(offset, a)
        slope = EXACT.add(slope, b)
        level = ratio(EXACT.subtract(total, offset), slope)
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if following is None or level <= ratio(-following[0], following[1]):
            return level
    return None  # pragma: no cover - the last segment is unbounded


def _hamilton(shares: list[Decimal], total: int) -> list[int]:
    """Whole parts of ``shares`` adding up to ``total`` (largest remainders first)."""
    floors = [int(s.to_integral_value(rounding=ROUND_FLOOR)) for s in shares]
    floors = [max(f, 0) for f in floors]
    left = total - sum(floors)
    order = sorted(
        range(len(shares)),
        key=lambda i: (EXACT.subtract(shares[i], Decimal(floors[i])), -i),
        reverse=True,
    )
    index = 0
    while left > 0:
        floors[order[index % len(order)]] += 1
        left -= 1
        index += 1
    for i in reversed(order):  # only after rounding drift: take from the smallest
        while left < 0 and floors[i] > 0:
            floors[i] -= 1
            left += 1
    return floors


def _split(  # noqa: C901 - checks, then one water-filling pass
    quantity: object,
    nodes: object,
    *,
    rule: AllocationRule | str,
    review_period: QuantityInput | None,
    case_pack: int,
    as_of: dt.date | str | None,
    source: str | None,
    field: str,
) -> Allocation:
    checked = _nodes(nodes)
    try:
        chosen = _rule(rule)
    except XborderError as error:
        raise error.in_field("rule") from None
    try:
        units = non_negative_count(quantity)  # type: ignore[arg-type]
        pack = positive_count(case_pack)
    except XborderError as error:
        raise error.in_field(
            field if "case" not in str(error) else "case_pack"
        ) from None
    if units > _MAX_UNITS:
        raise InvalidInputError(
            field=field, value=quantity, expected=f"at most {_MAX_UNITS:,} units"
        )
    if units % pack:
        raise InvalidInputError(
            field=field, value=quantity, expected=f"a multiple of the case pack {pack}"
        )
    review = _ZERO
    if chosen is AllocationRule.SERVICE:
        if review_period is None:
            raise InvalidInputError(
                "equal service protects until the next order lands",
                field="review_period",
                value=None,
                expected="the time between orders",
            )
        review = days(review_period, "review_period")
    needs: list[tuple[Decimal, Decimal]] = []
    positions: list[Decimal] = []
    rates: list[Decimal] = []
    for index, node in enumerate(checked):
        try:
            demand, route, day = checked_inputs(node.demand, node.lead_time, as_of)
        except XborderError as error:
            raise error.in_field(f"nodes[{index}]") from None
        held = Decimal(node.on_hand + node.inbound)
        rate = ratio(demand.mean, demand.period_days)
        rates.append(rate)
        if chosen is AllocationRule.DAYS_OF_COVER:
            used = protect(demand, route, _ZERO, day).mean
            position = max(EXACT.subtract(held, used), _ZERO)
            needs.append((-position, rate))
        else:
            interval = protect(demand, route, review, day)
            position = held
            needs.append((EXACT.subtract(interval.mean, held), interval.sd))
        positions.append(position)
    cases = units // pack
    level = _level(needs, Decimal(units))
    if level is not None:
        shares = [
            ratio(max(EXACT.add(a, EXACT.multiply(level, b)), _ZERO), Decimal(pack))
            for a, b in needs
        ]
    else:
        # No level is reached (nodes without demand or spread): by need, or equally.
        raw = [max(a, _ZERO) for a, _ in needs]
        weight = sum(raw, _ZERO) or Decimal(len(raw))
        raw = raw if any(raw) else [Decimal(1)] * len(raw)
        shares = [ratio(EXACT.multiply(r, Decimal(cases)), weight) for r in raw]
    whole = [count * pack for count in _hamilton(shares, cases)]
    lines = [
        NodeAllocation(
            node=node.name,
            units=count,
            position=position,
            cover_days=ratio(EXACT.add(position, Decimal(count)), rate)
            if rate
            else None,
        )
        for node, count, position, rate in zip(
            checked, whole, positions, rates, strict=True
        )
    ]
    return Allocation(
        rule=chosen, quantity=units, level=level, lines=lines, source=source
    )


def allocate_order(
    quantity: int,
    nodes: Iterable[StockNode],
    *,
    rule: AllocationRule | str = AllocationRule.DAYS_OF_COVER,
    review_period: QuantityInput | None = None,
    case_pack: int = 1,
    as_of: dt.date | str | None = None,
) -> Allocation:
    r"""Split one purchase order across stock points (see the module notes).

    Args:
        quantity: Units ordered (a multiple of ``case_pack``).
        nodes: The stock points, each with its route from the factory.
        rule: ``"days of cover"`` (default) or ``"service"``.
        review_period: For the service rule: the time until the next order
            lands.
        case_pack: Units per case; every node gets whole cases.
        as_of: The day the order ships (needed for seasonal demand).

    Example: 6,000 phone holders for Amazon US, UK and DE, by days of cover:

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, StockNode, allocate_order
        >>> nodes = [
        ...     StockNode(name="FBA US", demand=Demand(mean=60, sd=15, period="1 day"),
        ...         lead_time=LeadTime.single("35 days"), on_hand=2400),
        ...     StockNode(name="FBA UK", demand=Demand(mean=15, sd=5, period="1 day"),
        ...         lead_time=LeadTime.single("42 days"), on_hand=500),
        ...     StockNode(name="FBA DE", demand=Demand(mean=25, sd=8, period="1 day"),
        ...         lead_time=LeadTime.single("40 days"), on_hand=900, inbound=400)]
        >>> split = allocate_order(6000, nodes, case_pack=20)
        >>> split.level, [(line.node, line.units) for line in split.lines]
        (Decimal('66'), [('FBA US', 3660), ('FBA UK', 1000), ('FBA DE', 1340)])
        >>> split.lines[2].position, split.lines[2].cover_days
        (Decimal('300'), Decimal('65.6'))
    """
    return _split(
        quantity,
        nodes,
        rule=rule,
        review_period=review_period,
        case_pack=case_pack,
        as_of=as_of,
        source=None,
        field="quantity",
    )


def plan_transfers(
    available: int,
    nodes: Iterable[StockNode],
    *,
    source: str,
    rule: AllocationRule | str = AllocationRule.DAYS_OF_COVER,
    review_period: QuantityInput | None = None,
    case_pack: int = 1,
    as_of: dt.date | str | None = None,
) -> Allocation:
    """Split a warehouse's stock (AWD, a 3PL) into transfers to the nodes it feeds.

    The same split as :func:`allocate_order`, with each node's
    ``lead_time`` the transfer's (AWD to an FBA centre takes days, not the
    weeks of a sea leg), so the stock goes where it is needed first.

    Args:
        available: Units the source can send (a multiple of ``case_pack``).
        nodes: The destinations, each with its transfer lead time.
        source: The source warehouse's name.
        rule: ``"days of cover"`` (default) or ``"service"``.
        review_period: For the service rule: the time until the next transfer.
        case_pack: Units per case.
        as_of: The day the transfers ship (needed for seasonal demand).

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, StockNode, plan_transfers
        >>> nodes = [
        ...     StockNode(name="FBA ONT8", demand=Demand(mean=40, period="1 day"),
        ...         lead_time=LeadTime.single("7 days"), on_hand=100),
        ...     StockNode(name="FBA BNA6", demand=Demand(mean=20, period="1 day"),
        ...         lead_time=LeadTime.single("10 days"), on_hand=400)]
        >>> moves = plan_transfers(1200, nodes, source="AWD")
        >>> [(line.node, line.units) for line in moves.lines]
        [('FBA ONT8', 933), ('FBA BNA6', 267)]
    """
    name = _transfer_source(source)
    return _split(
        available,
        nodes,
        rule=rule,
        review_period=review_period,
        case_pack=case_pack,
        as_of=as_of,
        source=name,
        field="available",
    )


def _transfer_source(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field="source", value=value, expected="a str")
    try:
        return text(value)
    except XborderError as error:
        raise error.in_field("source") from None
