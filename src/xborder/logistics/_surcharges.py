"""Surcharges: what they are charged on, when they apply, in what order (private)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._validate import (
    DecimalInput,
    fraction,
    named_errors,
    optional_date,
    text,
)
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.logistics._common import (
    Contents,
    contents_set,
    enum_value,
    optional_country_codes,
    to_bool,
)
from xborder.logistics._limits import SizeLimits, optional_limits
from xborder.money import Money
from xborder.money._money import optional_money

if TYPE_CHECKING:
    from xborder.money import Currency

__all__ = ["PERCENT", "Surcharge", "SurchargeBasis", "SurchargeKind", "When"]

_ZERO = Decimal(0)


class SurchargeKind(enum.StrEnum):
    """What a surcharge is for (descriptive, and it implies a condition).

    Examples:
        >>> Surcharge.remote_area(Money("12", "USD")).kind
        <SurchargeKind.REMOTE_AREA: 'remote area'>
    """

    FUEL = "fuel"
    """A weekly-indexed percentage of the transport charge."""
    REMOTE_AREA = "remote area"
    """Deliveries to the carrier's remote/extended areas (needs
    ``When(remote_area=True)``)."""
    OVERSIZE = "oversize"
    """Pieces beyond size or weight thresholds (needs ``When(oversize=...)``)."""
    PEAK = "peak"
    """A season's surcharge (needs ``When(starts=..., ends=...)``)."""
    RESIDENTIAL = "residential"
    """Deliveries to homes (needs ``When(residential=True)``)."""
    DANGEROUS_GOODS = "dangerous goods"
    """Batteries and other restricted contents (needs ``When(contents=...)``)."""
    HANDLING = "handling"
    """Anything charged for handling, declared per shipment or piece."""
    OTHER = "other"
    """Anything else."""


class SurchargeBasis(enum.StrEnum):
    """What a surcharge is charged on.

    Examples:
        >>> Surcharge.fuel("0.18", on_subtotal=False).basis
        <SurchargeBasis.PERCENT_OF_FREIGHT: 'percent of freight'>
    """

    PERCENT_OF_FREIGHT = "percent of freight"
    """A fraction of the base freight only (karrio's only choice)."""
    PERCENT_OF_SUBTOTAL = "percent of subtotal"
    """A fraction of the freight plus every surcharge applied before it
    (fuel on "transportation and accessorial charges")."""
    PER_SHIPMENT = "per shipment"
    """A fixed amount per shipment."""
    PER_PIECE = "per piece"
    """A fixed amount per piece it applies to."""
    PER_KG = "per kg"
    """An amount per kilogram of billable weight of the pieces it applies to."""


PERCENT = frozenset(
    {SurchargeBasis.PERCENT_OF_FREIGHT, SurchargeBasis.PERCENT_OF_SUBTOTAL}
)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class When:
    """When a surcharge applies; every condition given must hold.

    Args:
        countries: Only to these destination countries.
        remote_area: Only to addresses flagged remote.
        residential: Only to addresses flagged residential.
        oversize: Only to pieces that breach these limits (a per-piece or
            per-kg surcharge counts those pieces only).
        contents: Only to parcels holding any of these contents.
        starts: First day it applies (with ``ends``, a season).
        ends: First day it no longer applies (exclusive).

    Examples:
        >>> When(remote_area=True, countries={"AU", "NZ"}).countries == {"AU", "NZ"}
        True
    """

    countries: frozenset[str] | None = attrs.field(
        default=None, converter=optional_country_codes
    )
    remote_area: bool = attrs.field(default=False, converter=to_bool)
    residential: bool = attrs.field(default=False, converter=to_bool)
    oversize: SizeLimits | None = attrs.field(default=None, converter=optional_limits)
    contents: frozenset[Contents] = attrs.field(
        default=frozenset(), converter=contents_set
    )
    starts: dt.date | None = attrs.field(default=None, converter=optional_date)
    ends: dt.date | None = attrs.field(default=None, converter=optional_date)

    def __attrs_post_init__(self) -> None:
        if (
            self.starts is not None
            and self.ends is not None
            and self.ends <= self.starts
        ):
            raise InvalidInputError(
                field="ends",
                value=self.ends,
                expected=f"a day after starts ({self.starts})",
            )

    @property
    def dated(self) -> bool:
        """Whether the condition depends on the day (a season)."""
        return self.starts is not None or self.ends is not None


