from __future__ import annotations

from decimal import Decimal

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from xborder._exact import EXACT
from xborder.errors import InvalidInputError, InvalidTypeError, UnitError
from xborder.logistics import (
    Consignment,
    DimBasis,
    DimRule,
    Governs,
    Parcel,
    SideRounding,
    chargeable_weight,
)
from xborder.testing import strategies as xst
from xborder.units import as_mass, unit_terms


def test_unit_terms_keeps_the_units_as_given() -> None:
    assert unit_terms("139 in**3/lb") == (
        Decimal(139),
        (("inch", Decimal(3)), ("pound", Decimal(-1))),
    )
    assert unit_terms("5000 cm³/kg")[0] == Decimal(5000)
    with pytest.raises(UnitError):
        unit_terms("five kg")


def test_the_divisor_is_kept_in_its_own_units_and_shown_canonically() -> None:
    rule = DimRule(divisor="139 in**3/lb")
    assert str(rule.divisor) == "139 inch ** 3 / pound"
    canonical = rule.canonical_divisor
    assert canonical is not None
    assert canonical.magnitude.quantize(Decimal("0.01")) == Decimal("5021.69")
    metric = DimRule(divisor="6 L/kg").canonical_divisor
    assert metric is not None
    assert metric.magnitude == 6000


def test_without_a_rule_billable_is_the_actual_weight() -> None:
    parcel = Parcel(dimensions="60 x 60 x 60 cm", weight="1.234 kg", pieces=2)
    weight = chargeable_weight(parcel)
    assert weight.billable_kg == Decimal("2.468")
    assert weight.dimensional is None
    assert weight.governed_by is Governs.ACTUAL
    assert weight.trace[0].startswith("no DIM rule")


def test_a_rule_without_divisor_only_rounds_the_actual_weight() -> None:
    rule = DimRule(divisor=None, weight_step="10 g")
    weight = chargeable_weight(
        Parcel(dimensions="90 x 90 x 90 cm", weight="121 g"), rule
    )
    assert weight.billable_kg == Decimal("0.13")
    assert weight.dimensional_kg is None
    assert "no dimensional weight" in "\n".join(weight.trace)


def test_minimum_billable_weight_per_piece_and_per_shipment() -> None:
    per_piece = DimRule(divisor="5000 cm**3/kg", weight_step="0.5 kg", minimum="1 kg")
    parcel = Parcel(dimensions="10 x 10 x 10 cm", weight="0.1 kg", pieces=3)
    weight = chargeable_weight(parcel, per_piece)
    assert weight.billable_kg == Decimal(3)
    assert weight.governed_by is Governs.MINIMUM
    per_shipment = DimRule(
        divisor="5000 cm**3/kg", minimum="1 kg", basis=DimBasis.PER_SHIPMENT
    )
    shipped = chargeable_weight(parcel, per_shipment)
    assert shipped.billable_kg == Decimal(1)
    assert shipped.governed_by is Governs.MINIMUM
    assert any(line.startswith("minimum") for line in shipped.trace)


def test_minimum_side_raises_the_two_shorter_sides_only() -> None:
    # Amazon FBA oversize: "a minimum width and height of 2 inches".
    rule = DimRule(divisor="139 in**3/lb", minimum_side="2 in")
    rod = Parcel(dimensions="40 x 1 x 1 in", weight="1 lb")
    weight = chargeable_weight(rod, rule)
    assert weight.pieces[0].volume_cm3 == Decimal(160) * Decimal("16.387064")


def test_side_rounding_up() -> None:
    rule = DimRule(
        divisor="5000 cm**3/kg",
        dimension_step="1 cm",
        dimension_rounding=SideRounding.UP,
    )
    weight = chargeable_weight(
        Parcel(dimensions="10.1 x 10.1 x 10.1 cm", weight="1 g"), rule
    )
    assert weight.pieces[0].rounded_sides_cm == (Decimal(11), Decimal(11), Decimal(11))


@pytest.mark.parametrize(
    ("longest", "applies"), [("39.9 cm", False), ("40 cm", True), ("41 cm", True)]
)
def test_ems_dim_weight_from_a_40_cm_side(
    longest: str,
    applies: bool,  # noqa: FBT001 - a parametrized expectation
) -> None:
    # China Post EMS/E-EMS from June 2022: volumetric weight (÷ 6000) only when
    # a side is 40 cm or more (citygobuy.com, "EMS/E-EMS Billing Weight
    # Adjustment Notification").
    ems = DimRule(divisor="6000 cm**3/kg", longest_side_at_least="40 cm")
    box = Parcel(
        dimensions=f"{longest.split(maxsplit=1)[0]} x 30 x 30 cm", weight="1 kg"
    )
    assert chargeable_weight(box, ems).pieces[0].dim_applies is applies


