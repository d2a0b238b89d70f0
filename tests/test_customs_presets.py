from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xborder.customs import Fallback, Relief, TaxBase, TransportMode, Valuation
from xborder.customs.presets import countries, regime
from xborder.errors import InvalidInputError, InvalidTypeError, RuleNotApplicableError
from xborder.money import Money


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_presets_cover_the_countries_the_examples_need() -> None:
    assert countries() == ("AU", "CA", "DE", "ES", "FR", "GB", "IT", "JP", "NL", "US")


@pytest.mark.parametrize(
    "country", ["AU", "CA", "DE", "ES", "FR", "GB", "IT", "JP", "NL", "US"]
)
def test_every_dated_rule_has_a_source_url_and_covers_its_day(country: str) -> None:
    day = _day("2026-09-01")
    built = regime(country, as_of=day)
    assert built.country == country
    assert built.check_in_force(day) == ()
    for label, validity in built.dated_rules():
        assert validity.source.startswith("http"), label
        assert validity.covers(day), label


@pytest.mark.parametrize(
    ("country", "rate"),
    [("DE", "0.19"), ("FR", "0.20"), ("IT", "0.22"), ("NL", "0.21"), ("ES", "0.21")],
)
def test_eu_member_state_standard_rates(country: str, rate: str) -> None:
    built = regime(country, as_of=_day("2026-09-01"))
    assert built.taxes[0].rate == Decimal(rate)
    assert built.currency.code == "EUR"
    assert built.valuation is Valuation.CIF


def test_eu_import_vat_base_is_customs_value_duties_and_incidental_costs() -> None:
    vat = regime("DE", as_of=_day("2026-09-01")).taxes[0]
    assert vat.base == {
        TaxBase.CUSTOMS_VALUE,
        TaxBase.DUTY,
        TaxBase.ADDITIONAL_DUTIES,
        TaxBase.EXCISE,
        TaxBase.ONWARD_TRANSPORT,
        TaxBase.FEES,
    }


def test_eu_22_euro_vat_exemption_ends_on_2021_07_01() -> None:
    before = regime("DE", as_of=_day("2021-06-30"))
    after = regime("DE", as_of=_day("2021-07-01"))
    assert [t.amount for t in before.thresholds if Relief.TAX in t.reliefs] == [
        Money(22, "EUR")
    ]
    assert not [t for t in after.thresholds if Relief.TAX in t.reliefs]
    assert not before.schemes
    assert [s.id for s in after.schemes] == ["EU-IOSS-150"]


def test_eu_150_duty_relief_ends_and_the_3_euro_duty_starts_on_2026_07_01() -> None:
    relief = regime("FR", as_of=_day("2026-06-30"))
    flat = regime("FR", as_of=_day("2026-07-01"))
    assert [t.amount for t in relief.thresholds] == [Money(150, "EUR")]
    assert relief.schemes[0].duty is None
    assert flat.thresholds == ()
    scheme = flat.schemes[0]
    assert str(scheme.duty) == "3 EUR per tariff line (6-digit)"
    assert scheme.validity.valid_to == _day("2028-07-01")
    assert scheme.fallback is Fallback.BORDER
    with pytest.raises(RuleNotApplicableError) as caught:
        regime("FR", as_of=_day("2028-07-01"))
    assert caught.value.field == "as_of"


def test_eu_presets_start_with_their_vat_rates() -> None:
    with pytest.raises(RuleNotApplicableError) as caught:
        regime("DE", as_of=_day("2020-12-31"))
    assert "DE VAT" in str(caught.value)
    nearest = regime("DE", as_of=_day("2020-12-31"), allow_out_of_window=True)
    assert nearest.check_in_force(_day("2020-12-31"), allow_out_of_window=True)


def test_gb_135_rules() -> None:
    gb = regime("GB", as_of=_day("2026-09-01"))
    assert gb.valuation is Valuation.CIF
    assert gb.taxes[0].rate == Decimal("0.20")
    (relief,) = gb.thresholds
    assert relief.amount == Money(135, "GBP")
    assert relief.reliefs == frozenset({Relief.DUTY})
    (scheme,) = gb.schemes
    assert scheme.threshold == Money(135, "GBP")
    assert scheme.fallback is Fallback.REVERSE_CHARGE
    assert scheme.tax.base == {TaxBase.GOODS_VALUE, TaxBase.FREIGHT, TaxBase.INSURANCE}
    assert "March 2029" in (relief.validity.note or "")


