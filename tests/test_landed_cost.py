from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal

import attrs
import pytest

from xborder.customs import (
    AdValorem,
    Collector,
    Fee,
    FlatPerTariffLine,
    Incoterm,
    MeasureKind,
    Party,
    Regime,
    Relief,
    RoundingPolicy,
    Scope,
    Specific,
    Tariff,
    TariffMeasure,
    TaxBase,
    TaxRule,
    Threshold,
    TransportMode,
    Valuation,
    presets,
)
from xborder.dated import Validity
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    RuleNotApplicableError,
    UnitError,
    UnknownCurrencyError,
)
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import (
    AllocationBasis,
    Charge,
    ChargeKind,
    Component,
    LandedCost,
    Line,
    Shipment,
    allocate_charge,
    allocation_weights,
    landed_cost,
)
from xborder.money import Currency, Money, RoundingMode, allocate

DAY = dt.date(2026, 9, 1)
ALWAYS = Validity(valid_from="2000-01-01", valid_to=None, source="https://example.org")
FX = FxTable(
    rates=(
        FxRate(base="USD", quote="EUR", rate="0.8650", as_of=DAY, source="bank"),
        FxRate(base="USD", quote="GBP", rate="0.7610", as_of=DAY, source="bank"),
        FxRate(base="USD", quote="CNY", rate="7.1200", as_of=DAY, source="bank"),
    ),
    pivot="USD",
)


def _line(**kwargs: object) -> Line:
    values: dict[str, object] = {
        "sku": "PH-01",
        "hs_code": "3926909790",
        "origin_country": "CN",
        "quantity": 200,
        "unit_price": Money("2.35", "USD"),
        "unit_weight": "85 g",
        "unit_volume": "400 cm**3",
    }
    values.update(kwargs)
    return Line(**values)  # type: ignore[arg-type]


def _shipment(**kwargs: object) -> Shipment:
    values: dict[str, object] = {
        "lines": [_line()],
        "export_country": "CN",
        "destination_country": "DE",
        "incoterm": Incoterm.DDP,
        "mode": TransportMode.AIR,
        "import_date": DAY,
        "freight": Money("38.00", "USD"),
        "insurance": Money("2.00", "USD"),
    }
    values.update(kwargs)
    return Shipment(**values)  # type: ignore[arg-type]


def _tariff(rate: str = "0.065", code: str = "3926") -> Tariff:
    return Tariff(measures=[TariffMeasure(hs_code=code, duty=AdValorem(rate))])


def _de() -> Regime:
    return presets.regime("DE", as_of=DAY).with_tariff(_tariff())


def _plain(**kwargs: object) -> Regime:
    values: dict[str, object] = {
        "country": "DE",
        "name": "plain",
        "currency": "EUR",
        "valuation": Valuation.CIF,
        "validity": ALWAYS,
        "tariff": _tariff(),
    }
    values.update(kwargs)
    return Regime(**values)  # type: ignore[arg-type]


# -- the computation ------------------------------------------------------------


def test_phone_holders_to_germany_cif_duty_then_vat_on_duty() -> None:
    result = landed_cost(_shipment(), _de(), fx=FX, as_of=DAY)
    line = result.lines[0]
    # 470.00 USD → 406.55 EUR; freight 32.87; insurance 1.73; CIF 441.15.
    assert line.goods_value == Money("406.55", "EUR")
    assert line.customs_value == Money("441.15", "EUR")
    assert line.duty == Money("28.67", "EUR")  # 6.5% of 441.15 = 28.67475
    assert line.taxes == Money("89.27", "EUR")  # 19% of 469.82 = 89.2658
    assert line.landed_cost == Money("559.09", "EUR")
    assert line.landed_cost_per_unit == Money("2.80", "EUR")
    assert result.total == line.landed_cost
    assert result.currency.code == "EUR"
    assert {str(rate) for rate in result.rates} == {"USD→EUR at 1 USD = 0.8650 EUR"}


def test_fob_leaves_freight_out_of_the_customs_value_but_not_the_landed_cost() -> None:
    fob = _plain(valuation=Valuation.FOB)
    cif = _plain(valuation=Valuation.CIF)
    by_fob = landed_cost(_shipment(), fob, fx=FX, as_of=DAY)
    by_cif = landed_cost(_shipment(), cif, fx=FX, as_of=DAY)
    assert by_fob.totals.customs_value == Money("406.55", "EUR")
    assert by_cif.totals.customs_value == Money("441.15", "EUR")
    assert by_fob.totals.freight == by_cif.totals.freight == Money("32.87", "EUR")
    assert by_fob.totals.duty < by_cif.totals.duty


