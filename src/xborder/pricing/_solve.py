r"""Solving the waterfall for a price, piece by piece (private).

Every fee in the waterfall is piecewise linear in the price: the referral
minimum, band edges, and the point where payout proceeds turn positive start
new pieces. :func:`segments` writes the unrounded contribution as
$\alpha + \beta P$ on each piece; :func:`solve` solves the first piece where
the target is met algebraically, rounds the answer up to the minor unit and
confirms it on :meth:`~xborder.pricing._model.Model.evaluate`, the rounded
waterfall, stepping by whole minor units only where the rounding of single
lines left it short, and down while one unit less still meets the target.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from xborder._exact import DIVISION, EXACT
from xborder.money import RoundingMode

if TYPE_CHECKING:
    from xborder.pricing._model import Amounts, Model

__all__ = [
    "Segment",
    "Solved",
    "Target",
    "first_feasible",
    "segment_at",
    "segments",
    "solve",
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
        return (
            self.weight_c * amounts.contribution
            - self.weight_n * amounts.net
            - self.constant
        )


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
    base_factor = model.gross_factor if model.referral_gross else model.net_factor
    segments: list[Segment] = []
    if model.referral is None:
        segments.extend(_linear(model, _ZERO, None, _ZERO, _ZERO, None))
        return segments
    # A piece of the base is a piece of the price, rescaled. A net base
    # under a VAT-inclusive price scales by 1 + v exactly (an edge at a net
    # 10.00 is the price 11.90, not 11.8999...); only the opposite case
    # divides.
    scale = base_factor != _ONE
    exact_up = EXACT.add(_ONE, model.vat_rate)
    inverse = model.vat_included and not model.referral_gross
    for base_low, base_high, intercept, slope in model.referral.pieces():
        low, high = base_low, base_high
        if scale:
            low = _rescale(base_low, exact_up, base_factor, inverse=inverse)
            if base_high is not None:
                high = _rescale(base_high, exact_up, base_factor, inverse=inverse)
        segments.extend(
            _linear(
                model,
                low,
                high,
                intercept,
                EXACT.multiply(slope, base_factor),
                (intercept, slope),
            )
        )
    return segments


def _rescale(
    edge: Decimal, exact_up: Decimal, base_factor: Decimal, *, inverse: bool
) -> Decimal:
    """The price at which the fee's base reaches ``edge``."""
    if inverse:
        return EXACT.multiply(edge, exact_up)
    return DIVISION.divide(edge, base_factor)


def _linear(  # noqa: PLR0917 - private; the five numbers of one piece
    model: Model,
    low: Decimal,
    high: Decimal | None,
    ref_c: Decimal,
    ref_s: Decimal,
    referral: tuple[Decimal, Decimal] | None,
) -> list[Segment]:
    # proceeds = net − referral − fixed fees − payment = a_p + b_p × price
    b_p = model.net_factor - ref_s - model.pay_rate * model.gross_factor
    a_p = -(ref_c + model.fixed_total + model.unit_fees + model.pay_fixed)
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
    """The price meeting ``target`` on the rounded waterfall, or ``None``.

    The price is in whole minor units; it meets the target when
    evaluated, and one minor unit less does not.
    """
    unit = model.unit
    found = first_feasible(model, target, unit)
    if found is None:
        return None
    exact, segment = found
    # The algebra runs at 34 digits, so an exact answer on the grid (28.56)
    # can come out a hair above it (28.5600...0003); do not round that up.
    price = max(_ceiling(exact - unit * _HAIR, unit), unit)
    short_at: set[Decimal] = set()  # prices already seen to fall short
    for _ in range(_MAX_STEPS):
        amounts = model.evaluate(price)
        short = target.value(amounts)
        if short >= 0:
            break
        short_at.add(price)
        segment = segment_at(model, price)
        sigma = target.weight_c * segment.beta - target.weight_n * model.net_factor
        unrounded = target.weight_c * (segment.alpha + segment.beta * price)
        unrounded -= target.weight_n * model.net_factor * price + target.constant
        if unrounded >= 0 and sigma > 0:
            # The unrounded model is met here; rounding of single lines
            # left the waterfall short by `short`: step over it at once.
            price = _ceiling(price + max(unit, DIVISION.divide(-short, sigma)), unit)
            continue
        found = first_feasible(model, target, price + unit)
        if found is None:
            return None
        price = _ceiling(max(found[0], price + unit), unit)
    else:  # pragma: no cover - rounding cannot keep a met target short this long
        return None
    for _ in range(_MAX_STEPS):
        lower = price - unit
        if lower < unit or lower in short_at:
            break
        below = model.evaluate(lower)
        if target.value(below) < 0:
            break
        price, amounts = lower, below
    return Solved(price, exact, segment_at(model, price), amounts)


def _ceiling(value: Decimal, unit: Decimal) -> Decimal:
    return value.quantize(unit, rounding=_CEILING, context=EXACT)
