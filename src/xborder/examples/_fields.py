"""Field checks the worked cases' result models share (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from xborder._validate import instance_of

if TYPE_CHECKING:
    from collections.abc import Callable

    import attrs

__all__ = ["is_a"]

_T = TypeVar("_T")


def is_a(kind: type[_T]) -> Callable[[Any, attrs.Attribute[_T], _T], None]:
    """Validator: the field holds a ``kind``; the error names the field.

    :func:`xborder._validate.instance_of`, typed so that mypy's attrs plugin
    keeps the field's declared type.
    """
    return instance_of(kind)
