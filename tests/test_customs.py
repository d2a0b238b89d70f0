from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder._country import country_code, country_codes
from xborder.customs import (
    AdValorem,
    Cap,
    Collection,
    Compound,
    Cost,
    DutyBasis,
    Fee,
    FlatPerTariffLine,
    Floor,
    HsCode,
    Incoterm,
    MeasureKind,
    Party,
    PointOfSaleScheme,
    Regime,
    Relief,
    RoundingPolicy,
    Specific,
    Tariff,
    TariffMeasure,
    TaxBase,
    TaxRule,
    Threshold,
    TransportMode,
    Valuation,
    evaluate_duty,
)
from xborder.dated import Validity
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    RuleNotApplicableError,
)
from xborder.fx import FxRate, FxTable
from xborder.money import Money, RoundingMode
from xborder.money._money import round_to_step
from xborder.testing import strategies as xst

ALWAYS = Validity(valid_from="2020-01-01", valid_to=None, source="https://example.org")
DAY = dt.date(2026, 9, 1)


def _basis(
    value: str = "100.00", currency: str = "EUR", **quantities: str
) -> DutyBasis:
    return DutyBasis(
        customs_value=Money(value, currency),
        quantities={k: Decimal(v) for k, v in quantities.items()},
    )


# -- countries and HS codes ----------------------------------------------------


def test_there_are_249_iso_countries_and_no_groupings() -> None:
    codes = country_codes()
    assert len(codes) == 249
    assert {"DE", "CN", "GB", "US", "HK"} <= codes
    assert not {"EU", "XK", "ZZ", "UK", "SU", "IC"} & codes


@pytest.mark.parametrize(
    ("code", "hint"),
    [("UK", "'GB'"), ("EU", "member state"), ("de", None), ("XX", None)],
)
def test_unknown_country_codes_are_refused_with_a_hint(
    code: str, hint: str | None
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        country_code(code)
    assert caught.value.value == code
    if hint:
        assert hint in str(caught.value)


def test_a_country_code_must_be_a_string() -> None:
    with pytest.raises(InvalidTypeError):
        country_code(49)  # type: ignore[arg-type]


def test_hs_codes_keep_digits_and_levels() -> None:
    code = HsCode("6109.10.00 10")
    assert code.digits == "6109100010"
    assert (code.chapter, code.heading, code.subheading) == ("61", "6109", "610910")
    assert str(code) == "6109.10.00.10"
    assert code.truncate(6) == HsCode("610910")
    assert code.startswith(HsCode("61"))
    assert not code.startswith(HsCode("6110"))
    assert repr(code) == "HsCode('6109100010')"


@pytest.mark.parametrize(
    ("digits", "printed"),
    [
        ("39", "39"),
        ("3926", "3926"),
        ("39269", "3926.9"),
        ("392690", "3926.90"),
        ("3926909", "3926.90.9"),
        ("39269097", "3926.90.97"),
        ("3926909790", "3926.90.97.90"),
        ("39269097901234", "3926.90.97.90.12.34"),
    ],
)
def test_hs_codes_print_in_groups_of_two_after_the_heading(
    digits: str, printed: str
) -> None:
    # Printed on every figure of a landed cost, so the text is cached by
    # digits: printing twice, or another object of the same code, agrees.
    assert str(HsCode(digits)) == printed
    assert str(HsCode(digits)) == printed
    assert str(HsCode(".".join(digits))) == printed


@pytest.mark.parametrize("value", ["", "1", "39-26", "3926a", "１２３４５６", "1" * 15])
def test_bad_hs_codes_are_refused(value: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        HsCode(value)
    assert caught.value.field == "digits"


def test_hs_code_type_and_truncation_errors() -> None:
    with pytest.raises(InvalidTypeError):
        HsCode(392690)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError) as caught:
        HsCode("392690").truncate(1)
    assert caught.value.field == "digits"
    with pytest.raises(InvalidTypeError):
        HsCode("392690").truncate("6")  # type: ignore[arg-type]


# -- Incoterms ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "carriage", "insurance", "duties"),
    [
        (Incoterm.EXW, Party.BUYER, Party.BUYER, Party.BUYER),
        (Incoterm.FCA, Party.BUYER, Party.BUYER, Party.BUYER),
        (Incoterm.FAS, Party.BUYER, Party.BUYER, Party.BUYER),
        (Incoterm.FOB, Party.BUYER, Party.BUYER, Party.BUYER),
        (Incoterm.CFR, Party.SELLER, Party.BUYER, Party.BUYER),
        (Incoterm.CIF, Party.SELLER, Party.SELLER, Party.BUYER),
        (Incoterm.CPT, Party.SELLER, Party.BUYER, Party.BUYER),
        (Incoterm.CIP, Party.SELLER, Party.SELLER, Party.BUYER),
        (Incoterm.DAP, Party.SELLER, Party.SELLER, Party.BUYER),
        (Incoterm.DPU, Party.SELLER, Party.SELLER, Party.BUYER),
        (Incoterm.DDP, Party.SELLER, Party.SELLER, Party.SELLER),
    ],
)
def test_incoterms_2020_cost_table(
    term: Incoterm, carriage: Party, insurance: Party, duties: Party
) -> None:
    assert term.payer(Cost.MAIN_CARRIAGE) is carriage
    assert term.payer(Cost.INSURANCE) is insurance
    assert term.payer(Cost.IMPORT_DUTIES_AND_TAXES) is duties
    assert term.buyer_costs | term.seller_costs == frozenset(Cost)
    assert not term.buyer_costs & term.seller_costs


