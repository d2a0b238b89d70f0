"""Marketplace account health: dated thresholds, and how close a window is to one.

(Private; see :mod:`xborder.kpi`.)

A marketplace judges a seller on a few rates over rolling windows: order
defect rate over 60 days, cancellation rate over 7, late shipment rate over
10 and 30. A small store crosses a line with one bad order (40 orders in 7
days: one cancellation is 2.5%), so a status gives the *count* of further
defects that would cross the threshold, not just the rate.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    date_value,
    flag,
    fraction,
    named_errors,
    non_negative_count,
    positive_count,
    text,
)
from xborder.dated import Validity, check_in_force, select_in_force
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.kpi._checks import checked, instance, is_a, iterable
from xborder.kpi._ratio import UNDEFINED, Ratio, Undefined, percent_text
from xborder.money import RoundingMode

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

__all__ = [
    "Comparison",
    "HealthMetric",
    "HealthStatus",
    "HealthThreshold",
    "check_health",
    "thresholds_in_force",
]


class HealthMetric(enum.StrEnum):
    """An account-health rate; each counts *defects* among orders (or shipments).

    Examples:
        >>> HealthMetric.VALID_TRACKING_RATE.higher_is_better
        True
        >>> HealthMetric.ORDER_DEFECT_RATE.higher_is_better
        False
    """

    ORDER_DEFECT_RATE = "order-defect-rate"
    """Orders with negative feedback, an A-to-z claim not denied, or a chargeback."""
    CANCELLATION_RATE = "cancellation-rate"
    """Seller-cancelled orders before fulfilment (pre-fulfilment cancel rate)."""
    LATE_SHIPMENT_RATE = "late-shipment-rate"
    """Orders ship-confirmed after the expected ship date (EU: late dispatch rate)."""
    VALID_TRACKING_RATE = "valid-tracking-rate"
    """Shipments *with* a valid tracking number: the one rate where higher is better.

    Its defects are the shipments without valid tracking."""

    @property
    def higher_is_better(self) -> bool:
        """Whether the metric's rate counts good outcomes (valid tracking)."""
        return self is HealthMetric.VALID_TRACKING_RATE


class Comparison(enum.StrEnum):
    """How the metric's rate must compare with the limit to comply.

    Examples:
        >>> Comparison.BELOW.is_upper_limit, Comparison.BELOW.is_strict
        (True, True)
    """

    BELOW = "<"
    """Strictly under ("an ODR under 1%")."""
    AT_MOST = "<="
    """Under or equal."""
    ABOVE = ">"
    """Strictly over."""
    AT_LEAST = ">="
    """Over or equal ("at least 95% of shipments tracked")."""

    @property
    def is_upper_limit(self) -> bool:
        """Whether the limit is a ceiling (``<``, ``<=``)."""
        return self in (Comparison.BELOW, Comparison.AT_MOST)

    @property
    def is_strict(self) -> bool:
        """Whether the limit itself fails (``<``, ``>``)."""
        return self in (Comparison.BELOW, Comparison.ABOVE)


def _metric(value: HealthMetric) -> HealthMetric:
    return instance(value, HealthMetric)


def _comparison(value: Comparison) -> Comparison:
    return instance(value, Comparison)


