r"""Illustrative presets: eBay, Etsy, Walmart, TikTok, Shopee, Amazon, Mercado Livre.

Like :mod:`xborder.pricing.presets`, every schedule here is an *example*
with a source and a date (:class:`~xborder.dated.Validity`): the date from
which its page shows the fee (a lower bound), no known end, "illustrative"
in its name and note. Check the date with
:func:`~xborder.pricing.presets.in_force` and price with your own account's
fees. Fulfilment and storage depend on the SKU: add them with
:meth:`~xborder.pricing.FeeSchedule.with_unit_fees`.

What each channel's shape teaches:

* eBay charges a percentage of the order total *with* shipping and sales
  tax, plus a fee per order (US from 15 March 2024: \$0.30 up to \$10,
  \$0.40 above); UK private sellers pay 10% capped at £250 an item;
* Etsy charges a transaction fee (6.5%), a listing fee per sale (\$0.20),
  payment processing per order (US: 3% + \$0.25) and, on orders an
  Offsite Ad is credited with, 15% or 12% capped at \$100;
* Walmart charges a referral percentage by contract category, no minimum;
* TikTok Shop US charges 6% of what the customer pays less tax;
* Amazon's UK percentages include the Digital Services Tax uplift and its
  fees are quoted without VAT: a seller not registered for UK VAT pays it
  on top (add :data:`UK_VAT_ON_FEES`);
* Mercado Livre Brasil charges its category percentage plus a fixed cost
  per unit sold below R\$79, by price band (:func:`mercado_livre_br`).

Not shipped, because no source could be found with a date: AliExpress
commissions (no page, official or secondary, in the research behind
xborder), Mercado Libre México's rates, Mercado Livre's category
percentages (give yours to :func:`mercado_livre_br`), eBay US and UK
category rates (the 13.6% headline is unconfirmed), Shopee's category
commissions (2–6%), Etsy's processing rates outside the US.

Examples:
    >>> from xborder.money import Money
    >>> fee = EBAY_UK_PRIVATE_SELLER.referral.fee(Money("3000.00", "GBP"))
    >>> str(fee)
    '250.00 GBP'
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._guard import guard_public
from xborder._validate import require, to_decimal
from xborder.dated import Validity
from xborder.money import Money
from xborder.pricing._common import instance, percent
from xborder.pricing.fees import FeeSchedule, FixedAmount
from xborder.pricing.payment import PaymentFee
from xborder.pricing.presets import _AMAZON_US_WINDOW
from xborder.pricing.referral import RateBand, ReferralFee, TierMode, VatBasis
from xborder.pricing.shapes import AttributedFee, FeeTax, OrderFee, OrderFeeTier

if TYPE_CHECKING:
    from xborder._validate import DecimalInput

__all__ = [
    "ALL",
    "AMAZON_DE_BEAUTY",
    "AMAZON_JP_ELECTRONICS",
    "AMAZON_UK_HOME_AND_KITCHEN",
    "AMAZON_US_AUTOMOTIVE",
    "AMAZON_US_CLOTHING",
    "AMAZON_US_COMPACT_APPLIANCES",
    "AMAZON_US_CONSUMER_ELECTRONICS",
    "EBAY_UK_PRIVATE_SELLER",
    "EBAY_US_PER_ORDER",
    "ETSY_OFFSITE_ADS_12",
    "ETSY_OFFSITE_ADS_15",
    "ETSY_US",
    "SHOPEE_SG_TRANSACTION",
    "TIKTOK_SHOP_US",
    "UK_VAT_ON_FEES",
    "WALMART_US_APPAREL",
    "WALMART_US_AUTOMOTIVE",
    "WALMART_US_BEAUTY",
    "mercado_livre_br",
    "with_offsite_ads",
]

_VERIFY = "Verify on the live fee page before pricing with it."


def _window(valid_from: str, source: str, note: str) -> Validity:
    return Validity(
        valid_from=valid_from,
        valid_to=None,
        source=source,
        note=f"Illustrative example, not live truth. {note} {_VERIFY}",
    )


def _flat(category: str, rate: str, basis: VatBasis, **kwargs: Money) -> ReferralFee:
    return ReferralFee.flat(rate, basis=basis, category=category, **kwargs)


# -- Amazon -------------------------------------------------------------------------

_USD_MIN = Money("0.30", "USD")


def _amazon_us(category: str, fee: ReferralFee) -> FeeSchedule:
    return FeeSchedule(
        name=f"Amazon.com, {category} (illustrative)",
        currency="USD",
        referral=fee,
        validity=_AMAZON_US_WINDOW,
        illustrative=True,
    )


AMAZON_US_AUTOMOTIVE = _amazon_us(
    "Automotive", _flat("Automotive", "0.12", VatBasis.EXCLUSIVE, minimum=_USD_MIN)
)
"""Amazon.com Automotive and Powersports: 12%, minimum \\$0.30."""

AMAZON_US_CLOTHING = _amazon_us(
    "Clothing", _flat("Clothing", "0.17", VatBasis.EXCLUSIVE, minimum=_USD_MIN)
)
"""Amazon.com Clothing and Accessories: 17%, minimum \\$0.30 (the copy's flat rate)."""

AMAZON_US_CONSUMER_ELECTRONICS = _amazon_us(
    "Consumer Electronics",
    _flat("Consumer Electronics", "0.08", VatBasis.EXCLUSIVE, minimum=_USD_MIN),
)
"""Amazon.com Consumer Electronics: 8%, minimum \\$0.30."""

AMAZON_US_COMPACT_APPLIANCES = _amazon_us(
    "Compact Appliances",
    ReferralFee(
        category="Compact Appliances",
        bands=(
            RateBand(rate="0.15", up_to=Money("300.00", "USD")),
            RateBand(rate="0.08"),
        ),
        mode=TierMode.MARGINAL,
        minimum=_USD_MIN,
        basis=VatBasis.EXCLUSIVE,
    ),
)
"""Amazon.com Compact Appliances: 15% of the portion up to \\$300, 8% above."""

AMAZON_UK_HOME_AND_KITCHEN = FeeSchedule(
    name="Amazon.co.uk, Home & Kitchen (illustrative)",
    currency="GBP",
    referral=_flat(
        "Home & Kitchen", "0.153", VatBasis.INCLUSIVE, minimum=Money("0.25", "GBP")
    ),
    validity=_window(
        "2020-09-01",
        "https://sellercentral.amazon.de/gp/help/external/GH78LW99F4XF3Z38",
        "Amazon's UK fee schedule 'effective September 1, 2020' (UK section of "
        "this page): 15.3%, the Digital Services Tax uplift included (15% × "
        "1.02); minimum £0.25; all fees VAT-exclusive, so a seller not "
        "registered for UK VAT pays 20% on top (UK_VAT_ON_FEES). Whether "
        "today's rates still carry the uplift is unconfirmed. Charged on the "
        "total sales price including VAT, as Amazon's European stores charge it.",
    ),
    illustrative=True,
)
"""Amazon.co.uk Home & Kitchen: 15.3% (DST uplift in it), minimum £0.25, fees ex-VAT."""

AMAZON_DE_BEAUTY = FeeSchedule(
    name="Amazon.de, Schönheit und Drogerie (illustrative)",
    currency="EUR",
    referral=ReferralFee(
        category="Beauty and Drugstore",
        bands=(
            RateBand(rate="0.08", up_to=Money("10.00", "EUR")),
            RateBand(rate="0.15"),
        ),
        mode=TierMode.WHOLE,
        minimum=Money("0.30", "EUR"),
        basis=VatBasis.INCLUSIVE,
    ),
    validity=_window(
        "2019-06-05",
        "https://www.onlinehaendler-news.de/themen/marktplaetze/"
        "130817-amazon-fuehrt-mindestverkaufsgebuehr-ein",
        "From 5 June 2019 (onlinehaendler-news.de, third party): 8% of the "
        "whole price up to €10, 15% above, minimum €0.30; on the total sales "
        "price including VAT (sellercentral.amazon.de help 200336920). The "
        "current table is unconfirmed.",
    ),
    illustrative=True,
)
"""Amazon.de Beauty: 8% of the whole VAT-inclusive price up to €10, 15% above."""

AMAZON_JP_ELECTRONICS = FeeSchedule(
    name="Amazon.co.jp, Electronics, Camera and PC (illustrative)",
    currency="JPY",
    referral=_flat(
        "Electronics, Camera and PC",
        "0.08",
        VatBasis.INCLUSIVE,
        minimum=Money(30, "JPY"),
    ),
    validity=_window(
        "2025-01-01",
        "https://sell.amazon.co.jp/pricing.html",
        "Amazon Japan's pricing page (official, undated; read in 2025 or later): "
        "8%, minimum ¥30. Japanese shelf prices include consumption tax; the "
        "page does not say whether the percentage is of the price with tax, "
        "taken here as the price the buyer pays.",
    ),
    illustrative=True,
)
"""Amazon.co.jp Electronics, Camera and PC: 8%, minimum ¥30."""

UK_VAT_ON_FEES = FeeTax(
    label="VAT on fees",
    rate="0.20",
    source="https://sellercentral.amazon.de/gp/help/external/GH78LW99F4XF3Z38",
)
"""20% UK VAT on a channel's fees, for a seller not registered for UK VAT.

Amazon.co.uk, eBay UK business and Etsy quote their fees without VAT."""

# -- eBay ---------------------------------------------------------------------------

_EBAY_US_2024 = (
    "https://www.ebay.com/sellercenter/resources/seller-updates/2024-winter/financials"
)

EBAY_US_PER_ORDER = FeeSchedule(
    name="eBay.com, per-order fee from 15 March 2024 (illustrative)",
    currency="USD",
    per_order=(
        OrderFee(
            label="Per-order fee",
            tiers=(
                OrderFeeTier(amount=Money("0.30", "USD"), up_to=Money("10.00", "USD")),
                OrderFeeTier(amount=Money("0.40", "USD")),
            ),
            source=_EBAY_US_2024,
        ),
    ),
    validity=_window(
        "2024-03-15",
        _EBAY_US_2024,
        "eBay Seller Center, 2024 winter update (read from a proxied copy of the "
        "official text): $0.40 per order over $10, $0.30 for $10 or less; the "
        "order total includes item, handling, shipping and sales tax. The "
        "category percentage (final value fee) is not included: add your "
        "category's rate as the referral fee, on the price with tax "
        "(VatBasis.INCLUSIVE).",
    ),
    illustrative=True,
)
"""eBay.com's per-order fee: \\$0.30 for an order of \\$10 or less, \\$0.40 above."""

EBAY_UK_PRIVATE_SELLER = FeeSchedule(
    name="eBay.co.uk, private seller (illustrative)",
    currency="GBP",
    referral=_flat(
        "Private seller final value fee",
        "0.10",
        VatBasis.INCLUSIVE,
        maximum=Money("250.00", "GBP"),
    ),
    validity=_window(
        "2023-01-01",
        "https://www.ebay.co.uk/help/selling/fees-credits-invoices/"
        "fees-private-sellers?id=4364",
        "eBay UK help 4364 (official; the variant for payments not managed by "
        "eBay, undated, read for this example in 2023 or later): 10% of the "
        "final value including taxes and postage, at most £250 per item. "
        "Whether eBay UK removed private sellers' fees in 2024 is unconfirmed.",
    ),
    illustrative=True,
)
"""eBay.co.uk private sellers: 10% of the total with postage and tax, at most £250."""

# -- Etsy ---------------------------------------------------------------------------

_ETSY_WISE = "https://wise.com/us/blog/how-much-does-etsy-take-per-sale"

ETSY_US = FeeSchedule(
    name="Etsy US (illustrative)",
    currency="USD",
    referral=_flat("Transaction fee", "0.065", VatBasis.EXCLUSIVE),
    fixed=(
        FixedAmount(
            label="Listing fee",
            amount=Money("0.20", "USD"),
            source="https://freestyletravelshop.com/blog/understanding-etsy-fees",
        ),
    ),
    payment=PaymentFee(name="Etsy Payments (US)", rate="0.03", fixed=Money(0, "USD")),
    per_order=(
        OrderFee.flat(
            "Payment processing (per order)", Money("0.25", "USD"), _ETSY_WISE
        ),
    ),
    validity=_window(
        "2023-01-01",
        _ETSY_WISE,
        "wise.com (third party, 2023): transaction fee 6.5% of the sale price "
        "including shipping and gift wrap; US processing 3% + $0.25 per order; "
        "a $0.20 listing fee renewed on each sale of a multi-quantity listing "
        "(freestyletravelshop.com). Etsy's policy says its fees exclude VAT. "
        "Shipping the buyer pays is not modelled separately: fold it into the "
        "price to put it in the fee base.",
    ),
    illustrative=True,
)
"""Etsy US: 6.5% transaction fee, \\$0.20 listing fee, 3% + \\$0.25 per order."""

_OFFSITE = "https://www.geeky-gadgets.com/new-etsy-advertising-policy-02-03-2020/"


def _offsite(rate: str) -> AttributedFee:
    return AttributedFee(
        label="Offsite Ads fee",
        rate=rate,
        share=1,
        basis=VatBasis.EXCLUSIVE,
        maximum=Money("100.00", "USD"),
        source=_OFFSITE,
    )


ETSY_OFFSITE_ADS_15 = _offsite("0.15")
"""Etsy Offsite Ads below \\$10,000 of yearly sales: 15%, at most \\$100 an order.

Etsy's terms as quoted by geeky-gadgets.com (2020) and still current per
bengago.com (2026), both third party. ``share`` is 1 (every order): set your
own attributed share with :func:`with_offsite_ads`."""

ETSY_OFFSITE_ADS_12 = _offsite("0.12")
"""Etsy Offsite Ads from \\$10,000 of yearly sales: 12%, at most \\$100 an order."""


def with_offsite_ads(
    schedule: FeeSchedule, fee: AttributedFee, share: DecimalInput
) -> FeeSchedule:
    """``schedule`` with ``fee`` charged on a ``share`` of its orders.

    Examples:
        >>> etsy = with_offsite_ads(ETSY_US, ETSY_OFFSITE_ADS_15, "0.1")
        >>> etsy.attributed.share
        Decimal('0.1')

    Raises:
        InvalidTypeError: ``schedule`` or ``fee`` is not what it names.
        InvalidInputError: ``share`` is not a fraction in [0, 1].
    """
    instance(schedule, FeeSchedule, "schedule", "a FeeSchedule")
    instance(fee, AttributedFee, "fee", "an AttributedFee")
    return attrs.evolve(schedule, attributed=attrs.evolve(fee, share=share))


# -- Walmart, TikTok Shop, Shopee ---------------------------------------------------

_WALMART = _window(
    "2025-03-25",
    "https://marketplacelearn.walmart.com/guides/Getting%20started/Onboarding/"
    "Referral-fee-schedule-for-contract-categories",
    "Walmart Marketplace Learn, 'Referral fee schedule for contract categories' "
    "(official, 'Last updated Mar 25, 2025'): a percentage of the gross sales "
    "of each item by contract category; no per-item minimum (third party). "
    "Whether the base includes tax and shipping is disputed; taken here "
    "without tax.",
)


def _walmart(category: str, fee: ReferralFee) -> FeeSchedule:
    return FeeSchedule(
        name=f"Walmart Marketplace, {category} (illustrative)",
        currency="USD",
        referral=fee,
        validity=_WALMART,
        illustrative=True,
    )


WALMART_US_APPAREL = _walmart(
    "Apparel & Accessories",
    ReferralFee(
        category="Apparel & Accessories",
        bands=(
            RateBand(rate="0.05", up_to=Money("15.00", "USD")),
            RateBand(rate="0.10", up_to=Money("20.00", "USD")),
            RateBand(rate="0.15"),
        ),
        mode=TierMode.WHOLE,
        basis=VatBasis.EXCLUSIVE,
    ),
)
"""Walmart Apparel: 5% of the whole price up to \\$15, 10% to \\$20, 15% above."""

WALMART_US_AUTOMOTIVE = _walmart(
    "Automotive & Powersports", _flat("Automotive", "0.12", VatBasis.EXCLUSIVE)
)
"""Walmart Automotive & Powersports: 12%."""

WALMART_US_BEAUTY = _walmart(
    "Baby, Beauty, Health & Personal Care",
    ReferralFee(
        category="Baby, Beauty, Health & Personal Care",
        bands=(
            RateBand(rate="0.08", up_to=Money("10.00", "USD")),
            RateBand(rate="0.15"),
        ),
        mode=TierMode.WHOLE,
        basis=VatBasis.EXCLUSIVE,
    ),
)
"""Walmart Baby and Beauty: 8% of the whole price up to \\$10, 15% above."""

TIKTOK_SHOP_US = FeeSchedule(
    name="TikTok Shop US (illustrative)",
    currency="USD",
    referral=_flat("Referral fee", "0.06", VatBasis.EXCLUSIVE),
    validity=_window(
        "2024-04-01",
        "https://seller-us.tiktok.com/university/essay?knowledge_id=5982454398175018",
        "TikTok Shop Academy (official): 6% per order from 1 April 2024, on the "
        "customer payment plus platform discount, less tax. Third-party reports "
        "of 8% from July 2024 disagree and are unconfirmed.",
    ),
    illustrative=True,
)
"""TikTok Shop US: 6% of the customer payment plus platform discount, less tax."""

SHOPEE_SG_TRANSACTION = FeeSchedule(
    name="Shopee Singapore, transaction fee (illustrative)",
    currency="SGD",
    payment=PaymentFee(
        name="Shopee transaction fee", rate="0.0218", fixed=Money(0, "SGD")
    ),
    validity=_window(
        "2026-01-09",
        "https://www.getonecart.com/shopee-seller-fees",
        "getonecart.com (third party, 9 January 2026): transaction fee 2.18%; "
        "commission 2-6% by category and optional programme fees 3-5% are not "
        "included (add your category's commission as the referral fee).",
    ),
    illustrative=True,
)
"""Shopee Singapore's transaction fee, 2.18%; add your commission as the referral."""

# -- Mercado Livre -------------------------------------------------------------------

_ML_BR_SOURCE = "https://ecommercezeiros.blog/2026/01/31/novas-taxas-mercado-livre-2026"

_ML_BR = _window(
    "2026-03-02",
    _ML_BR_SOURCE,
    "ecommercezeiros.blog (third party, 31 January 2026): from 2 March 2026 a "
    "fixed cost per unit sold below R$79, on top of the category percentage: "
    "at most 50% of the price up to R$12.50 (R$10 pays R$5), R$6.25 from "
    "R$12.51 to R$29.00, R$6.50 from R$29.01 to R$50.00, R$6.75 from R$50.01 "
    "to R$78.99; webco.joaovmoreira.com (third party, undated) quotes the same "
    "R$6.25/6.50/6.75 bands from Mercado Livre's help page and the category "
    "percentages: Clássico 10-14%, Premium 15-19% (Premium funds interest-free "
    "instalments). Mercado Livre's developer docs (official, updated 6 March "
    "2026, 'Custos por vender') say that from 2 March 2026 the fixed fee also "
    "depends on the seller's logistics type: this is the price-band table "
    "alone. On the price the buyer pays, taxes in it.",
)

_ML_BR_LISTINGS = ("Clássico", "Premium")


def _ml_band(rate: Decimal, up_to: str, fixed: str | None) -> RateBand:
    amount = None if fixed is None else Money(fixed, "BRL")
    return RateBand(rate=rate, up_to=Money(up_to, "BRL"), fixed=amount)


def mercado_livre_br(rate: DecimalInput, *, listing: str = "Clássico") -> FeeSchedule:
    r"""Mercado Livre Brasil's selling fee at your category's ``rate`` (illustrative).

    The *tarifa de venda* is the category percentage for the listing type
    plus a fixed cost per unit sold below R\$79, by the unit's price, from
    2 March 2026 (ecommercezeiros.blog, third party, 31 January 2026; the
    schedule's validity note has the sources):

    | price per unit            | fee per unit                |
    |---------------------------|-----------------------------|
    | up to R\$12.50            | rate × price + 50% × price  |
    | R\$12.51 to R\$29.00      | rate × price + R\$6.25      |
    | R\$29.01 to R\$50.00      | rate × price + R\$6.50      |
    | R\$50.01 to R\$78.99      | rate × price + R\$6.75      |
    | R\$79.00 and above        | rate × price                |

    "At most half the price" up to R\$12.50 is half the price there, so the
    first band's rate is ``rate + 0.5``. Category percentages are not
    shipped (no dated table was found): Clássico is 10–14% and Premium
    15–19% by category (third party, undated); read yours in your account.

    Args:
        rate: Your category's percentage for the listing type, as a fraction
            in [0, 0.5] (``"0.14"``).
        listing: ``"Clássico"`` or ``"Premium"``: names the schedule only.

    Raises:
        InvalidInputError: ``rate`` is not a fraction in [0, 0.5], or
            ``listing`` is neither listing type.
        InvalidTypeError: ``rate`` is not a Decimal, int or numeric str.

    Examples:
        >>> from xborder.money import Money
        >>> ml = mercado_livre_br("0.14")
        >>> str(ml.referral.fee(Money("40.00", "BRL")))
        '12.1000 BRL'
        >>> str(ml.referral.fee(Money("10.00", "BRL")))
        '6.4000 BRL'
    """
    share = to_decimal(rate, field="rate")
    require(
        0 <= share <= _HALF,
        field="rate",
        value=rate,
        expected="a category percentage in [0, 0.5]",
    )
    require(
        isinstance(listing, str) and listing in _ML_BR_LISTINGS,
        field="listing",
        value=listing,
        expected="'Clássico' or 'Premium'",
    )
    referral = ReferralFee(
        category=f"Mercado Livre {listing}, tarifa de venda",
        bands=(
            _ml_band(share + _HALF, "12.50", None),
            _ml_band(share, "29.00", "6.25"),
            _ml_band(share, "50.00", "6.50"),
            _ml_band(share, "78.99", "6.75"),
            RateBand(rate=share),
        ),
        mode=TierMode.WHOLE,
        basis=VatBasis.INCLUSIVE,
    )
    return FeeSchedule(
        name=f"Mercado Livre Brasil, {listing} at {percent(share)} (illustrative)",
        currency="BRL",
        referral=referral,
        validity=_ML_BR,
        illustrative=True,
    )


_HALF = Decimal("0.5")

ALL: tuple[FeeSchedule, ...] = (
    AMAZON_US_AUTOMOTIVE,
    AMAZON_US_CLOTHING,
    AMAZON_US_CONSUMER_ELECTRONICS,
    AMAZON_US_COMPACT_APPLIANCES,
    AMAZON_UK_HOME_AND_KITCHEN,
    AMAZON_DE_BEAUTY,
    AMAZON_JP_ELECTRONICS,
    EBAY_US_PER_ORDER,
    EBAY_UK_PRIVATE_SELLER,
    ETSY_US,
    WALMART_US_APPAREL,
    WALMART_US_AUTOMOTIVE,
    WALMART_US_BEAUTY,
    TIKTOK_SHOP_US,
    SHOPEE_SG_TRANSACTION,
)
"""Every marketplace schedule here, for listing and testing."""


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