def _fraction_or_none(value: DecimalInput | None) -> Decimal | None:
    # A percentage above 100% is a slip ("18.5" for 18.5%), not a tariff.
    return None if value is None else fraction(value)


def _when(value: When) -> When:
    if not isinstance(value, When):
        raise InvalidTypeError(field=None, value=value, expected="a When")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Surcharge:
    """An extra charge on top of the freight, applied in the order it is listed.

    A service applies its surcharges in the order of its tuple, so a fuel
    surcharge listed last with :attr:`SurchargeBasis.PERCENT_OF_SUBTOTAL`
    is charged on the freight *and* the surcharges before it, while
    :attr:`SurchargeBasis.PERCENT_OF_FREIGHT` charges the freight alone.

    Args:
        name: What the carrier calls it.
        kind: What it is for; some kinds need a condition in ``when``.
        basis: What it is charged on.
        rate: The fraction, for a percentage (``"0.185"`` for 18.5%), 0 to 1.
        amount: The amount, for the other bases.
        minimum: Lowest amount when it applies ("per kg, minimum 28 USD").
        maximum: Highest amount when it applies.
        when: When it applies (default: always).

    Raises:
        CurrencyMismatchError: ``amount``, ``minimum`` and ``maximum`` are
            in different currencies.
        InvalidInputError: ``rate`` is above 1 (100%), or ``rate`` and
            ``amount`` do not match the basis,
            or the kind's condition is missing (a remote-area surcharge
            without ``When(remote_area=True)``).

    Examples:
        >>> fuel = Surcharge.fuel("0.185")
        >>> fuel.basis, fuel.rate
        (<SurchargeBasis.PERCENT_OF_SUBTOTAL: 'percent of subtotal'>, Decimal('0.185'))
    """

    name: str = attrs.field(converter=text)
    kind: SurchargeKind = attrs.field(validator=enum_value(SurchargeKind))
    basis: SurchargeBasis = attrs.field(validator=enum_value(SurchargeBasis))
    rate: Decimal | None = attrs.field(default=None, converter=_fraction_or_none)
    amount: Money | None = attrs.field(default=None, converter=optional_money)
    minimum: Money | None = attrs.field(default=None, converter=optional_money)
    maximum: Money | None = attrs.field(default=None, converter=optional_money)
    when: When = attrs.field(factory=When, converter=_when)

    def __attrs_post_init__(self) -> None:
        self._check_basis()
        self._check_kind()
        self._check_currencies()
        if (
            self.minimum is not None
            and self.maximum is not None
            and self.maximum < self.minimum
        ):
            raise InvalidInputError(
                field="maximum",
                value=self.maximum,
                expected=f">= minimum {self.minimum}",
            )

    def _check_basis(self) -> None:
        if self.basis in PERCENT:
            if self.rate is None or self.amount is not None:
                raise InvalidInputError(
                    field="rate",
                    value=self.rate,
                    expected=f"a rate (and no amount) for {self.basis}",
                )
        elif self.amount is None or self.rate is not None:
            raise InvalidInputError(
                field="amount",
                value=self.amount,
                expected=f"an amount (and no rate) for {self.basis}",
            )

    def _check_currencies(self) -> None:
        currency = self.currency
        if currency is None:
            return
        for field in ("amount", "minimum", "maximum"):
            money = getattr(self, field)
            if money is not None and money.currency != currency:
                raise CurrencyMismatchError(
                    field=field,
                    value=money,
                    expected=f"an amount in {currency.code}, like its other amounts",
                )

    def _check_kind(self) -> None:
        when = self.when
        missing = {
            SurchargeKind.REMOTE_AREA: (not when.remote_area, "When(remote_area=True)"),
            SurchargeKind.RESIDENTIAL: (not when.residential, "When(residential=True)"),
            SurchargeKind.OVERSIZE: (
                when.oversize is None,
                "When(oversize=SizeLimits(...))",
            ),
            SurchargeKind.PEAK: (not when.dated, "When(starts=..., ends=...)"),
            SurchargeKind.DANGEROUS_GOODS: (not when.contents, "When(contents={...})"),
        }.get(self.kind)
        if missing is not None and missing[0]:
            raise InvalidInputError(
                field="when",
                value=when,
                expected=f"{missing[1]} for a {self.kind} surcharge",
            )

    @property
    def currency(self) -> Currency | None:
        """The currency of its amounts (``None`` for a bare percentage)."""
        for money in (self.amount, self.minimum, self.maximum):
            if money is not None:
                return money.currency
        return None

    # -- constructors for the usual ones -------------------------------------

    @classmethod
    def fuel(
        cls,
        rate: DecimalInput,
        *,
        on_subtotal: bool = True,
        name: str = "fuel surcharge",
    ) -> Surcharge:
        """A fuel surcharge: ``rate`` of the freight and (default) prior surcharges."""
        if not isinstance(on_subtotal, bool):
            raise InvalidTypeError(
                field="on_subtotal", value=on_subtotal, expected="True or False"
            )
        basis = (
            SurchargeBasis.PERCENT_OF_SUBTOTAL
            if on_subtotal
            else SurchargeBasis.PERCENT_OF_FREIGHT
        )
        return cls(name=name, kind=SurchargeKind.FUEL, basis=basis, rate=rate)

    @classmethod
    def remote_area(
        cls,
        amount: Money,
        *,
        basis: SurchargeBasis = SurchargeBasis.PER_SHIPMENT,
        minimum: Money | None = None,
        name: str = "remote area surcharge",
    ) -> Surcharge:
        """A remote-area surcharge (per shipment, or per kg with a minimum)."""
        return cls(
            name=name,
            kind=SurchargeKind.REMOTE_AREA,
            basis=basis,
            amount=amount,
            minimum=minimum,
            when=When(remote_area=True),
        )

    @classmethod
    def oversize(
        cls,
        amount: Money,
        *,
        limits: SizeLimits,
        basis: SurchargeBasis = SurchargeBasis.PER_PIECE,
        name: str = "oversize surcharge",
    ) -> Surcharge:
        """A charge per piece that breaches ``limits``."""
        return cls(
            name=name,
            kind=SurchargeKind.OVERSIZE,
            basis=basis,
            amount=amount,
            when=When(oversize=limits),
        )

    @classmethod
    def peak(
        cls,
        *,
        starts: dt.date | str,
        ends: dt.date | str,
        amount: Money | None = None,
        rate: DecimalInput | None = None,
        basis: SurchargeBasis | None = None,
        name: str = "peak surcharge",
    ) -> Surcharge:
        """A seasonal surcharge from ``starts`` up to (not including) ``ends``.

        Examples:
            >>> peak = Surcharge.peak(
            ...     starts="2026-10-01", ends="2027-01-15", amount=Money("0.30", "USD")
            ... )
            >>> peak.basis, peak.when.dated
            (<SurchargeBasis.PER_SHIPMENT: 'per shipment'>, True)
        """
        if basis is not None:
            chosen = basis  # checked by the constructor
        elif rate is None:
            chosen = SurchargeBasis.PER_SHIPMENT
        else:
            chosen = SurchargeBasis.PERCENT_OF_FREIGHT
        return cls(
            name=name,
            kind=SurchargeKind.PEAK,
            basis=chosen,
            amount=amount,
            rate=rate,
            when=When(starts=starts, ends=ends),
        )

    @classmethod
    def residential(
        cls, amount: Money, *, name: str = "residential surcharge"
    ) -> Surcharge:
        """A charge per shipment to a home address.

        Examples:
            >>> Surcharge.residential(Money("5.20", "USD")).when.residential
            True
        """
        return cls(
            name=name,
            kind=SurchargeKind.RESIDENTIAL,
            basis=SurchargeBasis.PER_SHIPMENT,
            amount=amount,
            when=When(residential=True),
        )
