"""How inventory numbers are computed: exact where they can be, 12 digits where not.

Means, variances, costs and ratios of exact inputs are exact Decimal
arithmetic (``xborder._exact``). Square roots and everything that goes
through the normal distribution (its quantile *z*, CDF, density and loss
functions) cannot be exact: they are irrational. xborder computes them in
binary floating point, with :class:`statistics.NormalDist` (Wichura's AS241
quantile) and :func:`math.erfc`, which are accurate to about 1e-15, and
returns them as :class:`~decimal.Decimal` rounded half-even to
:data:`SIGNIFICANT_DIGITS` (12) significant digits. Square roots of exact
Decimals are taken in Decimal, correctly rounded to the same 12 digits.

Twelve digits is deliberate: it is more than any stock level needs (a
safety stock of a million units is known to a millionth of a unit), it is
below the last few digits in which platforms' ``libm`` may differ, so the
same inputs give the same Decimal everywhere, and it leaves room for the
cancellation in the loss function far in the tail.

Quantities become whole units only where they become orders or levels, and
always with :data:`UNIT_ROUNDING`, ``RoundingMode.CEILING``: a fractional
reorder point of 221.3 units is 222, because 221 would fall short of the
service target.

No result carries a digit below :data:`~xborder._validate.FINEST` (1E-100),
the finest digit xborder reads back: a normal tail probability beyond
z = 21 (below 1E-100) is 0 at any precision a result is printed with, and a
34-digit quotient far below 1 is rounded there too (:func:`fit`). A zero
quotient is plain 0, never ``0E+32``.
"""

from __future__ import annotations

import math
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from statistics import NormalDist

from xborder._exact import DIVISION, EMAX, EMIN, EXACT
from xborder._validate import FINEST
from xborder.errors import InvalidInputError
from xborder.money import RoundingMode

__all__ = [
    "SIGNIFICANT_DIGITS",
    "STATISTICAL",
    "UNIT_ROUNDING",
    "as_float",
    "ceil_units",
    "fit",
    "from_float",
    "inverse_loss",
    "loss",
    "normal_cdf",
    "normal_pdf",
    "normal_quantile",
    "product",
    "ratio",
    "second_loss",
    "significant",
    "sqrt",
    "upper_tail",
    "z_for",
]

SIGNIFICANT_DIGITS = 12
"""Significant digits kept in square roots and normal-distribution values."""

