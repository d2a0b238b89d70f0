"""Case A computed: every figure Tutorial A and the report show (private)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal

import attrs

from xborder._validate import decimal, named_errors
from xborder.customs import presets as customs_presets
from xborder.errors import InvalidTypeError, RuleNotApplicableError
from xborder.examples._fields import is_a
from xborder.examples.case_a import _data as data
from xborder.inventory import (
    CONTAINER_20GP,
    Allocation,
    ContainerPlan,
    ContinuousReviewPolicy,
    ReorderPoint,
    RestockRecommendation,
    StockProjection,
    StorageOrderQuantity,
    allocate_order,
    eoq_with_storage,
    plan_containers,
    project_stock,
    reorder_point,
    restock_recommendation,
)
from xborder.kpi import (
    AMAZON_US_ACCOUNT_HEALTH,
    AdsStats,
    BidPlan,
    BidRules,
    HarvestPlan,
    HarvestRules,
    HealthMetric,
    HealthStatus,
    Ratio,
    ReportSemantics,
    bid_changes,
    check_health,
    harvest,
    summarize,
    tacos,
)
from xborder.landed_cost import LandedCost, LineResult, landed_cost
from xborder.logistics import Comparison, FulfilmentFee, compare, fulfilment_fee
from xborder.money import Money, RoundingMode
from xborder.pricing import (
    FeeSchedule,
    Listing,
    Market,
    SolvedLocalisedPrice,
    UnitCosts,
    break_even_acos,
    max_cpc,
    price_for_margin,
)
from xborder.pricing import presets as fee_presets
from xborder.pricing.storage import presets as storage_presets

__all__ = [
    "KEEP_AFTER_ADS",
    "MARKETPLACES",
    "PROMISED_DAYS",
    "CaseA",
    "fee_schedule",
    "landed_costs",
    "listing",
    "market",
    "run",
    "unit_cost",
]

MARKETPLACES = {"US": "Amazon.com", "GB": "Amazon.co.uk", "DE": "Amazon.de"}
_CURRENCIES = {"US": "USD", "GB": "GBP", "DE": "EUR"}

PROMISED_DAYS = 14
"""The delivery the listing promises a US buyer."""


def landed_costs() -> dict[str, LandedCost]:
    """The month's stock shipment landed in each market, by country code."""
    results = {}
    for country in data.MARKETS:
        regime = customs_presets.regime(country, as_of=data.DAY)
        regime = regime.with_tariff(data.TARIFFS[country])
        results[country] = landed_cost(
            data.shipment(country), regime, fx=data.FX, as_of=data.DAY
        )
    return results


def unit_cost(line: LineResult) -> Money:
    """A unit's landed cost without import VAT, which the seller recovers.

    A VAT-registered importer deducts import VAT from the VAT it owes on its
    sales, so for pricing the VAT is not a cost; duty, freight and fees are.
    This is the line's :attr:`~xborder.landed_cost.LineResult.landed_cost_net`
    per unit, rounded half-up whatever the regime's mode.
    """
    _check(line, LineResult, "line")
    return (line.landed_cost_net / line.quantity).quantize(RoundingMode.HALF_UP)


def fee_schedule(country: str, fulfilment: FulfilmentFee) -> FeeSchedule:
    """The marketplace's fees in ``country``, with the holder's fulfilment fee."""
    data.check_country(country)
    _check(fulfilment, FulfilmentFee, "fulfilment")
    if country == "US":
        base = fee_presets.in_force(
            fee_presets.AMAZON_US_ELECTRONICS_ACCESSORIES, data.DAY
        )
        return base.with_unit_fees(fulfilment=fulfilment.total)
    if country == "DE":
        base = fee_presets.in_force(
            fee_presets.AMAZON_DE_ELECTRONICS_ACCESSORIES, data.DAY
        )
    else:
        base = data.AMAZON_UK_ELECTRONICS_ACCESSORIES
    return base.with_unit_fees(fulfilment=data.FULFILMENT_FEES[country])


def listing(country: str, landed: LandedCost, fulfilment: FulfilmentFee) -> Listing:
    """What one unit sold in ``country`` costs, besides its price."""
    data.check_country(country)
    _check(landed, LandedCost, "landed")
    _check(fulfilment, FulfilmentFee, "fulfilment")
    return Listing(
        fees=fee_schedule(country, fulfilment),
        costs=UnitCosts(landed=unit_cost(landed.lines[0])),
        vat=data.VAT[country],
        returns=data.RETURNS[country],
        ads=data.ads(country),
    )


