"""xborder.customs.parse_duty and duty_text: the tariff's own notation.

Sources of the notation (read 2026-12-07): the UK Department for Business
and Trade's tariff management tool, migration
``measures/migrations/0007_add_duty_expression_prefixes_and_measurement_unit_abbrevs.py``
(https://github.com/uktrade/tamato), for the duty expression prefixes
(02 ``-``, 04 ``+``, 15 ``MIN``, 17 ``MAX``, 12 ``+ AC``...) and unit
abbreviations; and the UK Trade Tariff's formatter
``app/formatters/duty_expression_formatter.rb``
(https://github.com/trade-tariff/trade-tariff-backend).

Golden texts are duties as the UK Trade Tariff shows them, quoted by the
service's own end-to-end tests (https://github.com/trade-tariff/trade-tariff-testing,
read 2026-12-07), with the commodity page each came from.
"""

from __future__ import annotations

import contextlib
import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.customs import (
    AdValorem,
    Cap,
    Compound,
    DutyBasis,
    FlatPerTariffLine,
    Floor,
    Specific,
    duty_text,
    evaluate_duty,
    parse_duty,
)
from xborder.customs import rules as customs_rules
from xborder.customs.rules import DECIMALS
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.money import Currency, Money
from xborder.testing.strategies import duty_bases, duty_expressions

EUR, GBP = Currency("EUR"), Currency("GBP")


def per_100kg(amount: str, currency: str = "EUR") -> Specific:
    return Specific(amount=Money(amount, currency), measure="kg", per=100)


def pct(rate: str) -> AdValorem:
    return AdValorem(Decimal(rate) / 100)


# -- examples ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.00 %", pct("12")),
        ("12.8%", pct("12.8")),
        ("8.00 % + 4.40 GBP / 100 kg", Compound([pct("8"), per_100kg("4.40", "GBP")])),
        (
            "0.00 % MAX 20.00 GBP / 100 kg",
            Cap(duty=pct("0"), maximum=per_100kg("20", "GBP")),
        ),
        ("£0.50 / kg", Specific(amount=Money("0.50", GBP), measure="kg")),
        ("€0.50 / kg", Specific(amount=Money("0.50", EUR), measure="kg")),
        (
            "12.8% MIN 1.50 EUR / 100 kg",
            Floor(duty=pct("12.8"), minimum=per_100kg("1.50")),
        ),
        (
            "5.00 % + 17.90 EUR / 100 kg MAX 35.00 %",
            Cap(duty=Compound([pct("5"), per_100kg("17.90")]), maximum=pct("35")),
        ),
        (
            "1.70 EUR / 100 kg / net drained wt",
            Specific(amount=Money("1.70", EUR), measure="kg_net_drained", per=100),
        ),
        ("EUR 2.50/p/st", Specific(amount=Money("2.50", EUR), measure="item")),
        ("13.1 EUR / hl", Specific(amount=Money("13.1", EUR), measure="l", per=100)),
        (
            "2 EUR / 1,000 p/st",
            Specific(amount=Money(2, EUR), measure="item", per=1000),
        ),
        ("3 EUR / pa", Specific(amount=Money(3, EUR), measure="pair")),
        (
            "5 EUR / l alc. 100%",
            Specific(amount=Money(5, EUR), measure="l_alc"),
        ),
        ("0.2 EUR / m2", Specific(amount=Money("0.2", EUR), measure="m2")),
        (
            "10.00 % - 1.50 EUR / 100 kg",
            Compound([pct("10")], less=[per_100kg("1.50")]),
        ),
        (
            "10 % \u2212 1.5 EUR / 100 kg",
            Compound([pct("10")], less=[per_100kg("1.5")]),
        ),
        ("  12 %\u00a0+\t1 eur / 100 KG  ", Compound([pct("12"), per_100kg("1")])),
        ("5 % min 1 EUR / 100 kg", Floor(duty=pct("5"), minimum=per_100kg("1"))),
        ("(12 %)", Compound([pct("12")])),
    ],
)
def test_parses_the_tariffs_notation(text: str, expected: object) -> None:
    assert parse_duty(text) == expected


def test_min_and_max_bound_everything_before_them() -> None:
    duty = parse_duty("18.40 % MIN 22.00 EUR / 100 kg MAX 24.00 EUR / 100 kg")
    assert duty == Cap(
        duty=Floor(duty=pct("18.40"), minimum=per_100kg("22")),
        maximum=per_100kg("24"),
    )


