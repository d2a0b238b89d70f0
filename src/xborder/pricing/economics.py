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

>>> from xborder.money import Money
>>> from xborder.pricing import FeeSchedule, ReferralFee, UnitCosts, VatBasis
>>> fees = FeeSchedule(
...     name="Marketplace",
...     currency="USD",
...     referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
...     fulfilment=Money("4.50", "USD"),
... )
>>> result = unit_economics(
...     Money("29.99", "USD"), fees=fees, costs=UnitCosts(landed=Money("9.00", "USD"))
... )
>>> str(result.contribution), f"{result.margin:.4f}"
('11.99 USD', '0.3998')
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode, allocate
from xborder.money._money import _make
from xborder.pricing._model import Amounts, Model
from xborder.pricing.fees import TierMode, percent
from xborder.pricing.vat import Vat

if TYPE_CHECKING:
    from xborder.fx import FxTable
    from xborder.pricing.costs import AdSpend, Returns, UnitCosts
    from xborder.pricing.fees import FeeSchedule
    from xborder.pricing.listing import Listing

__all__ = [
    "LineKind",
    "UnitEconomics",
    "WaterfallLine",
    "unit_economics",
]


class LineKind(enum.StrEnum):
    """What a waterfall line takes from the price."""

    VAT = "vat"
    """Tax owed to the market's tax office, not revenue."""
    FEE = "fee"
    """Charged by the channel: referral, fixed, fulfilment, storage, payment, payout."""
    COST = "cost"
    """The seller's own cost: landed cost, own fulfilment, packaging."""
    RETURNS = "returns"
    """The expected cost of returns per unit sold."""
    ADVERTISING = "advertising"
    """Ad spend or acquisition cost per unit."""


@attrs.frozen(kw_only=True)
class WaterfallLine:
    """One step of the waterfall: an amount taken from the price, explained.

    Attributes:
        label: What the line is ("Referral fee").
        kind: Which group it belongs to.
        amount: The amount, rounded to the minor unit.
        base: The amount a rate was applied to, if any.
        rate: The rate applied to ``base``, if one rate explains the line.
        rule: The rule in words.
        source: Where a preset's rule was read, if it came from one.
    """

    label: str
    kind: LineKind
    amount: Money
    base: Money | None = None
    rate: Decimal | None = None
    rule: str = ""
    source: str | None = None

    def explain(self) -> str:
        """The line in one sentence.

        >>> line = WaterfallLine(
        ...     label="Referral fee", kind=LineKind.FEE, amount=Money("4.50", "USD"),
        ...     base=Money("29.99", "USD"), rate=Decimal("0.15"), rule="15%",
        ... )
        >>> line.explain()
        'Referral fee: 4.50 USD = 15% of 29.99 USD (15%)'
        """
        text = f"{self.label}: {self.amount}"
        if self.base is not None and self.rate is not None:
            text += f" = {percent(self.rate)} of {self.base}"
        elif self.base is not None:
            text += f" on {self.base}"
        if self.rule:
            text += f" ({self.rule})"
        if self.source:
            text += f"; source: {self.source}"
        return text


