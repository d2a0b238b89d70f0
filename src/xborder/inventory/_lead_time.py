"""Lead time as legs: production, transit, handling; summed in mean and variance."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import named_errors, require, text, tuple_of
from xborder.inventory._args import member, non_negative_duration
from xborder.inventory._fast import builder
from xborder.inventory._numeric import sqrt
from xborder.units import DAY, as_duration, quantity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = ["LeadTime", "LeadTimeLeg", "LegKind"]


class LegKind(enum.StrEnum):
    """What a leg of the route is: it decides which date is the ship-by date."""

    PRODUCTION = "production"
    """Making or preparing the goods (the factory's lead time, prep, labelling)."""
    TRANSIT = "transit"
    """Moving the goods: first mile, sea or air freight, last mile."""
    HANDLING = "handling"
    """Waiting at a border or a warehouse: customs clearance, receiving, check-in."""


def _duration_or_zero(value: QuantityInput | None) -> Quantity:
    if value is None:
        return quantity(0, DAY)
    return as_duration(value)


def _kind(value: LegKind | str) -> LegKind:
    return member(LegKind, value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LeadTimeLeg:
    """One leg of a replenishment route, with its mean and standard deviation.

    Args:
        name: What the leg is ("factory", "sea Yantian→Felixstowe", "FBA check-in").
        mean: Mean duration, any time quantity (>= 0).
        sd: Standard deviation of the duration (>= 0; default 0, a fixed leg).
        kind: Production, transit or handling (default transit).

    Examples:
        >>> leg = LeadTimeLeg(name="sea", mean="30 days", sd="6 days")
        >>> leg.mean, leg.kind
        (<Quantity(30, 'day')>, <LegKind.TRANSIT: 'transit'>)
    """

    name: str = attrs.field(converter=text)
    mean: Quantity = attrs.field(converter=as_duration, validator=non_negative_duration)
    sd: Quantity = attrs.field(
        default=None,
        converter=_duration_or_zero,
        validator=non_negative_duration,
    )
    kind: LegKind = attrs.field(default=LegKind.TRANSIT, converter=_kind)

    @property
    def mean_days(self) -> Decimal:
        """The mean in days."""
        return self.mean.magnitude

    @property
    def variance(self) -> Decimal:
        """The variance in days², exact."""
        return EXACT.multiply(self.sd.magnitude, self.sd.magnitude)


def _legs(values: Iterable[LeadTimeLeg]) -> tuple[LeadTimeLeg, ...]:
    legs = tuple_of(values, LeadTimeLeg)
    require(bool(legs), field=None, value=values, expected="at least one leg")
    return legs


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LeadTime:
    r"""The whole route from purchase order to sellable stock, as legs in order.

    Legs are assumed independent, so means and variances add:

    $$L = \sum_i L_i, \qquad \sigma_L = \sqrt{\sum_i \sigma_i^2}$$

    Independence understates the spread when one cause delays several legs
    (peak season slows the factory *and* the port); model such a route with a
    larger standard deviation on one leg. Long sea legs are also skewed (port
    congestion), which a normal model understates at high service levels
    (Chopra, Reinhardt & Dada 2004).

    Args:
        legs: The legs, in the order the goods go through them.

    Examples:
        >>> route = LeadTime(legs=(
        ...     LeadTimeLeg(
        ...         name="factory", mean="20 days", sd="4 days", kind="production"),
        ...     LeadTimeLeg(name="sea", mean="30 days", sd="6 days"),
        ...     LeadTimeLeg(
        ...         name="receiving", mean="1 week", sd="2 days", kind="handling"),
        ... ))
        >>> route.mean_days, route.variance, route.sd_days
        (Decimal('57'), Decimal('56'), Decimal('7.48331477355'))
    """

    legs: tuple[LeadTimeLeg, ...] = attrs.field(converter=_legs)
    mean_days: Decimal = attrs.field(init=False, repr=False, eq=False)
    """Total mean lead time in days, exact (derived from the legs)."""
    variance: Decimal = attrs.field(init=False, repr=False, eq=False)
    """Total variance in days², exact: the sum of the legs' variances (derived)."""

    def __attrs_post_init__(self) -> None:
        mean, variance = _totals(self.legs)
        object.__setattr__(self, "mean_days", mean)
        object.__setattr__(self, "variance", variance)

    @classmethod
    def single(
        cls,
        mean: QuantityInput,
        sd: QuantityInput | None = None,
        *,
        name: str = "lead time",
    ) -> LeadTime:
        """A one-leg lead time (``LeadTime.single("2 weeks")``).

        Examples:
            >>> LeadTime.single("2 weeks", "3 days").mean_days
            Decimal('14')
        """
        legs = (LeadTimeLeg(name=name, mean=mean, sd=sd),)
        if cls is not LeadTime:
            return cls(legs=legs)  # a subclass may check more
        # The one leg was just built and checked: the route is built from it
        # directly, without LeadTime's converter and guard, ~1.5 µs of the
        # ~8 a one-leg route costs (bench_inventory's stockpyl cases).
        return _build_route(legs, *_totals(legs))

    @property
    def sd_days(self) -> Decimal:
        """Total standard deviation in days (12 significant digits)."""
        return sqrt(self.variance)

    @property
    def mean(self) -> Quantity:
        """Total mean lead time as a quantity in days."""
        return quantity(self.mean_days, DAY)

    @property
    def sd(self) -> Quantity:
        """Total standard deviation as a quantity in days."""
        return quantity(self.sd_days, DAY)


def _totals(legs: tuple[LeadTimeLeg, ...]) -> tuple[Decimal, Decimal]:
    """The route's mean and variance in days: the legs' sums, exact."""
    mean = variance = Decimal(0)
    for leg in legs:
        # The quantities' magnitudes, not the legs' ``mean_days`` and
        # ``variance``: public properties run through the decimal-context
        # guard, ~0.3 µs each on every route built.
        spread = leg.sd.magnitude
        mean = EXACT.add(mean, leg.mean.magnitude)
        variance = EXACT.add(variance, EXACT.multiply(spread, spread))
    return mean, variance


_build_route = builder(LeadTime)
"""``LeadTime(...)`` from its legs and their totals, unchecked."""
