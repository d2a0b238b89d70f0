"""xborder.frames.unit_economics equals the scalar waterfall, row for row.

Listings are drawn from the shipped strategies (every fee shape, VAT
included or added, returns, ads), rows are drawn prices and costs; each
output column must equal what :meth:`Listing.economics` gives for that row,
to the last digit, on polars, pandas (NumPy- and Arrow-backed) and pyarrow.
A row the scalar refuses is reported in the errors frame, never dropped.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import attrs
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder import frames
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.money import Money
from xborder.pricing import (
    FeeSchedule,
    FixedAmount,
    Listing,
    PriceSolution,
    ReferralFee,
    ShippingCharge,
    UnitCosts,
    Vat,
    VatBasis,
)
from xborder.testing.strategies import listings

FIGURES = ("gross", "net_revenue", "tax", "fees", "costs", "returns", "advertising",
           "contribution", "shipping_charged", "shipping_tax")  # fmt: skip


def _charging(listing: Listing, row: dict[str, Any]) -> Listing:
    """The listing with the row's shipping charged, if the row has one."""
    if "shipping" not in row:
        return listing
    policy = listing.shipping_charged
    charge = ShippingCharge(
        amount=Money(row["shipping"], listing.currency),
        refunded_on_return=None if policy is None else policy.refunded_on_return,
    )
    return attrs.evolve(listing, shipping_charged=charge)


def _shipping_column(
    data: st.DataObject, listing: Listing, rows: list[dict[str, Any]]
) -> tuple[Listing, dict[str, Any]]:
    """Sometimes a drawn shipping column (negatives too), and a listing that says
    whether a refund gives it back."""
    if not data.draw(st.booleans(), label="shipping column"):
        return listing, {}
    unit = Decimal(1).scaleb(-listing.currency.exponent)
    for row in rows:
        row["shipping"] = data.draw(st.integers(-50, 20_000)) * unit
    if listing.shipping_charged is None:
        charge = ShippingCharge(
            amount=Money(0, listing.currency),
            refunded_on_return=data.draw(st.booleans()),
        )
        listing = attrs.evolve(listing, shipping_charged=charge)
    return listing, {"shipping_charged": "shipping"}


def _scalar(listing: Listing, row: dict[str, Any]) -> dict[str, object] | None:
    """What the scalar engine says for one row, or None if it refuses it."""
    currency = listing.currency
    try:
        costs = UnitCosts(
            landed=Money(row["landed"], currency),
            fulfilment=Money(row["fulfilment"], currency),
            other=(FixedAmount(label="other", amount=Money(row["other"], currency)),),
        )
        economics = attrs.evolve(_charging(listing, row), costs=costs).economics(
            Money(row["price"], currency)
        )
    except XborderError:
        return None
    amounts = economics._amounts
    margin = economics.margin
    return {
        **{name: getattr(economics, name).amount for name in FIGURES},
        "referral_fee": amounts.referral,
        "payment_fee": amounts.payment,
        "payout_fee": amounts.payout,
        "margin": None
        if margin is None
        else margin.quantize(frames.MARGIN_PLACES, rounding=ROUND_HALF_EVEN),
    }


def _rows(scale: int) -> st.SearchStrategy[list[dict[str, Any]]]:
    unit = Decimal(1).scaleb(-scale)

    def amount(low: int, high: int) -> st.SearchStrategy[Decimal]:
        return st.integers(low, high).map(lambda n: n * unit)

    row = st.fixed_dictionaries(
        {
            "price": amount(-100, 2_000_000),
            "landed": amount(0, 500_000),
            "fulfilment": amount(0, 50_000),
            "other": amount(0, 10_000),
        }
    )
    return st.lists(row, min_size=1, max_size=30)


@given(data=st.data(), listing=listings())
def test_every_column_equals_the_scalar_waterfall(
    data: st.DataObject, listing: Listing
) -> None:
    rows = data.draw(_rows(listing.currency.exponent))
    listing, shipping = _shipping_column(data, listing, rows)
    table = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.Decimal(38, 6)))
    result = frames.unit_economics(
        table, listing, fulfilment="fulfilment", other=["other"], **shipping
    )
    errors = set(result.errors.get_column("row").to_list())
    for index, (row, out) in enumerate(
        zip(rows, result.table.iter_rows(named=True), strict=True)
    ):
        expected = _scalar(listing, row)
        if expected is None:
            assert index in errors, row
            assert out["contribution"] is None
            continue
        assert index not in errors
        got = {name: out[name] for name in expected}
        assert got == expected, (row, got, expected)
        assert out["currency"] == listing.currency.code


LISTING = Listing(
    fees=FeeSchedule(
        name="Amazon.de",
        currency="EUR",
        referral=ReferralFee.flat(
            "0.15", basis=VatBasis.INCLUSIVE, minimum=Money("0.30", "EUR")
        ),
        fulfilment=Money("2.70", "EUR"),
    ),
    costs=UnitCosts(landed=Money("0", "EUR")),
    vat=Vat(rate="0.19"),
)
ROWS = {"sku": ["A", "B", "C"], "price": ["19.99", "0.99", "24.00"],
        "landed": ["3.10", "0.20", "5.00"]}  # fmt: skip


