"""Strategies for the logistics models (private).

Re-exported by :mod:`xborder.testing.strategies`; see its docstring.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.logistics import (
    Band,
    BandEdge,
    Charging,
    Consignment,
    Contents,
    Destination,
    DimBasis,
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
    SideRounding,
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
from xborder.testing.strategies._core import _invalid, currencies, quantities
from xborder.units import (
    CENTIMETRE,
    GRAM,
    INCH,
    KILOGRAM,
    MILLIMETRE,
    OUNCE,
    POUND,
    Dimensions,
    quantity,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.logistics import Pricing
    from xborder.units import Quantity

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

COUNTRIES = ("US", "GB", "DE", "FR", "JP", "AU", "CA", "ES", "IT", "NL", "BR", "MX")
_DIVISORS = (
    "5000 cm**3/kg",
    "6000 cm**3/kg",
    "4000 cm**3/kg",
    "8000 cm**3/kg",
    "139 in**3/lb",
    "166 in**3/lb",
    "194 in**3/lb",
)
_WEIGHT_STEPS = ("0.5 kg", "1 kg", "1 lb", "1 oz", "10 g", "0.1 kg")
_SIDE_STEPS = ("1 cm", "1 in", "0.5 cm")


@functools.cache
def _q(text: str) -> Quantity:
    """A quantity from text such as "139 in**3/lb", in the units written.

    Parsed once: pint's string parsing costs tens of microseconds, and
    strategies draw the same few values thousands of times.
    """
    amount, unit = text.split(" ", 1)
    return quantity(amount, unit)


def _quantities(*texts: str) -> st.SearchStrategy[Quantity]:
    return st.sampled_from(texts).map(_q)


def _money(
    currency: Currency, low: str, high: str, extra_places: int = 0
) -> st.SearchStrategy[Money]:
    return st.decimals(
        min_value=Decimal(low),
        max_value=Decimal(high),
        places=currency.exponent + extra_places,
        allow_nan=False,
        allow_infinity=False,
    ).map(lambda amount: Money(amount, currency))


def _sides() -> st.SearchStrategy[Quantity]:
    return quantities(
        st.sampled_from((CENTIMETRE, INCH, MILLIMETRE)),
        min_value="0.5",
        max_value=150,
        places=2,
    )


def _masses(low: str = "0.001", high: str = "60") -> st.SearchStrategy[Quantity]:
    return quantities(
        st.sampled_from((KILOGRAM, GRAM, POUND, OUNCE)),
        min_value=low,
        max_value=high,
        places=3,
    ).filter(lambda q: q.magnitude > 0)


def parcels(
    *,
    sides: st.SearchStrategy[Quantity] | None = None,
    weights: st.SearchStrategy[Quantity] | None = None,
    pieces: st.SearchStrategy[int] | None = None,
    contents: st.SearchStrategy[frozenset[Contents]] | None = None,
) -> st.SearchStrategy[Parcel]:
    """Parcels of 1–5 identical boxes, sides in cm, in or mm, weights in kg, g, lb, oz.

    Args:
        sides: Where to draw each side from (a length > 0).
        weights: Where to draw the weight of a box from (a mass > 0).
        pieces: Where to draw the number of boxes from.
        contents: Where to draw restricted contents from (default: mostly none).
    """
    side = _sides() if sides is None else sides
    return st.builds(
        _parcel,
        length=side,
        width=side,
        height=side,
        weight=_masses() if weights is None else weights,
        pieces=st.integers(1, 5) if pieces is None else pieces,
        contents=_contents() if contents is None else contents,
        irregular=st.booleans(),
    )


def _contents() -> st.SearchStrategy[frozenset[Contents]]:
    return st.one_of(
        st.just(frozenset()), st.frozensets(st.sampled_from(Contents), max_size=2)
    )


def _parcel(
    *,
    length: Quantity,
    width: Quantity,
    height: Quantity,
    weight: Quantity,
    pieces: int,
    contents: frozenset[Contents],
    irregular: bool,
) -> Parcel:
    return Parcel(
        dimensions=Dimensions(length=length, width=width, height=height),
        weight=weight,
        pieces=pieces,
        contents=contents,
        irregular=irregular,
    )


_any_parcels = parcels


def consignments(
    *, parcels: st.SearchStrategy[Parcel] | None = None, max_size: int = 4
) -> st.SearchStrategy[Consignment]:
    """Consignments of 1 to ``max_size`` parcels."""
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1:
        return _invalid(f"max_size must be an int >= 1, got {max_size!r}")
    source = _any_parcels() if parcels is None else parcels
    return st.lists(source, min_size=1, max_size=max_size).map(
        lambda items: Consignment(parcels=tuple(items))
    )


def destinations(
    *, countries: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Destination]:
    """Destinations, remote or not, residential or not."""
    return st.builds(
        lambda country, remote, home: Destination(
            country, remote_area=remote, residential=home
        ),
        st.sampled_from(COUNTRIES) if countries is None else countries,
        st.booleans(),
        st.booleans(),
    )


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def dim_rules(
    *, divisors: st.SearchStrategy[Quantity | None] | None = None
) -> st.SearchStrategy[DimRule]:
    """DIM rules with the common divisors (metric and imperial), steps and thresholds.

    Args:
        divisors: Where to draw the divisor from (``None`` for no DIM weight).
    """
    return st.builds(
        lambda divisor, weight_step, side_step, rounding, minimum, extra: DimRule(
            divisor=divisor,
            weight_step=weight_step,
            dimension_step=side_step,
            dimension_rounding=rounding,
            minimum=minimum,
            **extra,
        ),
        (_optional(_quantities(*_DIVISORS)) if divisors is None else divisors),
        _optional(_quantities(*_WEIGHT_STEPS)),
        _optional(_quantities(*_SIDE_STEPS)),
        st.sampled_from(SideRounding),
        _optional(_quantities("0.5 kg", "1 lb", "21 kg")),
        st.fixed_dictionaries(
            {},
            optional={
                "volume_over": _quantities("1728 in**3", "8000 cm**3"),
                "longest_side_at_least": _quantities("40 cm", "60 cm"),
                "longest_side_over": _quantities("55 cm", "48 in"),
                "minimum_side": _quantities("2 in"),
                "irregular_factor": st.just("0.785"),
                "basis": st.sampled_from(DimBasis),
            },
        ),
    )


def pricings(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Pricing]:
    """Band pricings: flat, per weight with an item fee, first + additional steps."""
    source = currencies() if currency is None else currency
    return source.flatmap(_pricing_in)


@functools.cache  # strategies are reused per currency: building them is costly
def _pricing_in(currency: Currency) -> st.SearchStrategy[Pricing]:
    fee = _money(currency, "0", "200")
    rate = _money(currency, "0", "500", extra_places=2)
    return st.one_of(
        st.builds(Flat, fee),
        st.builds(
            lambda r, per, item: PerWeight(rate=r, per=per, item_fee=item),
            rate,
            _quantities("1 kg", "1 lb", "100 g"),
            _optional(fee),
        ),
        st.builds(
            lambda first, first_price, step, step_price: FirstAdditional(
                first_weight=first,
                first_price=first_price,
                step=step,
                step_price=step_price,
            ),
            _quantities("0.5 kg", "1 kg", "1 lb", "100 g"),
            fee,
            _quantities("0.5 kg", "1 kg", "0.25 lb", "10 g"),
            fee,
        ),
    )


def rate_cards(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    max_bands: int = 5,
    monotone: bool = False,
) -> st.SearchStrategy[RateCard]:
    """Rate cards of 1 to ``max_bands`` ascending bands in one currency.

    Args:
        currency: Where to draw the card's currency from.
        max_bands: Most bands on a card.
        monotone: Only cards whose price never falls as weight rises
            (each band's constant is lifted so the price at an edge does not
            drop; real cards can drop, see :meth:`RateCard.price_drops`).
    """
    if isinstance(max_bands, bool) or not isinstance(max_bands, int) or max_bands < 1:
        return _invalid(f"max_bands must be an int >= 1, got {max_bands!r}")
    source = currencies() if currency is None else currency
    return source.flatmap(lambda c: _card_in(c, max_bands, monotone=monotone))


@functools.cache  # strategies are reused per currency: building them is costly
def _card_in(
    currency: Currency, max_bands: int, *, monotone: bool
) -> st.SearchStrategy[RateCard]:
    edges = st.lists(
        st.decimals(
            min_value=Decimal("0.01"),
            max_value=Decimal(100),
            places=2,
            allow_nan=False,
            allow_infinity=False,
        ),
        min_size=1,
        max_size=max_bands,
        unique=True,
    ).map(sorted)
    return st.builds(
        lambda ups, prices, edge, charging, minimum: _card(
            ups, prices, edge, charging, minimum, monotone=monotone
        ),
        edges,
        st.lists(_pricing_in(currency), min_size=max_bands, max_size=max_bands),
        st.sampled_from(BandEdge),
        st.sampled_from(Charging),
        _optional(_money(currency, "0", "50")),
    )


def _card(
    ups: list[Decimal],
    prices: list[Pricing],
    edge: BandEdge,
    charging: Charging,
    minimum: Money | None,
    *,
    monotone: bool,
) -> RateCard:
    chosen = prices[: len(ups)]
    if monotone:
        chosen = _lifted(ups, chosen)
    bands = tuple(
        Band(up_to=quantity(up, KILOGRAM), price=price)
        for up, price in zip(ups, chosen, strict=True)
    )
    return RateCard(bands=bands, edge=edge, charging=charging, minimum_charge=minimum)


_LIFT_STEP = Decimal("1e-12")


def _lifted(ups: list[Decimal], prices: list[Pricing]) -> list[Pricing]:
    lifted = [prices[0]]
    for edge, price in zip(ups, prices[1:], strict=False):
        here = lifted[-1].price(edge)
        deficit = here - price.price(edge)
        # Rounded up past the 34th digit of a per-pound price's division.
        lift = deficit.quantize(_LIFT_STEP, rounding=ROUND_CEILING)
        lifted.append(_raise_by(price, lift) if deficit > 0 else price)
    return lifted


def _raise_by(price: Pricing, amount: Decimal) -> Pricing:
    if isinstance(price, Flat):
        return Flat(price.amount + Money(amount, price.currency))
    if isinstance(price, PerWeight):
        fee = price.item_fee or Money.zero(price.currency)
        lift = Money(amount, price.currency)
        return PerWeight(rate=price.rate, per=price.per, item_fee=fee + lift)
    return FirstAdditional(
        first_weight=price.first_weight,
        first_price=price.first_price + Money(amount, price.currency),
        step=price.step,
        step_price=price.step_price,
    )


def zone_rate_cards(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[ZoneRateCard]:
    """Zone charts of one to three zones over a few countries."""
    source = currencies() if currency is None else currency

    def build(currency: Currency) -> st.SearchStrategy[ZoneRateCard]:
        zones = st.dictionaries(
            st.sampled_from(COUNTRIES), st.sampled_from(("1", "2", "3")), min_size=1
        )
        return zones.flatmap(
            lambda chart: st.builds(
                lambda cards: ZoneRateCard(zones=chart, cards=cards),
                st.fixed_dictionaries(
                    {
                        zone: _card_in(currency, 3, monotone=False)
                        for zone in sorted(set(chart.values()))
                    }
                ),
            )
        )

    return source.flatmap(build)


@functools.cache  # strategies are reused per currency: building them is costly
def _zones_in(currency: Currency) -> st.SearchStrategy[ZoneRateCard]:
    return zone_rate_cards(currency=st.just(currency))


def size_limits() -> st.SearchStrategy[SizeLimits]:
    """Size limits with any subset of the measures."""
    return st.builds(
        lambda kwargs: SizeLimits(**kwargs),
        st.fixed_dictionaries(
            {},
            optional={
                "weight": _quantities("2 kg", "30 kg", "150 lb", "16 oz"),
                "longest": _quantities("60 cm", "108 in", "15 in"),
                "median": _quantities("12 in", "40 cm"),
                "shortest": _quantities("0.75 in", "8 in"),
                "length_plus_girth": _quantities("165 in", "300 cm"),
                "sum_of_sides": _quantities("90 cm"),
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
        _optional(size_limits()),
        _optional(st.frozensets(st.sampled_from(COUNTRIES), min_size=1)),
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
        _optional(st.frozensets(st.sampled_from(COUNTRIES), min_size=1)),
        st.booleans(),
        st.booleans(),
        _optional(
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
    return source.flatmap(_surcharge_in)


@functools.cache  # strategies are reused per currency: building them is costly
def _surcharge_in(currency: Currency) -> st.SearchStrategy[Surcharge]:
    amount = _money(currency, "0", "100")
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
            _card_in(currency, 4, monotone=False),
            _zones_in(currency),
        ),
        dim_rule=_optional(dim_rules()),
        surcharges=st.lists(_surcharge_in(currency), max_size=3).map(tuple),
        restrictions=restrictions(),
        transit=transit_times(),
        loss_rate=_fraction(),
        tracking=st.sampled_from(Tracking),
        on_time_rate=_optional(_fraction()),
        duties_paid=st.booleans(),
    )


def _service(**fields: Any) -> ServiceOption:  # noqa: ANN401 - drawn fields
    return ServiceOption(**fields)


def _fraction() -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=1, places=4, allow_nan=False)


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
            _card_in(c, 3, monotone=False),
            _optional(dim_rules()),
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
            _optional(fulfilment_fee_tables(currency=st.just(c))),
            _optional(_money(c, "0", "10")),
            _optional(first_miles(currency=st.just(c))),
            _optional(_money(c, "0", "2")),
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
    Band: lambda: pricings().map(lambda p: Band(up_to=_q("1 kg"), price=p)),
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
