"""What mypy must reject (and accept) in code that uses xborder.

The py-moneyed practice: pin the static errors, so a misuse such as a float
amount is caught before any test runs, and an annotation change that would
let it through fails here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mypy import api

if TYPE_CHECKING:
    from pathlib import Path

MISUSE = """
from decimal import Decimal
from xborder import Money, Dimensions, RoundingMode
Money(1.5, "EUR")
Money("1", "EUR") * 1.5
Money("1", "EUR") + Decimal(1)
Money("1", "EUR").quantize("HALF_UP")
Dimensions(length=30, width="1 cm", height="1 cm")
"""

FINE = """
from decimal import Decimal
from xborder import Money, RoundingMode
ratio: Decimal = Money("1", "EUR") / Money("2", "EUR")
share: Money = Money("1", "EUR") / 2
total: Money = Money("1", "EUR") * Decimal("1.19") + Money("2", "EUR")
rounded: Money = total.quantize(RoundingMode.HALF_UP)
"""


def _mypy(source: str, tmp_path: Path) -> list[tuple[str, str]]:
    path = tmp_path / "snippet.py"
    path.write_text(source, encoding="utf-8")
    stdout, _, _ = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path), str(path)]
    )
    pattern = r"snippet\.py:(\d+): error: .*\[([a-z-]+)\]"
    found: list[tuple[str, str]] = re.findall(pattern, stdout)
    return found


def test_misuses_are_static_errors(tmp_path: Path) -> None:
    assert _mypy(MISUSE, tmp_path) == [
        ("4", "arg-type"),  # a float amount
        ("5", "operator"),  # Money * float
        ("6", "operator"),  # Money + Decimal
        ("7", "arg-type"),  # a rounding mode as a string
        ("8", "arg-type"),  # a bare number where a quantity belongs
    ]


def test_correct_uses_type_check_with_precise_results(tmp_path: Path) -> None:
    assert _mypy(FINE, tmp_path) == []
