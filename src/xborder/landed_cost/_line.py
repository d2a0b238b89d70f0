"""A shipment line: what it is, where it was made, how many, at what price.

Private; see :mod:`xborder.landed_cost`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from xborder import units
from xborder._country import country_code
from xborder._exact import EXACT
from xborder._validate import (
    DecimalInput,
    in_range,
    items_of,
    named_errors,
    optional_text,
    positive,
    require,
    text,
    to_decimal,
)
from xborder.customs._duty import Measure
from xborder.customs._hs import HsCode, hs_code
from xborder.errors import InvalidInputError, InvalidTypeError
from xborder.money import Money
from xborder.money._money import _make, non_negative_money
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

__all__ = ["Line"]


def _quantities(
    values: Mapping[str, DecimalInput | QuantityInput]
    | Iterable[tuple[str, DecimalInput | QuantityInput]],
) -> tuple[tuple[str, Decimal], ...]:
    items = _items(values, "a mapping of measure name to quantity")
    pairs = []
    for index, (name, value) in enumerate(items):
        # Named by the key as written if it is short text, else by position.
        short = isinstance(name, str) and len(name) <= _SHORT
        field = f"[{name!r}]" if short else f"[{index}]"
        if not isinstance(name, str) or not _MEASURE.match(name):
            raise InvalidInputError(
                field=field, value=name, expected="a lower-case measure name"
            )
        amount = _tariff_quantity(name, value, field)
        require(amount >= 0, field=field, value=value, expected="a quantity >= 0")
        pairs.append((name, amount))
    return tuple(sorted(pairs))


_MEASURE = re.compile(r"^[a-z][a-z0-9_]*$")
_SHORT = 40  # characters of a key shown in a field name


def _items(values: object, expected: str) -> Sequence[tuple[object, object]]:
    # A mapping as given, or the tuple of pairs a model stores (attrs.evolve
    # passes stored values back through the converter).
    if isinstance(values, Mapping):
        return list(values.items())
    pairs: tuple[object, ...] = items_of(
        values,  # type: ignore[arg-type]
        field=None,
        expected=expected,
    )
    checked = []
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):  # noqa: PLR2004 - pairs
            raise InvalidTypeError(field=None, value=values, expected=expected)
        checked.append((pair[0], pair[1]))
    return checked


def _tariff_quantity(name: str, value: object, field: str) -> Decimal:
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return to_decimal(value, field=field)
    if isinstance(value, str):
        try:
            return to_decimal(value, field=field)
        except InvalidInputError:
            pass  # "12 kg": a quantity with a unit, read below
    if name == Measure.KG:
        amount = magnitude(value, KILOGRAM, field=field)  # type: ignore[arg-type]
        return _within_range(amount, value, field)
    if name == Measure.LITRE:
        amount = magnitude(value, LITRE, field=field)  # type: ignore[arg-type]
        return _within_range(amount, value, field)
    raise InvalidInputError(
        field=field,
        value=value,
        expected=f"a number of {name!r} (quantities with units only for 'kg' and 'l')",
    )


def _optional_mass(value: QuantityInput | None) -> units.Quantity | None:
    if value is None:
        return None
    mass = as_mass(value)
    _within_range(mass.magnitude, value, None)
    return mass


def _optional_volume(value: QuantityInput | None) -> units.Quantity | None:
    if value is None:
        return None
    volume = as_volume(value)
    _within_range(volume.magnitude, value, None)
    return volume


def _within_range(magnitude: Decimal, value: object, field: str | None) -> Decimal:
    # The canonical magnitude (kg, cm³, l) is what the calculator multiplies:
    # xborder's bounds apply to it, whatever unit it was written in ("1E+35 t"
    # is 1E+38 kg).
    if magnitude and not in_range(magnitude):
        raise InvalidInputError(field=field, value=value, expected=_IN_RANGE)
    return magnitude


_IN_RANGE = (
    "a quantity smaller than 1E+36 with no digit below 1E-100 in its canonical unit"
)


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
        if not isinstance(measure, str):
            raise InvalidTypeError(
                field="measure", value=measure, expected="a measure name"
            )
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
