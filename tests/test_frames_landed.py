"""xborder.frames.landed_cost equals the scalar landed cost, line for line.

Shipments are drawn from the shipped strategies (lines, charges, regimes
with thresholds, schemes, fees, rounding policies, tariffs of every duty
expression), turned into tables with :func:`xborder.frames.to_tables`, and
every output column must equal :func:`xborder.landed_cost.landed_cost` on
the same shipment, to the last digit. A shipment the scalar refuses has
every line in the errors table, with empty results. Credits (negative
charges) are drawn too, against a charge of their kind or on their own:
a line a credit leaves below nothing is refused on ``charges`` with the
scalar's value and message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from typing import Any

import attrs
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder import customs, frames
from xborder.customs import (
    AdValorem,
    Collector,
    FlatPerTariffLine,
    MeasureKind,
    Regime,
    Tariff,
    TariffMeasure,
    TransportMode,
    presets,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.frames import _landed_run
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import (
    AllocationBasis,
    Charge,
    ChargeKind,
    Line,
    Shipment,
    landed_cost,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.testing.strategies import (
    charges,
    duty_expressions,
    lines,
    regimes,
    shipments,
)

DAY = dt.date(2026, 9, 1)
FX = FxTable(
    rates=(
        FxRate(base="EUR", quote="USD", rate="1.08", as_of=DAY),
        FxRate(base="USD", quote="GBP", rate="0.7610", as_of=DAY),
    )
)
MONEY = ("customs_value", "goods_value", "freight", "insurance", "charges", "duty",
         "additional_duties", "excise", "taxes", "fees", "landed_cost",
         "landed_cost_per_unit", "recoverable_taxes", "landed_cost_net",
         "landed_cost_net_per_unit")  # fmt: skip
CURRENCIES = st.sampled_from([Currency("EUR"), Currency("USD")])


@st.composite
def catalogues(
    draw: st.DrawFn, *, max_shipments: int = 4
) -> tuple[Shipment, dict[str, Shipment], Regime]:
    """A template, shipments sharing its terms, and a regime with their tariff."""
    template = draw(shipments(currency=CURRENCIES, max_lines=1))
    # A shipments table gives each charge's amounts in a column named as it.
    drawn_charges = [
        attrs.evolve(charge, name=f"{charge.name} {index}")
        for index, charge in enumerate(template.charges)
    ]
    drawn_charges += draw(_credits(drawn_charges))
    template = attrs.evolve(template, charges=drawn_charges)
    drawn: dict[str, Shipment] = {}
    for index in range(draw(st.integers(1, max_shipments))):
        items = draw(st.lists(lines(currency=CURRENCIES), min_size=1, max_size=5))
        export = draw(
            st.sampled_from(["CN", "VN", template.export_country]).filter(
                lambda code: code != template.destination_country
            )
        )
        amounts = [
            attrs.evolve(
                charge,
                amount=Money(
                    draw(
                        st.decimals(-100, 0, places=2)
                        if charge.is_credit
                        else st.decimals(0, 100, places=2)
                    ),
                    charge.amount.currency,
                ),
            )
            for charge in template.charges
        ]
        freight = draw(st.one_of(st.none(), st.decimals(0, 200, places=2).map(_euros)))
        drawn[f"S{index}"] = attrs.evolve(
            template,
            lines=items,
            export_country=export,
            mode=draw(st.sampled_from(list(TransportMode))),
            collector=draw(st.one_of(st.none(), st.sampled_from(list(Collector)))),
            freight=freight,
            charges=amounts,
        )
    regime = draw(
        regimes(
            country=st.just(template.destination_country),
            tariff=st.just(draw(_tariffs(drawn))),
        )
    )
    return template, drawn, regime


@st.composite
def _credits(draw: st.DrawFn, drawn: list[Charge]) -> list[Charge]:
    """No credit, a credit note against a charge (its kind and basis), or any credit.

    A credit against a charge of its kind is often within it, and so
    computed; one on its own reduces only the line's charges and any
    others of its kind, and is often refused.
    """
    against = st.sampled_from(drawn).map(
        lambda charge: attrs.evolve(
            charge, name=f"credit on {charge.name}", amount=-charge.amount
        )
    )
    alone = charges(currency=CURRENCIES, allow_credits=True).map(
        lambda charge: attrs.evolve(charge, name=f"{charge.name} credit")
    )
    credit = draw(st.one_of(st.none(), against, alone) if drawn else st.none())
    if credit is None or not credit.is_credit:
        return []
    return [credit]


def _euros(amount: Decimal) -> Money:
    return Money(amount, "EUR")


@st.composite
def _tariffs(draw: st.DrawFn, drawn: dict[str, Shipment]) -> Tariff:
    """A row per code (but a few missing), and additional or excise rows on prefixes."""
    rows = []
    codes = sorted({line.hs_code.digits for s in drawn.values() for line in s.lines})
    for code in codes:
        if draw(st.sampled_from([False] * 12 + [True])):
            continue  # a code the tariff lacks: its shipment is refused
        rows.append(TariffMeasure(hs_code=code, duty=draw(duty_expressions())))
        if draw(st.booleans()):
            kind = draw(
                st.sampled_from(
                    [
                        MeasureKind.ANTI_DUMPING,
                        MeasureKind.EXCISE,
                        MeasureKind.RETALIATORY,
                    ]
                )
            )
            rows.append(
                TariffMeasure(
                    hs_code=code[:4], duty=draw(duty_expressions()), kind=kind
                )
            )
    unique = {(row.hs_code.digits, row.kind): row for row in rows}
    return Tariff(measures=unique.values())


def _compare(
    drawn: dict[str, Shipment],
    regime: Regime,
    result: frames.LandedCostTables,
    rounding: RoundingMode | None = None,
) -> Counter[str]:
    """Every line against the scalar calculator: counts of lines computed, refused."""
    table, errors = result.lines, result.errors
    refused = set(errors.get_column("row").to_list())
    totals = {row["shipment"]: row for row in result.shipments.iter_rows(named=True)}
    seen: Counter[str] = Counter()
    row = 0
    for key, shipment in drawn.items():
        try:
            scalar = landed_cost(shipment, regime, fx=FX, as_of=DAY, rounding=rounding)
        except XborderError as error:
            _same_credit_refusal(error, errors, row)
            for _ in shipment.lines:
                assert row in refused, (key, row, errors)
                assert table.row(row, named=True)["landed_cost"] is None
                row += 1
                seen["refused"] += 1
            continue
        for line in scalar.lines:
            got = table.row(row, named=True)
            assert row not in refused, errors.filter(pl.col("row") == row).to_dicts()
            expected = {name: getattr(line, name).amount for name in MONEY}
            assert {name: got[name] for name in MONEY} == expected, (key, line.index)
            assert got["landed_currency"] == regime.currency.code
            taxes = [got[c] for c in got if c.startswith("tax[") and got[c] is not None]
            assert sum(taxes, Decimal(0)) == got["taxes"]
            row += 1
            seen["computed"] += 1
        shipment_totals = scalar.totals
        for name in ("customs_value", "landed_cost", "recoverable_taxes"):
            assert totals[key][name] == getattr(shipment_totals, name).amount
        assert totals[key]["landed_cost_net"] == shipment_totals.landed_cost_net.amount
    return seen


def _same_credit_refusal(error: XborderError, errors: pl.DataFrame, first: int) -> None:
    """A credit refused on line i: the frame's row i, with the same field and value."""
    if error.field != "charges":
        return
    found = re.search(r"on line (\d+) ", str(error))
    assert found is not None, error
    row = first + int(found.group(1))
    reported = errors.filter((pl.col("row") == row) & (pl.col("field") == "charges"))
    assert reported.height == 1, (row, errors)
    assert reported.item(0, "value") == str(error.value)
    assert reported.item(0, "message") == (
        f"charges: expected {error.expected}, got {error.value}"
    )


