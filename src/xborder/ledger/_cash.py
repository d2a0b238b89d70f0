"""The dated cash calendar of purchase orders; the cash tied up at a date (private)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._validate import (
    date_value,
    items_of,
    named_errors,
    optional_text,
    tuple_of,
)
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.fx import FxTable, convert
from xborder.ledger._checks import (
    add_days,
    builder,
    checked,
    enum_of,
    is_a,
    money,
    non_negative_money,
)
from xborder.ledger._orders import MAX_SELLING_DAYS, PayoutTerms, PurchaseOrder
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import to_currency

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CashCalendar",
    "CashFlow",
    "CashFlowKind",
    "WorkingCapital",
    "cash_calendar",
]

_ZERO = Decimal(0)


class CashFlowKind(enum.StrEnum):
    """What a dated cash flow pays or receives.

    Examples:
        >>> [kind.value for kind in CashFlowKind][:3]
        ['deposit', 'balance', 'freight']
    """

    DEPOSIT = "deposit"
    """The factory's deposit."""
    BALANCE = "balance"
    """The factory's balance."""
    FREIGHT = "freight"
    """Freight to the warehouse."""
    DUTY = "duty"
    """Duty and customs fees at entry."""
    IMPORT_VAT = "import vat"
    """Import VAT at entry."""
    VAT_REFUND = "vat refund"
    """Import VAT back through the VAT return."""
    INBOUND = "inbound"
    """The warehouse's receiving fee."""
    PAYOUT = "payout"
    """A channel's deposit of what it sold, net of its reserve."""


_COSTS = frozenset(
    {
        CashFlowKind.DEPOSIT,
        CashFlowKind.BALANCE,
        CashFlowKind.FREIGHT,
        CashFlowKind.DUTY,
        CashFlowKind.INBOUND,
    }
)
_flow_kind = enum_of(CashFlowKind)


