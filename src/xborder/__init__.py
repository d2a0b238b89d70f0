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
from xborder.inventory import (
    Demand,
    InboundShipment,
    LeadTime,
    LeadTimeLeg,
    ServiceTarget,
    StockPosition,
    eoq,
    newsvendor,
    order_up_to_level,
    reorder_point,
    restock_recommendation,
    safety_stock,
)
from xborder.kpi import UNDEFINED, AdsStats, MoneyRatio, Ratio, Undefined
from xborder.landed_cost import (
    Charge,
    LandedCost,
    Line,
    Shipment,
    landed_cost,
    price_for_landed_cost,
)
from xborder.logistics import (
    DimRule,
    Parcel,
    RateCard,
    ServiceOption,
    TransitTime,
    chargeable_weight,
)
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
from xborder.serialize import from_data, from_json, to_data, to_json
from xborder.units import Dimensions

__version__ = "0.1.0"

__all__ = [
    "UNDEFINED",
    "AdsStats",
    "Charge",
    "Currency",
    "CurrencyMismatchError",
    "Demand",
    "DimRule",
    "Dimensions",
    "FeeSchedule",
    "FxRate",
    "FxTable",
    "HsCode",
    "InboundShipment",
    "Incoterm",
    "InvalidInputError",
    "InvalidTypeError",
    "LandedCost",
    "LeadTime",
    "LeadTimeLeg",
    "Line",
    "Listing",
    "MissingFxRateError",
    "Money",
    "MoneyRatio",
    "Parcel",
    "PaymentFee",
    "RateCard",
    "Ratio",
    "ReferralFee",
    "Regime",
    "RoundingMode",
    "RuleNotApplicableError",
    "ServiceOption",
    "ServiceTarget",
    "Shipment",
    "StockPosition",
    "TransitTime",
    "Undefined",
    "UnitCosts",
    "UnitEconomics",
    "UnitError",
    "UnknownCurrencyError",
    "Vat",
    "XborderError",
    "__version__",
    "allocate",
    "break_even_price",
    "chargeable_weight",
    "compare_channels",
    "convert",
    "eoq",
    "format_money",
    "from_data",
    "from_json",
    "gross_up",
    "landed_cost",
    "newsvendor",
    "order_up_to_level",
    "price_for_landed_cost",
    "reorder_point",
    "restock_recommendation",
    "safety_stock",
    "split",
    "target_margin_price",
    "to_data",
    "to_json",
    "unit_economics",
]
