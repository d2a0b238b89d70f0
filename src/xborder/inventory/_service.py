"""Service targets: cycle service level (type 1) or fill rate (type 2)."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from xborder._validate import DecimalInput, named_errors, require, to_decimal
from xborder.inventory._args import member
from xborder.inventory._numeric import z_for

__all__ = ["ServiceMeasure", "ServiceTarget"]


class ServiceMeasure(enum.StrEnum):
    """Which service a target promises. Sellers say "95 % in stock" for either."""

    CYCLE_SERVICE_LEVEL = "cycle service level"
    """Type 1 (α): the probability that a replenishment cycle has no stockout."""
    FILL_RATE = "fill rate"
    """Type 2 (β): the fraction of demand served from stock."""


def _measure(value: ServiceMeasure | str) -> ServiceMeasure:
    return member(ServiceMeasure, value)


def _open_fraction(value: DecimalInput) -> Decimal:
    number = to_decimal(value)
    require(
        0 < number < 1,
        field=None,
        value=value,
        expected=(
            "a level strictly between 0 and 1 ('0.95' for 95%): at 1 a normal "
            "model needs infinite stock, at 0 it needs none"
        ),
    )
    return number


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ServiceTarget:
    r"""The service a stocking policy must give, by its meaning.

    A **cycle service level** $\alpha$ is the probability of not running out
    in a replenishment cycle; it sets $z = \Phi^{-1}(\alpha)$ directly. A
    **fill rate** $\beta$ is the share of demand served from the shelf; the
    safety factor then depends on how much is ordered per cycle, through the
    standard normal loss function. The two differ a lot: a policy with a
    68 % cycle service level can fill 96 % of demand (Chopra & Meindl,
    exercise 11-4). Levels are strictly between 0 and 1.

    Args:
        measure: :class:`ServiceMeasure`, or its value as text.
        level: The target, as a fraction (``"0.95"``).

    Examples:
        >>> ServiceTarget.cycle("0.95").z
        Decimal('1.64485362695')
        >>> ServiceTarget.fill_rate("0.98").z is None
        True
    """

    measure: ServiceMeasure = attrs.field(converter=_measure)
    level: Decimal = attrs.field(converter=_open_fraction)
    z: Decimal | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        # z is fixed by a cycle service level; computing it once here is what
        # makes a target shared by 100,000 SKUs cheap.
        z = None
        if self.measure is ServiceMeasure.CYCLE_SERVICE_LEVEL:
            z = z_for(self.level, "level")
        elif not 0 < float(self.level) < 1:
            z_for(self.level, "level")  # the same clear error for a fill rate
        object.__setattr__(self, "z", z)

    @classmethod
    def cycle(cls, level: DecimalInput) -> ServiceTarget:
        """A cycle service level (type 1): the chance a cycle has no stockout."""
        return cls(measure=ServiceMeasure.CYCLE_SERVICE_LEVEL, level=level)

    @classmethod
    def fill_rate(cls, level: DecimalInput) -> ServiceTarget:
        """A fill rate (type 2): the share of demand served from stock."""
        return cls(measure=ServiceMeasure.FILL_RATE, level=level)

    @property
    def is_fill_rate(self) -> bool:
        """Whether the target is a fill rate."""
        return self.measure is ServiceMeasure.FILL_RATE

    def __str__(self) -> str:
        return f"{self.level:f} {self.measure.value}"
