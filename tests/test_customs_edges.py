"""Customs models at the edges: extreme numbers, empty sets, rules that never apply."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xborder.customs import (
    AdValorem,
    Collection,
    Compound,
    DutyBasis,
    DutyEvaluation,
    Fee,
    FlatPerTariffLine,
    HsCode,
    PointOfSaleScheme,
    RateUsed,
    Regime,
    Relief,
    RoundingPolicy,
    Specific,
    Tariff,
    TariffMatch,
    TariffMeasure,
    TaxBase,
    TaxRule,
    Threshold,
    TransportMode,
    Valuation,
    presets,
)
from xborder.customs._conversion import percent
from xborder.dated import Validity
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.units import quantity

ALWAYS = Validity(valid_from="2020-01-01", valid_to=None, source="https://example.org")
DAY = dt.date(2026, 9, 1)
HUGE = Decimal("1E+999999")
TINY = Decimal("1E-999999")


def _vat(**kwargs: object) -> TaxRule:
    values: dict[str, object] = {
        "id": "VAT",
        "name": "VAT",
        "rate": "0.20",
        "base": {TaxBase.CUSTOMS_VALUE},
        "validity": ALWAYS,
    }
    values.update(kwargs)
    return TaxRule(**values)  # type: ignore[arg-type]


def _fee(**kwargs: object) -> Fee:
    values: dict[str, object] = {"id": "F", "name": "fee", "validity": ALWAYS}
    values.update(kwargs)
    return Fee(**values)  # type: ignore[arg-type]


def _threshold(id: str = "T", **kwargs: object) -> Threshold:  # noqa: A002
    values: dict[str, object] = {
        "id": id,
        "name": "relief",
        "reliefs": {Relief.DUTY},
        "amount": Money(150, "EUR"),
        "validity": ALWAYS,
    }
    values.update(kwargs)
    return Threshold(**values)  # type: ignore[arg-type]


def _regime(**kwargs: object) -> Regime:
    values: dict[str, object] = {
        "country": "DE",
        "name": "plain",
        "currency": "EUR",
        "valuation": Valuation.CIF,
        "validity": ALWAYS,
    }
    values.update(kwargs)
    return Regime(**values)  # type: ignore[arg-type]


# -- numbers a landed cost could not compute with ---------------------------------
#
# xborder's bounds (smaller than 1E+36, no digit below 1E-100) are checked where a
# number enters, naming the field: 1E+999999 x 2 or 1 / 1E-999999 once overflowed
# Decimal mid-computation. A Money refuses its own amount, so no fee, duty or
# threshold can hold one out of range.

IN_RANGE = "smaller than 1E+36 with no digit below 1E-100"
OUT_OF_RANGE = [HUGE, TINY, Decimal("1E+36"), Decimal("-1E+36"), Decimal("1E-101")]


@pytest.mark.parametrize("number", OUT_OF_RANGE)
@pytest.mark.parametrize(
    ("build", "field"),
    [
        (AdValorem, "rate"),
        (lambda n: _vat(rate=n), "rate"),
        (lambda n: _vat(reduced_rates={"4901": n}), "reduced_rates['4901']"),
        (lambda n: _fee(rate=n), "rate"),
        (lambda n: _fee(amount=Money(n, "USD")), "amount"),
        (lambda n: _fee(rate="0.01", minimum=Money(n, "USD")), "amount"),
        (lambda n: Specific(amount=Money(n, "EUR"), measure="kg"), "amount"),
        (lambda n: Specific(amount=Money(1, "EUR"), measure="kg", per=n), "per"),
        (lambda n: FlatPerTariffLine(amount=Money(n, "EUR")), "amount"),
        (lambda n: RoundingPolicy(mode=RoundingMode.DOWN, step=n), "step"),
        (lambda n: RoundingPolicy(mode=RoundingMode.DOWN, base_step=n), "base_step"),
        (lambda n: RoundingPolicy(mode=RoundingMode.DOWN, total_step=n), "total_step"),
        (
            lambda n: DutyBasis(customs_value=Money(1, "EUR"), quantities={"kg": n}),
            "quantities['kg']",
        ),
    ],
)
def test_numbers_out_of_range_are_refused_by_name(
    build: object, field: str, number: Decimal
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        build(number)  # type: ignore[operator]
    assert caught.value.field == field
    assert caught.value.value == number
    assert IN_RANGE in str(caught.value)


def test_numbers_at_the_edge_of_range_and_zero_are_accepted() -> None:
    largest = Decimal("9.99E+35")  # the largest size below 1E+36
    assert AdValorem(largest).rate == largest
    assert AdValorem(Decimal("1E-100")).rate == Decimal("1E-100")
    assert AdValorem(0).rate == 0
    assert AdValorem(Decimal("0E-999999")).rate == 0  # zero at any exponent
    step = RoundingPolicy(mode=RoundingMode.DOWN, step=largest, base_step="1E-100")
    assert step.step == largest
    assert step.base_step == Decimal("1E-100")


def test_percent_prints_any_rate_without_overflow_or_float_noise() -> None:
    assert percent(Decimal("0.065")) == "6.5%"
    assert percent(Decimal("0.003464")) == "0.3464%"
    assert percent(Decimal("0.20")) == "20%"
    assert percent(Decimal(0)) == "0%"
    # 28+ digits: the default context would round them.
    assert percent(Decimal("0.12345678901234567890123456789")) == (
        "12.345678901234567890123456789%"
    )
    assert percent(Decimal("1E+100000")).startswith("1000")


# -- rounding steps payable in the currency -----------------------------------------


@pytest.mark.parametrize("step", ["1E+30", "1E+35", "100", "0.05", "0.050"])
@pytest.mark.parametrize("name", ["step", "total_step"])
def test_coarse_steps_are_payable_in_cents(name: str, step: str) -> None:
    # 1E+30 % 0.01 raised decimal.InvalidOperation (DivisionImpossible).
    policy = RoundingPolicy(mode=RoundingMode.DOWN, **{name: step})
    policy.check_payable_in(Currency("EUR"))
    _regime(rounding=policy)  # the regime checks it too


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (
            {"rounding": RoundingPolicy(mode=RoundingMode.DOWN, step="0.5")},
            "rounding.step",
        ),
        (
            {
                "taxes": [
                    _vat(rounding=RoundingPolicy(mode=RoundingMode.DOWN, step="0.5"))
                ]
            },
            "taxes[0].rounding.step",
        ),
        (
            {
                "taxes": [
                    _vat(
                        rounding=RoundingPolicy(
                            mode=RoundingMode.DOWN, total_step="1E-5"
                        )
                    )
                ]
            },
            "taxes[0].rounding.total_step",
        ),
    ],
)
def test_a_regime_refuses_unpayable_steps_naming_the_policy(
    kwargs: dict[str, object], field: str
) -> None:
    # JPY has no minor unit: a ¥0.5 step names an amount nobody can pay.
    with pytest.raises(InvalidInputError) as caught:
        _regime(country="JP", currency="JPY", **kwargs)
    assert caught.value.field == field


def test_a_scheme_tax_with_an_unpayable_step_is_named() -> None:
    tax = _vat(
        id="IOSS-VAT",
        collection=Collection.POINT_OF_SALE,
        rounding=RoundingPolicy(mode=RoundingMode.DOWN, step="0.001"),
    )
    scheme = PointOfSaleScheme(
        id="IOSS", name="IOSS", threshold=Money(150, "EUR"), tax=tax, validity=ALWAYS
    )
    with pytest.raises(InvalidInputError) as caught:
        _regime(schemes=[scheme])
    assert caught.value.field == "schemes[0].tax.rounding.step"


# -- rules that could never apply ------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: _fee(rate="0.01", modes=[]), InvalidInputError, "modes"),
        (lambda: _threshold(modes=()), InvalidInputError, "modes"),
        (lambda: _threshold(ship_from=[]), InvalidInputError, "ship_from"),
        (
            lambda: TariffMeasure(hs_code="3926", duty=AdValorem("0.1"), origins=[]),
            InvalidInputError,
            "origins",
        ),
        (
            lambda: _fee(
                rate="0.01", above=Money(2500, "USD"), at_or_below=Money(2500, "USD")
            ),
            InvalidInputError,
            "at_or_below",
        ),
        (
            lambda: _fee(rate="0.01", minimum=Money(1, "USD"), maximum=Money(5, "EUR")),
            CurrencyMismatchError,
            "maximum",
        ),
        (
            lambda: _fee(
                rate="0.01", above=Money(1, "USD"), at_or_below=Money(5, "EUR")
            ),
            CurrencyMismatchError,
            "at_or_below",
        ),
    ],
)
def test_rules_that_could_never_apply_are_refused(
    build: object, error: type[XborderError], field: str
) -> None:
    with pytest.raises(error) as caught:
        build()  # type: ignore[operator]
    assert caught.value.field == field


def test_a_fee_band_with_room_is_accepted() -> None:
    fee = _fee(
        rate="0.01",
        above=Money(800, "USD"),
        at_or_below=Money(2500, "USD"),
        modes=[TransportMode.AIR],
    )
    assert fee.applies(Money(2500, "USD"), TransportMode.AIR)
    assert not fee.applies(Money(800, "USD"), TransportMode.AIR)


@pytest.mark.parametrize("kind", ["thresholds", "fees"])
def test_rule_ids_are_unique_within_a_regime(kind: str) -> None:
    # Decisions and figures name rules by id: two alike make the audit ambiguous.
    rule = _threshold() if kind == "thresholds" else _fee(amount=Money(1, "EUR"))
    with pytest.raises(InvalidInputError) as caught:
        _regime(**{kind: [rule, rule]})
    assert caught.value.field == f"{kind}[1].id"


# -- presets ------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["yes", 1, None])
def test_a_preset_opt_in_must_be_a_bool(flag: object) -> None:
    # "no" or 0 would have read as a choice; only True opts in.
    with pytest.raises(InvalidTypeError) as caught:
        presets.regime("DE", as_of=DAY, allow_out_of_window=flag)  # type: ignore[arg-type]
    assert caught.value.field == "allow_out_of_window"
    assert caught.value.value == flag


# -- lookups called directly -----------------------------------------------------------


def _tariff() -> Tariff:
    return Tariff(measures=[TariffMeasure(hs_code="3926", duty=AdValorem("0.065"))])


def test_a_tariff_lookup_reads_a_code_given_as_text() -> None:
    match = _tariff().match("3926.90", "CN", None, DAY)  # type: ignore[arg-type]
    assert match is not None
    assert str(match.base.duty) == "6.5%"


@pytest.mark.parametrize(
    ("args", "error", "field"),
    [
        ((None, "CN", None, DAY), InvalidTypeError, "code"),
        (("39x", "CN", None, DAY), InvalidInputError, "code"),
        (("392690", "XX", None, DAY), InvalidInputError, "origin"),
        (("392690", "CN", 5, DAY), InvalidTypeError, "claim"),
        (("392690", "CN", None, "2026-09-01"), InvalidTypeError, "as_of"),
        (("392690", "CN", None, None), InvalidTypeError, "as_of"),
    ],
)
def test_a_tariff_lookup_names_a_bad_argument(
    args: tuple[object, ...], error: type[XborderError], field: str
) -> None:
    # A str code raised AttributeError; a bad origin, claim or date matched.
    with pytest.raises(error) as caught:
        _tariff().match(*args)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_code_predicates_read_text_codes_and_refuse_garbage() -> None:
    measure = _tariff().measures[0]
    assert measure.covers("392690", "CN", DAY)  # type: ignore[arg-type]
    relief = _threshold(excluded_hs=["4202"])
    assert relief.excludes("420221", "CN")  # type: ignore[arg-type]
    assert _vat(reduced_rates={"4901": "0.05"}).rate_for("490199") == Decimal("0.05")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as caught:
        relief.excludes(None, "CN")  # type: ignore[arg-type]
    assert caught.value.field == "code"


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"customs_value": None, "quantities": {}}, InvalidTypeError, "customs_value"),
        (
            {"customs_value": Money(-1, "EUR"), "quantities": {}},
            InvalidInputError,
            "customs_value",
        ),
        (
            {"customs_value": Money(1, "EUR"), "quantities": {"kg": 1.5}},
            InvalidTypeError,
            "quantities['kg']",
        ),
        (
            {"customs_value": Money(1, "EUR"), "quantities": {"kg": "-1"}},
            InvalidInputError,
            "quantities['kg']",
        ),
        (
            {"customs_value": Money(1, "EUR"), "quantities": {"KG": 1}},
            InvalidInputError,
            "quantities['KG']",
        ),
        (
            {"customs_value": Money(1, "EUR"), "quantities": None},
            InvalidTypeError,
            "quantities",
        ),
        (
            {"customs_value": Money(1, "EUR"), "quantities": {}, "fx": "rates"},
            InvalidTypeError,
            "fx",
        ),
    ],
)
def test_a_duty_basis_checks_what_it_is_given(
    kwargs: dict[str, object], error: type[XborderError], field: str
) -> None:
    # It took anything: None as the value, floats and negatives as quantities.
    with pytest.raises(error) as caught:
        DutyBasis(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_mode_predicates_need_a_transport_mode() -> None:
    # "air" silently matched no mode set: a fee for air entries was never due.
    fee = _fee(amount=Money(1, "USD"), modes=[TransportMode.AIR])
    with pytest.raises(InvalidTypeError) as caught:
        fee.applies(Money(1, "USD"), "air")  # type: ignore[arg-type]
    assert caught.value.field == "mode"
    with pytest.raises(InvalidTypeError) as caught2:
        _threshold(modes=[TransportMode.POST]).applies_to("post", "CN")  # type: ignore[arg-type]
    assert caught2.value.field == "mode"


# -- issue 13: hostile values where a sequence, a model or an argument belongs ------


def _nested() -> list[object]:
    value: list[object] = []
    for _ in range(5000):
        value = [value]
    return value


_DAY_QUANTITY = quantity(1, "day")  # a scalar pint quantity declares __iter__
_SNAN = Decimal("sNaN")  # hashing it raises TypeError
_NESTED = _nested()  # hashing or repr of it recurses
_POLICY = RoundingPolicy(mode=RoundingMode.HALF_UP)
_CODE = Tariff(measures=[TariffMeasure(hs_code="3926", duty=AdValorem("0.065"))])
_BASE = TariffMeasure(hs_code="3926", duty=AdValorem("0.065"))
_HOLDER = HsCode("392690")


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [
        # A scalar quantity, a nested list or a str where a sequence belongs.
        (lambda v: _regime(notes=v), InvalidTypeError, "notes", _DAY_QUANTITY),
        (lambda v: Tariff(measures=v), InvalidTypeError, "measures", _DAY_QUANTITY),
        (Compound, InvalidTypeError, "parts", _DAY_QUANTITY),
        (lambda v: _vat(base=v), InvalidTypeError, "base", _DAY_QUANTITY),
        (lambda v: _vat(base=[v]), InvalidTypeError, "base[0]", _NESTED),
        (lambda v: _vat(on_taxes=v), InvalidTypeError, "on_taxes", _DAY_QUANTITY),
        (lambda v: _vat(reduced_rates=v), InvalidTypeError, "reduced_rates", "4901"),
        (lambda v: _threshold(reliefs=v), InvalidTypeError, "reliefs", _DAY_QUANTITY),
        (lambda v: _threshold(reliefs=[v]), InvalidTypeError, "reliefs[0]", _NESTED),
        (lambda v: _threshold(modes=[v]), InvalidTypeError, "modes[0]", _NESTED),
        (lambda v: _threshold(ship_from=v), InvalidTypeError, "ship_from", b"CN"),
        (lambda v: _threshold(excluded_hs=v), InvalidTypeError, "excluded_hs", _SNAN),
        (lambda v: _fee(rate="0.01", modes=v), InvalidTypeError, "modes", {"a": 1}),
        (lambda v: _fee(rate="0.01", taxable=v), InvalidTypeError, "taxable", 1),
        # Public methods check their arguments like functions do.
        (_POLICY.round, InvalidTypeError, "money", "x"),
        (_POLICY.round_base, InvalidTypeError, "money", Decimal(1)),
        (_POLICY.round_total, InvalidTypeError, "money", None),
        (_POLICY.check_payable_in, InvalidTypeError, "currency", "EUR"),
        (_HOLDER.startswith, InvalidTypeError, "prefix", Decimal(39)),
        (AdValorem("0.1").evaluate, InvalidTypeError, "basis", "1.00 EUR"),
        (Compound([AdValorem("0.1")]).evaluate, InvalidTypeError, "basis", None),
        (lambda v: _fee(rate="0.01").charge(v), InvalidTypeError, "value", "100"),
        (
            lambda v: _fee(rate="0.01").applies(v, TransportMode.AIR),
            InvalidTypeError,
            "value",
            quantity(1, "kg"),
        ),
        (_regime().check_in_force, InvalidTypeError, "as_of", []),
        (_regime().out_of_window, InvalidTypeError, "as_of", _SNAN),
        (
            lambda v: _regime().check_in_force(DAY, allow_out_of_window=v),
            InvalidTypeError,
            "allow_out_of_window",
            "yes",
        ),
        (_regime().with_rounding, InvalidTypeError, "mode", "down"),
        (lambda v: _CODE.match(_HOLDER, "CN", v, DAY), InvalidTypeError, "claim", []),
        (
            lambda v: _CODE.match(_HOLDER, v, None, DAY),
            InvalidTypeError,
            "origin",
            _SNAN,
        ),
        (lambda v: _BASE.covers(_HOLDER, v, DAY), InvalidTypeError, "origin", ["CN"]),
        (lambda v: _threshold().excludes(_HOLDER, v), InvalidTypeError, "origin", {}),
        # Results refuse what from_data could not read back.
        (
            lambda v: DutyEvaluation(amount=v, explanation="x"),
            InvalidTypeError,
            "amount",
            Decimal("-0"),
        ),
        (
            lambda v: DutyEvaluation(amount=Money(1, "EUR"), explanation="x", rates=v),
            InvalidTypeError,
            "rates",
            _DAY_QUANTITY,
        ),
        (
            lambda v: TariffMatch(base=_BASE, additional=v, excise=()),
            InvalidTypeError,
            "additional",
            "١٢٣",
        ),
        (
            lambda v: RateUsed(
                base="USD", quote="EUR", rate=v, quoted="x", as_of=None, source=None
            ),
            InvalidInputError,
            "rate",
            Decimal("1E+999999"),
        ),
        (
            lambda v: RateUsed(
                base="USD", quote="EUR", rate=1, quoted="x", as_of=v, source=None
            ),
            InvalidInputError,
            "as_of",
            Decimal("-0"),
        ),
    ],
)
def test_hostile_values_are_refused_by_name(
    call: object, error: type[XborderError], field: str, value: object
) -> None:
    # Each once escaped as a bare TypeError, AttributeError or ValueError, or
    # built a result that from_data then refused.
    with pytest.raises(error) as caught:
        call(value)  # type: ignore[operator]
    assert caught.value.field == field
    assert caught.value.value is value


def test_result_lists_are_stored_as_tuples_and_read_back() -> None:
    # A list was stored as given: from_data(to_data(x)) then differed (() != []).
    evaluation = DutyEvaluation(amount=Money(1, "EUR"), explanation="x", branches=[])
    assert evaluation.branches == ()
    match = TariffMatch(base=_BASE, additional=[], excise=[])
    assert (match.additional, match.excise) == ((), ())
