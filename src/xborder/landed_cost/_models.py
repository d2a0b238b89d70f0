"""Shipments and their lines (private; see xborder.landed_cost)."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from xborder import units
from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    date_value,
    named_errors,
    positive,
    require,
    text,
    to_decimal,
    tuple_of,
)
from xborder.customs._convert import optional_party, optional_text
from xborder.customs._country import country_code
from xborder.customs._duty import Measure
from xborder.customs._hs import HsCode, hs_code
from xborder.customs._incoterm import Cost, Incoterm, Party, TransportMode
from xborder.customs._scheme import Collector
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money
from xborder.money._money import _make, non_negative_money, optional_money
from xborder.units import (
    KILOGRAM,
    LITRE,
    as_mass,
    as_volume,
    magnitude,
    non_negative_quantity,
)

if TYPE_CHECKING:
    from xborder.units import QuantityInput

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
    """A cost of the shipment other than freight and insurance.

    Args:
        name: What it is ("DDP surcharge", "customs brokerage").
        amount: The amount, in any currency (converted at the regime's FX
            rounding).
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
    """

    name: str = attrs.field(converter=text)
    amount: Money = attrs.field(converter=non_negative_money)
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
    def in_tax_base(self) -> bool:
        """Whether the charge joins the import tax base on its own."""
        if self.kind is ChargeKind.ADDITION:
            return False  # already in the customs value
        if self.taxable is None:
            return self.kind is ChargeKind.ONWARD_TRANSPORT
        return self.taxable


def _quantities(
    values: Mapping[str, DecimalInput | QuantityInput]
    | Iterable[tuple[str, DecimalInput | QuantityInput]],
) -> tuple[tuple[str, Decimal], ...]:
    items = _items(values, "a mapping of measure name to quantity")
    pairs = []
    for name, value in items:
        field = f"[{name!r}]"
        if not isinstance(name, str) or not _MEASURE.match(name):
            raise InvalidInputError(
                field=field, value=name, expected="a lower-case measure name"
            )
        amount = _tariff_quantity(name, value, field)
        require(amount >= 0, field=field, value=value, expected="a quantity >= 0")
        pairs.append((name, amount))
    return tuple(sorted(pairs))


_MEASURE = re.compile(r"^[a-z][a-z0-9_]*$")


def _items(values: object, expected: str) -> list[tuple[object, object]]:
    # A mapping as given, or the tuple of pairs a model stores (attrs.evolve
    # passes stored values back through the converter).
    if isinstance(values, Mapping):
        return list(values.items())
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InvalidTypeError(field=None, value=values, expected=expected)
    pairs = list(values)
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):  # noqa: PLR2004 - pairs
            raise InvalidTypeError(field=None, value=values, expected=expected)
    return pairs


def _tariff_quantity(name: str, value: object, field: str) -> Decimal:
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return to_decimal(value, field=field)
    if isinstance(value, str):
        try:
            return to_decimal(value, field=field)
        except InvalidInputError:
            pass  # "12 kg": a quantity with a unit, read below
    if name == Measure.KG:
        return magnitude(value, KILOGRAM, field=field)  # type: ignore[arg-type]
    if name == Measure.LITRE:
        return magnitude(value, LITRE, field=field)  # type: ignore[arg-type]
    raise InvalidInputError(
        field=field,
        value=value,
        expected=f"a number of {name!r} (quantities with units only for 'kg' and 'l')",
    )


def _optional_mass(value: QuantityInput | None) -> units.Quantity | None:
    return None if value is None else as_mass(value)


def _optional_volume(value: QuantityInput | None) -> units.Quantity | None:
    return None if value is None else as_volume(value)


def _non_negative_optional(
    instance: object, attribute: attrs.Attribute[Any], value: units.Quantity | None
) -> None:
    if value is not None:
        non_negative_quantity(instance, attribute, value)


def _line_code(value: HsCode | str) -> HsCode:
    code = hs_code(value)
    require(
        len(code.digits) >= 6,  # noqa: PLR2004 - the harmonised subheading
        field=None,
        value=value,
        expected="at least the 6-digit HS subheading",
    )
    return code


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class Line:
    """One SKU on a shipment: what it is, where it was made, how many, at what price.

    Args:
        sku: Your stock-keeping unit.
        hs_code: The goods' classification, at least 6 digits.
        origin_country: Where the goods were made (rules of origin), which
            can differ from the country they ship from.
        quantity: How many units (> 0; decimals for goods sold by length
            or weight).
        unit_price: The price of one unit, in the invoice currency.
        description: What the goods are, in words a customs officer reads.
        unit_weight: Net mass of one unit (any mass unit).
        unit_volume: Volume of one unit as packed (for allocation by volume
            or chargeable weight).
        tariff_quantities: Quantities a specific duty is charged on, for the
            whole line, by measure: ``{"l": "75 L", "pair": 24}``. ``"kg"``
            defaults to unit weight × quantity and ``"item"`` to quantity.
        preference_claim: A tariff preference the importer claims (with proof
            of origin): the name of a :class:`~xborder.customs.TariffMeasure`
            preference.

    Examples:
        >>> line = Line(
        ...     sku="PH-01",
        ...     hs_code="3926.90.97",
        ...     origin_country="CN",
        ...     quantity=200,
        ...     unit_price=Money("2.35", "USD"),
        ...     unit_weight="85 g",
        ... )
        >>> str(line.goods_value), line.net_weight, line.tariff_quantity("item")
        ('470.00 USD', Decimal('17.000'), Decimal('200'))
    """

    sku: str = attrs.field(converter=text)
    hs_code: HsCode = attrs.field(converter=_line_code)
    origin_country: str = attrs.field(converter=country_code)
    quantity: Decimal = attrs.field(converter=positive)
    unit_price: Money = attrs.field(converter=non_negative_money)
    description: str | None = attrs.field(default=None, converter=optional_text)
    unit_weight: units.Quantity | None = attrs.field(
        default=None, converter=_optional_mass, validator=_non_negative_optional
    )
    unit_volume: units.Quantity | None = attrs.field(
        default=None, converter=_optional_volume, validator=_non_negative_optional
    )
    tariff_quantities: tuple[tuple[str, Decimal], ...] = attrs.field(
        factory=dict, converter=_quantities
    )
    preference_claim: str | None = attrs.field(default=None, converter=optional_text)

    @property
    def goods_value(self) -> Money:
        """``unit_price × quantity``, exact, in the invoice currency."""
        price = self.unit_price
        return _make(EXACT.multiply(price.amount, self.quantity), price.currency)

    @property
    def net_weight(self) -> Decimal | None:
        """Net mass of the line in kg, if the unit weight is known."""
        if self.unit_weight is None:
            return None
        return EXACT.multiply(self.unit_weight.magnitude, self.quantity)

    @property
    def volume(self) -> Decimal | None:
        """Volume of the line in cm³, if the unit volume is known."""
        if self.unit_volume is None:
            return None
        return EXACT.multiply(self.unit_volume.magnitude, self.quantity)

    def tariff_quantity(self, measure: str) -> Decimal | None:
        """The line's quantity in ``measure``: given, or derived for kg and item."""
        for name, amount in self.tariff_quantities:
            if name == measure:
                return amount
        if measure == Measure.KG:
            return self.net_weight
        if measure == Measure.ITEM:
            return self.quantity
        return None

    def measures(self) -> dict[str, Decimal]:
        """Every quantity a specific duty could use, by measure."""
        found = dict(self.tariff_quantities)
        if Measure.KG not in found and self.net_weight is not None:
            found[Measure.KG.value] = self.net_weight
        found.setdefault(Measure.ITEM.value, self.quantity)
        return found


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
