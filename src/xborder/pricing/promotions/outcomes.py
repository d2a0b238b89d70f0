r"""Is a promotion worth it? Break-even lift, earnings at a lift, ad spend it carries.

A discount takes money from every unit that would have sold anyway, so a
promotion must sell more units to stay whole. Against a **baseline** (the
units the listing would sell at its shelf price over the same period):

$$\text{break-even lift} = \frac{N^\ast - B}{B},\qquad
N^\ast = \frac{B\,(c_0 - e) + F}{\bar c - e}$$

where $c_0$ is the full-price contribution, $\bar c$ the contribution of a
promoted unit (redeemed or not, with the promotion's fees), $F$ the fees
per event and $e$ the demand effects per incremental unit. Without fees
and effects it is the retail rule *discount ÷ (margin − discount)*: 20%
off a 40% margin needs 100% more units (GrowthSuite, "Discount
Break-Even Calculator", read 2026-12-07). Percentage fees shrink with
the discounted price and per-unit fees do not; both are in the waterfall
of the promoted unit, so every figure here carries its waterfalls.

Margins are contribution ÷ net revenue, as everywhere in
:mod:`xborder.pricing`. Units are exact Decimals (fractions of a unit
allowed, 34 significant digits where they divide), with
:attr:`PromotionLift.whole_units` rounded up.

Examples:
    >>> from xborder.money import Money, RoundingMode
    >>> from xborder.pricing import FeeSchedule, Listing, UnitCosts
    >>> from xborder.pricing.promotions import Deal, Discount
    >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
    ...                   costs=UnitCosts(landed=Money("60.00", "USD")))
    >>> deal = Deal(discount=Discount.percent_off("0.20"))
    >>> price = Money("100.00", "USD")
    >>> lift = break_even_lift(listing, price, deal, baseline_units=100)
    >>> lift.lift, lift.whole_units
    (Decimal('1'), 200)
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._guard import guard_public
from xborder._validate import DecimalInput, flag, named_errors, positive, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode
from xborder.money.converters import exact_money, money_value
from xborder.pricing._common import percent
from xborder.pricing.economics import UnitEconomics
from xborder.pricing.listing import Listing
from xborder.pricing.promotions._period import Lift, Period, Priced, period
from xborder.pricing.promotions.offers import Coupon, Deal, DemandEffects, Promotion

__all__ = [
    "PromotionLift",
    "PromotionOutcome",
    "break_even_lift",
    "margin_lift",
    "promotion_outcome",
]


def _listing(value: Listing) -> Listing:
    if not isinstance(value, Listing):
        raise InvalidTypeError(field=None, value=value, expected="a Listing")
    return value


def _promotion(value: Promotion) -> Promotion:
    if not isinstance(value, Coupon | Deal):
        raise InvalidTypeError(field=None, value=value, expected="a Coupon or a Deal")
    return value


def _effects(value: DemandEffects | None) -> DemandEffects | None:
    if value is not None and not isinstance(value, DemandEffects):
        raise InvalidTypeError(
            field=None, value=value, expected="DemandEffects or None"
        )
    return value


def _lift(value: DecimalInput) -> Decimal:
    lift = to_decimal(value)
    if lift < -1:
        raise InvalidInputError(
            field=None, value=value, expected="a lift >= -1 (30% more units is '0.30')"
        )
    return lift


def _margin(value: DecimalInput | None) -> Decimal | None:
    if value is None:
        return None
    margin = to_decimal(value)
    if not -1 < margin < 1:
        raise InvalidInputError(
            field=None, value=value, expected="a margin above -1 and below 1"
        )
    return margin


def _period_of(result: PromotionOutcome | PromotionLift) -> Priced:
    return period(
        result.listing,
        result.price,
        result.promotion,
        baseline=result.baseline_units,
        effects=result.effects,
    )


_set = object.__setattr__


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PromotionOutcome:
    """What a promotion earns over its period at one volume, with its waterfalls.

    Built by :func:`promotion_outcome`; every figure is computed from the
    inputs. Units are exact; each total is computed exactly and rounded to
    the minor unit once, half-up, and the ad capacity per unit is rounded
    down (a cent more would break even no longer).

    Attributes:
        full: The waterfall of a unit at the shelf price.
        promoted: The waterfall of a redeemed unit (discounted price, the
            promotion's unit fees as lines).
        units: Units sold over the period, ``baseline × (1 + lift)``.
        redemptions: Units sold at the discount (capped by the budget).
        budget_exhausted: Whether the budget ran out before the period ended.
        contribution: The period's contribution: units, event fees, effects.
        baseline_contribution: The baseline's, ``baseline × full contribution``.
        incremental_contribution: ``contribution − baseline_contribution``.
        event_fees: The fees per event.
        effects_cost: What the demand effects cost (negative: they earn).
        net_revenue: The listing's net revenue over the period.
        sales: Shelf-price sales over the period (VAT included where prices
            include it).
        ad_capacity: The most extra ad spend the period can carry and still
            keep the baseline's contribution: the incremental contribution
            (negative: the promotion loses money before any ad).
        ad_capacity_per_unit: ``ad_capacity ÷ units`` (``None`` with no units).

    Examples:
        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> from xborder.pricing.promotions import Deal, Discount
        >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
        ...                   costs=UnitCosts(landed=Money("60.00", "USD")))
        >>> deal = Deal(discount=Discount.percent_off("0.20"))
        >>> outcome = promotion_outcome(listing, Money("100.00", "USD"), deal,
        ...                             baseline_units=100, lift="1.5")
        >>> str(outcome.incremental_contribution), str(outcome.ad_capacity_per_unit)
        ('1000.00 USD', '4.00 USD')
    """

    listing: Listing = attrs.field(converter=_listing)
    price: Money = attrs.field(converter=money_value)
    promotion: Promotion = attrs.field(converter=_promotion)
    baseline_units: Decimal = attrs.field(converter=positive)
    lift: Decimal = attrs.field(converter=_lift)
    effects: DemandEffects | None = attrs.field(default=None, converter=_effects)
    full: UnitEconomics = attrs.field(init=False)
    promoted: UnitEconomics = attrs.field(init=False)
    units: Decimal = attrs.field(init=False)
    redemptions: Decimal = attrs.field(init=False)
    budget_exhausted: bool = attrs.field(init=False)
    contribution: Money = attrs.field(init=False)
    baseline_contribution: Money = attrs.field(init=False)
    incremental_contribution: Money = attrs.field(init=False)
    event_fees: Money = attrs.field(init=False)
    effects_cost: Money = attrs.field(init=False)
    net_revenue: Money = attrs.field(init=False)
    sales: Money = attrs.field(init=False)
    ad_capacity: Money = attrs.field(init=False)
    ad_capacity_per_unit: Money | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        priced = _period_of(self)
        found = priced.period.outcome(self.lift)
        currency = self.price.currency

        def money(amount: Decimal) -> Money:
            return exact_money(amount, currency)

        incremental = money(found.incremental)
        for name, value in {
            "full": priced.full,
            "promoted": priced.promoted,
            "units": found.units,
            "redemptions": found.redemptions,
            "budget_exhausted": found.capped,
            "contribution": money(found.contribution),
            "baseline_contribution": money(found.baseline_contribution),
            "incremental_contribution": incremental,
            "event_fees": money(found.event_fees),
            "effects_cost": money(found.effects_cost),
            "net_revenue": money(found.net_revenue),
            "sales": money(found.sales),
            "ad_capacity": incremental,
            "ad_capacity_per_unit": None
            if found.per_unit is None
            else money(found.per_unit),
        }.items():
            _set(self, name, value)

    @property
    def margin(self) -> Decimal | None:
        """The period's contribution ÷ net revenue (``None`` with no revenue)."""
        if self.net_revenue.is_zero():
            return None
        return DIVISION.divide(self.contribution.amount, self.net_revenue.amount)

    def explain(self) -> str:
        """The outcome in a few lines.

        Examples:
            >>> from xborder.pricing import FeeSchedule, UnitCosts
            >>> from xborder.pricing.promotions import Deal, Discount
            >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
            ...                   costs=UnitCosts(landed=Money("60.00", "USD")))
            >>> deal = Deal(discount=Discount.percent_off("0.20"),
            ...             event_fee=Money("100.00", "USD"))
            >>> print(promotion_outcome(listing, Money("100.00", "USD"), deal,
            ...                         baseline_units=100, lift="1.5").explain())
            Deal (20% off; 100.00 USD per event) on Shop at 100.00 USD
              Baseline: 100 units x 40.00 USD = 4000.00 USD
              Promotion: 250 units (250 redeemed at 80.00 USD, 20.00 USD each)
              Event fees: -100.00 USD
              Demand effects: 0.00 USD
              Contribution: 4900.00 USD (+900.00 USD on the baseline)
        """
        units, redeemed = _shown(self.units), _shown(self.redemptions)
        rows = [
            (
                f"{self.promotion.label} ({self.promotion.description}) on "
                f"{self.full.channel} at {self.price}"
            ),
            (
                f"  Baseline: {_shown(self.baseline_units)} units x "
                f"{self.full.contribution} = {self.baseline_contribution}"
            ),
            (
                f"  Promotion: {units} units ({redeemed} redeemed at "
                f"{self.promoted.price}, {self.promoted.contribution} each)"
            ),
            f"  Event fees: {-self.event_fees}",
            f"  Demand effects: {-self.effects_cost}",
            (
                f"  Contribution: {self.contribution} "
                f"({_signed(self.incremental_contribution)} on the baseline)"
            ),
        ]
        if self.budget_exhausted:
            rows.append("  The budget ran out: later units sold at the shelf price")
        return "\n".join(rows)