def test_a_fob_tax_base_adds_freight_and_insurance_a_cif_one_does_not_double() -> None:
    gst = TaxRule(
        id="GST",
        name="GST 10%",
        rate="0.10",
        base={TaxBase.CUSTOMS_VALUE, TaxBase.FREIGHT, TaxBase.INSURANCE, TaxBase.DUTY},
        validity=ALWAYS,
    )
    for valuation in Valuation:
        result = landed_cost(
            _shipment(), _plain(valuation=valuation, taxes=[gst]), fx=FX, as_of=DAY
        )
        tax = next(f for f in result.figures if f.component is Component.TAX)
        expected = result.totals.goods_value + result.totals.freight
        expected = expected + result.totals.insurance + result.totals.duty
        assert tax.base == expected


def test_audit_trail_names_rule_base_rate_and_source_for_every_figure() -> None:
    result = landed_cost(_shipment(), _de(), fx=FX, as_of=DAY)
    for figure in result.figures:
        assert figure.rule
        assert figure.line == 0
    duty = next(f for f in result.figures if f.component is Component.DUTY)
    assert (duty.rate, duty.base) == ("6.5%", Money("441.15", "EUR"))
    assert duty.exact == Money("28.67475", "EUR")
    vat = next(f for f in result.figures if f.component is Component.TAX)
    assert vat.rule == "DE-import-VAT"
    assert vat.source == "https://vatupdate.com/?p=145613"
    assert vat.base == Money("469.82", "EUR")
    goods = next(f for f in result.figures if f.component is Component.GOODS)
    assert goods.rate == "USD→EUR at 1 USD = 0.8650 EUR"
    assert goods.source == "bank"
    assert [d.rule for d in result.decisions] == ["valuation", "EU-IOSS-150-flat-duty"]
    assert "Import VAT (DE) 19%: 89.27 EUR [19% on 469.82 EUR]" in result.explain()


def test_payers_follow_the_incoterm_and_can_be_overridden() -> None:
    dap = landed_cost(_shipment(incoterm=Incoterm.DAP), _de(), fx=FX, as_of=DAY)
    ddp = landed_cost(_shipment(incoterm=Incoterm.DDP), _de(), fx=FX, as_of=DAY)
    fob = landed_cost(_shipment(incoterm=Incoterm.FOB), _de(), fx=FX, as_of=DAY)
    duties_and_taxes = dap.totals.duties_and_taxes
    freight_insurance = dap.totals.freight + dap.totals.insurance
    assert dap.paid_by(Party.SELLER) == freight_insurance
    assert ddp.paid_by(Party.SELLER) == freight_insurance + duties_and_taxes
    assert fob.paid_by(Party.SELLER).is_zero()
    assert fob.paid_by(Party.BUYER) == fob.total
    hidden_ddp = landed_cost(
        _shipment(incoterm=Incoterm.DAP, duties_paid_by=Party.SELLER),
        _de(),
        fx=FX,
        as_of=DAY,
    )
    assert hidden_ddp.paid_by(Party.SELLER) == ddp.paid_by(Party.SELLER)


def test_charges_enter_the_customs_value_the_tax_base_or_neither() -> None:
    charges = (
        Charge(name="royalty", amount=Money("10.00", "EUR"), kind=ChargeKind.ADDITION),
        Charge(
            name="to warehouse",
            amount=Money("20.00", "EUR"),
            kind=ChargeKind.ONWARD_TRANSPORT,
        ),
        Charge(name="brokerage", amount=Money("30.00", "EUR"), kind=ChargeKind.BROKER),
        Charge(
            name="handling",
            amount=Money("5.00", "EUR"),
            kind=ChargeKind.OTHER,
            taxable=True,
        ),
    )
    plain = landed_cost(_shipment(), _de(), fx=FX, as_of=DAY)
    charged = landed_cost(_shipment(charges=charges), _de(), fx=FX, as_of=DAY)
    assert charged.totals.customs_value == plain.totals.customs_value + Money(10, "EUR")
    assert charged.totals.charges == Money("65.00", "EUR")
    vat = next(f for f in charged.figures if f.component is Component.TAX)
    # customs value 451.15 + duty 29.32 (6.5% of 451.15) + onward 20 + taxable 5
    assert vat.base == Money("505.47", "EUR")
    payers = {
        f.label: f.payer for f in charged.figures if f.component is Component.CHARGE
    }
    assert payers == {
        "royalty": Party.BUYER,
        "to warehouse": Party.SELLER,  # DDP: delivery to the named place
        "brokerage": Party.SELLER,  # DDP: import clearance
        "handling": Party.BUYER,
    }


