"""Landed cost: what a unit really costs once it has crossed the border.

Goods + freight + insurance + duty + import VAT/GST + government, broker and
carrier fees, computed per line with the destination's rules
(:class:`~xborder.customs.Regime`), allocated exactly back to each SKU, and
explained figure by figure.
"""

from xborder._guard import guard_public
from xborder.landed_cost._allocation import allocate_charge, allocation_weights
from xborder.landed_cost._compute import landed_cost
from xborder.landed_cost._models import (
    AllocationBasis,
    Charge,
    ChargeKind,
    Line,
    Shipment,
)
from xborder.landed_cost._result import (
    Component,
    Decision,
    Figure,
    LandedCost,
    LandedCostWarning,
    LineResult,
    Totals,
)
from xborder.landed_cost._reverse import Cliff, ReversePrice, price_for_landed_cost

__all__ = [
    "AllocationBasis",
    "Charge",
    "ChargeKind",
    "Cliff",
    "Component",
    "Decision",
    "Figure",
    "LandedCost",
    "LandedCostWarning",
    "Line",
    "LineResult",
    "ReversePrice",
    "Shipment",
    "Totals",
    "allocate_charge",
    "allocation_weights",
    "landed_cost",
    "price_for_landed_cost",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
