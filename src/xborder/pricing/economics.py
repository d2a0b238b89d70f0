r"""The unit-economics waterfall: from the price a buyer pays to what a unit leaves.

$$\underbrace{P}_{\text{price}} - \text{VAT} = \text{net revenue};\qquad
\text{net revenue} - \sum \text{fees} - \text{landed} - \text{fulfilment}
- \text{returns} - \text{ads} = \text{contribution}$$

and the margin is contribution ÷ net revenue. Every line is rounded to the
minor unit once, by its own rule, and the contribution is what remains, so
the lines and the contribution add up to the price exactly, to the cent (or
yen, or fils). Each line carries what it is, the amount it was taken from,
its rate, the rule in words and, for presets, its source.

Existing calculators cover parts of this (Amazon's revenue calculator: the
marketplace's fees; Helium 10 and Jungle Scout: price − product − FBA −
referral); none handles VAT-inclusive prices, the referral minimum, stacked
payment and conversion fees, returns and ads in one waterfall.

Examples:
    >>> from xborder.money import Money
    >>> from xborder.pricing import FeeSchedule, ReferralFee, UnitCosts, VatBasis
    >>> fees = FeeSchedule(
    ...     name="Marketplace",
    ...     currency="USD",
    ...     referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
    ...     fulfilment=Money("4.50", "USD"),
    ... )
    >>> result = unit_economics(
    ...     Money("29.99", "USD"),
    ...     fees=fees,
    ...     costs=UnitCosts(landed=Money("9.00", "USD")),
    ... )
    >>> str(result.contribution), f"{result.margin:.4f}"
    ('11.99 USD', '0.3998')
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION
from xborder._guard import guard_public
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode
from xborder.money.converters import exact_money
from xborder.pricing._model import Amounts, Model, check_range
from xborder.pricing.lines import LineKind, WaterfallLine, build_lines
from xborder.pricing.vat import Vat

if TYPE_CHECKING:
    from xborder.fx import FxTable
    from xborder.pricing.costs import AdSpend, UnitCosts
    from xborder.pricing.fees import FeeSchedule
    from xborder.pricing.listing import Listing
    from xborder.pricing.returns import Returns
    from xborder.pricing.shipping import ShippingCharge

__all__ = ["UnitEconomics", "unit_economics"]


@attrs.frozen(kw_only=True, eq=False)
class UnitEconomics:
    """One unit's waterfall at one price: every line, the contribution, the margin.

    The lines and the contribution add up to the price exactly. Results are
    built by :func:`unit_economics`, :meth:`Listing.economics
    <xborder.pricing.Listing.economics>` and the solvers; the explained
    lines are assembled the first time :attr:`lines` is read, so a repricing
    loop that only needs the contribution does not pay for the explanations.

    The constructor takes only the price and the compiled listing (what
    ``attrs.evolve`` and copying pass back); every figure is computed from
    them, so a waterfall whose figures disagree with its listing cannot be
    built.

    Attributes:
        price: The listing price (the shelf price: VAT included where the
            market includes it).
        gross: What the buyer pays, tax included (the price and any
            shipping charged, plus tax added at checkout).
        net_revenue: The price and any shipping charged, net of VAT.
        contribution: What the unit leaves after every line.
        vat_rule: The market's VAT rule, if any.
        channel: The fee schedule's name.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> result = unit_economics(
        ...     Money("25.00", "USD"),
        ...     fees=FeeSchedule(name="Own site", currency="USD"),
        ...     costs=UnitCosts(landed=Money("15.00", "USD")),
        ... )
        >>> str(result.net_revenue), str(result.contribution), result.margin
        ('25.00 USD', '10.00 USD', Decimal('0.4'))
        >>> str(attrs.evolve(result, price=Money("30.00", "USD")).contribution)
        '15.00 USD'
    """

    price: Money
    # The listing compiled (private type): only the calculators make one, and
    # a rebuilt result (attrs.evolve, copy) passes its own back.
    _model: Model = attrs.field(eq=False, repr=False)
    gross: Money = attrs.field(init=False)
    net_revenue: Money = attrs.field(init=False)
    contribution: Money = attrs.field(init=False)
    vat_rule: Vat | None = attrs.field(init=False)
    channel: str = attrs.field(init=False)
    _amounts: Amounts[Decimal] = attrs.field(init=False, eq=False, repr=False)
    _lines: tuple[WaterfallLine, ...] | None = attrs.field(
        init=False, default=None, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        # The public path: check what was given, then compute every figure.
        model = self._model
        if not isinstance(model, Model):
            raise InvalidTypeError(
                "build waterfalls with unit_economics() or Listing.economics()",
                field="model",
                value=model,
                expected="the compiled listing of another UnitEconomics",
            )
        price = check_price(self.price, model)
        _fill(self, model, price, model.evaluate(price))

    def __eq__(self, other: object) -> bool:
        # Two waterfalls are equal when every line is: compare the lines
        # too, not just the totals (they may split the same total differently).
        if not isinstance(other, UnitEconomics):
            return NotImplemented
        return self._key() == other._key() and self.lines == other.lines

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[object, ...]:
        return (
            self.price,
            self.gross,
            self.net_revenue,
            self.contribution,
            self.vat_rule,
            self.channel,
        )

    @property
    def listing(self) -> Listing:
        """The listing this waterfall was computed for: fees, costs, VAT, ads, FX.

        With :attr:`price`, it is everything the waterfall depends on:
        ``result.listing.economics(result.price) == result``.
        """
        from xborder.pricing.listing import Listing  # noqa: PLC0415 - it imports us

        listing = Listing(**self._model.inputs._asdict())
        # Same inputs, same compiled model: spare the listing compiling it again.
        object.__setattr__(listing, "_compiled", self._model)
        return listing

    @property
    def lines(self) -> tuple[WaterfallLine, ...]:
        """Every deduction, VAT first, in waterfall order, each explained."""
        if self._lines is None:
            object.__setattr__(self, "_lines", build_lines(self._model, self._amounts))
        return self._lines  # type: ignore[return-value]

    def _money(self, amount: Decimal) -> Money:
        return exact_money(amount, self.price.currency)

    @property
    def tax(self) -> Money:
        """VAT in the price and the shipping charged (zero where added at checkout)."""
        return self._money(self._amounts.vat)

    @property
    def shipping_charged(self) -> Money:
        """The shipping the buyer pays on top of the price, stated as the price is."""
        return self._money(self._amounts.shipping)

    @property
    def shipping_tax(self) -> Money:
        """The VAT in the shipping charged (part of :attr:`tax`)."""
        return self._money(self._amounts.shipping_vat)

    @property
    def fees(self) -> Money:
        """Everything the channel charges."""
        a, m = self._amounts, self._model
        more = a.orders + a.attributed + a.fee_tax
        return self._money(
            a.referral + m.fixed_total + m.unit_fees + a.payment + a.payout + more
        )

    @property
    def costs(self) -> Money:
        """The seller's own costs (landed, own fulfilment, other)."""
        m = self._model
        return self._money(m.costs_total - m.returns_costs)

    @property
    def returns(self) -> Money:
        """What returns take per unit ordered, all lines together.

        The refunded price, less the fees credited back, plus the refund fee
        kept and return shipping and processing, less the returned stock resold.
        """
        a = self._amounts
        refunds = a.refunded - a.credited + a.admin
        return self._money(self._model.returns_costs + refunds)

    @property
    def advertising(self) -> Money:
        """Ad spend per unit."""
        return self._money(self._amounts.ads)

    @property
    def referral_fee(self) -> Money:
        """The marketplace's referral fee (zero where there is none)."""
        return self._money(self._amounts.referral)

    @property
    def payment_fee(self) -> Money:
        """The card or wallet processor's fee."""
        return self._money(self._amounts.payment)

    @property
    def payout_fee(self) -> Money:
        """The fee for converting the payout into the seller's currency."""
        return self._money(self._amounts.payout)

    @property
    def fixed_fees(self) -> Money:
        """The channel's fixed fees per unit: closing, fulfilment, storage..."""
        return self._money(self._model.fees_fixed)

    @property
    def order_fees(self) -> Money:
        """Fees per order (eBay's per-order fee), each unit's share."""
        return self._money(self._amounts.orders)

    @property
    def attributed_fees(self) -> Money:
        """The expected fee on orders an ad is credited with (Etsy Offsite Ads)."""
        return self._money(self._amounts.attributed)

    @property
    def fee_tax(self) -> Money:
        """Tax on the channel's fees the seller cannot reclaim (VAT on fees)."""
        return self._money(self._amounts.fee_tax)

    @property
    def contribution_before_ads(self) -> Money:
        """The contribution with advertising added back: what ads may spend."""
        return self.contribution + self.advertising

    @property
    def margin(self) -> Decimal | None:
        """Contribution ÷ net revenue; ``None`` (undefined) when net revenue is zero."""
        return _ratio(self.contribution, self.net_revenue)

    @property
    def margin_before_ads(self) -> Decimal | None:
        """Contribution before ads ÷ net revenue; ``None`` when net revenue is zero."""
        return _ratio(self.contribution_before_ads, self.net_revenue)

    @property
    def markup(self) -> Decimal | None:
        """Contribution ÷ everything taken from net revenue (``None`` if nothing is)."""
        return _ratio(self.contribution, self.net_revenue - self.contribution)

    def line(self, label: str) -> WaterfallLine:
        """The first line whose label starts with ``label``.

        Raises:
            InvalidTypeError: ``label`` is not a ``str``.
            InvalidInputError: No line has that label.

        Examples:
            >>> from xborder.pricing import FeeSchedule, UnitCosts
            >>> result = unit_economics(
            ...     Money("20.00", "EUR"),
            ...     fees=FeeSchedule(name="Own site", currency="EUR"),
            ...     costs=UnitCosts(landed=Money("8.00", "EUR")),
            ... )
            >>> str(result.line("Landed").amount)
            '8.00 EUR'
        """
        if not isinstance(label, str):
            raise InvalidTypeError(field="label", value=label, expected="a str")
        for line in self.lines:
            if line.label.startswith(label):
                return line
        raise InvalidInputError(
            field="label",
            value=label,
            expected=f"one of {[line.label for line in self.lines]}",
        )

    def explain(self) -> str:
        """The waterfall as a small table, one line per step.

        Examples:
            >>> from xborder.pricing import FeeSchedule, UnitCosts
            >>> fees = FeeSchedule(name="Own site", currency="EUR")
            >>> costs = UnitCosts(landed=Money("8.00", "EUR"))
            >>> result = unit_economics(Money("20.00", "EUR"), fees=fees, costs=costs)
            >>> print(result.explain())
            Own site at 20.00 EUR
              Price                          20.00 EUR
              Landed cost                    -8.00 EUR
              Contribution                   12.00 EUR  (margin 60.00%)
        """
        width = max([len(line.label) for line in self.lines] + [28])
        rows = [f"{self.channel} at {self.price}"]
        rows.append(f"  {'Price':<{width}} {self.price!s:>12}")
        taxes = [i for i, line in enumerate(self.lines) if line.kind is LineKind.VAT]
        for index, line in enumerate(self.lines):
            rows.append(f"  {line.label:<{width}} {-line.amount!s:>12}")
            if taxes and index == taxes[-1]:  # after the last VAT line
                rows.append(f"  {'Net revenue':<{width}} {self.net_revenue!s:>12}")
        margin = self.margin
        shown = "undefined" if margin is None else f"{margin * 100:.2f}%"
        rows.append(
            f"  {'Contribution':<{width}} {self.contribution!s:>12}  (margin {shown})"
        )
        return "\n".join(rows)


