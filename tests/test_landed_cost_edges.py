"""Landed cost at the edges: extreme numbers, zero values, payers, every rounding."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest

from xborder._exact import EXACT
from xborder.customs import (
    AdValorem,
    Incoterm,
    Party,
    Regime,
    Specific,
    Tariff,
    TariffMeasure,
    TransportMode,
    presets,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    RuleNotApplicableError,
    XborderError,
)
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import (
    AllocationBasis,
    Charge,
    ChargeKind,
    Cliff,
    Component,
    Decision,
    Figure,
    LandedCost,
    LandedCostWarning,
    Line,
    ReversePrice,
    Shipment,
    allocate_charge,
    allocation_weights,
    landed_cost,
    price_for_landed_cost,
)
from xborder.money import Money, RoundingMode
from xborder.serialize import from_data, to_data
from xborder.units import quantity

DAY = dt.date(2026, 9, 1)
FX = FxTable(
    rates=(FxRate(base="USD", quote="EUR", rate="0.8650", as_of=DAY, source="bank"),),
)
HUGE = Decimal("1E+999999")
TINY = Decimal("1E-999999")


def _line(**kwargs: object) -> Line:
    values: dict[str, object] = {
        "sku": "PH-01",
        "hs_code": "392690",
        "origin_country": "CN",
        "quantity": 200,
        "unit_price": Money("2.35", "USD"),
        "unit_weight": "85 g",
    }
    values.update(kwargs)
    return Line(**values)  # type: ignore[arg-type]


def _shipment(**kwargs: object) -> Shipment:
    values: dict[str, object] = {
        "lines": [_line()],
        "export_country": "CN",
        "destination_country": "DE",
        "incoterm": Incoterm.DDP,
        "mode": TransportMode.AIR,
        "import_date": DAY,
        "freight": Money("38.00", "USD"),
    }
    values.update(kwargs)
    return Shipment(**values)  # type: ignore[arg-type]


def _tariff(code: str = "3926", rate: str = "0.065") -> Tariff:
    return Tariff(measures=[TariffMeasure(hs_code=code, duty=AdValorem(rate))])


def _de() -> Regime:
    return presets.regime("DE", as_of=DAY).with_tariff(_tariff())


def _adds_up(result: LandedCost) -> None:
    """Every figure in whole minor units, >= 0, and the audit trail sums exactly."""
    total = Decimal(0)
    for line in result.lines:
        landed = Decimal(0)
        for figure in line.figures:
            assert figure.amount.amount >= 0
            minor = result.currency.minor_unit
            assert EXACT.remainder(figure.amount.amount, minor) == 0
            landed = EXACT.add(landed, figure.amount.amount)
        assert landed == line.landed_cost.amount
        total = EXACT.add(total, landed)
    assert total == result.total.amount
    assert result.total >= result.totals.goods_value


# -- numbers too large or too small to compute with ------------------------------------
#
# xborder's bounds (smaller than 1E+36, no digit below 1E-100) are checked where a
# number enters: a Money refuses its amount, a line its quantity, naming the field.
# 1 / 1E-999999 (the per-unit cost) or 1E+500000 x 1E+500000 (the goods value) once
# overflowed Decimal mid-computation.

IN_RANGE = "smaller than 1E+36 with no digit below 1E-100"


@pytest.mark.parametrize(
    ("kwargs", "field", "given"),
    [
        ({"quantity": TINY}, "quantity", TINY),
        ({"quantity": HUGE}, "quantity", HUGE),
        ({"quantity": Decimal("1E+500000")}, "quantity", Decimal("1E+500000")),
        ({"quantity": Decimal("1E+36")}, "quantity", Decimal("1E+36")),
        ({"quantity": Decimal("1E-101")}, "quantity", Decimal("1E-101")),
        ({"unit_weight": f"{HUGE} kg"}, "unit_weight", f"{HUGE} kg"),
        # In range as written, out of range in kg, the unit the calculator uses.
        ({"unit_weight": "1E+35 t"}, "unit_weight", "1E+35 t"),
        ({"unit_volume": f"{TINY} cm**3"}, "unit_volume", f"{TINY} cm**3"),
        ({"tariff_quantities": {"pair": HUGE}}, "tariff_quantities['pair']", HUGE),
        (
            {"tariff_quantities": {"l": f"{HUGE} l"}},
            "tariff_quantities['l']",
            f"{HUGE} l",
        ),
    ],
)
def test_line_numbers_out_of_range_are_refused_by_name(
    kwargs: dict[str, object], field: str, given: object
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        _line(**kwargs)
    assert caught.value.field == field
    assert caught.value.value == given
    if isinstance(given, Decimal):  # a quantity with a unit: units' own words
        assert IN_RANGE in str(caught.value)


@pytest.mark.parametrize("amount", [HUGE, TINY, Decimal("1E+36"), Decimal("1E-101")])
def test_money_out_of_range_is_refused_before_it_reaches_a_line(
    amount: Decimal,
) -> None:
    # Money(HUGE, ...) could once be built and was refused by the line; now the
    # Money itself refuses it, so no model can hold it.
    with pytest.raises(InvalidInputError) as caught:
        Money(amount, "USD")
    assert caught.value.field == "amount"
    assert caught.value.value == amount
    assert IN_RANGE in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"volumetric_divisor": TINY}, "volumetric_divisor"),
        ({"volumetric_divisor": Decimal("1E+36")}, "volumetric_divisor"),
        (
            {
                "charges": [
                    Charge(name="x", amount=Money(1, "USD"), kind=ChargeKind.BROKER),
                    {"bad": True},
                ]
            },
            "charges[1]",
        ),
    ],
)
def test_shipment_numbers_out_of_range_are_refused_by_name(
    kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(XborderError) as caught:
        _shipment(**kwargs)
    assert caught.value.field == field


def test_enormous_but_reachable_values_still_add_up() -> None:
    big = _line(quantity=Decimal("1E+30"), unit_price=Money("123456.789", "USD"))
    small = _line(sku="PH-02", quantity=Decimal("1E-30"), unit_price=Money(1, "USD"))
    result = landed_cost(_shipment(lines=[big, small]), _de(), fx=FX, as_of=DAY)
    _adds_up(result)
    assert result.lines[0].goods_value.amount > Decimal("1E+34")


# -- zero values -----------------------------------------------------------------------


def test_a_zero_value_line_takes_no_value_share_and_pays_no_duty() -> None:
    free = _line(sku="SAMPLE", unit_price=Money(0, "USD"))
    result = landed_cost(_shipment(lines=[_line(), free]), _de(), fx=FX, as_of=DAY)
    _adds_up(result)
    sample = result.lines[1]
    assert sample.freight.is_zero()
    assert sample.duty.is_zero()
    assert sample.landed_cost.is_zero()


def test_zero_freight_over_zero_value_lines_is_nothing_to_share() -> None:
    # A zero cost has nothing to split: no all-zero-basis error for it.
    samples = [
        _line(sku="A", unit_price=Money(0, "USD")),
        _line(sku="B", unit_price=Money(0, "USD")),
    ]
    result = landed_cost(
        _shipment(lines=samples, freight=Money(0, "USD")), _de(), fx=FX, as_of=DAY
    )
    _adds_up(result)
    assert result.total.is_zero()


def test_freight_over_zero_value_lines_is_still_refused() -> None:
    samples = [
        _line(sku="A", unit_price=Money(0, "USD")),
        _line(sku="B", unit_price=Money(0, "USD")),
    ]
    with pytest.raises(InvalidInputError) as caught:
        landed_cost(_shipment(lines=samples), _de(), fx=FX, as_of=DAY)
    assert caught.value.field == "freight_basis"
    by_quantity = _shipment(lines=samples, freight_basis=AllocationBasis.QUANTITY)
    _adds_up(landed_cost(by_quantity, _de(), fx=FX, as_of=DAY))


# -- who pays --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("incoterm", "payer", "warned"),
    [
        (Incoterm.DDP, Party.BUYER, True),  # contradicts "delivered duty paid"
        (Incoterm.DAP, Party.SELLER, True),  # "DDP by the back door"
        (Incoterm.DDP, Party.SELLER, False),
        (Incoterm.DAP, None, False),
    ],
)
def test_a_payer_override_against_the_incoterm_is_warned(
    incoterm: Incoterm, payer: Party | None, *, warned: bool
) -> None:
    shipment = _shipment(incoterm=incoterm, duties_paid_by=payer)
    result = landed_cost(shipment, _de(), fx=FX, as_of=DAY)
    codes = [warning.code for warning in result.warnings]
    assert ("payer-override" in codes) is warned
    duty = next(f for f in result.figures if f.component is Component.DUTY)
    assert duty.payer is shipment.import_payer  # the override decides


# -- every rounding policy, Japan's total step included --------------------------------


@pytest.mark.parametrize("mode", [None, *RoundingMode])
@pytest.mark.parametrize(
    ("country", "prices"),
    [
        ("JP", ["534795", "126258", "999"]),  # base ¥1,000, line ¥100, total ¥100
        ("GB", ["40.25", "0.01", "115.00"]),
        ("US", ["800.00", "0.01"]),
        ("AU", ["999.99", "0.02"]),
    ],
)
def test_the_audit_trail_adds_up_under_every_rounding(
    country: str, prices: list[str], mode: RoundingMode | None
) -> None:
    regime = presets.regime(country, as_of=DAY).with_tariff(_tariff(rate="0.069"))
    currency = regime.currency.code
    lines = [
        _line(sku=f"S{i}", quantity=1, unit_price=Money(p, currency))
        for i, p in enumerate(prices)
    ]
    shipment = _shipment(
        lines=lines,
        destination_country=country,
        freight=Money(1000 if currency == "JPY" else "7.77", currency),
    )
    result = landed_cost(shipment, regime, fx=None, as_of=DAY, rounding=mode)
    _adds_up(result)


# -- the allocation helpers, called directly -------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (
            lambda: allocate_charge(Money(10, "USD"), [], AllocationBasis.EQUAL),
            InvalidInputError,
            "lines",
        ),
        (
            lambda: allocate_charge(
                Money(10, "USD"),
                None,  # type: ignore[arg-type]
                AllocationBasis.EQUAL,
            ),
            InvalidTypeError,
            "lines",
        ),
        (
            lambda: allocate_charge(
                Money(10, "USD"),
                [_line(), 2],  # type: ignore[list-item]
                AllocationBasis.EQUAL,
            ),
            InvalidTypeError,
            "lines[1]",
        ),
        (
            lambda: allocation_weights(
                [_line(), "x"],  # type: ignore[list-item]
                AllocationBasis.EQUAL,
            ),
            InvalidTypeError,
            "lines[1]",
        ),
        (
            lambda: allocate_charge(
                Money(10, "USD"),
                [_line(), _line()],
                AllocationBasis.VALUE,
                values=[Money(1, "EUR"), Money(1, "USD")],
            ),
            CurrencyMismatchError,
            "values[0]",
        ),
        (
            lambda: allocate_charge(
                Money(10, "USD"),
                [_line(), _line()],
                AllocationBasis.VALUE,
                values=[Money(1, "USD"), 2],  # type: ignore[list-item]
            ),
            InvalidTypeError,
            "values[1]",
        ),
        (
            lambda: allocate_charge(
                Money(10, "USD"),
                [_line(), _line()],
                AllocationBasis.DUTY,
                duties=[Money(-1, "USD"), Money(2, "USD")],
            ),
            InvalidInputError,
            "duties[0]",
        ),
        (
            lambda: allocate_charge(
                Money(10, "USD"),
                [_line(unit_volume="1 l")],
                AllocationBasis.CHARGEABLE_WEIGHT,
                volumetric_divisor=TINY,
            ),
            InvalidInputError,
            "volumetric_divisor",
        ),
        (
            lambda: allocation_weights(
                [_line(), _line()],
                AllocationBasis.VALUE,
                values=[None, Money(1, "USD")],  # type: ignore[list-item]
            ),
            InvalidTypeError,
            "values[0]",
        ),
        (
            lambda: allocation_weights(
                [_line(), _line()],
                AllocationBasis.VALUE,
                values=[Money(1, "USD"), Money(1, "EUR")],
            ),
            CurrencyMismatchError,
            "values[1]",
        ),
        (
            lambda: allocate_charge(
                Money(10, "USD"),
                [_line()],
                AllocationBasis.DUTY,
                duties=Decimal(1),  # type: ignore[arg-type]
            ),
            InvalidTypeError,
            "duties",
        ),
    ],
)
def test_allocation_helpers_name_the_bad_argument(
    call: object, error: type[XborderError], field: str
) -> None:
    with pytest.raises(error) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field


def test_a_zero_amount_splits_into_zeros_whatever_the_basis() -> None:
    lines = [_line(), _line(sku="PH-02")]
    zeros = [Money("0.00", "USD")] * 2
    shares = allocate_charge(
        Money("0.00", "USD"), lines, AllocationBasis.VALUE, values=zeros
    )
    assert shares == (Money("0.00", "USD"), Money("0.00", "USD"))


# -- reverse pricing -------------------------------------------------------------------


def test_reverse_pricing_refuses_a_non_regime_by_name() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        price_for_landed_cost(
            _shipment(),
            None,  # type: ignore[arg-type]
            target=Money(500, "EUR"),
            fx=FX,
            as_of=DAY,
        )
    assert caught.value.field == "regime"


def test_an_unreachable_target_reports_the_target_as_its_value() -> None:
    target = Money("1E+30", "EUR")
    with pytest.raises(RuleNotApplicableError) as caught:
        price_for_landed_cost(_shipment(), _de(), target=target, fx=FX, as_of=DAY)
    assert caught.value.field == "target"
    assert caught.value.value == target
    assert "highest unit price searched" in str(caught.value)


# -- FX missing for one amount -----------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"freight": Money(100, "JPY")}, "freight"),
        ({"insurance": Money(1, "GBP")}, "insurance"),
        (
            {
                "charges": [
                    Charge(
                        name="broker", amount=Money(9, "CHF"), kind=ChargeKind.BROKER
                    )
                ]
            },
            "charges[0].amount",
        ),
        (
            {"lines": [_line(), _line(sku="PH-02", unit_price=Money(300, "JPY"))]},
            "lines[1].unit_price",
        ),
    ],
)
def test_a_rate_missing_from_the_table_names_the_amount(
    kwargs: dict[str, object], field: str
) -> None:
    # The table's own error named its argument ('quote'), not the amount.
    with pytest.raises(MissingFxRateError) as caught:
        landed_cost(_shipment(**kwargs), _de(), fx=FX, as_of=DAY)
    assert caught.value.field == field


def test_a_specific_duty_in_a_currency_without_a_rate_names_the_line() -> None:
    per_kg = Specific(amount=Money("1.00", "GBP"), measure="kg")
    tariff = Tariff(measures=[TariffMeasure(hs_code="3926", duty=per_kg)])
    with pytest.raises(MissingFxRateError) as caught:
        landed_cost(_shipment(), _de().with_tariff(tariff), fx=FX, as_of=DAY)
    assert caught.value.field == "lines[0].fx"
    assert caught.value.value == "GBP→EUR"


@pytest.mark.parametrize(
    ("quoted", "warned"),
    [(dt.date(2026, 9, 2), True), (DAY, False), (dt.date(2026, 8, 26), False)],
)
def test_a_rate_quoted_after_the_day_is_warned(
    quoted: dt.date, *, warned: bool
) -> None:
    rate = FxRate(base="USD", quote="EUR", rate="0.8650", as_of=quoted, source="ECB")
    result = landed_cost(_shipment(), _de(), fx=FxTable(rates=(rate,)), as_of=DAY)
    found = [w for w in result.warnings if w.code == "fx-date"]
    assert bool(found) is warned
    if warned:
        assert "2026-09-02" in found[0].message
        assert found[0].source == "ECB"


@pytest.mark.parametrize(
    ("incoterm", "mode", "warned"),
    [
        (Incoterm.FOB, TransportMode.AIR, True),
        (Incoterm.CIF, TransportMode.COURIER, True),
        (Incoterm.FOB, TransportMode.OCEAN, False),
        (Incoterm.FCA, TransportMode.AIR, False),
    ],
)
def test_a_sea_only_incoterm_off_the_sea_is_warned(
    incoterm: Incoterm, mode: TransportMode, *, warned: bool
) -> None:
    shipment = _shipment(incoterm=incoterm, mode=mode)
    result = landed_cost(shipment, _de(), fx=FX, as_of=DAY)
    codes = [warning.code for warning in result.warnings]
    assert ("incoterm-mode" in codes) is warned


@pytest.mark.parametrize("cost", ["import duties and taxes", "freight", None])
def test_an_incoterm_payer_needs_a_cost_member(cost: object) -> None:
    # "import duties and taxes" equals the StrEnum member's value: it was
    # accepted, and any other string silently read as the buyer's cost.
    with pytest.raises(InvalidTypeError) as caught:
        Incoterm.DDP.payer(cost)  # type: ignore[arg-type]
    assert caught.value.field == "cost"
    assert caught.value.value == cost


@pytest.mark.parametrize("party", ["buyer", None])
def test_paid_by_needs_a_party(party: object) -> None:
    # "buyer" silently bore nothing (0 EUR).
    result = landed_cost(_shipment(), _de(), fx=FX, as_of=DAY)
    with pytest.raises(InvalidTypeError) as caught:
        result.paid_by(party)  # type: ignore[arg-type]
    assert caught.value.field == "party"


# -- issue 13: hostile values in results and arguments ---------------------------------


def _result() -> LandedCost:
    return landed_cost(_shipment(), _de(), fx=FX, as_of=DAY)


def _answer() -> ReversePrice:
    shipment = _shipment(lines=[_line(quantity=1)], freight=Money("30.00", "EUR"))
    target = Money("160.00", "EUR")
    return price_for_landed_cost(shipment, _de(), target=target, fx=FX, as_of=DAY)


RESULT = _result()
LINE = RESULT.lines[0]
FIGURE = LINE.figures[0]
TOTALS = RESULT.totals
ANSWER = _answer()
CLIFF = Cliff(
    rules=("EU-150",),
    below=Money("150.00", "EUR"),
    above=Money("150.01", "EUR"),
    landed_below=Money("180.00", "EUR"),
    landed_above=Money("190.00", "EUR"),
)
_DAY_QUANTITY = quantity(1, "day")


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [
        # Result classes took anything, then from_data refused their to_data.
        (lambda v: attrs.evolve(RESULT, as_of=v), InvalidInputError, "as_of", "١٢٣"),
        (
            lambda v: attrs.evolve(RESULT, rates=v),
            InvalidTypeError,
            "rates",
            _DAY_QUANTITY,
        ),
        (
            lambda v: attrs.evolve(RESULT, currency=v),
            InvalidTypeError,
            "currency",
            None,
        ),
        (lambda v: attrs.evolve(LINE, quantity=v), InvalidInputError, "quantity", HUGE),
        (lambda v: attrs.evolve(LINE, duty=v), InvalidTypeError, "duty", Decimal("-0")),
        (lambda v: attrs.evolve(LINE, figures=v), InvalidTypeError, "figures", "x"),
        (lambda v: attrs.evolve(TOTALS, fees=v), InvalidTypeError, "fees", "١٢٣"),
        (lambda v: attrs.evolve(FIGURE, amount=v), InvalidTypeError, "amount", 1),
        (lambda v: attrs.evolve(FIGURE, payer=v), InvalidTypeError, "payer", "buyer"),
        (lambda v: attrs.evolve(FIGURE, detail=v), InvalidTypeError, "detail", b"x"),
        (
            lambda v: Decision(rule="r", outcome=v),
            InvalidTypeError,
            "outcome",
            Decimal(1),
        ),
        (
            lambda v: LandedCostWarning(code=v, message="m"),
            InvalidTypeError,
            "code",
            None,
        ),
        (lambda v: attrs.evolve(CLIFF, above=v), InvalidTypeError, "above", "150.01"),
        (
            lambda v: attrs.evolve(CLIFF, rules=v),
            InvalidTypeError,
            "rules",
            _DAY_QUANTITY,
        ),
        (lambda v: attrs.evolve(ANSWER, cliff=v), InvalidTypeError, "cliff", "١٢٣"),
        (
            lambda v: attrs.evolve(ANSWER, warnings=v),
            InvalidTypeError,
            "warnings",
            Decimal(1),
        ),
        # Arguments: a scalar quantity where a sequence belongs, an array as a name.
        (
            lambda v: _line(tariff_quantities=v),
            InvalidTypeError,
            "tariff_quantities",
            _DAY_QUANTITY,
        ),
        (_line().tariff_quantity, InvalidTypeError, "measure", ["kg"]),
        (
            lambda v: allocation_weights([_line()], AllocationBasis.VALUE, values=v),
            InvalidTypeError,
            "values",
            _DAY_QUANTITY,
        ),
    ],
)
def test_hostile_values_are_refused_by_name(
    call: object, error: type[XborderError], field: str, value: object
) -> None:
    with pytest.raises(error) as caught:
        call(value)  # type: ignore[operator]
    assert caught.value.field == field
    assert caught.value.value is value


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"duty": Money("1.00", "EUR")}, "landed_cost"),  # no longer the sum
        ({"customs_value": Money("1.00", "USD")}, "customs_value"),
    ],
)
def test_a_line_result_refuses_inconsistent_amounts(
    change: dict[str, Any], field: str
) -> None:
    with pytest.raises(XborderError) as caught:
        attrs.evolve(LINE, **change)
    assert caught.value.field == field


def test_a_landed_cost_refuses_figures_that_are_not_its_lines() -> None:
    with pytest.raises(InvalidInputError) as caught:
        attrs.evolve(RESULT, figures=RESULT.figures[1:])
    assert caught.value.field == "figures"


def test_an_iso_day_is_read_as_a_date_and_reads_back() -> None:
    # LandedCost(as_of="2019-12-28", ...) kept the str; from_data refused it.
    moved = attrs.evolve(RESULT, as_of="2019-12-28", lines=list(RESULT.lines))
    assert moved.as_of == dt.date(2019, 12, 28)
    assert moved.lines == RESULT.lines
    assert from_data(LandedCost, to_data(moved)) == moved
    assert pickle.loads(pickle.dumps(moved)) == moved  # noqa: S301 - our own bytes
    assert from_data(Figure, to_data(FIGURE)) == FIGURE
    assert from_data(ReversePrice, to_data(ANSWER)) == ANSWER
    assert from_data(Cliff, to_data(CLIFF)) == CLIFF
