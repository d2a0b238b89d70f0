"""What a comparison returns: assessments, the front, dominators, scores (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    non_negative,
    text,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.logistics._common import checked, fmt, strings, unchecked
from xborder.logistics._pareto import pareto_front
from xborder.logistics._quote import Quote, check_total
from xborder.logistics._service import ServiceOption, service_option
from xborder.money import Money, RoundingMode
from xborder.money._money import money_value

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Assessment",
    "Comparison",
    "CostLine",
    "Domination",
    "Ineligible",
    "Score",
    "Weights",
    "conclude",
    "make_assessment",
    "make_cost_line",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CostLine:
    """One part of an option's expected total cost.

    Attributes:
        name: What it is (a quote line, "in-transit carrying cost",
            "expected loss", "expected lateness").
        amount: The amount, in the comparison's currency.
        detail: How it was computed.

    Examples:
        >>> from xborder.logistics import (
        ...     Mode, Parcel, RateCard, ServiceOption, Tracking, TransitTime, compare,
        ... )
        >>> from xborder.money import Money
        >>> def postal(name, price, days, tracking=Tracking.FULL):
        ...     return ServiceOption(
        ...         name=name, mode=Mode.POSTAL, loss_rate="0.01",
        ...         tracking=tracking,
        ...         rate_card=RateCard.weight_breaks([("2 kg", Money(price, "USD"))]),
        ...         transit=TransitTime.from_days(minimum=days - 2, maximum=days + 2),
        ...     )
        >>> options = [
        ...     postal("slow", "3.00", 12),
        ...     postal("fast", "9.00", 4),
        ...     postal("dear", "12.00", 12),
        ...     postal("untracked", "2.00", 20, Tracking.NONE),
        ... ]
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> result = compare(
        ...     holder, options, destination="US", value_of_goods=Money("2.35", "USD"),
        ...     cost_of_capital="0.15", require_tracking=Tracking.PARTIAL,
        ... )
        >>> [line.name for line in result.assessment("fast").lines]
        ['freight', 'in-transit carrying cost', 'expected loss']

        A line of your own (priced outside xborder) is checked like any model:

        >>> fee = CostLine(name="insurance", amount=Money("0.05", "USD"), detail="2%")
        >>> str(fee.amount)
        '0.05 USD'
        >>> CostLine(name="insurance", amount="0.05", detail="2% of the goods")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidTypeError: amount: expected Money, got '0.05'
    """

    name: str = attrs.field(converter=text)
    amount: Money = attrs.field(converter=money_value)
    detail: str = attrs.field(converter=text)


def _quote(value: Quote) -> Quote:
    return checked(value, Quote)


make_cost_line = unchecked(CostLine)
"""CostLine without its checks, for compare() (see ``unchecked``)."""


def _cost_lines(values: Iterable[CostLine]) -> tuple[CostLine, ...]:
    return tuple_of(values, CostLine)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Assessment:
    """One eligible option, priced with its time and risk.

    Attributes:
        option: The service.
        quote: Its quote, in the option's own currency.
        lines: Quote lines (converted), carrying cost, expected loss and
            expected lateness; they add up exactly to :attr:`expected_cost`.
        expected_cost: Expected total cost of sending the shipment this way.
        mean_days: Expected transit to the buyer, in days.
        p50_days: Median transit to the buyer.
        p90_days: Days by which 90% arrive.
        carrying_days: Days the goods' value is tied up (transit, plus first
            mile and shelf time for a warehouse).
        late_probability: P(later than the promise), or 1 − on-time rate.
        loss_probability: P(lost or damaged), first mile included.
        reliability: 1 − loss probability − late probability (not below 0).

    Examples:
        >>> from xborder.logistics import (
        ...     Mode, Parcel, RateCard, ServiceOption, Tracking, TransitTime, compare,
        ... )
        >>> from xborder.money import Money
        >>> def postal(name, price, days, tracking=Tracking.FULL):
        ...     return ServiceOption(
        ...         name=name, mode=Mode.POSTAL, loss_rate="0.01",
        ...         tracking=tracking,
        ...         rate_card=RateCard.weight_breaks([("2 kg", Money(price, "USD"))]),
        ...         transit=TransitTime.from_days(minimum=days - 2, maximum=days + 2),
        ...     )
        >>> options = [
        ...     postal("slow", "3.00", 12),
        ...     postal("fast", "9.00", 4),
        ...     postal("dear", "12.00", 12),
        ...     postal("untracked", "2.00", 20, Tracking.NONE),
        ... ]
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> result = compare(
        ...     holder, options, destination="US", value_of_goods=Money("2.35", "USD"),
        ...     cost_of_capital="0.15", require_tracking=Tracking.PARTIAL,
        ... )
        >>> fast = result.assessment("fast")
        >>> fast.p50_days, fast.p90_days, fast.reliability
        (Decimal('4'), Decimal('5.6'), Decimal('0.99'))
        >>> str(fast.expected_cost.quantize(RoundingMode.HALF_UP))
        '9.12 USD'
    """

    option: ServiceOption = attrs.field(converter=service_option)
    quote: Quote = attrs.field(converter=_quote)
    lines: tuple[CostLine, ...] = attrs.field(converter=_cost_lines)
    expected_cost: Money = attrs.field(converter=money_value)
    mean_days: Decimal = attrs.field(converter=non_negative)
    p50_days: Decimal = attrs.field(converter=non_negative)
    p90_days: Decimal = attrs.field(converter=non_negative)
    carrying_days: Decimal = attrs.field(converter=non_negative)
    late_probability: Decimal = attrs.field(converter=fraction)
    loss_probability: Decimal = attrs.field(converter=fraction)
    reliability: Decimal = attrs.field(converter=fraction)

    def __attrs_post_init__(self) -> None:
        check_total(self.lines, self.expected_cost, field="expected_cost")

    @property
    def name(self) -> str:
        """The option's name."""
        return self.option.name

    @property
    def objectives(self) -> tuple[Decimal, Decimal, Decimal]:
        """(expected cost, P90 days, 1 − reliability): all lower is better."""
        return (self.expected_cost.amount, self.p90_days, _ONE - self.reliability)


