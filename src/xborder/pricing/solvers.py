r"""Prices from targets: break-even, target margin and markup, gross-ups, ACOS, CPC.

Every fee in the waterfall is piecewise linear in the price: a percentage,
a fixed amount, a referral minimum that holds below a kink, tier bands that
change the rate at their edges. So each solver works piece by piece: on a
piece the contribution is $\alpha + \beta P$, and the target
$\text{contribution} \ge m \cdot \text{net revenue}$ is met from

$$P^* = \frac{-\alpha}{\beta - m\,\nu}$$

on ($\nu$ is net revenue per unit of price: $1/(1+v)$ where the price
includes VAT $v$). Without kinks this is the textbook
$P = C / (1 - f - m)$, with $C$ the fixed costs per unit and $f$ the
price-proportional rates. The solver takes the first piece where the target
is met, rounds $P^*$ up to the minor unit, and feeds the price back into the
waterfall: where the rounding of single lines leaves it a cent short it
steps over the shortfall, and it steps down while one minor unit less still
meets the target. No floats, no open-ended iteration.

The guarantee, for every solver here: the returned price meets the target
when fed to :func:`~xborder.pricing.unit_economics`, and one minor unit
less does not.

Examples:
    >>> from xborder.money import Money
    >>> from xborder.pricing import PaymentFee
    >>> stripe = PaymentFee(name="Stripe US", rate="0.029", fixed=Money("0.30", "USD"))
    >>> str(gross_up(Money("100.00", "USD"), stripe).charge)
    '103.30 USD'
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import DIVISION, EXACT
from xborder._guard import guard_public
from xborder._validate import (
    DecimalInput,
    decimal,
    named_errors,
    require,
    text,
    to_decimal,
)
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Money, RoundingMode
from xborder.money.converters import exact_money, money_value
from xborder.pricing._common import assemble, percent, readable
from xborder.pricing._model import LARGEST, Model
from xborder.pricing._solve import Target, segments
from xborder.pricing._solve import solve as solve_model
from xborder.pricing.economics import UnitEconomics, build
from xborder.pricing.payment import PaymentFee

if TYPE_CHECKING:
    from xborder.fx import FxTable
    from xborder.pricing.costs import AdSpend, UnitCosts
    from xborder.pricing.fees import FeeSchedule
    from xborder.pricing.returns import Returns
    from xborder.pricing.vat import Vat

__all__ = [
    "GrossUp",
    "PriceSolution",
    "break_even_price",
    "gross_up",
    "margin_from_markup",
    "markup_from_margin",
    "target_margin_price",
    "target_markup_price",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_CEILING = RoundingMode.CEILING.value


def _economics(value: UnitEconomics) -> UnitEconomics:
    if not isinstance(value, UnitEconomics):
        raise InvalidTypeError(field=None, value=value, expected="UnitEconomics")
    return value


def _payment(value: PaymentFee) -> PaymentFee:
    if not isinstance(value, PaymentFee):
        raise InvalidTypeError(field=None, value=value, expected="a PaymentFee")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class PriceSolution:
    """A solved price, the unrounded solution behind it, and its waterfall.

    Attributes:
        price: The price, in whole minor units, that meets the target.
        exact: The unrounded algebraic solution on the winning piece.
        target: The target in words ("margin 30%").
        rule: Which piece of the fee schedule holds at ``price``.
        economics: The waterfall at ``price``: the proof that it meets the
            target.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> solution = break_even_price(
        ...     fees=FeeSchedule(name="Own site", currency="USD"),
        ...     costs=UnitCosts(landed=Money("9.00", "USD")),
        ... )
        >>> str(solution.price), str(solution.economics.contribution)
        ('9.00 USD', '0.00 USD')
    """

    price: Money = attrs.field(converter=money_value)
    exact: Decimal = attrs.field(converter=decimal)
    target: str = attrs.field(converter=text)
    rule: str = attrs.field(converter=text)
    economics: UnitEconomics = attrs.field(converter=_economics)

    def __attrs_post_init__(self) -> None:
        require(
            self.economics.price == self.price,
            field="economics",
            value=self.economics,
            expected=f"the waterfall at the price {self.price}",
        )


def margin_from_markup(markup: DecimalInput) -> Decimal:
    r"""The margin a markup gives: $m = k / (1 + k)$ (50% markup → 33.3% margin).

    Both are on the same cost: margin is profit ÷ price, markup is profit ÷
    cost (research note §2.3; any accounting text).

    Examples:
        >>> margin_from_markup("0.5").quantize(Decimal("0.0001"))
        Decimal('0.3333')
        >>> margin_from_markup("1")
        Decimal('0.5')
    """
    k = to_decimal(markup, field="markup")
    if k <= -1:
        raise InvalidInputError(field="markup", value=markup, expected="a markup > -1")
    return DIVISION.divide(k, EXACT.add(1, k))


def markup_from_margin(margin: DecimalInput) -> Decimal:
    r"""The markup a margin needs: $k = m / (1 - m)$ (a 20% margin is a 25% markup).

    Examples:
        >>> markup_from_margin("0.2")
        Decimal('0.25')
    """
    m = _margin(margin)
    return DIVISION.divide(m, EXACT.subtract(1, m))


def _margin(value: DecimalInput, field: str | None = "margin") -> Decimal:
    m = to_decimal(value, field=field)
    if m >= 1:
        raise InvalidInputError(
            "a margin is a share of net revenue; 100% would leave nothing for costs",
            field=field,
            value=value,
            expected="a margin below 1 (30% is '0.30')",
        )
    return m


def solve(
    model: Model, target: Target, *, label: str, field: str, value: object
) -> PriceSolution:
    """Solve ``model`` for ``target`` (private, shared by the public solvers)."""
    found = solve_model(model, target)
    if found is None:
        raise InvalidInputError(
            _unreachable(model, target),
            field=field,
            value=value,
            expected="a target some price can reach",
        )
    # Fees that keep a sliver of each extra unit can push the answer past
    # the range the waterfall adds up exactly: say so rather than misadd.
    if found.price >= LARGEST:
        raise InvalidInputError(
            f"the price that reaches it ({found.price:E}) is beyond the range"
            " the waterfall adds up exactly",
            field=field,
            value=value,
            expected="a target some price below 10^21 reaches",
        )
    return assemble(
        PriceSolution,
        price=exact_money(found.price, model.currency),
        exact=readable(found.exact),
        target=label,
        rule=found.segment.rule,
        economics=build(model, found.price, found.amounts),
    )


def _unreachable(model: Model, target: Target) -> str:
    last = segments(model)[-1]
    kept = DIVISION.divide(last.beta, model.net_factor)
    asked = DIVISION.divide(target.weight_n, target.weight_c)
    places = Decimal("0.0001")
    return (
        "no price reaches it: at high prices the fees, payout and ads that grow "
        f"with the price leave {percent(kept.quantize(places))} of each extra unit "
        f"of net revenue, and the target asks for {percent(asked.quantize(places))}"
    )


def _model(  # noqa: PLR0917 - private; mirrors the public keyword arguments
    fees: FeeSchedule,
    costs: UnitCosts,
    vat: Vat | None,
    returns: Returns | None,
    ads: AdSpend | None,
    fx: FxTable | None,
    fx_rounding: RoundingMode,
) -> Model:
    return Model(
        fees=fees,
        costs=costs,
        vat=vat,
        returns=returns,
        ads=ads,
        fx=fx,
        fx_rounding=fx_rounding,
    )


def margin_target(margin: Decimal) -> Target:
    """The target for a margin on net revenue (private helper)."""
    return Target(_ONE, margin, _ZERO)


def markup_target(markup: Decimal) -> Target:
    """The target for a markup on total cost (private helper)."""
    return Target(1 + markup, markup, _ZERO)


def break_even_price(
    *,
    fees: FeeSchedule,
    costs: UnitCosts,
    vat: Vat | None = None,
    returns: Returns | None = None,
    ads: AdSpend | None = None,
    fx: FxTable | None = None,
    fx_rounding: RoundingMode = RoundingMode.HALF_UP,
) -> PriceSolution:
    r"""The lowest price at which the contribution is not negative.

    $P = C / (1 - f)$ on the piece where it lands (feutex.com's break-even
    price, "fixed costs ÷ (1 − referral %)", generalised to every
    proportional rate and to VAT), then checked on the rounded waterfall.
    Takes the same inputs as :func:`~xborder.pricing.unit_economics`.

    Raises:
        InvalidInputError: No price breaks even (proportional deductions
            take 100% or more of each extra unit of net revenue).

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, ReferralFee, UnitCosts, VatBasis
        >>> fees = FeeSchedule(
        ...     name="Marketplace", currency="USD",
        ...     referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
        ... )
        >>> costs = UnitCosts(landed=Money("8.50", "USD"))
        >>> solution = break_even_price(fees=fees, costs=costs)
        >>> str(solution.price), str(solution.economics.contribution)
        ('10.00 USD', '0.00 USD')
    """
    model = _model(fees, costs, vat, returns, ads, fx, fx_rounding)
    return solve(
        model,
        Target(_ONE, _ZERO, _ZERO),
        label="break-even",
        field="fees",
        value=fees.name,
    )


def target_margin_price(
    margin: DecimalInput,
    *,
    fees: FeeSchedule,
    costs: UnitCosts,
    vat: Vat | None = None,
    returns: Returns | None = None,
    ads: AdSpend | None = None,
    fx: FxTable | None = None,
    fx_rounding: RoundingMode = RoundingMode.HALF_UP,
) -> PriceSolution:
    r"""The lowest price whose margin (contribution ÷ net revenue) reaches ``margin``.

    $P_\text{net} = C / (1 - f - m)$ on the piece where it lands, so the
    price exists only while $f + m < 1$ there (a Jungle Scout-style
    calculator would print a negative price instead).

    Args:
        margin: The target margin on net revenue, below 1 (``"0.30"``);
            negative for a price that loses on purpose.
        fees: The channel's fee schedule.
        costs: The seller's own per-unit costs.
        vat: The market's VAT rule, or ``None``.
        returns: The returns model, or ``None``.
        ads: Advertising per unit, or ``None``.
        fx: Rates to convert amounts given in another currency.
        fx_rounding: How each converted amount is rounded, once.

    Raises:
        InvalidInputError: ``margin`` >= 1, or no price reaches it.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, ReferralFee, UnitCosts, VatBasis
        >>> fees = FeeSchedule(
        ...     name="Marketplace", currency="USD",
        ...     referral=ReferralFee.flat("0.15", basis=VatBasis.EXCLUSIVE),
        ... )
        >>> costs = UnitCosts(landed=Money("6.00", "USD"))
        >>> solution = target_margin_price("0.25", fees=fees, costs=costs)
        >>> str(solution.price), f"{solution.economics.margin:.4f}"
        ('10.00 USD', '0.2500')
    """
    m = _margin(margin)
    model = _model(fees, costs, vat, returns, ads, fx, fx_rounding)
    return solve(
        model,
        margin_target(m),
        label=f"margin {percent(m)}",
        field="margin",
        value=margin,
    )


def target_markup_price(
    markup: DecimalInput,
    *,
    fees: FeeSchedule,
    costs: UnitCosts,
    vat: Vat | None = None,
    returns: Returns | None = None,
    ads: AdSpend | None = None,
    fx: FxTable | None = None,
    fx_rounding: RoundingMode = RoundingMode.HALF_UP,
) -> PriceSolution:
    r"""The lowest price whose markup (contribution ÷ total cost) reaches ``markup``.

    Total cost is everything the waterfall takes from net revenue (fees,
    landed cost, fulfilment, returns, ads), so a markup $k$ is the margin
    $k / (1 + k)$: the target is solved as $(1 + k) \cdot \text{contribution}
    \ge k \cdot \text{net revenue}$, without dividing.

    Raises:
        InvalidInputError: ``markup`` <= -1, or no price reaches it.

    Examples:
        >>> from xborder.money import Money
        >>> from xborder.pricing import FeeSchedule, UnitCosts
        >>> fees = FeeSchedule(name="Own site", currency="EUR")
        >>> costs = UnitCosts(landed=Money("7.00", "EUR"))
        >>> str(target_markup_price("1", fees=fees, costs=costs).price)
        '14.00 EUR'
    """
    k = to_decimal(markup, field="markup")
    if k <= -1:
        raise InvalidInputError(field="markup", value=markup, expected="a markup > -1")
    model = _model(fees, costs, vat, returns, ads, fx, fx_rounding)
    return solve(
        model,
        markup_target(k),
        label=f"markup {percent(k)}",
        field="markup",
        value=markup,
    )


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class GrossUp:
    r"""A charge grossed up so the processor's fee leaves at least a net amount.

    Attributes:
        charge: What to charge.
        fee: The processor's fee on ``charge``, rounded as it rounds.
        received: ``charge - fee``: never less than the net asked for.
        exact: The unrounded $(\text{net} + f) / (1 - r)$.
        payment: The fee plan used.

    Examples:
        >>> from xborder.money import Money
        >>> stripe = PaymentFee(name="card", rate="0.029", fixed=Money("0.30", "USD"))
        >>> result = gross_up(Money("10.00", "USD"), stripe)
        >>> str(result.charge), str(result.fee), str(result.received)
        ('10.61 USD', '0.61 USD', '10.00 USD')
    """

    charge: Money = attrs.field(converter=money_value)
    fee: Money = attrs.field(converter=money_value)
    received: Money = attrs.field(converter=money_value)
    exact: Decimal = attrs.field(converter=decimal)
    payment: PaymentFee = attrs.field(converter=_payment)

    def __attrs_post_init__(self) -> None:
        currency = self.payment.currency
        for field in ("charge", "fee", "received"):
            amount: Money = getattr(self, field)
            if amount.currency != currency:
                raise CurrencyMismatchError(
                    field=field,
                    value=amount,
                    expected=f"an amount in the fee's currency {currency.code}",
                )
        require(
            EXACT.subtract(self.charge.amount, self.fee.amount) == self.received.amount,
            field="received",
            value=self.received,
            expected=f"charge - fee = {self.charge - self.fee}",
        )


def gross_up(net: Money, payment: PaymentFee) -> GrossUp:
    r"""The lowest charge that leaves at least ``net`` after the processor's fee.

    $$c = \left\lceil \frac{\text{net} + f}{1 - r} \right\rceil$$

    with $r$ every percentage that applies (surcharges stacked) and $f$ the
    fixed fee, then checked against the fee as the processor rounds it: the
    result is never a cent short, and one cent less would be.

    Source: the gross-up formula (vadimkononov.ca, devzone.tools). A widely
    copied calculator (calcmastery.com) says \$103.29 nets \$100 at
    2.9% + \$0.30; its fee is \$3.30, leaving \$99.99. The answer is \$103.30.

    Args:
        net: What must be left after the fee, in the fee's currency.
        payment: The processor's fee plan, with the surcharges that apply.

    Examples:
        >>> from xborder.money import Money
        >>> stripe = PaymentFee(
        ...     name="Stripe US", rate="0.029", fixed=Money("0.30", "USD")
        ... )
        >>> result = gross_up(Money("500.00", "USD"), stripe)
        >>> str(result.charge), str(result.fee), str(result.received)
        ('515.24 USD', '15.24 USD', '500.00 USD')
    """
    if not isinstance(net, Money):
        raise InvalidTypeError(field="net", value=net, expected="Money")
    if not isinstance(payment, PaymentFee):
        raise InvalidTypeError(field="payment", value=payment, expected="a PaymentFee")
    if net.currency != payment.currency:
        raise CurrencyMismatchError(
            field="net", value=net, expected=f"an amount in {payment.currency.code}"
        )
    if net.is_negative() or not net.is_quantized():
        raise InvalidInputError(
            field="net", value=net, expected="an amount >= 0 in whole minor units"
        )
    # One linear piece, no kinks: solve it directly, then confirm against the
    # fee exactly as PaymentFee.fee (and the waterfall's payment line) rounds it.
    unit = net.currency.minor_unit
    rate, fixed, mode = payment.total_rate, payment.fixed.amount, payment.rounding.value

    def received(charge: Decimal) -> Decimal:
        fee = EXACT.add(EXACT.multiply(charge, rate), fixed)
        return charge - fee.quantize(unit, rounding=mode, context=EXACT)

    exact = DIVISION.divide(EXACT.add(net.amount, fixed), EXACT.subtract(1, rate))
    # The steps below use Python's 28-digit operators (the hot path): below
    # 10^21 a charge in minor units has at most 24 digits, so each step is
    # exact. Past it a step of one cent rounds away and the search never ends
    # (a net of 1E+35 ran for ever), so the charge is bounded here, before it.
    if exact >= LARGEST:
        raise InvalidInputError(
            f"the charge that leaves it would be {exact:.6E}, beyond the range"
            " the fee is computed exactly in",
            field="net",
            value=net,
            expected="a net whose charge stays below 10^21",
        )
    charge = max(exact.quantize(unit, rounding=_CEILING, context=EXACT), unit)
    while received(charge) < net.amount:  # rounding left it short: step over
        charge += unit
    while charge > unit and received(charge - unit) >= net.amount:
        charge -= unit
    money = exact_money(charge, net.currency)
    fee = exact_money(charge - received(charge), net.currency)
    return assemble(
        GrossUp,
        charge=money,
        fee=fee,
        received=money - fee,
        exact=readable(exact),
        payment=payment,
    )


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
