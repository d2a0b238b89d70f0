"""Waterfall lines: what each step takes from the price, and why.

A :class:`WaterfallLine` is one step of a
:class:`~xborder.pricing.UnitEconomics` waterfall: its amount, the base and
rate it came from, the rule in words and, for presets, the source.
:class:`LineKind` groups the lines (VAT, channel fees, own costs, returns,
advertising).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._guard import guard_public
from xborder._ops import DECIMALS
from xborder._validate import named_errors, optional_text, text
from xborder.errors import CurrencyMismatchError, InvalidTypeError
from xborder.money import Money, allocate
from xborder.money.converters import exact_money, money_value
from xborder.pricing._common import assemble, optional_decimal, percent, plain_text
from xborder.pricing._model import return_costs, shipping_lines
from xborder.pricing._shapes import spread
from xborder.pricing.referral import TierMode
from xborder.pricing.returns import ReturnRateBasis

if TYPE_CHECKING:
    from xborder.pricing._model import Amounts, Model
    from xborder.pricing.referral import ReferralFee
    from xborder.pricing.returns import Returns

_HUNDREDTH_PERCENT = Decimal("0.0001")  # how a converted return rate is shown

__all__ = ["LineKind", "WaterfallLine"]


class LineKind(enum.StrEnum):
    """What a waterfall line takes from the price.

    Examples:
        >>> LineKind("fee") is LineKind.FEE
        True
    """

    VAT = "vat"
    """Tax owed to the market's tax office, not revenue."""
    FEE = "fee"
    """Charged by the channel: referral, fixed, fulfilment, storage, payment, payout."""
    COST = "cost"
    """The seller's own cost: landed cost, own fulfilment, packaging."""
    RETURNS = "returns"
    """What returns take per unit ordered: refunds, fees credited and kept, handling."""
    ADVERTISING = "advertising"
    """Ad spend or acquisition cost per unit."""
    REVENUE = "revenue"
    """Revenue on top of the price (shipping charged): a negative amount, it adds."""


def _kind(value: LineKind) -> LineKind:
    if not isinstance(value, LineKind):
        raise InvalidTypeError(field=None, value=value, expected="a LineKind")
    return value


