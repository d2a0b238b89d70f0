"""The public surface and a corpus of valid calls to it (shared by tests).

:func:`targets` lists every public callable: each function in the ``__all__``
of every public module, each public class, and the public methods and
properties of those classes (with ``__init__`` and the arithmetic dunders).

:func:`corpus` records real, valid calls to those targets. It runs every
docstring example of the library, every example page of the docs and the
two worked cases with a profiler hook that notes each call whose code object
belongs to a target, with the arguments it received. Calls are replayed by
the hostile-context test (same answers under any decimal context) and
mutated by the hostile-input test (only ``XborderError`` escapes).
"""

from __future__ import annotations

import doctest
import enum
import functools
import importlib
import inspect
import io
import pkgutil
import sys
from collections.abc import Iterator
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import attrs

import xborder
from xborder._guard import is_guarded

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

# Test tooling, not calculators: strategies raise Hypothesis' own errors by
# design, and the CLI prints and exits.
EXCLUDED_MODULES = ("xborder.testing", "xborder.cli", "xborder.errors")
# Dunders that take part in the walk (besides every public method).
DUNDERS = (
    "__init__",
    "__add__",
    "__sub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__neg__",
    "__abs__",
    "__str__",
    "__repr__",
    "__format__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__iter__",
    "__len__",
    "__getitem__",
    "__contains__",
)
PER_TARGET = 12  # recorded calls kept per target


@dataclass(frozen=True)
class Target:
    """A public callable: ``qualname`` is how a user reaches it."""

    qualname: str
    call: Callable[..., Any]  # for methods, the function taking ``self`` first
    kind: str  # "function", "class", "method" or "property"
    owner: type | None = None

    def owner_mro(self) -> tuple[type, ...]:
        """The classes the target's class inherits from (none for a function)."""
        return self.owner.__mro__ if self.owner is not None else ()

    @property
    def package(self) -> str:
        """The area it belongs to (``pricing``, ``kpi``...)."""
        home = getattr(inspect.unwrap(self.call), "__module__", "") or "xborder"
        parts = home.split(".")
        return parts[1].lstrip("_") if len(parts) > 1 else parts[0]


@dataclass
class Call:
    """One recorded call: ``target.call(*args, **kwargs)``."""

    target: Target
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)

    def __call__(self) -> object:
        """Make the call again."""
        return self.target.call(*self.args, **self.kwargs)

    def label(self) -> str:
        """A short name for reports."""
        return self.target.qualname


def public_modules() -> list[str]:
    """Every public module of xborder, except the excluded tooling."""
    found = sorted(
        info.name
        for info in pkgutil.walk_packages(xborder.__path__, prefix="xborder.")
        if not any(part.startswith("_") for part in info.name.split("."))
    )
    names = ["xborder", *found]
    return [name for name in names if not name.startswith(EXCLUDED_MODULES)]


@functools.cache
def targets() -> tuple[Target, ...]:
    """Every public callable, once (the first module that exports it names it)."""
    found: dict[int, Target] = {}
    for module_name in public_modules():
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            qualname = f"{module_name}.{name}"
            if id(value) in found or not _ours(value):
                continue
            if isinstance(value, type):
                if issubclass(value, BaseException | enum.Enum):
                    continue  # errors, and enums: constants, not calculators
                found[id(value)] = Target(qualname, value, "class", value)
                for member in _members(value, qualname):
                    found.setdefault(id(member.call), member)
            elif callable(value):
                found[id(value)] = Target(qualname, value, "function")
    return tuple(found.values())


def _ours(value: object) -> bool:
    return getattr(value, "__module__", "").startswith("xborder")


def _members(cls: type, qualname: str) -> Iterator[Target]:
    for name in sorted(set(dir(cls))):
        if name.startswith("_") and name not in DUNDERS:
            continue
        if name == "__init__" or _inherited_from_outside(cls, name):
            continue
        attribute = inspect.getattr_static(cls, name)
        where = f"{qualname}.{name}"
        if isinstance(attribute, property) and attribute.fget is not None:
            yield Target(where, attribute.fget, "property", cls)
        elif isinstance(attribute, staticmethod | classmethod):
            yield Target(where, getattr(cls, name), "function", cls)
        elif inspect.isfunction(attribute):
            yield Target(where, attribute, "method", cls)


def _inherited_from_outside(cls: type, name: str) -> bool:
    for klass in cls.__mro__:
        if name in vars(klass):
            return not klass.__module__.startswith("xborder")
    return True


def unguarded() -> list[str]:
    """Public callables that do not run in xborder's own context."""
    return [target.qualname for target in targets() if not _runs_guarded(target)]


def _runs_guarded(target: Target) -> bool:
    if target.kind == "class":
        return all(is_guarded(k) for k in target.owner_mro() if _ours(k))
    if target.owner is None:
        return is_guarded(target.call)
    return is_guarded(target.call) or _context_free_owner(target)


def _context_free_owner(target: Target) -> bool:
    name = target.qualname.rsplit(".", 1)[1]
    for klass in target.owner.__mro__ if target.owner else ():
        if name in vars(klass):
            return bool(vars(klass).get("__xborder_context_free__"))
    return False


# -- recording ---------------------------------------------------------------


