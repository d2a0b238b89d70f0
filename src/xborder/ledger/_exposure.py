"""Exposure to exchange rates, and what converting payouts costs (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import (
    fraction,
    items_of,
    named_errors,
    non_negative_count,
    positive,
    require,
    text,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.fx import FxTable
from xborder.kpi import Ratio
from xborder.ledger._checks import (
    checked,
    in_currency,
    non_negative_money,
    optional_money,
)
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import to_currency

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "ConversionCost",
    "ConversionOption",
    "CurrencyExposure",
    "FxExposure",
    "conversion_costs",
    "fx_exposure",
]

_ZERO = Decimal(0)


def _move(value: Decimal | int | str) -> Decimal:
    number = fraction(value)
    require(number > 0, field=None, value=value, expected="a move > 0 (1% is '0.01')")
    return number


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CurrencyExposure:
    r"""What one currency is owed and owes, and what a move in its rate does.

    $$net = receivable - payable,\qquad
    change = net \times rate \times move$$

    ``change`` is the gain in the base currency if ``currency`` strengthens
    by ``move`` against it (a loss if it weakens, or if the net is short).

    Args:
        currency: The foreign currency.
        base: The currency results are counted in.
        receivable: What is owed to the seller in it (payouts to come).
        payable: What the seller owes in it (the factory, the forwarder).
        rate: 1 unit of ``currency`` in ``base``, today.
        move: The move to test, as a fraction (``"0.01"``).

    Examples:
        >>> exposure = CurrencyExposure(currency="EUR", base="USD",
        ...     receivable=Money("12000", "EUR"), payable=Money("0", "EUR"),
        ...     rate="1.156", move="0.01")
        >>> str(exposure.net_in_base), str(exposure.change)
        ('13872.000 USD', '138.72000 USD')
    """

    currency: Currency = attrs.field(converter=to_currency)
    base: Currency = attrs.field(converter=to_currency)
    receivable: Money = attrs.field(converter=non_negative_money)
    payable: Money = attrs.field(converter=non_negative_money)
    rate: Decimal = attrs.field(converter=positive)
    move: Decimal = attrs.field(converter=_move)

    def __attrs_post_init__(self) -> None:
        if self.currency == self.base:
            raise InvalidInputError(
                field="currency",
                value=self.currency,
                expected=f"a currency other than the base {self.base.code}",
            )
        in_currency(self.receivable, self.currency, "receivable")
        in_currency(self.payable, self.currency, "payable")

    @property
    def net(self) -> Money:
        """Receivable − payable: long (positive) or short (negative)."""
        return self.receivable - self.payable

    @property
    def net_in_base(self) -> Money:
        """The net at today's rate, in the base currency (unrounded)."""
        return Money(EXACT.multiply(self.net.amount, self.rate), self.base)

    @property
    def change(self) -> Money:
        """The gain in the base currency if ``currency`` rises by ``move``."""
        return self.net_in_base * self.move


def _exposures(values: Iterable[CurrencyExposure]) -> tuple[CurrencyExposure, ...]:
    return tuple_of(values, CurrencyExposure)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class FxExposure:
    """Exposure by currency against a base currency (see :func:`fx_exposure`).

    Args:
        base: The currency results are counted in.
        currencies: One exposure per foreign currency, by code.

    Examples:
        >>> exposure = CurrencyExposure(currency="EUR", base="USD",
        ...     receivable=Money("1000", "EUR"), payable=Money("0", "EUR"),
        ...     rate="1.1", move="0.01")
        >>> str(FxExposure(base="USD", currencies=[exposure]).change)
        '11.000 USD'
    """

    base: Currency = attrs.field(converter=to_currency)
    currencies: tuple[CurrencyExposure, ...] = attrs.field(converter=_exposures)

    def __attrs_post_init__(self) -> None:
        codes = [exposure.currency for exposure in self.currencies]
        if len(set(codes)) != len(codes):
            raise InvalidInputError(
                field="currencies", value=codes, expected="each currency once"
            )
        for index, exposure in enumerate(self.currencies):
            if exposure.base != self.base:
                raise InvalidInputError(
                    field=f"currencies[{index}].base",
                    value=exposure.base,
                    expected=self.base.code,
                )

    @property
    def change(self) -> Money:
        """The gain if every foreign currency rises by its move at once."""
        return Money.total((e.change for e in self.currencies), currency=self.base)

    @property
    def net_in_base(self) -> Money:
        """Every foreign net position at today's rates, in the base currency."""
        return Money.total((e.net_in_base for e in self.currencies), currency=self.base)


