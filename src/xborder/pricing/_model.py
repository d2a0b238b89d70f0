"""The waterfall as arithmetic: compiled once, evaluated per price, solved per piece.

Private. :func:`~xborder.pricing.unit_economics` and every solver go through
:class:`Model`, so a solver's answer is checked by the very arithmetic that
builds the waterfall.

Two views of the same model:

* :meth:`Model.evaluate` is the waterfall at one price, every line rounded
  to the minor unit: the truth.
* :meth:`Model.segments` is the waterfall without rounding, as linear
  pieces of the price (every fee here is piecewise linear in the price; the
  referral minimum, band edges and the point where payout proceeds turn
  positive start new pieces). Solvers solve each piece algebraically, pick
  the first piece where the target is met, round the answer to the minor
  unit in the direction that meets the target, and confirm it with
  :meth:`evaluate`, stepping by whole minor units only where the rounding
  of individual lines left it short.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from xborder._exact import DIVISION, EXACT
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.fx import FxTable, convert
from xborder.money import Currency, Money, RoundingMode
from xborder.pricing.costs import AdSpend, Returns, UnitCosts
from xborder.pricing.fees import FeeSchedule, VatBasis
from xborder.pricing.vat import Vat

if TYPE_CHECKING:
    from xborder.pricing.fees import ReferralFee

__all__ = ["Amounts", "Model", "Segment", "Solved", "Target"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_CEILING = RoundingMode.CEILING.value
_MAX_STEPS = 10_000


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


class Target(NamedTuple):
    """``weight_c × contribution − weight_n × net − constant >= 0``.

    Break-even is (1, 0, 0); a margin m is (1, m, 0); a markup k is
    (1 + k, k, 0); receiving at least X is (1, 0, X).
    """

    weight_c: Decimal
    weight_n: Decimal
    constant: Decimal

    def value(self, amounts: Amounts) -> Decimal:
        """How far the rounded waterfall is above (>= 0) or below the target."""
        return (
            self.weight_c * amounts.contribution
            - self.weight_n * amounts.net
            - self.constant
        )


class Segment(NamedTuple):
    """One linear piece of the unrounded waterfall, on ``[low, high]``.

    On it, contribution = ``alpha + beta × price``.
    """

    low: Decimal
    high: Decimal | None
    alpha: Decimal
    beta: Decimal
    rule: str  # which regime holds here, in words


class Solved(NamedTuple):
    """A solved price: rounded, unrounded, its piece and its rounded waterfall."""

    price: Decimal
    exact: Decimal
    segment: Segment
    amounts: Amounts


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
        self.fees = fees
        self.currency: Currency = fees.currency
        self.unit: Decimal = self.currency.minor_unit
        self.rounding: str = fees.rounding.value
        self.conversions: list[tuple[str, Money, Money]] = []
        self.segments_cache: list[Segment] | None = None
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
        self.vat_rounding = (
            RoundingMode.HALF_UP.value if vat is None else vat.rounding.value
        )
        if not self.vat_rate:
            self.gross_factor = self.net_factor = _ONE
        elif self.vat_included:
            self.gross_factor = _ONE
            self.net_factor = DIVISION.divide(_ONE, 1 + self.vat_rate)
        else:
            self.gross_factor = 1 + self.vat_rate
            self.net_factor = _ONE

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
        self.pay_rounding = (
            RoundingMode.HALF_UP.value if payment is None else payment.rounding.value
        )
        self.payout_rate = fees.payout_conversion

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
        unit = self.unit
        if not self.vat_rate:
            gross = net = price
            vat = _ZERO
        elif self.vat_included:
            gross = price
            net = DIVISION.divide(price, 1 + self.vat_rate).quantize(
                unit, rounding=self.vat_rounding, context=EXACT
            )
            vat = price - net
        else:
            net = price
            vat = _ZERO
            gross = price + EXACT.multiply(price, self.vat_rate).quantize(
                unit, rounding=self.vat_rounding, context=EXACT
            )
        referral = _ZERO
        if self.referral is not None:
            base = gross if self.referral_gross else net
            referral = self.referral.amount(base).quantize(
                unit, rounding=self.rounding, context=EXACT
            )
        payment = _ZERO
        if self.pay_rate or self.pay_fixed:
            payment = EXACT.add(
                EXACT.multiply(gross, self.pay_rate), self.pay_fixed
            ).quantize(unit, rounding=self.pay_rounding, context=EXACT)
        deducted = referral + self.fixed_total + self.unit_fees + payment
        payout = _ZERO
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

    # -- the unrounded, piecewise-linear view ----------------------------------

    def segments(self) -> list[Segment]:
        """The unrounded contribution as linear pieces of the price, in order."""
        if self.segments_cache is None:
            self.segments_cache = self._build_segments()
        return self.segments_cache

    def _build_segments(self) -> list[Segment]:
        base_factor = self.gross_factor if self.referral_gross else self.net_factor
        pieces = (
            [(_ZERO, None, _ZERO, _ZERO, "no referral fee")]
            if self.referral is None
            else [
                (
                    DIVISION.divide(low, base_factor),
                    None if high is None else DIVISION.divide(high, base_factor),
                    intercept,
                    EXACT.multiply(slope, base_factor),
                    _referral_rule(intercept, slope),
                )
                for low, high, intercept, slope in self.referral.pieces()
            ]
        )
        segments: list[Segment] = []
        for low, high, ref_c, ref_s, rule in pieces:
            segments.extend(self._linear(low, high, ref_c, ref_s, rule))
        return segments

    def _linear(
        self,
        low: Decimal,
        high: Decimal | None,
        ref_c: Decimal,
        ref_s: Decimal,
        rule: str,
    ) -> list[Segment]:
        # proceeds = net − referral − fixed fees − payment = a_p + b_p × price
        b_p = self.net_factor - ref_s - self.pay_rate * self.gross_factor
        a_p = -(ref_c + self.fixed_total + self.unit_fees + self.pay_fixed)
        ads_factor = self.gross_factor if self.ads_gross else self.net_factor
        ads_slope = self.ads_share * ads_factor
        rest = self.costs_total + self.ads_fixed

        def piece(lo: Decimal, hi: Decimal | None, payout: bool) -> Segment:  # noqa: FBT001
            keep = _ONE - self.payout_rate if payout else _ONE
            return Segment(
                lo,
                hi,
                keep * a_p - rest,
                keep * b_p - ads_slope,
                rule + ("; payout converted" if payout and self.payout_rate else ""),
            )

        if not self.payout_rate or not b_p:
            return [piece(low, high, a_p > 0)]
        turn = DIVISION.divide(-a_p, b_p)  # where the proceeds cross zero
        if turn > low and (high is None or turn < high):
            return [piece(low, turn, b_p < 0), piece(turn, high, b_p > 0)]
        # The whole piece lies on one side of the turn.
        return [piece(low, high, (b_p > 0) == (turn <= low))]

    def segment_at(self, price: Decimal) -> Segment:
        """The piece holding ``price`` (an edge belongs to the piece below it)."""
        for segment in self.segments():
            if segment.high is None or price <= segment.high:
                return segment
        return self.segments()[-1]  # pragma: no cover - the last is open-ended

    # -- solving ---------------------------------------------------------------

    def first_feasible(
        self, target: Target, start: Decimal
    ) -> tuple[Decimal, Segment] | None:
        """The lowest price >= ``start`` meeting ``target`` in the unrounded model."""
        for segment in self.segments():
            if segment.high is not None and segment.high < start:
                continue
            low = max(segment.low, start)
            sigma = target.weight_c * segment.beta - target.weight_n * self.net_factor
            tau = target.weight_c * segment.alpha - target.constant
            if tau + sigma * low >= 0:
                return low, segment
            if sigma > 0:
                root = DIVISION.divide(-tau, sigma)
                if segment.high is None or root <= segment.high:
                    return max(root, low), segment
        return None

    def solve(self, target: Target) -> Solved | None:
        """The price meeting ``target`` on the rounded waterfall, or ``None``.

        The price is in whole minor units; it meets the target when
        evaluated, and one minor unit less does not.
        """
        unit = self.unit
        found = self.first_feasible(target, unit)
        if found is None:
            return None
        exact, segment = found
        price = _ceiling(exact, unit)
        for _ in range(_MAX_STEPS):
            amounts = self.evaluate(price)
            short = target.value(amounts)
            if short >= 0:
                break
            segment = self.segment_at(price)
            sigma = target.weight_c * segment.beta - target.weight_n * self.net_factor
            unrounded = target.weight_c * (segment.alpha + segment.beta * price)
            unrounded -= target.weight_n * self.net_factor * price + target.constant
            if unrounded >= 0 and sigma > 0:
                # The unrounded model is met here; rounding of single lines
                # left the waterfall short by `short`: step over it at once.
                price = _ceiling(
                    price + max(unit, DIVISION.divide(-short, sigma)), unit
                )
                continue
            found = self.first_feasible(target, price + unit)
            if found is None:
                return None
            price = _ceiling(max(found[0], price + unit), unit)
        else:  # pragma: no cover - rounding cannot keep a met target short this long
            return None
        for _ in range(_MAX_STEPS):
            lower = price - unit
            if lower < unit:
                break
            below = self.evaluate(lower)
            if target.value(below) < 0:
                break
            price, amounts = lower, below
        return Solved(price, exact, self.segment_at(price), amounts)


def _ceiling(value: Decimal, unit: Decimal) -> Decimal:
    return value.quantize(unit, rounding=_CEILING, context=EXACT)


def _referral_rule(intercept: Decimal, slope: Decimal) -> str:
    if not slope:
        return f"referral fee flat at {intercept.normalize():f}"
    return f"referral fee at {EXACT.multiply(slope, 100).normalize():f}% of the price"


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