def _expected_contributions() -> list[Decimal]:
    return [
        attrs.evolve(LISTING, costs=UnitCosts(landed=Money(landed, "EUR")))
        .economics(Money(price, "EUR"))
        .contribution.amount
        for price, landed in zip(ROWS["price"], ROWS["landed"], strict=True)
    ]


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
    result = frames.unit_economics(given_table, LISTING)
    assert type(result.table) is type(given_table)
    back = _as_polars(result.table)
    assert back.get_column("contribution").to_list() == _expected_contributions()
    assert back.schema["contribution"] == pl.Decimal(18, 2)


def _as_polars(table: Any) -> pl.DataFrame:
    if isinstance(table, pd.DataFrame):
        return pl.from_pandas(table)
    if isinstance(table, pa.Table):
        return pl.DataFrame(pl.from_arrow(table))
    return table.collect() if isinstance(table, pl.LazyFrame) else table


def test_a_market_column_selects_each_rows_listing() -> None:
    us = Listing(
        fees=FeeSchedule(
            name="Amazon.com",
            currency="USD",
            referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
            fulfilment=Money("3.00", "USD"),
        ),
        costs=UnitCosts(landed=Money("0", "USD")),
    )
    table = pl.DataFrame(
        {
            "market": ["DE", "US", "FR"],
            "price": ["19.99", "19.99", "19.99"],
            "landed": ["3.10", "3.10", "3.10"],
        }
    )
    result = frames.unit_economics(table, {"DE": LISTING, "US": us}, market="market")
    out = result.table
    assert out.get_column("currency").to_list() == ["EUR", "USD", None]
    assert out.get_column("contribution").to_list()[1] == Decimal("10.89")
    errors = result.errors
    assert errors.get_column("row").to_list() == [2]
    assert errors.get_column("field").to_list() == ["market"]


def test_bad_rows_are_reported_never_dropped() -> None:
    table = pl.DataFrame(
        {
            "price": ["19.99", "0", "abc", None, "19.999", "-1.00", "1E+30"],
            "landed": ["3.10", "3.10", "3.10", "3.10", "3.10", "3.10", "3.10"],
        }
    )
    result = frames.unit_economics(table, LISTING)
    assert result.table.height == 7
    contribution = result.table.get_column("contribution").to_list()
    assert contribution[0] == _expected_contributions()[0]
    assert contribution[1:] == [None] * 6
    errors = result.errors
    assert errors.get_column("row").to_list() == [1, 2, 3, 4, 5, 6]
    assert set(errors.get_column("field").to_list()) == {"price"}
    message = errors.filter(pl.col("row") == 4).get_column("message").item()
    assert message == "price: expected a whole number of 0.01 EUR, got 19.999"


def test_strict_mode_raises_on_the_first_bad_row() -> None:
    table = pl.DataFrame({"price": ["19.99", "0"], "landed": ["3.10", "3.10"]})
    with pytest.raises(InvalidInputError) as caught:
        frames.unit_economics(table, LISTING, errors="raise")
    assert caught.value.field == "rows[1].price"
    assert caught.value.value == "0"


def test_a_float_money_column_is_refused_by_name_unless_asked() -> None:
    table = pl.DataFrame({"price": [19.99, 24.0], "landed": ["3.10", "5.00"]})
    with pytest.raises(InvalidTypeError) as caught:
        frames.unit_economics(table, LISTING)
    assert caught.value.field == "price"
    read = frames.unit_economics(table, LISTING, floats="shortest").table
    assert read.get_column("contribution").to_list()[0] == _expected_contributions()[0]


def test_values_near_the_limit_fall_back_to_the_scalar_engine() -> None:
    # 9E+20 × a 34-digit rate would pass Int128: the same rows, one by one.
    listing = attrs.evolve(LISTING, vat=Vat(rate="0.1234567890123456789012345678"))
    table = pl.DataFrame({"price": ["9E+20"], "landed": ["1.00"]})
    table = table.with_columns(pl.col("price").cast(pl.Decimal(38, 0)))
    result = frames.unit_economics(table, listing)
    expected = attrs.evolve(listing, costs=UnitCosts(landed=Money("1.00", "EUR")))
    want = expected.economics(Money("9E+20", "EUR")).contribution.amount
    assert result.table.get_column("contribution").to_list() == [want]


# -- solved prices ---------------------------------------------------------------