def test_only_exw_leaves_export_clearance_and_only_dpu_unloads() -> None:
    assert [t for t in Incoterm if t.payer(Cost.EXPORT_CLEARANCE) is Party.BUYER] == [
        Incoterm.EXW
    ]
    assert [t for t in Incoterm if t.payer(Cost.UNLOADING) is Party.SELLER] == [
        Incoterm.DPU
    ]
    assert {t for t in Incoterm if t.sea_only} == {
        Incoterm.FAS,
        Incoterm.FOB,
        Incoterm.CFR,
        Incoterm.CIF,
    }


# -- duty expressions -------------------------------------------------------------


def test_ad_valorem_is_exact_and_described_as_a_percentage() -> None:
    result = evaluate_duty(AdValorem("0.065"), _basis("441.15"))
    assert result.amount == Money("28.67475", "EUR")
    assert str(AdValorem("0.065")) == "6.5%"
    assert str(AdValorem(Decimal("1.45"))) == "145%"


def test_specific_duty_per_100_kg_converts_its_currency() -> None:
    # 35.10 EUR / 100 kg on 250 kg = 87.75 EUR, converted at 1 EUR = 0.86 GBP.
    duty = Specific(amount=Money("35.10", "EUR"), measure="kg", per=100)
    fx = FxTable(rates=(FxRate(base="EUR", quote="GBP", rate="0.86", as_of=DAY),))
    basis = DutyBasis(
        customs_value=Money("10.00", "GBP"), quantities={"kg": Decimal(250)}, fx=fx
    )
    result = evaluate_duty(duty, basis)
    assert result.amount == Money("75.465", "GBP")
    assert "EUR→GBP at 1 EUR = 0.86 GBP" in result.explanation
    assert [str(r) for r in result.rates] == ["EUR→GBP at 1 EUR = 0.86 GBP"]


def test_a_specific_duty_needs_its_tariff_quantity() -> None:
    duty = Specific(amount=Money("0.50", "EUR"), measure="l")
    with pytest.raises(InvalidInputError) as caught:
        evaluate_duty(duty, _basis(kg="2"))
    assert caught.value.field == "tariff_quantities"
    assert "'l'" in str(caught.value)


