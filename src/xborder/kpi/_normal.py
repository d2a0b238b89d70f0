"""The standard normal quantile in Decimal, for confidence bounds (private).

No float: the z of a confidence level is found by Newton's method on the
normal CDF, which is computed from the positive-term series of erf
(Abramowitz & Stegun 7.1.6), at 60 significant digits, then rounded to 34.
"""

from __future__ import annotations

from decimal import Context, Decimal

from xborder._exact import DIVISION

__all__ = ["normal_cdf", "z_for_confidence"]

_WORK = Context(prec=60)
_PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494459")
_SQRT_2 = _WORK.sqrt(Decimal(2))
_SQRT_2PI = _WORK.sqrt(_WORK.multiply(2, _PI))
_TWO_OVER_SQRT_PI = _WORK.divide(2, _WORK.sqrt(_PI))
_TINY = Decimal("1e-55")


def _erf(x: Decimal) -> Decimal:
    # erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)),
    # every term positive, so nothing cancels (x >= 0 here).
    x2 = _WORK.multiply(x, x)
    term = x
    total = x
    n = 0
    while term > _TINY * total:
        n += 1
        term = _WORK.divide(_WORK.multiply(_WORK.multiply(term, 2), x2), 2 * n + 1)
        total = _WORK.add(total, term)
    return _WORK.multiply(
        _WORK.multiply(_TWO_OVER_SQRT_PI, _WORK.exp(_WORK.minus(x2))), total
    )


def normal_cdf(z: Decimal) -> Decimal:
    """Φ(z) for z >= 0, to about 55 significant digits."""
    return _WORK.multiply(Decimal("0.5"), _WORK.add(1, _erf(_WORK.divide(z, _SQRT_2))))


def _density(z: Decimal) -> Decimal:
    return _WORK.divide(
        _WORK.exp(_WORK.divide(_WORK.minus(_WORK.multiply(z, z)), 2)), _SQRT_2PI
    )


def z_for_confidence(confidence: Decimal) -> Decimal:
    """The two-sided z of a confidence level in (0, 1): 0.95 → 1.959963984540054...

    Newton's method from 0 on the concave side of Φ approaches the root
    from below without overshooting, so it converges for every level.
    """
    target = _WORK.divide(_WORK.add(1, confidence), 2)
    z = Decimal(0)
    for _ in range(500):
        step = _WORK.divide(_WORK.subtract(normal_cdf(z), target), _density(z))
        z = _WORK.subtract(z, step)
        if abs(step) < Decimal("1e-45"):
            break
    return DIVISION.plus(z)
