"""Docstring examples sit under an ``Examples:`` section.

mkdocstrings renders an ``Examples:`` section as highlighted code; a bare
``>>>`` block outside one is read as Markdown, where ``>`` quotes: the
reference pages showed examples as triply nested block quotes, and an output
line such as ``[200]`` under ``[s.quantity for s in ...]`` became a broken
cross-reference that failed ``mkdocs build --strict``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

SOURCE = Path(__file__).resolve().parent.parent / "src" / "xborder"
_EXAMPLES = re.compile(r"^\s*Examples?:\s*$")
_Documented = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef


def _docstrings() -> Iterator[tuple[str, str]]:
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, _Documented):
                doc = ast.get_docstring(node, clean=False)
                if doc and ">>>" in doc:
                    name = getattr(node, "name", "<module>")
                    yield f"{path.relative_to(SOURCE)}:{name}", doc


def _bare_example(doc: str) -> bool:
    lines = doc.splitlines()
    first = next(i for i, line in enumerate(lines) if ">>>" in line)
    return not any(_EXAMPLES.match(line) for line in lines[:first])


def test_examples_are_under_an_examples_section() -> None:
    documented = dict(_docstrings())
    assert len(documented) > 300  # the walk finds the library's examples
    bare = [where for where, doc in documented.items() if _bare_example(doc)]
    assert bare == [], "put these >>> blocks under 'Examples:'"
