"""Comparing service options once time and risk are priced (private)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import DecimalInput, named_errors, non_negative, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, RuleNotApplicableError
from xborder.fx import FxTable
from xborder.logistics._common import fmt
from xborder.logistics._parcel import Destination, Shippable, parcels_of, to_destination
from xborder.logistics._pareto import pareto_front
from xborder.logistics._quote import Quote, describe_refusal, quote
from xborder.logistics._service import Mode, ServiceOption, Tracking
from xborder.money import Money, RoundingMode
from xborder.money._money import _make

if TYPE_CHECKING:
    from xborder.money import Currency

__all__ = [
    "Assessment",
    "Comparison",
    "CostLine",
    "Domination",
    "Ineligible",
    "Score",
    "Weights",
    "compare",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_YEAR_DAYS = Decimal(365)


@attrs.frozen(kw_only=True)
class CostLine:
    """One part of an option's expected total cost.

    Attributes:
        name: What it is (a quote line, "in-transit carrying cost",
            "expected loss", "expected lateness").
        amount: The amount, in the comparison's currency.
        detail: How it was computed.
    """

    name: str
    amount: Money
    detail: str


@attrs.frozen(kw_only=True)
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
    """

    option: ServiceOption
    quote: Quote
    lines: tuple[CostLine, ...]
    expected_cost: Money
    mean_days: Decimal
    p50_days: Decimal
    p90_days: Decimal
    carrying_days: Decimal
    late_probability: Decimal
    loss_probability: Decimal
    reliability: Decimal

    @property
    def name(self) -> str:
        """The option's name."""
        return self.option.name

    @property
    def objectives(self) -> tuple[Decimal, Decimal, Decimal]:
        """(expected cost, P90 days, 1 − reliability): all lower is better."""
        return (self.expected_cost.amount, self.p90_days, _ONE - self.reliability)


@attrs.frozen(kw_only=True)
class Ineligible:
    """An option that cannot carry the shipment, and every reason why."""

    option: ServiceOption
    reasons: tuple[str, ...]

    @property
    def name(self) -> str:
        """The option's name."""
        return self.option.name


@attrs.frozen(kw_only=True)
class Domination:
    """A dominated option, an option on the front that beats it, and how.

    Attributes:
        option: The dominated option.
        by: An option on the Pareto front no worse on every objective and
            better on at least one.
        reasons: The comparison, objective by objective.
    """

    option: Assessment
    by: Assessment
    reasons: tuple[str, ...]


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
    """

    cost: Decimal = attrs.field(default=Decimal(1), converter=_weight)
    time: Decimal = attrs.field(default=Decimal(1), converter=_weight)
    reliability: Decimal = attrs.field(default=Decimal(1), converter=_weight)

    def __attrs_post_init__(self) -> None:
        if not (self.cost or self.time or self.reliability):
            raise InvalidInputError(
                field="cost", value=self.cost, expected="at least one weight > 0"
            )


@attrs.frozen(kw_only=True)
class Score:
    r"""An option's weighted score: lower is better, 0 is best on every objective.

    Each objective is scaled to [0, 1] across the eligible options (0 for
    the best value, 1 for the worst), then weighted:
    $s = \frac{w_c \hat c + w_t \hat t + w_r \hat r}{w_c + w_t + w_r}$.
    Scores are relative to the set compared: adding an option can reorder
    the others. The Pareto front is the part that does not depend on weights.
    """

    assessment: Assessment
    score: Decimal
    cost: Decimal
    time: Decimal
    reliability: Decimal


@attrs.frozen(kw_only=True)
class Comparison:
    """Options compared on expected cost, P90 transit and reliability.

    Attributes:
        assessments: Eligible options, cheapest expected cost first.
        ineligible: Options that cannot carry the shipment, with reasons.
        front: The Pareto front: options no other option beats on all of
            cost, time and reliability at once.
        dominated: Every other eligible option, with one that beats it and why.
        scores: Weighted scores, best first (only when weights were given).
    """

    assessments: tuple[Assessment, ...]
    ineligible: tuple[Ineligible, ...]
    front: tuple[Assessment, ...]
    dominated: tuple[Domination, ...]
    scores: tuple[Score, ...]

    def assessment(self, name: str) -> Assessment:
        """The assessment of the option called ``name``.

        Raises:
            InvalidInputError: No eligible option has that name.
        """
        for assessment in self.assessments:
            if assessment.name == name:
                return assessment
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


def _first(assessments: tuple[Assessment, ...], key: object) -> Assessment | None:
    if not assessments:
        return None
    return min(assessments, key=lambda a: (key(a), a.name))  # type: ignore[operator]


def _options(values: Iterable[ServiceOption]) -> tuple[ServiceOption, ...]:
    raw: object = values
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise InvalidTypeError(
            field="options", value=values, expected="a sequence of ServiceOption"
        )
    options = tuple(raw)
    if not options:
        raise InvalidInputError(
            field="options", value=options, expected="at least one option"
        )
    seen: set[str] = set()
    for index, option in enumerate(options):
        if not isinstance(option, ServiceOption):
            raise InvalidTypeError(
                field=f"options[{index}]", value=option, expected="a ServiceOption"
            )
        if option.name in seen:
            raise InvalidInputError(
                field=f"options[{index}].name",
                value=option.name,
                expected="a name no other option has (results are keyed by name)",
            )
        seen.add(option.name)
    return options


@attrs.frozen(kw_only=True)
class _Terms:
    """The comparison's assumptions, checked once."""

    destination: Destination
    value: Money
    capital_rate: Decimal
    promise: Decimal | None
    per_day_late: Money | None
    per_late: Money | None
    per_loss: Money | None
    fx: FxTable | None
    as_of: dt.date | None
    require_tracking: Tracking | None
    require_duties_paid: bool


