"""United States: FOB valuation, Section 321, MPF and HMF (private)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from xborder.customs._fee import Fee
from xborder.customs._incoterm import TransportMode
from xborder.customs._regime import Regime, Valuation
from xborder.customs._threshold import Relief, Threshold, ValueBasis
from xborder.customs.presets._common import in_force, intersect, required, window
from xborder.money import Money

if TYPE_CHECKING:
    from xborder.dated import Validity

__all__ = ["build"]

VALUATION = (
    "https://www.customsbrokerexamprep.com/"
    "what-are-merchandise-processing-fee-mpf-and-harbor-maintenance-fee-hmf/"
)
DE_MINIMIS_800 = "https://thescarbroughgroup.com/increase-de-minimis-value-200-800/"
CHINA_2025 = "https://www.metrocb.com/news/cbp-issues-federal-register-notice-on-de-minimis-eligibility-for-china-and-hong-kong"
SUSPENSION = "https://www.govinfo.gov/content/pkg/FR-2025-08-05/html/2025-14897.htm"
SUSPENSION_CBP = "https://www.govinfo.gov/content/pkg/FR-2025-09-02/html/2025-16802.htm"
MPF_FY2026 = "https://www.govinfo.gov/content/pkg/FR-2025-07-23/html/2025-13869.htm"
MPF_FY2026_INFORMAL = (
    "https://www.buckland.com/news/cbp-announces-adjusted-customs-user-fees-for-fy-2026"
)
MPF_FY2025 = (
    "https://metrocb.com/news/"
    "cbp-posts-information-on-customs-user-fee-changes-effective-october-1-2024"
)
MPF_FY2022 = "http://www.yourcustomsbroker.com/2021/08/03/upcoming-fee-changes-to-be-made-aware-of/"
MPF_FY2021 = (
    "https://www.mallorygroup.com/cbp-merchandise-processing-fee-mpf-effective-oct-1/"
)
HMF = "http://www.law.cornell.edu/cfr/text/19/24.24"

_START = "2016-03-10"
_CHINA = "2025-05-02"
_SUSPENDED = "2025-08-29"
_FORMAL = Money(2500, "USD")
# Entries filed by a broker or carrier; mail goes through the postal process,
# whose dutiable mail fee is not in the preset.
_ENTRY_MODES = frozenset(set(TransportMode) - {TransportMode.POST})
_RATE = "0.003464"


@attrs.frozen
class _MpfYear:
    """One fiscal year's MPF: the formal-entry fee and, if sourced, the informal one."""

    formal: Fee
    informal: Fee | None

    @property
    def validity(self) -> Validity:
        return self.formal.validity


def _mpf(
    fiscal_year: int,
    minimum: str,
    maximum: str,
    source: str,
    *,
    informal: str | None = None,
    informal_source: str | None = None,
) -> _MpfYear:
    start, end = f"{fiscal_year - 1}-10-01", f"{fiscal_year}-10-01"
    formal = Fee(
        id=f"US-MPF-FY{fiscal_year}",
        name="Merchandise processing fee (formal entry)",
        rate=_RATE,
        minimum=Money(minimum, "USD"),
        maximum=Money(maximum, "USD"),
        above=_FORMAL,
        modes=_ENTRY_MODES,
        validity=window(
            start,
            end,
            source,
            f"0.3464% of the customs value (excluding duty, freight and "
            f"insurance), min ${minimum}, max ${maximum} per entry, fiscal year "
            f"{fiscal_year}; entries above $2,500 are formal",
        ),
    )
    informal_fee = None
    if informal is not None and informal_source is not None:
        informal_fee = Fee(
            id=f"US-MPF-informal-FY{fiscal_year}",
            name="Merchandise processing fee (informal entry, automated)",
            amount=Money(informal, "USD"),
            at_or_below=_FORMAL,
            modes=_ENTRY_MODES,
            validity=window(start, end, informal_source),
        )
    return _MpfYear(formal, informal_fee)


