"""Credits: negative shipment charges, shared like charges, never below nothing."""

from __future__ import annotations

import datetime as dt

import attrs
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder import customs, frames
from xborder.customs import presets
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import (
    AllocationBasis,
    Charge,
    ChargeKind,
    Component,
    Figure,
    LandedCost,
    Line,
    Shipment,
    allocate_charge,
    landed_cost,
)
from xborder.landed_cost.rules import NetOfCredits, net_of_credits
from xborder.money import Currency, Money
from xborder.testing import strategies as xst

DAY = dt.date(2026, 9, 1)
GB = presets.regime("GB", as_of=DAY).with_tariff(
    customs.Tariff(
        measures=[
            customs.TariffMeasure(hs_code="392690", duty=customs.AdValorem("0.06"))
        ]
    )
)
LINES = (
    Line(sku="A", hs_code="392690", origin_country="CN", quantity=100,
         unit_price=Money("2.00", "GBP")),
    Line(sku="B", hs_code="392690", origin_country="CN", quantity=50,
         unit_price=Money("2.00", "GBP")),
)  # fmt: skip
FX = FxTable(rates=(FxRate(base="EUR", quote="USD", rate="1.08", as_of=DAY),))


def _landed(*charges: Charge) -> LandedCost:
    shipment = Shipment(
        lines=LINES,
        export_country="CN",
        destination_country="GB",
        incoterm=customs.Incoterm.DDP,
        mode=customs.TransportMode.AIR,
        import_date=DAY,
        freight=Money("20.00", "GBP"),
        charges=charges,
    )
    return landed_cost(shipment, GB, fx=None, as_of=DAY)


def _charge(amount: str, kind: ChargeKind = ChargeKind.OTHER) -> Charge:
    return Charge(name=f"{kind.value} {amount}", amount=Money(amount, "GBP"), kind=kind)


# -- examples -------------------------------------------------------------------------


def test_a_credit_on_an_addition_lowers_the_customs_value_and_the_duty() -> None:
    # Packing £12 billed, then a £6 credit note: the customs value carries
    # £6 of packing, shared by value (100 and 50 units at £2).
    billed = _landed(_charge("12.00", ChargeKind.ADDITION))
    credited = _landed(
        _charge("12.00", ChargeKind.ADDITION), _charge("-6.00", ChargeKind.ADDITION)
    )
    net = _landed(_charge("6.00", ChargeKind.ADDITION))
    assert [str(line.customs_value) for line in credited.lines] == [
        "217.33 GBP",
        "108.67 GBP",
    ]
    assert credited.totals.customs_value == net.totals.customs_value
    assert credited.totals.duty == net.totals.duty < billed.totals.duty
    assert credited.totals == net.totals


def test_a_credit_on_onward_transport_lowers_the_vat_base_not_the_duty() -> None:
    onward = ChargeKind.ONWARD_TRANSPORT
    credited = _landed(_charge("30.00", onward), _charge("-10.00", onward))
    net = _landed(_charge("20.00", onward))
    assert credited.totals.duty == net.totals.duty
    assert credited.totals.taxes == net.totals.taxes
    assert credited.totals.charges == Money("20.00", "GBP")


def test_a_credit_is_a_negative_charge_figure_and_says_so() -> None:
    rebate = _charge("-3.00")
    assert rebate.is_credit
    assert not _charge("3.00").is_credit
    result = _landed(_charge("9.00"), rebate)
    shares = [
        f.amount
        for f in result.figures
        if f.component is Component.CHARGE and f.label == rebate.name
    ]
    assert [str(share) for share in shares] == ["-2.00 GBP", "-1.00 GBP"]
    assert result.totals.charges == Money("6.00", "GBP")


# -- laws -----------------------------------------------------------------------------


@given(
    amount=xst.money_values(
        currency=st.just(Currency("EUR")), min_value=-10_000, max_value=0
    ),
    quantities=st.lists(st.integers(1, 1000), min_size=1, max_size=6),
    basis=st.sampled_from([AllocationBasis.EQUAL, AllocationBasis.QUANTITY]),
)
def test_a_credit_is_shared_exactly_with_no_share_above_zero(
    amount: Money, quantities: list[int], basis: AllocationBasis
) -> None:
    lines = [
        Line(sku=f"S{i}", hs_code="392690", origin_country="CN", quantity=q,
             unit_price=Money(1, "EUR"))
        for i, q in enumerate(quantities)
    ]  # fmt: skip
    shares = allocate_charge(amount, lines, basis)
    assert Money.total(shares, currency="EUR") == amount
    assert all(share.amount <= 0 for share in shares)
    # A credit is the charge of the same size, mirrored, line by line.
    assert [-share for share in allocate_charge(-amount, lines, basis)] == list(shares)


