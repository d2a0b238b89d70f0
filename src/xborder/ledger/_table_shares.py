"""Ads and storage shared among SKUs, on columns, for the P&L table (private).

The rules are :mod:`xborder.ledger._assemble`'s: ads of a mapped campaign
go to the campaign's SKUs by their revenue on the channel in the period
(equally if none sold); account-level storage goes to SKUs by the storage
basis, and stays on the account's row with nothing to share on. Shares are
:func:`xborder.money.allocate`'s largest remainder, on integers: each part
is floor(units × w / W) steps, then the steps still missing go one each to
the largest remainders, ties to the earlier part.

Every frame here has ``sku`` and ``channel`` as ranks by name
(:mod:`xborder.ledger._table_keys`) and amounts as counts of ``10**-scale``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from xborder._exact import EXACT
from xborder.ledger._kinds import PnlLine, StorageBasis
from xborder.ledger._table_base import INT, ROOM, ROW, Fallback, Scale

if TYPE_CHECKING:
    from xborder.ledger._assemble import Basis
    from xborder.ledger._table_keys import Names

__all__ = ["shared_ads", "shared_storage"]


def shared_ads(
    ads: pl.DataFrame, basis: Basis, names: Names, revenue: pl.DataFrame, scale: Scale
) -> pl.DataFrame:
    """Each mapped campaign's ads (``ads``: channel, start, campaign, amount) shared."""
    # Campaigns as their places in the map: sorting and grouping on integers
    # is several times faster than on text.
    ids = {campaign: index for index, campaign in enumerate(basis.campaigns)}
    campaigns = pl.DataFrame(
        [
            (ids[campaign], names.skus[sku], index)
            for campaign, skus in basis.campaigns.items()
            for index, sku in enumerate(skus)
        ],
        schema={"campaign": pl.Int64, "sku": pl.Int64, "position": pl.Int64},
        orient="row",
    )
    named = {campaign: index for campaign, index in ids.items() if campaign is not None}
    campaign = pl.col("campaign").replace_strict(
        named, default=ids.get(None), return_dtype=pl.Int64
    )
    group = ["channel", "start", "campaign"]
    weight = pl.col("weight").fill_null(0)
    key = names.row_key().alias("key")
    spread = (
        ads.with_columns(campaign)
        .join(campaigns, on="campaign")
        .with_columns(key)
        .join(revenue.select(key, "weight"), on="key", how="left")
        # Every weight zero: an equal split (xborder.ledger._checks.shares).
        .with_columns(
            pl.when(weight.sum().over(group) == 0)
            .then(1)
            .otherwise(weight)
            .cast(INT)
            .alias("weight")
        )
    )
    return _shares(spread, group, scale, PnlLine.ADS)


def shared_storage(
    fees: pl.DataFrame,
    basis: Basis,
    names: Names,
    weights: dict[StorageBasis, pl.DataFrame | None],
    scale: Scale,
) -> pl.DataFrame:
    """Account-level storage (``fees``: channel, start, amount) shared or kept.

    ``weights`` holds, per basis, (channel, start, sku, weight) rows: revenue
    and units sold per row, unit-days per SKU and period (no channel).
    """
    found = _storage_weights(basis, names, weights)
    on = [name for name in ("channel", "start") if name in found.columns]
    group = ["channel", "start"]
    spread = fees.join(found, on=on, how="left").with_columns(
        pl.col("weight").fill_null(0)
    )
    shared = pl.col("weight").sum().over(group) > 0
    kept = spread.filter(~shared).unique(group, maintain_order=True)
    named = spread.filter(shared).with_columns(
        pl.col("sku").rank("ordinal").over(group).cast(pl.Int64).alias("position")
    )
    storage = PnlLine.STORAGE.value
    return pl.concat(
        [
            kept.select(
                pl.lit(None, dtype=pl.Int64).alias("sku"),
                "channel",
                "start",
                pl.col("amount").alias(storage),
            ),
            _shares(named, group, scale, PnlLine.STORAGE),
        ]
    )


def _storage_weights(
    basis: Basis, names: Names, weights: dict[StorageBasis, pl.DataFrame | None]
) -> pl.DataFrame:
    found = weights[basis.storage]
    if found is None:  # no receipts: no stock held, nothing to share on
        return pl.DataFrame(
            schema={
                "channel": pl.Int64,
                "start": pl.Date,
                "sku": pl.Int64,
                "weight": INT,
            }
        )
    if basis.storage is not StorageBasis.UNIT_DAYS:
        return found
    # SKUs with a volume and no receipt hold no stock: they share nothing.
    held = {sku: v for sku, v in basis.volumes.items() if sku in names.skus}
    places = max([0, *(-int(v.as_tuple().exponent) for v in held.values())])
    volumes = pl.DataFrame(
        {
            "sku": [names.skus[sku] for sku in held],
            "volume": [int(v.scaleb(places, context=EXACT)) for v in held.values()],
        },
        schema={"sku": pl.Int64, "volume": INT},
    )
    # Stock is the SKU's, whatever the channel: every channel's fee shares it.
    return found.join(volumes, on="sku", how="left").select(
        "start",
        "sku",
        (pl.col("held") * pl.col("volume").fill_null(10**places)).alias("weight"),
    )


def _shares(
    spread: pl.DataFrame, group: list[str], scale: Scale, line: PnlLine
) -> pl.DataFrame:
    """Each group's amount split by weight, largest remainder (see the module)."""
    # No group's amount x weight exceeds the largest amount x every weight.
    size, weights = spread.select(
        pl.col("amount").abs().max(), pl.col("weight").sum()
    ).row(0)
    bound = (size or 0) * (weights or 0)
    if bound >= ROOM:
        raise Fallback
    number = pl.Int64 if bound < 2**62 else INT  # Int64 sorts and divides faster
    amount = pl.col("amount")
    # The step: the minor unit, or the amount's last digit if it is finer.
    step = pl.lit(1, dtype=number)
    for places in range(1, scale.amounts - scale.minor + 1):
        step = pl.when(amount % 10**places == 0).then(10**places).otherwise(step)
    units = pl.col("units")
    whole = units * pl.col("weight")
    total = pl.col("weight").sum().over(group)
    counted = (
        spread.lazy()
        .with_columns(amount.cast(number), pl.col("weight").cast(number))
        .with_columns(step.cast(number).alias("step"))
        .with_columns((amount.abs() // pl.col("step")).alias("units"))
        .with_columns(
            (whole // total).alias("share"), (whole % total).alias("remainder")
        )
        .sort(
            [*group, "remainder", "position"],
            descending=[False] * len(group) + [True, False],
        )
        .with_columns(
            (units - pl.col("share").sum().over(group)).alias("missing"),
            pl.int_range(1, pl.len() + 1).over(group).alias("rank"),
        )
    )
    extra = (pl.col("rank") <= pl.col("missing")).cast(number)
    part = amount.sign().cast(number) * (pl.col("share") + extra) * pl.col("step")
    return counted.select(*ROW, part.cast(INT).alias(line.value)).collect()
