"""xborder.landed_cost.rules: the landed cost's own formulas, for every engine.

On Decimals they give what the models give (a line's goods value, the
weights a cost is split by, a converted amount); on columns, what Decimals
give row by row.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.frames._engine import Columns
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import AllocationBasis, Line, allocation_weights
from xborder.landed_cost import rules as landed_rules
from xborder.landed_cost.rules import DECIMALS
from xborder.money import Money, RoundingMode
from xborder.testing.strategies import lines

BASES = [b for b in AllocationBasis if b is not AllocationBasis.DUTY]


@given(
    line=lines(), basis=st.sampled_from(BASES), divisor=st.sampled_from([5000, 6000])
)
def test_allocation_weight_is_what_allocation_weights_gives(
    line: Line, basis: AllocationBasis, divisor: int
) -> None:
    expected = allocation_weights(
        [line], basis, values=[line.goods_value], volumetric_divisor=divisor
    )[0]
    got = landed_rules.allocation_weight(
        DECIMALS,
        basis,
        quantity=line.quantity,
        value=line.goods_value.amount,
        net_weight=line.net_weight,
        volume=line.volume,
        volumetric_divisor=Decimal(divisor),
    )
    assert got == expected


@given(line=lines())
def test_goods_value_weight_and_volume_are_the_lines(line: Line) -> None:
    assert (
        landed_rules.goods_value(DECIMALS, line.unit_price.amount, line.quantity)
        == line.goods_value.amount
    )
    assert line.unit_weight is not None
    assert (
        landed_rules.physical(DECIMALS, line.unit_weight.magnitude, line.quantity)
        == line.net_weight
    )


@given(
    amount=st.decimals(0, 10**6, places=2, allow_nan=False),
    rate=st.decimals("0.0001", 1000, places=4, allow_nan=False),
    mode=st.sampled_from(list(RoundingMode)),
)
def test_in_currency_converts_then_rounds_once(
    amount: Decimal, rate: Decimal, mode: RoundingMode
) -> None:
    table = FxTable(
        rates=[FxRate(base="USD", quote="GBP", rate=rate, as_of="2026-09-01")]
    )
    path = table.path("USD", "GBP")
    expected = (amount * rate).quantize(Decimal("0.01"), rounding=mode.value)
    got = landed_rules.in_currency(DECIMALS, amount, path, Decimal("0.01"), mode)
    assert got == expected


@given(
    landed=st.integers(0, 10**12),
    quantity=st.decimals("0.001", 10**6, places=3, allow_nan=False),
)
def test_per_unit_on_columns_equals_decimals(landed: int, quantity: Decimal) -> None:
    frame = pl.DataFrame(
        {"landed": [landed], "qty": [int(quantity.scaleb(3))]},
        schema={"landed": pl.Int128, "qty": pl.Int128},
    )
    engine = Columns(wide=True)
    total = engine.input("landed", 2, landed)
    count = engine.input("qty", 3, int(quantity.scaleb(3)))
    unit = landed_rules.per_unit(
        engine, total, count, Decimal("0.01"), RoundingMode.HALF_UP
    )
    out = engine.run(frame.lazy(), {"unit": unit}, where=pl.lit(value=True))
    got = Decimal(int(out.get_column("unit").item())).scaleb(-2)
    amount = Decimal(landed).scaleb(-2)
    expected = landed_rules.per_unit(
        DECIMALS, amount, quantity, Decimal("0.01"), RoundingMode.HALF_UP
    )
    assert got == expected
    # ... and the exactly rounded quotient (no 34-digit intermediate).
    assert expected == (amount / quantity).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def test_customs_value_adds_freight_and_insurance_only_under_cif() -> None:
    parts = {
        "goods": Decimal("235.00"),
        "additions": Decimal("5.00"),
        "freight": Decimal("38.00"),
        "insurance": Decimal("2.00"),
    }
    assert landed_rules.customs_value(DECIMALS, cif=True, **parts) == Decimal("280.00")
    assert landed_rules.customs_value(DECIMALS, cif=False, **parts) == Decimal("240.00")


def test_bad_arguments_name_themselves() -> None:
    with pytest.raises(InvalidInputError) as missing:
        landed_rules.allocation_weight(
            DECIMALS, AllocationBasis.WEIGHT, quantity=Decimal(1)
        )
    assert missing.value.field == "net_weight"
    with pytest.raises(InvalidTypeError) as basis:
        landed_rules.allocation_weight(DECIMALS, "value", quantity=Decimal(1))  # type: ignore[arg-type]
    assert basis.value.field == "basis"
    with pytest.raises(InvalidInputError) as unit:
        landed_rules.per_unit(
            DECIMALS, Decimal(1), Decimal(1), Decimal("0.05"), RoundingMode.DOWN
        )
    assert unit.value.field == "minor_unit"
    with pytest.raises(InvalidInputError) as zero:
        landed_rules.per_unit(
            DECIMALS, Decimal(1), Decimal(0), Decimal("0.01"), RoundingMode.DOWN
        )
    assert zero.value.field == "quantity"
    with pytest.raises(InvalidTypeError) as money:
        landed_rules.goods_value(DECIMALS, Money(1, "USD"), Decimal(1))  # type: ignore[misc]
    assert money.value.field == "unit_price"
