r"""Channel comparison: the same SKU on several channels, side by side.

A seller choosing between a marketplace with its fulfilment service (FBA),
the same marketplace self-fulfilled, and an independent site paying for
its traffic compares, per unit:

* the **contribution** and the **margin** each channel leaves;
* the **break-even ACOS**: the share of sales ads may take before the unit
  loses money (the marketplace's lever);
* the **break-even CAC**: the most an order may cost to acquire (the
  independent site's lever), which is the contribution before ads;
* optionally the **price each channel needs** for a target margin.

Channels in different currencies are compared in one report currency when
you give an FX table; margins and ACOS are ratios and compare as they are.

Examples:
    >>> from xborder.money import Money
    >>> from xborder.pricing import FeeSchedule, Listing, PaymentFee, ReferralFee
    >>> from xborder.pricing import UnitCosts, VatBasis
    >>> costs = UnitCosts(landed=Money("14.00", "USD"))
    >>> market = Listing(
    ...     fees=FeeSchedule(
    ...         name="Marketplace", currency="USD",
    ...         referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
    ...         fulfilment=Money("5.50", "USD"),
    ...     ),
    ...     costs=costs,
    ... )
    >>> site = Listing(
    ...     fees=FeeSchedule(name="Own site", currency="USD",
    ...                      payment=PaymentFee(name="Card", rate="0.029",
    ...                                         fixed=Money("0.30", "USD"))),
    ...     costs=attrs.evolve(costs, fulfilment=Money("6.20", "USD")),
    ... )
    >>> comparison = compare_channels([
    ...     Channel(name="Marketplace FBA", kind=ChannelKind.MARKETPLACE_FULFILLED,
    ...             listing=market, price=Money("39.99", "USD")),
    ...     Channel(name="Own site", kind=ChannelKind.INDEPENDENT_SITE,
    ...             listing=site, price=Money("39.99", "USD")),
    ... ])
    >>> [str(row.contribution) for row in comparison.rows]
    ['14.49 USD', '18.33 USD']
    >>> comparison.best().channel.name
    'Own site'
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._guard import guard_public
from xborder._validate import (
    DecimalInput,
    named_errors,
    optional_flag,
    require,
    text,
    tuple_of,
)
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    XborderError,
)
from xborder.fx import FxTable, convert
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import money_value, non_negative_money, to_currency
from xborder.pricing._common import assemble, optional_decimal, percent
from xborder.pricing.advertising import break_even_acos
from xborder.pricing.economics import UnitEconomics, build, check_price, model_of
from xborder.pricing.listing import Listing
from xborder.pricing.solvers import (
    PriceSolution,
    _margin,
    margin_target,
    solve,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Channel",
    "ChannelComparison",
    "ChannelKind",
    "ChannelResult",
    "compare_channels",
]


class ChannelKind(enum.StrEnum):
    """The three ways a cross-border seller reaches buyers (primer, practice area 2).

    Examples:
        >>> ChannelKind("independent site") is ChannelKind.INDEPENDENT_SITE
        True
    """

    MARKETPLACE_FULFILLED = "marketplace, fulfilled by the marketplace"
    """A global marketplace with its fulfilment service (FBA and the like)."""
    MARKETPLACE_SELF_FULFILLED = "marketplace, self-fulfilled"
    """The same marketplace, shipping from the seller's own or a 3PL's stock."""
    INDEPENDENT_SITE = "independent site"
    """The seller's own shop: card fees instead of referral fees, bought traffic."""


def _kind(value: ChannelKind) -> ChannelKind:
    if not isinstance(value, ChannelKind):
        raise InvalidTypeError(field=None, value=value, expected="a ChannelKind")
    return value


