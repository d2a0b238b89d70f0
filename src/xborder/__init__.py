"""xborder: typed, exact, I/O-free models and calculators for cross-border e-commerce.

xborder does no I/O: it opens no files or sockets, reads no clock, no
environment and no random source. Dates, FX rates, tariff rates, rate cards
and fee schedules come in as arguments, and every result is a typed,
immutable object that explains how it was computed.

Examples:
    >>> import xborder
    >>> str(xborder.Money("19.99", "USD") * 3)
    '59.97 USD'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from xborder.units import Dimensions

if TYPE_CHECKING:
    from xborder.customs import (
        HsCode,
        Incoterm,
        Regime,
    )
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
    from xborder.kpi import (
        UNDEFINED,
        AdsStats,
        MoneyRatio,
        Ratio,
        Undefined,
    )
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
    from xborder.serialize import (
        from_data,
        from_json,
        to_data,
        to_json,
    )

__version__ = "0.1.0"

# The calculator areas load on first use: ``import xborder`` stays as cheap
# as the money core (the areas together are about twice pint's import), and
# ``xborder.Shipment`` or ``from xborder import Shipment`` imports its area.
_LAZY = {
    "HsCode": "xborder.customs",
    "Incoterm": "xborder.customs",
    "Regime": "xborder.customs",
    "Demand": "xborder.inventory",
    "InboundShipment": "xborder.inventory",
    "LeadTime": "xborder.inventory",
    "LeadTimeLeg": "xborder.inventory",
    "ServiceTarget": "xborder.inventory",
    "StockPosition": "xborder.inventory",
    "eoq": "xborder.inventory",
    "newsvendor": "xborder.inventory",
    "order_up_to_level": "xborder.inventory",
    "reorder_point": "xborder.inventory",
    "restock_recommendation": "xborder.inventory",
    "safety_stock": "xborder.inventory",
    "UNDEFINED": "xborder.kpi",
    "AdsStats": "xborder.kpi",
    "MoneyRatio": "xborder.kpi",
    "Ratio": "xborder.kpi",
    "Undefined": "xborder.kpi",
    "Charge": "xborder.landed_cost",
    "LandedCost": "xborder.landed_cost",
    "Line": "xborder.landed_cost",
    "Shipment": "xborder.landed_cost",
    "landed_cost": "xborder.landed_cost",
    "price_for_landed_cost": "xborder.landed_cost",
    "DimRule": "xborder.logistics",
    "Parcel": "xborder.logistics",
    "RateCard": "xborder.logistics",
    "ServiceOption": "xborder.logistics",
    "TransitTime": "xborder.logistics",
    "chargeable_weight": "xborder.logistics",
    "FeeSchedule": "xborder.pricing",
    "Listing": "xborder.pricing",
    "PaymentFee": "xborder.pricing",
    "ReferralFee": "xborder.pricing",
    "UnitCosts": "xborder.pricing",
    "UnitEconomics": "xborder.pricing",
    "Vat": "xborder.pricing",
    "break_even_price": "xborder.pricing",
    "compare_channels": "xborder.pricing",
    "gross_up": "xborder.pricing",
    "target_margin_price": "xborder.pricing",
    "unit_economics": "xborder.pricing",
    "from_data": "xborder.serialize",
    "from_json": "xborder.serialize",
    "to_data": "xborder.serialize",
    "to_json": "xborder.serialize",
}


if not TYPE_CHECKING:  # mypy sees the imports above and checks every name

    def __getattr__(name: str) -> Any:  # noqa: ANN401 - any re-exported name
        module = _LAZY.get(name)
        if module is None:
            message = f"module 'xborder' has no attribute {name!r}"
            raise AttributeError(message)
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later look-ups are plain attribute reads
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))


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