@attrs.frozen(kw_only=True)
class UnitEconomics:
    """One unit's waterfall at one price: every line, the contribution, the margin.

    The lines and the contribution add up to the price exactly. Results are
    built by :func:`unit_economics` and the solvers; the explained lines are
    assembled the first time :attr:`lines` is read, so a repricing loop that
    only needs the contribution does not pay for the explanations.

    Attributes:
        price: The listing price (the shelf price: VAT included where the
            market includes it).
        gross: What the buyer pays, tax included (the price, or the price
            plus tax added at checkout).
        net_revenue: The price net of VAT.
        contribution: What the unit leaves after every line.
        vat_rule: The market's VAT rule, if any.
        channel: The fee schedule's name.
    """

    price: Money
    gross: Money
    net_revenue: Money
    contribution: Money
    vat_rule: Vat | None
    channel: str
    _model: Model = attrs.field(eq=False, repr=False)
    _amounts: Amounts = attrs.field(eq=False, repr=False)
    _lines: tuple[WaterfallLine, ...] | None = attrs.field(
        init=False, default=None, eq=False, repr=False
    )

    @property
    def lines(self) -> tuple[WaterfallLine, ...]:
        """Every deduction, VAT first, in waterfall order, each explained."""
        if self._lines is None:
            built = _Lines(self._model, self._amounts)
            built.vat()
            built.fees()
            built.costs()
            object.__setattr__(self, "_lines", tuple(built.items))
        return self._lines  # type: ignore[return-value]

    def _money(self, amount: Decimal) -> Money:
        return _make(amount, self.price.currency)

    @property
    def tax(self) -> Money:
        """VAT taken from the price (zero where tax is added at checkout)."""
        return self._money(self._amounts.vat)

    @property
    def fees(self) -> Money:
        """Everything the channel charges."""
        a, m = self._amounts, self._model
        return self._money(
            a.referral + m.fixed_total + m.unit_fees + a.payment + a.payout
        )

    @property
    def costs(self) -> Money:
        """The seller's own costs (landed, own fulfilment, other)."""
        m = self._model
        return self._money(m.costs_total - m.returns_allowance)

    @property
    def returns(self) -> Money:
        """The return allowance."""
        return self._money(self._model.returns_allowance)

    @property
    def advertising(self) -> Money:
        """Ad spend per unit."""
        return self._money(self._amounts.ads)

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
            InvalidInputError: No line has that label.
        """
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
        for line in self.lines:
            rows.append(f"  {line.label:<{width}} {-line.amount!s:>12}")
            if line.kind is LineKind.VAT:
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

    Returns:
        The waterfall, whose lines and contribution sum to ``price``.

    Raises:
        InvalidInputError: The price is not > 0 or not whole minor units;
            an amount is negative; ACOS is given on a VAT-inclusive price
            without saying which sales it is measured against.
        CurrencyMismatchError: The price is not in the schedule's currency,
            or a cost is in another currency and no ``fx`` is given.
    """
    model = Model(
        fees=fees,
        costs=costs,
        vat=vat,
        returns=returns,
        ads=ads,
        fx=fx,
        fx_rounding=fx_rounding,
    )
    return build(model, check_price(price, model))


def model_of(listing: Listing) -> Model:
    """Compile a listing (private helper shared by the solvers)."""
    return Model(
        fees=listing.fees,
        costs=listing.costs,
        vat=listing.vat,
        returns=listing.returns,
        ads=listing.ads,
        fx=listing.fx,
        fx_rounding=listing.fx_rounding,
    )


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
    if not price.is_quantized():
        raise InvalidInputError(
            "quantize it with a named RoundingMode first",
            field="price",
            value=price,
            expected=f"a whole number of {price.currency.minor_unit}",
        )
    return price.amount


def build(
    model: Model, price: Decimal, amounts: Amounts | None = None
) -> UnitEconomics:
    """The waterfall of ``model`` at ``price`` (private helper).

    ``amounts`` may be passed when the caller has just evaluated the model
    at ``price`` (the solvers have).
    """
    if amounts is None:
        amounts = model.evaluate(price)
    currency = model.currency
    return UnitEconomics(
        price=_make(price, currency),
        gross=_make(amounts.gross, currency),
        net_revenue=_make(amounts.net, currency),
        contribution=_make(amounts.contribution, currency),
        vat_rule=model.vat,
        channel=model.fees.name,
        model=model,
        amounts=amounts,
    )


