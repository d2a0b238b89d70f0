from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import xborder.reports
from xborder.money import Currency
from xborder.reports import (
    WINDOW,
    HeaderMatch,
    NumberFormat,
    ReportSpec,
    SettlementSummary,
    ShopifyOrder,
    match_headers,
    normalize_header,
    read_records,
)
from xborder.testing import strategies as xst
from xborder.testing.strategies import _reports

PUBLIC_MODELS = sorted(
    (
        value
        for name in xborder.reports.__all__
        if isinstance(value := getattr(xborder.reports, name), type)
        and attrs.has(value)
    ),
    key=lambda model: model.__name__,
)


def test_every_public_report_model_has_a_registered_strategy() -> None:
    assert set(PUBLIC_MODELS) == set(_reports.REGISTERED)
    for model in PUBLIC_MODELS:
        assert model in xst._registered()


@pytest.mark.parametrize("model", PUBLIC_MODELS, ids=lambda model: model.__name__)
def test_from_type_resolves_every_report_model(model: type) -> None:
    @settings(max_examples=10)
    @given(st.from_type(model))
    def check(value: Any) -> None:
        assert isinstance(value, model)
        assert attrs.evolve(cast("Any", value)) == value  # fields pass their checks

    check()


@given(xst.number_formats())
def test_drawn_formats_read_their_own_writing(number_format: NumberFormat) -> None:
    value = Decimal("-1234567.891")
    assert number_format.parse_amount(number_format.format(value)) == value


@given(xst.report_specs(), st.sampled_from([7, 14]))
def test_drawn_specs_match_their_own_headers(spec: ReportSpec, days: int) -> None:
    headers = [
        (c.aliases or (c.name,))[0].replace(WINDOW, str(days)) for c in spec.columns
    ]
    found = match_headers(headers, spec)
    assert {name for name, _ in found.columns} == set(spec.names)
    windowed = any(WINDOW in (c.aliases or ("",))[0] for c in spec.columns)
    assert found.click_days == (days if windowed else None)
    assert all(normalize_header(h) for h in headers)
    assert list(read_records([], spec)) == []


@given(xst.header_matches())
def test_header_matches_know_their_headers(match: HeaderMatch) -> None:
    for name, header in match.columns:
        assert match.header(name) == header
    assert match.unused == ()


@given(xst.settlement_summaries(currency=st.just(Currency("JPY"))))
def test_settlement_summaries_use_the_currency_given(
    summary: SettlementSummary,
) -> None:
    assert summary.currency == Currency("JPY")
    assert summary.start <= summary.end


@given(xst.shopify_orders(currency=st.just(Currency("EUR"))))
def test_shopify_orders_keep_one_currency(order: ShopifyOrder) -> None:
    assert {line.price.currency for line in order.lines} <= {Currency("EUR")}
    assert order.refunded.currency == Currency("EUR")


@pytest.mark.parametrize(
    "strategy",
    [
        xst.report_columns(names="sales"),  # type: ignore[arg-type]
        xst.report_specs(columns=3),  # type: ignore[arg-type]
        xst.settlement_summaries(currency="EUR"),  # type: ignore[arg-type]
        xst.shopify_lines(currency="EUR"),  # type: ignore[arg-type]
        xst.shopify_orders(currency="EUR"),  # type: ignore[arg-type]
    ],
)
def test_bad_arguments_fail_when_drawn(strategy: st.SearchStrategy[object]) -> None:
    @given(strategy)
    def draw(value: object) -> None:
        del value

    with pytest.raises(InvalidArgument):
        draw()
