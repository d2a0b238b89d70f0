from __future__ import annotations

import pytest

from xborder._country import country_code, country_code_set, optional_country_code_set
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.logistics import Destination
from xborder.units import quantity


def test_withdrawn_codes_point_to_todays() -> None:
    with pytest.raises(InvalidInputError, match="did you mean 'RU'"):
        country_code("SU")


def test_customs_and_logistics_accept_and_refuse_the_same_codes() -> None:
    assert Destination("DE").country == country_code("DE")
    for code in ("SU", "EU", "UK", "XK", "de"):
        with pytest.raises(InvalidInputError):
            country_code(code)
        with pytest.raises(InvalidInputError) as caught:
            Destination(code)
        assert caught.value.field == "country"


def test_code_sets_name_the_position_of_a_bad_code() -> None:
    assert country_code_set(["US", "DE", "US"]) == frozenset({"US", "DE"})
    assert optional_country_code_set(None) is None
    with pytest.raises(InvalidInputError) as caught:
        country_code_set(["US", "UK"])
    assert caught.value.field == "[1]"
    with pytest.raises(InvalidTypeError):
        country_code_set("US")


@pytest.mark.parametrize(
    "values",
    [quantity(1, "day"), {"US": 1}, b"US", 5],
    ids=["pint-scalar", "mapping", "bytes", "int"],
)
def test_a_code_set_that_is_no_collection_is_refused_by_type(values: object) -> None:
    # A scalar pint quantity raised a bare TypeError; a mapping gave its keys.
    with pytest.raises(InvalidTypeError) as caught:
        country_code_set(values)  # type: ignore[arg-type]
    assert caught.value.value is values


def test_a_very_long_code_is_refused_quickly() -> None:
    with pytest.raises(InvalidInputError) as caught:
        country_code("D" * 10**6)
    assert caught.value.value == "D" * 10**6
