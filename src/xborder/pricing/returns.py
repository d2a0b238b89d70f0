r"""Returns as refunds: what a return takes back, what the channel keeps, what is lost.

A return is not a cost line like any other: the sale is reversed. Per unit
**ordered**, at a return rate $r$ (units returned ÷ units ordered, the way
marketplaces measure it), the waterfall takes:

* the **refunded price**, $r \cdot N$: the buyer gets the price back with
  its VAT, and the seller reclaims that VAT from the tax office, so what
  leaves is the net price $N$;
* minus the **referral fee refunded**, $r \cdot F$, where the channel
  returns its commission on a refund ($F$ is the referral fee);
* plus the **refund administration fee** it keeps instead,
  $r \cdot \min(\text{cap}, s \cdot F)$ (Amazon US: the lesser of \$5 or
  20% of the referral fee);
* plus **return shipping and processing**, $r \cdot h$;
* minus the **returned stock resold**, $r \cdot \rho \cdot L$: units resold
  as new recover their landed cost $L$, refurbished units a share of it,
  written-off units nothing ($\rho$ is the recovered share).

The fees the channel does not refund (fulfilment, storage, fixed and
payment fees) stay where the sale put them: they are charged per unit
ordered, returned or not. Every line is rounded to the minor unit.

Rates come in two conventions, and :class:`ReturnRateBasis` names which:
per unit ordered ($r$) or per unit kept ($k$, returns ÷ units the buyers
kept); $r = k / (1 + k)$, and xborder converts with one rounding per line.

Examples:
    >>> from xborder.money import Money
    >>> returns = Returns(
    ...     rate="0.03",
    ...     basis=ReturnRateBasis.PER_UNIT_ORDERED,
    ...     handling=Money("1.50", "USD"),
    ...     refund_fee=RefundAdministrationFee(share="0.20", cap=Money("5.00", "USD")),
    ... )
    >>> print(returns.description)
    3% of units ordered are returned; each costs 1.50 USD to ship back and process;
    all written off; the channel keeps the lesser of 5.00 USD or 20% of the referral
    fee, per unit
    >>> str(returns.refund_fee.amount(Money("1.95", "USD")))
    '0.3900 USD'
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._guard import guard_public
from xborder._validate import (
    DecimalInput,
    flag,
    fraction,
    named_errors,
    require,
    text,
)
from xborder.dated import Validity
from xborder.errors import CurrencyMismatchError, InvalidTypeError
from xborder.money import Money
from xborder.money.converters import exact_money, non_negative_money
from xborder.pricing._common import optional_validity, percent

__all__ = [
    "RefundAdministrationFee",
    "Resale",
    "ReturnRateBasis",
    "Returns",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)


def _optional_cost(value: Money | None) -> Money | None:
    return None if value is None else non_negative_money(value)


class ReturnRateBasis(enum.StrEnum):
    """What a return rate is measured against.

    Examples:
        >>> ReturnRateBasis("per unit kept") is ReturnRateBasis.PER_UNIT_KEPT
        True
    """

    PER_UNIT_ORDERED = "per unit ordered"
    """Units returned ÷ units ordered: how marketplaces report it."""
    PER_UNIT_KEPT = "per unit kept"
    """Units returned ÷ units the buyers kept (sold net of returns)."""


_COUNTED = {
    ReturnRateBasis.PER_UNIT_ORDERED: "ordered",
    ReturnRateBasis.PER_UNIT_KEPT: "kept",
}


def _per(value: str) -> str:
    what = text(value)
    require(
        what in {"unit", "line item"},
        field=None,
        value=value,
        expected="'unit' or 'line item'",
    )
    return what


def _basis(value: ReturnRateBasis) -> ReturnRateBasis:
    if not isinstance(value, ReturnRateBasis):
        raise InvalidTypeError(
            field=None,
            value=value,
            expected="a ReturnRateBasis (PER_UNIT_ORDERED or PER_UNIT_KEPT)",
        )
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RefundAdministrationFee:
    r"""What a channel keeps of its referral fee when a sale is refunded.

    $$\text{kept} = \min(\text{cap},\ s \cdot F)$$

    of the referral fee $F$ on the refunded unit; the rest of $F$ is
    credited back to the seller.

    Args:
        share: The share of the referral fee kept (``"0.20"``).
        cap: The most kept per refunded unit (or line), if there is a cap.
        per: What the cap counts: ``"unit"`` (Amazon US) or
            ``"line item"`` (Amazon EU and UK: several units of one item on
            one refund are one line, so the cap binds less often than here,
            where every refunded unit is its own line).
        validity: Where and when a preset's rule was read.

    Examples:
        >>> fee = RefundAdministrationFee(share="0.20", cap=Money("5.00", "USD"))
        >>> str(fee.amount(Money("40.00", "USD")))
        '5.00 USD'
        >>> fee.description
        'the lesser of 5.00 USD or 20% of the referral fee, per unit'
    """

    share: Decimal = attrs.field(converter=fraction)
    cap: Money | None = attrs.field(default=None, converter=_optional_cost)
    per: str = attrs.field(default="unit", converter=_per)
    validity: Validity | None = attrs.field(default=None, converter=optional_validity)
    description: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        kept = f"{percent(self.share)} of the referral fee"
        if self.cap is not None:
            kept = f"the lesser of {self.cap} or {kept}"
        object.__setattr__(self, "description", f"{kept}, per {self.per}")

    @property
    def source(self) -> str | None:
        """The preset's source URL, if it has one."""
        return None if self.validity is None else self.validity.source

    def amount(self, referral_fee: Money) -> Money:
        """The fee kept on one refunded unit whose referral fee was ``referral_fee``.

        Raises:
            InvalidTypeError: ``referral_fee`` is not Money.
            CurrencyMismatchError: The cap is in another currency.
        """
        if not isinstance(referral_fee, Money):
            raise InvalidTypeError(
                field="referral_fee", value=referral_fee, expected="Money"
            )
        kept = exact_money(
            EXACT.multiply(referral_fee.amount, self.share), referral_fee.currency
        )
        if self.cap is None:
            return kept
        if self.cap.currency != referral_fee.currency:
            raise CurrencyMismatchError(
                field="referral_fee",
                value=referral_fee,
                expected=f"an amount in the cap's currency {self.cap.currency.code}",
            )
        return min(kept, self.cap, key=lambda money: money.amount)