def fx_exposure(
    *,
    receivables: Iterable[Money],
    payables: Iterable[Money] = (),
    base: Currency | str,
    fx: FxTable,
    move: Decimal | int | str = Decimal("0.01"),
) -> FxExposure:
    """Exposure by currency: receivables in marketplace currencies against payables.

    Amounts are totalled per currency; the base currency's own amounts carry
    no exchange risk and are left out. Each foreign net position is valued
    at ``fx``'s rate (with the table's spread) and tested against a ``move``
    of its rate (1% by default). Pass payouts to come as receivables (the
    reconciliation's unsettled balances, settlements not yet deposited),
    and what the factory and forwarder are still owed as payables.

    Raises:
        MissingFxRateError: No rate from a currency to ``base``.
        InvalidInputError: A negative amount (named ``receivables[i]``).

    Examples:
        >>> import datetime as dt
        >>> from xborder.fx import FxRate
        >>> day = dt.date(2026, 9, 15)
        >>> table = FxTable(rates=(FxRate(base="USD", quote="EUR", rate="0.8650",
        ...     as_of=day), FxRate(base="USD", quote="CNY", rate="7.1200", as_of=day)),
        ...     pivot="USD")
        >>> result = fx_exposure(receivables=[Money("8650", "EUR")],
        ...     payables=[Money("71200", "CNY")], base="USD", fx=table)
        >>> [(e.currency.code, str(e.change.quantize(RoundingMode.HALF_UP)))
        ...  for e in result.currencies]
        [('CNY', '-100.00 USD'), ('EUR', '100.00 USD')]
    """
    code = checked(to_currency, base, "base")
    if not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable")
    step = checked(_move, move, "move")
    owed = _totals(receivables, "receivables")
    owing = _totals(payables, "payables")
    exposures = []
    for currency in sorted(owed.keys() | owing.keys(), key=lambda c: c.code):
        if currency == code:
            continue
        try:
            rate = fx.path(currency, code).rate
        except XborderError as error:
            raise error.in_field("fx") from None
        exposures.append(
            CurrencyExposure(
                currency=currency,
                base=code,
                receivable=Money(owed.get(currency, _ZERO), currency),
                payable=Money(owing.get(currency, _ZERO), currency),
                rate=rate,
                move=step,
            )
        )
    return FxExposure(base=code, currencies=exposures)


def _options(
    options: Iterable[ConversionOption], code: Currency
) -> tuple[ConversionOption, ...]:
    ways = items_of(options, field="options")
    for index, option in enumerate(ways):
        if not isinstance(option, ConversionOption):
            raise InvalidTypeError(
                field=f"options[{index}]", value=option, expected="a ConversionOption"
            )
        if option.fee is not None:
            in_currency(option.fee, code, f"options[{index}].fee")
    return ways


def _at_mid(payouts: Iterable[Money], code: Currency, rates: FxTable) -> list[Decimal]:
    """Each foreign payout at the mid-market rate, unrounded."""
    foreign = []
    for index, payout in enumerate(items_of(payouts, field="payouts")):
        amount = checked(non_negative_money, payout, f"payouts[{index}]")
        if amount.currency == code:
            continue
        try:
            rate = rates.path(amount.currency, code).rate
        except XborderError as error:
            raise error.in_field("rates") from None
        foreign.append(EXACT.multiply(amount.amount, rate))
    return foreign


def _totals(values: Iterable[Money], field: str) -> dict[Currency, Decimal]:
    totals: dict[Currency, Decimal] = {}
    for index, amount in enumerate(items_of(values, field=field)):
        money = checked(non_negative_money, amount, f"{field}[{index}]")
        code = money.currency
        totals[code] = EXACT.add(totals.get(code, _ZERO), money.amount)
    return totals


