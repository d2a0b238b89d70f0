r"""Solving the waterfall for a price, piece by piece (private).

Every fee in the waterfall is piecewise linear in the price: the referral
minimum, band edges, and the point where payout proceeds turn positive start
new pieces. :func:`segments` writes the unrounded contribution as
$\alpha + \beta P$ on each piece, and :func:`first_feasible` solves them
algebraically.

The answer, though, is a price of the *rounded* waterfall
(:meth:`~xborder.pricing._model.Model.evaluate`): the lowest price, in
whole minor units, at which it meets the target. Rounding each line moves
the target's value by at most :func:`rounding_slack` $\varepsilon$ from the
unrounded one, so no price where the unrounded value is below
$-\varepsilon$ can meet it. :func:`solve` therefore solves the unrounded
model for $-\varepsilon$ and tries each price from there up until one
meets the target, jumping over stretches that cannot. Solving for $0$ and
rounding up would miss a lower price that the rounding of single lines
lets meet the target, and would stop at the wrong place where rounding
makes the rounded value dip below the target and back (2% of drawn
listings did). A "whole price" referral tier jumps where the rounded base
crosses a band edge, so the prices around each such edge are tried too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from xborder._exact import DIVISION, EXACT
from xborder._ops import DECIMALS, Ops
from xborder.errors import InvalidTypeError
from xborder.money import RoundingMode
from xborder.pricing._model import LARGEST, Amounts
from xborder.pricing._shapes import merge, more_slack, order_edges, price_pieces
from xborder.pricing.referral import TierMode

if TYPE_CHECKING:
    from xborder.pricing._model import Model

V = TypeVar("V")
C = TypeVar("C")

__all__ = [
    "Segment",
    "Solved",
    "Target",
    "edge_prices",
    "first_feasible",
    "loosened",
    "rounding_slack",
    "segment_at",
    "segments",
    "solve",
    "value_of",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_CEILING = RoundingMode.CEILING.value
_MAX_STEPS = 10_000
_HAIR = Decimal("1e-12")  # of a minor unit: far above 34-digit noise


class Target(NamedTuple):
    """``weight_c × contribution − weight_n × net − constant >= 0``.

    Break-even is (1, 0, 0); a margin m is (1, m, 0); a markup k is
    (1 + k, k, 0); receiving at least X is (1, 0, X).
    """

    weight_c: Decimal
    weight_n: Decimal
    constant: Decimal

    def value(self, amounts: Amounts[Decimal]) -> Decimal:
        """How far the rounded waterfall is above (>= 0) or below the target."""
        _check_amounts(amounts)
        return value_of(DECIMALS, self, amounts)


def _check_amounts(amounts: object) -> None:
    if not isinstance(amounts, Amounts):
        raise InvalidTypeError(
            field="amounts", value=amounts, expected="the waterfall's Amounts"
        )


def value_of(ops: Ops[V, C], target: Target, amounts: Amounts[V]) -> V:
    """``weight_c × contribution − weight_n × net − constant``, in any engine."""
    kept = ops.mul(target.weight_c, amounts.contribution)
    asked = ops.add(ops.mul(target.weight_n, amounts.net), target.constant)
    return ops.sub(kept, asked)


class Segment(NamedTuple):
    """One linear piece of the unrounded waterfall, on ``[low, high]``.

    On it, contribution = ``alpha + beta × price``.
    """

    low: Decimal
    high: Decimal | None
    alpha: Decimal
    beta: Decimal
    referral: tuple[Decimal, Decimal] | None  # (intercept, slope) on its base
    payout: bool  # whether payout conversion is charged on this piece

    @property
    def rule(self) -> str:
        """Which regime holds on this piece, in words (built only when asked)."""
        if self.referral is None:
            text = "no referral fee"
        else:
            intercept, slope = self.referral
            if not slope:
                text = f"referral fee flat at {intercept.normalize():f}"
            else:
                share = EXACT.multiply(slope, 100).normalize()
                text = f"referral fee at {share:f}% of the price"
        return text + ("; payout converted" if self.payout else "")


class Solved(NamedTuple):
    """A solved price: rounded, unrounded, its piece and its rounded waterfall."""

    price: Decimal
    exact: Decimal
    segment: Segment
    amounts: Amounts[Decimal]


def segments(model: Model) -> list[Segment]:
    """The unrounded contribution as linear pieces of the price, in order."""
    if model.segments_cache is None:
        model.segments_cache = _build_segments(model)
    return model.segments_cache


def _build_segments(model: Model) -> list[Segment]:
    pieces = _referral_pieces(model)
    if model.more_fees:
        pieces = _with_more_fees(model, pieces)
    segments: list[Segment] = []
    for low, high, intercept, slope, referral in pieces:
        own_c, own_s = _own_line(model, referral)
        for lo, hi, capped in _refund_fee_pieces(model, low, high, own_c, own_s):
            segments.extend(_linear(model, lo, hi, intercept, slope, referral, capped))
    return segments


def _own_line(
    model: Model, referral: tuple[Decimal, Decimal] | None
) -> tuple[Decimal, Decimal]:
    """The referral fee alone as ``intercept + slope × price`` on a piece.

    A piece's fees may add per-order and attributed fees to it; returns
    credit back and keep a share of the referral fee only.
    """
    if referral is None:
        return _ZERO, _ZERO
    factor = model.gross_factor if model.referral_gross else model.net_factor
    intercept = referral[0]
    if model.shipping is not None:
        intercept += referral[1] * _shipped(model)
    return intercept, EXACT.multiply(referral[1], factor)


def _shipped(model: Model) -> Decimal:
    """The shipping charged in the referral fee's base (gross or net)."""
    return model.ship_gross if model.referral_gross else model.ship_net