def _listing(value: Listing) -> Listing:
    if not isinstance(value, Listing):
        raise InvalidTypeError(field=None, value=value, expected="a Listing")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Channel:
    """One SKU on one channel at one price.

    Args:
        name: What to call the channel in the comparison.
        kind: Marketplace (fulfilled or not) or independent site.
        listing: The channel's fees, the unit's costs, VAT, returns, ads.
        price: The shelf price on this channel.
        sales_include_vat: Whether this channel's ad reports count sales
            with VAT; needed for the break-even ACOS where prices include
            VAT (taken from the listing's ads if they say).

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, Listing, UnitCosts
        >>> site = Channel(
        ...     name="Own site", kind=ChannelKind.INDEPENDENT_SITE,
        ...     listing=Listing(fees=FeeSchedule(name="Own site", currency="EUR"),
        ...                     costs=UnitCosts(landed=Money("14.00", "EUR"))),
        ...     price=Money("39.00", "EUR"),
        ... )
        >>> site.kind.value, str(site.price)
        ('independent site', '39.00 EUR')
    """

    name: str = attrs.field(converter=text)
    kind: ChannelKind = attrs.field(converter=_kind)
    listing: Listing = attrs.field(converter=_listing)
    price: Money = attrs.field(converter=non_negative_money)
    sales_include_vat: bool | None = attrs.field(default=None, converter=optional_flag)


def _channel(value: Channel) -> Channel:
    if not isinstance(value, Channel):
        raise InvalidTypeError(field=None, value=value, expected="a Channel")
    return value


def _economics(value: UnitEconomics) -> UnitEconomics:
    if not isinstance(value, UnitEconomics):
        raise InvalidTypeError(field=None, value=value, expected="UnitEconomics")
    return value


def _optional_solution(value: PriceSolution | None) -> PriceSolution | None:
    if value is not None and not isinstance(value, PriceSolution):
        raise InvalidTypeError(
            field=None, value=value, expected="a PriceSolution or None"
        )
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ChannelResult:
    """One channel's row in a comparison.

    Attributes:
        channel: The channel.
        economics: Its waterfall at its price.
        break_even_acos: Margin before ads on sales (``None`` if undefined).
        break_even_cac: The contribution before ads per order of one unit.
        contribution_reported: The contribution in the report currency.
        target_price: The price that reaches the comparison's target margin.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, Listing, UnitCosts
        >>> site = Channel(
        ...     name="Own site", kind=ChannelKind.INDEPENDENT_SITE,
        ...     listing=Listing(fees=FeeSchedule(name="Own site", currency="EUR"),
        ...                     costs=UnitCosts(landed=Money("14.00", "EUR"))),
        ...     price=Money("39.00", "EUR"),
        ... )
        >>> row = compare_channels([site]).rows[0]
        >>> str(row.contribution), f"{row.margin:.4f}", row.break_even_acos
        ('25.00 EUR', '0.6410', Decimal('0.6410256410256410256410256410256410'))
    """

    channel: Channel = attrs.field(converter=_channel)
    economics: UnitEconomics = attrs.field(converter=_economics)
    break_even_acos: Decimal | None = attrs.field(converter=optional_decimal)
    break_even_cac: Money = attrs.field(converter=money_value)
    contribution_reported: Money = attrs.field(converter=money_value)
    target_price: PriceSolution | None = attrs.field(
        default=None, converter=_optional_solution
    )

    def __attrs_post_init__(self) -> None:
        # The cheap invariants: the waterfall is the channel's at its price,
        # and the break-even CAC is its contribution before ads.
        require(
            self.economics.price == self.channel.price,
            field="economics",
            value=self.economics,
            expected=f"the waterfall at the channel's price {self.channel.price}",
        )
        require(
            self.break_even_cac == self.economics.contribution_before_ads,
            field="break_even_cac",
            value=self.break_even_cac,
            expected=f"the contribution before ads, "
            f"{self.economics.contribution_before_ads}",
        )

    @property
    def contribution(self) -> Money:
        """The contribution per unit, in the channel's currency."""
        return self.economics.contribution

    @property
    def margin(self) -> Decimal | None:
        """The margin on net revenue."""
        return self.economics.margin


def _rows(values: Iterable[ChannelResult]) -> tuple[ChannelResult, ...]:
    rows = tuple_of(values, ChannelResult)
    require(bool(rows), field=None, value=values, expected="at least one row")
    return rows


