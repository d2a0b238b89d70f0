"""Government fees on an import entry (private)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from xborder._validate import flag, named_errors, non_negative, text
from xborder.customs._conversion import percent
from xborder.customs._convert import mode_set, optional_text, validity_value
from xborder.customs._incoterm import TransportMode
from xborder.dated import Validity
from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
)
from xborder.money import Money
from xborder.money._money import optional_money

__all__ = ["Fee"]

_AMOUNTS = ("amount", "minimum", "maximum", "above", "at_or_below")


def _optional_rate(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None else non_negative(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Fee:
    r"""A fee charged on an entry: a flat amount, or a rate with a floor and cap.

    $$\text{fee} = \min(\max(\text{rate} \times \text{value},\ \text{minimum}),
      \ \text{maximum})$$ or a flat ``amount``. The value is the consignment's
    customs value; the fee is then shared over the lines by value.

    Args:
        id: A stable name for the audit trail.
        name: What the fee is called ("Merchandise processing fee").
        rate: The ad valorem rate, as a fraction; or
        amount: A flat amount per entry (exactly one of ``rate`` and
            ``amount``).
        minimum: The least charged (with ``rate``).
        maximum: The most charged (with ``rate``).
        modes: Transport modes the fee applies to (the US harbor maintenance
            fee: ocean only); ``None`` for all.
        above: Charge only when the customs value is above this (formal
            entries).
        at_or_below: Charge only when the customs value is at or below this
            (informal entries).
        taxable: Whether import VAT/GST is charged on the fee.
        validity: When the fee applies, and its source.
        note: Caveats.

    Examples:
        >>> import datetime as dt
        >>> from xborder.dated import Validity
        >>> mpf = Fee(
        ...     id="US-MPF",
        ...     name="Merchandise processing fee",
        ...     rate="0.003464",
        ...     minimum=Money("33.58", "USD"),
        ...     maximum=Money("651.50", "USD"),
        ...     validity=Validity(
        ...         valid_from="2025-10-01", valid_to="2026-10-01", source="CBP"
        ...     ),
        ... )
        >>> str(mpf.charge(Money("20000.00", "USD")))
        '69.28000000 USD'
        >>> str(mpf.charge(Money("1000.00", "USD")))
        '33.58 USD'
    """

    id: str = attrs.field(converter=text)
    name: str = attrs.field(converter=text)
    validity: Validity = attrs.field(converter=validity_value)
    rate: Decimal | None = attrs.field(default=None, converter=_optional_rate)
    amount: Money | None = attrs.field(default=None, converter=optional_money)
    minimum: Money | None = attrs.field(default=None, converter=optional_money)
    maximum: Money | None = attrs.field(default=None, converter=optional_money)
    modes: frozenset[TransportMode] | None = attrs.field(
        default=None, converter=mode_set
    )
    above: Money | None = attrs.field(default=None, converter=optional_money)
    at_or_below: Money | None = attrs.field(default=None, converter=optional_money)
    taxable: bool = attrs.field(default=False, converter=flag)
    note: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        if (self.rate is None) == (self.amount is None):
            raise InvalidInputError(
                field="rate",
                value=(self.rate, self.amount),
                expected="exactly one of rate and amount",
            )
        if self.rate is None and (self.minimum or self.maximum):
            raise InvalidInputError(
                field="minimum",
                value=(self.minimum, self.maximum),
                expected="a minimum or maximum only with a rate",
            )
        self._check_currencies()
        if (
            self.above is not None
            and self.at_or_below is not None
            and not self.at_or_below > self.above
        ):
            # value > above and value <= at_or_below: no value could be both.
            raise InvalidInputError(
                field="at_or_below",
                value=self.at_or_below,
                expected=f"more than above ({self.above}), or the fee never applies",
            )
        if self.minimum and self.maximum and self.minimum > self.maximum:
            raise InvalidInputError(
                field="maximum", value=self.maximum, expected="maximum >= minimum"
            )

    def _check_currencies(self) -> None:
        first: Money | None = None
        for name in _AMOUNTS:
            money = getattr(self, name)
            if money is None:
                continue
            if first is None:
                first = money
            elif money.currency != first.currency:
                raise CurrencyMismatchError(
                    field=name,
                    value=money,
                    expected=f"an amount in {first.currency.code}, as the fee's others",
                )

    def applies(self, value: Money, mode: TransportMode) -> bool:
        """Whether the fee is due on an entry of ``value`` by ``mode``."""
        _check_value(value)
        if not isinstance(mode, TransportMode):  # "air" would never match
            raise InvalidTypeError(field="mode", value=mode, expected="a TransportMode")
        if self.modes is not None and mode not in self.modes:
            return False
        if self.above is not None and not value > self.above:
            return False
        return self.at_or_below is None or value <= self.at_or_below

    def charge(self, value: Money) -> Money:
        """The fee on an entry of customs value ``value``, unrounded."""
        return self.evaluate(value)[0]

    def evaluate(self, value: Money) -> tuple[Money, str]:
        """The fee and what set it: ``flat``, ``rate``, ``minimum`` or ``maximum``."""
        _check_value(value)
        if self.amount is not None:
            return self.amount, "flat"
        fee = value * (self.rate or 0)
        if self.minimum is not None and fee < self.minimum:
            return self.minimum, "minimum"
        if self.maximum is not None and fee > self.maximum:
            return self.maximum, "maximum"
        return fee, "rate"

    def describe(self) -> str:
        """The fee in words: ``0.3464% (min 33.58 USD, max 651.50 USD)``."""
        if self.amount is not None:
            return f"{self.amount} flat"
        limits = [
            f"min {self.minimum}" if self.minimum else "",
            f"max {self.maximum}" if self.maximum else "",
        ]
        bounds = ", ".join(part for part in limits if part)
        rate = percent(self.rate or Decimal(0))
        return f"{rate} ({bounds})" if bounds else rate


def _check_value(value: Money) -> None:
    # A customs value in another currency raises CurrencyMismatchError when
    # compared with the fee's amounts; anything but Money is refused here.
    if not isinstance(value, Money):
        raise InvalidTypeError(field="value", value=value, expected="Money")
