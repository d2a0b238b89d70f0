from __future__ import annotations

import importlib
import pkgutil

import pytest

import xborder

PUBLIC_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(xborder.__path__, prefix="xborder.")
    if not any(part.startswith("_") for part in info.name.split("."))
)


def test_version_is_a_string() -> None:
    assert isinstance(xborder.__version__, str)


@pytest.mark.parametrize("name", ["xborder", *PUBLIC_MODULES])
def test_every_public_module_declares_an_all_of_real_names(name: str) -> None:
    # ruff's RUF022 keeps each __all__ sorted; this checks the names exist.
    module = importlib.import_module(name)
    exported = module.__all__
    assert len(set(exported)) == len(exported), name
    for attribute in exported:
        assert hasattr(module, attribute), f"{name}.{attribute}"


@pytest.mark.parametrize("name", ["xborder", *PUBLIC_MODULES])
def test_every_public_name_has_a_docstring(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__, name
    for attribute in module.__all__:
        value = getattr(module, attribute)
        ours = getattr(value, "__module__", "").startswith("xborder")
        if callable(value) and ours:
            assert value.__doc__, f"{name}.{attribute}"


def test_top_level_names_load_their_area_on_first_use() -> None:
    assert "Shipment" in dir(xborder)
    assert xborder.Shipment.__module__.startswith("xborder.landed_cost")
    with pytest.raises(AttributeError, match="no attribute 'Shipmnt'"):
        _ = xborder.Shipmnt  # type: ignore[attr-defined]