def compare(
    shipment: Shippable,
    options: Iterable[ServiceOption],
    *,
    destination: Destination | str,
    value_of_goods: Money,
    cost_of_capital: DecimalInput,
    promised_days: DecimalInput | None = None,
    cost_per_day_late: Money | None = None,
    cost_per_late_delivery: Money | None = None,
    cost_per_loss: Money | None = None,
    fx: FxTable | None = None,
    as_of: dt.date | None = None,
    weights: Weights | None = None,
    require_tracking: Tracking | None = None,
    require_duties_paid: bool = False,
) -> Comparison:
    r"""Compare service options on expected total cost, P90 transit and reliability.

    For each option that can carry the shipment:

    $$E[\text{cost}] = Q + V \cdot r \cdot \frac{\bar T}{365}
    + p_\text{loss}\,(V + Q + c_\text{loss})
    + P(T > d)\,c_\text{late} + E[(T - d)^+]\,c_\text{day}$$

    where $Q$ is the quote (freight, surcharges, and for a warehouse the
    first mile, fulfilment and storage), $V$ the value of the goods, $r$
    the annual cost of capital, $\bar T$ the days the value is tied up
    (mean transit; for a warehouse also the first mile and the days in
    stock), $d$ the promised days. Reliability is
    $1 - p_\text{loss} - P(\text{late})$, where P(late) comes from the
    transit distribution and the promise, or, with no promise, from the
    carrier's on-time rate.

    The result names the Pareto front over (expected cost, P90 days,
    reliability), a dominator and the reason for every other option, the
    ineligible options with their reasons, and, if ``weights`` are given,
    a weighted score. It does not depend on the order of ``options``.

    Args:
        shipment: A :class:`Parcel` or :class:`Consignment`.
        options: The services to compare; names must be unique.
        destination: Country code or :class:`Destination`.
        value_of_goods: What the goods in the shipment cost you to replace;
            its currency is the comparison's.
        cost_of_capital: Annual rate of your money tied up in stock
            (``"0.15"`` for 15%).
        promised_days: The delivery promise on your listing, in days.
        cost_per_day_late: Cost of each day past the promise (refunds,
            account-health risk), per shipment.
        cost_per_late_delivery: Cost of a late delivery, however late.
        cost_per_loss: Cost of a loss beyond re-sending the goods (margin
            lost, review and account-health cost).
        fx: Rates into the comparison's currency for options priced in others.
        as_of: Shipping date (seasonal surcharges).
        weights: Ask for a weighted score too.
        require_tracking: Refuse options with less tracking than this.
        require_duties_paid: Refuse options that cannot deliver duties paid.

    Raises:
        InvalidInputError: No options, duplicate names, or bad assumptions.
        MissingFxRateError: An option is priced in a currency ``fx`` cannot convert.
    """
    chosen = _options(options)
    terms = _terms(
        destination=destination,
        value=value_of_goods,
        rate=cost_of_capital,
        promise=promised_days,
        per_day_late=cost_per_day_late,
        per_late=cost_per_late_delivery,
        per_loss=cost_per_loss,
        fx=fx,
        as_of=as_of,
        require_tracking=require_tracking,
        require_duties_paid=require_duties_paid,
    )
    parcels_of(shipment)  # checks the type once, before any option is priced
    assessed: list[Assessment] = []
    refused: list[Ineligible] = []
    for option in chosen:
        reasons = _requirements(option, terms)
        if not reasons:
            reasons = list(
                option.restrictions.reasons(
                    shipment, destination=terms.destination, value=terms.value
                )
            )
        if reasons:
            refused.append(Ineligible(option=option, reasons=tuple(reasons)))
            continue
        try:
            priced = quote(
                shipment,
                option,
                destination=terms.destination,
                as_of=terms.as_of,
                fx=terms.fx,
            )
        except RuleNotApplicableError as error:
            if error.field == "as_of":
                raise
            refused.append(
                Ineligible(option=option, reasons=(describe_refusal(error),))
            )
            continue
        assessed.append(_assess(option, priced, terms))
    return _conclude(assessed, refused, weights)