def _ratio(part: Money, whole: Money) -> Decimal | None:
    if whole.is_zero():
        return None
    return DIVISION.divide(part.amount, whole.amount)


def unit_economics(
    price: Money,
    *,
    costs: UnitCosts,
    fees: FeeSchedule,
    vat: Vat | None = None,
    returns: Returns | None = None,
    ads: AdSpend | None = None,
    fx: FxTable | None = None,
    fx_rounding: RoundingMode = RoundingMode.HALF_UP,
    shipping_charged: ShippingCharge | None = None,
) -> UnitEconomics:
    """The waterfall for one unit at ``price``.

    Args:
        price: The shelf price in the fee schedule's currency, in whole
            minor units, > 0: VAT included where ``vat.included``.
        costs: The seller's own per-unit costs (any currency, with ``fx``).
        fees: The channel's fee schedule.
        vat: The market's VAT rule, or ``None`` where prices carry no VAT.
        returns: The returns model, or ``None``.
        ads: Advertising per unit, or ``None``.
        fx: Rates to convert amounts given in another currency.
        fx_rounding: How each converted amount is rounded, once.
        shipping_charged: What the buyer pays for shipping on top of the
            price, or ``None`` (see :class:`~xborder.pricing.ShippingCharge`).

    Returns:
        The waterfall, whose lines and contribution sum to ``price`` (a
        shipping charge is a line that adds to it).

    Raises:
        InvalidInputError: The price is not > 0 or not whole minor units;
            an amount is negative; ACOS is given on a VAT-inclusive price
            without saying which sales it is measured against.
        CurrencyMismatchError: The price is not in the schedule's currency,
            or a cost is in another currency and no ``fx`` is given.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, ReferralFee, UnitCosts, Vat
        >>> from xborder.pricing import VatBasis
        >>> fees = FeeSchedule(
        ...     name="Amazon.de", currency="EUR", fulfilment=Money("2.70", "EUR"),
        ...     referral=ReferralFee.flat("0.15", basis=VatBasis.INCLUSIVE),
        ... )
        >>> result = unit_economics(
        ...     Money("11.99", "EUR"), fees=fees,
        ...     costs=UnitCosts(landed=Money("3.10", "EUR")), vat=Vat(rate="0.19"),
        ... )
        >>> for line in result.lines:
        ...     print(line.label, line.amount)
        VAT 1.91 EUR
        Referral fee 1.80 EUR
        Fulfilment fee 2.70 EUR
        Landed cost 3.10 EUR
        >>> str(result.contribution)
        '2.48 EUR'
    """
    model = Model(
        fees=fees,
        costs=costs,
        vat=vat,
        returns=returns,
        ads=ads,
        fx=fx,
        fx_rounding=fx_rounding,
        shipping_charged=shipping_charged,
    )
    return build(model, check_price(price, model))


