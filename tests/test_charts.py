"""The docs' charts are drawn from the library's results at build time."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.text import Annotation

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

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


def _figures() -> dict[str, Figure]:
    figures: dict[str, Callable[[], Figure]] = _charts().FIGURES
    return {name: draw() for name, draw in figures.items()}


def _labels(figure: Figure) -> list[tuple[str, Bbox]]:
    """Every visible piece of text in the figure, with where it is drawn."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    found = []
    for axes in figure.axes:
        texts = [
            *axes.texts,
            axes.title,
            *axes.get_xticklabels(which="both"),
            *axes.get_yticklabels(),
        ]
        found += [
            (text.get_text(), text.get_window_extent(renderer))
            for text in texts
            if text.get_visible() and text.get_text().strip()
        ]
    return found


@pytest.mark.parametrize("name", ["case-a-waterfall.svg", "case-a-pareto.svg"])
def test_no_two_labels_overlap(name: str) -> None:
    figure = _figures()[name]
    figure.canvas.draw()
    labels = _labels(figure)
    overlaps = [
        (first, second)
        for index, (first, box) in enumerate(labels)
        for second, other in labels[index + 1 :]
        if box.overlaps(other)
    ]
    assert len(labels) > 10
    assert overlaps == []


def test_the_sawtooth_legend_sits_under_the_plot_not_beside_it() -> None:
    figure = _figures()["case-a-sawtooth.svg"]
    figure.canvas.draw()
    (axes,) = figure.axes
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    legend = axes.get_legend()
    assert legend is not None
    plot = axes.get_window_extent(renderer)
    box = legend.get_window_extent(renderer)
    assert box.x0 >= plot.x0
    assert box.x1 <= plot.x1
    assert box.y1 <= plot.y0  # below the plot


def test_the_sawtooth_order_arrows_are_drawn_in_ink() -> None:
    figure = _figures()["case-a-sawtooth.svg"]
    (axes,) = figure.axes
    arrows = [
        text.arrow_patch
        for text in axes.texts
        if isinstance(text, Annotation) and text.arrow_patch is not None
    ]
    assert len(arrows) >= 2  # one per projected order
    for arrow in arrows:
        assert arrow.get_linewidth() >= 1.5
        assert to_hex(arrow.get_edgecolor()) == _charts().INK


def test_no_pareto_label_covers_a_point() -> None:
    figure = _figures()["case-a-pareto.svg"]
    figure.canvas.draw()
    (axes,) = figure.axes
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    pixels_per_point = figure.dpi / 72
    points = []  # (x, y, radius) in pixels, one per option
    for collection in axes.collections:
        assert isinstance(collection, PathCollection)  # a scatter's points
        (size,) = collection.get_sizes()
        for x, y in axes.transData.transform(collection.get_offsets()):
            points.append((x, y, size**0.5 / 2 * pixels_per_point))
    labels = [text.get_window_extent(renderer) for text in axes.texts]
    assert len(points) == len(labels) == 5
    covered = [
        (text.get_text(), (x, y))
        for text, box in zip(axes.texts, labels, strict=True)
        for x, y, radius in points
        # the nearest point of the box to the centre is inside the circle
        if (min(max(x, box.x0), box.x1) - x) ** 2
        + (min(max(y, box.y0), box.y1) - y) ** 2
        < radius**2
    ]
    assert covered == []