def test_longest_side_over_is_strict() -> None:
    rule = DimRule(divisor="8000 cm**3/kg", longest_side_over="55 cm")
    at = Parcel(dimensions="55 x 40 x 40 cm", weight="1 kg")
    above = Parcel(dimensions="55.1 x 40 x 40 cm", weight="1 kg")
    assert chargeable_weight(at, rule).dimensional_kg is None
    assert chargeable_weight(above, rule).dimensional_kg is not None


def test_consignment_per_shipment_skips_pieces_below_the_threshold() -> None:
    rule = DimRule(
        divisor="5000 cm**3/kg",
        longest_side_at_least="40 cm",
        basis=DimBasis.PER_SHIPMENT,
    )
    shipment = Consignment(
        parcels=(
            Parcel(dimensions="50 x 40 x 30 cm", weight="2 kg"),
            Parcel(dimensions="30 x 30 x 30 cm", weight="1 kg"),
        )
    )
    weight = chargeable_weight(shipment, rule)
    assert weight.dimensional_kg == Decimal(12)  # only the 50 cm box
    assert weight.billable_kg == Decimal(12)
    assert any(line.startswith("shipment:") for line in weight.trace)


def test_trace_speaks_the_rules_units() -> None:
    rule = DimRule(divisor="139 in**3/lb", dimension_step="1 in", weight_step="1 lb")
    trace = chargeable_weight(
        Parcel(dimensions="11.8 x 7.9 x 3.1 in", weight="1.2 lb"), rule
    ).trace
    assert trace[1] == (
        "1 × 11.8 × 7.9 × 3.1 in → 12 × 8 × 3 in: "
        "volume 288 in³ ÷ 139 in³/lb = 2.0719 lb → 3 lb"
    )
    assert trace[-1] == "billable 3 lb (dimensional)"


# -- properties -------------------------------------------------------------


@given(xst.parcels() | xst.consignments(max_size=3), xst.dim_rules())
def test_billable_is_at_least_actual_and_dimensional(
    shipment: Parcel | Consignment, rule: DimRule
) -> None:
    weight = chargeable_weight(shipment, rule)
    assert weight.billable_kg >= weight.actual_kg
    if weight.dimensional_kg is not None:
        assert weight.billable_kg >= weight.dimensional_kg
    if rule.minimum is not None:
        assert weight.billable_kg >= rule.minimum.magnitude
    for piece in weight.pieces:
        assert piece.rounded_actual_kg >= piece.actual_kg
        assert piece.billable_kg >= piece.rounded_actual_kg


@given(xst.parcels(), xst.dim_rules())
def test_rounded_weights_are_whole_steps(parcel: Parcel, rule: DimRule) -> None:
    step = rule.weight_step
    if step is None:
        return
    piece = chargeable_weight(parcel, rule).pieces[0]
    for value in (piece.rounded_actual_kg, piece.dimensional_kg):
        if value is not None:
            steps = value / step.magnitude
            assert steps == steps.to_integral_value()


@given(xst.parcels(), st.sampled_from(["1 kg", "1.5 kg", "2 lb"]))
def test_a_heavier_parcel_never_bills_less(parcel: Parcel, extra: str) -> None:
    rule = DimRule(divisor="5000 cm**3/kg", weight_step="0.5 kg")
    heavier = evolve(parcel, weight=parcel.weight + as_mass(extra))
    assert (
        chargeable_weight(heavier, rule).billable_kg
        >= chargeable_weight(parcel, rule).billable_kg
    )


@given(xst.parcels(pieces=st.integers(1, 4)), xst.dim_rules())
def test_identical_pieces_bill_as_their_sum_per_piece(
    parcel: Parcel, rule: DimRule
) -> None:
    if rule.basis is not DimBasis.PER_PIECE:
        return
    one = evolve(parcel, pieces=1)
    total = chargeable_weight(parcel, rule).billable_kg
    # Exact product: the default context would round a 34-digit weight.
    assert total == EXACT.multiply(
        chargeable_weight(one, rule).billable_kg, parcel.pieces
    )


@given(xst.parcels(), xst.dim_rules())
def test_the_trace_ends_with_the_billable_weight(parcel: Parcel, rule: DimRule) -> None:
    weight = chargeable_weight(parcel, rule)
    assert weight.trace[-1].startswith("billable ")
    assert str(weight.governed_by) in weight.trace[-1]


