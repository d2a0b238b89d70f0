"""Australia: FOB customs value, GST on the VoTI, A$1,000 and LVG GST (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from xborder.money import Money

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["build"]

CUSTOMS_VALUE = "http://clubcobra.com/forums/1097338-post12.html"
VOTI = "http://www.austlii.edu.au/au/legis/cth/consol_act/antsasta1999402/s13.20.html"
THRESHOLD = "https://ecustomsbroker.com.au/home_faqs_site/how-is-the-customs-value-cv-calculated"
LVG = (
    "https://www.ato.gov.au/law/view/document?DocID=NEM%2FEM201732%2FNAT%2FATO%2F00003"
)

_FROM = "2018-07-01"

_GST = TaxRule(
    id="AU-GST",
    name="GST 10% on the value of the taxable importation",
    rate="0.10",
    base={
        TaxBase.CUSTOMS_VALUE,
        TaxBase.FREIGHT,
        TaxBase.INSURANCE,
        TaxBase.DUTY,
        TaxBase.ADDITIONAL_DUTIES,
        TaxBase.EXCISE,
    },
    # GST on a creditable importation is an input tax credit of a registered
    # importer (A New Tax System (Goods and Services Tax) Act 1999 ss.15-5, 15-15).
    recoverable=True,
    validity=window(
        _FROM,
        None,
        VOTI,
        "VoTI = customs value + international transport and insurance (where "
        "not in the customs value) + customs duty + wine tax (GST Act s.13-20)",
    ),
)

_SALE_GST = TaxRule(
    id="AU-GST-LVG",
    name="GST 10% on low value imported goods, charged at sale",
    rate="0.10",
    base={TaxBase.GOODS_VALUE, TaxBase.FREIGHT, TaxBase.INSURANCE},
    collection=Collection.POINT_OF_SALE,
    # GST like any other: a registered business buyer claims the credit.
    recoverable=True,
    validity=window(_FROM, None, LVG),
)

_THRESHOLD = Threshold(
    id="AU-1000",
    name="A$1,000 border threshold",
    reliefs={Relief.DUTY, Relief.TAX},
    amount=Money(1000, "AUD"),
    basis=ValueBasis.CUSTOMS_VALUE,
    excluded_hs=(*ALCOHOL, *TOBACCO),
    validity=window(
        _FROM,
        None,
        THRESHOLD,
        "at or below A$1,000 customs value no duty or GST is collected at the "
        "border (alcohol and tobacco excepted); above it an import declaration, "
        "duty and GST (and an import processing charge, not in the preset)",
    ),
)

_SCHEME = PointOfSaleScheme(
    id="AU-LVG",
    name="GST on low value imported goods (≤ A$1,000)",
    threshold=Money(1000, "AUD"),
    tax=_SALE_GST,
    fallback=Fallback.BORDER,
    excluded_hs=(*ALCOHOL, *TOBACCO),
    validity=window(
        _FROM,
        None,
        LVG,
        "registered vendors, electronic distribution platforms and "
        "re-deliverers charge GST at sale (Treasury Laws Amendment (GST Low Value "
        "Goods) Act 2017); an unregistered vendor charges none",
    ),
)


def build(as_of: dt.date, *, allow_out_of_window: bool) -> Regime:
    """Australia's rules on ``as_of``."""
    required(
        [_GST], as_of, what="Australia's GST", allow_out_of_window=allow_out_of_window
    )
    return Regime(
        country="AU",
        name="Australia",
        currency="AUD",
        valuation=Valuation.FOB,
        validity=intersect([_GST.validity], CUSTOMS_VALUE),
        taxes=(_GST,),
        thresholds=(_THRESHOLD,),
        schemes=(_SCHEME,),
        notes=(
            (
                "customs value: the transaction value in AUD at the rate on the day "
                "the goods were exported (quoted as foreign currency per A$1: divide)"
            ),
        ),
    )
