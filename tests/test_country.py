from __future__ import annotations

import pytest

from xborder._country import country_code, country_code_set, optional_country_code_set
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.logistics import Destination


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
