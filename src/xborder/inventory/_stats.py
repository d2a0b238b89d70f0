"""The service a stock level gives, and the loss functions behind it."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    non_negative,
    to_decimal,
)
from xborder.errors import InvalidInputError
from xborder.inventory._args import optional_fraction
from xborder.inventory._fast import builder
from xborder.inventory._numeric import (
    as_float,
    from_float,
    loss,
    normal_cdf,
    ratio,
    second_loss,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "ServiceOutcome",
    "build_outcome",
    "normal_loss",
    "normal_second_loss",
    "service_outcome",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _of_z(function: Callable[[float], float], z: DecimalInput) -> Decimal:
    # The argument and the result are floats. Within xborder's range
    # (|z| < 1E+36) z² < 1e72 is finite and the tails underflow to exactly 0
    # or 1 (beyond |z| ≈ 38): L(z) is 0 or -z there, at any precision we
    # print. The check stays should the range ever widen past 1e154.
    number = to_decimal(z, field="z")
    result = function(as_float(number, "z"))
    if not math.isfinite(result):
        raise InvalidInputError(
            field="z", value=z, expected="|z| small enough that z² is a finite float"
        )
    return from_float(result)


def normal_loss(z: DecimalInput) -> Decimal:
    r"""The standard normal loss function $L(z) = \varphi(z) - z\,(1 - \Phi(z))$.

    $L(z) = E[(Z - z)^+]$ for a standard normal $Z$: the expected shortage,
    in standard deviations, of a stock $z$ standard deviations above the
    mean. Silver, Pyke & Thomas tabulate it as $G_u(k)$. 12 significant digits.

    Examples:
        >>> normal_loss(0)
        Decimal('0.398942280401')
        >>> normal_loss("1.28")
        Decimal('0.0474985433160')
    """
    return _of_z(loss, z)


def normal_second_loss(z: DecimalInput) -> Decimal:
    r"""The second-order loss $L^{(2)}(z) = \tfrac12[(z^2+1)(1-\Phi(z)) - z\varphi(z)]$.

    $L^{(2)}(z) = \tfrac12 E[((Z - z)^+)^2]$; the (r, Q) loss-function
    approximation uses it (Snyder & Shen, §5.2; Hadley & Whitin 1963).

    Examples:
        >>> normal_second_loss(0)
        Decimal('0.25')
    """
    return _of_z(second_loss, z)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ServiceOutcome:
    r"""What a stock level achieves over one replenishment cycle.

    Attributes:
        cycle_service_level: $\Phi(z)$, the probability of no stockout.
        expected_shortage: $\sigma L(z)$, expected units short per cycle
            (backordered or lost).
        fill_rate: $1 - \sigma L(z)/Q$, the share of demand served from
            stock (Chopra & Meindl's backorder formula), ``None`` without $Q$.

    Built by hand, the service level and the fill rate must be fractions
    from 0 to 1 and the shortage >= 0.

    Examples:
        >>> from xborder.inventory import Demand, LeadTime, evaluate_reorder_point
        >>> check = evaluate_reorder_point(Demand(mean=20, sd=6, period="1 day"),
        ...     LeadTime.single("30 days", "5 days"), reorder_point=800,
        ...     order_quantity=600)
        >>> outcome = check.outcome
        >>> outcome.expected_shortage, outcome.fill_rate
        (Decimal('1.16351230596'), Decimal('0.9980608128234'))
    """

    cycle_service_level: Decimal = attrs.field(converter=fraction)
    expected_shortage: Decimal = attrs.field(converter=non_negative)
    fill_rate: Decimal | None = attrs.field(converter=optional_fraction)


build_outcome = builder(ServiceOutcome)
"""``ServiceOutcome(level, shortage, fill rate)`` from computed values, unchecked."""


def service_outcome(
    sd: Decimal, safety: Decimal, z: Decimal | None, per_cycle: Decimal | None
) -> ServiceOutcome:
    """The outcome of holding ``safety`` units above mean demand with spread ``sd``."""
    if sd:
        score = float(z) if z is not None else float(ratio(safety, sd))
        level = from_float(normal_cdf(score))
        short = from_float(float(sd) * loss(score))
    else:
        # Deterministic demand: no shortage unless the level is below it.
        level = _ONE if safety >= 0 else _ZERO
        short = max(-safety, _ZERO)
    fill = None
    if per_cycle:
        # Backorders beyond a cycle's demand would make the formula negative.
        fill = max(EXACT.subtract(_ONE, ratio(short, per_cycle)), _ZERO)
    return build_outcome(level, short, fill)
