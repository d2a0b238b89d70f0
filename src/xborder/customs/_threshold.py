"""De minimis thresholds: value tests that waive duty, tax or fees (private)."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from xborder._country import country_code
from xborder._validate import items_of, named_errors, text
from xborder.customs._convert import (
    country_set,
    hs_codes,
    mode_set,
    optional_text,
    validity_value,
)
from xborder.customs._hs import HsCode, code_argument
from xborder.customs._incoterm import TransportMode
from xborder.dated import Validity
from xborder.errors import InvalidInputError, InvalidTypeError, XborderError
from xborder.money import Money
from xborder.money._money import non_negative_money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Relief", "Scope", "Threshold", "ValueBasis"]


class Relief(enum.StrEnum):
    """What a threshold waives when the value is at or below it.

    Examples:
        >>> sorted(relief.value for relief in Relief)
        ['duty', 'fees', 'tax']
    """

    DUTY = "duty"
    """Customs duty, additional duties and excise."""
    TAX = "tax"
    """Import VAT/GST collected at the border."""
    FEES = "fees"
    """Government fees on the entry (the US MPF on a Section 321 release)."""


class ValueBasis(enum.StrEnum):
    """Which value a threshold is tested on.

    Examples:
        >>> ValueBasis.INTRINSIC.value
        'intrinsic value'
    """

    INTRINSIC = "intrinsic value"
    """The goods alone, without transport and insurance (EU €150, UK £135)."""
    CUSTOMS_VALUE = "customs value"
    """The value for duty: CIF or FOB as the jurisdiction values goods."""


class Scope(enum.StrEnum):
    """What a threshold's value adds up.

    Examples:
        >>> Scope.CONSIGNMENT.value
        'per consignment'
    """

    CONSIGNMENT = "per consignment"
    """All lines of the shipment together."""
    LINE = "per line"
    """Each shipment line on its own."""
    ITEM = "per item"
    """Each unit on its own: a line's value divided by its quantity."""


def _reliefs(values: Iterable[Relief]) -> frozenset[Relief]:
    items = items_of(values, field=None, expected="Relief members")
    for index, relief in enumerate(items):  # before hashing: a list would not hash
        if not isinstance(relief, Relief):
            raise InvalidTypeError(
                field=f"[{index}]", value=relief, expected="a Relief"
            )
    if not items:
        raise InvalidInputError(
            field=None, value=values, expected="one or more Relief members"
        )
    return frozenset(items)


def _basis(value: ValueBasis) -> ValueBasis:
    if not isinstance(value, ValueBasis):
        raise InvalidTypeError(field=None, value=value, expected="a ValueBasis")
    return value


def _scope(value: Scope) -> Scope:
    if not isinstance(value, Scope):
        raise InvalidTypeError(field=None, value=value, expected="a Scope")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Threshold:
    """A de minimis rule: at or below ``amount``, the ``reliefs`` apply.

    Every condition must hold for the threshold to apply at all; then the
    value is compared with ``amount`` (at or below: relief). Goods it
    excludes (by HS prefix or origin) never get the relief, whatever the
    value, but still count towards it.

    Args:
        id: A stable name for the audit trail.
        name: The rule in words ("Low value consignment relief").
        reliefs: What is waived at or below the amount.
        amount: The threshold, in its own currency (converted with the FX
            table when the jurisdiction's currency differs).
        basis: Which value is tested.
        scope: Per consignment or per line.
        modes: Transport modes it applies to; ``None`` for all.
        ship_from: Countries of export it applies to; ``None`` for all.
        ship_from_excluded: Countries of export it does not apply to.
        excluded_hs: HS prefixes that never get the relief (alcohol 22,
            tobacco 24, perfume 3303).
        excluded_origins: Countries of origin whose goods never get it.
        validity: When the rule applies, and its source.
        note: Caveats.

    Examples:
        >>> from xborder.dated import Validity
        >>> relief = Threshold(
        ...     id="EU-duty-relief-150",
        ...     name="Customs duty relief",
        ...     reliefs={Relief.DUTY},
        ...     amount=Money(150, "EUR"),
        ...     excluded_hs=["2203", "24"],
        ...     validity=Validity(
        ...         valid_from="2021-07-01", valid_to="2026-07-01", source="zoll.de"
        ...     ),
        ... )
        >>> relief.describe()
        'duty waived at or below 150 EUR intrinsic value per consignment'
        >>> relief.excludes(HsCode("240220"), "CN")
        True
    """

    id: str = attrs.field(converter=text)
    name: str = attrs.field(converter=text)
    reliefs: frozenset[Relief] = attrs.field(converter=_reliefs)
    amount: Money = attrs.field(converter=non_negative_money)
    validity: Validity = attrs.field(converter=validity_value)
    basis: ValueBasis = attrs.field(default=ValueBasis.INTRINSIC, converter=_basis)
    scope: Scope = attrs.field(default=Scope.CONSIGNMENT, converter=_scope)
    modes: frozenset[TransportMode] | None = attrs.field(
        default=None, converter=mode_set
    )
    ship_from: frozenset[str] | None = attrs.field(default=None, converter=country_set)
    ship_from_excluded: frozenset[str] | None = attrs.field(
        default=None, converter=country_set
    )
    excluded_hs: tuple[HsCode, ...] = attrs.field(default=(), converter=hs_codes)
    excluded_origins: frozenset[str] | None = attrs.field(
        default=None, converter=country_set
    )
    note: str | None = attrs.field(default=None, converter=optional_text)

    def applies_to(self, mode: TransportMode, ship_from: str) -> bool:
        """Whether the threshold's conditions hold for a shipment."""
        if not isinstance(mode, TransportMode):  # "air" would never match
            raise InvalidTypeError(field="mode", value=mode, expected="a TransportMode")
        _country_argument(ship_from, "ship_from")
        return (
            (self.modes is None or mode in self.modes)
            and (self.ship_from is None or ship_from in self.ship_from)
            and (
                self.ship_from_excluded is None
                or ship_from not in self.ship_from_excluded
            )
        )

    def excludes(self, code: HsCode, origin: str) -> bool:
        """Whether goods of ``code`` from ``origin`` are outside the relief."""
        _country_argument(origin, "origin")
        if self.excluded_origins is not None and origin in self.excluded_origins:
            return True
        code = code_argument(code)
        return any(code.startswith(prefix) for prefix in self.excluded_hs)

    def describe(self) -> str:
        """The rule in words: ``duty waived at or below 150 EUR intrinsic value``."""
        reliefs = " and ".join(r.value for r in Relief if r in self.reliefs)
        return (
            f"{reliefs} waived at or below {self.amount} {self.basis.value} "
            f"{self.scope.value}"
        )


def _country_argument(value: str, field: str) -> None:
    # Looked up in sets of codes: a list would not hash, "de" never match.
    try:
        country_code(value)
    except XborderError as error:
        raise error.in_field(field) from None