def _validity(value: Validity) -> Validity:
    return instance(value, Validity)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class HealthThreshold:
    """A marketplace's target for one metric over one window, dated and sourced.

    Args:
        marketplace: Where it applies (``"amazon.com"``).
        metric: The metric.
        comparison: How the rate must compare with ``limit`` to comply.
        limit: The target, as a fraction (1% is ``"0.01"``).
        window_days: The rolling window the rate is measured over.
        scope: Which orders count (``"all orders"``, ``"seller-fulfilled orders"``).
        enforced: Whether missing it can cost selling privileges (Amazon's EU
            pages call these "contractual"; others are targets only).
        validity: When it applies and where it was read.

    Raises:
        InvalidInputError: The comparison points the wrong way for the
            metric (a defect rate needs a ceiling, valid tracking a floor).

    Examples:
        >>> from xborder.dated import Validity
        >>> late_dispatch = HealthThreshold(marketplace="amazon.de",
        ...     metric=HealthMetric.LATE_SHIPMENT_RATE, comparison=Comparison.BELOW,
        ...     limit="0.04", window_days=30, scope="seller-fulfilled orders",
        ...     enforced=True, validity=Validity(valid_from="2024-01-01", valid_to=None,
        ...     source="your copy of Seller Central help"))
        >>> late_dispatch.describe()
        'late-shipment-rate < 4.00% over 30 days (seller-fulfilled orders)'
        >>> late_dispatch.complies(1, 25), late_dispatch.complies(1, 26)
        (False, True)
    """

    marketplace: str = attrs.field(converter=text)
    metric: HealthMetric = attrs.field(converter=_metric)
    comparison: Comparison = attrs.field(converter=_comparison)
    limit: Decimal = attrs.field(converter=fraction)
    window_days: int = attrs.field(converter=positive_count)
    scope: str = attrs.field(converter=text)
    enforced: bool = attrs.field(converter=flag)
    validity: Validity = attrs.field(converter=_validity)

    def __attrs_post_init__(self) -> None:
        if self.comparison.is_upper_limit == self.metric.higher_is_better:
            wanted = ">= or >" if self.metric.higher_is_better else "<= or <"
            raise InvalidInputError(
                field="comparison",
                value=self.comparison.value,
                expected=f"{wanted} for {self.metric.value}",
            )

    def describe(self) -> str:
        """``'order-defect-rate < 1% over 60 days (all orders)'``."""
        return (
            f"{self.metric.value} {self.comparison.value} {percent_text(self.limit)} "
            f"over {self.window_days} days ({self.scope})"
        )

    @property
    def defect_ceiling(self) -> Fraction:
        """The limit as a ceiling on the defect share (VTR >= 95%: untracked <= 5%)."""
        limit = Fraction(self.limit)
        return 1 - limit if self.metric.higher_is_better else limit

    def complies(self, defects: int, orders: int) -> bool:
        """Whether ``defects`` among ``orders`` (> 0) meet the threshold, exactly."""
        defects = checked(non_negative_count, defects, "defects")
        orders = checked(positive_count, orders, "orders")
        ceiling = self.defect_ceiling * orders
        return defects < ceiling if self.comparison.is_strict else defects <= ceiling


def _compliant(value: bool | Undefined) -> bool | Undefined:  # noqa: FBT001
    return value if value is UNDEFINED else flag(value)


