"""Case A: the tutorial, the computation and the report agree on every figure."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

import pytest

from pages import ROOT, run_page
from xborder._report.case_a import render
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.examples import case_a
from xborder.money import Money, RoundingMode
from xborder.serialize import from_data, to_data

TUTORIAL = ROOT / "docs" / "tutorials" / "case-a.md"


@functools.cache
def _tutorial() -> dict[str, Any]:
    return run_page(TUTORIAL)


@pytest.fixture(scope="module")
def tutorial() -> dict[str, Any]:
    return _tutorial()


@pytest.fixture(scope="module")
def report() -> str:
    return render(locale="en_US")


def test_the_tutorial_computes_what_run_computes(tutorial: dict[str, Any]) -> None:
    result = case_a.run()
    assert tutorial["landed"] == result.landed
    assert tutorial["comparison"] == result.logistics
    assert tutorial["fee"] == result.fulfilment
    assert {c: p.price for c, p in tutorial["prices"].items()} == {
        c: p.price for c, p in result.prices.items()
    }
    assert tutorial["break_even"] == result.break_even_acos
    assert tutorial["target"] == result.target_acos
    assert tutorial["click_value"] == result.max_cpc
    assert tutorial["plan"] == result.harvest
    assert tutorial["bids"] == result.bids
    assert tutorial["restock"] == result.restock
    assert tutorial["size"] == result.storage_order


def test_the_order_quantity_is_the_cheapest_once_storage_is_priced() -> None:
    # The case orders ORDER_QUANTITY each time: eoq_with_storage must agree,
    # or the data and the computation have drifted apart.
    best = case_a.run().storage_order
    assert best.quantity == case_a.ORDER_QUANTITY
    assert best.eoq is not None
    assert best.quantity < best.eoq  # the peak-season fee shrinks the order


@pytest.mark.parametrize(
    "figure",
    [
        "$1,719.72",  # US landed total
        "£1,317.46",
        "€1,492.01",
        "$3.44",  # US landed cost per unit
        "£2.20",  # UK per unit net of import VAT
        "€2.51",
        "$14.99",  # the US price
        "£12.99",
        "€13.99",
        "33.09%",  # break-even ACOS
        "23.08%",  # target ACOS
        "$0.28",  # max CPC
        "1,442",  # sea reorder point
        "766",  # air reorder point
        "2026-12-13",  # stockout date without a new order
        "2026-10-17",  # latest order date by sea
        "1,785",  # the EOQ, blind to storage fees
    ],
)
@pytest.mark.usefixtures("tutorial")  # the page's doctests pass: its figures hold
def test_the_report_shows_the_tutorials_figures(report: str, figure: str) -> None:
    assert figure in report
    pages_text = TUTORIAL.read_text(encoding="utf-8")
    plain = figure.replace("$", "").replace("£", "").replace("€", "").replace(",", "")
    assert plain in pages_text.replace(",", "") or plain.rstrip("%") in pages_text


def test_prices_meet_the_target_margin_after_their_ending() -> None:
    for priced in case_a.run().prices.values():
        assert priced.economics is not None
        assert priced.economics.margin is not None
        assert priced.economics.margin >= Decimal(case_a.TARGET_MARGIN)
        assert str(priced.price.amount).endswith(".99")


def test_the_search_term_report_sells_at_the_listed_price() -> None:
    # The embedded export was written for the price the case computes.
    assert case_a.run().prices["US"].price == case_a.LISTED_PRICE
    for row in case_a.SEARCH_TERMS:
        assert row.sales == case_a.LISTED_PRICE * row.orders


def test_unit_cost_leaves_out_recoverable_import_vat() -> None:
    result = case_a.run()
    for country, landed in result.landed.items():
        line = landed.lines[0]
        expected = ((line.landed_cost - line.taxes) / line.quantity).quantize(
            RoundingMode.HALF_UP
        )
        assert result.unit_costs[country] == expected
    assert result.unit_costs["US"] == result.landed["US"].lines[0].landed_cost_per_unit


def test_the_funnel_and_ads_are_the_same_week() -> None:
    result = case_a.run()
    assert result.ads.sales <= case_a.FUNNEL.revenue
    assert result.ads.orders <= case_a.FUNNEL.orders
    assert result.tacos.numerator == result.ads.spend.amount
    assert case_a.FUNNEL.revenue == Money("14.99", "USD") * 144


def test_the_case_is_computed_once() -> None:
    assert case_a.run() is case_a.run()


_HUGE = 10**5000  # an int with no str(): the old KeyError could not print


def _fulfilment() -> Any:
    return case_a.run().fulfilment


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [
        pytest.param(
            lambda: case_a.fee_schedule(_HUGE, _fulfilment()),  # type: ignore[arg-type]
            InvalidTypeError,
            "country",
            _HUGE,
            id="fee_schedule-huge-int",
        ),
        (lambda: case_a.market("FR", None), InvalidInputError, "country", "FR"),  # type: ignore[arg-type]
        (lambda: case_a.ads(["US"]), InvalidTypeError, "country", ["US"]),  # type: ignore[arg-type]
        (lambda: case_a.shipment("jp"), InvalidInputError, "country", "jp"),
        (
            lambda: case_a.fee_schedule("US", "2.00"),  # type: ignore[arg-type]
            InvalidTypeError,
            "fulfilment",
            "2.00",
        ),
        (lambda: case_a.unit_cost("2.35"), InvalidTypeError, "line", "2.35"),  # type: ignore[arg-type]
        (
            lambda: case_a.market("US", "listing"),  # type: ignore[arg-type]
            InvalidTypeError,
            "listing",
            "listing",
        ),
        (
            lambda: case_a.listing("US", None, _fulfilment()),  # type: ignore[arg-type]
            InvalidTypeError,
            "landed",
            None,
        ),
    ],
)
def test_bad_arguments_to_the_case_are_refused_by_name(
    call: Any, error: type[XborderError], field: str, value: object
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert caught.value.field == field
    assert caught.value.value == value


def test_the_case_reads_back_what_it_writes() -> None:
    # CaseA checks its fields, so to_data's output is always accepted...
    result = case_a.run()
    assert from_data(case_a.CaseA, to_data(result)) == result
    # ...and a wrong one is refused by name, not stored.
    with pytest.raises(InvalidTypeError) as caught:
        from_data(case_a.CaseA, {**to_data(result), "ads": "1"})  # type: ignore[dict-item]
    assert caught.value.field == "ads"
