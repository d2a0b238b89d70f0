from __future__ import annotations

import pickle
from decimal import Decimal

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder import units
from xborder._exact import DIVISION
from xborder._units import catalogue
from xborder._units.definitions import DEFINITIONS, shadowed
from xborder._units.text import MAX_LENGTH
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
    # Magnitudes below xborder's bound (1E+36) convert exactly; above, refused.
    assert units.magnitude("1E+35 lb", units.KILOGRAM) == Decimal("4.5359237E+34")
    with pytest.raises(InvalidInputError) as caught:
        units.quantity(Decimal("1E+36"), units.KILOGRAM)
    assert caught.value.field == "amount"


def test_the_largest_boxes_compute_exactly_and_larger_sides_are_refused() -> None:
    # Sides are bounded where they enter (below 1E+36), so volume and girth
    # of any box that can be built are exact Decimals, never an overflow.
    box = Dimensions.from_magnitudes("9E+17", "1E+18", 1, unit=units.CENTIMETRE)
    assert units.magnitude(box.volume, "cm**3") == Decimal("9E+35")
    huge = Dimensions.from_magnitudes("9E+35", "9E+35", 1, unit=units.CENTIMETRE)
    with pytest.raises(InvalidInputError) as volume:
        _ = huge.volume
    assert volume.value.field == "volume"
    with pytest.raises(InvalidInputError) as girth:
        _ = huge.girth
    assert girth.value.field == "girth"
    with pytest.raises(InvalidInputError):
        Dimensions.from_magnitudes(1, "1E+36", 1, unit=units.CENTIMETRE)


# Issue 13: unit strings parsed once, a small registry, bad input refused.


def _pint_defaults() -> pint.UnitRegistry[Decimal]:
    return pint.UnitRegistry(non_int_type=Decimal, cache_folder=None)


def _defined_names() -> list[str]:
    """The unit names xborder's registry defines up front (not prefixes)."""
    names = []
    for line in DEFINITIONS.splitlines():
        name = line.split("=", 1)[0].strip()
        if "=" in line and not name.endswith("-") and not line.startswith(("[", " ")):
            names.append(name)
    return names


def test_every_unit_defined_up_front_has_pints_value() -> None:
    # The definitions write pint's divisions as exact decimals (inch =
    # 2.54 cm where pint has yard / 36): the same values, to pint's 28 digits.
    defaults = _pint_defaults()
    ours = units.registry()
    for name in _defined_names():
        mine = catalogue.of_text(ours, name)
        assert mine is not None, name
        factor, root = defaults.get_root_units(name)
        assert isinstance(factor, int | Decimal)  # 1 for a base unit
        assert {(str(n), Decimal(str(p))) for n, p in root._units.items()} == mine.roots
        exact = DIVISION.divide(mine.numerator, mine.denominator)
        assert abs(exact - factor) <= abs(exact) * Decimal("1e-26"), name


def test_no_pint_unit_is_shadowed_by_a_prefixed_unit_of_ours() -> None:
    # pint reads "kt" as a knot: its defaults define "kt" and it tries the
    # whole name before a prefix. Wherever our smaller registry would read
    # a name differently (kilo-tonne), `shadowed` must send it to pint's
    # defaults first. Checked over every prefix, unit and plural of ours.
    defaults = _pint_defaults()
    ours = units.registry()
    plain = pint.UnitRegistry.parse_unit_name
    keys = list(ours._units)
    for prefix in list(ours._prefixes):
        for key in keys:
            for suffix in ("", "s"):
                name = prefix + key + suffix
                mine, theirs = plain(ours, name), defaults.parse_unit_name(name)
                if not mine or not theirs:
                    continue
                (p1, u1, _), (p2, u2, _) = mine[0], theirs[0]
                same = (p1, ours._units[u1].name) == (p2, defaults._units[u2].name)
                assert same or shadowed(
                    name, ours._prefixes, ours._suffixes, ours._units
                ), name
    # and the copy makes them agree
    assert units.unit_terms("1 kt")[1] == (("knot", Decimal(1)),)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("85 g", units.KILOGRAM, "0.085"),
        ("1 t", units.KILOGRAM, "1000"),
        ("2 stone", units.KILOGRAM, "12.70058636"),
        ("1 ft³", units.CUBIC_CENTIMETRE, "28316.846592"),
        ("2 cubic_foot", units.LITRE, "56.633693184"),
        ("1 m**3", units.CUBIC_CENTIMETRE, "1000000"),
        ("1 m³", units.LITRE, "1000"),
        ("250 ml", units.LITRE, "0.25"),
        ("1 litre", units.CUBIC_CENTIMETRE, "1000"),
        ("1 in³", units.CUBIC_CENTIMETRE, "16.387064"),
        ("1 quart", units.LITRE, "0.946352946"),
        ("1 imperial_gallon", units.LITRE, "4.54609"),
        ("90 min", units.HOUR, "1.5"),
        ("1 year", units.DAY, "365.25"),
        ("1 month", units.DAY, "30.4375"),
        ("1 fortnight", units.WEEK, "2"),
        ("3 feet", units.INCH, "36"),
        ("1 mile", units.METRE, "1609.344"),
        (".5 kg", units.GRAM, "500"),
        ("5 %", "dimensionless", "0.05"),
    ],
)
def test_units_sellers_write_convert_exactly(
    text: str, unit: str, expected: str
) -> None:
    # Exact definitions: 1 yd = 0.9144 m, 1 lb = 0.45359237 kg (1959);
    # 1 gal = 231 in³ and 1 imperial gal = 4.54609 L (NIST Handbook 44, App. C).
    assert units.magnitude(text, unit) == Decimal(expected)


