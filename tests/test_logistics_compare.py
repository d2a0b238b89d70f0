from __future__ import annotations

import datetime as dt
import itertools
import pickle
from decimal import Decimal

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from xborder._exact import DIVISION, EXACT
from xborder.errors import InvalidInputError, InvalidTypeError, MissingFxRateError
from xborder.fx import FxRate, FxTable
from xborder.logistics import (
    Assessment,
    Comparison,
    Mode,
    Parcel,
    RateCard,
    ServiceOption,
    Tracking,
    TransitTime,
    Weights,
    compare,
    pareto_front,
)
from xborder.money import Currency, Money
from xborder.testing import strategies as xst


def usd(amount: str) -> Money:
    return Money(amount, "USD")


HOLDER = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")


def option(
    name: str,
    price: str,
    *,
    days: tuple[int, int, int, int],
    loss: str = "0.01",
    tracking: Tracking = Tracking.FULL,
    ddp: bool = False,
) -> ServiceOption:
    low, typical, p90, high = days
    return ServiceOption(
        name=name,
        mode=Mode.POSTAL,
        rate_card=RateCard.weight_breaks([("2 kg", usd(price))]),
        transit=TransitTime.from_days(
            minimum=low, typical=typical, p90=p90, maximum=high
        ),
        loss_rate=loss,
        tracking=tracking,
        duties_paid=ddp,
    )


POSTAL = option(
    "postal", "2.60", days=(10, 16, 24, 35), loss="0.02", tracking=Tracking.PARTIAL
)
LINE = option("line", "3.57", days=(7, 9, 12, 18), loss="0.005", ddp=True)
EXPRESS = option("express", "25.28", days=(3, 4, 6, 9), loss="0.002", ddp=True)
SLOW_DEAR = option("slow and dear", "30", days=(7, 9, 12, 18), loss="0.02")

TERMS = {
    "destination": "US",
    "value_of_goods": usd("2.35"),
    "cost_of_capital": "0.15",
    "promised_days": 14,
    "cost_per_late_delivery": usd("1.00"),
    "cost_per_day_late": usd("0.30"),
    "cost_per_loss": usd("6.00"),
}


def run(*options: ServiceOption, **changes: object) -> Comparison:
    return compare(HOLDER, options, **{**TERMS, **changes})  # type: ignore[arg-type]


def test_expected_cost_prices_time_and_risk() -> None:
    result = run(LINE)
    line = result.assessment("line")
    names = [item.name for item in line.lines]
    assert names == [
        "freight",
        "in-transit carrying cost",
        "expected loss",
        "expected lateness",
    ]
    freight, carrying, loss, late = (item.amount.amount for item in line.lines)
    assert freight == Decimal("3.57")
    # 2.35 × 15% × mean transit / 365; mean = .5 × 8 + .4 × 10.5 + .1 × 15 = 9.7
    assert line.mean_days == Decimal("9.7")
    assert carrying == DIVISION.divide(
        Decimal("2.35") * Decimal("0.15") * Decimal("9.7"), 365
    )
    # 0.5% × (2.35 + 3.57 + 6.00)
    assert loss == Decimal("0.005") * Decimal("11.92")
    # P(T > 14) = 0.1 × (18 − 14) / 6 = 1/15; E[(T − 14)+] = 0.1 × 16/12 = 2/15
    assert abs(late - (Decimal(1) / 15 + Decimal("0.30") * 2 / 15)) < Decimal("1e-26")
    assert line.expected_cost == Money.total(
        (i.amount for i in line.lines), currency="USD"
    )
    assert line.late_probability == line.option.transit.probability_later_than(14)
    assert line.reliability == EXACT.subtract(Decimal("0.995"), line.late_probability)


def test_the_front_and_who_dominates_whom() -> None:
    result = run(POSTAL, LINE, EXPRESS, SLOW_DEAR)
    assert [a.name for a in result.front] == ["line", "express"]
    dominated = {d.option.name: d.by.name for d in result.dominated}
    # Line and express both beat "slow and dear"; the dominator named is the
    # most reliable of those no slower at P90.
    assert dominated == {"postal": "line", "slow and dear": "express"}
    why = next(d for d in result.dominated if d.option.name == "postal").reasons
    assert why[0] == "cheaper: expected 3.75 USD vs 4.74 USD"
    assert why[1] == "faster: P90 12 vs 24 days"
    assert why[2].startswith("more reliable: 0.92")
    assert result.cheapest is not None
    assert result.cheapest.name == "line"
    assert result.fastest is not None
    assert result.fastest.name == "express"
    assert result.most_reliable is not None
    assert result.most_reliable.name == "express"
    assert result.best is None
    assert "* line" in result.table()