_MPF = (
    _mpf(
        2021,
        "27.23",
        "528.33",
        MPF_FY2021,
        informal="2.18",
        informal_source=MPF_FY2021,
    ),
    _mpf(2022, "27.75", "538.40", MPF_FY2022),
    _mpf(2025, "32.71", "634.62", MPF_FY2025),
    _mpf(
        2026,
        "33.58",
        "651.50",
        MPF_FY2026,
        informal="2.69",
        informal_source=MPF_FY2026_INFORMAL,
    ),
)

_HMF = Fee(
    id="US-HMF",
    name="Harbor maintenance fee",
    rate="0.00125",
    modes={TransportMode.OCEAN},
    validity=window(
        "2005-10-06",
        None,
        HMF,
        "0.125% of the value of commercial cargo unloaded from a vessel, no "
        "minimum or maximum (19 CFR 24.24; same text in the 2005 e-CFR); due on "
        "duty-free and FTA goods too",
    ),
)

_DE_MINIMIS = (
    Threshold(
        id="US-section-321",
        name="Section 321 de minimis ($800)",
        reliefs={Relief.DUTY, Relief.TAX, Relief.FEES},
        amount=Money(800, "USD"),
        basis=ValueBasis.INTRINSIC,
        validity=window(
            _START,
            _CHINA,
            DE_MINIMIS_800,
            "articles imported by one person on one day, aggregate fair retail "
            "value ≤ $800 (19 U.S.C. 1321), from 2016-03-10",
        ),
    ),
    Threshold(
        id="US-section-321-ex-CN-HK",
        name="Section 321 de minimis ($800), not for products of China or Hong Kong",
        reliefs={Relief.DUTY, Relief.TAX, Relief.FEES},
        amount=Money(800, "USD"),
        basis=ValueBasis.INTRINSIC,
        excluded_origins={"CN", "HK"},
        validity=window(
            _CHINA,
            _SUSPENDED,
            CHINA_2025,
            "products of China and Hong Kong lost de minimis treatment at 12:01 "
            "a.m. EDT on 2025-05-02 (EO 14256 as amended); postal duties of that "
            "period are not modelled",
        ),
    ),
)

_SUSPENSION_NOTE = (
    "Section 321 de minimis is suspended for all countries from 2025-08-29 "
    f"(EO 14324, 90 FR 37775, {SUSPENSION}; CBP, {SUSPENSION_CBP}): every "
    "shipment pays duties, taxes and fees; the carriers' postal duty options of "
    "2025-08-29 to 2026-02-28 are not modelled"
)


def build(as_of: dt.date, *, allow_out_of_window: bool) -> Regime:
    """The United States' rules on ``as_of``."""
    mpf = required(
        _MPF,
        as_of,
        what="the US merchandise processing fee (fiscal years 2021, 2022, 2025, 2026)",
        allow_out_of_window=allow_out_of_window,
    )
    de_minimis = in_force(_DE_MINIMIS, as_of)
    if mpf.informal is None:
        # No sourced informal fee: charge the formal fee at any value.
        fees = [attrs.evolve(mpf.formal, above=None), _HMF]
    else:
        fees = [mpf.formal, mpf.informal, _HMF]
    notes = [
        "no import VAT: US sales taxes are state taxes, not collected at the border",
        (
            "IEEPA and Section 301 duties depend on origin and change often: add them "
            "to your tariff as RETALIATORY measures"
        ),
        (
            "the MPF is charged on entries by air, ocean, road, rail and courier; "
            "mail pays the dutiable mail fee instead, which is not in the preset"
        ),
    ]
    if mpf.informal is None:
        notes.append(
            f"the informal-entry MPF for {mpf.formal.id[7:]} is not in xborder's "
            "sources: entries of $2,500 or less are charged the formal-entry fee"
        )
    if as_of >= dt.date.fromisoformat(_SUSPENDED):
        notes.append(_SUSPENSION_NOTE)
    thresholds = (de_minimis,) if de_minimis is not None else ()
    windows = [fee.validity for fee in fees]
    windows += [threshold.validity for threshold in thresholds]
    return Regime(
        country="US",
        name="United States",
        currency="USD",
        valuation=Valuation.FOB,
        validity=intersect([window(_START, None, VALUATION), *windows], VALUATION),
        thresholds=thresholds,
        fees=tuple(fees),
        notes=tuple(notes),
    )