def test_a_specific_duty_in_another_currency_needs_an_fx_table() -> None:
    duty = Specific(amount=Money("1.00", "USD"), measure="item")
    with pytest.raises(MissingFxRateError) as caught:
        evaluate_duty(duty, _basis(item="3"))
    assert caught.value.field == "fx"


def test_compound_floor_and_cap_follow_the_uk_tariff_semantics() -> None:
    # "12% MIN 2 EUR / 100 kg": a floor; "12% MAX 24 EUR / 100 kg": a ceiling.
    per_kg = Specific(amount=Money(2, "EUR"), measure="kg", per=100)
    floor = Floor(duty=AdValorem("0.12"), minimum=per_kg)
    cap = Cap(duty=AdValorem("0.12"), maximum=per_kg)
    cheap = _basis("10", kg="500")  # 12% = 1.20, 2 EUR/100 kg = 10
    dear = _basis("1000", kg="500")  # 12% = 120, 2 EUR/100 kg = 10
    assert evaluate_duty(floor, cheap).amount == Money(10, "EUR")
    assert evaluate_duty(floor, dear).amount == Money(120, "EUR")
    assert evaluate_duty(cap, cheap).amount == Money("1.20", "EUR")
    assert evaluate_duty(cap, dear).amount == Money(10, "EUR")
    assert evaluate_duty(cap, dear).branches == ("maximum",)
    both = Compound([AdValorem("0.05"), per_kg])
    assert evaluate_duty(both, dear).amount == Money(60, "EUR")
    assert str(Floor(duty=both, minimum=per_kg)) == (
        "(5% + 2 EUR / 100 kg) MIN 2 EUR / 100 kg"
    )
    assert str(cap) == "12% MAX 2 EUR / 100 kg"


