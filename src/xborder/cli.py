"""``python -m xborder``: print the worked example (the only code that prints)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from xborder._report import report

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, print the report and return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m xborder",
        description="Print xborder's worked example, computed on embedded data.",
    )
    parser.parse_args(argv)
    print(report())
    return 0
