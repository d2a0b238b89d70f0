"""Per-order fees, attributed-sale fees and tax on fees in the waterfall (private).

:mod:`xborder.pricing._model` compiles them with :func:`compile_shapes` and
evaluates them with :func:`more_fees`, in any engine; the solvers read them
as linear pieces of the price (:func:`price_pieces`), with the rounding they
add (:func:`more_slack`) and the prices where a per-order tier jumps
(:func:`order_edges`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from xborder._exact import DIVISION, EXACT
from xborder._ops import DECIMALS, Ops, Piece
from xborder.pricing.referral import VatBasis

if TYPE_CHECKING:
    from xborder.pricing._model import Model
    from xborder.pricing.fees import FeeSchedule

V = TypeVar("V")
C = TypeVar("C")

__all__ = [
    "PricePiece",
    "clip",
    "compile_shapes",
    "merge",
    "more_fees",
    "more_slack",
    "order_edges",
    "price_pieces",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)

PricePiece = tuple[Decimal, Decimal | None, Decimal, Decimal]
"""``(low, high, intercept, slope)``: a fee of ``intercept + slope × price``."""


def compile_shapes(model: Model, fees: FeeSchedule) -> None:
    """Set the model's per-order, attributed and fee-tax parameters."""
    model.units = Decimal(fees.units_per_order)
    model.order_pieces = _order_pieces(fees)
    model.attributed = fees.attributed
    model.attributed_gross = (
        fees.attributed is not None and fees.attributed.basis is VatBasis.INCLUSIVE
    )
    cap = None if fees.attributed is None else fees.attributed.maximum
    model.attributed_cap = None if cap is None else cap.amount
    model.fee_tax_rate = _ZERO if fees.fee_tax is None else fees.fee_tax.rate
    model.fee_factor = EXACT.add(_ONE, model.fee_tax_rate)
    model.more_fees = bool(
        model.order_pieces or fees.attributed is not None or model.fee_tax_rate
    )


def spread(amount: Decimal, units: int, unit: Decimal, rounding: str) -> Decimal:
    """One unit's share of a fee per order, rounded to the minor unit."""
    return DECIMALS.divide(amount, Decimal(units), unit, rounding)


def _order_pieces(fees: FeeSchedule) -> tuple[Piece, ...]:
    """Every per-order fee's share per unit, by order total, as one step function."""
    if not fees.per_order:
        return ()
    edges = sorted(
        {
            tier.up_to.amount
            for fee in fees.per_order
            for tier in fee.tiers
            if tier.up_to is not None
        }
    )
    above = edges[-1] + 1 if edges else _ZERO  # any total past the last edge
    pieces: list[Piece] = []
    for edge in [*edges, None]:
        total = above if edge is None else edge
        share = sum(
            (
                spread(
                    fee._tier_for(total).amount.amount,  # noqa: SLF001 - same package
                    fees.units_per_order,
                    fees.minor_unit,
                    fees.rounding.value,
                )
                for fee in fees.per_order
            ),
            _ZERO,
        )
        pieces.append((edge, share, _ZERO))
    return tuple(pieces)


def more_fees(ops: Ops[V, C], m: Model, gross: V, net: V, charged: V) -> tuple[V, V, V]:
    """Per unit: per-order fees, the attributed-sale fee, the tax on all fees.

    ``charged`` is what the channel charged before them (referral, fixed and
    payment fees); the tax is on it and on the two fees computed here.
    """
    zero = ops.constant(m.zero)
    orders = attributed = zero
    if m.order_pieces:
        orders = ops.piecewise(ops.mul(gross, m.units), m.order_pieces)
    if m.attributed is not None:
        attributed = _attributed(ops, m, gross if m.attributed_gross else net)
    fee_tax = zero
    if m.fee_tax_rate:
        taxed = ops.add(ops.add(charged, orders), attributed)
        fee_tax = ops.quantize(ops.mul(taxed, m.fee_tax_rate), m.unit, m.rounding)
    return orders, attributed, fee_tax


def _attributed(ops: Ops[V, C], m: Model, base: V) -> V:
    """The expected fee per unit: share × min(rate × total, cap) ÷ units."""
    assert m.attributed is not None  # noqa: S101 - the caller checked
    fee = ops.mul(ops.mul(base, m.units), m.attributed.rate)
    cap = m.attributed_cap
    if cap is not None:
        fee = ops.where(ops.greater(fee, cap), cap, fee)
    expected = ops.mul(fee, m.attributed.share)
    if m.units == _ONE:
        return ops.quantize(expected, m.unit, m.rounding)
    return ops.divide(expected, m.units, m.unit, m.rounding)


