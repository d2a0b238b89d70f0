r"""The newsvendor for demand given by its CDF and quantile; complementary losses.

A caller's distribution (fitted to its own history, or from a statistics
library) comes in as two functions: ``cdf(q)``, $P(D \le q)$, and
``quantile(u)``, the least $q$ with $F(q) \ge u$. The loss function then
follows from the quantile alone (Snyder & Shen, §C.2):

$$n(Q) = E[(D - Q)^+] = \int_{F(Q)}^{1} (F^{-1}(u) - Q)\,du, \qquad
\mu = \int_0^1 F^{-1}(u)\,du$$

computed by tanh-sinh quadrature (Takahasi & Mori 1974), which keeps its
accuracy when $F^{-1}$ grows without bound as $u \to 1$.

**The functions run in xborder's own decimal context.** They receive a
:class:`~decimal.Decimal` and must return a Decimal, an int or a numeric
str (a float is refused, as everywhere in xborder: return
``Decimal(repr(x))`` to pass a float on knowingly). They are called inside
xborder's fixed context, so their Decimal arithmetic is the same whatever
context the caller set, and they cannot change it: assigning
``getcontext().prec`` raises there, and a function that swaps the context
(``setcontext``) is caught and refused. Anything they raise is reported as
an :class:`~xborder.errors.InvalidInputError` naming ``cdf`` or
``quantile``. Each call evaluates them a bounded number of times (about 250).
"""

from __future__ import annotations

from decimal import Decimal, getcontext, setcontext
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder._validate import DecimalInput, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.inventory._args import non_negative_arg
from xborder.inventory._continuous import GammaDemand, LognormalDemand, UniformDemand
from xborder.inventory._costs import NewsvendorCosts
from xborder.inventory._distributions import (
    EmpiricalDemand,
    NormalDemand,
    PoissonDemand,
    shortfall_of,
)
from xborder.inventory._newsvendor import (
    Newsvendor,
    NewsvendorOutcome,
    _make_result,
    _outcome,
)
from xborder.inventory._numeric import (
    STATISTICAL,
    ceil_units,
    fit,
    from_float,
    normal_pdf,
    ratio,
    upper_tail,
)
from xborder.inventory._special import tanh_sinh
from xborder.inventory._stats import _of_z

if TYPE_CHECKING:
    from collections.abc import Callable

    CdfFunction = Callable[[Decimal], DecimalInput]