STATISTICAL = Context(
    prec=SIGNIFICANT_DIGITS,
    rounding=ROUND_HALF_EVEN,
    Emin=EMIN,
    Emax=EMAX,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The context that rounds irrational results to :data:`SIGNIFICANT_DIGITS`.

Every setting is spelled out, as in :mod:`xborder._exact`: nothing is taken
from :data:`decimal.DefaultContext`, which a caller may have changed before
importing xborder."""

UNIT_ROUNDING = RoundingMode.CEILING
"""How a continuous level or quantity becomes whole units: always up."""

_STANDARD = NormalDist()
_INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)
_INV_SQRT_2 = 1 / math.sqrt(2)
_ONE = Decimal(1)
_ZERO = Decimal(0)
# adjusted() of a number whose DIVISION-context digits (34) reach FINEST:
# anything smaller may hold a digit below it; anything larger cannot.
_FINEST_EXPONENT: int = FINEST.as_tuple().exponent  # type: ignore[assignment]
_FINE_34 = _FINEST_EXPONENT + DIVISION.prec - 1
_FINE_12 = _FINEST_EXPONENT + SIGNIFICANT_DIGITS - 1


def fit(value: Decimal) -> Decimal:
    """``value`` rounded half-even to a multiple of FINEST (1E-100), if finer.

    Results are read back (``xborder.serialize``) only with no digit below
    1E-100; a probability of 1.4E-191 or a quotient of 2E-120 is 0 at any
    precision xborder prints. A zero comes back as plain 0.
    """
    if not value:
        return _ZERO
    if value.as_tuple().exponent >= _FINEST_EXPONENT:  # type: ignore[operator]
        return value
    return value.quantize(FINEST, rounding=ROUND_HALF_EVEN, context=EXACT) or _ZERO


_FLOAT_RANGE = (
    "magnitudes within the float range (about 1e±308): the normal "
    "distribution is computed in float"
)


def from_float(value: float) -> Decimal:
    """A float result as a Decimal of 12 significant digits.

    Raises:
        InvalidInputError: The float is infinite or NaN, which only inputs
            beyond the float range produce.
    """
    if not math.isfinite(value):
        raise InvalidInputError(field=None, value=value, expected=_FLOAT_RANGE)
    number = STATISTICAL.create_decimal_from_float(value)
    # 12 digits reach below 1E-100 only for a number below about 1E-89.
    return number if number.adjusted() >= _FINE_12 else fit(number)


def as_float(value: Decimal, field: str) -> float:
    """``value`` as a finite float, or an error naming ``field``."""
    number = float(value)
    if not math.isfinite(number):
        raise InvalidInputError(field=field, value=value, expected=_FLOAT_RANGE)
    return number


def z_for(probability: Decimal, field: str) -> Decimal:
    """``Φ⁻¹(probability)`` to 12 digits, for 0 < probability < 1.

    Raises:
        InvalidInputError: The probability is not strictly between 0 and 1
            once it is a float (1 − 1e-20 is 1.0 in float), naming ``field``.
    """
    number = float(probability)
    if not 0 < number < 1:
        raise InvalidInputError(
            "the normal quantile is infinite at 0 and 1",
            field=field,
            value=probability,
            expected="a probability strictly between 0 and 1 (1E-100 to 1 − 1E-16)",
        )
    return from_float(_STANDARD.inv_cdf(number))


def sqrt(value: Decimal) -> Decimal:
    """The square root of an exact Decimal >= 0, correctly rounded to 12 digits."""
    root = STATISTICAL.sqrt(value)
    return root if root.adjusted() >= _FINE_12 else fit(root)


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator`` with 34 digits (the caller checks the zero).

    A zero quotient is plain 0 (``0 / 0.0416...`` would be ``0E+32``), and
    one below about 1E-67 is rounded at 1E-100 (:func:`fit`).
    """
    quotient = DIVISION.divide(numerator, denominator)
    if not quotient:
        return _ZERO
    return quotient if quotient.adjusted() >= _FINE_34 else fit(quotient)


def product(first: Decimal, second: Decimal) -> Decimal:
    """``first × second`` to 34 digits, for a product of rounded quotients.

    Two 34-digit quotients multiply exactly into 68 digits, and a third
    factor past 100 decimals: a rate squared times a variance in days² is
    kept to the 34 digits its factors carry.
    """
    result = DIVISION.multiply(first, second)
    if not result:
        return _ZERO
    return result if result.adjusted() >= _FINE_34 else fit(result)


def significant(value: Decimal) -> Decimal:
    """``value`` rounded half-even to :data:`SIGNIFICANT_DIGITS`, as a cost is shown.

    A cost that went through a square root or a 34-digit quotient (``K·D/Q``
    at the EOQ) is known to no more digits than the quantity it prices;
    an exact value of 12 digits or fewer (``26.00``, ``45.000``) is unchanged.
    Decisions are taken on the unrounded costs, before this. Past 12 whole
    digits the value is rounded to a whole number instead (no exponent).
    """
    rounded = STATISTICAL.plus(value)
    if not rounded:
        return _ZERO
    if rounded.adjusted() >= SIGNIFICANT_DIGITS:
        return value.quantize(_ONE, rounding=ROUND_HALF_EVEN, context=EXACT)
    return rounded if rounded.adjusted() >= _FINE_12 else fit(rounded)


def ceil_units(value: Decimal) -> int:
    """``value`` rounded up (:data:`UNIT_ROUNDING`) to a whole number of units."""
    # Decimal.__ceil__ is exact and rounds toward +∞, as ROUND_CEILING does,
    # at a third of the cost of to_integral_value().
    return math.ceil(value)


# -- the standard normal distribution, in float --------------------------------


def normal_quantile(probability: float) -> float:
    """``z`` with ``Φ(z) = probability``, for 0 < probability < 1."""
    return _STANDARD.inv_cdf(probability)


def normal_cdf(z: float) -> float:
    """``Φ(z)``, through ``erfc`` so the lower tail keeps its digits."""
    return 0.5 * math.erfc(-z * _INV_SQRT_2)


def upper_tail(z: float) -> float:
    """``1 − Φ(z)``, through ``erfc`` so the upper tail keeps its digits."""
    return 0.5 * math.erfc(z * _INV_SQRT_2)


def normal_pdf(z: float) -> float:
    """``φ(z)``."""
    return _INV_SQRT_2PI * math.exp(-0.5 * z * z)


def loss(z: float) -> float:
    """The standard normal loss function ``L(z) = φ(z) − z(1 − Φ(z))``.

    ``L(z) = E[(Z − z)⁺]``: the expected shortfall of a standard normal
    variable above ``z`` (Silver, Pyke & Thomas's ``G_u(k)``).
    """
    return max(normal_pdf(z) - z * upper_tail(z), 0.0)


def second_loss(z: float) -> float:
    """The second-order loss ``L²(z) = ½[(z² + 1)(1 − Φ(z)) − zφ(z)]``."""
    return max(0.5 * ((z * z + 1) * upper_tail(z) - z * normal_pdf(z)), 0.0)


_NEWTON_STEPS = 200
_TOLERANCE = 1e-13


def inverse_loss(value: float) -> float:
    """``z`` with ``L(z) = value`` for ``value > 0``, by Newton's method.

    ``L`` is convex and strictly decreasing with ``L'(z) = −(1 − Φ(z))``, so
    Newton's iterates, once left of the root, climb to it without
    overshooting; the start ``−value`` (where ``L(z) ≈ −z``) or ``0`` is
    left of it.
    """
    if not value > 0:
        raise InvalidInputError(
            field="value", value=value, expected="an expected shortage > 0"
        )
    z = min(-value, 0.0)
    for _ in range(_NEWTON_STEPS):
        step = (loss(z) - value) / upper_tail(z)
        z += step
        if abs(step) <= _TOLERANCE * max(1.0, abs(z)):
            break
    return z
