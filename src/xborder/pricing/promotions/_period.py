r"""A promotion over its period: the one description of its arithmetic (private).

Over the period, the listing would sell $B$ units at its shelf price, each
earning $c_0$ (the baseline). With the promotion it sells $N$ units, of
which $\min(rN, K)$ redeem (the redemption rate $r$; $K$ the redemptions
the budget pays for) and earn $c_p$ each (the waterfall at the discounted
price with the promotion's unit fees); the rest earn $c_0$. The event costs
$F$, and each incremental unit above the baseline costs the demand effects
$e = k\,c_k + d\,c_0 - h\,c_h$. So the period's contribution is piecewise
linear in $N$ (effects only above $B$):

$$T(N) = \begin{cases}
N\,\bar c - F - (N - B)^+\,e & rN \le K,\ \bar c = r\,c_p + (1 - r)\,c_0\\
K c_p + (N - K)\,c_0 - F - (N - B)^+\,e & rN > K
\end{cases}$$

and the net revenue $R(N)$ the same with net revenues and no fees or
effects. Every calculator reads these two lines; none writes them again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

import attrs

from xborder._exact import DIVISION, EXACT
from xborder.money import Money, RoundingMode
from xborder.money.converters import exact_money
from xborder.pricing._common import percent, readable
from xborder.pricing.fees import FixedAmount
from xborder.pricing.promotions.offers import Coupon, DemandEffects, check_amount

if TYPE_CHECKING:
    from xborder.pricing.economics import UnitEconomics
    from xborder.pricing.listing import Listing
    from xborder.pricing.promotions.offers import Promotion

_ZERO = Decimal(0)


class Line(NamedTuple):
    """``slope × N + intercept``."""

    slope: Decimal
    intercept: Decimal

    def at(self, units: Decimal) -> Decimal:
        return EXACT.add(EXACT.multiply(self.slope, units), self.intercept)

    def minus(self, other: Line, times: Decimal = Decimal(1)) -> Line:
        return Line(
            EXACT.subtract(self.slope, EXACT.multiply(times, other.slope)),
            EXACT.subtract(self.intercept, EXACT.multiply(times, other.intercept)),
        )


class Period(NamedTuple):
    """Everything per unit a promotion's period depends on, from the waterfalls."""

    full: UnitEconomics
    promoted: UnitEconomics
    baseline: Decimal
    rate: Decimal
    cap: Decimal | None  # redemptions the budget pays for; None: no budget
    event_fee: Decimal
    effect: Decimal  # contribution lost per incremental unit (e)

    def redemptions(self, units: Decimal) -> Decimal:
        wanted = EXACT.multiply(self.rate, units)
        return wanted if self.cap is None else min(wanted, self.cap)

    def capped(self, units: Decimal) -> bool:
        return self.cap is not None and EXACT.multiply(self.rate, units) > self.cap

    def lines(self, *, capped: bool) -> tuple[Line, Line, Line]:
        """Contribution, net revenue and sales over the period, as lines in N."""
        c0, cp = self.full.contribution.amount, self.promoted.contribution.amount
        n0, np_ = self.full.net_revenue.amount, self.promoted.net_revenue.amount
        s0, sp = self.full.price.amount, self.promoted.price.amount
        if capped:
            assert self.cap is not None  # noqa: S101 - capped only with a budget
            k = self.cap
            return (
                Line(c0, EXACT.multiply(k, EXACT.subtract(cp, c0))),
                Line(n0, EXACT.multiply(k, EXACT.subtract(np_, n0))),
                Line(s0, EXACT.multiply(k, EXACT.subtract(sp, s0))),
            )
        r = self.rate
        return (
            Line(_blend(r, cp, c0), _ZERO),
            Line(_blend(r, np_, n0), _ZERO),
            Line(_blend(r, sp, s0), _ZERO),
        )

    def contribution(self, *, capped: bool, above: bool) -> Line:
        """The period's contribution after the event fee and (above B) the effects."""
        line = self.lines(capped=capped)[0]
        fee = self.event_fee
        if not above:
            return Line(line.slope, EXACT.subtract(line.intercept, fee))
        fixed = EXACT.subtract(EXACT.multiply(self.baseline, self.effect), fee)
        return Line(
            EXACT.subtract(line.slope, self.effect), EXACT.add(line.intercept, fixed)
        )

    def at(self, units: Decimal) -> tuple[Decimal, Decimal, Decimal]:
        """Contribution, net revenue and sales over the period at ``units``."""
        capped = self.capped(units)
        contribution = self.contribution(capped=capped, above=units > self.baseline)
        _, revenue, sales = self.lines(capped=capped)
        return contribution.at(units), revenue.at(units), sales.at(units)

    def solve(self, margin: Decimal | None) -> Decimal | None:
        """The fewest units that keep the contribution (``margin`` None) or a margin.

        ``None`` when no number of units does. The period is piecewise linear
        between its breakpoints (the baseline; the units at which the budget
        runs out): walk the pieces in order and stop at the first root.
        """
        ends = [self.baseline]
        if self.cap is not None:
            ends.append(DIVISION.divide(self.cap, self.rate))
        ends = sorted(ends)
        start = _ZERO
        for end in [*ends, None]:
            # A point inside the piece (past the last breakpoint: one unit on).
            middle = EXACT.add(start, 1) if end is None else _mid(start, end)
            target = self._target(margin, middle)
            value = target.at(start)
            if start == 0 and value >= 0 and (value > 0 or target.slope >= 0):
                return _ZERO
            if target.slope > 0:
                root = DIVISION.divide(target.intercept.copy_negate(), target.slope)
                if root >= start and (end is None or root <= end):
                    return root
            if end is not None:
                start = end
        return None

    def _target(self, margin: Decimal | None, units: Decimal) -> Line:
        """What must be >= 0 on the piece holding ``units``, as a line in N."""
        capped = self.capped(units)
        contribution = self.contribution(capped=capped, above=units > self.baseline)
        if margin is None:  # T(N) - B c0 >= 0
            baseline = EXACT.multiply(self.baseline, self.full.contribution.amount)
            return Line(
                contribution.slope, EXACT.subtract(contribution.intercept, baseline)
            )
        # T(N) - m R(N) >= 0
        return contribution.minus(self.lines(capped=capped)[1], margin)


