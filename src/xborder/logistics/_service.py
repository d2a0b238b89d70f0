"""Service options: what a seller chooses between (private; see xborder.logistics)."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    positive_count,
    text,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.logistics._cards import RateCard
from xborder.logistics._common import (
    enum_value,
    optional_duration,
    optional_text,
    to_bool,
)
from xborder.logistics._dim import DimRule
from xborder.logistics._fulfilment import FulfilmentFeeTable
from xborder.logistics._limits import Restrictions
from xborder.logistics._parcel import Destination, Parcel
from xborder.logistics._surcharges import Surcharge
from xborder.logistics._transit import TransitTime
from xborder.logistics._zones import AnyRateCard, ZoneRateCard
from xborder.money import Money
from xborder.money._money import optional_money
from xborder.units import DAY, quantity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from xborder.money import Currency
    from xborder.units import Quantity  # noqa: TC004 - pint stays lazy

__all__ = [
    "FirstMile",
    "Fulfilment",
    "Mode",
    "ServiceOption",
    "Tracking",
    "service_option",
]


class Mode(enum.StrEnum):
    """How the goods travel: the channels a cross-border seller chooses from.

    Examples:
        >>> Mode("dedicated line") is Mode.DEDICATED_LINE
        True
    """

    POSTAL = "postal"
    """Postal small packets (小包, ePacket): cheap, slow, limited tracking."""
    EXPRESS = "express"
    """Commercial express (DHL, FedEx, UPS): fast, reliable, expensive."""
    DEDICATED_LINE = "dedicated line"
    """Dedicated lines (专线): consolidated air to the market, local last mile."""
    AIR_FREIGHT = "air freight"
    """Air cargo, usually a first mile to an overseas warehouse."""
    SEA_FREIGHT = "sea freight"
    """Ocean freight (LCL or FCL), usually a first mile to an overseas warehouse."""
    RAIL_FREIGHT = "rail freight"
    """China–Europe rail, a first mile between air and sea."""
    OVERSEAS_WAREHOUSE = "overseas warehouse"
    """Stock held in the market (FBA or a third-party warehouse), shipped from there."""


class Tracking(enum.StrEnum):
    """How much of the journey a buyer can follow.

    Examples:
        >>> Tracking.PARTIAL.rank < Tracking.FULL.rank
        True
    """

    NONE = "none"
    """No tracking after hand-over (unregistered small packets)."""
    PARTIAL = "partial"
    """Scans at origin and export, little or nothing in the destination."""
    FULL = "full"
    """End to end, including proof of delivery (marketplaces' "valid tracking")."""

    @property
    def rank(self) -> int:
        """Order from none (0) to full (2), for "at least" requirements."""
        return (Tracking.NONE, Tracking.PARTIAL, Tracking.FULL).index(self)


def service_option(value: ServiceOption) -> ServiceOption:
    """Converter: a :class:`ServiceOption`, nothing else."""
    if not isinstance(value, ServiceOption):
        raise InvalidTypeError(field=None, value=value, expected="a ServiceOption")
    return value


def _parcel(value: Parcel) -> Parcel:
    if not isinstance(value, Parcel):
        raise InvalidTypeError(field=None, value=value, expected="a Parcel")
    return value


def _destination(value: Destination | str) -> Destination:
    if isinstance(value, Destination):
        return value
    if isinstance(value, str):
        return Destination(value)
    raise InvalidTypeError(
        field=None, value=value, expected="a Destination or a country code"
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FirstMile:
    """Bulk freight from the factory to an overseas warehouse, shared per unit.

    The first mile is itself a service (sea, air or rail freight with its
    own rate card, DIM rule and transit time) carrying master cartons; its
    cost per unit is the carton's quote divided by the units in a carton.

    Args:
        service: The freight service (mode air, sea or rail freight).
        carton: One master carton as the forwarder measures it; its
            ``pieces`` is the number of cartons per booking.
        units_per_carton: Sellable units in one carton.
        destination: The warehouse's country (or a :class:`Destination`).

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
        >>> first_mile.units
        100
    """

    service: ServiceOption = attrs.field(converter=service_option)
    carton: Parcel = attrs.field(converter=_parcel)
    units_per_carton: int = attrs.field(converter=positive_count)
    destination: Destination = attrs.field(converter=_destination)

    @property
    def units(self) -> int:
        """Units in one booking: cartons × units per carton."""
        return self.carton.pieces * self.units_per_carton


def _optional_first_mile(value: FirstMile | None) -> FirstMile | None:
    if value is not None and not isinstance(value, FirstMile):
        raise InvalidTypeError(field=None, value=value, expected="a FirstMile or None")
    return value


def _optional_fees(value: FulfilmentFeeTable | None) -> FulfilmentFeeTable | None:
    if value is not None and not isinstance(value, FulfilmentFeeTable):
        raise InvalidTypeError(
            field=None, value=value, expected="a FulfilmentFeeTable or None"
        )
    return value


def _stock_days(value: Quantity | str | None) -> Quantity:
    days = optional_duration(value)
    return quantity(0, DAY) if days is None else days


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Fulfilment:
    """What an overseas warehouse adds: first mile, fees per unit and order, storage.

    Args:
        fees: Fulfilment fees by size tier (pick, pack and last-mile
            delivery per unit, as FBA charges them).
        order_fee: A flat fee per order on top (a 3PL's pick-and-pack), or
            ``None``.
        first_mile: The bulk freight that brought the stock in, or ``None``
            when its cost is accounted elsewhere.
        storage_per_unit_month: Storage cost per unit per month (a month is
            365/12 days), or ``None``.
        days_in_stock: How long a unit waits in the warehouse on average
            before it sells (storage and carrying cost use it).

    Examples:
        >>> from xborder.money import Money
        >>> third_party = Fulfilment(
        ...     order_fee=Money("2.50", "USD"), days_in_stock="30 days"
        ... )
        >>> str(third_party.days_in_stock)
        '30 day'
        >>> Fulfilment()
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: fees: expected a fee table or an order fee ...
    """

    fees: FulfilmentFeeTable | None = attrs.field(
        default=None, converter=_optional_fees
    )
    order_fee: Money | None = attrs.field(default=None, converter=optional_money)
    first_mile: FirstMile | None = attrs.field(
        default=None, converter=_optional_first_mile
    )
    storage_per_unit_month: Money | None = attrs.field(
        default=None, converter=optional_money
    )
    days_in_stock: Quantity = attrs.field(default=None, converter=_stock_days)

    def __attrs_post_init__(self) -> None:
        if self.fees is None and self.order_fee is None:
            raise InvalidInputError(
                field="fees",
                value=None,
                expected="a fee table or an order fee (what the warehouse charges)",
            )


def _optional_card(value: AnyRateCard | None) -> AnyRateCard | None:
    if value is not None and not isinstance(value, RateCard | ZoneRateCard):
        raise InvalidTypeError(
            field=None, value=value, expected="a RateCard, a ZoneRateCard or None"
        )
    return value


def _optional_rule(value: DimRule | None) -> DimRule | None:
    if value is not None and not isinstance(value, DimRule):
        raise InvalidTypeError(field=None, value=value, expected="a DimRule or None")
    return value


def _surcharges(values: Iterable[Surcharge]) -> tuple[Surcharge, ...]:
    from xborder._validate import tuple_of  # noqa: PLC0415

    return tuple_of(values, Surcharge)


def _restrictions(value: Restrictions) -> Restrictions:
    if not isinstance(value, Restrictions):
        raise InvalidTypeError(field=None, value=value, expected="Restrictions")
    return value


def _transit(value: TransitTime) -> TransitTime:
    if not isinstance(value, TransitTime):
        raise InvalidTypeError(field=None, value=value, expected="a TransitTime")
    return value


def _optional_fraction(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else fraction(value)


def _optional_fulfilment(value: Fulfilment | None) -> Fulfilment | None:
    if value is not None and not isinstance(value, Fulfilment):
        raise InvalidTypeError(field=None, value=value, expected="a Fulfilment or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ServiceOption:
    """One way to get a parcel to the buyer: price, speed, risk and limits.

    Args:
        name: Unique name within a comparison (``"China Post registered"``).
        mode: The channel (:class:`Mode`).
        transit: Door-to-door transit time as a distribution; for an
            overseas warehouse, from the warehouse to the buyer.
        loss_rate: Probability a parcel is lost or arrives damaged beyond
            sale (``"0.02"`` for 2%).
        tracking: How much of the journey the buyer can follow.
        rate_card: The price list (a :class:`RateCard` or a zone chart), or
            ``None`` when a warehouse's fees are the whole price.
        dim_rule: How the carrier bills volume; ``None`` bills actual weight.
        surcharges: Applied in this order.
        restrictions: What makes the service refuse a parcel.
        on_time_rate: Share of parcels delivered within the carrier's own
            promise, if published; used for reliability when you give no
            promise of your own.
        duties_paid: Whether the service can deliver duties paid (DDP), so
            the buyer pays nothing at the door.
        carrier: Who runs it.
        fulfilment: For an overseas warehouse: first mile, fees and storage.

    Raises:
        InvalidInputError: An overseas warehouse without ``fulfilment``,
            ``fulfilment`` on another mode, or no price at all.

    Examples:
        >>> from xborder.logistics import RateCard, TransitTime
        >>> from xborder.money import Money
        >>> postal = ServiceOption(
        ...     name="postal small packet",
        ...     mode=Mode.POSTAL,
        ...     rate_card=RateCard.per_weight(
        ...         rate=Money("70", "CNY"), item_fee=Money("10", "CNY"),
        ...         max_weight="2 kg",
        ...     ),
        ...     transit=TransitTime.from_days(
        ...         minimum=10, typical=16, p90=24, maximum=35
        ...     ),
        ...     loss_rate="0.02",
        ...     tracking=Tracking.PARTIAL,
        ... )
        >>> postal.currency.code, postal.transit.p90
        ('CNY', Decimal('24'))
    """

    name: str = attrs.field(converter=text)
    mode: Mode = attrs.field(validator=enum_value(Mode))
    transit: TransitTime = attrs.field(converter=_transit)
    loss_rate: Decimal = attrs.field(converter=fraction)
    tracking: Tracking = attrs.field(validator=enum_value(Tracking))
    rate_card: AnyRateCard | None = attrs.field(default=None, converter=_optional_card)
    dim_rule: DimRule | None = attrs.field(default=None, converter=_optional_rule)
    surcharges: tuple[Surcharge, ...] = attrs.field(default=(), converter=_surcharges)
    restrictions: Restrictions = attrs.field(
        factory=Restrictions, converter=_restrictions
    )
    on_time_rate: Decimal | None = attrs.field(
        default=None, converter=_optional_fraction
    )
    duties_paid: bool = attrs.field(default=False, converter=to_bool)
    carrier: str | None = attrs.field(default=None, converter=optional_text)
    fulfilment: Fulfilment | None = attrs.field(
        default=None, converter=_optional_fulfilment
    )

    def __attrs_post_init__(self) -> None:
        warehouse = self.mode is Mode.OVERSEAS_WAREHOUSE
        if warehouse and self.fulfilment is None:
            raise InvalidInputError(
                field="fulfilment",
                value=None,
                expected="a Fulfilment for an overseas-warehouse option",
            )
        if not warehouse and self.fulfilment is not None:
            raise InvalidInputError(
                field="fulfilment",
                value=self.fulfilment,
                expected=f"None for a {self.mode} option (only warehouses fulfil)",
            )
        if self.rate_card is None and self.fulfilment is None:
            raise InvalidInputError(
                field="rate_card",
                value=None,
                expected="a rate card (or warehouse fees)",
            )

    @property
    def currency(self) -> Currency:
        """The currency the option is priced in (its card's, else its fees')."""
        if self.rate_card is not None:
            return self.rate_card.currency
        fulfilment = self.fulfilment
        assert fulfilment is not None  # noqa: S101 - checked on construction
        if fulfilment.fees is not None:
            return fulfilment.fees.currency
        assert fulfilment.order_fee is not None  # noqa: S101 - checked on construction
        return fulfilment.order_fee.currency
