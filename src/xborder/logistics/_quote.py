"""Quotes: what one service charges for one shipment, line by line (private)."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    named_errors,
    optional_text,
    text,
    tuple_of,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    RuleNotApplicableError,
)
from xborder.fx import FxTable
from xborder.logistics._applying import Applied, applied_surcharges
from xborder.logistics._cards import RateCard
from xborder.logistics._common import (
    as_of_date,
    checked,
    enum_value,
    fmt,
    unchecked,
)
from xborder.logistics._fulfilment import fulfilment_fee
from xborder.logistics._parcel import Destination, Shippable, parcels_of, to_destination
from xborder.logistics._service import (
    FirstMile,
    Fulfilment,
    ServiceOption,
    service_option,
)
from xborder.logistics._weigh import ChargeableWeight, chargeable_weight
from xborder.money import Money, RoundingMode
from xborder.money._money import _make, money_value

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Sequence

    from xborder.money import Currency

__all__ = [
    "LineKind",
    "Quote",
    "QuoteLine",
    "check_total",
    "first_mile_cost",
    "make_quote_line",
    "quote",
]

_ZERO = Decimal(0)
_DAYS_PER_MONTH = DIVISION.divide(365, 12)


class LineKind(enum.StrEnum):
    """What a quote line is.

    Examples:
        >>> [kind.value for kind in LineKind]
        ['freight', 'surcharge', 'first mile', 'fulfilment', 'storage']
    """

    FREIGHT = "freight"
    SURCHARGE = "surcharge"
    FIRST_MILE = "first mile"
    FULFILMENT = "fulfilment"
    STORAGE = "storage"


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class QuoteLine:
    """One charge in a quote.

    Attributes:
        kind: Freight, surcharge, first mile, fulfilment or storage.
        name: What the carrier or warehouse calls it.
        amount: The charge, in the quote's currency.
        detail: How it was computed.

    Examples:
        >>> from xborder.logistics import (
        ...     Mode, Parcel, RateCard, ServiceOption, Surcharge, Tracking,
        ...     TransitTime, quote,
        ... )
        >>> from xborder.money import Money
        >>> card = RateCard.per_weight(
        ...     rate=Money("62", "CNY"), item_fee=Money("18", "CNY"), max_weight="30 kg"
        ... )
        >>> line = ServiceOption(
        ...     name="dedicated line", mode=Mode.DEDICATED_LINE, rate_card=card,
        ...     surcharges=(Surcharge.fuel("0.1"),), loss_rate="0.005",
        ...     tracking=Tracking.FULL,
        ...     transit=TransitTime.from_days(minimum=7, typical=9, maximum=18),
        ... )
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> fuel = quote(holder, line, destination="US").lines[1]
        >>> fuel.kind, str(fuel.amount), fuel.detail
        (<LineKind.SURCHARGE: 'surcharge'>, '2.544 CNY', '10% of subtotal 25.44')
    """

    kind: LineKind = attrs.field(validator=enum_value(LineKind))
    name: str = attrs.field(converter=text)
    amount: Money = attrs.field(converter=money_value)
    detail: str = attrs.field(converter=text)


make_quote_line = unchecked(QuoteLine)
"""QuoteLine without its checks, for the calculators (see ``unchecked``)."""


def _quote_lines(values: Iterable[QuoteLine]) -> tuple[QuoteLine, ...]:
    return tuple_of(values, QuoteLine)


def _destination(value: Destination) -> Destination:
    return checked(value, Destination)


def _optional_weight(value: ChargeableWeight | None) -> ChargeableWeight | None:
    if value is not None and not isinstance(value, ChargeableWeight):
        raise InvalidTypeError(
            field=None, value=value, expected="a ChargeableWeight or None"
        )
    return value


class _Line(Protocol):
    @property
    def amount(self) -> Money: ...


def check_total(lines: Sequence[_Line], total: Money, *, field: str = "total") -> None:
    """Refuse a total that is not exactly the sum of the lines, in its currency."""
    currency = total.currency
    added = _ZERO
    for index, line in enumerate(lines):
        amount = line.amount
        if amount.currency != currency:
            raise CurrencyMismatchError(
                field=f"lines[{index}].amount",
                value=amount,
                expected=f"an amount in {currency.code}, like the {field}",
            )
        added = EXACT.add(added, amount.amount)
    if added != total.amount:
        raise InvalidInputError(
            field=field,
            value=total,
            expected=f"the sum of the lines ({fmt(added)} {currency.code})",
        )


def _shown(money: Money) -> str:
    return str(money.quantize(RoundingMode.HALF_UP))


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Quote:
    """What a service charges for a shipment, with every line and how it was found.

    The lines add up exactly to :attr:`total`. Amounts are exact (a fuel
    surcharge of 18.5% keeps its fractions of a cent) unless the quote was
    asked to round each line.

    Attributes:
        option: The service quoted.
        destination: Where the shipment goes.
        weight: The chargeable weight the card priced, or ``None`` for a
            warehouse priced by fees alone.
        zone: The zone the destination fell in, for a zone chart.
        lines: Freight, surcharges, first mile, fulfilment and storage.
        total: The sum of the lines.

    Examples:
        >>> from xborder.logistics import (
        ...     Mode, Parcel, RateCard, ServiceOption, Surcharge, Tracking,
        ...     TransitTime, quote,
        ... )
        >>> from xborder.money import Money
        >>> card = RateCard.per_weight(
        ...     rate=Money("62", "CNY"), item_fee=Money("18", "CNY"), max_weight="30 kg"
        ... )
        >>> line = ServiceOption(
        ...     name="dedicated line", mode=Mode.DEDICATED_LINE, rate_card=card,
        ...     surcharges=(Surcharge.fuel("0.1"),), loss_rate="0.005",
        ...     tracking=Tracking.FULL,
        ...     transit=TransitTime.from_days(minimum=7, typical=9, maximum=18),
        ... )
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> print(quote(holder, line, destination="US").explain())
        dedicated line to US
          freight: 25.44 CNY  [1 × (0.12 kg: 0.12 kg × 62 CNY per kg + item fee 18 CNY)]
          fuel surcharge: 2.54 CNY  [10% of subtotal 25.44]
          total: 27.98 CNY (exact: 27.984 CNY)
    """

    option: ServiceOption = attrs.field(converter=service_option)
    destination: Destination = attrs.field(converter=_destination)
    weight: ChargeableWeight | None = attrs.field(converter=_optional_weight)
    zone: str | None = attrs.field(converter=optional_text)
    lines: tuple[QuoteLine, ...] = attrs.field(converter=_quote_lines)
    total: Money = attrs.field(converter=money_value)

    def __attrs_post_init__(self) -> None:
        check_total(self.lines, self.total)

    def subtotal(self, kind: LineKind) -> Money:
        """The lines of one kind, added.

        Raises:
            InvalidTypeError: ``kind`` is not a :class:`LineKind`.

        Examples:
            >>> from xborder.logistics import (
            ...     Mode, Parcel, RateCard, ServiceOption, Surcharge, Tracking,
            ...     TransitTime, quote,
            ... )
            >>> card = RateCard.per_weight(rate=Money("62", "CNY"), max_weight="30 kg")
            >>> line = ServiceOption(
            ...     name="dedicated line", mode=Mode.DEDICATED_LINE, rate_card=card,
            ...     surcharges=(Surcharge.fuel("0.1"),), loss_rate="0.005",
            ...     tracking=Tracking.FULL,
            ...     transit=TransitTime.from_days(minimum=7, maximum=18),
            ... )
            >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
            >>> str(quote(holder, line, destination="US").subtotal(LineKind.SURCHARGE))
            '0.744 CNY'
        """
        if not isinstance(kind, LineKind):
            raise InvalidTypeError(field="kind", value=kind, expected="a LineKind")
        amounts = (line.amount for line in self.lines if line.kind is kind)
        return Money.total(amounts, currency=self.total.currency)

    @property
    def freight(self) -> Money:
        """Freight lines only (before surcharges)."""
        return self.subtotal(LineKind.FREIGHT)

    def explain(self) -> str:
        """The quote as text, one line per charge.

        Amounts are shown to the minor unit (half up) for reading; the
        quote's own amounts stay exact, and the total says so when they differ.
        """
        rows = [f"{self.option.name} to {self.destination.country}"]
        if self.zone is not None:
            rows[0] += f" (zone {self.zone})"
        rows += [
            f"  {line.name}: {_shown(line.amount)}  [{line.detail}]"
            for line in self.lines
        ]
        total = f"  total: {_shown(self.total)}"
        if not self.total.is_quantized():
            total += f" (exact: {self.total})"
        rows.append(total)
        return "\n".join(rows)


_make_quote = unchecked(Quote)  # quote()'s own results, from checked lines


def quote(
    shipment: Shippable,
    option: ServiceOption,
    *,
    destination: Destination | str,
    as_of: dt.date | None = None,
    fx: FxTable | None = None,
    rounding: RoundingMode | None = None,
) -> Quote:
    """Price a parcel or consignment with one service, line by line.

    Steps: check the restrictions; weigh the shipment with the service's
    :class:`DimRule`; price the billable weight on the card (the
    destination's zone for a zone chart; each piece for a per-piece card);
    apply the surcharges in their order; for an overseas warehouse, add the
    first mile per unit, the fulfilment fee per unit, any order fee and
    storage.

    Args:
        shipment: A :class:`Parcel` or :class:`Consignment`.
        option: The service.
        destination: Country code or :class:`Destination` (remote area,
            residential).
        as_of: Shipping date; needed only by seasonal surcharges.
        fx: Rates to bring lines priced in another currency (a first mile
            paid in CNY) into the option's currency; converted unrounded.
        rounding: Round each line to the currency's minor unit with this
            mode (as carriers invoice); ``None`` keeps lines exact.

    Raises:
        RuleNotApplicableError: The service cannot carry the shipment (the
            message lists every reason), the weight is above the card, the
            destination has no zone, or a seasonal surcharge needs ``as_of``.
        MissingFxRateError: A line is in another currency and ``fx`` has no rate.

    Examples:
        >>> from xborder.logistics import (
        ...     Mode, Parcel, RateCard, ServiceOption, Surcharge, Tracking,
        ...     TransitTime, quote,
        ... )
        >>> from xborder.money import Money
        >>> card = RateCard.per_weight(
        ...     rate=Money("62", "CNY"), item_fee=Money("18", "CNY"), max_weight="30 kg"
        ... )
        >>> line = ServiceOption(
        ...     name="dedicated line", mode=Mode.DEDICATED_LINE, rate_card=card,
        ...     surcharges=(Surcharge.fuel("0.1"),), loss_rate="0.005",
        ...     tracking=Tracking.FULL,
        ...     transit=TransitTime.from_days(minimum=7, typical=9, maximum=18),
        ... )
        >>> holder = Parcel(dimensions="15 x 10 x 4 cm", weight="120 g")
        >>> str(quote(holder, line, destination="US").total)
        '27.984 CNY'
        >>> half_up = RoundingMode.HALF_UP
        >>> invoiced = quote(holder, line, destination="US", rounding=half_up)
        >>> str(invoiced.total)
        '27.98 CNY'
    """
    if not isinstance(option, ServiceOption):
        raise InvalidTypeError(field="option", value=option, expected="a ServiceOption")
    if rounding is not None and not isinstance(rounding, RoundingMode):
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode"
        )
    if fx is not None and not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable or None")
    as_of = as_of_date(as_of)
    where = to_destination(destination)
    refused = option.restrictions.reasons(shipment, destination=where)
    if refused:
        raise RuleNotApplicableError(
            "; ".join(refused),
            field="option",
            value=option.name,
            expected="a service that accepts the shipment",
        )
    currency = option.currency
    lines: list[QuoteLine] = []
    weight: ChargeableWeight | None = None
    zone: str | None = None
    if option.rate_card is not None:
        weight, zone, freight_lines = _freight(shipment, option, where, as_of)
        lines += freight_lines
    if option.fulfilment is not None:
        lines += _warehouse(shipment, option.fulfilment, currency, as_of, fx)
    return _finish(
        option=option,
        where=where,
        weight=weight,
        zone=zone,
        lines=lines,
        currency=currency,
        rounding=rounding,
    )


def _card_for(option: ServiceOption, where: Destination) -> tuple[RateCard, str | None]:
    card = option.rate_card
    if isinstance(card, RateCard):
        return card, None
    assert card is not None  # noqa: S101 - the caller checked
    zone, zone_card = card.card_for(where.country)
    return zone_card, zone


def _freight(
    shipment: Shippable,
    option: ServiceOption,
    where: Destination,
    as_of: dt.date | None,
) -> tuple[ChargeableWeight, str | None, list[QuoteLine]]:
    card, zone = _card_for(option, where)
    weight = chargeable_weight(shipment, option.dim_rule)
    currency = card.currency
    lines: list[QuoteLine] = []
    label = card.name or "freight"
    if card.charging is card.charging.PER_SHIPMENT:
        price = card.price_kg(weight.billable_kg)
        lines.append(
            make_quote_line(
                kind=LineKind.FREIGHT,
                name=label,
                amount=price.amount,
                detail=f"billable {fmt(weight.billable_kg)} kg: {price.detail}",
            )
        )
    else:
        for piece in weight.pieces:
            price = card.price_kg(piece.billable_kg)
            amount = _make(EXACT.multiply(price.amount.amount, piece.count), currency)
            lines.append(
                make_quote_line(
                    kind=LineKind.FREIGHT,
                    name=label,
                    amount=amount,
                    detail=(
                        f"{piece.count} × ({fmt(piece.billable_kg)} kg: {price.detail})"
                    ),
                )
            )
    freight = sum((line.amount.amount for line in lines), _ZERO)
    contents = frozenset().union(*(p.contents for p in parcels_of(shipment)))
    applied = applied_surcharges(
        option.surcharges,
        freight=freight,
        currency=currency,
        weight=weight,
        contents=contents,
        destination=where,
        as_of=as_of,
    )
    lines.extend(_surcharge_line(each, currency) for each in applied)
    return weight, zone, lines


def _surcharge_line(applied: Applied, currency: Currency) -> QuoteLine:
    return make_quote_line(
        kind=LineKind.SURCHARGE,
        name=applied.surcharge.name,
        amount=_make(applied.amount, currency),
        detail=applied.detail,
    )


def first_mile_cost(
    first_mile: FirstMile,
    *,
    as_of: dt.date | None = None,
    rounding: RoundingMode | None = None,
) -> Money:
    """The first mile's cost per unit: the booking's quote ÷ units in it.

    Raises:
        RuleNotApplicableError: The freight service cannot carry the cartons.

    Examples:
        >>> from xborder.logistics import (
        ...     Charging, DimRule, FirstMile, Mode, Parcel, RateCard, ServiceOption,
        ...     Tracking, TransitTime,
        ... )
        >>> from xborder.money import Money
        >>> sea = ServiceOption(
        ...     name="sea LCL", mode=Mode.SEA_FREIGHT, loss_rate="0.003",
        ...     tracking=Tracking.FULL,
        ...     rate_card=RateCard.per_weight(
        ...         rate=Money("11", "CNY"), max_weight="500 kg",
        ...         charging=Charging.PER_SHIPMENT,
        ...     ),
        ...     dim_rule=DimRule(divisor="6000 cm**3/kg", weight_step="1 kg"),
        ...     transit=TransitTime.from_days(minimum=25, typical=32, maximum=50),
        ... )
        >>> carton = Parcel(dimensions="60 x 40 x 40 cm", weight="13 kg")
        >>> first_mile = FirstMile(
        ...     service=sea, carton=carton, units_per_carton=100, destination="US"
        ... )
        >>> str(first_mile_cost(first_mile))  # 16 kg billable × 11 CNY ÷ 100 units
        '1.76 CNY'
    """
    if not isinstance(first_mile, FirstMile):
        raise InvalidTypeError(
            field="first_mile", value=first_mile, expected="a FirstMile"
        )
    booking = quote(
        first_mile.carton,
        first_mile.service,
        destination=first_mile.destination,
        as_of=as_of,
        rounding=rounding,
    )
    return booking.total / first_mile.units


def _warehouse(
    shipment: Shippable,
    fulfilment: Fulfilment,
    currency: Currency,
    as_of: dt.date | None,
    fx: FxTable | None,
) -> list[QuoteLine]:
    parcels = parcels_of(shipment)
    units = sum(parcel.pieces for parcel in parcels)
    lines: list[QuoteLine] = []
    first_mile = fulfilment.first_mile
    if first_mile is not None:
        per_unit = first_mile_cost(first_mile, as_of=as_of)
        amount, note = _in(per_unit * units, currency, fx)
        lines.append(
            make_quote_line(
                kind=LineKind.FIRST_MILE,
                name=f"first mile ({first_mile.service.name})",
                amount=amount,
                detail=f"{units} × {per_unit} per unit "
                f"({first_mile.units} units a booking){note}",
            )
        )
    if fulfilment.fees is not None:
        for parcel in parcels:
            fee = fulfilment_fee(parcel, fulfilment.fees)
            amount, note = _in(fee.total, currency, fx)
            lines.append(
                make_quote_line(
                    kind=LineKind.FULFILMENT,
                    name=f"fulfilment ({fee.tier})",
                    amount=amount,
                    detail=fee.describe() + note,
                )
            )
    if fulfilment.order_fee is not None:
        amount, note = _in(fulfilment.order_fee, currency, fx)
        lines.append(
            make_quote_line(
                kind=LineKind.FULFILMENT,
                name="order fee",
                amount=amount,
                detail=f"{fulfilment.order_fee} per order{note}",
            )
        )
    storage = fulfilment.storage_per_unit_month
    days = fulfilment.days_in_stock.magnitude
    if storage is not None and days > 0:
        months = DIVISION.divide(days, _DAYS_PER_MONTH)
        amount, note = _in(storage * EXACT.multiply(months, units), currency, fx)
        lines.append(
            make_quote_line(
                kind=LineKind.STORAGE,
                name="storage",
                amount=amount,
                detail=(
                    f"{units} × {storage} per month × {fmt(days)} days in stock{note}"
                ),
            )
        )
    return lines


def _in(money: Money, currency: Currency, fx: FxTable | None) -> tuple[Money, str]:
    if money.currency == currency:
        return money, ""
    if fx is None:
        raise _fx_needed(money, currency)
    converted = _make(fx.path(money.currency, currency).apply(money.amount), currency)
    return converted, f" (from {money})"


def _fx_needed(money: Money, currency: Currency) -> Exception:
    return MissingFxRateError(
        "pass fx= with a rate for it",
        field="fx",
        value=f"{money.currency.code}→{currency.code}",
        expected="an FxTable to convert lines in another currency",
    )


def _finish(
    *,
    option: ServiceOption,
    where: Destination,
    weight: ChargeableWeight | None,
    zone: str | None,
    lines: list[QuoteLine],
    currency: Currency,
    rounding: RoundingMode | None,
) -> Quote:
    if rounding is not None:
        lines = [
            make_quote_line(
                kind=line.kind,
                name=line.name,
                amount=line.amount.quantize(rounding),
                detail=line.detail,
            )
            for line in lines
        ]
    total = Money.total((line.amount for line in lines), currency=currency)
    return _make_quote(
        option=option,
        destination=where,
        weight=weight,
        zone=zone,
        lines=tuple(lines),
        total=total,
    )
