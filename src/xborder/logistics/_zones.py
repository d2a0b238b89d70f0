"""Zone charts: destination country → zone → rate card (private)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import attrs

from xborder._validate import items_of, named_errors
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
)
from xborder.logistics._cards import RateCard
from xborder.logistics._common import country_code, key_text, optional_text

if TYPE_CHECKING:
    from xborder.money import Currency

__all__ = ["AnyRateCard", "ZoneRateCard"]


def _items(values: object, expected: str) -> list[tuple[Any, Any]]:
    # A mapping as given, or the tuple of pairs the model stores: attrs.evolve
    # and xborder.serialize pass stored values back through the converter.
    if isinstance(values, Mapping):
        return list(values.items())
    pairs: list[Any] = list(
        items_of(cast("Iterable[Any]", values), field=None, expected=expected)
    )
    seen: set[str] = set()
    for index, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2):  # noqa: PLR2004 - pairs
            raise InvalidTypeError(field=f"[{index}]", value=pair, expected=expected)
        if not isinstance(pair[0], str):  # codes and zone names: hashable, too
            raise InvalidTypeError(
                field=f"[{index}]", value=pair, expected="a str key in each pair"
            )
        if pair[0] in seen:
            raise InvalidInputError(
                field=f"[{index}]", value=pair, expected="each key once"
            )
        seen.add(pair[0])
    return pairs


def _zones(
    values: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    pairs = []
    for country, zone in _items(values, "a mapping of country code to zone"):
        code = country_code(country)
        if not isinstance(zone, str) or not zone.strip():
            raise InvalidInputError(
                field=f"[{key_text(country)}]", value=zone, expected="a zone name"
            )
        pairs.append((code, zone))
    return tuple(sorted(pairs))


def _cards(
    values: Mapping[str, RateCard] | Iterable[tuple[str, RateCard]],
) -> tuple[tuple[str, RateCard], ...]:
    expected = "a non-empty mapping of zone to RateCard"
    items = _items(values, expected)
    if not items:
        raise InvalidTypeError(field=None, value=values, expected=expected)
    pairs = []
    for zone, card in items:
        if not isinstance(zone, str) or not zone.strip():
            raise InvalidInputError(
                field=f"[{key_text(zone)}]", value=zone, expected="a zone name"
            )
        if not isinstance(card, RateCard):
            raise InvalidTypeError(
                field=f"[{key_text(zone)}]", value=card, expected="a RateCard"
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
                    field=f"zones[{key_text(country)}]",
                    value=zone,
                    expected=f"a zone with a card ({', '.join(sorted(card_of))})",
                )
        first = self.cards[0][1].currency
        for zone, card in self.cards:
            if card.currency != first:
                raise CurrencyMismatchError(
                    field=f"cards[{key_text(zone)}]",
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
            InvalidTypeError: ``country`` is not a str.
        """
        if not isinstance(country, str):
            raise InvalidTypeError(
                field="country", value=country, expected="a country code"
            )
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
