"""Hypothesis entry point: makes ``st.from_type(Money)`` work in any project.

Declared in ``pyproject.toml`` under ``[project.entry-points.hypothesis]``;
Hypothesis calls the hook when it is imported, and only then. The hook imports
no pint: quantities are built when drawn.
"""

from __future__ import annotations

import sys

__all__: list[str] = []

_STRATEGIES = "xborder.testing.strategies"


def _hypothesis_setup_hook() -> None:
    # When importing xborder's strategies is what imported Hypothesis, the
    # strategies package is still half-built here; it registers its models
    # itself once it is complete (see the end of its __init__).
    loading = sys.modules.get(_STRATEGIES)
    if loading is not None and not hasattr(loading, "register_models"):
        return
    from xborder.testing.strategies import register_models  # noqa: PLC0415

    register_models()
