r"""When and how much to reorder across borders: safety stock to restock plans.

A cross-border seller replenishes an overseas warehouse through a long,
variable route (factory → first mile → sea or air → customs → warehouse
receiving) and must avoid both stockouts, which cost ranking, and overstock,
which costs storage and ageing fees. This package gives the calculations,
with time units that cannot be mixed up and results that show their working.

**Models.** :class:`Demand` (mean and standard deviation per period, the
period a time quantity, optional seasonality), :class:`LeadTime` made of
:class:`LeadTimeLeg`\ s (means and variances add), :class:`ServiceTarget`
(cycle service level or fill rate), :class:`StockPosition` with
:class:`InboundShipment`\ s, :class:`OrderConstraints`, and season demand
distributions for the newsvendor (:class:`NormalDemand`,
:class:`PoissonDemand`, :class:`EmpiricalDemand`).

**Calculators.** :func:`safety_stock`, :func:`reorder_point`,
:func:`order_up_to_level`, :func:`evaluate_reorder_point`,
:func:`evaluate_order_up_to`, :func:`eoq`, :func:`eoq_all_units_discount`,
:func:`rq_policy`, :func:`ss_policy`, :func:`newsvendor`,
:func:`newsvendor_outcome`, :func:`days_of_cover`,
:func:`projected_stockout`, :func:`order_deadline`,
:func:`latest_order_date`, :func:`project_stock`,
:func:`restock_recommendation`, :func:`order_storage_cost` (what an
order costs in storage fees while it sells down) and :func:`eoq_with_storage`
(the order quantity once those fees are priced).

**Numbers.** Inputs and outputs are :class:`~decimal.Decimal`; floats are
refused. Means, variances and costs are exact. Square roots and the normal
distribution's values (z, Φ, φ, the loss function) are irrational: they are
computed in float (:class:`statistics.NormalDist`, :func:`math.erfc`) or by a
Decimal square root and returned rounded half-even to 12 significant digits,
so the same inputs give the same Decimals on every platform. A level or
quantity becomes whole units only where it becomes an order or a trigger,
always rounded up (``RoundingMode.CEILING``), in a field called ``units``.

**Time.** Every duration is a time quantity converted once to days, so a
weekly forecast with a lead time in days, or a holding cost per year, gives
the same answer as converting by hand first; standard deviations scale with
the square root of time. Nothing reads a clock: dates are arguments.

Examples:
    >>> from xborder.inventory import Demand, LeadTime, LeadTimeLeg, ServiceTarget
    >>> from xborder.inventory import reorder_point
    >>> route = LeadTime(legs=(
    ...     LeadTimeLeg(name="factory", mean="15 days", sd="3 days", kind="production"),
    ...     LeadTimeLeg(name="sea", mean="5 weeks", sd="1 week"),
    ...     LeadTimeLeg(name="receiving", mean="7 days", sd="3 days", kind="handling"),
    ... ))
    >>> rop = reorder_point(Demand(mean=140, sd=35, period="1 week"), route,
    ...                     ServiceTarget.cycle("0.95"))
    >>> rop.demand.mean, rop.demand.sd, rop.units
    (Decimal('1140'), Decimal('191.768089108'), 1456)
"""

from typing import TYPE_CHECKING

from xborder._guard import guard_public
from xborder.inventory import _container
from xborder.inventory._allocation import (
    Allocation,
    AllocationRule,
    NodeAllocation,
    StockNode,
    allocate_order,
    plan_transfers,
)
from xborder.inventory._container import (
    ContainerLimit,
    ContainerLine,
    ContainerLoad,
    ContainerPlan,
    ContainerSku,
    ContainerType,
)
from xborder.inventory._continuous import GammaDemand, LognormalDemand, UniformDemand
from xborder.inventory._costs import NewsvendorCosts
from xborder.inventory._cover import (
    Cover,
    StockoutForecast,
    days_of_cover,
    projected_stockout,
)
from xborder.inventory._custom import (
    complementary_loss,
    newsvendor_from_cdf,
    newsvendor_outcome_from_cdf,
    normal_complementary_loss,
)
from xborder.inventory._demand import Demand
from xborder.inventory._distributions import (
    EmpiricalDemand,
    NormalDemand,
    PoissonDemand,
)
from xborder.inventory._eoq import (
    DiscountCandidate,
    DiscountedOrderQuantity,
    EconomicOrderQuantity,
    OrderQuantityRule,
    PriceBreak,
    eoq,
    eoq_all_units_discount,
)
from xborder.inventory._evaluate import (
    ServiceEvaluation,
    evaluate_order_up_to,
    evaluate_reorder_point,
)
from xborder.inventory._exact_policies import (
    ExactRQPolicy,
    ExactSSPolicy,
    rq_policy_poisson,
    ss_cost,
    ss_policy_exact,
)
from xborder.inventory._lead_time import LeadTime, LeadTimeLeg, LegKind
from xborder.inventory._levels import (
    OrderUpToLevel,
    ReorderPoint,
    SafetyStock,
    order_up_to_level,
    reorder_point,
    safety_stock,
)
from xborder.inventory._lot_sizing import (
    PlannedBackorders,
    ProductionQuantity,
    eoq_cost,
    eoq_incremental_discount,
    eoq_with_backorders,
    epq,
)
from xborder.inventory._newsvendor import (
    Newsvendor,
    NewsvendorOutcome,
    newsvendor,
    newsvendor_outcome,
)
from xborder.inventory._numeric import SIGNIFICANT_DIGITS, UNIT_ROUNDING
from xborder.inventory._packing import plan_containers
from xborder.inventory._policies import RQPolicy, SSPolicy, rq_policy, ss_policy
from xborder.inventory._policy_cost import (
    DemandModel,
    PolicyCost,
    base_stock_cost,
    rq_cost,
)
from xborder.inventory._position import InboundShipment, StockPosition
from xborder.inventory._projection import (
    ContinuousReviewPolicy,
    PeriodicReviewPolicy,
    PlannedOrder,
    ProjectedDay,
    StockProjection,
    project_stock,
)
from xborder.inventory._protection import ProtectionDemand, lead_time_demand
from xborder.inventory._restock import (
    OrderConstraints,
    RestockConstraint,
    RestockRecommendation,
    RestockStep,
    restock_recommendation,
)
from xborder.inventory._schedule import (
    LegMilestone,
    OrderDeadline,
    latest_order_date,
    order_deadline,
)
from xborder.inventory._service import ServiceMeasure, ServiceTarget
from xborder.inventory._stats import ServiceOutcome, normal_loss, normal_second_loss
from xborder.inventory._storage import order_storage_cost
from xborder.inventory._storage_quantity import (
    MOST_CANDIDATES,
    StorageOrderQuantity,
    eoq_with_storage,
)

