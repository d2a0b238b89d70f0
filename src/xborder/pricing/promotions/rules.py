r"""A promotion's rules, written once, for every engine.

:func:`~xborder.pricing.promotions.break_even_lift` and its siblings
evaluate these on Decimals; :func:`xborder.frames.promotion_lifts` evaluates
the per-unit ones on whole columns. So a rule lives in one place only:

* :func:`discounted_of`: the discounted price of a shelf price (a share off
  rounded to the minor unit, an amount off, or a promotional price);
* :func:`promotion_fee_of`: the promotion's fee per redeemed unit (an
  amount, and a share of the discounted price rounded as the schedule
  rounds), charged in the promoted unit's waterfall as a fixed fee
  (:func:`xborder.pricing.rules.waterfall_of` with ``extra_fees``);
* :func:`terms_of` and :func:`period_of`: from the two units' figures
  (a ``Unit``: price, net revenue, contribution) to the ``Period``, whose
  contribution is piecewise linear in the units sold; ``Period.lift`` is
  the fewest units that keep the contribution or a margin,
  ``Period.outcome`` the period at an expected lift.

Units and lifts are 34-digit Decimals, as the scalar results report them.

Examples:
    >>> from decimal import Decimal
    >>> from xborder.money import Currency
    >>> from xborder.pricing.promotions import Deal, Discount
    >>> deal = Deal(discount=Discount.percent_off("0.20"))
    >>> usd = Currency("USD")
    >>> discounted_of(DECIMALS, deal.discount, Decimal("100.00"), usd)
    Decimal('80.00')
    >>> full = Unit(Decimal("100.00"), Decimal("100.00"), Decimal("40.00"))
    >>> promoted = Unit(Decimal("80.00"), Decimal("80.00"), Decimal("20.00"))
    >>> period = period_of(full, promoted, Decimal(0), terms_of(deal, usd, None),
    ...                    Decimal(100))
    >>> period.lift(None).lift
    Decimal('1')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from xborder._guard import guard_public
from xborder._ops import DECIMALS, Ops, check_engine, is_engine
from xborder._validate import require
from xborder.errors import InvalidTypeError
from xborder.money import Currency
from xborder.pricing.listing import Listing
from xborder.pricing.promotions import _period
from xborder.pricing.promotions._arith import discounted, rate_fee
from xborder.pricing.promotions._period import Effects as Effects  # noqa: PLC0414
from xborder.pricing.promotions._period import Lift as Lift  # noqa: PLC0414
from xborder.pricing.promotions._period import Outcome as Outcome  # noqa: PLC0414
from xborder.pricing.promotions._period import Period as Period  # noqa: PLC0414
from xborder.pricing.promotions._period import Terms as Terms  # noqa: PLC0414
from xborder.pricing.promotions._period import Unit as Unit  # noqa: PLC0414
from xborder.pricing.promotions._period import unit_fee_of
from xborder.pricing.promotions.offers import (
    Coupon,
    Deal,
    DemandEffects,
    Discount,
    check_amount,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from xborder.pricing.promotions.offers import Promotion

# The period's own types are built here (period_of, terms_of) and read by
# the engines, but are not entry points: their methods take what period_of
# has checked.
__all__ = [
    "DECIMALS",
    "discounted_of",
    "period_of",
    "promotion_fee_of",
    "terms_of",
]

V = TypeVar("V")
C = TypeVar("C")


def discounted_of(
    ops: Ops[V, C], discount: Discount, price: V, currency: Currency
) -> V:
    """The discounted price of ``price`` (a value of ``ops``) in ``currency``.

    The discount's amounts are checked (in ``currency``, whole minor units);
    whether the result is above zero and no higher than the price is the
    caller's check, per price (:meth:`~xborder.pricing.promotions.Discount.apply`
    raises; a frame reports the row).

    Raises:
        InvalidTypeError: ``ops`` is no engine or ``discount`` no Discount.
        CurrencyMismatchError: An amount off or a price in another currency.

    Examples:
        >>> from decimal import Decimal
        >>> from xborder.money import Currency, Money
        >>> four_off = Discount.amount_off(Money("4.00", "USD"))
        >>> discounted_of(DECIMALS, four_off, Decimal("25.00"), Currency("USD"))
        Decimal('21.00')
    """
    _check(ops, discount, Discount, "discount")
    check_engine(ops, ("price", price))
    _currency(currency)
    amount = fixed = None
    if discount.amount is not None:
        amount = check_amount(discount.amount, currency, "discount.amount").amount
    elif discount.price is not None:
        fixed = check_amount(discount.price, currency, "discount.price").amount
    return discounted(
        ops,
        price,
        share=discount.share,
        amount=amount,
        fixed=fixed,
        unit=currency.minor_unit,
        rounding=discount.rounding.value,
    )


def promotion_fee_of(
    ops: Ops[V, C], promotion: Promotion, discounted: V, listing: Listing
) -> V | Decimal | None:
    """The promotion's fees per redeemed unit at the ``discounted`` price, or None.

    The redemption (or unit) fee, plus ``fee_rate`` × the discounted price
    rounded as ``listing``'s fee schedule rounds; ``None`` when the
    promotion charges nothing per unit.

    Raises:
        InvalidTypeError: ``ops``, ``promotion`` or ``listing`` is not one.
        CurrencyMismatchError: The unit fee is in another currency.

    Examples:
        >>> from decimal import Decimal
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> listing = Listing(fees=FeeSchedule(name="Shop", currency="USD"),
        ...                   costs=UnitCosts(landed=Money("6.00", "USD")))
        >>> coupon = Coupon(discount=Discount.percent_off("0.20"),
        ...                 redemption_fee=Money("0.60", "USD"), fee_rate="0.025")
        >>> promotion_fee_of(DECIMALS, coupon, Decimal("19.99"), listing)
        Decimal('1.10')
    """
    _check(ops, promotion, Coupon | Deal, "promotion")
    check_engine(ops, ("discounted", discounted))
    if not isinstance(listing, Listing):
        raise InvalidTypeError(field="listing", value=listing, expected="a Listing")
    fee = unit_fee_of(promotion, listing.currency)
    total: V | Decimal | None = None if fee is None else fee.amount
    if promotion.fee_rate:
        share = rate_fee(
            ops,
            discounted,
            promotion.fee_rate,
            listing.currency.minor_unit,
            listing.fees.rounding.value,
        )
        total = share if total is None else ops.add(total, share)
    return total


def terms_of(
    promotion: Promotion, currency: Currency, effects: DemandEffects | None = None
) -> Terms:
    """The promotion's terms that do not vary per row, checked in ``currency``.

    Raises:
        InvalidTypeError: ``promotion``, ``currency`` or ``effects`` is not one.
        CurrencyMismatchError: An event fee, budget or contribution in
            another currency.

    Examples:
        >>> from xborder.money import Currency, Money
        >>> coupon = Coupon(discount=Discount.percent_off("0.20"),
        ...                 budget=Money("230.00", "USD"), redemption_rate="0.5")
        >>> terms_of(coupon, Currency("USD")).budget
        Decimal('230.00')
    """
    _check(DECIMALS, promotion, Coupon | Deal, "promotion")
    _currency(currency)
    if effects is not None and not isinstance(effects, DemandEffects):
        raise InvalidTypeError(
            field="effects", value=effects, expected="DemandEffects or None"
        )
    return _period.terms_of(promotion, currency, effects)


def period_of(
    full: Unit, promoted: Unit, fee: Decimal, terms: Terms, baseline: Decimal
) -> Period:
    """The period of a promotion from its two units and its fee per redeemed unit.

    Args:
        full: The full-price unit's price, net revenue and contribution.
        promoted: The promoted unit's (its waterfall charges ``fee``).
        fee: The promotion's fees per redeemed unit (:func:`promotion_fee_of`).
        terms: The promotion's terms (:func:`terms_of`).
        baseline: The units the listing would sell at its shelf price, > 0.

    Raises:
        InvalidTypeError: A unit or the terms are not what they should be, a
            figure is not a Decimal.
        InvalidInputError: A figure beyond xborder's range, a baseline <= 0.

    Examples:
        >>> from decimal import Decimal
        >>> from xborder.money import Currency
        >>> from xborder.pricing.promotions import Deal, Discount
        >>> deal = Deal(discount=Discount.percent_off("0.20"))
        >>> full = Unit(Decimal("100.00"), Decimal("100.00"), Decimal("40.00"))
        >>> promoted = Unit(Decimal("80.00"), Decimal("80.00"), Decimal("20.00"))
        >>> period = period_of(full, promoted, Decimal(0),
        ...                    terms_of(deal, Currency("USD")), Decimal(50))
        >>> period.lift(None).whole_units
        100
    """
    for field, unit in (("full", full), ("promoted", promoted)):
        if not isinstance(unit, Unit):
            raise InvalidTypeError(field=field, value=unit, expected="a Unit")
        check_engine(
            DECIMALS,
            *((f"{field}.{k}", v) for k, v in zip(Unit._fields, unit, strict=True)),
        )
    if not isinstance(terms, Terms):
        raise InvalidTypeError(field="terms", value=terms, expected="terms_of(...)")
    check_engine(DECIMALS, ("fee", fee), ("baseline", baseline))
    require(baseline > 0, field="baseline", value=baseline, expected="a number > 0")
    return _period.period_of(full, promoted, fee, terms, baseline)


def _currency(currency: object) -> None:
    if not isinstance(currency, Currency):
        raise InvalidTypeError(field="currency", value=currency, expected="a Currency")


def _check(ops: object, value: object, kind: object, field: str) -> None:
    if not is_engine(ops):
        raise InvalidTypeError(field="ops", value=ops, expected="an xborder engine")
    if not isinstance(value, kind):  # type: ignore[arg-type]
        raise InvalidTypeError(field=field, value=value, expected=f"a {field}")


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
