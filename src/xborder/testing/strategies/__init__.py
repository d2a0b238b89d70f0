"""Hypothesis strategies for xborder's models, for your own property-based tests.

Requires the ``testing`` extra (``pip install "xborder[testing]"``). The
strategies follow Hypothesis's own API style: keyword-only options, options
that vary are *strategies* (pass ``st.just("EUR")`` for a fixed value), the
defaults cover every valid value (JPY with no decimals, KWD with three, zero,
huge amounts, odd units), and bad options raise ``InvalidArgument`` when the
strategy is drawn from.

They are also registered with Hypothesis through an entry point, so
``st.from_type(Money)`` and ``st.builds()`` of your own models that hold
xborder values work without importing this module.

>>> from hypothesis import given, strategies as st
>>> from xborder.money import Currency
>>> from xborder.testing import strategies as xst
>>> @given(xst.money_values(currency=st.just(Currency("JPY")), min_value=0))
... def test_never_negative(price):
...     assert not price.is_negative()
>>> test_never_negative()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xborder.testing.strategies import _core, _inventory
from xborder.testing.strategies._core import (
    COMMON_CURRENCY_CODES,
    currencies,
    dimensions,
    durations,
    fx_rates,
    fx_tables,
    lengths,
    masses,
    money_values,
    quantities,
    rounding_modes,
    volumes,
)
from xborder.testing.strategies._inventory import (
    continuous_review_policies,
    demands,
    empirical_demands,
    inbound_shipments,
    lead_time_legs,
    lead_times,
    newsvendor_costs,
    normal_demands,
    order_constraints,
    periodic_review_policies,
    poisson_demands,
    price_breaks,
    service_levels,
    service_targets,
    stock_positions,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis import strategies as st

__all__ = [
    "COMMON_CURRENCY_CODES",
    "continuous_review_policies",
    "currencies",
    "demands",
    "dimensions",
    "durations",
    "empirical_demands",
    "fx_rates",
    "fx_tables",
    "inbound_shipments",
    "lead_time_legs",
    "lead_times",
    "lengths",
    "masses",
    "money_values",
    "newsvendor_costs",
    "normal_demands",
    "order_constraints",
    "periodic_review_policies",
    "poisson_demands",
    "price_breaks",
    "quantities",
    "rounding_modes",
    "service_levels",
    "service_targets",
    "stock_positions",
    "volumes",
]


def _registered() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    """Every model's strategy, for the Hypothesis entry point (``_plugin``).

    Each area's module keeps its own ``REGISTERED`` table; add yours here.
    """
    return {**_core.REGISTERED, **_inventory.REGISTERED}
