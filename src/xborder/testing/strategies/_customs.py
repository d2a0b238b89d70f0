"""Strategies for the customs models (private).

Re-exported by :mod:`xborder.testing.strategies`; see its docstring.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from xborder._country import country_codes as _country_codes
from xborder.customs import (
    AdValorem,
    Cap,
    Collection,
    Compound,
    DutyBasis,
    Fee,
    FlatPerTariffLine,
    Floor,
    HsCode,
    Measure,
    MeasureKind,
    PointOfSaleScheme,
    Regime,
    Relief,
    RoundingPolicy,
    Specific,
    Tariff,
    TariffMeasure,
    TaxBase,
    TaxRule,
    Threshold,
    Valuation,
    ValueBasis,
)
from xborder.dated import Validity
from xborder.fx import FxTable
from xborder.money import Currency, Money, RoundingMode
from xborder.testing.strategies._core import (
    _invalid,
    _not_strategies,
    currencies,
    fx_rates,
    money_values,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from xborder.customs import DutyExpression

__all__ = [
    "ALWAYS",
    "country_codes",
    "duty_bases",
    "duty_expressions",
    "fees",
    "hs_codes",
    "money",
    "point_of_sale_schemes",
    "regimes",
    "rounding_policies",
    "tariff_measures",
    "tariffs",
    "tax_rules",
    "thresholds",
]

_COMMON_COUNTRIES = ("CN", "US", "GB", "DE", "FR", "JP", "CA", "AU", "VN", "MX")
_SOURCE = "https://example.org/generated-by-hypothesis"
ALWAYS = Validity(valid_from="2000-01-01", valid_to=None, source=_SOURCE)


def country_codes() -> st.SearchStrategy[str]:
    """ISO 3166-1 alpha-2 codes, shrinking towards common trade partners."""
    rest = sorted(_country_codes() - set(_COMMON_COUNTRIES))
    return st.sampled_from(_COMMON_COUNTRIES + tuple(rest))


def hs_codes(
    *, digits: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[HsCode]:
    """HS codes of 6, 8 or 10 digits (or lengths drawn from ``digits``, 2 to 14)."""
    lengths = st.sampled_from((6, 8, 10)) if digits is None else digits

    def build(length: int) -> st.SearchStrategy[HsCode]:
        if not 2 <= length <= 14:  # noqa: PLR2004 - the HS code's bounds
            return _invalid(f"digits must be 2 to 14, got {length}")
        return st.text("0123456789", min_size=length, max_size=length).map(HsCode)

    return lengths.flatmap(build)


def _rates(maximum: str = "0.5") -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=0, max_value=Decimal(maximum), places=4, allow_nan=False
    )


def duty_expressions(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    measures: st.SearchStrategy[str] | None = None,
    max_leaves: int = 4,
) -> st.SearchStrategy[DutyExpression]:
    """Duty expressions: ad valorem and specific leaves under compounds, floors, caps.

    Compounds sometimes subtract a part (``Compound(..., less=...)``).

    Args:
        currency: Currency of specific amounts (default USD).
        measures: Measures of specific duties (default ``kg`` and ``item``,
            which every generated line provides).
        max_leaves: Most leaves in one expression.
    """
    money = money_values(
        currency=st.just(Currency("USD")) if currency is None else currency,
        min_value=0,
        max_value=100,
    )
    leaf: st.SearchStrategy[DutyExpression] = st.one_of(
        _rates().map(AdValorem),
        st.builds(
            lambda amount, measure, per: Specific(
                amount=amount, measure=measure, per=per
            ),
            money,
            st.sampled_from([Measure.KG.value, Measure.ITEM.value])
            if measures is None
            else measures,
            st.sampled_from([1, 100]),
        ),
    )

    def extend(
        children: st.SearchStrategy[DutyExpression],
    ) -> st.SearchStrategy[DutyExpression]:
        return st.one_of(
            st.lists(children, min_size=1, max_size=2).map(Compound),
            st.builds(
                lambda parts, less: Compound(parts, less=less),
                st.lists(children, min_size=1, max_size=2),
                st.lists(children, min_size=1, max_size=1),
            ),
            st.builds(lambda a, b: Floor(duty=a, minimum=b), children, children),
            st.builds(lambda a, b: Cap(duty=a, maximum=b), children, children),
        )

    return st.recursive(leaf, extend, max_leaves=max_leaves)


def duty_bases(
    *,
    currency: st.SearchStrategy[Currency] | None = None,
    specific_currency: st.SearchStrategy[Currency] | None = None,
) -> st.SearchStrategy[DutyBasis]:
    """Bases a drawn duty expression evaluates on: a value, kg and items, and rates.

    Every basis gives the ``kg`` and ``item`` quantities the default
    :func:`duty_expressions` charge specific duties on, and, when its
    currency differs from ``specific_currency``, an FX table that converts
    specific amounts into it (one rate, quoted in a random direction).

    Args:
        currency: Currency of the customs value; defaults to :func:`currencies`.
        specific_currency: Currency of the specific amounts to convert
            (default USD, as :func:`duty_expressions` writes them).
    """
    wrong = _not_strategies(currency=currency, specific_currency=specific_currency)
    if wrong is not None:
        return wrong
    pairs = st.tuples(
        currencies() if currency is None else currency,
        st.just(Currency("USD")) if specific_currency is None else specific_currency,
    )
    return pairs.flatmap(lambda pair: _duty_basis(*pair))


def _duty_basis(
    value_in: Currency, specific_in: Currency
) -> st.SearchStrategy[DutyBasis]:
    amounts = st.decimals(min_value=0, max_value=10**4, places=3, allow_nan=False)
    if value_in == specific_in:
        tables: st.SearchStrategy[FxTable | None] = st.none()
    else:
        tables = st.builds(
            lambda rate, flip: FxTable(rates=(rate.inverse() if flip else rate,)),
            fx_rates(base=st.just(specific_in), quote=st.just(value_in)),
            st.booleans(),
        )
    return st.builds(
        lambda value, kg, items, fx: DutyBasis(
            customs_value=value, quantities={"kg": kg, "item": items}, fx=fx
        ),
        money_values(currency=st.just(value_in), min_value=0, max_value=10**6),
        amounts,
        st.integers(0, 10**4).map(Decimal),
        tables,
    )


def tariff_measures(
    *,
    hs_code: st.SearchStrategy[HsCode] | None = None,
    duty: st.SearchStrategy[DutyExpression] | None = None,
) -> st.SearchStrategy[TariffMeasure]:
    """Third-country or additional measures on a code, for any origin."""
    return st.builds(
        lambda code, expression, kind: TariffMeasure(
            hs_code=code, duty=expression, kind=kind
        ),
        hs_codes() if hs_code is None else hs_code,
        duty_expressions() if duty is None else duty,
        st.sampled_from(
            [
                MeasureKind.THIRD_COUNTRY,
                MeasureKind.ANTI_DUMPING,
                MeasureKind.RETALIATORY,
                MeasureKind.EXCISE,
            ]
        ),
    )


def tariffs(
    *, measures: st.SearchStrategy[TariffMeasure] | None = None
) -> st.SearchStrategy[Tariff]:
    """Tariffs whose rows have distinct codes (so no base duty is ambiguous)."""
    rows = st.lists(
        tariff_measures() if measures is None else measures,
        max_size=4,
        unique_by=lambda m: (m.hs_code.digits, m.kind),
    )
    return rows.map(lambda items: Tariff(measures=items))


def rounding_policies() -> st.SearchStrategy[RoundingPolicy]:
    """Policies with any mode; sometimes base, line and total steps (Japan's).

    Steps are whole units, so every policy drawn is payable in any currency
    (see :meth:`~xborder.customs.RoundingPolicy.check_payable_in`).
    """
    steps = st.one_of(st.none(), st.sampled_from([Decimal(1), Decimal(100)]))
    return st.builds(
        lambda mode, step, base, total: RoundingPolicy(
            mode=mode, step=step, base_step=base, total_step=total
        ),
        st.sampled_from(RoundingMode),
        steps,
        st.one_of(st.none(), st.just(Decimal(1000))),
        steps,
    )


def tax_rules(
    *, collection: st.SearchStrategy[Collection] | None = None
) -> st.SearchStrategy[TaxRule]:
    """VAT/GST rules with a rate up to 27% and a non-empty base, recoverable or not."""
    parts = st.sets(st.sampled_from(list(TaxBase)), min_size=1)
    return st.builds(
        lambda number, rate, base, where, recoverable: TaxRule(
            id=f"tax-{number}",
            name=f"Tax {number}",
            rate=rate,
            base=base,
            collection=where,
            validity=ALWAYS,
            recoverable=recoverable,
        ),
        st.integers(0, 999),
        _rates("0.27"),
        parts,
        st.just(Collection.BORDER) if collection is None else collection,
        st.booleans(),
    )


def thresholds(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Threshold]:
    """De minimis thresholds in ``currency`` (default USD)."""
    return st.builds(
        lambda number, reliefs, amount, basis: Threshold(
            id=f"threshold-{number}",
            name=f"Threshold {number}",
            reliefs=reliefs,
            amount=amount,
            basis=basis,
            validity=ALWAYS,
        ),
        st.integers(0, 999),
        st.sets(st.sampled_from(list(Relief)), min_size=1),
        money(currency, 0, 2000),
        st.sampled_from(list(ValueBasis)),
    )


def fees(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[Fee]:
    """Flat fees, or rates with a minimum and a maximum, in ``currency``."""
    flat = st.builds(
        lambda number, amount: Fee(
            id=f"fee-{number}", name=f"Fee {number}", amount=amount, validity=ALWAYS
        ),
        st.integers(0, 999),
        money(currency, 0, 50),
    )
    rated = st.builds(
        lambda number, rate, low, extra: Fee(
            id=f"fee-{number}",
            name=f"Fee {number}",
            rate=rate,
            minimum=low,
            maximum=low + extra,
            validity=ALWAYS,
        ),
        st.integers(0, 999),
        _rates("0.01"),
        money(currency, 0, 50),
        money(currency, 0, 1000),
    )
    return st.one_of(flat, rated)


def point_of_sale_schemes(
    *, currency: st.SearchStrategy[Currency] | None = None
) -> st.SearchStrategy[PointOfSaleScheme]:
    """Low-value schemes taxing goods, freight and insurance at the sale."""
    sale_tax = tax_rules(collection=st.just(Collection.POINT_OF_SALE)).map(
        lambda rule: TaxRule(
            id=f"{rule.id}-at-sale",
            name=rule.name,
            rate=rule.rate,
            base={TaxBase.GOODS_VALUE, TaxBase.FREIGHT, TaxBase.INSURANCE},
            collection=Collection.POINT_OF_SALE,
            validity=ALWAYS,
            recoverable=rule.recoverable,
        )
    )
    return st.builds(
        lambda number, threshold, tax: PointOfSaleScheme(
            id=f"scheme-{number}",
            name=f"Scheme {number}",
            threshold=threshold,
            tax=tax,
            validity=ALWAYS,
        ),
        st.integers(0, 999),
        money(currency, 0, 1000),
        sale_tax,
    )


def money(
    currency: st.SearchStrategy[Currency] | None, low: int, high: int
) -> st.SearchStrategy[Money]:
    return money_values(
        currency=st.just(Currency("USD")) if currency is None else currency,
        min_value=low,
        max_value=high,
    )


def regimes(
    *,
    country: st.SearchStrategy[str] | None = None,
    currency: st.SearchStrategy[Currency] | None = None,
    tariff: st.SearchStrategy[Tariff] | None = None,
) -> st.SearchStrategy[Regime]:
    """Custom regimes: CIF or FOB, up to two taxes, thresholds, a scheme, fees."""

    def build(code: str, money: Currency) -> st.SearchStrategy[Regime]:
        fixed = st.just(money)
        return st.builds(
            lambda valuation, taxes, limits, schemes, charges, rows, rounding: Regime(
                country=code,
                name=f"Generated regime for {code}",
                currency=money,
                valuation=valuation,
                validity=ALWAYS,
                taxes=_unique(taxes),
                thresholds=_unique(limits),
                schemes=_unique(schemes),
                fees=_unique(charges),
                tariff=rows,
                rounding=rounding,
            ),
            st.sampled_from(list(Valuation)),
            st.lists(tax_rules(), max_size=2),
            st.lists(thresholds(currency=fixed), max_size=2),
            st.lists(point_of_sale_schemes(currency=fixed), max_size=1),
            st.lists(fees(currency=fixed), max_size=2),
            tariffs() if tariff is None else tariff,
            rounding_policies(),
        )

    return st.tuples(
        country_codes() if country is None else country,
        st.just(Currency("USD")) if currency is None else currency,
    ).flatmap(lambda pair: build(*pair))


def _unique(items: list[Any]) -> tuple[Any, ...]:
    # Rule ids must be unique within a regime.
    return tuple({item.id: item for item in items}.values())


REGISTERED: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    HsCode: hs_codes,
    DutyBasis: duty_bases,
    AdValorem: lambda: _rates().map(AdValorem),
    Specific: lambda: duty_expressions(max_leaves=1).filter(
        lambda d: isinstance(d, Specific)
    ),
    Compound: lambda: st.builds(
        lambda parts, less: Compound(parts, less=less),
        st.lists(duty_expressions(max_leaves=1), min_size=1, max_size=3),
        st.lists(duty_expressions(max_leaves=1), max_size=1),
    ),
    Floor: lambda: st.builds(
        lambda a, b: Floor(duty=a, minimum=b), duty_expressions(), duty_expressions()
    ),
    Cap: lambda: st.builds(
        lambda a, b: Cap(duty=a, maximum=b), duty_expressions(), duty_expressions()
    ),
    FlatPerTariffLine: lambda: st.builds(
        lambda amount, digits: FlatPerTariffLine(amount=amount, digits=digits),
        money(None, 0, 10),
        st.sampled_from([6, 8, 10]),
    ),
    TariffMeasure: tariff_measures,
    Tariff: tariffs,
    RoundingPolicy: rounding_policies,
    TaxRule: tax_rules,
    Threshold: thresholds,
    Fee: fees,
    PointOfSaleScheme: point_of_sale_schemes,
    Regime: regimes,
}
"""The strategy each customs model resolves to under ``st.from_type``."""