def test_freight_split_by_chargeable_weight() -> None:
    light_bulky = _line(
        sku="bulky", quantity=10, unit_weight="100 g", unit_volume="5000 cm**3"
    )
    heavy_small = _line(
        sku="dense", quantity=10, unit_weight="1 kg", unit_volume="500 cm**3"
    )
    shipment = _shipment(
        lines=[light_bulky, heavy_small],
        freight_basis=AllocationBasis.CHARGEABLE_WEIGHT,
        volumetric_divisor=5000,
        insurance=None,
    )
    result = landed_cost(shipment, _de(), fx=FX, as_of=DAY)
    # Chargeable: bulky max(1 kg, 50000/5000 = 10 kg) = 10; dense max(10, 1) = 10.
    assert [line.freight for line in result.lines] == [
        Money("16.44", "EUR"),
        Money("16.43", "EUR"),
    ]


def test_allocation_by_duty_after_duties_are_known() -> None:
    free = _line(sku="free", hs_code="490199", unit_price=Money("10.00", "USD"))
    dutiable = _line(sku="dutiable", unit_price=Money("10.00", "USD"))
    tariff = Tariff(
        measures=[
            TariffMeasure(hs_code="4901", duty=AdValorem(0)),
            TariffMeasure(hs_code="3926", duty=AdValorem("0.10")),
        ]
    )
    broker = Charge(
        name="broker",
        amount=Money("12.00", "EUR"),
        kind=ChargeKind.BROKER,
        basis=AllocationBasis.DUTY,
    )
    shipment = _shipment(lines=[free, dutiable], charges=[broker])
    result = landed_cost(shipment, _plain(tariff=tariff), fx=FX, as_of=DAY)
    assert [line.charges for line in result.lines] == [
        Money(0, "EUR"),
        Money("12.00", "EUR"),
    ]


def test_a_duty_split_follows_every_duty_of_the_line() -> None:
    # Splitting by duty reads each line's duty, additional duties and excise.
    tariff = Tariff(
        measures=[
            TariffMeasure(hs_code="3926", duty=AdValorem("0.10")),
            TariffMeasure(
                hs_code="3926",
                duty=AdValorem("0.25"),
                kind=MeasureKind.ANTI_DUMPING,
                origins=["CN"],
            ),
        ]
    )
    broker = Charge(
        name="broker",
        amount=Money("10.00", "EUR"),
        kind=ChargeKind.BROKER,
        basis=AllocationBasis.DUTY,
    )
    lines = [_line(sku="cn"), _line(sku="vn", origin_country="VN")]
    shipment = _shipment(lines=lines, charges=[broker])
    result = landed_cost(shipment, _plain(tariff=tariff), fx=FX, as_of=DAY)
    weights = [line.duty + line.additional_duties for line in result.lines]
    assert [line.charges for line in result.lines] == list(
        allocate(Money("10.00", "EUR"), [weight.amount for weight in weights])
    )
    assert result.lines[0].charges > result.lines[1].charges


def test_equal_currencies_built_apart_convert_alike() -> None:
    # Each currency's conversion is found once per computation and looked up
    # by identity; a Currency built apart (equal, not the same object) gets
    # the same figures, and one equal to the regime's is not converted.
    cached, apart = Money("1", "USD").currency, Currency("USD")
    assert cached == apart
    assert cached is not apart
    lines = [
        _line(sku="a", unit_price=Money("2.35", cached)),
        _line(sku="b", unit_price=Money("2.35", apart)),
        _line(sku="c", unit_price=Money("1.99", Currency("EUR"))),
    ]
    mixed = _shipment(lines=lines, freight=Money("38.00", apart))
    same = attrs.evolve(
        mixed,
        lines=[
            attrs.evolve(line, unit_price=Money(line.unit_price.amount, "USD"))
            for line in lines[:2]
        ]
        + [lines[2]],
        freight=Money("38.00", "USD"),
    )
    result = landed_cost(mixed, _de(), fx=FX, as_of=DAY)
    assert repr(result) == repr(landed_cost(same, _de(), fx=FX, as_of=DAY))
    assert [str(rate) for rate in result.rates] == ["USD→EUR at 1 USD = 0.8650 EUR"]
    euro = result.lines[2].figures[0]
    assert (euro.amount, euro.rate, euro.base) == (Money("398.00", "EUR"), None, None)


def test_specific_duty_reads_net_weight_and_litres() -> None:
    tariff = Tariff(
        measures=[
            TariffMeasure(
                hs_code="2204",
                duty=Specific(amount=Money("32", "EUR"), measure="l", per=100),
            ),
            TariffMeasure(
                hs_code="3926",
                duty=Specific(amount=Money("2", "EUR"), measure="kg", per=100),
            ),
        ]
    )
    wine = _line(sku="wine", hs_code="220421", tariff_quantities={"l": "75 L"})
    holders = _line()  # 200 × 85 g = 17 kg
    result = landed_cost(
        _shipment(lines=[wine, holders]), _plain(tariff=tariff), fx=FX, as_of=DAY
    )
    assert [line.duty for line in result.lines] == [
        Money("24.00", "EUR"),
        Money("0.34", "EUR"),
    ]


