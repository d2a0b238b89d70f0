"""``xborder`` / ``python -m xborder``: print a worked case (the only code that prints).

``xborder`` is the console command ``pip install`` puts on the path
(``[project.scripts]`` in ``pyproject.toml``); ``python -m xborder`` runs the
same :func:`main` through ``xborder/__main__.py``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from xborder._report import REPORTS
from xborder.errors import XborderError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None, *, prog: str = "xborder") -> int:
    """Parse ``argv``, print the report and return the exit status.

    ``prog`` is the command's name in ``--help`` and in error messages.
    """
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Print one of the primer's worked cases, computed on embedded, "
            "illustrative data: a (default) the marketplace seller of phone "
            "holders, b the eco home-goods brand on its own site."
        ),
    )
    parser.add_argument(
        "--case", choices=sorted(REPORTS), default="a", help="which case (default a)"
    )
    parser.add_argument(
        "--locale",
        default="en_US",
        help="CLDR locale to format amounts for, e.g. de_DE or ja-JP (default en_US)",
    )
    args = parser.parse_args(argv)
    try:
        text = REPORTS[args.case](locale=args.locale)
    except XborderError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 2
    print(text)
    return 0