def test_flat_per_tariff_line_cannot_nest() -> None:
    flat = FlatPerTariffLine(amount=Money(3, "EUR"))
    assert str(flat) == "3 EUR per tariff line (6-digit)"
    assert evaluate_duty(flat, _basis()).amount == Money(3, "EUR")
    with pytest.raises(InvalidInputError) as caught:
        Compound([AdValorem("0.05"), flat])
    assert caught.value.field == "parts[1]"
    with pytest.raises(InvalidInputError) as caught2:
        Floor(duty=flat, minimum=AdValorem(0))
    assert caught2.value.field == "duty"


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: AdValorem("-0.01"), "rate"),
        (lambda: AdValorem(0.05), "rate"),  # type: ignore[arg-type]
        (lambda: Specific(amount=Money("-1", "EUR"), measure="kg"), "amount"),
        (lambda: Specific(amount=Money("1", "EUR"), measure="KG"), "measure"),
        (lambda: Specific(amount=Money("1", "EUR"), measure="kg", per=0), "per"),
        (lambda: Compound([]), "parts"),
        (lambda: Compound("6%"), "parts"),  # type: ignore[arg-type]
        (lambda: Compound([0.06]), "parts[0]"),  # type: ignore[list-item]
        (lambda: Cap(duty=AdValorem(0), maximum="1"), "maximum"),  # type: ignore[arg-type]
        (lambda: FlatPerTariffLine(amount=Money(3, "EUR"), digits=0), "digits"),
    ],
)
def test_bad_duty_expressions_name_their_field(build: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        build()  # type: ignore[operator]
    assert caught.value.field == field


def test_evaluate_duty_checks_its_arguments() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        evaluate_duty("6%", _basis())  # type: ignore[arg-type]
    assert caught.value.field == "expression"
    with pytest.raises(InvalidTypeError) as caught2:
        evaluate_duty(AdValorem("0.06"), {"customs_value": 1})  # type: ignore[arg-type]
    assert caught2.value.field == "basis"


@given(
    st.decimals(min_value=0, max_value=3, places=4),
    st.decimals(min_value=0, max_value=3, places=4),
    st.decimals(min_value=0, max_value=10**7, places=2),
    st.decimals(min_value=0, max_value=10**7, places=2),
)
def test_duty_is_monotone_in_rate_and_value(
    rate_a: Decimal, rate_b: Decimal, value_a: Decimal, value_b: Decimal
) -> None:
    low_rate, high_rate = sorted((rate_a, rate_b))
    low_value, high_value = sorted((value_a, value_b))
    floor = Specific(amount=Money(1, "EUR"), measure="kg")
    for make in (
        AdValorem,
        lambda r: Floor(duty=AdValorem(r), minimum=floor),
        lambda r: Cap(duty=AdValorem(r), maximum=floor),
        lambda r: Compound([AdValorem(r), floor]),
    ):
        low = evaluate_duty(make(low_rate), _basis(str(low_value), kg="3")).amount
        by_rate = evaluate_duty(make(high_rate), _basis(str(low_value), kg="3")).amount
        by_value = evaluate_duty(make(low_rate), _basis(str(high_value), kg="3")).amount
        assert low <= by_rate
        assert low <= by_value


# -- tariffs ------------------------------------------------------------------------


def _tariff() -> Tariff:
    return Tariff(
        measures=[
            TariffMeasure(hs_code="3926", duty=AdValorem("0.065")),
            TariffMeasure(hs_code="392690", duty=AdValorem("0.05")),
            TariffMeasure(
                hs_code="3926",
                duty=AdValorem("0"),
                kind=MeasureKind.PREFERENCE,
                preference="EU-VN FTA",
                origins=["VN"],
            ),
            TariffMeasure(
                hs_code="39",
                duty=AdValorem("0.25"),
                kind=MeasureKind.RETALIATORY,
                origins=["CN"],
            ),
            TariffMeasure(
                hs_code="392690",
                duty=AdValorem("0.10"),
                kind=MeasureKind.ANTI_DUMPING,
                origins=["CN"],
                validity=Validity(
                    valid_from="2020-01-01", valid_to="2025-01-01", source="x"
                ),
            ),
        ]
    )


def test_tariff_picks_the_most_specific_base_row_and_adds_additional_duties() -> None:
    match = _tariff().match(HsCode("39269097"), "CN", None, DAY)
    assert match is not None
    assert str(match.base.duty) == "5%"
    assert [str(m.duty) for m in match.additional] == ["25%"]  # AD expired in 2025
    old = _tariff().match(HsCode("39269097"), "CN", None, dt.date(2024, 1, 1))
    assert old is not None
    assert [str(m.duty) for m in old.additional] == ["25%", "10%"]


def test_a_claimed_preference_replaces_the_base_duty_for_its_origin() -> None:
    tariff = _tariff()
    claimed = tariff.match(HsCode("39269097"), "VN", "EU-VN FTA", DAY)
    assert claimed is not None
    assert claimed.base.kind is MeasureKind.PREFERENCE
    wrong_origin = tariff.match(HsCode("39269097"), "TH", "EU-VN FTA", DAY)
    assert wrong_origin is not None
    assert wrong_origin.preference_missing
    assert wrong_origin.base.kind is MeasureKind.THIRD_COUNTRY


def test_tariff_without_a_base_row_matches_nothing_and_ambiguity_is_refused() -> None:
    assert _tariff().match(HsCode("610910"), "CN", None, DAY) is None
    ambiguous = Tariff(
        measures=[
            TariffMeasure(hs_code="3926", duty=AdValorem("0.01")),
            TariffMeasure(hs_code="3926", duty=AdValorem("0.02")),
        ]
    )
    with pytest.raises(InvalidInputError) as caught:
        ambiguous.match(HsCode("392690"), "CN", None, DAY)
    assert caught.value.field == "tariff.measures"


def test_tariff_matches_are_remembered_and_ambiguity_is_refused_every_time() -> None:
    tariff = _tariff()
    first = tariff.match(HsCode("39269097"), "CN", None, DAY)
    assert first is not None
    assert tariff.match(HsCode("39269097"), "CN", None, DAY) is first
    assert tariff.match(HsCode("610910"), "CN", None, DAY) is None
    assert tariff.match(HsCode("610910"), "CN", None, DAY) is None  # remembered
    ambiguous = Tariff(
        measures=[
            TariffMeasure(hs_code="3926", duty=AdValorem("0.01")),
            TariffMeasure(hs_code="3926", duty=AdValorem("0.02")),
        ]
    )
    for _ in range(2):
        with pytest.raises(InvalidInputError) as caught:
            ambiguous.match(HsCode("392690"), "CN", None, DAY)
        # The memo's miss is not chained to the error the caller sees.
        assert caught.value.__context__ is None


def test_an_origin_specific_base_row_beats_the_general_one() -> None:
    tariff = Tariff(
        measures=[
            TariffMeasure(hs_code="3926", duty=AdValorem("0.01")),
            TariffMeasure(hs_code="3926", duty=AdValorem("0.35"), origins=["KP"]),
        ]
    )
    match = tariff.match(HsCode("392690"), "KP", None, DAY)
    assert match is not None
    assert str(match.base.duty) == "35%"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": MeasureKind.PREFERENCE}, "preference"),
        ({"preference": "FTA"}, "preference"),
        ({"origins": ["ZZ"]}, "origins[0]"),
        ({"origins": "CN"}, "origins"),
        ({"kind": "mfn"}, "kind"),
        ({"validity": "2020"}, "validity"),
        ({"duty": 0.05}, "duty"),
        (
            {
                "kind": MeasureKind.ANTI_DUMPING,
                "duty": FlatPerTariffLine(amount=Money(3, "EUR")),
            },
            "duty",
        ),
    ],
)
def test_bad_tariff_measures(kwargs: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"hs_code": "3926", "duty": AdValorem("0.05")}
    values.update(kwargs)
    with pytest.raises(InvalidInputError) as caught:
        TariffMeasure(**values)  # type: ignore[arg-type]
    assert caught.value.field == field