class _Lines:
    """Builds the explained lines from a model and its rounded amounts."""

    def __init__(self, model: Model, amounts: Amounts) -> None:
        self.model = model
        self.amounts = amounts
        self.items: list[WaterfallLine] = []
        self.currency = model.currency
        self.converted = {
            field: (original, converted)
            for field, original, converted in model.conversions
        }

    def money(self, amount: Decimal) -> Money:
        return _make(amount, self.currency)

    def add(
        self,
        label: str,
        kind: LineKind,
        amount: Decimal,
        *,
        base: Money | None = None,
        rate: Decimal | None = None,
        rule: str = "",
        source: str | None = None,
    ) -> None:
        self.items.append(
            WaterfallLine(
                label=label,
                kind=kind,
                amount=self.money(amount),
                base=base,
                rate=rate,
                rule=rule,
                source=source,
            )
        )

    def vat(self) -> None:
        vat = self.model.vat
        if vat is None:
            return
        rule = vat.description
        if not vat.included and vat.rate:
            on_top = self.amounts.gross - self.amounts.net
            rule += f"; the buyer pays {self.money(on_top)} on top, passed on"
        self.add(
            vat.label,
            LineKind.VAT,
            self.amounts.vat,
            base=self.money(self.amounts.price),
            rate=vat.rate if vat.included else None,
            rule=rule,
        )

    def fees(self) -> None:
        model, amounts, fees = self.model, self.amounts, self.model.fees
        source = fees.source
        if model.referral is not None:
            referral = model.referral
            base = amounts.gross if model.referral_gross else amounts.net
            minimum = referral.minimum_applies(base)
            rate = None
            if not minimum and (
                referral.mode is TierMode.WHOLE or len(referral.bands) == 1
            ):
                rate = referral.band_for(base).rate
            rule = referral.description + ("; the minimum applies" if minimum else "")
            self.add(
                "Referral fee",
                LineKind.FEE,
                amounts.referral,
                base=self.money(base),
                rate=rate,
                rule=rule,
                source=source,
            )
        for item in fees.fixed:
            self.add(item.label, LineKind.FEE, item.amount.amount,
                     rule="per unit", source=item.source or source)  # fmt: skip
        if fees.fulfilment is not None:
            self.add("Fulfilment fee", LineKind.FEE, fees.fulfilment.amount,
                     rule="the channel's fee per unit for this SKU")  # fmt: skip
        if fees.storage is not None:
            self.add("Storage fee", LineKind.FEE, fees.storage.amount,
                     rule="storage per unit sold, for this SKU")  # fmt: skip
        self.payment()
        if model.payout_rate:
            proceeds = amounts.net - self._deducted()
            self.add("Payout conversion", LineKind.FEE, amounts.payout,
                     base=self.money(max(proceeds, Decimal(0))), rate=model.payout_rate,
                     rule="on the proceeds converted to the home currency")  # fmt: skip

    def _deducted(self) -> Decimal:
        a, m = self.amounts, self.model
        return a.referral + m.fixed_total + m.unit_fees + a.payment

    def payment(self) -> None:
        payment = self.model.fees.payment
        if payment is None:
            return
        gross = self.amounts.gross
        components = payment.components()
        weights = [gross * rate for _, rate in components]
        weights[0] += payment.fixed.amount
        total = self.money(self.amounts.payment)
        if total.is_zero() or not any(weights):
            parts = [self.money(Decimal(0)) for _ in components]
        else:
            parts = list(allocate(total, weights))
        source = None if payment.validity is None else payment.validity.source
        for (label, rate), part in zip(components, parts, strict=True):
            self.add(
                label,
                LineKind.FEE,
                part.amount,
                base=self.money(gross),
                rate=rate,
                rule=payment.description,
                source=source,
            )

    def costs(self) -> None:
        model = self.model
        self.add("Landed cost", LineKind.COST, model.landed,
                 rule=self._converted("costs.landed", "per unit"))  # fmt: skip
        if model.own_fulfilment:
            self.add("Own fulfilment", LineKind.COST, model.own_fulfilment,
                     rule=self._converted("costs.fulfilment", "per unit"))  # fmt: skip
        for index, (label, amount) in enumerate(model.other):
            rule = self._converted(f"costs.other[{index}].amount", "per unit")
            self.add(label, LineKind.COST, amount, rule=rule)
        if model.returns is not None:
            rule = self._converted("returns.handling", model.returns.description)
            self.add(
                "Return allowance",
                LineKind.RETURNS,
                model.returns_allowance,
                rule=rule,
            )
        if model.ads is not None:
            self.add(model.ads.label, LineKind.ADVERTISING, self.amounts.ads,
                     rule=model.ads.description)  # fmt: skip

    def _converted(self, field: str, rule: str) -> str:
        found = self.converted.get(field)
        if found is None:
            return rule
        original, converted = found
        return f"{rule}; {original} converted to {converted}"