def _scalar_price(
    listing: Listing, row: dict[str, Any], kind: str, value: Decimal
) -> PriceSolution | None:
    currency = listing.currency
    try:
        costs = UnitCosts(
            landed=Money(row["landed"], currency),
            fulfilment=Money(row["fulfilment"], currency),
            other=(FixedAmount(label="other", amount=Money(row["other"], currency)),),
        )
        evolved = attrs.evolve(_charging(listing, row), costs=costs)
        if kind == "margin":
            return evolved.price_for_margin(value)
        if kind == "markup":
            return evolved.price_for_markup(value)
        return evolved.break_even_price()
    except XborderError:
        return None


@given(
    data=st.data(),
    listing=listings(),
    kind=st.sampled_from(["margin", "markup", "break_even"]),
    value=st.decimals("-0.3", "0.6", places=2),
)
def test_solved_prices_equal_the_scalar_solvers(
    data: st.DataObject, listing: Listing, kind: str, value: Decimal
) -> None:
    rows = [
        {key: row[key] for key in ("landed", "fulfilment", "other")}
        for row in data.draw(_rows(listing.currency.exponent))
    ]
    listing, shipping = _shipping_column(data, listing, rows)
    table = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.Decimal(38, 6)))
    options: dict[str, Any] = {
        "fulfilment": "fulfilment",
        "other": ["other"],
        **shipping,
    }
    if kind == "margin":
        result = frames.target_margin_prices(table, listing, value, **options)
    elif kind == "markup":
        result = frames.target_markup_prices(table, listing, value, **options)
    else:
        result = frames.break_even_prices(table, listing, **options)
    errors = set(result.errors.get_column("row").to_list())
    for index, (row, out) in enumerate(
        zip(rows, result.table.iter_rows(named=True), strict=True)
    ):
        solution = _scalar_price(listing, row, kind, value)
        if solution is None:
            assert index in errors, row
            assert out["price"] is None
            continue
        assert index not in errors
        assert out["price"] == solution.price.amount, (row, out["price"], solution)
        assert out["rule"] == solution.rule
        assert out["contribution"] == solution.economics.contribution.amount


# -- to and from the scalar results ------------------------------------------------


def test_results_and_tables_convert_both_ways() -> None:
    table = pl.DataFrame(ROWS)
    computed = frames.unit_economics(table, LISTING).table
    results = frames.results_of(table, LISTING)
    assert all(result is not None for result in results)
    back = frames.table_of(results)
    for name in frames.ECONOMICS:
        assert back.get_column(name).to_list() == computed.get_column(name).to_list()
    lines = frames.lines_of(results)
    assert lines.columns == list(frames.LINES)
    first = lines.filter(pl.col("result") == 0)
    assert first.get_column("label").to_list() == [
        line.label
        for line in results[0].lines  # type: ignore[union-attr]
    ]
    with pytest.raises(InvalidTypeError) as caught:
        frames.table_of([results[0], "not a result"])  # type: ignore[list-item]
    assert caught.value.field == "results[1]"


def test_solved_prices_lay_out_as_the_solver_table() -> None:
    solutions = [LISTING.price_for_margin("0.20")]
    laid = frames.table_of(solutions)
    assert laid.get_column("price").to_list() == [solutions[0].price.amount]
    assert laid.get_column("rule").to_list() == [solutions[0].rule]


# -- regressions from the hostile-input run (issue 13) -------------------------


def test_costs_that_are_the_same_on_every_row_solve_every_row() -> None:
    # With no cost column the costs are a parameter of the plan: the engine
    # must still give one value per row, not one value for the table.
    table = pl.DataFrame({"sku": ["A", "B"]})
    result = frames.target_margin_prices(table, LISTING, "0.20", landed=None)
    expected = LISTING.price_for_margin("0.20").price.amount
    assert result.table.get_column("price").to_list() == [expected, expected]


def test_a_target_too_wide_for_the_columns_is_solved_one_by_one() -> None:
    table = pl.DataFrame({"sku": ["A", "B"], "landed": ["3.10", "0.20"]})
    result = frames.target_margin_prices(table, LISTING, Decimal("-1E+35"))
    assert result.table.height == 2
    for landed, price in zip(
        ["3.10", "0.20"], result.table.get_column("price").to_list(), strict=True
    ):
        costs = UnitCosts(landed=Money(landed, "EUR"))
        solved = attrs.evolve(LISTING, costs=costs).price_for_margin("-1E+35")
        assert price == solved.price.amount


@pytest.mark.parametrize(
    ("argument", "value", "error"),
    [
        ("price", 1, InvalidTypeError),
        ("price", "no such column", InvalidInputError),
        ("market", ["de"], InvalidTypeError),
        ("landed", "nope", InvalidInputError),
        ("other", "landed", InvalidTypeError),
    ],
)
def test_results_of_names_a_wrong_column_argument(
    argument: str, value: object, error: type[XborderError]
) -> None:
    table = pl.DataFrame(ROWS)
    with pytest.raises(error) as caught:
        frames.results_of(table, LISTING, **{argument: value})  # type: ignore[arg-type]
    assert caught.value.field == argument
    assert caught.value.value == value
