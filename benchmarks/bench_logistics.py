"""Logistics benchmarks: chargeable weight, compare() and the Pareto front.

Each case runs against a bare-Decimal baseline doing the same arithmetic in
the same run. Goals from issue 4: chargeable weight within 5x bare Decimal;
the Pareto front over 1,000 options near O(n log n) and under 50 ms (an
absolute goal: its baseline is the O(n^2) pairwise check, for scale).
Issue 13: ``Comparison.assessment(name)`` in constant time, the look-up
among 10,000 options within 1.5x of the look-up among 10.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from _harness import Case
from xborder.logistics import (
    Comparison,
    DimRule,
    Mode,
    Parcel,
    RateCard,
    ServiceOption,
    Tracking,
    TransitTime,
    chargeable_weight,
    compare,
    pareto_front,
)
from xborder.money import Money

ONE = Decimal(1)
INCH = Decimal("2.54")
POUND = Decimal("0.45359237")
UPS = DimRule(divisor="139 in**3/lb", dimension_step="1 in", weight_step="1 lb")
DHL = DimRule(divisor="5000 cm**3/kg", weight_step="0.5 kg")
BOX = Parcel(dimensions="11.8 x 7.9 x 3.1 in", weight="1.2 lb")
SIDES = BOX.sides
WEIGHT = BOX.weight_kg
UPS_DIVISOR_CM3_PER_LB = Decimal(139) * INCH**3
DHL_DIVISOR = Decimal(5000)
HALF = Decimal("0.5")


def _bare_ups() -> Decimal:
    # The same steps as the rule: sides to the nearest inch, volume, divide
    # by 139 in³/lb expressed per pound, round both weights up to 1 lb.
    length, width, height = (
        (side / INCH).quantize(ONE, ROUND_HALF_UP) * INCH for side in SIDES
    )
    volume = length * width * height
    dimensional = (volume / UPS_DIVISOR_CM3_PER_LB).to_integral_value(ROUND_CEILING)
    actual = (WEIGHT / POUND).to_integral_value(ROUND_CEILING)
    return max(dimensional, actual) * POUND


def _bare_dhl() -> Decimal:
    volume = SIDES[0] * SIDES[1] * SIDES[2]
    dimensional = (volume / DHL_DIVISOR / HALF).to_integral_value(ROUND_CEILING)
    actual = (WEIGHT / HALF).to_integral_value(ROUND_CEILING)
    return max(dimensional, actual) * HALF


def _options(count: int) -> list[ServiceOption]:
    options = []
    for index in range(count):
        fee = Decimal(8 + index % 17)
        rate = Decimal(40 + (index * 7) % 61)
        low = 2 + index % 13
        options.append(
            ServiceOption(
                name=f"option {index:04d}",
                mode=Mode.DEDICATED_LINE,
                rate_card=RateCard.per_weight(
                    rate=Money(rate, "USD"),
                    item_fee=Money(fee, "USD"),
                    max_weight="30 kg",
                ),
                transit=TransitTime.from_days(
                    minimum=low, typical=low + 3, p90=low + 7, maximum=low + 12
                ),
                loss_rate=Decimal(index % 23) / 1000,
                tracking=Tracking.FULL,
            )
        )
    return options


HOLDER = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
VALUE = Money("2.35", "USD")


def _compare(options: list[ServiceOption]) -> object:
    return compare(
        HOLDER,
        options,
        destination="US",
        value_of_goods=VALUE,
        cost_of_capital="0.15",
        promised_days=14,
        cost_per_day_late=Money("0.30", "USD"),
        cost_per_loss=Money("6", "USD"),
    )


def _bare_inputs(
    options: list[ServiceOption],
) -> list[tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]]:
    rows = []
    for option in options:
        card = option.rate_card
        assert isinstance(card, RateCard)
        pricing = card.bands[0].price
        fee = getattr(pricing, "item_fee", None)
        rate = getattr(pricing, "rate", None)
        assert fee is not None
        assert rate is not None
        transit = option.transit
        rows.append(
            (
                fee.amount,
                rate.amount,
                option.loss_rate,
                transit.mean,
                transit.p90,
                transit.expected_days_late(14),
            )
        )
    return rows


def _bare_compare(
    rows: list[tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]],
) -> list[int]:
    # Expected cost per option from pre-extracted Decimals, then the same
    # sort-and-sweep front on plain tuples (the work compare() does, minus
    # the models, quotes, lines and reasons).
    value, weight = VALUE.amount, Decimal("0.12")
    points = []
    for fee, rate, loss, mean, p90, late_days in rows:
        freight = fee + rate * weight
        carrying = value * Decimal("0.15") * mean / 365
        lost = loss * (value + freight + 6)
        cost = freight + carrying + lost + late_days * Decimal("0.30")
        points.append((cost, p90, loss))
    return list(pareto_front(points).front)


def _points(count: int) -> list[tuple[Decimal, Decimal, Decimal]]:
    # Half the points trade cost against days (none dominates another), half
    # are scattered: a front of hundreds, the hard case for pairwise checks.
    trade_off = [
        (Decimal(index), Decimal(count - index), Decimal(index % 7) / 100)
        for index in range(count // 2)
    ]
    scattered = [
        (
            Decimal(index * 7919 % 1009) / 10,
            Decimal(index * 104729 % 997) / 20,
            Decimal(index * 1299709 % 991) / 1000,
        )
        for index in range(count - count // 2)
    ]
    return trade_off + scattered


def _brute_force(points: list[tuple[Decimal, Decimal, Decimal]]) -> list[int]:
    front = []
    for index, point in enumerate(points):
        beaten = any(
            other != point and all(o <= p for o, p in zip(other, point, strict=True))
            for other in points
        )
        if not beaten:
            front.append(index)
    return front


def cases(*, quick: bool) -> list[Case]:
    """The logistics cases; ``quick`` shrinks the big comparisons."""
    many = 100 if quick else 1000
    ten, lots = _options(10), _options(many)
    ten_rows, lots_rows = _bare_inputs(ten), _bare_inputs(lots)
    points = _points(many)
    assert chargeable_weight_matches()
    return [
        *_main_cases(ten, lots, ten_rows, lots_rows, points),
        *_look_ups(quick=quick),
    ]


def _main_cases(
    ten: list[ServiceOption],
    lots: list[ServiceOption],
    ten_rows: list[tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]],
    lots_rows: list[tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]],
    points: list[tuple[Decimal, Decimal, Decimal]],
) -> list[Case]:
    many = len(lots)
    return [
        Case(
            "chargeable_weight (139 in³/lb, inches, lb)",
            lambda: _weigh(UPS),
            _bare_ups,
            "same steps on bare Decimals",
            goal=5,
            number=20_000,
        ),
        Case(
            "chargeable_weight (5000 cm³/kg, 0.5 kg)",
            lambda: _weigh(DHL),
            _bare_dhl,
            "same steps on bare Decimals",
            goal=5,
            number=20_000,
        ),
        Case(
            "compare(10 options)",
            lambda: _compare(ten),
            lambda: _bare_compare(ten_rows),
            "expected cost + front on Decimals",
            number=20,
        ),
        Case(
            f"compare({many} options)",
            lambda: _compare(lots),
            lambda: _bare_compare(lots_rows),
            "expected cost + front on Decimals",
            number=1,
        ),
        Case(
            f"pareto_front({many} points; goal <= 50 ms)",
            lambda: pareto_front(points),
            lambda: _brute_force(points),
            "O(n^2) pairwise dominance check",
            number=3,
        ),
    ]


def _look_ups(*, quick: bool) -> list[Case]:
    """Comparison.assessment(name) among few and many options (the last name)."""
    few, many = 10, 100 if quick else 10_000
    small, large = _compare(_options(few)), _compare(_options(many))
    assert isinstance(small, Comparison)
    assert isinstance(large, Comparison)
    small_name, large_name = small.assessments[-1].name, large.assessments[-1].name
    by_name = {a.name: a for a in large.assessments}
    assert large.assessment(large_name) is by_name[large_name]
    return [
        Case(
            f"Comparison.assessment(name), {many:,} options",
            lambda: large.assessment(large_name),
            lambda: by_name[large_name],
            "a dict of the assessments",
            number=100_000,
        ),
        Case(
            f"Comparison.assessment(name), {many:,} vs {few} options",
            lambda: large.assessment(large_name),
            lambda: small.assessment(small_name),
            f"the look-up among {few} options",
            goal=1.5,
            number=100_000,
        ),
    ]


def _weigh(rule: DimRule) -> Decimal:
    return chargeable_weight(BOX, rule).billable_kg


def chargeable_weight_matches() -> bool:
    """The baselines compute what xborder computes (else the ratio means nothing)."""
    return _weigh(UPS) == _bare_ups() and _weigh(DHL) == _bare_dhl()
