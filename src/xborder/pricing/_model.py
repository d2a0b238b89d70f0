"""The waterfall as arithmetic: compiled once, evaluated per price (private).

:func:`~xborder.pricing.unit_economics` and every solver go through
:class:`Model`, so a solver's answer is checked by the very arithmetic that
builds the waterfall. :meth:`Model.evaluate` is the waterfall at one price,
every line rounded to the minor unit: the truth. :mod:`xborder.pricing._solve`
reads the same model as linear pieces to solve it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from xborder._exact import DIVISION, EXACT
from xborder._ops import DECIMALS, Ops
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.fx import FxTable, convert
from xborder.money import Currency, Money, RoundingMode
from xborder.pricing._shapes import compile_shapes, more_fees
from xborder.pricing.costs import AdSpend, UnitCosts
from xborder.pricing.fees import FeeSchedule
from xborder.pricing.referral import VatBasis
from xborder.pricing.returns import Returns
from xborder.pricing.shipping import ShippingCharge
from xborder.pricing.vat import Vat

if TYPE_CHECKING:
    from xborder._ops import Piece
    from xborder.pricing._solve import Segment
    from xborder.pricing.referral import ReferralFee
    from xborder.pricing.shapes import AttributedFee

V = TypeVar("V")
C = TypeVar("C")

__all__ = [
    "LARGEST",
    "Amounts",
    "Costs",
    "Figures",
    "Inputs",
    "Model",
    "ReturnCosts",
    "check_range",
    "costs_total",
    "figures",
    "per_return",
    "return_costs",
    "unit_costs",
    "waterfall",
]

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


class Amounts(NamedTuple, Generic[V]):
    """The rounded, price-dependent amounts of the waterfall at one price.

    Decimals for one price; columns when ``xborder.frames`` evaluates the
    same waterfall over a table.
    """

    price: V
    gross: V  # what the buyer pays, tax included
    net: V  # the price net of VAT
    vat: V  # VAT deducted from the price (0 where it is added on top)
    referral: V
    payment: V
    payout: V
    refunded: V  # the returned share of the net price, refunded
    credited: V  # the returned share of the referral fee, credited back
    admin: V  # the refund administration fee kept on it
    ads: V  # share-of-sales part plus the per-unit part
    contribution: V
    orders: V  # per-order fees, each unit's share
    attributed: V  # the expected fee on attributed orders, per unit
    fee_tax: V  # tax on the channel's fees
    shipping: V  # the shipping charged, as stated (VAT included where the price is)
    shipping_vat: V  # the VAT on it (part of ``vat``)


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
    shipping_charged: ShippingCharge | None


class Model:
    """A listing compiled into Decimals in its own currency, ready to evaluate."""

    __slots__ = (
        "ads",
        "ads_fixed",
        "ads_gross",
        "ads_share",
        "attributed",
        "attributed_cap",
        "attributed_gross",
        "conversions",
        "costs_total",
        "currency",
        "fee_factor",
        "fee_tax_rate",
        "fees",
        "fees_fixed",
        "fixed_total",
        "gross_factor",
        "inputs",
        "landed",
        "more_fees",
        "net_factor",
        "one_plus_vat",
        "order_pieces",
        "other",
        "other_total",
        "own_fulfilment",
        "pay_fixed",
        "pay_rate",
        "pay_rounding",
        "payout_rate",
        "referral",
        "referral_credit",
        "referral_gross",
        "refund_cap",
        "refund_share",
        "return_den",
        "return_handling",
        "return_num",
        "return_rate",
        "return_recovered",
        "returns",
        "returns_costs",
        "rounding",
        "segments_cache",
        "ship_charge",
        "ship_gross",
        "ship_net",
        "ship_refunded",
        "ship_vat",
        "shipping",
        "unit",
        "unit_fees",
        "units",
        "vat",
        "vat_included",
        "vat_rate",
        "vat_rounding",
        "zero",
    )

    # Set by compile_shapes (xborder.pricing._shapes).
    units: Decimal
    order_pieces: tuple[Piece, ...]
    attributed: AttributedFee | None
    attributed_gross: bool
    attributed_cap: Decimal | None
    fee_tax_rate: Decimal
    fee_factor: Decimal
    more_fees: bool

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
        shipping_charged: ShippingCharge | None = None,
    ) -> None:
        _check_types(fees, costs, vat, returns, ads, fx, fx_rounding)
        _check_shipping(shipping_charged, returns)
        self.inputs = Inputs(
            fees, costs, vat, returns, ads, fx, fx_rounding, shipping_charged
        )
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
        self._compile_shipping(shipping_charged, local)

    # -- compilation --------------------------------------------------------

    def _compile_vat(self, vat: Vat | None) -> None:
        self.vat = vat
        self.vat_rate = _ZERO if vat is None else vat.rate
        self.vat_included = vat is None or vat.included
        self.one_plus_vat = EXACT.add(_ONE, self.vat_rate)
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
        self.fees_fixed = EXACT.add(self.fixed_total, self.unit_fees)
        check_range(EXACT.add(self.fees_fixed, self.pay_fixed), "fees", fees.name)
        compile_shapes(self, fees)

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
        self.other_total = sum((amount for _, amount in self.other), _ZERO)
        self._compile_returns(returns, local)
        own = unit_costs(
            DECIMALS, self, self.landed, self.own_fulfilment, self.other_total
        )
        self.returns_costs = own.returns
        self.costs_total = own.total

    def _compile_returns(self, returns: Returns | None, local: _Localiser) -> None:
        self.returns = returns
        self.return_num, self.return_den = (
            (_ZERO, _ONE) if returns is None else returns.fraction
        )
        self.return_rate = DIVISION.divide(self.return_num, self.return_den)
        self.return_recovered = _ZERO
        self.referral_credit = False
        self.refund_share = _ZERO
        self.refund_cap: Decimal | None = None
        self.return_handling = self.zero
        if returns is None:
            return
        self.return_recovered = returns.resale.recovered
        self.referral_credit = returns.referral_refunded and self.referral is not None
        if returns.handling is not None:
            handling = local.amount(returns.handling, "returns.handling")
            self.return_handling = per_return(DECIMALS, self, handling)
        fee = returns.refund_fee
        if self.referral_credit and fee is not None:
            self.refund_share = fee.share
            if fee.cap is not None:
                self.refund_cap = local.amount(fee.cap, "returns.refund_fee.cap")

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

    def _compile_shipping(
        self, charge: ShippingCharge | None, local: _Localiser
    ) -> None:
        self.shipping = charge
        self.ship_refunded = bool(charge is not None and charge.refunded_on_return)
        self.ship_charge = self.ship_gross = self.ship_net = self.ship_vat = _ZERO
        if charge is None:
            return
        self.ship_charge = local.amount(charge.amount, "shipping_charged.amount")
        self.ship_gross, self.ship_net, self.ship_vat = shipping_lines(
            DECIMALS, self, self.ship_charge
        )

    # -- evaluation ---------------------------------------------------------

    def evaluate(self, price: Decimal) -> Amounts[Decimal]:
        """The rounded waterfall at ``price`` (a whole number of minor units)."""
        shipping = None if self.shipping is None else self.ship_charge
        return waterfall(DECIMALS, self, price, self.costs_total, shipping)


# -- the rules, written once for every engine -----------------------------------


class Costs(NamedTuple, Generic[V]):
    """The seller's costs per unit: its own, what returns cost besides refunds, both."""

    own: V  # landed cost, own fulfilment and other costs
    returns: V  # return shipping and processing, less the returned stock resold
    total: V


