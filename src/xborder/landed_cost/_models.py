"""Shipments, their charges and how shared costs are split (private).

See :mod:`xborder.landed_cost`; lines are in ``_line``.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from xborder._country import country_code
from xborder._validate import (
    DecimalInput,
    date_value,
    named_errors,
    positive,
    require,
    text,
    tuple_of,
)
from xborder.customs import Collector, Cost, Incoterm, Party, TransportMode
from xborder.customs.converters import optional_party
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.landed_cost._line import Line
from xborder.money import Money
from xborder.money.converters import money_value, optional_money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["AllocationBasis", "Charge", "ChargeKind", "Line", "Shipment"]


class AllocationBasis(enum.StrEnum):
    """How a shared cost is split over a shipment's lines.

    Every split is exact (largest remainder, to the minor unit), gives no
    line a negative share, and refuses a basis that is zero for every line
    rather than falling back to an equal split.

    Examples:
        >>> AllocationBasis.CHARGEABLE_WEIGHT.value
        'chargeable weight'
    """

    EQUAL = "equal"
    """The same share per line."""
    QUANTITY = "quantity"
    """By number of units."""
    VALUE = "value"
    """By goods value in the destination currency (customs practice for freight)."""
    WEIGHT = "weight"
    """By net weight (unit weight × quantity)."""
    CHARGEABLE_WEIGHT = "chargeable weight"
    """By the larger of actual and volumetric weight, as carriers bill."""
    VOLUME = "volume"
    """By volume (unit volume × quantity)."""
    DUTY = "duty"
    """By each line's duties (customs, additional and excise)."""


class ChargeKind(enum.StrEnum):
    """What a shipment charge is, which decides where it enters the computation.

    Examples:
        >>> ChargeKind.BROKER.cost
        <Cost.IMPORT_CLEARANCE: 'import clearance'>
    """

    ADDITION = "addition to the customs value"
    """Packing, selling commissions, royalties, assists: dutiable."""
    ONWARD_TRANSPORT = "transport after the border"
    """Carriage from the border to the first destination: taxed, not dutiable."""
    BROKER = "customs broker fee"
    """Clearance, disbursement and advancement fees."""
    CARRIER = "carrier fee"
    """Carrier surcharges (a DDP surcharge, fuel)."""
    OTHER = "other cost"
    """Anything else that is part of the landed cost."""

    @property
    def cost(self) -> Cost | None:
        """The Incoterms cost it corresponds to, if any."""
        return _CHARGE_COSTS.get(self)


_CHARGE_COSTS = {
    ChargeKind.ONWARD_TRANSPORT: Cost.DESTINATION_DELIVERY,
    ChargeKind.BROKER: Cost.IMPORT_CLEARANCE,
    ChargeKind.CARRIER: Cost.MAIN_CARRIAGE,
}


def _kind(value: ChargeKind) -> ChargeKind:
    if not isinstance(value, ChargeKind):
        raise InvalidTypeError(field=None, value=value, expected="a ChargeKind")
    return value


def _basis(value: AllocationBasis) -> AllocationBasis:
    if not isinstance(value, AllocationBasis):
        raise InvalidTypeError(field=None, value=value, expected="an AllocationBasis")
    return value


def _optional_bool(value: bool | None) -> bool | None:  # noqa: FBT001 - a converter
    if value is not None and not isinstance(value, bool):
        raise InvalidTypeError(field=None, value=value, expected="a bool or None")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Charge:
    """A cost of the shipment other than freight and insurance, or a credit.

    A negative amount is a credit (a forwarder's rebate, a credit note for
    a damaged carton): it is converted and shared over the lines like any
    charge, and reduces what its kind feeds (an addition's credit reduces
    the customs value, an onward-transport credit the VAT base). A credit
    may not leave a line with less than nothing: each line's charges, its
    additions, its onward transport and its other taxable charges, net of
    credits, must stay >= 0, or the landed cost is refused naming the line.

    Args:
        name: What it is ("DDP surcharge", "customs brokerage").
        amount: The amount, in any currency (converted at the regime's FX
            rounding); negative for a credit.
        kind: Where it enters: the customs value, the VAT base, or neither.
        basis: How it is split over the lines.
        payer: Who bears it; ``None`` derives it from the Incoterm.
        taxable: Whether import VAT/GST is charged on it; ``None`` means
            only onward transport is (additions are taxed as part of the
            customs value).

    Examples:
        >>> surcharge = Money("15.00", "USD")
        >>> kind = ChargeKind.CARRIER
        >>> fee = Charge(name="DDP surcharge", amount=surcharge, kind=kind)
        >>> fee.in_tax_base
        False
        >>> rebate = Charge(name="rebate", amount=Money("-5.00", "USD"), kind=kind)
        >>> rebate.is_credit
        True
    """

    name: str = attrs.field(converter=text)
    amount: Money = attrs.field(converter=money_value)
    kind: ChargeKind = attrs.field(converter=_kind)
    basis: AllocationBasis = attrs.field(
        default=AllocationBasis.VALUE, converter=_basis
    )
    payer: Party | None = attrs.field(default=None, converter=optional_party)
    taxable: bool | None = attrs.field(default=None, converter=_optional_bool)

    def __attrs_post_init__(self) -> None:
        if self.kind is ChargeKind.ADDITION and self.basis is AllocationBasis.DUTY:
            raise InvalidInputError(
                "duty depends on the customs value, which the addition is part of",
                field="basis",
                value=self.basis,
                expected="a basis other than DUTY for an addition",
            )
        if self.kind is ChargeKind.ADDITION and self.taxable is False:
            raise InvalidInputError(
                field="taxable",
                value=self.taxable,
                expected="None or True for an addition (it is in the customs value)",
            )

    @property
    def is_credit(self) -> bool:
        """Whether the amount is negative: a credit, not a cost."""
        return self.amount.is_negative()

    @property
    def in_tax_base(self) -> bool:
        """Whether the charge joins the import tax base on its own."""
        if self.kind is ChargeKind.ADDITION:
            return False  # already in the customs value
        if self.taxable is None:
            return self.kind is ChargeKind.ONWARD_TRANSPORT
        return self.taxable