def _share(value: DecimalInput) -> Decimal:
    return fraction(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Resale:
    r"""What becomes of returned units: resold as new, refurbished, or written off.

    The landed cost recovered per returned unit is
    $\rho = n + f \cdot v$: the share $n$ resold as new recovers all of it,
    the share $f$ refurbished recovers the fraction $v$ (its resale value
    net of refurbishing, as a share of the landed cost), and the rest is
    written off. Cross-border sellers often write returns off: shipping a
    unit back to China costs more than the unit.

    Args:
        new: The share of returned units resold as new.
        refurbished: The share refurbished and resold.
        refurbished_value: What a refurbished unit recovers, as a share of
            its landed cost.

    Examples:
        >>> resale = Resale(new="0.6", refurbished="0.2", refurbished_value="0.5")
        >>> resale.recovered, resale.written_off
        (Decimal('0.70'), Decimal('0.2'))
    """

    new: Decimal = attrs.field(default=_ZERO, converter=_share)
    refurbished: Decimal = attrs.field(default=_ZERO, converter=_share)
    refurbished_value: Decimal = attrs.field(default=_ZERO, converter=_share)

    def __attrs_post_init__(self) -> None:
        require(
            EXACT.add(self.new, self.refurbished) <= 1,
            field="refurbished",
            value=self.refurbished,
            expected=f"at most {EXACT.subtract(_ONE, self.new)} (new + refurbished)",
        )

    @property
    def written_off(self) -> Decimal:
        """The share of returned units that recovers nothing."""
        return EXACT.subtract(EXACT.subtract(_ONE, self.new), self.refurbished)

    @property
    def recovered(self) -> Decimal:
        """The share of the landed cost a returned unit recovers, on average."""
        return EXACT.add(
            self.new, EXACT.multiply(self.refurbished, self.refurbished_value)
        )

    @property
    def description(self) -> str:
        """The resale in words."""
        if self.written_off == 1:
            return "all written off"
        parts = []
        if self.new:
            parts.append(f"{percent(self.new)} resold as new")
        if self.refurbished:
            parts.append(
                f"{percent(self.refurbished)} refurbished at "
                f"{percent(self.refurbished_value)} of the landed cost"
            )
        if self.written_off:
            parts.append(f"{percent(self.written_off)} written off")
        return ", ".join(parts)


def _rate(value: DecimalInput) -> Decimal:
    number = fraction(value)
    require(number < 1, field=None, value=value, expected="a return rate below 1")
    return number


def _resale(value: Resale) -> Resale:
    if not isinstance(value, Resale):
        raise InvalidTypeError(field=None, value=value, expected="a Resale")
    return value


def _refund_fee(
    value: RefundAdministrationFee | None,
) -> RefundAdministrationFee | None:
    if value is not None and not isinstance(value, RefundAdministrationFee):
        raise InvalidTypeError(
            field=None, value=value, expected="a RefundAdministrationFee or None"
        )
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Returns:
    r"""Returns as refunds: the rate, what each return costs, what comes back.

    The waterfall is then per unit **ordered**; see the module for its
    return lines. A rate per unit kept $k$ is the rate $k / (1 + k)$ per
    unit ordered.

    Args:
        rate: The return rate, a fraction below 1 (``"0.03"``).
        basis: What the rate is measured against: say it, because the
            two conventions differ by a factor $1 + k$.
        handling: Return shipping and processing per returned unit (the
            label, the inspection, a returns-processing fee), if any.
        resale: What becomes of returned units (default: all written off).
        referral_refunded: Whether the channel refunds its referral fee on
            a refund (Amazon, eBay, TikTok Shop: yes, less a fee).
        refund_fee: What the channel keeps of the referral fee it refunds,
            if anything.

    Raises:
        InvalidInputError: The rate is 1 or more, or negative.

    Examples:
        >>> r = Returns(rate="0.05", basis=ReturnRateBasis.PER_UNIT_KEPT)
        >>> r.per_unit_ordered
        Decimal('0.04761904761904761904761904761904762')
    """

    rate: Decimal = attrs.field(converter=_rate)
    basis: ReturnRateBasis = attrs.field(converter=_basis)
    handling: Money | None = attrs.field(default=None, converter=_optional_cost)
    resale: Resale = attrs.field(factory=Resale, converter=_resale)
    referral_refunded: bool = attrs.field(default=True, converter=flag)
    refund_fee: RefundAdministrationFee | None = attrs.field(
        default=None, converter=_refund_fee
    )
    description: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        counted = _COUNTED[self.basis]
        parts = [f"{percent(self.rate)} of units {counted} are returned"]
        if self.handling is not None:
            parts.append(f"each costs {self.handling} to ship back and process")
        parts.append(self.resale.description)
        if not self.referral_refunded:
            parts.append("the referral fee is not refunded")
        elif self.refund_fee is not None:
            parts.append(f"the channel keeps {self.refund_fee.description}")
        object.__setattr__(self, "description", "; ".join(parts))

    @property
    def fraction(self) -> tuple[Decimal, Decimal]:
        """The rate per unit ordered as numerator and denominator: ``(k, 1 + k)``.

        Kept exact, so each return line is rounded once: ``(r, 1)`` for a
        rate per unit ordered.
        """
        if self.basis is ReturnRateBasis.PER_UNIT_ORDERED:
            return self.rate, _ONE
        return self.rate, EXACT.add(_ONE, self.rate)

    @property
    def per_unit_ordered(self) -> Decimal:
        """The rate per unit ordered (34 significant digits where it is inexact)."""
        numerator, denominator = self.fraction
        return DIVISION.divide(numerator, denominator)

    @property
    def per_unit_kept(self) -> Decimal:
        """The rate per unit kept: $r / (1 - r)$ for a rate $r$ per unit ordered."""
        if self.basis is ReturnRateBasis.PER_UNIT_KEPT:
            return self.rate
        return DIVISION.divide(self.rate, EXACT.subtract(_ONE, self.rate))


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
