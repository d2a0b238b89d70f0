"""Rules that change on known dates: validity windows, sources, and selection.

Thresholds, tax rates, fee schedules and account-health targets change on
dates set by governments and marketplaces. xborder ships the few it can
source as small presets, each with a :class:`Validity`: the first day it
applies, the first day it no longer applies, and where it was read. A
calculation names its date (``as_of``); xborder never reads a clock.

Windows are half-open, ``[valid_from, valid_to)``: the EU's €22 import VAT
exemption has ``valid_to=2021-07-01`` because 1 July 2021 is the first day
it was gone.

Examples:
    >>> import datetime as dt
    >>> window = Validity(
    ...     valid_from="2021-07-01",
    ...     valid_to=None,
    ...     source="https://taxation-customs.ec.europa.eu/",
    ... )
    >>> window.covers(dt.date(2026, 7, 1))
    True
    >>> window.covers(dt.date(2021, 6, 30))
    False
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs

from xborder._guard import guard_public
from xborder._validate import (
    date_value,
    flag,
    items_of,
    named_errors,
    optional_date,
    text,
)
from xborder.errors import (
    InvalidInputError,
    InvalidTypeError,
    RuleNotApplicableError,
    XborderError,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Dated", "Validity", "check_in_force", "select_in_force"]


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Validity:
    """When a rule applies and where it comes from.

    Args:
        valid_from: First day the rule applies.
        valid_to: First day it no longer applies (exclusive), or ``None`` if
            no end is known.
        source: URL (or citation) of the text the rule was read from.
        note: Anything a user must know: a caveat, a pending change.

    Raises:
        InvalidInputError: ``valid_to`` is not after ``valid_from``.

    Examples:
        >>> window = Validity(
        ...     valid_from="2010-01-01", valid_to="2021-07-01", source="https://eur-lex.europa.eu/"
        ... )
        >>> window.describe()
        '2010-01-01 to 2021-07-01 (exclusive)'
        >>> Validity(valid_from="2021-07-01", valid_to="2021-01-01", source="x")
        Traceback (most recent call last):
        ...
        xborder.errors.InvalidInputError: valid_to: expected a day after valid_from ...
    """

    valid_from: dt.date = attrs.field(converter=date_value)
    valid_to: dt.date | None = attrs.field(converter=optional_date)
    source: str = attrs.field(converter=text)
    note: str | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.valid_to is not None and self.valid_to <= self.valid_from:
            raise InvalidInputError(
                field="valid_to",
                value=self.valid_to,
                expected=f"a day after valid_from ({self.valid_from})",
            )
        if self.note is not None and not isinstance(self.note, str):
            raise InvalidTypeError(field="note", value=self.note, expected="a str")

    def covers(self, as_of: dt.date) -> bool:
        """Whether the rule applies on ``as_of``."""
        day = _day(as_of)
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def describe(self) -> str:
        """The window in words: ``from 2021-07-01`` or ``2019-01-01 to 2021-07-01``."""
        if self.valid_to is None:
            return f"from {self.valid_from}"
        return f"{self.valid_from} to {self.valid_to} (exclusive)"


class Dated(Protocol):
    """Anything with a :class:`Validity`: presets, fee schedules, thresholds."""

    @property
    def validity(self) -> Validity:
        """When the item applies and where it comes from."""
        ...


_D = TypeVar("_D", bound=Dated)


def check_in_force(
    item: _D, as_of: dt.date, *, allow_out_of_window: bool = False
) -> _D:
    """Return ``item`` if it applies on ``as_of``; refuse it otherwise.

    Args:
        item: A dated rule.
        as_of: The day of the calculation.
        allow_out_of_window: Use the rule anyway (a what-if with a rule
            from another period); the caller takes responsibility.

    Raises:
        RuleNotApplicableError: The rule is not in force on ``as_of`` and
            ``allow_out_of_window`` is false.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Threshold:
        ...     amount: int
        ...     validity: Validity
        >>> old = Threshold(22, Validity(valid_from="2010-01-01", valid_to="2021-07-01",
        ...                              source="https://eur-lex.europa.eu/"))
        >>> check_in_force(old, dt.date(2020, 1, 1)).amount
        22
        >>> check_in_force(old, dt.date(2022, 1, 1))
        Traceback (most recent call last):
        ...
        xborder.errors.RuleNotApplicableError: as_of: expected a day in the rule's ...
    """
    validity = _validity(item, "item")
    day = _day(as_of)
    anyway = _flag(allow_out_of_window, "allow_out_of_window")
    if not anyway and not validity.covers(day):
        raise RuleNotApplicableError(
            "pass allow_out_of_window=True to use it anyway",
            field="as_of",
            value=day,
            expected=f"a day in the rule's window, {validity.describe()}",
        )
    return item


def select_in_force(items: Iterable[_D], as_of: dt.date) -> _D:
    """Pick the one item in force on ``as_of`` among versions of a rule.

    Raises:
        RuleNotApplicableError: None of the items applies on ``as_of``.
        InvalidInputError: More than one does (the versions overlap).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Threshold:
        ...     amount: int
        ...     validity: Validity
        >>> source = "https://eur-lex.europa.eu/"
        >>> until = Validity(valid_from="2010-01-01", valid_to="2021-07-01",
        ...     source=source)
        >>> since = Validity(valid_from="2021-07-01", valid_to=None, source=source)
        >>> versions = [Threshold(22, until), Threshold(0, since)]
        >>> select_in_force(versions, dt.date(2021, 6, 30)).amount
        22
        >>> select_in_force(versions, dt.date(2021, 7, 1)).amount
        0
    """
    day = _day(as_of)
    versions = _versions(items)
    matching = [item for item in versions if item.validity.covers(day)]
    if not matching:
        windows = "; ".join(item.validity.describe() for item in versions)
        raise RuleNotApplicableError(
            field="as_of",
            value=day,
            expected=f"a day covered by one version ({windows or 'no versions'})",
        )
    if len(matching) > 1:
        raise InvalidInputError(
            field="items",
            value=[item.validity.describe() for item in matching],
            expected=f"exactly one version in force on {day}",
        )
    return matching[0]


def _day(value: dt.date | str) -> dt.date:
    if type(value) is dt.date:  # the common case, without a try block
        return value
    try:
        return date_value(value)
    except XborderError as error:
        raise error.in_field("as_of") from None


def _validity(item: object, field: str) -> Validity:
    validity = getattr(item, "validity", None)
    if not isinstance(validity, Validity):
        raise InvalidTypeError(
            field=field, value=item, expected="a dated item with a Validity"
        )
    return validity


def _flag(value: bool, field: str) -> bool:  # noqa: FBT001 - one checked value
    try:
        return flag(value)
    except XborderError as error:
        raise error.in_field(field) from None


def _versions(items: Iterable[_D]) -> tuple[_D, ...]:
    versions = items_of(items, field="items", expected="an iterable of dated items")
    for index, item in enumerate(versions):
        _validity(item, f"items[{index}]")
    return versions


# Every public name runs in xborder's own decimal context (see xborder._guard).
guard_public(__name__)