# -- bad input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"divisor": "5000 cm**2/kg"}, UnitError, "divisor"),
        ({"divisor": "5000 kg/cm**3"}, UnitError, "divisor"),
        ({"divisor": "5000 cm**3"}, UnitError, "divisor"),
        ({"divisor": "0 cm**3/kg"}, InvalidInputError, "divisor"),
        ({"divisor": "-139 in**3/lb"}, InvalidInputError, "divisor"),
        ({"divisor": 5000}, UnitError, "divisor"),
        ({"divisor": "5000 cm**3/kg", "weight_step": "1 cm"}, UnitError, "weight_step"),
        (
            {"divisor": "5000 cm**3/kg", "weight_step": "0 kg"},
            InvalidInputError,
            "weight_step",
        ),
        (
            {"divisor": "5000 cm**3/kg", "dimension_step": "1 kg"},
            UnitError,
            "dimension_step",
        ),
        (
            {"divisor": "5000 cm**3/kg", "volume_over": "10 cm"},
            UnitError,
            "volume_over",
        ),
        (
            {"divisor": "5000 cm**3/kg", "irregular_factor": "1.5"},
            InvalidInputError,
            "irregular_factor",
        ),
        (
            {"divisor": "5000 cm**3/kg", "irregular_factor": 0.785},
            InvalidTypeError,
            "irregular_factor",
        ),
        ({"divisor": "5000 cm**3/kg", "basis": "per piece"}, InvalidTypeError, "basis"),
        (
            {"divisor": "5000 cm**3/kg", "dimension_rounding": "nearest"},
            InvalidTypeError,
            "dimension_rounding",
        ),
    ],
)
def test_bad_rules_are_clear_errors(
    kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as raised:
        DimRule(**kwargs)  # type: ignore[arg-type]
    assert raised.value.field == field  # type: ignore[attr-defined]


def test_a_wrong_divisor_says_what_a_divisor_is() -> None:
    with pytest.raises(UnitError, match="5000 cm³/kg is not 139 in³/lb"):
        DimRule(divisor="139 in**2/lb")


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        (
            {"dimensions": "0 x 10 x 10 cm", "weight": "1 kg"},
            InvalidInputError,
            "dimensions.length",
        ),
        (
            {"dimensions": "-5 x 10 x 10 cm", "weight": "1 kg"},
            InvalidInputError,
            "dimensions",
        ),
        (
            {"dimensions": "10 x 10 x 10 kg", "weight": "1 kg"},
            UnitError,
            "dimensions.length",
        ),
        (
            {"dimensions": "10 x 10 cm", "weight": "1 kg"},
            InvalidInputError,
            "dimensions",
        ),
        (
            {"dimensions": (10, 10, 10), "weight": "1 kg"},
            InvalidTypeError,
            "dimensions",
        ),
        (
            {"dimensions": "10 x 10 x 10 cm", "weight": "0 kg"},
            InvalidInputError,
            "weight",
        ),
        (
            {"dimensions": "10 x 10 x 10 cm", "weight": "-1 kg"},
            InvalidInputError,
            "weight",
        ),
        ({"dimensions": "10 x 10 x 10 cm", "weight": "1 m"}, UnitError, "weight"),
        ({"dimensions": "10 x 10 x 10 cm", "weight": 1.5}, UnitError, "weight"),
        (
            {"dimensions": "10 x 10 x 10 cm", "weight": "1 kg", "pieces": 0},
            InvalidInputError,
            "pieces",
        ),
        (
            {"dimensions": "10 x 10 x 10 cm", "weight": "1 kg", "pieces": 1.0},
            InvalidTypeError,
            "pieces",
        ),
        (
            {
                "dimensions": "10 x 10 x 10 cm",
                "weight": "1 kg",
                "contents": ["battery"],
            },
            InvalidTypeError,
            "contents[0]",
        ),
        (
            {"dimensions": "10 x 10 x 10 cm", "weight": "1 kg", "irregular": 1},
            InvalidTypeError,
            "irregular",
        ),
    ],
)
def test_bad_parcels_are_clear_errors(
    kwargs: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as raised:
        Parcel(**kwargs)  # type: ignore[arg-type]
    assert raised.value.field == field  # type: ignore[attr-defined]


def test_chargeable_weight_refuses_other_types() -> None:
    with pytest.raises(InvalidTypeError) as raised:
        chargeable_weight("a box")  # type: ignore[arg-type]
    assert raised.value.field == "shipment"
    with pytest.raises(InvalidTypeError) as raised:
        chargeable_weight(Parcel(dimensions="1 x 1 x 1 cm", weight="1 g"), "5000")  # type: ignore[arg-type]
    assert raised.value.field == "rule"