def test_additional_duties_and_excise_are_separate_figures_in_the_vat_base() -> None:
    tariff = Tariff(
        measures=[
            TariffMeasure(hs_code="3926", duty=AdValorem("0.05")),
            TariffMeasure(
                hs_code="3926",
                duty=AdValorem("0.10"),
                kind=MeasureKind.ANTI_DUMPING,
                origins=["CN"],
            ),
            TariffMeasure(
                hs_code="3926", duty=AdValorem("0.01"), kind=MeasureKind.EXCISE
            ),
        ]
    )
    vat = TaxRule(
        id="VAT",
        name="VAT",
        rate="0.20",
        base={
            TaxBase.CUSTOMS_VALUE,
            TaxBase.DUTY,
            TaxBase.ADDITIONAL_DUTIES,
            TaxBase.EXCISE,
        },
        validity=ALWAYS,
    )
    shipment = _shipment(
        freight=None, insurance=None, lines=[_line(unit_price=Money("5.00", "EUR"))]
    )
    result = landed_cost(shipment, _plain(tariff=tariff, taxes=[vat]), fx=FX, as_of=DAY)
    totals = result.totals
    assert (totals.duty, totals.additional_duties, totals.excise) == (
        Money("50.00", "EUR"),
        Money("100.00", "EUR"),
        Money("10.00", "EUR"),
    )
    assert totals.taxes == Money("232.00", "EUR")  # 20% of 1,000 + 160


def test_government_fees_are_shared_by_customs_value() -> None:
    fee = Fee(
        id="F",
        name="entry fee",
        amount=Money("10.00", "EUR"),
        taxable=True,
        validity=ALWAYS,
    )
    vat = TaxRule(
        id="VAT", name="VAT", rate="0.10", base={TaxBase.FEES}, validity=ALWAYS
    )
    lines = [
        _line(sku="a", unit_price=Money("1.00", "EUR")),
        _line(sku="b", unit_price=Money("3.00", "EUR")),
    ]
    result = landed_cost(
        _shipment(lines=lines, freight=None, insurance=None),
        _plain(fees=[fee], taxes=[vat]),
        fx=FX,
        as_of=DAY,
    )
    assert [line.fees for line in result.lines] == [
        Money("2.50", "EUR"),
        Money("7.50", "EUR"),
    ]
    assert result.totals.taxes == Money("1.00", "EUR")


def test_rounding_override_applies_to_every_figure() -> None:
    down = landed_cost(_shipment(), _de(), fx=FX, as_of=DAY, rounding=RoundingMode.DOWN)
    up = landed_cost(_shipment(), _de(), fx=FX, as_of=DAY, rounding=RoundingMode.UP)
    assert down.totals.duty == Money("28.67", "EUR")
    assert up.totals.duty == Money("28.68", "EUR")
    assert down.total < up.total


@pytest.mark.parametrize("name", ["step", "total_step"])
def test_a_rounding_step_finer_than_the_minor_unit_is_refused_by_name(
    name: str,
) -> None:
    # 0.005 EUR cannot be paid, and a declaration total on it could not be
    # shared back over the lines in whole cents.
    policy = RoundingPolicy(mode=RoundingMode.DOWN, **{name: "0.005"})
    two_lines = _shipment(lines=[_line(), _line(sku="PH-02", quantity=3)])
    with pytest.raises(InvalidInputError) as caught:
        landed_cost(two_lines, _plain(rounding=policy), fx=FX, as_of=DAY)
    assert caught.value.field == f"rounding.{name}"
    assert caught.value.value == Decimal("0.005")
    assert "EUR minor units (0.01)" in str(caught.value)


def test_a_coarse_base_step_and_whole_cent_steps_are_accepted() -> None:
    policy = RoundingPolicy(
        mode=RoundingMode.DOWN, base_step="0.001", step="0.05", total_step="1"
    )
    result = landed_cost(_shipment(), _plain(rounding=policy), fx=FX, as_of=DAY)
    assert result.totals.duty.amount % 1 == 0


# -- thresholds and point-of-sale schemes ---------------------------------------


def test_gb_under_135_vat_moves_to_the_sale_and_duty_is_waived() -> None:
    gb = presets.regime("GB", as_of=DAY).with_tariff(_tariff("0.06"))
    small = _shipment(
        destination_country="GB",
        lines=[_line(quantity=20)],  # 47 USD → 35.77 GBP
        collector=Collector.MARKETPLACE,
    )
    result = landed_cost(small, gb, fx=FX, as_of=DAY)
    assert result.totals.duty.is_zero()
    vat = next(f for f in result.figures if f.component is Component.TAX)
    assert vat.rule == "GB-VAT-at-sale"
    assert vat.payer is Party.BUYER
    assert "charged at sale by the marketplace" in (vat.detail or "")
    assert (
        vat.base
        == result.totals.goods_value + result.totals.freight + result.totals.insurance
    )
    assert [d.rule for d in result.decisions][1:] == ["GB-duty-relief-135", "GB-135"]


