"""The laws a landed cost obeys, checked on generated shipments and regimes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from xborder._exact import EXACT
from xborder.customs import (
    AdValorem,
    Party,
    Regime,
    Tariff,
    TariffMeasure,
    TaxBase,
    TaxRule,
    Valuation,
)
from xborder.dated import Validity
from xborder.landed_cost import (
    AllocationBasis,
    Component,
    LandedCost,
    Line,
    Shipment,
    allocate_charge,
    allocation_weights,
    landed_cost,
)
from xborder.landed_cost._build import COMPONENT_FIELDS
from xborder.money import Currency, Money, RoundingMode
from xborder.testing import strategies as xst

DAY = dt.date(2026, 9, 1)
ALWAYS = Validity(valid_from="2000-01-01", valid_to=None, source="https://example.org")
USD = st.just(Currency("USD"))
_FIELDS = (
    "goods_value",
    "freight",
    "insurance",
    "charges",
    "duty",
    "additional_duties",
    "excise",
    "taxes",
    "fees",
    "landed_cost",
    "customs_value",
)


def _regime(shipment: Shipment, rate: Decimal) -> Regime:
    codes = {line.hs_code.digits for line in shipment.lines}
    vat = TaxRule(
        id="VAT",
        name="VAT 20%",
        rate="0.20",
        base={TaxBase.CUSTOMS_VALUE, TaxBase.DUTY},
        validity=ALWAYS,
    )
    return Regime(
        country=shipment.destination_country,
        name="flat rate",
        currency="USD",
        valuation=Valuation.CIF,
        validity=ALWAYS,
        taxes=[vat],
        tariff=Tariff(
            measures=[
                TariffMeasure(hs_code=code, duty=AdValorem(rate)) for code in codes
            ]
        ),
    )


@given(xst.landed_costs())
def test_the_laws_of_a_landed_cost(result: LandedCost) -> None:
    # One generated computation checks every law: generating a shipment and
    # a regime costs far more than checking.
    _never_below_the_goods_value(result)
    _totals_are_the_exact_sums_of_the_lines(result)
    _the_audit_trail_adds_up_to_the_result(result)
    _sums_keep_the_exponent_of_adding_up_from_zero(result)


def _never_below_the_goods_value(result: LandedCost) -> None:
    assert result.total >= result.totals.goods_value
    for line in result.lines:
        assert line.landed_cost >= line.goods_value


def _totals_are_the_exact_sums_of_the_lines(result: LandedCost) -> None:
    for name in _FIELDS:
        total = sum((getattr(line, name).amount for line in result.lines), Decimal(0))
        assert getattr(result.totals, name).amount == total, name
    minor = result.currency.minor_unit
    for figure in result.figures:
        assert figure.amount.currency == result.currency
        assert figure.amount.amount % minor == 0  # whole minor units


def _the_audit_trail_adds_up_to_the_result(result: LandedCost) -> None:
    assert sum(f.amount.amount for f in result.figures) == result.total.amount
    for line in result.lines:
        assert sum(f.amount.amount for f in line.figures) == line.landed_cost.amount
        duties = [f for f in line.figures if f.component is Component.DUTY]
        assert sum(f.amount.amount for f in duties) == line.duty.amount
    assert result.paid_by(Party.BUYER) + result.paid_by(Party.SELLER) == result.total
    for figure in result.figures:
        assert figure.rule
        if figure.exact is not None:
            assert figure.rounding is not None


def _sums_keep_the_exponent_of_adding_up_from_zero(result: LandedCost) -> None:
    # Each amount of a line or of the totals is the exact sum, from the
    # currency's zero (0.00 for USD), of its figures: the same Decimal,
    # exponent included, however the calculator arrives at it (it reuses a
    # lone figure's amount, and skips components no figure touched).
    zero = Money.of_minor_units(0, result.currency).amount
    totals = dict.fromkeys((*COMPONENT_FIELDS.values(), "landed", "customs"), zero)
    for line in result.lines:
        for component, name in COMPONENT_FIELDS.items():
            amounts = [
                f.amount.amount for f in line.figures if f.component is component
            ]
            expected = _sum(zero, amounts)
            assert getattr(line, name).amount.as_tuple() == expected.as_tuple(), name
            totals[name] = _sum(totals[name], amounts)
        landed = _sum(zero, [f.amount.amount for f in line.figures])
        assert line.landed_cost.amount.as_tuple() == landed.as_tuple()
        totals["landed"] = EXACT.add(totals["landed"], landed)
        totals["customs"] = EXACT.add(totals["customs"], line.customs_value.amount)
    for name in COMPONENT_FIELDS.values():
        assert getattr(result.totals, name).amount.as_tuple() == totals[name].as_tuple()
    assert result.total.amount.as_tuple() == totals["landed"].as_tuple()
    customs = result.totals.customs_value.amount
    assert customs.as_tuple() == totals["customs"].as_tuple()


def _sum(start: Decimal, amounts: list[Decimal]) -> Decimal:
    for amount in amounts:
        start = EXACT.add(start, amount)
    return start


@given(
    xst.shipments(currency=USD),
    st.decimals(min_value=0, max_value=2, places=4),
    st.decimals(min_value=0, max_value=2, places=4),
)
def test_duty_is_monotone_in_the_rate(
    shipment: Shipment, rate_a: Decimal, rate_b: Decimal
) -> None:
    low, high = sorted((rate_a, rate_b))
    at_low = landed_cost(shipment, _regime(shipment, low), fx=None, as_of=DAY)
    at_high = landed_cost(shipment, _regime(shipment, high), fx=None, as_of=DAY)
    assert at_low.totals.duty <= at_high.totals.duty
    for cheap, dear in zip(at_low.lines, at_high.lines, strict=True):
        assert cheap.duty <= dear.duty
        assert cheap.landed_cost <= dear.landed_cost


@given(
    xst.shipments(currency=USD),
    st.decimals(min_value=0, max_value=2, places=4),
    st.integers(min_value=2, max_value=5),
)
def test_duty_is_monotone_in_the_value(
    shipment: Shipment, rate: Decimal, factor: int
) -> None:
    dearer = attrs.evolve(
        shipment,
        lines=[
            attrs.evolve(line, unit_price=line.unit_price * factor)
            for line in shipment.lines
        ],
    )
    regime = _regime(shipment, rate)
    cheap = landed_cost(shipment, regime, fx=None, as_of=DAY)
    dear = landed_cost(dearer, regime, fx=None, as_of=DAY)
    assert cheap.totals.duty <= dear.totals.duty
    for low, high in zip(cheap.lines, dear.lines, strict=True):
        assert low.customs_value <= high.customs_value
        assert low.duty <= high.duty


@given(
    st.lists(xst.lines(currency=USD), min_size=1, max_size=8),
    xst.money_values(currency=USD, min_value=0, max_value=10**6),
    st.sampled_from(list(AllocationBasis)),
)
def test_allocation_conserves_the_total_and_gives_no_negative_share(
    lines: list[Line], amount: Money, basis: AllocationBasis
) -> None:
    values = [line.goods_value.quantize(RoundingMode.HALF_UP) for line in lines]
    duties = [value * Decimal("0.05") for value in values]
    duties = [duty.quantize(RoundingMode.HALF_UP) for duty in duties]
    weights = allocation_weights(
        lines, basis, values=values, duties=duties, volumetric_divisor=5000
    )
    assume(any(weights))  # an all-zero basis is refused, by design
    shares = allocate_charge(
        amount, lines, basis, values=values, duties=duties, volumetric_divisor=5000
    )
    assert sum(share.amount for share in shares) == amount.amount
    assert all(not share.is_negative() for share in shares)
    for weight, share in zip(weights, shares, strict=True):
        if not weight:
            assert share.is_zero()
