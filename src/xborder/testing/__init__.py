"""Test support for code that uses xborder.

:mod:`xborder.testing.strategies` holds Hypothesis strategies for every public
model. This package imports nothing, so ``import xborder.testing`` works
without Hypothesis installed; importing the strategies needs the ``testing``
extra (``pip install "xborder[testing]"``).
"""

__all__: list[str] = []