# -- tax rules, thresholds, schemes, fees, rounding ------------------------------


def test_tax_rule_describes_its_base_and_reduced_rates() -> None:
    rule = TaxRule(
        id="X",
        name="VAT",
        rate="0.19",
        base={TaxBase.DUTY, TaxBase.CUSTOMS_VALUE},
        reduced_rates={"4901": "0.07"},
        validity=ALWAYS,
    )
    assert rule.describe() == "19% of customs value + duty"
    assert rule.rate_for(HsCode("490199")) == Decimal("0.07")
    assert rule.rate_for(HsCode("392690")) == Decimal("0.19")
    local = TaxRule(
        id="L",
        name="local",
        rate=22,
        divisor=78,
        base=set(),
        on_taxes=["X"],
        validity=ALWAYS,
    )
    assert local.describe() == "22/78 of X"
    assert attrs.evolve(rule, rate="0.2").reduced_rates == rule.reduced_rates


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rate": "-0.1"}, "rate"),
        ({"base": set()}, "base"),
        ({"base": ["duty"]}, "base[0]"),
        ({"on_taxes": ["X"]}, "on_taxes"),
        ({"divisor": 0}, "divisor"),
        ({"collection": "border"}, "collection"),
        ({"rounding": RoundingMode.HALF_UP}, "rounding"),
        ({"reduced_rates": ["4901"]}, "reduced_rates"),
        ({"validity": None}, "validity"),
    ],
)
def test_bad_tax_rules(kwargs: dict[str, object], field: str) -> None:
    values: dict[str, object] = {
        "id": "X",
        "name": "VAT",
        "rate": "0.2",
        "base": {TaxBase.CUSTOMS_VALUE},
        "validity": ALWAYS,
    }
    values.update(kwargs)
    with pytest.raises(InvalidInputError) as caught:
        TaxRule(**values)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_threshold_conditions_and_exclusions() -> None:
    threshold = Threshold(
        id="T",
        name="CAD 40",
        reliefs={Relief.DUTY, Relief.TAX},
        amount=Money(40, "CAD"),
        modes={TransportMode.COURIER},
        ship_from={"US", "MX"},
        excluded_hs=["22"],
        excluded_origins=["KP"],
        validity=ALWAYS,
    )
    assert threshold.applies_to(TransportMode.COURIER, "US")
    assert not threshold.applies_to(TransportMode.POST, "US")
    assert not threshold.applies_to(TransportMode.COURIER, "CN")
    assert threshold.excludes(HsCode("220300"), "US")
    assert threshold.excludes(HsCode("392690"), "KP")
    assert not threshold.excludes(HsCode("392690"), "US")
    assert threshold.describe() == (
        "duty and tax waived at or below 40 CAD intrinsic value per consignment"
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"reliefs": set()}, "reliefs"),
        ({"reliefs": ["duty"]}, "reliefs"),
        ({"amount": Money(-1, "EUR")}, "amount"),
        ({"modes": ["courier"]}, "modes"),
        ({"ship_from": ["EU"]}, "ship_from"),
        ({"basis": "intrinsic"}, "basis"),
        ({"excluded_hs": ["x"]}, "excluded_hs"),
    ],
)
def test_bad_thresholds(kwargs: dict[str, object], field: str) -> None:
    values: dict[str, object] = {
        "id": "T",
        "name": "T",
        "reliefs": {Relief.DUTY},
        "amount": Money(150, "EUR"),
        "validity": ALWAYS,
    }
    values.update(kwargs)
    with pytest.raises(InvalidInputError) as caught:
        Threshold(**values)  # type: ignore[arg-type]
    assert caught.value.field.startswith(field)  # type: ignore[union-attr]