def _to_flow_kind(value: CashFlowKind | str) -> CashFlowKind:
    return _flow_kind(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CashFlow:
    """Money in (positive) or out (negative) on a day.

    Args:
        day: The day it moves.
        kind: What it is.
        amount: The signed amount, in the calendar's currency.
        order: The purchase order it belongs to (``None`` for payouts,
            which settle every order's sales together).

    Examples:
        >>> flow = CashFlow(day="2026-01-05", kind="deposit",
        ...     amount=Money("-1040.73", "USD"), order="PO-1")
        >>> flow.kind.value, str(flow.amount)
        ('deposit', '-1040.73 USD')
    """

    day: dt.date = attrs.field(converter=date_value)
    kind: CashFlowKind = attrs.field(converter=_to_flow_kind)
    amount: Money = attrs.field(converter=money)
    order: str | None = attrs.field(default=None, converter=optional_text)


_flow = builder(CashFlow)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class WorkingCapital:
    """The cash a plan has tied up at the end of a day, by where it sits.

    Args:
        at: The day.
        in_production: Paid to the factory for goods not yet shipped.
        on_water: Paid for goods shipped but not yet sellable (goods,
            freight, duty, inbound paid so far).
        on_shelves: The landed cost of the units on the shelf, unsold.
        receivable: Sold but not yet paid out (reserves held included).
        vat_to_recover: Import VAT paid and not yet refunded.
        payable: Landed costs of goods on the shelf not yet paid (a balance
            due after arrival), subtracted from the total.

    Examples:
        >>> nothing = Money(0, "USD")
        >>> tied = WorkingCapital(at="2026-03-01", in_production=nothing,
        ...     on_water=Money("4680.00", "USD"), on_shelves=nothing,
        ...     receivable=nothing, vat_to_recover=nothing, payable=nothing)
        >>> str(tied.total)
        '4680.00 USD'
    """

    at: dt.date = attrs.field(converter=date_value)
    in_production: Money = attrs.field(converter=non_negative_money)
    on_water: Money = attrs.field(converter=non_negative_money)
    on_shelves: Money = attrs.field(converter=non_negative_money)
    receivable: Money = attrs.field(converter=money)
    vat_to_recover: Money = attrs.field(converter=non_negative_money)
    payable: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        currency = self.in_production.currency
        for name in (
            "on_water",
            "on_shelves",
            "receivable",
            "vat_to_recover",
            "payable",
        ):
            amount = getattr(self, name)
            if amount.currency != currency:
                raise CurrencyMismatchError(
                    field=name, value=amount, expected=f"an amount in {currency.code}"
                )

    @property
    def total(self) -> Money:
        """In production + on the water + on shelves + receivable + VAT − payable."""
        return (
            self.in_production
            + self.on_water
            + self.on_shelves
            + self.receivable
            + self.vat_to_recover
            - self.payable
        )


_capital = builder(WorkingCapital)


def _orders(values: Iterable[PurchaseOrder]) -> tuple[PurchaseOrder, ...]:
    return tuple_of(values, PurchaseOrder)


def _flows(values: Iterable[CashFlow]) -> tuple[CashFlow, ...]:
    return tuple_of(values, CashFlow)


def _payout_terms(value: PayoutTerms) -> PayoutTerms:
    return is_a(PayoutTerms, value)


def _rounding(value: RoundingMode) -> RoundingMode:
    return is_a(RoundingMode, value)


def _unit_proceeds(values: Iterable[Money]) -> tuple[Money, ...]:
    return tuple_of(values, Money)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CashCalendar:
    """Every dated cash flow of a replenishment plan, and what it adds up to.

    Args:
        currency: The currency of every flow.
        orders: The purchase orders.
        payouts: The channel's payout terms.
        proceeds: Per order, what one unit sold brings, in ``currency``
            (unrounded; zero for an order with no sales).
        rounding: How conversions and shares were rounded.
        flows: The flows, by day.

    Examples:
        >>> from xborder.ledger import PurchaseOrder, SupplierTerms
        >>> order = PurchaseOrder(name="PO-1", units=100, goods=Money("300", "USD"),
        ...     terms=SupplierTerms(deposit="0.3"), ordered_on="2026-01-05",
        ...     shipped_on="2026-02-20", arrives_on="2026-03-25",
        ...     available_on="2026-04-01")
        >>> calendar = cash_calendar([order], payouts=PayoutTerms(), currency="USD",
        ...     rounding=RoundingMode.HALF_EVEN)
        >>> [(f.day.isoformat(), str(f.amount)) for f in calendar.flows]
        [('2026-01-05', '-90.0 USD'), ('2026-02-20', '-210.0 USD')]
        >>> calendar.peak
        (datetime.date(2026, 2, 20), Money('300.0', 'USD'))
    """

    currency: Currency = attrs.field(converter=to_currency)
    orders: tuple[PurchaseOrder, ...] = attrs.field(converter=_orders)
    payouts: PayoutTerms = attrs.field(converter=_payout_terms)
    proceeds: tuple[Money, ...] = attrs.field(converter=_unit_proceeds)
    rounding: RoundingMode = attrs.field(converter=_rounding)
    flows: tuple[CashFlow, ...] = attrs.field(converter=_flows)

    def __attrs_post_init__(self) -> None:
        names = [order.name for order in self.orders]
        if len(set(names)) != len(names):
            raise InvalidInputError(
                field="orders", value=names, expected="each order's name once"
            )
        if len(self.proceeds) != len(self.orders):
            raise InvalidInputError(
                field="proceeds", value=self.proceeds, expected="one per order"
            )
        for index, unit in enumerate(self.proceeds):
            if unit.currency != self.currency or unit.is_negative():
                raise InvalidInputError(
                    field=f"proceeds[{index}]",
                    value=unit,
                    expected=f"an amount >= 0 in {self.currency.code}",
                )
        previous = dt.date.min
        for index, flow in enumerate(self.flows):
            where = f"flows[{index}]"
            if flow.amount.currency != self.currency:
                raise CurrencyMismatchError(
                    field=f"{where}.amount",
                    value=flow.amount,
                    expected=f"an amount in {self.currency.code}",
                )
            if flow.day < previous:
                raise InvalidInputError(
                    field=f"{where}.day", value=flow.day, expected="flows by day"
                )
            if flow.order is not None and flow.order not in names:
                raise InvalidInputError(
                    field=f"{where}.order", value=flow.order, expected="an order's name"
                )
            previous = flow.day

    @property
    def balances(self) -> tuple[tuple[dt.date, Money], ...]:
        """The cumulative cash at the end of each day a flow moves."""
        running = _ZERO
        found: dict[dt.date, Decimal] = {}
        for flow in self.flows:
            running = EXACT.add(running, flow.amount.amount)
            found[flow.day] = running
        return tuple((day, Money(total, self.currency)) for day, total in found.items())

    @property
    def peak(self) -> tuple[dt.date, Money] | None:
        """The day the plan needs the most cash, and how much: its peak working capital.

        ``None`` when the cumulative cash never goes below zero.
        """
        lowest: tuple[dt.date, Money] | None = None
        for day, balance in self.balances:
            if balance.is_negative() and (lowest is None or balance < lowest[1]):
                lowest = (day, balance)
        return None if lowest is None else (lowest[0], -lowest[1])

    @property
    def net(self) -> Money:
        """What the plan leaves in cash once every flow has moved."""
        return Money.total((flow.amount for flow in self.flows), currency=self.currency)

    @property
    def payback_on(self) -> dt.date | None:
        """The first day after the peak the cumulative cash is back to zero or more."""
        peak = self.peak
        if peak is None:
            return None
        for day, balance in self.balances:
            if day > peak[0] and not balance.is_negative():
                return day
        return None

    def tied_up(self, at: dt.date | str) -> WorkingCapital:
        """The cash tied up at the end of ``at``: on the water, on shelves, owed.

        Examples:
            >>> from xborder.ledger import PurchaseOrder, SupplierTerms
            >>> order = PurchaseOrder(name="PO-1", units=100,
            ...     goods=Money("300", "USD"), terms=SupplierTerms(deposit="0.3"),
            ...     ordered_on="2026-01-05", shipped_on="2026-02-20",
            ...     arrives_on="2026-03-25", available_on="2026-04-01")
            >>> calendar = cash_calendar([order], payouts=PayoutTerms(),
            ...     currency="USD", rounding=RoundingMode.HALF_EVEN)
            >>> str(calendar.tied_up("2026-03-01").on_water)
            '300.0 USD'
        """
        day = checked(date_value, at, "at")
        return _tied_up(self, day)


_calendar = builder(CashCalendar)


def cash_calendar(
    orders: Iterable[PurchaseOrder],
    *,
    payouts: PayoutTerms,
    currency: Currency | str,
    rounding: RoundingMode,
    fx: FxTable | None = None,
) -> CashCalendar:
    r"""The dated cash flows of purchase orders, from the factory to the payouts.

    Per order: the deposit and the balance on the supplier's terms, the
    freight at shipment, duty and import VAT at entry and the VAT back on
    its refund day, the warehouse's inbound fee when the goods are
    sellable. Then the units sell at their rate and the channel settles
    them on its payout terms (:class:`PayoutTerms`: periods, lag,
    reserve). Flows in other currencies are converted with ``fx``, each
    rounded once with ``rounding``; a settlement's proceeds are rounded
    once, and its reserve too.

    The calendar's :attr:`~CashCalendar.peak` is the plan's peak working
    capital: the most cash it has out at once.

    Raises:
        CurrencyMismatchError: An amount in another currency and no ``fx``.
        InvalidInputError: Two orders with one name, no order, or the
            payout anchor after the first sale.

    Examples:
        >>> from xborder.ledger import PurchaseOrder, SellThrough, SupplierTerms
        >>> order = PurchaseOrder(name="PO-1", units=100, goods=Money("300", "USD"),
        ...     terms=SupplierTerms(deposit="0.3"), ordered_on="2026-01-05",
        ...     shipped_on="2026-02-20", arrives_on="2026-03-25",
        ...     available_on="2026-04-01", freight=Money("80", "USD"),
        ...     sales=SellThrough(per_day=10, proceeds=Money("7.00", "USD")))
        >>> calendar = cash_calendar([order], payouts=PayoutTerms(every_days=7,
        ...     lag_days=2), currency="USD", rounding=RoundingMode.HALF_EVEN)
        >>> [(f.day.isoformat(), f.kind.value, str(f.amount)) for f in
        ...  calendar.flows if f.kind.value == "payout"]
        [('2026-04-09', 'payout', '490.00 USD'), ('2026-04-16', 'payout', '210.00 USD')]
        >>> str(calendar.net), calendar.payback_on
        ('320.00 USD', datetime.date(2026, 4, 9))
    """
    if fx is not None and not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable or None")
    if not isinstance(rounding, RoundingMode):
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode"
        )
    terms = checked(_payout_terms, payouts, "payouts")
    code = checked(to_currency, currency, "currency")
    plan = items_of(orders, field="orders")
    if not plan:
        raise InvalidInputError(field="orders", value=(), expected="an order or more")
    for index, order in enumerate(plan):
        if not isinstance(order, PurchaseOrder):
            raise InvalidTypeError(
                field=f"orders[{index}]", value=order, expected="a PurchaseOrder"
            )
    convert_to = _Converter(code, fx, rounding)
    flows: list[CashFlow] = []
    proceeds = []
    for index, order in enumerate(plan):
        flows += _order_flows(order, convert_to, f"orders[{index}]")
        unit = order.sales.proceeds if order.sales is not None else Money(0, code)
        proceeds.append(convert_to.exact(unit, f"orders[{index}].sales.proceeds"))
    calendar = _calendar(
        currency=code,
        orders=plan,
        payouts=terms,
        proceeds=tuple(proceeds),
        rounding=rounding,
        flows=(),
    )
    flows += _payout_flows(calendar)
    flows.sort(key=lambda flow: (flow.day, list(CashFlowKind).index(flow.kind)))
    return CashCalendar(
        currency=code,
        orders=plan,
        payouts=terms,
        proceeds=proceeds,
        rounding=rounding,
        flows=flows,
    )


