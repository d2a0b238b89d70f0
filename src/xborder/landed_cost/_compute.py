"""landed_cost(): the computation in order, and its result (private)."""

from __future__ import annotations

from decimal import Decimal
from itertools import chain
from typing import TYPE_CHECKING

from xborder._exact import EXACT
from xborder._ops import DECIMALS
from xborder._validate import DecimalInput, date_value, to_decimal
from xborder.customs import Cost, Regime, TransportMode
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.fx import FxTable
from xborder.landed_cost import _duties, _relief, _taxes, _valuation
from xborder.landed_cost._build import landed_cost as build_landed_cost
from xborder.landed_cost._build import line_result
from xborder.landed_cost._build import totals as build_totals
from xborder.landed_cost._formulas import per_unit as unit_cost
from xborder.landed_cost._models import Shipment
from xborder.landed_cost._result import Component, LandedCost, LineResult
from xborder.landed_cost._state import LineState, Run
from xborder.money import Currency, Money, RoundingMode
from xborder.money.converters import exact_money

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["landed_cost"]

_DEFAULT_MARGIN = Decimal("0.10")


def landed_cost(
    shipment: Shipment,
    regime: Regime,
    *,
    fx: FxTable | None,
    as_of: dt.date,
    rounding: RoundingMode | None = None,
    allow_out_of_window: bool = False,
    cliff_margin: DecimalInput = _DEFAULT_MARGIN,
) -> LandedCost:
    r"""What a shipment costs once it has crossed the border, line by line.

    The computation follows the order customs uses:

    1. convert goods, freight, insurance and charges into the regime's
       currency (each amount once, rounded with the regime's FX rounding; the
       rate is recorded), and share freight, insurance and charges over the
       lines exactly (largest remainder);
    2. value each line for customs: goods + additions, plus freight and
       insurance to the border where the regime values CIF;
    3. test the de minimis thresholds (each on its own value: intrinsic or
       customs value, per consignment or per line) and the point-of-sale
       schemes;
    4. evaluate each line's duty from the tariff (base duty, or the claimed
       preference, plus additional duties and excise), round it with the
       regime's policy;
    5. charge the government fees on the entry and share them by value;
    6. compute each import tax on its own base (customs value, duties,
       onward transport, taxable fees, earlier taxes), at the border or at
       the point of sale;
    7. add up: each line's landed cost is the sum of its figures, and the
       totals are the sums of the lines, exactly.

    $$\text{landed} = \text{goods} + \text{freight} + \text{insurance} +
      \text{charges} + \text{duty} + \text{additional} + \text{excise} +
      \text{taxes} + \text{fees}$$

    Args:
        shipment: The consignment.
        regime: The destination's rules, with your tariff
            (:func:`xborder.customs.presets.regime` and
            :meth:`~xborder.customs.Regime.with_tariff`).
        fx: Exchange rates for amounts not in the regime's currency (``None``
            if every amount is).
        as_of: The day whose rules apply (usually the import date).
        rounding: Round every duty, tax and fee with this mode instead of the
            regime's (the regime's steps are kept).
        allow_out_of_window: Use rules outside their validity window (each is
            listed in the warnings).
        cliff_margin: Warn when a value is within this fraction of a
            threshold (0.10: 10%).

    Returns:
        The landed cost per line and in total, with every figure's rule, base,
        rate and source, the consignment-level decisions, and warnings.

    Raises:
        InvalidInputError: The shipment goes elsewhere than the regime's
            country, a line has no duty rate in the tariff, a specific duty
            lacks the quantity it needs, or an allocation basis is zero.
        RuleNotApplicableError: A rule is out of its window on ``as_of`` and
            ``allow_out_of_window`` is false.
        MissingFxRateError: An amount needs a rate ``fx`` does not have.

    Examples:
        >>> import datetime as dt
        >>> from xborder import customs
        >>> from xborder.customs import presets
        >>> from xborder.landed_cost import Line, Shipment, landed_cost
        >>> from xborder.money import Money
        >>> day = dt.date(2026, 9, 1)
        >>> duty = customs.AdValorem("0.06")
        >>> rate = customs.TariffMeasure(hs_code="392690", duty=duty)
        >>> gb = presets.regime("GB", as_of=day)
        >>> gb = gb.with_tariff(customs.Tariff(measures=[rate]))
        >>> holder = Line(sku="PH-01", hs_code="392690", origin_country="CN",
        ...               quantity=100, unit_price=Money("2.00", "GBP"))
        >>> shipment = Shipment(
        ...     lines=[holder], export_country="CN", destination_country="GB",
        ...     incoterm=customs.Incoterm.DDP, mode=customs.TransportMode.AIR,
        ...     import_date=day, freight=Money("20.00", "GBP"),
        ... )
        >>> result = landed_cost(shipment, gb, fx=None, as_of=day)

        >>> str(result.totals.duty), str(result.totals.taxes), str(result.total)
        ('13.20 GBP', '46.64 GBP', '279.84 GBP')
        >>> str(result.lines[0].landed_cost_per_unit)
        '2.80 GBP'
    """
    run = _start(
        shipment,
        regime,
        fx=fx,
        as_of=as_of,
        rounding=rounding,
        allow_out_of_window=allow_out_of_window,
    )
    margin = _margin(cliff_margin)
    _valuation.goods(run)
    _valuation.shipping(run)
    _valuation.allocate_charges(run, by_duty=False)
    _valuation.customs_values(run)
    _relief.reliefs(run, margin)
    _relief.schemes(run, margin)
    _duties.duties(run)
    _valuation.allocate_charges(run, by_duty=True)
    _taxes.fees(run)
    _taxes.taxes(run)
    _future_rates(run)
    return _result(run)


