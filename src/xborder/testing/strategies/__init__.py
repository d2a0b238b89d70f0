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

Examples:
    >>> from hypothesis import given, strategies as st
    >>> from xborder.money import Currency
    >>> from xborder.testing import strategies as xst
    >>> @given(xst.money_values(currency=st.just(Currency("JPY")), min_value=0))
    ... def test_never_negative(price):
    ...     assert not price.is_negative()
    >>> test_never_negative()
"""

from __future__ import annotations

try:
    import hypothesis as _hypothesis  # noqa: F401 - only to say what is missing
except ModuleNotFoundError as missing:  # pragma: no cover - the extra is absent
    if missing.name != "hypothesis":
        raise
    message = (
        "xborder.testing.strategies needs Hypothesis, which the testing extra "
        'installs: pip install "xborder[testing]" (from a checkout of xborder: '
        'pip install -e ".[testing]")'
    )
    raise ModuleNotFoundError(message, name="hypothesis") from missing

from typing import TYPE_CHECKING, Any

from xborder.testing.strategies import (
    _core,
    _customs,
    _inventory,
    _inventory_results,
    _kpi,
    _kpi_customers,
    _landed_cost,
    _landed_cost_results,
    _logistics,
    _logistics_results,
    _pricing,
    _pricing_results,
    _reports,
)
from xborder.testing.strategies._core import (
    COMMON_CURRENCY_CODES,
    currencies,
    dimensions,
    durations,
    fx_legs,
    fx_paths,
    fx_rates,
    fx_tables,
    lengths,
    masses,
    money_values,
    quantities,
    rounding_modes,
    validities,
    volumes,
)
from xborder.testing.strategies._customs import (
    country_codes,
    duty_bases,
    duty_expressions,
    fees,
    hs_codes,
    point_of_sale_schemes,
    regimes,
    rounding_policies,
    tariff_measures,
    tariffs,
    tax_rules,
    thresholds,
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
from xborder.testing.strategies._inventory_results import (
    covers,
    discount_candidates,
    discounted_order_quantities,
    economic_order_quantities,
    leg_milestones,
    newsvendor_outcomes,
    newsvendors,
    order_deadlines,
    order_up_to_levels,
    planned_orders,
    projected_days,
    protection_demands,
    reorder_points,
    restock_recommendations,
    restock_steps,
    rq_policies,
    safety_stocks,
    service_evaluations,
    service_outcomes,
    ss_policies,
    stock_projections,
    stockout_forecasts,
)
from xborder.testing.strategies._kpi import (
    acos_gaps,
    ads_kpis,
    ads_stats,
    attribution_windows,
    bid_changes,
    bid_plans,
    bid_rules,
    bids,
    funnel_stats,
    harvest_plans,
    harvest_rules,
    health_statuses,
    health_thresholds,
    inventory_periods,
    money_ratios,
    negative_targets,
    ratios,
    report_groups,
    report_semantics,
    review_stats,
    search_term_rows,
    term_decisions,
    wilson_intervals,
)
from xborder.testing.strategies._kpi_customers import (
    cohort_values,
    cohorts,
    customer_summaries,
    ltv_tables,
    orders,
    paybacks,
    retention_tables,
    rfm_customers,
    rfm_scorings,
    rfm_tables,
    segment_rules,
    simple_ltvs,
)
from xborder.testing.strategies._landed_cost import (
    charges,
    landed_costs,
    lines,
    shipments,
)
from xborder.testing.strategies._landed_cost_results import (
    cliffs,
    decisions,
    duty_evaluations,
    figures,
    landed_cost_warnings,
    line_results,
    rates_used,
    reverse_prices,
    tariff_matches,
    totals,
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
from xborder.testing.strategies._logistics_results import (
    assessments,
    card_prices,
    chargeable_weights,
    comparisons,
    cost_lines,
    dominations,
    eligibilities,
    fulfilment_fees,
    ineligibles,
    pareto_fronts,
    piece_weights,
    quote_lines,
    quotes,
    scores,
    tier_matches,
)
from xborder.testing.strategies._pricing import (
    ad_spends,
    channels,
    fee_schedules,
    fixed_amounts,
    listings,
    markets,
    payment_fees,
    price_endings,
    rate_bands,
    referral_fees,
    returns_models,
    unit_costs,
    vats,
)
from xborder.testing.strategies._pricing_results import (
    channel_comparisons,
    gross_ups,
    localised_prices,
    price_solutions,
    taxed_prices,
    unit_economics_results,
    waterfall_lines,
)
from xborder.testing.strategies._reports import (
    header_matches,
    number_formats,
    number_rules,
    report_columns,
    report_specs,
    settlement_summaries,
    shopify_lines,
    shopify_orders,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis import strategies as st

__all__ = [
    "COMMON_CURRENCY_CODES",
    "acos_gaps",
    "ad_spends",
    "ads_kpis",
    "ads_stats",
    "assessments",
    "attribution_windows",
    "bid_changes",
    "bid_plans",
    "bid_rules",
    "bids",
    "card_prices",
    "channel_comparisons",
    "channels",
    "chargeable_weights",
    "charges",
    "cliffs",
    "cohort_values",
    "cohorts",
    "comparison_weights",
    "comparisons",
    "consignments",
    "continuous_review_policies",
    "cost_lines",
    "country_codes",
    "covers",
    "currencies",
    "customer_summaries",
    "decisions",
    "demands",
    "destinations",
    "dim_rules",
    "dimensions",
    "discount_candidates",
    "discounted_order_quantities",
    "dominations",
    "durations",
    "duty_bases",
    "duty_evaluations",
    "duty_expressions",
    "economic_order_quantities",
    "eligibilities",
    "empirical_demands",
    "fee_schedules",
    "fees",
    "figures",
    "first_miles",
    "fixed_amounts",
    "fulfilment_fee_tables",
    "fulfilment_fees",
    "fulfilments",
    "funnel_stats",
    "fx_legs",
    "fx_paths",
    "fx_rates",
    "fx_tables",
    "gross_ups",
    "harvest_plans",
    "harvest_rules",
    "header_matches",
    "health_statuses",
    "health_thresholds",
    "hs_codes",
    "inbound_shipments",
    "ineligibles",
    "inventory_periods",
    "landed_cost_warnings",
    "landed_costs",
    "lead_time_legs",
    "lead_times",
    "leg_milestones",
    "lengths",
    "line_results",
    "lines",
    "listings",
    "localised_prices",
    "ltv_tables",
    "markets",
    "masses",
    "money_ratios",
    "money_values",
    "negative_targets",
    "newsvendor_costs",
    "newsvendor_outcomes",
    "newsvendors",
    "normal_demands",
    "number_formats",
    "number_rules",
    "order_constraints",
    "order_deadlines",
    "order_up_to_levels",
    "orders",
    "parcels",
    "pareto_fronts",
    "paybacks",
    "payment_fees",
    "periodic_review_policies",
    "piece_weights",
    "planned_orders",
    "point_of_sale_schemes",
    "poisson_demands",
    "price_breaks",
    "price_endings",
    "price_solutions",
    "pricings",
    "projected_days",
    "protection_demands",
    "quantities",
    "quote_lines",
    "quotes",
    "rate_bands",
    "rate_cards",
    "rates_used",
    "ratios",
    "referral_fees",
    "regimes",
    "register_models",
    "reorder_points",
    "report_columns",
    "report_groups",
    "report_semantics",
    "report_specs",
    "restock_recommendations",
    "restock_steps",
    "restrictions",
    "retention_tables",
    "returns_models",
    "reverse_prices",
    "review_stats",
    "rfm_customers",
    "rfm_scorings",
    "rfm_tables",
    "rounding_modes",
    "rounding_policies",
    "rq_policies",
    "safety_stocks",
    "scores",
    "search_term_rows",
    "segment_rules",
    "service_evaluations",
    "service_levels",
    "service_options",
    "service_outcomes",
    "service_targets",
    "settlement_summaries",
    "shipments",
    "shopify_lines",
    "shopify_orders",
    "simple_ltvs",
    "size_limits",
    "size_tiers",
    "ss_policies",
    "stock_positions",
    "stock_projections",
    "stockout_forecasts",
    "surcharges",
    "tariff_matches",
    "tariff_measures",
    "tariffs",
    "tax_rules",
    "taxed_prices",
    "term_decisions",
    "thresholds",
    "tier_matches",
    "totals",
    "transit_times",
    "unit_costs",
    "unit_economics_results",
    "validities",
    "vats",
    "volumes",
    "waterfall_lines",
    "whens",
    "wilson_intervals",
    "zone_rate_cards",
]


def _registered() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    """Every model's strategy, for ``st.from_type`` (see :func:`register_models`).

    Each area's module keeps its own ``REGISTERED`` table; add yours here.
    """
    return {
        **_core.REGISTERED,
        **_customs.REGISTERED,
        **_landed_cost.REGISTERED,
        **_landed_cost_results.REGISTERED,
        **_inventory.REGISTERED,
        **_inventory_results.REGISTERED,
        **_kpi.REGISTERED,
        **_kpi_customers.REGISTERED,
        **_logistics.REGISTERED,
        **_logistics_results.REGISTERED,
        **_pricing.REGISTERED,
        **_pricing_results.REGISTERED,
        **_reports.REGISTERED,
    }


def register_models() -> None:
    """Register every model's strategy with Hypothesis (idempotent).

    Runs automatically through Hypothesis's entry point; call it yourself
    only if you run Hypothesis with ``HYPOTHESIS_NO_PLUGINS`` set.
    """
    from hypothesis import strategies as st  # noqa: PLC0415

    for model, strategy in _registered().items():
        st.register_type_strategy(model, strategy())


register_models()