@settings(max_examples=30, deadline=None)
@given(
    shipment=xst.shipments(currency=st.just(Currency("EUR"))),
    amount=xst.money_values(
        currency=st.just(Currency("EUR")), min_value=0, max_value=500
    ),
    kind=st.sampled_from(list(ChargeKind)),
    basis=st.sampled_from([AllocationBasis.EQUAL, AllocationBasis.QUANTITY]),
    data=st.data(),
)
def test_a_credit_then_an_equal_charge_cancels(
    shipment: Shipment,
    amount: Money,
    kind: ChargeKind,
    basis: AllocationBasis,
    data: st.DataObject,
) -> None:
    rows = {
        line.hs_code.digits: customs.TariffMeasure(
            hs_code=line.hs_code, duty=customs.AdValorem("0.05")
        )
        for line in shipment.lines
    }
    regime = data.draw(
        xst.regimes(
            country=st.just(shipment.destination_country),
            tariff=st.just(customs.Tariff(measures=rows.values())),
        )
    )
    credit = Charge(name="credit", amount=-amount, kind=kind, basis=basis)
    charge = Charge(name="charge", amount=amount, kind=kind, basis=basis)
    both = attrs.evolve(shipment, charges=(*shipment.charges, credit, charge))
    before = landed_cost(shipment, regime, fx=FX, as_of=DAY)
    after = landed_cost(both, regime, fx=FX, as_of=DAY)
    assert after.totals == before.totals
    for was, now in zip(before.lines, after.lines, strict=True):
        assert now.landed_cost == was.landed_cost
        assert now.customs_value == was.customs_value


# -- bad input ------------------------------------------------------------------------


def test_a_credit_larger_than_a_lines_charges_is_refused_naming_the_line() -> None:
    with pytest.raises(InvalidInputError) as caught:
        _landed(_charge("-4.00"))
    assert caught.value.field == "charges"
    assert caught.value.value == Money("-2.67", "GBP")  # line 0's share
    assert "line 0 (A)" in str(caught.value)


@pytest.mark.parametrize(
    ("kind", "what"),
    [
        (ChargeKind.ADDITION, "additions"),
        (ChargeKind.ONWARD_TRANSPORT, "onward transport"),
    ],
)
def test_a_credit_may_not_take_a_base_below_zero(kind: ChargeKind, what: str) -> None:
    # Another kind's charge does not cover it: each base is its own.
    with pytest.raises(InvalidInputError, match=what) as caught:
        _landed(_charge("50.00", ChargeKind.CARRIER), _charge("-3.00", kind))
    assert caught.value.field == "charges"
    assert isinstance(caught.value.value, Money)
    assert caught.value.value.is_negative()


def test_only_a_charge_figure_may_be_negative() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Figure(
            line=0,
            component=Component.DUTY,
            label="duty",
            amount=Money("-1.00", "GBP"),
            payer=customs.Party.SELLER,
            rule="duty",
        )
    assert caught.value.field == "amount"
    assert caught.value.value == Money("-1.00", "GBP")


# -- the columns (xborder.frames) ----------------------------------------------------


def _template(*charges: Charge) -> Shipment:
    return Shipment(
        lines=LINES[:1],
        export_country="CN",
        destination_country="GB",
        incoterm=customs.Incoterm.DDP,
        mode=customs.TransportMode.AIR,
        import_date=DAY,
        freight=Money("20.00", "GBP"),
        charges=charges,
    )


_TABLE = pl.DataFrame(
    {
        "shipment": ["S1", "S1"],
        "sku": ["A", "B"],
        "hs_code": ["392690", "392690"],
        "origin_country": ["CN", "CN"],
        "quantity": [100, 50],
        "unit_price": ["2.00", "2.00"],
        "currency": ["GBP", "GBP"],
    }
)


def test_the_columns_share_a_template_credit_as_the_scalar_does() -> None:
    # A credit split by duty comes after the duties, in both engines.
    packing = _charge("12.00", ChargeKind.ADDITION)
    rebate = Charge(
        name="broker rebate",
        amount=Money("-1.00", "GBP"),
        kind=ChargeKind.BROKER,
        basis=AllocationBasis.DUTY,
    )
    broker = attrs.evolve(rebate, name="broker", amount=Money("5.00", "GBP"))
    template = _template(packing, _charge("-6.00", ChargeKind.ADDITION), broker, rebate)
    result = frames.landed_cost(_TABLE, GB, template=template, fx=None, as_of=DAY)
    scalar = _landed(*template.charges)
    assert result.errors.is_empty()
    for name in ("customs_value", "charges", "taxes", "landed_cost"):
        expected = [getattr(line, name).amount for line in scalar.lines]
        assert result.lines.get_column(name).to_list() == expected, name


