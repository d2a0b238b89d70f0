"""xborder.customs.rules: each customs formula, once, for every engine.

The rules evaluated on Decimals (DECIMALS) must give exactly what the
models give (a policy's rounding, a duty expression's amount, a fee), value
and exponent; evaluated on columns, exactly what DECIMALS gives row by row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.customs import (
    AdValorem,
    DutyBasis,
    Floor,
    RoundingPolicy,
    Specific,
    TaxBase,
    TaxRule,
    evaluate_duty,
    presets,
)
from xborder.customs import rules as customs_rules
from xborder.customs.rules import DECIMALS
from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.frames._engine import Columns
from xborder.money import Currency, Money, RoundingMode
from xborder.money._money import round_to_step
from xborder.testing.strategies import (
    duty_bases,
    duty_expressions,
    fees,
    rounding_policies,
)

STEPS = st.sampled_from(
    [Decimal(s) for s in ("0.01", "1", "100", "0.05", "1E+2", "1000", "0.5", "25")]
)
AMOUNTS = st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False)


@given(value=AMOUNTS, step=STEPS, mode=st.sampled_from(list(RoundingMode)))
def test_to_step_is_round_to_step_value_and_exponent(
    value: Decimal, step: Decimal, mode: RoundingMode
) -> None:
    got = customs_rules.to_step(DECIMALS, value, step, mode)
    expected = round_to_step(value, step, mode)
    assert got == expected
    assert got.as_tuple().exponent == expected.as_tuple().exponent


@given(
    value=st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False),
    policy=rounding_policies(),
    currency=st.sampled_from([Currency("USD"), Currency("JPY"), Currency("KWD")]),
)
def test_a_policys_three_roundings_are_the_rules(
    value: Decimal, policy: RoundingPolicy, currency: Currency
) -> None:
    money = Money(value, currency)
    assert policy.round(money).amount == customs_rules.rounded(
        DECIMALS, policy, currency, value
    )
    assert policy.round_base(money).amount == customs_rules.rounded_base(
        DECIMALS, policy, value
    )
    if policy.total_step is not None:
        assert policy.round_total(money).amount == customs_rules.rounded_total(
            DECIMALS, policy, value
        )


def _reference(value: Fraction, mode: RoundingMode) -> int:
    """``value`` rounded to an integer with ``mode``, on exact fractions."""
    floor = value.numerator // value.denominator
    rest = value - floor
    if not rest:
        return floor
    negative = value < 0
    up = {
        RoundingMode.FLOOR: False,
        RoundingMode.CEILING: True,
        RoundingMode.DOWN: negative,
        RoundingMode.UP: not negative,
    }.get(mode)
    if up is None:
        half = Fraction(1, 2)
        if rest != half:
            up = rest > half
        elif mode is RoundingMode.HALF_EVEN:
            up = floor % 2 == 1
        else:
            up = negative if mode is RoundingMode.HALF_DOWN else not negative
    return floor + int(up)


@given(
    numerator=st.integers(-(10**12), 10**12).map(Decimal),
    divisor=st.integers(1, 500),
    step=STEPS,
    mode=st.sampled_from(list(RoundingMode)),
)
def test_a_divided_figure_is_rounded_once_from_the_exact_quotient(
    numerator: Decimal, divisor: int, step: Decimal, mode: RoundingMode
) -> None:
    # 22/78 of a tax: the exact quotient, rounded once to the step.
    got = customs_rules.to_step(DECIMALS, numerator, step, mode, divisor)
    steps = _reference(Fraction(numerator) / divisor / Fraction(step), mode)
    assert got == steps * step
    assert got.as_tuple().exponent == step.as_tuple().exponent


@settings(max_examples=200)
@given(expression=duty_expressions(), basis=duty_bases())
def test_duty_amount_is_the_expressions_evaluation(
    expression: object, basis: DutyBasis
) -> None:
    expected = evaluate_duty(expression, basis).amount  # type: ignore[arg-type]
    value = basis.customs_value
    got = customs_rules.duty_amount(
        DECIMALS,
        expression,  # type: ignore[arg-type]
        value.amount,
        dict(basis.quantities),
        currency=value.currency,
        fx=basis.fx,
    )
    assert got == expected.amount
    assert got.as_tuple().exponent == expected.amount.as_tuple().exponent


@given(
    expression=duty_expressions(), basis=duty_bases(currency=st.just(Currency("USD")))
)
def test_duty_parameters_given_as_values_give_the_same_amount(
    expression: object, basis: DutyBasis
) -> None:
    parameters = customs_rules.duty_parameters(expression)  # type: ignore[arg-type]
    value = basis.customs_value
    own = customs_rules.duty_amount(
        DECIMALS, expression, value.amount, dict(basis.quantities),  # type: ignore[arg-type]
        currency=value.currency,
    )  # fmt: skip
    given_ = customs_rules.duty_amount(
        DECIMALS, expression, value.amount, dict(basis.quantities),  # type: ignore[arg-type]
        currency=value.currency, parameters=parameters,
    )  # fmt: skip
    assert own == given_


def test_shapes_separate_what_is_computed_from_its_rates() -> None:
    kilos = Specific(amount=Money(2, "EUR"), measure="kg", per=100)
    litres = Specific(amount=Money(2, "EUR"), measure="l", per=100)
    first = Floor(duty=AdValorem("0.12"), minimum=kilos)
    second = Floor(duty=AdValorem("0.08"), minimum=Specific(
        amount=Money(5, "EUR"), measure="kg", per=100))  # fmt: skip
    assert customs_rules.duty_shape(first) == customs_rules.duty_shape(second)
    third = Floor(duty=AdValorem("0.12"), minimum=litres)
    assert customs_rules.duty_shape(first) != customs_rules.duty_shape(third)
    assert customs_rules.duty_parameters(second) == (Decimal("0.08"), Decimal(5))


@given(fee=fees(), value=st.decimals(0, 10**6, places=2, allow_nan=False))
def test_fee_amount_is_the_fees_evaluation(fee: object, value: Decimal) -> None:
    money = Money(value, "USD")
    exact, branch = fee.evaluate(money)  # type: ignore[attr-defined]
    found = customs_rules.fee_amount(DECIMALS, fee, value)  # type: ignore[arg-type]
    assert found.amount == exact.amount
    assert bool(found.below_minimum) == (branch == "minimum")
    if branch != "minimum":  # the minimum is tested first
        assert bool(found.above_maximum) == (branch == "maximum")


def test_tax_parts_count_freight_once_under_cif() -> None:
    parts = frozenset({TaxBase.CUSTOMS_VALUE, TaxBase.FREIGHT, TaxBase.FEES})
    assert customs_rules.tax_parts(parts, cif=True) == (
        "customs_value",
        "taxable_fees",
        "taxable_charges",
    )
    assert "freight" in customs_rules.tax_parts(parts, cif=False)


def test_a_local_tax_on_the_national_tax() -> None:
    japan = presets.regime("JP", as_of=dt.date(2026, 9, 1))
    national, local = japan.taxes
    base = customs_rules.tax_base(
        DECIMALS, local, {}, {national.id: Decimal(74700)}, cif=True
    )
    numerator = customs_rules.taxed(DECIMALS, base, local.rate)
    assert local.rounding is not None
    figure = customs_rules.rounded(
        DECIMALS, local.rounding, Currency("JPY"), numerator, local.divisor
    )
    assert figure == Decimal(21069)  # 74,700 × 22 / 78 = 21,069.23 truncated


# -- the same rules on columns ---------------------------------------------------------


@settings(max_examples=60)
@given(
    values=st.lists(AMOUNTS, min_size=1, max_size=30),
    step=STEPS,
    mode=st.sampled_from(list(RoundingMode)),
    divisor=st.sampled_from([1, 7, 78]),
)
def test_to_step_on_columns_equals_decimals_row_by_row(
    values: list[Decimal], step: Decimal, mode: RoundingMode, divisor: int
) -> None:
    frame = pl.DataFrame(
        {"x": [int(v.scaleb(4)) for v in values]}, schema={"x": pl.Int128}
    )
    engine = Columns(wide=True)
    column = engine.input("x", 4, max(abs(int(v.scaleb(4))) for v in values))
    result = customs_rules.to_step(engine, column, step, mode, divisor)
    out = engine.run(frame.lazy(), {"y": result}, where=pl.lit(value=True))
    got = [Decimal(int(v)).scaleb(-result.scale) for v in out.get_column("y").to_list()]
    assert got == [
        customs_rules.to_step(DECIMALS, v, step, mode, divisor) for v in values
    ]


def test_bad_arguments_name_themselves() -> None:
    policy = RoundingPolicy(mode=RoundingMode.DOWN)
    with pytest.raises(InvalidTypeError) as caught:
        customs_rules.rounded(DECIMALS, "policy", Currency("USD"), Decimal(1))  # type: ignore[arg-type]
    assert caught.value.field == "policy"
    with pytest.raises(InvalidTypeError) as engine:
        customs_rules.rounded("ops", policy, Currency("USD"), Decimal(1))  # type: ignore[arg-type]
    assert engine.value.field == "ops"
    with pytest.raises(InvalidTypeError) as value:
        customs_rules.rounded(DECIMALS, policy, Currency("USD"), 1.5)  # type: ignore[misc]
    assert value.value.field == "value"
    with pytest.raises(InvalidInputError) as total:
        customs_rules.rounded_total(DECIMALS, policy, Decimal(1))
    assert total.value.field == "policy.total_step"
    with pytest.raises(InvalidInputError) as divisor:
        customs_rules.to_step(DECIMALS, Decimal(1), Decimal(1), RoundingMode.DOWN, 0)
    assert divisor.value.field == "divisor"
    always = Validity(valid_from="2021-01-01", valid_to=None, source="x")
    vat = TaxRule(
        id="VAT", name="VAT", rate="0.2", base={TaxBase.DUTY}, validity=always
    )
    with pytest.raises(InvalidInputError) as missing:
        customs_rules.tax_base(DECIMALS, vat, {}, {}, cif=True)
    assert missing.value.field == "amounts"
    with pytest.raises(InvalidInputError) as count:
        customs_rules.duty_amount(
            DECIMALS, AdValorem("0.1"), Decimal(1), {}, currency=Currency("USD"),
            parameters=[],
        )  # fmt: skip
    assert count.value.field == "parameters"