def _shown(units: Decimal) -> str:
    return f"{units:f}" if units == units.to_integral_value() else f"{units:.1f}"


def _signed(money: Money) -> str:
    shown = money
    return f"+{shown}" if not shown.is_negative() else str(shown)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PromotionLift:
    """The lift a promotion needs to keep the contribution, or a margin.

    Built by :func:`break_even_lift` and :func:`margin_lift`. When no lift
    reaches the target (each promoted unit earns nothing after its fees and
    effects, or its margin is below the target), :attr:`reachable` is
    ``False``, the unit figures are ``None`` and :attr:`reason` says why:
    a result, not an exception, so a table of promotions can be scanned.

    Attributes:
        target: What is kept: ``"contribution"`` or ``"margin 20%"``.
        reachable: Whether some volume reaches the target.
        units: The units the period must sell (exact; fractions allowed).
        whole_units: ``units`` rounded up to a whole unit.
        lift: ``units ÷ baseline − 1`` (1 is 100% more units); negative
            when the promoted unit earns more (a cheaper referral tier).
        sales_lift: The same in shelf-price sales.
        reason: The rule in words, or why no lift reaches the target.
        outcome: The period at ``units``: its incremental contribution is
            zero when keeping the contribution.
        full: The waterfall of a unit at the shelf price.
        promoted: The waterfall of a redeemed unit.

    Examples:
        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> from xborder.pricing.promotions import Deal, Discount
        >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
        ...                   costs=UnitCosts(landed=Money("90.00", "USD")))
        >>> deal = Deal(discount=Discount.percent_off("0.20"))
        >>> price = Money("100.00", "USD")
        >>> lift = break_even_lift(listing, price, deal, baseline_units=10)
        >>> lift.reachable
        False
        >>> print(lift.reason)
        a promoted unit earns -10.00 USD after fees and effects: no lift recovers it
    """

    listing: Listing = attrs.field(converter=_listing)
    price: Money = attrs.field(converter=money_value)
    promotion: Promotion = attrs.field(converter=_promotion)
    baseline_units: Decimal = attrs.field(converter=positive)
    effects: DemandEffects | None = attrs.field(default=None, converter=_effects)
    keep_margin: bool = attrs.field(default=False, converter=flag)
    margin: Decimal | None = attrs.field(default=None, converter=_margin)
    target: str = attrs.field(init=False)
    reachable: bool = attrs.field(init=False)
    units: Decimal | None = attrs.field(init=False)
    whole_units: int | None = attrs.field(init=False)
    lift: Decimal | None = attrs.field(init=False)
    sales_lift: Decimal | None = attrs.field(init=False)
    reason: str = attrs.field(init=False)
    outcome: PromotionOutcome | None = attrs.field(init=False)
    full: UnitEconomics = attrs.field(init=False)
    promoted: UnitEconomics = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        priced = _period_of(self)
        p = priced.period
        kept = self._kept(p)
        found = p.lift(kept)
        _set(self, "full", priced.full)
        _set(self, "promoted", priced.promoted)
        _set(
            self,
            "target",
            "contribution" if kept is None else f"margin {_share(kept)}",
        )
        _set(self, "reachable", found is not None)
        _set(self, "reason", _reason(priced, kept, found))
        if found is None:
            for name in ("units", "whole_units", "lift", "sales_lift", "outcome"):
                _set(self, name, None)
            return
        outcome = PromotionOutcome(
            listing=self.listing,
            price=self.price,
            promotion=self.promotion,
            baseline_units=self.baseline_units,
            lift=max(found.exact_lift, Decimal(-1)),
            effects=self.effects,
        )
        _set(self, "units", found.units)
        _set(self, "whole_units", found.whole_units)
        _set(self, "lift", found.lift)
        _set(self, "sales_lift", found.sales_lift)
        _set(self, "outcome", outcome)

    def _kept(self, p: Period) -> Decimal | None:
        return p.kept(self.margin) if self.keep_margin else None


