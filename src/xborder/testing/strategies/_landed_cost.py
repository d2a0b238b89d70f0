"""Strategies for the landed-cost models (private).

Re-exported by :mod:`xborder.testing.strategies`; see its docstring.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from hypothesis import strategies as st

from xborder.customs import Collector, Incoterm, Tariff, TariffMeasure, TransportMode
from xborder.fx import FxRate, FxTable
from xborder.landed_cost import (
    AllocationBasis,
    Charge,
    ChargeKind,
    LandedCost,
    Line,
    Shipment,
    landed_cost,
)
from xborder.money import Currency, Money
from xborder.testing.strategies._core import _invalid
from xborder.testing.strategies._customs import (
    country_codes,
    duty_expressions,
    hs_codes,
    money,
    regimes,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.customs import HsCode

__all__ = ["charges", "landed_costs", "lines", "shipments"]

_DAY = dt.date(2026, 9, 1)


def lines(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    hs_code: st.SearchStrategy[HsCode] | None = None,
) -> st.SearchStrategy[Line]:
    """Shipment lines with a price, a unit weight and a unit volume.

    Quantities are whole units or, for goods sold by length or weight,
    decimals down to a thousandth.
    """
    return st.builds(
        lambda sku, code, origin, quantity, price, grams, volume: Line(
            sku=f"SKU-{sku}",
            hs_code=code,
            origin_country=origin,
            quantity=quantity,
            unit_price=price,
            unit_weight=f"{grams} g",
            unit_volume=f"{volume} cm**3",
        ),
        st.integers(0, 99_999),
        hs_codes() if hs_code is None else hs_code,
        country_codes(),
        st.one_of(
            st.integers(1, 500),
            st.decimals(min_value="0.001", max_value=500, places=3),
        ),
        money(currency, 0, 500),
        st.integers(0, 5000),
        st.integers(1, 20_000),
    )


def charges(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    allow_credits: bool = False,
) -> st.SearchStrategy[Charge]:
    """Charges of every kind, split by value, quantity or equally.

    With ``allow_credits``, amounts run from -100 to 100: a negative one is a
    credit (a landed cost refuses a credit larger than a line's charges).
    """
    if not isinstance(cast("object", allow_credits), bool):
        return _invalid(f"allow_credits must be a bool, got {allow_credits!r}")
    return st.builds(
        lambda amount, kind, basis: Charge(
            name=f"{kind.value}", amount=amount, kind=kind, basis=basis
        ),
        money(currency, -100 if allow_credits else 0, 100),
        st.sampled_from(list(ChargeKind)),
        st.sampled_from(
            [AllocationBasis.EQUAL, AllocationBasis.QUANTITY, AllocationBasis.VALUE]
        ),
    )


def shipments(
    *,
    destination: st.SearchStrategy[str] | None = None,
    currency: st.SearchStrategy[Currency] | None = None,
    line: st.SearchStrategy[Line] | None = None,
    max_lines: int = 5,
) -> st.SearchStrategy[Shipment]:
    """Shipments of 1 to ``max_lines`` lines with freight, insurance and charges.

    Freight and insurance are split by value when some line is worth at
    least one unit of its currency, and equally otherwise (a value basis of
    all zeros, after rounding to the minor unit, is refused by design).
    """
    if isinstance(max_lines, bool) or not isinstance(max_lines, int) or max_lines < 1:
        return _invalid(f"max_lines must be an int >= 1, got {max_lines!r}")
    goods = lines(currency=currency) if line is None else line
    return st.builds(
        _shipment,
        items=st.lists(goods, min_size=1, max_size=max_lines),
        countries=st.tuples(
            country_codes(),
            st.just("US") if destination is None else destination,
        ).filter(lambda pair: pair[0] != pair[1]),
        incoterm=st.sampled_from(list(Incoterm)),
        mode=st.sampled_from(list(TransportMode)),
        freight=money(currency, 0, 200),
        insurance=st.one_of(st.none(), money(currency, 0, 20)),
        extras=st.lists(charges(currency=currency), max_size=2),
        collector=st.one_of(st.none(), st.sampled_from(list(Collector))),
    )


def _shipment(
    *,
    items: list[Line],
    countries: tuple[str, str],
    incoterm: Incoterm,
    mode: TransportMode,
    freight: Money,
    insurance: Money | None,
    extras: list[Charge],
    collector: Collector | None,
) -> Shipment:
    # A value basis needs a line still worth something once converted and
    # rounded to the minor unit: 0.001 m at 0.01 USD rounds to 0.00.
    valued = any(item.goods_value.amount >= 1 for item in items)
    basis = AllocationBasis.VALUE if valued else AllocationBasis.EQUAL
    return Shipment(
        lines=items,
        export_country=countries[0],
        destination_country=countries[1],
        incoterm=incoterm,
        mode=mode,
        import_date=_DAY,
        freight=freight,
        insurance=insurance,
        charges=[
            charge
            if valued or charge.basis is not AllocationBasis.VALUE
            else Charge(
                name=charge.name,
                amount=charge.amount,
                kind=charge.kind,
                basis=AllocationBasis.EQUAL,
            )
            for charge in extras
        ],
        collector=collector,
        freight_basis=basis,
        insurance_basis=basis,
    )


def landed_costs(
    *, shipment: st.SearchStrategy[Shipment] | None = None
) -> st.SearchStrategy[LandedCost]:
    """Landed costs of generated shipments under generated regimes.

    Invoices are in EUR and the regimes assess in USD, so every amount goes
    through a conversion.
    """

    def compute(drawn: Shipment, data: st.DataObject) -> LandedCost:
        rows = [
            TariffMeasure(hs_code=line.hs_code, duty=data.draw(duty_expressions()))
            for line in drawn.lines
        ]
        unique = {row.hs_code.digits: row for row in rows}
        tariff = Tariff(measures=unique.values())
        regime = data.draw(
            regimes(
                country=st.just(drawn.destination_country),
                tariff=st.just(tariff),
            )
        )
        fx = FxTable(rates=(FxRate(base="EUR", quote="USD", rate="1.08", as_of=_DAY),))
        return landed_cost(drawn, regime, fx=fx, as_of=_DAY)

    source = (
        shipments(currency=st.just(Currency("EUR"))) if shipment is None else shipment
    )
    return st.builds(compute, source, st.data())


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Line: lines,
    Charge: lambda: charges(allow_credits=True),
    Shipment: shipments,
    LandedCost: landed_costs,
}
"""The strategy each landed-cost model resolves to under ``st.from_type``."""