def test_a_unit_outside_the_definitions_is_copied_from_pints_defaults() -> None:
    # 1 furlong = 660 survey feet, 1 survey foot = 1200/3937 m (pint's
    # defaults, 28 digits); a knot is 1852 m per hour.
    furlong = units.magnitude("1 furlong", units.METRE)
    assert abs(furlong - Decimal(792000) / 3937) < Decimal("1e-24")
    assert units.magnitude("2 knot", "meter / hour") == Decimal(3704)
    # ...for quantities of any registry too, and for registry() itself
    foreign = pint.UnitRegistry().Quantity(1.5, "hogshead")  # 63 US gallons
    gallon = Decimal("3.785411784")  # 231 in³ in litres
    assert units.magnitude(foreign, units.LITRE) == Decimal("1.5") * 63 * gallon
    assert units.registry().Quantity(Decimal(1), "acre").units == "acre"


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False),
    st.sampled_from(["g", "kg", "lb", "oz", "t", "grain", "stone", "ton", "mg"]),
)
def test_a_string_converts_as_the_quantity_it_spells(
    number: Decimal, unit: str
) -> None:
    written = units.as_mass(f"{number} {unit}")
    built = units.as_mass(units.quantity(number, unit))
    assert written == built
    assert written.magnitude.as_tuple() == built.magnitude.as_tuple()


@pytest.mark.parametrize(
    "text",
    [
        "1/2 kg",
        "2 * 3 kg",
        "1 kg + 1 g",
        "(2) kg",
        "1.2.3 kg",
        "- 2 kg",
        "١ kg",
        "0x10 kg",
    ],
)
def test_only_a_number_then_a_unit_is_read(text: str) -> None:
    # pint evaluated these as expressions ("1.2.3 kg" was 1.2 × 0.3 kg), in
    # the caller's decimal context; they are refused.
    with pytest.raises(UnitError) as caught:
        units.to_unit(text, units.KILOGRAM, field="weight")
    assert (caught.value.field, caught.value.value) == ("weight", text)


def test_a_magnitude_out_of_range_is_refused_where_it_enters() -> None:
    # 1E+999999 m is in range, but 1E+1000001 cm is not: it overflowed later.
    with pytest.raises(InvalidInputError) as converted:
        Dimensions(length="1E+999999 m", width="1 cm", height="1 cm")
    assert (converted.value.field, converted.value.value) == ("length", "1E+999999 m")
    with pytest.raises(InvalidInputError) as written:
        units.as_mass("1E+1000000 kg")
    assert written.value.value == "1E+1000000 kg"
    own = units.registry().Quantity(Decimal("1E+1000000"), "kg")
    with pytest.raises(InvalidInputError) as built:
        units.to_unit(own, units.KILOGRAM, field="weight")
    assert built.value.field == "weight"


def test_an_exponent_past_decimals_limits_is_refused_without_a_signal() -> None:
    text = "1e" + "9" * 25 + " kg"
    with pytest.raises(InvalidInputError) as caught:
        units.to_unit(text, units.KILOGRAM, field="weight")
    assert (caught.value.field, caught.value.value) == ("weight", text)


