"""Fixes the round-trip tests found in models and in the units boundary.

A model must take back what it stores: ``attrs.evolve`` and
``xborder.serialize.from_data`` both pass stored field values to ``__init__``.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from xborder.errors import InvalidInputError, InvalidTypeError, UnitError
from xborder.inventory import EmpiricalDemand
from xborder.logistics import RateCard, ZoneRateCard
from xborder.money import Money
from xborder.pricing import FeeSchedule, Listing, ReferralFee, UnitCosts, VatBasis
from xborder.units import as_mass, quantity


def _zone_card() -> ZoneRateCard:
    return ZoneRateCard(
        zones={"US": "A", "DE": "B"},
        cards={
            "A": RateCard.weight_breaks([("0.5 kg", Money("100", "CNY"))]),
            "B": RateCard.weight_breaks([("0.5 kg", Money("90", "CNY"))]),
        },
    )


def test_a_zone_card_takes_back_its_stored_pairs() -> None:
    card = _zone_card()
    renamed = attrs.evolve(card, name="Express 2026")
    assert renamed.zones == card.zones
    assert renamed.card_for("DE") == card.card_for("DE")
    assert ZoneRateCard(zones=card.zones, cards=card.cards) == card


def test_zone_card_pairs_are_checked_like_a_mapping() -> None:
    card = _zone_card()
    with pytest.raises(InvalidInputError) as twice:
        ZoneRateCard(zones=[("US", "A"), ("US", "B")], cards=card.cards)
    assert twice.value.field == "zones[1]"
    with pytest.raises(InvalidTypeError) as loose:
        ZoneRateCard(zones=[("US", "A", "x")], cards=card.cards)  # type: ignore[list-item]
    assert loose.value.field == "zones[0]"
    with pytest.raises(InvalidTypeError) as text:
        ZoneRateCard(zones="US", cards=card.cards)  # type: ignore[arg-type]
    assert text.value.field == "zones"
    with pytest.raises(InvalidInputError) as zone:
        ZoneRateCard(zones={"US": "A"}, cards={1: card.cards[0][1]})  # type: ignore[arg-type]
    assert zone.value.field == "cards[1]"
    with pytest.raises(InvalidTypeError) as empty:
        ZoneRateCard(zones={}, cards=())
    assert empty.value.field == "cards"


def test_empirical_demand_takes_back_its_stored_pairs() -> None:
    demand = EmpiricalDemand(weights={0: "0.2", 3: "0.8"})
    assert attrs.evolve(demand) == demand
    assert EmpiricalDemand(weights=demand.weights) == demand  # type: ignore[arg-type]
    assert demand.weights == ((0, Decimal("0.2")), (3, Decimal("0.8")))


def test_empirical_demand_pairs_are_checked_like_a_mapping() -> None:
    with pytest.raises(InvalidInputError) as twice:
        EmpiricalDemand(weights=[(1, "0.5"), (1, "0.5")])  # type: ignore[arg-type]
    assert twice.value.field == "weights[1]"
    with pytest.raises(InvalidTypeError) as loose:
        EmpiricalDemand(weights=[(1, "0.5"), 2])  # type: ignore[arg-type]
    assert loose.value.field == "weights"
    with pytest.raises(InvalidTypeError) as number:
        EmpiricalDemand(weights=3)  # type: ignore[arg-type]
    assert number.value.field == "weights"


@pytest.mark.parametrize("text", ["2 **", "2 kg)", "(", "2 meter/"])
def test_malformed_quantity_text_is_a_unit_error(text: str) -> None:
    # pint's parser raised AssertionError and tokenize.TokenError on these.
    with pytest.raises(UnitError) as caught:
        as_mass(text)
    assert caught.value.value == text


@pytest.mark.parametrize("unit", ["furlongs per blorb", "**", "kg)", "3 kg"])
def test_an_unknown_unit_name_is_a_unit_error(unit: str) -> None:
    with pytest.raises(UnitError) as caught:
        quantity("2", unit)
    assert caught.value.field == "unit"
    assert caught.value.value == unit


def test_a_waterfall_says_which_listing_it_was_computed_for() -> None:
    listing = Listing(
        fees=FeeSchedule(
            name="Marketplace",
            currency="USD",
            referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
            fulfilment=Money("4.50", "USD"),
        ),
        costs=UnitCosts(landed=Money("9.00", "USD")),
    )
    result = listing.economics(Money("29.99", "USD"))
    assert result.listing == listing
    assert result.listing.economics(result.price) == result
    solved = listing.price_for_margin("0.25")
    assert solved.economics.listing == listing