@settings(max_examples=60)
@given(
    catalogue=catalogues(),
    rounding=st.one_of(st.none(), st.sampled_from(list(RoundingMode))),
)
def test_every_column_equals_the_scalar_landed_cost(
    catalogue: tuple[Shipment, dict[str, Shipment], Regime],
    rounding: RoundingMode | None,
) -> None:
    template, drawn, regime = catalogue
    line_table, shipment_table = frames.to_tables(drawn)
    result = frames.landed_cost(
        line_table,
        regime,
        template=template,
        shipments=shipment_table,
        fx=FX,
        as_of=DAY,
        rounding=rounding,
    )
    _compare(drawn, regime, result, rounding)


def test_drawn_catalogues_are_computed_by_columns_not_the_scalar_fallback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The property test above must test the column engine: with rates used
    # forwards and divisors that terminate, no shipment goes to the scalar.
    def refuse(*_: object) -> object:
        raise AssertionError("the scalar fallback ran")

    monkeypatch.setattr(_landed_run, "_by_scalar", refuse)
    seen: Counter[str] = Counter()

    @settings(max_examples=25, database=None)
    @given(catalogue=catalogues())
    def check(catalogue: tuple[Shipment, dict[str, Shipment], Regime]) -> None:
        template, drawn, regime = catalogue
        line_table, shipment_table = frames.to_tables(drawn)
        result = frames.landed_cost(
            line_table,
            regime,
            template=template,
            shipments=shipment_table,
            fx=FX,
            as_of=DAY,
        )
        seen.update(_compare(drawn, regime, result))

    check()
    assert seen["computed"] > 0


