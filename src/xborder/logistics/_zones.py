"""Zone charts: destination country → zone → rate card (private)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeAlias

import attrs

from xborder._validate import named_errors
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
)
from xborder.logistics._cards import RateCard
from xborder.logistics._common import country_code, optional_text

if TYPE_CHECKING:
    from xborder.money import Currency

__all__ = ["AnyRateCard", "ZoneRateCard"]


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

    Examples:
        >>> from xborder.money import Money
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