def _future_rates(run: Run) -> None:
    # Customs converts at a rate published before the day (the EU's monthly
    # rate, the US rate on the day of export): one quoted after as_of is
    # not yet known on that day, most likely a table for another day.
    for used in run.rates.values():
        if used.as_of is not None and used.as_of > run.as_of:
            run.warn(
                "fx-date",
                f"{used} is quoted on {used.as_of}, after the day of the rules "
                f"({run.as_of})",
                used.source,
            )


def _checked(
    shipment: Shipment,
    regime: Regime,
    *,
    fx: FxTable | None,
    rounding: RoundingMode | None,
    allow_out_of_window: bool,
) -> None:
    if not isinstance(shipment, Shipment):
        raise InvalidTypeError(field="shipment", value=shipment, expected="a Shipment")
    if not isinstance(regime, Regime):
        raise InvalidTypeError(field="regime", value=regime, expected="a Regime")
    if fx is not None and not isinstance(fx, FxTable):
        raise InvalidTypeError(field="fx", value=fx, expected="an FxTable or None")
    if not isinstance(allow_out_of_window, bool):
        raise InvalidTypeError(
            field="allow_out_of_window", value=allow_out_of_window, expected="a bool"
        )
    if rounding is not None and not isinstance(rounding, RoundingMode):
        raise InvalidTypeError(
            field="rounding", value=rounding, expected="a RoundingMode or None"
        )
    if shipment.destination_country != regime.country:
        raise InvalidInputError(
            field="regime",
            value=regime.country,
            expected=f"the rules of the destination, {shipment.destination_country}",
        )


def _day(as_of: dt.date) -> dt.date:
    try:
        return date_value(as_of)
    except XborderError as error:
        raise error.in_field("as_of") from None


def _start(
    shipment: Shipment,
    regime: Regime,
    *,
    fx: FxTable | None,
    as_of: dt.date,
    rounding: RoundingMode | None,
    allow_out_of_window: bool,
) -> Run:
    _checked(
        shipment,
        regime,
        fx=fx,
        rounding=rounding,
        allow_out_of_window=allow_out_of_window,
    )
    day = _day(as_of)
    if rounding is not None:
        regime = regime.with_rounding(rounding)
    run = Run(
        shipment=shipment,
        regime=regime,
        fx=fx,
        as_of=day,
        currency=regime.currency,
        zero=_zero(regime.currency),
    )
    for stale in regime.check_in_force(day, allow_out_of_window=allow_out_of_window):
        run.warn("out-of-window", f"used outside its window on {day}: {stale}")
    if day != shipment.import_date:
        run.warn(
            "as-of",
            f"rules as of {day} applied to a shipment imported on "
            f"{shipment.import_date}",
        )
    _payer_override(run, shipment)
    _sea_rule_off_the_sea(run, shipment)
    for note in regime.notes:
        run.warn("regime-note", note)
    return run


def _sea_rule_off_the_sea(run: Run, shipment: Shipment) -> None:
    # Incoterms 2020 reserve FAS, FOB, CFR and CIF for sea and inland
    # waterway; on a container or an air parcel the seller's risk ends where
    # it cannot control the goods (ICC: use FCA, CPT or CIP instead).
    if shipment.incoterm.sea_only and shipment.mode is not TransportMode.OCEAN:
        run.warn(
            "incoterm-mode",
            f"{shipment.incoterm.value} is a rule for sea transport; for "
            f"{shipment.mode.value} Incoterms 2020 recommend FCA, CPT or CIP",
        )


def _payer_override(run: Run, shipment: Shipment) -> None:
    # A DAP sale whose seller prepays duties is a deliberate arrangement, but
    # "DDP, buyer pays" contradicts the rule's name: either way the figures
    # follow duties_paid_by, and the reader should know they differ.
    override = shipment.duties_paid_by
    rule = shipment.incoterm
    by_rule = rule.payer(Cost.IMPORT_DUTIES_AND_TAXES)
    if override is not None and override is not by_rule:
        run.warn(
            "payer-override",
            f"duties and import taxes are paid by the {override.value}, although "
            f"{rule.value} puts them on the {by_rule.value}",
        )


