r"""Price endings: .99, .95, whole yen, CHF in 0.05 steps; and which way to round.

A computed price (€17.62 from a target margin) is rarely the price a seller
shows. Markets have habits: x.99 or x.95 in the US and UK, x.99, x.95 or
x.90 in the euro area, whole yen in Japan (JPY has no minor unit), often
ending in 80 or 98 (¥1,980); CHF prices in 0.05 steps because the smallest
coin is 5 rappen. These are habits, not rules, so xborder ships no table of
them: a :class:`PriceEnding` is a policy you choose per market, and
:func:`apply_price_ending` moves a price onto it in the direction you name.
Rounding can cross a fee band or the referral minimum, so re-check the
margin afterwards (:mod:`xborder.pricing.localise` does).

A policy allows the prices $k \cdot \text{step} + \text{ending}$ for whole
$k \ge 0$: step 1 and ending 0.99 allows 0.99, 1.99, 2.99…; step 1000 and
ending 980 allows ¥980, ¥1,980, ¥2,980…

Examples:
    >>> from xborder.money import Money
    >>> up = EndingDirection.UP
    >>> charm = PriceEnding.ends_in("0.99")
    >>> str(apply_price_ending(Money("17.62", "EUR"), charm, direction=up))
    '17.99 EUR'
    >>> yen = PriceEnding.ends_in("980", step=1000)
    >>> str(apply_price_ending(Money("1834", "JPY"), yen, direction=up))
    '1980 JPY'
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from xborder._exact import EXACT
from xborder._guard import guard_public
from xborder._validate import (
    LARGEST,
    DecimalInput,
    named_errors,
    non_negative,
    positive,
    require,
    to_decimal,
)
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money
from xborder.money.converters import exact_money

__all__ = ["EndingDirection", "PriceEnding", "apply_price_ending"]


class EndingDirection(enum.StrEnum):
    """Which allowed price to move to.

    Examples:
        >>> from xborder.money import Money
        >>> charm = PriceEnding.ends_in("0.99")
        >>> [str(apply_price_ending(Money("17.62", "EUR"), charm, direction=d))
        ...  for d in EndingDirection]
        ['17.99 EUR', '16.99 EUR', '17.99 EUR']
    """

    UP = "up"
    """The nearest allowed price at or above: never lowers the margin."""
    DOWN = "down"
    """The nearest allowed price at or below: never raises the price."""
    NEAREST = "nearest"
    """The closer of the two; a tie goes up."""


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PriceEnding:
    """A price-ending policy: prices of the form ``k × step + ending``.

    Args:
        step: The distance between allowed prices (1 for .99 endings,
            0.05 for CHF cash steps, 1000 for ¥…980).
        ending: What allowed prices end in, ``0 <= ending < step``.
        label: A name for reports (".99", "whole yen").

    Raises:
        InvalidInputError: ``ending`` is not below ``step``.

    Examples:
        >>> PriceEnding.multiple_of("0.05").label
        'multiple of 0.05'
    """

    step: Decimal = attrs.field(converter=positive)
    ending: Decimal = attrs.field(default=Decimal(0), converter=non_negative)
    label: str = attrs.field(default="")

    def __attrs_post_init__(self) -> None:
        require(
            self.ending < self.step,
            field="ending",
            value=self.ending,
            expected=f"an ending below the step {self.step}",
        )
        if not isinstance(self.label, str):
            raise InvalidTypeError(field="label", value=self.label, expected="a str")
        if not self.label:
            label = (
                f"multiple of {self.step}"
                if not self.ending
                else f"ends in {self.ending} (step {self.step})"
            )
            object.__setattr__(self, "label", label)

    @classmethod
    def ends_in(cls, ending: DecimalInput, *, step: DecimalInput = 1) -> PriceEnding:
        """Prices ending in ``ending``: ``ends_in("0.99")`` allows 0.99, 1.99, 2.99.

        Examples:
            >>> PriceEnding.ends_in("0.95").label
            'ends in 0.95 (step 1)'
        """
        return cls(step=step, ending=ending)

    @classmethod
    def multiple_of(cls, step: DecimalInput) -> PriceEnding:
        """Whole multiples of ``step``: 1 for whole units, 0.05 for CHF cash steps."""
        return cls(step=step)

    def candidates(self, price: DecimalInput) -> tuple[Decimal, Decimal]:
        """The allowed prices just below (or at) and just above (or at) ``price``.

        Examples:
            >>> PriceEnding.ends_in("0.99").candidates("17.62")
            (Decimal('16.99'), Decimal('17.99'))
        """
        return self._candidates(to_decimal(price, field="price"))

    def _candidates(self, price: Decimal) -> tuple[Decimal, Decimal]:
        # Exact arithmetic: a price has up to 36 digits before its decimals,
        # past the 28 digits of Python's operators.
        steps = EXACT.divide_int(_subtract(price, self.ending), self.step)
        below = _add(EXACT.multiply(steps, self.step), self.ending)
        if below > price:  # divide_int truncates towards zero for negatives
            below = _subtract(below, self.step)
        above = below if below == price else _add(below, self.step)
        return below, above


# Bound once: these run on every price moved onto an ending.
_add = EXACT.add
_subtract = EXACT.subtract


def apply_price_ending(
    price: Money, ending: PriceEnding, *, direction: EndingDirection
) -> Money:
    """Move ``price`` onto the ending policy, in ``direction``.

    A price already on the policy is kept. Moving down never goes to zero
    or below: the lowest allowed price above zero is used instead.

    Args:
        price: The price to move, > 0.
        ending: The policy.
        direction: Up, down or nearest.

    Raises:
        InvalidInputError: The policy's step or ending is finer than the
            currency's minor unit (``.99`` for yen), or the price is not > 0.

    Examples:
        >>> from xborder.money import Money
        >>> nearest = EndingDirection.NEAREST
        >>> cash = PriceEnding.multiple_of("0.05")
        >>> str(apply_price_ending(Money("10.03", "CHF"), cash, direction=nearest))
        '10.05 CHF'
        >>> charm = PriceEnding.ends_in("0.99")
        >>> str(apply_price_ending(Money("19.40", "USD"), charm, direction=nearest))
        '18.99 USD'
    """
    if not isinstance(price, Money):
        raise InvalidTypeError(field="price", value=price, expected="Money")
    if not isinstance(ending, PriceEnding):
        raise InvalidTypeError(field="ending", value=ending, expected="a PriceEnding")
    if not isinstance(direction, EndingDirection):
        raise InvalidTypeError(
            field="direction", value=direction, expected="an EndingDirection"
        )
    if price.amount <= 0:
        raise InvalidInputError(field="price", value=price, expected="a price > 0")
    unit = price.currency.minor_unit
    _check_minor_unit(ending, price, unit)
    amount = price.amount
    below, above = ending._candidates(amount)  # noqa: SLF001 - checked above
    if direction is EndingDirection.UP:
        chosen = above
    elif direction is EndingDirection.DOWN:
        chosen = below
    else:
        nearer = _subtract(amount, below) < _subtract(above, amount)
        chosen = below if nearer else above
    if chosen <= 0:
        chosen = above if above > 0 else _add(above, ending.step)
    if chosen >= LARGEST:  # a price on the ending past every amount xborder reads
        raise InvalidInputError(
            f"the allowed price above it is {chosen:E}",
            field="price",
            value=price,
            expected="a price whose allowed price stays below 1E+36",
        )
    return exact_money(chosen.quantize(unit, context=EXACT), price.currency)


def _check_minor_unit(ending: PriceEnding, price: Money, unit: Decimal) -> None:
    for name, value in (("ending.step", ending.step), ("ending.ending", ending.ending)):
        if EXACT.remainder(value, unit):
            raise InvalidInputError(
                f"{price.currency.code} has a minor unit of {unit}",
                field=name,
                value=value,
                expected=f"a multiple of {unit}",
            )


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