make_assessment = unchecked(Assessment)
"""Assessment without its checks, for compare() (see ``unchecked``)."""


def _assessment(value: Assessment) -> Assessment:
    return checked(value, Assessment)


def _reasons(values: Iterable[str]) -> tuple[str, ...]:
    reasons = strings(values)
    if not reasons:
        raise InvalidInputError(
            field=None, value=reasons, expected="at least one reason"
        )
    return reasons


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Ineligible:
    """An option that cannot carry the shipment, and every reason why.

    Examples:
        >>> from xborder.logistics import (
        ...     Mode, Parcel, RateCard, ServiceOption, Tracking, TransitTime, compare,
        ... )
        >>> from xborder.money import Money
        >>> def postal(name, price, days, tracking=Tracking.FULL):
        ...     return ServiceOption(
        ...         name=name, mode=Mode.POSTAL, loss_rate="0.01",
        ...         tracking=tracking,
        ...         rate_card=RateCard.weight_breaks([("2 kg", Money(price, "USD"))]),
        ...         transit=TransitTime.from_days(minimum=days - 2, maximum=days + 2),
        ...     )
        >>> options = [
        ...     postal("slow", "3.00", 12),
        ...     postal("fast", "9.00", 4),
        ...     postal("dear", "12.00", 12),
        ...     postal("untracked", "2.00", 20, Tracking.NONE),
        ... ]
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> result = compare(
        ...     holder, options, destination="US", value_of_goods=Money("2.35", "USD"),
        ...     cost_of_capital="0.15", require_tracking=Tracking.PARTIAL,
        ... )
        >>> [(i.name, i.reasons) for i in result.ineligible]
        [('untracked', ('tracking none is less than the required partial',))]
    """

    option: ServiceOption = attrs.field(converter=service_option)
    reasons: tuple[str, ...] = attrs.field(converter=_reasons)

    @property
    def name(self) -> str:
        """The option's name."""
        return self.option.name


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Domination:
    """A dominated option, an option on the front that beats it, and how.

    Attributes:
        option: The dominated option.
        by: An option on the Pareto front no worse on every objective and
            better on at least one.
        reasons: The comparison, objective by objective.

    Examples:
        >>> from xborder.logistics import (
        ...     Mode, Parcel, RateCard, ServiceOption, Tracking, TransitTime, compare,
        ... )
        >>> from xborder.money import Money
        >>> def postal(name, price, days, tracking=Tracking.FULL):
        ...     return ServiceOption(
        ...         name=name, mode=Mode.POSTAL, loss_rate="0.01",
        ...         tracking=tracking,
        ...         rate_card=RateCard.weight_breaks([("2 kg", Money(price, "USD"))]),
        ...         transit=TransitTime.from_days(minimum=days - 2, maximum=days + 2),
        ...     )
        >>> options = [
        ...     postal("slow", "3.00", 12),
        ...     postal("fast", "9.00", 4),
        ...     postal("dear", "12.00", 12),
        ...     postal("untracked", "2.00", 20, Tracking.NONE),
        ... ]
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> result = compare(
        ...     holder, options, destination="US", value_of_goods=Money("2.35", "USD"),
        ...     cost_of_capital="0.15", require_tracking=Tracking.PARTIAL,
        ... )
        >>> beaten = result.dominated[0]
        >>> beaten.option.name, beaten.by.name
        ('dear', 'slow')
        >>> beaten.reasons
        ('cheaper: expected 3.07 USD vs 12.16 USD', 'as fast: P90 13.6 vs 13.6 days',
         'as reliable: 0.99 vs 0.99')
    """

    option: Assessment = attrs.field(converter=_assessment)
    by: Assessment = attrs.field(converter=_assessment)
    reasons: tuple[str, ...] = attrs.field(converter=_reasons)


