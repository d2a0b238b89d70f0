from __future__ import annotations

import datetime as dt

import attrs
import pytest

from xborder.dated import Validity, check_in_force, select_in_force
from xborder.errors import InvalidInputError, InvalidTypeError, RuleNotApplicableError
from xborder.units import quantity

SOURCE = "https://example.org/rule"


@attrs.frozen
class _Threshold:
    amount: int
    validity: Validity


OLD = _Threshold(
    22, Validity(valid_from="2010-01-01", valid_to="2021-07-01", source=SOURCE)
)
NEW = _Threshold(0, Validity(valid_from="2021-07-01", valid_to=None, source=SOURCE))


def test_windows_are_half_open() -> None:
    assert OLD.validity.covers(dt.date(2021, 6, 30))
    assert not OLD.validity.covers(dt.date(2021, 7, 1))
    assert NEW.validity.covers(dt.date(2021, 7, 1))
    assert not NEW.validity.covers(dt.date(2021, 6, 30))


def test_select_picks_the_version_in_force() -> None:
    assert select_in_force([OLD, NEW], dt.date(2021, 6, 30)) is OLD
    assert select_in_force([OLD, NEW], dt.date(2026, 1, 1)) is NEW


def test_no_version_in_force_is_a_rule_error_listing_the_windows() -> None:
    with pytest.raises(RuleNotApplicableError) as caught:
        select_in_force([OLD], dt.date(2022, 1, 1))
    assert caught.value.field == "as_of"
    assert "2010-01-01 to 2021-07-01" in str(caught.value)


def test_overlapping_versions_are_refused() -> None:
    other = _Threshold(
        1, Validity(valid_from="2020-01-01", valid_to=None, source=SOURCE)
    )
    with pytest.raises(InvalidInputError, match="exactly one"):
        select_in_force([NEW, other], dt.date(2022, 1, 1))


def test_check_in_force_refuses_out_of_window_unless_asked() -> None:
    assert check_in_force(NEW, dt.date(2026, 1, 1)) is NEW
    with pytest.raises(RuleNotApplicableError, match="allow_out_of_window"):
        check_in_force(NEW, dt.date(2020, 1, 1))
    assert check_in_force(NEW, dt.date(2020, 1, 1), allow_out_of_window=True) is NEW


def test_bad_windows() -> None:
    with pytest.raises(InvalidInputError, match="valid_to"):
        Validity(valid_from="2021-07-01", valid_to="2021-07-01", source=SOURCE)
    with pytest.raises(InvalidInputError, match="source"):
        Validity(valid_from="2021-07-01", valid_to=None, source=" ")
    with pytest.raises(InvalidTypeError, match="note"):
        Validity(valid_from="2021-07-01", valid_to=None, source=SOURCE, note=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="valid_from"):
        Validity(valid_from="July 2021", valid_to=None, source=SOURCE)


def test_end_before_start_is_refused_by_name() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Validity(valid_from="2021-07-01", valid_to="2020-01-01", source=SOURCE)
    assert caught.value.field == "valid_to"
    assert caught.value.value == dt.date(2020, 1, 1)


@pytest.mark.parametrize(
    "as_of",
    [
        "garbage",
        "2026-13-01",
        None,
        20260101,
        dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC),
    ],
    ids=["garbage", "month 13", "None", "int", "datetime"],
)
def test_a_bad_as_of_is_named_wherever_it_is_given(as_of: object) -> None:
    for call in (
        lambda: NEW.validity.covers(as_of),  # type: ignore[arg-type]
        lambda: check_in_force(NEW, as_of),  # type: ignore[arg-type]
        lambda: select_in_force([OLD, NEW], as_of),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidInputError) as caught:
            call()
        assert caught.value.field == "as_of"
        assert caught.value.value == as_of


@pytest.mark.parametrize(
    ("items", "field"),
    [
        (None, "items"),
        (5, "items"),
        ("2021", "items"),
        ([NEW, 5], "items[1]"),
        ([OLD.validity], "items[0]"),
        (quantity(1, "day"), "items"),  # a scalar declares __iter__
        ({"a": NEW}, "items"),  # its keys would be taken
    ],
    ids=["None", "int", "str", "an int item", "a bare Validity", "pint", "dict"],
)
def test_versions_that_are_not_dated_items_are_named(items: object, field: str) -> None:
    # They raised a bare TypeError or AttributeError.
    with pytest.raises(InvalidTypeError) as caught:
        select_in_force(items, dt.date(2026, 1, 1))  # type: ignore[arg-type]
    assert caught.value.field == field


def test_check_in_force_names_an_item_without_a_validity() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        check_in_force(5, dt.date(2026, 1, 1))  # type: ignore[type-var]
    assert caught.value.field == "item"


class _NoTruth:
    """Like a NumPy array of several items: its truth value is an error."""

    def __bool__(self) -> bool:
        raise ValueError("ambiguous")


@pytest.mark.parametrize(
    "flag", [1, "yes", None, _NoTruth()], ids=["int", "str", "None", "array-like"]
)
def test_allow_out_of_window_must_be_true_or_false(flag: object) -> None:
    # An array raised a bare ValueError (its truth value is ambiguous).
    with pytest.raises(InvalidTypeError) as caught:
        check_in_force(NEW, dt.date(2026, 1, 1), allow_out_of_window=flag)  # type: ignore[arg-type]
    assert caught.value.field == "allow_out_of_window"
    assert caught.value.value is flag


def test_check_in_force_checks_the_item_even_when_the_window_is_waived() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        check_in_force(5, dt.date(2026, 1, 1), allow_out_of_window=True)  # type: ignore[type-var]
    assert caught.value.field == "item"
