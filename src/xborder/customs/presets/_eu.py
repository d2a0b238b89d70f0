"""European Union member states: import VAT, €22, €150, IOSS, €3 (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder.customs._conversion import percent
from xborder.customs._duty import FlatPerTariffLine
from xborder.customs._regime import Regime, Valuation
from xborder.customs._scheme import Fallback, PointOfSaleScheme
from xborder.customs._tax import Collection, TaxBase, TaxRule
from xborder.customs._threshold import Relief, Threshold, ValueBasis
from xborder.customs.presets._common import (
    ALCOHOL,
    TOBACCO,
    intersect,
    required,
    window,
)
from xborder.dated import Validity
from xborder.money import Money

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["MEMBER_STATES", "build"]

VAT_RATES = (
    "https://europa.eu/youreurope/business/vat-customs/buy-sell/vat-rates/index_en.htm"
)
VAT_RATES_2025 = "https://mindlink.lv/useful/vat-rates-in-eu"
VAT_BASE = "https://vatupdate.com/?p=145613"
VALUATION = (
    "https://www.revenue.ie/en/importing-vehicles-duty-free-allowances/"
    "buying-of-goods-online-for-personal-use/outside-the-eu.aspx"
)
LOW_VALUE_22 = "https://eur-lex.europa.eu/legal-content/DA/TXT/?uri=CELEX:32019R1143"
ZOLL = (
    "https://zoll.de/EN/Private-individuals/Postal_consignments_internet_order/"
    "Shipments-from-a-non-EU-country/Duties-and-taxes/Internet-orders/"
    "internet-orders_node.html"
)
IOSS = (
    "https://sede.agenciatributaria.gob.es/Sede/en_gb/ayuda/manuales-videos-folletos/"
    "manuales-practicos/manual-iva-2021/capitulo-3-entregas-bienes-servicios-"
    "profesionales/ventas-distancia/ventas-distancia-bienes-importados/"
    "ventas-distancia-bi-importe-no-euros.html"
)
FLAT_DUTY = (
    "https://globalimportblog.bakermckenzie.com/2026/07/02/eu-low-value-consignment-"
    "relief-abolished-and-eur-3-customs-duty-introduced-from-1-july-2026/"
)

_RATES_FROM = "2021-01-01"
_E_COMMERCE = "2021-07-01"
_FLAT = "2026-07-01"
_FLAT_END = "2028-07-01"


@attrs.frozen
class _StandardRate:
    country: str
    name: str
    rate: Decimal
    validity: Validity


def _rate(country: str, name: str, rate: str, note: str | None = None) -> _StandardRate:
    text = f"standard rate {rate} in 2018 ({VAT_RATES}) and 2025 ({VAT_RATES_2025})"
    return _StandardRate(
        country,
        name,
        Decimal(rate),
        window(_RATES_FROM, None, VAT_RATES, f"{text}; {note}" if note else text),
    )


_STANDARD_RATES = {
    rate.country: rate
    for rate in (
        _rate(
            "DE",
            "Germany",
            "0.19",
            "Germany applied 16% from 2020-07-01 to 2020-12-31, so the preset "
            "starts on 2021-01-01",
        ),
        _rate("FR", "France", "0.20"),
        _rate("IT", "Italy", "0.22"),
        _rate("NL", "Netherlands", "0.21"),
        _rate("ES", "Spain", "0.21"),
    )
}

MEMBER_STATES = tuple(sorted(_STANDARD_RATES))
"""Member states with a standard VAT rate preset."""

_EXCISE_GOODS = (*ALCOHOL, *TOBACCO, "2710", "2711")
# zoll.de lists the goods the €150 relief never covered.
_NO_DUTY_RELIEF = (*ALCOHOL, *TOBACCO, "3303", "0901", "210111", "210112")

_VAT_EXEMPTION_22 = Threshold(
    id="EU-VAT-exemption-22",
    name="Import VAT exemption for consignments ≤ €22",
    reliefs={Relief.TAX},
    amount=Money(22, "EUR"),
    basis=ValueBasis.INTRINSIC,
    excluded_hs=_EXCISE_GOODS,
    validity=window(
        _RATES_FROM,
        _E_COMMERCE,
        LOW_VALUE_22,
        "Art. 23 of Directive 2009/132/EC let member states exempt goods up to "
        "€22 (the exemption is older than the preset, which starts with its "
        "VAT rates); abolished on 2021-07-01",
    ),
)

_DUTY_RELIEF_150 = Threshold(
    id="EU-duty-relief-150",
    name="Customs duty relief for consignments ≤ €150",
    reliefs={Relief.DUTY},
    amount=Money(150, "EUR"),
    basis=ValueBasis.INTRINSIC,
    excluded_hs=_NO_DUTY_RELIEF,
    validity=window(
        _RATES_FROM,
        _FLAT,
        ZOLL,
        "intrinsic value (goods alone); not for alcohol, tobacco, perfume and "
        f"coffee; abolished on 2026-07-01 ({FLAT_DUTY})",
    ),
)


def _vat(country: str, name: str, rate: _StandardRate) -> TaxRule:
    return TaxRule(
        id=f"{country}-import-VAT",
        name=f"Import VAT ({country}) {percent(rate.rate)}",
        rate=rate.rate,
        base={
            TaxBase.CUSTOMS_VALUE,
            TaxBase.DUTY,
            TaxBase.ADDITIONAL_DUTIES,
            TaxBase.EXCISE,
            TaxBase.ONWARD_TRANSPORT,
            TaxBase.FEES,
        },
        # Import VAT is deductible input VAT of a taxable person (Directive
        # 2006/112/EC Art. 168(e)).
        recoverable=True,
        validity=window(
            str(rate.validity.valid_from),
            None,
            VAT_BASE,
            "taxable amount on import: customs value + duties, taxes and levies "
            "due on import + incidental expenses to the first place of "
            f"destination (Directive 2006/112/EC Arts. 85-86); {name} rate: "
            f"{rate.validity.note}",
        ),
    )


def _ioss(country: str, rate: _StandardRate, *, flat_duty: bool) -> PointOfSaleScheme:
    tax = TaxRule(
        id=f"{country}-VAT-IOSS",
        name=f"VAT charged at sale under IOSS ({country}) {percent(rate.rate)}",
        rate=rate.rate,
        base={TaxBase.GOODS_VALUE, TaxBase.FREIGHT, TaxBase.INSURANCE},
        collection=Collection.POINT_OF_SALE,
        recoverable=True,  # VAT: a taxable buyer deducts it (Art. 168(a))
        validity=window(_E_COMMERCE, None, IOSS),
    )
    start, end = (_FLAT, _FLAT_END) if flat_duty else (_E_COMMERCE, _FLAT)
    note = (
        "a seller or marketplace registered for the Import One-Stop Shop "
        f"charges the destination's VAT at checkout and the import is exempt "
        f"({ZOLL}); not for excise goods"
    )
    if flat_duty:
        note += (
            f"; from 2026-07-01 customs duty is a flat €3 per distinct tariff "
            f"subheading in the consignment ({FLAT_DUTY}); sources differ on "
            "6 or 10 digits for full declarations, and on whether non-IOSS "
            "sellers will be covered: outside IOSS the normal tariff applies"
        )
    return PointOfSaleScheme(
        id="EU-IOSS-150" if not flat_duty else "EU-IOSS-150-flat-duty",
        name="Import One-Stop Shop (IOSS), consignments ≤ €150",
        threshold=Money(150, "EUR"),
        tax=tax,
        fallback=Fallback.BORDER,
        duty=FlatPerTariffLine(amount=Money(3, "EUR"), digits=6) if flat_duty else None,
        excluded_hs=_EXCISE_GOODS,
        validity=window(start, end, IOSS if not flat_duty else FLAT_DUTY, note),
    )


def build(country: str, as_of: dt.date, *, allow_out_of_window: bool) -> Regime:
    """The EU's rules for imports into ``country`` on ``as_of``."""
    rate = _STANDARD_RATES[country]
    name = rate.name
    required(
        [rate], as_of, what=f"{country} VAT", allow_out_of_window=allow_out_of_window
    )
    era = _era(as_of, allow_out_of_window=allow_out_of_window)
    vat = _vat(country, name, rate)
    thresholds: tuple[Threshold, ...] = ()
    schemes: tuple[PointOfSaleScheme, ...] = ()
    if era == "pre-2021-07":
        thresholds = (_VAT_EXEMPTION_22, _DUTY_RELIEF_150)
    elif era == "2021-07":
        thresholds = (_DUTY_RELIEF_150,)
        schemes = (_ioss(country, rate, flat_duty=False),)
    else:
        schemes = (_ioss(country, rate, flat_duty=True),)
    windows = [vat.validity, *(t.validity for t in thresholds)]
    windows += [s.validity for s in schemes]
    return Regime(
        country=country,
        name=f"{name} (EU)",
        currency="EUR",
        valuation=Valuation.CIF,
        validity=intersect(windows, VALUATION),
        taxes=(vat,),
        thresholds=thresholds,
        schemes=schemes,
        notes=_notes(era),
    )


@attrs.frozen
class _Era:
    name: str
    validity: Validity


_ERAS = (
    _Era("pre-2021-07", window(_RATES_FROM, _E_COMMERCE, LOW_VALUE_22)),
    _Era("2021-07", window(_E_COMMERCE, _FLAT, IOSS)),
    _Era("2026-07", window(_FLAT, _FLAT_END, FLAT_DUTY)),
)


def _era(as_of: dt.date, *, allow_out_of_window: bool) -> str:
    era = required(
        _ERAS,
        as_of,
        what="the EU low-value rules",
        allow_out_of_window=allow_out_of_window,
    )
    return era.name


def _notes(era: str) -> tuple[str, ...]:
    notes = [
        (
            "national handling fees on low-value parcels (Italy, France, 2026) come "
            "from secondary sources and are not in the preset: add them as charges"
        ),
    ]
    if era == "2026-07":
        notes.append(
            "the €150 duty relief is abolished from 2026-07-01: consignments "
            "outside IOSS pay the tariff's duty at any value"
        )
    return tuple(notes)