class _Converter:
    """Converts into the calendar's currency: rounded once, or exactly."""

    __slots__ = ("currency", "fx", "rounding")

    def __init__(
        self, currency: Currency, fx: FxTable | None, rounding: RoundingMode
    ) -> None:
        self.currency, self.fx, self.rounding = currency, fx, rounding

    def _table(self, amount: Money, field: str) -> FxTable:
        if self.fx is None:
            raise CurrencyMismatchError(
                "pass fx= to convert it",
                field=field,
                value=amount,
                expected=f"an amount in {self.currency.code}",
            )
        return self.fx

    def rounded(self, amount: Money, field: str) -> Money:
        if amount.currency == self.currency:
            return amount
        table = self._table(amount, field)
        return checked(
            lambda m: convert(m, self.currency, table=table, rounding=self.rounding),
            amount,
            "fx",
        )

    def exact(self, amount: Money, field: str) -> Money:
        if amount.currency == self.currency:
            return amount
        table = self._table(amount, field)
        path = checked(lambda m: table.path(m.currency, self.currency), amount, "fx")
        return Money(path.apply(amount.amount), self.currency)


def _order_flows(
    order: PurchaseOrder, convert_to: _Converter, where: str
) -> list[CashFlow]:
    terms = order.terms
    deposit = order.goods * terms.deposit
    planned: list[tuple[dt.date, CashFlowKind, Money | None, str]] = [
        (
            add_days(order.ordered_on, terms.deposit_days, f"{where}.ordered_on"),
            CashFlowKind.DEPOSIT,
            deposit,
            "goods",
        ),
        (
            add_days(
                order.milestone(terms.balance_after),
                terms.balance_days,
                f"{where}.terms.balance_days",
            ),
            CashFlowKind.BALANCE,
            order.goods - deposit,
            "goods",
        ),
        (
            add_days(order.shipped_on, order.freight_days, f"{where}.freight_days"),
            CashFlowKind.FREIGHT,
            order.freight,
            "freight",
        ),
        (order.arrives_on, CashFlowKind.DUTY, order.duty, "duty"),
        (order.arrives_on, CashFlowKind.IMPORT_VAT, order.import_vat, "import_vat"),
        (order.available_on, CashFlowKind.INBOUND, order.inbound, "inbound"),
    ]
    flows = []
    for day, kind, amount, field in planned:
        if amount is None or amount.is_zero():
            continue
        paid = convert_to.rounded(amount, f"{where}.{field}")
        flows.append(_flow(day=day, kind=kind, amount=-paid, order=order.name))
        if kind is CashFlowKind.IMPORT_VAT and order.vat_recovered_on is not None:
            flows.append(
                _flow(
                    day=order.vat_recovered_on,
                    kind=CashFlowKind.VAT_REFUND,
                    amount=paid,
                    order=order.name,
                )
            )
    return flows


