"""Seller-side VAT registration: the inputs and findings (private; see registration)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._country import country_code
from xborder._validate import date_value, named_errors, text, tuple_of
from xborder.customs._registration_rules import EU_MEMBER_STATES
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DestinationSales",
    "MarketplaceSales",
    "Obligation",
    "RegistrationCheck",
    "RegistrationFinding",
    "SalesChannel",
    "StockHolding",
]

_GB = "GB"


class SalesChannel(enum.Enum):
    """Where a sale was made: through a marketplace or on the seller's own site."""

    MARKETPLACE = "marketplace"
    OWN_SITE = "own site"


class Obligation(enum.Enum):
    """What a finding asks of the seller."""

    REGISTER = "register"
    """Register for VAT in the country."""
    REGISTER_OR_OSS = "register or declare through the OSS"
    """Account for the country's VAT: register there or use the One-Stop Shop."""


def _rule_id(value: str) -> str:
    return text(value)


def _optional_money(value: Money | None) -> Money | None:
    if value is not None and not isinstance(value, Money):
        raise InvalidTypeError(value=value, expected="a Money or None")
    return value


def _money(value: Money) -> Money:
    if not isinstance(value, Money):
        raise InvalidTypeError(value=value, expected="a Money")
    return value


def _channel(value: SalesChannel) -> SalesChannel:
    if not isinstance(value, SalesChannel):
        raise InvalidTypeError(value=value, expected="a SalesChannel")
    return value


def _obligation(value: Obligation) -> Obligation:
    if not isinstance(value, Obligation):
        raise InvalidTypeError(value=value, expected="an Obligation")
    return value


