"""Strategies for the logistics models (private).

Re-exported by :mod:`xborder.testing.strategies`; see its docstring. Parcels,
rules, cards and surcharges come from ``_logistics_models``.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.logistics import (
    Band,
    Consignment,
    Contents,
    Destination,
    DimRule,
    FirstAdditional,
    FirstMile,
    Flat,
    Fulfilment,
    FulfilmentFeeTable,
    Mode,
    Parcel,
    PerWeight,
    RateCard,
    Restrictions,
    ServiceOption,
    SizeLimits,
    SizeTier,
    Surcharge,
    SurchargeBasis,
    SurchargeKind,
    Tracking,
    TransitTime,
    Weights,
    When,
    ZoneRateCard,
)
from xborder.money import Currency, Money
from xborder.testing.strategies._core import _invalid, currencies
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
    pricings,
    quantities_of,
    rate_cards,
    zone_rate_cards,
    zones_in,
)
from xborder.units import quantity

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "comparison_weights",
    "consignments",
    "destinations",
    "dim_rules",
    "first_miles",
    "fulfilment_fee_tables",
    "fulfilments",
    "parcels",
    "pricings",
    "rate_cards",
    "restrictions",
    "service_options",
    "size_limits",
    "size_tiers",
    "surcharges",
    "transit_times",
    "whens",
    "zone_rate_cards",
]


def size_limits() -> st.SearchStrategy[SizeLimits]:
    """Size limits with any subset of the measures."""
    return st.builds(
        lambda kwargs: SizeLimits(**kwargs),
        st.fixed_dictionaries(
            {},
            optional={
                "weight": quantities_of("2 kg", "30 kg", "150 lb", "16 oz"),
                "longest": quantities_of("60 cm", "108 in", "15 in"),
                "median": quantities_of("12 in", "40 cm"),
                "shortest": quantities_of("0.75 in", "8 in"),
                "length_plus_girth": quantities_of("165 in", "300 cm"),
                "sum_of_sides": quantities_of("90 cm"),
            },
        ),
    )


def restrictions() -> st.SearchStrategy[Restrictions]:
    """Restrictions on size, destinations, contents and declared value."""
    return st.builds(
        lambda limits, served, banned, accepts: Restrictions(
            limits=limits,
            countries=served,
            prohibited_countries=banned,
            accepts=accepts,
        ),
        optional(size_limits()),
        optional(st.frozensets(st.sampled_from(COUNTRIES), min_size=1)),
        st.frozensets(st.sampled_from(COUNTRIES), max_size=2),
        st.frozensets(st.sampled_from(Contents)),
    )


def whens() -> st.SearchStrategy[When]:
    """Surcharge conditions (countries, remote, residential, seasons)."""
    return st.builds(
        lambda countries, remote, home, season: When(
            countries=countries,
            remote_area=remote,
            residential=home,
            starts=None if season is None else season[0],
            ends=None if season is None else season[1],
        ),
        optional(st.frozensets(st.sampled_from(COUNTRIES), min_size=1)),
        st.booleans(),
        st.booleans(),
        optional(
            st.tuples(
                st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
                st.integers(1, 120),
            ).map(lambda pair: (pair[0], pair[0] + dt.timedelta(days=pair[1])))
        ),
    )


def surcharges(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Surcharge]:
    """Fuel, remote-area, oversize, residential and handling surcharges."""
    source = currencies() if currency is None else currency
    return source.flatmap(surcharge_in)


@functools.cache  # strategies are reused per currency: building them is costly
def surcharge_in(currency: Currency) -> st.SearchStrategy[Surcharge]:
    """Surcharges in one currency (cached per currency)."""
    amount = money_in(currency, "0", "100")
    rate = st.decimals(min_value=0, max_value=Decimal("0.5"), places=3, allow_nan=False)
    return st.one_of(
        st.builds(
            lambda r, sub: Surcharge.fuel(r, on_subtotal=sub), rate, st.booleans()
        ),
        st.builds(
            lambda a, basis: Surcharge.remote_area(a, basis=basis),
            amount,
            st.sampled_from((SurchargeBasis.PER_SHIPMENT, SurchargeBasis.PER_KG)),
        ),
        st.builds(
            lambda a, limits: Surcharge.oversize(a, limits=limits),
            amount,
            size_limits(),
        ),
        st.builds(Surcharge.residential, amount),
        st.builds(
            lambda a, basis: Surcharge(
                name="handling", kind=SurchargeKind.HANDLING, basis=basis, amount=a
            ),
            amount,
            st.sampled_from(
                (
                    SurchargeBasis.PER_SHIPMENT,
                    SurchargeBasis.PER_PIECE,
                    SurchargeBasis.PER_KG,
                )
            ),
        ),
    )


def transit_times(*, max_days: int = 120) -> st.SearchStrategy[TransitTime]:
    """Transit distributions within 0–``max_days`` days, up to three percentiles."""
    if isinstance(max_days, bool) or not isinstance(max_days, int) or max_days < 0:
        return _invalid(f"max_days must be an int >= 0, got {max_days!r}")
    days = st.decimals(
        min_value=0, max_value=max_days, places=1, allow_nan=False, allow_infinity=False
    )
    probabilities = st.lists(
        st.sampled_from(("0.1", "0.25", "0.5", "0.75", "0.9", "0.95")),
        unique=True,
        max_size=3,
    ).map(lambda ps: sorted(Decimal(p) for p in ps))

    def build(points: list[Decimal], probs: list[Decimal]) -> TransitTime:
        ordered = sorted(points)
        inner = ordered[1:-1]
        return TransitTime(
            minimum=quantity(ordered[0], "day"),
            maximum=quantity(ordered[-1], "day"),
            percentiles=tuple(
                (p, quantity(d, "day")) for p, d in zip(probs, inner, strict=True)
            ),
        )

    return probabilities.flatmap(
        lambda probs: st.builds(
            lambda points: build(points, probs),
            st.lists(days, min_size=len(probs) + 2, max_size=len(probs) + 2),
        )
    )


def service_options(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    modes: st.SearchStrategy[Mode] | None = None,
) -> st.SearchStrategy[ServiceOption]:
    """Service options (not warehouses) priced in one currency.

    Args:
        currency: Where to draw the option's currency from.
        modes: Where to draw the mode from (default: every mode but
            :attr:`Mode.OVERSEAS_WAREHOUSE`; see :func:`fulfilments`).
    """
    source = currencies() if currency is None else currency
    chosen = (
        st.sampled_from([m for m in Mode if m is not Mode.OVERSEAS_WAREHOUSE])
        if modes is None
        else modes
    )
    return source.flatmap(lambda c: _service_in(c, chosen))


@functools.cache  # strategies are reused per currency: building them is costly
def _service_in(
    currency: Currency, modes: st.SearchStrategy[Mode]
) -> st.SearchStrategy[ServiceOption]:
    return st.builds(
        _service,
        name=st.text(
            st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=12
        ),
        mode=modes,
        rate_card=st.one_of(
            card_in(currency, 4, monotone=False),
            zones_in(currency),
        ),
        dim_rule=optional(dim_rules()),
        surcharges=st.lists(surcharge_in(currency), max_size=3).map(tuple),
        restrictions=restrictions(),
        transit=transit_times(),
        loss_rate=fraction(),
        tracking=st.sampled_from(Tracking),
        on_time_rate=optional(fraction()),
        duties_paid=st.booleans(),
    )


def _service(**fields: Any) -> ServiceOption:  # noqa: ANN401 - drawn fields
    return ServiceOption(**fields)


def size_tiers(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[SizeTier]:
    """Size tiers with limits, a fee card and a weighing rule."""
    source = currencies() if currency is None else currency
    return source.flatmap(
        lambda c: st.builds(
            lambda name, limits, fee, rule: SizeTier(
                name=name, limits=limits, fee=fee, weight_rule=rule
            ),
            st.sampled_from(("Small standard", "Large standard", "Large bulky")),
            size_limits(),
            card_in(c, 3, monotone=False),
            optional(dim_rules()),
        )
    )


def fulfilment_fee_tables(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[FulfilmentFeeTable]:
    """Fee tables of one to three tiers in one currency."""
    source = currencies() if currency is None else currency
    return source.flatmap(
        lambda c: st.lists(size_tiers(currency=st.just(c)), min_size=1, max_size=3).map(
            lambda tiers: FulfilmentFeeTable(name="fees", tiers=tuple(tiers))
        )
    )


def first_miles(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[FirstMile]:
    """First-mile bookings by air, sea or rail freight."""
    freight = st.sampled_from((Mode.AIR_FREIGHT, Mode.SEA_FREIGHT, Mode.RAIL_FREIGHT))
    return st.builds(
        lambda service, carton, units, country: FirstMile(
            service=service, carton=carton, units_per_carton=units, destination=country
        ),
        service_options(currency=currency, modes=freight),
        parcels(),
        st.integers(1, 500),
        st.sampled_from(COUNTRIES),
    )


def fulfilments(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Fulfilment]:
    """Warehouse fulfilment: fees, an order fee, a first mile, storage."""
    source = currencies() if currency is None else currency

    def build(c: Currency) -> st.SearchStrategy[Fulfilment]:
        return st.builds(
            lambda fees, order, first, storage, days: Fulfilment(
                fees=fees,
                order_fee=order if fees is not None else order or Money.zero(c),
                first_mile=first,
                storage_per_unit_month=storage,
                days_in_stock=quantity(days, "day"),
            ),
            optional(fulfilment_fee_tables(currency=st.just(c))),
            optional(money_in(c, "0", "10")),
            optional(first_miles(currency=st.just(c))),
            optional(money_in(c, "0", "2")),
            st.integers(0, 180),
        )

    return source.flatmap(build)


def comparison_weights() -> st.SearchStrategy[Weights]:
    """Weights for :func:`~xborder.logistics.compare`'s score (not all zero)."""
    weight = st.decimals(min_value=0, max_value=10, places=2, allow_nan=False)
    return (
        st.tuples(weight, weight, weight)
        .filter(any)
        .map(lambda w: Weights(cost=w[0], time=w[1], reliability=w[2]))
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Parcel: parcels,
    Consignment: consignments,
    Destination: destinations,
    DimRule: dim_rules,
    Flat: lambda: pricings().filter(lambda p: isinstance(p, Flat)),
    PerWeight: lambda: pricings().filter(lambda p: isinstance(p, PerWeight)),
    FirstAdditional: lambda: pricings().filter(
        lambda p: isinstance(p, FirstAdditional)
    ),
    Band: lambda: pricings().map(lambda p: Band(up_to=quantity(1, "kg"), price=p)),
    RateCard: rate_cards,
    ZoneRateCard: zone_rate_cards,
    SizeLimits: size_limits,
    Restrictions: restrictions,
    When: whens,
    Surcharge: surcharges,
    TransitTime: transit_times,
    ServiceOption: service_options,
    SizeTier: size_tiers,
    FulfilmentFeeTable: fulfilment_fee_tables,
    FirstMile: first_miles,
    Fulfilment: fulfilments,
    Weights: comparison_weights,
}
"""The strategy each logistics model resolves to under ``st.from_type``."""