_Own = tuple[Decimal, Decimal] | None
_Piece = tuple[Decimal, Decimal | None, Decimal, Decimal, _Own]
"""On ``[low, high]`` of the price: the fees' intercept and slope, and the
referral's own ``(intercept, slope)`` on its base (for the rule in words)."""


def _with_more_fees(model: Model, pieces: list[_Piece]) -> list[_Piece]:
    """The referral's pieces with per-order and attributed fees added.

    Both are taken from the proceeds like the referral fee, so each merged
    piece is solved as a referral piece of their sum.
    """
    merged = merge([piece[:4] for piece in pieces], price_pieces(model))
    return [(lo, hi, c, s, _own(pieces, lo)) for lo, hi, c, s in merged]


def _own(pieces: list[_Piece], low: Decimal) -> tuple[Decimal, Decimal] | None:
    for piece in pieces:
        if piece[1] is None or low < piece[1]:
            return piece[4]
    return pieces[-1][4]  # pragma: no cover - the last piece is open-ended


def _referral_pieces(model: Model) -> list[_Piece]:
    """The referral fee's pieces on the price (one zero piece without one)."""
    if model.referral is None:
        return [(_ZERO, None, _ZERO, _ZERO, None)]
    base_factor = model.gross_factor if model.referral_gross else model.net_factor
    pieces: list[_Piece] = []
    # A piece of the base is a piece of the price, rescaled. A net base
    # under a VAT-inclusive price scales by 1 + v exactly (an edge at a net
    # 10.00 is the price 11.90, not 11.8999...); only the opposite case
    # divides.
    scale = base_factor != _ONE
    exact_up = EXACT.add(_ONE, model.vat_rate)
    inverse = model.vat_included and not model.referral_gross
    # The shipping charged is in the base: the base reaches an edge at a
    # lower price, and the fee's intercept on the price grows by it.
    shipped = _shipped(model)
    for base_low, base_high, intercept, slope in model.referral.pieces():
        low, high = base_low - shipped, base_high
        if base_high is not None:
            high = base_high - shipped
        if scale:
            low = _rescale(low, exact_up, base_factor, inverse=inverse)
            if high is not None:
                high = _rescale(high, exact_up, base_factor, inverse=inverse)
        if high is not None and high <= 0:
            continue  # the shipping charged alone carries the base past it
        price_slope = EXACT.multiply(slope, base_factor)
        on_price = intercept + slope * shipped
        pieces.append(
            (max(low, _ZERO), high, on_price, price_slope, (intercept, slope))
        )
    return pieces


