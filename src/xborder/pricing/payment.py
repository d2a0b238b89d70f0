r"""Card processing on an independent site, with stacked surcharges.

An independent site pays its payment processor a percentage of each charge
plus a fixed amount per transaction, and surcharges stack on top when the
card was issued abroad or the charge is converted to another currency.

Examples:
    >>> from xborder.money import Money
    >>> stripe = PaymentFee(name="card", rate="0.029", fixed=Money("0.30", "USD"))
    >>> str(stripe.fee(Money("100.00", "USD")))
    '3.20 USD'
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from xborder._exact import EXACT
from xborder._guard import guard_public
from xborder._validate import named_errors, require, text
from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import exact_money, non_negative_money
from xborder.pricing._common import (
    flag,
    optional_validity,
    percent,
    rate_fraction,
    rounding,
    same_currency,
)

__all__ = ["PaymentFee"]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PaymentFee:
    r"""Card processing on an independent site: a percentage plus a fixed amount.

    $$\text{fee} = \operatorname{round}\bigl(c\,(r + s_i + s_x) + f\bigr)$$

    where $c$ is the amount charged, $r$ the base rate, $f$ the fixed fee per
    transaction, and the surcharges count only when they apply to the sale:
    $s_i$ for a card issued outside the account's country,
    $s_x$ when the charge is converted to another currency. They
    stack: Stripe US is 2.9% + 1.5% + 1% + \$0.30 = 5.4% + \$0.30 for a
    foreign card charged in a foreign currency (fundmore.finance and
    getfreelancecalc.com summaries of stripe.com/pricing).

    Args:
        name: The processor and plan ("Stripe US, online cards").
        rate: The base percentage as a fraction.
        fixed: The fixed fee per transaction.
        international_card: The surcharge for a card issued abroad.
        currency_conversion: The surcharge when the charge is converted.
        international: Whether this sale's card is international.
        converted: Whether this sale's charge is converted.
        rounding: How the fee is rounded to the minor unit.
        validity: When the rates applied and where they were read.

    Examples:
        >>> stripe = PaymentFee(name="card", rate="0.029", fixed=Money("0.30", "USD"))
        >>> str(stripe.fee(Money("100.00", "USD")))
        '3.20 USD'
    """

    name: str = attrs.field(converter=text)
    rate: Decimal = attrs.field(converter=rate_fraction)
    fixed: Money = attrs.field(converter=non_negative_money)
    international_card: Decimal = attrs.field(
        default=Decimal(0), converter=rate_fraction
    )
    currency_conversion: Decimal = attrs.field(
        default=Decimal(0), converter=rate_fraction
    )
    international: bool = attrs.field(default=False, converter=flag)
    converted: bool = attrs.field(default=False, converter=flag)
    rounding: RoundingMode = attrs.field(
        default=RoundingMode.HALF_UP, converter=rounding
    )
    validity: Validity | None = attrs.field(default=None, converter=optional_validity)
    description: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        require(
            self.total_rate < 1,
            field="rate",
            value=self.total_rate,
            expected="rates that add up to less than 1",
        )
        object.__setattr__(self, "description", self._describe())

    @property
    def currency(self) -> Currency:
        """The currency of the fixed fee and of the charges it applies to."""
        return self.fixed.currency

    @property
    def total_rate(self) -> Decimal:
        """The percentage charged on this sale, surcharges that apply included."""
        total = self.rate
        if self.international:
            total += self.international_card
        if self.converted:
            total += self.currency_conversion
        return total

    def components(self) -> tuple[tuple[str, Decimal], ...]:
        """The percentages that apply, each with a label, base rate first."""
        parts = [
            (f"Payment processing ({percent(self.rate)} + {self.fixed})", self.rate)
        ]
        if self.international and self.international_card:
            parts.append(
                (f"International card surcharge ({percent(self.international_card)})",
                 self.international_card)
            )  # fmt: skip
        if self.converted and self.currency_conversion:
            parts.append(
                (f"Currency conversion surcharge ({percent(self.currency_conversion)})",
                 self.currency_conversion)
            )  # fmt: skip
        return tuple(parts)

    def for_sale(self, *, international: bool, converted: bool) -> PaymentFee:
        """The same plan with the surcharges that apply to one kind of sale.

        Examples:
            >>> us = PaymentFee(
            ...     name="card", rate="0.029", fixed=Money("0.30", "USD"),
            ...     international_card="0.015", currency_conversion="0.01",
            ... )
            >>> us.for_sale(international=True, converted=True).total_rate
            Decimal('0.054')
        """
        return attrs.evolve(self, international=international, converted=converted)

    def fee(self, charge: Money) -> Money:
        """The fee on one charge, rounded to the minor unit with :attr:`rounding`."""
        if not isinstance(charge, Money):
            raise InvalidTypeError(field="charge", value=charge, expected="Money")
        if charge.is_negative():  # a refund is not a charge: its fee is not -rate
            raise InvalidInputError(
                field="charge", value=charge, expected="an amount >= 0"
            )
        same_currency(charge, self.currency, "charge")
        raw = EXACT.add(
            EXACT.multiply(charge.amount, self.total_rate), self.fixed.amount
        )
        return exact_money(raw, charge.currency).quantize(self.rounding)

    def _describe(self) -> str:
        rule = (
            f"{self.name}: {percent(self.total_rate)} of the charge "
            f"+ {self.fixed} per transaction"
        )
        if self.total_rate != self.rate:
            stacked = " + ".join(percent(rate) for _, rate in self.components())
            rule += f" ({stacked})"
        return rule


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
