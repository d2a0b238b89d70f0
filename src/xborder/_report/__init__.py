"""The reports behind ``python -m xborder`` (private; pure: they build text).

Each case module renders the primer's worked case from the embedded data in
:mod:`xborder.examples`, formatting money for the locale it is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder._report import case_a, case_b

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["REPORTS"]

REPORTS: dict[str, Callable[..., str]] = {"a": case_a.render, "b": case_b.render}
"""Renderers by case letter: ``REPORTS["b"](locale="de_DE")``."""
