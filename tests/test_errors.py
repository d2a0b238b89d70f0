from __future__ import annotations

import pickle

import pytest

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    RuleNotApplicableError,
    UnitError,
    UnknownCurrencyError,
    XborderError,
)


@pytest.mark.parametrize(
    ("error", "builtins"),
    [
        (InvalidInputError, (ValueError,)),
        (InvalidTypeError, (ValueError, TypeError)),
        (UnknownCurrencyError, (ValueError,)),
        (CurrencyMismatchError, (ValueError, TypeError)),
        (UnitError, (TypeError,)),
        (MissingFxRateError, (KeyError,)),
        (RuleNotApplicableError, (ValueError,)),
    ],
)
def test_every_error_is_an_xborder_error_and_the_builtin_callers_catch(
    error: type[XborderError], builtins: tuple[type[Exception], ...]
) -> None:
    instance = error(field="f", value=1, expected="2")
    assert isinstance(instance, XborderError)
    for builtin in builtins:
        assert isinstance(instance, builtin)


def test_message_names_field_value_and_expectation() -> None:
    error = InvalidInputError("see the guide", field="rate", value=-1, expected="> 0")
    assert str(error) == "rate: expected > 0, got -1; see the guide"
    assert (error.field, error.value, error.expected) == ("rate", -1, "> 0")


def test_key_error_subclass_is_not_quoted_like_a_key() -> None:
    error = MissingFxRateError(field="quote", value="EUR→XAF", expected="a rate")
    assert str(error) == "quote: expected a rate, got 'EUR→XAF'"


def test_message_without_structure_still_reads() -> None:
    assert str(XborderError("plain")) == "plain"
    assert str(XborderError(field="x", value=3)) == "x: invalid value 3"


def test_in_field_prefixes_an_inner_field() -> None:
    inner = InvalidInputError(field="amount", value="x", expected="a number")
    outer = inner.in_field("unit_price")
    assert outer.field == "unit_price.amount"
    assert isinstance(outer, InvalidInputError)
    assert InvalidInputError(value=1, expected="2").in_field("a").field == "a"


@pytest.mark.parametrize(
    "error",
    [
        InvalidInputError("detail", field="f", value=[1], expected="e"),
        MissingFxRateError(field="quote", value="A→B", expected="a rate"),
        CurrencyMismatchError(field="other", value="1 USD", expected="EUR"),
    ],
)
def test_errors_survive_pickling_for_process_pools(error: XborderError) -> None:
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert (copy.field, copy.value, copy.expected) == (
        error.field,
        error.value,
        error.expected,
    )


def test_a_huge_value_still_makes_a_message() -> None:
    # repr() of an int past 4300 digits raises ValueError: building the
    # message failed with it instead of reporting the bad input.
    huge = 10**5000
    error = InvalidInputError(field="units", value=huge, expected="a small int")
    assert "units: expected a small int, got <int too long to show>" in str(error)
    assert error.value is huge


def test_a_long_value_is_shortened_in_the_message_only() -> None:
    value = "x" * 10_000
    error = InvalidInputError(field="sku", value=value, expected="a short code")
    assert len(str(error)) < 1_100
    assert "..." in str(error)
    assert error.value == value
