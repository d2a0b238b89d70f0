"""Japan: CIF, consumption tax 7.8% + 2.2%, ¥10,000, truncation rules (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder.customs._regime import Regime, Valuation
from xborder.customs._rounding import RoundingPolicy
from xborder.customs._tax import TaxBase, TaxRule
from xborder.customs._threshold import Relief, Threshold, ValueBasis
from xborder.customs.presets._common import (
    ALCOHOL,
    TOBACCO,
    intersect,
    required,
    window,
)
from xborder.money import Money, RoundingMode

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["build"]

CALCULATION = "https://www.customs.go.jp/english/c-answer_e/imtsukan/1111_e.htm"
CALCULATION_COPY = (
    "https://www.scribd.com/document/533923890/JAPAN-Consumption-Tax-Rate"
)
TAX_BASE = "https://reanda-international.com/news/method-of-calculating-import-consumption-tax-in-japan"
SMALL_AMOUNT = "http://www.customs.go.jp/english/c-answer_e/imtsukan/1006_e.htm"
RATE_2019 = "https://www.avalara.com/vatlive/en/vat-news/japan-raises-consumption-tax-to-10--1st-oct-2019.html"

_FROM = "2019-10-01"

# Customs Answer 1111: the base is truncated to ¥1,000 and each item's duty
# and national consumption tax to ¥100; the local tax (22/78 of the national
# tax) to the yen; each declaration total to ¥100.
_TRUNCATE_100 = RoundingPolicy(
    mode=RoundingMode.DOWN, base_step=1000, step=100, total_step=100
)
_LOCAL = RoundingPolicy(mode=RoundingMode.DOWN, step=1, total_step=100)

_NATIONAL = TaxRule(
    id="JP-consumption-tax",
    name="Consumption tax (national) 7.8%",
    rate="0.078",
    base={
        TaxBase.CUSTOMS_VALUE,
        TaxBase.DUTY,
        TaxBase.ADDITIONAL_DUTIES,
        TaxBase.EXCISE,
    },
    rounding=_TRUNCATE_100,
    # Consumption tax on cargo taken from a bonded area is creditable
    # purchase tax of a taxable business (Consumption Tax Act art. 30(1)).
    recoverable=True,
    validity=window(
        _FROM,
        None,
        TAX_BASE,
        f"base: CIF + customs duty + other excise taxes; standard rate 10% = "
        f"7.8% national + 2.2% local since 2019-10-01 ({RATE_2019}); rounding "
        f"per Customs Answer 1111 ({CALCULATION}; worked example in "
        f"{CALCULATION_COPY})",
    ),
)

_LOCAL_TAX = TaxRule(
    id="JP-local-consumption-tax",
    name="Local consumption tax (22/78 of the national tax)",
    rate="22",
    divisor=78,
    base=set(),
    on_taxes=("JP-consumption-tax",),
    rounding=_LOCAL,
    recoverable=True,  # credited together with the national tax
    validity=window(_FROM, None, CALCULATION),
)

_SMALL_AMOUNT = Threshold(
    id="JP-10000",
    name="Duty and consumption tax exemption ≤ ¥10,000",
    reliefs={Relief.DUTY, Relief.TAX},
    amount=Money(10000, "JPY"),
    basis=ValueBasis.CUSTOMS_VALUE,
    excluded_hs=(*ALCOHOL, *TOBACCO),
    validity=window(
        _FROM,
        None,
        SMALL_AMOUNT,
        "total customs value per declaration (or parcel post package) at or below "
        "¥10,000; liquor and tobacco excise still due; designated articles (some "
        "leather goods and knitwear) are excluded but not listed in the preset: "
        "add their codes to excluded_hs",
    ),
)


def build(as_of: dt.date, *, allow_out_of_window: bool) -> Regime:
    """Japan's rules on ``as_of``."""
    required(
        [_NATIONAL],
        as_of,
        what="Japan's consumption tax",
        allow_out_of_window=allow_out_of_window,
    )
    return Regime(
        country="JP",
        name="Japan",
        currency="JPY",
        valuation=Valuation.CIF,
        validity=intersect([_NATIONAL.validity], CALCULATION),
        taxes=(_NATIONAL, _LOCAL_TAX),
        thresholds=(_SMALL_AMOUNT,),
        rounding=_TRUNCATE_100,
        notes=(
            (
                "personal-use imports valued at 60% of the overseas retail price are "
                "not modelled (the rule is not in xborder's sources)"
            ),
        ),
    )