__all__ = [
    "CONTAINER_20GP",
    "CONTAINER_40GP",
    "CONTAINER_40HQ",
    "MOST_CANDIDATES",
    "SIGNIFICANT_DIGITS",
    "UNIT_ROUNDING",
    "Allocation",
    "AllocationRule",
    "ContainerLimit",
    "ContainerLine",
    "ContainerLoad",
    "ContainerPlan",
    "ContainerSku",
    "ContainerType",
    "ContinuousReviewPolicy",
    "Cover",
    "Demand",
    "DemandModel",
    "DiscountCandidate",
    "DiscountedOrderQuantity",
    "EconomicOrderQuantity",
    "EmpiricalDemand",
    "ExactRQPolicy",
    "ExactSSPolicy",
    "GammaDemand",
    "InboundShipment",
    "LeadTime",
    "LeadTimeLeg",
    "LegKind",
    "LegMilestone",
    "LognormalDemand",
    "Newsvendor",
    "NewsvendorCosts",
    "NewsvendorOutcome",
    "NodeAllocation",
    "NormalDemand",
    "OrderConstraints",
    "OrderDeadline",
    "OrderQuantityRule",
    "OrderUpToLevel",
    "PeriodicReviewPolicy",
    "PlannedBackorders",
    "PlannedOrder",
    "PoissonDemand",
    "PolicyCost",
    "PriceBreak",
    "ProductionQuantity",
    "ProjectedDay",
    "ProtectionDemand",
    "RQPolicy",
    "ReorderPoint",
    "RestockConstraint",
    "RestockRecommendation",
    "RestockStep",
    "SSPolicy",
    "SafetyStock",
    "ServiceEvaluation",
    "ServiceMeasure",
    "ServiceOutcome",
    "ServiceTarget",
    "StockNode",
    "StockPosition",
    "StockProjection",
    "StockoutForecast",
    "StorageOrderQuantity",
    "UniformDemand",
    "allocate_order",
    "base_stock_cost",
    "complementary_loss",
    "days_of_cover",
    "eoq",
    "eoq_all_units_discount",
    "eoq_cost",
    "eoq_incremental_discount",
    "eoq_with_backorders",
    "eoq_with_storage",
    "epq",
    "evaluate_order_up_to",
    "evaluate_reorder_point",
    "latest_order_date",
    "lead_time_demand",
    "newsvendor",
    "newsvendor_from_cdf",
    "newsvendor_outcome",
    "newsvendor_outcome_from_cdf",
    "normal_complementary_loss",
    "normal_loss",
    "normal_second_loss",
    "order_deadline",
    "order_storage_cost",
    "order_up_to_level",
    "plan_containers",
    "plan_transfers",
    "project_stock",
    "projected_stockout",
    "reorder_point",
    "restock_recommendation",
    "rq_cost",
    "rq_policy",
    "rq_policy_poisson",
    "safety_stock",
    "ss_cost",
    "ss_policy",
    "ss_policy_exact",
]


if TYPE_CHECKING:
    from xborder.inventory._container import (
        CONTAINER_20GP,
        CONTAINER_40GP,
        CONTAINER_40HQ,
    )
else:

    def __getattr__(name: str) -> object:
        # The container presets need pint; they are built on first use.
        if name.startswith("CONTAINER_"):
            value = getattr(_container, name)
            globals()[name] = value
            return value
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
