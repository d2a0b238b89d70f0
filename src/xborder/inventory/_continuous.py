r"""Season demand beyond the normal: lognormal, gamma and uniform (for the newsvendor).

Each distribution gives the newsvendor what it needs: its mean, its
quantile (the critical-ratio stock), its CDF (the in-stock probability) and
its loss function $n(Q) = E[(D - Q)^+]$ (the expected lost sales), in
closed form (Snyder & Shen, *Fundamentals of Supply Chain Theory*, 2nd ed.,
§C.3 and the loss-function tables of appendix C; Porteus 2002, ch. 1):

- lognormal: $n(Q) = e^{\mu + \sigma^2/2}\,\bar\Phi(z - \sigma) - Q\,\bar\Phi(z)$,
  $z = (\ln Q - \mu)/\sigma$;
- gamma: $n(Q) = k\theta\,Q(k + 1, Q/\theta) - Q\,Q(k, Q/\theta)$ with $Q(\cdot,
  \cdot)$ the regularized upper incomplete gamma function;
- uniform on $[a, b]$: $n(Q) = (b - Q)^2 / (2(b - a))$, exact.

Values that go through logarithms, the normal distribution or the gamma
function carry 12 significant digits; uniform results are exact up to one
34-digit division.
"""

from __future__ import annotations

import math
from decimal import Decimal

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    named_errors,
    non_negative,
    positive,
    require,
    to_decimal,
)
from xborder.errors import InvalidInputError, XborderError
from xborder.inventory._distributions import probability_args
from xborder.inventory._numeric import (
    STATISTICAL,
    as_float,
    from_float,
    normal_cdf,
    normal_quantile,
    ratio,
    upper_tail,
)
from xborder.inventory._special import gamma_p, gamma_q_pair, gamma_quantile