def _refund_fee_pieces(
    model: Model,
    low: Decimal,
    high: Decimal | None,
    intercept: Decimal,
    slope: Decimal,
) -> list[tuple[Decimal, Decimal | None, bool]]:
    """``[low, high]`` split where the refund fee's cap starts to bind.

    The fee kept is ``min(cap, share × referral)``, and the referral fee is
    ``intercept + slope × price`` on this piece: below the crossing the
    share applies, above it the cap. Each part says whether it is capped.
    """
    cap, share = model.refund_cap, model.refund_share
    if cap is None or not share:
        return [(low, high, False)]
    capped_at = DIVISION.divide(cap, share)  # the referral fee where it binds
    if not slope:
        return [(low, high, intercept > capped_at)]
    turn = DIVISION.divide(capped_at - intercept, slope)
    if turn > low and (high is None or turn < high):
        return [(low, turn, slope < 0), (turn, high, slope > 0)]
    return [(low, high, (slope > 0) == (turn <= low))]


def _rescale(
    edge: Decimal, exact_up: Decimal, base_factor: Decimal, *, inverse: bool
) -> Decimal:
    """The price at which the fee's base reaches ``edge``."""
    if inverse:
        return EXACT.multiply(edge, exact_up)
    return DIVISION.divide(edge, base_factor)


def _linear(  # noqa: PLR0917 - private; the numbers of one piece
    model: Model,
    low: Decimal,
    high: Decimal | None,
    ref_c: Decimal,
    ref_s: Decimal,
    referral: tuple[Decimal, Decimal] | None,
    capped: bool = False,  # noqa: FBT001, FBT002 - whether the refund fee's cap binds
) -> list[Segment]:
    # proceeds = net − fees − returns = a_p + b_p × price. A tax on fees
    # scales every fee by 1 + its rate (1 without one).
    fee_factor = model.fee_factor
    b_p = model.net_factor - fee_factor * (ref_s + model.pay_rate * model.gross_factor)
    a_p = -fee_factor * (ref_c + model.fixed_total + model.unit_fees + model.pay_fixed)
    if model.shipping is not None:
        # The shipping charged: its net is revenue, its gross pays the card fee.
        a_p += model.ship_net - fee_factor * model.pay_rate * model.ship_gross
    own_c, own_s = _own_line(model, referral)
    refund_a, refund_b = _refunds(model, own_c, own_s, capped=capped)
    a_p -= refund_a
    b_p -= refund_b
    ads_factor = model.gross_factor if model.ads_gross else model.net_factor
    ads_slope = model.ads_share * ads_factor
    rest = model.costs_total + model.ads_fixed

    def piece(lo: Decimal, hi: Decimal | None, payout: bool) -> Segment:  # noqa: FBT001
        keep = _ONE - model.payout_rate if payout else _ONE
        return Segment(
            lo,
            hi,
            keep * a_p - rest,
            keep * b_p - ads_slope,
            referral,
            payout and bool(model.payout_rate),
        )

    if not model.payout_rate or not b_p:
        return [piece(low, high, a_p > 0)]
    turn = DIVISION.divide(-a_p, b_p)  # where the proceeds cross zero
    if turn > low and (high is None or turn < high):
        return [piece(low, turn, b_p < 0), piece(turn, high, b_p > 0)]
    # The whole piece lies on one side of the turn.
    return [piece(low, high, (b_p > 0) == (turn <= low))]


