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
from xborder._guard import context_free
from xborder._ops import DECIMALS
from xborder.money import Money, RoundingMode
from xborder.money.converters import exact_money
from xborder.pricing._common import percent, readable
from xborder.pricing.fees import FixedAmount
from xborder.pricing.promotions._arith import rate_fee
from xborder.pricing.promotions.offers import Coupon, DemandEffects, check_amount

if TYPE_CHECKING:
    from xborder.money import Currency
    from xborder.pricing.economics import UnitEconomics
    from xborder.pricing.listing import Listing
    from xborder.pricing.promotions.offers import Promotion

_ZERO = Decimal(0)
_FLOOR = RoundingMode.FLOOR.value
_HALF_UP = RoundingMode.HALF_UP.value


@context_free  # explicit contexts throughout: run per row by frames
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


@context_free  # explicit contexts throughout: run per row by frames
class Unit(NamedTuple):
    """What a period reads of a unit's waterfall: price, net revenue, contribution."""

    price: Decimal
    net_revenue: Decimal
    contribution: Decimal

    @classmethod
    def of(cls, economics: UnitEconomics) -> Unit:
        """The three figures of a waterfall."""
        return cls(
            economics.price.amount,
            economics.net_revenue.amount,
            economics.contribution.amount,
        )

    @property
    def margin(self) -> Decimal | None:
        """Contribution ÷ net revenue, as the waterfall's own margin."""
        if not self.net_revenue:
            return None
        return DIVISION.divide(self.contribution, self.net_revenue)


@context_free  # explicit contexts throughout: run per row by frames
class Effects(NamedTuple):
    """Demand effects as amounts in the listing currency (checked once)."""

    cannibalisation: Decimal
    cannibalised: Decimal | None  # None: the listing's own contribution
    dip: Decimal
    halo: Decimal
    halo_contribution: Decimal

    def per_unit(self, full: Decimal) -> Decimal:
        """Contribution lost per incremental unit: k c_k + d c_0 - h c_h."""
        c_k = full if self.cannibalised is None else self.cannibalised
        lost = EXACT.add(
            EXACT.multiply(self.cannibalisation, c_k),
            EXACT.multiply(self.dip, full),
        )
        return EXACT.subtract(lost, EXACT.multiply(self.halo, self.halo_contribution))


class Terms(NamedTuple):
    """A promotion's terms that do not vary with the row, checked in a currency."""

    rate: Decimal  # the redemption rate
    budget: Decimal | None
    event_fee: Decimal
    effects: Effects | None
    unit: Decimal  # the currency's minor unit


class Outcome(NamedTuple):
    """The period at one volume: units, and totals rounded to the minor unit."""

    units: Decimal
    redemptions: Decimal
    capped: bool
    contribution: Decimal
    baseline_contribution: Decimal
    incremental: Decimal
    event_fees: Decimal
    effects_cost: Decimal
    net_revenue: Decimal
    sales: Decimal
    per_unit: Decimal | None  # the incremental contribution per unit, floored


class Lift(NamedTuple):
    """The fewest units that keep a target, as units and lifts."""

    units: Decimal
    whole_units: int
    lift: Decimal
    exact_lift: Decimal  # the lift as computed, before it is shown plainly
    sales_lift: Decimal
    outcome: Outcome


