r"""Localised prices: one reference price, each market's shelf price, margins checked.

For each market: convert the reference price (net of any VAT) with an
:class:`~xborder.fx.FxTable`, rounding once with the mode you name; add VAT
where the market's consumer prices include it
(:func:`~xborder.pricing.consumer_price`); move the result onto the market's
:class:`~xborder.pricing.PriceEnding`; then run the market's waterfall at
the final price and report the margin, because an ending can cross a fee
band, the referral minimum, or the target.

:func:`price_for_margin` goes the other way: it solves each market's price
for a target margin, moves it *up* onto the ending, and re-checks.

Examples:
    >>> import datetime as dt
    >>> from xborder.fx import FxRate, FxTable
    >>> from xborder.money import Money, RoundingMode
    >>> from xborder.pricing import EndingDirection, PriceEnding, Vat
    >>> day = dt.date(2026, 11, 2)
    >>> fx = FxTable(rates=(FxRate(base="USD", quote="EUR", rate="0.8650", as_of=day),))
    >>> charm = PriceEnding.ends_in("0.99")
    >>> germany = Market(name="DE", currency="EUR", vat=Vat(rate="0.19"), ending=charm)
    >>> result = localise_price(
    ...     Money("19.99", "USD"), germany, fx=fx, fx_rounding=RoundingMode.HALF_UP,
    ...     direction=EndingDirection.UP,
    ... )
    >>> str(result.converted), str(result.with_vat), str(result.price)
    ('17.29 EUR', '20.57 EUR', '20.99 EUR')
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._guard import guard_public
from xborder._validate import DecimalInput, items_of, named_errors, text
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.fx import FxTable, convert
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import money_value, to_currency
from xborder.pricing._common import assemble, percent
from xborder.pricing.economics import UnitEconomics, build, check_price, model_of
from xborder.pricing.endings import EndingDirection, PriceEnding, apply_price_ending
from xborder.pricing.listing import Listing
from xborder.pricing.solvers import PriceSolution, _margin, margin_target, solve
from xborder.pricing.vat import Vat, consumer_price

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "LocalisedPrice",
    "Market",
    "SolvedLocalisedPrice",
    "localise_price",
    "localise_prices",
    "price_for_margin",
]


def _ending(value: PriceEnding) -> PriceEnding:
    if not isinstance(value, PriceEnding):
        raise InvalidTypeError(field=None, value=value, expected="a PriceEnding")
    return value


def _optional_vat(value: Vat | None) -> Vat | None:
    if value is not None and not isinstance(value, Vat):
        raise InvalidTypeError(field=None, value=value, expected="a Vat or None")
    return value


def _optional_listing(value: Listing | None) -> Listing | None:
    if value is not None and not isinstance(value, Listing):
        raise InvalidTypeError(field=None, value=value, expected="a Listing or None")
    return value


def _optional_margin(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else _margin(value, field=None)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Market:
    """Where a price is shown: its currency, VAT habit, price ending and channel.

    Args:
        name: The market ("Amazon.de", "own site, UK").
        currency: The currency shelf prices are in.
        ending: The price-ending policy for the market.
        vat: The market's VAT rule, ``None`` where shelf prices carry none.
        listing: The SKU's listing there, to re-check the margin; its fee
            schedule must be in ``currency`` and its VAT rule must be ``vat``.
        target_margin: The margin to compare the result with, if any.

    Raises:
        InvalidInputError: The listing's VAT rule differs from ``vat``.
        CurrencyMismatchError: The listing is in another currency.

    Examples:
        >>> from xborder.pricing import PriceEnding, Vat
        >>> germany = Market(
        ...     name="DE", currency="EUR", vat=Vat(rate="0.19"),
        ...     ending=PriceEnding.ends_in("0.99"),
        ... )
        >>> germany.currency.code, germany.ending.label
        ('EUR', 'ends in 0.99 (step 1)')
    """

    name: str = attrs.field(converter=text)
    currency: Currency = attrs.field(converter=to_currency)
    ending: PriceEnding = attrs.field(converter=_ending)
    vat: Vat | None = attrs.field(default=None, converter=_optional_vat)
    listing: Listing | None = attrs.field(default=None, converter=_optional_listing)
    target_margin: Decimal | None = attrs.field(
        default=None, converter=_optional_margin
    )

    def __attrs_post_init__(self) -> None:
        if self.listing is None:
            return
        if self.listing.currency != self.currency:
            raise CurrencyMismatchError(
                field="listing.fees.currency",
                value=self.listing.currency.code,
                expected=f"the market's currency {self.currency.code}",
            )
        if self.listing.vat != self.vat:
            raise InvalidInputError(
                field="listing.vat",
                value=self.listing.vat,
                expected=f"the market's VAT rule ({self.vat})",
            )


def _market(value: Market) -> Market:
    if not isinstance(value, Market):
        raise InvalidTypeError(field=None, value=value, expected="a Market")
    return value


def _optional_money(value: Money | None) -> Money | None:
    return None if value is None else money_value(value)


def _optional_economics(value: UnitEconomics | None) -> UnitEconomics | None:
    if value is not None and not isinstance(value, UnitEconomics):
        raise InvalidTypeError(
            field=None, value=value, expected="UnitEconomics or None"
        )
    return value


def _optional_solution(value: PriceSolution | None) -> PriceSolution | None:
    if value is not None and not isinstance(value, PriceSolution):
        raise InvalidTypeError(
            field=None, value=value, expected="a PriceSolution or None"
        )
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LocalisedPrice:
    """One market's price, step by step, and the margin it leaves.

    Attributes:
        market: The market.
        reference: The reference price, if the price was localised from one.
        converted: The reference in the market's currency, net of VAT.
        with_vat: The shelf price before the ending (VAT added where the
            market includes it; the solved price for :func:`price_for_margin`).
        price: The shelf price after the ending.
        economics: The waterfall at ``price``, if the market has a listing.
        economics_before_ending: The waterfall at ``with_vat``, likewise.
        solution: The solved price, for :func:`price_for_margin`.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, Listing, PriceEnding, UnitCosts
        >>> listing = Listing(fees=FeeSchedule(name="Own site", currency="GBP"),
        ...                   costs=UnitCosts(landed=Money("6.00", "GBP")))
        >>> uk = Market(name="UK", currency="GBP", listing=listing,
        ...             ending=PriceEnding.ends_in("0.99"))
        >>> result = price_for_margin(uk, "0.5")
        >>> str(result.solution.price), str(result.price), f"{result.margin:.4f}"
        ('12.00 GBP', '12.99 GBP', '0.5381')
    """

    market: Market = attrs.field(converter=_market)
    reference: Money | None = attrs.field(converter=_optional_money)
    converted: Money | None = attrs.field(converter=_optional_money)
    with_vat: Money = attrs.field(converter=money_value)
    price: Money = attrs.field(converter=money_value)
    economics: UnitEconomics | None = attrs.field(converter=_optional_economics)
    economics_before_ending: UnitEconomics | None = attrs.field(
        converter=_optional_economics
    )
    solution: PriceSolution | None = attrs.field(
        default=None, converter=_optional_solution
    )

    def __attrs_post_init__(self) -> None:
        # The cheap invariants of what the calculators build: the prices are
        # in the market's currency, and each waterfall is at its price.
        currency = self.market.currency
        for field in ("converted", "with_vat", "price"):
            amount: Money | None = getattr(self, field)
            if amount is not None and amount.currency != currency:
                raise CurrencyMismatchError(
                    field=field,
                    value=amount,
                    expected=f"an amount in the market's currency {currency.code}",
                )
        with_listing = self.market.listing is not None
        for field, at in (
            ("economics", self.price),
            ("economics_before_ending", self.with_vat),
        ):
            economics: UnitEconomics | None = getattr(self, field)
            if (economics is not None) != with_listing:
                raise InvalidInputError(
                    field=field,
                    value=economics,
                    expected="a waterfall exactly where the market has a listing",
                )
            if economics is not None and economics.price != at:
                raise InvalidInputError(
                    field=field, value=economics, expected=f"the waterfall at {at}"
                )
        if self.solution is not None and self.solution.price != self.with_vat:
            raise InvalidInputError(
                field="solution",
                value=self.solution,
                expected=f"the solution whose price is with_vat ({self.with_vat})",
            )

    @property
    def margin(self) -> Decimal | None:
        """The margin at the final price (``None`` without a listing)."""
        return None if self.economics is None else self.economics.margin

    @property
    def margin_change(self) -> Decimal | None:
        """How much the ending moved the margin (after minus before)."""
        if self.economics is None or self.economics_before_ending is None:
            return None
        after, before = self.economics.margin, self.economics_before_ending.margin
        if after is None or before is None:
            return None
        return after - before

    @property
    def meets_target(self) -> bool | None:
        """Whether the final margin reaches the market's target, if both exist."""
        target, margin = self.market.target_margin, self.margin
        if target is None or margin is None:
            return None
        return margin >= target