def _sold_by(order: PurchaseOrder, day: dt.date) -> Decimal:
    """Units of ``order`` sold by the end of ``day``."""
    if order.sales is None or day < order.available_on:
        return _ZERO
    days = (day - order.available_on).days + 1
    return min(EXACT.multiply(order.sales.per_day, days), Decimal(order.units))


def _last_sale(order: PurchaseOrder) -> dt.date:
    days = order.sales.days_to_sell(order.units) if order.sales is not None else 0
    return add_days(order.available_on, max(days - 1, 0), "orders")


def _periods(calendar: CashCalendar) -> list[tuple[dt.date, dt.date, Money]]:
    """The settlement periods [start, end) and the proceeds of each, rounded."""
    selling = [o for o in calendar.orders if o.sales is not None]
    if not selling:
        return []
    first = min(order.available_on for order in selling)
    last = max(_last_sale(order) for order in selling)
    terms = calendar.payouts
    anchor = terms.anchor or first
    if not 0 <= (first - anchor).days <= MAX_SELLING_DAYS:
        raise InvalidInputError(
            field="payouts.anchor",
            value=anchor,
            expected=f"a day on or before the first sale ({first}), within ten years",
        )
    periods = []
    start = anchor
    while start <= last:
        end = add_days(start, terms.every_days, "payouts.every_days")
        earned = _ZERO
        before = add_days(start, -1, "payouts.anchor")
        for order, unit in zip(calendar.orders, calendar.proceeds, strict=True):
            units = EXACT.subtract(
                _sold_by(order, end - dt.timedelta(days=1)), _sold_by(order, before)
            )
            earned = EXACT.add(earned, EXACT.multiply(units, unit.amount))
        periods.append(
            (start, end, Money(earned, calendar.currency).quantize(calendar.rounding))
        )
        start = end
    return periods