class ReturnCosts(NamedTuple, Generic[V]):
    """The price-independent return lines, per unit ordered, each rounded."""

    handling: V  # r × return shipping and processing
    resold: V  # r × the landed cost recovered by reselling returned units


def per_return(ops: Ops[V, C], m: Model, amount: V | Decimal) -> V:
    """The return rate per unit ordered × ``amount``, rounded once.

    A rate per unit kept $k$ is $k / (1 + k)$ per unit ordered: divided
    here with the line's own rounding, never rounded as a rate first.
    """
    scaled = ops.mul(amount, m.return_num)
    if m.return_den == _ONE:
        return ops.quantize(scaled, m.unit, m.rounding)
    return ops.divide(scaled, m.return_den, m.unit, m.rounding)


def return_costs(ops: Ops[V, C], m: Model, landed: V | Decimal) -> ReturnCosts[V]:
    """Return shipping and processing, and the landed cost resold, per unit ordered."""
    zero = ops.constant(m.zero)
    if m.returns is None:
        return ReturnCosts(zero, zero)
    resold = zero
    if m.return_recovered:
        resold = per_return(ops, m, ops.mul(landed, m.return_recovered))
    return ReturnCosts(ops.constant(m.return_handling), resold)


def unit_costs(
    ops: Ops[V, C],
    m: Model,
    landed: V | Decimal,
    fulfilment: V | Decimal,
    other: V | Decimal,
) -> Costs[V]:
    """Landed cost, own fulfilment and other costs, and the returns' own costs."""
    own = ops.add(ops.add(landed, fulfilment), other)
    if m.returns is None:
        return Costs(own, ops.constant(m.zero), own)
    lines = return_costs(ops, m, landed)
    returns = ops.sub(lines.handling, lines.resold)
    return Costs(own, returns, ops.add(own, returns))


