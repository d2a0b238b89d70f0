"""The landed-cost, customs and FX result strategies: from_type and their laws."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder._exact import EXACT
from xborder.customs import (
    AdValorem,
    DutyBasis,
    DutyEvaluation,
    MeasureKind,
    RateUsed,
    TariffMatch,
    evaluate_duty,
)
from xborder.dated import Validity
from xborder.fx import FxLeg, FxPath
from xborder.landed_cost import (
    Cliff,
    Decision,
    Figure,
    LandedCost,
    LandedCostWarning,
    LineResult,
    ReversePrice,
    Totals,
)
from xborder.money import Money
from xborder.testing import strategies as xst
from xborder.testing.strategies._landed_cost_results import REGISTERED

FEW = settings(max_examples=25)
SOME = settings(max_examples=50)

INPUTS_AND_FX = [Validity, DutyBasis, FxPath, FxLeg]


def test_every_listed_result_is_registered() -> None:
    listed = {
        Cliff, Decision, Figure, LandedCostWarning, LineResult, ReversePrice,
        Totals, DutyEvaluation, RateUsed, TariffMatch,
    }  # fmt: skip
    assert set(REGISTERED) == listed


@pytest.mark.parametrize(
    "model", [*REGISTERED, *INPUTS_AND_FX], ids=lambda m: m.__name__
)
def test_from_type_resolves(model: type) -> None:
    @settings(max_examples=5)
    @given(st.from_type(model))
    def check(value: object) -> None:
        assert isinstance(value, model)

    check()


# --- dated and FX ----------------------------------------------------------


@SOME
@given(xst.validities())
def test_a_window_covers_its_first_day_and_not_its_end(window: Validity) -> None:
    assert window.covers(window.valid_from)
    assert not window.covers(window.valid_from - dt.timedelta(days=1))
    if window.valid_to is not None:
        assert window.valid_to > window.valid_from
        assert not window.covers(window.valid_to)
        assert window.covers(window.valid_to - dt.timedelta(days=1))
    assert window.source.strip()


@SOME
@given(
    xst.fx_paths(
        tables=xst.fx_tables(spreads=st.sampled_from([Decimal(0), Decimal("0.03")]))
    )
)
def test_a_path_chains_its_legs_from_base_to_quote(path: FxPath) -> None:
    if not path.legs:
        assert path.base == path.quote
        assert path.rate == 1
        return
    assert path.legs[0].base == path.base
    assert path.legs[-1].quote == path.quote
    for before, after in zip(path.legs, path.legs[1:], strict=False):
        assert before.quote == after.base
    amount = Decimal(1)
    for leg in path.legs:
        amount = leg.apply(amount)
    assert path.rate == EXACT.multiply(amount, 1 - path.spread)


@SOME
@given(xst.fx_legs())
def test_a_leg_converts_between_two_currencies_of_its_rate(leg: FxLeg) -> None:
    assert leg.base != leg.quote
    assert {leg.base, leg.quote} == {leg.rate.base, leg.rate.quote}
    assert leg.apply(Decimal(1)) > 0


def test_fx_paths_of_a_table_without_rates_refuse_when_drawn() -> None:
    from hypothesis.errors import InvalidArgument  # noqa: PLC0415

    from xborder.fx import FxTable  # noqa: PLC0415

    @given(xst.fx_legs(tables=st.just(FxTable(rates=()))))
    def check(_: FxLeg) -> None:
        raise AssertionError

    with pytest.raises(InvalidArgument, match="converts no pair"):
        check()


# --- customs ---------------------------------------------------------------


@SOME
@given(xst.duty_bases(), st.decimals(min_value=0, max_value=2, places=4))
def test_ad_valorem_on_a_drawn_basis_is_the_rate_times_its_value(
    basis: DutyBasis, rate: Decimal
) -> None:
    result = evaluate_duty(AdValorem(rate), basis)
    assert result.amount.currency == basis.customs_value.currency
    assert result.amount.amount == rate * basis.customs_value.amount
    assert {"kg", "item"} <= set(basis.quantities)


@SOME
@given(xst.duty_evaluations())
def test_drawn_duty_evaluations_are_non_negative_and_explained(
    evaluation: DutyEvaluation,
) -> None:
    assert not evaluation.amount.is_negative()
    assert evaluation.explanation
    # "difference" and "zero": a Compound that subtracts parts (TARIC's "-").
    branches = {"rate", "minimum", "maximum", "difference", "zero"}
    assert set(evaluation.branches) <= branches


@SOME
@given(xst.tariff_matches())
def test_a_match_base_is_third_country_or_a_preference(match: TariffMatch) -> None:
    assert match.base.kind in {MeasureKind.THIRD_COUNTRY, MeasureKind.PREFERENCE}
    assert all(m.kind.additional for m in match.additional)
    assert all(m.kind is MeasureKind.EXCISE for m in match.excise)


@FEW
@given(xst.rates_used())
def test_a_rate_used_converts_the_invoice_into_the_duty_currency(
    used: RateUsed,
) -> None:
    assert (used.base, used.quote) == ("EUR", "USD")
    assert used.rate > 0
    assert used.quoted.startswith("1 EUR = ")


# --- landed cost -------------------------------------------------------------


@FEW
@given(xst.landed_costs())
def test_totals_are_the_sums_of_the_line_results(result: LandedCost) -> None:
    currency = result.currency
    for name in (
        "customs_value", "goods_value", "freight", "insurance", "charges", "duty",
        "additional_duties", "excise", "taxes", "fees", "landed_cost",
    ):  # fmt: skip
        lines = Money.total(
            (getattr(ln, name) for ln in result.lines), currency=currency
        )
        assert getattr(result.totals, name) == lines, name


@FEW
@given(xst.totals())
def test_drawn_totals_add_their_components_up_to_the_landed_cost(
    totals: Totals,
) -> None:
    parts = (
        totals.goods_value + totals.freight + totals.insurance + totals.charges
        + totals.duty + totals.additional_duties + totals.excise + totals.taxes
        + totals.fees
    )  # fmt: skip
    assert parts == totals.landed_cost
    assert totals.duties_and_taxes <= totals.landed_cost


@FEW
@given(xst.line_results())
def test_a_line_result_is_the_sum_of_its_figures(line: LineResult) -> None:
    currency = line.landed_cost.currency
    total = Money.total((f.amount for f in line.figures), currency=currency)
    assert total == line.landed_cost
    assert all(f.line == line.index for f in line.figures)


@FEW
@given(xst.figures())
def test_a_figure_is_in_whole_minor_units_of_one_line(figure: Figure) -> None:
    # Not always close to `exact`: a total rounded to 100 (Japan's) is
    # allocated back to the lines, so a line's 10.00 may become 0.00.
    assert figure.amount.is_quantized()
    if figure.exact is not None:
        assert figure.rounding
        assert figure.exact.currency == figure.amount.currency
    assert figure.line >= 0
    assert str(figure).startswith(f"line {figure.line} {figure.label}: ")


@FEW
@given(xst.decisions())
def test_a_decision_names_its_rule(decision: Decision) -> None:
    assert decision.rule
    assert str(decision) == f"{decision.rule}: {decision.outcome}"


@FEW
@given(xst.landed_cost_warnings())
def test_drawn_warnings_have_a_known_code(warning: LandedCostWarning) -> None:
    known = {
        "threshold-cliff", "out-of-window", "preference-claim", "collector",
        "as-of", "payer-override", "incoterm-mode", "fx-date", "regime-note",
    }  # fmt: skip
    assert warning.code in known
    assert str(warning) == f"[{warning.code}] {warning.message}"


@FEW
@given(xst.reverse_prices())
def test_a_reverse_price_lands_within_its_target(answer: ReversePrice) -> None:
    assert answer.ddp_price <= answer.target
    assert not answer.gap.is_negative()
    assert answer.shipment.lines[0].unit_price == answer.unit_price
    assert answer.landed.total == answer.ddp_price


@FEW
@given(xst.cliffs())
def test_a_cliff_is_one_minor_unit_wide_and_jumps_up(cliff: Cliff) -> None:
    step = cliff.below.currency.minor_unit
    assert cliff.above.amount - cliff.below.amount == step
    assert cliff.jump > Money.zero(cliff.jump.currency)
    assert cliff.rules


def test_cliffs_jump_by_at_least_the_duty_waived() -> None:
    @settings(max_examples=10)
    @given(xst.cliffs())
    def check(cliff: Cliff) -> None:
        # The relief ends at the drawn limit (>= 50 USD) and the duty is >= 5%.
        assert cliff.jump.amount >= Decimal("0.05") * cliff.below.amount - 1

    check()
