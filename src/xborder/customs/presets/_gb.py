"""Great Britain: import VAT, the £135 rules (private; see presets)."""

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

VAT_RATES = "https://www.gov.uk/vat-rates"
VAT_VALUE = "https://legislation.gov.uk/ukpga/1996/8/section/27/enacted/data.html"
VALUATION = (
    "https://www.gov.uk/guidance/"
    "how-to-value-your-imports-for-customs-duty-and-trade-statistics"
)
LOW_VALUE = (
    "https://gov.uk/guidance/charging-vat-on-goods-sold-direct-to-customers-in-the-uk"
)
MARKETPLACES = (
    "https://gov.uk/guidance/"
    "vat-and-overseas-goods-sold-to-customers-in-great-britain-using-online-marketplaces-from-1-january-2021"
)
DUTY_RELIEF = (
    "https://pedelecs.co.uk/forum/threads/brexit-for-once-some-facts.24369/page-4842"
)
ABOLITION = (
    "https://taxscape.deloitte.com/measures-autumn-budget-2025/"
    "customs-duty-relief-for-low-value-imports.aspx"
)

_FROM = "2021-01-01"

_VAT = TaxRule(
    id="GB-import-VAT",
    name="Import VAT (GB) 20%",
    rate="0.20",
    base={
        TaxBase.CUSTOMS_VALUE,
        TaxBase.DUTY,
        TaxBase.ADDITIONAL_DUTIES,
        TaxBase.EXCISE,
        TaxBase.ONWARD_TRANSPORT,
        TaxBase.FEES,
    },
    # VAT paid on importation is input tax of a registered importer (VATA
    # 1994 s.24(1)(c)), credited against its output tax (s.25-26).
    recoverable=True,
    validity=window(
        _FROM,
        None,
        VAT_VALUE,
        "value for import VAT: customs value + duty + excise + incidental "
        "expenses to the first destination in the UK (VATA 1994 s.21); standard "
        f"rate 20% ({VAT_RATES})",
    ),
)

_SALE_VAT = TaxRule(
    id="GB-VAT-at-sale",
    name="UK VAT charged at sale (consignment ≤ £135) 20%",
    rate="0.20",
    base={TaxBase.GOODS_VALUE, TaxBase.FREIGHT, TaxBase.INSURANCE},
    collection=Collection.POINT_OF_SALE,
    recoverable=True,  # VAT: a registered buyer deducts it (VATA 1994 s.24-26)
    validity=window(_FROM, None, LOW_VALUE),
)

_SCHEME = PointOfSaleScheme(
    id="GB-135",
    name="UK VAT at the point of sale for consignments ≤ £135",
    threshold=Money(135, "GBP"),
    tax=_SALE_VAT,
    fallback=Fallback.REVERSE_CHARGE,
    excluded_hs=(*ALCOHOL, *TOBACCO),
    validity=window(
        _FROM,
        None,
        LOW_VALUE,
        "the seller (or the online marketplace, "
        f"{MARKETPLACES}) charges UK VAT at sale; a VAT-registered business "
        "buyer accounts for it by reverse charge; no import VAT; excise goods "
        "are outside the rules",
    ),
)

_DUTY_RELIEF = Threshold(
    id="GB-duty-relief-135",
    name="Customs duty relief for consignments ≤ £135",
    reliefs={Relief.DUTY},
    amount=Money(135, "GBP"),
    basis=ValueBasis.INTRINSIC,
    excluded_hs=(*ALCOHOL, *TOBACCO),
    validity=window(
        _FROM,
        None,
        DUTY_RELIEF,
        "quoted from gov.uk; not for excise goods; gifts over £39 pay duty (not "
        f"modelled); to be abolished by March 2029 at the latest ({ABOLITION})",
    ),
)


def build(as_of: dt.date, *, allow_out_of_window: bool) -> Regime:
    """Great Britain's rules on ``as_of``."""
    required(
        [_VAT], as_of, what="GB import VAT", allow_out_of_window=allow_out_of_window
    )
    return Regime(
        country="GB",
        name="Great Britain",
        currency="GBP",
        valuation=Valuation.CIF,
        validity=intersect([_VAT.validity], VALUATION),
        taxes=(_VAT,),
        thresholds=(_DUTY_RELIEF,),
        schemes=(_SCHEME,),
        notes=(
            (
                "HMRC's rounding rules for duty and VAT are not in xborder's sources: "
                "figures round half-up; a published example truncates £4.025 of duty "
                "to £4.02 and rounds its VAT half-up (reproduce it with "
                "regime.with_duty_rounding(RoundingMode.DOWN), which leaves the VAT's "
                "rounding as it is; rounding=RoundingMode.DOWN would truncate the VAT "
                "too)"
            ),
            (
                "Northern Ireland follows EU rules for goods; this preset is for "
                "Great Britain"
            ),
        ),
    )
