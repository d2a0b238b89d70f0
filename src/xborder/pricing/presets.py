"""Illustrative fee presets: worked examples with a source and a date, never live truth.

Marketplaces and processors change fees every year, and xborder fetches
nothing, so these presets are *examples*: each was read from the page its
:class:`~xborder.dated.Validity` names, carries the date from which that
page shows it (a lower bound, not necessarily when the fee was introduced),
has no known end date, and says "Illustrative" in its note and its name.
Use them to learn the shapes and to test; price with the fees in your own
seller account. Check the date with :func:`in_force`.

The marketplace presets carry the referral fee only: the fulfilment and
storage fees depend on the SKU's size and weight, so add them with
:meth:`~xborder.pricing.FeeSchedule.with_unit_fees`.

The refund administration fees (what a marketplace keeps of its referral
fee when a sale is refunded) go in :class:`~xborder.pricing.Returns`.

Not shipped, because the research behind xborder could not anchor them to
a page: Amazon's currency-converter spread and per-market price-ending
habits.

Examples:
    >>> import datetime as dt
    >>> schedule = in_force(AMAZON_US_ELECTRONICS_ACCESSORIES, dt.date(2026, 11, 2))
    >>> schedule.illustrative
    True
    >>> print(schedule.referral.description)
    Electronics Accessories: 15% up to 100.00, 8% above (of the portion in each band),
    minimum 0.30 USD; on the price excluding VAT
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from xborder._guard import guard_public
from xborder.dated import Validity
from xborder.errors import InvalidTypeError
from xborder.money import Money
from xborder.pricing._common import check_window
from xborder.pricing.fees import FeeSchedule
from xborder.pricing.payment import PaymentFee
from xborder.pricing.referral import RateBand, ReferralFee, TierMode, VatBasis
from xborder.pricing.returns import RefundAdministrationFee

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "ALL",
    "AMAZON_DE_ELECTRONICS_ACCESSORIES",
    "AMAZON_EU_CAR_AND_MOTORBIKE_2021",
    "AMAZON_EU_REFUND_ADMINISTRATION_FEE",
    "AMAZON_UK_REFUND_ADMINISTRATION_FEE",
    "AMAZON_US_BEAUTY",
    "AMAZON_US_ELECTRONICS_ACCESSORIES",
    "AMAZON_US_REFUND_ADMINISTRATION_FEE",
    "REFUND_FEES",
    "STRIPE_EEA_CARDS",
    "STRIPE_UK_CARDS",
    "STRIPE_US_CARDS",
    "TIKTOK_SHOP_US_REFUND_ADMINISTRATION_FEE",
    "in_force",
]

_VERIFY = "Verify on the live fee page before pricing with it."

_AMAZON_US_TABLE = (
    "https://help.sellercloud.com/omnichannel-ecommerce/amazon-commisions"
)
_AMAZON_US_NOTE = (
    "Illustrative example, not live truth. Read from a third-party copy of "
    "Amazon's US referral fee table (sellercloud); feedvisor.com's copy "
    "'updated to reflect the most recent 2024 changes' lists the same "
    "category shapes. The window starts at the earliest date those copies "
    "support, not when Amazon introduced the fee. Total sales price "
    "excludes taxes Amazon collects (sellercentral 'How are referral fees "
    f"calculated?'). {_VERIFY}"
)

# Both Amazon.com categories are read from the same dated copies of the table.
_AMAZON_US_WINDOW = Validity(
    valid_from="2024-01-01",
    valid_to=None,
    source=_AMAZON_US_TABLE,
    note=_AMAZON_US_NOTE,
)

AMAZON_US_ELECTRONICS_ACCESSORIES = FeeSchedule(
    name="Amazon.com, Electronics Accessories (illustrative)",
    currency="USD",
    referral=ReferralFee(
        category="Electronics Accessories",
        bands=(
            RateBand(rate="0.15", up_to=Money("100.00", "USD")),
            RateBand(rate="0.08"),
        ),
        mode=TierMode.MARGINAL,
        minimum=Money("0.30", "USD"),
        basis=VatBasis.EXCLUSIVE,
    ),
    validity=_AMAZON_US_WINDOW,
    illustrative=True,
)
"""Amazon.com Electronics Accessories (phone cases, mounts, chargers: sellercentral
help 200998650): 15% of the portion up to \\$100, 8% of the rest, minimum \\$0.30."""

AMAZON_US_BEAUTY = FeeSchedule(
    name="Amazon.com, Beauty, Health and Personal Care (illustrative)",
    currency="USD",
    referral=ReferralFee(
        category="Beauty, Health and Personal Care",
        bands=(
            RateBand(rate="0.08", up_to=Money("10.00", "USD")),
            RateBand(rate="0.15"),
        ),
        mode=TierMode.WHOLE,
        minimum=Money("0.30", "USD"),
        basis=VatBasis.EXCLUSIVE,
    ),
    validity=_AMAZON_US_WINDOW,
    illustrative=True,
)
"""Amazon.com Beauty, Health and Personal Care: 8% of the whole price at \\$10.00 or
less, 15% above, minimum \\$0.30. The fee jumps at \\$10.00 → \\$10.01."""

AMAZON_DE_ELECTRONICS_ACCESSORIES = FeeSchedule(
    name="Amazon.de, Computer und Elektronik-Zubehör (illustrative)",
    currency="EUR",
    referral=ReferralFee(
        category="Computer and Electronics Accessories",
        bands=(
            RateBand(rate="0.15", up_to=Money("100.00", "EUR")),
            RateBand(rate="0.08"),
        ),
        mode=TierMode.MARGINAL,
        basis=VatBasis.INCLUSIVE,
    ),
    validity=Validity(
        valid_from="2020-04-01",
        valid_to=None,
        source="https://amzscoop.com/neue-verkaufsgebuehren-ab-1-april-2020/",
        note=(
            "Illustrative example, not live truth. Tiers from 1 April 2020 "
            "(amzscoop.com: 15% of the portion up to €100, 8% above). Charged on "
            "the total sales price including VAT (sellercentral.amazon.de help "
            "200336920, 'inklusive aller Steuern'). No minimum: a €0.30 minimum was "
            "introduced on 5 June 2019 (onlinehaendler-news.de), and a later copy "
            "of sellercentral.amazon.de 200336920 says the UK, DE, FR, IT and ES "
            "stores no longer charge one; the dates of that change are unknown. "
            + _VERIFY
        ),
    ),
    illustrative=True,
)
"""Amazon.de Computer and Electronics Accessories: 15% of the portion of the
VAT-inclusive price up to €100, 8% of the rest."""

AMAZON_EU_CAR_AND_MOTORBIKE_2021 = FeeSchedule(
    name="Amazon EU, Car & Motorbike, June 2021 (illustrative)",
    currency="EUR",
    referral=ReferralFee(
        category="Car & Motorbike",
        bands=(
            RateBand(rate="0.1545", up_to=Money("50.00", "EUR")),
            RateBand(rate="0.0927"),
        ),
        mode=TierMode.MARGINAL,
        basis=VatBasis.INCLUSIVE,
    ),
    validity=Validity(
        valid_from="2021-06-08",
        valid_to=None,
        source=(
            "https://sellercentral.amazon.fr/gp/help/external/help.html"
            "?itemID=HPVPH58T965XNF9&language=en_FR"
        ),
        note=(
            "Illustrative example, not live truth. Amazon's '2021 Amazon referral "
            "fee changes (Europe)': 15.45% up to and including €50, 9.27% of the "
            "portion above, rates inclusive of digital services tax; its worked "
            "example, €100 → €12.4, is €12.36 before rounding to one decimal. "
            f"{_VERIFY}"
        ),
    ),
    illustrative=True,
)
"""Amazon EU Car & Motorbike from 8 June 2021: 15.45% of the first €50, 9.27% above."""

_STRIPE_NOTE = (
    "Illustrative example, not live truth. Stripe's standard pricing as "
    "summarised by {who}; the window starts when that summary states it, not "
    "when Stripe set it. Surcharges stack on the base rate. " + _VERIFY
)

STRIPE_US_CARDS = PaymentFee(
    name="Stripe US, online cards (illustrative)",
    rate="0.029",
    fixed=Money("0.30", "USD"),
    international_card="0.015",
    currency_conversion="0.01",
    validity=Validity(
        valid_from="2025-01-01",
        valid_to=None,
        source="https://getfreelancecalc.com/stripe-fee-calculator.html",
        note=_STRIPE_NOTE.format(
            who="getfreelancecalc.com ('as of 2025'), fundmore.finance and "
            "utilityforge.pages.dev (reviewed May 2026): 2.9% + $0.30, +1.5% "
            "international card, +1% currency conversion"
        ),
    ),
)
"""Stripe US: 2.9% + \\$0.30; +1.5% for an international card; +1% if converted."""

STRIPE_EEA_CARDS = PaymentFee(
    name="Stripe EEA, standard EEA cards (illustrative)",
    rate="0.015",
    fixed=Money("0.25", "EUR"),
    international_card="0.0175",
    currency_conversion="0.02",
    validity=Validity(
        valid_from="2025-01-01",
        valid_to=None,
        source="https://blog.flipdare.com/prod/stripe/fees/",
        note=_STRIPE_NOTE.format(
            who="blog.flipdare.com and calcmastery.com (undated copies, read for "
            "this example in 2025 or later): 1.5% + €0.25, international cards "
            "+1.75% (3.25% in all), +2% currency conversion"
        ),
    ),
)
"""Stripe EEA: 1.5% + €0.25; international cards 3.25% in all; +2% if converted."""

STRIPE_UK_CARDS = PaymentFee(
    name="Stripe UK, standard UK cards (illustrative)",
    rate="0.015",
    fixed=Money("0.20", "GBP"),
    international_card="0.0175",
    currency_conversion="0.02",
    validity=Validity(
        valid_from="2025-01-01",
        valid_to=None,
        source="https://blog.flipdare.com/prod/stripe/fees/",
        note=_STRIPE_NOTE.format(
            who="blog.flipdare.com and calcmastery.com (undated copies, read for "
            "this example in 2025 or later): 1.5% + £0.20, international cards "
            "+1.75% (3.25% in all), +2% currency conversion"
        ),
    ),
)
"""Stripe UK: 1.5% + £0.20; international cards 3.25% in all; +2% if converted."""

_REFUND_NOTE = (
    "Illustrative example, not live truth. {what} Charged on a full refund "
    "of a product other than books, music, video and DVD; on a partial "
    "refund the referral fee is credited pro rata. The window starts at the "
    "earliest date this example vouches for (an undated help page read in "
    "2025 or later), not when the fee was introduced. " + _VERIFY
)

AMAZON_US_REFUND_ADMINISTRATION_FEE = RefundAdministrationFee(
    share="0.20",
    cap=Money("5.00", "USD"),
    per="unit",
    validity=Validity(
        valid_from="2025-01-01",
        valid_to=None,
        source="https://sellercentral.amazon.com/gp/help/external/GDC3U6FWF4JJJJC7",
        note=_REFUND_NOTE.format(
            what="Amazon.com 'Refund administration fee': per unit returned, "
            "the lesser of $5 or 20% of the referral fee."
        ),
    ),
)
r"""Amazon.com: the lesser of \$5 or 20% of the referral fee, per unit refunded."""

AMAZON_EU_REFUND_ADMINISTRATION_FEE = RefundAdministrationFee(
    share="0.20",
    cap=Money("5.00", "EUR"),
    per="line item",
    validity=Validity(
        valid_from="2025-01-01",
        valid_to=None,
        source=(
            "https://sellercentral.amazon.fr/gp/help/external/help.html"
            "?itemID=200387220&language=en_FR"
        ),
        note=_REFUND_NOTE.format(
            what="Amazon's European stores ('Refund administration fee sample "
            "calculations', the same on .fr, .es, .nl; 'Gebührenabrechnung bei "
            "Gutschriften', itemID 21531): 20% of the order-related fees, at "
            "most €5 per line item; tax is not part of it."
        ),
    ),
)
"""Amazon.de/.fr/.it/.es/.nl: 20% of the referral fee, at most €5 per line item."""

AMAZON_UK_REFUND_ADMINISTRATION_FEE = RefundAdministrationFee(
    share="0.20",
    cap=Money("5.00", "GBP"),
    per="line item",
    validity=Validity(
        valid_from="2025-01-01",
        valid_to=None,
        source=(
            "https://sellercentral.amazon.co.uk/seller-forums/discussions/t/"
            "3e43da0c-1b96-473b-9898-fe57db2e48bb"
        ),
        note=_REFUND_NOTE.format(
            what="Amazon.co.uk, as a seller quotes the help page on Amazon's own "
            "forum (a secondary source): 20% of the order-related fees, at most "
            "£5 per line item."
        ),
    ),
)
"""Amazon.co.uk: 20% of the referral fee, at most £5 per line item."""

TIKTOK_SHOP_US_REFUND_ADMINISTRATION_FEE = RefundAdministrationFee(
    share="0.20",
    cap=Money("5.00", "USD"),
    per="line item",
    validity=Validity(
        valid_from="2025-05-15",
        valid_to=None,
        source=(
            "https://seller-us.tiktok.com/university/essay?"
            "knowledge_id=5982454398175018"
        ),
        note=(
            "Illustrative example, not live truth. TikTok Shop US: 20% of the "
            "referral fee, capped at $5 per SKU of the order (a line item here); "
            "from 15 May 2025 no fee on creator-sample 'buy now refund later' "
            "orders or on auto-cancellations before shipment, the rules this "
            "window starts with. " + _VERIFY
        ),
    ),
)
r"""TikTok Shop US: 20% of the referral fee, at most \$5 per SKU."""

REFUND_FEES: tuple[RefundAdministrationFee, ...] = (
    AMAZON_US_REFUND_ADMINISTRATION_FEE,
    AMAZON_EU_REFUND_ADMINISTRATION_FEE,
    AMAZON_UK_REFUND_ADMINISTRATION_FEE,
    TIKTOK_SHOP_US_REFUND_ADMINISTRATION_FEE,
)
"""Every refund administration fee preset."""

ALL: tuple[FeeSchedule | PaymentFee, ...] = (
    AMAZON_US_ELECTRONICS_ACCESSORIES,
    AMAZON_US_BEAUTY,
    AMAZON_DE_ELECTRONICS_ACCESSORIES,
    AMAZON_EU_CAR_AND_MOTORBIKE_2021,
    STRIPE_US_CARDS,
    STRIPE_EEA_CARDS,
    STRIPE_UK_CARDS,
)
"""Every preset, for listing and testing."""


_P = TypeVar("_P", FeeSchedule, PaymentFee, RefundAdministrationFee)


def in_force(preset: _P, as_of: dt.date, *, allow_out_of_window: bool = False) -> _P:
    """Return ``preset`` if its window covers ``as_of``; refuse it otherwise.

    :func:`~xborder.dated.check_in_force` for schedules and card fees, whose
    ``validity`` is optional (your own schedules need none).

    Raises:
        RuleNotApplicableError: ``as_of`` is outside the preset's window and
            ``allow_out_of_window`` is false.
        InvalidInputError: The schedule has no validity window.
        InvalidTypeError: ``preset`` is not a schedule or card fee, or
            ``allow_out_of_window`` is not a bool.

    Examples:
        >>> import datetime as dt
        >>> in_force(STRIPE_US_CARDS, dt.date(2024, 6, 1))
        Traceback (most recent call last):
        ...
        xborder.errors.RuleNotApplicableError: as_of: expected a day in the rule's ...
    """
    if not isinstance(preset, FeeSchedule | PaymentFee | RefundAdministrationFee):
        raise InvalidTypeError(
            field="preset",
            value=preset,
            expected="a FeeSchedule, PaymentFee or RefundAdministrationFee",
        )
    if not isinstance(allow_out_of_window, bool):
        raise InvalidTypeError(
            field="allow_out_of_window",
            value=allow_out_of_window,
            expected="True or False",
        )
    check_window(preset, preset.validity, as_of, allow_out_of_window)
    return preset


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
