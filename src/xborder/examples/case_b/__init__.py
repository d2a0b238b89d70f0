"""Case B: an eco home-goods brand selling from its own site (illustrative data).

The primer's second case: a start-up designs eco-friendly home goods, has
them made in China and sells them from its own site to Germany and the
United States. This package holds the case's inputs and :func:`run`, which
computes every figure that Tutorial B (``docs/tutorials/case-b.md``) and
``python -m xborder --case b`` show:

* the goods (:data:`PRODUCTS`, :data:`OFFERS`), the exchange rates
  (:data:`FX`) and an illustrative tariff (:data:`TARIFFS`);
* a parcel sent straight from China, duties paid (DDP) or not (DAP):
  :func:`direct_parcel`, :data:`CLEARANCE_FEE`;
* stock held by a local partner: :func:`restock` by sea
  (:data:`SEA_FREIGHT`), the 3PLs (:data:`THREE_PL`) and the options a
  delivery is compared across (:func:`delivery_options`);
* the own site's fees and costs: :data:`SITE_FEES` (Stripe's illustrative
  presets), :data:`VAT`, :data:`RETURNS`, :data:`PACKAGING`;
* a year of orders generated from a fixed pattern (:func:`order_history`),
  the marketing spend (:data:`MARKETING_SPEND`), RFM scoring and the email
  each segment gets (:data:`RFM_SCORING`, :data:`EMAILS`);
* the first quarter's books: its ledger (:func:`quarter_ledger`), the
  stock it opened with (:func:`opening_stock`), its campaigns, creators,
  emails and social channels (:data:`CAMPAIGNS`, :data:`INFLUENCERS`,
  :func:`campaign_orders`, :data:`EMAILS_Q4`, :data:`SOCIAL_Q4`), and the
  German restock as purchase orders for the cash calendar
  (:func:`restock_orders`, :data:`STRIPE_PAYOUTS`).

Every rate, price, fee and order is made up to have the shape of real data
and labelled illustrative (as of 2026-09-15); none is market data, a
carrier's tariff or a customs tariff. Nothing is fetched, read or drawn at
random: :func:`run` is a pure function.

Examples:
    >>> from xborder.examples import case_b
    >>> case = case_b.run()
    >>> str(case.de.price_of("BAM-UT").contribution)
    '17.32 EUR'
"""

from xborder._guard import guard_public
from xborder.examples.case_b._catalogue import (
    AS_OF,
    BRUSHES,
    FX,
    KIT,
    MARKETS,
    OFFERS,
    PRODUCTS,
    RESTOCK_CARTONS,
    SEA_FREIGHT,
    SOURCE,
    TARIFFS,
    UTENSILS,
    WRAPS,
    Offer,
    Product,
    check_market,
    restock,
)
from xborder.examples.case_b._customers import (
    BOOKS_CLOSED,
    EMAILS,
    FIRST_MONTH,
    FIRST_OFFERS,
    MARKETING_SPEND,
    NEW_CUSTOMERS,
    REPEATS,
    RFM_SCORING,
    order_history,
    placements,
)
from xborder.examples.case_b._ledger import (
    CAMPAIGNS,
    EMAILS_Q4,
    INFLUENCERS,
    PAYOUTS,
    QUARTER,
    SOCIAL_Q4,
    STRIPE_PAYOUTS,
    campaign_orders,
    opening_stock,
    quarter_ledger,
    restock_orders,
    unit_volumes,
)
from xborder.examples.case_b._logistics import (
    COST_OF_CAPITAL,
    DEDICATED_LINE,
    EXPRESS,
    LATE_DELIVERY,
    LOSS,
    PROMISED_DAYS,
    THREE_PL,
    delivery_options,
)
from xborder.examples.case_b._run import (
    LTV_MONTHS,
    CaseB,
    Customers,
    Direct,
    Market,
    run,
)
from xborder.examples.case_b._site import (
    CLEARANCE_FEE,
    PACKAGING,
    RETURNS,
    SITE_FEES,
    VAT,
    direct_parcel,
    goods_price,
)

__all__ = [
    "AS_OF",
    "BOOKS_CLOSED",
    "BRUSHES",
    "CAMPAIGNS",
    "CLEARANCE_FEE",
    "COST_OF_CAPITAL",
    "DEDICATED_LINE",
    "EMAILS",
    "EMAILS_Q4",
    "EXPRESS",
    "FIRST_MONTH",
    "FIRST_OFFERS",
    "FX",
    "INFLUENCERS",
    "KIT",
    "LATE_DELIVERY",
    "LOSS",
    "LTV_MONTHS",
    "MARKETING_SPEND",
    "MARKETS",
    "NEW_CUSTOMERS",
    "OFFERS",
    "PACKAGING",
    "PAYOUTS",
    "PRODUCTS",
    "PROMISED_DAYS",
    "QUARTER",
    "REPEATS",
    "RESTOCK_CARTONS",
    "RETURNS",
    "RFM_SCORING",
    "SEA_FREIGHT",
    "SITE_FEES",
    "SOCIAL_Q4",
    "SOURCE",
    "STRIPE_PAYOUTS",
    "TARIFFS",
    "THREE_PL",
    "UTENSILS",
    "VAT",
    "WRAPS",
    "CaseB",
    "Customers",
    "Direct",
    "Market",
    "Offer",
    "Product",
    "campaign_orders",
    "check_market",
    "delivery_options",
    "direct_parcel",
    "goods_price",
    "opening_stock",
    "order_history",
    "placements",
    "quarter_ledger",
    "restock",
    "restock_orders",
    "run",
    "unit_volumes",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
