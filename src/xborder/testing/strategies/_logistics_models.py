"""Strategies for parcels, DIM rules, rate cards and surcharges (private).

Re-exported by :mod:`xborder.testing.strategies` through ``_logistics``.
"""

from __future__ import annotations

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
    Flat,
    Parcel,
    PerWeight,
    RateCard,
    SideRounding,
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
    from xborder.logistics import Pricing
    from xborder.units import Quantity

__all__ = [
    "COUNTRIES",
    "card_in",
    "consignments",
    "destinations",
    "dim_rules",
    "fraction",
    "money_in",
    "optional",
    "parcels",
    "pricings",
    "quantities_of",
    "rate_cards",
    "zone_rate_cards",
    "zones_in",
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


def quantities_of(*texts: str) -> st.SearchStrategy[Quantity]:
    """One of ``texts`` as a quantity, parsed once."""
    return st.sampled_from(texts).map(_q)


def money_in(
    currency: Currency, low: str, high: str, extra_places: int = 0
) -> st.SearchStrategy[Money]:
    """Money in ``currency`` between two bounds."""
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


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``None`` or a value of ``strategy``."""
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
        (optional(quantities_of(*_DIVISORS)) if divisors is None else divisors),
        optional(quantities_of(*_WEIGHT_STEPS)),
        optional(quantities_of(*_SIDE_STEPS)),
        st.sampled_from(SideRounding),
        optional(quantities_of("0.5 kg", "1 lb", "21 kg")),
        st.fixed_dictionaries(
            {},
            optional={
                "volume_over": quantities_of("1728 in**3", "8000 cm**3"),
                "longest_side_at_least": quantities_of("40 cm", "60 cm"),
                "longest_side_over": quantities_of("55 cm", "48 in"),
                "minimum_side": quantities_of("2 in"),
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
    fee = money_in(currency, "0", "200")
    rate = money_in(currency, "0", "500", extra_places=2)
    return st.one_of(
        st.builds(Flat, fee),
        st.builds(
            lambda r, per, item: PerWeight(rate=r, per=per, item_fee=item),
            rate,
            quantities_of("1 kg", "1 lb", "100 g"),
            optional(fee),
        ),
        st.builds(
            lambda first, first_price, step, step_price: FirstAdditional(
                first_weight=first,
                first_price=first_price,
                step=step,
                step_price=step_price,
            ),
            quantities_of("0.5 kg", "1 kg", "1 lb", "100 g"),
            fee,
            quantities_of("0.5 kg", "1 kg", "0.25 lb", "10 g"),
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
    return source.flatmap(lambda c: card_in(c, max_bands, monotone=monotone))


@functools.cache  # strategies are reused per currency: building them is costly
def card_in(
    currency: Currency, max_bands: int, *, monotone: bool
) -> st.SearchStrategy[RateCard]:
    """Rate cards in one currency (cached per currency)."""
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
        optional(money_in(currency, "0", "50")),
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
                        zone: card_in(currency, 3, monotone=False)
                        for zone in sorted(set(chart.values()))
                    }
                ),
            )
        )

    return source.flatmap(build)


@functools.cache  # strategies are reused per currency: building them is costly
def zones_in(currency: Currency) -> st.SearchStrategy[ZoneRateCard]:
    """Zone charts in one currency (cached per currency)."""
    return zone_rate_cards(currency=st.just(currency))


def fraction() -> st.SearchStrategy[Decimal]:
    """Decimals in [0, 1] with four places."""
    return st.decimals(min_value=0, max_value=1, places=4, allow_nan=False)
