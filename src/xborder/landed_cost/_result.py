"""What a landed cost returns: lines, totals, figures, decisions (private)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._country import country_code
from xborder._exact import EXACT
from xborder._validate import (
    date_value,
    named_errors,
    non_negative_count,
    positive,
    text,
    tuple_of,
)
from xborder.customs import Party, RateUsed
from xborder.errors import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from xborder.money import Currency, Money
from xborder.money.converters import money_value, non_negative_money, to_currency

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Component",
    "Decision",
    "Figure",
    "LandedCost",
    "LandedCostWarning",
    "LineResult",
    "Totals",
]


class Component(enum.StrEnum):
    """What a figure of the landed cost is.

    Examples:
        >>> Component.ADDITIONAL_DUTY.value
        'additional duty'
    """

    GOODS = "goods"
    FREIGHT = "freight"
    INSURANCE = "insurance"
    CHARGE = "charge"
    DUTY = "duty"
    ADDITIONAL_DUTY = "additional duty"
    EXCISE = "excise"
    TAX = "tax"
    FEE = "fee"


# -- converters: the public constructors check what they are given ------------
#
# The calculator builds these results through ``_build`` (slots set directly,
# no converters: its own values are already checked and it builds thousands);
# anything else, ``from_data`` included, goes through these.


def _component(value: Component) -> Component:
    if not isinstance(value, Component):
        raise InvalidTypeError(field=None, value=value, expected="a Component")
    return value


def _party(value: Party) -> Party:
    if not isinstance(value, Party):
        raise InvalidTypeError(field=None, value=value, expected="a Party")
    return value


def _optional_money(value: Money | None) -> Money | None:
    return None if value is None else non_negative_money(value)


def _optional_str(value: str | None) -> str | None:
    # Free text for the audit trail: any str (even empty) reads back as given.
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError(field=None, value=value, expected="a str or None")
    return value


def _recoverable_within_taxes(owner: object) -> None:
    """Refuse a recoverable share that is not part of the taxes."""
    taxes: Money = getattr(owner, "taxes")  # noqa: B009 - lines and totals alike
    recoverable: Money = getattr(owner, "recoverable_taxes")  # noqa: B009
    if recoverable.amount > taxes.amount:
        raise InvalidInputError(
            field="recoverable_taxes",
            value=recoverable,
            expected=f"at most the taxes ({taxes})",
        )


def _figures(values: Iterable[Figure]) -> tuple[Figure, ...]:
    return tuple_of(values, Figure)


def _same_currency(owner: object, names: Iterable[str], currency: Currency) -> None:
    for name in names:
        money = getattr(owner, name)
        if money is not None and money.currency != currency:
            raise CurrencyMismatchError(
                field=name,
                value=money,
                expected=f"an amount in {currency.code}, as the other amounts",
            )


def _adds_up(owner: object, parts: Iterable[str], total: str) -> None:
    """Refuse a total that is not the exact sum of its parts (a tampered result)."""
    expected = Decimal(0)
    for name in parts:
        expected = EXACT.add(expected, getattr(owner, name).amount)
    given: Money = getattr(owner, total)
    if given.amount != expected:
        raise InvalidInputError(
            field=total,
            value=given,
            expected=f"the sum of the components ({expected} {given.currency.code})",
        )


_COMPONENTS = (
    "goods_value",
    "freight",
    "insurance",
    "charges",
    "duty",
    "additional_duties",
    "excise",
    "taxes",
    "fees",
)
"""The component fields of a line result and of the totals, in Component order."""


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Figure:
    """One amount in the landed cost of one line, and where it came from.

    Every figure names the rule that produced it, the base and rate it was
    computed from, and the rule's source, so the audit trail can be checked
    by hand. A line's figures add up to its landed cost.

    Args:
        line: Index of the shipment line.
        component: What kind of amount it is.
        label: The figure in words ("Import VAT (DE) 19%").
        amount: The amount, in the destination currency; negative only for
            a charge's share of a credit.
        payer: Who bears it.
        rule: The id of the rule (or input) behind it.
        base: What a rate was applied to, if any.
        rate: The rate or expression applied, in words.
        source: The rule's source URL (or the FX rate's source).
        detail: How it was reached (a share, a basis, a collector).
        exact: The unrounded amount, when rounding changed it.
        rounding: How ``exact`` was rounded to ``amount``.

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

        >>> duty = [f for f in result.figures if f.component is Component.DUTY][0]
        >>> duty.rate, str(duty.base), str(duty.amount), duty.payer.value
        ('6%', '220.00 GBP', '13.20 GBP', 'seller')
    """

    line: int = attrs.field(converter=non_negative_count)
    component: Component = attrs.field(converter=_component)
    label: str = attrs.field(converter=text)
    amount: Money = attrs.field(converter=money_value)
    payer: Party = attrs.field(converter=_party)
    rule: str = attrs.field(converter=text)
    base: Money | None = attrs.field(default=None, converter=_optional_money)
    rate: str | None = attrs.field(default=None, converter=_optional_str)
    source: str | None = attrs.field(default=None, converter=_optional_str)
    detail: str | None = attrs.field(default=None, converter=_optional_str)
    exact: Money | None = attrs.field(default=None, converter=_optional_money)
    rounding: str | None = attrs.field(default=None, converter=_optional_str)

    def __attrs_post_init__(self) -> None:
        if self.amount.is_negative() and self.component is not Component.CHARGE:
            raise InvalidInputError(
                field="amount",
                value=self.amount,
                expected=f"an amount >= 0 for a {self.component.value} figure "
                "(only a charge's share of a credit is negative)",
            )

    def __str__(self) -> str:
        rate = f" at {self.rate}" if self.rate else ""
        base = f" on {self.base}" if self.base is not None else ""
        return f"line {self.line} {self.label}: {self.amount}{rate}{base}"


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Decision:
    """A consignment-level step: a threshold test, a scheme, a fee, an FX rate.

    Args:
        rule: The id of the rule.
        outcome: What was decided, with the numbers.
        source: The rule's source.

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

        >>> print(result.decisions[1])
        GB-duty-relief-135: consignment intrinsic value 200.00 GBP > 135 GBP: duty due
    """

    rule: str = attrs.field(converter=text)
    outcome: str = attrs.field(converter=text)
    source: str | None = attrs.field(default=None, converter=_optional_str)

    def __str__(self) -> str:
        return f"{self.rule}: {self.outcome}"


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LandedCostWarning:
    """Something the user should look at before trusting the figure.

    Codes: ``threshold-cliff`` (the value is near a de minimis threshold),
    ``out-of-window`` (a rule used outside its validity, on request),
    ``preference-claim`` (a claim the tariff does not list, or that needs
    proof), ``collector`` (a point-of-sale scheme applies but nobody
    collects), ``as-of`` (rules of another day than the import date),
    ``payer-override`` (``duties_paid_by`` differs from what the Incoterm
    says), ``incoterm-mode`` (a sea-only rule such as FOB on an air,
    road, rail, post or courier shipment), ``fx-date`` (an exchange rate
    quoted after ``as_of``),
    ``regime-note`` (a caveat of the preset).

    Args:
        code: A stable identifier.
        message: The warning in words.
        source: The rule's source, if any.

    Examples:
        >>> str(LandedCostWarning(code="as-of", message="rules of another day"))
        '[as-of] rules of another day'
    """

    code: str = attrs.field(converter=text)
    message: str = attrs.field(converter=text)
    source: str | None = attrs.field(default=None, converter=_optional_str)

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LineResult:
    """The landed cost of one shipment line, by component.

    ``landed_cost`` is the sum of the components; ``customs_value`` is a
    base (what duty is charged on), not a cost of its own.

    ``recoverable_taxes`` is the part of ``taxes`` a VAT/GST-registered
    business deducts as input tax (the rules marked
    :attr:`~xborder.customs.TaxRule.recoverable`), so
    ``landed_cost_net`` = ``landed_cost`` − ``recoverable_taxes`` is what the
    line costs a registered importer, and ``landed_cost_net_per_unit`` is it
    divided by the quantity, rounded once with the regime's mode (as
    ``landed_cost_per_unit`` is). Duty, excise and fees are never recoverable.

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

        >>> line = result.lines[0]
        >>> str(line.customs_value), str(line.landed_cost), len(line.figures)
        ('220.00 GBP', '279.84 GBP', 4)
        >>> str(line.recoverable_taxes), str(line.landed_cost_net)
        ('46.64 GBP', '233.20 GBP')
        >>> str(line.landed_cost_per_unit), str(line.landed_cost_net_per_unit)
        ('2.80 GBP', '2.33 GBP')
    """

    index: int = attrs.field(converter=non_negative_count)
    sku: str = attrs.field(converter=text)
    quantity: Decimal = attrs.field(converter=positive)
    customs_value: Money = attrs.field(converter=non_negative_money)
    goods_value: Money = attrs.field(converter=non_negative_money)
    freight: Money = attrs.field(converter=non_negative_money)
    insurance: Money = attrs.field(converter=non_negative_money)
    charges: Money = attrs.field(converter=non_negative_money)
    duty: Money = attrs.field(converter=non_negative_money)
    additional_duties: Money = attrs.field(converter=non_negative_money)
    excise: Money = attrs.field(converter=non_negative_money)
    taxes: Money = attrs.field(converter=non_negative_money)
    fees: Money = attrs.field(converter=non_negative_money)
    landed_cost: Money = attrs.field(converter=non_negative_money)
    landed_cost_per_unit: Money = attrs.field(converter=non_negative_money)
    recoverable_taxes: Money = attrs.field(converter=non_negative_money)
    landed_cost_net_per_unit: Money = attrs.field(converter=non_negative_money)
    figures: tuple[Figure, ...] = attrs.field(converter=_figures)

    def __attrs_post_init__(self) -> None:
        currency = self.landed_cost.currency
        names = (
            "customs_value",
            *_COMPONENTS,
            "landed_cost_per_unit",
            "recoverable_taxes",
            "landed_cost_net_per_unit",
        )
        _same_currency(self, names, currency)
        _adds_up(self, _COMPONENTS, "landed_cost")
        _recoverable_within_taxes(self)
        for index, figure in enumerate(self.figures):
            if figure.line != self.index:
                raise InvalidInputError(
                    field=f"figures[{index}].line",
                    value=figure.line,
                    expected=f"the line's own index {self.index}",
                )

    @property
    def landed_cost_net(self) -> Money:
        """The landed cost less the taxes a registered importer deducts."""
        return self.landed_cost - self.recoverable_taxes


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Totals:
    """The shipment's totals: each the exact sum of the lines' figures.

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

        >>> str(result.totals.duties_and_taxes)
        '59.84 GBP'
        >>> str(result.totals.recoverable_taxes), str(result.totals.landed_cost_net)
        ('46.64 GBP', '233.20 GBP')
    """

    customs_value: Money = attrs.field(converter=non_negative_money)
    goods_value: Money = attrs.field(converter=non_negative_money)
    freight: Money = attrs.field(converter=non_negative_money)
    insurance: Money = attrs.field(converter=non_negative_money)
    charges: Money = attrs.field(converter=non_negative_money)
    duty: Money = attrs.field(converter=non_negative_money)
    additional_duties: Money = attrs.field(converter=non_negative_money)
    excise: Money = attrs.field(converter=non_negative_money)
    taxes: Money = attrs.field(converter=non_negative_money)
    fees: Money = attrs.field(converter=non_negative_money)
    landed_cost: Money = attrs.field(converter=non_negative_money)
    recoverable_taxes: Money = attrs.field(converter=non_negative_money)

    def __attrs_post_init__(self) -> None:
        names = ("customs_value", *_COMPONENTS, "recoverable_taxes")
        _same_currency(self, names, self.landed_cost.currency)
        _adds_up(self, _COMPONENTS, "landed_cost")
        _recoverable_within_taxes(self)

    @property
    def landed_cost_net(self) -> Money:
        """The landed cost less the taxes a registered importer deducts."""
        return self.landed_cost - self.recoverable_taxes

    @property
    def duties_and_taxes(self) -> Money:
        """Duty + additional duties + excise + taxes: what customs collects."""
        return self.duty + self.additional_duties + self.excise + self.taxes


def _lines(values: Iterable[LineResult]) -> tuple[LineResult, ...]:
    return tuple_of(values, LineResult)


def _totals(value: Totals) -> Totals:
    if not isinstance(value, Totals):
        raise InvalidTypeError(field=None, value=value, expected="Totals")
    return value


def _decisions(values: Iterable[Decision]) -> tuple[Decision, ...]:
    return tuple_of(values, Decision)


def _warnings(values: Iterable[LandedCostWarning]) -> tuple[LandedCostWarning, ...]:
    return tuple_of(values, LandedCostWarning)


def _rates(values: Iterable[RateUsed]) -> tuple[RateUsed, ...]:
    return tuple_of(values, RateUsed)


def _state(values: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(values, str)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class LandedCost:
    """A shipment's landed cost: per line, in total, and how it was reached.

    Args:
        country: The country of import.
        regime: The regime's name.
        currency: The currency every figure is in.
        as_of: The day whose rules were applied.
        lines: One result per shipment line, in order.
        totals: The sums of the lines.
        figures: Every amount, line by line (the audit trail).
        decisions: Consignment-level steps: thresholds, schemes, fees, rates.
        warnings: What to check before trusting the figure.
        rates: The exchange rates used.
        state: The discrete choices made (thresholds met, floors and caps
            applied, fee branches), for reverse pricing.

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

        >>> from xborder.customs import Party
        >>> str(result.paid_by(Party.SELLER)), str(result.paid_by(Party.BUYER))
        ('79.84 GBP', '200.00 GBP')
        >>> print(result.explain().splitlines()[0])
        Landed cost in GB (Great Britain) as of 2026-09-01
    """

    country: str = attrs.field(converter=country_code)
    regime: str = attrs.field(converter=text)
    currency: Currency = attrs.field(converter=to_currency)
    as_of: dt.date = attrs.field(converter=date_value)
    lines: tuple[LineResult, ...] = attrs.field(converter=_lines)
    totals: Totals = attrs.field(converter=_totals)
    figures: tuple[Figure, ...] = attrs.field(converter=_figures)
    decisions: tuple[Decision, ...] = attrs.field(converter=_decisions)
    warnings: tuple[LandedCostWarning, ...] = attrs.field(converter=_warnings)
    rates: tuple[RateUsed, ...] = attrs.field(converter=_rates)
    state: tuple[str, ...] = attrs.field(converter=_state)

    def __attrs_post_init__(self) -> None:
        if self.totals.landed_cost.currency != self.currency:
            raise CurrencyMismatchError(
                field="totals",
                value=self.totals.landed_cost,
                expected=f"amounts in {self.currency.code}, the result's currency",
            )
        for index, line in enumerate(self.lines):
            if line.landed_cost.currency != self.currency:
                raise CurrencyMismatchError(
                    field=f"lines[{index}]",
                    value=line.landed_cost,
                    expected=f"amounts in {self.currency.code}, the result's currency",
                )
        # The audit trail is the lines' figures, in order: nothing else.
        if self.figures != tuple(f for line in self.lines for f in line.figures):
            raise InvalidInputError(
                field="figures",
                value=self.figures,
                expected="the figures of the lines, in order",
            )

    @property
    def total(self) -> Money:
        """The landed cost of the whole shipment."""
        return self.totals.landed_cost

    def paid_by(self, party: Party) -> Money:
        """What ``party`` bears of the landed cost under the Incoterm.

        Raises:
            InvalidTypeError: ``party`` is not a :class:`Party` (``"buyer"``
                would silently bear nothing).
        """
        if not isinstance(party, Party):
            raise InvalidTypeError(field="party", value=party, expected="a Party")
        return Money.total(
            (f.amount for f in self.figures if f.payer is party),
            currency=self.currency,
        )

    def explain(self) -> str:
        """The computation as text: decisions, then every figure, then totals.

        Where some taxes are recoverable, each line's landed cost and the
        total are followed by the figure net of them (per unit for a line).
        """
        rows = [f"Landed cost in {self.country} ({self.regime}) as of {self.as_of}"]
        rows += [f"  rate: {rate}" for rate in self.rates]
        rows += [f"  {decision}" for decision in self.decisions]
        for line in self.lines:
            rows.append(f"line {line.index} {line.sku} x {line.quantity:f}:")
            rows += [f"    {_figure_row(figure)}" for figure in line.figures]
            rows.append(
                f"    = {line.landed_cost} ({line.landed_cost_per_unit} per unit)"
            )
            if not line.recoverable_taxes.is_zero():
                rows.append(
                    f"    {_net_row(line.recoverable_taxes, line.landed_cost_net)}"
                    f" ({line.landed_cost_net_per_unit} per unit)"
                )
        rows.append(f"total {self.total}")
        totals = self.totals
        if not totals.recoverable_taxes.is_zero():
            rows.append(
                f"  {_net_row(totals.recoverable_taxes, totals.landed_cost_net)}"
            )
        rows += [f"  warning {warning}" for warning in self.warnings]
        return "\n".join(rows)


def _net_row(recoverable: Money, net: Money) -> str:
    return f"net of recoverable taxes ({recoverable}): {net}"


def _figure_row(figure: Figure) -> str:
    text = f"{figure.label}: {figure.amount}"
    if figure.rate and figure.base is not None:
        text += f" [{figure.rate} on {figure.base}]"
    elif figure.rate:
        text += f" [{figure.rate}]"
    if figure.detail:
        text += f"; {figure.detail}"
    if figure.exact is not None:
        text += f"; exact {figure.exact}, rounded {figure.rounding}"
    return text
