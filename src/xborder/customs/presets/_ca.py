"""Canada: value for duty (FOB), GST on the value for tax, CUSMA thresholds.

Private; see :mod:`xborder.customs.presets`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xborder.customs._incoterm import TransportMode
from xborder.customs._regime import Regime, Valuation
from xborder.customs._tax import TaxBase, TaxRule
from xborder.customs._threshold import Relief, Threshold, ValueBasis
from xborder.customs.presets._common import intersect, required, window
from xborder.money import Money

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["build"]

VALUE_FOR_DUTY = (
    "https://aacb.com/knowledgebase/my-company-is-in-british-columbia-canada-and-"
    "i-import-from-china-how-is-the-duty-and-gst-calculated"
)
EXCHANGE = "https://cbsa-asfc.gc.ca/publications/dm-md/d13/d13-2-3-eng.html"
VALUE_FOR_TAX = "https://cbsa-asfc.gc.ca/publications/dm-md/d13/d13-2-5-eng.html"
THRESHOLDS = "https://cbsa-asfc.gc.ca/publications/cn-ad/cn20-18-eng.html"
CUSMA_LVS = "https://cbsa-asfc.gc.ca/services/cusma-aceum/lvs-efv-eng.html"

_FROM = "2020-07-01"
_CUSMA_SHIPPERS = {"US", "MX"}

_GST = TaxRule(
    id="CA-GST",
    name="GST 5%",
    rate="0.05",
    base={
        TaxBase.CUSTOMS_VALUE,
        TaxBase.DUTY,
        TaxBase.ADDITIONAL_DUTIES,
        TaxBase.EXCISE,
    },
    # GST paid on imported goods is an input tax credit of a registrant
    # (Excise Tax Act s.169(1)); a provincial sales tax without credits
    # would not be (add it with recoverable=False).
    recoverable=True,
    validity=window(
        _FROM,
        None,
        VALUE_FOR_TAX,
        "value for tax = value for duty + duties and taxes under the Customs "
        "Tariff, SIMA and the Excise Tax Act (other than GST) (D13-2-5); the "
        "HST of participating provinces is not in the preset: add it as a tax",
    ),
)


def _threshold(
    id: str,  # noqa: A002 - the field is called id
    amount: int,
    reliefs: set[Relief],
    note: str,
    *,
    modes: set[TransportMode],
    ship_from: set[str] | None = None,
    ship_from_excluded: set[str] | None = None,
) -> Threshold:
    return Threshold(
        id=id,
        name=f"Low value shipment CAD {amount}",
        reliefs=reliefs,
        amount=Money(amount, "CAD"),
        basis=ValueBasis.CUSTOMS_VALUE,
        modes=modes,
        ship_from=ship_from,
        ship_from_excluded=ship_from_excluded,
        validity=window(_FROM, None, THRESHOLDS, note),
    )


_BOTH = {Relief.DUTY, Relief.TAX}
_THRESHOLDS = (
    _threshold(
        "CA-post-20",
        20,
        _BOTH,
        "mail from any country: duty and taxes waived at or below CAD 20",
        modes={TransportMode.POST},
    ),
    _threshold(
        "CA-courier-20",
        20,
        _BOTH,
        "courier shipments from outside the US and Mexico: CAD 20",
        modes={TransportMode.COURIER},
        ship_from_excluded=_CUSMA_SHIPPERS,
    ),
    _threshold(
        "CA-CUSMA-courier-40",
        40,
        _BOTH,
        "courier shipments from the US or Mexico: duty and taxes waived at or "
        f"below CAD 40; the place of direct shipment decides, not origin "
        f"({CUSMA_LVS})",
        modes={TransportMode.COURIER},
        ship_from=_CUSMA_SHIPPERS,
    ),
    _threshold(
        "CA-CUSMA-courier-150",
        150,
        {Relief.DUTY},
        "courier shipments from the US or Mexico: duty waived at or below "
        "CAD 150, taxes due above CAD 40",
        modes={TransportMode.COURIER},
        ship_from=_CUSMA_SHIPPERS,
    ),
)


def build(as_of: dt.date, *, allow_out_of_window: bool) -> Regime:
    """Canada's rules on ``as_of``."""
    required(
        [_GST], as_of, what="Canada's GST", allow_out_of_window=allow_out_of_window
    )
    return Regime(
        country="CA",
        name="Canada",
        currency="CAD",
        valuation=Valuation.FOB,
        validity=intersect([_GST.validity], VALUE_FOR_DUTY),
        taxes=(_GST,),
        thresholds=_THRESHOLDS,
        notes=(
            (
                "value for duty: the vendor's price less actual freight and "
                f"insurance, in CAD at the Bank of Canada rate on the date of direct "
                f"shipment ({EXCHANGE})"
            ),
            (
                "the 2025 counter-tariff surtax on US goods has unanchored dates: add "
                "it to your tariff as a RETALIATORY measure if it applies"
            ),
        ),
    )
