r"""Storage by volume and season: monthly fees, aged and utilisation surcharges.

A marketplace warehouse (Amazon FBA, an overseas 3PL) charges for the
space stock takes, by the month:

* a **monthly fee per unit of volume** (per cubic foot at Amazon US), higher
  in the **peak months**: Amazon's standard-size rate triples from \$0.78 to
  \$2.40 per cubic foot from October to December (:class:`StorageRate`);
* an **aged-inventory surcharge** on units that have sat a long time, by age
  band, read on a snapshot day each month (:class:`AgedInventorySurcharge`,
  :class:`AgedBand`);
* a **storage utilisation surcharge** per unit of volume when the seller
  stores many weeks of supply (:class:`UtilisationSurcharge`,
  :class:`UtilisationBand`; a shape without a preset: its rates are unsourced).

:class:`StorageSchedule` puts one size tier's fees together. The calculators
price a stay month by month, each charge a :class:`StorageLine`, the lines
adding up exactly to a :class:`StorageCost`:

* :func:`storage_cost`: one unit stored from a start date for a stay;
* :func:`batch_storage_cost`: a batch selling down at a steady rate (the
  storage cost of an order quantity);
* :func:`storage_per_unit`: a rounded per-unit fee for
  :meth:`~xborder.pricing.FeeSchedule.with_unit_fees` and unit economics.

Dated, sourced Amazon US presets are in :mod:`xborder.pricing.storage.presets`.

Examples:
    >>> from xborder.money import RoundingMode
    >>> from xborder.pricing.storage import presets, storage_cost
    >>> cost = storage_cost(presets.AMAZON_US_STORAGE_STANDARD,
    ...     volume="1 ft**3", start="2026-09-01", stay="61 days")
    >>> for line in cost.lines:
    ...     print(line)
    2026-09 monthly storage: 0.78 USD (September 2026: 30 unit-days of 30, off-peak
    rate 0.78 USD per cu ft)
    2026-10 monthly storage: 2.40 USD (October 2026: 31 unit-days of 31, peak rate 2.40
    USD per cu ft)
    >>> str(cost.total)
    '3.18 USD'
"""

from xborder._guard import guard_public
from xborder.pricing.storage._calculate import (
    MAX_STAY_DAYS,
    batch_storage_cost,
    storage_cost,
    storage_per_unit,
)
from xborder.pricing.storage._models import (
    CUBIC_FOOT,
    AgedBand,
    AgedInventorySurcharge,
    StorageRate,
    StorageSchedule,
    UtilisationBand,
    UtilisationSurcharge,
)
from xborder.pricing.storage._results import StorageCost, StorageLine, StorageLineKind

__all__ = [
    "CUBIC_FOOT",
    "MAX_STAY_DAYS",
    "AgedBand",
    "AgedInventorySurcharge",
    "StorageCost",
    "StorageLine",
    "StorageLineKind",
    "StorageRate",
    "StorageSchedule",
    "UtilisationBand",
    "UtilisationSurcharge",
    "batch_storage_cost",
    "storage_cost",
    "storage_per_unit",
]


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
