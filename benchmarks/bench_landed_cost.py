"""Landed cost: a 3-line and a 100-line shipment against bare Decimal arithmetic.

And how the time per line grows with the tariff (issue 13): shipments whose
lines carry 100, 1,000 and 10,000 distinct HS codes, each against a fresh
tariff with one row per code (no match remembered from an earlier run), timed
per line (each timing lands 10,000 lines, so every case does the same work).
The goal is a flat time per line: the 10,000-code case within 1.5x of the
100-code case.

The baseline computes the same figures by hand with plain Decimals and ints:
each line's goods converted from USD to GBP, freight and insurance converted
and split by value (largest remainder), the customs value, the £135
threshold tests, duty and import VAT rounded half-up per line, each line's
landed cost and cost per unit, and the totals. xborder does that and also
builds the audit trail (a figure per amount, a decision per rule), checks
every rule's validity and names every rate.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import attrs

from _harness import Case
from xborder.customs import (
    AdValorem,
    Incoterm,
    Regime,
    Tariff,
    TariffMeasure,
    TransportMode,
)
from xborder.customs.presets import regime
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import Line, Shipment, landed_cost
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Callable

DAY = dt.date(2026, 9, 1)
RATE = Decimal("0.7610")
CENT = Decimal("0.01")
DUTY = Decimal("0.06")
VAT = Decimal("0.20")
FX = FxTable(rates=(FxRate(base="USD", quote="GBP", rate=RATE, as_of=DAY),))
GB = regime("GB", as_of=DAY).with_tariff(
    Tariff(measures=[TariffMeasure(hs_code="392690", duty=AdValorem(DUTY))])
)
FREIGHT = Money("38.00", "USD")
INSURANCE = Money("2.00", "USD")


def _lines(count: int) -> list[tuple[Decimal, Decimal]]:
    """(unit price in USD, quantity) per line."""
    return [(Decimal(f"{2 + i % 7}.35"), Decimal(100 + i)) for i in range(count)]


def _shipment(count: int) -> Shipment:
    return Shipment(
        lines=[
            Line(
                sku=f"PH-{index:03}",
                hs_code="3926909790",
                origin_country="CN",
                quantity=quantity,
                unit_price=Money(price, "USD"),
                unit_weight="85 g",
            )
            for index, (price, quantity) in enumerate(_lines(count))
        ],
        export_country="CN",
        destination_country="GB",
        incoterm=Incoterm.DDP,
        mode=TransportMode.AIR,
        import_date=DAY,
        freight=FREIGHT,
        insurance=INSURANCE,
    )


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _split(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    cents = int(total / CENT)
    exponent = min(int(w.as_tuple().exponent) for w in weights)
    ints = [int(w.scaleb(-exponent)) for w in weights]
    basis = sum(ints)
    shares = [cents * w // basis for w in ints]
    rests = [cents * w % basis for w in ints]
    for i in sorted(range(len(ints)), key=lambda i: (-rests[i], i))[
        : cents - sum(shares)
    ]:
        shares[i] += 1
    return [Decimal(share) * CENT for share in shares]


def bare(
    lines: list[tuple[Decimal, Decimal]], duties: list[Decimal] | None = None
) -> dict[str, Decimal]:
    """The same landed cost by hand: plain Decimals, no model, no audit trail.

    ``duties`` is each line's duty rate (default: 6% on every line).
    """
    goods = [_round(price * quantity * RATE) for price, quantity in lines]
    freight = _split(_round(FREIGHT.amount * RATE), goods)
    insurance = _split(_round(INSURANCE.amount * RATE), goods)
    intrinsic = sum(goods, Decimal(0))
    duty_due = intrinsic > 135  # duty relief at or below £135
    vat_at_border = intrinsic > 135  # VAT at sale at or below £135
    totals = dict.fromkeys(("duty", "vat", "landed"), Decimal(0))
    per_unit = []
    for index, (_, quantity) in enumerate(lines):
        value = goods[index] + freight[index] + insurance[index]
        rate = DUTY if duties is None else duties[index]
        duty = _round(value * rate) if duty_due else Decimal(0)
        vat = _round((value + duty) * VAT) if vat_at_border else Decimal(0)
        landed = value + duty + vat
        per_unit.append(_round(landed / quantity))
        totals["duty"] += duty
        totals["vat"] += vat
        totals["landed"] += landed
    return totals


def _check(count: int) -> None:
    """The two computations agree, so the ratio compares the same work."""
    result = landed_cost(_shipment(count), GB, fx=FX, as_of=DAY)
    expected = bare(_lines(count))
    assert result.totals.duty.amount == expected["duty"]
    assert result.totals.taxes.amount == expected["vat"]
    assert result.total.amount == expected["landed"]


# Lines with distinct codes, against a tariff with one row per code.


def _code(index: int) -> str:
    """A distinct ten-digit code in chapter 39 (plastics), 100 per heading."""
    return f"39{index // 100:04d}{index % 100:02d}90"


def _rate(index: int) -> Decimal:
    return Decimal(index % 10) / 100  # 0% to 9%: each row its own rate


def _coded_shipment(count: int) -> Shipment:
    return attrs.evolve(
        _shipment(count),
        lines=[
            attrs.evolve(line, sku=f"SKU-{index:05}", hs_code=_code(index))
            for index, line in enumerate(_shipment(count).lines)
        ],
    )


def _rows(count: int) -> tuple[TariffMeasure, ...]:
    return tuple(
        TariffMeasure(hs_code=_code(index), duty=AdValorem(_rate(index)))
        for index in range(count)
    )


class _PerLine:
    """Seconds per line of landed costs, each run against a fresh tariff.

    Rows are built once. One timing lands the shipment as many times as makes
    ``lines`` lines (100 times for 100 of 10,000, once for 10,000), each time
    against a new :class:`Tariff` of those rows, built before the clock starts
    (so nothing matched in an earlier run is remembered), with the garbage
    collector off as ``timeit`` has it. Every case then does the same work
    per timing, so load from other processes weighs alike on each.
    """

    def __init__(self, count: int, lines: int) -> None:
        self.count = count
        self.runs = max(1, lines // count)
        self.shipment = _coded_shipment(count)
        self.rows = _rows(count)
        self.lines = _lines(count)
        self.duties = [_rate(index) for index in range(count)]

    def check(self) -> None:
        """landed_cost and the bare sum agree, so the ratio compares the same work."""
        result = landed_cost(self.shipment, self._fresh(), fx=FX, as_of=DAY)
        expected = bare(self.lines, self.duties)
        assert result.totals.duty.amount == expected["duty"]
        assert result.total.amount == expected["landed"]

    def _fresh(self) -> Regime:
        return GB.with_tariff(Tariff(measures=self.rows))

    def xborder(self) -> float:
        """landed_cost's seconds per line, on tariffs nothing has read yet."""
        regimes = [self._fresh() for _ in range(self.runs)]
        shipment = self.shipment

        def land() -> None:
            for fresh in regimes:
                landed_cost(shipment, fresh, fx=FX, as_of=DAY)

        return _timed(land) / (self.runs * self.count)

    def bare(self) -> float:
        """The bare sum's seconds per line, each line's rate read from a dict."""
        rates = {_code(i): rate for i, rate in enumerate(self.duties)}
        codes = [_code(i) for i in range(self.count)]

        def land() -> None:
            for _ in range(self.runs):
                bare(self.lines, [rates[code] for code in codes])

        return _timed(land) / (self.runs * self.count)


