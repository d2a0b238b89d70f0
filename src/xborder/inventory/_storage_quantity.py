r"""The order quantity once storage fees are priced: peak months and aged stock.

The EOQ charges holding linearly, $hQ/2$ per period. A warehouse does not:
its monthly fee rises in the peak months, and stock still on the shelf at
181 days pays an aged-inventory surcharge that climbs with age. So the
cheapest order is often smaller than the EOQ, and a bigger order can cost
more per unit than a smaller one. :func:`eoq_with_storage` prices every
candidate quantity with the warehouse's own schedule and keeps the cheapest
per unit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import date_value, named_errors, positive_count, require
from xborder.errors import CurrencyMismatchError, InvalidInputError, XborderError
from xborder.inventory._args import (
    days,
    expect,
    is_a,
    non_negative_arg,
    optional_non_negative,
)
from xborder.inventory._demand import Demand
from xborder.inventory._eoq import demand_over
from xborder.inventory._numeric import ratio, significant, sqrt
from xborder.inventory._policy_cost import same_currency_costs
from xborder.money import Money
from xborder.money.converters import non_negative_money
from xborder.pricing.storage import (
    MAX_STAY_DAYS,
    StorageCost,
    StorageSchedule,
    batch_storage_cost,
)
from xborder.units import DAY, to_unit
from xborder.units import quantity as quantity_of

if TYPE_CHECKING:
    from xborder._validate import DecimalInput
    from xborder.units import Quantity, QuantityInput

__all__ = ["MOST_CANDIDATES", "StorageOrderQuantity", "eoq_with_storage"]

MOST_CANDIDATES = 20_000
"""The most quantities one call prices (each is a storage schedule run)."""

_ZERO = Decimal(0)
_TWO = Decimal(2)
_YEAR_DAYS = Decimal("365.25")  # the default largest order: a year of sales
_FORMULA = (
    "per unit = (K + S(Q) + h Q (2 s + Q) / (2 d P)) / Q, scanned over the "
    "candidate quantities"
)


def _per_unit(value: Money) -> Money:
    return non_negative_money(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StorageOrderQuantity:
    r"""The order quantity that is cheapest per unit once storage is priced.

    For an order of $Q$ units arriving behind $s$ units already on the
    shelf, selling $d$ units a day:

    $$c(Q) = \frac{K + S(Q) + hQ\,(2s + Q)/(2dP)}{Q}$$

    where $K$ is the fixed cost of an order, $S(Q)$ what the warehouse
    charges for the batch while it sells down (its monthly rate, peak or
    not, on each day's units, and the aged band each unit reaches on a
    snapshot day: :func:`~xborder.pricing.storage.batch_storage_cost`),
    and $h$ the other cost of holding a unit for the period $P$ (capital,
    insurance). A unit of the batch waits $s/d$ days, then sells within
    $Q/d$: on average $(2s + Q)/(2d)$ days. With no storage fee, $c(Q)$ is
    the EOQ's cost per unit and its minimum is the EOQ rounded to a whole
    candidate (Harris 1913; Nahmias, *Production and Operations Analysis*,
    §4.5).

    Attributes:
        quantity: The cheapest candidate $Q$ (the smallest, on a tie).
        arrival: The day the order lands.
        ordering: $K$, the order's fixed cost.
        storage: The batch's storage fees, month by month.
        holding: $hQ(2s + Q)/(2dP)$, the order's other holding cost
            (12 significant digits).
        per_unit: $c(Q)$ (12 significant digits).
        eoq: The classic EOQ, $\sqrt{2KdP/h}$, that ignores storage fees;
            ``None`` without a holding cost $h$.
        candidates: How many quantities were priced.

    Examples:
        >>> from xborder.inventory import Demand, eoq_with_storage
        >>> from xborder.money import Money
        >>> from xborder.pricing.storage import presets
        >>> best = eoq_with_storage(Demand(mean=20, period="1 day"),
        ...     presets.AMAZON_US_STORAGE_STANDARD, arrival="2026-09-01",
        ...     volume="0.2 ft**3", order_cost=Money(300, "USD"),
        ...     holding_cost=Money("1.20", "USD"), holding_period="1 year",
        ...     step=100)
        >>> best.quantity, round(best.eoq)
        (900, 1911)
        >>> str(best.per_unit), str(best.holding)
        ('0.549964982005 USD', '66.5297741273 USD')

        Landing in September, a bigger order would still be selling in the
        peak months (October to December), when the rate triples. Landing
        in March, the same SKU orders more:

        >>> eoq_with_storage(Demand(mean=20, period="1 day"),
        ...     presets.AMAZON_US_STORAGE_STANDARD, arrival="2026-03-01",
        ...     volume="0.2 ft**3", order_cost=Money(300, "USD"),
        ...     holding_cost=Money("1.20", "USD"), holding_period="1 year",
        ...     step=100).quantity
        1200
    """

    quantity: int = attrs.field(converter=positive_count)
    arrival: dt.date = attrs.field(converter=date_value)
    ordering: Money = attrs.field(converter=non_negative_money)
    storage: StorageCost = attrs.field(validator=is_a(StorageCost))
    holding: Money = attrs.field(converter=non_negative_money)
    per_unit: Money = attrs.field(converter=_per_unit)
    eoq: Decimal | None = attrs.field(default=None, converter=optional_non_negative)
    candidates: int = attrs.field(default=1, converter=positive_count)

    def __attrs_post_init__(self) -> None:
        currency = self.ordering.currency
        for name in ("holding", "per_unit"):
            money: Money = getattr(self, name)
            if money.currency != currency:
                raise CurrencyMismatchError(
                    field=name, value=money, expected=f"an amount in {currency.code}"
                )
        if self.storage.total.currency != currency:
            raise CurrencyMismatchError(
                field="storage",
                value=self.storage.total,
                expected=f"storage fees in {currency.code}",
            )

    @property
    def total(self) -> Money:
        """$K + S(Q) +$ holding: what the order costs beyond its goods."""
        return self.ordering + self.storage.total + self.holding

    @property
    def formula(self) -> str:
        """The cost compared across candidates, in words."""
        return _FORMULA


def eoq_with_storage(
    demand: Demand,
    schedule: StorageSchedule,
    *,
    arrival: dt.date | str,
    volume: QuantityInput,
    order_cost: Money,
    holding_cost: Money,
    holding_period: QuantityInput,
    on_arrival: DecimalInput = 0,
    minimum: int = 1,
    step: int = 1,
    most: int | None = None,
    category: str | None = None,
    utilisation_ratio: DecimalInput | None = None,
) -> StorageOrderQuantity:
    r"""The order quantity with the lowest cost per unit, storage fees included.

    Prices each candidate $Q$ — ``minimum`` rounded up to a multiple of
    ``step`` (a carton), then every ``step`` up to ``most`` — with the
    formula of :class:`StorageOrderQuantity` and keeps the cheapest per
    unit. Candidates are compared exactly (cross-multiplied), so a tie goes
    to the smaller order. Demand is its daily mean (seasonality aside), as
    in :func:`order_storage_cost`.

    Args:
        demand: The SKU's demand; its daily mean must be > 0.
        schedule: The warehouse's storage fees (monthly, aged, utilisation).
        arrival: The day the order lands.
        volume: One unit's volume as packed.
        order_cost: $K$, the fixed cost of placing and receiving an order.
        holding_cost: $h$, the cost of holding one unit for
            ``holding_period`` besides storage fees (capital, insurance);
            zero to price storage alone.
        holding_period: The period $P$ of ``holding_cost``.
        on_arrival: $s$, units expected on the shelf when the order lands
            (a restock recommendation's ``expected_on_arrival``); they sell
            first.
        minimum: The least to order (a restock recommendation's
            ``quantity``, a supplier's MOQ); at least 1.
        step: Order in multiples of this (units per carton).
        most: The most to order; by default a year (365.25 days) of mean
            demand, or ``minimum`` if that is more.
        category: The product's category, for aged bands that exempt some.
        utilisation_ratio: The seller's storage utilisation ratio, in weeks.

    Raises:
        InvalidInputError: Demand is zero; ``most`` is below the first
            candidate; more than :data:`MOST_CANDIDATES` candidates (raise
            ``step``); the largest candidate would not sell within ten years
            (the error names ``most`` and that candidate).
        CurrencyMismatchError: The costs and the schedule are in
            different currencies.

    Examples:
        A 3PL with one flat rate and no aged surcharge charges storage like
        the EOQ's linear holding cost, so the two agree:

        >>> from xborder.inventory import Demand, eoq_with_storage
        >>> from xborder.money import Money
        >>> from xborder.pricing.storage import StorageRate, StorageSchedule
        >>> flat = StorageSchedule(name="3PL", monthly=StorageRate(
        ...     size_tier="Any", unit="m**3", off_peak=Money(0, "USD"),
        ...     peak=Money(0, "USD")))
        >>> best = eoq_with_storage(Demand(mean=60, period="1 week"), flat,
        ...     arrival="2026-01-05", volume="0.001 m**3",
        ...     order_cost=Money(12, "USD"), holding_cost=Money("0.005", "USD"),
        ...     holding_period="52 weeks", step=10, most=5000)
        >>> best.quantity, best.eoq
        (3870, Decimal('3869.88371918'))
    """
    checked = expect(demand, Demand, "demand")
    fees = expect(schedule, StorageSchedule, "schedule")
    setup, holding = same_currency_costs(
        ("order_cost", order_cost),
        ("holding_cost", holding_cost),
        positive_fields=False,
    )
    if fees.currency != setup.currency:
        raise CurrencyMismatchError(
            field="schedule",
            value=fees.currency.code,
            expected=f"storage fees in {setup.currency.code}, as the costs",
        )
    day = _day(arrival)
    period = days(holding_period, "holding_period", positive=True)
    shelf = non_negative_arg(on_arrival, "on_arrival")
    daily = checked.daily_mean
    require(daily > 0, field="demand", value=checked, expected="a mean demand > 0")
    size = _volume(volume)
    quantities = _candidates(minimum, step, most, daily)
    # Selling time grows with the quantity: if the largest candidate sells
    # within the longest stay, every candidate does. Checked once, not per
    # candidate (up to MOST_CANDIDATES divisions).
    _within_stay(quantities[-1], shelf, daily)
    wait = quantity_of(DIVISION.divide(shelf, daily), DAY)
    per_period = demand_over(checked, period)  # dP, one division at the end
    scale = _TWO * per_period  # 2dP
    best: tuple[int, Decimal, StorageCost] | None = None
    for units in quantities:
        stored = batch_storage_cost(
            fees,
            volume=size,
            quantity=units,
            daily_demand=daily,
            start=day,
            wait=wait,
            category=category,
            utilisation_ratio=utilisation_ratio,
        )
        # c(Q) x 2dP x Q, exact: (K + S) 2dP + h Q (2s + Q).
        scaled = EXACT.add(
            EXACT.multiply(EXACT.add(setup.amount, stored.total.amount), scale),
            EXACT.multiply(holding.amount * units, EXACT.add(_TWO * shelf, units)),
        )
        if best is None or EXACT.multiply(scaled, best[0]) < EXACT.multiply(
            best[1], units
        ):
            best = (units, scaled, stored)
    assert best is not None  # at least one candidate  # noqa: S101
    units, scaled, stored = best
    other = significant(
        ratio(
            EXACT.multiply(holding.amount * units, EXACT.add(_TWO * shelf, units)),
            scale,
        )
    )
    per_unit = significant(ratio(scaled, EXACT.multiply(scale, units)))
    return StorageOrderQuantity(
        quantity=units,
        arrival=day,
        ordering=setup,
        storage=stored,
        holding=Money(other, setup.currency),
        per_unit=Money(per_unit, setup.currency),
        eoq=_eoq(setup.amount, per_period, holding.amount),
        candidates=len(quantities),
    )


def _day(value: dt.date | str) -> dt.date:
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field("arrival") from None


def _volume(value: QuantityInput) -> Quantity:
    return to_unit(value, "meter ** 3", field="volume")


def _count(value: object, field: str) -> int:
    try:
        return positive_count(value)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field(field) from None


def _candidates(minimum: object, step: object, most: object, daily: Decimal) -> range:
    least, pack = _count(minimum, "minimum"), _count(step, "step")
    first = -(-least // pack) * pack  # the minimum, rounded up to a carton
    if most is None:
        year = EXACT.multiply(daily, _YEAR_DAYS)
        last = max(first, int(year.to_integral_value(rounding="ROUND_CEILING")))
    else:
        last = _count(most, "most")
    require(
        last >= first,
        field="most",
        value=most,
        expected=f"at least the first candidate, {first} units",
    )
    # Counted before the range is built: len() of a range past 2**63 fails.
    if (last - first) // pack + 1 > MOST_CANDIDATES:
        raise InvalidInputError(
            "each candidate is priced month by month: order in cartons",
            field="step",
            value=pack,
            expected=f"a step giving at most {MOST_CANDIDATES:,} candidates "
            f"from {first} to {last}",
        )
    return range(first, last + 1, pack)


def _within_stay(largest: int, shelf: Decimal, daily: Decimal) -> None:
    """The largest candidate, behind the shelf stock, sells within the longest stay."""
    selling = DIVISION.divide(EXACT.add(shelf, largest), daily)
    require(
        selling <= MAX_STAY_DAYS,
        field="most",
        value=largest,
        expected=f"a largest candidate that sells within {MAX_STAY_DAYS} days "
        "of arrival, behind the stock on arrival (a lower most)",
    )


def _eoq(setup: Decimal, per_period: Decimal, holding: Decimal) -> Decimal | None:
    if not holding:
        return None
    return sqrt(ratio(EXACT.multiply(_TWO * setup, per_period), holding))