def market(country: str, listing: Listing) -> Market:
    """The marketplace in ``country`` as a market to price for."""
    data.check_country(country)
    _check(listing, Listing, "listing")
    return Market(
        name=MARKETPLACES[country],
        currency=_CURRENCIES[country],
        ending=data.PRICE_ENDING,
        vat=data.VAT[country],
        listing=listing,
        target_margin=data.TARGET_MARGIN,
    )


def _check(value: object, kind: type, field: str) -> None:
    if not isinstance(value, kind):
        raise InvalidTypeError(field=field, value=value, expected=kind.__name__)


def _by_text(values: Mapping[str, object], kind: type) -> dict[str, object]:
    # A mapping of text keys (countries, routes) to ``kind``, copied.
    if not isinstance(values, Mapping):
        raise InvalidTypeError(
            field=None, value=values, expected=f"a dict of str to {kind.__name__}"
        )
    for key, value in values.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidTypeError(field=None, value=key, expected="keys of text")
        _check(value, kind, f"[{key!r}]")
    return dict(values)


def _landed(values: Mapping[str, LandedCost]) -> dict[str, LandedCost]:
    return _by_text(values, LandedCost)  # type: ignore[return-value]


def _unit_costs(values: Mapping[str, Money]) -> dict[str, Money]:
    return _by_text(values, Money)  # type: ignore[return-value]


def _prices(
    values: Mapping[str, SolvedLocalisedPrice],
) -> dict[str, SolvedLocalisedPrice]:
    return _by_text(values, SolvedLocalisedPrice)  # type: ignore[return-value]


def _reorder_points(values: Mapping[str, ReorderPoint]) -> dict[str, ReorderPoint]:
    return _by_text(values, ReorderPoint)  # type: ignore[return-value]


def _money(value: Money) -> Money:
    if not isinstance(value, Money):
        raise InvalidTypeError(field=None, value=value, expected="Money")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CaseA:
    """Every figure of Case A, computed from :mod:`xborder.examples.case_a`'s data."""

    landed: dict[str, LandedCost] = attrs.field(converter=_landed)
    unit_costs: dict[str, Money] = attrs.field(converter=_unit_costs)
    fulfilment: FulfilmentFee = attrs.field(validator=is_a(FulfilmentFee))
    logistics: Comparison = attrs.field(validator=is_a(Comparison))
    prices: dict[str, SolvedLocalisedPrice] = attrs.field(converter=_prices)
    break_even_acos: Decimal = attrs.field(converter=decimal)
    target_acos: Decimal = attrs.field(converter=decimal)
    max_cpc: Money = attrs.field(converter=_money)
    ads: AdsStats = attrs.field(validator=is_a(AdsStats))
    harvest: HarvestPlan = attrs.field(validator=is_a(HarvestPlan))
    bids: BidPlan = attrs.field(validator=is_a(BidPlan))
    reorder_points: dict[str, ReorderPoint] = attrs.field(converter=_reorder_points)
    restock: RestockRecommendation = attrs.field(validator=is_a(RestockRecommendation))
    allocation: Allocation = attrs.field(validator=is_a(Allocation))
    container: ContainerPlan = attrs.field(validator=is_a(ContainerPlan))
    projection: StockProjection = attrs.field(validator=is_a(StockProjection))
    storage_order: StorageOrderQuantity = attrs.field(
        validator=is_a(StorageOrderQuantity)
    )
    tacos: Ratio = attrs.field(validator=is_a(Ratio))
    order_defects: HealthStatus = attrs.field(validator=is_a(HealthStatus))


@functools.cache
def run() -> CaseA:
    """Compute Case A (once: the data are fixed, so the result is too)."""
    landed = landed_costs()
    fulfilment = fulfilment_fee(data.HOLDER, data.FBA_TIERS)
    prices = {
        country: price_for_margin(
            market(country, listing(country, landed[country], fulfilment)),
            data.TARGET_MARGIN,
        )
        for country in data.MARKETS
    }
    ads = _ads(prices["US"])
    unit_costs = {c: unit_cost(landed[c].lines[0]) for c in data.MARKETS}
    restock = restock_recommendation(
        data.STOCK,
        data.DEMAND,
        data.SEA_ROUTE,
        data.SERVICE,
        as_of=data.DAY,
        review_period="1 week",
        constraints=data.CONSTRAINTS,
    )
    allocation = allocate_order(
        data.PURCHASE_ORDER,
        data.MARKET_STOCK,
        case_pack=data.UNITS_PER_CARTON,
        as_of=data.DAY,
    )
    return CaseA(
        landed=landed,
        unit_costs=unit_costs,
        fulfilment=fulfilment,
        logistics=_logistics(),
        prices=prices,
        break_even_acos=ads.break_even,
        target_acos=ads.target,
        max_cpc=ads.max_cpc,
        ads=ads.stats,
        harvest=ads.harvest,
        bids=ads.bids,
        reorder_points={
            "sea": reorder_point(data.DEMAND, data.SEA_ROUTE, data.SERVICE),
            "air": reorder_point(data.DEMAND, data.AIR_ROUTE, data.SERVICE),
        },
        restock=restock,
        allocation=allocation,
        container=plan_containers(
            data.container_skus(allocation.units_for("US")),
            container=CONTAINER_20GP,
            freight=data.SEA_FREIGHT,
        ),
        projection=_projection(),
        storage_order=_storage_order(restock, unit_costs["US"]),
        tacos=tacos(ad_spend=ads.stats.spend, total_sales=data.FUNNEL.revenue),
        order_defects=_order_defects(),
    )


