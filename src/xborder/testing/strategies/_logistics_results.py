"""Strategies for the logistics results (private; see xborder.testing.strategies).

Results are drawn by computing them from drawn inputs, so every drawn
weight, price, quote, fee, eligibility or comparison is one xborder itself
produced. Where a computation may refuse an input (a weight above the last
band, a destination outside the zone chart, a unit that fits no size tier),
the inputs are restricted instead: each drawn card gets a last band wide
enough for any drawn shipment, each fee table a last tier with no limits,
and quoted services accept every content and destination.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from xborder.logistics import (
    Assessment,
    Band,
    CardPrice,
    ChargeableWeight,
    Comparison,
    Contents,
    CostLine,
    Destination,
    Domination,
    Eligibility,
    FirstMile,
    Fulfilment,
    FulfilmentFee,
    FulfilmentFeeTable,
    Ineligible,
    Mode,
    ParetoFront,
    PieceWeight,
    Quote,
    QuoteLine,
    RateCard,
    Restrictions,
    Score,
    ServiceOption,
    SizeLimits,
    SizeTier,
    Surcharge,
    SurchargeBasis,
    SurchargeKind,
    TierMatch,
    Tracking,
    ZoneRateCard,
    chargeable_weight,
    check_eligibility,
    compare,
    fulfilment_fee,
    pareto_front,
    quote,
    size_tier,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.testing.strategies._core import currencies
from xborder.testing.strategies._logistics import (
    comparison_weights,
    service_options,
    size_tiers,
    surcharge_in,
    transit_times,
)
from xborder.testing.strategies._logistics_models import (
    COUNTRIES,
    card_in,
    consignments,
    destinations,
    dim_rules,
    fraction,
    money_in,
    optional,
    parcels,
    zones_in,
)
from xborder.testing.strategies._logistics_models import (
    _pricing_in as pricing_in,
)
from xborder.units import KILOGRAM, quantity

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.logistics import Pricing, Shippable

__all__ = [
    "assessments",
    "card_prices",
    "chargeable_weights",
    "comparisons",
    "cost_lines",
    "dominations",
    "eligibilities",
    "fulfilment_fees",
    "ineligibles",
    "pareto_fronts",
    "piece_weights",
    "quote_lines",
    "quotes",
    "scores",
    "tier_matches",
]

# Heavier than any drawn shipment's billable weight (five 381 cm cubes a
# parcel, three parcels, under the smallest divisor), so a covered card
# prices every drawn shipment.
_COVER_KG = Decimal(10) ** 7
_ACCEPTS_ALL = Restrictions(accepts=frozenset(Contents))


def _shipments() -> st.SearchStrategy[Shippable]:
    return st.one_of(parcels(), consignments(max_size=3))


def _covered(card: RateCard, last: Pricing) -> RateCard:
    """``card`` with a last band, priced ``last``, up to :data:`_COVER_KG`."""
    band = Band(up_to=quantity(_COVER_KG, KILOGRAM), price=last)
    return RateCard(
        bands=(*card.bands, band),
        edge=card.edge,
        charging=card.charging,
        minimum_charge=card.minimum_charge,
        name=card.name,
        source=card.source,
    )


def _covered_cards(currency: Currency) -> st.SearchStrategy[RateCard]:
    return st.builds(
        _covered, card_in(currency, 4, monotone=False), pricing_in(currency)
    )


def _covered_zones(currency: Currency) -> st.SearchStrategy[ZoneRateCard]:
    def cover(chart: ZoneRateCard) -> st.SearchStrategy[ZoneRateCard]:
        zones = [zone for zone, _card in chart.cards]
        return st.lists(
            pricing_in(currency), min_size=len(zones), max_size=len(zones)
        ).map(
            lambda lasts: ZoneRateCard(
                zones=chart.zones,
                cards={
                    zone: _covered(card, last)
                    for (zone, card), last in zip(chart.cards, lasts, strict=True)
                },
            )
        )

    return zones_in(currency).flatmap(cover)


def _names() -> st.SearchStrategy[str]:
    return st.text(
        st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=8
    )


def _carrier(
    currency: Currency, country: str, modes: st.SearchStrategy[Mode]
) -> st.SearchStrategy[ServiceOption]:
    """Services that price any drawn shipment to ``country`` (never refuse it)."""
    zoned = _covered_zones(currency).map(lambda chart: _reaching(chart, country))
    return st.builds(
        lambda fields: ServiceOption(restrictions=_ACCEPTS_ALL, **fields),
        st.fixed_dictionaries(
            {
                "name": _names(),
                "mode": modes,
                "rate_card": st.one_of(_covered_cards(currency), zoned),
                "dim_rule": optional(dim_rules()),
                "surcharges": st.lists(surcharge_in(currency), max_size=3).map(tuple),
                "transit": transit_times(max_days=60),
                "loss_rate": fraction(),
                "tracking": st.sampled_from(Tracking),
                "on_time_rate": optional(fraction()),
                "duties_paid": st.booleans(),
            }
        ),
    )


def _reaching(chart: ZoneRateCard, country: str) -> ZoneRateCard:
    """``chart`` with ``country`` in a zone (its first zone, if it had none)."""
    zones = dict(chart.zones)
    zones.setdefault(country, chart.cards[0][0])
    return ZoneRateCard(zones=zones, cards=chart.cards)


_FREIGHT = st.sampled_from([m for m in Mode if m is not Mode.OVERSEAS_WAREHOUSE])


def _covered_tables(currency: Currency) -> st.SearchStrategy[FulfilmentFeeTable]:
    """Fee tables whose every fee card is covered, ending in a tier with no limits."""
    tier = size_tiers(currency=st.just(currency))

    def cover(tier: SizeTier, last: Pricing) -> SizeTier:
        return attrs.evolve(tier, fee=_covered(tier.fee, last))

    covered = st.builds(cover, tier, pricing_in(currency))
    catch_all = covered.map(
        lambda t: attrs.evolve(t, name="Oversize", limits=SizeLimits())
    )
    return st.builds(
        lambda tiers, last: FulfilmentFeeTable(name="fees", tiers=(*tiers, last)),
        st.lists(covered, max_size=2),
        catch_all,
    )


def _warehouse(currency: Currency) -> st.SearchStrategy[ServiceOption]:
    """Overseas warehouses whose fees, first mile and card price any drawn order."""
    freight = st.sampled_from((Mode.AIR_FREIGHT, Mode.SEA_FREIGHT, Mode.RAIL_FREIGHT))
    first_mile = st.sampled_from(COUNTRIES).flatmap(
        lambda country: st.builds(
            lambda service, carton, units: FirstMile(
                service=service,
                carton=carton,
                units_per_carton=units,
                destination=country,
            ),
            _carrier(currency, country, freight),
            parcels(),
            st.integers(1, 500),
        )
    )
    fulfilment = st.builds(
        lambda fees, order, first, storage, days: Fulfilment(
            fees=fees,
            order_fee=order,
            first_mile=first,
            storage_per_unit_month=storage,
            days_in_stock=quantity(days, "day"),
        ),
        _covered_tables(currency),
        optional(money_in(currency, "0", "10")),
        optional(first_mile),
        optional(money_in(currency, "0", "2")),
        st.integers(0, 180),
    )
    return st.builds(
        lambda fields: ServiceOption(
            mode=Mode.OVERSEAS_WAREHOUSE, restrictions=_ACCEPTS_ALL, **fields
        ),
        st.fixed_dictionaries(
            {
                "name": _names(),
                "fulfilment": fulfilment,
                "transit": transit_times(max_days=10),
                "loss_rate": fraction(),
                "tracking": st.sampled_from(Tracking),
                "duties_paid": st.booleans(),
            }
        ),
    )


def _quotable(currency: Currency, country: str) -> st.SearchStrategy[ServiceOption]:
    """Carriers (mostly) and warehouses that price any drawn shipment to ``country``."""
    return st.one_of(_carrier(currency, country, _FREIGHT), _warehouse(currency))


_ALWAYS = st.just(True)  # noqa: FBT003 - a strategy of one value
_AS_OF = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))


def chargeable_weights() -> st.SearchStrategy[ChargeableWeight]:
    """Chargeable weights of drawn parcels and consignments under drawn DIM rules."""
    return st.builds(chargeable_weight, _shipments(), optional(dim_rules()))


def piece_weights() -> st.SearchStrategy[PieceWeight]:
    """Boxes of drawn chargeable weights."""
    return chargeable_weights().flatmap(lambda w: st.sampled_from(w.pieces))


def card_prices(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[CardPrice]:
    """Drawn cards' prices for drawn weights (up to 200 kg; no card refuses them)."""
    source = currencies() if currency is None else currency
    weight = st.decimals(
        min_value=Decimal("0.001"), max_value=200, places=3, allow_nan=False
    )
    return source.flatmap(
        lambda c: st.builds(
            lambda card, kg: card.price_kg(kg), _covered_cards(c), weight
        )
    )


