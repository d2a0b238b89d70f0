"""Issue 13 in logistics: each hostile input found is refused where it enters.

Every case names the error class, the field and the value it must carry; the
result classes refuse what their calculators never build, and accept (and
read back) everything the calculators do build.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.errors import InvalidInputError, InvalidTypeError, UnitError, XborderError
from xborder.logistics import (
    Assessment,
    CardPrice,
    ChargeableWeight,
    Comparison,
    CostLine,
    DimRule,
    Domination,
    Eligibility,
    FirstAdditional,
    Flat,
    FulfilmentFee,
    FulfilmentFeeTable,
    Ineligible,
    Mode,
    Parcel,
    ParetoFront,
    PerWeight,
    PieceWeight,
    Quote,
    QuoteLine,
    RateCard,
    Restrictions,
    Score,
    ServiceOption,
    SizeLimits,
    SizeTier,
    Surcharge,
    TierMatch,
    Tracking,
    TransitTime,
    Weights,
    When,
    ZoneRateCard,
    chargeable_weight,
    compare,
    fulfilment_fee,
    pareto_front,
    quote,
)
from xborder.money import Money
from xborder.serialize import from_data, to_data
from xborder.units import quantity

if TYPE_CHECKING:
    from collections.abc import Callable

D = Decimal
DAY: Any = quantity(1, "day")  # a scalar quantity declares __iter__, fails in it
HUGE: Any = 10**5000  # past Python's int-to-str limit: no message may str() it


def bad(value: object) -> Any:
    """``value``, typed for a call that must refuse it."""
    return value


def usd(amount: str) -> Money:
    return Money(amount, "USD")


HOLDER = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
CARD = RateCard.weight_breaks([("2 kg", usd("3.00"))])
OPTION = ServiceOption(
    name="postal",
    mode=Mode.POSTAL,
    loss_rate="0.01",
    tracking=Tracking.FULL,
    rate_card=CARD,
    transit=TransitTime.from_days(minimum=10, maximum=14),
)
FAST = attrs.evolve(
    OPTION,
    name="fast",
    rate_card=RateCard.weight_breaks([("2 kg", usd("9.00"))]),
    transit=TransitTime.from_days(minimum=2, maximum=6),
)
TERMS: dict[str, Any] = {
    "destination": "US",
    "value_of_goods": usd("2.35"),
    "cost_of_capital": "0.15",
}
RESULT = compare(HOLDER, [OPTION, FAST], **TERMS, weights=Weights())
QUOTE = quote(HOLDER, OPTION, destination="US")
ASSESSED = RESULT.assessment("postal")
TABLE = FulfilmentFeeTable(
    name="made-up fees",
    tiers=(
        SizeTier(
            name="Standard",
            limits=SizeLimits(weight="20 lb", longest="18 in"),
            fee=RateCard.weight_breaks([("1 lb", usd("3.90"))]),
        ),
    ),
)
FEE = fulfilment_fee(HOLDER, TABLE)
WEIGHT = chargeable_weight(HOLDER)
ZONES = ZoneRateCard(zones={"US": "A"}, cards={"A": CARD})
FIRST = FirstAdditional(
    first_weight="0.5 kg", first_price=usd("12"), step="0.5 kg", step_price=usd("3")
)
LIMITS = SizeLimits(weight="2 kg", longest="60 cm")


def _changed(value: object, **changes: object) -> Callable[[], object]:
    """Rebuild ``value`` through its public constructor with ``changes``."""
    kind: Any = type(value)
    init = {f.alias: getattr(value, f.name) for f in attrs.fields(kind) if f.init}
    return lambda: kind(**{**init, **changes})


# Each case: a label, the call, and the error class, field and value it raises.
CASES: list[tuple[str, Callable[[], object], type[XborderError], str, object]] = [
    # A scalar pint quantity where a sequence belongs (it fails inside __iter__).
    (
        "parcel contents",
        lambda: Parcel(dimensions="1 x 1 x 1 cm", weight="1 kg", contents=DAY),
        InvalidTypeError,
        "contents",
        DAY,
    ),
    (
        "countries",
        lambda: Restrictions(countries=DAY),
        InvalidTypeError,
        "countries",
        DAY,
    ),
    (
        "prohibited countries",
        lambda: Restrictions(prohibited_countries=DAY),
        InvalidTypeError,
        "prohibited_countries",
        DAY,
    ),
    ("accepts", lambda: Restrictions(accepts=DAY), InvalidTypeError, "accepts", DAY),
    ("when contents", lambda: When(contents=DAY), InvalidTypeError, "contents", DAY),
    (
        "percentiles",
        lambda: TransitTime(minimum="1 day", maximum="3 days", percentiles=DAY),
        InvalidTypeError,
        "percentiles",
        DAY,
    ),
    (
        "zones",
        lambda: ZoneRateCard(zones=DAY, cards={"A": CARD}),
        InvalidTypeError,
        "zones",
        DAY,
    ),
    (
        "weight-break rows",
        lambda: RateCard.weight_breaks(DAY),
        InvalidTypeError,
        "rows",
        DAY,
    ),
    (
        "compare options",
        lambda: compare(HOLDER, DAY, **TERMS),
        InvalidTypeError,
        "options",
        DAY,
    ),
    ("pareto points", lambda: pareto_front(DAY), InvalidTypeError, "points", DAY),
    # Unchecked arguments of public functions.
    (
        "pareto keys an int",
        lambda: pareto_front((), keys=bad(5)),
        InvalidTypeError,
        "keys",
        5,
    ),
    (
        "pareto key not a str",
        lambda: pareto_front([(D(1), D(1), D(0))], keys=bad([5])),
        InvalidTypeError,
        "keys[0]",
        5,
    ),
    (
        "compare weights",
        lambda: compare(HOLDER, [OPTION], **TERMS, weights=bad("1,1,1")),
        InvalidTypeError,
        "weights",
        "1,1,1",
    ),
    (
        "compare as_of",
        lambda: compare(HOLDER, [OPTION], **TERMS, as_of=bad("2026-13-45")),
        InvalidInputError,
        "as_of",
        "2026-13-45",
    ),
    (
        "quote as_of",
        lambda: quote(HOLDER, OPTION, destination="US", as_of=bad(1)),
        InvalidInputError,
        "as_of",
        1,
    ),
    (
        "divisor a 5000-digit int",
        lambda: DimRule(divisor=HUGE),
        UnitError,
        "divisor",
        HUGE,
    ),
    (
        "percentile key a 5000-digit int",
        lambda: TransitTime(
            minimum="1 day", maximum="3 days", percentiles=bad({HUGE: "2 days"})
        ),
        InvalidInputError,
        "percentiles[<int>]",
        HUGE,
    ),
    (
        "zone pair keyed by a list",
        lambda: ZoneRateCard(zones=bad([(["US"], "A")]), cards={"A": CARD}),
        InvalidTypeError,
        "zones[0]",
        (["US"], "A"),
    ),
    # Public methods' arguments.
    (
        "flat weight",
        lambda: Flat(usd("1")).price(-1),
        InvalidInputError,
        "weight_kg",
        -1,
    ),
    (
        "per-weight digits of another script",
        lambda: PerWeight(rate=usd("1")).price("١٢٣"),
        InvalidInputError,
        "weight_kg",
        "١٢٣",
    ),
    (
        "first + additional Infinity",
        lambda: FIRST.steps(D("Infinity")),
        InvalidInputError,
        "weight_kg",
        D("Infinity"),
    ),
    (
        "card weight past every bound",
        lambda: CARD.price_kg(D("1E+999999")),
        InvalidInputError,
        "weight_kg",
        D("1E+999999"),
    ),
    (
        "band index 0 kg",
        lambda: CARD.band_index(0),
        InvalidInputError,
        "weight_kg",
        D(0),
    ),
    (
        "breaches parcel",
        lambda: LIMITS.breaches(bad("box")),
        InvalidTypeError,
        "parcel",
        "box",
    ),
    (
        "breaches weight a number",
        lambda: LIMITS.breaches(HOLDER, weight=bad(D(1))),
        UnitError,
        "weight",
        D(1),
    ),
    (
        "breaches_of one side",
        lambda: LIMITS.breaches_of(bad(D(1)), 1),
        InvalidTypeError,
        "sides",
        D(1),
    ),
    (
        "breaches_of two sides",
        lambda: LIMITS.breaches_of((1, 2), 1),
        InvalidTypeError,
        "sides",
        (1, 2),
    ),
    (
        "breaches_of a bad side",
        lambda: LIMITS.breaches_of((3, 2, "x"), 1),
        InvalidInputError,
        "sides[2]",
        "x",
    ),
    (
        "breaches_of weight",
        lambda: LIMITS.breaches_of((3, 2, 1), bad(None)),
        InvalidTypeError,
        "weight_kg",
        None,
    ),
    (
        "card_for a list",
        lambda: ZONES.card_for(bad([])),
        InvalidTypeError,
        "country",
        [],
    ),
    (
        "subtotal by text",
        lambda: QUOTE.subtotal(bad("freight")),
        InvalidTypeError,
        "kind",
        "freight",
    ),
    (
        "assessment by a list",
        lambda: RESULT.assessment(bad([])),
        InvalidTypeError,
        "name",
        [],
    ),
    (
        "fuel on_subtotal 1",
        lambda: Surcharge.fuel("0.1", on_subtotal=bad(1)),
        InvalidTypeError,
        "on_subtotal",
        1,
    ),
    # Result classes: what their calculators never build.
    (
        "card price amount",
        _changed(CARD.price_kg(1), amount="3"),
        InvalidTypeError,
        "amount",
        "3",
    ),
    (
        "card price band",
        _changed(CARD.price_kg(1), band=-1),
        InvalidInputError,
        "band",
        -1,
    ),
    (
        "quote line kind",
        _changed(QUOTE.lines[0], kind="freight"),
        InvalidTypeError,
        "kind",
        "freight",
    ),
    ("quote lines", _changed(QUOTE, lines=DAY), InvalidTypeError, "lines", DAY),
    (
        "quote total",
        _changed(QUOTE, total=usd("1")),
        InvalidInputError,
        "total",
        usd("1"),
    ),
    (
        "quote destination",
        _changed(QUOTE, destination="US"),
        InvalidTypeError,
        "destination",
        "US",
    ),
    (
        "cost line name",
        _changed(ASSESSED.lines[0], name=""),
        InvalidInputError,
        "name",
        "",
    ),
    (
        "assessment reliability",
        _changed(ASSESSED, reliability=D("1.5")),
        InvalidInputError,
        "reliability",
        D("1.5"),
    ),
    (
        "assessment days",
        _changed(ASSESSED, p90_days=D(-1)),
        InvalidInputError,
        "p90_days",
        D(-1),
    ),
    (
        "assessment total",
        _changed(ASSESSED, expected_cost=usd("0")),
        InvalidInputError,
        "expected_cost",
        usd("0"),
    ),
    (
        "comparison assessments",
        _changed(RESULT, assessments="ab"),
        InvalidTypeError,
        "assessments",
        "ab",
    ),
    (
        "comparison front item",
        _changed(RESULT, front=(ASSESSED, 1)),
        InvalidTypeError,
        "front[1]",
        1,
    ),
    (
        "score above 1",
        _changed(RESULT.scores[0], score=2),
        InvalidInputError,
        "score",
        2,
    ),
    (
        "domination without reasons",
        lambda: Domination(option=ASSESSED, by=ASSESSED, reasons=()),
        InvalidInputError,
        "reasons",
        (),
    ),
    (
        "ineligible reasons a str",
        lambda: Ineligible(option=OPTION, reasons="why"),
        InvalidTypeError,
        "reasons",
        "why",
    ),
    (
        "eligibility option",
        lambda: Eligibility(option=bad("postal"), reasons=()),
        InvalidTypeError,
        "option",
        "postal",
    ),
    (
        "pareto front index",
        lambda: ParetoFront(front=[True], dominated_by={}),
        InvalidTypeError,
        "front[0]",
        True,
    ),
    (
        "pareto dominator off the front",
        lambda: ParetoFront(front=(0,), dominated_by={1: 2}),
        InvalidInputError,
        "dominated_by[1]",
        2,
    ),
    (
        "pareto dominators a list",
        lambda: ParetoFront(front=(0,), dominated_by=bad([])),
        InvalidTypeError,
        "dominated_by",
        [],
    ),
    (
        "weight without pieces",
        _changed(WEIGHT, pieces=()),
        InvalidInputError,
        "pieces",
        (),
    ),
    (
        "weight actual",
        _changed(WEIGHT, actual_kg="x"),
        InvalidInputError,
        "actual_kg",
        "x",
    ),
    (
        "piece of two sides",
        _changed(WEIGHT.pieces[0], sides_cm=(1, 2)),
        InvalidTypeError,
        "sides_cm",
        (1, 2),
    ),
    (
        "piece side 0",
        _changed(WEIGHT.pieces[0], sides_cm=(1, 2, 0)),
        InvalidInputError,
        "sides_cm[2]",
        0,
    ),
    (
        "piece flag",
        _changed(WEIGHT.pieces[0], dim_applies=1),
        InvalidTypeError,
        "dim_applies",
        1,
    ),
    (
        "tier passed over",
        _changed(FEE.match, passed_over=[("Small", "why")]),
        InvalidTypeError,
        "passed_over[0]",
        "why",
    ),
    ("fee total", _changed(FEE, total=usd("1")), InvalidInputError, "total", usd("1")),
    ("fee units", _changed(FEE, units=0), InvalidInputError, "units", 0),
]


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hostile_input_is_refused_by_name(
    call: Callable[[], object], error: type[XborderError], field: str, value: object
) -> None:
    with pytest.raises(error) as raised:
        call()
    assert type(raised.value) is error
    assert raised.value.field == field
    assert raised.value.value == value


CALCULATED = [RESULT, QUOTE, ASSESSED, FEE, FEE.match, FEE.price, WEIGHT, *QUOTE.lines]


@pytest.mark.parametrize("result", CALCULATED, ids=lambda r: type(r).__name__)
def test_calculated_results_pass_their_own_constructor(result: object) -> None:
    # Calculators build results without __init__; the checks must accept them.
    rebuilt = _changed(result)()
    assert rebuilt == result
    assert from_data(type(result), to_data(result)) == result


RESULT_TYPES = [
    Assessment,
    CardPrice,
    ChargeableWeight,
    Comparison,
    CostLine,
    Domination,
    Eligibility,
    FulfilmentFee,
    Ineligible,
    ParetoFront,
    PieceWeight,
    Quote,
    QuoteLine,
    Score,
    TierMatch,
]


@pytest.mark.parametrize("model", RESULT_TYPES, ids=lambda m: m.__name__)
def test_every_drawn_result_reads_back(model: type) -> None:
    @settings(max_examples=10, deadline=None)
    @given(st.from_type(model))
    def check(result: object) -> None:
        assert _changed(result)() == result
        assert from_data(model, to_data(result)) == result

    check()