# -- worked examples -----------------------------------------------------------------

RATE = TariffMeasure(hs_code="392690", duty=AdValorem("0.06"))
GB = presets.regime("GB", as_of=DAY).with_tariff(Tariff(measures=[RATE]))
TERMS = Shipment(
    lines=[
        Line(
            sku="-",
            hs_code="392690",
            origin_country="CN",
            quantity=1,
            unit_price=Money(0, "GBP"),
        )
    ],
    export_country="CN",
    destination_country="GB",
    incoterm=customs.Incoterm.DDP,
    mode=TransportMode.AIR,
    import_date=DAY,
    freight=Money("20.00", "GBP"),
)
ROWS = {
    "shipment": ["A", "A", "B"],
    "sku": ["PH-01", "PH-02", "PH-03"],
    "hs_code": ["392690", "392690", "392690"],
    "origin_country": ["CN", "CN", "CN"],
    "quantity": ["100", "7", "40"],
    "unit_price": ["2.00", "3.33", "1.25"],
}


def _scalar_rows() -> list[Decimal]:
    found = []
    for keys in (("PH-01", "PH-02"), ("PH-03",)):
        items = [
            Line(
                sku=sku,
                hs_code="392690",
                origin_country="CN",
                quantity=ROWS["quantity"][ROWS["sku"].index(sku)],
                unit_price=Money(ROWS["unit_price"][ROWS["sku"].index(sku)], "GBP"),
            )
            for sku in keys
        ]
        shipment = attrs.evolve(TERMS, lines=items)
        found += [
            line.landed_cost.amount
            for line in landed_cost(shipment, GB, fx=None, as_of=DAY).lines
        ]
    return found


def test_the_gb_example_line_for_line() -> None:
    # The landed-cost guide's GB example (6% duty, 20% VAT, £135 relief),
    # two shipments sharing the template's £20.00 freight each.
    result = frames.landed_cost(
        pl.DataFrame(ROWS), GB, template=TERMS, fx=None, as_of=DAY
    )
    assert result.lines.get_column("landed_cost").to_list() == _scalar_rows()
    assert result.errors.is_empty()
    assert result.lines.get_column("duty_rule").to_list() == [
        "third-country duty 3926.90"
    ] * 2 + ["GB-duty-relief-135"]


