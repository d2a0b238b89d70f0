"""Logistics options: parcels, chargeable weight, rate cards, quotes and comparison.

A seller ships a phone holder from Shenzhen by postal small packet,
commercial express, a dedicated line or from an overseas warehouse. This
package models the options themselves, as data:

* :class:`Parcel` and :class:`Consignment` (what is measured and weighed),
  :class:`DimRule` and :func:`chargeable_weight` (each carrier's divisor in
  its own units, its rounding, thresholds and minimums, with a trace);
* :class:`RateCard` (weight bands priced :class:`Flat`, :class:`PerWeight`
  or :class:`FirstAdditional`) and :class:`ZoneRateCard`;
  :class:`Surcharge` applied in a stated order; :class:`Restrictions`;
* :class:`ServiceOption` with a :class:`TransitTime` distribution, loss
  rate, tracking and duties-paid capability; overseas warehouses with
  :class:`Fulfilment` (a :class:`FirstMile` and a
  :class:`FulfilmentFeeTable` of size tiers: :func:`fulfilment_fee`);
* :func:`quote` (a cost breakdown) and :func:`compare` (expected total cost
  with carrying cost, expected loss and lateness; P50/P90 transit;
  reliability; the Pareto front with a dominator for every other option;
  an optional weighted score).

Examples:
    >>> from xborder.logistics import DimRule, Parcel, chargeable_weight
    >>> box = Parcel(dimensions="12 x 12 x 14 in", weight="2 lb")
    >>> ups = DimRule(divisor="139 in**3/lb", dimension_step="1 in", weight_step="1 lb")
    >>> str(chargeable_weight(box, ups).billable_in("lb"))
    '15 pound'
"""

from xborder._guard import guard_public
from xborder.logistics._cards import Band, BandEdge, CardPrice, Charging, RateCard
from xborder.logistics._common import Contents
from xborder.logistics._compare import compare
from xborder.logistics._dim import DimBasis, DimRule, Governs, SideRounding
from xborder.logistics._eligibility import Eligibility, check_eligibility
from xborder.logistics._fulfilment import (
    FulfilmentFee,
    FulfilmentFeeTable,
    SizeTier,
    TierMatch,
    fulfilment_fee,
    size_tier,
)
from xborder.logistics._limits import Restrictions, SizeLimits
from xborder.logistics._parcel import Consignment, Destination, Parcel, Shippable
from xborder.logistics._pareto import ParetoFront, pareto_front
from xborder.logistics._pricing import FirstAdditional, Flat, PerWeight, Pricing
from xborder.logistics._quote import LineKind, Quote, QuoteLine, first_mile_cost, quote
from xborder.logistics._results import (
    Assessment,
    Comparison,
    CostLine,
    Domination,
    Ineligible,
    Score,
    Weights,
)
from xborder.logistics._service import (
    FirstMile,
    Fulfilment,
    Mode,
    ServiceOption,
    Tracking,
)
from xborder.logistics._surcharges import Surcharge, SurchargeBasis, SurchargeKind, When
from xborder.logistics._transit import TransitTime
from xborder.logistics._weigh import ChargeableWeight, PieceWeight, chargeable_weight
from xborder.logistics._zones import AnyRateCard, ZoneRateCard

__all__ = [
    "AnyRateCard",
    "Assessment",
    "Band",
    "BandEdge",
    "CardPrice",
    "ChargeableWeight",
    "Charging",
    "Comparison",
    "Consignment",
    "Contents",
    "CostLine",
    "Destination",
    "DimBasis",
    "DimRule",
    "Domination",
    "Eligibility",
    "FirstAdditional",
    "FirstMile",
    "Flat",
    "Fulfilment",
    "FulfilmentFee",
    "FulfilmentFeeTable",
    "Governs",
    "Ineligible",
    "LineKind",
    "Mode",
    "Parcel",
    "ParetoFront",
    "PerWeight",
    "PieceWeight",
    "Pricing",
    "Quote",
    "QuoteLine",
    "RateCard",
    "Restrictions",
    "Score",
    "ServiceOption",
    "Shippable",
    "SideRounding",
    "SizeLimits",
    "SizeTier",
    "Surcharge",
    "SurchargeBasis",
    "SurchargeKind",
    "TierMatch",
    "Tracking",
    "TransitTime",
    "Weights",
    "When",
    "ZoneRateCard",
    "chargeable_weight",
    "check_eligibility",
    "compare",
    "first_mile_cost",
    "fulfilment_fee",
    "pareto_front",
    "quote",
    "size_tier",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