def costs_total(
    ops: Ops[V, C],
    m: Model,
    landed: V | Decimal,
    fulfilment: V | Decimal,
    other: V | Decimal,
) -> V:
    """Every cost of the seller's per unit, the return allowance included."""
    return unit_costs(ops, m, landed, fulfilment, other).total


class Figures(NamedTuple, Generic[V]):
    """The waterfall's figures as :class:`~xborder.pricing.UnitEconomics` names them."""

    gross: V
    net_revenue: V
    tax: V
    referral_fee: V
    payment_fee: V
    payout_fee: V
    fixed_fees: V
    fees: V
    costs: V
    returns: V
    advertising: V
    contribution: V
    order_fees: V
    attributed_fees: V
    fee_tax: V
    shipping_charged: V
    shipping_tax: V


def figures(
    ops: Ops[V, C], m: Model, amounts: Amounts[V], costs: Costs[V]
) -> Figures[V]:
    """The figures of a waterfall: every fee the channel charges, and each cost."""
    fixed = ops.constant(m.fees_fixed)
    charged = ops.add(ops.add(amounts.referral, fixed), amounts.payment)
    returned = ops.add(ops.sub(amounts.refunded, amounts.credited), amounts.admin)
    if m.more_fees:
        more = ops.add(ops.add(amounts.orders, amounts.attributed), amounts.fee_tax)
        charged = ops.add(charged, more)
    return Figures(
        gross=amounts.gross,
        net_revenue=amounts.net,
        tax=amounts.vat,
        referral_fee=amounts.referral,
        payment_fee=amounts.payment,
        payout_fee=amounts.payout,
        fixed_fees=fixed,
        fees=ops.add(charged, amounts.payout),
        costs=costs.own,
        returns=ops.add(costs.returns, returned),
        advertising=amounts.ads,
        contribution=amounts.contribution,
        order_fees=amounts.orders,
        attributed_fees=amounts.attributed,
        fee_tax=amounts.fee_tax,
        shipping_charged=amounts.shipping,
        shipping_tax=amounts.shipping_vat,
    )