def test_japan_truncates_each_declaration_total_as_customs_answer_1111() -> None:
    # Japan Customs, Customs Answer 1111: bases truncated to ¥1,000, duty and
    # national tax to ¥100 per item, the local tax (22/78 of the national) to
    # the yen, and each declaration's totals to ¥100, shared back.
    japan = presets.regime("JP", as_of=DAY).with_tariff(
        Tariff(
            measures=[
                TariffMeasure(hs_code="6109", duty=AdValorem("0.109")),
                TariffMeasure(hs_code="4202", duty=AdValorem("0.08")),
            ]
        )
    )
    terms = attrs.evolve(TERMS, destination_country="JP", freight=Money(18450, "JPY"))
    table = pl.DataFrame(
        {
            "shipment": ["D1", "D1", "D2"],
            "sku": ["T-SHIRT", "BAG", "BAG"],
            "hs_code": ["610910", "420221", "420221"],
            "origin_country": ["CN", "CN", "CN"],
            "quantity": [340, 45, 3],
            "unit_price": ["1570", "2150", "23999"],
            "currency": ["JPY", "JPY", "JPY"],
        }
    )
    result = frames.landed_cost(table, japan, template=terms, fx=None, as_of=DAY)
    shipments = frames.to_shipments(table, japan, template=terms)
    expected = [
        line
        for shipment in shipments.values()
        for line in landed_cost(shipment, japan, fx=None, as_of=DAY).lines
    ]
    for name in MONEY:
        assert result.lines.get_column(name).to_list() == [
            getattr(line, name).amount for line in expected
        ], name
    assert result.lines.schema["duty"] == pl.Decimal(18, 0)


# -- tables of every library ---------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        pl.DataFrame,
        lambda rows: pl.DataFrame(rows).lazy(),
        pd.DataFrame,
        lambda rows: pd.DataFrame(rows).convert_dtypes(dtype_backend="pyarrow"),
        pa.table,
    ],
    ids=["polars", "polars-lazy", "pandas-numpy", "pandas-arrow", "pyarrow"],
)
def test_every_frame_library_gets_the_same_answers_back_in_kind(make: Any) -> None:
    given_table = make(ROWS)
    result = frames.landed_cost(given_table, GB, template=TERMS, fx=None, as_of=DAY)
    assert type(result.lines) is type(given_table)
    back = _as_polars(result.lines)
    assert back.get_column("landed_cost").to_list() == _scalar_rows()
    assert back.schema["landed_cost"] == pl.Decimal(18, 2)
    assert _as_polars(result.shipments).height == 2


def _as_polars(table: Any) -> pl.DataFrame:
    if isinstance(table, pd.DataFrame):
        return pl.from_pandas(table)
    if isinstance(table, pa.Table):
        return pl.DataFrame(pl.from_arrow(table))
    return table.collect() if isinstance(table, pl.LazyFrame) else table


# -- bad rows ------------------------------------------------------------------------


def test_bad_rows_are_reported_with_their_shipment_never_dropped() -> None:
    rows = {
        "shipment": ["A", "A", "B", "C", "D"],
        "sku": ["PH-01", "PH-02", "PH-03", "PH-04", " "],
        "hs_code": ["392690", "851660", "392690", "39a", "392690"],
        "origin_country": ["CN", "CN", "CN", "CN", "CN"],
        "quantity": ["100", "7", "0", "5", "5"],
        "unit_price": ["2.00", "3.33", "1.25", "1.00", "1.00"],
    }
    result = frames.landed_cost(
        pl.DataFrame(rows), GB, template=TERMS, fx=None, as_of=DAY
    )
    assert result.lines.height == 5
    assert result.lines.get_column("landed_cost").to_list() == [None] * 5
    errors = {(row, field) for row, field, *_ in result.errors.iter_rows()}
    assert errors == {
        (0, "shipment"),  # refused with its sibling
        (1, "hs_code"),  # 851660: no rate in the tariff
        (2, "quantity"),
        (3, "hs_code"),
        (4, "sku"),
    }
    message = result.errors.filter(pl.col("row") == 2).get_column("message").item()
    assert message == "quantity: expected a number > 0, got 0"


