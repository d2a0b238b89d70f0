"""No result depends on the caller's decimal context (issue: exact under any caller).

Every recorded valid call to the public surface (see ``surface.py``) is
replayed under hostile decimal contexts. Each must give the very result it
gives under Python's default context (same value, same printed form), or
raise the same XborderError; no decimal signal may reach the caller, and the
caller's flags must be left as they were. Finally every call is made again
under the default context, to show that no hostile call poisoned a cache.
"""

from __future__ import annotations

import decimal
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import (
    ROUND_FLOOR,
    Clamped,
    Context,
    DivisionByZero,
    FloatOperation,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
)

import pytest

import surface
from xborder.errors import XborderError

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
    "prec=5, Inexact and Rounded trapped": Context(
        prec=5, traps=[Inexact, Rounded, InvalidOperation, DivisionByZero, Overflow]
    ),
    "every trap on": Context(traps=SIGNALS),
    "Emax=20, Emin=-20": Context(Emax=20, Emin=-20),
    "prec=50, capitals=0, clamp=1": Context(prec=50, capitals=0, clamp=1),
}


def _fingerprint(value: object) -> str:
    # repr shows each Decimal's exponent, so 1.0 and 1.00 differ; it is
    # taken under the default context, where the test itself runs.
    text = repr(value)
    if "Dask DataFrame Structure" in text:  # a lazy graph: its names are tokens
        text = re.sub(r"\b[0-9a-f]{7,}\b", "<token>", text)
    if " at 0x" in text:  # an object without a value repr: its type must do
        return type(value).__qualname__
    return text


def _outcome(call: surface.Call) -> tuple[str, object]:
    try:
        result = call()
        if isinstance(result, Iterator):  # driven inside the context too
            result = tuple(result)
    except XborderError as error:
        return ("raised", f"{type(error).__name__}: {error}")
    except Exception as error:  # noqa: BLE001 - a crash is what we look for
        return ("crashed", f"{type(error).__name__}: {error}")
    return ("returned", result)


def _settled(outcome: tuple[str, object]) -> tuple[str, str]:
    kind, value = outcome
    return (kind, _fingerprint(value) if kind == "returned" else str(value))


def _by_package() -> dict[str, list[surface.Call]]:
    groups: dict[str, list[surface.Call]] = defaultdict(list)
    for call in surface.corpus():
        groups[call.target.package].append(call)
    return groups


PACKAGES = sorted(_by_package())


def _baseline(calls: list[surface.Call]) -> list[tuple[str, str]]:
    with decimal.localcontext(Context()):
        return [_settled(_outcome(call)) for call in calls]


@pytest.mark.parametrize("package", PACKAGES)
def test_results_do_not_depend_on_the_callers_context(package: str) -> None:
    calls = _by_package()[package]
    expected = _baseline(calls)
    problems: list[str] = []
    for name, template in HOSTILE.items():
        for call, wanted in zip(calls, expected, strict=True):
            with decimal.localcontext(template) as context:
                context.clear_flags()
                outcome = _outcome(call)
                raised = [s.__name__ for s in SIGNALS if context.flags[s]]
            got = _settled(outcome)
            if got != wanted:
                problems.append(f"{call.label()} under {name}: {got} != {wanted}")
            if raised:
                problems.append(f"{call.label()} under {name}: set flags {raised}")
    assert not problems, _report(problems)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_hostile_call_poisons_a_later_one(package: str) -> None:
    calls = _by_package()[package]
    before = _baseline(calls)
    for template in HOSTILE.values():
        with decimal.localcontext(template):
            for call in calls:
                _outcome(call)
    after = _baseline(calls)
    changed = [
        f"{call.label()}: {b} became {a}"
        for call, b, a in zip(calls, before, after, strict=True)
        if a != b
    ]
    assert not changed, _report(changed)


def test_every_public_name_runs_in_xborders_context() -> None:
    assert surface.unguarded() == []


def _report(problems: list[str]) -> str:
    shown = "\n".join(p[:400] for p in problems[:60])
    return f"{len(problems)} problem(s):\n{shown}"
