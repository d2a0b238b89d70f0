"""Strategies for storage schedules and costs (private; see xborder.testing.strategies).

Every schedule draws all its amounts in one currency and its rates per
cubic foot or cubic metre; costs are computed by
:func:`~xborder.pricing.storage.storage_cost` and
:func:`~xborder.pricing.storage.batch_storage_cost` from drawn inputs, so
every drawn cost is one xborder itself produced.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder.inventory import Demand, StorageOrderQuantity, eoq_with_storage
from xborder.money import Money
from xborder.pricing.storage import (
    CUBIC_FOOT,
    AgedBand,
    AgedInventorySurcharge,
    StorageCost,
    StorageLine,
    StorageRate,
    StorageSchedule,
    UtilisationBand,
    UtilisationSurcharge,
    batch_storage_cost,
    storage_cost,
)
from xborder.testing.strategies._pricing import _amounts, _currency
from xborder.units import CUBIC_METRE, quantity

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.money import Currency

__all__ = [
    "aged_bands",
    "aged_inventory_surcharges",
    "storage_costs",
    "storage_lines",
    "storage_order_quantities",
    "storage_rates",
    "storage_schedules",
    "utilisation_bands",
    "utilisation_surcharges",
]

_UNITS = st.sampled_from((CUBIC_FOOT, CUBIC_METRE))
_MONTHS = st.lists(st.integers(1, 12), unique=True, max_size=12)


def storage_rates(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[StorageRate]:
    """Monthly storage rates in ``currency``, up to 1,000 minor units each."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda unit, off, peak, months: StorageRate(
                size_tier="drawn",
                unit=unit,
                off_peak=off,
                peak=peak,
                peak_months=months,
            ),
            _UNITS,
            _amounts(c, max_units=1000),
            _amounts(c, max_units=1000),
            _MONTHS,
        )
    )


def aged_bands(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[AgedBand]:
    """A single age band from day 0 to 400, maybe open-ended, with a maybe-minimum."""
    return _currency(currency).flatmap(_aged_band)


def _aged_band(currency: Currency) -> st.SearchStrategy[AgedBand]:
    return st.builds(
        lambda start, width, rate, minimum, exempt: AgedBand(
            from_day=start,
            to_day=None if width is None else start + width,
            rate=rate,
            per_unit_minimum=minimum,
            exempt_categories=exempt,
        ),
        st.integers(0, 400),
        st.none() | st.integers(1, 60),
        _amounts(currency, max_units=1000),
        st.none() | _amounts(currency, max_units=100),
        st.lists(st.sampled_from(("Clothing", "Shoes", "Toys")), unique=True),
    )


def aged_inventory_surcharges(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[AgedInventorySurcharge]:
    """One to four ascending bands from day 30 on, read on a drawn snapshot day."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda unit, starts, rates, day: AgedInventorySurcharge(
                unit=unit,
                bands=_ascending(starts, rates),
                snapshot_day=day,
            ),
            _UNITS,
            st.lists(st.integers(30, 500), min_size=1, max_size=4, unique=True),
            st.lists(_amounts(c, max_units=1000), min_size=4, max_size=4),
            st.integers(1, 28),
        )
    )


def _ascending(starts: list[int], rates: list[Any]) -> tuple[AgedBand, ...]:
    days = sorted(starts)
    ends: list[int | None] = [after - 1 for after in days[1:]]
    ends.append(None)
    return tuple(
        AgedBand(from_day=start, to_day=end, rate=rate)
        for start, end, rate in zip(days, ends, rates, strict=False)
    )


def utilisation_bands(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[UtilisationBand]:
    """A utilisation band above 0 to 60 weeks."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda above, off, peak: UtilisationBand(
                above=above, off_peak=off, peak=peak
            ),
            st.integers(0, 60),
            _amounts(c, max_units=500),
            _amounts(c, max_units=500),
        )
    )


