"""xborder: typed, exact, I/O-free models and calculators for cross-border e-commerce.

xborder does no I/O: it opens no files or sockets, reads no clock, no
environment and no random source. Dates, FX rates, tariff rates, rate cards
and fee schedules come in as arguments, and every result is a typed,
immutable object that explains how it was computed.

>>> import xborder
>>> str(xborder.Money("19.99", "USD") * 3)
'59.97 USD'
"""

from xborder.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    MissingFxRateError,
    RuleNotApplicableError,
    UnitError,
    UnknownCurrencyError,
    XborderError,
)
from xborder.fx import FxRate, FxTable, convert
from xborder.money import (
    Currency,
    Money,
    RoundingMode,
    allocate,
    format_money,
    split,
)
from xborder.pricing import (
    FeeSchedule,
    Listing,
    PaymentFee,
    ReferralFee,
    UnitCosts,
    UnitEconomics,
    Vat,
    break_even_price,
    compare_channels,
    gross_up,
    target_margin_price,
    unit_economics,
)
from xborder.units import Dimensions

__version__ = "0.1.0"

__all__ = [
    "Currency",
    "CurrencyMismatchError",
    "Dimensions",
    "FeeSchedule",
    "FxRate",
    "FxTable",
    "InvalidInputError",
    "InvalidTypeError",
    "Listing",
    "MissingFxRateError",
    "Money",
    "PaymentFee",
    "ReferralFee",
    "RoundingMode",
    "RuleNotApplicableError",
    "UnitCosts",
    "UnitEconomics",
    "UnitError",
    "UnknownCurrencyError",
    "Vat",
    "XborderError",
    "__version__",
    "allocate",
    "break_even_price",
    "compare_channels",
    "convert",
    "format_money",
    "gross_up",
    "split",
    "target_margin_price",
    "unit_economics",
]