__all__ = ["GammaDemand", "LognormalDemand", "UniformDemand"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_TWO = Decimal(2)


_LOWEST_LOG_MEAN = Decimal(-230)
_HIGHEST_LOG_MEAN = Decimal(80)


def _log_mean(value: DecimalInput) -> Decimal:
    number = to_decimal(value)
    require(
        _LOWEST_LOG_MEAN <= number <= _HIGHEST_LOG_MEAN,
        field=None,
        value=value,
        expected="a log-scale mean from -230 to 80 (a median from 1E-100 to 5E+34)",
    )
    return number


def _log_sd(value: DecimalInput) -> Decimal:
    number = positive(value)
    require(
        number <= 10,  # noqa: PLR2004
        field=None,
        value=value,
        expected="a log-scale standard deviation > 0 and at most 10",
    )
    return number


def _probability(probability: Decimal, out_of: Decimal) -> tuple[float, float]:
    """The target share and its complement as floats (the complement exactly first)."""
    share = ratio(probability, out_of)
    return float(share), float(EXACT.subtract(_ONE, share))


def _open_share(probability: Decimal, out_of: Decimal) -> tuple[float, float]:
    lower, upper = _probability(probability, out_of)
    if not (lower > 0 and upper > 0):
        raise InvalidInputError(
            "the quantile of an unbounded distribution is infinite at 0 or 1",
            field="critical_ratio",
            value=ratio(probability, out_of),
            expected="a ratio strictly between 0 and 1",
        )
    return lower, upper


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LognormalDemand:
    r"""Season demand lognormal: $\ln D$ is normal with mean ``mu`` and sd ``sigma``.

    Right-skewed and never negative: the usual model for a new product's
    launch or a peak whose upside is long (Snyder & Shen, §C.3.4). Build it
    from the demand's own mean and standard deviation with
    :meth:`from_moments`:
    $\sigma^2 = \ln(1 + s^2/m^2)$, $\mu = \ln m - \sigma^2/2$.

    Args:
        mu: The mean of $\ln D$ (from -230 to 80).
        sigma: The standard deviation of $\ln D$ (> 0, at most 10).

    Examples:
        >>> from decimal import Decimal
        >>> season = LognormalDemand.from_moments(mean=500, sd=150)
        >>> season.mu, season.sigma, season.mean
        (Decimal('6.17151925030'), Decimal('0.293560379209'), Decimal('499.999999999'))
        >>> season.quantile(Decimal("0.8"))
        (Decimal('613.135465188'), None)
        >>> season.in_stock_probability(Decimal(600))
        Decimal('0.778711915850')
        >>> season.expected_shortfall(Decimal(600))
        Decimal('26.0504563616')
    """

    mu: Decimal = attrs.field(converter=_log_mean)
    sigma: Decimal = attrs.field(converter=_log_sd)

    def __attrs_post_init__(self) -> None:
        half_variance = ratio(EXACT.multiply(self.sigma, self.sigma), _TWO)
        if EXACT.add(self.mu, half_variance) > 80:  # noqa: PLR2004
            raise InvalidInputError(
                field="sigma",
                value=self.sigma,
                expected="mu + sigma²/2 <= 80 (a mean below 5E+34)",
            )

    @classmethod
    def from_moments(cls, *, mean: DecimalInput, sd: DecimalInput) -> LognormalDemand:
        """The lognormal with this mean (> 0) and standard deviation (> 0)."""
        m = _moment(mean, "mean")
        s = _moment(sd, "sd")
        spread = STATISTICAL.ln(
            EXACT.add(_ONE, ratio(EXACT.multiply(s, s), EXACT.multiply(m, m)))
        )
        sigma = STATISTICAL.sqrt(spread)
        mu = STATISTICAL.subtract(STATISTICAL.ln(m), STATISTICAL.divide(spread, _TWO))
        try:
            return cls(mu=mu, sigma=sigma)
        except XborderError as error:
            raise error.in_field("sd") from None

    @property
    def mean(self) -> Decimal:
        r"""$e^{\mu + \sigma^2/2}$."""
        return from_float(math.exp(float(self.mu) + float(self.sigma) ** 2 / 2))

    def quantile(
        self, probability: Decimal, out_of: Decimal = _ONE
    ) -> tuple[Decimal, Decimal | None]:
        r"""$e^{\mu + \sigma z}$ with $\Phi(z)$ = ``probability / out_of``."""
        return self._checked_quantile(*probability_args(probability, out_of))

    def _checked_quantile(
        self, probability: Decimal, out_of: Decimal
    ) -> tuple[Decimal, Decimal | None]:
        lower, _ = _open_share(probability, out_of)
        z = normal_quantile(lower)
        return from_float(math.exp(float(self.mu) + float(self.sigma) * z)), None

    def in_stock_probability(self, quantity: Decimal) -> Decimal:
        r"""$\Phi((\ln Q - \mu)/\sigma)$."""
        return self._checked_in_stock(to_decimal(quantity, field="quantity"))

    def _checked_in_stock(self, quantity: Decimal) -> Decimal:
        if quantity <= 0:
            return _ZERO
        return from_float(normal_cdf(self._z(quantity)))

    def expected_shortfall(self, quantity: Decimal) -> Decimal:
        r"""$e^{\mu+\sigma^2/2}\bar\Phi(z - \sigma) - Q\bar\Phi(z)$."""
        return self._checked_shortfall(to_decimal(quantity, field="quantity"))

    def _checked_shortfall(self, quantity: Decimal) -> Decimal:
        if quantity <= 0:
            return EXACT.subtract(self.mean, quantity)
        amount, mu, sigma = (
            as_float(quantity, "quantity"),
            float(self.mu),
            float(self.sigma),
        )
        z = (math.log(amount) - mu) / sigma  # _z, with each float read once
        mean = math.exp(mu + sigma * sigma / 2)
        value = mean * upper_tail(z - sigma) - amount * upper_tail(z)
        return from_float(max(value, 0.0))

    def _z(self, quantity: Decimal) -> float:
        return (math.log(as_float(quantity, "quantity")) - float(self.mu)) / float(
            self.sigma
        )


def _moment(value: object, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    require(number > 0, field=field, value=value, expected="a number > 0")
    return number


def _shape(value: DecimalInput) -> Decimal:
    number = positive(value)
    require(
        Decimal("1E-6") <= number <= Decimal("1E+6"),
        field=None,
        value=value,
        expected="a shape from 1E-6 to 1E+6",
    )
    return number


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class GammaDemand:
    r"""Season demand gamma with ``shape`` $k$ and ``scale`` $\theta$: mean $k\theta$.

    Skewed, never negative, and exact to fit: :meth:`from_moments` sets
    $k = m^2/s^2$ and $\theta = s^2/m$ exactly. A common model for
    lead-time demand of slow and intermittent sellers (Silver, Pyke &
    Thomas, §6.10; Snyder & Shen, §C.3.3).

    Args:
        shape: $k$, from 1E-6 to 1E+6.
        scale: $\theta$ > 0.

    Examples:
        >>> from decimal import Decimal
        >>> season = GammaDemand.from_moments(mean=48, sd=24)
        >>> season.shape, season.scale, season.mean
        (Decimal('4'), Decimal('12'), Decimal('48'))
        >>> season.expected_shortfall(Decimal(60))
        Decimal('5.24212276529')
        >>> season.in_stock_probability(Decimal(60))
        Decimal('0.734974084703')
        >>> season.quantile(Decimal("0.9"))
        (Decimal('80.1693968191'), None)
    """

    shape: Decimal = attrs.field(converter=_shape)
    scale: Decimal = attrs.field(converter=positive)

    @classmethod
    def from_moments(cls, *, mean: DecimalInput, sd: DecimalInput) -> GammaDemand:
        """The gamma with this mean (> 0) and standard deviation (> 0)."""
        m = _moment(mean, "mean")
        s = _moment(sd, "sd")
        variance = EXACT.multiply(s, s)
        try:
            return cls(
                shape=ratio(EXACT.multiply(m, m), variance), scale=ratio(variance, m)
            )
        except XborderError as error:
            raise error.in_field("sd") from None

    @property
    def mean(self) -> Decimal:
        r"""$k\theta$, exact."""
        return EXACT.multiply(self.shape, self.scale)

    def quantile(
        self, probability: Decimal, out_of: Decimal = _ONE
    ) -> tuple[Decimal, Decimal | None]:
        """The $x$ with $P(k, x/θ)$ = ``probability / out_of``."""
        return self._checked_quantile(*probability_args(probability, out_of))

    def _checked_quantile(
        self, probability: Decimal, out_of: Decimal
    ) -> tuple[Decimal, Decimal | None]:
        lower, upper = _probability(probability, out_of)
        if not upper > 0:
            _open_share(probability, out_of)
        x = gamma_quantile(float(self.shape), lower, upper)
        return from_float(x * float(self.scale)), None

    def in_stock_probability(self, quantity: Decimal) -> Decimal:
        r"""$P(k, Q/\theta)$."""
        return self._checked_in_stock(to_decimal(quantity, field="quantity"))

    def _checked_in_stock(self, quantity: Decimal) -> Decimal:
        if quantity <= 0:
            return _ZERO
        return from_float(gamma_p(float(self.shape), self._x(quantity)))

    def expected_shortfall(self, quantity: Decimal) -> Decimal:
        r"""$k\theta\,Q(k+1, Q/\theta) - Q\,Q(k, Q/\theta)$."""
        return self._checked_shortfall(to_decimal(quantity, field="quantity"))

    def _checked_shortfall(self, quantity: Decimal) -> Decimal:
        if quantity <= 0:
            return EXACT.subtract(self.mean, quantity)
        k, x = float(self.shape), self._x(quantity)
        upper, next_upper = gamma_q_pair(k, x)
        value = float(self.mean) * next_upper - float(quantity) * upper
        return from_float(max(value, 0.0))

    def _x(self, quantity: Decimal) -> float:
        return as_float(ratio(quantity, self.scale), "quantity")


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class UniformDemand:
    r"""Season demand uniform between ``low`` and ``high``: every level equally likely.

    The textbook's first example and a fair model when all a planner knows
    is a range. Exact: $F(Q) = (Q - a)/(b - a)$, $n(Q) = (b - Q)^2/(2(b -
    a))$ on $[a, b]$, quantile $a + p(b - a)$ (Snyder & Shen, §C.3.2).

    Args:
        low: $a$ >= 0.
        high: $b$ > $a$.

    Examples:
        >>> from decimal import Decimal
        >>> season = UniformDemand(low=200, high=600)
        >>> season.quantile(Decimal("0.75")), season.expected_shortfall(Decimal(500))
        ((Decimal('500.00'), None), Decimal('12.5'))
        >>> season.in_stock_probability(Decimal(500))
        Decimal('0.75')
    """

    low: Decimal = attrs.field(converter=non_negative)
    high: Decimal = attrs.field(converter=non_negative)

    def __attrs_post_init__(self) -> None:
        require(
            self.high > self.low,
            field="high",
            value=self.high,
            expected=f"a bound above low ({self.low})",
        )

    @property
    def width(self) -> Decimal:
        """$b - a$."""
        return EXACT.subtract(self.high, self.low)

    @property
    def mean(self) -> Decimal:
        """$(a + b)/2$, exact."""
        return ratio(EXACT.add(self.low, self.high), _TWO)

    def quantile(
        self, probability: Decimal, out_of: Decimal = _ONE
    ) -> tuple[Decimal, Decimal | None]:
        """$a + p(b - a)$ with $p$ = ``probability / out_of``."""
        return self._checked_quantile(*probability_args(probability, out_of))

    def _checked_quantile(
        self, probability: Decimal, out_of: Decimal
    ) -> tuple[Decimal, Decimal | None]:
        offset = ratio(EXACT.multiply(probability, self.width), out_of)
        return EXACT.add(self.low, offset), None

    def in_stock_probability(self, quantity: Decimal) -> Decimal:
        """$(Q - a)/(b - a)$, clipped to [0, 1]."""
        return self._checked_in_stock(to_decimal(quantity, field="quantity"))

    def _checked_in_stock(self, quantity: Decimal) -> Decimal:
        if quantity <= self.low:
            return _ZERO
        if quantity >= self.high:
            return _ONE
        return ratio(EXACT.subtract(quantity, self.low), self.width)

    def expected_shortfall(self, quantity: Decimal) -> Decimal:
        r"""$(b - Q)^2/(2(b - a))$ on $[a, b]$; $\\mu - Q$ below, 0 above."""
        return self._checked_shortfall(to_decimal(quantity, field="quantity"))

    def _checked_shortfall(self, quantity: Decimal) -> Decimal:
        if quantity <= self.low:
            return EXACT.subtract(self.mean, quantity)
        if quantity >= self.high:
            return _ZERO
        gap = EXACT.subtract(self.high, quantity)
        return ratio(EXACT.multiply(gap, gap), EXACT.multiply(_TWO, self.width))