def _mid(start: Decimal, end: Decimal) -> Decimal:
    return DIVISION.divide(EXACT.add(start, end), 2)


def _blend(rate: Decimal, redeemed: Decimal, full: Decimal) -> Decimal:
    return EXACT.add(EXACT.multiply(rate, redeemed), EXACT.multiply(1 - rate, full))


def _money_or_zero(money: Money | None, listing: Listing, field: str) -> Decimal:
    if money is None:
        return _ZERO
    return check_amount(money, listing.currency, field).amount


def promoted_listing(
    listing: Listing, promotion: Promotion, discounted: Money
) -> Listing:
    """The listing with the promotion's per-unit fees added to its fee schedule."""
    extra: list[FixedAmount] = []
    if promotion.unit_fee is not None:
        field = "redemption_fee" if isinstance(promotion, Coupon) else "unit_fee"
        fee = check_amount(promotion.unit_fee, listing.currency, f"promotion.{field}")
        extra.append(FixedAmount(label=f"{promotion.label} fee", amount=fee))
    if promotion.fee_rate:
        share = exact_money(
            EXACT.multiply(discounted.amount, promotion.fee_rate), discounted.currency
        ).quantize(listing.fees.rounding)
        label = f"{promotion.label} fee ({percent(promotion.fee_rate)} of {discounted})"
        extra.append(FixedAmount(label=label, amount=share))
    if not extra:
        return listing
    fees = attrs.evolve(listing.fees, fixed=(*listing.fees.fixed, *extra))
    return attrs.evolve(listing, fees=fees)


def period(
    listing: Listing,
    price: Money,
    promotion: Promotion,
    *,
    baseline: Decimal,
    effects: DemandEffects | None,
) -> Period:
    """The period of ``promotion`` on ``listing`` at the shelf price ``price``."""
    full = listing.economics(price)
    discounted = promotion.discount.apply(price)
    promoted = promoted_listing(listing, promotion, discounted).economics(discounted)
    event_fee = _money_or_zero(promotion.event_fee, listing, "promotion.event_fee")
    cap = None
    if promotion.budget is not None:
        budget = check_amount(promotion.budget, listing.currency, "promotion.budget")
        # What one redemption draws: the discount and the redemption fees.
        fees = promoted.fixed_fees - full.fixed_fees
        per_redemption = (price - discounted) + fees
        if not per_redemption.is_zero():
            cap = DIVISION.divide(budget.amount, per_redemption.amount)
    return Period(
        full=full,
        promoted=promoted,
        baseline=baseline,
        rate=promotion.redemption_rate,
        cap=cap,
        event_fee=event_fee,
        effect=_effect(effects, full.contribution, listing),
    )


def _effect(effects: DemandEffects | None, full: Money, listing: Listing) -> Decimal:
    """Contribution lost per incremental unit: k c_k + d c_0 - h c_h."""
    if effects is None:
        return _ZERO
    cannibalised = effects.cannibalised_contribution
    c_k = (
        full.amount
        if cannibalised is None
        else _money_or_zero(cannibalised, listing, "effects.cannibalised_contribution")
    )
    c_h = _money_or_zero(
        effects.halo_contribution, listing, "effects.halo_contribution"
    )
    lost = EXACT.add(
        EXACT.multiply(effects.cannibalisation, c_k),
        EXACT.multiply(effects.dip, full.amount),
    )
    return EXACT.subtract(lost, EXACT.multiply(effects.halo, c_h))


def whole(units: Decimal) -> int:
    """Units rounded up to whole units."""
    return int(
        units.to_integral_value(rounding=RoundingMode.CEILING.value, context=EXACT)
    )


def plain(number: Decimal) -> Decimal:
    """A whole number without an exponent (100, not 1E+2); others as they are."""
    if number == number.to_integral_value(context=EXACT):
        return number.quantize(Decimal(1), context=EXACT)
    return readable(number)
