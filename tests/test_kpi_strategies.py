from __future__ import annotations

from typing import Any, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import xborder.kpi
from xborder.kpi import (
    UNDEFINED,
    AdsStats,
    HarvestPlan,
    MoneyRatio,
    Ratio,
    ReportSemantics,
    SearchTermRow,
    summarize,
)
from xborder.money import Currency
from xborder.testing import strategies as xst
from xborder.testing.strategies import _kpi, _kpi_customers

PUBLIC_MODELS = sorted(
    (
        value
        for name in xborder.kpi.__all__
        if attrs.has(value := getattr(xborder.kpi, name))
    ),
    key=lambda model: model.__name__,
)


def test_every_public_kpi_model_has_a_registered_strategy() -> None:
    assert set(PUBLIC_MODELS) == {*_kpi.REGISTERED, *_kpi_customers.REGISTERED}
    for model in PUBLIC_MODELS:
        assert model in xst._registered()


@pytest.mark.parametrize("model", PUBLIC_MODELS, ids=lambda model: model.__name__)
def test_from_type_resolves_every_kpi_model(model: type) -> None:
    @settings(max_examples=10, suppress_health_check=[HealthCheck.filter_too_much])
    @given(st.from_type(model))
    def check(value: Any) -> None:
        assert isinstance(value, model)
        assert attrs.evolve(cast("Any", value)) == value  # fields pass their checks

    check()


@given(xst.ratios(allow_undefined=False))
def test_ratios_can_be_kept_defined(ratio: Ratio) -> None:
    assert ratio.value is not UNDEFINED


@given(xst.money_ratios(currency=st.just(Currency("JPY"))))
def test_money_ratios_follow_the_currency(ratio: MoneyRatio) -> None:
    assert ratio.amount.currency == Currency("JPY")
    assert ratio.amount.is_quantized()


@given(xst.ads_stats(currency=st.just(Currency("KWD"))))
def test_ads_stats_use_the_currency_given(stats: AdsStats) -> None:
    assert stats.spend.currency == stats.sales.currency == Currency("KWD")


@given(
    st.lists(
        xst.search_term_rows(
            currency=st.just(Currency("EUR")), orders_within_clicks=True
        ),
        max_size=10,
    ),
    xst.report_semantics(currency=st.just(Currency("EUR"))),
)
def test_rows_fit_any_report_semantics_when_asked(
    rows: list[SearchTermRow], report: ReportSemantics
) -> None:
    total = summarize(rows, report=report)
    assert total.clicks <= total.impressions
    assert total.orders <= total.clicks


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(xst.harvest_plans())
def test_harvest_plans_add_up(plan: HarvestPlan) -> None:
    assert len(plan.promotions) + len(plan.kept) <= len(plan.decisions)


@pytest.mark.parametrize(
    "strategy",
    [
        xst.ratios(allow_undefined=1),  # type: ignore[arg-type]
        xst.search_term_rows(orders_within_clicks="yes"),  # type: ignore[arg-type]
    ],
)
def test_bad_arguments_fail_when_drawn(strategy: st.SearchStrategy[object]) -> None:
    @given(strategy)
    def draw(value: object) -> None:
        del value

    with pytest.raises(InvalidArgument):
        draw()