def _optional_margin(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else _margin(value, field=None)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class ChannelComparison:
    """Channels side by side.

    Attributes:
        rows: One result per channel, in the order given.
        currency: The currency contributions are compared in.
        target_margin: The margin each row's ``target_price`` reaches, if asked.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, Listing, UnitCosts
        >>> site = Channel(
        ...     name="Own site", kind=ChannelKind.INDEPENDENT_SITE,
        ...     listing=Listing(fees=FeeSchedule(name="Own site", currency="EUR"),
        ...                     costs=UnitCosts(landed=Money("14.00", "EUR"))),
        ...     price=Money("39.00", "EUR"),
        ... )
        >>> result = compare_channels([site], target_margin="0.5")
        >>> row = result.rows[0]
        >>> str(row.contribution), str(row.break_even_cac), str(row.target_price.price)
        ('25.00 EUR', '25.00 EUR', '28.00 EUR')
    """

    rows: tuple[ChannelResult, ...] = attrs.field(converter=_rows)
    currency: Currency = attrs.field(converter=to_currency)
    target_margin: Decimal | None = attrs.field(
        default=None, converter=_optional_margin
    )

    def __attrs_post_init__(self) -> None:
        # Rows compare in the report currency, and carry a target price
        # exactly where a target margin was asked for.
        asked = self.target_margin is not None
        for index, row in enumerate(self.rows):
            if row.contribution_reported.currency != self.currency:
                raise CurrencyMismatchError(
                    field=f"rows[{index}].contribution_reported",
                    value=row.contribution_reported,
                    expected=f"an amount in {self.currency.code}",
                )
            if (row.target_price is not None) != asked:
                raise InvalidInputError(
                    field=f"rows[{index}].target_price",
                    value=row.target_price,
                    expected="a target price exactly where target_margin is given",
                )

    def best(self) -> ChannelResult:
        """The channel with the highest contribution per unit (the first on ties)."""
        best = self.rows[0]
        for row in self.rows[1:]:
            if row.contribution_reported > best.contribution_reported:
                best = row
        return best

    def table(self) -> str:
        """The comparison as a small text table.

        Columns: channel, price, contribution, margin, break-even ACOS,
        break-even CAC, and the price for the target margin if one was asked.
        """
        head = f"{'channel':<24} {'price':>12} {'contribution':>13} {'margin':>8} "
        head += f"{'BE ACOS':>8} {'BE CAC':>12}"
        if self.target_margin is not None:
            head += f" {'price @ ' + _pct(self.target_margin):>14}"
        lines = [head]
        for row in self.rows:
            line = (
                f"{row.channel.name:<24} {row.channel.price!s:>12} "
                f"{row.contribution!s:>13} {_pct(row.margin):>8} "
                f"{_pct(row.break_even_acos):>8} {row.break_even_cac!s:>12}"
            )
            if row.target_price is not None:
                line += f" {row.target_price.price!s:>14}"
            lines.append(line)
        return "\n".join(lines)


def _pct(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def _channels(values: Iterable[Channel]) -> tuple[Channel, ...]:
    return tuple_of(values, Channel)


def compare_channels(
    channels: Iterable[Channel],
    *,
    target_margin: DecimalInput | None = None,
    currency: Currency | str | None = None,
    fx: FxTable | None = None,
    fx_rounding: RoundingMode = RoundingMode.HALF_UP,
) -> ChannelComparison:
    """Compare channels for one SKU: contribution, margin, break-even ACOS and CAC.

    Args:
        channels: The channels, each with its listing and price.
        target_margin: If given, also solve each channel's price for it.
        currency: The currency to compare contributions in; defaults to the
            first channel's. Channels in another currency need ``fx``.
        fx: Rates for the report currency.
        fx_rounding: How converted contributions are rounded.

    Raises:
        InvalidInputError: No channels; a VAT-inclusive channel does not say
            whether its ad sales include VAT.
        CurrencyMismatchError: Channels in several currencies and no ``fx``.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import Channel, ChannelKind, FeeSchedule, Listing
        >>> from xborder.pricing import PaymentFee, ReferralFee, UnitCosts, VatBasis
        >>> costs = UnitCosts(landed=Money("9.00", "USD"))
        >>> amazon = FeeSchedule(
        ...     name="Amazon.com", currency="USD", fulfilment=Money("4.50", "USD"),
        ...     referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
        ... )
        >>> site = FeeSchedule(
        ...     name="Own site", currency="USD",
        ...     payment=PaymentFee(
        ...         name="card", rate="0.029", fixed=Money("0.30", "USD")
        ...     ),
        ... )
        >>> result = compare_channels([
        ...     Channel(name="FBA", kind=ChannelKind.MARKETPLACE_FULFILLED,
        ...             listing=Listing(fees=amazon, costs=costs),
        ...             price=Money("29.99", "USD")),
        ...     Channel(name="Own site", kind=ChannelKind.INDEPENDENT_SITE,
        ...             listing=Listing(fees=site, costs=costs),
        ...             price=Money("29.99", "USD")),
        ... ])
        >>> [(row.channel.name, str(row.contribution)) for row in result.rows]
        [('FBA', '11.99 USD'), ('Own site', '19.82 USD')]
        >>> result.best().channel.name
        'Own site'
    """
    try:
        items = _channels(channels)
    except InvalidInputError as error:
        raise error.in_field("channels") from None
    if not items:
        raise InvalidInputError(
            field="channels", value=(), expected="at least one Channel"
        )
    _check_fx(fx, fx_rounding)
    report = items[0].listing.currency
    if currency is not None:
        try:
            report = to_currency(currency)
        except XborderError as error:
            raise error.in_field("currency") from None
    margin = None if target_margin is None else _margin(target_margin, "target_margin")
    rows = tuple(
        _row(index, channel, report, margin, fx, fx_rounding)
        for index, channel in enumerate(items)
    )
    return assemble(ChannelComparison, rows=rows, currency=report, target_margin=margin)


def _check_fx(fx: FxTable | None, fx_rounding: RoundingMode) -> None:
    # Checked up front: both are used only when a channel's currency differs.
    if fx is not None and not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable or None")
    if not isinstance(fx_rounding, RoundingMode):
        raise InvalidTypeError(
            field="fx_rounding", value=fx_rounding, expected="a RoundingMode"
        )


def _row(  # noqa: PLR0917 - private; one call site passes everything in order
    index: int,
    channel: Channel,
    report: Currency,
    margin: Decimal | None,
    fx: FxTable | None,
    fx_rounding: RoundingMode,
) -> ChannelResult:
    model = model_of(channel.listing)
    economics = build(model, _price(index, channel, model))
    flag = channel.sales_include_vat
    if flag is None and channel.listing.ads is not None:
        flag = channel.listing.ads.sales_include_vat
    try:
        acos = break_even_acos(economics, sales_include_vat=flag)
    except InvalidInputError as error:
        raise error.in_field(f"channels[{index}]") from None
    contribution = economics.contribution
    if contribution.currency != report:
        if fx is None:
            raise CurrencyMismatchError(
                "pass fx=FxTable(...) to compare channels in one currency",
                field=f"channels[{index}].price",
                value=channel.price,
                expected=f"an amount in the report currency {report.code}",
            )
        contribution = convert(contribution, report, table=fx, rounding=fx_rounding)
    target = None
    if margin is not None:
        target = solve(model, margin_target(margin), label=f"margin {percent(margin)}",
                       field="target_margin", value=margin)  # fmt: skip
    return assemble(
        ChannelResult,
        channel=channel,
        economics=economics,
        break_even_acos=acos,
        break_even_cac=economics.contribution_before_ads,
        contribution_reported=contribution,
        target_price=target,
    )


def _price(index: int, channel: Channel, model: object) -> Decimal:
    try:
        return check_price(channel.price, model)  # type: ignore[arg-type]
    except InvalidInputError as error:
        raise error.in_field(f"channels[{index}]") from None
    except CurrencyMismatchError as error:
        raise error.in_field(f"channels[{index}]") from None


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
