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


# Results whose optional parts are present by construction are typed so
# (issue 18): a solved market price always has its waterfalls and solution;
# a deadline asked for with if_never_out="raise" is always there.
NO_NARROWING = """
from decimal import Decimal
from typing import assert_type
from xborder.inventory import (
    Demand, LeadTime, OrderDeadline, StockPosition, latest_order_date,
)
from xborder.money import Money
from xborder.pricing import (
    FeeSchedule, Listing, Market, PriceEnding, PriceSolution, UnitCosts,
    UnitEconomics, price_for_margin,
)
listing = Listing(
    fees=FeeSchedule(name="Own site", currency="USD"),
    costs=UnitCosts(landed=Money("9.00", "USD")),
)
us = Market(name="US", currency="USD", ending=PriceEnding.ends_in("0.99"),
            listing=listing)
solved = price_for_margin(us, "0.3")
assert_type(solved.economics, UnitEconomics)
assert_type(solved.economics_before_ending, UnitEconomics)
assert_type(solved.solution, PriceSolution)
contribution: Money = solved.economics.contribution
assert_type(listing.price_for_margin("0.3").economics, UnitEconomics)
forecast, deadline = latest_order_date(
    StockPosition(on_hand=900), Demand(mean=20, period="1 day"),
    LeadTime.single("30 days"), as_of="2026-10-01", if_never_out="raise",
)
assert_type(deadline, OrderDeadline)
print(deadline.order_by, contribution)
"""

STILL_OPTIONAL = """
from xborder.inventory import Demand, LeadTime, StockPosition, latest_order_date
forecast, deadline = latest_order_date(
    StockPosition(on_hand=900), Demand(mean=0, period="1 day"),
    LeadTime.single("30 days"), as_of="2026-10-01",
)
deadline.order_by
latest_order_date(
    StockPosition(on_hand=900), Demand(mean=0, period="1 day"),
    LeadTime.single("30 days"), as_of="2026-10-01", if_never_out="ignore",
)
"""


def test_results_present_by_construction_need_no_narrowing(tmp_path: Path) -> None:
    assert _mypy(NO_NARROWING, tmp_path) == []


def test_a_deadline_that_may_not_exist_is_still_optional(tmp_path: Path) -> None:
    assert _mypy(STILL_OPTIONAL, tmp_path) == [
        ("7", "union-attr"),  # no stockout, no deadline: the check is needed
        ("8", "call-overload"),  # neither "none" nor "raise"
    ]
