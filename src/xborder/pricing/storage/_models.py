"""Storage fee schedules as data: monthly fees, aged and utilisation surcharges."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from xborder._validate import (
    DecimalInput,
    flag,
    named_errors,
    non_negative,
    non_negative_count,
    positive_count,
    require,
    text,
    tuple_of,
)
from xborder.dated import Validity
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.money import Currency, Money
from xborder.money.converters import non_negative_money
from xborder.pricing._common import optional_money, optional_validity
from xborder.units import CUBIC_CENTIMETRE, quantity, to_unit

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "CUBIC_FOOT",
    "AgedBand",
    "AgedInventorySurcharge",
    "StorageRate",
    "StorageSchedule",
    "UtilisationBand",
    "UtilisationSurcharge",
    "unit_label",
]

CUBIC_FOOT = "foot ** 3"
"""The cubic foot, as pint names it: Amazon US quotes storage per cubic foot."""

_T = TypeVar("_T")
_LABELS = {CUBIC_FOOT: "cu ft", "meter ** 3": "m³", "centimeter ** 3": "cm³"}
_PEAK = (10, 11, 12)


def unit_label(unit: str) -> str:
    """A volume unit as a fee page writes it: ``'foot ** 3'`` → ``'cu ft'``."""
    return _LABELS.get(unit, unit)


def volume_unit(value: str) -> str:
    """Converter: a volume unit's name, spelt as pint does (``"foot ** 3"``)."""
    if not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a volume unit name")
    one = quantity(1, value)
    to_unit(one, CUBIC_CENTIMETRE)  # a UnitError unless it is a volume
    return str(one.units)


def _months(values: Iterable[int]) -> tuple[int, ...]:
    months = tuple_of(values, int)
    for index, month in enumerate(months):
        if isinstance(month, bool) or not 1 <= month <= 12:  # noqa: PLR2004 - months
            raise InvalidInputError(
                field=f"[{index}]", value=month, expected="a month number 1 to 12"
            )
    require(
        len(set(months)) == len(months),
        field=None,
        value=values,
        expected="each month once",
    )
    return tuple(sorted(months))


def _same_currency(owner: str, amounts: Iterable[tuple[str, Money]]) -> Currency:
    pairs = list(amounts)
    currency = pairs[0][1].currency
    for field, money in pairs[1:]:
        if money.currency != currency:
            raise CurrencyMismatchError(
                f"{owner} works in one currency",
                field=field,
                value=money,
                expected=f"an amount in {currency.code}",
            )
    return currency


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StorageRate:
    """A warehouse's monthly storage fee for one size tier, per unit of volume.

    The fee for a month is the rate times the unit's *average* volume over
    that month, so a unit stored 10 days of a 30-day month pays a third of
    the month (Amazon charges on the daily average volume).

    Args:
        size_tier: The size tier the rate is for ("Standard-size").
        unit: The volume the rates are per (``CUBIC_FOOT``, ``"m**3"``).
        off_peak: The rate per ``unit`` per month outside the peak months.
        peak: The rate per ``unit`` per month in the peak months.
        peak_months: Month numbers charged the peak rate (October to
            December by default).
        validity: For presets: when the rate applied and where it was read.

    Raises:
        CurrencyMismatchError: ``peak`` is in another currency than ``off_peak``.

    Examples:
        >>> rate = StorageRate(size_tier="Standard-size", unit="ft**3",
        ...     off_peak=Money("0.78", "USD"), peak=Money("2.40", "USD"))
        >>> str(rate.rate_in(11)), rate.is_peak(3)
        ('2.40 USD', False)
    """

    size_tier: str = attrs.field(converter=text)
    unit: str = attrs.field(converter=volume_unit)
    off_peak: Money = attrs.field(converter=non_negative_money)
    peak: Money = attrs.field(converter=non_negative_money)
    peak_months: tuple[int, ...] = attrs.field(default=_PEAK, converter=_months)
    validity: Validity | None = attrs.field(default=None, converter=optional_validity)

    def __attrs_post_init__(self) -> None:
        _same_currency(
            "a storage rate", [("off_peak", self.off_peak), ("peak", self.peak)]
        )

    @property
    def currency(self) -> Currency:
        """The currency of the rates."""
        return self.off_peak.currency

    def is_peak(self, month: int) -> bool:
        """Whether ``month`` (1 to 12) is charged the peak rate."""
        return _month(month) in self.peak_months

    def rate_in(self, month: int) -> Money:
        """The rate per ``unit`` for a month (1 to 12)."""
        return self.peak if self.is_peak(month) else self.off_peak