def _share(margin: Decimal) -> str:
    # A margin given as "0.2" reads 20%; one derived from a waterfall has 34
    # digits, shown to two decimals of a percent.
    if margin == margin.quantize(Decimal("0.0001"), context=EXACT):
        return percent(margin)
    return f"{margin:.2%}"


def _reason(priced: Priced, kept: Decimal | None, found: Lift | None) -> str:
    p, promoted = priced.period, priced.promoted
    each = promoted.contribution - exact_money(p.effect, promoted.price.currency)
    if found is not None:
        if kept is None:
            return (
                f"{_shown(found.units)} units keep the baseline's contribution: "
                f"(baseline x ({priced.full.contribution} - effects) + event fees) "
                f"/ (contribution per promoted unit - effects)"
            )
        return (
            f"{_shown(found.units)} units keep a margin of {_share(kept)} over "
            "the period"
        )
    if kept is None:
        return (
            f"a promoted unit earns {each.quantize(RoundingMode.HALF_UP)} after "
            "fees and effects: no lift recovers it"
        )
    ceiling = promoted.margin
    shown = "undefined" if ceiling is None else f"{ceiling:.2%}"
    return (
        f"the period's margin tends to the promoted unit's ({shown}) as volume "
        f"grows, below the {_share(kept)} kept: no lift reaches it"
    )