def _weight(value: DecimalInput) -> Decimal:
    return non_negative(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Weights:
    """How much each objective counts in a single score (relative; any scale).

    Args:
        cost: Weight of the expected total cost.
        time: Weight of the P90 transit days.
        reliability: Weight of reliability.

    Raises:
        InvalidInputError: A weight is negative, or all are zero.

    Examples:
        >>> Weights(cost=2, time=1, reliability=1).cost
        Decimal('2')
        >>> Weights(cost=0, time=0, reliability=0)
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: cost: expected at least one weight > 0, ...
    """

    cost: Decimal = attrs.field(default=Decimal(1), converter=_weight)
    time: Decimal = attrs.field(default=Decimal(1), converter=_weight)
    reliability: Decimal = attrs.field(default=Decimal(1), converter=_weight)

    def __attrs_post_init__(self) -> None:
        if not (self.cost or self.time or self.reliability):
            raise InvalidInputError(
                field="cost", value=self.cost, expected="at least one weight > 0"
            )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Score:
    r"""An option's weighted score: lower is better, 0 is best on every objective.

    Each objective is scaled to [0, 1] across the eligible options (0 for
    the best value, 1 for the worst), then weighted:
    $s = \frac{w_c \hat c + w_t \hat t + w_r \hat r}{w_c + w_t + w_r}$.
    Scores are relative to the set compared: adding an option can reorder
    the others. The Pareto front is the part that does not depend on weights.

    Examples:
        >>> from xborder.logistics import (
        ...     Mode, Parcel, RateCard, ServiceOption, Tracking, TransitTime,
        ...     Weights, compare,
        ... )
        >>> from xborder.money import Money
        >>> def postal(name, price, days, tracking=Tracking.FULL):
        ...     return ServiceOption(
        ...         name=name, mode=Mode.POSTAL, loss_rate="0.01",
        ...         tracking=tracking,
        ...         rate_card=RateCard.weight_breaks([("2 kg", Money(price, "USD"))]),
        ...         transit=TransitTime.from_days(minimum=days - 2, maximum=days + 2),
        ...     )
        >>> options = [
        ...     postal("slow", "3.00", 12),
        ...     postal("fast", "9.00", 4),
        ...     postal("dear", "12.00", 12),
        ...     postal("untracked", "2.00", 20, Tracking.NONE),
        ... ]
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> result = compare(
        ...     holder, options, destination="US", value_of_goods=Money("2.35", "USD"),
        ...     cost_of_capital="0.15", require_tracking=Tracking.PARTIAL,
        ...     weights=Weights(cost=1, time=3, reliability=1),
        ... )
        >>> [(s.assessment.name, round(s.score, 3)) for s in result.scores]
        [('fast', Decimal('0.133')), ('slow', Decimal('0.600')),
         ('dear', Decimal('0.800'))]
    """

    assessment: Assessment = attrs.field(converter=_assessment)
    score: Decimal = attrs.field(converter=fraction)
    cost: Decimal = attrs.field(converter=fraction)
    time: Decimal = attrs.field(converter=fraction)
    reliability: Decimal = attrs.field(converter=fraction)


def _assessments(values: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return tuple_of(values, Assessment)


def _ineligibles(values: Iterable[Ineligible]) -> tuple[Ineligible, ...]:
    return tuple_of(values, Ineligible)


def _dominations(values: Iterable[Domination]) -> tuple[Domination, ...]:
    return tuple_of(values, Domination)


def _score_list(values: Iterable[Score]) -> tuple[Score, ...]:
    return tuple_of(values, Score)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Comparison:
    """Options compared on expected cost, P90 transit and reliability.

    Attributes:
        assessments: Eligible options, cheapest expected cost first.
        ineligible: Options that cannot carry the shipment, with reasons.
        front: The Pareto front: options no other option beats on all of
            cost, time and reliability at once.
        dominated: Every other eligible option, with one that beats it and why.
        scores: Weighted scores, best first (only when weights were given).

    Examples:
        >>> from xborder.logistics import (
        ...     Mode, Parcel, RateCard, ServiceOption, Tracking, TransitTime, compare,
        ... )
        >>> from xborder.money import Money
        >>> def postal(name, price, days, tracking=Tracking.FULL):
        ...     return ServiceOption(
        ...         name=name, mode=Mode.POSTAL, loss_rate="0.01",
        ...         tracking=tracking,
        ...         rate_card=RateCard.weight_breaks([("2 kg", Money(price, "USD"))]),
        ...         transit=TransitTime.from_days(minimum=days - 2, maximum=days + 2),
        ...     )
        >>> options = [
        ...     postal("slow", "3.00", 12),
        ...     postal("fast", "9.00", 4),
        ...     postal("dear", "12.00", 12),
        ...     postal("untracked", "2.00", 20, Tracking.NONE),
        ... ]
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> result = compare(
        ...     holder, options, destination="US", value_of_goods=Money("2.35", "USD"),
        ...     cost_of_capital="0.15", require_tracking=Tracking.PARTIAL,
        ... )
        >>> print(result.table())
          option     expected    P50    P90  reliab.
        * slow       3.07 USD     12   13.6     0.99
        * fast       9.12 USD      4    5.6     0.99
          dear      12.16 USD     12   13.6     0.99
        x untracked: tracking none is less than the required partial
    """

    assessments: tuple[Assessment, ...] = attrs.field(converter=_assessments)
    ineligible: tuple[Ineligible, ...] = attrs.field(converter=_ineligibles)
    front: tuple[Assessment, ...] = attrs.field(converter=_assessments)
    dominated: tuple[Domination, ...] = attrs.field(converter=_dominations)
    scores: tuple[Score, ...] = attrs.field(converter=_score_list)
    # The assessments by option name, built once: derived from
    # ``assessments`` (left out of equality, hashing, repr and data).
    _by_name: dict[str, Assessment] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        _index(self)

    def assessment(self, name: str) -> Assessment:
        """The assessment of the option called ``name``, in constant time.

        Raises:
            InvalidTypeError: ``name`` is not a str.
            InvalidInputError: No eligible option has that name.
        """
        if not isinstance(name, str):
            raise InvalidTypeError(field="name", value=name, expected="an option name")
        found = self._by_name.get(name)
        if found is not None:
            return found
        raise InvalidInputError(
            field="name",
            value=name,
            expected=f"one of {', '.join(a.name for a in self.assessments)}",
        )

    @property
    def best(self) -> Assessment | None:
        """The best weighted score, if weights were given."""
        return self.scores[0].assessment if self.scores else None

    @property
    def cheapest(self) -> Assessment | None:
        """Lowest expected total cost (ties: fastest, then name)."""
        return self.assessments[0] if self.assessments else None

    @property
    def fastest(self) -> Assessment | None:
        """Lowest P90 transit (ties: cheapest, then name)."""
        return _first(self.assessments, lambda a: (a.p90_days, a.expected_cost.amount))

    @property
    def most_reliable(self) -> Assessment | None:
        """Highest reliability (ties: cheapest, then name)."""
        return _first(
            self.assessments, lambda a: (-a.reliability, a.expected_cost.amount)
        )

    def table(self) -> str:
        """A plain-text table of the eligible options, front marked with ``*``."""
        on_front = {a.name for a in self.front}
        width = max([len(a.name) for a in self.assessments] + [6])
        head = f"  {'option':<{width}} {'expected':>12}"
        rows = [f"{head} {'P50':>6} {'P90':>6} {'reliab.':>8}"]
        for a in self.assessments:
            mark = "*" if a.name in on_front else " "
            cost = a.expected_cost.quantize(RoundingMode.HALF_UP)
            rows.append(
                f"{mark} {a.name:<{width}} {cost!s:>12} {fmt(a.p50_days, 1):>6}"
                f" {fmt(a.p90_days, 1):>6} {fmt(a.reliability, 3):>8}"
            )
        rows += [f"x {i.name}: {'; '.join(i.reasons)}" for i in self.ineligible]
        return "\n".join(rows)


def _index(comparison: Comparison) -> Comparison:
    by_name: dict[str, Assessment] = {}
    for assessment in comparison.assessments:
        by_name.setdefault(assessment.name, assessment)  # the first one wins
    object.__setattr__(comparison, "_by_name", by_name)
    return comparison


_comparison = unchecked(Comparison)


def _first(assessments: tuple[Assessment, ...], key: object) -> Assessment | None:
    if not assessments:
        return None
    return min(assessments, key=lambda a: (key(a), a.name))  # type: ignore[operator]


def conclude(
    assessed: list[Assessment], refused: list[Ineligible], weights: Weights | None
) -> Comparison:
    """Sort, find the Pareto front and its dominators, and score if asked."""
    assessed.sort(key=lambda a: (a.objectives, a.name))
    result = pareto_front([a.objectives for a in assessed], [a.name for a in assessed])
    front = tuple(assessed[i] for i in sorted(result.front))
    dominated = tuple(
        Domination(
            option=assessed[i], by=assessed[j], reasons=_why(assessed[j], assessed[i])
        )
        for i, j in sorted(result.dominated_by.items())
    )
    scores = () if weights is None else _scores(assessed, weights)
    return _index(
        _comparison(
            assessments=tuple(assessed),
            ineligible=tuple(sorted(refused, key=lambda i: i.name)),
            front=front,
            dominated=dominated,
            scores=scores,
        )
    )


def _why(better: Assessment, worse: Assessment) -> tuple[str, ...]:
    def money(value: Money) -> str:
        return str(value.quantize(RoundingMode.HALF_UP))

    cost_word = (
        "cheaper" if better.expected_cost < worse.expected_cost else "costs the same"
    )
    time_word = "faster" if better.p90_days < worse.p90_days else "as fast"
    sure_word = (
        "more reliable" if better.reliability > worse.reliability else "as reliable"
    )
    return (
        (
            f"{cost_word}: expected {money(better.expected_cost)}"
            f" vs {money(worse.expected_cost)}"
        ),
        f"{time_word}: P90 {fmt(better.p90_days, 1)} vs {fmt(worse.p90_days, 1)} days",
        f"{sure_word}: {fmt(better.reliability, 4)} vs {fmt(worse.reliability, 4)}",
    )


def _scores(assessed: list[Assessment], weights: Weights) -> tuple[Score, ...]:
    if not assessed:
        return ()
    columns = list(zip(*(a.objectives for a in assessed), strict=True))
    spans = [(min(column), max(column)) for column in columns]
    total = weights.cost + weights.time + weights.reliability
    scored = []
    for a in assessed:
        parts = [
            _scaled(value, low, high)
            for value, (low, high) in zip(a.objectives, spans, strict=True)
        ]
        weighted = (
            EXACT.multiply(weights.cost, parts[0])
            + EXACT.multiply(weights.time, parts[1])
            + EXACT.multiply(weights.reliability, parts[2])
        )
        scored.append(
            Score(
                assessment=a,
                score=DIVISION.divide(weighted, total),
                cost=parts[0],
                time=parts[1],
                reliability=parts[2],
            )
        )
    scored.sort(key=lambda s: (s.score, s.assessment.objectives, s.assessment.name))
    return tuple(scored)


def _scaled(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    if high == low:
        return _ZERO
    return DIVISION.divide(EXACT.subtract(value, low), EXACT.subtract(high, low))