def _terms(
    *,
    destination: Destination | str,
    value: Money,
    rate: DecimalInput,
    promise: DecimalInput | None,
    per_day_late: Money | None,
    per_late: Money | None,
    per_loss: Money | None,
    fx: FxTable | None,
    as_of: dt.date | None,
    require_tracking: Tracking | None,
    require_duties_paid: bool,
) -> _Terms:
    if not isinstance(value, Money) or value.is_negative():
        raise InvalidInputError(
            field="value_of_goods", value=value, expected="Money >= 0"
        )
    currency = value.currency
    for field, money in (
        ("cost_per_day_late", per_day_late),
        ("cost_per_late_delivery", per_late),
        ("cost_per_loss", per_loss),
    ):
        if money is not None:
            _check_money(field, money, currency)
    days = None
    if promise is not None:
        days = to_decimal(promise, field="promised_days")
        if days < 0:
            raise InvalidInputError(
                field="promised_days", value=promise, expected=">= 0 days"
            )
    if fx is not None and not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable or None")
    if require_tracking is not None and not isinstance(require_tracking, Tracking):
        raise InvalidTypeError(
            field="require_tracking",
            value=require_tracking,
            expected="a Tracking or None",
        )
    if not isinstance(require_duties_paid, bool):
        raise InvalidTypeError(
            field="require_duties_paid",
            value=require_duties_paid,
            expected="True or False",
        )
    capital = to_decimal(rate, field="cost_of_capital")
    if capital < 0:
        raise InvalidInputError(
            field="cost_of_capital", value=rate, expected="an annual rate >= 0 ('0.15')"
        )
    return _Terms(
        destination=to_destination(destination),
        value=value,
        capital_rate=capital,
        promise=days,
        per_day_late=per_day_late,
        per_late=per_late,
        per_loss=per_loss,
        fx=fx,
        as_of=as_of,
        require_tracking=require_tracking,
        require_duties_paid=require_duties_paid,
    )


def _check_money(field: str, money: Money, currency: Currency) -> None:
    if not isinstance(money, Money) or money.is_negative():
        raise InvalidInputError(field=field, value=money, expected="Money >= 0")
    if money.currency != currency:
        raise InvalidInputError(
            field=field,
            value=money,
            expected=f"an amount in {currency.code}, like value_of_goods",
        )


def _requirements(option: ServiceOption, terms: _Terms) -> list[str]:
    reasons = []
    wanted = terms.require_tracking
    if wanted is not None and option.tracking.rank < wanted.rank:
        reasons.append(f"tracking {option.tracking} is less than the required {wanted}")
    if terms.require_duties_paid and not option.duties_paid:
        reasons.append("cannot deliver duties paid (DDP)")
    return reasons


def _convert(money: Money, currency: Currency, fx: FxTable | None) -> Money:
    if money.currency == currency:
        return money
    if fx is None:
        from xborder.errors import MissingFxRateError  # noqa: PLC0415

        raise MissingFxRateError(
            "pass fx= with a rate for it",
            field="fx",
            value=f"{money.currency.code}→{currency.code}",
            expected="an FxTable to compare options priced in other currencies",
        )
    return _make(fx.path(money.currency, currency).apply(money.amount), currency)


