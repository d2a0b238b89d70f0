r"""Pricing and unit economics: fee schedules, the waterfall, solvers, channels.

What price clears the margin on Amazon.de, on Amazon.com and on the brand's
own site, after VAT, referral fees with their minimum and tiers, card fees
with stacked surcharges, payout conversion, landed cost, fulfilment,
returns and ads? This package answers it exactly, in Decimal, with every
line explained:

* :mod:`~xborder.pricing.referral`, :mod:`~xborder.pricing.payment` and
  :mod:`~xborder.pricing.fees`: fee schedules as data (:class:`ReferralFee`,
  :class:`PaymentFee`, :class:`FixedAmount`, :class:`FeeSchedule`), with
  the shapes of :mod:`~xborder.pricing.shapes` (:class:`OrderFee`,
  :class:`AttributedFee`, :class:`FeeTax`);
* :mod:`~xborder.pricing.vat`: VAT-inclusive prices (:class:`Vat`,
  :func:`split_vat`, :func:`consumer_price`);
* :mod:`~xborder.pricing.costs`: :class:`UnitCosts`, :class:`AdSpend`;
  :mod:`~xborder.pricing.returns`: returns as refunds (:class:`Returns`,
  :class:`ReturnRateBasis`, :class:`Resale`, :class:`RefundAdministrationFee`);
  :mod:`~xborder.pricing.shipping`: shipping charged to the buyer, revenue
  with its VAT and the fees on it (:class:`ShippingCharge`);
  :mod:`~xborder.pricing.listing`: :class:`Listing`;
* :mod:`~xborder.pricing.economics`: :func:`unit_economics`, the waterfall,
  whose steps are :mod:`~xborder.pricing.lines`;
* :mod:`~xborder.pricing.solvers`: break-even, target-margin and markup
  prices, :func:`gross_up`;
* :mod:`~xborder.pricing.advertising`: break-even and target ACOS
  (:func:`target_acos`, :func:`target_tacos`), CAC, :func:`max_cpc`;
* :mod:`~xborder.pricing.endings` and :mod:`~xborder.pricing.localise`:
  price endings and prices localised per market, margins re-checked;
* :mod:`~xborder.pricing.channels`: :func:`compare_channels`;
* :mod:`~xborder.pricing.storage`: warehouse storage by volume and season
  (:class:`StorageSchedule`, :func:`storage_cost`, :func:`storage_per_unit`);
* :mod:`~xborder.pricing.promotions`: is a coupon or a deal worth it
  (:func:`break_even_lift`, :func:`margin_lift`, :func:`promotion_outcome`);
* :mod:`~xborder.pricing.shapes`: fee caps, per-order fees, fees on
  attributed sales and tax on fees;
* :mod:`~xborder.pricing.presets` and :mod:`~xborder.pricing.marketplaces`:
  illustrative fee presets, dated and sourced.

Examples:
    >>> from xborder.money import Money
    >>> from xborder.pricing import FeeSchedule, ReferralFee, UnitCosts, Vat, VatBasis
    >>> from xborder.pricing import target_margin_price
    >>> fees = FeeSchedule(
    ...     name="Amazon.de", currency="EUR",
    ...     referral=ReferralFee.flat("0.15", basis=VatBasis.INCLUSIVE),
    ...     fulfilment=Money("2.70", "EUR"),
    ... )
    >>> solution = target_margin_price(
    ...     "0.20",
    ...     fees=fees,
    ...     costs=UnitCosts(landed=Money("3.10", "EUR")),
    ...     vat=Vat(rate="0.19"),
    ... )
    >>> str(solution.price), f"{solution.economics.margin:.4f}"
    ('11.11 EUR', '0.2002')
"""

