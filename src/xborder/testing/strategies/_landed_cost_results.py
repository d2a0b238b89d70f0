"""Strategies for the landed-cost and customs results (private).

Results are drawn by computing them from drawn inputs, so every drawn
figure, match, evaluation or reverse price is one xborder itself produced.
Re-exported by :mod:`xborder.testing.strategies`; see its docstring.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from xborder.customs import (
    AdValorem,
    DutyEvaluation,
    HsCode,
    MeasureKind,
    RateUsed,
    Regime,
    Relief,
    Tariff,
    TariffMatch,
    TariffMeasure,
    Threshold,
    Valuation,
    ValueBasis,
    evaluate_duty,
)
from xborder.errors import InvalidInputError
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import (
    Cliff,
    Decision,
    Figure,
    LandedCostWarning,
    LineResult,
    ReversePrice,
    Shipment,
    Totals,
    landed_cost,
    price_for_landed_cost,
)
from xborder.money import Currency, Money
from xborder.testing.strategies._core import _invalid
from xborder.testing.strategies._customs import (
    ALWAYS,
    country_codes,
    duty_bases,
    duty_expressions,
    money,
    regimes,
    tariff_measures,
    tariffs,
)
from xborder.testing.strategies._landed_cost import landed_costs, shipments

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "cliffs",
    "decisions",
    "duty_evaluations",
    "figures",
    "landed_cost_warnings",
    "line_results",
    "rates_used",
    "reverse_prices",
    "tariff_matches",
    "totals",
]

_T = TypeVar("_T")
_DAY = dt.date(2026, 9, 1)  # the import date of generated shipments
_EUR, _USD = Currency("EUR"), Currency("USD")


def _one_of(items: Sequence[Any]) -> st.SearchStrategy[Any]:
    # Callers only pass tuples that cannot be empty; say so if one is.
    if not items:
        return _invalid("nothing to draw from: the computed result has no parts")
    return st.sampled_from(items)


def _computed(value: _T | None, why: str) -> _T:
    # Not an assert: under ``python -O`` a None would be drawn silently.
    if value is None:
        raise AssertionError(f"xborder computed None, yet {why}")
    return value


def line_results() -> st.SearchStrategy[LineResult]:
    """Lines of drawn landed costs."""
    return landed_costs().flatmap(lambda result: _one_of(result.lines))


def totals() -> st.SearchStrategy[Totals]:
    """Totals of drawn landed costs."""
    return landed_costs().map(lambda result: result.totals)


def figures() -> st.SearchStrategy[Figure]:
    """Figures of drawn landed costs (every line has a goods figure at least)."""
    return landed_costs().flatmap(lambda result: _one_of(result.figures))


def decisions() -> st.SearchStrategy[Decision]:
    """Consignment-level decisions of drawn landed costs (an FX rate at least)."""
    return landed_costs().flatmap(lambda result: _one_of(result.decisions))


def rates_used() -> st.SearchStrategy[RateUsed]:
    """Exchange rates drawn landed costs used (their EUR invoices convert to USD)."""
    return landed_costs().flatmap(lambda result: _one_of(result.rates))


def _scenarios() -> st.SearchStrategy[tuple[Shipment, Regime, FxTable]]:
    """EUR shipments, USD regimes with a duty row for each line, and a rate."""

    def build(drawn: Shipment, data: st.DataObject) -> tuple[Shipment, Regime, FxTable]:
        rows = [
            TariffMeasure(hs_code=line.hs_code, duty=data.draw(duty_expressions()))
            for line in drawn.lines
        ]
        tariff = Tariff(measures={row.hs_code.digits: row for row in rows}.values())
        regime = data.draw(
            regimes(country=st.just(drawn.destination_country), tariff=st.just(tariff))
        )
        rate = data.draw(
            st.decimals(min_value="0.5", max_value=2, places=4).map(
                lambda r: FxRate(base=_EUR, quote=_USD, rate=r, as_of=_DAY)
            )
        )
        return drawn, regime, FxTable(rates=(rate,))

    return st.builds(build, shipments(currency=st.just(_EUR)), st.data())


def landed_cost_warnings() -> st.SearchStrategy[LandedCostWarning]:
    """Warnings of landed costs computed with rules of another day than the import."""
    days = st.integers(-3000, 3000).filter(bool).map(lambda n: _DAY + dt.timedelta(n))
    return st.builds(
        lambda scenario, day: landed_cost(*scenario[:2], fx=scenario[2], as_of=day),
        _scenarios(),
        days,
    ).flatmap(lambda result: _one_of(result.warnings))


def duty_evaluations() -> st.SearchStrategy[DutyEvaluation]:
    """Drawn duty expressions evaluated on drawn bases."""
    return st.builds(evaluate_duty, duty_expressions(), duty_bases())


def tariff_matches() -> st.SearchStrategy[TariffMatch]:
    """Matches of drawn tariffs for a code under one of their third-country rows.

    The line sometimes claims a preference the tariff does not list.
    """

    def match(
        base: TariffMeasure,
        others: Tariff,
        extra: str,
        origin: str,
        claim: str | None,
    ) -> TariffMatch:
        rows = [m for m in others.measures if not _same_row(m, base)]
        tariff = Tariff(measures=[base, *rows])
        code = base.hs_code.digits + extra
        found = tariff.match(HsCode(code), origin, claim, _DAY)
        return _computed(found, "the base row covers the code")

    return st.builds(
        match,
        tariff_measures().map(
            lambda m: attrs.evolve(m, kind=MeasureKind.THIRD_COUNTRY)
        ),
        tariffs(),
        st.text("0123456789", max_size=4),
        country_codes(),
        st.one_of(st.none(), st.just("GSP")),
    )


def _same_row(row: TariffMeasure, base: TariffMeasure) -> bool:
    # A second third-country row on the base's code would make it ambiguous.
    return row.kind is base.kind and row.hs_code.digits == base.hs_code.digits


def reverse_prices() -> st.SearchStrategy[ReversePrice]:
    """Prices of a drawn shipment's first line for targets it can reach.

    The target lies between the landed cost at a zero price and at the drawn
    price, so a solution always exists.
    """

    def solve(scenario: tuple[Shipment, Regime, FxTable], share: int) -> ReversePrice:
        shipment, regime, fx = scenario
        free = attrs.evolve(
            shipment.lines[0],
            unit_price=Money.zero(shipment.lines[0].unit_price.currency),
        )
        try:
            zero = landed_cost(
                attrs.evolve(shipment, lines=(free, *shipment.lines[1:])),
                regime,
                fx=fx,
                as_of=_DAY,
            ).total.minor_units
        except InvalidInputError as error:
            # At a zero price the shipment may have no value left to share
            # freight or a charge by: no reverse price to draw from it.
            if error.field is not None and error.field.endswith("basis"):
                reject()
            raise
        drawn = landed_cost(shipment, regime, fx=fx, as_of=_DAY).total.minor_units
        units = zero + max(0, drawn - zero) * share // 100
        target = Money.of_minor_units(units, regime.currency)
        return price_for_landed_cost(shipment, regime, target=target, fx=fx, as_of=_DAY)

    return st.builds(solve, _scenarios(), st.integers(0, 100))


def cliffs() -> st.SearchStrategy[Cliff]:
    """Jumps of one-line shipments whose duty is waived up to a drawn threshold.

    The target is the landed cost at the threshold, so the price solving it
    sits right below the jump that an ad valorem duty of 5% or more makes.
    """

    def solve(shipment: Shipment, limit: Money, rate: AdValorem) -> Cliff:
        line = attrs.evolve(shipment.lines[0], quantity=1, unit_price=limit)
        at_limit = attrs.evolve(shipment, lines=(line,))
        regime = Regime(
            country=shipment.destination_country,
            name="Generated duty relief",
            currency=_USD,
            valuation=Valuation.CIF,
            validity=ALWAYS,
            thresholds=(
                Threshold(
                    id="relief",
                    name="Duty relief",
                    reliefs={Relief.DUTY},
                    amount=limit,
                    basis=ValueBasis.INTRINSIC,
                    validity=ALWAYS,
                ),
            ),
            tariff=Tariff(measures=[TariffMeasure(hs_code=line.hs_code, duty=rate)]),
        )
        target = landed_cost(at_limit, regime, fx=None, as_of=_DAY).total
        answer = price_for_landed_cost(
            at_limit, regime, target=target, fx=None, as_of=_DAY
        )
        return _computed(answer.cliff, "the duty relief ends at the limit")

    return st.builds(
        solve,
        shipments(currency=st.just(_USD), max_lines=1),
        money(st.just(_USD), 50, 2000),
        st.decimals(min_value="0.05", max_value="0.5", places=3).map(AdValorem),
    )


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    LineResult: line_results,
    Totals: totals,
    Figure: figures,
    Decision: decisions,
    RateUsed: rates_used,
    LandedCostWarning: landed_cost_warnings,
    DutyEvaluation: duty_evaluations,
    TariffMatch: tariff_matches,
    ReversePrice: reverse_prices,
    Cliff: cliffs,
}
"""The strategy each landed-cost or customs result resolves to (``st.from_type``)."""