def _timed(function: Callable[[], object]) -> float:
    """Seconds of one call, garbage collector off (as ``timeit`` has it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        function()
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


def _scaling(*, quick: bool) -> list[Case]:
    counts = (10, 30, 100) if quick else (100, 1_000, 10_000)
    runs = {count: _PerLine(count, lines=counts[-1]) for count in counts}
    for per_line in runs.values():
        per_line.check()
    cases = [
        Case(
            f"landed_cost per line, {count:,} codes, fresh tariff",
            runs[count].xborder,
            runs[count].bare,
            "same figures in bare Decimal, dict rates",
            self_timed=True,
        )
        for count in counts
    ]
    small, large = runs[counts[0]], runs[counts[-1]]
    cases.append(
        Case(
            f"landed_cost per line, {counts[-1]:,} vs {counts[0]:,} codes",
            large.xborder,
            small.xborder,
            f"per line at {counts[0]:,} codes",
            goal=1.5,
            self_timed=True,
        )
    )
    return cases


def cases(*, quick: bool) -> list[Case]:
    """Landed cost of a 3-line and a 100-line shipment, and how cost scales."""
    big = 20 if quick else 100
    small_shipment, big_shipment, one = _shipment(3), _shipment(big), _shipment(1)
    small_lines, big_lines = _lines(3), _lines(big)
    for count in (1, 3, big):
        _check(count)
    return [
        Case(
            "landed_cost, 3 lines (GB, FX, audit trail)",
            lambda: landed_cost(small_shipment, GB, fx=FX, as_of=DAY),
            lambda: bare(small_lines),
            "same figures in bare Decimal",
            goal=10,
            number=300,
        ),
        Case(
            f"landed_cost, {big} lines",
            lambda: landed_cost(big_shipment, GB, fx=FX, as_of=DAY),
            lambda: bare(big_lines),
            "same figures in bare Decimal",
            goal=10,
            number=20,
        ),
        Case(
            f"landed_cost, {big} lines vs 1 line",
            lambda: landed_cost(big_shipment, GB, fx=FX, as_of=DAY),
            lambda: landed_cost(one, GB, fx=FX, as_of=DAY),
            "landed_cost of 1 line",
            goal=40,
            number=20,
        ),
        *_scaling(quick=quick),
    ]
