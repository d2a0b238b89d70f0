"""Pricing benchmarks: the waterfall, each solver, and repricing a catalogue.

Each case pairs xborder with a bare-Decimal baseline doing the same work:
the same VAT split, referral fee with its minimum, fixed fees, returns and
ads, rounded the same way; for solvers, the closed-form price on the piece
the baseline already knows to be right, rounded up and checked once on the
rounded waterfall. The baseline knows nothing it would have to look up
(no currencies, no explanations, no piece search), so the ratios are an
upper bound on what the abstractions cost. The issue's goal is 10x.
"""

from __future__ import annotations

import time
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from _harness import Case
from xborder.money import Money
from xborder.pricing import (
    AdSpend,
    EndingDirection,
    FeeSchedule,
    Listing,
    PriceEnding,
    ReferralFee,
    ReturnRateBasis,
    Returns,
    UnitCosts,
    Vat,
    VatBasis,
    apply_price_ending,
    break_even_acos,
    break_even_price,
    consumer_price,
    gross_up,
    max_cpc,
    presets,
    target_margin_price,
    target_markup_price,
    unit_economics,
)

CENT = Decimal("0.01")
HAIR = Decimal("1e-14")
ONE = Decimal(1)
VAT_RATE = Decimal("0.19")
REFERRAL = Decimal("0.15")
MINIMUM = Decimal("0.30")
FULFILMENT = Decimal("2.70")
LANDED = Decimal("3.10")
RETURN_RATE = Decimal("0.03")
HANDLING = Decimal("1.30")
ADS = Decimal("0.10")

FEES = FeeSchedule(
    name="Amazon.de",
    currency="EUR",
    referral=ReferralFee.flat(
        REFERRAL, basis=VatBasis.INCLUSIVE, minimum=Money(MINIMUM, "EUR")
    ),
    fulfilment=Money(FULFILMENT, "EUR"),
)
COSTS = UnitCosts(landed=Money(LANDED, "EUR"))
GERMANY = Vat(rate=VAT_RATE)
RETURNS = Returns(
    rate=RETURN_RATE,
    basis=ReturnRateBasis.PER_UNIT_ORDERED,
    handling=Money(HANDLING, "EUR"),
)
AD_SPEND = AdSpend.of_sales(ADS, sales_include_vat=True)
PRICE = Money("12.99", "EUR")
STRIPE = presets.STRIPE_US_CARDS
CHARM = PriceEnding.ends_in("0.99")
INPUTS = {
    "fees": FEES,
    "costs": COSTS,
    "vat": GERMANY,
    "returns": RETURNS,
    "ads": AD_SPEND,
}


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _bare_waterfall(
    price: Decimal, landed: Decimal = LANDED, fulfilment: Decimal = FULFILMENT
) -> tuple[Decimal, ...]:
    net = _round(price / (ONE + VAT_RATE))
    referral = _round(max(price * REFERRAL, MINIMUM))
    # Returns per unit ordered: the net price refunded, the referral fee
    # credited back, the handling paid.
    returns = (
        _round(RETURN_RATE * net)
        - _round(RETURN_RATE * referral)
        + _round(RETURN_RATE * HANDLING)
    )
    ads = _round(price * ADS)
    contribution = net - referral - fulfilment - landed - returns - ads
    return (price - net, referral, fulfilment, landed, returns, ads, contribution)


def _meets(
    price: Decimal, margin: Decimal, landed: Decimal, fulfilment: Decimal
) -> bool:
    lines = _bare_waterfall(price, landed, fulfilment)
    return lines[-1] >= margin * (price - lines[0])


def _bare_margin_price(
    margin: Decimal, landed: Decimal = LANDED, fulfilment: Decimal = FULFILMENT
) -> Decimal:
    """The same work as the solver, hand-written for this one fee schedule.

    Closed form on the percentage piece, the flat piece if the referral fee
    there would be under its minimum, rounded up, checked on the rounded
    waterfall (a cent more while short), and a cent less while that meets it.
    """
    fixed = fulfilment + landed + RETURN_RATE * HANDLING
    kept = ONE - RETURN_RATE  # of the net price and the referral fee
    net_share = ONE / (ONE + VAT_RATE)
    price = fixed / (kept * (net_share - REFERRAL) - ADS - margin * net_share)
    if price * REFERRAL < MINIMUM:  # the flat piece under the minimum
        price = (fixed + kept * MINIMUM) / (kept * net_share - ADS - margin * net_share)
    # Snap a hair below: 28-digit division can leave 52.36 as 52.36...01.
    price = (price - HAIR).quantize(CENT, rounding=ROUND_CEILING)
    while not _meets(
        price, margin, landed, fulfilment
    ):  # rounding left it short: one more cent
        price += CENT
    while _meets(
        price - CENT, margin, landed, fulfilment
    ):  # the lowest price that meets it
        price -= CENT
    return price


def _bare_markup_price(markup: Decimal) -> Decimal:
    return _bare_margin_price(markup / (ONE + markup))


def _bare_gross_up(net: Decimal) -> Decimal:
    rate, fixed = Decimal("0.029"), Decimal("0.30")
    charge = ((net + fixed) / (ONE - rate)).quantize(CENT, rounding=ROUND_CEILING)
    if charge - _round(charge * rate + fixed) < net:
        charge += CENT
    lower = charge - CENT
    if lower - _round(lower * rate + fixed) >= net:
        charge = lower
    return charge


def _bare_consumer_price(net: Decimal) -> Decimal:
    gross = (net * (ONE + VAT_RATE)).quantize(CENT, rounding=ROUND_CEILING)
    if _round((gross - CENT) / (ONE + VAT_RATE)) >= net:
        gross -= CENT
    return gross