def utilisation_surcharges(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[UtilisationSurcharge]:
    """One to three ascending utilisation bands, with up to 60 exempt days."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda unit, aboves, rates, months, exempt: UtilisationSurcharge(
                unit=unit,
                bands=tuple(
                    UtilisationBand(above=above, off_peak=rate, peak=rate)
                    for above, rate in zip(sorted(aboves), rates, strict=False)
                ),
                peak_months=months,
                exempt_days=exempt,
            ),
            _UNITS,
            st.lists(st.integers(0, 60), min_size=1, max_size=3, unique=True),
            st.lists(_amounts(c, max_units=500), min_size=3, max_size=3),
            _MONTHS,
            st.integers(0, 60),
        )
    )


def storage_schedules(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[StorageSchedule]:
    """A monthly rate with maybe an aged and a utilisation surcharge, one currency."""
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda monthly, aged, utilisation: StorageSchedule(
                name="drawn", monthly=monthly, aged=aged, utilisation=utilisation
            ),
            storage_rates(currency=st.just(c)),
            st.none() | aged_inventory_surcharges(currency=st.just(c)),
            st.none() | utilisation_surcharges(currency=st.just(c)),
        )
    )


def _volumes() -> st.SearchStrategy[Any]:
    return st.decimals(
        min_value=Decimal("0.001"),
        max_value=Decimal(100),
        places=3,
        allow_nan=False,
        allow_infinity=False,
    ).map(lambda cubic_feet: quantity(cubic_feet, CUBIC_FOOT))


def _starts() -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(2000, 1, 1), dt.date(2099, 1, 1))


def storage_costs(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[StorageCost]:
    """One unit's stay of up to 400 days, or a batch of up to 500 selling down."""
    return _currency(currency).flatmap(
        lambda c: st.one_of(
            st.builds(
                lambda schedule, volume, start, days, ratio: storage_cost(
                    schedule,
                    volume=volume,
                    start=start,
                    stay=quantity(days, "day"),
                    utilisation_ratio=None if schedule.utilisation is None else ratio,
                ),
                storage_schedules(currency=st.just(c)),
                _volumes(),
                _starts(),
                st.integers(0, 400),
                st.integers(0, 80),
            ),
            st.builds(
                lambda schedule, volume, start, units, daily: batch_storage_cost(
                    schedule,
                    volume=volume,
                    quantity=units,
                    daily_demand=daily,
                    start=start,
                ),
                storage_schedules(currency=st.just(c)),
                _volumes(),
                _starts(),
                st.integers(0, 500),
                st.integers(1, 50),
            ),
        )
    )


def storage_lines(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[StorageLine]:
    """Lines of drawn storage costs."""
    return (
        storage_costs(currency=currency)
        .filter(lambda cost: bool(cost.lines))
        .flatmap(lambda cost: st.sampled_from(cost.lines))
    )


def storage_order_quantities(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[StorageOrderQuantity]:
    """Best order quantities priced by :func:`~xborder.inventory.eoq_with_storage`.

    Up to 40 candidates each (a step of 10 from a drawn minimum), so a draw
    stays quick.
    """
    return _currency(currency).flatmap(
        lambda c: st.builds(
            lambda schedule, volume, start, daily, minimum, setup, holding: (
                eoq_with_storage(
                    Demand(mean=daily, period="1 day"),
                    schedule,
                    arrival=start,
                    volume=volume,
                    order_cost=Money(setup, c),
                    holding_cost=Money(holding, c),
                    holding_period="1 year",
                    minimum=minimum,
                    step=10,
                    most=minimum + 390,
                    utilisation_ratio=None if schedule.utilisation is None else 10,
                )
            ),
            storage_schedules(currency=st.just(c)),
            _volumes(),
            _starts(),
            st.integers(1, 50),
            st.integers(1, 500),
            st.integers(0, 500),
            st.integers(0, 20),
        )
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    StorageRate: storage_rates,
    AgedBand: aged_bands,
    AgedInventorySurcharge: aged_inventory_surcharges,
    UtilisationBand: utilisation_bands,
    UtilisationSurcharge: utilisation_surcharges,
    StorageSchedule: storage_schedules,
    StorageCost: storage_costs,
    StorageLine: storage_lines,
    StorageOrderQuantity: storage_order_quantities,
}
"""The strategy each storage model resolves to under ``st.from_type``."""
