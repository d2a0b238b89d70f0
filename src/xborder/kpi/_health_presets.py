"""Amazon.com account-health targets, dated and sourced (private; see xborder.kpi).

Each threshold's ``validity`` starts on the date of the earliest dated copy
of the rule found during research, with the source; targets the research
could not anchor (on-time delivery rate) are left out.
"""

from __future__ import annotations

from xborder.dated import Validity
from xborder.kpi._health import Comparison, HealthMetric, HealthThreshold

__all__ = ["AMAZON_US_ACCOUNT_HEALTH"]

_HELP_COPY = (
    "Amazon Seller Central help 'Monitor your account health', US text as copied "
    "at https://www.ecommanagers.com/what-is-amazon-account-health/ and "
    "https://theecommerceinindia.blogspot.com/2020/03"
)
_LSR_COPY = (
    "Amazon Seller Central help 'Late shipment rate' (sellercentral.amazon.com.au "
    "help 200285190; US text copied at https://hopted.com/integrations/amazon-sp-api/"
    "amazon-help-articles/seller-performance/late-shipment-rate)"
)
_VTR_COPY = (
    "Amazon performance notice 'Your Valid Tracking Rate is Below 95%', "
    "2019-11-15, quoted at https://sellercentral.amazon.com/forums/t/"
    "account-health-tracking-metrics-na/546200"
)
_SINCE_NOTE = (
    "valid_from is the date of the earliest dated copy found, not the day Amazon "
    "introduced the target; check Seller Central for later changes"
)


def _amazon_us(
    *,
    metric: HealthMetric,
    comparison: Comparison,
    limit: str,
    window: int,
    scope: str,
    source: str,
    since: str,
    note: str = _SINCE_NOTE,
) -> HealthThreshold:
    return HealthThreshold(
        marketplace="amazon.com",
        metric=metric,
        comparison=comparison,
        limit=limit,
        window_days=window,
        scope=scope,
        enforced=True,
        validity=Validity(valid_from=since, valid_to=None, source=source, note=note),
    )


_SELLER = "seller-fulfilled orders"

AMAZON_US_ACCOUNT_HEALTH: tuple[HealthThreshold, ...] = (
    _amazon_us(
        metric=HealthMetric.ORDER_DEFECT_RATE,
        comparison=Comparison.BELOW,
        limit="0.01",
        window=60,
        scope="all orders",
        source=_HELP_COPY,
        since="2020-03-01",
    ),
    _amazon_us(
        metric=HealthMetric.CANCELLATION_RATE,
        comparison=Comparison.BELOW,
        limit="0.025",
        window=7,
        scope=_SELLER,
        source=_HELP_COPY,
        since="2020-03-01",
    ),
    _amazon_us(
        metric=HealthMetric.LATE_SHIPMENT_RATE,
        comparison=Comparison.BELOW,
        limit="0.04",
        window=10,
        scope=_SELLER,
        source=_LSR_COPY,
        since="2020-03-01",
    ),
    _amazon_us(
        metric=HealthMetric.LATE_SHIPMENT_RATE,
        comparison=Comparison.BELOW,
        limit="0.04",
        window=30,
        scope=_SELLER,
        source=_LSR_COPY,
        since="2020-03-01",
    ),
    _amazon_us(
        metric=HealthMetric.VALID_TRACKING_RATE,
        comparison=Comparison.AT_LEAST,
        limit="0.95",
        window=30,
        scope="seller-fulfilled shipments, in select categories",
        source=_VTR_COPY,
        since="2019-11-15",
        note=(
            "the notice applies it in select categories and may restrict "
            "seller-fulfilled selling there; the 30-day window is from Amazon's "
            "EU help page 201817070; verify on Seller Central"
        ),
    ),
)
"""Amazon.com account-health targets with their sources (every one enforced).

Left out: on-time delivery rate (no anchored threshold) and the EU pages'
variants (late *dispatch* rate; valid tracking there is a target without
suspension). Build a :class:`HealthThreshold` for those.
"""
