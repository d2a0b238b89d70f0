"""Hypothesis entry point: makes ``st.from_type(Money)`` work in any project.

Declared in ``pyproject.toml`` under ``[project.entry-points.hypothesis]``;
Hypothesis calls the hook when it is imported, and only then. The hook imports
no pint: quantities are built when drawn.
"""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    # Imported here, not at module level: Hypothesis imports this module
    # while it is itself being imported.
    from hypothesis import strategies as st  # noqa: PLC0415

    from xborder.testing.strategies import _registered  # noqa: PLC0415

    for model, strategy in _registered().items():
        st.register_type_strategy(model, strategy())
