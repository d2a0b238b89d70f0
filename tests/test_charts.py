"""The docs' charts are drawn from the library's results at build time."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

import pytest

if TYPE_CHECKING:
    from types import ModuleType

HOOK = Path(__file__).resolve().parent.parent / "docs" / "hooks" / "charts.py"
DOCS = HOOK.parent.parent


def _charts() -> ModuleType:
    spec = importlib.util.spec_from_file_location("xborder_docs_charts", HOOK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    charts: dict[str, bytes] = _charts().render_all()
    return charts


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("case-a-waterfall.svg", "Contribution"),
        ("case-a-pareto.svg", "Dedicated line"),
        ("case-a-sawtooth.svg", "reorder point (1442)"),
        ("case-b-cash.svg", "peak €11,372"),
    ],
)
def test_each_chart_is_a_valid_svg_drawn_from_the_results(
    rendered: dict[str, bytes], name: str, text: str
) -> None:
    svg = rendered[name]
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.tag.endswith("svg")
    assert text.encode() in svg


def test_charts_are_reproducible(rendered: dict[str, bytes]) -> None:
    assert _charts().render_all() == rendered


def test_every_chart_is_used_by_a_page_and_every_used_chart_exists(
    rendered: dict[str, bytes],
) -> None:
    pages = "".join(page.read_text(encoding="utf-8") for page in DOCS.rglob("*.md"))
    used = {name for name in rendered if f"assets/charts/{name}" in pages}
    assert used == set(rendered)
