"""Run every benchmark module (``benchmarks/bench_*.py``) and print ratios.

Usage: ``python benchmarks/run.py [--quick] [--module name] [name-filter]``.
``--quick`` runs each case once (CI uses it to keep the benchmarks working);
without it, each case is timed several times and the best time is kept.
``--module`` runs only the modules whose name holds it.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _harness import HEADER, Case, run  # noqa: E402


def _modules() -> list[Path]:
    return sorted(HERE.glob("bench_*.py"))


def _cases(path: Path, *, quick: bool) -> list[Case]:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases: list[Case] = module.cases(quick=quick)
    return cases


def main() -> int:
    """Run the benchmarks and print one table per module."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="run each case once")
    parser.add_argument("filter", nargs="?", default="", help="only matching cases")
    parser.add_argument(
        "--module", default="", help="only modules whose name holds this (frames_kpi)"
    )
    args = parser.parse_args()
    for path in _modules():
        if args.module not in path.stem:
            continue  # not even built: some modules prepare large tables
        print(f"\n{path.stem}\n{HEADER}")
        for case in _cases(path, quick=args.quick):
            if args.filter in case.name:
                print(run(case, quick=args.quick).row(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
