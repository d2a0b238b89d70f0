"""Customs: HS codes, duty expressions, import taxes, thresholds, regimes.

The vocabulary a landed cost is computed with. A :class:`Regime` holds one
destination's rules for one period: how goods are valued (CIF or FOB), the
import taxes and what they are charged on (:class:`TaxRule`), the de
minimis thresholds (:class:`Threshold`), the point-of-sale schemes that move
low-value VAT to checkout (:class:`PointOfSaleScheme`), government fees
(:class:`Fee`), rounding (:class:`RoundingPolicy`) and your tariff
(:class:`Tariff` of :class:`TariffMeasure` rows whose duties are
expressions: :class:`AdValorem`, :class:`Specific`, :class:`Compound`,
:class:`Floor`, :class:`Cap`, :class:`FlatPerTariffLine`;
:func:`parse_duty` reads them from the tariff's own text and
:func:`duty_text` writes them back).
:mod:`xborder.customs.registration` says where a cross-border seller must
register for VAT (:func:`registration_checks`).
:mod:`xborder.customs.presets` builds regimes for GB, EU member states, US,
CA, AU and JP from dated, sourced rules.

Examples:
    >>> import datetime as dt
    >>> from xborder.customs import AdValorem, Tariff, TariffMeasure, presets
    >>> gb = presets.regime("GB", as_of=dt.date(2026, 9, 1)).with_tariff(
    ...     Tariff(measures=[TariffMeasure(hs_code="392690", duty=AdValorem("0.06"))])
    ... )
    >>> gb.valuation.value
    'CIF'
    >>> print(gb.taxes[0].describe())
    20% of customs value + duty + additional duties + excise + onward transport + fees
"""

from xborder._guard import guard_public
from xborder.customs._conversion import RateUsed
from xborder.customs._duty import (
    AdValorem,
    DutyBasis,
    DutyEvaluation,
    FlatPerTariffLine,
    Measure,
    Specific,
)
from xborder.customs._expression import (
    Cap,
    Compound,
    DutyExpression,
    Floor,
    evaluate_duty,
)
from xborder.customs._fee import Fee
from xborder.customs._hs import HsCode
from xborder.customs._incoterm import Cost, Incoterm, Party, TransportMode
from xborder.customs._parse import duty_text, parse_duty
from xborder.customs._regime import Regime, Valuation
from xborder.customs._rounding import RoundingPolicy
from xborder.customs._scheme import Collector, Fallback, PointOfSaleScheme
from xborder.customs._tariff import MeasureKind, Tariff, TariffMatch, TariffMeasure
from xborder.customs._tax import Collection, TaxBase, TaxRule
from xborder.customs._threshold import Relief, Scope, Threshold, ValueBasis
from xborder.customs.registration import (
    DestinationSales,
    MarketplaceSales,
    Obligation,
    RegistrationCheck,
    RegistrationFinding,
    RegistrationRule,
    SalesChannel,
    StockHolding,
    registration_checks,
)

__all__ = [
    "AdValorem",
    "Cap",
    "Collection",
    "Collector",
    "Compound",
    "Cost",
    "DestinationSales",
    "DutyBasis",
    "DutyEvaluation",
    "DutyExpression",
    "Fallback",
    "Fee",
    "FlatPerTariffLine",
    "Floor",
    "HsCode",
    "Incoterm",
    "MarketplaceSales",
    "Measure",
    "MeasureKind",
    "Obligation",
    "Party",
    "PointOfSaleScheme",
    "RateUsed",
    "Regime",
    "RegistrationCheck",
    "RegistrationFinding",
    "RegistrationRule",
    "Relief",
    "RoundingPolicy",
    "SalesChannel",
    "Scope",
    "Specific",
    "StockHolding",
    "Tariff",
    "TariffMatch",
    "TariffMeasure",
    "TaxBase",
    "TaxRule",
    "Threshold",
    "TransportMode",
    "Valuation",
    "ValueBasis",
    "duty_text",
    "evaluate_duty",
    "parse_duty",
    "registration_checks",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
