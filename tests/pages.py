"""Running a documentation page's code examples (shared by the docs tests).

``pycon`` blocks are doctests (their output is checked); ``python`` blocks are
executed as scripts. Other fences (bash, toml, text...) are not Python. A page
may not hide Python in an unlabelled fence. All blocks of a page run in order
in one namespace, which is returned so tests can compare a page's figures
with other results.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
FENCE = re.compile(
    r"^(?P<indent> *)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```",
    re.MULTILINE | re.DOTALL,
)
NOT_PYTHON = {"bash", "console", "text", "toml", "yaml", "json", "ini", "mermaid"}
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


class PageError(AssertionError):
    """A page's example failed, or a fence breaks the rules above."""


def blocks(page: Path) -> list[tuple[str, str, int]]:
    """The page's fenced blocks: (language, body, line of the first body line)."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        language = match["info"].strip().split(" ")[0]
        indent = len(match["indent"])
        body = "\n".join(line[indent:] for line in match["body"].splitlines())
        line = text.count("\n", 0, match.start()) + 2
        found.append((language, body, line))
    return found


def run_page(page: Path) -> dict[str, object]:
    """Run every example of ``page`` in order; return the namespace they built."""
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for language, body, line in blocks(page):
        where = f"{page.relative_to(ROOT)}:{line}"
        if not language:
            raise PageError(f"{where}: label every code fence (pycon, python, bash...)")
        if language == "pycon":
            test = parser.get_doctest(body, namespace, where, str(page), line - 1)
            if not test.examples:
                raise PageError(f"{where}: a pycon block without >>> examples")
            result = runner.run(test, clear_globs=False)
            namespace.update(test.globs)  # DocTest ran on a copy
            if result.failed:
                raise PageError(f"{where}: {result.failed} example(s) failed")
        elif language == "python":
            exec(compile(body, where, "exec"), namespace)  # noqa: S102 - our own docs
        elif language not in NOT_PYTHON:
            raise PageError(f"{where}: unknown fence {language!r}")
    return namespace