def test_canonical_text() -> None:
    assert duty_text(parse_duty("13.1 EUR / hl")) == "13.1 EUR / 100 l"
    assert duty_text(parse_duty("EUR 2.50/p/st")) == "2.50 EUR / p/st"
    assert duty_text(parse_duty("12.00 %")) == "12 %"


# -- golden: real tariff lines ---------------------------------------------------


def test_golden_uk_bison_0201100021() -> None:
    # https://www.trade-tariff.service.gov.uk/commodities/0201100021 (third
    # country duty), quoted in trade-tariff-testing's e2eSpecialComms spec.
    duty = parse_duty("12.00 % + 147.00 GBP / 100 kg")
    basis = DutyBasis(
        customs_value=Money("1000.00", GBP), quantities={"kg": Decimal(200)}
    )
    # 12% × 1000 + 147 × 200 / 100 = 120 + 294
    assert evaluate_duty(duty, basis).amount == Money("414.00", GBP)


def test_golden_xi_1704903000_third_country_duty() -> None:
    # https://www.trade-tariff.service.gov.uk/xi/commodities/1704903000 (EU
    # third country duty shown for Northern Ireland), trade-tariff-testing.
    duty = parse_duty("9.10 % + 45.10 EUR / 100 kg MAX 18.90 % + 16.50 EUR / 100 kg")
    assert duty == Cap(
        duty=Compound([pct("9.10"), per_100kg("45.10")]),
        maximum=Compound([pct("18.90"), per_100kg("16.50")]),
    )
    basis = DutyBasis(customs_value=Money(1000, EUR), quantities={"kg": Decimal(100)})
    # min(91 + 45.10, 189 + 16.50) = 136.10
    result = evaluate_duty(duty, basis)
    assert result.amount == Money("136.10", EUR)
    assert result.branches == ("rate",)


def test_golden_xi_1806909019_after_the_meursing_code() -> None:
    # https://www.trade-tariff.service.gov.uk/xi/commodities/1806909019 with
    # Meursing code 476 (trade-tariff-testing's meursingCalculations spec).
    duty = parse_duty("8.30 % + 117.11 EUR / 100 kg MAX 18.70 % + 10.06 EUR / 100 kg")
    assert duty_text(duty) == (
        "(8.3 % + 117.11 EUR / 100 kg) MAX (18.7 % + 10.06 EUR / 100 kg)"
    )


@pytest.mark.parametrize(
    ("text", "token"),
    [
        # Same pages, before a Meursing code is given.
        ("8.30 % + EA MAX 18.70 % +ADSZ", "EA"),  # xi/commodities/1806909019
        ("9.00 % + EA MAX 20.70 % +ADFM", "EA"),  # xi/commodities/1905320500
        ("0.00 % + EAR MAX 20.70 % +ADFMR", "EAR"),  # xi/commodities/1905320500
        ("7.60 % + EA", "EA"),  # xi/commodities/1901100000
        ("12 % + AC (reduced)", "AC (reduced)"),
        ("NIHIL", "NIHIL"),
    ],
)
def test_agricultural_components_are_refused_by_name(text: str, token: str) -> None:
    with pytest.raises(InvalidInputError, match="Meursing") as caught:
        parse_duty(text)
    assert f"{token!r}" in str(caught.value)
    assert caught.value.field == "text"
    assert caught.value.value == text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # UK: https://www.trade-tariff.service.gov.uk/commodities/2206001000
        ("1.00 GBP / % vol/hl", "unknown unit"),
        ("0.30 GBP / 100 kg/net/%sacchar.", "qualifier"),
        ("5 EUR / kgs", "'kgs'"),
        ("12,8 %", "decimal comma"),
        ("$5 / kg", "several currencies"),
        ("¥5 / kg", "several currencies"),
        ("5 XYZ / kg", "'XYZ' is not a currency"),
        ("5", "'%' or a currency"),
        ("5 EUR", "needs a unit"),
        ("- 5 %", "not an operator"),
        ("5 % +", "missing"),
        ("5 % 6 %", "unexpected text"),
        ("(5 %", "closing parenthesis"),
        ("5 EUR / 0 kg", "zero"),
        ("", "nothing to read"),
        ("   ", "nothing to read"),
        ("(" * 40 + "5 %" + ")" * 40, "nested parentheses"),
        ("9" * 900 + " EUR / kg", "amount"),
    ],
)
def test_bad_text_is_refused_naming_the_problem(text: str, words: str) -> None:
    with pytest.raises(InvalidInputError, match="text") as caught:
        parse_duty(text)
    assert words in str(caught.value)