def model_of(listing: Listing) -> Model:
    """A listing compiled, once: kept on the frozen listing as a private memo."""
    compiled: Model | None = getattr(listing, "_compiled", None)
    if compiled is None:
        compiled = Model(
            fees=listing.fees,
            costs=listing.costs,
            vat=listing.vat,
            returns=listing.returns,
            ads=listing.ads,
            fx=listing.fx,
            fx_rounding=listing.fx_rounding,
            shipping_charged=listing.shipping_charged,
        )
        object.__setattr__(listing, "_compiled", compiled)
    return compiled


def check_price(price: Money, model: Model) -> Decimal:
    """Check a price against a compiled model and return its amount."""
    if not isinstance(price, Money):
        raise InvalidTypeError(field="price", value=price, expected="Money")
    if price.currency != model.currency:
        raise CurrencyMismatchError(
            "price in the fee schedule's currency, or convert it first",
            field="price",
            value=price,
            expected=f"an amount in {model.currency.code}",
        )
    if price.amount <= 0:
        raise InvalidInputError(field="price", value=price, expected="a price > 0")
    check_range(price.amount, "price", price)
    if not price.is_quantized():
        raise InvalidInputError(
            "quantize it with a named RoundingMode first",
            field="price",
            value=price,
            expected=f"a whole number of {price.currency.minor_unit}",
        )
    return price.amount


def build(
    model: Model, price: Decimal, amounts: Amounts[Decimal] | None = None
) -> UnitEconomics:
    """The waterfall of ``model`` at ``price`` (private helper).

    ``price`` has passed :func:`check_price`. ``amounts`` may be passed when
    the caller has just evaluated the model at ``price`` (the solvers have).
    The result is assembled without the constructor's checks: every part
    is computed here.
    """
    if amounts is None:
        amounts = model.evaluate(price)
    result = _new(UnitEconomics)
    _fill(result, model, price, amounts)
    return result


_new = object.__new__
_set = object.__setattr__


def _fill(
    result: UnitEconomics, model: Model, price: Decimal, amounts: Amounts[Decimal]
) -> None:
    currency = model.currency
    _set(result, "price", exact_money(price, currency))
    _set(result, "_model", model)
    _set(result, "gross", exact_money(amounts.gross, currency))
    _set(result, "net_revenue", exact_money(amounts.net, currency))
    _set(result, "contribution", exact_money(amounts.contribution, currency))
    _set(result, "vat_rule", model.vat)
    _set(result, "channel", model.fees.name)
    _set(result, "_amounts", amounts)
    _set(result, "_lines", None)


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
