"""Marketing returns per channel: influencers, email, social (private)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, NoReturn

import attrs

from xborder._validate import (
    date_value,
    flag,
    fraction,
    items_of,
    named_errors,
    non_negative_count,
    optional_text,
    text,
    tuple_of,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.kpi import MoneyRatio, Ratio
from xborder.ledger._checks import (
    builder,
    checked,
    enum_of,
    in_currency,
    money,
    non_negative_money,
)
from xborder.money import Currency, Money, RoundingMode

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CampaignOrder",
    "ChannelKind",
    "ChannelReturn",
    "EmailCampaign",
    "EmailKind",
    "InfluencerDeal",
    "SocialChannel",
    "email_returns",
    "influencer_returns",
    "social_returns",
]


class ChannelKind(enum.StrEnum):
    """What kind of marketing channel a return is for.

    Examples:
        >>> ChannelKind("email").name
        'EMAIL'
    """

    INFLUENCER = "influencer"
    """A creator or KOL: a fee, gifted product, an affiliate commission."""
    EMAIL = "email"
    """An email campaign or an automated flow."""
    SOCIAL = "social"
    """A social network: paid posts and the content behind them."""


def _key(value: str | None) -> str | None:
    return None if value is None else " ".join(value.casefold().split())


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class CampaignOrder:
    """An order with what it is attributed by: a discount code or a UTM tag.

    Args:
        order_id: The order.
        placed_on: The day it was placed.
        revenue: Its net revenue.
        contribution: What it contributes before marketing (revenue less
            fees, fulfilment and the cost of goods).
        new_customer: Whether it is the customer's first order.
        code: The discount code used, if any.
        utm: The UTM campaign (or source) it came through, if any.

    Examples:
        >>> order = CampaignOrder(order_id="#1001", placed_on="2025-10-07",
        ...     revenue=Money("32.77", "EUR"), contribution=Money("18.37", "EUR"),
        ...     new_customer=True, code="LENA10")
        >>> order.code
        'LENA10'
    """

    order_id: str = attrs.field(converter=text)
    placed_on: dt.date = attrs.field(converter=date_value)
    revenue: Money = attrs.field(converter=non_negative_money)
    contribution: Money = attrs.field(converter=money)
    new_customer: bool = attrs.field(converter=flag)
    code: str | None = attrs.field(default=None, converter=optional_text)
    utm: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        in_currency(self.contribution, self.revenue.currency, "contribution")


def _costs(values: Iterable[tuple[str, Money]]) -> tuple[tuple[str, Money], ...]:
    pairs = tuple_of(values, tuple)
    checked_pairs = []
    for index, pair in enumerate(pairs):
        if len(pair) != 2:  # noqa: PLR2004 - a label and an amount
            raise InvalidTypeError(
                field=f"[{index}]", value=pair, expected="a (label, Money) pair"
            )
        label = checked(text, pair[0], f"[{index}][0]")
        amount = checked(non_negative_money, pair[1], f"[{index}][1]")
        checked_pairs.append((label, amount))
    return tuple(checked_pairs)


_kind = enum_of(ChannelKind)


def _to_kind(value: ChannelKind | str) -> ChannelKind:
    return _kind(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ChannelReturn:
    r"""What one marketing channel cost and returned, in one currency.

    $$profit = contribution - cost,\quad ROI = profit / cost,\quad
    ROAS = revenue / cost,\quad CAC = cost / new\ customers$$

    Ratios are :class:`~xborder.kpi.Ratio` and
    :class:`~xborder.kpi.MoneyRatio`: undefined, not zero, when there is
    nothing to divide by.

    Args:
        name: The channel (a creator, a campaign, a network).
        kind: Influencer, email or social.
        costs: What it cost, line by line (fee, gifted units, commission,
            ad spend, the list's unsubscribes...).
        orders: Orders attributed to it.
        new_customers: Of those, first orders.
        revenue: Their net revenue.
        contribution: Their contribution before the channel's costs.

    Examples:
        >>> result = ChannelReturn(name="Lena", kind="influencer",
        ...     costs=[("fee", Money("300", "EUR"))], orders=20, new_customers=16,
        ...     revenue=Money("700", "EUR"), contribution=Money("420", "EUR"))
        >>> str(result.profit), result.roi.value, str(result.cac.value)
        ('120 EUR', Decimal('0.4'), '18.75 EUR')
    """

    name: str = attrs.field(converter=text)
    kind: ChannelKind = attrs.field(converter=_to_kind)
    costs: tuple[tuple[str, Money], ...] = attrs.field(converter=_costs)
    orders: int = attrs.field(converter=non_negative_count)
    new_customers: int = attrs.field(converter=non_negative_count)
    revenue: Money = attrs.field(converter=non_negative_money)
    contribution: Money = attrs.field(converter=money)

    def __attrs_post_init__(self) -> None:
        if self.new_customers > self.orders:
            raise InvalidInputError(
                field="new_customers",
                value=self.new_customers,
                expected=f"at most the orders ({self.orders})",
            )
        currency = self.revenue.currency
        in_currency(self.contribution, currency, "contribution")
        for index, (_, amount) in enumerate(self.costs):
            in_currency(amount, currency, f"costs[{index}]")

    @property
    def cost(self) -> Money:
        """Every cost line, summed."""
        return Money.total((amount for _, amount in self.costs), currency=self.currency)

    @property
    def currency(self) -> Currency:
        """The currency of every figure."""
        return self.revenue.currency

    @property
    def profit(self) -> Money:
        """Contribution − cost."""
        return self.contribution - self.cost

    @property
    def roi(self) -> Ratio:
        """Profit / cost."""
        return Ratio(self.profit.amount, self.cost.amount)

    @property
    def roas(self) -> Ratio:
        """Revenue / cost."""
        return Ratio(self.revenue.amount, self.cost.amount)

    @property
    def cac(self) -> MoneyRatio:
        """Cost / new customers."""
        return MoneyRatio(amount=self.cost, count=self.new_customers)


_return = builder(ChannelReturn)


def _optional_key(value: str | None) -> str | None:
    return optional_text(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class InfluencerDeal:
    """A creator's deal: a fee, gifted product, a commission, a code or a link.

    Args:
        name: The creator.
        fee: The flat fee.
        gifted_units: Units sent as gifts.
        unit_cost: What one gifted unit cost, landed.
        commission: The affiliate commission on attributed revenue.
        code: The creator's discount code.
        utm: The UTM campaign of the creator's links.

    Raises:
        InvalidInputError: Neither a code nor a UTM tag: no order could be
            attributed.

    Examples:
        >>> deal = InfluencerDeal(name="Lena", fee=Money("300", "EUR"),
        ...     gifted_units=6, unit_cost=Money("6.42", "EUR"), commission="0.1",
        ...     code="LENA10")
        >>> str(deal.gifted)
        '38.52 EUR'
    """

    name: str = attrs.field(converter=text)
    fee: Money = attrs.field(converter=non_negative_money)
    gifted_units: int = attrs.field(converter=non_negative_count)
    unit_cost: Money = attrs.field(converter=non_negative_money)
    commission: Decimal = attrs.field(converter=fraction)
    code: str | None = attrs.field(default=None, converter=_optional_key)
    utm: str | None = attrs.field(default=None, converter=_optional_key)

    def __attrs_post_init__(self) -> None:
        if self.code is None and self.utm is None:
            raise InvalidInputError(
                field="code", value=None, expected="a discount code or a UTM tag"
            )
        in_currency(self.unit_cost, self.fee.currency, "unit_cost")

    @property
    def gifted(self) -> Money:
        """Gifted units × their landed cost."""
        return self.unit_cost * self.gifted_units


def influencer_returns(
    deals: Iterable[InfluencerDeal],
    orders: Iterable[CampaignOrder],
    *,
    rounding: RoundingMode,
) -> tuple[ChannelReturn, ...]:
    """Each creator's cost and return, from the orders their code or link brought.

    An order belongs to the deal whose discount code it used; failing that,
    to the deal whose UTM tag it came through (codes and tags compared
    case-folded); orders of no deal are not counted. The cost is the fee,
    the gifted units at landed cost and the commission on the attributed
    revenue (rounded with ``rounding``).

    Raises:
        InvalidInputError: Two deals with one code or tag.
        CurrencyMismatchError: An order in another currency than its deal.

    Examples:
        >>> deal = InfluencerDeal(name="Lena", fee=Money("300", "EUR"),
        ...     gifted_units=6, unit_cost=Money("6.42", "EUR"), commission="0.1",
        ...     code="LENA10")
        >>> orders = [CampaignOrder(order_id=f"#{i}", placed_on="2025-10-07",
        ...     revenue=Money("32.77", "EUR"), contribution=Money("18.37", "EUR"),
        ...     new_customer=True, code="lena10") for i in range(30)]
        >>> (lena,) = influencer_returns([deal], orders,
        ...     rounding=RoundingMode.HALF_UP)
        >>> [(label, str(amount)) for label, amount in lena.costs]
        [('fee', '300 EUR'), ('gifted units', '38.52 EUR'), ('commission', '98.31 EUR')]
        >>> str(lena.profit), str(lena.cac.round(RoundingMode.HALF_UP))
        ('114.27 EUR', '14.56 EUR')
    """
    if not isinstance(rounding, RoundingMode):
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode"
        )
    listed = items_of(deals, field="deals")
    by_code, by_utm = _keys(listed)
    tallies = [_Tally(deal.fee.currency) for deal in listed]
    for index, order in enumerate(items_of(orders, field="orders")):
        if not isinstance(order, CampaignOrder):
            _refuse(f"orders[{index}]", order, "a CampaignOrder")
        owner = by_code.get(_key(order.code) or "")
        if owner is None:
            owner = by_utm.get(_key(order.utm) or "")
        if owner is not None:
            tallies[owner].add(order, f"orders[{index}]")
    return tuple(
        _return(
            name=deal.name,
            kind=ChannelKind.INFLUENCER,
            costs=(
                ("fee", deal.fee),
                ("gifted units", deal.gifted),
                ("commission", (tally.revenue * deal.commission).quantize(rounding)),
            ),
            orders=tally.orders,
            new_customers=tally.new,
            revenue=tally.revenue,
            contribution=tally.contribution,
        )
        for deal, tally in zip(listed, tallies, strict=True)
    )


def _keys(
    deals: tuple[InfluencerDeal, ...],
) -> tuple[dict[str, int], dict[str, int]]:
    """Each deal's index by its case-folded code and UTM tag."""
    by_code: dict[str, int] = {}
    by_utm: dict[str, int] = {}
    for index, deal in enumerate(deals):
        if not isinstance(deal, InfluencerDeal):
            _refuse(f"deals[{index}]", deal, "an InfluencerDeal")
        for key, table, name in (
            (deal.code, by_code, "code"),
            (deal.utm, by_utm, "utm"),
        ):
            folded = _key(key)
            if folded is None:
                continue
            if folded in table:
                raise InvalidInputError(
                    field=f"deals[{index}].{name}", value=key, expected="each once"
                )
            table[folded] = index
    return by_code, by_utm


def _refuse(field: str, value: object, expected: str) -> NoReturn:
    raise InvalidTypeError(field=field, value=value, expected=expected)


class _Tally:
    __slots__ = ("contribution", "new", "orders", "revenue")

    def __init__(self, currency: Currency) -> None:
        self.orders = self.new = 0
        self.revenue = self.contribution = Money(0, currency)

    def add(self, order: CampaignOrder, where: str) -> None:
        self.revenue += in_currency(order.revenue, self.revenue.currency, where)
        self.contribution += order.contribution
        self.orders += 1
        self.new += order.new_customer


class EmailKind(enum.StrEnum):
    """A one-off campaign or an automated flow.

    Examples:
        >>> EmailKind("flow").name
        'FLOW'
    """

    CAMPAIGN = "campaign"
    """Sent once to a segment (a newsletter, a launch)."""
    FLOW = "flow"
    """Sent on a trigger (welcome, abandoned cart, refill reminder)."""


_email_kind = enum_of(EmailKind)


def _to_email_kind(value: EmailKind | str) -> EmailKind:
    return _email_kind(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class EmailCampaign:
    """An email campaign or flow as the email platform reports it.

    Args:
        name: The campaign or flow.
        kind: Campaign or flow.
        recipients: Emails delivered.
        opens: Unique opens (under-counted where mail apps hide them).
        clicks: Unique clicks.
        orders: Orders attributed to it.
        new_customers: Of those, first orders.
        revenue: Their net revenue.
        contribution: Their contribution before the email's costs.
        unsubscribes: Recipients who left the list.
        cost: What sending it cost (the platform's share, design).

    Examples:
        >>> email = EmailCampaign(name="refill reminder", kind="flow",
        ...     recipients=400, opens=220, clicks=60, orders=24, new_customers=0,
        ...     revenue=Money("528", "EUR"), contribution=Money("290", "EUR"),
        ...     unsubscribes=2, cost=Money("15", "EUR"))
        >>> email.click_to_open.round(3, RoundingMode.HALF_UP), str(
        ...     email.revenue_per_recipient.value)
        (Decimal('0.273'), '1.32 EUR')
    """

    name: str = attrs.field(converter=text)
    kind: EmailKind = attrs.field(converter=_to_email_kind)
    recipients: int = attrs.field(converter=non_negative_count)
    opens: int = attrs.field(converter=non_negative_count)
    clicks: int = attrs.field(converter=non_negative_count)
    orders: int = attrs.field(converter=non_negative_count)
    new_customers: int = attrs.field(converter=non_negative_count)
    revenue: Money = attrs.field(converter=non_negative_money)
    contribution: Money = attrs.field(converter=money)
    unsubscribes: int = attrs.field(converter=non_negative_count)
    cost: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        for name in ("opens", "clicks", "unsubscribes"):
            if getattr(self, name) > self.recipients:
                raise InvalidInputError(
                    field=name,
                    value=getattr(self, name),
                    expected=f"at most the recipients ({self.recipients})",
                )
        if self.new_customers > self.orders:
            raise InvalidInputError(
                field="new_customers",
                value=self.new_customers,
                expected=f"at most the orders ({self.orders})",
            )
        in_currency(self.contribution, self.revenue.currency, "contribution")
        in_currency(self.cost, self.revenue.currency, "cost")

    @property
    def open_rate(self) -> Ratio:
        """Opens / recipients."""
        return Ratio(self.opens, self.recipients)

    @property
    def click_rate(self) -> Ratio:
        """Clicks / recipients."""
        return Ratio(self.clicks, self.recipients)

    @property
    def click_to_open(self) -> Ratio:
        """Clicks / opens."""
        return Ratio(self.clicks, self.opens)

    @property
    def conversion(self) -> Ratio:
        """Orders / recipients."""
        return Ratio(self.orders, self.recipients)

    @property
    def revenue_per_recipient(self) -> MoneyRatio:
        """Revenue / recipients."""
        return MoneyRatio(amount=self.revenue, count=self.recipients)

    @property
    def unsubscribe_rate(self) -> Ratio:
        """Unsubscribes / recipients."""
        return Ratio(self.unsubscribes, self.recipients)


def email_returns(
    campaigns: Iterable[EmailCampaign], *, subscriber_value: Money
) -> tuple[ChannelReturn, ...]:
    r"""Each email's cost and return, counting unsubscribes as a cost to the list.

    A subscriber who leaves takes away what the list would have earned from
    them: $list\ cost = unsubscribes \times subscriber\ value$, where the
    value is the contribution one subscriber brings over the horizon you
    care about (a year of emails, or an LTV). The cost lines are the
    sending cost and the list cost.

    Examples:
        >>> email = EmailCampaign(name="win-back", kind="campaign", recipients=900,
        ...     opens=300, clicks=45, orders=9, new_customers=0,
        ...     revenue=Money("198", "EUR"), contribution=Money("105", "EUR"),
        ...     unsubscribes=12, cost=Money("20", "EUR"))
        >>> (result,) = email_returns([email], subscriber_value=Money("4.50", "EUR"))
        >>> [(label, str(amount)) for label, amount in result.costs]
        [('sending', '20 EUR'), ('unsubscribes', '54.00 EUR')]
        >>> str(result.profit)
        '31.00 EUR'
    """
    value = checked(non_negative_money, subscriber_value, "subscriber_value")
    results = []
    for index, email in enumerate(items_of(campaigns, field="campaigns")):
        if not isinstance(email, EmailCampaign):
            _refuse(f"campaigns[{index}]", email, "an EmailCampaign")
        in_currency(value, email.revenue.currency, "subscriber_value")
        results.append(
            _return(
                name=email.name,
                kind=ChannelKind.EMAIL,
                costs=(
                    ("sending", email.cost),
                    ("unsubscribes", value * email.unsubscribes),
                ),
                orders=email.orders,
                new_customers=email.new_customers,
                revenue=email.revenue,
                contribution=email.contribution,
            )
        )
    return tuple(results)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SocialChannel:
    """A social network's paid posts and content, and the orders they brought.

    Args:
        name: The network (and account).
        spend: Paid promotion.
        content: Producing the content (photos, video, a freelancer).
        impressions: Times the posts were shown.
        clicks: Clicks to the site.
        orders: Orders attributed (by UTM or the network's pixel).
        new_customers: Of those, first orders.
        revenue: Their net revenue.
        contribution: Their contribution before the channel's costs.

    Examples:
        >>> social = SocialChannel(name="Instagram", spend=Money("250", "EUR"),
        ...     content=Money("150", "EUR"), impressions=80000, clicks=1200,
        ...     orders=18, new_customers=15, revenue=Money("610", "EUR"),
        ...     contribution=Money("350", "EUR"))
        >>> social.ctr.value, str(social.cpm.value)
        (Decimal('0.015'), '3.125 EUR')
    """

    name: str = attrs.field(converter=text)
    spend: Money = attrs.field(converter=non_negative_money)
    content: Money = attrs.field(converter=non_negative_money)
    impressions: int = attrs.field(converter=non_negative_count)
    clicks: int = attrs.field(converter=non_negative_count)
    orders: int = attrs.field(converter=non_negative_count)
    new_customers: int = attrs.field(converter=non_negative_count)
    revenue: Money = attrs.field(converter=non_negative_money)
    contribution: Money = attrs.field(converter=money)

    def __attrs_post_init__(self) -> None:
        if self.new_customers > self.orders:
            raise InvalidInputError(
                field="new_customers",
                value=self.new_customers,
                expected=f"at most the orders ({self.orders})",
            )
        for name in ("content", "contribution"):
            in_currency(getattr(self, name), self.spend.currency, name)
        in_currency(self.revenue, self.spend.currency, "revenue")

    @property
    def ctr(self) -> Ratio:
        """Clicks / impressions."""
        return Ratio(self.clicks, self.impressions)

    @property
    def cpm(self) -> MoneyRatio:
        """Paid spend per thousand impressions."""
        return MoneyRatio(amount=self.spend, count=self.impressions, scale=1000)


def social_returns(channels: Iterable[SocialChannel]) -> tuple[ChannelReturn, ...]:
    """Each social channel's cost (spend and content) and return.

    Examples:
        >>> social = SocialChannel(name="Instagram", spend=Money("250", "EUR"),
        ...     content=Money("150", "EUR"), impressions=80000, clicks=1200,
        ...     orders=18, new_customers=15, revenue=Money("610", "EUR"),
        ...     contribution=Money("350", "EUR"))
        >>> (result,) = social_returns([social])
        >>> str(result.profit), str(result.cac.value)
        ('-50 EUR', '26.66666666666666666666666666666667 EUR')
    """
    results = []
    for index, channel in enumerate(items_of(channels, field="channels")):
        if not isinstance(channel, SocialChannel):
            _refuse(f"channels[{index}]", channel, "a SocialChannel")
        results.append(
            _return(
                name=channel.name,
                kind=ChannelKind.SOCIAL,
                costs=(("ad spend", channel.spend), ("content", channel.content)),
                orders=channel.orders,
                new_customers=channel.new_customers,
                revenue=channel.revenue,
                contribution=channel.contribution,
            )
        )
    return tuple(results)
