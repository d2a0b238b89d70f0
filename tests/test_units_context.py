"""Unit results do not depend on the caller's decimal context (issue 13).

Before, ``with localcontext(prec=5): as_mass("1 lb")`` left ``as_mass("1 lb")``
at 0.45359 kg for the rest of the process: a cache kept a factor computed in
the caller's context. Every unit call is run here under hostile contexts and
must give the default context's results, leave the caller's flags as they
were, and change nothing for the calls after it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import (
    ROUND_FLOOR,
    Clamped,
    Context,
    Decimal,
    DivisionByZero,
    FloatOperation,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
    localcontext,
)
from typing import TYPE_CHECKING

import pint
import pytest

from xborder import units
from xborder._units import catalogue
from xborder.errors import XborderError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

SIGNALS = [
    Clamped,
    DivisionByZero,
    FloatOperation,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
]
HOSTILE = {
    "prec=5, ROUND_FLOOR": Context(prec=5, rounding=ROUND_FLOOR),
    "prec=5, Inexact and Rounded trapped": Context(prec=5, traps=[Inexact, Rounded]),
    "every trap on": Context(traps=SIGNALS),
    "Emax=20, Emin=-20": Context(Emax=20, Emin=-20),
    "prec=50, capitals=0, clamp=1": Context(prec=50, capitals=0, clamp=1),
}
_FOREIGN: pint.UnitRegistry[float] = pint.UnitRegistry()
_FOREIGN_POUNDS = _FOREIGN.Quantity(1.1, "lb")
_FOREIGN_DIVISOR = _FOREIGN.Quantity(5000, "cm**3/kg")
_BOX = units.Dimensions.from_magnitudes("11.8", "7.9", "3.1", unit=units.INCH)

CALLS: dict[str, Callable[[], object]] = {
    "as_mass 1 lb": lambda: units.as_mass("1 lb"),
    "as_mass 85 g": lambda: units.as_mass("85 g"),
    "as_mass 1/3 oz": lambda: units.as_mass("0.3333333333333333333333333333333 oz"),
    "as_length 11.8 in": lambda: units.as_length("11.8 in"),
    "as_volume 1.5 L": lambda: units.as_volume("1.5 L"),
    "as_volume 2 cubic_foot": lambda: units.as_volume("2 cubic_foot"),
    "as_duration 36 h": lambda: units.as_duration("36 hours"),
    "as_duration 1 month": lambda: units.as_duration("1 month"),
    "divisor in in3/lb": lambda: units.magnitude(
        "5000 cm**3/kg", "inch**3/avoirdupois_pound"
    ),
    "foreign divisor": lambda: units.magnitude(_FOREIGN_DIVISOR, "inch**3/pound"),
    "fractional power": lambda: units.magnitude("4 cm**1.5", "meter**1.5"),
    "delta degF": lambda: units.magnitude("1 delta_degF", "kelvin"),
    "huge": lambda: units.magnitude("1E+999990 lb", units.KILOGRAM),
    "tiny": lambda: units.magnitude("1E-999990 g", units.KILOGRAM),
    "foreign 1.1 lb": lambda: units.as_mass(_FOREIGN_POUNDS),
    "unit_terms": lambda: units.unit_terms("139 in**3/lb"),
    "quantity": lambda: units.quantity("2.5", units.POUND),
    "volume": lambda: _BOX.volume,
    "girth": lambda: _BOX.girth,
    "sorted": _BOX.sorted,
    "furlong": lambda: units.magnitude("3 furlong", units.CENTIMETRE),
    "error: overflow": lambda: units.as_length("1E+999999 m"),
    "error: nan": lambda: units.as_mass("nan kg"),
    "error: long exponent": lambda: units.as_mass("1e" + "9" * 25 + " kg"),
    "error: dimension": lambda: units.as_length("2 kg"),
    "error: offset": lambda: units.to_unit(_FOREIGN.Quantity(1, "degC"), "kelvin"),
}


def _outcome(call: Callable[[], object]) -> object:
    """The call's result, or its error's kind, field and expected text."""
    try:
        return call()
    except XborderError as error:
        return (type(error), error.field, error.expected)


def _same(result: object, expected: object) -> bool:
    """Equal, and equal to the digit: compared outside any hostile context."""
    if isinstance(expected, units.registry().Quantity):
        magnitude = result.magnitude  # type: ignore[attr-defined]
        return bool(
            magnitude.as_tuple() == expected.magnitude.as_tuple()
            and result.units == expected.units  # type: ignore[attr-defined]
        )
    if isinstance(expected, Decimal):
        assert isinstance(result, Decimal)
        return result.as_tuple() == expected.as_tuple()
    return result == expected


def _clear_caches() -> None:
    # What xborder worked out per unit; the registry itself stays (models
    # elsewhere in the session hold its quantities).
    for cache in (catalogue.TEXTS, catalogue._FOREIGN, catalogue._CONTAINERS):
        cache.clear()
    catalogue._NAMES.clear()


@pytest.fixture(scope="module")
def expected() -> dict[str, object]:
    with localcontext(Context()):
        return {name: _outcome(call) for name, call in CALLS.items()}


@pytest.fixture
def cold() -> Iterator[None]:
    _clear_caches()
    yield
    _clear_caches()


@pytest.mark.usefixtures("cold")
@pytest.mark.parametrize("hostile", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_contexts_change_no_result_and_no_flag(
    hostile: str, expected: dict[str, object]
) -> None:
    context = HOSTILE[hostile].copy()
    context.clear_flags()
    with localcontext(context) as inside:
        got = {name: _outcome(call) for name, call in CALLS.items()}
        flags = {signal.__name__ for signal in SIGNALS if inside.flags[signal]}
    assert flags == set()
    for name, result in got.items():
        assert _same(result, expected[name]), name
    # ...and the caches filled under that context poison no later call
    after = {name: _outcome(call) for name, call in CALLS.items()}
    for name, result in after.items():
        assert _same(result, expected[name]), name


def test_the_issue_example() -> None:
    _clear_caches()
    with localcontext(prec=5):
        units.as_mass("1 lb")
    assert units.as_mass("1 lb").magnitude == Decimal("0.45359237")  # exact, 1959


_FIRST_USE = """
import json, sys
from decimal import Context, ROUND_FLOOR, Inexact, Rounded, localcontext
from xborder import units
hostile = Context(prec=5, rounding=ROUND_FLOOR, traps=[Inexact, Rounded])
def results():
    return [
        str(units.as_mass("1 lb").magnitude),
        str(units.magnitude("1 delta_degF", "kelvin")),
        str(units.magnitude("3 furlong", units.CENTIMETRE)),
        str(units.magnitude("5000 cm**3/kg", "inch**3/avoirdupois_pound")),
    ]
if sys.argv[1] == "hostile":
    with localcontext(hostile) as inside:
        first = results()
        flags = [str(s) for s, raised in inside.flags.items() if raised]
else:
    first, flags = [], []
print(json.dumps({"first": first, "later": results(), "flags": flags}))
"""


def _fresh(mode: str) -> dict[str, list[str]]:
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", _FIRST_USE, mode],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: dict[str, list[str]] = json.loads(result.stdout)
    return loaded


def test_the_registry_built_under_a_hostile_context_is_the_same() -> None:
    # The registry, pint's defaults (for the furlong) and every factor are
    # built on first use, here under prec=5 with Inexact trapped.
    hostile, plain = _fresh("hostile"), _fresh("plain")
    assert hostile["flags"] == []
    assert hostile["first"] == plain["later"]
    assert hostile["later"] == plain["later"]