def _spread(value: Decimal | int | str) -> Decimal:
    number = fraction(value)
    require(number < 1, field=None, value=value, expected="a spread below 1")
    return number


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ConversionOption:
    """A way to turn payouts into the home currency, and what it charges.

    Args:
        name: What it is (``"marketplace converter"``,
            ``"multi-currency account"``).
        spread: The markup on the mid-market rate, as a fraction.
        fee: A fixed fee per conversion, in the target currency, if any.

    Examples:
        >>> ConversionOption(name="multi-currency account", spread="0.004").spread
        Decimal('0.004')
    """

    name: str = attrs.field(converter=text)
    spread: Decimal = attrs.field(converter=_spread)
    fee: Money | None = attrs.field(default=None, converter=optional_money)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ConversionCost:
    """What converting a set of payouts one way yields and costs.

    Args:
        option: The option's name.
        payouts: Payouts converted.
        at_mid: What they are worth at the mid-market rate.
        received: What the option pays into the home account.

    Examples:
        >>> cost = ConversionCost(option="converter", payouts=2,
        ...     at_mid=Money("1000.00", "USD"), received=Money("970.00", "USD"))
        >>> str(cost.cost), cost.share.value
        ('30.00 USD', Decimal('0.03'))
    """

    option: str = attrs.field(converter=text)
    payouts: int = attrs.field(converter=non_negative_count)
    at_mid: Money = attrs.field(converter=non_negative_money)
    received: Money = attrs.field()

    @received.validator
    def _check(self, _: object, value: object) -> None:
        if not isinstance(value, Money):
            raise InvalidTypeError(field="received", value=value, expected="Money")
        in_currency(value, self.at_mid.currency, "received")

    @property
    def cost(self) -> Money:
        """At mid − received."""
        return self.at_mid - self.received

    @property
    def share(self) -> Ratio:
        """The cost as a share of the value at mid."""
        return Ratio(self.cost.amount, self.at_mid.amount)


def conversion_costs(
    payouts: Iterable[Money],
    *,
    to: Currency | str,
    rates: FxTable,
    options: Iterable[ConversionOption],
    rounding: RoundingMode,
) -> tuple[ConversionCost, ...]:
    r"""What converting payouts into the home currency costs, option by option.

    Each payout in another currency is valued at the mid-market rate of
    ``rates`` (give a table without spread) and converted by each option:
    $received = round(payout \times rate \times (1 - spread)) - fee$, per
    payout. Payouts already in ``to`` are not converted. Compare a
    marketplace's own converter with a multi-currency account that receives
    the payout in its currency and converts it cheaper.

    Examples:
        >>> import datetime as dt
        >>> from xborder.fx import FxRate
        >>> rates = FxTable(rates=(FxRate(base="EUR", quote="USD", rate="1.16",
        ...     as_of=dt.date(2026, 9, 15)),))
        >>> options = [ConversionOption(name="marketplace", spread="0.03"),
        ...     ConversionOption(name="account", spread="0.004",
        ...                      fee=Money("1.00", "USD"))]
        >>> for result in conversion_costs([Money("5000", "EUR")] * 2, to="USD",
        ...         rates=rates, options=options, rounding=RoundingMode.HALF_EVEN):
        ...     print(result.option, result.received, result.cost)
        marketplace 11252.00 USD 348.00 USD
        account 11551.60 USD 48.40 USD
    """
    code = checked(to_currency, to, "to")
    if not isinstance(rates, FxTable):
        raise InvalidTypeError(field="rates", value=rates, expected="an FxTable")
    if not isinstance(rounding, RoundingMode):
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode"
        )
    ways = _options(options, code)
    foreign = _at_mid(payouts, code, rates)
    total = _ZERO
    for value in foreign:
        total = EXACT.add(total, value)
    at_mid = Money(total, code).quantize(rounding)
    results = []
    for option in ways:
        keep = EXACT.subtract(1, option.spread)
        received = Money(0, code)
        for value in foreign:
            received += Money(EXACT.multiply(value, keep), code).quantize(rounding)
            if option.fee is not None:
                received -= option.fee
        results.append(
            ConversionCost(
                option=option.name,
                payouts=len(foreign),
                at_mid=at_mid,
                received=received,
            )
        )
    return tuple(results)