def test_a_scheme_needs_a_point_of_sale_tax() -> None:
    border = TaxRule(
        id="V", name="VAT", rate="0.2", base={TaxBase.GOODS_VALUE}, validity=ALWAYS
    )
    with pytest.raises(InvalidInputError) as caught:
        PointOfSaleScheme(
            id="S", name="S", threshold=Money(135, "GBP"), tax=border, validity=ALWAYS
        )
    assert caught.value.field == "tax"
    sale = attrs.evolve(border, collection=Collection.POINT_OF_SALE)
    scheme = PointOfSaleScheme(
        id="S",
        name="S",
        threshold=Money(135, "GBP"),
        tax=sale,
        excluded_hs=["24"],
        validity=ALWAYS,
    )
    assert scheme.excludes(HsCode("240220"))


def test_fees_flat_rate_minimum_maximum_and_conditions() -> None:
    hmf = Fee(
        id="HMF",
        name="HMF",
        rate="0.00125",
        modes={TransportMode.OCEAN},
        validity=ALWAYS,
    )
    assert hmf.applies(Money(1000, "USD"), TransportMode.OCEAN)
    assert not hmf.applies(Money(1000, "USD"), TransportMode.AIR)
    assert hmf.describe() == "0.125%"
    formal = Fee(
        id="MPF",
        name="MPF",
        rate="0.003464",
        minimum=Money("33.58", "USD"),
        maximum=Money("651.50", "USD"),
        above=Money(2500, "USD"),
        validity=ALWAYS,
    )
    assert not formal.applies(Money(2500, "USD"), TransportMode.AIR)
    assert formal.applies(Money("2500.01", "USD"), TransportMode.AIR)
    assert formal.evaluate(Money(200000, "USD")) == (Money("651.50", "USD"), "maximum")
    assert formal.describe() == "0.3464% (min 33.58 USD, max 651.50 USD)"
    informal = Fee(
        id="I",
        name="I",
        amount=Money("2.69", "USD"),
        at_or_below=Money(2500, "USD"),
        validity=ALWAYS,
    )
    assert informal.evaluate(Money(10, "USD")) == (Money("2.69", "USD"), "flat")
    assert not informal.applies(Money(3000, "USD"), TransportMode.AIR)
    assert informal.describe() == "2.69 USD flat"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "rate"),
        ({"rate": "0.01", "amount": Money(1, "USD")}, "rate"),
        ({"amount": Money(1, "USD"), "minimum": Money(1, "USD")}, "minimum"),
        (
            {"rate": "0.01", "minimum": Money(5, "USD"), "maximum": Money(1, "USD")},
            "maximum",
        ),
        ({"rate": "0.01", "taxable": "yes"}, "taxable"),
        ({"rate": "0.01", "modes": [TransportMode.AIR, "sea"]}, "modes[1]"),
    ],
)
def test_bad_fees(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Fee(id="F", name="F", validity=ALWAYS, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_rounding_policy_steps() -> None:
    policy = RoundingPolicy(
        mode=RoundingMode.DOWN, step=100, base_step=1000, total_step=100
    )
    assert policy.round(Money(74760, "JPY")) == Money(74700, "JPY")
    assert policy.round_base(Money(534795, "JPY")) == Money(534000, "JPY")
    assert policy.round_total(Money("56425.2", "JPY")) == Money(56400, "JPY")
    assert policy.describe() == "down, base to 1000, amount to 100, total to 100"
    cents = RoundingPolicy(mode=RoundingMode.HALF_UP)
    assert cents.round(Money("4.025", "GBP")) == Money("4.03", "GBP")
    assert cents.round_base(Money("4.025", "GBP")) == Money("4.025", "GBP")
    assert cents.with_mode(RoundingMode.DOWN).round(Money("4.025", "GBP")) == Money(
        "4.02", "GBP"
    )
    with pytest.raises(InvalidTypeError) as caught:
        RoundingPolicy(mode="half-up")  # type: ignore[arg-type]
    assert caught.value.field == "mode"
    with pytest.raises(InvalidInputError) as caught2:
        RoundingPolicy(mode=RoundingMode.DOWN, step=0)
    assert caught2.value.field == "step"


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False),
    st.sampled_from(["GBP", "JPY", "KWD"]),
    xst.rounding_modes(),
)
def test_a_policy_without_a_step_rounds_to_the_minor_unit(
    amount: Decimal, code: str, mode: RoundingMode
) -> None:
    # Every duty and tax figure goes through here: the same Decimal, to the
    # exponent, as rounding to the currency's minor unit as a step.
    money = Money(amount, code)
    rounded = RoundingPolicy(mode=mode).round(money)
    general = round_to_step(amount, money.currency.minor_unit, mode)
    assert rounded.amount.as_tuple() == (general or general.copy_abs()).as_tuple()
    assert rounded == money.quantize(mode)


