"""Store and listing funnel, reviews with a small-sample bound, inventory KPIs.

(Private; see :mod:`xborder.kpi`.)
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    DecimalInput,
    named_errors,
    non_negative_count,
    positive_count,
    to_decimal,
    tuple_of,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.kpi import _formulas
from xborder.kpi._checks import bounded_sum, checked, same_currency
from xborder.kpi._normal import z_for_confidence
from xborder.kpi._ratio import UNDEFINED, MoneyRatio, Ratio, Undefined, ratio_of_money
from xborder.money import Money
from xborder.money._money import non_negative_money

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "FunnelStats",
    "InventoryPeriod",
    "ReviewStats",
    "WilsonInterval",
    "wilson_interval",
]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FunnelStats:
    """A store's or a listing's funnel over one period.

    Impressions → sessions → add-to-carts → orders → units, with the money
    they brought and what went back. Stats add up (``a + b``) and every KPI
    is computed from the sums. No ordering between the steps is enforced:
    sessions come from outside search too, and "buy now" skips the cart.

    Args:
        impressions: Times the listing was shown in search or browse.
        sessions: Visits (or clicks, where the source counts clicks).
        add_to_carts: Sessions with an add-to-cart.
        orders: Orders placed.
        units: Units ordered.
        revenue: Gross ordered revenue (before refunds).
        refunds: Amount refunded in the period, in the same currency.
        units_returned: Units returned (match returns to the period the
            units shipped in, or the return rate lags).

    Examples:
        >>> week = FunnelStats(impressions=20000, sessions=800, add_to_carts=96,
        ...     orders=40, units=46, revenue=Money("1035.00", "USD"),
        ...     refunds=Money("45.00", "USD"), units_returned=2)
        >>> week.cvr.value, str(week.aov.value), str(week.net_revenue)
        (Decimal('0.05'), '25.875 USD', '990.00 USD')
    """

    impressions: int = attrs.field(converter=non_negative_count)
    sessions: int = attrs.field(converter=non_negative_count)
    add_to_carts: int = attrs.field(converter=non_negative_count)
    orders: int = attrs.field(converter=non_negative_count)
    units: int = attrs.field(converter=non_negative_count)
    revenue: Money = attrs.field(converter=non_negative_money)
    refunds: Money = attrs.field(converter=non_negative_money)
    units_returned: int = attrs.field(default=0, converter=non_negative_count)

    def __attrs_post_init__(self) -> None:
        same_currency(self.revenue, self.refunds, "refunds")

    def __add__(self, other: FunnelStats) -> FunnelStats:
        if not isinstance(other, FunnelStats):
            return NotImplemented
        if other.revenue.currency != self.revenue.currency:
            raise CurrencyMismatchError(
                field="other.revenue",
                value=other.revenue,
                expected=f"an amount in {self.revenue.currency.code}",
            )
        return FunnelStats(
            impressions=bounded_sum(self.impressions + other.impressions, "other"),
            sessions=bounded_sum(self.sessions + other.sessions, "other"),
            add_to_carts=bounded_sum(self.add_to_carts + other.add_to_carts, "other"),
            orders=bounded_sum(self.orders + other.orders, "other"),
            units=bounded_sum(self.units + other.units, "other"),
            revenue=_summed(self.revenue + other.revenue),
            refunds=_summed(self.refunds + other.refunds),
            units_returned=bounded_sum(
                self.units_returned + other.units_returned, "other"
            ),
        )

    @property
    def ctr(self) -> Ratio:
        """Sessions / impressions: how often the listing is clicked when shown."""
        return _formulas.ctr(clicks=self.sessions, impressions=self.impressions)

    @property
    def add_to_cart_rate(self) -> Ratio:
        """Add-to-carts / sessions."""
        return _formulas.add_to_cart_rate(
            add_to_carts=self.add_to_carts, sessions=self.sessions
        )

    @property
    def cvr(self) -> Ratio:
        """Orders / sessions (the store's conversion rate)."""
        return _formulas.cvr(orders=self.orders, clicks=self.sessions)

    @property
    def unit_session_percentage(self) -> Ratio:
        """Units / sessions (Amazon's "unit session percentage")."""
        return Ratio(self.units, self.sessions)

    @property
    def aov(self) -> MoneyRatio:
        """Gross revenue / orders (see :func:`aov`)."""
        return _formulas.aov(revenue=self.revenue, orders=self.orders)

    @property
    def units_per_order(self) -> Ratio:
        """Units / orders."""
        return Ratio(self.units, self.orders)

    @property
    def net_revenue(self) -> Money:
        """Revenue − refunds."""
        return self.revenue - self.refunds

    @property
    def refund_rate(self) -> Ratio:
        """Refunds / gross revenue (money refunded per unit of money sold)."""
        return ratio_of_money(self.refunds, self.revenue, field="revenue")

    @property
    def return_rate(self) -> Ratio:
        """Units returned / units ordered."""
        return Ratio(self.units_returned, self.units)


def _summed(total: Money) -> Money:
    bounded_sum(total.amount, "other")
    return total


def _bound(value: Decimal | Undefined) -> Decimal | Undefined:
    if value is UNDEFINED:
        return value
    number = to_decimal(value)
    if not 0 <= number <= 1:
        raise InvalidInputError(
            field=None, value=value, expected="a bound between 0 and 1, or UNDEFINED"
        )
    return number


def _z(value: DecimalInput) -> Decimal:
    quantile = to_decimal(value)
    if not 0 < quantile <= _LARGEST_Z:
        raise InvalidInputError(field=None, value=value, expected=_Z_RANGE)
    return quantile


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class WilsonInterval:
    r"""A Wilson score interval for a proportion (see :func:`wilson_interval`).

    Attributes:
        successes: Positive outcomes (positive reviews).
        trials: All outcomes (all reviews).
        z: The normal quantile used (1.959963984540054... for 95%).
        lower: The lower bound, or :data:`UNDEFINED` with no trials.
        upper: The upper bound, or :data:`UNDEFINED` with no trials.

    Examples:
        >>> from xborder.money import RoundingMode
        >>> interval = wilson_interval(38, 44)
        >>> interval.observed.round(4, RoundingMode.HALF_UP)
        Decimal('0.8636')
        >>> round(interval.lower, 4), round(interval.upper, 4)
        (Decimal('0.7329'), Decimal('0.9360'))
    """

    successes: int = attrs.field(converter=non_negative_count)
    trials: int = attrs.field(converter=non_negative_count)
    z: Decimal = attrs.field(converter=_z)
    lower: Decimal | Undefined = attrs.field(converter=_bound)
    upper: Decimal | Undefined = attrs.field(converter=_bound)

    def __attrs_post_init__(self) -> None:
        if self.successes > self.trials:
            raise InvalidInputError(
                field="successes",
                value=self.successes,
                expected=f"at most trials ({self.trials})",
            )
        lower, upper = self.lower, self.upper
        if (lower is UNDEFINED) != (self.trials == 0) or (
            (upper is UNDEFINED) != (self.trials == 0)
        ):
            raise InvalidInputError(
                field="lower",
                value=lower,
                expected="bounds that are UNDEFINED exactly when there are no trials",
            )
        if lower is not UNDEFINED and upper is not UNDEFINED and lower > upper:
            raise InvalidInputError(
                field="lower", value=lower, expected=f"at most upper ({upper})"
            )

    @property
    def observed(self) -> Ratio:
        """Successes / trials."""
        return Ratio(self.successes, self.trials)


def wilson_interval(
    successes: int,
    trials: int,
    *,
    confidence: DecimalInput = "0.95",
    z: DecimalInput | None = None,
) -> WilsonInterval:
    r"""The Wilson score interval of a proportion: a rate that respects small samples.

    Five positive reviews out of five is 100%, but says little; the lower
    bound of the Wilson interval (about 57% at 95%) says how good the
    product is *at least*, with that confidence, and ranks it fairly against
    a product with 95 of 100. With $\hat p = k/n$:

    $$\frac{\hat p + \frac{z^2}{2n} \pm z\sqrt{\frac{\hat p(1-\hat p)}{n}
    + \frac{z^2}{4n^2}}}{1 + \frac{z^2}{n}}$$

    Source: E. B. Wilson (1927), "Probable inference, the law of succession,
    and statistical inference", JASA 22; Evan Miller, "How Not To Sort By
    Average Rating". Computed in Decimal to 34 digits; ``z`` comes from
    ``confidence`` exactly (no float), or is given (calculators often use
    1.96).

    Args:
        successes: Positive outcomes, 0 <= successes <= trials.
        trials: All outcomes.
        confidence: Two-sided confidence level in (0, 1).
        z: The quantile to use instead of ``confidence``.

    Examples:
        >>> interval = wilson_interval(5, 5)
        >>> round(interval.lower, 4), interval.upper
        (Decimal('0.5655'), Decimal('1'))
        >>> wilson_interval(0, 0).lower
        UNDEFINED
    """
    k = _count(successes, "successes")
    n = _count(trials, "trials")
    if k > n:
        raise InvalidInputError(
            field="successes", value=k, expected=f"at most trials ({n})"
        )
    quantile = _quantile(confidence, z)
    if n == 0:
        return WilsonInterval(
            successes=k, trials=n, z=quantile, lower=UNDEFINED, upper=UNDEFINED
        )
    lower, upper = _wilson(Decimal(k), Decimal(n), quantile)
    return WilsonInterval(successes=k, trials=n, z=quantile, lower=lower, upper=upper)


def _count(value: int, field: str) -> int:
    try:
        return non_negative_count(value)
    except XborderError as error:
        raise error.in_field(field) from None


_LARGEST_Z = Decimal(1000)
_Z_RANGE = "a number > 0 and <= 1000 (1.96 is 95%)"


def _quantile(confidence: DecimalInput, z: DecimalInput | None) -> Decimal:
    if z is not None:
        quantile = to_decimal(z, field="z")
        if not 0 < quantile <= _LARGEST_Z:
            # z² is divided and square-rooted: a z beyond any real confidence
            # level would overflow Decimal's exponent inside the formula.
            raise InvalidInputError(field="z", value=z, expected=_Z_RANGE)
        return quantile
    level = to_decimal(confidence, field="confidence")
    # The quantile is found at 60 significant digits (see _normal): a level
    # within 1E-50 of 0 or 1 is beyond what that resolves, and Newton's
    # method would run for seconds before overflowing.
    if not _CLOSEST_LEVEL <= level <= _HIGHEST_LEVEL:
        raise InvalidInputError(
            field="confidence",
            value=confidence,
            expected="a level in (0, 1), e.g. 0.95, at least 1E-50 from 0 and 1",
        )
    return z_for_confidence(level)


_CLOSEST_LEVEL = Decimal("1E-50")
_HIGHEST_LEVEL = EXACT.subtract(Decimal(1), _CLOSEST_LEVEL)


def _wilson(k: Decimal, n: Decimal, z: Decimal) -> tuple[Decimal, Decimal]:
    c = DIVISION
    p = c.divide(k, n)
    z2 = c.multiply(z, z)
    center = c.add(p, c.divide(z2, c.multiply(2, n)))
    spread = c.add(
        c.divide(c.multiply(p, c.subtract(1, p)), n),
        c.divide(z2, c.multiply(4, c.multiply(n, n))),
    )
    margin = c.multiply(z, c.sqrt(spread))
    scale = c.add(1, c.divide(z2, n))
    lower = c.divide(c.subtract(center, margin), scale)
    upper = c.divide(c.add(center, margin), scale)
    # At k = 0 (k = n) the lower (upper) bound is exactly 0 (1); 34-digit
    # rounding would land a hair off it.
    return (Decimal(0) if k == 0 else lower), (Decimal(1) if k == n else upper)


_MAX_STARS = 5


def _star_field(stars: object) -> str:
    # A small int names its entry (counts[6]); any other key names the mapping:
    # it may not even print (an int of 5,000 digits).
    if type(stars) is int and -_NAMED_KEYS < stars < _NAMED_KEYS:
        return f"counts[{stars}]"
    return "counts"


_NAMED_KEYS = 1000


def _star_counts(counts: Mapping[int, int]) -> dict[int, int]:
    result: dict[int, int] = {}
    for stars, number in counts.items():
        if (
            isinstance(stars, bool)
            or not isinstance(stars, int)
            or not 1 <= stars <= _MAX_STARS
        ):
            raise InvalidInputError(
                field=_star_field(stars), value=stars, expected="a star rating 1-5"
            )
        result[stars] = _count(number, f"counts[{stars}]")
    return result


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ReviewStats:
    """Ratings counted as positive or not.

    Args:
        positive: Positive ratings (4–5 stars, or positive feedback).
        total: All ratings.

    Examples:
        >>> reviews = ReviewStats.from_stars({5: 30, 4: 8, 3: 2, 2: 1, 1: 3})
        >>> reviews.positive, reviews.total
        (38, 44)
        >>> round(reviews.lower_bound(), 4)
        Decimal('0.7329')
    """

    positive: int = attrs.field(converter=non_negative_count)
    total: int = attrs.field(converter=non_negative_count)

    def __attrs_post_init__(self) -> None:
        if self.positive > self.total:
            raise InvalidInputError(
                field="positive",
                value=self.positive,
                expected=f"at most total ({self.total})",
            )

    @classmethod
    def from_stars(
        cls, counts: Mapping[int, int], *, positive_from: int = 4
    ) -> ReviewStats:
        """Count ``{5: n5, 4: n4, ...}``; ``positive_from`` stars up are positive."""
        if not hasattr(counts, "items"):
            raise InvalidTypeError(field="counts", value=counts, expected="a mapping")
        stars = _star_counts(counts)
        threshold = checked(positive_count, positive_from, "positive_from")
        return cls(
            positive=sum(n for s, n in stars.items() if s >= threshold),
            total=sum(stars.values()),
        )

    @property
    def positive_rate(self) -> Ratio:
        """Positive / total."""
        return Ratio(self.positive, self.total)

    def wilson(self, *, confidence: DecimalInput = "0.95") -> WilsonInterval:
        """The Wilson interval of the positive rate (see :func:`wilson_interval`)."""
        return wilson_interval(self.positive, self.total, confidence=confidence)

    def lower_bound(self, *, confidence: DecimalInput = "0.95") -> Decimal | Undefined:
        """The Wilson lower bound: the positive rate, discounted for a small sample."""
        return self.wilson(confidence=confidence).lower


def _snapshots(values: Iterable[Money]) -> tuple[Money, ...]:
    items = tuple_of(values, Money)
    if not items:
        raise InvalidInputError(
            field=None, value=items, expected="at least one snapshot"
        )
    for index, item in enumerate(items):
        if item.is_negative():
            raise InvalidInputError(
                field=f"[{index}]", value=item, expected="an amount >= 0"
            )
        if item.currency != items[0].currency:
            raise CurrencyMismatchError(
                field=f"[{index}]",
                value=item,
                expected=f"an amount in {items[0].currency.code}",
            )
    return items


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class InventoryPeriod:
    """Stock and sales of one SKU (or a whole store) over one period.

    Args:
        days: Length of the period in days.
        opening_units: Units on hand at the start.
        received_units: Units received during the period.
        sold_units: Units sold (at most opening + received).
        revenue: Net sales revenue of the units sold.
        cogs: Cost of the goods sold (landed cost of ``sold_units``).
        inventory_at_cost: Inventory value at cost on the snapshot days
            (at least the opening and the closing value; more snapshots give
            a truer average). All in one currency.

    Examples:
        >>> quarter = InventoryPeriod(days=90, opening_units=400,
        ...     received_units=600, sold_units=700, revenue=Money("17500", "USD"),
        ...     cogs=Money("5250", "USD"),
        ...     inventory_at_cost=(Money("3000", "USD"), Money("2250", "USD")))
        >>> quarter.sell_through.value, quarter.turnover.value
        (Decimal('0.7'), Decimal('2'))
        >>> quarter.days_of_inventory.value, quarter.gmroi.value
        (Decimal('45'), Decimal('4.666666666666666666666666666666667'))
    """

    days: int = attrs.field(converter=positive_count)
    opening_units: int = attrs.field(converter=non_negative_count)
    received_units: int = attrs.field(converter=non_negative_count)
    sold_units: int = attrs.field(converter=non_negative_count)
    revenue: Money = attrs.field(converter=non_negative_money)
    cogs: Money = attrs.field(converter=non_negative_money)
    inventory_at_cost: tuple[Money, ...] = attrs.field(converter=_snapshots)

    def __attrs_post_init__(self) -> None:
        available = self.opening_units + self.received_units
        if self.sold_units > available:
            raise InvalidInputError(
                field="sold_units",
                value=self.sold_units,
                expected=f"at most opening + received units ({available})",
            )
        same_currency(self.revenue, self.cogs, "cogs")
        same_currency(self.revenue, self.inventory_at_cost[0], "inventory_at_cost")

    @property
    def sell_through(self) -> Ratio:
        r"""$sold / (opening + received)$: the share of available stock that sold."""
        return Ratio(self.sold_units, self.opening_units + self.received_units)

    @property
    def average_inventory(self) -> Money:
        """The mean of the snapshots at cost (34 significant digits)."""
        total = Money.total(self.inventory_at_cost, currency=self.revenue.currency)
        return total / len(self.inventory_at_cost)

    @property
    def gross_margin(self) -> Money:
        """Revenue − COGS."""
        return self.revenue - self.cogs

    @property
    def turnover(self) -> Ratio:
        r"""Inventory turnover: $COGS / average\ inventory\ at\ cost$ per period."""
        return ratio_of_money(
            self.cogs, self.average_inventory, field="inventory_at_cost"
        )

    @property
    def days_of_inventory(self) -> Ratio:
        r"""$average\ inventory / COGS \times days$: days of sales the stock covers."""
        average = self.average_inventory.amount
        return Ratio(EXACT.multiply(average, Decimal(self.days)), self.cogs.amount)

    @property
    def gmroi(self) -> Ratio:
        r"""GMROI: $gross\ margin / average\ inventory\ at\ cost$."""
        return ratio_of_money(
            self.gross_margin, self.average_inventory, field="inventory_at_cost"
        )
