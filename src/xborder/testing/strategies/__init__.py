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

from xborder.testing.strategies import _core, _inventory, _logistics
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
from xborder.testing.strategies._logistics import (
    comparison_weights,
    consignments,
    destinations,
    dim_rules,
    first_miles,
    fulfilment_fee_tables,
    fulfilments,
    parcels,
    pricings,
    rate_cards,
    restrictions,
    service_options,
    size_limits,
    size_tiers,
    surcharges,
    transit_times,
    whens,
    zone_rate_cards,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis import strategies as st

__all__ = [
    "COMMON_CURRENCY_CODES",
    "comparison_weights",
    "consignments",
    "continuous_review_policies",
    "currencies",
    "demands",
    "destinations",
    "dim_rules",
    "dimensions",
    "durations",
    "empirical_demands",
    "first_miles",
    "fulfilment_fee_tables",
    "fulfilments",
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
    "parcels",
    "periodic_review_policies",
    "poisson_demands",
    "price_breaks",
    "pricings",
    "quantities",
    "rate_cards",
    "register_models",
    "restrictions",
    "rounding_modes",
    "service_levels",
    "service_options",
    "service_targets",
    "size_limits",
    "size_tiers",
    "stock_positions",
    "surcharges",
    "transit_times",
    "volumes",
    "whens",
    "zone_rate_cards",
]


def _registered() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    """Every model's strategy, for ``st.from_type`` (see :func:`register_models`).

    Each area's module keeps its own ``REGISTERED`` table; add yours here.
    """
    return {**_core.REGISTERED, **_inventory.REGISTERED, **_logistics.REGISTERED}


def register_models() -> None:
    """Register every model's strategy with Hypothesis (idempotent).

    Runs automatically through Hypothesis's entry point; call it yourself
    only if you run Hypothesis with ``HYPOTHESIS_NO_PLUGINS`` set.
    """
    from hypothesis import strategies as st  # noqa: PLC0415

    for model, strategy in _registered().items():
        st.register_type_strategy(model, strategy())


register_models()