def _assess(option: ServiceOption, priced: Quote, terms: _Terms) -> Assessment:
    currency = terms.value.currency
    lines = [
        CostLine(
            name=line.name,
            amount=_convert(line.amount, currency, terms.fx),
            detail=line.detail,
        )
        for line in priced.lines
    ]
    quoted = Money.total((line.amount for line in lines), currency=currency)
    transit = option.transit
    carrying_days, loss = _warehouse_terms(option, transit.mean)
    lines.append(_carrying(terms, carrying_days))
    lines.append(_loss(terms, quoted, loss))
    late, lateness = _lateness(option, terms)
    if lateness is not None:
        lines.append(lateness)
    expected = Money.total((line.amount for line in lines), currency=currency)
    return Assessment(
        option=option,
        quote=priced,
        lines=tuple(lines),
        expected_cost=expected,
        mean_days=transit.mean,
        p50_days=transit.p50,
        p90_days=transit.p90,
        carrying_days=carrying_days,
        late_probability=late,
        loss_probability=loss,
        reliability=max(_ZERO, EXACT.subtract(EXACT.subtract(_ONE, loss), late)),
    )


def _warehouse_terms(
    option: ServiceOption, mean_days: Decimal
) -> tuple[Decimal, Decimal]:
    """Days the value is tied up, and the probability of loss, first mile included."""
    days, loss = mean_days, option.loss_rate
    fulfilment = option.fulfilment
    if option.mode is Mode.OVERSEAS_WAREHOUSE and fulfilment is not None:
        days = EXACT.add(days, fulfilment.days_in_stock.magnitude)
        first = fulfilment.first_mile
        if first is not None:
            days = EXACT.add(days, first.service.transit.mean)
            kept = EXACT.multiply(_ONE - loss, _ONE - first.service.loss_rate)
            loss = EXACT.subtract(_ONE, kept)
    return days, loss


def _carrying(terms: _Terms, days: Decimal) -> CostLine:
    yearly = EXACT.multiply(terms.value.amount, terms.capital_rate)
    amount = DIVISION.divide(EXACT.multiply(yearly, days), _YEAR_DAYS)
    return CostLine(
        name="in-transit carrying cost",
        amount=_make(amount, terms.value.currency),
        detail=(
            f"{terms.value} × {fmt(terms.capital_rate * 100)}% a year"
            f" × {fmt(days, 2)} days / 365"
        ),
    )


def _loss(terms: _Terms, quoted: Money, loss: Decimal) -> CostLine:
    at_stake = terms.value + quoted
    if terms.per_loss is not None:
        at_stake = at_stake + terms.per_loss
    return CostLine(
        name="expected loss",
        amount=at_stake * loss,
        detail=(
            f"{fmt(loss * 100, 3)}% × ({terms.value} goods"
            f" + {quoted.quantize(RoundingMode.HALF_UP)} to resend"
            + (f" + {terms.per_loss}" if terms.per_loss is not None else "")
            + ")"
        ),
    )


def _lateness(option: ServiceOption, terms: _Terms) -> tuple[Decimal, CostLine | None]:
    transit = option.transit
    if terms.promise is None:
        on_time = option.on_time_rate
        return (_ZERO if on_time is None else _ONE - on_time), None
    late = transit.probability_later_than(terms.promise)
    currency = terms.value.currency
    amount = Money.zero(currency)
    parts = [f"P(T > {fmt(terms.promise)} days) = {fmt(late, 4)}"]
    if terms.per_late is not None:
        amount = amount + terms.per_late * late
        parts.append(f"× {terms.per_late}")
    if terms.per_day_late is not None:
        days_late = transit.expected_days_late(terms.promise)
        amount = amount + terms.per_day_late * days_late
        parts.append(
            f"+ {fmt(days_late, 3)} days late on average × {terms.per_day_late}"
        )
    return late, CostLine(
        name="expected lateness", amount=amount, detail=" ".join(parts)
    )


def _conclude(
    assessed: list[Assessment], refused: list[Ineligible], weights: Weights | None
) -> Comparison:
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
    return Comparison(
        assessments=tuple(assessed),
        ineligible=tuple(sorted(refused, key=lambda i: i.name)),
        front=front,
        dominated=dominated,
        scores=scores,
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
