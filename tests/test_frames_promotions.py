"""xborder.frames.promotion_lifts equals the scalar promotions API, row for row.

Listings and promotions are drawn from the shipped strategies (every fee
shape, VAT, returns, ads; coupons with budgets, deals, every kind of
discount; demand effects); rows are drawn prices, costs, baselines and
expected lifts. Each output column must equal what
:func:`~xborder.pricing.promotions.break_even_lift`,
:func:`~xborder.pricing.promotions.margin_lift` and
:func:`~xborder.pricing.promotions.promotion_outcome` give for that row:
money to the last digit, units and lifts rounded half-even to
``frames.LIFT_PLACES``. A row the scalar refuses is reported, never dropped.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import Any

import attrs
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from xborder import frames
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.examples import case_a
from xborder.money import Money
from xborder.pricing import FeeSchedule, Listing, ReferralFee, UnitCosts, VatBasis
from xborder.pricing.promotions import (
    Coupon,
    Deal,
    DemandEffects,
    Discount,
    PromotionLift,
    break_even_lift,
    margin_lift,
    promotion_outcome,
)
from xborder.testing.strategies import coupons, deals, demand_effects, listings


def _places(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if abs(value) >= Decimal("1E+28"):  # too large for its column: left empty
        return None
    context = Context(prec=60)
    return value.quantize(frames.LIFT_PLACES, rounding=ROUND_HALF_EVEN, context=context)


def _lift(prefix: str, found: PromotionLift) -> dict[str, object]:
    return {
        f"{prefix}_units": _places(found.units),
        f"{prefix}_whole_units": None
        if found.whole_units is None or found.whole_units >= 2**63
        else found.whole_units,
        f"{prefix}_lift": _places(found.lift),
        f"{prefix}_sales_lift": _places(found.sales_lift),
    }


def _scalar(
    listing: Listing,
    promotion: Coupon | Deal,
    row: dict[str, Any],
    *,
    margin: Decimal | None = None,
    effects: DemandEffects | None = None,
) -> dict[str, object] | None:
    """What the scalar API says for one row, or None if it refuses it."""
    currency = listing.currency
    try:
        costs = UnitCosts(
            landed=Money(row["landed"], currency),
            fulfilment=Money(row["fulfilment"], currency),
        )
        unit = attrs.evolve(listing, costs=costs)
        price = Money(row["price"], currency)
        given = {"baseline_units": row["baseline_units"], "effects": effects}
        be = break_even_lift(unit, price, promotion, **given)
        kept = margin_lift(unit, price, promotion, margin=margin, **given)
        outcome = promotion_outcome(unit, price, promotion, lift=row["lift"], **given)
    except XborderError:
        return None
    per_unit = outcome.ad_capacity_per_unit
    return {
        "promoted_price": be.promoted.price.amount,
        "promotion_fee": (be.promoted.fixed_fees - be.full.fixed_fees).amount,
        "full_contribution": be.full.contribution.amount,
        "promoted_contribution": be.promoted.contribution.amount,
        **_lift("break_even", be),
        **_lift("margin", kept),
        "outcome_units": _places(outcome.units),
        "redemptions": _places(outcome.redemptions),
        "budget_exhausted": outcome.budget_exhausted,
        "outcome_contribution": outcome.contribution.amount,
        "incremental_contribution": outcome.incremental_contribution.amount,
        "ad_capacity_per_unit": None if per_unit is None else per_unit.amount,
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
            "baseline_units": st.integers(-2, 100_000).map(Decimal)
            | st.decimals("0.5", "500", places=2),
            "lift": st.decimals("-1.5", "3", places=2),
        }
    )
    return st.lists(row, min_size=1, max_size=8)


@settings(
    max_examples=40,
    # Shrinking a drawn listing, promotion and frame takes minutes; a
    # failure is reported as drawn.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data(), listing=listings())
def test_every_column_equals_the_scalar_promotion_api(
    data: st.DataObject, listing: Listing
) -> None:
    currency = st.just(listing.currency)
    promotion = data.draw(coupons(currency=currency) | deals(currency=currency))
    effects = data.draw(st.none() | demand_effects(currency=currency))
    margin = data.draw(st.none() | st.decimals("-0.5", "0.6", places=2))
    rows = data.draw(_rows(listing.currency.exponent))
    table = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.Decimal(38, 6)))
    result = frames.promotion_lifts(
        table,
        listing,
        promotion,
        lift="lift",
        margin=margin,
        effects=effects,
        fulfilment="fulfilment",
    )
    errors = set(result.errors.get_column("row").to_list())
    too_large = set(
        result.errors.filter(pl.col("message").str.contains("too large"))
        .get_column("row")
        .to_list()
    )
    for index, (row, out) in enumerate(
        zip(rows, result.table.iter_rows(named=True), strict=True)
    ):
        expected = _scalar(listing, promotion, row, margin=margin, effects=effects)
        if expected is None:
            assert index in errors, row
            # The scalar refuses a lift beyond xborder's range (10^30 units);
            # the frame reports those figures as too large, and keeps the rest.
            assert index in too_large or out["full_contribution"] is None
            continue
        # Only figures too large for their column are reported on a good row.
        assert index not in errors or index in too_large, (row, result.errors)
        got = {name: out[name] for name in expected}
        assert got == expected, (row, got, expected)
        assert out["currency"] == listing.currency.code


# -- the how-to's numbers, on a one-row frame ------------------------------------

# docs/how-to/is-this-deal-worth-it.md: Case A's US listing at 14.99 USD,
# 140 units a week; fees illustrative (Amazon US coupon fees, secondary
# sources read 2026-12-07).
US = case_a.run().prices["US"]
ONE_ROW = pl.DataFrame(
    {"price": ["14.99"], "baseline_units": [140], "lift": ["1.5"]},
)


def test_the_how_to_coupon_on_a_one_row_frame() -> None:
    coupon = Coupon(
        discount=Discount.percent_off("0.20"),
        event_fee=Money("5.00", "USD"),
        fee_rate="0.025",
        redemption_rate="0.6",
    )
    result = frames.promotion_lifts(ONE_ROW, US.economics.listing, coupon, landed=None)
    row = result.table.row(0, named=True)
    assert row["promoted_price"] == Decimal("11.99")
    assert row["promotion_fee"] == Decimal("0.30")
    assert row["promoted_contribution"] == Decimal("0.98")
    assert row["break_even_whole_units"] == 249
    assert f"{row['break_even_lift']:.1%}" == "77.3%"


def test_the_how_to_deal_and_its_outcome_on_a_one_row_frame() -> None:
    deal = Deal(
        discount=Discount.to_price(Money("11.99", "USD")),
        event_fee=Money("70.00", "USD"),
    )
    listing = US.economics.listing
    result = frames.promotion_lifts(
        ONE_ROW,
        listing,
        deal,
        landed=None,
        lift="lift",
        effects=DemandEffects(dip="0.2"),
    )
    row = result.table.row(0, named=True)
    assert row["promoted_contribution"] == Decimal("1.28")
    assert row["outcome_contribution"] == Decimal("232.68")
    assert row["incremental_contribution"] == Decimal("-251.72")
    assert row["ad_capacity_per_unit"] == Decimal("-0.72")
    kept = frames.promotion_lifts(ONE_ROW, listing, deal, landed=None, margin="0.10")
    assert kept.table.row(0, named=True)["margin_whole_units"] == 865
    plain = frames.promotion_lifts(ONE_ROW, listing, deal, landed=None)
    row = plain.table.row(0, named=True)
    assert row["break_even_whole_units"] == 434
    assert f"{row['break_even_lift']:.1%}" == "209.4%"
    assert f"{row['break_even_sales_lift']:.1%}" == "147.5%"
    # The full-price margin (23.08%) is out of reach: empty, not an error.
    assert row["margin_units"] is None
    assert plain.errors.is_empty()


# -- examples ----------------------------------------------------------------------

LISTING = Listing(
    fees=FeeSchedule(
        name="Shop",
        currency="USD",
        referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
    ),
    costs=UnitCosts(landed=Money("0", "USD")),
)
COUPON = Coupon(
    discount=Discount.percent_off("0.20"),
    redemption_fee=Money("0.60", "USD"),
    budget=Money("200.00", "USD"),
)
ROWS = {
    "sku": ["A", "B", "C"],
    "price": ["29.99", "12.50", "40.00"],
    "landed": ["9.00", "4.20", "30.00"],
    "baseline_units": ["50", "120", "10"],
}


def _as_polars(table: Any) -> pl.DataFrame:
    if isinstance(table, pl.DataFrame):
        return table
    if isinstance(table, pl.LazyFrame):
        return table.collect()
    if isinstance(table, pa.Table):
        return pl.from_arrow(table)  # type: ignore[return-value]
    return pl.DataFrame(pl.from_pandas(table))


@pytest.mark.parametrize(
    "make",
    [
        pl.DataFrame,
        lambda rows: pl.DataFrame(rows).lazy(),
        pd.DataFrame,
        lambda rows: pd.DataFrame(rows).convert_dtypes(dtype_backend="pyarrow"),
        pa.table,
    ],
)
def test_every_frame_library_gets_the_same_answers_back_in_kind(make: Any) -> None:
    expected = frames.promotion_lifts(pl.DataFrame(ROWS), LISTING, COUPON).table
    result = frames.promotion_lifts(make(ROWS), LISTING, COUPON)
    assert type(result.table) is type(make(ROWS))
    got = _as_polars(result.table)
    for name in frames.PROMOTION:
        assert got.get_column(name).to_list() == expected.get_column(name).to_list()


def test_a_promotion_per_market() -> None:
    table = pl.DataFrame({**ROWS, "market": ["US", "CA", "US"]})
    canada = attrs.evolve(
        LISTING,
        fees=attrs.evolve(LISTING.fees, currency="CAD"),
        costs=UnitCosts(landed=Money("0", "CAD")),
    )
    deal = Deal(discount=Discount.percent_off("0.10"))
    result = frames.promotion_lifts(
        table,
        {"US": LISTING, "CA": canada},
        {"US": COUPON, "CA": deal},
        market="market",
    )
    currencies = result.table.get_column("currency").to_list()
    assert currencies == ["USD", "CAD", "USD"]
    scalar = break_even_lift(
        attrs.evolve(canada, costs=UnitCosts(landed=Money("4.20", "CAD"))),
        Money("12.50", "CAD"),
        deal,
        baseline_units=120,
    )
    assert result.table.row(1, named=True)["break_even_whole_units"] == (
        scalar.whole_units
    )


def test_bad_rows_are_reported_never_dropped() -> None:
    table = pl.DataFrame(
        {
            "price": ["29.99", "abc", "1.00", "12.50"],
            "landed": ["9.00", "1.00", "0.50", "-1"],
            "baseline_units": ["50", "10", "10", "0"],
        }
    )
    four_off = Deal(discount=Discount.amount_off(Money("4.00", "USD")))
    result = frames.promotion_lifts(table, LISTING, four_off)
    assert result.table.height == 4
    errors = result.errors.rows()
    assert [(row, field) for row, field, _, _ in errors] == [
        (1, "price"),
        (2, "price"),
        (3, "landed"),
        (3, "baseline_units"),
    ]
    assert "leaves above zero" in errors[1][3]
    assert result.table.get_column("break_even_units").null_count() == 3


def test_a_promotional_price_above_the_shelf_price_is_reported() -> None:
    table = pl.DataFrame(
        {"price": ["9.99", "19.99"], "landed": ["1", "1"], "baseline_units": [5, 5]}
    )
    deal = Deal(discount=Discount.to_price(Money("12.00", "USD")))
    result = frames.promotion_lifts(table, LISTING, deal)
    assert result.errors.get_column("row").to_list() == [0]
    assert result.table.get_column("promoted_price").to_list() == [
        None,
        Decimal("12.00"),
    ]


def test_strict_mode_raises_on_the_first_bad_row() -> None:
    table = pl.DataFrame({**ROWS, "baseline_units": ["50", "-1", "x"]})
    with pytest.raises(InvalidInputError) as caught:
        frames.promotion_lifts(table, LISTING, COUPON, errors="raise")
    assert caught.value.field == "rows[1].baseline_units"


def test_an_expected_lift_below_minus_one_is_reported() -> None:
    table = pl.DataFrame({**ROWS, "lift": ["0.5", "-1.5", "-1"]})
    result = frames.promotion_lifts(table, LISTING, COUPON, lift="lift")
    assert result.errors.rows()[0][:2] == (1, "lift")
    assert result.table.get_column("outcome_units").to_list() == [
        Decimal("75.0000000000"),
        None,
        Decimal("0E-10"),
    ]


def test_a_float_money_column_is_refused_by_name_unless_asked() -> None:
    table = pl.DataFrame({"price": [29.99], "landed": ["9"], "baseline_units": [5]})
    with pytest.raises(InvalidTypeError) as caught:
        frames.promotion_lifts(table, LISTING, COUPON)
    assert caught.value.field == "price"
    read = frames.promotion_lifts(table, LISTING, COUPON, floats="shortest")
    assert read.table.get_column("promoted_price").to_list() == [Decimal("23.99")]


def test_a_missing_column_is_named() -> None:
    table = pl.DataFrame({"price": ["29.99"], "landed": ["9"]})
    with pytest.raises(InvalidInputError) as caught:
        frames.promotion_lifts(table, LISTING, COUPON)
    assert caught.value.field == "baseline_units"


@pytest.mark.parametrize(
    ("kwargs", "field", "error"),
    [
        ({"promotion": Discount.percent_off("0.1")}, "promotion", InvalidTypeError),
        ({"promotion": {"US": COUPON}}, "promotion", InvalidTypeError),
        ({"margin": "1.2"}, "margin", InvalidInputError),
        ({"margin": 0.2}, "margin", InvalidTypeError),
        ({"lift": 3}, "lift", InvalidTypeError),
        ({"baseline": None}, "baseline", InvalidTypeError),
        ({"effects": "none"}, "effects", InvalidTypeError),
        ({"errors": "ignore"}, "errors", InvalidInputError),
    ],
)
def test_wrong_arguments_are_named(
    kwargs: dict[str, Any], field: str, error: type[XborderError]
) -> None:
    arguments: dict[str, Any] = {"promotion": COUPON, **kwargs}
    with pytest.raises(error) as caught:
        frames.promotion_lifts(pl.DataFrame(ROWS), LISTING, **arguments)
    assert caught.value.field == field


def test_a_fee_in_another_currency_is_refused_by_name() -> None:
    coupon = Coupon(discount=Discount.percent_off("0.1"), budget=Money("100.00", "EUR"))
    with pytest.raises(CurrencyMismatchError) as caught:
        frames.promotion_lifts(pl.DataFrame(ROWS), LISTING, coupon)
    assert caught.value.field == "promotion.budget"


def test_result_columns_already_in_the_table_are_refused() -> None:
    table = pl.DataFrame({**ROWS, "break_even_lift": ["1", "2", "3"]})
    with pytest.raises(InvalidInputError) as caught:
        frames.promotion_lifts(table, LISTING, COUPON)
    assert caught.value.field == "frame"


def test_values_near_the_limit_fall_back_to_the_scalar_rules() -> None:
    big = "9" * 18 + ".99"
    table = pl.DataFrame(
        {"price": [big, "29.99"], "landed": ["1.00", "9.00"], "baseline_units": [1, 50]}
    )
    result = frames.promotion_lifts(table, LISTING, COUPON)
    expected = break_even_lift(
        attrs.evolve(LISTING, costs=UnitCosts(landed=Money("1.00", "USD"))),
        Money(big, "USD"),
        COUPON,
        baseline_units=1,
    )
    row = result.table.row(0, named=True)
    assert row["promoted_contribution"] == expected.promoted.contribution.amount
    assert row["break_even_units"] == _places(expected.units)
    second = frames.promotion_lifts(table[1:], LISTING, COUPON).table.row(0)
    assert result.table.row(1) == second
