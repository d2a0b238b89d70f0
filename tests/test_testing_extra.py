"""Without Hypothesis, the strategies say which extra to install (issue 18)."""

from __future__ import annotations

import importlib
import sys

import pytest

import xborder
import xborder.testing


def test_the_strategies_name_the_extra_when_hypothesis_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # None in sys.modules makes `import hypothesis` fail as if it were absent
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, "xborder.testing.strategies", raising=False)
    monkeypatch.delattr(xborder.testing, "strategies", raising=False)
    with pytest.raises(ModuleNotFoundError) as caught:
        importlib.import_module("xborder.testing.strategies")
    assert 'pip install "xborder[testing]"' in str(caught.value)
    assert caught.value.name == "hypothesis"
    assert isinstance(caught.value, ImportError)


def test_the_package_itself_imports_without_hypothesis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.setattr(xborder, "testing", xborder.testing)  # restored after
    monkeypatch.delitem(sys.modules, "xborder.testing")
    assert importlib.import_module("xborder.testing").__all__ == []


def test_with_hypothesis_the_strategies_import() -> None:
    strategies = importlib.import_module("xborder.testing.strategies")
    assert callable(strategies.money_values)