def test_the_columns_refuse_a_line_a_credit_leaves_below_nothing() -> None:
    # The shipments table's own credit, larger than the £6 of packing: each
    # line is reported with its net, as the scalar reports line 0.
    template = _template(_charge("12.00", ChargeKind.ADDITION),
                         _charge("0.00", ChargeKind.ADDITION))  # fmt: skip
    shipments = pl.DataFrame(
        {
            "shipment": ["S1", "S2"],
            "addition to the customs value 0.00": ["-15.00", "-1.00"],
        }
    )
    table = pl.concat([_TABLE, _TABLE.with_columns(pl.lit("S2").alias("shipment"))])
    result = frames.landed_cost(
        table, GB, template=template, shipments=shipments, fx=None, as_of=DAY
    )
    with pytest.raises(InvalidInputError) as caught:
        _landed(_charge("12.00", ChargeKind.ADDITION),
                _charge("-15.00", ChargeKind.ADDITION))  # fmt: skip
    assert result.errors.rows() == [
        (0, "charges", "-2.00 GBP",
         f"charges: expected {caught.value.expected}, got -2.00 GBP"),
        (1, "charges", "-1.00 GBP",
         f"charges: expected {caught.value.expected}, got -1.00 GBP"),
    ]  # fmt: skip
    assert str(caught.value.value) == "-2.00 GBP"
    assert result.lines.get_column("landed_cost").to_list()[:2] == [None, None]
    assert None not in result.lines.get_column("landed_cost").to_list()[2:]


def test_the_columns_in_strict_mode_raise_the_first_credit_refused() -> None:
    template = _template(_charge("-4.00"))
    with pytest.raises(InvalidInputError) as caught:
        frames.landed_cost(
            _TABLE, GB, template=template, fx=None, as_of=DAY, errors="raise"
        )
    assert caught.value.field == "rows[0].charges"
    assert caught.value.value == "-2.67 GBP"
    assert caught.value.expected == "the line's charges net of credits >= 0"


def test_a_negative_freight_in_the_shipments_table_is_still_refused() -> None:
    shipments = pl.DataFrame({"shipment": ["S1"], "freight": ["-1.00"]})
    result = frames.landed_cost(
        _TABLE, GB, template=_template(), shipments=shipments, fx=None, as_of=DAY
    )
    assert [row[:3] for row in result.errors.rows()] == [
        (0, "freight", "-1.00"),
        (1, "freight", "-1.00"),
    ]


def test_shipments_left_to_the_scalar_report_its_credit_refusal_alike() -> None:
    # GBP → USD exists only as USD → GBP: the shipment goes to the scalar
    # engine, whose refusal is reported in the same words and value.
    fx = FxTable(rates=(FxRate(base="USD", quote="GBP", rate="0.7610", as_of=DAY),))
    us = presets.regime("US", as_of=DAY).with_tariff(GB.tariff)
    template = attrs.evolve(
        _template(_charge("10.00"), _charge("-50.00")), destination_country="US"
    )
    result = frames.landed_cost(_TABLE, us, template=template, fx=fx, as_of=DAY)
    with pytest.raises(InvalidInputError) as caught:
        landed_cost(attrs.evolve(template, lines=LINES), us, fx=fx, as_of=DAY)
    error = caught.value
    assert str(error.value) == "-35.04 USD"  # line 0's share, in dollars
    message = f"charges: expected {error.expected}, got -35.04 USD"
    assert result.errors.rows()[0] == (0, "charges", "-35.04 USD", message)
    assert result.lines.get_column("landed_cost").to_list() == [None, None]


# -- the rule, described once --------------------------------------------------------


def test_net_of_credits_names_the_amounts_both_engines_test() -> None:
    first, second = (net_of_credits(by_duty=flag) for flag in (False, True))
    assert [check.amount for check in first] == ["additions"]
    assert [check.amount for check in second] == [
        "charges",
        "onward",
        "taxable_charges",
    ]
    # The scalar's refusal says what the rule says.
    with pytest.raises(InvalidInputError) as caught:
        _landed(_charge("-4.00"))
    assert caught.value.expected == second[0].expected


def test_net_of_credits_refuses_a_pass_that_is_not_a_bool() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        net_of_credits(by_duty=1)  # type: ignore[arg-type]
    assert caught.value.field == "by_duty"
    assert caught.value.value == 1


@given(st.from_type(NetOfCredits))
def test_the_checks_resolve_from_their_type(check: NetOfCredits) -> None:
    assert check.expected == f"the line's {check.words} net of credits >= 0"
