"""How a jurisdiction rounds duty and tax figures (private)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from xborder._exact import EXACT
from xborder._validate import DecimalInput, named_errors, positive
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Currency, Money, RoundingMode
from xborder.money._money import _make, round_to_step, to_minor_unit

__all__ = ["RoundingPolicy"]


def _mode(value: RoundingMode) -> RoundingMode:
    if not isinstance(value, RoundingMode):
        raise InvalidTypeError(field=None, value=value, expected="a RoundingMode")
    return value


def _optional_step(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else positive(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RoundingPolicy:
    """How one duty or tax figure is rounded, named in full.

    Most administrations round each figure to the currency's minor unit;
    some also round the *base* first and the result to a coarser step.
    Japan Customs, for example, truncates the tax base to ¥1,000 and the duty
    to ¥100, and truncates the declaration's total of each tax to ¥100
    (Customs Answer 1111). Published examples disagree elsewhere too: a UK
    example truncates £4.025 of duty to £4.02 where half-up gives £4.03.

    Without ``total_step``, each line's figure is rounded to ``step`` and the
    total is the sum of the lines. With it, the declaration's total is the
    sum of the lines' *unrounded* figures rounded to ``total_step``, and is
    shared back over the lines in proportion to their unrounded figures;
    each line's ``step``-rounded figure then serves only as the base of the
    taxes computed on it (Japan Customs' worked example: items of ¥74,760
    and ¥17,640 duty are truncated to ¥74,700 and ¥17,600 for the
    consumption tax base, and the declaration pays ¥92,400).

    Args:
        mode: How to round, every time this policy rounds.
        step: The step each line's figure is rounded to; ``None`` means the
            currency's minor unit.
        base_step: Round the base to this step *before* applying a
            rate (with the same ``mode``); ``None`` leaves the base as is.
        total_step: Round the declaration's total to this step (see above);
            ``None`` keeps the sum of the rounded lines.

    Examples:
        >>> policy = RoundingPolicy(mode=RoundingMode.DOWN, step=100, base_step=1000)
        >>> str(policy.round_base(Money("534795", "JPY")))
        '534000 JPY'
        >>> str(policy.round(Money("74760", "JPY")))
        '74700 JPY'
    """

    mode: RoundingMode = attrs.field(converter=_mode)
    step: Decimal | None = attrs.field(default=None, converter=_optional_step)
    base_step: Decimal | None = attrs.field(default=None, converter=_optional_step)
    total_step: Decimal | None = attrs.field(default=None, converter=_optional_step)

    def round(self, money: Money) -> Money:
        """Round one figure to :attr:`step` (or the currency's minor unit)."""
        if not isinstance(money, Money):  # inline: a landed cost rounds each figure
            raise _not_money(money)
        currency = money.currency
        if self.step is None:
            return _make(to_minor_unit(money.amount, currency, self.mode), currency)
        return _make(round_to_step(money.amount, self.step, self.mode), currency)

    def round_base(self, money: Money) -> Money:
        """Round a base to :attr:`base_step`, if the policy has one."""
        if not isinstance(money, Money):
            raise _not_money(money)
        if self.base_step is None:
            return money
        amount = round_to_step(money.amount, self.base_step, self.mode)
        return _make(amount, money.currency)

    def round_total(self, money: Money) -> Money:
        """Round a declaration total to :attr:`total_step`, if the policy has one."""
        if not isinstance(money, Money):
            raise _not_money(money)
        if self.total_step is None:
            return money
        amount = round_to_step(money.amount, self.total_step, self.mode)
        return _make(amount, money.currency)

    def check_payable_in(self, currency: Currency) -> None:
        """Refuse a ``step`` or ``total_step`` finer than ``currency``'s minor unit.

        A duty is paid in whole minor units: a ¥0.05 step names an amount
        nobody can pay, and a declaration total on it could not be shared
        back over the lines exactly. (``base_step`` only shapes a base, so
        it may be as fine as the caller likes.)

        Raises:
            InvalidInputError: naming ``rounding.step`` or
                ``rounding.total_step`` and the step.
        """
        if not isinstance(currency, Currency):
            raise InvalidTypeError(
                field="currency", value=currency, expected="a Currency"
            )
        for name, step in (("step", self.step), ("total_step", self.total_step)):
            if step is not None and not _whole_minor_units(step, currency):
                unit = currency.minor_unit
                raise InvalidInputError(
                    field=f"rounding.{name}",
                    value=step,
                    expected=f"a whole number of {currency.code} minor units ({unit})",
                )

    def with_mode(self, mode: RoundingMode) -> RoundingPolicy:
        """The same steps with another mode (an override from the caller)."""
        return attrs.evolve(self, mode=mode)  # the converter names "mode"

    def describe(self) -> str:
        """The policy in words, for the audit trail."""
        parts = [_MODE_NAMES[self.mode]]
        if self.base_step is not None:
            parts.append(f"base to {self.base_step}")
        if self.step is not None:
            parts.append(f"amount to {self.step}")
        if self.total_step is not None:
            parts.append(f"total to {self.total_step}")
        return ", ".join(parts)


def _not_money(money: object) -> InvalidTypeError:
    return InvalidTypeError(field="money", value=money, expected="Money")


def _whole_minor_units(step: Decimal, currency: Currency) -> bool:
    # ``step % minor_unit`` needs the quotient's digits (DivisionImpossible
    # past 28 of them, 1E+30 % 0.01); the stripped exponent answers exactly:
    # 1E+30 is a whole number of cents, 0.005 is not.
    exponent = EXACT.normalize(step).as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101 - a finite step
    return exponent >= -currency.exponent


# Read once: an enum member's ``.name`` runs Python code, and every rounded
# figure of a landed cost names its policy.
_MODE_NAMES = {mode: mode.name.lower().replace("_", "-") for mode in RoundingMode}