def test_us_de_minimis_history() -> None:
    def de_minimis(day: str) -> list[tuple[Money, frozenset[str] | None]]:
        return [
            (t.amount, t.excluded_origins)
            for t in regime("US", as_of=_day(day), allow_out_of_window=True).thresholds
        ]

    assert de_minimis("2021-01-04") == [(Money(800, "USD"), None)]
    assert de_minimis("2025-05-02") == [(Money(800, "USD"), frozenset({"CN", "HK"}))]
    assert de_minimis("2025-08-28") == [(Money(800, "USD"), frozenset({"CN", "HK"}))]
    assert de_minimis("2025-08-29") == []
    notes = regime("US", as_of=_day("2025-10-01")).notes
    assert any("suspended for all countries from 2025-08-29" in note for note in notes)


@pytest.mark.parametrize(
    ("day", "minimum", "maximum", "informal"),
    [
        ("2020-10-01", "27.23", "528.33", "2.18"),
        ("2022-09-30", "27.75", "538.40", None),
        ("2024-10-01", "32.71", "634.62", None),
        ("2025-10-01", "33.58", "651.50", "2.69"),
        ("2026-09-30", "33.58", "651.50", "2.69"),
    ],
)
def test_us_mpf_by_fiscal_year(
    day: str, minimum: str, maximum: str, informal: str | None
) -> None:
    fees = {fee.id.split("-FY")[0]: fee for fee in regime("US", as_of=_day(day)).fees}
    formal = fees["US-MPF"]
    assert formal.rate == Decimal("0.003464")
    assert (formal.minimum, formal.maximum) == (
        Money(minimum, "USD"),
        Money(maximum, "USD"),
    )
    if informal is None:
        assert "US-MPF-informal" not in fees
        assert formal.above is None  # no sourced informal fee: formal at any value
    else:
        assert fees["US-MPF-informal"].amount == Money(informal, "USD")
        assert formal.above == Money(2500, "USD")
    hmf = fees["US-HMF"]
    assert hmf.rate == Decimal("0.00125")
    assert hmf.modes == frozenset({TransportMode.OCEAN})


@pytest.mark.parametrize("day", ["2023-05-01", "2026-10-01", "2019-01-01"])
def test_us_fiscal_years_without_a_sourced_mpf_are_refused(day: str) -> None:
    with pytest.raises(RuleNotApplicableError) as caught:
        regime("US", as_of=_day(day))
    assert caught.value.field == "as_of"
    assert "merchandise processing fee" in str(caught.value)


def test_opting_in_uses_the_nearest_earlier_fiscal_year() -> None:
    us = regime("US", as_of=_day("2026-11-02"), allow_out_of_window=True)
    assert any(fee.id == "US-MPF-FY2026" for fee in us.fees)
    stale = us.check_in_force(_day("2026-11-02"), allow_out_of_window=True)
    assert any("US-MPF-FY2026" in label for label in stale)


def test_canada_thresholds_by_mode_and_place_of_shipment() -> None:
    ca = regime("CA", as_of=_day("2026-09-01"))
    assert ca.valuation is Valuation.FOB
    assert ca.taxes[0].rate == Decimal("0.05")

    def applying(mode: TransportMode, ship_from: str) -> list[str]:
        return [t.id for t in ca.thresholds if t.applies_to(mode, ship_from)]

    assert applying(TransportMode.COURIER, "US") == [
        "CA-CUSMA-courier-40",
        "CA-CUSMA-courier-150",
    ]
    assert applying(TransportMode.COURIER, "CN") == ["CA-courier-20"]
    assert applying(TransportMode.POST, "US") == ["CA-post-20"]
    assert applying(TransportMode.OCEAN, "CN") == []


def test_australia_and_japan() -> None:
    au = regime("AU", as_of=_day("2026-09-01"))
    assert au.valuation is Valuation.FOB
    assert TaxBase.FREIGHT in au.taxes[0].base
    assert au.thresholds[0].amount == Money(1000, "AUD")
    assert au.schemes[0].threshold == Money(1000, "AUD")
    jp = regime("JP", as_of=_day("2026-09-01"))
    assert [t.id for t in jp.taxes] == [
        "JP-consumption-tax",
        "JP-local-consumption-tax",
    ]
    assert jp.taxes[1].on_taxes == ("JP-consumption-tax",)
    assert jp.thresholds[0].amount == Money(10000, "JPY")
    with pytest.raises(RuleNotApplicableError):
        regime("JP", as_of=_day("2019-09-30"))


@pytest.mark.parametrize(
    ("country", "error", "field"),
    [
        ("BR", InvalidInputError, "country"),
        ("UK", InvalidInputError, "country"),
        (49, InvalidTypeError, "country"),
    ],
)
def test_unknown_or_unsupported_countries(
    country: object, error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        regime(country, as_of=_day("2026-09-01"))  # type: ignore[arg-type]
    assert caught.value.field == field  # type: ignore[attr-defined]


def test_as_of_must_be_a_date() -> None:
    with pytest.raises(InvalidInputError) as caught:
        regime("GB", as_of="yesterday")  # type: ignore[arg-type]
    assert caught.value.field == "as_of"
