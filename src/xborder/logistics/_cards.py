"""Rate cards as data: weight bands, per-weight prices, first/additional steps, zones.

Private; see :mod:`xborder.logistics`.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable, Mapping
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, TypeAlias

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import named_errors, tuple_of
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
)
from xborder.logistics._common import country_code, enum_value, fmt, optional_text
from xborder.money import Money
from xborder.money._money import _make, non_negative_money, optional_money
from xborder.units import KILOGRAM, as_mass, positive_quantity, quantity, to_unit

if TYPE_CHECKING:
    from xborder.money import Currency
    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = [
    "Band",
    "BandEdge",
    "CardPrice",
    "Charging",
    "FirstAdditional",
    "Flat",
    "PerWeight",
    "Pricing",
    "RateCard",
    "ZoneRateCard",
]

_ZERO = Decimal(0)


class BandEdge(enum.StrEnum):
    """Which band a weight exactly on an edge belongs to.

    Cards print "30 g ~ 80 g" and leave the edge to convention, and a price
    can jump there (Wish EPC Argentina, Feb 2020: 13.20 CNY at 80 g in the
    30–80 g band, 12.11 CNY in the 80–250 g band), so a card says which.
    """

    UP_TO_AND_INCLUDING = "(lower, upper]"
    """A band covers weights above the previous edge up to and including its
    own: 30 g is in "0–30 g" (postal cards: "up to 30 g")."""
    BELOW = "[lower, upper)"
    """A band covers its lower edge and weights below its upper edge: 30 g
    is in "30–80 g" (karrio's zone rates: min inclusive, max exclusive)."""


class Charging(enum.StrEnum):
    """Whether a card prices each piece or the shipment's total weight."""

    PER_SHIPMENT = "per shipment"
    """One price for the shipment's total billable weight (express, freight)."""
    PER_PIECE = "per piece"
    """Each piece is an item priced on its own weight (postal, dedicated lines)."""


def _positive_mass(value: QuantityInput) -> Quantity:
    return as_mass(value)


def _per(value: QuantityInput | None) -> Quantity:
    """Converter: the weight a rate is quoted for; ``None`` means 1 kg."""
    return quantity(1, KILOGRAM) if value is None else as_mass(value)


@attrs.frozen(field_transformer=named_errors)
class Flat:
    """One price for any weight in the band (a weight-break table row).

    >>> Flat(Money("8.55", "CNY")).price(Decimal("0.01"))
    Decimal('8.55')
    """

    amount: Money = attrs.field(converter=non_negative_money)

    @property
    def currency(self) -> Currency:
        """The currency of the price."""
        return self.amount.currency

    def price(self, weight_kg: Decimal) -> Decimal:
        """The amount for ``weight_kg`` (the same for every weight)."""
        del weight_kg  # flat: the weight only chose the band
        return self.amount.amount

    def describe(self, weight_kg: Decimal) -> str:
        """The arithmetic, in words."""
        del weight_kg
        return f"flat {self.amount}"


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PerWeight:
    r"""A rate per unit of weight plus a fee per item: $p = f + r \cdot W / u$.

    The whole weight is charged at the band's rate (not only the part above
    the band's lower edge), as Chinese postal and dedicated-line cards do.

    Args:
        rate: Price per ``per`` of weight.
        per: The weight the rate is quoted for (``"1 kg"``, ``"1 lb"``).
        item_fee: Fee per item (挂号费/处理费), or ``None``.

    >>> band = PerWeight(rate=Money("92.988", "CNY"), item_fee=Money("5.76", "CNY"))
    >>> band.price(Decimal("0.05"))
    Decimal('10.40940')
    """

    rate: Money = attrs.field(converter=non_negative_money)
    per: Quantity = attrs.field(
        default=None, converter=_per, validator=positive_quantity
    )
    item_fee: Money | None = attrs.field(default=None, converter=optional_money)

    def __attrs_post_init__(self) -> None:
        _same_currency((self.rate, self.item_fee), field="item_fee")

    @property
    def currency(self) -> Currency:
        """The currency of the price."""
        return self.rate.currency

    def price(self, weight_kg: Decimal) -> Decimal:
        """The amount for ``weight_kg``: item fee + rate × weight / per."""
        per = self.per.magnitude
        units = weight_kg if per == 1 else DIVISION.divide(weight_kg, per)
        amount = EXACT.multiply(self.rate.amount, units)
        if self.item_fee is not None:
            amount = EXACT.add(amount, self.item_fee.amount)
        return amount

    def describe(self, weight_kg: Decimal) -> str:
        """The arithmetic, in words."""
        text = f"{fmt(weight_kg)} kg × {self.rate} per {_per_text(self.per)}"
        if self.item_fee is not None:
            text += f" + item fee {self.item_fee}"
        return text


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FirstAdditional:
    r"""First weight + additional weight steps (首重 + 续重), as express cards quote.

    $$p = p_1 + \left\lceil \frac{W - w_1}{s} \right\rceil p_s
    \quad (W > w_1), \qquad p = p_1 \quad (W \le w_1)$$

    Args:
        first_weight: Weight covered by the first price (``"0.5 kg"``).
        first_price: Price of the first weight.
        step: Each additional step of weight (``"0.5 kg"``); a part step
            counts as a whole one.
        step_price: Price of each additional step.

    >>> card = FirstAdditional(
    ...     first_weight="0.5 kg", first_price=Money("120", "CNY"),
    ...     step="0.5 kg", step_price=Money("30", "CNY"),
    ... )
    >>> card.price(Decimal("1.2"))  # 0.5 kg + 2 steps (0.7 kg → 2 × 0.5 kg)
    Decimal('180')
    """

    first_weight: Quantity = attrs.field(
        converter=_positive_mass, validator=positive_quantity
    )
    first_price: Money = attrs.field(converter=non_negative_money)
    step: Quantity = attrs.field(converter=_positive_mass, validator=positive_quantity)
    step_price: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        _same_currency((self.first_price, self.step_price), field="step_price")

    @property
    def currency(self) -> Currency:
        """The currency of the price."""
        return self.first_price.currency

    def steps(self, weight_kg: Decimal) -> Decimal:
        """How many additional steps ``weight_kg`` takes (0 within the first weight)."""
        excess = EXACT.subtract(weight_kg, self.first_weight.magnitude)
        if excess <= 0:
            return _ZERO
        return DIVISION.divide(excess, self.step.magnitude).to_integral_value(
            rounding=ROUND_CEILING
        )

    def price(self, weight_kg: Decimal) -> Decimal:
        """The amount for ``weight_kg``."""
        extra = EXACT.multiply(self.steps(weight_kg), self.step_price.amount)
        return EXACT.add(self.first_price.amount, extra)

    def describe(self, weight_kg: Decimal) -> str:
        """The arithmetic, in words."""
        steps = self.steps(weight_kg)
        text = f"first {_weight_text(self.first_weight)} {self.first_price}"
        if steps:
            step = _weight_text(self.step)
            text += f" + {fmt(steps)} × {step} at {self.step_price}"
        return text


Pricing: TypeAlias = Flat | PerWeight | FirstAdditional
"""How a band turns a weight into a price."""

_PRICINGS = (Flat, PerWeight, FirstAdditional)


_POUND_KG = Decimal("0.45359237")


def _weight_text(value: Quantity) -> str:
    """A step or edge as people write it: 1 lb, 250 g, 0.5 kg."""
    kg = value.magnitude
    if kg == kg.to_integral_value():
        return f"{fmt(kg)} kg"
    pounds = DIVISION.divide(kg, _POUND_KG)
    if pounds == pounds.to_integral_value():
        return f"{fmt(pounds)} lb"
    grams = EXACT.multiply(kg, 1000)
    if grams == grams.to_integral_value() and grams % 100:
        return f"{fmt(grams)} g"
    return f"{fmt(kg)} kg"


def _per_text(value: Quantity) -> str:
    """Kg for 1 kg, lb for 1 lb, else the weight ("per kg", "per 500 g")."""
    return _weight_text(value).removeprefix("1 ")


def _same_currency(values: Iterable[Money | None], *, field: str) -> None:
    present = [value for value in values if value is not None]
    for value in present[1:]:
        if value.currency != present[0].currency:
            raise CurrencyMismatchError(
                field=field,
                value=value,
                expected=f"an amount in {present[0].currency.code}, like the rest",
            )


def _pricing(value: Pricing) -> Pricing:
    if not isinstance(value, _PRICINGS):
        raise InvalidTypeError(
            field=None, value=value, expected="Flat, PerWeight or FirstAdditional"
        )
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Band:
    """One weight band of a card: the heaviest weight it covers and its price.

    Args:
        up_to: The band's upper edge (whether it is inside the band is the
            card's :class:`BandEdge`).
        price: A :class:`Flat`, :class:`PerWeight` or :class:`FirstAdditional`.
    """

    up_to: Quantity = attrs.field(converter=_positive_mass, validator=positive_quantity)
    price: Pricing = attrs.field(converter=_pricing)


def _bands(values: Iterable[Band]) -> tuple[Band, ...]:
    bands = tuple_of(values, Band)
    if not bands:
        raise InvalidInputError(field=None, value=bands, expected="at least one Band")
    for index in range(1, len(bands)):
        if bands[index].up_to.magnitude <= bands[index - 1].up_to.magnitude:
            raise InvalidInputError(
                field=f"[{index}].up_to",
                value=str(bands[index].up_to),
                expected=f"an edge above {bands[index - 1].up_to} (bands ascend)",
            )
    return bands


@attrs.frozen(kw_only=True)
class CardPrice:
    """What a card charged for one weight: the amount and how it was found.

    Attributes:
        amount: The price (minimum charge applied).
        weight_kg: The weight priced.
        band: Index of the band used.
        detail: The arithmetic, in words.
    """

    amount: Money
    weight_kg: Decimal
    band: int
    detail: str


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RateCard:
    """A carrier's price list for one lane: weight bands, each with its pricing.

    One class covers the common shapes, alone or mixed band by band:

    * **weight-break table**: :class:`Flat` bands (UPS/FedEx daily rates by
      whole pound), built with :meth:`weight_breaks`;
    * **per weight with an item fee and a minimum**: :class:`PerWeight`
      bands (Chinese postal small packets, ePacket, dedicated lines; Wish
      EPC), built with :meth:`per_weight`;
    * **first weight + additional steps**: :class:`FirstAdditional` (express
      quotes, 首重/续重), built with :meth:`first_additional`.

    A weight above the last band has no price: it raises
    :class:`~xborder.errors.RuleNotApplicableError` (and makes the service
    ineligible in :func:`compare`).

    Args:
        bands: Ascending bands; the first starts above zero.
        edge: Which band an edge weight belongs to (default: up to and including).
        charging: Price the shipment's total weight (default) or each piece.
        minimum_charge: Lowest price per shipment (or per piece).
        name: A label for quotes.
        source: Where the prices were read, and when.

    Raises:
        InvalidInputError: Bands are empty or not ascending.
        CurrencyMismatchError: Prices are in more than one currency.

    References:
        Wish EPC Argentina, tracked general cargo, from 2 February 2020
        (merchantfaq.wish.com article 360042112953): 0–30 g 8.55 CNY;
        30–80 g 5.76 + 92.988/kg; 80–250 g 6.39 + 71.514/kg;
        250 g–5 kg 20.709 + 68.877/kg.

    >>> def band(up_to, fee, per_kg):
    ...     rate = PerWeight(rate=Money(per_kg, "CNY"), item_fee=Money(fee, "CNY"))
    ...     return Band(up_to=up_to, price=rate)
    >>> epc_argentina = RateCard(
    ...     bands=(
    ...         Band(up_to="30 g", price=Flat(Money("8.55", "CNY"))),
    ...         band("80 g", "5.76", "92.988"),
    ...         band("250 g", "6.39", "71.514"),
    ...         band("5 kg", "20.709", "68.877"),
    ...     ),
    ...     charging=Charging.PER_PIECE,
    ...     source="merchantfaq.wish.com 360042112953, from 2020-02-02",
    ... )
    >>> [str(epc_argentina.price(w)) for w in ("10 g", "50 g", "100 g", "500 g")]
    ['8.55 CNY', '10.40940 CNY', '13.5414 CNY', '55.1475 CNY']
    """

    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    edge: BandEdge = attrs.field(
        default=BandEdge.UP_TO_AND_INCLUDING, validator=enum_value(BandEdge)
    )
    charging: Charging = attrs.field(
        default=Charging.PER_SHIPMENT, validator=enum_value(Charging)
    )
    minimum_charge: Money | None = attrs.field(default=None, converter=optional_money)
    name: str | None = attrs.field(default=None, converter=optional_text)
    source: str | None = attrs.field(default=None, converter=optional_text)
    _edges: tuple[Decimal, ...] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        prices: list[Money | None] = [self.minimum_charge]
        for band in self.bands:
            pricing = band.price
            if isinstance(pricing, Flat):
                prices.append(pricing.amount)
            elif isinstance(pricing, PerWeight):
                prices.extend((pricing.rate, pricing.item_fee))
            else:
                prices.extend((pricing.first_price, pricing.step_price))
        _same_currency(prices, field="bands")
        object.__setattr__(
            self, "_edges", tuple(band.up_to.magnitude for band in self.bands)
        )

    @property
    def currency(self) -> Currency:
        """The currency every price on the card is in."""
        return self.bands[0].price.currency

    @property
    def max_weight(self) -> Quantity:
        """The heaviest weight the card prices."""
        return self.bands[-1].up_to

    def band_index(self, weight_kg: Decimal) -> int:
        """Index of the band that prices ``weight_kg`` (kg, > 0).

        Raises:
            RuleNotApplicableError: The weight is above the last band.
        """
        edges = self._edges
        if self.edge is BandEdge.UP_TO_AND_INCLUDING:
            index = bisect.bisect_left(edges, weight_kg)
        else:
            index = bisect.bisect_right(edges, weight_kg)
        if index == len(edges):
            within = (
                "up to and including"
                if self.edge is BandEdge.UP_TO_AND_INCLUDING
                else "below"
            )
            raise RuleNotApplicableError(
                f"the card {self.name or ''} has no band for it".replace("  ", " "),
                field="weight",
                value=f"{fmt(weight_kg)} kg",
                expected=f"a weight {within} {fmt(edges[-1])} kg",
            )
        return index

    def price_kg(self, weight_kg: Decimal) -> CardPrice:
        """Price a billable weight given in kilograms (the hot path).

        Raises:
            RuleNotApplicableError: The weight is above the last band.
            InvalidInputError: The weight is not > 0.
        """
        if not weight_kg > 0:
            raise InvalidInputError(field="weight", value=weight_kg, expected="> 0 kg")
        index = self.band_index(weight_kg)
        pricing = self.bands[index].price
        amount = pricing.price(weight_kg)
        detail = pricing.describe(weight_kg)
        minimum = self.minimum_charge
        if minimum is not None and amount < minimum.amount:
            detail += f" = {fmt(amount)}, raised to the minimum charge {minimum}"
            amount = minimum.amount
        return CardPrice(
            amount=_make(amount, self.currency),
            weight_kg=weight_kg,
            band=index,
            detail=detail,
        )

    def price(self, weight: QuantityInput) -> Money:
        """Price a billable weight given as a quantity (``"120 g"``, ``"3 lb"``).

        Raises:
            RuleNotApplicableError: The weight is above the last band.
            UnitError: ``weight`` is not a mass.
        """
        return self.price_kg(to_unit(weight, KILOGRAM, field="weight").magnitude).amount

    # -- the common shapes ------------------------------------------------

    @classmethod
    def weight_breaks(
        cls,
        rows: Iterable[tuple[QuantityInput, Money]],
        *,
        edge: BandEdge = BandEdge.UP_TO_AND_INCLUDING,
        charging: Charging = Charging.PER_SHIPMENT,
        minimum_charge: Money | None = None,
        name: str | None = None,
        source: str | None = None,
    ) -> RateCard:
        """A weight-break table: ``(up to, price)`` rows, one flat price per band.

        >>> card = RateCard.weight_breaks(
        ...     [("1 lb", Money("30.00", "USD")), ("2 lb", Money("34.50", "USD"))]
        ... )
        >>> str(card.price("1 lb")), str(card.price("1.2 lb"))
        ('30.00 USD', '34.50 USD')
        """
        bands = tuple(Band(up_to=up_to, price=Flat(price)) for up_to, price in rows)
        return cls(
            bands=bands,
            edge=edge,
            charging=charging,
            minimum_charge=minimum_charge,
            name=name,
            source=source,
        )

    @classmethod
    def per_weight(
        cls,
        *,
        rate: Money,
        max_weight: QuantityInput,
        per: QuantityInput = "1 kg",
        item_fee: Money | None = None,
        minimum_charge: Money | None = None,
        charging: Charging = Charging.PER_PIECE,
        name: str | None = None,
        source: str | None = None,
    ) -> RateCard:
        """One band priced per weight, an item fee and a minimum (a dedicated line).

        >>> line = RateCard.per_weight(
        ...     rate=Money("62", "CNY"), item_fee=Money("18", "CNY"),
        ...     minimum_charge=Money("25", "CNY"), max_weight="30 kg",
        ... )
        >>> str(line.price("50 g")), str(line.price("0.5 kg"))
        ('25 CNY', '49.0 CNY')
        """
        pricing = PerWeight(rate=rate, per=per, item_fee=item_fee)
        return cls(
            bands=(Band(up_to=max_weight, price=pricing),),
            charging=charging,
            minimum_charge=minimum_charge,
            name=name,
            source=source,
        )

    @classmethod
    def first_additional(
        cls,
        *,
        first_weight: QuantityInput,
        first_price: Money,
        step: QuantityInput,
        step_price: Money,
        max_weight: QuantityInput,
        charging: Charging = Charging.PER_SHIPMENT,
        name: str | None = None,
        source: str | None = None,
    ) -> RateCard:
        """First weight + additional steps, up to ``max_weight``.

        >>> express = RateCard.first_additional(
        ...     first_weight="0.5 kg", first_price=Money("120", "CNY"),
        ...     step="0.5 kg", step_price=Money("30", "CNY"), max_weight="20 kg",
        ... )
        >>> str(express.price("0.5 kg")), str(express.price("0.51 kg"))
        ('120 CNY', '150 CNY')
        """
        pricing = FirstAdditional(
            first_weight=first_weight,
            first_price=first_price,
            step=step,
            step_price=step_price,
        )
        return cls(
            bands=(Band(up_to=max_weight, price=pricing),),
            charging=charging,
            name=name,
            source=source,
        )

    def price_drops(self) -> tuple[Quantity, ...]:
        """Band edges where a heavier parcel costs less than a lighter one.

        Cards with a per-weight rate that falls from band to band can charge
        less just above an edge than at it (Wish EPC Argentina: 13.20 CNY at
        80 g, 12.11 CNY just above). Sellers should know: padding a parcel
        across such an edge saves money, and "cost rises with weight" does
        not hold across it.
        """
        drops = []
        for index in range(len(self.bands) - 1):
            edge = self._edges[index]
            here = self.bands[index].price.price(edge)
            above = self.bands[index + 1].price.price(edge)
            if above < here:
                drops.append(self.bands[index].up_to)
        return tuple(drops)


def _card(value: RateCard) -> RateCard:
    if not isinstance(value, RateCard):
        raise InvalidTypeError(field=None, value=value, expected="a RateCard")
    return value


def _zones(values: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    if not isinstance(values, Mapping):
        raise InvalidTypeError(
            field=None, value=values, expected="a mapping of country code to zone"
        )
    pairs = []
    for country, zone in values.items():
        code = country_code(country)
        if not isinstance(zone, str) or not zone.strip():
            raise InvalidInputError(
                field=f"[{country!r}]", value=zone, expected="a zone name"
            )
        pairs.append((code, zone))
    return tuple(sorted(pairs))


def _cards(values: Mapping[str, RateCard]) -> tuple[tuple[str, RateCard], ...]:
    if not isinstance(values, Mapping) or not values:
        raise InvalidTypeError(
            field=None, value=values, expected="a non-empty mapping of zone to RateCard"
        )
    pairs = []
    for zone, card in values.items():
        if not isinstance(card, RateCard):
            raise InvalidTypeError(
                field=f"[{zone!r}]", value=card, expected="a RateCard"
            )
        pairs.append((zone, card))
    return tuple(sorted(pairs, key=lambda pair: pair[0]))


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ZoneRateCard:
    """A zone chart plus one :class:`RateCard` per zone (express and postal tariffs).

    Args:
        zones: Destination country → zone name (``{"US": "5", "DE": "3"}``).
        cards: Zone name → the card for that zone.
        name: A label for quotes.
        source: Where the chart and prices were read, and when.

    Raises:
        InvalidInputError: A zone in ``zones`` has no card.
        CurrencyMismatchError: The cards are in more than one currency.

    >>> zone_card = ZoneRateCard(
    ...     zones={"US": "A", "DE": "B"},
    ...     cards={
    ...         "A": RateCard.weight_breaks([("0.5 kg", Money("100", "CNY"))]),
    ...         "B": RateCard.weight_breaks([("0.5 kg", Money("90", "CNY"))]),
    ...     },
    ... )
    >>> zone, card = zone_card.card_for("DE")
    >>> zone, str(card.price("300 g"))
    ('B', '90 CNY')
    """

    zones: tuple[tuple[str, str], ...] = attrs.field(converter=_zones)
    cards: tuple[tuple[str, RateCard], ...] = attrs.field(converter=_cards)
    name: str | None = attrs.field(default=None, converter=optional_text)
    source: str | None = attrs.field(default=None, converter=optional_text)
    _zone_of: dict[str, str] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _card_of: dict[str, RateCard] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        card_of = dict(self.cards)
        for country, zone in self.zones:
            if zone not in card_of:
                raise InvalidInputError(
                    field=f"zones[{country!r}]",
                    value=zone,
                    expected=f"a zone with a card ({', '.join(sorted(card_of))})",
                )
        first = self.cards[0][1].currency
        for zone, card in self.cards:
            if card.currency != first:
                raise CurrencyMismatchError(
                    field=f"cards[{zone!r}]",
                    value=card.currency.code,
                    expected=f"cards in one currency ({first.code})",
                )
        object.__setattr__(self, "_zone_of", dict(self.zones))
        object.__setattr__(self, "_card_of", card_of)

    @property
    def currency(self) -> Currency:
        """The currency of every card."""
        return self.cards[0][1].currency

    def card_for(self, country: str) -> tuple[str, RateCard]:
        """The zone and card for a destination country.

        Raises:
            RuleNotApplicableError: The chart has no zone for ``country``.
        """
        zone = self._zone_of.get(country)
        if zone is None:
            raise RuleNotApplicableError(
                field="destination",
                value=country,
                expected=f"a country in the zone chart ({', '.join(self._zone_of)})",
            )
        return zone, self._card_of[zone]


AnyRateCard: TypeAlias = RateCard | ZoneRateCard
"""A card for one lane, or a zone chart of cards."""