def _month(value: int) -> int:
    given: object = value
    if isinstance(given, bool) or not isinstance(given, int) or not 1 <= given <= 12:  # noqa: PLR2004
        raise InvalidInputError(
            field="month", value=value, expected="a month number 1 to 12"
        )
    return given


def _named(check: Callable[[Any], _T], value: object, field: str) -> _T:
    try:
        return check(value)
    except XborderError as error:
        raise error.in_field(field) from None


def _age(value: int) -> int:
    return _named(non_negative_count, value, "age")


def _categories(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(text(value) for value in tuple_of(values, str))


def _optional_day(value: int | None) -> int | None:
    return None if value is None else positive_count(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class AgedBand:
    r"""One age band of an aged-inventory surcharge.

    Args:
        from_day: The first age, in days since the unit arrived, the band
            charges (181 for "181–210 days").
        to_day: The last age it charges (210), or ``None`` for no end.
        rate: The surcharge per unit of the surcharge's volume unit.
        per_unit_minimum: If given, each unit pays at least this much
            ("the greater of \$6.90 per cubic foot or \$0.15 per unit").
        exempt_categories: Product categories the band does not charge
            (compared without regard to case).

    Examples:
        >>> band = AgedBand(from_day=366, rate=Money("6.90", "USD"),
        ...     per_unit_minimum=Money("0.15", "USD"))
        >>> band.label, band.covers(400), band.covers(365)
        ('366+ days', True, False)
    """

    from_day: int = attrs.field(converter=non_negative_count)
    to_day: int | None = attrs.field(default=None, converter=_optional_day)
    rate: Money = attrs.field(converter=non_negative_money)
    per_unit_minimum: Money | None = attrs.field(default=None, converter=optional_money)
    exempt_categories: tuple[str, ...] = attrs.field(default=(), converter=_categories)

    def __attrs_post_init__(self) -> None:
        if self.to_day is not None and self.to_day < self.from_day:
            raise InvalidInputError(
                field="to_day",
                value=self.to_day,
                expected=f"at least from_day ({self.from_day})",
            )
        amounts = [("rate", self.rate)]
        if self.per_unit_minimum is not None:
            amounts.append(("per_unit_minimum", self.per_unit_minimum))
        _same_currency("an aged band", amounts)

    @property
    def label(self) -> str:
        """The band in words: ``'181–210 days'`` or ``'366+ days'``."""
        if self.to_day is None:
            return f"{self.from_day}+ days"
        return f"{self.from_day}–{self.to_day} days"

    def covers(self, age: int) -> bool:
        """Whether a unit ``age`` days old falls in the band."""
        days = _age(age)
        return self.from_day <= days and (self.to_day is None or days <= self.to_day)

    def exempts(self, category: str | None) -> bool:
        """Whether the band leaves ``category`` uncharged."""
        if category is None:
            return False
        folded = _named(text, category, "category").casefold()
        return any(folded == exempt.casefold() for exempt in self.exempt_categories)


def _bands(values: Iterable[AgedBand]) -> tuple[AgedBand, ...]:
    bands = tuple_of(values, AgedBand)
    require(bool(bands), field=None, value=values, expected="at least one band")
    return bands


def _snapshot_day(value: int) -> int:
    day = positive_count(value)
    require(day <= 28, field=None, value=value, expected="a day of the month 1 to 28")  # noqa: PLR2004
    return day


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class AgedInventorySurcharge:
    """A monthly surcharge on units that have been in stock a long time.

    On ``snapshot_day`` of each month, every unit in stock is sorted into a
    band by its age (days since it arrived); the band charges its rate per
    unit of volume, or its per-unit minimum if that is more, for the whole
    month. It comes on top of the monthly storage fee.

    Args:
        unit: The volume the rates are per.
        bands: The age bands, in ascending order, not overlapping.
        snapshot_day: The day of the month ages are read (the 15th for Amazon).
        validity: For presets: when the bands applied and where they were read.

    Raises:
        InvalidInputError: The bands overlap or are out of order.
        CurrencyMismatchError: The bands' amounts are in different currencies.

    Examples:
        >>> surcharge = AgedInventorySurcharge(unit="ft**3", bands=[
        ...     AgedBand(from_day=181, to_day=270, rate=Money("1.00", "USD")),
        ...     AgedBand(from_day=271, rate=Money("4.00", "USD"))])
        >>> surcharge.band_for(200).label, surcharge.band_for(90)
        ('181–270 days', None)
    """

    unit: str = attrs.field(converter=volume_unit)
    bands: tuple[AgedBand, ...] = attrs.field(converter=_bands)
    snapshot_day: int = attrs.field(default=15, converter=_snapshot_day)
    validity: Validity | None = attrs.field(default=None, converter=optional_validity)

    def __attrs_post_init__(self) -> None:
        for index, (lower, upper) in enumerate(
            zip(self.bands, self.bands[1:], strict=False)
        ):
            if lower.to_day is None or upper.from_day <= lower.to_day:
                raise InvalidInputError(
                    field=f"bands[{index + 1}].from_day",
                    value=upper.from_day,
                    expected=f"a day after the previous band ({lower.label})",
                )
        amounts = [(f"bands[{i}].rate", band.rate) for i, band in enumerate(self.bands)]
        amounts += [
            (f"bands[{i}].per_unit_minimum", band.per_unit_minimum)
            for i, band in enumerate(self.bands)
            if band.per_unit_minimum is not None
        ]
        _same_currency("an aged-inventory surcharge", amounts)

    @property
    def currency(self) -> Currency:
        """The currency of the bands."""
        return self.bands[0].rate.currency

    def band_for(self, age: int) -> AgedBand | None:
        """The band a unit ``age`` days old falls in, or ``None``."""
        days = _age(age)
        return next((band for band in self.bands if band.covers(days)), None)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class UtilisationBand:
    """One band of a storage utilisation surcharge.

    Args:
        above: The band applies when the utilisation ratio, in weeks of
            supply, is above this (22 for "above 22 weeks").
        off_peak: The surcharge per unit of volume per month, off-peak.
        peak: The surcharge per unit of volume per month in the peak months.

    Examples:
        >>> band = UtilisationBand(above=22, off_peak=Money("0.44", "USD"),
        ...     peak=Money("0.44", "USD"))
        >>> band.above
        Decimal('22')
    """

    above: Decimal = attrs.field(converter=non_negative)
    off_peak: Money = attrs.field(converter=non_negative_money)
    peak: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        _same_currency(
            "a utilisation band", [("off_peak", self.off_peak), ("peak", self.peak)]
        )


def _utilisation_bands(
    values: Iterable[UtilisationBand],
) -> tuple[UtilisationBand, ...]:
    bands = tuple_of(values, UtilisationBand)
    require(bool(bands), field=None, value=values, expected="at least one band")
    return bands


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class UtilisationSurcharge:
    """A surcharge per unit of volume per month, set by the seller's utilisation ratio.

    The ratio is how many weeks of supply the seller stores (average daily
    volume stored over average daily volume shipped, in weeks); the highest
    band whose threshold it exceeds sets the rate for all the seller's
    volume that month. Units younger than ``exempt_days`` are not charged.

    xborder ships the shape but no preset: the research behind it found no
    source for Amazon's rates (only that from 1 April 2024 the surcharge
    applies above 22 weeks and excludes inventory aged 0 to 30 days). Enter
    the rates from your own fee page.

    Args:
        unit: The volume the rates are per.
        bands: The bands, in ascending order of ``above``.
        peak_months: Month numbers charged the peak rates.
        exempt_days: Units at most this many days old are not charged.

    Examples:
        >>> usd = lambda amount: Money(amount, "USD")
        >>> surcharge = UtilisationSurcharge(unit="ft**3", exempt_days=30, bands=[
        ...     UtilisationBand(above=22, off_peak=usd("0.44"), peak=usd("0.44")),
        ...     UtilisationBand(above=28, off_peak=usd("0.76"), peak=usd("0.76"))])
        >>> surcharge.band_for(30).above, surcharge.band_for(20)
        (Decimal('28'), None)
    """

    unit: str = attrs.field(converter=volume_unit)
    bands: tuple[UtilisationBand, ...] = attrs.field(converter=_utilisation_bands)
    peak_months: tuple[int, ...] = attrs.field(default=_PEAK, converter=_months)
    exempt_days: int = attrs.field(default=0, converter=non_negative_count)

    def __attrs_post_init__(self) -> None:
        for index, (lower, upper) in enumerate(
            zip(self.bands, self.bands[1:], strict=False)
        ):
            if upper.above <= lower.above:
                raise InvalidInputError(
                    field=f"bands[{index + 1}].above",
                    value=upper.above,
                    expected=f"more than the previous band's {lower.above}",
                )
        amounts = [
            (f"bands[{i}].off_peak", band.off_peak) for i, band in enumerate(self.bands)
        ]
        amounts += [
            (f"bands[{i}].peak", band.peak) for i, band in enumerate(self.bands)
        ]
        _same_currency("a utilisation surcharge", amounts)

    @property
    def currency(self) -> Currency:
        """The currency of the bands."""
        return self.bands[0].off_peak.currency

    def band_for(self, ratio: DecimalInput) -> UtilisationBand | None:
        """The band for a utilisation ratio in weeks, or ``None`` below the first."""
        weeks = _named(non_negative, ratio, "ratio")
        found = None
        for band in self.bands:
            if weeks > band.above:
                found = band
        return found

    def rate_in(self, band: UtilisationBand, month: int) -> Money:
        """``band``'s rate for a month (1 to 12)."""
        if not isinstance(band, UtilisationBand):
            raise InvalidTypeError(
                field="band", value=band, expected="a UtilisationBand"
            )
        return band.peak if _month(month) in self.peak_months else band.off_peak


def _rate(value: StorageRate) -> StorageRate:
    if not isinstance(value, StorageRate):
        raise InvalidTypeError(field=None, value=value, expected="a StorageRate")
    return value


def _optional_aged(
    value: AgedInventorySurcharge | None,
) -> AgedInventorySurcharge | None:
    if value is not None and not isinstance(value, AgedInventorySurcharge):
        raise InvalidTypeError(
            field=None, value=value, expected="an AgedInventorySurcharge or None"
        )
    return value


def _optional_utilisation(
    value: UtilisationSurcharge | None,
) -> UtilisationSurcharge | None:
    if value is not None and not isinstance(value, UtilisationSurcharge):
        raise InvalidTypeError(
            field=None, value=value, expected="a UtilisationSurcharge or None"
        )
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StorageSchedule:
    """What a warehouse charges to store one size tier: the monthly fee and surcharges.

    Args:
        name: The schedule ("Amazon.com FBA, standard-size").
        monthly: The monthly storage fee.
        aged: The aged-inventory surcharge, if any.
        utilisation: The storage utilisation surcharge, if any.
        validity: For presets: the window every part applies in, and its sources.
        illustrative: True for the presets in :mod:`xborder.pricing.storage.presets`.

    Raises:
        CurrencyMismatchError: The parts are in different currencies.

    Examples:
        >>> schedule = StorageSchedule(name="3PL, Los Angeles", monthly=StorageRate(
        ...     size_tier="Any", unit="m**3", off_peak=Money("25", "USD"),
        ...     peak=Money("25", "USD")))
        >>> schedule.currency.code, schedule.monthly.unit
        ('USD', 'meter ** 3')
    """

    name: str = attrs.field(converter=text)
    monthly: StorageRate = attrs.field(converter=_rate)
    aged: AgedInventorySurcharge | None = attrs.field(
        default=None, converter=_optional_aged
    )
    utilisation: UtilisationSurcharge | None = attrs.field(
        default=None, converter=_optional_utilisation
    )
    validity: Validity | None = attrs.field(default=None, converter=optional_validity)
    illustrative: bool = attrs.field(default=False, converter=flag)

    def __attrs_post_init__(self) -> None:
        parts = [("monthly.off_peak", self.monthly.off_peak)]
        if self.aged is not None:
            parts.append(("aged.bands[0].rate", self.aged.bands[0].rate))
        if self.utilisation is not None:
            parts.append(
                ("utilisation.bands[0].off_peak", self.utilisation.bands[0].off_peak)
            )
        _same_currency("a storage schedule", parts)

    @property
    def currency(self) -> Currency:
        """The currency of every amount in the schedule."""
        return self.monthly.currency

    @property
    def source(self) -> str | None:
        """The preset's source URL, if it has one."""
        return None if self.validity is None else self.validity.source