def _code_map() -> dict[int, Target]:
    # Keyed by identity: code objects compare equal across classes whose
    # generated __init__ reads the same, so equality would mix them up.
    codes: dict[int, Target] = {}
    for target in targets():
        function = target.call
        if target.kind == "class":
            function = target.call.__init__
        function = getattr(function, "__func__", function)
        original = inspect.unwrap(function)
        code = getattr(original, "__code__", None)
        if code is not None:
            codes.setdefault(id(code), target)
    return codes


class _Recorder:
    def __init__(self) -> None:
        self.codes = _code_map()
        self.calls: dict[str, list[Call]] = {}

    def __call__(self, frame: FrameType, event: str, arg: object) -> None:
        del arg
        if event != "call":
            return
        target = self.codes.get(id(frame.f_code))
        if target is None:
            return
        kept = self.calls.setdefault(target.qualname, [])
        if len(kept) >= PER_TARGET:
            return
        call = _bind(target, frame)
        if call is not None:
            kept.append(call)


def _bind(target: Target, frame: FrameType) -> Call | None:
    code = frame.f_code
    local = frame.f_locals
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    positional = code.co_varnames[: code.co_argcount]
    values = [local[name] for name in positional]
    kwargs = {name: local[name] for name in names[code.co_argcount :] if name in local}
    flags = code.co_flags
    index = code.co_argcount + code.co_kwonlyargcount
    if flags & inspect.CO_VARARGS:
        values.extend(local[code.co_varnames[index]])
        index += 1
    if flags & inspect.CO_VARKEYWORDS:
        kwargs.update(local[code.co_varnames[index]])
    if target.kind == "class":
        # The attrs __init__: drop self, pass everything by keyword.
        init_names = positional[1:]
        kwargs = {**dict(zip(init_names, values[1:], strict=True)), **kwargs}
        values = []
    if isinstance(target.call, classmethod | staticmethod) or _bound_classmethod(
        target
    ):
        values = values[1:]  # cls is bound already
    if any(_one_shot(v) for v in (*values, *kwargs.values())):
        return None  # an iterator would be empty on replay
    return Call(target, tuple(values), kwargs)


def _bound_classmethod(target: Target) -> bool:
    return inspect.ismethod(target.call) and isinstance(target.call.__self__, type)


def _one_shot(value: object) -> bool:
    return isinstance(value, Iterator)


def _doctests() -> Iterator[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    for info in pkgutil.walk_packages(xborder.__path__, prefix="xborder."):
        if info.name.startswith(EXCLUDED_MODULES):
            continue
        module = importlib.import_module(info.name)
        yield from finder.find(module)


def _run_examples(recorder: _Recorder) -> None:
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    with redirect_stdout(io.StringIO()):
        for test in _doctests():
            sys.setprofile(recorder)
            try:
                runner.run(test, out=lambda _text: None)
            finally:
                sys.setprofile(None)
        _run_pages(recorder)


def _run_pages(recorder: _Recorder) -> None:
    from pages import PAGES, run_page  # noqa: PLC0415 - tests/pages.py

    for page in PAGES:
        sys.setprofile(recorder)
        try:
            run_page(page)
        except Exception:  # noqa: BLE001, S110 - the docs tests judge pages
            pass
        finally:
            sys.setprofile(None)


@functools.cache
def corpus() -> tuple[Call, ...]:
    """Valid calls to the public surface, recorded from the examples.

    Then, on every public object those calls return, each property and each
    method that needs no argument, ``repr`` and ``str`` included.
    """
    recorder = _Recorder()
    _run_examples(recorder)
    calls = recorder.calls
    for call in [c for kept in calls.values() for c in kept]:
        for derived in _derived(call):
            kept = calls.setdefault(derived.target.qualname, [])
            if len(kept) < PER_TARGET:
                kept.append(derived)
    return tuple(call for kept in calls.values() for call in kept)


def _derived(call: Call) -> Iterator[Call]:
    try:
        result = call()
    except Exception:  # noqa: BLE001 - a recorded call may raise by design
        return
    values = result if isinstance(result, tuple) else (result,)
    for value in values:
        for target in _no_argument_members(type(value)):  # type: ignore[arg-type]
            yield Call(target, (value,))
        rebuilt = _rebuilt(value)
        if rebuilt is not None:
            yield rebuilt


def _rebuilt(value: object) -> Call | None:
    """``type(value)(**its init fields)``: a result rebuilt from its parts."""
    kind = type(value)
    target = _class_targets().get(kind)
    if target is None or not attrs.has(kind):
        return None
    fields = attrs.fields(kind)
    kwargs = {f.alias: getattr(value, f.name) for f in fields if f.init}
    return Call(target, (), kwargs)


@functools.cache
def _class_targets() -> dict[type, Target]:
    return {t.owner: t for t in targets() if t.kind == "class" and t.owner}


@functools.cache
def _no_argument_members(cls: type) -> tuple[Target, ...]:
    return tuple(
        target
        for target in targets()
        if target.owner is not None
        and target.owner in cls.__mro__
        and target.kind in {"method", "property"}
        and _needs_only_self(target.call)
    )


def _needs_only_self(function: Callable[..., Any]) -> bool:
    try:
        parameters = list(inspect.signature(function).parameters.values())[1:]
    except (TypeError, ValueError):
        return False
    return all(
        p.default is not p.empty or p.kind in {p.VAR_POSITIONAL, p.VAR_KEYWORD}
        for p in parameters
    )


def uncovered() -> list[str]:
    """Targets no recorded call reaches."""
    reached = {call.target.qualname for call in corpus()}
    return [t.qualname for t in targets() if t.qualname not in reached]