def _day(value: dt.date | str) -> dt.date:
    return date_value(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class DestinationSales:
    """A seller's sales to consumers in one country, through one channel, over a period.

    Args:
        destination: Where the buyers are (ISO 3166-1, ``"GB"`` for the UK).
        ships_from: Where the goods are when their dispatch begins.
        channel: Marketplace or own site.
        start: First day of the period.
        end: First day after it (exclusive); the period lies in one
            calendar year.
        amount: DestinationSales net of VAT: in EUR for EU destinations, GBP for
            ``"GB"`` (convert with :mod:`xborder.fx` first), any currency
            elsewhere.
        consignment_max: The largest consignment's intrinsic value in the
            period, in the same currency; ``None`` if unknown (then taken
            to be above every consignment limit).

    Raises:
        InvalidInputError: ``end`` is not after ``start``, the period
            spans two calendar years, or ``amount`` is negative.
        CurrencyMismatchError: An EU destination not in EUR, ``"GB"`` not
            in GBP, or ``consignment_max`` in another currency.

    Examples:
        >>> from xborder.money import Money, RoundingMode
        >>> DestinationSales(destination="FR", ships_from="CN",
        ...     channel=SalesChannel.MARKETPLACE, start="2026-01-01", end="2026-04-01",
        ...     amount=Money("900", "EUR"), consignment_max=Money("40", "EUR")).end
        datetime.date(2026, 4, 1)
    """

    destination: str = attrs.field(converter=country_code)
    ships_from: str = attrs.field(converter=country_code)
    channel: SalesChannel = attrs.field(converter=_channel)
    start: dt.date = attrs.field(converter=_day)
    end: dt.date = attrs.field(converter=_day)
    amount: Money = attrs.field(converter=_money)
    consignment_max: Money | None = attrs.field(default=None, converter=_optional_money)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidInputError(
                field="end",
                value=self.end,
                expected=f"a day after start ({self.start})",
            )
        if (self.end - dt.timedelta(days=1)).year != self.start.year:
            raise InvalidInputError(
                "thresholds count calendar years: split the period at 1 January",
                field="end",
                value=self.end,
                expected=f"a day no later than {self.start.year + 1}-01-01",
            )
        if self.amount.is_negative():
            raise InvalidInputError(
                field="amount", value=self.amount, expected="sales >= 0"
            )
        wanted = _currency_for(self.destination)
        if wanted is not None and self.amount.currency.code != wanted:
            raise CurrencyMismatchError(
                field="amount",
                value=self.amount,
                expected=f"an amount in {wanted} for sales to {self.destination}",
            )
        limit = self.consignment_max
        if limit is not None and limit.currency != self.amount.currency:
            raise CurrencyMismatchError(
                field="consignment_max",
                value=limit,
                expected=f"a value in {self.amount.currency}, as the amount",
            )


def _currency_for(country: str) -> str | None:
    if country in EU_MEMBER_STATES:
        return "EUR"
    return "GBP" if country == _GB else None


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class StockHolding:
    """Stock the seller holds in a country, from a day.

    Examples:
        >>> StockHolding(country="DE", since="2026-03-01").since
        datetime.date(2026, 3, 1)
    """

    country: str = attrs.field(converter=country_code)
    since: dt.date = attrs.field(converter=_day)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RegistrationFinding:
    """Register in ``country`` from ``from_date`` because ``reason``.

    Args:
        country: Where to register (or declare through the OSS).
        from_date: The first day the obligation applies. With sales given
            per period, the first day of the period in which it arose: the
            sale that triggered it lies in that period.
        rule: The :class:`RegistrationRule` id.
        obligation: Register, or register-or-OSS.
        reason: Why, in words, with the figures.
        source: Where the rule was read.

    Examples:
        >>> f = RegistrationFinding(
        ...     country="GB", from_date="2026-05-01", rule="GB-STOCK",
        ...     obligation=Obligation.REGISTER, reason="stock is held there",
        ...     source="https://www.gov.uk/")
        >>> f.describe()
        'Register in GB from 2026-05-01 because stock is held there (GB-STOCK)'
    """

    country: str = attrs.field(converter=country_code)
    from_date: dt.date = attrs.field(converter=_day)
    rule: str = attrs.field(converter=_rule_id)
    obligation: Obligation = attrs.field(converter=_obligation)
    reason: str = attrs.field(converter=text)
    source: str = attrs.field(converter=text)

    def describe(self) -> str:
        """The finding as one sentence: "Register in X from Y because Z (rule)"."""
        where = f"Register in {self.country}"
        if self.obligation is Obligation.REGISTER_OR_OSS:
            where += " or declare through the OSS"
        return f"{where} from {self.from_date} because {self.reason} ({self.rule})"


def _sales(value: DestinationSales) -> DestinationSales:
    if not isinstance(value, DestinationSales):
        raise InvalidTypeError(value=value, expected="a DestinationSales")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class MarketplaceSales:
    """Sales whose VAT the marketplace accounts for, as deemed supplier.

    Examples:
        >>> from xborder.money import Money, RoundingMode
        >>> s = DestinationSales(destination="GB", ships_from="GB",
        ...           channel=SalesChannel.MARKETPLACE, start="2026-01-01",
        ...           end="2026-02-01", amount=Money("800", "GBP"))
        >>> MarketplaceSales(sales=s, rule="GB-MARKETPLACE-OVERSEAS-SELLER",
        ...                  source="https://www.gov.uk/").sales.destination
        'GB'
    """

    sales: DestinationSales = attrs.field(converter=_sales)
    rule: str = attrs.field(converter=_rule_id)
    source: str = attrs.field(converter=text)


def _findings(values: Iterable[RegistrationFinding]) -> tuple[RegistrationFinding, ...]:
    return tuple_of(values, RegistrationFinding)


def _deemed(values: Iterable[MarketplaceSales]) -> tuple[MarketplaceSales, ...]:
    return tuple_of(values, MarketplaceSales)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RegistrationCheck:
    """The answer: findings, earliest first, and the sales the marketplace accounts for.

    Examples:
        >>> import datetime as dt
        >>> from xborder.customs import registration_checks
        >>> check = registration_checks(established="CN", sales=[], stock=[],
        ...                             as_of=dt.date(2026, 1, 1))
        >>> check.findings, check.marketplace
        ((), ())
    """

    established: str = attrs.field(converter=country_code)
    as_of: dt.date = attrs.field(converter=_day)
    findings: tuple[RegistrationFinding, ...] = attrs.field(converter=_findings)
    marketplace: tuple[MarketplaceSales, ...] = attrs.field(converter=_deemed)

    def explain(self) -> str:
        """Every finding, one a line, then the marketplace's share per rule."""
        rows = [f"VAT registration for a seller established in {self.established}"]
        rows += [f"  {finding.describe()}" for finding in self.findings]
        if not self.findings:
            rows.append("  No registration found")
        totals: dict[tuple[str, str], Decimal] = {}
        for deemed in self.marketplace:
            key = (deemed.rule, deemed.sales.amount.currency.code)
            totals[key] = totals.get(key, Decimal(0)) + deemed.sales.amount.amount
        for (rule, code), amount in sorted(totals.items()):
            shown = Money(amount, code).quantize(RoundingMode.HALF_EVEN)
            rows.append(f"  Marketplace accounts for {shown} ({rule})")
        return "\n".join(rows)
