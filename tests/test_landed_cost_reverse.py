from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.customs import (
    AdValorem,
    Collector,
    Fee,
    Incoterm,
    Regime,
    Tariff,
    TariffMeasure,
    TaxBase,
    TaxRule,
    TransportMode,
    Valuation,
    presets,
)
from xborder.dated import Validity
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
)
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import Line, Shipment, landed_cost, price_for_landed_cost
from xborder.money import Money

if TYPE_CHECKING:
    from decimal import Decimal

DAY = dt.date(2026, 9, 1)
ALWAYS = Validity(valid_from="2000-01-01", valid_to=None, source="https://example.org")
FX = FxTable(rates=(FxRate(base="USD", quote="GBP", rate="0.7610", as_of=DAY),))
GB = presets.regime("GB", as_of=DAY).with_tariff(
    Tariff(measures=[TariffMeasure(hs_code="3926", duty=AdValorem("0.06"))])
)


def _shipment(
    *lines: Line, collector: Collector | None = Collector.MARKETPLACE
) -> Shipment:
    return Shipment(
        lines=lines
        or [
            Line(
                sku="PH-01",
                hs_code="392690",
                origin_country="CN",
                quantity=10,
                unit_price=Money("12.00", "USD"),
            )
        ],
        export_country="CN",
        destination_country="GB",
        incoterm=Incoterm.DDP,
        mode=TransportMode.COURIER,
        import_date=DAY,
        freight=Money("20.00", "USD"),
        collector=collector,
    )


def _next_price_lands_above(
    result_price: Money, shipment: Shipment, target: Money
) -> bool:
    line = attrs.evolve(
        shipment.lines[0],
        unit_price=result_price + Money("0.01", result_price.currency),
    )
    above = landed_cost(
        attrs.evolve(shipment, lines=[line, *shipment.lines[1:]]), GB, fx=FX, as_of=DAY
    )
    return above.total > target


@pytest.mark.parametrize("target", ["150.00", "174.00", "200.00", "500.00", "5000.00"])
def test_the_highest_price_within_the_target(target: str) -> None:
    goal = Money(target, "GBP")
    shipment = _shipment()
    result = price_for_landed_cost(shipment, GB, target=goal, fx=FX, as_of=DAY)
    recomputed = landed_cost(result.shipment, GB, fx=FX, as_of=DAY)
    assert recomputed.total == result.ddp_price <= goal
    assert result.gap == goal - result.ddp_price
    assert result.shipment.lines[0].unit_price == result.unit_price
    assert _next_price_lands_above(result.unit_price, shipment, goal)
    assert result.cliff is None


def test_a_target_inside_the_135_pound_jump_names_the_cliff() -> None:
    # At £135 of goods the marketplace charges VAT at sale and there is no
    # duty; a penny more and 6% duty plus import VAT on it fall due.
    goal = Money("185.00", "GBP")
    result = price_for_landed_cost(_shipment(), GB, target=goal, fx=FX, as_of=DAY)
    assert result.unit_price == Money("17.74", "USD")  # 177.40 USD = £135.00
    assert result.landed.totals.goods_value == Money("135.00", "GBP")
    cliff = result.cliff
    assert cliff is not None
    assert set(cliff.rules) == {"GB-duty-relief-135", "GB-135"}
    assert cliff.landed_below == Money("180.26", "GBP")
    assert cliff.landed_above == Money("191.18", "GBP")
    assert cliff.jump == Money("10.92", "GBP")
    assert cliff.above == Money("17.75", "USD")
    assert "threshold-cliff" in [w.code for w in result.warnings]
    assert result.gap == Money("4.74", "GBP")


def test_a_continuous_kink_is_not_a_cliff() -> None:
    # A fee's minimum gives way to its rate without a jump.
    fee = Fee(
        id="F",
        name="fee",
        rate="0.01",
        minimum=Money("5.00", "EUR"),
        validity=ALWAYS,
    )
    regime = Regime(
        country="DE",
        name="fee only",
        currency="EUR",
        valuation=Valuation.CIF,
        validity=ALWAYS,
        fees=[fee],
        tariff=Tariff(measures=[TariffMeasure(hs_code="3926", duty=AdValorem(0))]),
    )
    line = Line(
        sku="x",
        hs_code="392690",
        origin_country="CN",
        quantity=1,
        unit_price=Money("1.00", "EUR"),
    )
    shipment = attrs.evolve(_shipment(line), destination_country="DE", freight=None)
    result = price_for_landed_cost(
        shipment, regime, target=Money("505.00", "EUR"), fx=None, as_of=DAY
    )
    assert result.unit_price == Money("500.00", "EUR")  # fee 5.00 = 1% of 500
    assert result.ddp_price == Money("505.00", "EUR")
    assert result.cliff is None


