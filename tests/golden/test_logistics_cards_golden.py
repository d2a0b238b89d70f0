"""Golden cases: published postal and dedicated-line rate cards, recomputed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xborder.errors import RuleNotApplicableError
from xborder.logistics import Band, BandEdge, Charging, Flat, PerWeight, RateCard
from xborder.money import Money, RoundingMode

SOURCE = (
    "merchantfaq.wish.com/hc/en-us/articles/360042112953, Wish EPC Argentina, "
    "tracked general cargo, from 2020-02-02"
)


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


def epc_argentina(edge: BandEdge, *, special: bool = False) -> RateCard:
    # "Tracked Special cargo (1 RMB additional item fee)" on the same page.
    extra = Decimal(1) if special else Decimal(0)

    def band(up_to: str, fee: str, per_kg: str) -> Band:
        price = PerWeight(rate=cny(per_kg), item_fee=cny(str(Decimal(fee) + extra)))
        return Band(up_to=up_to, price=price)

    return RateCard(
        bands=(
            Band(up_to="30 g", price=Flat(cny(str(Decimal("8.55") + extra)))),
            band("80 g", "5.76", "92.988"),
            band("250 g", "6.39", "71.514"),
            band("5 kg", "20.709", "68.877"),
        ),
        edge=edge,
        charging=Charging.PER_PIECE,
        source=SOURCE,
    )


CARD = epc_argentina(BandEdge.UP_TO_AND_INCLUDING)


@pytest.mark.parametrize(
    ("weight", "exact", "published"),
    [
        ("10 g", "8.55", "8.55"),
        # "92.988 * 0.05 + 5.76 = 10.4 RMB": exactly 10.4094, 10.41 to the fen;
        # the page drops the second decimal.
        ("50 g", "10.4094", "10.41"),
        ("100 g", "13.5414", "13.54"),
        ("500 g", "55.1475", "55.15"),
    ],
)
def test_wish_epc_argentina_samples(weight: str, exact: str, published: str) -> None:
    price = CARD.price(weight)
    assert price.amount == Decimal(exact)
    assert price.quantize(RoundingMode.HALF_UP) == cny(published)


def test_special_cargo_adds_one_yuan_per_item() -> None:
    special = epc_argentina(BandEdge.UP_TO_AND_INCLUDING, special=True)
    assert special.price("50 g") == CARD.price("50 g") + cny("1")


@pytest.mark.parametrize(
    ("weight", "inclusive", "below"),
    [
        # 30 g: "0–30 g" flat 8.55, or 5.76 + 92.988 × 0.03 = 8.54964
        ("30 g", "8.55", "8.54964"),
        # 80 g: 5.76 + 92.988 × 0.08 = 13.19904, or 6.39 + 71.514 × 0.08 = 12.11112
        ("80 g", "13.19904", "12.11112"),
        # 250 g: 6.39 + 71.514 × 0.25 = 24.2685, or 20.709 + 68.877 × 0.25 = 37.92825
        ("250 g", "24.2685", "37.92825"),
    ],
)
def test_each_band_edge_under_both_conventions(
    weight: str, inclusive: str, below: str
) -> None:
    assert CARD.price(weight).amount == Decimal(inclusive)
    assert epc_argentina(BandEdge.BELOW).price(weight).amount == Decimal(below)


def test_just_past_each_edge_is_the_next_band() -> None:
    assert (
        CARD.price("30.001 g").amount
        == Decimal("5.76") + Decimal("92.988") * Decimal("0.000030001") * 1000
    )
    assert CARD.price("80.001 g").amount == Decimal("6.39") + Decimal(
        "71.514"
    ) * Decimal("0.080001")


def test_the_card_falls_in_price_at_30_and_80_grams() -> None:
    # 13.20 CNY at 80 g in the 30–80 g band, 12.11 CNY in the 80–250 g band:
    # a heavier parcel costs less (the research note, section 1.3). At 30 g
    # the fall is tiny: 8.55 flat against 8.54964 just above.
    assert [str(edge) for edge in CARD.price_drops()] == [
        "0.03 kilogram",
        "0.08 kilogram",
    ]


def test_the_last_edge_is_inside_only_with_inclusive_edges() -> None:
    assert CARD.price("5 kg").amount == Decimal("20.709") + Decimal("68.877") * 5
    with pytest.raises(RuleNotApplicableError) as raised:
        epc_argentina(BandEdge.BELOW).price("5 kg")
    assert raised.value.field == "weight"
    with pytest.raises(RuleNotApplicableError):
        CARD.price("5.001 kg")


def test_wish_epc_norway_samples() -> None:
    # merchantfaq.wish.com/hc/en-us/articles/360053719453 (EPC Norway, testing
    # period to 2020-09-18): 0–2,000 g, item fee 20, 90 per kg; special cargo
    # +1: 50 g → 24.5 (25.5), 100 g → 29 (30), 500 g → 65 (66).
    general = RateCard.per_weight(rate=cny("90"), item_fee=cny("20"), max_weight="2 kg")
    special = RateCard.per_weight(rate=cny("90"), item_fee=cny("21"), max_weight="2 kg")
    for grams, price in (("50", "24.5"), ("100", "29"), ("500", "65")):
        assert general.price(f"{grams} g").amount == Decimal(price)
        assert special.price(f"{grams} g").amount == Decimal(price) + 1
    # From 2020-09-18: 0–300 g 9.2 + 84.5/kg; "50g ... = 84.5 * 0.05 + 9.2 =
    # 13.425 RMB".
    later = RateCard(
        bands=(
            Band(up_to="300 g", price=PerWeight(rate=cny("84.5"), item_fee=cny("9.2"))),
            Band(up_to="2 kg", price=PerWeight(rate=cny("96.4"), item_fee=cny("5.6"))),
        )
    )
    assert later.price("50 g").amount == Decimal("13.425")


def test_wish_epc_italy_samples_round_half_up() -> None:
    # diannaob.com/int/int_3150.html (Wish EPC Italy test lane, July 2019):
    # 50 g: 97.94 × 0.05 + 1.5121 = 6.41; 100 g: 50.24 × 0.1 + 5.3228 = 10.35;
    # 500 g: 51.3 × 0.5 + 21.375 = 47.025, published 47.03: half up (half
    # even would give 47.02).
    cases = (
        ("97.94", "1.5121", Decimal("0.05"), "6.4091", "6.41"),
        ("50.24", "5.3228", Decimal("0.1"), "10.3468", "10.35"),
        ("51.3", "21.375", Decimal("0.5"), "47.025", "47.03"),
    )
    for rate, fee, kg, exact, published in cases:
        amount = PerWeight(rate=cny(rate), item_fee=cny(fee)).price(kg)
        assert amount == Decimal(exact)
        assert cny(str(amount)).quantize(RoundingMode.HALF_UP) == cny(published)
    assert cny("47.025").quantize(RoundingMode.HALF_EVEN) == cny("47.02")
