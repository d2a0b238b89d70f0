"""Step 1: goods and costs in the destination currency, and customs values.

Goods, freight, insurance and charges are converted once each, shared over
the lines exactly, and each line's customs value is built (private).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder._ops import DECIMALS
from xborder.customs import Cost, Party, Valuation
from xborder.errors import InvalidInputError, XborderError
from xborder.landed_cost._allocation import split_charge, weights_of
from xborder.landed_cost._build import figure
from xborder.landed_cost._duties import line_duties
from xborder.landed_cost._formulas import customs_value
from xborder.landed_cost._models import AllocationBasis, Charge, ChargeKind
from xborder.landed_cost._result import Component
from xborder.landed_cost._rules import NET_OF_CREDITS
from xborder.landed_cost._state import LineState, Run
from xborder.money.converters import exact_money

if TYPE_CHECKING:
    from xborder.customs import RateUsed
    from xborder.money import Money

__all__ = ["allocate_charges", "customs_values", "goods", "shipping"]


def goods(run: Run) -> None:
    """Convert each line's goods value and start the line's state."""
    # Lines mostly share one rate: its text is written once, not per line.
    used_before: RateUsed | None = None
    quoted = ""
    for index, line in enumerate(run.shipment.lines):
        value = line.goods_value
        converted, used = run.convert(value, field=f"lines[{index}].unit_price")
        state = LineState(index=index, line=line, goods=converted, zero=run.zero)
        if used is None:
            base = rate = source = detail = None
            if converted != value:
                detail = f"{value} rounded to the minor unit"
        else:
            if used is not used_before:
                used_before, quoted = used, str(used)
            base, rate, source, detail = value, quoted, used.source, None
        state.figures.append(
            figure(
                index,
                Component.GOODS,
                "goods",
                converted,
                Party.BUYER,
                "goods value",
                base,
                rate,
                source,
                detail,
            )
        )
        run.lines.append(state)


def shipping(run: Run) -> None:
    """Share freight and insurance over the lines."""
    shipment = run.shipment
    for name, money, basis, cost, component in (
        (
            "freight",
            shipment.freight,
            shipment.freight_basis,
            Cost.MAIN_CARRIAGE,
            Component.FREIGHT,
        ),
        (
            "insurance",
            shipment.insurance,
            shipment.insurance_basis,
            Cost.INSURANCE,
            Component.INSURANCE,
        ),
    ):
        if money is None:
            continue
        total, used = run.convert(money, field=name)
        shares = _split(run, total, basis, field=f"{name}_basis")
        payer = shipment.payer_of(cost)
        detail = _share(total, money, used, basis)
        source = used.source if used is not None else None
        for state, share in zip(run.lines, shares, strict=True):
            setattr(state, name, share)  # state.freight or state.insurance
            state.figures.append(
                figure(
                    state.index,
                    component,
                    name,
                    share,
                    payer,
                    name,
                    None,
                    None,
                    source,
                    detail,
                )
            )


def allocate_charges(run: Run, *, by_duty: bool) -> None:
    """Share the charges (those split by duty only once duties are known).

    Credits are shared like charges; once a pass is shared, a line left
    with less than nothing of what it fed is refused
    (:func:`xborder.landed_cost.rules.net_of_credits` says what, when).
    """
    _share_charges(run, by_duty=by_duty)
    if any(charge.is_credit for charge in run.shipment.charges):
        for state in run.lines:
            _no_net_credit(state, by_duty=by_duty)


def _no_net_credit(state: LineState, *, by_duty: bool) -> None:
    for check in NET_OF_CREDITS[by_duty]:
        net = _net(state, check.amount)
        if net.is_negative():
            raise InvalidInputError(
                f"credits exceed the {check.words} they reduce on line "
                f"{state.index} ({state.line.sku})",
                field="charges",
                value=net,
                expected=check.expected,
            )


def _net(state: LineState, amount: str) -> Money:
    """The line's ``amount`` so far: a working figure, or its charges' sum."""
    if amount != "charges":
        net: Money = getattr(state, amount)
        return net
    charges = [f.amount for f in state.figures if f.component is Component.CHARGE]
    return sum(charges[1:], charges[0]) if charges else state.zero


def _share_charges(run: Run, *, by_duty: bool) -> None:
    for position, charge in enumerate(run.shipment.charges):
        if (charge.basis is AllocationBasis.DUTY) != by_duty:
            continue
        total, used = run.convert(charge.amount, field=f"charges[{position}].amount")
        shares = _split(run, total, charge.basis, field=f"charges[{position}].basis")
        payer = _charge_payer(run, charge)
        detail = _share(total, charge.amount, used, charge.basis)
        for state, share in zip(run.lines, shares, strict=True):
            if charge.kind is ChargeKind.ADDITION:
                state.additions = state.additions + share
            elif charge.kind is ChargeKind.ONWARD_TRANSPORT and charge.in_tax_base:
                state.onward = state.onward + share
            elif charge.in_tax_base:
                state.taxable_charges = state.taxable_charges + share
            state.figures.append(
                figure(
                    state.index,
                    Component.CHARGE,
                    charge.name,
                    share,
                    payer,
                    f"charge {charge.kind.value}",
                    source=used.source if used is not None else None,
                    detail=detail,
                )
            )


def _share(
    total: Money, original: Money, used: RateUsed | None, basis: AllocationBasis
) -> str:
    converted = f" ({original} at {used.quoted})" if used is not None else ""
    return f"share of {total}{converted} by {basis}"  # a StrEnum prints its value


def _charge_payer(run: Run, charge: Charge) -> Party:
    if charge.payer is not None:
        return charge.payer
    cost = charge.kind.cost
    return Party.BUYER if cost is None else run.shipment.payer_of(cost)


def _split(
    run: Run, total: Money, basis: AllocationBasis, *, field: str
) -> tuple[Money, ...]:
    if len(run.lines) == 1 and basis is not AllocationBasis.DUTY:
        # One line takes the whole amount whatever the basis, but a basis
        # the line cannot provide (no weight) is still refused.
        weights_of(
            run.shipment.lines,
            basis,
            values=[run.lines[0].goods],
            volumetric_divisor=run.shipment.volumetric_divisor,
        )
        return (total,)
    by_value, by_duty = basis is AllocationBasis.VALUE, basis is AllocationBasis.DUTY
    try:
        return split_charge(
            total,
            run.shipment.lines,
            basis,
            values=[state.goods for state in run.lines] if by_value else None,
            duties=[line_duties(run, s) for s in run.lines] if by_duty else None,
            volumetric_divisor=run.shipment.volumetric_divisor,
        )
    except XborderError as error:
        if error.field == "basis":
            raise type(error)(
                error.detail, field=field, value=error.value, expected=error.expected
            ) from None
        raise


def customs_values(run: Run) -> None:
    """Each line's customs value: goods + additions (+ freight and insurance if CIF)."""
    cif = run.regime.valuation is Valuation.CIF
    add = EXACT.add
    grand = Decimal(0)
    for state in run.lines:
        value = customs_value(
            DECIMALS,
            cif=cif,
            goods=state.goods.amount,
            additions=state.additions.amount,
            freight=state.freight.amount,
            insurance=state.insurance.amount,
        )
        state.customs_value = exact_money(value, run.currency)
        grand = add(grand, value)
    total = exact_money(grand, run.currency)
    run.decide(
        "valuation",
        f"{run.regime.valuation.value}: customs value {total} "
        + (
            "(goods + additions + freight and insurance to the border)"
            if cif
            else "(goods + additions; international freight and insurance left out)"
        ),
        run.regime.validity.source,
    )