def _waterfall(value: UnitEconomics) -> UnitEconomics:
    if not isinstance(value, UnitEconomics):
        raise InvalidTypeError(field=None, value=value, expected="UnitEconomics")
    return value


def _solution(value: PriceSolution) -> PriceSolution:
    if not isinstance(value, PriceSolution):
        raise InvalidTypeError(field=None, value=value, expected="a PriceSolution")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class SolvedLocalisedPrice(LocalisedPrice):
    """A market's price solved for a margin: what :func:`price_for_margin` returns.

    A :class:`LocalisedPrice` whose market has a listing, so its two
    waterfalls and the solution are always there, and typed so: a caller
    reads ``result.economics.contribution`` with no ``None`` check.

    Attributes:
        economics: The waterfall at ``price``, after the ending.
        economics_before_ending: The waterfall at ``with_vat``, the solved price.
        solution: The solved price and its waterfall.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, Listing, PriceEnding, UnitCosts
        >>> listing = Listing(fees=FeeSchedule(name="Own site", currency="GBP"),
        ...                   costs=UnitCosts(landed=Money("6.00", "GBP")))
        >>> uk = Market(name="UK", currency="GBP", listing=listing,
        ...             ending=PriceEnding.ends_in("0.99"))
        >>> result = price_for_margin(uk, "0.5")
        >>> str(result.economics.contribution), str(result.solution.price)
        ('6.99 GBP', '12.00 GBP')
    """

    economics: UnitEconomics = attrs.field(converter=_waterfall)
    economics_before_ending: UnitEconomics = attrs.field(converter=_waterfall)
    solution: PriceSolution = attrs.field(converter=_solution)