def test_gb_under_135_without_a_collector_is_a_reverse_charge_with_a_warning() -> None:
    gb = presets.regime("GB", as_of=DAY).with_tariff(_tariff("0.06"))
    result = landed_cost(
        _shipment(destination_country="GB", lines=[_line(quantity=20)]),
        gb,
        fx=FX,
        as_of=DAY,
    )
    assert "reverse charge" in (
        next(f for f in result.figures if f.component is Component.TAX).detail or ""
    )
    assert "collector" in [w.code for w in result.warnings]


def test_eu_ioss_without_a_collector_leaves_vat_at_the_border() -> None:
    small = _shipment(lines=[_line(quantity=20)])
    result = landed_cost(small, _de(), fx=FX, as_of=DAY)
    vat = next(f for f in result.figures if f.component is Component.TAX)
    assert vat.rule == "DE-import-VAT"
    # From 2026-07-01 the €150 relief is gone: full tariff duty outside IOSS.
    # 6.5% of CIF 40.66 + 32.87 + 1.73 = 75.26 EUR: 4.8919.
    assert result.totals.duty == Money("4.89", "EUR")


def test_threshold_cliff_warnings_on_both_sides() -> None:
    gb = presets.regime("GB", as_of=DAY).with_tariff(_tariff("0.06"))
    below = landed_cost(
        _shipment(
            destination_country="GB",
            lines=[_line(quantity=70)],
            collector=Collector.SELLER,
        ),
        gb,
        fx=FX,
        as_of=DAY,
    )  # 164.50 USD → 125.18 GBP: within 10% below £135
    above = landed_cost(
        _shipment(
            destination_country="GB",
            lines=[_line(quantity=80)],
            collector=Collector.SELLER,
        ),
        gb,
        fx=FX,
        as_of=DAY,
    )  # 188 USD → 143.07 GBP: just above
    assert "threshold-cliff" in [w.code for w in below.warnings]
    assert "threshold-cliff" in [w.code for w in above.warnings]
    none = landed_cost(
        _shipment(
            destination_country="GB",
            lines=[_line(quantity=80)],
            collector=Collector.SELLER,
        ),
        gb,
        fx=FX,
        as_of=DAY,
        cliff_margin=0,
    )
    assert "threshold-cliff" not in [w.code for w in none.warnings]


def test_excluded_goods_keep_paying_under_a_threshold() -> None:
    gb = presets.regime("GB", as_of=DAY).with_tariff(
        Tariff(
            measures=[
                TariffMeasure(hs_code="3926", duty=AdValorem("0.06")),
                TariffMeasure(hs_code="2204", duty=AdValorem("0.10")),
            ]
        )
    )
    wine = _line(
        sku="wine", hs_code="220421", quantity=1, unit_price=Money("20.00", "USD")
    )
    shipment = _shipment(
        destination_country="GB",
        lines=[_line(quantity=10), wine],
        collector=Collector.SELLER,
    )
    result = landed_cost(shipment, gb, fx=FX, as_of=DAY)
    assert result.lines[0].duty.is_zero()
    assert not result.lines[1].duty.is_zero()
    border_vat = [f for f in result.figures if f.rule == "GB-import-VAT"]
    assert [f.line for f in border_vat] == [
        1
    ]  # excise goods are outside the £135 rules


def test_us_after_the_suspension_pays_retaliatory_duty_and_the_informal_mpf() -> None:
    us = presets.regime("US", as_of=DAY).with_tariff(
        Tariff(
            measures=[
                TariffMeasure(hs_code="3926", duty=AdValorem("0.053")),
                TariffMeasure(
                    hs_code="3926",
                    duty=AdValorem("0.25"),
                    kind=MeasureKind.RETALIATORY,
                    origins=["CN"],
                ),
            ]
        )
    )
    result = landed_cost(_shipment(destination_country="US"), us, fx=FX, as_of=DAY)
    assert result.totals.customs_value == Money("470.00", "USD")  # FOB
    assert result.totals.duty == Money("24.91", "USD")
    assert result.totals.additional_duties == Money("117.50", "USD")
    assert result.totals.fees == Money("2.69", "USD")
    assert result.totals.taxes.is_zero()


