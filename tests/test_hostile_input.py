"""Only XborderError escapes any public name, within a time bound.

Every public callable is called with hostile values in place of each of its
arguments (and of the first item of each sequence argument), starting from
valid calls recorded from the examples (``surface.py``): wrong types, NaN,
Infinity, numbers past every limit, Unicode digits, deeply nested and
self-referencing lists, scalar pint quantities where a sequence belongs,
dates at the ends of the calendar... Each call must return, or raise an
``XborderError``, within :data:`SECONDS`. Any other exception, or a call
that runs over, is a failure. The ``ci`` profile walks more recorded calls
per callable than ``dev``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import pickle
import signal
import time
import traceback
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

import surface
from xborder import Money
from xborder.errors import XborderError
from xborder.serialize import from_data, to_data
from xborder.units import quantity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from types import FrameType

CI = os.environ.get("CI", "").lower() == "true"
CALLS_PER_TARGET = 2 if CI else 1
NESTED = CI  # also make the first item of each sequence argument hostile
SECONDS = 2.0


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _self_referencing() -> list[Any]:
    value: list[Any] = [1]
    value.append(value)
    return value


def _numpy_values() -> list[tuple[str, Callable[[], object]]]:
    try:
        import numpy as np  # noqa: PLC0415 - optional (the frames extra)
    except ImportError:
        return []
    return [
        ("numpy int64", lambda: np.int64(3)),
        ("numpy float32", lambda: np.float32(1.5)),
        ("numpy nan", lambda: np.float64("nan")),
        ("numpy array", lambda: np.array([1, 2])),
    ]


# Each is a factory: some values (iterators) are used up by a call.
ANY: list[tuple[str, Callable[[], object]]] = [
    ("None", lambda: None),
    ("True", lambda: True),
    ("float", lambda: 0.5),
    ("float nan", lambda: float("nan")),
    ("float inf", lambda: float("inf")),
    ("Decimal NaN", lambda: Decimal("NaN")),
    ("Decimal sNaN", lambda: Decimal("sNaN")),
    ("Decimal Infinity", lambda: Decimal("Infinity")),
    ("Decimal -Infinity", lambda: Decimal("-Infinity")),
    ("Decimal 1E+999999", lambda: Decimal("1E+999999")),
    ("Decimal -9.99E+999999", lambda: Decimal("-9.99E+999999")),
    ("Decimal 1E-999999", lambda: Decimal("1E-999999")),
    ("Decimal 1E+35", lambda: Decimal("1E+35")),
    ("Decimal -1E+35", lambda: Decimal("-1E+35")),
    ("Decimal 1E-100", lambda: Decimal("1E-100")),
    ("Decimal -0", lambda: Decimal("-0")),
    ("int 10**5000", lambda: 10**5000),
    ("int 2**63", lambda: 2**63),
    ("int -1", lambda: -1),
    ("int 0", lambda: 0),
    ("int 10**35", lambda: 10**35),
    ("empty str", lambda: ""),
    ("str x", lambda: "x"),
    ("str of 5000 nines", lambda: "9" * 5000),
    ("long str", lambda: "x" * 100_000),
    ("Arabic-Indic digits", lambda: "١٢٣"),
    ("str 1E+999999 m", lambda: "1E+999999 m"),
    ("bad date str", lambda: "2026-13-45"),
    ("bytes", lambda: b"12"),
    ("empty list", list),
    ("list of None", lambda: [None]),
    ("dict", lambda: {"a": 1}),
    ("set", lambda: {1}),
    ("object", object),
    ("nested list 5000 deep", lambda: _nested(5000)),
    ("self-referencing list", _self_referencing),
    ("exhausted iterator", lambda: iter(())),
    ("generator of None", lambda: (None for _ in range(3))),
    ("pint scalar quantity", lambda: quantity(1, "day")),
    ("pint mass", lambda: quantity(1, "kg")),
    ("a function", lambda: len),
    ("a type", lambda: int),
    ("Ellipsis", lambda: ...),
    ("complex", lambda: 1j),
    ("Money EUR", lambda: Money("1.00", "EUR")),
    ("Money XTS", lambda: Money("1", "XTS")),
    ("Money -1 USD", lambda: Money("-1.00", "USD")),
    ("Money 1E+35 USD", lambda: Money("1E+35", "USD")),
    ("Money 1E-100 JPY", lambda: Money("1E-100", "JPY")),
    ("date 1-01-01", lambda: dt.date(1, 1, 1)),
    ("date 9999-12-31", lambda: dt.date.max),
    ("datetime", lambda: dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
    ("timedelta", lambda: dt.timedelta(days=1)),
    *_numpy_values(),
]


class _Overran(BaseException):
    """A call ran past SECONDS (BaseException: ``except Exception`` can't hide it)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise _Overran


def _mutations(call: surface.Call) -> Iterator[tuple[str, surface.Call]]:
    """The call with each argument, and each sequence's first item, made hostile.

    A method's ``self`` stays as recorded: it was built by a constructor that
    is itself walked.
    """
    first = 1 if call.target.kind in {"method", "property"} else 0
    for index, original in enumerate(call.args):
        if index < first:
            continue
        for label, make in ANY:
            args = list(call.args)
            args[index] = make()
            yield (f"args[{index}]={label}", _with(call, tuple(args), call.kwargs))
            if NESTED and _sequence(original):
                args[index] = type(original)([make(), *list(original)[1:]])
                yield (
                    f"args[{index}][0]={label}",
                    _with(call, tuple(args), call.kwargs),
                )
    for name, original in call.kwargs.items():
        for label, make in ANY:
            kwargs = {**call.kwargs, name: make()}
            yield (f"{name}={label}", _with(call, call.args, kwargs))
            if NESTED and _sequence(original):
                kwargs[name] = type(original)([make(), *list(original)[1:]])
                yield (f"{name}[0]={label}", _with(call, call.args, kwargs))


def _sequence(value: object) -> bool:
    return type(value) in {tuple, list} and bool(value)  # not NamedTuples


def _with(
    call: surface.Call, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> surface.Call:
    return surface.Call(call.target, args, kwargs)


def _escape(call: surface.Call) -> str | None:
    """None if the call returned or raised an XborderError in time, else why not.

    A model that a constructor accepted must also survive ``to_data`` →
    ``from_data`` and pickling: a result class that takes anything and then
    cannot be read back is a silent failure.
    """
    started = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        try:
            escaped = _outcome(call)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Overran:
        return f"ran over {SECONDS} s"
    # An alarm that fires inside a garbage-collector callback is swallowed:
    # the clock decides too.
    if escaped is None and time.perf_counter() - started > SECONDS:
        return f"ran over {SECONDS} s"
    return escaped


def _outcome(call: surface.Call) -> str | None:
    try:
        result = call()
        if hasattr(result, "__next__"):
            for _ in itertools.islice(result, 1000):  # type: ignore[call-overload]
                pass
        if call.target.owner is not None and call.target.kind == "class":
            return _round_trips(call.target.owner, result)
    except XborderError:
        return None
    except RecursionError:
        return "RecursionError"
    except Exception as error:  # noqa: BLE001 - what escapes is what we look for
        return f"{type(error).__name__} at {_where(error)}: {str(error)[:120]}"
    return None


def _round_trips(cls: type, value: object) -> str | None:
    try:
        data = to_data(value)
        back: object = from_data(cls, data)
    except XborderError as error:
        return f"from_data refuses to_data at {_where(error)}: {str(error)[:120]}"
    if back != value:
        return "from_data(to_data(x)) != x"
    if pickle.loads(pickle.dumps(value)) != value:  # noqa: S301 - our own bytes
        return "pickle round trip differs"
    return None


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/xborder/" in f.filename]
    frame = (ours or frames)[-1]
    return f"{frame.filename.rsplit('/xborder/', 1)[-1]}:{frame.lineno}"


def _calls_by_package() -> dict[str, list[surface.Call]]:
    per_target: dict[str, list[surface.Call]] = defaultdict(list)
    for call in surface.corpus():
        kept = per_target[call.target.qualname]
        if len(kept) < CALLS_PER_TARGET:
            kept.append(call)
    groups: dict[str, list[surface.Call]] = defaultdict(list)
    for calls in per_target.values():
        for call in calls:
            groups[call.target.package].append(call)
    return groups


PACKAGES = sorted(_calls_by_package())


@pytest.mark.parametrize("package", PACKAGES)
def test_only_xborder_errors_escape(package: str) -> None:
    previous = signal.signal(signal.SIGALRM, _alarm)
    problems: dict[str, set[str]] = defaultdict(set)
    try:
        for call in _calls_by_package()[package]:
            for label, mutated in _mutations(call):
                escaped = _escape(mutated)
                if escaped is not None:
                    # One entry per cause: the message varies with the value.
                    cause = escaped.split(": ", 1)[0]
                    problems[f"{call.label()}: {cause}"].add(f"{label} ({escaped})")
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not problems, _report(problems)


def _report(problems: dict[str, set[str]]) -> str:
    lines = [
        f"{problem}  <- {', '.join(sorted(labels)[:6])}"
        for problem, labels in sorted(problems.items())
    ]
    return f"{len(lines)} distinct escape(s):\n" + "\n".join(lines[:300])