@context_free  # explicit contexts throughout: run per row by frames
class Period(NamedTuple):
    """Everything per unit a promotion's period depends on, from the waterfalls."""

    full: Unit
    promoted: Unit
    baseline: Decimal
    rate: Decimal
    cap: Decimal | None  # redemptions the budget pays for; None: no budget
    event_fee: Decimal
    effect: Decimal  # contribution lost per incremental unit (e)
    unit: Decimal  # the currency's minor unit
    free: tuple[Line, Line, Line]  # the lines while the budget lasts (or none)
    held: tuple[Line, Line, Line] | None  # the lines once it has run out

    def redemptions(self, units: Decimal) -> Decimal:
        wanted = EXACT.multiply(self.rate, units)
        return wanted if self.cap is None else min(wanted, self.cap)

    def capped(self, units: Decimal) -> bool:
        return self.cap is not None and EXACT.multiply(self.rate, units) > self.cap

    def lines(self, *, capped: bool) -> tuple[Line, Line, Line]:
        """Contribution, net revenue and sales over the period, as lines in N."""
        if capped:
            assert self.held is not None  # noqa: S101 - capped only with a budget
            return self.held
        return self.free

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

    def outcome(self, lift: Decimal) -> Outcome:
        """The period at ``baseline × (1 + lift)`` units.

        Each total is computed exactly and rounded to the minor unit once,
        half-up; the incremental contribution is the difference of the two
        rounded totals (so the figures add up), and per unit it is rounded
        down (a cent more would break even no longer).
        """
        units = EXACT.multiply(self.baseline, EXACT.add(1, lift))
        contribution, revenue, sales = self.at(units)
        baseline = EXACT.multiply(self.baseline, self.full.contribution)
        kept, before = self._money(contribution), self._money(baseline)
        incremental = EXACT.subtract(kept, before)
        extra = max(EXACT.subtract(units, self.baseline), _ZERO)
        per_unit = None
        if units:
            per_unit = DIVISION.divide(incremental, units).quantize(
                self.unit, rounding=_FLOOR, context=EXACT
            )
            per_unit = per_unit or per_unit.copy_abs()
        return Outcome(
            units=plain(units),
            redemptions=plain(self.redemptions(units)),
            capped=self.capped(units),
            contribution=kept,
            baseline_contribution=before,
            incremental=incremental,
            event_fees=self._money(self.event_fee),
            effects_cost=self._money(EXACT.multiply(extra, self.effect)),
            net_revenue=self._money(revenue),
            sales=self._money(sales),
            per_unit=per_unit,
        )

    def lift(self, margin: Decimal | None) -> Lift | None:
        """The fewest units that keep the contribution or ``margin``, or None."""
        units = self.solve(margin)
        if units is None:
            return None
        lift = EXACT.subtract(DIVISION.divide(units, self.baseline), 1)
        outcome = self.outcome(max(lift, Decimal(-1)))
        baseline_sales = EXACT.multiply(self.baseline, self.full.price)
        sales_lift = EXACT.subtract(DIVISION.divide(outcome.sales, baseline_sales), 1)
        return Lift(plain(units), whole(units), plain(lift), lift, sales_lift, outcome)

    def kept(self, margin: Decimal | None) -> Decimal:
        """The margin to keep: ``margin``, or the full-price margin (0 if none)."""
        if margin is not None:
            return margin
        full = self.full.margin
        return _ZERO if full is None else full

    def _money(self, amount: Decimal) -> Decimal:
        rounded = amount.quantize(self.unit, rounding=_HALF_UP, context=EXACT)
        return rounded or rounded.copy_abs()  # never a negative zero

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
            baseline = EXACT.multiply(self.baseline, self.full.contribution)
            return Line(
                contribution.slope, EXACT.subtract(contribution.intercept, baseline)
            )
        # T(N) - m R(N) >= 0
        return contribution.minus(self.lines(capped=capped)[1], margin)


def _mid(start: Decimal, end: Decimal) -> Decimal:
    return DIVISION.divide(EXACT.add(start, end), 2)


def _blend(rate: Decimal, redeemed: Decimal, full: Decimal) -> Decimal:
    rest = EXACT.subtract(1, rate)
    return EXACT.add(EXACT.multiply(rate, redeemed), EXACT.multiply(rest, full))


def _lines(
    full: Unit, promoted: Unit, rate: Decimal, cap: Decimal | None
) -> tuple[Line, Line, Line]:
    """Contribution, net revenue and sales as lines in N: blended, or capped at K."""
    c0, cp = full.contribution, promoted.contribution
    n0, np_ = full.net_revenue, promoted.net_revenue
    s0, sp = full.price, promoted.price
    if cap is not None:
        return (
            Line(c0, EXACT.multiply(cap, EXACT.subtract(cp, c0))),
            Line(n0, EXACT.multiply(cap, EXACT.subtract(np_, n0))),
            Line(s0, EXACT.multiply(cap, EXACT.subtract(sp, s0))),
        )
    return (
        Line(_blend(rate, cp, c0), _ZERO),
        Line(_blend(rate, np_, n0), _ZERO),
        Line(_blend(rate, sp, s0), _ZERO),
    )


def _money_or_zero(money: Money | None, currency: Currency, field: str) -> Decimal:
    if money is None:
        return _ZERO
    return check_amount(money, currency, field).amount


