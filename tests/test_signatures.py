"""Runtime signatures show each field's real type (issue 18).

attrs types an ``__init__`` parameter with its converter's first parameter;
``named_errors`` wraps every converter, so the wrapper must carry the
converter's annotations or ``inspect.signature``, ``help()`` and Jupyter's
``?`` read ``Any`` for every field of every model.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import importlib
import inspect
import pkgutil
import typing
from decimal import Decimal

import attrs
import pytest

import xborder
from xborder._validate import named_errors
from xborder.customs import Party
from xborder.landed_cost import AllocationBasis, Charge, Line, Shipment
from xborder.money import Currency, Money


def public_models() -> list[type]:
    models: dict[str, type] = {}
    for info in pkgutil.walk_packages(xborder.__path__, "xborder."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name, None)
            if isinstance(value, type) and attrs.has(value):
                models[f"{value.__module__}.{value.__qualname__}"] = value
    return list(models.values())


def parameter(model: type, name: str) -> inspect.Parameter:
    return inspect.signature(model).parameters[name]


def test_money_shows_what_it_accepts() -> None:
    amount = parameter(Money, "amount").annotation
    currency = parameter(Money, "currency").annotation
    assert set(typing.get_args(amount)) >= {Decimal, int, str}
    assert set(typing.get_args(currency)) == {Currency, str}


def test_a_model_keeps_its_types_and_defaults() -> None:
    assert parameter(Charge, "name").annotation is str
    assert parameter(Charge, "amount").annotation is Money
    assert parameter(Charge, "basis").annotation is AllocationBasis
    assert parameter(Charge, "basis").default is AllocationBasis.VALUE
    assert parameter(Charge, "payer").annotation == Party | None
    assert parameter(Charge, "taxable").annotation == bool | None


def test_names_imported_for_type_checkers_still_resolve() -> None:
    # the converter writes Iterable[Line] with Iterable imported under TYPE_CHECKING
    lines = parameter(Shipment, "lines").annotation
    assert typing.get_origin(lines) is collections.abc.Iterable
    assert typing.get_args(lines) == (Line,)
    assert set(typing.get_args(parameter(Shipment, "import_date").annotation)) == {
        dt.date,
        str,
    }


@pytest.mark.parametrize("model", public_models(), ids=lambda m: m.__qualname__)
def test_no_converted_field_reads_any(model: type) -> None:
    signature = inspect.signature(model)
    for field in attrs.fields(model):
        if not field.init or field.converter is None:
            continue
        annotation = signature.parameters[field.alias].annotation
        assert annotation not in {typing.Any, "Any", inspect.Parameter.empty}, (
            field.name
        )


def test_the_wrapper_still_names_the_field() -> None:
    def positive(value: int) -> int:
        if value <= 0:
            raise xborder.errors.InvalidInputError(
                "not positive", field=None, value=value, expected="> 0"
            )
        return value

    @attrs.frozen(kw_only=True, field_transformer=named_errors)
    class Box:
        size: int = attrs.field(converter=positive)

    assert parameter(Box, "size").annotation is int
    with pytest.raises(xborder.errors.InvalidInputError) as caught:
        Box(size=0)
    assert caught.value.field == "size"
    assert caught.value.value == 0
