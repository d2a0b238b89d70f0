"""The waterfall as arithmetic: compiled once, evaluated per price (private).

:func:`~xborder.pricing.unit_economics` and every solver go through
:class:`Model`, so a solver's answer is checked by the very arithmetic that
builds the waterfall. :meth:`Model.evaluate` is the waterfall at one price,
every line rounded to the minor unit: the truth. :mod:`xborder.pricing._solve`
reads the same model as linear pieces to solve it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from xborder._exact import DIVISION, EXACT
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.fx import FxTable, convert
from xborder.money import Currency, Money, RoundingMode
from xborder.pricing.costs import AdSpend, Returns, UnitCosts
from xborder.pricing.fees import FeeSchedule
from xborder.pricing.referral import VatBasis
from xborder.pricing.vat import Vat

if TYPE_CHECKING:
    from xborder.pricing._solve import Segment
    from xborder.pricing.referral import ReferralFee

__all__ = ["LARGEST", "Amounts", "Inputs", "Model", "check_range"]

_ZERO = Decimal(0)
_ONE = Decimal(1)

LARGEST = Decimal("1E+21")
"""Amounts the waterfall computes exactly are below this (a thousand trillion
trillion-th of nothing real: no unit sells for 10^21 of anything).

The hot path keeps Python's ``+``/``-`` operators for speed, and they round
to 28 significant digits; below 10^21 with up to 3 decimals and a handful
of terms, every sum stays exact, so lines always add up to the price."""


def check_range(amount: Decimal, field: str, value: object) -> None:
    """Refuse an amount too large for the waterfall to add up exactly."""
    if abs(amount) >= LARGEST:
        raise InvalidInputError(
            "beyond it the waterfall's lines could not add up exactly",
            field=field,
            value=value,
            expected="an amount below 10^21",
        )


_HALF_UP = RoundingMode.HALF_UP.value


class Amounts(NamedTuple):
    """The rounded, price-dependent amounts of the waterfall at one price."""

    price: Decimal
    gross: Decimal  # what the buyer pays, tax included
    net: Decimal  # the price net of VAT
    vat: Decimal  # VAT deducted from the price (0 where it is added on top)
    referral: Decimal
    payment: Decimal
    payout: Decimal
    ads: Decimal  # share-of-sales part plus the per-unit part
    contribution: Decimal


class Inputs(NamedTuple):
    """What a model was compiled from: a listing's fields.

    Kept so a result can say which listing it was computed for, and be
    rebuilt from it.
    """

    fees: FeeSchedule
    costs: UnitCosts
    vat: Vat | None
    returns: Returns | None
    ads: AdSpend | None
    fx: FxTable | None
    fx_rounding: RoundingMode


class Model:
    """A listing compiled into Decimals in its own currency, ready to evaluate."""

    __slots__ = (
        "ads",
        "ads_fixed",
        "ads_gross",
        "ads_share",
        "conversions",
        "costs_total",
        "currency",
        "fees",
        "fixed_total",
        "gross_factor",
        "inputs",
        "landed",
        "net_factor",
        "other",
        "own_fulfilment",
        "pay_fixed",
        "pay_rate",
        "pay_rounding",
        "payout_rate",
        "referral",
        "referral_gross",
        "returns",
        "returns_allowance",
        "rounding",
        "segments_cache",
        "unit",
        "unit_fees",
        "vat",
        "vat_included",
        "vat_rate",
        "vat_rounding",
        "zero",
    )

    def __init__(
        self,
        *,
        fees: FeeSchedule,
        costs: UnitCosts,
        vat: Vat | None,
        returns: Returns | None,
        ads: AdSpend | None,
        fx: FxTable | None,
        fx_rounding: RoundingMode,
    ) -> None:
        _check_types(fees, costs, vat, returns, ads, fx, fx_rounding)
        self.inputs = Inputs(fees, costs, vat, returns, ads, fx, fx_rounding)
        self.fees = fees
        self.currency: Currency = fees.currency
        self.unit: Decimal = fees.minor_unit
        # Zero in minor units, so a zero line reads "0.00 EUR", not "0 EUR".
        self.zero: Decimal = fees.zero
        self.rounding: str = fees.rounding.value
        self.conversions: list[tuple[str, Money, Money]] = []
        self.segments_cache: list[Segment] | None = None  # see _solve.segments
        local = _Localiser(self, fx, fx_rounding)
        self._compile_vat(vat)
        self._compile_fees(fees)
        self._compile_costs(costs, returns, local)
        self._compile_ads(ads, local)

    # -- compilation --------------------------------------------------------

    def _compile_vat(self, vat: Vat | None) -> None:
        self.vat = vat
        self.vat_rate = _ZERO if vat is None else vat.rate
        self.vat_included = vat is None or vat.included
        if vat is None or not vat.rate:
            self.vat_rounding = _HALF_UP if vat is None else vat.rounding.value
            self.gross_factor = self.net_factor = _ONE
        else:
            self.vat_rounding = vat.rounding.value
            self.gross_factor, self.net_factor = vat.factors

    def _compile_fees(self, fees: FeeSchedule) -> None:
        self.referral: ReferralFee | None = fees.referral
        self.referral_gross = (
            fees.referral is not None and fees.referral.basis is VatBasis.INCLUSIVE
        )
        self.fixed_total = fees.fixed_total
        self.unit_fees = fees.unit_fees
        payment = fees.payment
        self.pay_rate = _ZERO if payment is None else payment.total_rate
        self.pay_fixed = _ZERO if payment is None else payment.fixed.amount
        self.pay_rounding = _HALF_UP if payment is None else payment.rounding.value
        self.payout_rate = fees.payout_conversion
        fixed = EXACT.add(EXACT.add(self.fixed_total, self.unit_fees), self.pay_fixed)
        check_range(fixed, "fees", fees.name)

    def _compile_costs(
        self, costs: UnitCosts, returns: Returns | None, local: _Localiser
    ) -> None:
        self.landed = local.amount(costs.landed, "costs.landed")
        self.own_fulfilment = (
            _ZERO
            if costs.fulfilment is None
            else local.amount(costs.fulfilment, "costs.fulfilment")
        )
        self.other = tuple(
            (item.label, local.amount(item.amount, f"costs.other[{index}].amount"))
            for index, item in enumerate(costs.other)
        )
        self.returns = returns
        self.returns_allowance = _ZERO
        if returns is not None:
            handling = local.amount(returns.handling, "returns.handling")
            lost = EXACT.multiply(self.landed, 1 - returns.recovery)
            per_return = EXACT.add(handling, lost)
            self.returns_allowance = EXACT.multiply(per_return, returns.rate).quantize(
                self.unit, rounding=self.rounding, context=EXACT
            )
        self.costs_total = (
            self.landed
            + self.own_fulfilment
            + sum((amount for _, amount in self.other), _ZERO)
            + self.returns_allowance
        )

    def _compile_ads(self, ads: AdSpend | None, local: _Localiser) -> None:
        self.ads = ads
        self.ads_share = _ZERO if ads is None else ads.share_of_sales
        self.ads_fixed = _ZERO
        self.ads_gross = True
        if ads is None:
            return
        if ads.per_unit is not None:
            per_unit = local.amount(ads.per_unit, "ads.per_unit", exact=False)
            self.ads_fixed = per_unit.quantize(
                self.unit, rounding=self.rounding, context=EXACT
            )
        if self.ads_share and self.vat_rate and self.vat_included:
            if ads.sales_include_vat is None:
                raise InvalidInputError(
                    "ACOS measured on VAT-inclusive and on net sales differ by the "
                    "VAT rate; say which your report uses",
                    field="ads.sales_include_vat",
                    value=None,
                    expected="True or False where the price includes VAT",
                )
            self.ads_gross = ads.sales_include_vat
        elif self.ads_share and self.vat_rate:
            # Tax added at checkout: sales are reported net unless told otherwise.
            self.ads_gross = bool(ads.sales_include_vat)

    # -- evaluation ---------------------------------------------------------

    def evaluate(self, price: Decimal) -> Amounts:
        """The rounded waterfall at ``price`` (a whole number of minor units)."""
        unit, zero = self.unit, self.zero
        if not self.vat_rate:
            gross = net = price
            vat = zero
        elif self.vat_included:
            gross = price
            net = DIVISION.divide(price, 1 + self.vat_rate).quantize(
                unit, rounding=self.vat_rounding, context=EXACT
            )
            vat = price - net
        else:
            net = price
            vat = zero
            gross = price + EXACT.multiply(price, self.vat_rate).quantize(
                unit, rounding=self.vat_rounding, context=EXACT
            )
        referral = zero
        if self.referral is not None:
            base = gross if self.referral_gross else net
            referral = self.referral._amount(base).quantize(  # noqa: SLF001
                unit, rounding=self.rounding, context=EXACT
            )
        payment = zero
        if self.pay_rate or self.pay_fixed:
            payment = EXACT.add(
                EXACT.multiply(gross, self.pay_rate), self.pay_fixed
            ).quantize(unit, rounding=self.pay_rounding, context=EXACT)
        deducted = referral + self.fixed_total + self.unit_fees + payment
        payout = zero
        if self.payout_rate:
            proceeds = net - deducted
            if proceeds > 0:
                payout = EXACT.multiply(proceeds, self.payout_rate).quantize(
                    unit, rounding=self.rounding, context=EXACT
                )
        ads = self.ads_fixed
        if self.ads_share:
            sales = gross if self.ads_gross else net
            ads += EXACT.multiply(sales, self.ads_share).quantize(
                unit, rounding=self.rounding, context=EXACT
            )
        contribution = net - deducted - payout - self.costs_total - ads
        return Amounts(
            price, gross, net, vat, referral, payment, payout, ads, contribution
        )


def _require_quantized(money: Money, field: str) -> None:
    if not money.is_quantized():
        raise InvalidInputError(
            "quantize it with a named RoundingMode first",
            field=field,
            value=money,
            expected=f"a whole number of {money.currency.minor_unit}",
        )


class _Localiser:
    """Brings amounts into the listing currency, converting once where needed."""

    def __init__(
        self, model: Model, fx: FxTable | None, rounding: RoundingMode
    ) -> None:
        self.model = model
        self.fx = fx
        self.rounding = rounding

    def amount(self, money: Money, field: str, *, exact: bool = True) -> Decimal:
        check_range(money.amount, field, money)
        currency = self.model.currency
        if money.currency is currency or money.currency == currency:
            if exact and EXACT.remainder(money.amount, self.model.unit):
                _require_quantized(money, field)
            return money.amount
        if self.fx is None:
            raise CurrencyMismatchError(
                "pass fx=FxTable(...) to convert it",
                field=field,
                value=money,
                expected=f"an amount in the listing currency {currency.code}",
            )
        converted = convert(money, currency, table=self.fx, rounding=self.rounding)
        self.model.conversions.append((field, money, converted))
        return converted.amount


def _check_types(  # noqa: PLR0917 - mirrors Model's keyword arguments, in order
    fees: object,
    costs: object,
    vat: object,
    returns: object,
    ads: object,
    fx: object,
    fx_rounding: object,
) -> None:
    checks: tuple[tuple[str, object, type, bool], ...] = (
        ("fees", fees, FeeSchedule, False),
        ("costs", costs, UnitCosts, False),
        ("vat", vat, Vat, True),
        ("returns", returns, Returns, True),
        ("ads", ads, AdSpend, True),
        ("fx", fx, FxTable, True),
        ("fx_rounding", fx_rounding, RoundingMode, False),
    )
    for field, value, kind, optional in checks:
        if optional and value is None:
            continue
        if not isinstance(value, kind):
            expected = kind.__name__ + (" or None" if optional else "")
            raise InvalidTypeError(field=field, value=value, expected=expected)
