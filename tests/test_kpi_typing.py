"""mypy must force callers to rule out UNDEFINED before using a KPI as a number."""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

from mypy import api

if TYPE_CHECKING:
    from pathlib import Path

SNIPPET = textwrap.dedent(
    """
    from decimal import Decimal
    from xborder.kpi import UNDEFINED, acos
    from xborder.money import Money

    ratio = acos(spend=Money("1", "USD"), sales=Money("4", "USD"))
    value = ratio.value
    a = value + 1                      # error: operator
    b = value < Decimal("0.3")         # error: operator
    c = float(value)                   # error: arg-type
    d = value == 0                     # allowed: False when undefined, never "is 0"
    e = Decimal(value)                 # error: arg-type
    if value is not UNDEFINED:
        fine = value * 100             # narrowed: no error
    also_fine = ratio.value_or(Decimal(0)) + 1
    """
)


def test_mypy_rejects_undefined_used_as_a_number(tmp_path: Path) -> None:
    source = tmp_path / "misuse.py"
    source.write_text(SNIPPET, encoding="utf-8")
    stdout, _, status = api.run(
        [
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "--no-error-summary",
            "--hide-error-context",
            str(source),
        ]
    )
    assert status == 1
    lines = {int(match[1]) for match in re.finditer(r"misuse\.py:(\d+): error", stdout)}
    # Every misuse line (and only those) is an error.
    assert lines == {8, 9, 10, 12}, stdout
