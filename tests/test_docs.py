"""Every code example in README.md and docs/ runs, in order, in one namespace per page.

``pycon`` blocks are doctests (their output is checked); ``python`` blocks are
executed as scripts. Other fences (bash, toml, text...) are not Python. A page
may not hide Python in an unlabelled fence.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
FENCE = re.compile(
    r"^(?P<indent> *)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```",
    re.MULTILINE | re.DOTALL,
)
NOT_PYTHON = {"bash", "console", "text", "toml", "yaml", "json", "ini", "mermaid"}
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def _blocks(page: Path) -> list[tuple[str, str, int]]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        language = match["info"].strip().split(" ")[0]
        indent = len(match["indent"])
        body = "\n".join(line[indent:] for line in match["body"].splitlines())
        line = text.count("\n", 0, match.start()) + 2
        found.append((language, body, line))
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(page: Path) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for language, body, line in _blocks(page):
        where = f"{page.relative_to(ROOT)}:{line}"
        assert language, f"{where}: label every code fence (pycon, python, bash...)"
        if language == "pycon":
            test = parser.get_doctest(body, namespace, where, str(page), line - 1)
            assert test.examples, f"{where}: a pycon block without >>> examples"
            result = runner.run(test, clear_globs=False)
            namespace.update(test.globs)  # DocTest ran on a copy
            assert not result.failed, f"{where}: {result.failed} example(s) failed"
        elif language == "python":
            exec(compile(body, where, "exec"), namespace)  # noqa: S102 - our own docs
        else:
            assert language in NOT_PYTHON, f"{where}: unknown fence {language!r}"