def _refunds(
    model: Model, ref_c: Decimal, ref_s: Decimal, *, capped: bool
) -> tuple[Decimal, Decimal]:
    """What returns take from the proceeds, unrounded: ``a + b × price``.

    The refunded net price, less the referral fee credited, plus the refund
    fee kept (the share of the fee, or the cap where it binds); each times
    the return rate per unit ordered.
    """
    rate = model.return_rate
    if not rate:
        return _ZERO, _ZERO
    a, b = _ZERO, rate * model.net_factor
    if model.ship_refunded:
        a = rate * model.ship_net
    if model.referral_credit:
        a, b = a - rate * ref_c, b - rate * ref_s
        if capped and model.refund_cap is not None:
            a += rate * model.refund_cap
        elif model.refund_share:
            kept = rate * model.refund_share
            a, b = a + kept * ref_c, b + kept * ref_s
    return a, b


def segment_at(model: Model, price: Decimal) -> Segment:
    """The piece holding ``price`` (an edge belongs to the piece below it)."""
    for segment in segments(model):
        if segment.high is None or price <= segment.high:
            return segment
    return segments(model)[-1]  # pragma: no cover - the last is open-ended


def first_feasible(
    model: Model, target: Target, start: Decimal
) -> tuple[Decimal, Segment] | None:
    """The lowest price >= ``start`` meeting ``target`` in the unrounded model."""
    for segment in segments(model):
        if segment.high is not None and segment.high < start:
            continue
        low = max(segment.low, start)
        sigma = target.weight_c * segment.beta - target.weight_n * model.net_factor
        tau = target.weight_c * segment.alpha - target.constant
        if model.ship_net:  # net revenue includes the net shipping charged
            tau -= target.weight_n * model.ship_net
        if tau + sigma * low >= 0:
            return low, segment
        if sigma > 0:
            root = DIVISION.divide(-tau, sigma)
            if segment.high is None or root <= segment.high:
                return max(root, low), segment
            if root - model.unit * _HAIR <= segment.high:
                # On the edge but for 34-digit noise: the edge is the answer.
                return segment.high, segment
    return None


def solve(model: Model, target: Target) -> Solved | None:
    """The lowest price meeting ``target`` on the rounded waterfall, or ``None``.

    The price is in whole minor units, at least one; it meets the target
    when evaluated, and no lower price does.
    """
    unit = model.unit
    loose = loosened(model, target)
    price, amounts = _scan(model, target, loose, unit)
    for edge in edge_prices(model):
        if price is not None and edge >= price:
            break
        at_edge = model.evaluate(edge)
        if target.value(at_edge) >= 0:
            price, amounts = edge, at_edge
            break
    if price is None or amounts is None:
        return None
    found = first_feasible(model, target, unit)
    exact = price if found is None else found[0]
    return Solved(price, exact, segment_at(model, price), amounts)


def _scan(
    model: Model, target: Target, loose: Target, price: Decimal
) -> tuple[Decimal | None, Amounts[Decimal] | None]:
    """The first price from ``price`` up where the rounded waterfall meets ``target``.

    Prices where the unrounded model is below the loosened target cannot
    meet it, so the scan jumps over them; one unit of slack below each jump
    covers the 34-digit algebra.
    """
    unit = model.unit
    for _ in range(_MAX_STEPS):
        found = first_feasible(model, loose, price)
        if found is None:
            return None, None
        price = max(_ceiling(found[0], unit) - unit, price)
        amounts = model.evaluate(price)
        if target.value(amounts) >= 0 or price >= LARGEST:
            # Past 10^21 the waterfall no longer adds up exactly: the
            # caller refuses such an answer by name.
            return price, amounts
        price += unit
    return None, None  # pragma: no cover - a target within noise for 10,000 prices


def loosened(model: Model, target: Target) -> Target:
    """``target`` lowered by :func:`rounding_slack`: what the unrounded model needs."""
    slack = rounding_slack(model, target)
    return Target(target.weight_c, target.weight_n, target.constant - slack)