def break_even_lift(
    listing: Listing,
    price: Money,
    promotion: Promotion,
    *,
    baseline_units: DecimalInput,
    effects: DemandEffects | None = None,
) -> PromotionLift:
    r"""The lift that keeps the period's contribution whole.

    $$N^\ast = \frac{B\,(c_0 - e) + F}{\bar c - e}$$

    with the budget's cap applied when it binds (see the module). Fixed
    fees per event make the lift depend on the baseline volume; without
    them it does not.

    Args:
        listing: The listing (its fees, costs, VAT, returns and ads).
        price: The shelf price the promotion discounts.
        promotion: A :class:`~xborder.pricing.promotions.Coupon` or
            :class:`~xborder.pricing.promotions.Deal`.
        baseline_units: Units the listing would sell at ``price`` over the
            promotion's period, > 0 (fractions allowed: an average).
        effects: Cannibalisation, dip and halo, or ``None``.

    Returns:
        The lift, with the waterfalls behind it; ``reachable`` is False
        (not an error) when no volume recovers the discount.

    Raises:
        InvalidInputError: A discount that reaches the price; a baseline
            of zero or less.
        CurrencyMismatchError: A fee, budget or contribution in another
            currency than the listing's.

    Examples:
        20% off a 40% margin needs 100% more units (GrowthSuite's example):

        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> from xborder.pricing.promotions import Deal, Discount
        >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
        ...                   costs=UnitCosts(landed=Money("60.00", "USD")))
        >>> deal = Deal(discount=Discount.percent_off("0.20"))
        >>> price = Money("100.00", "USD")
        >>> break_even_lift(listing, price, deal, baseline_units=50).lift
        Decimal('1')
    """
    return PromotionLift(
        listing=listing,
        price=price,
        promotion=promotion,
        baseline_units=baseline_units,
        effects=effects,
    )


