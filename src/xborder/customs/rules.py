r"""The customs rules as arithmetic, written once, for every engine.

:func:`~xborder.landed_cost.landed_cost` evaluates these on Decimals;
:mod:`xborder.frames` evaluates the very same functions on whole columns.
Both pass an *ops* object that does the arithmetic (exact addition and
multiplication, rounding with a named mode, exact division, conditions), so
each rule exists once and the engines cannot drift apart:

* rounding: :func:`to_step`, and a :class:`~xborder.customs.RoundingPolicy`'s
  three steps: :func:`rounded` (each figure), :func:`rounded_base` (a base
  before a rate) and :func:`rounded_total` (a declaration's total);
* exchange: :func:`converted`, an amount along an exchange path;
* duties: :func:`duty_amount` for any per-line expression (ad valorem,
  specific, compound, floor, cap), built from :func:`ad_valorem`,
  :func:`specific`, :func:`takes_minimum` and :func:`takes_maximum`;
  :func:`duty_shape` and :func:`duty_parameters` split an expression into
  what it computes and its rates, so many tariff rows of one shape are
  evaluated at once;
* thresholds and fees: :func:`exceeds`, :func:`fee_amount`,
  :func:`fee_due`;
* taxes: :func:`tax_parts` and :func:`tax_base`.

Parameters (a policy, an expression, a fee, a tax rule) are the rules'
own models; the values that vary per line (a customs value, a quantity)
are what the engine computes with: Decimals for :data:`DECIMALS`.

Examples:
    >>> from decimal import Decimal
    >>> from xborder.customs import RoundingPolicy
    >>> from xborder.money import Currency, RoundingMode
    >>> japan = RoundingPolicy(mode=RoundingMode.DOWN, step=100, base_step=1000)
    >>> rounded_base(DECIMALS, japan, Decimal(534795))
    Decimal('534000')
    >>> rounded(DECIMALS, japan, Currency("JPY"), Decimal(74760))
    Decimal('74700')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal  # noqa: TC003 - the docstring examples use it
from typing import TYPE_CHECKING, TypeVar

from xborder._guard import guard_public
from xborder._ops import DECIMALS, Ops, check_values
from xborder._validate import to_decimal
from xborder.customs import _rules
from xborder.customs._expression import DutyExpression, duty_expression
from xborder.customs._fee import Fee
from xborder.customs._formulas import FeeAmount, FeeTests
from xborder.customs._rounding import RoundingPolicy
from xborder.customs._tax import TaxBase, TaxRule
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.fx import FxPath, FxTable
from xborder.money import Currency, RoundingMode

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "DECIMALS",
    "FeeAmount",
    "FeeTests",
    "ad_valorem",
    "converted",
    "duty_amount",
    "duty_parameters",
    "duty_shape",
    "exceeds",
    "fee_amount",
    "fee_due",
    "rounded",
    "rounded_base",
    "rounded_total",
    "specific",
    "takes_maximum",
    "takes_minimum",
    "tax_base",
    "tax_parts",
    "taxed",
    "to_step",
]

V = TypeVar("V")
C = TypeVar("C")


def to_step(
    ops: Ops[V, C],
    value: V | Decimal,
    step: Decimal,
    mode: RoundingMode,
    divisor: int = 1,
) -> V:
    """``value ÷ divisor`` rounded once, exactly, to a multiple of ``step``.

    Args:
        ops: The engine: :data:`DECIMALS`, or a column engine.
        value: What to round.
        step: A positive step (``0.01``, ``100``, ``0.05``); the result
            keeps its exponent.
        mode: How to round.
        divisor: A whole number to divide by first (Japan's local tax is
            22/78 of the national tax).

    Examples:
        >>> from xborder.money import RoundingMode
        >>> to_step(DECIMALS, Decimal("74760"), Decimal(100), RoundingMode.DOWN)
        Decimal('74700')
        >>> to_step(DECIMALS, Decimal(1000), Decimal(1), RoundingMode.DOWN, 78)
        Decimal('12')
    """
    check_values(ops, value=value)
    number = to_decimal(step, field="step")
    if number <= 0:
        raise InvalidInputError(field="step", value=step, expected="a step > 0")
    return _rules.to_step(ops, value, number, _mode(mode), _divisor(divisor))


def rounded(
    ops: Ops[V, C],
    policy: RoundingPolicy,
    currency: Currency,
    value: V | Decimal,
    divisor: int = 1,
) -> V:
    """One figure rounded by ``policy``: to its step, or ``currency``'s minor unit.

    Examples:
        >>> from xborder.customs import RoundingPolicy
        >>> from xborder.money import Currency, RoundingMode
        >>> half_up = RoundingPolicy(mode=RoundingMode.HALF_UP)
        >>> rounded(DECIMALS, half_up, Currency("GBP"), Decimal("4.025"))
        Decimal('4.03')
    """
    check_values(ops, value=value)
    _policy(policy)
    if not isinstance(currency, Currency):
        raise InvalidTypeError(field="currency", value=currency, expected="a Currency")
    return _rules.rounded(ops, policy, currency, value, _divisor(divisor))


def rounded_base(ops: Ops[V, C], policy: RoundingPolicy, value: V) -> V:
    """A base rounded to ``policy.base_step`` (unchanged without one).

    Examples:
        >>> from xborder.customs import RoundingPolicy
        >>> from xborder.money import RoundingMode
        >>> japan = RoundingPolicy(mode=RoundingMode.DOWN, base_step=1000)
        >>> rounded_base(DECIMALS, japan, Decimal(534795))
        Decimal('534000')
    """
    check_values(ops, value=value)
    return _rules.rounded_base(ops, _policy(policy), value)


def rounded_total(
    ops: Ops[V, C], policy: RoundingPolicy, value: V | Decimal, divisor: int = 1
) -> V:
    """A declaration's total of one duty or tax, rounded to ``policy.total_step``.

    Raises:
        InvalidInputError: The policy has no ``total_step``.

    Examples:
        >>> from xborder.customs import RoundingPolicy
        >>> from xborder.money import RoundingMode
        >>> japan = RoundingPolicy(mode=RoundingMode.DOWN, step=100, total_step=100)
        >>> rounded_total(DECIMALS, japan, Decimal(74760) + Decimal(17640))
        Decimal('92400')
    """
    check_values(ops, value=value)
    return _rules.rounded_total(ops, _policy(policy), value, _divisor(divisor))


def converted(ops: Ops[V, C], amount: V | Decimal, path: FxPath | None) -> V:
    """``amount`` along an exchange path (:meth:`xborder.fx.FxTable.path`), unrounded.

    Examples:
        >>> from xborder.fx import FxRate, FxTable
        >>> usd = FxRate(base="USD", quote="GBP", rate="0.7610", as_of="2026-09-01")
        >>> table = FxTable(rates=[usd])
        >>> converted(DECIMALS, Decimal("38.00"), table.path("USD", "GBP"))
        Decimal('28.918000')
    """
    check_values(ops, amount=amount)
    if path is not None and not isinstance(path, FxPath):
        raise InvalidTypeError(field="path", value=path, expected="an FxPath or None")
    return _rules.converted(ops, amount, path)


def ad_valorem(ops: Ops[V, C], value: V, rate: V | Decimal) -> V:
    """``rate × value``: the tariff's ``6.5%``.

    Examples:
        >>> ad_valorem(DECIMALS, Decimal("115.00"), Decimal("0.035"))
        Decimal('4.02500')
    """
    check_values(ops, value=value, rate=rate)
    return _rules.ad_valorem(ops, value, rate)


def specific(
    ops: Ops[V, C],
    amount: V | Decimal,
    quantity: V,
    per: Decimal,
    path: FxPath | None = None,
) -> V:
    """``amount × quantity ÷ per``, converted along ``path``: ``35.10 EUR / 100 kg``.

    Examples:
        >>> specific(DECIMALS, Decimal("35.10"), Decimal(250), Decimal(100))
        Decimal('87.75')
    """
    check_values(ops, amount=amount, quantity=quantity)
    number = to_decimal(per, field="per")
    if number <= 0:
        raise InvalidInputError(field="per", value=per, expected="a number > 0")
    if path is not None and not isinstance(path, FxPath):
        raise InvalidTypeError(field="path", value=path, expected="an FxPath or None")
    return _rules.specific(ops, amount, quantity, number, path)


def takes_minimum(ops: Ops[V, C], duty: V, minimum: V) -> C:
    """Whether a floor's minimum applies (``MIN``: the larger of the two).

    Examples:
        >>> takes_minimum(DECIMALS, Decimal("1.20"), Decimal(10))
        True
    """
    check_values(ops, duty=duty, minimum=minimum)
    return _rules.takes_minimum(ops, duty, minimum)


def takes_maximum(ops: Ops[V, C], duty: V, maximum: V) -> C:
    """Whether a cap's maximum applies (``MAX``: the smaller of the two).

    Examples:
        >>> takes_maximum(DECIMALS, Decimal(120), Decimal(24))
        True
    """
    check_values(ops, duty=duty, maximum=maximum)
    return _rules.takes_maximum(ops, duty, maximum)


def duty_amount(
    ops: Ops[V, C],
    expression: DutyExpression,
    value: V | Decimal,
    quantities: Mapping[str, V | Decimal],
    *,
    currency: Currency,
    fx: FxTable | None = None,
    parameters: Sequence[V | Decimal] | None = None,
) -> V:
    """A per-line duty expression's exact (unrounded) amount in ``currency``.

    Args:
        ops: The engine.
        expression: Any duty expression but
            :class:`~xborder.customs.FlatPerTariffLine` (charged per tariff
            line of a consignment).
        value: The line's customs value, after the policy's base rounding.
        quantities: The line's quantities by measure (``"kg"``, ``"item"``).
        currency: The currency of ``value`` and of the result.
        fx: Rates for specific amounts in another currency.
        parameters: The leaves' rates and amounts, replacing the
            expression's own, in :func:`duty_parameters` order.

    Raises:
        InvalidInputError: A specific duty's measure is missing, the
            parameters do not match the leaves, or the expression is flat.
        MissingFxRateError: A specific amount cannot be converted.

    Examples:
        >>> from xborder.customs import AdValorem, Floor, Specific
        >>> from xborder.money import Currency, Money
        >>> duty = Floor(
        ...     duty=AdValorem("0.12"),
        ...     minimum=Specific(amount=Money("2", "EUR"), measure="kg", per=100),
        ... )
        >>> kilograms = {"kg": Decimal(500)}
        >>> eur = Currency("EUR")
        >>> duty_amount(DECIMALS, duty, Decimal(10), kilograms, currency=eur)
        Decimal('10')
    """
    check_values(ops, value=value)
    checked = _expression(expression)
    if not isinstance(currency, Currency):
        raise InvalidTypeError(field="currency", value=currency, expected="a Currency")
    if fx is not None and not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable or None")
    if not isinstance(quantities, Mapping):
        raise InvalidTypeError(
            field="quantities", value=quantities, expected="a mapping of measure"
        )
    for name, quantity in quantities.items():
        check_values(ops, **{f"quantities[{name!r}]": quantity})
    given = _parameters(ops, checked, parameters)
    return _rules.duty_amount(
        ops, checked, value, quantities, currency=currency, fx=fx, parameters=given
    )


def duty_parameters(expression: DutyExpression) -> tuple[Decimal, ...]:
    """An expression's rates and specific amounts, depth first.

    Examples:
        >>> from xborder.customs import AdValorem, Cap, Specific
        >>> from xborder.money import Money
        >>> most = Specific(amount=Money(24, "EUR"), measure="kg", per=100)
        >>> duty_parameters(Cap(duty=AdValorem("0.12"), maximum=most))
        (Decimal('0.12'), Decimal('24'))
    """
    return _rules.duty_parameters(_expression(expression))


def duty_shape(expression: DutyExpression) -> tuple[object, ...]:
    """What an expression computes, without its rates and amounts.

    Expressions of one shape differ only in :func:`duty_parameters`, so a
    column engine evaluates all of them in one pass.

    Examples:
        >>> from xborder.customs import AdValorem
        >>> duty_shape(AdValorem("0.065")) == duty_shape(AdValorem("0.12"))
        True
    """
    return _rules.duty_shape(_expression(expression))


def exceeds(
    ops: Ops[V, C],
    value: V,
    limit: Decimal,
    quantity: V | None = None,
) -> C:
    """Whether ``value`` is over a threshold's ``limit`` (at or below: relief).

    With ``quantity`` the test is per item, ``value ÷ quantity > limit``,
    made exactly as ``value > limit × quantity``.

    Examples:
        >>> exceeds(DECIMALS, Decimal("135.00"), Decimal(135))
        False
        >>> exceeds(DECIMALS, Decimal("300"), Decimal(135), Decimal(2))
        True
    """
    check_values(ops, value=value)
    number = to_decimal(limit, field="limit")
    if quantity is not None:
        check_values(ops, quantity=quantity)
    return _rules.exceeds(ops, value, number, quantity)


def fee_amount(ops: Ops[V, C], fee: Fee, value: V) -> FeeAmount:
    """A fee on an entry of customs value ``value``, unrounded, and what set it.

    Examples:
        >>> import datetime as dt
        >>> from xborder.customs import Fee
        >>> from xborder.dated import Validity
        >>> from xborder.money import Money
        >>> mpf = Fee(
        ...     id="US-MPF", name="Merchandise processing fee", rate="0.003464",
        ...     minimum=Money("33.58", "USD"), maximum=Money("651.50", "USD"),
        ...     validity=Validity(valid_from="2025-10-01", valid_to=None, source="CBP"),
        ... )
        >>> fee_amount(DECIMALS, mpf, Decimal("1000.00"))
        FeeAmount(amount=Decimal('33.58'), below_minimum=True, above_maximum=False)
    """
    check_values(ops, value=value)
    return _rules.fee_amount(ops, _fee(fee), value)


def fee_due(ops: Ops[V, C], fee: Fee, value: V) -> FeeTests:
    """A fee's value tests: ``(value > above, value > at_or_below)``, ``None`` if unset.

    The fee is due when the first holds (or is ``None``) and the second does
    not (or is ``None``); its transport modes are tested apart.

    Examples:
        >>> from xborder.customs import Fee
        >>> from xborder.dated import Validity
        >>> from xborder.money import Money
        >>> informal = Fee(
        ...     id="fee", name="Informal entry fee", amount=Money("2.62", "USD"),
        ...     at_or_below=Money(2500, "USD"),
        ...     validity=Validity(valid_from="2025-10-01", valid_to=None, source="CBP"),
        ... )
        >>> fee_due(DECIMALS, informal, Decimal("2600.00"))
        FeeTests(over_floor=None, over_ceiling=True)
    """
    check_values(ops, value=value)
    return _rules.fee_due(ops, _fee(fee), value)


def tax_parts(base: frozenset[TaxBase], *, cif: bool) -> tuple[str, ...]:
    """The line amounts a tax base adds up, in order (see :func:`tax_base`).

    Names: ``goods``, ``customs_value``, ``freight``, ``insurance``,
    ``duty_base``, ``additional_base``, ``excise_base``, ``onward``,
    ``taxable_fees``, ``taxable_charges``.

    Examples:
        >>> from xborder.customs import TaxBase
        >>> parts = frozenset({TaxBase.CUSTOMS_VALUE, TaxBase.FREIGHT, TaxBase.DUTY})
        >>> tax_parts(parts, cif=True), tax_parts(parts, cif=False)
        (('customs_value', 'duty_base'), ('customs_value', 'freight', 'duty_base'))
    """
    if not isinstance(base, frozenset) or not all(
        isinstance(part, TaxBase) for part in base
    ):
        raise InvalidTypeError(
            field="base", value=base, expected="a frozenset of TaxBase"
        )
    if not isinstance(cif, bool):
        raise InvalidTypeError(field="cif", value=cif, expected="a bool")
    return _rules.tax_parts(base, cif=cif)


def tax_base(
    ops: Ops[V, C],
    rule: TaxRule,
    amounts: Mapping[str, V | Decimal],
    earlier: Mapping[str, V | Decimal],
    *,
    cif: bool,
) -> V:
    """A tax's unrounded base: its parts, then the earlier taxes it is charged on.

    Args:
        ops: The engine.
        rule: The tax.
        amounts: The line's amounts by the names :func:`tax_parts` gives.
        earlier: Each earlier tax's base amount by id (the line's own
            rounded figure), for ``rule.on_taxes``.
        cif: Whether the customs value includes freight and insurance.

    Examples:
        >>> import datetime as dt
        >>> from xborder.customs import TaxBase, TaxRule
        >>> from xborder.dated import Validity
        >>> vat = TaxRule(
        ...     id="VAT", name="VAT", rate="0.20",
        ...     base={TaxBase.CUSTOMS_VALUE, TaxBase.DUTY},
        ...     validity=Validity(valid_from="2021-01-01", valid_to=None, source="x"),
        ... )
        >>> value, duty = Decimal("220.00"), Decimal("13.20")
        >>> amounts = {"customs_value": value, "duty_base": duty}
        >>> tax_base(DECIMALS, vat, amounts, {}, cif=True)
        Decimal('233.20')
    """
    if not isinstance(rule, TaxRule):
        raise InvalidTypeError(field="rule", value=rule, expected="a TaxRule")
    parts = tax_parts(rule.base, cif=cif)
    read = _reader(ops, "amounts", amounts, parts)
    before = _reader(ops, "earlier", earlier, rule.on_taxes)
    values = [read(name) for name in parts] + [before(tax) for tax in rule.on_taxes]
    return _rules.tax_base(ops, values)


def taxed(ops: Ops[V, C], base: V, rate: V | Decimal) -> V:
    """A tax before rounding: ``rate × base`` (a divisor applies when it is rounded).

    Examples:
        >>> taxed(DECIMALS, Decimal("233.20"), Decimal("0.20"))
        Decimal('46.6400')
    """
    check_values(ops, base=base, rate=rate)
    return _rules.taxed(ops, base, rate)


# -- checks ----------------------------------------------------------------------


def _mode(mode: object) -> str:
    if not isinstance(mode, RoundingMode):
        raise InvalidTypeError(field="mode", value=mode, expected="a RoundingMode")
    return mode.value


def _divisor(divisor: object) -> int:
    if isinstance(divisor, bool) or not isinstance(divisor, int):
        raise InvalidTypeError(field="divisor", value=divisor, expected="an int >= 1")
    if divisor < 1:
        raise InvalidInputError(field="divisor", value=divisor, expected="an int >= 1")
    return divisor


def _policy(policy: object) -> RoundingPolicy:
    if not isinstance(policy, RoundingPolicy):
        raise InvalidTypeError(
            field="policy", value=policy, expected="a RoundingPolicy"
        )
    return policy


def _fee(fee: object) -> Fee:
    if not isinstance(fee, Fee):
        raise InvalidTypeError(field="fee", value=fee, expected="a Fee")
    return fee


def _expression(expression: object) -> DutyExpression:
    try:
        return duty_expression(expression)  # type: ignore[arg-type]
    except XborderError as error:
        raise error.in_field("expression") from None


def _parameters(
    ops: Ops[V, C],
    expression: DutyExpression,
    parameters: Sequence[V | Decimal] | None,
) -> tuple[V | Decimal, ...] | None:
    if parameters is None:
        return None
    if isinstance(parameters, str) or not isinstance(parameters, Sequence):
        raise InvalidTypeError(
            field="parameters", value=parameters, expected="a sequence of values"
        )
    count = len(_rules.duty_parameters(expression))
    if len(parameters) != count:
        raise InvalidInputError(
            field="parameters",
            value=parameters,
            expected=f"{count} values, one per leaf of the expression",
        )
    for index, value in enumerate(parameters):
        check_values(ops, **{f"parameters[{index}]": value})
    return tuple(parameters)


def _reader(
    ops: Ops[V, C], field: str, given: object, names: Sequence[str]
) -> Callable[[str], V | Decimal]:
    if not isinstance(given, Mapping):
        raise InvalidTypeError(field=field, value=given, expected="a mapping by name")
    for name in names:
        if name not in given:
            raise InvalidInputError(
                field=field,
                value=sorted(map(str, given)),
                expected=f"an amount for {name!r}",
            )
        check_values(ops, **{f"{field}[{name!r}]": given[name]})
    return given.__getitem__


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
