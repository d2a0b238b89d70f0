"""xborder: typed, exact, I/O-free models and calculators for cross-border e-commerce.

xborder does no I/O: it opens no files or sockets, reads no clock, no
environment and no random source. Dates, FX rates, tariff rates, rate cards
and fee schedules come in as arguments, and every result is a typed,
immutable object that explains how it was computed.

>>> import xborder
>>> str(xborder.Money("19.99", "USD") * 3)
'59.97 USD'
"""

from xborder.customs import HsCode, Incoterm, Regime
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
from xborder.landed_cost import (
    Charge,
    LandedCost,
    Line,
    Shipment,
    landed_cost,
    price_for_landed_cost,
)
from xborder.money import (
    Currency,
    Money,
    RoundingMode,
    allocate,
    format_money,
    split,
)
from xborder.units import Dimensions

__version__ = "0.1.0"

__all__ = [
    "Charge",
    "Currency",
    "CurrencyMismatchError",
    "Dimensions",
    "FxRate",
    "FxTable",
    "HsCode",
    "Incoterm",
    "InvalidInputError",
    "InvalidTypeError",
    "LandedCost",
    "Line",
    "MissingFxRateError",
    "Money",
    "Regime",
    "RoundingMode",
    "RuleNotApplicableError",
    "Shipment",
    "UnitError",
    "UnknownCurrencyError",
    "XborderError",
    "__version__",
    "allocate",
    "convert",
    "format_money",
    "landed_cost",
    "price_for_landed_cost",
    "split",
]
