"""The landed cost net of recoverable taxes: flags, figures, laws, bad input."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument, NoSuchExample

from xborder import customs
from xborder.customs import TaxBase, TaxRule, presets
from xborder.dated import Validity
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.landed_cost import (
    Charge,
    Component,
    LandedCost,
    LineResult,
    Totals,
    landed_cost,
)
from xborder.money import Money, RoundingMode
from xborder.serialize import from_data, to_data
from xborder.testing import strategies as xst

DAY = dt.date(2026, 9, 1)
ALWAYS = Validity(valid_from="2020-01-01", valid_to=None, source="test")


@pytest.mark.parametrize("country", ["GB", "DE", "FR", "AU", "CA", "JP"])
def test_every_preset_vat_and_gst_is_recoverable(country: str) -> None:
    regime = presets.regime(country, as_of=DAY)
    rules = [*regime.taxes, *(scheme.tax for scheme in regime.schemes)]
    assert rules
    assert all(rule.recoverable for rule in rules)


def test_the_us_has_no_import_tax_to_recover() -> None:
    assert presets.regime("US", as_of=DAY).taxes == ()


def test_a_rule_you_build_is_not_recoverable_unless_you_say_so() -> None:
    rule = TaxRule(
        id="NO-VAT", name="VAT 25%", rate="0.25", base={TaxBase.CUSTOMS_VALUE},
        validity=ALWAYS,
    )  # fmt: skip
    assert rule.recoverable is False
    assert attrs.evolve(rule, recoverable=True).recoverable is True


@pytest.mark.parametrize("flag", [1, "yes", None])
def test_recoverable_must_be_a_bool(flag: object) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        TaxRule(
            id="X", name="X", rate="0.1", base={TaxBase.CUSTOMS_VALUE},
            validity=ALWAYS, recoverable=flag,  # type: ignore[arg-type]
        )  # fmt: skip
    assert caught.value.field == "recoverable"
    assert caught.value.value == flag


def _holders(regime: customs.Regime) -> LandedCost:
    measure = customs.TariffMeasure(hs_code="392690", duty=customs.AdValorem("0.06"))
    regime = regime.with_tariff(customs.Tariff(measures=[measure]))
    from xborder.landed_cost import Line, Shipment  # noqa: PLC0415 - local example

    holder = Line(sku="PH-01", hs_code="392690", origin_country="CN", quantity=300,
                  unit_price=Money("2.00", "GBP"))  # fmt: skip
    shipment = Shipment(
        lines=[holder], export_country="CN", destination_country="GB",
        incoterm=customs.Incoterm.DDP, mode=customs.TransportMode.AIR,
        import_date=DAY, freight=Money("20.00", "GBP"),
    )  # fmt: skip
    return landed_cost(shipment, regime, fx=None, as_of=DAY)


def test_a_tax_not_recoverable_stays_in_the_net_cost() -> None:
    gb = presets.regime("GB", as_of=DAY)
    kept = attrs.evolve(gb, taxes=[attrs.evolve(gb.taxes[0], recoverable=False)])
    recovered, not_recovered = _holders(gb).lines[0], _holders(kept).lines[0]
    assert recovered.taxes == not_recovered.taxes == Money("131.44", "GBP")
    assert recovered.recoverable_taxes == Money("131.44", "GBP")
    assert not_recovered.recoverable_taxes == Money("0.00", "GBP")
    assert not_recovered.landed_cost_net == not_recovered.landed_cost
    assert not_recovered.landed_cost_net_per_unit == not_recovered.landed_cost_per_unit
    # £600 goods + £20 freight + £37.20 duty = £657.20, over 300 units.
    assert recovered.landed_cost_net == Money("657.20", "GBP")
    assert recovered.landed_cost_net_per_unit == Money("2.19", "GBP")


def test_the_net_per_unit_rounds_with_the_regimes_mode() -> None:
    down = _holders(presets.regime("GB", as_of=DAY).with_rounding(RoundingMode.DOWN))
    line = down.lines[0]
    exact = line.landed_cost_net.amount / line.quantity
    assert line.landed_cost_net_per_unit.amount <= exact
    assert exact - line.landed_cost_net_per_unit.amount < Money("0.01", "GBP").amount


def test_explain_prints_each_line_and_the_total_net_of_recoverable_taxes() -> None:
    gb = presets.regime("GB", as_of=DAY)
    rows = _holders(gb).explain().splitlines()
    at = rows.index("    = 788.64 GBP (2.63 GBP per unit)")
    assert rows[at + 1] == (
        "    net of recoverable taxes (131.44 GBP): 657.20 GBP (2.19 GBP per unit)"
    )
    assert rows[at + 2 : at + 4] == [
        "total 788.64 GBP",
        "  net of recoverable taxes (131.44 GBP): 657.20 GBP",
    ]


def test_explain_prints_no_net_row_where_nothing_is_recoverable() -> None:
    gb = presets.regime("GB", as_of=DAY)
    kept = attrs.evolve(gb, taxes=[attrs.evolve(gb.taxes[0], recoverable=False)])
    assert "net of recoverable" not in _holders(kept).explain()


# -- laws -----------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(xst.landed_costs())
def test_recoverable_taxes_are_the_recoverable_rules_figures(
    result: LandedCost,
) -> None:
    # The generated regimes mark their taxes recoverable or not at random.
    for line in result.lines:
        assert Money("0", result.currency.code) <= line.recoverable_taxes <= line.taxes
        assert line.landed_cost_net == line.landed_cost - line.recoverable_taxes
        assert line.landed_cost_net <= line.landed_cost
        assert line.landed_cost_net_per_unit <= line.landed_cost_per_unit
        taxed = [f for f in line.figures if f.component is Component.TAX]
        if not taxed:
            assert line.recoverable_taxes.is_zero()
    totals = result.totals
    assert totals.recoverable_taxes == Money.total(
        (line.recoverable_taxes for line in result.lines), currency=result.currency
    )
    assert totals.landed_cost_net == totals.landed_cost - totals.recoverable_taxes
    shown = result.explain()
    for line in result.lines:
        net = f"net of recoverable taxes ({line.recoverable_taxes}): "
        assert (net in shown) is not line.recoverable_taxes.is_zero()


@settings(max_examples=20, deadline=None)
@given(xst.landed_costs())
def test_the_new_figures_round_trip(result: LandedCost) -> None:
    for line in result.lines:
        assert from_data(LineResult, to_data(line)) == line
    assert from_data(Totals, to_data(result.totals)) == result.totals


@given(st.from_type(Charge))
def test_drawn_charges_include_credits_and_are_valid(charge: Charge) -> None:
    assert attrs.evolve(charge) == charge


def test_the_charge_strategy_draws_credits_only_when_asked() -> None:
    assert find(
        xst.charges(allow_credits=True), lambda charge: charge.is_credit
    ).is_credit
    with pytest.raises(NoSuchExample):
        find(xst.charges(), lambda charge: charge.is_credit)
    with pytest.raises(InvalidArgument, match="allow_credits"):
        find(xst.charges(allow_credits="yes"), lambda _: True)  # type: ignore[arg-type]


# -- bad input ------------------------------------------------------------------------


def test_recoverable_taxes_above_the_taxes_are_refused() -> None:
    line = _holders(presets.regime("GB", as_of=DAY)).lines[0]
    more = line.taxes + Money("0.01", "GBP")
    with pytest.raises(InvalidInputError) as caught:
        attrs.evolve(line, recoverable_taxes=more)
    assert caught.value.field == "recoverable_taxes"
    assert caught.value.value == more
    with pytest.raises(InvalidInputError) as negative:
        attrs.evolve(line, recoverable_taxes=Money("-0.01", "GBP"))
    assert negative.value.field == "recoverable_taxes"


def test_recoverable_taxes_in_another_currency_are_refused() -> None:
    totals = _holders(presets.regime("GB", as_of=DAY)).totals
    with pytest.raises(CurrencyMismatchError) as caught:
        attrs.evolve(totals, recoverable_taxes=Money("1.00", "EUR"))
    assert caught.value.field == "recoverable_taxes"