@pytest.mark.parametrize(
    ("mode", "text"),
    [
        (RoundingMode.HALF_UP, "half-up"),
        (RoundingMode.HALF_EVEN, "half-even"),
        (RoundingMode.HALF_DOWN, "half-down"),
        (RoundingMode.UP, "up"),
        (RoundingMode.DOWN, "down"),
        (RoundingMode.CEILING, "ceiling"),
        (RoundingMode.FLOOR, "floor"),
    ],
)
def test_a_policy_names_its_mode(mode: RoundingMode, text: str) -> None:
    assert RoundingPolicy(mode=mode).describe() == text
    stepped = RoundingPolicy(mode=mode, step="1E+2", base_step=1000)
    assert stepped.describe() == f"{text}, base to 1000, amount to 1E+2"


# -- regimes ----------------------------------------------------------------------


def _regime(**kwargs: object) -> Regime:
    values: dict[str, object] = {
        "country": "DE",
        "name": "test",
        "currency": "EUR",
        "valuation": Valuation.CIF,
        "validity": ALWAYS,
    }
    values.update(kwargs)
    return Regime(**values)  # type: ignore[arg-type]


def test_regime_checks_money_currencies_and_tax_order() -> None:
    fee = Fee(id="F", name="F", amount=Money(2, "USD"), validity=ALWAYS)
    with pytest.raises(CurrencyMismatchError) as caught:
        _regime(fees=[fee])
    assert caught.value.field == "fees[0].amount"
    first = TaxRule(
        id="A", name="A", rate="0.1", base={TaxBase.CUSTOMS_VALUE}, validity=ALWAYS
    )
    second = TaxRule(
        id="B", name="B", rate="0.1", base=set(), on_taxes=["A"], validity=ALWAYS
    )
    assert _regime(taxes=[first, second]).taxes == (first, second)
    with pytest.raises(InvalidInputError) as caught2:
        _regime(taxes=[second, first])
    assert caught2.value.field == "taxes[0].on_taxes"
    with pytest.raises(InvalidInputError) as caught3:
        _regime(taxes=[first, first])
    assert caught3.value.field == "taxes[1].id"
    at_sale = attrs.evolve(first, collection=Collection.POINT_OF_SALE)
    with pytest.raises(InvalidInputError) as caught4:
        _regime(taxes=[at_sale])
    assert caught4.value.field == "taxes[0].collection"