def _zero(currency: Currency) -> Money:
    # Money.of_minor_units(0, currency), without re-checking the currency.
    return exact_money(Decimal(0).scaleb(-currency.exponent), currency)


def _margin(value: DecimalInput) -> Decimal:
    margin = to_decimal(value, field="cliff_margin")
    if not 0 <= margin < 1:
        raise InvalidInputError(
            field="cliff_margin", value=value, expected="a fraction in [0, 1)"
        )
    return margin


# Components in a fixed order: each line's sums and the totals are lists in it.
_ORDER = tuple(Component)
_SLOT = {component: index for index, component in enumerate(_ORDER)}
_TAX = Component.TAX


def _recoverable(regime: Regime) -> frozenset[str]:
    """The ids of the taxes a registered importer deducts, border and sale alike."""
    rules = chain(regime.taxes, (scheme.tax for scheme in regime.schemes))
    return frozenset(rule.id for rule in rules if rule.recoverable)


def _line_result(
    run: Run, state: LineState, totals: list[Decimal], recoverable: frozenset[str]
) -> LineResult:
    """Sum a line's figures by component (exact Decimal) and add them to the totals.

    ``totals`` holds the components, then the customs value, the landed
    cost and the recoverable taxes.
    """
    add = EXACT.add
    zero = run.zero.amount
    reclaimed = zero
    sums = [zero] * len(_ORDER)
    # Each component's Money, where no new one is needed: the run's zero for
    # a component no figure touched, or its only figure's own amount.
    moneys: list[Money | None] = [run.zero] * len(_ORDER)
    landed = zero
    # Exact sums started from the zero are the same Decimals (value and
    # exponent) in any order, so each figure goes straight into its
    # component's sum, the line's landed cost and the totals.
    for figure in state.figures:
        slot = _SLOT[figure.component]
        money = figure.amount
        amount = money.amount
        if sums[slot] is zero and amount and amount.same_quantum(zero):
            # A first figure already in minor units: zero + it is it, to the
            # exponent (and a non-zero amount has no sign of zero to lose).
            sums[slot], moneys[slot] = amount, money
        else:
            sums[slot], moneys[slot] = add(sums[slot], amount), None
        totals[slot] = add(totals[slot], amount)
        landed = add(landed, amount)
        if figure.component is _TAX and figure.rule in recoverable:
            reclaimed = add(reclaimed, amount)
    customs = state.customs_value.amount
    totals[-3] = add(totals[-3], customs)
    totals[-2] = add(totals[-2], landed)
    totals[-1] = add(totals[-1], reclaimed)
    currency = run.currency
    minor, mode, line = currency.minor_unit, run.regime.rounding.mode, state.line
    per_unit = unit_cost(DECIMALS, landed, line.quantity, minor, mode)
    net = EXACT.subtract(landed, reclaimed)
    net_per_unit = unit_cost(DECIMALS, net, line.quantity, minor, mode)
    return line_result(
        state.index,
        line.sku,
        line.quantity,
        state.customs_value,
        [
            exact_money(amount, currency) if money is None else money
            for money, amount in zip(moneys, sums, strict=True)
        ],
        exact_money(landed, currency),
        exact_money(per_unit, currency),
        (exact_money(reclaimed, currency), exact_money(net_per_unit, currency)),
        tuple(state.figures),
    )


def _moneys(sums: list[Decimal], run: Run) -> list[Money]:
    # Components no figure touched share the run's zero (Money is immutable).
    zero, untouched, currency = run.zero, run.zero.amount, run.currency
    return [
        zero if amount is untouched else exact_money(amount, currency)
        for amount in sums
    ]


def _result(run: Run) -> LandedCost:
    # One slot per component, then the customs value, the landed cost and
    # the recoverable taxes.
    sums = [run.zero.amount] * (len(_ORDER) + 3)
    recoverable = _recoverable(run.regime)
    lines = tuple(_line_result(run, state, sums, recoverable) for state in run.lines)
    figures = tuple(chain.from_iterable(line.figures for line in lines))
    currency = run.currency
    totals = build_totals(
        exact_money(sums[-3], currency),
        *_moneys(sums[:-3], run),
        exact_money(sums[-2], currency),
        exact_money(sums[-1], currency),
    )
    return build_landed_cost(
        run.regime.country,
        run.regime.name,
        run.currency,
        run.as_of,
        lines,
        totals,
        figures,
        tuple(run.decisions),
        tuple(run.warnings),
        tuple(run.rates.values()),
        tuple(run.state),
    )