def test_flat_duty_per_tariff_line_shares_the_amount_over_the_group() -> None:
    day = dt.date(2026, 7, 15)
    de = presets.regime("DE", as_of=day)
    black = _line(sku="black", quantity=10, unit_price=Money("3.00", "EUR"))
    white = _line(sku="white", quantity=10, unit_price=Money("1.00", "EUR"))
    result = landed_cost(
        _shipment(
            lines=[black, white],
            collector=Collector.SELLER,
            import_date=day,
            freight=None,
            insurance=None,
        ),
        de,
        fx=FX,
        as_of=day,
    )
    assert [line.duty for line in result.lines] == [
        Money("2.25", "EUR"),
        Money("0.75", "EUR"),
    ]
    assert any(
        d.rule == "EU-IOSS-150-flat-duty" and "tariff line 392690" in d.outcome
        for d in result.decisions
    )


def test_a_user_tariff_may_charge_a_flat_amount_per_tariff_line() -> None:
    tariff = Tariff(
        measures=[
            TariffMeasure(
                hs_code="39", duty=FlatPerTariffLine(amount=Money(2, "USD"), digits=4)
            )
        ]
    )
    lines = [
        _line(sku="a", unit_price=Money(0, "EUR")),
        _line(sku="b", unit_price=Money(0, "EUR")),
    ]
    result = landed_cost(
        _shipment(lines=lines, freight=None, insurance=None),
        _plain(tariff=tariff),
        fx=FX,
        as_of=DAY,
    )
    # 2 USD → 1.73 EUR once; every customs value is zero, so shared by quantity.
    assert [line.duty for line in result.lines] == [
        Money("0.87", "EUR"),
        Money("0.86", "EUR"),
    ]


# -- warnings ---------------------------------------------------------------------


def test_warnings_for_preference_claims_other_dates_and_stale_rules() -> None:
    tariff = Tariff(
        measures=[
            TariffMeasure(hs_code="3926", duty=AdValorem("0.065")),
            TariffMeasure(
                hs_code="3926",
                duty=AdValorem(0),
                kind=MeasureKind.PREFERENCE,
                preference="EU-VN",
                origins=["VN"],
            ),
        ]
    )
    regime = _plain(tariff=tariff)
    claimed = _shipment(lines=[_line(origin_country="VN", preference_claim="EU-VN")])
    result = landed_cost(claimed, regime, fx=FX, as_of=DAY)
    assert result.totals.duty.is_zero()
    assert "proof of origin" in " ".join(w.message for w in result.warnings)
    unknown = _shipment(lines=[_line(preference_claim="EU-VN")])  # from CN
    result = landed_cost(unknown, regime, fx=FX, as_of=DAY)
    assert result.totals.duty == Money("28.67", "EUR")
    assert "lists no 'EU-VN' preference" in " ".join(w.message for w in result.warnings)
    later = landed_cost(_shipment(), regime, fx=FX, as_of=dt.date(2026, 9, 2))
    assert "as-of" in [w.code for w in later.warnings]
    stale = _plain(
        validity=Validity(valid_from="2020-01-01", valid_to="2021-01-01", source="s")
    )
    forced = landed_cost(_shipment(), stale, fx=FX, as_of=DAY, allow_out_of_window=True)
    assert "out-of-window" in [w.code for w in forced.warnings]


def test_results_pickle() -> None:
    result = landed_cost(_shipment(), _de(), fx=FX, as_of=DAY)
    assert pickle.loads(pickle.dumps(result)) == result  # noqa: S301 - our own object