def test_regime_refuses_rules_out_of_their_window_unless_asked() -> None:
    old = Validity(valid_from="2020-01-01", valid_to="2021-07-01", source="s")
    threshold = Threshold(
        id="EU-22",
        name="€22",
        reliefs={Relief.TAX},
        amount=Money(22, "EUR"),
        validity=old,
    )
    regime = _regime(thresholds=[threshold])
    assert regime.check_in_force(dt.date(2021, 6, 30)) == ()
    with pytest.raises(RuleNotApplicableError) as caught:
        regime.check_in_force(dt.date(2021, 7, 1))
    assert caught.value.field == "as_of"
    assert "threshold EU-22" in str(caught.value)
    stale = regime.check_in_force(dt.date(2021, 7, 1), allow_out_of_window=True)
    assert stale == ("threshold EU-22: 2020-01-01 to 2021-07-01 (exclusive)",)
    assert regime.sources == ("https://example.org", "s")


def test_with_rounding_changes_every_mode_and_keeps_steps() -> None:
    japan_like = TaxRule(
        id="A",
        name="A",
        rate="0.078",
        base={TaxBase.CUSTOMS_VALUE},
        rounding=RoundingPolicy(mode=RoundingMode.DOWN, step=100),
        validity=ALWAYS,
    )
    regime = _regime(taxes=[japan_like]).with_rounding(RoundingMode.HALF_EVEN)
    assert regime.rounding.mode is RoundingMode.HALF_EVEN
    rule_policy = regime.taxes[0].rounding
    assert rule_policy is not None
    assert rule_policy == RoundingPolicy(mode=RoundingMode.HALF_EVEN, step=100)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"country": "EU"}, "country"),
        ({"currency": "EURO"}, "currency"),
        ({"valuation": "CIF"}, "valuation"),
        ({"taxes": "VAT"}, "taxes"),
        ({"tariff": []}, "tariff"),
        ({"rounding": RoundingMode.DOWN}, "rounding"),
        ({"fx_rounding": "half-up"}, "fx_rounding"),
        ({"notes": "note"}, "notes"),
    ],
)
def test_bad_regimes(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        _regime(**kwargs)
    assert caught.value.field == field


def test_the_audit_quotes_each_tables_own_digits() -> None:
    # Equal rates written differently must not share a cached description.
    from xborder.customs._conversion import rate_used  # noqa: PLC0415
    from xborder.fx import FxRate, FxTable  # noqa: PLC0415

    texts = []
    for written in ("0.865", "0.8650"):
        table = FxTable(
            rates=(FxRate(base="USD", quote="EUR", rate=written, as_of="2026-09-15"),)
        )
        texts.append(rate_used(table.path("USD", "EUR")).quoted)
    assert texts == ["1 USD = 0.865 EUR", "1 USD = 0.8650 EUR"]
