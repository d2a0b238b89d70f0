"""MathJax served from the site itself, never from a CDN.

An MkDocs hook (see ``hooks:`` in ``mkdocs.yml``): it adds MathJax 3's
browser files, shipped on the package index by ``django-static-mathjax`` (the
``docs`` extra; it needs no Django), to the site under ``assets/mathjax/``.
The formulas then render offline, from a file:// copy of the site too.

The SVG output is used: its glyphs are inside ``tex-svg.js``, so no web font
is fetched (a browser refuses fonts from file:// pages, and CHTML output then
shows blanks). Only what ``tex-svg.js`` loads is copied: the component, the
TeX extensions ``autoload`` fetches on demand (``\\cancel``,
``\\boldsymbol``…) and the menu's accessibility parts (about 3.5 MB in all,
against 24 MB for the whole distribution).
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

__all__ = ["FOLDER", "SCRIPT", "on_files"]

FOLDER = "assets/mathjax"
SCRIPT = f"{FOLDER}/tex-svg.js"
_KEEP = ("tex-svg.js", "input/tex/extensions/", "ui/", "a11y/")


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in folder.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.extend(_walk(entry, f"{name}/"))
        elif name.startswith(_KEEP):
            found.append((name, entry))
    return found


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """MkDocs hook: add MathJax's browser files to the site."""
    from mkdocs.structure.files import File  # noqa: PLC0415 - only under MkDocs

    es5 = resources.files("mathjax") / "static" / "mathjax" / "es5"
    for name, entry in _walk(es5):
        files.append(
            File.generated(config, f"{FOLDER}/{name}", content=entry.read_bytes())
        )
    return files