def test_a_weighted_score_only_when_asked() -> None:
    speed_first = run(
        POSTAL, LINE, EXPRESS, weights=Weights(cost=1, time=5, reliability=1)
    )
    assert speed_first.best is not None
    assert speed_first.best.name == "express"
    cost_first = run(
        POSTAL, LINE, EXPRESS, weights=Weights(cost=5, time=1, reliability=1)
    )
    assert cost_first.best is not None
    assert cost_first.best.name == "line"
    assert cost_first.scores[0].score == min(s.score for s in cost_first.scores)


def test_without_a_promise_reliability_uses_the_on_time_rate() -> None:
    carrier = evolve(LINE, on_time_rate="0.93")
    result = run(
        carrier,
        promised_days=None,
        cost_per_late_delivery=None,
        cost_per_day_late=None,
    )
    assessment = result.assessment("line")
    assert assessment.late_probability == Decimal("0.07")
    assert [i.name for i in assessment.lines][-1] == "expected loss"


def test_requirements_make_options_ineligible_with_reasons() -> None:
    result = run(POSTAL, LINE, require_tracking=Tracking.FULL, require_duties_paid=True)
    assert [i.name for i in result.ineligible] == ["postal"]
    assert result.ineligible[0].reasons == (
        "tracking partial is less than the required full",
        "cannot deliver duties paid (DDP)",
    )
    assert "x postal" in result.table()


