from __future__ import annotations

import pickle
from decimal import Decimal

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder import units
from xborder.errors import InvalidInputError, UnitError
from xborder.testing import strategies as xst
from xborder.units import Dimensions, Quantity


def test_golden_exact_definitions() -> None:
    # International yard and pound (1959): 1 in = 2.54 cm, 1 lb = 0.45359237 kg.
    assert units.magnitude("1 in", units.CENTIMETRE) == Decimal("2.54")
    assert units.magnitude("1 lb", units.KILOGRAM) == Decimal("0.45359237")
    assert units.magnitude("16 oz", units.POUND) == Decimal(1)
    assert units.magnitude("1 L", units.CUBIC_CENTIMETRE) == Decimal(1000)
    assert units.magnitude("2 weeks", units.DAY) == Decimal(14)
    assert units.magnitude("36 hours", units.DAY) == Decimal("1.5")
    assert units.magnitude("2.54 cm", units.INCH) == Decimal(1)
    assert units.magnitude("1 gallon", units.LITRE) == Decimal("3.785411784")
    assert units.magnitude("4 cm**1.5", "meter**1.5") == Decimal("0.004")


def test_dimensional_weight_divisors_are_not_interchangeable() -> None:
    # 5000 cm³/kg is 138.4 in³/lb, not 139 (the logistics research notes).
    in3_per_lb = units.magnitude("5000 cm**3/kg", "inch**3/avoirdupois_pound")
    assert in3_per_lb.quantize(Decimal("0.1")) == Decimal("138.4")
    # 5000 x 0.45359237 / 2.54**3 to 34 digits (pint's own 28-digit factors
    # would be wrong from the 29th digit on).
    assert in3_per_lb == Decimal("138.3995235510156059682198104553689")


def test_converters_canonicalise_once() -> None:
    assert units.as_mass("1.5 lb").magnitude == Decimal("0.680388555")
    assert str(units.as_length("12 in")) == "30.48 centimeter"
    assert str(units.as_volume("1.5 L")) == "1500 centimeter ** 3"
    assert str(units.as_duration("36 hours")) == "1.5 day"


def test_quantities_from_any_registry_are_rehomed() -> None:
    foreign: pint.UnitRegistry[float] = pint.UnitRegistry()
    weight = units.as_mass(foreign.Quantity(1.1, "lb"))
    assert weight.magnitude == Decimal("1.1") * Decimal("0.45359237")
    assert weight._REGISTRY is units.registry()
    # and sums with our own quantities without a cross-registry error
    assert (weight + units.as_mass("1 kg")).magnitude == weight.magnitude + 1