from xborder._guard import guard_public
from xborder.pricing.advertising import (
    break_even_acos,
    break_even_cac,
    max_cpc,
    target_acos,
    target_max_cpc,
    target_tacos,
)
from xborder.pricing.channels import (
    Channel,
    ChannelComparison,
    ChannelKind,
    ChannelResult,
    compare_channels,
)
from xborder.pricing.costs import AdSpend, UnitCosts
from xborder.pricing.economics import UnitEconomics, unit_economics
from xborder.pricing.endings import EndingDirection, PriceEnding, apply_price_ending
from xborder.pricing.fees import FeeSchedule, FixedAmount
from xborder.pricing.lines import LineKind, WaterfallLine
from xborder.pricing.listing import Listing
from xborder.pricing.localise import (
    LocalisedPrice,
    Market,
    SolvedLocalisedPrice,
    localise_price,
    localise_prices,
    price_for_margin,
)
from xborder.pricing.payment import PaymentFee
from xborder.pricing.promotions import (
    Coupon,
    Deal,
    DemandEffects,
    Discount,
    Promotion,
    PromotionLift,
    PromotionOutcome,
    break_even_lift,
    margin_lift,
    promotion_outcome,
)
from xborder.pricing.referral import RateBand, ReferralFee, TierMode, VatBasis
from xborder.pricing.returns import (
    RefundAdministrationFee,
    Resale,
    ReturnRateBasis,
    Returns,
)
from xborder.pricing.shapes import AttributedFee, FeeTax, OrderFee, OrderFeeTier
from xborder.pricing.shipping import ShippingCharge
from xborder.pricing.solvers import (
    GrossUp,
    PriceSolution,
    break_even_price,
    gross_up,
    margin_from_markup,
    markup_from_margin,
    target_margin_price,
    target_markup_price,
)
from xborder.pricing.storage import (
    AgedBand,
    AgedInventorySurcharge,
    StorageCost,
    StorageLine,
    StorageLineKind,
    StorageRate,
    StorageSchedule,
    UtilisationBand,
    UtilisationSurcharge,
    batch_storage_cost,
    storage_cost,
    storage_per_unit,
)
from xborder.pricing.vat import TaxedPrice, Vat, consumer_price, split_vat

__all__ = [
    "AdSpend",
    "AgedBand",
    "AgedInventorySurcharge",
    "AttributedFee",
    "Channel",
    "ChannelComparison",
    "ChannelKind",
    "ChannelResult",
    "Coupon",
    "Deal",
    "DemandEffects",
    "Discount",
    "EndingDirection",
    "FeeSchedule",
    "FeeTax",
    "FixedAmount",
    "GrossUp",
    "LineKind",
    "Listing",
    "LocalisedPrice",
    "Market",
    "OrderFee",
    "OrderFeeTier",
    "PaymentFee",
    "PriceEnding",
    "PriceSolution",
    "Promotion",
    "PromotionLift",
    "PromotionOutcome",
    "RateBand",
    "ReferralFee",
    "RefundAdministrationFee",
    "Resale",
    "ReturnRateBasis",
    "Returns",
    "ShippingCharge",
    "SolvedLocalisedPrice",
    "StorageCost",
    "StorageLine",
    "StorageLineKind",
    "StorageRate",
    "StorageSchedule",
    "TaxedPrice",
    "TierMode",
    "UnitCosts",
    "UnitEconomics",
    "UtilisationBand",
    "UtilisationSurcharge",
    "Vat",
    "VatBasis",
    "WaterfallLine",
    "apply_price_ending",
    "batch_storage_cost",
    "break_even_acos",
    "break_even_cac",
    "break_even_lift",
    "break_even_price",
    "compare_channels",
    "consumer_price",
    "gross_up",
    "localise_price",
    "localise_prices",
    "margin_from_markup",
    "margin_lift",
    "markup_from_margin",
    "max_cpc",
    "price_for_margin",
    "promotion_outcome",
    "split_vat",
    "storage_cost",
    "storage_per_unit",
    "target_acos",
    "target_margin_price",
    "target_markup_price",
    "target_max_cpc",
    "target_tacos",
    "unit_economics",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
