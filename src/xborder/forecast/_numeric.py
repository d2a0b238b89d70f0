"""How forecasts are computed: Decimal recursions, 12 reported digits (private).

The smoothing recursions are sums of products. xborder runs them in
:class:`~decimal.Decimal` with 34 significant digits (:data:`WORKING`),
so that the same history, parameters and initial states give the same
digits on every machine and every run, whatever the caller's decimal
context, and agree with R and statsmodels (binary floats, 16 digits) far
beyond the digits those print. Results are reported rounded half-even to
:data:`SIGNIFICANT_DIGITS` (12) significant digits, like inventory's
statistical values.

Fitting parameters is a search: it evaluates the squared one-step errors
hundreds of times, in binary floats, with SciPy's L-BFGS-B. The parameters
it finds are reported rounded to :data:`PARAMETER_PLACES` (6) decimal
places and the initial states it finds to 12 significant digits; the
forecast is then computed in Decimal from exactly those reported values, so
giving them back reproduces it digit for digit.
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

from xborder._exact import EMAX, EMIN, EXACT
from xborder._validate import FINEST, LARGEST
from xborder.errors import InvalidInputError

__all__ = [
    "PARAMETER_PLACES",
    "REPORT",
    "SIGNIFICANT_DIGITS",
    "WORKING",
    "as_float",
    "from_float",
    "parameter",
    "report",
    "root",
]

SIGNIFICANT_DIGITS = 12
"""Significant digits of reported forecasts, errors and states."""

PARAMETER_PLACES = 6
"""Decimal places of fitted smoothing parameters (``0.833898``)."""


def _context(prec: int) -> Context:
    return Context(
        prec=prec,
        rounding=ROUND_HALF_EVEN,
        Emin=EMIN,
        Emax=EMAX,
        capitals=1,
        clamp=0,
        flags=[],
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )


WORKING = _context(34)
"""The context the recursions run in: 34 digits, half-even, every setting
spelled out (nothing is inherited from :data:`decimal.DefaultContext`)."""

REPORT = _context(SIGNIFICANT_DIGITS)
"""Rounds a result to :data:`SIGNIFICANT_DIGITS`."""

_ZERO = Decimal(0)
_ONE = Decimal(1)
_FINEST_EXPONENT: int = FINEST.as_tuple().exponent  # type: ignore[assignment]
# adjusted() below which 12 significant digits reach below FINEST.
_FINE = _FINEST_EXPONENT + SIGNIFICANT_DIGITS - 1
_PLACES = Decimal(1).scaleb(-PARAMETER_PLACES)


def report(value: Decimal) -> Decimal:
    """``value`` to 12 significant digits, no digit below 1E-100, no trailing zeros.

    Examples:
        >>> report(Decimal("446.58683217154"))
        Decimal('446.586832172')
        >>> report(Decimal("1E-150")), report(Decimal("-0.000"))
        (Decimal('0'), Decimal('0'))
    """
    number = REPORT.plus(value)
    if not number:
        return _ZERO
    if number.adjusted() < _FINE:  # it may hold a digit below 1E-100
        number = number.quantize(FINEST, rounding=ROUND_HALF_EVEN, context=EXACT)
        return number.normalize(REPORT) if number else _ZERO
    if number == number.to_integral_value(context=REPORT):  # 1.4E+2 is 140
        return number.quantize(_ONE, context=EXACT)
    return number.normalize(REPORT)  # no trailing zeros: 9.50 is 9.5


def root(value: Decimal) -> Decimal:
    """The square root of ``value`` >= 0, correctly rounded to 12 digits."""
    return report(REPORT.sqrt(value))


_FLOAT_RANGE = (
    "numbers a float search can reach (the fit runs in binary floating point)"
)


def as_float(value: Decimal) -> float:
    """``value`` as a float (every number xborder accepts is within float range)."""
    return float(value)


def from_float(value: float, field: str | None = None) -> Decimal:
    """A float the fit found, as a Decimal of 12 significant digits.

    Raises:
        InvalidInputError: The search left the float range (NaN or infinite),
            or found a number beyond xborder's range.
    """
    if not math.isfinite(value):
        raise InvalidInputError(field=field, value=value, expected=_FLOAT_RANGE)
    number = report(REPORT.create_decimal_from_float(value))
    if abs(number) >= LARGEST:
        raise InvalidInputError(field=field, value=value, expected=_FLOAT_RANGE)
    return number


def parameter(value: float, low: Decimal, high: Decimal) -> Decimal:
    """A fitted parameter rounded half-even to 6 places, kept within its bounds.

    Examples:
        >>> parameter(0.8338982, Decimal("0.0001"), Decimal("0.9999"))
        Decimal('0.833898')
        >>> parameter(0.99999, Decimal("0.0001"), Decimal("0.9999"))
        Decimal('0.9999')
    """
    number = Decimal(value).quantize(_PLACES, rounding=ROUND_HALF_EVEN, context=EXACT)
    return min(max(number, low), high) or _ZERO
