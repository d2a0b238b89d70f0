"""Every public name runs in xborder's own decimal context (private).

A caller may run with ``decimal.localcontext(prec=5)``, ROUND_FLOOR, every
trap on, or ``capitals=0``. Plain Decimal operators and ``str()`` follow the
current context, so without a guard such a caller would get different
answers, bare ``decimal.Inexact`` exceptions, or flags set in its context.

:func:`guard_public`, called at the end of every public module, wraps each
function in the module's ``__all__`` and each method and property of its
classes so that the call runs in :data:`xborder._exact.OWN` and the caller's
context (settings and flags) is restored untouched afterwards. Calls made
from inside a guarded call pay only an identity check. Generators are driven
step by step inside the context.

A class whose methods are written context-free (explicit contexts, no plain
operators; ``Money`` on the hot path), or a function that is (the converters
every model runs, a constructor of results already checked), says so with
:func:`context_free`: it stays unwrapped, so it costs nothing on a hot path.
The hostile-context test checks that claim.
"""

from __future__ import annotations

import enum
import functools
import inspect
import sys
from decimal import getcontext, setcontext
from typing import TYPE_CHECKING, Any, TypeVar

from xborder._exact import OWN

if TYPE_CHECKING:
    from collections.abc import Callable, Generator

__all__ = ["context_free", "guard_public", "guarded", "is_guarded"]

_T = TypeVar("_T")
_MARK = "__xborder_guarded__"
_FREE = "__xborder_context_free__"

# Dunder methods that compute or print Decimals; ``__eq__``/``__hash__`` and
# the rich comparisons of Decimals ignore the context, and wrapping them
# would slow every dict look-up.
_DUNDERS = frozenset(
    {
        "__init__",
        "__str__",
        "__repr__",
        "__format__",
        "__add__",
        "__radd__",
        "__sub__",
        "__rsub__",
        "__mul__",
        "__rmul__",
        "__truediv__",
        "__rtruediv__",
        "__neg__",
        "__pos__",
        "__abs__",
        "__iter__",
        "__len__",
        "__getitem__",
        "__contains__",
    }
)


def guarded(function: Callable[..., _T]) -> Callable[..., _T]:
    """Wrap ``function`` so that it runs in xborder's own decimal context."""
    if getattr(function, _MARK, False):
        return function
    if inspect.isgeneratorfunction(function):
        wrapper = _generator(function)
    else:

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> _T:  # noqa: ANN401
            caller = getcontext()
            if caller is OWN:
                return function(*args, **kwargs)
            setcontext(OWN)
            try:
                return function(*args, **kwargs)
            finally:
                setcontext(caller)

    setattr(wrapper, _MARK, True)
    return wrapper


def _generator(function: Callable[..., Generator[_T]]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Generator[_T]:  # noqa: ANN401
        steps = _in_context(function, args, kwargs)
        while True:
            try:
                item = _in_context(next, (steps,), {})
            except StopIteration as stop:
                return stop.value  # type: ignore[no-any-return]
            yield item

    return wrapper


def _in_context(function: Callable[..., _T], args: Any, kwargs: Any) -> _T:  # noqa: ANN401
    caller = getcontext()
    if caller is OWN:
        return function(*args, **kwargs)
    setcontext(OWN)
    try:
        return function(*args, **kwargs)
    finally:
        setcontext(caller)


def context_free(value: _T) -> _T:
    """Class or function decorator: it uses explicit contexts; leave it unwrapped."""
    setattr(value, _FREE, True)
    return value


def is_guarded(value: object) -> bool:
    """Whether ``value`` (a function or class) runs in xborder's context."""
    if isinstance(value, type):
        return bool(value.__dict__.get(_FREE) or value.__dict__.get(_MARK))
    return bool(getattr(value, _MARK, False) or getattr(value, _FREE, False))


def guard_public(module_name: str) -> None:
    """Guard every function and class in ``module_name.__all__``, in place.

    A function defined in a private module is replaced there too, so the
    public module that re-exports it and the defining module agree.
    """
    module = sys.modules[module_name]
    namespace = vars(module)  # not getattr: lazily loaded names stay unloaded
    for name in namespace.get("__all__", ()):
        value = namespace.get(name)
        if isinstance(value, type):
            _guard_class(value)
        elif callable(value) and not getattr(value, _FREE, False):
            # functions, and functools.cache wrappers
            wrapped = guarded(value)
            setattr(module, name, wrapped)
            _replace_at_home(value, wrapped)


def _replace_at_home(function: Callable[..., Any], wrapped: object) -> None:
    home = sys.modules.get(getattr(function, "__module__", ""))
    name = getattr(function, "__name__", "")
    if home is not None and getattr(home, name, None) is function:
        setattr(home, name, wrapped)


def _guard_class(cls: type) -> None:
    for klass in cls.__mro__:
        if not klass.__module__.startswith("xborder") or _skip(klass):
            continue
        for name, member in list(vars(klass).items()):
            if name.startswith("_") and name not in _DUNDERS:
                continue
            replacement = _guarded_member(member)
            if replacement is not None:
                setattr(klass, name, replacement)
        setattr(klass, _MARK, True)


def _skip(klass: type) -> bool:
    return bool(
        klass.__dict__.get(_MARK)
        or klass.__dict__.get(_FREE)
        or issubclass(klass, enum.Enum | BaseException)
    )


def _guarded_member(member: object) -> object | None:
    if inspect.isfunction(member):
        return guarded(member)
    if isinstance(member, property) and member.fget is not None:
        return property(guarded(member.fget), member.fset, member.fdel, member.__doc__)
    if isinstance(member, classmethod | staticmethod):
        return type(member)(guarded(member.__func__))
    return None