# -- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"quantity": -1}, InvalidInputError, "quantity"),
        ({"quantity": 0}, InvalidInputError, "quantity"),
        ({"quantity": 1.5}, InvalidTypeError, "quantity"),
        ({"origin_country": "XX"}, InvalidInputError, "origin_country"),
        ({"unit_price": Money("-1", "USD")}, InvalidInputError, "unit_price"),
        ({"unit_price": "2.35"}, InvalidTypeError, "unit_price"),
        ({"hs_code": "3926"}, InvalidInputError, "hs_code"),
        ({"unit_weight": "3 cm"}, UnitError, "unit_weight"),
        ({"unit_weight": "-3 kg"}, InvalidInputError, "unit_weight"),
        (
            {"tariff_quantities": {"l": "2 kg"}},
            UnitError,
            "tariff_quantities['l']",
        ),
        (
            {"tariff_quantities": {"pair": "-2"}},
            InvalidInputError,
            "tariff_quantities['pair']",
        ),
        (
            {"tariff_quantities": {"Pair": 2}},
            InvalidInputError,
            "tariff_quantities['Pair']",
        ),
        (
            {"tariff_quantities": {"pair": "2 kg"}},
            InvalidInputError,
            "tariff_quantities['pair']",
        ),
        ({"tariff_quantities": [1, 2]}, InvalidTypeError, "tariff_quantities"),
        ({"sku": ""}, InvalidInputError, "sku"),
    ],
)
def test_bad_lines(
    kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        _line(**kwargs)
    assert caught.value.field == field  # type: ignore[attr-defined]


def test_an_unknown_currency_is_refused() -> None:
    with pytest.raises(UnknownCurrencyError):
        _line(unit_price=Money("1", "XXZ"))


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"lines": []}, InvalidInputError, "lines"),
        ({"lines": [{"sku": "x"}]}, InvalidTypeError, "lines[0]"),
        ({"destination_country": "UK"}, InvalidInputError, "destination_country"),
        ({"destination_country": "CN"}, InvalidInputError, "destination_country"),
        ({"incoterm": "DDP"}, InvalidTypeError, "incoterm"),
        ({"mode": "air"}, InvalidTypeError, "mode"),
        ({"freight": Money("-1", "USD")}, InvalidInputError, "freight"),
        ({"freight_basis": AllocationBasis.DUTY}, InvalidInputError, "freight_basis"),
        ({"volumetric_divisor": 0}, InvalidInputError, "volumetric_divisor"),
        ({"import_date": "2026-13-01"}, InvalidInputError, "import_date"),
        ({"collector": "seller"}, InvalidTypeError, "collector"),
    ],
)
def test_bad_shipments(
    kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        _shipment(**kwargs)
    assert caught.value.field == field  # type: ignore[attr-defined]


def test_bad_charges() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Charge(
            name="x",
            amount=Money(1, "EUR"),
            kind=ChargeKind.ADDITION,
            basis=AllocationBasis.DUTY,
        )
    assert caught.value.field == "basis"
    with pytest.raises(InvalidInputError) as caught2:
        Charge(
            name="x", amount=Money(1, "EUR"), kind=ChargeKind.ADDITION, taxable=False
        )
    assert caught2.value.field == "taxable"
    with pytest.raises(InvalidTypeError) as caught3:
        Charge(name="x", amount=Money(1, "EUR"), kind="broker")  # type: ignore[arg-type]
    assert caught3.value.field == "kind"


def test_landed_cost_refuses_bad_arguments() -> None:
    shipment, regime = _shipment(), _de()
    with pytest.raises(InvalidTypeError) as caught:
        landed_cost("shipment", regime, fx=FX, as_of=DAY)  # type: ignore[arg-type]
    assert caught.value.field == "shipment"
    with pytest.raises(InvalidTypeError) as caught2:
        landed_cost(shipment, "DE", fx=FX, as_of=DAY)  # type: ignore[arg-type]
    assert caught2.value.field == "regime"
    with pytest.raises(InvalidTypeError) as caught3:
        landed_cost(shipment, regime, fx={"USD": 1}, as_of=DAY)  # type: ignore[arg-type]
    assert caught3.value.field == "fx"
    with pytest.raises(InvalidTypeError) as caught4:
        landed_cost(shipment, regime, fx=FX, as_of=dt.datetime(2026, 9, 1))  # noqa: DTZ001
    assert caught4.value.field == "as_of"
    with pytest.raises(InvalidTypeError) as caught5:
        landed_cost(shipment, regime, fx=FX, as_of=DAY, rounding="down")  # type: ignore[arg-type]
    assert caught5.value.field == "rounding"
    with pytest.raises(InvalidInputError) as caught6:
        landed_cost(shipment, regime, fx=FX, as_of=DAY, cliff_margin="1.5")
    assert caught6.value.field == "cliff_margin"
    with pytest.raises(InvalidInputError) as caught7:
        landed_cost(shipment, presets.regime("GB", as_of=DAY), fx=FX, as_of=DAY)
    assert caught7.value.field == "regime"
    with pytest.raises(InvalidTypeError) as caught8:
        landed_cost(shipment, regime, fx=FX, as_of=DAY, allow_out_of_window=1)  # type: ignore[arg-type]
    assert caught8.value.field == "allow_out_of_window"


def test_a_preset_outside_its_dates_is_refused() -> None:
    regime = _de()  # assembled for 2026-09-01: the €3 scheme ends 2028-07-01
    with pytest.raises(RuleNotApplicableError) as caught:
        landed_cost(
            _shipment(import_date="2028-08-01"),
            regime,
            fx=FX,
            as_of=dt.date(2028, 8, 1),
        )
    assert caught.value.field == "as_of"
    assert "EU-IOSS-150-flat-duty" in str(caught.value)


def test_missing_rates_and_tariff_rows_are_clear_errors() -> None:
    with pytest.raises(MissingFxRateError) as caught:
        landed_cost(_shipment(), _de(), fx=None, as_of=DAY)
    assert caught.value.field == "lines[0].unit_price"
    euro_only = FxTable(
        rates=(FxRate(base="GBP", quote="EUR", rate="1.15", as_of=DAY),)
    )
    with pytest.raises(MissingFxRateError):
        landed_cost(_shipment(), _de(), fx=euro_only, as_of=DAY)
    empty = presets.regime("DE", as_of=DAY)
    with pytest.raises(RuleNotApplicableError) as caught2:
        landed_cost(_shipment(), empty, fx=FX, as_of=DAY)
    assert caught2.value.field == "lines[0].hs_code"


def test_a_specific_duty_without_its_quantity_names_the_line() -> None:
    tariff = Tariff(
        measures=[
            TariffMeasure(
                hs_code="3926", duty=Specific(amount=Money(1, "EUR"), measure="pair")
            )
        ]
    )
    with pytest.raises(InvalidInputError) as caught:
        landed_cost(_shipment(), _plain(tariff=tariff), fx=FX, as_of=DAY)
    assert caught.value.field == "lines[0].tariff_quantities"


def test_a_zero_allocation_basis_is_refused_not_split_equally() -> None:
    free = _shipment(
        lines=[
            _line(sku="a", unit_price=Money(0, "USD")),
            _line(sku="b", unit_price=Money(0, "USD")),
        ]
    )
    with pytest.raises(InvalidInputError) as caught:
        landed_cost(free, _de(), fx=FX, as_of=DAY)
    assert caught.value.field == "freight_basis"
    weightless = _shipment(
        lines=[_line(sku="a", unit_weight=None), _line(sku="b")],
        freight_basis=AllocationBasis.WEIGHT,
    )
    with pytest.raises(InvalidInputError) as caught2:
        landed_cost(weightless, _de(), fx=FX, as_of=DAY)
    assert caught2.value.field == "lines[0].unit_weight"
    no_divisor = _shipment(freight_basis=AllocationBasis.CHARGEABLE_WEIGHT)
    with pytest.raises(InvalidInputError) as caught3:
        landed_cost(no_divisor, _de(), fx=FX, as_of=DAY)
    assert caught3.value.field == "volumetric_divisor"


def test_allocation_helpers_refuse_bad_arguments() -> None:
    lines = [_line()]
    with pytest.raises(InvalidTypeError) as caught:
        allocate_charge(Decimal(1), lines, AllocationBasis.EQUAL)  # type: ignore[arg-type]
    assert caught.value.field == "amount"
    with pytest.raises(InvalidTypeError) as caught2:
        allocation_weights(lines, "value")  # type: ignore[arg-type]
    assert caught2.value.field == "basis"
    with pytest.raises(InvalidInputError) as caught3:
        allocation_weights(lines, AllocationBasis.VALUE)
    assert caught3.value.field == "values"
    with pytest.raises(InvalidInputError) as caught4:
        allocation_weights(
            lines, AllocationBasis.CHARGEABLE_WEIGHT, volumetric_divisor=-1
        )
    assert caught4.value.field == "volumetric_divisor"
    with pytest.raises(InvalidInputError) as caught5:
        allocate_charge(Money("0.001", "EUR"), lines, AllocationBasis.EQUAL)
    assert caught5.value.field == "money"


def test_regime_amounts_must_share_its_currency_and_target_too() -> None:
    with pytest.raises(CurrencyMismatchError):
        _plain(fees=[Fee(id="x", name="x", amount=Money(1, "USD"), validity=ALWAYS)])


def test_landed_cost_result_is_a_named_typed_object() -> None:
    result = landed_cost(_shipment(), _de(), fx=FX, as_of=DAY)
    assert isinstance(result, LandedCost)
    assert attrs.has(type(result))
    assert result.lines[0].sku == "PH-01"
    assert result.lines[0].quantity == Decimal(200)


def test_per_line_and_per_item_thresholds() -> None:
    def regime(scope: Scope) -> Regime:
        threshold = Threshold(
            id="T",
            name="per-unit relief",
            reliefs={Relief.DUTY},
            amount=Money(100, "EUR"),
            scope=scope,
            validity=ALWAYS,
        )
        return _plain(thresholds=[threshold])

    cheap = _line(sku="cheap", quantity=10, unit_price=Money("50.00", "EUR"))
    dear = _line(sku="dear", quantity=1, unit_price=Money("150.00", "EUR"))
    shipment = _shipment(lines=[cheap, dear], freight=None, insurance=None)
    per_item = landed_cost(shipment, regime(Scope.ITEM), fx=FX, as_of=DAY)
    # Each cheap unit is €50 ≤ €100: waived; the dear unit is €150: due.
    assert [line.duty for line in per_item.lines] == [
        Money("0.00", "EUR"),
        Money("9.75", "EUR"),
    ]
    per_line = landed_cost(shipment, regime(Scope.LINE), fx=FX, as_of=DAY)
    # The cheap line is €500 and the dear one €150: both above €100.
    assert [line.duty for line in per_line.lines] == [
        Money("32.50", "EUR"),
        Money("9.75", "EUR"),
    ]