def _check_direction(direction: EndingDirection) -> None:
    if not isinstance(direction, EndingDirection):
        raise InvalidTypeError(
            field="direction", value=direction, expected="an EndingDirection"
        )


def _economics(market: Market, price: Money) -> UnitEconomics | None:
    if market.listing is None:
        return None
    model = model_of(market.listing)
    return build(model, check_price(price, model))


def localise_price(
    reference: Money,
    market: Market,
    *,
    fx: FxTable,
    fx_rounding: RoundingMode,
    direction: EndingDirection,
) -> LocalisedPrice:
    """Localise ``reference`` (net of VAT) for one market; see the module docs.

    Args:
        reference: The reference price, net of any VAT.
        market: The market.
        fx: The rates to convert with.
        fx_rounding: How the converted amount is rounded, once.
        direction: Which way the ending moves the price.

    Raises:
        MissingFxRateError: The table cannot convert into the market's currency.
        InvalidInputError: The ending is finer than the market's minor unit,
            or ``reference`` is not > 0.

    Examples:
        >>> import datetime as dt
        >>> from xborder.fx import FxRate, FxTable
        >>> from xborder.money import Money, RoundingMode
        >>> from xborder.pricing import PriceEnding, Vat
        >>> day = dt.date(2026, 11, 2)
        >>> yen = FxRate(base="USD", quote="JPY", rate="152.40", as_of=day)
        >>> fx = FxTable(rates=(yen,))
        >>> japan = Market(
        ...     name="JP", currency="JPY", vat=Vat(rate="0.10"),
        ...     ending=PriceEnding.ends_in("80", step=100),
        ... )
        >>> result = localise_price(
        ...     Money("19.99", "USD"), japan, fx=fx,
        ...     fx_rounding=RoundingMode.HALF_UP, direction=EndingDirection.UP,
        ... )
        >>> str(result.converted), str(result.with_vat), str(result.price)
        ('3046 JPY', '3351 JPY', '3380 JPY')
    """
    if not isinstance(reference, Money):
        raise InvalidTypeError(field="reference", value=reference, expected="Money")
    if reference.amount <= 0:
        raise InvalidInputError(
            field="reference", value=reference, expected="a reference price > 0"
        )
    if not isinstance(market, Market):
        raise InvalidTypeError(field="market", value=market, expected="a Market")
    _check_direction(direction)
    converted = convert(reference, market.currency, table=fx, rounding=fx_rounding)
    with_vat = converted
    if market.vat is not None and market.vat.included:
        with_vat = consumer_price(converted, market.vat).gross
    price = apply_price_ending(with_vat, market.ending, direction=direction)
    return assemble(
        LocalisedPrice,
        market=market,
        reference=reference,
        converted=converted,
        with_vat=with_vat,
        price=price,
        economics=_economics(market, price),
        economics_before_ending=_economics(market, with_vat),
        solution=None,
    )