def test_strict_mode_raises_on_the_first_bad_row() -> None:
    rows = dict(ROWS, quantity=["100", "-7", "40"])
    with pytest.raises(InvalidInputError) as caught:
        frames.landed_cost(
            pl.DataFrame(rows), GB, template=TERMS, fx=None, as_of=DAY, errors="raise"
        )
    assert caught.value.field == "rows[0].shipment"


def test_a_float_money_column_is_refused_by_name_unless_asked() -> None:
    rows = dict(ROWS, unit_price=[2.0, 3.33, 1.25])
    with pytest.raises(InvalidTypeError) as caught:
        frames.landed_cost(pl.DataFrame(rows), GB, template=TERMS, fx=None, as_of=DAY)
    assert caught.value.field == "unit_price"
    read = frames.landed_cost(
        pl.DataFrame(rows), GB, template=TERMS, fx=None, as_of=DAY, floats="shortest"
    )
    assert read.lines.get_column("landed_cost").to_list() == _scalar_rows()


def test_a_shipments_table_overrides_amounts_and_terms_per_shipment() -> None:
    table = pl.DataFrame(
        {
            "shipment": ["A", "B"],
            "freight": ["40.00", None],
            "mode": ["air", "bicycle"],
        }
    )
    result = frames.landed_cost(
        pl.DataFrame(ROWS), GB, template=TERMS, shipments=table, fx=None, as_of=DAY
    )
    items = frames.to_shipments(pl.DataFrame(ROWS), GB, template=TERMS)["A"].lines
    shipment = attrs.evolve(TERMS, lines=items, freight=Money("40.00", "GBP"))
    scalar = landed_cost(shipment, GB, fx=None, as_of=DAY)
    assert result.lines.get_column("freight").to_list()[:2] == [
        line.freight.amount for line in scalar.lines
    ]
    bad = result.errors.filter(pl.col("row") == 2).row(0, named=True)
    assert bad["field"] == "mode"
    assert bad["value"] == "bicycle"


def test_a_rate_used_inverted_sends_its_shipments_to_the_scalar_engine() -> None:
    # GBP → USD exists only as USD → GBP: dividing by it (to 34 digits, as
    # the scalar does) is left to the scalar calculator itself.
    us = presets.regime("US", as_of=DAY).with_tariff(Tariff(measures=[RATE]))
    terms = attrs.evolve(TERMS, destination_country="US", freight=Money("20", "USD"))
    rows = dict(ROWS, currency=["GBP", "GBP", "USD"])
    result = frames.landed_cost(
        pl.DataFrame(rows), us, template=terms, fx=FX, as_of=DAY
    )
    found = frames.to_shipments(pl.DataFrame(rows), us, template=terms)
    expected = [
        line.landed_cost.amount
        for shipment in found.values()
        for line in landed_cost(shipment, us, fx=FX, as_of=DAY).lines
    ]
    assert result.lines.get_column("landed_cost").to_list() == expected
    assert result.errors.is_empty()


def test_a_divisor_whose_inverse_does_not_terminate_is_left_to_the_scalar() -> None:
    terms = attrs.evolve(
        TERMS,
        freight_basis=AllocationBasis.CHARGEABLE_WEIGHT,
        volumetric_divisor=6000,
    )
    rows = dict(ROWS, unit_weight=["0.085", "0.2", "1"], unit_volume=["900", "10", "7"])
    result = frames.landed_cost(
        pl.DataFrame(rows), GB, template=terms, fx=None, as_of=DAY
    )
    found = frames.to_shipments(pl.DataFrame(rows), GB, template=terms)
    expected = [
        line.freight.amount
        for shipment in found.values()
        for line in landed_cost(shipment, GB, fx=None, as_of=DAY).lines
    ]
    assert result.lines.get_column("freight").to_list() == expected


