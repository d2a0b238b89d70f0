"""Applying surcharges to a freight amount, in their stated order (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._exact import EXACT
from xborder._validate import date_value
from xborder.errors import RuleNotApplicableError
from xborder.logistics._common import Contents, fmt
from xborder.logistics._limits import size_breaches
from xborder.logistics._surcharges import PERCENT, Surcharge, SurchargeBasis

if TYPE_CHECKING:
    import datetime as dt

    from xborder.logistics._parcel import Destination
    from xborder.logistics._weigh import ChargeableWeight, PieceWeight
    from xborder.money import Currency

__all__ = ["Applied", "applied_surcharges"]

_ZERO = Decimal(0)


@attrs.frozen
class Applied:
    """A surcharge that applied, its amount and how it was computed."""

    surcharge: Surcharge
    amount: Decimal
    detail: str


def applied_surcharges(
    surcharges: tuple[Surcharge, ...],
    *,
    freight: Decimal,
    currency: Currency,
    weight: ChargeableWeight,
    contents: frozenset[Contents],
    destination: Destination,
    as_of: dt.date | None,
) -> list[Applied]:
    """Apply ``surcharges`` in order to a freight amount; skipped ones are left out.

    Raises:
        RuleNotApplicableError: A seasonal surcharge needs ``as_of``.
        CurrencyMismatchError: A surcharge's amount is not in the card's currency.
    """
    applied: list[Applied] = []
    subtotal = freight
    for surcharge in surcharges:
        pieces = _matching_pieces(surcharge, weight, contents, destination, as_of)
        if pieces is None:
            continue
        amount, detail = _amount(surcharge, freight, subtotal, pieces, weight)
        amount, detail = _clamp(surcharge, amount, detail, currency)
        applied.append(Applied(surcharge, amount, detail))
        subtotal = EXACT.add(subtotal, amount)
    return applied


def _matching_pieces(
    surcharge: Surcharge,
    weight: ChargeableWeight,
    contents: frozenset[Contents],
    destination: Destination,
    as_of: dt.date | None,
) -> tuple[PieceWeight, ...] | None:
    """The pieces it applies to, or ``None`` if it does not apply at all."""
    when = surcharge.when
    refused = (
        (when.countries is not None and destination.country not in when.countries)
        or (when.remote_area and not destination.remote_area)
        or (when.residential and not destination.residential)
        or (when.contents and not when.contents & contents)
        or (when.dated and not _in_season(surcharge, as_of))
    )
    if refused:
        return None
    limits = when.oversize
    if limits is None:
        return weight.pieces
    breaching = tuple(
        piece
        for piece in weight.pieces
        if size_breaches(limits, piece.sides_cm, piece.actual_kg)
    )
    return breaching or None


def _in_season(surcharge: Surcharge, as_of: dt.date | None) -> bool:
    when = surcharge.when
    if as_of is None:
        raise RuleNotApplicableError(
            f"the {surcharge.name!r} applies only in a season",
            field="as_of",
            value=None,
            expected="the shipping date",
        )
    day = date_value(as_of)
    return (when.starts is None or when.starts <= day) and (
        when.ends is None or day < when.ends
    )


def _amount(
    surcharge: Surcharge,
    freight: Decimal,
    subtotal: Decimal,
    pieces: tuple[PieceWeight, ...],
    weight: ChargeableWeight,
) -> tuple[Decimal, str]:
    basis = surcharge.basis
    if basis in PERCENT:
        rate = surcharge.rate
        assert rate is not None  # noqa: S101 - checked on construction
        base = freight if basis is SurchargeBasis.PERCENT_OF_FREIGHT else subtotal
        what = "freight" if basis is SurchargeBasis.PERCENT_OF_FREIGHT else "subtotal"
        return EXACT.multiply(base, rate), f"{fmt(rate * 100)}% of {what} {fmt(base)}"
    amount = surcharge.amount
    assert amount is not None  # noqa: S101 - checked on construction
    if basis is SurchargeBasis.PER_SHIPMENT:
        return amount.amount, f"{amount} per shipment"
    if basis is SurchargeBasis.PER_PIECE:
        count = sum(piece.count for piece in pieces)
        return EXACT.multiply(amount.amount, count), f"{count} × {amount} per piece"
    kilograms = _billable_of(pieces, weight)
    return (
        EXACT.multiply(amount.amount, kilograms),
        f"{fmt(kilograms)} kg × {amount} per kg",
    )


def _billable_of(pieces: tuple[PieceWeight, ...], weight: ChargeableWeight) -> Decimal:
    if len(pieces) == len(weight.pieces):
        return weight.billable_kg
    return sum((EXACT.multiply(p.billable_kg, p.count) for p in pieces), _ZERO)


def _clamp(
    surcharge: Surcharge, amount: Decimal, detail: str, currency: Currency
) -> tuple[Decimal, str]:
    for limit in (surcharge.minimum, surcharge.maximum, surcharge.amount):
        if limit is not None and limit.currency != currency:
            from xborder.errors import CurrencyMismatchError  # noqa: PLC0415

            raise CurrencyMismatchError(
                f"surcharge {surcharge.name!r}",
                field="surcharges",
                value=limit,
                expected=f"an amount in the card's currency {currency.code}",
            )
    minimum, maximum = surcharge.minimum, surcharge.maximum
    if minimum is not None and amount < minimum.amount:
        return (
            minimum.amount,
            f"{detail} = {fmt(amount)}, raised to the minimum {minimum}",
        )
    if maximum is not None and amount > maximum.amount:
        return maximum.amount, f"{detail} = {fmt(amount)}, capped at {maximum}"
    return amount, detail
