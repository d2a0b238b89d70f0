"""Demand over one selling season: normal, Poisson or empirical (for the newsvendor)."""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    items_of,
    named_errors,
    non_negative,
    non_negative_count,
    require,
    to_decimal,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.inventory._numeric import (
    STATISTICAL,
    as_float,
    from_float,
    loss,
    normal_cdf,
    ratio,
    z_for,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Distribution",
    "EmpiricalDemand",
    "NormalDemand",
    "PoissonDemand",
    "SeasonDemand",
    "in_stock_of",
    "poisson_optimum",
    "probability_args",
    "quantile_of",
    "shortfall_of",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_POISSON_LIMIT = Decimal(10) ** 7


def probability_args(probability: object, out_of: object) -> tuple[Decimal, Decimal]:
    """A target share ``probability / out_of`` in [0, 1], checked by name.

    ``out_of`` > 0 (a ratio of costs passes their sum), and ``probability``
    between 0 and ``out_of``: a share outside [0, 1] has no quantile.
    """
    share = to_decimal(probability, field="probability")
    total = to_decimal(out_of, field="out_of")
    require(total > 0, field="out_of", value=out_of, expected="a total > 0")
    require(
        0 <= share <= total,
        field="probability",
        value=probability,
        expected=f"a probability from 0 to {total}",
    )
    return share, total


class SeasonDemand(Protocol):
    """What the newsvendor needs from a distribution of one season's demand."""

    @property
    def mean(self) -> Decimal:
        """Expected demand over the season."""
        ...

    def quantile(
        self, probability: Decimal, out_of: Decimal = _ONE
    ) -> tuple[Decimal, Decimal | None]:
        """The least quantity in stock with ``probability / out_of``, and z (if normal).

        Passing a ratio as two numbers (``underage``, ``underage + overage``)
        lets an empirical distribution compare it exactly.
        """
        ...

    def in_stock_probability(self, quantity: Decimal) -> Decimal:
        """``P(D <= quantity)``."""
        ...

    def expected_shortfall(self, quantity: Decimal) -> Decimal:
        """``E[(D - quantity)⁺]``: expected demand left unmet by ``quantity``."""
        ...


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class NormalDemand:
    r"""Season demand approximately normal with ``mean`` and ``sd``.

    The usual model for a fast mover: its shortfall is $\sigma L(z)$ with
    $z = (Q - \mu)/\sigma$ and $L$ the standard normal loss function.

    Examples:
        >>> from decimal import Decimal
        >>> season = NormalDemand(mean=50, sd=8)
        >>> season.quantile(Decimal("0.8"))
        (Decimal('56.73296986858'), Decimal('0.841621233573'))
        >>> at = Decimal(60)
        >>> season.in_stock_probability(at), season.expected_shortfall(at)
        (Decimal('0.894350226333'), Decimal('0.404694946444'))
    """

    mean: Decimal = attrs.field(converter=non_negative)
    sd: Decimal = attrs.field(converter=non_negative)
    sd_float: float = attrs.field(init=False, eq=False, repr=False)
    """``sd`` as a float, for the loss function (derived)."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "sd_float", as_float(self.sd, "sd"))

    def quantile(
        self, probability: Decimal, out_of: Decimal = _ONE
    ) -> tuple[Decimal, Decimal | None]:
        """``max(0, μ + zσ)`` with ``Φ(z) = probability / out_of`` (μ if σ = 0)."""
        return self._checked_quantile(*probability_args(probability, out_of))

    def _checked_quantile(
        self, probability: Decimal, out_of: Decimal
    ) -> tuple[Decimal, Decimal | None]:
        """:meth:`quantile` of checked arguments (the newsvendor's)."""
        if not self.sd:
            return self.mean, None
        z = z_for(ratio(probability, out_of), "critical_ratio")
        return max(EXACT.add(self.mean, STATISTICAL.multiply(z, self.sd)), _ZERO), z

    def in_stock_probability(self, quantity: Decimal) -> Decimal:
        """``Φ((Q − μ)/σ)``."""
        return self._checked_in_stock(to_decimal(quantity, field="quantity"))

    def _checked_in_stock(self, quantity: Decimal) -> Decimal:
        """:meth:`in_stock_probability` of a checked quantity."""
        if not self.sd:
            return _ONE if quantity >= self.mean else _ZERO
        return from_float(normal_cdf(self._z(quantity)))

    def expected_shortfall(self, quantity: Decimal) -> Decimal:
        """``σ L((Q − μ)/σ)``."""
        return self._checked_shortfall(to_decimal(quantity, field="quantity"))

    def _checked_shortfall(self, quantity: Decimal) -> Decimal:
        """:meth:`expected_shortfall` of a checked quantity."""
        if not self.sd:
            return max(EXACT.subtract(self.mean, quantity), _ZERO)
        return from_float(self.sd_float * loss(self._z(quantity)))

    def _z(self, quantity: Decimal) -> float:
        # Both within range: |Q − μ|/σ < 1E+36 / 1E-100, a finite float.
        return as_float(ratio(EXACT.subtract(quantity, self.mean), self.sd), "quantity")


def _poisson_mean(value: DecimalInput) -> Decimal:
    mean = non_negative(value)
    require(
        mean <= _POISSON_LIMIT,
        field=None,
        value=value,
        expected="a mean <= 10**7 (above, NormalDemand(mean=m, sd=√m) is as good)",
    )
    return mean


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PoissonDemand:
    """Season demand Poisson with ``mean``: the model for slow movers.

    A Poisson variable's variance equals its mean; a normal model with a mean
    of 2 units puts probability on negative demand. The quantity returned is
    a whole number, the least whose cumulative probability reaches the
    target (never a rounded continuous answer). Probabilities are computed
    in float and carry 12 significant digits.

    Examples:
        >>> from decimal import Decimal
        >>> season = PoissonDemand(mean=6)
        >>> season.quantile(Decimal("0.8"))
        (Decimal('8'), None)
        >>> at = Decimal(8)
        >>> season.in_stock_probability(at), season.expected_shortfall(at)
        (Decimal('0.847237493985'), Decimal('0.314021389154'))
    """

    mean: Decimal = attrs.field(converter=_poisson_mean)

    def quantile(
        self, probability: Decimal, out_of: Decimal = _ONE
    ) -> tuple[Decimal, Decimal | None]:
        """The least ``k`` with ``P(D <= k) >= probability / out_of``."""
        return self._checked_quantile(*probability_args(probability, out_of))

    def _checked_quantile(
        self, probability: Decimal, out_of: Decimal
    ) -> tuple[Decimal, Decimal | None]:
        """:meth:`quantile` of checked arguments (the newsvendor's)."""
        probability = ratio(probability, out_of)
        self._below_one(probability)
        table = _poisson_table(float(self.mean))
        # The first cumulative probability >= the target: the table never
        # decreases (sums of terms >= 0), so a bisection finds what a scan
        # from the start would, in ~7 steps instead of ~μ (bench_inventory
        # "newsvendor (Poisson)").
        offset = bisect.bisect_left(table.cdf, float(probability))
        return Decimal(table.start + min(offset, len(table.cdf) - 1)), None

    def in_stock_probability(self, quantity: Decimal) -> Decimal:
        """``P(D <= Q)``."""
        return self._checked_in_stock(to_decimal(quantity, field="quantity"))

    def _checked_in_stock(self, quantity: Decimal) -> Decimal:
        """:meth:`in_stock_probability` of a checked quantity."""
        return from_float(_poisson_table(float(self.mean)).at(_floor(quantity)))

    def expected_shortfall(self, quantity: Decimal) -> Decimal:
        """``λ − Q + Q F(k) − λ F(k − 1)`` with ``k = ⌊Q⌋``."""
        return self._checked_shortfall(to_decimal(quantity, field="quantity"))

    def _checked_shortfall(self, quantity: Decimal) -> Decimal:
        """:meth:`expected_shortfall` of a checked quantity."""
        if quantity < 0:
            return EXACT.subtract(self.mean, quantity)
        table = _poisson_table(float(self.mean))
        amount = as_float(quantity, "quantity")
        return _poisson_shortfall(table, float(self.mean), _floor(quantity), amount)

    def _checked_optimum(
        self, probability: Decimal, out_of: Decimal
    ) -> tuple[Decimal, Decimal, Decimal]:
        """The quantile with its in-stock probability and expected shortfall.

        What :meth:`quantile`, :meth:`in_stock_probability` and
        :meth:`expected_shortfall` give at a whole ``k``, from one table
        look-up instead of three (bench_inventory "newsvendor (Poisson)").
        """
        probability = ratio(probability, out_of)
        self._below_one(probability)
        return _poisson_optimum(float(self.mean), float(probability))

    def _below_one(self, probability: Decimal) -> None:
        require(
            probability < 1 or not self.mean,
            field="critical_ratio",
            value=probability,
            expected="a ratio below 1 (Poisson demand is unbounded)",
        )


@functools.lru_cache(maxsize=1024)
def _poisson_optimum(lam: float, target: float) -> tuple[Decimal, Decimal, Decimal]:
    """The least ``k`` with ``F(k) >= target``, ``F(k)`` and the shortfall at ``k``.

    A function of two floats (each Decimal is built the same way every
    time), cached like the table it reads: the bisection and the three
    Decimals cost ~2 µs of a Poisson newsvendor (bench_inventory's stockpyl
    cases), and planners price many seasons with the same mean and costs.
    """
    table = _poisson_table(lam)
    # The first cumulative probability >= the target (see _checked_quantile).
    offset = bisect.bisect_left(table.cdf, target)
    whole = table.start + min(offset, len(table.cdf) - 1)
    in_stock = from_float(table.at(whole))
    return Decimal(whole), in_stock, _poisson_shortfall(table, lam, whole, float(whole))


def _poisson_shortfall(
    table: _PoissonTable, lam: float, whole: int, amount: float
) -> Decimal:
    """``λ − Q + Q F(k) − λ F(k − 1)`` for ``Q >= 0`` with ``k = ⌊Q⌋``."""
    value = lam - amount + amount * table.at(whole) - lam * table.at(whole - 1)
    return from_float(max(value, 0.0))


_FLOOR_RANGE = (Decimal(-1), Decimal(10**12))


def _floor(quantity: Decimal) -> int:
    # Clamped first: the Poisson mean is at most 1e7, so beyond 1e12 the CDF
    # is 1 (and below 0 it is 0), and int(Decimal("1E+999999")) would build a
    # million-digit integer.
    low, high = _FLOOR_RANGE
    bounded = min(max(quantity, low), high)
    # Decimal.__floor__ is exact, as ROUND_FLOOR is, at a third of the cost
    # of to_integral_value() and int() (see ceil_units).
    return math.floor(bounded)


@attrs.frozen
class _PoissonTable:
    start: int
    cdf: tuple[float, ...]

    def at(self, k: int) -> float:
        if k < self.start:
            return 0.0
        if k - self.start >= len(self.cdf):
            return 1.0
        return self.cdf[k - self.start]


@functools.lru_cache(maxsize=256)
def _poisson_table(mean: float) -> _PoissonTable:
    # The pmf from start to end by the recurrence p(k+1) = p(k)·λ/(k+1),
    # starting from log p(start); outside [λ ± 12√λ + 20] the mass is < 1e-30.
    if mean == 0:
        return _PoissonTable(0, (1.0,))
    spread = 12 * math.sqrt(mean) + 20
    start = max(0, math.floor(mean - spread))
    end = math.ceil(mean + spread)
    pmf = math.exp(start * math.log(mean) - mean - math.lgamma(start + 1))
    cumulative, values = 0.0, []
    for k in range(start, end + 1):
        cumulative += pmf
        values.append(min(cumulative, 1.0))
        pmf *= mean / (k + 1)
    return _PoissonTable(start, tuple(values))


def _outcomes(values: object) -> list[tuple[Any, Any]]:
    # A mapping as given, or the tuple of pairs the model stores: attrs.evolve
    # and xborder.serialize pass stored values back through the converter.
    expected = "a mapping of units to weights"
    if isinstance(values, Mapping):
        return list(values.items())
    pairs: list[Any] = list(items_of(values, field=None, expected=expected))  # type: ignore[arg-type]
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):  # noqa: PLR2004 - pairs
            raise InvalidTypeError(field=None, value=values, expected=expected)
    return pairs


def _key(outcome: object) -> str | None:
    # A wrong key names its field ("[-1]", "[1.5]") when its repr is short
    # and safe: repr(10**5000) raises, and an arbitrary object's may be huge.
    if isinstance(outcome, float) or (
        isinstance(outcome, int) and -_KEY_LIMIT < outcome < _KEY_LIMIT
    ):
        return f"[{outcome!r}]"
    return None


_KEY_LIMIT = 10**36


def _weights(values: Mapping[int, DecimalInput]) -> tuple[tuple[int, Decimal], ...]:
    weights: dict[int, Decimal] = {}
    for outcome, weight in _outcomes(values):
        try:
            units = non_negative_count(outcome)
        except XborderError as error:
            key = _key(outcome)
            raise (error if key is None else error.in_field(key)) from None
        if units in weights:
            raise InvalidInputError(
                field=f"[{units}]", value=outcome, expected="each outcome once"
            )
        try:
            weights[units] = non_negative(weight)
        except XborderError as error:
            raise error.in_field(f"[{units}]") from None
    items = tuple(sorted(weights.items()))
    require(
        any(weight for _, weight in items),
        field=None,
        value=values,
        expected="at least one outcome with a weight > 0",
    )
    return items


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class EmpiricalDemand:
    """Season demand as observed: whole units and their weights.

    Weights are probabilities (summing to 1) or counts of past seasons; they
    are normalised by their total, and every comparison is exact Decimal
    arithmetic: the newsvendor quantity is the least outcome whose
    cumulative weight reaches the critical ratio of the total.

    Args:
        weights: ``{units: weight}``, e.g. ``{1: "0.25", 2: "0.05", ...}``.

    Examples:
        >>> history = EmpiricalDemand.from_sample([380, 420, 410, 520, 450])
        >>> history.mean
        Decimal('436')
        >>> from decimal import Decimal
        >>> history.quantile(Decimal("0.7"))
        (Decimal('450'), None)
        >>> at = Decimal(450)
        >>> history.in_stock_probability(at), history.expected_shortfall(at)
        (Decimal('0.8'), Decimal('14'))
    """

    weights: tuple[tuple[int, Decimal], ...] = attrs.field(converter=_weights)
    _total: Decimal = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        total = _ZERO
        for _, weight in self.weights:
            total = EXACT.add(total, weight)
        object.__setattr__(self, "_total", total)

    @classmethod
    def from_sample(cls, observations: Iterable[int]) -> EmpiricalDemand:
        """Each observed season's demand counts once."""
        counts: dict[int, int] = {}
        for index, observed in enumerate(items_of(observations, field="observations")):
            if type(observed) is not int:  # True would count as a season of 1
                raise InvalidTypeError(
                    field=f"observations[{index}]",
                    value=observed,
                    expected="units as an int >= 0",
                )
            counts[observed] = counts.get(observed, 0) + 1
        try:
            return cls(weights=counts)
        except XborderError as error:
            raise error.in_field("observations") from None

    @property
    def mean(self) -> Decimal:
        """The weighted mean outcome."""
        weighted = _ZERO
        for outcome, weight in self.weights:
            weighted = EXACT.add(weighted, EXACT.multiply(outcome, weight))
        return ratio(weighted, self._total)

    def quantile(
        self, probability: Decimal, out_of: Decimal = _ONE
    ) -> tuple[Decimal, Decimal | None]:
        """The least outcome whose cumulative share reaches ``probability / out_of``.

        Exact: ``cumulative weight × out_of >= probability × total weight``.
        """
        return self._checked_quantile(*probability_args(probability, out_of))

    def _checked_quantile(
        self, probability: Decimal, out_of: Decimal
    ) -> tuple[Decimal, Decimal | None]:
        """:meth:`quantile` of checked arguments (the newsvendor's)."""
        needed = EXACT.multiply(probability, self._total)
        cumulative = _ZERO
        for outcome, weight in self.weights:
            cumulative = EXACT.add(cumulative, weight)
            if weight and EXACT.multiply(cumulative, out_of) >= needed:
                return Decimal(outcome), None
        return Decimal(self.weights[-1][0]), None

    def in_stock_probability(self, quantity: Decimal) -> Decimal:
        """The weight of outcomes ``<= quantity`` over the total."""
        return self._checked_in_stock(to_decimal(quantity, field="quantity"))

    def _checked_in_stock(self, quantity: Decimal) -> Decimal:
        """:meth:`in_stock_probability` of a checked quantity."""
        cumulative = _ZERO
        for outcome, weight in self.weights:
            if outcome > quantity:
                break
            cumulative = EXACT.add(cumulative, weight)
        return ratio(cumulative, self._total)

    def expected_shortfall(self, quantity: Decimal) -> Decimal:
        """``Σ w·(d − Q)⁺ / Σ w``, exact up to the final division."""
        return self._checked_shortfall(to_decimal(quantity, field="quantity"))

    def _checked_shortfall(self, quantity: Decimal) -> Decimal:
        """:meth:`expected_shortfall` of a checked quantity."""
        short = _ZERO
        for outcome, weight in self.weights:
            if outcome > quantity:
                gap = EXACT.subtract(outcome, quantity)
                short = EXACT.add(short, EXACT.multiply(gap, weight))
        return ratio(short, self._total)


# -- the newsvendor's entry points: arguments it has checked or computed ------


class Distribution(Protocol):
    """A season distribution with the newsvendor's checked entry points."""

    @property
    def mean(self) -> Decimal:
        """Expected demand."""
        ...

    def _checked_quantile(
        self, probability: Decimal, out_of: Decimal
    ) -> tuple[Decimal, Decimal | None]: ...

    def _checked_in_stock(self, quantity: Decimal) -> Decimal: ...

    def _checked_shortfall(self, quantity: Decimal) -> Decimal: ...


def quantile_of(
    demand: Distribution, probability: Decimal, out_of: Decimal
) -> tuple[Decimal, Decimal | None]:
    """``demand.quantile`` for ``0 <= probability <= out_of``, ``out_of > 0``."""
    return demand._checked_quantile(probability, out_of)  # noqa: SLF001 - this module


def poisson_optimum(
    demand: PoissonDemand, probability: Decimal, out_of: Decimal
) -> tuple[Decimal, Decimal, Decimal]:
    """The quantile, in-stock probability and shortfall (see ``_checked_optimum``)."""
    return demand._checked_optimum(probability, out_of)  # noqa: SLF001 - this module


def in_stock_of(demand: Distribution, quantity: Decimal) -> Decimal:
    """``demand.in_stock_probability`` of a quantity within range."""
    return demand._checked_in_stock(quantity)  # noqa: SLF001 - this module


def shortfall_of(demand: Distribution, quantity: Decimal) -> Decimal:
    """``demand.expected_shortfall`` of a quantity within range."""
    return demand._checked_shortfall(quantity)  # noqa: SLF001 - this module