def test_options_in_other_currencies_need_fx() -> None:
    yuan = evolve(
        LINE,
        rate_card=RateCard.per_weight(
            rate=Money("62", "CNY"), item_fee=Money("18", "CNY"), max_weight="30 kg"
        ),
    )
    with pytest.raises(MissingFxRateError) as raised:
        run(yuan)
    assert raised.value.field == "fx"
    fx = FxTable(
        rates=(
            FxRate(base="USD", quote="CNY", rate="7.12", as_of=dt.date(2026, 11, 2)),
        )
    )
    converted = run(yuan, fx=fx).assessment("line").lines[0].amount
    assert converted.currency == Currency("USD")
    assert converted.amount == DIVISION.divide(Decimal("25.44"), Decimal("7.12"))


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"cost_of_capital": "-0.1"}, InvalidInputError, "cost_of_capital"),
        ({"cost_of_capital": 0.15}, InvalidTypeError, "cost_of_capital"),
        ({"value_of_goods": usd("-1")}, InvalidInputError, "value_of_goods"),
        ({"value_of_goods": "2.35"}, InvalidTypeError, "value_of_goods"),
        ({"cost_per_loss": Money("6", "EUR")}, InvalidInputError, "cost_per_loss"),
        ({"promised_days": -1}, InvalidInputError, "promised_days"),
        ({"fx": {}}, InvalidTypeError, "fx"),
        ({"require_tracking": "full"}, InvalidTypeError, "require_tracking"),
        ({"require_duties_paid": 1}, InvalidTypeError, "require_duties_paid"),
        ({"destination": "EU"}, InvalidInputError, "destination.country"),
    ],
)
def test_bad_assumptions_are_clear_errors(
    changes: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as raised:
        run(LINE, **changes)
    assert raised.value.field == field  # type: ignore[attr-defined]


def test_option_lists_are_checked() -> None:
    with pytest.raises(InvalidInputError) as raised:
        compare(HOLDER, [], **TERMS)  # type: ignore[arg-type]
    assert raised.value.field == "options"
    with pytest.raises(InvalidInputError) as raised:
        run(LINE, evolve(EXPRESS, name="line"))
    assert raised.value.field == "options[1].name"
    with pytest.raises(InvalidTypeError) as raised:
        run(LINE, "express")  # type: ignore[arg-type]
    assert raised.value.field == "options[1]"
    with pytest.raises(InvalidTypeError) as raised:
        compare("parcel", [LINE], **TERMS)  # type: ignore[arg-type]
    assert raised.value.field == "shipment"


def test_weights_must_not_all_be_zero() -> None:
    with pytest.raises(InvalidInputError) as raised:
        Weights(cost=0, time=0, reliability=0)
    assert raised.value.field == "cost"
    with pytest.raises(InvalidInputError) as raised:
        Weights(time=-1)
    assert raised.value.field == "time"


# -- the Pareto front ---------------------------------------------------------


def dominates(a: tuple[Decimal, ...], b: tuple[Decimal, ...]) -> bool:
    return all(x <= y for x, y in zip(a, b, strict=True)) and a != b


small = st.integers(0, 4).map(Decimal)
points = st.lists(st.tuples(small, small, small), max_size=40)


@given(points)
def test_pareto_front_matches_brute_force(
    values: list[tuple[Decimal, Decimal, Decimal]],
) -> None:
    result = pareto_front(values)
    expected = {
        i for i, p in enumerate(values) if not any(dominates(q, p) for q in values)
    }
    assert set(result.front) == expected
    assert set(result.dominated_by) == set(range(len(values))) - expected
    for loser, winner in result.dominated_by.items():
        assert winner in expected
        assert dominates(values[winner], values[loser])


def test_pareto_front_on_a_thousand_points_is_fast_enough_to_run_here() -> None:
    values = [
        (Decimal(i % 97), Decimal((i * 37) % 101), Decimal((i * 53) % 89))
        for i in range(1000)
    ]
    result = pareto_front(values)
    assert len(result.front) + len(result.dominated_by) == 1000


USD_OPTIONS = st.lists(
    xst.service_options(currency=st.just(Currency("USD"))),
    min_size=1,
    max_size=6,
    unique_by=lambda o: o.name,
)


def _compare(
    options: list[ServiceOption], weights: Weights | None = None
) -> Comparison:
    return compare(
        HOLDER,
        options,
        destination="US",
        value_of_goods=usd("20"),
        cost_of_capital="0.12",
        promised_days=10,
        cost_per_day_late=usd("0.5"),
        cost_per_loss=usd("5"),
        as_of=dt.date(2026, 11, 2),
        weights=weights,
    )


def _objectives(a: Assessment) -> tuple[Decimal, ...]:
    return a.objectives


@given(USD_OPTIONS, xst.comparison_weights())
def test_the_front_has_no_dominated_member_and_every_other_is_named(
    options: list[ServiceOption], weights: Weights
) -> None:
    result = _compare(options, weights)
    front = result.front
    for a, b in itertools.permutations(front, 2):
        assert not dominates(_objectives(a), _objectives(b))
    front_names = {a.name for a in front}
    for domination in result.dominated:
        assert domination.by.name in front_names
        assert dominates(_objectives(domination.by), _objectives(domination.option))
        assert len(domination.reasons) == 3
    covered = front_names | {d.option.name for d in result.dominated}
    assert covered == {a.name for a in result.assessments}
    assert len(result.assessments) + len(result.ineligible) == len(options)
    if result.scores:
        assert result.best is not None
        assert result.best.name in front_names


@given(USD_OPTIONS, st.randoms(use_true_random=False))
def test_the_comparison_does_not_depend_on_option_order(
    options: list[ServiceOption], random: object
) -> None:
    shuffled = list(options)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    weights = Weights(cost=2, time=1, reliability=1)
    first, second = _compare(options, weights), _compare(shuffled, weights)
    assert first == second


@given(USD_OPTIONS)
def test_expected_cost_lines_add_up(options: list[ServiceOption]) -> None:
    for assessment in _compare(options).assessments:
        total = Money.total((i.amount for i in assessment.lines), currency="USD")
        assert total == assessment.expected_cost
        assert assessment.expected_cost >= assessment.quote.total
        assert 0 <= assessment.reliability <= 1


def _scan(comparison: Comparison, name: object) -> Assessment | None:
    """The option called ``name`` by a linear scan (what ``assessment`` did)."""
    return next((a for a in comparison.assessments if a.name == name), None)


@given(xst.comparisons(), st.data())
def test_looking_up_an_option_by_name_finds_what_a_scan_finds(
    comparison: Comparison, data: st.DataObject
) -> None:
    names = [a.name for a in comparison.assessments]
    others = [i.name for i in comparison.ineligible] + ["no such option"]
    for name in [*names, data.draw(st.sampled_from(others))]:
        expected = _scan(comparison, name)
        if expected is None:
            with pytest.raises(InvalidInputError) as caught:
                comparison.assessment(name)
            assert caught.value.field == "name"
            assert caught.value.value == name
            assert caught.value.expected == f"one of {', '.join(names)}"
        else:
            assert comparison.assessment(name) is expected


def test_the_name_index_is_left_out_of_equality_repr_and_pickling() -> None:
    options = [
        option("slow", "3.00", days=(10, 12, 14, 16)),
        option("fast", "9.00", days=(2, 4, 5, 6)),
    ]
    result = _compare(options)
    again = _compare(options)
    assert result == again
    assert hash(result) == hash(again)
    assert "by_name" not in repr(result)
    unpickled = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own bytes
    assert unpickled == result
    assert unpickled.assessment("fast") == result.assessment("fast")
    fewer = evolve(result, assessments=result.assessments[:1])
    kept = fewer.assessments[0].name
    assert fewer.assessment(kept) is fewer.assessments[0]
    gone = result.assessments[1].name
    with pytest.raises(InvalidInputError, match="expected one of"):
        fewer.assessment(gone)


@pytest.mark.parametrize("name", [["fast"], None, 3])
def test_a_name_that_is_not_text_is_no_option(name: object) -> None:
    result = _compare([option("fast", "9.00", days=(2, 4, 5, 6))])
    with pytest.raises(InvalidInputError) as caught:
        result.assessment(name)  # type: ignore[arg-type]
    assert caught.value.field == "name"
    assert caught.value.value == name
