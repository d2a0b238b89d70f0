"""The reports' verdicts are computed from the results, never typed in.

Each verdict the terminal report prints ("the dearest market", "the ACOS is
above target", "over half of net revenue") is checked here against the
figures it summarises, and the rule behind it is driven through its other
branches with made-up results.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from xborder._report import case_a as report_a
from xborder._report import case_b as report_b
from xborder.examples import case_a, case_b
from xborder.fx import convert
from xborder.kpi import Ratio
from xborder.money import Money, RoundingMode


@pytest.fixture(scope="module")
def result_a() -> case_a.CaseA:
    return case_a.run()


@pytest.fixture(scope="module")
def result_b() -> case_b.CaseB:
    return case_b.run()


def test_the_dearest_market_is_the_dearest_in_dollars(result_a: case_a.CaseA) -> None:
    in_usd = {
        country: convert(cost, "USD", table=case_a.FX, rounding=RoundingMode.HALF_UP)
        for country, cost in result_a.unit_costs.items()
    }
    dearest = max(in_usd, key=lambda country: in_usd[country])
    lines = report_a._dearest(result_a, report_a._Show("en_US"))
    assert f"{dearest} is the dearest market" in lines[0]
    assert all(in_usd[dearest] >= cost for cost in in_usd.values())


def _ads(acos: str, *, target: str = "0.23", break_even: str = "0.33") -> object:
    numerator, denominator = acos.split("/")
    return SimpleNamespace(
        ads=SimpleNamespace(acos=Ratio(numerator, denominator)),
        target_acos=Decimal(target),
        break_even_acos=Decimal(break_even),
    )


@pytest.mark.parametrize(
    ("acos", "verdict"),
    [
        ("20/100", "within target"),
        ("23/100", "within target"),  # at the target is within it
        ("30/100", "above target, below break-even"),
        ("40/100", "above break-even"),
        ("0/0", "undefined"),
    ],
)
def test_the_acos_verdict_follows_the_figures(acos: str, verdict: str) -> None:
    lines = report_a._acos_verdict(_ads(acos))  # type: ignore[arg-type]
    assert verdict in lines[0]


def test_the_case_a_acos_verdict_matches_its_numbers(result_a: case_a.CaseA) -> None:
    acos = result_a.ads.acos.value_or(None)
    assert acos is not None
    assert result_a.target_acos < acos < result_a.break_even_acos
    assert "above target, below break-even" in report_a._acos_verdict(result_a)[0]


def test_the_all_rounder_beats_the_most_options(result_a: case_a.CaseA) -> None:
    comparison = result_a.logistics
    wins: dict[str, int] = {}
    for dominated in comparison.dominated:
        wins[dominated.by.name] = wins.get(dominated.by.name, 0) + 1
    best = max(wins, key=lambda name: wins[name])
    assert report_a._all_rounder(comparison) == [
        f"  {best} beats the most options on every count: {wins[best]} options."
    ]
    trade_off = SimpleNamespace(dominated=())
    assert "trade-off" in report_a._all_rounder(trade_off)[0]  # type: ignore[arg-type]


def test_a_credit_in_the_waterfall_adds_to_the_price() -> None:
    show = report_a._Show("en_US")
    assert report_a._signed(Money("-0.07", "USD"), show) == "+$0.07"
    assert report_a._signed(Money("2.25", "USD"), show) == "-$2.25"


def test_the_ddp_share_is_the_contribution_given_up(result_b: case_b.CaseB) -> None:
    us = result_b.us.direct
    dap, ddp = us.dap_sale.contribution, us.ddp_sale.contribution
    share = (dap - ddp).amount / dap.amount
    # The US parcel's duty and processing fee are exactly what DDP gives up.
    assert dap - ddp == us.duty + us.ddp.totals.fees
    text = " ".join(report_b._ddp_cost(result_b, "en_US"))
    assert f"US {round(share * 100)}%" in text


def test_the_margin_verdict_lists_offers_over_half_everywhere(
    result_b: case_b.CaseB,
) -> None:
    lowest = {
        offer.name: min(
            result_b.market(country).prices[index].margin or Decimal(0)
            for country in ("DE", "US")
        )
        for index, offer in enumerate(case_b.OFFERS)
    }
    text = " ".join(report_b._margins(result_b, "en_US"))
    for name, margin in lowest.items():
        listed = name in text.split(";")[0]
        assert listed == (margin > Decimal("0.5")), name
    thinnest = min(lowest, key=lambda name: lowest[name])
    assert f"the thinnest is {thinnest}" in text


def test_the_front_verdict_names_the_front(result_b: case_b.CaseB) -> None:
    for country in ("DE", "US"):
        comparison = result_b.market(country).delivery
        verdict = report_b._front(comparison)
        assert all(option.name in verdict for option in comparison.front)
        assert str(len(comparison.dominated)) in verdict


def test_the_first_order_share_of_cac(result_b: case_b.CaseB) -> None:
    customers = result_b.customers
    first = customers.values.ltv(0).value_or(None)
    assert first is not None
    share = first.amount / customers.cac.amount
    lines = report_b._first_order(result_b, "en_US")
    assert f"returns {round(share * 100)}% of CAC" in lines[0]
    sizes = customers.segments.segment_sizes()
    largest = max(sizes, key=lambda name: sizes[name])
    assert f"The largest segment, {largest} ({sizes[largest]})" in lines[1]
