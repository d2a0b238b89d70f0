"""Helpers the jurisdiction presets share (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from xborder.dated import Dated, Validity
from xborder.errors import RuleNotApplicableError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

__all__ = [
    "ALCOHOL",
    "TOBACCO",
    "in_force",
    "intersect",
    "required",
    "window",
]

ALCOHOL = ("2203", "2204", "2205", "2206", "2207", "2208")
"""HS headings of beer, wine, fermented beverages, ethyl alcohol and spirits."""
TOBACCO = ("24",)
"""HS chapter 24: tobacco and manufactured tobacco substitutes."""

_D = TypeVar("_D", bound=Dated)


def window(
    valid_from: str, valid_to: str | None, source: str, note: str | None = None
) -> Validity:
    """A validity window (half-open) with its source."""
    return Validity(valid_from=valid_from, valid_to=valid_to, source=source, note=note)


def in_force(versions: Sequence[_D], as_of: dt.date) -> _D | None:
    """The version in force on ``as_of``, or ``None`` (an abolished relief)."""
    for version in versions:
        if version.validity.covers(as_of):
            return version
    return None


def required(
    versions: Sequence[_D],
    as_of: dt.date,
    *,
    what: str,
    allow_out_of_window: bool,
) -> _D:
    """The version in force on ``as_of`` of a rule that must exist (a VAT rate).

    Without one the preset is refused, unless the caller opts in: then the
    nearest earlier version (else the first) is used, and the landed cost
    lists it as out of its window.
    """
    found = in_force(versions, as_of)
    if found is not None:
        return found
    if not allow_out_of_window:
        windows = "; ".join(v.validity.describe() for v in versions)
        raise RuleNotApplicableError(
            "pass allow_out_of_window=True to use the nearest version anyway",
            field="as_of",
            value=as_of,
            expected=f"a day covered by a preset for {what} ({windows})",
        )
    earlier = [v for v in versions if v.validity.valid_from <= as_of]
    if earlier:
        return max(earlier, key=lambda v: v.validity.valid_from)
    return min(versions, key=lambda v: v.validity.valid_from)


def intersect(windows: Sequence[Validity], source: str) -> Validity:
    """The period every window covers (for a regime assembled from parts).

    Windows that do not overlap (a stale version the caller opted into) give
    the latest one's window instead.
    """
    start = max(w.valid_from for w in windows)
    ends = [w.valid_to for w in windows if w.valid_to is not None]
    end = min(ends) if ends else None
    if end is not None and end <= start:
        latest = max(windows, key=lambda w: w.valid_from)
        start, end = latest.valid_from, latest.valid_to
    return Validity(valid_from=start, valid_to=end, source=source)