def test_not_a_string() -> None:
    with pytest.raises(InvalidTypeError, match="text"):
        parse_duty(12)  # type: ignore[arg-type]


def test_a_huge_text_is_refused_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(InvalidInputError, match="at most 1000 characters"):
        parse_duty("12 % + " * 2_000_000)
    assert time.perf_counter() - start < 1


def test_duty_text_refuses_what_the_tariff_cannot_write() -> None:
    with pytest.raises(InvalidInputError, match="flat amount"):
        duty_text(FlatPerTariffLine(amount=Money(3, EUR)))
    custom = Specific(amount=Money(1, EUR), measure="bottle")
    with pytest.raises(InvalidInputError, match="bottle"):
        duty_text(custom)
    with pytest.raises(InvalidTypeError):
        duty_text("12 %")  # type: ignore[arg-type]


# -- subtraction -----------------------------------------------------------------


def test_subtraction_evaluates_and_explains() -> None:
    duty = parse_duty("10.00 % - 1.50 EUR / 100 kg")
    basis = DutyBasis(customs_value=Money(100, EUR), quantities={"kg": Decimal(200)})
    result = evaluate_duty(duty, basis)
    assert result.amount == Money(7, EUR)  # 10 - 3
    assert result.branches == ("difference",)
    assert str(duty) == "10% - 1.50 EUR / 100 kg"


def test_a_difference_below_zero_is_no_duty_with_the_step_explained() -> None:
    duty = parse_duty("10.00 % - 1.50 EUR / 100 kg")
    basis = DutyBasis(customs_value=Money(10, EUR), quantities={"kg": Decimal(200)})
    result = evaluate_duty(duty, basis)
    assert result.amount == Money(0, EUR)
    assert result.branches == ("zero",)
    assert result.explanation == (
        "(10% × 10 EUR) - (1.50 EUR / 100 kg × 200 kg) = -2.0000 EUR, "
        "below zero: no duty (a duty is never negative)"
    )


@given(duty_expressions(), duty_bases())
def test_rules_engine_agrees_with_the_models(
    expression: object, basis: DutyBasis
) -> None:
    # Compounds with subtracted parts are drawn too: the formula the column
    # engine runs gives the model's amount, clamp included.
    assert isinstance(expression, AdValorem | Specific | Compound | Floor | Cap)
    exact = customs_rules.duty_amount(
        DECIMALS,
        expression,
        basis.customs_value.amount,
        basis.quantities,
        currency=basis.customs_value.currency,
        fx=basis.fx,
    )
    assert exact == evaluate_duty(expression, basis).amount.amount


# -- properties ------------------------------------------------------------------


@given(duty_expressions())
def test_round_trip(expression: object) -> None:
    assert isinstance(expression, AdValorem | Specific | Compound | Floor | Cap)
    text = duty_text(expression)
    assert parse_duty(text) == expression
    assert duty_text(parse_duty(text)) == text


_MEASURES = st.sampled_from(
    ["kg", "l", "item", "pair", "l_alc", "m2", "kg_net_drained"]
)


@given(duty_expressions(currency=st.sampled_from([EUR, GBP]), measures=_MEASURES))
def test_round_trip_over_every_tariff_unit(expression: object) -> None:
    assert isinstance(expression, AdValorem | Specific | Compound | Floor | Cap)
    assert parse_duty(duty_text(expression)) == expression


@given(duty_expressions(), duty_bases())
def test_a_parsed_text_evaluates_as_the_built_expression(
    expression: object, basis: DutyBasis
) -> None:
    assert isinstance(expression, AdValorem | Specific | Compound | Floor | Cap)
    parsed = evaluate_duty(parse_duty(duty_text(expression)), basis)
    built = evaluate_duty(expression, basis)
    # Equal amounts and sides; a figure in the explanation may carry more
    # trailing zeros ("0 %" reads as 0E-2).
    assert (parsed.amount, parsed.branches) == (built.amount, built.branches)


@given(st.text(max_size=60))
def test_any_text_parses_or_raises_an_xborder_error(text: str) -> None:
    with contextlib.suppress(XborderError):
        parse_duty(text)


@given(duty_expressions())
def test_evaluation_is_never_negative(expression: object) -> None:
    assert isinstance(expression, AdValorem | Specific | Compound | Floor | Cap)
    basis = DutyBasis(
        customs_value=Money(0, "USD"), quantities={"kg": Decimal(1000), "item": 1}
    )
    assert evaluate_duty(expression, basis).amount.amount >= 0
