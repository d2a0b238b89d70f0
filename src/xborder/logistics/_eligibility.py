"""Whether a service can carry a shipment, with every reason it cannot (private)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from xborder._validate import named_errors
from xborder.errors import InvalidTypeError, MissingFxRateError, RuleNotApplicableError
from xborder.logistics._common import strings
from xborder.logistics._parcel import Destination, Shippable, to_destination
from xborder.logistics._quote import quote
from xborder.logistics._service import ServiceOption, service_option

if TYPE_CHECKING:
    from xborder.money import Money

__all__ = ["Eligibility", "check_eligibility", "describe_refusal"]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Eligibility:
    """Whether a service can carry a shipment, and every reason it cannot.

    Attributes:
        option: The service checked.
        reasons: Why it cannot; empty when it can.

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
        >>> from xborder.logistics import check_eligibility
        >>> check_eligibility(holder, line, destination="US").eligible
        True
    """

    option: ServiceOption = attrs.field(converter=service_option)
    reasons: tuple[str, ...] = attrs.field(converter=strings)

    @property
    def eligible(self) -> bool:
        """Whether the service can carry the shipment."""
        return not self.reasons


def check_eligibility(
    shipment: Shippable,
    option: ServiceOption,
    *,
    destination: Destination | str,
    value: Money | None = None,
) -> Eligibility:
    """Check a service's restrictions and price coverage for a shipment.

    Restricted contents, size and weight limits, destinations, the declared
    value limit, a destination missing from a zone chart, and a weight
    above the card's last band each give a reason.

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
        >>> sofa = Parcel(dimensions="200 x 90 x 80 cm", weight="45 kg")
        >>> for reason in check_eligibility(sofa, line, destination="US").reasons:
        ...     print(reason)
        weight 45 kg is above the card (expected a weight up to and including 30 kg)
    """
    if not isinstance(option, ServiceOption):
        raise InvalidTypeError(field="option", value=option, expected="a ServiceOption")
    where = to_destination(destination)
    reasons = list(
        option.restrictions.reasons(shipment, destination=where, value=value)
    )
    if not reasons:
        try:
            quote(shipment, option, destination=where, as_of=_ANY_DAY, fx=None)
        except RuleNotApplicableError as error:
            reasons.append(describe_refusal(error))
        except MissingFxRateError:
            pass  # a price in another currency is not a reason to refuse
    return Eligibility(option=option, reasons=tuple(reasons))


# Eligibility prices on an arbitrary day: seasonal surcharges change the
# price, never whether the service carries the shipment.
_ANY_DAY = dt.date(2000, 1, 1)


def describe_refusal(error: RuleNotApplicableError) -> str:
    """A pricing refusal as a reason a service is ineligible."""
    if error.field == "weight":
        return f"weight {error.value} is above the card (expected {error.expected})"
    if error.field == "destination":
        return f"no zone for {error.value}"
    if error.field == "parcel":
        return f"fits no fulfilment size tier ({error.detail})"
    if error.field == "option":  # the first mile's service refused the cartons
        return f"{error.value} cannot carry it: {error.detail}"
    return str(error)