def test_huge_strings_are_refused_before_they_are_parsed() -> None:
    digits = "1" * 5000 + " kg"  # past Python's 4300-digit int limit
    with pytest.raises(UnitError) as caught:
        units.to_unit(digits, units.KILOGRAM, field="weight")
    assert caught.value.field == "weight"
    assert f"at most {MAX_LENGTH} characters" in str(caught.value.expected)
    with pytest.raises(UnitError):
        units.quantity(1, "k" * (MAX_LENGTH + 1))


@pytest.mark.parametrize(
    "text", ["1 m**17", "1 m**9**9", "1 2**9**9", "1 m^(9**9)", "1 2⁹⁹⁹⁹⁹⁹⁹⁹ m"]
)
def test_powers_that_would_not_end_are_refused(text: str) -> None:
    # pint computes integer powers with Python ints: 2**9**9 has millions
    # of digits, and EXACT.power(factor, 9**9) would not end.
    with pytest.raises(UnitError) as caught:
        units.to_unit(text, units.CENTIMETRE, field="side")
    assert (caught.value.field, caught.value.value) == ("side", text)


def test_quantities_of_any_registry_with_big_int_magnitudes() -> None:
    foreign: pint.UnitRegistry[float] = pint.UnitRegistry()
    big = 10**35
    assert units.magnitude(foreign.Quantity(big, "kg"), units.KILOGRAM) == Decimal(big)
    # str() of 10**4400 raises past Python's 4300-digit limit: refused first.
    with pytest.raises(InvalidInputError) as caught:
        units.to_unit(foreign.Quantity(10**4400, "kg"), units.KILOGRAM, field="w")
    assert caught.value.field == "w"


def test_underscore_grouping_in_numbers_is_refused() -> None:
    # Python's literal grouping is not how exports write numbers: refused
    # by name rather than read (see the money guide, "What xborder accepts").
    with pytest.raises(InvalidInputError) as caught:
        units.to_unit("1_000 g", units.KILOGRAM, field="weight")
    assert caught.value.field == "weight"


@pytest.mark.parametrize("text", ["20 degC", "68 degF", "1 decade"])
def test_strings_in_offset_or_log_units_are_refused(text: str) -> None:
    with pytest.raises(UnitError) as caught:
        units.to_unit(text, "kelvin", field="temperature")
    assert (caught.value.field, caught.value.value) == ("temperature", text)
    assert "offset" in str(caught.value)


@pytest.mark.parametrize("unit", [b"kg", ("kg",), 1.5])
def test_unit_names_must_be_str(unit: object) -> None:
    with pytest.raises(UnitError) as caught:
        units.to_unit("1 kg", unit)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == ("unit", unit)


def test_quantities_check_pints_derived_dimensions() -> None:
    assert units.as_volume("1 L").check("[volume]")
    assert units.quantity(1, "kg/m**3").check("[density]")
    assert units.quantity(1, "m**2").check("[area]")


def test_quantities_are_built_as_pint_builds_them() -> None:
    # units._make sets a quantity's two attributes directly (a speed choice,
    # bench_inventory): it must hold what pint's own constructor holds.
    made = units.quantity("2.5", units.KILOGRAM)
    built = units.registry().Quantity(Decimal("2.5"), made._units)
    assert type(made) is type(built)
    assert vars(made) == vars(built)
    assert made == built
    assert made + built == units.quantity(5, units.KILOGRAM)
    assert str(made.to("gram")) == str(built.to("gram"))


def test_a_read_text_gives_each_call_its_own_quantity() -> None:
    # Strings are read once and their magnitude kept; the quantity is new
    # each time, so changing one in place (ito) changes no other call's.
    first = units.to_unit("3 weeks", units.DAY)
    first.ito("hour")
    second = units.to_unit("3 weeks", units.DAY)
    assert second is not first
    assert second.magnitude == Decimal(21)
    assert str(second.units) == "day"
    assert units.magnitude("3 weeks", units.WEEK) == Decimal(3)


class _Sly(str):
    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash("1 day")


def test_str_subclasses_are_read_but_never_cached() -> None:
    assert units.magnitude(_Sly("2 days"), units.DAY) == Decimal(2)
    assert units.magnitude("1 day", units.DAY) == Decimal(1)
    assert units.magnitude(_Sly("5 days"), units.DAY) == Decimal(5)