def _optional_positive(value: int | None) -> int | None:
    return None if value is None else positive_count(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class HealthStatus:
    """One window's standing against one threshold (see :func:`check_health`).

    Attributes:
        threshold: The threshold checked.
        orders: Orders (or shipments) in the window.
        defects: Defects among them.
        rate: The metric's own rate (for valid tracking, tracked / shipments).
        compliant: Whether the rate meets the threshold; :data:`UNDEFINED`
            with no orders (the marketplace shows no rate).
        defects_to_breach: How many more of the window's orders going wrong
            would cross the threshold at the current order count; ``None``
            when already breached or when no number of defects can.
        orders_to_recover: When breached, how many more defect-free orders
            bring the window back within the threshold; ``None`` otherwise or
            when none can.
        explanation: The same in words.

    Examples:
        >>> import datetime as dt
        >>> day = dt.date(2026, 3, 1)
        >>> from xborder.kpi import AMAZON_US_ACCOUNT_HEALTH
        >>> odr = thresholds_in_force(AMAZON_US_ACCOUNT_HEALTH, as_of=day,
        ...     metric=HealthMetric.ORDER_DEFECT_RATE)[0]
        >>> status = check_health(odr, orders=800, defects=9, as_of=day)
        >>> status.compliant, status.orders_to_recover
        (False, 101)
        >>> print(status.explanation)
        order-defect-rate 1.13% (9 of 800): breaches < 1.00%; 101 more ... restore it
    """

    threshold: HealthThreshold = attrs.field(validator=is_a(HealthThreshold))
    orders: int = attrs.field(converter=non_negative_count)
    defects: int = attrs.field(converter=non_negative_count)
    rate: Ratio = attrs.field(validator=is_a(Ratio))
    compliant: bool | Undefined = attrs.field(converter=_compliant)
    defects_to_breach: int | None = attrs.field(converter=_optional_positive)
    orders_to_recover: int | None = attrs.field(converter=_optional_positive)
    explanation: str = attrs.field(converter=text)

    def __attrs_post_init__(self) -> None:
        if self.defects > self.orders:
            raise InvalidInputError(
                field="defects",
                value=self.defects,
                expected=f"at most orders ({self.orders})",
            )
        if (self.compliant is UNDEFINED) != (self.orders == 0):
            raise InvalidInputError(
                field="compliant",
                value=self.compliant,
                expected="UNDEFINED exactly when there are no orders",
            )


def check_health(
    threshold: HealthThreshold,
    *,
    orders: int,
    defects: int,
    as_of: dt.date,
    allow_out_of_window: bool = False,
) -> HealthStatus:
    """Where a window stands against a threshold, and how many defects are left.

    Args:
        threshold: The threshold to check.
        orders: Orders (shipments for valid tracking) in the metric's window.
        defects: Defective ones among them (for valid tracking: shipments
            *without* valid tracking).
        as_of: The day of the check; the threshold must be in force then.
        allow_out_of_window: Use the threshold outside its validity anyway.

    Raises:
        RuleNotApplicableError: The threshold is not in force on ``as_of``.
        InvalidInputError: Negative counts, or more defects than orders.

    Examples:
        >>> import datetime as dt
        >>> from xborder.kpi import AMAZON_US_ACCOUNT_HEALTH
        >>> cancel = thresholds_in_force(
        ...     AMAZON_US_ACCOUNT_HEALTH, as_of=dt.date(2026, 3, 1),
        ...     metric=HealthMetric.CANCELLATION_RATE)[0]
        >>> day = dt.date(2026, 3, 1)
        >>> status = check_health(cancel, orders=40, defects=0, as_of=day)
        >>> status.compliant, status.defects_to_breach
        (True, 1)
        >>> status.explanation
        'cancellation-rate 0.00% (0 of 40): within < 2.50%; 1 more defect would breach'
    """
    if not isinstance(threshold, HealthThreshold):
        raise InvalidTypeError(
            field="threshold", value=threshold, expected="HealthThreshold"
        )
    day = checked(date_value, as_of, "as_of")
    anyway = checked(flag, allow_out_of_window, "allow_out_of_window")
    check_in_force(threshold, day, allow_out_of_window=anyway)
    n = _count(orders, "orders")
    bad = _count(defects, "defects")
    if bad > n:
        raise InvalidInputError(
            field="defects", value=bad, expected=f"at most orders ({n})"
        )
    good = n - bad
    rate = Ratio(good if threshold.metric.higher_is_better else bad, n)
    compliant: bool | Undefined = UNDEFINED
    breach = recover = None
    if n and threshold.complies(bad, n):
        compliant, breach = True, _to_breach(threshold, bad, n)
    elif n:
        compliant, recover = False, _to_recover(threshold, bad, n)
    return _status(
        threshold,
        orders=n,
        defects=bad,
        rate=rate,
        compliant=compliant,
        to_breach=breach,
        to_recover=recover,
    )


def _count(value: int, field: str) -> int:
    try:
        return non_negative_count(value)
    except XborderError as error:
        raise error.in_field(field) from None


def _to_breach(threshold: HealthThreshold, bad: int, orders: int) -> int | None:
    # Smallest k with not complies(bad + k, orders); complies falls as k rises.
    ceiling = threshold.defect_ceiling * orders
    if threshold.comparison.is_strict:
        first_bad = math.ceil(ceiling)  # defects >= ceiling breach
    else:
        first_bad = math.floor(ceiling) + 1  # defects > ceiling breach
    k = max(first_bad - bad, 1)
    return k if bad + k <= orders else None


def _to_recover(threshold: HealthThreshold, bad: int, orders: int) -> int | None:
    # Smallest m with complies(bad, orders + m): bad < c(n+m) or bad <= c(n+m).
    share = threshold.defect_ceiling
    if share == 0:
        return None  # no defect is ever allowed, so more orders cannot help
    needed = Fraction(bad) / share  # orders at which bad sits exactly on the line
    if threshold.comparison.is_strict:
        total = math.floor(needed) + 1
    else:
        total = math.ceil(needed)
    return max(total - orders, 1)


def _status(
    threshold: HealthThreshold,
    *,
    orders: int,
    defects: int,
    rate: Ratio,
    compliant: bool | Undefined,
    to_breach: int | None = None,
    to_recover: int | None = None,
) -> HealthStatus:
    return HealthStatus(
        threshold=threshold,
        orders=orders,
        defects=defects,
        rate=rate,
        compliant=compliant,
        defects_to_breach=to_breach,
        orders_to_recover=to_recover,
        explanation=_explain(
            threshold,
            rate=rate,
            compliant=compliant,
            to_breach=to_breach,
            to_recover=to_recover,
        ),
    )


def _explain(
    threshold: HealthThreshold,
    *,
    rate: Ratio,
    compliant: bool | Undefined,
    to_breach: int | None,
    to_recover: int | None,
) -> str:
    head = threshold.metric.value
    if compliant is UNDEFINED:
        return f"{head} undefined (no orders in the window)"
    shown = rate.format_percent(2, RoundingMode.HALF_UP)
    head = f"{head} {shown} ({rate.numerator:f} of {rate.denominator:f})"
    limit = f"{threshold.comparison.value} {percent_text(threshold.limit)}"
    if not compliant:
        if to_recover is None:
            return f"{head}: breaches {limit}; no number of orders restores it"
        plural = "s" if to_recover != 1 else ""
        return (
            f"{head}: breaches {limit}; {to_recover} more defect-free "
            f"order{plural} would restore it"
        )
    if to_breach is None:
        return f"{head}: within {limit}; no further defect can breach it"
    plural = "s" if to_breach != 1 else ""
    return f"{head}: within {limit}; {to_breach} more defect{plural} would breach"


def thresholds_in_force(
    thresholds: Iterable[HealthThreshold],
    *,
    as_of: dt.date,
    metric: HealthMetric | None = None,
) -> tuple[HealthThreshold, ...]:
    """The thresholds (of one metric, if given) in force on ``as_of``.

    A metric may have several windows (late shipments over 10 and 30 days);
    each version of one (metric, window) is chosen by date.

    Examples:
        >>> import datetime as dt
        >>> from xborder.kpi import AMAZON_US_ACCOUNT_HEALTH
        >>> late = thresholds_in_force(AMAZON_US_ACCOUNT_HEALTH,
        ...     as_of=dt.date(2026, 3, 1), metric=HealthMetric.LATE_SHIPMENT_RATE)
        >>> [t.window_days for t in late]
        [10, 30]
        >>> thresholds_in_force(AMAZON_US_ACCOUNT_HEALTH, as_of=dt.date(2015, 1, 1))
        ()
    """
    as_of = checked(date_value, as_of, "as_of")
    by_window: dict[tuple[HealthMetric, int, str], list[HealthThreshold]] = {}
    for index, item in enumerate(iterable(thresholds, "thresholds")):
        if not isinstance(item, HealthThreshold):
            raise InvalidTypeError(
                field=f"thresholds[{index}]", value=item, expected="a HealthThreshold"
            )
        if metric is None or item.metric is metric:
            key = (item.metric, item.window_days, item.marketplace)
            by_window.setdefault(key, []).append(item)
    return tuple(
        select_in_force(versions, as_of)
        for versions in by_window.values()
        if any(v.validity.covers(as_of) for v in versions)
    )
