"""The logistics result strategies draw real results that keep their laws."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder._exact import EXACT
from xborder.logistics import LineKind, Mode
from xborder.money import Currency, Money
from xborder.testing import strategies as xst
from xborder.testing.strategies import _registered
from xborder.testing.strategies._logistics_results import REGISTERED

if TYPE_CHECKING:
    from xborder.logistics import (
        Assessment,
        CardPrice,
        ChargeableWeight,
        Comparison,
        CostLine,
        Domination,
        Eligibility,
        FulfilmentFee,
        Ineligible,
        ParetoFront,
        PieceWeight,
        Quote,
        QuoteLine,
        Score,
        TierMatch,
    )

JPY = Currency("JPY")
ALWAYS = st.just(True)  # noqa: FBT003 - a strategy of one value
FEW = settings(max_examples=20, deadline=None)
SOME = settings(max_examples=40, deadline=None)


@pytest.mark.parametrize("model", list(REGISTERED), ids=lambda m: m.__name__)
def test_from_type_resolves_every_logistics_result(model: type) -> None:
    @settings(max_examples=10, deadline=None)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()


def test_every_result_is_registered() -> None:
    assert set(REGISTERED) <= set(_registered())


def _dominates(better: Assessment, worse: Assessment) -> bool:
    ours, theirs = better.objectives, worse.objectives
    no_worse = all(a <= b for a, b in zip(ours, theirs, strict=True))
    return no_worse and ours != theirs


# -- weights ----------------------------------------------------------------


@SOME
@given(xst.chargeable_weights())
def test_billable_weight_is_at_least_actual_and_dimensional(
    weight: ChargeableWeight,
) -> None:
    assert weight.pieces
    assert weight.billable_kg >= weight.actual_kg > 0
    if weight.dimensional_kg is not None:
        assert weight.billable_kg >= weight.dimensional_kg


@SOME
@given(xst.piece_weights())
def test_a_box_bills_at_least_its_rounded_scale_weight(piece: PieceWeight) -> None:
    assert piece.billable_kg >= piece.rounded_actual_kg >= piece.actual_kg > 0
    assert (piece.dimensional_kg is None) == (not piece.dim_applies)
    if piece.dimensional_kg is not None:
        assert piece.billable_kg >= piece.dimensional_kg
    assert list(piece.sides_cm) == sorted(piece.sides_cm, reverse=True)


# -- card prices, quotes, fees -------------------------------------------------


@SOME
@given(xst.card_prices(currency=st.just(JPY)))
def test_card_prices_are_non_negative_in_the_card_currency(price: CardPrice) -> None:
    assert price.amount.currency == JPY
    assert not price.amount.is_negative()
    assert price.weight_kg > 0
    assert price.band >= 0


@SOME
@given(xst.quotes())
def test_a_quotes_lines_add_up_to_its_total(drawn: Quote) -> None:
    currency = drawn.option.currency
    assert drawn.total.currency == currency
    assert all(line.amount.currency == currency for line in drawn.lines)
    assert Money.total((line.amount for line in drawn.lines), currency=currency) == (
        drawn.total
    )
    by_kind = [drawn.subtotal(kind) for kind in LineKind]
    assert Money.total(by_kind, currency=currency) == drawn.total
    if drawn.option.rate_card is not None:
        assert drawn.weight is not None
        assert drawn.freight.amount >= 0


@SOME
@given(xst.quote_lines())
def test_quote_lines_are_charges_with_their_working(line: QuoteLine) -> None:
    assert not line.amount.is_negative()
    assert line.name
    assert line.detail


@FEW
@given(xst.quotes(currency=st.just(JPY)))
def test_quotes_draw_in_the_currency_asked(drawn: Quote) -> None:
    assert drawn.total.currency == JPY


@SOME
@given(xst.tier_matches())
def test_a_tier_match_ships_at_the_tiers_billable_weight(match: TierMatch) -> None:
    assert match.shipping_weight.magnitude == match.weight.billable_kg
    assert match.weight.rule == match.tier.weight_rule
    assert all(reasons for _name, reasons in match.passed_over)


@SOME
@given(xst.fulfilment_fees())
def test_a_fulfilment_fee_is_the_unit_fee_times_the_units(fee: FulfilmentFee) -> None:
    assert fee.total == fee.price.amount * fee.units
    assert fee.price.weight_kg == fee.match.weight.billable_kg
    assert fee.tier == fee.match.tier.name


@SOME
@given(xst.eligibilities())
def test_an_option_is_eligible_exactly_when_nothing_stops_it(
    eligibility: Eligibility,
) -> None:
    assert eligibility.eligible == (not eligibility.reasons)
    assert all(reason for reason in eligibility.reasons)
    assert len(set(eligibility.reasons)) == len(eligibility.reasons)


# -- the Pareto front and comparisons ------------------------------------------


@SOME
@given(xst.pareto_fronts())
def test_a_pareto_front_splits_the_points_and_dominators_are_on_it(
    result: ParetoFront,
) -> None:
    front = set(result.front)
    dominated = set(result.dominated_by)
    assert len(front) == len(result.front)
    assert not front & dominated
    assert front | dominated == set(range(len(front) + len(dominated)))
    assert set(result.dominated_by.values()) <= front


@FEW
@given(xst.comparisons())
def test_no_option_on_the_front_is_dominated(comparison: Comparison) -> None:
    names = [a.name for a in comparison.assessments]
    on_front = [a.name for a in comparison.front]
    beaten = [d.option.name for d in comparison.dominated]
    assert sorted(on_front + beaten) == sorted(names)
    for member in comparison.front:
        assert not any(_dominates(a, member) for a in comparison.assessments)
    for domination in comparison.dominated:
        assert domination.by.name in on_front
        assert _dominates(domination.by, domination.option)
    keys = [(a.objectives, a.name) for a in comparison.assessments]
    assert keys == sorted(keys)
    refused = {i.name for i in comparison.ineligible}
    assert not refused & set(names)


@FEW
@given(
    xst.comparisons(
        currency=st.just(JPY), dominated=ALWAYS, ineligible=ALWAYS, weighted=ALWAYS
    )
)
def test_comparison_options_are_used(comparison: Comparison) -> None:
    assert comparison.dominated
    assert "~banned" in {i.name for i in comparison.ineligible}
    assert "~dearer" in {d.option.name for d in comparison.dominated}
    assert len(comparison.scores) == len(comparison.assessments)
    assert all(a.expected_cost.currency == JPY for a in comparison.assessments)


@FEW
@given(xst.assessments())
def test_an_assessments_lines_add_up_to_its_expected_cost(
    assessment: Assessment,
) -> None:
    currency = assessment.expected_cost.currency
    total = Money.total((line.amount for line in assessment.lines), currency=currency)
    assert total == assessment.expected_cost
    assert 0 <= assessment.reliability <= 1
    kept = EXACT.subtract(1 - assessment.loss_probability, assessment.late_probability)
    assert assessment.reliability == max(Decimal(0), kept)
    assert assessment.p50_days <= assessment.p90_days


@FEW
@given(xst.cost_lines())
def test_cost_lines_are_never_negative(line: CostLine) -> None:
    assert not line.amount.is_negative()
    assert line.name


@FEW
@given(xst.dominations())
def test_each_domination_names_a_dominator_its_victim_does_not_beat(
    domination: Domination,
) -> None:
    assert _dominates(domination.by, domination.option)
    assert not _dominates(domination.option, domination.by)
    assert len(domination.reasons) == 3


@FEW
@given(xst.ineligibles())
def test_an_ineligible_option_says_why(refused: Ineligible) -> None:
    assert refused.reasons
    assert all(refused.reasons)


@FEW
@given(xst.scores())
def test_a_score_is_a_weighted_mean_of_its_scaled_objectives(score: Score) -> None:
    parts = (score.cost, score.time, score.reliability)
    assert all(0 <= part <= 1 for part in parts)
    assert min(parts) - Decimal("1e-30") <= score.score <= max(parts) + Decimal("1e-30")


@FEW
@given(xst.quotes())
def test_warehouse_quotes_carry_a_fulfilment_line(drawn: Quote) -> None:
    if drawn.option.mode is Mode.OVERSEAS_WAREHOUSE:
        assert any(line.kind is LineKind.FULFILMENT for line in drawn.lines)
    else:
        assert any(line.kind is LineKind.FREIGHT for line in drawn.lines)