def localise_prices(
    reference: Money,
    markets: Iterable[Market],
    *,
    fx: FxTable,
    fx_rounding: RoundingMode,
    direction: EndingDirection,
) -> tuple[LocalisedPrice, ...]:
    """:func:`localise_price` for each market, in order.

    Raises:
        InvalidTypeError: ``markets`` is not a sequence of :class:`Market`
            (the wrong one is named ``markets[i]``).

    Examples:
        >>> import datetime as dt
        >>> from xborder.fx import FxRate, FxTable
        >>> from xborder.money import Money, RoundingMode
        >>> from xborder.pricing import PriceEnding, Vat
        >>> day = dt.date(2026, 11, 2)
        >>> fx = FxTable(rates=(
        ...     FxRate(base="USD", quote="EUR", rate="0.8650", as_of=day),
        ...     FxRate(base="USD", quote="GBP", rate="0.7610", as_of=day),
        ... ))
        >>> charm = PriceEnding.ends_in("0.99")
        >>> markets = [
        ...     Market(name="DE", currency="EUR", vat=Vat(rate="0.19"), ending=charm),
        ...     Market(name="UK", currency="GBP", vat=Vat(rate="0.20"), ending=charm),
        ... ]
        >>> prices = localise_prices(
        ...     Money("19.99", "USD"), markets, fx=fx,
        ...     fx_rounding=RoundingMode.HALF_UP, direction=EndingDirection.UP,
        ... )
        >>> [str(p.price) for p in prices]
        ['20.99 EUR', '18.99 GBP']
    """
    markets = _markets(markets)
    return tuple(
        localise_price(
            reference, market, fx=fx, fx_rounding=fx_rounding, direction=direction
        )
        for market in markets
    )


def _markets(values: Iterable[Market]) -> tuple[Market, ...]:
    chosen = items_of(values, field="markets", expected="a sequence of Market")
    for index, market in enumerate(chosen):
        if not isinstance(market, Market):
            raise InvalidTypeError(
                field=f"markets[{index}]", value=market, expected="a Market"
            )
    return chosen


def price_for_margin(
    market: Market,
    margin: DecimalInput,
    *,
    direction: EndingDirection = EndingDirection.UP,
) -> SolvedLocalisedPrice:
    """Solve a market's price for ``margin``, move it onto the ending, re-check.

    With ``direction=UP`` (the default) the ending never lowers the price,
    so the final margin misses the target only where the higher price
    crosses a fee band that charges more on the whole price; the result's
    :attr:`SolvedLocalisedPrice.economics` shows it (never ``None``: the
    market must have a listing).

    Raises:
        InvalidInputError: The market has no listing, or no price reaches
            ``margin``.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts, Listing, PriceEnding
        >>> listing = Listing(fees=FeeSchedule(name="Own site", currency="GBP"),
        ...                   costs=UnitCosts(landed=Money("6.00", "GBP")))
        >>> charm = PriceEnding.ends_in("0.99")
        >>> uk = Market(name="UK", currency="GBP", ending=charm, listing=listing)
        >>> result = price_for_margin(uk, "0.6")
        >>> str(result.with_vat), str(result.price), f"{result.margin:.4f}"
        ('15.00 GBP', '15.99 GBP', '0.6248')
    """
    if not isinstance(market, Market):
        raise InvalidTypeError(field="market", value=market, expected="a Market")
    _check_direction(direction)
    if market.listing is None:
        raise InvalidInputError(
            field="market.listing",
            value=None,
            expected="a Listing to solve the price on",
        )
    m = _margin(margin)
    model = model_of(market.listing)
    solution = solve(
        model,
        margin_target(m),
        label=f"margin {percent(m)}",
        field="margin",
        value=margin,
    )
    price = apply_price_ending(solution.price, market.ending, direction=direction)
    return assemble(
        SolvedLocalisedPrice,
        market=market,
        reference=None,
        converted=None,
        with_vat=solution.price,
        price=price,
        economics=build(model, check_price(price, model)),
        economics_before_ending=solution.economics,
        solution=solution,
    )


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
