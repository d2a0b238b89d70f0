"""Foundation benchmarks: Money, allocation, FX, the pint boundary, import time."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import pint

from _harness import Case
from xborder import units
from xborder._exact import EXACT
from xborder.fx import FxRate, FxTable, convert
from xborder.money import Money, RoundingMode, allocate

EUR_A, EUR_B = Money("12.34", "EUR"), Money("56.78", "EUR")
A, B = Decimal("12.34"), Decimal("56.78")
CENT = Decimal("0.01")
PRODUCT = Decimal("14.6846")  # 12.34 x 1.19, to round to cents
EUR_PRODUCT = Money(PRODUCT, "EUR")
WEIGHTS = [Decimal(w) for w in ("3", "1", "4", "1", "5", "9", "2", "6", "5", "3")]
FREIGHT = Money("1234.56", "USD")
TABLE = FxTable(
    rates=(FxRate(base="USD", quote="EUR", rate="0.8650", as_of=dt.date(2026, 11, 2)),)
)
RATE = Decimal("0.8650")
FOREIGN: pint.UnitRegistry[float] = pint.UnitRegistry()
FOREIGN_LB = FOREIGN.Quantity(1.5, "lb")
OWN_KG = units.quantity("2.5", units.KILOGRAM)
POUND_IN_KG = Decimal("0.45359237")


def _bare_add(a: Decimal, b: Decimal, ca: str, cb: str) -> tuple[Decimal, str]:
    if ca != cb:
        raise ValueError(cb)
    return (EXACT.add(a, b), ca)


def _bare_allocate(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    # The same largest-remainder arithmetic on plain Decimals and ints.
    units_ = int(amount / CENT)
    exponent = min(int(w.as_tuple().exponent) for w in weights)
    ints = [int(w.scaleb(-exponent)) for w in weights]
    basis = sum(ints)
    shares = [units_ * w // basis for w in ints]
    rests = [units_ * w % basis for w in ints]
    for i in sorted(range(len(ints)), key=lambda i: (-rests[i], i))[
        : units_ - sum(shares)
    ]:
        shares[i] += 1
    return [Decimal(s) * CENT for s in shares]


def _bare_convert(amount: Decimal) -> Decimal:
    return (amount * RATE).quantize(CENT, rounding=ROUND_HALF_UP)


def _import_seconds(module: str) -> float:
    code = (
        "import time; t = time.perf_counter(); "
        f"import {module}; print(time.perf_counter() - t)"
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def cases(*, quick: bool) -> list[Case]:
    """The foundation's cases."""
    del quick  # the same cases either way; run() decides how long to time
    return [
        Case(
            "Money + Money (same currency)",
            lambda: EUR_A + EUR_B,
            lambda: _bare_add(A, B, "EUR", "EUR"),
            "currency check + exact Decimal add",
            goal=5,
            number=200_000,
        ),
        Case(
            "Money + Money vs plain Decimal +",
            lambda: EUR_A + EUR_B,
            lambda: A + B,
            "Decimal + (28 digits, no currency)",
            goal=5,  # issue 13: Money arithmetic within 5x of bare Decimal
            number=200_000,
        ),
        Case(
            "Money.quantize(mode)",
            lambda: EUR_PRODUCT.quantize(RoundingMode.HALF_UP),
            lambda: PRODUCT.quantize(CENT, rounding=ROUND_HALF_UP),
            "Decimal.quantize(0.01, rounding=...)",
            number=100_000,
        ),
        Case(
            "allocate(money, 10 weights)",
            lambda: allocate(FREIGHT, WEIGHTS),
            lambda: _bare_allocate(FREIGHT.amount, WEIGHTS),
            "same largest remainder on Decimals",
            number=20_000,
        ),
        Case(
            "convert(money, to, table, rounding)",
            lambda: convert(FREIGHT, "EUR", table=TABLE, rounding=RoundingMode.HALF_UP),
            lambda: _bare_convert(FREIGHT.amount),
            "amount * rate, quantize",
            goal=5,  # issue 13
            number=50_000,
        ),
        Case(
            "as_mass(float-registry 1.5 lb)",
            lambda: units.as_mass(FOREIGN_LB),
            lambda: FOREIGN_LB.to("kg").magnitude,
            "pint's own .to('kg') (peer)",
            number=5_000,
        ),
        Case(
            "as_mass(float-registry 1.5 lb) vs bare",
            lambda: units.as_mass(FOREIGN_LB),
            lambda: Decimal(str(FOREIGN_LB.magnitude)) * POUND_IN_KG,
            "Decimal(str(magnitude)) * factor",
            number=5_000,
        ),
        Case(
            "as_mass(own kg quantity): pass-through",
            lambda: units.as_mass(OWN_KG),
            lambda: OWN_KG.magnitude,
            "read .magnitude",
            number=20_000,
        ),
        Case(
            "import xborder (cold, in a fresh process)",
            lambda: _import_seconds("xborder"),
            lambda: _import_seconds("pint"),
            "import pint alone",
            goal=1.2,
            self_timed=True,
        ),
    ]