def _lines(values: Iterable[Line]) -> tuple[Line, ...]:
    lines = tuple_of(values, Line)
    require(bool(lines), field=None, value=lines, expected="at least one line")
    return lines


def _charges(values: Iterable[Charge]) -> tuple[Charge, ...]:
    return tuple_of(values, Charge)


def _incoterm(value: Incoterm) -> Incoterm:
    if not isinstance(value, Incoterm):
        raise InvalidTypeError(field=None, value=value, expected="an Incoterm")
    return value


def _mode(value: TransportMode) -> TransportMode:
    if not isinstance(value, TransportMode):
        raise InvalidTypeError(field=None, value=value, expected="a TransportMode")
    return value


def _collector(value: Collector | None) -> Collector | None:
    if value is not None and not isinstance(value, Collector):
        raise InvalidTypeError(field=None, value=value, expected="a Collector or None")
    return value


def _divisor(value: DecimalInput | None) -> Decimal | None:
    return None if value is None else positive(value)


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Shipment:
    """A consignment crossing one border: its lines and what it cost to move.

    Args:
        lines: The goods (at least one line).
        export_country: The country the goods ship from (place of direct
            shipment), which thresholds such as Canada's CAD 40 look at.
        destination_country: The country of import.
        incoterm: The Incoterms® 2020 rule of the sale.
        mode: How the goods travel.
        import_date: The day the goods are imported.
        freight: International freight to the destination, in any currency.
        insurance: Cargo insurance, in any currency.
        charges: Other costs: additions to the customs value, onward
            transport, broker and carrier fees.
        duties_paid_by: Who pays duties, import taxes and government fees;
            ``None`` follows the Incoterm (the seller under DDP). A DAP sale
            whose seller prepays duties ("DDP by the back door", a
            marketplace's hidden DDP) sets it explicitly.
        collector: Who charges VAT/GST at the sale under a point-of-sale
            scheme (IOSS, UK ≤ £135, Australia's LVG): the seller or the
            marketplace; ``None`` if nobody does.
        freight_basis: How freight is split over the lines.
        insurance_basis: How insurance is split over the lines.
        volumetric_divisor: cm³ per kg for chargeable weight (5000 for most
            express carriers); needed only to split by chargeable weight.

    Raises:
        InvalidInputError: Goods ship to the country they ship from.

    Examples:
        >>> from xborder.customs import Incoterm, Party, TransportMode
        >>> shipment = Shipment(
        ...     lines=[Line(sku="PH-01", hs_code="392690", origin_country="CN",
        ...                 quantity=100, unit_price=Money("2.35", "USD"))],
        ...     export_country="CN",
        ...     destination_country="US",
        ...     incoterm=Incoterm.DAP,
        ...     mode=TransportMode.AIR,
        ...     import_date="2026-09-15",
        ...     freight=Money("38.00", "USD"),
        ... )
        >>> shipment.import_payer
        <Party.BUYER: 'buyer'>
    """

    lines: tuple[Line, ...] = attrs.field(converter=_lines)
    export_country: str = attrs.field(converter=country_code)
    destination_country: str = attrs.field(converter=country_code)
    incoterm: Incoterm = attrs.field(converter=_incoterm)
    mode: TransportMode = attrs.field(converter=_mode)
    import_date: dt.date = attrs.field(converter=date_value)
    freight: Money | None = attrs.field(default=None, converter=optional_money)
    insurance: Money | None = attrs.field(default=None, converter=optional_money)
    charges: tuple[Charge, ...] = attrs.field(default=(), converter=_charges)
    duties_paid_by: Party | None = attrs.field(default=None, converter=optional_party)
    collector: Collector | None = attrs.field(default=None, converter=_collector)
    freight_basis: AllocationBasis = attrs.field(
        default=AllocationBasis.VALUE, converter=_basis
    )
    insurance_basis: AllocationBasis = attrs.field(
        default=AllocationBasis.VALUE, converter=_basis
    )
    volumetric_divisor: Decimal | None = attrs.field(default=None, converter=_divisor)

    def __attrs_post_init__(self) -> None:
        require(
            self.destination_country != self.export_country,
            field="destination_country",
            value=self.destination_country,
            expected=f"a country other than the export country {self.export_country}",
        )
        for name in ("freight_basis", "insurance_basis"):
            if getattr(self, name) is AllocationBasis.DUTY:
                raise InvalidInputError(
                    "freight and insurance are part of the customs value duty is "
                    "charged on",
                    field=name,
                    value=AllocationBasis.DUTY,
                    expected="a basis other than DUTY",
                )

    @property
    def import_payer(self) -> Party:
        """Who pays duties, import taxes and government fees."""
        if self.duties_paid_by is not None:
            return self.duties_paid_by
        return self.incoterm.payer(Cost.IMPORT_DUTIES_AND_TAXES)

    def payer_of(self, cost: Cost) -> Party:
        """Who bears ``cost`` under the shipment's Incoterm."""
        return self.incoterm.payer(cost)
