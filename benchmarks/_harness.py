"""A tiny timing harness: each case pairs xborder with a bare baseline.

Absolute times are noisy on shared machines, so every case is measured
against a baseline doing the same work in the same run, and the ratio is what
is reported (and compared with the goal in the issue that asked for it).
"""

from __future__ import annotations

import timeit
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass(frozen=True)
class Case:
    """One benchmark: xborder's call, a baseline, and the goal for their ratio."""

    name: str
    subject: Callable[[], object]
    baseline: Callable[[], object]
    baseline_name: str
    goal: float | None = None  # the ratio the issue asks for, if any
    number: int = 1000  # calls per timing
    self_timed: bool = False  # subject/baseline return their own seconds
    repeat: int = 7  # timings kept the best of (a minute-long case needs one)


@dataclass(frozen=True)
class Result:
    """Best seconds per call of the subject and of the baseline."""

    case: Case
    subject_seconds: float
    baseline_seconds: float
    quick: bool = False  # one call each: proves it runs, judges nothing

    @property
    def ratio(self) -> float:
        """Subject time over baseline time."""
        return self.subject_seconds / self.baseline_seconds

    def row(self) -> str:
        """One line of the report."""
        goal = f"<= {self.case.goal:g}x" if self.case.goal else ""
        verdict = ""
        if self.quick:
            verdict = "(quick run: not judged)"
        elif self.case.goal:
            verdict = "ok" if self.ratio <= self.case.goal else "MISSED"
        return (
            f"{self.case.name:<46} {_us(self.subject_seconds):>12} "
            f"{_us(self.baseline_seconds):>12} {self.ratio:>8.2f}x {goal:>9} {verdict}"
        )


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.3f} us"


def best_time(function: Callable[[], object], number: int, repeat: int) -> float:
    """Best (least disturbed) seconds per call over ``repeat`` timings."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number


def run(case: Case, *, quick: bool) -> Result:
    """Time the case; ``quick`` runs each side once, to prove it works."""
    number, repeat = (1, 1) if quick else (case.number, case.repeat)
    if case.self_timed:
        subject = min(_seconds(case.subject) for _ in range(repeat))
        baseline = min(_seconds(case.baseline) for _ in range(repeat))
    else:
        subject = best_time(case.subject, number, repeat)
        baseline = best_time(case.baseline, number, repeat)
    return Result(case, subject, baseline, quick=quick)


def _seconds(function: Callable[[], object]) -> float:
    seconds = function()
    assert isinstance(seconds, float)
    return seconds


HEADER = f"{'case':<46} {'xborder':>12} {'baseline':>12} {'ratio':>9} {'goal':>9}"
