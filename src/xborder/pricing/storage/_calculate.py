"""Storage cost month by month: one unit's stay, or a batch selling down (private)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import DecimalInput, date_value, require, text, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.money import Money, RoundingMode
from xborder.money.converters import exact_money, rounding_mode
from xborder.pricing._common import assemble, readable
from xborder.pricing.storage._models import (
    StorageSchedule,
    UtilisationBand,
    unit_label,
)
from xborder.pricing.storage._results import StorageCost, StorageLine, StorageLineKind
from xborder.units import DAY, magnitude

if TYPE_CHECKING:
    from xborder.pricing.storage._models import AgedBand
    from xborder.units import QuantityInput

__all__ = ["MAX_STAY_DAYS", "batch_storage_cost", "storage_cost", "storage_per_unit"]

MAX_STAY_DAYS = 3660
"""The longest stay priced, ten years: older stock is written off, not stored."""

_ZERO = Decimal(0)
_LAST_START = dt.date(9999, 12, 1)  # the month walk looks one month ahead
_ONE = Decimal(1)
_TWO = Decimal(2)


@attrs.frozen
class _Stock:
    """Units on hand over time: ``quantity`` held, then sold down evenly.

    Held ``hold`` days, then sold over ``selldown`` days (0: all leave at once).
    """

    quantity: Decimal
    hold: Decimal
    selldown: Decimal

    @property
    def end(self) -> Decimal:
        return EXACT.add(self.hold, self.selldown)

    def units_at(self, day: Decimal) -> Decimal:
        """Units on hand ``day`` days after arrival."""
        if day < self.hold:
            return self.quantity
        if day >= self.end:
            return _ZERO
        left = EXACT.multiply(self.quantity, EXACT.subtract(self.end, day))
        return readable(DIVISION.divide(left, self.selldown))

    def unit_days(self, low: Decimal, high: Decimal) -> Decimal:
        """Unit-days on hand between days ``low`` and ``high`` after arrival."""
        held = _overlap(low, high, _ZERO, self.hold)
        total = EXACT.multiply(self.quantity, held)
        start, stop = max(low, self.hold), min(high, self.end)
        if stop > start:
            # The integral of Q (end - t) / s over [start, stop].
            width = EXACT.subtract(stop, start)
            twice_mid = EXACT.add(start, stop)
            height = EXACT.subtract(EXACT.multiply(_TWO, self.end), twice_mid)
            area = EXACT.multiply(EXACT.multiply(self.quantity, width), height)
            total = EXACT.add(
                total, DIVISION.divide(area, EXACT.multiply(_TWO, self.selldown))
            )
        return readable(total)


def _overlap(low: Decimal, high: Decimal, start: Decimal, stop: Decimal) -> Decimal:
    return max(EXACT.subtract(min(high, stop), max(low, start)), _ZERO)


def _months_from(start: dt.date, end: Decimal) -> list[tuple[dt.date, int, int]]:
    """Each calendar month the stay touches, with its offsets from ``start``.

    Each is (first day, offset of the first day, offset of the next month's).
    """
    months: list[tuple[dt.date, int, int]] = []
    first = start.replace(day=1)
    while (first - start).days < end:
        following = _next_month(first)
        months.append((first, (first - start).days, (following - start).days))
        first = following
    return months


def _next_month(first: dt.date) -> dt.date:
    if first.month == 12:  # noqa: PLR2004 - December
        return first.replace(year=first.year + 1, month=1)
    return first.replace(month=first.month + 1)


@attrs.frozen(kw_only=True)
class _Stay:
    """Everything the month walk needs, checked."""

    schedule: StorageSchedule
    stock: _Stock
    start: dt.date
    volumes: dict[str, Decimal]  # one unit's volume in each rate unit
    shown: Decimal  # one unit's volume in the monthly rate's unit
    category: str | None
    utilisation: UtilisationBand | None

    def cost(self) -> StorageCost:
        lines: list[StorageLine] = []
        for first, low, high in _months_from(self.start, self.stock.end):
            lines += self._month(first, Decimal(low), Decimal(high))
        total = _ZERO
        for line in lines:
            total = EXACT.add(total, line.amount.amount)
        currency = self.schedule.currency
        return assemble(
            StorageCost,
            schedule=self.schedule.name,
            start=self.start,
            days=self.stock.end,
            quantity=self.stock.quantity,
            volume=self.shown,
            unit=self.schedule.monthly.unit,
            lines=tuple(lines),
            total=exact_money(total, currency),
        )

    def _month(self, first: dt.date, low: Decimal, high: Decimal) -> list[StorageLine]:
        days_in_month = EXACT.subtract(high, low)
        found = [self._monthly(first, low, high, days_in_month)]
        if self.utilisation is not None:
            found.append(self._utilisation(first, low, high, days_in_month))
        aged = self._aged(first)
        if aged is not None:
            found.append(aged)
        return [line for line in found if line.amount.amount]

    def _average(
        self, unit: str, unit_days: Decimal, days_in_month: Decimal
    ) -> Decimal:
        volume_days = EXACT.multiply(self.volumes[unit], unit_days)
        return readable(DIVISION.divide(volume_days, days_in_month))

    def _monthly(
        self, first: dt.date, low: Decimal, high: Decimal, days_in_month: Decimal
    ) -> StorageLine:
        monthly = self.schedule.monthly
        unit_days = self.stock.unit_days(max(low, _ZERO), high)
        basis = self._average(monthly.unit, unit_days, days_in_month)
        rate = monthly.rate_in(first.month)
        season = "peak" if monthly.is_peak(first.month) else "off-peak"
        note = (
            f"{first:%B %Y}: {unit_days} unit-days of {days_in_month}, "
            f"{season} rate {rate} per {unit_label(monthly.unit)}"
        )
        return _line(StorageLineKind.MONTHLY, first, basis, rate, None, note)

    def _utilisation(
        self, first: dt.date, low: Decimal, high: Decimal, days_in_month: Decimal
    ) -> StorageLine:
        surcharge = self.schedule.utilisation
        band = self.utilisation
        assert surcharge is not None  # noqa: S101 - the band comes from it
        assert band is not None  # noqa: S101 - this line is made only with one
        exempt = Decimal(surcharge.exempt_days + 1)  # charged from the next day on
        unit_days = self.stock.unit_days(max(low, exempt, _ZERO), high)
        basis = self._average(surcharge.unit, unit_days, days_in_month)
        rate = surcharge.rate_in(band, first.month)
        note = (
            f"{first:%B %Y}: utilisation above {band.above} weeks, {unit_days} "
            f"unit-days older than {surcharge.exempt_days} days, "
            f"{rate} per {unit_label(surcharge.unit)}"
        )
        return _line(StorageLineKind.UTILISATION, first, basis, rate, None, note)

    def _aged(self, first: dt.date) -> StorageLine | None:
        surcharge = self.schedule.aged
        if surcharge is None:
            return None
        snapshot = first.replace(day=surcharge.snapshot_day)
        age = (snapshot - self.start).days
        units = self.stock.units_at(Decimal(age)) if age >= 0 else _ZERO
        band = surcharge.band_for(age) if units else None
        if band is None or band.exempts(self.category):
            return None
        basis = readable(EXACT.multiply(self.volumes[surcharge.unit], units))
        note = (
            f"{units} unit(s) aged {age} days on {snapshot}: band {band.label}, "
            f"{band.rate} per {unit_label(surcharge.unit)}"
        )
        return _line(
            StorageLineKind.AGED, first, basis, band.rate, _minimum(band, units), note
        )


def _minimum(band: AgedBand, units: Decimal) -> Money | None:
    if band.per_unit_minimum is None:
        return None
    floor = readable(EXACT.multiply(band.per_unit_minimum.amount, units))
    return exact_money(floor, band.per_unit_minimum.currency)


def _line(  # noqa: PLR0917 - the line's fields, in order
    kind: StorageLineKind,
    first: dt.date,
    basis: Decimal,
    rate: Money,
    minimum: Money | None,
    note: str,
) -> StorageLine:
    amount = readable(EXACT.multiply(rate.amount, basis))
    if minimum is not None and minimum.amount > amount:
        amount = minimum.amount
        note = f"{note}; the per-unit minimum {minimum} is more"
    return assemble(
        StorageLine,
        kind=kind,
        month=first,
        basis=basis,
        rate=rate,
        amount=exact_money(amount, rate.currency),
        note=note,
    )


def _schedule(value: object) -> StorageSchedule:
    if not isinstance(value, StorageSchedule):
        raise InvalidTypeError(
            field="schedule", value=value, expected="a StorageSchedule"
        )
    return value


def _start(value: dt.date | str) -> dt.date:
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field("start") from None


def _volumes(schedule: StorageSchedule, volume: QuantityInput) -> dict[str, Decimal]:
    units = {schedule.monthly.unit}
    if schedule.aged is not None:
        units.add(schedule.aged.unit)
    if schedule.utilisation is not None:
        units.add(schedule.utilisation.unit)
    volumes = {
        unit: readable(magnitude(volume, unit, field="volume")) for unit in units
    }
    require(
        volumes[schedule.monthly.unit] > 0,
        field="volume",
        value=str(volume),
        expected="a volume > 0",
    )
    return volumes


def _days(value: QuantityInput, field: str) -> Decimal:
    days = magnitude(value, DAY, field=field)
    require(
        _ZERO <= days <= MAX_STAY_DAYS,
        field=field,
        value=str(value),
        expected=f"between 0 and {MAX_STAY_DAYS} days",
    )
    return days


def _category(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return text(value)
    except XborderError as error:
        raise error.in_field("category") from None


def _utilisation(
    schedule: StorageSchedule, ratio: DecimalInput | None
) -> UtilisationBand | None:
    if ratio is None:
        return None
    weeks = to_decimal(ratio, field="utilisation_ratio")
    require(weeks >= 0, field="utilisation_ratio", value=ratio, expected="weeks >= 0")
    if schedule.utilisation is None:
        raise InvalidInputError(
            field="utilisation_ratio",
            value=ratio,
            expected="a schedule with a utilisation surcharge",
        )
    return schedule.utilisation.band_for(weeks)


def _stay(
    schedule: StorageSchedule,
    stock: _Stock,
    *,
    volume: QuantityInput,
    start: dt.date | str,
    category: str | None,
    utilisation_ratio: DecimalInput | None,
) -> _Stay:
    volumes = _volumes(schedule, volume)
    day = _start(start)
    require(
        (_LAST_START - day).days >= stock.end,
        field="start",
        value=day,
        expected=f"a stay that ends before {_LAST_START}",
    )
    return _Stay(
        schedule=schedule,
        stock=stock,
        start=day,
        volumes=volumes,
        shown=volumes[schedule.monthly.unit],
        category=_category(category),
        utilisation=_utilisation(schedule, utilisation_ratio),
    )


def storage_cost(
    schedule: StorageSchedule,
    *,
    volume: QuantityInput,
    start: dt.date | str,
    stay: QuantityInput,
    category: str | None = None,
    utilisation_ratio: DecimalInput | None = None,
) -> StorageCost:
    r"""What one unit costs to store from ``start`` for ``stay``, month by month.

    The unit arrives at the start of day ``start`` and leaves ``stay`` later
    (a fraction of a day counts as that fraction). Each calendar month it
    touches is charged on the unit's **average volume** that month, with
    the month's own number of days (28 to 31):

    $$\text{fee}_m = r_m \times V \times
      \frac{\text{days in stock in } m}{\text{days in } m}$$

    where $r_m$ is the peak rate in a peak month, the off-peak rate otherwise.
    A utilisation surcharge, if ``utilisation_ratio`` is given, is charged
    the same way on the days the unit is older than its exempt days.

    The aged surcharge is read as Amazon reads it, on the snapshot day of
    each month (the 15th): if the unit is still in stock, its age that day
    (days since ``start``; 0 on the day it arrives) picks a band, which
    charges its rate × V (or its per-unit minimum, if more) for the month.
    Amazon ages units first-in first-out across its whole network; here the
    unit's own age stands for it.

    Args:
        schedule: The warehouse's storage fees.
        volume: One unit's volume as packed (``"0.5 ft**3"``, a pint quantity,
            ``Dimensions(...).volume``).
        start: The day the unit arrives.
        stay: How long it stays (``"45 days"``, ``"6 weeks"``); at most ten years.
        category: The product's category, for aged bands that exempt some.
        utilisation_ratio: The seller's storage utilisation ratio, in weeks
            of supply, for the schedule's utilisation surcharge.

    Returns:
        The cost, one line per charge per month; the lines add up to the
        total exactly, unrounded.

    Raises:
        UnitError: ``volume`` is not a volume or ``stay`` not a duration.
        InvalidInputError: A value is out of range, or a utilisation ratio is
            given for a schedule without a utilisation surcharge.

    Examples:
        >>> from xborder.pricing.storage import presets
        >>> cost = storage_cost(presets.AMAZON_US_STORAGE_STANDARD,
        ...     volume="960 in**3",
        ...     start="2026-09-01", stay="61 days")
        >>> [str(line.amount.quantize(RoundingMode.HALF_UP)) for line in cost.lines]
        ['0.43 USD', '1.33 USD']
    """
    checked = _schedule(schedule)
    days = _days(stay, "stay")
    stock = _Stock(quantity=_ONE, hold=days, selldown=_ZERO)
    return _stay(
        checked,
        stock,
        volume=volume,
        start=start,
        category=category,
        utilisation_ratio=utilisation_ratio,
    ).cost()


def batch_storage_cost(
    schedule: StorageSchedule,
    *,
    volume: QuantityInput,
    quantity: DecimalInput,
    daily_demand: DecimalInput,
    start: dt.date | str,
    wait: QuantityInput = "0 days",
    category: str | None = None,
    utilisation_ratio: DecimalInput | None = None,
) -> StorageCost:
    r"""What a batch of ``quantity`` units costs to store while it sells down.

    The batch arrives on ``start``, waits ``wait`` (stock already on the
    shelf sells first), then sells ``daily_demand`` units a day until the
    last unit leaves $Q/d$ days later. On average a unit sits
    $w + Q/(2d)$ days, but the fee is not the average unit's: the monthly
    fee is charged on the units on hand each day,

    $$\text{unit-days}_m = \int_{m} \text{units on hand}(t)\,dt$$

    and every unit still in stock on a snapshot day pays the aged band its
    age has reached, so a bigger order pays more per unit: its last units
    sit longer, into the peak months and the aged bands.

    Args:
        schedule: The warehouse's storage fees.
        volume: One unit's volume as packed.
        quantity: Units in the batch (>= 0).
        daily_demand: Units sold per day (> 0).
        start: The day the batch arrives.
        wait: Days before the batch starts selling.
        category: The product's category, for aged bands that exempt some.
        utilisation_ratio: The seller's storage utilisation ratio, in weeks.

    Raises:
        InvalidInputError: ``daily_demand`` is not > 0, or the batch takes
            more than ten years to sell.

    Examples:
        >>> from xborder.pricing.storage import presets
        >>> cost = batch_storage_cost(presets.AMAZON_US_STORAGE_STANDARD,
        ...     volume="0.5 ft**3", quantity=300, daily_demand=1,
        ...     start="2026-01-01")
        >>> str(cost.aged.quantize(RoundingMode.HALF_UP))
        '120.20 USD'
        >>> str(cost.per_unit.quantize(RoundingMode.HALF_UP))
        '2.37 USD'
    """
    checked = _schedule(schedule)
    units = to_decimal(quantity, field="quantity")
    require(units >= 0, field="quantity", value=quantity, expected="units >= 0")
    rate = to_decimal(daily_demand, field="daily_demand")
    require(
        rate > 0, field="daily_demand", value=daily_demand, expected="units a day > 0"
    )
    hold = _days(wait, "wait")
    selldown = readable(DIVISION.divide(units, rate))
    require(
        EXACT.add(hold, selldown) <= MAX_STAY_DAYS,
        field="quantity",
        value=quantity,
        expected=f"wait + quantity / daily_demand <= {MAX_STAY_DAYS} days",
    )
    stock = _Stock(quantity=units, hold=hold, selldown=selldown)
    return _stay(
        checked,
        stock,
        volume=volume,
        start=start,
        category=category,
        utilisation_ratio=utilisation_ratio,
    ).cost()


def storage_per_unit(
    schedule: StorageSchedule,
    *,
    volume: QuantityInput,
    start: dt.date | str,
    stay: QuantityInput,
    category: str | None = None,
    utilisation_ratio: DecimalInput | None = None,
    rounding: RoundingMode = RoundingMode.HALF_UP,
) -> Money:
    """Storage per unit sold, for unit economics: one unit's stay, rounded to the cent.

    For steady sales from stock that covers ``C`` days, a unit waits on
    average ``C/2`` days: pass that as ``stay``. The result goes straight into
    :meth:`~xborder.pricing.FeeSchedule.with_unit_fees`. For the exact
    average over a batch, aged bands included, use
    ``batch_storage_cost(...).per_unit``.

    Args:
        schedule: The warehouse's storage fees.
        volume: One unit's volume as packed.
        start: The day the unit arrives (it sets which months are peak).
        stay: The expected days in stock.
        category: The product's category, for aged bands that exempt some.
        utilisation_ratio: The seller's storage utilisation ratio, in weeks.
        rounding: How the total is rounded to the minor unit.

    Examples:
        >>> from xborder.pricing import FeeSchedule
        >>> from xborder.pricing.storage import presets
        >>> storage = storage_per_unit(presets.AMAZON_US_STORAGE_STANDARD,
        ...     volume="0.05 ft**3", start="2026-10-01", stay="30 days")
        >>> str(storage)
        '0.12 USD'
        >>> fees = FeeSchedule(name="Amazon.com FBA", currency="USD")
        >>> str(fees.with_unit_fees(storage=storage).storage)
        '0.12 USD'
    """
    mode = rounding_mode(rounding, "rounding")
    cost = storage_cost(
        schedule,
        volume=volume,
        start=start,
        stay=stay,
        category=category,
        utilisation_ratio=utilisation_ratio,
    )
    return cost.total.quantize(mode)
