"""Comparing service options once time and risk are priced (private)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import DecimalInput, items_of, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, RuleNotApplicableError
from xborder.fx import FxTable
from xborder.logistics._common import as_of_date, fmt
from xborder.logistics._eligibility import describe_refusal
from xborder.logistics._parcel import Destination, Shippable, parcels_of, to_destination
from xborder.logistics._quote import Quote, quote
from xborder.logistics._results import (
    Assessment,
    Comparison,
    CostLine,
    Ineligible,
    Weights,
    conclude,
    make_assessment,
    make_cost_line,
)
from xborder.logistics._service import Mode, ServiceOption, Tracking
from xborder.money import Money, RoundingMode
from xborder.money._money import _make

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.money import Currency

__all__ = ["compare"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_YEAR_DAYS = Decimal(365)


def _options(values: Iterable[ServiceOption]) -> tuple[ServiceOption, ...]:
    options = items_of(values, field="options", expected="a sequence of ServiceOption")
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
            account-health risk), per shipment; needs ``promised_days``.
        cost_per_late_delivery: Cost of a late delivery, however late; needs
            ``promised_days``.
        cost_per_loss: Cost of a loss beyond re-sending the goods (margin
            lost, review and account-health cost).
        fx: Rates into the comparison's currency for options priced in others.
        as_of: Shipping date (seasonal surcharges).
        weights: Ask for a weighted score too.
        require_tracking: Refuse options with less tracking than this.
        require_duties_paid: Refuse options that cannot deliver duties paid.

    Raises:
        InvalidInputError: No options, duplicate names, bad assumptions, or a
            cost of lateness without ``promised_days``.
        MissingFxRateError: An option is priced in a currency ``fx`` cannot convert.

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
        >>> [a.name for a in result.front], [d.option.name for d in result.dominated]
        (['slow', 'fast'], ['dear'])
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
    if weights is not None and not isinstance(weights, Weights):
        raise InvalidTypeError(
            field="weights", value=weights, expected="Weights or None"
        )
    parcels_of(shipment)  # checks the type once, before any option is priced
    assessed: list[Assessment] = []
    refused: list[Ineligible] = []
    for option in chosen:
        reasons = _requirements(option, terms)
        if not reasons:
            reasons = list(
                option.restrictions.reasons(
                    shipment,
                    destination=terms.destination,
                    value=_declared_value(option, terms),
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
    return conclude(assessed, refused, weights)


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
    if not isinstance(value, Money):
        raise InvalidTypeError(field="value_of_goods", value=value, expected="Money")
    if value.is_negative():
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
    _check_kinds(fx, require_tracking, require_duties_paid=require_duties_paid)
    _check_promise(promise, per_day_late, per_late)
    return _Terms(
        destination=to_destination(destination),
        value=value,
        capital_rate=_non_negative(rate, "cost_of_capital", "an annual rate >= 0"),
        promise=None
        if promise is None
        else _non_negative(promise, "promised_days", ">= 0 days"),
        per_day_late=per_day_late,
        per_late=per_late,
        per_loss=per_loss,
        fx=fx,
        as_of=as_of_date(as_of),
        require_tracking=require_tracking,
        require_duties_paid=require_duties_paid,
    )


def _check_promise(
    promise: DecimalInput | None, per_day_late: Money | None, per_late: Money | None
) -> None:
    # Lateness is measured against the promise; without one, a cost of being
    # late would be silently left out of every expected cost.
    if promise is not None:
        return
    for field, money in (
        ("cost_per_day_late", per_day_late),
        ("cost_per_late_delivery", per_late),
    ):
        if money is not None:
            raise InvalidInputError(
                f"{field} is priced against the promise",
                field="promised_days",
                value=None,
                expected=f"a promise in days when {field} is given",
            )


def _non_negative(value: DecimalInput, field: str, expected: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number < 0:
        raise InvalidInputError(field=field, value=value, expected=expected)
    return number


def _check_kinds(
    fx: FxTable | None,
    require_tracking: Tracking | None,
    *,
    require_duties_paid: bool,
) -> None:
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


def _check_money(field: str, money: Money, currency: Currency) -> None:
    if not isinstance(money, Money) or money.is_negative():
        raise InvalidInputError(field=field, value=money, expected="Money >= 0")
    if money.currency != currency:
        raise InvalidInputError(
            field=field,
            value=money,
            expected=f"an amount in {currency.code}, like value_of_goods",
        )


def _declared_value(option: ServiceOption, terms: _Terms) -> Money:
    """The goods' value in the currency of the option's value limit, if any."""
    limit = option.restrictions.max_value
    if limit is None:
        return terms.value
    return _convert(terms.value, limit.currency, terms.fx)


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
        make_cost_line(
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
    return make_assessment(
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
    return make_cost_line(
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
    return make_cost_line(
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
    return late, make_cost_line(
        name="expected lateness", amount=amount, detail=" ".join(parts)
    )
