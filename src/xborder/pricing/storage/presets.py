r"""Amazon US storage fees as dated, sourced presets: examples, never live truth.

* The **monthly storage fee** per cubic foot is read from Amazon's own page
  "2024 FBA monthly inventory storage fee and aged inventory surcharge
  changes" (the table for "April 1, 2024, and after"): standard-size
  \$0.78 January to September and \$2.40 October to December; large bulky and
  extra-large \$0.56 and \$1.40.
* The **aged-inventory surcharge** bands, effective 15 April 2023, are read
  from a third-party summary of Amazon's announcement (secondary, so
  illustrative): \$0.50 to \$4.20 per cubic foot from 181 to 365 days, then
  the greater of \$6.90 per cubic foot or \$0.15 per unit. The 181–270-day
  bands exempt clothing, shoes, bags, jewellery and watches. Amazon's 2024
  page announces further changes to the surcharge whose figures xborder could
  not confirm, so check the current bands before relying on these.
* No **storage utilisation surcharge** preset: its rates could not be sourced
  (see :class:`~xborder.pricing.storage.UtilisationSurcharge`).

Check a preset's window with :func:`in_force`.

Examples:
    >>> import datetime as dt
    >>> rate = in_force(AMAZON_US_MONTHLY_STORAGE_STANDARD, dt.date(2026, 11, 2))
    >>> str(rate.rate_in(11)), str(rate.rate_in(4))
    ('2.40 USD', '0.78 USD')
    >>> AMAZON_US_AGED_INVENTORY_SURCHARGE.band_for(200).label
    '181–210 days'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from xborder._guard import guard_public
from xborder.dated import Validity
from xborder.errors import InvalidTypeError
from xborder.money import Money
from xborder.pricing._common import check_window
from xborder.pricing.storage._models import (
    CUBIC_FOOT,
    AgedBand,
    AgedInventorySurcharge,
    StorageRate,
    StorageSchedule,
)

__all__ = [
    "AGED_SURCHARGE_PAGE",
    "ALL",
    "AMAZON_US_AGED_INVENTORY_SURCHARGE",
    "AMAZON_US_MONTHLY_STORAGE_LARGE_BULKY",
    "AMAZON_US_MONTHLY_STORAGE_STANDARD",
    "AMAZON_US_STORAGE_LARGE_BULKY",
    "AMAZON_US_STORAGE_STANDARD",
    "STORAGE_FEE_PAGE",
    "in_force",
]

if TYPE_CHECKING:
    import datetime as dt

_VERIFY = "Verify on the live fee page before pricing with it."

STORAGE_FEE_PAGE = (
    "https://sellercentral.amazon.com/help/hub/reference/external/GJ9NNG7RK4TU6E3Z"
)
AGED_SURCHARGE_PAGE = (
    "https://simple-agency.com.ua/the-amazon-monthly-storage-fee-aged-inventory-"
    "surcharge-and-fba-capacity-limits-have-been-changed-in-2023/"
)

_MONTHLY_WINDOW = Validity(
    valid_from="2024-04-01",
    valid_to=None,
    source=STORAGE_FEE_PAGE,
    note=(
        "Amazon's '2024 FBA monthly inventory storage fee and aged inventory "
        "surcharge changes', table 'April 1, 2024, and after'; charged on the "
        "daily average volume (sellercentral help 200612770). Later changes "
        f"are unknown to xborder; third-party pages from 2026 disagree. {_VERIFY}"
    ),
)


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


AMAZON_US_MONTHLY_STORAGE_STANDARD = StorageRate(
    size_tier="Standard-size",
    unit=CUBIC_FOOT,
    off_peak=_usd("0.78"),
    peak=_usd("2.40"),
    validity=_MONTHLY_WINDOW,
)
"""Amazon.com FBA monthly storage, standard-size: \\$0.78 per cu ft, \\$2.40 at peak."""

AMAZON_US_MONTHLY_STORAGE_LARGE_BULKY = StorageRate(
    size_tier="Large bulky and extra-large",
    unit=CUBIC_FOOT,
    off_peak=_usd("0.56"),
    peak=_usd("1.40"),
    validity=_MONTHLY_WINDOW,
)
"""Amazon.com FBA monthly storage, large bulky and extra-large: \\$0.56, \\$1.40."""

_APPAREL_AND_JEWELLERY = ("Clothing", "Shoes", "Bags", "Jewelry", "Watches")


def _band(low: int, high: int | None, rate: str, *, exempt: bool) -> AgedBand:
    return AgedBand(
        from_day=low,
        to_day=high,
        rate=_usd(rate),
        exempt_categories=_APPAREL_AND_JEWELLERY if exempt else (),
    )


AMAZON_US_AGED_INVENTORY_SURCHARGE = AgedInventorySurcharge(
    unit=CUBIC_FOOT,
    bands=(
        _band(181, 210, "0.50", exempt=True),
        _band(211, 240, "1.00", exempt=True),
        _band(241, 270, "1.50", exempt=True),
        _band(271, 300, "3.80", exempt=False),
        _band(301, 330, "4.00", exempt=False),
        _band(331, 365, "4.20", exempt=False),
        AgedBand(from_day=366, rate=_usd("6.90"), per_unit_minimum=_usd("0.15")),
    ),
    snapshot_day=15,
    validity=Validity(
        valid_from="2023-04-15",
        valid_to=None,
        source=AGED_SURCHARGE_PAGE,
        note=(
            "Illustrative example, not live truth: a third-party summary of "
            "Amazon's announcement. Assessed on a snapshot on the 15th of each "
            "month, age counted first-in first-out across the network (Amazon "
            "email of 2024-04-10). The source's last band reads '365 days or "
            "more'; here day 365 stays in the 331–365 band. The 181–270-day "
            "bands exclude Clothing, Shoes, Bags, Jewelry and Watches. Amazon "
            "announced changes in 2024 whose figures are unconfirmed. " + _VERIFY
        ),
    ),
)
"""Amazon.com aged-inventory surcharge from 15 April 2023 (illustrative, secondary)."""


def _schedule(name: str, monthly: StorageRate) -> StorageSchedule:
    return StorageSchedule(
        name=name,
        monthly=monthly,
        aged=AMAZON_US_AGED_INVENTORY_SURCHARGE,
        validity=Validity(
            valid_from="2024-04-01",
            valid_to=None,
            source=STORAGE_FEE_PAGE,
            note=(
                "Illustrative example, not live truth: the monthly fee from "
                f"{STORAGE_FEE_PAGE} (from 1 April 2024) with the aged-inventory "
                f"surcharge bands of 15 April 2023 from {AGED_SURCHARGE_PAGE} "
                "(secondary). No storage utilisation surcharge. " + _VERIFY
            ),
        ),
        illustrative=True,
    )


AMAZON_US_STORAGE_STANDARD = _schedule(
    "Amazon.com FBA storage, standard-size (illustrative)",
    AMAZON_US_MONTHLY_STORAGE_STANDARD,
)
"""The standard-size monthly fee with the aged-inventory surcharge."""

AMAZON_US_STORAGE_LARGE_BULKY = _schedule(
    "Amazon.com FBA storage, large bulky and extra-large (illustrative)",
    AMAZON_US_MONTHLY_STORAGE_LARGE_BULKY,
)
"""The large bulky and extra-large monthly fee with the aged-inventory surcharge."""

ALL: tuple[StorageRate | AgedInventorySurcharge | StorageSchedule, ...] = (
    AMAZON_US_MONTHLY_STORAGE_STANDARD,
    AMAZON_US_MONTHLY_STORAGE_LARGE_BULKY,
    AMAZON_US_AGED_INVENTORY_SURCHARGE,
    AMAZON_US_STORAGE_STANDARD,
    AMAZON_US_STORAGE_LARGE_BULKY,
)
"""Every storage preset, for listing and testing."""


_P = TypeVar("_P", bound=StorageRate | AgedInventorySurcharge | StorageSchedule)


def in_force(preset: _P, as_of: dt.date, *, allow_out_of_window: bool = False) -> _P:
    """Return ``preset`` if its window covers ``as_of``; refuse it otherwise.

    :func:`~xborder.dated.check_in_force` for storage rates, surcharges and
    schedules, whose ``validity`` is optional (your own need none).

    Raises:
        RuleNotApplicableError: ``as_of`` is outside the preset's window and
            ``allow_out_of_window`` is false.
        InvalidInputError: The preset has no validity window.
        InvalidTypeError: ``preset`` is not a storage rate, surcharge or schedule.

    Examples:
        >>> import datetime as dt
        >>> in_force(AMAZON_US_STORAGE_STANDARD, dt.date(2024, 3, 31))
        Traceback (most recent call last):
        ...
        xborder.errors.RuleNotApplicableError: as_of: expected a day in the rule's ...
    """
    if not isinstance(preset, StorageRate | AgedInventorySurcharge | StorageSchedule):
        raise InvalidTypeError(
            field="preset",
            value=preset,
            expected="a StorageRate, AgedInventorySurcharge or StorageSchedule",
        )
    check_window(preset, preset.validity, as_of, allow_out_of_window)
    return preset


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
