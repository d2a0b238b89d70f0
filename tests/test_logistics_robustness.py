"""Bad inputs found by the hardening sweep: each names its field, none is swallowed."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    XborderError,
)
from xborder.logistics import (
    Mode,
    Parcel,
    RateCard,
    Restrictions,
    ServiceOption,
    Surcharge,
    SurchargeBasis,
    SurchargeKind,
    Tracking,
    TransitTime,
    check_eligibility,
    compare,
    pareto_front,
)
from xborder.money import Money

if TYPE_CHECKING:
    from collections.abc import Callable

HOLDER = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
CARD = RateCard.weight_breaks(
    [("30 g", Money("8.55", "CNY")), ("250 g", Money("20", "CNY"))]
)


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


def postal(**changes: Any) -> ServiceOption:
    fields: dict[str, Any] = {
        "name": "postal",
        "mode": Mode.POSTAL,
        "rate_card": CARD,
        "transit": TransitTime.from_days(minimum=10, typical=15, maximum=30),
        "loss_rate": "0.02",
        "tracking": Tracking.PARTIAL,
        **changes,
    }
    return ServiceOption(**fields)


def handling(**changes: Any) -> Surcharge:
    fields: dict[str, Any] = {
        "name": "handling",
        "kind": SurchargeKind.HANDLING,
        "basis": SurchargeBasis.PER_KG,
        "amount": cny("1"),
        **changes,
    }
    return Surcharge(**fields)


D = Decimal

CASES: list[tuple[str, Callable[[], object], type[XborderError], str]] = [
    (
        "transit shifted before shipping",
        lambda: TransitTime.from_days(minimum=3, maximum=5).shifted(-5),
        InvalidInputError,
        "days",
    ),
    # A percentage surcharge of "18.5" meant 18.5%, not 1850%.
    ("fuel 18.5", lambda: Surcharge.fuel("18.5"), InvalidInputError, "rate"),
    ("fuel 1.01", lambda: Surcharge.fuel("1.01"), InvalidInputError, "rate"),
    ("fuel -0.1", lambda: Surcharge.fuel("-0.1"), InvalidInputError, "rate"),
    (
        "minimum in another currency",
        lambda: handling(minimum=Money("5", "USD")),
        CurrencyMismatchError,
        "minimum",
    ),
    (
        "maximum in another currency",
        lambda: handling(maximum=Money("50", "USD")),
        CurrencyMismatchError,
        "maximum",
    ),
    ("price_kg NaN", lambda: CARD.price_kg(D("NaN")), InvalidInputError, "weight_kg"),
    ("price_kg float", lambda: CARD.price_kg(0.1), InvalidTypeError, "weight_kg"),  # type: ignore[arg-type]
    ("price_kg None", lambda: CARD.price_kg(None), InvalidTypeError, "weight_kg"),  # type: ignore[arg-type]
    (
        "band_index Infinity",
        lambda: CARD.band_index(D("Infinity")),
        InvalidInputError,
        "weight_kg",
    ),
    (
        "weight-break row not a pair",
        lambda: RateCard.weight_breaks([("30 g",)]),  # type: ignore[list-item]
        InvalidTypeError,
        "rows[0]",
    ),
    (
        "weight-break rows a string",
        lambda: RateCard.weight_breaks("30 g"),  # type: ignore[arg-type]
        InvalidTypeError,
        "rows",
    ),
    (
        "weight-break negative price",
        lambda: RateCard.weight_breaks([("30 g", cny("1")), ("80 g", cny("-1"))]),
        InvalidInputError,
        "rows[1].amount",
    ),
    (
        "pareto point of two",
        lambda: pareto_front([(D(1), D(1))]),  # type: ignore[list-item]
        InvalidTypeError,
        "points[0]",
    ),
    (
        "pareto float",
        lambda: pareto_front([(D(1), D(1), D(0)), (1.0, D(1), D(0))]),  # type: ignore[list-item]
        InvalidTypeError,
        "points[1]",
    ),
    (
        "pareto NaN",
        lambda: pareto_front([(D("NaN"), D(1), D(0))]),
        InvalidInputError,
        "points[0]",
    ),
    (
        "pareto keys short",
        lambda: pareto_front([(D(1), D(1), D(0))] * 2, keys=["a"]),
        InvalidInputError,
        "keys",
    ),
    (
        "pareto keys repeated",
        lambda: pareto_front([(D(1), D(1), D(0))] * 2, keys=["a", "a"]),
        InvalidInputError,
        "keys",
    ),
    (
        "declared value negative",
        lambda: check_eligibility(HOLDER, postal(), destination="US", value=cny("-1")),
        InvalidInputError,
        "value",
    ),
    (
        "declared value not Money",
        lambda: check_eligibility(HOLDER, postal(), destination="US", value="10"),  # type: ignore[arg-type]
        InvalidTypeError,
        "value",
    ),
    (
        "declared value in another currency than the limit",
        lambda: Restrictions(max_value=cny("100")).reasons(
            HOLDER, destination="US", value=Money("10", "USD")
        ),
        CurrencyMismatchError,
        "value",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_is_refused_by_name(
    call: Callable[[], object], error: type[XborderError], field: str
) -> None:
    with pytest.raises(error) as raised:
        call()
    assert raised.value.field == field


def test_a_full_percentage_surcharge_is_still_allowed() -> None:
    assert Surcharge.fuel("1").rate == 1


TERMS: dict[str, Any] = {
    "destination": "US",
    "value_of_goods": cny("16"),
    "cost_of_capital": "0.15",
}


@pytest.mark.parametrize(
    "cost", ["cost_per_day_late", "cost_per_late_delivery"], ids=str
)
def test_a_cost_of_lateness_needs_a_promise(cost: str) -> None:
    # Without a promise there is no "late" to price: the cost used to be
    # silently left out of every option's expected cost.
    late: dict[str, Any] = {cost: cny("1")}
    with pytest.raises(InvalidInputError) as raised:
        compare(HOLDER, [postal()], **TERMS, **late)
    assert raised.value.field == "promised_days"
    priced = compare(HOLDER, [postal()], **TERMS, promised_days=20, **late)
    assert priced.assessment("postal").lines[-1].name == "expected lateness"


def test_the_value_limit_is_checked_in_its_own_currency() -> None:
    # value_of_goods in CNY, the option's limit in USD: the value is converted
    # with fx (before, Money's comparison failed naming a field "other").
    from xborder.fx import FxRate, FxTable  # noqa: PLC0415

    limited = postal(restrictions=Restrictions(max_value=Money("2", "USD")))
    with pytest.raises(MissingFxRateError) as raised:
        compare(HOLDER, [limited], **TERMS)
    assert raised.value.field == "fx"
    import datetime as dt  # noqa: PLC0415

    fx = FxTable(
        rates=(
            FxRate(base="USD", quote="CNY", rate="7.10", as_of=dt.date(2026, 11, 2)),
        )
    )
    result = compare(HOLDER, [limited], **TERMS, fx=fx)
    assert result.ineligible[0].reasons == ("declared value 2.26 USD > 2 USD",)


def test_identical_points_tie_on_the_front() -> None:
    tie = (D(1), D(5), D(0))
    assert pareto_front([tie, tie], keys=["b", "a"]).front == (1, 0)
    assert pareto_front([tie, tie]).dominated_by == {}