def _storage_order(
    restock: RestockRecommendation, landed: Money
) -> StorageOrderQuantity:
    """The sea order's size once FBA storage is priced, in cartons, within limits."""
    constraints = data.CONSTRAINTS
    return eoq_with_storage(
        data.DEMAND,
        storage_presets.AMAZON_US_STORAGE_STANDARD,
        arrival=restock.arrival,
        volume=data.HOLDER.dimensions.volume,
        order_cost=data.ORDER_COST,
        holding_cost=landed * data.CARRYING_RATE,
        holding_period="1 year",
        on_arrival=restock.expected_on_arrival,
        minimum=constraints.minimum_order,
        step=constraints.case_pack,
        most=constraints.max_units_stored,
    )


def _logistics() -> Comparison:
    return compare(
        data.HOLDER,
        data.OPTIONS,
        destination="US",
        fx=data.FX,
        value_of_goods=data.UNIT_COST,
        cost_of_capital="0.15",
        promised_days=PROMISED_DAYS,
        cost_per_late_delivery=Money("1.00", "USD"),
        cost_per_day_late=Money("0.30", "USD"),
        cost_per_loss=Money("6.00", "USD"),
    )


@attrs.frozen(kw_only=True)
class _Ads:
    break_even: Decimal
    target: Decimal
    max_cpc: Money
    stats: AdsStats
    harvest: HarvestPlan
    bids: BidPlan


KEEP_AFTER_ADS = Decimal("0.10")
"""Of each ad-driven sale the seller keeps 10%: target ACOS = break-even − 10%,
rounded down to a hundredth of a percent (a target is a round number)."""

_ACOS_STEP = Decimal("0.0001")


def _ads(us: SolvedLocalisedPrice) -> _Ads:
    break_even = break_even_acos(us.economics)
    if break_even is None:
        raise RuleNotApplicableError(
            field="price",
            value=us.price,
            expected="a US price with a margin before ads",
        )
    target = (break_even - KEEP_AFTER_ADS).quantize(_ACOS_STEP, RoundingMode.DOWN)
    report = ReportSemantics(currency="USD", attribution=data.ATTRIBUTION)
    stats = summarize(data.SEARCH_TERMS, report=report)
    click_value = max_cpc(
        us.price, conversion_rate=stats.cvr.value_or(Decimal(0)), acos=target
    )
    plan = harvest(
        data.SEARCH_TERMS, report=report, rules=HarvestRules(target_acos=target)
    )
    rules = BidRules(
        target_acos=target, min_bid=Money("0.15", "USD"), max_bid=click_value
    )
    bids = bid_changes(data.SEARCH_TERMS, report=report, bids=data.BIDS, rules=rules)
    return _Ads(
        break_even=break_even,
        target=target,
        max_cpc=click_value,
        stats=stats,
        harvest=plan,
        bids=bids,
    )


def _projection() -> StockProjection:
    sea = reorder_point(data.DEMAND, data.SEA_ROUTE, data.SERVICE)
    return project_stock(
        data.STOCK,
        data.DEMAND,
        as_of=data.DAY,
        days=180,
        policy=ContinuousReviewPolicy(
            reorder_point=sea.units, order_quantity=data.ORDER_QUANTITY
        ),
        lead_time=data.SEA_ROUTE,
    )


def _order_defects() -> HealthStatus:
    threshold = next(
        t
        for t in AMAZON_US_ACCOUNT_HEALTH
        if t.metric is HealthMetric.ORDER_DEFECT_RATE
    )
    return check_health(
        threshold,
        orders=data.ACCOUNT_ORDERS_60_DAYS,
        defects=data.DEFECTS_60_DAYS,
        as_of=data.DAY,
    )