def _payout_flows(calendar: CashCalendar) -> list[CashFlow]:
    terms = calendar.payouts
    flows = []
    held = Money(0, calendar.currency)
    periods = _periods(calendar)
    for index, (_, end, earned) in enumerate(periods):
        keep = (earned * terms.reserve).quantize(calendar.rounding)
        if index == len(periods) - 1:
            keep = Money(0, calendar.currency)
        paid = earned - keep + held
        held = keep
        day = add_days(end, terms.lag_days - 1, "payouts.lag_days")
        if not paid.is_zero():
            flows.append(
                _flow(day=day, kind=CashFlowKind.PAYOUT, amount=paid, order=None)
            )
    return flows


def _tied_up(calendar: CashCalendar, at: dt.date) -> WorkingCapital:
    code = calendar.currency
    with localcontext(EXACT):
        production = water = shelves = payable = vat = _ZERO
        for order in calendar.orders:
            stock = _stock(calendar, order, at)
            vat += stock.vat
            if at < order.shipped_on:
                production += stock.paid
            elif at < order.available_on:
                water += stock.paid
            else:
                shelves += stock.shelved
                payable += max(stock.landed - stock.paid, _ZERO)
        paid_out = sum(
            (
                flow.amount.amount
                for flow in calendar.flows
                if flow.kind is CashFlowKind.PAYOUT and flow.day <= at
            ),
            _ZERO,
        )
        receivable = _earned(calendar, at) - paid_out
    return _capital(
        at=at,
        in_production=Money(production, code),
        on_water=Money(water, code),
        on_shelves=Money(shelves, code),
        receivable=Money(receivable, code),
        vat_to_recover=Money(vat, code),
        payable=Money(payable, code),
    )


class _Stock:
    __slots__ = ("landed", "paid", "shelved", "vat")

    def __init__(
        self, landed: Decimal, paid: Decimal, shelved: Decimal, vat: Decimal
    ) -> None:
        self.landed, self.paid, self.shelved, self.vat = landed, paid, shelved, vat


def _stock(calendar: CashCalendar, order: PurchaseOrder, at: dt.date) -> _Stock:
    """One order's landed cost, what of it is paid and on the shelf, its VAT out."""
    landed = paid = vat = _ZERO
    for flow in calendar.flows:
        if flow.order != order.name:
            continue
        amount = flow.amount.amount
        if flow.kind in _COSTS:
            landed -= amount
            if flow.day <= at:
                paid -= amount
        elif flow.day <= at:
            vat -= amount  # VAT paid (negative flow) less VAT refunded
    unsold = Decimal(order.units) - _sold_by(order, at)
    share = DIVISION.divide(EXACT.multiply(landed, unsold), order.units)
    shelved = Money(share, calendar.currency).quantize(calendar.rounding).amount
    return _Stock(landed, paid, shelved, vat)


def _earned(calendar: CashCalendar, at: dt.date) -> Decimal:
    """Proceeds of the units sold by the end of ``at``, rounded as settlements are."""
    earned = _ZERO
    for start, end, proceeds in _periods(calendar):
        if end - dt.timedelta(days=1) <= at:
            earned += proceeds.amount
        elif start <= at:
            before = add_days(start, -1, "payouts.anchor")
            partial = _ZERO
            for order, unit in zip(calendar.orders, calendar.proceeds, strict=True):
                units = _sold_by(order, at) - _sold_by(order, before)
                partial += units * unit.amount
            earned += (
                Money(partial, calendar.currency).quantize(calendar.rounding).amount
            )
    return earned
