"""Rate cards as data: ascending weight bands, each with its pricing.

Private; see :mod:`xborder.logistics`.
"""

from __future__ import annotations

import bisect
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    DecimalInput,
    items_of,
    named_errors,
    non_negative_count,
    positive,
    text,
    to_decimal,
    tuple_of,
)
from xborder.errors import (
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
    XborderError,
)
from xborder.logistics._common import enum_value, fmt, optional_text, unchecked
from xborder.logistics._pricing import (
    FirstAdditional,
    Flat,
    PerWeight,
    Pricing,
    positive_mass,
    pricing,
    same_currency,
)
from xborder.money import Money
from xborder.money._money import _make, non_negative_money, optional_money
from xborder.units import KILOGRAM, positive_quantity, to_unit

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.money import Currency
    from xborder.units import Quantity, QuantityInput  # noqa: TC004 - pint stays lazy

__all__ = ["Band", "BandEdge", "CardPrice", "Charging", "RateCard"]


class BandEdge(enum.StrEnum):
    """Which band a weight exactly on an edge belongs to.

    Cards print "30 g ~ 80 g" and leave the edge to convention, and a price
    can jump there (Wish EPC Argentina, Feb 2020: 13.20 CNY at 80 g in the
    30–80 g band, 12.11 CNY in the 80–250 g band), so a card says which.

    Examples:
        >>> from xborder.money import Money
        >>> rows = [("30 g", Money("8.55", "CNY")), ("80 g", Money("13.20", "CNY"))]
        >>> str(RateCard.weight_breaks(rows).price("30 g"))
        '8.55 CNY'
        >>> str(RateCard.weight_breaks(rows, edge=BandEdge.BELOW).price("30 g"))
        '13.20 CNY'
    """

    UP_TO_AND_INCLUDING = "(lower, upper]"
    """A band covers weights above the previous edge up to and including its
    own: 30 g is in "0–30 g" (postal cards: "up to 30 g")."""
    BELOW = "[lower, upper)"
    """A band covers its lower edge and weights below its upper edge: 30 g
    is in "30–80 g" (karrio's zone rates: min inclusive, max exclusive)."""


class Charging(enum.StrEnum):
    """Whether a card prices each piece or the shipment's total weight.

    Examples:
        >>> from xborder.money import Money
        >>> card = RateCard.per_weight(
        ...     rate=Money("60", "CNY"), item_fee=Money("10", "CNY"), max_weight="2 kg"
        ... )
        >>> card.charging
        <Charging.PER_PIECE: 'per piece'>
    """

    PER_SHIPMENT = "per shipment"
    """One price for the shipment's total billable weight (express, freight)."""
    PER_PIECE = "per piece"
    """Each piece is an item priced on its own weight (postal, dedicated lines)."""


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Band:
    """One weight band of a card: the heaviest weight it covers and its price.

    Args:
        up_to: The band's upper edge (whether it is inside the band is the
            card's :class:`BandEdge`).
        price: A :class:`Flat`, :class:`PerWeight` or :class:`FirstAdditional`.

    Examples:
        >>> from xborder.logistics import Flat
        >>> from xborder.money import Money
        >>> str(Band(up_to="30 g", price=Flat(Money("8.55", "CNY"))).up_to)
        '0.03 kilogram'
    """

    up_to: Quantity = attrs.field(converter=positive_mass, validator=positive_quantity)
    price: Pricing = attrs.field(converter=pricing)


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


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CardPrice:
    """What a card charged for one weight: the amount and how it was found.

    Attributes:
        amount: The price (minimum charge applied).
        weight_kg: The weight priced.
        band: Index of the band used.
        detail: The arithmetic, in words.

    Examples:
        >>> from decimal import Decimal
        >>> from xborder.money import Money
        >>> card = RateCard.weight_breaks([("1 lb", Money("12", "USD"))])
        >>> priced = card.price_kg(Decimal("0.4"))
        >>> str(priced.amount), priced.band, priced.detail
        ('12 USD', 0, 'flat 12 USD')
    """

    amount: Money = attrs.field(converter=non_negative_money)
    weight_kg: Decimal = attrs.field(converter=positive)
    band: int = attrs.field(converter=non_negative_count)
    detail: str = attrs.field(converter=text)


_card_price = unchecked(CardPrice)  # price_kg's own results, from checked inputs


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

    Examples:
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
        same_currency(prices, field="bands")
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

    def band_index(self, weight_kg: DecimalInput) -> int:
        """Index of the band that prices ``weight_kg`` (kg, > 0).

        Raises:
            RuleNotApplicableError: The weight is above the last band.
            InvalidTypeError: The weight is not a Decimal, int or numeric str.
            InvalidInputError: The weight is not > 0.
        """
        weight_kg = _kilograms(weight_kg)
        if not weight_kg > 0:
            raise InvalidInputError(
                field="weight_kg", value=weight_kg, expected="> 0 kg"
            )
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

    def price_kg(self, weight_kg: DecimalInput) -> CardPrice:
        """Price a billable weight given in kilograms (the hot path).

        Raises:
            RuleNotApplicableError: The weight is above the last band.
            InvalidInputError: The weight is not a finite number > 0.
        """
        weight_kg = _kilograms(weight_kg)
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
        return _card_price(
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

        Examples:
            >>> card = RateCard.weight_breaks(
            ...     [("1 lb", Money("30.00", "USD")), ("2 lb", Money("34.50", "USD"))]
            ... )
            >>> str(card.price("1 lb")), str(card.price("1.2 lb"))
            ('30.00 USD', '34.50 USD')
        """
        bands = _flat_bands(rows)
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

        Examples:
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

        Examples:
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


def _kilograms(weight_kg: DecimalInput) -> Decimal:
    # Anything but a finite number in range (a float, NaN, None, 1E+999999)
    # would fail deep in bisect, Decimal comparison or a price's arithmetic
    # without naming the field.
    return to_decimal(weight_kg, field="weight_kg")


def _flat_bands(rows: Iterable[tuple[QuantityInput, Money]]) -> tuple[Band, ...]:
    """``(up to, price)`` rows as flat bands; a bad row is named by its index."""
    pairs = items_of(rows, field="rows", expected="a sequence of (up to, price) pairs")
    bands = []
    for index, row in enumerate(pairs):
        if not isinstance(row, tuple) or len(row) != 2:  # noqa: PLR2004 - a pair
            raise InvalidTypeError(
                field=f"rows[{index}]",
                value=row,
                expected="an (up to, price) pair: ('30 g', Money('8.55', 'CNY'))",
            )
        up_to, price = row
        try:
            bands.append(Band(up_to=up_to, price=Flat(price)))
        except XborderError as error:
            raise error.in_field(f"rows[{index}]") from None
    return tuple(bands)