def rounding_slack(model: Model, target: Target) -> Decimal:
    """How far rounding each line can move the target's value from the unrounded one.

    Each rounded line is off by at most half a minor unit (or a whole one
    for a directed mode), plus what an earlier rounded line moves in it:
    the referral fee is a share of a rounded base, payout a share of
    rounded proceeds, ads a share of rounded sales. A whole-price tier's
    jump at a band edge is not covered: :func:`edge_prices` are tried
    instead. One more unit covers the 28-digit arithmetic of the pieces.
    """
    unit = model.unit
    vat = _off(model.vat_rounding, unit) if model.vat_rate else _ZERO
    net = vat if model.vat_included else _ZERO
    gross = _ZERO if model.vat_included else vat
    referral = _ZERO
    if model.referral is not None:
        base = gross if model.referral_gross else net
        steepest = max(band.rate for band in model.referral.bands)
        referral = _off(model.rounding, unit) + steepest * base
    payment = _ZERO
    if model.pay_rate or model.pay_fixed:
        payment = _off(model.pay_rounding, unit) + model.pay_rate * gross
    deducted = more_slack(model, gross, net, referral + payment)
    deducted += _refunds_slack(model, net, referral)
    payout = _ZERO
    if model.payout_rate:
        payout = _off(model.rounding, unit) + model.payout_rate * (net + deducted)
    ads = _ZERO
    if model.ads_share:
        sales = gross if model.ads_gross else net
        ads = _off(model.rounding, unit) + model.ads_share * sales
    contribution = net + deducted + payout + ads
    return abs(target.weight_c) * contribution + abs(target.weight_n) * net + unit


def _refunds_slack(model: Model, net: Decimal, referral: Decimal) -> Decimal:
    """How far rounding can move the return lines.

    Each rounds once, on a rounded base (the net price, the referral fee).
    """
    rate = model.return_rate
    if not rate:
        return _ZERO
    off = _off(model.rounding, model.unit)
    slack = off + rate * net
    if model.referral_credit:
        slack += off + rate * referral
        if model.refund_share:
            slack += off + rate * model.refund_share * referral
    return slack


def _off(rounding: str, unit: Decimal) -> Decimal:
    """The most a rounding to ``unit`` can move an amount."""
    return unit / 2 if rounding in _NEAREST else unit


_NEAREST = frozenset(
    {
        RoundingMode.HALF_UP.value,
        RoundingMode.HALF_EVEN.value,
        RoundingMode.HALF_DOWN.value,
    }
)


def edge_prices(model: Model) -> tuple[Decimal, ...]:
    """Prices whose referral base lies within a unit of a band edge where the fee jumps.

    There the rounded base can fall in the band below while the unrounded
    one is in the band above (or the reverse), and the fee jumps by the
    difference of the two rates (whole-price bands) or of the bands' fixed
    amounts: more than :func:`rounding_slack` covers.
    """
    referral = model.referral
    unit = model.unit
    edges = order_edges(model)
    if referral is not None and (referral.mode is TierMode.WHOLE or referral.has_fixed):
        factor = model.gross_factor if model.referral_gross else model.net_factor
        edges.extend(
            (band.up_to.amount - _shipped(model), factor)
            for band in referral.bands[:-1]
            if band.up_to is not None
        )
    prices: set[Decimal] = set()
    for edge, factor in edges:
        centre = DIVISION.divide(edge, factor)
        around = _ceiling(centre, unit)
        steps = int(DIVISION.divide(2 * unit, factor * unit).to_integral_value()) + 2
        prices.update(around + k * unit for k in range(-steps, steps + 1))
    return tuple(sorted(p for p in prices if p >= unit))


def _ceiling(value: Decimal, unit: Decimal) -> Decimal:
    return value.quantize(unit, rounding=_CEILING, context=EXACT)