__all__ = [
    "complementary_loss",
    "newsvendor_from_cdf",
    "newsvendor_outcome_from_cdf",
    "normal_complementary_loss",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _function(value: object, field: str) -> Callable[[Decimal], object]:
    if not callable(value) or isinstance(value, type):
        raise InvalidTypeError(
            field=field, value=value, expected="a function of one Decimal"
        )
    return value


def _call(
    function: Callable[[Decimal], object], argument: Decimal, field: str
) -> Decimal:
    context = getcontext()
    try:
        value = function(argument)
    except XborderError as error:
        raise error.in_field(field) from None
    except Exception as error:
        raise InvalidInputError(
            f"{field}({argument}) raised {type(error).__name__}",
            field=field,
            value=argument,
            expected="a function that returns a number for every argument",
        ) from error
    finally:
        changed = getcontext() is not context
        if changed:
            setcontext(context)
    if changed:
        raise InvalidInputError(
            f"{field} changed the decimal context",
            field=field,
            value=argument,
            expected="a function that leaves the decimal context alone",
        )
    return to_decimal(value, field=field)


class _Callables:
    """Demand given by a caller's ``cdf`` and ``quantile`` functions."""

    def __init__(self, cdf: object, quantile: object) -> None:
        self.cdf = _function(cdf, "cdf")
        self.inverse = _function(quantile, "quantile")
        self._mean: Decimal | None = None

    def at(self, share: Decimal) -> Decimal:
        """The quantile at ``share``, demand below 0 counting as 0."""
        return max(_call(self.inverse, share, "quantile"), _ZERO)

    def _excess(self, start: Decimal, level: float) -> Callable[[float, float], float]:
        def excess(below: float, above: float) -> float:
            # The node as a Decimal, from the end it is nearer to.
            if below < above:
                share = EXACT.add(start, STATISTICAL.create_decimal_from_float(below))
            else:
                share = EXACT.subtract(
                    _ONE, STATISTICAL.create_decimal_from_float(above)
                )
            return max(float(self.at(share)) - level, 0.0)

        return excess

    @property
    def mean(self) -> Decimal:
        if self._mean is None:
            self._mean = from_float(tanh_sinh(self._excess(_ZERO, 0.0), 0.0))
        return self._mean

    def _checked_quantile(
        self, probability: Decimal, out_of: Decimal
    ) -> tuple[Decimal, Decimal | None]:
        return self.at(ratio(probability, out_of)), None

    def _checked_in_stock(self, quantity: Decimal) -> Decimal:
        share = _call(self.cdf, quantity, "cdf")
        if not 0 <= share <= 1:
            raise InvalidInputError(
                field="cdf", value=share, expected="a probability from 0 to 1"
            )
        return fit(share)

    def _checked_shortfall(self, quantity: Decimal) -> Decimal:
        return self.shortfall_from(self._checked_in_stock(quantity), quantity)

    def shortfall_from(self, share: Decimal, quantity: Decimal) -> Decimal:
        """``n(Q)`` integrating the quantile from ``share`` = F(Q) up to 1."""
        if share >= 1:
            return _ZERO
        excess = self._excess(share, float(quantity))
        return from_float(tanh_sinh(excess, float(share)))


def _costs(costs: object) -> NewsvendorCosts:
    if not isinstance(costs, NewsvendorCosts):
        raise InvalidTypeError(field="costs", value=costs, expected="NewsvendorCosts")
    return costs


def newsvendor_from_cdf(
    costs: NewsvendorCosts,
    *,
    cdf: Callable[[Decimal], DecimalInput],
    quantile: Callable[[Decimal], DecimalInput],
) -> Newsvendor:
    r"""The newsvendor quantity for demand given by its CDF and quantile function.

    $Q^* = F^{-1}(C_u/(C_u + C_o))$; the expected lost sales integrate the
    quantile function above the critical ratio (see the module notes), so
    any distribution works: a fitted Weibull, a mixture, a bootstrap.

    Args:
        costs: Overage and underage costs.
        cdf: $F(q) = P(D \le q)$, for a Decimal $q$.
        quantile: $F^{-1}(u)$ for a Decimal $u$ in (0, 1).

    Example (exponential demand with mean 100, written with Decimal's own
    ``exp`` and ``ln``):

    Examples:
        >>> from decimal import Decimal
        >>> from xborder.inventory import NewsvendorCosts, newsvendor_from_cdf
        >>> from xborder.money import Money
        >>> costs = NewsvendorCosts(overage=Money(1, "USD"), underage=Money(3, "USD"))
        >>> result = newsvendor_from_cdf(costs,
        ...     cdf=lambda q: 1 - (-q / 100).exp(),
        ...     quantile=lambda u: -100 * (1 - u).ln())
        >>> result.quantity, result.outcome.expected_lost_sales
        (Decimal('138.6294361119890618834464243'), Decimal('25.0000000000'))
    """
    checked = _costs(costs)
    demand = _Callables(cdf, quantile)
    share = checked.critical_ratio
    quantity = demand.at(share)
    lost = demand.shortfall_from(share, quantity)
    outcome = _outcome(demand.mean, checked, quantity, lost, share)
    return _make_result(share, None, quantity, ceil_units(quantity), outcome)


def newsvendor_outcome_from_cdf(
    costs: NewsvendorCosts,
    *,
    cdf: Callable[[Decimal], DecimalInput],
    quantile: Callable[[Decimal], DecimalInput],
    quantity: DecimalInput,
) -> NewsvendorOutcome:
    """The expected outcome of stocking ``quantity`` against demand given by functions.

    Examples:
        >>> from xborder.inventory import NewsvendorCosts, newsvendor_outcome_from_cdf
        >>> from xborder.money import Money
        >>> costs = NewsvendorCosts(overage=Money(1, "USD"), underage=Money(3, "USD"))
        >>> outcome = newsvendor_outcome_from_cdf(costs,
        ...     cdf=lambda q: 1 - (-q / 100).exp(),
        ...     quantile=lambda u: -100 * (1 - u).ln(), quantity=100)
        >>> outcome.in_stock_probability, outcome.expected_lost_sales
        (Decimal('0.6321205588285576784044762298'), Decimal('36.7879441171'))
    """
    checked = _costs(costs)
    demand = _Callables(cdf, quantile)
    amount = non_negative_arg(quantity, "quantity")
    share = demand._checked_in_stock(amount)  # noqa: SLF001 - this module's class
    lost = demand.shortfall_from(share, amount)
    return _outcome(demand.mean, checked, amount, lost, share)


_SEASON = (
    NormalDemand,
    PoissonDemand,
    EmpiricalDemand,
    LognormalDemand,
    GammaDemand,
    UniformDemand,
)


def complementary_loss(
    demand: NormalDemand
    | PoissonDemand
    | EmpiricalDemand
    | LognormalDemand
    | GammaDemand
    | UniformDemand,
    quantity: DecimalInput,
) -> Decimal:
    r"""The complementary loss $\bar n(Q) = E[(Q - D)^+] = Q - \mu + n(Q)$.

    The expected stock left when demand falls short of $Q$: the units the
    holding cost is paid on at the end of a period, and the leftover of a
    seasonal buy (Snyder & Shen, §C.2, eq. C.13). Never below 0.

    Examples:
        >>> from decimal import Decimal
        >>> from xborder.inventory import (NormalDemand, PoissonDemand,
        ...     complementary_loss)
        >>> complementary_loss(NormalDemand(mean=50, sd=8), 60)
        Decimal('10.404694946444')
        >>> complementary_loss(PoissonDemand(mean=6), 8)
        Decimal('2.314021389154')
    """
    if not isinstance(demand, _SEASON):
        raise InvalidTypeError(
            field="demand",
            value=demand,
            expected=" or ".join(kind.__name__ for kind in _SEASON),
        )
    amount = to_decimal(quantity, field="quantity")
    short = shortfall_of(demand, amount)
    return max(EXACT.add(EXACT.subtract(amount, demand.mean), short), _ZERO)


def _complementary(z: float) -> float:
    # z + L(z) = z·Φ(z) + φ(z), computed as φ(z) + z − z(1 − Φ(z)).
    return max(normal_pdf(z) + z - z * upper_tail(z), 0.0)


def normal_complementary_loss(z: DecimalInput) -> Decimal:
    r"""The standard normal complementary loss $\bar L(z) = E[(z - Z)^+] = z + L(z)$.

    The expected stock left, in standard deviations, when a standard normal
    demand falls short of $z$ (Snyder & Shen, eq. C.14). 12 significant digits.

    Examples:
        >>> normal_complementary_loss(0)
        Decimal('0.398942280401')
        >>> normal_complementary_loss("1.28")
        Decimal('1.32749854332')
    """
    return _of_z(_complementary, z)