def test_solving_for_one_line_keeps_the_others() -> None:
    first = Line(
        sku="a",
        hs_code="392690",
        origin_country="CN",
        quantity=5,
        unit_price=Money("30.00", "USD"),
    )
    second = Line(
        sku="b",
        hs_code="392690",
        origin_country="CN",
        quantity=2,
        unit_price=Money("1.00", "USD"),
    )
    shipment = _shipment(first, second)
    result = price_for_landed_cost(
        shipment, GB, target=Money("400.00", "GBP"), fx=FX, as_of=DAY, line=1
    )
    assert result.shipment.lines[0] == first
    assert result.ddp_price <= Money("400.00", "GBP")
    assert result.unit_price > Money("1.00", "USD")


def test_zero_decimal_currencies() -> None:
    vat = TaxRule(
        id="CT",
        name="tax 10%",
        rate="0.10",
        base={TaxBase.CUSTOMS_VALUE, TaxBase.DUTY},
        validity=ALWAYS,
    )
    regime = Regime(
        country="JP",
        name="yen",
        currency="JPY",
        valuation=Valuation.CIF,
        validity=ALWAYS,
        taxes=[vat],
        tariff=Tariff(measures=[TariffMeasure(hs_code="3926", duty=AdValorem("0.05"))]),
    )
    line = Line(
        sku="x",
        hs_code="392690",
        origin_country="CN",
        quantity=3,
        unit_price=Money(1000, "JPY"),
    )
    shipment = attrs.evolve(
        _shipment(line), destination_country="JP", freight=Money(500, "JPY")
    )
    result = price_for_landed_cost(
        shipment, regime, target=Money(20000, "JPY"), fx=None, as_of=DAY
    )
    assert result.unit_price.amount == result.unit_price.amount.to_integral_value()
    assert result.ddp_price <= Money(20000, "JPY")


@settings(max_examples=25)
@given(
    st.integers(min_value=1, max_value=50),
    st.decimals(min_value=30, max_value=3000, places=2),
)
def test_the_solution_is_the_highest_price_within_the_target(
    quantity: int, target: Decimal
) -> None:
    line = Line(
        sku="x",
        hs_code="392690",
        origin_country="CN",
        quantity=quantity,
        unit_price=Money("1.00", "USD"),
    )
    shipment = _shipment(line)
    goal = Money(target, "GBP")
    result = price_for_landed_cost(shipment, GB, target=goal, fx=FX, as_of=DAY)
    assert result.ddp_price <= goal
    assert _next_price_lands_above(result.unit_price, shipment, goal)


def test_bad_reverse_pricing_input() -> None:
    shipment = _shipment()
    with pytest.raises(RuleNotApplicableError) as caught:
        price_for_landed_cost(
            shipment, GB, target=Money("5.00", "GBP"), fx=FX, as_of=DAY
        )
    assert caught.value.field == "target"
    with pytest.raises(CurrencyMismatchError) as caught2:
        price_for_landed_cost(
            shipment, GB, target=Money("500", "USD"), fx=FX, as_of=DAY
        )
    assert caught2.value.field == "target"
    with pytest.raises(InvalidTypeError) as caught3:
        price_for_landed_cost(shipment, GB, target="500", fx=FX, as_of=DAY)  # type: ignore[arg-type]
    assert caught3.value.field == "target"
    with pytest.raises(InvalidInputError) as caught4:
        price_for_landed_cost(
            shipment, GB, target=Money("500", "GBP"), fx=FX, as_of=DAY, line=3
        )
    assert caught4.value.field == "line"
    with pytest.raises(InvalidTypeError) as caught5:
        price_for_landed_cost("x", GB, target=Money("500", "GBP"), fx=FX, as_of=DAY)  # type: ignore[arg-type]
    assert caught5.value.field == "shipment"