def margin_lift(
    listing: Listing,
    price: Money,
    promotion: Promotion,
    *,
    baseline_units: DecimalInput,
    margin: DecimalInput | None = None,
    effects: DemandEffects | None = None,
) -> PromotionLift:
    r"""The lift that keeps a margin (contribution ÷ net revenue) over the period.

    $T(N) \ge m\,R(N)$: the period's contribution at least ``margin`` of its
    net revenue. Volume spreads the event fees, so the period's margin
    rises towards the promoted unit's own margin but never past it: a
    discount that lowers the unit's margin below ``margin`` cannot be
    rescued by volume (``reachable`` is False), only its fixed fees can.

    Args:
        listing: The listing.
        price: The shelf price the promotion discounts.
        promotion: A coupon or a deal.
        baseline_units: Units the listing would sell at ``price`` over the
            period, > 0.
        margin: The margin to keep, in (-1, 1); ``None`` for the full-price
            margin.
        effects: Cannibalisation, dip and halo, or ``None``.

    Examples:
        A \$100 deal fee on a \$10 unit that keeps 30% at the deal price:
        20% over the period needs 100 units.

        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> from xborder.pricing.promotions import Deal, Discount
        >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
        ...                   costs=UnitCosts(landed=Money("7.00", "USD")))
        >>> deal = Deal(discount=Discount.to_price(Money("10.00", "USD")),
        ...             event_fee=Money("100.00", "USD"))
        >>> result = margin_lift(listing, Money("12.00", "USD"), deal,
        ...                      baseline_units=50, margin="0.20")
        >>> result.units, result.lift
        (Decimal('100'), Decimal('1'))
    """
    return PromotionLift(
        listing=listing,
        price=price,
        promotion=promotion,
        baseline_units=baseline_units,
        effects=effects,
        keep_margin=True,
        margin=margin,
    )


def promotion_outcome(
    listing: Listing,
    price: Money,
    promotion: Promotion,
    *,
    baseline_units: DecimalInput,
    lift: DecimalInput,
    effects: DemandEffects | None = None,
) -> PromotionOutcome:
    r"""What the promotion earns at an expected lift, and the ad spend it can carry.

    Args:
        listing: The listing.
        price: The shelf price the promotion discounts.
        promotion: A coupon or a deal.
        baseline_units: Units the listing would sell at ``price`` over the
            period, > 0.
        lift: The expected lift in units, >= -1 (``"0.5"``: 50% more).
        effects: Cannibalisation, dip and halo, or ``None``.

    Examples:
        The \$4.00 coupon on a \$25.00 product of Amazon's budget help page,
        50 redemptions at \$0.60 each:

        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> from xborder.pricing.promotions import Coupon, Discount
        >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
        ...                   costs=UnitCosts(landed=Money("10.00", "USD")))
        >>> coupon = Coupon(discount=Discount.amount_off(Money("4.00", "USD")),
        ...                 redemption_fee=Money("0.60", "USD"))
        >>> outcome = promotion_outcome(listing, Money("25.00", "USD"), coupon,
        ...                             baseline_units=40, lift="0.25")
        >>> outcome.redemptions, str(outcome.incremental_contribution)
        (Decimal('50'), '-80.00 USD')
    """
    return PromotionOutcome(
        listing=listing,
        price=price,
        promotion=promotion,
        baseline_units=baseline_units,
        lift=lift,
        effects=effects,
    )


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