def _optional_money(value: Money | None) -> Money | None:
    return None if value is None else money_value(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
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

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts, unit_economics
        >>> result = unit_economics(
        ...     Money("20.00", "USD"),
        ...     fees=FeeSchedule(name="Own site", currency="USD"),
        ...     costs=UnitCosts(landed=Money("9.00", "USD")),
        ... )
        >>> line = result.lines[0]
        >>> line.label, line.kind, str(line.amount)
        ('Landed cost', <LineKind.COST: 'cost'>, '9.00 USD')
    """

    label: str = attrs.field(converter=text)
    kind: LineKind = attrs.field(converter=_kind)
    amount: Money = attrs.field(converter=money_value)
    base: Money | None = attrs.field(default=None, converter=_optional_money)
    rate: Decimal | None = attrs.field(default=None, converter=optional_decimal)
    rule: str = attrs.field(default="", converter=plain_text)
    source: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.base is not None and self.base.currency != self.amount.currency:
            raise CurrencyMismatchError(
                "a line is taken from an amount in its own currency",
                field="base",
                value=self.base,
                expected=f"an amount in {self.amount.currency.code}",
            )

    def explain(self) -> str:
        """The line in one sentence.

        Examples:
            >>> line = WaterfallLine(
            ...     label="Referral fee",
            ...     kind=LineKind.FEE,
            ...     amount=Money("4.50", "USD"),
            ...     base=Money("29.99", "USD"),
            ...     rate=Decimal("0.15"),
            ...     rule="15%",
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


def build_lines(model: Model, amounts: Amounts[Decimal]) -> tuple[WaterfallLine, ...]:
    """The explained lines of ``model`` at the rounded ``amounts`` (private helper)."""
    lines = _Lines(model, amounts)
    lines.shipping()
    lines.vat()
    lines.fees()
    lines.costs()
    return tuple(lines.items)


class _Lines:
    """Builds the explained lines from a model and its rounded amounts."""

    def __init__(self, model: Model, amounts: Amounts[Decimal]) -> None:
        self.model = model
        self.amounts = amounts
        self.items: list[WaterfallLine] = []
        self.currency = model.currency
        self.converted = {
            field: (original, converted)
            for field, original, converted in model.conversions
        }

    def money(self, amount: Decimal) -> Money:
        return exact_money(amount, self.currency)

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
        # Every part is computed here from checked inputs: skip the checks.
        self.items.append(
            assemble(
                WaterfallLine,
                label=label,
                kind=kind,
                amount=self.money(amount),
                base=base,
                rate=rate,
                rule=rule,
                source=source,
            )
        )

    def shipping(self) -> None:
        """The shipping charged: revenue, so a line that adds (a negative amount)."""
        if not self.amounts.shipping:
            return  # no charge, or none on this row: nothing to show
        refunded = self.model.ship_refunded
        rule = "charged to the buyer on top of the price; fees on the total include it"
        if self.model.returns is not None:
            rule += "; refunded with the price" if refunded else "; kept on returns"
        self.add("Shipping charged", LineKind.REVENUE, -self.amounts.shipping,
                 rule=rule)  # fmt: skip

    def vat(self) -> None:
        vat, amounts = self.model.vat, self.amounts
        if vat is None:
            return
        gross, _, shipping_vat = shipping_lines(DECIMALS, self.model, amounts.shipping)
        rule = vat.description
        if not vat.included and vat.rate:
            on_top = amounts.gross - amounts.net
            rule += f"; the buyer pays {self.money(on_top)} on top, passed on"
        self.add(
            vat.label,
            LineKind.VAT,
            amounts.vat - shipping_vat,
            base=self.money(amounts.price),
            rate=vat.rate if vat.included else None,
            rule=rule,
        )
        if shipping_vat:
            self.add(
                "VAT on shipping",
                LineKind.VAT,
                shipping_vat,
                base=self.money(gross),
                rate=vat.rate,
                rule="delivery is part of the goods' taxable amount, at their rate "
                "(VAT Directive art. 78(b); HMRC VAT Notice 700/24)",
            )

    def fees(self) -> None:
        model, amounts, fees = self.model, self.amounts, self.model.fees
        source = fees.source
        if model.referral is not None:
            referral = model.referral
            base = amounts.gross if model.referral_gross else amounts.net
            minimum = referral._minimum_applies(base)  # noqa: SLF001 - same package
            rate = None
            band = referral._band_for(base)  # noqa: SLF001 - same package
            if (
                not minimum
                and not _cap_note(referral, base)
                and band.fixed is None  # a rate and a fixed amount: no one rate
                and (referral.mode is TierMode.WHOLE or len(referral.bands) == 1)
            ):
                rate = band.rate
            rule = referral.description + ("; the minimum applies" if minimum else "")
            rule += _cap_note(referral, base)
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
        if model.more_fees:
            self.more_fees()
        if model.payout_rate:
            proceeds = amounts.net - self._deducted()
            self.add("Payout conversion", LineKind.FEE, amounts.payout,
                     base=self.money(max(proceeds, Decimal(0))), rate=model.payout_rate,
                     rule="on the proceeds converted to the home currency")  # fmt: skip

    def _deducted(self) -> Decimal:
        a = self.amounts
        sale = self._sale_fees()
        return sale + a.refunded - a.credited + a.admin

    def _sale_fees(self) -> Decimal:
        a, m = self.amounts, self.model
        more = a.orders + a.attributed + a.fee_tax
        return a.referral + m.fixed_total + m.unit_fees + a.payment + more

    def more_fees(self) -> None:
        """Per-order fees, the attributed-sale fee and the tax on fees, explained."""
        fees, amounts, unit = self.model.fees, self.amounts, self.model.unit
        units = fees.units_per_order
        total = amounts.gross * units
        for fee in fees.per_order:
            per_order = fee._tier_for(total).amount.amount  # noqa: SLF001 - same package
            share = spread(per_order, units, unit, fees.rounding.value)
            source = fee.source or fees.source
            self.add(fee.label, LineKind.FEE, share, base=self.money(total),
                     rule=fee.describe(units), source=source)  # fmt: skip
        attributed = fees.attributed
        if attributed is not None:
            base = amounts.gross if self.model.attributed_gross else amounts.net
            self.add(attributed.label, LineKind.FEE, amounts.attributed,
                     base=self.money(base * units), rule=attributed.description,
                     source=attributed.source or fees.source)  # fmt: skip
        tax = fees.fee_tax
        if tax is not None:
            taxed = self._sale_fees() - amounts.fee_tax
            self.add(tax.label, LineKind.FEE, amounts.fee_tax,
                     base=self.money(taxed), rate=tax.rate, rule=tax.description,
                     source=tax.source)  # fmt: skip

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
            self.returns(model.returns)
        if model.ads is not None:
            self.add(model.ads.label, LineKind.ADVERTISING, self.amounts.ads,
                     rule=model.ads.description)  # fmt: skip

    def returns(self, returns: Returns) -> None:
        """The return lines, per unit ordered: each the rate times its base."""
        model, amounts = self.model, self.amounts
        rate = model.return_rate
        counted = f"{percent(rate)} of units ordered"
        if returns.basis is ReturnRateBasis.PER_UNIT_KEPT:
            shown = rate.quantize(_HUNDREDTH_PERCENT, context=EXACT)
            counted = (
                f"{percent(returns.rate)} of units kept (~{percent(shown)} ordered)"
            )
        base, what = amounts.net, "refunded"
        if amounts.shipping and not model.ship_refunded:
            base = amounts.net - shipping_lines(DECIMALS, model, amounts.shipping)[1]
            what = "refunded, the shipping charged kept"
        elif amounts.shipping:
            what = "refunded with the shipping charged"
        self.add("Refunded price", LineKind.RETURNS, amounts.refunded,
                 base=self.money(base), rate=rate,
                 rule=f"{counted} {what}; the VAT on them is reclaimed, "
                 "the fees not credited are kept")  # fmt: skip
        if model.referral_credit:
            self.add("Referral fee refunded", LineKind.RETURNS, -amounts.credited,
                     base=self.money(amounts.referral), rate=rate,
                     rule=f"credited back on {counted}")  # fmt: skip
            fee = returns.refund_fee
            if fee is not None:
                self.add("Refund administration fee", LineKind.RETURNS,
                         amounts.admin, rule=f"{fee.description}, on {counted}",
                         source=fee.source)  # fmt: skip
        lines = return_costs(DECIMALS, model, model.landed)
        if returns.handling is not None:
            rule = self._converted("returns.handling", f"on {counted}")
            self.add("Return shipping and processing", LineKind.RETURNS,
                     lines.handling, rule=rule)  # fmt: skip
        if model.return_recovered:
            self.add("Returned stock resold", LineKind.RETURNS, -lines.resold,
                     base=self.money(model.landed),
                     rule=returns.resale.description)  # fmt: skip

    def _converted(self, field: str, rule: str) -> str:
        found = self.converted.get(field)
        if found is None:
            return rule
        original, converted = found
        return f"{rule}; {original} converted to {converted}"


def _cap_note(referral: ReferralFee, base: Decimal) -> str:
    """A note for the referral line where the per-item maximum sets the fee."""
    return "; the cap applies" if referral._maximum_applies(base) else ""  # noqa: SLF001


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
