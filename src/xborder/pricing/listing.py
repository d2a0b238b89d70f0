"""A listing: one SKU on one channel, everything the waterfall needs but the price.

A :class:`Listing` bundles a channel's :class:`~xborder.pricing.FeeSchedule`,
the unit's :class:`~xborder.pricing.UnitCosts`, the market's
:class:`~xborder.pricing.Vat`, returns, ads and the FX table to convert costs
kept in another currency. Its methods run the waterfall and the solvers on
it; :mod:`xborder.pricing.channels` and :mod:`xborder.pricing.localise`
compare listings side by side.

Examples:
    >>> from xborder.money import Money
    >>> from xborder.pricing import FeeSchedule, UnitCosts
    >>> listing = Listing(
    ...     fees=FeeSchedule(name="Own site", currency="EUR"),
    ...     costs=UnitCosts(landed=Money("14.00", "EUR")),
    ... )
    >>> str(listing.economics(Money("39.00", "EUR")).contribution)
    '25.00 EUR'
    >>> str(listing.price_for_margin("0.5").price)
    '28.00 EUR'
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from xborder._guard import guard_public
from xborder._validate import DecimalInput, named_errors, to_decimal
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.fx import FxTable
from xborder.money import Currency, Money, RoundingMode
from xborder.pricing._common import percent
from xborder.pricing._model import Model
from xborder.pricing.costs import AdSpend, UnitCosts
from xborder.pricing.economics import UnitEconomics, build, check_price, model_of
from xborder.pricing.fees import FeeSchedule
from xborder.pricing.returns import Returns
from xborder.pricing.shipping import ShippingCharge
from xborder.pricing.solvers import (
    PriceSolution,
    _margin,
    margin_target,
    markup_target,
    solve,
)
from xborder.pricing.vat import Vat

__all__ = ["Listing"]


def _costs(value: UnitCosts) -> UnitCosts:
    if not isinstance(value, UnitCosts):
        raise InvalidTypeError(field=None, value=value, expected="UnitCosts")
    return value


def _fees(value: FeeSchedule) -> FeeSchedule:
    if not isinstance(value, FeeSchedule):
        raise InvalidTypeError(field=None, value=value, expected="a FeeSchedule")
    return value


def _optional_vat(value: Vat | None) -> Vat | None:
    if value is not None and not isinstance(value, Vat):
        raise InvalidTypeError(field=None, value=value, expected="a Vat or None")
    return value


def _optional_returns(value: Returns | None) -> Returns | None:
    if value is not None and not isinstance(value, Returns):
        raise InvalidTypeError(field=None, value=value, expected="Returns or None")
    return value


def _optional_ads(value: AdSpend | None) -> AdSpend | None:
    if value is not None and not isinstance(value, AdSpend):
        raise InvalidTypeError(field=None, value=value, expected="an AdSpend or None")
    return value


def _optional_shipping(value: ShippingCharge | None) -> ShippingCharge | None:
    if value is not None and not isinstance(value, ShippingCharge):
        raise InvalidTypeError(
            field=None, value=value, expected="a ShippingCharge or None"
        )
    return value


def _optional_fx(value: FxTable | None) -> FxTable | None:
    if value is not None and not isinstance(value, FxTable):
        raise InvalidTypeError(field=None, value=value, expected="an FxTable or None")
    return value


def _rounding(value: RoundingMode) -> RoundingMode:
    if not isinstance(value, RoundingMode):
        raise InvalidTypeError(field=None, value=value, expected="a RoundingMode")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Listing:
    """One SKU on one channel: everything the waterfall needs except the price.

    Args:
        fees: The channel's fee schedule (its currency is the listing's).
        costs: The unit's own costs.
        vat: The market's VAT rule, or ``None`` where prices carry no VAT.
        returns: The returns model, or ``None``.
        ads: Advertising per unit, or ``None``.
        fx: Rates to convert costs given in another currency.
        fx_rounding: How converted amounts are rounded, once each.
        shipping_charged: What the buyer pays for shipping on top of the
            price, or ``None``; the solvers solve the item price with it fixed.

    Examples:
        >>> listing = Listing(
        ...     fees=FeeSchedule(name="Own site", currency="USD"),
        ...     costs=UnitCosts(landed=Money("3.40", "USD")),
        ... )
        >>> listing.currency.code
        'USD'
    """

    fees: FeeSchedule = attrs.field(converter=_fees)
    costs: UnitCosts = attrs.field(converter=_costs)
    vat: Vat | None = attrs.field(default=None, converter=_optional_vat)
    returns: Returns | None = attrs.field(default=None, converter=_optional_returns)
    ads: AdSpend | None = attrs.field(default=None, converter=_optional_ads)
    fx: FxTable | None = attrs.field(default=None, converter=_optional_fx)
    fx_rounding: RoundingMode = attrs.field(
        default=RoundingMode.HALF_UP, converter=_rounding
    )
    shipping_charged: ShippingCharge | None = attrs.field(
        default=None, converter=_optional_shipping
    )
    # The listing compiled once: a memo invisible from outside (the listing
    # is frozen, so its compiled form never changes).
    _compiled: Model | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False
    )

    def _model(self) -> Model:
        return model_of(self)

    @property
    def currency(self) -> Currency:
        """The listing currency: the fee schedule's."""
        return self.fees.currency

    def economics(self, price: Money) -> UnitEconomics:
        """The waterfall at ``price`` (see :func:`~xborder.pricing.unit_economics`)."""
        model = self._model()
        return build(model, check_price(price, model))

    def break_even_price(self) -> PriceSolution:
        """See :func:`~xborder.pricing.break_even_price`."""
        target = margin_target(_ZERO)
        return solve(
            self._model(),
            target,
            label="break-even",
            field="fees",
            value=self.fees.name,
        )

    def price_for_margin(self, margin: DecimalInput) -> PriceSolution:
        """See :func:`~xborder.pricing.target_margin_price`."""
        m = _margin(margin)
        return solve(self._model(), margin_target(m), label=f"margin {percent(m)}",
                     field="margin", value=margin)  # fmt: skip

    def price_for_markup(self, markup: DecimalInput) -> PriceSolution:
        """See :func:`~xborder.pricing.target_markup_price`."""
        k = to_decimal(markup, field="markup")
        if k <= -1:
            raise InvalidInputError(
                field="markup", value=markup, expected="a markup > -1"
            )
        return solve(self._model(), markup_target(k), label=f"markup {percent(k)}",
                     field="markup", value=markup)  # fmt: skip


_ZERO = Decimal(0)


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