def test_own_quantities_in_canonical_units_pass_through() -> None:
    own = units.quantity("2.5", units.KILOGRAM)
    assert units.as_mass(own) is own


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("30 cm", UnitError),
        ("2.5", UnitError),  # a bare number has no unit
        ("two kg", UnitError),
        ("2.5 flurbs", UnitError),
        (2.5, UnitError),
        (None, UnitError),
        ("nan kg", InvalidInputError),
        ("inf kg", InvalidInputError),
    ],
)
def test_wrong_inputs_are_clear_errors(value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        units.to_unit(value, units.KILOGRAM, field="weight")  # type: ignore[arg-type]


def test_foreign_quantity_with_non_finite_or_odd_magnitude_is_refused() -> None:
    foreign: pint.UnitRegistry[Decimal] = pint.UnitRegistry(non_int_type=Decimal)
    with pytest.raises(InvalidInputError):
        units.as_mass(foreign.Quantity(Decimal("NaN"), "kg"))

    class Odd:
        magnitude = "1"
        units = "kg"

    with pytest.raises(InvalidInputError):
        units.as_mass(Odd())  # type: ignore[arg-type]


def test_unit_error_names_the_field_and_the_expected_dimension() -> None:
    with pytest.raises(UnitError) as caught:
        Dimensions(length="30 cm", width="1 kg", height="10 cm")
    assert caught.value.field == "width"
    assert "[length]" in str(caught.value)
    assert caught.value.value == "1 kg"


@pytest.mark.parametrize("side", ["0 cm", "-1 cm"])
def test_dimensions_must_be_positive(side: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Dimensions(length="30 cm", width="20 cm", height=side)
    assert caught.value.field == "height"


def test_dimensions_volume_sorting_and_girth() -> None:
    box = Dimensions(length="10 cm", width="12 in", height="30 cm")
    assert box.volume.magnitude == Decimal(9144)
    ordered = box.sorted()
    assert [side.magnitude for side in ordered.sides] == [
        Decimal("30.48"),
        Decimal(30),
        Decimal(10),
    ]
    assert box.girth.magnitude == Decimal(80)
    quick = Dimensions.from_magnitudes(12, 10, 30, unit=units.INCH)
    assert quick.length.magnitude == Decimal("30.48")


def test_quantities_pickle_back_into_xborders_registry() -> None:
    box = Dimensions(length="30 cm", width="20 cm", height="10 cm")
    copy = pickle.loads(pickle.dumps(box))  # noqa: S301 - our own object
    assert copy == box
    assert copy.length._REGISTRY is units.registry()
    assert (copy.length + box.length).magnitude == Decimal(60)


@given(xst.masses(), st.sampled_from([units.GRAM, units.POUND, units.OUNCE]))
def test_unit_conversions_round_trip(mass: Quantity, other: str) -> None:
    there = units.to_unit(mass, other)
    back = units.to_unit(there, str(mass.units))
    assert abs(back.magnitude - mass.magnitude) <= abs(mass.magnitude) * Decimal(
        "1e-20"
    )


@given(xst.dimensions(), st.sampled_from(["length", "width", "height"]))
def test_volume_grows_with_each_dimension(box: Dimensions, side: str) -> None:
    longer = getattr(box, side) + units.quantity(1, units.CENTIMETRE)
    bigger = Dimensions(**{**_sides(box), side: longer})
    assert bigger.volume.magnitude > box.volume.magnitude


def _sides(box: Dimensions) -> dict[str, Quantity]:
    return {"length": box.length, "width": box.width, "height": box.height}


@given(xst.dimensions())
def test_sorting_keeps_volume_and_orders_sides(box: Dimensions) -> None:
    ordered = box.sorted()
    assert ordered.volume == box.volume
    assert (
        ordered.length.magnitude >= ordered.width.magnitude >= ordered.height.magnitude
    )


@pytest.mark.parametrize("text", ["nan kg", "NaN kg", "inf m", "-inf m", "Infinity kg"])
def test_not_finite_magnitudes_are_refused(text: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        units.to_unit(text, units.KILOGRAM, field="weight")
    assert caught.value.field == "weight"


def test_an_offset_unit_is_refused_rather_than_converted_by_a_factor() -> None:
    # 20 degC is 293.15 K; converting by the factor alone gave 20 K.
    celsius = pint.UnitRegistry().Quantity(20, "degC")
    with pytest.raises(UnitError) as caught:
        units.to_unit(celsius, "kelvin", field="temperature")
    assert caught.value.field == "temperature"
    assert "offset" in str(caught.value)
    # Strings are refused by pint's parser; a delta is a plain factor.
    with pytest.raises(UnitError):
        units.to_unit("20 degC", "kelvin", field="temperature")
    assert units.magnitude("20 delta_degC", "kelvin") == Decimal(20)


def test_a_dimensionless_string_is_not_a_mass() -> None:
    with pytest.raises(UnitError) as caught:
        units.to_unit("5", units.KILOGRAM, field="weight")
    assert caught.value.field == "weight"


@pytest.mark.parametrize("unit", [["kg"], Decimal("sNaN"), None, 5])
def test_a_unit_that_is_not_a_name_is_a_unit_error(unit: object) -> None:
    # A list or a signalling NaN failed in the cache with a bare TypeError.
    with pytest.raises(UnitError) as built:
        units.quantity(1, unit)  # type: ignore[arg-type]
    assert built.value.field == "unit"
    with pytest.raises(UnitError) as converted:
        units.to_unit("1 kg", unit)  # type: ignore[arg-type]
    assert converted.value.field == "unit"


def test_huge_magnitudes_convert_exactly_or_are_refused() -> None:
    assert units.magnitude("1E+999990 lb", units.KILOGRAM) == Decimal(
        "4.5359237E+999989"
    )
    with pytest.raises(InvalidInputError) as caught:
        units.quantity(Decimal("1E+1000000"), units.KILOGRAM)
    assert caught.value.field == "amount"


def test_a_volume_past_the_exponent_limit_is_an_input_error() -> None:
    box = Dimensions.from_magnitudes("1E+999999", "1E+999999", 1, unit=units.CENTIMETRE)
    with pytest.raises(InvalidInputError) as volume:
        _ = box.volume
    assert volume.value.field == "volume"
    wide = Dimensions.from_magnitudes(
        1, "9E+999999", "9E+999999", unit=units.CENTIMETRE
    )
    with pytest.raises(InvalidInputError) as girth:
        _ = wide.girth
    assert girth.value.field == "girth"