def _bare_acos_cpc(price: Decimal) -> Decimal:
    lines = _bare_waterfall(price)
    before_ads = lines[-1] + lines[-2]
    acos = before_ads / price
    return (price * Decimal("0.10") * acos).quantize(CENT, rounding=ROUND_FLOOR)


def _bare_ending(price: Decimal) -> Decimal:
    below = (price - Decimal("0.99")).to_integral_value(rounding=ROUND_FLOOR)
    candidate = below + Decimal("0.99")
    return candidate if candidate >= price else candidate + ONE


# -- repricing a catalogue -----------------------------------------------------

# Two fulfilment centres' fee levels for the same schedule: the bare baseline
# handles this one fee shape (15% with a 0.30 minimum) and nothing else.
MARKET_FEES = (FEES, FEES.with_unit_fees(fulfilment=Money("3.40", "EUR")))


def _catalogue(pairs: int) -> list[tuple[Listing, Decimal, Decimal]]:
    """``pairs`` SKU x market listings with landed costs spread over 1.00-40.99."""
    listings = []
    for index in range(pairs):
        landed = Decimal(100 + (index * 7919) % 4000) / 100
        fees = MARKET_FEES[index % len(MARKET_FEES)]
        listing = Listing(
            fees=fees,
            costs=UnitCosts(landed=Money(landed, "EUR")),
            vat=GERMANY,
            returns=RETURNS,
            ads=AD_SPEND,
        )
        assert fees.fulfilment is not None
        listings.append((listing, landed, fees.fulfilment.amount))
    return listings


def _reprice(catalogue: list[tuple[Listing, Decimal, Decimal]]) -> float:
    start = time.perf_counter()
    for listing, _, _ in catalogue:
        solution = listing.price_for_margin("0.20")
        shelf = apply_price_ending(solution.price, CHARM, direction=EndingDirection.UP)
        listing.economics(shelf).margin  # noqa: B018 - the re-check is the work
    return time.perf_counter() - start


def _bare_reprice(catalogue: list[tuple[Listing, Decimal, Decimal]]) -> float:
    margin = Decimal("0.20")
    start = time.perf_counter()
    for _, landed, fulfilment in catalogue:
        price = _bare_margin_price(margin, landed, fulfilment)
        shelf = _bare_ending(price)
        lines = _bare_waterfall(shelf, landed, fulfilment)
        lines[-1] / (shelf - lines[0])  # the re-check is part of the work
    return time.perf_counter() - start


def cases(*, quick: bool) -> list[Case]:
    """The pricing cases; ``quick`` scales the catalogue down to 200 pairs."""
    pairs = 200 if quick else 100_000
    catalogue = _catalogue(pairs)
    margin = Decimal("0.20")
    return [
        Case(
            "unit_economics (waterfall, lines on demand)",
            lambda: unit_economics(PRICE, **INPUTS),  # type: ignore[arg-type]
            lambda: _bare_waterfall(PRICE.amount),
            "the same lines on bare Decimals",
            goal=10,
            number=20_000,
        ),
        Case(
            "unit_economics + every line explained",
            lambda: unit_economics(PRICE, **INPUTS).lines,  # type: ignore[arg-type]
            lambda: _bare_waterfall(PRICE.amount),
            "the same lines on bare Decimals",
            number=5_000,
        ),
        Case(
            "break_even_price",
            lambda: break_even_price(**INPUTS),  # type: ignore[arg-type]
            lambda: _bare_margin_price(Decimal(0)),
            "closed form on the known piece + check",
            goal=10,
            number=5_000,
        ),
        Case(
            "target_margin_price",
            lambda: target_margin_price(margin, **INPUTS),  # type: ignore[arg-type]
            lambda: _bare_margin_price(margin),
            "closed form on the known piece + check",
            goal=10,
            number=5_000,
        ),
        Case(
            "target_markup_price",
            lambda: target_markup_price("0.25", **INPUTS),  # type: ignore[arg-type]
            lambda: _bare_markup_price(Decimal("0.25")),
            "closed form on the known piece + check",
            goal=10,
            number=5_000,
        ),
        Case(
            "gross_up (Stripe, never a cent short)",
            lambda: gross_up(Money("100.00", "USD"), STRIPE),
            lambda: _bare_gross_up(Decimal("100.00")),
            "ceil((net + f) / (1 - r)) + checks",
            goal=10,
            number=5_000,
        ),
        Case(
            "consumer_price (VAT-inclusive)",
            lambda: consumer_price(Money("16.80", "EUR"), GERMANY),
            lambda: _bare_consumer_price(Decimal("16.80")),
            "ceil(net x 1.19) + check",
            goal=10,
            number=20_000,
        ),
        Case(
            "break_even_acos + max_cpc",
            lambda: max_cpc(
                PRICE,
                conversion_rate="0.10",
                acos=break_even_acos(
                    unit_economics(PRICE, **INPUTS),  # type: ignore[arg-type]
                    sales_include_vat=True,
                )
                or 0,
            ),
            lambda: _bare_acos_cpc(PRICE.amount),
            "waterfall + ratio + floor",
            goal=10,
            number=5_000,
        ),
        Case(
            "apply_price_ending (.99, up)",
            lambda: apply_price_ending(
                Money("17.62", "EUR"), CHARM, direction=EndingDirection.UP
            ),
            lambda: _bare_ending(Decimal("17.62")),
            "floor + ending",
            goal=10,
            number=20_000,
        ),
        Case(
            f"reprice {pairs:,} SKU x market pairs (s)",
            lambda: _reprice(catalogue),
            lambda: _bare_reprice(catalogue),
            "closed form + ending + margin",
            goal=10,
            self_timed=True,
        ),
    ]
