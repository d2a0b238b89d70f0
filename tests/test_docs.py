"""Every code example in README.md and docs/ runs, in order, in one namespace per page.

See ``tests/pages.py`` for the rules a page's fences follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pages import PAGES, ROOT, run_page

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(page: Path) -> None:
    run_page(page)
