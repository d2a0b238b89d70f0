"""The fast constructors a landed cost builds its results with (private)."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xborder.customs import Party
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.landed_cost import (
    Component,
    Decision,
    Figure,
    LandedCost,
    LineResult,
    Totals,
)
from xborder.landed_cost._build import (
    COMPONENT_FIELDS,
    decision,
    figure,
    line_result,
    slot_init,
    totals,
)
from xborder.money import Money
from xborder.testing import strategies as xst

_MONEY = st.decimals(min_value=0, max_value=10**6, places=2).map(
    lambda amount: Money(amount, "GBP")
)
_TEXT = st.none() | st.text(max_size=5)
_NAME = st.text(max_size=5).filter(str.strip)  # labels and rule ids: not blank


def _same(built: object, made: object) -> None:
    # Equal, alike in every field (repr compares exponents too), same hash.
    assert type(built) is type(made)
    assert built == made
    assert repr(built) == repr(made)
    assert hash(built) == hash(made)


_FIGURE_VALUES = st.tuples(
    st.integers(0, 99),
    st.sampled_from(list(Component)),
    _NAME,
    _MONEY,
    st.sampled_from(list(Party)),
    _NAME,
    st.none() | _MONEY,
    _TEXT,
    _TEXT,
    _TEXT,
    st.none() | _MONEY,
    _TEXT,
)


@given(_FIGURE_VALUES)
def test_figure_is_figure_by_keyword(values: tuple[object, ...]) -> None:
    names = [field.name for field in attrs.fields(Figure)]
    made = Figure(**dict(zip(names, values, strict=True)))  # type: ignore[arg-type]
    _same(figure(*values), made)  # type: ignore[arg-type]


@given(st.lists(_MONEY, min_size=13, max_size=13), st.integers(0, 99))
def test_line_results_and_totals_are_theirs_by_keyword(
    amounts: list[Money], index: int
) -> None:
    components = amounts[:9]
    # The public constructors refuse a landed cost that is not the sum.
    amounts[10] = Money.total(components, currency="GBP")
    by_component = dict(zip(COMPONENT_FIELDS.values(), components, strict=True))
    made = LineResult(
        index=index,
        sku="PH-01",
        quantity=Decimal(3),
        customs_value=amounts[9],
        landed_cost=amounts[10],
        landed_cost_per_unit=amounts[11],
        recoverable_taxes=components[7],  # all the taxes: at most them
        landed_cost_net_per_unit=amounts[12],
        figures=(),
        **by_component,
    )
    built = line_result(
        index,
        "PH-01",
        Decimal(3),
        amounts[9],
        components,
        amounts[10],
        amounts[11],
        (components[7], amounts[12]),
        (),
    )
    _same(built, made)
    _same(
        totals(amounts[9], *components, amounts[10], components[7]),
        Totals(
            customs_value=amounts[9],
            landed_cost=amounts[10],
            recoverable_taxes=components[7],
            **by_component,
        ),
    )


def test_decisions_are_theirs_by_keyword() -> None:
    made = Decision(rule="GB-135", outcome="over", source=None)
    _same(decision("GB-135", "over", None), made)


def test_components_map_to_fields_in_order() -> None:
    assert tuple(COMPONENT_FIELDS) == tuple(Component)
    assert set(COMPONENT_FIELDS.values()) <= {f.name for f in attrs.fields(Totals)}


def test_a_constructor_must_set_every_field_once() -> None:
    with pytest.raises(TypeError, match="every field"):
        slot_init(Decision, ("rule", "outcome"))
    with pytest.raises(TypeError, match="every field"):
        slot_init(Decision, ("rule", "outcome", "source", "source"))
    build = slot_init(Decision, ("source", "rule", "outcome"))
    _same(build(None, "r", "o"), Decision(rule="r", outcome="o"))
    with pytest.raises(ValueError, match="zip"):
        build("too", "few")


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(xst.landed_costs())
def test_the_fast_path_builds_what_the_checked_init_accepts(
    result: LandedCost,
) -> None:
    # The calculator sets slots directly, skipping converters, validators
    # and __attrs_post_init__; evolve runs the public __init__ on its values.
    for line in result.lines:
        for figure_ in line.figures:
            assert attrs.evolve(figure_) == figure_
        assert attrs.evolve(line) == line
    for decision_ in result.decisions:
        assert attrs.evolve(decision_) == decision_
    assert attrs.evolve(result.totals) == result.totals
    assert attrs.evolve(result) == result


def test_the_public_constructors_check_what_the_fast_path_trusts() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Decision(rule="GB-135", outcome=None)  # type: ignore[arg-type]
    assert caught.value.field == "outcome"
    assert caught.value.value is None
    zero = Money("0.00", "GBP")
    with pytest.raises(InvalidInputError) as wrong_sum:
        Totals(
            customs_value=zero,
            landed_cost=Money("0.01", "GBP"),
            recoverable_taxes=zero,
            **dict.fromkeys(COMPONENT_FIELDS.values(), zero),
        )
    assert wrong_sum.value.field == "landed_cost"