def unit_fee_of(promotion: Promotion, currency: Currency) -> Money | None:
    """The promotion's fee per redeemed unit as an amount, checked, or None."""
    if promotion.unit_fee is None:
        return None
    field = "redemption_fee" if isinstance(promotion, Coupon) else "unit_fee"
    return check_amount(promotion.unit_fee, currency, f"promotion.{field}")


def promoted_listing(
    listing: Listing, promotion: Promotion, discounted: Money
) -> Listing:
    """The listing with the promotion's per-unit fees added to its fee schedule."""
    extra: list[FixedAmount] = []
    fee = unit_fee_of(promotion, listing.currency)
    if fee is not None:
        extra.append(FixedAmount(label=f"{promotion.label} fee", amount=fee))
    if promotion.fee_rate:
        share = rate_fee(
            DECIMALS,
            discounted.amount,
            promotion.fee_rate,
            discounted.currency.minor_unit,
            listing.fees.rounding.value,
        )
        label = f"{promotion.label} fee ({percent(promotion.fee_rate)} of {discounted})"
        extra.append(
            FixedAmount(label=label, amount=exact_money(share, discounted.currency))
        )
    if not extra:
        return listing
    fees = attrs.evolve(listing.fees, fixed=(*listing.fees.fixed, *extra))
    return attrs.evolve(listing, fees=fees)


def terms_of(
    promotion: Promotion, currency: Currency, effects: DemandEffects | None
) -> Terms:
    """The promotion's event fee, budget and effects, checked in ``currency``."""
    event_fee = _money_or_zero(promotion.event_fee, currency, "promotion.event_fee")
    budget = None
    if promotion.budget is not None:
        budget = check_amount(promotion.budget, currency, "promotion.budget").amount
    return Terms(
        rate=promotion.redemption_rate,
        budget=budget,
        event_fee=event_fee,
        effects=_effects(effects, currency),
        unit=currency.minor_unit,
    )


def period_of(
    full: Unit, promoted: Unit, fee: Decimal, terms: Terms, baseline: Decimal
) -> Period:
    """The period from the two units' figures and the promotion's fee per unit."""
    cap = None
    if terms.budget is not None:
        # What one redemption draws: the discount and the redemption fees.
        per_redemption = EXACT.add(EXACT.subtract(full.price, promoted.price), fee)
        if per_redemption:
            cap = DIVISION.divide(terms.budget, per_redemption)
    effects = terms.effects
    return Period(
        full=full,
        promoted=promoted,
        baseline=baseline,
        rate=terms.rate,
        cap=cap,
        event_fee=terms.event_fee,
        effect=_ZERO if effects is None else effects.per_unit(full.contribution),
        unit=terms.unit,
        free=_lines(full, promoted, terms.rate, None),
        held=None if cap is None else _lines(full, promoted, terms.rate, cap),
    )


class Priced(NamedTuple):
    """A period with the two waterfalls behind it."""

    period: Period
    full: UnitEconomics
    promoted: UnitEconomics


def period(
    listing: Listing,
    price: Money,
    promotion: Promotion,
    *,
    baseline: Decimal,
    effects: DemandEffects | None,
) -> Priced:
    """The period of ``promotion`` on ``listing`` at the shelf price ``price``."""
    full = listing.economics(price)
    discounted = promotion.discount.apply(price)
    promoted = promoted_listing(listing, promotion, discounted).economics(discounted)
    terms = terms_of(promotion, listing.currency, effects)
    fee = (promoted.fixed_fees - full.fixed_fees).amount
    found = period_of(Unit.of(full), Unit.of(promoted), fee, terms, baseline)
    return Priced(found, full, promoted)


def _effects(effects: DemandEffects | None, currency: Currency) -> Effects | None:
    """The effects' contributions checked in ``currency``."""
    if effects is None:
        return None
    cannibalised = effects.cannibalised_contribution
    return Effects(
        cannibalisation=effects.cannibalisation,
        cannibalised=None
        if cannibalised is None
        else _money_or_zero(
            cannibalised, currency, "effects.cannibalised_contribution"
        ),
        dip=effects.dip,
        halo=effects.halo,
        halo_contribution=_money_or_zero(
            effects.halo_contribution, currency, "effects.halo_contribution"
        ),
    )


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