def test_charges_split_by_duty_follow_the_duties() -> None:
    broker = Charge(
        name="broker",
        amount=Money("12.00", "GBP"),
        kind=ChargeKind.BROKER,
        basis=AllocationBasis.DUTY,
    )
    terms = attrs.evolve(TERMS, charges=[broker])
    rows = dict(ROWS, unit_price=["2.00", "3.33", "9.25"])
    result = frames.landed_cost(
        pl.DataFrame(rows), GB, template=terms, fx=None, as_of=DAY
    )
    found = frames.to_shipments(pl.DataFrame(rows), GB, template=terms)
    expected = [
        line.charges.amount
        for shipment in found.values()
        for line in landed_cost(shipment, GB, fx=None, as_of=DAY).lines
    ]
    assert result.lines.get_column("charges").to_list() == expected


def test_a_flat_duty_per_tariff_line_is_charged_once_and_shared() -> None:
    flat = TariffMeasure(hs_code="3926", duty=FlatPerTariffLine(amount=Money(3, "GBP")))
    regime = GB.with_tariff(Tariff(measures=[flat]))
    rows = dict(ROWS, unit_price=["20.00", "30.00", "40.00"])
    result = frames.landed_cost(
        pl.DataFrame(rows), regime, template=TERMS, fx=None, as_of=DAY
    )
    found = frames.to_shipments(pl.DataFrame(rows), regime, template=TERMS)
    expected = [
        line.duty.amount
        for shipment in found.values()
        for line in landed_cost(shipment, regime, fx=None, as_of=DAY).lines
    ]
    # Shipment A pays 3 GBP once for its two 3926 lines, shared by value.
    assert result.lines.get_column("duty").to_list() == expected
    assert sum(expected[:2], Decimal(0)) == expected[2] == Decimal("3.00")


# -- conversions ---------------------------------------------------------------------


def test_tables_and_shipments_convert_both_ways() -> None:
    shipments = frames.to_shipments(pl.DataFrame(ROWS), GB, template=TERMS)
    line_table, shipment_table = frames.to_tables(shipments)
    again = frames.to_shipments(
        line_table, GB, template=TERMS, shipments=shipment_table
    )
    assert again == shipments


def test_from_results_gives_the_frames_answer() -> None:
    shipments = frames.to_shipments(pl.DataFrame(ROWS), GB, template=TERMS)
    results = {
        key: landed_cost(shipment, GB, fx=None, as_of=DAY)
        for key, shipment in shipments.items()
    }
    converted = frames.from_results(results, GB, explain=True)
    direct = frames.landed_cost(
        pl.DataFrame(ROWS), GB, template=TERMS, fx=None, as_of=DAY, explain=True
    )
    for name in (*MONEY, "duty_rule", "scheme", "tax[GB-import-VAT]"):
        assert (
            converted.lines.get_column(name).to_list()
            == direct.lines.get_column(name).to_list()
        ), name
    assert converted.shipments.equals(direct.shipments)
    figures = ("row", "component", "rule", "amount")
    assert sorted(converted.explanation.select(figures).rows()) == sorted(
        direct.explanation.select(figures).rows()
    )


def test_wrong_arguments_raise_naming_them() -> None:
    table = pl.DataFrame(ROWS)
    with pytest.raises(InvalidTypeError) as caught:
        frames.landed_cost(table, GB, template="terms", fx=None, as_of=DAY)  # type: ignore[arg-type]
    assert caught.value.field == "template"
    with pytest.raises(InvalidInputError) as wrong:
        frames.landed_cost(
            table, GB, template=TERMS, fx=None, as_of=DAY, columns={"colour": "c"}
        )
    assert wrong.value.field == "columns"
    us = presets.regime("US", as_of=DAY)
    with pytest.raises(InvalidInputError) as elsewhere:
        frames.landed_cost(table, us, template=TERMS, fx=None, as_of=DAY)
    assert elsewhere.value.field == "regime"
    with pytest.raises(InvalidTypeError) as kind:
        frames.landed_cost([1, 2], GB, template=TERMS, fx=None, as_of=DAY)
    assert kind.value.field == "lines"