# -- for the solvers --------------------------------------------------------------


def price_pieces(m: Model) -> list[PricePiece]:
    """The per-order and attributed fees per unit as linear pieces of the price."""
    pieces: list[PricePiece] = [(_ZERO, None, _ZERO, _ZERO)]
    if m.order_pieces:
        pieces = merge(pieces, _order_price_pieces(m))
    if m.attributed is not None:
        pieces = merge(pieces, _attributed_price_pieces(m))
    return pieces


def _order_price_pieces(m: Model) -> list[PricePiece]:
    scale = EXACT.multiply(m.units, m.gross_factor)  # the order total per price
    shipped = EXACT.multiply(m.units, m.ship_gross)  # the order's shipping charged
    pieces: list[PricePiece] = []
    low = _ZERO
    for edge, share, _ in m.order_pieces:
        high = None if edge is None else DIVISION.divide(edge - shipped, scale)
        pieces.append((low, high, share, _ZERO))
        if high is not None:
            low = high
    return clip(pieces)


def clip(pieces: list[PricePiece]) -> list[PricePiece]:
    """The pieces from the price 0 up: a shipping charge can move edges below it."""
    kept = [piece for piece in pieces if piece[1] is None or piece[1] > 0]
    first = kept[0]
    return [(_ZERO, *first[1:]), *kept[1:]]


def _attributed_price_pieces(m: Model) -> list[PricePiece]:
    assert m.attributed is not None  # noqa: S101 - the caller checked
    share, rate = m.attributed.share, m.attributed.rate
    factor = m.gross_factor if m.attributed_gross else m.net_factor
    shipped = m.ship_gross if m.attributed_gross else m.ship_net
    slope = share * rate * factor
    intercept = share * rate * shipped  # on the shipping charged, fixed
    cap = m.attributed_cap
    if cap is None or not slope:
        return [(_ZERO, None, intercept, slope)]
    kink = DIVISION.divide(DIVISION.divide(cap, rate * m.units) - shipped, factor)
    flat = DIVISION.divide(share * cap, m.units)
    return clip([(_ZERO, kink, intercept, slope), (kink, None, flat, _ZERO)])


def merge(first: list[PricePiece], second: list[PricePiece]) -> list[PricePiece]:
    """Two piecewise-linear functions of the price added, on every common piece."""
    points = sorted({p[0] for p in first} | {p[0] for p in second})
    merged: list[PricePiece] = []
    for index, low in enumerate(points):
        high = points[index + 1] if index + 1 < len(points) else None
        a, b = _holding(first, low), _holding(second, low)
        merged.append((low, high, a[2] + b[2], a[3] + b[3]))
    return merged


def _holding(pieces: list[PricePiece], low: Decimal) -> PricePiece:
    """The piece that holds the stretch starting at ``low``."""
    for piece in pieces:
        if piece[1] is None or low < piece[1]:
            return piece
    return pieces[-1]  # pragma: no cover - the last piece is open-ended


def more_slack(m: Model, gross: Decimal, net: Decimal, charged: Decimal) -> Decimal:
    """``charged`` (the slack of the fees before) with what these fees add.

    The attributed fee is a share of a rounded base, then rounded; the tax
    is a share of every rounded fee, then rounded. Per-order fees are
    constant between their edges (:func:`order_edges` covers the jumps).
    """
    if not m.more_fees:
        return charged
    off = m.unit / 2 if m.rounding in _NEAREST else m.unit
    attributed = _ZERO
    if m.attributed is not None:
        base = gross if m.attributed_gross else net
        attributed = off + m.attributed.share * m.attributed.rate * base
    total = charged + attributed
    if m.fee_tax_rate:
        total += off + m.fee_tax_rate * total
    return total


_NEAREST = frozenset({"ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_HALF_DOWN"})


def order_edges(m: Model) -> list[tuple[Decimal, Decimal]]:
    """Each per-order tier edge as ``(edge on the gross price, gross factor)``.

    The edge on the gross price is net of the shipping charged per unit.

    Near these prices the rounded gross can be on the other side of the
    edge from the unrounded one, and the fee jumps: the solver tries them.
    """
    return [
        (DIVISION.divide(edge, m.units) - m.ship_gross, m.gross_factor)
        for edge, _, _ in m.order_pieces
        if edge is not None
    ]