def quotes(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Quote]:
    """Quotes of drawn shipments by carriers and warehouses that can carry them."""
    source = currencies() if currency is None else currency

    def build(c: Currency, where: Destination) -> st.SearchStrategy[Quote]:
        return st.builds(
            lambda shipment, option, as_of, rounding: quote(
                shipment, option, destination=where, as_of=as_of, rounding=rounding
            ),
            _shipments(),
            _quotable(c, where.country),
            _AS_OF,
            optional(st.sampled_from(RoundingMode)),
        )

    return st.tuples(source, destinations()).flatmap(lambda pair: build(*pair))


def quote_lines() -> st.SearchStrategy[QuoteLine]:
    """Lines of drawn quotes."""
    return quotes().flatmap(lambda q: st.sampled_from(q.lines) if q.lines else _none())


def _none() -> st.SearchStrategy[Any]:
    # A quote always has a line (freight, or a warehouse's fulfilment fee).
    return st.nothing()


def tier_matches(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[TierMatch]:
    """Size tiers drawn parcels fall in, in drawn fee tables."""
    source = currencies() if currency is None else currency
    return source.flatmap(lambda c: st.builds(size_tier, parcels(), _covered_tables(c)))


def fulfilment_fees(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[FulfilmentFee]:
    """Fulfilment fees of drawn parcels in drawn fee tables."""
    source = currencies() if currency is None else currency
    return source.flatmap(
        lambda c: st.builds(fulfilment_fee, parcels(), _covered_tables(c))
    )


def eligibilities(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Eligibility]:
    """Eligibility of drawn services (any restrictions) for drawn shipments."""
    source = currencies() if currency is None else currency
    return source.flatmap(
        lambda c: st.builds(
            lambda shipment, option, where, value: check_eligibility(
                shipment, option, destination=where, value=value
            ),
            _shipments(),
            service_options(currency=st.just(c)),
            destinations(),
            optional(money_in(c, "0", "5000")),
        )
    )


def pareto_fronts() -> st.SearchStrategy[ParetoFront]:
    """Pareto fronts of up to eight drawn points (ties likely), keyed or not."""
    objective = st.sampled_from([Decimal(n) / 2 for n in range(6)])
    points = st.lists(st.tuples(objective, objective, objective), max_size=8)

    def build(
        points: list[tuple[Decimal, Decimal, Decimal]],
    ) -> st.SearchStrategy[ParetoFront]:
        keys = st.lists(
            _names(), min_size=len(points), max_size=len(points), unique=True
        )
        return st.builds(pareto_front, st.just(points), optional(keys))

    return points.flatmap(build)


def comparisons(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    dominated: st.SearchStrategy[bool] | None = None,
    ineligible: st.SearchStrategy[bool] | None = None,
    weighted: st.SearchStrategy[bool] | None = None,
) -> st.SearchStrategy[Comparison]:
    """Comparisons of one to three drawn services that can carry a drawn shipment.

    Args:
        currency: Where to draw the comparison's currency from.
        dominated: Whether to add a dearer copy of a service (so at least
            one option is dominated).
        ineligible: Whether to add a service that does not deliver there
            (so at least one option is ineligible).
        weighted: Whether to ask for weighted scores.
    """
    source = currencies() if currency is None else currency
    return st.tuples(
        source,
        destinations(),
        st.booleans() if dominated is None else dominated,
        st.booleans() if ineligible is None else ineligible,
        st.booleans() if weighted is None else weighted,
    ).flatmap(lambda args: _compared(args[0], args[1], args[2:]))


def _compared(
    c: Currency,
    where: Destination,
    flags: tuple[bool, bool, bool],
) -> st.SearchStrategy[Comparison]:
    dearer, refused, weighted = flags
    options = st.lists(
        _quotable(c, where.country), min_size=1, max_size=3, unique_by=lambda o: o.name
    )
    extra = money_in(c, "1", "20")

    def add(chosen: list[ServiceOption], handling: Money) -> list[ServiceOption]:
        first = chosen[0]
        more = list(chosen)
        if dearer:  # the same service for more money: dominated on cost
            more.append(attrs.evolve(_dearer(first, handling), name="~dearer"))
        if refused:  # the same service, barred from the destination
            banned = attrs.evolve(
                first.restrictions, prohibited_countries=frozenset({where.country})
            )
            more.append(attrs.evolve(first, name="~banned", restrictions=banned))
        return more

    return st.builds(
        lambda shipment, chosen, handling, terms: compare(
            shipment, add(chosen, handling), destination=where, **terms
        ),
        _shipments(),
        options,
        extra,
        st.fixed_dictionaries(
            {
                "value_of_goods": money_in(c, "0", "500"),
                "cost_of_capital": st.decimals(0, 1, places=2, allow_nan=False),
                "as_of": _AS_OF,
                "weights": comparison_weights() if weighted else st.none(),
            },
            optional={
                "cost_per_loss": money_in(c, "0", "50"),
            },
        ).flatmap(lambda terms: _promise(c).map(lambda p: {**terms, **p})),
    )


def _dearer(option: ServiceOption, handling: Money) -> ServiceOption:
    """``option`` charging ``handling`` more (an order fee for a warehouse)."""
    fulfilment = option.fulfilment
    if fulfilment is not None:
        order = fulfilment.order_fee
        fee = handling if order is None else order + handling
        return attrs.evolve(option, fulfilment=attrs.evolve(fulfilment, order_fee=fee))
    extra = Surcharge(
        name="extra handling",
        kind=SurchargeKind.HANDLING,
        basis=SurchargeBasis.PER_SHIPMENT,
        amount=handling,
    )
    return attrs.evolve(option, surcharges=(extra, *option.surcharges))


def _promise(c: Currency) -> st.SearchStrategy[dict[str, Any]]:
    """No promise, or a promise with any of the costs of missing it."""
    return st.one_of(
        st.just({}),
        st.fixed_dictionaries(
            {"promised_days": st.integers(0, 40)},
            optional={
                "cost_per_day_late": money_in(c, "0", "5"),
                "cost_per_late_delivery": money_in(c, "0", "20"),
            },
        ),
    )


def assessments() -> st.SearchStrategy[Assessment]:
    """Eligible options of drawn comparisons."""
    return comparisons().flatmap(lambda c: st.sampled_from(c.assessments))


def cost_lines() -> st.SearchStrategy[CostLine]:
    """Lines of drawn assessments."""
    return assessments().flatmap(lambda a: st.sampled_from(a.lines))


def ineligibles() -> st.SearchStrategy[Ineligible]:
    """Refused options of drawn comparisons (each holds one that cannot go)."""
    return comparisons(ineligible=_ALWAYS).flatmap(
        lambda c: st.sampled_from(c.ineligible)
    )


def dominations() -> st.SearchStrategy[Domination]:
    """Dominated options of drawn comparisons (each holds a dearer copy)."""
    return comparisons(dominated=_ALWAYS).flatmap(
        lambda c: st.sampled_from(c.dominated)
    )


def scores() -> st.SearchStrategy[Score]:
    """Weighted scores of drawn comparisons."""
    return comparisons(weighted=_ALWAYS).flatmap(lambda c: st.sampled_from(c.scores))


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    ChargeableWeight: chargeable_weights,
    PieceWeight: piece_weights,
    CardPrice: card_prices,
    Quote: quotes,
    QuoteLine: quote_lines,
    TierMatch: tier_matches,
    FulfilmentFee: fulfilment_fees,
    Eligibility: eligibilities,
    ParetoFront: pareto_fronts,
    Comparison: comparisons,
    Assessment: assessments,
    CostLine: cost_lines,
    Ineligible: ineligibles,
    Domination: dominations,
    Score: scores,
}
"""The strategy each logistics result resolves to under ``st.from_type``."""