def waterfall(
    ops: Ops[V, C],
    m: Model,
    price: V,
    costs: V | Decimal,
    shipping: V | Decimal | None,
    *,
    extra_fees: V | Decimal | None = None,
) -> Amounts[V]:
    """The rounded waterfall at ``price``, with the seller's costs per unit.

    ``shipping`` is the shipping charged per unit on top of the price
    (``None``: none). It is revenue, with its own VAT line, and every fee on
    what the buyer pays (referral, payment, per-order, attributed) is on the
    price and the charge together; ads stay a share of the item's sales.
    Every line is rounded to the minor unit by its own rule, and the
    contribution is what remains, so the lines add up to the price exactly.
    ``extra_fees`` are fixed fees per unit beyond the schedule's, per row
    (a promotion's fee per redemption): they are charged as the schedule's
    fixed fees are.
    """
    unit, zero = m.unit, ops.constant(m.zero)
    gross = net = price
    vat = zero
    if m.vat_rate and m.vat_included:
        net = ops.divide(price, m.one_plus_vat, unit, m.vat_rounding)
        vat = ops.sub(price, net)
    elif m.vat_rate:
        on_top = ops.quantize(ops.mul(price, m.vat_rate), unit, m.vat_rounding)
        gross = ops.add(price, on_top)
    item_gross, item_net = gross, net
    charged = shipping_vat = zero
    if shipping is not None:
        charged = ops.add(zero, shipping)
        ship_gross, ship_net, shipping_vat = shipping_lines(ops, m, shipping)
        gross, net = ops.add(gross, ship_gross), ops.add(net, ship_net)
        vat = ops.add(vat, shipping_vat)
    referral = zero
    if m.referral is not None:
        base = gross if m.referral_gross else net
        fee = m.referral.amount_of(ops, base)
        referral = ops.quantize(fee, unit, m.rounding)
    payment = zero
    if m.pay_rate or m.pay_fixed:
        charge = ops.add(ops.mul(gross, m.pay_rate), m.pay_fixed)
        payment = ops.quantize(charge, unit, m.pay_rounding)
    fixed = m.fees_fixed if extra_fees is None else ops.add(m.fees_fixed, extra_fees)
    deducted = ops.add(ops.add(referral, fixed), payment)
    orders = attributed = fee_tax = zero
    if m.more_fees:
        orders, attributed, fee_tax = more_fees(ops, m, gross, net, deducted)
        deducted = ops.add(ops.add(ops.add(deducted, orders), attributed), fee_tax)
    refunded = credited = admin = zero
    if m.returns is not None:
        returned = net if m.ship_refunded else item_net
        refunded, credited, admin = refunds(ops, m, returned, referral)
        deducted = ops.add(ops.sub(ops.add(deducted, refunded), credited), admin)
    proceeds = ops.sub(net, deducted)
    payout = zero
    if m.payout_rate:
        converted = ops.quantize(ops.mul(proceeds, m.payout_rate), unit, m.rounding)
        payout = ops.where(ops.greater(proceeds, _ZERO), converted, zero)
    ads = ops.constant(m.ads_fixed)
    if m.ads_share:
        sales = item_gross if m.ads_gross else item_net
        share = ops.quantize(ops.mul(sales, m.ads_share), unit, m.rounding)
        ads = ops.add(ads, share)
    contribution = ops.sub(ops.sub(ops.sub(proceeds, payout), costs), ads)
    return Amounts(
        price, gross, net, vat, referral, payment, payout,
        refunded, credited, admin, ads, contribution,
        orders, attributed, fee_tax, charged, shipping_vat,
    )  # fmt: skip


def shipping_lines(ops: Ops[V, C], m: Model, charge: V | Decimal) -> tuple[V, V, V]:
    """The shipping charged: what the buyer pays, its net, and its VAT.

    Taxed at the goods' rate (VAT Directive art. 78(b); HMRC Notice
    700/24), rounded on its own, as the price is: taken out of the charge
    where prices include VAT, added on top where tax is added at checkout.
    """
    zero = ops.constant(m.zero)
    charged = ops.add(zero, charge)
    if m.vat_rate and m.vat_included:
        net = ops.divide(charge, m.one_plus_vat, m.unit, m.vat_rounding)
        return charged, net, ops.sub(charged, net)
    if m.vat_rate:
        on_top = ops.quantize(ops.mul(charge, m.vat_rate), m.unit, m.vat_rounding)
        return ops.add(charged, on_top), charged, zero
    return charged, charged, zero


def refunds(ops: Ops[V, C], m: Model, net: V, referral: V) -> tuple[V, V, V]:
    """The refunded net price, the referral fee credited, and the fee kept on it.

    Per unit ordered, each the return rate × its base, rounded once. The
    fee kept is ``min(cap, share × referral fee)`` per returned unit.
    """
    zero = ops.constant(m.zero)
    refunded = per_return(ops, m, net)
    if not m.referral_credit:
        return refunded, zero, zero
    credited = per_return(ops, m, referral)
    if not m.refund_share:
        return refunded, credited, zero
    kept = ops.mul(referral, m.refund_share)
    if m.refund_cap is not None:
        kept = ops.where(ops.greater(kept, m.refund_cap), m.refund_cap, kept)
    return refunded, credited, per_return(ops, m, kept)


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


def _check_shipping(charge: object, returns: Returns | None) -> None:
    if charge is None:
        return
    if not isinstance(charge, ShippingCharge):
        raise InvalidTypeError(
            field="shipping_charged", value=charge, expected="a ShippingCharge or None"
        )
    if returns is not None and returns.rate and charge.refunded_on_return is None:
        raise InvalidInputError(
            "a refund gives the shipping charge back or keeps it; say which",
            field="shipping_charged.refunded_on_return",
            value=None,
            expected="True or False where the listing has returns",
        )


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
