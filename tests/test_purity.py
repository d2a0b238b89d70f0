"""xborder is a functional core: no I/O, no clock, no environment, no randomness."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "xborder"
MODULES = sorted(SRC.rglob("*.py"))
# The entry point is the one place that prints.
PRINTING = {SRC / "__main__.py", SRC / "cli.py"}

BANNED_CALLS = {"open", "print", "input", "exec", "eval", "breakpoint", "__import__"}
BANNED_MODULES = {
    "asyncio",
    "http",
    "io",
    "logging",
    "os",
    "pathlib",
    "random",
    "requests",
    "secrets",
    "shutil",
    "socket",
    "sqlite3",
    "ssl",
    "subprocess",
    "tempfile",
    "time",
    "urllib",
}
BANNED_ATTRIBUTES = {
    "now",
    "today",
    "utcnow",
    "ito",
    "ito_base_units",
    "ito_reduced_units",
}


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_io_calls_or_ambient_inputs(path: Path) -> None:
    tree = _tree(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "print" and path in PRINTING:
                continue
            assert node.func.id not in BANNED_CALLS, f"{path}:{node.lineno}"
        if isinstance(node, ast.Attribute):
            assert node.attr not in BANNED_ATTRIBUTES, f"{path}:{node.lineno}"
    assert not _imports(tree) & BANNED_MODULES, path


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_layering(path: Path) -> None:
    imported = _imports(_tree(path))
    relative = path.relative_to(SRC)
    if "pint" in imported:
        assert relative == Path("units.py"), "only units.py touches pint"
    if imported & {"hypothesis", "pytest"}:
        assert relative.parts[0] == "testing", "only xborder.testing uses hypothesis"


def test_import_xborder_pulls_in_no_test_tools_no_pint_and_no_calculators() -> None:
    # The areas load on first use, so `import xborder` costs the money core.
    code = (
        "import sys, xborder\n"
        "bad = {'hypothesis', 'pytest', 'pint', 'xborder.testing.strategies',\n"
        "       'xborder.customs', 'xborder.landed_cost', 'xborder.logistics',\n"
        "       'xborder.pricing', 'xborder.inventory', 'xborder.kpi',\n"
        "       'xborder.forecast', 'scipy', 'numpy'}\n"
        "print(sorted(bad & set(sys.modules)))\n"
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
