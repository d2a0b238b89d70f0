"""Service targets: cycle service level (type 1) or fill rate (type 2)."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from xborder._validate import DecimalInput, named_errors, require, to_decimal
from xborder.errors import InvalidInputError
from xborder.inventory._args import member, optional_number
from xborder.inventory._numeric import from_float, normal_cdf, z_for

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

    A planner who thinks in safety factors gives $z$ itself with
    :meth:`safety_factor` (``ServiceTarget.safety_factor("1.65")``): the
    target is then the cycle service level $\Phi(z)$ (12 digits) and
    every calculator uses exactly the $z$ given, not one recomputed from
    the rounded level.

    Args:
        measure: :class:`ServiceMeasure`, or its value as text.
        level: The target, as a fraction (``"0.95"``).
        given_z: A safety factor given directly (cycle service level only;
            ``level`` must then be $\Phi$ of it, as :meth:`safety_factor`
            sets it).

    Examples:
        >>> ServiceTarget.cycle("0.95").z
        Decimal('1.64485362695')
        >>> ServiceTarget.fill_rate("0.98").z is None
        True
    """

    measure: ServiceMeasure = attrs.field(converter=_measure)
    level: Decimal = attrs.field(converter=_open_fraction)
    given_z: Decimal | None = attrs.field(
        default=None, converter=optional_number, repr=False
    )
    z: Decimal | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        # z is fixed by a cycle service level; computing it once here is what
        # makes a target shared by 100,000 SKUs cheap.
        z = None
        if self.given_z is not None:
            z = self.given_z
            require(
                self.measure is ServiceMeasure.CYCLE_SERVICE_LEVEL,
                field="given_z",
                value=z,
                expected="no z for a fill rate (its z depends on the order size)",
            )
            level = _level_of(z)
            require(
                self.level == level,
                field="level",
                value=self.level,
                expected=f"Φ(given_z) = {level}",
            )
        elif self.measure is ServiceMeasure.CYCLE_SERVICE_LEVEL:
            z = z_for(self.level, "level")
        elif not 0 < float(self.level) < 1:
            z_for(self.level, "level")  # the same clear error for a fill rate
        object.__setattr__(self, "z", z)

    @classmethod
    def cycle(cls, level: DecimalInput) -> ServiceTarget:
        """A cycle service level (type 1): the chance a cycle has no stockout."""
        return cls(measure=ServiceMeasure.CYCLE_SERVICE_LEVEL, level=level)

    @classmethod
    def safety_factor(cls, z: DecimalInput) -> ServiceTarget:
        r"""A cycle service level given by its safety factor $z$: $\alpha = \Phi(z)$.

        Examples:
            >>> target = ServiceTarget.safety_factor("1.65")
            >>> target.z, target.level
            (Decimal('1.65'), Decimal('0.950528531966'))
        """
        number = to_decimal(z, field="z")
        return cls(
            measure=ServiceMeasure.CYCLE_SERVICE_LEVEL,
            level=_level_of(number),
            given_z=number,
        )

    @classmethod
    def fill_rate(cls, level: DecimalInput) -> ServiceTarget:
        """A fill rate (type 2): the share of demand served from stock."""
        return cls(measure=ServiceMeasure.FILL_RATE, level=level)

    @property
    def is_fill_rate(self) -> bool:
        """Whether the target is a fill rate."""
        return self.measure is ServiceMeasure.FILL_RATE

    def __str__(self) -> str:
        if self.given_z is not None:
            return f"z = {self.given_z:f} ({self.level:f} {self.measure.value})"
        return f"{self.level:f} {self.measure.value}"


_Z_RANGE = Decimal(7)


def _level_of(z: Decimal) -> Decimal:
    """``Φ(z)`` to 12 digits, for a z whose level stays strictly inside (0, 1)."""
    if not -_Z_RANGE <= z <= _Z_RANGE:
        raise InvalidInputError(
            "beyond ±7 the cycle service level rounds to 0 or 1 at 12 digits",
            field="z",
            value=z,
            expected="a safety factor from -7 to 7",
        )
    return from_float(normal_cdf(float(z)))
